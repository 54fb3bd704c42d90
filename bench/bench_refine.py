"""Refinement accuracy on the labelled corpus: each instruction applied to its start spec.

    .venv/bin/python bench/bench_refine.py [--part dev|heldout|all] [--baseline REV] [--show-misses]
                                           [--extra DIR]

For every `tests/corpus/refine/<part>/*.yaml` (dev, and heldout when present) the instruction is
applied to `tests/corpus/refine/start/<start>.yaml` at the spec level (no rendering), the
difference is computed as the corpus's operations (`pipeline.refine.diff`) and compared exactly
with `expect` (order does not matter). An item marked `refuse: true` counts when the spec is left
unchanged and the tool says why. Any other item counts when every operation matches and nothing
was left unapplied. Prints accuracy per part; `--part dev` reads and scores the dev part only
(use it while changing the code: the held-out part is measured by whoever merges). `--extra DIR`
scores the items of another folder as a part of its own (a fresh batch, measured before anyone
tunes on it).

`--baseline REV` scores git revision REV in the same run: a temporary `git worktree` of REV runs
this file's `--apply` mode in a subprocess with that revision's code first on the path; the
difference and the scoring are this revision's, so before and after are measured the same way.

I/O: reads the corpus; with --baseline, runs git (worktree add/remove) and a subprocess.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess  # noqa: S404  (git and python with fixed arguments)
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus" / "refine"
PARTS = ("dev", "heldout")


def corpus_items(part: str, root: Path = CORPUS) -> list[dict[str, Any]]:
    import yaml

    folder = root / part
    items = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        item = yaml.safe_load(path.read_text())
        item["file"] = path.name
        items.append(item)
    return items


def apply_all(items: list[dict[str, Any]], start_dir: Path) -> list[dict[str, Any]]:
    """Apply each item with the `pipeline` on sys.path: its result spec as YAML, and whether the
    tool asked or refused something. Works with the refinement API of older revisions too."""
    from pipeline.spec import ProjectSpec

    try:
        from pipeline.refine import refine_spec  # type: ignore[attr-defined]
    except ImportError:
        refine_spec = None
    from pipeline.refine import apply_instructions

    results = []
    for item in items:
        start = ProjectSpec.from_yaml((start_dir / f"{item['start']}.yaml").read_text())
        try:
            if refine_spec is not None:
                done = refine_spec(start, item["instruction"])
                spec, asked = done.spec, bool(done.questions)
            else:
                old = apply_instructions(start, item["instruction"])
                spec, asked = old.spec, bool(old.errors)
            results.append({"yaml": spec.to_yaml(), "asked": asked, "crash": ""})
        except Exception as exc:  # noqa: BLE001  (a crash is scored as a miss, and shown)
            results.append({"yaml": start.to_yaml(), "asked": True, "crash": repr(exc)})
    return results


def score(items: list[dict[str, Any]], results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per item: ok, and the operations found (for --show-misses)."""
    from pipeline.refine.diff import canonical_operation, spec_operations
    from pipeline.spec import ProjectSpec

    scored = []
    for item, result in zip(items, results, strict=True):
        start = ProjectSpec.from_yaml((CORPUS / "start" / f"{item['start']}.yaml").read_text())
        found = spec_operations(start, ProjectSpec.from_yaml(result["yaml"]))
        want = sorted(canonical_operation(op) for op in item.get("expect") or [])
        got = sorted(canonical_operation(op) for op in found)
        if item.get("refuse"):
            ok = not got and result["asked"]
        else:
            ok = got == want and not result["asked"]
        scored.append({"id": item["id"], "ok": ok, "got": found, "item": item, **result})
    return scored


def _baseline(rev: str, parts: dict[str, list[dict[str, Any]]]) -> dict[str, list[Any]]:
    with tempfile.TemporaryDirectory(prefix="bench-refine-") as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(  # noqa: S603, S607
            ["git", "worktree", "add", "--detach", "--quiet", str(tree), rev], cwd=ROOT, check=True
        )
        try:
            payload = Path(tmp) / "items.json"
            payload.write_text(json.dumps(parts))
            env = {**os.environ, "PYTHONPATH": str(tree)}
            out = subprocess.run(  # noqa: S603
                [sys.executable, __file__, "--apply", str(payload)],
                cwd=tree, env=env, capture_output=True, text=True, check=True,
            )  # fmt: skip
            results: dict[str, list[Any]] = json.loads(out.stdout)
            return results
        finally:
            subprocess.run(  # noqa: S603, S607
                ["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=False
            )


def _report(label: str, part: str, scored: list[dict[str, Any]], show: bool) -> None:
    ok = sum(s["ok"] for s in scored)
    print(f"{label:>10} {part:<8} {ok:>4}/{len(scored):<4} accuracy {ok / len(scored):.3f}")
    if show:
        for s in scored:
            if not s["ok"]:
                print(f"    miss {s['item']['file']}: {s['item']['instruction'].strip()!r}")
                print(f"         got {s['got']} asked={s['asked']} {s['crash']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", metavar="REV", help="also score this git revision")
    parser.add_argument("--show-misses", action="store_true", help="list the items missed")
    parser.add_argument(
        "--part", choices=(*PARTS, "all"), default="all", help="which part to score (default all)"
    )
    parser.add_argument(
        "--extra", metavar="DIR", help="also score a folder of items (e.g. a fresh batch) as a part"
    )
    parser.add_argument("--apply", metavar="JSON", help=argparse.SUPPRESS)  # baseline worker
    args = parser.parse_args()
    if args.apply:  # runs inside the baseline's worktree, with its code on the path
        parts = json.loads(Path(args.apply).read_text())
        start = (
            CORPUS / "start" if (CORPUS / "start").is_dir() else Path("tests/corpus/refine/start")
        )
        print(json.dumps({p: apply_all(items, start) for p, items in parts.items()}))
        return
    if str(ROOT) not in sys.path[:1]:  # this tree's code, not an installed copy elsewhere
        sys.path.insert(0, str(ROOT))
    wanted = PARTS if args.part == "all" else (args.part,)
    parts = {p: items for p in wanted if (items := corpus_items(p))}
    if args.extra:
        extra = Path(args.extra).resolve()
        parts[extra.name] = corpus_items(extra.name, extra.parent)
    if args.baseline:
        before = _baseline(args.baseline, parts)
        for part, items in parts.items():
            _report(args.baseline[:10], part, score(items, before[part]), False)
    for part, items in parts.items():
        _report(
            "this tree", part, score(items, apply_all(items, CORPUS / "start")), args.show_misses
        )


if __name__ == "__main__":
    main()
