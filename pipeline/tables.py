"""Records -> DataFrames, one per published table, with deterministic ids and row order."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, replace

import pandas as pd

from pipeline import PIPELINE_VERSION
from pipeline.records import DocumentResult, Figure, Mention, Provenance, Recommendation
from pipeline.resolve import resolve
from pipeline.resolve.overrides import Overrides
from pipeline.schemas import TABLES
from pipeline.extract import squash
from pipeline.text.normalise import REPAIR_STEPS

Tables = dict[str, pd.DataFrame]


def record_id(prefix: str, *parts: object) -> str:
    """Ids come from content (document, position, text), never from row order or time."""
    return f"{prefix}_" + hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


def mention_id(m: Mention) -> str:
    return record_id("men", m.prov.doc_id, m.prov.norm_start, m.prov.norm_end, m.text)


def figure_id(f: Figure) -> str:
    return record_id("fig", f.prov.doc_id, f.prov.norm_start, f.prov.norm_end, f.text)


def recommendation_id(r: Recommendation) -> str:
    return record_id("rec", r.prov.doc_id, r.prov.norm_start, r.prov.norm_end, r.text)


def _prov(p: Provenance) -> dict:
    return {"doc_id": p.doc_id, "page": p.page, "start": p.start, "end": p.end, "norm_start": p.norm_start,
            "norm_end": p.norm_end, "section": p.section, "rule": p.rule}


def _place(p: Provenance) -> str:
    """Where a restatement stands, for a reader to find it: 'page 3, characters 120-345'."""
    return f"page {p.page}, characters {p.start}-{p.end}"


def dedupe_documents(results: list[DocumentResult]) -> list[DocumentResult]:
    """A file whose bytes repeat an earlier file's (by source path order) is kept as a 'duplicate' row only."""
    seen: dict[str, str] = {}
    out = []
    for result in sorted(results, key=lambda r: r.source):
        if result.sha256 and result.doc_id in seen:
            out.append(replace(result, doc_id=record_id("doc", result.sha256, result.source)[:20], status="duplicate",
                               error=f"{result.source}: same content as {seen[result.doc_id]}",
                               mentions=(), figures=(), recommendations=()))
            continue
        seen[result.doc_id] = result.source
        out.append(result)
    return out


def build_tables(results: list[DocumentResult], runs: list[dict] | None = None,
                 overrides: Overrides | None = None) -> Tables:
    """Resolve organisations across documents and lay every record out as the published tables
    (`runs`: the run log, published as the `runs` table)."""
    results = dedupe_documents(results)
    mentions = [m for r in results for m in r.mentions]
    resolution = resolve(mentions, overrides)
    mention_rows = []
    for index, m in enumerate(mentions):
        org_id = resolution.mention_org.get(index)
        if org_id is None:
            continue  # an acronym no document or gazetteer defines: not known to be an organisation
        mention_rows.append({"mention_id": mention_id(m),
                             "org_id": org_id, "text": m.text, "acronym": m.acronym, "org_type": m.org_type,
                             **_prov(m.prov)})
    figure_rows = [{"figure_id": figure_id(f),
                    "text": f.text, "value": f.value, "value_max": f.value_max, "unit": f.unit, "counted": f.counted,
                    "qualifier": f.qualifier, "sentence": f.sentence, **_prov(f.prov)}
                   for r in results for f in r.figures]
    recommendation_rows = []
    for r in results:
        first_by_text: dict[str, str] = {}
        for rec in r.recommendations:
            rid = recommendation_id(rec)
            key = f"{rec.audience or ''}\x1f{squash(rec.text).lower()}"  # same words to another audience is not a restatement
            recommendation_rows.append({"recommendation_id": rid, "text": rec.text, "audience": rec.audience,
                                        "kind": rec.kind, "duplicate_of": first_by_text.get(key),
                                        "restatements": len(rec.restated_at),
                                        "restated_at": "; ".join(_place(p) for p in rec.restated_at) or None,
                                        **_prov(rec.prov)})
            first_by_text.setdefault(key, rid)
    counts = {name: pd.Series([row["doc_id"] for row in rows]).value_counts() if rows else pd.Series(dtype=int)
              for name, rows in (("mention", mention_rows), ("figure", figure_rows),
                                 ("recommendation", recommendation_rows))}
    document_rows = [{"doc_id": r.doc_id, "source": r.source, "sha256": r.sha256, "media_type": r.media_type,
                      "pages": r.pages, "status": r.status, "error": r.error, "chars": r.chars, **asdict(r.facts),
                      **{f"repairs_{k}": int(r.repairs.get(k, 0)) for k in REPAIR_STEPS},
                      **{f"{name}_count": int(c.get(r.doc_id, 0)) for name, c in counts.items()},
                      "pipeline_version": PIPELINE_VERSION}
                     for r in results]
    org_rows = [{"org_id": o.org_id, "name": o.name, "acronym": o.acronym, "aliases": list(o.aliases),
                 "type": o.type, "mention_count": o.mention_count, "document_count": o.document_count}
                for o in resolution.organisations]
    link_rows = [{"left": link.left, "right": link.right, "score": float(link.score), "reason": link.reason}
                 for link in resolution.links]
    raw = {"documents": document_rows, "organisations": org_rows, "mentions": mention_rows, "figures": figure_rows,
           "recommendations": recommendation_rows, "organisation_links": link_rows, "runs": runs or []}
    tables = {spec.name: _frame(raw[spec.name], spec) for spec in TABLES}
    for column in ("started_at", "finished_at"):
        tables["runs"][column] = pd.to_datetime(tables["runs"][column], utc=True, format="ISO8601")
    return tables


def _frame(rows: list[dict], spec) -> pd.DataFrame:
    columns = list(spec.model.to_schema().columns)
    frame = pd.DataFrame(rows, columns=columns)
    sort_keys = [c for c in ("doc_id", "norm_start", "norm_end") if c in columns] or columns[:1]
    key = spec.model.Config.metadata.get("primary_key") if hasattr(spec.model.Config, "metadata") else None
    if key:
        sort_keys.append(key)
    if spec.name == "organisation_links":
        sort_keys = ["left", "right", "reason"]
    if spec.name == "runs":
        sort_keys = ["run_id"]
    return frame.sort_values(sort_keys, kind="mergesort").reset_index(drop=True)
