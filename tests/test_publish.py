"""End to end: ingest a folder of mixed reports and publish Parquet, DuckDB and a datapackage atomically."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import pipeline.run
import pipeline.tables
from pdf_fixtures import write_pdf, write_truncated_pdf
from pipeline.cli import main
from pipeline.incremental import STATE_DIR
from pipeline.publish import DATAPACKAGE_FILE, DUCKDB_FILE, publish
from pipeline.run import FAILURES_FILE, FAILURES_REPORT, RunOptions, ingest
from pipeline.schemas import TABLES
from pipeline.validate import ValidationFailed

TABLE_NAMES = [spec.name for spec in TABLES]

AUDIT_PDF_PAGES = [
    ["Grant Oversight: Mission Monitoring of Partner Results",
     "",
     "The Office of Inspector General reviewed 42 awards worth $18.5 million.",
     "The Eurasia Foundation managed 12 of the awards."],
    ["Recommendations",
     "",
     "1. The Mission Director should verify partner data for all 42 awards.",
     "2. The Mission Director should document site visits."],
]

EVALUATION_HTML = """<!DOCTYPE html>
<html><head><title>Evaluation</title><script>var tracker = 1;</script></head>
<body><main>
<h1>Final Evaluation of the Water Governance Programme</h1>
<p>The Aga Khan Foundation and the Ministry of Water Resources reached 12,400 households.</p>
<h2>Recommendations</h2>
<ul><li>The ministry should publish water quality data every month.</li></ul>
</main></body></html>
"""


def make_source(folder: Path, raw_dir: Path | None = None) -> Path:
    """A source folder of mixed reports: raw samples (if given), a PDF, an HTML page and a broken PDF."""
    folder.mkdir(parents=True, exist_ok=True)
    if raw_dir is not None:
        for sample in sorted(raw_dir.glob("*.txt")):
            shutil.copy(sample, folder / sample.name)
    write_pdf(folder / "oig-audit.pdf", AUDIT_PDF_PAGES)
    (folder / "evaluations").mkdir(exist_ok=True)
    (folder / "evaluations" / "water.html").write_text(EVALUATION_HTML, encoding="utf-8")
    write_truncated_pdf(folder / "evaluations" / "interrupted.pdf", AUDIT_PDF_PAGES)
    return folder


def broken_build_tables(results, **kwargs):
    """The real tables with an unknown document status and a negative page: validation must reject them."""
    tables = pipeline.tables.build_tables(results, **kwargs)
    tables["documents"].loc[0, "status"] = "misplaced"
    tables["figures"].loc[0, "page"] = -1
    return tables


def snapshot(out_dir: Path) -> dict[str, object]:
    """Every file's bytes and every link's target under out_dir, without following links; the run-state
    folder (caches, run log) is bookkeeping, not the published dataset, and is left out."""
    state: dict[str, object] = {}
    for root, dirs, files in os.walk(out_dir):
        for name in dirs + files:
            path = Path(root) / name
            key = path.relative_to(out_dir).as_posix()
            if key.split("/")[0] == STATE_DIR:
                continue
            if path.is_symlink():
                state[key] = ("link", os.readlink(path))
            elif path.is_file():
                state[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return state


def current_version(out_dir: Path) -> Path:
    return (out_dir / "current").resolve()


@pytest.fixture(scope="module")
def published(tmp_path_factory, raw_dir):
    base = tmp_path_factory.mktemp("ingest")
    src = make_source(base / "src", raw_dir)
    out = base / "out"
    summary = ingest(src, out)
    return src, out, summary


# -- what one ingest publishes ------------------------------------------------------------------------------

def test_ingest_summarises_every_file(published):
    _, out, summary = published
    assert summary.documents == 5
    assert summary.statuses == {"ok": 4, "corrupt": 1}
    assert summary.version == current_version(out)


def test_every_table_is_readable_through_its_top_level_name(published):
    _, out, summary = published
    for name in TABLE_NAMES:
        top = out / f"{name}.parquet"
        assert top.is_symlink()
        frame = pd.read_parquet(top)
        assert len(frame) == summary.rows[name]
        pd.testing.assert_frame_equal(frame, pd.read_parquet(summary.version / f"{name}.parquet"))
    for name in ("documents", "organisations", "mentions", "figures", "recommendations"):
        assert summary.rows[name] > 0


def test_duckdb_has_the_same_tables_and_row_counts(published):
    _, out, _ = published
    con = duckdb.connect(str(out / DUCKDB_FILE), read_only=True)
    try:
        tables = {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert tables == set(TABLE_NAMES)
        for name in TABLE_NAMES:
            count = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            assert count == len(pd.read_parquet(out / f"{name}.parquet")), name
    finally:
        con.close()


def test_datapackage_describes_the_tables_with_keys(published):
    _, out, _ = published
    package = json.loads((out / DATAPACKAGE_FILE).read_text(encoding="utf-8"))
    assert "2.0" in package["$schema"] and "datapackage" in package["$schema"]
    resources = {r["name"]: r for r in package["resources"]}
    assert list(resources) == TABLE_NAMES
    for name, resource in resources.items():
        assert (out / resource["path"]).exists()
        columns = list(pd.read_parquet(out / resource["path"]).columns)
        assert [f["name"] for f in resource["schema"]["fields"]] == columns
    assert resources["documents"]["schema"]["primaryKey"] == ["doc_id"]
    assert resources["mentions"]["schema"]["primaryKey"] == ["mention_id"]
    foreign = {(fk["fields"][0], fk["reference"]["resource"], fk["reference"]["fields"][0])
               for fk in resources["mentions"]["schema"]["foreignKeys"]}
    assert foreign == {("doc_id", "documents", "doc_id"), ("org_id", "organisations", "org_id")}
    assert {"fields": ["doc_id"], "reference": {"resource": "documents", "fields": ["doc_id"]}} in \
        resources["recommendations"]["schema"]["foreignKeys"]
    status = next(f for f in resources["documents"]["schema"]["fields"] if f["name"] == "status")
    assert "corrupt" in status["constraints"]["enum"]


def test_broken_file_has_a_documents_row_naming_it(published):
    _, out, _ = published
    documents = pd.read_parquet(out / "documents.parquet").set_index("source")
    broken = documents.loc["evaluations/interrupted.pdf"]
    assert broken["status"] == "corrupt"
    assert "evaluations/interrupted.pdf" in broken["error"]
    assert broken["pages"] == 0


def test_each_format_is_read(published):
    _, out, _ = published
    documents = pd.read_parquet(out / "documents.parquet").set_index("source")
    assert documents.loc["oig-audit.pdf", ["media_type", "pages", "status"]].tolist() == ["application/pdf", 2, "ok"]
    assert documents.loc["evaluations/water.html", "media_type"] == "text/html"
    assert documents.loc["004_2daf2edc09ea7d9b.txt", "repairs_ligatures"] > 0
    assert documents.loc["000_bff2ed9d8e1e0a7f.txt", "recommendation_count"] == 0


def test_records_from_the_pdf_keep_their_page(published):
    _, out, _ = published
    documents = pd.read_parquet(out / "documents.parquet").set_index("source")
    pdf_id = documents.loc["oig-audit.pdf", "doc_id"]
    recs = pd.read_parquet(out / "recommendations.parquet")
    recs = recs[recs["doc_id"] == pdf_id]
    assert recs["page"].tolist() == [2, 2]
    assert recs["audience"].tolist() == ["Mission Director", "Mission Director"]
    figures = pd.read_parquet(out / "figures.parquet")
    assert set(figures.loc[(figures["doc_id"] == pdf_id) & (figures["page"] == 1), "text"]) >= {"42 awards",
                                                                                                "$18.5 million"}


def test_organisations_resolve_across_formats(published):
    _, out, _ = published
    orgs = pd.read_parquet(out / "organisations.parquet").set_index("name")
    assert orgs.loc["Civil Society Development Association", "acronym"] == "ARGO"
    mentions = pd.read_parquet(out / "mentions.parquet")
    assert set(mentions["org_id"]) <= set(orgs["org_id"])


# -- versions and atomic swaps ------------------------------------------------------------------------------

@pytest.fixture()
def small_source(tmp_path) -> Path:
    return make_source(tmp_path / "src")


def test_second_publish_swaps_current_to_a_new_version(small_source, tmp_path):
    out = tmp_path / "out"
    first = ingest(small_source, out).version
    documents_link = os.readlink(out / "documents.parquet")
    (small_source / "note.txt").write_text("The Eurasia Foundation trained 30 journalists in 2021.\n")
    second = ingest(small_source, out).version
    assert first != second
    assert current_version(out) == second
    assert first.is_dir()  # older versions are kept for readers still using them
    assert os.readlink(out / "documents.parquet") == documents_link == os.path.join("current", "documents.parquet")
    assert "note.txt" in set(pd.read_parquet(out / "documents.parquet")["source"])
    assert "note.txt" not in set(pd.read_parquet(first / "documents.parquet")["source"])
    assert not list((out / "versions").glob(".staging-*"))
    assert not list(out.glob(".current-*"))


def test_old_versions_are_pruned_beyond_the_limit(small_source, tmp_path):
    out = tmp_path / "out"
    versions = [ingest(small_source, out, RunOptions(keep_versions=2)).version for _ in range(3)]
    kept = sorted(p for p in (out / "versions").iterdir())
    assert kept == sorted(versions[1:])


def test_failed_validation_publishes_nothing_and_writes_the_failures(small_source, tmp_path, monkeypatch):
    out = tmp_path / "out"
    ingest(small_source, out)
    before = snapshot(out)

    monkeypatch.setattr(pipeline.run, "build_tables", broken_build_tables)
    (small_source / "note.txt").write_text("The Eurasia Foundation trained 30 journalists in 2021.\n")
    with pytest.raises(ValidationFailed):
        ingest(small_source, out)

    failures_csv = out / FAILURES_FILE
    assert failures_csv.is_file()
    failures = pd.read_csv(failures_csv)
    assert {("documents", "status", "misplaced"), ("figures", "page", "-1")} <= {
        (row.table, row.column, str(row.failure_case)) for row in failures.itertuples()}
    after = snapshot(out)
    after.pop(FAILURES_FILE)
    after.pop(FAILURES_REPORT)
    assert after == before  # same versions, same bytes, same links


def test_cli_exits_1_when_validation_fails(small_source, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    assert main(["ingest", str(small_source), "--out", str(out), "--quiet"]) == 0
    before = snapshot(out)
    monkeypatch.setattr(pipeline.run, "build_tables", broken_build_tables)
    code = main(["ingest", str(small_source), "--out", str(out), "--quiet"])
    err = capsys.readouterr().err
    assert code == 1
    assert "nothing was published" in err and FAILURES_FILE in err
    after = snapshot(out)
    after.pop(FAILURES_FILE)
    after.pop(FAILURES_REPORT)
    assert after == before


def test_cli_publishes_and_reports(small_source, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["ingest", str(small_source), "--out", str(out), "-q"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("published ") and "3 documents" in printed and "1 corrupt" in printed
    assert (out / "documents.parquet").exists()


def test_cli_missing_source_folder_exits_2(tmp_path, capsys):
    assert main(["ingest", str(tmp_path / "no-such-folder"), "--out", str(tmp_path / "out")]) == 2
    assert "no-such-folder" in capsys.readouterr().err
    assert not (tmp_path / "out" / "current").exists()


def test_publish_refuses_incomplete_tables_without_touching_current(small_source, tmp_path):
    out = tmp_path / "out"
    ingest(small_source, out)
    before = snapshot(out)
    tables = {name: pd.read_parquet(out / f"{name}.parquet") for name in TABLE_NAMES}
    del tables["figures"]
    with pytest.raises(KeyError):
        publish(tables, out)
    assert snapshot(out) == before


def test_each_version_carries_its_review_report(small_source, tmp_path):
    out = tmp_path / "out"
    first = ingest(small_source, out).version
    assert (first / "report" / "index.html").is_file()
    assert (out / "report" / "index.html").resolve() == (first / "report" / "index.html").resolve()


def test_a_failing_report_does_not_stop_publishing(small_source, tmp_path, monkeypatch):
    def broken_report(*args, **kwargs):
        raise RuntimeError("renderer broke")

    monkeypatch.setattr(pipeline.run, "write_report", broken_report)
    version = ingest(small_source, tmp_path / "out").version
    assert (version / "documents.parquet").is_file()
    assert not (version / "report" / "index.html").exists()
