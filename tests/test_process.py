"""process_file: every file gets a result whose status and error say what happened, whatever the file is."""

from __future__ import annotations

import logging

from pdf_fixtures import write_truncated_pdf
from pipeline.config import Limits
from pipeline.process import process_file
from pipeline.read.errors import DOCUMENT_STATUSES
from pipeline.tables import build_tables
from pipeline.validate import validate_tables
from test_read_pdf import REPORT_PAGES, Page, encrypted_pdf, write

PASSWORD = "Sesame-7731"


def test_encrypted_pdf_opens_with_the_password_from_passwords_yml(tmp_path):
    (tmp_path / "audits").mkdir()
    encrypted_pdf(tmp_path / "audits" / "locked.pdf", REPORT_PAGES, user=PASSWORD, owner="owner-secret")
    (tmp_path / "passwords.yml").write_text(f"audits/locked.pdf: {PASSWORD}\n")
    result = process_file(tmp_path, tmp_path / "audits" / "locked.pdf")
    assert result.status == "ok" and result.error is None
    assert result.pages == 3 and result.chars > 0 and result.facts.encrypted
    assert any(f.value == 140 for f in result.figures)  # "140 boreholes": extraction ran on the decrypted text


def test_a_bare_file_name_in_passwords_yml_is_enough(tmp_path):
    (tmp_path / "2023").mkdir()
    encrypted_pdf(tmp_path / "2023" / "locked.pdf", REPORT_PAGES, user=PASSWORD, owner="owner-secret")
    (tmp_path / "passwords.yml").write_text(f"locked.pdf: {PASSWORD}\n")
    assert process_file(tmp_path, tmp_path / "2023" / "locked.pdf").status == "ok"


def test_missing_and_wrong_passwords_are_encrypted_and_never_logged(tmp_path, caplog):
    encrypted_pdf(tmp_path / "locked.pdf", REPORT_PAGES, user=PASSWORD, owner="owner-secret")
    encrypted_pdf(tmp_path / "other.pdf", REPORT_PAGES, user=PASSWORD, owner="owner-secret")
    (tmp_path / "passwords.yml").write_text("other.pdf: not-the-password\n")
    with caplog.at_level(logging.DEBUG):
        missing = process_file(tmp_path, tmp_path / "locked.pdf")
        wrong = process_file(tmp_path, tmp_path / "other.pdf")
    assert missing.status == wrong.status == "encrypted"
    assert missing.error.startswith("locked.pdf: ") and "add its password to passwords.yml" in missing.error
    assert wrong.error.startswith("other.pdf: ") and "not correct" in wrong.error
    assert missing.facts.encrypted and wrong.facts.encrypted
    logged = caplog.text + missing.error + wrong.error
    assert "not-the-password" not in logged and PASSWORD not in logged


def test_a_broken_passwords_yml_is_named_in_the_error_without_its_content(tmp_path):
    encrypted_pdf(tmp_path / "locked.pdf", REPORT_PAGES, user=PASSWORD, owner="owner-secret")
    (tmp_path / "passwords.yml").write_text(f"locked.pdf: [{PASSWORD}\n")
    result = process_file(tmp_path, tmp_path / "locked.pdf")
    assert result.status == "encrypted"
    assert "passwords.yml is not valid YAML at line" in result.error and PASSWORD not in result.error


def test_a_file_over_the_size_limit_is_not_read(tmp_path):
    path = write(tmp_path / "big.pdf", REPORT_PAGES)
    result = process_file(tmp_path, path, Limits(max_file_bytes=100))
    assert result.status == "too_large" and result.pages == 0
    assert result.error.startswith("big.pdf: ") and "file size limit" in result.error


def test_a_pdf_over_the_page_limit_keeps_its_first_pages(tmp_path):
    path = write(tmp_path / "long.pdf", REPORT_PAGES)
    result = process_file(tmp_path, path, Limits(max_pages=2))
    assert result.status == "too_large" and result.pages == 2
    assert "only the first 2 were read" in result.error
    assert any(f.value == 140 for f in result.figures)


def test_a_file_gone_before_it_is_read_is_an_error_naming_it(tmp_path):
    result = process_file(tmp_path, tmp_path / "vanished.pdf")
    assert result.status == "error"
    assert result.error.startswith("vanished.pdf: the file could not be read from disk")


def test_html_saved_as_pdf_is_mislabelled_and_extracted(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_text("<html><head><title>Final Evaluation</title></head><body><h1>Final Evaluation</h1>"
                    "<p>The Water Governance Programme reached 12,400 households.</p></body></html>")
    result = process_file(tmp_path, path)
    assert result.status == "mislabelled" and result.media_type == "text/html"
    assert "named .pdf but the content is an HTML page" in result.error
    assert any(f.value == 12400 for f in result.figures)


def test_a_scanned_pdf_names_its_pages_and_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-tesseract"))
    path = write(tmp_path / "scan.pdf", [Page([], image=True)] * 3)
    result = process_file(tmp_path, path)
    assert result.status == "no_text_layer" and result.facts.pages_without_text == 3
    assert result.error == ("scan.pdf: pages 1-3 have no text layer (scanned images): install tesseract to have "
                            "them OCR'd, or run OCR on the file (e.g. ocrmypdf) and add it again")


def test_a_truncated_download_is_corrupt(tmp_path):
    path = write_truncated_pdf(tmp_path / "cut.pdf")
    result = process_file(tmp_path, path)
    assert result.status == "corrupt" and result.error.startswith("cut.pdf: not a readable PDF")


def test_read_facts_are_published_and_every_status_validates(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-tesseract"))
    (tmp_path / "src").mkdir()
    src = tmp_path / "src"
    encrypted_pdf(src / "locked.pdf", REPORT_PAGES, user=PASSWORD, owner="x")
    write(src / "scan.pdf", [REPORT_PAGES[0]] + [Page([], image=True)] * 3)
    write(src / "report.pdf", REPORT_PAGES)
    (src / "notes.txt").write_bytes(b"")
    results = [process_file(src, path) for path in sorted(src.iterdir())]
    documents = validate_tables(build_tables(results))["documents"].set_index("source")
    assert set(documents["status"]) <= set(DOCUMENT_STATUSES)
    assert documents.loc["locked.pdf", ["status", "encrypted"]].tolist() == ["encrypted", True]
    assert documents.loc["scan.pdf", ["status", "pages", "pages_without_text"]].tolist() == ["no_text_layer", 4, 3]
    assert documents.loc["report.pdf", ["status", "pages_failed", "pages_ocr", "encrypted"]].tolist() == \
        ["ok", 0, 0, False]
    assert documents.loc["notes.txt", "status"] == "empty"


def test_the_result_carries_the_texts_read_for_the_review_report(tmp_path):
    """The page texts as read and the normalised text travel with the result (compressed), so the report need
    not read the source again; the normalised text holds every extracted span at its norm offsets."""
    import gzip
    import json

    from pipeline.read import read_document

    path = write(tmp_path / "report.pdf", REPORT_PAGES)
    result = process_file(tmp_path, path)
    assert result.figures
    kept = json.loads(gzip.decompress(result.texts))
    assert kept["sha256"] == result.sha256
    assert tuple(kept["pages"]) == read_document(path, path.read_bytes()).pages
    for figure in result.figures:
        assert kept["pages"][figure.prov.page - 1][figure.prov.start:figure.prov.end] == figure.text
        assert kept["text"][figure.prov.norm_start:figure.prov.norm_end] == figure.text
    assert len(result.texts) < len(json.dumps(kept).encode()), "the texts travel compressed"
