"""Clauses read by rewriting them into plainer ones (each gets `rest`, the full reader). No I/O.

"a rating (1-5)" -> "a rating from 1 to 5", then its range rule
"orders: add a note" -> "add a note to orders"
"an email that is unique" -> "a unique email"; "... , default true" -> "(default true)"
"tickets belong to a department (optional)"; "X should belong to Y instead of Z"
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pipeline.naming import snake
from pipeline.parse.vocab import TYPE_WORDS
from pipeline.refine.editor import AlreadyDone, RefineError, SpecEditor
from pipeline.refine.phrasing import _NUMBER, _added_field, _entity, _num
from pipeline.refine.rulewords import _rule, bounds, not_blank
from pipeline.spec import FieldType


def field_with_range(
    ed: SpecEditor, clause: str, rest: Callable[[str], list[str]]
) -> list[str] | None:
    """ "add a satisfaction score from 1 to 5 to tickets": the field, then its range.
    "a rating (1-5)" and "a rating (integer 1 to 5)" read the same."""
    paren = re.search(
        rf"\s*\((?:integer\s+|whole number\s+)?(?P<a>{_NUMBER})\s*(?:-|–|to)\s*(?P<b>{_NUMBER})\)",
        clause,
    )
    if paren:
        bounds_text = f" from {paren.group('a')} to {paren.group('b')}"
        at_end = paren.end() == len(clause)
        clause = clause[: paren.start()] + clause[paren.end() :]
        if at_end:  # "add a rating to comments (1-5)": the range goes after the field
            add = re.match(r"^(?P<head>(?:add|give|put|include)\s+.+?)(?P<tail>\s+(?:to|on|for)\s+.+)$",
                           clause)  # fmt: skip
            clause = (
                f"{add.group('head')}{bounds_text}{add.group('tail')}"
                if add
                else clause + bounds_text
            )
        else:
            clause = clause[: paren.start()] + bounds_text + clause[paren.start() :]
    m = re.match(
        r"^(?P<pre>.*?\b(?:an?|the)\s+(?P<f>[a-z_]+(?:\s+[a-z_]+)?))\s+(?:from|between)\s+"
        rf"(?P<a>{_NUMBER})\s+(?:to|and)\s+(?P<b>{_NUMBER})(?P<post>(?:\s+(?:to|on|for)\s+.+)?)$",
        clause,
    )
    if m is None or not re.match(r"^(?:add|give|put|include)\b|.*\b(?:have|has|get|gets|need|needs)\b",
                                 m.group("pre")):  # fmt: skip
        return None
    integer = all(re.fullmatch(r"-?\d+", v) for v in (m.group("a"), m.group("b")))
    kind = "integer" if integer else "float"
    changes = rest(f"{m.group('pre')} ({kind}){m.group('post')}")
    entity, field = _added_field(ed, changes)
    rule = {"kind": "range", "entity": entity, "field": field,
            "min": _num(m.group("a")), "max": _num(m.group("b"))}  # fmt: skip
    return changes + _rule(ed, rule)


_NOUNS = r"(?:field|column|attribute|property|prop)"
_PROPS_BEFORE = r"(?P<props>(?:(?:optional|required|unique|mandatory|new)\s+)*)"


def typed_first(ed: SpecEditor, clause: str, rest: Callable[[str], list[str]]) -> list[str] | None:
    """ "add a integer view_count field to post" -> "add a view_count (integer) to post";
    "add an optional integer field called estimate to tasks" -> "add a optional estimate
    (integer) to tasks"."""
    types = "|".join(re.escape(w) for w in sorted(TYPE_WORDS, key=len, reverse=True))
    m = re.match(  # the type, the word "field", then the name: any type word
        rf"^(?P<verb>add|put|include)\s+(?:an?\s+)?{_PROPS_BEFORE}(?P<t>{types})\s+{_NOUNS}\s+"
        r"(?:(?:called|named)\s+)?(?P<n>[a-z_]+)\s+(?P<rest>(?:to|on|for|in)\s+.+)$",
        clause,
    )
    if m is not None and m.group("n") not in TYPE_WORDS:
        props, typed = m.group("props"), f" ({m.group('t')})"
        if TYPE_WORDS[m.group("t")] is FieldType.ENUM:
            typed = ""  # its values, which follow, say it
        return rest(f"{m.group('verb')} a {props}{m.group('n')}{typed} {m.group('rest')}")
    m = re.match(
        rf"^(?P<verb>add|put|include)\s+(?:an?\s+)?(?P<t>{types})\s+(?P<n>[a-z_]+)(?:\s+field)?"
        r"\s+(?P<rest>(?:to|on|for|in)\s+.+)$",
        clause,
    )
    if m is None or m.group("n") in ("field", "column"):
        m = re.match(
            rf"^(?P<verb>add|put|include)\s+(?:an?\s+)?(?P<n>[a-z_]+)\s+(?P<t>{types})\s+"
            r"(?:field|column)\s+(?P<rest>(?:to|on|for|in)\s+.+)$",
            clause,
        )
    if m is None or m.group("n") in TYPE_WORDS or m.group("n") in ("field", "column", "a", "an"):
        return None
    return rest(f"{m.group('verb')} a {m.group('n')} ({m.group('t')}) {m.group('rest')}")


def entity_prefix(
    ed: SpecEditor, clause: str, rest: Callable[[str], list[str]]
) -> list[str] | None:
    """ "orders: add a shipping address (text)", "tickets: price must be at least 0"."""
    m = re.match(r"^(?P<e>[a-z][a-z_ ]*?)\s*:\s*(?P<rest>.+)$", clause)
    entity = _entity(ed, m.group("e")) if m else None
    if m is None or entity is None:
        return None
    body, noun = m.group("rest"), snake(entity).replace("_", " ")
    choice = re.match(  # "appointment: add no_show to the status values"
        r"^(?P<head>add\s+.+?\s+(?:to|as an?)\s+)(?:the\s+)?(?P<f>[a-z_]+(?:\s+[a-z_]+)?)\s+(?P<tail>(?:values|"
        r"choices|options|states)|(?:value|choice|option))$",
        body,
    )
    if choice and ed.field_name(entity, choice.group("f")) is not None:
        return rest(f"{choice.group('head')}the {noun} {choice.group('f')} {choice.group('tail')}")
    if re.match(r"^(?:add|include|put)\b", body):
        return rest(f"{body} to {noun}")
    if re.match(r"^(?:remove|delete|drop|get rid of)\b", body):
        return rest(f"{body} from {noun}")
    if re.match(r"^rename\b", body):
        return rest(f"{body} on {noun}")
    if made := re.match(r"^(?P<verb>make|mark|set)\s+(?P<f>.+?)\s+(?P<p>\w+)$", body):
        return rest(f"{made.group('verb')} {made.group('f')} of {noun} {made.group('p')}")
    modal = re.search(r"\s+(?:must|should|can't|cannot|can|is|are|may|needs?|has to)\b", body)
    named = re.match(r"^(?P<f>[a-z][a-z0-9_ ]*?)(?:\s*\([^()]*\))*$", body)
    bound = re.search(
        r"\b(?:at least|at most|between|max|min|up to|more than|less than)\b|\d", body
    )
    if modal is None and named and not bound and ed.field_name(entity, named.group("f")) is None:
        return rest(f"add {body} to {noun}")  # "tasks: estimated minutes (integer, optional)"
    props = re.match(
        r"^(?P<f>[a-z][a-z0-9_ ]*?)\s*\((?P<p>optional|required|unique|mandatory)\)$", body
    )
    if modal is None and props:  # "product: sku (required)"
        return rest(f"make {props.group('f')} of {noun} {props.group('p')}")
    if modal is None:
        return rest(f"{noun} {body}")
    return rest(f"{body[: modal.start()]} of {noun}{body[modal.start():]}")


_PROPS = r"(?P<p>unique|optional|required|mandatory)"


_OPPOSITE = {"unique": "not unique", "optional": "required", "required": "optional",
             "mandatory": "optional"}  # fmt: skip


def property_after(
    ed: SpecEditor, clause: str, rest: Callable[[str], list[str]]
) -> list[str] | None:
    """ "an email that is unique" (or ", which is optional") -> "a unique email"; "... to
    tickets (optional)";
    "email shouldn't be unique" -> "email should be not unique"."""
    m = re.match(
        rf"^(?P<pre>.*?\b)(?:an?|the)\s+(?P<f>[a-z_ ]+?),?\s+(?:that|which)\s+"
        rf"(?:is|must be|should be|has to be|needs to be)"
        rf"\s+{_PROPS}(?P<post>.*)$",
        clause,
    )
    if m:
        return rest(f"{m.group('pre')}a {m.group('p')} {m.group('f')}{m.group('post')}")
    m = re.match(
        rf"^(?P<body>(?:add|include|put)\s+.+?)\s*(?:\(|,\s*){_PROPS}\)?$", clause
    ) or re.match(
        rf"^(?P<body>.+?\b(?:have|has|get|gets|need|needs)\s+.+?)\s*(?:\(|,\s*){_PROPS}\)?$", clause
    )
    if m:
        body = re.sub(
            r"\b(add|include|put|have|has|get|gets|need|needs)\s+(?:an?\s+)?",
            rf"\1 a {m.group('p')} ",
            m.group("body"),
            count=1,
        )
        if body.count("(") > body.count(")"):  # "a note (text, optional)": its type stays
            body += ")"  # in its parenthesis, not in its name
        return rest(body)
    m = re.match(
        r"^(?P<pre>.+?),?\s+(?:defaulting to|defaults to|default(?:ing)? (?:value )?(?:of|to|is)?|"
        r"with a default (?:value )?of|by default)\s*(?P<v>[a-z0-9_.\-]+)"
        r"(?P<post>\s+(?:to|on|for)\s+.+)?$",
        clause,
    )
    if m and re.match(
        r"^(?:add|include|put)\b|.*\b(?:have|has|get|gets|need|needs)\b", m.group("pre")
    ):
        pre, post = m.group("pre"), m.group("post") or ""
        to = re.match(r"^(?P<f>.+?)(?P<to>\s+(?:to|on|for)\s+[a-z_ ]+)$", pre) if not post else None
        if to:
            pre, post = to.group("f"), to.group("to")
        typed = re.match(r"^(?P<f>.+?)\s*\((?P<inner>[^)]*)\)$", pre)
        if typed and typed.group("inner").startswith("one of "):  # values: the default apart
            return rest(f"{pre} (default {m.group('v')}){post}")
        if typed:
            return rest(
                f"{typed.group('f')} ({typed.group('inner')}, default {m.group('v')}){post}"
            )
        return rest(f"{pre} (default {m.group('v')}){post}")
    m = re.match(
        r"^(?P<ref>.+?)\s+(?:shouldn't|should not|must not|mustn't|need not|needn't|doesn't need to|"
        rf"does not need to|don't need to|do not need to)\s+be\s+{_PROPS}$",
        clause,
    )
    if m:
        return rest(f"{m.group('ref')} should be {_OPPOSITE[m.group('p')]}")
    return None


def field_then_rule(
    ed: SpecEditor, clause: str, rest: Callable[[str], list[str]]
) -> list[str] | None:
    """ "doctors should have a years of experience (integer) that is at least 0": the field,
    then its rule on it."""
    m = re.match(
        r"^(?P<pre>.+?\b(?:add|have|has|get|gets|need|needs|include)\b.+?),?\s+(?:that|which)\s+"
        r"(?:is|must be|should be|has to be)\s+(?P<cond>(?:at least|at most|between|from|positive|"
        r"non-negative|no more than|up to|exactly|not blank|never blank)\b.*)$",
        clause,
    )
    m = m or re.match(
        r"^(?P<pre>(?:add|include|put)\s+.+?),\s*(?P<cond>(?:max|maximum|at most|up to|min|minimum|"
        r"at least|between|from)\s+\d.*)$",
        clause,
    )
    if m is None:
        return None
    changes = rest(m.group("pre"))
    entity, field = _added_field(ed, changes)
    cond = re.sub(r"^min(?:imum)?\b", "at least", m.group("cond"))
    cond = re.sub(r"^max(?:imum)?\b", "at most", cond)
    subject = f"{field} of {entity.lower()}"
    if cond.startswith(("not blank", "never blank")):
        found = not_blank(ed, f"{subject} must not be blank")
    else:
        found = bounds(ed, f"{subject} should be {cond}")
    if found is None:
        raise RefineError(f"I could not read the rule {cond!r} on {entity}.{field}.")
    return changes + found


def instead_of(ed: SpecEditor, clause: str, rest: Callable[[str], list[str]]) -> list[str] | None:
    """ "orders should belong to a user instead of a customer": the old link goes, the new
    one comes (a field named instead is renamed by `rename`, not here)."""
    m = re.match(r"^(?P<body>.+?)\s+instead of\s+(?:an?\s+|the\s+)?(?P<old>[a-z_ ]+)$", clause)
    if m is None or not re.search(
        r"\b(?:belongs?|have|has|reference|references)\b", m.group("body")
    ):
        return None
    subject = next(
        (e for e in (ed.entity_or_none(w) for w in re.findall(r"[a-z_]+", m.group("body"))) if e),
        None,
    )
    field = ed.field_name(subject, m.group("old")) if subject else None
    if subject and field and ed.entity_or_none(m.group("old")) is None:
        # "events should have a max_attendees integer instead of capacity": one field for another
        return ed.remove_field(subject, field) + rest(m.group("body"))
    old = ed.entity_or_none(m.group("old"))
    if subject is None or old is None:
        return None
    index = next(
        (i for i, r in enumerate(ed.relations) if {r["source"], r["target"]} == {subject, old}),
        None,
    )
    if index is None:
        raise RefineError(f"{subject} and {old} are not related, so there is nothing to replace.")
    return ed.remove_relation(index) + rest(m.group("body"))


def optional_relation(
    ed: SpecEditor, clause: str, rest: Callable[[str], list[str]]
) -> list[str] | None:
    """ "tickets belong to a department (optional)": the relation, with a nullable key."""
    m = re.match(r"^(?P<body>.+?\bbelongs?\s+to\b.+?)\s*(?:\(optional\)|,? optionally)$", clause)
    if m is None:
        return None
    before = len(ed.relations)
    try:
        changes = rest(m.group("body"))
    except AlreadyDone:
        changes = []
    if changes and len(ed.relations) > before:
        target: dict[str, Any] | None = ed.relations[-1]
    else:  # the relation was there: make its key optional
        names = re.findall(r"[a-z_]+", m.group("body"))
        ends = {e for e in (ed.entity_or_none(w) for w in names) if e}
        target = next(
            (
                r
                for r in ed.relations
                if {r["source"], r["target"]} <= ends and r["kind"] == "many_to_one"
            ),
            None,
        )
        if target is None or target.get("required", True) is False:
            raise AlreadyDone("That relation is optional already.")
        changes = [f"{target['source']} belongs to {target['target']}: now optional"]
    if target is not None and target["kind"] == "many_to_one":
        target["required"] = False
    return changes
