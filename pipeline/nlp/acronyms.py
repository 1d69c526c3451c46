"""Acronym shapes and long-form alignment, without spaCy: resolution in the parent process uses them too."""

from __future__ import annotations

import re

_ACRONYM = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Z][A-Za-z0-9&]{1,9}$")


def is_acronym(text: str) -> bool:
    """ACR, I4C, OSCE, AfDB: short, starts upper case, at least two capitals, no spaces."""
    return bool(_ACRONYM.match(text))


def schwartz_hearst(short: str, words: list[str]) -> int | None:
    """Index into `words` where the long form of `short` starts, or None (Schwartz & Hearst 2003).

    Every letter of the short form must appear in order in the long form, and its first letter must start a word.
    Digits and punctuation in the short form are ignored ("I4C" aligns with "Innovation for Change").
    """
    letters = [c.lower() for c in short if c.isalpha()]
    if len(letters) < 2:
        return None
    text = " ".join(words).lower()
    li = len(text) - 1
    for si in range(len(letters) - 1, -1, -1):
        c = letters[si]
        while li >= 0 and (text[li] != c or (si == 0 and li > 0 and text[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        li -= 1
    return len(text[: li + 1].split())


def spells_from_first(short: str, words: list[str]) -> bool:
    """The short form's first letter starts the first word and its other letters follow in order: 'OMB' spells
    'Office of Management and Budget' (Schwartz-Hearst, aligning from the end, would start it at 'of')."""
    letters = [c.lower() for c in short if c.isalpha()]
    if len(letters) < 2 or not words or words[0][:1].lower() != letters[0]:
        return False
    rest = iter(" ".join(words)[1:].lower())
    return all(c in rest for c in letters[1:])
