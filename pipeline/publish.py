"""Publish validated tables atomically as an immutable version.

Layout of OUT_DIR:
    versions/<version>/   each successful publish: <table>.parquet, dataset.duckdb, datapackage.json
    versions/.staging-*/, versions/.regions-*/   a run's version and page images in the making (removed by
                          the run; what a killed run left, by the next publish)
    current               symlink to the newest version, swapped with one atomic rename
    <table>.parquet, dataset.duckdb, datapackage.json   symlinks through `current`
A reader sees the old or the new dataset, never a mix; a failed run never touches `current`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from pipeline.datapackage import datapackage
from pipeline.durable import sync_tree
from pipeline.schemas import TABLES

DEFAULT_KEEP_VERSIONS = 5
DUCKDB_FILE = "dataset.duckdb"
DATAPACKAGE_FILE = "datapackage.json"
REPORT_DIR = "report"
# What a run's scratch folders under versions/ hold (scratch_folder): a version, and page images drawn ahead.
STAGING, REGIONS = "staging", "regions"
SCRATCH_PURPOSES = (STAGING, REGIONS)


def publish(tables: dict[str, pd.DataFrame], out_dir: Path, keep_versions: int = DEFAULT_KEEP_VERSIONS,
            extras: Callable[[Path], object] | None = None) -> Path:
    """Write a new version and make it current; return the version directory. `extras(version_dir)` may add
    files (the review report) before the version becomes visible."""
    out_dir = Path(out_dir)
    versions = out_dir / "versions"
    staging = scratch_folder(out_dir, STAGING)
    staging.mkdir()
    try:
        digest = hashlib.sha256()
        for spec in TABLES:
            path = staging / f"{spec.name}.parquet"
            tables[spec.name].to_parquet(path, index=False, compression="zstd")
            digest.update(path.read_bytes())
        _write_duckdb(tables, staging / DUCKDB_FILE)
        (staging / DATAPACKAGE_FILE).write_text(json.dumps(datapackage(), indent=2) + "\n", encoding="utf-8")
        if extras is not None:
            extras(staging)
        sync_tree(staging)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        version = versions / f"{stamp}-{digest.hexdigest()[:12]}"
        os.rename(staging, version)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap_current(out_dir, version)
    _ensure_links(out_dir)
    _prune(versions, keep_versions, keep=version)
    return version


def scratch_folder(out_dir: Path, purpose: str) -> Path:
    """A path for a run's work in progress beside the versions (same file system: its files can be renamed into
    a version). Not created; the run removes it, and publishing removes one that a killed run left behind."""
    versions = Path(out_dir) / "versions"
    versions.mkdir(parents=True, exist_ok=True)
    return versions / f".{purpose}-{uuid.uuid4().hex}"


def current_tables(out_dir: Path) -> dict[str, pd.DataFrame] | None:
    """The tables of the current version, or None when nothing has been published yet (or it is unreadable)."""
    current = Path(out_dir) / "current"
    if not current.exists():
        return None
    try:
        return {spec.name: pd.read_parquet(current / f"{spec.name}.parquet") for spec in TABLES
                if (current / f"{spec.name}.parquet").exists()}
    except Exception:  # an older layout or a damaged file: the report simply shows no comparison
        return None


def _write_duckdb(tables: dict[str, pd.DataFrame], path: Path) -> None:
    import duckdb  # loaded when publishing, not for the whole run (12 MB while the workers work)

    con = duckdb.connect(str(path))
    try:
        for spec in TABLES:
            frame = tables[spec.name]
            con.register("frame", frame)
            con.execute(f'CREATE TABLE "{spec.name}" AS SELECT * FROM frame')
            con.unregister("frame")
    finally:
        con.close()


def _swap_current(out_dir: Path, version: Path) -> None:
    link = out_dir / "current"
    temporary = out_dir / f".current-{uuid.uuid4().hex}"
    os.symlink(os.path.relpath(version, out_dir), temporary)
    os.replace(temporary, link)  # rename(2): atomic, readers resolve either the old or the new target


def _ensure_links(out_dir: Path) -> None:
    """Top-level names point through `current`; they are created once and never need to change."""
    for name in [f"{spec.name}.parquet" for spec in TABLES] + [DUCKDB_FILE, DATAPACKAGE_FILE, REPORT_DIR]:
        link = out_dir / name
        target = os.path.join("current", name)
        if link.is_symlink() and os.readlink(link) == target:
            continue
        temporary = out_dir / f".{name}-{uuid.uuid4().hex}"
        os.symlink(target, temporary)
        os.replace(temporary, link)


def _prune(versions: Path, keep_versions: int, keep: Path) -> None:
    published = sorted(p for p in versions.iterdir() if p.is_dir() and not p.name.startswith("."))
    for old in published[:-max(1, keep_versions)]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)
    for purpose in SCRATCH_PURPOSES:  # from a run that was killed mid-write
        for leftover in versions.glob(f".{purpose}-*"):
            shutil.rmtree(leftover, ignore_errors=True)
