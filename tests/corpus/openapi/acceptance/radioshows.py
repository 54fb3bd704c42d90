"""Acceptance tests for radioshows.md, written from the document and its prose only.

Run against a served app: ACCEPTANCE_BASE_URL=http://127.0.0.1:8000 pytest <this file>
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

BASE_URL = os.environ.get("ACCEPTANCE_BASE_URL", "http://127.0.0.1:8000")
PASSWORD = "turn-it-up-99"


@pytest.fixture
def api() -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        yield client


def _handle() -> str:
    return f"dj_{uuid.uuid4().hex[:12]}"


@contextmanager
def _dj() -> Iterator[tuple[httpx.Client, str]]:
    """A client of its own holding a fresh DJ's `onair_sid` cookie, and the DJ's handle."""
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        handle = _handle()
        created = client.post("/djs", json={"handle": handle, "password": PASSWORD})
        assert created.status_code == 201, created.text
        login = client.post("/login", json={"handle": handle, "password": PASSWORD})
        assert login.status_code == 204, login.text
        assert "onair_sid" in client.cookies
        yield client, handle


def _show(dj: httpx.Client, title: str = "", aired_on: str = "2031-02-01", **extra) -> dict:
    body = {"title": title or f"Night Shift {uuid.uuid4().hex[:6]}", "aired_on": aired_on, **extra}
    response = dj.post("/shows", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _track(dj: httpx.Client, show: dict, artist: str, title: str, seconds: int = 200) -> dict:
    body = {"artist": artist, "title": title, "seconds": seconds}
    response = dj.post(f"/shows/{show['id']}/tracks", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _ids(api: httpx.Client, **params) -> list[int]:
    response = api.get("/shows", params=params)
    assert response.status_code == 200, response.text
    assert isinstance(response.json(), list)
    return [s["id"] for s in response.json()]


def test_signup_is_201_without_the_password_and_409_when_taken(api: httpx.Client) -> None:
    handle = _handle()
    body = {"handle": handle, "password": PASSWORD, "display_name": "Night Owl"}
    response = api.post("/djs", json=body)
    assert response.status_code == 201
    dj = response.json()
    assert dj["handle"] == handle and dj["display_name"] == "Night Owl"
    assert isinstance(dj["id"], int) and "password" not in dj
    assert (
        api.post("/djs", json={"handle": handle, "password": "other-pass-123"}).status_code == 409
    )


def test_login_is_204_with_the_cookie_and_a_bad_password_is_401(api: httpx.Client) -> None:
    handle = _handle()
    assert api.post("/djs", json={"handle": handle, "password": PASSWORD}).status_code == 201
    with httpx.Client(base_url=BASE_URL, timeout=15) as client:
        wrong = client.post("/login", json={"handle": handle, "password": "wrong-password"})
        assert wrong.status_code == 401
        assert "onair_sid" not in wrong.cookies
        ok = client.post("/login", json={"handle": handle, "password": PASSWORD})
        assert ok.status_code == 204
        assert "onair_sid" in ok.cookies


def test_changes_without_the_cookie_are_401(api: httpx.Client) -> None:
    assert api.post("/shows", json={"title": "x", "aired_on": "2031-02-01"}).status_code == 401
    assert api.post("/logout").status_code == 401
    with _dj() as (dj, _):
        show = _show(dj)
    body = {"artist": "A", "title": "B", "seconds": 60}
    assert api.post(f"/shows/{show['id']}/tracks", json=body).status_code == 401
    assert api.post(f"/shows/{show['id']}/publish").status_code == 401
    assert api.delete(f"/shows/{show['id']}").status_code == 401
    assert api.get(f"/shows/{show['id']}").status_code == 200


def test_logout_kills_the_session(api: httpx.Client) -> None:
    with _dj() as (dj, _):
        old = {"Cookie": f"onair_sid={dj.cookies['onair_sid']}"}
        _show(dj)
        assert dj.post("/logout").status_code == 204
    response = api.post("/shows", json={"title": "after", "aired_on": "2031-02-01"}, headers=old)
    assert response.status_code == 401


def test_a_new_show_has_defaults_and_is_public(api: httpx.Client) -> None:
    with _dj() as (dj, handle):
        show = _show(dj, "Sunday Roots", "2031-03-02")
    assert isinstance(show["id"], int)
    assert show["title"] == "Sunday Roots" and show["aired_on"] == "2031-03-02"
    assert show["genre"] == "mixed" and show["host"] == handle
    assert show["published"] is False
    assert show["track_count"] == 0 and show["total_seconds"] == 0
    got = api.get(f"/shows/{show['id']}")
    assert got.status_code == 200
    assert got.json()["host"] == handle and got.json()["tracks"] == []


def test_show_list_is_newest_first_with_sort_and_filters(api: httpx.Client) -> None:
    with _dj() as (dj, handle), _dj() as (other, _):
        mid = _show(dj, aired_on="2031-04-10", genre="jazz")
        old = _show(dj, aired_on="2031-04-01", genre="folk")
        new = _show(dj, aired_on="2031-04-20", genre="jazz")
        _show(other, aired_on="2031-04-15", genre="jazz")
        assert dj.post(f"/shows/{mid['id']}/publish").status_code == 200
    assert _ids(api, host=handle) == [new["id"], mid["id"], old["id"]]
    assert _ids(api, host=handle, sort="-aired_on") == [new["id"], mid["id"], old["id"]]
    assert _ids(api, host=handle, sort="aired_on") == [old["id"], mid["id"], new["id"]]
    assert _ids(api, host=handle, genre="jazz") == [new["id"], mid["id"]]
    assert _ids(api, host=handle, published="true") == [mid["id"]]
    assert _ids(api, host=handle, published="false") == [new["id"], old["id"]]
    assert _ids(api, host=handle, **{"from": "2031-04-10", "to": "2031-04-20"}) == [
        new["id"],
        mid["id"],
    ]
    assert _ids(api, host=handle, to="2031-04-10") == [mid["id"], old["id"]]


def test_tracks_get_positions_and_are_counted(api: httpx.Client) -> None:
    with _dj() as (dj, _):
        show = _show(dj)
        first = _track(dj, show, "Nina Simone", "Feeling Good", 178)
        second = _track(dj, show, "Fela Kuti", "Water No Get Enemy", 300)
        third = _track(dj, show, "Björk", "Joga", 305)
    assert [first["position"], second["position"], third["position"]] == [1, 2, 3]
    assert first["artist"] == "Nina Simone" and first["title"] == "Feeling Good"
    assert first["seconds"] == 178
    got = api.get(f"/shows/{show['id']}").json()
    assert got["track_count"] == 3 and got["total_seconds"] == 783
    assert [t["id"] for t in got["tracks"]] == [first["id"], second["id"], third["id"]]


def test_only_the_host_may_add_publish_or_delete(api: httpx.Client) -> None:
    with _dj() as (host, _), _dj() as (other, _):
        show = _show(host)
        body = {"artist": "Someone", "title": "Sneaky", "seconds": 90}
        assert other.post(f"/shows/{show['id']}/tracks", json=body).status_code == 403
        assert other.post(f"/shows/{show['id']}/publish").status_code == 403
        assert other.delete(f"/shows/{show['id']}").status_code == 403
    got = api.get(f"/shows/{show['id']}").json()
    assert got["track_count"] == 0 and got["published"] is False


def test_publish_is_200_once_then_409_and_freezes_the_playlist(api: httpx.Client) -> None:
    with _dj() as (dj, _):
        show = _show(dj)
        _track(dj, show, "Miles Davis", "So What", 562)
        published = dj.post(f"/shows/{show['id']}/publish")
        assert published.status_code == 200
        assert published.json()["published"] is True and published.json()["id"] == show["id"]
        assert dj.post(f"/shows/{show['id']}/publish").status_code == 409
        late = {"artist": "Late", "title": "Too Late", "seconds": 120}
        assert dj.post(f"/shows/{show['id']}/tracks", json=late).status_code == 409
    assert api.get(f"/shows/{show['id']}").json()["track_count"] == 1


def test_playlist_page_is_escaped_html_in_play_order(api: httpx.Client) -> None:
    marker = uuid.uuid4().hex[:8]
    with _dj() as (dj, _):
        show = _show(dj, f"<Late> Night {marker}")
        _track(dj, show, "Simon & Garfunkel", "The Boxer", 310)
        _track(dj, show, "DJ <Intro>", f"Opener {marker}", 60)
    response = api.get(f"/shows/{show['id']}/playlist")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "<Late>" not in page and "<Intro>" not in page
    assert f"&lt;Late&gt; Night {marker}" in page
    assert "Simon &amp; Garfunkel" in page and "DJ &lt;Intro&gt;" in page
    assert page.index("The Boxer") < page.index(f"Opener {marker}")


def test_delete_is_204_then_404(api: httpx.Client) -> None:
    with _dj() as (dj, _):
        show = _show(dj)
        _track(dj, show, "Aphex Twin", "Xtal", 293)
        assert dj.delete(f"/shows/{show['id']}").status_code == 204
        assert dj.delete(f"/shows/{show['id']}").status_code == 404
    assert api.get(f"/shows/{show['id']}").status_code == 404
    assert api.get(f"/shows/{show['id']}/playlist").status_code == 404


def test_validation_errors_are_422(api: httpx.Client) -> None:
    with _dj() as (dj, _):
        assert (
            dj.post(
                "/shows", json={"title": "x", "aired_on": "2031-02-01", "genre": "polka"}
            ).status_code
            == 422
        )
        assert dj.post("/shows", json={"aired_on": "2031-02-01"}).status_code == 422
        show = _show(dj)
        for seconds in (0, 7201):
            body = {"artist": "A", "title": "B", "seconds": seconds}
            assert dj.post(f"/shows/{show['id']}/tracks", json=body).status_code == 422
        no_title = {"artist": "A", "seconds": 100}
        assert dj.post(f"/shows/{show['id']}/tracks", json=no_title).status_code == 422
    assert api.get(f"/shows/{show['id']}").json()["track_count"] == 0


def test_an_unknown_show_is_404(api: httpx.Client) -> None:
    assert api.get("/shows/987654321").status_code == 404
    assert api.get("/shows/987654321/playlist").status_code == 404
    with _dj() as (dj, _):
        body = {"artist": "A", "title": "B", "seconds": 100}
        assert dj.post("/shows/987654321/tracks", json=body).status_code == 404
        assert dj.post("/shows/987654321/publish").status_code == 404
        assert dj.delete("/shows/987654321").status_code == 404
