"""Command line: `python -m pipeline ingest SRC_DIR --out OUT_DIR` and `python -m pipeline dictionary`."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from pipeline.datapackage import data_dictionary_markdown
from pipeline.publish import DEFAULT_KEEP_VERSIONS
from pipeline.resolve.overrides import OverridesError
from pipeline.config import DOCUMENT_TIME_LIMIT_S
from pipeline.run import FAILURES_FILE, RunOptions, ingest
from pipeline.validate import ValidationFailed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("ingest", help="extract, validate and publish every report in SRC_DIR")
    run.add_argument("src_dir", type=Path, metavar="SRC_DIR")
    run.add_argument("--out", type=Path, required=True, metavar="OUT_DIR", help="where to publish the tables")
    run.add_argument("--keep-versions", type=int, default=DEFAULT_KEEP_VERSIONS,
                     help="published versions to keep (default %(default)s)")
    run.add_argument("--workers", type=int, default=None,
                     help="documents processed in parallel, one process each (default: one per core)")
    run.add_argument("--time-limit", type=float, default=DOCUMENT_TIME_LIMIT_S, metavar="SECONDS",
                     help="stop a document after this long and mark it 'timeout' (default %(default)g)")
    run.add_argument("--force", action="store_true",
                     help="re-extract every document, ignoring results cached from earlier runs")
    run.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors")
    commands.add_parser("dictionary", help="print the data dictionary (Markdown) generated from the schemas")
    args = parser.parse_args(argv)

    if args.command == "dictionary":
        print(data_dictionary_markdown())
        return 0
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                        format="%(asctime)s %(levelname)s %(message)s", datefmt="%H:%M:%S")
    try:
        summary = ingest(args.src_dir, args.out, RunOptions(args.workers, args.time_limit, args.force,
                                                            args.keep_versions))
    except (FileNotFoundError, OverridesError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ValidationFailed as exc:
        print(f"error: validation failed; nothing was published and the previous dataset is unchanged.\n{exc}\n"
              f"Every failure case is in {args.out / FAILURES_FILE}", file=sys.stderr)
        return 1
    print(f"published {summary.version} ({summary.documents} documents, {summary.extracted} extracted: "
          + ", ".join(f"{n} {s}" for s, n in sorted(summary.statuses.items())) + "; "
          + ", ".join(f"{n} {t}" for t, n in summary.rows.items()) + ")")
    return 0
