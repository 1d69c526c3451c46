"""Paths and tuning constants, in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PATTERNS_DIR = PACKAGE_DIR / "nlp" / "patterns"


def _limit(name: str, default: int) -> int:
    """A limit from the environment variable `name` when it is set, else the default."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"{name} must be a positive whole number, not {value!r}")
    return int(value)


# Files larger than this are not read at all (a report of several hundred pages is ~20 MB). Environment:
# PIPELINE_MAX_FILE_MB.
MAX_FILE_BYTES = _limit("PIPELINE_MAX_FILE_MB", 200) * 1024 * 1024
# PDF pages read per document. A longer PDF keeps its first MAX_PAGES pages and gets status too_large, so a
# runaway file (a scanned archive, a data dump) costs bounded time while its start is still searchable. At the
# ~0.15 s a page measured on text-heavy reports, 1000 pages take about 2.5 minutes: longer than any report seen
# here (the longest sample runs to 86 pages), shorter than the per-document time limit. Environment:
# PIPELINE_MAX_PAGES.
MAX_PAGES = _limit("PIPELINE_MAX_PAGES", 1000)


@dataclass(frozen=True)
class Limits:
    """Per-document input limits; pass other values to `process_file` to change them for a run."""

    max_file_bytes: int = MAX_FILE_BYTES
    max_pages: int = MAX_PAGES


# A word counts as "known English" when its Zipf frequency (wordfreq, log10 per billion words) is at least
# this; 3.0 is about one use per million words, enough to exclude extraction debris such as "nancial" (1.2).
KNOWN_WORD_ZIPF = 3.0
# A repaired spelling must be this much more frequent than the damaged one before we replace it.
REPAIR_MIN_GAIN_ZIPF = 1.5

# A document still being processed after this many seconds is stopped and gets status "timeout". The
# slowest real report seen here (a 400-page text-heavy PDF) takes ~60 s; ten times that catches runaways.
DOCUMENT_TIME_LIMIT_S = 600.0
