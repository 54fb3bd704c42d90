"""The states an action on an item may start from, and the state it leaves the item in, read
from the words of its 409 answer and the sentences about it. No I/O.

"POST /subscriptions/{id}/resume", 409 "Not paused": resuming needs a paused subscription, and
where the verb names none of the `status` values, it sets the other one ("active").
"`POST /machines/{id}/finish` sets it back to `idle` ... Finishing an idle machine is 409": it
sets `idle`, and refuses an idle machine.

`mark_transition_states` adds to transition plans "any_caller" where the words open the action
to every caller ("any setter with a key can strip a route"); "count" and "set" (None) for what
they say it bumps or empties ("adds one to `cycles`", "with `current: null`"); and, where it
declares 409, "only_from" ({property: [values]} the item must hold) and "not_from" ({property:
[values]} it must not hold), replacing a "set" of the unseen state (`actions.STATE`) with the
value the words give (`pipeline.contract.patterns`).
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.contract.actions import STATE
from pipeline.contract.document import PROSE, ApiOperation, sentences
from pipeline.contract.listing import path_named
from pipeline.contract.schemas import Schemas, norm, words_of

# "not paused", "isn't running", "not yet open", "not in progress": the action needs that state
_NOT = r"\b(?:not|isn'?t|aren'?t)\s+(?:yet\s+|currently\s+)?(?P<value>[\w`-]+(?:\s+[\w`-]+){0,2})"
# "adds one to `cycles`", "increments `plays`", "`uses` goes up by one": a count the action bumps
_BUMP = re.compile(
    r"\badds?\s+(?:one|1)\s+to\s+(?:the\s+|its\s+)?`?(?P<a>\w+)`?"
    r"|\bincrements?\s+(?:the\s+|its\s+)?`?(?P<b>\w+)`?"
    r"|`?(?P<c>\w+)`?\s+(?:goes\s+up|grows|rises)\s+by\s+(?:one|1)\b",
    re.I,
)
# "with `current: null`", "clears `holder`": a property the action empties
_CLEAR = re.compile(r"`(?P<a>\w+):\s*null`|\bclears?\s+(?:the\s+|its\s+)?`?(?P<b>\w+)`?", re.I)
# "`POST /jobs/{id}/start` (`waiting` → `in_progress`)": from one state to another
_ARROW = re.compile(r"`?(?P<from>[\w-]+)`?\s*(?:→|->|=>)\s*`?(?P<to>[\w-]+)`?")
# "sets it back to `idle`", "turns it `active`", "becomes `done`", "moves it to closed": the
# words after one of these verbs, up to the end of the clause
_TO = re.compile(
    r"\b(?:sets?|turns?|puts?|moves?|becomes?|goes|changes?|marks?|makes?)\b(?P<rest>[^.;,(]{0,40})",
    re.I,
)


def mark_transition_states(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    creates: dict[str, str],
    schemas: Schemas,
) -> None:
    """Transition plans: what their words say they bump and empty; for actions declaring 409,
    the states they start from and end in."""
    told = sentences(str(schemas.doc.get(PROSE, "")))
    for op in ops:
        plan = plans.get(op.key) or {}
        if plan.get("pattern") != "transition":
            continue
        verb = op.path.rstrip("/").rsplit("/", 1)[-1].lower()
        _bumps_and_clears(
            op,
            plan,
            plans.get(creates.get(str(plan["collection"]), "")),
            [_said_of(s, op.path, verb) for s in told],
            schemas,
        )
        if any(_anyone_may(s, verb, op.path) for s in told):
            plan["any_caller"] = True  # "any setter with a key can strip a route"
        if "409" not in op.responses:
            continue
        raw = schemas.operation(op)
        conflict = words_of(schemas.resolve(schemas.resolve(raw.get("responses")).get("409")))
        about = [s for s in told if _names_verb(s, verb, op.path)]
        state = _state_property(op, schemas, " ".join([conflict, *about]))
        if state is None:
            continue
        name, prop = state
        values = [str(v) for v in prop["enum"]]
        only = _values(re.finditer(_NOT, conflict, re.I), values)
        refused = [s for s in about if "409" in s]
        for sentence in refused:
            only += [v for v in _values(re.finditer(_NOT, sentence, re.I), values) if v not in only]
        banned = [v for s in refused for v in _after_verb(s, verb, values) if v not in only]
        for sentence in about:
            if (arrow := _arrow(sentence, op.path, values)) is not None:
                only = only or [arrow[0]]
                if name not in plan.get("set", {}):
                    _settle(plan, name, arrow[1])
        target = plan.get("set", {})
        if name not in target:  # the verb names no value: the words, or the one state left
            spoken = [_said_of(s, op.path, verb) for s in about]
            said = [v for s in spoken for m in _TO.finditer(s) for v in _named(m["rest"], values)]
            left = [v for v in values if v not in only]
            if said:
                _settle(plan, name, said[0])
            elif only and len(left) == 1:
                _settle(plan, name, left[0])
            elif only and "default" in prop and str(prop["default"]) not in only:
                _settle(plan, name, str(prop["default"]))  # "turns it back"
        if only:
            plan["only_from"] = {name: only}
        if banned:
            plan["not_from"] = {name: banned}


def _anyone_may(sentence: str, verb: str, path: str = "") -> bool:
    """ "any setter with a key can strip a route", "anyone signed in may close it", "whoever
    takes food calls ...", "anyone can tick one off with `POST /actions/{id}/done`": the action
    is open to every caller, not only to whoever made the item."""
    anyone = r"\b(?:any(?:one|body)?|every(?:one|body)?)\b[^.;]{0,40}?\b(?:can|may)\s+"
    if re.search(anyone + rf"(?:also\s+)?{re.escape(verb)}\b", sentence, re.I):
        return True
    named = re.search(
        anyone + r"[^.;]{0,50}?`?(?:POST|PUT|PATCH)\s+" + path_named(path).pattern, sentence, re.I
    )
    if path and named:
        return True
    return re.search(rf"\bwhoever\s+{_verb_forms(verb)}", sentence, re.I) is not None


def _settle(plan: dict[str, Any], name: str, value: str) -> None:
    """The action sets the state `name` to `value`, in place of the unseen state of its verb."""
    plan["set"] = {**{k: v for k, v in plan.get("set", {}).items() if k != STATE}, name: value}


def _bumps_and_clears(
    op: ApiOperation,
    plan: dict[str, Any],
    made: dict[str, Any] | None,
    said: list[str],
    schemas: Schemas,
) -> None:
    """Counts the words say the action adds one to (they start at 0 when the item is made), and
    properties they say it empties."""
    props = {n: schemas.resolve(p) for n, p in schemas.response_properties(op).items()}
    by_norm = {norm(n): n for n in props}
    for words in said:
        for m in _BUMP.finditer(words):
            name = by_norm.get(norm(m["a"] or m["b"] or m["c"]))
            if name and props[name].get("type") == "integer" and name not in plan.get("count", {}):
                plan.setdefault("count", {})[name] = 1
        for m in _CLEAR.finditer(words):
            name = by_norm.get(norm(m["a"] or m["b"]))
            if name and name not in plan.get("set", {}):
                plan.setdefault("set", {})[name] = None
    counted = [n for n, step in plan.get("count", {}).items() if step > 0]
    if counted and made is not None and made.get("pattern") == "create":  # a count starts at 0
        zero = made.setdefault("zero", [])
        zero += [n for n in counted if n not in zero]


def _said_of(sentence: str, path: str, verb: str) -> str:
    """What `sentence` says of the action: from where it names it (its path, else its verb) to
    where it names another operation; "" where it does not name it."""
    at = sentence.find(path)
    if at < 0:
        m = re.search(_verb_forms(verb), sentence, re.I)
        if m is None:
            return ""
        at = m.start()
    rest = sentence[at + 1 :]
    other = re.search(r"`?(?:GET|POST|PUT|PATCH|DELETE)\s+/", rest)
    return rest[: other.start()] if other else rest


def _state_property(
    op: ApiOperation, schemas: Schemas, words: str
) -> tuple[str, dict[str, Any]] | None:
    """The item's state: its one enum property of words, or the one whose values `words` name
    ("Not paused"), as the action answers the item."""
    found = [
        (name, prop)
        for name, raw in schemas.response_properties(op).items()
        if isinstance((prop := schemas.resolve(raw)).get("enum"), list)
        and all(isinstance(v, str) for v in prop["enum"])
        and len(prop["enum"]) >= 2
    ]
    said = {norm(w) for w in re.findall(r"[\w-]+", words)}
    named = [(n, p) for n, p in found if said & {norm(str(v)) for v in p["enum"]}]
    if len(named) == 1:
        return named[0]
    return found[0] if len(found) == 1 else None


def _names_verb(sentence: str, verb: str, path: str) -> bool:
    """Does the sentence speak of the action ("/finish", "Finishing", "resumes")?"""
    return path in sentence or re.search(_verb_forms(verb), sentence, re.I) is not None


def _verb_forms(verb: str) -> str:
    """The verb as it is said of the action: "finish", "finishes", "finishing", "stopping";
    not its past ("stripped" says what an item is, not that it is stripped now)."""
    stem = verb[:-1] if verb.endswith("e") else verb
    return rf"\b(?:{re.escape(verb)}(?:s|es)?|{re.escape(stem)}(?:{re.escape(stem[-1:])})?ing)\b"


def _values(matches: Any, values: list[str]) -> list[str]:
    """The state values the matches name (one to three words: "in progress"), each once."""
    found: list[str] = []
    for m in matches:
        words = m.group("value").split()
        for n in range(len(words), 0, -1):
            said = norm("".join(words[:n]))
            value = next((v for v in values if norm(v) == said), None)
            if value is not None:
                found += [value] if value not in found else []
                break
    return found


def _arrow(sentence: str, path: str, values: list[str]) -> tuple[str, str] | None:
    """The (from, to) states an arrow says just after the action's path, where both are states."""
    at = sentence.find(path)
    if at < 0:
        return None
    m = _ARROW.search(sentence[at + len(path) : at + len(path) + 60])
    by_norm = {norm(v): v for v in values}
    if m is None or norm(m["from"]) not in by_norm or norm(m["to"]) not in by_norm:
        return None
    return by_norm[norm(m["from"])], by_norm[norm(m["to"])]


def _named(words: str, values: list[str]) -> list[str]:
    """The state values `words` name, in the order they are said."""
    said = [norm(w) for w in re.findall(r"[\w-]+", words)]
    return [v for w in said for v in values if norm(v) == w][:1]


def _after_verb(sentence: str, verb: str, values: list[str]) -> list[str]:
    """ "Finishing an idle machine is 409", "resuming an active one": the state just after the
    verb's -ing form (or "... that's already running") that the action refuses."""
    stem = verb[:-1] if verb.endswith("e") else verb
    found = []
    for m in re.finditer(
        rf"\b{re.escape(stem)}ing\b(?P<rest>(?:\s+[\w'`-]+){{1,6}})", sentence, re.I
    ):
        words = [norm(w) for w in m.group("rest").split()]
        found += [v for v in values if norm(v) in words and v not in found]
    return found
