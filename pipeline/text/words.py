"""English word knowledge from wordfreq's bundled frequency lists (no download at run time)."""

from __future__ import annotations

import math
from functools import cache, lru_cache

from wordfreq import get_frequency_dict, zipf_frequency

from pipeline.config import KNOWN_WORD_ZIPF, PACKAGE_DIR

_LIST = "large"


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """Zipf frequency of a word in English (0 for unknown)."""
    return zipf_once(word)


def zipf_once(word: str) -> float:
    """zipf() without its cache: for one-off candidate spellings, which would fill the cache (and memory) with
    strings never looked up again."""
    if word.isascii() and word.isalpha() and word.islower():
        # A plain lower-case word is its own single token: look it up directly, as wordfreq would after
        # tokenizing it (its tokenizer is most of the cost of a lookup; text repair looks up words by the
        # hundred thousand).
        return _zipf_of(_frequencies().get(word, 0.0))
    return zipf_frequency(word, "en", wordlist=_LIST)


@cache
def _frequencies() -> dict[str, float]:
    # Positional, as wordfreq's own lookups call it: its cache keys a keyword call apart, and would build the
    # same 30 MB dict a second time for the first word looked up through zipf_frequency.
    return get_frequency_dict("en", _LIST)


def _zipf_of(frequency: float) -> float:
    """wordfreq's zipf_frequency() of a single token of this frequency: rounded to 3 significant digits, then
    to 2 decimals on the Zipf scale."""
    if frequency <= 0.0:
        return 0.0
    frequency = round(frequency, math.floor(-math.log(frequency, 10)) + 3)
    return round(math.log(frequency, 10) + 9, 2)


def is_known_word(word: str) -> bool:
    return zipf(word.lower()) >= KNOWN_WORD_ZIPF


@cache
def dangling_adjectives() -> frozenset[str]:
    """Capitalised adjectives that need their noun ('Federal', 'Foreign'): a line stopping on one goes on."""
    lines = (PACKAGE_DIR / "text" / "data" / "dangling_adjectives.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))
