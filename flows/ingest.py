"""The ingest flow: each task calls one library function; all computation lives in `pipeline`.

Run locally (Prefect's ephemeral API, no server needed):
    python -m flows.ingest raw --out processed
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd
from prefect import flow, task, unmapped
from prefect.cache_policies import NONE

from pipeline.publish import DEFAULT_KEEP_VERSIONS, publish
from pipeline.process import process_file
from pipeline.records import DocumentResult
from pipeline.run import discover, write_failures
from pipeline.tables import build_tables
from pipeline.validate import ValidationFailed, validate_tables

Tables = dict[str, pd.DataFrame]


@task(retries=2, retry_delay_seconds=2, cache_policy=NONE)
def discover_reports(source_dir: str) -> list[str]:
    return [str(path) for path in discover(Path(source_dir))]


@task(cache_policy=NONE, task_run_name="process {path}")
def process_report(source_dir: str, path: str) -> DocumentResult:
    # No retries: a failure here is a property of the document, recorded in its status by process_file.
    return process_file(Path(source_dir), Path(path))


@task(cache_policy=NONE)
def resolve_and_tabulate(results: list[DocumentResult]) -> Tables:
    return build_tables(results)


@task(cache_policy=NONE)
def validate(tables: Tables, out_dir: str) -> Tables:
    try:
        return validate_tables(tables)
    except ValidationFailed as exc:
        write_failures(exc.failures, Path(out_dir))
        raise


@task(retries=2, retry_delay_seconds=2, cache_policy=NONE)
def publish_dataset(tables: Tables, out_dir: str, keep_versions: int) -> str:
    return str(publish(tables, Path(out_dir), keep_versions))


@flow(name="ingest-reports", log_prints=True)
def ingest_reports(source_dir: str = "raw", out_dir: str = "processed",
                   keep_versions: int = DEFAULT_KEEP_VERSIONS) -> dict:
    """Extract every report in source_dir, resolve organisations, validate, and publish to out_dir."""
    files = discover_reports(source_dir)
    futures = process_report.map(unmapped(source_dir), files)
    results = [future.result() for future in futures]
    tables = validate(resolve_and_tabulate(results), out_dir)
    version = publish_dataset(tables, out_dir, keep_versions)
    summary = {"version": version, "documents": len(results),
               "rows": {name: len(frame) for name, frame in tables.items()}}
    print(f"published {version}: {summary['rows']}")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flows.ingest", description="Run the ingest flow.")
    parser.add_argument("source_dir", metavar="SRC_DIR")
    parser.add_argument("--out", required=True, metavar="OUT_DIR")
    parser.add_argument("--keep-versions", type=int, default=DEFAULT_KEEP_VERSIONS)
    args = parser.parse_args(argv)
    if not Path(args.source_dir).is_dir():
        print(f"error: source folder {args.source_dir} does not exist or is not a folder", file=sys.stderr)
        return 2
    try:
        ingest_reports(args.source_dir, args.out, args.keep_versions)
    except ValidationFailed as exc:
        print(f"error: validation failed; nothing was published.\n{exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
