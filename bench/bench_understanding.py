"""How well the parser understands issue texts: the labelled corpus, scored (see
tests/corpus/README.md for the format and the matching rules).

    .venv/bin/python bench/bench_understanding.py [--part dev|heldout|all] [--baseline REV]
                                                  [--misses]

Prints one table per part: entity, field, relation and rule precision and recall, field-type
accuracy, vague texts refused, invented entities from non-nouns, and milliseconds per text.
`--baseline REV` scores the parser of git revision REV in the same run: REV is checked out into a
temporary worktree, scored there in a subprocess with PYTHONPATH pointing at it (the corpus and
this scorer stay the current ones), and the worktree is removed afterwards. `--misses` lists what
each text got wrong (use it on dev only: the held-out part is not to be read while changing the
parser). Asserts nothing. Reads the corpus; runs git for --baseline.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "issues"
SCORING = ROOT / "tests" / "corpus" / "scoring.py"


def _scoring() -> ModuleType:
    spec = importlib.util.spec_from_file_location("understanding_scoring", SCORING)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["understanding_scoring"] = module
    spec.loader.exec_module(module)
    return module


def _set_corpus(path: str) -> None:
    global CORPUS
    CORPUS = Path(path).resolve()


def _parts(choice: str) -> list[str]:
    present = [p for p in ("dev", "heldout") if (CORPUS / p).is_dir()]
    return present if choice == "all" else [p for p in present if p == choice]


def _score_here(parts: list[str]) -> dict[str, dict[str, object]]:
    scoring = _scoring()
    nlp = scoring.load_nlp()
    out = {}
    for part in parts:
        cases = scoring.load_cases(CORPUS / part)
        out[part] = scoring.score_to_dict(scoring.score_cases(cases, nlp=nlp))
    return out


def _score_revision(rev: str, parts: list[str]) -> dict[str, dict[str, object]]:
    with tempfile.TemporaryDirectory(prefix="bench-understanding-") as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(tree), rev],
            check=True,
        )
        try:
            env = {**os.environ, "PYTHONPATH": str(tree)}
            done = subprocess.run(
                [sys.executable, __file__, "--worker", "--corpus", str(CORPUS)]
                + ["--part", ",".join(parts)],
                env=env,
                cwd=tree,
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                sys.exit(f"scoring {rev} failed:\n{done.stderr[-3000:]}")
            result: dict[str, dict[str, object]] = json.loads(done.stdout)
            return result
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", default="all", help="dev, heldout or all (default)")
    parser.add_argument("--baseline", default="", help="a git revision to score beside this one")
    parser.add_argument("--misses", action="store_true", help="list each text's misses")
    parser.add_argument("--corpus", default="", help="another issues/ folder (default: the repo's)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.corpus:
        _set_corpus(args.corpus)
    if args.worker:
        print(json.dumps(_score_here(args.part.split(","))))
        return
    sys.path.insert(0, str(ROOT))  # this checkout's parser, whatever the venv installed
    parts = _parts(args.part)
    if not parts:
        sys.exit(f"no corpus part {args.part!r} under {CORPUS}")
    scoring = _scoring()
    before = _score_revision(args.baseline, parts) if args.baseline else {}
    now = _score_here(parts)
    rev = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    for part in parts:
        columns = {}
        if before:
            columns[f"@{args.baseline}"] = scoring.score_from_dict(before[part])
        columns[f"now ({rev}+tree)"] = scoring.score_from_dict(now[part])
        print(f"\n== {part} ==")
        print(scoring.format_table(columns))
        current = columns[f"now ({rev}+tree)"]
        if current.invented:
            print("invented:", ", ".join(current.invented))
        if args.misses:
            for case_id, misses in current.misses.items():
                if misses:
                    print(f"-- {case_id}: " + "; ".join(misses))


if __name__ == "__main__":
    main()
