"""Run per-document work in worker processes: both cores used, a time limit per document, and memory that
cannot grow with the corpus.

Workers are forked from a forkserver that has imported the pipeline and built the spaCy pipeline once, so a
worker starts warm, and a multi-threaded parent (a Prefect thread runner) never forks itself. A worker handles
document after document (its word caches stay warm; forking a process per small document cost more than the
document); it is retired and replaced when its memory has grown by WORKER_RECYCLE_MB since it started (after
a long report) or after WORKER_MAX_DOCUMENTS, so memory stays bounded however large the corpus.
A runaway document is killed at its deadline, with its worker, and gets status `timeout`; a worker that dies
(segfault, out of memory) gives its document status `error`; neither stops the other documents.

A long PDF that would otherwise leave workers idle (the last documents of a run, or a run of one report) is read
by several workers at once, each reading every n-th page; one of them then finishes the document from the
pages they read. The result is the same as reading it whole; the shares keep the document's deadline.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing as mp
import multiprocessing.forkserver
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path

from pipeline import readahead
from pipeline.config import DOCUMENT_TIME_LIMIT_S
from pipeline.records import DocumentResult, doc_id_for

log = logging.getLogger(__name__)
# How often the parent checks deadlines while workers work (seconds).
_POLL_S = 0.2
# A worker is replaced once its resident memory has grown by this much since it started (MB): after a long
# report its heap stays large (Python rarely returns freed memory to the system), and the next document should
# not start from there.
WORKER_RECYCLE_MB = 100
# ... and after this many documents, whatever its memory.
WORKER_MAX_DOCUMENTS = 500
# A PDF is read by several workers at once (each reading every n-th page, one then finishing it) when the
# documents waiting after it would leave workers idle, it is at least this large, and it has at least
# SPLIT_MIN_PAGES pages: reading dominates a long PDF's cost, and one document per worker would leave the other
# cores idle on a run of one long report.
SPLIT_MIN_BYTES = 64 * 1024
SPLIT_MIN_PAGES = 24
_context: mp.context.BaseContext | None = None


def forkserver_context() -> mp.context.BaseContext:
    """The multiprocessing context whose forkserver has the pipeline preloaded (writing report pages uses it
    too)."""
    global _context
    if _context is None:
        _context = mp.get_context("forkserver")
        _context.set_forkserver_preload(["pipeline.worker_preload"])
    return _context


def start_forkserver() -> None:
    """Start the forkserver without waiting for it: it spends a second or two importing spaCy and the readers,
    which the caller can overlap with work of its own (the first worker waits for it either way)."""
    if not mp.current_process().daemon:  # a daemonic process processes in-process: no workers, no forkserver
        forkserver_context()
        multiprocessing.forkserver.ensure_running()


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def _serve(conn: Connection) -> None:
    """A worker: a job in, (result, retiring) out, until told to stop or until it retires. A job is
    (kind, src_dir, path, argument): ("file", ..., pages_read or None) processes a file (with its pages already
    read, for a split PDF); ("read", ..., file) processes a file read ahead into `file` (pipeline.readahead);
    ("part", ..., (part, parts, min_pages)) reads one part of a long PDF's pages."""
    # Imported here: the forkserver preloaded it, and the parent, which only hands out work, never needs it.
    from pipeline.process import process_file, read_part

    baseline, done = _rss_mb(), 0
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        kind, src_dir, path, argument = job
        if kind == "part":
            result = read_part(Path(src_dir), Path(path), *argument)
        elif kind == "read":
            result = process_file(Path(src_dir), Path(path), read_ahead=readahead.load(argument))
        else:
            result = process_file(Path(src_dir), Path(path), pages_read=argument)
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


@dataclass(frozen=True)
class _Job:
    """One piece of work for a worker: a whole document ("new" ones may be split, "file" ones not), one part of
    a long PDF's pages ("part"), or a split PDF finished from its parts ("finish")."""

    index: int
    path: Path
    kind: str = "new"
    part: int = 0
    parts: int = 1
    pages_read: tuple = ()
    deadline: float | None = None  # a split document's parts and finish share the document's deadline

    def message(self, src_dir: Path, read_ahead: Path | None = None) -> tuple:
        if self.kind == "part":
            return "part", str(src_dir), str(self.path), (self.part, self.parts, SPLIT_MIN_PAGES)
        if read_ahead is not None and not self.pages_read:
            return "read", str(src_dir), str(self.path), str(read_ahead)
        return "file", str(src_dir), str(self.path), self.pages_read or None


@dataclass
class _Split:
    """A long PDF whose parts are being read by several workers."""

    parts: int
    arrived: dict[int, object] = field(default_factory=dict)


def _split_count(path: Path, free: int, waiting: int) -> int:
    """Into how many parts to read a document: as many as there are workers that the documents waiting after
    it would leave idle, when it may be a long PDF (the workers check its page count); else 1."""
    parts = free - waiting
    return parts if parts >= 2 and _may_split(path) else 1


def _may_split(path: Path) -> bool:
    """Whether a file may be a PDF long enough to read in parts (large enough, with a PDF header)."""
    try:
        if path.stat().st_size < SPLIT_MIN_BYTES:
            return False
        with open(path, "rb") as handle:
            head = handle.read(1024)
    except OSError:
        return False
    return b"%PDF-" in head


def start_read_ahead(src_dir: Path, paths: list[Path], workers: int | None = None) -> readahead.ReadAhead | None:
    """With several workers allowed, a core is idle while the forkserver warms up: a read-ahead process reads the
    first of `paths` on it (pipeline.readahead), except PDFs long enough to be split among workers. None with one
    worker, in a daemonic process, or for a few documents. Start it before other warm-up work of the caller's."""
    if (workers or default_workers()) < 2 or mp.current_process().daemon:
        return None
    return readahead.start(Path(src_dir), [(index, Path(path)) for index, path in enumerate(paths)
                                           if not _may_split(Path(path))])


def process_isolated(src_dir: Path, paths: Iterable[Path], workers: int | None = None,
                     time_limit: float | None = DOCUMENT_TIME_LIMIT_S,
                     on_result: Callable[[DocumentResult], DocumentResult | None] | None = None,
                     ahead: readahead.ReadAhead | None = None) -> list[DocumentResult]:
    """Process each file in a worker process, at most `workers` at a time (a long PDF that would otherwise leave
    workers idle is read by several of them, in runs of pages); results in input order.
    `on_result` sees each result as it arrives; a result it returns is kept in its place (a lighter one: the run
    stores the texts and drops them, so memory does not grow with the corpus).
    `ahead`: a read-ahead process the caller started for the same paths (start_read_ahead); else one is started
    here when it may help. It is stopped once a worker has started, and closed on return."""
    src_dir = Path(src_dir)
    paths = [Path(path) for path in paths]

    def arrived(result: DocumentResult) -> DocumentResult:
        kept = on_result(result) if on_result is not None else None
        return result if kept is None else kept

    if mp.current_process().daemon:
        # A daemonic process (some executors' workers) may not start children: process here, without a limit.
        from pipeline.process import process_file

        if ahead is not None:
            ahead.close()
        log.warning("running inside a daemonic process: documents are processed in-process, without a time limit")
        return [arrived(process_file(src_dir, Path(p))) for p in paths]
    pending = [_Job(index, path) for index, path in enumerate(paths)]
    results: dict[int, DocumentResult] = {}
    splits: dict[int, _Split] = {}
    idle: list[_Worker] = []
    busy: dict[Connection, tuple[_Worker, _Job, float]] = {}
    limit = workers or default_workers()
    ctx = forkserver_context()
    if ahead is None:
        ahead = start_read_ahead(src_dir, paths, limit)

    def dispatch() -> None:
        """Hand pending jobs to idle (or new) workers, up to the limit; a long PDF that would leave workers idle
        is split into parts they read together."""
        while pending and len(busy) < limit:
            job = pending.pop(0)
            if job.kind == "new":
                parts = _split_count(job.path, limit - len(busy), len(pending))
                deadline = time.monotonic() + time_limit if time_limit else float("inf")
                if parts > 1:
                    splits[job.index] = _Split(parts)
                    pending[0:0] = [_Job(job.index, job.path, "part", k, parts, deadline=deadline)
                                    for k in range(parts)]
                    continue
                job = _Job(job.index, job.path, "file", deadline=deadline)
            worker = idle.pop() if idle else _Worker.start(ctx)
            if ahead is not None:  # a worker has started: the warm-up is over
                ahead.stop()
            try:
                worker.conn.send(job.message(src_dir, ahead.take(job.index) if ahead is not None else None))
            except OSError:  # it died while idle: replace it and hand the job to the new one
                worker.stop(kill=True)
                pending.insert(0, job)
                continue
            busy[worker.conn] = (worker, job, job.deadline)

    def settle(index: int, result: DocumentResult) -> None:
        """A document's one result (the first: the other parts of a failed split are ignored)."""
        if index not in results:
            splits.pop(index, None)
            results[index] = arrived(result)

    def part_arrived(job: _Job, result: object) -> None:
        """A part of a split PDF: once all are in, the document is finished from them (or read whole)."""
        split = splits.get(job.index)
        if split is None:  # the document already has its result
            return
        if isinstance(result, DocumentResult):  # processed whole by part 0 (not worth splitting), or a failure
            settle(job.index, result)
            return
        split.arrived[job.part] = result
        if len(split.arrived) == split.parts:
            del splits[job.index]
            reads = tuple(split.arrived[k] for k in range(split.parts))
            finish = _Job(job.index, job.path, "finish", pages_read=reads, deadline=job.deadline) \
                if all(reads) else _Job(job.index, job.path, "file", deadline=job.deadline)
            pending.insert(0, finish)

    try:
        while pending or busy:
            dispatch()
            arrivals: list[tuple[_Job, object]] = []
            for conn in wait(list(busy), timeout=_POLL_S):
                worker, job, _ = busy.pop(conn)
                try:
                    result, retiring = conn.recv()
                except (EOFError, OSError):
                    worker.process.join(timeout=5)
                    code = worker.process.exitcode
                    worker.stop(kill=True)
                    result = _failed(src_dir, job.path, "error", "the worker process died while processing the "
                                                                 f"file (exit code {code})")
                else:
                    if retiring:
                        worker.stop()
                    else:
                        idle.append(worker)
                arrivals.append((job, result))
            # Workers get their next jobs before the results are handled (stored, logged), so they do not wait on
            # the parent's disk writes.
            dispatch()
            for job, result in arrivals:
                if job.kind == "part":
                    part_arrived(job, result)
                else:
                    settle(job.index, result)
            now = time.monotonic()
            for conn, (worker, job, deadline) in list(busy.items()):
                if now > deadline:
                    del busy[conn]
                    worker.stop(kill=True)
                    settle(job.index, _failed(
                        src_dir, job.path, "timeout", f"stopped after {time_limit:g} s (the per-document time "
                                                      "limit); raise it with --time-limit if the document is just "
                                                      "large"))
    finally:
        if ahead is not None:
            ahead.close()
        for worker in idle:
            worker.stop()
        for worker, *_ in busy.values():  # only when interrupted: nothing may outlive the call
            worker.stop(kill=True)
    return [results[i] for i in sorted(results)]
