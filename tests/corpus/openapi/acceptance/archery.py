"""Acceptance tests for archery.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")
PASSWORD = "nock-draw-loose"


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _creds() -> dict[str, str]:
    return {"username": f"a_{uuid.uuid4().hex[:12]}", "password": PASSWORD}


class Member(httpx.Client):
    """A client of its own that holds one archer's `quiver_sid` cookie."""

    username: str


@contextmanager
def _member() -> Iterator[Member]:
    with Member(base_url=BASE_URL, timeout=15) as client:
        creds = _creds()
        signed = client.post("/archers", json=creds)
        assert signed.status_code == 201, signed.text
        login = client.post("/session", json=creds)
        assert login.status_code == 200, login.text
        assert "quiver_sid" in client.cookies
        client.username = creds["username"]
        yield client


def _round(member: httpx.Client, shot_on: str = "2031-05-10", **extra) -> dict:
    body = {"shot_on": shot_on, "venue": "Club field", "bow": "recurve", **extra}
    response = member.post("/rounds", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _end(member: httpx.Client, round_id: int, arrows: list[int]) -> httpx.Response:
    return member.post(f"/rounds/{round_id}/ends", json={"arrows": arrows})


def _page(member: httpx.Client, **params) -> dict:
    response = member.get("/rounds", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) >= {"data", "meta"}, response.text
    return body


def _ids(member: httpx.Client, **params) -> list[int]:
    return [r["id"] for r in _page(member, **params)["data"]]


def test_sign_up_answers_201_and_a_taken_username_409(api: httpx.Client) -> None:
    creds = _creds()
    response = api.post("/archers", json=creds)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["username"] == creds["username"] and isinstance(body["id"], int)
    assert "password" not in body
    assert api.post("/archers", json=creds).status_code == 409


def test_a_wrong_password_answers_401_without_a_cookie(api: httpx.Client) -> None:
    creds = _creds()
    assert api.post("/archers", json=creds).status_code == 201
    response = api.post("/session", json={**creds, "password": "wrong-password"})
    assert response.status_code == 401
    assert "quiver_sid" not in response.cookies


def test_rounds_need_the_cookie(api: httpx.Client) -> None:
    assert api.get("/rounds").status_code == 401
    body = {"shot_on": "2031-05-10", "venue": "Club field", "bow": "recurve"}
    assert api.post("/rounds", json=body).status_code == 401
    with _member() as alice:
        made = _round(alice)
    assert api.get(f"/rounds/{made['id']}").status_code == 401
    assert api.get(f"/rounds/{made['id']}/scorecard").status_code == 401


def test_logging_out_kills_the_old_cookie(api: httpx.Client) -> None:
    with _member() as alice:
        old = {"Cookie": f"quiver_sid={alice.cookies['quiver_sid']}"}
        assert alice.get("/rounds").status_code == 200
        assert alice.delete("/session").status_code == 204
    assert api.get("/rounds", headers=old).status_code == 401


def test_a_new_round_starts_empty_with_defaults(api: httpx.Client) -> None:
    with _member() as alice:
        made = _round(alice, "2031-04-02", venue="Barn", bow="longbow")
        assert isinstance(made["id"], int)
        assert made["archer"] == alice.username
        assert made["distance_m"] == 18 and made["notes"] is None
        assert made["submitted"] is False
        assert made["total"] == 0 and made["end_count"] == 0
        assert made["shot_on"] == "2031-04-02" and made["bow"] == "longbow"
        got = alice.get(f"/rounds/{made['id']}")
        assert got.status_code == 200 and got.json()["venue"] == "Barn"
        bad = alice.post("/rounds", json={"shot_on": "2031-04-02", "venue": "x", "bow": "sling"})
        assert bad.status_code == 422, bad.text
        far = {"shot_on": "2031-04-02", "venue": "x", "bow": "recurve", "distance_m": 95}
        assert alice.post("/rounds", json=far).status_code == 422


def test_ends_are_numbered_scored_and_summed_on_the_round(api: httpx.Client) -> None:
    with _member() as alice:
        made = _round(alice)
        first = _end(alice, made["id"], [10, 9, 9, 8, 7, 0])
        assert first.status_code == 201, first.text
        assert first.json() == {"number": 1, "arrows": [10, 9, 9, 8, 7, 0], "score": 43}
        second = _end(alice, made["id"], [10, 10, 10, 9, 9, 9])
        assert second.status_code == 201 and second.json()["number"] == 2
        assert second.json()["score"] == 57
        round_now = alice.get(f"/rounds/{made['id']}").json()
        assert round_now["total"] == 100 and round_now["end_count"] == 2
        ends = alice.get(f"/rounds/{made['id']}/ends")
        assert ends.status_code == 200 and isinstance(ends.json(), list)
        assert [e["number"] for e in ends.json()] == [1, 2]
        assert [e["score"] for e in ends.json()] == [43, 57]


def test_an_end_must_be_six_arrows_of_0_to_10(api: httpx.Client) -> None:
    with _member() as alice:
        made = _round(alice)
        for arrows in ([10, 9, 8, 7, 6], [10, 9, 8, 7, 6, 5, 4], [11, 9, 8, 7, 6, 5], [-1] * 6):
            response = _end(alice, made["id"], arrows)
            assert response.status_code == 422, (arrows, response.text)
        assert alice.get(f"/rounds/{made['id']}").json()["end_count"] == 0


def test_others_can_read_but_not_touch_my_round(api: httpx.Client) -> None:
    with _member() as alice, _member() as bob:
        made = _round(alice)
        assert _end(alice, made["id"], [9] * 6).status_code == 201
        seen = bob.get(f"/rounds/{made['id']}")
        assert seen.status_code == 200 and seen.json()["archer"] == alice.username
        assert bob.get(f"/rounds/{made['id']}/ends").status_code == 200
        assert _ids(bob, archer=alice.username) == [made["id"]]
        assert _end(bob, made["id"], [10] * 6).status_code == 403
        assert bob.post(f"/rounds/{made['id']}/submit").status_code == 403
        assert bob.delete(f"/rounds/{made['id']}").status_code == 403
        after = alice.get(f"/rounds/{made['id']}").json()
        assert after["total"] == 54 and after["submitted"] is False


def test_submit_locks_the_round_once(api: httpx.Client) -> None:
    with _member() as alice:
        empty = _round(alice)
        assert alice.post(f"/rounds/{empty['id']}/submit").status_code == 409
        made = _round(alice)
        assert _end(alice, made["id"], [8] * 6).status_code == 201
        submitted = alice.post(f"/rounds/{made['id']}/submit")
        assert submitted.status_code == 200, submitted.text
        assert submitted.json()["submitted"] is True and submitted.json()["total"] == 48
        assert alice.post(f"/rounds/{made['id']}/submit").status_code == 409
        assert _end(alice, made["id"], [10] * 6).status_code == 409
        assert alice.get(f"/rounds/{made['id']}").json()["end_count"] == 1


def test_delete_is_204_but_409_once_submitted(api: httpx.Client) -> None:
    with _member() as alice:
        scrap = _round(alice)
        assert _end(alice, scrap["id"], [5] * 6).status_code == 201
        assert alice.delete(f"/rounds/{scrap['id']}").status_code == 204
        assert alice.get(f"/rounds/{scrap['id']}").status_code == 404
        assert alice.get(f"/rounds/{scrap['id']}/ends").status_code == 404
        kept = _round(alice)
        assert _end(alice, kept["id"], [7] * 6).status_code == 201
        assert alice.post(f"/rounds/{kept['id']}/submit").status_code == 200
        assert alice.delete(f"/rounds/{kept['id']}").status_code == 409
        assert alice.get(f"/rounds/{kept['id']}").status_code == 200


def test_list_filters(api: httpx.Client) -> None:
    with _member() as alice, _member() as bob:
        early = _round(alice, "2031-03-01", bow="compound")
        mid = _round(alice, "2031-03-15", bow="recurve")
        late = _round(alice, "2031-03-31", bow="recurve")
        _round(bob, "2031-03-15", bow="recurve")
        assert _end(alice, mid["id"], [10] * 6).status_code == 201
        assert _end(alice, late["id"], [5] * 6).status_code == 201
        assert alice.post(f"/rounds/{late['id']}/submit").status_code == 200
        mine = {"archer": alice.username}
        assert _ids(alice, **mine) == [late["id"], mid["id"], early["id"]]
        assert _ids(alice, **mine, bow="compound") == [early["id"]]
        assert _ids(alice, **mine, submitted="true") == [late["id"]]
        assert _ids(alice, **mine, submitted="false") == [mid["id"], early["id"]]
        ranged = _ids(alice, **mine, **{"from": "2031-03-15", "to": "2031-03-31"})
        assert ranged == [late["id"], mid["id"]]
        assert _ids(alice, **mine, min_total=30) == [late["id"], mid["id"]]
        assert _ids(alice, **mine, min_total=31) == [mid["id"]]


def test_sort_order_and_paging(api: httpx.Client) -> None:
    with _member() as alice:
        a = _round(alice, "2031-02-01")
        b = _round(alice, "2031-02-02")
        c = _round(alice, "2031-02-03")
        for made, arrow in ((a, 6), (b, 9), (c, 3)):
            assert _end(alice, made["id"], [arrow] * 6).status_code == 201
        mine = {"archer": alice.username}
        assert _ids(alice, **mine, order="asc") == [a["id"], b["id"], c["id"]]
        assert _ids(alice, **mine, sort="total") == [b["id"], a["id"], c["id"]]
        assert _ids(alice, **mine, sort="total", order="asc") == [c["id"], a["id"], b["id"]]
        page = _page(alice, **mine, per_page=2, page=2)
        assert page["meta"] == {"total": 3, "page": 2, "per_page": 2}
        assert [r["id"] for r in page["data"]] == [a["id"]]
        first = _page(alice, **mine)
        assert first["meta"]["page"] == 1 and first["meta"]["per_page"] == 10
        assert first["meta"]["total"] == 3


def test_scorecard_is_html_with_escaped_venue_and_the_total(api: httpx.Client) -> None:
    with _member() as alice, _member() as bob:
        made = _round(alice, venue="<i>Top Field</i> & Barn", notes="<script>x()</script>")
        assert _end(alice, made["id"], [10, 10, 9, 9, 8, 8]).status_code == 201
        assert _end(alice, made["id"], [7, 7, 7, 7, 7, 7]).status_code == 201
        response = bob.get(f"/rounds/{made['id']}/scorecard")
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("text/html")
        assert "<i>Top Field</i>" not in response.text
        assert "&lt;i&gt;Top Field&lt;/i&gt;" in response.text
        assert "<script>x()</script>" not in response.text
        assert alice.username in response.text
        assert "Total: 96" in response.text


def test_unknown_round_is_404(api: httpx.Client) -> None:
    with _member() as alice:
        assert alice.get("/rounds/987654321").status_code == 404
        assert alice.get("/rounds/987654321/ends").status_code == 404
        assert _end(alice, 987654321, [9] * 6).status_code == 404
        assert alice.post("/rounds/987654321/submit").status_code == 404
        assert alice.delete("/rounds/987654321").status_code == 404
        assert alice.get("/rounds/987654321/scorecard").status_code == 404
