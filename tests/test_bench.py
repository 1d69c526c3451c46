"""The benchmark runs end to end at small sizes and reports every number it promises (not how fast: speed is
what `make bench` measures, on a quiet machine, at full size)."""

from __future__ import annotations

import json
import math
import subprocess
import sys

from conftest import REPO_DIR

if str(REPO_DIR) not in sys.path:
    sys.path.insert(0, str(REPO_DIR))  # bench/ is run from the checkout, not installed (also under plain `pytest`)
from bench.inputs import LINES_PER_PAGE, report_pages, write_documents, write_report  # noqa: E402

PAGES, DOCS, MENTIONS = 6, 6, 500
# Every key of the JSON line with the sane range of its value (seconds and megabytes are positive and finite).
POSITIVE = ("pages_per_s", "ratio_to_pdfplumber", "speedup_2_workers", "speedup_2_workers_pdf",
            "speedup_2_workers_docs", "peak_rss_mb_400_pages", "peak_rss_mb_quarter_pages",
            "peak_rss_largest_process_mb_400_pages", "peak_rss_sum_mb_400_pages", "reingest_unchanged_s_200_docs",
            "reingest_unchanged_call_s_200_docs", "resolve_100k_s", "resolve_100k_peak_mb", "baseline_s",
            "pipeline_1_worker_s", "docs_per_s_2_workers")


def test_report_pages_are_full_and_numbered():
    pages = report_pages(3)
    assert len(pages) == 3
    assert all(len(page) == LINES_PER_PAGE for page in pages)
    assert [page[-1] for page in pages] == ["1", "2", "3"]
    assert sum(len(line) for line in pages[1]) > 2000  # text-heavy: most lines are full


def test_documents_are_distinct_and_of_every_kind(tmp_path):
    paths = write_documents(tmp_path, 6)
    assert {p.suffix for p in paths} == {".txt", ".html", ".pdf"}
    assert len({p.read_bytes() for p in paths}) == 6  # identical files would be skipped as duplicates


def test_report_pdf_reads_back_with_every_page(tmp_path):
    from pipeline.read import read_document

    path = write_report(tmp_path / "report.pdf", 2)
    raw = read_document(path, path.read_bytes())
    assert len(raw.pages) == 2
    assert "Central Asia" in raw.pages[0] and raw.pages[1].rstrip().endswith("2")


def test_benchmark_runs_and_reports_every_number(tmp_path):
    out = subprocess.run([sys.executable, "-m", "bench.run_bench", "--pages", str(PAGES), "--docs", str(DOCS),
                          "--mentions", str(MENTIONS), "--workdir", str(tmp_path)],
                         cwd=REPO_DIR, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    summary = json.loads(out.stdout.strip().splitlines()[-1])
    for key in POSITIVE:
        assert isinstance(summary[key], (int, float)) and math.isfinite(summary[key]) and summary[key] > 0, key
    assert summary["pages"] == PAGES and summary["docs"] == DOCS and summary["mentions"] == MENTIONS
    assert isinstance(summary["memory_flat"], bool)
    assert math.isfinite(summary["memory_growth_mb_per_100_pages"])
    # The pipeline holds at least a Python interpreter with pandas and spaCy: tens of megabytes, not bytes.
    assert summary["peak_rss_mb_400_pages"] > 50
    assert "Stage breakdown" in out.stdout and "Targets (issue 7)" in out.stdout


def test_warm_ingest_probe_times_a_full_second_run(tmp_path):
    """--warm runs the pipeline first on a few of the files, elsewhere: the timed run still processes every file
    into OUT (it is not a re-ingest of what the warm-up wrote), and reports no CPU time (it would include the
    warm-up's processes)."""
    src = tmp_path / "src"
    write_documents(src, 5)
    out = subprocess.run([sys.executable, "-m", "bench.probes", "ingest", str(src), str(tmp_path / "out"),
                          "--workers", "1", "--warm"], cwd=REPO_DIR, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["warm"] is True and result["cpu_s"] is None
    assert result["documents"] == 5 and result["extracted"] == 5 and result["statuses"] == {"ok": 5}
    assert result["seconds"] > 0 and not list(src.glob("out*"))
