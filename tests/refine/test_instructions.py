"""Instructions → spec changes, by rules alone: tables of phrasings people write."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pipeline.refine import apply_instructions
from pipeline.spec import FieldType, Operation, ProjectSpec, RelationKind, spec_from_dict

BASE = {
    "name": "blog-api",
    "auth": "jwt",
    "roles": ["admin", "user"],
    "entities": [
        {
            "name": "Post",
            "fields": [
                {"name": "title"},
                {"name": "body", "type": "text"},
                {"name": "views", "type": "integer"},
            ],
        },
        {"name": "Comment", "fields": [{"name": "body", "type": "text"}]},
        {
            "name": "Order",
            "fields": [
                {"name": "status", "type": "enum", "choices": ["new", "paid"], "default": "new"},
                {"name": "total", "type": "decimal"},
            ],
        },
    ],
    "relations": [{"kind": "many_to_one", "source": "Comment", "target": "Post"}],
    "permissions": [{"entity": "Post", "actions": ["delete"], "roles": ["admin"]}],
}
SPEC = spec_from_dict(BASE)
M2M, M2O = RelationKind.MANY_TO_MANY, RelationKind.MANY_TO_ONE


def names(spec: ProjectSpec) -> list[str]:
    return [e.name for e in spec.entities]


def field(spec: ProjectSpec, entity: str, name: str):  # type: ignore[no-untyped-def]
    return spec.entity(entity).field(name)


def relation(spec: ProjectSpec, source: str, target: str, kind: RelationKind) -> bool:
    return any((r.source, r.target, r.kind) == (source, target, kind) for r in spec.relations)


Check = Callable[[ProjectSpec], bool]

TABLE: list[tuple[str, Check]] = [
    # entities
    ("add a Tag entity with a unique name", lambda s: field(s, "Tag", "name").unique),
    ("add tags", lambda s: "Tag" in names(s) and field(s, "Tag", "name") is not None),
    (
        "add an entity called Category with a unique name and a description",
        lambda s: field(s, "Category", "description").type is FieldType.TEXT,
    ),
    (
        "create a Review model with a rating (integer) and a post",
        lambda s: field(s, "Review", "rating").type is FieldType.INTEGER
        and relation(s, "Review", "Post", M2O),
    ),
    ("remove comments", lambda s: "Comment" not in names(s) and not s.relations_to("Post")),
    ("delete the Comment entity", lambda s: "Comment" not in names(s)),
    (
        "rename Post to Article",
        lambda s: "Article" in names(s)
        and s.entity("Article").path == "/articles"
        and relation(s, "Comment", "Article", M2O)
        and s.permissions[0].entity == "Article",
    ),
    # fields
    ("add a published flag to posts", lambda s: field(s, "Post", "published").default is False),
    (
        "add a unique slug and a subtitle to posts",
        lambda s: field(s, "Post", "slug").unique and field(s, "Post", "subtitle") is not None,
    ),
    ("give posts a published flag", lambda s: field(s, "Post", "published") is not None),
    ("posts should have a published flag", lambda s: field(s, "Post", "published") is not None),
    ("remove the views field from posts", lambda s: field(s, "Post", "views") is None),
    ("remove posts.views", lambda s: field(s, "Post", "views") is None),
    ("drop views from posts", lambda s: field(s, "Post", "views") is None),
    ("rename title to headline on posts", lambda s: field(s, "Post", "headline") is not None),
    ("rename posts.title to headline", lambda s: field(s, "Post", "title") is None),
    ("rename the title of posts to headline", lambda s: field(s, "Post", "headline") is not None),
    ("make title unique on posts", lambda s: field(s, "Post", "title").unique),
    ("make the title of posts unique", lambda s: field(s, "Post", "title").unique),
    ("posts.title should be unique", lambda s: field(s, "Post", "title").unique),
    ("posts.title should be optional", lambda s: not field(s, "Post", "title").required),
    ("make title optional on posts", lambda s: not field(s, "Post", "title").required),
    ("views of posts should be a float", lambda s: field(s, "Post", "views").type.value == "float"),
    (
        "change the type of views on posts to decimal",
        lambda s: field(s, "Post", "views").type is FieldType.DECIMAL,
    ),
    ("change posts.views to text", lambda s: field(s, "Post", "views").type is FieldType.TEXT),
    ("views on posts defaults to 0", lambda s: field(s, "Post", "views").default == 0),
    ("set the default of views on posts to 10", lambda s: field(s, "Post", "views").default == 10),
    (
        "status of orders is one of new, paid, shipped",
        lambda s: field(s, "Order", "status").choices == ["new", "paid", "shipped"],
    ),
    (
        "orders.status can be new, paid or shipped",
        lambda s: field(s, "Order", "status").choices == ["new", "paid", "shipped"],
    ),
    (
        "status of posts is one of draft, published",
        lambda s: field(s, "Post", "status").type is FieldType.ENUM
        and field(s, "Post", "status").default == "draft",
    ),
    # relations
    ("posts and comments are many to many", lambda s: relation(s, "Post", "Comment", M2M)),
    ("a comment belongs to a user", lambda s: relation(s, "Comment", "User", M2O)),
    ("comments belong to users", lambda s: relation(s, "Comment", "User", M2O)),
    ("remove the relation between comments and posts", lambda s: not s.relations),
    ("comments no longer belong to posts", lambda s: not s.relations),
    (
        "add a Tag entity with a unique name, and posts have many tags",
        lambda s: relation(s, "Post", "Tag", M2M),
    ),
    # auth and roles
    ("turn off auth", lambda s: s.auth.value == "none" and not s.roles and not s.permissions),
    ("add an editor role", lambda s: s.roles == ["admin", "editor", "user"]),
    ("add roles editor and viewer", lambda s: s.roles == ["admin", "editor", "viewer", "user"]),
    ("remove the user role", lambda s: s.roles == ["admin"]),
    (
        "only admins and editors can create, update and delete comments",
        lambda s: s.roles_for("Comment", Operation.UPDATE) == ["admin", "editor"]
        and s.roles_for("Comment", Operation.DELETE) == ["admin", "editor"],
    ),
    (
        "comments can only be deleted by moderators",
        lambda s: s.roles_for("Comment", Operation.DELETE) == ["moderator"],
    ),
    ("anyone can delete posts", lambda s: s.roles_for("Post", Operation.DELETE) == []),
    (
        "only admins can create posts and delete comments",
        lambda s: s.roles_for("Post", Operation.CREATE) == ["admin"]
        and s.roles_for("Comment", Operation.DELETE) == ["admin"]
        and "Comment" in names(s),
    ),
    # features
    ("turn off pagination", lambda s: not s.features.pagination),
    ("disable pagination", lambda s: not s.features.pagination),
    ("add filtering", lambda s: s.features.filtering),
    ("enable filtering", lambda s: s.features.filtering),
    (
        "posts can have an image upload",
        lambda s: field(s, "Post", "image").type is FieldType.FILE
        and [(u.entity, u.field) for u in s.features.uploads] == [("Post", "image")],
    ),
    ("add an image upload to posts", lambda s: s.features.uploads[0].field == "image"),
    ("users can upload an avatar", lambda s: s.features.uploads[0].entity == "User"),
    ("use sqlite", lambda s: s.database.value == "sqlite"),
    # several in one comment
    (
        "use sqlite. Add a published flag to posts",
        lambda s: s.database.value == "sqlite" and field(s, "Post", "published") is not None,
    ),
    (
        "- add a published flag to posts\n- make title unique on posts",
        lambda s: field(s, "Post", "published") is not None and field(s, "Post", "title").unique,
    ),
    (
        "add a published flag to posts and make title unique on posts",
        lambda s: field(s, "Post", "published") is not None and field(s, "Post", "title").unique,
    ),
    (
        "add a Tag entity with a name and a color",
        lambda s: [f.name for f in s.entity("Tag").fields] == ["name", "color"],
    ),
]


@pytest.mark.parametrize(("text", "check"), TABLE, ids=[t for t, _ in TABLE])
def test_instruction_changes_the_spec(text: str, check: Check) -> None:
    result = apply_instructions(SPEC, text)
    assert result.errors == []
    assert result.changes
    assert check(result.spec)


def test_the_original_spec_is_not_modified() -> None:
    before = SPEC.model_copy(deep=True)
    apply_instructions(SPEC, "remove comments and rename Post to Article")
    assert SPEC == before


def test_turning_on_auth_adds_the_user_entity() -> None:
    spec = spec_from_dict({**BASE, "auth": "none", "roles": [], "permissions": []})
    result = apply_instructions(spec, "turn on auth")
    assert result.spec.auth.value == "jwt" and "User" in names(result.spec)


def test_a_permission_on_a_spec_without_roles_adds_roles_and_auth() -> None:
    spec = spec_from_dict({**BASE, "auth": "none", "roles": [], "permissions": []})
    result = apply_instructions(spec, "only admins can delete posts")
    assert result.spec.auth.value == "jwt"
    assert result.spec.roles == ["admin", "user"]  # new users must not become admins
    assert result.spec.roles_for("Post", Operation.DELETE) == ["admin"]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("make the stars shine", "did not understand"),
        ("remove unicorns", "no entity called 'unicorns'"),
        ("use mysql", "mysql is not supported"),
        ("turn on auth", "on already"),
        ("add a field to posts", "too vague"),
        ("rename Post to Comment", "already is a Comment"),
        ("remove the user entity", "needed for login"),
        ("views on posts defaults to lots", "not a default"),
        ("only admins can create", "could not tell"),
        ("make posts.image a file", "no field 'image'"),
    ],
)
def test_an_instruction_it_cannot_apply_is_an_error_that_says_why(text: str, says: str) -> None:
    result = apply_instructions(SPEC, text)
    assert result.changes == [] and result.spec == SPEC
    assert says in result.errors[0]
    assert result.errors[-1].startswith("I can apply instructions like these")  # what it CAN do


def test_a_comment_with_one_bad_instruction_applies_none_and_asks() -> None:
    result = apply_instructions(SPEC, "add a published flag to posts. Make the stars shine.")
    assert result.changes == [] and result.spec == SPEC
    assert len(result.errors) == 2 and "make the stars shine" in result.errors[0]


def test_have_many_makes_the_missing_entity() -> None:
    result = apply_instructions(SPEC, "posts have many tags")
    assert "Tag" in names(result.spec)
    assert any(
        r.kind is RelationKind.MANY_TO_MANY and {r.source, r.target} == {"Post", "Tag"}
        for r in result.spec.relations
    )


def test_an_instruction_that_would_break_the_spec_is_refused_whole() -> None:
    # a relation named like an existing field clashes: nothing of the comment is kept
    tag = {"name": "Tag", "fields": [{"name": "post"}]}
    spec = spec_from_dict({**BASE, "entities": [*BASE["entities"], tag]})
    result = apply_instructions(spec, "add a color to tags and tags belong to a post")
    assert any("invalid" in e for e in result.errors)
    assert result.spec == spec


def test_an_empty_comment_is_an_error() -> None:
    result = apply_instructions(SPEC, "  \n ")
    assert result.errors[0] == "There was no instruction in the comment."
