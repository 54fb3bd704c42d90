"""Nouns that name the link between other things, and "X is in a Y" links, from the grammar. No I/O.

A noun whose clause ties it to two other things is an entity of its own that belongs to each of
them (two many-to-ones), never a silent many-to-many between the two:

- "an enrollment links a student to a course", "a membership connects a user with a team";
- "bookings of rooms by guests", "a rental of equipment by a customer has a start date";
- "an ascent is made by a climber on a route", "a score is given by a judge to a team",
  "each reservation is of one desk for one member";
- "a marriage is between two persons": both ends are the same entity.

With one end, a thing that is one of many ("a player plays for one team", "each hive is in an
apiary", "a parcel is delivered to a locker") belongs to the thing after the preposition, when
both are entities already.

Everything it proposes still passes `decide.vet_entities` (an actor such as "a judge" becomes the
signed-in user there).
"""

from __future__ import annotations

from collections.abc import Collection

from pipeline.naming import plural_word, singular_word
from pipeline.parse.decide import ATTRIBUTE_WORDS, CLOSED_WORDS
from pipeline.parse.draft import Draft, DraftRelation
from pipeline.parse.nlp import Analysis, Token
from pipeline.parse.phrases import noun_key
from pipeline.parse.relations import lookup
from pipeline.spec import RelationKind

M2O, M2M = RelationKind.MANY_TO_ONE, RelationKind.MANY_TO_MANY

# Verbs whose object and prepositional object are the two ends of their subject.
LINK_VERBS = frozenset(
    "link connect tie join pair match relate associate attach bind map assign".split()
)
# Link verbs in the third person, which a tagger may read as a noun after another ("loan links").
_LINK_FORMS = frozenset({"links", "connects", "ties", "joins", "pairs", "relates", "matches"})
# Verbs the sentence readers take already, with their names ("belongs to a sender (a user)").
_STATED = frozenset({"belong", "reference", "refer", "point"})
# Prepositions that put a thing in relation with the one they name.
_END_PREPS = frozenset({"of", "by", "for", "to", "on", "in", "between", "at", "under", "from"})
# Verbs whose person is no link of the thing ("a course is visible to a student").
_NOT_BY_PEOPLE = frozenset({"see", "view", "read", "show", "visible", "send", "email", "notify"})
# Prepositions after a noun that give a link noun its ends ("bookings of rooms by guests").
_NOUN_PREPS = frozenset({"of", "by", "between"})
# Determiners of one thing among many ("a player", "each hive").
_ONE = frozenset({"a", "an", "each", "every", "one", "any"})
# Words before an end that make it many ("is in many teams"): no many-to-one there.
_MANY = frozenset({"many", "several", "multiple", "various", "some", "all", "any"})
# Nouns that are never an end: times, amounts and the app itself.
_NOT_ENDS = frozenset("""
    thing stuff data information info system app api website site platform backend service
    list way kind sort lot part time times moment slot period place spot point
    """.split())


def _pobjs(prep: Token, doc: Analysis) -> list[Token]:
    """The nouns a preposition governs (an adjective-tagged noun too: "in an apiary")."""
    found = [
        t
        for t in doc.tokens
        if t.head == prep.i and t.dep == "pobj" and (t.is_noun or t.pos == "ADJ")
    ]
    return [c for f in found for c in doc.conjuncts(f)]


def _many(tok: Token, doc: Analysis) -> bool:
    return any(t.head == tok.i and t.lower in _MANY for t in doc.tokens)


def _ends(head: Token, doc: Analysis, preps: frozenset[str]) -> list[Token]:
    """Nouns after the prepositions (and agents) of `head`, following "of a desk for a member"."""
    out: list[Token] = []
    todo = [head]
    while todo:
        current = todo.pop(0)
        for prep in doc.tokens:
            if prep.head != current.i or prep.dep not in ("prep", "agent"):
                continue
            if prep.lower not in preps:
                continue
            for end in _pobjs(prep, doc):
                if end not in out:
                    out.append(end)
                    todo.append(end)
    return out


def is_label(tok: Token, doc: Analysis) -> bool:
    """ "Membership" in "Membership: a participant is in one team": a label before a colon,
    which a parser may take for the subject."""
    return tok.i + 1 < len(doc.tokens) and doc.tokens[tok.i + 1].text == ":"


def _joined(tok: Token, doc: Analysis) -> list[Token]:
    """A noun and the nouns "and" joins to it, also the one a parser hangs on the verb
    ("connects one child and one camp week": "week" as an adverbial of "connects")."""
    out = doc.conjuncts(tok)
    after = tok.i + 1
    while (
        after < len(doc.tokens)
        and doc.tokens[after].head == tok.i
        and doc.tokens[after].dep != "cc"
    ):
        after += 1  # past the noun's own words
    if after < len(doc.tokens) and doc.tokens[after].lower == "and":
        for t in doc.tokens[after + 1 :]:
            if t.is_noun and t.dep == "npadvmod" and t.head == tok.head:
                out.append(t)
                break
            if not (t.is_noun or t.pos in ("DET", "NUM", "ADJ")):
                break
    return out


def _subjects(verb: Token, doc: Analysis) -> list[Token]:
    """The verb's subjects to try, its own first ("mechanics log in and every work order is
    assigned to one"), then its head's ("threads have a title and live in"), a label before a
    colon last ("Membership: a participant is in one team")."""
    head = verb
    while head.dep == "conj" and head.head != head.i:
        head = doc.tokens[head.head]
    while head.pos not in ("VERB", "AUX") and head.head != head.i:
        # "cards have a title, a description and sit in a column": a parser may join the verb to
        # the last noun of the list; the subject is that of the verb the list hangs on
        head = doc.tokens[head.head]
    found = [
        t
        for over in (verb, head)
        for t in doc.tokens
        if t.head == over.i and t.dep in ("nsubj", "nsubjpass") and t.is_noun
    ]
    found = list(dict.fromkeys(found))
    return [t for t in found if not is_label(t, doc)] + [t for t in found if is_label(t, doc)]


def _compound_key(tok: Token, doc: Analysis) -> str:
    words = [t.lower for t in doc.tokens if t.head == tok.i and t.dep == "compound" and t.is_noun]
    return "_".join([*words, singular_word(tok.lower)])


def _known(tok: Token, doc: Analysis, draft: Draft) -> str | None:
    key = _compound_key(tok, doc)
    return lookup(key.replace("_", " "), draft.entities) or lookup(tok.lower, draft.entities)


def _thing(tok: Token, doc: Analysis, draft: Draft) -> str | None:
    """The entity key an end names: a known entity, or a noun that can name one."""
    if known := _known(tok, doc, draft):
        return known
    if not tok.is_noun:
        return None
    word = singular_word(tok.lower)
    if word in ATTRIBUTE_WORDS or word in CLOSED_WORDS or word in _NOT_ENDS:
        return None
    key = _compound_key(tok, doc)
    return key if noun_key(key.replace("_", " ")) else None


def _one_of_many(tok: Token, doc: Analysis) -> bool:
    """ "a player", "each hive", "the order": a singular thing, one of many."""
    return tok.tag in ("NN", "NNP") and any(
        t.head == tok.i and t.lower in (*_ONE, "the") for t in doc.tokens
    )


def _record(draft: Draft, link: str, ends: list[str]) -> None:
    draft.entity(link)
    for end in ends:
        draft.entity(end)
        _m2o(draft, link, end)
    # "made by a climber on a route": the route is the ascent's, not the climber's
    draft.weak_links = [p for p in draft.weak_links if not set(p) <= set(ends)]


def _m2o(draft: Draft, source: str, target: str, *, name: str = "") -> None:
    if any({r.source, r.target} == {source, target} for r in draft.relations):
        return  # stated already ("each order belongs to a customer")
    draft.relations.append(
        DraftRelation(kind=M2O, source=source, target=target, name=name or target)
    )


def read_links(doc: Analysis, draft: Draft) -> None:
    """Add the link nouns and "one X in a Y" links of one unit's parse to the draft."""
    done: set[int] = set()
    for verb in doc.tokens:
        if verb.pos not in ("VERB", "AUX") or verb.dep == "aux" or verb.dep == "auxpass":
            continue
        if verb.lemma in _STATED:
            continue
        for subject in _subjects(verb, doc):
            if subject.i in done:
                break
            if verb.lemma in LINK_VERBS and _actor(subject, doc, draft):
                break  # "the dispatcher assigns a ticket to an agent": `assigning.py`
            ends = _ends(verb, doc, _END_PREPS) + _ends(subject, doc, _NOUN_PREPS)
            if verb.lemma in LINK_VERBS:
                objects = [
                    o
                    for o in doc.tokens
                    if o.head == verb.i and o.dep in ("dobj", "obj") and o.is_noun
                ]
                # "connects one child and one camp week": each object joined to the first
                ends = [c for o in objects for c in _joined(o, doc)] + ends
            if _link(subject, ends, doc, draft, verb=verb):
                done.add(subject.i)
                break
    _possessives(doc, draft)
    for verb in doc.tokens:  # "a loan links a pupil to a book", tagged as one noun "loan links"
        if verb.pos != "NOUN" or verb.lower not in _LINK_FORMS:
            continue
        named = next(
            (t for t in doc.tokens if t.head == verb.i and t.dep == "compound" and t.is_noun), None
        )
        objects = [t for t in doc.tokens if t.head == verb.i and t.dep == "dobj" and t.is_noun]
        if named is not None and objects:
            ends = objects + _ends(objects[0], doc, frozenset({"to", "with"}))
            if _link(named, ends, doc, draft, verb=None):
                done.add(named.i)
    for noun in doc.tokens:  # "the bookings of rooms by guests", not a subject
        if noun.is_noun and noun.i not in done and noun.dep not in ("nsubj", "nsubjpass"):
            ends = _ends(noun, doc, _NOUN_PREPS)
            if len(ends) >= 2:
                _link(noun, ends, doc, draft, verb=None)


def _link(
    subject: Token, ends: list[Token], doc: Analysis, draft: Draft, *, verb: Token | None
) -> bool:
    found = {k: e for e in ends if not _many(e, doc) and (k := _thing(e, doc, draft))}
    keys = list(found)
    pair = any(
        t.head == e.i and t.lower in ("two", "both") for e in ends for t in doc.tokens
    ) and any(p.lower == "between" for p in doc.tokens)
    if len(keys) >= 2 or pair and keys:
        link = _known(subject, doc, draft) or _thing(subject, doc, draft)
        if not link and verb is not None and verb.lemma in LINK_VERBS:
            link = _counted(subject, doc)  # "a registration connects a child and a week"
        if not link or subject.tag not in ("NN", "NNS", "NNP"):
            return False
        keys = [k for k in keys if k != link]
        if not keys:
            return False
        _record(draft, link, keys)
        return True
    if len(keys) != 1 or verb is None:
        return False
    end = found[keys[0]]
    one_end = end.tag in ("NN", "NNP") and any(
        t.head == end.i and t.lower in ("a", "an", "one", "single") for t in doc.tokens
    )
    if not (_one_of_many(subject, doc) or one_end):  # "fish live in a tank"
        return False
    child, parent = _known(subject, doc, draft), _known(end, doc, draft)
    if child in ("user", *(r for r, _ in draft.roles)) or subject.lower in ("users", "user"):
        return False  # "users subscribe to a plan": people, who are in many things
    role = _person(end, draft) if parent is None and verb.lemma not in _NOT_BY_PEOPLE else None
    if child and role and verb.tag == "VBN":  # "each ticket is handled by an agent"
        draft.entity("user")
        _m2o(draft, child, "user", name=role)
        return True
    if child and parent and child != parent:
        _m2o(draft, child, parent)
        return True
    return False


def _possessives(doc: Analysis, draft: Draft) -> None:
    """ "a user's recipes", "the hive's inspections": the thing belongs to its possessor."""
    for poss in doc.tokens:
        if poss.dep != "poss" or not poss.is_noun:
            continue
        owned = doc.tokens[poss.head]
        if not owned.is_noun or singular_word(owned.lower) in ATTRIBUTE_WORDS:
            continue
        child = _known(owned, doc, draft)
        parent = "user" if poss.lemma == "user" else _known(poss, doc, draft)
        if child and parent and child != parent:
            if parent == "user":
                draft.entity("user")
            _m2o(draft, child, parent)


# Quantifiers that make the noun after them many ("several hosts", "more than one show", "a few
# fittings").
_MANY_WORDS = (_MANY - {"some", "all", "any"}) | {"few"}  # a quantity, not "any post"


# Nouns of quantity: "lots of jobs", "plenty of rooms" are many jobs, many rooms.
_LOTS = frozenset({"lots", "plenty", "loads", "dozens", "hundreds"})


def _is_many(tok: Token, doc: Analysis) -> bool:
    kids = [t for t in doc.tokens if t.head == tok.i]
    if any(t.lower in _MANY_WORDS for t in kids):
        return True
    if tok.dep == "pobj" and doc.tokens[tok.head].lower == "of":
        amount = doc.tokens[doc.tokens[tok.head].head]
        if amount.lower in _LOTS:
            return True
    ones = [t for t in kids if t.lower == "one" and t.dep == "nummod"]
    return any(t.head == one.i and t.lower in ("more", "least") for one in ones for t in doc.tokens)


def _holder(noun: Token, doc: Analysis) -> Token | None:
    """Who has many of `noun`: "many labels per card" -> card; "a shipment has several
    coffees" -> shipment; "a host can do more than one show" -> host (the subject, or the
    singular noun before the verb when the parse lost it)."""
    for prep in doc.tokens:
        if prep.head == noun.i and prep.lower == "per":
            return next((t for t in doc.tokens if t.head == prep.i and t.dep == "pobj"), None)
    cur = noun
    for _ in range(3):
        if cur.head == cur.i:
            return None
        cur = doc.tokens[cur.head]
        if cur.pos in ("VERB", "AUX"):
            break
    else:
        return None
    if cur.pos not in ("VERB", "AUX"):
        return None
    subject = next(
        (t for t in doc.tokens if t.head == cur.i and t.dep in ("nsubj", "nsubjpass")), None
    )
    if subject is not None and subject.is_noun and subject.lower not in _LOTS:
        return subject  # not "lots" in "a van does lots of jobs", misread as the subject
    for t in reversed(doc.tokens[: cur.i]):
        if t.text in (",", ";", "(") or t.lower in ("and", "but"):
            if subject is None and t.lower != "and":
                return None
        if t.is_noun and t.tag == "NN" and t.dep != "pobj":
            return t  # not "customer" in "an order is from one customer and can have many"
    return None


# Verbs by which a holder has the things it holds ("an order can have many pieces").
_HOLDING = frozenset({"have", "contain", "hold", "include", "get", "receive"})
# Verbs by which one thing makes many others, each made by one ("a client submits many stones").
_MAKING = frozenset(
    "make create submit write post place open log record report upload file raise enter".split()
)


def many_facts(doc: Analysis, draft: Draft, *, held: bool = False) -> list[tuple[str, str]]:
    """(holder, held) for each "one holder has many held" the unit states between entities;
    `held`: only those a holding or making verb takes as its object ("has many", "contains
    several", "submits many")."""
    out: list[tuple[str, str]] = []
    for noun in doc.tokens:
        if not noun.is_noun or not _is_many(noun, doc):
            continue
        if held and (noun.dep != "dobj" or doc.tokens[noun.head].lemma not in _HOLDING | _MAKING):
            continue
        if held and any(t.lower == "each" and t.dep != "det" for t in doc.tokens[noun.i :]):
            continue  # "several products, with a quantity for each": lines of their own
        holder = _holder(noun, doc)
        if holder is None:
            continue
        a, b = _thing(holder, doc, draft), _thing(noun, doc, draft)
        if a and b and a != b and (a, b) not in out:
            out.append((a, b))
    if not held:
        out += _many_times(doc, draft, out)
    return out


def _many_times(doc: Analysis, draft: Draft, facts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """ "a rehearsal has several pieces, a piece is rehearsed many times": what the unit put
    in many of another is used many times, so in many of those too (many both ways)."""
    out: list[tuple[str, str]] = []
    for times in doc.tokens:
        if times.lower != "times" or times.dep != "npadvmod" or not _is_many(times, doc):
            continue
        verb = doc.tokens[times.head]
        subject = next((t for t in doc.children(verb.i) if t.dep in ("nsubj", "nsubjpass")), None)
        b = _thing(subject, doc, draft) if subject is not None and subject.is_noun else None
        out += [(b, a) for a, held in facts if b and held == b and (b, a) not in facts]
    return out


# Prepositions by which a thing takes part in others: "a photo can be in many albums".
_IN_MANY = frozenset({"in", "at", "on", "to", "into", "through", "across", "for", "within"})


def _an_object(tok: Token, doc: Analysis, draft: Draft) -> bool:
    """A verb's object that is a thing: an entity, or a noun with a determiner ("place an
    order in many shops"), not the bare noun of an idiom ("take part in many projects")."""
    if tok.dep not in ("dobj", "obj"):
        return False
    return bool(_known(tok, doc, draft)) or any(
        t.dep in ("det", "poss") for t in doc.children(tok.i)
    )


def read_many_of(doc: Analysis, draft: Draft) -> None:
    """ "a photo can be in many albums", "musicians play in several concerts", "a sample is
    used in many experiments": one of the subject is in many of the other, and each of those
    holds many of the first, so the two are many-to-many. Only a verb with no object that is a
    thing (else the object is what is in them) and two entities."""
    for noun in doc.tokens:
        if not noun.is_noun or noun.dep != "pobj" or not _is_many(noun, doc):
            continue
        prep = doc.tokens[noun.head]
        verb = doc.tokens[prep.head]
        if prep.lower not in _IN_MANY or prep.dep != "prep" or verb.pos not in ("VERB", "AUX"):
            continue
        if any(_an_object(t, doc, draft) for t in doc.children(verb.i)):
            continue
        head, subject = verb, None
        while True:  # the verb's own subject ("..., and a photo can be in many albums"), else
            # the one of the verb it joins ("sample is taken and used in many experiments")
            subject = next(
                (t for t in doc.children(head.i) if t.dep in ("nsubj", "nsubjpass")), None
            )
            if subject is not None and subject.is_noun:
                break
            if head.dep not in ("conj", "xcomp") or head.head == head.i:
                break
            head = doc.tokens[head.head]
        if subject is None or not subject.is_noun:
            continue
        a, b = _known(subject, doc, draft), _known(noun, doc, draft)
        if a and b and a != b and not {(a, b), (b, a)} & set(draft.many_both):
            draft.many_both.append((b, a))  # the link is named on the subject's side


def both_ways(
    facts: list[tuple[str, str]], draft: Draft, *, held: Collection[tuple[str, str]] = ()
) -> None:
    """ "a shipment has several coffees, a coffee goes out in many shipments", "many labels
    per card and many cards per label": many of each on both sides is many-to-many. Said one
    way only, between two entities ("an employee has many assignments over time"), the held
    belong to the holder."""
    said = set(facts) | set(draft.has_many)
    for a, b in facts:
        if (b, a) in said and (b, a) not in draft.many_both and (a, b) not in draft.many_both:
            draft.many_both.append((a, b))
        elif (a, b) in held and (b, a) not in said and (a, b) not in draft.has_many:
            if a in draft.entities and b in draft.entities:
                draft.has_many.append((a, b))


# Words before a noun that make it one thing ("one member", "a recipe").
_SINGLE = frozenset({"one", "a", "an", "single"})
# Dependencies under a definition's noun that lead on to its other ends.
_DOWN = frozenset({"prep", "pobj", "acl", "relcl", "nsubj", "dobj", "agent", "conj"})


def _under(tok: Token, doc: Analysis) -> list[Token]:
    """The nouns below `tok` along prepositions, clauses and objects."""
    out: list[Token] = []
    todo = [tok]
    while todo:
        cur = todo.pop()
        for t in doc.tokens:
            if t.head == cur.i and t.i != cur.i and t.dep in _DOWN and t.text != ":":
                todo.append(t)
                if t.is_noun:
                    out.append(t)
    return out


def _defining(be: Token, head: Token | None, doc: Analysis) -> list[Token]:
    """The nouns a definition names: "is one member on one machine", "is a member taking a
    slot in a session" (a person doing something), "is when a sweep goes to a customer and
    does a chimney" (an event); [] for what defines nothing ("is a great tool")."""
    if head is not None and any(t.head == head.i and t.lower == "one" for t in doc.tokens):
        return [head, *_under(head, doc)]
    if head is not None and any(t.dep == "acl" for t in doc.children(head.i)):
        return [head, *_under(head, doc)]
    for verb in doc.children(be.i):
        if verb.dep == "advcl" and any(t.lower == "when" for t in doc.children(verb.i)):
            return _under(verb, doc)
    return []


def read_definitions(doc: Analysis, draft: Draft) -> None:
    """ "A slot booking is one member on one machine", "a session is one appointment of a
    patient", "a brew log is one time a member brewed a recipe", "charging session = one car
    on one charger": the thing defined belongs to each single thing its definition names.
    Recorded as weak links: only ends that are entities when the spec is built count."""
    for be in doc.tokens:
        is_be = be.lemma == "be" and be.dep not in ("aux", "auxpass")
        if not (is_be or be.text == "="):
            continue
        subject = next(
            (t for t in doc.tokens if t.head == be.i and t.dep == "nsubj" and t.is_noun), None
        )
        if subject is None and be.text == "=" and be.i > 0 and doc.tokens[be.i - 1].is_noun:
            subject = doc.tokens[be.i - 1]
        if subject is None:
            continue
        head = next(
            (t for t in doc.tokens if t.head == be.i and t.dep in ("attr", "dobj") and t.is_noun),
            None,
        )
        ends = _defining(be, head, doc)
        if not ends:
            continue  # "is one X": a definition, not "is a great tool"
        child = _thing(subject, doc, draft)
        if not child:
            continue
        parents: list[str] = []
        for end in ends:
            single = any(t.head == end.i and t.lower in _SINGLE for t in doc.tokens)
            parent = _thing(end, doc, draft) if single else None
            if parent and parent != child and parent not in parents:
                parents.append(parent)
        # "one member on one machine": both are the booking's, not the member's machine
        draft.weak_links = [p for p in draft.weak_links if not set(p) <= set(parents)]
        draft.weak_links += [(child, p) for p in parents if (child, p) not in draft.weak_links]


def _actor(tok: Token, doc: Analysis, draft: Draft) -> bool:
    """Is `tok` one of the app's roles ("the dispatcher", "a project manager")?"""
    roles = {r for r, _ in draft.roles}
    return singular_word(tok.lower) in roles or _compound_key(tok, doc) in roles


def _person(tok: Token, draft: Draft) -> str | None:
    """ "user", "swimmer" (a role of a signed-in app): the User a link to such a person is."""
    word = singular_word(tok.lower)
    if word == "user" and (draft.auth or draft.roles):
        return "user"
    if word in (r for r, _ in draft.roles) and word not in draft.entities:
        return word
    return None


def _per_chain(start: Token, doc: Analysis) -> list[Token]:
    """The nouns after each "per" right after `start`, read in order whatever the tree says:
    "per member per session" -> member, session (a parser hangs the second on the first)."""
    out: list[Token] = []
    i = start.i + 1
    while i < len(doc.tokens) and doc.tokens[i].lower == "per":
        j = i + 1
        while j < len(doc.tokens) and doc.tokens[j].pos in ("DET", "ADJ"):
            j += 1
        while j + 1 < len(doc.tokens) and doc.tokens[j + 1].is_noun and doc.tokens[j].is_noun:
            j += 1  # "per camp week": the last noun of the compound
        if j >= len(doc.tokens) or not doc.tokens[j].is_noun:
            break
        out.append(doc.tokens[j])
        i = j + 1
    return out


def _counted(tok: Token, doc: Analysis) -> str | None:
    """ "one registration per player": a noun counted per things names a thing, even one that
    elsewhere names a feature (registration, signup)."""
    word = singular_word(tok.lower)
    if not tok.is_noun or word in ATTRIBUTE_WORDS or word in CLOSED_WORDS or word in _NOT_ENDS:
        return None
    return _compound_key(tok, doc) if word.isalpha() and len(word) > 2 else None


def read_per_links(doc: Analysis, draft: Draft) -> None:
    """ "one booking per member per session", "Responses: one per user per survey": the one
    thing is a link entity of its own that belongs to each thing after "per" (a person is the
    signed-in User, the link named for the role). Made only where an end is an entity."""
    for one in doc.tokens:  # "one booking", "max 1 booking", "2 entries per member per theme"
        if one.tag != "CD" or not (one.lower == "one" or one.lower.isdigit()):
            continue
        head = doc.tokens[one.head]
        if one.i + 1 < len(doc.tokens) and doc.tokens[one.i + 1].lower == "per":
            chain, subject = _per_chain(one, doc), head  # "Responses: one per user"
        elif head.i > one.i and head.is_noun and one.dep == "nummod":
            chain, subject = _per_chain(head, doc), head
        else:
            continue
        if len(chain) < 2 or not subject.is_noun or subject.i == one.i:
            continue
        link = _known(subject, doc, draft) or _thing(subject, doc, draft) or _counted(subject, doc)
        if not link:
            continue
        ends: list[tuple[str, str]] = []  # (entity key, link name)
        for end in chain:
            if person := _person(end, draft):
                ends.append(("user", person))
            elif (key := _known(end, doc, draft)) and key != link:
                ends.append((key, key))
        if len(ends) < 2 or not any(k != "user" for k, _ in ends):
            continue
        draft.entity(link)
        for key, name in ends:
            draft.entity(key)
            if not any({r.source, r.target} == {link, key} for r in draft.relations):
                draft.relations.append(DraftRelation(kind=M2O, source=link, target=key, name=name))
        # "one booking per member per session": no member's session (a parser's "member per
        # session")
        pairs = {frozenset((a, b)) for a, _ in ends for b, _ in ends if a != b}
        draft.weak_links = [p for p in draft.weak_links if frozenset(p) not in pairs]


# Verbs by which a person keeps a list of things others made: "users favorite recipes".
_KEEPING = frozenset({"favorite", "favourite", "bookmark", "like", "star", "follow", "wishlist"})
# Words of those verbs a tagger reads as adjectives or nouns ("save + favorite recipes").
_KEEPING_ANY_TAG = frozenset({"favorite", "favourite", "bookmark", "wishlist"})
# Words between a keeping verb and its things ("follow other users' playlists").
_BEFORE_KEPT = frozenset({"other", "their", "users", "'", "'s", "the", "any", "all", "others"})


def read_kept(doc: Analysis, draft: Draft) -> None:
    """ "users can favorite photos", "job seekers bookmark posts", "users follow other users'
    playlists": each person keeps many of the things and each thing is kept by many, a
    many-to-many between User and the thing (only for a signed-in app, things already
    entities)."""
    if not (draft.auth or draft.roles):
        return
    people = {"user", *(r for r, _ in draft.roles)}
    for verb in doc.tokens:
        if verb.lemma not in _KEEPING and verb.lower not in _KEEPING:
            continue
        if verb.pos != "VERB" and verb.lower not in _KEEPING_ANY_TAG:
            continue
        before = [t for t in doc.tokens[: verb.i] if t.dep in ("nsubj", "nsubjpass") and t.is_noun]
        if not before or _compound_key(before[-1], doc) not in people:
            if not before or singular_word(before[-1].lower) not in people:
                continue
        thing = next(
            (
                t
                for t in doc.tokens[verb.i + 1 : verb.i + 6]
                if t.is_noun and t.lower not in _BEFORE_KEPT and t.dep != "poss"
            ),
            None,
        )
        if thing is None or thing.tag != "NNS":
            continue
        key = _known(thing, doc, draft)
        if not key or key == "user" or key in people:
            continue
        if not any(
            {r.source, r.target} == {"user", key} and r.kind is M2M for r in draft.relations
        ):
            draft.entity("user")
            # named, so that a "users' playlists" owner link beside it does not hide it
            name = f"{verb.lemma}_{plural_word(key.split('_')[-1])}"
            draft.relations.append(DraftRelation(kind=M2M, source="user", target=key, name=name))
