"""Parse + render time for a 3-entity and a 30-entity spec (goal: under 200 ms for 30 entities).

    .venv/bin/python bench/bench_parse_render.py [--repeat 5]

Prints figures; asserts nothing. Each size also prints the render time with black per file, the
formatter used before `pipeline/render/formatting.py`, measured in the same run. "cold" is the first round (templates compiled on the way);
"warm" is the best later round with the renderer's caches cleared, i.e. a worker rendering a spec
it has not seen; "repeat" renders the same spec again with caches kept (a refine re-render).
"""

from __future__ import annotations

import argparse
import time

NOUNS = [
    "depot", "supplier", "product", "category", "customer", "order", "invoice", "payment",
    "shipment", "carrier", "driver", "vehicle", "route", "store", "employee", "department",
    "shift", "campaign", "coupon", "review", "ticket", "agent", "contract", "vendor", "budget",
    "project", "milestone", "meeting", "document", "note",
]  # fmt: skip
FIELDS = [
    "name",
    "description (text)",
    "quantity (integer)",
    "price",
    "active flag",
    "started at",
    "contact email",
]


def spec_text(n: int) -> str:
    """A markdown-list spec with `n` entities, each with a few typed fields and a relation."""
    lines = [f"Build an operations API with {n} resources. Use PostgreSQL.", ""]
    for i, noun in enumerate(NOUNS[:n]):
        fields = ", ".join(FIELDS[: 3 + i % 5])
        lines.append(f"- {noun.capitalize()}s: {fields}")
    lines.append("")
    for i in range(1, n, 3):
        lines.append(f"Each {NOUNS[i]} belongs to a {NOUNS[i - 1]}.")
    return "\n".join(lines) + "\n"


def _clear_render_caches() -> None:
    import pipeline.render.project as project
    from pipeline.render import formatting

    formatting.clear_cache()
    for value in vars(project).values():
        clear = getattr(value, "cache_clear", None)
        if callable(clear):
            clear()


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def measure(n: int, repeat: int) -> None:
    from pipeline.parse import parse_spec
    from pipeline.render import render_project

    text = spec_text(n)
    rounds = []
    for _ in range(repeat):
        _clear_render_caches()
        t0 = time.perf_counter()
        spec = parse_spec(text)
        t1 = time.perf_counter()
        files = render_project(spec)
        t2 = time.perf_counter()
        rounds.append((t1 - t0, t2 - t1))
    t0 = time.perf_counter()
    render_project(spec)
    again = time.perf_counter() - t0
    cold = rounds[0]
    warm = min(rounds[1:], key=sum) if len(rounds) > 1 else cold
    size = sum(len(v) for v in files.values()) / 1024
    print(f"{n:>3} entities asked, {len(spec.entities)} parsed, {len(files)} files, {size:.0f} KiB")
    for label, (parse_s, render_s) in (("cold", cold), ("warm", warm)):
        total = _ms(parse_s + render_s)
        print(f"    {label:<6} parse {_ms(parse_s)}  render {_ms(render_s)}  = {total}")
    print(f"    repeat render {_ms(again)} (same spec, caches kept)")
    before = _render_with_black(spec)
    print(f"    before: render with black per file {_ms(before)} (the old formatter, same spec)")


def _render_with_black(spec: object) -> float:
    """Warm render time with the formatter the renderer used before: black in-process, file by
    file (what `pipeline.render.formatting` still falls back to without ruff)."""
    from pipeline.render import formatting, render_project

    found = formatting._ruff_binary
    formatting._ruff_binary = lambda: None  # the fallback is exactly the old path
    try:
        _clear_render_caches()
        t0 = time.perf_counter()
        render_project(spec)  # type: ignore[arg-type]
        return time.perf_counter() - t0
    finally:
        formatting._ruff_binary = found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    t0 = time.perf_counter()
    import pipeline.parse  # noqa: F401 - imports are part of a cold CLI run, timed apart
    import pipeline.render  # noqa: F401

    print(f"imports: {(time.perf_counter() - t0) * 1000:.0f} ms")
    for n in (3, 30):
        measure(n, args.repeat)
    print("goal: 30 entities under 200 ms (warm)")


if __name__ == "__main__":
    main()
