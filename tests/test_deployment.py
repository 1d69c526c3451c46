"""The README's "Scheduling" recipe against a real Prefect server on 127.0.0.1: create the process pool, deploy
both deployments from prefect.yaml, start a worker, trigger `ingest-reports` and find the published tables; then
the `prefect flow serve` alternative.

One server for the whole module. Every command is the `prefect` CLI of the interpreter running the tests, in its
own process group; the fixtures stop the worker, its flow run processes, the serving process and the server even
when a test fails.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pandas as pd
import psutil
import pytest
import yaml

from pipeline.schemas import TABLES

pytestmark = pytest.mark.prefect

REPO_DIR = Path(__file__).resolve().parents[1]
RAW = REPO_DIR / "raw"
PREFECT = str(Path(sys.executable).with_name("prefect"))
POOL = "reports-process"
FLOW = "ingest-reports"
ON_DEMAND = "ingest-reports"
NIGHTLY = "reingest-nightly"
# Bounds, not expectations: the server is up in ~15 s and the flow run takes ~20 s on 2 busy cores.
SERVER_START_TIMEOUT_S = 120
CLI_TIMEOUT_S = 120
FLOW_RUN_TIMEOUT_S = 180
SERVE_START_TIMEOUT_S = 120
STOP_GRACE_S = 15
# The README's serve alternative, word for word.
SERVE_ARGS = ["flow", "serve", "flows/ingest.py:ingest_reports", "--name", NIGHTLY, "--cron", "0 2 * * *",
              "--timezone", "UTC", "--global-limit", "1"]
# Tables the flow fills from the sample reports in raw/ (organisation_links may rightly be empty).
EXTRACTED_TABLES = ("organisations", "mentions", "figures", "recommendations")


def _free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(args: list[str], env: dict[str, str], cwd: Path, log: Path) -> subprocess.Popen:
    """Start a long-running CLI command in its own process group, output to a log file."""
    with log.open("wb") as out:
        return subprocess.Popen(args, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)


def _signal(proc: subprocess.Popen, processes: list[psutil.Process], sig: signal.Signals) -> None:
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:
        pass
    for process in processes:
        try:
            process.send_signal(sig)
        except psutil.NoSuchProcess:
            pass


def _stop(proc: subprocess.Popen) -> None:
    """Stop a process started by _start, its process group and its descendants (a worker starts each flow run in
    a session of its own): SIGTERM, then SIGKILL for whatever is left after STOP_GRACE_S."""
    try:
        descendants = psutil.Process(proc.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        descendants = []
    _signal(proc, descendants, signal.SIGTERM)
    try:
        proc.wait(timeout=STOP_GRACE_S)
    except subprocess.TimeoutExpired:
        pass
    _, alive = psutil.wait_procs(descendants, timeout=STOP_GRACE_S)
    _signal(proc, alive, signal.SIGKILL)
    proc.wait()


def _prefect(env: dict[str, str], *args: str, cwd: Path = REPO_DIR, timeout: float = CLI_TIMEOUT_S,
             check: bool = True) -> subprocess.CompletedProcess:
    """Run one `prefect` CLI command to completion; on failure the assertion shows its output."""
    done = subprocess.run([PREFECT, *args], cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=timeout)
    if check:
        assert done.returncode == 0, f"prefect {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done


def _api(env: dict[str, str], method: str, path: str, body: dict | None = None):
    """One call to the server's REST API (cheaper than a CLI process for reading back what it stored)."""
    request = urllib.request.Request(env["PREFECT_API_URL"] + path, method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        payload = response.read()
    return json.loads(payload) if payload else None


def _deployment(env: dict[str, str], name: str) -> dict | None:
    try:
        return _api(env, "GET", f"/deployments/name/{FLOW}/{name}")
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return None
        raise


def _schedules(deployment: dict) -> list[tuple[str, str, bool]]:
    return [(s["schedule"]["cron"], s["schedule"]["timezone"], s["active"]) for s in deployment["schedules"]]


def _limit(deployment: dict) -> tuple[int, bool] | None:
    limit = deployment["global_concurrency_limit"]
    return None if limit is None else (limit["limit"], limit["active"])


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> dict[str, str]:
    """A Prefect server on a free loopback port; yields the environment every recipe command runs with."""
    home = tmp_path_factory.mktemp("prefect-server-home")
    port = _free_loopback_port()
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1"}
    env.pop("PREFECT_PROFILE", None)
    # --no-scheduler: no run of reingest-nightly's cron may reach this test's worker (its default parameters
    # name the project's own raw/ and processed/).
    proc = _start([PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port), "--no-scheduler"],
                  env, home, home / "server.log")
    try:
        waited = _prefect(env, "server", "status", "--wait", "--timeout", str(SERVER_START_TIMEOUT_S),
                          timeout=SERVER_START_TIMEOUT_S + 30, check=False)
        assert waited.returncode == 0, f"server did not start:\n{(home / 'server.log').read_text(errors='replace')}"
        yield env
    finally:
        _stop(proc)


@pytest.fixture(scope="module")
def deployments(server, tmp_path_factory) -> dict[str, dict]:
    """The recipe's pool and `prefect deploy --all`; returns each deployment as the server stored it."""
    _prefect(server, "work-pool", "create", POOL, "--type", "process")
    # As in a terminal: prompts on (any question reads EOF from stdin and fails the deploy). As when launched by a
    # program rather than a shell: $PWD names another folder, yet the deployments must record the one deploy ran in.
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    _prefect({**server, "PREFECT_CLI_PROMPT": "true", "PWD": str(elsewhere)}, "deploy", "--all")
    return {name: _deployment(server, name) for name in (ON_DEMAND, NIGHTLY)}


def _copy_of_raw(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("src")
    for path in RAW.iterdir():
        shutil.copy(path, src / path.name)
    return src


def _run_and_watch(env: dict[str, str], deployment: str, src: Path, out: Path, log: Path) -> None:
    """The recipe's `prefect deployment run ... --watch`; fails with the run's and the executor's output."""
    run = _prefect(env, "deployment", "run", f"{FLOW}/{deployment}", "-p", f"source_dir={src}", "-p",
                   f"out_dir={out}", "--watch", "--watch-timeout", str(FLOW_RUN_TIMEOUT_S),
                   timeout=FLOW_RUN_TIMEOUT_S + 60, check=False)
    assert run.returncode == 0, (f"flow run of {deployment} did not complete:\n{run.stdout}\n{run.stderr}\n"
                                 f"{log.name}:\n{log.read_text(errors='replace')}")


@pytest.fixture(scope="module")
def worker_run(server, deployments, tmp_path_factory) -> tuple[Path, Path]:
    """A worker started outside the project runs `ingest-reports` on a copy of raw/; returns (copy, output)."""
    src, out = _copy_of_raw(tmp_path_factory), tmp_path_factory.mktemp("worker_out")
    worker_dir = tmp_path_factory.mktemp("worker")
    worker = _start([PREFECT, "worker", "start", "--pool", POOL], server, worker_dir, worker_dir / "worker.log")
    try:
        _run_and_watch(server, ON_DEMAND, src, out, worker_dir / "worker.log")
    finally:
        _stop(worker)
    return src, out


@pytest.fixture(scope="module")
def served(server, deployments, tmp_path_factory) -> dict:
    """The README's `prefect flow serve` alternative, used instead of the work-pool deployment of the same name;
    returns the deployment it registers."""
    _api(server, "DELETE", f"/deployments/{deployments[NIGHTLY]['id']}")
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    serve = _start([PREFECT, *SERVE_ARGS], server, REPO_DIR, log)
    try:
        deadline = time.monotonic() + SERVE_START_TIMEOUT_S
        while (deployment := _deployment(server, NIGHTLY)) is None:
            assert serve.poll() is None, f"prefect flow serve exited:\n{log.read_text(errors='replace')}"
            assert time.monotonic() < deadline, f"nothing served:\n{log.read_text(errors='replace')}"
            time.sleep(1)
    finally:
        _stop(serve)
    return deployment


def _declared() -> dict[str, dict]:
    config = yaml.safe_load((REPO_DIR / "prefect.yaml").read_text(encoding="utf-8"))
    return {d["name"]: d for d in config["deployments"]}


def _assert_published(src: Path, out: Path) -> None:
    documents = pd.read_parquet(out / "documents.parquet")
    assert sorted(documents["source"]) == sorted(p.name for p in src.iterdir())
    assert set(documents["status"]) == {"ok"}
    for spec in TABLES:
        assert (out / f"{spec.name}.parquet").is_file(), spec.name
    for name in EXTRACTED_TABLES:
        assert len(pd.read_parquet(out / f"{name}.parquet")) > 0, name
    assert len(pd.read_parquet(out / "runs.parquet")) == 1


def test_both_deployments_run_the_flow_from_the_project_on_the_process_pool(deployments):
    for name, deployment in deployments.items():
        assert deployment["entrypoint"] == "flows/ingest.py:ingest_reports", name
        assert deployment["work_pool_name"] == POOL, name
        # The worker runs the flow in a temporary folder; this step brings it to the project, where the
        # entrypoint and relative source_dir/out_dir parameters resolve.
        assert deployment["pull_steps"] == [
            {"prefect.deployments.steps.set_working_directory": {"directory": str(REPO_DIR)}}], name
        assert deployment["parameters"] == _declared()[name]["parameters"], name


def test_on_demand_deployment_has_no_schedule(deployments):
    assert deployments[ON_DEMAND]["schedules"] == []


def test_nightly_deployment_keeps_its_cron_and_runs_one_at_a_time(deployments):
    declared = _declared()[NIGHTLY]["schedules"]
    assert declared, "prefect.yaml declares no schedule for reingest-nightly"
    assert _schedules(deployments[NIGHTLY]) == [(s["cron"], s["timezone"], True) for s in declared]
    # Prefect 3 keeps a deployment's concurrency limit as a global concurrency limit of its own.
    assert _limit(deployments[NIGHTLY]) == (1, True)


def test_worker_publishes_the_tables(worker_run):
    _assert_published(*worker_run)


def test_worker_run_is_recorded_with_its_artifacts(server, deployments, worker_run):
    runs = _api(server, "POST", "/flow_runs/filter", {"flow_runs": {"deployment_id": {
        "any_": [deployments[ON_DEMAND]["id"]]}}})
    assert [r["state_type"] for r in runs] == ["COMPLETED"]
    artifacts = _api(server, "POST", "/artifacts/filter", {"artifacts": {"flow_run_id": {"any_": [runs[0]["id"]]}}})
    assert {a["key"] for a in artifacts} >= {"ingest-documents", "ingest-summary"}


def test_serve_alternative_keeps_the_schedule_and_the_limit(deployments, served):
    # Served, the deployment is on no work pool: its runs execute in the serving process.
    assert served["work_pool_name"] is None
    assert served["entrypoint"] == "flows/ingest.py:ingest_reports"
    assert _schedules(served) == _schedules(deployments[NIGHTLY])
    assert _limit(served) == (1, True)
