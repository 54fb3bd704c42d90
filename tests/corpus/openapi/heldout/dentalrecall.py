"""Acceptance tests for dentalrecall.md, written from the document and its prose only.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")
PASSWORD = "floss-daily-42"


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _word() -> str:
    """A word that only this test puts into patient names, so `q` isolates its recalls."""
    return f"Zq{uuid.uuid4().hex[:10]}"


def _staff(api: httpx.Client, name: str = "") -> dict[str, str]:
    """Creates a staff account, logs in with the form, and answers the bearer headers."""
    email = f"desk_{uuid.uuid4().hex[:12]}@example.org"
    body = {"email": email, "name": name or f"Desk {email[5:11]}", "password": PASSWORD}
    created = api.post("/staff", json=body)
    assert created.status_code == 201, created.text
    token = api.post("/token", data={"username": email, "password": PASSWORD})
    assert token.status_code == 200, token.text
    return {"Authorization": f"Bearer {token.json()['access_token']}"}


def _recall(
    api: httpx.Client,
    who: dict[str, str],
    patient_name: str,
    due_on: str = "2032-05-01",
    reason: str = "checkup",
    chart_number: str = "BR0042",
    **extra,
) -> dict:
    body = {
        "patient_name": patient_name,
        "chart_number": chart_number,
        "reason": reason,
        "due_on": due_on,
        **extra,
    }
    response = api.post("/recalls", json=body, headers=who)
    assert response.status_code == 201, response.text
    return response.json()


def _ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    return [recall["id"] for recall in response.json()]


def test_staff_signup_and_duplicate_email_ignoring_case(api: httpx.Client) -> None:
    local = f"anna_{uuid.uuid4().hex[:10]}"
    body = {"email": f"{local}@example.org", "name": "Anna", "password": PASSWORD}
    created = api.post("/staff", json=body)
    assert created.status_code == 201
    assert created.json()["email"].lower() == f"{local}@example.org"
    assert created.json()["name"] == "Anna"
    assert "password" not in created.json()
    assert api.post("/staff", json=body).status_code == 409
    upper = {**body, "email": f"{local.upper()}@EXAMPLE.ORG", "name": "Anna again"}
    assert api.post("/staff", json=upper).status_code == 409


def test_form_login_and_bearer_required(api: httpx.Client) -> None:
    email = f"desk_{uuid.uuid4().hex[:12]}@example.org"
    api.post("/staff", json={"email": email, "name": "Bea", "password": PASSWORD})
    token = api.post("/token", data={"username": email, "password": PASSWORD})
    assert token.status_code == 200
    assert token.json()["token_type"].lower() == "bearer"
    assert isinstance(token.json()["access_token"], str) and token.json()["access_token"]
    wrong = api.post("/token", data={"username": email, "password": "not-the-one"})
    assert wrong.status_code == 401
    assert api.get("/recalls").status_code == 401
    assert api.get("/recalls", headers={"Authorization": "Bearer nonsense"}).status_code == 401
    body = {"patient_name": "X", "chart_number": "AB1234", "reason": "xray", "due_on": "2032-01-01"}
    assert api.post("/recalls", json=body).status_code == 401
    ok = api.get("/recalls", headers={"Authorization": f"Bearer {token.json()['access_token']}"})
    assert ok.status_code == 200 and isinstance(ok.json(), list)


def test_new_recall_is_waiting_with_creator_name(api: httpx.Client) -> None:
    me = _staff(api, "Carla Front")
    recall = _recall(api, me, "Dora Molar", "2032-03-15", "cleaning", "DM0007", phone="0123 456")
    assert isinstance(recall["id"], int)
    assert recall["patient_name"] == "Dora Molar"
    assert recall["chart_number"] == "DM0007"
    assert recall["reason"] == "cleaning"
    assert recall["due_on"] == "2032-03-15"
    assert recall["status"] == "waiting"
    assert recall["created_by"] == "Carla Front"
    assert recall["contacted_by"] is None and recall["contacted_at"] is None
    got = api.get(f"/recalls/{recall['id']}", headers=me)
    assert got.status_code == 200 and got.json()["status"] == "waiting"


def test_invalid_bodies_are_400(api: httpx.Client) -> None:
    me = _staff(api)
    good = {
        "patient_name": "Eve",
        "chart_number": "EV1234",
        "reason": "checkup",
        "due_on": "2032-01-01",
    }
    assert (
        api.post("/recalls", json={**good, "chart_number": "ev1234"}, headers=me).status_code == 400
    )
    assert (
        api.post("/recalls", json={**good, "chart_number": "EV12"}, headers=me).status_code == 400
    )
    assert api.post("/recalls", json={**good, "reason": "whitening"}, headers=me).status_code == 400
    assert api.post("/recalls", json={**good, "status": "lost"}, headers=me).status_code == 400
    assert api.post("/recalls", json={**good, "due_on": "soon"}, headers=me).status_code == 400
    no_due = {k: v for k, v in good.items() if k != "due_on"}
    assert api.post("/recalls", json=no_due, headers=me).status_code == 400
    saved = _recall(api, me, "Eve Valid")
    bad_patch = api.patch(f"/recalls/{saved['id']}", json={"reason": "whitening"}, headers=me)
    assert bad_patch.status_code == 400


def test_shared_board_but_only_the_creator_edits_or_deletes(api: httpx.Client) -> None:
    ann, bob = _staff(api), _staff(api)
    word = _word()
    recall = _recall(api, ann, f"Fred {word}", "2032-06-01", notes="prefers mornings")
    path = f"/recalls/{recall['id']}"
    assert api.get(path, headers=bob).status_code == 200
    assert _ids(api.get("/recalls", params={"q": word}, headers=bob)) == [recall["id"]]
    assert api.patch(path, json={"status": "booked"}, headers=bob).status_code == 403
    assert api.delete(path, headers=bob).status_code == 403
    assert api.get(path, headers=ann).json()["status"] == "waiting"
    edited = api.patch(path, json={"due_on": "2032-07-01"}, headers=ann)
    assert edited.status_code == 200
    assert edited.json()["due_on"] == "2032-07-01"
    assert edited.json()["patient_name"] == f"Fred {word}"
    assert edited.json()["notes"] == "prefers mornings"
    assert edited.json()["status"] == "waiting"
    assert api.delete(path, headers=ann).status_code == 204
    assert api.get(path, headers=ann).status_code == 404


def test_contact_by_anyone_then_409(api: httpx.Client) -> None:
    ann, bob = _staff(api), _staff(api, "Bob Phone")
    recall = _recall(api, ann, f"Gina {_word()}")
    contacted = api.post(f"/recalls/{recall['id']}/contact", headers=bob)
    assert contacted.status_code == 200
    body = contacted.json()
    assert body["status"] == "contacted"
    assert body["contacted_by"] == "Bob Phone"
    assert body["contacted_at"] is not None
    again = api.post(f"/recalls/{recall['id']}/contact", headers=ann)
    assert again.status_code == 409
    after = api.get(f"/recalls/{recall['id']}", headers=ann).json()
    assert after["status"] == "contacted" and after["contacted_by"] == "Bob Phone"


def test_contact_on_a_booked_recall_is_409(api: httpx.Client) -> None:
    me = _staff(api)
    recall = _recall(api, me, f"Hal {_word()}")
    booked = api.patch(f"/recalls/{recall['id']}", json={"status": "booked"}, headers=me)
    assert booked.status_code == 200 and booked.json()["status"] == "booked"
    assert api.post(f"/recalls/{recall['id']}/contact", headers=me).status_code == 409
    assert api.get(f"/recalls/{recall['id']}", headers=me).json()["status"] == "booked"


def test_default_order_is_soonest_due_and_other_sorts(api: httpx.Client) -> None:
    me = _staff(api)
    word = _word()
    zed = _recall(api, me, f"Zed {word}", "2032-09-01")
    amy = _recall(api, me, f"Amy {word}", "2032-11-01")
    max_ = _recall(api, me, f"Max {word}", "2032-08-01")
    twin = _recall(api, me, f"Ben {word}", "2032-08-01")
    assert _ids(api.get("/recalls", params={"q": word}, headers=me)) == [
        max_["id"],
        twin["id"],
        zed["id"],
        amy["id"],
    ]
    newest = _ids(api.get("/recalls", params={"q": word, "sort": "-due_on"}, headers=me))
    assert newest[:2] == [amy["id"], zed["id"]]
    assert set(newest[2:]) == {max_["id"], twin["id"]}
    by_name = api.get("/recalls", params={"q": word, "sort": "patient_name"}, headers=me)
    assert _ids(by_name) == [amy["id"], twin["id"], max_["id"], zed["id"]]


def test_filters_status_reason_dates_and_q(api: httpx.Client) -> None:
    me = _staff(api)
    word = _word()
    a = _recall(api, me, f"Ivy {word}", "2033-01-10", "xray")
    b = _recall(api, me, f"Jon {word}", "2033-01-20", "cleaning")
    c = _recall(api, me, f"Kim {word}", "2033-01-31", "xray")
    d = _recall(api, me, f"Lou {word}", "2033-02-01", "checkup")
    api.patch(f"/recalls/{c['id']}", json={"status": "booked"}, headers=me)

    def ids(**params) -> list[int]:
        return _ids(api.get("/recalls", params={"q": word.lower(), **params}, headers=me))

    assert ids() == [a["id"], b["id"], c["id"], d["id"]]
    assert ids(reason="xray") == [a["id"], c["id"]]
    assert ids(status="booked") == [c["id"]]
    assert ids(status="waiting") == [a["id"], b["id"], d["id"]]
    assert ids(**{"from": "2033-01-20", "to": "2033-01-31"}) == [b["id"], c["id"]]
    assert ids(**{"from": "2033-01-31"}) == [c["id"], d["id"]]
    assert ids(to="2033-01-10") == [a["id"]]
    assert ids(reason="xray", status="waiting") == [a["id"]]
    assert _ids(api.get("/recalls", params={"q": f"ivy {word.upper()}"}, headers=me)) == [a["id"]]


def test_mine_only_shows_what_i_added(api: httpx.Client) -> None:
    ann, bob = _staff(api), _staff(api)
    word = _word()
    a = _recall(api, ann, f"Mia {word}", "2032-04-01")
    b = _recall(api, bob, f"Ned {word}", "2032-04-02")
    assert _ids(api.get("/recalls", params={"q": word}, headers=ann)) == [a["id"], b["id"]]
    assert _ids(api.get("/recalls", params={"q": word, "mine": "true"}, headers=ann)) == [a["id"]]
    assert _ids(api.get("/recalls", params={"q": word, "mine": "true"}, headers=bob)) == [b["id"]]


def test_limit_and_offset(api: httpx.Client) -> None:
    me = _staff(api)
    word = _word()
    made = [_recall(api, me, f"P{n} {word}", f"2034-03-0{n}") for n in range(1, 6)]
    ids = [r["id"] for r in made]
    assert _ids(api.get("/recalls", params={"q": word, "limit": 2}, headers=me)) == ids[:2]
    page = api.get("/recalls", params={"q": word, "limit": 2, "offset": 2}, headers=me)
    assert _ids(page) == ids[2:4]
    assert _ids(api.get("/recalls", params={"q": word, "offset": 4}, headers=me)) == ids[4:]


def test_letter_is_html_with_escaped_name(api: httpx.Client) -> None:
    me = _staff(api)
    word = _word()
    recall = _recall(api, me, f"<b>Olga</b> {word}", "2032-12-24")
    letter = api.get(f"/recalls/{recall['id']}/letter", headers=me)
    assert letter.status_code == 200
    assert letter.headers["content-type"].startswith("text/html")
    assert "&lt;b&gt;Olga&lt;/b&gt;" in letter.text
    assert "<b>Olga</b>" not in letter.text
    assert word in letter.text
    assert "2032-12-24" in letter.text


def test_unknown_recall_is_404(api: httpx.Client) -> None:
    me = _staff(api)
    missing = "/recalls/987654321"
    assert api.get(missing, headers=me).status_code == 404
    assert api.patch(missing, json={"status": "booked"}, headers=me).status_code == 404
    assert api.delete(missing, headers=me).status_code == 404
    assert api.post(f"{missing}/contact", headers=me).status_code == 404
    assert api.get(f"{missing}/letter", headers=me).status_code == 404
