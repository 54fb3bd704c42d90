"""Numbers a record computes from its own numbers, as the words write the arithmetic:
"`total_metres` is computed: `skeins * metres_per_skein`", "`price_per_delivery`, which is `bags`
× 8.50", a property described as "(og - fg) * 131.25". `mark_formulas` adds {"formulas":
{property: [token, ...]}} to the plans answering the records (`pipeline.contract.patterns`);
the generated app evaluates the tokens (names, numbers, + - * / and brackets) over the stored
record each time it answers it, so the figure follows every change. No I/O."""

from __future__ import annotations

import re
from typing import Any

from pipeline.contract.document import PROSE
from pipeline.contract.rollups import answered_records
from pipeline.contract.schemas import Schemas, is_number, norm, spoken

_TOKEN = re.compile(r"\s*([A-Za-z_][\w.]*|\d+(?:\.\d+)?|[-+*/×÷()·])")
_OPERATORS = {"+": "+", "-": "-", "*": "*", "/": "/", "×": "*", "÷": "/", "·": "*", "x": "*"}
_OPERATORS |= {"times": "*", "plus": "+", "minus": "-"}


def mark_formulas(
    plans: dict[str, dict[str, Any]], creates: dict[str, str], schemas: Schemas
) -> None:
    """For each collection, the read-only numbers whose description or sentence writes them as
    arithmetic over the record's other numbers."""
    prose = str(schemas.doc.get(PROSE, ""))
    sentences = [s for s in re.split(r"(?<=[.!?;])\s+|\n\s*\n|\n(?=\s*[-*\d])", prose) if s]
    for collection, create in creates.items():
        answering, props, sent = answered_records(plans, collection, create, schemas)
        numbers = {n for n, p in props.items() if is_number(schemas.resolve(p))}
        found: dict[str, list[str]] = {}
        for name in sorted(numbers - sent):
            texts = [str(schemas.resolve(props[name]).get("description", ""))]
            texts += [s for s in sentences if re.search(rf"`{spoken(name)}`", s)]
            for text in texts:
                tokens = expression(text, name, numbers)
                if tokens:
                    found[name] = tokens
                    break
        if found:
            for key in [create, *answering]:
                if key in plans:
                    plans[key]["formulas"] = found


def expression(text: str, name: str, numbers: set[str]) -> list[str]:
    """The first arithmetic in `text` over the numbers `numbers` (not `name` itself), with at
    least one operator and one of those names: its tokens, operators as + - * /; else []."""
    words = [(m.group(1), m.end()) for m in _TOKEN.finditer(text.replace("`", " "))]
    by_norm = {norm(n): n for n in numbers if n != name}
    for start in range(len(words)):
        tokens = _parse(words, start, by_norm)
        if len(tokens) >= 3 and any(t in by_norm.values() for t in tokens):
            return tokens
    return []


def _parse(words: list[tuple[str, int]], start: int, names: dict[str, str]) -> list[str]:
    """The longest run of operands and operators from `start` that makes a whole expression."""
    out: list[str] = []
    best: list[str] = []
    depth, want_operand, i = 0, True, start
    while i < len(words):
        word = words[i][0]
        if want_operand:
            if word == "(":
                out.append("(")
                depth += 1
            elif re.fullmatch(r"\d+(?:\.\d+)?", word):
                out.append(word)
                want_operand = False
            elif norm(word) in names:
                out.append(names[norm(word)])
                want_operand = False
            else:
                break
        else:
            if word == ")" and depth > 0:
                out.append(")")
                depth -= 1
            elif word.lower() in _OPERATORS:
                out.append(_OPERATORS[word.lower()])
                want_operand = True
            else:
                break
        if not want_operand and depth == 0 and any(t in "+-*/" for t in out):
            best = list(out)
        i += 1
    return best
