"""Re-ingestion: unchanged documents are reused, changed ones re-extracted, removed ones dropped, a rules
version bump re-extracts everything; runs are logged; data tables are deterministic."""

from __future__ import annotations

import copyreg
import os
import pickle
import shutil
from dataclasses import fields
from pathlib import Path

import pandas as pd
import pytest

import pipeline
from pipeline.incremental import load_texts
from pipeline.records import DocumentResult
from pipeline.run import RunOptions, ingest
from pipeline.schemas import TABLES

DATA_TABLES = [spec.name for spec in TABLES if spec.name != "runs"]

REPORTS = {
    "donor/annual.txt": "Annual Report\n\nThe Eurasia Foundation awarded 12 grants worth $350,000 to 40 CSOs.\n",
    "un/evaluation.txt": "Recommendations\n\n• The Ministry of Health should publish budget data every quarter.\n",
    "audit/gao.txt": "We recommend that the Administrator of USAID require missions to verify data on 1,200 wells.\n",
}


@pytest.fixture
def source(tmp_path) -> Path:
    src = tmp_path / "src"
    for name, text in REPORTS.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text, encoding="utf-8")
    return src


def tables(out: Path) -> dict[str, pd.DataFrame]:
    return {name: pd.read_parquet(out / f"{name}.parquet") for name in DATA_TABLES}


def last_run(out: Path) -> pd.Series:
    return pd.read_parquet(out / "runs.parquet").iloc[-1]


def test_second_run_over_unchanged_inputs_extracts_nothing_and_publishes_identical_tables(source, tmp_path):
    out = tmp_path / "out"
    first = ingest(source, out)
    first_bytes = {n: (first.version / f"{n}.parquet").read_bytes() for n in DATA_TABLES}
    second = ingest(source, out)
    assert (first.extracted, second.extracted) == (3, 0)
    assert {n: (second.version / f"{n}.parquet").read_bytes() for n in DATA_TABLES} == first_bytes
    run = last_run(out)
    assert (run.documents_unchanged, run.documents_added, run.documents_extracted) == (3, 0, 0)
    assert list(pd.read_parquet(out / "runs.parquet").status) == ["published", "published"]


def test_changing_one_file_re_extracts_exactly_that_one(source, tmp_path):
    out = tmp_path / "out"
    ingest(source, out)
    (source / "donor/annual.txt").write_text(REPORTS["donor/annual.txt"].replace("12 grants", "15 grants"))
    summary = ingest(source, out)
    assert summary.extracted == 1
    run = last_run(out)
    assert (run.documents_changed, run.documents_unchanged) == (1, 2)
    figures = tables(out)["figures"]
    assert 15.0 in set(figures.value) and 12.0 not in set(figures.value)


def test_touching_a_file_without_changing_it_extracts_nothing(source, tmp_path):
    out = tmp_path / "out"
    ingest(source, out)
    path = source / "un/evaluation.txt"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert ingest(source, out).extracted == 0
    assert last_run(out).documents_unchanged == 3


def test_removing_a_file_drops_its_rows(source, tmp_path):
    out = tmp_path / "out"
    ingest(source, out)
    doc_id = tables(out)["documents"].set_index("source").loc["un/evaluation.txt", "doc_id"]
    (source / "un/evaluation.txt").unlink()
    summary = ingest(source, out)
    assert summary.extracted == 0
    published = tables(out)
    assert "un/evaluation.txt" not in set(published["documents"].source)
    for name in ("mentions", "figures", "recommendations"):
        assert doc_id not in set(published[name].doc_id)
    assert last_run(out).documents_removed == 1


def test_a_rules_version_bump_re_extracts_everything(source, tmp_path, monkeypatch):
    out = tmp_path / "out"
    ingest(source, out)
    monkeypatch.setattr(pipeline, "PIPELINE_VERSION", pipeline.PIPELINE_VERSION + ".next")
    assert ingest(source, out).extracted == 3
    assert last_run(out).pipeline_version.endswith(".next")


def test_force_re_extracts_everything(source, tmp_path):
    out = tmp_path / "out"
    ingest(source, out)
    assert ingest(source, out, RunOptions(force=True)).extracted == 3


def test_a_renamed_file_reuses_its_result_under_the_new_name(source, tmp_path):
    out = tmp_path / "out"
    ingest(source, out)
    shutil.move(source / "audit/gao.txt", source / "audit/gao-renamed.txt")
    summary = ingest(source, out)
    assert summary.extracted == 0
    assert "audit/gao-renamed.txt" in set(tables(out)["documents"].source)


def test_output_does_not_depend_on_the_output_folder_or_run(source, tmp_path):
    a, b = ingest(source, tmp_path / "a"), ingest(source, tmp_path / "b", RunOptions(workers=1))
    for name in DATA_TABLES:
        assert (a.version / f"{name}.parquet").read_bytes() == (b.version / f"{name}.parquet").read_bytes(), name


def test_a_runaway_document_times_out_and_the_run_goes_on(source, tmp_path):
    big = "\n\n".join(f"Section {i}\n\nThe Ministry of Finance reported {i},000 beneficiaries in {i} districts."
                      for i in range(20000))
    (source / "huge.txt").write_text(big, encoding="utf-8")
    out = tmp_path / "out"
    ingest(source, out, RunOptions(time_limit=1.0))
    documents = tables(out)["documents"].set_index("source")
    assert documents.loc["huge.txt", "status"] == "timeout"
    assert "time limit" in documents.loc["huge.txt", "error"]
    assert (documents.drop("huge.txt").status == "ok").all()
    assert last_run(out).documents_failed == 1


def kept_texts(out: Path) -> set[str]:
    return {path.name.split("-")[0] for path in (out / "state" / "texts").iterdir()}


def test_the_texts_read_are_kept_for_the_report_and_pruned_with_their_documents(source, tmp_path):
    out = tmp_path / "out"
    ingest(source, out)
    documents = tables(out)["documents"].set_index("source")
    assert kept_texts(out) == set(documents.sha256)
    kept = load_texts(out, documents.loc["donor/annual.txt", "sha256"])
    assert kept.pages == (REPORTS["donor/annual.txt"],) and "Eurasia Foundation" in kept.text
    for path in (out / "state" / "results").iterdir():  # the cached results do not carry them a second time
        assert pickle.loads(path.read_bytes()).texts is None
    (source / "donor/annual.txt").write_text(REPORTS["donor/annual.txt"].replace("12 grants", "15 grants"))
    (source / "un/evaluation.txt").unlink()
    ingest(source, out)
    assert kept_texts(out) == set(tables(out)["documents"].sha256)
    assert "15 grants" in load_texts(out, tables(out)["documents"].set_index("source").loc["donor/annual.txt",
                                                                                             "sha256"]).text


class _ResultWithoutTexts:
    """Pickles as a DocumentResult written before the `texts` field existed (its state lacks the last field)."""

    def __init__(self, result: DocumentResult):
        self.state = [getattr(result, spec.name) for spec in fields(DocumentResult) if spec.name != "texts"]

    def __reduce__(self):
        return copyreg._reconstructor, (DocumentResult, object, None), self.state


def test_results_cached_before_texts_were_kept_are_still_reused(source, tmp_path):
    out = tmp_path / "out"
    first = ingest(source, out)
    for path in (out / "state" / "results").iterdir():
        path.write_bytes(pickle.dumps(_ResultWithoutTexts(pickle.loads(path.read_bytes()))))
    shutil.rmtree(out / "state" / "texts")
    second = ingest(source, out)
    assert second.extracted == 0
    for name in DATA_TABLES:
        assert (first.version / f"{name}.parquet").read_bytes() == (second.version / f"{name}.parquet").read_bytes()
    assert "could not be re-read" not in (second.version / "report" / "index.html").read_text(encoding="utf-8")


def test_unchanged_documents_keep_their_report_pages_and_a_changed_one_is_written_again(source, tmp_path):
    out = tmp_path / "out"
    first = ingest(source, out)
    ids = tables(out)["documents"].set_index("source")["doc_id"]
    page = "report/documents/{}.html".format
    second = ingest(source, out)
    for doc_id in ids:  # the same file, linked into the new version
        assert os.path.samefile(first.version / page(doc_id), second.version / page(doc_id))
    (source / "donor/annual.txt").write_text(REPORTS["donor/annual.txt"].replace("12 grants", "15 grants"))
    third = ingest(source, out)
    changed = tables(out)["documents"].set_index("source").loc["donor/annual.txt", "doc_id"]
    assert "15 grants" in (third.version / page(changed)).read_text(encoding="utf-8")
    for doc_id in ids.drop("donor/annual.txt"):
        assert os.path.samefile(first.version / page(doc_id), third.version / page(doc_id))
    assert "12 grants" in (first.version / page(ids["donor/annual.txt"])).read_text(encoding="utf-8")
