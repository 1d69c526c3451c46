"""Content sniffing: what a file really is, whatever its name says."""

from __future__ import annotations

import re

_HTML_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b",
                         re.IGNORECASE | re.DOTALL)
# How far into a file the PDF header may sit (the PDF spec allows leading junk; readers accept ~1 KB).
_PDF_HEADER_WINDOW = 1024
_SNIFF_BYTES = 4096


def sniff_media_type(data: bytes) -> str:
    """Return application/pdf, text/html, text/plain, empty or application/octet-stream."""
    if not data.strip():
        return "empty"
    if b"%PDF-" in data[:_PDF_HEADER_WINDOW]:
        return "application/pdf"
    head = data[:_SNIFF_BYTES]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if _HTML_START.match(head):
        return "text/html"
    if _looks_textual(head):
        return "text/plain"
    return "application/octet-stream"


def _looks_textual(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True  # UTF-16 with a byte-order mark
    if b"\x00" in head:
        return False
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control <= len(head) * 0.01
