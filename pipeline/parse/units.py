"""Text -> units: the sentences, list items, table rows and headings a person wrote. No I/O.

A unit is what the sentence account reports on, and what the rule reader reads: markdown is
stripped from its text, and each unit knows the heading it sits under (a heading often names the
entity its list describes: "## Orders" above "- total (decimal)").

    split_units("## Orders\\n- total\\n\\nCustomers see their own orders. Admins delete them.")
    -> [Unit("Orders", "heading"), Unit("total", "item", heading="Orders"),
        Unit("Customers see their own orders.", "sentence", heading="Orders"), ...]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<text>.+?)\s*#*\s*$")
_BOLD_LABEL = re.compile(r"^\s*\*\*(?P<text>[^*]+?):?\*\*:?\s*$")
_BULLET = re.compile(
    r"^\s*(?:(?:[-*+•]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(?P<text>.+)|(?P<bold>\*\*[^*]{1,40}\*\*:?\s+\S.*))$"
)
_TABLE_ROW = re.compile(r"^\s*\|(?P<cells>.*)\|\s*$")
_TABLE_RULE = re.compile(r"^[\s|:-]+$")
_LABEL_LINE = re.compile(r"^\s*[A-Za-z][\w /-]{0,30}:\s+\S")  # "Tech Stack: fastapi, jwt"
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=\S)")
_MARKUP = re.compile(r"\*\*|__|`|~~|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)")


@dataclass(frozen=True)
class Unit:
    text: str  # markdown stripped
    kind: str  # sentence | item | row | heading
    heading: str = ""  # the nearest heading above (markdown stripped)
    parent: str = ""  # for a nested list item: the items above it, outermost first


def strip_markup(text: str) -> str:
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # [words](link) -> words
    return re.sub(r"\s+", " ", _MARKUP.sub("", text)).strip()


def _sentences(paragraph: str) -> list[str]:
    parts = _SENTENCE_END.split(paragraph.strip())
    return [p.strip() for p in parts if p.strip()]


def split_units(text: str) -> list[Unit]:
    """Every sentence, list item, table row and heading of `text`, in order; code fences skipped."""
    units: list[Unit] = []
    heading = ""
    items: list[tuple[int, str]] = []  # (indent, text) of the list items enclosing the next
    paragraph: list[str] = []
    in_fence = False

    def flush() -> None:
        if paragraph:
            for s in _sentences(" ".join(paragraph)):
                units.append(Unit(strip_markup(s), "sentence", heading))
            paragraph.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if not stripped:
            flush()
            continue
        if not _BULLET.match(line):
            items.clear()
        if m := (_HEADING.match(line) or _BOLD_LABEL.match(line)):
            flush()
            heading = strip_markup(m.group("text")).rstrip(":")
            units.append(Unit(heading, "heading", heading))
        elif m := _TABLE_ROW.match(line):
            flush()
            if not _TABLE_RULE.match(stripped):
                cells = [strip_markup(c) for c in m.group("cells").split("|")]
                units.append(Unit(" | ".join(c for c in cells), "row", heading))
        elif m := _BULLET.match(line):
            flush()
            text_ = strip_markup(m.group("text") or m.group("bold"))
            indent = len(line) - len(line.lstrip())
            while items and items[-1][0] >= indent:
                items.pop()
            parent = " / ".join(t for _, t in items)
            units.append(Unit(text_, "item", heading, parent))
            items.append((indent, text_))
        elif _LABEL_LINE.match(line):  # a line of its own, not part of a paragraph
            flush()
            paragraph.append(stripped)
            flush()
        else:
            paragraph.append(stripped)
    flush()
    return [u for u in units if u.text.strip(" |.-")]
