"""English word knowledge from wordfreq's bundled frequency lists (no download at run time)."""

from __future__ import annotations

from functools import lru_cache

from wordfreq import zipf_frequency

from pipeline.config import KNOWN_WORD_ZIPF


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """Zipf frequency of a word in English (0 for unknown)."""
    return zipf_once(word)


def zipf_once(word: str) -> float:
    """zipf() without its cache: for one-off candidate spellings, which would fill the cache (and memory) with
    strings never looked up again."""
    return zipf_frequency(word, "en", wordlist="large")


def is_known_word(word: str) -> bool:
    return zipf(word.lower()) >= KNOWN_WORD_ZIPF
