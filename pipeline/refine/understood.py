"""A clause the refinement readers do not know, read by the issue parser instead. No I/O.

    understood_changes(editor, "each product has a price in euros and a discount percentage")
        -> ["added field Product.discount_percentage (float)"]

The clause goes through `pipeline.parse.understand` with the current spec as known context, so
"products" is the Product that exists. What the parser built is compared with the spec
(`diff.spec_operations`) and only what it adds is taken — fields, entities, relations and rules:
a spec read from one sentence lacks the roles, permissions and features of the whole project,
so its other differences are not changes anyone asked for. A clause the parser reads only in
part (or with questions) is not taken at all: nothing is guessed.
"""

from __future__ import annotations

from typing import Any

from pipeline.errors import SpecError
from pipeline.parse import understand
from pipeline.parse.account import SentenceStatus
from pipeline.refine.diff import spec_operations
from pipeline.refine.editor import SpecEditor
from pipeline.spec import ProjectSpec

_TAKEN = ("add_entity", "add_field", "add_relation", "add_rule")  # what a sentence can add,
# in the order it is applied (an entity before the fields and links that need it)


def understood_changes(
    ed: SpecEditor, clause: str, *, new_entities: bool = False
) -> list[str] | None:
    """Apply what the issue parser reads in `clause` and adds to the spec; None when it reads
    nothing for sure (not understood, understood in part, or with a question).

    `new_entities`: a whole sentence the readers could not follow ("we also need suppliers
    (name, email, phone) and each product comes from one supplier") may make an entity, where
    the parser links it to one that exists."""
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
            op["op"] == "add_entity"
            or op.get("entity", op.get("source", "")) in known | made | {""}
        )
        and not (op["op"] == "add_relation" and frozenset((op["source"], op["target"])) in linked)
    ]
    if not ops:
        return None
    changes: list[str] = []
    for op in sorted(ops, key=lambda o: _TAKEN.index(o["op"])):
        changes += _take(ed, read.spec, op)
    return changes


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
    rule: dict[str, Any] = dict(op["rule"])
    if "from" in rule:
        rule["from_values"] = rule.pop("from")
    ed.data.setdefault("rules", []).append(rule)
    return [f"rule {rule['kind']} on {rule['entity']}"]
