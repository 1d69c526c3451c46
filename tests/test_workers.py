"""Worker processes: reused across documents, replaced when they die or retire, results in input order."""

from __future__ import annotations

import threading
import time
from multiprocessing import Pipe
from pathlib import Path

import psutil
import pytest

from pipeline import workers
from pdf_fixtures import write_pdf
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
        parent.send(("file", str(source), str(path), None))
        answers.append(parent.recv())
    loop.join(timeout=60)
    assert not loop.is_alive(), "a retiring worker ends its loop"
    assert [retiring for _, retiring in answers] == [False, True]
    assert [result.status for result, _ in answers] == ["ok", "ok"]


# -- a long PDF read by several workers at once -------------------------------------------------------------

PDF_PAGES = [[f"Section {n}", f"The Ministry of Health trained {n * 10 + 5} nurses in {n + 2} districts.",
              "The evaluation recommends that the ministry should fund refresher courses."] for n in range(9)]


@pytest.fixture()
def splitting(monkeypatch) -> list[int]:
    """Split any PDF of two pages or more (the thresholds are for real reports), recording each decision."""
    monkeypatch.setattr(workers, "SPLIT_MIN_BYTES", 0)
    monkeypatch.setattr(workers, "SPLIT_MIN_PAGES", 2)
    decisions: list[int] = []
    split_count = workers._split_count
    monkeypatch.setattr(workers, "_split_count", lambda *args: decisions.append(split_count(*args)) or decisions[-1])
    return decisions


def _same_as_in_process(folder: Path, result) -> None:
    from pipeline.process import process_file

    assert result == process_file(folder, folder / result.source)


@pytest.mark.parametrize("pages, jobs", [(PDF_PAGES, ["part", "part", "finish"]), (PDF_PAGES[:1], ["part", "part"])],
                         ids=["long: two parts, then finished from them", "one page: part 0 processes it whole"])
def test_a_lone_pdf_is_read_by_both_workers_and_comes_out_the_same(tmp_path: Path, splitting, monkeypatch, pages,
                                                                    jobs):
    sent: list[str] = []
    message = workers._Job.message
    monkeypatch.setattr(workers._Job, "message",
                        lambda job, src, *rest: sent.append(job.kind) or message(job, src, *rest))
    write_pdf(tmp_path / "report.pdf", pages)
    [result] = process_isolated(tmp_path, [tmp_path / "report.pdf"], workers=2)
    assert splitting == [2] and sent == jobs
    assert result.status == "ok" and result.pages == len(pages)
    _same_as_in_process(tmp_path, result)


def test_a_pdf_is_not_split_while_other_documents_wait_or_when_it_is_not_a_pdf(source: Path, splitting):
    write_pdf(source / "a_report.pdf", PDF_PAGES)
    results = process_isolated(source, sorted(source.iterdir()), workers=2)
    assert splitting[0] == 1, "six documents wait behind it: the other worker takes them"
    assert all(r.status == "ok" for r in results)
    splitting.clear()
    [text] = process_isolated(source, [source / "report_0.txt"], workers=2)
    assert splitting == [1] and text.status == "ok"


def test_a_damaged_pdf_split_is_reported_as_when_read_whole(tmp_path: Path, splitting):
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 100)
    [result] = process_isolated(tmp_path, [tmp_path / "broken.pdf"], workers=2)
    assert splitting == [2]
    assert result.status == "corrupt"
    _same_as_in_process(tmp_path, result)
