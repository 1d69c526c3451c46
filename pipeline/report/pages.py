"""One document's review page, and its page images: what the report's page-writing processes run.

This module imports neither pandas nor pandera (the page jobs carry plain values), so a page-writing process
forked from the workers' forkserver starts in a twentieth of a second instead of loading them (~0.4 s each).
"""

from __future__ import annotations

import functools
import os
import shutil
import time
from collections import defaultdict, namedtuple
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.report.context import Context, Source, load_source, sentence_context, span_agrees, span_context
from pipeline.report.html import cell, esc, page, table, text_of
from pipeline.report.regions import Region, RegionRequest, render_regions

# Region images per document; a long report's remaining items are listed without one, and its page says so.
# Recommendations are imaged first, then figures, then mentions (mentions are the most numerous and the
# easiest to check from the text alone).
MAX_IMAGES_PER_DOCUMENT = 200
# Niceness added to the page-writing processes: their start must not slow the run's table work.
WRITER_NICENESS = 10
INDEX_PAGE = "index.html"
ORGANISATIONS_PAGE = "organisations.html"
DOCUMENTS_DIR = "documents"
PDF = "application/pdf"


# -- one document's page ------------------------------------------------------------------------------

@dataclass(frozen=True)
class DocumentOutcome:
    """What the report could show for one document."""

    doc_id: str
    items: int
    images: int
    without_image: int  # items of a PDF beyond the image cap
    problem: str | None  # why context could not be recovered
    disagreements: int  # items whose recorded span no longer holds their text
    read_seconds: float = 0.0  # spent reading the source again (no texts kept by the run), for the progress log


def _ready() -> None:
    """Nothing: unpickling it in a new process imports this module, which is the point."""


def _lower_priority() -> None:
    """Yield the CPU to the run's own process (no-op where the OS has no niceness)."""
    try:
        os.nice(WRITER_NICENESS)
    except (AttributeError, OSError):
        pass


@dataclass(frozen=True)
class _PageJob:
    """What writing one document's page needs, as plain picklable data."""

    document: dict
    items: dict[str, list[list]]  # table name -> the document's rows (values in `columns` order)
    columns: dict[str, tuple[str, ...]]
    org_columns: tuple[str, ...]
    organisations: dict[str, list]  # org_id -> values, for the organisations its mentions name
    password: str | None
    known: dict | None  # what the run knows of the source file (size, time, sha256)
    src_dir: Path
    report_dir: Path
    out_dir: Path | None
    # Page images drawn ahead (see RegionJob): item id -> (its request, its region), the files in `rendered_dir`.
    rendered: dict[str, tuple[RegionRequest, Region]] = field(default_factory=dict)
    rendered_dir: Path | None = None


@dataclass(frozen=True)
class RegionJob:
    """A PDF's page images, drawn ahead: while the run still resolves, validates and writes its tables, page
    writers draw the images of the documents it has just extracted (from their records, which is all the images
    depend on), into `folder`; the page written later takes each image whose request is exactly the one it makes
    (same item, page and span; the same source, unchanged) and draws any other itself."""

    document: dict  # doc_id, source, sha256, media_type
    items: dict[str, list[list]]  # table name -> the document's items (values in `columns` order)
    columns: dict[str, tuple[str, ...]]
    password: str | None
    known: dict | None
    src_dir: Path
    out_dir: Path | None
    folder: Path
    part: int = 0  # a long document's pages are shared among several jobs: this one draws every parts-th page
    parts: int = 1


@functools.cache
def _row_type(name: str, fields: tuple[str, ...]) -> type:
    """A table's row type (a named tuple, as itertuples() gives), for rows sent to page writers as plain lists
    (a named tuple made by pandas does not pickle)."""
    return namedtuple(name, fields)


def _document_row(document: dict):
    """A document's row (as the documents table's itertuples() gives it) from its values by column."""
    return _row_type("Document", tuple(document))(**document)


def _write_job(job: _PageJob) -> tuple[DocumentOutcome, float]:
    started = time.perf_counter()
    doc = _document_row(job.document)
    items = _rows(job.items, job.columns)
    org = _row_type("Organisation", job.org_columns)
    organisations = {org_id: org(*values) for org_id, values in job.organisations.items()}
    outcome = _write_document(doc, items, organisations, job.src_dir, job.report_dir, job.password, job.out_dir,
                              job.known, job.rendered, job.rendered_dir)
    return outcome, time.perf_counter() - started


def _rows(items: dict[str, list[list]], columns: dict[str, tuple[str, ...]]) -> dict[str, list]:
    """A document's items as row tuples, each table's in text order, ties kept in table order (as a stable sort
    on the offsets would)."""
    rows = {}
    for name, values in items.items():
        row = _row_type(name, columns[name])
        rows[name] = sorted((row(*v) for v in values), key=lambda r: (r.norm_start, r.norm_end))
    return rows


def render_ahead(job: RegionJob) -> dict[str, tuple[RegionRequest, Region]]:
    """Draw a PDF's page images into job.folder, as its page would (RegionJob); item id -> (request, region).
    Nothing when the source cannot give them (its page will say why)."""
    doc = _document_row(job.document)
    own = _rows(job.items, job.columns)
    source = load_source(job.src_dir, doc.source, doc.sha256, job.password, job.out_dir, job.known)
    if source.problem or source.pages is None:
        return {}
    _, disagreeing = _contexts(source, own)
    requests = _requests(doc, source, own, disagreeing)
    if job.parts > 1:
        pages = sorted({r.page for r in requests})
        mine = set(pages[job.part::job.parts])
        requests = [r for r in requests if r.page in mine]
    if not requests:
        return {}
    regions = render_regions(source.path, source.pages, requests, job.folder, password=job.password)
    return {r.item_id: (r, regions[r.item_id]) for r in requests if r.item_id in regions}


def _write_document(doc, own: dict[str, list], organisations: dict, src_dir: Path, report_dir: Path,
                    password: str | None = None, out_dir: Path | None = None,
                    known: dict | None = None, rendered: dict | None = None,
                    rendered_dir: Path | None = None) -> DocumentOutcome:
    mentions, figures, recommendations = own["mentions"], own["figures"], own["recommendations"]
    # Images of an earlier report written into the same folder must not outlive it.
    shutil.rmtree(report_dir / DOCUMENTS_DIR / doc.doc_id, ignore_errors=True)
    count = len(mentions) + len(figures) + len(recommendations)
    started = time.perf_counter()
    source = load_source(src_dir, doc.source, doc.sha256, password, out_dir, known) if count else None
    read_seconds = time.perf_counter() - started if source and source.read_again else 0.0
    contexts, disagreeing = _contexts(source, own)
    regions, requested = _regions(doc, source, own, disagreeing, report_dir / DOCUMENTS_DIR / doc.doc_id, password,
                                  rendered or {}, rendered_dir) if source else ({}, 0)
    pdf_items = count - len(disagreeing) if doc.media_type == PDF and source and source.pages is not None else 0
    outcome_problem = source.problem if source else None
    disagreements = len(disagreeing)
    body = [_document_header(doc, outcome_problem, pdf_items, requested, regions, disagreements),
            _organisation_section(mentions, organisations, contexts, regions, doc.doc_id),
            _figure_section(figures, contexts, regions, doc.doc_id),
            _recommendation_section(recommendations, contexts, regions, doc.doc_id)]
    nav = [("Summary", f"../{INDEX_PAGE}"), ("Organisations", f"../{ORGANISATIONS_PAGE}")]
    path = report_dir / DOCUMENTS_DIR / f"{doc.doc_id}.html"
    path.unlink(missing_ok=True)  # it may be a hard link into a published version, which must stay as it was
    path.write_text(page(f"{doc.source} - review", "\n".join(body), nav), encoding="utf-8")
    images = sum(1 for r in regions.values() if r.path)
    return DocumentOutcome(doc.doc_id, count, images, max(0, pdf_items - requested), outcome_problem, disagreements,
                           read_seconds)


def _requests(doc, source: Source, own: dict[str, list], disagreeing: set[str]) -> list[RegionRequest]:
    """The items of a PDF to draw page images of, capped: recommendations first, then figures, then mentions;
    items whose span no longer matches the source get none (the offsets would point at other words)."""
    if doc.media_type != PDF or source.pages is None:
        return []
    requests = []
    for name, key in (("recommendations", "recommendation_id"), ("figures", "figure_id"), ("mentions", "mention_id")):
        for row in own[name]:
            if getattr(row, key) not in disagreeing:
                requests.append(RegionRequest(getattr(row, key), int(row.page), int(row.start), int(row.end)))
    return requests[:MAX_IMAGES_PER_DOCUMENT]


def _regions(doc, source: Source, own: dict[str, list], disagreeing: set[str], folder: Path,
             password: str | None, rendered: dict[str, tuple[RegionRequest, Region]],
             rendered_dir: Path | None) -> tuple[dict[str, Region], int]:
    """Page images for a PDF's items, in `folder`: those drawn ahead for exactly the same request are moved
    there, the others drawn now."""
    requests = _requests(doc, source, own, disagreeing)
    regions: dict[str, Region] = {}
    missing = []
    for request in requests:
        request_ahead, region = rendered.get(request.item_id, (None, None))
        if request_ahead != request or not _took(region, rendered_dir, folder):
            missing.append(request)
        else:
            regions[request.item_id] = region
    if missing:
        regions.update(render_regions(source.path, source.pages, missing, folder, password=password))
    return regions, len(requests)


def _took(region: Region, rendered_dir: Path | None, folder: Path) -> bool:
    """Move a region's image drawn ahead into `folder` (a region without one, only a problem, needs nothing)."""
    if region.path is None:
        return True
    if rendered_dir is None:
        return False
    folder.mkdir(parents=True, exist_ok=True)
    try:
        shutil.move(rendered_dir / region.path, folder / region.path)
    except OSError:
        return False
    return True


def _contexts(source: Source | None, own: dict[str, list]) -> tuple[dict[str, Context], set[str]]:
    """Context for every item, and the ids of items whose spans no longer hold their text in the source's text."""
    text = source.text if source is not None else None
    contexts: dict[str, Context] = {}
    disagreeing: set[str] = set()
    for name, key in (("mentions", "mention_id"), ("recommendations", "recommendation_id")):
        for row in own[name]:
            item_id = getattr(row, key)
            if text is None:
                contexts[item_id] = Context("", row.text, "", False)
                continue
            contexts[item_id] = span_context(text, int(row.norm_start), int(row.norm_end), row.text)
            if not contexts[item_id].agrees:
                disagreeing.add(item_id)
    for row in own["figures"]:
        contexts[row.figure_id] = sentence_context(text_of(row.sentence), row.text)
        if text is not None and not span_agrees(text[int(row.norm_start):int(row.norm_end)], row.text):
            disagreeing.add(row.figure_id)
    return contexts, disagreeing


def _document_header(doc, problem: str | None, pdf_items: int, requested: int, regions: dict[str, Region],
                     disagreements: int) -> str:
    # Every column of the document's row (whatever the schema holds), the repair counts summed up in one line.
    facts = [(name, getattr(doc, name)) for name in doc._fields
             if name not in ("source", "error") and not name.startswith("repairs_")]
    repairs = ", ".join(f"{name.removeprefix('repairs_').replace('_', ' ')} {getattr(doc, name)}"
                        for name in doc._fields if name.startswith("repairs_") and getattr(doc, name))
    rows = "".join(f"<tr><th>{esc(k.replace('_', ' '))}</th>{cell(v)}</tr>" for k, v in facts)
    rows += f"<tr><th>text repairs</th>{cell(repairs or 'none')}</tr>"
    if text_of(doc.error):
        rows += f'<tr><th>error</th><td class="warn">{esc(doc.error)}</td></tr>'
    notes = []
    if problem:
        notes.append(f'<p class="warn">Context could not be recovered: {esc(problem)}. Items are listed without '
                     "their surrounding text (figures keep their published sentence).</p>")
    if disagreements:
        notes.append(f'<p class="warn">{disagreements} item(s) whose recorded span in the re-read text does not '
                     "hold the published text: the readers have changed since extraction. They are listed without "
                     "context or page image.</p>")
    if pdf_items:
        failed = sum(1 for r in regions.values() if r.problem)
        note = f"Page images: {requested - failed} of {pdf_items} item(s)"
        if pdf_items > requested:
            note += (f"; images are capped at {MAX_IMAGES_PER_DOCUMENT} per document (recommendations first, then "
                     "figures, then mentions), so the rest are listed without one")
        if failed:
            note += f"; {failed} item(s) could not be located on their page (the reason is shown beside each)"
        notes.append(f'<p class="note">{esc(note)}.</p>')
    return (f'<h1 id="{esc(doc.doc_id)}">{esc(doc.source)}</h1><table class="facts">{rows}</table>'
            + "".join(notes))


def _highlighted(context: Context) -> str:
    note = f'<div class="warn">{esc(context.note)}</div>' if context.note else ""
    return f"{esc(context.before)}<mark>{esc(context.item)}</mark>{esc(context.after)}{note}"


def _image(region: Region | None, doc_id: str, page_number: int) -> str:
    if region is None:
        return ""
    if region.path:
        return (f'<img class="region" loading="lazy" src="{esc(doc_id)}/{esc(region.path)}" '
                f'alt="Page {page_number} of the PDF around the item">')
    return f'<div class="note">no page image: {esc(region.problem)}</div>'


def _where(row) -> str:
    section = f'<div class="muted">{esc(row.section)}</div>' if text_of(row.section) else ""
    return f"{section}<div class=\"id\">rule {esc(row.rule)}</div>"


def _organisation_section(mentions: list, organisations: dict, contexts: dict[str, Context],
                          regions: dict[str, Region], doc_id: str) -> str:
    """`mentions`: the document's mention rows in text order."""
    if not mentions:
        return "<h2>Organisations</h2><p class=\"note\">No organisation mentions.</p>"
    by_org: dict[str, list] = defaultdict(list)
    for row in mentions:
        by_org[row.org_id].append(row)
    summary = []
    for org_id, group in by_org.items():
        org = organisations.get(org_id)
        pages = sorted(set(int(row.page) for row in group))
        summary.append((-len(group), text_of(org.name if org else org_id), org_id, org, pages, len(group)))
    summary.sort()
    org_rows = [f'<tr id="{esc(org_id)}"><td><a href="../{ORGANISATIONS_PAGE}#{esc(org_id)}">'
                f'{esc(org.name if org else org_id)}</a></td>{cell(org.acronym if org else "")}'
                f'{cell(org.type if org else "")}{cell(n, numeric=True)}{cell(", ".join(map(str, pages)))}</tr>'
                for _, _, org_id, org, pages, n in summary]
    mention_rows = []
    for row in mentions:
        org = organisations.get(row.org_id)
        context = contexts[row.mention_id]
        mention_rows.append(
            f'<tr id="{esc(row.mention_id)}"><td>{int(row.page)}<div class="id">{esc(row.mention_id)}</div></td>'
            f'<td><a href="#{esc(row.org_id)}">{esc(org.name if org else row.org_id)}</a>'
            f'<div class="muted">{esc(row.org_type)}{" · " + esc(row.acronym) if text_of(row.acronym) else ""}'
            f'</div></td><td class="ctx">{_highlighted(context)}{_image(regions.get(row.mention_id), doc_id, row.page)}'
            f"</td><td>{_where(row)}</td></tr>")
    return (f"<h2>Organisations ({len(summary)} organisations, {len(mentions)} mentions)</h2>"
            + table(f"orgs-{doc_id}", ["organisation", "acronym", "type", "mentions", "pages"], org_rows,
                    numeric=["mentions"], filterable=True)
            + "<h3>Mentions</h3>"
            + table(f"mentions-{doc_id}", ["page", "organisation", "mention in context", "section / rule"],
                    mention_rows, filterable=True))


def _figure_section(figures: list, contexts: dict[str, Context], regions: dict[str, Region],
                    doc_id: str) -> str:
    if not figures:
        return "<h2>Figures</h2><p class=\"note\">No figures.</p>"
    rows = []
    for row in figures:
        value = text_of(row.value) + (f" – {text_of(row.value_max)}" if text_of(row.value_max) else "")
        rows.append(
            f'<tr id="{esc(row.figure_id)}"><td>{int(row.page)}<div class="id">{esc(row.figure_id)}</div></td>'
            f'{cell(row.text)}<td class="num">{esc(value)}</td>{cell(row.unit)}{cell(row.counted)}'
            f'{cell(row.qualifier)}<td class="ctx">{_highlighted(contexts[row.figure_id])}'
            f"{_image(regions.get(row.figure_id), doc_id, row.page)}</td><td>{_where(row)}</td></tr>")
    return (f"<h2>Figures ({len(figures)})</h2>"
            + table(f"figures-{doc_id}", ["page", "as printed", "value", "unit", "counts", "qualifier",
                                          "sentence", "section / rule"], rows, numeric=["value"], filterable=True))


def _recommendation_section(recommendations: list, contexts: dict[str, Context],
                            regions: dict[str, Region], doc_id: str) -> str:
    if not recommendations:
        return "<h2>Recommendations</h2><p class=\"note\">No recommendations.</p>"
    rows = []
    for row in recommendations:
        duplicate = (f'<div class="muted">restates <a href="#{esc(row.duplicate_of)}">{esc(row.duplicate_of)}</a>'
                     "</div>" if text_of(row.duplicate_of) else "")
        if text_of(row.restated_at):
            duplicate += f'<div class="muted">restated at {esc(row.restated_at)}</div>'
        rows.append(
            f'<tr id="{esc(row.recommendation_id)}"><td>{int(row.page)}'
            f'<div class="id">{esc(row.recommendation_id)}</div></td>{cell(row.audience)}{cell(row.kind)}'
            f'<td class="ctx">{_highlighted(contexts[row.recommendation_id])}{duplicate}'
            f"{_image(regions.get(row.recommendation_id), doc_id, row.page)}</td><td>{_where(row)}</td></tr>")
    return (f"<h2>Recommendations ({len(recommendations)})</h2>"
            + table(f"recommendations-{doc_id}", ["page", "audience", "kind", "recommendation in context",
                                                  "section / rule"], rows, filterable=True))
