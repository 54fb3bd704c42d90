"""Acceptance tests for hikelog.md, written from the document and its prose before generating.

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


def _creds() -> dict[str, str]:
    return {"email": f"h{uuid.uuid4().hex[:10]}@example.com", "password": "switchback-9"}


def _user(api: httpx.Client) -> dict[str, str]:
    """A fresh hiker: their log starts empty, so listings can be checked exactly."""
    creds = _creds()
    assert api.post("/users", json=creds).status_code == 201
    session = api.post("/sessions", json=creds)
    assert session.status_code == 200, session.text
    return {"Authorization": f"Bearer {session.json()['token']}"}


def _hike(
    api: httpx.Client, who: dict, date: str, km: float, title: str = "Ridge walk", **extra
) -> dict:
    body = {"title": title, "date": date, "distance_km": km, **extra}
    response = api.post("/hikes", json=body, headers=who)
    assert response.status_code == 200, response.text
    return response.json()


def _ids(api: httpx.Client, who: dict, **params) -> list[int]:
    response = api.get("/hikes", params=params, headers=who)
    assert response.status_code == 200, response.text
    return [h["id"] for h in response.json()["data"]]


def test_users_409_on_a_taken_email_and_401_on_a_bad_password(api: httpx.Client) -> None:
    creds = _creds()
    made = api.post("/users", json=creds)
    assert made.status_code == 201
    assert made.json()["email"] == creds["email"] and "password" not in made.json()
    assert api.post("/users", json=creds).status_code == 409
    bad = api.post("/sessions", json={"email": creds["email"], "password": "wrong-pass"})
    assert bad.status_code == 401


def test_hikes_need_a_token(api: httpx.Client) -> None:
    assert api.get("/hikes").status_code == 401
    body = {"title": "x", "date": "2030-01-01", "distance_km": 3}
    assert api.post("/hikes", json=body).status_code == 401
    assert api.get("/hikes/stats").status_code == 401


def test_create_answers_200_with_defaults(api: httpx.Client) -> None:
    me = _user(api)
    made = _hike(api, me, "2030-05-04", 12.5, title="Lake loop")
    assert isinstance(made["id"], int)
    assert made["title"] == "Lake loop" and made["date"] == "2030-05-04"
    assert made["distance_km"] == 12.5
    assert made["difficulty"] == "moderate" and made["ascent_m"] == 0
    got = api.get(f"/hikes/{made['id']}", headers=me)
    assert got.status_code == 200 and got.json()["title"] == "Lake loop"


def test_bad_bodies_are_400_with_an_error(api: httpx.Client) -> None:
    me = _user(api)
    for body in (
        {"title": "x", "date": "2030-01-01", "distance_km": 0},
        {"title": "x", "date": "2030-01-01", "distance_km": -2},
        {"title": "x", "date": "2030-01-01", "distance_km": 4, "difficulty": "extreme"},
        {"date": "2030-01-01", "distance_km": 4},
    ):
        response = api.post("/hikes", json=body, headers=me)
        assert response.status_code == 400, body
        assert "error" in response.json()


def test_someone_elses_hike_is_404(api: httpx.Client) -> None:
    me, other = _user(api), _user(api)
    made = _hike(api, me, "2030-05-04", 8)
    assert api.get(f"/hikes/{made['id']}", headers=other).status_code == 404
    patched = api.patch(f"/hikes/{made['id']}", json={"title": "mine"}, headers=other)
    assert patched.status_code == 404
    assert api.delete(f"/hikes/{made['id']}", headers=other).status_code == 404
    listed = api.get("/hikes", headers=other).json()
    assert listed["data"] == [] and listed["meta"]["total"] == 0


def test_list_envelope_most_recent_first_and_sorts(api: httpx.Client) -> None:
    me = _user(api)
    a = _hike(api, me, "2030-06-01", 20)
    b = _hike(api, me, "2030-06-15", 5)
    c = _hike(api, me, "2030-06-08", 11)
    listed = api.get("/hikes", headers=me)
    body = listed.json()
    assert body["meta"] == {"total": 3, "page": 1, "per_page": 10}
    assert [h["id"] for h in body["data"]] == [b["id"], c["id"], a["id"]]
    assert _ids(api, me, sort="date") == [a["id"], c["id"], b["id"]]
    assert _ids(api, me, sort="distance_km") == [b["id"], c["id"], a["id"]]
    assert _ids(api, me, sort="-distance_km") == [a["id"], c["id"], b["id"]]


def test_date_range_and_km_bounds_are_inclusive(api: httpx.Client) -> None:
    me = _user(api)
    first = _hike(api, me, "2030-07-01", 10)
    a = _hike(api, me, "2030-07-05", 6)
    b = _hike(api, me, "2030-07-09", 15)
    last = _hike(api, me, "2030-07-12", 10)
    dates = {"from": "2030-07-05", "to": "2030-07-09", "sort": "date"}
    assert _ids(api, me, **dates) == [a["id"], b["id"]]
    by_km = _ids(api, me, min_km=10, max_km=15, sort="date")
    assert by_km == [first["id"], b["id"], last["id"]]
    assert _ids(api, me, max_km=6) == [a["id"]]


def test_difficulty_and_case_insensitive_q(api: httpx.Client) -> None:
    me = _user(api)
    peak = _hike(api, me, "2030-08-01", 14, title="Triglav Summit", difficulty="alpine")
    _hike(api, me, "2030-08-02", 4, title="River path", difficulty="easy")
    assert _ids(api, me, difficulty="alpine") == [peak["id"]]
    assert _ids(api, me, q="summit") == [peak["id"]]


def test_paging_keeps_the_total(api: httpx.Client) -> None:
    me = _user(api)
    made = [_hike(api, me, f"2030-09-0{d}", d) for d in (1, 2, 3)]
    page = api.get("/hikes", params={"sort": "date", "page": 2, "per_page": 2}, headers=me).json()
    assert page["meta"] == {"total": 3, "page": 2, "per_page": 2}
    assert [h["id"] for h in page["data"]] == [made[2]["id"]]


def test_patch_changes_only_what_is_sent(api: httpx.Client) -> None:
    me = _user(api)
    made = _hike(api, me, "2030-10-01", 9, title="Forest", ascent_m=300, difficulty="easy")
    patched = api.patch(f"/hikes/{made['id']}", json={"notes": "muddy"}, headers=me)
    assert patched.status_code == 200
    body = patched.json()
    assert body["notes"] == "muddy" and body["title"] == "Forest"
    assert body["ascent_m"] == 300 and body["difficulty"] == "easy" and body["distance_km"] == 9
    assert api.patch(f"/hikes/{made['id']}", json={"distance_km": 0}, headers=me).status_code == 400


def test_delete_is_204_then_404(api: httpx.Client) -> None:
    me = _user(api)
    made = _hike(api, me, "2030-10-02", 3)
    assert api.delete(f"/hikes/{made['id']}", headers=me).status_code == 204
    assert api.get(f"/hikes/{made['id']}", headers=me).status_code == 404


def test_stats_sum_my_hikes_only(api: httpx.Client) -> None:
    me, other = _user(api), _user(api)
    empty = api.get("/hikes/stats", headers=me)
    assert empty.status_code == 200
    assert empty.json()["count"] == 0 and empty.json()["longest_km"] is None
    _hike(api, me, "2030-11-01", 7.5, ascent_m=400)
    _hike(api, me, "2030-11-02", 12, ascent_m=900)
    _hike(api, other, "2030-11-02", 40, ascent_m=2000)
    stats = api.get("/hikes/stats", headers=me).json()
    assert stats["count"] == 2 and stats["total_ascent_m"] == 1300
    assert stats["total_km"] == pytest.approx(19.5) and stats["longest_km"] == pytest.approx(12)
