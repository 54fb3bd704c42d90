"""ProjectSpec: validation rules, derived names and the codebegen.yaml round trip."""

from __future__ import annotations

import pytest

from pipeline.errors import SpecError
from pipeline.spec import (
    AuthKind,
    Entity,
    Field,
    FieldType,
    Operation,
    ProjectSpec,
    Relation,
    RelationKind,
    spec_from_dict,
)


def blog_dict() -> dict:
    return {
        "name": "blog-api",
        "auth": "jwt",
        "roles": ["admin", "user"],
        "entities": [
            {
                "name": "Post",
                "fields": [
                    {"name": "title"},
                    {"name": "body", "type": "text"},
                    {"name": "image", "type": "file", "required": False},
                    {"name": "status", "type": "enum", "choices": ["draft", "published"]},
                ],
            },
            {"name": "Comment", "fields": [{"name": "body", "type": "text"}]},
            {"name": "Category", "path": "/cats", "fields": [{"name": "name", "unique": True}]},
        ],
        "relations": [
            {"kind": "many_to_one", "source": "Comment", "target": "Post"},
            {"kind": "many_to_many", "source": "Post", "target": "Category"},
        ],
        "permissions": [{"entity": "Post", "actions": ["delete"], "roles": ["admin"]}],
        "features": {"uploads": [{"entity": "Post", "field": "image"}]},
    }


def test_yaml_round_trip_is_lossless() -> None:
    spec = spec_from_dict(blog_dict())
    assert ProjectSpec.from_yaml(spec.to_yaml()) == spec


def test_yaml_leaves_out_defaults_and_derived_names() -> None:
    text = spec_from_dict(blog_dict()).to_yaml()
    assert "plural:" not in text and "id_param:" not in text and "required: true" not in text
    assert "path: /cats" in text  # not derivable, so kept


def test_jwt_auth_adds_a_user_entity_with_unique_email() -> None:
    spec = spec_from_dict(blog_dict())
    user = spec.entity("User")
    email = user.field("email")
    assert email is not None and email.unique and email.type is FieldType.EMAIL


def test_existing_user_entity_gets_an_email_field_when_missing() -> None:
    data = blog_dict()
    data["entities"].append({"name": "User", "fields": [{"name": "nickname"}]})
    user = spec_from_dict(data).entity("User")
    assert [f.name for f in user.fields] == ["email", "nickname"]


def test_derived_names_follow_the_entity_name() -> None:
    entity = Entity(name="OrderItem")
    assert (entity.plural, entity.path, entity.id_param) == (
        "order_items",
        "/order-items",
        "order_item_id",
    )


def test_relation_names_default_from_the_target() -> None:
    assert (
        Relation(kind=RelationKind.MANY_TO_ONE, source="Comment", target="BlogPost").fk_column
        == "blog_post_id"
    )
    assert (
        Relation(kind=RelationKind.MANY_TO_MANY, source="Post", target="Category").name
        == "categories"
    )


def test_default_role_is_the_least_privileged() -> None:
    assert spec_from_dict(blog_dict()).default_role == "user"


def test_roles_for_lists_the_roles_allowed() -> None:
    spec = spec_from_dict(blog_dict())
    assert spec.roles_for("Post", Operation.DELETE) == ["admin"]
    assert spec.roles_for("Post", Operation.CREATE) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["relations"].append(
                {"kind": "many_to_one", "source": "Comment", "target": "Ghost"}
            ),
            "unknown entity Ghost",
        ),
        (
            lambda d: d["permissions"].append(
                {"entity": "Post", "actions": ["create"], "roles": ["editor"]}
            ),
            "unknown roles: editor",
        ),
        (lambda d: d.update(auth="none"), "roles need auth"),
        (
            lambda d: d["features"]["uploads"].append({"entity": "Post", "field": "title"}),
            "type file",
        ),
        (
            lambda d: d["entities"][0]["fields"].append({"name": "title"}),
            "lists fields twice: title",
        ),
        (lambda d: d["entities"][0]["fields"].append({"name": "id"}), "reserved"),
        (lambda d: d["entities"][0]["fields"].append({"name": "Bad Name"}), "snake_case"),
        (
            lambda d: d["entities"][0]["fields"].append({"name": "kind", "type": "enum"}),
            "needs choices",
        ),
        (lambda d: d["entities"].append({"name": "post"}), "PascalCase"),
        (
            lambda d: d["relations"].append(
                {"kind": "many_to_one", "source": "Post", "target": "Category", "name": "title"}
            ),
            "clashes",
        ),
    ],
)
def test_invalid_specs_raise_a_readable_spec_error(change, message) -> None:  # type: ignore[no-untyped-def]
    data = blog_dict()
    change(data)
    with pytest.raises(SpecError) as info:
        spec_from_dict(data)
    assert message in str(info.value)
    assert "Traceback" not in str(info.value)


@pytest.mark.parametrize(
    "text",
    ["name: [unclosed", "- just\n- a list\n", "42"],
)
def test_bad_yaml_is_a_spec_error(text: str) -> None:
    with pytest.raises(SpecError):
        ProjectSpec.from_yaml(text)


def test_enum_default_must_be_a_choice() -> None:
    with pytest.raises(ValueError, match="not a choice"):
        Field(name="status", type=FieldType.ENUM, choices=["a"], default="b")


def test_auth_none_has_no_user_entity() -> None:
    spec = ProjectSpec(name="todo", entities=[Entity(name="Task", fields=[Field(name="title")])])
    assert spec.auth is AuthKind.NONE and [e.name for e in spec.entities] == ["Task"]
    assert spec.title == "Todo"


def test_a_spec_needs_an_entity() -> None:
    with pytest.raises(SpecError, match="at least one entity"):
        spec_from_dict({"name": "empty", "entities": []})


def test_yaml_round_trip_with_a_relation_whose_default_name_is_a_keyword() -> None:
    spec = spec_from_dict(
        {
            "name": "gym",
            "entities": [{"name": "Class"}, {"name": "Booking"}],
            "relations": [
                {"kind": "many_to_one", "source": "Booking", "target": "Class", "name": "session"}
            ],
        }
    )
    assert ProjectSpec.from_yaml(spec.to_yaml()) == spec
