"""pipeline/trace.py: each sentence -> what the spec holds -> the generated test that checks it."""

from __future__ import annotations

from pipeline.parse.account import SentenceAccount, SentenceStatus
from pipeline.trace import checks_for, not_built, trace

FILES = {
    "tests/test_orders.py": (
        "def test_create_order(client):\n    pass\n\n"
        "def test_list_orders_filters_by_customer(client):\n    pass\n\n"
        "def test_create_order_with_a_total_out_of_range_is_422(client):\n    pass\n"
    ),
    "tests/test_products.py": (
        "def test_create_product(client):\n    pass\n\n"
        "def test_create_product_requires_role(client):\n    pass\n"
    ),
    "tests/test_auth.py": "def test_register_creates_a_user(client):\n    pass\n",
    "app/models/order.py": "def test_create_order():\n    pass\n",  # not a test file
}


def _index() -> dict[str, list[str]]:
    from pipeline.trace import _test_index

    return _test_index(FILES)


def test_an_entity_is_checked_by_its_create_test():
    assert checks_for("entity Order", _index()) == ["tests/test_orders.py::test_create_order"]


def test_a_relation_is_checked_by_the_test_that_names_its_target():
    assert checks_for("relation Order -> Customer", _index()) == [
        "tests/test_orders.py::test_list_orders_filters_by_customer"
    ]


def test_a_rule_is_checked_by_the_test_named_for_its_field_and_kind():
    assert checks_for("rule range Order.total 0..10000", _index()) == [
        "tests/test_orders.py::test_create_order_with_a_total_out_of_range_is_422"
    ]


def test_a_permission_is_checked_by_the_role_test_of_its_entity():
    assert checks_for("permission only admin: create Product", _index()) == [
        "tests/test_products.py::test_create_product_requires_role"
    ]


def test_an_item_of_an_entity_without_tests_has_none():
    assert checks_for("entity Invoice", _index()) == []
    assert checks_for("something else entirely", _index()) == []


def test_trace_keeps_every_sentence_in_order_with_its_reason():
    sentences = [
        SentenceAccount("Orders have a total.", SentenceStatus.USED, ["entity Order"]),
        SentenceAccount("Send an SMS when shipped.", SentenceStatus.NOT_SUPPORTED, [], "SMS"),
        SentenceAccount("Blorp the flibber.", SentenceStatus.NOT_UNDERSTOOD, [], "not understood"),
    ]
    rows = trace(sentences, FILES)
    assert [r.sentence for r in rows] == [s.text for s in sentences]
    assert rows[0].tests == ["tests/test_orders.py::test_create_order"]
    assert (rows[1].tests, rows[1].reason) == ([], "SMS")
    assert not_built(sentences, ["rule computed Order.total"]) == [
        "Send an SMS when shipped. — SMS",
        "Blorp the flibber. — not understood",
        "rule computed Order.total",
    ]


def test_a_rule_the_renderer_does_not_build_is_listed_as_not_built_once():
    from pipeline.generate import NOT_BUILT, generate_project

    text = (
        "An IoT API: devices (name, location) send readings (value, taken at). "
        "Devices send readings with their API key. Users log in."
    )
    result = generate_project(text, validate=False)
    unbuilt = [item for item in result.not_built() if item.startswith("api_key rule on Reading")]
    assert len(unbuilt) == 1
    assert sum(n.startswith(NOT_BUILT) for n in result.notes) == 1


def test_an_endpoint_a_sentence_asks_for_is_checked_by_its_plainest_test():
    files = {
        "tests/test_kites.py": (
            "def test_update_kite_changes_only_the_given_fields(client):\n    pass\n\n"
            "def test_update_kite_requires_role(client):\n    pass\n\n"
            "def test_list_kites_is_paginated(client):\n    pass\n"
        )
    }
    from pipeline.trace import _test_index

    assert checks_for("operations update, list Kite", _test_index(files)) == [
        "tests/test_kites.py::test_update_kite_changes_only_the_given_fields",
        "tests/test_kites.py::test_list_kites_is_paginated",
    ]


def test_a_rule_not_built_and_a_sentence_that_gave_nothing_are_listed_with_their_reason():
    sentences = [
        SentenceAccount(
            "Members can cancel until noon.",
            SentenceStatus.NOT_BUILT,
            ["permission only member: delete Booking"],
            "not built: a time limit (“until noon”)",
        ),
        SentenceAccount(
            "Members adore bookings.",
            SentenceStatus.NOT_UNDERSTOOD,
            [],
            "not understood: it names Member and Booking, but nothing was built from it",
            ["Member", "Booking"],
        ),
    ]
    assert not_built(sentences) == [
        "Members can cancel until noon. — not built: a time limit (“until noon”)",
        "Members adore bookings. — not understood: it names Member and Booking, but nothing was "
        "built from it",
    ]
