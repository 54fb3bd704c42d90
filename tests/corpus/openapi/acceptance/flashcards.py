"""Acceptance tests for flashcards.md, written from the document and its prose only.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")
PASSWORD = "hola-que-tal-7"


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _word() -> str:
    return f"w{uuid.uuid4().hex[:10]}"


def _username() -> str:
    return f"u_{uuid.uuid4().hex[:12]}"


def _user(api: httpx.Client) -> dict[str, str]:
    """Registers a fresh user, logs in and returns the Authorization header."""
    creds = {"username": _username(), "password": PASSWORD}
    registered = api.post("/auth/register", json=creds)
    assert registered.status_code == 201, registered.text
    login = api.post("/auth/login", json=creds)
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


def _deck(api: httpx.Client, auth: dict, name: str, language: str = "es", **extra) -> dict:
    response = api.post("/decks", json={"name": name, "language": language, **extra}, headers=auth)
    assert response.status_code == 201, response.text
    return response.json()


def _card(api: httpx.Client, auth: dict, deck: dict, front: str, back: str = "x") -> dict:
    response = api.post(
        f"/decks/{deck['id']}/cards", json={"front": front, "back": back}, headers=auth
    )
    assert response.status_code == 201, response.text
    return response.json()


def _review(api: httpx.Client, auth: dict, deck: dict, card: dict, correct: bool) -> dict:
    response = api.post(
        f"/decks/{deck['id']}/cards/{card['id']}/review", json={"correct": correct}, headers=auth
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_register_answers_201_without_the_password_and_409_when_taken(api: httpx.Client) -> None:
    creds = {"username": _username(), "password": PASSWORD}
    response = api.post("/auth/register", json=creds)
    assert response.status_code == 201
    body = response.json()
    assert body["username"] == creds["username"] and isinstance(body["id"], int)
    assert "password" not in body
    again = api.post("/auth/register", json={**creds, "password": "another-pass-9"})
    assert again.status_code == 409


def test_login_gives_a_bearer_token_and_a_wrong_password_is_401(api: httpx.Client) -> None:
    creds = {"username": _username(), "password": PASSWORD}
    assert api.post("/auth/register", json=creds).status_code == 201
    login = api.post("/auth/login", json=creds)
    assert login.status_code == 200
    body = login.json()
    assert isinstance(body["access_token"], str) and body["access_token"]
    assert body["token_type"] == "bearer"
    wrong = api.post("/auth/login", json={**creds, "password": "not-the-password"})
    assert wrong.status_code == 401
    nobody = api.post("/auth/login", json={"username": _username(), "password": PASSWORD})
    assert nobody.status_code == 401


def test_decks_answer_401_without_a_token(api: httpx.Client) -> None:
    assert api.get("/decks").status_code == 401
    assert api.post("/decks", json={"name": "Verbs", "language": "de"}).status_code == 401
    bad = {"Authorization": "Bearer not-a-real-token"}
    assert api.get("/decks", headers=bad).status_code == 401


def test_a_new_deck_is_201_with_card_count_zero(api: httpx.Client) -> None:
    auth = _user(api)
    deck = _deck(api, auth, f"Food {_word()}", "fr", description="restaurant words")
    assert isinstance(deck["id"], int)
    assert deck["language"] == "fr" and deck["description"] == "restaurant words"
    assert deck["card_count"] == 0
    got = api.get(f"/decks/{deck['id']}", headers=auth)
    assert got.status_code == 200
    assert got.json()["name"] == deck["name"] and got.json()["card_count"] == 0


def test_my_decks_are_a_bare_array_by_name_with_language_and_q(api: httpx.Client) -> None:
    alice, bob = _user(api), _user(api)
    word = _word()
    c = _deck(api, alice, f"charlie {word}", "de")
    a = _deck(api, alice, f"alpha {word}", "es")
    b = _deck(api, alice, f"bravo {word}", "de")
    _deck(api, bob, f"alpha {word}", "de")
    listed = api.get("/decks", headers=alice)
    assert listed.status_code == 200 and isinstance(listed.json(), list)
    mine = [d["id"] for d in listed.json() if word in d["name"]]
    assert mine == [a["id"], b["id"], c["id"]]
    by_q = api.get("/decks", params={"q": word.upper()}, headers=alice).json()
    assert [d["id"] for d in by_q] == [a["id"], b["id"], c["id"]]
    german = api.get("/decks", params={"q": word, "language": "de"}, headers=alice).json()
    assert [d["id"] for d in german] == [b["id"], c["id"]]


def test_deck_names_are_unique_per_user_only(api: httpx.Client) -> None:
    alice, bob = _user(api), _user(api)
    name = f"Verbs {_word()}"
    _deck(api, alice, name)
    clash = api.post("/decks", json={"name": name, "language": "it"}, headers=alice)
    assert clash.status_code == 409
    _deck(api, bob, name)
    other = _deck(api, alice, f"Nouns {_word()}")
    rename = api.patch(f"/decks/{other['id']}", json={"name": name}, headers=alice)
    assert rename.status_code == 409


def test_someone_elses_deck_is_404_everywhere(api: httpx.Client) -> None:
    alice, bob = _user(api), _user(api)
    deck = _deck(api, alice, f"Secret {_word()}")
    card = _card(api, alice, deck, "el gato", "the cat")
    base = f"/decks/{deck['id']}"
    assert api.get(base, headers=bob).status_code == 404
    assert api.patch(base, json={"name": "mine now"}, headers=bob).status_code == 404
    assert api.get(f"{base}/cards", headers=bob).status_code == 404
    assert (
        api.post(f"{base}/cards", json={"front": "a", "back": "b"}, headers=bob).status_code == 404
    )
    review = api.post(f"{base}/cards/{card['id']}/review", json={"correct": True}, headers=bob)
    assert review.status_code == 404
    assert api.delete(base, headers=bob).status_code == 404
    still = api.get(base, headers=alice)
    assert still.status_code == 200 and still.json()["name"] == deck["name"]
    assert still.json()["card_count"] == 1


def test_patch_changes_only_what_is_sent(api: httpx.Client) -> None:
    auth = _user(api)
    deck = _deck(api, auth, f"Travel {_word()}", "pt", description="airport")
    patched = api.patch(f"/decks/{deck['id']}", json={"language": "nl"}, headers=auth)
    assert patched.status_code == 200
    body = patched.json()
    assert body["language"] == "nl"
    assert body["name"] == deck["name"] and body["description"] == "airport"


def test_cards_start_in_box_1_oldest_first_and_are_counted(api: httpx.Client) -> None:
    auth = _user(api)
    deck = _deck(api, auth, f"Colours {_word()}")
    first = _card(api, auth, deck, "rojo", "red")
    second = _card(api, auth, deck, "azul", "blue")
    third = _card(api, auth, deck, "verde", "green")
    assert first["box"] == 1 and first["reviews"] == 0
    assert first["front"] == "rojo" and first["back"] == "red"
    listed = api.get(f"/decks/{deck['id']}/cards", headers=auth)
    assert listed.status_code == 200 and isinstance(listed.json(), list)
    assert [c["id"] for c in listed.json()] == [first["id"], second["id"], third["id"]]
    assert api.get(f"/decks/{deck['id']}", headers=auth).json()["card_count"] == 3


def test_review_moves_the_card_between_boxes(api: httpx.Client) -> None:
    auth = _user(api)
    deck = _deck(api, auth, f"Numbers {_word()}", "de")
    card = _card(api, auth, deck, "zwei", "two")
    other = _card(api, auth, deck, "drei", "three")
    after = _review(api, auth, deck, card, True)
    assert after["box"] == 2 and after["reviews"] == 1
    for _ in range(5):
        after = _review(api, auth, deck, card, True)
    assert after["box"] == 5 and after["reviews"] == 6
    boxed = api.get(f"/decks/{deck['id']}/cards", params={"box": 5}, headers=auth).json()
    assert [c["id"] for c in boxed] == [card["id"]]
    ones = api.get(f"/decks/{deck['id']}/cards", params={"box": 1}, headers=auth).json()
    assert [c["id"] for c in ones] == [other["id"]]
    after = _review(api, auth, deck, card, False)
    assert after["box"] == 1 and after["reviews"] == 7


def test_invalid_bodies_are_422(api: httpx.Client) -> None:
    auth = _user(api)
    assert api.post("/decks", json={"name": f"x {_word()}"}, headers=auth).status_code == 422
    bad_language = {"name": f"x {_word()}", "language": "klingon"}
    assert api.post("/decks", json=bad_language, headers=auth).status_code == 422
    deck = _deck(api, auth, f"Valid {_word()}")
    empty = api.post(f"/decks/{deck['id']}/cards", json={"front": "", "back": "b"}, headers=auth)
    assert empty.status_code == 422
    no_back = api.post(f"/decks/{deck['id']}/cards", json={"front": "a"}, headers=auth)
    assert no_back.status_code == 422
    card = _card(api, auth, deck, "hola", "hello")
    review = api.post(f"/decks/{deck['id']}/cards/{card['id']}/review", json={}, headers=auth)
    assert review.status_code == 422


def test_a_card_of_another_deck_or_an_unknown_card_is_404_on_review(api: httpx.Client) -> None:
    auth = _user(api)
    one = _deck(api, auth, f"One {_word()}")
    two = _deck(api, auth, f"Two {_word()}")
    card = _card(api, auth, one, "uno", "one")
    wrong_deck = api.post(
        f"/decks/{two['id']}/cards/{card['id']}/review", json={"correct": True}, headers=auth
    )
    assert wrong_deck.status_code == 404
    unknown = api.post(
        f"/decks/{one['id']}/cards/987654321/review", json={"correct": True}, headers=auth
    )
    assert unknown.status_code == 404
    assert api.get("/decks/987654321", headers=auth).status_code == 404


def test_delete_is_204_then_the_deck_is_gone(api: httpx.Client) -> None:
    auth = _user(api)
    deck = _deck(api, auth, f"Old {_word()}")
    _card(api, auth, deck, "viejo", "old")
    assert api.delete(f"/decks/{deck['id']}", headers=auth).status_code == 204
    assert api.get(f"/decks/{deck['id']}", headers=auth).status_code == 404
    assert api.get(f"/decks/{deck['id']}/cards", headers=auth).status_code == 404
    assert api.delete(f"/decks/{deck['id']}", headers=auth).status_code == 404
