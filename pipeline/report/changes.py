"""What changed between two published versions: rows per table and documents by content hash."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from pipeline.schemas import TABLES


@dataclass(frozen=True)
class TableChange:
    """Row counts of one table in both versions; rows are matched by primary key (all columns if none)."""

    table: str
    before: int
    after: int
    added: int
    removed: int
    changed: int  # same key, different values


@dataclass(frozen=True)
class DocumentChanges:
    """Documents matched first by sha256 (same bytes), then by source path (same file, new bytes)."""

    added: list[str] = field(default_factory=list)  # sources new in this version
    removed: list[str] = field(default_factory=list)  # sources gone from this version
    changed: list[str] = field(default_factory=list)  # same source, different sha256
    moved: list[tuple[str, str]] = field(default_factory=list)  # same sha256 under another source: (old, new)
    unchanged: int = 0


@dataclass(frozen=True)
class VersionChanges:
    tables: list[TableChange]
    documents: DocumentChanges


def _keys(frame: pd.DataFrame, key: list[str]) -> pd.Index:
    """One hashable key per row."""
    if frame.empty:
        return pd.Index([], dtype=object)
    if len(key) == 1:
        return pd.Index(frame[key[0]].astype(str).tolist(), dtype=object)
    # Row by row in plain Python: DataFrame.agg(axis=1) calls a function per row and is ~50x slower.
    return pd.Index(["\x1f".join(map(str, row)) for row in frame[key].to_numpy(dtype=object).tolist()], dtype=object)


def _value_text(value: object) -> str:
    if hasattr(value, "__len__") and not isinstance(value, str):
        return repr(list(value))
    return repr(None if pd.isna(value) else value)


def _rows_as_text(frame: pd.DataFrame, columns: list[str]) -> list[str]:
    return ["\x1f".join(map(_value_text, row)) for row in frame[columns].to_numpy(dtype=object).tolist()]


def compare_tables(name: str, previous: pd.DataFrame, current: pd.DataFrame, key: list[str]) -> TableChange:
    """Added, removed and changed rows of one table."""
    columns = [c for c in current.columns if c in previous.columns]
    key = [c for c in key if c in columns] or columns
    if not key:
        return TableChange(name, len(previous), len(current), len(current), len(previous), 0)
    before = pd.Series(_rows_as_text(previous, columns) if len(previous) else [], index=_keys(previous, key),
                       dtype=object)
    after = pd.Series(_rows_as_text(current, columns) if len(current) else [], index=_keys(current, key),
                      dtype=object)
    before = before[~before.index.duplicated()]
    after = after[~after.index.duplicated()]
    common = before.index.intersection(after.index)
    changed = int((before.loc[common] != after.loc[common]).sum()) if len(common) else 0
    return TableChange(name, len(previous), len(current), int((~after.index.isin(before.index)).sum()),
                       int((~before.index.isin(after.index)).sum()), changed)


def _digest(value: object) -> str | None:
    """Files never read (too large) have no digest; they cannot be matched by content."""
    return value if isinstance(value, str) and value else None


def compare_documents(previous: pd.DataFrame, current: pd.DataFrame) -> DocumentChanges:
    """Match documents by content first, so a renamed file is a move and not a removal plus an addition."""
    old = {row.source: _digest(row.sha256) for row in previous.itertuples()}
    new = {row.source: _digest(row.sha256) for row in current.itertuples()}
    unchanged = {s for s in old.keys() & new.keys() if old[s] == new[s]}
    changed = sorted(s for s in old.keys() & new.keys() if old[s] != new[s])
    old_only = {s: h for s, h in old.items() if s not in new}
    new_only = {s: h for s, h in new.items() if s not in old}
    moved = []
    by_hash = {h: s for s, h in sorted(old_only.items()) if h}
    for source, digest in sorted(new_only.items()):
        if digest and digest in by_hash:
            moved.append((by_hash.pop(digest), source))
    moved_old = {a for a, _ in moved}
    moved_new = {b for _, b in moved}
    return DocumentChanges(added=sorted(s for s in new_only if s not in moved_new),
                           removed=sorted(s for s in old_only if s not in moved_old),
                           changed=changed, moved=moved, unchanged=len(unchanged))


def compare_versions(previous: dict[str, pd.DataFrame], current: dict[str, pd.DataFrame]) -> VersionChanges:
    """Every published table compared with the previous version's."""
    changes = []
    for spec in TABLES:
        if spec.name not in current:
            continue
        now = current[spec.name]
        before = previous.get(spec.name)
        if before is None:
            before = pd.DataFrame(columns=now.columns)
        metadata = getattr(spec.model.Config, "metadata", None) or {}
        key = [metadata["primary_key"]] if metadata.get("primary_key") else list(now.columns)
        changes.append(compare_tables(spec.name, before, now, key))
    empty = pd.DataFrame(columns=["source", "sha256"])
    return VersionChanges(changes, compare_documents(previous.get("documents", empty),
                                                     current.get("documents", empty)))
