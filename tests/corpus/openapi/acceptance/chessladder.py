"""Acceptance tests for chessladder.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>

The ladder holds every member of the server, so tests only look at the rows of the members they
signed up themselves (their numbers and their relative order), never at the whole list.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")


@dataclass
class Player:
    username: str
    headers: dict[str, str]


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _username(prefix: str = "p") -> str:
    return f"{prefix}{uuid.uuid4().hex[:12]}"


def _player(api: httpx.Client, username: str = "") -> Player:
    username = username or _username()
    body = {"username": username, "password": "en-passant", "display_name": "Club member"}
    assert api.post("/members", json=body).status_code == 201
    token = api.post("/token", data={"username": username, "password": "en-passant"})
    assert token.status_code == 200, token.text
    assert token.json()["token_type"].lower() == "bearer"
    return Player(username, {"Authorization": f"Bearer {token.json()['access_token']}"})


def _game(
    api: httpx.Client, who: Player, white: Player, black: Player, result: str, **extra
) -> dict:
    body = {"white": white.username, "black": black.username, "result": result, **extra}
    response = api.post("/games", json=body, headers=who.headers)
    assert response.status_code == 201, response.text
    return response.json()


def _rows(api: httpx.Client, *players: Player) -> dict[str, dict]:
    response = api.get("/ladder")
    assert response.status_code == 200, response.text
    wanted = {p.username for p in players}
    return {row["username"]: row for row in response.json() if row["username"] in wanted}


def test_signup_then_token(api: httpx.Client) -> None:
    username = _username()
    created = api.post("/members", json={"username": username, "password": "en-passant"})
    assert created.status_code == 201
    assert created.json()["username"] == username and "password" not in created.json()
    token = api.post("/token", data={"username": username, "password": "en-passant"})
    assert token.status_code == 200 and token.json()["access_token"]
    wrong = api.post("/token", data={"username": username, "password": "wrong-one"})
    assert wrong.status_code == 401


def test_taken_username_is_409_and_a_bad_one_is_422(api: httpx.Client) -> None:
    username = _username()
    body = {"username": username, "password": "en-passant"}
    assert api.post("/members", json=body).status_code == 201
    assert api.post("/members", json=body).status_code == 409
    assert api.post("/members", json={**body, "username": "No Spaces!"}).status_code == 422
    assert api.post("/members", json={**body, "username": "ab"}).status_code == 422


def test_games_need_a_token_but_the_ladder_is_public(api: httpx.Client) -> None:
    assert api.get("/games").status_code == 401
    body = {"white": "someone", "black": "other", "result": "draw"}
    assert api.post("/games", json=body).status_code == 401
    assert api.get("/games", headers={"Authorization": "Bearer nonsense"}).status_code == 401
    ladder = api.get("/ladder")
    assert ladder.status_code == 200 and isinstance(ladder.json(), list)


def test_reporting_a_game_answers_201(api: httpx.Client) -> None:
    ann, bob = _player(api), _player(api)
    game = _game(api, ann, ann, bob, "white", played_on="2031-03-04", opening="London")
    assert isinstance(game["id"], int)
    assert game["white"] == ann.username and game["black"] == bob.username
    assert game["result"] == "white" and game["played_on"] == "2031-03-04"
    assert game["reported_by"] == ann.username
    got = api.get(f"/games/{game['id']}", headers=bob.headers)
    assert got.status_code == 200 and got.json()["result"] == "white"


def test_only_a_player_of_the_game_may_report_it(api: httpx.Client) -> None:
    ann, bob, cid = _player(api), _player(api), _player(api)
    body = {"white": ann.username, "black": bob.username, "result": "black"}
    assert api.post("/games", json=body, headers=cid.headers).status_code == 403
    assert api.post("/games", json=body, headers=bob.headers).status_code == 201


def test_yourself_or_an_unknown_member_is_400_and_a_bad_result_422(api: httpx.Client) -> None:
    ann = _player(api)
    me = ann.username
    self_game = {"white": me, "black": me, "result": "draw"}
    assert api.post("/games", json=self_game, headers=ann.headers).status_code == 400
    ghost = {"white": me, "black": _username("ghost"), "result": "draw"}
    assert api.post("/games", json=ghost, headers=ann.headers).status_code == 400
    bob = _player(api)
    bad = {"white": me, "black": bob.username, "result": "resigned"}
    assert api.post("/games", json=bad, headers=ann.headers).status_code == 422
    missing = {"white": me, "black": bob.username}
    assert api.post("/games", json=missing, headers=ann.headers).status_code == 422


def test_a_new_member_is_on_the_ladder_with_zeros(api: httpx.Client) -> None:
    ann = _player(api)
    row = _rows(api, ann)[ann.username]
    assert row["played"] == 0 and row["wins"] == 0 and row["draws"] == 0
    assert row["losses"] == 0 and row["points"] == 0
    assert isinstance(row["rank"], int) and row["rank"] >= 1


def test_ladder_counts_wins_draws_and_losses(api: httpx.Client) -> None:
    ann, bob, cid = _player(api), _player(api), _player(api)
    _game(api, ann, ann, bob, "white")
    _game(api, cid, ann, cid, "draw")
    rows = _rows(api, ann, bob, cid)
    a, b, c = rows[ann.username], rows[bob.username], rows[cid.username]
    assert (a["played"], a["wins"], a["draws"], a["losses"], a["points"]) == (2, 1, 1, 0, 1.5)
    assert (b["played"], b["wins"], b["draws"], b["losses"], b["points"]) == (1, 0, 0, 1, 0)
    assert (c["played"], c["wins"], c["draws"], c["losses"], c["points"]) == (1, 0, 1, 0, 0.5)
    assert a["rank"] < c["rank"] < b["rank"]


def test_ladder_is_sorted_by_points_then_username(api: httpx.Client) -> None:
    stem = uuid.uuid4().hex[:10]
    zed = _player(api, f"z{stem}")
    amy = _player(api, f"a{stem}")
    loser = _player(api)
    _game(api, zed, zed, loser, "white")
    _game(api, amy, loser, amy, "black")
    response = api.get("/ladder")
    names = [row["username"] for row in response.json()]
    ranks = [row["rank"] for row in response.json()]
    assert names.index(amy.username) < names.index(zed.username) < names.index(loser.username)
    assert ranks == list(range(1, len(ranks) + 1))
    points = [row["points"] for row in response.json()]
    assert points == sorted(points, reverse=True)


def test_only_the_reporter_deletes_and_the_ladder_forgets(api: httpx.Client) -> None:
    ann, bob = _player(api), _player(api)
    game = _game(api, ann, ann, bob, "black")
    assert _rows(api, bob)[bob.username]["wins"] == 1
    assert api.delete(f"/games/{game['id']}", headers=bob.headers).status_code == 403
    assert api.delete(f"/games/{game['id']}", headers=ann.headers).status_code == 204
    assert api.get(f"/games/{game['id']}", headers=ann.headers).status_code == 404
    row = _rows(api, bob)[bob.username]
    assert row["wins"] == 0 and row["played"] == 0 and row["points"] == 0


def test_games_newest_first_filtered_by_player(api: httpx.Client) -> None:
    ann, bob, cid = _player(api), _player(api), _player(api)
    g1 = _game(api, ann, ann, bob, "draw", played_on="2031-01-10")
    g2 = _game(api, cid, cid, ann, "white", played_on="2031-01-20")
    g3 = _game(api, bob, bob, cid, "black", played_on="2031-01-15")
    listed = api.get("/games", params={"player": ann.username}, headers=bob.headers)
    assert listed.status_code == 200 and isinstance(listed.json(), list)
    assert [g["id"] for g in listed.json()] == [g2["id"], g1["id"]]
    listed = api.get("/games", params={"player": cid.username}, headers=ann.headers)
    assert [g["id"] for g in listed.json()] == [g2["id"], g3["id"]]


def test_from_and_to_are_inclusive(api: httpx.Client) -> None:
    ann, bob = _player(api), _player(api)
    a = _game(api, ann, ann, bob, "white", played_on="2031-02-01")
    b = _game(api, ann, bob, ann, "draw", played_on="2031-02-02")
    _game(api, ann, ann, bob, "black", played_on="2031-02-03")
    got = api.get(
        "/games",
        params={"player": ann.username, "from": "2031-02-01", "to": "2031-02-02"},
        headers=ann.headers,
    )
    assert [g["id"] for g in got.json()] == [b["id"], a["id"]]


def test_unknown_game_is_404(api: httpx.Client) -> None:
    ann = _player(api)
    assert api.get("/games/987654321", headers=ann.headers).status_code == 404
    assert api.delete("/games/987654321", headers=ann.headers).status_code == 404
