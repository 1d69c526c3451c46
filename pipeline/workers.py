"""Run per-document work in child processes: both cores used, a time limit per document, and memory that
cannot grow with the corpus because every document's process exits when it is done.

Children are forked from a forkserver that has imported the pipeline and built the spaCy pipeline once, so a
child starts in milliseconds and a multi-threaded parent (a Prefect thread runner) never forks itself.
A runaway document is killed at its deadline and gets status `timeout`; a child that dies (segfault, out of
memory) gets status `error`; neither stops the other documents.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing as mp
import os
import time
from collections.abc import Callable, Iterable
from multiprocessing.connection import Connection, wait
from pathlib import Path

from pipeline.config import DOCUMENT_TIME_LIMIT_S
from pipeline.process import doc_id_for, process_file
from pipeline.records import DocumentResult

log = logging.getLogger(__name__)
# How often the parent checks deadlines while children work (seconds).
_POLL_S = 0.2
_context: mp.context.BaseContext | None = None


def _ctx() -> mp.context.BaseContext:
    global _context
    if _context is None:
        _context = mp.get_context("forkserver")
        _context.set_forkserver_preload(["pipeline.worker_preload"])
    return _context


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def _child(conn: Connection, src_dir: str, path: str) -> None:
    try:
        conn.send(process_file(Path(src_dir), Path(path)))
    finally:
        conn.close()


def _failed(src_dir: Path, path: Path, status: str, message: str) -> DocumentResult:
    source = path.relative_to(src_dir).as_posix()
    try:
        sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        sha256 = ""
    digest = sha256 or hashlib.sha256(f"{status}:{source}".encode()).hexdigest()
    return DocumentResult(doc_id_for(digest), source, sha256, "unknown", 0, status, f"{source}: {message}")


def process_isolated(src_dir: Path, paths: Iterable[Path], workers: int | None = None,
                     time_limit: float | None = DOCUMENT_TIME_LIMIT_S,
                     on_result: Callable[[DocumentResult], DocumentResult | None] | None = None) -> list[DocumentResult]:
    """Process each file in its own child process, at most `workers` at a time; results in input order.
    `on_result` sees each result as it arrives; a result it returns is kept in its place (a lighter one: the run
    stores the texts and drops them, so memory does not grow with the corpus)."""
    src_dir = Path(src_dir)

    def arrived(result: DocumentResult) -> DocumentResult:
        kept = on_result(result) if on_result is not None else None
        return result if kept is None else kept

    if mp.current_process().daemon:
        # A daemonic process (some executors' workers) may not start children: process here, without a limit.
        log.warning("running inside a daemonic process: documents are processed in-process, without a time limit")
        return [arrived(process_file(src_dir, Path(p))) for p in paths]
    pending = list(enumerate(paths))
    results: dict[int, DocumentResult] = {}
    running: dict[Connection, tuple[int, Path, mp.process.BaseProcess, float]] = {}
    limit = workers or default_workers()
    ctx = _ctx()

    def finish(conn: Connection, result: DocumentResult) -> None:
        index, _, process, _ = running.pop(conn)
        conn.close()
        process.join(timeout=5)
        results[index] = arrived(result)

    while pending or running:
        while pending and len(running) < limit:
            index, path = pending.pop(0)
            parent_end, child_end = ctx.Pipe(duplex=False)
            process = ctx.Process(target=_child, args=(child_end, str(src_dir), str(path)), daemon=True)
            process.start()
            child_end.close()
            deadline = time.monotonic() + time_limit if time_limit else float("inf")
            running[parent_end] = (index, path, process, deadline)
        for conn in wait(list(running), timeout=_POLL_S):
            _, path, process, _ = running[conn]
            try:
                result = conn.recv()
            except (EOFError, OSError):
                process.join(timeout=5)
                result = _failed(src_dir, path, "error",
                                 f"the worker process died while processing the file (exit code {process.exitcode})")
            finish(conn, result)
        now = time.monotonic()
        for conn, (_, path, process, deadline) in list(running.items()):
            if now > deadline:
                process.kill()
                finish(conn, _failed(src_dir, path, "timeout",
                                     f"stopped after {time_limit:g} s (the per-document time limit); "
                                     "raise it with --time-limit if the document is just large"))
    return [results[i] for i in sorted(results)]
