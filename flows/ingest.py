"""The ingest flow: each task calls one library function; all computation lives in `pipeline`.

Run locally (Prefect's ephemeral API, no server needed):
    python -m flows.ingest raw --out processed [--runner thread|process|dask] [--dask-address tcp://HOST:PORT]
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from prefect import flow, task, unmapped
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NONE
from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

from pipeline.config import DOCUMENT_TIME_LIMIT_S
from pipeline.incremental import Plan, plan_run, store, store_texts
from pipeline.publish import DEFAULT_KEEP_VERSIONS
from pipeline.records import DocumentResult
from pipeline.resolve.overrides import Overrides, load_overrides
from pipeline.run import RunSummary, discover, finish, start_run
from pipeline.validate import ValidationFailed
from pipeline.workers import default_workers, process_isolated

RUNNERS = ("thread", "process", "dask")


@task(retries=2, retry_delay_seconds=2, cache_policy=NONE)
def plan_ingest(source_dir: str, out_dir: str, force: bool) -> Plan:
    """Which reports are new or changed (I/O: retried)."""
    return plan_run(Path(source_dir), Path(out_dir), discover(Path(source_dir)), force=force)


@task(retries=2, retry_delay_seconds=2, cache_policy=NONE)
def read_overrides(source_dir: str) -> Overrides:
    """Forced merges and splits from source_dir/organisations.yml (I/O: retried; a malformed file fails)."""
    return load_overrides(Path(source_dir))


@task(cache_policy=NONE, task_run_name="process {path}")
def process_report(source_dir: str, path: str, time_limit: float | None, out_dir: str | None = None) -> DocumentResult:
    """One report in its own worker process. No retries: a failure is the document's status, not the task's.
    With out_dir, the texts read are kept in its state for the review report and not returned."""
    result = process_isolated(Path(source_dir), [Path(path)], workers=1, time_limit=time_limit)[0]
    return store_texts(Path(out_dir), result) if out_dir is not None else result


@task(retries=2, retry_delay_seconds=2, cache_policy=NONE)
def store_results(out_dir: str, plan: Plan, fresh: list[DocumentResult]) -> list[DocumentResult]:
    """Cache the new results, any texts still carried, and the manifest (I/O: retried); the results without
    texts."""
    return store(Path(out_dir), plan, fresh)


@task(cache_policy=NONE)
def resolve_validate_publish(results: list[DocumentResult], source_dir: str, out_dir: str, run_id: str, started: datetime,
                             plan: Plan, extracted: int, keep_versions: int, overrides: Overrides) -> RunSummary:
    """Resolve organisations, validate every table and publish atomically; nothing is published on failure."""
    return finish(results, Path(source_dir), Path(out_dir), run_id, started, plan, extracted, keep_versions, overrides)


def _report_artifacts(results: list[DocumentResult], summary: RunSummary | None, failure: ValidationFailed | None) -> None:
    create_table_artifact(
        key="ingest-documents", description="Per-document status and counts of this run",
        table=[{"source": r.source, "status": r.status, "pages": r.pages, "mentions": len(r.mentions),
                "figures": len(r.figures), "recommendations": len(r.recommendations), "error": r.error or ""}
               for r in sorted(results, key=lambda r: r.source)])
    lines = ["# Ingest summary", ""]
    if summary is not None:
        lines += [f"Published `{summary.version}` ({summary.documents} documents, {summary.extracted} extracted "
                  "in this run).", "", "| table | rows |", "|---|---|"]
        lines += [f"| {name} | {rows} |" for name, rows in summary.rows.items()]
        lines += ["", "Documents by status: " + ", ".join(f"{n} {s}" for s, n in sorted(summary.statuses.items()))]
    if failure is not None:
        cases = failure.failures
        lines += ["**Validation failed: nothing was published; the previous dataset is unchanged.**", "",
                  "| table | column | check | failure case | row |", "|---|---|---|---|---|"]
        lines += [f"| {c.table} | {c.column} | {c.check} | {c.failure_case} | {c.index} |" for c in cases.itertuples()]
    create_markdown_artifact(key="ingest-summary", markdown="\n".join(lines), description="Ingest run summary")


@flow(name="ingest-reports", log_prints=True, task_runner=ThreadPoolTaskRunner(max_workers=default_workers()))
def ingest_reports(source_dir: str = "raw", out_dir: str = "processed", keep_versions: int = DEFAULT_KEEP_VERSIONS,
                   force: bool = False, time_limit: float | None = DOCUMENT_TIME_LIMIT_S) -> dict:
    """Extract new or changed reports in source_dir, resolve organisations, validate, and publish to out_dir."""
    run_id, started = start_run()
    overrides = read_overrides(source_dir)
    plan = plan_ingest(source_dir, out_dir, force)
    futures = process_report.map(unmapped(source_dir), [str(p) for p in plan.todo], unmapped(time_limit),
                                 unmapped(out_dir))
    fresh = store_results(out_dir, plan, [future.result() for future in futures])
    results = plan.reused + fresh
    try:
        summary = resolve_validate_publish(results, source_dir, out_dir, run_id, started, plan, len(fresh),
                                           keep_versions, overrides)
    except ValidationFailed as exc:
        _report_artifacts(results, None, exc)
        raise
    _report_artifacts(results, summary, None)
    print(f"published {summary.version}: {summary.rows}")
    return {"run_id": summary.run_id, "version": str(summary.version), "documents": summary.documents,
            "extracted": summary.extracted, "rows": summary.rows}


def task_runner(kind: str, workers: int | None = None, dask_address: str | None = None):
    """The task runner for --runner: threads or processes on this machine, or a Dask cluster."""
    workers = workers or default_workers()
    if kind == "thread":
        return ThreadPoolTaskRunner(max_workers=workers)
    if kind == "process":
        return ProcessPoolTaskRunner(max_workers=workers)
    if kind == "dask":
        import dask
        from prefect_dask import DaskTaskRunner

        # Dask workers are daemonic by default, and daemonic processes cannot start the per-document workers.
        dask.config.set({"distributed.worker.daemon": False})
        if dask_address:
            return DaskTaskRunner(address=dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True,
                                              "dashboard_address": None})
    raise ValueError(f"unknown runner {kind!r}; choose one of {', '.join(RUNNERS)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flows.ingest", description="Run the ingest flow.")
    parser.add_argument("source_dir", metavar="SRC_DIR")
    parser.add_argument("--out", required=True, metavar="OUT_DIR")
    parser.add_argument("--runner", choices=RUNNERS, default="thread", help="where per-document tasks run")
    parser.add_argument("--dask-address", metavar="tcp://HOST:PORT",
                        help="an existing Dask scheduler (with --runner dask; default: start a local cluster)")
    parser.add_argument("--workers", type=int, default=None, help="parallel documents (default: one per core)")
    parser.add_argument("--time-limit", type=float, default=DOCUMENT_TIME_LIMIT_S, metavar="SECONDS")
    parser.add_argument("--force", action="store_true", help="re-extract every document")
    parser.add_argument("--keep-versions", type=int, default=DEFAULT_KEEP_VERSIONS)
    args = parser.parse_args(argv)
    if not Path(args.source_dir).is_dir():
        print(f"error: source folder {args.source_dir} does not exist or is not a folder", file=sys.stderr)
        return 2
    if args.dask_address and args.runner != "dask":
        parser.error("--dask-address needs --runner dask")
    runner = task_runner(args.runner, args.workers, args.dask_address)
    try:
        ingest_reports.with_options(task_runner=runner)(args.source_dir, args.out, args.keep_versions, args.force,
                                                        args.time_limit)
    except ValidationFailed as exc:
        print(f"error: validation failed; nothing was published.\n{exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
