"""The whole pipeline without any orchestrator: discover -> plan (what changed) -> process changed files in
worker processes -> resolve, tabulate -> validate -> publish, recording the run."""

from __future__ import annotations

import logging
import time
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

import pipeline
from pipeline import schemas
from pipeline.config import DOCUMENT_TIME_LIMIT_S
from pipeline.incremental import Plan, load_runs, plan_run, record_run, store, store_texts
from pipeline.publish import DEFAULT_KEEP_VERSIONS, REGIONS, REPORT_DIR, current_tables, publish, scratch_folder
from pipeline.records import DocumentResult
from pipeline.report import write_failure_report, write_report
from pipeline.report.build import SPLIT_REGIONS_MIN_ITEMS, PageWriters, page_keys, region_jobs, writer_count
from pipeline.resolve.overrides import Overrides, load_overrides
from pipeline.tables import build_tables
from pipeline.validate import ValidationFailed, validate_tables

log = logging.getLogger(__name__)

# Files in the source folder that configure a run rather than being reports.
CONFIG_FILES = frozenset({"organisations.yml", "passwords.yml"})
FAILURES_FILE = "validation_failures.csv"
FAILURES_REPORT = "validation_failures.html"
# Statuses that are not failures: the document was read (or is knowingly skipped as a copy).
OK_STATUSES = frozenset({"ok", "duplicate"})


@dataclass(frozen=True)
class RunOptions:
    workers: int | None = None  # None: one per core
    time_limit: float | None = DOCUMENT_TIME_LIMIT_S
    force: bool = False
    keep_versions: int = DEFAULT_KEEP_VERSIONS


@dataclass(frozen=True)
class RunSummary:
    run_id: str
    version: Path
    documents: int
    extracted: int
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


def start_run() -> tuple[str, datetime]:
    started = datetime.now(timezone.utc)
    return f"run_{started:%Y%m%dT%H%M%S%f}Z", started


def run_record(run_id: str, started: datetime, plan: Plan, results: list[DocumentResult], extracted: int,
               status: str, message: str | None = None) -> dict:
    """One row of the `runs` table."""
    return {"run_id": run_id, "started_at": started.isoformat(), "finished_at": datetime.now(timezone.utc).isoformat(),
            "pipeline_version": pipeline.PIPELINE_VERSION, "documents_added": plan.added,
            "documents_changed": plan.changed, "documents_unchanged": plan.unchanged,
            "documents_removed": plan.removed,
            "documents_failed": sum(1 for r in results if r.status not in OK_STATUSES),
            "documents_extracted": extracted, "status": status, "message": message}


class Progress:
    """Logs each finished document as '[done/total] source: status ...' with the elapsed time."""

    def __init__(self, total: int):
        self.total, self.done, self.started = total, 0, time.perf_counter()

    def __call__(self, result: DocumentResult) -> None:
        self.done += 1
        log.info("[%d/%d] %s: %s, %d pages, %d mentions, %d figures, %d recommendations (%.0fs elapsed)",
                 self.done, self.total, result.source, result.status, result.pages, len(result.mentions),
                 len(result.figures), len(result.recommendations), time.perf_counter() - self.started)
        if result.error and result.status not in OK_STATUSES:
            log.warning("%s", result.error)


def finish(results: list[DocumentResult], src_dir: Path, out_dir: Path, run_id: str, started: datetime, plan: Plan,
           extracted: int, keep_versions: int = DEFAULT_KEEP_VERSIONS, overrides: Overrides | None = None,
           workers: int | None = None) -> RunSummary:
    """Resolve, validate and publish (with the run log and the review report, whose document pages `workers`
    processes write); on validation failure record the failed run, write the failure reports and publish
    nothing."""
    out_dir = Path(out_dir)
    reused = {(r.source, r.sha256) for r in plan.reused}
    writers = start_report([r for r in results if (r.source, r.sha256) not in reused], src_dir, out_dir,
                           plan.manifest, workers)
    with writers or nullcontext():
        return _finish(results, src_dir, out_dir, run_id, started, plan, extracted, keep_versions, overrides, workers,
                       writers)


def start_report(fresh: list[DocumentResult], src_dir: Path, out_dir: Path, manifest: dict[str, dict],
                 workers: int | None) -> PageWriters | None:
    """Processes for the report's new document pages, started when this run may use more than one process and
    extracted several documents (pages to write) or a PDF with many items (page images to share): while the
    tables are stored, built, validated and written on one core, they load their libraries and draw the page
    images of the PDFs just extracted (`fresh`) on the others, instead of after. None otherwise: the report then
    writes its pages itself."""
    if not fresh or writer_count(workers, 2) < 2:  # no new page to write, or no second process allowed
        return None
    folder = scratch_folder(out_dir, REGIONS)
    # A document whose content already has a page in the current report (a forced run) most likely keeps it:
    # its images are left to the page, in case it is written again.
    paged = set(page_keys(Path(out_dir) / "current" / REPORT_DIR))
    try:
        jobs = region_jobs([r for r in fresh if r.doc_id not in paged], src_dir, out_dir, manifest, folder)
    except Exception as exc:  # the pages then draw their images themselves
        log.warning("the report's page images cannot be drawn ahead (%s: %s)", type(exc).__name__, exc)
        jobs = []
    long_pdf = any(sum(map(len, job.items.values())) >= SPLIT_REGIONS_MIN_ITEMS for job in jobs)
    count = writer_count(workers, max(len(fresh), 2 if long_pdf else 0))
    if count < 2:
        return None
    try:
        writers = PageWriters(count)
    except OSError as exc:
        log.warning("could not start processes for the report's pages (%s)", exc)
        return None
    try:
        writers.render_ahead(jobs, folder)
    except Exception as exc:
        log.warning("the report's page images could not be drawn ahead (%s: %s)", type(exc).__name__, exc)
    return writers


def _finish(results: list[DocumentResult], src_dir: Path, out_dir: Path, run_id: str, started: datetime, plan: Plan,
            extracted: int, keep_versions: int, overrides: Overrides | None, workers: int | None,
            writers: PageWriters | None) -> RunSummary:
    log.info("resolving organisations across %d documents", len(results))
    run = run_record(run_id, started, plan, results, extracted, "published")
    tables = build_tables(results, runs=load_runs(out_dir) + [run], overrides=overrides)
    log.info("validating %d tables", len(tables))
    try:
        validated = validate_tables(tables)
    except ValidationFailed as exc:
        write_failures(exc.failures, out_dir)
        record_run(out_dir, run_record(run_id, started, plan, results, extracted, "failed",
                                       f"validation failed with {len(exc.failures)} failure case(s)"))
        raise
    log.info("publishing (with the review report)")
    previous = current_tables(out_dir)
    # The previous version's report, resolved now: its unchanged document pages are linked into the new one.
    earlier = (out_dir / "current" / REPORT_DIR).resolve() if (out_dir / "current" / REPORT_DIR).is_dir() else None
    version = publish(validated, out_dir, keep_versions,
                      extras=lambda staging: _write_report_safely(validated, staging / REPORT_DIR, src_dir, previous,
                                                                  out_dir, earlier, workers, writers))
    record_run(out_dir, run)
    statuses = Counter(validated["documents"]["status"])
    return RunSummary(run_id, version, len(results), extracted, dict(statuses),
                      {name: len(frame) for name, frame in validated.items()})


def _write_report_safely(tables: dict[str, pd.DataFrame], report_dir: Path, src_dir: Path,
                         previous: dict[str, pd.DataFrame] | None, out_dir: Path, earlier: Path | None,
                         workers: int | None = None, writers: PageWriters | None = None) -> None:
    """The review report helps check the dataset; a fault in it must not stop the dataset being published."""
    try:
        write_report(tables, report_dir, src_dir, previous, out_dir, earlier, workers, validated=True, writers=writers)
    except Exception as exc:
        log.error("the review report could not be written (%s: %s); the dataset is published without it",
                  type(exc).__name__, exc)


def write_failures(failures: pd.DataFrame, out_dir: Path) -> Path:
    """The failure reports (CSV and HTML) sit beside the dataset, which they never replace."""
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    path = Path(out_dir) / FAILURES_FILE
    failures.to_csv(path, index=False)
    write_failure_report(failures, Path(out_dir) / FAILURES_REPORT)
    return path


def _process(src_dir: Path, out_dir: Path, paths: list[Path], options: RunOptions) -> list[DocumentResult]:
    """Extract in worker processes, keeping each document's texts in the state as it arrives."""
    from pipeline.workers import process_isolated, start_forkserver, start_read_ahead

    # The workers' forkserver loads spaCy and the readers on one core meanwhile this process loads, on the
    # other, the table schemas it needs once they are done (without this, both wait in turn on the run's
    # critical path), and a read-ahead process reads the first documents with what CPU is left (with several
    # workers). Not the word frequencies resolution uses: 33 MB more while a worker holds a long report.
    start_forkserver()
    ahead = start_read_ahead(src_dir, paths, options.workers)
    schemas.warm_up()
    progress = Progress(len(paths))

    def arrived(result: DocumentResult) -> DocumentResult:
        progress(result)
        return store_texts(out_dir, result)

    return process_isolated(src_dir, paths, options.workers, options.time_limit, on_result=arrived, ahead=ahead)


def ingest(src_dir: Path, out_dir: Path, options: RunOptions = RunOptions()) -> RunSummary:
    """Run every stage on src_dir and publish to out_dir; only new or changed documents are processed."""
    src_dir, out_dir = Path(src_dir), Path(out_dir)
    run_id, started = start_run()
    overrides = load_overrides(src_dir)  # a malformed overrides file stops the run before any work
    files = discover(src_dir)
    plan = plan_run(src_dir, out_dir, files, force=options.force)
    log.info("%d file(s) in %s: %d new, %d changed, %d unchanged, %d removed; %d to process",
             len(files), src_dir, plan.added, plan.changed, plan.unchanged, plan.removed, len(plan.todo))
    fresh = _process(src_dir, out_dir, plan.todo, options) if plan.todo else []
    # Started before storing the results, so the page images are drawn while they are written (to disk, mostly).
    writers = start_report(fresh, src_dir, out_dir, plan.manifest, options.workers)
    with writers or nullcontext():
        fresh = store(out_dir, plan, fresh)
        return _finish(plan.reused + fresh, src_dir, out_dir, run_id, started, plan, len(fresh),
                       options.keep_versions, overrides, options.workers, writers)
