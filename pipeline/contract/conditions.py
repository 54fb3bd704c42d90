"""Yes/no list filters that compare two properties of each record, as the words define them:
"`low=true` = items at or below their `reorder_level`" (quantity <= reorder_level), "`over=true`:
entries above their budget". `mark_conditions` adds {"conditions": {param: [subject, how,
bound]}} to list plans (`pipeline.contract.patterns`); the generated listing keeps the records
for which the comparison holds (true) or does not (false). Likewise a value filter the words
define as a comparison ("`min_rating` - average_rating >= value") compares that property
({"compares": {"min_rating": ["average_rating", "ge"]}}), whatever its name suggests. No I/O.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.contract.document import PROSE, ApiOperation
from pipeline.contract.schemas import Schemas, norm

# Comparison words -> the operator; the longer phrases first so "at or below" is not "below".
_PHRASES = (
    ("at or below", "le"),
    ("at or under", "le"),
    ("at most", "le"),
    ("no more than", "le"),
    ("not above", "le"),
    ("at or above", "ge"),
    ("at or over", "ge"),
    ("at least", "ge"),
    ("no less than", "ge"),
    ("not below", "ge"),
    ("below", "lt"),
    ("under", "lt"),
    ("less than", "lt"),
    ("fewer than", "lt"),
    ("lower than", "lt"),
    ("above", "gt"),
    ("over", "gt"),
    ("more than", "gt"),
    ("greater than", "gt"),
    ("higher than", "gt"),
    ("exceeds", "gt"),
    ("exceed", "gt"),
    ("exceeding", "gt"),
)
_COMPARED = re.compile(
    r"\b(" + "|".join(re.escape(p) for p, _ in _PHRASES) + r")\s+"
    r"(?:(?:their|its|the|each|own|item's|record's)\s+){0,2}`?([A-Za-z_][\w]*)`?",
    re.I,
)
# "average_rating >= value", "price <= the value", "stars at least value"
_SYMBOLS = {
    ">=": "ge",
    "<=": "le",
    ">": "gt",
    "<": "lt",
    "=": "eq",
    "==": "eq",
    "≥": "ge",
    "≤": "le",
}
_FORMULA = re.compile(
    r"`?([A-Za-z_]\w*)`?\s*(>=|<=|==|=|>|<|≥|≤)\s*(?:the\s+)?(?:given\s+)?(?:value|it|this|x|n)\b",
    re.I,
)
# What a record's own amount is called, where the words leave the compared value unnamed.
_AMOUNTS: tuple[str, ...] = (
    "quantity",
    "qty",
    "stock",
    "onhand",
    "instock",
    "count",
    "balance",
    "level",
)
_AMOUNTS += ("amount", "total", "spent", "used", "value")


def _numbers(props: dict[str, Any], schemas: Schemas) -> list[str]:
    return [
        n
        for n, p in props.items()
        if schemas.resolve(p).get("type") in ("integer", "number")
        or schemas.resolve(p).get("format") in ("date", "date-time")
    ]


# "only things with stock left", "every item that still has stock": its amount above 0.
_LEFT = re.compile(
    r"\b(?:with|has|have|having)\s+(?:some\s+|any\s+)?`?([A-Za-z_]\w*)`?\s*(?:left|remaining)?\b",
    re.I,
)


# "where `seats_left` is more than 0", "with a balance above 100" (and "more then", as typed)
_AGAINST_NUMBER = re.compile(
    r"`?([A-Za-z_]\w*)`?\s+(?:is\s+|are\s+)?(?:still\s+)?"
    r"(" + "|".join(re.escape(p).replace("than", "th[ae]n") for p, _ in _PHRASES) + r")\s+"
    r"(-?\d+(?:\.\d+)?)\b",
    re.I,
)


def condition(text: str, props: dict[str, Any], schemas: Schemas) -> list[Any]:
    """[subject, how, bound] a sentence defines, where both are properties in `props`, or the
    bound a number it names ("`seats_left` is more than 0"); the bound is 0 where the words ask
    for some of an amount left ("with stock left": stock > 0)."""
    numbers = _numbers(props, schemas)
    for match in _AGAINST_NUMBER.finditer(text):
        subject = next((n for n in numbers if norm(n) == norm(match.group(1))), "")
        phrase = re.sub(r"th[ae]n$", "than", match.group(2).lower())
        if subject and phrase in dict(_PHRASES):
            figure = float(match.group(3))
            return [subject, dict(_PHRASES)[phrase], int(figure) if figure.is_integer() else figure]
    for match in _COMPARED.finditer(text):
        bound = next((n for n in numbers if norm(n) == norm(match.group(2))), "")
        if not bound:
            continue
        how = dict(_PHRASES)[match.group(1).lower()]
        before = text[: match.start()]
        named = [n for n in numbers if n != bound and re.search(rf"\b{re.escape(n)}\b", before)]
        amounts = [n for w in _AMOUNTS for n in numbers if norm(n) == w and n != bound]
        subject = (named or amounts or [""])[-1 if named else 0]
        if subject:
            return [subject, how, bound]
    for match in _LEFT.finditer(text):
        amount = next((n for n in numbers if norm(n) == norm(match.group(1))), "")
        if amount and schemas.resolve(props[amount]).get("type") in ("integer", "number"):
            return [amount, "gt", 0]
    return []


_BETWEEN = re.compile(
    r"`?([A-Za-z_]\w*)`?\s*(<=|≤|<)\s*(?:the\s+)?(?:value|it|x|n)\s*(<=|≤|<)\s*`?([A-Za-z_]\w*)`?",
    re.I,
)


def _between(text: str, props: dict[str, Any]) -> list[list[str]]:
    """[[low, how], [high, how]] of "min_players ≤ n ≤ max_players" in `text`: the value lies
    between two properties of the record."""
    for match in _BETWEEN.finditer(text):
        low = next((n for n in props if norm(n) == norm(match.group(1))), "")
        high = next((n for n in props if norm(n) == norm(match.group(4))), "")
        if low and high:
            first = "lt" if match.group(2) == "<" else "le"
            second = "gt" if match.group(3) == "<" else "ge"
            return [[low, first], [high, second]]
    return []


# "keeps yarns whose total_metres is at least that", "where `score` is no more than it"
_AGAINST_VALUE = re.compile(
    r"`?([A-Za-z_]\w*)`?\s+(?:is\s+|are\s+)?("
    + "|".join(re.escape(p) for p, _ in _PHRASES)
    + r")\s+(?:that|it|this|the value|the given value|the number|the one given|n|x)\b",
    re.I,
)


def _formula(text: str, props: dict[str, Any]) -> list[str]:
    """[property, how] of "average_rating >= value" or "whose total_metres is at least that" in
    `text`, where it names a property."""
    for match in _FORMULA.finditer(text):
        prop = next((n for n in props if norm(n) == norm(match.group(1))), "")
        if prop:
            return [prop, _SYMBOLS[match.group(2)]]
    for match in _AGAINST_VALUE.finditer(text):
        prop = next((n for n in props if norm(n) == norm(match.group(1))), "")
        if prop:
            return [prop, dict(_PHRASES)[match.group(2).lower()]]
    return []


def mark_conditions(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    creates: dict[str, str],
    schemas: Schemas,
) -> None:
    """Boolean query parameters of lists that name no property but a comparison in words."""
    prose = str(schemas.doc.get(PROSE, ""))
    sentences = re.split(r"(?<=[.!?;])(?<!i\.e\.)(?<!e\.g\.)\s+|\n|,\s+(?=`)", prose)
    for op in ops:
        plan = plans.get(op.key) or {}
        create = creates.get(str(plan.get("collection", "")))
        if plan.get("pattern") != "list" or create is None:
            continue
        props = {**schemas.answer_of(create), **schemas.body_of(create)}
        raw = schemas.operation(op).get("parameters")
        for param in raw if isinstance(raw, list) else []:
            param = schemas.resolve(param)
            name = str(param.get("name", ""))
            kind = schemas.resolve(param.get("schema")).get("type")
            if param.get("in") != "query" or not name or any(norm(n) == norm(name) for n in props):
                continue
            said = [str(param.get("description", ""))]
            said += [t for t in sentences if re.search(rf"`{re.escape(name)}(=\w+)?`", t)]
            if kind != "boolean":
                found = next(
                    (f for t in said if (f := _between(t, props) or _formula(t, props))), []
                )
                if found:
                    plan.setdefault("compares", {})[name] = found
                continue
            for text in said:
                found = condition(text, props, schemas)
                if found:
                    plan.setdefault("conditions", {})[name] = found
                    break
