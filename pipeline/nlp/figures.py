"""The figures component: money, counts with their counted noun, percentages, measures and durations, ranges and
qualifiers, found by regular expressions built from patterns/figures.json and written to doc.spans["figures"]
with a `figure` extension (a dict of value, unit, ...) on each span."""

from __future__ import annotations

import json
import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.text.words import is_known_word

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
# "CHF 2,5 million": a decimal comma (European donors' style), read only before a scale word, where a thousands
# separator cannot stand
_DECIMAL_COMMA = r"\d{1,3},\d{1,2}"


# Characters before a number searched for an opening "Of the <noun phrase>," whose noun it counts.
WHOLE_WINDOW = 80
# Characters before a bare number searched, within its sentence, for "the number of <noun phrase>" it counts.
SUBJECT_WINDOW = 160
_SENTENCE_END = re.compile(r"[.!?;](?:\s|$)")
# Text before a number inside running prose: a lower-case word on the same line ('reached over 400 ...'); a number
# opening a line or sentence, or in a table row, may be a footnote's or a list item's marker.
_IN_PROSE = re.compile(r"\b[a-z][\w-]*[ \t]+$")
# A run of white space after a number (see _unit_after).
_SPACE_RUN = re.compile(r"\s*")
# "..., 30 were resolved and 8 are under review": a bare number that opens the next item of a list of counts, its
# verb right after it; it counts the noun of the count before it in the sentence.
_LISTED_PART = re.compile(r"(?:,|\band)\s+$")
_VERB_AFTER = re.compile(r"^\s+(?:are|were|was|is|have|had|has|remain|remained|remains)\b")
# "funded 12 strongest ones": up to three modifiers, then "ones" standing for the noun of the count before it
_ONES_AFTER = re.compile(r"^(?:\s+[a-z][\w-]*){0,3}?\s+ones\b")
# "one" is no figure on its own (a pronoun, an article), only after a restricting or comparing word ("only one NGO",
# "more than one year") or as the last item of a list of counts ("three wells and one health post")
_ONE_LEADERS = ("only", "just", "than", "least")
_ONE = "(?i:(?:" + "|".join(rf"(?<=\b{w}\s)" for w in (*_ONE_LEADERS, "and")) + r"|(?<=,\s))one\b)"
_ONE_LED = re.compile(rf"(?i)\b(?:{'|'.join(_ONE_LEADERS)})\s$")
# Characters between a count and a later number that points back to its noun.
ANTECEDENT_WINDOW = 160


def _is_year(raw: str) -> bool:
    return raw.isdigit() and len(raw) == 4 and 1800 <= int(raw) <= 2100


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
                                       rf"(?:\s*\([^)]*\))?(?:\s*[:\u2013-]|\s+of)?\s*$")  # "a staff of 3,100"
        self.stop = set(lexicon["counted_stopwords"])
        self.invariant_plurals = frozenset(lexicon["invariant_plurals"])
        cur = _alternation(self.currency_prefix)
        scale = _alternation(self.scales)
        word_numbers = _alternation(self.number_words)
        first = (rf"(?<![\w.,/#@&+:)\]”’–—-])(?:(?P<between>(?i:between|from))\s+)?(?P<cur>{cur})?\s?"
                 rf"(?P<num>{_DECIMAL_COMMA}(?=\s?(?i:{scale})(?![\w]))|{_NUMBER}|(?i:\b(?:{word_numbers})\b)|{_ONE})"
                 rf"(?:\s?(?P<scale>(?i:{scale}))(?![\w]))?")
        second = (rf"(?:(?P<pct1>\s?%)(?=\s?(?:-|–|—|to)\s?(?:{_NUMBER})\s?%))?"
                  rf"(?:\s?(?P<joiner>-|–|—|to|and)\s?(?:(?P=cur)\s?)?(?P<num2>{_NUMBER}|(?i:\b(?:{word_numbers})\b))"
                  rf"(?:\s?(?P<scale2>(?i:{scale}))(?![\w]))?)?")
        last = r"(?P<pct>\s?(?:%|percent\b|per cent\b))?(?![\w%]|[.,]\d)"
        self.pattern = re.compile(first + second + last)
        # The first number of a match that is no range, on its own: the same groups, the second number's never set.
        self.single = re.compile(first + r"(?:(?P<pct1>(?!))(?P<joiner>(?!))(?P<num2>(?!))(?P<scale2>(?!)))?" + last)
        # "increased by 15%, from KGS 8,500 to KGS 9,800": the size of the change may stand between verb and "from"
        self.change_verb = re.compile(rf"(?i)\b(?:{_alternation(lexicon['change_verbs'])})\b"
                                      rf"(?:\s+by\s+[\d.,]+\s?(?:%|percent\b|per cent\b))?[^.;:\d]{{0,40}}$")
        ratio = rf"(?:{_alternation(lexicon['ratio_joiners'])})\s+(?:\d{{1,3}}|(?i:{word_numbers}))"
        self.ratio_after = re.compile(rf"^\s+{ratio}\s+(?=[a-z])")
        # "one" is no figure on its own (pronoun, article) but does open a proportion: "one in five children".
        self.ratio_before = re.compile(rf"(?:\b\d{{1,3}}|(?i:\b(?:one|{word_numbers})))\s+"
                                       rf"(?:{_alternation(lexicon['ratio_joiners'])})\s+$")
        self.suffix_currency = re.compile(rf"^\s(?P<unit>{_alternation(self.currency_suffix)})\b")
        self.suffix_measure = re.compile(rf"^\s?(?P<unit>{_alternation(self.measures)})(?![\w])")
        # "3 years", and as a compound adjective "a three-year reform", "a 12-month cycle"
        self.suffix_time = re.compile(rf"^[\s-](?P<unit>{_alternation(self.times)})\b", re.IGNORECASE)
        # "shall not be more than", "will not exceed": a negation a word or two before a comparison reverses it
        self.qualifier = re.compile(rf"(?i)(?:\b(?P<neg>{_alternation(lexicon['negations'])})\s+(?:[a-z]+\s+)?)?"
                                    rf"\b(?P<q>{_alternation(self.qualifiers)})\s+(?:US\$|\$|€|£)?$")
        self.negated: dict[str, str] = lexicon["negated_qualifiers"]
        self.word = re.compile(r"\s*(,|[A-Za-z][\w/'’-]*)")
        self.trailing_qualifiers: dict[str, str] = lexicon["trailing_qualifiers"]
        # "three or more extensions", "2,000+ volunteers"; not "rose by 30% and more than doubled"
        self.trailing_qualifier = re.compile(rf"^(?:\s+|(?=\+))(?P<q>{_alternation(self.trailing_qualifiers)})(?!\w|\s+than\b)")
        determiners = _alternation(lexicon["partitive_determiners"])
        # "30 of the 214 groups", "12 of the remaining 40 grantees", "6 of 19 provinces", "14 of the 23 CFO Act agencies"
        self.partitive = re.compile(rf"^\s+of\s+(?:(?:{determiners})\s+(?:[a-z]+\s+(?=(?:{_NUMBER})\s))?"
                                    rf"|(?=(?:{_NUMBER})\s+[a-z]))(?:(?:{_NUMBER})\s+)?(?=[a-z]|(?<=\d\s)[A-Z])")
        # the whole's words may hold a year ('Of the nurses trained in 2021,') but no count of its own ('By the end
        # of the year 42 complaints had been filed,' opens no whole)
        whole = r"(?P<noun>[a-z][\w-]*(?:\s+(?:[^\W\d][\w-]*|(?:1[89]|20)\d\d)){0,5})"
        self.whole_before = re.compile(rf"(?i:\bof\s+(?:{determiners}))\s+(?:(?:{_NUMBER})\s+)?{whole},\s*$")
        # "Of the 27 outputs, 19 were achieved, 6 partially achieved and 2 not achieved": later parts of the same whole
        self.whole_before_list = re.compile(rf"(?i:\bof\s+(?:{determiners}))\s+(?:(?:{_NUMBER})\s+)?"
                                            rf"{whole},\s+\d[^.;:]*(?:,|\band)\s*$")
        self.fraction = re.compile(rf"^[\s-](?P<f>{_alternation(lexicon['fractions'])})\b")
        self.fractions: dict[str, int] = lexicon["fractions"]
        subjects = _alternation(lexicon["count_subjects"])
        self.vague_quantity = re.compile(rf"(?i)\b(?:{_alternation(lexicon['vague_quantity_words'])})\s+$")
        self.other_quantity = re.compile(rf"(?i)\b(?:{_alternation(lexicon['other_quantity_words'])})\s+$")
        self.clause_break = re.compile(r"[;]|\b(?:and|but|while|whereas)\s+(?:the|a|an|its|their|this|these)\b")
        self.subject_before = re.compile(rf"(?i:\b(?:{subjects})\s+of\s+(?:(?:{determiners})\s+)?)"
                                         rf"(?P<noun>[\w-]+(?:\s+[\w-]+){{0,5}})")

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        masked = self._mask(text)
        spans = []
        position = 0
        previous: tuple[int, str] | None = None  # the end and counted noun of the last count found
        while (match := self.pattern.search(masked, position)) is not None:
            position = match.end()
            # Two numbers joined by "to" may be no range: a change, or a scaled amount and a plain number.
            joined_by_to = match.group("num2") is not None and match.group("joiner") == "to"
            if joined_by_to and self._is_change(text, match):  # "fell from 28.4% to 22.1%": two figures of one thing
                figures = self._change(text, match)
            elif joined_by_to and match.group("scale") and not match.group("scale2"):
                # "KZT 2.5 billion to 1,500 NGOs" (a range's scale sits on its second number or on both): the first
                # figure, then read on from its end
                match = self.single.match(masked, match.start())
                position = match.end()
                figures = [self._figure(text, match, previous=previous)]
            else:
                figures = [self._figure(text, match, previous=previous)]
                if figures[0] is None and (match.group("joiner") == "and"
                                           or match.group("joiner") == "to" and _is_year(match.group("num"))):
                    # "from 2.1 million EUR in 2018 to 4.7 million EUR": the pair "2018 to 4.7 million" is no
                    # figure, but its second number may be one; read on from it. "$771,293 and $502,860,
                    # respectively": a falling pair joined by "and" is two figures, the first read on its own.
                    position = match.end("joiner")
                    if match.group("joiner") == "and":
                        figures = [self._figure(text, self.single.match(masked, match.start()), previous=previous)]
            for figure in figures:
                if figure is None:
                    continue
                start, end, info = figure
                if info["unit"] == "count":
                    previous = (end, info["counted"])
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is not None and span._.figure is None:
                    # The figure's own characters: a token may run on past it ("2.6%(1)" is one token), and a second
                    # figure inside the same tokens would overwrite the first's annotation, so it is left out.
                    span._.figure = {**info, "start_char": start, "end_char": end}
                    spans.append(span)
        doc.spans["figures"] = spans
        return doc

    def _is_change(self, text: str, match: re.Match[str]) -> bool:
        """'from X to Y' after a verb of change, or falling: the value before and after, not a range."""
        if (match.group("between") or "").lower() != "from":
            return False
        first, second = self._value(match.group("num")), self._value(match.group("num2"))
        if first is not None and second is not None and second < first:
            return True
        return self.change_verb.search(text[max(0, match.start() - 60): match.start()]) is not None

    def _change(self, text: str, match: re.Match[str]) -> list[tuple[int, int, dict] | None]:
        """The two figures of a change: the second as the whole match would read as a range (its unit and counted
        noun), the first with the same unit and noun but its own value, span and qualifier."""
        whole = self._figure(text, match, as_range=False)
        if whole is None:
            return []
        _, end, info = whole
        first_end = max(match.end(group) for group in ("num", "scale", "pct1") if match.group(group))
        first_start = match.start("cur") if match.group("cur") else match.start("num")
        second_start = match.start("num2")
        cur = match.group("cur")
        if cur and text[max(0, second_start - len(cur) - 1): second_start].strip() == cur:
            second_start = text.rindex(cur, 0, second_start)
        first_value = self._value(match.group("num")) * (self._scale(match.group("scale") or match.group("scale2")) or 1)
        first = {**info, "value": round(float(first_value), 6), "value_max": None}
        second = {**info, "value": info["value_max"], "value_max": None, "qualifier": None}
        return [(first_start, first_end, first), (second_start, end, second)]

    def _scale(self, word: str | None) -> float | None:
        if not word:
            return None
        return self.scales.get(word, self.scales.get(word.lower()))

    @staticmethod
    def _mask(text: str) -> str:
        """Blank out URLs and phone numbers so their digits are never read as figures."""
        for pattern in (_URL, _PHONE):
            text = pattern.sub(lambda m: "#" * len(m.group(0)), text)
        return text

    def _figure(self, text: str, match: re.Match[str], as_range: bool = True,
                previous: tuple[int, str] | None = None) -> tuple[int, int, dict] | None:
        """One figure from a match; with as_range=False two numbers that fall ('from 120 to 95 staff') are kept,
        as a change's before and after; `previous` is the end and noun of the last count, which a later number may
        point back to."""
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
        if raw.lower() == "one" and not _ONE_LED.search(before) and self._antecedent(text, start, previous) is None:
            return None  # "and one reason is ...": no list of counts before it
        scale = self._scale(match.group("scale"))
        value_max = self._value(match.group("num2")) if match.group("num2") else None
        if value_max is not None and match.group("scale2"):
            value_max *= self._scale(match.group("scale2")) or 1
            scale = scale or self._scale(match.group("scale2"))
            value *= scale or 1
        elif scale:
            value *= scale
            if value_max is not None:
                value_max *= scale
        if as_range and value_max is not None and value_max <= value:
            return None  # "2016-2015", "10 to 5": not a range
        if self.ratio_before.search(before) and not (match.group("cur") or match.group("pct")):
            return None  # the 10 of "3 in 10 households": a proportion's base, not a count of its own
        unit, counted, qualifier_after = None, None, None
        trailing = self.trailing_qualifier.match(after)
        if match.group("cur"):
            unit = self.currency_prefix[match.group("cur")]
        elif match.group("pct") or match.group("pct1"):
            unit = "percent"
            if trailing is not None:  # "rates of 30% and more", "a share of 10% or less"
                end, qualifier_after = end + trailing.end(), self.trailing_qualifiers[trailing.group("q")]
        elif (suffix := self._unit_after(text, end, trailing)) is not None:
            unit, end, qualifier_after = suffix
        elif (fraction := self.fraction.match(after)) is not None and value < self.fractions[fraction.group("f")]:
            # "two thirds of respondents": a share, not a count of thirds
            unit, end, value = "percent", end + fraction.end(), round(100 * value / self.fractions[fraction.group("f")], 1)
        elif (antecedent := self._antecedent(text, start, previous)) is not None \
                and (ones := _ONES_AFTER.match(after)) is not None:
            unit, counted, end = "count", antecedent, end + ones.end()  # "64 proposals ... 12 strongest ones"
        else:
            partitive = (self.partitive.match(after) or self.ratio_after.match(after)) if trailing is None else None
            skip = trailing.end() if trailing else partitive.end() if partitive else 0
            counted, counted_end = self._counted(text, end + skip)
            if trailing is not None and counted is not None:
                qualifier_after = self.trailing_qualifiers[trailing.group("q")]
            if partitive is not None and counted is not None and not self._agrees(2, counted):
                counted = None  # "one of the main reasons": a part of something not counted
            # "1 in 4 grantees", "1 of the 12 districts": one part of a counted whole agrees with a plural
            agreeing = 2 if partitive is not None and re.search(r"\d", partitive.group(0)) else value
            if counted is None or (not match.group("scale") and not self._agrees(agreeing, counted)):
                whole = self._whole_before(text, start)  # "Of the 80 staff, 40 left"
                if whole is not None or counted is None:
                    counted, counted_end = whole, end
            common_plural = counted is not None and (spelled or _IN_PROSE.search(before) is not None) \
                and self._capitalised_common_plural(counted, text[counted_end: counted_end + 40])
            if counted is not None and not common_plural \
                    and (self._names_something(counted, _IN_PROSE.search(before) is not None)
                         or (counted.split()[0].endswith("ed") and not self._looks_plural(counted.split()[-1]))):
                return None  # "21 Foundation": part of a name; "40 reported": a verb, nothing counted
            if counted is None:
                label = self.count_labels.search(before)
                # "Population 18,711,560"; "the number of registered NGOs rose to 4,500"
                counted = label.group("label").lower() if label else \
                    self._subject_before(text[max(0, start - SUBJECT_WINDOW): start])
                if counted is None and _LISTED_PART.search(before) and _VERB_AFTER.match(after):
                    counted = self._antecedent(text, start, previous)  # "42 complaints ..., 30 were resolved"
                if counted is None:
                    return None  # a bare number with nothing counted is not a reportable figure
                counted_end = end
            elif re.search(r"\b[A-Z]{2,6}\s*$", before) and not spelled:
                return None  # "ISO 9001 certification", "SDG 16 targets": a number inside a name or code
            elif not match.group("scale") and not common_plural \
                    and not self._agrees(agreeing, counted, acronym_counts=spelled):
                return None  # "Flight 610 accident", "(GAGAS) 1 outlines", "14 CFR": an id or a marker, no count
            unit, end = "count", counted_end
        if spelled and match.group("cur"):
            return None  # "$ two": no amount is written so; a spelled percentage ("Forty-two percent") is kept
        qualifier = qualifier_after
        if (q := self.qualifier.search(before)) is not None:
            qualifier = self.qualifiers[q.group("q").lower()] if q.group("q").lower() in self.qualifiers \
                else self.qualifiers.get(q.group("q"))
            if q.group("neg"):
                qualifier = self.negated.get(qualifier, qualifier)
        # rounded: scaling a decimal leaves float noise ("4.1m" is 4099999.9999999995)
        info = {"value": round(float(value), 6), "value_max": round(float(value_max), 6) if value_max is not None else None,
                "unit": unit, "counted": counted, "qualifier": qualifier,
                "rule": "money" if len(unit) == 3 and unit.isupper() else unit if unit in ("percent", "count") else "measure"}
        return start, end, info

    def _unit_after(self, text: str, end: int, trailing: re.Match[str] | None) -> tuple[str, int, str | None] | None:
        """A currency name, measure or time unit after the number ending at `end`, with the qualifier that stands
        between them ('10 or more years') or after the unit ('2 years or less', '40 years or older')."""
        lead = trailing.end() if trailing else 0
        # A long run of spaces stands for a page break and its footnotes inside a joined paragraph: not a gap
        # between the number and its unit, but the unit patterns must see past it.
        spaces = _SPACE_RUN.match(text, end + lead).end() - (end + lead)
        if spaces > 1:
            lead += spaces - 1
        rest = text[end + lead: end + lead + 80]
        for pattern, units in ((self.suffix_currency, self.currency_suffix), (self.suffix_measure, self.measures),
                               (self.suffix_time, self.times)):
            if (m := pattern.match(rest)) is None:
                continue
            unit = units.get(m.group("unit"), units.get(m.group("unit").lower()))
            unit_end = end + lead + m.end()
            if trailing is None and (trailing := self.trailing_qualifier.match(text[unit_end: unit_end + 40])):
                unit_end += trailing.end()
            return unit, unit_end, self.trailing_qualifiers[trailing.group("q")] if trailing else None
        return None

    def _names_something(self, counted: str, in_prose: bool) -> bool:
        """'21 Foundation', '5 News': a capitalised word after a number is part of a name, not what is counted
        (an acronym plural such as 'CSOs' is still a counted noun, and so is a lower-case plural after capitalised
        modifiers in running prose: 'reached 400 Roma households', 'with 35 Ministry staff'; a number opening a line
        or sentence may be a footnote's marker: '10 Formula companies reported ...')."""
        words = counted.split()
        first, head = words[0], words[-1]
        if in_prose and len(words) > 1 and head[:1].islower() and not {",", "and"} & set(words) \
                and (self._looks_plural(head) or head in self.invariant_plurals):
            return False
        acronym_plural = len(first) > 2 and first.endswith("s") and first[:-1].isupper()
        return first[:1].isupper() and not acronym_plural and not (len(first) > 1 and first.isupper())

    def _capitalised_common_plural(self, counted: str, after: str) -> bool:
        """'five Ministries have adopted', '14 Regional Offices that manage': capitalised words ending in the plural of
        a common noun, with the phrase ending there and lower-case prose going on, are counted; a name goes on
        ('Seven Hills Foundation', 'two United Nations agencies'), a title in title case too ('Four Approaches to
        Rebuilding ...')."""
        words = counted.split()
        if not (all(w[:1].isupper() and not w.isupper() for w in words) and self._looks_plural(words[-1])
                and is_known_word(words[-1])):
            return False
        nxt = self.word.match(after)
        if nxt is None or not (nxt.group(1) == "," or nxt.group(1) in self.stop):
            return False  # "84 Sida Evaluations 2013", "Seven Hills Foundation": a title or name goes on
        clause = re.split(r"[.;:\n]", after, maxsplit=1)[0]
        return any(w[:1].islower() and w not in self.stop for w in re.findall(r"[A-Za-z][\w-]*", clause))

    @staticmethod
    def _antecedent(text: str, start: int, previous: tuple[int, str] | None) -> str | None:
        """The noun of the count before `start`, when it is close and in the same sentence."""
        if previous is None or not previous[1] or start - previous[0] > ANTECEDENT_WINDOW:
            return None
        return None if _SENTENCE_END.search(text, previous[0], start) else previous[1]

    def _subject_before(self, before: str) -> str | None:
        """'The number of registered cooperatives rose from about 850': the plural noun phrase after 'number of'
        earlier in the number's sentence."""
        sentence = before[ends[-1].end():] if (ends := list(_SENTENCE_END.finditer(before))) else before
        if self.other_quantity.search(sentence):
            return None  # "children aged 5 to 14": the number measures something else
        subjects = [m for m in self.subject_before.finditer(sentence)
                    if not self.vague_quantity.search(sentence, 0, m.start())]  # "a number of disagreements"
        if not subjects:
            return None
        words = subjects[-1].group("noun").split()
        # the phrase ends at a stop word, but modifiers may be joined: 'the number of TV and print ads'
        stop = next((i for i, word in enumerate(words) if word.lower() in self.stop - {"and"}), len(words))
        if stop < len(words) and words[stop].lower() == "per" \
                or self.clause_break.search(sentence, subjects[-1].start("noun")):
            return None  # "the number of pupils per teacher": a rate; "..., and the score reached 450": another subject
        head = next((i for i, word in enumerate(words[:stop]) if self._looks_plural(word)), None)
        return " ".join(words[:head + 1]) if head is not None else None

    def _whole_before(self, text: str, start: int) -> str | None:
        """'Of the 1,874 projects, 1,162 (62 percent)', 'Of the graduates placed in jobs, 1,950 ...': the plural noun
        phrase of an opening 'of the ...' that the number at `start` takes a part of, perhaps after other parts."""
        whole = self.whole_before.search(text[max(0, start - WHOLE_WINDOW): start]) \
            or self.whole_before_list.search(text[max(0, start - 2 * WHOLE_WINDOW): start])
        if whole is None:
            return None
        words = whole.group("noun").split()
        head = next((i for i, word in enumerate(words) if self._looks_plural(word)), None)
        return " ".join(words[:head + 1]) if head is not None else None

    def _value(self, raw: str) -> float | None:
        if re.fullmatch(_DECIMAL_COMMA, raw):
            return float(raw.replace(",", "."))
        if raw[0].isdigit():
            return float(raw.replace(",", ""))
        return 1.0 if raw.lower() == "one" else self.number_words.get(raw.lower())

    def _is_date_or_marker(self, raw: str, match: re.Match[str], before: str, after: str) -> bool:
        plain = raw.isdigit()
        if _is_year(raw) and not match.group("cur") and not match.group("pct") and not match.group("scale"):
            return True  # a year
        previous_word = re.search(r"([A-Za-z]+)\.?\s*$", before)
        next_word = re.match(r"\s*([A-Za-z]+)", after)
        if plain and ((previous_word and previous_word.group(1).lower() in _MONTHS)
                      or (next_word and next_word.group(1).lower() in _MONTHS)):
            return True  # "April 27", "27 April"
        if before.endswith("(") and after.startswith(")") and not (match.group("pct") or match.group("scale")):
            return True  # "(1)": a list ordinal or footnote; "(62 percent)" is a figure
        if before.endswith("[") and after.startswith("]"):
            return True  # "[12]": a citation
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
            if self._looks_plural(token) and not self._modifies_a_plural(token, text, pos):
                break
        while words and words[-1][0] in (",", "and"):
            words.pop()
        if not words:
            return None, position
        return text[words[0][1]:words[-1][2]], words[-1][2]

    def _modifies_a_plural(self, token: str, text: str, position: int) -> bool:
        """'20 youth groups', '15 women entrepreneurs': a plural without -s followed by a plural noun is its modifier."""
        nxt = self.word.match(text, position)
        return token.lower() in self.invariant_plurals and nxt is not None and "\n" not in text[position:nxt.start(1)] \
            and nxt.group(1)[:1].islower() and nxt.group(1).lower() not in self.stop and nxt.group(1).endswith("s") \
            and self._looks_plural(nxt.group(1))

    def _agrees(self, value: float, counted: str, acronym_counts: bool = False) -> bool:
        """A count agrees in number with its noun: one of a singular ('1 work-hour'), more of a plural ('189 CSOs',
        '40 staff'); capitalised words without a plural acronym ('14 CFR Part', '1 GAO') name a code, not a count,
        unless the number is spelled out (`acronym_counts`: 'only one NGO', never written as a code)."""
        words = [w for w in counted.split() if w not in (",", "and")]
        if all(w[:1].isupper() for w in words) and not any(w[:-1].isupper() and w.endswith("s") for w in words) \
                and not (acronym_counts and all(w.isupper() for w in words)):
            return False
        plural = any(self._looks_plural(w) or w.lower() in self.invariant_plurals for w in words)
        return plural if value != 1 else not self._looks_plural(words[-1])

    @staticmethod
    def _looks_plural(word: str) -> bool:
        if word.endswith(("ss", "us", "is")):
            return False  # "bus", "campus", "analysis": singular nouns in -s; "contiguous", "various": adjectives
        return word.endswith(("s", "people", "children", "men", "women", "staff", "personnel", "police", "youth"))
