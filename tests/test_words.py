"""Word frequencies: the direct lookup for plain words gives exactly what wordfreq's own lookup gives."""

from __future__ import annotations

import random
import string

from wordfreq import get_frequency_dict, zipf_frequency

from pipeline.text.words import is_known_word, zipf_once


def test_plain_words_look_up_as_wordfreq_does():
    listed = sorted(w for w in get_frequency_dict("en", wordlist="large") if w.isascii() and w.isalpha() and w.islower())
    rng = random.Random(7)
    made_up = ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(1, 14))) for _ in range(5000)]
    for word in [*rng.sample(listed, 20000), *made_up]:
        assert zipf_once(word) == zipf_frequency(word, "en", wordlist="large"), word


def test_other_spellings_go_through_wordfreq():
    for word in ("Signicant", "co-operation", "don't", "covid19", "naïve", "UNDP", ""):
        assert zipf_once(word) == zipf_frequency(word, "en", wordlist="large"), word


def test_known_words():
    assert is_known_word("significant") and is_known_word("Office")
    assert not is_known_word("signicant") and not is_known_word("ofce")
