"""Refinement clauses about business rules (`spec.rules`). No I/O.

"rating from 1 to 5", "titles at most 80 characters", "titles must not be blank",
"one review per member and book", "order status can only go from pending to shipped",
"comments should be soft deleted"
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.naming import singular, snake
from pipeline.parse.access import role_name
from pipeline.parse.phrases import split_list
from pipeline.refine.editor import AlreadyDone, RefineError, SpecEditor
from pipeline.refine.phrasing import _BE, _ENTITY, _HAVE, _NUMBER, _entity, _field_ref, _num
from pipeline.refine.refs import find_ref
from pipeline.spec import FieldType


def _rule(ed: SpecEditor, rule: dict[str, Any]) -> list[str]:
    rules: list[dict[str, Any]] = ed.data.setdefault("rules", [])
    if rule in rules:
        raise AlreadyDone(f"The rule {rule} is in the spec already.")
    rules.append(rule)
    words = ", ".join(f"{k} {v}" for k, v in rule.items() if k not in ("kind", "entity"))
    return [f"rule {rule['kind']} on {rule['entity']}{': ' + words if words else ''}"]


_NOT_BE = (
    r"(?:(?:must|should|can|may|shall|will)\s+(?:not|never)|never|can't|cannot|mustn't|shouldn't|"
    r"won't|may not)\s+(?:be|go|get)"
)
_ABOVE = r"(?:more|greater|higher|bigger|larger|over|above)(?:\s+than)?"
_BELOW = r"(?:less|lower|smaller|fewer|under|below)(?:\s+than)?"


def _only_text(ed: SpecEditor, ref: str) -> tuple[str, str] | None:
    """The one text field of the entity `ref` names, where a length is said of the entity."""
    entity = _entity(ed, ref)
    if entity is None:
        return None
    texts = [f.name for f in ed.spec().entity(entity).fields if f.type.value in ("string", "text")]
    return (entity, texts[0]) if len(texts) == 1 else None


def bounds(ed: SpecEditor, clause: str) -> list[str] | None:
    limit = re.match(
        r"^(?:limit|cap|restrict|keep)\s+(?P<ref>.+?)\s+(?:to|at|under)\s+(?P<rest>\d.*?)"
        r"(?:\s+(?:max|maximum|at most|tops))?$",
        clause,
    )  # "limit the bio to 300 characters", "keep the bio to 300 characters max", "cap it at 9"
    if limit:
        clause = f"{limit.group('ref')} at most {limit.group('rest')}"
    clause = re.sub(r"^(?:make|set)\s+(?=.+\s(?:at most|at least|between|up to|max|min)\b)", "",
                    clause)  # fmt: skip
    for words, said in ((_ABOVE, "at most"), (_BELOW, "at least")):  # "must not be more than 9"
        clause = re.sub(rf"\s+{_NOT_BE}\s+{words}\s+(?=-?\d)", f" must be {said} ", clause)
    m = re.match(
        rf"^(?:the\s+)?(?P<ref>.+?)(?:{_BE})?\s+(?P<how>between|from|at least|at most|no more than|"
        rf"no less than|up to|more than|greater than|less than|exactly|min(?:imum)?|max(?:imum)?)"
        rf"\s+(?P<a>{_NUMBER})(?:\s+(?:and|to)\s+(?P<b>{_NUMBER}))?"
        r"(?P<unit>\s+(?:characters|chars|letters|symbols)(?:\s+long)?)?$",
        clause,
    )
    positive = re.match(
        rf"^(?:the\s+)?(?P<ref>.+?){_BE}\s+(?P<how>positive|non-negative|zero or more)$", clause
    ) or re.match(
        r"^(?:make\s+sure\s+(?:that\s+)?)?(?:the\s+)?(?P<ref>.+?)\s+(?:can't|cannot|can not|must not|mustn't|"
        r"should not|shouldn't|may not|never)\s+(?:be\s+|go(?:es)?\s+|drops?\s+|falls?\s+)?(?P<how>negative|"
        r"below (?:zero|0)|less than (?:zero|0)|under (?:zero|0))$",
        clause,
    )
    if m is None and positive is None:
        return None
    found = _field_ref(ed, (m or positive).group("ref"))  # type: ignore[union-attr]
    if found is None and m is not None and m.group("unit"):
        found = _only_text(ed, m.group("ref"))  # "comments should be at most 1000 characters"
    if found is None:
        return None
    entity, field = found
    lo: float | int | None
    hi: float | int | None
    if positive:  # "not negative": 0; "positive": 1, or 0 for a number with decimals (the
        # spec has no bound that leaves 0 out, and 1 would refuse 0.5)
        whole = ed.field(entity, field).type.value == "integer"
        lo, hi = (1 if positive.group("how") == "positive" and whole else 0), None
    else:
        assert m is not None
        how, a = m.group("how"), _num(m.group("a"))
        b = _num(m.group("b")) if m.group("b") else None
        if how in ("between", "from") and b is not None:
            lo, hi = a, b
        elif how in ("at least", "no less than", "min", "minimum"):
            lo, hi = a, None
        elif how in ("greater than", "more than"):
            lo, hi = a + 1 if isinstance(a, int) else a, None
        elif how == "less than":
            lo, hi = None, a - 1 if isinstance(a, int) else a
        elif how == "exactly":
            lo, hi = a, a
        elif b is None:
            lo, hi = None, a
        else:
            return None
    kind = ed.field(entity, field).type
    text_like = kind in (FieldType.STRING, FieldType.TEXT, FieldType.EMAIL, FieldType.URL)
    if (m is not None and m.group("unit")) or (text_like and m is not None):
        rule: dict[str, Any] = {"kind": "length", "entity": entity, "field": field}
    elif kind in (FieldType.INTEGER, FieldType.FLOAT, FieldType.DECIMAL):
        rule = {"kind": "range", "entity": entity, "field": field}
    else:
        raise RefineError(f"{entity}.{field} is a {kind.value}: it has no range or length.")
    if lo is not None:
        rule["min"] = lo
    if hi is not None:
        rule["max"] = hi
    return _rule(ed, rule)


def not_blank(ed: SpecEditor, clause: str) -> list[str] | None:
    m = re.match(
        r"^(?:the\s+)?(?P<ref>.+?)\s+(?:must|should|can|may|shall)?\s*(?:not|never|n't)\s+be\s+"
        r"(?:blank|empty)$|^(?:the\s+)?(?P<ref2>.+?)\s+(?:can't|cannot|can not|mustn't|shouldn't)"
        r"\s+be\s+(?:blank|empty)$",
        clause,
    )
    if m is None:
        return None
    found = _field_ref(ed, m.group("ref") or m.group("ref2"))
    if found is None:
        return None
    return _rule(ed, {"kind": "not_blank", "entity": found[0], "field": found[1]})


def _member(ed: SpecEditor, entity: str, phrase: str) -> str | None:
    field = ed.field_name(entity, phrase)
    if field:
        return field
    index = ed.relation_index(entity, phrase)
    return ed.spec().relations[index].name if index is not None else None


def unique_per(ed: SpecEditor, clause: str) -> list[str] | None:
    one = re.match(r"^(?:only\s+)?one\s+(?P<e>[a-z_]+)\s+(?:per|for each|for every)\s+(?P<l>.+)$",
                   clause)  # fmt: skip
    per = re.match(
        rf"^{_ENTITY}{_HAVE}\s+an?\s+unique\s+(?P<f>[a-z_ ]+?)\s+(?:per|for each|within)\s+"
        r"(?:each\s+|every\s+|the\s+)?(?P<l>.+)$",
        clause,
    ) or re.match(
        r"^(?:the\s+)?(?P<f>[a-z_ ]+?)\s+of\s+(?P<e>[a-z_ ]+?)\s+(?:should|must)\s+be\s+unique\s+"
        r"(?:per|for each|within)\s+(?:each\s+|every\s+|the\s+)?(?P<l>.+)$",
        clause,
    )
    whole = re.match(
        r"^(?P<e>[a-z_ ]+?)\s+(?:should|must|have to|has to|need to)\s+be\s+unique\s+(?:per|for each|"
        r"by|over)\s+(?:each\s+|every\s+|the\s+)?(?P<l>.+)$",
        clause,
    )
    found = one or per or whole
    if found is None:
        return _field_unique_per(ed, clause)
    entity = _entity(ed, found.group("e"))
    if entity is None:
        return _field_unique_per(ed, clause)  # "seat numbers should be unique per event"
    phrases = ([found.group("f")] if per else []) + split_list(found.group("l"))
    names = [_member(ed, entity, p) for p in phrases]
    if not all(names):
        missing = [p for p, n in zip(phrases, names, strict=True) if not n]
        raise RefineError(f"{entity} has no field or relation {', '.join(map(repr, missing))}.")
    return _rule(ed, {"kind": "unique", "entity": entity, "fields": names})


def _field_unique_per(ed: SpecEditor, clause: str) -> list[str] | None:
    """ "seat numbers should be unique per event", "a seat number should only be used once per
    event": the field is found wherever it is (`find_ref`)."""
    m = re.match(
        r"^(?:the\s+|an?\s+|each\s+)?(?P<ref>[a-z_' ]+?)\s+(?:should|must|has to|have to|needs to|need to|"
        r"can)\s+(?:only\s+)?(?:be\s+)?(?:unique|used\s+(?:only\s+)?once|appear\s+(?:only\s+)?once)\s+"
        r"(?:per|for each|within|in each|in every|for every)\s+(?:each\s+|every\s+|the\s+|an?\s+)?(?P<l>.+)$",
        clause,
    )
    if m is None:
        return None
    ref = " ".join(singular(w) for w in m.group("ref").split())
    try:
        entity, field, _ = find_ref(ed, ref)
    except RefineError:
        return None
    if field is None:
        return None
    names = [field] + [_member(ed, entity, p) for p in split_list(m.group("l"))]
    if not all(names):
        return None
    return _rule(ed, {"kind": "unique", "entity": entity, "fields": names})


def _enum_field(ed: SpecEditor, entity: str, *values: str) -> str | None:
    for f in ed.fields(entity):
        if f.get("type") == "enum" and all(v in f.get("choices", []) for v in values):
            return str(f["name"])
    return None


def _choice(ed: SpecEditor, entity: str, field: str, word: str) -> str:
    choices = ed.field(entity, field).choices
    word = snake(word)
    for c in choices:
        if c == word or c.startswith(word[:5]):
            return c
    again = word[2:] if word.startswith("re") and len(word) > 5 else ""  # "reopened" -> open
    for c in choices if again else ():
        if c == again or c.startswith(again[: max(4, len(again) - 2)]):
            return c
    raise RefineError(f"{word!r} is not one of {entity}.{field}'s values ({', '.join(choices)}).")


def transition(ed: SpecEditor, clause: str) -> list[str] | None:
    move = re.match(
        r"^(?:only\s+(?P<who>.+?)\s+(?:can|may|should be able to)\s+)?(?:move|change|set|switch|"
        r"take|turn)\s+(?:an?\s+|the\s+)?(?P<e>[a-z_]+)\s+from\s+(?P<from>.+?)\s+to\s+(?P<to>\w+)$",
        clause,
    )
    go = re.match(
        r"^(?:the\s+)?(?P<ref>.+?)\s+(?:can|may|should|must)\s+only\s+(?:go|move|change|be changed"
        r"|switch)\s+from\s+(?P<from>.+?)\s+to\s+(?P<to>\w+)$",
        clause,
    )
    only_be = re.match(
        r"^(?P<e>.+?)\s+(?:can|may|should|must)\s+only\s+be\s+(?P<said>(?P<verb>[a-z]+?)(?:led|ed|d))\s+"
        r"(?:while|when|if)\s+(?:it is\s+|it's\s+|they are\s+|they're\s+)?(?:still\s+)?(?P<from>.+)$",
        clause,
    )
    able = only_be or re.match(
        r"^(?P<e>.+?)\s+(?:should|can|must|may)?\s*(?:be|are|is)\s+(?P<verb>[a-z]+?)(?:l?able|ible)"
        r"\s+only\s+(?:while|when|if)\s+(?:it is\s+|they are\s+|still\s+)?(?P<from>.+)$",
        clause,
    )
    if move:
        entity = _entity(ed, move.group("e"))
        field = _enum_field(ed, entity, *[snake(v) for v in split_list(move.group("from"))],
                            snake(move.group("to"))) if entity else None  # fmt: skip
        if entity is None or field is None:
            return None
        froms, to = split_list(move.group("from")), move.group("to")
        who = move.group("who")
    elif go:
        found = _field_ref(ed, go.group("ref"))
        whole = _entity(ed, go.group("ref"))
        if found is None and whole is not None:
            values = [snake(v) for v in split_list(go.group("from"))] + [snake(go.group("to"))]
            named = _enum_field(ed, whole, *values)
            found = (whole, named) if named else None
        if found is None:
            return None
        entity, field = found
        froms, to, who = split_list(go.group("from")), go.group("to"), None
    elif able:
        entity = _entity(ed, able.group("e"))
        if entity is None:
            return None
        field = _enum_field(ed, entity, *[snake(v) for v in split_list(able.group("from"))])
        if field is None:
            return None
        froms, to, who = split_list(able.group("from")), able.group("verb"), None
    else:
        return None
    made = _new_state(ed, entity, field, to, only_be["said"] if only_be else None)
    rule: dict[str, Any] = {
        "kind": "transition", "entity": entity, "field": field,
        "from_values": [_choice(ed, entity, field, v) for v in froms],
        "to": _choice(ed, entity, field, to),
    }  # fmt: skip
    if who:
        roles = [role_name(r) for r in split_list(who)]
        unknown = [r for r in roles if r not in ed.data.get("roles", [])]
        if unknown:
            raise RefineError(f"There is no {', '.join(unknown)} role; add it first.")
        rule["roles"] = roles
    return made + _rule(ed, rule)


def _new_state(ed: SpecEditor, entity: str, field: str, verb: str, said: str | None) -> list[str]:
    """ "orders can only be cancelled while pending" when cancelled is no status yet: the state
    it names is added to the values (a word the values already have in another form is not)."""
    try:
        _choice(ed, entity, field, verb)
        return []
    except RefineError:
        if said is None:
            raise
    choices = ed.field(entity, field).choices
    return ed.update_field(entity, field, choices=[*choices, snake(said)])


def soft_delete(ed: SpecEditor, clause: str) -> list[str] | None:
    if not re.search(r"\bsoft[- ]?delet", clause):
        return None
    words = re.sub(r"\bsoft[- ]?delet\w*|\binstead of\b.*$", " ", clause)
    found = [
        e for e in dict.fromkeys(ed.entity_or_none(w) for w in re.findall(r"[a-z_]+", words)) if e
    ]
    if len(found) != 1:
        raise RefineError("Say which entity is soft-deleted, e.g. `comments are soft deleted`.")
    return _rule(ed, {"kind": "soft_delete", "entity": found[0]})
