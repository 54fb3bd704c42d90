"""Acceptance tests for printroom.md, written from the document and its prose before generating.

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


def _teacher(api: httpx.Client) -> dict:
    """A freshly registered teacher; every test gets its own, so its job list starts empty."""
    tag = _hex()
    body = {"name": f"Ms Teacher {tag}", "email": f"t{tag}@northfield-school.org"}
    response = api.post("/teachers", json=body)
    assert response.status_code == 201, response.text
    made = response.json()
    assert isinstance(made["api_key"], str) and made["api_key"], response.text
    return made


def _h(teacher: dict) -> dict[str, str]:
    return {"X-Staff-Key": teacher["api_key"]}


def _job(api: httpx.Client, teacher: dict, **fields) -> dict:
    body = {
        "title": f"Worksheet {_hex()}",
        "pages": 2,
        "copies": 30,
        "needed_by": "2031-03-10",
    }
    body.update(fields)
    response = api.post("/jobs", json=body, headers=_h(teacher))
    assert response.status_code == 201, response.text
    return response.json()


def _list(api: httpx.Client, teacher: dict, **params) -> dict:
    response = api.get("/jobs", params=params, headers=_h(teacher))
    assert response.status_code == 200, response.text
    body = response.json()
    assert isinstance(body["items"], list) and isinstance(body["total"], int), response.text
    return body


def _ids(page: dict) -> list[int]:
    return [job["id"] for job in page["items"]]


def test_registering_gives_a_key_and_an_email_is_taken_ignoring_case(
    api: httpx.Client,
) -> None:
    tag = _hex()
    body = {"name": "Mr Okafor", "email": f"J.Okafor.{tag}@northfield-school.org"}
    response = api.post("/teachers", json=body)
    assert response.status_code == 201, response.text
    made = response.json()
    assert isinstance(made["id"], int) and made["name"] == "Mr Okafor"
    assert isinstance(made["api_key"], str) and made["api_key"]
    again = {"name": "Someone Else", "email": f"j.okafor.{tag}@NORTHFIELD-SCHOOL.ORG"}
    assert api.post("/teachers", json=again).status_code == 409


def test_calls_without_a_valid_key_answer_401(api: httpx.Client) -> None:
    assert api.get("/jobs").status_code == 401
    body = {"title": "Quiz", "pages": 1, "copies": 1, "needed_by": "2031-03-10"}
    assert api.post("/jobs", json=body).status_code == 401
    bogus = {"X-Staff-Key": f"nope-{_hex()}"}
    assert api.get("/teachers/me", headers=bogus).status_code == 401
    assert api.get("/jobs", headers=bogus).status_code == 401


def test_a_new_job_is_queued_with_defaults_and_computed_sheets(
    api: httpx.Client,
) -> None:
    teacher = _teacher(api)
    made = _job(api, teacher, pages=2, copies=30)
    assert isinstance(made["id"], int)
    assert made["status"] == "queued"
    assert made["double_sided"] is False
    assert made["colour"] == "mono" and made["paper"] == "A4"
    assert made["notes"] is None
    assert made["sheets"] == 60
    assert made["needed_by"] == "2031-03-10"
    got = api.get(f"/jobs/{made['id']}", headers=_h(teacher))
    assert got.status_code == 200, got.text
    assert got.json()["title"] == made["title"] and got.json()["sheets"] == 60


def test_double_sided_sheets_round_half_the_pages_up(api: httpx.Client) -> None:
    teacher = _teacher(api)
    odd = _job(api, teacher, pages=5, copies=30, double_sided=True)
    assert odd["sheets"] == 90, odd
    even = _job(api, teacher, pages=4, copies=10, double_sided=True, colour="colour", paper="A3")
    assert even["sheets"] == 20, even
    assert even["colour"] == "colour" and even["paper"] == "A3"


def test_bad_input_answers_400_not_422(api: httpx.Client) -> None:
    teacher = _teacher(api)
    good = {"title": "Quiz", "pages": 3, "copies": 10, "needed_by": "2031-03-10"}
    bad_bodies = [
        {key: value for key, value in good.items() if key != "title"},
        {**good, "pages": 0},
        {**good, "pages": 501},
        {**good, "copies": 1001},
        {**good, "colour": "sepia"},
        {**good, "paper": "A5"},
        {**good, "needed_by": "next tuesday"},
    ]
    for body in bad_bodies:
        response = api.post("/jobs", json=body, headers=_h(teacher))
        assert response.status_code == 400, (body, response.text)
    made = _job(api, teacher)
    response = api.patch(f"/jobs/{made['id']}", json={"copies": 0}, headers=_h(teacher))
    assert response.status_code == 400, response.text
    assert _list(api, teacher)["total"] == 1


def test_another_teachers_job_is_404_everywhere(api: httpx.Client) -> None:
    alice, bob = _teacher(api), _teacher(api)
    job = _job(api, alice)
    path = f"/jobs/{job['id']}"
    assert api.get(path, headers=_h(bob)).status_code == 404
    assert api.patch(path, json={"copies": 1}, headers=_h(bob)).status_code == 404
    assert api.post(f"{path}/cancel", headers=_h(bob)).status_code == 404
    assert api.get(f"{path}/slip", headers=_h(bob)).status_code == 404
    assert api.delete(path, headers=_h(bob)).status_code == 404
    mine = _list(api, bob)
    assert mine["items"] == [] and mine["total"] == 0
    kept = api.get(path, headers=_h(alice))
    assert kept.status_code == 200 and kept.json()["copies"] == 30
    assert kept.json()["status"] == "queued"


def test_list_is_an_envelope_soonest_first_with_limit_and_offset(
    api: httpx.Client,
) -> None:
    teacher = _teacher(api)
    late = _job(api, teacher, needed_by="2031-04-20")
    soon = _job(api, teacher, needed_by="2031-04-02")
    mid = _job(api, teacher, needed_by="2031-04-11")
    page = _list(api, teacher)
    assert _ids(page) == [soon["id"], mid["id"], late["id"]]
    assert page["total"] == 3
    window = _list(api, teacher, limit=2, offset=1)
    assert _ids(window) == [mid["id"], late["id"]]
    assert window["total"] == 3
    first = _list(api, teacher, limit=1)
    assert _ids(first) == [soon["id"]] and first["total"] == 3


def test_filters_dates_inclusive_min_sheets_q_and_colour(api: httpx.Client) -> None:
    teacher = _teacher(api)
    a = _job(api, teacher, title="Fractions Homework", needed_by="2031-05-01", copies=10)
    b = _job(api, teacher, title="Poetry anthology", needed_by="2031-05-05", copies=100)
    c = _job(api, teacher, title="fractions test", needed_by="2031-05-09", colour="colour")
    in_range = _list(api, teacher, **{"from": "2031-05-01", "to": "2031-05-05"})
    assert _ids(in_range) == [a["id"], b["id"]] and in_range["total"] == 2
    assert _ids(_list(api, teacher, **{"from": "2031-05-05"})) == [b["id"], c["id"]]
    assert _ids(_list(api, teacher, to="2031-05-04")) == [a["id"]]
    big = _list(api, teacher, min_sheets=200)
    assert _ids(big) == [b["id"]] and big["total"] == 1
    assert _ids(_list(api, teacher, min_sheets=60)) == [b["id"], c["id"]]
    assert _ids(_list(api, teacher, q="FRACTIONS")) == [a["id"], c["id"]]
    assert _ids(_list(api, teacher, colour="colour")) == [c["id"]]


def test_sort_by_sheets_and_latest_date_first(api: httpx.Client) -> None:
    teacher = _teacher(api)
    mid = _job(api, teacher, needed_by="2031-06-01", copies=50)
    small = _job(api, teacher, needed_by="2031-06-03", copies=5)
    large = _job(api, teacher, needed_by="2031-06-02", copies=200)
    assert _ids(_list(api, teacher, sort="sheets")) == [
        small["id"],
        mid["id"],
        large["id"],
    ]
    assert _ids(_list(api, teacher, sort="-sheets")) == [
        large["id"],
        mid["id"],
        small["id"],
    ]
    assert _ids(_list(api, teacher, sort="-needed_by")) == [
        small["id"],
        large["id"],
        mid["id"],
    ]


def test_cancel_answers_200_then_409_and_freezes_the_job(api: httpx.Client) -> None:
    teacher = _teacher(api)
    job = _job(api, teacher)
    other = _job(api, teacher)
    cancelled = api.post(f"/jobs/{job['id']}/cancel", headers=_h(teacher))
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled" and cancelled.json()["id"] == job["id"]
    again = api.post(f"/jobs/{job['id']}/cancel", headers=_h(teacher))
    assert again.status_code == 409, again.text
    edit = api.patch(f"/jobs/{job['id']}", json={"copies": 5}, headers=_h(teacher))
    assert edit.status_code == 409, edit.text
    assert api.get(f"/jobs/{job['id']}", headers=_h(teacher)).json()["copies"] == 30
    assert _ids(_list(api, teacher, status="cancelled")) == [job["id"]]
    assert _ids(_list(api, teacher, status="queued")) == [other["id"]]


def test_patch_changes_only_what_is_sent_and_recomputes_sheets(
    api: httpx.Client,
) -> None:
    teacher = _teacher(api)
    job = _job(api, teacher, pages=6, copies=20, notes="staple top left")
    assert job["sheets"] == 120
    patched = api.patch(f"/jobs/{job['id']}", json={"double_sided": True}, headers=_h(teacher))
    assert patched.status_code == 200, patched.text
    body = patched.json()
    assert body["double_sided"] is True and body["sheets"] == 60
    assert body["title"] == job["title"] and body["notes"] == "staple top left"
    assert body["pages"] == 6 and body["copies"] == 20 and body["needed_by"] == "2031-03-10"
    more = api.patch(f"/jobs/{job['id']}", json={"copies": 25}, headers=_h(teacher))
    assert more.status_code == 200 and more.json()["sheets"] == 75
    assert api.get(f"/jobs/{job['id']}", headers=_h(teacher)).json()["sheets"] == 75


def test_delete_answers_204_then_404_even_when_cancelled(api: httpx.Client) -> None:
    teacher = _teacher(api)
    queued = _job(api, teacher)
    cancelled = _job(api, teacher)
    api.post(f"/jobs/{cancelled['id']}/cancel", headers=_h(teacher))
    for job in (queued, cancelled):
        assert api.delete(f"/jobs/{job['id']}", headers=_h(teacher)).status_code == 204
        assert api.get(f"/jobs/{job['id']}", headers=_h(teacher)).status_code == 404
    assert _list(api, teacher)["total"] == 0


def test_slip_is_plain_text_with_four_lines(api: httpx.Client) -> None:
    teacher = _teacher(api)
    job = _job(
        api,
        teacher,
        title="Fractions worksheet",
        pages=3,
        copies=12,
        needed_by="2031-09-15",
    )
    response = api.get(f"/jobs/{job['id']}/slip", headers=_h(teacher))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    lines = [line.strip() for line in response.text.strip().splitlines() if line.strip()]
    assert lines == [
        "Title: Fractions worksheet",
        f"Teacher: {teacher['name']}",
        "Sheets: 36",
        "Needed by: 2031-09-15",
    ], response.text


def test_me_counts_all_jobs_and_sheets_of_live_ones(api: httpx.Client) -> None:
    teacher = _teacher(api)
    me = api.get("/teachers/me", headers=_h(teacher))
    assert me.status_code == 200, me.text
    assert me.json()["job_count"] == 0 and me.json()["sheets_total"] == 0
    assert me.json()["name"] == teacher["name"] and me.json()["id"] == teacher["id"]
    _job(api, teacher, pages=2, copies=10)
    _job(api, teacher, pages=5, copies=4, double_sided=True)
    dropped = _job(api, teacher, pages=10, copies=10)
    api.post(f"/jobs/{dropped['id']}/cancel", headers=_h(teacher))
    me = api.get("/teachers/me", headers=_h(teacher)).json()
    assert me["job_count"] == 3, me
    assert me["sheets_total"] == 32, me
