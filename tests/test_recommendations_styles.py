"""Recommendations in report styles beyond the unseen-report fixtures (recommendation_styles.py): each report read
through the whole path (PDF, HTML or text), every recommendation an annotator marks found whole with its audience,
nothing else; then the rules those styles needed, one short text each."""

from __future__ import annotations

import re

import pytest

from recommendation_styles import STYLES
from test_extract_recommendations import recommendations_in, summary

from pipeline.extract.recommendations import addressee, is_recommendation_heading
from pipeline.process import process_file


def _norm(audience: str | None) -> str:
    return re.sub(r"^the ", "", " ".join((audience or "").lower().split()))


@pytest.mark.parametrize("name", sorted(STYLES))
def test_each_recommendation_is_found_whole_with_its_audience_and_nothing_else(tmp_path, name):
    style = STYLES[name]
    (tmp_path / name).write_bytes(style.build())
    recs = process_file(tmp_path, tmp_path / name).recommendations
    unmatched = list(recs)
    for expected in style.expected:
        hit = next((r for r in unmatched if all(w.lower() in r.text.lower() for w in expected.words)), None)
        assert hit is not None, f"{name}: no recommendation with {expected.words}"
        assert _norm(hit.audience) in {_norm(a) for a in expected.audiences}, (hit.audience, hit.text)
        unmatched.remove(hit)
    assert [r.text for r in unmatched] == []
    assert [(w, r.text) for w in style.absent for r in recs if w.lower() in r.text.lower()] == []


def test_a_recommendations_heading_in_capitals_opens_a_section():
    assert is_recommendation_heading("RECOMMENDATIONS")
    assert summary(recommendations_in("RECOMMENDATIONS\n\n1. Revise the results framework of the activity.\n")) == [
        (None, "Revise the results framework of the activity.")]


def test_acronym_subheadings_name_the_audience_of_the_items_under_them():
    text = ("Recommendations\n\nFCDO\n\n• Agree revised numeracy targets with the fund manager before the next "
            "payment.\n• Commission an independent review of the payment-by-results mechanism by June 2026.\n\n"
            "Supplier\n\n• Submit a costed sustainability plan for the learning centres by the end of the year.\n")
    assert [a for a, _ in summary(recommendations_in(text))] == ["FCDO", "FCDO", "Supplier"]


def test_theme_subheadings_keep_the_section_going_up_to_the_next_part_of_the_report():
    text = ("5. Recommendations\n\n5.1 Programme design\n\n• Target the cash transfers at households with children "
            "under five.\n• Align the transfer value with the cost of the minimum food basket.\n\n5.2 Monitoring and "
            "evaluation\n\n• Introduce a post-distribution survey every six months.\n\n6. Lessons learned\n\n"
            "• Early engagement of local authorities reduces delays.\n\nAnnex 1. People met\n\n"
            "• Ministry of Gender, Children and Social Welfare\n")
    assert [t for _, t in summary(recommendations_in(text))] == [
        "Target the cash transfers at households with children under five.",
        "Align the transfer value with the cost of the minimum food basket.",
        "Introduce a post-distribution survey every six months."]


def test_hindsight_is_no_recommendation():
    text = ("4. Conclusions and recommendations\n\nConclusion 1. The programme should have involved the line "
            "ministries from the start. It was designed by the donors alone.\n\nRecommendation 1. The programme "
            "should involve the line ministries in the design of the second phase.\n")
    assert [t for _, t in summary(recommendations_in(text))] == [
        "The programme should involve the line ministries in the design of the second phase."]


def test_a_numbered_paragraph_that_recommends_nothing_explains_the_one_before():
    text = ("VI. Recommendations\n\n78. UNDP should develop a resource mobilization strategy for the country "
            "programme.\n\n79. The recommendation is based on finding 4. Government cost-sharing fell to 12 percent."
            "\n\n80. UNDP and the Government should agree on a transition plan for the electoral support project.\n")
    assert summary(recommendations_in(text)) == [
        ("UNDP", "UNDP should develop a resource mobilization strategy for the country programme. 79. The "
                 "recommendation is based on finding 4. Government cost-sharing fell to 12 percent."),
        ("UNDP and the Government", "UNDP and the Government should agree on a transition plan for the electoral "
                                    "support project.")]


def test_a_restatement_in_the_agency_s_words_is_no_recommendation():
    text = ("Recommendation 4. We recommend that the Bureau for Humanitarian Assistance issue guidance on biometric "
            "registration of beneficiaries.\n\nEvaluation of Management Comments\n\nRecommendation 4. The Bureau "
            "agreed and said that the guidance should be issued by December 2026.\n")
    assert [a for a, _ in summary(recommendations_in(text))] == ["Bureau for Humanitarian Assistance"]


def test_an_addressee_keeps_the_office_named_after_a_comma():
    assert addressee("We recommend that the Mission Director, USAID/Ethiopia:") == "Mission Director, USAID/Ethiopia"
    assert addressee("We recommend that USAID's Bureau for Management, Office of Acquisition and Assistance: ") \
        == "USAID's Bureau for Management, Office of Acquisition and Assistance"
    assert addressee("We recommend that the Administrator, in consultation with the Secretary, review ...") \
        == "Administrator"


def test_an_addressee_named_by_its_office_or_body():
    assert addressee("The executive heads of the United Nations system organizations should designate an "
                     "official.") is None
    recs = recommendations_in("Recommendation 2\n\nThe executive heads of the United Nations system organizations "
                              "should designate a senior official accountable for business continuity.\n")
    assert [r.audience for r in recs] == ["executive heads of the United Nations system organizations"]


def test_a_numbered_item_answered_by_its_number_is_a_recommendation_kept_where_the_body_states_it(tmp_path):
    text = ("A. Fuel consumption\n\n5. Fuel issued at three sites exceeded the expected consumption.\n\n"
            "(2) The Mission should reconcile its fuel consumption records with the generator logs.\n\n"
            "UNMISS accepted recommendation 2.\n\n(3) The camp was inspected twice.\n\n"
            "UNMISS accepted recommendation 3.\n")
    assert [(r.audience, r.text, r.prov.rule) for r in recommendations_in(text)] == [
        ("Mission", "The Mission should reconcile its fuel consumption records with the generator logs.",
         "rec_responded")]
    (tmp_path / "oios_audit.pdf").write_bytes(STYLES["oios_audit.pdf"].build())
    recs = process_file(tmp_path, tmp_path / "oios_audit.pdf").recommendations
    assert {(r.prov.rule, r.prov.page) for r in recs} == {("rec_responded", 2)}  # the body, not the annex table on page 3


def test_a_letter_s_formal_sentence_gives_way_to_the_recommendations_section():
    text = ("To protect the logo from misuse in advertisements, we are recommending that the Secretary of "
            "Agriculture educate all states about the policy on the logo.\n\nAgency Recommendation\n\n"
            "We recommend that the Secretary of Agriculture educate all states about the policy on the logo.\n")
    assert [(r.prov.rule, r.prov.section) for r in recommendations_in(text)] == [
        ("rec_section_prose", "Agency Recommendation")]


def test_an_agency_memo_restating_the_recommendations_word_for_word_adds_none():
    text = ("Recommendations\n\nWe recommend that USAID/Ethiopia's Mission Director:\n\n1. Determine the allowability "
            "of $1,284,310 in questioned costs and recover any amounts determined to be unallowable.\n\n"
            "2. Require the implementer to reconcile its commodity stock records every month.\n\n"
            "Appendix C. Agency Comments\n\nRecommendation 1: Determine the allowability of $1,284,310 in questioned "
            "costs and recover any amounts determined to be unallowable.\n\nManagement Comments: The Mission agrees "
            "with the recommendation.\n\nRecommendation 2: Require the implementer to reconcile its commodity stock "
            "records every month.\n\nManagement Comments: The Mission agrees.\n")
    recs = recommendations_in(text)
    assert [(r.audience, r.prov.section) for r in recs] == [("USAID/Ethiopia's Mission Director", "Recommendations")] * 2


UNFPA_STYLE = """7. Recommendations

7.1 Strategic level

Recommendation 1

Addressed to: UNFPA country office
Priority: Very high
Based on conclusions: 1 and 3

The country office should concentrate its support for family planning on the four provinces with the highest
unmet need.

Operational implications:

• Review the allocation of family planning commodities by province each year.

Recommendation 2

Addressed to: UNFPA country office, in coordination with the Ministry of Youth
Priority: High

Develop a youth programme that reaches young people out of school.
"""


def test_fields_between_a_label_and_its_text_give_the_audience():
    recs = recommendations_in(UNFPA_STYLE)
    assert [(r.audience, r.text[:40], r.prov.section) for r in recs] == [
        ("UNFPA country office", "The country office should concentrate it", "7.1 Strategic level"),
        ("UNFPA country office", "Develop a youth programme that reaches y", "7.1 Strategic level")]


def test_the_agency_s_letter_restating_a_recommendation_and_its_response_add_none():
    text = ("Recommendations for Executive Action\n\nThe Secretary of Defense should ensure that the Under Secretary "
            "of Defense for Acquisition and Sustainment develops a plan for replacing spare parts that depend on a "
            "single supplier. (Recommendation 1)\n\nAppendix II: Comments from the Department of Defense\n\n"
            "DEPARTMENT OF DEFENSE COMMENTS TO THE GAO RECOMMENDATION\n\nRECOMMENDATION 1: The GAO recommends that "
            "the Secretary of Defense ensure that the Under Secretary of Defense for Acquisition and Sustainment "
            "develops a plan for replacing spare parts that depend on a single supplier.\n\nDoD RESPONSE: Concur. "
            "The Department should have the plan by the end of fiscal year 2027.\n")
    recs = recommendations_in(text)
    assert [(r.prov.rule, r.prov.section) for r in recs] == [("rec_marked", "Recommendations for Executive Action")]


def test_a_summary_table_in_text_reads_row_by_row():
    text = ("Summary of recommendations\n\nNo. | Recommendation | Addressed to | Priority\n1 | Concentrate family "
            "planning support on the provinces with the highest unmet need. | UNFPA country office | Very high\n"
            "2 | Develop a youth programme for young people out of school. | Ministry of Youth | High\n")
    assert [a for a, _ in summary(recommendations_in(text))] == ["UNFPA country office", "Ministry of Youth"]


def test_terms_of_reference_that_ask_for_recommendations_make_none():
    text = ("Annex 1. Terms of reference\n\n5. Conclusions and recommendations\n\nThe evaluation team should "
            "formulate recommendations that are specific and addressed to named actors. Recommendations should "
            "follow logically from the findings. The team will recommend options for the second phase and should "
            "present them to the reference group.\n\n6. Deliverables\n\nThe inception report should be submitted "
            "within four weeks.\n")
    assert recommendations_in(text) == []


def test_each_lettered_part_a_label_s_colon_introduces_is_a_recommendation_to_the_lead_in_s_addressee():
    text = ("Recommendation 1\n\nWe recommend that the Commander, U.S. Army Contracting Command:\n\na. Review the 14 "
            "contracts we identified.\n\nb. Establish controls over past performance records.\n\nCommander, U.S. "
            "Army Contracting Command Comments\n\nThe Executive Director agreed with the recommendation.\n\n"
            "Recommendation 2\n\nWe recommend that the Director, Defense Logistics Agency, update the guidance on "
            "past performance evaluations.\n")
    assert summary(recommendations_in(text)) == [
        ("Commander, U.S. Army Contracting Command", "Review the 14 contracts we identified."),
        ("Commander, U.S. Army Contracting Command", "Establish controls over past performance records."),
        ("Director, Defense Logistics Agency", "We recommend that the Director, Defense Logistics Agency, update the "
         "guidance on past performance evaluations.")]


def test_an_explanation_on_the_next_page_stays_with_its_recommendation_and_the_footnotes_between_do_not(tmp_path):
    from report_fixtures import PdfReport
    r = PdfReport("Evaluation of the Rural Water Programme - Final Report", "Joint Evaluation Series No. 9")
    for page in range(3):
        r.new_page()
        r.heading(f"{page + 2}. Findings part {page}")
        r.para("The programme reached most of its targets in the three provinces. " * 6)
    r.heading("6. Recommendations")
    for i in range(15):  # enough to push the recommendation to the foot of a page, its explanation over the break
        r.para(f"Paragraph {i} of the chapter sets out the basis of the recommendations.[^{i + 1}]",
               {str(i + 1): f"Note {i}: see the findings chapter."})
    r.heading("Recommendation 3", size=11, space=6)
    r.para("The Ministry of Water and Sanitation should take over the maintenance budget of rural water points by "
           "2026 and report every year to Parliament on the share of water points that work, district by district, "
           "so that the gains of the programme are not lost once donor funding ends.")
    r.para("Without a recurrent budget line, the water points will depend on donor funds for repairs.")
    (tmp_path / "un.pdf").write_bytes(r.pdf())
    recs = process_file(tmp_path, tmp_path / "un.pdf").recommendations
    assert [r.prov.page for r in recs] == [3]
    assert recs[0].text.endswith("donor funding ends. Without a recurrent budget line, the water points will depend "
                                 "on donor funds for repairs.")
    assert "Note" not in recs[0].text


def test_another_document_s_recommendation_in_the_present_tense_is_reported_not_made():
    text = ("Recommendations\n\nA 2021 study by the World Bank recommends that governments index transfers to "
            "inflation. The evaluation recommends that UNICEF extend the cash transfer pilot to two more districts.\n")
    assert summary(recommendations_in(text)) == [
        ("UNICEF", "The evaluation recommends that UNICEF extend the cash transfer pilot to two more districts.")]


def test_a_highlights_sentence_enumerating_recommendations_made_in_full_later_is_none_of_its_own():
    text = ("What GAO Recommends\n\nGAO recommends that the Secretary of Defense direct the Under Secretary of "
            "Defense for Acquisition and Sustainment to (1) develop a plan with milestones for replacing spare parts "
            "that depend on a single supplier and (2) collect data on the lead times of orders for these parts.\n\f"
            "Recommendations for Executive Action\n\nWe recommend that the Secretary of Defense direct the Under "
            "Secretary of Defense for Acquisition and Sustainment to take the following two actions:\n\n• Develop a "
            "plan with milestones for replacing spare parts that depend on a single supplier.\n\n• Collect data on "
            "the lead times of orders for spare parts that depend on a single supplier.\n")
    assert [(a, t[:21]) for a, t in summary(recommendations_in(text))] == [
        ("Secretary of Defense", "Develop a plan with m"), ("Secretary of Defense", "Collect data on the l")]
    alone = recommendations_in("Recommendations\n\nUNDP should (1) recruit two monitoring officers and (2) train "
                               "the partners' staff in results-based management.\n")
    assert len(alone) == 1


def test_a_summary_table_addressed_to_the_country_office_restates_the_body_s_recommendation_to_undp():
    text = ("Executive summary\n\nRecommendation | Addressed to | Priority\n1. Develop a resource mobilization "
            "strategy with targets for government cost-sharing. | UNDP country office | High\n\n6. Recommendations\n\n"
            "Recommendation 1. UNDP should develop a resource mobilization strategy for the next country programme, "
            "with targets for government cost-sharing.\n")
    assert [(r.audience, r.prov.section) for r in recommendations_in(text)] == [("UNDP", "6. Recommendations")]


def test_asides_to_the_reader_are_no_recommendations():
    text = ("5. Conclusions and recommendations\n\nConclusion 2. It should be noted that the survey covered only two "
            "provinces. Its results should be interpreted with caution.\n\nRecommendation 1. The Ministry of Health "
            "should repeat the survey in all provinces in 2027.\n")
    assert [t for _, t in summary(recommendations_in(text))] == [
        "The Ministry of Health should repeat the survey in all provinces in 2027."]


def test_lettered_parts_after_a_label_s_colon_are_each_a_recommendation_to_its_addressee():
    text = ("Recommendation 2: We recommend that the Administrator of the Health Resources Agency: (a) require grantees "
            "to report clinic wait times every quarter; (b) publish the quarterly reports on the agency's website; and "
            "(c) review the reporting template by 2027.\n\nRecommendation 3: The Ministry should strengthen district "
            "supervision by: (a) recruiting two supervisors per district; and (b) training them in data quality.\n")
    assert summary(recommendations_in(text)) == [
        ("Administrator of the Health Resources Agency", "require grantees to report clinic wait times every quarter"),
        ("Administrator of the Health Resources Agency", "publish the quarterly reports on the agency's website"),
        ("Administrator of the Health Resources Agency", "review the reporting template by 2027."),
        ("Ministry", "The Ministry should strengthen district supervision by: (a) recruiting two supervisors per "
                     "district; and (b) training them in data quality.")]


def test_a_time_frame_or_priority_printed_before_a_recommendation_is_no_part_of_it():
    text = ("Recommendations\n\n• Short term (by mid-2027): Agree a single results framework with the line ministries."
            "\n• Long-term funding should be secured from the national budget.\n• Priority 1 – The Ministry of Water "
            "should publish the list of broken water points every quarter.\n\nRecommendation 4\n\nPriority: Medium. "
            "UNHCR should expand cash assistance to refugees in urban areas.\n")
    assert summary(recommendations_in(text)) == [
        (None, "Agree a single results framework with the line ministries."),
        (None, "Long-term funding should be secured from the national budget."),
        ("Ministry of Water", "The Ministry of Water should publish the list of broken water points every quarter."),
        ("UNHCR", "UNHCR should expand cash assistance to refugees in urban areas.")]


def test_an_addressee_in_closing_brackets_is_the_first_body_named_and_a_result_tag_is_none():
    text = ("Recommendation 5 (outcome 2)\n\nStrengthen the referral pathway for survivors of gender-based violence in "
            "the camps (UNFPA Regional Office, in coordination with the protection cluster).\n")
    assert [r.audience for r in recommendations_in(text)] == ["UNFPA Regional Office"]


def test_an_addressee_keeps_the_office_printed_in_brackets_after_its_title():
    assert addressee("We recommend that the Under Secretary of Defense (Comptroller), in coordination with the "
                     "military departments, issue guidance on unliquidated obligations.") \
        == "Under Secretary of Defense (Comptroller)"


def test_a_list_of_another_document_s_recommendations_is_not_the_report_s_own():
    text = ("Recommendations\n\nThe 2021 mid-term review made nine recommendations to the ministry. The main ones were:"
            "\n\n• Decentralise the procurement of school furniture.\n• Pay school grants at the start of the term.\n\n"
            "Based on its findings, this evaluation recommends that the Ministry of Education take the following "
            "actions:\n\n• Link school grants to enrolment in each school.\n")
    assert summary(recommendations_in(text)) == [("Ministry of Education",
                                                  "Link school grants to enrolment in each school.")]


def test_headings_about_other_reports_recommendations_or_how_they_were_made_open_no_section():
    for heading in ["The Mid-term Review's Recommendations", "Tracking of Audit Recommendations",
                    "Approach to Formulating the Recommendations", "How the Recommendations Were Developed",
                    "Recommendations from Five Country Programme Evaluations"]:
        assert not is_recommendation_heading(heading), heading
    assert is_recommendation_heading("Recommendations to the Ministry of Health")
    assert is_recommendation_heading("Summary of Recommendations")


def test_a_table_s_accountable_entity_names_the_audience_an_office_without_a_name_does_not():
    text = ("Annex 2. Management response\n\nRecommendation | Accountable entity | Management response\nThe country "
            "office should hire a gender specialist before the next programme cycle. | UN Women Kenya country office | "
            "Accepted.\n\nAnnex 3. Action plan\n\nRecommendation | Accountable entity | Timeframe\nPublish the "
            "medium-term expenditure framework before the budget is tabled. | Ministry of Finance | 2027\n")
    assert [a for a, _ in summary(recommendations_in(text))] == ["UN Women Kenya country office", "Ministry of Finance"]


def test_lettered_parts_inline_after_a_formal_sentence_s_colon_are_each_a_recommendation():
    text = ("Finding B\n\nThe Agency did not track grant closeouts. We recommend that the Chief Financial Officer, "
            "Environmental Grants Agency: (a) close the 41 expired grants we identified; and (b) establish a monthly "
            "report of grants past their end date.\n")
    assert summary(recommendations_in(text)) == [
        ("Chief Financial Officer, Environmental Grants Agency", "close the 41 expired grants we identified"),
        ("Chief Financial Officer, Environmental Grants Agency",
         "establish a monthly report of grants past their end date.")]


def test_a_lead_in_left_on_a_line_of_its_own_introduces_the_list_and_names_no_audience():
    text = ("Recommendations\n\nThe 2021 mid-term review made nine recommendations to the ministry. The main ones were:"
            "\n\n• Decentralise the procurement of school furniture.\n\nThe evaluation team recommends the following:\n\n"
            "• Link school grants to enrolment in each school.\n• Publish the grant each school receives every term.\n")
    assert summary(recommendations_in(text)) == [(None, "Link school grants to enrolment in each school."),
                                                 (None, "Publish the grant each school receives every term.")]


def test_a_paragraph_led_by_an_action_in_a_recommendations_box_is_one_recommendation_whole():
    text = ("Key recommendations\n\nRelease transfers to councils on time. The Treasury should release each quarter's "
            "transfer within 15 days of the quarter's start.\n\nPay health facilities directly. Direct financing can "
            "reach every dispensary by 2028.\n")
    assert summary(recommendations_in(text)) == [
        ("Treasury", "Release transfers to councils on time. The Treasury should release each quarter's transfer "
                     "within 15 days of the quarter's start."),
        (None, "Pay health facilities directly. Direct financing can reach every dispensary by 2028.")]
