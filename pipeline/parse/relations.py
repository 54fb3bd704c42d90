"""Relations: sentences that state them, field items that are references, and obvious nesting.

"Each order belongs to a customer", "authors have many books", "posts and tags are many to many",
a field item "customer_id", "assignee (user)" or "a comment on movies", "members book classes"
and "students enroll in courses" (many-to-many), "authors write posts" (Post.author), and, when
nothing was said, the nesting a domain implies (comments belong to posts). No I/O.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from pipeline.naming import plural
from pipeline.naming import singular_word as singular
from pipeline.parse.domains import CLASSIFIERS, DEFAULT_PARENTS, MANY_TO_MANY_PAIRS, TAGGABLE
from pipeline.parse.draft import Draft, DraftRelation
from pipeline.parse.fields import FieldDraft, parse_field
from pipeline.parse.phrases import clean, is_plural, noun_key, strip_determiners, tokens
from pipeline.parse.roleitems import role_item
from pipeline.spec import Field, RelationKind

M2O, M2M = RelationKind.MANY_TO_ONE, RelationKind.MANY_TO_MANY

_DET = r"(?:(?:a|an|the|one|exactly one|a single|some|each|every|its|their)\s+)?"
_NOUN = r"(?P<{}>[a-z][a-z-]*(?:\s+(?!and\b|or\b|with\b|which\b|that\b|who\b)[a-z][a-z-]*)?)"
_BELONGS = re.compile(
    r"^(?P<subj>.+?)\s+(?:(?:must|should|will|can|may)\s+)?(?P<opt>optionally\s+)?"
    r"(?:belongs?|belonging) to\s+(?P<many>(?:many|multiple|several|one or more|zero or more)\s+)?"
    + _DET
    + r"(?P<optional>optional\s+)?"
    + _NOUN.format("obj")
    + r"(?P<rest>.*)$"
)
# "each shelf is in a warehouse", "every sensor sits in one greenhouse", "rooms are in a house":
# one of many, in one.
_IS_IN = re.compile(
    r"^(?P<subj>(?:each|every)\s+[a-z]+(?:\s+[a-z]+)?|[a-z]+s)\s+"
    r"(?:is|are|sits?|lives?|stands?|hangs?|stays?)\s+"
    r"(?:in|inside)\s+(?:a|an|one|exactly one|a single)\s+" + _NOUN.format("obj") + r"(?P<rest>.*)$"
)
_REFERS = re.compile(
    r"^(?P<subj>.+?)\s+(?:(?:is|are)\s+(?:linked|attached|assigned|tied|related|connected) to"
    r"|(?:is|are) (?:owned|written|created) by|references?|refers? to|points? to|(?:is|are) part of"
    r"|(?:is|are) (?:for|of|about))"
    r"\s+(?P<optional>optional(?:ly)?\s+)?" + _DET + _NOUN.format("obj") + r"(?P<rest>.*)$"
)
_HAS_MANY = re.compile(
    r"^(?P<subj>.+?)\s+(?:has|have|can have|may have|contains?|includes?|owns?|holds?)\s+"
    r"(?:many|multiple|several|one or more|zero or more|a list of|lots of|any number of)\s+"
    + _NOUN.format("obj")
    + r"(?P<rest>.*)$"
)
_MANY_TO_MANY = re.compile(
    r"^(?:a\s+)?(?:many to many(?: relation(?:ship)?)? between\s+)?(?P<a>[a-z][a-z ]*?)\s+and\s+"
    r"(?P<b>[a-z][a-z ]*?)\s+(?:are|have a|have an|share a)?\s*many to many(?: relation(?:ship)?)?"
    r"|^many to many(?: relation(?:ship)?)? between\s+(?P<a2>[a-z][a-z ]*?)\s+and\s+"
    r"(?P<b2>[a-z][a-z ]*)$"
    r"|^(?P<a3>[a-z][a-z ]*?)\s+(?:are|can be|is)\s+tagged with\s+(?P<b3>[a-z][a-z ]*)$"
)


_AND_ANOTHER = re.compile(
    r"^\s*(?:,\s*)?(?:and|or)\s+(?:(?:an?|the|one|optional)\s+)?(?P<obj>[a-z]+)\b"
    r"(?!\s+(?:the|an?|its|their|his|her|some|many|several)\b)(?P<rest>.*)$"  # "and records the date"
)


_IS_A = re.compile(r"^\s*\((?:an?\s+)?(?P<is>[a-z]+)\)(?P<rest>.*)$")


def _named(target: str, rest: str) -> tuple[str, str, str]:
    """ "a sender (a user)": the relation is named sender and points at User."""
    m = _IS_A.match(rest)
    if m and (real := noun_key(m.group("is"))) and real != target:
        return real, target, m.group("rest")
    return target, "", rest


def parse_relation_clause(clause: str, draft: Draft) -> tuple[str, str] | None:
    """Record a relation a clause states; returns (subject key, what is left of the clause)."""
    m = _MANY_TO_MANY.match(clause)
    if m:
        a = noun_key(m.group("a") or m.group("a2") or m.group("a3") or "")
        b = noun_key(m.group("b") or m.group("b2") or m.group("b3") or "")
        if a and b:
            draft.entity(a)
            draft.entity(b)
            draft.relations.append(DraftRelation(kind=M2M, source=a, target=b))
            return a, ""
    for pattern in (_BELONGS, _REFERS, _IS_IN, _HAS_MANY):
        m = pattern.match(clause)
        if not m:
            continue
        # "a job can have several photos": many of a thing are rows of their own
        subject = noun_key(m.group("subj"))
        target = noun_key(m.group("obj"), described=pattern is _HAS_MANY)
        if not subject or not target:
            continue
        groups = m.groupdict()
        target, name, rest = _named(target, m.group("rest"))
        targets = [(target, name)]
        while more := _AND_ANOTHER.match(rest):  # "references a book and a member"
            if not (other := noun_key(more.group("obj"))):
                break
            other, name, rest = _named(other, more.group("rest"))
            targets.append((other, name))
        draft.entity(subject)
        for target, name in targets:
            draft.entity(target)
            if pattern is _HAS_MANY:
                draft.has_many.append((subject, target))
            elif groups.get("many"):
                draft.relations.append(DraftRelation(kind=M2M, source=subject, target=target))
            else:
                optional = bool(groups.get("optional") or groups.get("opt"))
                draft.relations.append(
                    DraftRelation(
                        kind=M2O, source=subject, target=target, name=name, required=not optional
                    )
                )
        if pattern is _HAS_MANY and re.match(r"\s*(?:with|having|that have)\b", rest):
            return targets[-1][0], re.sub(r"^\s*(?:having|that have)", " with", rest)
        return subject, rest  # "has many order items with a quantity": the items' fields
    return None


def lookup(word: str, keys: Collection[str]) -> str | None:
    """The entity key a word or key refers to: exact, or the one multi-word key ending in it."""
    parts = strip_determiners(tokens(word))
    if not parts:
        return None
    parts = list(parts)
    parts[-1] = singular(parts[-1])
    key = "_".join(parts)
    if key in keys:
        return key
    endings = [k for k in keys if k.endswith("_" + key)]
    return endings[0] if len(endings) == 1 else None


_REFERENCE = re.compile(
    r"^(?:it\s+)?(?:(?:belongs?|belonging) to|references?|refers? to|reference to|links? to|"
    r"linked to|fk to|foreign key to|points? to|->|→)\s+(?P<optional>(?:an?\s+)?optional\s+)?"
    r"(?P<many>many\s+|multiple\s+)?(?P<target>.+)$"
)


def person(word: str, people: Collection[str]) -> str:
    """The role a word names when it is one of `people` (the roles of a signed-in app):
    "the bidder", "which vet" -> "bidder", "vet"; "" otherwise."""
    words = strip_determiners(tokens(word))
    if words and words[0] in ("which", "what", "whose"):
        words = words[1:]
    if not words or len(words) > 2:
        return ""
    key = "_".join([*words[:-1], singular(words[-1])])
    return key if key in people else ""


# "who is a runner", "who are members too": an item that says which entity the item before is.
_WHO_IS = re.compile(
    r"^(?:who|which|that)\s+(?P<verb>is|are)\s+(?:also\s+|both\s+|all\s+)?(?:an?\s+|the\s+)?"
    r"(?P<target>[a-z]+(?:\s+[a-z]+)??)(?:\s+(?:too|also|as well))?[.!]?$"
)
# A bracket after a field that says which entity it is: "(also a dog)", "(both members)".
_ALSO_A = re.compile(
    r"\((?:who\s+(?:is|are)\s+|also\s+|both\s+|all\s+)+(?:an?\s+|the\s+)?"
    r"(?P<target>[a-z]+(?:\s+[a-z]+)?)(?:\s+too)?\)"
)


def join_who_items(items: list[str | Field], keys: Collection[str]) -> list[str | Field]:
    """ "the run leader", "who is a runner" among a Run's items: the leader is a Runner, as if
    written "run leader (runner)"; "who are" names every item joined before it ("a mother and a
    father, who are persons too"); "partner (both members)", "sire (also a dog)" likewise.
    Items naming no entity are left as they are."""
    out: list[str | Field] = []
    for item in items:
        if not isinstance(item, str):
            out.append(item)
            continue
        also = _ALSO_A.search(item)
        if also and (target := lookup(also.group("target"), keys)):
            item = item[: also.start()] + f"({target.replace('_', ' ')})" + item[also.end() :]
        last = out[-1] if out else None
        m = _WHO_IS.match(clean(item)) if isinstance(last, str) else None
        target = lookup(m.group("target"), keys) if m else None
        if not m or not target or not isinstance(last, str):
            out.append(item)
            continue
        out.pop()
        named = [last]
        if m.group("verb") == "are":
            named = [p.strip() for p in re.split(r"\s+and\s+", last) if p.strip()]
        out += [f"{p} ({target.replace('_', ' ')})" for p in named]
    return out


def resolve_item(
    item: str, owner: str, keys: Collection[str], *, people: Collection[str] = ()
) -> FieldDraft | list[DraftRelation] | tuple[str, str] | None:
    """A field item of `owner`: a field, references to other entities, or (owner, owned) for a
    "has many" item. None when the item is neither ("etc"). An item that names one of
    `people` ("the bidder") is a link to the User who is that person."""
    text = clean(item)
    # "the setter who made it": the person before a relative clause
    if "user" in keys and (role := person(re.split(r"\s*[(:]|\s+who\s+", text)[0], people)):
        if role not in keys and not re.search(r"\b(?:name|email|phone)\b", text):
            return [_m2o(owner, "user", name=role)]
    if "user" in keys and (said := role_item(text, people, person)) and said[1] not in keys:
        return [_m2o(owner, "user", name=said[0])]  # "assignee (a student)", "booked by member"
    m = _REFERENCE.match(re.sub(r"^(?:has|have|with)\s+", "", text))
    if m:
        target = lookup(m.group("target"), keys)
        if target:
            if m.group("many"):
                return [DraftRelation(kind=M2M, source=owner, target=target)]
            return [_m2o(owner, target, required=not m.group("optional"))]
    draft = parse_field(item)
    if draft is None:
        return None
    words = draft.words
    if len(words) > 1 and words[0] in ("which", "what") and lookup(" ".join(words[1:]), keys):
        words = words[1:]  # "which table", "which car": the one it is for
    if words == ["parent"] or words == ["parent", *owner.split("_")]:
        return [_m2o(owner, owner, name="parent", required=False)]
    if len(words) >= 2 and words[-1] == "id":
        target = lookup("_".join(words[:-1]), keys)
        if target:
            return [_m2o(owner, target, name="_".join(words[:-1]), required=draft.required)]
    if draft.ref_hint and not draft.explicit_type:
        target = lookup(draft.ref_hint, keys)
        if target:
            return [_m2o(owner, target, name=draft.name, required=draft.required)]
    named = _named_reference(words, owner, keys)
    if named and not draft.explicit_type and not draft.choices and not draft.many:
        # "a home team and an away team", "the requested book": a link with its own name
        return [_m2o(owner, named, name="_".join(words), required=draft.required)]
    target = lookup(" ".join(words), keys)
    if target and not draft.explicit_type and not draft.choices:
        if draft.many or is_plural(words[-1]):
            return owner, target
        return [_m2o(owner, target, required=draft.required)]
    return draft


def _named_reference(words: list[str], owner: str, keys: Collection[str]) -> str | None:
    """The entity a two-word field names by its last word ("home team" -> team, "main
    contact" -> contact), when the whole phrase is no entity itself."""
    if len(words) != 2 or is_plural(words[-1]) or words[-1] == owner:
        return None
    if "_".join(words) in keys or words[-1] not in keys:
        return None
    return words[-1]


_ON = re.compile(
    r"^(?P<field>.+?)\s+(?P<prep>on|about|in)\s+(?P<det>(?:an?|the|each|every|its|their)\s+)?"
    r"(?P<target>[a-z]+(?:\s+[a-z]+)?)(?P<mods>\s*\([^()]*\))?$"
)


# A field item that is only where the thing belongs: "in a building", "for an elevator",
# "part of one project", "belongs to a team".
_IN_ONE = re.compile(
    r"^(?:(?:is|are|each|every one)\s+)?(?:in|at|on|for|from|of|under|inside|within|part of"
    r"|belongs? to|linked to|attached to)\s+(?:a|an|one|the|its|their|exactly one)\s+"
    r"(?P<target>[a-z]+(?: [a-z]+)?)$"
)


# A remark after an item, in brackets or after a dash: "in a building (the main one)",
# "belongs to a client — a school can have many pianos".
_REMARK = re.compile(r"\s*(?:\([^()]*\)|\s[-–—]\s.*)$")


def split_link(item: str, owner: str, keys: Collection[str]) -> tuple[str, DraftRelation | None]:
    """ "a comment on movies" among Review's fields: a `comment` field, and Review belongs to
    Movie ("users leave reviews with a rating and a comment on movies"). Only where the words
    after "on"/"about" name another entity, plural or after an article (not "time on task"),
    and the words before are no entity themselves ("comments on posts")."""
    remark = _REMARK.search(clean(item))  # "belongs to a client — a school can have many"
    where = _IN_ONE.match(clean(item)[: remark.start()] if remark else clean(item))
    if where and (target := lookup(where.group("target"), keys)) and target != owner:
        optional = bool(remark and re.search(r"\boptional\b", remark.group(0)))
        return "", _m2o(owner, target, required=not optional)  # "in a building": the link alone
    m = _ON.match(clean(item))
    if not m:
        return item, None
    target = lookup(m.group("target"), keys)
    if not target or target == owner:
        return item, None
    if not m.group("det") and not is_plural(m.group("target").split()[-1]):
        return item, None
    if m.group("prep") == "in" and not m.group("det"):
        return item, None  # "position in the survey", not "price in euros"
    head = strip_determiners(tokens(m.group("field")))
    if not head or is_plural(head[-1]) or lookup(m.group("field"), keys):
        return item, None
    return m.group("field") + (m.group("mods") or ""), _m2o(owner, target)


def _m2o(source: str, target: str, *, name: str = "", required: bool = True) -> DraftRelation:
    default = target if source != target else "parent"
    return DraftRelation(
        kind=M2O, source=source, target=target, name=name or default, required=required
    )


def has_many_relation(owner: str, owned: str) -> DraftRelation:
    """ "owner has many owned": usually owned belongs to owner; tags and known pairs are
    many-to-many; "appointments with doctors" reads the other way round."""
    if singular(owned.split("_")[-1]) in CLASSIFIERS or (owner, owned) in MANY_TO_MANY_PAIRS:
        return DraftRelation(kind=M2M, source=owner, target=owned)
    if _is_default_parent(owned, owner):
        return _m2o(owned, owner)
    if _is_default_parent(owner, owned):
        # "a book can have several authors", where a book usually has one author: each side
        # has many of the other
        return DraftRelation(kind=M2M, source=owner, target=owned)
    return _m2o(owned, owner)


def _is_default_parent(child: str, parent: str) -> bool:
    return any(parent in group for group, _ in DEFAULT_PARENTS.get(child, ()))


def default_relations(keys: list[str], existing: list[DraftRelation]) -> list[DraftRelation]:
    """The nesting a domain implies, where the description said nothing about the pair."""
    linked = {frozenset((r.source, r.target)) for r in existing}
    added: list[DraftRelation] = []
    for child in keys:
        for group, required in DEFAULT_PARENTS.get(child, ()):
            present = [p for p in group if p in keys and p != child]
            if not present or any(frozenset((child, p)) in linked for p in group):
                continue
            added.append(_m2o(child, present[0], required=required))
            linked.add(frozenset((child, present[0])))
    tags = [k for k in keys if k in ("tag", "label")]
    for tag in tags:
        if any(tag in pair for pair in linked):
            continue
        for thing in (k for k in TAGGABLE if k in keys):
            added.append(DraftRelation(kind=M2M, source=thing, target=tag))
    return added


def shared_relations(
    shared: list[tuple[str, str]], keys: Collection[str], existing: list[DraftRelation]
) -> list[DraftRelation]:
    """ "members book classes": a member books many classes and a class is booked by many
    members, which is many-to-many here. Not a Booking join entity: nobody asked for one, and it
    would need fields nobody named. Nothing is added where the two are linked already
    ("patients book appointments": appointments belong to patients) or where an entity joins
    them already (a Booking that belongs to both)."""
    linked = {frozenset((r.source, r.target)) for r in existing}
    added: list[DraftRelation] = []
    for subject, thing in shared:
        a, b = lookup(subject, keys), lookup(thing, keys)
        if not a or not b or a == b or frozenset((a, b)) in linked:
            continue
        if any({frozenset((k, a)), frozenset((k, b))} <= linked for k in keys):
            continue
        added.append(DraftRelation(kind=M2M, source=a, target=b))
        linked.add(frozenset((a, b)))
    return added


def made_relations(
    made: list[tuple[str, str]],
    keys: Collection[str],
    existing: list[DraftRelation],
    *,
    people: Collection[str] = (),
) -> list[DraftRelation]:
    """ "authors write posts", "users leave reviews on movies": what is made belongs to its
    maker (Post.author, Review.user), named as any other many-to-one. A maker who is one of
    `people` (a role of a signed-in app: "customers write reviews") is the User, and the link
    is named for the role (Review.customer). Nothing is added where the two are linked already
    ("customers place orders": the order's customer)."""
    linked = {frozenset((r.source, r.target)) for r in existing}
    added: list[DraftRelation] = []
    for maker, thing in made:
        a, b = lookup(maker, keys), lookup(thing, keys)
        name = ""
        if not a and "user" in keys and (role := person(maker, people)):
            a, name = "user", role
        elif not a and "user" in keys and _anyone(maker):
            a = "user"  # "people write reviews": whoever is signed in
        if not a or not b or a == b or frozenset((a, b)) in linked:
            continue
        added.append(_m2o(b, a, name=name))
        linked.add(frozenset((a, b)))
    return added


# Words for any person at all: who makes a row is then whoever is signed in. Not "guests" or
# "visitors", who often do not sign in ("guests make a reservation at the desk").
_ANYONE = frozenset("people person anyone everyone everybody anybody someone somebody".split())


def _anyone(word: str) -> bool:
    """Does `word` name any person ("people write reviews"), no role of its own?"""
    words = strip_determiners(tokens(word))
    return len(words) == 1 and words[0] in _ANYONE


def ordinary_people(roles: list[tuple[str, str]], keys: Collection[str]) -> set[str]:
    """The roles of people who make rows of their own (customers, students, members, whoever
    signs up), not those who run the place: "customers write reviews" is the customer's
    review, "dispatchers create jobs" is a permission of dispatchers."""
    from pipeline.parse.vocab import ROLE_RANKS

    return {
        r
        for r, source in roles
        if r not in keys and (source == "signup" or ROLE_RANKS.get(r, 2) >= 3)
    }


def made_owners(
    made: list[tuple[str, str]], relations: list[DraftRelation], *, people: Collection[str] = ()
) -> dict[str, str]:
    """Entity key -> the name of its link to User, for things a signed-in person makes
    ("customers write reviews": Review is owned by its customer, who created it)."""
    keys = {r.source for r in relations} | {r.target for r in relations}
    owners: dict[str, str] = {}
    for maker, thing in made:
        b = lookup(thing, keys)
        role = person(maker, people) or ("user" if lookup(maker, keys) == "user" else "")
        if not b or not role or b in owners:
            continue
        link = next(
            (
                r
                for r in relations
                if r.source == b
                and r.target == "user"
                and r.kind is M2O
                and relation_name(r) in (role, "user")
            ),
            None,
        )
        if link is not None and relation_name(link) in (*people, "user"):
            owners[b] = relation_name(link)  # not "teachers create quizzes": staff's acts
    return owners


def relation_name(relation: DraftRelation) -> str:
    if relation.name:
        return relation.name
    return plural(relation.target) if relation.kind is M2M else relation.target
