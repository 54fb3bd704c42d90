"""A value unique among the rows that share a link (issue 10): "unique per customer", "unique
within each league", "unique in the same season" is a unique rule on the field and that link,
not a field unique across the whole table. Short texts of our own."""

from __future__ import annotations

import pytest

from pipeline.parse import parse_spec

_START = "Build a sports API. Leagues have a name. Teams have a code and a city. A team belongs to a league. "


@pytest.mark.parametrize(
    "rule",
    [
        "Team codes must be unique per league.",
        "The team code is unique within each league.",
        "A team's code is unique in the league.",
    ],
)
def test_unique_among_rows_that_share_a_link_is_a_unique_pair(rule: str) -> None:
    spec = parse_spec(_START + rule)
    pairs = [
        sorted(r.fields) for r in spec.rules if r.kind.value == "unique" and r.entity == "Team"
    ]
    assert pairs == [["code", "league"]]
    assert not spec.entity("Team").field("code").unique  # type: ignore[union-attr]


def test_unique_alone_is_unique_across_the_table() -> None:
    spec = parse_spec(_START + "Team codes are unique.")
    assert spec.entity("Team").field("code").unique  # type: ignore[union-attr]
    assert not [r for r in spec.rules if r.kind.value == "unique"]
