"""Acceptance tests for petitions.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")
PASSWORD = "zebra-crossing-7"


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _word() -> str:
    """A word no other test puts in a title, so `q` isolates this test's petitions."""
    return f"pw{uuid.uuid4().hex[:10]}"


def _resident(api: httpx.Client) -> dict:
    tag = uuid.uuid4().hex[:12]
    body = {"login": f"r_{tag}", "password": PASSWORD, "name": f"Resident {tag}"}
    response = api.post("/residents", json=body)
    assert response.status_code == 201, response.text
    return {**body, "auth": (body["login"], PASSWORD)}


def _petition(api: httpx.Client, who: dict, title: str, **extra) -> dict:
    response = api.post("/petitions", json={"title": title, **extra}, auth=who["auth"])
    assert response.status_code == 200, response.text
    return response.json()


def _sign(api: httpx.Client, who: dict, petition: dict, comment: str | None = None):
    body = {} if comment is None else {"comment": comment}
    return api.post(f"/petitions/{petition['id']}/signatures", json=body, auth=who["auth"])


def _ids(api: httpx.Client, who: dict, **params) -> list[int]:
    response = api.get("/petitions", params=params, auth=who["auth"])
    assert response.status_code == 200, response.text
    assert isinstance(response.json(), list), response.text
    return [p["id"] for p in response.json()]


def test_registering_answers_201_and_a_taken_login_is_409(api: httpx.Client) -> None:
    login = f"r_{uuid.uuid4().hex[:12]}"
    body = {"login": login, "password": PASSWORD, "name": "Margaret Hale"}
    response = api.post("/residents", json=body)
    assert response.status_code == 201, response.text
    made = response.json()
    assert isinstance(made["id"], int) and made["login"] == login
    assert made["name"] == "Margaret Hale" and "password" not in made
    again = api.post("/residents", json={**body, "name": "Someone Else"})
    assert again.status_code == 409, again.text


def test_basic_auth_is_required_and_checked(api: httpx.Client) -> None:
    someone = _resident(api)
    assert api.get("/petitions").status_code == 401
    assert api.post("/petitions", json={"title": "More benches"}).status_code == 401
    assert api.get("/residents/me").status_code == 401
    wrong = api.get("/residents/me", auth=(someone["login"], "not-the-password"))
    assert wrong.status_code == 401
    me = api.get("/residents/me", auth=someone["auth"])
    assert me.status_code == 200, me.text
    assert me.json()["login"] == someone["login"] and me.json()["name"] == someone["name"]


def test_a_new_petition_answers_200_signed_by_its_starter(api: httpx.Client) -> None:
    alice = _resident(api)
    made = _petition(api, alice, f"Street lights on Carver Road {_word()}")
    assert isinstance(made["id"], int)
    assert made["status"] == "open" and made["goal"] == 100
    assert made["signature_count"] == 1 and made["reached"] is False
    assert made["started_by"] == alice["login"] and made["text"] is None
    got = api.get(f"/petitions/{made['id']}", auth=alice["auth"])
    assert got.status_code == 200 and got.json()["title"] == made["title"]
    assert api.get("/petitions/987654321", auth=alice["auth"]).status_code == 404


def test_bad_petitions_are_422(api: httpx.Client) -> None:
    alice = _resident(api)
    word = _word()
    for body in (
        {"text": "no title"},
        {"title": "abc"},
        {"title": f"Goal too small {word}", "goal": 1},
        {"title": f"Goal too big {word}", "goal": 100001},
    ):
        response = api.post("/petitions", json=body, auth=alice["auth"])
        assert response.status_code == 422, (body, response.text)
    assert _ids(api, alice, q=word) == []


def test_a_title_is_unique_per_starter_ignoring_case(api: httpx.Client) -> None:
    alice, bob = _resident(api), _resident(api)
    title = f"Zebra crossing by the school {_word()}"
    _petition(api, alice, title)
    again = api.post("/petitions", json={"title": title.upper()}, auth=alice["auth"])
    assert again.status_code == 409, again.text
    other = api.post("/petitions", json={"title": title}, auth=bob["auth"])
    assert other.status_code == 200, other.text
    assert other.json()["started_by"] == bob["login"]


def test_signing_counts_once_and_reaches_the_goal(api: httpx.Client) -> None:
    alice, bob = _resident(api), _resident(api)
    petition = _petition(api, alice, f"Fix the swings {_word()}", goal=2)
    assert petition["reached"] is False
    signed = _sign(api, bob, petition, "my kids use them")
    assert signed.status_code == 201, signed.text
    body = signed.json()
    assert body["petition_id"] == petition["id"] and body["name"] == bob["name"]
    assert body["comment"] == "my kids use them" and body["signature_count"] == 2
    got = api.get(f"/petitions/{petition['id']}", auth=alice["auth"]).json()
    assert got["signature_count"] == 2 and got["reached"] is True
    assert _sign(api, bob, petition).status_code == 409
    assert _sign(api, alice, petition).status_code == 409
    fake = {"id": 987654321}
    assert _sign(api, bob, fake).status_code == 404


def test_taking_a_signature_back_is_204_then_404(api: httpx.Client) -> None:
    alice, bob = _resident(api), _resident(api)
    petition = _petition(api, alice, f"Recycling bins {_word()}")
    _sign(api, bob, petition)
    path = f"/petitions/{petition['id']}/signatures/mine"
    assert api.delete(path, auth=bob["auth"]).status_code == 204
    got = api.get(f"/petitions/{petition['id']}", auth=bob["auth"]).json()
    assert got["signature_count"] == 1
    assert api.delete(path, auth=bob["auth"]).status_code == 404
    assert _sign(api, bob, petition).status_code == 201


def test_only_the_starter_closes_and_a_closed_petition_takes_no_signatures(
    api: httpx.Client,
) -> None:
    alice, bob, carol = _resident(api), _resident(api), _resident(api)
    petition = _petition(api, alice, f"Dog park {_word()}")
    path = f"/petitions/{petition['id']}/close"
    assert api.post(path, auth=bob["auth"]).status_code == 403
    closed = api.post(path, auth=alice["auth"])
    assert closed.status_code == 200, closed.text
    assert closed.json()["status"] == "closed" and closed.json()["id"] == petition["id"]
    assert api.post(path, auth=alice["auth"]).status_code == 409
    assert _sign(api, carol, petition).status_code == 409
    got = api.get(f"/petitions/{petition['id']}", auth=carol["auth"]).json()
    assert got["signature_count"] == 1 and got["status"] == "closed"


def test_only_the_starter_deletes(api: httpx.Client) -> None:
    alice, bob = _resident(api), _resident(api)
    petition = _petition(api, alice, f"Bus shelter {_word()}")
    path = f"/petitions/{petition['id']}"
    assert api.delete(path, auth=bob["auth"]).status_code == 403
    assert api.get(path, auth=bob["auth"]).status_code == 200
    assert api.delete(path, auth=alice["auth"]).status_code == 204
    assert api.get(path, auth=alice["auth"]).status_code == 404
    assert api.delete(path, auth=alice["auth"]).status_code == 404


def test_list_is_a_bare_array_newest_first_with_order_and_limit(
    api: httpx.Client,
) -> None:
    alice, bob = _resident(api), _resident(api)
    word = _word()
    first = _petition(api, alice, f"Allotment water {word}")
    second = _petition(api, bob, f"Library hours {word}")
    third = _petition(api, alice, f"Pool opening {word}")
    assert _ids(api, bob, q=word) == [third["id"], second["id"], first["id"]]
    oldest_first = _ids(api, bob, q=word, sort_by="created", order="asc")
    assert oldest_first == [first["id"], second["id"], third["id"]]
    assert _ids(api, bob, q=word, limit=2) == [third["id"], second["id"]]


def test_sort_by_signatures_both_ways(api: httpx.Client) -> None:
    alice, bob, carol = _resident(api), _resident(api), _resident(api)
    word = _word()
    two = _petition(api, alice, f"Speed bumps {word}")
    three = _petition(api, alice, f"Tree planting {word}")
    one = _petition(api, alice, f"Mural wall {word}")
    _sign(api, bob, two)
    _sign(api, bob, three)
    _sign(api, carol, three)
    most = _ids(api, carol, q=word, sort_by="signatures")
    assert most == [three["id"], two["id"], one["id"]]
    fewest = _ids(api, carol, q=word, sort_by="signatures", order="asc")
    assert fewest == [one["id"], two["id"], three["id"]]


def test_filters_status_reached_min_signatures_q_and_starter(api: httpx.Client) -> None:
    alice, bob = _resident(api), _resident(api)
    word = _word()
    small = _petition(api, alice, f"Quiet Hours {word}", goal=2)
    big = _petition(api, bob, f"New Playground {word}")
    done = _petition(api, alice, f"Litter picks {word}")
    _sign(api, bob, small)
    api.post(f"/petitions/{done['id']}/close", auth=alice["auth"])
    assert _ids(api, bob, q=word, reached="true") == [small["id"]]
    assert _ids(api, bob, q=word, reached="false") == [done["id"], big["id"]]
    assert _ids(api, bob, q=word, min_signatures=2) == [small["id"]]
    assert _ids(api, bob, q=word, status="closed") == [done["id"]]
    assert _ids(api, bob, q=word, status="open") == [big["id"], small["id"]]
    assert _ids(api, bob, q=word, started_by=alice["login"]) == [
        done["id"],
        small["id"],
    ]
    assert _ids(api, bob, q=f"new playground {word}".upper()) == [big["id"]]


def test_signatures_print_as_numbered_plain_text_oldest_first(
    api: httpx.Client,
) -> None:
    alice, bob, carol = _resident(api), _resident(api), _resident(api)
    petition = _petition(api, alice, f"Crossing patrol {_word()}")
    assert _sign(api, bob, petition, "about time too").status_code == 201
    assert _sign(api, carol, petition).status_code == 201
    response = api.get(f"/petitions/{petition['id']}/signatures", auth=bob["auth"])
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    lines = [line.strip() for line in response.text.strip().splitlines() if line.strip()]
    assert lines == [
        f"1. {alice['name']}",
        f"2. {bob['name']}: about time too",
        f"3. {carol['name']}",
    ], response.text


def test_me_counts_started_and_signed_petitions(api: httpx.Client) -> None:
    alice, bob = _resident(api), _resident(api)
    word = _word()
    _petition(api, alice, f"Benches {word}")
    _petition(api, alice, f"Bike racks {word}")
    theirs = _petition(api, bob, f"Food bank drop-off {word}")
    _sign(api, alice, theirs)
    me = api.get("/residents/me", auth=alice["auth"]).json()
    assert me["started"] == 2 and me["signed"] == 3, me
    bob_me = api.get("/residents/me", auth=bob["auth"]).json()
    assert bob_me["started"] == 1 and bob_me["signed"] == 1, bob_me
    api.delete(f"/petitions/{theirs['id']}/signatures/mine", auth=alice["auth"])
    assert api.get("/residents/me", auth=alice["auth"]).json()["signed"] == 2
