"""A booted app from a document of my own (tests/contract/documents/club.yaml) that joins by a
verb no word list knows ("POST|DELETE /events/{id}/seat") against a capacity it counts down
("seats_remaining"), keeps a ledger ("POST /wallets/{id}/entries" moving "credits", each entry
answering its "wallet_id"), and names the maker of a record by name ("posted_by") and by id
("owner_id"), counts a notice's versions (409 on a change based on an old one), and keeps one reaction per
member below a notice ("PUT /notices/{id}/reaction"), counted and averaged; an event's text
card has its title first and a line per listed item, and its HTML roster names who took a
seat, escaped."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.contract.booted import served

DOCUMENT = Path(__file__).resolve().parent / "documents" / "club.yaml"


@pytest.fixture(scope="module")
def club() -> Iterator[httpx.Client]:
    with served(DOCUMENT.read_text(encoding="utf-8")) as app:
        yield app


def _member(club: httpx.Client, name: str) -> tuple[int, dict[str, str]]:
    made = club.post("/members", json={"name": name})
    assert made.status_code == 201, made.text
    return made.json()["id"], {"X-Member-Key": made.json()["key"]}


def test_a_seat_is_taken_once_until_none_remain_and_given_back(club: httpx.Client) -> None:
    _, ann = _member(club, "Ann")
    _, bob = _member(club, "Bob")
    _, cy = _member(club, "Cy")
    event = club.post("/events", json={"title": "Quiz", "capacity": 2}, headers=ann).json()
    assert event["seats_remaining"] == 2
    seat = f"/events/{event['id']}/seat"
    assert club.post(seat, headers=bob).status_code == 201
    assert club.post(seat, headers=bob).status_code == 409
    assert club.post(seat, headers=cy).status_code == 201
    assert club.get(f"/events/{event['id']}", headers=ann).json()["seats_remaining"] == 0
    assert club.post(seat, headers=ann).status_code == 409
    assert club.delete(seat, headers=bob).status_code == 204
    assert club.delete(seat, headers=bob).status_code == 404
    assert club.get(f"/events/{event['id']}", headers=ann).json()["seats_remaining"] == 1


def test_the_maker_is_named_by_name_and_by_id(club: httpx.Client) -> None:
    ident, dot = _member(club, "Dot")
    event = club.post("/events", json={"title": "Walk", "capacity": 5}, headers=dot).json()
    assert event["posted_by"] == "Dot" and event["owner_id"] == ident


def test_ledger_entries_move_the_wallets_credits_never_below_zero(club: httpx.Client) -> None:
    _, eve = _member(club, "Eve")
    wallet = club.post("/wallets", json={"label": "snacks"}, headers=eve).json()
    assert wallet["credits"] == 0
    entries = f"/wallets/{wallet['id']}/entries"
    booked = club.post(entries, json={"change": 10}, headers=eve)
    assert booked.status_code == 201 and booked.json()["credits_after"] == 10
    assert booked.json()["wallet_id"] == wallet["id"]  # the parent an "{id}" path names
    assert club.post(entries, json={"change": -11}, headers=eve).status_code == 409
    assert club.post(entries, json={"change": -4}, headers=eve).json()["credits_after"] == 6
    assert club.get(f"/wallets/{wallet['id']}", headers=eve).json()["credits"] == 6
    assert club.delete(f"/wallets/{wallet['id']}", headers=eve).status_code == 409
    assert club.post(entries, json={"change": -6}, headers=eve).status_code == 201
    assert club.delete(f"/wallets/{wallet['id']}", headers=eve).status_code == 204


def test_a_notice_counts_its_versions_and_refuses_a_stale_base(club: httpx.Client) -> None:
    _, fay = _member(club, "Fay")
    notice = club.post("/notices", json={"text": "hi"}, headers=fay).json()
    assert notice["version"] == 1
    at = f"/notices/{notice['id']}"
    changed = club.patch(at, json={"text": "hello", "base_version": 1}, headers=fay)
    assert changed.status_code == 200 and changed.json()["version"] == 2
    assert club.patch(at, json={"text": "late", "base_version": 1}, headers=fay).status_code == 409
    assert club.patch(at, json={"text": "any"}, headers=fay).json()["version"] == 3


def test_a_reaction_is_one_per_member_counted_and_averaged(club: httpx.Client) -> None:
    _, gus = _member(club, "Gus")
    _, hal = _member(club, "Hal")
    _, ida = _member(club, "Ida")
    notice = club.post("/notices", json={"text": "party"}, headers=gus).json()
    assert notice["reaction_count"] == 0 and notice["mean_reaction"] is None
    at = f"/notices/{notice['id']}/reaction"
    assert club.put(at, json={"score": 3}, headers=gus).status_code == 403
    assert club.put(at, json={"score": 9}, headers=hal).status_code == 400
    first = club.put(at, json={"score": 1}, headers=hal)
    assert first.status_code == 200, first.text
    assert first.json() == {
        "notice_id": notice["id"],
        "score": 1,
        "reaction_count": 1,
        "mean_reaction": 1,
    }
    assert club.put(at, json={"score": 3}, headers=hal).json()["reaction_count"] == 1
    last = club.put(at, json={"score": 2}, headers=ida).json()
    assert last["reaction_count"] == 2 and last["mean_reaction"] == 2.5
    read = club.get(f"/notices/{notice['id']}").json()
    assert read["reaction_count"] == 2 and read["mean_reaction"] == 2.5


def test_an_events_card_is_text_with_its_title_first_and_a_line_per_listed_item(
    club: httpx.Client,
) -> None:
    _, jo = _member(club, "Jo")
    body = {"title": "Picnic", "capacity": 9, "bring": ["plates", "cups"]}
    event = club.post("/events", json=body, headers=jo).json()
    card = club.get(f"/events/{event['id']}/card", headers=jo)
    assert card.headers["content-type"].startswith("text/plain")
    lines = card.text.splitlines()
    assert lines[0] == "Picnic" and "- plates" in lines and "- cups" in lines and "9" in lines


def test_the_roster_names_who_took_a_seat_escaped(club: httpx.Client) -> None:
    _, kim = _member(club, "Kim")
    _, odd = _member(club, "<b>Odd</b>")
    event = club.post("/events", json={"title": "Choir", "capacity": 4}, headers=kim).json()
    assert club.post(f"/events/{event['id']}/seat", headers=odd).status_code == 201
    page = club.get(f"/events/{event['id']}/roster", headers=kim)
    assert page.headers["content-type"].startswith("text/html")
    assert "&lt;b&gt;Odd&lt;/b&gt;" in page.text and "<b>Odd</b>" not in page.text
