"""Acceptance tests for boardgames.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>

The library is one shared shelf, so every test puts a word of its own in its titles and
narrows `GET /games` with `q`.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")
USERNAMES: dict[str, str] = {}  # Authorization header -> username, to check `owner`


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _creds() -> dict[str, str]:
    return {
        "username": f"p{uuid.uuid4().hex[:12]}",
        "password": "meeple-power",
        "display_name": "Player",
    }


def _player(api: httpx.Client) -> dict[str, str]:
    creds = _creds()
    assert api.post("/players", json=creds).status_code == 201
    token = api.post("/token", data={"username": creds["username"], "password": creds["password"]})
    assert token.status_code == 200, token.text
    assert token.json()["token_type"].lower() == "bearer"
    auth = f"Bearer {token.json()['access_token']}"
    USERNAMES[auth] = creds["username"]
    return {"Authorization": auth}


def _word() -> str:
    return f"kx{uuid.uuid4().hex[:10]}"


def _game(
    api: httpx.Client, who: dict, title: str, lo: int = 2, hi: int = 4, minutes: int = 45, **extra
) -> dict:
    body = {
        "title": title,
        "min_players": lo,
        "max_players": hi,
        "playing_minutes": minutes,
        **extra,
    }
    response = api.post("/games", json=body, headers=who)
    assert response.status_code == 201, response.text
    return response.json()


def _ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    assert isinstance(response.json(), list)
    return [g["id"] for g in response.json()]


def test_signup_twice_is_409_and_a_wrong_password_is_401(api: httpx.Client) -> None:
    creds = _creds()
    first = api.post("/players", json=creds)
    assert first.status_code == 201
    body = first.json()
    assert body["username"] == creds["username"] and body["display_name"] == "Player"
    assert "password" not in body
    assert api.post("/players", json=creds).status_code == 409
    bad = api.post("/token", data={"username": creds["username"], "password": "not-my-password"})
    assert bad.status_code == 401


def test_browsing_is_open_but_writes_need_a_token(api: httpx.Client) -> None:
    assert api.get("/games").status_code == 200
    body = {"title": "Carcassonne", "min_players": 2, "max_players": 5, "playing_minutes": 35}
    assert api.post("/games", json=body).status_code == 401
    assert api.get("/me/games").status_code == 401
    assert (
        api.post("/games", json=body, headers={"Authorization": "Bearer nonsense"}).status_code
        == 401
    )


def test_a_new_game_has_owner_and_defaults(api: httpx.Client) -> None:
    ann = _player(api)
    game = _game(api, ann, f"Azul {_word()}", 2, 4, 40, box_condition="lid torn")
    assert isinstance(game["id"], int)
    assert game["weight"] == "medium" and game["play_count"] == 0
    assert game["owner"] == USERNAMES[ann["Authorization"]]
    got = api.get(f"/games/{game['id']}")
    assert got.status_code == 200 and got.json()["title"] == game["title"]


def test_same_title_ignoring_case_is_409(api: httpx.Client) -> None:
    ann, bob = _player(api), _player(api)
    title = f"Ticket to Ride {_word()}"
    _game(api, ann, title)
    body = {"title": title.upper(), "min_players": 2, "max_players": 5, "playing_minutes": 60}
    assert api.post("/games", json=body, headers=bob).status_code == 409


def test_inverted_player_range_is_400_other_bad_input_422(api: httpx.Client) -> None:
    ann = _player(api)
    body = {
        "title": f"Backwards {_word()}",
        "min_players": 5,
        "max_players": 2,
        "playing_minutes": 30,
    }
    assert api.post("/games", json=body, headers=ann).status_code == 400
    body = {"min_players": 2, "max_players": 4, "playing_minutes": 30}
    assert api.post("/games", json=body, headers=ann).status_code == 422
    body = {
        "title": f"Heavy {_word()}",
        "min_players": 1,
        "max_players": 4,
        "playing_minutes": 30,
        "weight": "brutal",
    }
    assert api.post("/games", json=body, headers=ann).status_code == 422


def test_library_is_a_bare_array_by_title_and_q_ignores_case(api: httpx.Client) -> None:
    ann, bob = _player(api), _player(api)
    word = _word()
    c = _game(api, ann, f"Codenames {word}")
    a = _game(api, bob, f"Agricola {word}")
    b = _game(api, ann, f"Brass {word}")
    assert _ids(api.get("/games", params={"q": word.upper()})) == [a["id"], b["id"], c["id"]]


def test_players_max_minutes_and_weight_filters(api: httpx.Client) -> None:
    ann = _player(api)
    word = _word()
    duel = _game(api, ann, f"A duel {word}", 2, 2, 20, weight="light")
    party = _game(api, ann, f"B party {word}", 4, 8, 30, weight="light")
    epic = _game(api, ann, f"C epic {word}", 1, 4, 180, weight="heavy")
    assert _ids(api.get("/games", params={"q": word, "players": 2})) == [duel["id"], epic["id"]]
    assert _ids(api.get("/games", params={"q": word, "players": 4})) == [party["id"], epic["id"]]
    assert _ids(api.get("/games", params={"q": word, "max_minutes": 30})) == [
        duel["id"],
        party["id"],
    ]
    assert _ids(api.get("/games", params={"q": word, "weight": "heavy"})) == [epic["id"]]


def test_only_the_owner_deletes(api: httpx.Client) -> None:
    ann, bob = _player(api), _player(api)
    game = _game(api, ann, f"Old Monopoly {_word()}")
    assert api.delete(f"/games/{game['id']}").status_code == 401
    assert api.delete(f"/games/{game['id']}", headers=bob).status_code == 403
    assert api.delete(f"/games/{game['id']}", headers=ann).status_code == 204
    assert api.get(f"/games/{game['id']}").status_code == 404


def test_plays_are_logged_by_anyone_and_listed_latest_first(api: httpx.Client) -> None:
    ann, bob = _player(api), _player(api)
    game = _game(api, ann, f"Wingspan {_word()}", 1, 5, 70)
    url = f"/games/{game['id']}/plays"
    first = api.post(
        url, json={"played_on": "2030-02-06", "players": 3, "winner": "Rosa"}, headers=bob
    )
    assert first.status_code == 201, first.text
    assert first.json()["game_id"] == game["id"] and first.json()["winner"] == "Rosa"
    assert first.json()["players"] == 3 and first.json()["played_on"] == "2030-02-06"
    later = api.post(url, json={"played_on": "2030-02-20", "players": 2}, headers=ann)
    assert later.status_code == 201
    earlier = api.post(
        url, json={"played_on": "2030-01-30", "players": 5, "winner": "Ari"}, headers=bob
    )
    assert earlier.status_code == 201
    listed = api.get(url)
    assert listed.status_code == 200
    assert [p["id"] for p in listed.json()] == [
        later.json()["id"],
        first.json()["id"],
        earlier.json()["id"],
    ]
    assert api.get(f"/games/{game['id']}").json()["play_count"] == 3


def test_player_count_must_fit_the_game_and_a_token_is_needed(api: httpx.Client) -> None:
    ann = _player(api)
    game = _game(api, ann, f"Patchwork {_word()}", 2, 2, 30)
    url = f"/games/{game['id']}/plays"
    assert (
        api.post(url, json={"played_on": "2030-03-01", "players": 3}, headers=ann).status_code
        == 400
    )
    assert api.post(url, json={"played_on": "2030-03-01", "players": 2}).status_code == 401
    assert api.get(url).json() == []
    assert api.get(f"/games/{game['id']}").json()["play_count"] == 0


def test_my_games_are_the_ones_i_added_by_title(api: httpx.Client) -> None:
    ann, bob = _player(api), _player(api)
    word = _word()
    z = _game(api, ann, f"Zendo {word}")
    h = _game(api, ann, f"Hanabi {word}")
    _game(api, bob, f"Root {word}")
    mine = api.get("/me/games", headers=ann)
    assert _ids(mine) == [h["id"], z["id"]]
    assert all(g["owner"] == USERNAMES[ann["Authorization"]] for g in mine.json())
    assert _ids(api.get("/me/games", headers=_player(api))) == []


def test_unknown_game_is_404(api: httpx.Client) -> None:
    ann = _player(api)
    assert api.get("/games/987654321").status_code == 404
    assert api.get("/games/987654321/plays").status_code == 404
    body = {"played_on": "2030-03-01", "players": 2}
    assert api.post("/games/987654321/plays", json=body, headers=ann).status_code == 404
    assert api.delete("/games/987654321", headers=ann).status_code == 404
