"""Two or more fields (or links) unique together, said the ways reviewers say it. No I/O.

    "make member and book unique together on loans"
    "the combination of member and book must be unique for loans"
    "loans: member and book should be unique together"
    "a member can borrow a book only once"   -> the one entity linking members and books (Loan)

Each part must name a field or a link of the entity; otherwise this is no reading of the clause
and the other readers try it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.parse.phrases import split_list
from pipeline.refine.editor import SpecEditor
from pipeline.refine.phrasing import _entity
from pipeline.refine.rulewords import _member, _rule
from pipeline.spec import RelationKind

_TOGETHER = (
    r"(?:unique\s+together|together\s+unique|jointly\s+unique|unique\s+as\s+a\s+(?:pair|combination)|"
    r"a\s+unique\s+(?:pair|combination))"
)
_MUST = r"(?:should|must|has to|have to|needs? to|shall)\s+(?:always\s+)?be"
_OF = r"(?:\s+(?:on|in|for|of|within)\s+(?:the\s+|each\s+|every\s+|all\s+)?(?P<e>[a-z][a-z_ ]*))"
_LIST = (
    r"(?:the\s+)?(?:(?:combination|pair|couple)\s+(?:of\s+)?)?(?P<l>[a-z][a-z_ ,]*?(?:\s+and\s+|,\s*)"
    r"[a-z][a-z_ ]*?)"
)

_FORMS = (
    re.compile(rf"^(?:make|mark|set)\s+{_LIST}\s+{_TOGETHER}{_OF}?$"),
    re.compile(rf"^{_LIST}(?:\s+together)?\s+{_MUST}\s+(?:unique|{_TOGETHER}){_OF}?$"),
    # "two events can't have the same title and the same start time"
    re.compile(
        r"^(?:make\s+sure\s+(?:that\s+)?)?(?:no\s+two\s+(?P<e>[a-z][a-z_ ]*?)\s+(?:(?:can|should|may)\s+)?|two\s+"
        r"(?P<e2>[a-z][a-z_ ]*?)\s+(?:(?:can't|cannot|can not|should not|shouldn't|must not|mustn't|may not)"
        r"(?:\s+be\s+able\s+to)?|(?:can|should|may)\s+never)\s+)(?:have|share)\s+"
        r"the\s+same\s+(?P<l>[a-z][a-z_ ]*?\s+and\s+(?:the\s+same\s+)?[a-z][a-z_ ]*?)$"
    ),
    # "the pair (venue, start_time) needs to be unique"
    re.compile(
        rf"^(?:the\s+)?(?:pair|combination|couple)\s+(?:of\s+)?\((?P<l>[a-z][a-z_ ]*(?:,\s*[a-z][a-z_ ]*)+)\)"
        rf"\s+{_MUST}\s+unique{_OF}?$"
    ),
)
_PREFIX = re.compile(r"^(?P<e>[a-z][a-z_ ]*?)\s*:\s*(?P<rest>.+)$")
_ONCE = re.compile(
    r"^(?:an?\s+|each\s+|every\s+|the\s+same\s+)?(?P<a>[a-z_]+)\s+(?:"
    r"(?:can|may|should|must)\s+(?:only\s+)?(?P<v>[a-z]+)\s+(?:an?\s+|each\s+|the\s+same\s+)?(?P<b>[a-z_]+)\s+"
    r"(?:only\s+)?once|(?:can't|cannot|can not|shouldn't|should not|must not|mustn't|may not)\s+(?P<v2>[a-z]+)\s+"
    r"(?:an?\s+|the\s+same\s+)?(?P<b2>[a-z_]+)\s+(?:twice|more than once|again))"
    r"(?:\s+at\s+a\s+time)?$"
)


def unique_together(
    ed: SpecEditor, clause: str, rest: Callable[[str], list[str]]
) -> list[str] | None:
    """A `unique` rule over several fields, or None (not this reading)."""
    said_entity = None
    if (prefix := _PREFIX.match(clause)) and _entity(ed, prefix["e"]):
        said_entity, clause = prefix["e"], prefix["rest"]
    for form in _FORMS:
        m = form.match(clause)
        if m is None:
            continue
        named = m.groupdict().get("e") or m.groupdict().get("e2") or said_entity
        entity = _entity(ed, named) if named else ed.focus
        parts = [re.sub(r"^the\s+same\s+", "", p) for p in split_list(m["l"])]
        if entity is None or len(parts) < 2:
            return None
        names = [_member(ed, entity, p) for p in parts]
        if not all(names):
            return None
        return _rule(ed, {"kind": "unique", "entity": entity, "fields": sorted(set(names))})
    if said_entity is None and (once := _ONCE.match(clause)):
        return _once(ed, once["a"], once["b"] or once["b2"], once["v"] or once["v2"])
    return None


def _once(ed: SpecEditor, one: str, other: str, verb: str = "") -> list[str] | None:
    """ "a member can borrow a book only once": the entity that links one member to one book
    (its two many-to-one links) holds each pair once."""
    a, b = _entity(ed, one), _entity(ed, other)
    if a is None or b is None or a == b:
        return None
    spec = ed.spec()
    links: dict[str, dict[str, str]] = {}
    for r in spec.relations:
        if r.kind is RelationKind.MANY_TO_ONE and r.target in (a, b):
            links.setdefault(r.source, {})[r.target] = r.name
    found = [(e, names) for e, names in links.items() if len(names) == 2 and e not in (a, b)]
    # "a member can review (rate, reserve) a given book only once": the Review (Rating,
    # Reservation) the verb names, where a Loan links members and books too
    nouns = [verb, f"{verb}ing", f"{verb[:-1]}ing", f"{verb}ation", f"{verb[:-1]}ation"]
    named = next((e for n in nouns if verb and (e := ed.entity_or_none(n))), None)
    if named is not None and any(e == named for e, _ in found):
        found = [(e, names) for e, names in found if e == named]
    if len(found) != 1:
        return None
    entity, names = found[0]
    return _rule(ed, {"kind": "unique", "entity": entity, "fields": sorted(names.values())})
