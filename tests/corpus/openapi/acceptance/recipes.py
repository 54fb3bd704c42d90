"""Acceptance tests for recipes.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")
# The smallest JPEG header and trailer around a few bytes: enough to be stored and served back.
JPEG = (
    b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    + b"\x00" * 32
    + b"\xff\xd9"
)


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _cook(api: httpx.Client) -> tuple[str, dict[str, str]]:
    creds = {"username": f"cook{uuid.uuid4().hex[:10]}", "password": "paprika-2024"}
    assert api.post("/accounts", json=creds).status_code == 201
    login = api.post("/accounts/login", json=creds)
    assert login.status_code == 200
    return creds["username"], {"Authorization": f"Bearer {login.json()['access_token']}"}


def _recipe(api: httpx.Client, who: dict[str, str], **fields: object) -> dict:
    body = {"title": f"Soup {uuid.uuid4().hex[:6]}", "minutes": 30, **fields}
    response = api.post("/recipes", json=body, headers=who)
    assert response.status_code == 200, response.text
    return response.json()


def test_creating_a_recipe_answers_200_not_201(api: httpx.Client) -> None:
    name, cook = _cook(api)
    response = api.post("/recipes", json={"title": "Pancakes", "minutes": 20}, headers=cook)
    assert response.status_code == 200
    assert response.json()["title"] == "Pancakes" and response.json()["minutes"] == 20


def test_the_author_is_the_signed_in_cook(api: httpx.Client) -> None:
    name, cook = _cook(api)
    assert _recipe(api, cook)["author"] == name


def test_creating_needs_a_token(api: httpx.Client) -> None:
    assert api.post("/recipes", json={"title": "x", "minutes": 1}).status_code == 401


def test_a_missing_title_or_negative_minutes_answers_400(api: httpx.Client) -> None:
    _, cook = _cook(api)
    assert api.post("/recipes", json={"minutes": 5}, headers=cook).status_code == 400
    negative = {"title": "Time travel stew", "minutes": -5}
    assert api.post("/recipes", json=negative, headers=cook).status_code == 400


def test_anyone_can_read_recipes_without_a_token(api: httpx.Client) -> None:
    _, cook = _cook(api)
    made = _recipe(api, cook, title="Public pie")
    assert api.get(f"/recipes/{made['id']}").json()["title"] == "Public pie"
    assert made["id"] in [r["id"] for r in api.get("/recipes").json()]


def test_search_by_title_substring_minutes_and_tag(api: httpx.Client) -> None:
    _, cook = _cook(api)
    word = uuid.uuid4().hex[:8]
    quick = _recipe(api, cook, title=f"Quick {word.upper()} salad", minutes=10, tags=["vegan"])
    slow = _recipe(api, cook, title=f"Slow {word} roast", minutes=180, tags=["meat"])
    found = {r["id"] for r in api.get("/recipes", params={"q": word}).json()}
    assert found == {quick["id"], slow["id"]}
    fast = api.get("/recipes", params={"q": word, "max_minutes": 30}).json()
    assert [r["id"] for r in fast] == [quick["id"]]
    meat = api.get("/recipes", params={"q": word, "tag": "meat"}).json()
    assert [r["id"] for r in meat] == [slow["id"]]


def test_only_the_author_may_edit_or_delete(api: httpx.Client) -> None:
    _, alice = _cook(api)
    _, bob = _cook(api)
    made = _recipe(api, alice, title="Alice's curry")
    path = f"/recipes/{made['id']}"
    assert api.patch(path, json={"title": "Bob's curry"}, headers=bob).status_code == 403
    assert api.delete(path, headers=bob).status_code == 403
    edited = api.patch(path, json={"minutes": 45}, headers=alice)
    assert edited.status_code == 200
    assert edited.json()["minutes"] == 45 and edited.json()["title"] == "Alice's curry"
    assert api.delete(path, headers=alice).status_code == 204
    assert api.get(path).status_code == 404


def test_the_photo_is_uploaded_and_served_as_jpeg(api: httpx.Client) -> None:
    _, cook = _cook(api)
    made = _recipe(api, cook)
    path = f"/recipes/{made['id']}/photo"
    assert api.get(path).status_code == 404
    files = {"photo": ("dish.jpg", JPEG, "image/jpeg")}
    assert api.put(path, files=files, headers=cook).status_code == 204
    photo = api.get(path)
    assert photo.status_code == 200
    assert photo.headers["content-type"] == "image/jpeg"
    assert photo.content == JPEG


def test_only_the_author_may_set_the_photo(api: httpx.Client) -> None:
    _, alice = _cook(api)
    _, bob = _cook(api)
    made = _recipe(api, alice)
    files = {"photo": ("x.jpg", JPEG, "image/jpeg")}
    assert api.put(f"/recipes/{made['id']}/photo", files=files, headers=bob).status_code == 403
