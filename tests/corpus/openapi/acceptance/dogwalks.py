"""Acceptance tests for dogwalks.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>

Every test signs up fresh walkers, whose walk lists start empty, so listings are checked exactly.
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


def _signup_body() -> dict[str, str]:
    return {
        "email": f"w{uuid.uuid4().hex[:12]}@example.com",
        "password": "good-boy-123",
        "name": "Walker",
    }


def _walker(api: httpx.Client) -> dict[str, str]:
    body = _signup_body()
    assert api.post("/walkers", json=body).status_code == 201
    login = api.post("/login", json={"email": body["email"], "password": body["password"]})
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['jwt']}"}


def _walk(
    api: httpx.Client,
    who: dict,
    dog: str = "Rex",
    date: str = "2031-06-01",
    start_time: str = "08:00",
    **extra,
) -> dict:
    body = {"dog": dog, "date": date, "start_time": start_time, **extra}
    response = api.post("/walks", json=body, headers=who)
    assert response.status_code == 201, response.text
    return response.json()


def _ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    assert isinstance(response.json(), list)
    return [w["id"] for w in response.json()]


def test_signup_then_login_gives_a_jwt(api: httpx.Client) -> None:
    body = _signup_body()
    created = api.post("/walkers", json=body)
    assert created.status_code == 201
    assert created.json()["email"] == body["email"] and "password" not in created.json()
    login = api.post("/login", json={"email": body["email"], "password": body["password"]})
    assert login.status_code == 200
    assert isinstance(login.json()["jwt"], str) and login.json()["jwt"]


def test_a_taken_email_is_409_and_a_wrong_password_is_401(api: httpx.Client) -> None:
    body = _signup_body()
    assert api.post("/walkers", json=body).status_code == 201
    assert api.post("/walkers", json={**body, "name": "Other"}).status_code == 409
    wrong = api.post("/login", json={"email": body["email"], "password": "not-the-one"})
    assert wrong.status_code == 401


def test_walks_need_a_token(api: httpx.Client) -> None:
    assert api.get("/walks").status_code == 401
    body = {"dog": "Rex", "date": "2031-06-01", "start_time": "08:00"}
    assert api.post("/walks", json=body).status_code == 401
    bad = {"Authorization": "Bearer not.a.token"}
    assert api.get("/walks", headers=bad).status_code == 401


def test_a_new_walk_is_planned_with_defaults(api: httpx.Client) -> None:
    me = _walker(api)
    walk = _walk(api, me, dog="Biscuit", date="2031-06-02", start_time="07:30")
    assert isinstance(walk["id"], int)
    assert walk["dog"] == "Biscuit" and walk["date"] == "2031-06-02"
    assert walk["start_time"] == "07:30"
    assert walk["minutes"] == 30 and walk["status"] == "planned" and walk["done_at"] is None
    got = api.get(f"/walks/{walk['id']}", headers=me)
    assert got.status_code == 200 and got.json()["dog"] == "Biscuit"


def test_bad_input_is_400(api: httpx.Client) -> None:
    me = _walker(api)
    base = {"dog": "Rex", "date": "2031-06-01", "start_time": "08:00"}
    assert api.post("/walks", json={**base, "start_time": "25:00"}, headers=me).status_code == 400
    assert api.post("/walks", json={**base, "minutes": 5}, headers=me).status_code == 400
    assert api.post("/walks", json={**base, "minutes": 181}, headers=me).status_code == 400
    assert (
        api.post("/walks", json={"dog": "Rex", "date": "2031-06-01"}, headers=me).status_code == 400
    )
    assert api.post("/walks", json={**base, "date": "someday"}, headers=me).status_code == 400


def test_walks_are_private(api: httpx.Client) -> None:
    me, other = _walker(api), _walker(api)
    walk = _walk(api, me)
    assert api.get(f"/walks/{walk['id']}", headers=other).status_code == 404
    assert api.patch(f"/walks/{walk['id']}", json={"minutes": 45}, headers=other).status_code == 404
    assert api.post(f"/walks/{walk['id']}/done", headers=other).status_code == 404
    assert api.post(f"/walks/{walk['id']}/cancel", headers=other).status_code == 404
    assert api.delete(f"/walks/{walk['id']}", headers=other).status_code == 404
    assert api.get("/walks", headers=other).json() == []
    assert api.get(f"/walks/{walk['id']}", headers=me).json()["status"] == "planned"


def test_list_is_in_schedule_order(api: httpx.Client) -> None:
    me = _walker(api)
    late = _walk(api, me, date="2031-06-03", start_time="18:00")
    early_evening = _walk(api, me, date="2031-06-02", start_time="17:15")
    early_morning = _walk(api, me, date="2031-06-02", start_time="06:45")
    assert _ids(api.get("/walks", headers=me)) == [
        early_morning["id"],
        early_evening["id"],
        late["id"],
    ]


def test_dog_filter_ignores_case_and_dates_are_inclusive(api: httpx.Client) -> None:
    me = _walker(api)
    a = _walk(api, me, dog="Luna", date="2031-07-01")
    b = _walk(api, me, dog="Max", date="2031-07-02")
    c = _walk(api, me, dog="luna", date="2031-07-03")
    assert _ids(api.get("/walks", params={"dog": "LUNA"}, headers=me)) == [a["id"], c["id"]]
    got = api.get("/walks", params={"from": "2031-07-02", "to": "2031-07-03"}, headers=me)
    assert _ids(got) == [b["id"], c["id"]]
    assert _ids(api.get("/walks", params={"to": "2031-07-01"}, headers=me)) == [a["id"]]


def test_done_is_200_then_409(api: httpx.Client) -> None:
    me = _walker(api)
    walk = _walk(api, me)
    done = api.post(f"/walks/{walk['id']}/done", headers=me)
    assert done.status_code == 200
    assert done.json()["status"] == "done" and done.json()["done_at"] is not None
    assert api.post(f"/walks/{walk['id']}/done", headers=me).status_code == 409
    assert api.post(f"/walks/{walk['id']}/cancel", headers=me).status_code == 409


def test_cancel_is_200_then_409_and_a_cancelled_walk_cannot_be_done(api: httpx.Client) -> None:
    me = _walker(api)
    walk = _walk(api, me)
    cancelled = api.post(f"/walks/{walk['id']}/cancel", headers=me)
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert api.post(f"/walks/{walk['id']}/cancel", headers=me).status_code == 409
    assert api.post(f"/walks/{walk['id']}/done", headers=me).status_code == 409


def test_status_filter(api: httpx.Client) -> None:
    me = _walker(api)
    a = _walk(api, me, date="2031-08-01")
    b = _walk(api, me, date="2031-08-02")
    c = _walk(api, me, date="2031-08-03")
    api.post(f"/walks/{b['id']}/done", headers=me)
    api.post(f"/walks/{c['id']}/cancel", headers=me)
    assert _ids(api.get("/walks", params={"status": "planned"}, headers=me)) == [a["id"]]
    assert _ids(api.get("/walks", params={"status": "done"}, headers=me)) == [b["id"]]
    assert _ids(api.get("/walks", params={"status": "cancelled"}, headers=me)) == [c["id"]]


def test_patch_changes_only_what_is_sent_until_the_walk_is_done(api: httpx.Client) -> None:
    me = _walker(api)
    walk = _walk(api, me, dog="Pip", minutes=45, route="river loop")
    edited = api.patch(f"/walks/{walk['id']}", json={"start_time": "09:10"}, headers=me)
    assert edited.status_code == 200, edited.text
    body = edited.json()
    assert body["start_time"] == "09:10"
    assert body["dog"] == "Pip" and body["minutes"] == 45 and body["route"] == "river loop"
    assert api.patch(f"/walks/{walk['id']}", json={"minutes": 10}, headers=me).status_code == 400
    assert api.post(f"/walks/{walk['id']}/done", headers=me).status_code == 200
    assert api.patch(f"/walks/{walk['id']}", json={"minutes": 60}, headers=me).status_code == 409


def test_delete_is_204_even_when_done(api: httpx.Client) -> None:
    me = _walker(api)
    walk = _walk(api, me)
    assert api.post(f"/walks/{walk['id']}/done", headers=me).status_code == 200
    assert api.delete(f"/walks/{walk['id']}", headers=me).status_code == 204
    assert api.get(f"/walks/{walk['id']}", headers=me).status_code == 404
    assert api.get("/walks", headers=me).json() == []


def test_unknown_walk_is_404(api: httpx.Client) -> None:
    me = _walker(api)
    assert api.get("/walks/987654321", headers=me).status_code == 404
    assert api.post("/walks/987654321/done", headers=me).status_code == 404
    assert api.delete("/walks/987654321", headers=me).status_code == 404
