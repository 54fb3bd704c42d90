"""Records people join, ids that link records of another collection, and dates derived from
nested records: two documents of our own (tests/contract/documents/workshops.md, aquarium.md),
planned, then generated and booted in the sandbox and called as two ordinary users would."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from pipeline.contract import openapi_document, plan_operations
from tests.contract.booted import served

DOCUMENTS = Path(__file__).resolve().parent / "documents"


def _text(name: str) -> str:
    return (DOCUMENTS / name).read_text(encoding="utf-8")


def _plans(name: str) -> dict[str, dict]:
    document = openapi_document(_text(name))
    assert document is not None
    return plan_operations(document)


def test_a_bodyless_post_below_an_item_naming_its_list_is_a_join() -> None:
    plans = _plans("workshops.md")
    assert plans["POST /workshops/{workshopId}/attendees"]["pattern"] == "join"
    assert plans["DELETE /workshops/{workshopId}/attendees/me"]["pattern"] == "leave"
    assert plans["GET /workshops/{workshopId}/attendees"]["pattern"] == "members"
    listed = plans["GET /workshops"]
    assert listed["left"] == {"places_left": "places"}
    assert listed["owner_fields"] == ["host_id"] and listed["shared"]
    assert "venue" in listed["casefold"]
    follow = plans["POST /workshops/{workshopId}/follow"]
    assert (follow["pattern"], follow["field"]) == ("join", "+follow")
    assert plans["DELETE /workshops/{workshopId}/follow"]["pattern"] == "leave"
    assert listed["member_counts"] == {
        "follower_count": "+follow",
        "volunteer_count": "#volunteers",
    }
    assert plans["POST /workshops/{workshopId}/volunteers"]["pattern"] == "join"


def test_ids_in_a_body_link_records_and_nested_dates_are_derived() -> None:
    plans = _plans("aquarium.md")
    assert plans["PUT /shows/{title}"]["links"] == {
        "tank_ids": {"collection": "/tanks", "id_type": "integer", "as": "tanks"}
    }
    assert plans["GET /shows/{title}"]["links"]["tank_ids"]["as"] == "tanks"
    listed = plans["GET /tanks"]
    assert listed["latest"] == {
        "last_fed": {"collection": "/tanks/{}/feedings", "field": "given_on"}
    }
    assert listed["next"] == {"next_feeding": ["last_fed", "feed_every_days"]}
    assert listed["due"] == {"hungry": "next_feeding"}
    assert plans["POST /tanks/{tankId}/feedings"]["today"] == ["given_on"]
    assert plans["POST /tanks/import"]["pattern"] == "import"  # a CSV file in a multipart form


def _member(app: httpx.Client, **login: str) -> tuple[dict[str, str], dict]:
    name = uuid.uuid4().hex[:8]
    body = {"handle": name, "email": f"{name}@example.com", "password": "long-enough-1"}
    body = {k: v for k, v in body.items() if not login or k in login or k == "password"} | login
    made = app.post("/accounts" if "email" in body else "/register", json=body)
    assert made.status_code == 201, made.text
    sign_in = {k: v for k, v in body.items() if k in ("email", "username", "password")}
    token = app.post("/sessions" if "email" in body else "/login", json=sign_in)
    assert token.status_code == 200, token.text
    person = made.json() if made.content else {}
    return {"Authorization": f"Bearer {token.json()['access_token']}"}, person


@pytest.fixture(scope="module")
def workshops() -> Iterator[httpx.Client]:
    with served(_text("workshops.md")) as app:
        yield app


@pytest.fixture(scope="module")
def aquarium() -> Iterator[httpx.Client]:
    with served(_text("aquarium.md")) as app:
        yield app


def _announce(app: httpx.Client, who: dict[str, str], **fields: object) -> dict:
    body = {"topic": "Soldering", "venue": "Hall B", "starts_at": "2027-03-02T18:00:00Z"}
    made = app.post("/workshops", json={**body, "places": 2, **fields}, headers=who)
    assert made.status_code == 201, made.text
    return made.json()


def test_members_join_once_until_full_and_leave(workshops: httpx.Client) -> None:
    host, host_person = _member(workshops)
    ann, ann_person = _member(workshops)
    ben, _ = _member(workshops)
    cy, _ = _member(workshops)
    shop = _announce(workshops, host, places=2)
    assert shop["host_id"] == host_person["id"] and shop["places_left"] == 2
    assert shop["attendees"] == []
    path = f"/workshops/{shop['id']}/attendees"
    assert workshops.post(path, headers=host).status_code == 403
    joined = workshops.post(path, headers=ann)
    assert joined.status_code == 201 and joined.json()["places_left"] == 1
    assert joined.json()["attendees"] == [{"id": ann_person["id"], "handle": ann_person["handle"]}]
    assert workshops.post(path, headers=ann).status_code == 409
    assert workshops.post(path, headers=ben).status_code == 201
    assert workshops.post(path, headers=cy).status_code == 409  # full
    assert [p["id"] for p in workshops.get(path, headers=cy).json()][0] == ann_person["id"]
    assert workshops.delete(f"{path}/me", headers=ann).status_code == 204
    assert workshops.delete(f"{path}/me", headers=ann).status_code == 404
    assert workshops.get(f"/workshops/{shop['id']}", headers=cy).json()["places_left"] == 1
    assert workshops.post("/workshops/987654/attendees", headers=cy).status_code == 404


def test_list_filters_by_day_any_case_and_free_places(workshops: httpx.Client) -> None:
    host, _ = _member(workshops)
    guest, _ = _member(workshops)
    venue = f"Room{uuid.uuid4().hex[:6]}"
    full = _announce(workshops, host, venue=venue, places=1, starts_at="2027-04-01T19:00:00Z")
    free = _announce(workshops, host, venue=venue, starts_at="2027-04-02T18:00:00Z")
    workshops.post(f"/workshops/{full['id']}/attendees", headers=guest)

    def ids(**params: object) -> list[int]:
        listed = workshops.get("/workshops", params=params, headers=guest)
        assert listed.status_code == 200, listed.text
        return [w["id"] for w in listed.json()]

    assert ids(venue=venue.upper()) == [full["id"], free["id"]]
    assert ids(venue=venue, has_places="true") == [free["id"]]
    assert ids(venue=venue, day="2027-04-01") == [full["id"]]


def test_only_the_host_calls_a_workshop_off(workshops: httpx.Client) -> None:
    host, _ = _member(workshops)
    other, _ = _member(workshops)
    shop = _announce(workshops, host)
    assert workshops.delete(f"/workshops/{shop['id']}", headers=other).status_code == 403
    assert workshops.delete(f"/workshops/{shop['id']}", headers=host).status_code == 204


def test_last_and_next_dates_come_from_the_nested_records(aquarium: httpx.Client) -> None:
    me, _ = _member(aquarium, username=uuid.uuid4().hex[:8])
    sent = {"label": "Reef", "feed_every_days": 4, "last_fed": "2001-01-01"}
    tank = aquarium.post("/tanks", json=sent, headers=me).json()
    assert tank["last_fed"] is None and tank["next_feeding"] is None
    feedings = f"/tanks/{tank['id']}/feedings"
    aquarium.post(feedings, json={"given_on": "2027-01-10", "grams": 2}, headers=me)
    aquarium.post(feedings, json={"given_on": "2027-01-03", "grams": 1}, headers=me)
    got = aquarium.get(f"/tanks/{tank['id']}", headers=me).json()
    assert (got["last_fed"], got["next_feeding"]) == ("2027-01-10", "2027-01-14")
    today = aquarium.post(feedings, json={"grams": 3}, headers=me).json()["given_on"]
    near = {(dt.date.today() + dt.timedelta(days=d)).isoformat() for d in (-1, 0, 1)}
    assert today in near


def test_a_due_filter_keeps_never_done_and_overdue_records(aquarium: httpx.Client) -> None:
    me, _ = _member(aquarium, username=uuid.uuid4().hex[:8])
    never = aquarium.post("/tanks", json={"label": "A", "feed_every_days": 2}, headers=me).json()
    late = aquarium.post("/tanks", json={"label": "B", "feed_every_days": 2}, headers=me).json()
    fed = aquarium.post("/tanks", json={"label": "C", "feed_every_days": 20}, headers=me).json()
    aquarium.post(f"/tanks/{late['id']}/feedings", json={"given_on": "2020-01-01"}, headers=me)
    aquarium.post(f"/tanks/{fed['id']}/feedings", json={}, headers=me)
    hungry = aquarium.get("/tanks", params={"hungry": "true"}, headers=me).json()
    assert [t["id"] for t in hungry] == [never["id"], late["id"]]
    assert len(aquarium.get("/tanks", headers=me).json()) == 3


def test_ids_in_a_body_name_the_callers_records_shown_in_order(aquarium: httpx.Client) -> None:
    me, _ = _member(aquarium, username=uuid.uuid4().hex[:8])
    other, _ = _member(aquarium, username=uuid.uuid4().hex[:8])
    one = aquarium.post("/tanks", json={"label": "One", "feed_every_days": 2}, headers=me).json()
    two = aquarium.post("/tanks", json={"label": "Two", "feed_every_days": 2}, headers=me).json()
    title = uuid.uuid4().hex[:8]
    shown = aquarium.put(f"/shows/{title}", json={"tank_ids": [two["id"], one["id"]]}, headers=me)
    assert shown.status_code == 200, shown.text
    assert [t["label"] for t in shown.json()["tanks"]] == ["Two", "One"]
    assert [t["label"] for t in aquarium.get(f"/shows/{title}").json()["tanks"]] == ["Two", "One"]
    unknown = aquarium.put(f"/shows/{title}", json={"tank_ids": [987654]}, headers=me)
    assert unknown.status_code == 400
    theirs = aquarium.put(f"/shows/{title}x", json={"tank_ids": [one["id"]]}, headers=other)
    assert theirs.status_code == 400  # another keeper's tank is not theirs to show


def test_a_csv_file_sent_as_a_form_imports_its_rows(aquarium: httpx.Client) -> None:
    me, _ = _member(aquarium, username=uuid.uuid4().hex[:8])
    sent = "label,feed_every_days\nNano,3\nPond,7\n"
    files = {"file": ("tanks.csv", sent.encode(), "text/csv")}
    imported = aquarium.post("/tanks/import", files=files, headers=me)
    assert imported.status_code == 200 and imported.json() == {"imported": 2}
    assert sorted(t["label"] for t in aquarium.get("/tanks", headers=me).json()) == ["Nano", "Pond"]
    bad = {"file": ("tanks.csv", b"label,feed_every_days\nNano,often\n", "text/csv")}
    assert aquarium.post("/tanks/import", files=bad, headers=me).status_code == 400


def test_a_cursor_answered_by_a_page_starts_the_next(aquarium: httpx.Client) -> None:
    me, _ = _member(aquarium, username=uuid.uuid4().hex[:8])
    tank = aquarium.post("/tanks", json={"label": "Q", "feed_every_days": 2}, headers=me).json()
    feedings = f"/tanks/{tank['id']}/feedings"
    for grams in (1, 2, 3):
        aquarium.post(feedings, json={"grams": grams}, headers=me)
    first = aquarium.get(feedings, params={"limit": 2}, headers=me).json()
    assert [f["grams"] for f in first["items"]] == [1, 2] and first["next_cursor"]
    cursor = first["next_cursor"]
    last = aquarium.get(feedings, params={"limit": 2, "cursor": cursor}, headers=me).json()
    assert [f["grams"] for f in last["items"]] == [3] and last["next_cursor"] is None


def test_following_by_a_verb_counts_each_caller_once(workshops: httpx.Client) -> None:
    host, _ = _member(workshops)
    fan, _ = _member(workshops)
    shop = _announce(workshops, host)
    assert shop["follower_count"] == 0
    path = f"/workshops/{shop['id']}/follow"
    assert workshops.post(path, headers=fan).json()["follower_count"] == 1
    assert workshops.post(path, headers=fan).json()["follower_count"] == 1  # once
    got = workshops.get(f"/workshops/{shop['id']}", headers=host).json()
    assert got["follower_count"] == 1 and got["places_left"] == 2  # following takes no place
    assert workshops.delete(path, headers=fan).status_code == 204
    assert workshops.delete(path, headers=fan).status_code == 404


def test_a_join_answering_its_own_shape_says_who_joined_what(workshops: httpx.Client) -> None:
    host, _ = _member(workshops)
    helper, helper_person = _member(workshops)
    shop = _announce(workshops, host, places=1)
    path = f"/workshops/{shop['id']}/volunteers"
    made = workshops.post(path, headers=helper)
    assert made.status_code == 201, made.text
    body = made.json()
    assert (body["workshop_id"], body["volunteer_id"]) == (shop["id"], helper_person["id"])
    assert body["joined_at"]
    assert workshops.post(path, headers=helper).status_code == 409
    got = workshops.get(f"/workshops/{shop['id']}", headers=host).json()
    assert got["volunteer_count"] == 1 and got["places_left"] == 1  # helping takes no place
