"""Every ```sql block of the README runs against the DuckDB file an ingest of raw/ publishes, and answers."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from pipeline.run import ingest

README = Path(__file__).resolve().parents[1] / "README.md"
SQL_BLOCK = re.compile(r"^```sql\n(.*?)^```", flags=re.S | re.M)


def readme_statements() -> list[str]:
    """Each statement of each ```sql block, in README order."""
    blocks = SQL_BLOCK.findall(README.read_text(encoding="utf-8"))
    return [statement.query.strip() for block in blocks for statement in duckdb.extract_statements(block)]


def label(statement: str) -> str:
    lines = [line for line in statement.splitlines() if line.strip() and not line.strip().startswith("--")]
    return lines[0][:60] if lines else statement[:60]


STATEMENTS = readme_statements()


@pytest.fixture(scope="module")
def dataset(tmp_path_factory, raw_dir) -> Path:
    out = tmp_path_factory.mktemp("readme") / "out"
    ingest(raw_dir, out)
    return out / "dataset.duckdb"


def test_readme_has_example_queries():
    assert len(STATEMENTS) >= 3, "the README's Outputs section should show example DuckDB queries"


@pytest.mark.parametrize("statement", STATEMENTS, ids=[label(s) for s in STATEMENTS])
def test_readme_query_runs_and_answers(dataset, statement):
    with duckdb.connect(str(dataset), read_only=True) as con:
        rows = con.execute(statement).fetchall()
    # The sample reports name organisations, report money in USD and address recommendations to governments,
    # so every example answers with at least one row; an empty answer means a query no longer fits the data.
    assert rows, f"README query returned no rows on raw/: {statement}"
