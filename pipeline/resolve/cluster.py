"""Clustering decisions: a union-find that refuses merges its guards reject, and a fuzzy linkage that does not
chain. Every accepted merge is recorded as a link with its score and reason."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from pipeline.resolve.keys import NameKeys, blocking_keys, ngrams, NGRAM_KEYS

# Fuzzy merging (rapidfuzz token_sort_ratio on core keys, 0-100). A pair of names is linked from
# FUZZY_MERGE_SCORE on (spelling variants: "Assocation"/"Association", "Ministries"/"Ministers" score 95-98; two
# different names sharing most words, "Union of Women/Young Entrepreneurs", score 80-90). A fuzzy merge of two
# groups also needs every pair of their strong clusters to score FUZZY_GROUP_SCORE or more (complete linkage), so
# A~B and B~C cannot join A and C when A and C differ more than spelling variants do.
FUZZY_MERGE_SCORE = 92.0
FUZZY_GROUP_SCORE = 85.0
# Each word two fuzzily linked names do not share must be a spelling variant of a word of the other name
# (rapidfuzz ratio): "minister"/"ministry" 88, "autsim"/"autism" 83; "women"/"young" 40.
TYPO_WORD_SCORE = 75.0
# Blocks larger than this are compared by sorted neighbourhood (each name with the next FUZZY_WINDOW names in key
# order) instead of all pairs, so a common key ("f2:ministry of") never costs quadratic time.
MAX_BLOCK = 48
FUZZY_WINDOW = 6
# Complete linkage compares at most this many names per strong cluster and gives up (no merge) on groups whose
# pairwise comparison would exceed MAX_LINKAGE_PAIRS: such groups are not spelling variants of one name.
NAMES_PER_ATOM = 6
MAX_LINKAGE_PAIRS = 400
# The subset guard compares every distinct name of one cluster with every one of the other, up to this many pairs.
MAX_SUBSET_PAIRS = 4000


@dataclass(frozen=True, slots=True)
class Edge:
    """A merge decision between two nodes."""

    left: str
    right: str
    score: float
    reason: str


class Clusters:
    """Union-find over nodes whose unions are checked against forced splits, declared acronyms and subset names."""

    def __init__(self, keys: dict[str, NameKeys], owner_core: dict[str, str], initialisms: dict[str, set[str]]):
        self.parent: dict[str, str] = {}
        self.members: dict[str, list[str]] = {}
        self.keys = keys  # name node -> its keys
        self.owner_core = owner_core  # name node -> core of its name without a leading owner acronym
        self.initialisms: dict[str, set[str]] = {}  # root -> initialisms declared by its members
        self._node_initialisms = initialisms
        self.cannot: dict[str, set[str]] = defaultdict(set)  # node -> nodes it must never share a cluster with
        self.edges: list[Edge] = []

    def add(self, node: str) -> None:
        """A new node, in a cluster of its own."""
        if node not in self.parent:
            self.parent[node] = node
            self.members[node] = [node]
            self.initialisms[node] = set(self._node_initialisms.get(node, ()))

    def find(self, node: str) -> str:
        """The root of the node's cluster (with path compression)."""
        parent = self.parent
        root = node
        while parent[root] != root:
            root = parent[root]
        while parent[node] != root:
            parent[node], node = root, parent[node]
        return root

    def forbid(self, a: str, b: str) -> None:
        """a and b must end in different clusters (a forced split)."""
        self.cannot[a].add(b)
        self.cannot[b].add(a)

    def compatible(self, ra: str, rb: str, *, subsets: bool) -> bool:
        """No forced split between the two clusters, no two different declared initialisms, and (with `subsets`)
        no name of one that is a strict subset of a name of the other ("Civil Society" / "Civil Society
        Development Association")."""
        if self.cannot:  # forced splits exist: look for one between the two clusters
            for x, y in ((ra, rb), (rb, ra)):
                for node in self.members[x]:
                    if any(self.find(other) == y for other in self.cannot.get(node, ())):
                        return False
        ia, ib = self.initialisms[ra], self.initialisms[rb]
        if ia and ib and not ia & ib:
            return False
        if subsets:
            names_a, names_b = self._distinct_names(ra), self._distinct_names(rb)
            if len(names_a) * len(names_b) > MAX_SUBSET_PAIRS:
                return False
            return not any(self.conflict(a, b) for a in names_a for b in names_b)
        return True

    def _distinct_names(self, root: str) -> list[str]:
        """One name node per distinct base key and owner: the inputs of `conflict`."""
        seen: dict[tuple[str, str | None], str] = {}
        for node in self.members[root]:
            keys = self.keys.get(node)
            if keys is not None:
                seen.setdefault((keys.base, self.owner_core.get(node)), node)
        return list(seen.values())

    def conflict(self, a: str, b: str) -> bool:
        """Names that must stay apart: one adds words to the other (other than an owner's acronym in front),
        or they name different places or numbers."""
        ka, kb = self.keys[a], self.keys[b]
        if ka.numbers != kb.numbers or (ka.places and kb.places and ka.places != kb.places):
            return True
        if ka.content < kb.content:
            return self.owner_core.get(b) != ka.core
        if kb.content < ka.content:
            return self.owner_core.get(a) != kb.core
        return False

    def union(self, a: str, b: str, score: float, reason: str, *, check: bool = True, subsets: bool = False) -> bool:
        """Merge the clusters of a and b unless a guard objects; record the decision. True if they are now one."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if check and not self.compatible(ra, rb, subsets=subsets):
            return False
        if len(self.members[ra]) < len(self.members[rb]) or \
                (len(self.members[ra]) == len(self.members[rb]) and rb < ra):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra].extend(self.members.pop(rb))
        self.initialisms[ra] |= self.initialisms.pop(rb)
        self.edges.append(Edge(a, b, score, reason))
        return True

    def roots(self) -> dict[str, list[str]]:
        """Cluster root -> its nodes, sorted."""
        return {root: sorted(members) for root, members in self.members.items()}


def candidate_pairs(nodes: Iterable[str], keys: dict[str, NameKeys]) -> set[tuple[str, str]]:
    """Pairs of names sharing a blocking key (word fingerprint, first or last words, initials, rare n-grams)."""
    nodes = sorted(nodes)
    grams = {node: ngrams(keys[node].core) for node in nodes}
    gram_count: dict[str, int] = defaultdict(int)
    for node_grams in grams.values():
        for gram in node_grams:
            gram_count[gram] += 1
    blocks: dict[str, list[str]] = defaultdict(list)
    for node in nodes:
        for key in blocking_keys(keys[node]):
            blocks[key].append(node)
        for gram in sorted(grams[node], key=lambda g: (gram_count[g], g))[:NGRAM_KEYS]:
            blocks["ng:" + gram].append(node)
    pairs: set[tuple[str, str]] = set()
    for members in blocks.values():
        if len(members) < 2:
            continue
        if len(members) <= MAX_BLOCK:
            pairs.update((a, b) for i, a in enumerate(members) for b in members[i + 1:])
            continue
        ordered = sorted(members, key=lambda n: keys[n].core)
        for i, a in enumerate(ordered):
            pairs.update((a, b) if a < b else (b, a) for b in ordered[i + 1: i + 1 + FUZZY_WINDOW])
    return pairs


def spelling_variants(ka: NameKeys, kb: NameKeys) -> float:
    """Score of two names that differ only in spelling, else 0: every word one has and the other lacks must be
    a spelling variant of a word the other has and the first lacks; places and numbers must agree."""
    if ka.core == kb.core or ka.numbers != kb.numbers or ka.places != kb.places:
        return 0.0
    score = fuzz.token_sort_ratio(ka.core, kb.core, score_cutoff=FUZZY_MERGE_SCORE)
    return score if score and words_are_variants(ka, kb) else 0.0


def words_are_variants(ka: NameKeys, kb: NameKeys) -> bool:
    """Each word one name has and the other lacks is a spelling variant of a word the other has and the first
    lacks ("ministry"/"minister"), never a different word ("women"/"young") or a word more."""
    wa, wb = set(ka.core.split()), set(kb.core.split())
    only_a, only_b = wa - wb, wb - wa
    if len(only_a) != len(only_b):
        return False
    return all(any(fuzz.ratio(word, other) >= TYPO_WORD_SCORE for other in only_b) for word in only_a)


def fuzzy_link(clusters: Clusters, names: list[str], keys: dict[str, NameKeys],
               weight: Callable[[str], int]) -> None:
    """Merge clusters whose names are spelling variants, strongest pairs first, with complete linkage between the
    strong clusters (atoms) that make up each group."""
    scored = []
    for a, b in candidate_pairs(names, keys):
        if clusters.find(a) == clusters.find(b):
            continue
        score = spelling_variants(keys[a], keys[b])
        if score:
            scored.append((-score, a, b))
    if not scored:
        return
    scored.sort()
    atom_of = {n: clusters.find(n) for n in names}
    atom_names: dict[str, list[str]] = defaultdict(list)
    for node in sorted(names, key=lambda n: (-weight(n), n)):
        if len(atom_names[atom_of[node]]) < NAMES_PER_ATOM:
            atom_names[atom_of[node]].append(node)
    group_atoms: dict[str, list[str]] = {}
    for atom in atom_names:
        group_atoms.setdefault(clusters.find(atom), []).append(atom)
    cache: dict[tuple[str, str], float] = {}

    def atom_score(x: str, y: str) -> float:
        pair = (x, y) if x < y else (y, x)
        if pair not in cache:
            cache[pair] = max(fuzz.token_sort_ratio(keys[p].core, keys[q].core)
                              for p in atom_names[x] for q in atom_names[y])
        return cache[pair]

    for negative, a, b in scored:
        ra, rb = clusters.find(a), clusters.find(b)
        if ra == rb:
            continue
        atoms_a, atoms_b = group_atoms.get(ra, []), group_atoms.get(rb, [])
        if len(atoms_a) * len(atoms_b) > MAX_LINKAGE_PAIRS:
            continue
        if any(atom_score(x, y) < FUZZY_GROUP_SCORE for x in atoms_a for y in atoms_b):
            continue
        if clusters.union(a, b, -negative, "fuzzy", subsets=True):
            merged = atoms_a + atoms_b
            group_atoms.pop(ra, None)
            group_atoms.pop(rb, None)
            group_atoms[clusters.find(a)] = merged
