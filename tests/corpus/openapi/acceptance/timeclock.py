"""Acceptance tests for timeclock.md, written from the document and its prose before generating.

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
    return {"email": f"t{uuid.uuid4().hex[:12]}@example.com", "password": "billable-hours-7"}


def _user(api: httpx.Client) -> dict[str, str]:
    creds = _creds()
    assert api.post("/users", json=creds).status_code == 201
    login = api.post("/sessions", json=creds)
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['token']}"}


def _log(api: httpx.Client, who: dict[str, str], **fields: object) -> dict:
    body = {"project": "support", "day": "2026-03-02", "minutes": 30, **fields}
    response = api.post("/entries", json=body, headers=who)
    assert response.status_code == 201, response.text
    return response.json()


def _ids(api: httpx.Client, who: dict[str, str], **params: object) -> list[int]:
    response = api.get("/entries", params={"per_page": 100, **params}, headers=who)
    assert response.status_code == 200, response.text
    return [e["id"] for e in response.json()["data"]]


def test_sign_up_answers_201_without_the_password(api: httpx.Client) -> None:
    creds = _creds()
    response = api.post("/users", json=creds)
    assert response.status_code == 201
    body = response.json()
    assert body["email"] == creds["email"] and isinstance(body["id"], int)
    assert "password" not in body


def test_log_in_gives_a_token_and_a_wrong_password_answers_401(api: httpx.Client) -> None:
    creds = _creds()
    api.post("/users", json=creds)
    assert isinstance(api.post("/sessions", json=creds).json()["token"], str)
    wrong = api.post("/sessions", json={**creds, "password": "not-the-one-99"})
    assert wrong.status_code == 401


def test_entries_need_a_token(api: httpx.Client) -> None:
    assert api.get("/entries").status_code == 401
    body = {"project": "x", "day": "2026-03-02", "minutes": 5}
    assert api.post("/entries", json=body).status_code == 401


def test_a_logged_entry_is_billable_by_default_and_read_back(api: httpx.Client) -> None:
    me = _user(api)
    entry = _log(api, me, project="website redesign", minutes=90)
    assert entry["billable"] is True and entry["minutes"] == 90 and entry["day"] == "2026-03-02"
    assert isinstance(entry["id"], int) and entry["created_at"]
    got = api.get(f"/entries/{entry['id']}", headers=me)
    assert got.status_code == 200 and got.json()["project"] == "website redesign"


def test_zero_or_missing_minutes_answer_400(api: httpx.Client) -> None:
    me = _user(api)
    zero = {"project": "support", "day": "2026-03-02", "minutes": 0}
    assert api.post("/entries", json=zero, headers=me).status_code == 400
    missing = {"project": "support", "day": "2026-03-02"}
    assert api.post("/entries", json=missing, headers=me).status_code == 400


def test_the_list_is_an_envelope_of_my_entries_only(api: httpx.Client) -> None:
    me, other = _user(api), _user(api)
    mine = _log(api, me)
    _log(api, other)
    listed = api.get("/entries", headers=me)
    assert listed.status_code == 200
    body = listed.json()
    assert [e["id"] for e in body["data"]] == [mine["id"]] and body["total"] == 1


def test_someone_elses_entry_answers_404_and_only_the_owner_deletes(api: httpx.Client) -> None:
    me, other = _user(api), _user(api)
    entry = _log(api, me)
    path = f"/entries/{entry['id']}"
    assert api.get(path, headers=other).status_code == 404
    assert api.patch(path, json={"minutes": 1}, headers=other).status_code == 404
    assert api.delete(path, headers=other).status_code == 404
    assert api.get(path, headers=me).json()["minutes"] == 30
    assert api.delete(path, headers=me).status_code == 204
    assert api.get(path, headers=me).status_code == 404


def test_patch_changes_only_the_given_fields(api: httpx.Client) -> None:
    me = _user(api)
    entry = _log(api, me, project="support", note="phone call")
    changed = api.patch(f"/entries/{entry['id']}", json={"billable": False}, headers=me)
    assert changed.status_code == 200
    body = changed.json()
    assert body["billable"] is False
    assert body["project"] == "support" and body["note"] == "phone call" and body["minutes"] == 30


def test_project_billable_and_date_range_filters(api: httpx.Client) -> None:
    me = _user(api)
    early = _log(api, me, project="alpha", day="2026-03-01")
    inside = _log(api, me, project="alpha", day="2026-03-05")
    last = _log(api, me, project="alpha", day="2026-03-10", billable=False)
    other = _log(api, me, project="beta", day="2026-03-05")
    assert set(_ids(api, me, project="alpha")) == {early["id"], inside["id"], last["id"]}
    ranged = _ids(api, me, **{"from": "2026-03-05", "to": "2026-03-10"})
    assert set(ranged) == {inside["id"], last["id"], other["id"]}
    assert _ids(api, me, billable="false") == [last["id"]]


def test_minutes_gte_and_lte_compare(api: httpx.Client) -> None:
    me = _user(api)
    short = _log(api, me, minutes=15)
    medium = _log(api, me, minutes=60)
    long = _log(api, me, minutes=240)
    assert set(_ids(api, me, **{"minutes[gte]": 60})) == {medium["id"], long["id"]}
    assert set(_ids(api, me, **{"minutes[lte]": 60})) == {short["id"], medium["id"]}
    both = _ids(api, me, **{"minutes[gte]": 16, "minutes[lte]": 239})
    assert both == [medium["id"]]


def test_sort_by_day_and_paging_with_a_total(api: httpx.Client) -> None:
    me = _user(api)
    days = ["2026-02-03", "2026-02-01", "2026-02-05", "2026-02-02", "2026-02-04"]
    for day in days:
        _log(api, me, day=day)
    newest = api.get("/entries", headers=me).json()["data"]
    assert [e["day"] for e in newest] == sorted(days, reverse=True)
    page = api.get("/entries", params={"sort": "day", "page": 2, "per_page": 2}, headers=me)
    body = page.json()
    assert body["total"] == 5
    assert [e["day"] for e in body["data"]] == ["2026-02-03", "2026-02-04"]


def test_totals_sum_minutes_per_project_in_the_range(api: httpx.Client) -> None:
    me, other = _user(api), _user(api)
    _log(api, me, project="alpha", minutes=30, day="2026-04-01")
    _log(api, me, project="alpha", minutes=45, day="2026-04-02")
    _log(api, me, project="beta", minutes=10, day="2026-04-02")
    _log(api, me, project="gamma", minutes=99, day="2026-05-01")
    _log(api, other, project="alpha", minutes=500, day="2026-04-01")
    params = {"from": "2026-04-01", "to": "2026-04-30"}
    totals = api.get("/entries/totals", params=params, headers=me)
    assert totals.status_code == 200
    assert totals.json() == {"alpha": 75, "beta": 10}
