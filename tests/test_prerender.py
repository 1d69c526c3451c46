"""Page images rendered ahead (pipeline.report.prerender): on several processes a run draws each PDF's images as
its result arrives, and the report links them instead of drawing them again; what the report asks for
differently it still draws itself, so the report is the same either way."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image

from pipeline.report import write_report
from pipeline.report.build import PageWriters, Prerenderer, image_requests_of
from pipeline.report.prerender import Prerendered, image_requests
from pipeline.report.regions import Region
from pipeline.run import RunOptions, ingest
from pdf_fixtures import write_pdf

# Two short programme reviews (two documents, so a run on two processes starts page writers), the second also
# under another name (the same bytes are one document, rendered once).
REVIEWS = {
    "water.pdf": [["Water Access Programme: annual review", "",
                   "The Rural Water Foundation (RWF) drilled 120 wells with the Ministry of Water Resources.",
                   "RWF trained 350 pump mechanics in 14 districts, and spent $2.3 million."],
                  ["Recommendations", "",
                   "1. The Ministry of Water Resources should publish district water budgets every year.",
                   "2. The Rural Water Foundation should train 200 more pump mechanics by 2024."]],
    "schools.pdf": [["School Meals Initiative: mid-term evaluation", "",
                     "The Global School Meals Alliance fed 48,000 pupils in 2023 with the Ministry of Education.",
                     "Attendance rose by 12% in the 90 schools the Alliance supported."]],
}
ITEMS = {"mentions": "mention_id", "figures": "figure_id", "recommendations": "recommendation_id"}


def read_tables(out_dir: Path) -> dict[str, pd.DataFrame]:
    return {p.stem: pd.read_parquet(p) for p in sorted((out_dir / "current").glob("*.parquet"))}


def own_items(tables: dict[str, pd.DataFrame], doc_id: str) -> dict[str, list]:
    """A document's rows as its report page lists them: each table in text order, ties by id."""
    return {name: list(tables[name][tables[name]["doc_id"] == doc_id]
                       .sort_values(["norm_start", "norm_end", key], kind="mergesort").itertuples(index=False))
            for name, key in ITEMS.items()}


@pytest.fixture(scope="module")
def run_on_two_processes(tmp_path_factory):
    """The reviews ingested with two workers, recording what was rendered ahead."""
    base = tmp_path_factory.mktemp("prerender")
    src = base / "src"
    src.mkdir()
    for name, pages in REVIEWS.items():
        write_pdf(src / name, pages)
    shutil.copy(src / "schools.pdf", src / "schools-copy.pdf")
    rendered: dict[str, Prerendered] = {}
    results = Prerenderer.results

    def recording(self):
        rendered.update(results(self))
        return rendered

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Prerenderer, "results", recording)
        ingest(src, base / "out", RunOptions(workers=2))
    return src, base / "out", read_tables(base / "out"), rendered


def test_every_image_the_report_asks_for_was_rendered_ahead(run_on_two_processes):
    _, _, tables, rendered = run_on_two_processes
    documents = tables["documents"]
    pdfs = documents[(documents["media_type"] == "application/pdf") & (documents["status"] == "ok")]
    assert len(pdfs) == 2, "the copy is a duplicate of the same document"
    assert set(rendered) == set(pdfs["doc_id"]), "each document is rendered ahead once"
    for doc_id in pdfs["doc_id"]:
        asked = image_requests_of(own_items(tables, doc_id))
        assert asked, "the fixture should yield items"
        assert all(rendered[doc_id].take(request) is not None for request in asked)


def test_the_report_is_the_same_as_one_drawn_in_one_process(run_on_two_processes, tmp_path):
    src, out, tables, _ = run_on_two_processes
    write_report(tables, tmp_path / "report", src, workers=1)
    ours, theirs = out / "current" / "report" / "documents", tmp_path / "report" / "documents"
    images = sorted(p.relative_to(ours) for p in ours.rglob("*.png"))
    assert images and images == sorted(p.relative_to(theirs) for p in theirs.rglob("*.png"))
    for image in images:
        assert (ours / image).read_bytes() == (theirs / image).read_bytes()


def test_images_rendered_ahead_do_not_outlive_the_run(run_on_two_processes):
    _, out, _, rendered = run_on_two_processes
    assert rendered and not any(p.folder.exists() for p in rendered.values())
    assert not list((out / "state").glob("images-*"))


def test_the_report_links_images_rendered_ahead_and_draws_the_rest(run_on_two_processes, tmp_path):
    """A crop rendered ahead for the same item and span is used as it is; one for another span is not."""
    src, _, tables, _ = run_on_two_processes
    documents = tables["documents"]
    doc_id = documents.loc[documents["source"] == "water.pdf", "doc_id"].iloc[0]
    first, second, *_ = image_requests_of(own_items(tables, doc_id))
    folder = tmp_path / "ahead"
    folder.mkdir()
    Image.new("RGB", (7, 3), "blue").save(folder / "first.png")
    Image.new("RGB", (7, 3), "red").save(folder / "second.png")
    moved = type(second)(second.item_id, second.page, second.start + 1, second.end + 1)
    ahead = Prerendered(folder, {first.item_id: (first, Region(first.item_id, path="first.png")),
                                 second.item_id: (moved, Region(second.item_id, path="second.png"))})
    only = {name: frame[frame["doc_id"] == doc_id] if "doc_id" in frame else frame for name, frame in tables.items()}
    write_report(only, tmp_path / "report", src, workers=1, prerendered={doc_id: ahead})
    page = (tmp_path / "report" / "documents" / f"{doc_id}.html").read_text(encoding="utf-8")
    assert f'src="{doc_id}/first.png"' in page
    assert (tmp_path / "report" / "documents" / doc_id / "first.png").read_bytes() == (folder / "first.png").read_bytes()
    with Image.open(tmp_path / "report" / "documents" / doc_id / f"{second.item_id}.png") as drawn:
        assert drawn.size != (7, 3), "a crop for another span is drawn again"


def test_one_process_renders_nothing_ahead(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name, pages in REVIEWS.items():
        write_pdf(src / name, pages)
    prerenderer = Prerenderer(1, 2, src, tmp_path / "out")
    from pipeline.process import process_file

    prerenderer.submit(process_file(src, src / "water.pdf"))
    assert prerenderer.writers is None and prerenderer.results() == {}
    prerenderer.close()


def test_requests_are_capped_in_the_order_the_report_images(tmp_path, monkeypatch):
    from pipeline.process import process_file

    write_pdf(tmp_path / "water.pdf", REVIEWS["water.pdf"])
    result = process_file(tmp_path, tmp_path / "water.pdf")
    everything = image_requests(result, 1000)
    kinds = [request.item_id[:3] for request in everything]
    assert kinds == sorted(kinds, key=["rec", "fig", "men"].index), "recommendations, then figures, then mentions"
    assert image_requests(result, 2) == everything[:2]


@pytest.mark.skipif(not hasattr(os, "nice") or os.nice(0) >= 19, reason="no lower priority to give")
def test_page_writers_yield_the_cpu_to_the_run():
    writers = PageWriters(1)
    try:
        assert writers._pool.submit(os.nice, 0).result() > os.nice(0)
    finally:
        writers.close()
