"""`ProjectSpec`: what codebegen understood of an API description. No I/O.

The spec is the project's source of truth: every generated project carries it as `codebegen.yaml`,
refinement edits it, and the renderer turns it into files. It round-trips through YAML
(`to_yaml` / `from_yaml`) without loss.

Conventions the renderer relies on (enforced by the validators below):
- entity names are PascalCase singular ("BlogPost"); field and relation names are snake_case;
- every entity gets `id`, `created_at` and `updated_at` columns; specs never list them;
- with `auth: jwt` there is always a `User` entity with a unique `email` field;
- with roles, `roles[0]` is the most privileged role (the first admin gets it) and
  `default_role` is what a newly registered user gets.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator
from pydantic import Field as PydField

from pipeline import codesafe
from pipeline.errors import SpecError
from pipeline.naming import (
    RESERVED_FIELD_NAMES,
    RESERVED_MODULE_NAMES,
    RESERVED_PLURAL_NAMES,
    is_identifier,
    kebab,
    pascal,
    plural,
    snake,
)

SPEC_VERSION = 1  # bumped when the YAML format changes incompatibly
MAX_ENTITIES = 60  # entities in one project: more is several APIs, and parse + render slow down
MAX_DESCRIPTION_CHARS = (
    65_536  # GitHub's own limit on an issue body; kept in README.md, codebegen.yaml
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False, validate_assignment=True)


class FieldType(str, Enum):
    STRING = "string"  # short text (VARCHAR, max_length defaults to 255)
    TEXT = "text"  # long text: bio, body, notes
    INTEGER = "integer"
    FLOAT = "float"
    DECIMAL = "decimal"  # money: NUMERIC(12, 2)
    BOOLEAN = "boolean"
    DATE = "date"
    DATETIME = "datetime"
    EMAIL = "email"
    PHONE = "phone"
    URL = "url"
    UUID = "uuid"
    ENUM = "enum"  # one of `choices`
    FILE = "file"  # path of an uploaded file, set by the upload endpoint only


class Field(_Model):
    name: str
    type: FieldType = FieldType.STRING
    required: bool = True
    unique: bool = False
    default: str | int | float | bool | None = None
    choices: list[str] = PydField(default_factory=list)  # for type enum
    max_length: int | None = None  # for string-like types
    description: str = ""

    @model_validator(mode="after")
    def _check(self) -> Field:
        if not is_identifier(self.name):
            raise ValueError(f"field name {self.name!r} must be snake_case")
        if self.name in RESERVED_FIELD_NAMES:
            raise ValueError(f"field name {self.name!r} is reserved")
        if self.type is FieldType.ENUM and not self.choices:
            raise ValueError(f"enum field {self.name!r} needs choices")
        if self.type is not FieldType.ENUM and self.choices:
            raise ValueError(f"field {self.name!r} has choices but is not an enum")
        if self.type is FieldType.ENUM and self.default is not None:
            if self.default not in self.choices:
                raise ValueError(f"default {self.default!r} of {self.name!r} is not a choice")
        return self


class RelationKind(str, Enum):
    MANY_TO_ONE = (
        "many_to_one"  # source holds a foreign key to target ("a comment belongs to a post")
    )
    MANY_TO_MANY = "many_to_many"  # association table ("posts have many tags")


def default_relation_name(kind: RelationKind, target: str) -> str:
    """The attribute name a relation gets when none is given: "post", or "tags" (many-to-many)."""
    return plural(target) if kind is RelationKind.MANY_TO_MANY else snake(target)


class Relation(_Model):
    kind: RelationKind
    source: str  # entity name (PascalCase)
    target: str  # entity name (PascalCase)
    name: str = ""  # attribute on source; default: snake(target) or plural(target) for many_to_many
    required: bool = True  # many_to_one only: the foreign key is NOT NULL

    @model_validator(mode="after")
    def _default_name(self) -> Relation:
        if not self.name:
            object.__setattr__(self, "name", default_relation_name(self.kind, self.target))
        if not is_identifier(self.name):
            raise ValueError(f"relation name {self.name!r} must be snake_case")
        return self

    @property
    def fk_column(self) -> str:
        """Foreign-key column on the source table (many_to_one): "post" -> "post_id"."""
        return f"{self.name}_id"


class Operation(str, Enum):
    CREATE = "create"
    LIST = "list"
    READ = "read"
    UPDATE = "update"
    DELETE = "delete"


ALL_OPERATIONS = list(Operation)
WRITE_OPERATIONS = [Operation.CREATE, Operation.UPDATE, Operation.DELETE]


class Access(str, Enum):
    """Who may list and read an entity's rows."""

    PUBLIC = "public"  # anyone, without a token
    SIGNED_IN = "signed_in"  # any signed-in user
    OWNER = "owner"  # the row's owner (see `Entity.owner`) and privileged roles only


class Entity(_Model):
    name: str  # PascalCase singular
    fields: list[Field] = PydField(default_factory=list)
    plural: str = ""  # snake_case plural; derived when empty. Table name and router module.
    path: str = ""  # route prefix, default "/<kebab plural>"
    id_param: str = ""  # path parameter name, default "<snake name>_id"
    operations: list[Operation] = PydField(default_factory=lambda: list(ALL_OPERATIONS))
    description: str = ""
    # Ownership: the many-to-one relation to User (its name: "author", "customer", "owner") that
    # records who created a row. It is set from the token, never from the body; update and delete
    # are for the owner and privileged roles. Empty: rows have no owner.
    owner: str = ""
    read: Access = Access.PUBLIC  # who may list and read rows

    @model_validator(mode="after")
    def _derive(self) -> Entity:
        if self.name != pascal(self.name) or not self.name[:1].isalpha():
            raise ValueError(
                f"entity name {self.name!r} must be PascalCase, e.g. {pascal(self.name)!r}"
            )
        if not self.plural:
            object.__setattr__(self, "plural", plural(self.name))
        if snake(self.name) in RESERVED_MODULE_NAMES:
            raise ValueError(
                f"entity name {self.name!r} clashes with the generated module "
                f"app/repositories/{snake(self.name)}.py; rename it, e.g. {self.name + 'Item'!r}"
            )
        if self.plural in RESERVED_PLURAL_NAMES:
            raise ValueError(
                f"the plural {self.plural!r} of {self.name} clashes with the generated module "
                f"tests/test_{self.plural}.py; give {self.name} another plural or name"
            )
        if not self.path:
            object.__setattr__(self, "path", "/" + kebab(self.plural))
        if not self.id_param:
            object.__setattr__(self, "id_param", f"{snake(self.name)}_id")
        problem = (
            codesafe.entity_name_problem(self.name, snake(self.name))
            or codesafe.plural_problem(self.plural)
            or codesafe.id_param_problem(self.id_param, snake(self.id_param))
            or codesafe.path_problem(self.path)
        )
        if problem:
            raise ValueError(problem)
        names = [f.name for f in self.fields]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"entity {self.name} lists fields twice: {', '.join(dupes)}")
        return self

    @property
    def snake(self) -> str:
        return snake(self.name)

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


class AuthKind(str, Enum):
    NONE = "none"
    JWT = "jwt"


class Database(str, Enum):
    POSTGRESQL = "postgresql"
    SQLITE = "sqlite"


class StackDefaults(_Model):
    """A repository's stack for what an issue's prose does not say (None: codebegen's default).

    Applied only where the description is silent; a spec document is always taken as written."""

    database: Database | None = None
    auth: AuthKind | None = None


class Constraint(str, Enum):
    DOCKERIZED = "dockerized"
    TESTED = "tested"
    LINTED = "linted"


class Permission(_Model):
    """Only `roles` may do `actions` on `entity` ("only admins can delete posts")."""

    entity: str
    actions: list[Operation]
    roles: list[str]


class RuleKind(str, Enum):
    """The business rules people write, each kept in the spec and proven by a generated test."""

    RANGE = "range"  # a number within [min, max]: "rating from 1 to 5"
    LENGTH = "length"  # a text's length within [min, max]: "titles up to 80 characters"
    PATTERN = "pattern"  # a text matches `pattern` (a regular expression): "sku like ABC-123"
    NOT_BLANK = "not_blank"  # a text is not empty or only spaces: "a name is required"
    UNIQUE = (
        "unique"  # no two rows share the values of `fields`: "one review per customer and product"
    )
    TRANSITION = "transition"  # `field` may go from one of `from_values` to `to`, by `roles` if set
    SOFT_DELETE = "soft_delete"  # delete hides the row instead of removing it
    COMPUTED = "computed"  # `field` is computed by `expression`, never written by clients
    API_KEY = "api_key"  # rows are created by a machine of entity `by`, with its API key


class Rule(_Model):
    """One business rule. Which keys matter depends on `kind` (see `RuleKind`)."""

    kind: RuleKind
    entity: str
    field: str = ""  # range, length, pattern, not_blank, transition, computed
    fields: list[str] = PydField(default_factory=list)  # unique: field or relation names
    min: float | None = None  # range, length
    max: float | None = None  # range, length
    pattern: str = ""  # pattern
    from_values: list[str] = PydField(default_factory=list)  # transition: empty means any value
    to: str = ""  # transition
    roles: list[str] = PydField(
        default_factory=list
    )  # transition: who may make it (empty: anyone allowed to update)
    expression: str = ""  # computed: "sum(items.quantity * items.unit_price)"
    by: str = ""  # api_key: the entity whose key writes rows ("Device")
    source: str = ""  # the sentence of the request it came from


class Upload(_Model):
    """A file-upload endpoint that stores a file and records its path in `entity.field`."""

    entity: str
    field: str
    max_size_mb: int = 10
    content_types: list[str] = PydField(
        default_factory=lambda: ["image/png", "image/jpeg", "application/pdf"]
    )


class Features(_Model):
    pagination: bool = True  # list endpoints take limit/offset, limit capped
    filtering: bool = False  # list endpoints filter on equality of scalar fields
    uploads: list[Upload] = PydField(default_factory=list)


def _user_entity() -> Entity:
    return Entity(
        name="User",
        fields=[
            Field(name="email", type=FieldType.EMAIL, unique=True),
            Field(name="full_name", type=FieldType.STRING, required=False),
        ],
    )


class ProjectSpec(_Model):
    version: int = SPEC_VERSION
    name: str  # slug: "blog-api"
    title: str = ""  # "Blog API"
    description: str = ""  # what the person asked for, verbatim
    domain: str = "general"  # e.g. content_management, e_commerce
    entities: list[Entity]
    relations: list[Relation] = PydField(default_factory=list)
    auth: AuthKind = AuthKind.NONE
    roles: list[str] = PydField(default_factory=list)  # most privileged first
    default_role: str = ""  # role of a newly registered user; default: the last role
    permissions: list[Permission] = PydField(default_factory=list)
    rules: list[Rule] = PydField(default_factory=list)
    features: Features = PydField(default_factory=Features)
    database: Database = Database.POSTGRESQL
    constraints: list[Constraint] = PydField(default_factory=lambda: list(Constraint))

    @model_validator(mode="before")
    @classmethod
    def _add_user(cls, data: Any) -> Any:
        """With JWT auth there is always a User entity with a unique email (added if missing)."""
        if not isinstance(data, dict) or str(_enum_value(data.get("auth"))) != AuthKind.JWT.value:
            return data
        if not isinstance(data.get("entities") or [], list):
            return data  # not a list: the field's own validation says so
        entities = list(data.get("entities") or [])
        if not all(isinstance(e, (Entity, dict)) for e in entities):
            return data
        names = [e.name if isinstance(e, Entity) else e.get("name") for e in entities]
        if "User" not in names:
            entities.insert(0, _user_entity())
        else:
            i = names.index("User")
            user = (
                entities[i]
                if isinstance(entities[i], Entity)
                else Entity.model_validate(entities[i])
            )
            if not user.field("email"):
                fields = [Field(name="email", type=FieldType.EMAIL, unique=True), *user.fields]
                entities[i] = user.model_copy(update={"fields": fields})
        return {**data, "entities": entities}

    @model_validator(mode="after")
    def _check(self) -> ProjectSpec:
        if not self.entities:
            raise ValueError("a spec needs at least one entity")
        problem = codesafe.project_name_problem(self.name) or codesafe.title_problem(self.title)
        for role in self.roles:
            problem = problem or codesafe.snake_name_problem("role", role)
        if problem:
            raise ValueError(problem)
        if len(self.entities) > MAX_ENTITIES:
            raise ValueError(
                f"the spec has {len(self.entities)} entities; codebegen builds at most "
                f"{MAX_ENTITIES} in one project: split the API into smaller ones"
            )
        if len(self.description) > MAX_DESCRIPTION_CHARS:
            raise ValueError(
                f"the description has {len(self.description)} characters; at most "
                f"{MAX_DESCRIPTION_CHARS} are kept in a project"
            )
        if not self.title:
            object.__setattr__(self, "title", _default_title(self.name))
        names = [e.name for e in self.entities]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"entities listed twice: {', '.join(dupes)}")
        plurals = [e.plural for e in self.entities]
        if len(set(plurals)) != len(plurals):
            raise ValueError("two entities share a plural name")
        known = set(names)
        for r in self.relations:
            for end in (r.source, r.target):
                if end not in known:
                    raise ValueError(
                        f"relation {r.source} -> {r.target} names unknown entity {end}"
                    )
            clash = self.entity(r.source).field(r.name) or self.entity(r.source).field(r.fk_column)
            if clash:
                raise ValueError(
                    f"relation {r.name!r} clashes with field {clash.name!r} of {r.source}"
                )
        for p in self.permissions:
            if p.entity not in known:
                raise ValueError(f"permission names unknown entity {p.entity}")
            unknown = sorted(set(p.roles) - set(self.roles))
            if unknown:
                raise ValueError(f"permission names unknown roles: {', '.join(unknown)}")
        if (self.roles or self.permissions) and self.auth is not AuthKind.JWT:
            raise ValueError("roles need auth: jwt")
        if self.roles and not self.default_role:
            object.__setattr__(self, "default_role", self.roles[-1])
        if self.default_role and self.default_role not in self.roles:
            raise ValueError(f"default_role {self.default_role!r} is not one of the roles")
        for e in self.entities:
            if e.owner and not any(
                r.source == e.name
                and r.name == e.owner
                and r.target == "User"
                and r.kind is RelationKind.MANY_TO_ONE
                for r in self.relations
            ):
                raise ValueError(
                    f"owner {e.owner!r} of {e.name} must name a many_to_one relation to User"
                )
            if e.read is Access.OWNER and not e.owner:
                raise ValueError(f"{e.name} is readable by its owner only but has no owner")
        for rule in self.rules:
            if rule.entity not in known:
                raise ValueError(f"rule {rule.kind.value} names unknown entity {rule.entity}")
        for u in self.features.uploads:
            field = self.entity(u.entity).field(u.field) if u.entity in known else None
            if field is None or field.type is not FieldType.FILE:
                raise ValueError(f"upload {u.entity}.{u.field} must name a field of type file")
        return self

    # --- lookups -------------------------------------------------------------------------

    def entity(self, name: str) -> Entity:
        for e in self.entities:
            if e.name == name:
                return e
        raise KeyError(name)

    def relations_from(self, name: str) -> list[Relation]:
        return [r for r in self.relations if r.source == name]

    def relations_to(self, name: str) -> list[Relation]:
        return [r for r in self.relations if r.target == name]

    def roles_for(self, entity: str, action: Operation) -> list[str]:
        """Roles allowed to do `action` on `entity`; empty means any authenticated user."""
        allowed: list[str] = []
        for p in self.permissions:
            if p.entity == entity and action in p.actions:
                allowed += [r for r in p.roles if r not in allowed]
        return allowed

    # --- YAML round trip -----------------------------------------------------------------

    def to_yaml(self) -> str:
        """Readable YAML: defaults and derived names are left out, so a rename re-derives them."""
        data = self.model_dump(mode="json", exclude_defaults=True)
        data = {"version": self.version, **data}
        for entity, raw in zip(self.entities, data["entities"], strict=True):
            derived = Entity(name=entity.name)
            for key in ("plural", "path", "id_param"):
                if raw.get(key) == getattr(derived, key):
                    raw.pop(key)
        for relation, raw in zip(self.relations, data.get("relations", []), strict=True):
            if relation.name == default_relation_name(relation.kind, relation.target):
                raw.pop("name", None)
        if data.get("title") == _default_title(self.name):
            data.pop("title")
        if data.get("default_role") and self.roles and data["default_role"] == self.roles[-1]:
            data.pop("default_role")
        text: str = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        return text

    @classmethod
    def from_yaml(cls, text: str) -> ProjectSpec:
        """Parse codebegen.yaml text; any problem is a SpecError that says where."""
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise SpecError(f"codebegen.yaml is not valid YAML: {exc}") from None
        except RecursionError:
            raise SpecError("codebegen.yaml is nested too deeply to read.") from None
        if not isinstance(data, dict):
            raise SpecError("codebegen.yaml must be a mapping with at least `name` and `entities`")
        return spec_from_dict(data)


def _default_title(name: str) -> str:
    """ "blog-api" -> "Blog Api"."""
    return " ".join(w.capitalize() for w in name.split("-"))


def _enum_value(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def spec_from_dict(data: dict[str, Any]) -> ProjectSpec:
    """Validate a dict as a ProjectSpec, turning pydantic errors into one readable SpecError."""
    try:
        return ProjectSpec.model_validate(data)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"]) or "spec"
            lines.append(f"- {where}: {err['msg'].removeprefix('Value error, ')}")
        raise SpecError("The spec is not valid:\n" + "\n".join(lines)) from None
