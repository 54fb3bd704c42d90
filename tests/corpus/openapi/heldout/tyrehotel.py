"""Acceptance tests for tyrehotel.md, written from the document and its prose only.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import datetime as dt
import os
import random
import uuid
from collections.abc import Iterator

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")
ADMIN = {"X-Garage-Admin": "torque-wrench-42"}


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _word() -> str:
    """Seven upper-case hex characters: a plate prefix only this test uses, for `q`."""
    return uuid.uuid4().hex[:7].upper()


def _today_candidates() -> set[str]:
    return {dt.date.today().isoformat(), dt.datetime.now(dt.UTC).date().isoformat()}


def _store(
    api: httpx.Client,
    plate: str,
    customer: str = "Anna Nowak",
    season: str = "winter",
    size: str = "205/55R16",
    stored_on: str = "2031-10-15",
    **extra,
) -> dict:
    body = {
        "plate": plate,
        "customer": customer,
        "season": season,
        "size": size,
        "stored_on": stored_on,
        **extra,
    }
    response = api.post("/sets", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _ids(api: httpx.Client, **params) -> list[int]:
    response = api.get("/sets", params=params)
    assert response.status_code == 200, response.text
    assert isinstance(response.json(), list)
    return [s["id"] for s in response.json()]


def test_a_new_set_is_stored_with_defaults(api: httpx.Client) -> None:
    plate = f"{_word()}A"
    made = _store(api, plate, "Jan Kowal", "summer", "195/65R15", "2031-04-02", phone="+48 600")
    assert isinstance(made["id"], int)
    assert made["plate"] == plate and made["customer"] == "Jan Kowal"
    assert made["season"] == "summer" and made["size"] == "195/65R15"
    assert made["stored_on"] == "2031-04-02" and made["phone"] == "+48 600"
    assert made["status"] == "stored" and made["quantity"] == 4
    assert made["rack"] is None and made["tread_mm"] is None and made["released_on"] is None
    got = api.get(f"/sets/{made['id']}")
    assert got.status_code == 200 and got.json()["plate"] == plate


def test_invalid_input_is_400(api: httpx.Client) -> None:
    good = {
        "plate": f"{_word()}B",
        "customer": "Ewa",
        "season": "winter",
        "size": "225/45R17",
        "stored_on": "2031-11-01",
    }
    for bad in (
        {"plate": "ab1234"},
        {"plate": "AB 1234"},
        {"plate": "A"},
        {"size": "225/45 R17"},
        {"quantity": 7},
        {"quantity": 0},
        {"season": "spring"},
        {"tread_mm": 13},
        {"stored_on": "yesterday"},
    ):
        assert api.post("/sets", json={**good, **bad}).status_code == 400, bad
    no_date = {k: v for k, v in good.items() if k != "stored_on"}
    assert api.post("/sets", json=no_date).status_code == 400
    assert api.get("/sets", params={"sort": "customer"}).status_code == 400
    assert _ids(api, q=good["plate"]) == []


def test_one_stored_set_per_plate(api: httpx.Client) -> None:
    plate = f"{_word()}C"
    first = _store(api, plate, season="winter")
    again = {
        "plate": plate,
        "customer": "Anna Nowak",
        "season": "summer",
        "size": "205/55R16",
        "stored_on": "2031-10-20",
    }
    assert api.post("/sets", json=again).status_code == 409
    assert api.post(f"/sets/{first['id']}/release").status_code == 200
    second = api.post("/sets", json=again)
    assert second.status_code == 201 and second.json()["status"] == "stored"
    assert sorted(_ids(api, q=plate)) == sorted([first["id"], second.json()["id"]])


def test_list_is_a_bare_array_by_plate_with_paging(api: httpx.Client) -> None:
    word = _word()
    c = _store(api, f"{word}C")
    a = _store(api, f"{word}A")
    b = _store(api, f"{word}B")
    assert _ids(api, q=word) == [a["id"], b["id"], c["id"]]
    assert _ids(api, q=word, sort="plate") == [a["id"], b["id"], c["id"]]
    assert _ids(api, q=word, per_page=2) == [a["id"], b["id"]]
    assert _ids(api, q=word, page=2, per_page=2) == [c["id"]]
    assert _ids(api, q=word, page=3, per_page=2) == []


def test_q_matches_plate_or_customer_ignoring_case(api: httpx.Client) -> None:
    word = _word()
    by_plate = _store(api, f"{word}P", customer="Piotr Zielinski")
    by_name = _store(api, f"{_word()}Q", customer=f"Marta {word}")
    _store(api, f"{_word()}R", customer="Someone Else")
    assert sorted(_ids(api, q=word.lower())) == sorted([by_plate["id"], by_name["id"]])
    assert _ids(api, q=f"marta {word.lower()}") == [by_name["id"]]


def test_season_status_and_sort_by_stored_on(api: httpx.Client) -> None:
    word = _word()
    mid = _store(api, f"{word}A", season="winter", stored_on="2032-03-10")
    old = _store(api, f"{word}B", season="summer", stored_on="2032-01-05")
    new = _store(api, f"{word}C", season="all_season", stored_on="2032-06-30")
    assert _ids(api, q=word, sort="stored_on") == [old["id"], mid["id"], new["id"]]
    assert _ids(api, q=word, sort="-stored_on") == [new["id"], mid["id"], old["id"]]
    assert _ids(api, q=word, season="summer") == [old["id"]]
    assert api.post(f"/sets/{mid['id']}/release").status_code == 200
    assert _ids(api, q=word, status="released") == [mid["id"]]
    assert _ids(api, q=word, status="stored") == [old["id"], new["id"]]
    assert _ids(api, q=word) == [mid["id"], old["id"], new["id"]]


def test_tread_and_stored_date_filters_are_inclusive(api: httpx.Client) -> None:
    word = _word()
    worn = _store(api, f"{word}A", tread_mm=3.0, stored_on="2033-01-01")
    half = _store(api, f"{word}B", tread_mm=5.5, stored_on="2033-01-02")
    fresh = _store(api, f"{word}C", tread_mm=8.0, stored_on="2033-01-03")
    unknown = _store(api, f"{word}D", stored_on="2033-01-04")
    assert _ids(api, q=word, min_tread=5.5) == [half["id"], fresh["id"]]
    assert _ids(api, q=word, max_tread=5.5) == [worn["id"], half["id"]]
    assert _ids(api, q=word, min_tread=0) == [worn["id"], half["id"], fresh["id"]]
    window = {"stored_from": "2033-01-02", "stored_to": "2033-01-03"}
    assert _ids(api, q=word, **window) == [half["id"], fresh["id"]]
    assert _ids(api, q=word, stored_from="2033-01-04") == [unknown["id"]]
    assert _ids(api, q=word, stored_to="2033-01-01") == [worn["id"]]


def test_patch_changes_only_what_is_sent_until_released(api: httpx.Client) -> None:
    made = _store(api, f"{_word()}K", customer="Olga Nowak", quantity=5, phone="123")
    patched = api.patch(f"/sets/{made['id']}", json={"rack": "B3", "tread_mm": 6.5})
    assert patched.status_code == 200
    body = patched.json()
    assert body["rack"] == "B3" and body["tread_mm"] == pytest.approx(6.5)
    assert body["customer"] == "Olga Nowak" and body["quantity"] == 5 and body["phone"] == "123"
    assert body["plate"] == made["plate"] and body["status"] == "stored"
    assert api.patch(f"/sets/{made['id']}", json={"tread_mm": 20}).status_code == 400
    assert api.post(f"/sets/{made['id']}/release").status_code == 200
    assert api.patch(f"/sets/{made['id']}", json={"rack": "C1"}).status_code == 409
    assert api.get(f"/sets/{made['id']}").json()["rack"] == "B3"


def test_release_once(api: httpx.Client) -> None:
    made = _store(api, f"{_word()}R")
    released = api.post(f"/sets/{made['id']}/release")
    assert released.status_code == 200
    assert released.json()["status"] == "released"
    assert released.json()["released_on"] in _today_candidates()
    assert api.post(f"/sets/{made['id']}/release").status_code == 409
    assert api.get(f"/sets/{made['id']}").json()["status"] == "released"


def test_delete_needs_the_admin_token(api: httpx.Client) -> None:
    made = _store(api, f"{_word()}D")
    assert api.delete(f"/sets/{made['id']}").status_code == 401
    wrong = {"X-Garage-Admin": "let-me-in"}
    assert api.delete(f"/sets/{made['id']}", headers=wrong).status_code == 403
    assert api.get(f"/sets/{made['id']}").status_code == 200
    assert api.delete(f"/sets/{made['id']}", headers=ADMIN).status_code == 204
    assert api.get(f"/sets/{made['id']}").status_code == 404
    assert api.delete(f"/sets/{made['id']}", headers=ADMIN).status_code == 404


def test_purge_removes_only_released_sets_stored_before_the_date(api: httpx.Client) -> None:
    word = _word()
    base = dt.date(1900, 1, 1) + dt.timedelta(days=random.randrange(0, 30_000))

    def on(days: int) -> str:
        return (base + dt.timedelta(days=days)).isoformat()

    old_released = _store(api, f"{word}A", stored_on=on(0))
    also_old = _store(api, f"{word}B", stored_on=on(2))
    still_stored = _store(api, f"{word}C", stored_on=on(0))
    on_the_day = _store(api, f"{word}D", stored_on=on(3))
    for made in (old_released, also_old, on_the_day):
        assert api.post(f"/sets/{made['id']}/release").status_code == 200
    body = {"stored_before": on(3)}
    assert api.post("/maintenance/purge", json=body).status_code == 401
    wrong = {"X-Garage-Admin": "nope"}
    assert api.post("/maintenance/purge", json=body, headers=wrong).status_code == 403
    assert len(_ids(api, q=word)) == 4
    purged = api.post("/maintenance/purge", json=body, headers=ADMIN)
    assert purged.status_code == 200
    assert purged.json()["deleted"] >= 2
    assert _ids(api, q=word) == [still_stored["id"], on_the_day["id"]]
    assert api.get(f"/sets/{old_released['id']}").status_code == 404


def test_label_is_plain_text_in_the_stated_lines(api: httpx.Client) -> None:
    plate = f"{_word()}L"
    made = _store(api, plate, "Anna Nowak", "winter", "205/55R16", quantity=4)
    response = api.get(f"/sets/{made['id']}/label")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    lines = [line.strip() for line in response.text.strip().splitlines()]
    assert lines == [plate, "Anna Nowak", "winter 205/55R16 x4"]
    api.patch(f"/sets/{made['id']}", json={"rack": "B3"})
    racked = api.get(f"/sets/{made['id']}/label")
    lines = [line.strip() for line in racked.text.strip().splitlines()]
    assert lines == [plate, "Anna Nowak", "winter 205/55R16 x4", "Rack: B3"]


def test_an_unknown_set_is_404(api: httpx.Client) -> None:
    assert api.get("/sets/987654321").status_code == 404
    assert api.patch("/sets/987654321", json={"rack": "A1"}).status_code == 404
    assert api.post("/sets/987654321/release").status_code == 404
    assert api.get("/sets/987654321/label").status_code == 404
    assert api.delete("/sets/987654321", headers=ADMIN).status_code == 404
