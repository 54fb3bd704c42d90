"""The view of a spec that the templates see: entities with their names, relations, owners,
access rules and fields worked out. No I/O.

`build_view(spec)` makes every decision the templates would otherwise have to: which relation
makes an entity owned by a user, which roles may do what, how names are spelled in Python.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass, field, replace

from pipeline.naming import singular, snake
from pipeline.plan.fields import EnumView, FieldView, field_view, member
from pipeline.plan.rules import (
    ComputedView,
    FieldRuleView,
    TransitionView,
    UniqueTogetherView,
    apply_field_rules,
    computed,
    transitions,
    unique_together,
)
from pipeline.spec import (
    Access as ReadAccess,
)
from pipeline.spec import (
    AuthKind,
    Database,
    Entity,
    FieldType,
    Operation,
    ProjectSpec,
    RelationKind,
    RuleKind,
)
from pipeline.stack import DEV, PYTHON_VERSION, RUNTIME, locked_runtime, requirement

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
    constrained: bool = True  # False: no FOREIGN KEY constraint, it would close a cycle of tables


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
    label: str  # for test names: "comments", or "tickets_as_assignee" when two relations differ
    # Deleting the parent deletes these children too (an author deleting their post removes its
    # comments) instead of refusing with 409: set for owned parents whose children need them.
    cascade: bool = False
    nested_who: str = ""  # who may call GET /<parent>/{id}/<children> ("" when there is none)


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
    read: str = "public"  # who may list and read rows: public, signed_in or owner (`spec.Access`)
    plain_creates: bool = False  # a newly registered user can create one, parents included
    field_rules: list[FieldRuleView] = field(default_factory=list)  # `spec.rules` on fields
    unique_together: list[UniqueTogetherView] = field(default_factory=list)
    transitions: list[TransitionView] = field(default_factory=list)
    soft_delete: bool = False  # delete sets `deleted_at`; such rows are 404 and never listed
    computed: list[ComputedView] = field(default_factory=list)  # its fields the children sum up
    recomputes: list[ComputedView] = field(default_factory=list)  # parents' sums over it

    @property
    def private(self) -> bool:
        """Rows are listed and read by their owner (and the top role) only; others get 404."""
        return self.read == ReadAccess.OWNER.value and self.owner is not None

    @property
    def id_var(self) -> str:
        """The path parameter as a Python name ("petId" -> "pet_id")."""
        return snake(self.id_param)

    @property
    def guards(self) -> list[RoleGuard]:
        unique = {a.guard.function: a.guard for a in self.access.values() if a.guard}
        return list(unique.values())

    @property
    def create_needs_fields(self) -> bool:
        """Whether an empty body is refused by POST (some field has no default)."""
        fields = any(f.required and f.default is None for f in self.input_fields)
        return fields or any(r.required for r in self.input_relations)

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
        """Fields a client sends: everything but uploaded files and computed values."""
        sums = {c.field for c in self.computed}
        return [f for f in self.fields if f.type != FieldType.FILE.value and f.name not in sums]

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
        rules += [f"{r.words.capitalize()} (422)." for r in self.field_rules]
        rules += [
            f"{u.words.capitalize()}: a second one is a conflict (409)."
            for u in self.unique_together
        ]
        for t in self.transitions:
            moves = ", ".join(
                f"{m.source.split('.')[-1].lower() or 'any'} -> {m.target.split('.')[-1].lower()}"
                + (f" ({' or '.join(x.lower() for x in m.roles)})" if m.roles else "")
                for m in t.moves
            )
            rules.append(
                f"{t.field.replace('_', ' ').capitalize()} starts as {t.initial} and moves only"
                f" {moves}; other moves are a conflict (409), a role's move by others is 403."
            )
        rules += [
            f"{c.words.capitalize()}: computed on every change of its"
            f" {c.child.lower()} rows, never sent by clients."
            for c in self.computed
        ]
        if self.soft_delete:
            rules.append(
                "Deleting only marks it deleted (deleted_at); it is then 404 and unlisted."
            )
        if self.private and self.owner:
            rules.append(
                f"Only the {self.owner.name.replace('_', ' ')}"
                + (f" and the {self.top_role}" if self.top_role else "")
                + " may list and read it; others get a 404."
            )
        if self.is_user:
            rules.append("Passwords are stored as Argon2id hashes and never returned.")
        rules += [
            f"{with_article(self.label).capitalize()} that {c.entity.plural.replace('_', ' ')} refer to cannot be deleted (409)."
            for c in self.children
            if not c.cascade
        ]
        rules += [
            f"Deleting {with_article(self.label)} deletes its {c.entity.plural.replace('_', ' ')}."
            for c in self.children
            if c.cascade
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
        for c in self.children:
            if c.nested_who:
                children = c.entity.plural.replace("_", " ")
                rows.append(
                    Endpoint(
                        "GET",
                        f"{item}/{c.label.replace('_', '-')}",
                        f"list the {children} of {with_article(self.label)}",
                        c.nested_who,
                    )
                )
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
    locked_requirements: list[str]  # requirements.lock: runtime pins and what they pull in
    max_upload_mb: int

    @property
    def user(self) -> EntityView | None:
        return next((e for e in self.entities if e.is_user), None)

    @property
    def uploads(self) -> bool:
        return any(e.uploads for e in self.entities)

    @property
    def everyone_is_top(self) -> bool:
        """With a single role, everyone who registers gets the top role."""
        return bool(self.roles) and self.default_role == self.top_role

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
            created = {d.name for d in done}
            ready = [
                e
                for e in pending
                if all(
                    r.target.name in created or r.target.name == e.name or not r.constrained
                    for r in e.many_to_one
                )
            ]
            done += ready
            pending = [e for e in pending if e not in ready]
        return done


def build_view(spec: ProjectSpec) -> ProjectView:
    """The spec, with every name and type the templates need worked out."""
    auth = spec.auth is AuthKind.JWT
    roles = [(member(r), r) for r in spec.roles]
    top_role = roles[0][0] if roles else ""
    entities = [_entity_view(spec, e, auth=auth) for e in spec.entities]
    by_name = {e.name: e for e in entities}
    _break_reference_cycles(entities, by_name)
    for e in entities:
        for r in e.many_to_one:
            parent = by_name[r.target.name]
            twins = sum(other.target.name == parent.name for other in e.many_to_one) > 1
            parent.children.append(
                ChildView(e.ref, r.fk, f"{e.plural}_as_{r.name}" if twins else e.plural)
            )
        if auth:
            # Every operation, asked for or not: an upload's download is a read, for one.
            e.access = {op.value: _access(spec, e, op) for op in Operation}
            e.top_role = spec.roles[0] if spec.roles else ""
            e.default_role = member(spec.default_role) if spec.default_role else ""
    _cascade_owned_children(entities, by_name)
    for e in entities:
        e.children = [
            (
                replace(c, nested_who=by_name[c.entity.name]._who("list"))
                if not e.is_user
                and c.entity.name not in (e.name, "User")
                and by_name[c.entity.name].can("list")
                else c
            )
            for c in e.children
        ]
    for rule in spec.rules:
        view = computed(spec, rule) if rule.kind is RuleKind.COMPUTED else None
        if isinstance(view, ComputedView):
            by_name[view.parent].computed.append(view)
            by_name[view.child].recomputes.append(view)
    if auth:
        for e in entities:
            e.plain_creates = _plain_creates(e, by_name, set())
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
        default_role=member(spec.default_role) if spec.default_role else "",
        filtering=spec.features.filtering,
        sqlite=spec.database is Database.SQLITE,
        entities=entities,
        python_version=PYTHON_VERSION,
        runtime_requirements=[requirement(n, v) for n, v in RUNTIME.items()],
        dev_requirements=[requirement(n, v) for n, v in DEV.items()],
        locked_requirements=list(locked_runtime()),
        max_upload_mb=max((u.max_size_mb for u in spec.features.uploads), default=10),
    )


def _plain_creates(entity: EntityView, by_name: dict[str, EntityView], seen: set[str]) -> bool:
    """Whether a user with the default role can create `entity` and every row it needs."""
    if entity.is_user or not entity.can("create") or entity.denies_default_role("create"):
        return False
    seen = seen | {entity.name}
    return all(
        r.target.name in seen or _plain_creates(by_name[r.target.name], by_name, seen)
        for r in entity.input_relations
        if r.required and r.target.name != "User"
    )


def _cascade_owned_children(entities: list[EntityView], by_name: dict[str, EntityView]) -> None:
    """An owned row's required children go with it: an author can delete their own post, and its
    comments are deleted with it. Children that have children of their own still make a 409."""
    for parent in entities:
        if parent.owner is None:
            continue
        for i, c in enumerate(parent.children):
            child = by_name[c.entity.name]
            relation = next(r for r in child.many_to_one if r.fk == c.fk)
            if relation.required and not child.children and child.name != parent.name:
                parent.children[i] = replace(c, cascade=True)


def _break_reference_cycles(entities: list[EntityView], by_name: dict[str, EntityView]) -> None:
    """Tables that refer to each other in a cycle (departments -> employees -> departments)
    could be neither created nor filled in order. The reference that closes each cycle, walking
    the entities in the spec's order, becomes optional and gets no FOREIGN KEY constraint; the
    service still checks it, so a missing row is still a 422."""
    done: set[str] = set()

    def visit(entity: EntityView, path: list[str]) -> None:
        if entity.name in done:
            return
        path.append(entity.name)
        for i, r in enumerate(entity.many_to_one):
            if r.target.name == entity.name:
                continue  # a table may refer to itself
            if r.target.name in path:
                entity.many_to_one[i] = replace(r, required=False, constrained=False)
            else:
                visit(by_name[r.target.name], path)
        path.pop()
        done.add(entity.name)

    for entity in entities:
        visit(entity, [])


def _access(spec: ProjectSpec, entity: EntityView, operation: Operation) -> Access:
    """Writes need a signed-in user, reads are public (a User's need one); permissions name roles.

    The top role may always do what a permission allows another role: it is the most privileged.
    With roles, only the top role manages users.
    """
    allowed = [member(r) for r in spec.roles_for(entity.name, operation)]
    if entity.is_user and spec.roles:
        allowed = [member(spec.roles[0])]
    if allowed:
        top = member(spec.roles[0])
        members = [top] + [m for m in allowed if m != top]
        return Access(
            "roles", RoleGuard("require_" + "_or_".join(m.lower() for m in members), members)
        )
    if operation in (Operation.CREATE, Operation.UPDATE, Operation.DELETE) or entity.is_user:
        return Access("user")
    if entity.read != ReadAccess.PUBLIC.value:
        return Access("user")
    return Access("public")


def _entity_view(spec: ProjectSpec, entity: Entity, *, auth: bool) -> EntityView:
    is_user = auth and entity.name == "User"
    fields = [
        field_view(entity, f)
        for f in entity.fields
        if not (is_user and f.name in USER_MANAGED_FIELDS)
    ]
    fields, field_rules = apply_field_rules(spec, entity, fields)
    many_to_one: list[ManyToOneView] = []
    many_to_many: list[ManyToManyView] = []
    for r in spec.relations_from(entity.name):
        target = spec.entity(r.target)
        ref = EntityRef(
            target.name, _identifier(target.snake), target.plural, _model_name(target.name)
        )
        if r.kind is RelationKind.MANY_TO_ONE:
            is_owner = auth and not is_user and r.target == "User" and r.name == entity.owner
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
        read=entity.read.value if auth else ReadAccess.PUBLIC.value,
        field_rules=field_rules,
        unique_together=unique_together(spec, entity),
        soft_delete=any(
            r.kind is RuleKind.SOFT_DELETE and r.entity == entity.name for r in spec.rules
        ),
        transitions=transitions(
            spec, entity, fields, role_members={r: member(r) for r in spec.roles}
        ),
    )


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
