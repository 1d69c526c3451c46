"""Benchmark organisation resolution on generated mention strings.

    python bench/resolve_bench.py [N] [SEED]     # prints JSON; N defaults to 100000

Generates N mentions of N / MENTIONS_PER_ORG synthetic organisations as reports print them: exact names, "The",
Programme/Program and Organisation/Organization, case changes, typos, "Long Name (ACR)", "Long Name – ACR",
bare acronyms, legal-form designators ("PA", "NGO", "LLC") and place qualifiers ("in Osh"), spread over
N / MENTIONS_PER_DOC documents. Resolution runs in a fresh child process, which reports its wall time and its
peak resident memory (resource.getrusage), plus B-cubed precision and recall against the generated truth.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MENTIONS_PER_ORG = 20
MENTIONS_PER_DOC = 200
# Share of mentions printed each way; the rest are printed exactly as the organisation's name.
VARIANTS = {"the": 0.08, "case": 0.04, "typo": 0.08, "definition": 0.08, "dash": 0.04, "bare": 0.10,
            "designator": 0.05, "qualifier": 0.03}
SYLLABLES = ("ka", "ra", "bek", "nur", "zhol", "tal", "as", "mon", "gol", "ul", "an", "bat", "ter", "si", "dor",
             "kul", "ma", "li", "sar", "yk", "ob", "din", "vos", "tok", "er", "zan", "pir", "mu", "lan", "chi")
WORDS = ("Development", "Women", "Youth", "Rural", "Water", "Health", "Education", "Rights", "Democracy",
         "Environment", "Media", "Business", "Farmers", "Teachers", "Disability", "Innovation", "Civic",
         "Social", "Research", "Justice", "Energy", "Forest", "Mountain", "Children", "Migrants", "Culture")
HEADS = ("Association", "Foundation", "Fund", "Institute", "Centre", "Network", "Programme", "Organisation",
         "Union", "Council", "Alliance", "Initiative", "Society", "Coalition", "Agency", "Trust")
SHAPES = ("{p} {w} {h}", "{h} of {w} and {w2}", "{p} {h}", "{w} {h} of {P}", "{p} {w} {w2} {h}",
          "{h} for {w} {w2}", "{P} {w} {h}")
PLACES = ("Osh", "Bishkek", "Almaty", "Dushanbe", "Tashkent", "Ashgabat", "Kabul", "Ulaanbaatar", "Naryn", "Khujand")
DESIGNATORS = ("PA {}", "{} NGO", "{} LLC", "Public Foundation {}")


def _proper(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def organisations(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """(name, acronym) of `count` distinct synthetic organisations."""
    seen: set[str] = set()
    out = []
    while len(out) < count:
        shape = rng.choice(SHAPES)
        w, w2 = rng.sample(WORDS, 2)
        name = shape.format(p=_proper(rng), P=_proper(rng), w=w, w2=w2, h=rng.choice(HEADS))
        words = " ".join(sorted(w for w in name.lower().split() if w not in ("of", "for", "and")))
        if words in seen:
            continue  # "Council of Rights and Research" and "Council for Research Rights" would be one body
        seen.add(words)
        acronym = "".join(word[0] for word in name.split() if word[0].isupper())
        out.append((name, acronym if len(acronym) >= 3 else _proper(rng).upper()[:4]))
    return out


def _typo(name: str, rng: random.Random) -> str:
    words = name.split()
    long_words = [i for i, word in enumerate(words) if len(word) >= 6]
    if not long_words:
        return name
    i = rng.choice(long_words)
    word = words[i]
    j = rng.randrange(1, len(word) - 1)
    words[i] = rng.choice((word[:j] + word[j + 1:], word[:j] + word[j + 1] + word[j] + word[j + 2:]))
    return " ".join(words)


def _spelling(name: str, rng: random.Random) -> str:
    swaps = {"Programme": "Program", "Organisation": "Organization", "Centre": "Center"}
    return " ".join(swaps.get(w, w) if rng.random() < 0.5 else w for w in name.split())


def generate(n: int, seed: int = 0) -> tuple[list, list[int]]:
    """n Mention records and, for each, the index of the organisation it names."""
    from pipeline.records import Mention, Provenance

    rng = random.Random(seed)
    orgs = organisations(max(1, n // MENTIONS_PER_ORG), rng)
    documents = max(1, n // MENTIONS_PER_DOC)
    kinds, weights = zip(*VARIANTS.items())
    plain = 1.0 - sum(weights)
    mentions, truth = [], []
    for i in range(n):
        org = rng.randrange(len(orgs))
        name, acronym = orgs[org]
        name = _spelling(name, rng)
        kind = rng.choices((*kinds, "plain"), (*weights, plain))[0]
        text, declared, rule = name, None, "org_head_shape"
        if kind == "the":
            text = "The " + name
        elif kind == "case":
            text = name.upper() if rng.random() < 0.5 else name.lower().capitalize()
        elif kind == "typo":
            text = _typo(name, rng)
        elif kind == "definition":
            declared, rule = acronym, "acronym_definition"
        elif kind == "dash":
            text = f"{name} – {acronym}"
        elif kind == "bare":
            text, rule = acronym, "acronym_bare"
        elif kind == "designator":
            text = rng.choice(DESIGNATORS).format(name)
        elif kind == "qualifier":
            text = f"{name} in {rng.choice(PLACES)}"
        doc = f"doc_{rng.randrange(documents):016x}"
        mentions.append(Mention(text, "cso", declared, None, Provenance(doc, 1, i, i + len(text), i, i + len(text),
                                                                       None, rule)))
        truth.append(org)
    return mentions, truth


def bcubed(predicted: list[str | None], truth: list[int]) -> tuple[float, float]:
    """B-cubed precision and recall over the resolved mentions (contingency counts, not all pairs)."""
    pairs = [(p, t) for p, t in zip(predicted, truth) if p is not None]
    if not pairs:
        return 0.0, 0.0
    both = Counter(pairs)
    by_pred = Counter(p for p, _ in pairs)
    by_true = Counter(t for _, t in pairs)
    precision = sum(c * c / by_pred[p] for (p, _), c in both.items()) / len(pairs)
    recall = sum(c * c / by_true[t] for (_, t), c in both.items()) / len(pairs)
    return precision, recall


def _child(n: int, seed: int) -> dict:
    """Runs in the fresh child process: generate, then time resolve()."""
    from pipeline.resolve import resolve

    mentions, truth = generate(n, seed)
    started = time.perf_counter()
    resolution = resolve(mentions)
    seconds = time.perf_counter() - started
    predicted = [resolution.mention_org.get(i) for i in range(len(mentions))]
    precision, recall = bcubed(predicted, truth)
    return {"seconds": seconds, "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            "organisations": len(resolution.organisations), "true_organisations": len(set(truth)),
            "resolved": sum(p is not None for p in predicted), "links": len(resolution.links),
            "bcubed_P": round(precision, 4), "bcubed_R": round(recall, 4)}


def run(n: int = 100_000, seed: int = 0) -> dict:
    """Resolve n generated mentions in a fresh process: wall seconds, peak RSS (MB) and quality."""
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", str(n), str(seed)],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    child = json.loads(out.stdout.strip().splitlines()[-1])
    return {"n": n, "seed": seed, "resolve_100k_s": round(child["seconds"], 2),
            "resolve_100k_peak_mb": round(child["peak_kb"] / 1024, 1),
            **{k: child[k] for k in ("organisations", "true_organisations", "resolved", "links", "bcubed_P",
                                     "bcubed_R")}}


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        sys.path.insert(0, str(ROOT))
        print(json.dumps(_child(int(sys.argv[2]), int(sys.argv[3]))))
    else:
        args = [int(a) for a in sys.argv[1:3]]
        print(json.dumps(run(*args), indent=1))
