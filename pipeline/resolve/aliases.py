"""Aliases printed with a name: "LONG (ACR)", "LONG – ACR", "ACR – LONG", "LONG, ACR", 'LONG “Brand”', glossary
lines ("ACR: LONG"), leading owner acronyms ("AUCA Continuing Education Center"), and whether a short form spells
its name (an initialism, checked by Schwartz-Hearst alignment) or is a brand that needs support."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.nlp.acronyms import schwartz_hearst
from pipeline.resolve.keys import DATA_DIR, analyse, is_acronym_form, lexicon, name_key

# A surface form is split at most this many times ("CSO Enterprise “Tebigi Kuwwat” (“Nature Power”)" takes two).
MAX_SPLITS = 3
# A quoted alias or translation is a name of at most this many words; longer quoted text is a title or a quote.
MAX_QUOTED_WORDS = 6
# Kinds of declaration that establish a brand (a short form that does not spell its name) on their own: brackets
# or quotes right after a name are how reports introduce a short name, and "adjacent" is an acronym the extractor
# found in such a position (Mention.acronym). Others found in a printed form ("Name – ARGO", "Name, ARGO") need
# this many declarations across the corpus, since dashes and commas also separate two different names.
SELF_SUPPORTING_KINDS = frozenset({"paren", "quote", "adjacent", "gazetteer"})
BRAND_MIN_DECLARATIONS = 2

# A capitalised word and lower-case words before a quoted name describe it ('Supermarket chain “Korzinka”').
MAX_DESCRIPTOR_WORDS = 3
# What is left of a name after a leading owner acronym ("AUCA Continuing Education Center") must have this many
# words, or two that are not generic, to stand for the same body on its own.
OWNED_MIN_WORDS = 3

_QUOTES = "“”\"«»„‘’`'"
# A unit named with its complement and then its owner's acronym: "Department of Economics of AUCA".
_OWNER_SUFFIX = re.compile(r"^(?P<owned>\S+ (?:of|for) .+?) (?:of|at) (?:the )?(?P<owner>\S+)$")


@dataclass(frozen=True, slots=True)
class Pattern:
    id: str
    kind: str
    regex: re.Pattern[str]


@lru_cache(maxsize=1)
def patterns() -> tuple[Pattern, ...]:
    """The alias patterns of data/alias_forms.json, in the order they are tried."""
    data = json.loads((DATA_DIR / "alias_forms.json").read_text(encoding="utf-8"))
    return tuple(Pattern(p["id"], p["kind"], re.compile(p["pattern"])) for p in data["patterns"])


@dataclass(frozen=True, slots=True)
class Surface:
    """What one printed form says: the name, the short forms and aliases declared with it, and how to key it."""

    name: str | None  # the name as printed without its declared short forms; None when the text is a short form
    key_text: str  # what the name is keyed by: the name, with a bracketed place as a qualifier ("X in Place")
    declared: tuple[tuple[str, str], ...]  # (short form or alias as printed, kind)
    owner: str | None = None  # a leading acronym of a parent body ("AUCA" in "AUCA Continuing Education Center")
    owned: str | None = None  # the name without that acronym


@lru_cache(maxsize=1 << 17)
def parse_surface(text: str) -> Surface:
    """Split a printed form into its name and the short forms or aliases it declares."""
    text = " ".join(text.split())
    declared: list[tuple[str, str]] = []
    place: str | None = None
    name = text
    for _ in range(MAX_SPLITS):
        split = _split_once(name)
        if split is None:
            break
        long, short, kind = split
        if kind == "place":
            place = place or short
        elif short:
            declared.append((short, kind))
        name = long
    if _is_descriptor(name) and declared and declared[-1][1] == "quote":
        name = declared.pop()[0]  # 'CSO “Istoki Dobra”', 'Supermarket chain “Korzinka”': the quoted part is the name
    if is_acronym_form(name):
        return Surface(None, name, tuple(declared))
    name = _without_descriptor(name)
    key_text = f"{name} in {place}" if place else name
    owner, owned = _owner_prefix(name)
    if owner is not None and aligns(owner, owned):
        declared.append((owner, "glossary"))  # "ADB Asian Development Bank": a glossary line without separator
        return Surface(owned, owned, tuple(declared))
    return Surface(name, key_text, tuple(declared), owner, owned)


def _split_once(text: str) -> tuple[str, str, str] | None:
    """(long, short, kind) for the first pattern that applies, kind 'place' for a bracketed place; else None."""
    for pattern in patterns():
        match = pattern.regex.match(text)
        if match is None:
            continue
        long, short = match.group("long").strip(" ,;:-–—"), match.group("short").strip()
        if pattern.kind == "paren":
            inner = short.strip(_QUOTES).strip()
            if tuple(name_key(inner).split()) in lexicon().places:
                return long, inner, "place"
            if inner != short:  # a quoted alias or translation in brackets: 'X (“Nature Power”)'
                return (long, inner, "quote") if _is_quotable(inner) else None
            return (long, short, "paren") if is_acronym_form(short) else (long, "", "paren")
        if pattern.kind == "quote":
            if _is_quotable(short):
                return long, short, "quote"
            continue
        if pattern.kind == "glossary" and not (is_acronym_form(short) and aligns(short, long)):
            continue
        if is_acronym_form(short) and long and not is_acronym_form(long):
            return long, short, pattern.kind
    return None


def _is_quotable(text: str) -> bool:
    return 0 < len(text.split()) <= MAX_QUOTED_WORDS and any(c.isalpha() for c in text)


def _is_descriptor(text: str) -> bool:
    """Empty, a designator ('CSO', 'PA'), or a lower-case description ('Supermarket chain'), not a name."""
    words = text.split()
    if not words:
        return True
    if tuple(name_key(text).split()) in lexicon().designators:
        return True
    return len(words) <= MAX_DESCRIPTOR_WORDS and all(w[:1].islower() for w in words[1:]) and \
        not is_acronym_form(words[0])


def _without_descriptor(name: str) -> str:
    """'Startup accelerator Tech4Impact' -> 'Tech4Impact': a capitalised word and lower-case words describing a
    capitalised name that follows; kept whole when what follows is generic or a place."""
    words = name.split()
    for k in range(2, min(MAX_DESCRIPTOR_WORDS, len(words) - 1) + 1):
        descriptor, rest = words[:k], words[k:]
        if not all(w.isalpha() and w.islower() and w not in lexicon().function_words for w in descriptor[1:]):
            break
        if descriptor[0][:1].isupper() and all(w[:1].isupper() or w[:1].isdigit() for w in rest):
            text = " ".join(rest)
            keys = analyse(name_key(text))
            if keys.distinctive and tuple(name_key(text).split()) not in lexicon().places:
                return text
            break
    return name


def _owner_prefix(name: str) -> tuple[str | None, str | None]:
    """'AUCA Continuing Education Center' -> ('AUCA', 'Continuing Education Center'); a unit's name ending in
    'of ACR' names its owner too: 'Department of Economics of AUCA' -> ('AUCA', 'Department of Economics')."""
    first, _, rest = name.partition(" ")
    suffix = _OWNER_SUFFIX.match(name)
    if suffix is not None and is_acronym_form(suffix.group("owner")):
        first, rest = suffix.group("owner"), suffix.group("owned")
    if not rest or not is_acronym_form(first):
        return None, None
    lex = lexicon()
    owner = tuple(name_key(first).split())
    if owner in lex.places or owner in lex.designators:
        return None, None  # "U.S. Department of ...", "PA Fidokor": a place or a designator, not a parent body
    keys = analyse(name_key(rest))
    if len(keys.content) < OWNED_MIN_WORDS and sum(1 for w in keys.content if w not in lex.generic) < 2:
        return None, None  # "SPS Distribution Center": too little left to be one body's name
    return first, rest


def aligns(short: str, long: str) -> bool:
    """True when the short form spells the whole long form ('I4C CA' / 'Innovation for Change Central Asia'),
    by Schwartz-Hearst alignment from the long form's first word; brands such as 'ARGO' do not align."""
    words = long.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return bool(words) and schwartz_hearst(short, words) == 0
