"""Acceptance tests for homework.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import datetime as dt
import html
import os
import uuid
from collections.abc import Callable, Iterator

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


@pytest.fixture
def teacher() -> Iterator[Callable[[], httpx.Client]]:
    """Makes logged-in teachers, each with their own client (own cookie jar)."""
    clients: list[httpx.Client] = []

    def make() -> httpx.Client:
        client = httpx.Client(base_url=BASE_URL, timeout=15)
        clients.append(client)
        creds = _creds()
        assert client.post("/teachers", json=creds).status_code == 201
        login = client.post(
            "/session", json={"email": creds["email"], "password": creds["password"]}
        )
        assert login.status_code == 204, login.text
        assert client.cookies.get("hw_session")
        return client

    yield make
    for client in clients:
        client.close()


def _creds() -> dict[str, str]:
    tag = uuid.uuid4().hex[:10]
    return {"email": f"t{tag}@brookside.example", "password": "chalk-dust-1", "name": f"Ms {tag}"}


def _assignment(
    who: httpx.Client, due_on: str = "2099-06-01", subject: str = "maths", title: str = "", **extra
) -> dict:
    body = {
        "title": title or f"Worksheet {uuid.uuid4().hex[:6]}",
        "subject": subject,
        "due_on": due_on,
        **extra,
    }
    response = who.post("/assignments", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _handin(who: httpx.Client, assignment: dict, student: str, on: str | None = None) -> dict:
    body: dict = {"student": student}
    if on is not None:
        body["handed_in_on"] = on
    response = who.post(f"/assignments/{assignment['id']}/handins", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    assert isinstance(response.json(), list)
    return [row["id"] for row in response.json()]


def test_a_taken_email_is_409_and_a_wrong_password_is_401(api: httpx.Client) -> None:
    creds = _creds()
    first = api.post("/teachers", json=creds)
    assert first.status_code == 201
    assert first.json()["email"] == creds["email"] and "password" not in first.json()
    assert api.post("/teachers", json=creds).status_code == 409
    wrong = api.post("/session", json={"email": creds["email"], "password": "wrong-chalk"})
    assert wrong.status_code == 401


def test_assignments_need_the_session_and_logout_ends_it(api: httpx.Client, teacher) -> None:
    assert api.get("/assignments").status_code == 401
    me = teacher()
    assert me.get("/assignments").status_code == 200
    cookie = me.cookies.get("hw_session")
    assert cookie
    assert me.delete("/session").status_code == 204
    stale = api.get("/assignments", headers={"Cookie": f"hw_session={cookie}"})
    assert stale.status_code == 401


def test_a_new_assignment_has_no_handins(teacher) -> None:
    me = teacher()
    made = _assignment(me, "2099-03-14", "science", "Volcano model", description="bring it in")
    assert isinstance(made["id"], int)
    assert made["title"] == "Volcano model" and made["subject"] == "science"
    assert made["due_on"] == "2099-03-14" and made["description"] == "bring it in"
    assert made["handin_count"] == 0 and made["late_count"] == 0
    got = me.get(f"/assignments/{made['id']}")
    assert got.status_code == 200 and got.json()["title"] == "Volcano model"


def test_invalid_input_is_400(teacher) -> None:
    me = teacher()
    good = {"title": "Spelling list", "subject": "english", "due_on": "2099-01-01"}
    assert me.post("/assignments", json={**good, "subject": "latin"}).status_code == 400
    assert me.post("/assignments", json={**good, "due_on": "next week"}).status_code == 400
    no_title = {"subject": "art", "due_on": "2099-01-01"}
    assert me.post("/assignments", json=no_title).status_code == 400


def test_another_teachers_assignment_is_404(teacher) -> None:
    ann, bob = teacher(), teacher()
    made = _assignment(ann)
    url = f"/assignments/{made['id']}"
    assert bob.get(url).status_code == 404
    assert bob.post(f"{url}/handins", json={"student": "Zed"}).status_code == 404
    assert bob.get(f"{url}/handins").status_code == 404
    assert bob.get(f"{url}/sheet").status_code == 404
    assert bob.delete(url).status_code == 404
    assert bob.get("/assignments").json() == []
    assert ann.get(url).status_code == 200


def test_late_is_after_the_due_date_and_counts_follow(teacher) -> None:
    me = teacher()
    made = _assignment(me, "2024-03-10")
    on_time = _handin(me, made, "Amira", "2024-03-10")
    late = _handin(me, made, "Ben", "2024-03-11")
    assert on_time["late"] is False and on_time["handed_in_on"] == "2024-03-10"
    assert late["late"] is True and late["student"] == "Ben"
    got = me.get(f"/assignments/{made['id']}").json()
    assert got["handin_count"] == 2 and got["late_count"] == 1


def test_handed_in_on_defaults_to_today(teacher) -> None:
    me = teacher()
    made = _assignment(me, "2099-12-31")
    handin = _handin(me, made, "Chloe")
    on = dt.date.fromisoformat(handin["handed_in_on"])
    assert abs((on - dt.date.today()).days) <= 1
    assert handin["late"] is False


def test_the_same_student_twice_in_any_case_is_409(teacher) -> None:
    me = teacher()
    made = _assignment(me)
    _handin(me, made, "Dara Quinn")
    again = me.post(f"/assignments/{made['id']}/handins", json={"student": "DARA QUINN"})
    assert again.status_code == 409
    other = _assignment(me)
    assert _handin(me, other, "Dara Quinn")["student"] == "Dara Quinn"


def test_handins_are_listed_by_student_name(teacher) -> None:
    me = teacher()
    made = _assignment(me)
    c = _handin(me, made, "Cora")
    a = _handin(me, made, "Abel")
    b = _handin(me, made, "Bilal")
    assert _ids(me.get(f"/assignments/{made['id']}/handins")) == [a["id"], b["id"], c["id"]]


def test_an_assignment_with_handins_cannot_be_deleted(teacher) -> None:
    me = teacher()
    busy = _assignment(me)
    _handin(me, busy, "Eli")
    assert me.delete(f"/assignments/{busy['id']}").status_code == 409
    assert me.get(f"/assignments/{busy['id']}").status_code == 200
    empty = _assignment(me)
    assert me.delete(f"/assignments/{empty['id']}").status_code == 204
    assert me.get(f"/assignments/{empty['id']}").status_code == 404


def test_the_list_is_soonest_due_first_and_filtered(teacher) -> None:
    me = teacher()
    may = _assignment(me, "2099-05-20", "history")
    march = _assignment(me, "2099-03-01", "maths")
    april = _assignment(me, "2099-04-30", "maths")
    june = _assignment(me, "2099-06-01", "art")
    assert _ids(me.get("/assignments")) == [march["id"], april["id"], may["id"], june["id"]]
    assert _ids(me.get("/assignments", params={"subject": "maths"})) == [march["id"], april["id"]]
    window = {"due_from": "2099-04-30", "due_to": "2099-05-20"}
    assert _ids(me.get("/assignments", params=window)) == [april["id"], may["id"]]


def test_the_sheet_is_escaped_html_with_late_marks(teacher) -> None:
    me = teacher()
    made = _assignment(me, "2024-02-01", title="Fractions & <Decimals>")
    _handin(me, made, "Tom <Tommy> Ng", "2024-02-01")
    _handin(me, made, "Uma Patel", "2024-02-05")
    sheet = me.get(f"/assignments/{made['id']}/sheet")
    assert sheet.status_code == 200
    assert sheet.headers["content-type"].startswith("text/html")
    assert html.escape("Fractions & <Decimals>", quote=False) in sheet.text
    assert html.escape("Tom <Tommy> Ng", quote=False) in sheet.text
    assert "<Decimals>" not in sheet.text and "<Tommy>" not in sheet.text
    assert "Uma Patel (late)" in sheet.text
    assert sheet.text.count("(late)") == 1
