"""The datapackage and the data dictionary are generated from the pandera models and stay in step with them."""

from __future__ import annotations

from pathlib import Path

from pipeline.datapackage import data_dictionary_markdown, datapackage
from pipeline.schemas import TABLES

DICTIONARY = Path(__file__).resolve().parents[1] / "docs" / "data-dictionary.md"


def test_committed_data_dictionary_is_current():
    assert DICTIONARY.read_text(encoding="utf-8") == data_dictionary_markdown() + "\n", \
        "docs/data-dictionary.md is stale: run `make dictionary`"


def test_datapackage_describes_every_column_of_every_model():
    resources = {r["name"]: r for r in datapackage()["resources"]}
    for spec in TABLES:
        fields = {f["name"]: f for f in resources[spec.name]["schema"]["fields"]}
        assert list(fields) == list(spec.model.to_schema().columns)
        assert all(f["description"] for f in fields.values()), spec.name


def test_foreign_keys_point_at_primary_keys():
    resources = {r["name"]: r for r in datapackage()["resources"]}
    for resource in resources.values():
        for fk in resource["schema"].get("foreignKeys", []):
            target = resources[fk["reference"]["resource"]]
            assert fk["reference"]["fields"] == target["schema"]["primaryKey"]
