"""Organisation resolution across documents: variants merge, look-alikes stay apart, ids are stable."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.extract.organisations import extract_mentions
from pipeline.process import parse
from pipeline.records import Mention, Provenance, RawDocument
from pipeline.resolve import resolve
from pipeline.resolve.keys import acronym_key, blocking_keys, name_key

REPO_DIR = Path(__file__).resolve().parent.parent


def mention(text: str, doc: int = 1, *, acronym: str | None = None, known_id: str | None = None,
            rule: str = "org_head_shape", org_type: str = "cso", at: int = 0) -> Mention:
    prov = Provenance(f"doc_{doc:016x}", 1, at, at + len(text), at, at + len(text), None, rule)
    return Mention(text, org_type, acronym, known_id, prov)


def org_of(resolution, index: int):
    org_id = resolution.mention_org[index]
    return next(o for o in resolution.organisations if o.org_id == org_id)


def mentions_from(*documents: str) -> list[Mention]:
    found = []
    for number, text in enumerate(documents, start=1):
        found += extract_mentions(parse(f"doc_{number:016x}", RawDocument("text/plain", (text,))))
    return found


# -- name keys ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "key"), [
    ("The Civil Society Development Association,", "civil society development association"),
    ("United Nations Development Programme", "united nation development program"),
    ("United Nations Development Program", "united nation development program"),
    ("U.S. Agency for International Development", "us agency for international development"),
    ("Centre for Labour Rights & Education", "center for labor right and education"),
    ("Fondation Société Civile", "fondation societe civile"),
    ("Ministry of Health (www.health.gov.kg)", "ministry of health"),
])
def test_name_key(name, key):
    assert name_key(name) == key


def test_acronym_and_blocking_keys():
    assert acronym_key("I4C CA") == "i4cca"
    assert acronym_key("U.N.") == "un"
    assert blocking_keys("civil society development association") == [
        "first:civil", "initials:csda", "pair:association civil"]


# -- variants merge -----------------------------------------------------------------------------------------

def test_argo_variants_across_documents_are_one_organisation():
    mentions = [
        mention("Civil Society Development Association", 1, acronym="ARGO"),  # "... Association – ARGO"
        mention("Civil Society Development Association", 2, acronym="ARGO", rule="acronym_definition"),  # "(ARGO)"
        mention("Civil Society Development Association", 3, acronym="ARGO", at=4),  # "The ..., ARGO"
        mention("ARGO", 4, rule="acronym_bare", org_type="other"),
    ]
    resolution = resolve(mentions)
    assert len(resolution.organisations) == 1
    assert set(resolution.mention_org) == {0, 1, 2, 3}
    org = resolution.organisations[0]
    assert (org.name, org.acronym, org.type, org.mention_count, org.document_count) == (
        "Civil Society Development Association", "ARGO", "cso", 4, 4)
    assert org.aliases == ("ARGO",)


def test_argo_variants_extracted_from_text_are_one_organisation():
    mentions = mentions_from(
        "The $4.9 million program is implemented by the Civil Society Development Association – ARGO in Almaty.",
        "Our partner, the Civil Society Development Association (ARGO), hosted the regional forum.",
        "The Civil Society Development Association, ARGO, published the annual report.",
        "ARGO also trained 40 mentors in Osh.",
    )
    resolution = resolve(mentions)
    resolved = {mentions[i].prov.doc_id for i in resolution.mention_org}
    assert resolved == {f"doc_{n:016x}" for n in (1, 2, 3, 4)}
    assert len(set(resolution.mention_org.values())) == 1
    org = resolution.organisations[0]
    assert (org.name, org.acronym, org.document_count) == ("Civil Society Development Association", "ARGO", 4)


def test_a_bracketed_short_name_declares_it_for_bare_uses():
    # "(ARGO)" is not an initialism of the name, but brackets right after a name still declare its short form.
    mentions = mentions_from("The Civil Society Development Association (ARGO) hosted the forum.",
                             "ARGO later trained 40 mentors in Osh.")
    resolution = resolve(mentions)
    bare = [i for i, m in enumerate(mentions) if m.text == "ARGO"]
    assert bare and all(i in resolution.mention_org for i in bare)
    assert org_of(resolution, bare[0]).name == "Civil Society Development Association"


def test_usaid_long_form_and_acronym_are_one_organisation():
    mentions = mentions_from(
        "The United States Agency for International Development (USAID) funded the activity.",
        "USAID staff monitored the grants. Officials at the U.S. Agency for International Development agreed.",
    )
    resolution = resolve(mentions)
    assert len(resolution.organisations) == 1
    org = resolution.organisations[0]
    assert (org.name, org.acronym, org.type) == ("United States Agency for International Development", "USAID",
                                                 "international")
    assert org.mention_count == len(mentions) and org.document_count == 2


def test_program_and_programme_spellings_merge_without_the_gazetteer():
    mentions = [mention("United Nations Development Program", 1, org_type="international"),
                mention("United Nations Development Programme", 2, org_type="international")]
    resolution = resolve(mentions)
    assert len(resolution.organisations) == 1
    assert resolution.mention_org[0] == resolution.mention_org[1]
    assert resolution.organisations[0].aliases  # the other spelling is kept as an alias


def test_gazetteer_variants_merge():
    mentions = mentions_from("The United Nations Development Program supported the census.",
                             "The United Nations Development Programme (UNDP) funded the survey. UNDP agreed.")
    resolution = resolve(mentions)
    assert len(resolution.organisations) == 1
    org = resolution.organisations[0]
    # the bracketed acronym is part of the defining mention, not a mention of its own
    assert (org.name, org.acronym, org.mention_count) == ("United Nations Development Programme", "UNDP", 3)


def test_small_spelling_differences_merge_fuzzily_with_an_audit_link():
    mentions = [mention("Kyrgyz Association of Forest Users", 1), mention("Kyrgyz Assocation of Forest Users", 2)]
    resolution = resolve(mentions)
    assert len(resolution.organisations) == 1
    assert [link.reason for link in resolution.links] == ["fuzzy"]
    assert 90 <= resolution.links[0].score < 100


# -- hard negatives -----------------------------------------------------------------------------------------

def test_undp_and_unicef_stay_apart():
    mentions = mentions_from("UNDP and UNICEF signed a joint workplan.",
                             "The United Nations Children's Fund (UNICEF) and the United Nations Development "
                             "Programme (UNDP) reported jointly.")
    resolution = resolve(mentions)
    names = sorted(o.name for o in resolution.organisations)
    assert names == ["United Nations Children's Fund", "United Nations Development Programme"]


def test_undp_and_unicef_stay_apart_without_the_gazetteer():
    mentions = [mention("United Nations Development Programme", 1, acronym="UNDP", org_type="international"),
                mention("United Nations Children's Fund", 1, acronym="UNICEF", org_type="international", at=50),
                mention("UNDP", 2, rule="acronym_bare"), mention("UNICEF", 2, rule="acronym_bare", at=10)]
    resolution = resolve(mentions)
    assert len(resolution.organisations) == 2
    assert resolution.mention_org[0] == resolution.mention_org[2]
    assert resolution.mention_org[1] == resolution.mention_org[3]
    assert resolution.mention_org[0] != resolution.mention_org[1]


def test_a_network_and_its_regional_hub_stay_apart():
    mentions = [mention("Innovation for Change", 1, acronym="I4C", org_type="network"),
                mention("Innovation for Change Central Asia Hub", 1, org_type="network", at=40),
                mention("I4C", 2, rule="acronym_bare")]
    resolution = resolve(mentions)
    assert len(resolution.organisations) == 2
    assert resolution.mention_org[0] != resolution.mention_org[1]
    assert resolution.mention_org[2] == resolution.mention_org[0]


def test_a_generic_phrase_does_not_absorb_a_named_organisation():
    mentions = [mention("Civil Society", 1), mention("Civil Society Development Association", 2)]
    resolution = resolve(mentions)
    assert resolution.mention_org[0] != resolution.mention_org[1]


def test_similar_names_with_different_declared_acronyms_stay_apart():
    mentions = [mention("Union of Women Entrepreneurs", 1, acronym="UWE"),
                mention("Union of Young Entrepreneurs", 2, acronym="UYE")]
    resolution = resolve(mentions)
    assert len(resolution.organisations) == 2


# -- undefined acronyms ---------------------------------------------------------------------------------------

def test_bare_acronyms_that_nothing_defines_are_dropped():
    mentions = [mention("QRX", 1, rule="acronym_bare", org_type="other"),
                mention("Aga Khan Foundation", 1, org_type="fund", at=20)]
    resolution = resolve(mentions)
    assert 0 not in resolution.mention_org
    assert [o.name for o in resolution.organisations] == ["Aga Khan Foundation"]


def test_a_bare_acronym_defined_in_another_document_is_kept():
    mentions = [mention("QRX", 1, rule="acronym_bare", org_type="other"),
                mention("Qazaq Rural Exchange", 2, acronym="QRX", rule="acronym_definition", org_type="other")]
    resolution = resolve(mentions)
    assert resolution.mention_org[0] == resolution.mention_org[1]
    assert resolution.organisations[0].document_count == 2


def test_an_acronym_claimed_by_two_different_names_is_left_unresolved():
    mentions = [mention("Public Health Association", 1, acronym="PHA"),
                mention("Pamir Highway Alliance", 2, acronym="PHA", org_type="network"),
                mention("PHA", 3, rule="acronym_bare")]
    resolution = resolve(mentions)
    assert resolution.mention_org[0] != resolution.mention_org[1]
    assert 2 not in resolution.mention_org


# -- determinism ----------------------------------------------------------------------------------------------

DETERMINISM_SCRIPT = """
import json, sys
from pipeline.records import Mention, Provenance
from pipeline.resolve import resolve
rows = json.loads(sys.stdin.read())
mentions = [Mention(r["text"], r["org_type"], r["acronym"], r["known_id"],
                    Provenance(r["doc_id"], 1, r["at"], r["at"] + len(r["text"]), r["at"], r["at"] + len(r["text"]),
                               None, r["rule"])) for r in rows]
resolution = resolve(mentions)
print(json.dumps({"orgs": [[o.org_id, o.name, o.acronym, list(o.aliases)] for o in resolution.organisations],
                  "mention_org": sorted(resolution.mention_org.items()),
                  "links": [[l.left, l.right, l.score, l.reason] for l in resolution.links]}))
"""

DETERMINISM_MENTIONS = [
    mention("Civil Society Development Association", 1, acronym="ARGO"),
    mention("The Civil Society Development Association", 2, acronym="ARGO", at=30),
    mention("ARGO", 3, rule="acronym_bare"),
    mention("United Nations Development Program", 1, org_type="international", at=90),
    mention("United Nations Development Programme", 2, org_type="international", at=120),
    mention("Kyrgyz Association of Forest Users", 1, at=160),
    mention("Kyrgyz Assocation of Forest Users", 3, at=200),
    mention("Innovation for Change", 2, acronym="I4C", org_type="network", at=240),
    mention("Innovation for Change Central Asia Hub", 3, org_type="network", at=280),
]


def _resolve_in_subprocess(mentions: list[Mention], hash_seed: str) -> dict:
    rows = [{"text": m.text, "org_type": m.org_type, "acronym": m.acronym, "known_id": m.known_id,
             "doc_id": m.prov.doc_id, "at": m.prov.start, "rule": m.prov.rule} for m in mentions]
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    out = subprocess.run([sys.executable, "-c", DETERMINISM_SCRIPT], input=json.dumps(rows), capture_output=True,
                         text=True, cwd=REPO_DIR, env=env, check=True, timeout=120)
    return json.loads(out.stdout)


def test_org_ids_are_deterministic_across_runs():
    # Different hash seeds change set and dict iteration order of strings; ids and clusters must not change.
    first = _resolve_in_subprocess(DETERMINISM_MENTIONS, "1")
    second = _resolve_in_subprocess(DETERMINISM_MENTIONS, "2024")
    assert first == second
    assert len(first["orgs"]) == 5


def test_org_ids_do_not_depend_on_mention_order():
    forward = resolve(DETERMINISM_MENTIONS)
    backward = resolve(list(reversed(DETERMINISM_MENTIONS)))
    assert [(o.org_id, o.name, o.mention_count) for o in forward.organisations] == \
        [(o.org_id, o.name, o.mention_count) for o in backward.organisations]


def test_org_id_is_derived_from_the_canonical_name():
    first = resolve([mention("Aga Khan Foundation", 1, org_type="fund")])
    second = resolve([mention("Aga Khan Foundation", 7, org_type="fund"), mention("Eurasia Foundation", 7, at=40)])
    assert first.organisations[0].org_id in {o.org_id for o in second.organisations}
    assert first.organisations[0].org_id.startswith("org_") and len(first.organisations[0].org_id) == 16
