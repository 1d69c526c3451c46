"""Comparison keys and printed aliases of organisation names (pipeline.resolve.keys, pipeline.resolve.aliases)."""

from __future__ import annotations

import pytest

from pipeline.resolve.aliases import aligns, parse_surface
from pipeline.resolve.keys import acronym_key, analyse, blocking_keys, is_acronym_form, name_key


@pytest.mark.parametrize(("name", "key"), [
    ("The Civil Society Development Association,", "civil society development association"),
    ("United Nations Development Programme", "united nation development program"),
    ("United Nations Development Program", "united nation development program"),
    ("U.S. Agency for International Development", "us agency for international development"),
    ("Centre for Labour Rights & Education", "center for labor right and education"),
    ("Fondation Société Civile", "fondation societe civile"),
    ("Ministry of Health (www.health.gov.kg)", "ministry of health"),
    ("National Democratic Institute’s", "national democratic institute"),
    ("“Istoki Dobra”", "istoki dobra"),
    ("Council of Not-for-Profit Hospitals", "council of nonprofit hospital"),
    ("Council of Non-Profit Hospitals", "council of nonprofit hospital"),
    ("Forum of Non-Governmental Organisations", "forum of nongovernmental organization"),
])
def test_name_key(name, key):
    assert name_key(name) == key


def test_acronym_keys_and_shapes():
    assert acronym_key("I4C CA") == "i4cca"
    assert acronym_key("U.N.") == "un"
    assert all(is_acronym_form(t) for t in ("ARGO", "I4C CA", "U.N.", "AfDB", "UNICEF"))
    assert not any(is_acronym_form(t) for t in ("Argo", "Civil Society", "A", "ARGO Civil Society Network",
                                                "BATDOR RURAL COALITION", "ASOB FUND"))


@pytest.mark.parametrize(("name", "core", "base"), [
    # designators go, whichever end they are at
    ("PA Fidokor", "fidokor", "fidokor"),
    ("Equity Lab NGO", "equity lab", "equity lab"),
    ("Kite Mongolia LLC", "kite mongolia", "kite mongolia"),
    # ... but never down to a generic name, and a head followed by "of" is the name itself
    ("Nevada corporation", "nevada corporation", "nevada corporation"),
    ("Public Association of Parents of Children with Autism", "public association parent children autism",
     "public association parent children autism"),
    # places are unified and location qualifiers split off
    ("Aga Khan Foundation in the Kyrgyz Republic", "aga khan foundation kyrgyzstan", "aga khan foundation"),
    ("OSCE in Dushanbe", "osce dushanbe", "osce"),
    ("Ministry of Economic Development and Trade of the Republic of Tajikistan",
     "ministry economic development trade tajikistan", "ministry economic development trade"),
    ("Committee for Women and Family Affairs under the Government of the Republic of Tajikistan",
     "committee women family affair government tajikistan", "committee women family affair"),
    ("Government of the Republic of Tajikistan", "government tajikistan", "government tajikistan"),
    # "of <place>" without "the" is part of a name; a place right after a name is a different body's name
    ("National Union of People with Disabilities of Tajikistan", "national union people disabilitie tajikistan",
     "national union people disabilitie tajikistan"),
    ("Innovation for Change Central Asia", "innovation change central_asia", "innovation change central_asia"),
    ("Innovation for Change in Central Asia", "innovation change central_asia", "innovation change"),
])
def test_core_and_base_keys(name, core, base):
    keys = analyse(name_key(name))
    assert (keys.core, keys.base) == (core, base)


def test_decorated_names_are_marked():
    assert analyse(name_key("PA Fidokor")).decorated
    assert analyse(name_key("Aga Khan Foundation in the Kyrgyz Republic")).decorated
    assert not analyse(name_key("The Aga Khan Foundation")).decorated


@pytest.mark.parametrize(("name", "distinctive"), [
    ("Civil Society", False), ("Development Fund", False), ("Government of Kazakhstan", False),
    ("Ministry of Health", False), ("Civil Society Development Association", True), ("Fidokor", True),
    ("Aga Khan Foundation", True),
])
def test_generic_names_are_not_distinctive(name, distinctive):
    assert analyse(name_key(name)).distinctive is distinctive


def test_blocking_keys():
    keys = analyse(name_key("Civil Society Development Association"))
    assert blocking_keys(keys) == ["fp:association civil development society", "f2:civil society", "in:csda",
                                   "l2:development association"]
    # a typo in the first word still shares the initials and the last two words
    typo = analyse(name_key("Civl Society Development Association"))
    assert set(blocking_keys(keys)) & set(blocking_keys(typo)) == {"in:csda", "l2:development association"}


# -- printed aliases ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "name", "declared"), [
    ("Civil Society Development Association (ARGO)", "Civil Society Development Association", (("ARGO", "paren"),)),
    ("Civil Society Development Association – ARGO", "Civil Society Development Association", (("ARGO", "dash"),)),
    ("USAID – US Agency for International Development", "US Agency for International Development",
     (("USAID", "dash"),)),
    ("Civil Society Development Association, ARGO", "Civil Society Development Association", (("ARGO", "comma"),)),
    ("Civil Society Development Association “ARGO”", "Civil Society Development Association", (("ARGO", "quote"),)),
    ("ADB: Asian Development Bank", "Asian Development Bank", (("ADB", "glossary"),)),
    ("USDA United States Department of Agriculture", "United States Department of Agriculture",
     (("USDA", "glossary"),)),
    ('Business Women\'s Association of Uzbekistan "Tadbirkor ayol"', "Business Women's Association of Uzbekistan",
     (("Tadbirkor ayol", "quote"),)),
    ("CSO “Istoki Dobra”", "Istoki Dobra", ()),
    ("Supermarket chain “Korzinka”", "Korzinka", ()),
    ("CSO Enterprise “Tebigi Kuwwat” (“Nature Power”)", "Tebigi Kuwwat", (("Nature Power", "quote"),)),
    ("Makers (IT company)", "Makers", ()),
    ("Startup accelerator Tech4Impact", "Tech4Impact", ()),
    ("Civil society Development Association", "Civil society Development Association", ()),  # generic rest
    ("National bank of the Kyrgyz Republic", "National bank of the Kyrgyz Republic", ()),
    ("Innovation for Change - Central Asia", "Innovation for Change - Central Asia", ()),
    ("Tasees-Afghanistan", "Tasees-Afghanistan", ()),
    ("ARGO", None, ()),
])
def test_parse_surface(text, name, declared):
    surface = parse_surface(text)
    assert (surface.name, surface.declared) == (name, declared)


def test_a_bracketed_place_is_a_qualifier_not_a_short_name():
    surface = parse_surface("Public Company Accounting Oversight Board (United States)")
    assert surface.name == "Public Company Accounting Oversight Board" and surface.declared == ()
    assert analyse(name_key(surface.key_text)).base == "public company accounting oversight board"


def test_owner_acronym_in_front_of_a_name():
    surface = parse_surface("AUCA Continuing Education Center")
    assert (surface.owner, surface.owned) == ("AUCA", "Continuing Education Center")
    # a place or a designator in front is not a parent body; nor is a prefix before too short a name
    assert parse_surface("U.S. Department of Health and Human Services").owner is None
    assert parse_surface("SPS Distribution Center").owner is None


@pytest.mark.parametrize(("short", "long", "expected"), [
    ("I4C CA", "Innovation for Change Central Asia", True),
    ("UNICEF", "United Nations Children's Fund", True),
    ("USAID", "The United States Agency for International Development", True),
    ("ARGO", "Civil Society Development Association", False),
    ("CA", "Innovation for Change Central Asia", False),  # spells only the end of the name
])
def test_initialisms_align_with_the_whole_name(short, long, expected):
    assert aligns(short, long) is expected
