"""Naming helpers: the parser and the renderer agree on every name through these."""

from __future__ import annotations

import pytest

from pipeline.naming import kebab, pascal, plural, singular, snake


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
