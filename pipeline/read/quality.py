"""Text-layer quality of a PDF page: is there text at all, and is it words or debris?

A page is judged on what it holds, in any language: the share of its characters that are broken glyphs
("(cid:12)", U+FFFD, private-use and control characters) and the share of its words that look like words.
A word is debris when a symbol sits inside it ("s*r;tiiR»"). A word in an alphabetic script (Latin, Cyrillic,
Greek) must also be a word: listed in the wordfreq dictionary of the page's language (the first language of
data/word_languages.txt, or one of those whose letter pairs fit the page best), or, where that is allowed,
made only of letter pairs that the page's best-fitting language uses (data/letter_bigrams.txt). Letter
pairs keep languages without a dictionary (Swahili, Somali) and tables of names and codes, but not the output
of a broken font encoding ("Wkh jryhuqphqw"), which fits no language. Other scripts (CJK, Arabic, Korean ...)
and all-capital tokens (acronyms, codes, headings) are not looked up.

A page that is mostly image is a scan, and its text an OCR layer. A bad OCR layer is made of plausible letter
pairs and many real words ("you Kill tee interested to knot that"), so on a scan in a language the
dictionaries know, only dictionary words count and the bar is higher.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from wordfreq import available_languages, zipf_frequency

from pipeline.config import PACKAGE_DIR

# Letters and digits below which a page has no usable text (a scanned seal page yields "2021 3 31").
MIN_TEXT_CHARS = 20
# Images covering this share of a page without text make it an image page (a scan), not a blank page.
IMAGE_PAGE_COVER = 0.3
# Images covering this share of a page make it a scan: its text, if any, is an OCR layer.
SCAN_COVER = 0.8
# Word-like tokens a page needs before its word score is trusted; fewer and only its glyphs are judged.
MIN_WORDS = 15
# Shorter words are not looked up: dictionaries list most two- and three-letter strings as some abbreviation.
MIN_CHECKED_LETTERS = 3
# Dictionaries tried after the first: the languages whose letter pairs fit a page's words best.
LIKELY_LANGUAGES = 3
# A word is known in a language when wordfreq lists it at all (Zipf 1.0 is about once per 100 million words).
KNOWN_ZIPF = 1.0
# A scan is in a language the dictionaries know when at least this share of its words are dictionary words
# (the bad OCR letter: 0.64); below it (Yoruba: 0.43, Swahili: 0.29) letter pairs decide, as on born-digital pages.
KNOWN_LANGUAGE_SHARE = 0.5
# Lowest acceptable page score: SCAN_MIN_SCORE for a scan judged by a dictionary, TEXT_MIN_SCORE otherwise. On
# the sample corpus, good OCR layers score >= 0.99 and the bad OCR letter 0.80; born-digital pages >= 0.9.
# Paragraphs in nine languages (tests/test_read_quality.py) score >= 0.77 (Somali, which has no dictionary here);
# English or Swedish with its letters shifted by 1 to 25 places (as a font without a Unicode map leaves it) <= 0.66.
SCAN_MIN_SCORE = 0.9
TEXT_MIN_SCORE = 0.72
LANGUAGES_FILE = PACKAGE_DIR / "read" / "data" / "word_languages.txt"
BIGRAMS_FILE = PACKAGE_DIR / "read" / "data" / "letter_bigrams.txt"

_CID = re.compile(r"\(cid:\d+\)")
# U+FFFD, private-use code points, C0/C1 control codes other than white space.
_BAD_CHARS = re.compile("[\ufffd\ue000-\uf8ff\U000f0000-\U0010ffff\x00-\x08\x0e-\x1f\x7f-\x9f]")
_TOKEN = re.compile(r"\S+")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
# Punctuation that may sit inside a real word or code: "don't", "Mid-term", "U.S.", "R&D", "km/h", "A_1".
_INNER = set("-'’.&/_,:()")


@dataclass(frozen=True)
class PageQuality:
    """kind: text | blank | no_text | garbled (or failed, set by a reader for a page it could not read);
    score: 0..1, how much of the text looks like text; scanned: the page is mostly image."""

    kind: str
    score: float
    scanned: bool


@lru_cache(maxsize=1)
def languages() -> tuple[str, ...]:
    """wordfreq language codes to try, in order."""
    lines = LANGUAGES_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def _bigrams() -> dict[str, frozenset[str]]:
    lines = BIGRAMS_FILE.read_text(encoding="utf-8").splitlines()
    return {lang: frozenset(pairs.split()) for lang, _, pairs in
            (line.partition("\t") for line in lines if line and not line.startswith("#"))}


def warm_up() -> None:
    """Load the language list, letter-pair tables and first dictionary now (worker processes forked afterwards
    share them instead of each loading them for its one document)."""
    _known("the", languages()[0])
    _bigrams()


@lru_cache(maxsize=500_000)
def _known(word: str, lang: str) -> bool:
    return zipf_frequency(word, lang, wordlist=_best_list(lang)) >= KNOWN_ZIPF


@cache
def _best_list(lang: str) -> str:
    """The list wordfreq's "best" means for this language, by name: wordfreq caches its tables by the name asked
    for, so asking for "best" English would read the large English table a second time (0.12 s, ~30 MB) after
    pipeline.text.words has read it as "large"."""
    return "large" if lang in available_languages("large") else "best"


@lru_cache(maxsize=200_000)
def _fits(word: str) -> frozenset[str]:
    """The languages all of whose letter pairs the word uses."""
    marked = f"^{word}$"
    pairs = {a + b for a, b in zip(marked, marked[1:])}
    return frozenset(lang for lang, known in _bigrams().items() if pairs <= known)


def _by_fit(words: list[str]) -> list[str]:
    """Languages, best-fitting first: those whose letter pairs make up the most of the words."""
    fitting: dict[str, int] = {}
    for word in words:
        for lang in _fits(word):
            fitting[lang] = fitting.get(lang, 0) + 1
    return sorted(fitting, key=lambda lang: -fitting[lang])


def _misfits(words: list[str]) -> set[str]:
    """Words whose letter pairs the best-fitting language of the whole list does not use."""
    best = next(iter(_by_fit(words)), None)
    return {word for word in words if best not in _fits(word)}


def _dictionaries(words: list[str]) -> Iterator[str]:
    """Dictionary languages to try: the first listed, then the few whose letter pairs fit the words best (each
    dictionary takes 0.1-0.2 s to load, and a page of debris would otherwise load all of them)."""
    first = languages()[0]
    yield first
    yield from (lang for lang in _by_fit(words)[:LIKELY_LANGUAGES] if lang != first)


def _plain_case(word: str) -> bool:
    # "water", "Water": looked up. "WATER" (a heading, an acronym) and "hydroJunctionID" (an identifier): not.
    return word[1:].islower()


def _alphabetic_script(word: str) -> bool:
    # Latin (with extensions), Greek and Cyrillic up to U+052F, Latin Extended Additional and Greek Extended.
    return all(ord(c) < 0x0530 or 0x1E00 <= ord(c) <= 0x1FFF for c in word)


def _is_junk(word: str) -> bool:
    # A symbol or stray punctuation inside a word of an alphabetic script; letters, digits, combining marks and
    # _INNER are fine. (CJK text has no spaces, so its "words" are whole clauses with their punctuation.)
    return _alphabetic_script(word) and any(not c.isalnum() and c not in _INNER
                                            and unicodedata.category(c)[0] in "PS" for c in word)


def bad_glyph_share(text: str) -> float:
    """Share of non-space characters that are broken glyphs: (cid:N), U+FFFD, private-use or control codes."""
    visible = len(text) - sum(1 for c in text if c.isspace())
    if not visible:
        return 0.0
    bad = sum(len(m) for m in _CID.findall(text)) + len(_BAD_CHARS.findall(text))
    return min(1.0, bad / visible)


def word_score(text: str, scanned: bool = False, enough: float = 1.0) -> tuple[float, bool] | None:
    """(share of word-like tokens that look like words, whether the strict scan standard applied), or None with
    too few words to judge; see the module notes. Dictionaries are tried until the share reaches `enough`."""
    words = [w for w in (_EDGE.sub("", t) for t in _TOKEN.findall(_CID.sub(" ", text)))
             if len(w) <= 40 and any(c.isalpha() for c in w)]
    if len(words) < MIN_WORDS:
        return None
    junk = sum(1 for w in words if _is_junk(w))
    checkable = [w.lower() for w in words if len(w) >= MIN_CHECKED_LETTERS and w.isalpha() and _plain_case(w)
                 and _alphabetic_script(w)]

    def share(bad: int) -> float:
        return 1.0 - (junk + bad) / len(words)

    if not checkable:
        return share(0), False
    if scanned:
        best_known, best = 0.0, 0.0
        for lang in _dictionaries(checkable):
            unknown = sum(1 for w in checkable if not _known(w, lang))
            best_known, best = max(best_known, 1.0 - unknown / len(checkable)), max(best, share(unknown))
            if best >= enough:
                break
        if best >= enough or best_known >= KNOWN_LANGUAGE_SHARE:
            return best, True
    # A born-digital page, or a scan in a language no dictionary here knows: a word is bad when the page's
    # dictionary language does not list it and its best-fitting language does not use its letter pairs.
    lenient = TEXT_MIN_SCORE if scanned else enough
    misfits: set[str] | None = None
    best = 0.0
    for lang in _dictionaries(checkable):
        unknown = [w for w in checkable if not _known(w, lang)]
        if share(len(unknown)) < lenient:
            misfits = _misfits(checkable) if misfits is None else misfits
            unknown = [w for w in unknown if w in misfits]
        best = max(best, share(len(unknown)))
        if best >= lenient:
            break
    return best, False


def assess_page(text: str, image_cover: float) -> PageQuality:
    """Classify one page's text layer given the share of the page its images cover."""
    scanned = image_cover >= SCAN_COVER
    if sum(1 for c in text if c.isalnum()) < MIN_TEXT_CHARS:
        if image_cover >= IMAGE_PAGE_COVER:
            return PageQuality("no_text", 0.0, scanned)
        return PageQuality("text" if text.strip() else "blank", 1.0, scanned)
    glyphs = 1.0 - bad_glyph_share(text)
    if not glyphs:
        return PageQuality("garbled", 0.0, scanned)
    words = word_score(text, scanned, enough=(SCAN_MIN_SCORE if scanned else TEXT_MIN_SCORE) / glyphs)
    share, strict = words if words else (1.0, False)
    score = glyphs * share
    threshold = SCAN_MIN_SCORE if strict else TEXT_MIN_SCORE
    return PageQuality("garbled" if score < threshold else "text", round(score, 3), scanned)


def image_cover(images: list[tuple[float, float]], width: float, height: float) -> float:
    """Share of a page's area covered by its images, given as (width, height) sizes (each counted whole,
    capped at the page's size; the total at 1)."""
    if width <= 0 or height <= 0:
        return 0.0
    # Sizes, not positions: pages with an inverted MediaBox (y0 > y1) get image positions a page-height off.
    covered = sum(min(w, width) * min(h, height) for w, h in images)
    return min(1.0, covered / (width * height))
