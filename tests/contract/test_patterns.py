"""Which pattern implements each operation of a document (`plan_operations`), and which are
left as 501 stubs. Pure: documents in, plans out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from pipeline.contract import plan_operations

DOCUMENTS = Path(__file__).resolve().parent / "documents"


def _plans(name: str) -> dict[str, dict[str, Any]]:
    return plan_operations(yaml.safe_load((DOCUMENTS / name).read_text(encoding="utf-8")))


def _doc(paths: dict[str, Any]) -> dict[str, Any]:
    return {"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": paths}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


OBJECT = {"type": "object", "properties": {"name": {"type": "string"}}}
CREATE = {
    "requestBody": _json(OBJECT),
    "responses": {"201": {"description": "ok", **_json(OBJECT)}},
}
LIST = {"responses": {"200": {"description": "ok", **_json({"type": "array", "items": OBJECT})}}}


def test_collection_operations_get_their_crud_patterns() -> None:
    plans = _plans("tasks.yaml")
    assert {key: plan["pattern"] for key, plan in plans.items()} == {
        "POST /auth/register": "register",
        "POST /auth/login": "login",
        "GET /tasks": "list",
        "POST /tasks": "create",
        "GET /tasks/{taskId}": "read",
        "PATCH /tasks/{taskId}": "update",
        "DELETE /tasks/{taskId}": "delete",
        "GET /tasks/{taskId}/card": "view",
    }
    assert plans["GET /tasks/{taskId}"]["id_param"] == "taskId"
    assert plans["GET /tasks/{taskId}"]["id_type"] == "integer"


def test_an_operation_that_fits_no_pattern_has_no_plan() -> None:
    doc = _doc({"/things": {"post": CREATE, "get": LIST}, "/things/{id}/archive": {"post": {}}})
    plans = plan_operations(doc)
    assert "POST /things/{id}/archive" not in plans and "POST /things" in plans


def test_a_list_without_a_way_to_create_records_is_not_built() -> None:
    assert plan_operations(_doc({"/reports": {"get": LIST}})) == {}


def test_a_search_below_a_collection_lists_it() -> None:
    doc = _doc({"/things": {"post": CREATE}, "/things/search": {"get": LIST}})
    assert plan_operations(doc)["GET /things/search"] == {
        "pattern": "list",
        "collection": "/things",
        "parents": [],
    }


def test_a_nested_collection_is_scoped_by_its_parent() -> None:
    doc = _doc(
        {
            "/posts": {"post": CREATE},
            "/posts/{postId}/comments": {
                "parameters": [{"name": "postId", "in": "path", "schema": {"type": "integer"}}],
                "post": CREATE,
            },
        }
    )
    plan = plan_operations(doc)["POST /posts/{postId}/comments"]
    assert plan["collection"] == "/posts/{}/comments" and plan["parents"] == ["postId"]
    assert plan["parent"] == {"collection": "/posts", "id_type": "integer"}


def test_a_login_needs_a_password_in_its_body() -> None:
    password = {"type": "object", "properties": {"username": {}, "password": {}}}
    doc = _doc({"/login": {"post": {"requestBody": _json(password)}}, "/token": {"post": {}}})
    assert plan_operations(doc) == {"POST /login": {"pattern": "login"}}


def test_keys_one_of_a_kind_resources_and_a_named_sort_are_read() -> None:
    plans = _plans("kitchen.yaml")
    assert plans["POST /keys"] == {"pattern": "issue_key"}
    assert [plans[f"{m} /me/note"]["pattern"] for m in ("GET", "PUT", "DELETE")] == [
        "single_read",
        "single_write",
        "single_delete",
    ]
    assert plans["GET /recipes"]["sort_by"] == "minutes"


def test_files_csv_import_and_history_are_planned_on_their_collection() -> None:
    binary = {"content": {"image/png": {"schema": {"type": "string", "format": "binary"}}}}
    doc = _doc(
        {
            "/photos": {"post": CREATE},
            "/photos/{id}/raw": {"get": {"responses": {"200": {"description": "png", **binary}}}},
            "/photos/import": {"post": {"requestBody": {"content": {"text/csv": {}}}}},
            "/photos/{id}/history": {"get": LIST},
        }
    )
    plans = plan_operations(doc)
    assert plans["GET /photos/{id}/raw"]["pattern"] == "download"
    assert plans["POST /photos/import"]["create"] == "POST /photos"
    assert plans["GET /photos/{id}/history"]["pattern"] == "history"


def test_a_summary_below_a_collection_adds_it_up_instead_of_listing_it() -> None:
    text = {"content": {"text/plain": {"schema": {"type": "string"}}}}
    spend = {
        "type": "object",
        "properties": {
            "kind": {"type": "string", "enum": ["a", "b"]},
            "label": {"type": "string"},
            "cost": {"type": "number"},
            "weight": {"type": "integer"},
        },
    }
    sums = {"description": "Spending per label", **text}
    doc = _doc(
        {
            "/events": {"post": CREATE},
            "/events.log": {"get": {"responses": {"200": {"description": "log", **text}}}},
            "/events/summary": {"get": {"responses": {"200": {"description": "sums", **text}}}},
            "/spends": {"post": {**CREATE, "requestBody": _json(spend)}},
            "/spends/totals": {"get": {"responses": {"200": sums}}},
        }
    )
    plans = plan_operations(doc)
    assert plans["GET /events.log"]["pattern"] == "view"
    assert plans["GET /events/summary"]["pattern"] == "aggregate"
    totals = plans["GET /spends/totals"]
    assert (totals["pattern"], totals["group"], totals["measure"]) == ("aggregate", "label", "cost")


def test_a_sign_up_gated_by_a_code_nothing_issues_is_left_as_a_stub() -> None:
    gated = {"type": "object", "properties": {"email": {}, "password": {}, "code": {}}}
    doc = _doc({"/signup": {"post": {"requestBody": _json(gated)}}})
    assert plan_operations(doc) == {}


def test_a_gated_sign_up_takes_the_codes_invitations_and_a_bootstrap_issue() -> None:
    plans = _plans("guild.yaml")
    assert plans["POST /register"] == {
        "pattern": "register_gated",
        "gate": "code",
        "sources": ["/first-code", "/invites"],
    }
    assert plans["POST /invites"]["pattern"] == "create"
    assert plans["POST /invites"]["generated"] == ["code"]
    assert plans["POST /first-code"]["pattern"] == "bootstrap"


def test_a_list_of_what_sign_up_answers_is_the_directory_of_accounts() -> None:
    plans = _plans("guild.yaml")
    assert plans["GET /people"] == {
        "pattern": "accounts_list",
        "collection": "/people",
        "parents": [],
        "sort_by": "name",
    }
    assert plans["GET /people/{personId}"] == {"pattern": "account_read", "id_param": "personId"}
    assert plans["PATCH /people/me"] == {"pattern": "me_update", "partial": True}
    assert plans["GET /invites"]["pattern"] == "list"  # records, not accounts


def test_a_password_in_a_body_is_never_stored_as_a_records_field() -> None:
    secret = {"type": "object", "properties": {"password": {}}}
    doc = _doc(
        {
            "/me/password": {"put": {"requestBody": _json(secret)}, "get": LIST},
            "/vaults": {"post": {"requestBody": _json(secret)}, "get": LIST},
        }
    )
    plans = plan_operations(doc)
    assert "PUT /me/password" not in plans and "POST /vaults" not in plans


def test_a_csv_below_an_item_is_not_taken_for_a_stored_file() -> None:
    csv = {"content": {"text/csv": {"schema": {"type": "string"}}}}
    doc = _doc(
        {
            "/events": {"post": CREATE},
            "/events/{id}/attendees.csv": {
                "get": {"responses": {"200": {"description": "", **csv}}}
            },
        }
    )
    assert "GET /events/{id}/attendees.csv" not in plan_operations(doc)


def test_a_public_post_answering_the_api_key_schemes_name_issues_keys() -> None:
    plans = _plans("desk.yaml")
    assert plans["POST /clerks"] == {"pattern": "issue_key"}
    assert plans["GET /boards/{id}/notes"]["parents"] == ["id"]


BOOKING = {
    "type": "object",
    "properties": {
        "starts_at": {"type": "string", "format": "date-time"},
        "ends_at": {"type": "string", "format": "date-time"},
    },
}
ROOM = {
    "type": "object",
    "properties": {"name": {"type": "string"}, "booking_count": {"type": "integer"}},
}


def test_a_span_is_refused_out_of_order_only_where_the_write_declares_invalid_input() -> None:
    created = {"201": {"description": "ok", **_json(BOOKING)}}
    refused = {**created, "400": {"description": "ends before it starts"}}
    doc = _doc(
        {
            "/bookings": {"post": {"requestBody": _json(BOOKING), "responses": created}},
            "/slots": {"post": {"requestBody": _json(BOOKING), "responses": refused}},
        }
    )
    plans = plan_operations(doc)
    assert "span" not in plans["POST /bookings"]  # 201 alone: no refusal the document omits
    slots = plans["POST /slots"]
    assert (slots["span"], slots["ordered"], slots["overlap"]) == (
        ["starts_at", "ends_at"],
        True,
        False,
    )


def test_a_nested_collection_is_read_across_its_parents_with_spans_and_counts() -> None:
    booked = {"201": {"description": "ok", **_json(BOOKING)}, "409": {"description": "taken"}}
    room = {"200": {"description": "ok", **_json(ROOM)}}
    doc = _doc(
        {
            "/rooms": {"post": {"requestBody": _json(ROOM), "responses": room}},
            "/rooms/{roomId}": {"get": {"responses": room}},
            "/rooms/{roomId}/bookings": {
                "post": {"requestBody": _json(BOOKING), "responses": booked}
            },
            "/bookings/mine": {
                "get": {
                    "responses": {
                        "200": {"description": "mine", **_json({"type": "array", "items": BOOKING})}
                    }
                }
            },
            "/bookings/{bookingId}": {"delete": {"responses": {"204": {"description": "gone"}}}},
        }
    )
    plans = plan_operations(doc)
    made = plans["POST /rooms/{roomId}/bookings"]
    assert (made["span"], made["overlap"]) == (["starts_at", "ends_at"], True)
    assert "unique" not in made  # the conflict is an overlap, not a taken value
    mine = plans["GET /bookings/mine"]
    assert (mine["pattern"], mine["mine"], mine["any_scope"]) == ("owned_list", True, True)
    assert mine["collection"] == "/rooms/{}/bookings"
    gone = plans["DELETE /bookings/{bookingId}"]
    assert (gone["pattern"], gone["collection"]) == ("delete", "/rooms/{}/bookings")
    assert plans["GET /rooms/{roomId}"]["counts"] == {"booking_count": "/rooms/{}/bookings"}


def test_an_open_post_taking_a_password_signs_up_whatever_its_path_is_called() -> None:
    person = {"type": "object", "properties": {"email": {}, "password": {}}}
    doc = _doc({"/residents": {"post": {"requestBody": _json(person), "responses": {}}}})
    assert plan_operations(doc) == {"POST /residents": {"pattern": "register"}}


def test_a_key_answered_under_its_headers_last_word_is_an_issued_key() -> None:
    answer = {"type": "object", "properties": {"id": {"type": "integer"}, "token": {}}}
    doc = _doc(
        {
            "/projects": {
                "post": {
                    "security": [],
                    "requestBody": _json(OBJECT),
                    "responses": {"201": {"description": "ok", **_json(answer)}},
                }
            }
        }
    )
    doc["components"] = {
        "securitySchemes": {"t": {"type": "apiKey", "in": "header", "name": "X-Project-Token"}}
    }
    assert plan_operations(doc)["POST /projects"] == {"pattern": "issue_key"}


def test_a_list_of_a_list_property_counts_its_values_and_a_read_counts_views() -> None:
    term = {
        "type": "object",
        "properties": {"term": {"type": "string"}, "tags": {"type": "array", "items": {}}},
    }
    shown = {**term, "properties": {**term["properties"], "views": {"type": "integer"}}}
    read = {"responses": {"200": {"description": "ok", **_json(shown)}}}
    tags = {"type": "array", "items": {"type": "object", "properties": {"tag": {}, "count": {}}}}
    doc = _doc(
        {
            "/terms": {"post": {"requestBody": _json(term), "responses": read["responses"]}},
            "/terms/{id}": {"get": read},
            "/tags": {"get": {"responses": {"200": {"description": "ok", **_json(tags)}}}},
        }
    )
    plans = plan_operations(doc)
    assert plans["GET /tags"] == {
        "pattern": "facet",
        "collection": "/terms",
        "parents": [],
        "field": "tags",
    }
    assert plans["GET /terms/{id}"]["counts_view"] == "views"


def test_the_words_line_for_a_text_view_no_collection_path_names() -> None:
    release = {"type": "object", "properties": {"version": {}, "kind": {}, "notes": {}}}
    text = {"content": {"text/plain": {"schema": {"type": "string"}}}}
    doc = _doc(
        {
            "/releases": {"post": CREATE | {"requestBody": _json(release)}},
            "/changelog.txt": {
                "get": {"responses": {"200": {"description": "newest first", **text}}}
            },
        }
    )
    doc["x-codebegen-prose"] = "One line per release, formatted `<version> [<kind>] <notes>`."
    view = plan_operations(doc)["GET /changelog.txt"]
    assert (view["pattern"], view["collection"]) == ("view", "/releases")
    assert (view["line"], view["newest_first"]) == ("<version> [<kind>] <notes>", True)


def test_a_query_filters_default_from_a_shared_schema_is_no_filter() -> None:
    from pipeline.contract import read_operations

    doc = _doc(
        {
            "/repairs": {
                "get": {
                    "parameters": [
                        {
                            "name": "priority",
                            "in": "query",
                            "schema": {"$ref": "#/components/schemas/P"},
                        },
                        {
                            "name": "limit",
                            "in": "query",
                            "schema": {"type": "integer", "default": 20},
                        },
                    ],
                    "responses": {},
                }
            }
        }
    )
    doc["components"] = {
        "schemas": {"P": {"type": "string", "enum": ["low", "normal"], "default": "normal"}}
    }
    params = {p.name: p.schema_ for p in read_operations(doc)[0].parameters}
    assert "default" not in params["priority"] and params["limit"]["default"] == 20


def test_a_list_property_below_its_record_is_read_as_a_list() -> None:
    line = {"type": "object", "properties": {"sku": {"type": "string"}}}
    order = {
        "type": "object",
        "properties": {"customer": {}, "items": {"type": "array", "items": line}},
    }
    listed = {"200": {"description": "ok", **_json({"type": "array", "items": line})}}
    doc = _doc(
        {
            "/orders": {"post": {**CREATE, "requestBody": _json(order)}},
            "/orders/{id}/items": {"get": {"responses": listed}},
        }
    )
    plan = plan_operations(doc)["GET /orders/{id}/items"]
    assert (plan["pattern"], plan["field"], plan["id_param"]) == ("sublist", "items", "id")


def test_a_stem_id_names_its_collection_one_way_for_references_and_counted_items() -> None:
    from pipeline.contract.schemas import referred_collection

    collections = ["/books", "/categories", "/cart-items", "/shops/{}/products", "/box"]
    assert referred_collection("book_id", collections) == "/books"
    assert referred_collection("bookId", collections) == "/books"
    assert referred_collection("categoryID", collections) == "/categories"
    assert referred_collection("cart_item_id", collections) == "/cart-items"
    assert referred_collection("productId", collections) == "/shops/{}/products"  # only nested
    assert referred_collection("boxId", collections) == "/box"  # "es" or the stem itself
    assert referred_collection("author_id", collections) == ""
    assert referred_collection("id", collections) == ""
    # a top-level collection wins over nested ones of the same word
    assert referred_collection("tag_id", ["/posts/{}/tags", "/tags"]) == "/tags"
    assert referred_collection("tag_id", ["/posts/{}/tags", "/notes/{}/tags"]) == ""


def test_a_yaml_document_keeps_properties_named_on_yes_and_no_as_names() -> None:
    from pipeline.contract import openapi_document

    text = """Waterings have a day.

```yaml
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /waterings:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              properties: {on: {type: string, format: date}, yes: {type: boolean}, no: {}}
      responses: {'201': {description: ok}}
```
"""
    doc = openapi_document(text)
    assert doc is not None
    body = doc["paths"]["/waterings"]["post"]["requestBody"]
    assert body["required"] is True
    assert list(body["content"]["application/json"]["schema"]["properties"]) == ["on", "yes", "no"]
    assert "POST /waterings" in plan_operations(doc)


def _span_of(props: dict[str, Any]) -> Any:
    body = {"type": "object", "properties": props}
    create = {"requestBody": _json(body), "responses": {"201": {"description": "ok"}, "400": {}}}
    return plan_operations(_doc({"/rides": {"post": create}}))["POST /rides"].get("span")


def test_a_span_runs_between_dates_or_numbers_never_between_places() -> None:
    when = {"type": "string", "format": "date-time"}
    assert _span_of({"starts_at": when, "ends_at": when}) == ["starts_at", "ends_at"]
    assert _span_of({"from_km": {"type": "number"}, "to_km": {"type": "number"}}) is not None
    city = {"type": "string"}
    assert _span_of({"from_city": city, "to_city": city}) is None


def test_a_phrasal_verb_action_sets_its_past_participle_and_stamps_its_time() -> None:
    parcel = {
        "type": "object",
        "properties": {
            "status": {"type": "string", "enum": ["received", "picked_up", "checked_out"]},
            "picked_up_at": {"type": ["string", "null"], "format": "date-time"},
        },
    }
    made = {
        "requestBody": _json(parcel),
        "responses": {"201": {"description": "ok", **_json(parcel)}},
    }
    action = {"responses": {"200": {"description": "ok", **_json(parcel)}, "409": {}}}
    doc = _doc({"/parcels": {"post": made}, "/parcels/{id}/pickup": {"post": action}})
    plan = plan_operations(doc)["POST /parcels/{id}/pickup"]
    assert (plan["pattern"], plan["set"], plan["stamp"]) == (
        "transition",
        {"status": "picked_up"},
        ["picked_up_at"],
    )
