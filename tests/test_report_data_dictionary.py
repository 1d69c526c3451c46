"""docs/data-dictionary.md, read as an analyst reads it, against the pandera models column by column: every
published column is documented with its type, whether it is required, its meaning and its allowed values."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.schemas import TABLES

DICTIONARY = Path(__file__).resolve().parents[1] / "docs" / "data-dictionary.md"
HEADER = ["column", "type", "required", "description", "allowed values"]


def documented_tables() -> dict[str, list[dict[str, str]]]:
    """Each '## table' section's rows, as dicts keyed by the table header."""
    tables: dict[str, list[dict[str, str]]] = {}
    current: list[dict[str, str]] | None = None
    for line in DICTIONARY.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = tables.setdefault(line[3:].strip(), [])
        elif current is not None and line.startswith("|") and not line.startswith("|---"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if cells != HEADER:
                current.append(dict(zip(HEADER, cells)))
    return tables


def expected_type(dtype: str) -> str:
    """The Table Schema type an analyst should read for a pandas dtype."""
    for prefix, kind in (("int", "integer"), ("float", "number"), ("bool", "boolean"), ("datetime", "datetime"),
                         ("object", "array"), ("str", "string")):
        if dtype.startswith(prefix):
            return kind
    raise AssertionError(f"no documented type for dtype {dtype}")


@pytest.mark.parametrize("spec", TABLES, ids=[spec.name for spec in TABLES])
def test_every_column_is_documented_as_the_model_defines_it(spec):
    documented = documented_tables()
    assert spec.name in documented, f"docs/data-dictionary.md has no section for {spec.name}: run `make dictionary`"
    rows = {row["column"]: row for row in documented[spec.name]}
    columns = spec.model.to_schema().columns
    assert list(rows) == list(columns), f"{spec.name}: documented columns differ from the model"
    for name, column in columns.items():
        row = rows[name]
        where = f"{spec.name}.{name}"
        assert row["type"] == expected_type(str(column.dtype)), where
        assert row["required"] == ("no" if column.nullable else "yes"), where
        assert row["description"] and row["description"] == column.description, where
        allowed = row["allowed values"]
        for check in column.checks:
            stats = check.statistics or {}
            if "allowed_values" in stats:
                listed = {v.strip() for v in allowed.split(",")}
                assert listed == {str(v) for v in stats["allowed_values"]}, where
            if check.name in ("greater_than_or_equal_to", "ge"):
                assert f">= {stats['min_value']}" in allowed, where
