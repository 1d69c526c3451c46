"""End to end on full-length reports in the styles of the unseen test set (a UN evaluation as PDF and as HTML,
a GAO audit, an OIG audit; see report_fixtures.py): read, normalise, structure, extract and resolve through the
real pipeline, then score against what an annotator marks in each document, with the issue's thresholds.

The expected lists below were written from the documents' text, not from the pipeline's output. Scoring follows
../shared/eval/score.py: recommendations match one to one on fuzzy text (ratio >= 90) and their audience on
normalised text; organisations are found when any printed form of the organisation is a published name, alias,
acronym or mention; figures match on value and on the sentence they stand in.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from rapidfuzz import fuzz

from report_fixtures import (GAO_RECOMMENDATIONS, HTML_RECOMMENDATIONS, OIG_RECOMMENDATIONS, UN_EXPLANATIONS,
                             UN_RECOMMENDATIONS, write_reports)

from pipeline.run import RunOptions, ingest

# The targets on unseen reports.
REC_RECALL, REC_PRECISION, AUDIENCE_ACCURACY = 0.8, 0.7, 0.85
ORG_RECALL, ORG_PRECISION = 0.85, 0.85
FIGURE_F1, UNIT_ACCURACY, COUNTED_ACCURACY = 0.90, 0.95, 0.80
REC_MATCH = 90  # fuzzy ratio for one recommendation text to match another (score.py's threshold)
CONTEXT_MATCH = 90  # partial ratio of an expected figure's context in a published figure's sentence

OIG_AUDIENCE = "USAID/Kenya's Mission Director"
RECOMMENDATIONS = {
    "un_evaluation.pdf": [(f"{text} {why}", audience) for (text, audience), why in zip(UN_RECOMMENDATIONS,
                                                                                         UN_EXPLANATIONS)],
    "un_evaluation.html": HTML_RECOMMENDATIONS,
    "gao_audit.pdf": [(f"{text} (Recommendation {n})", audience) for n, (text, audience)
                      in enumerate(GAO_RECOMMENDATIONS[:3], start=1)]
    + [(f"{GAO_RECOMMENDATIONS[3][0]} (Matter for Consideration 1)", GAO_RECOMMENDATIONS[3][1])],
    "oig_audit.pdf": [(text, OIG_AUDIENCE) for text, _ in OIG_RECOMMENDATIONS],
}

# Each organisation with the forms the document prints; OPTIONAL forms are organisations an annotator may or may
# not mark (a publisher named in a title, a legislature): published, they count neither way.
ORGANISATIONS = {
    "un_evaluation.pdf": [
        ["United Nations Development Programme", "UNDP"], ["United Nations Children's Fund", "UNICEF"],
        ["Resident Coordinator's Office", "RCO"], ["Ministry of Water and Sanitation", "MWS"],
        ["Swedish International Development Cooperation Agency", "Sida"], ["European Union"],
        ["Ajuda de Desenvolvimento de Povo para Povo", "ADPP"], ["Rural Women's Water Network"],
        ["National Institute for Disaster Risk Management and Reduction", "INGD"], ["Eduardo Mondlane University"],
        ["Ministry of Health"], ["Provincial Health Directorate", "DPS"], ["UNDP Independent Evaluation Office"],
        ["UNICEF Evaluation Office"], ["National Statistics Institute"],
        ["United Nations", "UN"],  # "the UN Sustainable Development Cooperation Framework": the UN's framework
    ],
    "un_evaluation.html": [
        ["International Labour Organization", "ILO"], ["United Nations Development Programme", "UNDP"],
        ["UN Women"], ["Ministry of Labour"], ["Vocational Training Corporation", "VTC"],
        ["European Union", "Delegation of the European Union to Jordan"], ["Government of Canada"],
        ["Jordan Chamber of Industry", "JCI"], ["Tamkeen Youth Association"], ["Ruwad Al Shabab Foundation"],
        ["Yarmouk University"], ["Petra Logistics Company"], ["Al Hayat Food Industries"],
    ],
    "gao_audit.pdf": [
        ["Government Accountability Office", "United States Government Accountability Office", "GAO"],
        ["Federal Emergency Management Agency", "FEMA"], ["Department of Homeland Security", "DHS"],
        ["National Emergency Management Association", "NEMA"], ["Office of Management and Budget", "OMB"],
        ["Texas Division of Emergency Management"], ["California Governor's Office of Emergency Services"],
        ["Committee on Homeland Security and Governmental Affairs"], ["United States Senate"],
    ],
    "oig_audit.pdf": [
        ["U.S. Agency for International Development", "USAID"], ["USAID/Kenya"], ["Office of Inspector General", "OIG"],
        ["AgriGrowth Partners International"], ["Kenya Dairy Processors Association"],
        ["Eldoret Farmers Cooperative Society"], ["Ministry of Agriculture, Livestock, Fisheries and Cooperatives"],
        ["State Department for Cooperatives"], ["Brookside Dairy Limited"], ["New Kenya Co-operative Creameries"],
        ["Mwangi Kariuki & Associates"],
    ],
}
OPTIONAL_ORGANISATIONS = {"Congress", "Evaluation Resource Centre", "Regional Inspector General/Nairobi",
                          "Regional Inspector General", "U.S. government", "Senate"}

# (words of the sentence around it, value, unit, counted noun, value_max), each printed occurrence.
FIGURES = {
    "un_evaluation.pdf": [
        ("a budget of USD 14.6 million", 14_600_000, "USD", None, None),
        ("Sida) provided USD 9.2 million", 9_200_000, "USD", None, None),
        ("the European Union USD 3.5 million", 3_500_000, "USD", None, None),
        ("reached an estimated 312,400 people", 312_400, "count", "people", None),
        ("about 58 percent of them women", 58, "percent", None, None),
        ("built or repaired 214 water points", 214, "count", "water points", None),
        ("trained 1,150 members of water committees", 1_150, "count", "members", None),
        ("Between 40 and 55 percent of the water points", 40, "percent", None, 55),
        ("The evaluation makes five recommendations", 5, "count", "recommendations", None),
        ("a team of four independent evaluators", 4, "count", "evaluators", None),
        ("rural population of the three provinces", 3, "count", "provinces", None),
        ("only 37 percent of the rural population", 37, "percent", None, None),
        ("safe water for 300,000 people in 12 districts", 300_000, "count", "people", None),
        ("safe water for 300,000 people in 12 districts", 12, "count", "districts", None),
        ("worked with two national NGOs", 2, "count", "NGOs", None),
        ("reviewed 146 programme documents", 146, "count", "programme documents", None),
        ("interviewed 83 people", 83, "count", "people", None),
        ("visited 42 water points in nine districts", 42, "count", "water points", None),
        ("visited 42 water points in nine districts", 9, "count", "districts", None),
        ("prevented visits to two of the sampled districts", 2, "count", "districts", None),
        ("had reached 312,400 people against a target", 312_400, "count", "people", None),
        ("against a target of 300,000", 300_000, "count", None, None),
        ("Of the 214 water points built", 214, "count", "water points", None),
        ("87 percent were working", 87, "percent", None, None),
        ("rose from 12 percent to 29 percent", 12, "percent", None, None),
        ("rose from 12 percent to 29 percent", 29, "percent", None, None),
        ("Endline survey of 1,420 households", 1_420, "count", "households", None),
        ("the core resources of the two agencies", 2, "count", "agencies", None),
        ("steering committee met three times in four years", 3, "count", "times", None),
        ("steering committee met three times in four years", 4, "years", None, None),
        ("the two agencies reported separately", 2, "count", "agencies", None),
        ("fell from USD 18,500 in 2019", 18_500, "USD", None, None),
        ("to USD 14,200 in 2023", 14_200, "USD", None, None),
        ("between USD 150 and USD 400 each for repairs", 150, "USD", None, 400),
        ("joint management by the two agencies", 2, "count", "agencies", None),
        ("the results of the two agencies in the same district", 2, "count", "agencies", None),
        ("met only three times in four years", 3, "count", "times", None),
        ("met only three times in four years", 4, "years", None, None),
        ("reached 61 percent of the target villages", 61, "percent", None, None),
    ],
    "un_evaluation.html": [
        ("European Union with EUR 11.8 million", 11_800_000, "EUR", None, None),
        ("Government of Canada with CAD 2.4 million", 2_400_000, "CAD", None, None),
        ("trained 6,420 young people", 6_420, "count", "young people", None),
        ("41 percent of them women", 41, "percent", None, None),
        ("placed 2,870 graduates in jobs", 2_870, "count", "graduates", None),
        ("in work six months after training", 6, "months", None, None),
        ("was 47 percent, compared with 29 percent", 47, "percent", None, None),
        ("was 47 percent, compared with 29 percent", 29, "percent", None, None),
        ("Nearly 380 firms took part", 380, "count", "firms", None),
        ("stood at about 46 percent in 2021", 46, "percent", None, None),
        ("at more than 60 percent for young women", 60, "percent", None, None),
        ("vocational training in four governorates", 4, "count", "governorates", None),
        ("two civil society organisations", 2, "count", "civil society organisations", None),
        ("interviewed 64 stakeholders", 64, "count", "stakeholders", None),
        ("held 12 focus groups with 96 graduates", 12, "count", "focus groups", None),
        ("held 12 focus groups with 96 graduates", 96, "count", "graduates", None),
        ("surveyed 540 graduates by telephone", 540, "count", "graduates", None),
        ("in all four governorates", 4, "count", "governorates", None),
        ("Of the 2,870 graduates placed in jobs", 2_870, "count", "graduates", None),
        ("1,950 were still employed after 12 months", 1_950, "count", "graduates", None),
        ("still employed after 12 months", 12, "months", None, None),
        ("between JOD 25 and JOD 40 a month", 25, "JOD", None, 40),
        ("about USD 3,100, below the USD 4,000", 3_100, "USD", None, None),
        ("below the USD 4,000 benchmark", 4_000, "USD", None, None),
        ("The three projects of the programme", 3, "count", "projects", None),
        ("makes the following five recommendations", 5, "count", "recommendations", None),
        # the executive summary's short forms of the recommendations, then the recommendations table
        ("Consolidate the three youth employment projects", 3, "count", "youth employment projects", None),
        ("Set aside at least 30 percent of the places", 30, "percent", None, None),
        ("more than 10 kilometres from a training centre", 10, "km", None, None),
        ("wage subsidy scheme by two years", 2, "years", None, None),
        ("Consolidate the three youth employment projects", 3, "count", "youth employment projects", None),
        ("Set aside at least 30 percent of the places", 30, "percent", None, None),
        ("more than 10 kilometres from a training centre", 10, "km", None, None),
        ("wage subsidy scheme by two years", 2, "years", None, None),
    ],
    "gao_audit.pdf": [
        ("awarded about $3.46 billion in hazard mitigation grants", 3_460_000_000, "USD", None, None),
        ("GAO analyzed data on 1,874 projects", 1_874, "count", "projects", None),
        ("officials from FEMA and 13 state emergency management agencies", 13, "count",
         "state emergency management agencies", None),
        ("the median project took about 4.2 years from application", 4.2, "years", None, None),
        ("and 62 percent of projects missed", 62, "percent", None, None),
        ("GAO is making three recommendations", 3, "count", "recommendations", None),
        ("FEMA obligated about $3.46 billion for 1,874 projects in 50 states", 3_460_000_000, "USD", None, None),
        ("FEMA obligated about $3.46 billion for 1,874 projects in 50 states", 1_874, "count", "projects", None),
        ("FEMA obligated about $3.46 billion for 1,874 projects in 50 states", 50, "count", "states", None),
        ("generally 75 percent of eligible costs", 75, "percent", None, None),
        ("Projects Took a Median of More Than 4 Years", 4, "years", None, None),
        ("the median project took about 4.2 years from application", 4.2, "years", None, None),
        ("with a median of 5.1 years", 5.1, "years", None, None),
        ("Of the 1,874 projects, 1,162 (62 percent)", 1_874, "count", "projects", None),
        ("Of the 1,874 projects, 1,162 (62 percent)", 1_162, "count", "projects", None),
        ("Of the 1,874 projects, 1,162 (62 percent)", 62, "percent", None, None),
        ("and 241 needed three or more extensions", 241, "count", "projects", None),
        ("and 241 needed three or more extensions", 3, "count", "extensions", None),
        ("took between 6 and 14 months", 6, "months", None, 14),
        ("38 percent of its mitigation grants were closed out late", 38, "percent", None, None),
        ("the following three recommendations to DHS", 3, "count", "recommendations", None),
        ("concurred with our three recommendations", 3, "count", "recommendations", None),
    ],
    "oig_audit.pdf": [
        ("The report contains four recommendations", 4, "count", "recommendations", None),
        ("we consider all four recommendations resolved", 4, "count", "recommendations", None),
        ("a five-year, $38.5 million cooperative agreement", 38_500_000, "USD", None, None),
        ("the incomes of 45,000 smallholder farmers in six counties", 45_000, "count", "smallholder farmers", None),
        ("the incomes of 45,000 smallholder farmers in six counties", 6, "count", "counties", None),
        ("reviewed the agreement and 26 quarterly reports", 26, "count", "quarterly reports", None),
        ("tested a sample of 120 transactions worth $2.1 million", 120, "count", "transactions", None),
        ("tested a sample of 120 transactions worth $2.1 million", 2_100_000, "USD", None, None),
        ("it had spent $21.7 million, or 56 percent of the award", 21_700_000, "USD", None, None),
        ("it had spent $21.7 million, or 56 percent of the award", 56, "percent", None, None),
        ("worth $14.3 million, against a target of $18 million", 14_300_000, "USD", None, None),
        ("worth $14.3 million, against a target of $18 million", 18_000_000, "USD", None, None),
        ("Our tests of 30 farmer groups found", 30, "count", "farmer groups", None),
        ("found that 11 reported sales", 11, "count", "farmer groups", None),
        ("the difference amounted to about $1.2 million", 1_200_000, "USD", None, None),
        ("charged $412,560 for grants to 58 farmer groups", 412_560, "USD", None, None),
        ("charged $412,560 for grants to 58 farmer groups", 58, "count", "farmer groups", None),
        ("Twelve of the groups had not been registered", 12, "count", "groups", None),
        ("three milk collection centres built by the activity", 3, "count", "milk collection centres", None),
        ("allowability of $412,560 in unsupported costs", 412_560, "USD", None, None),
        ("agreed with all four recommendations", 4, "count", "recommendations", None),
        ("management decisions on all four recommendations", 4, "count", "recommendations", None),
        ("a random sample of 30 of the 214 farmer groups", 30, "count", "farmer groups", None),
        ("a random sample of 30 of the 214 farmer groups", 214, "count", "farmer groups", None),
    ],
}


def _words(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text or "")).lower()
    return " ".join(re.findall(r"[a-z0-9]+", text))


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", unicodedata.normalize("NFKC", str(text or "")).lower())


def _prf(hits: int, predicted: int, expected: int) -> tuple[float, float, float]:
    precision = hits / predicted if predicted else 1.0
    recall = hits / expected if expected else 1.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score_recommendations(found: pd.DataFrame, expected: list[tuple[str, str]]) -> dict:
    """Greedy one-to-one matching on fuzzy text; audience accuracy over the matched pairs."""
    texts = [_words(t) for t in found["text"]]
    pairs = sorted(((fuzz.ratio(_words(e), t), i, j) for i, (e, _) in enumerate(expected)
                    for j, t in enumerate(texts)), reverse=True)
    matched: dict[int, int] = {}
    for score, i, j in pairs:
        if score < REC_MATCH:
            break
        if i not in matched and j not in matched.values():
            matched[i] = j
    audience = sum(_norm(found["audience"].iloc[j]) == _norm(expected[i][1]) for i, j in matched.items())
    precision, recall, f1 = _prf(len(matched), len(texts), len(expected))
    return {"P": precision, "R": recall, "F1": f1, "audience": audience / len(matched) if matched else 0.0,
            "missed": [expected[i][0][:70] for i in range(len(expected)) if i not in matched],
            "extra": [found["text"].iloc[j][:70] for j in range(len(texts)) if j not in matched.values()]}


def score_organisations(forms_of: dict[str, set[str]], expected: list[list[str]]) -> dict:
    """Recall over expected organisations (any printed form published); precision over published ones."""
    wanted = {_norm(form): index for index, forms in enumerate(expected) for form in forms}
    optional = {_norm(form) for form in OPTIONAL_ORGANISATIONS}
    found, good, bad, neutral = set(), 0, [], 0
    for name, forms in forms_of.items():
        hits = {wanted[_norm(f)] for f in forms if _norm(f) in wanted}
        if hits:
            found |= hits
            good += 1
        elif any(_norm(f) in optional for f in forms):
            neutral += 1
        else:
            bad.append(name)
    precision, recall, _ = _prf(good, good + len(bad), len(expected))
    return {"P": precision, "R": recall, "wrong": bad,
            "missed": [forms[0] for index, forms in enumerate(expected) if index not in found]}


def score_figures(found: pd.DataFrame, expected: list[tuple]) -> dict:
    """Each expected figure matches an unused published one of the same value whose sentence holds its context."""
    used: set[int] = set()
    hits = unit_ok = counted_ok = counted_n = 0
    missed = []
    for context, value, unit, counted, value_max in expected:
        candidates = [i for i in range(len(found)) if i not in used
                      and abs(float(found["value"].iloc[i]) - value) <= 0.005 * abs(value)
                      and fuzz.partial_ratio(_words(context), _words(found["sentence"].iloc[i])) >= CONTEXT_MATCH]
        if not candidates:
            missed.append((context, value))
            continue
        row = found.iloc[candidates[0]]
        used.add(candidates[0])
        hits += 1
        unit_ok += row["unit"] == unit and (value_max is None or row["value_max"] == value_max)
        if counted:
            counted_n += 1
            counted_ok += bool(row["counted"]) and (_norm(counted) in _norm(row["counted"])
                                                  or _norm(row["counted"]) in _norm(counted))
    precision, recall, f1 = _prf(hits, len(found), len(expected))
    return {"P": precision, "R": recall, "F1": f1, "unit": unit_ok / hits if hits else 0.0,
            "counted": counted_ok / counted_n if counted_n else 1.0, "missed": missed,
            "extra": [(found["text"].iloc[i], found["value"].iloc[i]) for i in range(len(found)) if i not in used]}


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> dict[str, pd.DataFrame]:
    """The four reports through the whole pipeline (one worker), the published tables read back."""
    folder = tmp_path_factory.mktemp("unseen")
    write_reports(folder / "raw")
    ingest(folder / "raw", folder / "out", RunOptions(workers=1))
    tables = {name: pd.read_parquet(folder / "out" / f"{name}.parquet")
              for name in ("documents", "organisations", "mentions", "figures", "recommendations")}
    sources = dict(zip(tables["documents"]["doc_id"], tables["documents"]["source"]))
    for name in ("mentions", "figures", "recommendations"):
        tables[name] = tables[name].assign(source=tables[name]["doc_id"].map(sources))
    return tables


def organisation_forms(tables: dict[str, pd.DataFrame], source: str) -> dict[str, set[str]]:
    """The organisations mentioned in one document, each with its name, acronym, aliases and mention texts."""
    mentions = tables["mentions"][tables["mentions"]["source"] == source]
    organisations = tables["organisations"].set_index("org_id")
    out: dict[str, set[str]] = {}
    for org_id, texts in mentions.groupby("org_id")["text"]:
        row = organisations.loc[org_id]
        forms = {row["name"], *texts, *(row["aliases"] if row["aliases"] is not None else ())}
        if isinstance(row["acronym"], str):
            forms.add(row["acronym"])
        out[row["name"]] = forms
    return out


@pytest.mark.parametrize("source", list(RECOMMENDATIONS))
def test_every_report_is_read(published, source):
    documents = published["documents"].set_index("source")
    assert documents.loc[source, "status"] == "ok", documents.loc[source, "error"]


@pytest.mark.parametrize("source", list(RECOMMENDATIONS))
def test_recommendations_and_their_audience(published, source):
    found = published["recommendations"]
    found = found[(found["source"] == source) & found["duplicate_of"].isna()].sort_values("norm_start")
    score = score_recommendations(found, RECOMMENDATIONS[source])
    assert score["R"] >= REC_RECALL and score["P"] >= REC_PRECISION, score
    assert score["audience"] >= AUDIENCE_ACCURACY, (score, found[["audience", "text"]].values.tolist())


@pytest.mark.parametrize("source", list(ORGANISATIONS))
def test_organisations(published, source):
    score = score_organisations(organisation_forms(published, source), ORGANISATIONS[source])
    assert score["R"] >= ORG_RECALL and score["P"] >= ORG_PRECISION, score


@pytest.mark.parametrize("source", list(FIGURES))
def test_figures_units_and_counted_nouns(published, source):
    found = published["figures"]
    score = score_figures(found[found["source"] == source].sort_values("norm_start"), FIGURES[source])
    assert score["F1"] >= FIGURE_F1, score
    assert score["unit"] >= UNIT_ACCURACY and score["counted"] >= COUNTED_ACCURACY, score


def test_no_figure_is_a_page_footnote_report_number_or_date(published):
    figures = published["figures"]
    texts = " | ".join(figures["text"])
    for not_a_figure in ("107214", "615", "512", "3841", "2019/20", "14-704G", "No. 14", "4.3", "201"):
        assert not re.search(rf"(?<![\w.,$]){re.escape(not_a_figure)}(?![\w.,])", texts), not_a_figure
    # A bare small number is a figure only with what it counts ("Of the 42 grants, 30 were closed, 8 ...").
    assert not [t for t, counted in zip(figures["text"], figures["counted"])
                if re.fullmatch(r"(?:19|20)\d\d|\d{1,3}", t) and not counted]
