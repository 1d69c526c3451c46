"""The published tables, each defined once as a pandera model. The datapackage and the data dictionary are
generated from these models; validation runs them lazily and reports every failure case."""

from __future__ import annotations

import sys
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from pipeline.read.errors import DOCUMENT_STATUSES


def _without_dask_typing() -> None:
    """pandera's first schema build imports its Dask typing module, which imports dask.dataframe whenever Dask is
    installed (it is, for the flows' Dask task runner): 0.4 s of every run and the memory of Dask's dataframe
    library, for nothing, since every table here is a pandas DataFrame. That module is imported here with
    dask.dataframe hidden, so it records Dask's typing as absent; dask.dataframe itself stays importable."""
    if "pandera.typing.dask" in sys.modules or "dask.dataframe" in sys.modules:
        return
    sys.modules["dask.dataframe"] = None  # type: ignore[assignment]  # `import dask.dataframe` raises ImportError
    try:
        import pandera.typing.dask  # noqa: F401
    finally:
        del sys.modules["dask.dataframe"]


_without_dask_typing()

ORG_TYPES = ("government", "international", "cso", "private", "academia", "network", "fund", "media", "other")
MEDIA_TYPES = ("application/pdf", "text/html", "text/plain", "unknown")
RECOMMENDATION_KINDS = ("bullet", "numbered", "prose")
QUALIFIERS = ("approx", "more_than", "at_least", "up_to", "less_than")
RUN_STATUSES = ("published", "failed")
LINK_REASONS = ("exact_key", "gazetteer", "acronym", "alias", "fuzzy", "override")


def _id(prefix: str) -> str:
    return rf"^{prefix}_[0-9a-f]{{12,16}}$"


class _Provenance(pa.DataFrameModel):
    """Columns every extracted record carries."""

    doc_id: Series[str] = pa.Field(str_matches=_id("doc"), description="Document the item was found in.")
    page: Series[int] = pa.Field(ge=1, description="Page number (1-based; text and HTML files are one page).")
    start: Series[int] = pa.Field(ge=0, description="Start character offset in the page text as read from the source.")
    end: Series[int] = pa.Field(ge=0, description="End character offset (exclusive) in the page text.")
    norm_start: Series[int] = pa.Field(ge=0, description="Start offset in the document's normalised text.")
    norm_end: Series[int] = pa.Field(ge=0, description="End offset in the document's normalised text.")
    section: Series[str] = pa.Field(nullable=True, description="Nearest heading above the item.")
    rule: Series[str] = pa.Field(description="Id of the extraction rule that produced the item.")

    @pa.dataframe_check(description="A span ends at or after its start.")
    def span_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["end"] >= df["start"]) & (df["norm_end"] >= df["norm_start"])


class Documents(pa.DataFrameModel):
    """One row per input file, whatever happened to it."""

    doc_id: Series[str] = pa.Field(unique=True, str_matches=_id("doc"),
                                   description="Content-derived id: 'doc_' + the first 16 hex digits of sha256.")
    source: Series[str] = pa.Field(unique=True, description="Path of the file relative to the source folder.")
    sha256: Series[str] = pa.Field(str_matches=r"^([0-9a-f]{64})?$", description="SHA-256 of the file's bytes.")
    media_type: Series[str] = pa.Field(isin=MEDIA_TYPES, description="Type detected from the content.")
    pages: Series[int] = pa.Field(ge=0, description="Number of pages read.")
    pages_failed: Series[int] = pa.Field(ge=0, description="Pages whose text is lost: they could not be parsed, or the "
                                                            "file's damaged page tree lost them (status partial).")
    pages_without_text: Series[int] = pa.Field(ge=0, description="Pages that are images without a text layer "
                                                                  "(scans), after any OCR.")
    pages_garbled: Series[int] = pa.Field(ge=0, description="Pages whose text layer is not readable text (a bad OCR "
                                                             "layer, fonts without a Unicode map), after any OCR.")
    pages_ocr: Series[int] = pa.Field(ge=0, description="Pages whose text was read by OCR (tesseract, when installed).")
    encrypted: Series[bool] = pa.Field(description="The file is password-protected (opened with the empty password "
                                                   "or one from passwords.yml, else status encrypted).")
    status: Series[str] = pa.Field(isin=DOCUMENT_STATUSES, description="Outcome of reading and extraction.")
    error: Series[str] = pa.Field(nullable=True, description="What went wrong, naming the file and cause.")
    chars: Series[int] = pa.Field(ge=0, description="Characters of normalised text.")
    repairs_ligatures: Series[int] = pa.Field(ge=0, description="Words whose lost fi/fl/ff ligatures were restored.")
    repairs_hyphenation: Series[int] = pa.Field(ge=0, description="Words rejoined across a line-end hyphen.")
    repairs_letter_spacing: Series[int] = pa.Field(ge=0, description="Letter-spaced words rebuilt ('count r ies').")
    repairs_bullets: Series[int] = pa.Field(ge=0, description="Bullet glyphs mapped to one marker.")
    repairs_cid_glyphs: Series[int] = pa.Field(ge=0, description="Unmapped '(cid:N)' glyphs removed.")
    repairs_furniture: Series[int] = pa.Field(ge=0, description="Running header, footer and page-number lines taken "
                                                                "out of the body (kept as page furniture).")
    repairs_footnote_marks: Series[int] = pa.Field(ge=0, description="Footnote reference numbers taken off the words "
                                                                     "they were stuck to ('Agenda150').")
    repairs_stray_breaks: Series[int] = pa.Field(ge=0, description="Blank lines (and page breaks) inside a sentence "
                                                                   "taken out ('... the Ministry of Poverty' / "
                                                                   "'Reduction and Economic Growth').")
    mention_count: Series[int] = pa.Field(ge=0, description="Organisation mentions published for the document.")
    figure_count: Series[int] = pa.Field(ge=0, description="Figures published for the document.")
    recommendation_count: Series[int] = pa.Field(ge=0, description="Recommendations published for the document.")
    pipeline_version: Series[str] = pa.Field(description="Version of the pipeline and its rules.")

    class Config:
        strict = True
        coerce = True
        metadata = {"primary_key": "doc_id", "foreign_keys": {}}


class Organisations(pa.DataFrameModel):
    """One row per real organisation across all documents."""

    org_id: Series[str] = pa.Field(unique=True, str_matches=_id("org"),
                                   description="Id derived from the canonical name's key; stable across runs.")
    name: Series[str] = pa.Field(str_length={"min_value": 1}, description="Canonical (fullest well-formed) name.")
    acronym: Series[str] = pa.Field(nullable=True, description="Acronym declared in the text or well known.")
    aliases: Series[object] = pa.Field(description="Every other surface form seen (list of strings).")
    type: Series[str] = pa.Field(isin=ORG_TYPES, description="Kind of organisation.")
    mention_count: Series[int] = pa.Field(ge=1, description="Mentions across all documents.")
    document_count: Series[int] = pa.Field(ge=1, description="Documents mentioning the organisation.")

    @pa.check("aliases", description="Aliases are lists of strings.")
    def aliases_are_string_lists(cls, series: Series[object]) -> Series[bool]:
        return series.map(lambda v: hasattr(v, "__iter__") and not isinstance(v, str)
                          and all(isinstance(a, str) for a in v))

    class Config:
        strict = True
        coerce = True
        metadata = {"primary_key": "org_id", "foreign_keys": {}}


class Mentions(_Provenance):
    """Each place an organisation is named."""

    mention_id: Series[str] = pa.Field(unique=True, str_matches=_id("men"), description="Content-derived id.")
    org_id: Series[str] = pa.Field(str_matches=_id("org"), description="Organisation the mention resolves to.")
    text: Series[str] = pa.Field(str_length={"min_value": 1}, description="The name as printed.")
    acronym: Series[str] = pa.Field(nullable=True, description="Acronym declared beside this mention.")
    org_type: Series[str] = pa.Field(isin=ORG_TYPES, description="Type suggested by this mention's own wording.")

    class Config:
        strict = True
        coerce = True
        metadata = {"primary_key": "mention_id",
                    "foreign_keys": {"doc_id": ("documents", "doc_id"), "org_id": ("organisations", "org_id")}}


class Figures(_Provenance):
    """Reported numbers: money, counts, percentages, measures and durations."""

    figure_id: Series[str] = pa.Field(unique=True, str_matches=_id("fig"), description="Content-derived id.")
    text: Series[str] = pa.Field(str_length={"min_value": 1}, description="The figure as printed.")
    value: Series[float] = pa.Field(description="Value (scale words applied: '$4.9 million' -> 4900000).")
    value_max: Series[float] = pa.Field(nullable=True, description="Upper bound of a range, else empty.")
    unit: Series[str] = pa.Field(description="ISO 4217 currency code, 'percent', 'count', a measure or a duration.")
    counted: Series[str] = pa.Field(nullable=True, description="What a count counts ('beneficiaries').")
    qualifier: Series[str] = pa.Field(nullable=True, isin=QUALIFIERS, description="approx, more_than, at_least, up_to, less_than.")
    sentence: Series[str] = pa.Field(description="The sentence the figure stands in.")

    @pa.dataframe_check(description="A range's upper bound exceeds its lower bound.")
    def range_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return df["value_max"].isna() | (df["value_max"] > df["value"])

    class Config:
        strict = True
        coerce = True
        metadata = {"primary_key": "figure_id", "foreign_keys": {"doc_id": ("documents", "doc_id")}}


class Recommendations(_Provenance):
    """What the reports recommend, to whom."""

    recommendation_id: Series[str] = pa.Field(unique=True, str_matches=_id("rec"), description="Content-derived id.")
    text: Series[str] = pa.Field(str_length={"min_value": 1}, description="The whole recommendation, lines joined.")
    audience: Series[str] = pa.Field(nullable=True, description="Group or agency addressed.")
    kind: Series[str] = pa.Field(isin=RECOMMENDATION_KINDS, description="bullet, numbered or prose.")
    duplicate_of: Series[str] = pa.Field(nullable=True, description="Earlier recommendation in the same document "
                                                                    "with the same text (a restatement).")
    restatements: Series[int] = pa.Field(ge=0, description="How many times the document restates this "
                                                           "recommendation in other words (a summary, an annex "
                                                           "table); they are not rows of their own.")
    restated_at: Series[str] = pa.Field(nullable=True, description="Where those restatements stand: 'page N, "
                                                                   "characters A-B' (page-text offsets, as start "
                                                                   "and end), separated by '; '.")

    class Config:
        strict = True
        coerce = True
        metadata = {"primary_key": "recommendation_id", "foreign_keys": {"doc_id": ("documents", "doc_id")}}


class OrganisationLinks(pa.DataFrameModel):
    """Each merge decision of organisation resolution, for audit."""

    left: Series[str] = pa.Field(description="A printed form of one of the merged names.")
    right: Series[str] = pa.Field(description="A printed form of the other merged name.")
    score: Series[float] = pa.Field(ge=0, le=100, description="Similarity score (100 for exact rules).")
    reason: Series[str] = pa.Field(isin=LINK_REASONS, description="Why the two were merged.")

    class Config:
        strict = True
        coerce = True
        metadata = {"primary_key": None, "foreign_keys": {}}


class Runs(pa.DataFrameModel):
    """One row per ingest run: what changed in the source folder and how the run ended."""

    run_id: Series[str] = pa.Field(unique=True, str_matches=r"^run_\d{8}T\d{6}\d{6}Z$",
                                   description="Run id: 'run_' + its UTC start time.")
    started_at: Series[pd.DatetimeTZDtype("ns", "UTC")] = pa.Field(description="When the run started (UTC).")
    finished_at: Series[pd.DatetimeTZDtype("ns", "UTC")] = pa.Field(
        description="When the run's outcome was decided (UTC): before publishing for a published run.")
    pipeline_version: Series[str] = pa.Field(description="Version of the pipeline and its rules.")
    documents_added: Series[int] = pa.Field(ge=0, description="Source files new since the previous run.")
    documents_changed: Series[int] = pa.Field(ge=0, description="Source files whose content changed.")
    documents_unchanged: Series[int] = pa.Field(ge=0, description="Source files with the same content.")
    documents_removed: Series[int] = pa.Field(ge=0, description="Source files gone since the previous run.")
    documents_failed: Series[int] = pa.Field(ge=0, description="Documents whose status is not ok.")
    documents_extracted: Series[int] = pa.Field(ge=0, description="Documents read and extracted in this run "
                                                                  "(the others reused cached results).")
    status: Series[str] = pa.Field(isin=RUN_STATUSES, description="published, or failed (nothing published).")
    message: Series[str] = pa.Field(nullable=True, description="Why a run failed.")

    class Config:
        strict = True
        coerce = True
        metadata = {"primary_key": "run_id", "foreign_keys": {}}


@dataclass(frozen=True)
class TableSpec:
    name: str
    model: type[pa.DataFrameModel]
    description: str


TABLES: tuple[TableSpec, ...] = (
    TableSpec("documents", Documents, Documents.__doc__ or ""),
    TableSpec("organisations", Organisations, Organisations.__doc__ or ""),
    TableSpec("mentions", Mentions, Mentions.__doc__ or ""),
    TableSpec("figures", Figures, Figures.__doc__ or ""),
    TableSpec("recommendations", Recommendations, Recommendations.__doc__ or ""),
    TableSpec("organisation_links", OrganisationLinks, OrganisationLinks.__doc__ or ""),
    TableSpec("runs", Runs, Runs.__doc__ or ""),
)


def warm_up() -> None:
    """Build every table's schema and validate an empty table once. The first build imports pandera's optional
    backends (a sixth of a second, Dask's typing aside: _without_dask_typing), so a run does it while its
    workers start."""
    for spec in TABLES:
        spec.model.validate(pd.DataFrame(columns=list(spec.model.to_schema().columns)))
