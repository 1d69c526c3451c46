"""Organisation mentions: acronym definitions, name shapes, gazetteer, aliases, cue names; generic phrases are not
organisations."""

from __future__ import annotations

import pytest

from pipeline.extract.organisations import extract_mentions
from pipeline.nlp.components import is_acronym, schwartz_hearst
from pipeline.process import parse
from pipeline.records import RawDocument


def mentions_in(text: str):
    return extract_mentions(parse("doc_00000000000000a1", RawDocument("text/plain", (text,))))


def named(text: str) -> dict[str, object]:
    """Mentions by text, bare acronyms left out (they count only once some document defines them)."""
    return {m.text: m for m in mentions_in(text) if m.prov.rule != "acronym_bare"}


# -- acronym definitions ------------------------------------------------------------------------------------

def test_acronym_definition_gives_the_long_name_and_its_acronym():
    found = named("The evaluation was commissioned by the Regional Water Governance Facility (RWGF) in 2021.")
    assert list(found) == ["Regional Water Governance Facility"]
    mention = found["Regional Water Governance Facility"]
    assert (mention.acronym, mention.prov.rule) == ("RWGF", "acronym_definition")


def test_acronym_definition_with_a_head_word_takes_its_type():
    found = named("The Ministry of Education and Science (MES) approved the new curriculum.")
    mention = found["Ministry of Education and Science"]
    assert (mention.acronym, mention.org_type) == ("MES", "government")


def test_acronym_with_a_digit_aligns_with_the_name():
    found = named("The atlas was produced by Innovation for Change (I4C) partners.")
    assert found["Innovation for Change"].acronym == "I4C"


def test_lower_case_phrase_before_an_acronym_is_not_a_name():
    assert named("We interviewed civil society organizations (CSOs) in five provinces.") == {}


def test_schwartz_hearst_alignment():
    words = "funded by the Regional Water Governance Facility".split()
    assert words[schwartz_hearst("RWGF", words):] == ["Regional", "Water", "Governance", "Facility"]
    assert schwartz_hearst("XYZ", words) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("USAID", True), ("I4C", True), ("AfDB", True), ("OSCE", True),
    ("A", False), ("Usaid", False), ("the", False), ("CSO TEAM", False),
])
def test_acronym_shape(text, expected):
    assert is_acronym(text) is expected


# -- name shapes --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "name", "org_type"), [
    ("Funding came from the Ministry of Water Resources and Irrigation in 2020.",
     "Ministry of Water Resources and Irrigation", "government"),
    ("The Ministry of Health agreed with the findings.", "Ministry of Health", "government"),
    ("The Department of State concurred with our recommendation.", "Department of State", "government"),
    ("The grant was matched by the Bilim Kazakhstan Foundation.", "Bilim Kazakhstan Foundation", "fund"),
    ("Researchers at Osh State University collected the data.", "Osh State University", "academia"),
    ("The Kyrgyz National University hosted the workshop.", "Kyrgyz National University", "academia"),
    ("The Social Justice Network trained 40 monitors.", "Social Justice Network", "network"),
    ("Chevron Corporation co-funded the scholarships.", "Chevron Corporation", "private"),
    ("A loan from the Golomt bank financed the wells.", "Golomt bank", "private"),
])
def test_organisation_name_shapes(sentence, name, org_type):
    found = named(sentence)
    assert name in found, list(found)
    assert (found[name].org_type, found[name].prov.rule) == (org_type, "org_head_shape")


def test_a_name_stops_at_its_head_word():
    found = named("The Eurasia Foundation in Kyrgyzstan supported 12 media outlets.")
    assert list(found) == ["Eurasia Foundation"]


def test_two_names_joined_by_and_are_two_mentions():
    found = named("Funding came from the Aga Khan Foundation and the Ministry of Health.")
    assert list(found) == ["Aga Khan Foundation", "Ministry of Health"]


# -- gazetteer ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "name", "known_id"), [
    ("The United Nations Development Programme co-financed the census.", "United Nations Development Programme",
     "undp"),
    ("The United Nations Development Program co-financed the census.", "United Nations Development Program",
     "undp"),
    ("Officials at the U.S. Agency for International Development reviewed the plan.",
     "U.S. Agency for International Development", "usaid"),
    ("The World Bank approved a second loan.", "World Bank", "worldbank"),
    ("UNICEF staff visited 12 clinics.", "UNICEF", "unicef"),
])
def test_gazetteer_names_and_acronyms(sentence, name, known_id):
    found = {m.text: m for m in mentions_in(sentence)}
    assert name in found, list(found)
    assert (found[name].known_id, found[name].org_type, found[name].prov.rule) == (known_id, "international",
                                                                                   "gazetteer")


def test_gazetteer_acronyms_match_only_as_written():
    # "who" the pronoun is not the World Health Organization.
    assert [m for m in mentions_in("Officials who attended the training were surveyed.") if m.known_id] == []


def test_gazetteer_long_form_keeps_the_declared_acronym():
    found = named("The Asian Development Bank (ADB) co-financed the road.")
    assert (found["Asian Development Bank"].known_id, found["Asian Development Bank"].acronym) == ("adb", "ADB")


def test_an_acronym_inside_its_own_definition_is_not_a_second_mention():
    mentions = mentions_in("The Asian Development Bank (ADB) co-financed the road.")
    assert [m.text for m in mentions] == ["Asian Development Bank"]


# -- aliases and cue names ----------------------------------------------------------------------------------

def test_name_dash_acronym_declares_an_alias():
    found = named("The grants were managed by the Social Justice Network – SJN in Dushanbe.")
    assert found["Social Justice Network"].acronym == "SJN"


def test_name_dash_brand_declares_an_alias():
    found = named("The programme is implemented by the Civil Society Development Association – ARGO in Almaty.")
    assert found["Civil Society Development Association"].acronym == "ARGO"


@pytest.mark.parametrize(("sentence", "name", "org_type"), [
    ("Training was delivered by NGO “Bright Future Alliance” in Naryn.", "Bright Future Alliance", "cso"),
    ("Training was delivered by PA “Zhashtar Bashaty” in Osh.", "Zhashtar Bashaty", "cso"),
    ("The Public Foundation “Fidokor” hosted the hearing.", "Fidokor", "fund"),
    ('The NGO "Clean Water Now" monitored 30 wells.', "Clean Water Now", "cso"),
])
def test_names_after_a_type_cue(sentence, name, org_type):
    found = named(sentence)
    assert name in found, list(found)
    assert (found[name].org_type, found[name].prov.rule) == (org_type, "cue_name")


# -- not organisations --------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Consultations with the government were limited.",
    "The government of Kyrgyzstan adopted the plan.",
    "Civil Society was not consulted on the draft.",
    "International Organizations rarely consulted local CSOs about priorities.",
    "The survey reached local CSOs in every province.",
    "The Rural Livelihoods Support Programme ended in 2020.",
    "The Youth Employment Program was extended.",
    "The Law on Non-Commercial Organizations was amended in 2021.",
    "The National Strategy for Sustainable Development was adopted.",
    "The Central Asia Regional Report was published.",
])
def test_generic_phrases_programmes_and_laws_are_not_organisations(sentence):
    assert named(sentence) == {}


# -- provenance ---------------------------------------------------------------------------------------------

def test_mention_provenance_slices_the_source_and_names_the_section():
    text = ("Partners\n\nIn two pilot districts, grants from the   Aga Khan Foundation were matched by the\n"
            "Ministry of Water Resources (MWR) and by local councils.")
    mentions = [m for m in mentions_in(text) if m.prov.rule != "acronym_bare"]
    assert [(text[m.prov.start:m.prov.end], m.prov.section) for m in mentions] == [
        ("Aga Khan Foundation", "Partners"), ("Ministry of Water Resources", "Partners"),
    ]


# -- acronym glossaries -------------------------------------------------------------------------------------

AUDIT_GLOSSARY = """Abbreviations

CDC Centers for Disease Control and Prevention
FNS Food and Nutrition Service
NIS National Immunization Survey
WIC Special Supplemental Nutrition Program for Women, Infants, and Children
CSO - Civil Society Organization
IRIM – Independent Research Institute of Mongolia

Results

The CDC and FNS shared data with IRIM.
"""


def test_glossary_lines_declare_acronyms_of_organisations():
    found = named(AUDIT_GLOSSARY)
    assert {name: m.acronym for name, m in found.items()} == {
        "Centers for Disease Control and Prevention": "CDC", "Food and Nutrition Service": "FNS",
        "Independent Research Institute of Mongolia": "IRIM"}
    assert found["Centers for Disease Control and Prevention"].org_type == "government"


def test_glossary_entries_for_programmes_surveys_and_generic_terms_are_not_organisations():
    texts = {m.text for m in mentions_in(AUDIT_GLOSSARY) if m.prov.rule != "acronym_bare"}
    assert not any(word in " ".join(texts) for word in ("Survey", "Program", "Civil Society"))


# -- lists of organisations under a heading ------------------------------------------------------------------

PARTNER_DIRECTORY = """Key players in the country

• Okoo
• Tasees-Afghanistan (www.tasees.af)
• Green TAL
• Aibek Sapashov – co-owner of Makers (IT company)
• Local authorities

Private Sector:

• Kateb University

Academia:
"""


def test_names_listed_next_to_an_organisation_list_heading_are_organisations():
    found = named(PARTNER_DIRECTORY)
    assert {"Okoo", "Tasees-Afghanistan", "Green TAL", "Makers", "Kateb University"} <= set(found)
    assert found["Okoo"].prov.rule == "org_list_item" and found["Okoo"].org_type == "private"
    assert "Aibek Sapashov" not in found and "Local authorities" not in found


def test_the_same_items_without_an_organisation_heading_are_not_names():
    assert named("Key steps\n\n• Okoo\n• Green TAL\n\nNext steps\n") == {}


# -- people's roles, cues and what is not an organisation -----------------------------------------------------

def test_the_organisation_after_a_persons_role():
    found = named("Abdul Rasta is the deputy director of PRSO. Aibek Sapashov, co-owner of Makers, spoke. "
                  "Emil Nasritdinov – Executive Director of the Social Innovations Laboratory – chaired.")
    assert set(found) == {"PRSO", "Makers", "Social Innovations Laboratory"}


@pytest.mark.parametrize(("sentence", "name"), [
    ("• Aigerim Bekova – Executive Director of Sunflower, Manager of the summer camp", "Sunflower"),
    ("Ms. Tan, Country Director of Open Minds Central Asia, opened the workshop.", "Open Minds Central Asia"),
    ("The Managing Director of Harbour Lights said sales doubled.", "Harbour Lights"),
])
def test_a_name_after_a_role_only_an_organisations_head_holds(sentence, name):
    assert set(named(sentence)) == {name}


def test_an_executive_director_of_a_place_names_no_organisation():
    assert named("The Executive Director of Kazakhstan and the director of Finance met in Almaty.") == {}


def test_a_role_before_a_place_or_a_common_word_names_no_organisation():
    assert named("The President of Kazakhstan met the director of Finance in Almaty.") == {}


def test_a_lower_case_type_noun_before_a_name():
    assert set(named("The state-owned company, QazTechVenture offers seed funding.")) == {"QazTechVenture"}


@pytest.mark.parametrize("text", [
    "An urban project is run by the Asia Foundation Mongolia office.",
    "The NGO Law was amended in 2019 and the NGO Activities report was published.",
    "After the Soviet Union collapsed, the Russian Federation took its seat.",
    "IRIM Launches The Digital Transparency Index For Government.",
])
def test_places_laws_and_products_are_not_organisations(text):
    assert not any(name in named(text) for name in ("Mongolia", "Law", "Activities", "Soviet Union",
                                                    "Russian Federation", "Digital Transparency Index For Government"))


def test_two_names_joined_by_and_in_are_two():
    found = named("Training ran at the State Institute of Pedagogy and in the State Teacher Training Institute.")
    assert set(found) == {"State Institute of Pedagogy", "State Teacher Training Institute"}


def test_acronym_of_a_programme_named_for_its_beneficiaries_is_not_an_organisation():
    found = named("Rates are low in the Special Supplemental Nutrition Program for Women, Infants and Children (WIC).")
    assert found == {}


def test_a_generic_adjective_before_a_lower_case_head_is_not_a_name():
    assert named("A congressional committee asked us to review the program. The Congressional committee agreed.") == {}


@pytest.mark.parametrize("text", [
    "Staff were paid under Pay For Performance (PFP) rules.",
    "Travel was booked in the Defense Travel System (DTS).",
    "Offices use Results-Based Management (RBM) tools.",
])
def test_acronyms_of_systems_and_concepts_are_not_organisations(text):
    assert named(text) == {}


def test_a_name_ending_in_budget_with_a_head_is_an_organisation():
    found = named("The Office of Management and Budget (OMB) issued guidance.")
    assert found["Office of Management and Budget"].acronym == "OMB"


# -- name boundaries: conjunctions, numerals, owners, dates, broken hyphens -------------------------------------

@pytest.mark.parametrize(("sentence", "name", "glued"), [
    ("Clean-up days were run by the Nature Protection Society of Kyrgyzstan and Tabiyat Dostlary in Osh.",
     "Nature Protection Society of Kyrgyzstan", "Nature Protection Society of Kyrgyzstan and Tabiyat Dostlary"),
    ("Trainers came from the Centre for Peace and Justice and Ubuntu Works.",
     "Centre for Peace and Justice", "Centre for Peace and Justice and Ubuntu Works"),
])
def test_a_second_name_joined_by_and_is_not_glued_to_the_first(sentence, name, glued):
    found = named(sentence)
    assert name in found and glued not in found, list(found)


def test_and_inside_a_ministry_name_is_kept():
    found = named("The Ministry of Agriculture and Rural Development of Zambia co-chaired the review.")
    assert "Ministry of Agriculture and Rural Development of Zambia" in found


def test_a_roman_numeral_before_a_name_is_not_part_of_it():
    found = named("Resolution No 412-IV\nThe Bilim Association trained 40 teachers in Naryn.")
    assert "Bilim Association" in found and not any("IV" in name for name in found)


def test_a_hyphen_broken_at_a_line_end_is_rejoined_in_the_name():
    found = named("The National Federation of Non- Governmental Organizations of Ghana signed the memorandum.")
    assert "National Federation of Non-Governmental Organizations of Ghana" in found, list(found)


@pytest.mark.parametrize(("text", "name"), [
    ("Exhibit 23.1 Consent of Grant Thornton LLP, independent auditors.", "Grant Thornton LLP"),
    ("Mr. Osei was previously Head of Business of Kumasi Mining Enterprises until 2015.", "Kumasi Mining Enterprises"),
])
def test_words_joined_by_of_before_a_company_are_not_its_name(text, name):
    found = named(text)
    assert name in found, list(found)
    assert not any(other.endswith(name) and other != name for other in found)


@pytest.mark.parametrize("text", [
    "Restricted shares were issued to an employee of the Company on February 17, 2021.",
    "He led the company until the successful sale of the company December 2005.",
])
def test_a_month_is_never_part_of_a_name(text):
    assert not any(month in name for name in named(text) for month in ("February", "December"))


def test_a_dated_name_stops_before_the_month():
    found = named("The agreement was signed with the Nevada State Bank on April 3, 2020.")
    assert "Nevada State Bank" in found, list(found)


# -- programmes, documents, equipment and generic plural heads ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "With financing by the World Bank, the Smart Government Project Mongolia is being implemented.",
    "Empowering CSOs for Improved Government Digital Transparency was a project of IRIM.",
    "The Open Government Partnership Action Plan was adopted in 2019.",
])
def test_a_head_word_inside_a_programme_name_makes_no_organisation(text):
    found = named(text)
    assert not any("Government" in name and "World Bank" not in name for name in found), list(found)


@pytest.mark.parametrize("text", [
    "Pilots must revise the Airplane Flight Manual (AFM) and the Minimum Equipment List (MEL).",
    "Install the Flight Control Computer (FCC) software before further flight.",
    "Donors pledged Official Development Assistance (ODA) of 0.7 percent.",
    "The programme funded Business Advisory Services (BAS) for 200 farms.",
    "Products and Services\n\nOur table games are sold worldwide.",
])
def test_acronyms_of_documents_equipment_and_services_are_not_organisations(text):
    assert named(text) == {}


@pytest.mark.parametrize(("sentence", "name"), [
    ("The Department of Health and Human Services commented on a draft of this report.",
     "Department of Health and Human Services"),
    ("Debts were referred to CBV Collection Services in 2019.", "CBV Collection Services"),
])
def test_a_plural_head_names_an_organisation_with_a_proper_name_or_an_owning_head(sentence, name):
    assert name in named(sentence)


# -- acronyms in capitals ----------------------------------------------------------------------------------------

def test_an_acronym_inside_a_line_set_in_capitals_is_not_the_organisation():
    assert not any(m.known_id == "un" for m in mentions_in("IL Y A UN MANQUE DE CONNECTIVITÉ AVEC LES MUNICIPALITÉS"))


@pytest.mark.parametrize("text", [
    "It has become difficult for UN agencies to raise funds.",
    "The 2018 UN Universal Periodic Review identified gaps.",
])
def test_an_acronym_in_ordinary_text_is_the_organisation(text):
    assert any(m.known_id == "un" for m in mentions_in(text))


# -- types from evidence beyond the head word --------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "name", "org_type"), [
    ("The Kenya Refugee Council distributed winter kits.", "Kenya Refugee Council", "cso"),
    ("The State Committee for Women and Family Affairs drafted the bill.",
     "State Committee for Women and Family Affairs", "government"),
    ("The Institute for Human Rights and Democracy monitored the vote.", "Institute for Human Rights and Democracy",
     "cso"),
    ("The Institute of Economics of the Academy of Sciences published the survey.",
     "Institute of Economics of the Academy of Sciences", "academia"),
    ("The Mongolian Youth Council organised the forum.", "Mongolian Youth Council", "cso"),
    ("The Swedish Committee for Afghanistan runs 150 schools.", "Swedish Committee for Afghanistan", "international"),
    ("The International Finance Corporation invested in the plant.", "International Finance Corporation",
     "international"),
    ("The Shanghai Cooperation Organisation met in Bishkek.", "Shanghai Cooperation Organisation", "international"),
    ("The Pan American Health Organization sent experts.", "Pan American Health Organization", "international"),
    ("The Resident Coordinator's Office chaired the meeting.", "Resident Coordinator's Office", "international"),
    ("The Kyrgyz Health Workers Organization protested.", "Kyrgyz Health Workers Organization", "cso"),
    ("According to the National Bank of Tajikistan, remittances fell.", "National Bank of Tajikistan", "government"),
    ("The Central Bank of Kenya raised its rate.", "Central Bank of Kenya", "government"),
    ("The State Hydrometeorological Centre issued warnings.", "State Hydrometeorological Centre", "government"),
    ("Officials at the US Embassy reviewed the grants.", "US Embassy", "international"),
    ("The National Council of Public Trust reviewed the bill.", "National Council of Public Trust", "government"),
    ("He was a trustee of the University of Nevada Foundation.", "University of Nevada Foundation", "fund"),
    ("The Organization for Better Tomorrow in Afghanistan (OBTA) trained teachers.",
     "Organization for Better Tomorrow in Afghanistan", "cso"),
    ("A loan from Golomt Bank financed the wells.", "Golomt Bank", "private"),
    ("The Nevada State Bank opened a branch.", "Nevada State Bank", "private"),
    ("The Senate Committee on Appropriations asked us to report.", "Senate Committee on Appropriations",
     "government"),
])
def test_types_come_from_evidence_beyond_the_head_word(sentence, name, org_type):
    found = named(sentence)
    assert name in found, list(found)
    assert found[name].org_type == org_type


# -- listed names ------------------------------------------------------------------------------------------------

LOCAL_PARTNERS = """Civil society organizations:

• CBO in Hissor district
• Caritas Czech Republic in Mongolia
• Individual enterprise “Turkmen-Innovation”
• NGOs

The partners met twice a year.
"""


def test_listed_names_drop_places_descriptions_and_generic_kinds():
    found = {m.text for m in mentions_in(LOCAL_PARTNERS) if m.prov.rule == "org_list_item"}
    assert found == {"Caritas Czech Republic", "Turkmen-Innovation"}


def test_well_known_international_ngos_are_international():
    found = {m.text: m for m in mentions_in("The Norwegian Refugee Council and the Aga Khan Foundation (AKF) "
                                            "co-funded the shelters.")}
    assert (found["Norwegian Refugee Council"].org_type, found["Aga Khan Foundation"].org_type) == (
        "international", "international")


# -- UN and audit-report shapes ----------------------------------------------------------------------------------

def test_a_defined_name_that_starts_with_a_known_acronym_is_the_whole_name():
    found = named("The UN Country Team (UNCT) met the Resident Coordinator's Office in Chisinau.")
    assert found["UN Country Team"].acronym == "UNCT"
    assert found["UN Country Team"].org_type == "international"


def test_an_acronym_that_spells_only_the_complement_takes_the_head_before_it():
    found = named("Officials in the Bureau of Population, Refugees, and Migration (PRM) were interviewed.")
    assert found["Bureau of Population, Refugees, and Migration"].acronym == "PRM"


def test_a_leading_word_the_acronym_needs_stays_in_the_name():
    found = named("Communities weigh in on investments by the Local Development Fund (LDF) each year.")
    assert found["Local Development Fund"].acronym == "LDF"


@pytest.mark.parametrize("text", [
    "The Audit Committee and the Compensation Committee met four times in 2021.",
    "The Joint Steering Committee approved the annual work plan.",
    "The shares were sold to a Delaware corporation in 2019.",
    "Airworthiness Directives; The Boeing\nCompany Airplanes",
])
def test_board_committees_descriptions_and_common_words_after_a_cue_are_not_names(text):
    assert named(text) == {}, named(text)


@pytest.mark.parametrize(("sentence", "name"), [
    ("The Public Foundation “Bilim” hosted the hearing.", "Bilim"),
    ("The grant went to Foundation Tabiyat last year.", "Tabiyat"),
])
def test_a_word_cue_still_introduces_a_quoted_or_coined_name(sentence, name):
    assert name in named(sentence)


@pytest.mark.parametrize("text", [
    "This AD is issued in accordance with the Authority for This Rulemaking section of the notice.",
    "De flesta insatser återfinns i Mellanöstern och Nordafrika (MENA) enligt utvärderingarna.",
])
def test_title_case_phrases_and_foreign_place_names_before_an_acronym_are_not_names(text):
    assert named(text) == {}, named(text)


def test_a_name_goes_on_after_a_lower_case_condition_and_its_place():
    found = named("The National Union of People with disabilities of Tajikistan trained 30 monitors. "
                  "Services for people with disabilities of all ages were cut.")
    assert list(found) == ["National Union of People with disabilities of Tajikistan"]


@pytest.mark.parametrize(("sentence", "known_id"), [
    ("OCHA convened the humanitarian country team.", "ocha"),
    ("UN-Habitat supported the municipal plan.", "unhabitat"),
    ("Norad and Danida co-financed the second phase.", "norad"),
    ("The U.S. Congress appropriated the funds.", "uscongress"),
])
def test_un_agencies_donors_and_legislatures_of_evaluations_and_audits_are_known(sentence, known_id):
    assert known_id in {m.known_id for m in mentions_in(sentence)}


# -- names in full-length audit and evaluation reports --------------------------------------------------------

@pytest.mark.parametrize(("sentence", "names"), [
    # two names joined by "and", each ending in its head word
    ("Grants went to the Lakeside Farmers Association and Kisumu Youth Foundation.",
     ["Lakeside Farmers Association", "Kisumu Youth Foundation"]),
    ("Buyers included Nyeri Logistics Company and Mbeya Food Industries.",
     ["Nyeri Logistics Company", "Mbeya Food Industries"]),
    # ... but not a head's complement, nor a name without a head before "and"
    ("The Department of Health and Human Services agreed.", ["Department of Health and Human Services"]),
    ("The Bill & Melinda Gates Foundation paid.", ["Bill & Melinda Gates Foundation"]),
    ("The Wilmington Bank and Trust Company merged.", ["Wilmington Bank and Trust Company"]),
    # a phrase before "in the" is no part of the name
    ("Officials in the Ministry of Rural Roads described delays.", ["Ministry of Rural Roads"]),
    ("Respondents at the Ministry of Energy agreed.", ["Ministry of Energy"]),
    # companies and firms with designators and plural heads after a coined name
    ("The audit by Odhiambo Wekesa & Associates found errors.", ["Odhiambo Wekesa & Associates"]),
    ("Milk went to Tamu Dairy Limited every day.", ["Tamu Dairy Limited"]),
    ("The award went to HarvestLink Partners International last year.", ["HarvestLink Partners International"]),
    # an imperative opening a recommendation is not part of the name
    ("Require HarvestLink Partners International to report monthly.", ["HarvestLink Partners International"]),
    ("Officials from the Ohio Division of Water Resources said so.", ["Ohio Division of Water Resources"]),
    # a known name that goes on with its own complement is the longer name, unless the complement is a place
    ("Staff of the State Department for Cooperatives agreed.", ["State Department for Cooperatives"]),
])
def test_names_in_audit_and_evaluation_prose(sentence, names):
    assert list(named(sentence)) == names


def test_a_known_name_before_a_place_stays_the_known_name():
    found = named("The World Bank of Uzbekistan: Overview.")
    assert list(found) == ["World Bank"] and found["World Bank"].known_id


def test_a_plural_head_inside_a_longer_title_makes_no_name():
    assert named("It joined the Extractive Industries Transparency Initiatives (EITI) in 2013.") == {}


def test_a_mission_written_with_a_slash_is_an_office_of_the_known_organisation():
    found = named("USAID/Kenya's Mission Director and UNDP/Nepal agreed; a USAID/Governance Support Program ran.")
    assert [(m.text, m.org_type) for m in found.values()] == [("USAID/Kenya", "international"),
                                                              ("UNDP/Nepal", "international"), ("USAID", "international")]


def test_an_acronym_defined_for_a_programme_is_no_organisation():
    found = named("FEMA funds the Building Resilient Infrastructure and Communities (BRIC) program and the Flood "
                  "Mitigation Assistance (FMA) grants through the Federal Insurance and Mitigation Administration "
                  "(FIMA).")
    assert "Building Resilient Infrastructure and Communities" not in found
    assert found["Federal Insurance and Mitigation Administration"].acronym == "FIMA"
    found = named("Sida supported the Femmes Africa Solidarité (FAS) programme and the Danish Refugee Council (DRC) "
                  "project.")
    assert [(m.text, m.acronym) for m in found.values()] == [("Sida", None), ("Femmes Africa Solidarité", "FAS"),
                                                            ("Danish Refugee Council", "DRC")]


def test_a_name_in_another_language_with_its_function_words():
    found = named("It worked with Ajuda de Desenvolvimento de Povo para Povo (ADPP) in Niassa.")
    assert found["Ajuda de Desenvolvimento de Povo para Povo"].acronym == "ADPP"


def test_a_known_name_in_brackets_is_the_name_not_its_first_word():
    found = named("Provide transport allowances to young women (UN Women).")
    assert [(m.text, m.known_id) for m in found.values()] == [("UN Women", "unwomen")]


def test_a_unit_listed_after_its_organisation_is_not_an_organisation_of_its_own():
    assert list(named("Ministry of Labour, Employment Directorate")) == ["Ministry of Labour"]
    assert list(named("Kenya Dairy Association, Nakuru Office")) == ["Kenya Dairy Association", "Nakuru Office"]


def test_a_place_after_a_comma_ends_a_ministry_name():
    found = named("An evaluation of the cooperation between the Ministry of Lands, Kenya and Lantmäteriet, Sweden.")
    assert "Ministry of Lands" in found and not any("Kenya" in name for name in found)
    assert "Ministry of Labour, Social Protection and Family" in named(
        "The Ministry of Labour, Social Protection and Family issued the decree.")


# -- lists of subjects inside a name, addressee blocks ---------------------------------------------------------

@pytest.mark.parametrize(("sentence", "name"), [
    ("We briefed staff of the Senate Committee on Health, Education, Labor, and Pensions in May.",
     "Senate Committee on Health, Education, Labor, and Pensions"),
    ("The National Agency for Youth, Sport and Tourism approved the plan.",
     "National Agency for Youth, Sport and Tourism"),
    ("Fellows came from the Institute of History, Archaeology and Law of the Academy of Sciences.",
     "Institute of History, Archaeology and Law of the Academy of Sciences"),
    ("Grants from the Science, Technology and Innovation Agency reached 40 start-ups.",
     "Science, Technology and Innovation Agency"),
])
def test_a_list_of_subjects_stays_inside_the_name(sentence, name):
    found = named(sentence)
    assert name in found, list(found)


def test_an_addressee_block_is_one_name_a_line():
    found = named("The Honorable Jane Doe\nRanking Member\nSubcommittee on Homeland Security, Justice, and Related "
                  "Agencies\nCommittee on Appropriations\nUnited States Senate\n")
    assert {"Subcommittee on Homeland Security, Justice, and Related Agencies", "Committee on Appropriations",
            "United States Senate"} <= set(found), list(found)


def test_a_list_of_names_is_not_read_as_subjects_before_a_head():
    assert "Health, Education and Agriculture" not in " ".join(named(
        "In Health, Education and Agriculture the ministries reported progress."))


# -- quoted names, quoted titles, descriptions --------------------------------------------------------------------

def test_a_quoted_name_after_a_name_is_part_of_it():
    found = named("Since 2015 the Network of Women Lawyers “Equal Voice” has monitored district courts.")
    assert list(found) == ["Network of Women Lawyers “Equal Voice”"]


def test_a_quoted_programme_or_acronym_after_a_name_is_not():
    found = named('The Agency for Statistics "Census Round" project ended. The Union of Farmers “UFA” met.')
    assert {"Agency for Statistics", "Union of Farmers"} <= set(found), list(found)
    assert found["Union of Farmers"].acronym == "UFA"


def test_a_name_opening_a_quoted_title_is_not_an_organisation():
    found = named("Okafor, J. “The Association of Maternal Age with Birth Weight in Rural Clinics.” Journal of "
                  "Health 3 (2001). Data came from the “Ardent Research Institute” of the republic.")
    assert "Ardent Research Institute" in found and not any("Maternal" in name for name in found), list(found)


def test_a_name_after_an_indefinite_article_is_a_kind_unless_it_modifies_a_noun():
    assert named("The grantee set up a new Women’s Resource Center in each district.") == {}
    assert "Ministry of Water" in named("Staff of a Ministry of Water working group drafted the plan.")


# -- types -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "name", "org_type"), [
    ("Payments went to the Central Bank of the Russian Federation.", "Central Bank of the Russian Federation",
     "government"),
    ("The Bright Futures Lab NGO trained 40 teachers.", "Bright Futures Lab", "cso"),
    ("The decree creates the Institute of the Business Ombudsman.", "Institute of the Business Ombudsman",
     "government"),
    ("Data came from the Pamir Meteorological Centre.", "Pamir Meteorological Centre", "government"),
    ("The Pamir Youth Centre ran the camps.", "Pamir Youth Centre", "cso"),
    ("The American Friends Association of Haifa University funded two chairs.",
     "American Friends Association of Haifa University", "cso"),
])
def test_types_from_places_designators_and_functions(sentence, name, org_type):
    found = named(sentence)
    assert name in found, list(found)
    assert found[name].org_type == org_type


def test_products_named_like_platforms_and_academies_are_not_organisations():
    assert named("Results are published on the Regional Knowledge Platform. The Youth Web Academy offers "
                 "courses.") == {}


def test_a_lower_case_noun_before_a_listed_quoted_name_types_it():
    found = {m.text: m.org_type for m in mentions_in(
        "Partners:\n\n• The national movement “Birlik”\n• Individual enterprise “Agro-Start”\n\n"
        "The end.\n")}
    assert found == {"Birlik": "cso", "Agro-Start": "private"}


def test_a_place_after_a_type_noun_is_not_a_name():
    assert named("As a part of this movement, Uzbekistan is firmly committed to the goals.") == {}


# -- programmes, list items, names across lines, known names inside definitions -------------------------------

def test_a_partnership_the_document_calls_a_programme_is_not_an_organisation():
    found = named("The EU-funded Partnership for Resilience (P4R) programme supports farmers. Through its grants, "
                  "Partnership for Resilience has trained 300 farmers. The Global Partnership for Education "
                  "programme and the Resilience Partnership Foundation also helped.")
    assert "Partnership for Resilience" not in found
    assert {"Global Partnership for Education", "Resilience Partnership Foundation"} <= set(found), list(found)


GOVERNMENT_PARTNERS = """Government bodies:

• Ministry of Water and Land relations - www.mwl.gov.np
• Committee for Women Affairs under the Government of Nepal
• Coalition of NGOs For Equality de jure to Equality de facto (www.coalition.np)

Our partners met twice a year.
"""


def test_a_name_at_the_start_of_an_item_in_an_organisation_list_takes_the_whole_item():
    found = named(GOVERNMENT_PARTNERS)
    assert {"Ministry of Water and Land relations", "Committee for Women Affairs", "Government of Nepal",
            "Coalition of NGOs For Equality de jure to Equality de facto"} <= set(found), list(found)


def test_a_name_broken_after_an_adjective_goes_on_in_the_next_block():
    found = named("Student of the\n\nState University of Foreign\n\nLanguages\n\nTeach children to read.\n")
    assert "State University of Foreign Languages" in found, list(found)


def test_a_place_ending_the_line_before_a_name_is_not_part_of_it():
    found = named("Conclusions to advance social innovation in Central Asia\nSocial Research Committee\nMay 2022\n")
    assert "Social Research Committee" in found, list(found)


def test_a_longer_form_of_a_known_name_declaring_its_acronym_is_that_organisation():
    found = named("• United Nations International Children's Emergency Fund (UNICEF)\n")
    mention = found["United Nations International Children's Emergency Fund"]
    assert (mention.known_id, mention.org_type) == ("unicef", "international")
    assert "United Nations" not in found


@pytest.mark.parametrize(("text", "names"), [
    ("We met the employee groups (e.g. Advisory Council for Persons with Disabilities, Blacks In Government, Women "
     "and Minority Staff Association, etc.) in March.",
     {"Advisory Council for Persons with Disabilities", "Women and Minority Staff Association"}),
    ("(Alexandria, VA: Department of Agriculture, Office of Planning and Research, Food and Nutrition Service, "
     "2001)", {"Department of Agriculture", "Office of Planning and Research", "Food and Nutrition Service"}),
])
def test_a_list_of_names_after_a_name_is_not_its_list_of_subjects(text, names):
    found = named(text)
    assert names <= set(found), list(found)


@pytest.mark.parametrize(("text", "name"), [
    ("Testimony before the Subcommittee on Federal Workforce, Committee on Oversight and Government Reform, House "
     "of Representatives.", "Committee on Oversight and Government Reform"),
    ("Ms. Lee served as CEO of Latin America for Pinnacle Payments Group until 2019.", "Pinnacle Payments Group"),
])
def test_a_subject_ending_a_complement_and_a_region_before_for(text, name):
    found = named(text)
    assert name in found, list(found)


@pytest.mark.parametrize("text", [
    "She holds a bachelor’s degree in Hotel Administration and a diploma in Public Administration.",
    "Evaluation of Swedish Support to Land Administration Systems in Moldova, 2001-2015",
    "Members raised the issue with the House Subcommittee in May.",
])
def test_fields_of_study_systems_and_chambers_named_generically_are_not_organisations(text):
    assert named(text) == {}


def test_a_glossary_line_whose_acronym_skips_function_words_declares_it():
    found = named("Abbreviations\n\nFEMA Federal Emergency Management Agency\nOMB Office of Management and Budget\n")
    assert found["Office of Management and Budget"].acronym == "OMB", list(found)


def test_a_national_modifier_the_acronym_leaves_out_stays_in_the_defined_name():
    found = named("Districts planned with the National Institute for Disaster Risk Management and Reduction (INGD).")
    assert found["National Institute for Disaster Risk Management and Reduction"].acronym == "INGD", list(found)


def test_a_known_acronym_before_a_unit_name_is_the_units_name():
    found = named("The evaluation was commissioned by the UNDP Independent Evaluation Office and the UNICEF "
                  "Evaluation Office; UNDP managed it.")
    assert {"UNDP Independent Evaluation Office", "UNICEF Evaluation Office", "UNDP"} <= set(found), list(found)
    assert found["UNICEF Evaluation Office"].org_type == "international"


@pytest.mark.parametrize(("text", "name", "org_type"), [
    ("Data from the New York State Department of Health show a decline.", "New York State Department of Health",
     "government"),
    ("Layoffs at Zyrtex Well Services were reported in March.", "Zyrtex Well Services", "private"),
    ("• “Umid” Charity Public Fund of Tajikistan - https://umid.tj\n",
     "“Umid” Charity Public Fund of Tajikistan",
     "fund"),
    ("Futures | Gulf Coast Grain Group Gulf Coast Grain Group Gulf Coast Grain Group | Price",
     "Gulf Coast Grain Group", "private"),
])
def test_places_quoted_names_and_repeated_cells_in_names(text, name, org_type):
    found = named(text)
    assert name in found, list(found)
    assert found[name].org_type == org_type


def test_an_imperative_before_a_name_is_not_part_of_it():
    found = named("Call Bright Horizons Council 13 11 20 for support, or visit the website.")
    assert "Bright Horizons Council" in found, list(found)


def test_a_plural_head_in_a_departments_complement_leaves_it_a_department():
    found = named("The Department of Human Services signed the contract. CBV Collection Services collects.")
    assert found["Department of Human Services"].org_type == "government"
    assert found["CBV Collection Services"].org_type == "private"


def test_a_name_after_a_title_case_the_and_before_a_dash_acronym():
    found = named("12. Review of the Core Support for The Balkan Community Foundation, 2010-2014")
    assert list(found) == ["Balkan Community Foundation"]
    found = named("Institutional support to the Association of Rural Councils of Malawi – ARCOM")
    assert found["Association of Rural Councils of Malawi"].acronym == "ARCOM", list(found)


@pytest.mark.parametrize("text", [
    "Implementation of an IT Employment Service System (ESS) in the regions",
    "Project: Establishing Knowledge Resource Centre in Herat",
])
def test_systems_with_a_head_word_and_project_titles_are_not_organisations(text):
    assert named(text) == {}


@pytest.mark.parametrize(("text", "names"), [
    ("Fintrac Inc. and Acme Seeds Ltd. provided technical assistance to the Kenya Dairy Board.",
     {"Fintrac Inc.", "Acme Seeds Ltd.", "Kenya Dairy Board"}),
    ("The Congress of Local Authorities of Moldova and the Moldovan State Chancellery signed it.",
     {"Congress of Local Authorities of Moldova", "Moldovan State Chancellery"}),
    ("Civil society partners such as the Centre for Policies and Reforms took part.",
     {"Centre for Policies and Reforms"}),
    ("He is a Board Member and Trustee Emeritus of the University of Reno Foundation.",
     {"University of Reno Foundation"}),
    ("The Mission's Office of Acquisition and Assistance did not verify cost share.",
     {"Office of Acquisition and Assistance"}),
    ("He joined the Board of Directors of Kestrel Mining Corp. and the Board of Halden Collection Services in 2012.",
     {"Kestrel Mining Corp.", "Halden Collection Services"}),
])
def test_firm_designators_boards_and_owners_in_audit_and_evaluation_prose(text, names):
    assert set(named(text)) == names, list(named(text))


@pytest.mark.parametrize("text", [
    "Approved by the Board of Directors. Committees of the Board met twice.",
    "Validation of the Republic of Tajikistan – Board decision. Decision reference: 2020-02.",
])
def test_a_companys_board_and_a_board_after_a_dash_are_not_organisations(text):
    assert named(text) == {}


def test_a_lower_case_head_after_a_modifier_takes_its_complement():
    found = named("Analytical note of the National bank of the Republic of Moldova (2018).")
    assert found["National bank of the Republic of Moldova"].org_type == "government", list(found)


def test_corps_and_commands_are_bodies_and_a_web_academy_after_a_cue_is_a_product():
    found = named("The U.S. Army Corps of Engineers and the Naval Air Systems Command reviewed the plans.")
    assert {"U.S. Army Corps of Engineers", "Naval Air Systems Command"} <= set(found), list(found)
    assert named("The NGO Web Academy is a distance learning tool for activists.") == {}


def test_an_acronym_before_a_lower_case_head_is_that_bodys_unit_not_a_name():
    assert set(named("I worked with the EAC committee on the survey. A loan from Golomt bank helped.")) == {
        "Golomt bank"}


def test_a_heading_broken_before_its_head_word_or_its_system_word():
    found = named("Evaluations reviewed\n\nThe list below gives the evaluations.\n\nReview of Core Support to the "
                  "Caspian Partnership\n\nFoundation (CPF), 2010-2014\n\nEvaluation of Support to Land Administration"
                  "\n\nSystems in Armenia, 2001-2012\n")
    assert "Caspian Partnership Foundation" in found and found["Caspian Partnership Foundation"].org_type == "fund"
    assert not any("Land Administration" in name for name in found), list(found)
    found = named("National Cybersecurity Strategy\n\nU.S. Government\n\nAccountability Office\n\nJune 2023\n")
    assert "U.S. Government" in found, list(found)


def test_a_refugee_services_organisation_is_a_cso():
    assert named("The Kakuma Refugee Services ran the camp school.")["Kakuma Refugee Services"].org_type == "cso"


# -- acronyms listed among names ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "acronym"), [
    ("Previous partners have included the University of Leeds, KTH, Stanford University and the Aga Khan "
     "Foundation.", "KTH"),
    ("The survey was run jointly by the Ministry of Water, NWRA and the Danish Refugee Council.", "NWRA"),
    ("Audit work was coordinated with the Office of Inspector General, CIGIE and the Department of Energy.",
     "CIGIE"),
])
def test_an_acronym_listed_among_organisation_names_is_one(text, acronym):
    found = {m.text: m for m in mentions_in(text)}
    assert found[acronym].prov.rule == "org_list_acronym"
    assert all(m.prov.rule != "acronym_bare" for m in found.values())


def test_an_acronym_after_a_comma_ends_a_ministrys_complement():
    found = named("The assessment was funded by the Ministry of Water, NWRA and UNDP.")
    assert list(found) == ["Ministry of Water", "NWRA", "UNDP"]


@pytest.mark.parametrize(("text", "acronym"), [
    ("The evaluation looked at the Ministry of Finance, GDP and jobs.", "GDP"),
    ("Funding came from the US, UK and the World Bank.", "US"),
    ("The Water Sector Programme (WSP) is large. It was funded by the Ministry of Water, WSP and UNDP.", "WSP"),
    ("We met UNDP and ABC staff in the field.", "ABC"),
    ("The Ministry of Health, MOH, and the Red Cross Society signed the plan.", "MOH"),
])
def test_a_listed_code_unit_programme_or_modifier_acronym_is_no_organisation(text, acronym):
    assert {m.prov.rule for m in mentions_in(text) if m.text == acronym} <= {"acronym_bare"}


# -- publishers in citations ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "publisher", "org_type"), [
    # APA
    ("Temirova, A., & Lowe, R. (2016). Water user associations after independence. New York, NY: Routledge.",
     "Routledge", "media"),
    # Chicago, with the next entry on the same line
    ("Ostrom, Elinor. 1990. Governing the Commons. Cambridge: Polity. Pretty, Jules. 2003. Social capital.",
     "Polity", "media"),
    # Harvard, a book chapter with a doi after the publisher's town
    ("Karimov, B. (2021) Local councils and budgets. In: Ibraev S. (eds) Decentralisation in Practice. Palgrave "
     "Macmillan, Cham. https://doi.org/10.1007/978-3-030-00000-0_4", "Palgrave Macmillan", "media"),
    ("Otunbaeva, R. 2012. Rural credit in the Ferghana Valley. Working Paper 4. Bishkek: Kluwer & Ilim.",
     "Kluwer & Ilim", "media"),
])
def test_the_publisher_of_a_citation_is_an_organisation(text, publisher, org_type):
    found = named(text)
    assert (found[publisher].prov.rule, found[publisher].org_type) == ("org_publisher", org_type)


@pytest.mark.parametrize(("text", "publisher"), [
    ("Sultanova, D. 2018. Remittances and rural households in the Rasht valley. Zed Books.", "Zed Books"),
    ("Omarova, L. (2015). Pastures, herders and the state. Earthscan Publications. https://doi.org/10.4324/1",
     "Earthscan Publications"),
])
def test_a_publisher_printed_without_its_town_ends_the_entry_with_a_publisher_word(text, publisher):
    found = named(text)
    assert (found[publisher].prov.rule, found[publisher].org_type) == ("org_publisher", "media")
    # a lone word or a title in that place is not taken for a publisher
    assert named(text.replace(publisher, "Tokmok")) == {}
    assert named(text.replace(publisher, "Civil Society Today")) == {}


def test_a_known_publisher_keeps_its_gazetteer_entry_and_an_acronym_publisher_is_named():
    found = named("World Bank. 2018. Jobs in Central Asia: A Diagnostic. Washington, DC: World Bank.")
    assert {m.prov.rule for t, m in found.items() if t == "World Bank"} == {"gazetteer"}
    found = named("Buxton, C. 2019. Development tool or civil society actor? Praxis Paper 8. Oxford: INTRAC.")
    assert found["INTRAC"].prov.rule == "org_publisher"


@pytest.mark.parametrize("text", [
    "In London: the Mayor opened the new water hall in 2019 after a long debate.",
    "Abdullaev, J. (2019). Kyrgyzstan: Civil Society Today.",
    "Afghanistan: Public Expenditure Update. World Bank (2019). Retrieved 20 October 2021.",
    "In 2019 the auditors reviewed the grants made by the mission in Nairobi: Grants Management.",
])
def test_a_place_and_a_colon_outside_a_citation_give_no_publisher(text):
    assert not [m for m in mentions_in(text) if m.prov.rule == "org_publisher"]


# -- committees, parallel service names, personnel grades ------------------------------------------------------

@pytest.mark.parametrize(("text", "names"), [
    ("Ranking Member\nSubcommittee on Energy, Water Development, Coastal Zone Authority, and Related "
     "Agencies\nCommittee on Appropriations\nHouse of Representatives",
     ["Subcommittee on Energy, Water Development, Coastal Zone Authority, and Related Agencies",
      "Committee on Appropriations", "House of Representatives"]),
    ("We briefed the Subcommittee on Interior, Environment, and Related Agencies on our findings.",
     ["Subcommittee on Interior, Environment, and Related Agencies"]),
])
def test_a_committees_serial_list_of_subjects_may_name_bodies(text, names):
    assert list(named(text)) == names


def test_a_committees_serial_list_may_close_with_an_item_after_the():
    found = named("Statement before the Subcommittee on Rural Roads, Rail Safety, and the Coastal Territories, "
                  "Committee on Transport, House of Representatives.")
    assert list(found) == ["Subcommittee on Rural Roads, Rail Safety, and the Coastal Territories",
                           "Committee on Transport", "House of Representatives"]
    # outside a committee's subjects 'and the' still opens a second name
    assert "Ministry of Roads" in named("Funds reached the Ministry of Roads, Rail Service, and the Coastal Board.")


def test_a_committees_list_of_known_bodies_is_a_list_of_names():
    found = named("The Committee on Health, World Bank, and Asian Development Bank staff met in Manila.")
    assert "World Bank" in found and "Asian Development Bank" in found


@pytest.mark.parametrize(("text", "names"), [
    ("The contracts went to Aramark Support Services and Halliburton Energy Services in 2019.",
     ["Aramark Support Services", "Halliburton Energy Services"]),
    ("The Department of Health and Human Services funds the program.", ["Department of Health and Human Services"]),
])
def test_two_service_firms_joined_by_and_are_two_names(text, names):
    assert list(named(text)) == names


@pytest.mark.parametrize("text", [
    "The survey covered all GAO employees (except Senior Executive Service members and interns).",
    "Officers of the Senior Foreign Service and the Indian Administrative Service were interviewed.",
])
def test_a_personnel_grade_named_like_a_service_is_no_organisation(text):
    assert not [t for t in named(text) if "Service" in t]


# -- lower-case complements -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("Petitions are screened by the moderator – the Institute of legislative issues and parliamentary studies.",
     "Institute of legislative issues and parliamentary studies"),
    ("The grant was signed with the Ministry of labour and social protection (MLSP) in 2020.",
     "Ministry of labour and social protection"),
])
def test_a_head_after_the_with_lower_case_subjects_ending_the_clause_is_a_name(text, name):
    assert name in named(text)


@pytest.mark.parametrize("text", [
    "Later that year the Ministry of finance officials said the audit was late.",
    "The auditors met the Department of health and education officials.",
    "Funds were moved by the Ministry of finance and the central bank.",
])
def test_ordinary_phrases_after_a_head_are_no_lower_case_name(text):
    assert not [t for t in named(text) if " of " in t and t.split(" of ")[1][:1].islower()]


# -- sentence openers, joined names, more head words, national bodies ------------------------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("Later the Ministry of Water Resources revised its tariff schedule.", "Ministry of Water Resources"),
    ("Subsequently the Department of Labor issued interim guidance to grantees.", "Department of Labor"),
    ("Meanwhile the Kisumu Water Authority opened a follow-up review.", "Kisumu Water Authority"),
])
def test_an_adverb_opening_the_sentence_is_not_part_of_the_name(text, name):
    assert list(named(text)) == [name]


@pytest.mark.parametrize(("text", "names"), [
    ("Funding came from the Ministry of Public Health and UNICEF.", ["Ministry of Public Health", "UNICEF"]),
    ("The plan was agreed by the Directorate of Water Supply and World Bank staff.",
     ["Directorate of Water Supply", "World Bank"]),
])
def test_a_name_joined_to_another_name_ends_before_the_connector(text, names):
    assert [m.text for m in mentions_in(text)] == names


def test_an_acronym_after_and_is_a_second_name_unless_it_is_a_subject_code():
    assert [m.text for m in mentions_in("Trainers came from the Bureau of Land Management and KWS.")] == [
        "Bureau of Land Management", "KWS"]
    assert "Ministry of Information and ICT" in named("The Ministry of Information and ICT issued licences.")


@pytest.mark.parametrize(("text", "name", "org_type"), [
    ("Report to the Ranking Member, United States House of Representatives.",
     "United States House of Representatives", "government"),
    ("The study was peer reviewed at the Hartwell Institution in Boston.", "Hartwell Institution", "academia"),
    ("The Supreme Audit Institution of Malawi reviewed the accounts.", "Supreme Audit Institution of Malawi",
     "government"),
    ("Members of the Lusaka Chamber of Commerce and Industry were surveyed.",
     "Lusaka Chamber of Commerce and Industry", "private"),
    ("The bill went to the Legislative Chamber of the Supreme Council.", "Legislative Chamber of the Supreme Council",
     "government"),
    ("Samples were tested by Okavango Laboratories under contract.", "Okavango Laboratories", "private"),
])
def test_more_head_words_make_names(text, name, org_type):
    assert named(text)[name].org_type == org_type


def test_a_numbered_decree_does_not_lend_its_number_word_to_the_name():
    found = named("Resolution of the Cabinet of Ministers No. 412 of 2020 set the fees.")
    assert list(found) == ["Cabinet of Ministers"]


@pytest.mark.parametrize(("text", "name"), [
    ("The National Audit Office examined the grant accounts.", "National Audit Office"),
    ("Grants from the National Science Foundation paid for the survey.", "National Science Foundation"),
    ("We interviewed officials of the Federal Executive Board in Denver.", "Federal Executive Board"),
])
def test_a_national_body_named_in_generic_words_is_a_name(text, name):
    assert name in named(text)
    # one generic modifier, a generic phrase inside or no scope word: still a phrase
    assert named(text.replace(name, "National Bank")) == {}
    assert named(text.replace(name, "National Civil Society Council")) == {}
    assert named(text.replace(name, "Local Government Association")) == {}


def test_an_acronym_listed_or_bare_takes_the_type_of_the_name_the_document_declares_for_it():
    mentions = mentions_in("The Lake Basin Water Authority (LBWA) runs the scheme.\n\n"
                           "Partners were the Ministry of Energy, LBWA and the University of Juba. LBWA staff helped.")
    standalone = [m for m in mentions if m.text == "LBWA"]
    assert [m.prov.rule for m in standalone] == ["org_list_acronym", "acronym_bare"]
    assert {m.org_type for m in standalone} == {"government"}


@pytest.mark.parametrize(("text", "name", "org_type"), [
    ("The Expert Group on Rural Finance (EGRF) advised the ministry.", "Expert Group on Rural Finance", "government"),
    ("The Vessel Evaluation Group approved the inspection manual.", "Vessel Evaluation Group", "government"),
    ("Staff of the Interagency Task Group met in March.", "Interagency Task Group", "government"),
])
def test_a_group_named_for_its_task_is_a_public_body_not_a_firm(text, name, org_type):
    assert named(text)[name].org_type == org_type


@pytest.mark.parametrize(("text", "name"), [
    ("The United Nations Ethics Group reviewed the complaint.", "United Nations Ethics Group"),
    ("The World Bank Inspection Panel Office logged the request.", "World Bank Inspection Panel Office"),
])
def test_a_known_name_going_on_to_a_head_word_names_its_unit(text, name):
    found = named(text)
    assert list(found) == [name] and found[name].org_type == "international"


def test_names_listed_after_a_plural_kind_and_a_colon_are_organisations_of_that_kind():
    found = named("Seed suppliers were few. Seed companies: Kenya Seed, Western Seed Ltd, and Simlaw Seeds sell "
                  "most certified maize seed.")
    assert {"Kenya Seed", "Simlaw Seeds"} <= set(found)
    assert {found[n].org_type for n in ("Kenya Seed", "Simlaw Seeds")} == {"private"}
    found = named("The audit covered two firms: Ndovu Haulage and Baraka Freight.")
    assert [found[n].prov.rule for n in ("Ndovu Haulage", "Baraka Freight")] == ["org_colon_list"] * 2
    # places, a single item or a sentence after the colon are no list of names
    assert named("We visited three agencies: Kenya, Uganda and Tanzania.") == {}
    assert named("Lessons for companies: Start early and plan well.") == {}


@pytest.mark.parametrize(("text", "name", "org_type"), [
    ("The Komite Nasional Keselamatan Pelayaran (KNKP) opened an inquiry.", "Komite Nasional Keselamatan Pelayaran",
     "government"),
    ("Data were provided by the Ministerio de Agricultura y Ganadería last year.",
     "Ministerio de Agricultura y Ganadería", "government"),
    ("The Université de Kinshasa trained the enumerators.", "Université de Kinshasa", "academia"),
    ("Members of the Réseau des Femmes Rurales attended.", "Réseau des Femmes Rurales", "network"),
])
def test_head_words_of_other_languages_make_and_type_names(text, name, org_type):
    assert named(text)[name].org_type == org_type


def test_an_association_of_people_in_government_is_civil_society():
    found = named("Members of Engineers in Government attended the forum.")
    assert found["Engineers in Government"].org_type == "cso"
    assert named("The Government of Ghana agreed.")["Government of Ghana"].org_type == "government"


def test_a_definition_does_not_reach_back_over_a_clause():
    found = named("The review was run by the Audit Office of UNICEF, with help from the Asian Development Bank (ADB).")
    assert "Audit Office of UNICEF" in found and "Asian Development Bank" in found
    assert not [t for t in found if "with help" in t]


@pytest.mark.parametrize(("text", "name"), [
    ("The Ethics Office of UNFPA cleared the disclosure.", "Ethics Office of UNFPA"),
    ("A complaint went to the Inspection Panel Office of the World Bank in May.",
     "Inspection Panel Office of the World Bank"),
])
def test_a_unit_named_of_a_known_organisation_speaks_for_it(text, name):
    found = named(text)
    assert list(found) == [name] and found[name].org_type == "international"
    assert found[name].known_id is not None  # resolves to its owner, as 'Delegation of the European Union' does


# -- a field of work ending a complement; compounds; quoted names after a head word ---------------------------

@pytest.mark.parametrize(("sentence", "name"), [
    ("Registration remains slow, according to the International Center for Not-for-Profit Law.",
     "International Center for Not-for-Profit Law"),
    ("The draft law was prepared by the Bureau of Human Rights and Rule of Law in 2018.",
     "Bureau of Human Rights and Rule of Law"),
    ("Researchers from the Institute for Strategic Studies reviewed the budget.", "Institute for Strategic Studies"),
    ("The Centre for Public Policy published the brief.", "Centre for Public Policy"),
    ("The State party reported to the Committee on the Rights of the Child in May.",
     "Committee on the Rights of the Child"),
    ("Staff of the Network of Out-of-School Youth Centres were trained.", "Network of Out-of-School Youth Centres"),
    ("Grants came from the Fund for Local Initiatives in 2020.", "Fund for Local Initiatives"),
])
def test_a_field_of_work_in_a_complement_keeps_the_name(sentence, name):
    assert name in named(sentence)


def test_a_law_named_after_a_department_is_still_no_organisation():
    assert named("The Department of Transportation Reauthorization Act was passed in 2019.") == {}


@pytest.mark.parametrize(("sentence", "name", "org_type"), [
    ('Support came from the Educational Center "Bright Minds" in Osh.', "Bright Minds", "cso"),
    ("The house hosts the Republican Association “Veterans of Labour,” and others.", "Veterans of Labour", "cso"),
    ("• Fund “Healthy future for all” - www.example.org", "Healthy future for all", "fund"),
    ('• NGOs: Learning Center "BRIGHTKIDS", youth clubs', "BRIGHTKIDS", "cso"),
])
def test_a_quoted_name_right_after_a_head_word_is_the_organisations_name(sentence, name, org_type):
    found = named(sentence)
    assert name in found and found[name].org_type == org_type


def test_a_quoted_programme_after_a_head_word_is_not_an_organisation():
    assert named("The Agency “Open Data” project trained 40 officials.") == {}


# -- a sentence that says what kind of organisation a name is ------------------------------------------------------

@pytest.mark.parametrize(("sentence", "name", "org_type"), [
    ("In 2021 the club cleaned the park with Blue Dunes. Blue Dunes is a national tourist agency.", "Blue Dunes",
     "other"),
    ("Sunrise Traders was a private company registered in Osh.", "Sunrise Traders", "private"),
    ("Case example: Non-profit Social Enterprise UrtLab is a nonprofit social enterprise in the city.", "UrtLab",
     "private"),
])
def test_a_name_the_sentence_calls_an_organisation(sentence, name, org_type):
    found = named(sentence)
    assert name in found and found[name].org_type == org_type


@pytest.mark.parametrize("sentence", [
    "Aigerim Bekova is a member of the association.",
    "Kazakhstan is a partner of the coalition. Bishkek is a hub of trade.",
    "Mr. Bekov is a social entrepreneur. This is a network of clubs.",
])
def test_a_person_place_or_role_called_something_is_not_an_organisation(sentence):
    assert named(sentence) == {}


def test_confederations_and_national_libraries_are_organisations():
    found = named("The Confederation of Kenyan Trade Unions met staff of the National Library of Kenya.")
    assert set(found) == {"Confederation of Kenyan Trade Unions", "National Library of Kenya"}


# -- the source of a web citation, spelled by its address ------------------------------------------------------------

@pytest.mark.parametrize(("entry", "source"), [
    ("Country Profile: Kenya. BBC. (26 February 2018). www.bbc.com/news/world-africa-13681341", "BBC"),
    ("Four Approaches to Peacebuilding. Search for Common Ground. 20 December 2017. https://www.sfcg.org/approaches/",
     "Search for Common Ground"),
    ("Digital Uganda: Access to Internet. Kampala Wire. (30 March 2018). http://en.kampalawire.ug/news/internet/",
     "Kampala Wire"),
    ("Eurasianet. Kenya returns to rationing: levels at the dam are lower. (6 January 2021). "
     "https://eurasianet.org/kenya-returns", "Eurasianet"),
])
def test_a_citation_element_spelling_the_sites_name_is_its_source(entry, source):
    found = named("References\n" + entry)
    assert source in found and found[source].org_type == "media"


@pytest.mark.parametrize("entry", [
    "Silk Road. History. (20 September 2021). https://www.history.com/topics/silk-road",
    "Nairobi. Kenya. (2019). www.kenya.go.ke/",
    "UrtLab. website: https://urtlab.org/",
    "Public Expenditure Update. (2019). https://documents.worldbank.org/update.pdf",
])
def test_a_title_word_place_or_bare_address_is_no_source(entry):
    assert all(m.prov.rule != "org_publisher" for m in mentions_in("References\n" + entry))


# -- a coined one-word name listed between organisation names ------------------------------------------------------

@pytest.mark.parametrize(("sentence", "name"), [
    ("Partners included the Equity Bank, Safaricom, and the Kenya Red Cross Society.", "Safaricom"),
    ("The cluster of Strathmore University, iHub and the World Bank supports startups.", "iHub"),
])
def test_a_coined_name_listed_between_organisations_is_one(sentence, name):
    assert name in named(sentence)


@pytest.mark.parametrize("sentence", [
    "The Ministry of Health, Education, and the Ministry of Finance met in Nairobi, Kisumu and Mombasa.",
    "The University of Nairobi, Kenya, and the World Bank met.",
    "The Ministry of Health, COVID, and the World Bank were discussed.",
])
def test_a_common_word_place_or_code_between_organisations_is_not_one(sentence):
    assert all(m.prov.rule != "org_list_coined" for m in mentions_in(sentence))


def test_a_legal_form_before_a_name_types_it_civil_society():
    found = named("The draft was prepared by PA Bureau of Human Rights and Rule of Law in 2018.")
    assert found["PA Bureau of Human Rights and Rule of Law"].org_type == "cso"


def test_a_plural_company_word_after_a_coined_word_is_a_company():
    found = named("The interviewed representative of Dawa Pharmaceuticals, one of the leading producers, spoke.")
    assert found["Dawa Pharmaceuticals"].org_type == "private"
    assert named("The survey covered Pharmaceuticals and Consumer Goods. Generic Holdings were sold.") == {}


# -- listed names printed in sentence case ---------------------------------------------------------------------------

def test_a_listed_name_in_sentence_case_with_a_head_word_is_an_organisation():
    found = named("The programme worked with many partners.\n\n"
                  "• Communications and information technology authority (www.cita.go.ke/)\n"
                  "• Chamber of commerce and industry of Kenya: https://www.kenyachamber.or.ke\n"
                  "• Local authorities\n• Ministry of finance officials\n\nGovernment:\n")
    assert set(found) == {"Communications and information technology authority",
                          "Chamber of commerce and industry of Kenya"}


def test_actions_listed_under_an_audience_heading_are_not_names_in_sentence_case():
    found = named("Recommendations\n\n"
                  "• Connect Kenyan civil society, innovators, and entrepreneurs with partners abroad.\n"
                  "• Leverage the position as an international organization to secure commitment.\n\n"
                  "International Organizations:\n")
    assert found == {}
