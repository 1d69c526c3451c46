"""Durability: state files are renamed into place only once their bytes are on disk, and a version becomes
current only once all its files are; many files at once cost one syncfs call, not an fsync each."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from pipeline import durable


def _version(tmp_path: Path) -> tuple[Path, list[Path]]:
    """A version folder with new files and one hard-linked from an earlier version."""
    version = tmp_path / "version"
    (version / "report" / "documents" / "doc_1").mkdir(parents=True)
    new = [version / "a.parquet", version / "report" / "index.html", version / "report" / "documents" / "doc_1" / "1.png"]
    for path in new:
        path.write_bytes(b"x")
    earlier = tmp_path / "earlier.html"
    earlier.write_text("page")
    os.link(earlier, version / "report" / "documents" / "doc_2.html")
    return version, new


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="syncfs is Linux's")
def test_a_version_is_made_durable_with_one_call_for_the_whole_file_system(tmp_path, monkeypatch):
    version, _ = _version(tmp_path)
    synced: list = []
    monkeypatch.setattr(durable, "fsync_file", synced.append)
    assert durable.sync_file_system(version)
    durable.sync_tree(version)
    assert synced == []


@pytest.mark.parametrize("syncfs", [None, lambda fd: -1], ids=["no syncfs", "syncfs fails"])
def test_without_syncfs_every_new_file_is_synced_and_linked_ones_are_not_again(tmp_path, monkeypatch, syncfs):
    version, new = _version(tmp_path)
    monkeypatch.setattr(durable, "_syncfs", lambda: syncfs)
    synced: list[str] = []
    monkeypatch.setattr(durable, "fsync_file", synced.append)
    durable.sync_tree(version)
    assert sorted(synced) == sorted(str(p) for p in new)


@pytest.mark.parametrize("syncfs", ["available", None], ids=["syncfs", "no syncfs"])
def test_files_written_together_are_all_in_place_and_no_temporary_is_left(tmp_path, monkeypatch, syncfs):
    if syncfs is None:
        monkeypatch.setattr(durable, "_syncfs", lambda: None)
    state = tmp_path / "state"
    (state / "results").mkdir(parents=True)
    (state / "results" / "old.pickle").write_bytes(b"old")
    files = [(state / "results" / f"{n}.pickle", f"result {n}".encode()) for n in range(5)]
    files.append((state / "results" / "old.pickle", b"new"))
    durable.atomic_write_many(files)
    assert {p.name: p.read_bytes() for p in (state / "results").iterdir()} == {
        **{f"{n}.pickle": f"result {n}".encode() for n in range(5)}, "old.pickle": b"new"}


def test_files_written_together_are_none_of_them_in_place_if_one_cannot_be_written(tmp_path):
    state = tmp_path / "state"
    state.mkdir()
    (state / "kept.pickle").write_bytes(b"old")
    (state / "a-file").write_bytes(b"not a folder")
    with pytest.raises(OSError):
        durable.atomic_write_many([(state / "kept.pickle", b"new"), (state / "a-file" / "x.pickle", b"x")])
    assert sorted(p.name for p in state.iterdir()) == ["a-file", "kept.pickle"]
    assert (state / "kept.pickle").read_bytes() == b"old"


def test_a_single_file_is_synced_before_it_replaces_the_old_one(tmp_path, monkeypatch):
    order: list[str] = []
    fsync, replace = os.fsync, os.replace
    monkeypatch.setattr(durable.os, "fsync", lambda fd: order.append("fsync") or fsync(fd))
    monkeypatch.setattr(durable.os, "replace", lambda a, b: order.append("replace") or replace(a, b))
    durable.atomic_write(tmp_path / "manifest.json", b"{}")
    assert order == ["fsync", "replace"]
    assert (tmp_path / "manifest.json").read_bytes() == b"{}"


def test_files_written_together_are_made_durable_before_any_is_renamed(tmp_path, monkeypatch):
    order: list[str] = []
    sync, replace = durable.sync_file_system, os.replace
    monkeypatch.setattr(durable, "sync_file_system", lambda path: order.append("sync") or sync(path))
    monkeypatch.setattr(durable.os, "replace", lambda a, b: order.append("replace") or replace(a, b))
    durable.atomic_write_many([(tmp_path / f"{n}.pickle", b"x") for n in range(3)])
    assert order == ["sync", "replace", "replace", "replace"]
