"""Acceptance tests for foodshare.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")
PASSWORD = "leftover-soup"


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _name() -> str:
    return f"nb{uuid.uuid4().hex[:12]}"


def _area() -> str:
    """An area no other test uses, so `area=` isolates this test's offers."""
    return f"Street {uuid.uuid4().hex[:10]}"


def _neighbour(api: httpx.Client) -> tuple[str, dict[str, str]]:
    """Sign up and log in a fresh neighbour; return the username and auth headers."""
    username = _name()
    signup = api.post("/neighbours", json={"username": username, "password": PASSWORD})
    assert signup.status_code == 201, signup.text
    token = api.post("/token", data={"username": username, "password": PASSWORD})
    assert token.status_code == 200, token.text
    return username, {"Authorization": f"Bearer {token.json()['access_token']}"}


def _offer(api: httpx.Client, headers: dict[str, str], area: str, **extra) -> dict:
    body = {
        "title": f"Soup {uuid.uuid4().hex[:6]}",
        "kind": "cooked",
        "portions": 4,
        "best_before": "2031-07-10",
        "area": area,
        **extra,
    }
    response = api.post("/offers", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def _reserve(api: httpx.Client, headers: dict[str, str], offer_id: int, **body) -> httpx.Response:
    return api.post(f"/offers/{offer_id}/reservations", json=body, headers=headers)


def _board(api: httpx.Client, **params) -> list[dict]:
    response = api.get("/offers", params=params)
    assert response.status_code == 200, response.text
    assert isinstance(response.json(), list), response.text
    return response.json()


def _ids(api: httpx.Client, **params) -> list[int]:
    return [o["id"] for o in _board(api, **params)]


def test_signup_is_201_and_409_on_a_taken_name_ignoring_case(api: httpx.Client) -> None:
    username = _name()
    response = api.post(
        "/neighbours", json={"username": username, "password": PASSWORD, "area": "Elm"}
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["username"] == username and isinstance(body["id"], int)
    assert "password" not in body
    again = api.post("/neighbours", json={"username": username.upper(), "password": PASSWORD})
    assert again.status_code == 409, again.text


def test_token_is_a_form_login_and_wrong_password_is_401(api: httpx.Client) -> None:
    username = _name()
    api.post("/neighbours", json={"username": username, "password": PASSWORD})
    response = api.post("/token", data={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    body = response.json()
    assert isinstance(body["access_token"], str) and body["access_token"]
    assert body["token_type"].lower() == "bearer"
    wrong = api.post("/token", data={"username": username, "password": "not-it"})
    assert wrong.status_code == 401, wrong.text


def test_reads_are_public_and_writes_need_a_token(api: httpx.Client) -> None:
    _, headers = _neighbour(api)
    area = _area()
    offer = _offer(api, headers, area)
    assert api.get("/offers", params={"area": area}).status_code == 200
    assert api.get(f"/offers/{offer['id']}").status_code == 200
    body = {
        "title": "Bread",
        "kind": "bakery",
        "portions": 2,
        "best_before": "2031-07-01",
    }
    assert api.post("/offers", json={**body, "area": area}).status_code == 401
    assert api.patch(f"/offers/{offer['id']}", json={"title": "x"}).status_code == 401
    assert api.post(f"/offers/{offer['id']}/reservations", json={}).status_code == 401
    assert api.get(f"/offers/{offer['id']}/reservations").status_code == 401
    assert api.delete(f"/offers/{offer['id']}").status_code == 401
    bad = {"Authorization": "Bearer not-a-real-token"}
    assert api.post("/offers", json={**body, "area": area}, headers=bad).status_code == 401


def test_new_offer_shape_and_server_set_fields(api: httpx.Client) -> None:
    username, headers = _neighbour(api)
    area = _area()
    made = _offer(api, headers, area, title="Apples", kind="produce", portions=6, posted_by="x")
    assert isinstance(made["id"], int)
    assert made["title"] == "Apples" and made["kind"] == "produce"
    assert made["portions"] == 6 and made["portions_left"] == 6
    assert made["best_before"] == "2031-07-10" and made["area"] == area
    assert made["posted_by"] == username
    assert made["description"] is None
    assert api.get(f"/offers/{made['id']}").json()["posted_by"] == username
    assert api.get("/offers/987654321").status_code == 404


def test_bad_input_is_400(api: httpx.Client) -> None:
    _, headers = _neighbour(api)
    area = _area()
    good = {
        "title": "Rice",
        "kind": "pantry",
        "portions": 3,
        "best_before": "2031-07-10",
        "area": area,
    }
    for broken in (
        {k: v for k, v in good.items() if k != "title"},
        {**good, "portions": 0},
        {**good, "portions": 21},
        {**good, "kind": "frozen"},
        {**good, "best_before": "next tuesday"},
    ):
        response = api.post("/offers", json=broken, headers=headers)
        assert response.status_code == 400, (broken, response.text)
    offer = _offer(api, headers, area)
    _, other = _neighbour(api)
    zero = _reserve(api, other, offer["id"], portions=0)
    assert zero.status_code == 400, zero.text
    assert _ids(api, area=area) == [offer["id"]]


def test_only_the_poster_edits_or_deletes(api: httpx.Client) -> None:
    _, alice = _neighbour(api)
    _, bob = _neighbour(api)
    area = _area()
    offer = _offer(api, alice, area, title="Lentil soup", description="spicy")
    assert (
        api.patch(f"/offers/{offer['id']}", json={"title": "Mine"}, headers=bob).status_code == 403
    )
    assert api.delete(f"/offers/{offer['id']}", headers=bob).status_code == 403
    patched = api.patch(f"/offers/{offer['id']}", json={"portions": 8}, headers=alice)
    assert patched.status_code == 200, patched.text
    body = patched.json()
    assert body["portions"] == 8 and body["portions_left"] == 8
    assert body["title"] == "Lentil soup" and body["description"] == "spicy"
    assert body["kind"] == "cooked" and body["area"] == area


def test_board_is_sorted_by_best_before(api: httpx.Client) -> None:
    _, headers = _neighbour(api)
    area = _area()
    mid = _offer(api, headers, area, best_before="2031-08-05")
    soon = _offer(api, headers, area, best_before="2031-08-01")
    late = _offer(api, headers, area, best_before="2031-08-09")
    assert _ids(api, area=area) == [soon["id"], mid["id"], late["id"]]
    assert _ids(api, area=area, sort="best_before") == [
        soon["id"],
        mid["id"],
        late["id"],
    ]
    assert _ids(api, area=area, sort="-best_before") == [
        late["id"],
        mid["id"],
        soon["id"],
    ]


def test_kind_area_q_and_available_filters(api: httpx.Client) -> None:
    _, alice = _neighbour(api)
    _, bob = _neighbour(api)
    area = _area()
    bread = _offer(api, alice, area, title="Sourdough LOAF", kind="bakery", portions=1)
    buns = _offer(api, alice, area, title="cinnamon buns", kind="bakery", best_before="2031-07-11")
    apples = _offer(api, alice, area, title="Apples", kind="produce", best_before="2031-07-12")
    assert _ids(api, area=area.lower()) == [bread["id"], buns["id"], apples["id"]]
    assert _ids(api, area=area.upper(), kind="bakery") == [bread["id"], buns["id"]]
    assert _ids(api, area=area, q="loaf") == [bread["id"]]
    assert _reserve(api, bob, bread["id"]).status_code == 201
    assert _ids(api, area=area, available="true") == [buns["id"], apples["id"]]
    assert _ids(api, area=area, available="false") == [bread["id"]]


def test_reserving_counts_down_and_refuses_own_or_too_many(api: httpx.Client) -> None:
    _, alice = _neighbour(api)
    bob_name, bob = _neighbour(api)
    offer = _offer(api, alice, _area(), portions=3)
    one = _reserve(api, bob, offer["id"])
    assert one.status_code == 201, one.text
    body = one.json()
    assert body["portions"] == 1 and body["neighbour"] == bob_name
    assert body["offer_id"] == offer["id"] and isinstance(body["id"], int)
    assert api.get(f"/offers/{offer['id']}").json()["portions_left"] == 2
    own = _reserve(api, alice, offer["id"], portions=1)
    assert own.status_code == 403, own.text
    too_many = _reserve(api, bob, offer["id"], portions=3)
    assert too_many.status_code == 409, too_many.text
    assert api.get(f"/offers/{offer['id']}").json()["portions_left"] == 2
    rest = _reserve(api, bob, offer["id"], portions=2)
    assert rest.status_code == 201, rest.text
    assert api.get(f"/offers/{offer['id']}").json()["portions_left"] == 0
    assert _reserve(api, bob, 987654321).status_code == 404


def test_reservation_list_is_for_the_poster_only_oldest_first(
    api: httpx.Client,
) -> None:
    _, alice = _neighbour(api)
    bob_name, bob = _neighbour(api)
    carol_name, carol = _neighbour(api)
    offer = _offer(api, alice, _area(), portions=5)
    first = _reserve(api, bob, offer["id"], portions=2).json()
    second = _reserve(api, carol, offer["id"]).json()
    assert api.get(f"/offers/{offer['id']}/reservations", headers=bob).status_code == 403
    response = api.get(f"/offers/{offer['id']}/reservations", headers=alice)
    assert response.status_code == 200, response.text
    rows = response.json()
    assert [r["id"] for r in rows] == [first["id"], second["id"]]
    assert [r["neighbour"] for r in rows] == [bob_name, carol_name]
    assert [r["portions"] for r in rows] == [2, 1]


def test_cancel_own_reservation_gives_portions_back(api: httpx.Client) -> None:
    _, alice = _neighbour(api)
    _, bob = _neighbour(api)
    _, carol = _neighbour(api)
    offer = _offer(api, alice, _area(), portions=4)
    reservation = _reserve(api, bob, offer["id"], portions=3).json()
    assert api.delete(f"/reservations/{reservation['id']}", headers=carol).status_code == 403
    assert api.get(f"/offers/{offer['id']}").json()["portions_left"] == 1
    gone = api.delete(f"/reservations/{reservation['id']}", headers=bob)
    assert gone.status_code == 204, gone.text
    assert api.get(f"/offers/{offer['id']}").json()["portions_left"] == 4
    assert api.delete(f"/reservations/{reservation['id']}", headers=bob).status_code == 404


def test_offer_delete_is_409_while_reserved_then_204(api: httpx.Client) -> None:
    _, alice = _neighbour(api)
    _, bob = _neighbour(api)
    offer = _offer(api, alice, _area())
    reservation = _reserve(api, bob, offer["id"]).json()
    held = api.delete(f"/offers/{offer['id']}", headers=alice)
    assert held.status_code == 409, held.text
    assert api.get(f"/offers/{offer['id']}").status_code == 200
    api.delete(f"/reservations/{reservation['id']}", headers=bob)
    assert api.delete(f"/offers/{offer['id']}", headers=alice).status_code == 204
    assert api.get(f"/offers/{offer['id']}").status_code == 404


def test_patch_portions_below_reserved_is_409(api: httpx.Client) -> None:
    _, alice = _neighbour(api)
    _, bob = _neighbour(api)
    offer = _offer(api, alice, _area(), portions=5)
    _reserve(api, bob, offer["id"], portions=3)
    low = api.patch(f"/offers/{offer['id']}", json={"portions": 2}, headers=alice)
    assert low.status_code == 409, low.text
    assert api.get(f"/offers/{offer['id']}").json()["portions"] == 5
    ok = api.patch(f"/offers/{offer['id']}", json={"portions": 3}, headers=alice)
    assert ok.status_code == 200, ok.text
    assert ok.json()["portions_left"] == 0
