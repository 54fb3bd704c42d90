"""Acceptance tests for heldout/habits.md, written from the document and prose before generating.

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


def _user(api: httpx.Client) -> dict[str, str]:
    creds = {"email": f"h{uuid.uuid4().hex[:10]}@example.com", "password": "streak-2024"}
    assert api.post("/users/register", json=creds).status_code == 201
    login = api.post("/users/login", json=creds)
    assert login.status_code == 200
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


def _habit(api: httpx.Client, who: dict[str, str], name: str, **fields: object) -> dict:
    response = api.post("/habits", json={"name": name, **fields}, headers=who)
    assert response.status_code == 201, response.text
    return response.json()


def _checkin(api: httpx.Client, who: dict[str, str], habit: dict, day: str) -> dict:
    response = api.post(f"/habits/{habit['id']}/checkins", json={"day": day}, headers=who)
    assert response.status_code == 201, response.text
    return response.json()


def test_habits_need_a_token(api: httpx.Client) -> None:
    assert api.get("/habits").status_code == 401


def test_a_new_habit_has_no_checkins(api: httpx.Client) -> None:
    me = _user(api)
    habit = _habit(api, me, "Read", goal_per_week=5)
    assert habit["name"] == "Read" and habit["goal_per_week"] == 5 and habit["checkins"] == 0


def test_a_goal_outside_one_to_seven_answers_400(api: httpx.Client) -> None:
    me = _user(api)
    assert (
        api.post("/habits", json={"name": "Run", "goal_per_week": 9}, headers=me).status_code == 400
    )


def test_checking_in_counts_and_undoing_uncounts(api: httpx.Client) -> None:
    me = _user(api)
    habit = _habit(api, me, "Stretch")
    first = _checkin(api, me, habit, "2024-04-01")
    _checkin(api, me, habit, "2024-04-02")
    assert api.get(f"/habits/{habit['id']}", headers=me).json()["checkins"] == 2
    undo = api.delete(f"/habits/{habit['id']}/checkins/{first['id']}", headers=me)
    assert undo.status_code == 204
    assert api.get(f"/habits/{habit['id']}", headers=me).json()["checkins"] == 1


def test_a_checkin_without_a_day_is_dated_today(api: httpx.Client) -> None:
    me = _user(api)
    habit = _habit(api, me, "Floss")
    made = api.post(f"/habits/{habit['id']}/checkins", json={"note": "finally"}, headers=me)
    assert made.status_code == 201
    assert len(made.json()["day"]) == 10 and made.json()["note"] == "finally"


def test_checkins_are_listed_oldest_first_within_a_date_range(api: httpx.Client) -> None:
    me = _user(api)
    habit = _habit(api, me, "Walk")
    for day in ("2024-05-03", "2024-05-01", "2024-05-05", "2024-05-10"):
        _checkin(api, me, habit, day)
    params = {"from": "2024-05-01", "to": "2024-05-05"}
    listed = api.get(f"/habits/{habit['id']}/checkins", params=params, headers=me).json()
    assert [c["day"] for c in listed] == ["2024-05-01", "2024-05-03", "2024-05-05"]


def test_habits_sort_by_name_and_filter_by_min_checkins(api: httpx.Client) -> None:
    me = _user(api)
    b = _habit(api, me, "Bake")
    a = _habit(api, me, "Angle")
    c = _habit(api, me, "Climb")
    _checkin(api, me, c, "2024-01-01")
    _checkin(api, me, c, "2024-01-02")
    _checkin(api, me, a, "2024-01-01")
    asc = [h["name"] for h in api.get("/habits", params={"sort": "ASC"}, headers=me).json()]
    desc = [h["name"] for h in api.get("/habits", params={"sort": "DESC"}, headers=me).json()]
    assert asc == ["Angle", "Bake", "Climb"] and desc == ["Climb", "Bake", "Angle"]
    busy = api.get("/habits", params={"min_checkins": 2}, headers=me).json()
    assert [h["id"] for h in busy] == [c["id"]]
    assert b["id"] not in [h["id"] for h in busy]


def test_deleting_a_habit_answers_200_with_it(api: httpx.Client) -> None:
    me = _user(api)
    habit = _habit(api, me, "Meditate")
    gone = api.delete(f"/habits/{habit['id']}", headers=me)
    assert gone.status_code == 200 and gone.json()["name"] == "Meditate"
    assert api.get(f"/habits/{habit['id']}", headers=me).status_code == 404


def test_users_never_see_each_others_habits(api: httpx.Client) -> None:
    alice, bob = _user(api), _user(api)
    habit = _habit(api, alice, "Journal")
    assert api.get("/habits", headers=bob).json() == []
    assert api.get(f"/habits/{habit['id']}", headers=bob).status_code == 404
    path = f"/habits/{habit['id']}/checkins"
    assert api.post(path, json={"day": "2024-01-01"}, headers=bob).status_code == 404
    assert api.get(path, headers=bob).status_code == 404
    assert api.delete(f"/habits/{habit['id']}", headers=bob).status_code == 404
