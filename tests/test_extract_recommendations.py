"""Recommendations: sections with audience headings before or after their lists, numbered GAO-style
recommendations, formal "We recommend that ..." sentences; and lists that only look like recommendations."""

from __future__ import annotations

from pipeline.extract.recommendations import (addressee, audience_label, extract_recommendations,
                                              is_recommendation_heading)
from pipeline.process import parse, process_file
from pipeline.records import RawDocument


def recommendations_in(*pages: str):
    return extract_recommendations(parse("doc_00000000000000b1", RawDocument("text/plain", pages)))


def summary(recs) -> list[tuple[str | None, str]]:
    return [(r.audience, r.text) for r in recs]


# -- audience headings before their lists -------------------------------------------------------------------

DONOR_REPORT_LABELS_FIRST = """Recommendations

For the Government:

• Adopt a national strategy for volunteer engagement by the end of 2025.
• Simplify registration procedures for community associations.

For Donors:

• Provide multi-year core funding to local organisations.
• Align reporting requirements across funding partners.
"""


def test_audience_headings_before_their_lists():
    recs = recommendations_in(DONOR_REPORT_LABELS_FIRST)
    assert summary(recs) == [
        ("Government", "Adopt a national strategy for volunteer engagement by the end of 2025."),
        ("Government", "Simplify registration procedures for community associations."),
        ("Donors", "Provide multi-year core funding to local organisations."),
        ("Donors", "Align reporting requirements across funding partners."),
    ]
    assert {(r.kind, r.prov.rule, r.prov.section) for r in recs} == {
        ("bullet", "rec_section_bullet", "Recommendations")}


def test_recommendation_provenance_slices_the_source():
    recs = recommendations_in(DONOR_REPORT_LABELS_FIRST)
    for rec in recs:
        assert DONOR_REPORT_LABELS_FIRST[rec.prov.start:rec.prov.end] == rec.text
        assert rec.prov.page == 1


# -- audience headings after their lists (as PDF extraction of some layouts leaves them) --------------------

UN_EVALUATION_LABELS_AFTER = """5. Recommendations

The following recommendations are derived from the interviews, focus groups and document review.

• Adopt a national strategy for volunteer engagement by the end of 2025.
• Simplify registration procedures for community associations.

Government

• Provide multi-year core funding to local organisations.
• Align reporting requirements across funding partners and

publish them in one place.

Development partners:

• Pilot a regional knowledge platform for social innovators.

Civil society and academia:
"""


def test_audience_headings_after_their_lists():
    recs = recommendations_in(UN_EVALUATION_LABELS_AFTER)
    assert summary(recs) == [
        ("Government", "Adopt a national strategy for volunteer engagement by the end of 2025."),
        ("Government", "Simplify registration procedures for community associations."),
        ("Development partners", "Provide multi-year core funding to local organisations."),
        ("Development partners", "Align reporting requirements across funding partners and publish them in one "
                                 "place."),
        ("Civil society and academia", "Pilot a regional knowledge platform for social innovators."),
    ]


def test_meta_sentence_introducing_the_recommendations_is_not_one():
    texts = [r.text for r in recommendations_in(UN_EVALUATION_LABELS_AFTER)]
    assert not any("are derived from" in text for text in texts)


# -- numbered recommendations and formal sentences (GAO / OIG style) -----------------------------------------

GAO_EXECUTIVE_ACTION = """Recommendations for Executive Action

We are making the following two recommendations to the Department of State:

1. The Secretary of State should ensure that the Bureau of Consular Affairs documents its risk assessments.
2. The Secretary of State should direct the Bureau of Consular Affairs to update its staffing model for
passport agencies.
"""
# In GAO reports the recommendations are always followed by this section.
GAO_AGENCY_COMMENTS = """
Agency Comments and Our Evaluation

We provided a draft of this report to State for review and comment. State concurred with both recommendations.
"""
GAO_RECOMMENDATIONS = [
    ("Secretary of State", "The Secretary of State should ensure that the Bureau of Consular Affairs documents "
                           "its risk assessments."),
    ("Secretary of State", "The Secretary of State should direct the Bureau of Consular Affairs to update its "
                           "staffing model for passport agencies."),
]


def test_numbered_recommendations_name_their_addressee():
    recs = recommendations_in(GAO_EXECUTIVE_ACTION)
    assert summary(recs) == GAO_RECOMMENDATIONS
    assert {(r.kind, r.prov.rule) for r in recs} == {("numbered", "rec_section_numbered")}


def test_the_section_after_the_recommendations_is_not_their_audience():
    recs = recommendations_in(GAO_EXECUTIVE_ACTION + GAO_AGENCY_COMMENTS)
    assert summary(recs) == GAO_RECOMMENDATIONS


def test_recommendation_text_does_not_end_in_the_opening_of_a_cross_reference():
    text = ("Recommendations for Executive Action\n\n"
            "The Administrator of USAID should direct missions to verify partner data. (Recommendation 1)\n")
    recs = recommendations_in(text)
    assert len(recs) == 1
    assert recs[0].text in ("The Administrator of USAID should direct missions to verify partner data.",
                            "The Administrator of USAID should direct missions to verify partner data. "
                            "(Recommendation 1)")
    assert recs[0].audience == "Administrator of USAID"


def test_matters_for_congress_are_addressed_to_congress():
    text = ("Matters for Congressional Consideration\n\n"
            "Congress should consider requiring the Department of Defense to report annually on contractor "
            "oversight costs.\n\n"
            "Agency Comments and Our Evaluation\n\n"
            "We provided a draft of this report to the Department of Defense for comment.\n")
    recs = recommendations_in(text)
    assert summary(recs) == [("Congress", "Congress should consider requiring the Department of Defense to report "
                                          "annually on contractor oversight costs.")]


OIG_FINDINGS = """Background

The mission was established in 2010 and manages 42 awards. Partners report results every quarter.

Finding 1

Missions did not verify reported results. We recommend that the Administrator of USAID require missions to verify
partner data before reporting results. USAID agreed with the recommendation.
"""


def test_formal_recommendation_sentence_outside_a_recommendations_section():
    recs = recommendations_in(OIG_FINDINGS)
    assert summary(recs) == [("Administrator of USAID", "We recommend that the Administrator of USAID require "
                                                        "missions to verify partner data before reporting results.")]
    assert (recs[0].kind, recs[0].prov.rule, recs[0].prov.section) == ("prose", "rec_formal_sentence", "Finding 1")


def test_a_second_formal_recommendation_with_also():
    text = ("Finding 2\n\nWe recommend that the Mission Director establish written monitoring procedures. "
            "We also recommend that the Mission Director train award managers on the procedures.\n")
    recs = recommendations_in(text)
    assert [r.text for r in recs] == [
        "We recommend that the Mission Director establish written monitoring procedures.",
        "We also recommend that the Mission Director train award managers on the procedures.",
    ]
    assert {r.audience for r in recs} == {"Mission Director"}


def test_prose_recommendations_in_a_recommendations_section():
    text = ("Conclusions and Recommendations\n\n"
            "The evaluation concludes that the project was relevant. The ministry should publish its monitoring "
            "data every quarter. Development partners need to agree on one results framework.\n\n"
            "Annex 1. List of People Interviewed\n")
    recs = recommendations_in(text)
    assert [r.text for r in recs] == ["The ministry should publish its monitoring data every quarter.",
                                      "Development partners need to agree on one results framework."]
    assert {r.kind for r in recs} == {"prose"}


def test_heading_names_the_audience():
    recs = recommendations_in("Recommendations to the Ministry of Health\n\n"
                              "• Publish stock-out data for every district each month.\n")
    assert summary(recs) == [("Ministry of Health", "Publish stock-out data for every district each month.")]


# -- negatives ----------------------------------------------------------------------------------------------

def test_programme_objectives_are_not_recommendations():
    text = ("Programme Objectives\n\n"
            "• Improve the enabling environment for civil society participation.\n"
            "• Increase the capacity of local organisations to engage government.\n"
            "• Strengthen networks between civil society and media.\n\n"
            "Expected Results\n\n"
            "Partners should report on 12 indicators every quarter.\n")
    assert recommendations_in(text) == []


def test_list_of_organisation_names_after_a_recommendations_list_is_not_a_recommendation():
    text = ("Recommendations\n\n"
            "For donors:\n\n"
            "• Provide multi-year core funding to local organisations.\n"
            "• Align reporting requirements across funding partners.\n"
            "• Ministry of Culture and Tourism (MCT)\n"
            "• Eurasia Foundation of Central Asia\n"
            "• Osh State University\n")
    assert [r.text for r in recommendations_in(text)] == [
        "Provide multi-year core funding to local organisations.",
        "Align reporting requirements across funding partners.",
    ]


def test_names_after_the_last_trailing_audience_label_are_not_recommendations():
    text = ("Recommendations\n\n"
            "• Adopt a national strategy for volunteer engagement.\n\n"
            "Government:\n\n"
            "• Provide multi-year core funding to local organisations.\n\n"
            "Donors:\n\n"
            "• Ministry of Culture and Tourism (www.mct.gov.kg)\n"
            "• Aga Khan Foundation (akdn.org)\n\n"
            "Government organizations and agencies:\n")
    assert summary(recommendations_in(text)) == [
        ("Government", "Adopt a national strategy for volunteer engagement."),
        ("Donors", "Provide multi-year core funding to local organisations."),
    ]


def test_status_of_prior_recommendations_is_not_a_recommendations_section():
    text = ("Status of Prior Recommendations\n\n"
            "• Mission should update the monitoring plan (closed).\n"
            "• Mission should train staff (open).\n")
    assert recommendations_in(text) == []


def test_recommendation_heading_rules():
    assert is_recommendation_heading("Recommendations")
    assert is_recommendation_heading("What GAO Recommends")
    assert is_recommendation_heading("6. Conclusions and Recommendations")
    assert not is_recommendation_heading("Status of Prior Recommendations")
    assert not is_recommendation_heading("Key Findings")


def test_audience_labels_and_addressees():
    assert audience_label("For donors") == "donors"
    assert audience_label("Private Sector:") == "Private Sector"
    assert audience_label("Key Findings") is None
    assert addressee("The Secretary of State should ensure that staff are trained.") == "Secretary of State"
    assert addressee("Partners were consulted.") is None


def test_addressee_of_a_formal_sentence_stops_at_the_name():
    assert addressee("We recommend that the Administrator of USAID require missions to verify data.") == \
        "Administrator of USAID"


# -- the sample reports -------------------------------------------------------------------------------------

def test_programme_page_has_no_recommendations(raw_dir, programme_page):
    # Its bullets are programme objectives ("Improve the enabling environment ..."), not recommendations.
    result = process_file(raw_dir, programme_page)
    assert result.status == "ok"
    assert result.recommendations == ()


def test_atlas_recommendations_carry_audiences_and_exclude_directory_lists(raw_dir, atlas):
    result = process_file(raw_dir, atlas)
    recs = result.recommendations
    assert len(recs) >= 50  # seven country chapters, each with a recommendations section
    assert {"Government", "Private Sector", "Academia"} <= {r.audience for r in recs}
    texts = {r.text for r in recs}
    for name in ("Ministry of Labor and Social Protection", "Chevron Corporation (www.chevron.com)",
                 "United States Agency for International Development (USAID)", "Nazarbayev University"):
        assert name not in texts
    assert all(r.prov.section and "ecommendation" in r.prov.section for r in recs if r.prov.rule != "rec_formal_sentence")


# -- labelled recommendations (UN evaluations, OIG reports) ---------------------------------------------------

UN_EVALUATION = """Conclusions and Recommendations

Recommendation 1: UNDP should strengthen results-based management across its country portfolio. This includes
baseline data for every outcome indicator.

The evaluation found that monitoring officers spent most of their time on donor reports. UNDP should also use
the new corporate dashboard.

Management response: UNDP accepts the recommendation. The country office will recruit two monitoring officers.

Recommendation 2 (to UNICEF and WFP)

Align the school feeding and child protection programmes in the northern provinces by 2026.

Management response: Accepted.
"""


def test_labelled_recommendations_take_their_whole_paragraph_and_addressee():
    recs = recommendations_in(UN_EVALUATION)
    assert summary(recs) == [
        ("UNDP", "UNDP should strengthen results-based management across its country portfolio. This includes "
                 "baseline data for every outcome indicator. The evaluation found that monitoring officers spent most "
                 "of their time on donor reports. UNDP should also use the new corporate dashboard."),
        ("UNICEF and WFP", "Align the school feeding and child protection programmes in the northern provinces "
                           "by 2026."),
    ]
    assert {(r.kind, r.prov.rule) for r in recs} == {("numbered", "rec_labelled")}


def test_explanations_stay_with_their_label_and_management_responses_are_left_out():
    recs = recommendations_in(UN_EVALUATION)
    assert len(recs) == 2 and recs[0].text.endswith("corporate dashboard.")
    texts = " ".join(r.text for r in recs)
    assert "recruit" not in texts and "Accepted" not in texts


def test_a_recommendation_with_its_explaining_paragraph_maps_back_to_both_in_the_source():
    first = recommendations_in(UN_EVALUATION)[0]
    source = UN_EVALUATION[first.prov.start:first.prov.end]
    assert source.startswith("UNDP should strengthen") and source.endswith("corporate dashboard.")
    assert " ".join(source.split()) == first.text


def test_a_status_table_of_labelled_recommendations_is_not_new_recommendations():
    text = ("Annex 3. Follow-up\n\nRecommendation 1: Closed.\n\nRecommendation 2: Partially implemented.\n\n"
            "Recommendation 3: Agreed; target date June 2025.\n")
    assert recommendations_in(text) == []


def test_recommendations_heading_in_plural_is_not_a_label():
    recs = recommendations_in("Recommendations for the Board\n\n• Approve the revised audit charter.\n")
    assert summary(recs) == [("Board", "Approve the revised audit charter.")]


# -- GAO reports ----------------------------------------------------------------------------------------------

GAO_MODERN = """Recommendations for Executive Action

We are making the following three recommendations to the Department of Homeland Security:

The Secretary of Homeland Security should direct the Commissioner of U.S. Customs and Border Protection to
document how it selects ports for inspection. (Recommendation 1)

The Secretary of Homeland Security should ensure that the Commissioner of U.S. Customs and Border Protection
updates its staffing model every two years. (Recommendation 2)

The Under Secretary for Management should track the cost of each inspection. (Recommendation 3)

Agency Comments and Our Evaluation

We provided a draft of this report to DHS for review and comment. DHS concurred with our three recommendations.
"""


def test_gao_recommendations_marked_with_their_number():
    recs = recommendations_in(GAO_MODERN)
    assert [r.audience for r in recs] == ["Secretary of Homeland Security", "Secretary of Homeland Security",
                                          "Under Secretary for Management"]
    assert [r.text[-18:] for r in recs] == ["(Recommendation 1)", "(Recommendation 2)", "(Recommendation 3)"]
    assert not any("following three" in r.text or "concurred" in r.text for r in recs)


def test_marked_recommendations_are_found_without_a_section_heading():
    # The side heading was lost in extraction: the "(Recommendation N)" marks still identify them.
    text = GAO_MODERN.split("\n", 2)[2].replace("Agency Comments and Our Evaluation", "")
    assert len(recommendations_in(text)) == 3


GAO_OLDER = """Results in Brief

To improve oversight of the program, we are recommending that the Secretary of Agriculture direct the Food and
Nutrition Service to educate all states about its policy restricting the use of the program's logo.

Conclusions

Formula marketing reaches most participants.

Recommendation for Executive Action

We recommend that the Secretary of Agriculture direct the Food and Nutrition Service to educate all states about
its policy restricting the use of the program's logo and to ensure that all state contracts include such
provisions.

Agency Comments

They stated they agreed with our recommendation that the Secretary of Agriculture educate all states.
"""


def test_summary_restatement_is_kept_once_with_the_body_text():
    recs = recommendations_in(GAO_OLDER)
    assert len(recs) == 1
    assert recs[0].text.startswith("We recommend that the Secretary of Agriculture direct")
    assert recs[0].text.endswith("include such provisions.")
    assert recs[0].audience == "Secretary of Agriculture"


def test_lead_in_sentence_gives_its_addressee_to_the_items_after_it():
    text = ("Inventory Controls\n\nThe department lacked complete inventories. We recommend that the Secretary of "
            "Defense direct the Director of the Defense Logistics Agency to take the following two actions:\n\n"
            "• develop a complete inventory of spare parts; and\n"
            "• report the inventory's value to the Comptroller each year.\n")
    recs = recommendations_in(text)
    assert summary(recs) == [("Secretary of Defense", "develop a complete inventory of spare parts; and"),
                             ("Secretary of Defense", "report the inventory's value to the Comptroller each year.")]


def test_matter_for_congress_with_its_mark():
    text = ("Congress should consider amending the act to require annual reporting on grant outcomes. "
            "(Matter for Consideration 1)\n")
    assert summary(recommendations_in(text)) == [
        ("Congress", "Congress should consider amending the act to require annual reporting on grant outcomes. "
                     "(Matter for Consideration 1)")]


def test_introductory_phrase_before_the_addressee():
    assert addressee("To improve oversight, the Administrator of the Federal Aviation Administration should "
                     "revise its guidance.") == "Administrator of the Federal Aviation Administration"
    assert addressee("GAO recommends that DOD update its guidance.") == "DOD"
    assert addressee("It is recommended that the Ministry of Health publish the data.") == "Ministry of Health"


# -- what is not a new recommendation -------------------------------------------------------------------------

def test_recommendations_reported_from_other_documents_are_not_recommendations():
    text = ("Recommendations\n\n"
            "The 2019 mid-term review recommended that the ministry should decentralise procurement. Several earlier "
            "evaluations also recommended that donors should pool their funds.\n\n"
            "The ministry should publish procurement plans every year.\n")
    assert [r.text for r in recommendations_in(text)] == ["The ministry should publish procurement plans every year."]


def test_recommendations_of_previous_evaluations_heading_is_not_a_recommendations_section():
    text = ("Recommendations of Previous Evaluations\n\n• Donors should pool their funds.\n"
            "• The ministry should decentralise procurement.\n")
    assert recommendations_in(text) == []


def test_identical_items_for_two_audiences_are_two_recommendations():
    text = ("Recommendations\n\nGovernment:\n\n• Raise public awareness of social enterprise.\n\n"
            "Donors:\n\n• Raise public awareness of social enterprise.\n")
    assert summary(recommendations_in(text)) == [("Government", "Raise public awareness of social enterprise."),
                                                 ("Donors", "Raise public awareness of social enterprise.")]


def test_an_explaining_sentence_stays_with_its_recommendation():
    text = ("Recommendations\n\nThe ministry should publish its monitoring data every quarter. This would let "
            "partners plan their support. Donors need to agree on one results framework.\n")
    assert [r.text for r in recommendations_in(text)] == [
        "The ministry should publish its monitoring data every quarter. This would let partners plan their support.",
        "Donors need to agree on one results framework."]


# -- headings printed after their list ------------------------------------------------------------------------

REGIONAL_CHAPTER_HEADING_LAST = """Country profile – Uzbekistan

• Establish a regional platform for social innovators.
• Agree on a shared definition of social innovation.

Civil Society

• Fund regional exchange visits for municipal staff.

International Organizations

Recommendations to advance social innovation in the region

Conclusion

The atlas maps the ecosystem in each country.
"""


def test_recommendations_heading_after_its_whole_list():
    recs = recommendations_in(REGIONAL_CHAPTER_HEADING_LAST)
    assert summary(recs) == [("Civil Society", "Establish a regional platform for social innovators."),
                             ("Civil Society", "Agree on a shared definition of social innovation."),
                             ("International Organizations", "Fund regional exchange visits for municipal staff.")]
    assert {r.prov.section for r in recs} == {"Recommendations to advance social innovation in the region"}


# -- whole documents in HTML, as audit offices and evaluation units publish them -------------------------------

GAO_REPORT_HTML = """<html><body><main>
<h1>Federal Grants: Agencies Need to Improve Oversight</h1>
<h2>What GAO Found</h2><p>Agencies did not consistently monitor grantees.</p>
<h2>What GAO Recommends</h2><p>GAO is making three recommendations, including that the Secretary of Education document its risk reviews.</p>
<h2>Letter</h2><p>The Department of Education awarded $4.9 billion in grants in fiscal year 2022 to 1,234 grantees.</p>
<h2>Conclusions</h2><p>Without documented risk reviews, the department cannot target its monitoring.</p>
<h2>Recommendations for Executive Action</h2>
<p>We are making the following three recommendations to the Department of Education:</p>
<p>The Secretary of Education should document the risk reviews it performs before each award. (Recommendation 1)</p>
<p>The Secretary of Education should require program offices to follow up on single audit findings within 6 months. (Recommendation 2)</p>
<p>The Secretary of Education should ensure that the Office of Finance reconciles grant payments each quarter. (Recommendation 3)</p>
<h2>Agency Comments and Our Evaluation</h2>
<p>We provided a draft of this report to the Department of Education for review and comment. The department concurred with our three recommendations and said it would document its reviews.</p>
</main></body></html>
"""

UN_EVALUATION_HTML = """<html><body><main>
<h1>Independent Country Programme Evaluation: Kyrgyzstan</h1>
<h2>Executive Summary</h2>
<p>Recommendation 1. UNDP should strengthen results-based management across the portfolio.</p>
<h2>Chapter 4. Conclusions, Recommendations and Management Response</h2>
<h3>4.2 Recommendations</h3>
<p><b>Recommendation 1.</b> UNDP should strengthen results-based management across the portfolio, with baselines and targets for every outcome indicator.</p>
<p>The country office should invest in monitoring staff and use the corporate dashboard.</p>
<p><b>Management response:</b> UNDP accepts the recommendation and will recruit two monitoring officers by 2025.</p>
<p><b>Recommendation 2.</b> Together with the Government, UNDP should develop an exit strategy for the border management project.</p>
<p><b>Management response:</b> Partially accepted.</p>
<h2>Annex 1. Terms of reference</h2>
<ul><li>Assess the relevance of the programme.</li><li>Identify lessons learned.</li></ul>
</main></body></html>
"""


def test_gao_report_in_html(tmp_path):
    (tmp_path / "gao-report.html").write_text(GAO_REPORT_HTML, encoding="utf-8")
    recs = process_file(tmp_path, tmp_path / "gao-report.html").recommendations
    assert [(r.audience, r.text[:40], r.prov.rule) for r in recs] == [
        ("Secretary of Education", "The Secretary of Education should docume", "rec_marked"),
        ("Secretary of Education", "The Secretary of Education should requir", "rec_marked"),
        ("Secretary of Education", "The Secretary of Education should ensure", "rec_marked")]


def test_un_evaluation_in_html_keeps_each_recommendation_once(tmp_path):
    (tmp_path / "icpe.html").write_text(UN_EVALUATION_HTML, encoding="utf-8")
    recs = process_file(tmp_path, tmp_path / "icpe.html").recommendations
    assert summary(recs) == [
        ("UNDP", "UNDP should strengthen results-based management across the portfolio, with baselines and targets "
                 "for every outcome indicator. The country office should invest in monitoring staff and use the "
                 "corporate dashboard."),
        ("UNDP", "Together with the Government, UNDP should develop an exit strategy for the border management "
                 "project.")]


def test_table_of_contents_entries_are_not_recommendations():
    text = ("Contents\n\nRecommendation 1: Strengthen results-based management ........ 45\n\n"
            "Recommendation 2: Develop an exit strategy for the project 47\n")
    assert recommendations_in(text) == []


def test_labelled_recommendation_with_a_title_sentence_takes_the_addressee_after_it():
    text = ("Recommendation 4: Strengthen national ownership. UNDP should agree an exit plan with the Ministry of "
            "Economy before the project ends.\n")
    assert [r.audience for r in recommendations_in(text)] == ["UNDP"]


def test_an_unnumbered_recommendation_label():
    text = ("Finding 3: Stock records were incomplete.\n\n"
            "Recommendation: The District Health Office should reconcile stock records every month.\n\n"
            "Management response: Agreed.\n")
    assert summary(recommendations_in(text)) == [
        ("District Health Office", "The District Health Office should reconcile stock records every month.")]


# -- recommendations tables (HTML evaluations and their management responses) ---------------------------------

UN_TABLE_HTML = """<html><body><main>
<h1>Evaluation of the Nutrition Programme</h1>
<h2>5. Recommendations</h2>
<table><thead><tr><th>Recommendation</th><th>Addressed to</th><th>Priority</th></tr></thead><tbody>
<tr><td><p>Recommendation 1: WFP should target the lean season with its cash transfers.</p>
<p>This would protect 12,000 households in the northern provinces.</p></td><td>WFP country office</td><td>High</td></tr>
<tr><td>2. Extend school feeding to the two remaining districts by 2026.</td><td>Ministry of Education</td>
<td>Medium</td></tr>
<tr><td>The Government and WFP should agree one set of malnutrition indicators.</td><td></td><td>Low</td></tr>
</tbody></table>
<h2>Annex 3. Management response</h2>
<table><tr><th>Recommendation</th><th>Management response</th><th>Key actions</th><th>Responsible unit</th></tr>
<tr><td>Recommendation 1</td><td>Accepted. WFP will revise its targeting.</td>
<td>Revise the targeting guidance and train field staff by June 2025</td><td>Programme unit</td></tr></table>
</main></body></html>
"""


def test_recommendations_table_gives_the_cell_and_its_responsible_column(tmp_path):
    (tmp_path / "evaluation.html").write_text(UN_TABLE_HTML, encoding="utf-8")
    recs = process_file(tmp_path, tmp_path / "evaluation.html").recommendations
    assert [(r.audience, r.text, r.kind) for r in recs] == [
        ("WFP country office", "WFP should target the lean season with its cash transfers. This would protect 12,000 "
                               "households in the northern provinces.", "numbered"),
        ("Ministry of Education", "Extend school feeding to the two remaining districts by 2026.", "numbered"),
        ("Government and WFP", "The Government and WFP should agree one set of malnutrition indicators.", "bullet")]
    assert {r.prov.rule for r in recs} == {"rec_table"}


def test_table_row_without_a_recommendation_header_stops_at_its_cell():
    text = ("Recommendations\n\n"
            "Recommendation 3 | The Mission Director should verify partner invoices before payment. | Open\n")
    assert summary(recommendations_in(text)) == [
        ("Mission Director", "The Mission Director should verify partner invoices before payment.")]


def test_table_without_a_recommendation_column_gives_no_table_recommendations():
    text = ("Results\n\nIndicator | Target | Actual\n\n"
            "Households reached with cash transfers in the lean season | 10,000 | 12,000\n")
    assert recommendations_in(text) == []


# -- addressees in audit and evaluation styles ----------------------------------------------------------------

def test_oig_addressee_keeps_the_mission_name_with_its_slash():
    text = ("Recommendations\n\nWe recommend that the Mission Director of USAID/Kenya verify the $1.2 million in cost "
            "share reported by the implementer.\n\nRecommendation 3. We recommend that USAID/Kenya’s Mission "
            "Director implement procedures to review partner invoices before payment.\n")
    assert [r.audience for r in recommendations_in(text)] == ["Mission Director of USAID/Kenya",
                                                               "USAID/Kenya’s Mission Director"]


def test_a_lead_in_sentence_ending_in_a_colon_is_not_a_heading_and_addresses_the_list():
    text = ("Recommendations\n\nWe recommend that USAID’s Bureau for Global Health:\n\n"
            "1. Develop guidance on commodity tracking for implementing partners.\n"
            "2. Require missions to verify stock reports each quarter.\n")
    assert summary(recommendations_in(text)) == [
        ("USAID’s Bureau for Global Health", "Develop guidance on commodity tracking for implementing partners."),
        ("USAID’s Bureau for Global Health", "Require missions to verify stock reports each quarter.")]


def test_addressee_with_partners_or_an_aside_before_should():
    assert addressee("UNICEF and partners should scale up community case management.") == "UNICEF and partners"
    assert addressee("The Government, with UN support, should adopt a social protection floor.") == "Government"
    assert addressee("The programme reached 40 districts and partners should note it.") is None


def test_an_office_named_without_capitals_is_the_audience_only_when_nothing_else_names_one():
    text = ("Recommendations\n\nRecommendation 5. The country office should strengthen its monitoring system.\n\n"
            "Recommendation 6 (UNFPA): Invest in data systems for maternal health.\n\n"
            "Recommendation 7 (high priority): Review the staffing of small field offices.\n")
    assert [r.audience for r in recommendations_in(text)] == ["country office", "UNFPA", None]
    heading_named = ("Recommendations to the Ministry of Health\n\n"
                     "• The department should publish clinic data monthly.\n")
    assert [r.audience for r in recommendations_in(heading_named)] == ["Ministry of Health"]


def test_a_label_with_a_short_title_takes_the_paragraph_after_it():
    text = ("Recommendations\n\nRecommendation 3: Strengthen partnerships\n\n"
            "UNFPA should formalise its partnerships with civil society through multi-year agreements.\n\n"
            "Recommendation 4: Sustainability\n\nThe evaluation found that the clinics depend on project staff.\n")
    assert summary(recommendations_in(text)) == [
        ("UNFPA", "UNFPA should formalise its partnerships with civil society through multi-year agreements.")]


def test_a_marked_recommendation_starts_at_its_recommending_sentence_not_the_finding_before():
    text = ("Conclusion\n\nUSAID/Haiti did not ensure partners verified beneficiaries. We recommend that USAID/Haiti "
            "require its implementing partners to verify beneficiary lists before distributions. (Recommendation 1)\n")
    assert summary(recommendations_in(text)) == [
        ("USAID/Haiti", "We recommend that USAID/Haiti require its implementing partners to verify beneficiary lists "
                        "before distributions. (Recommendation 1)")]


def test_objectives_and_methodology_that_mention_should_are_not_recommendations():
    text = ("Objectives, Scope, and Methodology\n\nThe objectives of this audit were to determine whether USAID should "
            "revise its guidance. To decide whether the mission should change its approach, we reviewed 45 files.\n\n"
            "Findings\n\nPartners should have been consulted earlier, the evaluation found.\n")
    assert recommendations_in(text) == []


def test_paragraphs_explaining_a_numbered_recommendation_belong_to_it():
    text = ("4. Recommendations\n\n"
            "1. UNICEF should integrate nutrition into its social protection work in the three northern regions.\n\n"
            "The evaluation found that cash recipients rarely received nutrition counselling. Partners should share "
            "beneficiary lists to make this possible.\n\n"
            "2. The Government should adopt a costed plan for community health workers by 2026.\n\n"
            "We also recommend that the Ministry of Finance protect the health budget line.\n\n"
            "Annex 1. Terms of reference\n")
    assert summary(recommendations_in(text)) == [
        ("UNICEF", "UNICEF should integrate nutrition into its social protection work in the three northern regions. "
                   "The evaluation found that cash recipients rarely received nutrition counselling. Partners should "
                   "share beneficiary lists to make this possible."),
        ("Government", "The Government should adopt a costed plan for community health workers by 2026."),
        ("Ministry of Finance", "We also recommend that the Ministry of Finance protect the health budget line.")]


# -- restatements, lead-ins before labels, addressees in a closing bracket -----------------------------------

def test_a_summary_restating_a_numbered_recommendation_in_other_words_is_kept_once():
    recs = recommendations_in(
        "Executive summary\n\nThe review makes two recommendations:\n\n"
        "• Recommendation 1 (Ministry of Finance): publish grant awards online.\n"
        "• Recommendation 2 (Donors): pool support for audits.\n\n"
        "Recommendations\n\nRecommendation 1\n\nThe Ministry of Finance should publish every grant award and its "
        "recipient on its website within 30 days of the decision.\n\nRecommendation 2\n\nDonors should pool their "
        "support for external audits of local partners in one basket fund managed by the Supreme Audit Office.\n")
    assert summary(recs) == [
        ("Ministry of Finance", "The Ministry of Finance should publish every grant award and its recipient on its "
                                "website within 30 days of the decision."),
        ("Donors", "Donors should pool their support for external audits of local partners in one basket fund "
                   "managed by the Supreme Audit Office."),
    ]


def test_a_restatement_is_linked_to_the_recommendation_it_restates():
    recs = recommendations_in(
        "Executive summary\n\n• Recommendation 1 (Ministry of Finance): publish grant awards online.\n",
        "Recommendations\n\nRecommendation 1\n\nThe Ministry of Finance should publish every grant award and its "
        "recipient on its website within 30 days of the decision.\n")
    assert len(recs) == 1
    assert recs[0].prov.page == 2
    assert [(p.page, p.section) for p in recs[0].restated_at] == [(1, "Executive summary")]
    restatement = recs[0].restated_at[0]
    assert "publish grant awards online" in "Executive summary\n\n• Recommendation 1 (Ministry of Finance): publish " \
        "grant awards online.\n"[restatement.start:restatement.end]


def test_recommendations_numbered_afresh_in_each_chapter_are_not_restatements():
    recs = recommendations_in(
        "Chapter 2. Health\n\nRecommendation 1: The Ministry of Health should train midwives in every district "
        "hospital before 2026.\n\nChapter 3. Education\n\nRecommendation 1: The Ministry of Education should "
        "publish school inspection reports for every region each year.\n")
    assert [r.audience for r in recs] == ["Ministry of Health", "Ministry of Education"]


def test_numbered_recommendations_after_a_lead_in_take_its_addressee():
    recs = recommendations_in(
        "Recommendations\n\nWe recommend that USAID/Uganda's Mission Director take the following actions:\n\n"
        "Recommendation 1. Determine the allowability of $88,400 in questioned costs and recover any amounts "
        "found unallowable.\n\nRecommendation 2. Direct the contracting officer to verify the beneficiary lists "
        "before each distribution.\n\nAgency Comments\n\nRecommendation 3. Issue a management decision on each "
        "finding before the audit is closed.\n")
    assert [r.audience for r in recs] == ["USAID/Uganda's Mission Director"] * 2 + [None]


def test_a_summary_item_takes_its_audience_from_a_closing_bracket_but_not_from_a_reference():
    recs = recommendations_in(
        "Recommendations\n\n• Publish the tracer study data every year (Ministry of Labour).\n"
        "• Reduce the number of steering committees to one (see annex 2).\n"
        "• Extend the wage subsidy scheme by two years (high priority).\n")
    assert [r.audience for r in recs] == ["Ministry of Labour", None, None]
