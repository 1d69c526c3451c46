"""Incremental re-ingestion: a manifest of what each source file was, and per-document results cached by
content hash and pipeline version, so unchanged documents are neither read nor extracted again.

State lives in OUT_DIR/state/ (never inside a published version):
    manifest.json                    source -> size, mtime_ns, sha256 (a cheap "is it unchanged?" check)
    results/<sha256>-<rules>.pickle  one DocumentResult per document content and pipeline version
    texts/<sha256>-<rules>.json.gz   its page texts as read and its normalised text, for the review report
    runs.jsonl                       one line per run, published as the `runs` table
Every file is written to a temporary name and renamed, so a killed run leaves the previous state usable.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import pickle
import zlib
from dataclasses import MISSING, dataclass, field, fields, replace
from pathlib import Path

import pipeline
from pipeline.durable import atomic_write, atomic_write_many
from pipeline.records import DocumentResult

log = logging.getLogger(__name__)

STATE_DIR = "state"
# Results that depend on something besides the file's bytes (a password file, the limits, the machine's load)
# (and, for scans, whether tesseract is installed) are not cached: the next run tries those documents again.
UNCACHED_STATUSES = frozenset({"encrypted", "timeout", "error", "too_large", "no_text_layer", "garbled_text"})
# gzip level of the kept texts: level 6 (zlib's default) shrinks report text about 3-4x at ~20 MB/s; higher
# levels gain a few per cent for several times the time, in the worker that has just read the document.
TEXTS_COMPRESSLEVEL = 6


@dataclass
class Plan:
    """What a run must do: files to (re)process, results to reuse, and how the source folder changed."""

    todo: list[Path] = field(default_factory=list)
    reused: list[DocumentResult] = field(default_factory=list)
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    manifest: dict[str, dict] = field(default_factory=dict)


@dataclass(frozen=True)
class SourceTexts:
    """What reading a document gave, as the review report needs it: page texts as read, normalised text."""

    pages: tuple[str, ...]
    text: str


def state_dir(out_dir: Path) -> Path:
    return Path(out_dir) / STATE_DIR


def load_manifest(out_dir: Path) -> dict[str, dict]:
    path = state_dir(out_dir) / "manifest.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("%s is unreadable (%s); every document will be processed again", path, exc)
        return {}


def file_sha256(path: Path) -> str:
    """A file's sha256, read in 1 MB chunks (memory stays flat for large files)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def rules_key() -> str:
    """Cached results are only valid for the pipeline version (rules) that produced them."""
    return hashlib.sha256(pipeline.PIPELINE_VERSION.encode()).hexdigest()[:12]


def _result_path(out_dir: Path, sha256: str) -> Path:
    return state_dir(out_dir) / "results" / f"{sha256}-{rules_key()}.pickle"


def _load_result(out_dir: Path, sha256: str) -> DocumentResult | None:
    try:
        with open(_result_path(out_dir, sha256), "rb") as handle:
            cached = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception as exc:  # a cache written by other code is a miss, never a failure
        log.warning("cached result for %s is unreadable (%s); processing again", sha256[:12], exc)
        return None
    return _complete(cached) if isinstance(cached, DocumentResult) else None


def _complete(result: DocumentResult) -> DocumentResult:
    """A result pickled before a field was added lacks that slot: give it the field's default."""
    for spec in fields(DocumentResult):
        if not hasattr(result, spec.name):
            default = spec.default_factory() if spec.default_factory is not MISSING else spec.default
            object.__setattr__(result, spec.name, default)
    return result


def pack_texts(sha256: str, pages: tuple[str, ...], text: str) -> bytes:
    """A document's page texts and normalised text as gzip-compressed JSON, tagged with its content and rules."""
    payload = {"sha256": sha256, "rules": rules_key(), "pages": list(pages), "text": text}
    return gzip.compress(json.dumps(payload, ensure_ascii=False).encode(), compresslevel=TEXTS_COMPRESSLEVEL,
                         mtime=0)


def _texts_path(out_dir: Path, sha256: str) -> Path:
    return state_dir(out_dir) / "texts" / f"{sha256}-{rules_key()}.json.gz"


def store_texts(out_dir: Path, result: DocumentResult) -> DocumentResult:
    """Keep a result's texts in state/texts for the review report; return the result without them, so results
    held in memory do not grow with the size of the documents."""
    if result.texts is None:
        return result
    if result.sha256:
        atomic_write(_texts_path(out_dir, result.sha256), result.texts)
    return replace(result, texts=None)


def load_texts(out_dir: Path, sha256: str) -> SourceTexts | None:
    """The texts a run kept for this content under the current rules, or None (never kept, or unreadable)."""
    path = _texts_path(out_dir, sha256)
    try:
        payload = json.loads(gzip.decompress(path.read_bytes()))
    except FileNotFoundError:
        return None
    except (OSError, EOFError, ValueError, zlib.error) as exc:  # a damaged file: the report reads the source
        log.warning("%s is unreadable (%s); the review report reads the source again", path, exc)
        return None
    if not isinstance(payload, dict) or payload.get("sha256") != sha256 or payload.get("rules") != rules_key():
        return None
    return SourceTexts(tuple(payload["pages"]), payload["text"])


def plan_run(src_dir: Path, out_dir: Path, files: list[Path], force: bool = False) -> Plan:
    """Decide which files need processing; unchanged files (same size and mtime, or same hash) reuse results."""
    previous = load_manifest(out_dir)
    plan = Plan()
    for path in files:
        source = path.relative_to(src_dir).as_posix()
        stat = path.stat()
        old = previous.get(source)
        if old and old.get("size") == stat.st_size and old.get("mtime_ns") == stat.st_mtime_ns:
            sha256 = old["sha256"]
        else:
            sha256 = file_sha256(path)
        plan.manifest[source] = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": sha256}
        if old is None:
            plan.added += 1
        elif old.get("sha256") != sha256:
            plan.changed += 1
        else:
            plan.unchanged += 1
        cached = None if force else _load_result(out_dir, sha256)
        if cached is None:
            plan.todo.append(path)
        else:
            plan.reused.append(replace(cached, source=source) if cached.source != source else cached)
    plan.removed = len(set(previous) - set(plan.manifest))
    return plan


def store(out_dir: Path, plan: Plan, results: list[DocumentResult]) -> list[DocumentResult]:
    """Cache new results and their texts and write the manifest (before publishing: they describe sources, not
    outputs); return the results without their texts."""
    kept = [store_texts(out_dir, result) for result in results]
    atomic_write_many([(_result_path(out_dir, result.sha256), pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
                       for result in kept if result.sha256 and result.status not in UNCACHED_STATUSES])
    atomic_write(state_dir(out_dir) / "manifest.json", json.dumps(plan.manifest, indent=1, sort_keys=True).encode())
    live = {entry["sha256"] for entry in plan.manifest.values()}
    _prune(state_dir(out_dir) / "results", live)
    _prune(state_dir(out_dir) / "texts", live)
    return kept


def _prune(folder: Path, live: set[str]) -> None:
    """Drop cached results or texts of contents no longer in the source folder or of older rule versions."""
    if not folder.is_dir():
        return
    current = rules_key()
    for path in folder.iterdir():
        sha256, _, rules = path.name.split(".", 1)[0].partition("-")
        if sha256 not in live or rules != current:
            path.unlink(missing_ok=True)


def load_runs(out_dir: Path) -> list[dict]:
    path = state_dir(out_dir) / "runs.jsonl"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    runs = []
    for line in lines:
        try:
            runs.append(json.loads(line))
        except ValueError:
            continue  # a line cut short by a killed run
    return runs


def record_run(out_dir: Path, run: dict) -> None:
    """Append one run to runs.jsonl (rewritten atomically: the log is small)."""
    runs = [r for r in load_runs(out_dir) if r.get("run_id") != run["run_id"]] + [run]
    atomic_write(state_dir(out_dir) / "runs.jsonl", "".join(json.dumps(r, sort_keys=True) + "\n" for r in runs).encode())
