"""Resolve organisation mentions across all documents into organisations.

Three layers, as in entity-resolution practice (nomenklatura): keys and blocking (keys.py, cluster.py), pairwise
decisions with a reason, and clustering. Nodes are names ("n:<name key>"), acronyms ("a:<letters>") and
gazetteer entries ("g:<id>"). Decisions, in order, each checked against forced splits and declared initialisms:

1. forced merges from the overrides file;
2. strong links by union-find: equal core keys (designators, places, function words), an acronym printed as a
   name, gazetteer names, quoted aliases, names that differ only in spaces;
3. long forms that declare the same acronym and have compatible names;
4. declared acronyms join the one cluster that declares them (none when two different names claim one);
5. a distinctive name with a place qualifier joins the plain name, and one with an owner's acronym in front (or
   "of ACR" after it) does when that reading is the only one in the corpus, unless a name of one cluster is a
   strict subset of a name of the other; a name restated at more length joins it (a coined name and a
   description ending in a head word, a name and the same with a head word, a quoted brand ending a name with
   the same head);
6. spelling variants by rapidfuzz inside blocks, with complete linkage (no chaining);
7. an acronym nobody declares joins the one cluster whose initials it spells, if they meet in a document.

Every merge is kept as a Link for audit (`organisation_links`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from pipeline.nlp import gazetteer
from pipeline.records import Mention
from pipeline.resolve.aliases import BRAND_MIN_DECLARATIONS, SELF_SUPPORTING_KINDS, aligns, parse_surface
from pipeline.resolve.cluster import Clusters, fuzzy_link, words_are_variants
from pipeline.resolve.keys import (NameKeys, acronym_key, analyse, head_words, is_acronym_form, is_place, lexicon,
                                   name_key)
from pipeline.text.words import is_known_word
from pipeline.resolve.naming import canonical_name, id_key, majority, org_id
from pipeline.resolve.overrides import Overrides, override_nodes

__all__ = ["Link", "Organisation", "Resolution", "resolve"]

# Extraction rule ids this module relies on: an all-capitals token with no definition of its own, and
# "Long Name (ACR)" definitions.
BARE_ACRONYM_RULE = "acronym_bare"
DEFINITION_RULE = "acronym_definition"
# Names typed only by the heading of the list they stand in.
LIST_ITEM_RULE = "org_list_item"
# Two long forms declaring the same acronym are one organisation when one's words contain the other's
# ("Innovation for Change Central Asia (I4C CA)", "Innovation for Change – Central Asia Hub (I4C CA)"), or their
# names score at least this (rapidfuzz token_sort_ratio on core keys) and differ only by spelling variants.
# Otherwise ("Public Health Association" and "Pamir Highway Alliance", both "PHA") the acronym is ambiguous in the
# corpus and a bare use of it resolves only in a document that declares it.
ACRONYM_PEER_SCORE = 80.0
# An acronym that no document declares joins a cluster whose name's initials spell it, and an acronym equals a
# one-word name ("CIVICUS", "PA IRODA"), only from this many letters on ("MIT"): shorter ones ("IT") are too
# often something else.
MIN_INITIALS_LETTERS = 3
# A document that names a body with a descriptive first word ("Independent Institute for Monitoring the Formation
# of Civil Society") may drop it later; the shorter name must have this many content words to be that body's.
SHORTENED_MODIFIERS = frozenset({"independent", "national", "republican", "public", "nongovernmental",
                                 "non-governmental", "international"})
DISTINCTIVE_SHORT_WORDS = 4
# Two printed names that differ only in spaces ("TeachersLab", "Teachers Lab") are one name from this many letters.
MIN_COMPACT_LETTERS = 6
# A country put before a name ('U.S. Department of ...', 'Republic of Kenya State Department ...') has at most this many
# words in its name key.
PREFIX_PLACE_MAX_WORDS = 3
# Scores recorded on links decided by rules rather than by similarity.
RULE_SCORE = 100.0
INITIALS_SCORE = 90.0


@dataclass(frozen=True, slots=True)
class Organisation:
    org_id: str
    name: str
    acronym: str | None
    aliases: tuple[str, ...]
    type: str
    mention_count: int
    document_count: int


@dataclass(frozen=True, slots=True)
class Link:
    left: str  # a printed form of one node merged
    right: str  # a printed form of the other
    score: float
    reason: str  # exact_key | gazetteer | acronym | alias | fuzzy | override


@dataclass(frozen=True, slots=True)
class Resolution:
    organisations: tuple[Organisation, ...]
    mention_org: dict[int, str]  # index into the input mentions -> org_id; unresolved mentions are absent
    links: tuple[Link, ...]
    notes: tuple[str, ...] = field(default=())  # override entries that matched nothing, for the run log


@dataclass
class _Corpus:
    """Nodes and what the mentions say about them."""

    mention_node: list[str | None] = field(default_factory=list)
    names: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))  # node -> printed names
    texts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))  # node -> printed forms
    docs: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    standalone: set[str] = field(default_factory=set)  # acronym nodes printed as names, not only as bare acronyms
    keys: dict[str, NameKeys] = field(default_factory=dict)  # name node -> keys
    owner: dict[str, str] = field(default_factory=dict)  # name node -> acronym key of its leading owner acronym
    owner_core: dict[str, str] = field(default_factory=dict)  # name node -> core of its name without the owner
    # (node, short form, kind, long name, document; None for the gazetteer)
    declarations: list[tuple[str, str, str, str, str | None]] = field(default_factory=list)
    declared_by: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # acronym -> nodes
    declared_in: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))  # (acr, doc)
    declares: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # node -> its acronyms
    initialisms: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # node -> initialisms
    acronym_forms: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))  # key -> printed
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (node, node of a quoted alias)
    gazetteer: dict[str, dict] = field(default_factory=dict)


def resolve(mentions: list[Mention], overrides: Overrides | None = None) -> Resolution:
    """Cluster mentions into organisations; bare acronyms that nothing defines are left unresolved."""
    corpus = _read(mentions)
    clusters = Clusters(corpus.keys, corpus.owner_core, corpus.initialisms)
    for node in sorted(set(corpus.docs)):
        clusters.add(node)
    notes = _apply_overrides(clusters, overrides or Overrides())
    _strong_links(clusters, corpus)
    _acronym_peers(clusters, corpus)
    _attach_acronyms(clusters, corpus)
    _qualified_links(clusters, corpus)
    _restated_links(clusters, corpus)
    _expanded_links(clusters, corpus)
    fuzzy_link(clusters, sorted(n for n, k in corpus.keys.items() if k.core), corpus.keys,
               lambda n: len(corpus.docs[n]))
    _attach_acronyms(clusters, corpus)
    _initials_links(clusters, corpus)
    return _organisations(clusters, corpus, mentions, overrides or Overrides(), notes)


# -- reading the mentions ---------------------------------------------------------------------------------------

def _read(mentions: list[Mention]) -> _Corpus:
    corpus = _Corpus(gazetteer={entry["id"]: entry for entry in gazetteer()})
    for mention in mentions:
        node = _node(corpus, mention)
        corpus.mention_node.append(node)
        if node is not None:
            corpus.docs[node].add(mention.prov.doc_id)
            corpus.texts[node][mention.text] += 1
    _validate_declarations(corpus)
    return corpus


def _node(corpus: _Corpus, mention: Mention) -> str | None:
    """The node a mention names, recording its printed name and what it declares."""
    if mention.known_id:
        node = f"g:{mention.known_id}"
        corpus.names[node][mention.text] += 1
        if mention.acronym:
            corpus.declarations.append((node, mention.acronym, _kind(mention), mention.text, mention.prov.doc_id))
        return node
    if mention.prov.rule == BARE_ACRONYM_RULE:
        key = acronym_key(mention.text)
        if not key:
            return None
        corpus.names[f"a:{key}"][mention.text] += 1
        corpus.acronym_forms[key][mention.text] += 1
        return f"a:{key}"
    surface = parse_surface(mention.text)
    if surface.name is None:
        key = acronym_key(surface.key_text)
        if not key:
            return None
        node = f"a:{key}"
        corpus.standalone.add(node)
        corpus.names[node][surface.key_text] += 1
        corpus.acronym_forms[key][surface.key_text] += 1
    else:
        key = name_key(surface.key_text)
        if not key:
            return None
        node = f"n:{key}"
        corpus.names[node][surface.name] += 1
        if node not in corpus.keys:
            corpus.keys[node] = analyse(key)
            if surface.owner is not None and surface.owned is not None:
                corpus.owner[node] = acronym_key(surface.owner)
                corpus.owner_core[node] = analyse(name_key(surface.owned)).core
    long = surface.name or surface.key_text
    for short, kind in surface.declared:
        corpus.declarations.append((node, short, kind, long, mention.prov.doc_id))
    if mention.acronym:
        corpus.declarations.append((node, mention.acronym, _kind(mention), long, mention.prov.doc_id))
    return node


def _kind(mention: Mention) -> str:
    return "paren" if mention.prov.rule == DEFINITION_RULE else "adjacent"


def _validate_declarations(corpus: _Corpus) -> None:
    """Accept initialisms that spell their name, brands with support, and quoted aliases; a gazetteer acronym,
    or an acronym some other name spells, is never another name's brand."""
    gazetteer_acronyms: dict[str, str] = {}
    for gid, entry in corpus.gazetteer.items():
        if entry.get("acronym"):
            gazetteer_acronyms[acronym_key(entry["acronym"])] = gid
            node = f"g:{gid}"
            if node in corpus.names:
                corpus.declarations.append((node, entry["acronym"], "gazetteer", entry["name"], None))
    support: Counter[tuple[str, str]] = Counter()
    brands: dict[tuple[str, str], str] = {}
    spelled_by: dict[str, set[str]] = defaultdict(set)
    for node, short, kind, long, _ in corpus.declarations:
        if not is_acronym_form(short):
            alias_key = name_key(short)
            if alias_key and node.startswith("n:") and f"n:{alias_key}" != node:
                corpus.aliases.append((node, f"n:{alias_key}"))
                corpus.names[f"n:{alias_key}"][short] += 0  # seen printed: kept as an alias even if never a mention
                corpus.keys.setdefault(f"n:{alias_key}", analyse(alias_key))
            continue
        key = acronym_key(short)
        corpus.acronym_forms[key][short] += 1
        if kind == "gazetteer" or aligns(short, long):
            spelled_by[key].add(node)
            corpus.initialisms[node].add(key)
            continue
        support[(node, key)] += 1
        if kind in SELF_SUPPORTING_KINDS:
            support[(node, key)] += BRAND_MIN_DECLARATIONS
        brands[(node, key)] = short
    places = lexicon().places
    for (node, key), short in brands.items():
        owner = gazetteer_acronyms.get(key)
        if owner is not None and node != f"g:{owner}":
            continue
        if tuple(name_key(short).split()) in places:
            continue  # "National Cancer Institute (US)": a place, not a short name
        if spelled_by.get(key, set()) - {node} or support[(node, key)] < BRAND_MIN_DECLARATIONS:
            continue
        corpus.declared_by[key].add(node)
    for key, nodes in spelled_by.items():
        corpus.declared_by[key] |= nodes
    for node, short, _, _, doc in corpus.declarations:
        key = acronym_key(short)
        if node in corpus.declared_by.get(key, ()):
            corpus.declares[node].add(key)
            if doc is not None:
                corpus.declared_in[key, doc].add(node)


# -- decisions ---------------------------------------------------------------------------------------------------

def _apply_overrides(clusters: Clusters, overrides: Overrides) -> list[str]:
    notes = []
    for rule in overrides.splits:
        present = [[n for n in override_nodes(name) if n in clusters.parent] for name in rule.names]
        for i, nodes_a in enumerate(present):
            for nodes_b in present[i + 1:]:
                for a in nodes_a:
                    for b in nodes_b:
                        clusters.forbid(a, b)
        if sum(1 for nodes in present if nodes) < 2:
            notes.append(f"{overrides.source}, line {rule.line}: split names not found together: "
                         + ", ".join(rule.names))
    for rule in overrides.merges:
        nodes = [n for name in rule.names for n in override_nodes(name) if n in clusters.parent]
        for node in nodes[1:]:
            clusters.union(nodes[0], node, RULE_SCORE, "override", check=False)
        if len(nodes) < 2:
            notes.append(f"{overrides.source}, line {rule.line}: merge names not found: " + ", ".join(rule.names))
    return notes


def _strong_links(clusters: Clusters, corpus: _Corpus) -> None:
    by_core: dict[str, list[str]] = defaultdict(list)
    for node in sorted(corpus.keys):
        clusters.add(node)
        by_core[corpus.keys[node].core].append(node)
    by_core.pop("", None)  # only function words ("Of The"): nothing to compare
    for nodes in by_core.values():
        for node in nodes[1:]:
            clusters.union(nodes[0], node, RULE_SCORE, "exact_key")
    for node in sorted(n for n in clusters.parent if n.startswith("a:") and len(n) - 2 >= MIN_INITIALS_LETTERS):
        for name in by_core.get(node[2:], ()):
            clusters.union(name, node, RULE_SCORE, "exact_key")  # "CIVICUS" and "Civicus", "IRODA" and "PA IRODA"
    for gid in sorted(n[2:] for n in clusters.parent if n.startswith("g:")):
        entry = corpus.gazetteer.get(gid)
        if entry is None:
            continue
        for form in (entry["name"], *entry.get("variants", ())):
            for node in by_core.get(analyse(name_key(form)).core, ()):
                clusters.union(f"g:{gid}", node, RULE_SCORE, "gazetteer")
    for node, alias in sorted(corpus.aliases):
        clusters.add(alias)
        clusters.union(node, alias, RULE_SCORE, "alias")
    by_compact: dict[str, list[str]] = defaultdict(list)
    for node in sorted(corpus.keys):
        for form in sorted(corpus.names[node]):
            compact = acronym_key(form)
            if len(compact) >= MIN_COMPACT_LETTERS and not is_acronym_form(form):
                by_compact[compact].append(node)
    for compact, nodes in sorted(by_compact.items()):
        if f"a:{compact}" in corpus.standalone:
            nodes = [f"a:{compact}", *nodes]  # a camel-case name printed alone reads as a short form: "TeachersLab"
        for node in nodes[1:]:
            clusters.union(nodes[0], node, RULE_SCORE, "exact_key")  # "TeachersLab" and "Teachers Lab"


def _acronym_peers(clusters: Clusters, corpus: _Corpus) -> None:
    """Different long forms declaring one acronym merge when their names agree."""
    for key in sorted(corpus.declared_by):
        nodes = sorted(corpus.declared_by[key])
        for i, a in enumerate(nodes):
            for b in nodes[i + 1:]:
                if clusters.find(a) != clusters.find(b) and _names_agree(corpus, a, b):
                    clusters.union(a, b, RULE_SCORE, "acronym")


def _names_agree(corpus: _Corpus, a: str, b: str) -> bool:
    ka, kb = corpus.keys.get(a), corpus.keys.get(b)
    if ka is None or kb is None:
        return False  # a gazetteer entry is matched by its own names, not by an acronym claimed elsewhere
    return ka.content <= kb.content or kb.content <= ka.content or \
        (fuzz.token_sort_ratio(ka.core, kb.core) >= ACRONYM_PEER_SCORE and words_are_variants(ka, kb))


def _attach_acronyms(clusters: Clusters, corpus: _Corpus) -> None:
    """An acronym joins the long form declaring it, unless long forms in different clusters claim it."""
    for key in sorted(corpus.declared_by):
        node = f"a:{key}"
        if node not in clusters.parent:
            continue
        roots = {clusters.find(n) for n in corpus.declared_by[key]}
        if len(roots) == 1:
            clusters.union(min(corpus.declared_by[key]), node, RULE_SCORE, "acronym")


def _qualified_links(clusters: Clusters, corpus: _Corpus) -> None:
    """'X in the Kyrgyz Republic' joins 'X' (a distinctive name located somewhere is still that body: 'OSCE in
    Dushanbe'); 'AUCA X' joins 'X' when no other acronym is put in front of X in the corpus."""
    by_core: dict[str, list[str]] = defaultdict(list)
    owners: dict[str, set[str]] = defaultdict(set)
    for node in sorted(corpus.keys):
        by_core[corpus.keys[node].core].append(node)
        if node in corpus.owner:
            owners[corpus.owner_core[node]].add(corpus.owner[node])
    for node in sorted(n for n in clusters.parent if n.startswith(("a:", "g:"))):
        if node.startswith("a:"):
            by_core[node[2:]].append(node)  # "OSCE in Dushanbe" -> "OSCE"
            continue
        entry = corpus.gazetteer.get(node[2:])
        if entry is not None:
            for form in (entry["name"], *entry.get("variants", ()), entry.get("acronym") or ""):
                if form:
                    by_core[analyse(name_key(form)).core].append(node)
    for node in sorted(corpus.keys):
        keys = corpus.keys[node]
        if keys.qualifier:
            for target in by_core.get(keys.base, ()):
                clusters.union(target, node, RULE_SCORE, "alias", subsets=True)
        core = corpus.owner_core.get(node)
        if core is not None and len(owners[core]) == 1:
            for target in by_core.get(core, ()):
                clusters.union(target, node, RULE_SCORE, "alias", subsets=True)
    _place_prefixed_links(clusters, corpus)


def _place_prefixed_links(clusters: Clusters, corpus: _Corpus) -> None:
    """'U.S. Department of Transportation' joins 'Department of Transportation' printed in the same document: a
    country put before a distinctive name that opens with its head word, when no other place is put before that name
    in the corpus ('Kenya Ministry of Health' / 'Ministry of Health' stay apart: the name is generic)."""
    lex, heads = lexicon(), head_words()
    prefixed: dict[str, list[tuple[str, str]]] = defaultdict(list)  # plain node -> (prefixed node, place)
    for node in sorted(corpus.keys):
        words = node[2:].split()
        for size in range(1, min(PREFIX_PLACE_MAX_WORDS, len(words) - 2) + 1):
            place, rest = tuple(words[:size]), words[size:]
            if place in lex.places and rest[0] in heads:
                prefixed["n:" + " ".join(rest)].append((node, lex.places[place]))
                break
    for plain, variants in sorted(prefixed.items()):
        keys = corpus.keys.get(plain)
        places = {place for _, place in variants}
        if keys is None or not keys.distinctive or len(places) != 1:
            continue
        # the plain name's cluster must not be located elsewhere ('Department of Transportation in Ghana')
        located = {w for n in clusters.members[clusters.find(plain)] if n in corpus.keys
                   for w in (*corpus.keys[n].places, *corpus.keys[n].qualifier.split())}
        if not located <= places:
            continue
        for node, _ in variants:
            if corpus.docs[node] & corpus.docs[plain]:
                clusters.union(plain, node, RULE_SCORE, "alias")  # one adds only the place: no subset guard


def _restated_links(clusters: Clusters, corpus: _Corpus) -> None:
    """Names that restate one body at more length: a long name and the same without a descriptive first word in the
    same document; a coined name and the same followed by a description ending in a head word ('MoveGreen' /
    'MoveGreen Youth Environmental Movement'); a distinctive name with no head word and
    the same with one ('Innovation for Change Central Asia' / '... Hub'); a quoted brand ending another name with
    the same head ('Coalition of Civil Society “Transparency for Development”' / 'Coalition of CSOs on
    Transparency for Development')."""
    heads = head_words()
    by_first: dict[str, list[str]] = defaultdict(list)
    for node in sorted(corpus.keys):
        by_first[node[2:].split()[0]].append(node)
    for node in sorted(corpus.keys):
        words = node[2:].split()
        shorter = "n:" + " ".join(words[1:])
        if words[0] in SHORTENED_MODIFIERS and shorter in corpus.keys and corpus.keys[shorter].distinctive \
                and len(corpus.keys[shorter].content) >= DISTINCTIVE_SHORT_WORDS \
                and corpus.docs[shorter] & corpus.docs[node]:
            clusters.union(shorter, node, RULE_SCORE, "alias")  # "(Independent) Institute for Monitoring the ..."
        if len(words) < 3 or words[-1] not in heads:
            continue
        shorter = "n:" + " ".join(words[:-1])
        if shorter in corpus.keys and corpus.keys[shorter].distinctive and not heads & set(words[:-1]):
            clusters.union(shorter, node, RULE_SCORE, "alias")
        coined = next((n for n in ("n:" + words[0], "a:" + words[0]) if n in corpus.keys or n in corpus.standalone),
                      None)
        if coined is not None and _coined(corpus.names[coined]) and all(
                is_known_word(w) and not is_place(w) for w in words[1:]):
            clusters.union(coined, node, RULE_SCORE, "alias")
    for node, alias in sorted(corpus.aliases):
        brand, owner = alias[2:].split(), node[2:].split()
        if len(brand) < 2 or owner[0] not in heads:
            continue
        for other in by_first.get(owner[0], ()):
            words = other[2:].split()
            if other != node and len(words) > len(brand) and words[-len(brand):] == brand:
                clusters.union(node, other, RULE_SCORE, "alias")


def _expanded_links(clusters: Clusters, corpus: _Corpus) -> None:
    """A name holding a declared acronym joins the one name in its documents that spells the acronym out, the
    other words alike up to order and a place's adjective: 'East African WAN Hub' (WAN declared for Water Action
    Network) is 'Water Action Network East Africa Hub'."""
    by_content: dict[frozenset[str], list[str]] = defaultdict(list)
    for node in sorted(corpus.keys):
        by_content[_loose_content(node[2:].split())].append(node)
    for node in sorted(corpus.keys):
        words = node[2:].split()
        for i, word in enumerate(words):
            long = _spelled_out(clusters, corpus, node, word) if len(words) > 1 else None
            if long is None:
                continue
            content = _loose_content(words[:i] + long + words[i + 1:])
            targets = [n for n in by_content.get(content, ()) if corpus.docs[n] & corpus.docs[node]]
            if len({clusters.find(n) for n in targets}) == 1:
                clusters.union(targets[0], node, RULE_SCORE, "acronym")
            break


def _spelled_out(clusters: Clusters, corpus: _Corpus, node: str, word: str) -> list[str] | None:
    """The name-key words of the long form a word of `node` abbreviates, when it is printed as an acronym there and
    the acronym's long forms are one cluster."""
    owners = corpus.declared_by.get(word)
    if not owners or not any(acronym_key(t) == word and is_acronym_form(t)
                             for name in corpus.names[node] for t in name.split()):
        return None
    if len({clusters.find(n) for n in owners}) != 1:
        return None
    owner = min(owners)
    return owner[2:].split() if owner in corpus.keys else None


@lru_cache(maxsize=1)
def _place_last_words() -> frozenset[str]:
    return frozenset(place[-1] for place in lexicon().places)


def _loose_content(words: list[str]) -> frozenset[str]:
    """Content words of a name key with a place's adjective read as the place ('asian' -> 'asia', 'kenyan')."""
    last_words = _place_last_words()
    words = [w[:-1] if w.endswith("n") and w[:-1] in last_words and w not in last_words else w for w in words]
    return analyse(" ".join(words)).content


def _coined(forms: Counter[str]) -> bool:
    """A one-word name no dictionary knows or written in camel case ('MoveGreen', 'Okoo'), not a common word."""
    return any(len(f.split()) == 1 and (re.search(r"[a-z][A-Z]", f) is not None
                                        or (not is_known_word(f) and not is_acronym_form(f))) for f in forms)


def _initials_links(clusters: Clusters, corpus: _Corpus) -> None:
    """An acronym nobody declares joins the one cluster whose name it spells, if they share a document."""
    reserved = {acronym_key(e["acronym"]) for e in corpus.gazetteer.values() if e.get("acronym")}
    reserved |= {p[0] for p in lexicon().prefixes + lexicon().suffixes if len(p) == 1}
    by_ends: dict[tuple[str, str], list[str]] = defaultdict(list)
    for node, keys in sorted(corpus.keys.items()):
        if keys.distinctive and keys.content_initials:
            by_ends[keys.content_initials[0], keys.content_initials[-1]].append(node)
    roots = clusters.roots()
    for root in sorted(roots):
        members = roots[root]
        if any(not n.startswith("a:") for n in members):
            continue
        for node in members:
            key = node[2:]
            if len(key) < MIN_INITIALS_LETTERS or not key.isalpha() or key in reserved or key in corpus.declared_by:
                continue
            spelling = [n for n in by_ends.get((key[0], key[-1]), ())
                        if _spells(key, corpus.keys[n].content_initials)]
            targets = {clusters.find(n) for n in spelling}
            if len(targets) != 1:
                continue
            target = next(iter(targets))
            if clusters.initialisms[target]:
                continue  # it declares its own acronym ("MICT"), so "MIT" is something else
            target_docs = set().union(*(corpus.docs[n] for n in clusters.members[target] if n in corpus.docs))
            if corpus.docs[node] & target_docs:
                clusters.union(spelling[0], node, INITIALS_SCORE, "acronym")
                break


def _spells(acronym: str, initials: str) -> bool:
    """The acronym is the initials of the name's words (function words aside), from the first word to the last,
    leaving out at most one word: 'sdc' / 'sadc' (Swiss Agency for Development and Cooperation)."""
    if not 0 <= len(initials) - len(acronym) <= 1 or acronym[0] != initials[0] or acronym[-1] != initials[-1]:
        return False
    letters = iter(initials)
    return all(c in letters for c in acronym)


# -- the organisations -------------------------------------------------------------------------------------------

def _organisations(clusters: Clusters, corpus: _Corpus, mentions: list[Mention], overrides: Overrides,
                   notes: list[str]) -> Resolution:
    forced_names = {}
    for rule in overrides.merges:
        nodes = [n for name in rule.names for n in override_nodes(name) if n in clusters.parent]
        if rule.name and nodes:
            forced_names[clusters.find(nodes[0])] = rule.name
    by_root: dict[str, list[int]] = defaultdict(list)
    for index, node in enumerate(corpus.mention_node):
        if node is not None:
            by_root[_mention_root(clusters, corpus, mentions[index], node)].append(index)
    drafts = []
    for root, nodes in sorted(clusters.roots().items()):
        indices = by_root.get(root)
        if not indices or not any(not n.startswith("a:") or n in corpus.standalone for n in nodes):
            continue  # only bare acronyms that nothing defines: not known to be organisations
        drafts.append((root, nodes, indices))
    id_keys = {root: _id_key(corpus, nodes) for root, nodes, _ in drafts}
    keys_taken = Counter(id_keys.values())
    organisations: list[Organisation] = []
    mention_org: dict[int, str] = {}
    for root, nodes, indices in drafts:
        key = id_keys[root]
        if keys_taken[key] > 1:
            key += "|" + nodes[0]  # clusters kept apart (an override or an initialism) that share a name key
        oid = org_id(key)
        organisations.append(_organisation(corpus, mentions, oid, nodes, indices, forced_names.get(root)))
        mention_org.update((i, oid) for i in indices)
    links = tuple(Link(_display(corpus, e.left), _display(corpus, e.right), e.score, e.reason) for e in clusters.edges)
    return Resolution(tuple(sorted(organisations, key=lambda o: o.org_id)), mention_org, links, tuple(notes))


def _mention_root(clusters: Clusters, corpus: _Corpus, mention: Mention, node: str) -> str:
    """A bare acronym means what its own document declares it to be, whatever other documents say; otherwise
    what the corpus agrees it is."""
    if node.startswith("a:"):
        declarers = corpus.declared_in.get((node[2:], mention.prov.doc_id))
        if declarers:
            roots = {clusters.find(n) for n in declarers}
            if len(roots) == 1:
                return roots.pop()
    return clusters.find(node)


def _id_key(corpus: _Corpus, nodes: list[str]) -> str:
    names = {n: (len(corpus.docs[n]), sum(corpus.names[n].values())) for n in nodes if n in corpus.keys}
    return id_key((n[2:] for n in nodes if n.startswith("g:")), names, corpus.keys,
                  (n[2:] for n in nodes if n.startswith("a:")))


def _organisation(corpus: _Corpus, mentions: list[Mention], oid: str, nodes: list[str], indices: list[int],
                  forced_name: str | None) -> Organisation:
    entry = next((corpus.gazetteer[n[2:]] for n in nodes if n.startswith("g:") and n[2:] in corpus.gazetteer), None)
    acronym = _acronym(corpus, nodes, entry)
    if forced_name:
        name = forced_name
    elif entry is not None:
        name = entry["name"]
    else:
        name = _name(corpus, nodes, acronym)
    surface: set[str] = {mentions[i].text for i in indices}
    for node in nodes:
        surface.update(corpus.names[node])
        surface.update(corpus.texts[node])
    if acronym:
        surface.add(acronym)
    org_type = entry["type"] if entry else _org_type(mentions, indices)
    return Organisation(oid, name, acronym, tuple(sorted(surface - {name})), org_type, len(indices),
                        len({mentions[i].prov.doc_id for i in indices}))


def _org_type(mentions: list[Mention], indices: list[int]) -> str:
    """The type most mentions with evidence of their own give (a head word, a cue, a type rule); the type a list
    heading gives its items only when nothing else does."""
    typed = [mentions[i] for i in indices if mentions[i].org_type != "other"]
    own = [m.org_type for m in typed if m.prov.rule != LIST_ITEM_RULE]
    return majority(own or [m.org_type for m in typed], "other")


def _acronym(corpus: _Corpus, nodes: list[str], entry: dict | None) -> str | None:
    if entry is not None and entry.get("acronym"):
        return entry["acronym"]
    members = set(nodes)
    claimed: Counter[str] = Counter()
    for node in nodes:
        for key in corpus.declares.get(node, ()):
            claimed[key] += 2 + (f"a:{key}" in members and claimed[key] == 0)
    spelled = {k for n in nodes for k in corpus.initialisms.get(n, ())}
    for node in nodes:
        if node.startswith("a:") and node[2:] not in claimed:
            claimed[node[2:]] = 1  # an acronym joined by its initials
    if not claimed:
        return None
    key = min(claimed, key=lambda k: (-claimed[k], k not in spelled, k))
    forms = corpus.acronym_forms[key]
    return min(forms, key=lambda f: (-forms[f], f)) if forms else None


def _name(corpus: _Corpus, nodes: list[str], acronym: str | None) -> str:
    forms: Counter[str] = Counter()
    keys_of: dict[str, NameKeys] = {}
    for node in nodes:
        if node in corpus.keys:
            for form, count in corpus.names[node].items():
                forms[form] += count
                keys_of.setdefault(form, corpus.keys[node])
    if not forms:
        return acronym or min(f for n in nodes for f in corpus.names[n])
    plain = {k.base for k in keys_of.values() if not k.decorated}
    return canonical_name(forms, keys_of, plain)


def _display(corpus: _Corpus, node: str) -> str:
    """The most printed form of a node, for the audit table."""
    if node.startswith("g:") and node[2:] in corpus.gazetteer:
        return corpus.gazetteer[node[2:]]["name"]
    forms = corpus.names.get(node)
    if forms:
        return min(forms, key=lambda f: (-forms[f], f))
    return node[2:]
