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
from pipeline.contract.schemas import Schemas, nested_below, norm, word_forms, words_of

_DELETING = re.compile(r"\b(delet\w*|remov\w*)\b", re.I)
_REFUSED = re.compile(r"\b(can'?t|cannot|can not|not|409|only|refus\w*)\b", re.I)
_WHILE = re.compile(
    r"\b(?:while|when|if|as long as)\s+(?:it\s+|they\s+)?(?:is|are)?\s*(?:still\s+)?`?(\w+)`?"
)


def _forms(word: str) -> set[str]:
    return {norm(form) for form in word_forms(word.lower())}


def mark_delete_guards(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    creates: dict[str, str],
    schemas: Schemas,
) -> None:
    """DELETEs the words refuse (409) while children exist or in some states."""
    prose = str(schemas.doc.get(PROSE, ""))
    sentences = re.split(r"(?<=[.!?;])\s+|\n\s*\n", re.sub(r"\s*\n\s*(?!\n)", " ", prose))
    for op in ops:
        plan = plans.get(op.key) or {}
        collection = str(plan.get("collection", ""))
        create = creates.get(collection)
        if plan.get("pattern") != "delete" or "409" not in op.responses or create is None:
            continue
        raw = schemas.operation(op)
        conflict = words_of(schemas.resolve(schemas.resolve(raw.get("responses")).get("409")))
        own = _forms(collection.rsplit("/", 1)[-1])
        said = [conflict] + [
            t
            for t in sentences
            if _DELETING.search(t)
            and _REFUSED.search(t)
            and any(re.search(rf"\b{f}s?\b", _norm_words(t)) for f in own)
        ]
        text = " ".join(said)
        words = _norm_words(text).split()
        below = nested_below(collection, creates)
        kept = [c for c in below if any(f in words for f in _forms(c.rsplit("/", 1)[-1]))]
        if kept and re.search(r"\b(has|have|with|still|already|any)\b", text, re.I):
            plan["kept_by"] = kept  # "a show that still has episodes"
        item = {n: schemas.resolve(p) for n, p in schemas.answer_of(create).items()}
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
