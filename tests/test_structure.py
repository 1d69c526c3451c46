"""Structure: headings, list items, paragraphs and the section each falls under."""

from __future__ import annotations

from pipeline.structure import is_heading_line, split_blocks
from pipeline.text import normalise_document

AUDIT_TEXT = """Executive Summary

The Office of Inspector General reviewed the grant portfolio between
2019 and 2022 and found weaknesses in monitoring.

12

Key Findings

• Grant files lacked signed award letters in
nine of the twelve countries reviewed.
• Field monitoring visits were not documented for

most partner organisations in the region.
1. The mission did not track cost share.
2. Closeout reports were filed late.
(a) Procurement records were incomplete.
(b) Asset registers were not reconciled.

Page 4 of 20

2. Background and Scope

The review covered three regional missions.
"""


def blocks_of(*pages: str):
    return split_blocks(normalise_document(tuple(pages)))


def summary(blocks) -> list[tuple[str, str | None, str]]:
    return [(b.kind, b.marker, " ".join(b.text.split())) for b in blocks]


def test_audit_text_splits_into_headings_items_and_paragraphs():
    assert summary(blocks_of(AUDIT_TEXT)) == [
        ("heading", None, "Executive Summary"),
        ("paragraph", None, "The Office of Inspector General reviewed the grant portfolio between 2019 and 2022 "
                            "and found weaknesses in monitoring."),
        ("heading", None, "Key Findings"),
        ("item", "bullet", "Grant files lacked signed award letters in nine of the twelve countries reviewed."),
        ("item", "bullet", "Field monitoring visits were not documented for most partner organisations in the region."),
        ("item", "numbered", "1. The mission did not track cost share."),
        ("item", "numbered", "2. Closeout reports were filed late."),
        ("item", "numbered", "(a) Procurement records were incomplete."),
        ("item", "numbered", "(b) Asset registers were not reconciled."),
        ("heading", None, "2. Background and Scope"),
        ("paragraph", None, "The review covered three regional missions."),
    ]


def test_sections_are_the_nearest_heading_above():
    sections = {" ".join(b.text.split())[:30]: b.section for b in blocks_of(AUDIT_TEXT) if b.kind != "heading"}
    assert sections == {
        "The Office of Inspector Genera": "Executive Summary",
        "Grant files lacked signed awar": "Key Findings",
        "Field monitoring visits were n": "Key Findings",
        "1. The mission did not track c": "Key Findings",
        "2. Closeout reports were filed": "Key Findings",
        "(a) Procurement records were i": "Key Findings",
        "(b) Asset registers were not r": "Key Findings",
        "The review covered three regio": "2. Background and Scope",
    }


def test_blocks_before_any_heading_have_no_section():
    blocks = blocks_of("The mission agreed with all findings and described actions taken.\n\nFindings\n\nText.")
    assert blocks[0].kind == "paragraph" and blocks[0].section is None


def test_a_heading_ending_in_a_colon_names_the_section_without_it():
    blocks = blocks_of("For the Ministry of Health:\n\n• Publish stock-out data every month.")
    assert (blocks[0].kind, blocks[1].section) == ("heading", "For the Ministry of Health")


def test_block_text_is_its_span_of_the_normalised_text():
    doc = normalise_document((AUDIT_TEXT,))
    for block in split_blocks(doc):
        assert block.text == doc.text[block.start:block.end].replace("\n", " ")


def test_bullet_item_span_starts_after_the_marker():
    doc = normalise_document(("Findings\n\n• Reports were late.\nџ Files were missing.",))
    items = [b for b in split_blocks(doc) if b.kind == "item"]
    assert [doc.text[b.start:b.end] for b in items] == ["Reports were late.", "Files were missing."]


def test_numbered_items_in_several_styles():
    text = "Steps\n\n1. Assess needs.\n2) Agree targets.\n(c) Train staff.\nd) Report results.\nii. Close out."
    items = [b for b in blocks_of(text) if b.kind == "item"]
    assert [(b.marker, b.text) for b in items] == [
        ("numbered", "1. Assess needs."), ("numbered", "2) Agree targets."), ("numbered", "(c) Train staff."),
        ("numbered", "d) Report results."), ("numbered", "ii. Close out."),
    ]


def test_wrapped_paragraph_lines_are_one_block():
    text = ("The evaluation found that the programme was relevant to national\n"
            "priorities, but that its monitoring system could not show results\n"
            "at outcome level.")
    blocks = blocks_of(text)
    assert summary(blocks) == [("paragraph", None, "The evaluation found that the programme was relevant to national "
                                                   "priorities, but that its monitoring system could not show results "
                                                   "at outcome level.")]


def test_wrapped_item_lines_join_the_item():
    blocks = blocks_of("• Missions should verify partner data before\n  reporting results to headquarters.\n"
                       "• Missions should keep site visit records.")
    assert summary(blocks) == [
        ("item", "bullet", "Missions should verify partner data before reporting results to headquarters."),
        ("item", "bullet", "Missions should keep site visit records."),
    ]


def test_item_continued_after_a_stray_blank_line_by_a_lower_case_line():
    text = ("Findings\n\n• The ministry did not publish procurement plans for\n\n"
            "three consecutive years, as the law requires.\n• Audit reports were late.")
    items = [b for b in blocks_of(text) if b.kind == "item"]
    assert [" ".join(b.text.split()) for b in items] == [
        "The ministry did not publish procurement plans for three consecutive years, as the law requires.",
        "Audit reports were late.",
    ]


def test_paragraph_continued_after_a_stray_blank_line_by_a_lower_case_line():
    blocks = blocks_of("The grantee reported results for all\n\nnine indicators in its final report.")
    assert summary(blocks) == [("paragraph", None, "The grantee reported results for all nine indicators in its "
                                                   "final report.")]


def test_a_finished_item_is_not_continued_by_the_next_paragraph():
    blocks = blocks_of("• Reports were filed late.\n\nthe mission disagreed with this finding.")
    assert [b.kind for b in blocks] == ["item", "paragraph"]


def test_page_number_lines_are_dropped():
    text = "Findings\n\n12\n\nThe mission agreed.\n\nPage 4 of 20\n\n4/20\n\npage 7\n\nScope is limited."
    assert "12" not in " ".join(b.text for b in blocks_of(text))
    assert summary(blocks_of(text)) == [
        ("heading", None, "Findings"),
        ("paragraph", None, "The mission agreed."),
        ("paragraph", None, "Scope is limited."),
    ]


def test_blocks_carry_the_page_they_start_on():
    blocks = blocks_of("Summary\n\nThe first page.", "Findings\n\n• On the second page.", "Annex\n\nThird.")
    assert [(b.text, b.page) for b in blocks] == [
        ("Summary", 1), ("The first page.", 1), ("Findings", 2), ("On the second page.", 2), ("Annex", 3),
        ("Third.", 3),
    ]


def test_section_carries_over_a_page_break():
    blocks = blocks_of("Key Findings\n\n• Late reports.", "• Missing files.")
    assert [(b.text, b.section, b.page) for b in blocks if b.kind == "item"] == [
        ("Late reports.", "Key Findings", 1), ("Missing files.", "Key Findings", 2),
    ]


def test_heading_shapes():
    assert is_heading_line("Recommendations", standalone=True)
    assert is_heading_line("Matters for Congressional Consideration", standalone=True)
    assert is_heading_line("3.2 Results by Outcome Area", standalone=True)
    assert is_heading_line("Private sector:", standalone=False)
    assert not is_heading_line("The audit found that controls were weak.", standalone=True)
    assert not is_heading_line("Key findings of the review of the mission portfolio and its partners", True)
    assert not is_heading_line("Title Case Line Inside A Paragraph", standalone=False)
    assert not is_heading_line("lower case line", standalone=True)
    assert not is_heading_line("A" * 120, standalone=True)


def test_a_standalone_line_opening_with_a_section_word_is_a_heading():
    assert is_heading_line("Recommendations to advance social innovation in the region", standalone=True)
    assert is_heading_line("Lessons learned from the pilot phase", standalone=True)
    assert not is_heading_line("Recommendations to advance social innovation in the region", standalone=False)
    assert not is_heading_line("Recommendations were discussed with the ministry.", standalone=True)


def test_paragraph_cut_by_a_page_break_and_footnotes_is_one_block():
    pages = ("Results\n\nTo protect the logo, we are recommending that the Secretary educate all states about\n\n"
             "1 The committee asked in its 2005 report that we conduct this study.",
             "the policy restricting its use in advertisements.\n\nMethodology\n\nWe reviewed 12 studies.")
    doc = normalise_document(pages)
    blocks = split_blocks(doc)
    joined = next(b for b in blocks if b.text.startswith("To protect"))
    assert " ".join(joined.text.split()) == ("To protect the logo, we are recommending that the Secretary educate all "
                                             "states about the policy restricting its use in advertisements.")
    assert doc.text[joined.start:joined.end].endswith("advertisements.") and len(joined.text) == joined.end - joined.start
    assert any(b.text.startswith("1 The committee") for b in blocks)


def test_a_paragraph_cut_after_a_number_joins_past_a_raised_footnote_number():
    # The footnote's number is raised, so the text layer glues it to the note ("2Survey"); the cut falls after a
    # number, and the next page goes on in lower case.
    pages = ("Findings\n\nStaff turnover was highest among officers with more than 15\n\n"
             "2Survey responses were weighted by region and grade.",
             "years of service, according to the mission's records.\n\nNext steps\n\nThe team will report.")
    blocks = split_blocks(normalise_document(pages))
    joined = next(b for b in blocks if b.text.startswith("Staff turnover"))
    assert " ".join(joined.text.split()) == ("Staff turnover was highest among officers with more than 15 years of "
                                             "service, according to the mission's records.")
    assert any(b.text.startswith("2Survey") for b in blocks)


def test_a_finished_paragraph_is_not_joined_to_the_next_page():
    doc = normalise_document(("Results\n\nThe audit is complete.", "the annex lists the sites visited."))
    assert [b.text for b in split_blocks(doc) if b.kind == "paragraph"] == [
        "The audit is complete.", "the annex lists the sites visited."]


def test_a_line_continuing_an_unfinished_line_is_not_a_heading():
    doc = normalise_document(("Participation is low among infants in the Program for Women, Infants and\n"
                              "Children (WIC). The program is run by the Food and Nutrition Service.",))
    assert [b.kind for b in split_blocks(doc)] == ["paragraph"]


def test_a_capitalised_sentence_start_with_text_right_below_is_not_a_heading():
    doc = normalise_document(("Results\n\nWe recommend that the Secretary of Agriculture direct the Food and Nutrition\n"
                              "Service to educate all states about its policy.",))
    assert [(b.kind, b.text[:10]) for b in split_blocks(doc)] == [("heading", "Results"), ("paragraph", "We recomme")]


def test_a_title_with_body_text_right_below_is_still_a_heading():
    doc = normalise_document(("Scope and Methodology\nWe reviewed files from 2019 to 2022.",))
    assert [b.kind for b in split_blocks(doc)] == ["heading", "paragraph"]


def test_table_rows_are_blocks_of_their_own_and_never_headings():
    text = ("Recommendations\n\nRecommendation | Responsible | Priority\n\n"
            "1. Publish the audit results each year. | Ministry of Finance | High\n\n"
            "Extend the hotline to rural districts | Regional Office | Medium\n\nAnnex 1\n")
    assert summary(blocks_of(text)) == [
        ("heading", None, "Recommendations"),
        ("paragraph", None, "Recommendation | Responsible | Priority"),
        ("item", "numbered", "1. Publish the audit results each year. | Ministry of Finance | High"),
        ("paragraph", None, "Extend the hotline to rural districts | Regional Office | Medium"),
        ("heading", None, "Annex 1")]
    assert not is_heading_line("Country | Region", standalone=True)


def test_a_sentence_with_a_pronoun_subject_ending_in_a_colon_is_not_a_heading():
    assert not is_heading_line("We recommend that USAID’s Bureau for Global Health:", standalone=True)
    assert not is_heading_line("It is recommended that the Ministry:", standalone=True)
    assert is_heading_line("For the Government:", standalone=True)


def test_a_chapter_title_in_sentence_case_is_a_heading_by_its_number():
    assert is_heading_line("III. Testing and shared arrangements", standalone=True)
    assert is_heading_line("4.2 Value for money and the use of pooled funds", standalone=True)
    assert is_heading_line("A. Maintenance of generators", standalone=True)
    assert not is_heading_line("2. Interview national and county officials", standalone=True)  # a list's step
    assert not is_heading_line("III. Testing and shared arrangements", standalone=False)


def test_table_rows_of_a_text_file_are_blocks_of_their_own():
    doc = normalise_document(["No. | Recommendation | Addressed to\n1 | Publish the data. | Ministry\n"
                              "2 | Fund the survey. | Donors\n"])
    assert [b.text for b in split_blocks(doc)] == [
        "No. | Recommendation | Addressed to", "1 | Publish the data. | Ministry", "2 | Fund the survey. | Donors"]



def test_a_title_line_stopping_inside_a_committee_name_is_one_block_with_its_continuation():
    text = ("Testimony\nBefore the Committee on Rural\nHousing, Small Business, and the Territories, Committee on\n"
            "Oversight, Senate\n\nStatement of the Director\n")
    blocks = summary(blocks_of(text))
    assert ("paragraph", None, "Before the Committee on Rural Housing, Small Business, and the Territories, "
            "Committee on Oversight, Senate") in blocks
    assert all(kind != "heading" or "Rural" not in body for kind, _, body in blocks)
    # A person's name above their title is no name broken across lines.
    blocks = summary(blocks_of("Maria L. Okafor\nDirector, Health, Welfare, and Income Issues\n"))
    assert blocks[0] == ("heading", None, "Maria L. Okafor")


def test_a_title_line_ending_on_an_adjective_or_before_a_firm_name_runs_on():
    blocks = summary(blocks_of("Report to the Committee on Foreign\nRelations, Senate\n\n"
                               "Notice of Inquiry; Northwind\nAerospace Ltd. Gliders\n\nThe board met twice.\n"))
    assert blocks[:2] == [("paragraph", None, "Report to the Committee on Foreign Relations, Senate"),
                          ("paragraph", None, "Notice of Inquiry; Northwind Aerospace Ltd. Gliders")]


def test_an_addressee_block_does_not_run_into_the_letter_that_follows():
    text = ("The Honorable Ana Ruiz\nChairwoman\nSubcommittee on Water, Oceans,\nand Wildlife\n"
            "Committee on Natural Resources\nHouse of Representatives\n"
            "We reviewed how the agency awards grants for habitat restoration and whether it monitors their\n"
            "results. This letter reports what we found.\n")
    blocks = summary(blocks_of(text))
    assert blocks[-2:] == [
        ("paragraph", None, "Subcommittee on Water, Oceans, and Wildlife Committee on Natural Resources "
                            "House of Representatives"),
        ("paragraph", None, "We reviewed how the agency awards grants for habitat restoration and whether it "
                            "monitors their results. This letter reports what we found.")]
    # Lines of names, then a line no longer than them: still one block (a list of names, a short sentence).
    blocks = summary(blocks_of("Ministry of Health, Ministry of Finance,\nMinistry of Water and Energy\nWe agree.\n"))
    assert len(blocks) == 1


NUMBERED_REPORT = """1. Introduction

The evaluation covered the country programme from 2016 to 2020.

2. Synthesis of evaluation findings

The programme was relevant but its results were uneven across outcome areas.

3. Recommendations

1. Strengthen coordination between ministries

The programme should set up a joint steering committee that meets every quarter.

2. Improve monitoring of results

The country office should build a results framework with baselines and targets.

4. Lessons learned

1. Local partners knew the districts well and delivered on time.
2. Shared targets across the partner districts

The programme will continue in 2024.
"""


def test_a_numbered_sentence_case_title_continuing_numbered_titles_is_a_heading():
    blocks = summary(blocks_of(NUMBERED_REPORT))
    assert ("heading", None, "2. Synthesis of evaluation findings") in blocks
    # Short recommendations read like titles, and so may the last item of a list: they stay items.
    assert ("item", "numbered", "1. Strengthen coordination between ministries") in blocks
    assert ("item", "numbered", "2. Improve monitoring of results") in blocks
    assert ("item", "numbered", "2. Shared targets across the partner districts") in blocks
    # The first recommendation reads as a title (three words); the next stays an item under its heading.
    text = ("Recommendations\n\n1. Joint Planning\n\nThe ministries should plan jointly.\n\n"
            "2. Improve monitoring of results\n\nThe office should set baselines.\n")
    assert ("item", "numbered", "2. Improve monitoring of results") in summary(blocks_of(text))
