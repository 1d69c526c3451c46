"""Readers: content sniffing, text decoding, form-feed pages, HTML main text and PDFs page by page."""

from __future__ import annotations

import codecs

import pytest

from pdf_fixtures import pdf_bytes, write_garbage_pdf, write_pdf, write_truncated_pdf
from pipeline.read import ReadError, read_document, sniff_media_type
from pipeline.read.html import read_html
from pipeline.read.pdf import read_pdf
from pipeline.read.text import read_text

EVALUATION_HTML = b"""<!DOCTYPE html>
<html lang="en">
<head>
  <title>Final Evaluation | Water Governance Programme</title>
  <style>body { font-family: "Ministry Sans"; } .hidden { display: none }</style>
  <script>window.trackingAgency = "Analytics Service Bureau"; var grants = 12000;</script>
</head>
<body>
  <nav><a href="/">Home</a> | <a href="/about">About the Donor Network</a></nav>
  <main>
    <h1>Final Evaluation of the Water Governance Programme</h1>
    <p>The programme reached <strong>12,400 households</strong> in three districts
       between 2019 and 2022.</p>
    <h2>Key Findings</h2>
    <ul>
      <li>Piped water coverage rose to 78 percent.</li>
      <li>Two boreholes failed in the dry season and were not repaired.</li>
    </ul>
    <p>The evaluation team visited nine water user associations.</p>
  </main>
  <footer>Copyright Regional Water Governance Facility</footer>
</body>
</html>
"""

AUDIT_PAGES = [
    ["Grant Oversight: Mission Monitoring of Partner Results",
     "The Office of Inspector General reviewed 42 awards made between 2019 and 2022.",
     "",
     "Auditors found that site visits were not documented (see Appendix II)."],
    ["What the Office Found",
     "Missions verified reported results for 17 of the 42 awards."],
    ["Appendix II: Scope and Methodology",
     "We interviewed officials in Washington, D.C. and in three missions \\ field offices."],
]


# -- content sniffing ---------------------------------------------------------------------------------------

def test_pdf_is_sniffed_from_its_header():
    assert sniff_media_type(pdf_bytes([["Annual Report"]])) == "application/pdf"


def test_pdf_header_after_leading_junk_is_still_a_pdf():
    # Some servers prepend a few bytes (a BOM, an HTTP remnant); readers accept the header within ~1 KB.
    assert sniff_media_type(b"\r\n\x00junk\r\n" + pdf_bytes([["Annual Report"]])) == "application/pdf"


def test_html_is_sniffed_with_or_without_doctype():
    assert sniff_media_type(EVALUATION_HTML) == "text/html"
    assert sniff_media_type(b"<html><body><p>Country programme summary</p></body></html>") == "text/html"
    assert sniff_media_type(b'<?xml version="1.0"?>\n<!-- saved page -->\n<html><head></head></html>') == "text/html"


def test_utf8_bom_before_html_is_html():
    assert sniff_media_type(codecs.BOM_UTF8 + b"<!doctype html><title>Results</title>") == "text/html"


def test_plain_text_is_text():
    text = b"Mid-term review of the Rural Livelihoods Project.\n\nThe project reached 3,100 farmers.\n"
    assert sniff_media_type(text) == "text/plain"


def test_a_report_that_mentions_html_tags_is_still_text():
    # Only a document that starts like an HTML page is HTML; a tag quoted inside prose does not count.
    assert sniff_media_type(b"The portal rendered <html> tags as text, the audit found.\n") == "text/plain"


def test_utf16_text_with_byte_order_mark_is_text():
    assert sniff_media_type("Evaluation summary\n".encode("utf-16")) == "text/plain"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "])
def test_empty_or_blank_file_is_empty(data):
    assert sniff_media_type(data) == "empty"


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n" + bytes(range(256)),  # an image
    b"PK\x03\x04\x14\x00\x06\x00" + bytes(200),  # a zip container (docx, xlsx)
    bytes((i * 7) % 32 for i in range(500)),  # control bytes, no NUL
])
def test_binary_content_is_not_text(data):
    assert sniff_media_type(data) == "application/octet-stream"


def test_type_comes_from_content_not_the_file_name(tmp_path):
    # A download saved as .pdf that is really the portal's HTML landing page.
    path = tmp_path / "final-evaluation-report.pdf"
    path.write_bytes(EVALUATION_HTML)
    raw = read_document(path, path.read_bytes())
    assert raw.media_type == "text/html"
    assert "Final Evaluation of the Water Governance Programme" in raw.pages[0]


def test_read_document_rejects_empty_and_binary_files_with_a_status(tmp_path):
    path = tmp_path / "report.txt"
    with pytest.raises(ReadError) as empty:
        read_document(path, b"\n\n")
    assert empty.value.status == "empty"
    with pytest.raises(ReadError) as binary:
        read_document(path, b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    assert binary.value.status == "unsupported"


def test_read_error_refuses_a_status_the_documents_table_does_not_allow():
    with pytest.raises(ValueError):
        ReadError("lost", "no such status")


# -- text decoding ------------------------------------------------------------------------------------------

def test_utf8_text_is_decoded_without_warnings():
    text = "The Ministère de la Santé and the Agence Française de Développement co-financed 12 clinics.\n"
    raw = read_text(text.encode("utf-8"))
    assert raw.pages == (text,)
    assert raw.warnings == ()


def test_utf8_bom_is_not_part_of_the_text():
    raw = read_text(codecs.BOM_UTF8 + "Résumé of findings\n".encode("utf-8"))
    assert raw.pages == ("Résumé of findings\n",)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_decoded(encoding):
    text = "Rapport d'évaluation: la coopération régionale a bénéficié à 4 200 ménages.\n"
    bom = {"utf-16": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}[encoding]
    raw = read_text(bom + text.encode(encoding))
    assert raw.pages == (text,)


# Files such as a consultant's report saved from an old word processor: English with the accented names of
# places and institutions that cp1252 (and latin-1) can encode. Short files give a detector little to go on,
# but they are common (abstracts, notes), so one short sample is included.
ACCENTED_REPORT = (
    "Mid-term Review of the Sahel Resilience Programme\n"
    "\n"
    "The review team met officials of the Ministère de l'Agriculture in Niamey and partners in Côte d'Ivoire.\n"
    "Field visits covered São Tomé, the Sénégal river valley and the coopératives of Ségou.\n"
    "Staff at the café run by the women's association said the naïve pricing model had been revised.\n"
    "The programme's résumé of results lists 4,200 households reached, against a target of 5,000.\n"
)
ACCENTED_SAMPLES = {
    "report": ACCENTED_REPORT,
    "report-variant": ACCENTED_REPORT.replace("the café run by", "the café-restaurant run by"),
    "short-note": "Participants from Côte d'Ivoire attended the workshop.\n",
    "one-line-note": "Participants from Côte d'Ivoire and São Tomé attended the Ministère de la Santé workshop.\n",
}


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
@pytest.mark.parametrize("sample", sorted(ACCENTED_SAMPLES))
def test_single_byte_western_text_keeps_its_accented_words(sample, encoding):
    text = ACCENTED_SAMPLES[sample]
    raw = read_text(text.encode(encoding))
    assert raw.pages[0] == text, f"mis-decoded (warnings: {raw.warnings})"
    assert raw.warnings, "a file that is not UTF-8 should carry a warning naming the encoding used"


def test_cp1252_punctuation_decodes_to_typographic_quotes_and_dashes():
    text = "The Donor’s “core funding” rose – by 12 percent – in 2021…\n" * 3
    raw = read_text(text.encode("cp1252"))
    assert raw.pages[0] == text


# -- pages in text files ------------------------------------------------------------------------------------

def test_form_feeds_split_a_text_file_into_pages():
    data = ("Summary\nThe audit covered 3 missions.\fFindings\nControls were weak.\fAppendix I\nScope.\n").encode()
    raw = read_text(data)
    assert raw.pages == ("Summary\nThe audit covered 3 missions.", "Findings\nControls were weak.",
                         "Appendix I\nScope.\n")


def test_text_without_form_feeds_is_one_page():
    raw = read_text(b"One page only.\n\nA second paragraph.\n")
    assert len(raw.pages) == 1


# -- HTML ---------------------------------------------------------------------------------------------------

def html_lines(data: bytes) -> list[str]:
    raw = read_html(data)
    assert raw.media_type == "text/html" and len(raw.pages) == 1
    return raw.pages[0].splitlines()


def test_html_headings_and_list_items_stand_on_their_own_lines():
    lines = html_lines(EVALUATION_HTML)
    assert "Final Evaluation of the Water Governance Programme" in lines
    assert "Key Findings" in lines
    assert "• Piped water coverage rose to 78 percent." in lines
    assert "• Two boreholes failed in the dry season and were not repaired." in lines


def test_html_paragraph_wrapping_and_inline_markup_are_flattened():
    lines = html_lines(EVALUATION_HTML)
    assert "The programme reached 12,400 households in three districts between 2019 and 2022." in lines


def test_html_paragraphs_and_headings_are_separated_by_blank_lines():
    text = read_html(EVALUATION_HTML).pages[0]
    assert "Key Findings\n\n• Piped water" in text
    assert "not repaired.\n\nThe evaluation team" in text


def test_html_scripts_styles_and_page_furniture_are_dropped():
    text = read_html(EVALUATION_HTML).pages[0]
    for furniture in ("trackingAgency", "Analytics Service Bureau", "font-family", "Ministry Sans",
                      "About the Donor Network", "Copyright"):
        assert furniture not in text


def test_html_nested_list_keeps_each_item_on_its_own_line():
    html = b"""<html><body><h2>Recommendations</h2><ol>
      <li>Strengthen the complaints mechanism.
        <ul><li>Publish response times.</li><li>Report to the board each quarter.</li></ul>
      </li>
      <li>Fund a second phase.</li></ol></body></html>"""
    lines = [line.strip() for line in html_lines(html) if line.strip()]
    assert lines[0] == "Recommendations"
    assert lines.index("• Strengthen the complaints mechanism.") < lines.index("• Publish response times.") \
        < lines.index("• Report to the board each quarter.") < lines.index("• Fund a second phase.")


MANAGEMENT_RESPONSE_HTML = b"""<html><body><h2>Recommendations and management response</h2>
<table><caption>Table 4. Recommendations</caption>
<thead><tr><th>Recommendation</th><th>Responsible</th><th>Priority</th></tr></thead>
<tbody><tr><td><p>Recommendation 1: UNICEF should expand
   cash transfers to remote districts.</p><p>This would reach 4,000 more households.</p></td>
<td>UNICEF country office</td><td>High</td></tr>
<tr><td>Recommendation 2: The ministry should publish school data.</td><td></td><td>Medium</td></tr>
</tbody></table>
<table><tr><td>Total budget</td><td>$</td><td>1,250</td><td>12.5</td><td>%</td></tr></table>
<table><tr><td>&#8226;</td><td>Expand the referral network;</td></tr><tr><td>2.</td><td>Train staff.</td></tr></table>
</body></html>"""


def test_html_table_rows_are_lines_of_their_own_with_their_cells_apart():
    text = read_html(MANAGEMENT_RESPONSE_HTML).pages[0]
    assert ("Table 4. Recommendations\n\nRecommendation | Responsible | Priority\n\n"
            "Recommendation 1: UNICEF should expand cash transfers to remote districts. This would reach 4,000 more "
            "households. | UNICEF country office | High\n\n"
            "Recommendation 2: The ministry should publish school data. | Medium\n\n") in text


def test_html_currency_and_percent_cells_join_their_numbers():
    assert "Total budget | $1,250 | 12.5%" in html_lines(MANAGEMENT_RESPONSE_HTML)


def test_html_bar_inside_a_cell_does_not_split_it():
    html = b"<html><body><table><tr><td>Health | Education</td><td>UNICEF</td></tr></table></body></html>"
    assert "Health / Education | UNICEF" in html_lines(html)


def test_html_table_rows_laid_out_as_bullets_or_numbers_are_list_items():
    lines = html_lines(MANAGEMENT_RESPONSE_HTML)
    assert "• Expand the referral network;" in lines and "2. Train staff." in lines


def test_html_layout_table_is_read_as_ordinary_blocks():
    html = b"""<html><body><table><tr><td><h2>Findings</h2><p>Coverage rose.</p><ul><li>Two wells failed.</li></ul>
    </td><td><p>Sidebar text.</p></td></tr></table></body></html>"""
    lines = [line for line in html_lines(html) if line.strip()]
    assert lines == ["Findings", "Coverage rose.", "• Two wells failed.", "Sidebar text."]


def test_html_in_a_legacy_encoding_declared_by_meta_is_decoded():
    html = ('<html><head><meta charset="windows-1252"></head><body><p>Évaluation à mi-parcours: '
            'Ministère de l’Éducation, Côte d’Ivoire.</p></body></html>').encode("cp1252")
    text = read_html(html).pages[0]
    assert "Ministère de l’Éducation, Côte d’Ivoire." in text


# -- PDF ----------------------------------------------------------------------------------------------------

def test_generated_pdf_round_trips_through_pdfplumber(tmp_path):
    import pdfplumber

    path = write_pdf(tmp_path / "audit.pdf", AUDIT_PAGES)
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 3
        assert pdf.pages[0].extract_text().splitlines()[0] == AUDIT_PAGES[0][0]
        assert "(see Appendix II)" in pdf.pages[0].extract_text()
        assert "three missions \\ field offices" in pdf.pages[2].extract_text()


def test_pdf_is_read_page_by_page(tmp_path):
    path = write_pdf(tmp_path / "audit.pdf", AUDIT_PAGES)
    raw = read_document(path, path.read_bytes())
    assert raw.media_type == "application/pdf"
    assert len(raw.pages) == 3
    assert raw.pages[0].splitlines()[0] == "Grant Oversight: Mission Monitoring of Partner Results"
    assert raw.pages[1] == "What the Office Found\nMissions verified reported results for 17 of the 42 awards."
    assert "Appendix II: Scope and Methodology" in raw.pages[2]
    assert "What the Office Found" not in raw.pages[0] + raw.pages[2]
    assert raw.warnings == ()


def test_pdf_blank_line_becomes_a_paragraph_break(tmp_path):
    raw = read_pdf(write_pdf(tmp_path / "audit.pdf", AUDIT_PAGES))
    assert "reviewed 42 awards made between 2019 and 2022.\n\nAuditors found" in raw.pages[0]


def test_pdf_with_an_empty_page_keeps_the_page_count(tmp_path):
    raw = read_pdf(write_pdf(tmp_path / "report.pdf", [["Cover: Annual Report 2022"], [], ["Contents"]]))
    assert len(raw.pages) == 3
    assert raw.pages[1] == ""


def test_truncated_pdf_is_corrupt(tmp_path):
    path = write_truncated_pdf(tmp_path / "interrupted-download.pdf", AUDIT_PAGES)
    assert sniff_media_type(path.read_bytes()) == "application/pdf"
    with pytest.raises(ReadError) as error:
        read_document(path, path.read_bytes())
    assert error.value.status == "corrupt"
    assert str(error.value)


def test_garbage_after_a_pdf_header_is_corrupt(tmp_path):
    path = write_garbage_pdf(tmp_path / "scan.pdf")
    with pytest.raises(ReadError) as error:
        read_document(path, path.read_bytes())
    assert error.value.status == "corrupt"


# -- what a file is, whatever its name says ------------------------------------------------------------------

@pytest.mark.parametrize("data, named", [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "a PNG image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(100), "a JPEG image"),
    (b"PK\x03\x04\x14\x00\x06\x00" + bytes(200), ".docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200), "legacy Microsoft Office"),
    (b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} Evaluation report\\par }", "an RTF document"),
    (b"%!PS-Adobe-3.0\n%%Title: report\n", "a PostScript file"),
])
def test_unsupported_formats_are_named_with_what_to_do(tmp_path, data, named):
    path = tmp_path / "report.pdf"
    with pytest.raises(ReadError) as error:
        read_document(path, data)
    assert error.value.status == "unsupported"
    assert named in str(error.value) and ("PDF" in str(error.value) or "unpack" in str(error.value))


def test_rtf_and_postscript_are_not_read_as_plain_text():
    assert sniff_media_type(b"{\\rtf1\\ansi Evaluation report}") == "application/octet-stream"
    assert sniff_media_type(b"%!PS-Adobe-3.0\n") == "application/octet-stream"


def test_unknown_binary_content_is_unsupported_of_unknown_type(tmp_path):
    with pytest.raises(ReadError) as error:
        read_document(tmp_path / "data.bin", bytes((i * 7) % 32 for i in range(500)))
    assert error.value.status == "unsupported" and "unknown type" in str(error.value)


def test_a_zero_byte_file_and_a_blank_file_say_which_they_are(tmp_path):
    with pytest.raises(ReadError) as zero:
        read_document(tmp_path / "a.pdf", b"")
    with pytest.raises(ReadError) as blank:
        read_document(tmp_path / "a.txt", b"  \n")
    assert "0 bytes" in str(zero.value) and "white space" in str(blank.value)


def test_html_saved_as_pdf_is_read_as_html_and_flagged_mislabelled(tmp_path):
    path = tmp_path / "final-evaluation.pdf"
    raw = read_document(path, EVALUATION_HTML)
    assert raw.status == "mislabelled" and raw.media_type == "text/html"
    assert raw.warnings[0] == "named .pdf but the content is an HTML page, not a PDF; read as an HTML page"
    assert "Final Evaluation of the Water Governance Programme" in raw.pages[0]


def test_a_pdf_named_txt_is_read_as_a_pdf_and_flagged(tmp_path):
    path = tmp_path / "summary.txt"
    path.write_bytes(pdf_bytes([["Summary of the mid-term review"]]))
    raw = read_document(path, path.read_bytes())
    assert raw.media_type == "application/pdf" and raw.status == "mislabelled"
    assert raw.pages[0] == "Summary of the mid-term review"


@pytest.mark.parametrize("name", ["notes.md", "README", "report.PDF.html", "export.csv"])
def test_names_that_claim_nothing_or_the_right_type_are_not_flagged(tmp_path, name):
    data = EVALUATION_HTML if name.endswith(".html") else b"Mid-term review notes.\n"
    raw = read_document(tmp_path / name, data)
    assert raw.status == "ok" and not any("named" in w for w in raw.warnings)


@pytest.mark.parametrize("title", ["Page Not Found | GovInfo", "404 Not Found", "403 Forbidden", "Access Denied",
                                   "Just a moment...", "503 Service Temporarily Unavailable"])
def test_a_web_server_error_page_is_called_a_failed_download(title):
    html = f"<html><head><title>{title}</title></head><body><h1>Sorry</h1><p>Try the search.</p></body></html>"
    raw = read_html(html.encode())
    assert len(raw.warnings) == 1 and "download the report again" in raw.warnings[0] and title in raw.warnings[0]


def test_a_report_page_is_not_an_error_page():
    assert read_html(EVALUATION_HTML).warnings == ()


# -- mojibake -------------------------------------------------------------------------------------------------

# UTF-8 that went through Windows-1252 on its way (as in a saved Wikipedia extract in the shared corpus).
MOJIBAKE = "He made his debut in the 1985â€“86 season and joined for Â£275,000 â€” a club record.\n"


def test_mojibake_in_a_text_file_is_repaired_and_noted():
    raw = read_text(MOJIBAKE.encode("utf-8"))
    assert raw.pages[0] == "He made his debut in the 1985–86 season and joined for £275,000 — a club record.\n"
    assert len(raw.warnings) == 1 and raw.warnings[0].startswith("repaired mojibake")


def test_mojibake_in_html_is_repaired():
    raw = read_html(f"<html><body><p>{MOJIBAKE}</p></body></html>".encode("utf-8"))
    assert "1985–86 season" in raw.pages[0] and "£275,000" in raw.pages[0]
    assert any(w.startswith("repaired mojibake") for w in raw.warnings)


@pytest.mark.parametrize("sample", sorted(ACCENTED_SAMPLES))
def test_correct_accented_text_is_not_mistaken_for_mojibake(sample):
    raw = read_text(ACCENTED_SAMPLES[sample].encode("utf-8"))
    assert raw.pages[0] == ACCENTED_SAMPLES[sample] and raw.warnings == ()
