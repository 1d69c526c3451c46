"""A tiny PDF writer for test fixtures, with no third-party dependency.

Each page is a list of text lines set in Helvetica (a standard Type1 font every reader knows, so the file
embeds no font program). Lines are drawn top-down with BT/Tf/Td/Tj; an empty string leaves a blank line,
which readers see as a paragraph break. Fixtures are generated into pytest's tmp_path at test time, so no
generated PDF is committed.
"""

from __future__ import annotations

from pathlib import Path

PAGE_WIDTH, PAGE_HEIGHT = 612, 792  # US Letter, in points
FONT_SIZE = 11
LEADING = 16  # points between baselines: taller than a line, shorter than a paragraph gap
MARGIN_LEFT, MARGIN_TOP = 72, 72


def escape_pdf_string(text: str) -> bytes:
    """A literal string for a content stream: backslash and parentheses escaped, WinAnsi (cp1252) encoded."""
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return escaped.encode("cp1252")


def _content_stream(lines: list[str]) -> bytes:
    ops = [b"BT", f"/F1 {FONT_SIZE} Tf".encode(), f"{MARGIN_LEFT} {PAGE_HEIGHT - MARGIN_TOP} Td".encode()]
    for number, line in enumerate(lines):
        if number:
            ops.append(f"0 {-LEADING} Td".encode())
        if line:
            ops.append(b"(" + escape_pdf_string(line) + b") Tj")
    ops.append(b"ET")
    return b"\n".join(ops) + b"\n"


def pdf_bytes(pages: list[list[str]]) -> bytes:
    """The bytes of a valid PDF 1.4 file with one text page per entry of `pages`."""
    if not pages:
        raise ValueError("a PDF needs at least one page")
    # Object numbers: 1 catalog, 2 page tree, 3 font, then a (page, content) pair per page.
    page_ids = [4 + 2 * i for i in range(len(pages))]
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [" + b" ".join(f"{i} 0 R".encode() for i in page_ids)
           + f"] /Count {len(pages)} >>".encode(),
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    }
    for page_id, lines in zip(page_ids, pages):
        stream = _content_stream(lines)
        objects[page_id] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
                            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {page_id + 1} 0 R >>").encode()
        objects[page_id + 1] = f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"endstream"

    return serialise(objects)


def serialise(objects: dict[int, bytes], root: int = 1) -> bytes:
    """A PDF 1.4 file of these numbered objects, with its cross-reference table (numbers not given are free)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")  # binary comment line: marks the file as binary
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + objects[number] + b"\nendobj\n"
    xref_at = len(out)
    size = max(objects) + 1
    out += f"xref\n0 {size}\n".encode()
    for number in range(size):
        out += (f"{offsets[number]:010d} 00000 n \n" if number in offsets else "0000000000 65535 f \n").encode()
    out += f"trailer\n<< /Size {size} /Root {root} 0 R >>\nstartxref\n{xref_at}\n%%EOF\n".encode()
    return bytes(out)


def write_pdf(path: Path, pages: list[list[str]]) -> Path:
    """Write a PDF whose pages hold the given lines of text; return the path."""
    path = Path(path)
    path.write_bytes(pdf_bytes(pages))
    return path


def write_truncated_pdf(path: Path, pages: list[list[str]] | None = None, keep: float = 0.5) -> Path:
    """Write only the first `keep` fraction of a valid PDF, as an interrupted download leaves it: the header
    survives, the cross-reference table and trailer do not."""
    data = pdf_bytes(pages or [["This report was cut short in transfer."], ["Its second page never arrived."]])
    path = Path(path)
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def write_garbage_pdf(path: Path) -> Path:
    """A PDF header followed by bytes that are no PDF syntax at all."""
    path = Path(path)
    path.write_bytes(b"%PDF-1.7\n" + bytes((i * 37 + 11) % 256 for i in range(2048)))
    return path
