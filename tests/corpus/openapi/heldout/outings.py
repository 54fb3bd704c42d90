"""Acceptance tests for outings.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")
PASSWORD = "teatime42"


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _username() -> str:
    return f"m_{uuid.uuid4().hex[:12]}"


def _signup(api: httpx.Client, display_name: str = "Edna Price") -> dict:
    body = {"username": _username(), "password": PASSWORD, "display_name": display_name}
    response = api.post("/members", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _login(api: httpx.Client, username: str, password: str = PASSWORD) -> str:
    """Logs in on a throwaway client, so the shared `api` client never holds a session."""
    with httpx.Client(base_url=BASE_URL, timeout=15) as anon:
        response = anon.post("/login", json={"username": username, "password": password})
    assert response.status_code == 204, response.text
    sid = response.cookies.get("club_sid")
    assert sid, f"no club_sid cookie set: {response.headers}"
    return sid


@pytest.fixture
def member(api: httpx.Client) -> Iterator[Callable[..., httpx.Client]]:
    """Signs up and logs in a fresh member; yields a client carrying their session cookie."""
    clients: list[httpx.Client] = []

    def make(display_name: str | None = None) -> httpx.Client:
        name = display_name or f"Member {uuid.uuid4().hex[:8]}"
        made = _signup(api, name)
        sid = _login(api, made["username"])
        client = httpx.Client(base_url=BASE_URL, timeout=15, cookies={"club_sid": sid})
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


def _outing(client: httpx.Client, **fields) -> dict:
    body = {
        "destination": f"Kew Gardens {uuid.uuid4().hex[:8]}",
        "date": "2031-06-14",
        "depart_time": "08:30",
        "price": 18.5,
        "seats": 40,
        **fields,
    }
    response = client.post("/outings", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _ids(api: httpx.Client, **params) -> list[int]:
    response = api.get("/outings", params=params)
    assert response.status_code == 200, response.text
    assert isinstance(response.json(), list)
    return [o["id"] for o in response.json()]


def test_signup_is_201_and_a_taken_username_is_409(api: httpx.Client) -> None:
    username = _username()
    body = {"username": username, "password": PASSWORD, "display_name": "Frank Moss"}
    first = api.post("/members", json=body)
    assert first.status_code == 201, first.text
    made = first.json()
    assert isinstance(made["id"], int)
    assert made["username"] == username and made["display_name"] == "Frank Moss"
    assert "password" not in made
    again = api.post("/members", json={**body, "display_name": "Another Frank"})
    assert again.status_code == 409, again.text
    bad = api.post("/members", json={**body, "username": "Frank Moss"})
    assert bad.status_code == 422, bad.text


def test_login_answers_204_with_the_cookie_and_401_on_a_wrong_password(
    api: httpx.Client,
) -> None:
    made = _signup(api)
    good = api.post("/login", json={"username": made["username"], "password": PASSWORD})
    assert good.status_code == 204, good.text
    assert good.content == b""
    assert good.cookies.get("club_sid")
    bad = api.post("/login", json={"username": made["username"], "password": "wrong-one"})
    assert bad.status_code == 401, bad.text


def test_logout_is_204_and_the_old_cookie_stops_working(api: httpx.Client) -> None:
    made = _signup(api)
    sid = _login(api, made["username"])
    with httpx.Client(base_url=BASE_URL, timeout=15, cookies={"club_sid": sid}) as session:
        assert _outing(session)["organiser"] == "Edna Price"
        out = session.post("/logout")
        assert out.status_code == 204, out.text
    with httpx.Client(base_url=BASE_URL, timeout=15, cookies={"club_sid": sid}) as stale:
        body = {
            "destination": "Brighton",
            "date": "2031-07-01",
            "depart_time": "09:00",
            "price": 12,
            "seats": 30,
        }
        assert stale.post("/outings", json=body).status_code == 401


def test_reads_are_public_but_writes_need_the_cookie(api: httpx.Client, member) -> None:
    organiser = member()
    made = _outing(organiser)
    assert api.get("/outings").status_code == 200
    assert api.get(f"/outings/{made['id']}").status_code == 200
    body = {
        "destination": "Brighton",
        "date": "2031-07-01",
        "depart_time": "09:00",
        "price": 12,
        "seats": 30,
    }
    assert api.post("/outings", json=body).status_code == 401
    assert api.patch(f"/outings/{made['id']}", json={"price": 1}).status_code == 401
    assert api.post(f"/outings/{made['id']}/bookings", json={"seats": 1}).status_code == 401
    assert api.get(f"/outings/{made['id']}/passengers").status_code == 401
    assert api.delete(f"/outings/{made['id']}").status_code == 401


def test_a_new_outing_has_defaults_and_computed_seats(member) -> None:
    organiser = member("Dorothy Hill")
    made = _outing(organiser, seats=12)
    assert isinstance(made["id"], int)
    assert made["organiser"] == "Dorothy Hill"
    assert made["pickup_point"] == "Church Hall car park"
    assert made["notes"] is None
    assert made["seats"] == 12 and made["seats_booked"] == 0 and made["seats_left"] == 12
    assert made["price"] == 18.5 and made["date"] == "2031-06-14"
    assert made["depart_time"] == "08:30"


def test_bad_outings_and_bookings_are_422(member) -> None:
    organiser = member()
    base = {
        "destination": "Whitby",
        "date": "2031-08-01",
        "depart_time": "07:45",
        "price": 20,
        "seats": 30,
    }
    for body in (
        {**base, "price": 0},
        {**base, "seats": 0},
        {**base, "seats": 71},
        {**base, "depart_time": "quarter to eight"},
        {k: v for k, v in base.items() if k != "destination"},
    ):
        response = organiser.post("/outings", json=body)
        assert response.status_code == 422, (body, response.text)
    made = _outing(organiser)
    booker = member()
    assert booker.post(f"/outings/{made['id']}/bookings", json={"seats": 5}).status_code == 422
    assert booker.post(f"/outings/{made['id']}/bookings", json={"seats": 0}).status_code == 422


def test_only_the_organiser_changes_or_deletes(member) -> None:
    organiser = member()
    other = member()
    made = _outing(organiser, notes="bring a packed lunch")
    assert other.patch(f"/outings/{made['id']}", json={"price": 5}).status_code == 403
    assert other.delete(f"/outings/{made['id']}").status_code == 403
    changed = organiser.patch(f"/outings/{made['id']}", json={"price": 21})
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert body["price"] == 21 and body["notes"] == "bring a packed lunch"
    assert body["destination"] == made["destination"] and body["seats"] == 40
    assert body["organiser"] == made["organiser"]


def test_booking_fills_seats_and_refuses_twice_or_too_many(member) -> None:
    organiser = member()
    made = _outing(organiser, seats=3)
    edna = member("Edna Price")
    booked = edna.post(
        f"/outings/{made['id']}/bookings", json={"seats": 2, "needs_assistance": True}
    )
    assert booked.status_code == 201, booked.text
    assert booked.json()["member"] == "Edna Price"
    assert booked.json()["seats"] == 2 and booked.json()["needs_assistance"] is True
    after = edna.get(f"/outings/{made['id']}").json()
    assert after["seats_booked"] == 2 and after["seats_left"] == 1
    twice = edna.post(f"/outings/{made['id']}/bookings", json={"seats": 1})
    assert twice.status_code == 409, twice.text
    frank = member("Frank Moss")
    too_many = frank.post(f"/outings/{made['id']}/bookings", json={"seats": 2})
    assert too_many.status_code == 409, too_many.text
    assert frank.get(f"/outings/{made['id']}").json()["seats_left"] == 1
    one = frank.post(f"/outings/{made['id']}/bookings", json={})
    assert one.status_code == 201, one.text
    assert one.json()["seats"] == 1 and one.json()["needs_assistance"] is False
    assert frank.get(f"/outings/{made['id']}").json()["seats_left"] == 0


def test_cancelling_my_booking_is_204_then_404(member) -> None:
    organiser = member()
    made = _outing(organiser, seats=10)
    me = member()
    assert me.post(f"/outings/{made['id']}/bookings", json={"seats": 3}).status_code == 201
    gone = me.delete(f"/outings/{made['id']}/bookings/mine")
    assert gone.status_code == 204, gone.text
    assert me.get(f"/outings/{made['id']}").json()["seats_left"] == 10
    again = me.delete(f"/outings/{made['id']}/bookings/mine")
    assert again.status_code == 404, again.text


def test_seats_below_booked_and_delete_with_bookings_are_409(member) -> None:
    organiser = member()
    made = _outing(organiser, seats=10)
    guest = member()
    assert guest.post(f"/outings/{made['id']}/bookings", json={"seats": 4}).status_code == 201
    shrink = organiser.patch(f"/outings/{made['id']}", json={"seats": 3})
    assert shrink.status_code == 409, shrink.text
    ok = organiser.patch(f"/outings/{made['id']}", json={"seats": 4})
    assert ok.status_code == 200 and ok.json()["seats_left"] == 0
    held = organiser.delete(f"/outings/{made['id']}")
    assert held.status_code == 409, held.text
    assert guest.delete(f"/outings/{made['id']}/bookings/mine").status_code == 204
    gone = organiser.delete(f"/outings/{made['id']}")
    assert gone.status_code == 204, gone.text
    assert organiser.get(f"/outings/{made['id']}").status_code == 404


def test_list_is_soonest_first_with_order_and_filters(api: httpx.Client, member) -> None:
    organiser = member()
    word = uuid.uuid4().hex[:10]
    sea = _outing(organiser, destination=f"Seaside {word}", date="2031-09-20", price=25, seats=1)
    garden = _outing(organiser, destination=f"GARDEN {word}", date="2031-09-05", price=15)
    panto = _outing(organiser, destination=f"panto {word}", date="2031-09-12", price=30)
    assert _ids(api, q=word) == [garden["id"], panto["id"], sea["id"]]
    assert _ids(api, q=word, order="desc") == [sea["id"], panto["id"], garden["id"]]
    assert _ids(api, q=f"garden {word}") == [garden["id"]]
    dates = {"from": "2031-09-12", "to": "2031-09-20"}
    assert _ids(api, q=word, **dates) == [panto["id"], sea["id"]]
    assert _ids(api, q=word, max_price=25) == [garden["id"], sea["id"]]
    booker = member()
    assert booker.post(f"/outings/{sea['id']}/bookings", json={"seats": 1}).status_code == 201
    assert _ids(api, q=word, has_seats="true") == [garden["id"], panto["id"]]


def test_passenger_list_is_plain_text_for_the_organiser_only(member) -> None:
    organiser = member()
    made = _outing(organiser, seats=10)
    suffix = uuid.uuid4().hex[:6]
    frank = member(f"Frank Moss {suffix}")
    edna = member(f"Edna Price {suffix}")
    assert (
        frank.post(
            f"/outings/{made['id']}/bookings",
            json={"seats": 1, "needs_assistance": True},
        ).status_code
        == 201
    )
    assert edna.post(f"/outings/{made['id']}/bookings", json={"seats": 2}).status_code == 201
    refused = frank.get(f"/outings/{made['id']}/passengers")
    assert refused.status_code == 403, refused.text
    response = organiser.get(f"/outings/{made['id']}/passengers")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text.strip().splitlines() == [
        f"Edna Price {suffix} x2",
        f"Frank Moss {suffix} x1 (assistance)",
        "Total: 3 seats",
    ]


def test_unknown_outing_is_404(api: httpx.Client, member) -> None:
    me = member()
    assert api.get("/outings/987654321").status_code == 404
    assert me.patch("/outings/987654321", json={"price": 3}).status_code == 404
    assert me.delete("/outings/987654321").status_code == 404
    assert me.post("/outings/987654321/bookings", json={"seats": 1}).status_code == 404
    assert me.get("/outings/987654321/passengers").status_code == 404
