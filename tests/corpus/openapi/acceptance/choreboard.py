"""Acceptance tests for choreboard.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>

The board is shared by everybody, so listings are checked on the chores a test made itself
(their relative order and presence), never on the whole board.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


@pytest.fixture
def member(api: httpx.Client) -> Iterator[Callable[[], httpx.Client]]:
    """Makes a fresh member and returns a client of their own, holding their session cookie."""
    clients: list[httpx.Client] = []

    def make() -> httpx.Client:
        creds = {"name": f"Flat{uuid.uuid4().hex[:8]}", "password": "dishes-1"}
        assert api.post("/members", json=creds).status_code == 201
        client = httpx.Client(base_url=BASE_URL, timeout=15)
        clients.append(client)
        login = client.post("/session", json=creds)
        assert login.status_code == 204, login.text
        assert client.cookies.get("chores_sid")
        client.name = creds["name"]  # type: ignore[attr-defined]
        return client

    yield make
    for client in clients:
        client.close()


def _chore(who: httpx.Client, title: str, **extra) -> dict:
    response = who.post("/chores", json={"title": title, **extra})
    assert response.status_code == 201, response.text
    return response.json()


def _mine(response: httpx.Response, made: list[dict]) -> list[int]:
    """The ids of `made` as they appear in a listing, in the listing's order."""
    assert response.status_code == 200, response.text
    wanted = {c["id"] for c in made}
    return [c["id"] for c in response.json()["chores"] if c["id"] in wanted]


def test_member_twice_is_409_and_a_wrong_password_is_401(api: httpx.Client) -> None:
    creds = {"name": f"Flat{uuid.uuid4().hex[:8]}", "password": "dishes-1"}
    first = api.post("/members", json=creds)
    assert first.status_code == 201
    assert first.json()["name"] == creds["name"] and "password" not in first.json()
    assert api.post("/members", json=creds).status_code == 409
    assert api.post("/session", json={**creds, "password": "wrong-one"}).status_code == 401


def test_chores_and_scoreboard_need_the_cookie(api: httpx.Client) -> None:
    assert api.get("/chores").status_code == 401
    assert api.post("/chores", json={"title": "Bins"}).status_code == 401
    assert api.get("/scoreboard").status_code == 401
    with httpx.Client(base_url=BASE_URL, timeout=15, cookies={"chores_sid": "made-up"}) as stranger:
        assert stranger.get("/chores").status_code == 401


def test_logout_is_204_and_the_old_cookie_stops_working(member) -> None:
    ann = member()
    sid = ann.cookies.get("chores_sid")
    assert ann.get("/chores").status_code == 200
    assert ann.delete("/session").status_code == 204
    with httpx.Client(base_url=BASE_URL, timeout=15, cookies={"chores_sid": sid}) as old:
        assert old.get("/chores").status_code == 401


def test_a_new_chore_has_defaults(member) -> None:
    ann = member()
    chore = _chore(ann, "Water the plants")
    assert isinstance(chore["id"], int)
    assert chore["room"] == "other" and chore["points"] == 1
    assert chore["done"] is False and chore["assignee"] is None
    assert chore["created_by"] == ann.name


def test_bad_input_is_400(member) -> None:
    ann = member()
    assert ann.post("/chores", json={"room": "kitchen"}).status_code == 400
    assert ann.post("/chores", json={"title": "Mop", "points": 11}).status_code == 400
    assert ann.post("/chores", json={"title": "Mop", "room": "garage"}).status_code == 400


def test_everyone_sees_the_same_board(member) -> None:
    ann, bob = member(), member()
    chore = _chore(ann, "Descale kettle", room="kitchen", points=3)
    got = bob.get(f"/chores/{chore['id']}")
    assert got.status_code == 200 and got.json()["title"] == "Descale kettle"
    assert _mine(bob.get("/chores"), [chore]) == [chore["id"]]


def test_claim_then_someone_else_is_409(member) -> None:
    ann, bob, cid = member(), member(), member()
    chore = _chore(ann, "Clean the fridge", room="kitchen")
    claimed = bob.post(f"/chores/{chore['id']}/claim")
    assert claimed.status_code == 200, claimed.text
    assert claimed.json()["assignee"] == bob.name
    assert cid.post(f"/chores/{chore['id']}/claim").status_code == 409
    assert bob.post(f"/chores/{chore['id']}/claim").status_code == 200


def test_only_the_assignee_marks_done_and_twice_is_409(member) -> None:
    ann, bob = member(), member()
    chore = _chore(ann, "Scrub the bathtub", room="bathroom", points=4)
    assert ann.post(f"/chores/{chore['id']}/done").status_code == 403
    assert bob.post(f"/chores/{chore['id']}/claim").status_code == 200
    assert ann.post(f"/chores/{chore['id']}/done").status_code == 403
    done = bob.post(f"/chores/{chore['id']}/done")
    assert done.status_code == 200
    assert done.json()["done"] is True and done.json()["done_at"] is not None
    assert bob.post(f"/chores/{chore['id']}/done").status_code == 409


def test_only_the_creator_deletes(member) -> None:
    ann, bob = member(), member()
    chore = _chore(ann, "Hoover hallway", room="hallway")
    assert bob.delete(f"/chores/{chore['id']}").status_code == 403
    assert ann.delete(f"/chores/{chore['id']}").status_code == 204
    assert ann.get(f"/chores/{chore['id']}").status_code == 404


def test_board_is_an_envelope_soonest_due_first_undated_last(member) -> None:
    ann = member()
    undated = _chore(ann, "Someday: sort the cellar")
    late = _chore(ann, "Defrost freezer", due_on="2031-03-20")
    early = _chore(ann, "Bins out", due_on="2031-03-02")
    listed = ann.get("/chores")
    assert isinstance(listed.json()["chores"], list)
    assert _mine(listed, [undated, late, early]) == [early["id"], late["id"], undated["id"]]


def test_room_done_and_due_before_filters(member) -> None:
    ann = member()
    a = _chore(ann, "Wipe hob", room="kitchen", due_on="2031-04-10")
    b = _chore(ann, "Empty dishwasher", room="kitchen", due_on="2031-04-20")
    c = _chore(ann, "Clean mirror", room="bathroom", due_on="2031-04-21")
    made = [a, b, c]
    assert _mine(ann.get("/chores", params={"room": "kitchen"}), made) == [a["id"], b["id"]]
    assert _mine(ann.get("/chores", params={"due_before": "2031-04-20"}), made) == [
        a["id"],
        b["id"],
    ]
    ann.post(f"/chores/{c['id']}/claim")
    ann.post(f"/chores/{c['id']}/done")
    assert _mine(ann.get("/chores", params={"done": "true"}), made) == [c["id"]]
    assert _mine(ann.get("/chores", params={"done": "false"}), made) == [a["id"], b["id"]]


def test_mine_lists_what_is_assigned_to_me(member) -> None:
    ann, bob = member(), member()
    one = _chore(ann, "Towels to laundry", due_on="2031-05-01")
    two = _chore(ann, "Buy soap", due_on="2031-05-02")
    _chore(ann, "Fix the shelf", due_on="2031-05-03")
    bob.post(f"/chores/{two['id']}/claim")
    bob.post(f"/chores/{one['id']}/claim")
    mine = bob.get("/chores", params={"mine": "true"})
    assert mine.status_code == 200
    assert [c["id"] for c in mine.json()["chores"]] == [one["id"], two["id"]]
    assert ann.get("/chores", params={"mine": "true"}).json()["chores"] == []


def test_scoreboard_is_plain_text_most_points_first(member) -> None:
    ann, bob, cid = member(), member(), member()
    for who, points in ((ann, 3), (bob, 7), (bob, 2)):
        chore = _chore(cid, f"Task for {who.name}", points=points)
        assert who.post(f"/chores/{chore['id']}/claim").status_code == 200
        assert who.post(f"/chores/{chore['id']}/done").status_code == 200
    response = cid.get("/scoreboard")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    lines = [line.strip() for line in response.text.splitlines() if line.strip()]
    assert f"{ann.name}: 3" in lines and f"{bob.name}: 9" in lines
    assert lines.index(f"{bob.name}: 9") < lines.index(f"{ann.name}: 3")
    assert not any(line.startswith(f"{cid.name}:") for line in lines)


def test_unknown_chore_is_404(member) -> None:
    ann = member()
    assert ann.get("/chores/987654321").status_code == 404
    assert ann.post("/chores/987654321/claim").status_code == 404
    assert ann.post("/chores/987654321/done").status_code == 404
    assert ann.delete("/chores/987654321").status_code == 404
