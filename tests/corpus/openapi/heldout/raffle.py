"""Acceptance tests for raffle.md, written from the document and its prose before generating.

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


def _organiser(api: httpx.Client) -> dict[str, str]:
    """Register a fresh organiser; return the header carrying their key."""
    response = api.post("/organisers", json={"name": f"Volunteer {uuid.uuid4().hex[:8]}"})
    assert response.status_code == 201, response.text
    return {"X-Raffle-Key": response.json()["api_key"]}


def _raffle(api: httpx.Client, key: dict[str, str], **extra) -> dict:
    body = {
        "title": f"Hamper {uuid.uuid4().hex[:8]}",
        "ticket_price": 2.5,
        "max_tickets": 10,
        "draw_date": "2031-09-01",
        **extra,
    }
    response = api.post("/raffles", json=body, headers=key)
    assert response.status_code == 200, response.text
    return response.json()


def _sell(api: httpx.Client, key: dict[str, str], raffle_id: int, **body) -> httpx.Response:
    return api.post(f"/raffles/{raffle_id}/tickets", json=body, headers=key)


def _get(api: httpx.Client, key: dict[str, str], raffle_id: int) -> dict:
    response = api.get(f"/raffles/{raffle_id}", headers=key)
    assert response.status_code == 200, response.text
    return response.json()


def _list(api: httpx.Client, key: dict[str, str], **params) -> dict:
    response = api.get("/raffles", params=params, headers=key)
    assert response.status_code == 200, response.text
    return response.json()


def test_organiser_gets_a_key_and_calls_without_one_are_401(api: httpx.Client) -> None:
    name = f"Volunteer {uuid.uuid4().hex[:8]}"
    response = api.post("/organisers", json={"name": name})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["name"] == name and isinstance(body["id"], int)
    assert isinstance(body["api_key"], str) and body["api_key"]
    key = {"X-Raffle-Key": body["api_key"]}
    assert api.get("/raffles", headers=key).status_code == 200
    assert api.get("/raffles").status_code == 401
    assert api.get("/raffles", headers={"X-Raffle-Key": "not-a-key"}).status_code == 401
    new = {
        "title": "Quilt",
        "ticket_price": 1,
        "max_tickets": 5,
        "draw_date": "2031-09-01",
    }
    assert api.post("/raffles", json=new).status_code == 401


def test_create_answers_200_with_computed_fields(api: httpx.Client) -> None:
    key = _organiser(api)
    made = _raffle(api, key, title="Christmas hamper", max_tickets=50)
    assert isinstance(made["id"], int)
    assert made["title"] == "Christmas hamper" and made["prize"] is None
    assert made["ticket_price"] == pytest.approx(2.5) and made["max_tickets"] == 50
    assert made["draw_date"] == "2031-09-01" and made["status"] == "open"
    assert made["tickets_sold"] == 0 and made["tickets_left"] == 50
    assert made["raised"] == 0
    assert made["winning_ticket"] is None and made["winner_name"] is None
    assert _get(api, key, made["id"])["title"] == "Christmas hamper"


def test_another_organisers_raffle_is_404(api: httpx.Client) -> None:
    mine, theirs = _organiser(api), _organiser(api)
    raffle = _raffle(api, mine)
    rid = raffle["id"]
    assert api.get(f"/raffles/{rid}", headers=theirs).status_code == 404
    assert api.patch(f"/raffles/{rid}", json={"title": "x"}, headers=theirs).status_code == 404
    assert api.get(f"/raffles/{rid}/tickets", headers=theirs).status_code == 404
    assert _sell(api, theirs, rid, buyer_name="Sneaky").status_code == 404
    assert api.post(f"/raffles/{rid}/draw", headers=theirs).status_code == 404
    assert api.delete(f"/raffles/{rid}", headers=theirs).status_code == 404
    assert _list(api, theirs)["items"] == []
    assert _get(api, mine, rid)["tickets_sold"] == 0


def test_bad_bodies_are_422(api: httpx.Client) -> None:
    key = _organiser(api)
    good = {
        "title": "Voucher",
        "ticket_price": 1,
        "max_tickets": 5,
        "draw_date": "2031-09-01",
    }
    for broken in (
        {**good, "ticket_price": 0},
        {**good, "ticket_price": -1},
        {**good, "max_tickets": 0},
        {k: v for k, v in good.items() if k != "title"},
        {**good, "draw_date": "soon"},
    ):
        response = api.post("/raffles", json=broken, headers=key)
        assert response.status_code == 422, (broken, response.text)
    raffle = _raffle(api, key, max_tickets=100)
    assert _sell(api, key, raffle["id"], buyer_name="Ann", count=21).status_code == 422
    assert _sell(api, key, raffle["id"], buyer_name="Ann", count=0).status_code == 422
    assert _sell(api, key, raffle["id"], count=1).status_code == 422
    assert _list(api, key)["total"] == 1


def test_selling_numbers_tickets_on_and_updates_totals(api: httpx.Client) -> None:
    key = _organiser(api)
    raffle = _raffle(api, key, ticket_price=2.5, max_tickets=10)
    first = _sell(api, key, raffle["id"], buyer_name="Maria Lopez", count=3)
    assert first.status_code == 201, first.text
    assert [t["number"] for t in first.json()] == [1, 2, 3]
    assert all(t["buyer_name"] == "Maria Lopez" for t in first.json())
    one = _sell(api, key, raffle["id"], buyer_name="Jon")
    assert one.status_code == 201, one.text
    assert [t["number"] for t in one.json()] == [4]
    got = _get(api, key, raffle["id"])
    assert got["tickets_sold"] == 4 and got["tickets_left"] == 6
    assert got["raised"] == pytest.approx(10.0)


def test_overselling_is_409_and_sells_nothing(api: httpx.Client) -> None:
    key = _organiser(api)
    raffle = _raffle(api, key, max_tickets=5)
    assert _sell(api, key, raffle["id"], buyer_name="Ann", count=3).status_code == 201
    too_many = _sell(api, key, raffle["id"], buyer_name="Bea", count=3)
    assert too_many.status_code == 409, too_many.text
    got = _get(api, key, raffle["id"])
    assert got["tickets_sold"] == 3 and got["tickets_left"] == 2
    rest = _sell(api, key, raffle["id"], buyer_name="Bea", count=2)
    assert rest.status_code == 201 and [t["number"] for t in rest.json()] == [4, 5]


def test_ticket_list_by_number_with_buyer_filter(api: httpx.Client) -> None:
    key = _organiser(api)
    raffle = _raffle(api, key)
    _sell(api, key, raffle["id"], buyer_name="Maria Lopez", count=2)
    _sell(api, key, raffle["id"], buyer_name="Jon Smith")
    _sell(api, key, raffle["id"], buyer_name="Ana MARIA Reyes")
    response = api.get(f"/raffles/{raffle['id']}/tickets", headers=key)
    assert response.status_code == 200, response.text
    tickets = response.json()
    assert [t["number"] for t in tickets] == [1, 2, 3, 4]
    assert [t["buyer_name"] for t in tickets] == [
        "Maria Lopez",
        "Maria Lopez",
        "Jon Smith",
        "Ana MARIA Reyes",
    ]
    filtered = api.get(f"/raffles/{raffle['id']}/tickets", params={"buyer": "maria"}, headers=key)
    assert [t["number"] for t in filtered.json()] == [1, 2, 4]


def test_draw_picks_a_sold_ticket_once(api: httpx.Client) -> None:
    key = _organiser(api)
    raffle = _raffle(api, key)
    empty = api.post(f"/raffles/{raffle['id']}/draw", headers=key)
    assert empty.status_code == 409, empty.text
    _sell(api, key, raffle["id"], buyer_name="Maria", count=2)
    _sell(api, key, raffle["id"], buyer_name="Jon")
    drawn = api.post(f"/raffles/{raffle['id']}/draw", headers=key)
    assert drawn.status_code == 200, drawn.text
    body = drawn.json()
    assert body["status"] == "drawn" and body["winning_ticket"] in (1, 2, 3)
    owners = {1: "Maria", 2: "Maria", 3: "Jon"}
    assert body["winner_name"] == owners[body["winning_ticket"]]
    again = api.post(f"/raffles/{raffle['id']}/draw", headers=key)
    assert again.status_code == 409, again.text
    assert _get(api, key, raffle["id"])["winning_ticket"] == body["winning_ticket"]


def test_a_drawn_raffle_is_frozen(api: httpx.Client) -> None:
    key = _organiser(api)
    raffle = _raffle(api, key)
    _sell(api, key, raffle["id"], buyer_name="Maria")
    assert api.post(f"/raffles/{raffle['id']}/draw", headers=key).status_code == 200
    late = _sell(api, key, raffle["id"], buyer_name="Late Larry")
    assert late.status_code == 409, late.text
    patch = api.patch(f"/raffles/{raffle['id']}", json={"title": "Changed"}, headers=key)
    assert patch.status_code == 409, patch.text
    got = _get(api, key, raffle["id"])
    assert got["tickets_sold"] == 1 and got["title"] == raffle["title"]


def test_patch_changes_only_sent_fields_and_keeps_max_above_sold(
    api: httpx.Client,
) -> None:
    key = _organiser(api)
    raffle = _raffle(api, key, prize="A quilt", max_tickets=10)
    _sell(api, key, raffle["id"], buyer_name="Ann", count=4)
    patched = api.patch(f"/raffles/{raffle['id']}", json={"ticket_price": 5}, headers=key)
    assert patched.status_code == 200, patched.text
    body = patched.json()
    assert body["ticket_price"] == pytest.approx(5) and body["raised"] == pytest.approx(20)
    assert body["prize"] == "A quilt" and body["title"] == raffle["title"]
    assert body["max_tickets"] == 10 and body["draw_date"] == "2031-09-01"
    low = api.patch(f"/raffles/{raffle['id']}", json={"max_tickets": 3}, headers=key)
    assert low.status_code == 409, low.text
    ok = api.patch(f"/raffles/{raffle['id']}", json={"max_tickets": 4}, headers=key)
    assert ok.status_code == 200 and ok.json()["tickets_left"] == 0


def test_delete_only_before_any_sale(api: httpx.Client) -> None:
    key = _organiser(api)
    sold = _raffle(api, key)
    _sell(api, key, sold["id"], buyer_name="Ann")
    held = api.delete(f"/raffles/{sold['id']}", headers=key)
    assert held.status_code == 409, held.text
    assert _get(api, key, sold["id"])["tickets_sold"] == 1
    unsold = _raffle(api, key)
    assert api.delete(f"/raffles/{unsold['id']}", headers=key).status_code == 204
    assert api.get(f"/raffles/{unsold['id']}", headers=key).status_code == 404


def test_list_envelope_order_and_paging(api: httpx.Client) -> None:
    key = _organiser(api)
    mid = _raffle(api, key, draw_date="2031-10-15")
    soon = _raffle(api, key, draw_date="2031-10-01")
    late = _raffle(api, key, draw_date="2031-10-30")
    body = _list(api, key)
    assert body["total"] == 3 and body["page"] == 1 and body["per_page"] == 20
    assert [r["id"] for r in body["items"]] == [soon["id"], mid["id"], late["id"]]
    desc = _list(api, key, order="desc")
    assert [r["id"] for r in desc["items"]] == [late["id"], mid["id"], soon["id"]]
    page2 = _list(api, key, page=2, per_page=2)
    assert [r["id"] for r in page2["items"]] == [late["id"]]
    assert page2["total"] == 3 and page2["page"] == 2 and page2["per_page"] == 2


def test_status_and_q_filters(api: httpx.Client) -> None:
    key = _organiser(api)
    quilt = _raffle(api, key, title="Handmade Quilt", draw_date="2031-11-01")
    voucher = _raffle(api, key, title="Meal voucher", draw_date="2031-11-02")
    hamper = _raffle(api, key, title="Quilted bag and hamper", draw_date="2031-11-03")
    _sell(api, key, voucher["id"], buyer_name="Ann")
    api.post(f"/raffles/{voucher['id']}/draw", headers=key)
    drawn = _list(api, key, status="drawn")
    assert [r["id"] for r in drawn["items"]] == [voucher["id"]] and drawn["total"] == 1
    open_ = _list(api, key, status="open")
    assert [r["id"] for r in open_["items"]] == [quilt["id"], hamper["id"]]
    found = _list(api, key, q="QUILT")
    assert [r["id"] for r in found["items"]] == [quilt["id"], hamper["id"]]
    assert found["total"] == 2


def test_poster_is_public_escaped_html_and_shows_the_winner(api: httpx.Client) -> None:
    key = _organiser(api)
    raffle = _raffle(
        api,
        key,
        title="Fish & <b>Chips</b> night",
        prize="Dinner for two <3",
        max_tickets=10,
    )
    _sell(api, key, raffle["id"], buyer_name="Ann", count=3)
    response = api.get(f"/raffles/{raffle['id']}/poster")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert "<b>Chips</b>" not in response.text
    assert "Fish &amp; &lt;b&gt;Chips&lt;/b&gt; night" in response.text
    assert "Dinner for two &lt;3" in response.text
    assert "Tickets left: 7" in response.text
    drawn = api.post(f"/raffles/{raffle['id']}/draw", headers=key).json()
    after = api.get(f"/raffles/{raffle['id']}/poster")
    assert f"Winning ticket: {drawn['winning_ticket']}" in after.text
    assert api.get("/raffles/987654321/poster").status_code == 404
