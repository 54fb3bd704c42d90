"""The API generated from an OpenAPI document behaves as the document declares.

Three small documents (tests/contract/documents/) are generated and booted in the sandbox; each
test calls the booted app as ordinary clients would, two of them where data is per-user: declared
status codes (200 for a create where declared, 400 rather than 422 where declared), bare arrays
and envelopes, field names exactly as declared, query filters, sorting and paging, escaped
HTML, plain text, and bearer, cookie and API-key security.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.contract.booted import served

DOCUMENTS = Path(__file__).resolve().parent / "documents"
PASSWORD = "a-long-enough-password"  # noqa: S105 - made up for the test users


def _document(name: str) -> str:
    return (DOCUMENTS / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def tasks() -> Iterator[httpx.Client]:
    with served(_document("tasks.yaml")) as app:
        yield app


@pytest.fixture(scope="module")
def shop() -> Iterator[httpx.Client]:
    with served(_document("shop.yaml")) as app:
        yield app


@pytest.fixture(scope="module")
def vault() -> Iterator[httpx.Client]:
    with served(_document("vault.yaml")) as app:
        yield app


def _bearer(app: httpx.Client) -> dict[str, str]:
    """A new user of the task board, registered and signed in: their Authorization header."""
    name = f"user-{secrets.token_hex(4)}"
    registered = app.post("/auth/register", json={"userName": name, "password": PASSWORD})
    assert registered.status_code == 201 and registered.json() == {"userName": name}
    login = app.post("/auth/login", json={"userName": name, "password": PASSWORD})
    assert login.status_code == 200 and login.json()["tokenType"] == "bearer"
    return {"Authorization": f"Bearer {login.json()['accessToken']}"}


def test_a_create_answers_the_declared_200_with_the_declared_field_names(
    tasks: httpx.Client,
) -> None:
    me = _bearer(tasks)
    body = {"title": "write", "priority": 2, "dueDate": "2024-06-01", "tags": ["home"]}
    created = tasks.post("/tasks", json=body, headers=me)
    assert created.status_code == 200
    task = created.json()
    assert set(task) == {"title", "status", "priority", "dueDate", "tags", "taskId", "createdAt"}
    assert (task["status"], task["dueDate"], task["tags"]) == ("open", "2024-06-01", ["home"])
    assert tasks.get(f"/tasks/{task['taskId']}", headers=me).json() == task


def test_invalid_input_answers_400_where_the_document_declares_400(tasks: httpx.Client) -> None:
    me = _bearer(tasks)
    assert tasks.post("/tasks", json={"priority": 2}, headers=me).status_code == 400  # no title
    assert tasks.post("/tasks", json={"title": "x", "priority": 9}, headers=me).status_code == 400
    assert tasks.get("/tasks", params={"status": "lost"}, headers=me).status_code == 400
    assert tasks.post("/auth/register", json={"userName": "ab"}).status_code == 400


def test_a_list_declared_as_an_array_is_a_bare_array_filtered_sorted_and_paged(
    tasks: httpx.Client,
) -> None:
    me = _bearer(tasks)
    rows = [
        {"title": "alpha milk", "priority": 1, "dueDate": "2024-01-10", "tags": ["home"]},
        {"title": "beta", "priority": 3, "dueDate": "2024-02-10", "tags": ["work", "home"]},
        {"title": "gamma", "priority": 5, "dueDate": "2024-03-10", "status": "done"},
    ]
    for row in rows:
        assert tasks.post("/tasks", json=row, headers=me).status_code == 200

    def titles(**params: object) -> list[str]:
        answer = tasks.get("/tasks", params=params, headers=me)
        assert answer.status_code == 200 and isinstance(answer.json(), list)
        return [task["title"] for task in answer.json()]

    assert titles() == ["alpha milk", "beta", "gamma"]
    assert titles(sort="DESC") == ["gamma", "beta", "alpha milk"]
    assert titles(limit=1, offset=1) == ["beta"]
    assert titles(status="done") == ["gamma"]
    assert titles(q="MILK") == ["alpha milk"]
    assert titles(priority=3, op="ge") == ["beta", "gamma"]
    assert titles(priority=3, op="lt") == ["alpha milk"]
    assert titles(dueFrom="2024-02-01", dueTo="2024-02-28") == ["beta"]
    assert titles(tags="home,work") == ["alpha milk", "beta"]
    assert titles(tags="home,work", match="all") == ["beta"]


def test_one_user_never_reads_or_changes_anothers_tasks(tasks: httpx.Client) -> None:
    alice, bob = _bearer(tasks), _bearer(tasks)
    task = tasks.post("/tasks", json={"title": "alice's"}, headers=alice).json()
    item = f"/tasks/{task['taskId']}"
    assert tasks.get("/tasks", headers=bob).json() == []
    assert tasks.get(item, headers=bob).status_code == 404
    assert tasks.patch(item, json={"title": "bob's"}, headers=bob).status_code == 404
    assert tasks.delete(item, headers=bob).status_code == 404
    assert tasks.get(item).status_code == 401
    assert tasks.get(item, headers=alice).json()["title"] == "alice's"


def test_a_patch_changes_only_what_it_sends_and_a_delete_answers_204(tasks: httpx.Client) -> None:
    me = _bearer(tasks)
    task = tasks.post("/tasks", json={"title": "old", "priority": 2}, headers=me).json()
    item = f"/tasks/{task['taskId']}"
    changed = tasks.patch(item, json={"title": "new"}, headers=me)
    assert changed.status_code == 200
    assert (changed.json()["title"], changed.json()["priority"]) == ("new", 2)
    deleted = tasks.delete(item, headers=me)
    assert (deleted.status_code, deleted.content) == (204, b"")
    assert tasks.get(item, headers=me).status_code == 404


def test_an_html_response_is_text_html_with_the_users_text_escaped(tasks: httpx.Client) -> None:
    me = _bearer(tasks)
    task = tasks.post("/tasks", json={"title": "<script>alert(1)</script>"}, headers=me).json()
    card = tasks.get(f"/tasks/{task['taskId']}/card", headers=me)
    assert card.status_code == 200
    assert card.headers["content-type"].startswith("text/html")
    assert "<script>" not in card.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in card.text


def test_a_cookie_session_is_set_by_sign_in_and_scopes_the_cart(shop: httpx.Client) -> None:
    def session() -> httpx.Client:
        client = httpx.Client(transport=shop._transport, base_url="http://app")
        who = {"email": f"{secrets.token_hex(4)}@example.com", "password": PASSWORD}
        assert client.post("/signup", data=who).status_code == 201
        signed = client.post("/signin", data=who)
        assert signed.status_code == 204 and "sid" in signed.cookies
        return client

    alice, bob = session(), session()
    added = alice.post("/cart/items", json={"product_id": 1, "quantity": 2})
    assert added.status_code == 201
    item_id = added.json()["id"]
    assert len(item_id) == 36  # a UUID, not a counter another user could guess
    assert bob.get("/cart/items").json() == []
    assert bob.delete(f"/cart/items/{item_id}").status_code == 404
    assert shop.get("/cart/items").status_code == 401  # no cookie
    assert alice.delete(f"/cart/items/{item_id}").status_code == 204
    assert alice.get("/cart/items").json() == []
    wrong = shop.post("/signin", data={"email": "nobody@example.com", "password": "wrong-one"})
    assert wrong.status_code == 401


def test_an_open_list_declared_as_an_envelope_is_paged_in_it(shop: httpx.Client) -> None:
    seller = httpx.Client(transport=shop._transport, base_url="http://app")
    who = {"email": f"{secrets.token_hex(4)}@example.com", "password": PASSWORD}
    seller.post("/signup", data=who)
    seller.post("/signin", data=who)
    for name, price in (("tea", 2.5), ("<b>jam</b>", 4.0), ("bread", 3.0)):
        assert seller.post("/products", json={"name": name, "price": price}).status_code == 201
    assert shop.post("/products", json={"name": "x", "price": 1}).status_code == 401
    page = shop.get("/products", params={"page": 2}).json()  # open to anyone
    assert page == {
        "data": [{"id": page["data"][0]["id"], "name": "bread", "price": 3.0}],
        "total": 3,
        "page": 2,
    }
    assert [p["name"] for p in shop.get("/products", params={"min_price": 3}).json()["data"]] == [
        "<b>jam</b>",
        "bread",
    ]
    listed = shop.get("/products/list.html")
    assert listed.headers["content-type"].startswith("text/html")
    assert "&lt;b&gt;jam&lt;/b&gt;" in listed.text and "<b>jam" not in listed.text


def test_an_api_key_from_registration_guards_the_callers_own_records(vault: httpx.Client) -> None:
    def key() -> dict[str, str]:
        name = f"user-{secrets.token_hex(4)}"
        made = vault.post("/accounts", json={"username": name, "password": PASSWORD})
        assert made.status_code == 201 and made.json()["username"] == name
        return {"X-Vault-Key": made.json()["api_key"]}

    alice, bob = key(), key()
    kept = vault.post("/secrets", json={"label": "pin", "value": "1234"}, headers=alice)
    assert kept.status_code == 201
    item = f"/secrets/{kept.json()['id']}"
    assert vault.get(item, headers=alice).json()["value"] == "1234"
    assert vault.get(item, headers=bob).status_code == 404
    assert vault.get("/secrets", headers={"X-Vault-Key": "made-up"}).status_code == 401
    assert vault.get("/secrets", headers=bob).json() == []


def test_a_plain_text_log_is_appended_to_and_read_back_as_text(vault: httpx.Client) -> None:
    made = vault.post("/accounts", json={"username": f"u-{secrets.token_hex(4)}", "password": "p"})
    me = {"X-Vault-Key": made.json()["api_key"]}
    text = {**me, "Content-Type": "text/plain"}
    assert vault.post("/journal", content="first line", headers=text).status_code == 204
    assert vault.post("/journal", content="<second>", headers=text).status_code == 204
    journal = vault.get("/journal", headers=me)
    assert journal.headers["content-type"].startswith("text/plain")
    assert journal.text == "first line\n<second>\n"


@pytest.fixture(scope="module")
def kitchen() -> Iterator[httpx.Client]:
    with served(_document("kitchen.yaml")) as app:
        yield app


def _tool(app: httpx.Client) -> dict[str, str]:
    """A new tool's API key (from the open POST /keys), as the query parameter it goes in."""
    issued = app.post("/keys", json={"tool": "mixer"})
    assert issued.status_code == 201 and issued.json()["tool"] == "mixer"
    return {"api_key": issued.json()["key"]}


def test_a_one_of_a_kind_resource_is_the_callers_own(kitchen: httpx.Client) -> None:
    alice, bob = _tool(kitchen), _tool(kitchen)
    assert kitchen.get("/me/note", params=alice).status_code == 404  # nothing stored yet
    put = kitchen.put("/me/note", params=alice, content="door code 1234")
    assert put.status_code == 204
    note = kitchen.get("/me/note", params=alice)
    assert (note.status_code, note.text) == (200, "door code 1234")
    assert note.headers["content-type"].startswith("text/plain")
    assert kitchen.get("/me/note", params=bob).status_code == 404
    assert kitchen.get("/me/note").status_code == 401
    assert kitchen.delete("/me/note", params=alice).status_code == 204
    assert kitchen.get("/me/note", params=alice).status_code == 404


def test_open_reads_author_only_writes_answer_the_declared_403(kitchen: httpx.Client) -> None:
    alice, bob = _tool(kitchen), _tool(kitchen)
    made = kitchen.post("/recipes", params=alice, json={"name": "soup", "minutes": 40})
    assert made.status_code == 201
    item = f"/recipes/{made.json()['id']}"
    assert kitchen.get(item).json()["name"] == "soup"  # reads are open
    assert kitchen.delete(item, params=bob).status_code == 403
    assert kitchen.delete(item).status_code == 401
    assert kitchen.delete(item, params=alice).status_code == 204
    assert kitchen.delete(item, params=alice).status_code == 404


def test_an_integer_id_no_record_can_have_is_not_found_not_a_server_error(
    kitchen: httpx.Client,
) -> None:
    for beyond in (2**63, -(2**63) - 1, 6047512445866678943744):
        assert kitchen.get(f"/recipes/{beyond}").status_code == 404
    assert kitchen.get(f"/recipes/{2**63 - 1}").status_code == 404  # in range: looked up


def test_an_address_at_a_reserved_test_domain_is_an_email(shop: httpx.Client) -> None:
    who = {"email": f"{secrets.token_hex(4)}@mail.example.test", "password": PASSWORD}
    assert shop.post("/signup", data=who).status_code == 201
    refused = shop.post("/signup", data={**who, "email": "not-an-address"})
    assert refused.status_code == 422  # the document declares no 400 for it


def test_a_bare_sort_orders_by_the_property_its_description_names(kitchen: httpx.Client) -> None:
    me = _tool(kitchen)
    for name, minutes in (("stew", 90), ("toast", 3), ("salad", 10)):
        kitchen.post("/recipes", params=me, json={"name": name, "minutes": minutes})
    listed = kitchen.get("/recipes", params={"sort": "DESC"}).json()
    minutes = [r["minutes"] for r in listed]
    assert minutes == sorted(minutes, reverse=True) and len(minutes) >= 3


@pytest.fixture(scope="module")
def basket() -> Iterator[httpx.Client]:
    with served(_document("basket.yaml")) as app:
        yield app


def test_counted_items_are_added_up_taken_away_and_kept_per_caller(basket: httpx.Client) -> None:
    alice, bob = ({"X-Key": basket.post("/keys").json()["key"]} for _ in range(2))
    tea = basket.post("/products", json={"name": "tea"}).json()["id"]
    line = {"product_id": tea, "quantity": 2}
    assert basket.post("/basket/lines", json=line, headers=alice).status_code == 200
    added = basket.post("/basket/lines", json={**line, "quantity": 1}, headers=alice)
    assert added.json() == {"lines": [{"product_id": tea, "quantity": 3}], "total_items": 3}
    assert basket.get("/basket", headers=bob).json() == {"lines": [], "total_items": 0}
    taken = basket.delete(f"/basket/lines/{tea}", headers=alice)
    assert taken.status_code == 200 and taken.json()["total_items"] == 2
    missing = {"product_id": 999_999, "quantity": 1}
    assert basket.post("/basket/lines", json=missing, headers=alice).status_code == 404
    assert (
        basket.post("/basket/lines", json={**line, "quantity": 0}, headers=alice).status_code == 400
    )
    assert basket.get("/basket").status_code == 401


def test_a_photo_is_set_by_its_author_and_served_as_declared(kitchen: httpx.Client) -> None:
    alice, bob = _tool(kitchen), _tool(kitchen)
    made = kitchen.post("/recipes", params=alice, json={"name": "pie", "minutes": 50}).json()
    photo = f"/recipes/{made['id']}/photo"
    jpeg = {"photo": ("../../secret.jpg", b"\xff\xd8\xff-jpeg-bytes", "image/jpeg")}
    assert kitchen.put(photo, params=bob, files=jpeg).status_code == 403
    assert kitchen.put(photo, params=alice, files=jpeg).status_code == 204
    served_photo = kitchen.get(photo)
    assert served_photo.status_code == 200
    assert served_photo.headers["content-type"] == "image/jpeg"
    assert served_photo.content == b"\xff\xd8\xff-jpeg-bytes"
    assert "secret.jpg" in served_photo.headers["content-disposition"]  # the name, no folders
    assert "../" not in served_photo.headers["content-disposition"]


def test_bounds_a_property_operator_and_a_singular_tag_filter(kitchen: httpx.Client) -> None:
    me = _tool(kitchen)
    assert kitchen.post("/recipes", params=me, json={"name": "x", "minutes": 0}).status_code == 400
    tag = secrets.token_hex(4)
    for name, minutes, tags in (("fast", 5, [tag]), ("slow", 120, [tag, "oven"]), ("mid", 30, [])):
        kitchen.post("/recipes", params=me, json={"name": name, "minutes": minutes, "tags": tags})

    def names(**params: object) -> set[str]:
        return {r["name"] for r in kitchen.get("/recipes", params=params).json()}

    assert names(tag=tag) == {"fast", "slow"}
    assert names(tag=tag, minutes=30, minutes_op="gte") == {"slow"}
    assert {"fast", "mid"} <= names(minutes=30, minutes_op="lte")


@pytest.fixture(scope="module")
def guild() -> Iterator[httpx.Client]:
    with served(_document("guild.yaml")) as app:
        yield app


def test_sign_up_spends_a_one_time_code_for_its_own_address(guild: httpx.Client) -> None:
    def join(code: str, email: str, name: str) -> httpx.Response:
        body = {"code": code, "email": email, "password": PASSWORD, "name": name}
        return guild.post("/register", json=body)

    def token(email: str) -> dict[str, str]:
        answer = guild.post("/token", json={"email": email, "password": PASSWORD})
        return {"Authorization": f"Bearer {answer.json()['access_token']}"}

    assert join("guessed", "x@example.com", "X").status_code == 403
    first = guild.post("/first-code")
    assert first.status_code == 200 and len(first.json()["code"]) >= 16
    made = join(first.json()["code"], "fay@example.com", "Fay")
    assert made.status_code == 201 and made.json()["name"] == "Fay"
    assert "password" not in made.json() and "code" not in made.json()
    assert guild.post("/first-code").status_code == 409  # there are members now
    fay = token("fay@example.com")
    invite = guild.post("/invites", json={"email": "bo@example.com", "code": "mine"}, headers=fay)
    assert invite.status_code == 201
    code = invite.json()["code"]
    assert code != "mine" and invite.json()["used"] is False  # the code is never the caller's
    assert join(code, "eve@example.com", "Eve").status_code == 403  # someone else's invitation
    assert join(code, "BO@example.com", "Bo").status_code == 201
    assert join(code, "bo@example.com", "Bo again").status_code == 403  # spent
    assert guild.get("/invites", headers=fay).json()[0]["used"] is True
    bo = token("BO@example.com")  # the login name as signed up with
    assert guild.get("/invites", headers=bo).json() == []  # only the caller's own invitations


def test_the_directory_lists_accounts_and_each_edits_only_their_own_profile(
    guild: httpx.Client,
) -> None:
    def member(email: str, name: str) -> dict[str, str]:
        boss = {"Authorization": f"Bearer {_guild_token(guild)}"}
        code = guild.post("/invites", json={"email": email}, headers=boss).json()["code"]
        body = {"code": code, "email": email, "password": PASSWORD, "name": name}
        assert guild.post("/register", json=body).status_code == 201
        answer = guild.post("/token", json={"email": email, "password": PASSWORD})
        return {"Authorization": f"Bearer {answer.json()['access_token']}"}

    zed, amy = member("zed@example.com", "Zed"), member("amy@example.com", "Amy")
    names = [m["name"] for m in guild.get("/people", headers=zed).json()]
    assert names == sorted(names) and {"Amy", "Zed"} <= set(names)  # sorted by name, as declared
    changed = guild.patch("/people/me", json={"bio": "rust", "email": "x@evil.test"}, headers=amy)
    assert changed.status_code == 200
    assert changed.json()["bio"] == "rust" and changed.json()["email"] == "amy@example.com"
    amy_id = changed.json()["id"]
    assert guild.get(f"/people/{amy_id}", headers=zed).json()["bio"] == "rust"
    assert guild.get("/people/999999", headers=zed).status_code == 404
    assert guild.get("/people").status_code == 401


def _guild_token(guild: httpx.Client) -> str:
    """A token of the guild's first member (signed up by the test before, or now)."""
    first = guild.post("/first-code")
    if first.status_code == 200:
        body = {"code": first.json()["code"], "email": "fay@example.com", "password": PASSWORD}
        guild.post("/register", json={**body, "name": "Fay"})
    answer = guild.post("/token", json={"email": "fay@example.com", "password": PASSWORD})
    return str(answer.json()["access_token"])


@pytest.fixture(scope="module")
def desk() -> Iterator[httpx.Client]:
    with served(_document("desk.yaml")) as app:
        yield app


def _clerk(app: httpx.Client) -> dict[str, str]:
    """A new clerk's key, sent as the `key` query parameter the document's scheme names."""
    made = app.post("/clerks", json={"name": "clerk"})
    assert made.status_code == 201
    return {"key": made.json()["key"]}


def test_unset_required_properties_get_defaults_and_a_made_code(desk: httpx.Client) -> None:
    me = _clerk(desk)
    assert desk.get("/boards").status_code == 401
    board = desk.post("/boards", json={"name": "ops"}, params=me).json()
    assert board["state"] == "draft" and board["cards"] == 0 and board["pinned"] is False
    assert isinstance(board["code"], str) and len(board["code"]) >= 6
    again = desk.get(f"/boards/{board['id']}", params=me).json()
    assert again["code"] == board["code"]  # made once, kept
    own = desk.post("/boards", json={"name": "x", "code": "mine"}, params=me).json()
    assert own["code"] == "mine"


def test_prefix_and_a_bound_on_a_defaulted_count_filter(desk: httpx.Client) -> None:
    me = _clerk(desk)
    stem = secrets.token_hex(3)
    first = desk.post("/boards", json={"name": f"{stem}.a"}, params=me).json()
    desk.post("/boards", json={"name": f"z{stem}"}, params=me)
    found = desk.get("/boards", params={**me, "prefix": stem}).json()
    assert [b["id"] for b in found] == [first["id"]]
    assert desk.get("/boards", params={**me, "cards_min": 1}).json() == []


def test_a_nested_list_under_another_callers_record_is_404(desk: httpx.Client) -> None:
    mine, theirs = _clerk(desk), _clerk(desk)
    board = desk.post("/boards", json={"name": "b"}, params=mine).json()
    path = f"/boards/{board['id']}/notes"
    assert desk.post(path, json={"text": "one"}, params=mine).status_code == 201
    desk.post(path, json={"text": "two"}, params=mine)
    assert [n["text"] for n in desk.get(path, params=mine).json()] == ["one", "two"]
    assert desk.get(path, params=theirs).status_code == 404
    assert desk.post(path, json={"text": "x"}, params=theirs).status_code == 404


def test_a_text_log_is_written_as_the_documents_example_line_shows(desk: httpx.Client) -> None:
    me = _clerk(desk)
    desk.post("/entries", json={"level": "error", "message": "disk full"}, params=me)
    desk.post("/entries", json={"level": "info", "message": "back up"}, params=me)
    log = desk.get("/entries.log", params=me)
    assert log.headers["content-type"].startswith("text/plain")
    lines = log.text.splitlines()
    assert [line.split(" ", 1)[1] for line in lines] == ["ERROR disk full", "INFO back up"]
    assert all(line[:4].isdigit() for line in lines)  # each starts with when it was written
