"""`python -m pipeline.report OUT_DIR SRC_DIR`: the review report for the current published version of OUT_DIR,
compared with the version published before it."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

import pandas as pd

from pipeline.report.build import write_report

REPORT_DIR = "review"  # beside the versions, never inside one: published versions stay as they were written


def read_version(version: Path) -> dict[str, pd.DataFrame]:
    """Every table of one published version directory."""
    return {path.stem: pd.read_parquet(path) for path in sorted(version.glob("*.parquet"))}


def previous_version(out_dir: Path, current: Path) -> Path | None:
    """The version published just before `current`, if it is still kept."""
    versions = sorted(p for p in (out_dir / "versions").iterdir() if p.is_dir() and not p.name.startswith("."))
    earlier = [p for p in versions if p.name < current.name]
    return earlier[-1] if earlier else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.report", description=__doc__)
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR", help="where the dataset was published")
    parser.add_argument("src_dir", type=Path, metavar="SRC_DIR", help="the source folder that was ingested")
    parser.add_argument("--to", type=Path, metavar="REPORT_DIR", help=f"default: OUT_DIR/{REPORT_DIR}")
    parser.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO,
                        format="%(asctime)s %(levelname)s %(message)s", datefmt="%H:%M:%S")
    current = (args.out_dir / "current").resolve()
    if not (args.out_dir / "current").exists():
        print(f"error: {args.out_dir} has no published version (no {args.out_dir / 'current'})", file=sys.stderr)
        return 2
    if not args.src_dir.is_dir():
        print(f"error: source folder {args.src_dir} does not exist or is not a folder", file=sys.stderr)
        return 2
    before = previous_version(args.out_dir, current)
    target = args.to or args.out_dir / REPORT_DIR
    # Texts the runs kept in OUT_DIR/state spare reading the sources again; pages unchanged since the report
    # last written into the same folder are kept as they are.
    index = write_report(read_version(current), target, args.src_dir, read_version(before) if before else None,
                         out_dir=args.out_dir, earlier=target)
    print(f"report written: {index}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
