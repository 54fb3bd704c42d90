""" "One X per Y" said of what a person does counts the person too: "customers can write one
review per product" is unique over (customer, product), not one review per product in all.
A rule said of no one ("one booking per room per day") keeps its own ends. Short texts of our
own, the rule expected written first."""

from __future__ import annotations

from pipeline.parse import parse_spec


def _uniques(text: str) -> list[tuple[str, list[str]]]:
    return [
        (r.entity, sorted(r.fields)) for r in parse_spec(text).rules if r.kind.value == "unique"
    ]


def test_one_per_thing_said_of_a_person_counts_the_person() -> None:
    text = (
        "- Albums: title, year\n- Ratings: stars, note\n"
        "- Fans create an account. Fans can leave one rating per album."
    )
    assert ("Rating", ["album", "fan"]) in _uniques(text)


def test_one_per_thing_said_of_no_one_keeps_its_ends() -> None:
    text = "- Courts: name\n- Slots: date, court\n- One slot per court per day."
    assert ("Slot", ["court", "day"]) in _uniques(text) or ("Slot", ["court", "date"]) in _uniques(
        text
    )
