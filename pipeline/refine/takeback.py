"""What a correction refers to when it takes an instruction back. No I/O.

"add an `is_free` flag to events - actually, call it `free`": the flag is still wanted, under
another name, so the change stays and what it made is renamed (its type and properties kept).
"placed_at: default it to... no, just make it optional": the sentence taken back still says what
"it" is (the field it named), so the instruction meant instead can use it.

    renamed_to('rename it to "remind_at"')   -> "remind_at"
    renamed_to("call it free")               -> "free"
    renamed_to("make it a summary")          -> None  (a new thing: `corrections.borrow`)
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from pipeline.refine.editor import SpecEditor

# "call it x", "name it x", "rename it to x", "let's call it x" (as the readers say it): only a
# name, one word or a snake_case / quoted one, so "call it a summary (text)" is not a rename.
_RENAMED = re.compile(
    r"^(?:(?:let's|lets)\s+)?(?:call|name|rename)\s+(?:it|that|this|the\s+(?:field|entity))\s+"
    r"(?:to\s+|as\s+|into\s+)?\"?(?P<name>[a-z][a-z0-9_]*)\"?(?:\s+instead)?$"
)


def renamed_to(sentence: str) -> str | None:
    """The new name a correction gives the thing just made, or None."""
    m = _RENAMED.match(sentence.strip().lower())
    return m.group("name") if m else None


# How alike a bare word after a correction must be to the name just given to be its spelling
# fixed ("contnet ... sorry, content"), not a new name.
_RESPELLED = 0.7


def respelled(sentence: str, name: str) -> str | None:
    """ "sorry, content" after a change that named something "contnet": the name spelled again,
    or None when the sentence is not one name close to `name`."""
    bare = sentence.strip().strip("`\"'").lower()
    if not re.fullmatch(r"[a-z][a-z0-9_]*", bare) or bare == name.lower():
        return None
    return bare if SequenceMatcher(None, bare, name.lower()).ratio() >= _RESPELLED else None


def named_field(editor: SpecEditor, text: str, entity: str | None) -> tuple[str, str] | None:
    """The one field that `text` names by its name ("placed_at: default it to"), preferring
    `entity`'s fields; None when it names none or several."""
    found: list[tuple[str, str]] = []
    lowered = text.lower().replace("`", "")
    for name in editor.entity_names():
        for field in editor.spec().entity(name).fields:
            said = rf"\b{re.escape(field.name)}\b"
            if "_" in field.name:
                said += rf"|\b{re.escape(field.name.replace('_', ' '))}\b"
            if re.search(said, lowered):
                found.append((name, field.name))
    own = [f for f in found if f[0] == entity]
    if len(own) == 1:
        return own[0]
    return found[0] if len(found) == 1 else None
