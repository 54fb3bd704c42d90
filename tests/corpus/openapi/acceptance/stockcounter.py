"""Acceptance tests for stockcounter.md, written from the document and its prose before generating.

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


def _sku(prefix: str = "T") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12].upper()}"


def _location() -> str:
    """A location no other test uses, so listings can be checked exactly."""
    return f"aisle-{uuid.uuid4().hex[:10]}"


def _item(
    api: httpx.Client, location: str = "", sku: str = "", name: str = "Bolt", **extra
) -> dict:
    body = {"sku": sku or _sku(), "name": name, "location": location or _location(), **extra}
    response = api.post("/items", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _move(api: httpx.Client, sku: str, delta: int, **extra) -> httpx.Response:
    return api.post(f"/items/{sku}/movements", json={"delta": delta, **extra})


def _stock(api: httpx.Client, sku: str, quantity: int) -> None:
    assert _move(api, sku, quantity, reason="received").status_code == 201


def test_a_new_item_starts_at_zero(api: httpx.Client) -> None:
    sku = _sku()
    item = _item(api, sku=sku, name="Hex bolt M6")
    assert item["sku"] == sku and item["quantity"] == 0 and item["reorder_level"] == 0
    got = api.get(f"/items/{sku}")
    assert got.status_code == 200 and got.json()["name"] == "Hex bolt M6"
    assert api.get(f"/items/{_sku('NOPE')}").status_code == 404


def test_a_taken_sku_is_409_and_a_bad_sku_is_400(api: httpx.Client) -> None:
    item = _item(api)
    again = api.post("/items", json={"sku": item["sku"], "name": "Other"})
    assert again.status_code == 409
    assert api.post("/items", json={"sku": "bolt m6", "name": "x"}).status_code == 400
    assert api.post("/items", json={"sku": "AB", "name": "x"}).status_code == 400


def test_movements_change_the_quantity_with_count_as_default_reason(api: httpx.Client) -> None:
    item = _item(api)
    moved = _move(api, item["sku"], 12)
    assert moved.status_code == 201, moved.text
    body = moved.json()
    assert body["delta"] == 12 and body["reason"] == "count" and body["quantity_after"] == 12
    out = _move(api, item["sku"], -5, reason="shipped").json()
    assert out["quantity_after"] == 7 and out["reason"] == "shipped"
    assert api.get(f"/items/{item['sku']}").json()["quantity"] == 7


def test_stock_never_goes_below_zero(api: httpx.Client) -> None:
    item = _item(api)
    _stock(api, item["sku"], 3)
    assert _move(api, item["sku"], -4, reason="shipped").status_code == 409
    assert api.get(f"/items/{item['sku']}").json()["quantity"] == 3
    assert len(api.get(f"/items/{item['sku']}/movements").json()) == 1
    assert _move(api, item["sku"], 1, reason="stolen").status_code == 400
    assert _move(api, _sku("NOPE"), 1).status_code == 404


def test_movements_are_a_bare_array_newest_first(api: httpx.Client) -> None:
    item = _item(api)
    first = _move(api, item["sku"], 10, reason="received").json()
    second = _move(api, item["sku"], -2, reason="damaged", note="forklift").json()
    listed = api.get(f"/items/{item['sku']}/movements")
    assert listed.status_code == 200 and isinstance(listed.json(), list)
    assert [m["id"] for m in listed.json()] == [second["id"], first["id"]]
    assert listed.json()[0]["note"] == "forklift"
    assert api.get(f"/items/{_sku('NOPE')}/movements").status_code == 404


def test_the_list_envelope_by_location_sorted_by_sku_then_by_quantity(api: httpx.Client) -> None:
    where = _location()
    b = _item(api, where, sku=_sku("B"))
    a = _item(api, where, sku=_sku("A"))
    c = _item(api, where, sku=_sku("C"))
    _item(api)
    _stock(api, a["sku"], 5)
    _stock(api, b["sku"], 50)
    _stock(api, c["sku"], 20)
    listed = api.get("/items", params={"location": where})
    assert listed.status_code == 200
    body = listed.json()
    assert body["total"] == 3 and body["page"] == 1 and body["size"] == 25
    assert [i["sku"] for i in body["data"]] == [a["sku"], b["sku"], c["sku"]]
    most = api.get("/items", params={"location": where, "order_by": "-quantity"}).json()
    assert [i["sku"] for i in most["data"]] == [b["sku"], c["sku"], a["sku"]]
    least = api.get("/items", params={"location": where, "order_by": "quantity"}).json()
    assert [i["sku"] for i in least["data"]] == [a["sku"], c["sku"], b["sku"]]


def test_min_and_max_qty_are_inclusive(api: httpx.Client) -> None:
    where = _location()
    made = {}
    for n in (2, 5, 9, 14):
        item = _item(api, where, sku=_sku(f"Q{n:02d}"))
        _stock(api, item["sku"], n)
        made[n] = item["sku"]
    body = api.get("/items", params={"location": where, "min_qty": 5, "max_qty": 9}).json()
    assert [i["sku"] for i in body["data"]] == [made[5], made[9]] and body["total"] == 2


def test_low_means_at_or_below_the_reorder_level(api: httpx.Client) -> None:
    where = _location()
    at = _item(api, where, sku=_sku("A"), reorder_level=4)
    below = _item(api, where, sku=_sku("B"), reorder_level=10)
    above = _item(api, where, sku=_sku("C"), reorder_level=1)
    _stock(api, at["sku"], 4)
    _stock(api, below["sku"], 3)
    _stock(api, above["sku"], 8)
    body = api.get("/items", params={"location": where, "low": "true"}).json()
    assert [i["sku"] for i in body["data"]] == [at["sku"], below["sku"]]


def test_paging_and_name_search(api: httpx.Client) -> None:
    where = _location()
    word = uuid.uuid4().hex[:8]
    made = [
        _item(api, where, sku=_sku(p), name=f"Washer {word.upper()} {p}") for p in ("A", "B", "C")
    ]
    nut = _item(api, where, sku=_sku("D"), name="Nut")
    page = api.get("/items", params={"location": where, "page": 2, "size": 2}).json()
    assert page["total"] == 4 and page["page"] == 2 and page["size"] == 2
    assert [i["sku"] for i in page["data"]] == [made[2]["sku"], nut["sku"]]
    found = api.get("/items", params={"q": f"washer {word}"}).json()
    assert [i["sku"] for i in found["data"]] == [m["sku"] for m in made] and found["total"] == 3


def test_patch_changes_only_what_is_sent(api: httpx.Client) -> None:
    item = _item(api, name="Rivet")
    _stock(api, item["sku"], 6)
    where = _location()
    changed = api.patch(f"/items/{item['sku']}", json={"location": where, "reorder_level": 7})
    assert changed.status_code == 200
    body = changed.json()
    assert body["location"] == where and body["reorder_level"] == 7
    assert body["name"] == "Rivet" and body["quantity"] == 6
    assert api.patch(f"/items/{_sku('NOPE')}", json={"name": "x"}).status_code == 404


def test_an_item_with_stock_cannot_be_deleted(api: httpx.Client) -> None:
    item = _item(api)
    _stock(api, item["sku"], 2)
    assert api.delete(f"/items/{item['sku']}").status_code == 409
    assert _move(api, item["sku"], -2, reason="shipped").status_code == 201
    assert api.delete(f"/items/{item['sku']}").status_code == 204
    assert api.get(f"/items/{item['sku']}").status_code == 404
    assert api.delete(f"/items/{item['sku']}").status_code == 404


def test_the_report_is_plain_text_sku_tab_quantity(api: httpx.Client) -> None:
    first = _item(api, sku=_sku("R"))
    second = _item(api, sku=first["sku"] + "-X")
    _stock(api, first["sku"], 17)
    report = api.get("/report.txt")
    assert report.status_code == 200
    assert report.headers["content-type"].startswith("text/plain")
    lines = report.text.splitlines()
    assert f"{first['sku']}\t17" in lines and f"{second['sku']}\t0" in lines
    assert lines.index(f"{first['sku']}\t17") < lines.index(f"{second['sku']}\t0")
