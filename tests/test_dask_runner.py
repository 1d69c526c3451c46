"""The flow on a local Dask cluster (two worker processes) publishes the same tables as the default runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import main as cli_main
from pipeline.schemas import TABLES

pytestmark = pytest.mark.prefect
RAW = Path(__file__).resolve().parents[1] / "raw"


def test_dask_runner_publishes_the_same_tables(tmp_path, monkeypatch):
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    from flows.ingest import ingest_reports, task_runner

    src = tmp_path / "src"
    shutil.copytree(RAW, src)
    (src / "note.txt").write_text("The Eurasia Foundation awarded 12 grants to 40 CSOs.\n", encoding="utf-8")
    with prefect_test_harness(server_startup_timeout=180):  # generous: CI machines are busy
        # Dask's worker processes take settings from the environment: point them at the harness's API rather
        # than have each start (and on a busy machine, time out starting) a temporary server of its own.
        monkeypatch.setenv("PREFECT_API_URL", PREFECT_API_URL.value())
        summary = ingest_reports.with_options(task_runner=task_runner("dask", workers=2))(
            str(src), str(tmp_path / "dask"))
    assert summary["extracted"] == 3
    assert cli_main(["ingest", str(src), "--out", str(tmp_path / "cli"), "--quiet"]) == 0
    for spec in TABLES:
        if spec.name == "runs":
            continue
        dask_bytes = (tmp_path / "dask" / f"{spec.name}.parquet").read_bytes()
        assert dask_bytes == (tmp_path / "cli" / f"{spec.name}.parquet").read_bytes(), spec.name
    assert len(pd.read_parquet(tmp_path / "dask" / "recommendations.parquet")) > 0
    # The review report is written inside the Dask worker too (its document pages in-process when the worker
    # may not start children), not silently left out.
    assert (tmp_path / "dask" / "report" / "index.html").is_file()
    documents = pd.read_parquet(tmp_path / "dask" / "documents.parquet")
    pages = tmp_path / "dask" / "report" / "documents"
    assert all((pages / f"{doc_id}.html").is_file() for doc_id in documents.doc_id)
