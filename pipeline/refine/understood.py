"""A clause the refinement readers do not know, read by the issue parser instead. No I/O.

    understood_changes(editor, "each product has a price in euros and a discount percentage")
        -> ["added field Product.discount_percentage (float)"]

The clause goes through `pipeline.parse.understand` with the current spec as known context, so
"products" is the Product that exists. What the parser built is compared with the spec
(`diff.spec_operations`) and only what it adds is taken — fields, entities, relations, rules,
and who may do what: a permission on an entity of the spec (with the roles it names that are
new, and auth turned on for it). A spec read from one sentence lacks
the roles, permissions and features of the whole project, so its other differences (removals
above all) are not changes anyone asked for; a role the sentence names but no permission uses
is not taken either. A clause the parser reads only in part (or with questions) is not taken at
all: nothing is guessed.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.errors import SpecError
from pipeline.parse import understand
from pipeline.parse.account import SentenceStatus
from pipeline.refine.diff import spec_operations
from pipeline.refine.editor import SpecEditor
from pipeline.spec import ProjectSpec

_TAKEN = (
    "set_auth",
    "add_role",
    "add_entity",
    "add_field",
    "add_relation",
    "add_rule",
    "add_permission",
)  # what a sentence can add, in the order it is applied (auth and roles before the permissions
# that need them, an entity before the fields and links that need it). Not owners or read
# access: a spec read from one sentence has none, so their difference would undo the project's.
_ACCESS = ("add_permission",)  # what needs signed-in users
# A request to change, rename or remove what the spec holds: no addition to read.
_CHANGE = re.compile(r"^(?:please\s+)?(?:change|convert|switch|rename|remove|drop|delete)\b")
# Words of a complaint: the sentence says something is wrong, and the parser would only guess
# what would be right.
_COMPLAINT = re.compile(
    r"\b(?:missing|broken|wrong|fix|bug|buggy|weird|messed up|doesn't work|isn't right)\b"
)


def understood_changes(
    ed: SpecEditor, clause: str, *, new_entities: bool = False
) -> list[str] | None:
    """Apply what the issue parser reads in `clause` and adds to the spec; None when it reads
    nothing for sure (not understood, understood in part, or with a question).

    `new_entities`: a whole sentence the readers could not follow ("we also need suppliers
    (name, email, phone) and each product comes from one supplier") may make an entity, where
    the parser links it to one that exists."""
    if _COMPLAINT.search(clause):
        return None  # "the payments table is missing the right columns": what is wrong, not how
    if _CHANGE.match(clause.strip().lower()):
        return None  # "change the task's estimate field to an integer": a change to something
        # that is there (or is not); the parser reads additions only
    current = ed.spec()
    try:
        read = understand(clause, known=current)
    except SpecError:
        return None
    if read.questions or not read.sentences:
        return None
    if any(s.status is not SentenceStatus.USED for s in read.sentences):
        return None
    ops = spec_operations(current, read.spec)
    known = {e.name for e in current.entities}
    linked = {frozenset((r.source, r.target)) for r in current.relations}
    made = {op["entity"] for op in ops if op["op"] == "add_entity"}
    if made and not (new_entities and all(_anchored(read.spec, e, known) for e in made)):
        return None  # it would need an entity nobody named as one
    ops = [
        op
        for op in ops
        if op["op"] in _TAKEN
        and (
            op["op"] in ("add_entity", "set_auth", "add_role")
            or op.get("entity", op.get("source", "")) in known | made | {""}
        )
        and not (op["op"] == "add_relation" and frozenset((op["source"], op["target"])) in linked)
    ]
    ops = _with_access(ops, current)
    if not ops:
        return None
    changes: list[str] = []
    for op in sorted(ops, key=lambda o: _TAKEN.index(o["op"])):
        changes += _take(ed, read.spec, op)
    return changes


def _with_access(ops: list[dict[str, Any]], current: ProjectSpec) -> list[dict[str, Any]]:
    """Auth and roles only for the permissions and owners taken with them: "admins should be
    the only ones allowed to ..." read as a bare role (the action lost) is not a change."""
    used = {r for op in ops if op["op"] == "add_permission" for r in op["roles"]}
    access = any(op["op"] in _ACCESS for op in ops)
    kept = [
        op
        for op in ops
        if (op["op"] != "add_role" or op["role"] in used)
        and (op["op"] != "set_auth" or (access and op["auth"] == "jwt"))
    ]
    if used - set(current.roles) - {op["role"] for op in kept if op["op"] == "add_role"}:
        return []  # a permission for a role neither there nor made: not read for sure
    if any(op["op"] in _ACCESS for op in kept) and current.auth.value != "jwt":
        if not any(op["op"] == "set_auth" for op in kept):
            return []
    return kept


def _anchored(read: ProjectSpec, name: str, known: set[str]) -> bool:
    """A new entity the sentence ties to the spec: linked to an entity that exists."""
    return any(
        {r.source, r.target} - {name} and {r.source, r.target} - {name} <= known
        for r in read.relations
        if name in (r.source, r.target)
    )


def _take(ed: SpecEditor, read: ProjectSpec, op: dict[str, Any]) -> list[str]:
    if op["op"] == "add_entity":
        return ed.add_entity(op["entity"], list(read.entity(op["entity"]).fields))
    if op["op"] == "add_field":
        field = read.entity(op["entity"]).field(op["field"])
        assert field is not None  # the difference names a field the read spec has
        return ed.add_field(op["entity"], field)
    if op["op"] == "add_relation":
        relation = next(
            r
            for r in read.relations
            if (r.kind.value, r.source, r.target) == (op["kind"], op["source"], op["target"])
        )
        return ed.add_relation(relation)
    if op["op"] in ("set_auth", "add_role", "add_permission"):
        return _take_access(ed, read, op)
    rule: dict[str, Any] = dict(op["rule"])
    if "from" in rule:
        rule["from_values"] = rule.pop("from")
    ed.data.setdefault("rules", []).append(rule)
    return [f"rule {rule['kind']} on {rule['entity']}"]


def _take_access(ed: SpecEditor, read: ProjectSpec, op: dict[str, Any]) -> list[str]:
    """Auth, a role or a permission, as the parser read them."""
    if op["op"] == "set_auth":
        ed.data["auth"] = "jwt"
        return ["auth: jwt (turned on for who may do what)"]
    if op["op"] == "add_role":
        roles: list[str] = ed.data.setdefault("roles", [])
        if op["role"] in roles:
            return []  # made with the roles before it
        if not roles:  # as the parser made them, the default role last
            roles[:] = list(read.roles)
            return [f"roles: {', '.join(roles)} (new users get {roles[-1]})"]
        roles.insert(max(len(roles) - 1, 0), op["role"])  # above the default role
        return [f"roles: {', '.join(roles)} (new users get {roles[-1]})"]
    if op["op"] == "add_permission":
        rules: list[dict[str, Any]] = ed.data.setdefault("permissions", [])
        actions = list(op["actions"])
        roles = list(op["roles"])
        if ed.too:  # "can agents delete replies as well?": beside those who may already
            held = [r for p in rules if p["entity"] == op["entity"] and set(p["actions"]) & set(actions)
                    for r in p["roles"]]  # fmt: skip
            roles = list(dict.fromkeys([*held, *roles]))
        for p in rules:
            if p["entity"] == op["entity"]:
                p["actions"] = [a for a in p["actions"] if a not in actions]
        rules[:] = [p for p in rules if p["actions"]]
        rules.append({"entity": op["entity"], "actions": actions, "roles": roles})
        return [f"only {', '.join(roles)} may {', '.join(actions)} {op['entity']}"]
    return []
