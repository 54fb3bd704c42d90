"""Acceptance tests for kilnqueue.md, written from the document and its prose only.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")
PASSWORD = "glaze-and-fire"


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _word() -> str:
    """A word only this test puts in titles, so `q` isolates its pieces."""
    return f"zq{uuid.uuid4().hex[:10]}"


def _potter(api: httpx.Client) -> tuple[str, str]:
    """Registers a member and answers the (username, password) pair for HTTP Basic."""
    username = f"p_{uuid.uuid4().hex[:12]}"
    body = {"username": username, "display_name": f"Potter {username}", "password": PASSWORD}
    response = api.post("/potters", json=body)
    assert response.status_code == 201, response.text
    return username, PASSWORD


def _piece(
    api: httpx.Client,
    who: tuple[str, str],
    title: str,
    clay: str = "stoneware",
    cone: int = 6,
    **extra,
) -> dict:
    body = {"title": title, "clay": clay, "cone": cone, **extra}
    response = api.post("/pieces", json=body, auth=who)
    assert response.status_code == 201, response.text
    return response.json()


def _ids(api: httpx.Client, who: tuple[str, str], **params) -> list[int]:
    response = api.get("/pieces", params=params, auth=who)
    assert response.status_code == 200, response.text
    assert isinstance(response.json(), list)
    return [piece["id"] for piece in response.json()]


def test_register_hides_the_password_and_a_taken_username_is_409(api: httpx.Client) -> None:
    username = f"p_{uuid.uuid4().hex[:12]}"
    body = {"username": username, "display_name": "Anna K", "password": PASSWORD}
    first = api.post("/potters", json=body)
    assert first.status_code == 201
    made = first.json()
    assert made["username"] == username and made["display_name"] == "Anna K"
    assert isinstance(made["id"], int)
    assert "password" not in made
    assert api.post("/potters", json={**body, "display_name": "Other"}).status_code == 409


def test_everything_but_registering_needs_basic_auth(api: httpx.Client) -> None:
    username, password = _potter(api)
    assert api.get("/pieces").status_code == 401
    assert api.get("/kiln-sheet").status_code == 401
    assert api.post("/pieces", json={"title": "x", "clay": "raku", "cone": 5}).status_code == 401
    assert api.get("/pieces", auth=(username, "wrong-password")).status_code == 401
    assert api.get("/pieces", auth=(username, password)).status_code == 200


def test_a_new_piece_is_queued_with_defaults_and_an_owner(api: httpx.Client) -> None:
    me = _potter(api)
    made = _piece(api, me, f"Blue bowl {_word()}", "porcelain", 10, glaze="celadon")
    assert isinstance(made["id"], int)
    assert made["status"] == "queued" and made["shelf_space"] == 1
    assert made["owner"] == me[0] and made["fired_at"] is None
    assert made["clay"] == "porcelain" and made["cone"] == 10 and made["glaze"] == "celadon"
    bare = _piece(api, me, f"Bisque cup {_word()}", "earthenware", 4, shelf_space=3)
    assert bare["glaze"] is None and bare["shelf_space"] == 3
    got = api.get(f"/pieces/{made['id']}", auth=me)
    assert got.status_code == 200 and got.json()["title"] == made["title"]


def test_invalid_pieces_are_422(api: httpx.Client) -> None:
    me = _potter(api)
    good = {"title": f"Mug {_word()}", "clay": "stoneware", "cone": 6}
    assert api.post("/pieces", json={**good, "cone": 13}, auth=me).status_code == 422
    assert api.post("/pieces", json={**good, "cone": 0}, auth=me).status_code == 422
    assert api.post("/pieces", json={**good, "clay": "bone china"}, auth=me).status_code == 422
    assert api.post("/pieces", json={**good, "shelf_space": 5}, auth=me).status_code == 422
    no_title = {"clay": "stoneware", "cone": 6}
    assert api.post("/pieces", json=no_title, auth=me).status_code == 422


def test_the_queue_is_shared_but_only_the_owner_changes_a_piece(api: httpx.Client) -> None:
    anna, ben = _potter(api), _potter(api)
    word = _word()
    made = _piece(api, anna, f"Teapot {word}", glaze="tenmoku")
    assert api.get(f"/pieces/{made['id']}", auth=ben).status_code == 200
    assert _ids(api, ben, q=word) == [made["id"]]
    assert api.patch(f"/pieces/{made['id']}", json={"cone": 8}, auth=ben).status_code == 403
    assert api.delete(f"/pieces/{made['id']}", auth=ben).status_code == 403
    patched = api.patch(f"/pieces/{made['id']}", json={"cone": 8}, auth=anna)
    assert patched.status_code == 200
    body = patched.json()
    assert body["cone"] == 8 and body["glaze"] == "tenmoku"
    assert body["title"] == made["title"] and body["clay"] == "stoneware"
    assert body["owner"] == anna[0]


def test_list_is_a_bare_array_in_queue_order(api: httpx.Client) -> None:
    anna, ben = _potter(api), _potter(api)
    word = _word()
    first = _piece(api, anna, f"Plate {word}")
    second = _piece(api, ben, f"Plate {word}")
    third = _piece(api, anna, f"Plate {word}")
    assert _ids(api, ben, q=word) == [first["id"], second["id"], third["id"]]


def test_q_is_a_case_insensitive_part_of_the_title(api: httpx.Client) -> None:
    me = _potter(api)
    word = _word()
    vase = _piece(api, me, f"Tall Vase {word}")
    _piece(api, me, f"small jug {word}")
    assert _ids(api, me, q=f"tall vASE {word}") == [vase["id"]]


def test_clay_cone_range_and_mine_filters(api: httpx.Client) -> None:
    anna, ben = _potter(api), _potter(api)
    word = _word()
    low = _piece(api, anna, f"Tile {word}", "earthenware", 4)
    mid = _piece(api, anna, f"Tile {word}", "stoneware", 6)
    high = _piece(api, ben, f"Tile {word}", "stoneware", 10)
    assert _ids(api, anna, q=word, clay="stoneware") == [mid["id"], high["id"]]
    assert _ids(api, anna, q=word, min_cone=6) == [mid["id"], high["id"]]
    assert _ids(api, anna, q=word, max_cone=6) == [low["id"], mid["id"]]
    assert _ids(api, anna, q=word, min_cone=6, max_cone=6) == [mid["id"]]
    assert _ids(api, anna, q=word, mine="true") == [low["id"], mid["id"]]
    assert _ids(api, ben, q=word, mine="true") == [high["id"]]
    assert _ids(api, ben, q=word, mine="true", clay="earthenware") == []


def test_any_member_fires_a_piece_once(api: httpx.Client) -> None:
    anna, ben = _potter(api), _potter(api)
    word = _word()
    made = _piece(api, anna, f"Bowl {word}")
    waiting = _piece(api, anna, f"Bowl {word}")
    fired = api.post(f"/pieces/{made['id']}/fire", auth=ben)
    assert fired.status_code == 200
    assert fired.json()["status"] == "fired" and fired.json()["fired_at"] is not None
    assert api.post(f"/pieces/{made['id']}/fire", auth=anna).status_code == 409
    assert api.get(f"/pieces/{made['id']}", auth=anna).json()["status"] == "fired"
    assert _ids(api, anna, q=word, status="fired") == [made["id"]]
    assert _ids(api, anna, q=word, status="queued") == [waiting["id"]]


def test_a_fired_piece_cannot_be_changed_but_can_be_deleted(api: httpx.Client) -> None:
    me = _potter(api)
    made = _piece(api, me, f"Jar {_word()}")
    assert api.post(f"/pieces/{made['id']}/fire", auth=me).status_code == 200
    assert api.patch(f"/pieces/{made['id']}", json={"title": "Jar 2"}, auth=me).status_code == 409
    assert api.get(f"/pieces/{made['id']}", auth=me).json()["title"] == made["title"]
    assert api.delete(f"/pieces/{made['id']}", auth=me).status_code == 204
    assert api.get(f"/pieces/{made['id']}", auth=me).status_code == 404


def test_delete_is_204_then_404(api: httpx.Client) -> None:
    me = _potter(api)
    word = _word()
    made = _piece(api, me, f"Oops {word}")
    assert api.delete(f"/pieces/{made['id']}", auth=me).status_code == 204
    assert api.get(f"/pieces/{made['id']}", auth=me).status_code == 404
    assert _ids(api, me, q=word) == []


def test_kiln_sheet_lists_queued_pieces_as_plain_text(api: httpx.Client) -> None:
    anna, ben = _potter(api), _potter(api)
    word = _word()
    bowl = _piece(api, anna, f"Blue bowl {word}", cone=6)
    done = _piece(api, anna, f"Old cup {word}", cone=5)
    vase = _piece(api, ben, f"Tall vase {word}", cone=10)
    assert api.post(f"/pieces/{done['id']}/fire", auth=anna).status_code == 200
    response = api.get("/kiln-sheet", auth=ben)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    mine = [line.strip() for line in response.text.splitlines() if word in line]
    assert mine == [
        f"#{bowl['id']} Blue bowl {word} - {anna[0]} (cone 6)",
        f"#{vase['id']} Tall vase {word} - {ben[0]} (cone 10)",
    ]


def test_an_unknown_piece_is_404(api: httpx.Client) -> None:
    me = _potter(api)
    assert api.get("/pieces/987654321", auth=me).status_code == 404
    assert api.patch("/pieces/987654321", json={"cone": 5}, auth=me).status_code == 404
    assert api.delete("/pieces/987654321", auth=me).status_code == 404
    assert api.post("/pieces/987654321/fire", auth=me).status_code == 404
