"""Acceptance tests for podcast.md, written from the document and its prose before generating.

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


def _slug() -> str:
    return f"show-{uuid.uuid4().hex[:12]}"


def _show(api: httpx.Client, **extra) -> dict:
    body = {"slug": _slug(), "title": "Night Shift Radio", **extra}
    response = api.post("/shows", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _episode(
    api: httpx.Client,
    show: dict,
    number: int,
    minutes: int = 30,
    published_on: str = "2024-03-01",
    title: str = "",
    **extra,
) -> dict:
    body = {
        "number": number,
        "title": title or f"Episode {number}",
        "minutes": minutes,
        "published_on": published_on,
        **extra,
    }
    response = api.post(f"/shows/{show['slug']}/episodes", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _numbers(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    assert isinstance(response.json(), list)
    return [episode["number"] for episode in response.json()]


def test_a_new_show_has_no_episodes_and_no_minutes(api: httpx.Client) -> None:
    show = _show(api, host="Mara Quill")
    assert show["title"] == "Night Shift Radio" and show["host"] == "Mara Quill"
    assert show["episode_count"] == 0 and show["total_minutes"] == 0
    got = api.get(f"/shows/{show['slug']}")
    assert got.status_code == 200 and got.json()["slug"] == show["slug"]


def test_a_taken_slug_is_409_and_a_bad_slug_is_422(api: httpx.Client) -> None:
    show = _show(api)
    assert api.post("/shows", json={"slug": show["slug"], "title": "Copy"}).status_code == 409
    bad = {"slug": f"Has Spaces {uuid.uuid4().hex[:6]}", "title": "Nope"}
    assert api.post("/shows", json=bad).status_code == 422
    assert api.post("/shows", json={"slug": _slug()}).status_code == 422


def test_an_episode_is_added_with_its_fields_and_empty_guests(api: httpx.Client) -> None:
    show = _show(api)
    episode = _episode(api, show, 1, 42, "2024-01-15", "Pilot")
    assert episode["number"] == 1 and episode["title"] == "Pilot"
    assert episode["minutes"] == 42 and episode["published_on"] == "2024-01-15"
    assert episode["guests"] == []


def test_computed_count_and_minutes_follow_the_episodes(api: httpx.Client) -> None:
    show = _show(api)
    _episode(api, show, 1, 40)
    _episode(api, show, 2, 35)
    got = api.get(f"/shows/{show['slug']}").json()
    assert got["episode_count"] == 2 and got["total_minutes"] == 75
    assert api.delete(f"/shows/{show['slug']}/episodes/1").status_code == 204
    got = api.get(f"/shows/{show['slug']}").json()
    assert got["episode_count"] == 1 and got["total_minutes"] == 35


def test_a_number_is_unique_within_its_show_only(api: httpx.Client) -> None:
    first, second = _show(api), _show(api)
    _episode(api, first, 1)
    again = {"number": 1, "title": "Again", "minutes": 20, "published_on": "2024-02-02"}
    assert api.post(f"/shows/{first['slug']}/episodes", json=again).status_code == 409
    assert _episode(api, second, 1)["number"] == 1


def test_invalid_episodes_are_422(api: httpx.Client) -> None:
    show = _show(api)
    url = f"/shows/{show['slug']}/episodes"
    good = {"number": 3, "title": "Fine", "minutes": 20, "published_on": "2024-02-02"}
    assert api.post(url, json={**good, "minutes": 0}).status_code == 422
    assert api.post(url, json={**good, "published_on": "not a date"}).status_code == 422
    assert api.post(url, json={k: v for k, v in good.items() if k != "title"}).status_code == 422


def test_episodes_are_listed_by_number_and_desc_reverses(api: httpx.Client) -> None:
    show = _show(api)
    for number in (3, 1, 2):
        _episode(api, show, number)
    assert _numbers(api.get(f"/shows/{show['slug']}/episodes")) == [1, 2, 3]
    desc = api.get(f"/shows/{show['slug']}/episodes", params={"order": "desc"})
    assert _numbers(desc) == [3, 2, 1]


def test_published_range_is_inclusive(api: httpx.Client) -> None:
    show = _show(api)
    _episode(api, show, 1, published_on="2024-01-31")
    _episode(api, show, 2, published_on="2024-02-01")
    _episode(api, show, 3, published_on="2024-02-29")
    _episode(api, show, 4, published_on="2024-03-01")
    window = {"published_from": "2024-02-01", "published_to": "2024-02-29"}
    assert _numbers(api.get(f"/shows/{show['slug']}/episodes", params=window)) == [2, 3]
    since = api.get(f"/shows/{show['slug']}/episodes", params={"published_from": "2024-02-29"})
    assert _numbers(since) == [3, 4]


def test_minutes_bounds_are_inclusive(api: httpx.Client) -> None:
    show = _show(api)
    for number, minutes in ((1, 20), (2, 30), (3, 45), (4, 60)):
        _episode(api, show, number, minutes)
    bounds = {"min_minutes": 30, "max_minutes": 45}
    assert _numbers(api.get(f"/shows/{show['slug']}/episodes", params=bounds)) == [2, 3]


def test_guest_filter_matches_a_whole_name_ignoring_case(api: httpx.Client) -> None:
    show = _show(api)
    _episode(api, show, 1, guests=["Ada Lovelace", "Alan Turing"])
    _episode(api, show, 2, guests=["Grace Hopper"])
    _episode(api, show, 3)
    url = f"/shows/{show['slug']}/episodes"
    assert _numbers(api.get(url, params={"guest": "alan turing"})) == [1]
    assert _numbers(api.get(url, params={"guest": "GRACE HOPPER"})) == [2]
    assert _numbers(api.get(url, params={"guest": "Grace"})) == []


def test_a_show_with_episodes_cannot_be_deleted(api: httpx.Client) -> None:
    show = _show(api)
    _episode(api, show, 1)
    assert api.delete(f"/shows/{show['slug']}").status_code == 409
    assert api.get(f"/shows/{show['slug']}").status_code == 200
    assert api.delete(f"/shows/{show['slug']}/episodes/1").status_code == 204
    assert api.delete(f"/shows/{show['slug']}").status_code == 204
    assert api.get(f"/shows/{show['slug']}").status_code == 404


def test_the_listing_is_plain_text_in_number_order(api: httpx.Client) -> None:
    show = _show(api)
    _episode(api, show, 12, 48, title="Deep Sea Radio")
    _episode(api, show, 3, 25, title="Static & Noise")
    listing = api.get(f"/shows/{show['slug']}/listing")
    assert listing.status_code == 200
    assert listing.headers["content-type"].startswith("text/plain")
    lines = [line for line in listing.text.splitlines() if line.strip()]
    assert lines == ["#3 Static & Noise (25 min)", "#12 Deep Sea Radio (48 min)"]


def test_unknown_show_or_episode_is_404(api: httpx.Client) -> None:
    missing = _slug()
    assert api.get(f"/shows/{missing}").status_code == 404
    assert api.get(f"/shows/{missing}/episodes").status_code == 404
    body = {"number": 1, "title": "Lost", "minutes": 10, "published_on": "2024-01-01"}
    assert api.post(f"/shows/{missing}/episodes", json=body).status_code == 404
    assert api.get(f"/shows/{missing}/listing").status_code == 404
    show = _show(api)
    assert api.delete(f"/shows/{show['slug']}/episodes/99").status_code == 404
