"""`apply_instructions(spec, text)`: what a person asked for, applied to the spec. No I/O.

The text is split into clauses: sentences, lines and bullets first, then at commas, semicolons
and "and" wherever what follows is an instruction of its own and what precedes applies cleanly
("add a Tag entity with a name and a color" stays one clause; "add a Tag entity, and posts have
many tags" is two). Each clause goes to the first rule in `rules.RULES` that recognises it; a
clause no rule recognises, or one that cannot be applied, becomes an error that says so, and the
other clauses still apply. Nothing is ever silently ignored.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

from pipeline.errors import SpecError
from pipeline.parse.access import verb_operations
from pipeline.parse.phrases import clean, protect_choices, sentences
from pipeline.refine.editor import RefineError, SpecEditor
from pipeline.refine.rules import RULES, what_i_can_do
from pipeline.spec import ProjectSpec

_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
_SEPARATOR = re.compile(r",?\s+and then\s+|,?\s+and also\s+|,?\s+and\s+|,\s+|;\s+|\s+then\s+")


class RefineResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    spec: ProjectSpec
    changes: list[str]  # what changed, one line each, in order
    errors: list[str]  # instructions that were not applied, and why

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def apply_instructions(spec: ProjectSpec, text: str) -> RefineResult:
    editor = SpecEditor(spec)
    changes: list[str] = []
    errors: list[str] = []
    for sentence in _sentences(text):
        for clause in _clauses(editor, sentence):
            try:
                changes += _apply(editor, clause)
            except RefineError as exc:
                errors.append(f"`{clause}`: {exc.message}")
    if not changes and not errors:
        errors.append("There was no instruction in the comment.")
    if errors:
        errors.append(what_i_can_do())
    return RefineResult(spec=editor.spec(), changes=changes, errors=errors)


def _sentences(text: str) -> list[str]:
    found = []
    for sentence in sentences(text):
        sentence = _BULLET.sub("", sentence).strip().rstrip(".!")
        if sentence:
            found.append(protect_choices(clean(sentence)))
    return found


def _clauses(editor: SpecEditor, sentence: str) -> list[str]:
    """Split a sentence where each side is an instruction on its own (see the module doc)."""
    pieces = _split_outside_parentheses(sentence)
    clauses: list[str] = []
    current, scratch = pieces[0], SpecEditor(editor.spec())
    for separator, piece in zip(pieces[1::2], pieces[2::2], strict=True):
        carried = _carry_permission(current, piece)
        if _recognised(scratch, carried) and _applies(scratch, current):
            clauses.append(current)
            _applies(scratch, current, keep=True)
            current = carried
        else:
            current = f"{current}{separator}{piece}"
    return [*clauses, current]


_PERMISSION_LEAD = re.compile(
    r"^only\s+.+?\s+(?:can|may|are allowed to|is allowed to|should be able to)\s+"
)


def _carry_permission(current: str, piece: str) -> str:
    """ "only admins can create posts and delete comments": the second part is a permission
    too ("only admins can delete comments"), not a request to delete the Comment entity."""
    lead = _PERMISSION_LEAD.match(current)
    words = piece.split()
    if lead and words and verb_operations(words[0]):
        return lead.group() + piece
    return piece


def _split_outside_parentheses(text: str) -> list[str]:
    """[piece, separator, piece, ...] split at _SEPARATOR outside (...)."""
    masked = re.sub(r"\([^()]*\)", lambda m: "\0" * len(m.group()), text)
    parts, start = [], 0
    for m in _SEPARATOR.finditer(masked):
        parts += [text[start : m.start()], text[m.start() : m.end()]]
        start = m.end()
    parts.append(text[start:])
    return parts


def _apply(editor: SpecEditor, clause: str) -> list[str]:
    """Apply one clause; all or nothing: a clause that fails leaves the spec as it was."""
    before = editor.snapshot()
    try:
        for rule in RULES:
            changes = rule(editor, clause)
            if changes is not None:
                editor.spec()  # the result must still be a valid spec
                return changes
    except SpecError as exc:
        editor.restore(before)
        raise RefineError(f"that would make the spec invalid: {exc.message}") from None
    except RefineError:
        editor.restore(before)
        raise
    raise RefineError("I did not understand this instruction.")


def _recognised(editor: SpecEditor, clause: str) -> bool:
    scratch = SpecEditor(editor.spec())
    try:
        return any(rule(scratch, clause) is not None for rule in RULES)
    except (RefineError, SpecError):
        return True
    except Exception:  # noqa: BLE001  (a half-read fragment may trip a rule: not an instruction)
        return False


def _applies(editor: SpecEditor, clause: str, *, keep: bool = False) -> bool:
    target = editor if keep else SpecEditor(editor.spec())
    try:
        _apply(target, clause)
    except RefineError:
        return False
    return True
