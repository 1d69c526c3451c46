"""Keys for matching organisation names. Keys are for comparison only; displayed names are never altered."""

from __future__ import annotations

import re
import unicodedata

# Spelling variants that name the same thing (British/American, Programme/Program ...).
_VARIANTS = {"programme": "program", "organisation": "organization", "organisations": "organizations",
             "centre": "center", "labour": "labor", "defence": "defense", "co-operation": "cooperation",
             "&": "and", "u.s.": "us", "u.s": "us", "united states": "us"}
_VARIANT = re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in sorted(_VARIANTS, key=len, reverse=True)) + r")(?!\w)")
_URL_IN_BRACKETS = re.compile(r"\((?:https?://|www\.)?[\w.-]+\.[a-z]{2,}[^)]*\)")
_NON_WORD = re.compile(r"[^\w]+")
_LEADING_THE = re.compile(r"^the\s+")


def name_key(text: str) -> str:
    """Lower case, no accents, quotes or punctuation, no leading 'the', spelling variants unified,
    final plural 's' dropped: 'The Civil Society Development Association,' -> 'civil society development association'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = _URL_IN_BRACKETS.sub(" ", text)
    text = _VARIANT.sub(lambda m: _VARIANTS[m.group(1)], text)
    text = _NON_WORD.sub(" ", text).strip()
    text = _LEADING_THE.sub("", text)
    words = [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in text.split()]
    return " ".join(words)


def acronym_key(text: str) -> str:
    """'I4C CA' -> 'i4cca', 'U.N.' -> 'un'."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def blocking_keys(key: str) -> list[str]:
    """Candidate keys: first token, initials, and the sorted token set's first two tokens."""
    words = key.split()
    if not words:
        return []
    keys = [f"first:{words[0]}", f"initials:{''.join(w[0] for w in words)}"]
    if len(words) > 1:
        keys.append("pair:" + " ".join(sorted(words)[:2]))
    return keys
