"""Acceptance tests for recipecards.md, written from the document and its prose before generating.

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


def _cook(api: httpx.Client, name: str = "") -> dict[str, str]:
    response = api.post("/cooks", json={"name": name or f"Cook {uuid.uuid4().hex[:6]}"})
    assert response.status_code == 201, response.text
    return {"X-Cook-Key": response.json()["key"]}


def _word() -> str:
    """A word no other test puts in a title, so `q` isolates this test's cards."""
    return f"zq{uuid.uuid4().hex[:10]}"


def _card(api: httpx.Client, who: dict, title: str, **extra) -> dict:
    response = api.post("/cards", json={"title": title, **extra}, headers=who)
    assert response.status_code == 201, response.text
    return response.json()


def _rate(api: httpx.Client, who: dict, card: dict, stars: int) -> httpx.Response:
    return api.put(f"/cards/{card['id']}/rating", json={"stars": stars}, headers=who)


def test_a_cook_gets_a_key(api: httpx.Client) -> None:
    response = api.post("/cooks", json={"name": "Marta"})
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Marta" and body["key"] and isinstance(body["id"], int)


def test_writes_need_a_key_reads_do_not(api: httpx.Client) -> None:
    assert api.post("/cards", json={"title": "Soup"}).status_code == 401
    assert (
        api.post("/cards", json={"title": "Soup"}, headers={"X-Cook-Key": "nope"}).status_code
        == 401
    )
    card = _card(api, _cook(api), f"Soup {_word()}")
    assert api.get("/cards").status_code == 200
    assert api.get(f"/cards/{card['id']}").status_code == 200
    assert api.put(f"/cards/{card['id']}/rating", json={"stars": 4}).status_code == 401


def test_a_new_card_has_defaults_and_no_ratings(api: httpx.Client) -> None:
    cook = _cook(api, name="Olek")
    card = _card(api, cook, "Pierogi", minutes=90, ingredients=["flour", "potatoes"])
    assert card["course"] == "main" and card["author"] == "Olek"
    assert card["rating_count"] == 0 and card["average_rating"] is None
    assert card["ingredients"] == ["flour", "potatoes"] and card["minutes"] == 90


def test_a_card_without_title_or_with_an_unknown_course_is_400(api: httpx.Client) -> None:
    cook = _cook(api)
    assert api.post("/cards", json={"minutes": 5}, headers=cook).status_code == 400
    assert (
        api.post("/cards", json={"title": "X", "course": "brunch"}, headers=cook).status_code == 400
    )


def test_the_list_is_an_envelope_filtered_by_q_course_and_minutes(api: httpx.Client) -> None:
    cook = _cook(api)
    word = _word()
    quick = _card(api, cook, f"Quick {word.upper()} salad", course="starter", minutes=10)
    _card(api, cook, f"Slow {word} stew", course="main", minutes=180)
    cake = _card(api, cook, f"{word} cake", course="dessert", minutes=60)
    _card(api, cook, "Something else entirely", course="starter", minutes=5)
    listed = api.get("/cards", params={"q": word})
    assert listed.status_code == 200
    body = listed.json()
    assert body["total"] == 3 and len(body["items"]) == 3
    starters = api.get("/cards", params={"q": word, "course": "starter"}).json()
    assert [c["id"] for c in starters["items"]] == [quick["id"]]
    short = api.get("/cards", params={"q": word, "max_minutes": 60}).json()
    assert {c["id"] for c in short["items"]} == {quick["id"], cake["id"]}


def test_newest_first_by_default_and_title_sort(api: httpx.Client) -> None:
    cook = _cook(api)
    word = _word()
    b = _card(api, cook, f"B {word}")
    a = _card(api, cook, f"A {word}")
    c = _card(api, cook, f"C {word}")
    newest = api.get("/cards", params={"q": word}).json()
    assert [x["id"] for x in newest["items"]] == [c["id"], a["id"], b["id"]]
    by_title = api.get("/cards", params={"q": word, "sort": "title"}).json()
    assert [x["id"] for x in by_title["items"]] == [a["id"], b["id"], c["id"]]


def test_limit_and_offset_keep_the_total(api: httpx.Client) -> None:
    cook = _cook(api)
    word = _word()
    made = [_card(api, cook, f"{n} {word}") for n in ("A", "B", "C", "D")]
    page = api.get("/cards", params={"q": word, "sort": "title", "limit": 2, "offset": 1}).json()
    assert page["total"] == 4
    assert [x["id"] for x in page["items"]] == [made[1]["id"], made[2]["id"]]


def test_rating_again_replaces_my_stars(api: httpx.Client) -> None:
    ann, bob, cid = _cook(api), _cook(api), _cook(api)
    card = _card(api, ann, f"Tart {_word()}")
    first = _rate(api, bob, card, 2)
    assert first.status_code == 200, first.text
    assert first.json()["rating_count"] == 1 and first.json()["average_rating"] == 2
    again = _rate(api, bob, card, 4)
    assert again.status_code == 200
    assert again.json()["rating_count"] == 1 and again.json()["average_rating"] == 4
    third = _rate(api, cid, card, 5).json()
    assert third["rating_count"] == 2 and third["average_rating"] == 4.5
    got = api.get(f"/cards/{card['id']}").json()
    assert got["rating_count"] == 2 and got["average_rating"] == 4.5


def test_own_card_out_of_range_and_unknown_card(api: httpx.Client) -> None:
    ann, bob = _cook(api), _cook(api)
    card = _card(api, ann, f"Flan {_word()}")
    assert _rate(api, ann, card, 5).status_code == 403
    assert _rate(api, bob, card, 6).status_code == 400
    assert _rate(api, bob, card, 0).status_code == 400
    assert _rate(api, bob, {"id": 987654321}, 3).status_code == 404
    assert api.get(f"/cards/{card['id']}").json()["rating_count"] == 0


def test_min_rating_and_sort_by_rating(api: httpx.Client) -> None:
    ann, bob = _cook(api), _cook(api)
    word = _word()
    ok = _card(api, ann, f"Ok {word}")
    top = _card(api, ann, f"Top {word}")
    _card(api, ann, f"Unrated {word}")
    low = _card(api, ann, f"Low {word}")
    _rate(api, bob, ok, 3)
    _rate(api, bob, top, 5)
    _rate(api, bob, low, 1)
    good = api.get("/cards", params={"q": word, "min_rating": 3, "sort": "rating"}).json()
    assert [x["id"] for x in good["items"]] == [top["id"], ok["id"]] and good["total"] == 2


def test_only_the_author_may_patch_or_delete(api: httpx.Client) -> None:
    ann, bob = _cook(api), _cook(api)
    card = _card(api, ann, f"Bread {_word()}", minutes=200)
    assert api.patch(f"/cards/{card['id']}", json={"minutes": 1}, headers=bob).status_code == 403
    changed = api.patch(f"/cards/{card['id']}", json={"course": "starter"}, headers=ann)
    assert changed.status_code == 200
    assert changed.json()["course"] == "starter" and changed.json()["minutes"] == 200
    assert api.delete(f"/cards/{card['id']}", headers=bob).status_code == 403
    assert api.delete(f"/cards/{card['id']}", headers=ann).status_code == 204
    assert api.get(f"/cards/{card['id']}").status_code == 404


def test_print_is_plain_text_title_first(api: httpx.Client) -> None:
    title = f"Lemonade {_word()}"
    card = _card(
        api,
        _cook(api),
        title,
        course="drink",
        ingredients=["lemons", "sugar"],
        steps="Squeeze and stir.",
    )
    printed = api.get(f"/cards/{card['id']}/print")
    assert printed.status_code == 200
    assert printed.headers["content-type"].startswith("text/plain")
    lines = printed.text.splitlines()
    assert lines[0].strip() == title
    assert "- lemons" in lines and "- sugar" in lines
    assert "Squeeze and stir." in printed.text
    assert api.get("/cards/987654321/print").status_code == 404
