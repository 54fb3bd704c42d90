"""Clauses read through their dependency parse: who does what to what. No I/O.

The regular readers find entities in lists, headings and "X has Y" sentences; this reader adds
what only the grammar shows:

- the things a keeping verb takes ("we track companies, contacts and deals", "reps log calls and
  meetings against a contact"): each object noun, and its conjuncts, is an entity;
- a link noun: when the text names the act of a verb as a thing ("members book classes; each
  booking has a date"), the link entity (Booking) gets a many-to-one to each side (Member,
  Class), never a silent many-to-many between them;
- a link written with a preposition between two nouns, one an entity ("reservations of tables
  by the clients", "contacts at those companies", "alert rules per sensor", "boards in each
  greenhouse"): the first belongs to the second;
- "every sensor sends a reading": the reading belongs to the sensor;
- "class have a max capacity and a start time": a subject that has things the other readers
  missed (often for a verb that does not agree) is an entity with those fields.

Everything it proposes still passes `decide.vet_entities`.
"""

from __future__ import annotations

import re

from pipeline.naming import plural_word, singular_word
from pipeline.parse.adding import add_fields
from pipeline.parse.answers import read_answers
from pipeline.parse.asides import aside_docs
from pipeline.parse.assigning import read_assigned
from pipeline.parse.attributes import read_attributes
from pipeline.parse.decide import AGENTIVE, ATTRIBUTE_WORDS
from pipeline.parse.draft import Draft
from pipeline.parse.links import (
    LINK_VERBS,
    both_ways,
    is_label,
    many_facts,
    read_definitions,
    read_kept,
    read_links,
    read_many_of,
    read_per_links,
)
from pipeline.parse.makers import read_made
from pipeline.parse.nlp import Analysis, Token, analyse_units
from pipeline.parse.phrases import lists_fields, noun_key, split_list
from pipeline.parse.relations import lookup
from pipeline.parse.vocab import COLLECTION_NOUNS, LINK_NOUNS, link_nouns

# Verbs whose object is a collection the API keeps ("we track deals").
KEEPING_VERBS = frozenset(
    "track manage store record log keep catalog catalogue organize organise list maintain "
    "schedule register archive collect create add upload post write publish sell rent share "
    "submit browse rate bookmark favorite favourite".split()
)
# Verbs by which a thing makes rows of another ("every sensor sends a reading").
PRODUCING_VERBS = frozenset(
    "send emit produce generate report record log submit upload publish transmit measure "
    "collect create make write post issue push".split()
)
# Producing verbs whose objects come into being by the act, so each belongs to one subject
# even when there are many ("each donation produces blood units", "every scan generates alerts").
_MAKING_NEW = frozenset("produce generate emit create make issue yield spawn".split())
# Nouns that are never kept as entities from a verb's object.
_NOT_THINGS = frozenset("""
    thing stuff track record data information info everything anything something lot kind sort
    way time detail details history progress status api app system website site list part
    setting settings account accounts permission permissions role roles
    mb kb gb tb px byte bytes megabyte megabytes file files image images photo photos picture
    pictures attachment attachments
    """.split())
_PEOPLE = frozenset("we i you they people everyone everybody someone user users".split())


def _key(tok: Token, doc: Analysis) -> str:
    """The entity key a noun token names, with a compound before it ("sales rep" -> sales_rep)."""
    words = [t.lower for t in doc.tokens if t.head == tok.i and t.dep == "compound" and t.is_noun]
    return "_".join([*words, singular_word(tok.lower)])


def _objects(verb: Token, doc: Analysis, *, through: bool = True) -> list[Token]:
    """The verb's objects and their conjuncts: "track companies, contacts and deals";
    `through`: also the object of a preposition after it ("book into classes")."""
    out = [t for t in doc.tokens if t.head == verb.i and t.dep in ("dobj", "obj") and t.is_noun]
    out = [_booked_in(t, doc) for t in out]
    for t in doc.tokens if through else ():
        if t.head == verb.i and t.dep == "prep" and t.lower in ("into", "for", "in", "to"):
            out += [p for p in doc.tokens if p.head == t.i and p.dep == "pobj" and p.is_noun]
    if len(out) > 1 and out[0].lemma in _A_PLACE_IN:
        out = out[1:]  # "book a spot | in a class": the class
    i = 0
    while i < len(out):
        out += [t for t in doc.tokens if t.head == out[i].i and t.dep == "conj" and t.is_noun]
        i += 1
    return out


def _booked_in(obj: Token, doc: Analysis) -> Token:
    """ "book a spot in a class", "reserve a place on a trip": the class, the trip."""
    if obj.lemma not in _A_PLACE_IN:
        return obj
    inside = [
        p
        for prep in doc.children(obj.i)
        if prep.dep == "prep" and prep.lower in ("in", "on", "at", "for", "aboard")
        for p in doc.children(prep.i)
        if p.dep == "pobj" and p.is_noun
    ]
    return inside[0] if inside else obj


def _tagged_as_noun(t: Token, doc: Analysis) -> bool:
    """ "Students book a spot": the tagger's noun "book" is the sentence's verb, with a subject
    and an object of its own."""
    kids = {c.dep for c in doc.children(t.i)}
    return t.dep == "ROOT" and t.tag == "NN" and "nsubj" in kids and "dobj" in kids


def _subject(verb: Token, doc: Analysis) -> Token | None:
    head = verb
    while head.dep in ("conj", "xcomp") and head.head != head.i:  # "can join and leave"
        head = doc.tokens[head.head]
    found = [t for t in doc.tokens if t.head == head.i and t.dep in ("nsubj", "nsubjpass")]
    # not the label before a colon ("Leases: a gardener leases a plot")
    return next((t for t in found if not is_label(t, doc)), found[0] if found else None)


# Prepositions after a noun that say it belongs to the noun after them.
_BELONGS_PREP = frozenset({"of", "by", "at", "per", "for", "in", "from", "under", "on"})


def _entity_key(tok: Token, doc: Analysis, draft: Draft) -> str | None:
    return lookup(_key(tok, doc).replace("_", " "), draft.entities) or lookup(
        tok.lower, draft.entities
    )


def _every(tok: Token, doc: Analysis) -> bool:
    """ "each greenhouse", "every sensor": a thing there are many of."""
    return any(t.head == tok.i and t.lower in ("each", "every") for t in doc.tokens)


def _owner_of_field(tok: Token, doc: Analysis, draft: Draft) -> str | None:
    """ "a review with a rating (1-5) for an event": the entity a field phrase hangs off."""
    if tok.dep != "pobj":
        return None
    prep = doc.tokens[tok.head]
    if prep.lower != "with":
        return None
    head = doc.tokens[prep.head]
    if head.is_noun:
        return _entity_key(head, doc, draft)
    objects = _objects(head, doc, through=False) if head.pos == "VERB" else []
    return next((k for o in objects if (k := _entity_key(o, doc, draft))), None)


def _prep_links(doc: Analysis, draft: Draft) -> None:
    for prep in doc.tokens:
        if prep.lower not in _BELONGS_PREP or prep.dep not in ("prep", "agent"):
            continue
        child = doc.tokens[prep.head]
        parents = [t for t in doc.tokens if t.head == prep.i and t.dep == "pobj" and t.is_noun]
        if not child.is_noun or not parents:
            continue
        if prep.lower == "per" and child.dep == "pobj" and doc.tokens[child.head].lower == "per":
            continue  # "per member per class": both counts of the thing before, `read_per_links`
        child_key = _entity_key(child, doc, draft) or _owner_of_field(child, doc, draft)
        for parent in parents:
            parent_key = _entity_key(parent, doc, draft)
            if child_key is None and prep.lower == "per" and child.tag == "NNS":
                child_key = _key(child, doc)  # "monthly budgets per category"
                if child.lemma in _NOT_THINGS or not noun_key(child_key.replace("_", " ")):
                    continue
                if _entity_key(parent, doc, draft) is None:
                    continue
                draft.entity(child_key)
            if parent_key is None and child_key and (prep.lower == "per" or _every(parent, doc)):
                parent_key = _key(parent, doc)
                if parent.lemma in _NOT_THINGS or not noun_key(parent_key.replace("_", " ")):
                    continue
                draft.entity(parent_key)
            if child_key and parent_key and child_key != parent_key:
                draft.weak_links.append((child_key, parent_key))


_OBJECT_PREPS = frozenset({"for", "on", "about", "of", "to", "in", "into", "under", "at", "from"})


def _object_links(verb: Token, doc: Analysis, draft: Draft) -> None:
    """ "leave a review for an event", "assign tickets to agents": the object belongs to the
    entity after the preposition."""
    objects = [k for o in _objects(verb, doc, through=False) if (k := _entity_key(o, doc, draft))]
    if not objects:
        return
    for prep in doc.tokens:
        # "give grades to the students": a parser may call the "to" a dative
        if prep.head != verb.i or prep.dep not in ("prep", "dative"):
            continue
        if prep.lower not in _OBJECT_PREPS:
            continue
        for pobj in doc.tokens:
            if pobj.head == prep.i and pobj.dep == "pobj" and pobj.is_noun:
                parent = _entity_key(pobj, doc, draft)
                for child in objects:
                    if parent and parent != child:
                        draft.weak_links.append((child, parent))


def _subject_links(verb: Token, doc: Analysis, draft: Draft) -> None:
    """ "every sensor sends a reading": Reading belongs to Sensor."""
    subject = _subject(verb, doc)
    if subject is None or not subject.is_noun or subject.lower in _PEOPLE:
        return
    many = subject.tag == "NNS" and _entity_key(subject, doc, draft) is not None
    if verb.lemma not in PRODUCING_VERBS or not (_every(subject, doc) or many):
        return
    subject_key = _entity_key(subject, doc, draft) or _key(subject, doc)
    for obj in _objects(verb, doc, through=False):
        theirs = any(t.head == obj.i and t.lower in ("their", "its") for t in doc.tokens)
        new = obj.tag == "NNS" and verb.lemma in _MAKING_NEW  # "each donation produces units"
        if obj.tag != "NN" and not (many and (theirs or obj.tag == "NNS")) and not new:
            continue  # "each member books classes": not one class per member
        if obj.tag == "NNS" and not many and not new:
            continue
        obj_key = _entity_key(obj, doc, draft)
        if obj_key and obj_key != subject_key:
            draft.entity(subject_key)
            draft.weak_links.append((obj_key, subject_key))


def _noun_misread(subject: Token, verb: Token, draft: Draft) -> bool:
    """Is a "verb" the last word of its subject's noun ("fuel logs", "price lists"), an entity
    the other readers found?"""
    key = f"{subject.lower}_{singular_word(verb.lower)}"
    return verb.i == subject.i + 1 and key in draft.entities


def _names_thing(tok: Token, doc: Analysis) -> bool:
    """A noun that names a thing, not one modifying another ("a movie rating site"); a
    compound right after a determiner counts ("a loan records ...", misread as one noun)."""
    if not tok.is_noun:
        return False
    if tok.dep != "compound":
        return True
    return tok.i > 0 and doc.tokens[tok.i - 1].pos == "DET"


_HAVING = frozenset({"have", "contain", "include", "need"})


def _having(verb: Token, doc: Analysis, draft: Draft, mentions: dict[str, int]) -> None:
    """ "class have a max capacity": the subject is an entity, what follows its fields."""
    if verb.i > 0 and doc.tokens[verb.i - 1].text == ",":
        return  # "plate number, needs service (yes/no)": an item of a list, not a clause
    subject = _subject(verb, doc)
    if subject is None or not subject.is_noun or subject.lower in _PEOPLE:
        return
    key = _key(subject, doc)
    allow_app = "_" in key  # "an adoption application has a message": not the app
    if key in _NOT_THINGS or not noun_key(key.replace("_", " "), allow_app=allow_app):
        return
    if lookup(key.replace("_", " "), draft.entities) or not _objects(verb, doc, through=False):
        return  # known already: the other readers took its fields
    rest = doc.text[verb.idx + len(verb.text) :]
    rest = re.split(r"[.;!?]", rest)[0]
    add_fields(key, rest, draft)
    for obj in _objects(verb, doc, through=False):  # "has a message": a field, not a Message
        other = _key(obj, doc)
        if other in draft.entities and not draft.entities[other].items:
            if (
                sum(1 for t in doc.tokens if t.lemma == obj.lemma) == 1
                and mentions.get(obj.lemma, 0) <= 1
            ):
                del draft.entities[other]


# A share of something booked ("a spot in a class", "a place on a trip"), not a thing of its own.
_A_PLACE_IN = frozenset({"spot", "place"})


def _link(
    verb: str,
    subject: Token | None,
    objects: list[Token],
    doc: Analysis,
    draft: Draft,
    named_nouns: set[str],
    *,
    bare: bool = False,
) -> bool:
    """Link the link noun of `verb` (Booking for "book") to its subject and object; True when
    there was one. `bare`: name the ends by their own word only (no compounds)."""
    if not objects:
        return False
    link = next((n for n in link_nouns(verb) if n in draft.entities), None)
    known = [o for o in (subject, objects[0]) if o is not None and _entity_key(o, doc, draft)]
    if link is None and verb in draft.entities and len(known) == 2:
        link = verb  # "a gardener leases a plot": a Lease, when all three are things already
    if link is None:  # "members borrow books; a loan records ..."
        link = next((n for n in link_nouns(verb) if n in named_nouns), None)
        if link is None or link in _NOT_THINGS:
            return False
        draft.entity(link)
    # "enroll a child in a course", "assign a nurse to a ward": the place is an end too, when
    # it is an entity ("book a court for a lesson": the purpose is not)
    ends = [objects[0]] + [
        o
        for o in objects[1:]
        if o.dep == "pobj"
        and doc.tokens[o.head].lower in ("in", "into", "to", "onto")
        and _entity_key(o, doc, draft)
    ][:1]
    if (
        subject is not None
        and subject.is_noun
        and (subject.lower in ("user", "users") or subject.lower not in _PEOPLE)
    ):
        ends.insert(0, subject)
    for end in ends:
        key = singular_word(end.lower) if bare else _key(end, doc)
        key = lookup(key.replace("_", " "), draft.entities) or key
        if key != link and key not in _NOT_THINGS and key.replace("_", "").isalpha():
            draft.entity(key)
            draft.weak_links.append((link, key))
    return True


def _misread_verbs(doc: Analysis) -> list[tuple[Token, str, Token]]:
    """ "members book sessions", read by the tagger as one noun: (members, book, sessions)."""
    out = []
    for t in doc.tokens[1:-1]:
        before, after = doc.tokens[t.i - 1], doc.tokens[t.i + 1]
        if (
            t.dep == "compound"
            and t.lower in LINK_NOUNS
            and before.tag in ("NNS", "NNPS")
            and after.is_noun
        ):
            out.append((before, t.lower, after))
    return out


_WITH_END = re.compile(
    r"\s+(?:so that|so i|so we|so they|so|to(?!\s+-?\d)|because|which|who|when|after)\b|[.;!?]"
)


def _listed_in(obj: Token, doc: Analysis) -> Token:
    """The noun after "of" where `obj` names a set of rows ("a catalogue of courses"), else obj."""
    if obj.lemma not in COLLECTION_NOUNS:
        return obj
    for prep in doc.children(obj.i):
        if prep.lower == "of":
            found = [t for t in doc.children(prep.i) if t.dep == "pobj" and t.is_noun]
            if found:
                return found[0]
    return obj


def _with_fields(verb: Token, doc: Analysis, draft: Draft) -> None:
    """ "register patients with their name, date of birth and phone": Patient's fields, when no
    other reader gave it any."""
    if verb.lemma in LINK_VERBS and verb.lemma not in ("assign", "attach", "map"):
        return  # "links a user to a team, with a role": the fields are the subject's
    if not _objects(verb, doc, through=False):
        _subject_with(verb, doc, draft)
    for obj in _objects(verb, doc, through=False):
        obj = _listed_in(obj, doc)  # "keep a catalogue of courses: title, ...": the courses
        key = _entity_key(obj, doc, draft)
        if key is not None and draft.entities[key].items:
            continue
        with_ = next(
            (t for t in doc.tokens if t.lower == "with" and t.head in (obj.i, verb.i)), None
        )
        if with_ is not None and with_.i > obj.i:
            rest = doc.text[with_.idx + len("with") :]
        elif colon := _colon_after(obj, doc):  # "write a daily report for a child: the date, ..."
            rest = doc.text[colon.idx + 1 :]
        else:
            continue
        rest = _WITH_END.split(rest)[0]
        rest = re.sub(r"^\s*(?:their|its|his|her|a|an|the)\s+", "", rest)
        if key is None:  # "offer a ride with a departure city, a destination and a time"
            key = _key(obj, doc)
            if (
                obj.lemma in _NOT_THINGS
                or singular_word(obj.lower) in ATTRIBUTE_WORDS
                or not noun_key(key.replace("_", " "), described=True)
                or len(split_list(rest)) < 2
                or not lists_fields(rest)
            ):
                continue
        if "," in rest or " and " in rest:
            add_fields(key, rest, draft)


def _subject_with(verb: Token, doc: Analysis, draft: Draft) -> None:
    """ "Runners sign up with a name and a birth year", "drivers register with their licence
    number and phone": a verb with no object, and a list after its "with", describes the
    subject."""
    subject = _subject(verb, doc)
    with_ = next((t for t in doc.children(verb.i) if t.lower == "with" and t.dep == "prep"), None)
    particle = next((t for t in doc.children(verb.i) if t.dep == "prt"), None)
    if with_ is None and particle is not None:  # "sign up with": "with" may hang off "up"
        with_ = next((t for t in doc.children(particle.i) if t.lower == "with"), None)
    if subject is None or with_ is None or not subject.is_noun or subject.lower in _PEOPLE:
        return
    if subject.lemma in {r for r, _ in draft.roles}:
        return  # people who sign in are the User, whose fields are its own
    if particle is None and subject.lemma not in draft.role_candidates:
        if not AGENTIVE.search(subject.lower):
            return  # "honey harvests per hive with date and kilos": no one joining with details
    if subject.dep == "nsubj" and _entity_key(subject, doc, draft) is not None:
        if draft.entities[_entity_key(subject, doc, draft) or ""].items:
            return  # the other readers gave it its fields
    listed = next((t for t in doc.children(with_.i) if t.dep == "pobj"), None)
    joined = ("conj", "appos")  # "their licence number, phone and car plate"
    if listed is None or not any(t.dep in joined and t.is_noun for t in _subtree(listed, doc)):
        return  # "stay with the treasurer's spreadsheet, not here": one thing, no list
    # what "with" governs, and no further ("... and a phone and are linked to a unit")
    last = max(_subtree(listed, doc), key=lambda t: t.i)
    rest = doc.text[with_.idx + len("with") : last.idx + len(last.text)]
    rest = _WITH_END.split(rest)[0]
    rest = re.sub(r"^\s*(?:their|its|his|her|a|an|the)\s+", "", rest)
    key = _entity_key(subject, doc, draft) or _key(subject, doc)
    if (
        ("," in rest or " and " in rest)
        and len(split_list(rest)) >= 2
        and lists_fields(rest)
        and noun_key(key.replace("_", " "), described=True)
    ):
        add_fields(key, rest, draft)


def _subtree(tok: Token, doc: Analysis) -> list[Token]:
    """The token and every token under it."""
    out, i = [tok], 0
    while i < len(out):
        out += doc.children(out[i].i)
        i += 1
    return out


# Words that may stand between a described noun and the colon before its fields.
_BEFORE_COLON = frozenset({"prep", "pobj", "det", "amod", "compound", "nummod", "poss", "case"})


def _colon_after(obj: Token, doc: Analysis) -> Token | None:
    """The colon right after a noun and its prepositional phrase ("a daily report for a
    child:"), which a list of its fields follows."""
    for t in doc.tokens[obj.i + 1 :]:
        if t.text == ":":
            return t
        if t.dep not in _BEFORE_COLON:
            return None
    return None


def _part_links(draft: Draft) -> None:
    """ "order lines", "invoice lines", "pre-order items": a thing named after another entity
    belongs to it."""
    for key in list(draft.entities):
        parts = key.split("_")
        for i in range(len(parts) - 1, 0, -1):
            prefix = "_".join(parts[:i])
            if prefix in draft.entities:
                draft.weak_links.append((key, prefix))
                break


def read_clauses(text: str, draft: Draft) -> None:
    """Add the entities and links only the grammar of `text` shows."""
    _read_clauses(text, draft)
    _part_links(draft)


def _read_clauses(text: str, draft: Draft) -> None:
    docs = analyse_units(text)
    roles = {r for r, _ in draft.roles} | {plural_word(r) for r, _ in draft.roles}
    mentions: dict[str, int] = {}
    for d in docs:
        for t in d.tokens:
            if t.is_noun:
                mentions[t.lemma] = mentions.get(t.lemma, 0) + 1
    named_nouns = {t.lemma for d in docs for t in d.tokens if _names_thing(t, d)}
    facts: list[tuple[str, str]] = []
    held: list[tuple[str, str]] = []
    for doc in docs:
        facts += many_facts(doc, draft)
        held += many_facts(doc, draft, held=True)
        for verb in doc.tokens:
            if verb.pos != "VERB" and not _tagged_as_noun(verb, doc):
                continue
            if verb.lemma in _HAVING:
                _having(verb, doc, draft, mentions)
            _with_fields(verb, doc, draft)
            if verb.lemma not in ("have", "be", "include", "contain", "need"):
                _subject_links(verb, doc, draft)
                # "links a student to a course": links.py; "enroll a child in a course": the
                # Enrollment's, when there is one, not the child's
                linked = any(n in draft.entities for n in link_nouns(verb.lemma))
                if verb.lemma not in LINK_VERBS and not linked:
                    _object_links(verb, doc, draft)
            objects = _objects(verb, doc)
            subject = _subject(verb, doc)
            if _link(verb.lemma, subject, objects, doc, draft, named_nouns):
                continue
            if verb.lemma in KEEPING_VERBS:
                if subject is not None and _noun_misread(subject, verb, draft):
                    continue  # "Fuel logs record liters": "fuel logs" is the subject
                if (
                    subject is not None
                    and subject.is_noun
                    and subject.lower not in _PEOPLE
                    and (subject.tag == "NNS" or _every(subject, doc))
                ):
                    if subject.lemma not in roles and subject.lower not in roles:
                        _having(verb, doc, draft, mentions)  # "fuel logs record liters, cost"
                        continue
                for obj in _objects(verb, doc, through=False):
                    key = _key(obj, doc)
                    if (
                        obj.tag == "NNS"
                        and not ({obj.lemma, key} & (_NOT_THINGS | roles))
                        and (noun_key(key.replace("_", " ")))
                        and key not in draft.entities
                    ):
                        draft.entity(key)
        read_attributes(doc, draft)
        _prep_links(doc, draft)
        read_links(doc, draft)
        read_definitions(doc, draft)
        read_per_links(doc, draft)
        read_kept(doc, draft)
        read_assigned(doc, draft)
        read_made(doc, draft)
        read_many_of(doc, draft)
        for subject, verb_word, obj in _misread_verbs(doc):
            _link(verb_word, subject, [obj], doc, draft, named_nouns, bare=True)
    for doc in aside_docs(docs):  # "(a shipment has several coffees, ...)": relations only
        facts += many_facts(doc, draft)
        held += many_facts(doc, draft, held=True)
        read_links(doc, draft)
        read_definitions(doc, draft)
        read_many_of(doc, draft)
    both_ways(facts, draft, held=held)
    for doc in docs:  # last: an answer drops the links the other readers made between its ends
        read_answers(doc, draft)
