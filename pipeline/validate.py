"""Validate every table against its pandera model, lazily, plus foreign keys across tables."""

from __future__ import annotations

import pandas as pd
from pandera.errors import SchemaErrors

from pipeline.schemas import TABLES

Tables = dict[str, pd.DataFrame]


class ValidationFailed(Exception):
    """Raised with every failure case of every table; nothing is published."""

    def __init__(self, failures: pd.DataFrame):
        self.failures = failures
        super().__init__(f"{len(failures)} validation failure case(s):\n" + failures.to_string(max_rows=50))


def validate_tables(tables: Tables) -> Tables:
    """Return the coerced tables, or raise ValidationFailed listing every failure case at once."""
    failures: list[pd.DataFrame] = []
    validated: Tables = {}
    for spec in TABLES:
        frame = tables.get(spec.name)
        if frame is None:
            failures.append(_case(spec.name, None, "table", "table is missing", None))
            continue
        try:
            validated[spec.name] = spec.model.validate(frame, lazy=True)
        except SchemaErrors as exc:
            cases = exc.failure_cases
            failures.append(pd.DataFrame({
                "table": spec.name,
                "column": cases["column"].astype("string"),
                "check": cases["check"].astype("string"),
                "failure_case": cases["failure_case"].astype("string"),
                "index": cases["index"].astype("string"),
            }))
            validated[spec.name] = frame
    for spec in TABLES:
        metadata = getattr(spec.model.Config, "metadata", None) or {}
        for column, (target, target_column) in metadata.get("foreign_keys", {}).items():
            if spec.name not in validated or target not in validated:
                continue
            child, parent = validated[spec.name], validated[target]
            missing = child.loc[~child[column].isin(parent[target_column]), column]
            for index, value in missing.items():
                failures.append(_case(spec.name, column, f"foreign key -> {target}.{target_column}", value, index))
    if failures:
        raise ValidationFailed(pd.concat(failures, ignore_index=True))
    return validated


def _case(table: str, column: str | None, check: str, value: object, index: object) -> pd.DataFrame:
    return pd.DataFrame([{"table": table, "column": column, "check": check, "failure_case": str(value),
                          "index": str(index)}])

