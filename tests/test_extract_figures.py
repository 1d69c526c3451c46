"""Figures: money, counts, percentages, ranges and qualifiers; and the numbers that are not figures."""

from __future__ import annotations

import pytest

from pipeline.extract.figures import extract_figures
from pipeline.process import parse
from pipeline.records import RawDocument


def figures_in(text: str):
    return extract_figures(parse("doc_00000000000000f1", RawDocument("text/plain", (text,))))


def only_figure(text: str):
    found = figures_in(text)
    assert len(found) == 1, [f.text for f in found]
    return found[0]


# -- money --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "text", "value", "unit"), [
    ("USAID obligated $4.9 million for the activity in fiscal year 2021.", "$4.9 million", 4_900_000, "USD"),
    ("Each grantee received 7,000 USD in the first round.", "7,000 USD", 7_000, "USD"),
    ("The European Commission pledged EUR 1.2 billion to the facility.", "EUR 1.2 billion", 1_200_000_000, "EUR"),
    ("The trust fund disbursed US$ 250,000 to partners.", "US$ 250,000", 250_000, "USD"),
    ("Germany contributed €3.5 million to the basket fund.", "€3.5 million", 3_500_000, "EUR"),
    ("The ministry allocated 120 million tenge to school meals.", "120 million tenge", 120_000_000, "KZT"),
    ("Each winner received up to 3 million soums.", "3 million soums", 3_000_000, "UZS"),
    ("The mission spent $717,754 on 95 small grants.", "$717,754", 717_754, "USD"),
    ("Core costs were £2.3m over the period.", "£2.3m", 2_300_000, "GBP"),
])
def test_money_with_symbols_codes_and_scale_words(sentence, text, value, unit):
    money = [f for f in figures_in(sentence) if f.unit == unit]
    assert len(money) == 1
    assert (money[0].text, money[0].value, money[0].value_max, money[0].counted) == (text, value, None, None)
    assert money[0].prov.rule == "figure_money"


def test_currency_names_after_the_amount():
    found = figures_in("Works were estimated at 3.4 billion CFA francs, and 12 million Ugandan shillings went to fees.")
    assert [(f.text, f.value, f.unit, f.counted) for f in found] == [
        ("3.4 billion CFA francs", 3_400_000_000, "XOF", None), ("12 million Ugandan shillings", 12_000_000, "UGX", None)]


def test_a_spelled_out_percentage_at_a_sentence_start():
    found = figures_in("Forty-two percent of women and 38% of men reported higher incomes.")
    assert [(f.text, f.value, f.unit) for f in found] == [("Forty-two percent", 42, "percent"), ("38%", 38, "percent")]


def test_two_amounts_in_one_sentence_are_two_figures():
    found = figures_in("The fund disbursed US$ 250,000 in grants and €3.5 million in loans.")
    assert [(f.text, f.unit) for f in found] == [("US$ 250,000", "USD"), ("€3.5 million", "EUR")]


# -- counts -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "text", "value", "counted"), [
    ("The programme engaged 189 CSOs in policy dialogue.", "189 CSOs", 189, "CSOs"),
    ("It reached 583,323 beneficiaries across the region.", "583,323 beneficiaries", 583_323, "beneficiaries"),
    ("Officials of three ministries signed the memorandum.", "three ministries", 3, "ministries"),
    ("Twelve experts reviewed the draft strategy.", "Twelve experts", 12, "experts"),
    ("The grants engaged 44 national and local state institutions.", "44 national and local state institutions",
     44, "national and local state institutions"),
    ("The mission trained 1,250 community health workers in 2022.", "1,250 community health workers", 1_250,
     "community health workers"),
])
def test_counts_with_the_noun_they_count(sentence, text, value, counted):
    figure = only_figure(sentence)
    assert (figure.text, figure.value, figure.unit, figure.counted) == (text, value, "count", counted)
    assert figure.prov.rule == "figure_count"


def test_counts_after_from_are_not_lost():
    # "from" opens a range ("from 20 to 35 percent"), but a single number after it is still a figure.
    found = figures_in("The trust fund received grants from 12 donors. Officials from three ministries attended.")
    assert [(f.value, f.counted) for f in found] == [(12, "donors"), (3, "ministries")]


def test_several_counts_in_one_sentence():
    found = figures_in("189 CSOs and 44 state institutions were engaged to improve the lives of 583,323 people.")
    assert [(f.value, f.counted) for f in found] == [(189, "CSOs"), (44, "state institutions"), (583_323, "people")]


def test_a_bare_number_with_nothing_counted_is_not_a_figure():
    assert figures_in("The score rose from 3.1 to 3.4. It was 42.") == []


# -- percentages, measures and durations ---------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "text", "value"), [
    ("Enrolment rose by 12 percent in the pilot districts.", "12 percent", 12),
    ("In the survey, 45% of respondents were women.", "45%", 45),
    ("The share of local procurement fell 3.5 per cent.", "3.5 per cent", 3.5),
])
def test_percentages(sentence, text, value):
    figure = only_figure(sentence)
    assert (figure.text, figure.value, figure.unit, figure.counted) == (text, value, "percent", None)


def test_measures_and_durations():
    found = figures_in("The project lasted 36 months and restored 1,200 hectares of pasture.")
    assert [(f.text, f.value, f.unit) for f in found] == [("36 months", 36, "months"), ("1,200 hectares", 1200, "ha")]


# -- ranges -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "text", "value", "value_max", "unit"), [
    ("The school feeding pilot served between 350 and 500 children in each district.",
     "between 350 and 500 children", 350, 500, "count"),
    ("Most grants ran for 5-10 years.", "5-10 years", 5, 10, "years"),
    ("Each award was worth $1–2 million.", "$1–2 million", 1_000_000, 2_000_000, "USD"),
    ("Cohorts ranged from 25 to 40 trainees.", "from 25 to 40 trainees", 25, 40, "count"),
])
def test_ranges_give_value_and_value_max(sentence, text, value, value_max, unit):
    figure = only_figure(sentence)
    assert (figure.text, figure.value, figure.value_max, figure.unit) == (text, value, value_max, unit)


def test_a_descending_pair_is_not_a_range():
    assert all(f.value_max is None for f in figures_in("The ratio of 10 to 5 staff members was kept."))


@pytest.mark.parametrize(("sentence", "figures"), [
    ("Participation rose from 20 to 35 percent.", [("20", 20, "percent", None), ("35 percent", 35, "percent", None)]),
    ("The budget grew from $2 million to $3.5 million.",
     [("$2 million", 2_000_000, "USD", None), ("$3.5 million", 3_500_000, "USD", None)]),
    ("Youth unemployment fell from 28.4% to 22.1% over the period.",
     [("28.4%", 28.4, "percent", None), ("22.1%", 22.1, "percent", None)]),
    ("Staff numbers were cut from 120 to 95 employees after the review.",
     [("120", 120, "count", "employees"), ("95 employees", 95, "count", "employees")]),
    ("Enrolment increased from 45,000 to 61,000 pupils between 2019 and 2022.",
     [("45,000", 45_000, "count", "pupils"), ("61,000 pupils", 61_000, "count", "pupils")]),
])
def test_a_change_from_one_value_to_another_is_two_figures_not_a_range(sentence, figures):
    found = figures_in(sentence)
    assert [(f.text, f.value, f.unit, f.counted) for f in found] == figures
    assert all(f.value_max is None for f in found)


def test_a_scaled_amount_to_a_plain_number_is_no_range():
    found = figures_in("In 2020 the ministry allocated KZT 2.5 billion to 1,500 NGOs through social contracts.")
    assert [(f.text, f.value, f.value_max, f.unit, f.counted) for f in found] == [
        ("KZT 2.5 billion", 2_500_000_000, None, "KZT", None), ("1,500 NGOs", 1_500, None, "count", "NGOs")]


@pytest.mark.parametrize(("sentence", "text", "value", "counted"), [
    ("About 3 in 10 households lack safe water.", "3 in 10 households", 3, "households"),
    ("The facility now serves 7 out of 10 districts in the province.", "7 out of 10 districts", 7, "districts"),
    ("Two in five respondents had no bank account.", "Two in five respondents", 2, "respondents"),
])
def test_a_proportion_counts_its_first_number_only(sentence, text, value, counted):
    figure = only_figure(sentence)
    assert (figure.text, figure.value, figure.counted) == (text, value, counted)


def test_the_base_of_a_proportion_is_no_count():
    assert figures_in("One in five children under five is stunted.") == []


# -- qualifiers ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "qualifier"), [
    ("Nearly 2,000 households received cash transfers.", "approx"),
    ("About 40 percent of clinics lacked power.", "approx"),
    ("Approximately $3 million remained unspent.", "approx"),
    ("More than 300 teachers were trained.", "more_than"),
    ("Over 1.5 million people were displaced.", "more_than"),
    ("At least 12 municipalities adopted the plan.", "at_least"),
    ("Up to 50 volunteers joined each campaign.", "up_to"),
    ("Less than 10 percent of funds reached rural areas.", "less_than"),
    ("Fewer than 20 inspectors covered the region.", "less_than"),
    ("The mission reached 2,000 households.", None),
])
def test_qualifiers(sentence, qualifier):
    assert only_figure(sentence).qualifier == qualifier


def test_qualifier_is_not_part_of_the_figure_text():
    figure = only_figure("Nearly 2,000 households received cash transfers.")
    assert figure.text == "2,000 households"


# -- not figures --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "In 2019 the mission opened a new office.",
    "The agreement was signed on April 27, 2020 by both parties.",
    "The review was completed on 15 March 2021.",
    "The agency should (1) update its guidance and (2) train its staff.",
    "The COVID-19 pandemic delayed fieldwork.",
    "Details are at www.example.org/report2020 and https://data.gov/dataset/123 online.",
    "For information call +996 312 66 12 34 or (202) 712-4810 during office hours.",
    "The country ranked (9th) on the regional index.",
    "See Table 4 and page 12 of Annex 3 for SDG 16 targets.",
    "The Partnership 21 Foundation hosted the debate.",
    "Channel 5 News covered the hearing.",
])
def test_numbers_that_are_not_figures(sentence):
    assert [f.text for f in figures_in(sentence)] == []


def test_figure_next_to_a_non_figure_is_still_found():
    found = figures_in("During the COVID-19 pandemic, 250 volunteers delivered food in 2020.")
    assert [(f.text, f.value) for f in found] == [("250 volunteers", 250)]


# -- context and provenance ---------------------------------------------------------------------------------

def test_figure_carries_its_sentence_and_section():
    text = ("Results\n\nThe activity closed in 2022. It trained 1,100 judges and court clerks across the country. "
            "Follow-up surveys are planned.")
    figure = only_figure(text)
    assert figure.sentence == "It trained 1,100 judges and court clerks across the country."
    assert figure.prov.section == "Results"


def test_figure_provenance_slices_the_source_text():
    text = "Summary\n\nSince its launch the   programme   has reached\nnearly 583,323 beneficiaries\nin the region."
    figure = only_figure(text)
    assert text[figure.prov.start:figure.prov.end] == "583,323 beneficiaries"
    assert figure.prov.page == 1 and figure.prov.doc_id == "doc_00000000000000f1"


def test_figure_on_a_later_page_has_that_page():
    raw = RawDocument("text/plain", ("Cover page", "Scope\n\nThe audit covered 14 missions.", "Annex"))
    figures = extract_figures(parse("doc_00000000000000f2", raw))
    assert [(f.text, f.prov.page) for f in figures] == [("14 missions", 2)]
    assert raw.pages[1][figures[0].prov.start:figures[0].prov.end] == "14 missions"


def test_programme_page_sample_figures(programme_page):
    text = programme_page.read_text(encoding="utf-8")
    found = {f.text: f for f in figures_in(text)}
    assert found["$4.9 million"].value == 4_900_000
    assert found["189 CSOs"].counted == "CSOs"
    assert found["583,323 beneficiaries"].qualifier == "approx"
    assert not any(f.text.startswith(("2016", "2020")) for f in found.values())


# -- areas, densities, fact boxes ---------------------------------------------------------------------------

def test_fact_box_area_population_and_density():
    found = figures_in("Area Total 199,951 km2 (77,202 sq mi) (85th) Population 6,586,600 (110th) "
                       "Density 27.4/km2 (71.0/sq mi) (176th)")
    assert [(f.text, f.value, f.unit, f.counted) for f in found] == [
        ("199,951 km2", 199_951, "km2", None), ("77,202 sq mi", 77_202, "sq mi", None),
        ("6,586,600", 6_586_600, "count", "population"),
        ("27.4/km2", 27.4, "per km2", None), ("71.0/sq mi", 71.0, "per sq mi", None)]


@pytest.mark.parametrize(("sentence", "text", "value", "unit"), [
    ("The district has 45 people per km2 on average.", "45 people per km2", 45, "people/km2"),
    ("The park covers 1,200 hectares of forest.", "1,200 hectares", 1_200, "ha"),
    ("The centre occupies 850 square metres.", "850 square metres", 850, "m2"),
])
def test_areas_and_densities(sentence, text, value, unit):
    figure = only_figure(sentence)
    assert (figure.text, figure.value, figure.unit) == (text, value, unit)


def test_a_label_before_a_bare_number_is_what_it_counts():
    figure = only_figure("Staff: 1,240 at the end of the year.")
    assert (figure.value, figure.unit, figure.counted) == (1_240, "count", "staff")


# -- more money forms and spelled-out numbers -----------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "value", "unit"), [
    ("The project cost Rs 5 crore in its first phase.", 50_000_000, "INR"),
    ("Canada gave C$ 12 million to the facility.", 12_000_000, "CAD"),
    ("Sweden pledged 300 million Swedish kronor over three years.", 300_000_000, "SEK"),
    ("The programme disbursed KES 1.5 billion to counties.", 1_500_000_000, "KES"),
    ("The federal government spent $1.0 trillion on the programs.", 1_000_000_000_000, "USD"),
])
def test_more_currencies_and_scales(sentence, value, unit):
    money = [f for f in figures_in(sentence) if f.unit == unit]
    assert [m.value for m in money] == [value]


def test_spelled_out_compound_numbers():
    figure = only_figure("Twenty-five organizations signed the charter.")
    assert (figure.value, figure.counted) == (25, "organizations")


def test_a_singular_noun_in_s_does_not_end_the_counted_phrase():
    assert only_figure("The charity runs four bus libraries in the city.").counted == "bus libraries"


@pytest.mark.parametrize("sentence", [
    "The laboratory holds ISO 9001 certification since its founding.",
    "Contact the office at 36 Jandosov Str., Almaty 050057, Kazakhstan.",
    "The iKomek109 service answers residents.",
    "GAO-06-282 and GAO-21-368G describe the standards.",
    "Pub. L. No. 116-283, § 1752(a), 134 Stat. 3388 (2021) established the office.",
])
def test_codes_addresses_and_citations_are_not_figures(sentence):
    assert [f.text for f in figures_in(sentence)] == []


@pytest.mark.parametrize("sentence", [
    "The hearing starts at 2:00 p.m. EST on Thursday.",
    "Write to 441 G Street NW, Washington, or call (202) 512-6000 TDD.",
    "Fewer than 40 reported any change.",
])
def test_times_street_numbers_phones_and_verbs_are_not_counts(sentence):
    assert [f.text for f in figures_in(sentence)] == []


def test_a_participle_before_a_plural_noun_is_part_of_what_is_counted():
    assert only_figure("The project has 150 trained teachers.").counted == "trained teachers"


def test_a_range_of_percentages_with_both_signs():
    figure = only_figure("Sales should grow 2.5% – 3.5% next year.")
    assert (figure.value, figure.value_max, figure.unit) == (2.5, 3.5, "percent")


def test_figure_text_stops_at_the_figure_inside_a_longer_token():
    found = figures_in("Sales grew 2.6%(1) in the quarter.")
    assert [(f.text, f.value) for f in found] == [("2.6%", 2.6)]


# -- number agreement, codes and markers (audit and regulatory text) --------------------------------------------

@pytest.mark.parametrize("sentence", [
    "The introductory chapter of Government Auditing Standards (GAGAS)1 outlines the concepts.",
    "Following the Lion Air Flight 610 accident, the agency acted.",
    "Related service information under 1 CFR Part 51 was reviewed.",
    "Comments may be sent as described in 14 CFR 11.43.",
    "Emergency AD 2018–23–51 applies to every aircraft of the type.",
    "The authority citation for part 39 continues to read as follows.",
    "The model 300 replaced the older trucks.",
    "The grant covered 12 district and the capital.",
])
def test_numbers_that_do_not_agree_with_a_noun_or_name_a_code_are_not_counts(sentence):
    assert [f.text for f in figures_in(sentence) if f.unit == "count"] == []


@pytest.mark.parametrize(("sentence", "text", "counted"), [
    ("Each installation takes 1 work-hour of labour.", "1 work-hour", "work-hour"),
    ("The unit employs 40 staff in two offices.", "40 staff", "staff"),
    ("The ministry accredited 25 media outlets.", "25 media outlets", "media outlets"),
    ("The survey reached 1,500 cattle herders.", "1,500 cattle herders", "cattle herders"),
    ("We interviewed 15 NGO representatives and 4 CSOs.", "15 NGO representatives", "NGO representatives"),
    ("The study covered the 48 contiguous states.", "48 contiguous states", "contiguous states"),
])
def test_counts_that_agree_with_their_noun(sentence, text, counted):
    found = {f.text: f.counted for f in figures_in(sentence)}
    assert found[text] == counted


@pytest.mark.parametrize(("sentence", "text", "unit"), [
    ("An alert shows when the altitudes differ by more than 200 feet.", "200 feet", "ft"),
    ("The alert fires above 5 knots of difference.", "5 knots", "knots"),
    ("The dam holds 3.2 million cubic metres of water.", "3.2 million cubic metres", "m3"),
    ("Temperatures reached 45°C in July.", "45°C", "°C"),
])
def test_more_measures(sentence, text, unit):
    found = {f.text: f.unit for f in figures_in(sentence)}
    assert found[text] == unit


# -- audit and evaluation report phrasing ---------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "expected"), [
    # a range with its currency code repeated, in any ISO currency
    ("Households paid between KES 200 and KES 450 a month.", ("between KES 200 and KES 450", 200, 450, "KES")),
    ("Fees ranged between JOD 25 and JOD 40 per course.", ("between JOD 25 and JOD 40", 25, 40, "JOD")),
    ("The grant was worth between $2 million and $3 million.", ("between $2 million and $3 million", 2e6, 3e6, "USD")),
])
def test_a_range_with_the_currency_repeated(sentence, expected):
    figure = only_figure(sentence)
    assert (figure.text, figure.value, figure.value_max, figure.unit) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # a number taking a part of a counted whole: the part counts the whole's noun
    ("We tested 25 of the 140 grantees.", [(25, "grantees"), (140, "grantees")]),
    ("Nine of the sampled schools had no latrine.", [(9, "sampled schools")]),
    ("Of the 1,874 projects, 1,162 (62 percent) were late.", [(1874, "projects"), (1162, "projects"), (62, None)]),
    ("Of the nurses trained in 2021, 310 still work in rural clinics.", [(310, "nurses")]),
    # ... but not a part of something uncounted, nor a bare number with no whole before it
    ("It is one of the main reasons for delay.", []),
    ("Of the budget, 40 was spent on salaries.", []),
    ("The committee met 3 times; 40 attended.", [(3, "times")]),
])
def test_a_part_of_a_counted_whole(sentence, expected):
    assert [(f.value, f.counted) for f in figures_in(sentence)] == expected


def test_or_more_qualifies_the_number_before_it():
    figure = only_figure("Some projects needed three or more extensions.")
    assert (figure.value, figure.counted, figure.qualifier) == (3, "extensions", "at_least")
    fewer = figures_in("Households with five or fewer members were eligible.")[0]
    assert (fewer.value, fewer.counted, fewer.qualifier) == (5, "members", "up_to")


def test_a_percentage_in_brackets_is_a_figure_but_a_bracketed_ordinal_is_not():
    assert [(f.value, f.unit) for f in figures_in("Late closeouts (38 percent) rose; see item (2) below.")] == \
        [(38, "percent")]


# -- qualifiers written as negations or after the unit, parts of a bare whole, capitalised modifiers ------------

@pytest.mark.parametrize(("sentence", "expected"), [
    # a negated comparison bounds the other way: "not less than" is a floor, "not exceed" a ceiling
    ("A citizens' petition needs not less than 5,000 signatures.", (5000, "count", "at_least")),
    ("Awards may not be more than EUR 20,000 per applicant.", (20000, "EUR", "up_to")),
    ("Each review shall not exceed 45 days.", (45, "days", "up_to")),
    ("Contracts that exceed $250,000 need board approval.", (250000, "USD", "more_than")),
    ("Disbursements reached approx 1,200 farmers by June.", (1200, "count", "approx")),
])
def test_negated_and_verbal_qualifiers(sentence, expected):
    figure = only_figure(sentence)
    assert (figure.value, figure.unit, figure.qualifier) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # a duration keeps its unit when a trailing qualifier stands between the number and the unit, or after it
    ("Inspectors with 15 or more years of service were interviewed.", ("15 or more years", 15, "years", "at_least")),
    ("Loans of 6 months or less carry no interest.", ("6 months or less", 6, "months", "up_to")),
    ("Staff aged 50 years or older may retire early.", ("50 years or older", 50, "years", "at_least")),
    ("Projects lasting 3 years or longer need a mid-term review.", ("3 years or longer", 3, "years", "at_least")),
])
def test_a_trailing_qualifier_around_a_time_unit(sentence, expected):
    figure = only_figure(sentence)
    assert (figure.text, figure.value, figure.unit, figure.qualifier) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # a part of a whole written as a bare number or after an adjective: the part counts the whole's noun
    ("In 6 of 19 provinces we visited, warehouses were unlocked.", [(6, "provinces"), (19, "provinces")]),
    ("Twelve of the remaining 40 grantees filed late reports.", [(12, "grantees"), (40, "grantees")]),
    ("Three of the other 25 districts had no clinic.", [(3, "districts"), (25, "districts")]),
])
def test_a_part_of_a_whole_without_a_determiner_or_after_an_adjective(sentence, expected):
    assert [(f.value, f.counted) for f in figures_in(sentence)] == expected


@pytest.mark.parametrize(("sentence", "value", "counted"), [
    # capitalised modifiers (nationalities, groups, a body's name) before a lower-case plural head still count it
    ("The survey reached over 400 Roma households in the capital.", 400, "Roma households"),
    ("Trainers worked with 35 Ministry staff in each oblast.", 35, "Ministry staff"),
    ("UNHCR registered 1,250 Syrian refugee families in the camp.", 1250, "Syrian refugee families"),
    ("Funding flowed to the five Government funded youth centres.", 5, "Government funded youth centres"),
])
def test_capitalised_modifiers_before_a_plural_noun(sentence, value, counted):
    figure = only_figure(sentence)
    assert (figure.value, figure.unit, figure.counted) == (value, "count", counted)


def test_a_range_rejected_as_years_does_not_hide_the_amount_after_it():
    found = figures_in("Support grew from 2.1 million EUR in 2018 to 4.7 million EUR in 2022.")
    assert [(f.value, f.unit) for f in found] == [(2_100_000, "EUR"), (4_700_000, "EUR")]


@pytest.mark.parametrize(("sentence", "expected"), [
    # "the number of X" names what a bare number later in the sentence counts
    ("The number of registered cooperatives rose from about 850 in 2016 to over 1,300 in 2021.",
     [(850, "registered cooperatives", "approx"), (1300, "registered cooperatives", "more_than")]),
    ("The total number of complaints received by the ombudsman was 2,417.", [(2417, "complaints", None)]),
    # ... but not across a sentence boundary, nor when the number has a unit of its own
    ("We counted the number of inspections. 40 were late.", []),
    ("The number of trained midwives grew by 12 percent.", [(12, None, None)]),
])
def test_the_number_of_a_noun_is_what_a_bare_number_counts(sentence, expected):
    assert [(f.value, f.counted, f.qualifier) for f in figures_in(sentence)] == expected


def test_a_plural_without_s_before_a_plural_noun_is_its_modifier():
    found = figures_in("The fund supports 20 youth groups and 15 women entrepreneurs; 30 staff attended.")
    assert [(f.value, f.counted) for f in found] == [(20, "youth groups"), (15, "women entrepreneurs"), (30, "staff")]


def test_a_footnote_marker_before_capitalised_words_is_no_count():
    # the same shape opening a line or sentence is a footnote's marker and its text
    text = "Monitors visited 300 Roma households.\n4 Regional offices reported the delays. 7 Field staff left."
    assert [(f.value, f.counted) for f in figures_in(text)] == [(300, "Roma households")]


@pytest.mark.parametrize(("sentence", "expected"), [
    # "a number of" is a vague quantity, not the noun a later number counts; a bracketed citation is no number
    ("Staff raised a number of concerns, and 14 were resolved.", []),
    ("The number of accredited auditors rose to 312.[4][5]", [(312, None, "accredited auditors")]),
    # a spelled-out range
    ("Each district hosts between three and five mobile clinics.", [(3, 5, "mobile clinics")]),
])
def test_vague_quantities_citations_and_spelled_ranges(sentence, expected):
    assert [(f.value, f.value_max, f.counted) for f in figures_in(sentence)] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # every part listed after "Of the N things," counts the things
    ("Of the 42 recommendations, 30 were implemented, 8 were partially implemented and 4 were rejected.",
     [(42, "count", "recommendations"), (30, "count", "recommendations"), (8, "count", "recommendations"),
      (4, "count", "recommendations")]),
    # one part of a proportion agrees with its plural noun
    ("Roughly 1 in 3 schools lacked a latrine.", [(1, "count", "schools")]),
    # a fraction is a share, not a count of thirds or quarters
    ("Nearly three quarters of farmers sold their surplus.", [(75, "percent", None)]),
    # a label with "of" before a bare number names what it counts
    ("The district has a population of 240,000 and a workforce of 96,500.",
     [(240_000, "count", "population"), (96_500, "count", "workforce")]),
    # more measures
    ("The ministry leases 45,000 square feet; poverty fell by 3.5 percentage points.",
     [(45_000, "sq ft", None), (3.5, "percentage points", None)]),
])
def test_parts_of_a_listed_whole_proportions_fractions_labels_and_measures(sentence, expected):
    assert [(f.value, f.unit, f.counted) for f in figures_in(sentence)] == expected


def test_a_change_after_its_size_is_two_figures_and_scaled_decimals_are_exact():
    found = figures_in("Monthly wages rose by 12%, from TJS 1,500 to TJS 1,680; the fund held EUR 4.1m.")
    assert [(f.value, f.value_max, f.unit) for f in found] == [
        (12, None, "percent"), (1500, None, "TJS"), (1680, None, "TJS"), (4_100_000, None, "EUR")]


def test_a_part_of_a_counted_whole_whose_noun_opens_with_a_name():
    found = figures_in("As of June 2023, 11 of the 24 CFO Act agencies had not met the requirement.")
    assert [(f.value, f.counted) for f in found] == [(11, "CFO Act agencies"), (24, "CFO Act agencies")]


@pytest.mark.parametrize(("sentence", "expected"), [
    # a decimal comma before a scale word, as European donors write amounts
    ("Switzerland committed CHF 3,5 million to the programme.", [(3_500_000, "CHF", None, None)]),
    # "N+" is at least N
    ("The network counts 1,500+ members.", [(1500, "count", "members", "at_least")]),
    # a proportion written with "out of the"
    ("Only 4 out of the 15 targets were met.", [(4, "count", "targets", None)]),
])
def test_decimal_commas_plus_signs_and_proportions_with_the(sentence, expected):
    assert [(f.value, f.unit, f.counted, f.qualifier) for f in figures_in(sentence)] == expected


@pytest.mark.parametrize("sentence", [
    # a bare number after "the number of X" that measures something else, or belongs to another clause
    "The number of children aged 6 to 11 in school rose sharply.",
    "The number of pupils per teacher fell to 41 and the average score reached 480.",
])
def test_the_number_of_a_noun_does_not_count_ages_rates_or_other_clauses(sentence):
    assert figures_in(sentence) == []


def test_a_unit_after_a_page_break_joined_into_the_paragraph():
    # A paragraph joined across a page break and its footnotes keeps the document's offsets: the gap reads as a run
    # of spaces between the number and its unit.
    pages = ("Findings\n\nStaff turnover was highest among officers with more than 15\n\n"
             "2Survey responses were weighted by region and grade.",
             "years of service, according to the mission's records.")
    found = [f for f in extract_figures(parse("doc_00000000000000f1", RawDocument("application/pdf", pages)))
             if f.value == 15]
    assert [(f.unit, f.counted, f.qualifier) for f in found] == [("years", None, "more_than")]


# -- durations written as compound adjectives, counts that point back to an earlier noun, capitalised plurals ---

@pytest.mark.parametrize(("sentence", "expected"), [
    ("The ministry launched a three-year reform of primary health care.", [("three-year", 3, "years")]),
    ("Grantees completed a 12-month mentoring cycle before the review.", [("12-month", 12, "months")]),
    ("After only two-years of operation the fund closed.", [("two-years", 2, "years")]),
    ("UNICEF ran a 10-day vaccination campaign in the north.", [("10-day", 10, "days")]),
])
def test_a_duration_written_as_a_compound_adjective(sentence, expected):
    assert [(f.text, f.value, f.unit) for f in figures_in(sentence)] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # the later parts of a listed count take the noun of the first
    ("By the end of the year 42 complaints had been filed, 30 were resolved and 8 are still under review.",
     [(42, "complaints"), (30, "complaints"), (8, "complaints")]),
    # "ones" stands for the noun of the count before it
    ("The panel received 64 proposals and funded 12 strongest ones in the first round.",
     [(64, "proposals"), (12, "proposals")]),
])
def test_a_count_that_points_back_to_the_noun_of_an_earlier_count(sentence, expected):
    assert [(f.value, f.counted) for f in figures_in(sentence)] == expected
    # not across a sentence end
    assert [f.value for f in figures_in(sentence + " Of those, 12 are on hold, and 5 are new.")][len(expected):] == []


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Since 2019, five Ministries have adopted the new procurement rules.", [(5, "Ministries")]),
    ("The audit covered 14 Regional Offices that manage grants.", [(14, "Regional Offices")]),
    # a title in title case, or cited with its year, is no count
    ("See also: Three Pathways to Inclusive Growth. Five Ministries have adopted the rules.", [(5, "Ministries")]),
    ("Lessons from 40 Country Evaluations 2019. Eight Embassies, in turn, reported delays.", [(8, "Embassies")]),
    ("Six Principles of the National Strategy\nTwelve Agencies, in turn, have signed the plan.", [(12, "Agencies")]),
])
def test_a_capitalised_plural_of_a_common_noun_is_counted(sentence, expected):
    assert [(f.value, f.counted) for f in figures_in(sentence)] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # "one" is a figure after a restricting or comparing word, or as the last item of a list of counts
    ("Only one NGO in the district holds a licence.", [(1, "count", "NGO", None)]),
    ("Most grantees needed more than one year to register.", [(1, "years", None, "more_than")]),
    ("The project built three wells and one health post in each village.",
     [(3, "count", "wells", None), (1, "count", "health post", None)]),
])
def test_one_as_a_count(sentence, expected):
    # a pronoun or an article "one" after the figure's sentence is none
    text = sentence + " Corruption is one of the main obstacles, and one reason is low pay. She was the only one who came."
    assert [(f.value, f.unit, f.counted, f.qualifier) for f in figures_in(text)] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Microloans in rural areas carry interest of 30% and more per year.", [(30, "percent", "at_least")]),
    ("The reserve may hold a share of 10% or less of the portfolio.", [(10, "percent", "up_to")]),
    ("Applicants must have 5 years and more of field experience.", [(5, "years", "at_least")]),
    ("Exports rose by 30% and more than doubled by 2020, reaching 12% or more of GDP.",
     [(30, "percent", None), (12, "percent", "at_least")]),
])
def test_a_trailing_qualifier_after_a_percentage_or_and_more(sentence, expected):
    assert [(f.value, f.unit, f.qualifier) for f in figures_in(sentence)] == expected
