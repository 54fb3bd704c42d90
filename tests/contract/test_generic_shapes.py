"""Generated APIs behave as ordinary documents of other shapes declare, not only the corpus's.

Eight small documents (tests/contract/documents/: tracker, orders, flags, lend, snippets,
journal, links, posts) vary
what the patterns read: records named by a value the client gives (`/projects/{slug}`), a 409
on a taken unique value, actions on an item (`/complete`, `/archive`, `/cancel`), a PUT that
makes the record at its path, a body naming another collection's record, sign-in by email with
a nested user in the answer, a server-kept status that starts at its first value, a list of one
person's records, a text view of one property, and a signed-out token refused.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from pipeline.contract import openapi_document, plan_operations, render_contract_project
from pipeline.parse import parse_spec
from tests.contract.booted import served

DOCUMENTS = Path(__file__).resolve().parent / "documents"


def _boot(name: str) -> Iterator[httpx.Client]:
    with served((DOCUMENTS / name).read_text(encoding="utf-8")) as app:
        yield app


@pytest.fixture(scope="module")
def tracker() -> Iterator[httpx.Client]:
    yield from _boot("tracker.yaml")


@pytest.fixture(scope="module")
def orders() -> Iterator[httpx.Client]:
    yield from _boot("orders.yaml")


@pytest.fixture(scope="module")
def flags() -> Iterator[httpx.Client]:
    yield from _boot("flags.yaml")


@pytest.fixture(scope="module")
def lend() -> Iterator[httpx.Client]:
    yield from _boot("lend.yaml")


@pytest.fixture(scope="module")
def journal() -> Iterator[httpx.Client]:
    yield from _boot("journal.json")


@pytest.fixture(scope="module")
def links() -> Iterator[httpx.Client]:
    yield from _boot("links.yaml")


@pytest.fixture(scope="module")
def posts() -> Iterator[httpx.Client]:
    yield from _boot("posts.yaml")


@pytest.fixture(scope="module")
def snippets() -> Iterator[httpx.Client]:
    yield from _boot("snippets.yaml")


def _client_key(app: httpx.Client) -> dict[str, str]:
    made = app.post("/clients", json={"name": "ci"})
    assert made.status_code == 201 and isinstance(made.json()["client_id"], int)
    return {"X-API-Key": made.json()["api_key"]}


def test_records_named_by_a_client_given_slug_and_a_taken_slug_answers_409(
    tracker: httpx.Client,
) -> None:
    me, other = _client_key(tracker), _client_key(tracker)
    slug = f"web-{secrets.token_hex(3)}"
    made = tracker.post("/projects", json={"slug": slug, "name": "Website"}, headers=me)
    assert made.status_code == 201 and made.json()["archived"] is False
    again = tracker.post("/projects", json={"slug": slug, "name": "Again"}, headers=me)
    assert again.status_code == 409
    assert tracker.get(f"/projects/{slug}", headers=me).json()["name"] == "Website"
    assert tracker.get(f"/projects/{slug}", headers=other).status_code == 404
    archived = tracker.post(f"/projects/{slug}/archive", headers=me)
    assert archived.status_code == 200 and archived.json()["archived"] is True


def test_nested_records_under_a_slug_and_an_action_that_completes_one(
    tracker: httpx.Client,
) -> None:
    me = _client_key(tracker)
    slug = f"app-{secrets.token_hex(3)}"
    tracker.post("/projects", json={"slug": slug, "name": "App"}, headers=me)
    task = tracker.post(f"/projects/{slug}/tasks", json={"title": "Design"}, headers=me).json()
    assert task["status"] == "todo"
    missing = tracker.post("/projects/nope-x/tasks", json={"title": "x"}, headers=me)
    assert missing.status_code == 404
    done = tracker.post(f"/projects/{slug}/tasks/{task['id']}/complete", headers=me)
    assert done.status_code == 200 and done.json()["status"] == "done"
    listed = tracker.get(f"/projects/{slug}/tasks", params={"status": "done"}, headers=me)
    assert [t["id"] for t in listed.json()] == [task["id"]]


def test_sign_in_by_email_a_nested_user_and_a_kept_status_that_starts_at_its_first_value(
    orders: httpx.Client,
) -> None:
    email = f"{secrets.token_hex(4)}@example.com"
    body = {"name": "Sam", "email": email, "password": "secret1"}
    assert orders.post("/register", json=body).status_code == 201
    assert orders.post("/register", json={**body, "name": "Other"}).status_code == 409
    login = orders.post("/login", json={"email": email, "password": "secret1"})
    assert login.status_code == 200 and login.json()["user"]["email"] == email
    me = {"Authorization": f"Bearer {login.json()['accessToken']}"}
    order = orders.post("/orders", json={"product": "pen", "quantity": 2, "total": 3.5}, headers=me)
    assert order.json()["status"] == "pending" and order.json()["placedAt"]
    cancelled = orders.post(f"/orders/{order.json()['id']}/cancel", headers=me)
    assert cancelled.json()["status"] == "cancelled"


def test_a_put_at_an_item_path_makes_the_record_then_replaces_it(flags: httpx.Client) -> None:
    name = f"flag-{secrets.token_hex(3)}"
    assert flags.get(f"/flags/{name}").status_code == 404
    made = flags.put(f"/flags/{name}", json={"enabled": True, "rollout": 50})
    assert made.status_code == 201 and made.json()["name"] == name
    replaced = flags.put(f"/flags/{name}", json={"enabled": False})
    assert replaced.status_code == 200 and "rollout" not in replaced.json()
    assert flags.put(f"/flags/{name}", json={"rollout": 500}).status_code == 400
    assert flags.get(f"/flags/{name}").json()["enabled"] is False
    assert flags.delete(f"/flags/{name}").status_code == 204


def test_a_body_naming_a_missing_record_of_another_collection_is_refused(
    lend: httpx.Client,
) -> None:
    book = lend.post("/books", json={"title": "Dune"}).json()
    made = lend.post("/loans", json={"book_id": book["id"], "borrower": "ann"})
    assert made.status_code == 201 and made.json()["returned"] is False
    assert lend.post("/loans", json={"book_id": 10**9, "borrower": "ann"}).status_code == 404
    listed = lend.get("/loans").json()
    assert listed["has_more"] is False and listed["total_pages"] == 1
    gone = lend.delete(f"/loans/{made.json()['id']}")
    assert gone.status_code == 200 and gone.json()["deleted"] is True


def test_a_persons_records_by_login_a_one_property_text_view_and_sign_out(
    snippets: httpx.Client,
) -> None:
    name = f"u{secrets.token_hex(4)}"
    creds = {"username": name, "password": "password123"}
    token = snippets.post("/auth/register", json=creds).json()["token"]
    me = {"Authorization": f"Bearer {token}"}
    made = snippets.post(
        "/snippets", json={"title": "Hi", "code": "x = 1", "language": "go"}, headers=me
    )
    assert made.status_code == 201 and made.json()["author"] == name
    raw = snippets.get(f"/snippets/{made.json()['id']}/raw")
    assert raw.headers["content-type"].startswith("text/plain") and raw.text == "x = 1"
    mine = snippets.get(f"/users/{name}/snippets")
    assert [s["id"] for s in mine.json()] == [made.json()["id"]]
    assert snippets.get("/users/nobody-at-all/snippets").status_code == 404


def test_signing_out_of_a_cookie_session_refuses_its_token_from_then_on(
    journal: httpx.Client,
) -> None:
    creds = {"username": f"u{secrets.token_hex(4)}", "password": "password123"}
    assert journal.post("/users", json=creds).status_code == 201
    signed_in = journal.post("/sessions", json=creds)
    assert signed_in.status_code == 204
    cookie = {"sid": signed_in.cookies["sid"]}
    entry = {"title": "Day", "body": "rain", "date": "2024-01-05"}
    assert journal.post("/entries", json=entry, cookies=cookie).status_code == 201
    assert journal.delete("/sessions", cookies=cookie).status_code == 204
    assert journal.get("/entries", cookies=cookie).status_code == 401


def test_a_redirect_sends_the_client_to_the_records_url_and_counts_the_visit(
    links: httpx.Client,
) -> None:
    made = links.post("/links", json={"url": "https://example.com/a"})
    assert made.status_code == 201 and made.json()["clicks"] == 0
    code = made.json()["code"]
    gone = links.get(f"/{code}", follow_redirects=False)
    assert (gone.status_code, gone.headers["location"]) == (302, "https://example.com/a")
    assert links.get(f"/links/{code}").json()["clicks"] == 1
    assert links.get("/no-such-code", follow_redirects=False).status_code == 404


def test_an_issue_whose_words_name_roles_renders_and_shares_what_its_words_share() -> None:
    text = (DOCUMENTS / "forum.md").read_text(encoding="utf-8")  # "Members register ..."
    document = openapi_document(text)
    assert document is not None
    files = render_contract_project(parse_spec(text), document).files
    assert "app/routers/api.py" in files
    plans = plan_operations(document)
    assert plans["GET /threads"]["shared"] and plans["GET /threads/{id}"]["shared"]
    assert "shared" not in plans["GET /drafts"]  # "each member only sees their own drafts"


def test_the_operations_are_served_under_the_documents_server_path_too(
    links: httpx.Client,
) -> None:
    made = links.post("/v2/links", json={"url": "https://example.com/b"})
    assert made.status_code == 201
    assert links.get(f"/v2/links/{made.json()['code']}").json()["url"] == "https://example.com/b"
    assert links.post("/v2/links", json={}).status_code == 422  # the document declares no 400
    assert "/v2/links" not in links.get("/openapi.json").json()["paths"]


def test_a_like_counts_up_and_down_and_the_collection_exports_as_csv(posts: httpx.Client) -> None:
    post = posts.post("/posts", json={"title": "Hi, there", "score": 2.5}).json()
    assert post["likes"] == 0
    assert posts.post(f"/posts/{post['id']}/like").json()["likes"] == 1
    assert posts.post(f"/posts/{post['id']}/like").json()["likes"] == 2
    assert posts.delete(f"/posts/{post['id']}/like").json()["likes"] == 1
    exported = posts.get("/posts/export")
    assert exported.headers["content-type"].startswith("text/csv")
    lines = exported.text.splitlines()
    assert lines[0] == "id,title,score" and f'{post["id"]},"Hi, there",2.5' in lines
