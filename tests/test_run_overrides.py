"""organisations.yml in the source folder steers resolution in a real run, and is never read as a report."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.run import ingest


@pytest.fixture
def source(tmp_path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("The Eurasia Foundation trained 40 journalists with the Kyrgyz Association of "
                               "Forest Users.\n", encoding="utf-8")
    (src / "b.txt").write_text("The Eurasia Fund and the Kyrgyz Association of Forrest Users published 3 studies.\n",
                               encoding="utf-8")
    return src


def organisation_of(out: Path, text: str) -> str:
    mentions = pd.read_parquet(out / "mentions.parquet")
    return mentions.loc[mentions.text == text, "org_id"].iloc[0]


def test_forced_merge_and_split_apply_to_published_tables(source, tmp_path):
    (source / "organisations.yml").write_text(
        "merge:\n  - [Eurasia Foundation, Eurasia Fund]\n"
        "split:\n  - [Kyrgyz Association of Forest Users, Kyrgyz Association of Forrest Users]\n",
        encoding="utf-8")
    out = tmp_path / "out"
    ingest(source, out)
    assert organisation_of(out, "Eurasia Foundation") == organisation_of(out, "Eurasia Fund")
    assert organisation_of(out, "Kyrgyz Association of Forest Users") != \
        organisation_of(out, "Kyrgyz Association of Forrest Users")
    assert "organisations.yml" not in set(pd.read_parquet(out / "documents.parquet").source)
    links = pd.read_parquet(out / "organisation_links.parquet")
    assert "override" in set(links.reason)


def test_editing_overrides_changes_the_next_run_without_re_extraction(source, tmp_path):
    out = tmp_path / "out"
    ingest(source, out)
    # without overrides: the misspelling merges, the two Eurasia names do not
    assert organisation_of(out, "Kyrgyz Association of Forest Users") == \
        organisation_of(out, "Kyrgyz Association of Forrest Users")
    assert organisation_of(out, "Eurasia Foundation") != organisation_of(out, "Eurasia Fund")
    (source / "organisations.yml").write_text("merge:\n  - [Eurasia Foundation, Eurasia Fund]\n", encoding="utf-8")
    summary = ingest(source, out)
    assert summary.extracted == 0
    assert organisation_of(out, "Eurasia Foundation") == organisation_of(out, "Eurasia Fund")


def test_a_malformed_overrides_file_stops_the_run_with_its_name_and_line(source, tmp_path, capsys):
    (source / "organisations.yml").write_text("merge:\n  - [Eurasia Foundation, Eurasia Fund\n", encoding="utf-8")
    assert main(["ingest", str(source), "--out", str(tmp_path / "out"), "-q"]) == 2
    err = capsys.readouterr().err
    assert "organisations.yml" in err and "line" in err
    assert not (tmp_path / "out" / "current").exists()
