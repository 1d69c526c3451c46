"""The review report: every extracted item listed with its page and highlighted context, PDF items with an image
of their page region, a run summary with charts and changes, and a failure page listing every case."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pandas as pd
import pytest
from PIL import Image

import pipeline.report.build as report_build
import pipeline.report.pages as report_pages
import pipeline.report.context as report_context
from pipeline.report import write_failure_report, write_report
from pipeline.report.__main__ import main as report_main
from pipeline.report.__main__ import previous_version
from pipeline.report.changes import compare_documents, compare_versions
from pipeline.report.context import span_context, squash
from pipeline.report.regions import RegionRequest, render_regions
from pipeline.run import ingest
from pipeline.validate import ValidationFailed, validate_tables
from pdf_fixtures import write_pdf

# A two-page programme review: organisations named twice on page 1 (so an item must be found at the right
# occurrence), figures of several units, and a numbered recommendation list on page 2.
REVIEW_PDF = [
    ["Annual Review of the Water Access Programme", "",
     "The Water Access Programme is implemented by the Rural Water Foundation (RWF) with",
     "funding from the Ministry of Water Resources. In 2021 the programme reached 12,500",
     "households in 14 districts and spent $2.3 million on new wells.", "",
     "The Rural Water Foundation also trained 350 pump mechanics. RWF staff visited",
     "every district twice, and the Ministry of Water Resources audited 40% of the wells."],
    ["Recommendations", "",
     "1. The Ministry of Water Resources should publish district water budgets every year.",
     "2. The Rural Water Foundation should train 200 more pump mechanics by 2024.",
     "3. Donors should fund maintenance for at least 5 years after construction."],
]
PDF_NAME = "water-review.pdf"
ITEM_TABLES = {"mentions": "mention_id", "figures": "figure_id", "recommendations": "recommendation_id"}


class Rows(HTMLParser):
    """Collects every element id, and per `<tr id>`: its cells' text, highlighted text and image sources."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.rows: dict[str, dict] = {}
        self._row: dict | None = None
        self._in_mark = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "tr" and "id" in attrs:
            self._row = self.rows.setdefault(attrs["id"], {"cells": [], "marks": [], "images": []})
        elif self._row is not None and tag == "td":
            self._row["cells"].append("")
        elif self._row is not None and tag == "mark":
            self._in_mark = True
            self._row["marks"].append("")
        elif self._row is not None and tag == "img":
            self._row["images"].append(attrs["src"])

    def handle_endtag(self, tag):
        if tag == "tr":
            self._row = None
        elif tag == "mark":
            self._in_mark = False

    def handle_data(self, data):
        if self._row is not None and self._row["cells"]:
            self._row["cells"][-1] += data
            if self._in_mark:
                self._row["marks"][-1] += data


def parse(path: Path) -> Rows:
    parser = Rows()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def read_tables(out_dir: Path) -> dict[str, pd.DataFrame]:
    """The published tables, as a reader of OUT_DIR sees them."""
    return {p.stem: pd.read_parquet(p) for p in sorted((out_dir / "current").glob("*.parquet"))}


@pytest.fixture(scope="module")
def published(tmp_path_factory, raw_dir):
    """raw/ plus a generated PDF, ingested and published."""
    base = tmp_path_factory.mktemp("report")
    src = base / "src"
    src.mkdir()
    for path in sorted(raw_dir.iterdir()):
        shutil.copy(path, src / path.name)
    write_pdf(src / PDF_NAME, REVIEW_PDF)
    ingest(src, base / "out")
    return src, read_tables(base / "out"), base / "out"


@pytest.fixture(scope="module")
def report(published, tmp_path_factory):
    src, tables, _ = published
    report_dir = tmp_path_factory.mktemp("report-out") / "report"
    index = write_report(tables, report_dir, src)
    return index, tables


def pdf_doc(tables: dict[str, pd.DataFrame]) -> pd.Series:
    documents = tables["documents"]
    return documents[documents["source"] == PDF_NAME].iloc[0]


def only_pdf(tables: dict[str, pd.DataFrame], source: str = PDF_NAME) -> dict[str, pd.DataFrame]:
    """The tables cut down to one document's rows (the generated PDF's by default), for tests that need no
    other document: re-reading the long atlas for every report would only make them slower."""
    documents = tables["documents"]
    doc_id = documents.loc[documents["source"] == source, "doc_id"].iloc[0]
    return {name: frame[frame["doc_id"] == doc_id].reset_index(drop=True) if "doc_id" in frame else frame
            for name, frame in tables.items()}


# -- every item, with provenance --------------------------------------------------------------------------

def test_every_extracted_item_appears_in_the_report_by_id(report):
    index, tables = report
    report_dir = index.parent
    everywhere = set().union(*(parse(p).ids for p in report_dir.rglob("*.html")))
    assert set(tables["documents"]["doc_id"]) <= parse(index).ids
    assert set(tables["organisations"]["org_id"]) <= parse(report_dir / "organisations.html").ids
    for name, key in ITEM_TABLES.items():
        assert len(tables[name]), f"the fixture should yield {name}"
        assert set(tables[name][key]) <= everywhere
        for doc_id, items in tables[name].groupby("doc_id"):
            on_page = parse(report_dir / "documents" / f"{doc_id}.html").ids
            missing = set(items[key]) - on_page
            assert not missing, f"{name} missing from the page of {doc_id}: {sorted(missing)[:5]}"


def test_items_show_their_page_and_the_text_they_came_from_highlighted(report):
    index, tables = report
    pages = {doc_id: parse(index.parent / "documents" / f"{doc_id}.html") for doc_id in tables["documents"]["doc_id"]}
    for name, key in ITEM_TABLES.items():
        for row in tables[name].itertuples(index=False):
            shown = pages[row.doc_id].rows[getattr(row, key)]
            assert shown["cells"][0].startswith(str(row.page)), (name, getattr(row, key))
            assert len(shown["marks"]) == 1, (name, getattr(row, key))
            marked, text = squash(shown["marks"][0]), squash(row.text)
            assert marked and (text in marked or marked in text), (name, row.text, shown["marks"][0])
    page_text = index.read_text(encoding="utf-8")
    assert "does not hold their text" not in page_text, "freshly published spans must match the re-read sources"


def test_pdf_items_get_a_small_image_of_their_page_region_with_the_item_highlighted(report):
    index, tables = report
    doc = pdf_doc(tables)
    rows = parse(index.parent / "documents" / f"{doc.doc_id}.html").rows
    for name, key in ITEM_TABLES.items():
        for item_id in tables[name].loc[tables[name]["doc_id"] == doc.doc_id, key]:
            (src,) = rows[item_id]["images"]
            image_path = index.parent / "documents" / src
            assert image_path.stat().st_size < 40_000, "a region image should stay small"
            with Image.open(image_path) as image:
                assert image.format == "PNG"
                assert image.height < image.width, "a region, not the whole page"
                colours = [colour for _, colour in image.convert("RGB").getcolors(maxcolors=1 << 16)]
                assert any(r > 240 and g > 180 and r - b > 60 for r, g, b in colours), "no highlight drawn"


def test_text_documents_get_no_images(report):
    index, tables = report
    documents = tables["documents"]
    for doc_id in documents.loc[documents["media_type"] != "application/pdf", "doc_id"]:
        assert not (index.parent / "documents" / doc_id).exists()


def test_region_follows_the_occurrence_of_a_repeated_name(published, tmp_path):
    """The same name twice on one page: each mention's region is where that occurrence is printed."""
    src, tables, _ = published
    doc = pdf_doc(tables)
    mentions = tables["mentions"]
    ministry = mentions[(mentions["doc_id"] == doc.doc_id) & (mentions["page"] == 1)
                        & (mentions["text"] == "Ministry of Water Resources")].sort_values("start")
    assert len(ministry) == 2
    from pipeline.read import read_document

    path = src / PDF_NAME
    pages = read_document(path, path.read_bytes()).pages
    requests = [RegionRequest(r.mention_id, 1, int(r.start), int(r.end)) for r in ministry.itertuples()]
    first, second = (render_regions(path, pages, requests, tmp_path)[r.item_id] for r in requests)
    assert first.box and second.box
    # The writer sets lines 16 pt apart; the second mention is four lines below the first.
    assert second.box[1] - first.box[1] == pytest.approx(4 * 16, abs=2)


def test_images_are_capped_per_document_and_the_page_says_so(published, tmp_path, monkeypatch):
    src, tables, _ = published
    monkeypatch.setattr(report_pages, "MAX_IMAGES_PER_DOCUMENT", 2)
    tables = only_pdf(tables)
    index = write_report(tables, tmp_path / "report", src)
    doc = pdf_doc(tables)
    assert len(list((tmp_path / "report" / "documents" / doc.doc_id).glob("*.png"))) == 2
    page = (tmp_path / "report" / "documents" / f"{doc.doc_id}.html").read_text(encoding="utf-8")
    assert "capped at 2 per document" in page
    assert "capped at 2 per document" in index.read_text(encoding="utf-8")
    # Recommendations are imaged first.
    recommendations = tables["recommendations"]
    first_two = recommendations[recommendations["doc_id"] == doc.doc_id].sort_values("norm_start")["recommendation_id"]
    assert {p.stem for p in (tmp_path / "report" / "documents" / doc.doc_id).glob("*.png")} == set(first_two[:2])


def test_missing_sources_still_list_every_item_and_say_why(published, tmp_path):
    tables = only_pdf(published[1])
    empty_src = tmp_path / "nothing-here"
    empty_src.mkdir()
    index = write_report(tables, tmp_path / "report", empty_src)
    ids = set().union(*(parse(p).ids for p in index.parent.rglob("*.html")))
    for name, key in ITEM_TABLES.items():
        assert set(tables[name][key]) <= ids
    doc = pdf_doc(tables)
    page = (index.parent / "documents" / f"{doc.doc_id}.html").read_text(encoding="utf-8")
    assert f"{PDF_NAME}: source file not found" in page
    # Figures keep their published sentence as context even without the source.
    rows = parse(index.parent / "documents" / f"{doc.doc_id}.html").rows
    figure = tables["figures"][tables["figures"]["doc_id"] == doc.doc_id].iloc[0]
    assert squash(rows[figure.figure_id]["marks"][0]) == squash(figure.text)


def test_changed_source_is_detected_not_misquoted(published, tmp_path):
    src, tables = published[0], only_pdf(published[1])
    changed_src = tmp_path / "src"
    shutil.copytree(src, changed_src)
    (changed_src / PDF_NAME).write_bytes((src / PDF_NAME).read_bytes() + b"\n% edited\n")
    write_report(tables, tmp_path / "report", changed_src)
    page = (tmp_path / "report" / "documents" / f"{pdf_doc(tables).doc_id}.html").read_text(encoding="utf-8")
    assert "has changed since it was extracted" in page
    # Also when the run's state is at hand: its manifest spares hashing only files whose size and time still match.
    write_report(tables, tmp_path / "with-state", changed_src, out_dir=published[2])
    page = (tmp_path / "with-state" / "documents" / f"{pdf_doc(tables).doc_id}.html").read_text(encoding="utf-8")
    assert "has changed since it was extracted" in page


def test_an_item_whose_span_moved_is_not_misquoted(published, tmp_path):
    """If the readers changed since extraction, a span may point at other words: show the item alone, flagged."""
    src, tables = published[0], only_pdf(published[1])
    mentions = tables["mentions"].copy()
    moved = mentions.index[0]
    for column in ("start", "end", "norm_start", "norm_end"):
        mentions.loc[moved, column] += 7
    tables["mentions"] = mentions
    index = write_report(tables, tmp_path / "report", src)
    row = parse(tmp_path / "report" / "documents" / f"{pdf_doc(tables).doc_id}.html").rows[mentions.loc[moved, "mention_id"]]
    assert row["marks"] == [mentions.loc[moved, "text"]] and not row["images"]
    assert "no longer holds this item" in "".join(row["cells"])
    assert "1 item(s) whose recorded span" in index.read_text(encoding="utf-8")


# -- context windows --------------------------------------------------------------------------------------

def test_context_is_the_sentence_around_the_span():
    text = "First sentence here. The Rural Water Foundation trained mechanics in 2021. Last one."
    start = text.index("Rural")
    context = span_context(text, start, start + len("Rural Water Foundation"), "Rural Water Foundation")
    assert (context.before, context.item) == ("The ", "Rural Water Foundation")
    assert context.after == " trained mechanics in 2021."
    assert context.agrees
    assert not span_context(text, 0, 5, "Rural Water Foundation").agrees


def test_context_stops_at_the_next_list_item():
    text = "Recommendations\n\n1. Publish budgets every year\n2. Train mechanics.\n(c) Fund maintenance"
    for item, expected_after in (("Publish budgets every year", ""), ("Train mechanics.", ""),
                                 ("Fund maintenance", "")):
        start = text.index(item)
        context = span_context(text, start, start + len(item), item)
        assert context.after == expected_after, item
    start = text.index("Train")
    assert span_context(text, start, start + len("Train mechanics."), "").before == ""


def test_context_is_cut_with_an_ellipsis_in_long_unpunctuated_text():
    text = "word " * 200 + "UNICEF " + "word " * 200
    start = text.index("UNICEF")
    context = span_context(text, start, start + 6, "UNICEF")
    assert context.before.startswith("…") and context.after.endswith("…")
    assert len(context.before) < 300 and len(context.after) < 300


# -- run summary ------------------------------------------------------------------------------------------

def test_summary_counts_every_table_and_status(report):
    index, tables = report
    page = index.read_text(encoding="utf-8")
    for name, frame in tables.items():
        assert f"<b>{len(frame):,}</b>{name}</div>" in page
    assert "All tables pass" in page
    assert "No previous version to compare with" in page


def test_charts_are_well_formed_inline_svg(report):
    index, tables = report
    page = index.read_text(encoding="utf-8")
    svgs = re.findall(r"<svg .*?</svg>", page, flags=re.S)
    assert len(svgs) == 4  # documents by status, figures by unit and document, organisations by type, top organisations
    parsed = [ElementTree.fromstring(svg) for svg in svgs]
    ns = "{http://www.w3.org/2000/svg}"
    by_label = {tree.get("aria-label"): tree for tree in parsed}
    types = tables["organisations"]["type"].nunique()
    assert len(by_label["Organisations by type"].findall(f".//{ns}rect")) == types
    heat = by_label["Figures by unit and document"]
    cells = heat.findall(f".//{ns}rect")
    units = tables["figures"]["unit"].nunique()  # the commonest units, the rest summed into one column
    columns = units if units <= report_build.HEATMAP_UNITS else report_build.HEATMAP_UNITS + 1
    assert len(cells) == tables["figures"]["doc_id"].nunique() * columns
    numbers = [int(t.text) for t in heat.findall(f".//{ns}g/{ns}text")]
    assert sum(numbers) == len(tables["figures"])
    assert "http" not in page.replace("http://www.w3.org/2000/svg", ""), "the report must not reference the network"


def test_changes_since_the_previous_version(published, tmp_path):
    src, tables, _ = published
    doc = pdf_doc(tables)
    previous = {name: frame[frame["doc_id"] != doc.doc_id] if "doc_id" in frame else frame
                for name, frame in tables.items()}
    changes = compare_versions(previous, tables)
    by_table = {c.table: c for c in changes.tables}
    for name, key in ITEM_TABLES.items():
        added = int((tables[name]["doc_id"] == doc.doc_id).sum())
        assert (by_table[name].added, by_table[name].removed, by_table[name].changed) == (added, 0, 0)
    assert changes.documents.added == [PDF_NAME]
    assert changes.documents.unchanged == len(tables["documents"]) - 1
    small = only_pdf(tables)
    index = write_report(small, tmp_path / "report", src, previous={name: frame.iloc[0:0] if "doc_id" in frame
                                                                    else frame for name, frame in small.items()})
    page = index.read_text(encoding="utf-8")
    assert "1 document(s) added" in page and PDF_NAME in page


def test_documents_compared_by_content_then_by_source():
    before = pd.DataFrame({"source": ["a.pdf", "b.pdf", "c.pdf", "d.pdf"], "sha256": ["1" * 64, "2" * 64, "3" * 64, ""]})
    after = pd.DataFrame({"source": ["a.pdf", "b.pdf", "c2.pdf", "e.pdf"], "sha256": ["1" * 64, "9" * 64, "3" * 64, "5" * 64]})
    changes = compare_documents(before, after)
    assert changes.unchanged == 1
    assert changes.changed == ["b.pdf"]
    assert changes.moved == [("c.pdf", "c2.pdf")]
    assert (changes.added, changes.removed) == (["e.pdf"], ["d.pdf"])


def test_edited_rows_count_as_changed(published):
    _, tables, _ = published
    previous = dict(tables)
    organisations = tables["organisations"].copy()
    organisations.loc[0, "mention_count"] += 1
    previous["organisations"] = organisations
    by_table = {c.table: c for c in compare_versions(previous, tables).tables}
    assert (by_table["organisations"].added, by_table["organisations"].removed,
            by_table["organisations"].changed) == (0, 0, 1)


# -- validation failures ----------------------------------------------------------------------------------

def test_failure_report_lists_every_case_escaped(published, tmp_path):
    _, tables, _ = published
    broken = {name: frame.copy() for name, frame in tables.items()}
    broken["documents"]["status"] = broken["documents"]["status"].astype(object)
    broken["documents"].loc[0, "status"] = "<script>alert(1)</script>"
    broken["figures"].loc[0, "page"] = -1
    with pytest.raises(ValidationFailed) as caught:
        validate_tables(broken)
    failures = caught.value.failures
    path = write_failure_report(failures, tmp_path / "failures.html")
    html = path.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    every = parse(path)
    body_rows = re.findall(r"<tbody>(.*?)</tbody>", html, flags=re.S)[-1].count("<tr>")
    assert body_rows == len(failures) >= 2
    assert every.ids >= {"failures", "failure-summary"}


def test_summary_reports_failures_of_the_tables_given(published, tmp_path):
    src, tables = published[0], only_pdf(published[1])
    broken = {name: frame.copy() for name, frame in tables.items()}
    broken["figures"].loc[0, "page"] = -1
    index = write_report(broken, tmp_path / "report", src)
    page = index.read_text(encoding="utf-8")
    assert "failure case(s)" in page and 'href="validation_failures.html"' in page
    assert (tmp_path / "report" / "validation_failures.html").is_file()


def test_tables_the_caller_validated_are_not_checked_again(published, tmp_path, monkeypatch):
    import pipeline.report.build as build

    checked: list[int] = []
    monkeypatch.setattr(build, "validate_tables", lambda tables: checked.append(1) or tables)
    src, tables = published[0], only_pdf(published[1])
    write_report(tables, tmp_path / "checked", src)
    write_report(tables, tmp_path / "trusted", src, validated=True)
    assert checked == [1]


# -- in a browser -----------------------------------------------------------------------------------------

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Console messages from the page reach stderr as "...:INFO:CONSOLE:<line>] "message", source: ...".
CONSOLE_LINE = re.compile(r":CONSOLE[:(]")


def _install_chromium() -> str | None:
    """Debian's chromium, installed with apt-get when missing and possible (root, apt-get present)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found or not shutil.which("apt-get") or os.geteuid() != 0:
        return found
    for command in (["apt-get", "install", "-y", "chromium"], ["apt-get", "update"],
                    ["apt-get", "install", "-y", "chromium"]):
        try:
            done = subprocess.run(command, capture_output=True, timeout=900,
                                  env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
        except subprocess.TimeoutExpired:
            return None
        if command[1] == "install" and done.returncode == 0:
            break
    return shutil.which("chromium")


@pytest.fixture(scope="module")
def chromium() -> str:
    binary = _install_chromium()
    if not binary:
        pytest.skip("Chromium is not installed and could not be installed with apt-get "
                    "(needs root, apt-get and access to the Debian mirror): the browser checks did not run")
    return binary


def run_chromium(binary: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "chromium-profile"
    return subprocess.run([binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=180)


@pytest.mark.parametrize("which", ["index", "pdf document", "organisations"])
def test_report_pages_render_in_chromium_without_errors(report, chromium, tmp_path, which):
    index, tables = report
    path = {"index": index, "organisations": index.parent / "organisations.html",
            "pdf document": index.parent / "documents" / f"{pdf_doc(tables).doc_id}.html"}[which]
    done = run_chromium(chromium, tmp_path, "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000",
                        "--dump-dom", path.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    errors = re.search(r'<pre id="js-errors">(.*?)</pre>', done.stdout, flags=re.S)
    assert errors is not None, "the page did not load (no error box in the DOM)"
    assert errors.group(1).strip() == "", f"script errors: {errors.group(1)}"
    console = [line for line in done.stderr.splitlines() if CONSOLE_LINE.search(line)]
    assert not console, console
    screenshot = tmp_path / "report.png"
    done = run_chromium(chromium, tmp_path, "--hide-scrollbars", "--window-size=1280,2400",
                        f"--screenshot={screenshot}", path.as_uri())
    assert done.returncode == 0 and screenshot.is_file(), done.stderr[-2000:]
    with Image.open(screenshot) as image:
        assert image.size == (1280, 2400)
        assert len(image.convert("L").getcolors(maxcolors=1 << 16) or []) > 10, "the screenshot is blank"


def test_a_script_error_would_be_caught(chromium, tmp_path):
    """The check above can fail: a page with a broken script and a missing image reports both."""
    from pipeline.report.html import page

    broken = tmp_path / "broken.html"
    broken.write_text(page("broken", '<img src="missing.png"><script>notDefined();</script>'), encoding="utf-8")
    done = run_chromium(chromium, tmp_path, "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000",
                        "--dump-dom", broken.as_uri())
    errors = re.search(r'<pre id="js-errors">(.*?)</pre>', done.stdout, flags=re.S).group(1)
    assert "notDefined" in errors and "missing.png" in errors
    assert any(CONSOLE_LINE.search(line) for line in done.stderr.splitlines())


# -- command line and repeated reports --------------------------------------------------------------------

def test_command_line_reports_the_current_version(published, tmp_path, capsys):
    src, tables, out = published
    assert report_main([str(out), str(src), "--to", str(tmp_path / "review"), "-q"]) == 0
    assert str(tmp_path / "review" / "index.html") in capsys.readouterr().out
    page = (tmp_path / "review" / "index.html").read_text(encoding="utf-8")
    assert "No previous version to compare with" in page
    assert report_main([str(tmp_path / "nowhere"), str(src)]) == 2
    assert report_main([str(out), str(tmp_path / "nowhere")]) == 2


def test_previous_version_is_the_one_published_before_current(tmp_path):
    for name in ("20260101T000000Z-aaa", "20260102T000000Z-bbb", "20260103T000000Z-ccc", ".staging-x"):
        (tmp_path / "versions" / name).mkdir(parents=True)
    versions = tmp_path / "versions"
    assert previous_version(tmp_path, versions / "20260103T000000Z-ccc") == versions / "20260102T000000Z-bbb"
    assert previous_version(tmp_path, versions / "20260101T000000Z-aaa") is None


def test_a_report_written_again_keeps_nothing_stale(published, tmp_path, programme_page):
    src, tables, _ = published
    write_report(only_pdf(tables, programme_page.name), tmp_path / "report", src)
    small = only_pdf(tables)
    write_report(small, tmp_path / "report", src)
    pages = {p.stem for p in (tmp_path / "report" / "documents").glob("*.html")}
    assert pages == set(small["documents"]["doc_id"])


def test_encrypted_pdf_is_re_read_with_its_password(shared_corpus, tmp_path):
    """A PDF opened with a passwords.yml password gets its context and page images too, and the password
    appears nowhere in the report."""
    name, password = "encrypted_backup4all_brochure_pw-test.pdf", "test"
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(shared_corpus / name, src / name)
    (src / "passwords.yml").write_text(f"{name}: {password}\n", encoding="utf-8")
    ingest(src, tmp_path / "out")
    tables = read_tables(tmp_path / "out")
    index = write_report(tables, tmp_path / "report", src)
    doc_id = tables["documents"]["doc_id"].iloc[0]
    rows = parse(index.parent / "documents" / f"{doc_id}.html").rows
    items = [item for name, key in ITEM_TABLES.items() for item in tables[name][key]]
    assert items, "the brochure should yield items"
    for item in items:
        assert rows[item]["images"], item
    pages = "".join(p.read_text(encoding="utf-8") for p in index.parent.rglob("*.html"))
    assert "could not be recovered" not in pages
    assert f": {password}" not in pages and "passwords.yml" not in pages


# -- texts kept by the run, pages reused ------------------------------------------------------------------

def test_the_report_uses_the_texts_the_run_kept_instead_of_reading_the_source(published, tmp_path, monkeypatch):
    src, tables, out = published
    tables = only_pdf(tables)

    def no_reading(*args, **kwargs):
        raise RuntimeError("the source was read again")

    def no_hashing(path):
        raise RuntimeError("an unchanged source was hashed again")

    hashing = report_context.file_sha256
    monkeypatch.setattr(report_context, "read_document", no_reading)
    monkeypatch.setattr(report_context, "file_sha256", no_hashing)  # the run's manifest vouches for unchanged files
    index = write_report(tables, tmp_path / "kept", src, out_dir=out)
    monkeypatch.setattr(report_context, "file_sha256", hashing)
    doc = pdf_doc(tables)
    rows = parse(index.parent / "documents" / f"{doc.doc_id}.html").rows
    for name, key in ITEM_TABLES.items():
        for row in tables[name].itertuples(index=False):
            shown = rows[getattr(row, key)]
            assert shown["images"] and squash(row.text) in squash(shown["marks"][0]), (name, row.text)
    assert "could not be recovered" not in (index.parent / "documents" / f"{doc.doc_id}.html").read_text()
    # Without kept texts (a folder without state) the report falls back to reading the source.
    write_report(tables, tmp_path / "read", src)
    page = (tmp_path / "read" / "documents" / f"{doc.doc_id}.html").read_text(encoding="utf-8")
    assert "the source was read again" in page


def test_unchanged_pages_are_reused_and_a_changed_item_is_rendered_again(published, tmp_path, programme_page):
    src, tables, out = published
    pdf_id = pdf_doc(tables)["doc_id"]
    two = {name: frame[frame["doc_id"].isin([pdf_id, only_pdf(tables, programme_page.name)["documents"]
                                             ["doc_id"].iloc[0]])].reset_index(drop=True)
           if "doc_id" in frame else frame for name, frame in tables.items()}
    other_id = next(d for d in two["documents"]["doc_id"] if d != pdf_id)
    first = write_report(two, tmp_path / "first", src, out_dir=out).parent / "documents"
    edited = {name: frame.copy() for name, frame in two.items()}
    figures = edited["figures"]
    at = figures.index[figures["doc_id"] == pdf_id][0]
    figures.loc[at, "counted"] = "pump mechanics (edited)"
    second = write_report(edited, tmp_path / "second", src, out_dir=out, earlier=first.parent).parent / "documents"
    assert os.path.samefile(first / f"{other_id}.html", second / f"{other_id}.html")
    assert not os.path.samefile(first / f"{pdf_id}.html", second / f"{pdf_id}.html")
    assert "pump mechanics (edited)" in (second / f"{pdf_id}.html").read_text(encoding="utf-8")
    assert "pump mechanics (edited)" not in (first / f"{pdf_id}.html").read_text(encoding="utf-8")
    images = sorted(p.name for p in (second / pdf_id).glob("*.png"))
    assert images == sorted(p.name for p in (first / pdf_id).glob("*.png"))
    assert not any(os.path.samefile(first / pdf_id / n, second / pdf_id / n) for n in images), "images rendered again"
    # An organisation renamed by resolution changes every page that shows it, though no item of it changed.
    renamed = {name: frame.copy() for name, frame in edited.items()}
    org_id = renamed["mentions"].loc[renamed["mentions"]["doc_id"] == other_id, "org_id"].iloc[0]
    renamed["organisations"].loc[renamed["organisations"]["org_id"] == org_id, "name"] = "Renamed Organisation"
    third = write_report(renamed, tmp_path / "third", src, out_dir=out, earlier=second.parent).parent / "documents"
    assert "Renamed Organisation" in (third / f"{other_id}.html").read_text(encoding="utf-8")
    # Written again into its own folder, the unchanged pages stay as they are (links held here keep the old files
    # alive, so a page written again could not get the same inode back).
    held = tmp_path / "held"
    held.mkdir()
    pages = [p for p in third.rglob("*") if p.is_file() and p.name != "pages.json"]
    for number, path in enumerate(pages):
        os.link(path, held / str(number))
    write_report(renamed, third.parent, src, out_dir=out, earlier=third.parent)
    assert all(os.path.samefile(path, held / str(number)) for number, path in enumerate(pages))


def test_pages_written_by_worker_processes_equal_those_written_in_process(published, tmp_path):
    """Document pages are written by a pool when there are several; the files must not depend on it."""
    out, tables, src = published[2], published[1], published[0]
    here = tmp_path / "here"
    pooled = tmp_path / "pooled"
    write_report(tables, here, src, out_dir=out, workers=1)
    write_report(tables, pooled, src, out_dir=out, workers=2)
    files = sorted(p.relative_to(here) for p in (here / "documents").rglob("*") if p.is_file())
    assert len(files) > len(tables["documents"]), "pages and images of several documents"
    assert files == sorted(p.relative_to(pooled) for p in (pooled / "documents").rglob("*") if p.is_file())
    for name in files:
        assert (here / name).read_bytes() == (pooled / name).read_bytes(), name


def test_a_run_starts_the_page_writers_before_it_builds_its_tables(tmp_path, monkeypatch):
    """With more than one worker, the processes writing the report's pages start while the run resolves,
    validates and writes its tables, and write the pages of every document it extracted."""
    import pipeline.run as run

    events: list[str] = []
    writers = run.PageWriters
    build_tables = run.build_tables
    write = run.write_report
    monkeypatch.setattr(run, "PageWriters", lambda count: events.append(f"writers {count}") or writers(count))
    monkeypatch.setattr(run, "build_tables", lambda *a, **k: events.append("tables") or build_tables(*a, **k))
    monkeypatch.setattr(run, "write_report", lambda *a, **k: events.append(
        "report with writers" if k.get("writers") else "report alone") or write(*a, **k))
    src = tmp_path / "src"
    src.mkdir()
    for n in range(3):
        (src / f"report_{n}.txt").write_text(f"The Ministry of Health trained {n + 3} nurses.\n", encoding="utf-8")
    summary = ingest(src, tmp_path / "out", run.RunOptions(workers=2))
    assert events == ["writers 2", "tables", "report with writers"]
    pages = summary.version / "report" / "documents"
    assert len(list(pages.glob("doc_*.html"))) == 3


def _report_in(tables, report_dir, src, out) -> None:
    try:
        write_report(tables, report_dir, src, out_dir=out, workers=2)
    except BaseException:
        import traceback

        (report_dir.parent / "error.txt").write_text(traceback.format_exc(), encoding="utf-8")
        raise


def test_a_daemonic_process_writes_the_pages_itself(published, tmp_path):
    """Some executors run tasks in daemonic processes, which may not start children: no pool there. (A spawned
    process: forking this test process, with the threads earlier tests leave running, is not safe.)"""
    import multiprocessing

    src, tables, out = published
    process = multiprocessing.get_context("spawn").Process(
        target=_report_in, args=(tables, tmp_path / "report", src, out), daemon=True)
    process.start()
    process.join(timeout=300)
    error = tmp_path / "error.txt"
    assert process.exitcode == 0, error.read_text(encoding="utf-8") if error.exists() else process.exitcode
    pages = tmp_path / "report" / "documents"
    assert all((pages / f"{doc_id}.html").is_file() for doc_id in tables["documents"].doc_id)


@pytest.mark.skipif(not hasattr(os, "nice") or os.nice(0) >= 19, reason="no lower priority to give")
def test_page_writers_yield_the_cpu_to_the_run():
    """Page writers start while the run builds its tables: they must take only the CPU it leaves idle."""
    writers = report_build.PageWriters(1)
    try:
        assert writers._pool.submit(os.nice, 0).result() > os.nice(0)
    finally:
        writers.close()


def test_page_writers_do_not_load_the_tables_libraries():
    """A page-writing process works from plain values: it starts without pandas or pandera (~0.4 s each)."""
    writers = report_build.PageWriters(1)
    try:
        loaded = writers._pool.submit(eval, "sorted({'pandas', 'pandera'} & set(__import__('sys').modules))").result()
    finally:
        writers.close()
    assert loaded == []
