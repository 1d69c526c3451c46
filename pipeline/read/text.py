"""Plain text: detect the encoding, repair mojibake, split pages on form feeds."""

from __future__ import annotations

import codecs

import ftfy
from charset_normalizer import from_bytes

from pipeline.read.errors import ReadError
from pipeline.records import RawDocument

# Share of non-ASCII bytes up to which undecodable-as-UTF-8 text is taken as Windows-1252.
MOSTLY_ASCII = 0.05
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes to str; return (text, encoding). UTF-8 first, then charset detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if sum(b > 0x7F for b in data) <= len(data) * MOSTLY_ASCII:
        # Mostly ASCII with a few accented letters: Western text in Windows-1252, whatever a detector would
        # guess from so few bytes (short samples get cp775 or cp1250 and turn "Côte" into "C¶te").
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ReadError("unsupported", "the text encoding could not be detected: save the file as UTF-8")
    return str(best), best.encoding


def repair_mojibake(text: str) -> tuple[str, str | None]:
    """Undo text that was UTF-8 but went through a single-byte decoding on its way ("1985â€“86" -> "1985–86");
    return (text, a note saying what was repaired, or None). Correct text is left alone (ftfy.fix_encoding
    only changes sequences that are far likelier to be mojibake than real text)."""
    fixed = ftfy.fix_encoding_and_explain(text)
    if fixed.text == text:
        return text, None
    wrong = [encoding.removeprefix("sloppy-") for action, encoding in fixed.explanation or () if action == "encode"]
    how = wrong[0] if wrong else "a single-byte encoding"
    return fixed.text, f"repaired mojibake: the text had been mis-decoded as {how} before it was saved (as in 'Ã©' " \
                       "for 'é') and was restored"


def read_text(data: bytes) -> RawDocument:
    """A text file is one page unless it contains form feeds (as pdftotext output does)."""
    text, encoding = decode_text(data)
    text, repair = repair_mojibake(text)
    pages = tuple(text.split("\f")) if "\f" in text else (text,)
    warnings = tuple(note for note in (None if encoding.startswith("utf") else f"decoded as {encoding}", repair)
                     if note)
    return RawDocument("text/plain", pages, warnings)
