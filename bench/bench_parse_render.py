"""Parse + render time for a 3-entity and a 30-entity spec (goal: under 200 ms for 30 entities).

    .venv/bin/python bench/bench_parse_render.py [--repeat 5]

Prints figures; asserts nothing. Each size also prints the render time with black per file, the
formatter used before `pipeline/render/formatting.py`, measured in the same run, and the time to
tidy imports of every Python file with the old `tidy_imports` (`_tidy_imports_before`, a copy)
beside the current one. "cold" is the first round (templates compiled on the way);
"warm" is the best later round with the renderer's caches cleared, i.e. a worker rendering a spec
it has not seen; "repeat" renders the same spec again with caches kept (a refine re-render).
"""

from __future__ import annotations

import argparse
import ast
import tempfile
import time

import pipeline.render.pysource as ps
from pipeline.render import formatting

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
    old_tidy, new_tidy = _time_tidy(spec)
    print(f"    tidy_imports, all files: before {_ms(old_tidy)}  now {_ms(new_tidy)} (best of 5)")
    in_tmp, in_shm = _time_format(spec)
    where = formatting.SCRATCH_DIR or "the system temp folder"
    print(f"    ruff batch, all files: in {tempfile.gettempdir()} {_ms(in_tmp)}  in {where} "
          f"{_ms(in_shm)} (best of 5)")  # fmt: skip


def _time_tidy(spec: object) -> tuple[float, float]:
    """Best-of-5 time to tidy every rendered Python file of `spec` with the old `tidy_imports`
    (`_tidy_imports_before`, below) and the current one, uncached; asserts they agree."""
    from pipeline.plan import plan_project
    from pipeline.render.project import _render_template

    texts = [_render_template(p) for p in plan_project(spec) if p.path.endswith(".py")]  # type: ignore[arg-type]
    assert [_tidy_imports_before(t) for t in texts] == [ps.tidy_imports(t) for t in texts]
    best = []
    for tidy in (_tidy_imports_before, ps.tidy_imports):
        rounds = []
        for _ in range(5):
            t0 = time.perf_counter()
            for text in texts:
                tidy(text)
            rounds.append(time.perf_counter() - t0)
        best.append(min(rounds))
    return best[0], best[1]


def _time_format(spec: object) -> tuple[float, float]:
    """Best-of-5 time of one `ruff format` batch over every Python file of `spec`, with its
    scratch files in the system temp folder (before) and where the renderer now puts them."""
    from pipeline.plan import plan_project
    from pipeline.render.project import _render_template

    ruff = formatting._ruff_binary()
    assert ruff is not None, "the bench needs ruff"
    texts = [ps.tidy_imports(_render_template(p)) for p in plan_project(spec) if p.path.endswith(".py")]  # type: ignore[arg-type]
    before = formatting._ruff_format(ruff, texts, scratch=None)
    assert before is not None and before == formatting._ruff_format(ruff, texts)
    best = []
    for scratch in (None, formatting.SCRATCH_DIR):
        rounds = []
        for _ in range(5):
            t0 = time.perf_counter()
            formatting._ruff_format(ruff, texts, scratch=scratch)
            rounds.append(time.perf_counter() - t0)
        best.append(min(rounds))
    return best[0], best[1]


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


def _tidy_imports_before(source: str) -> str:
    """`pipeline.render.pysource.tidy_imports` as it was before its walk was pruned (ast.walk over
    every statement after the imports), kept here only to be timed beside the current one."""
    tree = ast.parse(source)
    body = tree.body
    start = 1 if body and ps._is_docstring(body[0]) else 0
    end = start
    while end < len(body) and isinstance(body[end], ast.Import | ast.ImportFrom):
        end += 1
    if end == start:
        return source
    used = _used_names_before(body[end:])
    kept: list[ast.Import | ast.ImportFrom] = []
    for node in body[start:end]:
        assert isinstance(node, ast.Import | ast.ImportFrom)
        future = isinstance(node, ast.ImportFrom) and node.module == "__future__"
        aliases = [a for a in node.names if future or ps._bound_name(a) in used]
        if aliases:
            node.names = aliases
            kept.append(node)
    lines = source.splitlines()
    head = lines[: body[start - 1].end_lineno] if start else []
    tail: list[str] = []
    if end < len(body):
        node = body[end]
        lineno = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        tail = lines[lineno - 1 - ps._leading_comment_lines(lines, lineno) :]
    # Blank lines as black writes them: one after the docstring, one after the imports, or two
    # when a function or class follows (so black's output usually equals its input: one pass).
    text = "\n".join(head)
    for part, is_block in ((ps._format_block(kept), True), ("\n".join(tail), False)):
        if part:
            gap = "\n\n\n" if not is_block and text and ps._starts_a_definition(part) else "\n\n"
            text = text + gap + part if text else part
    return text + "\n"


def _used_names_before(rest: list[ast.stmt]) -> set[str]:
    """Names the code after the imports refers to, in string annotations and `__all__` too."""
    used: set[str] = set()
    strings: list[str] = []
    for stmt in rest:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Store):
                used.add(node.id)
            annotations: list[ast.expr | None] = []
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
                arguments += [a for a in (node.args.vararg, node.args.kwarg) if a]
                annotations += [a.annotation for a in arguments] + [node.returns]
            elif isinstance(node, ast.AnnAssign):
                annotations.append(node.annotation)
            elif isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
            ):
                annotations.append(node.value)
            for annotation in annotations:
                for inner in ast.walk(annotation) if annotation else ():
                    if isinstance(inner, ast.Constant) and isinstance(inner.value, str):
                        strings.append(inner.value)
    for text in strings:
        used.update(ps._NAME.findall(text))
    return used


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
