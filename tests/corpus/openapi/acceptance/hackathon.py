"""Acceptance tests for hackathon.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>

Teams are shared by everybody, so every test puts a word of its own into its team names and
narrows `GET /teams` with `q`. Hackers are fresh in every test (one team per hacker).
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
class Hacker:
    id: int
    headers: dict[str, str]


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _signup() -> dict[str, str]:
    return {
        "email": f"h{uuid.uuid4().hex[:12]}@example.com",
        "password": "ship-it-now",
        "displayName": f"Hacker {uuid.uuid4().hex[:4]}",
    }


def _hacker(api: httpx.Client) -> Hacker:
    body = _signup()
    created = api.post("/hackers", json=body)
    assert created.status_code == 201, created.text
    login = api.post("/auth/login", json={"email": body["email"], "password": body["password"]})
    assert login.status_code == 200, login.text
    return Hacker(created.json()["id"], {"Authorization": f"Bearer {login.json()['accessToken']}"})


def _word() -> str:
    return f"hx{uuid.uuid4().hex[:10]}"


def _team(api: httpx.Client, who: Hacker, name: str, **extra) -> dict:
    response = api.post("/teams", json={"name": name, **extra}, headers=who.headers)
    assert response.status_code == 201, response.text
    return response.json()


def _ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    return [t["id"] for t in response.json()["teams"]]


def test_signup_login_and_a_taken_email(api: httpx.Client) -> None:
    body = _signup()
    created = api.post("/hackers", json=body)
    assert created.status_code == 201
    assert created.json()["displayName"] == body["displayName"]
    assert "password" not in created.json()
    assert api.post("/hackers", json=body).status_code == 409
    login = api.post("/auth/login", json={"email": body["email"], "password": body["password"]})
    assert login.status_code == 200 and login.json()["accessToken"]
    wrong = api.post("/auth/login", json={"email": body["email"], "password": "not-it-at-all"})
    assert wrong.status_code == 401


def test_teams_need_a_token(api: httpx.Client) -> None:
    assert api.get("/teams").status_code == 401
    assert api.post("/teams", json={"name": "Nope"}).status_code == 401
    assert api.get("/teams", headers={"Authorization": "Bearer forged"}).status_code == 401


def test_the_creator_is_captain_and_first_member(api: httpx.Client) -> None:
    ann = _hacker(api)
    team = _team(api, ann, f"Byte Me {_word()}")
    assert isinstance(team["id"], int)
    assert team["captainId"] == ann.id
    assert [m["id"] for m in team["members"]] == [ann.id]
    assert team["track"] == "open" and team["maxSize"] == 4 and team["spotsLeft"] == 3
    got = api.get(f"/teams/{team['id']}", headers=ann.headers)
    assert got.status_code == 200 and got.json()["name"] == team["name"]


def test_bad_input_is_400(api: httpx.Client) -> None:
    ann = _hacker(api)
    assert api.post("/teams", json={}, headers=ann.headers).status_code == 400
    assert (
        api.post("/teams", json={"name": "Ok name", "maxSize": 7}, headers=ann.headers).status_code
        == 400
    )
    assert (
        api.post(
            "/teams", json={"name": "Ok name", "track": "crypto"}, headers=ann.headers
        ).status_code
        == 400
    )
    assert api.post("/hackers", json={"email": "x@example.com"}).status_code == 400


def test_team_names_clash_ignoring_case(api: httpx.Client) -> None:
    ann, bob = _hacker(api), _hacker(api)
    word = _word()
    _team(api, ann, f"Null Pointers {word}")
    clash = api.post("/teams", json={"name": f"NULL pointers {word.upper()}"}, headers=bob.headers)
    assert clash.status_code == 409


def test_one_team_per_hacker(api: httpx.Client) -> None:
    ann, bob = _hacker(api), _hacker(api)
    first = _team(api, ann, f"First {_word()}")
    second = api.post("/teams", json={"name": f"Second {_word()}"}, headers=ann.headers)
    assert second.status_code == 409
    other = _team(api, bob, f"Other {_word()}")
    assert api.post(f"/teams/{other['id']}/members", headers=ann.headers).status_code == 409
    assert api.post(f"/teams/{first['id']}/members", headers=ann.headers).status_code == 409


def test_joining_until_full(api: httpx.Client) -> None:
    cap, bob, cid = _hacker(api), _hacker(api), _hacker(api)
    team = _team(api, cap, f"Duo {_word()}", maxSize=2)
    joined = api.post(f"/teams/{team['id']}/members", headers=bob.headers)
    assert joined.status_code == 200, joined.text
    assert sorted(m["id"] for m in joined.json()["members"]) == sorted([cap.id, bob.id])
    assert joined.json()["spotsLeft"] == 0
    assert api.post(f"/teams/{team['id']}/members", headers=cid.headers).status_code == 409


def test_leaving_frees_a_spot_and_the_captain_cannot_leave(api: httpx.Client) -> None:
    cap, bob, cid = _hacker(api), _hacker(api), _hacker(api)
    team = _team(api, cap, f"Leavers {_word()}", maxSize=3)
    assert api.post(f"/teams/{team['id']}/members", headers=bob.headers).status_code == 200
    assert api.delete(f"/teams/{team['id']}/members/me", headers=cid.headers).status_code == 404
    assert api.delete(f"/teams/{team['id']}/members/me", headers=bob.headers).status_code == 204
    after = api.get(f"/teams/{team['id']}", headers=cap.headers).json()
    assert [m["id"] for m in after["members"]] == [cap.id] and after["spotsLeft"] == 2
    assert api.delete(f"/teams/{team['id']}/members/me", headers=cap.headers).status_code == 409
    _team(api, bob, f"Bob's new team {_word()}")


def test_only_the_captain_patches(api: httpx.Client) -> None:
    cap, bob = _hacker(api), _hacker(api)
    team = _team(api, cap, f"Patchers {_word()}", track="web", pitch="A to-do app")
    assert api.post(f"/teams/{team['id']}/members", headers=bob.headers).status_code == 200
    assert (
        api.patch(f"/teams/{team['id']}", json={"track": "ai"}, headers=bob.headers).status_code
        == 403
    )
    patched = api.patch(f"/teams/{team['id']}", json={"track": "ai"}, headers=cap.headers)
    assert patched.status_code == 200, patched.text
    body = patched.json()
    assert body["track"] == "ai" and body["name"] == team["name"] and body["maxSize"] == 4
    assert body["pitch"] == "A to-do app"


def test_max_size_cannot_drop_below_the_members(api: httpx.Client) -> None:
    cap, bob, cid = _hacker(api), _hacker(api), _hacker(api)
    team = _team(api, cap, f"Shrinkers {_word()}", maxSize=4)
    for who in (bob, cid):
        assert api.post(f"/teams/{team['id']}/members", headers=who.headers).status_code == 200
    url = f"/teams/{team['id']}"
    assert api.patch(url, json={"maxSize": 2}, headers=cap.headers).status_code == 409
    shrunk = api.patch(url, json={"maxSize": 3}, headers=cap.headers)
    assert shrunk.status_code == 200 and shrunk.json()["spotsLeft"] == 0


def test_only_the_captain_deletes_and_members_are_freed(api: httpx.Client) -> None:
    cap, bob = _hacker(api), _hacker(api)
    team = _team(api, cap, f"Doomed {_word()}")
    assert api.post(f"/teams/{team['id']}/members", headers=bob.headers).status_code == 200
    assert api.delete(f"/teams/{team['id']}", headers=bob.headers).status_code == 403
    assert api.delete(f"/teams/{team['id']}", headers=cap.headers).status_code == 204
    assert api.get(f"/teams/{team['id']}", headers=cap.headers).status_code == 404
    _team(api, bob, f"Phoenix {_word()}")
    _team(api, cap, f"Phoenix two {_word()}")


def test_list_envelope_sorted_by_name_with_filters(api: httpx.Client) -> None:
    word = _word()
    a, b, c, joiner = _hacker(api), _hacker(api), _hacker(api), _hacker(api)
    gamma = _team(api, a, f"Gamma {word}", track="games", maxSize=2)
    alpha = _team(api, b, f"Alpha {word}", track="ai")
    beta = _team(api, c, f"Beta {word}", track="games")
    listed = api.get("/teams", params={"q": word.upper()}, headers=a.headers)
    assert _ids(listed) == [alpha["id"], beta["id"], gamma["id"]] and listed.json()["count"] == 3
    desc = api.get("/teams", params={"q": word, "order": "desc"}, headers=a.headers)
    assert _ids(desc) == [gamma["id"], beta["id"], alpha["id"]]
    games = api.get("/teams", params={"q": word, "track": "games"}, headers=a.headers)
    assert _ids(games) == [beta["id"], gamma["id"]]
    assert api.post(f"/teams/{gamma['id']}/members", headers=joiner.headers).status_code == 200
    space = api.get("/teams", params={"q": word, "hasSpace": "true"}, headers=a.headers)
    assert _ids(space) == [alpha["id"], beta["id"]]


def test_unknown_team_is_404(api: httpx.Client) -> None:
    ann = _hacker(api)
    assert api.get("/teams/987654321", headers=ann.headers).status_code == 404
    assert api.post("/teams/987654321/members", headers=ann.headers).status_code == 404
    assert (
        api.patch("/teams/987654321", json={"track": "ai"}, headers=ann.headers).status_code == 404
    )
    assert api.delete("/teams/987654321", headers=ann.headers).status_code == 404
