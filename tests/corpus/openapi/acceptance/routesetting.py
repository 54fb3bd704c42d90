"""Acceptance tests for routesetting.md, written from the document and its prose only.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import os
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
    return f"r{uuid.uuid4().hex[:10]}"


def _setter(api: httpx.Client, name: str | None = None) -> tuple[dict, dict[str, str]]:
    """A new setter and the header carrying their key."""
    response = api.post("/setters", json={"name": name or f"Setter {_word()}"})
    assert response.status_code == 201, response.text
    body = response.json()
    return body, {"X-Setter-Key": body["api_key"]}


def _route(
    api: httpx.Client,
    key: dict,
    name: str,
    grade: int = 4,
    wall: str = "vertical",
    set_on: str = "2031-03-01",
    **extra,
) -> dict:
    body = {"name": name, "wall": wall, "grade": grade, "set_on": set_on, **extra}
    response = api.post("/routes", json=body, headers=key)
    assert response.status_code == 201, response.text
    return response.json()


def _list(api: httpx.Client, **params) -> dict:
    response = api.get("/routes", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert isinstance(body["items"], list) and isinstance(body["total"], int)
    return body


def _ids(api: httpx.Client, **params) -> list[int]:
    return [r["id"] for r in _list(api, **params)["items"]]


def test_signing_up_gives_a_key_and_me_counts_my_routes(api: httpx.Client) -> None:
    name = f"Magda {_word()}"
    me, key = _setter(api, name)
    assert me["name"] == name and isinstance(me["id"], int)
    assert isinstance(me["api_key"], str) and me["api_key"]
    got = api.get("/setters/me", headers=key)
    assert got.status_code == 200
    assert got.json()["name"] == name and got.json()["id"] == me["id"]
    assert got.json()["route_count"] == 0
    word = _word()
    first = _route(api, key, f"Crimpy {word}")
    second = _route(api, key, f"Sloper {word}")
    _, other_key = _setter(api)
    assert api.post(f"/routes/{first['id']}/strip", headers=other_key).status_code == 200
    assert api.get("/setters/me", headers=key).json()["route_count"] == 2
    assert api.delete(f"/routes/{second['id']}", headers=key).status_code == 204
    assert api.get("/setters/me", headers=key).json()["route_count"] == 1


def test_writes_need_a_valid_key(api: httpx.Client) -> None:
    body = {"name": f"Nope {_word()}", "wall": "slab", "grade": 2, "set_on": "2031-03-01"}
    assert api.post("/routes", json=body).status_code == 401
    unknown = {"X-Setter-Key": f"no-such-key-{uuid.uuid4().hex}"}
    assert api.post("/routes", json=body, headers=unknown).status_code == 401
    assert api.get("/setters/me").status_code == 401
    assert api.get("/setters/me", headers=unknown).status_code == 401
    _, key = _setter(api)
    route = _route(api, key, f"Keyed {_word()}")
    assert api.patch(f"/routes/{route['id']}", json={"grade": 5}).status_code == 401
    assert api.post(f"/routes/{route['id']}/strip").status_code == 401
    assert api.delete(f"/routes/{route['id']}").status_code == 401


def test_a_new_route_is_201_and_readable_without_a_key(api: httpx.Client) -> None:
    name = f"Tom {_word()}"
    _, key = _setter(api, name)
    route = _route(api, key, f"Pinch {_word()}", grade=6, wall="cave", colour="yellow")
    assert isinstance(route["id"], int)
    assert route["setter"] == name
    assert route["stripped"] is False and route["stripped_on"] is None
    assert route["grade"] == 6 and route["wall"] == "cave" and route["set_on"] == "2031-03-01"
    got = api.get(f"/routes/{route['id']}")
    assert got.status_code == 200
    assert got.json()["name"] == route["name"] and got.json()["setter"] == name


def test_list_is_an_envelope_newest_first_with_paging(api: httpx.Client) -> None:
    _, key = _setter(api)
    word = _word()
    made = [_route(api, key, f"Lap {word} {n}", set_on=f"2031-04-{n + 1:02d}") for n in range(22)]
    newest_first = [r["id"] for r in reversed(made)]
    page = _list(api, q=word)
    assert page["total"] == 22
    assert [r["id"] for r in page["items"]] == newest_first[:20]
    second = _list(api, q=word, limit=5, offset=5)
    assert second["total"] == 22
    assert [r["id"] for r in second["items"]] == newest_first[5:10]
    tail = _list(api, q=word, limit=5, offset=20)
    assert [r["id"] for r in tail["items"]] == newest_first[20:]


def test_the_other_sort_orders(api: httpx.Client) -> None:
    _, key = _setter(api)
    word = _word()
    a = _route(api, key, f"A {word}", grade=7, set_on="2031-05-02")
    b = _route(api, key, f"B {word}", grade=1, set_on="2031-05-03")
    c = _route(api, key, f"C {word}", grade=4, set_on="2031-05-01")
    assert _ids(api, q=word, sort="set_on") == [c["id"], a["id"], b["id"]]
    assert _ids(api, q=word, sort="-set_on") == [b["id"], a["id"], c["id"]]
    assert _ids(api, q=word, sort="grade") == [b["id"], c["id"], a["id"]]
    assert _ids(api, q=word, sort="-grade") == [a["id"], c["id"], b["id"]]


def test_wall_grade_range_and_q_filters(api: httpx.Client) -> None:
    _, key = _setter(api)
    word = _word()
    easy = _route(api, key, f"Warmup {word}", grade=1, wall="slab", set_on="2031-06-01")
    mid = _route(api, key, f"Middle {word}", grade=4, wall="overhang", set_on="2031-06-02")
    hard = _route(api, key, f"Project {word}", grade=8, wall="overhang", set_on="2031-06-03")
    assert _ids(api, q=word, wall="overhang") == [hard["id"], mid["id"]]
    assert _ids(api, q=word, min_grade=4) == [hard["id"], mid["id"]]
    assert _ids(api, q=word, max_grade=4) == [mid["id"], easy["id"]]
    assert _ids(api, q=word, min_grade=4, max_grade=4) == [mid["id"]]
    assert _ids(api, q=f"PROJECT {word.upper()}") == [hard["id"]]
    body = _list(api, q=word, wall="slab")
    assert body["total"] == 1 and body["items"][0]["id"] == easy["id"]


def test_any_setter_strips_once_then_409_and_active_filters(api: httpx.Client) -> None:
    _, key = _setter(api)
    _, shift = _setter(api)
    word = _word()
    old = _route(api, key, f"Old {word}", set_on="2031-07-01")
    new = _route(api, key, f"New {word}", set_on="2031-07-02")
    stripped = api.post(f"/routes/{old['id']}/strip", headers=shift)
    assert stripped.status_code == 200
    assert stripped.json()["stripped"] is True and stripped.json()["stripped_on"] is not None
    again = api.post(f"/routes/{old['id']}/strip", headers=key)
    assert again.status_code == 409
    assert _ids(api, q=word, active="true") == [new["id"]]
    assert _ids(api, q=word, active="false") == [old["id"]]
    assert _ids(api, q=word) == [new["id"], old["id"]]


def test_only_the_creator_may_patch_or_delete(api: httpx.Client) -> None:
    _, owner = _setter(api)
    _, other = _setter(api)
    route = _route(api, owner, f"Mine {_word()}", grade=3, wall="arete", colour="blue")
    assert api.patch(f"/routes/{route['id']}", json={"grade": 9}, headers=other).status_code == 403
    assert api.delete(f"/routes/{route['id']}", headers=other).status_code == 403
    assert api.get(f"/routes/{route['id']}").json()["grade"] == 3
    patched = api.patch(f"/routes/{route['id']}", json={"grade": 5}, headers=owner)
    assert patched.status_code == 200
    body = patched.json()
    assert body["grade"] == 5
    assert body["wall"] == "arete" and body["colour"] == "blue" and body["name"] == route["name"]


def test_delete_is_204_then_404(api: httpx.Client) -> None:
    _, key = _setter(api)
    route = _route(api, key, f"Gone {_word()}")
    assert api.delete(f"/routes/{route['id']}", headers=key).status_code == 204
    assert api.get(f"/routes/{route['id']}").status_code == 404
    assert api.delete(f"/routes/{route['id']}", headers=key).status_code == 404


def test_bad_bodies_are_400_not_422(api: httpx.Client) -> None:
    _, key = _setter(api)
    good = {"name": f"Fine {_word()}", "wall": "slab", "grade": 3, "set_on": "2031-08-01"}
    for broken in (
        {k: v for k, v in good.items() if k != "name"},
        {**good, "grade": 18},
        {**good, "grade": -1},
        {**good, "wall": "roof"},
        {**good, "set_on": "not-a-date"},
    ):
        response = api.post("/routes", json=broken, headers=key)
        assert response.status_code == 400, broken
    route = _route(api, key, good["name"])
    assert api.patch(f"/routes/{route['id']}", json={"grade": 25}, headers=key).status_code == 400
    assert api.post("/setters", json={}).status_code == 400


def test_unknown_route_is_404(api: httpx.Client) -> None:
    _, key = _setter(api)
    assert api.get("/routes/987654321").status_code == 404
    assert api.patch("/routes/987654321", json={"grade": 2}, headers=key).status_code == 404
    assert api.post("/routes/987654321/strip", headers=key).status_code == 404
    assert api.delete("/routes/987654321", headers=key).status_code == 404
