"""A generated blog (JWT, roles, an owned entity, an upload, relations) driven over HTTP.

The app is rendered from `specs.blog()` and served by uvicorn inside the sandbox, once for the
module; each test creates the rows it needs, so the tests do not depend on one another.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from tests.render.conftest import BootedApp
from tests.render.specs import blog

_n = itertools.count(1)


@pytest.fixture(scope="module")
def app(boot: Any) -> BootedApp:
    return boot(blog())


@pytest.fixture(scope="module")
def admin(app: BootedApp) -> dict[str, str]:
    return app.admin()


@pytest.fixture(scope="module")
def reader(app: BootedApp) -> dict[str, str]:
    """A newly registered user: the default role, reader."""
    return app.register("reader@example.com")


@pytest.fixture(scope="module")
def editor(app: BootedApp, admin: dict[str, str]) -> dict[str, str]:
    headers = app.register("editor@example.com")
    me = app.client.get("/auth/me", headers=headers).json()
    response = app.client.patch(f"/users/{me['id']}", json={"role": "editor"}, headers=admin)
    assert response.status_code == 200, response.text
    return headers


def new_post(app: BootedApp, headers: dict[str, str], **fields: Any) -> dict[str, Any]:
    body = {"title": f"Post {next(_n)}", "body": "Hello.", **fields}
    response = app.client.post("/posts", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def new_tag(app: BootedApp, admin: dict[str, str]) -> dict[str, Any]:
    response = app.client.post("/tags", json={"name": f"tag-{next(_n)}"}, headers=admin)
    assert response.status_code == 201, response.text
    return response.json()


def test_health_checks_the_database(app: BootedApp) -> None:
    assert app.client.get("/health").json() == {"status": "ok"}


def test_first_admin_is_created_at_startup_and_can_log_in(
    app: BootedApp, admin: dict[str, str]
) -> None:
    me = app.client.get("/auth/me", headers=admin).json()
    assert me["email"] == "admin@example.com" and me["role"] == "admin"


def test_register_gives_the_default_role_and_hides_the_password(app: BootedApp) -> None:
    response = app.client.post(
        "/auth/register",
        json={"email": "new@example.com", "password": "long-enough", "role": "admin"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["role"] == "reader"
    assert not {"password", "hashed_password"} & set(body)


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"email": "admin@example.com", "password": "long-enough"}, 409),
        ({"email": "short@example.com", "password": "short"}, 422),
        ({"email": "not-an-email", "password": "long-enough"}, 422),
    ],
)
def test_register_refuses_bad_input(app: BootedApp, body: dict[str, str], status: int) -> None:
    assert app.client.post("/auth/register", json=body).status_code == status


def test_login_with_a_wrong_password_is_401(app: BootedApp) -> None:
    form = {"username": "admin@example.com", "password": "wrong"}
    assert app.client.post("/auth/login", data=form).status_code == 401


def test_me_needs_a_valid_token(app: BootedApp) -> None:
    assert app.client.get("/auth/me").status_code == 401
    assert app.client.get("/auth/me", headers={"Authorization": "Bearer x.y.z"}).status_code == 401


def test_writes_need_a_token_and_reads_are_public(app: BootedApp, admin: dict[str, str]) -> None:
    post = new_post(app, admin)
    assert app.client.post("/posts", json={"title": "t", "body": "b"}).status_code == 401
    assert app.client.patch(f"/posts/{post['id']}", json={"title": "x"}).status_code == 401
    assert app.client.delete(f"/posts/{post['id']}").status_code == 401
    assert app.client.get(f"/posts/{post['id']}").status_code == 200
    assert app.client.get("/posts").status_code == 200


def test_creating_posts_needs_the_editor_role(
    app: BootedApp, reader: dict[str, str], editor: dict[str, str]
) -> None:
    assert (
        app.client.post("/posts", json={"title": "t", "body": "b"}, headers=reader).status_code
        == 403
    )
    post = new_post(app, editor)
    assert post["author_id"] == app.client.get("/auth/me", headers=editor).json()["id"]


def test_only_the_author_or_an_admin_changes_a_post(
    app: BootedApp, admin: dict[str, str], editor: dict[str, str], reader: dict[str, str]
) -> None:
    post = new_post(app, editor)
    url = f"/posts/{post['id']}"
    assert app.client.patch(url, json={"title": "Mine now"}, headers=reader).status_code == 403
    assert app.client.patch(url, json={"title": "By author"}, headers=editor).status_code == 200
    assert app.client.patch(url, json={"title": "By admin"}, headers=admin).status_code == 200
    assert app.client.delete(url, headers=reader).status_code == 403


def test_patch_changes_only_the_given_fields(app: BootedApp, admin: dict[str, str]) -> None:
    post = new_post(app, admin, status="draft")
    response = app.client.patch(f"/posts/{post['id']}", json={"status": "published"}, headers=admin)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "published"
    assert (body["title"], body["body"]) == (post["title"], post["body"])


def test_put_replaces_every_field(app: BootedApp, admin: dict[str, str]) -> None:
    post = new_post(app, admin, status="published")
    response = app.client.put(
        f"/posts/{post['id']}", json={"title": "New", "body": "Text"}, headers=admin
    )
    assert response.status_code == 200
    assert response.json()["status"] == "draft"  # back to its default
    assert (
        app.client.put(f"/posts/{post['id']}", json={"title": "New"}, headers=admin).status_code
        == 422
    )


def test_patch_cannot_null_a_required_field(app: BootedApp, admin: dict[str, str]) -> None:
    post = new_post(app, admin)
    assert (
        app.client.patch(f"/posts/{post['id']}", json={"title": None}, headers=admin).status_code
        == 422
    )


@pytest.mark.parametrize(
    "body",
    [
        {"title": "t", "body": "b", "status": "archived"},
        {"title": "", "body": "b"},
        {"title": "x" * 201, "body": "b"},
        {"title": 5, "body": "b"},
        {"body": "b"},
        {"title": "t", "body": "b", "tag_ids": ["one"]},
        {"title": "t", "body": "b", "published_at": "yesterday"},
    ],
)
def test_invalid_posts_are_422(app: BootedApp, admin: dict[str, str], body: dict[str, Any]) -> None:
    assert app.client.post("/posts", json=body, headers=admin).status_code == 422


def test_missing_rows_are_404(app: BootedApp, admin: dict[str, str]) -> None:
    assert app.client.get("/posts/999999").status_code == 404
    assert app.client.patch("/posts/999999", json={}, headers=admin).status_code == 404
    assert app.client.delete("/posts/999999", headers=admin).status_code == 404


def test_delete_is_204_then_404(app: BootedApp, admin: dict[str, str]) -> None:
    post = new_post(app, admin)
    assert app.client.delete(f"/posts/{post['id']}", headers=admin).status_code == 204
    assert app.client.get(f"/posts/{post['id']}").status_code == 404


def test_pagination_is_capped(app: BootedApp, admin: dict[str, str]) -> None:
    for _ in range(3):
        new_post(app, admin)
    page = app.client.get("/posts", params={"limit": 2, "offset": 1}).json()
    assert set(page) == {"items", "total", "limit", "offset"}
    assert len(page["items"]) == 2 and page["total"] >= 3 and page["offset"] == 1
    assert app.client.get("/posts", params={"limit": 101}).status_code == 422
    assert app.client.get("/posts").json()["limit"] == 20


def test_filters_on_fields_and_foreign_keys(
    app: BootedApp, admin: dict[str, str], editor: dict[str, str]
) -> None:
    post = new_post(app, editor, status="published")
    rows = app.client.get(
        "/posts", params={"author_id": post["author_id"], "status": "published"}
    ).json()
    assert post["id"] in [row["id"] for row in rows["items"]]
    assert all(row["author_id"] == post["author_id"] for row in rows["items"])
    assert app.client.get("/posts", params={"status": "nope"}).status_code == 422


def test_comments_need_an_existing_post(app: BootedApp, reader: dict[str, str]) -> None:
    response = app.client.post("/comments", json={"body": "Hi", "post_id": 999999}, headers=reader)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "post_id"]


def test_deleting_a_post_deletes_its_comments(
    app: BootedApp, admin: dict[str, str], reader: dict[str, str]
) -> None:
    """Posts are owned: their comments go with them, so an author is never stuck on a 409."""
    post = new_post(app, admin)
    comment = app.client.post(
        "/comments", json={"body": "Hi", "post_id": post["id"]}, headers=reader
    )
    assert comment.status_code == 201
    assert app.client.delete(f"/posts/{post['id']}", headers=admin).status_code == 204
    assert app.client.get(f"/comments/{comment.json()['id']}").status_code == 404


def test_tags_are_many_to_many(app: BootedApp, admin: dict[str, str]) -> None:
    tags = [new_tag(app, admin)["id"] for _ in range(2)]
    post = new_post(app, admin, tag_ids=tags)
    assert sorted(post["tag_ids"]) == sorted(tags)
    response = app.client.patch(f"/posts/{post['id']}", json={"tag_ids": tags[:1]}, headers=admin)
    assert response.json()["tag_ids"] == tags[:1]
    bad = app.client.post(
        "/posts", json={"title": "t", "body": "b", "tag_ids": [999999]}, headers=admin
    )
    assert bad.status_code == 422


def test_deleting_a_tag_detaches_it_from_posts(app: BootedApp, admin: dict[str, str]) -> None:
    tag = new_tag(app, admin)
    post = new_post(app, admin, tag_ids=[tag["id"]])
    assert app.client.delete(f"/tags/{tag['id']}", headers=admin).status_code == 204
    assert app.client.get(f"/posts/{post['id']}").json()["tag_ids"] == []


def test_unique_tag_names_conflict(app: BootedApp, admin: dict[str, str]) -> None:
    tag = new_tag(app, admin)
    assert app.client.post("/tags", json={"name": tag["name"]}, headers=admin).status_code == 409
    other = new_tag(app, admin)
    response = app.client.patch(f"/tags/{other['id']}", json={"name": tag["name"]}, headers=admin)
    assert response.status_code == 409


def test_only_admins_manage_tags_and_users(app: BootedApp, editor: dict[str, str]) -> None:
    assert app.client.post("/tags", json={"name": "editors-tag"}, headers=editor).status_code == 403
    assert app.client.get("/users", headers=editor).status_code == 403


def test_upload_round_trip(app: BootedApp, admin: dict[str, str]) -> None:
    post = new_post(app, admin)
    url = f"/posts/{post['id']}/image"
    assert app.client.get(url).status_code == 404
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 100
    response = app.client.post(url, files={"file": ("cat.png", png, "image/png")}, headers=admin)
    assert response.status_code == 200, response.text
    assert response.json()["image"].endswith(".png")
    download = app.client.get(url)
    assert download.status_code == 200 and download.content == png


def test_upload_checks_type_size_and_token(app: BootedApp, admin: dict[str, str]) -> None:
    post = new_post(app, admin)
    url = f"/posts/{post['id']}/image"
    text = {"file": ("notes.txt", b"hello", "text/plain")}
    assert app.client.post(url, files=text, headers=admin).status_code == 415
    big = {"file": ("big.png", b"0" * (1024 * 1024 + 1), "image/png")}  # MAX_UPLOAD_MB=1
    assert app.client.post(url, files=big, headers=admin).status_code == 413
    small = {"file": ("a.png", b"0", "image/png")}
    assert app.client.post(url, files=small).status_code == 401


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("GET", "/posts/0", {}),
        ("GET", "/posts/abc", {}),
        ("GET", "/posts/99999999999999999999", {}),
        ("GET", "/posts?offset=99999999999999999999", {}),
        ("GET", "/posts?title=%00", {}),
        (
            "POST",
            "/posts",
            {"content": b"{not json", "headers": {"Content-Type": "application/json"}},
        ),
        ("POST", "/posts", {"json": {"title": "t\u0000", "body": "b"}}),
        (
            "POST",
            "/posts",
            {"json": {"title": "t", "body": "b", "tag_ids": [99999999999999999999]}},
        ),
        ("POST", "/comments", {"json": {"body": "b", "post_id": -1}}),
        ("POST", "/auth/login", {"data": {"username": "x"}}),
        ("PATCH", "/posts/1", {"json": ["not", "an", "object"]}),
    ],
)
def test_odd_input_never_gives_a_server_error(
    app: BootedApp, admin: dict[str, str], method: str, path: str, kwargs: dict[str, Any]
) -> None:
    headers = {**admin, **kwargs.pop("headers", {})}
    response = app.client.request(method, path, headers=headers, **kwargs)
    assert response.status_code < 500, response.text
