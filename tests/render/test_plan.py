"""The file plan and the view the templates see: names, owners, access, types. No I/O."""

from __future__ import annotations

from pipeline.normalize import normalize
from pipeline.plan import build_view, plan_project, with_article
from pipeline.spec import spec_from_dict
from tests.render import specs


def test_every_entity_gets_its_five_modules_and_a_test_file() -> None:
    paths = [f.path for f in plan_project(specs.shop())]
    for module in ("models/order.py", "schemas/order.py", "repositories/order.py",
                   "services/order.py", "routers/orders.py"):  # fmt: skip
        assert f"app/{module}" in paths
    assert "tests/test_orders.py" in paths
    assert len(paths) == len(set(paths))


def test_an_author_relation_to_user_makes_the_entity_owned() -> None:
    view = build_view(normalize(specs.blog())[0])
    post = view.entity("Post")
    assert post.owner is not None and post.owner.fk == "author_id"
    assert [r.fk for r in post.input_relations] == []
    assert view.entity("Tag").owner is not None  # normalised: every created entity has one


def test_the_view_owns_only_what_the_spec_names_as_owner() -> None:
    view = build_view(specs.blog())  # not normalised: no `owner:` in the spec
    assert view.entity("Post").owner is None


def test_without_auth_a_user_relation_is_an_ordinary_foreign_key() -> None:
    spec = spec_from_dict(
        {
            "name": "x",
            "entities": [{"name": "User", "fields": [{"name": "nick"}]}, {"name": "Note"}],
            "relations": [
                {"kind": "many_to_one", "source": "Note", "target": "User", "name": "owner"}
            ],
        }
    )
    note = build_view(spec).entity("Note")
    assert note.owner is None and [r.fk for r in note.input_relations] == ["owner_id"]


def test_access_follows_permissions_and_the_top_role_is_always_allowed() -> None:
    view = build_view(specs.blog())
    post, tag, user = view.entity("Post"), view.entity("Tag"), view.entity("User")
    assert post.access["create"].guard is not None
    assert post.access["create"].guard.members == ["ADMIN", "EDITOR"]
    assert post.access["update"].kind == "user" and post.access["read"].kind == "public"
    assert tag.access["delete"].guard is not None and tag.access["delete"].guard.members == [
        "ADMIN"
    ]
    assert all(user.access[op].kind == "roles" for op in ("list", "read", "update", "delete"))
    assert post.denies_default_role("create") and not post.denies_default_role("update")


def test_many_to_many_gets_an_association_table_and_ids_field() -> None:
    ((entity, relation),) = build_view(specs.blog()).many_to_many
    assert (entity.name, relation.table, relation.ids_field) == ("Post", "post_tags", "tag_ids")
    assert (relation.source_column, relation.target_column) == ("post_id", "tag_id")


def test_a_required_reference_to_the_same_table_becomes_optional() -> None:
    spec = spec_from_dict(
        {
            "name": "x",
            "entities": [{"name": "Category"}],
            "relations": [
                {
                    "kind": "many_to_one",
                    "source": "Category",
                    "target": "Category",
                    "name": "parent",
                }
            ],
        }
    )
    (parent,) = build_view(spec).entity("Category").many_to_one
    assert not parent.required


def test_children_are_known_to_their_parent() -> None:
    view = build_view(specs.blog())
    assert [(c.entity.name, c.fk) for c in view.entity("Post").children] == [("Comment", "post_id")]


def test_field_types_map_to_python_sql_and_pydantic() -> None:
    product = build_view(specs.shop()).entity("Product")
    fields = {f.name: f for f in product.fields}
    assert (fields["price"].python_type, fields["price"].column_type) == (
        "Decimal",
        "Numeric(12, 2)",
    )
    assert fields["price"].constraints == "max_digits=12, decimal_places=2"
    assert fields["homepage"].schema_type == "HttpUrlString"
    assert fields["stock"].default == "0" and fields["stock"].required  # NOT NULL, defaulted
    assert fields["sku"].max_length == 32 and fields["sku"].unique


def test_enum_members_are_identifiers() -> None:
    order = build_view(specs.shop()).entity("Order")
    (status,) = order.enums
    assert status.name == "OrderStatus"
    assert ("IN_TRANSIT", "in transit") in status.members


def test_creation_order_puts_parents_first() -> None:
    order = [e.name for e in build_view(specs.shop()).creation_order()]
    assert order.index("Customer") < order.index("Order")


def test_articles() -> None:
    assert [with_article(w) for w in ("post", "order", "user", "hour")] == [
        "a post", "an order", "a user", "a hour"
    ]  # fmt: skip


def test_a_cycle_of_tables_is_broken_at_the_reference_that_closes_it() -> None:
    view = build_view(specs.edges())
    (team,) = view.entity("User").many_to_one
    (captain,) = view.entity("Team").many_to_one
    assert team.constrained and not team.required  # a user's references are optional
    assert not captain.constrained and not captain.required
    order = [e.name for e in view.creation_order()]
    assert order.index("Team") < order.index("User")
