"""A body-less POST below an item whose same path's DELETE undoes it is the caller joining the
record, whatever its verb ("POST|DELETE /shifts/{id}/signup", "/tours/{id}/booking"); a count
the client never sends named for what is still free ("spots_left") is its capacity less the
joins; "GET /me/<records>" whose words say the caller did that verb lists the records joined.
Own documents, expected plans first. Pure: documents in, plans out."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.contract import plan_operations

SECURE = [{"bearer": []}]


def _doc(collection: str, verb: str, item: dict[str, Any], *, undo: bool = True) -> dict[str, Any]:
    made = {"type": "object", "properties": item}
    sent = {k: v for k, v in item.items() if not v.get("readOnly")}
    answer = {"content": {"application/json": {"schema": made}}}
    paths: dict[str, Any] = {
        f"/{collection}": {
            "post": {
                "security": SECURE,
                "requestBody": {
                    "content": {
                        "application/json": {"schema": {"type": "object", "properties": sent}}
                    }
                },
                "responses": {"201": {"description": "made", **answer}},
            }
        },
        f"/{collection}/{{id}}": {"get": {"responses": {"200": {"description": "one", **answer}}}},
        f"/{collection}/{{id}}/{verb}": {
            "post": {"security": SECURE, "responses": {"201": {"description": "in"}, "409": {}}}
        },
    }
    if undo:
        paths[f"/{collection}/{{id}}/{verb}"]["delete"] = {
            "security": SECURE,
            "responses": {"204": {"description": "out"}, "404": {}},
        }
    return {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1"},
        "paths": paths,
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
    }


INT = {"type": "integer"}
LEFT = {"type": "integer", "readOnly": True}

# (collection, verb, item properties, expected "left" of the join's plan)
CASES = [
    (
        "shifts",
        "signup",
        {"title": {"type": "string"}, "capacity": INT, "spots_left": LEFT},
        {"spots_left": "capacity"},
    ),
    (
        "tours",
        "booking",
        {"name": {"type": "string"}, "capacity": INT, "placesRemaining": LEFT},
        {"placesRemaining": "capacity"},
    ),
    (
        "classes",
        "register",
        {"topic": {"type": "string"}, "capacity": INT, "free_seats": LEFT},
        {"free_seats": "capacity"},
    ),
    ("matches", "checkin", {"venue": {"type": "string"}}, None),
    ("talks", "bookmark", {"title": {"type": "string"}, "capacity": INT}, {"": "capacity"}),
]


@pytest.mark.parametrize(("collection", "verb", "item", "left"), CASES)
def test_a_post_its_delete_undoes_is_a_join_whatever_the_verb(
    collection: str, verb: str, item: dict[str, Any], left: dict[str, str] | None
) -> None:
    plans = plan_operations(_doc(collection, verb, item))
    join = plans[f"POST /{collection}/{{id}}/{verb}"]
    assert (join["pattern"], join["field"]) == ("join", "+" + verb)
    assert plans[f"DELETE /{collection}/{{id}}/{verb}"]["pattern"] == "leave"
    named = {k: v for k, v in (left or {}).items() if k}
    assert join.get("left") == (named or None)
    assert plans[f"GET /{collection}/{{id}}"].get("placed") == (["+" + verb] if named else None)


def test_an_unknown_verb_nothing_undoes_is_no_join() -> None:
    plans = plan_operations(_doc("tasks", "archive", {"title": {"type": "string"}}, undo=False))
    assert plans.get("POST /tasks/{id}/archive", {}).get("pattern") != "join"


@pytest.mark.parametrize(
    ("verb", "said", "joined"),
    [
        ("signup", "The shifts I signed up for", True),
        ("signup", "Shifts you have signed up for, soonest first", True),
        ("checkin", "Gyms the caller checked in at", True),
        ("booking", "Tours I am booking", True),
        ("signup", "The shifts I created", False),
    ],
)
def test_my_records_are_those_i_joined_where_the_words_say_the_verb(
    verb: str, said: str, joined: bool
) -> None:
    doc = _doc("things", verb, {"title": {"type": "string"}})
    array = {"type": "array", "items": {"type": "object", "properties": {"title": {}}}}
    doc["paths"]["/me/things"] = {
        "get": {
            "security": SECURE,
            "responses": {
                "200": {"description": said, "content": {"application/json": {"schema": array}}}
            },
        }
    }
    plan = plan_operations(doc)["GET /me/things"]
    assert plan["pattern"] == "owned_list"
    assert plan.get("joined") == ("+" + verb if joined else None)
