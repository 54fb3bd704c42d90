"""Small views of a ProjectSpec for table-driven parser tests."""

from __future__ import annotations

from pipeline.spec import ProjectSpec


def entity_names(spec: ProjectSpec) -> set[str]:
    return {e.name for e in spec.entities}


def field_types(spec: ProjectSpec, entity: str) -> dict[str, str]:
    return {f.name: f.type.value for f in spec.entity(entity).fields}


def relations(spec: ProjectSpec) -> set[tuple[str, str, str]]:
    """(kind, source, target) of every relation."""
    return {(r.kind.value, r.source, r.target) for r in spec.relations}


def permissions(spec: ProjectSpec) -> set[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """(entity, actions, roles) of every permission."""
    return {(p.entity, tuple(a.value for a in p.actions), tuple(p.roles)) for p in spec.permissions}


def uploads(spec: ProjectSpec) -> set[tuple[str, str]]:
    return {(u.entity, u.field) for u in spec.features.uploads}
