"""Synthetic rows: varied generated specs, described in several styles, rendered by the templates.

These are the seed's "template packs" and "synthetic prompts" (SEED.md section 2). A spec is drawn
from a seeded `random.Random` (entity names from a vocabulary of domains, fields of every type,
relations of both kinds, auth/roles/uploads/filtering toggles); its description is written in one
of several natural-language styles, so the schema-parser stage learns from the way people write;
`pipeline.render.render_project` turns the spec into the project. Half the specs also get one
refinement (add a field, add an entity, turn on filtering), rendered before and after, as stage-4
material. Pure except `synth_rows`, which renders (and, when asked, validates).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

from pipeline.errors import RenderError
from pipeline.naming import plural, snake, words
from pipeline.spec import (
    AuthKind,
    Database,
    Entity,
    Field,
    FieldType,
    Operation,
    Permission,
    ProjectSpec,
    Relation,
    RelationKind,
    Upload,
)
from training.dataset import Output, Provenance, Refinement, Row, Source
from training.dataset import expected_architecture as architecture_of
from training.project import context_of, quality_of

T = FieldType
# domain → entities → (field name, type, extras); relations as (kind, source, target).
_DOMAINS: dict[str, dict[str, Any]] = {
    "content_management": {
        "Post": [
            ("title", T.STRING, {}),
            ("body", T.TEXT, {}),
            ("published", T.BOOLEAN, {}),
            ("published_at", T.DATETIME, {"required": False}),
            ("cover", T.FILE, {"required": False}),
        ],
        "Comment": [("body", T.TEXT, {}), ("author_name", T.STRING, {"required": False})],
        "Tag": [("name", T.STRING, {"unique": True, "max_length": 50})],
        "relations": [("m2o", "Comment", "Post"), ("m2m", "Post", "Tag")],
    },
    "e_commerce": {
        "Product": [
            ("name", T.STRING, {}),
            ("description", T.TEXT, {"required": False}),
            ("price", T.DECIMAL, {}),
            ("sku", T.STRING, {"unique": True, "max_length": 32}),
            ("stock", T.INTEGER, {"default": 0}),
            ("photo", T.FILE, {"required": False}),
        ],
        "Order": [
            ("status", T.ENUM, {"choices": ["pending", "paid", "shipped", "cancelled"]}),
            ("total", T.DECIMAL, {}),
            ("placed_at", T.DATETIME, {}),
        ],
        "Customer": [
            ("full_name", T.STRING, {}),
            ("email", T.EMAIL, {"unique": True}),
            ("phone", T.PHONE, {"required": False}),
        ],
        "Review": [("rating", T.INTEGER, {}), ("comment", T.TEXT, {"required": False})],
        "relations": [
            ("m2o", "Order", "Customer"),
            ("m2o", "Review", "Product"),
            ("m2m", "Order", "Product"),
        ],
    },
    "healthcare": {
        "Patient": [
            ("full_name", T.STRING, {}),
            ("birth_date", T.DATE, {}),
            ("email", T.EMAIL, {"required": False}),
            ("phone", T.PHONE, {}),
        ],
        "Doctor": [
            ("full_name", T.STRING, {}),
            ("specialty", T.STRING, {}),
            ("license_number", T.STRING, {"unique": True}),
        ],
        "Appointment": [
            ("scheduled_at", T.DATETIME, {}),
            ("notes", T.TEXT, {"required": False}),
            ("status", T.ENUM, {"choices": ["booked", "done", "no_show"], "default": "booked"}),
        ],
        "relations": [("m2o", "Appointment", "Patient"), ("m2o", "Appointment", "Doctor")],
    },
    "education": {
        "Course": [
            ("title", T.STRING, {}),
            ("summary", T.TEXT, {}),
            ("credits", T.INTEGER, {}),
            ("syllabus", T.FILE, {"required": False}),
        ],
        "Student": [
            ("full_name", T.STRING, {}),
            ("email", T.EMAIL, {"unique": True}),
            ("gpa", T.FLOAT, {"required": False}),
        ],
        "Lesson": [
            ("title", T.STRING, {}),
            ("video_url", T.URL, {"required": False}),
            ("position", T.INTEGER, {}),
        ],
        "relations": [("m2o", "Lesson", "Course"), ("m2m", "Student", "Course")],
    },
    "project_management": {
        "Project": [
            ("name", T.STRING, {"unique": True}),
            ("description", T.TEXT, {"required": False}),
            ("starts_on", T.DATE, {}),
            ("budget", T.DECIMAL, {"required": False}),
        ],
        "Task": [
            ("title", T.STRING, {}),
            ("done", T.BOOLEAN, {"default": False}),
            ("due_date", T.DATE, {"required": False}),
            ("priority", T.ENUM, {"choices": ["low", "medium", "high"], "default": "medium"}),
        ],
        "Label": [("name", T.STRING, {"unique": True}), ("color", T.STRING, {"max_length": 7})],
        "relations": [("m2o", "Task", "Project"), ("m2m", "Task", "Label")],
    },
    "events": {
        "Event": [
            ("name", T.STRING, {}),
            ("starts_at", T.DATETIME, {}),
            ("capacity", T.INTEGER, {}),
            ("website", T.URL, {"required": False}),
            ("poster", T.FILE, {"required": False}),
        ],
        "Venue": [
            ("name", T.STRING, {}),
            ("address", T.STRING, {}),
            ("latitude", T.FLOAT, {}),
            ("longitude", T.FLOAT, {}),
        ],
        "Ticket": [
            ("code", T.UUID, {"unique": True}),
            ("price", T.DECIMAL, {}),
            ("holder_email", T.EMAIL, {}),
        ],
        "relations": [("m2o", "Event", "Venue"), ("m2o", "Ticket", "Event")],
    },
    "library": {
        "Book": [
            ("title", T.STRING, {}),
            ("isbn", T.STRING, {"unique": True, "max_length": 13}),
            ("published_on", T.DATE, {"required": False}),
            ("pages", T.INTEGER, {"required": False}),
        ],
        "Author": [
            ("name", T.STRING, {}),
            ("bio", T.TEXT, {"required": False}),
            ("homepage", T.URL, {"required": False}),
        ],
        "Loan": [
            ("borrowed_at", T.DATETIME, {}),
            ("returned", T.BOOLEAN, {"default": False}),
            ("member_email", T.EMAIL, {}),
        ],
        "relations": [("m2m", "Book", "Author"), ("m2o", "Loan", "Book")],
    },
    "human_resources": {
        "Employee": [
            ("full_name", T.STRING, {}),
            ("email", T.EMAIL, {"unique": True}),
            ("hired_on", T.DATE, {}),
            ("salary", T.DECIMAL, {}),
            ("badge_id", T.UUID, {"unique": True}),
        ],
        "Department": [
            ("name", T.STRING, {"unique": True}),
            ("floor", T.INTEGER, {"required": False}),
        ],
        "LeaveRequest": [
            ("starts_on", T.DATE, {}),
            ("ends_on", T.DATE, {}),
            ("reason", T.TEXT, {"required": False}),
            ("state", T.ENUM, {"choices": ["requested", "approved", "rejected"]}),
        ],
        "relations": [("m2o", "Employee", "Department"), ("m2o", "LeaveRequest", "Employee")],
    },
}
# Extra fields a refinement adds, or a spec sprinkles in: every type appears somewhere.
_EXTRA_FIELDS = [
    ("notes", T.TEXT),
    ("rating", T.FLOAT),
    ("reference", T.UUID),
    ("homepage", T.URL),
    ("contact_phone", T.PHONE),
    ("is_active", T.BOOLEAN),
    ("opened_on", T.DATE),
    ("due_at", T.DATETIME),
    ("amount", T.DECIMAL),
    ("quantity", T.INTEGER),
    ("nickname", T.STRING),
    ("contact_email", T.EMAIL),
]
_ROLE_SETS = [
    ["admin", "user"],
    ["admin", "editor", "viewer"],
    ["owner", "member"],
    ["admin", "staff", "customer"],
]
_TYPE_WORDS = {
    T.STRING: "text",
    T.TEXT: "long text",
    T.INTEGER: "number",
    T.FLOAT: "decimal number",
    T.DECIMAL: "amount",
    T.BOOLEAN: "yes/no flag",
    T.DATE: "date",
    T.DATETIME: "timestamp",
    T.EMAIL: "email",
    T.PHONE: "phone number",
    T.URL: "URL",
    T.UUID: "UUID",
    T.ENUM: "choice",
    T.FILE: "uploaded file",
}
STYLES = ("prose", "seed_template", "markdown", "terse", "yaml")


def random_spec(rng: random.Random) -> ProjectSpec:
    """One varied, valid spec."""
    domain = rng.choice(sorted(_DOMAINS))
    pool = {k: v for k, v in _DOMAINS[domain].items() if k != "relations"}
    names = rng.sample(sorted(pool), rng.randint(1, len(pool)))
    entities = []
    for name in names:
        fields = [
            Field(name=f, type=t, **x)
            for f, t, x in pool[name]
            if t is not T.FILE or rng.random() < 0.5
        ]
        if rng.random() < 0.4:
            extra, kind = rng.choice(_EXTRA_FIELDS)
            if all(f.name != extra for f in fields):
                fields.append(Field(name=extra, type=kind, required=rng.random() < 0.5))
        entities.append(Entity(name=name, fields=fields))
    relations = [
        Relation(
            kind=RelationKind.MANY_TO_ONE if k == "m2o" else RelationKind.MANY_TO_MANY,
            source=s,
            target=t,
            required=rng.random() < 0.7,
        )
        for k, s, t in _DOMAINS[domain]["relations"]
        if s in names and t in names and rng.random() < 0.85
    ]
    auth = AuthKind.JWT if rng.random() < 0.55 else AuthKind.NONE
    roles: list[str] = []
    permissions: list[Permission] = []
    if auth is AuthKind.JWT and rng.random() < 0.5:
        roles = rng.choice(_ROLE_SETS)
        target = rng.choice(names)
        actions = (
            [Operation.DELETE]
            if rng.random() < 0.5
            else [Operation.CREATE, Operation.UPDATE, Operation.DELETE]
        )
        permissions = [Permission(entity=target, actions=actions, roles=roles[:1])]
    uploads = [
        Upload(entity=e.name, field=f.name, max_size_mb=rng.choice([2, 5, 10]))
        for e in entities
        for f in e.fields
        if f.type is T.FILE
    ]
    title = f"{rng.choice(names)} {rng.choice(['API', 'Service', 'Backend', 'Manager'])}"
    return ProjectSpec.model_validate(
        {
            "name": "-".join(words(title)),
            "title": title,
            "domain": domain,
            "entities": entities,
            "relations": relations,
            "auth": auth,
            "roles": roles,
            "permissions": permissions,
            "features": {
                "pagination": rng.random() < 0.85,
                "filtering": rng.random() < 0.4,
                "uploads": uploads,
            },
            "database": Database.POSTGRESQL if rng.random() < 0.8 else Database.SQLITE,
        }
    )


def _spoken(name: str) -> str:
    """ "LeaveRequest" -> "leave request"."""
    return snake(name).replace("_", " ")


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _field_phrase(f: Field) -> str:
    extra = ", ".join(
        x for x in ("optional" if not f.required else "", "unique" if f.unique else "") if x
    )
    kind = _TYPE_WORDS[f.type] + (f" ({' / '.join(f.choices)})" if f.choices else "")
    return f"{f.name.replace('_', ' ')} ({kind}{', ' + extra if extra else ''})"


def _relation_phrase(r: Relation) -> str:
    if r.kind is RelationKind.MANY_TO_ONE:
        return f"each {_spoken(r.source)} belongs to {_a(_spoken(r.target))}"
    return f"{_spoken(plural(r.source))} have many {_spoken(plural(r.target))}"


def _auth_phrase(spec: ProjectSpec) -> str:
    if spec.auth is AuthKind.NONE:
        return ""
    text = "Users register and log in with JWT."
    if spec.roles:
        text += f" Roles: {', '.join(spec.roles)}."
    for p in spec.permissions:
        acts = ", ".join(a.value for a in p.actions)
        text += f" Only {'/'.join(p.roles)} can {acts} {plural(p.entity).replace('_', ' ')}."
    return text


def describe(spec: ProjectSpec, style: str) -> str:
    """The request a person might have written for `spec`, in one of `STYLES`."""
    own = [e for e in spec.entities if not (e.name == "User" and spec.auth is AuthKind.JWT)]
    db = "PostgreSQL" if spec.database is Database.POSTGRESQL else "SQLite"
    uploads = [
        f"{snake(u.entity).replace('_', ' ')} {u.field.replace('_', ' ')} upload"
        for u in spec.features.uploads
    ]
    if style == "yaml":
        return f"Generate this API:\n\n```yaml\n{spec.to_yaml().rstrip()}\n```"
    if style == "terse":
        ents = "; ".join(f"{e.name}({', '.join(f.name for f in e.fields)})" for e in own)
        rels = "; ".join(f"{r.source}->{r.target}" for r in spec.relations)
        bits = [
            f"FastAPI + {db}: {ents}",
            rels and f"relations: {rels}",
            spec.auth is AuthKind.JWT and "JWT auth",
            spec.roles and "roles " + "/".join(spec.roles),
            uploads and "uploads: " + ", ".join(uploads),
        ]
        return ". ".join(str(b) for b in bits if b) + "."
    if style == "markdown":
        lines = [f"# {spec.title}", "", "## Entities"]
        lines += [f"- **{e.name}**: " + ", ".join(_field_phrase(f) for f in e.fields) for e in own]
        if spec.relations:
            lines += ["", "## Relations"] + [f"- {_relation_phrase(r)}" for r in spec.relations]
        if spec.auth is AuthKind.JWT:
            lines += ["", "## Auth", f"- {_auth_phrase(spec)}"]
        if uploads or spec.features.filtering:
            lines += ["", "## Features"] + [f"- {u}" for u in uploads]
            lines += ["- filter list endpoints by field values"] if spec.features.filtering else []
        lines += ["", f"Database: {db}."]
        return "\n".join(lines)
    prose = [f"Build a {spec.title} for {spec.domain.replace('_', ' ')} with {db}."]
    for e in own:
        prose.append(
            _a(_spoken(e.name)).capitalize()
            + " has "
            + ", ".join(_field_phrase(f) for f in e.fields)
            + "."
        )
    prose += [_relation_phrase(r).capitalize() + "." for r in spec.relations]
    prose += [_auth_phrase(spec)] if spec.auth is AuthKind.JWT else []
    prose += [f"Support {', '.join(uploads)}."] if uploads else []
    prose += ["List endpoints can filter by field values."] if spec.features.filtering else []
    text = " ".join(p for p in prose if p)
    if style == "seed_template":
        return (
            f"### API Description:\n{text}\n\n### Technical Context:\nDomain: {spec.domain}\n"
            f"Tech Stack: fastapi, {db.lower()}, sqlalchemy\nConstraints: dockerized, linted, tested"
        )
    return text


def refine_spec(spec: ProjectSpec, rng: random.Random) -> tuple[str, ProjectSpec] | None:
    """One `/codebegen refine` step on `spec`: (instruction, new spec), or None if none applies."""
    own = [e for e in spec.entities if e.name != "User"]
    choice = rng.random()
    if choice < 0.6 and own:
        entity = rng.choice(own)
        free = [
            (n, t)
            for n, t in _EXTRA_FIELDS
            if entity.field(n) is None
            and not any(
                r.source == entity.name and n in (r.name, r.fk_column) for r in spec.relations
            )
        ]
        if free:
            name, kind = rng.choice(free)
            fields = [*entity.fields, Field(name=name, type=kind, required=False)]
            entities = [
                e.model_copy(update={"fields": fields}) if e is entity else e for e in spec.entities
            ]
            new = spec.model_copy(update={"entities": entities})
            text = f"Add an optional `{name}` field ({_TYPE_WORDS[kind]}) to {entity.name}."
            return text, ProjectSpec.model_validate(new.model_dump())
    if choice < 0.8 and not spec.features.filtering:
        features = spec.features.model_copy(update={"filtering": True})
        return "Let the list endpoints filter by field values.", spec.model_copy(
            update={"features": features}
        )
    missing = [
        n
        for n in _DOMAINS[spec.domain]
        if n != "relations" and n not in {e.name for e in spec.entities}
    ]
    if not missing:
        return None
    name = rng.choice(missing)
    entity = Entity(
        name=name,
        fields=[
            Field(name=f, type=t, **x) for f, t, x in _DOMAINS[spec.domain][name] if t is not T.FILE
        ],
    )
    data = spec.model_dump()
    data["entities"].append(entity.model_dump())
    listed = ", ".join(f.name for f in entity.fields)
    return f"Add a {name} entity with {listed}.", ProjectSpec.model_validate(data)


def render(spec: ProjectSpec) -> dict[str, str]:
    """The template engine's project for `spec` as {path: content}."""
    from pipeline.render import render_project  # the renderer, imported when rendering

    result = render_project(spec)
    files = result if isinstance(result, dict) else result.files
    return dict(sorted(files.items()))


def synth_row(i: int, *, validate: bool = False, refine_ratio: float = 0.5) -> Row:
    """The row of seed `i`: a spec, its description in style `i % 5`, its project, maybe a refinement."""
    rng = random.Random(i)  # noqa: S311 - reproducible data, not secrets
    spec = random_spec(rng)
    spec = spec.model_copy(update={"description": describe(spec, STYLES[i % len(STYLES)])})
    files = render(spec)
    refinements = []
    step = refine_spec(spec, rng) if rng.random() < refine_ratio else None
    if step is not None:
        instruction, new_spec = step
        after = render(new_spec.model_copy(update={"description": spec.description}))
        changed = {p: c for p, c in after.items() if files.get(p) != c}
        refinements.append(
            Refinement(
                instruction=instruction,
                before={p: files[p] for p in changed if p in files},
                after=changed,
                deleted=sorted(set(files) - set(after)),
            )
        )
    return Row(
        id=f"synth_{i}_{spec.name}",
        prompt=spec.description,
        context=context_of(spec),
        expected_architecture=architecture_of(files),
        output=Output(files=files),
        quality_score=quality_of(files) if validate else None,
        refinements=refinements,
        provenance=Provenance(source=Source.SYNTH, seed=i),
    )


def synth_rows(
    n: int,
    *,
    seed: int = 0,
    validate: bool = False,
    refine_ratio: float = 0.5,
    failed: list[str] | None = None,
) -> Iterator[Row]:
    """Rows of seeds `seed .. seed+n-1`. A spec the templates cannot render is a codebegen bug:
    it raises, or, given `failed`, is recorded there ("seed 12: ...") and skipped."""
    for i in range(seed, seed + n):
        try:
            yield synth_row(i, validate=validate, refine_ratio=refine_ratio)
        except RenderError as exc:
            if failed is None:
                raise
            failed.append(f"seed {i}: {str(exc).splitlines()[0]}")
