"""Acceptance tests for florist.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _shop(api: httpx.Client) -> dict:
    response = api.post("/shops", json={"name": f"Blooms {uuid.uuid4().hex[:8]}"})
    assert response.status_code == 201, response.text
    return response.json()


def _key(api: httpx.Client) -> dict[str, str]:
    """A fresh shop's key header: its order list starts empty, so lists can be checked exactly."""
    return {"X-Shop-Key": _shop(api)["api_key"]}


def _order(api: httpx.Client, key: dict[str, str], **fields) -> dict:
    body = {
        "customer": "Clarissa Dalloway",
        "deliver_on": "2031-05-10",
        "size": "small",
        **fields,
    }
    response = api.post("/orders", json=body, headers=key)
    assert response.status_code == 201, response.text
    return response.json()


def _list(api: httpx.Client, key: dict[str, str], **params) -> dict:
    response = api.get("/orders", params=params, headers=key)
    assert response.status_code == 200, response.text
    return response.json()


def _ids(api: httpx.Client, key: dict[str, str], **params) -> list[int]:
    return [o["id"] for o in _list(api, key, **params)["data"]]


def test_a_shop_gets_its_own_key(api: httpx.Client) -> None:
    name = f"Petals {uuid.uuid4().hex[:8]}"
    response = api.post("/shops", json={"name": name})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["name"] == name and isinstance(body["id"], int)
    assert isinstance(body["api_key"], str) and body["api_key"]
    assert _shop(api)["api_key"] != body["api_key"]


def test_orders_need_a_known_key(api: httpx.Client) -> None:
    body = {"customer": "X", "deliver_on": "2031-05-10", "size": "small"}
    assert api.get("/orders").status_code == 401
    assert api.post("/orders", json=body).status_code == 401
    assert api.get("/runsheet", params={"date": "2031-05-10"}).status_code == 401
    bogus = {"X-Shop-Key": f"nope-{uuid.uuid4().hex}"}
    assert api.get("/orders", headers=bogus).status_code == 401
    assert api.post("/orders", json=body, headers=bogus).status_code == 401


def test_a_new_order_has_its_defaults_and_price(api: httpx.Client) -> None:
    key = _key(api)
    made = _order(api, key, customer="Mr Ramsay")
    assert isinstance(made["id"], int)
    assert made["status"] == "new" and made["quantity"] == 1 and made["delivery"] is False
    assert made["total"] == pytest.approx(25.0)
    assert made["recipient"] is None and made["address"] is None
    assert made["card_message"] is None and made["delivered_at"] is None
    assert made["deliver_on"] == "2031-05-10" and made["size"] == "small"
    got = api.get(f"/orders/{made['id']}", headers=key)
    assert got.status_code == 200, got.text
    assert got.json()["customer"] == "Mr Ramsay" and got.json()["total"] == pytest.approx(25.0)


def test_total_counts_quantity_and_one_delivery_fee(api: httpx.Client) -> None:
    key = _key(api)
    made = _order(api, key, size="large", quantity=3, delivery=True, address="3 Mill Lane")
    assert made["total"] == pytest.approx(185.0)
    patched = api.patch(
        f"/orders/{made['id']}", json={"size": "medium", "quantity": 1}, headers=key
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["total"] == pytest.approx(45.0)
    pickup = api.patch(f"/orders/{made['id']}", json={"delivery": False}, headers=key)
    assert pickup.status_code == 200, pickup.text
    assert pickup.json()["total"] == pytest.approx(40.0)


def test_bad_orders_answer_400(api: httpx.Client) -> None:
    key = _key(api)
    base = {"customer": "Ann", "deliver_on": "2031-05-10", "size": "small"}
    missing = api.post("/orders", json={"deliver_on": "2031-05-10", "size": "small"}, headers=key)
    assert missing.status_code == 400, missing.text
    assert "error" in missing.json()
    bad_bodies = [
        {**base, "size": "huge"},
        {**base, "quantity": 0},
        {**base, "quantity": 21},
        {**base, "delivery": True},
    ]
    for body in bad_bodies:
        response = api.post("/orders", json=body, headers=key)
        assert response.status_code == 400, (body, response.text)
    assert _list(api, key)["meta"]["total"] == 0


def test_another_shops_orders_answer_404(api: httpx.Client) -> None:
    mine, theirs = _key(api), _key(api)
    made = _order(api, mine)
    oid = made["id"]
    assert api.get(f"/orders/{oid}", headers=theirs).status_code == 404
    assert api.patch(f"/orders/{oid}", json={"quantity": 2}, headers=theirs).status_code == 404
    assert api.post(f"/orders/{oid}/ready", headers=theirs).status_code == 404
    assert api.post(f"/orders/{oid}/deliver", headers=theirs).status_code == 404
    assert api.delete(f"/orders/{oid}", headers=theirs).status_code == 404
    assert _list(api, theirs)["meta"]["total"] == 0 and _list(api, theirs)["data"] == []
    still = api.get(f"/orders/{oid}", headers=mine)
    assert (
        still.status_code == 200
        and still.json()["quantity"] == 1
        and still.json()["status"] == "new"
    )


def test_list_is_an_envelope_soonest_delivery_first(api: httpx.Client) -> None:
    key = _key(api)
    late = _order(api, key, deliver_on="2031-06-20")
    early = _order(api, key, deliver_on="2031-06-02")
    middle = _order(api, key, deliver_on="2031-06-11")
    body = _list(api, key)
    assert set(body) >= {"data", "meta"}
    assert [o["id"] for o in body["data"]] == [early["id"], middle["id"], late["id"]]
    assert body["meta"] == {"total": 3, "limit": 20, "offset": 0}
    assert _ids(api, key, sort="-deliver_on") == [late["id"], middle["id"], early["id"]]


def test_sort_by_total_and_paging(api: httpx.Client) -> None:
    key = _key(api)
    medium = _order(api, key, size="medium", deliver_on="2031-07-01")
    large = _order(api, key, size="large", deliver_on="2031-07-02")
    small = _order(api, key, size="small", deliver_on="2031-07-03")
    double = _order(api, key, size="large", quantity=2, deliver_on="2031-07-04")
    assert _ids(api, key, sort="total") == [
        small["id"],
        medium["id"],
        large["id"],
        double["id"],
    ]
    assert _ids(api, key, sort="-total") == [
        double["id"],
        large["id"],
        medium["id"],
        small["id"],
    ]
    page = _list(api, key, sort="-total", limit=2, offset=1)
    assert [o["id"] for o in page["data"]] == [large["id"], medium["id"]]
    assert page["meta"] == {"total": 4, "limit": 2, "offset": 1}


def test_filters_status_dates_totals_and_q(api: httpx.Client) -> None:
    key = _key(api)
    a = _order(api, key, customer="Septimus Smith", deliver_on="2031-08-01", size="small")
    b = _order(api, key, customer="Lucrezia Smith", deliver_on="2031-08-05", size="medium")
    c = _order(api, key, customer="Peter Walsh", deliver_on="2031-08-09", size="large")
    assert api.post(f"/orders/{b['id']}/ready", headers=key).status_code == 200
    assert _ids(api, key, status="ready") == [b["id"]]
    assert _ids(api, key, status="new") == [a["id"], c["id"]]
    assert _ids(api, key, deliver_from="2031-08-05", deliver_to="2031-08-09") == [
        b["id"],
        c["id"],
    ]
    assert _ids(api, key, deliver_to="2031-08-05") == [a["id"], b["id"]]
    assert _ids(api, key, min_total=40, max_total=60) == [b["id"], c["id"]]
    assert _ids(api, key, max_total=40) == [a["id"], b["id"]]
    filtered = _list(api, key, q="sMiTh")
    assert [o["id"] for o in filtered["data"]] == [a["id"], b["id"]]
    assert filtered["meta"]["total"] == 2


def test_ready_then_deliver_and_409_out_of_turn(api: httpx.Client) -> None:
    key = _key(api)
    made = _order(api, key)
    oid = made["id"]
    assert api.post(f"/orders/{oid}/deliver", headers=key).status_code == 409
    ready = api.post(f"/orders/{oid}/ready", headers=key)
    assert ready.status_code == 200, ready.text
    assert ready.json()["status"] == "ready" and ready.json()["delivered_at"] is None
    assert api.post(f"/orders/{oid}/ready", headers=key).status_code == 409
    done = api.post(f"/orders/{oid}/deliver", headers=key)
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "delivered" and done.json()["delivered_at"]
    assert api.post(f"/orders/{oid}/deliver", headers=key).status_code == 409
    assert api.post(f"/orders/{oid}/ready", headers=key).status_code == 409


def test_patch_changes_only_what_is_sent_until_delivered(api: httpx.Client) -> None:
    key = _key(api)
    made = _order(api, key, recipient="Sally Seton", card_message="Happy birthday")
    patched = api.patch(f"/orders/{made['id']}", json={"deliver_on": "2031-05-12"}, headers=key)
    assert patched.status_code == 200, patched.text
    body = patched.json()
    assert body["deliver_on"] == "2031-05-12" and body["recipient"] == "Sally Seton"
    assert body["card_message"] == "Happy birthday" and body["customer"] == made["customer"]
    assert body["size"] == "small" and body["status"] == "new"
    api.post(f"/orders/{made['id']}/ready", headers=key)
    api.post(f"/orders/{made['id']}/deliver", headers=key)
    late = api.patch(f"/orders/{made['id']}", json={"card_message": "Sorry"}, headers=key)
    assert late.status_code == 409, late.text
    assert api.get(f"/orders/{made['id']}", headers=key).json()["card_message"] == "Happy birthday"


def test_delete_is_204_but_409_once_delivered(api: httpx.Client) -> None:
    key = _key(api)
    gone = _order(api, key)
    assert api.delete(f"/orders/{gone['id']}", headers=key).status_code == 204
    assert api.get(f"/orders/{gone['id']}", headers=key).status_code == 404
    kept = _order(api, key)
    api.post(f"/orders/{kept['id']}/ready", headers=key)
    api.post(f"/orders/{kept['id']}/deliver", headers=key)
    assert api.delete(f"/orders/{kept['id']}", headers=key).status_code == 409
    assert api.get(f"/orders/{kept['id']}", headers=key).status_code == 200


def test_run_sheet_lists_the_days_deliveries_as_text(api: httpx.Client) -> None:
    key = _key(api)
    day = "2031-09-15"
    first = _order(
        api,
        key,
        deliver_on=day,
        delivery=True,
        recipient="Ada Lovelace",
        address="3 Mill Lane",
    )
    _order(api, key, deliver_on=day, customer="Pick Up Person")
    second = _order(
        api,
        key,
        deliver_on=day,
        delivery=True,
        customer="Tom Baker",
        address="9 High St",
    )
    _order(
        api,
        key,
        deliver_on="2031-09-16",
        delivery=True,
        recipient="Other Day",
        address="1 Rd",
    )
    api.post(f"/orders/{second['id']}/ready", headers=key)
    other_shop = _key(api)
    _order(
        api,
        other_shop,
        deliver_on=day,
        delivery=True,
        recipient="Not Ours",
        address="2 Rd",
    )
    response = api.get("/runsheet", params={"date": day}, headers=key)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    lines = [line.strip() for line in response.text.splitlines() if line.strip()]
    assert lines == [
        f"{first['id']} | Ada Lovelace | 3 Mill Lane",
        f"{second['id']} | Tom Baker | 9 High St",
    ]
    empty = api.get("/runsheet", params={"date": "2031-09-20"}, headers=key)
    assert empty.status_code == 200 and empty.text.strip() == ""


def test_unknown_order_answers_404(api: httpx.Client) -> None:
    key = _key(api)
    assert api.get("/orders/987654321", headers=key).status_code == 404
    assert api.patch("/orders/987654321", json={"quantity": 2}, headers=key).status_code == 404
    assert api.post("/orders/987654321/ready", headers=key).status_code == 404
    assert api.delete("/orders/987654321", headers=key).status_code == 404
