"""The instructions refinement understands: one function per kind, tried in order. No I/O.

Each rule takes the editor and one clause (cleaned, lower case, choice lists protected as
"(one of a|b)") and returns the changes it made, None when the clause is not its kind, or
raises `RefineError` when it is its kind but cannot be applied. Phrases are read with the
parser's own helpers (`pipeline.parse`), so refinement and generation agree on what a field
phrase or a relation sentence means.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

from pipeline.naming import RESERVED_FIELD_NAMES, plural, snake
from pipeline.parse.access import parse_permission, role_name
from pipeline.parse.draft import Draft, DraftRelation
from pipeline.parse.features import detect_database, find_uploads
from pipeline.parse.fields import FieldDraft, parse_field
from pipeline.parse.phrases import split_list
from pipeline.parse.relations import has_many_relation, lookup, parse_relation_clause, resolve_item
from pipeline.parse.vocab import GENERIC_ACTORS, TYPE_WORDS
from pipeline.refine.editor import ALSO, AlreadyDone, RefineError, SpecEditor
from pipeline.refine.fieldrules import field_rules
from pipeline.refine.refs import find_ref
from pipeline.spec import Field, FieldType, Relation

Rule = Callable[[SpecEditor, str], list[str] | None]

_NAME = r"[a-z][a-z0-9_]*(?:\s+[a-z][a-z0-9_]*)?"
_ON = r"(?:turn on|switch on|enable|add|use|require|want|needs?)"
_OFF = r"(?:turn off|switch off|disable|remove|drop|no|without|get rid of)"


def database(ed: SpecEditor, clause: str) -> list[str] | None:
    m = re.match(
        r"^(?:please\s+)?(?:use|switch to|move to|migrate to|go with|change (?:the )?(?:database|db)"
        r" to|store (?:data|everything) in|(?:can\s+|could\s+)?(?:this|it|the (?:api|app|service))\s+(?:should\s+)?"
        r"run\s+on|run\s+(?:this|it)\s+on)\s+(?:an?\s+|the\s+)?(?P<db>[a-z0-9 ]+?)"
        r"(?:\s+(?:database|db))?(?:\s+instead(?:\s+of\s+\w+)?)?$",
        clause,
    )
    if m is None:
        return None
    draft = Draft()
    detect_database(f"use {m.group('db')}", draft)
    if draft.database is None:
        if not re.search(r"sql|postgres|mongo|maria|oracle|dynamo|database|\bdb\b", clause):
            return None
        raise RefineError(
            f"{m.group('db')} is not supported: a project uses PostgreSQL or SQLite "
            "(`use sqlite`, `use postgresql`)."
        )
    if ed.data.get("database", "postgresql") == draft.database.value:
        raise AlreadyDone(f"The project uses {draft.database.value} already.")
    ed.data["database"] = draft.database.value
    return [f"database: {draft.database.value}"]


def auth(ed: SpecEditor, clause: str) -> list[str] | None:
    words = (
        r"(?:jwt\s+)?(?:user\s+)?(?:auth|authentication|login|log in|logins|jwt|accounts|sign in)"
    )
    on = (
        re.match(rf"^{_ON}\s+{words}(?:\s+with\s+jwt)?$", clause)
        or re.match(r"^users?\s+(?:should|must|need to|can)\s+(?:sign up and\s+)?log in$", clause)
        or re.match(  # "turn on login (jwt)", "put this behind jwt login"
            rf"^(?:{_ON}\s+{words}\s*\((?:jwt|with jwt)\)|put\s+(?:this|it|the\s+api|everything)\s+behind\s+"
            rf"(?:an?\s+)?{words})$",
            clause,
        )
        or re.match(  # "so it needs a login now (jwt)"
            rf"^(?:it|this|the\s+(?:api|app|service|backend))\s+(?:now\s+)?(?:needs?|requires?|should\s+"
            rf"have|must\s+have)\s+(?:an?\s+|some\s+)?{words}(?:\s+now)?(?:\s*\((?:jwt|a\s+jwt)\))?$",
            clause,
        )
    )
    off = re.match(
        rf"^{_OFF}\s+(?:the\s+|all\s+)?{words}(?:\s+(?:entirely|completely|altogether))?$", clause
    ) or re.match(r"^(?:make the api public|the api is public)$", clause)
    if on:
        if ed.data.get("auth") == "jwt":
            raise AlreadyDone("Auth is on already.")
        ed.data["auth"] = "jwt"
        return ["auth: jwt (a User entity with login and registration)"]
    if off:
        if ed.data.get("auth", "none") == "none":
            raise AlreadyDone("Auth is off already.")
        ed.data["auth"] = "none"
        changes = ["auth: none"]
        for key in ("roles", "permissions", "default_role"):
            if ed.data.pop(key, None):
                changes.append(f"removed {key.replace('_', ' ')} (they need auth)")
        return changes
    return None


def list_features(ed: SpecEditor, clause: str) -> list[str] | None:
    for feature, noun, verb in (
        ("pagination", r"paginat\w*|paging", "paginate"),
        ("filtering", r"filter\w*|search\w*", "filter"),
    ):
        lists = r"(?:the\s+|all\s+(?:the\s+)?)?(?:[a-z_]+\s+)?lists?"  # "the event list"
        on = (
            re.match(
                rf"^(?:{_ON}\s+)?(?:list\s+)?(?:{noun})(?:\s+(?:on|for|to|of)\s+{lists})?"
                rf"(?:\s+on)?(?:\s+(?:please|too|as well))?$",  # "pagination on"
                clause,
            )
            and not re.match(rf"^(?:{noun})$", clause)
            or re.match(
                rf"^(?:let\s+(?:people|users|clients|us)\s+)?{verb}\s+{lists}(?:\s+too)?$", clause
            )
            or re.match(rf"^{lists}\s+(?:should|can|must)\s+be\s+(?:{noun})$", clause)
            or re.match(  # "make the ticket list filterable", "lists of posts should be filterable"
                rf"^(?:make\s+)?{lists}(?:\s+of\s+[a-z_ ]+)?\s+(?:should\s+be\s+|must\s+be\s+)?"
                rf"(?:{verb}able|{verb}ed)$",
                clause,
            )
            or re.match(
                rf"^{verb}\s+(?:the\s+)?[a-z_]+\s+by\s+[a-z_ ]+$", clause
            )  # "filter events by venue"
            and feature == "filtering"
        )
        off = (
            re.match(
                rf"^{_OFF}\s+(?:the\s+)?(?:list\s+)?(?:{noun})(?:\s+(?:on|for|of)\s+{lists})?$",
                clause,
            )
            or re.match(rf"^(?:the\s+)?(?:list\s+)?(?:{noun})\s+off$", clause)
            or re.match(  # "filtering can go", "pagination isn't needed"
                rf"^(?:the\s+)?(?:list\s+)?(?:{noun})(?:\s+(?:on|for|of)\s+{lists})?\s+(?:can|should|must|has to)"
                r"\s+go$|^(?:the\s+)?(?:list\s+)?(?:"
                + noun
                + r")\s+(?:isn't|is not|is no longer)\s+needed$",
                clause,
            )
        )
        on = on or (  # "could readers filter the list of posts"
            re.match(
                rf"^(?:can|could|should)?\s*(?:readers|people|users|clients|visitors|customers|members|we|i|"
                rf"us)\s+(?:can\s+|could\s+|should\s+be\s+able\s+to\s+|be\s+able\s+to\s+)?{verb}\s+(?:the\s+)?"
                rf"(?:list\s+of\s+)?[a-z_]+(?:\s+list)?$",
                clause,
            )
            is not None
        )
        if not (on or off):
            continue
        value = bool(on)
        features = ed.data.setdefault("features", {})
        if features.get(feature, feature == "pagination") == value:
            raise AlreadyDone(f"{feature.capitalize()} is {'on' if value else 'off'} already.")
        features[feature] = value
        return [f"{feature}: {'on' if value else 'off'}"]
    return None


def roles(ed: SpecEditor, clause: str) -> list[str] | None:
    if re.search(r"\broles\b", clause):  # "two roles: (one of manager|clerk)": names, not values
        clause = re.sub(r"\(one of ([^()]+)\)", lambda m: m[1].replace("|", ", "), clause)
    if re.match(r"^(?:remove|drop|delete)\s+(?:all\s+(?:the\s+)?|the\s+|every\s+)roles$", clause):
        current = list(ed.data.get("roles", []))
        if not current:
            raise AlreadyDone("There are no roles.")
        return [change for role in current for change in _remove_role(ed, role)]
    if m := re.match(r"^(?:remove|drop|delete)\s+(?:the\s+)?(?P<r>[a-z]+)\s+role$", clause):
        return _remove_role(ed, role_name(m.group("r")))
    if m := re.match(  # "rename the role attendee to member", "call the agent role support"
        r"^(?:rename|call)\s+(?:the\s+)?(?:role\s+(?P<a>[a-z_]+)|(?P<b>[a-z_]+)\s+role)\s+"
        r"(?:to|as|into)?\s*(?P<new>[a-z_]+)(?:\s+(?:role\s+)?instead)?(?:\s+role)?$",
        clause,
    ):
        return _rename_role(ed, role_name(m.group("a") or m.group("b")), role_name(m.group("new")))
    # "add auth with a `manager` role", "turn on login with roles admin and editor"
    signing = (
        r"^(?:add|turn on|switch on|enable|set up|use|require)\s+(?:jwt\s+)?(?:auth|authentication|login|"
        r"logins|accounts)"
    )
    m = (
        re.match(rf"{signing}\s+with\s+(?:an?\s+|the\s+)?(?P<list>[a-z, ]+?)\s+roles?$", clause)
        or re.match(
            rf"{signing}\s+with\s+(?:the\s+|two\s+|three\s+|four\s+|\d+\s+)?roles?\s*[:,]?\s+(?P<list>.+)$",
            clause,
        )
        or re.match(  # "we'll need an editor role", "add a new `manager` role"
            r"^(?:add|create|introduce|(?:we(?:'ll| will)?\s+)?(?:also\s+)?(?:need|want)|we\s+have)"
            r"\s+(?:an?\s+|the\s+)?(?:new\s+|separate\s+|extra\s+)?(?P<list>[a-z]+)\s+role(?:\s+too|"
            r"\s+as well|\s+for (?:that|this|it))?$",
            clause,
        )
        or re.match(
            r"^add\s+(?:an?\s+)?(?:new\s+)?role\s+(?:called\s+|named\s+)?(?P<list>[a-z]+)$", clause
        )
    ) or re.match(
        r"^(?:add\s+(?:the\s+)?(?:(?:two|three|four|\d+)\s+)?roles?|(?:the\s+)?roles\s+(?:are|should be)|"
        r"(?:the\s+|(?:two|three|four|\d+)\s+)?roles\s*:)\s*:?\s*"
        r"(?P<list>.+)$",
        clause,
    )
    if m is None:
        return None
    said = m.group("list")
    if listed := re.fullmatch(r"\(one of ([a-z_|]+)\)", said.strip()):  # "roles: admin and clerk"
        said = ", ".join(listed.group(1).split("|"))
    wanted = [role_name(r) for r in split_list(said)]
    if not all(wanted) or not wanted:
        raise RefineError(f"I could not read role names in {m.group('list')!r}.")
    return _add_roles(ed, wanted)


def _add_roles(ed: SpecEditor, wanted: list[str]) -> list[str]:
    changes = _auth_on(ed, "roles")
    current: list[str] = ed.data.get("roles", [])
    new = [r for r in wanted if r not in current]
    if not new:
        raise AlreadyDone(f"The roles are {', '.join(current)} already.")
    if not current:
        current = [*new, *([] if "user" in new else ["user"])]
    else:  # new roles go above the default role, which new users keep getting
        current = [*current[:-1], *new, current[-1]]
    ed.data["roles"] = current
    return [*changes, f"roles: {', '.join(current)} (new users get {current[-1]})"]


def _rename_role(ed: SpecEditor, role: str, new: str) -> list[str]:
    """The role keeps its place and what it may do, under its new name."""
    current: list[str] = ed.data.get("roles", [])
    if role not in current:
        raise RefineError(f"There is no {role} role; the roles are {', '.join(current) or 'none'}.")
    if new in current:
        raise RefineError(f"There is a {new} role already; the roles are {', '.join(current)}.")
    current[current.index(role)] = new
    for held in [*ed.data.get("permissions", []), *ed.data.get("rules", [])]:
        if role in held.get("roles", []):
            held["roles"] = [new if r == role else r for r in held["roles"]]
    if ed.data.get("default_role") == role:
        ed.data["default_role"] = new
    return [f"renamed role {role} to {new}"]


def _remove_role(ed: SpecEditor, role: str) -> list[str]:
    current: list[str] = ed.data.get("roles", [])
    if role not in current:
        raise RefineError(f"There is no {role} role; the roles are {', '.join(current) or 'none'}.")
    current.remove(role)
    changes = [f"removed role {role}"]
    kept = []
    for p in ed.data.get("permissions", []):
        p["roles"] = [r for r in p["roles"] if r != role]
        if p["roles"]:
            kept.append(p)
        else:
            changes.append(f"{p['entity']}: {', '.join(p['actions'])} is open to every user again")
    ed.data["permissions"] = kept
    if ed.data.get("default_role") == role:
        ed.data.pop("default_role")
    if not current:
        ed.data.pop("roles")
    return changes


def permissions(ed: SpecEditor, clause: str) -> list[str] | None:
    public = re.match(
        r"^(?:anyone|everyone|everybody|any user|all users|any (?:signed|logged) in user)\s+"
        r"(?:can|may)\s+(?P<rest>.+)$",
        clause,
    )
    if public:
        found = _read_permission(ed, f"only admins can {public.group('rest')}")
        if found is None:
            return None
        _, actions, entities = found
        return _open_up(ed, actions, entities)
    if not re.search(r"\bonly\b|restricted to|limited to|reserved for", clause):
        return None
    found = _read_permission(ed, clause)
    if found is None:
        return None
    who, actions, entities = found
    named = [r for r in who if r not in GENERIC_ACTORS]
    if not named:  # "only signed-in users can ...": what auth on means
        turned_on = _auth_on(ed, "this rule")
        if turned_on:
            return [*turned_on, "every write needs a signed-in user (auth is on)"]
        if {"read", "list", "see"} & set(actions):
            return None  # who may see rows: read access (`ownership.py`), not a change here
        raise AlreadyDone("Every write needs a signed-in user already (auth is on).")
    changes = _add_roles(ed, named) if set(named) - set(ed.data.get("roles", [])) else []
    rules: list[dict[str, Any]] = ed.data.setdefault("permissions", [])
    if ed.too or ALSO.search(clause):  # "can agents delete replies as well?"
        held = [r for e in entities for a in actions for r in _roles_for(rules, e, a)]
        named = list(dict.fromkeys([*held, *named]))  # beside those who may already
    if not changes and all(
        sorted(_roles_for(rules, entity, action)) == sorted(named)
        for entity in entities
        for action in actions
    ):
        raise AlreadyDone(
            f"only {', '.join(named)} may {', '.join(actions)} {', '.join(entities)} already."
        )
    for entity in entities:
        for p in rules:
            if p["entity"] == entity:
                p["actions"] = [a for a in p["actions"] if a not in actions]
        rules[:] = [p for p in rules if p["actions"]]
        rules.append({"entity": entity, "actions": actions, "roles": named})
        changes.append(f"only {', '.join(named)} may {', '.join(actions)} {entity}")
    return changes


def _roles_for(rules: list[dict[str, Any]], entity: str, action: str) -> list[str]:
    return [
        r for p in rules if p["entity"] == entity and action in p["actions"] for r in p["roles"]
    ]


def _read_permission(ed: SpecEditor, clause: str) -> tuple[list[str], list[str], list[str]] | None:
    """(roles, actions, entity names) that a permission sentence states, via the parser."""
    draft = Draft()
    for name in ed.entity_names():
        draft.entity(snake(name))
    if not parse_permission(clause, draft):
        return None
    if not draft.permissions:
        if not draft.roles and re.search(r"\b(?:users?|anyone|everyone|people)\b", clause):
            return ["user"], [], []  # "only signed-in users can post": auth
        raise RefineError(f"I could not tell who may do what to which entity in {clause!r}.")
    keys = {snake(n): n for n in ed.entity_names()}
    permission = draft.permissions[0]
    entities: list[str] = []
    for target in permission.targets:
        if target == "*":
            entities += [n for n in ed.entity_names() if n != "User"]
        elif target in keys:
            entities.append(keys[target])
        else:  # "patient records": the entity its words name, or RefineError
            entities.append(ed.find_entity(target.replace("_", " ")))
    if not entities or not permission.actions:
        raise RefineError(f"I could not tell which action on which entity {clause!r} restricts.")
    return permission.roles, [a.value for a in permission.actions], entities


def _open_up(ed: SpecEditor, actions: list[str], entities: list[str]) -> list[str]:
    changes = []
    rules: list[dict[str, Any]] = ed.data.get("permissions", [])
    for p in rules:
        if p["entity"] in entities and set(p["actions"]) & set(actions):
            p["actions"] = [a for a in p["actions"] if a not in actions]
            changes.append(f"any signed-in user may {', '.join(actions)} {p['entity']}")
    ed.data["permissions"] = [p for p in rules if p["actions"]]
    if not changes:
        raise AlreadyDone(f"No rule restricts {', '.join(actions)} on {', '.join(entities)}.")
    return changes


def uploads(ed: SpecEditor, clause: str) -> list[str] | None:
    if m := re.match(
        r"^(?:limit|cap)\s+(?:the\s+)?(?:file\s+)?uploads?\s+(?:size\s+)?to\s+(?P<n>\d+)\s*mb$",
        clause,
    ):
        found = ed.data.get("features", {}).get("uploads", [])
        if not found:
            raise RefineError("There are no uploads to limit.")
        for u in found:
            u["max_size_mb"] = int(m.group("n"))
        return [f"uploads: at most {m.group('n')} MB"]
    if not re.search(r"\bupload|\battach", clause) or clause.startswith(
        ("remove", "delete", "drop")
    ):
        return None
    draft = Draft()
    for name in ed.entity_names():
        draft.entity(snake(name))
    find_uploads(clause, draft)
    if not draft.uploads:
        return None
    changes: list[str] = []
    for upload in draft.uploads:
        subject = re.match(
            r"^(?:each\s+|every\s+|the\s+)?(?P<e>.+?)\s+(?:can|may|should|will|must)\b", clause
        )
        entity = ed.find_entity(upload.entity or (subject.group("e") if subject else ""))
        field = ed.field_name(entity, upload.field) or snake(upload.field)
        existing = ed.field_name(entity, field)
        listed = ed.data.setdefault("features", {}).setdefault("uploads", [])
        if any(u["entity"] == entity and u["field"] == field for u in listed):
            raise AlreadyDone(f"{entity}.{field} is an upload already.")
        if existing is None:
            changes += ed.add_field(entity, Field(name=field, type=FieldType.FILE, required=False))
        elif ed.field(entity, existing).type is not FieldType.FILE:
            changes += ed.update_field(entity, existing, type="file", required=False)
        entry: dict[str, Any] = {"entity": entity, "field": field}
        if upload.max_size_mb:
            entry["max_size_mb"] = upload.max_size_mb
        if upload.content_types:
            entry["content_types"] = upload.content_types
        listed[:] = [u for u in listed if (u["entity"], u["field"]) != (entity, field)]
        listed.append(entry)
        types = ", ".join(upload.content_types or ["the default types"])
        changes.append(f"upload endpoint for {entity}.{field} ({types})")
    return changes


def relations(ed: SpecEditor, clause: str) -> list[str] | None:
    if m := re.match(
        r"^(?:remove|drop|delete)\s+(?:the\s+)?(?:relation(?:ship)?|link)\s+between\s+"
        r"(?P<a>.+?)\s+and\s+(?P<b>.+)$",
        clause,
    ):
        return _unlink(ed, ed.find_entity(m.group("a")), ed.find_entity(m.group("b")))
    if m := re.match(
        r"^(?P<a>.+?)\s+(?:no longer|don't|do not|doesn't|does not|shouldn't|should not)\s+"
        r"(?:have|has|belong to|need|reference)\s+(?:any\s+|an?\s+|many\s+|the\s+)?(?P<b>.+?)"
        r"(?:\s+any ?more)?$",
        clause,
    ):
        a, b = ed.entity_or_none(m.group("a")), ed.entity_or_none(m.group("b"))
        if a and b:
            return _unlink(ed, a, b)
        return None
    draft = Draft()
    keys = {snake(n): n for n in ed.entity_names()}
    for key in keys:
        draft.entity(key)
    found = parse_relation_clause(clause, draft)
    if found is None or found[1].strip(" ,."):
        return None
    wanted = draft.relations + [has_many_relation(a, b) for a, b in draft.has_many]
    return [change for r in wanted for change in _link(ed, r, keys)]


def _link(ed: SpecEditor, r: DraftRelation, keys: dict[str, str]) -> list[str]:
    names = []
    missing = [k for k in (r.source, r.target) if lookup(k, keys) is None]
    if len(missing) == 1 and _can_make(missing[0]):  # "warehouses belong to a company"
        ed.add_entity(missing[0].replace("_", " "), [])
        keys = {snake(n): n for n in ed.entity_names()}
        made = [f"added entity {keys[lookup(missing[0], keys) or missing[0]]} with a name"]
    else:
        made = []
    for key in (r.source, r.target):
        found = lookup(key, keys)
        if found is None:
            raise RefineError(
                f"There is no {key.replace('_', ' ')} entity yet; add it first, e.g. "
                f"`add a {key.replace('_', ' ').title().replace(' ', '')} entity with a name`."
            )
        names.append(keys[found])
    relation = Relation(
        kind=r.kind, source=names[0], target=names[1], name=r.name, required=r.required
    )
    return made + ed.add_relation(relation)


def _can_make(key: str) -> bool:
    """A missing entity a relation names is made (with a name) when it is one plain noun that
    is no type, no actor and no account: "company", not "user", "date" or "someone"."""
    return (
        "_" not in key
        and key not in TYPE_WORDS
        and key not in GENERIC_ACTORS
        and key not in ("user", "account", "login", "thing", "stuff", "item", "something")
    )


def _unlink(ed: SpecEditor, a: str, b: str) -> list[str]:
    for i, r in enumerate(ed.relations):
        if {r["source"], r["target"]} == {a, b}:
            return ed.remove_relation(i)
    raise RefineError(f"{a} and {b} are not related.")


def rename(ed: SpecEditor, clause: str) -> list[str] | None:
    m = re.match(
        rf"^rename\s+(?:the\s+)?(?P<old>.+?)\s+(?:to|as|into)\s+(?P<new>{_NAME})"
        rf"(?:\s+(?:on|in|of|for)\s+(?:the\s+)?(?P<e>{_NAME}))?$",
        clause,
    )
    if m is None:
        return None
    old = re.sub(r"\s+(?:entity|model|resource|table)$", "", m.group("old"))
    if m.group("e"):
        old = f"{old} of {m.group('e')}"
    entity = ed.entity_or_none(old)
    exact = entity is not None and snake(old).replace("_", "") in {
        snake(entity).replace("_", ""),
        snake(plural(entity)).replace("_", ""),
    }
    fields = [f["name"] for f in ed.fields(entity)] if entity is not None else []
    if entity is not None and (
        ed.field_name(entity, old) is None or (exact and snake(old) not in fields)
    ):  # "rename order to purchase" is the entity, though Order has an order_number
        return ed.rename_entity(entity, m.group("new"))
    owner, field, phrase = find_ref(ed, old)
    if field is None:
        raise RefineError(f"{owner} has no field {phrase!r}; its fields are {ed.fields_of(owner)}.")
    return ed.rename_field(owner, field, m.group("new"))


def remove(ed: SpecEditor, clause: str) -> list[str] | None:
    m = re.match(r"^(?:remove|delete|drop|get rid of)\s+(?:the\s+)?(?P<what>.+)$", clause)
    if m is None:
        return None
    what = m.group("what")
    if f := re.match(
        r"^(?P<f>.+?)\s+(?:field\s+|column\s+|fields\s+|upload\s+)?from\s+(?:the\s+|all\s+)?(?P<e>.+)$",
        what,
    ):
        entity = ed.find_entity(f.group("e"))
        changes: list[str] = []
        for item in split_list(f.group("f")):
            changes += _remove_member(ed, entity, item)
        return changes
    whole = ed.entity_or_none(re.sub(r"\s+(?:entity|model|resource|table)$", "", what))
    if whole is None and (
        re.search(r"\s(?:field|column|flag|attribute|property)$", what)
        or not re.search(r"\.|\s(?:of|on|and)\s|,", what)
    ):
        try:  # a field, wherever it is
            owner, _, phrase = find_ref(ed, re.sub(r"\s+flag$", "", what))
        except RefineError:
            if re.search(r"\s(?:field|column|flag|attribute|property)$", what):
                raise
        else:
            return _remove_member(ed, owner, phrase)
    if whole is None and re.search(r"\.|\s(?:of|on)\s", what):
        owner, _, phrase = find_ref(ed, what)
        return _remove_member(ed, owner, phrase)
    changes = []
    for item in split_list(re.sub(r"\s+(?:entities|models|resources|tables)$", "", what)):
        changes += ed.remove_entity(ed.find_entity(item))
    return changes


def _remove_member(ed: SpecEditor, entity: str, phrase: str) -> list[str]:
    phrase = re.sub(r"\s+(?:upload|field|column)$", "", phrase)
    field = ed.field_name(entity, phrase)
    if field is not None:
        return ed.remove_field(entity, field)
    index = ed.relation_index(entity, phrase)
    if index is not None:
        return ed.remove_relation(index)
    raise RefineError(f"{entity} has no field {phrase!r}; its fields are {ed.fields_of(entity)}.")


def add_fields(ed: SpecEditor, clause: str) -> list[str] | None:
    m = re.match(
        r"^(?:add|include|put)\s+(?P<f>.+?)\s+(?:to|on|for|in|into)\s+(?:the\s+|all\s+|each\s+|every\s+)?"
        rf"(?P<e>{_NAME})(?:\s+(?:entity|model|table))?$",
        clause,
    ) or re.match(
        rf"^give\s+(?:the\s+|all\s+|each\s+|every\s+)?(?P<e>{_NAME}?)\s+(?P<f>(?:an?|the|some)\s+.+)$",
        clause,
    )
    m = m or re.match(
        rf"^(?:each\s+|every\s+|all\s+|the\s+)?(?P<e>{_NAME}?)\s+(?:should\s+|must\s+|also\s+|will\s+|now\s+|can\s+)*"
        r"(?:has|have|get|gets|need|needs|contain|contains|include|includes)\s+(?P<f>.+)$",
        clause,
    )
    if m is None or re.search(r"\b(?:entity|model|table|resource|belongs?)\b", m.group("f")):
        return None
    entity = ed.entity_or_none(m.group("e"))
    if entity is None:
        return None
    changes = _add_items(ed, entity, m.group("f"))
    for usual in ed.usual.pop(entity, []):  # "sessions belong to an event. A session has a
        if not re.search(rf"\b{usual.replace('_', ' ')}\b", m.group("f")):  # title, ...": its
            changes += ed.remove_field(entity, usual)  # fields, not the usual ones
    return changes


def _add_items(ed: SpecEditor, entity: str, text: str) -> list[str]:
    keys = {snake(n): n for n in ed.entity_names()}
    changes: list[str] = []
    already: AlreadyDone | None = None
    kept = re.findall(r"\(one of [^()]+\)", text)  # read once: the list reader would again
    masked = re.sub(
        r"\(one of [^()]+\)", lambda m: f"(values{len(kept) and kept.index(m.group())})", text
    )
    for part in split_list(masked):
        item = re.sub(r"\(values(\d+)\)", lambda m: kept[int(m.group(1))], part)
        try:
            changes += _add_item(ed, entity, item, keys)
        except AlreadyDone as exc:  # "a unique name and a color" where the name is there
            already = exc
    if already is not None and not changes:
        raise already
    return changes


def _add_item(ed: SpecEditor, entity: str, item: str, keys: dict[str, str]) -> list[str]:
    resolved = resolve_item(item, snake(entity), keys)
    if isinstance(resolved, FieldDraft) and resolved.name in RESERVED_FIELD_NAMES:
        raise AlreadyDone(
            f"{entity} has {resolved.name} already: every record keeps its id and when it was "
            "created and last updated."
        )
    if resolved is None:
        raise RefineError(
            f"{item!r} is not a field I can read (try `a published flag`, `price: decimal`)."
        )
    if isinstance(resolved, tuple):
        return _link(ed, has_many_relation(*resolved), keys)
    if isinstance(resolved, list):
        changes: list[str] = []
        for relation in resolved:
            changes += _link(ed, relation, keys)
        return changes
    return ed.add_field(entity, _listed_values(item, resolved).to_field())


def _listed_values(item: str, draft: FieldDraft) -> FieldDraft:
    """The values "(one of a|b|other)" lists, all of them: the field reader takes a last
    "other" for a word of the name ("gender_other"); see /work/briefs/parser-requests.md."""
    m = re.search(r"\(one of (?P<v>[^()]+)\)", item)
    if m is None or draft.type is not FieldType.ENUM:
        return draft
    values = [snake(v) for v in m.group("v").split("|") if snake(v)]
    name = draft.name
    for value in values:
        if value not in draft.choices and name.endswith(f"_{value}"):
            name = name.removesuffix(f"_{value}")
    if len(values) < 2 or (values == draft.choices and name == draft.name):
        return draft
    default = draft.default if draft.default in values else None
    return dataclasses.replace(draft, name=name, choices=values, default=default)


# Names of signing in, never of a thing to store.
_SIGNING_IN = frozenset(
    "auth authentication authorization login logins jwt signin sign-in accounts".split()
)


def add_entity(ed: SpecEditor, clause: str) -> list[str] | None:
    m = re.match(
        r"^(?:add|create|introduce|define)\s+(?:an?\s+|the\s+)?(?:new\s+)?(?:entity|model|resource|table)\s+"
        rf"(?:called|named)\s+(?P<name>{_NAME}?)(?:\s*(?:with|having|that has|:)\s*(?P<fields>.+))?$",
        clause,
    ) or re.match(
        rf"^(?:add|create|introduce|define)\s+(?:an?\s+|the\s+|some\s+)?(?:new\s+)?(?P<name>{_NAME}?)"
        r"(?:\s+(?:entity|entities|model|resource|table|object|type))?"
        r"(?:\s*(?:with|having|that has|which has|:)\s*(?P<fields>.+)|\s*\((?P<listed>[^)]+)\))?$",
        clause,
    )
    if m is None:
        return None
    name = m.group("name")
    if name.split()[-1] in ("field", "column", "flag", "role", "upload") or name in TYPE_WORDS:
        return None
    if name in _SIGNING_IN:
        return None  # "add auth with a `manager` role": signing in and a role, read elsewhere
    there = ed.entity_or_none(name)
    fields: list[Field] = []
    later: list[str] = []
    links: list[str] = []  # "add reviews: a rating, a text, belongs to a book"
    listed = m.groupdict().get("listed") or m.group("fields") or ""
    for item in split_list(listed):
        if link := _LINK_ITEM.match(item):
            links.append(link.group("to"))
            continue
        draft = parse_field(item)
        keys = {snake(n) for n in ed.entity_names()}
        if draft is None or lookup(" ".join(draft.words), keys) or draft.ref_hint:
            later.append(item)  # a reference to another entity: a relation, once it exists
        else:
            fields.append(draft.to_field())
    if there is not None:
        raise ed.entity_there(there, fields, later or links)
    changes = ed.add_entity(name, fields)
    created = ed.entity_names()[-1]
    if later:
        changes += _add_items(ed, created, ", ".join(later))
    for target in links:
        said = f"each {snake(created).replace('_', ' ')} belongs to {target}"
        read = relations(ed, said)
        if read is None:
            raise RefineError(f"I could not read {target!r} as an entity {created} belongs to.")
        changes += read
    return changes


# An item of an entity's field list that is a link: "belongs to a book", "linked to an order".
_LINK_ITEM = re.compile(
    r"^(?:and\s+)?(?:it\s+|each\s+one\s+)?(?:belongs?\s+to|(?:is\s+)?linked\s+to|references?|"
    r"refers\s+to|(?:is\s+)?attached\s+to|(?:is\s+)?tied\s+to)\s+(?P<to>.+)$"
)


RULES: tuple[Rule, ...] = (
    database,
    auth,
    list_features,
    roles,
    permissions,
    uploads,
    relations,
    rename,
    *field_rules(),
    remove,
    add_fields,
    add_entity,
)

EXAMPLES = (
    "add a Tag entity with a unique name",
    "remove comments",
    "rename Post to Article",
    "add a published flag to posts",
    "remove the slug field from posts",
    "rename title to headline on posts",
    "make email unique on users",
    "posts.title should be optional",
    "price of products should be a decimal",
    "views on posts defaults to 0",
    "status of orders is one of new, paid, shipped",
    "posts have many tags",
    "a comment belongs to a user",
    "remove the relation between posts and tags",
    "turn on auth",
    "add an editor role",
    "only admins can delete posts",
    "turn off pagination",
    "turn on filtering",
    "posts can have an image upload",
    "use sqlite",
)


def what_i_can_do() -> str:
    return "I can apply instructions like these:\n" + "\n".join(f"- `{e}`" for e in EXAMPLES)


def _auth_on(ed: SpecEditor, why: str) -> list[str]:
    if ed.data.get("auth") == "jwt":
        return []
    ed.data["auth"] = "jwt"
    return [f"auth: jwt (turned on for {why})"]
