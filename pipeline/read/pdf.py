"""PDF with pdfplumber, one page at a time; each page is closed so memory does not grow with page count.

Bad PDFs lose as little as possible:
- encrypted files open with the empty user password (owner-only protection) or the password given for them;
- a page pdfminer cannot parse is read by a second engine, pdfium; a page neither can read is lost and named,
  the others are kept (status `partial`), as are pages whose page tree entry is gone;
- a file pdfminer cannot open at all, or whose page tree it cannot walk, is read by pdfium alone;
- every page's text layer is scored (pipeline.read.quality); pages without text or with debris are OCR'd when
  tesseract is installed, and counted and named otherwise;
- only the first `max_pages` pages are read (status `too_large`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import resolve1

from pipeline.config import MAX_PAGES
from pipeline.read.errors import ReadError
from pipeline.read.glyphs import page_glyphs
from pipeline.read.layout import page_text
from pipeline.read.ocr import OcrError, ocr_image, render_page, tesseract_path
from pipeline.read.quality import PageQuality, assess_page, image_cover
from pipeline.records import RawDocument, ReadFacts

log = logging.getLogger(__name__)

# The linearization dictionary at the start of a "fast web view" PDF states its page count (/N); it survives
# when the page tree is damaged.
_LINEARIZED = re.compile(rb"/Linearized\b[^>]{0,200}?/N\s+(\d+)")
_HEAD_BYTES = 2048
# Causes quoted per message before the rest are summarised ("and 12 more").
_MAX_CAUSES = 3
# Share of a document's non-blank pages that must lack usable text for the whole document to be judged by
# them (status no_text_layer or garbled_text) rather than flagged page by page.
BAD_PAGE_MAJORITY = 0.5
ADVICE_NO_TEXT = "install tesseract to have them OCR'd, or run OCR on the file (e.g. ocrmypdf) and add it again"
ADVICE_GARBLED = "re-run OCR on the file (e.g. ocrmypdf --force-ocr) and add it again"


@dataclass
class _Page:
    text: str
    quality: PageQuality
    problem: str | None = None  # why pdfminer failed on it (then pdfium read it, or nobody did)
    lost: bool = False
    ocr: bool = False


@dataclass
class _Reading:
    pages: list[_Page] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    total_pages: int = 0
    missing_pages: int = 0  # declared by the file but absent from its page tree
    encrypted: bool = False
    password: str | None = None  # the one that opened the file (the empty one for owner-only protection)
    ocr_tried: bool = False


@dataclass(frozen=True)
class PdfPart:
    """A run of a long PDF's pages read by one process: the parts of one file are read in parallel, then merged
    by `read_pdf(..., parts=...)` into exactly what reading it whole gives."""

    numbers: tuple[int, ...]  # 0-based numbers of the pages read, in order
    pages: tuple[_Page, ...]
    total_pages: int
    missing_pages: int  # declared by the file but absent from its page tree (counted by the first part only)
    encrypted: bool
    password: str | None


def read_pdf_part(path: Path, part: int, parts: int, password: str | None = None, max_pages: int = MAX_PAGES,
                  min_pages: int = 2) -> PdfPart | None:
    """Read the `part`-th of `parts` shares of the PDF's pages: every `parts`-th page from page `part` (so the
    shares cost alike however the pages vary along the file). None when it has fewer than `min_pages` pages to
    read, or pdfminer cannot open it or walk its pages: such a file is read whole, where the fallbacks and their
    messages live."""
    path = Path(path)
    try:
        pdf, used_password, encrypted = _open(path, password)
    except ReadError:
        return None
    with _Pdfium(path, used_password) as second, pdf:
        try:
            page_list = pdf.pages
        except Exception:
            return None
        count = min(len(page_list), max_pages)
        if count < max(min_pages, parts):
            return None
        numbers = range(part, count, parts)
        reading = _read_pages(page_list, second, numbers)
        missing = max(0, (_declared_pages(pdf, path) or 0) - len(page_list)) if part == 0 else 0
    return PdfPart(tuple(numbers), tuple(reading.pages), len(page_list), missing, encrypted, used_password)


def read_pdf(path: Path, password: str | None = None, max_pages: int = MAX_PAGES, ocr: bool = True,
             parts: Sequence[PdfPart] | None = None) -> RawDocument:
    """Return one text per page (lines rebuilt from word positions), the document's status and what went wrong.
    With `parts` (every part of the file, from `read_pdf_part`) the pages are not read again, only merged."""
    path = Path(path)
    if parts:
        reading = _merge(parts)
        if ocr:
            _ocr_bad_pages(path, reading)
        return _assess(reading, max_pages)
    try:
        pdf, used_password, encrypted = _open(path, password)
    except ReadError as exc:
        if exc.status != "corrupt":
            raise
        cause = _describe(exc.__cause__) if exc.__cause__ else str(exc)
        reading = _read_with_pdfium(path, password, max_pages, f"pdfminer could not open it ({cause})")
    else:
        with _Pdfium(path, used_password) as second, pdf:
            try:
                page_list = pdf.pages
            except Exception as exc:  # a page tree pdfminer cannot walk
                reading = _read_with_pdfium(path, used_password, max_pages,
                                            f"pdfminer could not walk its page tree ({_describe(exc)})")
            else:
                reading = _read_pages(page_list, second, range(min(len(page_list), max_pages)))
                reading.missing_pages = max(0, (_declared_pages(pdf, path) or 0) - len(page_list))
        reading.encrypted, reading.password = encrypted, used_password
    if ocr:
        _ocr_bad_pages(path, reading)
    return _assess(reading, max_pages)


def _open(path: Path, password: str | None) -> tuple[pdfplumber.PDF, str, bool]:
    """Open with the empty password first (owner-only protection), then the given one."""
    for attempt in ("", password) if password else ("",):
        try:
            pdf = pdfplumber.open(path, password=attempt)
        except Exception as exc:
            cause = _unwrap(exc)
            if isinstance(cause, PDFPasswordIncorrect):
                continue
            if isinstance(cause, PDFEncryptionError):
                raise ReadError("encrypted", f"the PDF is encrypted with a method that cannot be decrypted "
                                             f"({_describe(cause)}); save an unencrypted copy") from exc
            raise ReadError("corrupt", f"not a readable PDF ({_describe(cause)})") from exc
        return pdf, attempt, pdf.doc.encryption is not None
    if password:
        raise ReadError("encrypted", "the PDF is password-protected and the password given for it in "
                                     "passwords.yml is not correct")
    raise ReadError("encrypted", "the PDF is password-protected: add its password to passwords.yml in the source "
                                 "folder (a line 'file-name.pdf: password')")


def _read_pages(page_list: list, second: _Pdfium, numbers: Iterable[int]) -> _Reading:
    """The file's pages of these (0-based) numbers."""
    reading = _Reading(total_pages=len(page_list))
    for index in numbers:
        page = page_list[index]
        try:
            glyphs = page_glyphs(page)  # the page parsed once: its words and its images both come from this
            text = page_text(page, glyphs)
            cover = image_cover(glyphs.images, float(page.width), float(page.height))
            reading.pages.append(_Page(text, assess_page(text, cover)))
        except Exception as exc:
            # Keep what parsed: one broken page must not lose the rest of the report.
            reading.pages.append(second.page(index, problem=_describe(exc)))
        finally:
            page.close()
    return reading


def _merge(parts: Sequence[PdfPart]) -> _Reading:
    """The parts of one file as one reading, pages in order; together they must hold each page once."""
    by_number = {number: page for part in parts for number, page in zip(part.numbers, part.pages, strict=True)}
    count = sum(len(part.numbers) for part in parts)
    if len(by_number) != count or set(by_number) != set(range(count)):
        raise ValueError(f"the parts of the PDF do not hold each of its first {count} pages once")
    first = parts[0]
    return _Reading(pages=[by_number[number] for number in range(count)], total_pages=first.total_pages,
                    missing_pages=sum(part.missing_pages for part in parts), encrypted=first.encrypted,
                    password=first.password)


def _read_with_pdfium(path: Path, password: str | None, max_pages: int, reason: str) -> _Reading:
    """The whole file through pdfium, when pdfminer cannot open it or walk its pages."""
    with _Pdfium(path, password) as second:
        if second.document is None:
            if "password" in (second.error or "").lower():
                raise ReadError("encrypted", "the PDF is password-protected and could not be decrypted: check its "
                                             f"password in passwords.yml ({reason})")
            raise ReadError("corrupt", f"not a readable PDF, damaged or incomplete: download or export it again "
                                       f"({reason}; pdfium: {second.error})")
        reading = _Reading(total_pages=len(second.document), encrypted=second.encrypted, password=password)
        reading.warnings.append(f"{reason}; its text was read with pdfium instead (reading order may be rougher)")
        for index in range(min(reading.total_pages, max_pages)):
            reading.pages.append(second.page(index))
    return reading


class _Pdfium:
    """pdfium, opened on first use: the second engine for pages pdfminer cannot parse."""

    def __init__(self, path: Path, password: str | None):
        self.path, self.password = path, password
        self._document: pdfium.PdfDocument | None = None
        self.error: str | None = None

    def __enter__(self) -> _Pdfium:
        return self

    def __exit__(self, *exc) -> None:
        if self._document is not None:
            self._document.close()

    @property
    def document(self) -> pdfium.PdfDocument | None:
        if self._document is None and self.error is None:
            try:
                self._document = pdfium.PdfDocument(str(self.path), password=self.password or None)
            except pdfium.PdfiumError as exc:
                self.error = str(exc)
        return self._document

    @property
    def encrypted(self) -> bool:
        return self.document is not None and pdfium_raw.FPDF_GetSecurityHandlerRevision(self.document) != -1

    def page(self, index: int, problem: str | None = None) -> _Page:
        """The page's text by pdfium; a lost page when pdfium cannot read it either."""
        try:
            if self.document is None:
                raise RuntimeError(self.error)
            page = self.document[index]
            try:
                text = page.get_textpage().get_text_range().replace("\r\n", "\n").replace("\r", "\n")
                width, height = page.get_size()
                images = page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE])
                covered = sum(min(right - left, width) * min(top - bottom, height)
                              for left, bottom, right, top in (image.get_bounds() for image in images))
            finally:
                page.close()
        except Exception as exc:
            cause = f"{problem}; pdfium: {_describe(exc)}" if problem else f"pdfium: {_describe(exc)}"
            return _Page("", PageQuality("failed", 0.0, False), cause, lost=True)
        cover = min(1.0, covered / (width * height)) if width > 0 and height > 0 else 0.0
        return _Page(text, assess_page(text, cover), problem)


def _declared_pages(pdf: pdfplumber.PDF, path: Path) -> int | None:
    """The page count the file states: its page tree's /Count, else its linearization dictionary's /N."""
    try:
        count = resolve1(resolve1(pdf.doc.catalog.get("Pages")).get("Count"))
        if isinstance(count, int) and count > 0:
            return count
    except Exception:  # a damaged page tree root: fall back to the linearization dictionary
        pass
    with open(path, "rb") as handle:
        match = _LINEARIZED.search(handle.read(_HEAD_BYTES))
    return int(match.group(1)) if match else None


def _ocr_bad_pages(path: Path, reading: _Reading) -> None:
    """Replace the text of pages without a usable text layer by OCR, when tesseract is installed."""
    bad = [i for i, page in enumerate(reading.pages) if page.quality.kind in ("no_text", "garbled")]
    executable = tesseract_path() if bad else None
    if not executable:
        return
    reading.ocr_tried = True
    failures: dict[int, str] = {}
    with _Pdfium(path, reading.password) as second:
        for index in bad:
            page = reading.pages[index]
            try:
                if second.document is None:
                    raise OcrError(f"pdfium cannot render the file ({second.error})")
                text = ocr_image(render_page(second.document, index), executable)
            except (OcrError, pdfium.PdfiumError) as exc:
                failures[index] = str(exc)
                continue
            quality = assess_page(text, 1.0)
            if text and (page.quality.kind == "no_text" or quality.score > page.quality.score):
                reading.pages[index] = _Page(text, quality, page.problem, ocr=True)
    if failures:
        reading.warnings.append(f"OCR failed on {_page_list(failures)} ({_causes(failures)})")


def _assess(reading: _Reading, max_pages: int) -> RawDocument:
    """The document's status and warnings from its pages' fates."""
    pages, warnings = reading.pages, list(reading.warnings)
    if not pages:
        if reading.missing_pages:
            raise ReadError("corrupt", f"the PDF declares {reading.missing_pages} pages but its page tree holds none")
        raise ReadError("empty", "the PDF has no pages")
    by_kind: dict[str, list[int]] = {}
    for index, page in enumerate(pages):
        by_kind.setdefault(page.quality.kind, []).append(index)
    lost = {i: p.problem or "" for i, p in enumerate(pages) if p.lost}
    rescued = {i: p.problem or "" for i, p in enumerate(pages) if p.problem and not p.lost}
    if len(lost) == len(pages):
        raise ReadError("corrupt", f"no page could be read ({_causes(lost)})")
    if rescued:
        warnings.append(f"pdfminer could not parse {_page_list(rescued)} ({_causes(rescued)}); "
                        "pdfium read the text instead")
    if lost:
        warnings.append(f"{_page_list(lost)} could not be read and {_verb(lost, 'is', 'are')} missing "
                        f"({_causes(lost)}); the other pages were kept")
    if reading.missing_pages:
        warnings.append(f"the PDF declares {reading.total_pages + reading.missing_pages} pages but its page tree "
                        f"holds only {reading.total_pages} (it is damaged); {reading.missing_pages} "
                        f"{'page is' if reading.missing_pages == 1 else 'pages are'} missing")
    ocr_pages = [i for i, p in enumerate(pages) if p.ocr]
    if ocr_pages:
        warnings.append(f"{_page_list(ocr_pages)} had no usable text layer and {_verb(ocr_pages, 'was', 'were')} "
                        "read by OCR (tesseract)")
    no_text, garbled = by_kind.get("no_text", []), by_kind.get("garbled", [])
    if no_text:
        outcome = "OCR did not recover any text" if reading.ocr_tried else ADVICE_NO_TEXT
        warnings.append(f"{_page_list(no_text)} {_verb(no_text, 'has', 'have')} no text layer (scanned images): "
                        f"{outcome}")
    if garbled:
        worst = min(pages[i].quality.score for i in garbled)
        warnings.append(f"the text layer of {_page_list(garbled)} is not readable text (quality score "
                        f"{worst:.2f} of 1: a bad OCR layer or fonts without a Unicode map): {ADVICE_GARBLED}")
    truncated = reading.total_pages > max_pages
    if truncated:
        warnings.append(f"the PDF has {reading.total_pages} pages; only the first {max_pages} were read "
                        "(the page limit: PIPELINE_MAX_PAGES, or MAX_PAGES in pipeline/config.py)")
    judged = len(by_kind.get("text", [])) + len(no_text) + len(garbled)
    if not judged and not lost:
        status = "empty"
        warnings.append(f"{'all ' if len(pages) > 1 else ''}{_page_list(range(len(pages)))} "
                        f"{_verb(pages, 'is', 'are')} blank (no text and no images)")
    elif judged and len(no_text) + len(garbled) > judged * BAD_PAGE_MAJORITY:
        status = "no_text_layer" if len(no_text) >= len(garbled) else "garbled_text"
    elif truncated:
        status = "too_large"
    elif lost or reading.missing_pages:
        status = "partial"
    else:
        status = "ok"
    facts = ReadFacts(pages_failed=len(lost) + reading.missing_pages, pages_without_text=len(no_text),
                      pages_garbled=len(garbled), pages_ocr=len(ocr_pages), encrypted=reading.encrypted)
    return RawDocument("application/pdf", tuple(p.text for p in pages), tuple(warnings), status, facts)


def _unwrap(exc: BaseException) -> BaseException:
    # pdfplumber wraps pdfminer's exceptions in PdfminerException(original).
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc.__cause__
    return inner if isinstance(inner, BaseException) else exc


def _describe(exc: BaseException) -> str:
    cause = _unwrap(exc)
    message = str(cause).strip()
    return f"{type(cause).__name__}: {message}" if message else type(cause).__name__


def _page_list(indexes) -> str:
    """0-based indexes -> 'page 3' or 'pages 1-3, 7' (1-based, runs collapsed)."""
    numbers = sorted(i + 1 for i in indexes)
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    text = ", ".join(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)
    return f"{'pages' if len(numbers) > 1 else 'page'} {text}"


def _verb(pages, one: str, many: str) -> str:
    return many if len(pages) > 1 else one


def _causes(by_page: dict[int, str]) -> str:
    """'page 2: cause; page 5: cause' for the first few pages, then how many more."""
    shown = [f"page {i + 1}: {cause}" for i, cause in sorted(by_page.items())[:_MAX_CAUSES]]
    more = len(by_page) - _MAX_CAUSES
    return "; ".join(shown) + (f"; and {more} more" if more > 0 else "")
