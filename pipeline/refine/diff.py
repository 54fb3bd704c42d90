"""The difference between two specs as the corpus's operations (tests/corpus/README.md). No I/O.

    spec_operations(before, after) -> [{"op": "add_field", "entity": "Post", ...}, ...]

Used by `bench/bench_refine.py` to score refinements against their expected change, so it is
written from the spec alone: a field (or entity) that disappears while exactly one of the same
type (or with the same fields) appears on the same entity counts as a rename.
"""

from __future__ import annotations

import json
from typing import Any

from pipeline.spec import (
    Entity,
    Field,
    FieldType,
    Operation,
    ProjectSpec,
    Relation,
    Rule,
    default_relation_name,
)

Op = dict[str, Any]
_FIELD_KEYS = ("type", "choices", "required", "unique", "default")


def spec_operations(before: ProjectSpec, after: ProjectSpec) -> list[Op]:
    """Every difference between `before` and `after`, as operations (order not meaningful)."""
    ops: list[Op] = []
    renamed = _entity_renames(before, after)
    ops += [{"op": "rename_entity", "entity": old, "to": new} for old, new in renamed.items()]
    old_names = {e.name for e in before.entities}
    new_names = {e.name for e in after.entities}
    moved = set(renamed.values())
    for e in after.entities:
        if e.name in old_names or e.name in moved:
            continue
        if e.name == "User" and after.auth.value == "jwt" and before.auth.value != "jwt":
            continue  # comes with auth: jwt
        ops.append({"op": "add_entity", "entity": e.name, "fields": _field_types(e)})
    for name in sorted(old_names - new_names - set(renamed)):
        ops.append({"op": "remove_entity", "entity": name})
    for old in before.entities:
        new_name = renamed.get(old.name, old.name)
        if new_name in new_names:
            ops += _field_ops(old, after.entity(new_name))
            ops += _access_ops(old, after.entity(new_name))
    for e in after.entities:  # a new entity's owner and read access
        if e.name not in old_names and e.name not in moved:
            ops += _access_ops(Entity(name=e.name), e)
    ops += _relation_ops(before, after, renamed)
    ops += _top_ops(before, after, renamed)
    ops += _permission_ops(before, after, renamed)
    ops += _rule_ops(before, after, renamed)
    return ops


def _field_types(e: Entity) -> dict[str, str]:
    return {f.name: f.type.value for f in e.fields}


def _entity_renames(before: ProjectSpec, after: ProjectSpec) -> dict[str, str]:
    gone = [e for e in before.entities if e.name not in {a.name for a in after.entities}]
    new = [e for e in after.entities if e.name not in {b.name for b in before.entities}]
    if len(gone) == 1 and len(new) == 1:
        kept = {f.name for f in gone[0].fields} <= {f.name for f in new[0].fields}
        if kept and gone[0].fields:
            return {gone[0].name: new[0].name}
    return {}


def field_op(entity: str, f: Field) -> Op:
    op: Op = {"op": "add_field", "entity": entity, "field": f.name, "type": f.type.value}
    if f.type is FieldType.ENUM:
        op["choices"] = list(f.choices)
    if not f.required:
        op["required"] = False
    if f.unique:
        op["unique"] = True
    if f.default is not None:
        op["default"] = f.default
    return op


def _field_ops(old: Entity, new: Entity) -> list[Op]:
    ops: list[Op] = []
    gone = [f for f in old.fields if new.field(f.name) is None]
    added = [f for f in new.fields if old.field(f.name) is None]
    pairs: list[tuple[Field, Field]] = [
        (f, new.field(f.name)) for f in old.fields if new.field(f.name) is not None  # type: ignore[misc]
    ]
    for a in list(added):  # one field of a kind gone while one of that kind appears: a rename
        olds = [g for g in gone if _same_kind(g, a)]
        news = [b for b in added if _same_kind(olds[0], b)] if len(olds) == 1 else []
        if len(olds) == 1 and news == [a]:
            ops.append({"op": "rename_field", "entity": new.name, "field": olds[0].name,
                        "to": a.name})  # fmt: skip
            pairs.append((olds[0], a))
            gone.remove(olds[0])
            added.remove(a)
    ops += [{"op": "remove_field", "entity": new.name, "field": f.name} for f in gone]
    ops += [field_op(new.name, f) for f in added]
    for a, b in pairs:
        changed: Op = {}
        for key in _FIELD_KEYS:
            va, vb = getattr(a, key), getattr(b, key)
            if va != vb and not (key == "choices" and b.type is not FieldType.ENUM):
                changed[key] = vb.value if isinstance(vb, FieldType) else vb
        if changed:
            ops.append({"op": "change_field", "entity": new.name, "field": b.name, **changed})
    return ops


def _same_kind(a: Field, b: Field) -> bool:
    return (a.type, a.required, a.unique) == (b.type, b.required, b.unique)


def _access_ops(old: Entity, new: Entity) -> list[Op]:
    ops: list[Op] = []
    if old.owner != new.owner:
        ops.append({"op": "set_owner", "entity": new.name, "owner": new.owner})
    if old.read != new.read:
        ops.append({"op": "set_read", "entity": new.name, "read": new.read.value})
    return ops


def _relation_key(r: Relation, renamed: dict[str, str]) -> tuple[str, str, str, str]:
    source, target = renamed.get(r.source, r.source), renamed.get(r.target, r.target)
    name = "" if r.name == default_relation_name(r.kind, r.target) else r.name
    return r.kind.value, source, target, name


def _relation_ops(before: ProjectSpec, after: ProjectSpec, renamed: dict[str, str]) -> list[Op]:
    old = {_relation_key(r, renamed) for r in before.relations}
    new = {_relation_key(r, {}) for r in after.relations}
    ops: list[Op] = []
    for kind, source, target, name in sorted(new - old):
        op: Op = {"op": "add_relation", "kind": kind, "source": source, "target": target}
        if name:
            op["name"] = name
        ops.append(op)
    for _, source, target, _ in sorted(old - new):
        ops.append({"op": "remove_relation", "source": source, "target": target})
    return ops


def _top_ops(before: ProjectSpec, after: ProjectSpec, renamed: dict[str, str]) -> list[Op]:
    ops: list[Op] = []
    if before.auth != after.auth:
        ops.append({"op": "set_auth", "auth": after.auth.value})
    ops += [{"op": "add_role", "role": r} for r in after.roles if r not in before.roles]
    ops += [{"op": "remove_role", "role": r} for r in before.roles if r not in after.roles]
    if before.database != after.database:
        ops.append({"op": "set_database", "database": after.database.value})
    for feature in ("pagination", "filtering"):
        if getattr(before.features, feature) != getattr(after.features, feature):
            ops.append({"op": "set_feature", "feature": feature,
                        "value": getattr(after.features, feature)})  # fmt: skip
    old_up = {(renamed.get(u.entity, u.entity), u.field) for u in before.features.uploads}
    new_up = {(u.entity, u.field) for u in after.features.uploads}
    ops += [{"op": "add_upload", "entity": e, "field": f} for e, f in sorted(new_up - old_up)]
    ops += [{"op": "remove_upload", "entity": e, "field": f} for e, f in sorted(old_up - new_up)]
    return ops


def _permission_ops(before: ProjectSpec, after: ProjectSpec, renamed: dict[str, str]) -> list[Op]:
    ops: list[Op] = []
    for e in after.entities:
        old_name = next((o for o, n in renamed.items() if n == e.name), e.name)
        grouped: dict[tuple[str, ...], list[str]] = {}
        opened: list[str] = []
        for action in Operation:
            was = before.roles_for(old_name, action)
            now = after.roles_for(e.name, action)
            if sorted(was) == sorted(now):
                continue
            if now:
                grouped.setdefault(tuple(now), []).append(action.value)
            else:
                opened.append(action.value)
        for roles, actions in grouped.items():
            ops.append({"op": "add_permission", "entity": e.name, "actions": actions,
                        "roles": list(roles)})  # fmt: skip
        if opened:
            ops.append({"op": "remove_permission", "entity": e.name, "actions": opened})
    return ops


def rule_dict(rule: Rule) -> dict[str, Any]:
    """A rule as the corpus writes it: non-default keys, `from` for `from_values`."""
    data = rule.model_dump(mode="json", exclude_defaults=True, exclude={"source"})
    if "from_values" in data:
        data["from"] = data.pop("from_values")
    return data


def _rule_ops(before: ProjectSpec, after: ProjectSpec, renamed: dict[str, str]) -> list[Op]:
    def key(rule: Rule, names: dict[str, str]) -> str:
        data = rule_dict(rule)
        data["entity"] = names.get(data["entity"], data["entity"])
        return repr(sorted(data.items()))

    old = {key(r, renamed) for r in before.rules}
    ops: list[Op] = []
    for rule in after.rules:
        if key(rule, {}) not in old:
            ops.append({"op": "add_rule", "rule": rule_dict(rule)})
    new = {key(r, {}) for r in after.rules}
    for rule in before.rules:
        if key(rule, renamed) not in new:
            ops.append({"op": "remove_rule", "rule": rule_dict(rule)})
    return ops


def canonical_operation(op: dict[str, Any]) -> str:
    """An operation as one comparable string: keys sorted, whole floats as ints, and the
    lists whose order means nothing (actions, roles, unique fields) sorted."""

    def norm(value: Any, key: str = "") -> Any:
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, dict):
            return {k: norm(v, k) for k, v in sorted(value.items())}
        if isinstance(value, list):
            items = [norm(v) for v in value]
            return sorted(items, key=repr) if key in ("actions", "roles", "fields") else items
        return value

    return json.dumps(norm(op), sort_keys=True)
