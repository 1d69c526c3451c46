"""Run per-document work in worker processes: both cores used, a time limit per document, and memory that
cannot grow with the corpus.

Workers are forked from a forkserver that has imported the pipeline and built the spaCy pipeline once, so a
worker starts warm, and a multi-threaded parent (a Prefect thread runner) never forks itself. A worker handles
document after document (its word caches stay warm; forking a process per small document cost more than the
document); it is retired and replaced when its memory has grown by WORKER_RECYCLE_MB since it started (after
a long report) or after WORKER_MAX_DOCUMENTS, so memory stays bounded however large the corpus.
A runaway document is killed at its deadline, with its worker, and gets status `timeout`; a worker that dies
(segfault, out of memory) gives its document status `error`; neither stops the other documents.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing as mp
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

from pipeline.config import DOCUMENT_TIME_LIMIT_S
from pipeline.process import doc_id_for, process_file
from pipeline.records import DocumentResult

log = logging.getLogger(__name__)
# How often the parent checks deadlines while workers work (seconds).
_POLL_S = 0.2
# A worker is replaced once its resident memory has grown by this much since it started (MB): after a long
# report its heap stays large (Python rarely returns freed memory to the system), and the next document should
# not start from there.
WORKER_RECYCLE_MB = 100
# ... and after this many documents, whatever its memory.
WORKER_MAX_DOCUMENTS = 500
_context: mp.context.BaseContext | None = None


def forkserver_context() -> mp.context.BaseContext:
    """The multiprocessing context whose forkserver has the pipeline preloaded (writing report pages uses it
    too)."""
    global _context
    if _context is None:
        _context = mp.get_context("forkserver")
        _context.set_forkserver_preload(["pipeline.worker_preload"])
    return _context


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def _serve(conn: Connection) -> None:
    """A worker: (src_dir, path) in, (result, retiring) out, until told to stop or until it retires."""
    baseline, done = _rss_mb(), 0
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        src_dir, path = job
        result = process_file(Path(src_dir), Path(path))
        done += 1
        retiring = done >= WORKER_MAX_DOCUMENTS or _rss_mb() - baseline > WORKER_RECYCLE_MB
        conn.send((result, retiring))
        if retiring:
            return


def _rss_mb() -> float:
    """This process's resident memory (Linux /proc; 0 elsewhere, which never retires a worker for memory)."""
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0


@dataclass
class _Worker:
    process: mp.process.BaseProcess
    conn: Connection

    @classmethod
    def start(cls, ctx: mp.context.BaseContext) -> _Worker:
        parent_end, child_end = ctx.Pipe()
        process = ctx.Process(target=_serve, args=(child_end,), daemon=True)
        process.start()
        child_end.close()
        return cls(process, parent_end)

    def stop(self, kill: bool = False) -> None:
        """Tell it to finish (or kill it), and reap it."""
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.conn.close()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)


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
    idle: list[_Worker] = []
    busy: dict[Connection, tuple[_Worker, int, Path, float]] = {}
    limit = workers or default_workers()
    ctx = forkserver_context()
    def dispatch() -> None:
        """Hand pending documents to idle (or new) workers, up to the limit."""
        while pending and len(busy) < limit:
            worker = idle.pop() if idle else _Worker.start(ctx)
            index, path = pending.pop(0)
            try:
                worker.conn.send((str(src_dir), str(path)))
            except OSError:  # it died while idle: replace it and hand the document to the new one
                worker.stop(kill=True)
                pending.insert(0, (index, path))
                continue
            deadline = time.monotonic() + time_limit if time_limit else float("inf")
            busy[worker.conn] = (worker, index, path, deadline)

    try:
        while pending or busy:
            dispatch()
            arrivals: list[tuple[int, DocumentResult]] = []
            for conn in wait(list(busy), timeout=_POLL_S):
                worker, index, path, _ = busy.pop(conn)
                try:
                    result, retiring = conn.recv()
                except (EOFError, OSError):
                    worker.process.join(timeout=5)
                    code = worker.process.exitcode
                    worker.stop(kill=True)
                    result, retiring = _failed(src_dir, path, "error", "the worker process died while processing "
                                               f"the file (exit code {code})"), False
                else:
                    if retiring:
                        worker.stop()
                    else:
                        idle.append(worker)
                arrivals.append((index, result))
            # Workers get their next documents before the results are handled (stored, logged), so they do not
            # wait on the parent's disk writes.
            dispatch()
            for index, result in arrivals:
                results[index] = arrived(result)
            now = time.monotonic()
            for conn, (worker, index, path, deadline) in list(busy.items()):
                if now > deadline:
                    del busy[conn]
                    worker.stop(kill=True)
                    results[index] = arrived(_failed(
                        src_dir, path, "timeout", f"stopped after {time_limit:g} s (the per-document time limit); "
                                                  "raise it with --time-limit if the document is just large"))
    finally:
        for worker in idle:
            worker.stop()
        for worker, *_ in busy.values():  # only when interrupted: nothing may outlive the call
            worker.stop(kill=True)
    return [results[i] for i in sorted(results)]
