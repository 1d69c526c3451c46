"""Forced decisions read from `organisations.yml` in the source folder; they win over automatic resolution.

    merge:                                   # each entry: these names are one organisation
      - [Civil Society Development Association, ARGO]
      - names: [Innovation for Change Central Asia, I4C Hub]
        name: Innovation for Change – Central Asia Hub   # optional: the name to publish
    split:                                   # each entry: these names are all different organisations
      - [Innovation for Change, Innovation for Change Central Asia Hub]

Names are matched as resolution matches them: by their name key (case, punctuation, a leading "The" and
spelling variants do not matter), and acronyms by their letters ("I4C CA" = "I4CCA"). A name, variant or acronym
of a gazetteer organisation (pipeline/nlp/patterns/org_gazetteer.jsonl) also stands for that entry, since its
mentions are resolved under the gazetteer id ("United States Agency for International Development", "USAID").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from pathlib import Path

import yaml

from pipeline.nlp import gazetteer
from pipeline.resolve.keys import acronym_key, is_acronym_form, name_key

OVERRIDES_FILE = "organisations.yml"


class OverridesError(ValueError):
    """A malformed overrides file; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class MergeRule:
    names: tuple[str, ...]
    name: str | None  # canonical name to publish, if given
    line: int


@dataclass(frozen=True, slots=True)
class SplitRule:
    names: tuple[str, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Overrides:
    merges: tuple[MergeRule, ...] = ()
    splits: tuple[SplitRule, ...] = ()
    source: str = OVERRIDES_FILE


def override_nodes(name: str) -> list[str]:
    """Resolution nodes a name in the overrides file stands for (a name, an acronym, or both)."""
    nodes = []
    key = name_key(name)
    if key:
        nodes.append(f"n:{key}")
    if key:
        nodes.extend(_gazetteer_nodes().get(f"n:{key}", ()))
    if is_acronym_form(name.strip()):
        nodes.append(f"a:{acronym_key(name)}")
        nodes.extend(_gazetteer_nodes().get(f"a:{acronym_key(name)}", ()))
    return list(dict.fromkeys(nodes))


@lru_cache(maxsize=1)
def _gazetteer_nodes() -> dict[str, tuple[str, ...]]:
    """Name and acronym nodes of each gazetteer entry's name, variants and acronym -> the entries' "g:<id>" nodes."""
    index: dict[str, list[str]] = defaultdict(list)
    for entry in gazetteer():
        keys = {f"n:{name_key(form)}" for form in (entry["name"], *entry.get("variants", ())) if name_key(form)}
        if entry.get("acronym") and acronym_key(entry["acronym"]):
            keys.add(f"a:{acronym_key(entry['acronym'])}")
        for key in keys:
            index[key].append(f"g:{entry['id']}")
    return {key: tuple(ids) for key, ids in index.items()}


def load_overrides(src_dir: Path) -> Overrides:
    """The overrides in src_dir/organisations.yml; no file means no overrides."""
    path = Path(src_dir) / OVERRIDES_FILE
    if not path.is_file():
        return Overrides(source=str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise OverridesError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from error
    return parse_overrides(text, str(path))


def parse_overrides(text: str, source: str) -> Overrides:
    """Parse the YAML text of an overrides file; errors name `source` and the line."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        raise OverridesError(f"{source}{where}: not valid YAML ({getattr(error, 'problem', None) or error})") from error
    if root is None:
        return Overrides(source=source)

    def fail(node: yaml.Node, message: str) -> OverridesError:
        return OverridesError(f"{source}, line {node.start_mark.line + 1}: {message}")

    if not isinstance(root, yaml.MappingNode):
        raise fail(root, "expected a mapping with the keys 'merge' and/or 'split'")
    merges: list[MergeRule] = []
    splits: list[SplitRule] = []
    for key_node, value in root.value:
        section = key_node.value
        if section not in ("merge", "split"):
            raise fail(key_node, f"unknown key {section!r}; expected 'merge' or 'split'")
        if not isinstance(value, yaml.SequenceNode):
            raise fail(value, f"'{section}' must be a list of entries")
        for entry in value.value:
            line = entry.start_mark.line + 1
            names, name = _entry(entry, section, fail)
            if section == "merge":
                merges.append(MergeRule(names, name, line))
            else:
                splits.append(SplitRule(names, line))
    overrides = Overrides(tuple(merges), tuple(splits), source)
    _check_consistent(overrides)
    return overrides


def _entry(entry: yaml.Node, section: str, fail) -> tuple[tuple[str, ...], str | None]:
    name = None
    if isinstance(entry, yaml.MappingNode):
        fields = {k.value: v for k, v in entry.value}
        unknown = set(fields) - ({"names", "name"} if section == "merge" else {"names"})
        if unknown:
            raise fail(entry, f"unknown field(s) {', '.join(sorted(unknown))} in a '{section}' entry")
        if "names" not in fields:
            raise fail(entry, f"a '{section}' entry needs 'names'")
        if "name" in fields:
            name_node = fields["name"]
            if not isinstance(name_node, yaml.ScalarNode) or not str(name_node.value).strip():
                raise fail(name_node, "'name' must be a non-empty string")
            name = str(name_node.value).strip()
        entry = fields["names"]
    if not isinstance(entry, yaml.SequenceNode):
        raise fail(entry, f"a '{section}' entry must be a list of names or a mapping with 'names'")
    names = []
    for item in entry.value:
        if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
            raise fail(item, "each name must be a non-empty string")
        if not override_nodes(str(item.value)):
            raise fail(item, f"{item.value!r} has no letters or digits to match")
        names.append(str(item.value).strip())
    if len(names) < 2:
        raise fail(entry, f"a '{section}' entry needs at least two names")
    return tuple(names), name


def _check_consistent(overrides: Overrides) -> None:
    """A split may not separate names that the merges (taken together) join, nor names with the same key."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            x = parent[x]
        return x

    for rule in overrides.merges:
        nodes = [n for name in rule.names for n in override_nodes(name)]
        for node in nodes[1:]:
            parent[find(node)] = find(nodes[0])
    for rule in overrides.splits:
        for a, b in combinations(rule.names, 2):
            shared = set(override_nodes(a)) & set(override_nodes(b))
            if shared and all(node.startswith("g:") for node in shared):
                raise OverridesError(f"{overrides.source}, line {rule.line}: {a!r} and {b!r} both name the "
                                     f"gazetteer organisation {min(shared)[2:]!r} (org_gazetteer.jsonl), so they "
                                     "cannot be split")
            if shared:
                raise OverridesError(f"{overrides.source}, line {rule.line}: {a!r} and {b!r} are the same name "
                                     "once case and punctuation are ignored, so they cannot be split")
            if any(find(x) == find(y) for x in override_nodes(a) for y in override_nodes(b)):
                raise OverridesError(f"{overrides.source}, line {rule.line}: {a!r} and {b!r} are merged by the "
                                     "'merge' entries, so they cannot also be split")
