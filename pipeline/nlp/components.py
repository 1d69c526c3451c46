"""Organisation rule components. Each reads its lexicon from a data file and writes spans to doc.spans[<its key>].

Span extensions carry what the extractors publish: `org_type`, `acronym` and `rule` on organisation spans (the
figures component, with its `figure` extension, is in pipeline.nlp.figures).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.nlp.acronyms import is_acronym, schwartz_hearst, spells_from_first
from pipeline.resolve.keys import is_place
from pipeline.text.words import is_known_word

for _name in ("org_type", "acronym", "rule"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)

_QUOTES_OPEN = {"“", '"', "«", "„", "‘", "'"}
_DOUBLE_QUOTES_OPEN = {"“", '"', "«", "„"}
_QUOTES_CLOSE = {"”", '"', "»", "“", "’", "'", "''"}
_DASHES = {"-", "–", "—"}
# Lower-case words that may follow a comma inside a name ('..., and Related Agencies', '..., and the District').
_SERIAL_JOINERS = {"and", "&", "or", "the"}
# Capitalised words a head word may follow in a name whose complement lists subjects ("State Agency on Youth
# Affairs, Physical Culture and Sports"), or that may be listed before a head ("Science, Industrial Development
# and Innovation Agency").
MAX_MODIFIERS_BEFORE_HEAD = 3
# A committee's serial list of subjects ('on A, B, C, and D') is read over at most this many tokens.
MAX_SERIAL_TOKENS = 16
# Its closing item may open with 'the' (', and the District of Columbia') and then has at most this many tokens.
MAX_SERIAL_ITEM_TOKENS = 5
# A name whose complement is written in lower case ("the Institute of legislative issues and parliamentary
# studies.") has this many complement words at most.
MAX_LOWERCASE_COMPLEMENT = 7
# A quoted name printed after an organisation's name ('Coalition of Civil Society "Transparency for Development"')
# has at most this many tokens; longer quotations are titles or sayings.
MAX_QUOTED_WORDS = 6
# "the National Audit Office": capitalised modifiers, the first a scope word, before a head that make a name even when
# every one is generic; one modifier ("the National Bank", "the State Agency") stays generic.
MIN_SCOPED_MODIFIERS = 2
# "IV The Public Association Fund": a list or law numeral printed before a name is not part of it.
_ROMAN_NUMERAL = re.compile(r"^(?=[IVXL])L?X{0,3}(?:IX|IV|V?I{0,3})$")


@Language.factory("pipeline_org_shapes_v1", default_config={"lexicon": ""})
def make_org_shapes(nlp: Language, name: str, lexicon: str) -> OrgShapes:
    return OrgShapes(json.loads(Path(lexicon).read_text(encoding="utf-8")))


class OrgShapes:
    """Organisation names by their shape: capitalised runs with an organisation head word ('X Association',
    'Ministry of X'), acronym definitions ('Long Name (ACR)'), names after a type cue ('PA Fidokor',
    'CSO “Istoki Dobra”'), and all-capital acronyms (kept later only if some document defines them)."""

    def __init__(self, lexicon: dict):
        self.heads: dict[str, str] = lexicon["heads"]
        self.lower_heads = {h: self.heads[h.capitalize()] for h in lexicon["lowercase_heads"]}
        self.needs_name = set(lexicon["needs_name"])
        self.connectors = set(lexicon["connectors"])
        self.leading_stop = set(lexicon["leading_stopwords"])
        self.generic = set(lexicon["generic_modifiers"])
        self.non_org = set(lexicon["non_org_words"])
        self.field_finals = set(lexicon["field_finals"])
        self.cues: dict[str, str] = lexicon["prefix_cues"]
        self.not_heads_after: dict[str, list[str]] = lexicon["not_heads_after"]
        self.with_after = set(lexicon["with_after"])
        self.max_cue_words = max(len(c.split()) for c in self.cues)
        self.company_roles = set(lexicon["role_words"]["company"])
        self.roles = self.company_roles | set(lexicon["role_words"]["other"])
        self.leading_roles = set(lexicon["leading_roles"])
        self.non_org_names = {name.lower() for name in lexicon["non_org_names"]}
        self.appositive_cues: dict[str, str] = lexicon["appositive_cues"]
        self.concept_finals = set(lexicon["concept_finals"])
        self.not_name_words = set(lexicon["not_name_words"])
        self.weak_heads = set(lexicon["weak_heads"])
        self.programme_finals = set(lexicon["programme_finals"])
        self.determiners = set(lexicon["determiners"])
        self.trailing_designators = set(lexicon["trailing_designators"])
        self.ngo_designators = set(lexicon["ngo_designators"])
        self.study_words = set(lexicon["study_words"])
        self.owner_nouns = set(lexicon["owner_nouns"])
        self.not_org_acronyms = set(lexicon["not_org_acronyms"])
        self.people_nouns = set(lexicon["people_nouns"])
        self.scope_words = set(lexicon["scope_words"])
        self.serial_heads = set(lexicon["serial_heads"])
        self.type_rules = [(re.compile(rule["pattern"]), set(rule.get("heads", ())), rule["type"])
                           for rule in lexicon["type_rules"]]

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for start, end in self._runs(doc):
            span = self._named_span(doc, start, end)
            if span is not None:
                spans.append(span)
        spans.extend(self._acronym_definitions(doc))
        spans.extend(self._cued_names(doc))
        spans.extend(self._role_names(doc))
        spans.extend(self._classified_names(doc))
        spans.extend(self._offices(doc))
        spans.extend(self._lowercase_complements(doc))
        # Span extensions live on the doc, keyed by boundaries: one span per boundary pair, the first rule's.
        taken = {(span.start, span.end) for span in spans}
        spans.extend(self._bare_acronyms(doc, taken))
        for span in list(spans):
            if span._.rule != "acronym_bare" and span._.acronym is None:
                span._.acronym = self._adjacent_acronym(doc, span)
        doc.spans["org_shapes"] = spans
        return doc

    # -- capitalised runs -------------------------------------------------------------------------------
    def _is_cap(self, token: Token) -> bool:
        text = token.text
        return text[:1].isupper() and any(c.isalpha() for c in text) and text not in ("I",) \
            and text not in self.not_name_words

    def _runs(self, doc: Doc) -> list[tuple[int, int]]:
        runs, i, n = [], 0, len(doc)
        while i < n:
            if not self._is_cap(doc[i]):
                i += 1
                continue
            start, j, last_cap = i, i + 1, i
            listed = False  # the run holds a list 'A, B and C' inside one name
            while j < n and not doc[j].is_sent_start:
                token = doc[j]
                if listed and self._is_cap(token) and self._is_cap(doc[j - 1]) and self._list_closed(doc, start, j) \
                        and ((self._head_type(token) is not None and j + 1 < n
                              and doc[j + 1].text in ("of", "for", "on"))
                             or is_place(doc[j:j + 2].text) or is_place(token.text)):
                    break  # "..., and Related Agencies Committee on Appropriations", "... and Forestry United States
                    # Senate": after its list a name ends at a second name or a place (lines of an address block)
                if self._is_cap(token):
                    last_cap = j
                elif self._starts_new_name(doc, j, listed):
                    break
                elif token.text == "with" and doc[j - 1].text not in self.with_after:
                    break
                elif token.is_lower and token.is_alpha and doc[j - 1].text == "with" and j + 2 < n \
                        and doc[j + 1].text in ("of", "in") and self._is_cap(doc[j + 2]):
                    pass  # "Union of People with disabilities of Tajikistan": the name goes on after the condition
                elif token.text in self.connectors or (token.text == "," and self._comma_inside(doc, start, j)):
                    listed = listed or token.text == ","
                    if token.whitespace_ == "" and token.text in _DASHES and j + 1 < n and not self._is_cap(doc[j + 1]) \
                            and not self._capitalised_compound(doc, j):
                        if not doc[j - 1].whitespace_:
                            last_cap = min(last_cap, j - 2)  # "Not-for-profit": the capital belongs to the compound
                        break
                else:
                    break
                j += 1
            end = last_cap + 1
            if end < n and doc[end].text in self.lower_heads and (end - start > 1 or not doc[start].is_sent_start
                                                                  or not is_known_word(doc[start].text)) \
                    and not (end - start == 1 and doc[start].text.isupper()):  # "the EAC committee": EAC's
                end += 1  # "Golomt bank", "Chevron corporation": a lower-case head right after a proper name
                end = self._complement_after(doc, end)  # "National bank of the Kyrgyz Republic"
            runs.append((start, end))
            i = max(end, i + 1)
        return runs

    def _capitalised_compound(self, doc: Doc, dash: int) -> bool:
        """'Not-for-Profit', 'Out-of-School': a connector between hyphens inside one capitalised compound word."""
        return dash + 3 < len(doc) and doc[dash + 1].text in self.connectors and not doc[dash + 1].whitespace_ \
            and doc[dash + 2].text in _DASHES and not doc[dash + 2].whitespace_ and self._is_cap(doc[dash + 3])

    def _complement_after(self, doc: Doc, end: int) -> int:
        """The end of a capitalised complement ('of (the) Kyrgyz Republic') right after a head at end - 1."""
        k = end
        if k < len(doc) and doc[k].text in ("of", "for"):
            k += 1 + (k + 1 < len(doc) and doc[k + 1].text == "the")
            stop = k
            while stop < len(doc) and not doc[stop].is_sent_start and (self._is_cap(doc[stop]) or (
                    doc[stop].text in ("of", "the") and stop + 1 < len(doc) and self._is_cap(doc[stop + 1]))):
                stop += 1
            if stop > k:
                return stop
        return end

    def _starts_new_name(self, doc: Doc, j: int, listed: bool = False) -> bool:
        """'UNDP and the Ministry of X', 'USAID and Ministry of X': a conjunction between two names; inside a list
        of subjects ('Institute of Philosophy, Political Science and Law') a document word is a subject."""
        if doc[j].text not in ("and", "&", ",") or j + 1 >= len(doc):
            return False
        nxt = doc[j + 1]
        # A document word opens a document's name ("and Law on NGOs", "and Strategy 2030"); the last subject of a
        # complement ("Centre for Policies and Reforms") ends the run.
        document = nxt.text in self.non_org and not listed and j + 2 < len(doc) and (
            doc[j + 2].text in ("on", "of", "for", "No", "No.") or doc[j + 2].like_num or self._is_cap(doc[j + 2]))
        if nxt.text == "the" and listed and self._serial_item_with_the(doc, j):
            return False  # "Subcommittee on Federal Workforce, Postal Service, and the District of Columbia"
        if nxt.text == "the" or document or (doc[j].text == "and" and nxt.text in ("in", "at", "by")):
            return True  # "State Institute of Pedagogy and in the State Teacher Training Institute"
        if doc[j].text != "," and self._is_cap(doc[j - 1]) and self._head_type(doc[j - 1]) is not None \
                and (doc[j - 1].text not in self.weak_heads or self._parallel_weak_names(doc, j)) \
                and self._is_cap(nxt) and nxt.text not in self.heads and self._head_ahead(doc, j + 2):
            return True  # "Tamkeen Youth Association and Ruwad Al Shabab Foundation": a name ends at its head
        return nxt.text in self.heads and j + 2 < len(doc) and doc[j + 2].text in ("of", "for")

    def _serial_item_with_the(self, doc: Doc, j: int) -> bool:
        """', and the District of Columbia' at j closes a committee's serial list of subjects: a committee head and
        'on' open the run within MAX_SERIAL_TOKENS, and capitalised words with no head word of their own follow 'the'
        up to a comma, the sentence end or a lower-case word."""
        if doc[j].text != "and" or doc[j - 1].text != "," or j + 2 >= len(doc) or not self._is_cap(doc[j + 2]):
            return False
        opener = next((k for k in range(j - 1, max(-1, j - MAX_SERIAL_TOKENS), -1)
                       if doc[k].text in self.serial_heads and k + 1 < len(doc) and doc[k + 1].text == "on"), None)
        if opener is None or any(doc[k].is_sent_start for k in range(opener + 1, j)):
            return False
        for token in doc[j + 2:j + 2 + MAX_SERIAL_ITEM_TOKENS]:
            if token.text in (",", ".") or token.is_sent_start or not (self._is_cap(token) or token.text == "of"):
                return True
            if self._head_type(token) is not None:
                return False  # "..., and the Committee on Appropriations": a name of its own
        return False

    def _parallel_weak_names(self, doc: Doc, j: int) -> bool:
        """'CBV Collection Services and Ruwad Health Services': a plural head that makes a name of its own (a word no
        dictionary knows or an acronym before it, no complement) and the same head ending the next name: two names,
        not one list of services ('Department of Health and Human Services')."""
        start = j - 1
        while start > 0 and self._is_cap(doc[start - 1]):
            start -= 1
        own = doc[start:j - 1]
        if not own or not any(is_acronym(t.text) or not is_known_word(t.text) for t in own):
            return False
        ahead = doc[j + 1:j + 7]
        return any(t.text == doc[j - 1].text for t in ahead) and all(
            self._is_cap(t) for t in ahead[:next(i for i, t in enumerate(ahead) if t.text == doc[j - 1].text)])

    def _head_ahead(self, doc: Doc, i: int) -> bool:
        """A capitalised run from i (through 'of', 'for' ...) reaches a head word: a second name follows."""
        for token in doc[i:i + 6]:
            if token.text in self.heads:
                return True
            if not (self._is_cap(token) or (token.text in self.connectors and token.text not in ("and", "&"))):
                return False
        return False

    def _comma_inside(self, doc: Doc, start: int, comma: int) -> bool:
        """A comma inside one name: 'Ministry of Digital Development, Innovation and Aerospace Industry', 'State
        Agency on Youth Affairs, Physical Culture and Sports' ('Head of/for/on A, B and C'); 'Science, Industrial
        Development and Innovation Agency' (subjects in common words listed before the head)."""
        while start < comma and doc[start].text in self.leading_stop:
            start += 1  # "The Ministry of ..." at a sentence start
        if comma + 1 < len(doc) and is_place(doc[comma + 1].text):
            return False  # "Ministry of Lands, Kenya and ...": the place the ministry belongs to ends the name
        head = next((i for i in range(start, min(comma - 1, start + MAX_MODIFIERS_BEFORE_HEAD + 1))
                     if doc[i].text in self.heads and doc[i + 1].text in ("of", "for", "on")), None)
        if head is None or comma - head < 3:
            return self._subjects_before_head(doc, start, comma)
        if doc[head + 1].text == "on" and self._serial_subjects(doc, comma):
            return True  # "Subcommittee on Agriculture, Rural Development, Food and Drug Administration, and Related
            # Agencies": a committee's subjects may be bodies; its serial list runs to the ", and" item
        closing = self._list_goes_on(doc, comma)
        if closing is None or self._acronym_item(doc, comma + 1, closing + 1):
            return False
        for token in doc[closing + 1: closing + 5]:
            if not self._is_cap(token):
                break
            if self._head_type(token) is not None:
                return False  # "Office of Analysis and Evaluation, Food and Consumer Service": a list of names
        return True

    def _acronym_item(self, doc: Doc, first: int, last: int) -> bool:
        """An all-capitals word standing alone as an item between first and last ('Ministry of Water, NWRA and
        UNDP'): a list of names, since subjects are told in words ('Ministry of Information, Communications and
        Technology')."""
        for token in doc[first:last + 1]:
            ends = token.i + 1 == len(doc) or not self._is_cap(doc[token.i + 1])
            if doc[token.i - 1].text in (",", "and") and ends and token.text.isupper() and is_acronym(token.text) \
                    and token.text not in self.not_org_acronyms:
                return True
        return False

    def _serial_subjects(self, doc: Doc, comma: int) -> bool:
        """From the comma, capitalised items reach a closing ', and <Item>' whose item is no organisation ('Related
        Agencies'; not 'Asian Development Bank'), and no item opens a name of its own ('Ministry of ...')."""
        for k in range(comma + 1, min(len(doc) - 1, comma + 1 + MAX_SERIAL_TOKENS)):
            token = doc[k]
            if self._head_type(token) is not None and doc[k + 1].text in ("of", "for", "on"):
                return False
            if token.text == "and" and doc[k - 1].text == ",":
                item = []
                for following in doc[k + 1 + (doc[k + 1].text == "the"):]:
                    if not self._is_cap(following) or (self._head_type(following) is not None
                                                       and following.i + 1 < len(doc)
                                                       and doc[following.i + 1].text in ("of", "for", "on")):
                        break  # "... and Related Agencies Committee on Appropriations": the next name
                    item.append(following)
                if self._acronym_item(doc, comma + 1, k + len(item)):
                    return False
                known = {i for span in doc.spans.get("org_gazetteer", []) for i in range(span.start, span.end)}
                return bool(item) and all(self._head_type(t) is None and t.i not in known for t in item)
            if not (self._is_cap(token) or token.text == ","
                    or (token.text in ("and", "&") and self._is_cap(doc[k + 1]))):
                return False
        return False

    def _list_goes_on(self, doc: Doc, comma: int) -> int | None:
        """The 'and' that closes a list of capitalised items going on after a comma, if one does (and a capitalised
        item follows it: 'Postal Service, and the District of Columbia' ends a name before 'and the')."""
        for token in doc[comma + 1: comma + 8]:
            if token.text == "and":
                return token.i if token.i + 1 < len(doc) and self._is_cap(doc[token.i + 1]) else None
            if not self._is_cap(token) and token.text != ",":
                return None
        return None

    def _subjects_before_head(self, doc: Doc, start: int, comma: int) -> bool:
        """'Science, Industrial Development and Innovation Agency': common words, a comma, more capitalised words
        closed by 'and', then a head word: one name (names, places and acronyms before the comma are a list of
        names: 'UNDP, UNICEF and World Bank')."""
        before = doc[start:comma]
        if start > 0 and doc[start - 1].text in ("and", "&", ",", "of", "for", "on"):
            return False  # "Office of Analysis and Evaluation, Food and Consumer Service": the end of another name
        if not 0 < len(before) <= MAX_MODIFIERS_BEFORE_HEAD or any(
                not self._is_cap(t) or is_acronym(t.text) or not is_known_word(t.text) or is_place(t.text)
                or self._head_type(t) is not None for t in before):
            return False
        closing = self._list_goes_on(doc, comma)
        if closing is None:
            return False
        for token in doc[closing + 1: closing + 5]:
            if not self._is_cap(token):
                return False
            if self._head_type(token) is not None and token.text not in self.weak_heads:
                return True
        return False

    def _subject_list_end(self, doc: Doc, head: int, end: int) -> int | None:
        """Where a comma list of subjects in the complement of the head ends ('Committee on Agriculture, Nutrition,
        and Forestry'), or None when the head has no such list: its items may hold head words of their own."""
        if head + 2 >= end or doc[head + 1].text not in ("of", "for", "on"):
            return None
        comma = next((i for i in range(head + 2, end) if doc[i].text == ","), None)
        if comma is None or (self._list_goes_on(doc, comma) is None
                             and not (doc[head + 1].text == "on" and self._serial_subjects(doc, comma))):
            return None
        closing = max((i for i in range(comma, end) if doc[i].text == "and"), default=None)
        if closing is None or any(doc[i].text == "," for i in range(closing, end)):
            return None  # the list goes on past the name: "Subcommittee on Federal Workforce, Postal Service, and the"
        return end if all(self._is_cap(t) or t.text in self.connectors for t in doc[closing + 1:end]) else None

    def _list_closed(self, doc: Doc, start: int, i: int) -> bool:
        """The run from start has passed the 'and' closing its list of subjects before token i."""
        last_comma = max((k for k in range(start, i) if doc[k].text == ","), default=None)
        return last_comma is not None and any(doc[k].text == "and" for k in range(last_comma, i))

    def _named_span(self, doc: Doc, start: int, end: int) -> Span | None:
        start = self._after_role(doc, start, end)
        declared = None
        if end - start > 2 and is_acronym(doc[start].text) and doc[start + 1].text in _DASHES:
            declared, start = doc[start].text, start + 2  # "IRIM – Independent Research Institute of Mongolia"
        elif end - start > 2 and doc[start].text.isupper() and is_acronym(doc[start].text) \
                and spells_from_first(doc[start].text, [t.text for t in doc[start + 1:end]]):
            declared, start = doc[start].text, start + 1  # "CDC Centers for Disease Control": a glossary line
        while start < end and ((doc[start].text in self.leading_stop
                                and (doc[start].lower_ == "the" or not is_place(doc[start:start + 2].text)))
                               or doc[start].text in self.connectors or doc[start].text == ","
                               or self._is_numeral(doc, start, end)):
            start += 1  # "The", "New" as a word of the sentence, not of "New York State Department of Health"
        while end > start and (doc[end - 1].text in self.connectors or doc[end - 1].text == ","):
            end -= 1
        end = start + self._repeated(doc[start:end])
        if declared is None and end - start > 3 and doc[end - 2].text in _DASHES and doc[end - 1].text.isupper() \
                and is_acronym(doc[end - 1].text):
            declared, end = doc[end - 1].text, end - 2  # "Association of Local Authorities of Tanzania – ALAT"
        # "Review of the Core Support for The Eurasia Partnership": a capitalised "The" after a connector starts a name
        start = next((i + 1 for i in range(end - 2, start, -1) if doc[i].text == "The"
                      and doc[i - 1].text in self.connectors and not any(self._head_type(t) for t in doc[start:i])
                      and any(self._head_type(t) for t in doc[i + 1:end])), start)  # not "Friends of The Earth"
        if end <= start:
            return None
        heads = self._heads(doc, start, end)
        if not heads:
            return None
        start = self._after_sentence_opener(doc, start, heads[0])
        # "Interviewees in the Ministry of X": a phrase before "in the" / "at the" is not part of the name after it.
        start = next((i + 2 for i in range(heads[0] - 2, start - 1, -1)
                      if doc[i].lower_ in ("in", "at", "on", "with", "before", "to", "by", "from")
                      and doc[i + 1].lower_ == "the"), start)  # title case: "Testimony Before the Subcommittee on"
        if start + 2 < heads[-1] + 1 and doc[start + 1].text in ("'s", "’s") and (
                self._head_type(doc[start]) is not None or doc[start].text in self.owner_nouns):
            start += 2  # "the Mission's Office of Acquisition and Assistance": the owner is said, not named
        # "CEO of North America for Dollar Financial Group": a region of the organisation is not part of its name.
        start = next((i + 1 for i in range(start + 1, heads[0]) if doc[i].text == "for"
                      and is_place(doc[start:i].text)), start)
        if self._subject_list_end(doc, heads[0], end) == end:
            heads = heads[:1]  # "Subcommittee on Agriculture, ..., Food and Drug Administration, and Related Agencies"
        last = heads[-1]
        if doc[last].text in self.weak_heads and last + 1 < end and self._is_cap(doc[last + 1]) \
                and doc[last + 1].text not in self.trailing_designators:
            return None  # "Extractive Industries Transparency Initiative": a plural head inside a longer title
        designated = last + 2 == end and doc[last + 1].text in self.trailing_designators
        own_head = not any(doc[i].text in ("of", "for", "on") for i in range(heads[0], last))
        # "Committee on Oversight and Government Reform": a head word inside the last subject of a complement.
        subject = not own_head and end == last + 2 and doc[last - 1].text == "and" and self._is_cap(doc[last + 1])
        # After the last head keep only a complement ("of X", "for X"); "X Foundation in Kyrgyzstan" ends at the head.
        if last + 1 < end and not designated and not subject \
                and doc[last + 1].text not in ("of", "for", "on", "de", "du", "des", "für"):
            if own_head and (any(t.text in self.programme_finals for t in doc[last + 1:end])
                             or doc[end - 1].text in self.concept_finals or doc[last + 1].text in self.concept_finals):
                return None  # "Smart Government Project", "Land Administration Systems": a programme or a system
            end = last + 1
        end = self._complement_end(doc, last, end)
        heads = [i for i in heads if i < end]
        start = self._after_owner_phrase(doc, start, heads)
        if self._subject_studied(doc, start):
            return None  # "a bachelor's degree in Hotel Administration": a subject, not a body
        subject = subject or (doc[end - 2].text in ("and", ",") and any(
            doc[i].text in ("of", "for", "on") for i in range(heads[0], end - 2)))  # "Centre for Policies and Reforms"
        field_from = next((i for i in range(heads[0], end) if doc[i].text in ("of", "for", "on")), end)
        if (doc[end - 1].text in self.non_org and not subject and not self._field(doc, end - 1, field_from)) or any(
                doc[i].text in self.non_org and doc[i + 1].text.lower() in ("on", "of", "for")
                and not (i > heads[0] and doc[i - 1].text in ("and", ",", "&"))  # "Political Science and Law of"
                and not self._field(doc, i, field_from) for i in range(start, end - 1)):
            return None  # "Law on X", "Transparency Index for Government": a document or product, not a body
        lowered = doc[start:end].text.lower()
        if lowered in self.non_org_names:
            return None
        prefix = max((n for n in self.non_org_names if lowered.startswith(n + " ")), key=len, default=None)
        if prefix is not None:  # "Board of Directors of Acme Corp.", "the Board of CBV Services": the company
            start += len(prefix.split())
            while start < end and doc[start].lower_ in ("of", "the"):
                start += 1
            heads = [i for i in heads if i >= start]
            if not heads:
                return None
            start = self._after_owner_phrase(doc, start, heads)  # "Board Member of the University of X"
        if end - start > 2 and doc[end - 2].text in _DASHES and doc[end - 3].whitespace_ and end - 1 in heads:
            end -= 2  # "Republic of Tajikistan – Board decision": a head word after a spaced dash is not the name's
            heads = [i for i in heads if i < end]
            if not heads:
                return None
        if self._described(doc, start, end, heads):
            return None  # "a Delaware corporation", "established a first Resource Center in ...": a kind, not a name
        if self._in_quoted_title(doc, start, end):
            return None  # '“The Association of Formula Samples Given at Hospital Discharge ...”': a cited title
        names = [t for t in doc[start:end] if self._is_cap(t) and t.text not in self.connectors]
        complement = next((i for i in range(heads[0], end) if doc[i].text in ("of", "for")), end)
        # "Department of State": inside the complement even a generic word names the organisation.
        proper = [t for t in names if self._head_type(t) is None and (t.text not in self.generic or t.i > complement)]
        if not proper and not self._scoped_name(doc, start, heads[0]):
            return None  # "Civil Society", "National Bank", "Government": generic without a proper name
        quoted_end = self._quoted_name_end(doc, end)
        org_type = self._span_type(doc, start, end, heads)
        start = self._quoted_name_start(doc, start)
        if (end < len(doc) and doc[end].text in self.ngo_designators) or self.cues.get(doc[start].text) == "cso":
            org_type = "cso"  # "Equity Lab NGO", "PA Bureau of X": the printed legal form says what the head does not
        span = Span(doc, start, quoted_end or end, label="ORG")
        span._.org_type = org_type
        span._.rule = "org_head_shape"
        span._.acronym = declared
        return span

    def _field(self, doc: Doc, i: int, complement: int) -> bool:
        """'Center for Not-for-Profit Law', 'Committee on the Rights of the Child': a field the body works in."""
        return doc[i].text in self.field_finals and i > complement

    def _after_sentence_opener(self, doc: Doc, start: int, head: int) -> int:
        """'Later the Ministry of Finance', 'Subsequently, the Agency': a capitalised word opening the sentence
        before a lower-case 'the' is a word of the sentence (an adverb), not of the name after 'the'; a name's own
        'the' follows a connector ('Friends of the Earth')."""
        the = next((i for i in range(start + 1, head) if doc[i].text == "the"), None)
        if the is None or the != start + 1 or not doc[start].is_sent_start or doc[start].text in self.heads \
                or not is_known_word(doc[start].text) or is_acronym(doc[start].text):
            return start
        return the + 1

    def _scoped_name(self, doc: Doc, start: int, head: int) -> bool:
        """'the National Audit Office', 'the Federal Reserve Board': after 'the', a scope word and at least one more
        capitalised modifier before a singular head name one body, though each word is generic ('the National Bank'
        is not: one modifier; nor 'the National Civil Society Council': a generic phrase inside)."""
        modifiers = doc[start:head]
        return start > 0 and doc[start - 1].lower_ == "the" and len(modifiers) >= MIN_SCOPED_MODIFIERS \
            and modifiers[0].text in self.scope_words and doc[head].text not in self.weak_heads \
            and all(self._is_cap(t) and t.text.isalpha() for t in modifiers) \
            and not any(t.text in self.not_heads_after.get(n.text, ()) for t, n in zip(modifiers, modifiers[1:]))

    def _subject_studied(self, doc: Doc, start: int) -> bool:
        """The name follows 'degree/diploma/studies in': a field of study named like a body."""
        return start > 1 and doc[start - 1].lower_ == "in" and (
            doc[start - 2].lower_ in self.study_words or (start > 2 and doc[start - 2].text in ("'s", "’s")
                                                           and doc[start - 3].lower_ in self.study_words))

    def _described(self, doc: Doc, start: int, end: int, heads: list[int]) -> bool:
        """After 'a'/'an' (and a lower-case word: 'a first', 'a new') a name that is not itself the modifier of a
        noun after it describes a kind of organisation ('a Delaware corporation'); 'a World Bank report' and 'a
        Ministry of Health working group' still name one."""
        article = start - 1 if start > 0 and doc[start - 1].lower_ in ("a", "an") else start - 2 \
            if start > 1 and doc[start - 2].lower_ in ("a", "an") and doc[start - 1].is_lower \
            and doc[start - 1].is_alpha else None
        if article is None or end - 1 not in heads:
            return False
        after = doc[end] if end < len(doc) else None
        return after is None or not (after.is_alpha and after.is_lower) or after.text in self.connectors \
            or after.text in ("that", "which", "who", "to", "is", "was", "has", "had", "will")

    def _in_quoted_title(self, doc: Doc, start: int, end: int) -> bool:
        """The name opens a quotation (after an opening quote and perhaps 'The') that goes on past it: a title."""
        opening = start - 1 if start > 0 and doc[start - 1].text in _DOUBLE_QUOTES_OPEN else start - 2 \
            if start > 1 and doc[start - 1].lower_ == "the" and doc[start - 2].text in _DOUBLE_QUOTES_OPEN else None
        if opening is None or end >= len(doc) or doc[end].text in _QUOTES_CLOSE or doc[end].text in ",.":
            return False
        return doc[end].is_lower or self._is_cap(doc[end])

    def _quoted_name_start(self, doc: Doc, start: int) -> int:
        """'“Mahalla” Charity Public Fund of Uzbekistan': a quoted name opening the sentence or item before a name
        is part of it."""
        if start < 3 or doc[start - 1].text not in _QUOTES_CLOSE:
            return start
        opening = next((k for k in range(start - 3, max(-1, start - 3 - MAX_QUOTED_WORDS), -1)
                        if doc[k].text in _DOUBLE_QUOTES_OPEN), None)
        if opening is None or not self._is_cap(doc[opening + 1]) or any(
                t.text in _QUOTES_CLOSE or t.text in ".;:()" for t in doc[opening + 1:start - 1]):
            return start
        return opening if opening == 0 or doc[opening].is_sent_start or doc[opening - 1].lower_ == "the" else start

    def _quoted_name_end(self, doc: Doc, end: int) -> int | None:
        """'Coalition of Civil Society "Transparency for Development"', "Business Women's Association “Tadbirkor
        ayol”": where a quoted name printed right after a name ends (a quoted acronym stays the declared acronym:
        'Association of Parents "IRODA"'); not a quoted title of a programme or document after it."""
        if end + 2 >= len(doc) or doc[end].text not in _DOUBLE_QUOTES_OPEN or not self._is_cap(doc[end + 1]):
            return None
        for k in range(end + 2, min(len(doc), end + 2 + MAX_QUOTED_WORDS)):
            token = doc[k]
            if token.text in _QUOTES_CLOSE:
                inner = doc[end + 1:k]
                if len(inner) == 1 and is_acronym(inner[0].text):
                    return None
                if any(t.text in self.non_org for t in inner) or (
                        k + 1 < len(doc) and doc[k + 1].text.capitalize() in self.programme_finals | self.non_org):
                    return None  # '"Doing Business" report', '“Law on NGOs”'
                return k + 1
            if token.text in (".", ";", ":", "(", ")", ",") or token.text in _DOUBLE_QUOTES_OPEN:
                return None
        return None

    @staticmethod
    def _repeated(span: Span) -> int:
        """The length of one copy of a name printed several times in a row ('CME Group CME Group CME Group', the
        cells of a table header read as one line), else the span's length."""
        words = [t.text for t in span]
        for size in range(1, len(words) // 2 + 1):
            if len(words) % size == 0 and words == words[:size] * (len(words) // size):
                return size
        return len(words)

    def _is_numeral(self, doc: Doc, i: int, end: int) -> bool:
        """'No 693-IV The Public Association Fund': a Roman list or law numeral before a capitalised word."""
        return i + 1 < end and _ROMAN_NUMERAL.match(doc[i].text) is not None and self._is_cap(doc[i + 1])

    def _heads(self, doc: Doc, start: int, end: int) -> list[int]:
        """Head words of doc[start:end]; a weak (plural) head counts before its complement ('Centers for Disease
        Control'), inside another head's complement or after a word no dictionary knows ('CBV Collection Services'),
        not after common words only ('Products and Services')."""
        heads: list[int] = []
        for i in range(start, end):
            if self._head_type(doc[i]) is None:
                continue
            if any(doc[k:i + 1].text.lower() in self.non_org_names for k in range(max(start, i - 4), i)):
                continue  # "Central Bank of the Russian Federation": a head word ending a place's name
            if doc[i].text in self.weak_heads and not heads and not (
                    i + 1 < end and doc[i + 1].text in ("of", "for")) and not any(
                    self._is_cap(t) and (is_acronym(t.text) or not is_known_word(t.text)) for t in doc[start:i]):
                continue
            heads.append(i)
        return heads

    def _complement_end(self, doc: Doc, last: int, end: int) -> int:
        """Where the complement after the last head ends: before a determiner ('Authority for This Rulemaking'), before
        a second 'and' ('Centre for Science and Environment and Toxics Link'), before 'and' followed by two or more
        words no dictionary knows ('Society of Kenya and Wajir Pastoralist Twaweza') or by an acronym standing alone
        ('Ministry of Health and KRCS'): a second name joined to the first."""
        ands = 0
        for i in range(last + 1, end):
            if doc[i].text in self.determiners:
                return i - 1 if doc[i - 1].text in self.connectors else i  # "Authority for This Rulemaking"
            if doc[i].text == ",":
                ands = 0
            if doc[i].text not in ("and", "&"):
                continue
            ands += 1
            unknown = 0
            for token in doc[i + 1:end]:
                if not self._is_cap(token):
                    break
                unknown += not is_known_word(token.text) and not is_acronym(token.text)
            if ands > 1 or unknown >= 2 or self._acronym_item(doc, i + 1, i + 1):
                return i  # "Ministry of Health and KRCS": subjects are told in words, an acronym is a second name
        return end

    def _after_owner_phrase(self, doc: Doc, start: int, heads: list[int]) -> int:
        """'Consent of Moss Adams LLP', 'Business of Betson Enterprises': capitalised words joined by 'of' to a name
        whose heads all come after it are not part of that name ('for' often is: 'Innovation for Change Hub')."""
        link = next((i for i in range(heads[0] - 1, start, -1) if doc[i].text == "of"), None)
        if link is None or doc[link - 1].text[:-1] in self.heads:
            return start  # "Associations of Journalists Media-Alliance": a plural head word describes the name
        start = link + 1
        return start + 1 if start < heads[0] and doc[start].text.lower() == "the" else start

    def _after_role(self, doc: Doc, start: int, end: int) -> int:
        """'Emil N. – Executive Director of the Social Innovations Laboratory': the name starts after the role."""
        for i in range(end - 2, start - 1, -1):
            if doc[i].text.lower() in self.roles and doc[i + 1].text.lower() in ("of", "at"):
                return i + 2
        return start

    def _head_type(self, token: Token) -> str | None:
        text = token.text
        doc, i = token.doc, token.i
        if i + 1 < len(doc) and doc[i + 1].text in _DASHES and not token.whitespace_:
            return None  # "Post-Soviet": part of a hyphenated word
        if i > 0 and doc[i - 1].text in self.not_heads_after.get(text.capitalize(), ()):
            return None  # "civil society", "private sector": generic phrases
        if text in self.heads:
            return self.heads[text]
        if text.islower() and text in self.lower_heads:
            return self.lower_heads[text]
        return None

    def _span_type(self, doc: Doc, start: int, end: int, heads: list[int]) -> str:
        """The type of the deciding head (a final head naming something of its own, 'University of Nevada
        Foundation', else the first: 'National Council of Public Trust'), unless a type rule says otherwise; a name
        without a head word takes its type from a rule that needs none ('UN Country Team') or is 'other'."""
        if not heads:
            name = doc[start:end].text
            return next((t for pattern, rule_heads, t in self.type_rules if not rule_heads and pattern.search(name)),
                        "other")
        index = heads[0]
        if heads[-1] == end - 1:
            link = next((i for i in range(heads[-1] - 1, heads[0], -1) if doc[i].text in ("of", "for", "on")), None)
            own = doc[link + 1:heads[-1]] if link is not None else doc[heads[0]:heads[-1]]
            named_first = link is not None and any(self._is_cap(t) and t.text not in self.generic
                                                   and t.text not in self.leading_stop for t in doc[start:heads[0]])
            if (link is None or (doc[heads[-1]].text not in self.weak_heads and any(
                    self._is_cap(t) and t.text not in self.generic and self._head_type(t) is None for t in own))) \
                    and not named_first:  # "Department of Health and Human Services": a plural head is a subject
                index = heads[-1]  # "University of Nevada Foundation"; not "Friends Association of Tel-Aviv University"
        head = doc[index].text
        name = doc[start:end].text
        for pattern, rule_heads, org_type in self.type_rules:
            if (not rule_heads or head in rule_heads or head.capitalize() in rule_heads) and pattern.search(name):
                return org_type
        return self._head_type(doc[index]) or "other"

    # -- acronym definitions ------------------------------------------------------------------------------
    def _acronym_definitions(self, doc: Doc) -> list[Span]:
        spans = []
        for open_i, token in enumerate(doc):
            if token.text != "(":
                continue
            close_i = next((k for k in range(open_i + 1, min(open_i + 4, len(doc))) if doc[k].text == ")"), None)
            if close_i is None or close_i == open_i + 1:
                continue
            short = " ".join(t.text for t in doc[open_i + 1: close_i])
            if not all(is_acronym(t.text) or t.text.isupper() for t in doc[open_i + 1: close_i]) or \
                    not is_acronym(doc[open_i + 1].text):
                continue
            sentence_start = token.sent.start
            window = max(sentence_start, open_i - min(len(short) + 5, 2 * len(short)))
            words = [t.text for t in doc[window:open_i]]
            offset = schwartz_hearst(short, words)
            if offset is None:
                continue
            start = window + offset
            clause = max((k + 1 for k in range(start, open_i - 1) if doc[k].text == ","
                          and doc[k + 1].is_lower and doc[k + 1].text not in _SERIAL_JOINERS), default=None)
            if clause is not None:  # "Office of UNDP, with support from the United Nations Population Fund (UNFPA)":
                offset = schwartz_hearst(short, [t.text for t in doc[clause:open_i]])  # no name runs over a clause
                if offset is None:
                    continue
                start = clause + offset
            while start < open_i and doc[start].text in self.leading_stop and \
                    schwartz_hearst(short, [t.text for t in doc[start + 1:open_i]]) == 0:
                start += 1  # "The Ministry (TM)" loses "The"; "Local Development Fund (LDF)" keeps "Local"
            start = self._owning_head(doc, start)
            if start > sentence_start and doc[start - 1].text in self.generic and doc[start - 1].text not in \
                    self.leading_stop and self._head_type(doc[start]) is not None:
                start -= 1  # "National Institute for Disaster Risk Management (INGD)": an acronym of another language
            long_tokens = doc[start:open_i]
            if len(long_tokens) < 2 or not self._is_cap(long_tokens[0]):
                continue
            content = [t for t in long_tokens if t.text.lower() not in self.connectors and t.is_alpha]
            if sum(1 for t in content if t.text[:1].isupper()) < 0.6 * len(content):
                continue  # "civil society organizations (CSOs)": a generic noun, not a name
            if long_tokens[-1].text in self.non_org or long_tokens[0].text in self.non_org:
                continue
            if close_i + 1 < len(doc) and doc[close_i + 1].text.capitalize() in self.programme_finals \
                    and not self._heads(doc, start, open_i) and all(is_known_word(t.text) for t in content):
                continue  # "Building Resilient Infrastructure and Communities (BRIC) program": a programme's name
                # told in common words ("the Femmes Africa Solidarité (FAS) programme" is an organisation's)
            if self._inside_larger_name(doc, start):
                continue  # "Nutrition Program for Women, Infants and Children (WIC)": the whole is a programme
            heads = self._heads(doc, start, open_i)
            if long_tokens[-1].text in self.concept_finals and (not heads or heads[-1] < open_i - 1):
                continue  # "Pay For Performance (PFP)", "Employment Service System (ESS)": a concept or system
            if not heads and any(not t.text[:1].isupper() for t in content):
                continue  # "Mellanöstern och Nordafrika (MENA)": a name without a head is capitalised throughout
            span = Span(doc, start, open_i, label="ORG")
            span._.org_type = self._span_type(doc, start, open_i, heads)
            span._.acronym = short
            span._.rule = "acronym_definition"
            spans.append(span)
        return spans

    def _owning_head(self, doc: Doc, start: int) -> int:
        """'Bureau of Population, Refugees, and Migration (PRM)': the acronym spells only the complement; the
        head word before 'of'/'for' belongs to the name."""
        i = start - 1
        if i >= 0 and doc[i].text == "the":
            i -= 1
        if i >= 1 and doc[i].text in ("of", "for") and self._head_type(doc[i - 1]) is not None \
                and doc[i - 1].text[:1].isupper():
            return i - 1
        return start

    def _inside_larger_name(self, doc: Doc, start: int) -> bool:
        """The aligned long form continues a capitalised name before it through 'for'/'of' whose head is a
        document or programme word."""
        i = start - 1
        if i < 1 or doc[i].text not in ("for", "of", "on") or not self._is_cap(doc[i - 1]):
            return False
        return doc[i - 1].text in self.non_org

    def _adjacent_acronym(self, doc: Doc, span: Span) -> str | None:
        """'Long Name – ACR', 'Long Name, ACR', 'Long Name “ACR”', 'ACR – Long Name'."""
        after = doc[span.end: span.end + 4]
        if len(after) >= 3 and after[0].text == "(" and is_acronym(after[1].text) and after[2].text == ")":
            return after[1].text  # "Name (ARGO)": a brand that does not spell the name's initials
        if len(after) >= 2 and after[0].text in (*_DASHES, ",") and is_acronym(after[1].text) and \
                (len(after) == 2 or not self._is_cap(after[2])):
            # After a dash any acronym or brand ("– ARGO"); after a comma only an initialism of the name,
            # since "University of X, USA" and lists of names also put capitals after a comma.
            if after[0].text != "," or schwartz_hearst(after[1].text, [t.text for t in span]) is not None:
                return after[1].text
        if len(after) >= 3 and after[0].text in _QUOTES_OPEN and is_acronym(after[1].text) and \
                after[2].text in _QUOTES_CLOSE:
            return after[1].text
        before = doc[max(0, span.start - 2): span.start]
        if len(before) == 2 and before[1].text in _DASHES and is_acronym(before[0].text):
            return before[0].text
        return None

    # -- names with a lower-case complement ------------------------------------------------------------------
    def _lowercase_complements(self, doc: Doc) -> list[Span]:
        """'the Institute of legislative issues and parliamentary studies.': a singular head after 'the' whose
        'of'/'for' complement is lower-case subjects joined by one 'and' and ends the clause; not an ordinary phrase
        ('the Ministry of finance officials said', 'the Department of health and education officials.')."""
        spans = []
        for i in range(1, len(doc) - 3):
            head = doc[i]
            if doc[i - 1].lower_ != "the" or head.text not in self.heads or head.text in self.weak_heads \
                    or head.text in self.needs_name or doc[i + 1].text not in ("of", "for"):
                continue
            end = i + 2
            while end < len(doc) and end - i - 2 < MAX_LOWERCASE_COMPLEMENT and doc[end].is_lower \
                    and doc[end].is_alpha and not doc[end].is_sent_start:
                end += 1
            words = [t.lower_ for t in doc[i + 2:end]]
            if end >= len(doc) or doc[end].text not in (".", ";", "(") or words.count("and") != 1 \
                    or words[0] == "and" or words[-1] == "and" or words[-1] in self.people_nouns | self.roles \
                    or any(w != "and" and (w in self.connectors or not is_known_word(w)) for w in words):
                continue
            span = Span(doc, i, end, label="ORG")
            span._.org_type = self._head_type(head) or "other"
            span._.rule = "org_head_shape"
            spans.append(span)
        return spans

    # -- offices of a known organisation ---------------------------------------------------------------------
    def _offices(self, doc: Doc) -> list[Span]:
        """'USAID/Kenya', 'UNDP/Nepal': a known organisation's office in a place, written with a slash."""
        spans = []
        for known in doc.spans.get("org_gazetteer_acronyms", []):
            i = known.end
            if i + 1 < len(doc) and doc[i].text == "/" and not doc[i - 1].whitespace_ and not doc[i].whitespace_ \
                    and is_place(doc[i + 1].text):
                span = Span(doc, known.start, i + 2, label="ORG")
                span._.org_type = known.label_
                span._.rule = "org_office"
                spans.append(span)
        return spans

    # -- names after a type cue -----------------------------------------------------------------------------
    def _cued_names(self, doc: Doc) -> list[Span]:
        spans = []
        texts = [t.text for t in doc]
        after_cue = 0
        for i in range(len(doc)):
            if i < after_cue:
                continue  # "CSO Enterprise": the second word of a longer cue is not a cue of its own
            for width in range(self.max_cue_words, 0, -1):
                cue = " ".join(texts[i: i + width])
                if cue not in self.cues or i + width >= len(doc):
                    continue
                after_cue = i + width
                before = next((doc[k] for k in range(i - 1, -1, -1) if not doc[k].is_space), None)
                if before is not None and self._is_cap(before) and not before.is_sent_start:
                    break  # "Asia Foundation Mongolia", "The Boeing⏎Company Airplanes": the cue word ends a name
                span = self._name_after(doc, i + width)
                if span is not None and not cue.isupper() and doc[i + width].text not in _QUOTES_OPEN and all(
                        is_known_word(t.text) and not is_acronym(t.text) for t in span):
                    break  # "Company Airplanes": after a word cue only a quoted or coined name ('Foundation Fidokor')
                if span is not None and self._plausible_name(span):
                    span._.org_type = self.cues[cue]
                    span._.rule = "cue_name"
                    spans.append(span)
                break
            else:
                span = self._quoted_after_head(doc, i)
                if span is not None:
                    spans.append(span)
        return spans

    def _quoted_after_head(self, doc: Doc, i: int) -> Span | None:
        """'the Educational Center “Bright Minds”', 'Republican Association “Veterans of Labour,”': a quoted name
        right after a head word is the organisation's own name, whatever words describe its kind before it."""
        org_type = self._head_type(doc[i])
        if org_type is None or i + 2 >= len(doc) or doc[i + 1].text not in _DOUBLE_QUOTES_OPEN or doc[i].whitespace_ == "":
            return None
        span = self._name_after(doc, i + 1)
        if span is None or not self._plausible_name(span):
            return None
        after = span.end + 1 + (doc[span.end].text in ",.")
        if after < len(doc) and doc[after].text.capitalize() in self.programme_finals | self.non_org:
            return None  # 'the Agency “Open Data” project': a programme of the agency
        span._.org_type = org_type
        span._.rule = "cue_name"
        return span

    def _plausible_name(self, span: Span) -> bool:
        """Not 'Law', 'Activities', 'Growth Programme', 'Soviet Union'; not only generic or head words ('Center',
        'CSOs', 'Non-Governmental Organization')."""
        if any(t.text in self.non_org for t in span) or span.text.lower() in self.non_org_names:
            return False
        if len(span) > 1 and span[-2].text in self.not_heads_after.get(span[-1].text, ()):
            return False  # 'the CSO Web Academy', a learning tool: a product named like a body
        return not all(self._generic_word(t.text) for t in span if any(c.isalpha() for c in t.text))

    def _generic_word(self, word: str) -> bool:
        singular = word[:-1] if word.endswith("s") else word
        return word in self.generic or word in self.heads or singular in self.generic or singular in self.heads

    # -- names after a role or a lower-case type noun ---------------------------------------------------------
    def _role_names(self, doc: Doc) -> list[Span]:
        """'co-owner of Makers', 'deputy director of PRSO', 'the IT company Makers'."""
        spans = []
        texts = [t.text for t in doc]
        for i in range(len(doc) - 2):
            word = texts[i].lower()
            if word in self.roles and texts[i + 1].lower() in ("of", "at"):
                start = i + 2 + (texts[i + 2].lower() == "the")
                org_type = "private" if word in self.company_roles else "other"
                any_name = word in self.company_roles or (
                    i > 0 and f"{texts[i - 1].lower()} {word}" in self.leading_roles)
            elif texts[i] in self.appositive_cues and texts[i].islower() or texts[i] == "NGO":
                start = i + 1 + (texts[i + 1] == ",")
                org_type, any_name = self.appositive_cues.get(texts[i], "cso"), True
            else:
                continue
            if start >= len(doc) or not self._is_cap(doc[start]) or doc[start].text in self.leading_stop:
                continue
            span = self._name_after(doc, start)
            if span is None or not self._plausible_name(span):
                continue
            if self._head_type(span[-1]) is not None:
                continue  # "Director of the Soros Foundation": the shape rule has it, with its type
            # After other roles only a name no one would take for a place or a common word: an acronym ("PRSO")
            # or a brand written in camel case ("MoveGreen").
            coined = len(span) == 1 and ((is_acronym(span[0].text) and span[0].text.isupper())
                                         or re.search(r"[a-z][A-Z]", span[0].text) is not None)
            if not any_name and not coined:
                continue  # "director of Finance", "President of Kazakhstan": not known to be an organisation
            if all(t.text in self.generic for t in span) or is_place(span.text):
                continue  # "As a part of this movement, Uzbekistan is committed": a place is no organisation
            span._.org_type = org_type
            span._.rule = "cue_name"
            spans.append(span)
        return spans

    def _classified_names(self, doc: Doc) -> list[Span]:
        """'Blue Dunes is a national tourist agency', 'Sunrise Traders was a private company': a name the sentence
        says is an organisation of some kind."""
        spans = []
        for i in range(1, len(doc) - 2):
            if doc[i].lower_ not in ("is", "was") or doc[i + 1].lower_ not in ("a", "an"):
                continue
            k = i + 2
            while k < min(len(doc), i + 7) and doc[k].text not in self.appositive_cues and (
                    (doc[k].is_lower and not doc[k].is_stop) or doc[k].text == "-"):
                k += 1
            if k >= len(doc) or doc[k].text not in self.appositive_cues or (
                    k + 1 < len(doc) and doc[k + 1].lower_ in ("of", "for")):
                continue  # "X is a member of the association": a role, not a kind
            start = i
            while start > 0 and i - start < 6 and not doc[start].is_sent_start and (
                    self._is_cap(doc[start - 1]) or (doc[start - 1].text in self.connectors and start - 1 > 0
                                                     and self._is_cap(doc[start - 2]))):
                start -= 1
            while start < i and (doc[start].text in self.leading_stop or doc[start].text in self.connectors or (
                    start + 1 < i and (self._generic_word(doc[start].text) or doc[start].text in self.cues))):
                start += 1  # "Case study: Social Enterprise Ger Lab is a ...": the kind printed before the name
            if start == i:
                continue
            span = Span(doc, start, i, label="ORG")
            if not self._plausible_name(span) or is_place(span.text) or any(self._head_type(t) for t in span):
                continue  # a place, a generic word, or a name the shape rule reads with its own head word
            # a kind said in a sentence ('a national tourist agency', 'a news agency') is no sign of a public body
            org_type = self.appositive_cues[doc[k].text]
            span._.org_type = "other" if org_type == "government" else org_type
            span._.rule = "cue_name"
            spans.append(span)
        return spans

    def _name_after(self, doc: Doc, i: int) -> Span | None:
        quoted = doc[i].text in _QUOTES_OPEN
        start = i + 1 if quoted else i
        end = start
        limit = min(len(doc), start + 8)
        while end < limit and (self._is_cap(doc[end]) or (end > start and doc[end].text in self.connectors
                                                               and end + 1 < limit and self._is_cap(doc[end + 1]))
                               or (quoted and end > start and doc[end].is_alpha and doc[end].is_lower)):
            end += 1  # inside quotes a name may go on in lower case: 'Fund “Healthy future for all”'
        if end == start or (quoted and (end >= len(doc) or doc[end].text not in _QUOTES_CLOSE) and not (
                end + 1 < len(doc) and doc[end].text in ",." and doc[end + 1].text in _QUOTES_CLOSE)):
            return None  # '“Veterans of Labour,”': a comma printed inside the closing quote
        if not quoted and end - start > 4:
            return None
        return Span(doc, start, end, label="ORG")

    # -- bare acronyms ----------------------------------------------------------------------------------------
    def _bare_acronyms(self, doc: Doc, taken: set[tuple[int, int]]) -> list[Span]:
        spans = []
        for i, token in enumerate(doc):
            if token.text.isupper() and is_acronym(token.text) and not (i > 0 and doc[i - 1].text == "(") \
                    and (i, i + 1) not in taken:
                span = Span(doc, i, i + 1, label="ORG")
                span._.rule = "acronym_bare"
                span._.org_type = "other"
                spans.append(span)
        return spans
