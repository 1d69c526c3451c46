"""The spaCy pipeline: a blank English tokenizer plus rule components whose patterns live in patterns/.

spaCy is imported when the pipeline is first built: the parent process of a run only resolves, validates and
publishes, and needs the gazetteer but not spaCy (~70 MB and ~0.7 s to import).
"""

from __future__ import annotations

import json
from functools import lru_cache

from typing import TYPE_CHECKING

from pipeline.config import PATTERNS_DIR

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["build_nlp", "gazetteer"]


def gazetteer() -> list[dict]:
    """Well-known organisations (donors, UN agencies, IFIs) with acronyms and name variants."""
    path = PATTERNS_DIR / "org_gazetteer.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _gazetteer_patterns(acronyms: bool) -> list[dict]:
    """Names match case-insensitively ("U.S. Agency For ..."); acronyms only as written ("WHO", not "who")."""
    patterns = []
    for entry in gazetteer():
        forms = [entry["acronym"]] if acronyms else [entry["name"], *entry["variants"]]
        patterns.extend({"label": entry["type"], "pattern": form, "id": entry["id"]} for form in forms if form)
    return patterns


@lru_cache(maxsize=1)
def build_nlp() -> Language:
    """spacy.blank('en') + sentencizer + organisation gazetteer + organisation shapes + figures."""
    import spacy

    from pipeline.nlp import components, figures  # noqa: F401  (registers the component factories)

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    for key, attr, acronyms in (("org_gazetteer", "LOWER", False), ("org_gazetteer_acronyms", "ORTH", True)):
        ruler = nlp.add_pipe("span_ruler", name=key, config={"spans_key": key, "phrase_matcher_attr": attr})
        ruler.add_patterns(_gazetteer_patterns(acronyms))
    nlp.add_pipe("pipeline_org_shapes_v1", config={"lexicon": str(PATTERNS_DIR / "org_heads.json")})
    nlp.add_pipe("pipeline_figures_v1", config={"lexicon": str(PATTERNS_DIR / "figures.json")})
    return nlp
