"""`pipeline.normalize`: owners and roles without escalation, for specs from any input path."""

from __future__ import annotations

from pipeline.normalize import normalize
from pipeline.spec import ProjectSpec


def _spec(text: str) -> ProjectSpec:
    return ProjectSpec.from_yaml(text)


IOT = """
name: iot
auth: jwt
roles: [operator]
entities: [{name: Device, fields: [{name: name}]}]
"""


def test_a_single_role_is_privileged_and_sign_ups_get_a_plain_role() -> None:
    spec, notes = normalize(_spec(IOT))
    assert spec.roles == ["operator", "user"]
    assert spec.default_role == "user"
    assert any("Only one role was named (operator)" in n for n in notes)


def test_a_default_role_equal_to_the_top_role_is_replaced() -> None:
    text = IOT.replace("roles: [operator]", "roles: [admin, member]\ndefault_role: admin")
    spec, notes = normalize(_spec(text))
    assert spec.default_role == "member"
    assert any("never yields the most privileged role" in n for n in notes)


def test_written_content_gets_an_author_and_other_things_an_owner() -> None:
    spec, _ = normalize(_spec("""
name: blog
auth: jwt
entities: [{name: Post, fields: [{name: title}]}, {name: Tag, fields: [{name: name}]}]
"""))
    assert (spec.entity("Post").owner, spec.entity("Tag").owner) == ("author", "owner")
    assert {(r.source, r.name, r.target) for r in spec.relations} == {
        ("Post", "author", "User"),
        ("Tag", "owner", "User"),
    }


def test_an_existing_relation_named_like_an_owner_becomes_the_owner() -> None:
    spec, notes = normalize(_spec("""
name: shop
auth: jwt
entities: [{name: Order, fields: [{name: note}]}]
relations: [{kind: many_to_one, source: Order, target: User, name: customer}]
"""))
    assert spec.entity("Order").owner == "customer"
    assert len(spec.relations) == 1
    assert notes == [
        "Order.customer records who created it: set from the sign-in, never from the body."
    ]


def test_an_assignee_is_not_taken_for_the_owner() -> None:
    spec, _ = normalize(_spec("""
name: tickets
auth: jwt
entities: [{name: Ticket, fields: [{name: title}]}]
relations: [{kind: many_to_one, source: Ticket, target: User, name: assignee}]
"""))
    assert spec.entity("Ticket").owner == "owner"


def test_normalising_twice_changes_nothing_more() -> None:
    once, _ = normalize(_spec(IOT))
    twice, notes = normalize(once)
    assert twice == once and notes == []


def test_a_spec_without_auth_is_left_alone() -> None:
    spec = _spec("name: todo\nentities: [{name: Task, fields: [{name: title}]}]\n")
    assert normalize(spec) == (spec, [])


def test_generation_notes_say_what_was_normalised_and_what_is_not_built() -> None:
    from pipeline.generate import generate_project

    text = "```yaml\n" + IOT + "rules:\n  - {kind: api_key, entity: Device, by: Device}\n```\n"
    result = generate_project(text, validate=False)
    assert any(n.startswith("Only one role was named (operator)") for n in result.notes)
    assert "Not built: api_key rule on Device: codebegen does not build this kind of rule yet" in (
        result.notes
    )
    assert ProjectSpec.from_yaml(result.files["codebegen.yaml"]).roles == ["operator", "user"]
