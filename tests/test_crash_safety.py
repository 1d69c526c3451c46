"""Crash safety and isolation: kill -9 at any moment leaves the published dataset complete and readable and the
next run succeeds; the pipeline runs with network sockets blocked; nothing is written outside OUT_DIR."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipeline.schemas import TABLES

ROOT = Path(__file__).resolve().parents[1]
# Points (fractions of a full run's duration) at which the run is killed: start-up, extraction, publishing.
KILL_FRACTIONS = (0.3, 0.6, 0.8, 0.9, 0.95, 0.99)


def cli(src: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", "ingest", str(src), "--out", str(out), "--quiet", *extra]


@pytest.fixture
def source(tmp_path) -> Path:
    """The programme page and two notes: small, so a run is mostly start-up, resolution and publishing."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "programme.txt").write_bytes((ROOT / "raw" / "000_bff2ed9d8e1e0a7f.txt").read_bytes())
    (src / "audit.txt").write_text("Recommendations\n\n1. The Secretary of State should verify 1,200 wells.\n",
                                   encoding="utf-8")
    (src / "note.txt").write_text("The Eurasia Foundation awarded 12 grants to 40 CSOs.\n", encoding="utf-8")
    return src


def published(out: Path) -> dict[str, pd.DataFrame]:
    """Read every table through the top-level names, and the DuckDB copy: all must be readable and agree."""
    frames = {spec.name: pd.read_parquet(out / f"{spec.name}.parquet") for spec in TABLES}
    with duckdb.connect(str(out / "dataset.duckdb"), read_only=True) as con:
        for name, frame in frames.items():
            assert con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] == len(frame), name
    return frames


def test_kill_9_at_any_point_keeps_the_previous_dataset_and_the_next_run_succeeds(source, tmp_path):
    out = tmp_path / "out"
    started = time.monotonic()
    subprocess.run(cli(source, out), check=True, cwd=ROOT)
    duration = time.monotonic() - started
    baseline = {name: frame.drop(columns=["started_at", "finished_at"], errors="ignore")
                for name, frame in published(out).items() if name != "runs"}
    # A changed document makes every later run re-extract and publish a new version, so kills land in
    # extraction and in publishing, not only in a no-op run.
    for number, fraction in enumerate(KILL_FRACTIONS):
        (source / "note.txt").write_text(f"The Eurasia Foundation awarded {number + 13} grants.\n", encoding="utf-8")
        process = subprocess.Popen(cli(source, out, "--force"), cwd=ROOT, start_new_session=True,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * fraction)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        frames = published(out)  # whatever was current is complete and readable
        assert set(frames["documents"].source) == set(baseline["documents"].source)
        for name in ("organisations", "mentions", "recommendations"):
            assert len(frames[name]) > 0, name
    (source / "note.txt").write_text("The Eurasia Foundation awarded 12 grants to 40 CSOs.\n", encoding="utf-8")
    subprocess.run(cli(source, out), check=True, cwd=ROOT)
    frames = published(out)
    for name, frame in baseline.items():
        pd.testing.assert_frame_equal(frames[name], frame, obj=name)
    assert not list((out / "versions").glob(".staging-*")), "a killed run's staging folder was not cleaned up"


SOCKET_GUARD = textwrap.dedent("""
    import socket

    _connect = socket.socket.connect

    def guarded_connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            raise OSError("network access is blocked in this test: " + repr(address))
        return _connect(self, address)

    def guarded_create_connection(address, *args, **kwargs):
        raise OSError("network access is blocked in this test: " + repr(address))

    socket.socket.connect = guarded_connect
    socket.create_connection = guarded_create_connection
""")


def test_runs_with_network_sockets_blocked_and_writes_only_inside_out_dir(source, tmp_path):
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(SOCKET_GUARD, encoding="utf-8")  # loaded by every Python process
    home = tmp_path / "home"
    home.mkdir()
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(guard), str(ROOT)]), "HOME": str(home),
           "TMPDIR": str(tmp_path / "tmp")}
    (tmp_path / "tmp").mkdir()
    before = sorted(p.name for p in tmp_path.iterdir())
    result = subprocess.run(cli(source, out), cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "network access is blocked" not in result.stderr
    assert all(status == "ok" for status in published(out)["documents"].status)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(before + ["out"])
    assert not any(home.iterdir()), f"wrote into HOME: {list(home.iterdir())}"
    assert sorted(p.name for p in source.iterdir()) == ["audit.txt", "note.txt", "programme.txt"], \
        "the source folder was modified"
