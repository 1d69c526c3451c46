"""Forced merges and splits from organisations.yml win over automatic resolution; bad files fail clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.records import Mention, Provenance
from pipeline.resolve import resolve
from pipeline.resolve.overrides import MergeRule, Overrides, OverridesError, SplitRule, load_overrides


def mention(text: str, doc: int = 1, *, acronym: str | None = None, rule: str = "org_head_shape",
            at: int = 0) -> Mention:
    return Mention(text, "cso", acronym, None, Provenance(f"doc_{doc:016x}", 1, at, at + len(text), at,
                                                          at + len(text), None, rule))


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "organisations.yml").write_text(text, encoding="utf-8")
    return tmp_path


# -- the file ---------------------------------------------------------------------------------------------------

def test_no_file_means_no_overrides(tmp_path):
    overrides = load_overrides(tmp_path)
    assert (overrides.merges, overrides.splits) == ((), ())


def test_both_entry_forms_are_read_with_their_lines(tmp_path):
    overrides = load_overrides(write(tmp_path, """\
# analyst decisions
merge:
  - [Civil Society Development Association, ARGO]
  - names: [Innovation for Change Central Asia, I4C Hub]
    name: Innovation for Change – Central Asia Hub
split:
  - [Innovation for Change, Innovation for Change Central Asia Hub]
"""))
    assert overrides.merges == (
        MergeRule(("Civil Society Development Association", "ARGO"), None, 3),
        MergeRule(("Innovation for Change Central Asia", "I4C Hub"), "Innovation for Change – Central Asia Hub", 4))
    assert overrides.splits == (SplitRule(("Innovation for Change", "Innovation for Change Central Asia Hub"), 7),)


@pytest.mark.parametrize(("text", "line", "message"), [
    ("merge:\n  - [A Foundation, B Foundation\n", 3, "not valid YAML"),
    ("merges:\n  - [A Foundation, B Foundation]\n", 1, "unknown key 'merges'"),
    ("merge:\n  - [A Foundation]\n", 2, "at least two names"),
    ("merge:\n  - [A Foundation, B Foundation]\n  - [C Fund, [D Fund]]\n", 3, "non-empty string"),
    ("split:\n  - names: [A Foundation, B Foundation]\n    name: A\n", 2, "unknown field(s) name"),
    ("merge: [A Foundation, B Foundation]\n", 1, "must be a list of names"),
    ("- [A Foundation, B Foundation]\n", 1, "expected a mapping"),
    ("merge:\n  - [A Fund, B Fund]\n  - [B Fund, C Fund]\nsplit:\n  - [A Fund, C Fund]\n", 5, "merged by the 'merge'"),
    ("split:\n  - [The A Fund, a fund]\n", 2, "same name"),
    ("split:\n  - [USAID, U.S. Agency for International Development]\n", 2, "gazetteer organisation 'usaid'"),
])
def test_a_malformed_file_names_the_file_and_line(tmp_path, text, line, message):
    with pytest.raises(OverridesError) as error:
        load_overrides(write(tmp_path, text))
    assert str(error.value).startswith(f"{tmp_path / 'organisations.yml'}, line {line}: ")
    assert message in str(error.value)


def test_an_empty_file_is_no_overrides(tmp_path):
    assert load_overrides(write(tmp_path, "# nothing yet\n")) == Overrides(source=str(tmp_path / "organisations.yml"))


# -- decisions --------------------------------------------------------------------------------------------------

def test_a_forced_merge_joins_what_resolution_keeps_apart():
    mentions = [mention("Institute for Monitoring the Formation of Civil Society", 1),
                mention("Independent Institute for Monitoring the Formation of Civil Society", 2),
                mention("MIT", 3, rule="acronym_bare"), mention("Massachusetts Institute of Technology", 4)]
    assert len(resolve(mentions).organisations) == 3  # MIT never appears beside its name, so it is dropped
    overrides = Overrides(merges=(
        MergeRule(("Institute for Monitoring the Formation of Civil Society",
                   "Independent Institute for Monitoring the Formation of Civil Society"), None, 2),
        MergeRule(("Massachusetts Institute of Technology", "MIT"), "MIT", 3)))
    resolution = resolve(mentions, overrides)
    assert len(resolution.organisations) == 2 and set(resolution.mention_org) == {0, 1, 2, 3}
    assert resolution.mention_org[0] == resolution.mention_org[1]
    assert resolution.mention_org[2] == resolution.mention_org[3]
    assert {o.name for o in resolution.organisations} == {
        "Independent Institute for Monitoring the Formation of Civil Society", "MIT"}
    assert sorted(link.reason for link in resolution.links) == ["override", "override"]


def test_a_forced_split_wins_over_spelling_designator_and_acronym_links():
    mentions = [mention("Kyrgyz Association of Forest Users", 1), mention("Kyrgyz Assocation of Forest Users", 2),
                mention("Equity Lab", 1, at=50), mention("Equity Lab NGO", 2, at=50),
                mention("Civil Society Development Association", 3, acronym="ARGO", rule="acronym_definition"),
                mention("ARGO", 4, rule="acronym_bare")]
    automatic = resolve(mentions)
    assert len(automatic.organisations) == 3
    overrides = Overrides(splits=(SplitRule(("Kyrgyz Association of Forest Users",
                                             "Kyrgyz Assocation of Forest Users"), 2),
                                  SplitRule(("Equity Lab", "Equity Lab NGO"), 3),
                                  SplitRule(("Civil Society Development Association", "ARGO"), 4)))
    resolution = resolve(mentions, overrides)
    assert resolution.mention_org[0] != resolution.mention_org[1]
    assert resolution.mention_org[2] != resolution.mention_org[3]  # same base key, still two distinct ids
    assert 5 not in resolution.mention_org  # ARGO may no longer join the only name that declares it
    assert len({o.org_id for o in resolution.organisations}) == len(resolution.organisations) == 5


def test_override_entries_that_match_nothing_are_reported():
    overrides = Overrides(merges=(MergeRule(("Nowhere Fund", "Elsewhere Trust"), None, 2),),
                          splits=(SplitRule(("Aga Khan Foundation", "Nowhere Fund"), 4),), source="raw/organisations.yml")
    resolution = resolve([mention("Aga Khan Foundation", 1)], overrides)
    assert resolution.notes == ("raw/organisations.yml, line 4: split names not found together: Aga Khan Foundation, "
                                "Nowhere Fund",
                                "raw/organisations.yml, line 2: merge names not found: Nowhere Fund, Elsewhere Trust")


def gazetteer_mention(text: str, known_id: str, doc: int = 1) -> Mention:
    return Mention(text, "international", None, known_id, Provenance(f"doc_{doc:016x}", 1, 0, len(text), 0, len(text),
                                                                     None, "gazetteer"))


@pytest.mark.parametrize("written", ["United States Agency for International Development", "USAID",
                                     "US Agency for International Development"])
def test_a_gazetteer_organisation_is_found_by_its_name_variant_or_acronym(written):
    mentions = [gazetteer_mention("United States Agency for International Development", "usaid", 1),
                mention("Agency for Development Aid of the United States", 2)]
    assert len(resolve(mentions).organisations) == 2
    overrides = Overrides(merges=(MergeRule((written, "Agency for Development Aid of the United States"), "USAID", 3),))
    resolution = resolve(mentions, overrides)
    assert resolution.notes == ()
    assert resolution.mention_org[0] == resolution.mention_org[1]
    assert [o.name for o in resolution.organisations] == ["USAID"]


def test_a_forced_split_separates_a_gazetteer_organisation_from_a_look_alike():
    mentions = [gazetteer_mention("Aga Khan Foundation", "akf", 1), mention("Aga Khan Foundation Tajikistan", 2)]
    overrides = Overrides(splits=(SplitRule(("Aga Khan Foundation", "Aga Khan Foundation Tajikistan"), 2),))
    resolution = resolve(mentions, overrides)
    assert resolution.notes == ()
    assert resolution.mention_org[0] != resolution.mention_org[1]
