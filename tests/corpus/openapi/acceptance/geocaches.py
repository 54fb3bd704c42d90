"""Acceptance tests for geocaches.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")
PASSWORD = "travel-bug-2031"


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _word() -> str:
    return f"gw{uuid.uuid4().hex[:10]}"


def _signup_body() -> dict[str, str]:
    hexed = uuid.uuid4().hex[:12]
    return {"email": f"m{hexed}@geoclub.org", "password": PASSWORD, "nickname": f"Nick{hexed}"}


class Member(httpx.Client):
    """A client of its own that sends one member's bearer token."""

    nickname: str


@contextmanager
def _member() -> Iterator[Member]:
    body = _signup_body()
    with Member(base_url=BASE_URL, timeout=15) as client:
        signed = client.post("/auth/signup", json=body)
        assert signed.status_code == 201, signed.text
        login = client.post("/auth/login", json={"email": body["email"], "password": PASSWORD})
        assert login.status_code == 200, login.text
        client.headers["Authorization"] = f"Bearer {login.json()['id_token']}"
        client.nickname = body["nickname"]
        yield client


def _cache(member: httpx.Client, name: str = "", **extra) -> dict:
    body = {
        "name": name or f"Cache {_word()}",
        "difficulty": 2,
        "area": "Old town",
        "hidden_on": "2020-06-01",
        **extra,
    }
    response = member.post("/caches", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def _find(member: httpx.Client, cache: dict, **body) -> httpx.Response:
    return member.post(f"/caches/{cache['id']}/finds", json=body)


def _ids(member: httpx.Client, **params) -> list[int]:
    response = member.get("/caches", params=params)
    assert response.status_code == 200, response.text
    assert isinstance(response.json(), list), response.text
    return [c["id"] for c in response.json()]


def _today() -> set[str]:
    return {date.today().isoformat(), datetime.now(UTC).date().isoformat()}


def test_sign_up_answers_201_and_409_for_a_taken_email_or_nickname(api: httpx.Client) -> None:
    body = _signup_body()
    response = api.post("/auth/signup", json=body)
    assert response.status_code == 201, response.text
    made = response.json()
    assert made["email"].lower() == body["email"] and made["nickname"] == body["nickname"]
    assert isinstance(made["id"], int) and "password" not in made
    shouted = {**_signup_body(), "email": body["email"].upper()}
    assert api.post("/auth/signup", json=shouted).status_code == 409
    same_nick = {**_signup_body(), "nickname": body["nickname"]}
    assert api.post("/auth/signup", json=same_nick).status_code == 409


def test_login_gives_a_bearer_token_and_calls_without_it_are_401(api: httpx.Client) -> None:
    body = _signup_body()
    assert api.post("/auth/signup", json=body).status_code == 201
    login = api.post("/auth/login", json={"email": body["email"], "password": PASSWORD})
    assert login.status_code == 200, login.text
    assert isinstance(login.json()["id_token"], str) and login.json()["id_token"]
    assert login.json()["token_type"].lower() == "bearer"
    wrong = api.post("/auth/login", json={"email": body["email"], "password": "not-it-123"})
    assert wrong.status_code == 401
    assert api.get("/me").status_code == 401
    assert api.get("/caches").status_code == 401
    new = {"name": "x" + _word(), "difficulty": 2, "area": "a", "hidden_on": "2030-01-01"}
    assert api.post("/caches", json=new).status_code == 401
    garbage = {"Authorization": "Bearer not.a.token"}
    assert api.get("/caches", headers=garbage).status_code == 401
    me = api.get("/me", headers={"Authorization": f"Bearer {login.json()['id_token']}"})
    assert me.status_code == 200 and me.json()["nickname"] == body["nickname"]


def test_registering_a_cache_answers_200_with_defaults(api: httpx.Client) -> None:
    with _member() as alice:
        coords = {"lat": 51.5072, "lon": -0.1276, "datum": "WGS84"}
        made = _cache(alice, difficulty=3.5, coords=coords)
        assert isinstance(made["id"], int)
        assert made["kind"] == "traditional" and made["terrain"] == 1
        assert made["difficulty"] == 3.5 and made["hint"] is None
        assert made["hider"] == alice.nickname and made["archived"] is False
        assert made["find_count"] == 0 and made["last_found_on"] is None
        assert made["found_by_me"] is False and made["coords"] == coords
        got = alice.get(f"/caches/{made['id']}")
        assert got.status_code == 200 and got.json()["hidden_on"] == "2020-06-01"


def test_bad_input_is_400_never_422(api: httpx.Client) -> None:
    with _member() as alice:
        good = {
            "name": f"Cache {_word()}",
            "difficulty": 2,
            "area": "Park",
            "hidden_on": "2030-01-01",
        }
        for bad in (
            {k: v for k, v in good.items() if k != "name"},
            {**good, "difficulty": 6},
            {**good, "terrain": 0},
            {**good, "kind": "virtual"},
            {**good, "hidden_on": "last tuesday"},
        ):
            response = alice.post("/caches", json=bad)
            assert response.status_code == 400, (bad, response.text)
            assert isinstance(response.json().get("error"), str), response.text
        made = _cache(alice)
        patched = alice.patch(f"/caches/{made['id']}", json={"difficulty": 0})
        assert patched.status_code == 400, patched.text


def test_cache_names_are_unique_ignoring_case(api: httpx.Client) -> None:
    with _member() as alice, _member() as bob:
        name = f"Hollow Oak {_word()}"
        _cache(alice, name)
        clash = bob.post(
            "/caches",
            json={"name": name.upper(), "difficulty": 1, "area": "Wood", "hidden_on": "2030-01-01"},
        )
        assert clash.status_code == 409, clash.text
        other = _cache(alice)
        renamed = alice.patch(f"/caches/{other['id']}", json={"name": name.lower()})
        assert renamed.status_code == 409, renamed.text


def test_all_members_read_but_only_the_hider_changes(api: httpx.Client) -> None:
    with _member() as alice, _member() as bob:
        made = _cache(alice, hint="under the bench", area="Market square")
        seen = bob.get(f"/caches/{made['id']}")
        assert seen.status_code == 200 and seen.json()["hider"] == alice.nickname
        assert bob.patch(f"/caches/{made['id']}", json={"hint": "ha"}).status_code == 403
        assert bob.post(f"/caches/{made['id']}/archive").status_code == 403
        assert bob.delete(f"/caches/{made['id']}").status_code == 403
        patched = alice.patch(f"/caches/{made['id']}", json={"terrain": 2.5})
        assert patched.status_code == 200, patched.text
        body = patched.json()
        assert body["terrain"] == 2.5 and body["hint"] == "under the bench"
        assert body["area"] == "Market square" and body["name"] == made["name"]
        assert body["archived"] is False


def test_logging_a_find_and_the_computed_fields(api: httpx.Client) -> None:
    with _member() as alice, _member() as bob:
        made = _cache(alice)
        logged = _find(bob, made, comment="TFTC!")
        assert logged.status_code == 201, logged.text
        find = logged.json()
        assert find["finder"] == bob.nickname and find["cache_id"] == made["id"]
        assert find["found_on"] in _today() and find["comment"] == "TFTC!"
        for_bob = bob.get(f"/caches/{made['id']}").json()
        assert for_bob["find_count"] == 1 and for_bob["found_by_me"] is True
        assert for_bob["last_found_on"] == find["found_on"]
        assert alice.get(f"/caches/{made['id']}").json()["found_by_me"] is False
        assert _find(bob, made, found_on="2030-07-01").status_code == 409
        assert _find(alice, made).status_code == 403
        assert bob.get("/me").json()["found_count"] == 1
        assert alice.get("/me").json()["hidden_count"] == 1


def test_a_find_before_the_cache_was_hidden_is_400(api: httpx.Client) -> None:
    with _member() as alice, _member() as bob:
        made = _cache(alice, hidden_on="2030-06-01")
        early = _find(bob, made, found_on="2030-05-31")
        assert early.status_code == 400, early.text
        same_day = _find(bob, made, found_on="2030-06-01")
        assert same_day.status_code == 201 and same_day.json()["found_on"] == "2030-06-01"


def test_finds_are_newest_first_and_can_be_taken_back(api: httpx.Client) -> None:
    with _member() as alice, _member() as bob, _member() as carol:
        made = _cache(alice)
        assert _find(bob, made, found_on="2030-07-01").status_code == 201
        assert _find(carol, made, found_on="2030-08-15").status_code == 201
        finds = bob.get(f"/caches/{made['id']}/finds")
        assert finds.status_code == 200 and isinstance(finds.json(), list)
        assert [f["finder"] for f in finds.json()] == [carol.nickname, bob.nickname]
        cache = bob.get(f"/caches/{made['id']}").json()
        assert cache["find_count"] == 2 and cache["last_found_on"] == "2030-08-15"
        assert carol.delete(f"/caches/{made['id']}/finds/mine").status_code == 204
        assert carol.delete(f"/caches/{made['id']}/finds/mine").status_code == 404
        cache = carol.get(f"/caches/{made['id']}").json()
        assert cache["find_count"] == 1 and cache["last_found_on"] == "2030-07-01"
        assert cache["found_by_me"] is False
        assert alice.delete(f"/caches/{made['id']}/finds/mine").status_code == 404


def test_archive_once_then_409_and_hidden_from_the_list(api: httpx.Client) -> None:
    with _member() as alice, _member() as bob:
        word = _word()
        kept = _cache(alice, f"Kept {word}")
        gone = _cache(alice, f"Gone {word}")
        archived = alice.post(f"/caches/{gone['id']}/archive")
        assert archived.status_code == 200, archived.text
        assert archived.json()["archived"] is True
        assert alice.post(f"/caches/{gone['id']}/archive").status_code == 409
        assert _find(bob, gone).status_code == 409
        assert _ids(bob, q=word) == [kept["id"]]
        assert _ids(bob, q=word, include_archived="true") == [gone["id"], kept["id"]]
        still = bob.get(f"/caches/{gone['id']}")
        assert still.status_code == 200 and still.json()["archived"] is True


def test_delete_is_409_once_found_and_204_before(api: httpx.Client) -> None:
    with _member() as alice, _member() as bob:
        found = _cache(alice)
        assert _find(bob, found).status_code == 201
        assert alice.delete(f"/caches/{found['id']}").status_code == 409
        assert alice.get(f"/caches/{found['id']}").status_code == 200
        fresh = _cache(alice)
        assert alice.delete(f"/caches/{fresh['id']}").status_code == 204
        assert alice.get(f"/caches/{fresh['id']}").status_code == 404
        assert alice.delete(f"/caches/{fresh['id']}").status_code == 404


def test_list_sorts_by_name_newest_and_popular_with_a_limit(api: httpx.Client) -> None:
    with _member() as alice, _member() as bob, _member() as carol:
        word = _word()
        a = _cache(alice, f"Alder {word}", hidden_on="2020-03-01")
        c = _cache(alice, f"Cedar {word}", hidden_on="2020-01-01")
        b = _cache(alice, f"Birch {word}", hidden_on="2020-02-01")
        for finder in (bob, carol):
            assert _find(finder, c).status_code == 201
        assert _find(bob, a).status_code == 201
        assert _ids(bob, q=word) == [a["id"], b["id"], c["id"]]
        assert _ids(bob, q=word, sort="newest") == [a["id"], b["id"], c["id"]]
        assert _ids(bob, q=word, sort="popular") == [c["id"], a["id"], b["id"]]
        assert _ids(bob, q=word, limit=2) == [a["id"], b["id"]]


def test_list_filters_including_found_for_the_caller(api: httpx.Client) -> None:
    with _member() as alice, _member() as bob:
        word = _word()
        easy = _cache(alice, f"Easy {word}", difficulty=1.5, terrain=1, kind="letterbox")
        mid = _cache(
            alice, f"Mid {_word()}", difficulty=3, terrain=4, area=f"Riverside {word.upper()}"
        )
        hard = _cache(alice, f"Hard {word}", difficulty=4.5, terrain=2, kind="mystery")
        assert _ids(bob, q=word) == [easy["id"], hard["id"], mid["id"]]
        assert _ids(bob, q=word, kind="mystery") == [hard["id"]]
        assert _ids(bob, q=word, max_difficulty=3) == [easy["id"], mid["id"]]
        assert _ids(bob, q=word, max_terrain=2) == [easy["id"], hard["id"]]
        assert _ids(bob, hider=alice.nickname) == [easy["id"], hard["id"], mid["id"]]
        assert _ids(bob, hider=bob.nickname) == []
        assert _find(bob, hard).status_code == 201
        assert _ids(bob, q=word, found="true") == [hard["id"]]
        assert _ids(bob, q=word, found="false") == [easy["id"], mid["id"]]
        assert _ids(alice, q=word, found="false") == [easy["id"], hard["id"], mid["id"]]
