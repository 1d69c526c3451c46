"""Keys for matching organisation names. Keys are for comparison only; displayed names are never altered.

Three levels of key, each coarser than the one before:
- `name_key`: case, accents, punctuation, quotes, dashes, a leading "The", URLs in brackets, spelling variants
  (Programme/Program ...) and plural endings unified. Equal name keys are the same name.
- `NameKeys.core`: also without legal-form designators ("PA", "NGO", "LLC"), with place names unified
  ("Kyrgyz Republic" = "Kyrgyzstan") and without function words ("of", "the", "in"). Equal cores are the same
  organisation.
- `NameKeys.base`: the core without a location qualifier ("... in the Kyrgyz Republic", "... of the Republic of
  Tajikistan", "... under the Government of ..."). A qualified name is its base's organisation only when the
  corpus gives no other reading (decided in the resolver, not here).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

# Character n-grams used as blocking keys: their length, and how many of a name's rarest n-grams are indexed.
# Two spellings of one name that differ by a typo or two still share most 4-grams; indexing the few rarest of
# them (prefix filtering) finds such pairs without comparing every name with every other.
NGRAM = 4
NGRAM_KEYS = 3
# A name of generic words only is distinctive from this many words on ("Civil Society Development Association"
# names one body; "Civil Society" and "Development Fund" do not).
DISTINCTIVE_GENERIC_WORDS = 3
# Each word of a short form of several words is at most this long and not a generic word ("I4C CA"; "UN WOMEN"
# and "ASOB FUND" are names in capitals).
MAX_ACRONYM_PART = 4
# Places are at most this many words long ("United Kingdom of Great Britain and Northern Ireland").
MAX_PLACE_WORDS = 9
# The section of places.txt that lists towns (publishers' places in citations are towns, never countries).
TOWNS_SECTION = "# -- capitals and large cities"

# Spelling variants that name the same thing (British/American, Programme/Program, Non-Profit/Not-for-Profit ...).
_VARIANTS = {"programme": "program", "programmes": "programs", "organisation": "organization",
             "organisations": "organizations", "centre": "center", "centres": "centers", "labour": "labor",
             "defence": "defense", "co-operation": "cooperation", "co operation": "cooperation", "&": "and",
             "u.s.": "us", "u.s": "us", "united states": "us", "u.k.": "uk",
             "not-for-profit": "nonprofit", "not for profit": "nonprofit", "non-profit": "nonprofit",
             "non profit": "nonprofit", "non-governmental": "nongovernmental", "non governmental": "nongovernmental"}
_VARIANT = re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in sorted(_VARIANTS, key=len, reverse=True)) + r")(?!\w)")
_URL_IN_BRACKETS = re.compile(r"\((?:https?://|www\.)?[\w.-]+\.[a-z]{2,}[^)]*\)")
_NON_WORD = re.compile(r"[^\w]+")
_LEADING_THE = re.compile(r"^the\s+")
_POSSESSIVE = re.compile(r"(?<=\w)['’]s(?!\w)")
_ACRONYM_TOKEN = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Z][A-Za-z0-9&.]{1,11}$|^[A-Z][0-9][A-Z0-9]*$")


@lru_cache(maxsize=1 << 18)
def name_key(text: str) -> str:
    """Lower case, no accents, quotes or punctuation, no leading 'the', spelling variants unified,
    possessive and final plural 's' dropped: 'The Civil Society Development Association,' -> 'civil society development association'."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower()
    text = _URL_IN_BRACKETS.sub(" ", text)
    text = _POSSESSIVE.sub("", text)
    text = _VARIANT.sub(lambda m: _VARIANTS[m.group(1)], text)
    text = _NON_WORD.sub(" ", text).replace("_", " ").strip()
    text = _LEADING_THE.sub("", text)
    words = [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in text.split()]
    return " ".join(words)


def acronym_key(text: str) -> str:
    """'I4C CA' -> 'i4cca', 'U.N.' -> 'un'."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def is_acronym_form(text: str) -> bool:
    """A short form rather than a name: 'ARGO', 'I4C CA', 'U.N.', 'AfDB'; not a name in capitals
    ('BATDOR RURAL COALITION')."""
    words = text.split()
    if len(acronym_key(text)) < 2 or not 0 < len(words) <= 3 or not all(_ACRONYM_TOKEN.match(w) for w in words):
        return False
    return len(words) == 1 or all(len(w) <= MAX_ACRONYM_PART and w.lower() not in lexicon().generic for w in words)


@dataclass(frozen=True)
class _Lexicon:
    prefixes: tuple[tuple[str, ...], ...]  # longest first
    suffixes: tuple[tuple[str, ...], ...]
    designators: frozenset[tuple[str, ...]]  # prefixes and suffixes
    prefix_by_first: dict[str, tuple[tuple[str, ...], ...]]  # first word -> prefixes, longest first
    suffix_by_last: dict[str, tuple[tuple[str, ...], ...]]  # last word -> suffixes, longest first
    generic: frozenset[str]
    function_words: frozenset[str]
    places: dict[tuple[str, ...], str]  # place words (as keys) -> canonical place token
    place_tokens: frozenset[str]  # the canonical place tokens


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    """Designators, generic words and places from the data files beside this module."""
    designators = json.loads((DATA_DIR / "designators.json").read_text(encoding="utf-8"))
    function_words = frozenset(_lines(DATA_DIR / "function_words.txt"))
    places: dict[tuple[str, ...], str] = {}
    for line in _lines(DATA_DIR / "places.txt"):
        names = [name_key(n) for n in line.split("|")]
        canonical = names[0].replace(" ", "_")
        for name in names:
            if name:
                places.setdefault(tuple(name.split()), canonical)
    def phrases(items: list[str]) -> tuple[tuple[str, ...], ...]:
        return tuple(sorted({tuple(name_key(i).split()) for i in items}, key=len, reverse=True))

    prefixes, suffixes = phrases(designators["prefix"]), phrases(designators["suffix"])
    generic = frozenset(_lines(DATA_DIR / "generic.txt")) | function_words | \
        frozenset(p[0] for p in prefixes + suffixes if len(p) == 1)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    by_last: dict[str, list[tuple[str, ...]]] = {}
    for phrase in prefixes:
        by_first.setdefault(phrase[0], []).append(phrase)
    for phrase in suffixes:
        by_last.setdefault(phrase[-1], []).append(phrase)
    return _Lexicon(prefixes, suffixes, frozenset(prefixes + suffixes),
                    {k: tuple(v) for k, v in by_first.items()}, {k: tuple(v) for k, v in by_last.items()},
                    generic, function_words, places, frozenset(places.values()))


@lru_cache(maxsize=1)
def head_words() -> frozenset[str]:
    """Organisation head words as keys spell them ('ministry', 'hub'), from the extraction rules' lexicon."""
    from pipeline.config import PATTERNS_DIR  # the extraction rules own the list of head words
    heads = json.loads((PATTERNS_DIR / "org_heads.json").read_text(encoding="utf-8"))["heads"]
    return frozenset(name_key(h) for h in heads if name_key(h))


def is_place(text: str) -> bool:
    """A country, region or city of the places list, in any of its spellings ('Kenya', 'Kyrgyz Republic')."""
    return tuple(name_key(text).split()) in lexicon().places


@lru_cache(maxsize=1)
def _towns() -> frozenset[tuple[str, ...]]:
    towns: set[tuple[str, ...]] = set()
    section = ""
    for line in (DATA_DIR / "places.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("# --"):
            section = line
        elif line.strip() and not line.startswith("#") and section == TOWNS_SECTION:
            towns.update(tuple(name_key(n).split()) for n in line.split("|") if name_key(n))
    return frozenset(towns)


def is_town(text: str) -> bool:
    """A capital or large city of the places list ('London', 'New York'), not a country or region."""
    return tuple(name_key(text).split()) in _towns()


def _lines(path: Path) -> list[str]:
    return [s for s in (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
            if s and not s.startswith("#")]


@dataclass(frozen=True, slots=True)
class NameKeys:
    """Comparison keys of one name key (see the module docstring)."""

    key: str
    core: str
    base: str
    qualifier: str  # the location qualifier removed from core to give base ("kyrgyzstan"), or ""
    content: frozenset[str]  # words of base (places as one token each)
    places: frozenset[str]  # canonical places named in base
    numbers: frozenset[str]  # words of base containing digits ("lab 2", "i4c")
    initials: str  # first letters of the designator-free words, function words included
    content_initials: str  # the same without function words
    distinctive: bool  # base names one body (see _distinctive)
    decorated: bool  # designators or a qualifier were removed to get base


@lru_cache(maxsize=1 << 18)
def analyse(key: str) -> NameKeys:
    """Core, base, qualifier and word sets of a name key."""
    lex = lexicon()
    all_words = key.split()
    words = _strip_designators(all_words, lex)
    cut = _qualifier_start(words, lex)
    base_words, qualifier_words = words[:cut], words[cut:]
    base_tokens, places = _unify_places(base_words, lex)
    qualifier_tokens, _ = _unify_places(qualifier_words, lex)
    base = [w for w in base_tokens if w not in lex.function_words]
    qualifier = [w for w in qualifier_tokens if w not in lex.function_words]
    return NameKeys(
        key=key, core=" ".join(base + qualifier), base=" ".join(base), qualifier=" ".join(qualifier),
        content=frozenset(base), places=frozenset(places),
        numbers=frozenset(w for w in base if any(c.isdigit() for c in w)),
        initials="".join(w[0] for w in words if w != "the"),
        content_initials="".join(w[0] for w in words if w not in lex.function_words),
        distinctive=_distinctive(frozenset(base), lex), decorated=len(words) < len(all_words) or cut < len(words))


def _distinctive(content: frozenset[str], lex: _Lexicon) -> bool:
    words = [w for w in content if w not in lex.place_tokens and w not in lex.function_words and len(w) > 1]
    return len(words) >= DISTINCTIVE_GENERIC_WORDS or any(w not in lex.generic for w in words)


def _strip_designators(words: list[str], lex: _Lexicon) -> list[str]:
    """'pa fidokor' -> ['fidokor'], 'equity lab ngo' -> ['equity', 'lab']; never down to a generic name."""
    changed = True
    while changed and words:
        changed = False
        for phrase in lex.prefix_by_first.get(words[0], ()):
            n = len(phrase)
            rest = words[n:]
            if tuple(words[:n]) == phrase and rest and rest[0] not in lex.function_words and \
                    _distinctive(frozenset(rest), lex):
                words, changed = rest, True
                break
        for phrase in lex.suffix_by_last.get(words[-1], ()):
            n = len(phrase)
            rest = words[:-n]
            if len(words) > n and tuple(words[-n:]) == phrase and rest[-1] not in lex.function_words and \
                    _distinctive(frozenset(rest), lex):
                words, changed = rest, True
                break
    return words


def _qualifier_start(words: list[str], lex: _Lexicon) -> int:
    """Index where a trailing location qualifier starts, or len(words): 'in [the] <place>', 'of the <place>',
    'under the ...' (a subordinate body: 'Committee ... under the Government of ...'). The name before it must
    be distinctive on its own."""
    n = len(words)
    for i in range(1, n - 1):
        head, rest = words[i], words[i + 1:]
        qualifier = False
        if head == "under" and rest[0] == "the" and len(rest) > 1:
            qualifier = True
        elif head in ("in", "of"):
            if rest[0] == "the":
                rest = rest[1:]
            elif head == "of":
                continue  # "of <place>" is usually part of the name ("University of Nevada")
            qualifier = bool(rest) and tuple(rest) in lex.places
        if qualifier and _distinctive(frozenset(w for w in words[:i] if w not in lex.function_words), lex):
            return i
    return n


def _unify_places(words: list[str], lex: _Lexicon) -> tuple[list[str], list[str]]:
    """Replace each place phrase by its canonical token: ['republic', 'of', 'tajikistan'] -> ['tajikistan']."""
    out: list[str] = []
    places: list[str] = []
    i = 0
    while i < len(words):
        for width in range(min(MAX_PLACE_WORDS, len(words) - i), 0, -1):
            place = lex.places.get(tuple(words[i: i + width]))
            if place is not None:
                out.append(place)
                places.append(place)
                i += width
                break
        else:
            out.append(words[i])
            i += 1
    return out, places


def blocking_keys(keys: NameKeys) -> list[str]:
    """Candidate keys of a name: word fingerprint, first and last two words, initials.
    (Character n-gram keys need corpus-wide n-gram counts: see `ngrams`.)"""
    words = keys.core.split()
    if not words:
        return []
    out = [f"fp:{' '.join(sorted(keys.content))}", f"f2:{' '.join(words[:2])}", f"in:{keys.initials}"]
    if len(words) > 2:
        out.append(f"l2:{' '.join(words[-2:])}")
    return out


def ngrams(core: str) -> set[str]:
    """Character n-grams of a core key without spaces (typo-tolerant blocking)."""
    text = core.replace(" ", "")
    return {text[i: i + NGRAM] for i in range(max(1, len(text) - NGRAM + 1))}
