"""Normalisation: ligatures, bullets, hyphenation and lost-ligature repair, with offsets back to the source."""

from __future__ import annotations

import re

import pytest

from pipeline.text import MappedText, normalise_document
from pipeline.schemas import Documents
from pipeline.text.normalise import PAGE_SEPARATOR, REPAIR_STEPS


def norm(*pages: str):
    return normalise_document(tuple(pages))


def source_of(doc, pages: tuple[str, ...], word: str, occurrence: int = 0) -> tuple[int, str]:
    """(page number, original page text) under the `occurrence`-th `word` of the normalised text."""
    start = [m.start() for m in re.finditer(re.escape(word), doc.text)][occurrence]
    page, source_start, source_end = doc.locate(start, start + len(word))
    return page, pages[page - 1][source_start:source_end]


# -- Unicode ------------------------------------------------------------------------------------------------

def test_ligature_code_points_become_letters():
    doc = norm("The ﬁnancial audit found ﬂaws in the oﬃce of the aﬄuent donor’s eﬀort.")
    assert doc.text == "The financial audit found flaws in the office of the affluent donor’s effort."


def test_nfkc_leaves_ordinary_accents_alone():
    doc = norm("Évaluation finale: Ministère de la Santé, Côte d’Ivoire.")
    assert doc.text == "Évaluation finale: Ministère de la Santé, Côte d’Ivoire."


def test_windows_and_old_mac_line_endings_become_newlines():
    assert norm("Findings\r\nControls were weak.\rScope").text == "Findings\nControls were weak.\nScope"


def test_unmapped_cid_glyphs_are_removed_and_counted():
    doc = norm("The (cid:31)mission reviewed (cid:4)(cid:5)42 awards.")
    assert doc.text == "The mission reviewed 42 awards."
    assert doc.repairs["cid_glyphs"] == 3


# -- bullets ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("glyph", ["џ", "•", "●", "▪", "\uf0b7", "\uf0a7", "\ue000"])
def test_bullet_glyphs_at_line_start_become_one_marker(glyph):
    doc = norm(f"Key findings\n{glyph} Partner reports were late.\n  {glyph}Site visits were not documented.")
    assert doc.text == "Key findings\n• Partner reports were late.\n• Site visits were not documented."


def test_bullet_repairs_are_counted_only_when_the_glyph_changes():
    doc = norm("џ Reports were late.\n• Files were incomplete.\n\uf0b7 Visits were missed.")
    assert doc.repairs["bullets"] == 2


def test_bullet_glyphs_inside_a_line_are_text():
    doc = norm("Section § 4 of the act and the · separator stay; so does a price of 5 € • net.")
    assert doc.text == "Section § 4 of the act and the · separator stay; so does a price of 5 € • net."
    assert doc.repairs["bullets"] == 0


def test_a_lone_glyph_on_an_empty_line_is_not_a_bullet():
    assert norm("Annex\nџ\nTable 3").text == "Annex\nџ\nTable 3"


# -- hyphenation --------------------------------------------------------------------------------------------

def test_words_split_at_a_line_end_are_joined_when_the_whole_is_a_word():
    doc = norm("The programme strength-\nened local govern-\nment capacity in nine dis-\ntricts.")
    assert doc.text == "The programme strengthened local government capacity in nine districts."
    assert doc.repairs["hyphenation"] == 3


def test_compounds_broken_at_their_own_hyphen_keep_it():
    doc = norm("A well-\nknown, Bishkek-\nbased and non-\ngovernmental partner ran the cross-\nborder project.")
    assert doc.text == "A well-known, Bishkek-based and non-governmental partner ran the cross-border project."


def test_hyphen_inside_a_line_is_untouched():
    text = "The mid-term review of the USAID-funded, co-financed project."
    assert norm(text).text == text


# -- lost ligatures -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("damaged", "repaired"), [
    ("signicant", "significant"),
    ("ofce", "office"),
    ("benecial", "beneficial"),
    ("conict", "conflict"),
    ("nancial", "financial"),
    ("dened", "defined"),
    ("rst", "first"),
    ("efcient", "efficient"),
])
def test_lost_ligatures_are_restored(damaged, repaired):
    doc = norm(f"The review noted a {damaged} change.")
    assert doc.text == f"The review noted a {repaired} change."
    assert doc.repairs["ligatures"] == 1


def test_a_contraction_tail_standing_alone_lost_its_ligature():
    doc = norm("The plan sets ve priority areas to ll the gaps.")
    assert doc.text == "The plan sets five priority areas to fill the gaps."
    assert doc.repairs["ligatures"] == 2


@pytest.mark.parametrize("text", ["We've seen it and they'll say so.", "We ve seen it and they ll say so."])
def test_a_contraction_tail_after_its_pronoun_is_left_alone(text):
    assert norm(text).text == text


def test_ordinary_words_are_never_altered():
    text = ("The auditors noted that staff filed eight late reports on traffic, profit and loss, and fish stocks. "
            "Field teams in Naryn and Osh used a fine mesh, an ice box and a lime wash; the site lead said the "
            "sting of the delays was felt in every district. Its aim is to tie aid to results, not to rig tenders "
            "or let costs rise. The inch gauge and the lime kiln were listed as assets.")
    doc = norm(text)
    assert doc.text == text
    assert doc.repairs["ligatures"] == 0


def test_capitalised_names_and_acronyms_are_not_repaired():
    text = "The Nance Foundation, Ofr Consulting and SIGNICANT Ltd met in Osh."
    assert norm(text).text == text


def test_a_capitalised_common_word_is_repaired():
    doc = norm("Specically, the Ofce of the Inspector General found signicant gaps.")
    assert doc.text == "Specifically, the Office of the Inspector General found significant gaps."
    assert doc.repairs["ligatures"] == 3


def test_lost_ligature_after_a_solid_prefix():
    assert norm("Women's micronancing and selfsufcient groups.").text == \
        "Women's microfinancing and selfsufficient groups."


def test_letter_spaced_pieces_of_a_long_rare_word_are_rejoined():
    # Zipf 1.6-2.9: rarer than the known-word floor, but no run of fragments this long spells a word by chance.
    doc = norm("Donors backed the insti tut ional i zat ion of the reforms and the operat ional i za t ion of aid.")
    assert doc.text == "Donors backed the institutionalization of the reforms and the operationalization of aid."
    assert doc.repairs["letter_spacing"] == 2


def test_a_long_damaged_word_is_repaired_to_a_rarer_word():
    # Zipf 2.6-3.9: below the floors for short words, but a long non-word rarely becomes a word by accident.
    doc = norm("Rural micronance lenders benetted from the reform, said the Center for Nonprot Governance.")
    assert doc.text == ("Rural microfinance lenders benefitted from the reform, said the Center for Nonprofit "
                        "Governance.")
    assert doc.repairs["ligatures"] == 3


def test_long_unknown_names_without_a_repair_stay():
    text = "The Tursunbekova Foundation met the Karakalpakstan Uchastiya Association and Zhumabayev Consulting."
    assert norm(text).text == text


def test_word_split_where_a_ligature_glyph_was_lost_is_rejoined():
    doc = norm("The audit found a signi cant gap in the de nition of in uence.")
    assert doc.text == "The audit found a significant gap in the definition of influence."


@pytest.mark.parametrize(("damaged", "repaired"), [
    ("Support for non-nancial reporting.", "Support for non-financial reporting."),
    ("A cost-eective and well-dened plan.", "A cost-effective and well-defined plan."),
    ("The Non-Prot Law and the Not-for-Prot Council.", "The Non-Profit Law and the Not-for-Profit Council."),
    ("Union of Non-Governmental Non-Prot Organizations", "Union of Non-Governmental Non-Profit Organizations"),
    ("Multi-Nancial Services Review", "Multi-Financial Services Review"),
])
def test_each_part_of_a_hyphenated_compound_is_repaired(damaged, repaired):
    assert norm(damaged).text == repaired


def test_a_double_name_is_not_a_compound_to_repair():
    text = "Ms Jean-Nance of the Smith-Prot family visited Guinea-Bissau and Timor-Leste."
    assert norm(text).text == text


# -- white space --------------------------------------------------------------------------------------------

def test_runs_of_spaces_collapse_and_lines_are_trimmed():
    doc = norm("   The   mission\u00a0 reviewed \t 42 awards.   \n   Scope   \n\n\n\n\nFindings  ")
    assert doc.text == "The mission reviewed 42 awards.\nScope\n\nFindings"


# -- offset map ---------------------------------------------------------------------------------------------

ATLAS_STYLE_PAGES = (
    "  Summary of Findings\r\n\r\nThe ﬁnancial statements were audited.\n",
    "џ The audit found a signicant gap in the ofce budget.\nIt strength-\nened   controls.",
    "Page three: no repairs here, only benecial owners.",
)


@pytest.mark.parametrize(("word", "page", "original"), [
    ("Summary", 1, "Summary"),
    ("financial", 1, "ﬁnancial"),
    ("significant", 2, "signicant"),
    ("office", 2, "ofce"),
    ("controls", 2, "controls"),
    ("Page three", 3, "Page three"),
    ("beneficial", 3, "benecial"),
])
def test_locate_slices_the_original_page_text_to_the_word(word, page, original):
    doc = norm(*ATLAS_STYLE_PAGES)
    assert source_of(doc, ATLAS_STYLE_PAGES, word) == (page, original)


def test_locate_covers_the_whole_of_a_dehyphenated_word():
    doc = norm(*ATLAS_STYLE_PAGES)
    assert source_of(doc, ATLAS_STYLE_PAGES, "strengthened") == (2, "strength-\nened")


def test_locate_covers_a_bullet_item_from_its_glyph():
    doc = norm(*ATLAS_STYLE_PAGES)
    start = doc.text.index("• The audit")
    page, source_start, source_end = doc.locate(start, start + len("• The audit"))
    assert (page, ATLAS_STYLE_PAGES[1][source_start:source_end]) == (2, "џ The audit")


def test_pages_are_joined_with_the_separator_and_remembered():
    doc = norm(*ATLAS_STYLE_PAGES)
    assert doc.text.count(PAGE_SEPARATOR) >= 2
    assert len(doc.pages) == 3
    assert [doc.page_of(doc.text.index(w)) for w in ("financial", "office", "three")] == [1, 2, 3]
    for start, page in zip(doc.page_starts, doc.pages):
        assert doc.text[start:start + len(page.text)] == page.text


def test_same_word_on_two_pages_maps_to_each_page():
    pages = ("The ofce opened in Osh.", "A second ofce opened in Naryn.")
    doc = norm(*pages)
    assert source_of(doc, pages, "office", 0) == (1, "ofce")
    assert source_of(doc, pages, "office", 1) == (2, "ofce")
    start = doc.text.rindex("office")
    assert doc.locate(start, start + len("office"))[1] == pages[1].index("ofce")


def test_empty_pages_keep_page_numbers_for_later_pages():
    pages = ("Cover", "", "The mission found a signicant gap.")
    doc = norm(*pages)
    assert source_of(doc, pages, "significant") == (3, "signicant")


def test_repairs_are_counted_across_pages():
    doc = norm(*ATLAS_STYLE_PAGES)
    assert doc.repairs["ligatures"] == 3  # signicant, ofce, benecial (U+FB01 is Unicode, not a repair)
    assert doc.repairs["hyphenation"] == 1
    assert doc.repairs["bullets"] == 1


def test_normalising_never_mutates_the_mapped_source():
    source = MappedText.identity("The  ofce.")
    before = (source.text, list(source.offsets))
    result, count = source.sub(re.compile(r" +"), " ")
    assert count == 1 and result.text == "The ofce."
    assert (source.text, list(source.offsets)) == before


# -- page furniture -----------------------------------------------------------------------------------------

AUDIT_PAGES = (
    "Performance Audit of Grant Monitoring\nThe mission manages 42 awards.\nPage 1 OIG-24-07 Grant Monitoring",
    "Appendix I: Scope and Methodology\nWe reviewed award files.\nPage 2 OIG-24-07 Grant Monitoring",
    "Appendix I: Scope and Methodology\nWe interviewed staff.\n3",
    "Appendix I: Scope and Methodology\nWe visited four sites.\nPage 4 OIG-24-07 Grant Monitoring",
)


def test_running_headers_footers_and_page_numbers_become_furniture():
    doc = norm(*AUDIT_PAGES)
    assert doc.text == PAGE_SEPARATOR.join([
        "Performance Audit of Grant Monitoring\nThe mission manages 42 awards.", "We reviewed award files.",
        "We interviewed staff.", "We visited four sites."])
    assert (3, "3") in doc.furniture and (4, "Page 4 OIG-24-07 Grant Monitoring") in doc.furniture
    assert sum(1 for _, line in doc.furniture if line.startswith("Appendix I")) == 3
    assert doc.repairs["furniture"] == 7


def test_every_counted_repair_is_published_as_a_documents_column():
    doc = norm(*AUDIT_PAGES, "The 2030 Agenda150 guides the plan.\n\u25aa Review (cid:12) grants.")
    assert doc.repairs["furniture"] > 0 and doc.repairs["footnote_marks"] == 1
    assert set(doc.repairs) <= set(REPAIR_STEPS)
    assert {f"repairs_{step}" for step in REPAIR_STEPS} <= set(Documents.to_schema().columns)


def test_body_text_keeps_offsets_after_furniture_is_removed():
    doc = norm(*AUDIT_PAGES)
    assert source_of(doc, AUDIT_PAGES, "visited four sites") == (4, "visited four sites")


def test_a_repeated_sentence_at_page_tops_is_not_furniture():
    pages = tuple(f"Recommendation {n}: The Secretary should act.\nThe mission agreed.\nIt will act by June.\n"
                  f"Staff were trained.\nSite {n} was visited.\nAgency response\nReport 24-07" for n in range(1, 5))
    doc = norm(*pages)
    assert "Recommendation 3: The Secretary should act." in doc.text
    assert {line for _, line in doc.furniture} == {"Agency response", "Report 24-07"}


def test_a_short_document_keeps_its_edges():
    assert norm("Summary\nOne page only.\n1").text == "Summary\nOne page only.\n1"


# -- footnote reference marks and cid bullets ---------------------------------------------------------------

def test_footnote_numbers_stuck_to_words_are_removed():
    doc = norm("The 2030 Agenda150 guides donors. Breastfeeding rates fell.1 We reviewed 12 studies.3\nNext")
    assert doc.text == "The 2030 Agenda guides donors. Breastfeeding rates fell. We reviewed 12 studies.\nNext"
    assert doc.repairs["footnote_marks"] == 3


@pytest.mark.parametrize("text", ["The iKomek109 hotline", "COVID19 response", "G20 members", "Vision2030 plan",
                                  "see www.edp24.co.uk/sport1/news", "documents1.worldbank.org", "in 2019.3 million"])
def test_ids_urls_and_decimals_are_not_footnote_marks(text):
    assert norm(text).text == text


def test_cid_glyph_at_line_start_is_a_bullet():
    doc = norm("Findings:\n(cid:127) WIC rates fell short of goals.\n(cid:127) Formula (cid:3)ads grew.")
    assert doc.text == "Findings:\n• WIC rates fell short of goals.\n• Formula ads grew."
    assert (doc.repairs["bullets"], doc.repairs["cid_glyphs"]) == (2, 1)


# -- stray paragraph breaks ---------------------------------------------------------------------------------

# An audit report set in lines of about 95 characters; a page break or a stray blank line cuts a sentence.
AUDIT_BODY = (
    "The Office of Inspector General reviewed how the mission monitored its largest awards during\n"
    "fiscal years 2021 through 2023 and whether the partners met the reporting terms of the awards.\n"
    "We found that the mission approved 14 work plans without the budget detail its own guidance\n"
    "requires, and that site visits were recorded for only six of the eleven awards we examined.")


def test_a_page_break_inside_a_sentence_is_joined():
    pages = (AUDIT_BODY + "\nThe mission's agreement officer told us that the monitoring plan for the water",
             "sector was still in draft when the awards were signed in March 2022.\nWe make two recommendations.")
    doc = norm(*pages)
    assert "monitoring plan for the water sector was still in draft" in doc.text
    assert doc.repairs["stray_breaks"] == 1
    assert source_of(doc, pages, "sector was") == (2, "sector was")
    assert doc.page_of(doc.text.index("sector was")) == 2


def test_a_stray_blank_line_before_the_rest_of_a_name_is_joined():
    text = (AUDIT_BODY + "\nThe mission shared the draft findings with the Ministry of Water Resources and\n"
            "the Agency for Rural Development, which asked that the State Committee for Poverty\n\n"
            "Reduction and Economic Growth be consulted before the report was issued.")
    doc = norm(text)
    assert "State Committee for Poverty Reduction and Economic Growth be consulted" in doc.text
    assert doc.repairs["stray_breaks"] == 1
    start = doc.text.index("Reduction")
    assert doc.locate(start, start + 9)[1] == text.index("Reduction")


def test_a_wrapped_bullet_in_a_un_report_is_joined():
    text = ("Recommendations to UNDP and UNFPA\n"
            "\u2022 Strengthen the capacity of national statistical offices to collect, analyse and disaggregate\n\n"
            "data by sex, age and disability, and publish them in the annual progress report.\n"
            "\u2022 Align the country programme with the priorities of the 'Sustainable Development Cooperation\n\n"
            "Framework' agreed with the Government in 2021, and report on it every year to the Executive Board.")
    doc = norm(text)
    assert "and disaggregate data by sex" in doc.text
    assert "Sustainable Development Cooperation Framework' agreed" in doc.text
    assert doc.repairs["stray_breaks"] == 2


@pytest.mark.parametrize("after", [
    "Key Findings\nThe mission did not verify the partners' reported results against its own site visit records.",
    "\u2022 Require partners to submit quarterly financial reports with budget detail for each activity.",
    "2. Require partners to submit quarterly financial reports with budget detail for each activity.",
    "RECOMMENDATIONS\nThe mission should require quarterly financial reports with budget detail for each award.",
    "Recommendations for the Government:\nRaise the budget for the monitoring unit and fill its vacant posts.",
])
def test_a_heading_bullet_or_list_number_after_a_break_is_kept_apart(after):
    before = AUDIT_BODY + "\nThe mission approved the plans of the Water Sector Support Programme in the Fergana Valley"
    doc = norm(before + "\n\n" + after)
    assert doc.repairs["stray_breaks"] == 0 and "Valley\n\n" in doc.text


@pytest.mark.parametrize("before", [
    "Water Sector Support Programme",  # a short line: it did not wrap
    "The mission approved the plans of the Water Sector Support Programme in these districts:",  # a label
    "The mission approved the plans of the Water Sector Support Programme in every province.",  # a sentence end
])
def test_a_line_that_ends_its_text_keeps_its_break(before):
    doc = norm(AUDIT_BODY + "\n" + before + "\n\nin the Ferghana Valley and in Osh.")
    assert doc.repairs["stray_breaks"] == 0



def test_a_quote_left_open_at_the_start_of_a_page_carries_over_a_break():
    text = ("\u2018Water User Associations in Practice: Lessons from Ten Years of Community Management of the Canals\n\n"
            "The Fergana Case\u2019 was published by the mission in 2021 and is cited in the audit report.\n" + AUDIT_BODY)
    doc = norm(text)
    assert "the Canals The Fergana Case\u2019 was published" in doc.text
    assert doc.repairs["stray_breaks"] == 1
