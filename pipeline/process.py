"""One document from file to records: read -> normalise -> structure -> NLP -> extract."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.config import Limits
from pipeline.extract import ParsedDocument
from pipeline.extract.figures import extract_figures
from pipeline.extract.organisations import extract_mentions
from pipeline.extract.recommendations import extract_recommendations
from pipeline.incremental import pack_texts
from pipeline.nlp import build_nlp
from pipeline.read import ReadError, read_document, sniff_media_type
from pipeline.read.pdf import PdfPart, read_pdf_part
from pipeline.read.passwords import Passwords, load_passwords
from pipeline.records import DocumentResult, RawDocument, ReadFacts, doc_id_for
from pipeline.structure import split_blocks
from pipeline.text import normalise_document

log = logging.getLogger(__name__)
# spaCy batch size for block texts; blocks are short (a paragraph), so large batches are cheap.
NLP_BATCH_SIZE = 256
# spaCy pipelines are not guaranteed thread-safe; thread-based task runners share one, so calls take turns.
# (The work is GIL-bound, so threads gain nothing by running it concurrently; processes are the way to scale.)
_NLP_LOCK = threading.Lock()


@dataclass(frozen=True)
class PagesRead:
    """Part of a long PDF's pages, read by one worker while others read the rest (see `read_part`), with the
    digest of the bytes it was read from."""

    sha256: str
    part: PdfPart


def read_part(src_dir: Path, path: Path, part: int, parts: int, min_pages: int,
              limits: Limits = Limits()) -> PagesRead | DocumentResult | None:
    """Read the `part`-th of `parts` runs of a long PDF's pages, for `process_file(..., pages_read=...)` to
    finish. A file that is not split (not a PDF, fewer than `min_pages` pages, or one the readers must treat
    whole) is processed whole by part 0, which returns its result; the other parts return None. Never raises
    for a bad input."""
    pages = _pages_read(src_dir, path, part, parts, min_pages, limits)
    if pages is not None:
        return pages
    return process_file(src_dir, path, limits) if part == 0 else None


def _pages_read(src_dir: Path, path: Path, part: int, parts: int, min_pages: int, limits: Limits) -> PagesRead | None:
    source = path.relative_to(src_dir).as_posix()
    try:
        if path.stat().st_size > limits.max_file_bytes:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    if sniff_media_type(data) != "application/pdf":
        return None
    try:
        pages = read_pdf_part(path, part, parts, load_passwords(src_dir).lookup(source), limits.max_pages,
                              min_pages)
    except Exception as exc:  # whatever went wrong, reading the file whole meets it again, with its message
        log.debug("%s: reading part %d of %d failed (%s); the file is read whole", source, part + 1, parts, exc)
        return None
    return None if pages is None else PagesRead(hashlib.sha256(data).hexdigest(), pages)


def process_file(src_dir: Path, path: Path, limits: Limits = Limits(), passwords: Passwords | None = None,
                 pages_read: Sequence[PagesRead] | None = None,
                 read_ahead: tuple[str, RawDocument] | None = None) -> DocumentResult:
    """Process one file; never raises for a bad input: the failure is the document's status and error.
    `passwords` defaults to src_dir/passwords.yml. `pages_read`, every part of a long PDF read in parallel by
    `read_part`, and `read_ahead`, (sha256, the whole document) as pipeline.readahead read it, save reading it
    again (they are ignored if the file has changed since)."""
    source = path.relative_to(src_dir).as_posix()
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            digest = hashlib.sha256(f"too_large:{source}:{size}".encode()).hexdigest()
            limit_mb = limits.max_file_bytes / 2**20
            return DocumentResult(doc_id_for(digest), source, "", "unknown", 0, "too_large",
                                  f"{source}: {size / 2**20:.0f} MB is over the {limit_mb:.0f} MB file size limit "
                                  "(PIPELINE_MAX_FILE_MB, or MAX_FILE_BYTES in pipeline/config.py); not read")
        data = path.read_bytes()
    except OSError as exc:
        digest = hashlib.sha256(f"error:{source}".encode()).hexdigest()
        log.error("%s: the file could not be read from disk: %s", source, exc)
        return DocumentResult(doc_id_for(digest), source, "", "unknown", 0, "error",
                              f"{source}: the file could not be read from disk ({type(exc).__name__}: "
                              f"{exc.strerror or exc}); check that it exists and is readable")
    sha256 = hashlib.sha256(data).hexdigest()
    doc_id = doc_id_for(sha256)
    passwords = load_passwords(src_dir) if passwords is None else passwords
    try:
        parts = [read.part for read in pages_read or () if read.sha256 == sha256]
        if pages_read and len(parts) < len(pages_read):
            log.warning("%s: the file changed while its pages were being read; it is read again", source)
            parts = []
        if read_ahead is not None and read_ahead[0] == sha256 and isinstance(read_ahead[1], RawDocument):
            raw = read_ahead[1]
        else:
            raw = read_document(path, data, passwords.lookup(source), max_pages=limits.max_pages, pdf_parts=parts)
    except ReadError as exc:
        message = str(exc)
        if exc.status == "encrypted" and passwords.problem:
            message += f" ({passwords.problem})"
        log.warning("%s: %s (%s)", source, message, exc.status)
        return DocumentResult(doc_id, source, sha256, "unknown", 0, exc.status, f"{source}: {message}",
                              facts=ReadFacts(encrypted=exc.status == "encrypted"))
    except Exception as exc:  # a reader bug or a library failing in a way it does not document
        log.error("%s: reading failed: %s: %s", source, type(exc).__name__, exc)
        return DocumentResult(doc_id, source, sha256, "unknown", 0, "error",
                              f"{source}: reading failed unexpectedly ({type(exc).__name__}: {exc})")
    try:
        return process_raw(doc_id, source, sha256, raw)
    except Exception as exc:  # a rule bug on one document must not stop the others
        log.error("%s: extraction failed: %s: %s", source, type(exc).__name__, exc)
        return DocumentResult(doc_id, source, sha256, raw.media_type, len(raw.pages), "error",
                              f"{source}: extraction failed ({type(exc).__name__}: {exc})", facts=raw.facts)


def parse(doc_id: str, raw: RawDocument) -> ParsedDocument:
    """Normalise, split into blocks and run the NLP pipeline over every block."""
    text = normalise_document(raw.pages)
    blocks = tuple(split_blocks(text))
    with _NLP_LOCK:
        docs = tuple(build_nlp().pipe((block.text for block in blocks), batch_size=NLP_BATCH_SIZE))
    return ParsedDocument(doc_id, text, blocks, docs)


def process_raw(doc_id: str, source: str, sha256: str, raw: RawDocument) -> DocumentResult:
    """Extract every record type from an already-read document; its status is the reader's, or `empty`. The
    result carries the texts read, for the review report."""
    parsed = parse(doc_id, raw)
    chars = len(parsed.text.text)
    status, notes = raw.status, list(raw.warnings)
    if not chars and status in ("ok", "mislabelled", "partial", "too_large"):
        status = "empty"
        notes.append("no text could be extracted")
    return DocumentResult(
        doc_id, source, sha256, raw.media_type, len(raw.pages), status,
        f"{source}: " + "; ".join(notes) if notes else None, chars, parsed.text.repairs,
        tuple(extract_mentions(parsed)), tuple(extract_figures(parsed)), tuple(extract_recommendations(parsed)),
        raw.facts, pack_texts(sha256, raw.pages, parsed.text.text),
    )
