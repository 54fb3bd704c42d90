"""Random but reproducible specs: every field type, relation kind, operation subset, role and
upload in combinations nobody would think to write by hand (cycles of tables, twin relations,
one-choice enums, tiny max lengths). A seed always gives the same spec."""

from __future__ import annotations

import random
from typing import Any

TYPES = ["string", "text", "integer", "float", "decimal", "boolean", "date", "datetime"]
TYPES += ["email", "phone", "url", "uuid", "enum"]
ENTITIES = ["Book", "Author", "Shelf", "Visit", "Doctor", "Invoice", "Item", "Venue", "Ticket"]
ENTITIES += ["Match", "Player", "Coach", "Lesson", "Badge"]
FIELDS = ["title", "name", "code", "amount", "score", "kind", "level", "note", "starts_on"]
FIELDS += ["due", "website", "contact", "ref", "count"]
OPERATIONS = ["create", "list", "read", "update", "delete"]
CHOICES = ["new", "open", "in progress", "done", "closed", "2nd"]


def random_spec(seed: int) -> dict[str, Any]:
    """A spec as a dict (validate it with `spec_from_dict`)."""
    rng = random.Random(seed)
    auth = rng.random() < 0.7
    roles = rng.choice([[], ["admin", "user"], ["admin", "editor", "viewer"]]) if auth else []
    entities = [_entity(rng, name) for name in rng.sample(ENTITIES, rng.randint(1, 5))]
    targets = [e["name"] for e in entities] + (["User"] if auth else [])
    relations: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str]] = set()
    for entity in entities:
        for _ in range(rng.randint(0, 2)):
            target = rng.choice(targets)
            kind = rng.choice(["many_to_one", "many_to_one", "many_to_many"])
            relation: dict[str, Any] = {"kind": kind, "source": entity["name"], "target": target}
            if target == "User" and kind == "many_to_one":
                relation["name"] = rng.choice(["owner", "author", "assignee"])
            if kind == "many_to_one" and rng.random() < 0.3:
                relation["required"] = False
            key = (entity["name"], relation.get("name") or target, kind)
            if key not in seen:
                seen.add(key)
                relations.append(relation)
    permissions = [
        {
            "entity": entity["name"],
            "actions": rng.sample(OPERATIONS, rng.randint(1, 3)),
            "roles": [rng.choice(roles)],
        }
        for entity in (rng.sample(entities, min(2, len(entities))) if roles else [])
    ]
    uploads = []
    for entity in entities:
        if rng.random() < 0.25:
            entity["fields"].append({"name": "attachment", "type": "file", "required": False})
            uploads.append({"entity": entity["name"], "field": "attachment"})
    return {
        "name": f"random-{seed}",
        "auth": "jwt" if auth else "none",
        "roles": roles,
        "entities": entities,
        "relations": relations,
        "permissions": permissions,
        "features": {"filtering": rng.random() < 0.5, "uploads": uploads},
    }


def _entity(rng: random.Random, name: str) -> dict[str, Any]:
    fields = []
    for field_name in rng.sample(FIELDS, rng.randint(0, 5)):
        kind = rng.choice(TYPES)
        field: dict[str, Any] = {"name": field_name, "type": kind}
        if kind == "enum":
            field["choices"] = rng.sample(CHOICES, rng.randint(1, 4))
        if rng.random() < 0.3:
            field["required"] = False
        if rng.random() < 0.2 and kind not in ("boolean", "enum", "text"):
            field["unique"] = True
        if rng.random() < 0.2 and kind == "enum":
            field["default"] = field["choices"][0]
        if rng.random() < 0.2 and kind == "boolean":
            field["default"] = rng.random() < 0.5
        if rng.random() < 0.2 and kind == "integer":
            field["default"] = 3
        if rng.random() < 0.2 and kind == "string":
            field["max_length"] = rng.choice([5, 12, 40])
        fields.append(field)
    entity: dict[str, Any] = {"name": name, "fields": fields}
    if rng.random() < 0.2:
        entity["operations"] = sorted(
            rng.sample(OPERATIONS, rng.randint(1, 5)), key=OPERATIONS.index
        )
    return entity
