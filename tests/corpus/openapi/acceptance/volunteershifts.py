"""Acceptance tests for volunteershifts.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import os
import random
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _account(name: str = "") -> dict[str, str]:
    tag = uuid.uuid4().hex[:10]
    return {
        "email": f"v{tag}@example.org",
        "password": "beans-and-rice",
        "display_name": name or f"Vol {tag}",
    }


@contextmanager
def _volunteer(name: str = "") -> Iterator[httpx.Client]:
    """A client of its own that holds the volunteer's `fbsession` cookie."""
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        creds = _account(name)
        assert client.post("/volunteers", json=creds).status_code == 201
        login = client.post("/login", data={"email": creds["email"], "password": creds["password"]})
        assert login.status_code == 204, login.text
        assert "fbsession" in client.cookies
        yield client


def _day() -> date:
    """A day no other test uses, so the public list can be checked exactly with `day`."""
    return date(2100, 1, 1) + timedelta(days=random.randint(0, 2_500_000))


def _shift(vol: httpx.Client, day: date, hour: int = 9, capacity: int = 3, **extra) -> dict:
    body = {
        "title": f"Shift {uuid.uuid4().hex[:6]}",
        "starts_at": f"{day.isoformat()}T{hour:02d}:00:00Z",
        "capacity": capacity,
        **extra,
    }
    response = vol.post("/shifts", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _at(value: str) -> datetime:
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def test_an_account_is_201_without_password_and_emails_are_unique(api: httpx.Client) -> None:
    creds = _account()
    response = api.post("/volunteers", json=creds)
    assert response.status_code == 201
    body = response.json()
    assert body["email"] == creds["email"] and body["display_name"] == creds["display_name"]
    assert isinstance(body["id"], int) and "password" not in body
    assert api.post("/volunteers", json=creds).status_code == 409


def test_a_wrong_password_is_401_without_a_cookie(api: httpx.Client) -> None:
    creds = _account()
    api.post("/volunteers", json=creds)
    response = api.post("/login", data={"email": creds["email"], "password": "wrong-wrong"})
    assert response.status_code == 401
    assert "fbsession" not in response.cookies


def test_volunteer_calls_need_the_cookie(api: httpx.Client) -> None:
    body = {"title": "x", "starts_at": "2031-01-01T09:00:00Z", "capacity": 2}
    assert api.post("/shifts", json=body).status_code == 401
    assert api.get("/me/shifts").status_code == 401
    with _volunteer() as vol:
        shift = _shift(vol, _day())
    assert api.post(f"/shifts/{shift['id']}/signup").status_code == 401


def test_logout_kills_the_cookie(api: httpx.Client) -> None:
    with _volunteer() as vol:
        old = {"Cookie": f"fbsession={vol.cookies['fbsession']}"}
        assert vol.get("/me/shifts").status_code == 200
        assert vol.post("/logout").status_code == 204
    assert api.get("/me/shifts", headers=old).status_code == 401


def test_a_new_shift_defaults_to_sorting_with_all_spots_left(api: httpx.Client) -> None:
    with _volunteer() as vol:
        day = _day()
        shift = _shift(vol, day, capacity=4)
        assert shift["role"] == "sorting" and shift["capacity"] == 4 and shift["spots_left"] == 4
        assert _at(shift["starts_at"]) == _at(f"{day.isoformat()}T09:00:00Z")
        bad = vol.post(
            "/shifts", json={"title": "x", "starts_at": "2031-01-01T09:00:00Z", "capacity": 0}
        )
        assert bad.status_code == 400
    got = api.get(f"/shifts/{shift['id']}")
    assert got.status_code == 200 and got.json()["title"] == shift["title"]
    assert api.get("/shifts/987654321").status_code == 404


def test_the_public_list_is_soonest_first_by_day_and_role(api: httpx.Client) -> None:
    day = _day()
    with _volunteer() as vol:
        late = _shift(vol, day, hour=15, role="driving")
        early = _shift(vol, day, hour=8)
        mid = _shift(vol, day, hour=11, role="driving")
        _shift(vol, day + timedelta(days=1), hour=7, role="driving")
    listed = api.get("/shifts", params={"day": day.isoformat()})
    assert listed.status_code == 200 and isinstance(listed.json(), list)
    assert [s["id"] for s in listed.json()] == [early["id"], mid["id"], late["id"]]
    driving = api.get("/shifts", params={"day": day.isoformat(), "role": "driving"}).json()
    assert [s["id"] for s in driving] == [mid["id"], late["id"]]


def test_signing_up_counts_and_twice_or_full_is_409(api: httpx.Client) -> None:
    with _volunteer() as ann, _volunteer() as bob, _volunteer() as cid:
        shift = _shift(ann, _day(), capacity=2)
        first = bob.post(f"/shifts/{shift['id']}/signup")
        assert first.status_code == 201, first.text
        assert first.json()["shift_id"] == shift["id"]
        assert bob.post(f"/shifts/{shift['id']}/signup").status_code == 409
        assert api.get(f"/shifts/{shift['id']}").json()["spots_left"] == 1
        assert cid.post(f"/shifts/{shift['id']}/signup").status_code == 201
        assert ann.post(f"/shifts/{shift['id']}/signup").status_code == 409
        assert api.get(f"/shifts/{shift['id']}").json()["spots_left"] == 0
        assert bob.post("/shifts/987654321/signup").status_code == 404


def test_open_true_leaves_out_full_shifts(api: httpx.Client) -> None:
    day = _day()
    with _volunteer() as ann, _volunteer() as bob:
        full = _shift(ann, day, hour=9, capacity=1)
        free = _shift(ann, day, hour=10, capacity=1)
        assert bob.post(f"/shifts/{full['id']}/signup").status_code == 201
    listed = api.get("/shifts", params={"day": day.isoformat(), "open": "true"}).json()
    assert [s["id"] for s in listed] == [free["id"]]


def test_cancelling_frees_the_spot_and_a_second_cancel_is_404(api: httpx.Client) -> None:
    with _volunteer() as ann, _volunteer() as bob:
        shift = _shift(ann, _day(), capacity=1)
        assert bob.post(f"/shifts/{shift['id']}/signup").status_code == 201
        assert ann.delete(f"/shifts/{shift['id']}/signup").status_code == 404
        assert bob.delete(f"/shifts/{shift['id']}/signup").status_code == 204
        assert api.get(f"/shifts/{shift['id']}").json()["spots_left"] == 1
        assert bob.delete(f"/shifts/{shift['id']}/signup").status_code == 404


def test_my_shifts_are_only_mine_soonest_first(api: httpx.Client) -> None:
    day = _day()
    with _volunteer() as ann, _volunteer() as bob:
        later = _shift(ann, day + timedelta(days=2))
        sooner = _shift(ann, day)
        other = _shift(ann, day + timedelta(days=1))
        for shift in (later, sooner):
            assert bob.post(f"/shifts/{shift['id']}/signup").status_code == 201
        assert ann.post(f"/shifts/{other['id']}/signup").status_code == 201
        mine = bob.get("/me/shifts")
        assert mine.status_code == 200
        assert [s["id"] for s in mine.json()] == [sooner["id"], later["id"]]
        assert [s["id"] for s in ann.get("/me/shifts").json()] == [other["id"]]


def test_the_roster_is_html_with_escaped_names(api: httpx.Client) -> None:
    tag = uuid.uuid4().hex[:6]
    with _volunteer() as ann, _volunteer(name=f"Eve <b>{tag}</b>") as eve:
        shift = _shift(ann, _day())
        assert eve.post(f"/shifts/{shift['id']}/signup").status_code == 201
    page = api.get(f"/shifts/{shift['id']}/roster")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert shift["title"] in page.text
    assert f"&lt;b&gt;{tag}" in page.text and f"<b>{tag}</b>" not in page.text
    assert api.get("/shifts/987654321/roster").status_code == 404
