"""What the parser has gathered so far, before it becomes a `ProjectSpec`. No I/O.

Every reader (natural language, markdown lists, the seed template, OpenAPI) writes into one
`Draft`; `build.build` then settles it: field phrases become fields or relations once every
entity is known, defaults fill the gaps, and the result is validated as a spec.
Entities are keyed by snake_case singular name ("blog_post").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.spec import Constraint, Database, Field, Operation, RelationKind

# How a role was found, which decides where it sorts and whether "user" is added.
RoleSource = str  # "explicit" (a roles list), "only" ("only X can"), "mention", "actor"


@dataclass
class DraftEntity:
    key: str
    items: list[str | Field] = field(default_factory=list)  # field phrases, or typed fields
    path: str = ""
    id_param: str = ""
    operations: list[Operation] | None = None
    description: str = ""


@dataclass
class DraftRelation:
    kind: RelationKind
    source: str
    target: str
    name: str = ""
    required: bool = True


@dataclass
class DraftPermission:
    roles: list[str]
    actions: list[Operation]
    targets: list[str]  # entity keys; "*" means every entity but User


@dataclass
class DraftUpload:
    entity: str  # entity key; empty when the text did not say which entity
    field: str
    max_size_mb: int | None = None
    content_types: list[str] | None = None


@dataclass
class Draft:
    description: str = ""
    # read from an OpenAPI document: its schemas are the entities, and the words around it say
    # how they behave (`pipeline.contract`), never what else to store
    document: bool = False
    name: str = ""
    title: str = ""
    domain: str = ""
    app_words: list[str] = field(default_factory=list)  # "blog" in "a blog API"
    entities: dict[str, DraftEntity] = field(default_factory=dict)
    relations: list[DraftRelation] = field(default_factory=list)
    has_many: list[tuple[str, str]] = field(default_factory=list)  # (owner, owned)
    weak_links: list[tuple[str, str]] = field(default_factory=list)  # "comments on posts"
    shared: list[tuple[str, str]] = field(default_factory=list)  # "members book classes"
    many_both: list[tuple[str, str]] = field(
        default_factory=list
    )  # "a photo can be in many albums"
    made: list[tuple[str, str]] = field(default_factory=list)  # "authors write posts"
    # "a member reports a sighting", read from the grammar: linked to the maker, not owned
    authored: list[tuple[str, str]] = field(default_factory=list)
    auth: bool | None = None  # None: not said
    roles: list[tuple[str, RoleSource]] = field(default_factory=list)
    role_candidates: list[str] = field(default_factory=list)  # "attendees can buy tickets"
    permissions: list[DraftPermission] = field(default_factory=list)
    uploads: list[DraftUpload] = field(default_factory=list)
    database: Database | None = None
    constraints: list[Constraint] | None = None
    filtering: bool | None = None
    pagination: bool | None = None
    notes: list[str] = field(default_factory=list)
    # Sentences after a label's list ("Instruments: type, make. Every instrument belongs to one
    # customer."), cut from its fields by `adding.add_fields`: read as prose after the rest.
    after_lists: list[str] = field(default_factory=list)

    def entity(self, key: str) -> DraftEntity:
        """The entity with this key, added (at the end) when new."""
        if key not in self.entities:
            self.entities[key] = DraftEntity(key=key)
        return self.entities[key]

    def add_role(self, role: str, source: RoleSource) -> None:
        if role not in [r for r, _ in self.roles]:
            self.roles.append((role, source))
        elif source == "explicit":
            self.roles = [(r, "explicit" if r == role else s) for r, s in self.roles]

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)
