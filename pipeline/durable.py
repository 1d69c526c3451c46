"""Making what a run writes durable before anything relies on it: a state file is renamed into place only once
its bytes are on disk, and a new version becomes current only once all its files are.

Many files at once are made durable with one syncfs(2) call (Linux), which writes back everything dirty on their
file system: one call where an fsync per file cost ~0.15 ms each (a version's ~700 report pages and images:
0.08-0.19 s one file at a time, 0.02 s with syncfs; 200 cached results: ~0.15 s). Where syncfs is missing or
fails, each file and folder is fsynced, from a few threads (each call waits on the disk without holding the GIL,
and the file system commits concurrent ones together).
"""

from __future__ import annotations

import ctypes
import functools
import logging
import os
import sys
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

log = logging.getLogger(__name__)

# Threads fsyncing files one by one, where syncfs cannot be used.
FSYNC_THREADS = 8


@functools.cache
def _syncfs() -> Callable[[int], int] | None:
    """libc's syncfs, or None where there is none (not Linux, or a C library without it)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int]
    function.restype = ctypes.c_int
    return function


def sync_file_system(path: Path) -> bool:
    """Write back everything written to the file system holding `path` (a file or folder): True once it is
    durable, False if syncfs is not available or failed (the caller then fsyncs what it wrote)."""
    function = _syncfs()
    if function is None:
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        if function(fd) == 0:
            return True
        log.debug("syncfs on %s failed (%s); syncing file by file", path, os.strerror(ctypes.get_errno()))
        return False
    finally:
        os.close(fd)


def sync_tree(directory: Path) -> None:
    """Make every file and folder below `directory` durable: the whole file system at once, else file by file
    (a file with other hard links is skipped: a report page linked from an earlier version, already durable)."""
    if sync_file_system(directory):
        return
    paths, folders = [], []
    for root, _, files in os.walk(directory):
        folders.append(root)
        for name in files:
            path = os.path.join(root, name)
            if os.stat(path).st_nlink == 1:
                paths.append(path)
    _fsync_each(paths)
    for folder in folders:
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_each(paths: Iterable[str | Path]) -> None:
    with ThreadPoolExecutor(FSYNC_THREADS) as pool:
        list(pool.map(fsync_file, paths))


def fsync_file(path: str | Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def atomic_write(path: Path, data: bytes) -> None:
    """Write a file so that it is either its old or its new content, never a mix, whatever happens."""
    atomic_write_many([(path, data)])


def atomic_write_many(files: list[tuple[Path, bytes]]) -> None:
    """atomic_write for many files at once: each written to a temporary name beside it, all made durable
    together (one syncfs for more than one file), then each renamed into place."""
    written: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            path = Path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
            written.append((temporary, path))
            with open(temporary, "wb") as handle:
                handle.write(data)
                if len(files) == 1:
                    handle.flush()
                    os.fsync(handle.fileno())
        if len(written) > 1 and not all(sync_file_system(folder)
                                        for folder in {temporary.parent for temporary, _ in written}):
            _fsync_each(temporary for temporary, _ in written)
        for temporary, path in written:
            os.replace(temporary, path)
    except BaseException:
        for temporary, _ in written:
            temporary.unlink(missing_ok=True)
        raise
