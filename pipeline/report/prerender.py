"""Page images rendered ahead: a PDF's region images made as soon as its extraction result arrives, so that on
several cores they are drawn while other documents are still being read and while the run resolves, validates
and publishes its tables (one core's work), instead of all at the end.

Ahead of the report, an item's final state is not known: resolution may drop a mention, and the report leaves
out items whose span no longer holds their text. So what is rendered ahead is only a cache: the report takes an
image from it when it asks for the very same item, page and span, and renders anything else itself. The ids and
the order (recommendations, then figures, then mentions, each in text order, capped per document) are those the
report uses, so for a freshly extracted document the cache holds everything the report will ask for.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.records import DocumentResult, item_id
from pipeline.report.context import load_source
from pipeline.report.regions import Region, RegionRequest, render_regions


@dataclass(frozen=True)
class Prerendered:
    """One document's images rendered ahead: each item's request and what became of it (a crop in `folder`, or
    why there is none)."""

    folder: Path
    regions: dict[str, tuple[RegionRequest, Region]]

    def take(self, request: RegionRequest) -> Region | None:
        """The region rendered ahead for exactly this request, or None."""
        found = self.regions.get(request.item_id)
        return found[1] if found is not None and found[0] == request else None


@dataclass(frozen=True)
class PrerenderJob:
    """What rendering one document's images ahead needs, as plain picklable data."""

    source: str
    sha256: str
    requests: tuple[RegionRequest, ...]
    password: str | None
    src_dir: Path
    out_dir: Path  # where the run keeps the document's texts
    folder: Path  # where the crops go


def image_requests(result: DocumentResult, cap: int) -> tuple[RegionRequest, ...]:
    """The region requests the report will make for a freshly extracted PDF, in its order, capped at `cap`: by
    kind (recommendations, figures, mentions), each in text order with ties broken by id, as the published tables
    and the report sort them."""
    requests: list[RegionRequest] = []
    for prefix, records in (("rec", result.recommendations), ("fig", result.figures), ("men", result.mentions)):
        keyed = sorted(((item_id(prefix, record.prov, record.text), record.prov) for record in records),
                       key=lambda pair: (pair[1].norm_start, pair[1].norm_end, pair[0]))
        requests.extend(RegionRequest(identifier, prov.page, prov.start, prov.end) for identifier, prov in keyed)
    return tuple(requests[:cap])


def render_ahead(job: PrerenderJob) -> Prerendered:
    """Render a document's region images into job.folder from the texts the run kept (in a page-writing
    process). A source that cannot stand behind its items gets nothing: the report then says why itself."""
    source = load_source(job.src_dir, job.source, job.sha256, job.password, job.out_dir)
    if source.problem or source.pages is None or source.read_again:
        return Prerendered(job.folder, {})
    regions = render_regions(source.path, source.pages, list(job.requests), job.folder, password=job.password)
    return Prerendered(job.folder, {r.item_id: (r, regions[r.item_id]) for r in job.requests if r.item_id in regions})
