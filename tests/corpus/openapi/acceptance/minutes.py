"""Acceptance tests for minutes.md, written from the document and its prose before generating.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")
PASSWORD = "monday-again-42"


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _word() -> str:
    """A word no other test puts in a title, so `q` isolates this test's meetings."""
    return f"mw{uuid.uuid4().hex[:10]}"


def _signup(api: httpx.Client, username: str | None = None) -> dict:
    body = {
        "username": username or f"u_{uuid.uuid4().hex[:12]}",
        "password": PASSWORD,
        "display_name": "Office Person",
    }
    response = api.post("/users", json=body)
    assert response.status_code == 201, response.text
    return body


def _user(api: httpx.Client) -> dict:
    """Signs a new user up and logs in; returns the username and the auth headers."""
    body = _signup(api)
    form = {"username": body["username"], "password": PASSWORD}
    response = api.post("/token", data=form)
    assert response.status_code == 200, response.text
    token = response.json()["access_token"]
    return {"username": body["username"], "h": {"Authorization": f"Bearer {token}"}}


def _meeting(api: httpx.Client, user: dict, title: str, held_on: str = "2031-02-03", **extra):
    body = {"title": title, "held_on": held_on, **extra}
    response = api.post("/meetings", json=body, headers=user["h"])
    assert response.status_code == 201, response.text
    return response.json()


def _action(api: httpx.Client, user: dict, meeting: dict, task: str = "send the slides") -> dict:
    body = {"task": task, "owner": "Priya"}
    response = api.post(f"/meetings/{meeting['id']}/actions", json=body, headers=user["h"])
    assert response.status_code == 201, response.text
    return response.json()


def _page(api: httpx.Client, user: dict, **params) -> dict:
    response = api.get("/meetings", params=params, headers=user["h"])
    assert response.status_code == 200, response.text
    body = response.json()
    assert isinstance(body["data"], list), response.text
    return body


def _ids(body: dict) -> list[int]:
    return [m["id"] for m in body["data"]]


def test_signup_answers_201_and_usernames_are_taken_ignoring_case(
    api: httpx.Client,
) -> None:
    name = f"Ana.B{uuid.uuid4().hex[:8]}"
    response = api.post(
        "/users", json={"username": name, "password": PASSWORD, "display_name": "Ana B"}
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert isinstance(body["id"], int) and body["username"] == name
    assert body["display_name"] == "Ana B" and "password" not in body
    again = {
        "username": name.lower(),
        "password": PASSWORD,
        "display_name": "Other Ana",
    }
    assert api.post("/users", json=again).status_code == 409


def test_token_is_a_form_login_and_a_wrong_password_is_401(api: httpx.Client) -> None:
    body = _signup(api)
    ok = api.post("/token", data={"username": body["username"], "password": PASSWORD})
    assert ok.status_code == 200, ok.text
    assert ok.json()["token_type"].lower() == "bearer" and ok.json()["access_token"]
    bad = api.post("/token", data={"username": body["username"], "password": "wrong-pass-1"})
    assert bad.status_code == 401


def test_meetings_need_a_bearer_token(api: httpx.Client) -> None:
    assert api.get("/meetings").status_code == 401
    body = {"title": "x", "held_on": "2031-01-01"}
    assert api.post("/meetings", json=body).status_code == 401
    bogus = {"Authorization": "Bearer not-a-real-token"}
    assert api.get("/meetings", headers=bogus).status_code == 401


def test_a_new_meeting_has_defaults_creator_and_zero_counts(api: httpx.Client) -> None:
    alice = _user(api)
    made = _meeting(api, alice, f"Weekly sync {_word()}", "2031-02-03")
    assert isinstance(made["id"], int)
    assert made["kind"] == "other" and made["attendees"] == [] and made["notes"] is None
    assert made["created_by"] == alice["username"] and made["held_on"] == "2031-02-03"
    assert made["action_count"] == 0 and made["open_actions"] == 0
    got = api.get(f"/meetings/{made['id']}", headers=alice["h"])
    assert got.status_code == 200 and got.json()["title"] == made["title"]


def test_bad_meeting_bodies_are_422(api: httpx.Client) -> None:
    alice = _user(api)
    for body in (
        {"held_on": "2031-01-01"},
        {"title": "x", "held_on": "2031-01-01", "kind": "party"},
        {"title": "", "held_on": "2031-01-01"},
        {"title": "x", "held_on": "someday"},
    ):
        response = api.post("/meetings", json=body, headers=alice["h"])
        assert response.status_code == 422, (body, response.text)


def test_meetings_are_shared_but_only_the_creator_edits_or_deletes(
    api: httpx.Client,
) -> None:
    alice, bob = _user(api), _user(api)
    made = _meeting(api, alice, f"Budget {_word()}", kind="planning")
    seen = api.get(f"/meetings/{made['id']}", headers=bob["h"])
    assert seen.status_code == 200 and seen.json()["created_by"] == alice["username"]
    edit = api.patch(f"/meetings/{made['id']}", json={"title": "hijacked"}, headers=bob["h"])
    assert edit.status_code == 403, edit.text
    assert api.delete(f"/meetings/{made['id']}", headers=bob["h"]).status_code == 403
    kept = api.get(f"/meetings/{made['id']}", headers=alice["h"])
    assert kept.status_code == 200 and kept.json()["title"] == made["title"]


def test_patch_changes_only_what_is_sent(api: httpx.Client) -> None:
    alice = _user(api)
    made = _meeting(
        api,
        alice,
        f"Retro {_word()}",
        kind="retro",
        attendees=["Ana", "Ben"],
        notes="went ok",
    )
    patched = api.patch(
        f"/meetings/{made['id']}", json={"held_on": "2031-02-10"}, headers=alice["h"]
    )
    assert patched.status_code == 200, patched.text
    body = patched.json()
    assert body["held_on"] == "2031-02-10" and body["title"] == made["title"]
    assert body["kind"] == "retro" and body["attendees"] == ["Ana", "Ben"]
    assert body["notes"] == "went ok"
    cleared = api.patch(f"/meetings/{made['id']}", json={"notes": None}, headers=alice["h"])
    assert cleared.status_code == 200 and cleared.json()["notes"] is None
    assert cleared.json()["kind"] == "retro"


def test_list_envelope_newest_first_with_pages(api: httpx.Client) -> None:
    alice, bob = _user(api), _user(api)
    word = _word()
    old = _meeting(api, alice, f"Standup {word}", "2031-03-01")
    new = _meeting(api, bob, f"Standup {word}", "2031-03-09")
    mid = _meeting(api, alice, f"Standup {word}", "2031-03-05")
    body = _page(api, bob, q=word)
    assert _ids(body) == [new["id"], mid["id"], old["id"]]
    assert body["meta"]["total"] == 3 and body["meta"]["page"] == 1
    assert body["meta"]["per_page"] == 10
    second = _page(api, bob, q=word, per_page=2, page=2)
    assert _ids(second) == [old["id"]]
    meta = second["meta"]
    assert meta["total"] == 3 and meta["page"] == 2 and meta["per_page"] == 2
    first = _page(api, bob, q=word, per_page=2)
    assert _ids(first) == [new["id"], mid["id"]] and first["meta"]["total"] == 3


def test_filters_kind_q_dates_and_mine(api: httpx.Client) -> None:
    alice, bob = _user(api), _user(api)
    word = _word()
    a = _meeting(api, alice, f"Sprint Planning {word}", "2031-04-01", kind="planning")
    b = _meeting(api, bob, f"sprint review {word}", "2031-04-08", kind="review")
    c = _meeting(api, alice, f"Coffee chat {word}", "2031-04-15")
    assert _ids(_page(api, alice, q=word, kind="planning")) == [a["id"]]
    assert _ids(_page(api, alice, q=word.upper())) == [c["id"], b["id"], a["id"]]
    assert _ids(_page(api, alice, q=f"SPRINT REVIEW {word}")) == [b["id"]]
    ranged = _page(api, alice, q=word, **{"from": "2031-04-01", "to": "2031-04-08"})
    assert _ids(ranged) == [b["id"], a["id"]] and ranged["meta"]["total"] == 2
    assert _ids(_page(api, alice, q=word, **{"from": "2031-04-08"})) == [
        c["id"],
        b["id"],
    ]
    mine = _page(api, alice, q=word, mine="true")
    assert _ids(mine) == [c["id"], a["id"]]
    assert _ids(_page(api, bob, q=word, mine="true")) == [b["id"]]


def test_sort_oldest_first_and_by_title(api: httpx.Client) -> None:
    alice = _user(api)
    word = _word()
    b = _meeting(api, alice, f"{word} Budget", "2031-05-09")
    c = _meeting(api, alice, f"{word} Catering", "2031-05-01")
    a = _meeting(api, alice, f"{word} Audit", "2031-05-05")
    assert _ids(_page(api, alice, q=word, sort="held_on")) == [
        c["id"],
        a["id"],
        b["id"],
    ]
    assert _ids(_page(api, alice, q=word, sort="title")) == [a["id"], b["id"], c["id"]]
    assert _ids(_page(api, alice, q=word, sort="-held_on")) == [
        b["id"],
        a["id"],
        c["id"],
    ]


def test_anyone_adds_actions_listed_in_order_and_counted(api: httpx.Client) -> None:
    alice, bob = _user(api), _user(api)
    meeting = _meeting(api, alice, f"Planning {_word()}")
    first = _action(api, bob, meeting, "book the room")
    assert isinstance(first["id"], int) and first["meeting_id"] == meeting["id"]
    assert first["task"] == "book the room" and first["owner"] == "Priya"
    assert first["done"] is False and first["due_on"] is None
    second = _action(api, alice, meeting, "order pizza")
    path = f"/meetings/{meeting['id']}/actions"
    listed = api.get(path, headers=bob["h"])
    assert listed.status_code == 200 and isinstance(listed.json(), list)
    assert [a["id"] for a in listed.json()] == [first["id"], second["id"]]
    got = api.get(f"/meetings/{meeting['id']}", headers=bob["h"]).json()
    assert got["action_count"] == 2 and got["open_actions"] == 2


def test_ticking_an_action_off_is_200_then_409(api: httpx.Client) -> None:
    alice, bob = _user(api), _user(api)
    meeting = _meeting(api, alice, f"Review {_word()}")
    other = _meeting(api, alice, f"Other {_word()}")
    first = _action(api, alice, meeting, "write report")
    second = _action(api, alice, meeting, "email client")
    done_path = f"/meetings/{meeting['id']}/actions/{first['id']}/done"
    done = api.post(done_path, headers=bob["h"])
    assert done.status_code == 200, done.text
    assert done.json()["done"] is True and done.json()["id"] == first["id"]
    assert api.post(done_path, headers=bob["h"]).status_code == 409
    got = api.get(f"/meetings/{meeting['id']}", headers=alice["h"]).json()
    assert got["action_count"] == 2 and got["open_actions"] == 1
    path = f"/meetings/{meeting['id']}/actions"
    open_ = api.get(path, params={"done": "false"}, headers=alice["h"]).json()
    assert [a["id"] for a in open_] == [second["id"]]
    finished = api.get(path, params={"done": "true"}, headers=alice["h"]).json()
    assert [a["id"] for a in finished] == [first["id"]]
    wrong_meeting = f"/meetings/{other['id']}/actions/{second['id']}/done"
    assert api.post(wrong_meeting, headers=alice["h"]).status_code == 404
    unknown = f"/meetings/{meeting['id']}/actions/987654321/done"
    assert api.post(unknown, headers=alice["h"]).status_code == 404


def test_delete_is_409_while_actions_are_open_then_204_and_gone(
    api: httpx.Client,
) -> None:
    alice = _user(api)
    meeting = _meeting(api, alice, f"Offsite {_word()}")
    action = _action(api, alice, meeting)
    path = f"/meetings/{meeting['id']}"
    assert api.delete(path, headers=alice["h"]).status_code == 409
    assert api.get(path, headers=alice["h"]).status_code == 200
    api.post(f"{path}/actions/{action['id']}/done", headers=alice["h"])
    assert api.delete(path, headers=alice["h"]).status_code == 204
    assert api.get(path, headers=alice["h"]).status_code == 404
    assert api.get(f"{path}/actions", headers=alice["h"]).status_code == 404
    assert api.get(f"{path}/minutes", headers=alice["h"]).status_code == 404
    assert api.get("/meetings/987654321", headers=alice["h"]).status_code == 404


def test_minutes_page_is_html_with_user_text_escaped(api: httpx.Client) -> None:
    alice, bob = _user(api), _user(api)
    word = _word()
    meeting = _meeting(
        api,
        alice,
        f"<script>alert(1)</script> Board {word}",
        attendees=["Tom & Jerry"],
        notes="<b>loud</b> discussion",
    )
    _action(api, bob, meeting, "fix <i>printer</i>")
    response = api.get(f"/meetings/{meeting['id']}/minutes", headers=bob["h"])
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert word in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert "<b>loud</b>" not in page and "&lt;b&gt;loud&lt;/b&gt;" in page
    assert "<i>printer</i>" not in page and "&lt;i&gt;printer&lt;/i&gt;" in page
    assert "Tom &amp; Jerry" in page
