"""Table contracts: valid tables pass; broken tables fail with every failure case listed at once."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from pipeline.process import process_raw
from pipeline.records import DocumentResult, RawDocument
from pipeline.schemas import TABLES
from pipeline.tables import build_tables, record_id
from pipeline.validate import ValidationFailed, validate_tables

AUDIT = """Grant Oversight in Central Asia

The Office of Inspector General reviewed 42 awards worth $18.5 million. The Eurasia Foundation (EF) and the
Ministry of Health managed 12 of them.

Recommendations

• The Mission Director should verify partner data for all 42 awards.
• The Mission Director should document site visits to the Eurasia Foundation.
"""

DONOR_BRIEF = """Programme Results

The Aga Khan Foundation and the Eurasia Foundation trained 1,250 community health workers in three provinces.
About 40 percent of them were women.
"""


def _result(source: str, text: str) -> DocumentResult:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return process_raw(f"doc_{sha[:16]}", source, sha, RawDocument("text/plain", (text,)))


@pytest.fixture(scope="module")
def results() -> list[DocumentResult]:
    failed = DocumentResult("doc_00000000000000d9", "scans/annex.pdf", "d" * 64, "unknown", 0, "corrupt",
                            "scans/annex.pdf: not a readable PDF")
    return [_result("audit.txt", AUDIT), _result("donor/brief.txt", DONOR_BRIEF), failed]


@pytest.fixture()
def tables(results) -> dict[str, pd.DataFrame]:
    return build_tables(results)


def failure_set(failures: pd.DataFrame) -> set[tuple[str, str, str]]:
    return {(row.table, str(row.column), str(row.failure_case)) for row in failures.itertuples()}


# -- valid tables -------------------------------------------------------------------------------------------

def test_tables_built_from_results_are_valid(tables):
    validated = validate_tables(tables)
    assert list(validated) == [spec.name for spec in TABLES]
    assert len(validated["documents"]) == 3
    assert len(validated["mentions"]) >= 4 and len(validated["figures"]) >= 4
    assert len(validated["recommendations"]) == 2


def test_documents_table_counts_each_documents_records(tables):
    documents = tables["documents"].set_index("source")
    for kind in ("mention", "figure", "recommendation"):
        per_doc = tables[f"{kind}s"]["doc_id"].value_counts()
        for source, row in documents.iterrows():
            assert row[f"{kind}_count"] == per_doc.get(row["doc_id"], 0)
    assert documents.loc["scans/annex.pdf", "status"] == "corrupt"
    assert documents.loc["audit.txt", "recommendation_count"] == 2


def test_every_mention_points_at_a_published_organisation(tables):
    assert set(tables["mentions"]["org_id"]) == set(tables["organisations"]["org_id"])
    eurasia = tables["organisations"].loc[tables["organisations"]["name"] == "Eurasia Foundation"]
    assert len(eurasia) == 1 and int(eurasia["document_count"].iloc[0]) == 2


def test_tables_are_deterministic(results):
    first, second = build_tables(results), build_tables(list(reversed(results)))
    for spec in TABLES:
        pd.testing.assert_frame_equal(first[spec.name], second[spec.name])


def test_record_ids_come_from_content():
    assert record_id("fig", "doc_1", 10, 20, "42 awards") == record_id("fig", "doc_1", 10, 20, "42 awards")
    assert record_id("fig", "doc_1", 10, 20, "42 awards") != record_id("fig", "doc_1", 11, 20, "42 awards")


def test_a_repeated_file_is_kept_as_a_duplicate_row(results):
    copy = _result("copy-of-audit.txt", AUDIT)
    tables = build_tables([*results, copy])
    validated = validate_tables(tables)
    documents = validated["documents"].set_index("source")
    assert documents.loc["copy-of-audit.txt", "status"] == "duplicate"
    assert "audit.txt" in documents.loc["copy-of-audit.txt", "error"]
    assert len(validated["recommendations"]) == 2  # the copy's records are not published twice


# -- broken tables ------------------------------------------------------------------------------------------

def break_tables(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    broken = {name: frame.copy() for name, frame in tables.items()}
    documents = broken["documents"]
    documents.loc[documents.index[1], "doc_id"] = documents.loc[documents.index[0], "doc_id"]  # duplicate id
    documents.loc[documents.index[2], "status"] = "misplaced"  # not an allowed status
    figures = broken["figures"]
    figures.loc[figures.index[0], "page"] = -1  # negative page
    figures.loc[figures.index[1], "page"] = -3  # and a second one: lazy validation reports both
    recs = broken["recommendations"]
    recs.loc[recs.index[0], "doc_id"] = "doc_ffffffffffffffff"  # dangling foreign key
    return broken


def test_broken_tables_are_rejected_with_every_failure_case(tables):
    broken = break_tables(tables)
    with pytest.raises(ValidationFailed) as error:
        validate_tables(broken)
    failures = error.value.failures
    assert list(failures.columns) == ["table", "column", "check", "failure_case", "index"]
    found = failure_set(failures)
    duplicate_id = broken["documents"]["doc_id"].iloc[0]
    assert ("documents", "doc_id", duplicate_id) in found
    assert ("documents", "status", "misplaced") in found
    assert ("figures", "page", "-1") in found
    assert ("figures", "page", "-3") in found
    assert ("recommendations", "doc_id", "doc_ffffffffffffffff") in found
    fk = failures[(failures["table"] == "recommendations") & (failures["column"] == "doc_id")]
    assert fk["check"].str.contains("foreign key -> documents.doc_id").all()


def test_failure_message_counts_the_cases(tables):
    with pytest.raises(ValidationFailed) as error:
        validate_tables(break_tables(tables))
    assert str(error.value).startswith(f"{len(error.value.failures)} validation failure case(s)")


def test_dangling_organisation_of_a_mention_is_a_failure(tables):
    broken = {name: frame.copy() for name, frame in tables.items()}
    broken["mentions"].loc[broken["mentions"].index[0], "org_id"] = "org_000000000000"
    with pytest.raises(ValidationFailed) as error:
        validate_tables(broken)
    assert failure_set(error.value.failures) == {("mentions", "org_id", "org_000000000000")}


@pytest.mark.parametrize(("table", "column", "value"), [
    ("figures", "qualifier", "roughly"),
    ("mentions", "org_type", "charity"),
    ("documents", "media_type", "application/msword"),
    ("recommendations", "kind", "table"),
    ("organisation_links", "reason", "hunch"),
    ("documents", "doc_id", "document-1"),
    ("figures", "norm_start", -5),
])
def test_each_contract_rejects_a_bad_value(tables, table, column, value):
    broken = {name: frame.copy() for name, frame in tables.items()}
    if broken[table].empty:
        broken["organisation_links"] = pd.DataFrame([{"left": "a", "right": "b", "score": 100.0,
                                                      "reason": "acronym"}])
    broken[table].loc[broken[table].index[0], column] = value
    with pytest.raises(ValidationFailed) as error:
        validate_tables(broken)
    assert (table, column, str(value)) in failure_set(error.value.failures)


def test_a_range_must_rise(tables):
    broken = {name: frame.copy() for name, frame in tables.items()}
    figures = broken["figures"]
    figures.loc[figures.index[0], "value_max"] = figures.loc[figures.index[0], "value"] - 1
    with pytest.raises(ValidationFailed) as error:
        validate_tables(broken)
    failures = error.value.failures
    assert set(failures.loc[failures["table"] == "figures", "check"]) == {"range_ordered"}
    assert set(failures["index"]) == {str(figures.index[0])}


def test_an_unexpected_column_and_a_missing_table_are_failures(tables):
    broken = {name: frame.copy() for name, frame in tables.items() if name != "organisation_links"}
    broken["figures"]["confidence"] = 0.5
    with pytest.raises(ValidationFailed) as error:
        validate_tables(broken)
    failures = error.value.failures
    assert ((failures["table"] == "organisation_links") & (failures["failure_case"] == "table is missing")).any()
    assert ((failures["table"] == "figures") & (failures["failure_case"] == "confidence")).any()


def test_the_schemas_warm_up_on_empty_tables():
    """A run builds every schema and validates an empty table while its workers start: no model may reject
    an empty table (a run that extracts nothing still publishes)."""
    from pipeline import schemas

    schemas.warm_up()


def test_building_the_schemas_does_not_load_dask_dataframes():
    """pandera would import dask.dataframe for its Dask typing (0.4 s a run) although no table is a Dask frame;
    Dask itself must stay usable (the flows' Dask runner)."""
    import subprocess
    import sys

    script = ("import sys\n"
              "from pipeline import schemas\n"
              "schemas.warm_up()\n"
              "print('dask.dataframe' in sys.modules)\n"
              "import dask.dataframe\n"
              "print(dask.dataframe.from_dict({'a': [1, 2]}, npartitions=1).a.sum().compute())\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "3"]
