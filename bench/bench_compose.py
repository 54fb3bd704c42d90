"""Several requests in one comment: dev refinement items joined, scored against their union.

    .venv/bin/python bench/bench_compose.py [--count N] [--seed S] [--show]

Reviewers often write several requests in one comment. This bench takes dev items of
`tests/corpus/refine/dev/` (never the held-out part) that share a `start` spec, are not
`refuse: true`, are one line, and are applied correctly alone; it keeps pairs (and some triples)
whose expected operations name different entities, roles or settings and that compose when
applied one comment after the other (the second applied to the first's result gives exactly
the union). Their instructions are then joined in one comment, in one of several ways:

    sentences   "A. B."                      bullets     "Couple of things:\\n- A\\n- B"
    and_also    "A, and also B" (A, B of one sentence each)
    lines       "A\\nB"                       greeting    "Hi! A. B. Thanks!"
    also        "A. Also, b."
    reason      "A. We need that for the launch. B." (one of a few reasons)

and the comment must give exactly the union of the items' expected operations, with nothing
asked. Prints combinations tried, correct, and failures per kind (nothing applied: the comment
was refused or asked; wrong ops: applied, but not the union; crash), per way of joining;
`--show` lists the failures. A fixed seed picks the same combinations on every run; nothing is
asserted.

I/O: reads the corpus.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus" / "refine"
_SENTENCE_BREAK = re.compile(r"[.?!]\s+\S|\s[-–—]+\s|\bno wait\b", re.IGNORECASE)
_GLOBAL = {"set_auth": "auth", "set_database": "database", "set_feature": "feature"}


def _bare(text: str) -> str:
    return text.strip().rstrip(".!").strip()


def _sentence(text: str) -> str:
    bare = _bare(text)
    return bare if bare.endswith("?") else f"{bare}."


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


_REASONS = (
    "We need that for the launch.",
    "Our editors asked for it.",
    "This came up in the last review.",
    "The launch is next week.",
)
JOINS: dict[str, Callable[[list[str]], str]] = {
    "sentences": lambda xs: " ".join(_sentence(x) for x in xs),
    "bullets": lambda xs: "Couple of things:\n" + "\n".join(f"- {_bare(x)}" for x in xs),
    "and_also": lambda xs: ", and also ".join(
        [_bare(xs[0]), *(_lower_first(_bare(x)) for x in xs[1:])]
    ),
    "lines": lambda xs: "\n".join(_bare(x) for x in xs),
    "greeting": lambda xs: "Hi! " + " ".join(_sentence(x) for x in xs) + " Thanks!",
    "also": lambda xs: " ".join(
        [_sentence(xs[0]), *(f"Also, {_lower_first(_sentence(x))}" for x in xs[1:])]
    ),
    "reason": lambda xs: f" {_REASONS[len(''.join(xs)) % len(_REASONS)]} ".join(
        _sentence(x) for x in xs
    ),
}


def _touches(item: dict[str, Any]) -> tuple[set[str], set[str]]:
    """What an item's operations are about: (the entities it makes, removes or renames, every
    entity, field, role and setting it names); two items conflict when they name the same field,
    role or setting, or one names an entity the other makes, removes or renames. Items about
    different fields of one entity are kept: "it" and "they" in them must stay where they are."""
    whole: set[str] = set()
    parts: set[str] = set()
    for op in item.get("expect") or []:
        kind = op["op"]
        if kind in _GLOBAL:
            parts.add(f"setting:{op[_GLOBAL[kind]]}" if kind == "set_feature" else kind)
        rule = op.get("rule") or {}
        names = [op.get(k) for k in ("entity", "source", "target")] + [rule.get("entity")]
        if kind.endswith("_entity"):
            whole |= {n.lower() for n in (op["entity"], op.get("to")) if n}
        entities = {n.lower() for n in names if isinstance(n, str)}
        parts |= entities
        field = op.get("field") or rule.get("field")
        if field:
            parts.add(f"{str(op.get('entity') or rule.get('entity')).lower()}.{field}")
        if kind in ("set_owner", "set_read") or "permission" in kind or "relation" in kind:
            parts |= {f"{e}:{kind.split('_')[1]}" for e in entities}
        roles = [op["role"]] if "role" in op else op.get("roles") or []
        parts |= {f"role:{r}" for r in roles}
    return whole, parts


def _conflict(a: tuple[set[str], set[str]], b: tuple[set[str], set[str]]) -> bool:
    entities_a = {p for p in a[1] if "." not in p and ":" not in p}
    entities_b = {p for p in b[1] if "." not in p and ":" not in p}
    shared = (a[1] - entities_a) & (b[1] - entities_b)
    return bool(shared or a[0] & b[1] or b[0] & a[1])


def _ops(start: Any, spec: Any) -> list[str]:
    from pipeline.refine.diff import canonical_operation, spec_operations

    return sorted(canonical_operation(op) for op in spec_operations(start, spec))


def _want(items: list[dict[str, Any]]) -> list[str]:
    from pipeline.refine.diff import canonical_operation

    return sorted(canonical_operation(op) for it in items for op in it.get("expect") or [])


def _composes(start: Any, items: list[dict[str, Any]]) -> bool:
    """The items applied one comment after the other give exactly their union."""
    from pipeline.refine import refine_spec

    spec = start
    try:
        for item in items:
            done = refine_spec(spec, item["instruction"])
            if done.questions:
                return False
            spec = done.spec
    except Exception:  # noqa: BLE001  (not a combination to score)
        return False
    return _ops(start, spec) == _want(items)


def combinations(count: int, seed: int) -> list[tuple[str, list[dict[str, Any]]]]:
    """(way of joining, items) for `count` combinations, the same for the same seed."""
    import yaml

    from pipeline.refine import refine_spec
    from pipeline.spec import ProjectSpec

    starts = {p.stem: ProjectSpec.from_yaml(p.read_text()) for p in (CORPUS / "start").glob("*")}
    alone: dict[str, list[dict[str, Any]]] = {}
    for path in sorted((CORPUS / "dev").glob("*.yaml")):
        item = yaml.safe_load(path.read_text())
        item["file"] = path.name
        if item.get("refuse") or "\n" in item["instruction"].strip():
            continue
        start = starts[item["start"]]
        try:
            done = refine_spec(start, item["instruction"])
        except Exception:  # noqa: BLE001
            continue
        if not done.questions and _ops(start, done.spec) == _want([item]):
            alone.setdefault(item["start"], []).append(item)
    rng = random.Random(seed)
    picked: list[tuple[str, list[dict[str, Any]]]] = []
    seen: set[tuple[str, ...]] = set()
    names = sorted(alone)
    tries = 0
    while len(picked) < count and tries < count * 50:
        tries += 1
        pool = alone[rng.choice(names)]
        size = 3 if rng.random() < 0.25 else 2
        if len(pool) < size:
            continue
        items = rng.sample(pool, size)
        key = tuple(sorted(it["file"] for it in items))
        touched = [_touches(it) for it in items]
        if key in seen or any(
            _conflict(touched[i], touched[j]) for i in range(size) for j in range(i + 1, size)
        ):
            continue
        seen.add(key)
        if not _composes(starts[items[0]["start"]], items):
            continue
        joins = sorted(JOINS)
        if any(_SENTENCE_BREAK.search(_bare(it["instruction"])) for it in items):
            joins.remove("and_also")  # "X. Y, and also Z" is not how anyone writes
        picked.append((rng.choice(joins), items))
    return picked


def run(count: int, seed: int) -> list[dict[str, Any]]:
    from pipeline.refine import refine_spec
    from pipeline.spec import ProjectSpec

    results = []
    for join, items in combinations(count, seed):
        start = ProjectSpec.from_yaml((CORPUS / "start" / f"{items[0]['start']}.yaml").read_text())
        text = JOINS[join]([it["instruction"] for it in items])
        want, got, failure, detail = _want(items), [], "", ""
        try:
            done = refine_spec(start, text)
            got = _ops(start, done.spec)
            if done.questions:
                failure, detail = "nothing applied", " | ".join(done.questions)
            elif got != want:
                failure = "wrong ops"
        except Exception as exc:  # noqa: BLE001  (a crash is scored, and shown)
            failure, detail = "crash", repr(exc)
        results.append({"join": join, "items": items, "text": text, "want": want, "got": got,
                        "failure": failure, "detail": detail})  # fmt: skip
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--count", type=int, default=300, help="combinations (default 300)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--show", action="store_true", help="list the failures")
    args = parser.parse_args()
    if str(ROOT) not in sys.path[:1]:  # this tree's code, not an installed copy elsewhere
        sys.path.insert(0, str(ROOT))
    results = run(args.count, args.seed)
    ok = sum(not r["failure"] for r in results)
    print(f"combinations {len(results)}  correct {ok}  ({ok / max(len(results), 1):.3f})")
    kinds = Counter(r["failure"] for r in results if r["failure"])
    for kind in ("nothing applied", "wrong ops", "crash"):
        print(f"  {kind:<16} {kinds[kind]}")
    for join in sorted(JOINS):
        mine = [r for r in results if r["join"] == join]
        good = sum(not r["failure"] for r in mine)
        print(f"  join {join:<10} {good:>4}/{len(mine)}")
    if args.show:
        for r in results:
            if r["failure"]:
                files = ", ".join(it["file"] for it in r["items"])
                print(f"\n[{r['failure']}] {r['join']}: {files}\n    {r['text']!r}")
                missing = sorted(set(r["want"]) - set(r["got"]))
                extra = sorted(set(r["got"]) - set(r["want"]))
                if missing:
                    print(f"    missing {missing}")
                if extra:
                    print(f"    extra   {extra}")
                if r["detail"]:
                    print(f"    {r['detail'][:300]}")


if __name__ == "__main__":
    main()
