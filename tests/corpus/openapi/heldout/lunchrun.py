"""Acceptance tests for lunchrun.md, written from the document and its prose only.

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
def colleague() -> Iterator[Callable[[], httpx.Client]]:
    """Signs up and logs in a colleague; each has their own client and cookie jar.

    The client's `username` attribute holds the name they signed up with.
    """
    clients: list[httpx.Client] = []

    def make() -> httpx.Client:
        client = httpx.Client(base_url=BASE_URL, timeout=15)
        clients.append(client)
        creds = _creds()
        assert client.post("/signup", json=creds).status_code == 201
        login = client.post("/login", json=creds)
        assert login.status_code == 200, login.text
        assert "lunch_sid" in login.cookies or "lunch_sid" in client.cookies
        client.username = creds["username"]  # type: ignore[attr-defined]
        return client

    yield make
    for client in clients:
        client.close()


def _creds() -> dict[str, str]:
    return {"username": f"u{uuid.uuid4().hex[:12]}", "password": "falafel-wrap"}


def _word() -> str:
    return f"zq{uuid.uuid4().hex[:10]}"


def _run(who: httpx.Client, restaurant: str = "", **extra) -> dict:
    body = {"restaurant": restaurant or f"Deli {_word()}", **extra}
    response = who.post("/runs", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _line(who: httpx.Client, run: dict, item: str, price: float, **extra) -> dict:
    response = who.post(f"/runs/{run['id']}/lines", json={"item": item, "price": price, **extra})
    assert response.status_code == 201, response.text
    return response.json()


def _ids(who: httpx.Client, **params) -> list[int]:
    response = who.get("/runs", params=params)
    assert response.status_code == 200, response.text
    assert isinstance(response.json(), list)
    return [r["id"] for r in response.json()]


def test_signup_twice_is_409_and_a_bad_password_is_401(api: httpx.Client) -> None:
    creds = _creds()
    first = api.post("/signup", json=creds)
    assert first.status_code == 201
    assert first.json()["username"] == creds["username"] and isinstance(first.json()["id"], int)
    assert "password" not in first.json()
    assert api.post("/signup", json=creds).status_code == 409
    wrong = api.post("/login", json={"username": creds["username"], "password": "kebab-plate"})
    assert wrong.status_code == 401


def test_runs_need_a_session_and_logout_ends_it(api: httpx.Client, colleague) -> None:
    assert api.get("/runs").status_code == 401
    assert api.post("/runs", json={"restaurant": "Noodle Bar"}).status_code == 401
    me = colleague()
    cookie = me.cookies.get("lunch_sid")
    assert cookie
    assert me.get("/runs").status_code == 200
    assert me.post("/logout").status_code == 204
    assert api.get("/runs", headers={"Cookie": f"lunch_sid={cookie}"}).status_code == 401


def test_a_new_run_is_open_empty_and_mine(colleague) -> None:
    me = colleague()
    made = _run(me, "Pho Corner", leaves_at="12:15")
    assert isinstance(made["id"], int)
    assert made["restaurant"] == "Pho Corner" and made["leaves_at"] == "12:15"
    assert made["organiser"] == me.username and made["status"] == "open"
    assert made["line_count"] == 0 and made["total"] == 0 and made["lines"] == []
    got = me.get(f"/runs/{made['id']}")
    assert got.status_code == 200 and got.json()["organiser"] == me.username


def test_everyone_sees_every_run_and_adds_their_own_lines(colleague) -> None:
    me, mate = colleague(), colleague()
    word = _word()
    made = _run(me, f"Taco Shack {word}")
    assert _ids(mate, q=word) == [made["id"]]
    assert mate.get(f"/runs/{made['id']}").status_code == 200
    line = _line(mate, made, "Burrito", 8.5, note="extra salsa")
    assert isinstance(line["id"], int) and line["ordered_by"] == mate.username
    assert line["item"] == "Burrito" and line["quantity"] == 1 and line["note"] == "extra salsa"
    mine = _line(me, made, "Nachos", 6)
    assert mine["ordered_by"] == me.username
    lines = me.get(f"/runs/{made['id']}").json()["lines"]
    assert [(x["item"], x["ordered_by"]) for x in lines] == [
        ("Burrito", mate.username),
        ("Nachos", me.username),
    ]


def test_line_count_and_total_are_computed(colleague) -> None:
    me, mate = colleague(), colleague()
    word = _word()
    made = _run(me, f"Bento {word}")
    _line(me, made, "Salmon box", 7.5, quantity=2)
    _line(mate, made, "Miso soup", 4.25)
    got = me.get(f"/runs/{made['id']}").json()
    assert got["line_count"] == 2
    assert got["total"] == pytest.approx(19.25)
    listed = [r for r in me.get("/runs", params={"q": word}).json() if r["id"] == made["id"]]
    assert listed[0]["line_count"] == 2 and listed[0]["total"] == pytest.approx(19.25)


def test_only_the_organiser_closes_then_409_and_no_more_lines(colleague) -> None:
    me, mate = colleague(), colleague()
    made = _run(me)
    assert mate.post(f"/runs/{made['id']}/close").status_code == 403
    assert me.get(f"/runs/{made['id']}").json()["status"] == "open"
    closed = me.post(f"/runs/{made['id']}/close")
    assert closed.status_code == 200
    assert closed.json()["status"] == "closed" and closed.json()["id"] == made["id"]
    assert me.post(f"/runs/{made['id']}/close").status_code == 409
    late = {"item": "Fries", "price": 3.0}
    assert mate.post(f"/runs/{made['id']}/lines", json=late).status_code == 409
    assert me.post(f"/runs/{made['id']}/lines", json=late).status_code == 409
    assert me.get(f"/runs/{made['id']}").json()["line_count"] == 0


def test_only_the_organiser_deletes(colleague) -> None:
    me, mate = colleague(), colleague()
    made = _run(me)
    _line(mate, made, "Wrap", 5.5)
    assert mate.delete(f"/runs/{made['id']}").status_code == 403
    assert mate.get(f"/runs/{made['id']}").status_code == 200
    assert me.delete(f"/runs/{made['id']}").status_code == 204
    assert me.get(f"/runs/{made['id']}").status_code == 404
    assert mate.get(f"/runs/{made['id']}").status_code == 404


def test_list_is_newest_first_with_q_status_and_mine(colleague) -> None:
    me, mate = colleague(), colleague()
    word = _word()
    first = _run(me, f"Curry House {word}")
    second = _run(mate, f"Pizza Place {word}")
    third = _run(me, f"CURRY Express {word}")
    assert _ids(me, q=word) == [third["id"], second["id"], first["id"]]
    assert [i for i in _ids(me, q="curry") if i in {first["id"], third["id"], second["id"]}] == [
        third["id"],
        first["id"],
    ]
    assert _ids(me, q=word, mine="true") == [third["id"], first["id"]]
    assert _ids(mate, q=word, mine="true") == [second["id"]]
    me.post(f"/runs/{first['id']}/close")
    assert _ids(mate, q=word, status="closed") == [first["id"]]
    assert _ids(mate, q=word, status="open") == [third["id"], second["id"]]


def test_bad_input_is_400(colleague) -> None:
    me = colleague()
    assert me.post("/runs", json={"leaves_at": "12:00"}).status_code == 400
    assert me.post("/runs", json={"restaurant": "Deli", "leaves_at": "noon"}).status_code == 400
    assert me.post("/runs", json={"restaurant": "Deli", "leaves_at": "25:00"}).status_code == 400
    made = _run(me)
    url = f"/runs/{made['id']}/lines"
    assert me.post(url, json={"item": "Soup", "price": 0}).status_code == 400
    assert me.post(url, json={"item": "Soup", "price": -2}).status_code == 400
    assert me.post(url, json={"item": "Soup", "price": 4, "quantity": 0}).status_code == 400
    assert me.post(url, json={"price": 4}).status_code == 400
    assert me.get(f"/runs/{made['id']}").json()["line_count"] == 0


def test_sheet_is_html_with_user_text_escaped_and_the_total(colleague) -> None:
    me, mate = colleague(), colleague()
    word = _word()
    made = _run(me, f"Kebab & Co {word}")
    _line(me, made, "<b>Doner</b>", 7.5, quantity=2)
    _line(mate, made, "Ayran", 4.25, note="<script>alert(1)</script>")
    response = mate.get(f"/runs/{made['id']}/sheet")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    text = response.text
    assert word in text
    assert "<b>Doner</b>" not in text and "&lt;b&gt;Doner&lt;/b&gt;" in text
    assert "<script>alert(1)</script>" not in text and "&lt;script&gt;" in text
    assert "Total: 19.25" in text


def test_unknown_run_is_404(colleague) -> None:
    me = colleague()
    missing = "/runs/987654321"
    assert me.get(missing).status_code == 404
    assert me.post(f"{missing}/lines", json={"item": "x", "price": 1}).status_code == 404
    assert me.post(f"{missing}/close").status_code == 404
    assert me.get(f"{missing}/sheet").status_code == 404
    assert me.delete(missing).status_code == 404
