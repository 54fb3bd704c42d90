"""The refinement clause readers, in the order they are tried (`CLAUSES`). No I/O.

Each takes the editor and one plain clause (see `wording.plain`) and returns the changes it
made, None when the clause is not its kind, or raises `RefineError` (`AlreadyDone` when the spec
has the change already). They are tried before the older rules in `rules.RULES`; ownership and
read access live in `ownership.py`, business rules in `rulewords.py`, and clauses read by
rewriting them in `rewrites.py`. Here: choices, "have many" and roles joining a restriction.

    "add a status to orders that can be pending, paid or shipped"
    "add cancelled to the order statuses"
    "events have many sponsors" (makes Sponsor when there is none)
    "agents should be able to delete replies too" (adds the role to the restriction)
"""

from __future__ import annotations

import re

from pipeline.naming import singular, snake
from pipeline.parse.access import role_name, verb_operations
from pipeline.parse.phrases import split_list
from pipeline.parse.relations import has_many_relation
from pipeline.parse.vocab import GENERIC_ACTORS, TYPE_WORDS
from pipeline.refine.computedwords import computed_field
from pipeline.refine.editor import AlreadyDone, RefineError, SpecEditor
from pipeline.refine.fieldrules import _set_choices
from pipeline.refine.ownership import (
    belongs_to_maker,
    editable_by,
    others_cannot_see,
    own_writes,
    owner_relation,
    owner_rule,
    person_link,
    read_access,
    who_did,
    who_it_is,
)
from pipeline.refine.phrasing import _ENTITY, _HAVE, Clause, _entity, _field_ref
from pipeline.refine.rulewords import bounds, not_blank, soft_delete, transition, unique_per
from pipeline.refine.transitions import said_transition
from pipeline.spec import FieldType, Relation, RelationKind

_LIST = (
    r"(?:\(one of (?P<plist>[^)]+)\)|(?P<list>[a-z0-9_ ]+(?:\s*,\s*[a-z0-9_ ]+)*"
    r"(?:,?\s+(?:or|and)\s+[a-z0-9_ ]+|(?:\s*,\s*[a-z0-9_ ]+)+)))"
)


def enum_field(ed: SpecEditor, clause: str) -> list[str] | None:
    m = re.match(
        r"^add\s+(?:an?\s+|the\s+)?(?:enum\s+(?:field\s+)?)?(?P<f>[a-z_]+(?:\s+(?!enum\b)[a-z_]+)?)"
        r"(?:\s+enum)?(?:\s+field)?\s+(?:to|on|for)\s+(?P<e>[a-z_ ]+?)\s*(?:(?:,\s*)?(?:that|which)\s+(?:can be|is"
        rf" one of|is either|are)|:|with (?:values|choices|options))\s*{_LIST}$",
        clause,
    ) or re.match(
        rf"^{_ENTITY}{_HAVE}\s+(?:an?|the)\s+(?P<f>[a-z_]+(?:\s+[a-z_]+)?)\s*(?:(?:,\s*)?(?:that|which)"
        rf"\s+(?:can be|is one of|is either|is)|:|of|with (?:values|choices|options))\s*{_LIST}$",
        clause,
    )
    field = m.group("f") if m else "status"
    m = m or re.match(
        rf"^{_ENTITY}\s+(?:can be|are either|is either|should be one of|are one of|can be either)"
        rf"\s+{_LIST}$",
        clause,
    )
    if m is None:
        return None
    entity = _entity(ed, m.group("e"))
    listed = m.group("plist") or m.group("list")
    values = [snake(v) for v in re.split(r",|/|\||\s+or\s+|\s+and\s+", listed)]
    values = [v for v in values if v]
    if entity is None or len(values) < 2:
        return None
    return _set_choices(ed, f"{field} of {entity.lower()}", values)


_MANY = r"(?:many|multiple|several|lots of|a lot of|a list of|any number of|some|more than one)"


def have_many(ed: SpecEditor, clause: str) -> list[str] | None:
    m = re.match(rf"^{_ENTITY}{_HAVE}\s+{_MANY}\s+(?P<b>[a-z][a-z_ ]*?)$", clause) or re.match(
        r"^(?P<e>[a-z_ ]+?)\s+(?:can|should|may)\s+(?P<in>have|be in|belong to)\s+(?:many|multiple|several)"
        r"\s+(?P<b>[a-z][a-z_ ]*?)$",
        clause,
    )
    if m is None:
        return None
    owner = _entity(ed, m.group("e"))
    if owner is None:
        return None
    changes: list[str] = []
    owned = ed.entity_or_none(m.group("b"))
    existed = owned is not None
    if owned is None:
        last = m.group("b").split()[-1]
        if len(m.group("b").split()) > 2 or last in TYPE_WORDS or singular(last) == last:
            return None  # "posts need some love": only a plural names things to make
        changes += ed.add_entity(singular(snake(m.group("b")).replace("_", " ")), [])
        owned = ed.entity_names()[-1]
    if existed and any(
        r["kind"] == "many_to_one" and (r["source"], r["target"]) == (owned, owner)
        for r in ed.relations
    ):  # "a list has many tasks" where each task belongs to a list
        raise AlreadyDone(f"Each {owned} belongs to a {owner} already: a {owner} has many.")
    if existed and any(
        r["kind"] == "many_to_many" and {r["source"], r["target"]} == {owner, owned}
        for r in ed.relations
    ):  # "a speaker can speak at many events" where events have many speakers
        raise AlreadyDone(f"{owner} and {owned} are many to many already.")
    if "in" in m.groupdict() and m.group("in") in ("be in", "belong to"):
        kind_wanted: RelationKind | None = RelationKind.MANY_TO_MANY  # each side has many
    else:
        kind_wanted = None
    one = next(
        (i for i, r in enumerate(ed.relations) if r["kind"] == "many_to_one"
         and (r["source"], r["target"]) == (owner, owned)),
        None,
    )  # fmt: skip
    if one is not None:  # "books have many authors" where a book had one: many to many now
        changes += ed.remove_relation(one)
        return changes + ed.add_relation(
            Relation(kind=RelationKind.MANY_TO_MANY, source=owner, target=owned)
        )
    draft = has_many_relation(snake(owner), snake(owned))
    kind = kind_wanted or draft.kind
    child_of = draft.kind is RelationKind.MANY_TO_ONE and draft.source == snake(owned)
    part = singular(snake(owned).split("_")[-1]) in _PARTS_OF_ONE and not any(
        owned in (r["source"], r["target"]) for r in ed.relations
    )  # "a customer has many addresses", a new Address: each address is one customer's
    if child_of and not _default_parent(owned, owner) and kind_wanted is None and not part:
        kind = RelationKind.MANY_TO_MANY  # "authors have many awards": an award may go to many
    if kind is RelationKind.MANY_TO_MANY:
        relation = Relation(kind=kind, source=owner, target=owned)
    else:
        names = {snake(n): n for n in ed.entity_names()}
        relation = Relation(kind=kind, source=names[draft.source], target=names[draft.target])
    return changes + ed.add_relation(relation)


# Things that are parts of one owner, never shared between owners.
_PARTS_OF_ONE = frozenset(
    "address bin shelf policy subtask step item line entry photo image attachment note reply "
    "message room section chapter question option answer slot milestone reading measurement "
    "payment installment variant lesson episode page revision version checkpoint session".split()
)


def _default_parent(child: str, parent: str) -> bool:
    from pipeline.parse.domains import DEFAULT_PARENTS

    return any(snake(parent) in group for group, _ in DEFAULT_PARENTS.get(snake(child), ()))


def role_joins(ed: SpecEditor, clause: str) -> list[str] | None:
    """ "agents should be able to delete replies too": add the role where the action is kept
    for other roles."""
    m = re.match(
        r"^(?P<who>[a-z]+)\s+(?:should\s+|can\s+|may\s+|must\s+)?(?:also\s+)?(?:be able to\s+|be"
        r" allowed to\s+)?(?P<verb>[a-z]+)\s+(?:the\s+)?(?P<e>.+)$",
        clause,
    )
    if m is None:
        return None
    role = role_name(m.group("who"))
    entity = _entity(ed, m.group("e"))
    actions = verb_operations(m.group("verb"))
    if not role or entity is None or not actions:
        return None
    wanted = {a.value for a in actions}
    kept = [p for p in ed.data.get("permissions", []) if p["entity"] == entity
            and wanted & set(p["actions"])]  # fmt: skip
    changes = []
    if role not in ed.data.get("roles", []):
        if (
            not kept
            or ed.entity_or_none(m.group("who")) is not None
            or role in GENERIC_ACTORS
            or (m.group("who") in GENERIC_ACTORS)
        ):
            return None
        ed.data.setdefault("roles", []).append(role)  # "managers should edit products as well"
        changes.append(f"added role {role}")
    for p in list(ed.data.get("permissions", [])):
        if p["entity"] == entity and wanted & set(p["actions"]):
            if role in p["roles"]:
                continue
            rest = [a for a in p["actions"] if a not in wanted]
            if rest:  # "managers may edit products": not create or delete them as well
                ed.data["permissions"].append({**p, "actions": rest, "roles": list(p["roles"])})
                p["actions"] = [a for a in p["actions"] if a in wanted]
            p["roles"].append(role)
            changes.append(f"{role} may {', '.join(p['actions'])} {entity} too")
    if not changes:
        raise AlreadyDone(f"{role} may {m.group('verb')} {entity} already.")
    return changes


def role_denied(ed: SpecEditor, clause: str) -> list[str] | None:
    """ "regular users shouldn't be able to delete customers": the other roles keep it."""
    m = re.match(
        r"^(?:regular\s+|normal\s+|ordinary\s+|plain\s+|basic\s+)?(?P<who>[a-z]+)\s+(?:can't|cannot|"
        r"can not|shouldn't|should not|may not|must not|mustn't|are not allowed to|aren't allowed to)"
        r"\s+(?:be able to\s+|be allowed to\s+)?(?P<verbs>[a-z]+(?:\s*(?:,|or|and)\s*[a-z]+)*)\s+"
        r"(?:the\s+|any\s+)?(?P<e>[a-z][a-z_ ]*)$",
        clause,
    )
    if m is None:
        return None
    role, entity = role_name(m.group("who")), _entity(ed, m.group("e"))
    roles = ed.data.get("roles", [])
    verbs = [v for v in re.split(r"\s*(?:,|\bor\b|\band\b)\s*", m.group("verbs")) if v]
    if role not in roles or entity is None or not all(verb_operations(v) for v in verbs):
        return None
    others = [r for r in roles if r != role]
    if not others:
        raise RefineError(f"{role} is the only role; who else should {m.group('verbs')} {entity}?")
    from pipeline.refine.rules import permissions

    rows = ed.spec().entity(entity).plural.replace("_", " ")
    return permissions(ed, f"only {' and '.join(others)} can {m.group('verbs')} {rows}")


def _enum_field(ed: SpecEditor, said: str) -> tuple[str, str] | None:
    """The enum field a reviewer names ("order statuses", "the ticket priority"), or None."""
    ref = " ".join(singular(w) for w in said.split())
    found = _field_ref(ed, ref)
    if found is None:
        words = ref.split()
        entity = _entity(ed, words[0]) if len(words) > 1 else None
        field = ed.field_name(entity, " ".join(words[1:])) if entity else None
        found = (entity, field) if entity and field else None
    if found is None or ed.field(*found).type is not FieldType.ENUM:
        return None
    return found


_VALUE = r'(?P<v>"?[a-z_][a-z_ ,"]*?"?)'
_CHOICES = r"(?:options|values|choices|list)"
_PLACE = re.compile(
    r",?\s+(?:right\s+|just\s+)?(?:between\s+(?P<after>[a-z_]+)\s+and\s+[a-z_]+|after\s+(?P<after2>[a-z_]+)|"
    r"before\s+(?P<before>[a-z_]+))$"
)
_ADD_CHOICE = (
    # "add cancelled to the order statuses", "add urgent as a priority of tickets"
    rf"^add\s+{_VALUE}\s+(?:to|as an?)\s+(?:the\s+)?(?P<ref>[a-z_ ]+?)(?:\s+{_CHOICES})?$",
    # "order status: add `cancelled` to the choices", "priority: add urgent as an option"
    rf"^(?P<ref>[a-z_ ]+?)\s*:\s*add\s+{_VALUE}(?:\s+(?:to\s+the\s+{_CHOICES}|as\s+an?\s+"
    r"(?:option|value|choice)))?$",
    rf"^(?P<ref>[a-z_ ]+?)\s*\+=\s*{_VALUE}$",  # "priority += urgent"
    # "priority should have urgent too", "status needs an `on_hold` option as well"
    rf"^(?:the\s+)?(?P<ref>[a-z_ ]+?)\s+(?:also\s+|now\s+)?(?:should|needs?\s+to|must)?\s*(?:also\s+)?(?:have|include|"
    rf"allow|accept|get|needs?|gets?)\s+(?:an?\s+)?{_VALUE}(?:\s+(?:option|value|choice))?(?:\s+(?:too|as well|also))?$",
    # "add a waiting_on_customer status between pending and resolved" (the place is cut first)
    r"^add\s+(?:an?\s+)?(?:new\s+)?(?P<v>[a-z][a-z0-9_]*)\s+(?P<ref>status|state|stage|priority|type|kind|level|tier)$",
    rf"^(?:the\s+)?(?P<ref>[a-z_ ]+?)\s+(?:should|needs?\s+to|must)?\s*(?:have|include|allow|accept|"
    rf"get|needs?|gets?)\s+(?:an?\s+)?(?:new\s+|extra\s+)?{_VALUE}\s+(?:option|value|choice)$",
)


def add_choice(ed: SpecEditor, clause: str) -> list[str] | None:
    """ "add cancelled to the order statuses", "add urgent as a priority of tickets"."""
    place = _PLACE.search(clause)  # "..., right between pending and resolved"
    said = clause[: place.start()] if place else clause
    m = next(filter(None, (re.match(form, said) for form in _ADD_CHOICE)), None)
    if m is None:
        return None
    found = _enum_field(ed, m.group("ref"))
    if found is None:
        return None
    entity, field = found
    current = ed.field(entity, field)
    said = re.sub(r"^(?:an?|the)\s+|\s+(?:option|value|choice|state|status)s?$", "",
                  m.group("v").replace('"', ""))  # fmt: skip
    values = [snake(v) for v in split_list(said)]
    new = [v for v in values if v not in current.choices]
    if not new:
        raise AlreadyDone(f"{entity}.{field} can be {', '.join(values)} already.")
    choices = list(current.choices)
    after = place and (place["after"] or place["after2"])
    at = (
        choices.index(after) + 1 if after in choices
        else choices.index(place["before"]) if place and place["before"] in choices
        else len(choices)
    )  # fmt: skip
    if place and at == len(choices) and not (after == choices[-1]):
        return None  # a place among values it does not have: not this reading
    return ed.update_field(entity, field, type="enum", choices=[*choices[:at], *new, *choices[at:]],
                           default=current.default)  # fmt: skip


def remove_choice(ed: SpecEditor, clause: str) -> list[str] | None:
    """ "remove pending from the ticket statuses", "drop urgent from the priorities"."""
    m = re.match(
        r"^(?:remove|drop|delete)\s+(?:the\s+)?(?P<v>[a-z0-9_ ,]+?)\s+(?:option\s+|value\s+|choice\s+)?"
        r"from\s+(?:the\s+)?(?P<ref>[a-z_ ]+?)(?:\s+(?:options|values|choices|list))?$",
        clause,
    )
    if m is None:
        return None
    found = _enum_field(ed, m.group("ref"))
    if found is None:
        return None
    entity, field = found
    current = ed.field(entity, field)
    values = [snake(v) for v in split_list(m.group("v"))]
    if not set(values) <= set(current.choices):
        return None  # not its values: perhaps a field of that name
    kept = [c for c in current.choices if c not in values]
    if len(kept) < 2:
        raise RefineError(
            f"{entity}.{field} would have fewer than two values left; remove the field instead?"
        )
    default = current.default if current.default in kept else None
    return ed.update_field(entity, field, choices=kept, default=default)


def entity_verb(ed: SpecEditor, clause: str) -> list[str] | None:
    """ "only agents may reply", "only members can review": the verb names an entity, and
    saying it is making one."""
    m = re.match(
        r"^only\s+(?P<who>.+?)\s+(?:can|may|should|are allowed to)\s+(?P<v>[a-z]+)$", clause
    )
    if m is None or verb_operations(m.group("v")):
        return None
    entity = ed.entity_or_none(m.group("v"))
    if entity is None:
        return None
    from pipeline.refine.rules import permissions

    rows = ed.spec().entity(entity).plural.replace("_", " ")
    return permissions(ed, f"only {m.group('who')} can create {rows}")


CLAUSES: tuple[Clause, ...] = (
    owner_relation,
    who_did,
    person_link,
    who_it_is,
    owner_rule,
    editable_by,
    own_writes,
    read_access,
    belongs_to_maker,
    others_cannot_see,
    bounds,
    not_blank,
    unique_per,
    transition,
    said_transition,
    computed_field,
    soft_delete,
    enum_field,
    have_many,
    add_choice,
    remove_choice,
    role_joins,
    role_denied,
    entity_verb,
)
