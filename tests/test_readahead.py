"""Reading ahead while the workers warm up (pipeline.readahead): a document read ahead is processed from what was
read, as if the worker had read it; anything the read-ahead process did not read, or read from other bytes, is
read by the worker as usual."""

from __future__ import annotations

import dataclasses
import pickle
import time
from pathlib import Path

from pipeline import readahead
from pipeline.process import process_file
from pipeline.workers import process_isolated, start_read_ahead
from pdf_fixtures import write_garbage_pdf, write_pdf

SENTENCES = ["The Rural Water Foundation drilled {n} wells with the Ministry of Water Resources.",
             "The Global School Meals Alliance fed {n} pupils with UNICEF in {n} districts."]


def write_folder(folder: Path, count: int) -> list[Path]:
    """`count` small documents, text and PDF in turn, and one PDF that is not a PDF."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        lines = [sentence.format(n=10 + number) for sentence in SENTENCES]
        if number % 2:
            paths.append(write_pdf(folder / f"review-{number:02d}.pdf", [lines]))
        else:
            path = folder / f"review-{number:02d}.txt"
            path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
            paths.append(path)
    paths.append(write_garbage_pdf(folder / "broken.pdf"))
    return paths


def test_read_ahead_files_hold_what_a_worker_would_read(tmp_path):
    paths = write_folder(tmp_path / "src", 4)
    folder = tmp_path / "ahead"
    folder.mkdir()
    readahead.read_all(tmp_path / "src", folder, list(enumerate(paths)))
    assert sorted(p.name for p in folder.iterdir()) == [f"{i}.pickle" for i in range(4)], \
        "every readable document, and not the broken one (its worker reads it and says why)"
    sha256, raw = readahead.load(folder / "1.pickle")
    assert "Rural Water Foundation" in raw.pages[0] and len(sha256) == 64


def test_a_document_read_ahead_is_not_read_again(tmp_path):
    (path,) = write_folder(tmp_path / "src", 1)[:1]
    folder = tmp_path / "ahead"
    folder.mkdir()
    readahead.read_all(tmp_path / "src", folder, [(0, path)])
    sha256, raw = readahead.load(folder / "0.pickle")
    edited = dataclasses.replace(raw, pages=(raw.pages[0].replace("Rural Water Foundation", "Urban Power Agency"),))
    used = process_file(tmp_path / "src", path, read_ahead=(sha256, edited))
    assert any(m.text == "Urban Power Agency" for m in used.mentions), "the pages read ahead are the ones used"
    stale = process_file(tmp_path / "src", path, read_ahead=("0" * 64, edited))
    assert any(m.text == "Rural Water Foundation" for m in stale.mentions), "other bytes: the file is read again"


def test_no_read_ahead_for_one_worker_or_a_few_documents(tmp_path):
    paths = write_folder(tmp_path / "src", 12)
    assert start_read_ahead(tmp_path / "src", paths, workers=1) is None
    assert start_read_ahead(tmp_path / "src", paths[:readahead.READ_AHEAD_MIN_DOCUMENTS - 1], workers=2) is None


def test_workers_process_what_was_read_ahead_and_read_the_rest(tmp_path):
    paths = write_folder(tmp_path / "src", 12)
    ahead = start_read_ahead(tmp_path / "src", paths, workers=2)
    assert ahead is not None
    deadline = time.monotonic() + 120
    while len(list(ahead.folder.glob("*.pickle"))) < 12 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ahead.take(11) is not None and ahead.take(12) is None, "read all but the broken PDF"
    sha256, raw = readahead.load(ahead.take(0))
    edited = dataclasses.replace(raw, pages=(raw.pages[0].replace("Rural Water Foundation", "Urban Power Agency"),))
    ahead.take(0).write_bytes(pickle.dumps((sha256, edited)))
    with_ahead = process_isolated(tmp_path / "src", paths, workers=2, ahead=ahead)
    assert ahead._process is None and not ahead.folder.exists(), "stopped and removed when the run is done"
    assert any(m.text == "Urban Power Agency" for m in with_ahead[0].mentions), "workers took what was read ahead"
    without = process_isolated(tmp_path / "src", paths, workers=1)
    assert [dataclasses.replace(r, texts=None) for r in with_ahead[1:]] == \
        [dataclasses.replace(r, texts=None) for r in without[1:]]
    assert with_ahead[-1].status != "ok" and all(r.status == "ok" for r in with_ahead[:-1])
