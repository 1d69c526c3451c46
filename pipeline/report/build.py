"""The review report: a run summary, a page per document and an organisations page, as static HTML.

Layout of report_dir:
    index.html                      run summary, charts, changes since the previous version, documents
    organisations.html              every organisation with its aliases and documents, and the merge decisions
    documents/<doc_id>.html         one page per document: its organisations, figures and recommendations
    documents/<doc_id>/<id>.png     for PDFs, the page region around each item (capped per document)
    documents/pages.json            per document page: a key of everything it shows, and what the summary says of it
    validation_failures.html        only when the tables given do not pass their pandera models

A document page whose key is unchanged since an earlier report (same content, items, organisation names, report
code) is hard-linked from it with its images instead of being written again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import multiprocessing
import os
import shutil
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import Future, as_completed
from dataclasses import asdict, replace
from pathlib import Path

import pandas as pd

from pipeline.incremental import load_manifest
from pipeline.read.passwords import load_passwords
from pipeline.records import DocumentResult
from pipeline.report.changes import VersionChanges, compare_versions
from pipeline.report.charts import bar_chart, heatmap
from pipeline.report.context import source_problem
from pipeline.report.failures import write_failure_report
from pipeline.report.html import cell, esc, page, table, text_of
import pipeline.report.pages as document_pages
from pipeline.report.pages import (DOCUMENTS_DIR, INDEX_PAGE, ORGANISATIONS_PAGE, PDF, DocumentOutcome, RegionJob,
                                   _lower_priority, _PageJob, _ready, _row_type, _write_job, render_ahead)
from pipeline.resolve import BARE_ACRONYM_RULE
from pipeline.schemas import TABLES
from pipeline.tables import figure_id, mention_id, recommendation_id
from pipeline.validate import ValidationFailed, validate_tables

log = logging.getLogger(__name__)

TOP_ORGANISATIONS = 20
HEATMAP_DOCUMENTS = 20  # the documents with most figures; the rest are summed into one row
HEATMAP_UNITS = 12  # the commonest units; the rest are summed into one column
OTHER = "(all others)"

FAILURES_PAGE = "validation_failures.html"
PAGE_KEYS = "pages.json"  # in DOCUMENTS_DIR
# A document with at least this many items has its page images drawn ahead by all the page writers, each taking
# every n-th of its pages: one long report's images would otherwise keep one writer busy and the others idle.
SPLIT_REGIONS_MIN_ITEMS = 40
REVALIDATION_NOTE = ("These cases come from checking the published tables again, against the pandera models of the "
                     "pipeline that wrote this report: a version published by an earlier pipeline may fail models "
                     "that have changed since.")


def write_report(tables: dict[str, pd.DataFrame], report_dir: Path, src_dir: Path,
                 previous: dict[str, pd.DataFrame] | None = None, out_dir: Path | None = None,
                 earlier: Path | None = None, workers: int | None = None, validated: bool = False,
                 writers: PageWriters | None = None) -> Path:
    """Write the review report for published tables into report_dir; return the path of its index.html.
    `out_dir`: where the run keeps its state, whose kept texts spare reading the sources again; `earlier`: a
    report written before (report_dir itself, or the previous version's), whose unchanged pages are reused;
    `workers`: processes writing document pages (default: one per core; 1 writes them in this process);
    `validated`: the caller has just validated these very tables (else the report checks them itself);
    `writers`: page-writing processes the caller started ahead (then `workers` is not used), with any page
    images they were given to draw ahead (PageWriters.render_ahead), which the pages take."""
    report_dir, src_dir = Path(report_dir), Path(src_dir)
    (report_dir / DOCUMENTS_DIR).mkdir(parents=True, exist_ok=True)
    documents = tables["documents"].sort_values("source", kind="mergesort")
    org_columns, org_rows = _rows_by_key(tables["organisations"], "org_id")
    org = _row_type("Organisation", org_columns)
    names = {org_id: (row.name, row.acronym, row.type) for org_id, row in
             ((org_id, org(*values)) for org_id, values in org_rows.items())}
    passwords = load_passwords(src_dir)  # encrypted PDFs are re-read with the password the run used
    rows = {name: _rows_by_document(tables[name]) for name in ("mentions", "figures", "recommendations")}
    columns = {name: tuple(table_columns) for name, (table_columns, _) in rows.items()}
    reusable = page_keys(earlier) if earlier is not None else {}
    # What the run knows of each source (size, time, sha256) spares hashing unchanged files again.
    manifest = load_manifest(out_dir) if out_dir is not None else {}
    keys: dict[str, dict] = {}
    by_doc: dict[str, DocumentOutcome] = {}
    to_write: list[tuple] = []  # (number, doc, own) of the pages that cannot be reused
    document_type = _row_type("Document", tuple(documents.columns))
    for number, values in enumerate(_plain_rows(documents), start=1):
        doc = document_type(*values)
        own = {name: by_doc.get(doc.doc_id, []) for name, (_, by_doc) in rows.items()}
        keys[doc.doc_id] = {"key": _page_key(doc, rows, names)}
        outcome = _reuse_page(doc, keys[doc.doc_id]["key"], reusable.get(doc.doc_id), own, src_dir, earlier,
                              report_dir, manifest.get(doc.source))
        if outcome is None:
            to_write.append((number, doc, own))
        else:
            by_doc[doc.doc_id] = outcome
            log.debug("report [%d/%d] %s: unchanged, page reused", number, len(documents), doc.source)
    org_at = columns["mentions"].index("org_id")

    def job(doc, own: dict[str, list], rendered: dict | None = None, rendered_dir: Path | None = None) -> _PageJob:
        return _PageJob(doc._asdict(), own, columns, org_columns,
                        {o: org_rows[o] for o in {row[org_at] for row in own["mentions"]} if o in org_rows},
                        passwords.lookup(doc.source), manifest.get(doc.source), src_dir, report_dir, out_dir,
                        rendered or {}, rendered_dir)

    ahead = writers.ahead if writers is not None else None
    organisations = functools.partial(_write_organisations, tables, report_dir)
    if writers is not None and len(to_write) > 1:
        # The organisations page needs no page's outcome: this process writes it while the writers work.
        written = writers.write([(doc.doc_id, functools.partial(job, doc, own)) for _, doc, own in to_write],
                                meanwhile=organisations)
        organisations = None
    else:
        jobs = [job(doc, own, *(ahead.take(doc.doc_id) if ahead is not None else ())) for _, doc, own in to_write]
        pool_size = writer_count(workers, len(jobs))
        if pool_size > 1:
            with PageWriters(pool_size) as own_writers:
                written = own_writers.map(jobs)
        else:
            written = [_write_job(job) for job in jobs]
    for (number, doc, _), (outcome, seconds) in zip(to_write, written):
        by_doc[doc.doc_id] = outcome
        log.info("report [%d/%d] %s: %d items, %d images (%.1fs, of which reading the source again %.1fs)",
                 number, len(documents), doc.source, outcome.items, outcome.images, seconds, outcome.read_seconds)
    for doc_id, outcome in by_doc.items():
        keys[doc_id].update({**asdict(outcome), "read_seconds": 0.0})
    outcomes = [by_doc[doc_id] for doc_id in documents["doc_id"]]
    if organisations is not None:
        organisations()
    _remove_stale(report_dir, set(documents["doc_id"]))
    (report_dir / DOCUMENTS_DIR / PAGE_KEYS).write_text(json.dumps(keys, sort_keys=True), encoding="utf-8")
    failures = _no_failures() if validated else _revalidate(tables, report_dir)
    changes = compare_versions(previous, tables) if previous is not None else None
    index = report_dir / INDEX_PAGE
    index.write_text(_index_page(tables, documents, outcomes, failures, changes), encoding="utf-8")
    return index


# -- writing document pages, here or in worker processes ----------------------------------------------------

def writer_count(workers: int | None, pages: int) -> int:
    """How many processes should write `pages` document pages: one per worker (default one per core), no more
    than pages; 1 (in this process) in a daemonic process, which may not have children."""
    if multiprocessing.current_process().daemon:
        return 1
    return max(1, min(workers or os.cpu_count() or 1, pages))


class PageWriters:
    """Processes writing document pages (independent of each other; rendering a page's images is most of their
    cost), forked from the run's warm forkserver. Started before the report is due, they load the page code
    (pipeline.report.pages: a twentieth of a second, no pandas) while the run builds, validates and writes its
    tables, at a lower scheduling priority (WRITER_NICENESS), so they take only the CPU the run leaves idle; and
    meanwhile they can draw the page images of the documents the run has just extracted (render_ahead)."""

    def __init__(self, workers: int):
        from concurrent.futures import ProcessPoolExecutor

        from pipeline.workers import forkserver_context

        self.workers = workers
        self.ahead: RegionsAhead | None = None
        self._pool = ProcessPoolExecutor(workers, mp_context=forkserver_context(), initializer=_lower_priority)
        for _ in range(workers):  # processes start on demand: ask for all of them now
            self._pool.submit(_ready)

    def render_ahead(self, jobs: list[RegionJob], folder: Path) -> None:
        """Start drawing these documents' page images into `folder`, for write() or write_report to take; a
        document with many items is shared among the writers, page by page."""
        futures: dict[str, list[Future]] = defaultdict(list)
        self.ahead = RegionsAhead(folder, futures)
        for job in jobs:
            items = sum(len(values) for values in job.items.values())
            parts = self.workers if items >= SPLIT_REGIONS_MIN_ITEMS else 1
            for part in range(parts):
                futures[job.document["doc_id"]].append(self._pool.submit(render_ahead, replace(job, part=part,
                                                                                              parts=parts)))

    def map(self, jobs: list[_PageJob]) -> list[tuple[DocumentOutcome, float]]:
        """Write these pages; outcomes in job order."""
        return list(self._pool.map(_write_job, jobs, chunksize=max(1, len(jobs) // (self.workers * 4))))

    def write(self, pages: list[tuple[str, Callable[..., _PageJob]]],
              meanwhile: Callable[[], object] | None = None) -> list[tuple[DocumentOutcome, float]]:
        """Write the pages of (doc_id, job maker) pairs; outcomes in the order given. A page whose images are
        being drawn ahead is handed out once they are done, with them; the others at once. `meanwhile` is called
        once they are handed out, while the writers work."""
        ahead = self.ahead if self.ahead is not None else RegionsAhead(None, {})
        futures: dict[int, Future] = {}
        waiting: dict[Future, int] = {}
        for index, (doc_id, make_job) in enumerate(pages):
            drawing = ahead.pending(doc_id)
            if not drawing:
                futures[index] = self._pool.submit(_write_job, make_job())
            waiting.update((future, index) for future in drawing)
        if meanwhile is not None:
            meanwhile()
        for drawn in as_completed(waiting):
            index = waiting[drawn]
            doc_id, make_job = pages[index]
            if index not in futures and all(future.done() for future in ahead.pending(doc_id)):
                futures[index] = self._pool.submit(_write_job, make_job(*ahead.take(doc_id)))
        return [futures[index].result() for index in range(len(pages))]

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)
        if self.ahead is not None:
            self.ahead.close()

    def __enter__(self) -> PageWriters:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class RegionsAhead:
    """Page images being drawn ahead (PageWriters.render_ahead): per document, the future of its regions and
    the folder they are drawn into (under `folder`, removed by close())."""

    def __init__(self, folder: Path | None, futures: dict[str, list[Future]]):
        self.folder = folder
        self._futures = futures

    def pending(self, doc_id: str) -> list[Future]:
        return self._futures.get(doc_id, [])

    def take(self, doc_id: str) -> tuple[dict, Path | None]:
        """A document's regions drawn ahead and their folder, once drawn (waits); none if it was not given, or
        drawing failed (its page then draws them)."""
        futures = self._futures.pop(doc_id, [])
        if not futures or self.folder is None:
            return {}, None
        regions: dict = {}
        for future in futures:
            try:
                regions.update(future.result())
            except Exception as exc:  # that part's items are drawn with the page
                log.warning("page images drawn ahead for %s failed (%s: %s); its page draws them", doc_id,
                            type(exc).__name__, exc)
        return regions, self.folder / doc_id

    def close(self) -> None:
        for futures in self._futures.values():
            for future in futures:
                future.cancel()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


def region_jobs(results: list[DocumentResult], src_dir: Path, out_dir: Path | None, manifest: dict[str, dict],
                folder: Path) -> list[RegionJob]:
    """What drawing ahead the page images of just-extracted PDFs takes: their items as the tables will hold
    them, with the ids the tables will give them. A bare acronym becomes an organisation only if a document or
    the gazetteer defines it, which resolution decides later: unless the gazetteer knows it or its own document
    defines it ("Household Energy Trust (HET)"), its image is left to the page (most such mentions are dropped,
    and would be drawn for nothing)."""
    passwords = load_passwords(src_dir)
    shared = ("page", "start", "end", "norm_start", "norm_end", "text")
    columns = {"mentions": ("mention_id", *shared), "figures": ("figure_id", *shared, "sentence"),
               "recommendations": ("recommendation_id", *shared)}

    def values(item_id: str, item, *extra) -> list:
        p = item.prov
        return [item_id, p.page, p.start, p.end, p.norm_start, p.norm_end, item.text, *extra]

    jobs, seen = [], set()
    for result in results:
        if result.media_type != PDF or result.doc_id in seen or not (
                result.mentions or result.figures or result.recommendations):
            continue
        seen.add(result.doc_id)
        defined = {m.acronym for m in result.mentions if m.acronym}
        items = {"mentions": [values(mention_id(m), m) for m in result.mentions
                              if m.prov.rule != BARE_ACRONYM_RULE or m.known_id or m.text in defined],
                 "figures": [values(figure_id(f), f, f.sentence) for f in result.figures],
                 "recommendations": [values(recommendation_id(r), r) for r in result.recommendations]}
        document = {"doc_id": result.doc_id, "source": result.source, "sha256": result.sha256,
                    "media_type": result.media_type}
        jobs.append(RegionJob(document, items, columns, passwords.lookup(result.source),
                              manifest.get(result.source), Path(src_dir), out_dir, folder / result.doc_id))
    return jobs


def _rows_by_key(frame: pd.DataFrame, key: str) -> tuple[tuple[str, ...], dict[str, list]]:
    """A table's columns and its rows as plain lists, by the value of a unique column."""
    at = list(frame.columns).index(key)
    return tuple(frame.columns), {row[at]: row for row in _plain_rows(frame)}


def _plain_rows(frame: pd.DataFrame) -> list[list]:
    """A table's rows as lists of plain values, pandas' missing values (NA, NaT, NaN) as None: page jobs carry
    them to page-writing processes, which must not have to load pandas to read them."""
    return [[None if _missing(value) else value for value in row] for row in frame.to_numpy(dtype=object).tolist()]


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)


# -- reusing the unchanged pages of an earlier report -----------------------------------------------------

@functools.cache
def _code_key() -> str:
    """The report's own code: a page written by other code (layout, crops, context rules) is never reused."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _rows_by_document(frame: pd.DataFrame) -> tuple[list[str], dict[str, list[list]]]:
    """A table's columns and each document's rows as plain lists (one conversion per table, not per document)."""
    rows: dict[str, list[list]] = defaultdict(list)
    at = list(frame.columns).index("doc_id")
    for row in _plain_rows(frame):
        rows[row[at]].append(row)
    return list(frame.columns), rows


def _page_key(doc, rows: dict[str, tuple[list[str], dict[str, list[list]]]], names: dict[str, tuple]) -> str:
    """A digest of everything a document's page shows: its documents row, its items and the names of their
    organisations, with the report's code and image cap."""
    columns, mentions = rows["mentions"]
    org_at = columns.index("org_id")
    org_ids = sorted({row[org_at] for row in mentions.get(doc.doc_id, ())})
    parts = [_code_key(), document_pages.MAX_IMAGES_PER_DOCUMENT, doc._fields, tuple(doc),
             [names.get(o) for o in org_ids]]
    parts += [(columns, by_doc.get(doc.doc_id, [])) for columns, by_doc in rows.values()]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def page_keys(report_dir: Path) -> dict[str, dict]:
    """The page keys an earlier report recorded; none if it has no record (an older report) or it is damaged."""
    try:
        keys = json.loads((Path(report_dir) / DOCUMENTS_DIR / PAGE_KEYS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return keys if isinstance(keys, dict) else {}


def _reuse_page(doc, key: str, entry: dict | None, own: dict[str, list], src_dir: Path,
                earlier: Path | None, report_dir: Path, known: dict | None = None) -> DocumentOutcome | None:
    """The earlier report's page and images of this document, when everything they show is unchanged and its
    source still holds the same bytes; hard-linked (versions are immutable), copied where links fail. None when
    the page must be written."""
    if earlier is None or entry is None or entry.get("key") != key or entry.get("problem") or entry.get("disagreements"):
        return None
    if any(own.values()) and source_problem(src_dir, doc.source, doc.sha256, known):
        return None  # written again, so the page says what is wrong with the source
    page_path = Path(earlier) / DOCUMENTS_DIR / f"{doc.doc_id}.html"
    images = Path(earlier) / DOCUMENTS_DIR / doc.doc_id
    found = sorted(images.glob("*.png")) if images.is_dir() else []
    if not page_path.is_file() or len(found) != entry.get("images"):
        return None
    try:
        outcome = DocumentOutcome(**{name: entry[name] for name in DocumentOutcome.__dataclass_fields__})
    except (KeyError, TypeError):
        return None
    target = report_dir / DOCUMENTS_DIR
    if target.resolve() != page_path.parent.resolve():
        shutil.rmtree(target / doc.doc_id, ignore_errors=True)
        if found:
            (target / doc.doc_id).mkdir()
        for path in found:
            _link(path, target / doc.doc_id / path.name)
        _link(page_path, target / page_path.name)
    return outcome


def _link(source: Path, target: Path) -> None:
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:  # another file system, or one without hard links
        shutil.copyfile(source, target)


def _remove_stale(report_dir: Path, doc_ids: set[str]) -> None:
    """A report written again into the same folder keeps no page or image of a document no longer published."""
    for path in (report_dir / DOCUMENTS_DIR).glob("doc_*"):
        if path.name.removesuffix(".html") not in doc_ids:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
    (report_dir / FAILURES_PAGE).unlink(missing_ok=True)  # written again below if the tables still fail


def _no_failures() -> pd.DataFrame:
    return pd.DataFrame(columns=["table", "column", "check", "failure_case", "index"])


def _revalidate(tables: dict[str, pd.DataFrame], report_dir: Path) -> pd.DataFrame:
    """Check the tables against their models again, so the summary states what holds for these very tables."""
    try:
        validate_tables(tables)
    except ValidationFailed as exc:
        # Only the tables given are reported on; one the caller did not pass is not a failure of the data.
        absent = {spec.name for spec in TABLES if spec.name not in tables}
        failures = exc.failures[~exc.failures["table"].isin(absent)]
        if len(failures):
            write_failure_report(failures, report_dir / FAILURES_PAGE, REVALIDATION_NOTE)
            return failures.reset_index(drop=True)
    return _no_failures()


# -- organisations ----------------------------------------------------------------------------------------

def _write_organisations(tables: dict[str, pd.DataFrame], report_dir: Path) -> None:
    mentions, documents = tables["mentions"], tables["documents"]
    sources = dict(zip(documents["doc_id"], documents["source"]))
    docs_of = mentions.groupby("org_id")["doc_id"].unique().to_dict() if len(mentions) else {}
    organisations = tables["organisations"].sort_values(["document_count", "mention_count", "name"],
                                                        ascending=[False, False, True], kind="mergesort")
    rows = []
    for org in organisations.itertuples(index=False):
        links = ", ".join(f'<a href="{DOCUMENTS_DIR}/{esc(d)}.html#{esc(org.org_id)}">{esc(sources.get(d, d))}</a>'
                          for d in sorted(docs_of.get(org.org_id, []), key=lambda d: sources.get(d, d)))
        rows.append(f'<tr id="{esc(org.org_id)}">{cell(org.name)}{cell(org.acronym)}{cell(org.type)}'
                    f'{cell(org.aliases)}{cell(org.mention_count, numeric=True)}'
                    f'{cell(org.document_count, numeric=True)}<td>{links}</td></tr>')
    links = tables["organisation_links"]
    link_rows = [f"<tr>{cell(r.left)}{cell(r.right)}{cell(r.score, numeric=True)}{cell(r.reason)}</tr>"
                 for r in links.itertuples(index=False)]
    body = (f"<h1>Organisations ({len(organisations)})</h1><p class=\"note\">One row per organisation after "
            "resolution across all documents; aliases are the other spellings merged into it.</p>"
            + table("organisations", ["name", "acronym", "type", "aliases", "mentions", "documents", "found in"],
                    rows, numeric=["mentions", "documents"], filterable=True)
            + f"<h2>Merge decisions ({len(links)})</h2>"
            + (table("links", ["left", "right", "score", "reason"], link_rows, numeric=["score"], filterable=True)
               if link_rows else "<p class=\"note\">No names were merged by a rule beyond their exact key.</p>"))
    (report_dir / ORGANISATIONS_PAGE).write_text(
        page("Organisations - review", body, [("Summary", INDEX_PAGE), ("Organisations", ORGANISATIONS_PAGE)]),
        encoding="utf-8")


# -- the summary page -------------------------------------------------------------------------------------

def _index_page(tables: dict[str, pd.DataFrame], documents: pd.DataFrame, outcomes: list[DocumentOutcome],
                failures: pd.DataFrame, changes: VersionChanges | None) -> str:
    statuses = Counter(documents["status"])
    versions = ", ".join(sorted(set(documents["pipeline_version"]))) or "none"
    cards = "".join(f'<div class="card"><b>{len(frame):,}</b>{esc(name)}</div>' for name, frame in tables.items())
    body = [f"<h1>Review report</h1><p class=\"note\">{len(documents)} document(s) read with pipeline "
            f"{esc(versions)}. Every extracted item is listed on its document's page with its page number and the "
            "text around it, highlighted; for PDFs, with an image of the page region it came from.</p>",
            f'<h2>Counts per table</h2><div class="cards">{cards}</div>',
            "<h2>Documents by status</h2>",
            bar_chart("Documents by status", sorted(statuses.items(), key=lambda kv: (-kv[1], kv[0]))),
            _validation_section(failures),
            _changes_section(changes),
            _review_notes(outcomes),
            "<h2>Charts</h2>",
            f'<div class="charts">{_charts(tables, documents)}</div>',
            _documents_section(documents, outcomes)]
    return page("Review report", "\n".join(body), [("Summary", INDEX_PAGE), ("Organisations", ORGANISATIONS_PAGE)])


def _validation_section(failures: pd.DataFrame) -> str:
    if failures.empty:
        return ("<h2>Validation</h2><p><span class=\"ok\">All tables pass.</span> Every table given was checked "
                "against its pandera model, and every foreign key resolved, when this report was written: 0 "
                "failure cases.</p>")
    by_table = Counter(failures["table"].astype(str))
    listing = ", ".join(f"{t}: {n}" for t, n in sorted(by_table.items()))
    return (f"<h2>Validation</h2><p><span class=\"bad\">{len(failures)} failure case(s)</span> ({esc(listing)}). "
            f'Every case is listed in <a href="{FAILURES_PAGE}">{FAILURES_PAGE}</a>. {esc(REVALIDATION_NOTE)}</p>')


def _changes_section(changes: VersionChanges | None) -> str:
    if changes is None:
        return "<h2>Changes since the previous version</h2><p class=\"note\">No previous version to compare with.</p>"
    rows = [f"<tr>{cell(c.table)}{cell(c.before, numeric=True)}{cell(c.after, numeric=True)}"
            f"{cell(f'+{c.added}' if c.added else 0, numeric=True)}{cell(f'-{c.removed}' if c.removed else 0, numeric=True)}"
            f"{cell(c.changed, numeric=True)}</tr>" for c in changes.tables]
    d = changes.documents
    lists = [("added", d.added), ("removed", d.removed), ("changed (same source, new content)", d.changed),
             ("moved (same content, new source)", [f"{a} → {b}" for a, b in d.moved])]
    details = "".join(f"<details><summary>{len(names)} document(s) {esc(label)}</summary><ul>"
                      + "".join(f"<li>{esc(n)}</li>" for n in names) + "</ul></details>"
                      for label, names in lists if names)
    return ("<h2>Changes since the previous version</h2><p class=\"note\">Rows are matched by primary key (ids "
            "derive from content, so an edited item counts as one removed and one added); documents by sha256, "
            f"then by source path. {d.unchanged} document(s) unchanged.</p>"
            + table("changes", ["table", "before", "after", "added", "removed", "changed"], rows,
                    numeric=["before", "after", "added", "removed", "changed"]) + details)


def _review_notes(outcomes: list[DocumentOutcome]) -> str:
    notes = []
    missing = [o for o in outcomes if o.problem]
    if missing:
        notes.append(f"{len(missing)} document(s) could not be re-read for context: "
                     + "; ".join(o.problem for o in missing[:10]) + ("; …" if len(missing) > 10 else ""))
    capped = [o for o in outcomes if o.without_image]
    if capped:
        notes.append(f"Page images are capped at {document_pages.MAX_IMAGES_PER_DOCUMENT} per document; "
                     f"{sum(o.without_image for o in capped)} item(s) in {len(capped)} document(s) have none.")
    disagreeing = sum(o.disagreements for o in outcomes)
    if disagreeing:
        notes.append(f"{disagreeing} item(s) whose recorded span does not hold their text in the re-read source.")
    images = sum(o.images for o in outcomes)
    notes.append(f"{images} page-region image(s) rendered.")
    return "<h2>Review notes</h2><ul>" + "".join(f"<li>{esc(n)}</li>" for n in notes) + "</ul>"


def _charts(tables: dict[str, pd.DataFrame], documents: pd.DataFrame) -> str:
    figures, organisations = tables["figures"], tables["organisations"]
    sources = dict(zip(documents["doc_id"], documents["source"]))
    charts = []
    if len(figures):
        per_doc = figures["doc_id"].map(sources).fillna("?")
        top_docs = per_doc.value_counts().index[:HEATMAP_DOCUMENTS].tolist()
        top_units = figures["unit"].value_counts().index[:HEATMAP_UNITS].tolist()
        rows = per_doc.where(per_doc.isin(top_docs), OTHER)
        columns = figures["unit"].where(figures["unit"].isin(top_units), OTHER)
        counts = Counter(zip(rows, columns))
        row_labels = top_docs + ([OTHER] if (rows == OTHER).any() else [])
        column_labels = top_units + ([OTHER] if (columns == OTHER).any() else [])
        charts.append(("Figures by unit and document", heatmap("Figures by unit and document", row_labels,
                                                               column_labels, dict(counts))))
    by_type = organisations["type"].value_counts()
    charts.append(("Organisations by type", bar_chart("Organisations by type", list(by_type.items()))))
    top = organisations.sort_values(["document_count", "mention_count", "name"], ascending=[False, False, True],
                                    kind="mergesort").head(TOP_ORGANISATIONS)
    charts.append((f"Top {TOP_ORGANISATIONS} organisations by document count",
                   bar_chart("Organisations by document count",
                             [(text_of(r.name), int(r.document_count)) for r in top.itertuples(index=False)],
                             unit="documents")))
    return "".join(f'<figure class="chart"><h3>{esc(title)}</h3>{svg}</figure>' for title, svg in charts)


def _documents_section(documents: pd.DataFrame, outcomes: list[DocumentOutcome]) -> str:
    by_id = {o.doc_id: o for o in outcomes}
    rows = []
    for doc in documents.itertuples(index=False):
        outcome = by_id[doc.doc_id]
        status_class = "ok" if doc.status == "ok" else "bad"
        notes = text_of(doc.error) or (outcome.problem or "")
        rows.append(f'<tr id="{esc(doc.doc_id)}"><td><a href="{DOCUMENTS_DIR}/{esc(doc.doc_id)}.html">'
                    f'{esc(doc.source)}</a></td>{cell(doc.media_type)}{cell(doc.pages, numeric=True)}'
                    f'<td class="{status_class}">{esc(doc.status)}</td>{cell(doc.mention_count, numeric=True)}'
                    f'{cell(doc.figure_count, numeric=True)}{cell(doc.recommendation_count, numeric=True)}'
                    f'{cell(outcome.images, numeric=True)}<td class="warn">{esc(notes)}</td></tr>')
    return (f"<h2>Documents ({len(documents)})</h2>"
            + table("documents", ["source", "type", "pages", "status", "mentions", "figures", "recommendations",
                                  "images", "error / note"], rows,
                    numeric=["pages", "mentions", "figures", "recommendations", "images"], filterable=True))
