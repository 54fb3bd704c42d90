"""Acceptance tests for karaoke.md, written from the document and its prose before generating.

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


class Singer:
    def __init__(self, username: str, headers: dict[str, str]) -> None:
        self.username = username
        self.headers = headers


def _singer(api: httpx.Client) -> Singer:
    username = f"singer{_hex()}"
    password = f"pw-{_hex()}"
    made = api.post("/singers", json={"username": username, "password": password})
    assert made.status_code == 201, made.text
    token = api.post("/token", data={"username": username, "password": password})
    assert token.status_code == 200, token.text
    return Singer(username, {"Authorization": f"Bearer {token.json()['access_token']}"})


def _song(api: httpx.Client, who: Singer, title: str, artist: str, **extra) -> dict:
    body = {"title": title, "artist": artist, **extra}
    response = api.post("/songs", json=body, headers=who.headers)
    assert response.status_code == 200, response.text
    return response.json()


def _night(api: httpx.Client, host: Singer, venue: str = "The Anchor") -> dict:
    response = api.post(
        "/nights", json={"venue": venue, "date": "2031-02-13"}, headers=host.headers
    )
    assert response.status_code == 201, response.text
    return response.json()


def _queue(api: httpx.Client, who: Singer, night_id: int, song_id: int) -> dict:
    response = api.post(f"/nights/{night_id}/queue", json={"song_id": song_id}, headers=who.headers)
    assert response.status_code == 201, response.text
    return response.json()


def _waiting(api: httpx.Client, night_id: int) -> list[dict]:
    response = api.get(f"/nights/{night_id}/queue")
    assert response.status_code == 200, response.text
    assert isinstance(response.json(), list)
    return response.json()


def _next(api: httpx.Client, host: Singer, night_id: int) -> dict:
    response = api.post(f"/nights/{night_id}/next", headers=host.headers)
    assert response.status_code == 200, response.text
    return response.json()


def _song_ids(api: httpx.Client, **params) -> list[int]:
    response = api.get("/songs", params=params)
    assert response.status_code == 200, response.text
    return [s["id"] for s in response.json()["items"]]


def test_sign_up_is_201_and_a_taken_username_is_409(api: httpx.Client) -> None:
    username = f"singer{_hex()}"
    made = api.post("/singers", json={"username": username, "password": "secret-1"})
    assert made.status_code == 201, made.text
    assert made.json()["username"] == username and isinstance(made.json()["id"], int)
    assert "password" not in made.json()
    again = api.post("/singers", json={"username": username, "password": "secret-2"})
    assert again.status_code == 409, again.text


def test_token_is_an_oauth2_password_form(api: httpx.Client) -> None:
    username = f"singer{_hex()}"
    api.post("/singers", json={"username": username, "password": "secret-1"})
    good = api.post("/token", data={"username": username, "password": "secret-1"})
    assert good.status_code == 200, good.text
    assert good.json()["token_type"].lower() == "bearer"
    assert isinstance(good.json()["access_token"], str) and good.json()["access_token"]
    bad = api.post("/token", data={"username": username, "password": "wrong-one"})
    assert bad.status_code == 401, bad.text
    unknown = api.post("/token", data={"username": f"nobody{_hex()}", "password": "secret-1"})
    assert unknown.status_code == 401


def test_writes_need_a_token_and_reads_do_not(api: httpx.Client) -> None:
    host = _singer(api)
    song = _song(api, host, f"Open Read {_hex()}", "Anyone")
    night = _night(api, host)
    nid = night["id"]
    assert api.post("/songs", json={"title": "x", "artist": "y"}).status_code == 401
    assert api.post("/nights", json={"venue": "x", "date": "2031-01-01"}).status_code == 401
    assert api.post(f"/nights/{nid}/queue", json={"song_id": song["id"]}).status_code == 401
    assert api.post(f"/nights/{nid}/next").status_code == 401
    assert api.post(f"/nights/{nid}/close").status_code == 401
    bogus = {"Authorization": "Bearer not-a-real-token"}
    assert (
        api.post("/nights", json={"venue": "x", "date": "2031-01-01"}, headers=bogus).status_code
        == 401
    )
    assert api.get("/songs").status_code == 200
    assert api.get(f"/songs/{song['id']}").status_code == 200
    assert api.get(f"/nights/{nid}").status_code == 200
    assert api.get(f"/nights/{nid}/queue").status_code == 200
    assert api.get(f"/nights/{nid}/setlist").status_code == 200


def test_adding_a_song_answers_200_with_defaults(api: httpx.Client) -> None:
    ana = _singer(api)
    title = f"Dancing Queen {_hex()}"
    song = _song(api, ana, title, "ABBA")
    assert isinstance(song["id"], int)
    assert song["title"] == title and song["artist"] == "ABBA"
    assert song["language"] == "en" and song["times_sung"] == 0
    assert song["added_by"] == ana.username and song["duration_seconds"] is None
    other = _song(
        api,
        ana,
        f"La Bamba {_hex()}",
        "Ritchie Valens",
        language="es",
        duration_seconds=124,
    )
    assert other["language"] == "es" and other["duration_seconds"] == 124
    got = api.get(f"/songs/{song['id']}")
    assert got.status_code == 200 and got.json()["title"] == title
    assert api.get("/songs/987654321").status_code == 404


def test_the_same_title_and_artist_ignoring_case_is_409(api: httpx.Client) -> None:
    ana, ben = _singer(api), _singer(api)
    word = _hex()
    _song(api, ana, f"Wonderwall {word}", "Oasis")
    dup = {"title": f"WONDERWALL {word.upper()}", "artist": "oasis"}
    assert api.post("/songs", json=dup, headers=ben.headers).status_code == 409
    _song(api, ben, f"Wonderwall {word}", "Ryan Adams")
    assert api.get("/songs", params={"q": word}).json()["total"] == 2


def test_bad_songs_are_422(api: httpx.Client) -> None:
    ana = _singer(api)
    bad_bodies = [
        {"artist": "No Title"},
        {"title": "No artist"},
        {"title": "Lang", "artist": "X", "language": "klingon"},
        {"title": "Short", "artist": "X", "duration_seconds": 10},
        {"title": "Long", "artist": "X", "duration_seconds": 901},
    ]
    for body in bad_bodies:
        response = api.post("/songs", json=body, headers=ana.headers)
        assert response.status_code == 422, f"{body}: {response.status_code} {response.text}"


def test_songbook_search_language_sort_and_paging(api: httpx.Client) -> None:
    ana = _singer(api)
    word, toto = _hex(), _hex()
    zebra = _song(api, ana, f"Zebra Crossing {word}", "Abba Tribute")
    africa = _song(api, ana, f"Africa {word}", f"Toto {toto}")
    bamboleo = _song(api, ana, f"Bamboleo {word}", "Gipsy Kings", language="es")
    response = api.get("/songs", params={"q": word})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == 3
    assert [s["id"] for s in body["items"]] == [
        africa["id"],
        bamboleo["id"],
        zebra["id"],
    ]
    assert _song_ids(api, q=word, sort="artist") == [
        zebra["id"],
        bamboleo["id"],
        africa["id"],
    ]
    assert _song_ids(api, q=f"TOTO {toto.upper()}") == [africa["id"]]
    assert _song_ids(api, q=word, language="es") == [bamboleo["id"]]
    page = api.get("/songs", params={"q": word, "limit": 2, "offset": 1}).json()
    assert page["total"] == 3
    assert [s["id"] for s in page["items"]] == [bamboleo["id"], zebra["id"]]


def test_a_new_night_is_open_and_hosted_by_its_creator(api: httpx.Client) -> None:
    host = _singer(api)
    night = _night(api, host, venue="The Red Lion")
    assert isinstance(night["id"], int)
    assert night["venue"] == "The Red Lion" and night["date"] == "2031-02-13"
    assert night["host"] == host.username and night["status"] == "open"
    assert night["waiting"] == 0 and night["sung"] == 0
    assert api.get(f"/nights/{night['id']}").json()["host"] == host.username
    assert api.get("/nights/987654321").status_code == 404
    assert api.get("/nights/987654321/queue").status_code == 404


def test_queue_keeps_order_with_one_waiting_entry_per_singer(api: httpx.Client) -> None:
    host, ana, ben, cat = _singer(api), _singer(api), _singer(api), _singer(api)
    song = _song(api, host, f"Bohemian Rhapsody {_hex()}", "Queen")
    nid = _night(api, host)["id"]
    a = _queue(api, ana, nid, song["id"])
    assert a["position"] == 1 and a["status"] == "waiting" and a["singer"] == ana.username
    assert a["title"] == song["title"] and a["artist"] == "Queen"
    assert a["song_id"] == song["id"] and a["night_id"] == nid
    b = _queue(api, ben, nid, song["id"])
    c = _queue(api, cat, nid, song["id"])
    assert (b["position"], c["position"]) == (2, 3)
    waiting = _waiting(api, nid)
    assert [e["id"] for e in waiting] == [a["id"], b["id"], c["id"]]
    assert [e["position"] for e in waiting] == [1, 2, 3]
    twice = api.post(f"/nights/{nid}/queue", json={"song_id": song["id"]}, headers=ana.headers)
    assert twice.status_code == 409, twice.text
    unknown = api.post(f"/nights/{nid}/queue", json={"song_id": 987654321}, headers=host.headers)
    assert unknown.status_code == 400, unknown.text
    nowhere = api.post(
        "/nights/987654321/queue", json={"song_id": song["id"]}, headers=host.headers
    )
    assert nowhere.status_code == 404
    assert api.get(f"/nights/{nid}").json()["waiting"] == 3


def test_leaving_the_queue_is_for_the_singer_or_the_host(api: httpx.Client) -> None:
    host, ana, ben, cat, dan = (_singer(api) for _ in range(5))
    song = _song(api, host, f"Livin' on a Prayer {_hex()}", "Bon Jovi")
    nid = _night(api, host)["id"]
    a = _queue(api, ana, nid, song["id"])
    b = _queue(api, ben, nid, song["id"])
    c = _queue(api, cat, nid, song["id"])
    assert api.delete(f"/nights/{nid}/queue/{b['id']}", headers=dan.headers).status_code == 403
    assert api.delete(f"/nights/{nid}/queue/{b['id']}", headers=ana.headers).status_code == 403
    assert api.delete(f"/nights/{nid}/queue/{b['id']}", headers=ben.headers).status_code == 204
    waiting = _waiting(api, nid)
    assert [(e["id"], e["position"]) for e in waiting] == [(a["id"], 1), (c["id"], 2)]
    assert api.delete(f"/nights/{nid}/queue/{a['id']}", headers=host.headers).status_code == 204
    assert [(e["id"], e["position"]) for e in _waiting(api, nid)] == [(c["id"], 1)]
    assert api.delete(f"/nights/{nid}/queue/{a['id']}", headers=host.headers).status_code == 404
    again = _queue(api, ben, nid, song["id"])
    assert again["position"] == 2


def test_next_is_host_only_and_sings_the_first_waiting_entry(api: httpx.Client) -> None:
    host, ana, ben = _singer(api), _singer(api), _singer(api)
    first = _song(api, host, f"Toxic {_hex()}", "Britney Spears")
    second = _song(api, host, f"Creep {_hex()}", "Radiohead")
    nid = _night(api, host)["id"]
    a = _queue(api, ana, nid, first["id"])
    b = _queue(api, ben, nid, second["id"])
    assert api.post(f"/nights/{nid}/next", headers=ana.headers).status_code == 403
    sung = _next(api, host, nid)
    assert sung["id"] == a["id"] and sung["status"] == "sung" and sung["position"] is None
    assert [(e["id"], e["position"]) for e in _waiting(api, nid)] == [(b["id"], 1)]
    night = api.get(f"/nights/{nid}").json()
    assert night["waiting"] == 1 and night["sung"] == 1
    assert api.get(f"/songs/{first['id']}").json()["times_sung"] == 1
    assert api.delete(f"/nights/{nid}/queue/{a['id']}", headers=ana.headers).status_code == 409
    assert _next(api, host, nid)["id"] == b["id"]
    empty = api.post(f"/nights/{nid}/next", headers=host.headers)
    assert empty.status_code == 409, empty.text
    assert _waiting(api, nid) == []


def test_popular_sort_follows_times_sung(api: httpx.Client) -> None:
    host, ana, ben = _singer(api), _singer(api), _singer(api)
    word = _hex()
    b_song = _song(api, host, f"B side {word}", "Band")
    hit = _song(api, host, f"Hit {word}", "Band")
    other = _song(api, host, f"Other {word}", "Band")
    a_song = _song(api, host, f"A side {word}", "Band")
    nid = _night(api, host)["id"]
    _queue(api, ana, nid, hit["id"])
    _queue(api, ben, nid, other["id"])
    _next(api, host, nid)
    _next(api, host, nid)
    _queue(api, ana, nid, hit["id"])
    _next(api, host, nid)
    assert api.get(f"/songs/{hit['id']}").json()["times_sung"] == 2
    expected = [hit["id"], other["id"], a_song["id"], b_song["id"]]
    assert _song_ids(api, q=word, sort="popular") == expected


def test_close_is_host_only_then_409_and_stops_new_entries(api: httpx.Client) -> None:
    host, ana = _singer(api), _singer(api)
    song = _song(api, host, f"Zombie {_hex()}", "The Cranberries")
    nid = _night(api, host)["id"]
    assert api.post(f"/nights/{nid}/close", headers=ana.headers).status_code == 403
    closed = api.post(f"/nights/{nid}/close", headers=host.headers)
    assert closed.status_code == 200, closed.text
    assert closed.json()["status"] == "closed" and closed.json()["id"] == nid
    assert api.post(f"/nights/{nid}/close", headers=host.headers).status_code == 409
    late = api.post(f"/nights/{nid}/queue", json={"song_id": song["id"]}, headers=ana.headers)
    assert late.status_code == 409, late.text
    assert api.get(f"/nights/{nid}").json()["status"] == "closed"


def test_setlist_is_plain_text_in_sung_order(api: httpx.Client) -> None:
    host, ana, ben = _singer(api), _singer(api), _singer(api)
    word = _hex()
    one = _song(api, host, f"Africa {word}", "Toto")
    two = _song(api, host, f"Hallelujah {word}", "Leonard Cohen")
    nid = _night(api, host)["id"]
    empty = api.get(f"/nights/{nid}/setlist")
    assert empty.status_code == 200
    assert empty.headers["content-type"].startswith("text/plain")
    assert empty.text.strip() == ""
    _queue(api, ben, nid, two["id"])
    _queue(api, ana, nid, one["id"])
    _next(api, host, nid)
    _next(api, host, nid)
    response = api.get(f"/nights/{nid}/setlist")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text.strip().splitlines() == [
        f"1. Hallelujah {word} - Leonard Cohen ({ben.username})",
        f"2. Africa {word} - Toto ({ana.username})",
    ]
    assert api.get("/nights/987654321/setlist").status_code == 404
