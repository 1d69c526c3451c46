"""The Prefect flow and the plain CLI publish identical tables (one flow run for the whole module)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import main as cli_main
from pipeline.schemas import TABLES

pytestmark = pytest.mark.prefect
RAW = Path(__file__).resolve().parents[1] / "raw"


@pytest.fixture(scope="module")
def both_outputs(tmp_path_factory) -> tuple[Path, Path, dict]:
    from prefect.testing.utilities import prefect_test_harness

    from flows.ingest import ingest_reports  # imported here so collecting other tests never loads Prefect

    src = tmp_path_factory.mktemp("src")
    for path in RAW.iterdir():
        shutil.copy(path, src / path.name)
    flow_out = tmp_path_factory.mktemp("flow_out")
    cli_out = tmp_path_factory.mktemp("cli_out")
    # The harness's temporary API stops inside this fixture, before pytest closes its output capture.
    with prefect_test_harness(server_startup_timeout=180):  # generous: CI machines are busy
        summary = ingest_reports(str(src), str(flow_out))
        summary["artifacts"] = _artifacts()
    assert cli_main(["ingest", str(src), "--out", str(cli_out), "--quiet"]) == 0
    return flow_out, cli_out, summary


def _artifacts() -> dict[str, object]:
    """The latest artifact of each key the flow publishes, read back from the API."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    keys = ["ingest-documents", "ingest-summary"]
    with get_client(sync_client=True) as client:
        found = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=keys)))
    return {artifact.key: artifact for artifact in found}


@pytest.mark.parametrize("table", [spec.name for spec in TABLES if spec.name != "runs"])
def test_flow_and_cli_publish_identical_tables(both_outputs, table):
    flow_out, cli_out, _ = both_outputs
    from_flow = pd.read_parquet(flow_out / f"{table}.parquet")
    from_cli = pd.read_parquet(cli_out / f"{table}.parquet")
    pd.testing.assert_frame_equal(from_flow, from_cli)
    assert (flow_out / f"{table}.parquet").read_bytes() == (cli_out / f"{table}.parquet").read_bytes()


def test_flow_and_cli_record_the_same_run_facts(both_outputs):
    flow_out, cli_out, _ = both_outputs
    facts = [c for c in pd.read_parquet(cli_out / "runs.parquet").columns
             if c not in ("run_id", "started_at", "finished_at")]
    pd.testing.assert_frame_equal(pd.read_parquet(flow_out / "runs.parquet")[facts],
                                  pd.read_parquet(cli_out / "runs.parquet")[facts])


def test_flow_reports_what_it_published(both_outputs):
    flow_out, _, summary = both_outputs
    assert summary["documents"] == len(list(RAW.iterdir()))
    assert Path(summary["version"]).resolve() == (flow_out / "current").resolve()
    assert summary["rows"]["recommendations"] > 0 and summary["rows"]["figures"] > 0


def test_flow_publishes_a_document_table_and_a_summary_artifact(both_outputs):
    _, _, summary = both_outputs
    artifacts = summary["artifacts"]
    assert artifacts["ingest-documents"].type == "table"
    assert {"000_bff2ed9d8e1e0a7f.txt", "004_2daf2edc09ea7d9b.txt"} <= set(
        row["source"] for row in _rows(artifacts["ingest-documents"].data))
    assert artifacts["ingest-summary"].type == "markdown"
    assert "recommendations" in artifacts["ingest-summary"].data


def _rows(data) -> list[dict]:
    import json

    return json.loads(data) if isinstance(data, str) else data


def test_process_task_calls_the_library(tmp_path):
    from flows.ingest import process_report

    (tmp_path / "note.txt").write_text("The Ministry of Water Resources reported 1,200 wells.\n", encoding="utf-8")
    result = process_report.fn(str(tmp_path), str(tmp_path / "note.txt"), time_limit=60)
    assert result.status == "ok"
    assert [f.counted for f in result.figures] == ["wells"]


def test_flow_keeps_the_texts_for_the_report_as_the_cli_does(both_outputs):
    flow_out, cli_out, _ = both_outputs
    kept = sorted(path.name for path in (flow_out / "state" / "texts").iterdir())
    assert len(kept) == pd.read_parquet(flow_out / "documents.parquet")["sha256"].nunique()
    assert kept == sorted(path.name for path in (cli_out / "state" / "texts").iterdir())


def test_process_task_keeps_the_texts_in_the_state_and_returns_the_result_without_them(tmp_path):
    from flows.ingest import process_report
    from pipeline.incremental import load_texts

    text = "The Ministry of Water Resources reported 1,200 wells.\n"
    (tmp_path / "note.txt").write_text(text, encoding="utf-8")
    result = process_report.fn(str(tmp_path), str(tmp_path / "note.txt"), time_limit=60, out_dir=str(tmp_path / "out"))
    assert result.texts is None and [f.counted for f in result.figures] == ["wells"]
    assert load_texts(tmp_path / "out", result.sha256).pages == (text,)
