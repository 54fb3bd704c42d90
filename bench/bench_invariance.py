"""Metamorphic check of the issue parser: variants of a corpus text that mean the same must parse
to the same spec.

    .venv/bin/python bench/bench_invariance.py [--part dev] [--kinds alone,reorder,...]
                                               [--show N] [--only dev-309,...]

For each labelled text (vague ones skipped) it builds variants that mean the same and parses them:
`reorder` (paragraphs, or sections under headings, in reverse order; a leading title or intro
line kept first; template texts skipped), `star` and `numbered` (every list marker swapped for
`*` or `1.`), `joined` (line breaks inside a prose paragraph joined), `wrapped` (lines over 70
characters wrapped, list-item continuations indented), `titled` (a "# <Domain> API" line added)
and `untitled` (a leading `#`/`##` title of 3+ words removed). `alone` is not a variant but the
interference check: each paragraph (and each item of a list of several) parsed on its own,
counting only what that block finds alone, the gold has, and the whole text loses (a gold entity
matched under another name alone than in the whole, an alias artefact, is left out).

Prints per kind: texts with a variant, texts whose parse differs from the original's, and gold
entities and fields (matched as tests/corpus/scoring.py matches them) the variant loses or gains
against the original. `--show N` lists the N worst texts per kind with what they lost/gained.
Asserts nothing. Reads the corpus (dev by default; never run it on the held-out part while
changing the parser).
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from collections.abc import Callable
from multiprocessing import Pool
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_understanding import CORPUS, ROOT, _scoring  # noqa: E402  (the same scorer, loaded once)

KINDS = ("alone", "reorder", "star", "numbered", "joined", "wrapped", "titled", "untitled")

_BULLET = re.compile(r"^(\s*)([-*+•]|\d+[.)])\s+")
_LABEL = re.compile(r"^\s*(?:\*\*[^*]{1,40}\*\*|[A-Z][\w /'-]{0,30}:)")
_SPECIAL = re.compile(r"^\s*(#|\||```|>|[-=_*]{3,}\s*$)")


def _blocks(text: str) -> list[str]:
    return [b.strip("\n") for b in re.split(r"\n[ \t]*\n", text.strip("\n")) if b.strip()]


def _is_intro(block: str) -> bool:
    """A leading block kept first: a title, or a single line that introduces what follows."""
    lines = block.splitlines()
    return block.lstrip().startswith("#") or (len(lines) == 1 and len(block) < 90)


# -- variants ------------------------------------------------------------------------------


def _sections(text: str) -> list[str]:
    """Blank-line blocks, a block that ends in ':' kept with the one it introduces; where the
    text has headings, a heading with everything under it is one section."""
    merged: list[str] = []
    for block in _blocks(text):
        if merged and merged[-1].rstrip().endswith(":"):
            merged[-1] += "\n\n" + block
        else:
            merged.append(block)
    if not any(b.lstrip().startswith("#") for b in merged[1:]):
        return merged
    out: list[str] = []
    for block in merged:
        if out and not block.lstrip().startswith("#"):
            out[-1] += "\n\n" + block
        else:
            out.append(block)
    return out


def reorder(text: str, domain: str) -> str | None:
    if re.search(r"^#+\s*(?:API Description|Technical Context)", text, re.M | re.I):
        return None  # the issue template: its sections have fixed places
    blocks = _sections(text)
    head = blocks[:1] if blocks and _is_intro(blocks[0].split("\n\n")[0]) else []
    rest = blocks[len(head) :]
    if len(rest) < 2:
        return None
    return "\n\n".join(head + rest[::-1]) + "\n"


def _swap_markers(text: str, make: Callable[[int], str]) -> str | None:
    out, counter, changed = [], 0, False
    for line in text.splitlines():
        m = _BULLET.match(line)
        if m and not re.match(r"^\s*[-*]{3,}\s*$", line):
            counter = counter + 1
            new = f"{m.group(1)}{make(counter)} "
            changed = changed or new != m.group(0)
            line = new + line[m.end() :]
        elif line.strip() == "":
            pass
        else:
            counter = 0
        out.append(line)
    return "\n".join(out) + "\n" if changed else None


def star(text: str, domain: str) -> str | None:
    return _swap_markers(text, lambda n: "*")


def numbered(text: str, domain: str) -> str | None:
    return _swap_markers(text, lambda n: f"{n}.")


def joined(text: str, domain: str) -> str | None:
    """Line breaks inside a prose paragraph joined: a plain line that follows a plain line,
    neither of them a list item, label line ("Orders: total"), heading or table row."""
    out: list[str] = []
    changed = False
    for line in text.splitlines():
        prev = out[-1] if out else ""
        if _plain(line) and _plain(prev) and not prev.rstrip().endswith(":"):
            out[-1] = prev.rstrip() + " " + line.strip()
            changed = True
        else:
            out.append(line)
    return "\n".join(out) + "\n" if changed else None


def _plain(line: str) -> bool:
    return bool(
        line.strip()
        and not _SPECIAL.match(line)
        and not _BULLET.match(line)
        and not _LABEL.match(line)
    )


def wrapped(text: str, domain: str) -> str | None:
    out: list[str] = []
    changed = False
    for line in text.splitlines():
        if len(line) <= 70 or _SPECIAL.match(line):
            out.append(line)
            continue
        m = _BULLET.match(line)
        indent = " " * len(m.group(0)) if m else re.match(r"\s*", line).group(0)  # type: ignore[union-attr]
        parts = textwrap.wrap(line, 70, subsequent_indent=indent, break_on_hyphens=False)
        changed = changed or len(parts) > 1
        out.extend(parts)
    return "\n".join(out) + "\n" if changed else None


def titled(text: str, domain: str) -> str | None:
    if text.lstrip().startswith("#"):
        return None
    name = " ".join(w.capitalize() for w in re.split(r"[_\s]+", domain) if w) or "Service"
    return f"# {name} API\n\n{text}"


def untitled(text: str, domain: str) -> str | None:
    lines = text.lstrip("\n").splitlines()
    # a "#" or "##" title of three words or more over a blank line (not a section's heading)
    title = re.match(r"^#{1,2}\s+(?P<words>.+)$", lines[0]) if lines else None
    if not title or len(title.group("words").split()) < 3 or len(lines) < 2 or lines[1].strip():
        return None
    rest = "\n".join(lines[1:]).strip("\n")
    return rest + "\n" if rest else None


VARIANTS: dict[str, Callable[[str, str], str | None]] = {
    "reorder": reorder,
    "star": star,
    "numbered": numbered,
    "joined": joined,
    "wrapped": wrapped,
    "titled": titled,
    "untitled": untitled,
}


def units(text: str) -> list[str]:
    """Each paragraph, and each item of a paragraph that holds a list of several items."""
    out = []
    blocks = _blocks(text)
    for block in blocks:
        if len(blocks) > 1:
            out.append(block)
        items: list[str] = []
        for line in block.splitlines():
            if _BULLET.match(line) and not line.startswith((" ", "\t")):
                items.append(_BULLET.sub("", line, count=1))
            elif items and line.startswith((" ", "\t")):
                items[-1] += " " + line.strip()
        if len(items) > 1:
            out.extend(i for i in items if len(i.split()) > 3)
    return out


# -- scoring -------------------------------------------------------------------------------


def _signature(got: Any) -> tuple[Any, ...]:
    return (
        got.refused,
        sorted((e, sorted(f.items())) for e, f in got.entities.items()),
        sorted(got.relations),
        sorted(got.rules),
        got.auth,
    )


def _hits(scoring: ModuleType, case: Any, got: Any) -> set[str]:
    """Gold entities ('Order') and fields ('Order.total') the parse matches, as scored."""
    score = scoring.Score()
    scoring.score_one(case, got, score)
    misses = score.misses.get(case.id, [])
    missed_e = {m.split(": ", 1)[1] for m in misses if m.startswith("entity missed: ")}
    missed_f = {m.split(": ", 1)[1] for m in misses if m.startswith("field missed: ")}
    out = set()
    for name, body in (case.gold.get("entities") or {}).items():
        if name in missed_e:
            continue
        out.add(name)
        for f in (body or {}).get("fields") or {}:
            if f"{name}.{f}" not in missed_f:
                out.add(f"{name}.{f}")
    return out


def _matched(scoring: ModuleType, case: Any, got: Any) -> dict[str, str]:
    """Gold entity -> the predicted entity it matched (as `scoring.score_one` matches)."""
    match: dict[str, str] = {}
    by_norm = {scoring.norm(p): p for p in got.entities}
    for name, body in (case.gold.get("entities") or {}).items():
        for alias in [name, *((body or {}).get("aliases") or [])]:
            if (
                scoring.norm(alias) in by_norm
                and by_norm[scoring.norm(alias)] not in match.values()
            ):
                match[name] = by_norm[scoring.norm(alias)]
                break
    return match


def check_case(args: tuple[Any, tuple[str, ...]]) -> tuple[str, dict[str, dict[str, Any]]]:
    case, kinds = args
    scoring = sys.modules.get("understanding_scoring") or _scoring()
    base = scoring.predict(case.text)
    base_hits = _hits(scoring, case, base)
    base_sig = _signature(base)
    result: dict[str, dict[str, Any]] = {}
    for kind in kinds:
        if kind == "alone":
            # A gold entity the block alone matches under another name than the whole text
            # does ("Subscriber" alone, the sign-in "User" in the whole) is a matter of which
            # alias matched, not interference: left out.
            found: set[str] = set()
            whole = _matched(scoring, case, base)
            for unit in units(case.text):
                got = scoring.predict(unit)
                alone = _matched(scoring, case, got)
                found |= {
                    h
                    for h in _hits(scoring, case, got)
                    if whole.get(h.split(".")[0], alone.get(h.split(".")[0]))
                    == alone.get(h.split(".")[0])
                }
            lost = found - base_hits
            if units(case.text):
                result[kind] = {"differs": bool(lost), "lost": sorted(lost), "gained": []}
            continue
        variant = VARIANTS[kind](case.text, case.domain)
        if variant is None or variant == case.text:
            continue
        got = scoring.predict(variant)
        hits = _hits(scoring, case, got)
        result[kind] = {
            "differs": _signature(got) != base_sig,
            "lost": sorted(base_hits - hits),
            "gained": sorted(hits - base_hits),
        }
    return case.id, result


def _count(items: list[str]) -> tuple[int, int]:
    fields = sum(1 for i in items if "." in i)
    return len(items) - fields, fields


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", default="dev", help="corpus part (default dev)")
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma-separated variant kinds")
    parser.add_argument("--show", type=int, default=0, help="list the N worst texts per kind")
    parser.add_argument("--only", default="", help="comma-separated case ids")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))  # this checkout's parser, whatever the venv installed
    scoring = _scoring()
    kinds = tuple(k for k in args.kinds.split(",") if k)
    cases = [c for c in scoring.load_cases(CORPUS / args.part) if not c.gold.get("vague")]
    if args.only:
        wanted = set(args.only.split(","))
        cases = [c for c in cases if c.id in wanted]
    work = [(c, kinds) for c in cases]
    if args.jobs > 1:
        with Pool(args.jobs) as pool:
            results = dict(pool.map(check_case, work, chunksize=4))
    else:
        results = dict(map(check_case, work))
    print(f"== {args.part}: {len(cases)} texts ==")
    header = f"{'kind':10}{'texts':>7}{'differ':>8}{'ent lost':>10}{'ent gain':>10}"
    print(header + f"{'fld lost':>10}{'fld gain':>10}")
    for kind in kinds:
        rows = [(cid, r[kind]) for cid, r in results.items() if kind in r]
        lost = [x for _, r in rows for x in r["lost"]]
        gained = [x for _, r in rows for x in r["gained"]]
        el, fl = _count(lost)
        eg, fg = _count(gained)
        differ = sum(1 for _, r in rows if r["differs"])
        print(f"{kind:10}{len(rows):>7}{differ:>8}{el:>10}{eg:>10}{fl:>10}{fg:>10}")
    for kind in kinds if args.show else ():
        rows = [(cid, r[kind]) for cid, r in results.items() if kind in r]
        rows.sort(key=lambda x: -(len(x[1]["lost"]) + len(x[1]["gained"])))
        print(f"\n-- {kind}: worst texts")
        for cid, r in rows[: args.show]:
            if not (r["lost"] or r["gained"]):
                break
            print(
                f"  {cid}: lost {', '.join(r['lost']) or '-'}; gained {', '.join(r['gained']) or '-'}"
            )


if __name__ == "__main__":
    main()
