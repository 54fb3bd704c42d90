"""Line breaks that only wrap a list item, joined back into the item. No I/O.

A list item wrapped at ~70 characters goes on in the next line, indented under the item's text
("- Camps: name, location, start\\n  date, price") or, lazily, not indented but clearly in mid
sentence ("- As a coach, I want to write a\\nprogress note"). Read line by line, the rest of the
item would be a paragraph of its own, cut off from the entity it describes; joined, the item reads
as if it had been written on one line. A label line ("**Orders**: total, status" or "Orders:
total, status") is an item too. Headings, table rows, code fences and new items are never joined.

    join_wrapped("- Camps: name, location, start\\n  date, price\\n")
    -> "- Camps: name, location, start date, price\\n"
"""

from __future__ import annotations

import re

_ITEM = re.compile(
    r"^(?P<indent>\s*)(?:(?:[-*+\u2022]|\d+[.)])\s+\S|\*\*[^*]{1,40}\*\*:?\s*\S|[A-Z][\w /-]{0,30}:\s+\S)"
)
_BULLET = re.compile(r"^\s*(?:[-*+\u2022]|\d+[.)])\s+\S")
_NOT_TEXT = re.compile(r"^\s*(?:#|\||```|~~~|>|[-=_*]{3,}\s*$)")
# An unindented line that goes on with the item's sentence: it starts in lower case or a bracket.
_GOES_ON = re.compile(r"^[a-z(]")
# An item line at least this long may have been wrapped by an editor (most wrap at 70-80,
# and a line breaks at the last space before that).
_WRAP_WIDTH = 45


def join_wrapped(text: str) -> str:
    """`text` with each list item's wrapped lines joined to it."""
    out: list[str] = []
    item_indent = -1  # the indent of the item the last line belongs to; -1: not in an item
    in_fence = False
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            in_fence = not in_fence
            item_indent = -1
            out.append(line)
            continue
        if in_fence or not stripped or _NOT_TEXT.match(line) or _BULLET.match(line):
            item_indent = _indent(line) if _BULLET.match(line) and not in_fence else -1
            out.append(line)
            continue
        indent = _indent(line)
        if item_indent >= 0 and (indent > item_indent or _lazy(out[-1], stripped)):
            out[-1] = out[-1].rstrip() + " " + stripped
            continue
        item_indent = indent if _ITEM.match(line) else -1
        out.append(line)
    return "\n".join(out)


def _lazy(item: str, line: str) -> bool:
    """Does an unindented `line` go on with the list item above it? It starts in mid sentence,
    the item ended no sentence, and either the item filled its line (it was wrapped) or the line
    is no sentence of its own: "mechanics log in." under a short "- Jobs: problem, price" is
    the next paragraph, written without a blank line, not the rest of the item."""
    if not _GOES_ON.match(line) or item.rstrip().endswith((".", "!", "?")):
        return False
    return len(item.rstrip()) >= _WRAP_WIDTH or not line.rstrip().endswith((".", "!", "?"))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())
