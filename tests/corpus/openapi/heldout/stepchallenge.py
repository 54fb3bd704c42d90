"""Acceptance tests for stepchallenge.md, written from the document and its prose before generating.

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


def _hex() -> str:
    return uuid.uuid4().hex[:10]


def _join(api: httpx.Client, display_name: str | None = None, **extra) -> tuple[str, str]:
    """Registers a fresh participant and returns (username, password)."""
    username = f"walker_{_hex()}"
    password = f"pw-{_hex()}"
    body = {
        "username": username,
        "password": password,
        "display_name": display_name or f"Walker {_hex()}",
        **extra,
    }
    response = api.post("/participants", json=body)
    assert response.status_code == 200, response.text
    return username, password


def _day(api: httpx.Client, auth: tuple[str, str], date: str, steps: int, **extra) -> dict:
    response = api.post("/days", json={"date": date, "steps": steps, **extra}, auth=auth)
    assert response.status_code == 201, response.text
    return response.json()


def _days(api: httpx.Client, auth: tuple[str, str], **params) -> dict:
    response = api.get("/days", params=params, auth=auth)
    assert response.status_code == 200, response.text
    return response.json()


def _dates(api: httpx.Client, auth: tuple[str, str], **params) -> list[str]:
    return [d["date"] for d in _days(api, auth, **params)["items"]]


def test_joining_answers_200_with_defaults_and_no_password(api: httpx.Client) -> None:
    username = f"Jo.{_hex()}"
    body = {"username": username, "password": "secret1", "display_name": "Jo Smith"}
    response = api.post("/participants", json=body)
    assert response.status_code == 200, response.text
    made = response.json()
    assert isinstance(made["id"], int) and made["username"] == username
    assert made["display_name"] == "Jo Smith"
    assert made["daily_goal"] == 8000 and made["team"] is None
    assert "password" not in made
    me = api.get("/me", auth=(username, "secret1"))
    assert me.status_code == 200, me.text
    assert me.json()["username"] == username and "password" not in me.json()


def test_a_taken_username_is_409_ignoring_case(api: httpx.Client) -> None:
    username = f"Sam_{_hex()}"
    first = {"username": username, "password": "secret1", "display_name": "Sam"}
    assert api.post("/participants", json=first).status_code == 200
    again = {
        "username": username.lower(),
        "password": "secret2",
        "display_name": "Other Sam",
    }
    assert api.post("/participants", json=again).status_code == 409
    again["username"] = username.upper()
    assert api.post("/participants", json=again).status_code == 409


def test_bad_registrations_are_400_with_an_error(api: httpx.Client) -> None:
    bad_bodies = [
        {"username": "has space", "password": "secret1", "display_name": "X"},
        {
            "username": f"u_{_hex()}",
            "password": "secret1",
            "display_name": "X",
            "daily_goal": 500,
        },
        {
            "username": f"u_{_hex()}",
            "password": "secret1",
            "display_name": "X",
            "daily_goal": 60000,
        },
        {"username": f"u_{_hex()}", "display_name": "X"},
    ]
    for body in bad_bodies:
        response = api.post("/participants", json=body)
        assert response.status_code == 400, f"{body}: {response.status_code} {response.text}"
        assert isinstance(response.json()["error"], str), response.text


def test_basic_auth_is_required(api: httpx.Client) -> None:
    username, password = _join(api)
    assert api.get("/me").status_code == 401
    assert api.get("/days").status_code == 401
    assert api.post("/days", json={"date": "2031-03-01", "steps": 100}).status_code == 401
    assert api.get("/leaderboard", params={"team": "anything"}).status_code == 401
    assert api.get("/me", auth=(username, "wrong-password")).status_code == 401
    assert api.get("/me", auth=(f"nobody_{_hex()}", password)).status_code == 401
    assert api.get("/me", auth=(username, password)).status_code == 200


def test_logging_a_day_is_201_and_the_same_date_twice_is_409(api: httpx.Client) -> None:
    ana = _join(api, daily_goal=10000)
    ben = _join(api)
    made = _day(api, ana, "2031-03-02", 12345, distance_km=9.4, note="lunch walk")
    assert made["date"] == "2031-03-02" and made["steps"] == 12345
    assert made["distance_km"] == 9.4 and made["note"] == "lunch walk"
    assert made["goal_met"] is True
    low = _day(api, ana, "2031-03-03", 9999)
    assert low["goal_met"] is False and low["distance_km"] is None
    again = api.post("/days", json={"date": "2031-03-02", "steps": 1}, auth=ana)
    assert again.status_code == 409, again.text
    _day(api, ben, "2031-03-02", 500)
    got = api.get("/days/2031-03-02", auth=ana)
    assert got.status_code == 200 and got.json()["steps"] == 12345


def test_days_are_private(api: httpx.Client) -> None:
    ana, ben = _join(api), _join(api)
    _day(api, ana, "2031-04-01", 7000)
    assert api.get("/days/2031-04-01", auth=ben).status_code == 404
    assert api.patch("/days/2031-04-01", json={"steps": 1}, auth=ben).status_code == 404
    assert api.delete("/days/2031-04-01", auth=ben).status_code == 404
    empty = _days(api, ben)
    assert empty["items"] == [] and empty["total"] == 0
    assert api.get("/days/2031-04-01", auth=ana).json()["steps"] == 7000


def test_bad_days_are_400_never_422(api: httpx.Client) -> None:
    ana = _join(api)
    bad_bodies = [
        {"date": "2031-03-01", "steps": -1},
        {"date": "2031-03-01", "steps": 100001},
        {"date": "2031-03-01", "steps": 1000, "distance_km": 0},
        {"date": "2031-03-01", "steps": 1000, "distance_km": -2.5},
        {"date": "01/03/2031", "steps": 1000},
        {"date": "2031-03-01"},
    ]
    for body in bad_bodies:
        response = api.post("/days", json=body, auth=ana)
        assert response.status_code == 400, f"{body}: {response.status_code} {response.text}"
        assert "error" in response.json(), response.text
    assert api.get("/days", params={"sort": "distance"}, auth=ana).status_code == 400
    assert _days(api, ana)["total"] == 0


def test_list_is_newest_first_in_an_envelope_with_limit_and_offset(
    api: httpx.Client,
) -> None:
    ana = _join(api)
    for date, steps in [
        ("2031-05-02", 4000),
        ("2031-05-04", 6000),
        ("2031-05-01", 3000),
    ]:
        _day(api, ana, date, steps)
    _day(api, ana, "2031-05-03", 5000)
    body = _days(api, ana)
    assert body["total"] == 4
    assert [d["date"] for d in body["items"]] == [
        "2031-05-04",
        "2031-05-03",
        "2031-05-02",
        "2031-05-01",
    ]
    page = _days(api, ana, limit=2, offset=1)
    assert page["total"] == 4
    assert [d["date"] for d in page["items"]] == ["2031-05-03", "2031-05-02"]
    assert _dates(api, ana, limit=2, offset=3) == ["2031-05-01"]


def test_sort_by_date_or_steps(api: httpx.Client) -> None:
    ana = _join(api)
    _day(api, ana, "2031-06-01", 9000)
    _day(api, ana, "2031-06-02", 3000)
    _day(api, ana, "2031-06-03", 15000)
    assert _dates(api, ana, sort="date") == ["2031-06-01", "2031-06-02", "2031-06-03"]
    assert _dates(api, ana, sort="-date") == ["2031-06-03", "2031-06-02", "2031-06-01"]
    assert _dates(api, ana, sort="steps") == ["2031-06-02", "2031-06-01", "2031-06-03"]
    assert _dates(api, ana, sort="-steps") == ["2031-06-03", "2031-06-01", "2031-06-02"]


def test_filters_dates_min_steps_and_goal_met(api: httpx.Client) -> None:
    ana = _join(api, daily_goal=8000)
    _day(api, ana, "2031-07-01", 8000)
    _day(api, ana, "2031-07-02", 7999)
    _day(api, ana, "2031-07-03", 12000)
    _day(api, ana, "2031-07-04", 2000)
    assert _dates(api, ana, **{"from": "2031-07-02", "to": "2031-07-03"}) == [
        "2031-07-03",
        "2031-07-02",
    ]
    assert _days(api, ana, **{"from": "2031-07-03"})["total"] == 2
    assert _dates(api, ana, min_steps=7999) == [
        "2031-07-03",
        "2031-07-02",
        "2031-07-01",
    ]
    assert _dates(api, ana, goal_met="true") == ["2031-07-03", "2031-07-01"]
    assert _dates(api, ana, goal_met="false") == ["2031-07-04", "2031-07-02"]
    assert _dates(api, ana, goal_met="true", to="2031-07-02") == ["2031-07-01"]


def test_goal_met_follows_my_current_goal_and_patch_me_is_a_subset(
    api: httpx.Client,
) -> None:
    ana = _join(api, display_name="Ana Lopes", team=f"Team {_hex()}")
    team = api.get("/me", auth=ana).json()["team"]
    _day(api, ana, "2031-08-01", 9000)
    assert api.get("/days/2031-08-01", auth=ana).json()["goal_met"] is True
    patched = api.patch("/me", json={"daily_goal": 10000}, auth=ana)
    assert patched.status_code == 200, patched.text
    body = patched.json()
    assert body["daily_goal"] == 10000
    assert body["display_name"] == "Ana Lopes" and body["team"] == team
    assert api.get("/days/2031-08-01", auth=ana).json()["goal_met"] is False
    assert _dates(api, ana, goal_met="false") == ["2031-08-01"]
    left = api.patch("/me", json={"team": None}, auth=ana)
    assert left.status_code == 200 and left.json()["team"] is None
    assert api.patch("/me", json={"daily_goal": 999}, auth=ana).status_code == 400


def test_patch_day_changes_only_what_is_sent_then_delete(api: httpx.Client) -> None:
    ana = _join(api)
    _day(api, ana, "2031-09-01", 4000, distance_km=3.2, note="rainy")
    patched = api.patch("/days/2031-09-01", json={"steps": 4500}, auth=ana)
    assert patched.status_code == 200, patched.text
    body = patched.json()
    assert body["steps"] == 4500 and body["distance_km"] == 3.2
    assert body["note"] == "rainy" and body["date"] == "2031-09-01"
    assert api.patch("/days/2031-09-01", json={"steps": -5}, auth=ana).status_code == 400
    assert api.delete("/days/2031-09-01", auth=ana).status_code == 204
    assert api.get("/days/2031-09-01", auth=ana).status_code == 404
    assert api.delete("/days/2031-09-01", auth=ana).status_code == 404


def test_me_has_totals_over_all_my_days(api: httpx.Client) -> None:
    ana = _join(api, daily_goal=5000)
    ben = _join(api)
    fresh = api.get("/me", auth=ana).json()
    assert fresh["total_steps"] == 0 and fresh["days_logged"] == 0 and fresh["goal_days"] == 0
    _day(api, ana, "2031-10-01", 6000)
    _day(api, ana, "2031-10-02", 4000)
    _day(api, ana, "2031-10-03", 5000)
    _day(api, ben, "2031-10-01", 40000)
    me = api.get("/me", auth=ana).json()
    assert me["total_steps"] == 15000
    assert me["days_logged"] == 3 and me["goal_days"] == 2


def test_leaderboard_is_plain_text_ranked_by_steps(api: httpx.Client) -> None:
    team = f"Team {_hex()}"
    tag = _hex()
    zoe = _join(api, display_name=f"Zoe {tag}", team=team)
    max_ = _join(api, display_name=f"Max {tag}", team=team)
    _join(api, display_name=f"Cleo {tag}", team=team)
    _join(api, display_name=f"Bea {tag}", team=team)
    outsider = _join(api, display_name=f"Olga {tag}", team=f"Team {_hex()}")
    _day(api, zoe, "2031-03-01", 12000)
    _day(api, zoe, "2031-03-05", 8000)
    _day(api, max_, "2031-03-03", 5000)
    _day(api, max_, "2031-03-10", 30000)
    _day(api, outsider, "2031-03-03", 99999)

    response = api.get("/leaderboard", params={"team": team}, auth=outsider)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text.strip().splitlines() == [
        f"1. Max {tag}: 35000",
        f"2. Zoe {tag}: 20000",
        f"3. Bea {tag}: 0",
        f"4. Cleo {tag}: 0",
    ]
    params = {"team": team, "from": "2031-03-01", "to": "2031-03-05"}
    ranged = api.get("/leaderboard", params=params, auth=zoe)
    assert ranged.status_code == 200, ranged.text
    assert ranged.text.strip().splitlines() == [
        f"1. Zoe {tag}: 20000",
        f"2. Max {tag}: 5000",
        f"3. Bea {tag}: 0",
        f"4. Cleo {tag}: 0",
    ]
    assert api.get("/leaderboard", auth=zoe).status_code == 400
