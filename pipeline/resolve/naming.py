"""What a resolved cluster is called: canonical name, acronym, type, and the key its org_id is derived from."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable

from pipeline.resolve.keys import NameKeys, lexicon
from pipeline.text.words import zipf

# A word counts as correctly spelt English from this Zipf frequency on (wordfreq); used only to prefer the
# common spelling of a name over a typo when nothing else decides.
SPELT_ZIPF = 2.0


def org_id(id_key: str) -> str:
    """'org_' + 12 hex digits of the SHA-1 of the cluster's id key."""
    return "org_" + hashlib.sha1(id_key.encode()).hexdigest()[:12]


def canonical_name(forms: Counter[str], keys_of: dict[str, NameKeys], undecorated_bases: set[str]) -> str:
    """The fullest well-formed printed name: not decorated with a designator or place qualifier when the cluster
    also has the plain name, capitalised like a name, most words (a leading 'The' aside), without a leading 'The',
    then most often printed, then spelt with common words; ties alphabetically."""

    def rank(form: str) -> tuple:
        keys = keys_of[form]
        words = form.split()
        the = words[0].lower() == "the" and len(words) > 1
        content = [w for w in words if w.lower() not in lexicon().function_words] or words
        capitalised = sum(1 for w in content if w[:1].isupper() or w[:1].isdigit()) / len(content)
        shouting = len(words) > 1 and form.isupper()
        decorated = keys.decorated and keys.base in undecorated_bases
        return (decorated, shouting, -round(capitalised, 1), -(len(words) - the), the, -forms[form], -spelt(form),
                form)

    return min(forms, key=rank)


def spelt(text: str) -> float:
    """Share of the words of a name that are common English words (a typo is not)."""
    words = [w for w in text.lower().split() if w.isalpha()]
    return sum(1 for w in words if zipf(w) >= SPELT_ZIPF) / len(words) if words else 0.0


def id_key(gazetteer_ids: Iterable[str], names: dict[str, tuple[int, int]], keys: dict[str, NameKeys],
           acronyms: Iterable[str]) -> str:
    """The key an organisation's id is derived from, chosen to survive adding documents.

    - A gazetteer entry's id when the cluster has one: fixed whatever the documents say.
    - Otherwise the base key (no designator, qualifier, case, punctuation or spelling variant) of the name printed
      in the most documents; one more document moves a name's count by one, so the established name keeps the id.
      Ties go to the name spelt with common words (a typo is not the established name), then to the shortest
      (a new document more often adds a fuller variant than a shorter one), then alphabetically.
    - A cluster of acronyms only: its acronym.
    `names` maps name node -> (documents, mentions).
    """
    gazetteer_ids = sorted(gazetteer_ids)
    if gazetteer_ids:
        return "gazetteer:" + gazetteer_ids[0]
    if names:
        best = min(names, key=lambda n: (-names[n][0], -spelt(keys[n].base), len(keys[n].base.split()),
                                         len(keys[n].base), -names[n][1], keys[n].base))
        return "name:" + keys[best].base
    return "acronym:" + min(acronyms)


def majority(values: Iterable[str], default: str) -> str:
    """Most frequent value, ties alphabetically (never by input order)."""
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], v)) if counts else default
