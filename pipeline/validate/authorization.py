"""The "authorization" check: two ordinary users probe the booted app over HTTP.

I/O: HTTP requests to the generated app (already booted in the sandbox by the caller), nothing
else. Alice and Bob sign up through `/auth/register` like anyone could. Alice creates a row of
every entity she is allowed to create (parents first); Bob then tries to change, replace and
delete each of her rows, and, where the spec says rows are private (`read: owner`) or for signed-in
people only, to read them or list them without a token. Finally Alice tries to reach user
management: give herself the top role, change or delete Bob's account. Every success of such a
request is a violation, and one violation fails the check.

Request bodies come from the app's own OpenAPI document (its Create schemas), so the probe
sends what the app accepts rather than guessing from the spec.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from pipeline.errors import SpecError
from pipeline.naming import kebab
from pipeline.plan.rules import pattern_example
from pipeline.spec import Access, AuthKind, Entity, ProjectSpec, RelationKind
from pipeline.validate.report import CheckStatus

PASSWORD = "probe-password-1234"  # noqa: S105 - the probe users' password, made up per run


@dataclass
class _Probe:
    app: httpx.Client
    spec: ProjectSpec
    schemas: dict[str, Any]
    violations: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)  # entity -> the id of Alice's row
    admin: dict[str, str] | None = None  # the first admin's headers, for rows Alice may not create


def check_authorization(
    app: httpx.Client,
    spec: ProjectSpec,
    openapi: dict[str, Any] | None,
    *,
    admin: tuple[str, str] | None = None,
) -> tuple[CheckStatus, str, str]:
    """(status, one-line summary, details) of the two-user probe of the booted `app`.

    `admin` (email, password): the first admin, who creates the rows that only a role may create,
    so Bob's attempts on them are probed too."""
    if spec.auth is not AuthKind.JWT:
        return CheckStatus.SKIPPED, "no authentication asked for: nothing to probe", ""
    if not openapi:
        return CheckStatus.FAILED, "no OpenAPI document to build request bodies from", ""
    probe = _Probe(app, spec, (openapi.get("components") or {}).get("schemas") or {})
    tag = secrets.token_hex(4)
    alice = _sign_up(probe, f"alice-{tag}@example.com")
    bob = _sign_up(probe, f"bob-{tag}@example.com")
    if alice is None or bob is None:
        return CheckStatus.FAILED, "two users could not sign up and log in", "\n".join(probe.notes)
    if admin is not None and spec.roles:
        login = app.post("/auth/login", data={"username": admin[0], "password": admin[1]})
        if login.status_code == 200:
            probe.admin = {"Authorization": f"Bearer {login.json()['access_token']}"}
    order = _creation_order(spec)
    made = [(e, _create(probe, e, alice=alice)) for e in order]
    for entity, row in reversed(made):  # children first: Bob's deletes leave parents for later
        if row is not None:
            _attack(probe, entity, row, bob=bob)
    _probe_user_management(probe, alice=alice, bob=bob)
    details = "\n".join([*probe.violations, *probe.notes])
    if probe.violations:
        return (
            CheckStatus.FAILED,
            f"{len(probe.violations)} violations: {probe.violations[0]}",
            details,
        )
    probed = len(probe.rows)
    return CheckStatus.PASSED, f"two users, {probed} entities probed: no cross-user access", details


def _sign_up(probe: _Probe, email: str) -> dict[str, str] | None:
    body = {"email": email, "password": PASSWORD, **_sample(probe, "UserCreate", skip={"email"})}
    body["password"] = PASSWORD
    response = probe.app.post("/auth/register", json=body)
    if response.status_code != 201:
        probe.notes.append(f"sign-up of {email}: {response.status_code} {response.text[:200]}")
        return None
    login = probe.app.post("/auth/login", data={"username": email, "password": PASSWORD})
    if login.status_code != 200:
        probe.notes.append(f"login of {email}: {login.status_code}")
        return None
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


@dataclass
class _Row:
    id: Any
    body: dict[str, Any]
    whose: str  # "Alice's", or "the admin's" for rows only a role may create


def _create(probe: _Probe, entity: Entity, *, alice: dict[str, str]) -> _Row | None:
    """Alice's row of `entity` (the admin's where a role is needed), pointing at her parents."""
    body = _sample(probe, f"{entity.name}Create")
    for r in probe.spec.relations_from(entity.name):
        if r.kind is not RelationKind.MANY_TO_ONE or r.name == entity.owner:
            continue
        if r.target == "User":
            body[r.fk_column] = _me(probe, alice)
        elif r.target in probe.rows:
            body[r.fk_column] = probe.rows[r.target]
    created = probe.app.post(entity.path, json=body, headers=alice)
    whose = "Alice's"
    if created.status_code == 403 and probe.admin is not None:
        created = probe.app.post(entity.path, json=body, headers=probe.admin)
        whose = "the admin's"
    if created.status_code != 201:
        probe.notes.append(
            f"{entity.name}: no row could be created ({created.status_code}), not probed"
        )
        return None
    probe.rows[entity.name] = created.json().get("id")
    return _Row(probe.rows[entity.name], body, whose)


def _attack(probe: _Probe, entity: Entity, row: _Row, *, bob: dict[str, str]) -> None:
    """Bob (and an anonymous caller) try to read, change and delete the row."""
    item, label, whose = f"{entity.path}/{row.id}", entity.name, row.whose
    if entity.read is not Access.PUBLIC:
        _expect_refused(probe, probe.app.get(entity.path), f"anonymous GET {entity.path}")
        _expect_refused(probe, probe.app.get(item), f"anonymous GET {item}")
    if entity.read is Access.OWNER:
        _expect_refused(probe, probe.app.get(item, headers=bob), f"Bob read {whose} {label}")
        listed = probe.app.get(entity.path, headers=bob, params={"limit": 100})
        if listed.status_code == 200 and row.id in _ids(listed):
            probe.violations.append(f"Bob's GET {entity.path} lists {whose} {label}")
        for child in _children(probe.spec, entity):
            nested = f"{item}/{kebab(child.plural)}"
            _expect_refused(probe, probe.app.get(nested, headers=bob), f"Bob read {nested}")
    patched = probe.app.patch(item, json=row.body, headers=bob)
    _expect_refused(probe, patched, f"Bob PATCHed {whose} {label}")
    replaced = probe.app.put(item, json=row.body, headers=bob)
    _expect_refused(probe, replaced, f"Bob PUT {whose} {label}")
    _expect_refused(probe, probe.app.delete(item, headers=bob), f"Bob DELETEd {whose} {label}")


def _probe_user_management(probe: _Probe, *, alice: dict[str, str], bob: dict[str, str]) -> None:
    spec = probe.spec
    users = spec.entity("User").path
    me = probe.app.get("/auth/me", headers=alice).json()
    if spec.roles and me.get("role") == spec.roles[0]:
        probe.violations.append(f"a sign-up gets the privileged role {spec.roles[0]!r}")
    bob_id, alice_id = _me(probe, bob), me.get("id")
    if spec.roles:
        promote = {"role": spec.roles[0]}
        probe.app.patch(f"{users}/{alice_id}", json=promote, headers=alice)
        if probe.app.get("/auth/me", headers=alice).json().get("role") == spec.roles[0]:
            probe.violations.append(f"Alice gave herself the role {spec.roles[0]!r}")
        listed = probe.app.get(users, headers=alice)
        if listed.status_code == 200:
            probe.violations.append(f"Alice (a sign-up) lists all users at GET {users}")
    reset = {"password": "taken-over-password"}
    patched = probe.app.patch(f"{users}/{bob_id}", json=reset, headers=alice)
    _expect_refused(probe, patched, "Alice changed Bob's account")
    deleted = probe.app.delete(f"{users}/{bob_id}", headers=alice)
    _expect_refused(probe, deleted, "Alice deleted Bob's account")


def _expect_refused(probe: _Probe, response: httpx.Response, what: str) -> None:
    if response.status_code < 300:
        probe.violations.append(f"{what} ({response.request.method} {response.status_code})")


def _me(probe: _Probe, headers: dict[str, str]) -> int:
    return int(probe.app.get("/auth/me", headers=headers).json()["id"])


def _ids(response: httpx.Response) -> list[Any]:
    data = response.json()
    items = data.get("items", []) if isinstance(data, dict) else data
    return [row.get("id") for row in items if isinstance(row, dict)]


def _creation_order(spec: ProjectSpec) -> list[Entity]:
    """Entities other than User, parents before children (cycles: the spec's order)."""
    done: list[Entity] = []
    pending = [e for e in spec.entities if e.name != "User" and "create" in _ops(e)]
    while pending:
        names = {d.name for d in done} | {"User"}
        ready = [
            e
            for e in pending
            if all(
                r.target in names or r.target == e.name or r.target not in {p.name for p in pending}
                for r in spec.relations_from(e.name)
                if r.kind is RelationKind.MANY_TO_ONE
            )
        ] or pending[:1]
        done += ready
        pending = [e for e in pending if e not in ready]
    return done


def _children(spec: ProjectSpec, entity: Entity) -> list[Entity]:
    """Entities listed under an item of `entity` (GET /orders/{id}/order-lines)."""
    return [
        spec.entity(r.source)
        for r in spec.relations_to(entity.name)
        if r.kind is RelationKind.MANY_TO_ONE and r.source not in (entity.name, "User")
    ]


def _ops(entity: Entity) -> set[str]:
    return {op.value for op in entity.operations}


# --- request bodies from the app's own OpenAPI schemas ------------------------------------------


def _sample(probe: _Probe, schema_name: str, *, skip: set[str] | None = None) -> dict[str, Any]:
    schema = probe.schemas.get(schema_name) or {}
    required = set(schema.get("required") or [])
    body: dict[str, Any] = {}
    for name, prop in (schema.get("properties") or {}).items():
        if name in (skip or set()) or name not in required:
            continue
        body[name] = _value(probe, prop, name)
    return body


def _value(probe: _Probe, prop: dict[str, Any], name: str) -> Any:  # noqa: PLR0911
    if "$ref" in prop:
        return _value(probe, probe.schemas.get(prop["$ref"].rsplit("/", 1)[-1]) or {}, name)
    for option in prop.get("anyOf") or prop.get("allOf") or []:
        if option.get("type") != "null":
            return _value(probe, option, name)
    if "enum" in prop:
        return prop["enum"][0]
    if "default" in prop:
        return prop["default"]
    kind, fmt = prop.get("type"), prop.get("format", "")
    if kind == "integer":
        return max(1, int(prop.get("minimum", 1)))
    if kind == "number":
        return max(1, prop.get("minimum", 1))
    if kind == "boolean":
        return True
    if kind == "array":
        return []
    if fmt == "email":
        return f"{name}-{secrets.token_hex(3)}@example.com"
    if fmt in ("uri", "url") or any(w in name for w in ("url", "website", "link", "homepage")):
        return "https://example.com/probe"
    if fmt == "date":
        return "2024-05-01"
    if fmt == "date-time":
        return "2024-05-01T10:00:00+00:00"
    if fmt == "uuid":
        return "123e4567-e89b-42d3-a456-426614174000"
    if prop.get("pattern"):
        example = pattern_example(str(prop["pattern"]))
        if example is not None:
            return example
    text = f"probe {name} {secrets.token_hex(3)}"
    low, high = int(prop.get("minLength", 1)), int(prop.get("maxLength", 255))
    return (text + "x" * low)[: max(low, min(high, len(text)))]


def check_project(
    source: Path,
    app: httpx.Client,
    openapi: dict[str, Any] | None,
    *,
    admin: tuple[str, str] | None = None,
) -> tuple[CheckStatus, str, str]:
    """The probe for the project at `source` (its codebegen.yaml says what to expect)."""
    spec_file = source / "codebegen.yaml"
    if not spec_file.is_file():
        return CheckStatus.SKIPPED, "no codebegen.yaml: nothing says what to protect", ""
    try:
        spec = ProjectSpec.from_yaml(spec_file.read_text(encoding="utf-8"))
    except SpecError as exc:
        return CheckStatus.FAILED, "codebegen.yaml is not a valid spec", str(exc)
    return check_authorization(app, spec, openapi, admin=admin)
