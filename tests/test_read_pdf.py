"""Bad PDFs lose as little as possible: encryption, pages pdfminer cannot parse, damaged page trees, scans,
garbage text layers, the page limit and optional OCR. Fixture PDFs are built here, object by object, because
each one needs a specific defect (an Encrypt dictionary, a broken colour space, a page tree that lost pages)."""

from __future__ import annotations

import hashlib
import os
import stat
import struct
from dataclasses import dataclass
from pathlib import Path

import pytest

from pdf_fixtures import escape_pdf_string
from pipeline.read import ReadError, read_document
from pipeline.read.pdf import read_pdf, read_pdf_part

WIDTH, HEIGHT = 612, 792
REPORT = [
    ["Annual Report of the Rural Water Supply Programme",
     "The programme built 140 boreholes and trained 320 water committee members in four districts."],
    ["Findings",
     "Most committees collected user fees regularly, but repairs took longer than the agreed two weeks."],
    ["Recommendations",
     "The ministry should publish repair times and fund a spare parts store in each district."],
]


@dataclass
class Page:
    """One fixture page: lines of text, optionally over a full-page image (a scan) and invisible (an OCR layer)."""

    lines: list[str]
    image: bool = False
    invisible: bool = False
    resources: bytes = b""


def _content(page: Page) -> bytes:
    ops = []
    if page.image:
        ops.append(f"q {WIDTH} 0 0 {HEIGHT} 0 0 cm /Im1 Do Q".encode())
    if page.lines:
        ops += [b"BT", b"3 Tr" if page.invisible else b"0 Tr", b"/F1 11 Tf", b"72 720 Td"]
        for number, line in enumerate(page.lines):
            ops += ([b"0 -16 Td"] if number else []) + [b"(" + escape_pdf_string(line) + b") Tj"]
        ops.append(b"ET")
    return b"\n".join(ops) + b"\n"


def page_objects(pages: list[Page], first: int = 1, page_tree: bytes | None = None) -> tuple[dict[int, bytes], int]:
    """Objects for a catalog, page tree, font, a grey image and the pages; returns (objects, root number)."""
    catalog, tree, font, image = first, first + 1, first + 2, first + 3
    page_ids = [first + 4 + 2 * i for i in range(len(pages))]
    pixels = bytes((x * 7 + y * 3) % 256 for y in range(16) for x in range(16))
    objects = {
        catalog: f"<< /Type /Catalog /Pages {tree} 0 R >>".encode(),
        tree: page_tree if page_tree is not None else (
            f"<< /Type /Pages /Kids [{' '.join(f'{i} 0 R' for i in page_ids)}] /Count {len(pages)} >>".encode()),
        font: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        image: (b"<< /Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8 /Length 256 >>\nstream\n" + pixels + b"\nendstream"),
    }
    for page_id, page in zip(page_ids, pages):
        stream = _content(page)
        objects[page_id] = (f"<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 {WIDTH} {HEIGHT}] /Resources << "
                            f"/Font << /F1 {font} 0 R >> /XObject << /Im1 {image} 0 R >> ").encode() \
            + page.resources + f" >> /Contents {page_id + 1} 0 R >>".encode()
        objects[page_id + 1] = f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"endstream"
    return objects, catalog


def build_pdf(objects: dict[int, bytes], root: int, trailer: bytes = b"") -> bytes:
    """A PDF file with a correct cross-reference table for the given objects."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + objects[number] + b"\nendobj\n"
    xref, size = len(out), max(objects) + 1
    out += f"xref\n0 {size}\n".encode() + b"0000000000 65535 f \n"
    for number in range(1, size):
        out += f"{offsets[number]:010d} 00000 n \n".encode() if number in offsets else b"0000000000 65535 f \n"
    out += f"trailer\n<< /Size {size} /Root {root} 0 R ".encode() + trailer
    out += f" >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def write(path: Path, pages: list[Page], **kwargs) -> Path:
    objects, root = page_objects(pages)
    path.write_bytes(build_pdf(objects, root, **kwargs))
    return path


# -- encryption (PDF standard security handler, revision 2: RC4 with a 40-bit key) --------------------------

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    state, j = list(range(256)), 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def encrypted_pdf(path: Path, pages: list[Page], user: str, owner: str) -> Path:
    """Encrypt every stream with the user/owner passwords (algorithms 2-4 of ISO 32000-1, 7.6.3)."""
    padded = lambda password: (password.encode("latin-1") + _PAD)[:32]  # noqa: E731
    permissions, file_id = -44, hashlib.md5(path.name.encode()).digest()
    owner_entry = _rc4(hashlib.md5(padded(owner)).digest()[:5], padded(user))
    key = hashlib.md5(padded(user) + owner_entry + struct.pack("<i", permissions) + file_id).digest()[:5]
    objects, root = page_objects(pages)
    for number, body in objects.items():
        if b"\nstream\n" in body:
            head, _, rest = body.partition(b"\nstream\n")
            data = rest[: rest.rindex(b"endstream")].removesuffix(b"\n")
            object_key = hashlib.md5(key + number.to_bytes(3, "little") + b"\x00\x00").digest()[:10]
            objects[number] = head + b"\nstream\n" + _rc4(object_key, data) + b"\nendstream"
    trailer = (f"/Encrypt << /Filter /Standard /V 1 /R 2 /O <{owner_entry.hex()}> "
               f"/U <{_rc4(key, _PAD).hex()}> /P {permissions} >> /ID [<{file_id.hex()}> <{file_id.hex()}>]").encode()
    path.write_bytes(build_pdf(objects, root, trailer))
    return path


REPORT_PAGES = [Page(lines) for lines in REPORT]


def test_fixture_pdf_reads_cleanly(tmp_path):
    raw = read_pdf(write(tmp_path / "report.pdf", REPORT_PAGES))
    assert raw.status == "ok" and raw.warnings == ()
    assert raw.pages[2].startswith("Recommendations")
    assert raw.facts.pages_failed == raw.facts.pages_without_text == raw.facts.pages_garbled == 0
    assert not raw.facts.encrypted


def test_owner_only_encryption_opens_with_the_empty_password(tmp_path):
    path = encrypted_pdf(tmp_path / "protected.pdf", REPORT_PAGES, user="", owner="owner-secret")
    raw = read_pdf(path)
    assert raw.status == "ok"
    assert raw.facts.encrypted
    assert "trained 320 water committee members" in raw.pages[0]


def test_user_password_opens_with_the_password_given(tmp_path):
    path = encrypted_pdf(tmp_path / "locked.pdf", REPORT_PAGES, user="open sesame", owner="owner-secret")
    raw = read_pdf(path, password="open sesame")
    assert raw.status == "ok" and raw.facts.encrypted
    assert raw.pages[1].startswith("Findings")


def test_the_owner_password_opens_it_too(tmp_path):
    path = encrypted_pdf(tmp_path / "locked.pdf", REPORT_PAGES, user="open sesame", owner="owner-secret")
    assert read_pdf(path, password="owner-secret").pages[1].startswith("Findings")


def test_no_password_says_where_to_put_one(tmp_path):
    path = encrypted_pdf(tmp_path / "locked.pdf", REPORT_PAGES, user="open sesame", owner="owner-secret")
    with pytest.raises(ReadError) as error:
        read_pdf(path)
    assert error.value.status == "encrypted"
    assert "passwords.yml" in str(error.value)


def test_wrong_password_is_encrypted_and_never_quoted(tmp_path):
    path = encrypted_pdf(tmp_path / "locked.pdf", REPORT_PAGES, user="open sesame", owner="owner-secret")
    with pytest.raises(ReadError) as error:
        read_pdf(path, password="guess-1234")
    assert error.value.status == "encrypted"
    assert "not correct" in str(error.value)
    assert "guess-1234" not in str(error.value) and "open sesame" not in str(error.value)


# -- pages that fail ----------------------------------------------------------------------------------------

# An ICCBased colour space whose stream lacks the required /N: pdfminer raises on the whole page (as on a page of
# Google's 2023 environmental report), pdfium ignores it.
BROKEN_COLOUR_SPACE = b"/ColorSpace << /CS0 [/ICCBased 3 0 R] >>"


def test_a_page_pdfminer_cannot_parse_is_read_by_pdfium(tmp_path):
    pages = [REPORT_PAGES[0], Page(REPORT[1], resources=BROKEN_COLOUR_SPACE), REPORT_PAGES[2]]
    raw = read_pdf(write(tmp_path / "report.pdf", pages))
    assert raw.status == "ok"
    assert "Most committees collected user fees" in raw.pages[1]
    assert raw.facts.pages_failed == 0
    assert any("page 2" in w and "pdfium read the text instead" in w for w in raw.warnings)


def test_a_page_no_engine_can_read_is_missing_and_the_others_are_kept(tmp_path, monkeypatch):
    import pypdfium2

    def refuse(*args, **kwargs):
        raise pypdfium2.PdfiumError("Failed to load document (PDFium: Data format error).")

    monkeypatch.setattr(pypdfium2, "PdfDocument", refuse)
    pages = [REPORT_PAGES[0], Page(REPORT[1], resources=BROKEN_COLOUR_SPACE), REPORT_PAGES[2]]
    raw = read_pdf(write(tmp_path / "report.pdf", pages))
    assert raw.status == "partial"
    assert raw.facts.pages_failed == 1
    assert raw.pages[1] == "" and "320 water committee" in raw.pages[0] and "spare parts" in raw.pages[2]
    message = "; ".join(raw.warnings)
    assert "page 2 could not be read" in message and "PDFKeyError" in message  # the page and the cause
    assert "the other pages were kept" in message


def test_a_pdf_whose_pages_all_fail_is_corrupt(tmp_path, monkeypatch):
    import pypdfium2

    monkeypatch.setattr(pypdfium2, "PdfDocument",
                        lambda *a, **k: (_ for _ in ()).throw(pypdfium2.PdfiumError("Data format error")))
    pages = [Page(lines, resources=BROKEN_COLOUR_SPACE) for lines in REPORT]
    with pytest.raises(ReadError) as error:
        read_pdf(write(tmp_path / "report.pdf", pages))
    assert error.value.status == "corrupt"
    assert "page 1" in str(error.value)


def test_pages_lost_from_a_damaged_page_tree_are_counted(tmp_path):
    # The page tree claims four pages and lists one: three are gone.
    objects, root = page_objects(REPORT_PAGES[:1])
    objects[root + 1] = objects[root + 1].replace(b"/Count 1", b"/Count 4")
    (tmp_path / "report.pdf").write_bytes(build_pdf(objects, root))
    raw = read_pdf(tmp_path / "report.pdf")
    assert raw.status == "partial"
    assert raw.facts.pages_failed == 3
    assert "declares 4 pages" in " ".join(raw.warnings)
    assert "320 water committee" in raw.pages[0]


def test_a_lost_page_tree_falls_back_to_the_linearization_page_count(tmp_path):
    # The catalog points at a page tree that is gone; pdfminer finds the page objects by scanning, and the
    # linearization dictionary at the head of the file still says how many there were.
    objects, root = page_objects(REPORT_PAGES[:2], first=2)
    objects[1] = b"<< /Linearized 1 /L 9999 /N 5 >>"
    objects[root] = b"<< /Type /Catalog /Pages 90 0 R >>"
    (tmp_path / "report.pdf").write_bytes(build_pdf(objects, root))
    raw = read_pdf(tmp_path / "report.pdf")
    assert len(raw.pages) == 2 and raw.status == "partial"
    assert raw.facts.pages_failed == 3


def test_a_pdf_pdfminer_cannot_open_is_read_by_pdfium(tmp_path, monkeypatch):
    # Stands in for the structural damage pdfminer gives up on and pdfium repairs (no sample file here has it).
    from pdfminer.pdfparser import PDFSyntaxError

    import pipeline.read.pdf as reader

    def refuse(*args, **kwargs):
        raise PDFSyntaxError("No /Root object! - Is this really a PDF?")

    monkeypatch.setattr(reader.pdfplumber, "open", refuse)
    raw = read_pdf(write(tmp_path / "report.pdf", REPORT_PAGES))
    assert raw.status == "ok" and len(raw.pages) == 3
    assert "Most committees collected user fees" in raw.pages[1]
    assert "pdfminer could not open it" in raw.warnings[0] and "read with pdfium" in raw.warnings[0]


def test_a_file_neither_engine_can_open_is_corrupt_and_says_why(tmp_path):
    data = write(tmp_path / "ok.pdf", REPORT_PAGES).read_bytes()
    (tmp_path / "report.pdf").write_bytes(data.replace(b"/Root 1 0 R", b"/Rxxx 1 0 R"))
    with pytest.raises(ReadError) as error:
        read_pdf(tmp_path / "report.pdf")
    assert error.value.status == "corrupt"
    assert "No /Root object" in str(error.value) and "pdfium" in str(error.value)


# -- scans and text-layer quality ---------------------------------------------------------------------------

def test_image_only_pages_have_no_text_layer(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))  # no tesseract
    raw = read_pdf(write(tmp_path / "scan.pdf", [Page([], image=True), Page([], image=True)]))
    assert raw.status == "no_text_layer"
    assert raw.facts.pages_without_text == 2
    assert "pages 1-2 have no text layer" in raw.warnings[0] and "tesseract" in raw.warnings[0]


def test_one_scanned_page_in_a_text_report_is_flagged_not_the_document(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    raw = read_pdf(write(tmp_path / "report.pdf", [*REPORT_PAGES, Page([], image=True)]))
    assert raw.status == "ok"
    assert raw.facts.pages_without_text == 1
    assert "page 4 has no text layer" in " ".join(raw.warnings)


def test_blank_pages_are_neither_scans_nor_content(tmp_path):
    raw = read_pdf(write(tmp_path / "report.pdf", [REPORT_PAGES[0], Page([]), REPORT_PAGES[1]]))
    assert raw.status == "ok" and raw.warnings == ()
    assert raw.facts.pages_without_text == 0


def test_a_pdf_of_blank_pages_is_empty(tmp_path):
    raw = read_pdf(write(tmp_path / "blank.pdf", [Page([]), Page([])]))
    assert raw.status == "empty"
    assert "blank" in raw.warnings[-1]


GARBAGE_OCR = [
    "«POAH «3E*»CM tanntxim. inc. / ^. ^ toi n»Bfl. iseorty ttsrootj saifii, GROTE, nut,",
    "s*r;tiiR» and FRG&t OSZ H. USSSOBS Eeairing to keep you posted on the progresa",
    "of the Foundatlon you Kill tee interested to knot that to defce the Foundation, hes",
    "receivcd •the fallowings (a) A lettcr from the Aaalggfitted fc-ugsx Company eecepting",
    "3s«»teership and encloslng thelr cheek, and executed contracts* (te) A letter froas",
]
GOOD_OCR = [
    "Desiring to keep you posted on the progress of the Foundation, you will be interested",
    "to know that to date the Foundation has received the following: a letter from the",
    "Amalgamated Sugar Company accepting membership and enclosing their check and executed",
    "contracts; a letter from California and Hawaiian Sugar Refining Corporation accepting",
    "membership and enclosing their check and executed contracts.",
]


def test_a_scan_with_a_garbage_ocr_layer_is_garbled(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    raw = read_pdf(write(tmp_path / "letter.pdf", [Page(GARBAGE_OCR, image=True, invisible=True)]))
    assert raw.status == "garbled_text"
    assert raw.facts.pages_garbled == 1
    assert "not readable text" in raw.warnings[0] and "ocrmypdf" in raw.warnings[0]
    assert "Foundatlon" in raw.pages[0]  # the text is kept: partial recovery beats nothing


def test_a_scan_with_a_good_ocr_layer_is_ok(tmp_path):
    raw = read_pdf(write(tmp_path / "letter.pdf", [Page(GOOD_OCR, image=True, invisible=True)]))
    assert raw.status == "ok" and raw.warnings == ()


def test_born_digital_text_in_a_broken_font_encoding_is_garbled(tmp_path):
    # Letters shifted by three, as a font without a Unicode map can leave them.
    shifted = [["".join(chr((ord(c) - 97 + 3) % 26 + 97) if c.islower() else c for c in line) for line in page]
               for page in REPORT]
    raw = read_pdf(write(tmp_path / "report.pdf", [Page(lines) for lines in shifted]))
    assert raw.status == "garbled_text"
    assert raw.facts.pages_garbled == 3


# -- limits -------------------------------------------------------------------------------------------------

def test_only_the_first_pages_up_to_the_limit_are_read(tmp_path):
    raw = read_pdf(write(tmp_path / "long.pdf", REPORT_PAGES * 3), max_pages=4)
    assert raw.status == "too_large"
    assert len(raw.pages) == 4
    assert "has 9 pages; only the first 4 were read" in raw.warnings[-1]


def test_read_document_passes_the_page_limit_to_the_pdf_reader(tmp_path):
    path = write(tmp_path / "long.pdf", REPORT_PAGES * 2)
    assert len(read_document(path, path.read_bytes(), max_pages=2).pages) == 2


# -- OCR with tesseract, when installed ----------------------------------------------------------------------

def fake_tesseract(bin_dir: Path, text: str, exit_code: int = 0) -> Path:
    """A `tesseract` that records the image it was given and prints `text` (the real one needs installing)."""
    bin_dir.mkdir(exist_ok=True)
    script = bin_dir / "tesseract"
    received = bin_dir / "received.img"
    script.write_text(f"#!/bin/sh\ncat > '{received}'\necho 'recorded args:' \"$@\" >&2\n"
                      f"printf '%s' '{text}'\nexit {exit_code}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return received


def test_pages_without_text_are_ocrd_when_tesseract_is_installed(tmp_path, monkeypatch):
    received = fake_tesseract(tmp_path / "bin", " ".join(GOOD_OCR))
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    raw = read_pdf(write(tmp_path / "scan.pdf", [Page([], image=True), REPORT_PAGES[0]]))
    assert raw.status == "ok"
    assert raw.facts.pages_ocr == 1 and raw.facts.pages_without_text == 0
    assert raw.pages[0].startswith("Desiring to keep you posted")
    assert "page 1 had no usable text layer and was read by OCR" in " ".join(raw.warnings)
    magic, size, depth, pixels = received.read_bytes().split(b"\n", 3)  # a greyscale PGM of the page at 300 dpi
    width, height = map(int, size.split())
    assert (magic, depth, width, round(height / 10)) == (b"P5", b"255", 2550, 330)
    assert len(pixels) == width * height


def test_a_garbage_ocr_layer_is_replaced_by_better_ocr(tmp_path, monkeypatch):
    fake_tesseract(tmp_path / "bin", " ".join(GOOD_OCR))
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    raw = read_pdf(write(tmp_path / "letter.pdf", [Page(GARBAGE_OCR, image=True, invisible=True)]))
    assert raw.status == "ok" and raw.facts.pages_ocr == 1 and raw.facts.pages_garbled == 0
    assert "Amalgamated Sugar Company" in raw.pages[0]


def test_failing_ocr_is_reported_and_the_page_stays_flagged(tmp_path, monkeypatch):
    fake_tesseract(tmp_path / "bin", "", exit_code=1)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    raw = read_pdf(write(tmp_path / "scan.pdf", [Page([], image=True)]))
    assert raw.status == "no_text_layer"
    assert "OCR failed on page 1 (page 1: tesseract failed (exit code 1" in " ".join(raw.warnings)


def test_ocr_can_be_turned_off(tmp_path, monkeypatch):
    received = fake_tesseract(tmp_path / "bin", " ".join(GOOD_OCR))
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    raw = read_pdf(write(tmp_path / "scan.pdf", [Page([], image=True)]), ocr=False)
    assert raw.status == "no_text_layer" and not received.exists()


# -- a long PDF read in parts by several workers ------------------------------------------------------------

MIXED_PAGES = [REPORT_PAGES[0], Page([]), Page(REPORT[1], resources=BROKEN_COLOUR_SPACE), REPORT_PAGES[2],
               Page([], image=True), *REPORT_PAGES]


@pytest.mark.parametrize("parts", [2, 3])
def test_a_pdf_read_in_parts_gives_what_reading_it_whole_gives(tmp_path, monkeypatch, parts):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))  # no tesseract: the scanned page stays flagged
    path = write(tmp_path / "report.pdf", MIXED_PAGES)
    whole = read_pdf(path)
    shares = [read_pdf_part(path, part, parts) for part in range(parts)]
    assert sorted(n for share in shares for n in share.numbers) == list(range(len(MIXED_PAGES)))
    merged = read_pdf(path, parts=shares[::-1])  # arrival order does not matter
    assert merged == whole
    assert whole.facts.pages_without_text == 1 and any("pdfium" in w for w in whole.warnings)


def test_parts_respect_the_page_limit_and_report_lost_pages_once(tmp_path):
    objects, root = page_objects(REPORT_PAGES * 3)
    objects[root + 1] = objects[root + 1].replace(b"/Count 9", b"/Count 11")  # two pages lost from the tree
    (tmp_path / "report.pdf").write_bytes(build_pdf(objects, root))
    path = tmp_path / "report.pdf"
    shares = [read_pdf_part(path, part, 2, max_pages=5) for part in range(2)]
    assert [len(share.pages) for share in shares] == [3, 2]
    merged = read_pdf(path, max_pages=5, parts=shares)
    assert merged == read_pdf(path, max_pages=5)
    assert merged.status == "too_large" and merged.facts.pages_failed == 2


def test_a_short_or_unopenable_pdf_is_not_split(tmp_path):
    assert read_pdf_part(write(tmp_path / "short.pdf", REPORT_PAGES), 0, 2, min_pages=4) is None
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 100)
    assert read_pdf_part(tmp_path / "broken.pdf", 0, 2) is None


def test_parts_that_miss_a_page_are_refused(tmp_path):
    path = write(tmp_path / "report.pdf", REPORT_PAGES * 2)
    with pytest.raises(ValueError, match="do not hold each"):
        read_pdf(path, parts=[read_pdf_part(path, 0, 3), read_pdf_part(path, 2, 3)])
