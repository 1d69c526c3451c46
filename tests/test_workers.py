"""Worker processes: reused across documents, replaced when they die or retire, results in input order."""

from __future__ import annotations

import threading
import time
from multiprocessing import Pipe
from pathlib import Path

import psutil
import pytest

from pipeline import workers
from pipeline.workers import process_isolated

REPORT = "The Ministry of Finance reported {n} grants to 12 local associations in 2021.\n"


@pytest.fixture()
def source(tmp_path: Path) -> Path:
    folder = tmp_path / "src"
    folder.mkdir()
    for n in range(6):
        (folder / f"report_{n}.txt").write_text(REPORT.format(n=n + 2), encoding="utf-8")
    return folder


def _workers_now() -> set[int]:
    """Worker pids: the forkserver is this process's child, the workers are the forkserver's children."""
    return {grandchild.pid for child in psutil.Process().children()
            for grandchild in child.children()}


def test_workers_are_reused_across_documents_and_results_keep_input_order(source: Path):
    seen: set[int] = set()
    paths = sorted(source.iterdir())
    results = process_isolated(source, paths, workers=2, on_result=lambda result: seen.update(_workers_now()))
    assert [r.source for r in results] == [p.name for p in paths]
    assert all(r.status == "ok" and r.figures for r in results)
    assert 1 <= len(seen) <= 2, "two workers handle six documents between them"
    assert not _workers_now(), "no worker outlives the call"


def test_a_worker_killed_mid_document_costs_only_that_document(source: Path):
    slow = source / "a_slow.txt"
    slow.write_text("".join(REPORT.format(n=n) for n in range(60000)), encoding="utf-8")
    killed: list[int] = []

    def kill_first_worker() -> None:
        deadline = time.monotonic() + 60
        while not killed and time.monotonic() < deadline:
            for pid in _workers_now():
                time.sleep(0.5)  # well inside the slow document, which takes seconds
                psutil.Process(pid).kill()
                killed.append(pid)
                break
            time.sleep(0.05)

    killer = threading.Thread(target=kill_first_worker)
    killer.start()
    results = process_isolated(source, sorted(source.iterdir()), workers=1, time_limit=None)
    killer.join()
    assert killed
    by_source = {r.source: r for r in results}
    assert by_source["a_slow.txt"].status == "error"
    assert "worker process died" in by_source["a_slow.txt"].error
    assert all(r.status == "ok" for name, r in by_source.items() if name != "a_slow.txt")


def test_a_worker_retires_after_its_document_quota(source: Path, monkeypatch):
    """The worker loop itself (run in a thread here): it answers with its result and whether it retires."""
    monkeypatch.setattr(workers, "WORKER_MAX_DOCUMENTS", 2)
    parent, child = Pipe()
    loop = threading.Thread(target=workers._serve, args=(child,))
    loop.start()
    answers = []
    for path in sorted(source.iterdir())[:2]:
        parent.send((str(source), str(path)))
        answers.append(parent.recv())
    loop.join(timeout=60)
    assert not loop.is_alive(), "a retiring worker ends its loop"
    assert [retiring for _, retiring in answers] == [False, True]
    assert [result.status for result, _ in answers] == ["ok", "ok"]
