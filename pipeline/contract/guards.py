"""When a record may not be deleted, read from the words of its DELETE's 409 answer and the
sentences about deleting it: while records are nested below it ("A show that still has episodes
can't be deleted (409)", "409: It already has hand-ins"), or but in one state ("A job can only be
deleted while it is still waiting"), or not while a flag holds ("409 while `on_display`"). No I/O.

`mark_delete_guards` adds to DELETE plans that declare 409 "kept_by" (nested collections whose
records keep it), "only_when" ({property: value} it must hold), "not_when" ({property: value}
it must not hold) and "state_defaults" (the values of those a record starts with)
(`pipeline.contract.patterns`).
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.contract.document import PROSE, ApiOperation
from pipeline.contract.rollups import OPEN_WORDS, done_flag
from pipeline.contract.schemas import Schemas, nested_below, norm, word_forms, words_of

_DELETING = re.compile(r"\b(delet\w*|remov\w*)\b", re.I)
_CHANGING = re.compile(r"\b(patch\w*|edit\w*|chang\w*|updat\w*|modif\w*|put)\b", re.I)
_REFUSED = re.compile(r"\b(can'?t|cannot|can not|not|409|only|refus\w*)\b", re.I)
_WHILE = re.compile(
    r"\b(?:while|when|if|as long as|once|after|already)\s+(?:it\s+|they\s+|an?\s+\w+\s+|the\s+\w+\s+)?"
    r"(?:is|are|has been|have been|was)?\s*(?:still\s+|already\s+)?`?(\w+)`?",
    re.I,
)
_GUARDED = {"delete": _DELETING, "update": _CHANGING, "replace": _CHANGING}


_STILL = r"\b(has|have|with|still|already|any)\b"
_CASCADE = r"\b(?:go|goes|gone|deleted|removed)\s+(?:with|too|as well)\b"


def _forms(word: str) -> set[str]:
    return {norm(form) for form in word_forms(word.lower())}


def mark_delete_guards(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    creates: dict[str, str],
    schemas: Schemas,
) -> None:
    """DELETEs the words refuse (409) while children exist or in some states; changes (PATCH,
    PUT) they refuse in some states ("Once an order is delivered ... PATCH answers 409")."""
    prose = str(schemas.doc.get(PROSE, ""))
    sentences = re.split(r"(?<=[.!?;])\s+|\n\s*\n", re.sub(r"\s*\n\s*(?!\n)", " ", prose))
    for op in ops:
        plan = plans.get(op.key) or {}
        collection = str(plan.get("collection", ""))
        create = creates.get(collection)
        verb = _GUARDED.get(str(plan.get("pattern")))
        if verb is None or "409" not in op.responses or create is None:
            continue
        raw = schemas.operation(op)
        conflict = words_of(schemas.resolve(schemas.resolve(raw.get("responses")).get("409")))
        own = _forms(collection.rsplit("/", 1)[-1])
        said = [conflict] + [
            t
            for t in sentences
            if verb.search(t)
            and _REFUSED.search(t)
            and any(re.search(rf"\b{f}s?\b", _norm_words(t)) for f in own)
        ]
        text = " ".join(said)
        below = nested_below(collection, creates)
        kept = [  # "a show that still has episodes", not "(ends go with it)"
            c
            for c in below
            for t in said
            if set(_norm_words(t).split()) & _forms(c.rsplit("/", 1)[-1])
            and re.search(_STILL, t, re.I)
            and not re.search(_CASCADE, t, re.I)
        ]
        if plan["pattern"] == "delete" and kept:
            plan["kept_by"] = sorted(set(kept), key=below.index)
            while_open = _while_open(text, plan["kept_by"], creates, schemas)
            if while_open:
                plan["kept_while"] = while_open
        item = {n: schemas.resolve(p) for n, p in schemas.answer_of(create).items()}
        forms = "|".join(re.escape(f) for f in word_forms(collection.rsplit("/", 1)[-1].lower()))
        for name, prop in item.items():  # "a cancelled job can't be edited", "a sold listing"
            enum = prop.get("enum")
            for value in [str(v) for v in enum] if isinstance(enum, list) else []:
                named = rf"`?{re.escape(value)}`?"  # "a cancelled job", "a note that is `locked`"
                before = rf"\b(?:(only)\s+)?(?:an?|the|any)\s+(?:{named}\s+(?:{forms})s?\b"
                before += rf"|(?:{forms})s?\s+(?:that|which)\s+(?:is|are)\s+{named}(?!\w))"
                found = re.search(before, text, re.I) if forms else None
                if found:
                    plan.setdefault("only_when" if found.group(1) else "not_when", {})[name] = value
                    if "default" in prop:
                        plan.setdefault("state_defaults", {})[name] = prop["default"]
        for match in _WHILE.finditer(text):
            word = match.group(1).lower()
            only = bool(re.search(r"\bonly\b", text[: match.start()][-60:], re.I))
            for name, prop in item.items():
                values = [str(v) for v in prop.get("enum") or []]
                if word in values:  # "only while it is still waiting"
                    plan.setdefault("only_when" if only else "not_when", {})[name] = word
                    if "default" in prop:  # what a record holds that no change has set
                        plan.setdefault("state_defaults", {})[name] = prop["default"]
                elif norm(name) == norm(word) and prop.get("type") == "boolean":
                    plan.setdefault("not_when" if not only else "only_when", {})[name] = True


def _norm_words(text: str) -> str:
    """`text` in lower case with each word's hyphens and the like dropped ("Hand-ins" ->
    "handins"), words apart."""
    return " ".join(norm(w) for w in re.findall(r"[\w-]+", text))


def _while_open(
    text: str, kept: list[str], creates: dict[str, str], schemas: Schemas
) -> dict[str, dict[str, bool]]:
    """{child: {flag: False}} where only the children not yet done keep the record ("409 while
    it still has open actions"), by the one yes/no property of a child that says it is done."""
    found: dict[str, dict[str, bool]] = {}
    for child in kept:
        forms = "|".join(re.escape(f) for f in word_forms(child.rsplit("/", 1)[-1].lower()))
        if not re.search(rf"\b(?:{'|'.join(OPEN_WORDS)})\s+(?:{forms})s?\b", text, re.I):
            continue
        flag = done_flag(creates.get(child, ""), schemas)
        if flag:
            found[child] = {flag: False}
    return found
