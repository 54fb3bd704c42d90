"""The file plan: which files a generated project has, and what each template is given. No I/O.

`plan_project(spec)` turns a `ProjectSpec` into a list of `PlannedFile`s. The templates stay simple
because every decision is made here: names, Python and SQL types, which relation makes an entity
owned by a user, which roles may do what, and the sample values the generated tests send. Every
template sees the whole `ProjectView` as `project`; per-entity files also see their `entity`.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from pipeline.naming import singular, snake
from pipeline.spec import (
    AuthKind,
    Database,
    Entity,
    Field,
    FieldType,
    Operation,
    ProjectSpec,
    RelationKind,
)
from pipeline.stack import DEV, PYTHON_VERSION, RUNTIME, requirement

# A many_to_one to User with one of these names makes the source "owned": the current user is
# recorded on create, and only that user (or the top role) may change or delete the row.
OWNER_RELATION_NAMES = ("owner", "author", "created_by", "user")

# Fields of a spec's User entity that the auth templates define themselves.
USER_MANAGED_FIELDS = frozenset({"password", "hashed_password", "password_hash", "role"})

# Names the templates import next to an entity's model class: a model with one of these names is
# called `<Name>Model` in Python instead (its table, routes and schemas keep the entity's name).
_TEMPLATE_NAMES = frozenset(
    """Annotated Any APIRouter Base Boolean Column ConflictError CurrentUser Date DateTime Decimal
    Depends Enum FileResponse Float ForbiddenError ForeignKey Integer InvalidReferenceError Mapped
    NotFoundError Numeric Page PageParams Path Query Repository Role Service Session SessionDep
    SessionLocal StrEnum String Table TestClient Text UploadFile Uuid UUID""".split()
)

_STRING_LENGTHS = {FieldType.STRING: 255, FieldType.EMAIL: 255, FieldType.PHONE: 32}
_SQL_TYPES = {
    FieldType.TEXT: ("Text", "sa.Text()"),
    FieldType.INTEGER: ("Integer", "sa.Integer()"),
    FieldType.FLOAT: ("Float", "sa.Float()"),
    FieldType.DECIMAL: ("Numeric(12, 2)", "sa.Numeric(precision=12, scale=2)"),
    FieldType.BOOLEAN: ("Boolean", "sa.Boolean()"),
    FieldType.DATE: ("Date", "sa.Date()"),
    FieldType.DATETIME: ("UTCDateTime", "sa.DateTime(timezone=True)"),
    FieldType.UUID: ("Uuid", "sa.Uuid()"),
    FieldType.URL: ("String(2048)", "sa.String(length=2048)"),
    FieldType.FILE: ("String(255)", "sa.String(length=255)"),
}
_PYTHON_TYPES = {
    FieldType.INTEGER: "int",
    FieldType.FLOAT: "float",
    FieldType.DECIMAL: "Decimal",
    FieldType.BOOLEAN: "bool",
    FieldType.DATE: "date",
    FieldType.DATETIME: "datetime",
    FieldType.UUID: "UUID",
}
# Equality filters on these would be of little use (long text, files, instants, floats).
_NOT_FILTERABLE = frozenset({FieldType.TEXT, FieldType.FILE, FieldType.DATETIME, FieldType.FLOAT})
# Fields whose JSON value comes back exactly as it was sent (tests compare them).
_ECHOED = frozenset(set(FieldType) - {FieldType.DATETIME, FieldType.FLOAT, FieldType.FILE})


@dataclass(frozen=True)
class EnumView:
    name: str  # Python class: "OrderStatus"
    members: list[tuple[str, str]]  # (MEMBER_NAME, "value")
    module: str  # model module defining it: "order"

    def member(self, value: str) -> str:
        return next(f"{self.name}.{m}" for m, v in self.members if v == value)


@dataclass(frozen=True)
class FieldView:
    name: str
    type: str  # FieldType value
    required: bool  # NOT NULL, and required in Create
    unique: bool
    python_type: str  # "str", "Decimal", "OrderStatus"
    column_type: str  # SQLAlchemy type expression in the model
    migration_type: str  # the same in the migration ("sa.String(length=255)")
    schema_type: str  # pydantic annotation ("EmailStr", "str")
    constraints: str  # keyword arguments of pydantic's Field(...), "" when none
    default: str | None  # Python literal of the Create default, None when required/no default
    enum: EnumView | None
    max_length: int | None
    filterable: bool
    echoed: bool
    sample: str  # Python expression for a valid value; may use `n`, a unique sequence number
    other_sample: str  # a different valid value (updates)
    invalid_sample: str | None  # a value of the right JSON shape that must give 422
    literal: str  # a valid Python value for the model (the first admin's required fields)

    @property
    def sample_uses_n(self) -> bool:
        return bool(re.search(r"\bn\b", self.sample))

    @property
    def other_uses_n(self) -> bool:
        return bool(re.search(r"\bn\b", self.other_sample))


@dataclass(frozen=True)
class EntityRef:
    name: str
    snake: str  # module and variable name
    plural: str
    model: str  # the model's Python class name


@dataclass(frozen=True)
class ManyToOneView:
    name: str  # "post"
    fk: str  # "post_id"
    target: EntityRef
    required: bool
    is_owner: bool


@dataclass(frozen=True)
class ManyToManyView:
    name: str  # "tags"
    ids_field: str  # "tag_ids"
    target: EntityRef
    table: str  # "post_tags"
    source_column: str  # "post_id"
    target_column: str  # "tag_id"


@dataclass(frozen=True)
class ChildView:
    """A many_to_one pointing at this entity: a parent with children cannot be deleted."""

    entity: EntityRef
    fk: str


@dataclass(frozen=True)
class RoleGuard:
    """A dependency that lets only some roles through: `require_admin_or_editor`."""

    function: str
    members: list[str]  # Role members, most privileged first


@dataclass(frozen=True)
class Access:
    """Who may call one endpoint: "public", "user" (any signed-in user) or "roles" (`guard`)."""

    kind: str
    guard: RoleGuard | None = None

    @property
    def annotation(self) -> str:
        """The parameter type giving the calling user."""
        if self.guard is None:
            return "CurrentUser"
        return f"Annotated[User, Depends({self.guard.function})]"

    @property
    def dependency(self) -> str:
        return self.guard.function if self.guard else "get_current_user"


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    summary: str
    who: str


@dataclass(frozen=True)
class UploadView:
    field: str
    content_types: list[str]
    max_size_mb: int


@dataclass
class EntityView:
    name: str
    snake: str
    plural: str
    label: str  # "blog post", for messages
    path: str
    id_param: str
    operations: list[str]
    is_user: bool
    fields: list[FieldView]
    many_to_one: list[ManyToOneView]
    many_to_many: list[ManyToManyView]
    children: list[ChildView] = field(default_factory=list)
    uploads: list[UploadView] = field(default_factory=list)
    access: dict[str, Access] = field(default_factory=dict)  # operation -> who may call it
    top_role: str = ""  # the most privileged role's value, "" without roles
    default_role: str = ""  # Role member of a newly registered user, "" without roles

    @property
    def id_var(self) -> str:
        """The path parameter as a Python name ("petId" -> "pet_id")."""
        return snake(self.id_param)

    @property
    def guards(self) -> list[RoleGuard]:
        unique = {a.guard.function: a.guard for a in self.access.values() if a.guard}
        return list(unique.values())

    @property
    def not_null(self) -> list[str]:
        """Update fields that may be left out but not set to null."""
        names = [f.name for f in self.input_fields if f.required]
        names += [r.fk for r in self.input_relations if r.required]
        names += [r.ids_field for r in self.many_to_many]
        if self.is_user:
            names.append("password")
            if self.default_role:
                names.append("role")
        return names

    @property
    def model(self) -> str:
        return _model_name(self.name)

    @property
    def ref(self) -> EntityRef:
        return EntityRef(self.name, self.snake, self.plural, self.model)

    @property
    def owner(self) -> ManyToOneView | None:
        return next((r for r in self.many_to_one if r.is_owner), None)

    @property
    def datetime_type(self) -> str:
        """How this entity's modules spell `datetime` (see `_shadows_dates`)."""
        return (
            "dt.datetime"
            if any(f.name in ("date", "datetime") for f in self.fields)
            else "datetime"
        )

    @property
    def input_fields(self) -> list[FieldView]:
        """Fields a client sends: everything but uploaded files."""
        return [f for f in self.fields if f.type != FieldType.FILE.value]

    @property
    def input_relations(self) -> list[ManyToOneView]:
        return [r for r in self.many_to_one if not r.is_owner]

    @property
    def unique_fields(self) -> list[FieldView]:
        return [f for f in self.fields if f.unique]

    @property
    def enums(self) -> list[EnumView]:
        return [f.enum for f in self.fields if f.enum]

    @property
    def filters(self) -> list[FieldView]:
        return [f for f in self.fields if f.filterable]

    def can(self, operation: str) -> bool:
        return operation in self.operations

    @property
    def rules(self) -> list[str]:
        """The business rules its service enforces, in words (the service's docstring)."""
        rules = [
            f"{f.name} is unique: a taken value is a conflict (409)." for f in self.unique_fields
        ]
        rules += [
            f"{r.fk} must name an existing {r.target.snake} (422)." for r in self.input_relations
        ]
        rules += [
            f"{r.ids_field} must name existing {r.target.plural.replace('_', ' ')} (422)."
            for r in self.many_to_many
        ]
        if self.owner:
            who = f"they or the {self.top_role}" if self.top_role else "they"
            rules.append(
                f"The signed-in user becomes the {self.owner.name.replace('_', ' ')}; only {who}"
                " may change or delete it (403)."
            )
        if self.is_user:
            rules.append("Passwords are stored as scrypt hashes and never returned.")
        rules += [
            f"{with_article(self.label).capitalize()} that {c.entity.plural.replace('_', ' ')} refer to cannot be deleted (409)."
            for c in self.children
        ]
        rules += [
            f"An uploaded {u.field.replace('_', ' ')} is checked for type (415) and size (413)."
            for u in self.uploads
        ]
        return rules or [f"{with_article(self.label).capitalize()} that does not exist is a 404."]

    def denies_default_role(self, operation: str) -> bool:
        """Whether a newly registered user is refused `operation` because of their role."""
        access = self.access.get(operation)
        return bool(access and access.guard and self.default_role not in access.guard.members)

    @property
    def endpoints(self) -> list[Endpoint]:
        """The rows of the README's endpoint table."""
        item = f"{self.path}/{{{self.id_param}}}"
        plural_label = self.plural.replace("_", " ")
        rows: list[Endpoint] = []
        if self.can("create") and not self.is_user:
            rows.append(
                Endpoint(
                    "POST", self.path, f"create {with_article(self.label)}", self._who("create")
                )
            )
        if self.can("list"):
            rows.append(Endpoint("GET", self.path, f"list {plural_label}", self._who("list")))
        if self.can("read"):
            rows.append(
                Endpoint("GET", item, f"read {with_article(self.label)}", self._who("read"))
            )
        if self.can("update"):
            who = self._who("update", owned=True)
            rows.append(
                Endpoint("PATCH", item, f"change some fields of {with_article(self.label)}", who)
            )
            if not self.is_user:
                rows.append(Endpoint("PUT", item, f"replace {with_article(self.label)}", who))
        if self.can("delete"):
            who = self._who("delete", owned=True)
            rows.append(Endpoint("DELETE", item, f"delete {with_article(self.label)}", who))
        for upload in self.uploads:
            field_label = upload.field.replace("_", " ")
            who = self._who("update", owned=True)
            rows.append(
                Endpoint("POST", f"{item}/{upload.field}", f"upload the {field_label}", who)
            )
            rows.append(
                Endpoint(
                    "GET",
                    f"{item}/{upload.field}",
                    f"download the {field_label}",
                    self._who("read"),
                )
            )
        return rows

    def _who(self, operation: str, *, owned: bool = False) -> str:
        access = self.access.get(operation)
        if access is None or access.kind == "public":
            return "anyone"
        if access.guard:
            who = " or ".join(m.lower().replace("_", " ") for m in access.guard.members)
        else:
            who = "signed in"
        if owned and self.owner:
            who = f"its {self.owner.name.replace('_', ' ')}"
            if self.top_role:
                who += f" or {self.top_role}"
        elif owned and self.is_user and not access.guard:
            who = "the user themselves"
        return who


@dataclass
class ProjectView:
    name: str
    title: str
    description: str
    package: str  # snake name, used in docker-compose
    auth: bool
    roles: list[tuple[str, str]]  # (MEMBER, "value"), most privileged first
    top_role: str  # "ADMIN"
    default_role: str  # "USER"
    filtering: bool
    sqlite: bool  # the spec asked for SQLite rather than PostgreSQL
    entities: list[EntityView]
    python_version: str
    runtime_requirements: list[str]
    dev_requirements: list[str]
    max_upload_mb: int

    @property
    def user(self) -> EntityView | None:
        return next((e for e in self.entities if e.is_user), None)

    @property
    def uploads(self) -> bool:
        return any(e.uploads for e in self.entities)

    @property
    def compose_secrets(self) -> list[str]:
        """The variables docker-compose.yml refuses to start without."""
        secrets = ["SECRET_KEY"] if self.auth else []
        secrets += ["FIRST_ADMIN_PASSWORD"] if self.roles else []
        return secrets + ([] if self.sqlite else ["POSTGRES_PASSWORD"])

    @property
    def field_types(self) -> set[str]:
        return {f.type for e in self.entities for f in e.fields}

    @property
    def enums(self) -> bool:
        return bool(self.roles) or any(e.enums for e in self.entities)

    @property
    def many_to_many(self) -> list[tuple[EntityView, ManyToManyView]]:
        return [(e, r) for e in self.entities for r in e.many_to_many]

    def entity(self, name: str) -> EntityView:
        return next(e for e in self.entities if e.name == name)

    def creation_order(self) -> list[EntityView]:
        """Entities with parents after their parents (migrations, test factories)."""
        done: list[EntityView] = []
        pending = list(self.entities)
        while pending:
            ready = [
                e
                for e in pending
                if all(
                    r.target.name in {d.name for d in done} or r.target.name == e.name
                    for r in e.many_to_one
                )
            ] or pending[
                :1
            ]  # a cycle of required foreign keys: keep the spec's order
            done += ready
            pending = [e for e in pending if e not in ready]
        return done


@dataclass(frozen=True)
class PlannedFile:
    path: str  # relative, POSIX
    template: str  # under pipeline/templates
    context: dict[str, Any]


def plan_project(spec: ProjectSpec) -> list[PlannedFile]:
    """Every file of the generated project, in a stable order."""
    project = build_view(spec)
    files: list[PlannedFile] = []

    def add(path: str, template: str, **extra: Any) -> None:
        files.append(PlannedFile(path, template, {"project": project, **extra}))

    add("app/__init__.py", "app/__init__.py.j2")
    add("app/main.py", "app/main.py.j2")
    add("app/errors.py", "app/errors.py.j2")
    add("app/core/__init__.py", "package.py.j2", doc="Settings and cross-cutting helpers.")
    add("app/core/config.py", "app/core/config.py.j2")
    add("app/db/__init__.py", "package.py.j2", doc="Database engine, sessions and the model base.")
    add("app/db/base.py", "app/db/base.py.j2")
    add("app/db/session.py", "app/db/session.py.j2")
    add("app/db/init_db.py", "app/db/init_db.py.j2")
    add("app/models/__init__.py", "app/models/__init__.py.j2")
    add("app/schemas/__init__.py", "package.py.j2", doc="Request and response bodies.")
    add("app/schemas/common.py", "app/schemas/common.py.j2")
    add("app/repositories/__init__.py", "package.py.j2", doc="Database access, one per table.")
    add("app/repositories/base.py", "app/repositories/base.py.j2")
    add("app/services/__init__.py", "package.py.j2", doc="Business rules, one per entity.")
    add("app/routers/__init__.py", "package.py.j2", doc="HTTP endpoints, one module per entity.")
    if project.uploads:
        add("app/storage.py", "app/storage.py.j2")
    for entity in project.entities:
        add(f"app/models/{entity.snake}.py", "app/models/entity.py.j2", entity=entity)
        add(f"app/schemas/{entity.snake}.py", "app/schemas/entity.py.j2", entity=entity)
        add(f"app/repositories/{entity.snake}.py", "app/repositories/entity.py.j2", entity=entity)
        add(f"app/services/{entity.snake}.py", "app/services/entity.py.j2", entity=entity)
        add(f"app/routers/{entity.plural}.py", "app/routers/entity.py.j2", entity=entity)
    if project.auth:
        add("app/auth/__init__.py", "package.py.j2", doc="Password hashing, JWT and login.")
        add("app/auth/security.py", "app/auth/security.py.j2")
        add("app/auth/dependencies.py", "app/auth/dependencies.py.j2")
        add("app/auth/router.py", "app/auth/router.py.j2")
        add("app/auth/schemas.py", "app/auth/schemas.py.j2")
    add("alembic.ini", "alembic.ini.j2")
    add("alembic/env.py", "alembic/env.py.j2")
    add("alembic/script.py.mako", "alembic/script.py.mako.j2")
    add("alembic/versions/0001_initial.py", "alembic/versions/0001_initial.py.j2")
    add("tests/__init__.py", "package.py.j2", doc="The project's test suite.")
    add("tests/conftest.py", "tests/conftest.py.j2")
    add("tests/factories.py", "tests/factories.py.j2")
    add("tests/test_health.py", "tests/test_health.py.j2")
    add("tests/test_migrations.py", "tests/test_migrations.py.j2")
    if project.auth:
        add("tests/test_auth.py", "tests/test_auth.py.j2")
    for entity in project.entities:
        template = "tests/test_users.py.j2" if entity.is_user else "tests/test_entity.py.j2"
        add(f"tests/test_{entity.plural}.py", template, entity=entity)
    add("pyproject.toml", "pyproject.toml.j2")
    add("README.md", "README.md.j2")
    add("Dockerfile", "Dockerfile.j2")
    add(".dockerignore", "dockerignore.j2")
    add("docker-compose.yml", "docker-compose.yml.j2")
    add(".env.example", "env.example.j2")
    add(".gitignore", "gitignore.j2")
    return files


def build_view(spec: ProjectSpec) -> ProjectView:
    """The spec, with every name and type the templates need worked out."""
    auth = spec.auth is AuthKind.JWT
    roles = [(_member(r), r) for r in spec.roles]
    top_role = roles[0][0] if roles else ""
    entities = [_entity_view(spec, e, auth=auth) for e in spec.entities]
    by_name = {e.name: e for e in entities}
    for e in entities:
        for r in e.many_to_one:
            by_name[r.target.name].children.append(ChildView(e.ref, r.fk))
        if auth:
            e.access = {op: _access(spec, e, Operation(op)) for op in e.operations}
            e.top_role = spec.roles[0] if spec.roles else ""
            e.default_role = _member(spec.default_role) if spec.default_role else ""
    for upload in spec.features.uploads:
        by_name[upload.entity].uploads.append(
            UploadView(upload.field, list(upload.content_types), upload.max_size_mb)
        )
    return ProjectView(
        name=spec.name,
        title=re.sub(r"\bApi\b", "API", spec.title),  # "blog-api" -> "Blog API"
        description=spec.description.strip(),
        package=snake(spec.name),
        auth=auth,
        roles=roles,
        top_role=top_role,
        default_role=_member(spec.default_role) if spec.default_role else "",
        filtering=spec.features.filtering,
        sqlite=spec.database is Database.SQLITE,
        entities=entities,
        python_version=PYTHON_VERSION,
        runtime_requirements=[requirement(n, v) for n, v in RUNTIME.items()],
        dev_requirements=[requirement(n, v) for n, v in DEV.items()],
        max_upload_mb=max((u.max_size_mb for u in spec.features.uploads), default=10),
    )


def _access(spec: ProjectSpec, entity: EntityView, operation: Operation) -> Access:
    """Writes need a signed-in user, reads are public (a User's need one); permissions name roles.

    The top role may always do what a permission allows another role: it is the most privileged.
    With roles, only the top role manages users.
    """
    allowed = [_member(r) for r in spec.roles_for(entity.name, operation)]
    if entity.is_user and spec.roles:
        allowed = [_member(spec.roles[0])]
    if allowed:
        top = _member(spec.roles[0])
        members = [top] + [m for m in allowed if m != top]
        return Access(
            "roles", RoleGuard("require_" + "_or_".join(m.lower() for m in members), members)
        )
    if operation in (Operation.CREATE, Operation.UPDATE, Operation.DELETE) or entity.is_user:
        return Access("user")
    return Access("public")


def _entity_view(spec: ProjectSpec, entity: Entity, *, auth: bool) -> EntityView:
    is_user = auth and entity.name == "User"
    fields = [
        _field_view(entity, f)
        for f in entity.fields
        if not (is_user and f.name in USER_MANAGED_FIELDS)
    ]
    many_to_one: list[ManyToOneView] = []
    many_to_many: list[ManyToManyView] = []
    owner_taken = is_user or not auth
    for r in spec.relations_from(entity.name):
        target = spec.entity(r.target)
        ref = EntityRef(
            target.name, _identifier(target.snake), target.plural, _model_name(target.name)
        )
        if r.kind is RelationKind.MANY_TO_ONE:
            is_owner = not owner_taken and r.target == "User" and r.name in OWNER_RELATION_NAMES
            owner_taken = owner_taken or is_owner
            # A required reference to the same table could never get its first row, and a user's
            # references are optional: the first admin exists before anything it could refer to.
            required = r.required and r.target != entity.name and not is_user
            many_to_one.append(ManyToOneView(r.name, r.fk_column, ref, required, is_owner))
            continue
        source_column = f"{entity.snake}_id"
        target_column = f"{singular(r.name)}_id"
        if target_column == source_column:
            target_column = f"related_{target_column}"
        many_to_many.append(
            ManyToManyView(
                name=r.name,
                ids_field=f"{singular(r.name)}_ids",
                target=ref,
                table=f"{entity.snake}_{r.name}",
                source_column=source_column,
                target_column=target_column,
            )
        )
    return EntityView(
        name=entity.name,
        snake=_identifier(entity.snake),
        plural=entity.plural,
        label=entity.snake.replace("_", " "),
        path=entity.path,
        id_param=entity.id_param,
        operations=[op.value for op in entity.operations],
        is_user=is_user,
        fields=fields,
        many_to_one=many_to_one,
        many_to_many=many_to_many,
    )


def _field_view(entity: Entity, f: Field) -> FieldView:
    """How one field is typed, validated, stored and sampled."""
    enum = None
    if f.type is FieldType.ENUM:
        enum = EnumView(
            name=f"{entity.name}{''.join(w.capitalize() for w in f.name.split('_'))}",
            members=[(_member(c), c) for c in f.choices],
            module=entity.snake,
        )
    max_length = f.max_length or _STRING_LENGTHS.get(f.type)
    column_type, migration_type = _SQL_TYPES.get(f.type, ("", ""))
    if f.type in _STRING_LENGTHS:
        column_type, migration_type = f"String({max_length})", f"sa.String(length={max_length})"
    if f.type is FieldType.TEXT and f.max_length:
        column_type, migration_type = f"String({max_length})", f"sa.String(length={max_length})"
    if enum:
        column_type = f"Enum({enum.name}, native_enum=False, values_callable=enum_values)"
        length = max(len(c) for c in f.choices)
        values = ", ".join(repr(c) for c in f.choices)
        migration_type = (
            f"sa.Enum({values}, name={snake(enum.name)!r}, native_enum=False, length={length})"
        )
    python_type = enum.name if enum else _PYTHON_TYPES.get(f.type, "str")
    if python_type in ("date", "datetime") and _shadows_dates(entity):
        python_type = f"dt.{python_type}"
    schema_type = {
        FieldType.EMAIL: "EmailStr",
        FieldType.URL: "HttpUrlString",
        FieldType.INTEGER: "Int32",
        FieldType.DATETIME: "UtcDatetime",
    }.get(f.type, python_type)
    constraints = _constraints(f, max_length)
    required = f.required and f.type is not FieldType.FILE and f.default is None
    sample, other, invalid = _samples(f, enum, max_length)
    return FieldView(
        name=f.name,
        type=f.type.value,
        required=f.required and f.type is not FieldType.FILE,
        unique=f.unique,
        python_type=python_type,
        column_type=column_type,
        migration_type=migration_type,
        schema_type=schema_type,
        constraints=constraints,
        default=None if required else _default_literal(f, enum),
        enum=enum,
        max_length=max_length if f.type in _STRING_LENGTHS or f.max_length else None,
        filterable=f.type not in _NOT_FILTERABLE,
        echoed=f.type in _ECHOED,
        sample=sample,
        other_sample=other,
        invalid_sample=invalid,
        literal=_literal(f, enum, max_length),
    )


def _shadows_dates(entity: Entity) -> bool:
    """A field named `date` would hide the `date` type in a class body that annotates another
    field with it; such entities' modules write `dt.date` and `dt.datetime` instead."""
    return any(f.name in ("date", "datetime") for f in entity.fields)


def _constraints(f: Field, max_length: int | None) -> str:
    if f.type in (FieldType.STRING, FieldType.PHONE) or (f.type is FieldType.TEXT and f.max_length):
        parts = [f"max_length={max_length}"]
        if f.required and f.type is not FieldType.PHONE:
            parts.insert(0, "min_length=1")
        if f.type is FieldType.PHONE:
            parts.append('pattern=r"^\\+?[0-9][0-9 ().-]{5,30}$"')
        return ", ".join(parts)
    if f.type is FieldType.DECIMAL:
        return "max_digits=12, decimal_places=2"
    if f.type is FieldType.FLOAT:
        return "allow_inf_nan=False"
    return ""


def _default_literal(f: Field, enum: EnumView | None) -> str:
    value = f.default
    if value is None:
        return "None"
    if enum:
        return enum.member(str(value))
    if f.type is FieldType.BOOLEAN:
        return repr(
            value if isinstance(value, bool) else str(value).lower() in {"true", "1", "yes"}
        )
    if f.type is FieldType.INTEGER:
        return repr(int(value))
    if f.type is FieldType.FLOAT:
        return repr(float(value))
    if f.type is FieldType.DECIMAL:
        try:
            return f'Decimal("{Decimal(str(value))}")'
        except InvalidOperation:
            return "None"
    if f.type is FieldType.DATE:
        return f"date.fromisoformat({str(value)!r})"
    if f.type is FieldType.DATETIME:
        return f"datetime.fromisoformat({str(value)!r})"
    return repr(str(value))


def _samples(
    f: Field, enum: EnumView | None, max_length: int | None
) -> tuple[str, str, str | None]:
    """(valid, another valid, invalid) JSON values for the generated tests, as Python source."""
    word = f.name.replace("_", " ")
    limit = max_length or 255
    match f.type:
        case FieldType.STRING | FieldType.TEXT:
            base = word.capitalize()[: max(1, limit - 8)]
            sample = f'f"{base} {{n}}"' if f.unique else repr(f"Sample {word}"[:limit])
            other = f'f"New {base} {{n}}"' if f.unique else repr(f"Changed {word}"[:limit])
            invalid = f'"x" * {limit + 1}' if f.type is FieldType.STRING or f.max_length else "123"
            if f.unique and limit < 12:
                sample, other = 'f"{n}"', 'f"9{n}"'
            return sample, other, invalid
        case FieldType.EMAIL:
            return (
                f'f"{snake(word)}{{n}}@example.com"',
                f'f"new-{snake(word)}{{n}}@example.com"',
                '"not-an-email"',
            )
        case FieldType.PHONE:
            return (
                '"+1 555 0100"' if not f.unique else 'f"+1 555 {n:04d}"',
                '"+44 20 7946 0958"' if not f.unique else 'f"+44 20 {n:04d}"',
                '"call me"',
            )
        case FieldType.URL:
            return (
                'f"https://example.com/{n}"' if f.unique else '"https://example.com/a"',
                'f"https://example.org/{n}"' if f.unique else '"https://example.org/b"',
                '"not a url"',
            )
        case FieldType.INTEGER:
            return ("n" if f.unique else "7"), ("n + 100000" if f.unique else "8"), '"many"'
        case FieldType.FLOAT:
            return (
                ("n + 0.5" if f.unique else "1.5"),
                ("n + 1000.5" if f.unique else "2.5"),
                '"heavy"',
            )
        case FieldType.DECIMAL:
            return (
                ('f"{n}.99"' if f.unique else '"19.99"'),
                ('f"{n}.50"' if f.unique else '"5.50"'),
                '"cheap"',
            )
        case FieldType.BOOLEAN:
            return "True", "False", '"maybe"'
        case FieldType.DATE:
            if f.unique:
                return (
                    "(date(2024, 1, 1) + timedelta(days=n)).isoformat()",
                    "(date(2030, 1, 1) + timedelta(days=n)).isoformat()",
                    '"someday"',
                )
            return '"2024-05-01"', '"2024-06-02"', '"someday"'
        case FieldType.DATETIME:
            if f.unique:
                return (
                    "(datetime(2024, 1, 1, tzinfo=UTC) + timedelta(minutes=n)).isoformat()",
                    "(datetime(2030, 1, 1, tzinfo=UTC) + timedelta(minutes=n)).isoformat()",
                    '"soon"',
                )
            return '"2024-05-01T10:30:00+00:00"', '"2024-06-02T08:00:00+00:00"', '"soon"'
        case FieldType.UUID:
            return "str(uuid4())", "str(uuid4())", '"not-a-uuid"'
        case FieldType.ENUM:
            assert enum is not None
            first, last = enum.members[0][1], enum.members[-1][1]
            return repr(first), repr(last), repr("not-" + "-".join(first.split()))
    return '""', '""', None


def _literal(f: Field, enum: EnumView | None, max_length: int | None) -> str:
    if enum:
        return f"{enum.name}.{enum.members[0][0]}"
    return {
        FieldType.INTEGER: "0",
        FieldType.FLOAT: "0.0",
        FieldType.DECIMAL: 'Decimal("0")',
        FieldType.BOOLEAN: "False",
        FieldType.DATE: "date(2000, 1, 1)",
        FieldType.DATETIME: "datetime(2000, 1, 1, tzinfo=UTC)",
        FieldType.UUID: "uuid4()",
        FieldType.URL: '"https://example.com"',
        FieldType.PHONE: '"+10000000000"',
        FieldType.EMAIL: '"admin@example.com"',
    }.get(f.type, repr("admin"[: max_length or 5]))


def _model_name(entity: str) -> str:
    """The model's Python class: the entity's name unless a template already uses that name."""
    return f"{entity}Model" if entity in _TEMPLATE_NAMES else entity


def _identifier(snake_name: str) -> str:
    """A module and variable name: "class" -> "class_"."""
    return f"{snake_name}_" if keyword.iskeyword(snake_name) else snake_name


_YOU_SOUNDS = ("uni", "use", "usu", "uti", "ura", "eu", "one")  # "a user", "a unit", "a euro"


def with_article(noun: str) -> str:
    """ "post" -> "a post", "order item" -> "an order item"."""
    sounds_like_a_vowel = noun[:1].lower() in "aeiou" and not noun.lower().startswith(_YOU_SOUNDS)
    return ("an " if sounds_like_a_vowel else "a ") + noun


def _member(value: str) -> str:
    """An enum member name for a value: "in progress" -> "IN_PROGRESS", "1st" -> "V_1ST"."""
    name = snake(value).upper() or "VALUE"
    return name if name[0].isalpha() else f"V_{name}"
