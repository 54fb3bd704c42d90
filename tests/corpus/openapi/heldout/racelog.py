"""Acceptance tests for racelog.md, written from the document and its prose only.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")
PASSWORD = "tempo-tuesday"


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _runner(api: httpx.Client, display_name: str = "Test Runner") -> tuple[str, str]:
    """Signs up a fresh runner and answers the (username, password) pair for HTTP Basic."""
    username = f"r{uuid.uuid4().hex[:12]}"
    body = {"username": username, "display_name": display_name, "password": PASSWORD}
    response = api.post("/runners", json=body)
    assert response.status_code == 201, response.text
    return username, PASSWORD


def _result(
    api: httpx.Client,
    who: tuple[str, str],
    race_name: str = "Park run",
    date: str = "2031-03-01",
    distance_km: float = 5,
    finish_seconds: int = 1500,
    **extra,
) -> dict:
    body = {
        "race_name": race_name,
        "date": date,
        "distance_km": distance_km,
        "finish_seconds": finish_seconds,
        **extra,
    }
    response = api.post("/results", json=body, auth=who)
    assert response.status_code == 201, response.text
    return response.json()


def _ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def test_sign_up_hides_password_and_taken_username_is_409(api: httpx.Client) -> None:
    username = f"r{uuid.uuid4().hex[:12]}"
    body = {"username": username, "display_name": "Fast Fiona", "password": PASSWORD}
    first = api.post("/runners", json=body)
    assert first.status_code == 201
    assert first.json()["username"] == username
    assert first.json()["display_name"] == "Fast Fiona"
    assert "password" not in first.json()
    again = api.post("/runners", json={**body, "display_name": "Someone Else"})
    assert again.status_code == 409


def test_basic_credentials_are_required(api: httpx.Client) -> None:
    username, password = _runner(api)
    assert api.get("/results").status_code == 401
    assert api.get("/runners/me").status_code == 401
    assert api.get("/runners/me", auth=(username, "wrong-password")).status_code == 401
    assert api.get("/runners/me", auth=(f"x{username}", password)).status_code == 401
    me = api.get("/runners/me", auth=(username, password))
    assert me.status_code == 200
    assert me.json()["username"] == username
    assert me.json()["result_count"] == 0
    assert me.json()["total_km"] == 0


def test_create_defaults_road_and_computes_pace(api: httpx.Client) -> None:
    me = _runner(api)
    saved = _result(api, me, "Harbour 10K", "2031-04-12", 10, 2460, note="windy", pace=1)
    assert isinstance(saved["id"], int)
    assert saved["race_name"] == "Harbour 10K"
    assert saved["date"] == "2031-04-12"
    assert saved["distance_km"] == pytest.approx(10)
    assert saved["finish_seconds"] == 2460
    assert saved["surface"] == "road"
    assert saved["note"] == "windy"
    assert saved["pace"] == 246
    got = api.get(f"/results/{saved['id']}", auth=me)
    assert got.status_code == 200
    assert got.json()["pace"] == 246 and got.json()["surface"] == "road"


def test_invalid_bodies_are_422(api: httpx.Client) -> None:
    me = _runner(api)
    good = {"race_name": "Bad one", "date": "2031-01-01", "distance_km": 5, "finish_seconds": 1200}
    assert api.post("/results", json={**good, "distance_km": 0}, auth=me).status_code == 422
    assert api.post("/results", json={**good, "finish_seconds": 0}, auth=me).status_code == 422
    assert api.post("/results", json={**good, "surface": "sand"}, auth=me).status_code == 422
    no_name = {k: v for k, v in good.items() if k != "race_name"}
    assert api.post("/results", json=no_name, auth=me).status_code == 422


def test_results_of_others_are_404(api: httpx.Client) -> None:
    ann, bob = _runner(api), _runner(api)
    mine = _result(api, ann, "Ann's secret marathon", distance_km=42.195, finish_seconds=14400)
    path = f"/results/{mine['id']}"
    assert api.get(path, auth=bob).status_code == 404
    assert api.patch(path, json={"finish_seconds": 100}, auth=bob).status_code == 404
    assert api.delete(path, auth=bob).status_code == 404
    assert api.get(f"{path}/card", auth=bob).status_code == 404
    assert mine["id"] not in _ids(api.get("/results", auth=bob))
    still = api.get(path, auth=ann)
    assert still.status_code == 200 and still.json()["finish_seconds"] == 14400
    assert api.get("/results/987654321", auth=ann).status_code == 404


def test_default_sort_is_newest_first_in_an_envelope(api: httpx.Client) -> None:
    me = _runner(api)
    old = _result(api, me, date="2031-01-10")
    new = _result(api, me, date="2031-06-10")
    middle = _result(api, me, date="2031-03-10")
    listed = api.get("/results", auth=me)
    assert _ids(listed) == [new["id"], middle["id"], old["id"]]
    body = listed.json()
    assert body["total"] == 3 and body["page"] == 1 and body["per_page"] == 20
    ascending = api.get("/results", params={"sort": "date"}, auth=me)
    assert _ids(ascending) == [old["id"], middle["id"], new["id"]]


def test_sort_by_finish_time_and_by_pace(api: httpx.Client) -> None:
    me = _runner(api)
    ten = _result(api, me, "Ten", distance_km=10, finish_seconds=3000)  # pace 300
    five = _result(api, me, "Five", distance_km=5, finish_seconds=1250)  # pace 250
    half = _result(api, me, "Half", distance_km=21.1, finish_seconds=6330)  # pace 300
    by_time = api.get("/results", params={"sort": "finish_seconds"}, auth=me)
    assert _ids(by_time) == [five["id"], ten["id"], half["id"]]
    by_pace = api.get("/results", params={"sort": "pace"}, auth=me)
    assert _ids(by_pace) == [five["id"], ten["id"], half["id"]]
    assert half["pace"] == 300 and five["pace"] == 250


def test_filters_combine(api: httpx.Client) -> None:
    me = _runner(api)
    word = f"Ridge{uuid.uuid4().hex[:6]}"
    trail = _result(api, me, f"{word} Fell Race", "2031-05-01", 12, 5400, surface="trail")
    road = _result(api, me, f"The {word.lower()} road 10", "2031-05-15", 10, 2700)
    track = _result(api, me, "Track night", "2031-05-20", 5, 1100, surface="track")
    early = _result(api, me, "Winter 5", "2031-02-01", 5, 1300)

    assert _ids(api.get("/results", params={"surface": "trail"}, auth=me)) == [trail["id"]]
    by_q = api.get("/results", params={"q": word.upper(), "sort": "date"}, auth=me)
    assert _ids(by_q) == [trail["id"], road["id"]]
    window = {"from": "2031-05-01", "to": "2031-05-15", "sort": "date"}
    assert _ids(api.get("/results", params=window, auth=me)) == [trail["id"], road["id"]]
    km = {"min_km": 5, "max_km": 10, "sort": "date"}
    assert _ids(api.get("/results", params=km, auth=me)) == [early["id"], road["id"], track["id"]]
    both = {"min_km": 5, "max_km": 10, "surface": "road", "from": "2031-03-01"}
    listed = api.get("/results", params=both, auth=me)
    assert _ids(listed) == [road["id"]]
    assert listed.json()["total"] == 1


def test_paging_with_page_and_per_page(api: httpx.Client) -> None:
    me = _runner(api)
    made = [_result(api, me, date=f"2031-07-{day:02d}") for day in range(1, 6)]
    newest_first = [r["id"] for r in reversed(made)]
    first = api.get("/results", params={"per_page": 2}, auth=me)
    assert _ids(first) == newest_first[:2]
    assert first.json()["total"] == 5 and first.json()["per_page"] == 2
    third = api.get("/results", params={"per_page": 2, "page": 3}, auth=me)
    assert _ids(third) == newest_first[4:]
    assert third.json()["total"] == 5 and third.json()["page"] == 3


def test_patch_changes_a_subset_and_pace_follows(api: httpx.Client) -> None:
    me = _runner(api)
    saved = _result(api, me, "Bridge 5", "2031-08-08", 5, 1500, surface="road")
    assert saved["pace"] == 300
    patched = api.patch(f"/results/{saved['id']}", json={"finish_seconds": 1400}, auth=me)
    assert patched.status_code == 200
    body = patched.json()
    assert body["finish_seconds"] == 1400 and body["pace"] == 280
    assert body["race_name"] == "Bridge 5" and body["date"] == "2031-08-08"
    assert body["surface"] == "road"
    bad = api.patch(f"/results/{saved['id']}", json={"surface": "ice"}, auth=me)
    assert bad.status_code == 422


def test_card_is_plain_text(api: httpx.Client) -> None:
    me = _runner(api)
    short = _result(api, me, "Harbour 10K", distance_km=10, finish_seconds=2467)
    card = api.get(f"/results/{short['id']}/card", auth=me)
    assert card.status_code == 200
    assert card.headers["content-type"].startswith("text/plain")
    assert card.text.strip() == "Harbour 10K - 0:41:07"
    long = _result(api, me, "Lakes Ultra", distance_km=50, finish_seconds=3 * 3600 + 5 * 60 + 9)
    assert api.get(f"/results/{long['id']}/card", auth=me).text.strip() == "Lakes Ultra - 3:05:09"


def test_delete_and_profile_totals(api: httpx.Client) -> None:
    me, other = _runner(api), _runner(api)
    first = _result(api, me, distance_km=10, finish_seconds=3000)
    _result(api, me, distance_km=5.5, finish_seconds=1650)
    _result(api, other, distance_km=42.2, finish_seconds=15000)
    profile = api.get("/runners/me", auth=me).json()
    assert profile["result_count"] == 2
    assert profile["total_km"] == pytest.approx(15.5)
    assert api.delete(f"/results/{first['id']}", auth=me).status_code == 204
    assert api.get(f"/results/{first['id']}", auth=me).status_code == 404
    assert api.delete(f"/results/{first['id']}", auth=me).status_code == 404
    profile = api.get("/runners/me", auth=me).json()
    assert profile["result_count"] == 1
    assert profile["total_km"] == pytest.approx(5.5)
