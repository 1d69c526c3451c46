"""An HTML page listing every validation failure case, for the run that published nothing."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.report.html import cell, esc, page, table

FAILURE_COLUMNS = ("table", "column", "check", "failure_case", "index")


def failure_rows(failures: pd.DataFrame) -> list[str]:
    """One `<tr>` per failure case, in the order given."""
    frame = failures.reindex(columns=list(FAILURE_COLUMNS))
    return ["<tr>" + "".join(cell(getattr(row, c)) for c in FAILURE_COLUMNS) + "</tr>"
            for row in frame.itertuples(index=False)]


def failure_summary(failures: pd.DataFrame) -> str:
    """Cases counted per table, column and check: where to look first."""
    frame = failures.reindex(columns=list(FAILURE_COLUMNS)).fillna("")
    counts = (frame.groupby(["table", "column", "check"], dropna=False).size()
              .sort_values(ascending=False, kind="mergesort"))
    rows = [f"<tr>{cell(t)}{cell(c)}{cell(k)}{cell(n, numeric=True)}</tr>" for (t, c, k), n in counts.items()]
    return table("failure-summary", ["table", "column", "check", "cases"], rows, numeric=["cases"])


FAILED_RUN_NOTE = "Nothing was published; the previous dataset (if any) is still current."


def write_failure_report(failures: pd.DataFrame, path: Path, note: str = FAILED_RUN_NOTE) -> Path:
    """Write an HTML page listing every failure case (columns table, column, check, failure_case, index)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tables = sorted(failures["table"].dropna().astype(str).unique()) if "table" in failures else []
    body = (f"<h1>Validation failures</h1><p>{len(failures)} failure case(s) in "
            f"{len(tables)} table(s): {esc(', '.join(tables))}. {esc(note)} Each case names the table, the column "
            "(empty for whole-table checks), the check that failed, the offending value and the row index in the "
            "table as built.</p>"
            f"<h2>By check</h2>{failure_summary(failures)}"
            f"<h2>Every case</h2>{table('failures', list(FAILURE_COLUMNS), failure_rows(failures), filterable=True)}")
    path.write_text(page("Validation failures", body), encoding="utf-8")
    return path
