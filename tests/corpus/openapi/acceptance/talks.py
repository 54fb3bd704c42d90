"""Acceptance tests for talks.md, written from the document and its prose before generating.

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


def _creds(name: str = "") -> dict[str, str]:
    tag = uuid.uuid4().hex[:10]
    return {
        "email": f"s{tag}@example.com",
        "password": "lightning-talk",
        "displayName": name or f"Speaker {tag}",
    }


def _person(api: httpx.Client, name: str = "") -> dict[str, str]:
    creds = _creds(name)
    assert api.post("/auth/signup", json=creds).status_code == 201
    login = api.post("/auth/login", json={"email": creds["email"], "password": creds["password"]})
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['accessToken']}"}


def _word() -> str:
    """A word no other test puts in a title, so `q` isolates this test's talks."""
    return f"kx{uuid.uuid4().hex[:10]}"


def _talk(api: httpx.Client, who: dict, title: str = "", track: str = "web", **extra) -> dict:
    body = {
        "title": title or f"Talk about {_word()}",
        "abstract": "A short abstract.",
        "track": track,
        **extra,
    }
    response = api.post("/talks", json=body, headers=who)
    assert response.status_code == 201, response.text
    return response.json()


def _ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    return [talk["id"] for talk in response.json()["data"]]


def test_signup_twice_is_409_and_a_wrong_password_is_401(api: httpx.Client) -> None:
    creds = _creds("Grace")
    first = api.post("/auth/signup", json=creds)
    assert first.status_code == 201
    assert first.json()["displayName"] == "Grace" and "password" not in first.json()
    assert api.post("/auth/signup", json=creds).status_code == 409
    wrong = api.post("/auth/login", json={"email": creds["email"], "password": "nope-nope-nope"})
    assert wrong.status_code == 401
    good = api.post("/auth/login", json={"email": creds["email"], "password": creds["password"]})
    assert good.status_code == 200 and isinstance(good.json()["accessToken"], str)


def test_talks_need_a_token(api: httpx.Client) -> None:
    assert api.get("/talks").status_code == 401
    body = {"title": "Anonymous talk", "abstract": "x", "track": "web"}
    assert api.post("/talks", json=body).status_code == 401


def test_a_submission_starts_submitted_without_votes(api: httpx.Client) -> None:
    me = _person(api, "Linus Harbour")
    talk = _talk(api, me, f"Shipping Rust {_word()}", "infra")
    assert isinstance(talk["id"], int)
    assert talk["status"] == "submitted" and talk["track"] == "infra"
    assert talk["speaker"] == "Linus Harbour" and talk["durationMinutes"] == 40
    assert talk["voteCount"] == 0 and talk["averageScore"] is None
    got = api.get(f"/talks/{talk['id']}", headers=_person(api))
    assert got.status_code == 200 and got.json()["title"] == talk["title"]


def test_invalid_submissions_are_400(api: httpx.Client) -> None:
    me = _person(api)
    good = {"title": "A perfectly fine title", "abstract": "x", "track": "data"}
    assert api.post("/talks", json={**good, "track": "cooking"}, headers=me).status_code == 400
    assert api.post("/talks", json={**good, "durationMinutes": 30}, headers=me).status_code == 400
    assert api.post("/talks", json={**good, "title": "Hi"}, headers=me).status_code == 400
    no_abstract = {k: v for k, v in good.items() if k != "abstract"}
    assert api.post("/talks", json=no_abstract, headers=me).status_code == 400


def test_a_fourth_active_talk_is_409_until_one_is_withdrawn(api: httpx.Client) -> None:
    me = _person(api)
    talks = [_talk(api, me) for _ in range(3)]
    fourth = {"title": f"One too many {_word()}", "abstract": "x", "track": "web"}
    assert api.post("/talks", json=fourth, headers=me).status_code == 409
    assert api.post(f"/talks/{talks[0]['id']}/withdraw", headers=me).status_code == 200
    assert api.post("/talks", json=fourth, headers=me).status_code == 201
    assert _talk(api, _person(api))["status"] == "submitted"


def test_withdraw_is_speaker_only_and_twice_is_409(api: httpx.Client) -> None:
    ann, bob = _person(api), _person(api)
    talk = _talk(api, ann)
    assert api.post(f"/talks/{talk['id']}/withdraw", headers=bob).status_code == 403
    first = api.post(f"/talks/{talk['id']}/withdraw", headers=ann)
    assert first.status_code == 200 and first.json()["status"] == "withdrawn"
    assert api.post(f"/talks/{talk['id']}/withdraw", headers=ann).status_code == 409


def test_only_the_speaker_edits_and_not_after_withdrawing(api: httpx.Client) -> None:
    ann, bob = _person(api), _person(api)
    talk = _talk(api, ann, track="web")
    url = f"/talks/{talk['id']}"
    assert api.patch(url, json={"track": "data"}, headers=bob).status_code == 403
    changed = api.patch(url, json={"track": "data", "durationMinutes": 20}, headers=ann)
    assert changed.status_code == 200
    assert changed.json()["track"] == "data" and changed.json()["durationMinutes"] == 20
    assert changed.json()["title"] == talk["title"]
    api.post(f"{url}/withdraw", headers=ann)
    assert api.patch(url, json={"track": "web"}, headers=ann).status_code == 409


def test_votes_are_counted_and_averaged(api: httpx.Client) -> None:
    ann, bob, cid = _person(api), _person(api), _person(api)
    talk = _talk(api, ann)
    vote = api.post(f"/talks/{talk['id']}/votes", json={"score": 4}, headers=bob)
    assert vote.status_code == 201, vote.text
    assert vote.json()["score"] == 4
    assert api.post(f"/talks/{talk['id']}/votes", json={"score": 5}, headers=cid).status_code == 201
    got = api.get(f"/talks/{talk['id']}", headers=ann).json()
    assert got["voteCount"] == 2 and got["averageScore"] == pytest.approx(4.5)


def test_own_talk_twice_withdrawn_or_out_of_range_votes_are_refused(api: httpx.Client) -> None:
    ann, bob = _person(api), _person(api)
    talk = _talk(api, ann)
    url = f"/talks/{talk['id']}/votes"
    assert api.post(url, json={"score": 5}, headers=ann).status_code == 403
    assert api.post(url, json={"score": 6}, headers=bob).status_code == 400
    assert api.post(url, json={"score": 3}, headers=bob).status_code == 201
    assert api.post(url, json={"score": 1}, headers=bob).status_code == 409
    other = _talk(api, ann)
    api.post(f"/talks/{other['id']}/withdraw", headers=ann)
    late = api.post(f"/talks/{other['id']}/votes", json={"score": 3}, headers=bob)
    assert late.status_code == 409
    assert api.get(f"/talks/{talk['id']}", headers=bob).json()["voteCount"] == 1


def test_everyone_sees_all_talks_sorted_by_title(api: httpx.Client) -> None:
    ann, bob = _person(api), _person(api)
    word = _word()
    c = _talk(api, ann, f"Caching {word}")
    a = _talk(api, bob, f"Accessibility {word}")
    b = _talk(api, ann, f"Benchmarks {word}")
    listed = api.get("/talks", params={"q": word}, headers=bob)
    assert _ids(listed) == [a["id"], b["id"], c["id"]]
    assert listed.json()["meta"]["total"] == 3
    backwards = api.get("/talks", params={"q": word, "sort": "-title"}, headers=bob)
    assert _ids(backwards) == [c["id"], b["id"], a["id"]]


def test_sort_by_votes(api: httpx.Client) -> None:
    ann, bob, cid = _person(api), _person(api), _person(api)
    word = _word()
    none = _talk(api, ann, f"Alpha {word}")
    two = _talk(api, ann, f"Beta {word}")
    one = _talk(api, ann, f"Gamma {word}")
    for voter in (bob, cid):
        api.post(f"/talks/{two['id']}/votes", json={"score": 3}, headers=voter)
    api.post(f"/talks/{one['id']}/votes", json={"score": 3}, headers=bob)
    most = api.get("/talks", params={"q": word, "sort": "-votes"}, headers=bob)
    assert _ids(most) == [two["id"], one["id"], none["id"]]
    least = api.get("/talks", params={"q": word, "sort": "votes"}, headers=bob)
    assert _ids(least) == [none["id"], one["id"], two["id"]]


def test_q_searches_title_and_abstract_ignoring_case(api: httpx.Client) -> None:
    me = _person(api)
    word = _word()
    in_title = _talk(api, me, f"Kubernetes {word} war stories")
    in_abstract = _talk(api, me, "Zero downtime deploys", abstract=f"We explain {word.upper()}.")
    listed = api.get("/talks", params={"q": word.upper()}, headers=me)
    assert sorted(_ids(listed)) == sorted([in_title["id"], in_abstract["id"]])


def test_track_status_and_mine_filters(api: httpx.Client) -> None:
    ann, bob = _person(api), _person(api)
    word = _word()
    data = _talk(api, ann, f"Pipelines {word}", "data")
    gone = _talk(api, ann, f"Quitting {word}", "community")
    other = _talk(api, bob, f"Routers {word}", "infra")
    api.post(f"/talks/{gone['id']}/withdraw", headers=ann)
    assert _ids(api.get("/talks", params={"q": word, "track": "data"}, headers=bob)) == [data["id"]]
    withdrawn = api.get("/talks", params={"q": word, "status": "withdrawn"}, headers=bob)
    assert _ids(withdrawn) == [gone["id"]]
    mine = api.get("/talks", params={"q": word, "mine": "true"}, headers=bob)
    assert _ids(mine) == [other["id"]]


def test_pages_report_page_and_per_page(api: httpx.Client) -> None:
    me = _person(api)
    word = _word()
    talks = [_talk(api, me, f"{letter} topic {word}") for letter in "ABC"]
    page = api.get("/talks", params={"q": word, "page": 2, "perPage": 2}, headers=me)
    assert _ids(page) == [talks[2]["id"]]
    meta = page.json()["meta"]
    assert meta["total"] == 3 and meta["page"] == 2 and meta["perPage"] == 2


def test_an_unknown_talk_is_404(api: httpx.Client) -> None:
    me = _person(api)
    assert api.get("/talks/987654321", headers=me).status_code == 404
    assert api.post("/talks/987654321/withdraw", headers=me).status_code == 404
    assert api.post("/talks/987654321/votes", json={"score": 3}, headers=me).status_code == 404
