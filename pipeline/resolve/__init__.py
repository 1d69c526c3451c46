"""Resolve organisation mentions across all documents into organisations.

Three layers, as in entity-resolution practice: keys and blocking (keys.py), pairwise decisions with a reason
(here), clustering by union-find over accepted links. Every accepted link is kept for audit.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from pipeline.config import FUZZY_MERGE_SCORE
from pipeline.nlp import gazetteer
from pipeline.records import Mention
from pipeline.resolve.keys import acronym_key, blocking_keys, name_key

BARE_ACRONYM_RULE = "acronym_bare"


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
    left: str
    right: str
    score: float
    reason: str  # exact_key | gazetteer | acronym | fuzzy


@dataclass(frozen=True, slots=True)
class Resolution:
    organisations: tuple[Organisation, ...]
    mention_org: dict[int, str]  # index into the input mentions -> org_id; unresolved mentions are absent
    links: tuple[Link, ...]


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def resolve(mentions: list[Mention]) -> Resolution:
    """Cluster mentions into organisations; bare acronyms that no document or gazetteer defines are dropped."""
    uf = _UnionFind()
    links: list[Link] = []
    forms: dict[str, Counter[str]] = defaultdict(Counter)  # node -> surface forms
    declared: dict[str, set[str]] = defaultdict(set)  # acronym key -> nodes of long forms declaring it
    gaz = {entry["id"]: entry for entry in gazetteer()}

    def node_of(mention: Mention) -> str | None:
        if mention.known_id:
            return f"gaz:{mention.known_id}"
        key = name_key(mention.text)
        return f"name:{key}" if key else None

    nodes: list[str | None] = []
    for mention in mentions:
        if mention.prov.rule == BARE_ACRONYM_RULE:
            nodes.append(None)
            continue
        node = node_of(mention)
        nodes.append(node)
        if node is None:
            continue
        uf.find(node)
        forms[node][mention.text] += 1
        if mention.acronym:
            declared[acronym_key(mention.acronym)].add(node)
            forms[node][mention.acronym] += 0  # an alias, though not itself a mention
    for gid, entry in gaz.items():
        if f"gaz:{gid}" in forms:
            declared[acronym_key(entry["acronym"] or "")].add(f"gaz:{gid}")
            for name in (entry["name"], *entry["variants"]):
                if f"name:{name_key(name)}" in forms:
                    _link(uf, links, f"name:{name_key(name)}", f"gaz:{gid}", 100.0, "gazetteer")
    declared.pop("", None)

    # A declared acronym joins its long forms, unless two different long forms claim it (then it is ambiguous).
    acronym_node: dict[str, str] = {}
    for acr, owners in sorted(declared.items()):
        roots = {uf.find(o) for o in owners}
        if len(roots) > 1 and not _same_name(owners):
            continue
        first, *rest = sorted(owners)
        for other in rest:
            _link(uf, links, first, other, 100.0, "acronym")
        acronym_node[acr] = first

    _fuzzy_links(uf, links, list(forms), declared)

    mention_node: dict[int, str] = {}
    for index, (mention, node) in enumerate(zip(mentions, nodes)):
        if node is None:
            owner = acronym_node.get(acronym_key(mention.text))
            if owner is None:
                continue
            forms[owner][mention.text] += 1
            node = owner
        mention_node[index] = node

    return _organisations(uf, mentions, mention_node, forms, declared, gaz, links)


def _same_name(owners: set[str]) -> bool:
    names = {o.split(":", 1)[1] for o in owners}
    return len(names) == 1


def _link(uf: _UnionFind, links: list[Link], a: str, b: str, score: float, reason: str) -> None:
    if uf.find(a) != uf.find(b):
        uf.union(a, b)
        links.append(Link(a.split(":", 1)[1], b.split(":", 1)[1], score, reason))


def _fuzzy_links(uf: _UnionFind, links: list[Link], nodes: list[str], declared: dict[str, set[str]]) -> None:
    """Merge spelling variants within blocks; never across declared acronyms or subset names."""
    acronyms_of: dict[str, set[str]] = defaultdict(set)
    for acr, owners in declared.items():
        for owner in owners:
            acronyms_of[owner].add(acr)
    blocks: dict[str, list[str]] = defaultdict(list)
    for node in nodes:
        if node.startswith("name:"):
            for key in blocking_keys(node[5:]):
                blocks[key].append(node)
    seen: set[tuple[str, str]] = set()
    for members in blocks.values():
        if len(members) > 200:
            continue  # a key too common to discriminate: comparing inside it would be all-pairs
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                pair = (a, b) if a < b else (b, a)
                if pair in seen:
                    continue
                seen.add(pair)
                if acronyms_of[a] and acronyms_of[b] and not acronyms_of[a] & acronyms_of[b]:
                    continue
                ta, tb = set(a[5:].split()), set(b[5:].split())
                if ta < tb or tb < ta:
                    continue  # "civil society" vs "civil society development association"
                score = fuzz.token_sort_ratio(a[5:], b[5:])
                if score >= FUZZY_MERGE_SCORE:
                    _link(uf, links, a, b, score, "fuzzy")


def _organisations(uf: _UnionFind, mentions: list[Mention], mention_node: dict[int, str],
                   forms: dict[str, Counter[str]], declared: dict[str, set[str]], gaz: dict[str, dict],
                   links: list[Link]) -> Resolution:
    clusters: dict[str, list[str]] = defaultdict(list)
    for node in forms:
        clusters[uf.find(node)].append(node)
    # Clusters whose canonical names share a key are one organisation (same id): join them first.
    for root, nodes in list(clusters.items()):
        name, _, _ = _naming(nodes, forms, declared, gaz, uf)
        first = uf.find(f"name:{name_key(name)}") if f"name:{name_key(name)}" in forms else root
        if first != root:
            uf.union(first, root)
    clusters = defaultdict(list)
    for node in forms:
        clusters[uf.find(node)].append(node)
    by_root: dict[str, list[int]] = defaultdict(list)
    for index, node in mention_node.items():
        by_root[uf.find(node)].append(index)
    organisations: list[Organisation] = []
    root_id: dict[str, str] = {}
    for root, nodes in clusters.items():
        indices = by_root.get(root, [])
        if not indices:
            continue
        name, acronym, entry = _naming(nodes, forms, declared, gaz, uf)
        surface: Counter[str] = Counter()
        for node in nodes:
            surface.update(forms[node])
        types = Counter(mentions[i].org_type for i in indices if mentions[i].org_type != "other")
        org_type = entry["type"] if entry else (types.most_common(1)[0][0] if types else "other")
        org_id = "org_" + hashlib.sha1(name_key(name).encode()).hexdigest()[:12]
        root_id[root] = org_id
        aliases = tuple(sorted({f for f in surface if f != name} | ({acronym} if acronym else set())))
        organisations.append(Organisation(org_id, name, acronym, aliases, org_type, len(indices),
                                          len({mentions[i].prov.doc_id for i in indices})))
    mention_org = {index: root_id[uf.find(node)] for index, node in mention_node.items()}
    return Resolution(tuple(sorted(organisations, key=lambda o: o.org_id)), mention_org, tuple(links))


def _naming(nodes: list[str], forms: dict[str, Counter[str]], declared: dict[str, set[str]], gaz: dict[str, dict],
            uf: _UnionFind) -> tuple[str, str | None, dict | None]:
    """(canonical name, acronym, gazetteer entry) of a cluster."""
    surface: Counter[str] = Counter()
    for node in nodes:
        surface.update(forms[node])
    gaz_ids = sorted(n[4:] for n in nodes if n.startswith("gaz:"))
    entry = gaz[gaz_ids[0]] if gaz_ids else None
    root = uf.find(nodes[0])
    acronyms = Counter(acr for acr, owners in declared.items() for o in owners if uf.find(o) == root)
    acronym = entry["acronym"] if entry and entry["acronym"] else _display_acronym(acronyms, surface)
    name = entry["name"] if entry else _canonical(surface, acronym)
    return name, acronym, entry


def _display_acronym(acronyms: Counter[str], surface: Counter[str]) -> str | None:
    if not acronyms:
        return None
    key = acronyms.most_common(1)[0][0]
    spelled = [f for f in surface if acronym_key(f) == key]
    return max(spelled, key=lambda f: (surface[f], f)) if spelled else None


def _canonical(surface: Counter[str], acronym: str | None) -> str:
    """The fullest well-formed name: longest non-acronym form, then the most frequent, then alphabetical."""
    names = [f for f in surface if f != acronym] or list(surface)
    return max(names, key=lambda f: (len(f.split()), surface[f], f))
