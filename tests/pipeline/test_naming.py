"""Naming helpers: the parser and the renderer agree on every name through these."""

from __future__ import annotations

import pytest

from pipeline.naming import kebab, one_slip, pascal, plural, singular, snake


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("post", "posts"),
        ("category", "categories"),
        ("bus", "buses"),
        ("status", "statuses"),
        ("diagnosis", "diagnoses"),
        ("lens", "lenses"),
        ("box", "boxes"),
        ("person", "people"),
        ("leaf", "leaves"),
        ("knife", "knives"),
        ("day", "days"),
        ("OrderItem", "order_items"),
        ("equipment", "equipment"),
        ("address", "addresses"),
    ],
)
def test_plural(word: str, expected: str) -> None:
    assert plural(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("posts", "post"),
        ("categories", "category"),
        ("buses", "bus"),
        ("statuses", "status"),
        ("people", "person"),
        ("leaves", "leaf"),
        ("knives", "knife"),
        ("order_items", "order_item"),
        ("addresses", "address"),
        ("status", "status"),
        ("news", "news"),
        ("boxes", "box"),
        ("classes", "class"),
        ("houses", "house"),
        ("warehouses", "warehouse"),
        ("causes", "cause"),
        ("databases", "database"),
        ("cases", "case"),
        ("bonuses", "bonus"),
        ("courses", "course"),
        ("expenses", "expense"),
        ("photos", "photo"),
        ("videos", "video"),
        ("todos", "todo"),
        ("menus", "menu"),
        ("movies", "movie"),
        ("potatoes", "potato"),
        ("cookies", "cookie"),
        ("calories", "calorie"),
        ("taxis", "taxi"),
        ("emojis", "emoji"),
        ("kudos", "kudos"),
        ("shoes", "shoe"),
        ("vetoes", "veto"),
        ("sizes", "size"),
        ("prizes", "prize"),
        ("mazes", "maze"),
        ("quizzes", "quiz"),
        ("waltzes", "waltz"),
        ("lens", "lens"),
        ("lenses", "lens"),
        ("gas", "gas"),
        ("gases", "gas"),
        ("canvases", "canvas"),
        ("aliases", "alias"),
        ("diagnoses", "diagnosis"),
        ("ideas", "idea"),
        ("cameras", "camera"),
    ],
)
def test_singular(word: str, expected: str) -> None:
    assert singular(word) == expected


@pytest.mark.parametrize(
    ("text", "s", "p", "k"),
    [
        ("Published At", "published_at", "PublishedAt", "published-at"),
        ("publishedAt", "published_at", "PublishedAt", "published-at"),
        ("blog-post", "blog_post", "BlogPost", "blog-post"),
        ("HTTPRequest", "http_request", "HttpRequest", "http-request"),
    ],
)
def test_case_conversions(text: str, s: str, p: str, k: str) -> None:
    assert (snake(text), pascal(text), kebab(text)) == (s, p, k)


@pytest.mark.parametrize(
    ("a", "b", "changed", "slip"),
    [
        ("taks", "task", False, True),  # two neighbours swapped
        ("everythign", "everything", False, True),
        ("somthing", "something", False, True),  # one dropped
        ("somethingg", "something", False, True),  # one added
        ("publisher", "published", False, False),  # one changed: only with `changed`
        ("publisher", "published", True, True),
        ("task", "task", True, False),  # the same word is no slip
        ("tkas", "task", True, False),  # three letters moved
        ("something", "thing", True, False),
    ],
)
def test_one_slip_is_one_letter_dropped_added_swapped_or_changed(
    a: str, b: str, changed: bool, slip: bool
) -> None:
    assert one_slip(a, b, changed=changed) is slip
    assert one_slip(b, a, changed=changed) is slip
