"""One document from file to records: read -> normalise -> structure -> NLP -> extract."""

from __future__ import annotations

import hashlib
import logging
import threading
from pathlib import Path

from pipeline.config import MAX_FILE_BYTES
from pipeline.extract import ParsedDocument
from pipeline.extract.figures import extract_figures
from pipeline.extract.organisations import extract_mentions
from pipeline.extract.recommendations import extract_recommendations
from pipeline.nlp import build_nlp
from pipeline.read import ReadError, read_document
from pipeline.records import DocumentResult, RawDocument
from pipeline.structure import split_blocks
from pipeline.text import normalise_document

log = logging.getLogger(__name__)
# spaCy batch size for block texts; blocks are short (a paragraph), so large batches are cheap.
NLP_BATCH_SIZE = 256
# spaCy pipelines are not guaranteed thread-safe; thread-based task runners share one, so calls take turns.
# (The work is GIL-bound, so threads gain nothing by running it concurrently; processes are the way to scale.)
_NLP_LOCK = threading.Lock()


def doc_id_for(sha256: str) -> str:
    """Document ids come from content, never from file names: the same bytes get the same id anywhere."""
    return f"doc_{sha256[:16]}"


def process_file(src_dir: Path, path: Path) -> DocumentResult:
    """Process one file; never raises for a bad input: the failure is the document's status and error."""
    source = path.relative_to(src_dir).as_posix()
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        digest = hashlib.sha256(f"too_large:{source}:{size}".encode()).hexdigest()
        return DocumentResult(doc_id_for(digest), source, "", "unknown", 0, "too_large",
                              f"{source}: {size / 1e6:.0f} MB is over the {MAX_FILE_BYTES / 1e6:.0f} MB limit")
    data = path.read_bytes()
    sha256 = hashlib.sha256(data).hexdigest()
    doc_id = doc_id_for(sha256)
    try:
        raw = read_document(path, data)
    except ReadError as exc:
        log.warning("%s: %s (%s)", source, exc, exc.status)
        return DocumentResult(doc_id, source, sha256, "unknown", 0, exc.status, f"{source}: {exc}")
    try:
        return process_raw(doc_id, source, sha256, raw)
    except Exception as exc:  # a rule bug on one document must not stop the others
        log.error("%s: extraction failed: %s: %s", source, type(exc).__name__, exc)
        return DocumentResult(doc_id, source, sha256, raw.media_type, len(raw.pages), "error",
                              f"{source}: extraction failed ({type(exc).__name__}: {exc})")


def parse(doc_id: str, raw: RawDocument) -> ParsedDocument:
    """Normalise, split into blocks and run the NLP pipeline over every block."""
    text = normalise_document(raw.pages)
    blocks = tuple(split_blocks(text))
    with _NLP_LOCK:
        docs = tuple(build_nlp().pipe((block.text for block in blocks), batch_size=NLP_BATCH_SIZE))
    return ParsedDocument(doc_id, text, blocks, docs)


def process_raw(doc_id: str, source: str, sha256: str, raw: RawDocument) -> DocumentResult:
    """Extract every record type from an already-read document."""
    parsed = parse(doc_id, raw)
    chars = len(parsed.text.text)
    status, error = ("ok", None) if chars else ("empty", f"{source}: no text could be extracted")
    if raw.warnings and status == "ok":
        error = f"{source}: " + "; ".join(raw.warnings)
    return DocumentResult(
        doc_id, source, sha256, raw.media_type, len(raw.pages), status, error, chars, parsed.text.repairs,
        tuple(extract_mentions(parsed)), tuple(extract_figures(parsed)), tuple(extract_recommendations(parsed)),
    )
