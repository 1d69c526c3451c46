"""Shared fixtures. Prefect settings are fixed here, at import time, before any test module can import prefect:
its home goes to a throwaway folder and it sends no analytics."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="prefect-home-")
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["DO_NOT_TRACK"] = "1"
# CI machines are busy: give Prefect's temporary API server more than its default 20 s to start.
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")

import pytest  # noqa: E402

REPO_DIR = Path(__file__).resolve().parent.parent
RAW_DIR = REPO_DIR / "raw"
# A programme web page saved as text (one page, "•" bullets, figures, no recommendations).
PROGRAMME_PAGE = RAW_DIR / "000_bff2ed9d8e1e0a7f.txt"
# A long atlas extracted from PDF: lost fi/fl ligatures, "џ" bullets, audience headings after their lists.
ATLAS = RAW_DIR / "004_2daf2edc09ea7d9b.txt"
SHARED_CORPUS = REPO_DIR.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    return RAW_DIR


@pytest.fixture(scope="session")
def programme_page() -> Path:
    return PROGRAMME_PAGE


@pytest.fixture(scope="session")
def atlas() -> Path:
    return ATLAS


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    """The shared corpus beside the repository; tests that need it are skipped where it is absent."""
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"{SHARED_CORPUS} is not present")
    return SHARED_CORPUS
