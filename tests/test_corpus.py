"""The whole pipeline over the shared corpus of ~40 real third-party files (broken, encrypted, scanned,
mislabelled, in several languages and encodings): the run succeeds, every file gets one documents row whose
status fits what MANIFEST.tsv says the file is, and nothing is lost or leaked on the way.

Reads ../shared/corpus (never copied into the repository) and is skipped where it is absent. One run of the
CLI, in a process of its own, serves every test in the module. The run reads at most CORPUS_MAX_PAGES pages a
document (PIPELINE_MAX_PAGES): the few long reports then end in `too_large` with exactly that many pages read,
which tests the page limit on real files and halves the run's time; every damaged, encrypted and scanned file is
shorter than the limit and read in full.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import REPO_DIR
from pipeline.read.ocr import tesseract_path

pytestmark = pytest.mark.corpus
CORPUS_MAX_PAGES = 15
# This only stops a hung run from hanging the suite.
CORPUS_RUN_TIMEOUT_S = 900

# The status class each manifest category must end in. Reports, tables, web pages and text files read in
# full; encrypted files have their passwords (or need none); scans are flagged unless their OCR layer is good
# (refined per file below from the manifest's text_layer column); malformed files end in a failure status or
# a recovery that says so.
CATEGORY_STATUSES = {
    "report": {"ok"}, "report-recs": {"ok"}, "table": {"ok"}, "multi-column": {"ok"}, "other": {"ok"},
    "html": {"ok"}, "text": {"ok"}, "encrypted": {"ok"},
    "scanned": {"ok", "no_text_layer", "garbled_text"},
    "malformed": {"empty", "corrupt", "partial", "no_text_layer", "mislabelled", "ok"},
}


def manifest_rows(corpus: Path) -> list[dict]:
    with open(corpus / "MANIFEST.tsv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def expected_statuses(row: dict) -> set[str]:
    """The statuses a file may end in: its category's class, narrowed by what the manifest says of the file."""
    allowed = set(CATEGORY_STATUSES[row["category"]])
    layer, pages = row["text_layer"].lower(), row["pages"].lower()
    ocr = {"ok"} if tesseract_path() else set()  # with tesseract installed, scans may be read by OCR
    if pages.isdigit() and int(pages) > CORPUS_MAX_PAGES:
        allowed = {"too_large"}
    elif row["category"] == "scanned" and layer.startswith("no"):
        allowed = {"no_text_layer"} | ocr
    elif row["category"] == "scanned" and "garbage" in layer:
        allowed = {"garbled_text"} | ocr
    elif int(row["bytes"]) == 0:
        allowed = {"empty"}
    elif "not a pdf" in pages:
        allowed = {"mislabelled"}
    elif re.search(r"recovers \d+ of \d+", pages):
        allowed = {"partial"}
    elif "almost none" in layer:
        allowed = {"no_text_layer"} | ocr
    elif pages.startswith("0 (no objects"):
        allowed = {"corrupt"}
    return allowed


@pytest.fixture(scope="module")
def corpus_run(shared_corpus, tmp_path_factory):
    """Copy the corpus to a source folder with a passwords.yml from the manifest; ingest it once."""
    src, out = tmp_path_factory.mktemp("corpus_src"), tmp_path_factory.mktemp("corpus_out")
    rows = manifest_rows(shared_corpus)
    for row in rows:
        shutil.copy(shared_corpus / row["filename"], src / row["filename"])
    passwords = {row["filename"]: row["password"] for row in rows if row["password"]}
    (src / "passwords.yml").write_text("".join(f"{name}: '{pw}'\n" for name, pw in passwords.items()))
    return src, out, rows, passwords


@pytest.fixture(scope="module")
def ingested(corpus_run):
    """Run the CLI once in its own process, as a user would, keeping its exit code and everything it printed
    (worker processes included)."""
    src, out, rows, passwords = corpus_run
    done = subprocess.run([sys.executable, "-m", "pipeline", "ingest", str(src), "--out", str(out)],
                          cwd=REPO_DIR, capture_output=True, text=True, timeout=CORPUS_RUN_TIMEOUT_S,
                          env={**os.environ, "PIPELINE_MAX_PAGES": str(CORPUS_MAX_PAGES)})
    documents = pd.read_parquet(out / "documents.parquet").set_index("source") if done.returncode == 0 else None
    return done.returncode, documents, done.stdout + done.stderr, out


def test_the_run_publishes(ingested):
    code, _, log_text, out = ingested
    assert code == 0, log_text[-3000:]
    assert (out / "current").resolve().is_dir()


def test_one_documents_row_per_file(ingested, corpus_run):
    _, documents, _, _ = ingested
    _, _, rows, _ = corpus_run
    assert sorted(documents.index) == sorted(row["filename"] for row in rows)


def test_each_file_ends_in_the_status_class_of_its_category(ingested, corpus_run):
    _, documents, _, _ = ingested
    _, _, rows, _ = corpus_run
    wrong = {row["filename"]: (row["category"], documents.loc[row["filename"], "status"], expected_statuses(row))
             for row in rows if documents.loc[row["filename"], "status"] not in expected_statuses(row)}
    assert not wrong, wrong


def test_every_problem_is_explained_naming_the_file(ingested):
    _, documents, _, _ = ingested
    for source, row in documents.iterrows():
        if row["status"] != "ok":
            assert row["error"] and row["error"].startswith(f"{source}: "), (source, row["status"], row["error"])


def test_only_reports_with_recommendations_give_recommendations(ingested, corpus_run):
    """Tables, testimony, press releases, papers, forms and web pages recommend nothing: a recommendation found
    in them is a false one (a 'should' sentence, an objective, another document's recommendation)."""
    _, documents, _, out = ingested
    _, _, rows, _ = corpus_run
    recommendations = pd.read_parquet(out / "recommendations.parquet")
    sources = documents.reset_index().set_index("doc_id")["source"]
    found = set(sources.reindex(recommendations["doc_id"]).dropna())
    categories = {row["filename"]: row["category"] for row in rows}
    assert not {source: categories[source] for source in found if categories[source] != "report-recs"}


def test_encrypted_files_with_known_passwords_are_extracted(ingested, corpus_run):
    _, documents, _, _ = ingested
    _, _, rows, passwords = corpus_run
    assert passwords, "the manifest lists passwords for some files"
    for row in rows:
        if row["category"] == "encrypted":
            doc = documents.loc[row["filename"]]
            assert doc["pages"] > 0 and doc["chars"] > 0, row["filename"]
            assert doc["encrypted"], row["filename"]


def test_no_password_is_logged_or_published(ingested, corpus_run):
    _, documents, log_text, out = ingested
    _, _, _, passwords = corpus_run
    published = documents.to_csv()
    for password in passwords.values():
        # Short passwords ("test", "1234") occur in ordinary text; look for them as logged values.
        for text in (log_text, published):
            assert f"'{password}'" not in text and f": {password}" not in text and f"={password}" not in text


def test_the_html_download_named_pdf_is_recognised(ingested, corpus_run):
    _, documents, _, _ = ingested
    _, _, rows, _ = corpus_run
    (html_as_pdf,) = [row["filename"] for row in rows if "not a pdf" in row["pages"].lower()]
    doc = documents.loc[html_as_pdf]
    assert doc["media_type"] == "text/html" and doc["status"] == "mislabelled"
    assert "named .pdf but the content is an HTML page" in doc["error"]
    assert "error page" in doc["error"] and "download the report again" in doc["error"]


def test_long_reports_keep_their_first_pages_up_to_the_limit(ingested, corpus_run):
    _, documents, _, _ = ingested
    _, _, rows, _ = corpus_run
    long = [row["filename"] for row in rows if row["pages"].isdigit() and int(row["pages"]) > CORPUS_MAX_PAGES]
    assert long, "the corpus has reports longer than the test's page limit"
    for name in long:
        doc = documents.loc[name]
        assert doc["pages"] == CORPUS_MAX_PAGES and doc["chars"] > 0, name
        assert f"only the first {CORPUS_MAX_PAGES} were read" in doc["error"], name


def test_a_page_tree_that_lost_pages_is_partial_and_counted(ingested, corpus_run):
    _, documents, _, _ = ingested
    _, _, rows, _ = corpus_run
    for row in rows:
        match = re.search(r"recovers (\d+) of (\d+)", row["pages"])
        if match:
            doc = documents.loc[row["filename"]]
            assert (doc["pages"], doc["pages_failed"]) == (int(match[1]), int(match[2]) - int(match[1]))


def test_scans_without_text_are_counted_page_by_page(ingested, corpus_run):
    _, documents, _, _ = ingested
    _, _, rows, _ = corpus_run
    for row in rows:
        if row["category"] == "scanned" and row["text_layer"].lower().startswith("no"):
            doc = documents.loc[row["filename"]]
            assert doc["pages_without_text"] + doc["pages_ocr"] == int(row["pages"]), row["filename"]


def test_mojibake_text_is_decoded(ingested, corpus_run):
    _, documents, _, out = ingested
    _, _, rows, _ = corpus_run
    (name,) = [row["filename"] for row in rows if "mojibake" in row["description"].lower()]
    doc = documents.loc[name]
    assert doc["status"] == "ok" and "repaired mojibake" in doc["error"]
    figures = pd.read_parquet(out / "figures.parquet")
    texts = figures.loc[figures["doc_id"] == doc["doc_id"], "sentence"]
    assert texts.str.contains("£").any() and not texts.str.contains("Â£|â€", regex=True).any()


def test_no_traceback_in_the_log(ingested):
    _, _, log_text, _ = ingested
    assert "Traceback" not in log_text
    assert re.search(r"\[\d+/\d+\] broken_empty_zero_bytes\.pdf: empty", log_text)  # the log was captured
