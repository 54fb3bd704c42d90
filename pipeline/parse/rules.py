"""Business rules, ownership and read access, read from the units of a request. No I/O.

Runs once the entities and fields are known (the spec is built): each unit is matched against the
phrasings people use, and the entity and field it speaks of are found by `mentions.Names`.

    "ratings from 1 to 5"                     -> rule range Review.rating 1..5
    "titles up to 80 characters"              -> rule length Post.title ..80
    "each customer can review a product once" -> rule unique Review (customer, product)
    "orders are never really deleted"         -> rule soft_delete Order
    "the total is calculated from the items"  -> rule computed Order.total
    "devices send readings with an API key"   -> rule api_key Reading by Device
    "customers only see their own orders"     -> owner Order.customer, read Order: owner
    "anyone can browse products"              -> read Product: public

`read_rules(spec, units)` returns the spec with them, and what each unit became.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pipeline.naming import snake
from pipeline.parse.bounds import bounds
from pipeline.parse.listed import listed_with
from pipeline.parse.mentions import Names, words_of
from pipeline.parse.owning import owned_nouns
from pipeline.parse.regexes import compiled
from pipeline.parse.sameness import Same, same_said
from pipeline.parse.transitions import chain_in, transition_in
from pipeline.parse.units import Unit
from pipeline.parse.vocab import MEASURE_UNITS, UNITS
from pipeline.spec import Access, FieldType, ProjectSpec, RelationKind, Rule, spec_from_dict

_CHARS = re.compile(r"\b(?:char(?:acter)?s?|letters|chars)\b")
_NOT_BLANK = re.compile(
    r"\b(?:(?:is|are)\s+(?:required|mandatory)|can ?not be (?:empty|blank)|can't be (?:empty|blank)"
    r"|must not be (?:empty|blank)|non-?empty|not (?:be )?blank)\b"
)
_UNIQUE = re.compile(
    r"\b(?:unique|no two|no duplicates?|only once|at most once|(?:one|1) [\w ]+ per)\b"
)
# "one application per candidate per job opening", "max 1 booking per member per class"
_PER = re.compile(
    r"\b(?:one|1|a single)\s+(?P<what>(?!per\b)\w+(?:\s+(?!per\b)\w+)?)\s+per\s+"
    r"(?P<ends>[\w ]+?)(?=\s*(?:[.;,:()!?]|$|\s(?:only|at most|is|are|please|and no|or|but|so"
    r"|because|if|when|which|that|who|with)\b))"
)
# "every singer has one attendance row per rehearsal": the person of "every" is an end too
_EVERY = re.compile(r"\b(?:every|each)\s+(?P<who>\w+)\s+(?:has|have|gets?|can|may)\b")
# "a judge can only score each team once", "can't enroll twice in the same course"
_ONCE = re.compile(
    r"\b(?:only once|once (?:per|in|for)|(?:score|review|rate|book|reserve|vote|enrol+|sign up"
    r"|register|be \w+|\w+ed) (?:\w+ ){0,4}?once\b|(?:twice|two times|more than once)\b)"
)
# Words for the person speaking or acting, whose account is an end of what they may do once.
_PERSON = re.compile(r"\b(?:i|you|we|they|nobody|no one|(?:a|each|every|the) \w+er)\b")
_END_WORDS = re.compile(r"^(?:each|a|an|the|every|one)\s+")
_SOFT = re.compile(
    r"\bsoft[- ]?delet\w*|\bonly archives?\b|\barchives? (?:it|them)\b|\bget archived\b|\b(?:archived|hidden|kept) instead of (?:being )?deleted|never (?:really |"
    r"actually |permanently )?(?:be )?deleted|not (?:really|actually|permanently) deleted"
    r"|never hard[- ]deleted|kept for (?:history|the record|records)|archived,? not deleted"
    # "a route can be archived": archiving is the delete that keeps the row
    r"|\b(?:can|could|should|may|must|will) (?:also )?be archived\b"
)
# "sold listings are kept, not deleted", "don't delete old tickets, just hide them", "archive,
# don't delete": a deletion said not to happen, and the rows kept (hidden, flagged) instead.
_NOT_DELETED = re.compile(
    r"(?:\bnot|\bnever|n't|\binstead of|\brather than)\s+(?:let\s+\w+\s+)?(?:be\s+|being\s+)?"
    r"(?:really\s+|actually\s+|permanently\s+|hard[- ]?)?(?:delet|remov)\w*"
)
_KEPT = re.compile(
    r"\b(?:kept|keep|hidden|hide|flagged|archived?|retired?|deactivated|cancell?ed)\b"
    r"|\bfor real\b|\b(?:i|we) need (?:them|it|all of them)\b"  # "I need them all for the tax man"
)
_COMPUTED = re.compile(
    r"\b(?:is|are|gets?|should be|must be)\s+(?:automatically\s+)?"
    r"(?:computed|calculated|derived|summed)\b|\bauto[- ]?calculated\b|\bcomputed\b"
    r"|\bcomputes? (?:it|them|the)\b|\bcalculate\w* automatic\w*|\bautomatic\w* calculat\w*"
    r"|\b(?:is|are)\s+(?:always\s+)?the\s+(?:sum|total)\s+of\b"  # "a total, which is the sum of"
    r"|[—–(]\s*(?:calculated|computed)\b"  # "the window's price = ... — calculated"
)
_API_KEY = re.compile(r"\bapi[- ]?keys?\b")
_OWN = re.compile(
    r"\btheir own\b|\b(?:his|her|my|its|our) own\b|\bowns? the \w+ (?:they|he|she|i) create\b|\bwho (?:created|wrote|made|posted|owns?)\b|\bowned by\b"
    r"|\bonly (?:the|their|its) (?:author|owner|creator|maker)s?\b"
    # "see only the leads i created", "only see the visits they did themselves"
    r"|\b(?:the|those) [a-z]+ (?:i|we|they|he|she) (?:created|made|wrote|added|posted|did)\b"
    # "can only change the grades he create(s)": the present said for the past, as the object
    # of an act ("the teachers we create them" is who makes teachers)
    r"|\b(?:see|view|read|edit|change|update|delete|remove|manage|modify|access)\s+(?:only\s+)?"
    r"(?:the|those) [a-z]+ (?:i|we|they|he|she) (?:create|make|write|add|post)s?\b"
    # "only the instructor of a course can edit it": the course's maker
    r"|\bonly (?:the|its|their) [a-z]+ of (?:a|an|the|its|their|each|that) (?=\w+ (?:can|may)\b)"
)
_PRIVATE = re.compile(
    r"\b(?:only|just)\s+(?:see|view|read|access|list|get)(?:\s*(?:,|and|or|&)\s*[a-z]+)*\s+"
    r"(?:their|his|her|my|our) own\b"  # "only see and edit their own borrowings" too
    r"|\b(?:see|view|read|access)\s+only\s+(?:their|his|her|my|our) own\b"
    # "can see all scores, but only their own loans": the verb said once for both
    r"|\b(?:see|view|read|access|list)\b[^.;]*?\bbut\s+only\s+(?:their|his|her|my|our) own\b"
    # "see only the leads i created", "can only see the visits they did themselves"
    r"|\b(?:only\s+)?(?:see|view|read|access|list)\s+(?:only\s+)?(?:the|those)\s+[a-z]+\s+"
    r"(?:i|we|they|he|she)\s+(?:created|made|wrote|added|posted|did)\b"
    r"|\b(?:is|are|stays?|kept|be)\s+private\b|\bprivate\s+(?:per|to each|for each|to the)\s+user\b"
    r"|\b(?:nobody|no one|noone) else(?:'s\b| (?:can |may |should |must )?(?:see|view|read|access))"
    r"|\bnot (?:other|another) (?:people|users?|person)'s?"
    # "see my orders, but not other members' orders"
    r"|\b(?:see|view|read|access|list)\b[^.;]*?\bnot\s+(?:the\s+)?(?:other|another)\s+[a-z]+(?:s'|'s)"
    r"|\b(?:can ?not|can't|cannot|shouldn't|should not|must not)\s+(?:see|view|read)\s+"
    r"(?:other|others'|anyone else's|each other's)"
    # "other customers cannot see it", "other members must not see them"
    r"|\bother\s+[a-z]+s\s+(?:can ?not|can't|cannot|shouldn't|should not|must not|may not|"
    r"won't)\s+(?:see|view|read)\s+(?:it|them|those|these)\b"
)
# Where a clause of its own ends and the next starts inside a sentence: "; ", "..., but",
# "whereas", "so".
_CLAUSE_BREAK = re.compile(r"[;.!?]|,?\s(?:but|then|while|whereas|so)\s", re.I)
_THEM_AFTER = re.compile(r"\b(?:them|it|those|these)\b")
_IS_PRIVATE = re.compile(r"(?:is|are|stays?|kept|be)\s+private")
# Every row private, said of no entity in particular.
_ALL_PRIVATE = re.compile(
    r"\b(?:everything|all data|all of it|all records|nothing is public)\b.*\bprivate\b"
)
_PUBLIC = re.compile(
    r"\b(?:anyone|anybody|everyone|everybody|the public|guests|visitors|public)\b.*\b(?:can|may|"
    r"should be able to)\s+(?:browse|view|see|read|list|look at|search)\b|\bare public\b"
    r"|\bwithout (?:logging|signing) in\b|\bpublicly (?:visible|readable|available)\b"
)
_SIGNED_IN = re.compile(
    r"\bonly\s+(?:logged[- ]in|signed[- ]in|registered|authenticated)\s+users?\s+can\s+"
    r"(?:see|view|read|browse|list)\b"
    # "only people who are logged in should read comments"
    r"|\bonly\s+(?:people|users|persons|those|members)\s+(?:who|that)\s+(?:are|have)\s+"
    r"(?:logged|signed)[- ]in\s+(?:can|may|should|must)\s+(?:be able to\s+)?"
    r"(?:see|view|read|browse|list)\b"
    # "everybody can read pages once logged in"
    r"|\b(?:can|may)\s+(?:see|view|read|browse|list)\b[^.;!?]*?\b(?:once|when|if|after)\s+"
    r"(?:they(?:'re| are)\s+)?(?:logged|signed)\s+in\b"
)
# Every row readable only when signed in, said of no entity in particular: "you must be logged
# in to see anything", "everybody needs an account to see anything".
_ALL_SIGNED_IN = re.compile(
    r"\b(?:(?:must|need to|needs to|have to|has to) be (?:logged|signed) in"
    r"|needs? an account|must have an account) to (?:see|view|read|access|use) "
    r"(?:anything|everything|the (?:api|app|data))\b"
)
_NUMERIC = {FieldType.INTEGER, FieldType.FLOAT, FieldType.DECIMAL}
_TEXTUAL = {FieldType.STRING, FieldType.TEXT, FieldType.EMAIL, FieldType.URL, FieldType.PHONE}

Found = list[tuple[int, str]]  # (unit index, what it became)


def _rule_key(rule: dict[str, Any]) -> tuple[Any, ...]:
    """What makes two rules one: a field's rule of a kind, but a transition per move."""
    key = (rule["kind"], rule["entity"], rule.get("field", ""), tuple(rule.get("fields", [])))
    if rule["kind"] == "transition":
        return (*key, rule.get("to", ""), tuple(rule.get("from_values", [])))
    return key


class _Reading:
    def __init__(self, spec: ProjectSpec) -> None:
        self.data: dict[str, Any] = spec.model_dump(mode="json")
        self.spec = spec
        self.names = Names.of(spec)
        self.found: Found = []
        self.rules: list[dict[str, Any]] = list(self.data.get("rules", []))
        self.all_signed_in: int | None = None  # the unit that asks sign-in to read anything

    def add_rule(self, n: int, rule: dict[str, Any], label: str, source: str) -> None:
        if any(_rule_key(r) == _rule_key(rule) for r in self.rules):
            return
        self.rules.append({**rule, "source": source})
        self.found.append((n, label))

    def entity(self, name: str) -> dict[str, Any]:
        return next(e for e in self.data["entities"] if e["name"] == name)

    def field_type(self, entity: str, name: str) -> FieldType | None:
        f = self.spec.entity(entity).field(name)
        return f.type if f else None


def _target(r: _Reading, unit: Unit, want: set[FieldType] | None) -> tuple[str, str] | None:
    """(entity, field) the unit speaks of: a named field of a named entity (or the heading's)."""
    named = r.names.entities(unit.text) + r.names.entities(unit.heading)
    for entity in named:
        for f in r.names.fields(entity, unit.text):
            t = r.field_type(entity, f)
            if t is not None and (want is None or t in want):
                return entity, f
    for entity in r.names.entity_words:  # a field name unique to one entity: "ratings 1-5"
        for f in r.names.fields(entity, unit.text):
            t = r.field_type(entity, f)
            if t is not None and (want is None or t in want):
                return entity, f
    return None


def _field_before(
    r: _Reading,
    unit: Unit,
    low: str,
    pos: int,
    want: set[FieldType],
    start: int = 0,
    *,
    close: bool = False,
    anywhere: bool = False,
) -> tuple[str, str] | None:
    """The field named nearest before `pos` in the unit (of an entity it or its heading names,
    or any entity when none is named; `anywhere`: of any entity, those named first); `close`:
    only one named right before `pos`. A field named
    with its unit may be named without it ("weight" for weight_kg, "duration" for
    duration_minutes) where no other field of the entity starts with that word."""
    named = r.names.entities(unit.text) + r.names.entities(unit.heading)
    best: tuple[int, int, str, str] | None = None
    if anywhere:  # the entities named first, then any other
        named += [e for e in r.names.entity_words if e not in named]
    for entity in named or list(r.names.entity_words):
        fields = r.names.field_words.get(entity, {})
        firsts = [ws[0] for ws in fields.values() if ws]
        for fname, ws in fields.items():
            t = r.field_type(entity, fname)
            if t is None or t not in want or not ws:
                continue
            # "hours worked", "the artist's payout", "weight in kg"
            joint = r"(?:e?s)?(?:'s)?(?:\s+in)?[\s_-]+"
            measured = len(ws) > 1 and set(ws[1:]) <= _UNIT_WORDS and firsts.count(ws[0]) == 1
            ways = [ws, ws[:1]] if measured else [ws]
            for way in ways:
                pattern = r"\b" + joint.join(_plural(w) for w in way) + r"\b"
                for m in compiled(pattern).finditer(low[start:pos]):  # "the artist's payout" too
                    if close and not _CLOSE.fullmatch(low[start + m.end() : pos]):
                        continue
                    if _OF_MORE.match(low, start + m.end()):
                        continue  # "number of players" is not the field "number"
                    # the nearest; of two ending together, the longer ("total price")
                    if best is None or (m.end(), m.end() - m.start()) > best[:2]:
                        best = (m.end(), m.end() - m.start(), entity, fname)
    return (best[2], best[3]) if best else None


def _plural(word: str) -> str:
    """A pattern for `word` (singular) and its plural: "copy" matches "copies" too."""
    if re.fullmatch(r"[a-z]*[^aeiou]y", word):
        return re.escape(word[:-1]) + r"(?:y|ies)"
    return re.escape(word) + r"(?:e?s)?"


def _near(
    r: _Reading, unit: Unit, low: str, pos: int, want: set[FieldType]
) -> tuple[str, str] | None:
    """The field named nearest before `pos`, else the first one the unit names."""
    return _field_before(r, unit, low, pos, want) or _target(r, unit, want)


# "payout = sale price × (100 − commission) / 100", "the total is persons × price": the field
# before the equals sign is the one computed, not the last one of the formula.
_FORMULA = re.compile(
    r"\s(?:=|is|are|equals)\s+[^.;=]*?(?:[×*+/−]|\s-\s|\bsum of\b|\btimes\b|\bminus\b|\bplus\b)"
)


# Where the operands of a computation start: "(nights × nightly price)", "from the services",
# ": minutes / 60 × rate". A field named after it is an operand, never the value computed.
_OPERANDS = re.compile(r"[(:=×*/+−]|\s-\s|\b(?:from|of|by|as|using|based on|with)\b")


_FORMULA_ASIDE = re.compile(r"\([^()]*[×*/+−][^()]*\)")


def _computed_field(r: _Reading, unit: Unit, low: str, pos: int) -> tuple[str, str] | None:
    """The field a computation sets: named before the equals sign of a formula, else before the
    word "computed", else right after it ("auto-calculated total"), never among the operands."""
    every = set(FieldType)
    low = _FORMULA_ASIDE.sub(lambda m: " " * len(m.group()), low)  # "total (price × guests)"
    sentence = max(low.rfind(". ", 0, pos), low.rfind(";", 0, pos)) + 1
    formula = _FORMULA.search(low, sentence)
    if formula and formula.start() < pos:
        return _field_before(r, unit, low, formula.start() + 1, every, sentence)
    if found := _field_before(r, unit, low, pos, every, sentence, anywhere=True):
        return found
    after = pos + len(low[pos:].split(" ", 1)[0])
    operands = _OPERANDS.search(low, after)
    return _field_before(r, unit, low, operands.start() if operands else len(low), every, after)


# Currency marks before or after an amount, and thousands separators: blanked (same length, so
# places in `low` stay places in the unit's text).
_AMOUNT_MARKS = re.compile(r"[€$£¥₹](?=\s?\d)|(?<=\d)\s?[€$£¥₹]")
_THOUSANDS = re.compile(r"(\d),(\d{3})\b")
_DECIMAL_COMMA = re.compile(r"(?<![\d,])(\d+),(\d{1,2})\b(?!\s*,\s*\d)")


def _range(r: _Reading, n: int, unit: Unit, low: str) -> None:
    for bound in bounds(low):
        lo, hi = bound.lo, bound.hi
        chars = bool(_CHARS.match(low[bound.end :].lstrip()))
        want = _TEXTUAL if chars else _NUMERIC
        target = _field_before(r, unit, low, bound.start, want)
        if target is None and not chars:
            target = _untyped_before(r, unit, low, bound.start, lo, hi)
            if target is not None:
                r.found.append((n, f"field {target[0]}.{target[1]} ({_typed(target, r).value})"))
        if target is None:  # "89.50, max guests 1 to 4": a unit split from its entity's list
            close = _field_before(r, unit, low, bound.start, want, close=True, anywhere=True)
            target = _only_holder(r, close)
        if target is None:
            continue
        entity, fname = target
        kind = "length" if chars else "range"
        for name in [fname, *_listed(r, low, target, bound.start)]:
            _bound_rule(r, n, unit, (entity, name), kind, lo, hi)


def _only_holder(r: _Reading, found: tuple[str, str] | None) -> tuple[str, str] | None:
    """A field found among every entity, kept when no other entity has a field of its name:
    "89.50, max guests 1 to 4" split from its entity's list names max_guests of Room only."""
    if found is None:
        return None
    holders = [e for e, fs in r.names.field_words.items() if found[1] in fs]
    return found if holders == [found[0]] else None


def _listed(r: _Reading, low: str, target: tuple[str, str], pos: int) -> list[str]:
    """The fields of the target's type listed with it before a bound said of each of them
    ("daily rate and deposit can't be negative"); a plain-text one is retyped as the target."""
    entity, fname = target
    want = _typed(target, r)
    kin = _NUMERIC if want in _NUMERIC else {want}
    words = r.names.field_words.get(entity, {})
    types = {f["name"]: FieldType(f["type"]) for f in r.entity(entity)["fields"]}
    fields = {f: ws for f, ws in words.items() if types.get(f) in kin}
    others = listed_with(low, fname, pos, fields)
    if not others and want is not FieldType.STRING:  # "a score for design and execution"
        plain = {f: ws for f, ws in words.items() if types.get(f) is FieldType.STRING}
        others = listed_with(low, fname, pos, {**plain, fname: words.get(fname, [])})
        for name in others:
            _retype(r, entity, name, want)
    return others


def _bound_rule(
    r: _Reading,
    n: int,
    unit: Unit,
    target: tuple[str, str],
    kind: str,
    lo: float | None,
    hi: float | None,
) -> None:
    """Record a range or length rule on a field (a float bounded by whole numbers: integer)."""
    entity, fname = target
    whole = all(x is None or x == int(x) for x in (lo, hi))
    bounded = lo is not None and hi is not None and lo != 0  # not ">= 0": any amount
    if kind == "range" and whole and bounded and r.field_type(entity, fname) is FieldType.FLOAT:
        _retype(r, entity, fname, FieldType.INTEGER)
        r.found.append((n, f"field {entity}.{fname} (integer)"))
    rule: dict[str, Any] = {"kind": kind, "entity": entity, "field": fname}
    if lo is not None:
        rule["min"] = lo
    if hi is not None:
        rule["max"] = hi
    label = f"rule {kind} {entity}.{fname} {_num(lo)}..{_num(hi)}"
    r.add_rule(n, rule, label, unit.text)


# Units a field's name may end with ("weight_kg", "duration_minutes"), singular as `words_of`.
_UNIT_WORDS = frozenset(
    words_of(" ".join([*UNITS, *(suffix for _, suffix in UNITS.values()), *MEASURE_UNITS]))
)

# A name that goes on: "number of players" (not "weight of the parcel"; "balance per loan" is
# the balance, of each loan).
_OF_MORE = re.compile(r"\s+of\s+(?!the\b|a\b|an\b|each\b|every\b|this\b|that\b)[a-z]")

# Words between a field and its bound that keep them one phrase: "severity 1-4", "weight must
# be positive", "value can't be negative", "priority from 1 to 5".
_CLOSE = re.compile(
    r"[\s(:=]*(?:(?:is|are|must|should|can|be|always|of|in|has|have|to|needs?|each|both)\s+){0,4}"
    r"[\s(]*"
)


def _untyped_before(
    r: _Reading, unit: Unit, low: str, pos: int, lo: float | None, hi: float | None
) -> tuple[str, str] | None:
    """A plain-text field named right before a numeric bound ("severity 1-4"): a number, typed
    as the bound's numbers are (whole numbers: integer)."""
    found = _field_before(r, unit, low, pos, {FieldType.STRING}, close=True)
    if found is None:
        return None
    whole = all(x is None or x == int(x) for x in (lo, hi)) and (lo, hi) != (0.0, None)
    _retype(r, found[0], found[1], FieldType.INTEGER if whole else FieldType.FLOAT)
    return found


def _typed(target: tuple[str, str], r: _Reading) -> FieldType:
    return next(
        FieldType(f["type"]) for f in r.entity(target[0])["fields"] if f["name"] == target[1]
    )


def _retype(r: _Reading, entity: str, fname: str, to: FieldType) -> None:
    for f in r.entity(entity)["fields"]:
        if f["name"] == fname:
            f["type"] = to.value


def _num(x: float | None) -> str:
    return "" if x is None else (str(int(x)) if x == int(x) else str(x))


def _simple(r: _Reading, n: int, unit: Unit, low: str) -> None:
    if (m := _NOT_BLANK.search(low)) and (t := _near(r, unit, low, m.start(), _TEXTUAL)):
        rule = {"kind": "not_blank", "entity": t[0], "field": t[1]}
        r.add_rule(n, rule, f"rule not_blank {t[0]}.{t[1]}", unit.text)
    if _UNIQUE.search(low) or _ONCE.search(low) or same_said(low) or _EXACTLY_ONE.search(low):
        _unique(r, n, unit, low)
    named = r.names.entities(unit.text) or r.names.entities(unit.heading)
    if named and (_SOFT.search(low) or _kept_not_deleted(low)):
        r.add_rule(
            n,
            {"kind": "soft_delete", "entity": named[0]},
            f"rule soft_delete {named[0]}",
            unit.text,
        )
    if (m := _COMPUTED.search(low)) and (t := _computed_field(r, unit, low, m.start())):
        rule = {"kind": "computed", "entity": t[0], "field": t[1]}
        r.add_rule(n, rule, f"rule computed {t[0]}.{t[1]}", unit.text)
    if _API_KEY.search(low) and len(named) >= 2:
        by, entity = named[0], named[1]
        rule = {"kind": "api_key", "entity": entity, "by": by}
        r.add_rule(n, rule, f"rule api_key {entity} by {by}", unit.text)
    named = r.names.entities(unit.text)
    if _chain(r, n, unit, low, named + r.names.entities(unit.heading + " " + unit.parent)):
        return
    if transition := transition_in(low, r.spec, named):
        label = (
            f"rule transition {transition['entity']}.{transition['field']} -> {transition['to']}"
        )
        r.add_rule(n, transition, label, unit.text)


def _chain(r: _Reading, n: int, unit: Unit, low: str, named: list[str]) -> bool:
    """Each step of a chain of arrows ("draft → sent → accepted or declined") as a transition;
    a status field said without values ("…, a status and a price") takes the chain's values."""
    found = chain_in(low, r.spec, named)
    if found is None:
        return False
    entity, fname, values, pairs = found
    field = next(f for f in r.entity(entity)["fields"] if f["name"] == fname)
    if field["type"] != FieldType.ENUM.value or field.get("choices") != values:
        field["type"], field["choices"] = FieldType.ENUM.value, values
        r.spec = spec_from_dict({**r.data, "rules": r.spec.model_dump(mode="json")["rules"]})
        r.names = Names.of(r.spec)
        r.found.append((n, f"field {entity}.{fname} (enum)"))
    for froms, to in pairs:
        rule = {"kind": "transition", "entity": entity, "field": fname, "from_values": froms}
        r.add_rule(n, {**rule, "to": to}, f"rule transition {entity}.{fname} -> {to}", unit.text)
    return True


def _kept_not_deleted(low: str) -> bool:
    """A clause that keeps rows instead of deleting them ("flagged, not deleted")."""
    for clause in re.split(r"[;.!?\n]", low):
        if _NOT_DELETED.search(clause) and _KEPT.search(clause):
            return True
    return False


def _end_field(r: _Reading, subject: str, phrase: str) -> str:
    """The field or link of `subject` that one end of "one X per A per B" names."""
    phrase = _END_WORDS.sub("", phrase.strip())
    key = snake(phrase)
    links = r.spec.relations_from(subject)
    names = [x.name for x in links] + [f.name for f in r.spec.entity(subject).fields]
    if key in names:
        return key
    for named in r.names.entities(phrase):  # "per job opening": the link to JobOpening
        for x in links:
            if x.target == named:
                return x.name
    if found := r.names.fields(subject, phrase):
        return found[0]
    last = snake(words_of(phrase)[-1]) if words_of(phrase) else key
    for name in names:  # "per week": week_start
        if name == last or name.endswith(f"_{last}") or name.startswith(f"{last}_"):
            return name
    if last in ("time", "date", "hour", "moment"):  # "per table per time": the one moment
        moments = [f.name for f in r.spec.entity(subject).fields if f.type is FieldType.DATETIME]
        if len(moments) == 1:
            return moments[0]
    return key


def _acted_on(entity: str, low: str) -> bool:
    """The unit speaks of making one `entity` by a verb of its name ("booked" for Booking)."""
    word = snake(entity).split("_")[-1]
    stems = [re.sub(r"(?:ing|ment|ation|ion|al)$", "", word)[:5].rstrip("e")]
    if word.endswith("ry"):  # "entered" for Entry, "delivered" for Delivery
        stems.append((word[:-2] + "er")[:5])
    return any(
        len(stem) >= 4 and compiled(rf"\b{re.escape(stem)}\w*").search(low) is not None
        for stem in stems
    )


def _once(r: _Reading, n: int, unit: Unit, low: str) -> None:
    """ "a seat on a flight can only be booked once", "a judge can only score each team once":
    the row that links what the unit names, unique over those links (and the person's)."""
    if not (once := _ONCE.search(low)):
        return
    named = [e for e in r.names.entities(unit.text) if e != "User"]
    starts = [m.end() for m in re.finditer(r"[.;!?](?:\s|$)", low[: once.start()])]
    said = low[max(starts, default=0) :]  # the sentence that says "once": its fields are the ends
    best: tuple[int, str, list[str]] | None = None
    for e in r.spec.entities:
        if e.name == "User":
            continue
        links = {
            x.target: x.name
            for x in r.spec.relations_from(e.name)
            if x.kind is RelationKind.MANY_TO_ONE
        }
        ends = [links[t] for t in named if t != e.name and t in links]
        if not ends or not (e.name in named or _acted_on(e.name, low) or len(ends) >= 2):
            continue
        plain = {f.name for f in e.fields}
        ends += [  # "a seat on a flight": a field of the row, said as such, is an end too
            f
            for f in r.names.fields(e.name, said)
            if f in plain and compiled(rf"\b{f.replace('_', ' ')}s?\b").search(said)
        ]
        if "User" in links and links["User"] not in ends and _PERSON.search(low):
            ends.append(links["User"])
        ends = list(dict.fromkeys(ends))
        score = len(ends) * 2 + (e.name not in named)
        if len(ends) >= 2 and (best is None or score > best[0]):
            best = (score, e.name, ends)
    if best:
        _, subject, fields = best
        rule = {"kind": "unique", "entity": subject, "fields": fields}
        r.add_rule(n, rule, f"rule unique {subject} ({', '.join(fields)})", unit.text)


# "each speech gets exactly one evaluation": the evaluation's link to the speech is unique
_EXACTLY_ONE = re.compile(
    r"\b(?:each|every)\s+(?P<one>\w+(?:\s+\w+)?)\s+(?:gets?|has|have|receives?)\s+"
    r"(?:exactly|only|just)\s+(?:one|1)\s+(?P<what>\w+(?:\s+\w+)?)"
)


def _exactly_one(r: _Reading, n: int, unit: Unit, low: str) -> bool:
    m = _EXACTLY_ONE.search(low)
    if not m:
        return False
    ones = r.names.entities(m["one"])
    what = r.names.entities(m["what"]) or r.names.entities(m["what"].split()[-1])
    if len(ones) != 1 or len(what) != 1 or ones == what:
        return False
    link = next(
        (
            x.name
            for x in r.spec.relations_from(what[0])
            if x.kind is RelationKind.MANY_TO_ONE and x.target == ones[0]
        ),
        None,
    )
    if link is None:
        return False
    rule = {"kind": "unique", "entity": what[0], "fields": [link]}
    r.add_rule(n, rule, f"rule unique {what[0]} ({link})", unit.text)
    return True


def _unique(r: _Reading, n: int, unit: Unit, low: str) -> None:
    if _exactly_one(r, n, unit, low):
        return
    if m := _PER.search(low):
        ends = [e for e in re.split(r"\s+(?:and|per)\s+|\s*,\s*", m.group("ends")) if e]
        every = _EVERY.search(low[: m.start()])
        if len(ends) == 1 and every:
            ends.insert(0, every.group("who"))
        subject = next((e for e in r.names.entities(m.group("what")) if e != "User"), None)
        if subject and 0 < len(ends) <= 3:
            fields = [_end_field(r, subject, e) for e in ends]
            if len(fields) == 1 and (who := _person_link(r, subject, low[: m.start()])):
                fields.insert(0, who)  # "customers can write one review per product"
            rule = {"kind": "unique", "entity": subject, "fields": fields}
            r.add_rule(n, rule, f"rule unique {subject} ({', '.join(fields)})", unit.text)
            return
    if (same := same_said(low)) and _same(r, n, unit, same):
        return
    m = re.search(r"\bunique\b", low)
    if not m:
        return _once(r, n, unit, low)
    clause_start = max(low.rfind(x, 0, m.start()) for x in (",", ";", "(", ":")) + 1
    t = _field_before(r, unit, low, m.start(), set(FieldType), clause_start)
    if t is None and not r.names.entities(low[clause_start : m.start()]):
        # "seat unique per screening": the seat of a ticket, though the unit names a screening
        # (not "item names are unique": the item has no name, and no other thing is meant)
        t = _field_before(r, unit, low, m.start(), set(FieldType), clause_start, anywhere=True)
    if t is None:
        return
    entity, fname = t
    if scope := _UNIQUE_WITHIN.match(low, m.end()):  # "numbers are unique per customer"
        fields = [fname, _end_field(r, entity, scope.group("end"))]
        if fields[1] != fname and fields[1] in _link_or_field_names(r, entity):
            rule = {"kind": "unique", "entity": entity, "fields": fields}
            r.add_rule(n, rule, f"rule unique {entity} ({', '.join(fields)})", unit.text)
            return
    _mark_unique(r, n, entity, fname)


def _person_link(r: _Reading, subject: str, before: str) -> str:
    """The link of `subject` to the User who acts, when the words before name a role or a
    person as the one acting ("customers can write one review per ..."); "" otherwise."""
    links = [x.name for x in r.spec.relations_from(subject) if x.target == "User"]
    if len(links) != 1:
        return ""
    said = any(
        compiled(rf"\b{re.escape(role.replace('_', ' '))}s?\b").search(before)
        for role in r.spec.roles
    )
    return links[0] if said or _PERSON.search(before) else ""


def _mark_unique(r: _Reading, n: int, entity: str, fname: str) -> None:
    """Make one field unique across its table."""
    for e in r.data["entities"]:
        for f in e["fields"] if e["name"] == entity else []:
            if f["name"] == fname and not f.get("unique"):
                f["unique"] = True
                r.found.append((n, f"unique {entity}.{fname}"))


def _same(r: _Reading, n: int, unit: Unit, same: Same) -> bool:
    """ "no two players with the same shirt number": the field unique; "a room can't have two
    slots with the same start time": unique over the room's link and the field. True when the
    words name an entity and a field (and the link) of it."""
    entity = next((e for e in r.names.entities(same.what) if e != "User"), None)
    if entity is None:
        return False
    plain = {f.name for f in r.spec.entity(entity).fields}
    value = _end_field(r, entity, same.value)
    first = words_of(same.value)[0] if words_of(same.value) else "-"
    starting = [f for f in plain if f.split("_")[0].startswith(first)]
    if value not in plain and len(starting) == 1:
        value = starting[0]  # "the same start time": starts_at
    if value not in plain:
        return False
    if not same.within:
        _mark_unique(r, n, entity, value)
        return True
    within = _end_field(r, entity, same.within)
    if within not in {x.name for x in r.spec.relations_from(entity)}:
        return False
    rule = {"kind": "unique", "entity": entity, "fields": [within, value]}
    r.add_rule(n, rule, f"rule unique {entity} ({within}, {value})", unit.text)
    return True


# "unique per customer", "unique within each project", "unique for a given team": unique among
# the rows that share that end, not across the table.
_UNIQUE_WITHIN = re.compile(
    r"\s+(?:per|within|inside|in|for)\s+(?:each|every|a|an|the|one|a given|the same)?\s*"
    r"(?P<end>[a-z]+(?:\s+[a-z]+)?)"
)


def _link_or_field_names(r: _Reading, entity: str) -> set[str]:
    return {x.name for x in r.spec.relations_from(entity)} | {
        f.name for f in r.spec.entity(entity).fields
    }


def _access(r: _Reading, n: int, unit: Unit, low: str) -> None:
    if r.data.get("auth") != "jwt":
        return
    named = [e for e in r.names.entities(unit.text) if e != "User"]
    if not named and _ALL_SIGNED_IN.search(low):  # settled once every unit is read
        r.all_signed_in = n
    if not named and _ALL_PRIVATE.search(low):  # "everything private per user"
        named = [e["name"] for e in r.data["entities"] if e["name"] != "User"]
        for target in named:
            if owner := _own(r, target, unit):
                r.entity(target)["read"] = Access.OWNER.value
                r.found.append((n, f"owner {target}.{owner}, read: owner"))
        return
    if not named:
        return
    if _PRIVATE.search(low) or _OWN.search(low):
        private = _PRIVATE.search(low)
        first = named[-1] if private else named[0]
        if private and _IS_PRIVATE.match(private.group(0)):  # "brew logs are private": the
            before = r.names.entities(unit.text[: private.start()])  # one named before it
            before = [e for e in before if e != "User"]
            if not before:
                return  # "my stash is private": no entity is
            first = before[-1]
        owning = _OWN.search(low)
        # "their own accounts ... and nobody else can see them": the things after "own"
        m = owning if owning and owning.group(0).endswith(" own") else (private or owning)
        assert m is not None
        # "users only edit their own threads and posts": each thing after "own" is owned
        # the things right after "own", to the end of their clause
        after = [e for e in r.names.entities(unit.text[m.start() :]) if e != "User"]
        tail = _CLAUSE_BREAK.split(low[m.end() :])[0]
        if m.group(0).endswith(" own") and tail.strip():  # the things right after "own"
            after = [e for e in r.names.entities(tail) if e != "User"]
            if not after:
                return  # "using their own API key": what they own is no entity
        seen = {  # "only sees their own clients": private, whatever the verb's form
            e for noun, hidden in owned_nouns(unit.text) if hidden for e in r.names.entities(noun)
        }
        if not after and _THEM_AFTER.search(tail):
            # "shows and episodes ..., only their creator can edit them": each thing named
            # before, in its own clause where that names one ("everybody sees the plots, but
            # harvests are private to the member who wrote them": harvests), else in the
            # sentence ("quizzes can be read by all, but only their authors may change them")
            said_before = unit.text[: m.start()]
            clause = _CLAUSE_BREAK.split(said_before)[-1]
            after = [e for e in named if e in r.names.entities(clause)] or [
                e for e in named if e in r.names.entities(said_before)
            ]
        for target in after or [first]:
            _own_rows(r, n, unit, target, private=bool(private) or target in seen)
        return
    if _owned_by_grammar(r, n, unit):
        return
    if _SIGNED_IN.search(low):
        for e in named:
            r.entity(e)["read"] = Access.SIGNED_IN.value
            r.found.append((n, f"read {e}: signed_in"))
    elif _PUBLIC.search(low):
        for e in named:
            r.found.append((n, f"read {e}: public"))


def _owned_by_grammar(r: _Reading, n: int, unit: Unit) -> bool:
    """ "each freelancer only sees their own clients and invoices": what "own" marks is owned,
    and private under a seeing verb."""
    done = False
    for noun, private in owned_nouns(unit.text):
        for target in [e for e in r.names.entities(noun) if e != "User"][:1]:
            done = bool(_own_rows(r, n, unit, target, private=private)) or done
    return done


def _own_rows(r: _Reading, n: int, unit: Unit, target: str, *, private: bool) -> str:
    """Make `target` owned by its creator (`_own`) and, when `private`, readable by its owner
    only; account for both in unit `n`. The owner's link name, "" when it has none."""
    owner = _own(r, target, unit)
    if owner:
        r.found.append((n, f"owner {target}.{owner}"))
        if private:
            r.entity(target)["read"] = Access.OWNER.value
            r.found.append((n, f"read {target}: owner"))
    return owner


def _own(r: _Reading, entity: str, unit: Unit) -> str:
    """Make `entity` owned by its creator: its link to User (added when missing)."""
    data = r.entity(entity)
    if data.get("owner"):
        return str(data["owner"])
    links = [
        x
        for x in r.data["relations"]
        if x["source"] == entity and x["target"] == "User" and x["kind"] == "many_to_one"
    ]
    if links:
        name = links[0]["name"]
    else:
        roles = [x for x in r.spec.roles if x in words_of(unit.text)]
        low = unit.text.lower()
        if " own" in low:  # the role that speaks of its own things, if one does
            roles = sorted(
                (x for x in roles if _last_before_own(x, low) >= 0),
                key=lambda x: -_last_before_own(x, low),
            )
        name = roles[0] if roles and roles[0] not in ("admin",) else "owner"
        taken = {f["name"] for f in data["fields"]} | {
            x["name"] for x in r.data["relations"] if x["source"] == entity
        }
        if name in taken or f"{name}_id" in taken:
            name = "owner" if "owner" not in taken else "created_by"
        r.data["relations"].append(
            {
                "kind": RelationKind.MANY_TO_ONE.value,
                "source": entity,
                "target": "User",
                "name": name,
            }
        )
    data["owner"] = name
    return str(name)


def _last_before_own(role: str, low: str) -> int:
    """Where `role` is last named before "own" ("librarians manage books; pupils see their own
    loans": the pupil owns them); -1 when it is not."""
    own = low.find(" own")
    before = low[: own if own >= 0 else len(low)]
    before = re.split(r"[;,.:]|\bbut\b|\bwhile\b|\bwhereas\b", before)[-1]  # its own clause
    found = [
        m.start() for m in compiled(rf"\b{re.escape(role.replace('_', ' '))}").finditer(before)
    ]
    return found[-1] if found else -1


_READERS: tuple[Callable[[_Reading, int, Unit, str], None], ...] = (_range, _simple, _access)


def _sign_in_to_read(r: _Reading, n: int) -> None:
    """Every entity still readable by anyone, and said public by no unit, readable once signed
    in (unit `n` asked it)."""
    public = {label.split()[1].rstrip(":") for _, label in r.found if label.endswith(": public")}
    for e in r.data["entities"]:
        if e["name"] != "User" and e.get("read", "public") == "public" and e["name"] not in public:
            e["read"] = Access.SIGNED_IN.value
            r.found.append((n, f"read {e['name']}: signed_in"))


def read_rules(spec: ProjectSpec, units: list[Unit]) -> tuple[ProjectSpec, Found]:
    """The spec with the rules, owners and read access the units state; what each unit became."""
    reading = _Reading(spec)
    for n, unit in enumerate(units):
        if unit.kind == "heading":
            continue
        low = unit.text.lower().replace("’", "'")
        low = _AMOUNT_MARKS.sub(lambda m: " " * len(m.group()), low)  # "€450 - €2,500"
        low = _THOUSANDS.sub(lambda m: m.group(1) + m.group(2) + " ", low)
        low = _DECIMAL_COMMA.sub(
            r"\1.\2", low
        )  # "minimum 0,5": a decimal, written the European way
        for read in _READERS:
            read(reading, n, unit, low)
    if reading.all_signed_in is not None:
        _sign_in_to_read(reading, reading.all_signed_in)
    if not reading.found:
        return spec, []
    reading.data["rules"] = [Rule.model_validate(x).model_dump(mode="json") for x in reading.rules]
    return spec_from_dict(reading.data), reading.found


__all__ = ["Rule", "read_rules"]
