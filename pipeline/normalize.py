"""Spec normalisation: the authorization defaults every input path gets. No I/O.

`normalize(spec)` returns the spec with safe defaults filled in, and notes saying what changed
(the parser shows them on the issue). It is applied by the parser's build step and, again, by the
renderer, so a spec from YAML, OpenAPI, prose or refinement is treated alike; applying it twice
changes nothing more.

- Roles without escalation: self-registration never yields the most privileged role. A spec that
  names a single role ("operators") makes that role the privileged one and gives sign-ups a plain
  `user` role; a `default_role` equal to the top role becomes the least privileged role.
- Ownership: with `auth: jwt`, every entity that signed-in people create records who created it
  (`Entity.owner`). A many-to-one relation to User named like an owner (author, owner, creator,
  customer, user, created_by) becomes the owner; otherwise one is added, named `author` for
  written content (posts, comments, reviews) and `owner` for anything else.
"""

from __future__ import annotations

from pipeline.naming import snake
from pipeline.spec import AuthKind, Entity, Operation, ProjectSpec, Relation, RelationKind

# Names of a many-to-one relation to User that records who created a row.
OWNER_NAMES = ("owner", "author", "creator", "created_by", "customer", "user")
# Entities whose creator is their author (written content); others get an `owner`.
AUTHORED = frozenset(
    "post comment article review reply message answer question story entry note page".split()
)
PLAIN_ROLE = "user"  # the role of a self-registered user when the text names only a privileged one


def normalize(spec: ProjectSpec) -> tuple[ProjectSpec, list[str]]:
    """The spec with roles and owners made safe, and one note per change."""
    notes: list[str] = []
    data = spec.model_dump(mode="python")
    if spec.auth is AuthKind.JWT:
        _roles(data, notes)
        _owners(spec, data, notes)
    if not notes:
        return spec, []
    return ProjectSpec.model_validate(data), notes


def _roles(data: dict[str, object], notes: list[str]) -> None:
    roles = list(data.get("roles") or [])  # type: ignore[call-overload]
    if not roles:
        return
    if len(roles) == 1 and roles[0] != PLAIN_ROLE:
        data["roles"] = [roles[0], PLAIN_ROLE]
        data["default_role"] = PLAIN_ROLE
        notes.append(
            f"Only one role was named ({roles[0]}): {roles[0]} is the privileged role (the first"
            f" one comes from FIRST_ADMIN_EMAIL); people who sign up get the plain role"
            f" {PLAIN_ROLE!r}."
        )
    elif len(roles) > 1 and data.get("default_role") == roles[0]:
        data["default_role"] = roles[-1]
        notes.append(
            f"Sign-ups get the role {roles[-1]!r}, not {roles[0]!r}: self-registration never"
            " yields the most privileged role."
        )


def _owners(spec: ProjectSpec, data: dict[str, object], notes: list[str]) -> None:
    relations: list[dict[str, object]] = data["relations"]  # type: ignore[assignment]
    entities: list[dict[str, object]] = data["entities"]  # type: ignore[assignment]
    for entity, raw in zip(spec.entities, entities, strict=True):
        if entity.name == "User" or entity.owner or Operation.CREATE not in entity.operations:
            continue
        to_user = [
            r
            for r in spec.relations_from(entity.name)
            if r.target == "User" and r.kind is RelationKind.MANY_TO_ONE
        ]
        named = next((r for n in OWNER_NAMES for r in to_user if r.name == n), None)
        if named is not None:
            raw["owner"] = named.name
            notes.append(
                f"{entity.name}.{named.name} records who created it: set from the sign-in, never"
                " from the body."
            )
            continue
        name = _owner_name(spec, entity)
        if name is None:
            continue
        relations.append(
            Relation(
                kind=RelationKind.MANY_TO_ONE, source=entity.name, target="User", name=name
            ).model_dump(mode="python")
        )
        raw["owner"] = name
        notes.append(
            f"{entity.name} records its {name} (the signed-in user who created it); only they or"
            " a privileged role may change or delete it."
        )


def _owner_name(spec: ProjectSpec, entity: Entity) -> str | None:
    """ "author" for written content, else "owner"; None when both names are taken."""
    preferred = "author" if snake(entity.name).split("_")[-1] in AUTHORED else "owner"
    for name in dict.fromkeys([preferred, "owner", "created_by"]):
        taken = {f.name for f in entity.fields} | {f"{f.name}" for f in entity.fields}
        taken |= {r.name for r in spec.relations_from(entity.name)}
        taken |= {r.fk_column for r in spec.relations_from(entity.name)}
        if name not in taken and f"{name}_id" not in taken:
            return name
    return None
