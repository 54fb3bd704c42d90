"""Acceptance tests for setlists.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
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
def member() -> Iterator[Callable[[], httpx.Client]]:
    """Makes signed-in musicians, each with their own client (own cookie jar)."""
    clients: list[httpx.Client] = []

    def make() -> httpx.Client:
        client = httpx.Client(base_url=BASE_URL, timeout=15)
        clients.append(client)
        creds = _creds()
        assert client.post("/signup", json=creds).status_code == 201
        login = client.post("/login", json=creds)
        assert login.status_code == 200, login.text
        assert "bandsid" in login.cookies or "bandsid" in client.cookies
        return client

    yield make
    for client in clients:
        client.close()


def _creds() -> dict[str, str]:
    return {"username": f"m{uuid.uuid4().hex[:12]}", "password": "feedback-loop"}


def _setlist(who: httpx.Client, gig_date: str = "2099-05-01", name: str = "", **extra) -> dict:
    body = {"name": name or f"Gig {uuid.uuid4().hex[:8]}", "gig_date": gig_date, **extra}
    response = who.post("/setlists", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _song(who: httpx.Client, setlist: dict, title: str, seconds: int, **extra) -> dict:
    body = {"title": title, "seconds": seconds, **extra}
    response = who.post(f"/setlists/{setlist['id']}/songs", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def test_signup_twice_is_409_and_a_wrong_password_is_401(api: httpx.Client) -> None:
    creds = _creds()
    first = api.post("/signup", json=creds)
    assert first.status_code == 201
    assert first.json()["username"] == creds["username"] and "password" not in first.json()
    assert api.post("/signup", json=creds).status_code == 409
    bad = api.post("/login", json={"username": creds["username"], "password": "wrong-password"})
    assert bad.status_code == 401


def test_setlists_need_the_cookie(api: httpx.Client) -> None:
    assert api.get("/setlists").status_code == 401
    assert api.post("/setlists", json={"name": "x", "gig_date": "2099-01-01"}).status_code == 401


def test_logout_is_204_and_the_old_cookie_stops_working(api: httpx.Client, member) -> None:
    me = member()
    old = me.cookies.get("bandsid")
    assert old
    assert me.get("/setlists").status_code == 200
    assert me.post("/logout").status_code == 204
    assert api.get("/setlists", headers={"Cookie": f"bandsid={old}"}).status_code == 401


def test_a_new_setlist_is_empty(member) -> None:
    me = member()
    made = _setlist(me, "2099-06-01", venue="Rosie's")
    assert isinstance(made["id"], int) and made["venue"] == "Rosie's"
    assert made["gig_date"] == "2099-06-01"
    assert made["songs"] == [] and made["song_count"] == 0 and made["total_seconds"] == 0


def test_names_are_unique_per_user_only(member) -> None:
    me, mate = member(), member()
    name = f"Friday @ Rosie's {uuid.uuid4().hex[:6]}"
    _setlist(me, name=name)
    assert me.post("/setlists", json={"name": name, "gig_date": "2099-07-01"}).status_code == 409
    assert mate.post("/setlists", json={"name": name, "gig_date": "2099-07-01"}).status_code == 201


def test_i_only_see_my_own_setlists_earliest_gig_first(member) -> None:
    me, mate = member(), member()
    late = _setlist(me, "2099-09-01")
    early = _setlist(me, "2099-03-01")
    theirs = _setlist(mate, "2099-01-01")
    listed = me.get("/setlists")
    assert listed.status_code == 200
    assert [s["id"] for s in listed.json()["setlists"]] == [early["id"], late["id"]]
    assert mate.get(f"/setlists/{early['id']}").status_code == 404
    assert me.get(f"/setlists/{theirs['id']}").status_code == 404
    assert mate.delete(f"/setlists/{early['id']}").status_code == 404
    song = {"title": "x", "seconds": 5}
    assert mate.post(f"/setlists/{early['id']}/songs", json=song).status_code == 404


def test_upcoming_keeps_gigs_from_today_on(member) -> None:
    me = member()
    _setlist(me, "2001-05-01")
    future = _setlist(me, "2099-05-01")
    everything = me.get("/setlists").json()["setlists"]
    assert len(everything) == 2
    upcoming = me.get("/setlists", params={"upcoming": "true"}).json()["setlists"]
    assert [s["id"] for s in upcoming] == [future["id"]]


def test_songs_are_appended_and_counted(member) -> None:
    me = member()
    made = _setlist(me)
    first = _song(me, made, "Mustang Sally", 205, key="C")
    second = _song(me, made, "Proud Mary", 190)
    assert first["position"] == 1 and second["position"] == 2 and first["key"] == "C"
    got = me.get(f"/setlists/{made['id']}").json()
    assert [s["title"] for s in got["songs"]] == ["Mustang Sally", "Proud Mary"]
    assert got["song_count"] == 2 and got["total_seconds"] == 395
    listed = me.get("/setlists").json()["setlists"]
    assert [s["song_count"] for s in listed if s["id"] == made["id"]] == [2]


def test_removing_a_song_closes_the_gap(member) -> None:
    me = member()
    made = _setlist(me)
    a = _song(me, made, "Alpha", 100)
    b = _song(me, made, "Bravo", 100)
    c = _song(me, made, "Charlie", 100)
    assert me.delete(f"/setlists/{made['id']}/songs/{b['id']}").status_code == 204
    songs = me.get(f"/setlists/{made['id']}").json()["songs"]
    assert [(s["id"], s["position"]) for s in songs] == [(a["id"], 1), (c["id"], 2)]
    assert me.delete(f"/setlists/{made['id']}/songs/{b['id']}").status_code == 404


def test_print_is_plain_text_with_minutes_and_seconds(member) -> None:
    me = member()
    name = f"Saturday {uuid.uuid4().hex[:6]}"
    made = _setlist(me, name=name)
    _song(me, made, "Mustang Sally", 205)
    _song(me, made, "Brown Eyed Girl", 183)
    _song(me, made, "Hey Jude", 425)
    response = me.get(f"/setlists/{made['id']}/print")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    lines = [line.strip() for line in response.text.splitlines() if line.strip()]
    assert lines == [
        name,
        "1. Mustang Sally (3:25)",
        "2. Brown Eyed Girl (3:03)",
        "3. Hey Jude (7:05)",
    ]


def test_delete_setlist_is_204_then_404(member) -> None:
    me = member()
    made = _setlist(me)
    _song(me, made, "Alpha", 100)
    assert me.delete(f"/setlists/{made['id']}").status_code == 204
    assert me.get(f"/setlists/{made['id']}").status_code == 404
    assert me.get(f"/setlists/{made['id']}/print").status_code == 404
