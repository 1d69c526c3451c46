"""The resolution benchmark runs end to end on a small generated set (speed itself is measured by `make bench`)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench" / "resolve_bench.py"


def load_bench():
    spec = importlib.util.spec_from_file_location("resolve_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_mentions_carry_every_variant_and_their_truth():
    bench = load_bench()
    mentions, truth = bench.generate(2_000, seed=1)
    assert len(mentions) == len(truth) == 2_000
    texts = [m.text for m in mentions]
    assert any(t.startswith("The ") for t in texts) and any(" – " in t for t in texts)
    assert any(m.prov.rule == "acronym_bare" for m in mentions) and any(m.acronym for m in mentions)
    assert any(" in " in t and t.split()[-1] in bench.PLACES for t in texts)
    assert bench.generate(2_000, seed=1)[0] == mentions  # the same seed gives the same set


def test_bcubed_counts_split_and_merged_clusters():
    bench = load_bench()
    assert bench.bcubed(["a", "a", "b", "b"], [1, 1, 2, 2]) == (1.0, 1.0)
    precision, recall = bench.bcubed(["a", "a", "a", "a"], [1, 1, 2, 2])
    assert (precision, recall) == (0.5, 1.0)
    precision, recall = bench.bcubed(["a", "b", None, "c"], [1, 1, 1, 2])
    assert (precision, round(recall, 3)) == (1.0, round(2 / 3, 3))  # unresolved mentions are not scored


def test_the_benchmark_runs_in_a_fresh_process_and_reports_time_memory_and_quality():
    result = load_bench().run(n=2_000, seed=0)
    assert result["n"] == 2_000
    assert result["resolve_100k_s"] > 0 and result["resolve_100k_peak_mb"] > 0
    assert result["true_organisations"] == 100
    assert result["bcubed_P"] >= 0.95 and result["bcubed_R"] >= 0.9
