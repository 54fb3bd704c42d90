"""Acceptance tests for buildlog.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import datetime
import os
import uuid
from collections.abc import Iterator

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")
PASSWORD = "solder-123"


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _username() -> str:
    return f"mk_{uuid.uuid4().hex[:12]}"


def _member(api: httpx.Client) -> httpx.BasicAuth:
    """Register a fresh member and return Basic credentials for them."""
    username = _username()
    response = api.post("/members", json={"username": username, "password": PASSWORD})
    assert response.status_code == 201, response.text
    return httpx.BasicAuth(username, PASSWORD)


def _project(api: httpx.Client, auth: httpx.BasicAuth, name: str | None = None, **extra) -> dict:
    body = {"name": name or f"Project {uuid.uuid4().hex[:8]}", **extra}
    response = api.post("/projects", json=body, auth=auth)
    assert response.status_code == 201, response.text
    return response.json()


def _part(api: httpx.Client, auth: httpx.BasicAuth, project_id: int, **body) -> dict:
    response = api.post(f"/projects/{project_id}/parts", json=body, auth=auth)
    assert response.status_code == 201, response.text
    return response.json()


def _list(api: httpx.Client, auth: httpx.BasicAuth, **params) -> dict:
    response = api.get("/projects", params=params, auth=auth)
    assert response.status_code == 200, response.text
    return response.json()


def _ids(api: httpx.Client, auth: httpx.BasicAuth, **params) -> list[int]:
    return [p["id"] for p in _list(api, auth, **params)["data"]]


def test_register_is_201_without_password_and_409_ignoring_case(
    api: httpx.Client,
) -> None:
    username = _username()
    response = api.post("/members", json={"username": username, "password": PASSWORD})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["username"] == username and isinstance(body["id"], int)
    assert "password" not in body
    again = api.post("/members", json={"username": username.upper(), "password": PASSWORD})
    assert again.status_code == 409, again.text


def test_missing_or_wrong_basic_credentials_are_401(api: httpx.Client) -> None:
    auth = _member(api)
    assert api.get("/projects").status_code == 401
    assert api.get("/members/me").status_code == 401
    assert api.post("/projects", json={"name": "x"}).status_code == 401
    wrong = httpx.BasicAuth(_username(), "nope-nope")
    assert api.get("/projects", auth=wrong).status_code == 401
    me = api.get("/members/me", auth=auth)
    assert me.status_code == 200, me.text


def test_wrong_password_for_a_real_member_is_401(api: httpx.Client) -> None:
    username = _username()
    created = api.post("/members", json={"username": username, "password": PASSWORD})
    assert created.status_code == 201, created.text
    response = api.get("/members/me", auth=httpx.BasicAuth(username, "not-the-password"))
    assert response.status_code == 401, response.text
    good = api.get("/members/me", auth=httpx.BasicAuth(username, PASSWORD))
    assert good.status_code == 200 and good.json()["username"] == username


def test_new_project_has_defaults_and_ignores_read_only_fields(
    api: httpx.Client,
) -> None:
    auth = _member(api)
    made = _project(
        api,
        auth,
        "Desk lamp",
        started_on="2031-05-01",
        part_count=99,
        parts_total=123.0,
    )
    assert isinstance(made["id"], int)
    assert made["name"] == "Desk lamp" and made["status"] == "idea"
    assert made["started_on"] == "2031-05-01" and made["notes"] is None
    assert made["part_count"] == 0 and made["parts_total"] == 0
    today = _project(api, auth)
    assert today["started_on"] == datetime.date.today().isoformat()
    got = api.get(f"/projects/{made['id']}", auth=auth)
    assert got.status_code == 200 and got.json()["name"] == "Desk lamp"


def test_another_members_project_is_404_everywhere(api: httpx.Client) -> None:
    alice, bob = _member(api), _member(api)
    project = _project(api, alice, "Secret robot")
    part = _part(api, alice, project["id"], name="Motor", unit_price=3)
    pid = project["id"]
    assert api.get(f"/projects/{pid}", auth=bob).status_code == 404
    assert api.patch(f"/projects/{pid}", json={"name": "mine"}, auth=bob).status_code == 404
    assert api.get(f"/projects/{pid}/parts", auth=bob).status_code == 404
    assert (
        api.post(f"/projects/{pid}/parts", json={"name": "x", "unit_price": 1}, auth=bob)
    ).status_code == 404
    assert api.delete(f"/projects/{pid}/parts/{part['id']}", auth=bob).status_code == 404
    assert api.get(f"/projects/{pid}/bom", auth=bob).status_code == 404
    assert api.delete(f"/projects/{pid}", auth=bob).status_code == 404
    assert _ids(api, bob) == []
    assert api.get(f"/projects/{pid}", auth=alice).json()["name"] == "Secret robot"


def test_name_is_unique_per_member_ignoring_case(api: httpx.Client) -> None:
    alice, bob = _member(api), _member(api)
    first = _project(api, alice, "Desk Lamp")
    clash = api.post("/projects", json={"name": "desk lamp"}, auth=alice)
    assert clash.status_code == 409, clash.text
    other = _project(api, alice, "Plotter")
    rename = api.patch(f"/projects/{other['id']}", json={"name": "DESK LAMP"}, auth=alice)
    assert rename.status_code == 409, rename.text
    same_for_bob = api.post("/projects", json={"name": "Desk Lamp"}, auth=bob)
    assert same_for_bob.status_code == 201, same_for_bob.text
    assert first["id"] != same_for_bob.json()["id"]


def test_bad_bodies_are_422(api: httpx.Client) -> None:
    auth = _member(api)
    assert api.post("/projects", json={"status": "idea"}, auth=auth).status_code == 422
    bad_status = {"name": "x", "status": "abandoned"}
    assert api.post("/projects", json=bad_status, auth=auth).status_code == 422
    project = _project(api, auth)
    url = f"/projects/{project['id']}/parts"
    assert (
        api.post(url, json={"name": "nut", "quantity": 0, "unit_price": 1}, auth=auth).status_code
        == 422
    )
    assert api.post(url, json={"name": "nut", "unit_price": -1}, auth=auth).status_code == 422
    assert api.post(url, json={"name": "nut"}, auth=auth).status_code == 422
    short = {"username": "ab", "password": PASSWORD}
    assert api.post("/members", json=short).status_code == 422


def test_list_envelope_default_order_and_paging(api: httpx.Client) -> None:
    auth = _member(api)
    a = _project(api, auth, "Alpha", started_on="2031-01-10")
    b = _project(api, auth, "Bravo", started_on="2031-03-10")
    c = _project(api, auth, "Charlie", started_on="2031-02-10")
    body = _list(api, auth)
    assert set(body) >= {"data", "meta"}
    assert body["meta"]["total"] == 3
    assert body["meta"]["limit"] == 20 and body["meta"]["offset"] == 0
    assert [p["id"] for p in body["data"]] == [b["id"], c["id"], a["id"]]
    page = _list(api, auth, limit=2, offset=1)
    assert [p["id"] for p in page["data"]] == [c["id"], a["id"]]
    assert page["meta"] == {"total": 3, "limit": 2, "offset": 1}


def test_sort_by_and_order(api: httpx.Client) -> None:
    auth = _member(api)
    lamp = _project(api, auth, "Lamp", started_on="2031-01-01")
    clock = _project(api, auth, "Clock", started_on="2031-01-03")
    radio = _project(api, auth, "Radio", started_on="2031-01-02")
    _part(api, auth, lamp["id"], name="LED", quantity=10, unit_price=0.5)
    _part(api, auth, radio["id"], name="Speaker", unit_price=12)
    assert _ids(api, auth, sort_by="name", order="asc") == [
        clock["id"],
        lamp["id"],
        radio["id"],
    ]
    assert _ids(api, auth, sort_by="name", order="desc") == [
        radio["id"],
        lamp["id"],
        clock["id"],
    ]
    assert _ids(api, auth, sort_by="started_on", order="asc") == [
        lamp["id"],
        radio["id"],
        clock["id"],
    ]
    assert _ids(api, auth, sort_by="parts_total", order="desc") == [
        radio["id"],
        lamp["id"],
        clock["id"],
    ]


def test_status_date_range_and_q_filters(api: httpx.Client) -> None:
    auth = _member(api)
    jan = _project(api, auth, "Tiny Printer", started_on="2031-01-05", status="building")
    feb = _project(api, auth, "Big printer", started_on="2031-02-05")
    mar = _project(api, auth, "Shelf", started_on="2031-03-05", status="building")
    assert _ids(api, auth, status="building") == [mar["id"], jan["id"]]
    in_range = _ids(api, auth, started_from="2031-01-05", started_to="2031-02-05")
    assert in_range == [feb["id"], jan["id"]]
    assert _ids(api, auth, started_from="2031-02-06") == [mar["id"]]
    assert _ids(api, auth, q="PRINTER") == [feb["id"], jan["id"]]
    filtered = _list(api, auth, q="printer", status="building")
    assert [p["id"] for p in filtered["data"]] == [jan["id"]]
    assert filtered["meta"]["total"] == 1


def test_parts_keep_order_and_drive_the_counters(api: httpx.Client) -> None:
    auth = _member(api)
    project = _project(api, auth)
    pid = project["id"]
    screw = _part(api, auth, pid, name="M3 screw", quantity=3, unit_price=0.25, supplier="shop")
    servo = _part(api, auth, pid, name="Servo SG90", quantity=2, unit_price=4.5)
    washer = _part(api, auth, pid, name="Washer", unit_price=0.1)
    assert washer["quantity"] == 1 and screw["project_id"] == pid
    parts = api.get(f"/projects/{pid}/parts", auth=auth)
    assert parts.status_code == 200, parts.text
    assert [p["id"] for p in parts.json()] == [screw["id"], servo["id"], washer["id"]]
    got = api.get(f"/projects/{pid}", auth=auth).json()
    assert got["part_count"] == 3 and got["parts_total"] == pytest.approx(9.85)
    gone = api.delete(f"/projects/{pid}/parts/{washer['id']}", auth=auth)
    assert gone.status_code == 204, gone.text
    got = api.get(f"/projects/{pid}", auth=auth).json()
    assert got["part_count"] == 2 and got["parts_total"] == pytest.approx(9.75)
    again = api.delete(f"/projects/{pid}/parts/{washer['id']}", auth=auth)
    assert again.status_code == 404


def test_patch_changes_only_the_fields_sent(api: httpx.Client) -> None:
    auth = _member(api)
    made = _project(api, auth, "Synth", started_on="2031-06-01", notes="needs a case")
    patched = api.patch(f"/projects/{made['id']}", json={"status": "done"}, auth=auth)
    assert patched.status_code == 200, patched.text
    body = patched.json()
    assert body["status"] == "done" and body["name"] == "Synth"
    assert body["started_on"] == "2031-06-01" and body["notes"] == "needs a case"
    cleared = api.patch(f"/projects/{made['id']}", json={"notes": None}, auth=auth)
    assert cleared.status_code == 200 and cleared.json()["notes"] is None


def test_bom_is_plain_text_lines_and_a_total(api: httpx.Client) -> None:
    auth = _member(api)
    project = _project(api, auth)
    _part(api, auth, project["id"], name="M3 screw", quantity=3, unit_price=0.25)
    _part(api, auth, project["id"], name="Servo SG90", quantity=2, unit_price=4.5)
    response = api.get(f"/projects/{project['id']}/bom", auth=auth)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text.strip().splitlines() == [
        "3 x M3 screw @ 0.25",
        "2 x Servo SG90 @ 4.50",
        "TOTAL 9.75",
    ]


def test_delete_project_removes_it_and_counts_on_me(api: httpx.Client) -> None:
    auth = _member(api)
    keep = _project(api, auth)
    drop = _project(api, auth)
    _part(api, auth, drop["id"], name="Fan", unit_price=2)
    assert api.get("/members/me", auth=auth).json()["project_count"] == 2
    assert api.delete(f"/projects/{drop['id']}", auth=auth).status_code == 204
    assert api.get(f"/projects/{drop['id']}", auth=auth).status_code == 404
    assert api.get(f"/projects/{drop['id']}/parts", auth=auth).status_code == 404
    assert _ids(api, auth) == [keep["id"]]
    assert api.get("/members/me", auth=auth).json()["project_count"] == 1
