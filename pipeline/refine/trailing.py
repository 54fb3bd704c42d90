"""What reviewers put after a field, read one by one when the whole clause is not read. No I/O.

"add a `renewals` count to loans (integer, default 0), between 0 and 3",
"add a language field to books, plain string, default en", "add pages to books its an integer",
"isbn: not unique anymore": the clause without its trailing modifiers is read first (it adds or
names one field), then each modifier becomes a sentence about that field, read by the same
readers ("renewals of loans should be between 0 and 3"). `peel` only splits; `with_modifiers`
applies, all or nothing (the caller restores the spec when it raises).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.parse.vocab import TYPE_WORDS
from pipeline.refine.editor import AlreadyDone, RefineError, SpecEditor
from pipeline.refine.refs import find_ref

_NUM = r"-?\d+(?:\.\d+)?"
_FILLER = re.compile(
    r"\s+(?:any\s*more|anymore|please|pls|plz|too|as well|though|also|by default|now|"
    r"for now|then|instead|either)$"
)
_TYPES = "|".join(re.escape(w) for w in sorted(TYPE_WORDS, key=len, reverse=True))

# One modifier, and the sentence it makes about field F: "{f}" is "<field> of <entity rows>".
_MODIFIERS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), sentence)
    for pattern, sentence in (
        (rf"^(?:a\s+|an\s+|just\s+an?\s+|plain\s+|simple\s+)?(?P<t>{_TYPES})(?:\s+field)?$",
         "{f} should be a {t}"),
        (r"^(?:optional|nullable|not required|can be empty|may be empty|not mandatory)$",
         "{f} should be optional"),
        (r"^(?:required|mandatory|not optional|not nullable)$", "{f} should be required"),
        (r"^(?:unique|must be unique|should be unique)$", "make {f} unique"),
        (r"^(?:not unique|non-unique|no longer unique|not unique any ?more)$",
         "{f} should be not unique"),
        (r"^(?:default(?:s)?(?:\s+to|\s+is|\s*:|\s*=)?|starts?\s+(?:at|as|with)|initially|=)\s*"
         r"[`'\"]?(?P<v>[a-z0-9_.\-]+)[`'\"]?$", "{f} defaults to {v}"),
        (rf"^(?:between\s+(?P<a>{_NUM})\s+and|from\s+(?P<b>{_NUM})\s+to|(?P<c>{_NUM})\s*(?:-|–|to))"
         rf"\s*(?P<z>{_NUM})$", "{f} should be between {a} and {z}"),
        (rf"^(?:at least|min(?:imum)?|>=|no less than)\s*(?P<a>{_NUM})(?P<u>\s+(?:chars?|characters))?$",
         "{f} should be at least {a}{u}"),
        (rf"^(?:at most|max(?:imum)?|<=|up to|no more than)\s*(?P<z>{_NUM})"
         r"(?P<u>\s+(?:chars?|characters|letters))?$", "{f} should be at most {z}{u}"),
        (r"^(?:not blank|non-blank|not empty|non-empty|never blank|never empty)$",
         "{f} must not be blank"),
    )
)  # fmt: skip


def modifier(text: str) -> str | None:
    """The sentence template of one modifier ("default 0" -> "{f} defaults to 0"), or None."""
    text = text.strip().strip(".").strip()
    while (cut := _FILLER.sub("", text)) != text:
        text = cut
    for pattern, sentence in _MODIFIERS:
        if m := pattern.match(text):
            values = {k: v for k, v in m.groupdict().items() if v is not None}
            a = values.get("a") or values.get("b") or values.get("c") or ""
            filled = {"t": values.get("t", ""), "v": values.get("v", ""), "a": a,
                      "z": values.get("z", ""), "u": " characters" if values.get("u") else ""}  # fmt: skip
            return sentence.replace("{f}", "\0").format(**filled).replace("\0", "{f}")
    return None


def _parts(inner: str) -> list[str] | None:
    parts = [p.strip() for p in re.split(r",|;|\s+and\s+", inner) if p.strip()]
    return parts if parts and all(modifier(p) for p in parts) else None


_TAIL = re.compile(r"(?:,|;|\s+-+|\s+—|\s+–|:)\s*(?P<m>[^,;()]+)$")
_IT_IS = re.compile(
    r"\s+(?:it's|its|it is|it should be|it must be|they're|they are|which is|that is)\s+(?P<m>[^,;()]+)$"
)


def peel(clause: str) -> tuple[str, list[str]] | None:
    """The clause without its trailing modifiers, and their sentence templates (None when it
    has none)."""
    text, found = clause.strip().rstrip("."), list[str]()
    while True:
        if (m := re.search(r"\s*\((?P<m>[^()]*)\)$", text)) and (parts := _parts(m["m"])):
            pass
        elif (m := _TAIL.search(text) or _IT_IS.search(text)) and (parts := _parts(m["m"])):
            pass
        else:
            break
        found = [modifier(p) or "" for p in parts] + found
        text = text[: m.start()].rstrip()
    return (text, found) if found and text else None


def _field_named(ed: SpecEditor, core: str, changes: list[str]) -> tuple[str, str] | None:
    for change in changes:
        if found := re.match(r"^added field (\w+)\.(\w+)", change):
            return found.group(1), found.group(2)
    if changes:
        return None
    try:  # "isbn: not unique": the core only names a field that is there
        entity, field, _ = find_ref(ed, re.sub(r"^(?:the|make|set)\s+", "", core))
    except RefineError:
        return None
    return (entity, field) if field else None


def with_modifiers(
    ed: SpecEditor, clause: str, apply: Callable[[str], list[str]]
) -> list[str] | None:
    """The clause read as its core and then each trailing modifier on the field the core added
    or named; None when it has no modifiers or the core is not about one field."""
    peeled = peel(clause)
    if peeled is None:
        return None
    core, templates = peeled
    try:
        changes = apply(core)
    except AlreadyDone:
        changes = []
    except RefineError:
        if re.match(r"^(?:add|include|put|give)\b", core):
            raise
        changes = []  # a bare field name: not an instruction of its own
    target = _field_named(ed, core, changes)
    if target is None:
        return None if not changes else _unplaced(templates)
    entity, field = target
    rows = ed.spec().entity(entity).plural.replace("_", " ")
    subject = f"{field} of {rows}"
    for template in sorted(templates, key=lambda t: not t.startswith("{f} should be a ")):
        try:  # the type first: a default or a bound is read against it
            changes += apply(template.format(f=subject))
        except AlreadyDone:
            continue
    return changes


def _unplaced(templates: list[str]) -> list[str]:
    said = ", ".join(t.replace("{f} ", "") for t in templates)
    raise RefineError(f"I could not tell which field '{said}' is about.")
