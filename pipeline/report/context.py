"""The text around an extracted item, recovered from its source without re-running extraction.

The run keeps what it read of each document (page texts and normalised text, OUT_DIR/state/texts), so
`norm_start/norm_end` address the very characters the item was extracted from. Without kept texts (an older
state, or a report written for a folder without state) the source is read and normalised again with the
pipeline's own readers (`pipeline.read`) and normalisation (`pipeline.text`), which are deterministic. A file
that is missing, has changed (its sha256 no longer matches) or cannot be read is reported as such; the report
then shows the item without context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.incremental import file_sha256, load_texts
from pipeline.read import ReadError, read_document

# Most characters of context shown on either side of an item; the window stops earlier at a sentence end.
CONTEXT_CHARS = 240
# Longer items (whole recommendations) are shown with their middle elided.
MAX_ITEM_CHARS = 1500
ELLIPSIS = "…"

# A sentence ends at ., ! or ? (with closing quotes or brackets) before white space, or at a blank line; a
# new list item (a "• " bullet from normalisation, or "2." / "(b)" numbering) starts a new unit too.
MISMATCH_NOTE = "the re-read source no longer holds this item at its recorded offsets, so no context is shown"
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s+|\n\s*\n|\n(?=• |\d{1,3}[.)]\s|\([a-z0-9]{1,3}\)\s)")
_SPACES = re.compile(r"\s+")
_NOT_ALNUM = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Source:
    """A document's texts for the report: its page texts as read and its normalised text, or why they are
    missing."""

    path: Path
    pages: tuple[str, ...] | None = None
    text: str | None = None
    problem: str | None = None
    read_again: bool = False  # the source was read again (no texts kept by the run)


@dataclass(frozen=True)
class Context:
    """Text before the item, the item itself, text after it; `agrees` says the span holds the item's text, and
    `note` says why the context is missing or cannot be trusted."""

    before: str
    item: str
    after: str
    agrees: bool
    note: str | None = None


def source_problem(src_dir: Path, source: str, sha256: str | None, known: dict | None = None) -> str | None:
    """Why the source file cannot stand behind its items (missing, or changed since extraction), or None.
    `known`: the run's manifest entry of the file; while its size and mtime still match, it is not hashed again."""
    path = Path(src_dir) / source
    if not path.is_file():
        return f"{source}: source file not found in {src_dir}"
    if sha256 and not _unchanged(path, sha256, known) and file_sha256(path) != sha256:
        return f"{source}: the file has changed since it was extracted (sha256 differs)"
    return None


def _unchanged(path: Path, sha256: str, known: dict | None) -> bool:
    """The same cheap check as the run's plan: same size and modification time as when the run hashed it."""
    if not known or known.get("sha256") != sha256:
        return False
    stat = path.stat()
    return known.get("size") == stat.st_size and known.get("mtime_ns") == stat.st_mtime_ns


def load_source(src_dir: Path, source: str, sha256: str | None, password: str | None = None,
                out_dir: Path | None = None, known: dict | None = None) -> Source:
    """One document's texts: those the run kept in out_dir's state when there are any, else the source read and
    normalised again (with its passwords.yml password, if encrypted); a problem names the file and the cause
    instead of raising. `known` as for source_problem."""
    path = Path(src_dir) / source
    problem = source_problem(src_dir, source, sha256, known)
    if problem:
        return Source(path, problem=problem)
    kept = load_texts(out_dir, sha256) if out_dir is not None and sha256 else None
    if kept is not None:
        return Source(path, kept.pages, kept.text)
    # Imported only here: normalisation loads wordfreq's word lists (~0.3 s), which kept texts never need.
    from pipeline.text import normalise_document

    try:
        raw = read_document(path, path.read_bytes(), password)
        return Source(path, raw.pages, normalise_document(raw.pages).text, read_again=True)
    except ReadError as exc:
        return Source(path, problem=f"{source}: cannot be re-read ({exc})")
    except Exception as exc:  # a reader failing in a way it does not document must not stop the report
        return Source(path, problem=f"{source}: re-reading failed ({type(exc).__name__}: {exc})")


def squash(text: str) -> str:
    """Letters and digits only, lower case: for comparing texts that differ in spacing and punctuation."""
    return _NOT_ALNUM.sub("", text).lower()


def _display(text: str) -> str:
    return _SPACES.sub(" ", text)


def _elide(text: str) -> str:
    if len(text) <= MAX_ITEM_CHARS:
        return text
    half = MAX_ITEM_CHARS // 2
    return f"{text[:half]} {ELLIPSIS} {text[-half:]}"


def span_context(text: str, start: int, end: int, expected: str) -> Context:
    """The sentence(s) around text[start:end], cut at CONTEXT_CHARS either side; if that span does not hold the
    expected text (the source or the readers changed since extraction), the item alone with a note."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    if not span_agrees(text[start:end], expected):
        return Context("", _elide(_display(expected)), "", False, MISMATCH_NOTE)
    left_base = max(0, start - CONTEXT_CHARS)
    boundaries = list(_BOUNDARY.finditer(text, left_base, start))
    left = boundaries[-1].end() if boundaries else left_base
    # From the item's last character: an item that ends its sentence ("... every year.") takes nothing after it.
    following = _BOUNDARY.search(text, max(start, end - 1), min(len(text), end + CONTEXT_CHARS))
    right = following.end() if following else min(len(text), end + CONTEXT_CHARS)
    before = _display(text[left:start]).lstrip()
    after = _display(text[end:right]).rstrip()
    if left > 0 and not boundaries:
        before = ELLIPSIS + before
    if right < len(text) and not following:
        after += ELLIPSIS
    return Context(before, _elide(_display(text[start:end])), after, True)


def span_agrees(span: str, expected: str) -> bool:
    """Does a span of the re-read text hold the item's published text (up to spacing and punctuation)?"""
    found, wanted = squash(span), squash(expected)
    return bool(found and wanted) and (found in wanted or wanted in found)


def sentence_context(sentence: str, item: str) -> Context:
    """The item highlighted inside the sentence it was published with (figures carry their sentence)."""
    sentence = _display(sentence)
    item_text = _display(item)
    at = sentence.find(item_text)
    if at < 0:
        at = sentence.lower().find(item_text.lower())
    if at < 0:
        return Context(sentence + " ", item_text, "", False, "the figure's text is not in its published sentence")
    return Context(sentence[:at], sentence[at: at + len(item_text)], sentence[at + len(item_text):], True)
