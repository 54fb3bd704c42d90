"""Business rules in the plan: what each becomes in the generated code, and what is not built."""

from __future__ import annotations

from pipeline.plan.rules import pattern_example, unbuilt_rules
from pipeline.render import render_project
from pipeline.spec import ProjectSpec
from tests.render import specs


def _with_rules(rules: str) -> ProjectSpec:
    return ProjectSpec.from_yaml(f"""
name: rules
entities:
  - name: Order
    fields: [{{name: title}}, {{name: total, type: decimal, required: false}}]
  - name: OrderItem
    fields: [{{name: quantity, type: integer}}, {{name: unit_price, type: decimal}}]
relations: [{{kind: many_to_one, source: OrderItem, target: Order}}]
rules:
{rules}
""")


def test_every_rule_of_the_rules_shop_is_built() -> None:
    assert unbuilt_rules(specs.shop_rules()) == []


def test_an_api_key_rule_is_named_as_not_built() -> None:
    spec = _with_rules(
        "  - {kind: api_key, entity: OrderItem, by: Order, source: devices send readings}"
    )
    assert unbuilt_rules(spec) == [
        'api_key rule on OrderItem ("devices send readings"): codebegen does not build this'
        " kind of rule yet"
    ]


def test_a_computed_total_over_line_items_is_built() -> None:
    spec = _with_rules(
        "  - {kind: computed, entity: Order, field: total,"
        " expression: 'sum(items.quantity * items.unit_price)'}"
    )
    assert unbuilt_rules(spec) == []
    assert unbuilt_rules(specs.computed_orders()) == []


def test_a_computed_expression_it_cannot_read_is_named_as_not_built() -> None:
    spec = _with_rules(
        "  - {kind: computed, entity: Order, field: total, expression: 'max(items.quantity)'}"
    )
    assert unbuilt_rules(spec) == [
        "computed rule on Order.total: only sum(children.a) or sum(children.a * children.b)"
        " is built"
    ]


def test_a_range_on_text_is_named_as_not_built() -> None:
    spec = _with_rules("  - {kind: range, entity: Order, field: title, min: 1, max: 5}")
    assert unbuilt_rules(spec) == [
        "range rule on Order.title: a range needs a number, and title is string"
    ]


def test_a_rule_on_a_missing_field_is_named_as_not_built() -> None:
    spec = _with_rules("  - {kind: not_blank, entity: Order, field: nope}")
    assert unbuilt_rules(spec) == ["not_blank rule on Order.nope: Order has no field 'nope'"]


def test_field_rules_become_pydantic_constraints() -> None:
    schemas = render_project(specs.shop_rules())
    review, product = schemas["app/schemas/review.py"], schemas["app/schemas/product.py"]
    assert "rating: int = Field(ge=1, le=5)" in review
    assert "comment: str = Field(min_length=3, max_length=500)" in review
    assert 'pattern="^(?:[A-Z]{3}-[0-9]{3})$"' in product
    assert 'pattern=r"\\S"' in product


def test_a_pattern_example_matches_the_pattern() -> None:
    assert pattern_example("^[A-Z]{3}-[0-9]{3}$") == "AAA-000"
    assert pattern_example(r"^\d+(\.\d+)?$") == "0"
    assert pattern_example(r"(?=x)x") is None


def test_a_transition_becomes_a_table_of_moves_with_roles() -> None:
    service = render_project(specs.shop_rules())["app/services/order.py"]
    assert "(OrderStatus.PAID, OrderStatus.SHIPPED): [Role.ADMIN]" in service
    assert "(OrderStatus.PLACED, OrderStatus.PAID): []" in service


def test_soft_delete_is_built_and_a_computed_text_is_not() -> None:
    assert unbuilt_rules(specs.soft_tasks()) == [
        "computed rule on Project.name: Project.name must be a number field"
    ]
