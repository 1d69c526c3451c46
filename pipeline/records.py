"""Frozen records produced by the stages; every extracted record carries its provenance."""

from __future__ import annotations

from dataclasses import dataclass, field


def doc_id_for(sha256: str) -> str:
    """Document ids come from content, never from file names: the same bytes get the same id anywhere."""
    return f"doc_{sha256[:16]}"


@dataclass(frozen=True, slots=True)
class ReadFacts:
    """What reading learnt about a document's pages; published as columns of the documents table."""

    pages_failed: int = 0  # pages whose text is lost: they could not be parsed, or the page tree lost them
    pages_without_text: int = 0  # pages that are images without a text layer (scans), after any OCR
    pages_garbled: int = 0  # pages whose text layer is debris, after any OCR
    pages_ocr: int = 0  # pages whose text comes from OCR
    encrypted: bool = False  # the file is password-protected (opened or not)


@dataclass(frozen=True, slots=True)
class RawDocument:
    """What a reader returns: the text of each page, in reading order, as the source gave it."""

    media_type: str
    pages: tuple[str, ...]
    warnings: tuple[str, ...] = ()  # what went wrong or was repaired, for the documents table's error column
    status: str = "ok"  # the reader's verdict, one of DOCUMENT_STATUSES (ok, partial, no_text_layer, ...)
    facts: ReadFacts = ReadFacts()


@dataclass(frozen=True, slots=True)
class Block:
    """A heading, list item or paragraph: a span of the normalised document text."""

    kind: str  # heading | item | paragraph
    start: int
    end: int
    text: str  # the span with line breaks as spaces (same length as the span)
    page: int
    marker: str | None = None  # bullet | numbered, for items
    section: str | None = None  # text of the nearest heading above


@dataclass(frozen=True, slots=True)
class Provenance:
    doc_id: str
    page: int
    start: int  # character offsets in the page text as the reader returned it
    end: int
    norm_start: int  # character offsets in the normalised document text
    norm_end: int
    section: str | None
    rule: str


@dataclass(frozen=True, slots=True)
class Mention:
    text: str
    org_type: str
    acronym: str | None  # declared next to the name in the text ("Long Name (ACR)")
    known_id: str | None  # gazetteer entry the mention matched, if any
    prov: Provenance


@dataclass(frozen=True, slots=True)
class Figure:
    text: str
    value: float
    value_max: float | None
    unit: str
    counted: str | None
    qualifier: str | None
    sentence: str
    prov: Provenance


@dataclass(frozen=True, slots=True)
class Recommendation:
    text: str
    audience: str | None
    kind: str  # bullet | numbered | prose
    prov: Provenance
    restated_at: tuple[Provenance, ...] = ()  # where the document restates it (summary, annex table), not kept twice


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """Everything the per-document stages produce; plain data so it can cross process boundaries."""

    doc_id: str
    source: str
    sha256: str
    media_type: str
    pages: int
    status: str
    error: str | None
    chars: int = 0
    repairs: dict[str, int] = field(default_factory=dict)
    mentions: tuple[Mention, ...] = ()
    figures: tuple[Figure, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    facts: ReadFacts = ReadFacts()
    # The page texts as read and the normalised text, gzip-compressed JSON (pipeline.incremental.pack_texts), so
    # the review report need not read the source again; the run stores them in OUT_DIR/state and drops them.
    texts: bytes | None = None
