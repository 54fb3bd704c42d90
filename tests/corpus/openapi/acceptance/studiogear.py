"""Acceptance tests for studiogear.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>

The gear room is shared by every engineer, so each test puts a word of its own into its gear
names and narrows `GET /gear` with `q`.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


@pytest.fixture
def engineer(api: httpx.Client) -> Iterator[Callable[[], httpx.Client]]:
    """Makes a fresh engineer and returns a client of their own, holding the session cookie."""
    clients: list[httpx.Client] = []

    def make() -> httpx.Client:
        creds = {"username": f"eng{uuid.uuid4().hex[:10]}", "password": "phantom-48v"}
        assert api.post("/engineers", json=creds).status_code == 201
        client = httpx.Client(base_url=BASE_URL, timeout=15)
        clients.append(client)
        login = client.post("/login", json=creds)
        assert login.status_code == 200, login.text
        assert client.cookies.get("studio_session")
        client.username = creds["username"]  # type: ignore[attr-defined]
        return client

    yield make
    for client in clients:
        client.close()


def _word() -> str:
    return f"gx{uuid.uuid4().hex[:10]}"


def _serial() -> str:
    return f"SN-{uuid.uuid4().hex[:12].upper()}"


def _gear(who: httpx.Client, name: str, **extra) -> dict:
    response = who.post("/gear", json={"name": name, "serial": _serial(), **extra})
    assert response.status_code == 201, response.text
    return response.json()


def _ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    return [g["id"] for g in response.json()["results"]]


def test_signup_twice_is_409_and_a_wrong_password_is_401(api: httpx.Client) -> None:
    creds = {"username": f"eng{uuid.uuid4().hex[:10]}", "password": "phantom-48v"}
    first = api.post("/engineers", json=creds)
    assert first.status_code == 201
    assert first.json()["username"] == creds["username"] and "password" not in first.json()
    assert api.post("/engineers", json=creds).status_code == 409
    assert api.post("/login", json={**creds, "password": "nope-nope"}).status_code == 401


def test_gear_needs_the_cookie(api: httpx.Client) -> None:
    assert api.get("/gear").status_code == 401
    assert api.post("/gear", json={"name": "SM57", "serial": _serial()}).status_code == 401
    with httpx.Client(base_url=BASE_URL, timeout=15, cookies={"studio_session": "forged"}) as c:
        assert c.get("/gear").status_code == 401


def test_logout_is_204_and_the_old_cookie_stops_working(engineer) -> None:
    ann = engineer()
    sid = ann.cookies.get("studio_session")
    assert ann.get("/gear").status_code == 200
    assert ann.post("/logout").status_code == 204
    with httpx.Client(base_url=BASE_URL, timeout=15, cookies={"studio_session": sid}) as old:
        assert old.get("/gear").status_code == 401


def test_new_gear_is_available_with_defaults(engineer) -> None:
    ann = engineer()
    serial = _serial()
    response = ann.post("/gear", json={"name": "Ribbon mic", "serial": serial})
    assert response.status_code == 201, response.text
    gear = response.json()
    assert isinstance(gear["id"], int) and gear["serial"] == serial
    assert gear["kind"] == "other" and gear["available"] is True
    assert gear["holder"] is None and gear["checkout_count"] == 0
    got = ann.get(f"/gear/{gear['id']}")
    assert got.status_code == 200 and got.json()["name"] == "Ribbon mic"


def test_a_known_serial_is_409_and_bad_input_422(engineer) -> None:
    ann, bob = engineer(), engineer()
    gear = _gear(ann, "DI box", kind="other")
    assert (
        bob.post("/gear", json={"name": "Another DI", "serial": gear["serial"]}).status_code == 409
    )
    assert ann.post("/gear", json={"name": "No serial"}).status_code == 422
    bad_kind = {"name": "Synth", "serial": _serial(), "kind": "spaceship"}
    assert ann.post("/gear", json=bad_kind).status_code == 422


def test_checkout_makes_me_the_holder_and_a_second_checkout_is_409(engineer) -> None:
    ann, bob = engineer(), engineer()
    gear = _gear(ann, "Condenser mic", kind="microphone")
    out = bob.post(f"/gear/{gear['id']}/checkout", json={"due_back": "2031-04-02"})
    assert out.status_code == 200, out.text
    body = out.json()
    assert body["holder"] == bob.username and body["available"] is False
    assert body["due_back"] == "2031-04-02" and body["checkout_count"] == 1
    assert (
        ann.post(f"/gear/{gear['id']}/checkout", json={"due_back": "2031-04-03"}).status_code == 409
    )
    assert (
        bob.post(f"/gear/{gear['id']}/checkout", json={"due_back": "2031-04-03"}).status_code == 409
    )


def test_only_the_holder_returns_and_returning_twice_is_409(engineer) -> None:
    ann, bob = engineer(), engineer()
    gear = _gear(ann, "Headphones", kind="headphones")
    assert ann.post(f"/gear/{gear['id']}/return").status_code == 409
    assert (
        bob.post(f"/gear/{gear['id']}/checkout", json={"due_back": "2031-04-05"}).status_code == 200
    )
    assert ann.post(f"/gear/{gear['id']}/return").status_code == 403
    back = bob.post(f"/gear/{gear['id']}/return")
    assert back.status_code == 200
    assert back.json()["available"] is True and back.json()["holder"] is None
    assert back.json()["checkout_count"] == 1
    assert bob.post(f"/gear/{gear['id']}/return").status_code == 409


def test_checkout_count_grows_and_history_is_newest_first(engineer) -> None:
    ann, bob = engineer(), engineer()
    gear = _gear(ann, "Tube preamp", kind="preamp")
    assert (
        ann.post(f"/gear/{gear['id']}/checkout", json={"due_back": "2031-05-01"}).status_code == 200
    )
    assert ann.post(f"/gear/{gear['id']}/return").status_code == 200
    assert (
        bob.post(f"/gear/{gear['id']}/checkout", json={"due_back": "2031-05-09"}).status_code == 200
    )
    assert ann.get(f"/gear/{gear['id']}").json()["checkout_count"] == 2
    history = ann.get(f"/gear/{gear['id']}/history")
    assert history.status_code == 200
    rows = history.json()
    assert [r["engineer"] for r in rows] == [bob.username, ann.username]
    assert [r["due_back"] for r in rows] == ["2031-05-09", "2031-05-01"]
    assert rows[0]["returned_at"] is None and rows[1]["returned_at"] is not None


def test_gear_that_is_out_cannot_be_deleted(engineer) -> None:
    ann, bob = engineer(), engineer()
    gear = _gear(ann, "Bass guitar", kind="instrument")
    assert (
        bob.post(f"/gear/{gear['id']}/checkout", json={"due_back": "2031-06-01"}).status_code == 200
    )
    assert ann.delete(f"/gear/{gear['id']}").status_code == 409
    assert bob.delete(f"/gear/{gear['id']}").status_code == 409
    assert bob.post(f"/gear/{gear['id']}/return").status_code == 200
    assert bob.delete(f"/gear/{gear['id']}").status_code == 204
    assert ann.get(f"/gear/{gear['id']}").status_code == 404


def test_list_is_an_envelope_sorted_by_name_both_ways(engineer) -> None:
    ann = engineer()
    word = _word()
    c = _gear(ann, f"Compressor {word}")
    a = _gear(ann, f"Amp {word}")
    b = _gear(ann, f"Boom stand {word}")
    listed = ann.get("/gear", params={"q": word})
    assert _ids(listed) == [a["id"], b["id"], c["id"]] and listed.json()["count"] == 3
    assert _ids(ann.get("/gear", params={"q": word, "order": "desc"})) == [
        c["id"],
        b["id"],
        a["id"],
    ]


def test_kind_available_and_q_on_the_serial(engineer) -> None:
    ann, bob = engineer(), engineer()
    word = _word()
    mic = _gear(ann, f"Mic {word}", kind="microphone")
    cable = _gear(ann, f"XLR cable {word}", kind="cable")
    mic2 = _gear(ann, f"Mic two {word}", kind="microphone")
    assert _ids(bob.get("/gear", params={"q": word, "kind": "microphone"})) == [
        mic["id"],
        mic2["id"],
    ]
    assert (
        bob.post(f"/gear/{mic['id']}/checkout", json={"due_back": "2031-07-01"}).status_code == 200
    )
    assert _ids(bob.get("/gear", params={"q": word, "available": "true"})) == [
        mic2["id"],
        cable["id"],
    ]
    assert _ids(bob.get("/gear", params={"q": word, "available": "false"})) == [mic["id"]]
    assert _ids(bob.get("/gear", params={"q": cable["serial"].lower()})) == [cable["id"]]


def test_unknown_gear_is_404(engineer) -> None:
    ann = engineer()
    assert ann.get("/gear/987654321").status_code == 404
    assert ann.post("/gear/987654321/checkout", json={"due_back": "2031-01-01"}).status_code == 404
    assert ann.post("/gear/987654321/return").status_code == 404
    assert ann.get("/gear/987654321/history").status_code == 404
    assert ann.delete("/gear/987654321").status_code == 404
