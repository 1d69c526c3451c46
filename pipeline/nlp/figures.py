"""The figures component: money, counts with their counted noun, percentages, measures and durations, ranges and
qualifiers, found by regular expressions built from patterns/figures.json and written to doc.spans["figures"]
with a `figure` extension (a dict of value, unit, ...) on each span."""

from __future__ import annotations

import json
import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

if not Span.has_extension("figure"):
    Span.set_extension("figure", default=None)

@Language.factory("pipeline_figures_v1", default_config={"lexicon": ""})
def make_figures(nlp: Language, name: str, lexicon: str) -> Figures:
    return Figures(json.loads(Path(lexicon).read_text(encoding="utf-8")))


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MONTHS = ("january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec").split()
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:org|com|net|gov|int|edu|kz|kg|tj|uz|af|mn|tm|ru|io|info)(?:/\S*)?",
                  re.IGNORECASE)
_PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?\(?\d{2,4}\)?[\s.-]\d{2,4}[\s.-]\d{2,4}(?:[\s.-]\d{2,4})?(?!\s*(?:%|\w))"
                    r"|\(\d{3}\)\s?\d{3}[-.\s]\d{4}\b|\b\d{3}-\d{3}-\d{4}\b")
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


# Characters before a number searched for an opening "Of the <noun phrase>," whose noun it counts.
WHOLE_WINDOW = 80


def _names_something(counted: str) -> bool:
    """'21 Foundation', '5 News': a capitalised word after a number is part of a name, not what is counted
    (an acronym plural such as 'CSOs' is still a counted noun)."""
    first = counted.split()[0]
    acronym_plural = len(first) > 2 and first.endswith("s") and first[:-1].isupper()
    return first[:1].isupper() and not acronym_plural and not (len(first) > 1 and first.isupper())


class Figures:
    """Money, counts with their counted noun, percentages, measures and durations; ranges and qualifiers."""

    def __init__(self, lexicon: dict):
        self.lex = lexicon
        self.currency_prefix: dict[str, str] = lexicon["currency_prefix"]
        self.currency_suffix: dict[str, str] = lexicon["currency_suffix"]
        self.scales: dict[str, float] = lexicon["scales"]
        self.measures: dict[str, str] = lexicon["measure_units"]
        self.times: dict[str, str] = lexicon["time_units"]
        self.qualifiers: dict[str, str] = lexicon["qualifiers"]
        self.number_words: dict[str, int] = dict(lexicon["number_words"])
        for tens, tens_value in lexicon["compound_tens"].items():  # "twenty-five", "forty two"
            for unit, unit_value in lexicon["units"].items():
                for joiner in ("-", " "):
                    self.number_words[f"{tens}{joiner}{unit}"] = tens_value + unit_value
        self.count_labels = re.compile(rf"(?i)\b(?P<label>{_alternation(lexicon['count_labels'])})\b"
                                       rf"(?:\s*\([^)]*\))?\s*[:\u2013-]?\s*$")
        self.stop = set(lexicon["counted_stopwords"])
        self.invariant_plurals = frozenset(lexicon["invariant_plurals"])
        cur = _alternation(self.currency_prefix)
        scale = _alternation(self.scales)
        word_numbers = _alternation(self.number_words)
        self.pattern = re.compile(
            rf"(?<![\w.,/#@&+:)\]”’–—-])(?:(?P<between>(?i:between|from))\s+)?(?P<cur>{cur})?\s?"
            rf"(?P<num>{_NUMBER}|(?i:\b(?:{word_numbers})\b))"
            rf"(?:\s?(?P<scale>(?i:{scale}))(?![\w]))?"
            rf"(?:(?P<pct1>\s?%)(?=\s?(?:-|–|—|to)\s?(?:{_NUMBER})\s?%))?"
            rf"(?:\s?(?:-|–|—|to|and)\s?(?:(?P=cur)\s?)?(?P<num2>{_NUMBER})(?:\s?(?P<scale2>(?i:{scale}))(?![\w]))?)?"
            rf"(?P<pct>\s?(?:%|percent\b|per cent\b))?"
            rf"(?![\w%]|[.,]\d)"
        )
        self.suffix_currency = re.compile(rf"^\s(?P<unit>{_alternation(self.currency_suffix)})\b")
        self.suffix_measure = re.compile(rf"^\s?(?P<unit>{_alternation(self.measures)})(?![\w])")
        self.suffix_time = re.compile(rf"^\s(?P<unit>{_alternation(self.times)})\b", re.IGNORECASE)
        self.qualifier = re.compile(rf"(?i)\b(?P<q>{_alternation(self.qualifiers)})\s+(?:US\$|\$|€|£)?$")
        self.word = re.compile(r"\s*(,|[A-Za-z][\w/'’-]*)")
        self.trailing_qualifiers: dict[str, str] = lexicon["trailing_qualifiers"]
        self.trailing_qualifier = re.compile(rf"^\s+(?P<q>{_alternation(self.trailing_qualifiers)})\b")
        determiners = _alternation(lexicon["partitive_determiners"])
        self.partitive = re.compile(rf"^\s+of\s+(?:{determiners})\s+(?:(?:{_NUMBER})\s+)?(?=[a-z])")
        self.whole_before = re.compile(rf"(?i:\bof\s+(?:{determiners}))\s+(?:(?:{_NUMBER})\s+)?"
                                       rf"(?P<noun>[a-z][\w-]*(?:\s+[\w-]+){{0,5}}),\s*$")

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        masked = self._mask(text)
        spans = []
        for match in self.pattern.finditer(masked):
            figure = self._figure(text, match)
            if figure is None:
                continue
            start, end, info = figure
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                # The figure's own characters: a token may run on past it ("2.6%(1)" is one token).
                span._.figure = {**info, "start_char": start, "end_char": end}
                spans.append(span)
        doc.spans["figures"] = spans
        return doc

    @staticmethod
    def _mask(text: str) -> str:
        """Blank out URLs and phone numbers so their digits are never read as figures."""
        for pattern in (_URL, _PHONE):
            text = pattern.sub(lambda m: "#" * len(m.group(0)), text)
        return text

    def _figure(self, text: str, match: re.Match[str]) -> tuple[int, int, dict] | None:
        raw = match.group("num")
        value = self._value(raw)
        if value is None:
            return None
        spelled = not raw[0].isdigit()
        start = match.start("between") if match.group("between") and match.group("num2") else \
            match.start("cur") if match.group("cur") else match.start("num")
        end = match.end()
        before = text[max(0, start - 30): start]
        after = text[end: end + 80]
        if not spelled and self._is_date_or_marker(raw, match, before, after):
            return None
        scale = self.scales.get(match.group("scale") or "", None) if match.group("scale") else None
        if match.group("scale") and match.group("scale") not in self.scales:
            scale = self.scales.get(match.group("scale").lower())
        value_max = self._value(match.group("num2")) if match.group("num2") else None
        if value_max is not None and match.group("scale2"):
            value_max *= self.scales.get(match.group("scale2"), self.scales.get(match.group("scale2").lower(), 1))
            scale = scale or self.scales.get(match.group("scale2"), self.scales.get(match.group("scale2").lower()))
            value *= scale or 1
        elif scale:
            value *= scale
            if value_max is not None:
                value_max *= scale
        if value_max is not None and value_max <= value:
            return None  # "2016-2015", "10 to 5": not a range
        unit, counted, qualifier_after = None, None, None
        if match.group("cur"):
            unit = self.currency_prefix[match.group("cur")]
        elif match.group("pct") or match.group("pct1"):
            unit = "percent"
        elif (m := self.suffix_currency.match(after)) is not None:
            unit, end = self.currency_suffix[m.group("unit")], end + m.end()
        elif (m := self.suffix_measure.match(after)) is not None:
            unit, end = self.measures[m.group("unit")], end + m.end()
        elif (m := self.suffix_time.match(after)) is not None:
            unit, end = self.times[m.group("unit").lower()], end + m.end()
        else:
            trailing = self.trailing_qualifier.match(after)
            partitive = self.partitive.match(after) if trailing is None else None
            skip = trailing.end() if trailing else partitive.end() if partitive else 0
            counted, counted_end = self._counted(text, end + skip)
            if trailing is not None and counted is not None:
                qualifier_after = self.trailing_qualifiers[trailing.group("q")]
            if partitive is not None and counted is not None and not self._agrees(2, counted):
                counted = None  # "one of the main reasons": a part of something not counted
            if counted is None or (not match.group("scale") and not self._agrees(value, counted)):
                whole = self._whole_before(text[max(0, start - WHOLE_WINDOW): start])  # "Of the 80 staff, 40 left"
                if whole is not None or counted is None:
                    counted, counted_end = whole, end
            if counted is not None and (_names_something(counted) or (counted.split()[0].endswith("ed")
                                                                      and not self._looks_plural(counted.split()[-1]))):
                return None  # "21 Foundation": part of a name; "40 reported": a verb, nothing counted
            if counted is None:
                label = self.count_labels.search(before)
                if label is None:
                    return None  # a bare number with nothing counted is not a reportable figure
                counted, counted_end = label.group("label").lower(), end  # "Population 18,711,560"
            elif re.search(r"\b[A-Z]{2,6}\s*$", before) and not spelled:
                return None  # "ISO 9001 certification", "SDG 16 targets": a number inside a name or code
            elif not match.group("scale") and not self._agrees(value, counted):
                return None  # "Flight 610 accident", "(GAGAS) 1 outlines", "14 CFR": an id or a marker, no count
            unit, end = "count", counted_end
        if spelled and unit in ("percent",) or (spelled and match.group("cur")):
            return None
        qualifier = qualifier_after
        if (q := self.qualifier.search(before)) is not None:
            qualifier = self.qualifiers[q.group("q").lower()] if q.group("q").lower() in self.qualifiers \
                else self.qualifiers.get(q.group("q"))
        info = {"value": float(value), "value_max": float(value_max) if value_max is not None else None,
                "unit": unit, "counted": counted, "qualifier": qualifier,
                "rule": "money" if len(unit) == 3 and unit.isupper() else unit if unit in ("percent", "count") else "measure"}
        return start, end, info

    def _whole_before(self, before: str) -> str | None:
        """'Of the 1,874 projects, 1,162 (62 percent)', 'Of the graduates placed in jobs, 1,950 ...': the plural noun
        phrase of an opening 'of the ...' that the number takes a part of."""
        whole = self.whole_before.search(before)
        if whole is None:
            return None
        words = whole.group("noun").split()
        head = next((i for i, word in enumerate(words) if self._looks_plural(word)), None)
        return " ".join(words[:head + 1]) if head is not None else None

    def _value(self, raw: str) -> float | None:
        if raw[0].isdigit():
            return float(raw.replace(",", ""))
        return self.number_words.get(raw.lower())

    def _is_date_or_marker(self, raw: str, match: re.Match[str], before: str, after: str) -> bool:
        plain = raw.isdigit()
        if plain and len(raw) == 4 and 1800 <= int(raw) <= 2100 and not match.group("cur") and not match.group("pct") \
                and not match.group("scale"):
            return True  # a year
        previous_word = re.search(r"([A-Za-z]+)\.?\s*$", before)
        next_word = re.match(r"\s*([A-Za-z]+)", after)
        if plain and ((previous_word and previous_word.group(1).lower() in _MONTHS)
                      or (next_word and next_word.group(1).lower() in _MONTHS)):
            return True  # "April 27", "27 April"
        if before.endswith("(") and after.startswith(")") and not (match.group("pct") or match.group("scale")):
            return True  # "(1)": a list ordinal or footnote; "(62 percent)" is a figure
        if previous_word and previous_word.group(1).lower() in ("page", "pages", "p", "pp", "figure", "fig", "table",
                                                                 "section", "chapter", "annex", "no", "number", "article",
                                                                 "paragraph", "para", "item", "step", "phase", "level",
                                                                 "grade", "class", "version", "goal", "sdg", "target",
                                                                 "resolution", "decree", "law", "act", "order",
                                                                 "code", "room", "floor", "box", "route", "channel",
                                                                 "part", "parts", "flight", "model"):
            return True
        return False

    def _counted(self, text: str, position: int) -> tuple[str | None, int]:
        """The noun phrase a number counts: '189 CSOs', '44 national and local state institutions'."""
        words: list[tuple[str, int, int]] = []
        pos = position
        while len(words) < 6:
            m = self.word.match(text, pos)
            if m is None or "\n" in text[pos:m.start(1)]:
                break
            token = m.group(1)
            if token == "," or token.lower() in self.stop:
                # continue through "and"/"," only while the phrase still lacks its head noun
                nxt = self.word.match(text, m.end())
                if words and token in (",", "and") and not self._looks_plural(words[-1][0]) and nxt is not None \
                        and nxt.group(1)[:1].islower() and nxt.group(1).lower() not in self.stop:
                    words.append((token, m.start(1), m.end(1)))
                    pos = m.end()
                    continue
                break
            words.append((token, m.start(1), m.end(1)))
            pos = m.end()
            if self._looks_plural(token):
                break
        while words and words[-1][0] in (",", "and"):
            words.pop()
        if not words:
            return None, position
        return text[words[0][1]:words[-1][2]], words[-1][2]

    def _agrees(self, value: float, counted: str) -> bool:
        """A count agrees in number with its noun: one of a singular ('1 work-hour'), more of a plural ('189 CSOs',
        '40 staff'); capitalised words without a plural acronym ('14 CFR Part', '1 GAO') name a code, not a count."""
        words = [w for w in counted.split() if w not in (",", "and")]
        if all(w[:1].isupper() for w in words) and not any(w[:-1].isupper() and w.endswith("s") for w in words):
            return False
        plural = any(self._looks_plural(w) or w.lower() in self.invariant_plurals for w in words)
        return plural if value != 1 else not self._looks_plural(words[-1])

    @staticmethod
    def _looks_plural(word: str) -> bool:
        if word.endswith(("ss", "us", "is")):
            return False  # "bus", "campus", "analysis": singular nouns in -s; "contiguous", "various": adjectives
        return word.endswith(("s", "people", "children", "men", "women", "staff", "personnel", "police", "youth"))
