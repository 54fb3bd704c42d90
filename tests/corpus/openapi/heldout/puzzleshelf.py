"""Acceptance tests for puzzleshelf.md, written from the document and its prose only.

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


def _brand() -> str:
    """A brand no other test uses, so the `brand` filter isolates this test's puzzles."""
    return f"Brand{uuid.uuid4().hex[:10]}"


def _puzzle(api: httpx.Client, title: str, brand: str, pieces: int = 500, **extra) -> dict:
    body = {"title": title, "brand": brand, "pieces": pieces, **extra}
    response = api.post("/puzzles", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _ids(response: httpx.Response) -> list[int]:
    assert response.status_code == 200, response.text
    body = response.json()
    assert isinstance(body, list)
    return [puzzle["id"] for puzzle in body]


def test_donate_with_defaults_and_computed_fields(api: httpx.Client) -> None:
    brand = _brand()
    puzzle = _puzzle(api, "Alpine Lake", brand, 1000, donated_by="Mrs Okafor")
    assert isinstance(puzzle["id"], int)
    assert puzzle["title"] == "Alpine Lake" and puzzle["brand"] == brand
    assert puzzle["pieces"] == 1000
    assert puzzle["missing_pieces"] == 0
    assert puzzle["donated_by"] == "Mrs Okafor"
    assert puzzle["available"] is True
    assert puzzle["borrowed_by"] is None
    assert puzzle["times_borrowed"] == 0
    got = api.get(f"/puzzles/{puzzle['id']}")
    assert got.status_code == 200 and got.json()["title"] == "Alpine Lake"


def test_same_title_and_brand_ignoring_case_is_409(api: httpx.Client) -> None:
    brand = _brand()
    _puzzle(api, "Alpine Lake", brand)
    again = api.post(
        "/puzzles", json={"title": "alpine lake", "brand": brand.upper(), "pieces": 300}
    )
    assert again.status_code == 409
    other_brand = _puzzle(api, "Alpine Lake", _brand())
    assert other_brand["title"] == "Alpine Lake"
    other = _puzzle(api, "Harbour at Night", brand)
    clash = api.patch(f"/puzzles/{other['id']}", json={"title": "ALPINE LAKE"})
    assert clash.status_code == 409
    assert api.get(f"/puzzles/{other['id']}").json()["title"] == "Harbour at Night"


def test_invalid_bodies_are_422(api: httpx.Client) -> None:
    brand = _brand()
    assert api.post("/puzzles", json={"brand": brand, "pieces": 500}).status_code == 422
    assert api.post("/puzzles", json={"title": "T", "brand": brand, "pieces": 1}).status_code == 422
    bad_missing = {"title": "T", "brand": brand, "pieces": 500, "missing_pieces": -1}
    assert api.post("/puzzles", json=bad_missing).status_code == 422
    puzzle = _puzzle(api, "Valid", brand)
    assert api.patch(f"/puzzles/{puzzle['id']}", json={"pieces": 1}).status_code == 422
    assert api.get(f"/puzzles/{puzzle['id']}").json()["pieces"] == 500


def test_borrow_then_409_and_return_then_409(api: httpx.Client) -> None:
    puzzle = _puzzle(api, "Steam Trains", _brand(), 750)
    path = f"/puzzles/{puzzle['id']}"
    borrowed = api.post(f"{path}/borrow", json={"borrower": "Tom"})
    assert borrowed.status_code == 200
    assert borrowed.json()["available"] is False
    assert borrowed.json()["borrowed_by"] == "Tom"
    assert borrowed.json()["times_borrowed"] == 1
    assert api.post(f"{path}/borrow", json={"borrower": "Una"}).status_code == 409
    assert api.get(path).json()["borrowed_by"] == "Tom"
    returned = api.post(f"{path}/return")
    assert returned.status_code == 200
    assert returned.json()["available"] is True
    assert returned.json()["borrowed_by"] is None
    assert returned.json()["times_borrowed"] == 1
    assert returned.json()["missing_pieces"] == 0
    assert api.post(f"{path}/return").status_code == 409


def test_return_with_missing_pieces_and_history_oldest_first(api: httpx.Client) -> None:
    puzzle = _puzzle(api, "Cats in Hats", _brand(), 300)
    path = f"/puzzles/{puzzle['id']}"
    assert api.get(f"{path}/borrowings").json() == []
    api.post(f"{path}/borrow", json={"borrower": "Vera"})
    back = api.post(f"{path}/return", json={"missing_pieces": 2})
    assert back.status_code == 200 and back.json()["missing_pieces"] == 2
    out = api.post(f"{path}/borrow", json={"borrower": "Walt"})
    assert out.json()["times_borrowed"] == 2
    history = api.get(f"{path}/borrowings")
    assert history.status_code == 200
    rows = history.json()
    assert [row["borrower"] for row in rows] == ["Vera", "Walt"]
    assert rows[0]["returned_at"] is not None and rows[0]["borrowed_at"]
    assert rows[1]["returned_at"] is None
    assert api.get(path).json()["missing_pieces"] == 2


def test_list_is_by_title_ignoring_case_and_sorts_by_pieces(api: httpx.Client) -> None:
    brand = _brand()
    b = _puzzle(api, "banana split", brand, 1000)
    c = _puzzle(api, "Castle", brand, 300)
    a = _puzzle(api, "Apple Orchard", brand, 1500)
    assert _ids(api.get("/puzzles", params={"brand": brand})) == [a["id"], b["id"], c["id"]]
    few = api.get("/puzzles", params={"brand": brand, "sort": "pieces"})
    assert _ids(few) == [c["id"], b["id"], a["id"]]
    many = api.get("/puzzles", params={"brand": brand, "sort": "-pieces"})
    assert _ids(many) == [a["id"], b["id"], c["id"]]


def test_brand_q_and_piece_range_filters(api: httpx.Client) -> None:
    brand = _brand()
    small = _puzzle(api, "Tiny Owls", brand, 100)
    mid = _puzzle(api, "Owl Forest", brand, 500)
    big = _puzzle(api, "Night Sky", brand, 1000)
    assert _ids(api.get("/puzzles", params={"brand": brand.lower()})) == [
        big["id"],
        mid["id"],
        small["id"],
    ]
    assert _ids(api.get("/puzzles", params={"brand": brand, "q": "OWL"})) == [
        mid["id"],
        small["id"],
    ]
    ranged = {"brand": brand, "min_pieces": 100, "max_pieces": 500}
    assert _ids(api.get("/puzzles", params=ranged)) == [mid["id"], small["id"]]
    assert _ids(api.get("/puzzles", params={"brand": brand, "min_pieces": 500})) == [
        big["id"],
        mid["id"],
    ]
    unique = brand[5:]
    assert _ids(api.get("/puzzles", params={"q": "sky", "brand": brand})) == [big["id"]]
    assert big["id"] not in _ids(api.get("/puzzles", params={"brand": unique}))


def test_complete_and_available_filters(api: httpx.Client) -> None:
    brand = _brand()
    whole = _puzzle(api, "A Whole One", brand)
    gappy = _puzzle(api, "B Gappy One", brand, missing_pieces=3)
    out = _puzzle(api, "C Borrowed One", brand)
    assert api.post(f"/puzzles/{out['id']}/borrow", json={"borrower": "Xia"}).status_code == 200
    assert _ids(api.get("/puzzles", params={"brand": brand, "complete": "true"})) == [
        whole["id"],
        out["id"],
    ]
    assert _ids(api.get("/puzzles", params={"brand": brand, "complete": "false"})) == [gappy["id"]]
    assert _ids(api.get("/puzzles", params={"brand": brand, "available": "false"})) == [out["id"]]
    assert _ids(api.get("/puzzles", params={"brand": brand, "available": "true"})) == [
        whole["id"],
        gappy["id"],
    ]
    both = {"brand": brand, "available": "true", "complete": "true"}
    assert _ids(api.get("/puzzles", params=both)) == [whole["id"]]


def test_limit_and_offset_after_sort(api: httpx.Client) -> None:
    brand = _brand()
    made = [_puzzle(api, f"Puzzle {letter}", brand) for letter in "EDCBA"]
    by_title = [p["id"] for p in reversed(made)]
    assert _ids(api.get("/puzzles", params={"brand": brand, "limit": 2})) == by_title[:2]
    page = api.get("/puzzles", params={"brand": brand, "limit": 2, "offset": 2})
    assert _ids(page) == by_title[2:4]
    assert _ids(api.get("/puzzles", params={"brand": brand, "offset": 4})) == by_title[4:]


def test_patch_changes_only_given_fields(api: httpx.Client) -> None:
    brand = _brand()
    puzzle = _puzzle(api, "Lighthouse", brand, 1000, donated_by="Yusuf")
    patched = api.patch(f"/puzzles/{puzzle['id']}", json={"missing_pieces": 4})
    assert patched.status_code == 200
    body = patched.json()
    assert body["missing_pieces"] == 4
    assert body["title"] == "Lighthouse" and body["brand"] == brand
    assert body["pieces"] == 1000 and body["donated_by"] == "Yusuf"


def test_delete_is_409_while_borrowed_then_204(api: httpx.Client) -> None:
    puzzle = _puzzle(api, "Map of Europe", _brand())
    path = f"/puzzles/{puzzle['id']}"
    api.post(f"{path}/borrow", json={"borrower": "Zoe"})
    assert api.delete(path).status_code == 409
    assert api.get(path).status_code == 200
    api.post(f"{path}/return")
    assert api.delete(path).status_code == 204
    assert api.get(path).status_code == 404
    assert api.delete(path).status_code == 404


def test_label_is_escaped_html(api: httpx.Client) -> None:
    brand = _brand()
    puzzle = _puzzle(api, "Fish & <Chips>", brand, 250)
    label = api.get(f"/puzzles/{puzzle['id']}/label")
    assert label.status_code == 200
    assert label.headers["content-type"].startswith("text/html")
    assert "&lt;Chips&gt;" in label.text
    assert "<Chips>" not in label.text
    assert brand in label.text
    assert "250" in label.text


def test_unknown_puzzle_is_404(api: httpx.Client) -> None:
    missing = "/puzzles/987654321"
    assert api.get(missing).status_code == 404
    assert api.patch(missing, json={"pieces": 10}).status_code == 404
    assert api.delete(missing).status_code == 404
    assert api.post(f"{missing}/borrow", json={"borrower": "Nobody"}).status_code == 404
    assert api.post(f"{missing}/return").status_code == 404
    assert api.get(f"{missing}/borrowings").status_code == 404
    assert api.get(f"{missing}/label").status_code == 404
