"""Refinement clauses about ownership, read access, business rules, enums and "have many". No I/O.

Each function takes the editor and one plain clause (see `wording.plain`) and returns the changes
it made, None when the clause is not its kind, or raises `RefineError` (`AlreadyDone` when the
spec has the change already). They are tried before the older rules in `rules.RULES`.

    "each post has an author (a user)"           -> Post.author, a relation to User; Post.owner
    "only the author may edit a post"            -> Post.owner = author
    "customers should only see their own tickets"-> Ticket.customer (User), owner, read: owner
    "only signed in users can see comments"      -> Comment.read = signed_in
    "rating from 1 to 5", "titles at most 80 characters", "titles must not be blank"
    "one review per member and book", "order status can only go from pending to shipped"
    "comments should be soft deleted"
    "add a status to orders that can be pending, paid or shipped"
    "events have many sponsors" (makes Sponsor when there is none)
    "agents should be able to delete replies too" (adds the role to the restriction)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pipeline.naming import singular, snake
from pipeline.parse.access import role_name, verb_operations
from pipeline.parse.phrases import split_list
from pipeline.parse.relations import has_many_relation
from pipeline.parse.vocab import TYPE_WORDS
from pipeline.refine.editor import AlreadyDone, RefineError, SpecEditor
from pipeline.refine.fieldrules import _set_choices
from pipeline.refine.refs import find_ref
from pipeline.spec import FieldType, Relation, RelationKind

Clause = Callable[[SpecEditor, str], list[str] | None]

OWNER_WORDS = {
    "author", "owner", "creator", "poster", "submitter", "reporter", "requester", "seller",
    "organizer", "host", "uploader", "writer",
}  # fmt: skip
_MODAL = r"(?:should|must|also|now|will|can|need|needs|have|has|get|gets|only)\b"
_ENTITY = (
    r"(?:each\s+|every\s+|the\s+|an?\s+|all\s+)?"
    rf"(?P<e>[a-z][a-z_]*(?:\s+(?!{_MODAL})[a-z][a-z_]*)?)"
)
_HAVE = (
    r"(?:\s+(?:should|must|also|now|will|can|need to|needs to))*\s+(?:have|has|get|gets|need|needs)"
)
_READ_VERBS = r"(?:see|read|view|list|access|browse|look at|get)"
_NUMBER = r"-?\d+(?:\.\d+)?"


def _num(text: str) -> float | int:
    value = float(text)
    return int(value) if value.is_integer() else value


def _entity(ed: SpecEditor, phrase: str) -> str | None:
    return ed.entity_or_none(re.sub(r"^(?:each|every|the|an?|all)\s+", "", phrase.strip()))


def _need_auth(ed: SpecEditor) -> list[str]:
    if ed.data.get("auth") == "jwt":
        return []
    ed.data["auth"] = "jwt"
    return ["auth: jwt (turned on: ownership needs signed-in users)"]


def _user_relation(ed: SpecEditor, entity: str, name: str) -> tuple[list[str], bool]:
    """Make sure `entity` has a many-to-one relation to User called `name`."""
    changes = _need_auth(ed)
    for r in ed.relations:
        if r["source"] == entity and r["target"] == "User" and r.get("name", "user") == name:
            return changes, False
    changes += ed.add_relation(
        Relation(kind=RelationKind.MANY_TO_ONE, source=entity, target="User", name=name)
    )
    return changes, True


def _set_owner(ed: SpecEditor, entity: str, name: str) -> list[str]:
    data = ed.entity(entity)
    if data.get("owner") == name:
        raise AlreadyDone(f"{entity} is owned by its {name} already.")
    data["owner"] = name
    return [f"{entity}.owner: {name} (set from the token; only they and admins may change it)"]


def owner_relation(ed: SpecEditor, clause: str) -> list[str] | None:
    m = re.match(
        rf"^{_ENTITY}{_HAVE}\s+(?:an?|the|their|its)\s+(?P<w>[a-z]+)"
        r"(?P<user>\s*\((?:an?\s+)?user\)|\s*(?:who|that|which) is an?\s+user|,? an? user)?$",
        clause,
    )
    if m is None or not (m.group("w") in OWNER_WORDS or m.group("user")):
        return None
    entity = _entity(ed, m.group("e"))
    if entity is None:
        return None
    name = snake(m.group("w"))
    changes, added = _user_relation(ed, entity, name)
    if not ed.entity(entity).get("owner") and name in OWNER_WORDS:
        changes += _set_owner(ed, entity, name)
    if not changes and not added:
        raise AlreadyDone(f"{entity} has its {name} already.")
    return changes


def owner_rule(ed: SpecEditor, clause: str) -> list[str] | None:
    m = re.match(
        r"^only\s+(?:the\s+|its\s+|their\s+)?(?P<w>[a-z]+)(?:\s+(?:who|that)\s+.+?)?\s+"
        r"(?:can|may|should be able to|is allowed to|should|must)\s+(?P<verbs>.+?)\s+"
        r"(?:an?\s+|the\s+|their\s+|its\s+|his\s+|her\s+)?(?P<e>[a-z][a-z_]*)(?:\s+it)?$",
        clause,
    )
    if m is None:
        return None
    entity = _entity(ed, m.group("e"))
    word = m.group("w")
    names = {r.get("name", "user") for r in ed.relations if r["source"] == entity}
    if entity is None or not (word in OWNER_WORDS or word in names):
        return None
    verbs = [w for w in re.split(r"\W+", m.group("verbs")) if w and w not in ("or", "and")]
    if not all(verb_operations(v) for v in verbs):
        return None
    changes, _ = _user_relation(ed, entity, snake(word))
    current = ed.entity(entity).get("owner")
    if current == snake(word):
        if changes:
            return changes
        raise AlreadyDone(f"only {entity}'s {word} (and admins) may change it already.")
    return changes + _set_owner(ed, entity, snake(word))


def editable_by(ed: SpecEditor, clause: str) -> list[str] | None:
    """ "make comments editable only by their author"."""
    m = re.match(
        r"^(?:make\s+)?(?P<e>[a-z_ ]+?)\s+(?:should be\s+|are\s+|is\s+)?(?:editable|changeable|"
        r"deletable|modifiable)\s+(?:only\s+)?by\s+(?:only\s+)?(?:their|its|the)\s+(?P<w>[a-z]+)$",
        clause,
    )
    if m is None:
        return None
    return owner_rule(ed, f"only the {m.group('w')} can edit {m.group('e')}")


def own_writes(ed: SpecEditor, clause: str) -> list[str] | None:
    """ "users can only edit their own posts": posts record their owner."""
    m = re.match(
        r"^(?P<who>[a-z]+)\s+(?:should\s+|can\s+|may\s+|must\s+)?(?:only\s+)?(?:be able to\s+)?"
        r"(?P<verbs>(?:edit|update|change|modify|delete|remove)(?:(?:,\s*|\s+(?:and|or)\s+)"
        r"(?:edit|update|change|modify|delete|remove))*)\s+(?:only\s+)?(?:their|his|her|the)\s+"
        r"own\s+(?P<e>.+)$",
        clause,
    )
    if m is None:
        return None
    entity = _entity(ed, m.group("e"))
    if entity is None:
        return None
    changes = _own_rows(ed, entity, singular(m.group("who")))
    if not changes:
        raise AlreadyDone(f"{entity} rows can be changed by their owner only already.")
    return changes


def read_access(ed: SpecEditor, clause: str) -> list[str] | None:
    signed = re.match(
        r"^only\s+(?:signed[- ]in|logged[- ]in|registered|authenticated)\s+(?:users?|people)\s+"
        rf"(?:can|may|should be able to|should)\s+{_READ_VERBS}\s+(?:the\s+)?(?P<e>.+)$",
        clause,
    ) or re.match(
        r"^(?P<e>.+?)\s+(?:should|must)\s+(?:only\s+)?be\s+(?:visible|readable)\s+(?:only\s+)?to\s+"
        r"(?:signed[- ]in|logged[- ]in|registered|authenticated)\s+users$",
        clause,
    )
    signed = signed or re.match(
        r"^(?:make\s+)?(?P<e>.+?)\s+(?:require|need)s?\s+(?:a\s+)?(?:signed[- ]in|logged[- ]in|"
        r"login|an? account|authentication)(?:\s+user)?(?:\s+to\s+(?:read|see|view))?$",
        clause,
    )
    own = re.match(
        r"^(?P<who>[a-z]+)\s+(?:should\s+|can\s+|may\s+|must\s+)?(?:only\s+)?"
        rf"(?:be able to\s+)?{_READ_VERBS}\s+(?:only\s+)?(?:their|his|her|his or her|the)\s+own\s+"
        r"(?P<e>.+)$",
        clause,
    )
    public = re.match(
        rf"^(?:anyone|everyone|everybody|the public|visitors)\s+(?:can|may|should be able to)\s+"
        rf"{_READ_VERBS}\s+(?:the\s+)?(?P<e>.+?)(?:\s+without\s+(?:logging|signing)\s+in)?$",
        clause,
    ) or re.match(r"^(?P<e>.+?)\s+(?:should be|are|is)\s+public(?:ly readable)?$", clause)
    found = signed or own or public
    if found is None:
        return None
    entity = _entity(ed, found.group("e"))
    if entity is None:
        return None
    changes: list[str] = []
    if own:
        changes += _own_rows(ed, entity, singular(own.group("who")))
        access = "owner"
    else:
        access = "signed_in" if signed else "public"
        if access == "signed_in":
            changes += _need_auth(ed)
    data = ed.entity(entity)
    if data.get("read", "public") == access:
        if changes:
            return changes
        raise AlreadyDone(f"{entity} is readable by {access.replace('_', ' ')} already.")
    data["read"] = access
    return [*changes, f"{entity}.read: {access.replace('_', ' ')}"]


def _own_rows(ed: SpecEditor, entity: str, who: str) -> list[str]:
    """The owner that "users see only their own X" needs: the existing one, a relation to User
    named for the subject, or the only relation to User."""
    owner = ed.entity(entity).get("owner")
    if owner:
        return []
    to_user = [
        r.get("name", "user")
        for r in ed.relations
        if r["source"] == entity and r["target"] == "User" and r["kind"] == "many_to_one"
    ]
    changes: list[str] = []
    if who in to_user:
        name = who
    elif who in ("user", "person", "people", "member") and len(to_user) == 1:
        name = to_user[0]
    else:
        name = "owner" if who == "user" else snake(who)
        changes, _ = _user_relation(ed, entity, name)
    return changes + _set_owner(ed, entity, name)


# --- business rules -------------------------------------------------------------------------

_BE = (
    r"\s+(?:should|must|has to|have to|needs to|need to|can only|can|shall|will)?\s*(?:only\s+)?be"
)


def _rule(ed: SpecEditor, rule: dict[str, Any]) -> list[str]:
    rules: list[dict[str, Any]] = ed.data.setdefault("rules", [])
    if rule in rules:
        raise AlreadyDone(f"The rule {rule} is in the spec already.")
    rules.append(rule)
    words = ", ".join(f"{k} {v}" for k, v in rule.items() if k not in ("kind", "entity"))
    return [f"rule {rule['kind']} on {rule['entity']}{': ' + words if words else ''}"]


def _field_ref(ed: SpecEditor, ref: str) -> tuple[str, str] | None:
    try:
        entity, field, _ = find_ref(ed, ref)
    except RefineError:
        return None
    return (entity, field) if field else None


def bounds(ed: SpecEditor, clause: str) -> list[str] | None:
    limit = re.match(r"^(?:limit|cap|restrict)\s+(?P<ref>.+?)\s+to\s+(?P<rest>\d.*)$", clause)
    if limit:
        clause = f"{limit.group('ref')} at most {limit.group('rest')}"
    clause = re.sub(r"^(?:make|set)\s+(?=.+\s(?:at most|at least|between|up to|max|min)\b)", "",
                    clause)  # fmt: skip
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
        r"^(?:the\s+)?(?P<ref>.+?)\s+(?:can't|cannot|can not|must not|mustn't|should not|"
        r"shouldn't|may not|never)\s+(?:be\s+|go\s+)?(?P<how>negative|below zero|less than zero)$",
        clause,
    )
    if m is None and positive is None:
        return None
    found = _field_ref(ed, (m or positive).group("ref"))  # type: ignore[union-attr]
    if found is None:
        return None
    entity, field = found
    lo: float | int | None
    hi: float | int | None
    if positive:
        lo, hi = (1 if positive.group("how") == "positive" else 0), None  # "not negative": 0
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
        return None
    entity = _entity(ed, found.group("e"))
    if entity is None:
        return None
    phrases = ([found.group("f")] if per else []) + split_list(found.group("l"))
    names = [_member(ed, entity, p) for p in phrases]
    if not all(names):
        missing = [p for p, n in zip(phrases, names, strict=True) if not n]
        raise RefineError(f"{entity} has no field or relation {', '.join(map(repr, missing))}.")
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
        r"^(?P<e>.+?)\s+(?:can|may|should|must)\s+only\s+be\s+(?P<verb>[a-z]+?)(?:led|ed|d)\s+"
        r"(?:while|when|if)\s+(?:it is\s+|they are\s+|still\s+)?(?P<from>.+)$",
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
    return _rule(ed, rule)


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


# --- fields with choices or a range; "have many" ------------------------------------------

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


def _added_field(ed: SpecEditor, changes: list[str]) -> tuple[str, str]:
    for change in changes:
        if found := re.match(r"^added field (\w+)\.(\w+)", change):
            return found.group(1), found.group(2)
    raise RefineError("I could not tell which field the range is for.")


_MANY = r"(?:many|multiple|several|lots of|a lot of|a list of|any number of|some|more than one)"


def have_many(ed: SpecEditor, clause: str) -> list[str] | None:
    m = re.match(rf"^{_ENTITY}{_HAVE}\s+{_MANY}\s+(?P<b>[a-z][a-z_ ]*?)$", clause) or re.match(
        r"^(?P<e>[a-z_ ]+?)\s+(?:can|should|may)\s+(?:have|be in|belong to)\s+(?:many|multiple|several)"
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
        if len(m.group("b").split()) > 2 or m.group("b").split()[-1] in TYPE_WORDS:
            return None
        changes += ed.add_entity(singular(snake(m.group("b")).replace("_", " ")), [])
        owned = ed.entity_names()[-1]
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
    kind = draft.kind
    child_of = draft.kind is RelationKind.MANY_TO_ONE and draft.source == snake(owned)
    if existed and child_of and not _default_parent(owned, owner):
        kind = RelationKind.MANY_TO_MANY
    if kind is RelationKind.MANY_TO_MANY:
        relation = Relation(kind=kind, source=owner, target=owned)
    else:
        names = {snake(n): n for n in ed.entity_names()}
        relation = Relation(kind=kind, source=names[draft.source], target=names[draft.target])
    return changes + ed.add_relation(relation)


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
    if role not in ed.data.get("roles", []) or entity is None or not actions:
        return None
    wanted = {a.value for a in actions}
    changes = []
    for p in ed.data.get("permissions", []):
        if p["entity"] == entity and wanted & set(p["actions"]):
            if role in p["roles"]:
                continue
            p["roles"].append(role)
            changes.append(f"{role} may {', '.join(p['actions'])} {entity} too")
    if not changes:
        raise AlreadyDone(f"{role} may {m.group('verb')} {entity} already.")
    return changes


def typed_first(ed: SpecEditor, clause: str, rest: Callable[[str], list[str]]) -> list[str] | None:
    """ "add a integer view_count field to post" -> "add a view_count (integer) to post"."""
    types = "|".join(re.escape(w) for w in sorted(TYPE_WORDS, key=len, reverse=True))
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
    body, noun = m.group("rest"), entity.lower()
    if re.match(r"^(?:add|include|put)\b", body):
        return rest(f"{body} to {noun}")
    if re.match(r"^(?:remove|delete|drop)\b", body):
        return rest(f"{body} from {noun}")
    if re.match(r"^rename\b", body):
        return rest(f"{body} on {noun}")
    if made := re.match(r"^(?P<verb>make|mark|set)\s+(?P<f>.+?)\s+(?P<p>\w+)$", body):
        return rest(f"{made.group('verb')} {made.group('f')} of {noun} {made.group('p')}")
    modal = re.search(r"\s+(?:must|should|can't|cannot|can|is|are|may|needs?|has to)\b", body)
    if modal is None:
        return rest(f"{noun} {body}")
    return rest(f"{body[: modal.start()]} of {noun}{body[modal.start():]}")


_PROPS = r"(?P<p>unique|optional|required|mandatory)"
_OPPOSITE = {"unique": "not unique", "optional": "required", "required": "optional",
             "mandatory": "optional"}  # fmt: skip


def property_after(
    ed: SpecEditor, clause: str, rest: Callable[[str], list[str]]
) -> list[str] | None:
    """ "an email that is unique" -> "a unique email"; "... to tickets (optional)";
    "email shouldn't be unique" -> "email should be not unique"."""
    m = re.match(
        rf"^(?P<pre>.*?\b)(?:an?|the)\s+(?P<f>[a-z_ ]+?)\s+(?:that|which)\s+(?:is|must be|should be)"
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


def add_choice(ed: SpecEditor, clause: str) -> list[str] | None:
    """ "add cancelled to the order statuses", "add urgent as a priority of tickets"."""
    m = re.match(
        r"^add\s+(?P<v>[a-z_ ]+?)\s+(?:to|as an?)\s+(?:the\s+)?(?P<ref>[a-z_ ]+?)(?:\s+(?:options|"
        r"values|choices))?$",
        clause,
    )
    if m is None:
        return None
    ref = " ".join(singular(w) for w in m.group("ref").split())
    found = _field_ref(ed, ref)
    if found is None:
        words = ref.split()
        entity = _entity(ed, words[0]) if len(words) > 1 else None
        field = ed.field_name(entity, " ".join(words[1:])) if entity else None
        found = (entity, field) if entity and field else None
    if found is None or ed.field(*found).type is not FieldType.ENUM:
        return None
    entity, field = found
    current = ed.field(entity, field)
    values = [snake(v) for v in split_list(m.group("v"))]
    new = [v for v in values if v not in current.choices]
    if not new:
        raise AlreadyDone(f"{entity}.{field} can be {', '.join(values)} already.")
    return ed.update_field(entity, field, type="enum", choices=[*current.choices, *new],
                           default=current.default)  # fmt: skip


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


CLAUSES: tuple[Clause, ...] = (
    owner_relation,
    owner_rule,
    editable_by,
    own_writes,
    read_access,
    bounds,
    not_blank,
    unique_per,
    transition,
    soft_delete,
    enum_field,
    have_many,
    add_choice,
    role_joins,
)
