"""Acceptance tests for wiki.md, written from the document and its prose before generating.

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


def _creds() -> dict[str, str]:
    return {"username": f"w{uuid.uuid4().hex[:10]}", "password": "correct-horse-1"}


def _writer(api: httpx.Client) -> tuple[str, dict[str, str]]:
    creds = _creds()
    assert api.post("/signup", json=creds).status_code == 201
    token = api.post("/token", data=creds)
    assert token.status_code == 200, token.text
    assert token.json()["token_type"].lower() == "bearer"
    return creds["username"], {"Authorization": f"Bearer {token.json()['access_token']}"}


def _slug() -> str:
    return f"page-{uuid.uuid4().hex[:10]}"


def _page(
    api: httpx.Client, who: dict, slug: str = "", title: str = "Onboarding", body: str = "Hello"
) -> dict:
    response = api.post(
        "/pages", json={"slug": slug or _slug(), "title": title, "body": body}, headers=who
    )
    assert response.status_code == 201, response.text
    return response.json()


def _edit(api: httpx.Client, who: dict, slug: str, body: str, **extra) -> httpx.Response:
    return api.put(
        f"/pages/{slug}", json={"title": "Onboarding", "body": body, **extra}, headers=who
    )


def test_signup_hides_the_password_and_a_taken_username_is_409(api: httpx.Client) -> None:
    creds = _creds()
    response = api.post("/signup", json=creds)
    assert response.status_code == 201
    body = response.json()
    assert body["username"] == creds["username"] and isinstance(body["id"], int)
    assert "password" not in body
    assert api.post("/signup", json=creds).status_code == 409


def test_the_token_comes_from_a_form_and_bad_creds_are_401(api: httpx.Client) -> None:
    creds = _creds()
    api.post("/signup", json=creds)
    assert api.post("/token", data={**creds, "password": "wrong-horse-1"}).status_code == 401
    good = api.post("/token", data=creds)
    assert good.status_code == 200 and good.json()["access_token"]


def test_reads_are_public_writes_need_a_token(api: httpx.Client) -> None:
    _, ann = _writer(api)
    page = _page(api, ann)
    assert api.get(f"/pages/{page['slug']}").status_code == 200
    assert api.get("/pages").status_code == 200
    assert api.post("/pages", json={"slug": _slug(), "title": "x", "body": "y"}).status_code == 401
    assert _edit(api, {}, page["slug"], "vandal").status_code == 401
    assert api.delete(f"/pages/{page['slug']}").status_code == 401


def test_a_new_page_is_revision_one_and_slugs_are_checked(api: httpx.Client) -> None:
    name, ann = _writer(api)
    slug = _slug()
    page = _page(api, ann, slug=slug, title="Coffee machine", body="Descale monthly.")
    assert page["slug"] == slug and page["revision"] == 1 and page["created_by"] == name
    assert page["body"] == "Descale monthly."
    dup = api.post("/pages", json={"slug": slug, "title": "Again", "body": "x"}, headers=ann)
    assert dup.status_code == 409
    bad = api.post("/pages", json={"slug": "Not A Slug!", "title": "x", "body": "y"}, headers=ann)
    assert bad.status_code == 400


def test_anyone_may_edit_and_revisions_are_newest_first(api: httpx.Client) -> None:
    ann_name, ann = _writer(api)
    bob_name, bob = _writer(api)
    page = _page(api, ann, body="v1")
    edited = _edit(api, bob, page["slug"], "v2", comment="typo")
    assert edited.status_code == 200, edited.text
    assert edited.json()["revision"] == 2 and edited.json()["body"] == "v2"
    assert edited.json()["created_by"] == ann_name
    assert _edit(api, ann, page["slug"], "v3").json()["revision"] == 3
    history = api.get(f"/pages/{page['slug']}/revisions")
    assert history.status_code == 200 and isinstance(history.json(), list)
    assert [r["number"] for r in history.json()] == [3, 2, 1]
    assert [r["author"] for r in history.json()] == [ann_name, bob_name, ann_name]
    assert history.json()[1]["comment"] == "typo"


def test_an_old_revision_keeps_its_body(api: httpx.Client) -> None:
    _, ann = _writer(api)
    page = _page(api, ann, body="first text")
    _edit(api, ann, page["slug"], "second text")
    old = api.get(f"/pages/{page['slug']}/revisions/1")
    assert old.status_code == 200
    assert old.json()["number"] == 1 and old.json()["body"] == "first text"
    assert api.get(f"/pages/{page['slug']}").json()["body"] == "second text"
    assert api.get(f"/pages/{page['slug']}/revisions/9").status_code == 404


def test_a_stale_base_revision_is_409(api: httpx.Client) -> None:
    _, ann = _writer(api)
    _, bob = _writer(api)
    page = _page(api, ann, body="v1")
    assert _edit(api, ann, page["slug"], "ann's v2", base_revision=1).status_code == 200
    stale = _edit(api, bob, page["slug"], "bob's v2", base_revision=1)
    assert stale.status_code == 409
    current = api.get(f"/pages/{page['slug']}").json()
    assert current["revision"] == 2 and current["body"] == "ann's v2"
    assert _edit(api, bob, page["slug"], "bob's v3", base_revision=2).status_code == 200


def test_raw_is_the_current_body_as_plain_text(api: httpx.Client) -> None:
    _, ann = _writer(api)
    page = _page(api, ann, body="line one\nline two")
    raw = api.get(f"/pages/{page['slug']}/raw")
    assert raw.status_code == 200
    assert raw.headers["content-type"].startswith("text/plain")
    assert raw.text.rstrip("\n") == "line one\nline two"


def test_the_list_is_sorted_by_title_and_filtered(api: httpx.Client) -> None:
    ann_name, ann = _writer(api)
    _, bob = _writer(api)
    word = uuid.uuid4().hex[:8]
    c = _page(api, ann, title=f"Zebra {word} notes")
    a = _page(api, bob, title=f"Apple {word.upper()}")
    b = _page(api, ann, title=f"Mango {word}")
    _page(api, ann, title="Unrelated")
    listed = api.get("/pages", params={"q": word})
    assert listed.status_code == 200 and isinstance(listed.json(), list)
    assert [p["slug"] for p in listed.json()] == [a["slug"], b["slug"], c["slug"]]
    assert {"slug", "title", "revision"} <= set(listed.json()[0])
    mine = api.get("/pages", params={"author": ann_name}).json()
    assert [p["title"] for p in mine] == ["Mango " + word, "Unrelated", f"Zebra {word} notes"]


def test_only_the_creator_may_delete_and_history_goes_too(api: httpx.Client) -> None:
    _, ann = _writer(api)
    _, bob = _writer(api)
    page = _page(api, ann)
    _edit(api, bob, page["slug"], "bob was here")
    assert api.delete(f"/pages/{page['slug']}", headers=bob).status_code == 403
    assert api.delete(f"/pages/{page['slug']}", headers=ann).status_code == 204
    assert api.get(f"/pages/{page['slug']}").status_code == 404
    assert api.get(f"/pages/{page['slug']}/revisions").status_code == 404


def test_an_unknown_page_is_404(api: httpx.Client) -> None:
    _, ann = _writer(api)
    missing = _slug()
    assert api.get(f"/pages/{missing}").status_code == 404
    assert api.get(f"/pages/{missing}/raw").status_code == 404
    assert _edit(api, ann, missing, "x").status_code == 404
    assert api.delete(f"/pages/{missing}", headers=ann).status_code == 404
