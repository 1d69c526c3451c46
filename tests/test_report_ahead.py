"""Page images drawn ahead: while a run with several processes builds its tables, page writers draw the images of
the PDFs it has just extracted, from their records; the pages written later take them. The report must be the
same, byte for byte, as one whose pages draw their own images."""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path

import pytest

import pipeline.report.build as report_build
import pipeline.report.pages as report_pages
from pipeline.incremental import store_texts
from pipeline.process import process_file
from pipeline.publish import scratch_folder
from pipeline.report.build import RegionsAhead, region_jobs
from pipeline.report.regions import RegionRequest
from pipeline.run import RunOptions, ingest
from pdf_fixtures import write_pdf

# Three pages naming organisations (one only by a bare acronym that nothing defines), with figures and a
# recommendation: images on every page.
PAGES = [
    ["Mid-term Review of the Clean Cooking Programme", "",
     "The Clean Cooking Programme is run by the Household Energy Trust (HET) with funds from the",
     "Ministry of Energy. By June 2022 it had sold 18,400 improved stoves in 9 districts.", "",
     "HET also trained 220 stove makers, and the QZX group visited 3 markets."],
    ["Costs", "", "The programme spent $1.8 million, of which 35% went to subsidies paid by the Ministry of",
     "Energy. The Household Energy Trust raised another $0.4 million from private donors."],
    ["Recommendations", "",
     "1. The Ministry of Energy should extend the stove subsidy to 6 more districts by 2025.",
     "2. The Household Energy Trust should publish its sales data every quarter."],
]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """A source folder with the PDF, its extraction result, and the run state that keeps its texts."""
    base = tmp_path_factory.mktemp("ahead")
    src, out = base / "src", base / "out"
    src.mkdir()
    write_pdf(src / "cooking-review.pdf", PAGES)
    result = process_file(src, src / "cooking-review.pdf")
    assert result.status == "ok" and result.mentions and result.figures and result.recommendations
    store_texts(out, result)
    return src, out, result


def _page_job(src: Path, out: Path, result, report_dir: Path, rendered=None, rendered_dir=None):
    """The page job write_report would make for the document, from its published tables."""
    summary = ingest(src, out / "published", RunOptions(workers=1))
    tables = {name: __import__("pandas").read_parquet(summary.version / f"{name}.parquet")
              for name in ("documents", "organisations", "mentions", "figures", "recommendations")}
    rows = {name: report_build._rows_by_document(tables[name]) for name in ("mentions", "figures", "recommendations")}
    own = {name: by_doc.get(result.doc_id, []) for name, (_, by_doc) in rows.items()}
    columns = {name: tuple(cols) for name, (cols, _) in rows.items()}
    org_columns, org_rows = report_build._rows_by_key(tables["organisations"], "org_id")
    documents = tables["documents"]
    document = dict(zip(documents.columns, report_build._plain_rows(documents)[0]))
    return report_pages._PageJob(document, own, columns, org_columns, org_rows, None, None, src, report_dir, out,
                                 rendered or {}, rendered_dir)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_page_takes_the_images_drawn_ahead_and_draws_none_itself(extracted, tmp_path, monkeypatch):
    src, out, result = extracted
    folder = tmp_path / "ahead"
    [job] = region_jobs([result], src, out, {}, folder)
    rendered = report_pages.render_ahead(job)
    assert rendered and all(request.item_id == item_id for item_id, (request, _) in rendered.items())

    own_dir = tmp_path / "own"
    report_pages._write_job(_page_job(src, out, result, own_dir))
    drawn: list[RegionRequest] = []
    render = report_pages.render_regions
    monkeypatch.setattr(report_pages, "render_regions",
                        lambda pdf, texts, requests, *a, **k: drawn.extend(requests) or render(pdf, texts, requests,
                                                                                              *a, **k))
    taken_dir = tmp_path / "taken"
    outcome, _ = report_pages._write_job(_page_job(src, out, result, taken_dir, rendered, job.folder))

    assert drawn == [], "every image was drawn ahead"
    assert outcome.images == len([r for _, r in rendered.values() if r.path]) > 0
    assert _files(taken_dir) == _files(own_dir), "the same page and images, byte for byte"
    assert not any(job.folder.glob("*.png")), "the images drawn ahead were moved into the report"


def test_an_image_drawn_ahead_for_another_request_is_drawn_again(extracted, tmp_path, monkeypatch):
    """Only an image of exactly the request the page makes is taken (same item, page and span)."""
    src, out, result = extracted
    [job] = region_jobs([result], src, out, {}, tmp_path / "ahead")
    rendered = report_pages.render_ahead(job)
    item_id, (request, region) = next((k, v) for k, v in rendered.items() if v[1].path)
    rendered[item_id] = (replace(request, end=request.end - 1), region)
    drawn: list[RegionRequest] = []
    render = report_pages.render_regions
    monkeypatch.setattr(report_pages, "render_regions",
                        lambda pdf, texts, requests, *a, **k: drawn.extend(requests) or render(pdf, texts, requests,
                                                                                              *a, **k))
    report_pages._write_job(_page_job(src, out, result, tmp_path / "report", rendered, job.folder))
    assert [r.item_id for r in drawn] == [item_id]


def test_a_long_document_is_shared_among_writers_page_by_page(extracted, tmp_path):
    src, out, result = extracted
    [whole] = region_jobs([result], src, out, {}, tmp_path / "whole")
    parts = [replace(whole, folder=tmp_path / "parts", part=k, parts=2) for k in range(2)]
    drawn = [report_pages.render_ahead(part) for part in parts]
    pages = [{request.page for request, _ in regions.values()} for regions in drawn]
    assert pages[0] and pages[1] and not pages[0] & pages[1], "each part draws its own pages"
    assert {**drawn[0], **drawn[1]} == report_pages.render_ahead(whole)
    assert _files(tmp_path / "parts") == _files(whole.folder)


def test_mentions_resolution_may_drop_are_left_to_the_page(extracted, tmp_path):
    """A bare acronym is an organisation only if resolution finds it defined: one its document defines ("HET")
    is drawn ahead, one that nothing there defines ("QZX") is left to the page (most such mentions are dropped,
    and would be drawn for nothing)."""
    src, out, result = extracted
    bare = {m.text for m in result.mentions if m.prov.rule == report_build.BARE_ACRONYM_RULE and not m.known_id}
    assert bare == {"HET", "QZX"}, "the fixture has a defined and an undefined bare acronym"
    [job] = region_jobs([result], src, out, {}, tmp_path)
    texts = {row[job.columns["mentions"].index("text")] for row in job.items["mentions"]}
    assert "HET" in texts and "QZX" not in texts


def test_only_pdfs_with_items_are_drawn_ahead_once_each(extracted, tmp_path):
    src, out, result = extracted
    empty = replace(result, doc_id="doc_empty", source="other.pdf", mentions=(), figures=(), recommendations=())
    text = replace(result, doc_id="doc_text", source="notes.txt", media_type="text/plain")
    jobs = region_jobs([result, result, empty, text], src, out, {}, tmp_path)
    assert [job.document["doc_id"] for job in jobs] == [result.doc_id]


def test_a_failed_drawing_leaves_the_images_to_the_page(tmp_path, caplog):
    failed: Future = Future()
    failed.set_exception(RuntimeError("pdfium crashed"))
    done: Future = Future()
    done.set_result({"men_1": ("request", "region")})
    ahead = RegionsAhead(tmp_path / "ahead", {"doc_a": [failed, done], "doc_b": [failed]})
    assert ahead.take("doc_a") == ({"men_1": ("request", "region")}, tmp_path / "ahead" / "doc_a")
    assert ahead.take("doc_b") == ({}, tmp_path / "ahead" / "doc_b")
    assert ahead.take("doc_c") == ({}, None)
    assert "pdfium crashed" in caplog.text
    (tmp_path / "ahead" / "doc_a").mkdir(parents=True)
    ahead.close()
    assert not (tmp_path / "ahead").exists()


def test_a_run_with_two_processes_publishes_the_same_report_and_leaves_no_scratch(extracted, tmp_path):
    """End to end: the pages of a run that drew images ahead equal those of a one-process run."""
    src = tmp_path / "src"
    src.mkdir()
    write_pdf(src / "cooking-review.pdf", PAGES)
    write_pdf(src / "second.pdf", [PAGES[1], PAGES[2]])
    (src / "notes.txt").write_text("The Ministry of Energy met 12 stove makers in May.\n", encoding="utf-8")
    one = ingest(src, tmp_path / "one", RunOptions(workers=1)).version / "report" / "documents"
    two = ingest(src, tmp_path / "two", RunOptions(workers=2)).version / "report" / "documents"
    files = _files(one)
    assert sum(name.endswith(".png") for name in files) > 5
    assert _files(two) == files
    # The organisations page, which the run writes while the page writers work, is the same too.
    assert (two.parent / "organisations.html").read_bytes() == (one.parent / "organisations.html").read_bytes()
    assert not list((tmp_path / "two" / "versions").glob(".regions-*"))


def test_publishing_removes_the_scratch_a_killed_run_left(tmp_path, raw_dir):
    left = scratch_folder(tmp_path / "out", "regions")
    (left / "doc_x").mkdir(parents=True)
    (left / "doc_x" / "men_1.png").write_bytes(b"\x89PNG")
    src = tmp_path / "src"
    src.mkdir()
    (src / "notes.txt").write_text("The Ministry of Energy met 12 stove makers in May.\n", encoding="utf-8")
    ingest(src, tmp_path / "out", RunOptions(workers=1))
    assert not left.exists()


def test_a_run_draws_the_images_of_the_pdfs_it_extracted_before_it_builds_its_tables(tmp_path, monkeypatch):
    import pipeline.run as run

    events: list = []
    render_ahead = report_build.PageWriters.render_ahead
    build_tables = run.build_tables
    monkeypatch.setattr(report_build.PageWriters, "render_ahead", lambda self, jobs, folder: events.append(
        ("ahead", sorted(job.document["source"] for job in jobs))) or render_ahead(self, jobs, folder))
    monkeypatch.setattr(run, "build_tables", lambda *a, **k: events.append("tables") or build_tables(*a, **k))
    src = tmp_path / "src"
    src.mkdir()
    write_pdf(src / "cooking-review.pdf", PAGES)
    (src / "notes.txt").write_text("The Ministry of Energy met 12 stove makers in May.\n", encoding="utf-8")
    ingest(src, tmp_path / "out", RunOptions(workers=2))
    assert events == [("ahead", ["cooking-review.pdf"]), "tables"]


def test_a_forced_run_leaves_the_images_of_pages_the_report_has_to_the_pages(tmp_path, monkeypatch):
    """Re-extracting unchanged content (--force) most likely gives pages the current report already has, which
    are reused: drawing their images ahead would be work for nothing. New content is still drawn ahead."""
    drawn: list = []
    render_ahead = report_build.PageWriters.render_ahead
    monkeypatch.setattr(report_build.PageWriters, "render_ahead", lambda self, jobs, folder: drawn.append(
        sorted(job.document["source"] for job in jobs)) or render_ahead(self, jobs, folder))
    src = tmp_path / "src"
    src.mkdir()
    write_pdf(src / "cooking-review.pdf", PAGES)
    (src / "notes.txt").write_text("The Ministry of Energy met 12 stove makers in May.\n", encoding="utf-8")
    ingest(src, tmp_path / "out", RunOptions(workers=2))
    write_pdf(src / "second.pdf", [PAGES[1], PAGES[2]])
    forced = ingest(src, tmp_path / "out", RunOptions(workers=2, force=True))
    assert drawn == [["cooking-review.pdf"], ["second.pdf"]]
    pages = forced.version / "report" / "documents"
    assert len(list(pages.glob("*/*.png"))) > 5, "every image is there, drawn ahead or by its page"
