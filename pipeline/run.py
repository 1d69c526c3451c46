"""The whole pipeline without any orchestrator: discover -> process each file -> tables -> validate -> publish."""

from __future__ import annotations

import logging
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline.process import process_file
from pipeline.publish import DEFAULT_KEEP_VERSIONS, publish
from pipeline.records import DocumentResult
from pipeline.tables import build_tables
from pipeline.validate import ValidationFailed, validate_tables

log = logging.getLogger(__name__)

# Files in the source folder that configure a run rather than being reports.
CONFIG_FILES = frozenset({"organisations.yml", "passwords.yml"})
FAILURES_FILE = "validation_failures.csv"


@dataclass(frozen=True)
class RunSummary:
    version: Path
    documents: int
    statuses: dict[str, int]
    rows: dict[str, int]


def discover(src_dir: Path) -> list[Path]:
    """Every report file below src_dir, in a stable order; hidden files and run configuration are skipped."""
    src_dir = Path(src_dir)
    if not src_dir.is_dir():
        raise FileNotFoundError(f"source folder {src_dir} does not exist or is not a folder")
    files = [p for p in src_dir.rglob("*")
             if p.is_file() and not p.is_symlink() and p.name not in CONFIG_FILES
             and not any(part.startswith(".") for part in p.relative_to(src_dir).parts)]
    return sorted(files, key=lambda p: p.relative_to(src_dir).as_posix())


def process_all(src_dir: Path, files: list[Path]) -> list[DocumentResult]:
    """Process files one by one, logging progress."""
    results = []
    for number, path in enumerate(files, start=1):
        started = time.perf_counter()
        result = process_file(src_dir, path)
        log.info("[%d/%d] %s: %s, %d pages, %d mentions, %d figures, %d recommendations (%.1fs)", number, len(files),
                 result.source, result.status, result.pages, len(result.mentions), len(result.figures),
                 len(result.recommendations), time.perf_counter() - started)
        results.append(result)
    return results


def finish(results: list[DocumentResult], out_dir: Path, keep_versions: int = DEFAULT_KEEP_VERSIONS) -> RunSummary:
    """Resolve, validate and publish; on validation failure write the failure report and publish nothing."""
    tables = build_tables(results)
    try:
        validated = validate_tables(tables)
    except ValidationFailed as exc:
        write_failures(exc.failures, out_dir)
        raise
    version = publish(validated, out_dir, keep_versions)
    statuses = Counter(validated["documents"]["status"])
    return RunSummary(version, len(results), dict(statuses), {name: len(frame) for name, frame in validated.items()})


def write_failures(failures: pd.DataFrame, out_dir: Path) -> Path:
    """The failure report sits beside the dataset, which it never replaces."""
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    path = Path(out_dir) / FAILURES_FILE
    failures.to_csv(path, index=False)
    return path


def ingest(src_dir: Path, out_dir: Path, keep_versions: int = DEFAULT_KEEP_VERSIONS) -> RunSummary:
    """Run every stage on src_dir and publish to out_dir."""
    src_dir = Path(src_dir)
    files = discover(src_dir)
    log.info("found %d file(s) in %s", len(files), src_dir)
    return finish(process_all(src_dir, files), Path(out_dir), keep_versions)
