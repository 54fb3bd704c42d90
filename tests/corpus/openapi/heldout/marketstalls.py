"""Acceptance tests for marketstalls.md, written from the document and its prose only.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import datetime as dt
import os
import random
import uuid
from collections.abc import Iterator

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _word() -> str:
    """A word only this test puts in trader names, so `q` isolates its bookings."""
    return f"xw{uuid.uuid4().hex[:10]}"


def _saturday() -> dt.date:
    """A random far-future Saturday, so that tests never share a market day."""
    day = dt.date(2100, 1, 1) + dt.timedelta(days=random.randrange(0, 250_000))
    return day + dt.timedelta(days=(5 - day.weekday()) % 7)


def _book(
    api: httpx.Client,
    day: dt.date,
    pitch: int,
    trader: str,
    category: str = "produce",
    **extra,
) -> dict:
    body = {
        "market_date": day.isoformat(),
        "pitch": pitch,
        "trader": trader,
        "category": category,
        **extra,
    }
    response = api.post("/bookings", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _list(api: httpx.Client, **params) -> dict:
    response = api.get("/bookings", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _ids(api: httpx.Client, **params) -> list[int]:
    return [b["id"] for b in _list(api, **params)["data"]]


def test_a_booking_gets_a_fee_and_defaults(api: httpx.Client) -> None:
    day = _saturday()
    plain = _book(api, day, 3, f"Hill Farm {_word()}", "dairy")
    assert isinstance(plain["id"], int)
    assert plain["market_date"] == day.isoformat() and plain["pitch"] == 3
    assert plain["category"] == "dairy"
    assert plain["electricity"] is False and plain["checked_in"] is False
    assert plain["fee"] == pytest.approx(12.0)
    powered = _book(api, day, 4, f"Soup Van {_word()}", "hot_food", electricity=True, notes="gen")
    assert powered["fee"] == pytest.approx(16.5) and powered["notes"] == "gen"
    got = api.get(f"/bookings/{powered['id']}")
    assert got.status_code == 200
    assert got.json()["trader"] == powered["trader"] and got.json()["fee"] == pytest.approx(16.5)


def test_a_pitch_is_booked_once_per_market_day(api: httpx.Client) -> None:
    day = _saturday()
    _book(api, day, 12, f"Baker {_word()}", "bakery")
    clash = {"market_date": day.isoformat(), "pitch": 12, "trader": "Other", "category": "fish"}
    assert api.post("/bookings", json=clash).status_code == 409
    later = day + dt.timedelta(days=7)
    assert _book(api, later, 12, f"Other {_word()}", "fish")["pitch"] == 12
    assert _book(api, day, 13, f"Other {_word()}", "fish")["pitch"] == 13


def test_invalid_bookings_are_422(api: httpx.Client) -> None:
    day = _saturday()
    good = {"market_date": day.isoformat(), "pitch": 5, "trader": "Valid", "category": "meat"}
    friday = (day - dt.timedelta(days=1)).isoformat()
    assert api.post("/bookings", json={**good, "market_date": friday}).status_code == 422
    sunday = (day + dt.timedelta(days=1)).isoformat()
    assert api.post("/bookings", json={**good, "market_date": sunday}).status_code == 422
    assert api.post("/bookings", json={**good, "pitch": 0}).status_code == 422
    assert api.post("/bookings", json={**good, "pitch": 41}).status_code == 422
    assert api.post("/bookings", json={**good, "category": "flowers"}).status_code == 422
    no_trader = {k: v for k, v in good.items() if k != "trader"}
    assert api.post("/bookings", json=no_trader).status_code == 422
    assert api.get("/bookings", params={"market_date": day.isoformat()}).json()["total"] == 0


def test_list_envelope_defaults_to_date_then_pitch(api: httpx.Client) -> None:
    word = _word()
    day = _saturday()
    next_week = day + dt.timedelta(days=7)
    later_low = _book(api, next_week, 2, f"A {word}")
    early_high = _book(api, day, 30, f"B {word}")
    early_low = _book(api, day, 7, f"C {word}")
    listed = _list(api, q=word)
    assert [b["id"] for b in listed["data"]] == [early_low["id"], early_high["id"], later_low["id"]]
    assert listed["total"] == 3 and listed["limit"] == 25 and listed["offset"] == 0
    assert _ids(api, q=word, sort="date") == [early_low["id"], early_high["id"], later_low["id"]]


def test_latest_day_first_and_by_trader(api: httpx.Client) -> None:
    word = _word()
    day = _saturday()
    next_week = day + dt.timedelta(days=7)
    olive = _book(api, day, 9, f"olive grove {word}")
    bread = _book(api, day, 1, f"Bread Box {word}")
    cheese = _book(api, next_week, 20, f"Cheese Hut {word}")
    assert _ids(api, q=word, sort="-date") == [cheese["id"], bread["id"], olive["id"]]
    assert _ids(api, q=word, sort="trader") == [bread["id"], cheese["id"], olive["id"]]


def test_limit_and_offset_page_through_with_a_total(api: httpx.Client) -> None:
    word = _word()
    day = _saturday()
    made = [_book(api, day, pitch, f"Stall {pitch} {word}") for pitch in (1, 2, 3, 4, 5)]
    page = _list(api, q=word, limit=2, offset=2)
    assert [b["id"] for b in page["data"]] == [made[2]["id"], made[3]["id"]]
    assert page["total"] == 5 and page["limit"] == 2 and page["offset"] == 2
    assert _ids(api, q=word, limit=2, offset=4) == [made[4]["id"]]


def test_market_date_and_inclusive_from_to(api: httpx.Client) -> None:
    word = _word()
    day = _saturday()
    weeks = [day + dt.timedelta(days=7 * n) for n in range(4)]
    made = [_book(api, when, 10, f"Eggs {word}") for when in weeks]
    assert _ids(api, q=word, market_date=weeks[1].isoformat()) == [made[1]["id"]]
    window = {"from": weeks[1].isoformat(), "to": weeks[2].isoformat()}
    assert _ids(api, q=word, **window) == [made[1]["id"], made[2]["id"]]
    assert _ids(api, q=word, **{"from": weeks[3].isoformat()}) == [made[3]["id"]]
    assert _ids(api, q=word, to=weeks[0].isoformat()) == [made[0]["id"]]


def test_category_electricity_and_case_insensitive_q(api: httpx.Client) -> None:
    word = _word()
    day = _saturday()
    fish = _book(api, day, 1, f"Harbour Fish {word}", "fish", electricity=True)
    pots = _book(api, day, 2, f"Clay Pots {word}", "crafts")
    pies = _book(api, day, 3, f"Pie Shack {word}", "hot_food", electricity=True)
    assert _ids(api, q=word, category="crafts") == [pots["id"]]
    assert _ids(api, q=word, electricity="true") == [fish["id"], pies["id"]]
    assert _ids(api, q=word, electricity="false") == [pots["id"]]
    assert _ids(api, q=f"pIE sHACK {word}") == [pies["id"]]
    assert _list(api, q=word.upper())["total"] == 3


def test_patch_changes_only_what_is_sent(api: httpx.Client) -> None:
    day = _saturday()
    made = _book(api, day, 15, f"Jam Jars {_word()}", "produce", notes="near the fountain")
    _book(api, day, 16, f"Neighbour {_word()}")
    patched = api.patch(f"/bookings/{made['id']}", json={"electricity": True})
    assert patched.status_code == 200
    body = patched.json()
    assert body["electricity"] is True and body["fee"] == pytest.approx(16.5)
    assert body["trader"] == made["trader"] and body["notes"] == "near the fountain"
    assert body["pitch"] == 15 and body["market_date"] == day.isoformat()
    assert api.patch(f"/bookings/{made['id']}", json={"pitch": 16}).status_code == 409
    moved = api.patch(f"/bookings/{made['id']}", json={"pitch": 17, "electricity": False})
    assert moved.status_code == 200
    assert moved.json()["pitch"] == 17 and moved.json()["fee"] == pytest.approx(12.0)
    assert api.patch(f"/bookings/{made['id']}", json={"category": "toys"}).status_code == 422


def test_check_in_once(api: httpx.Client) -> None:
    word = _word()
    day = _saturday()
    made = _book(api, day, 21, f"Honey {word}")
    other = _book(api, day, 22, f"Honey {word}")
    arrived = api.post(f"/bookings/{made['id']}/check-in")
    assert arrived.status_code == 200 and arrived.json()["checked_in"] is True
    assert api.post(f"/bookings/{made['id']}/check-in").status_code == 409
    assert api.get(f"/bookings/{made['id']}").json()["checked_in"] is True
    assert _ids(api, q=word, checked_in="true") == [made["id"]]
    assert _ids(api, q=word, checked_in="false") == [other["id"]]


def test_delete_is_204_then_404_and_frees_the_pitch(api: httpx.Client) -> None:
    day = _saturday()
    made = _book(api, day, 33, f"Mistake {_word()}")
    assert api.delete(f"/bookings/{made['id']}").status_code == 204
    assert api.get(f"/bookings/{made['id']}").status_code == 404
    assert api.delete(f"/bookings/{made['id']}").status_code == 404
    assert _book(api, day, 33, f"Rebooked {_word()}")["pitch"] == 33


def test_board_is_html_in_pitch_order_with_names_escaped(api: httpx.Client) -> None:
    day = _saturday()
    word = _word()
    _book(api, day, 25, f"Zed Apples {word}")
    _book(api, day, 4, f"<Crumbs & Co> {word}", "bakery")
    response = api.get(f"/days/{day.isoformat()}/board")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    text = response.text
    assert "<Crumbs & Co>" not in text
    assert "&lt;Crumbs &amp; Co&gt;" in text
    assert text.index("Crumbs") < text.index("Zed Apples")
    empty = api.get(f"/days/{_saturday().isoformat()}/board")
    assert empty.status_code == 200 and empty.headers["content-type"].startswith("text/html")
    assert word not in empty.text


def test_an_unknown_booking_is_404(api: httpx.Client) -> None:
    assert api.get("/bookings/987654321").status_code == 404
    assert api.patch("/bookings/987654321", json={"notes": "x"}).status_code == 404
    assert api.delete("/bookings/987654321").status_code == 404
    assert api.post("/bookings/987654321/check-in").status_code == 404
