"""The one place that decides whether a word the readers found may name an entity. No I/O.

The readers (markdown, prose, the template) propose entity keys from the words people wrote; before
the spec is built, `vet_entities` keeps only those whose head word is used as a noun in the text,
as spaCy tags it there. A word that is a pronoun, a negation, an adverb, a preposition or a verb
wherever it appears ("Dont", "Without", "Cannot", "Everybody", "Up", "authenticate") never becomes
an entity; it is dropped with a note, and its fields and links go with it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.naming import one_slip, pascal, plural_word
from pipeline.naming import singular_word as singular
from pipeline.parse.access import SIGNED_IN_PEOPLE, role_name, verb_operations
from pipeline.parse.acts import objects_of, subject_of, verb_group
from pipeline.parse.draft import Draft, DraftPermission
from pipeline.parse.nlp import Analysis, Token, analyse_units, word_usage
from pipeline.parse.phrases import noun_key, strip_determiners, tokens
from pipeline.parse.regexes import compiled
from pipeline.parse.role_entities import only_acts
from pipeline.parse.scope import business_nouns, left_out
from pipeline.parse.titled import titled_business
from pipeline.parse.units import split_units
from pipeline.parse.vocab import APP_HEADS, APP_WORDS, GENERIC_ACTORS, ROLE_RANKS
from pipeline.spec import Operation

# Words that never name a thing to store, whatever a tagger makes of them in a given sentence.
CLOSED_WORDS = (
    frozenset("""
    i me my we us our you your he him his she her it its they them their this that these those
    everybody everyone anybody anyone somebody someone nobody noone something anything nothing
    everything all each every both either neither none some any other others whatever
    dont don't do not no never without cannot cant can't wont won't isnt shouldnt nor
    up down out in on off over under above below into onto upon about also just only really very
    then there here now later soon always often maybe perhaps please thanks thank hi hello hey
    yes ok okay too so well still yet already again ever even else instead etc
    public private same own new old main various several many few more most less stat stats
    last next previous
    statistic statistics analytics
    """.split())
    | frozenset(
        # interjections people write in chat, which a tagger often reads as a noun or an adjective
        # ("sorry for my english", "he will post five haha")
        "sorry oops haha hahaha hehe lol lmao rofl btw fyi imo imho thx ty pls plz ugh wow yay "
        "cheers".split()
    )
)


# Nouns that, after "user", mean signing in ("user accounts", "user profiles").
_SIGN_IN_NOUNS = frozenset({"account", "profile", "login"})


def is_entity_word(word: str, usage: dict[str, set[str]]) -> bool:
    """May `word` (a key's head, singular) name an entity, given how the text uses it?"""
    if word in CLOSED_WORDS:
        return False
    tags: set[str] = set()
    for form in {word, plural_word(word), singular(word)}:
        tags |= usage.get(form, set())
    if not tags:
        return True  # not in the text as such ("todo" from "todo items"): the reader's word
    if word.endswith("ed") and tags <= _NOT_NAMING | {"ADJ"}:
        return False  # a participle ("delivered", "scheduled") is a state, never a thing
    return not tags <= _NOT_NAMING


# Parts of speech that never name a thing. Adjectives are not among them: a tagger often reads
# the first word of a heading or a list item ("Todo list") as one.
_NOT_NAMING = frozenset(
    {"VERB", "AUX", "ADV", "ADP", "PRON", "PART", "DET", "CCONJ", "SCONJ", "INTJ", "PUNCT", "NUM"}
)


_APP_HEADS = APP_HEADS
# Words about the issue itself, never a thing the API stores ("user stories").
_ISSUE_WORDS = frozenset({"user_story", "story_point", "acceptance_criterion", "requirement"})
# Attributes that are never a thing of their own, even with values listed ("status: new -> done").
_ALWAYS_FIELDS = frozenset({"status", "state"})


# Units of measure: "45 or 90 minutes", "kilograms of grapes" name amounts ("billable hours",
# "energy meters" are things).
_UNIT_NOUNS = frozenset(
    "minute second hour kilogram kilo gram milligram liter litre milliliter millilitre "
    "kilometer kilometre centimeter centimetre millimeter mile pound ounce inch foot feet "
    "degree percent percentage cent euro dollar tonne ton hectare acre calorie".split()
)


def entity_rejection(key: str, usage: dict[str, set[str]]) -> str:
    """Why `key` cannot name an entity ("" when it can)."""
    words = key.split("_")
    if len(words) > 1 and words[-1] in _APP_HEADS:
        return f"“{key.replace('_', ' ')}” names the app itself"
    if key in _ISSUE_WORDS:
        return f"“{key.replace('_', ' ')}” is about the issue, not something to store"
    if words[-1] in _ALWAYS_FIELDS:
        return f"“{words[-1]}” is a field of something, not a thing of its own"
    if len(key) <= 2:
        return f"“{key}” is too short to name a thing (an abbreviation or a cut word)"
    if len(words) == 1 and singular(words[0]) in _UNIT_NOUNS:
        return f"“{words[-1]}” is a unit of measure, not a thing to store"
    closed = [w for w in words if w in CLOSED_WORDS]
    if closed:
        return f"“{closed[0]}” is not a thing to store"
    if not is_entity_word(words[-1], usage):
        return f"“{words[-1]}” is not used as a noun"
    return ""


# A sentence that puts its subject off ("payments via stripe later, not now").
_DEFERRED = re.compile(
    r"\b(?:later|not now|not yet|in the future|future version|v2|phase 2|out of scope"
    r"|(?:don't|dont|do not|no|not) need\b|not needed|not required|nice to have|maybe"
    r"|(?:please )?(?:do )?not (?:make|build|do|include|want|add)|no need|skip|right now"
    r"|(?:don't|dont|do not|won't) (?:do|handle|take|want|build)"
    r"|we (?:do|handle) (?:it|that|them) (?:by|in|with|on)|already)\b"
    # done elsewhere: "payments happen outside the platform", "invoices we do in other software,
    # not this", "fuel sales: not our business", "leagues eventually, a whole other thing"
    r"|\bnot (?:in )?this\s*(?:[.!,;)]|$)|\boutside (?:the|this|our) (?:platform|app|system|api|tool)"
    r"|\b(?:in|with|via|through) (?:an? )?(?:other|another|separate|different) "
    r"(?:software|tool|system|app|program|portal)|\bnot our (?:business|job|problem)\b"
    r"|\beventually\b|\bwhole other thing\b"
)


def _deferred(key: str, units: list[str]) -> bool:
    """Every sentence naming `key` puts it off."""
    word = key.replace("_", " ")
    pattern = compiled(rf"\b{re.escape(word)}(?:e?s)?\b")
    naming = [u for u in units if pattern.search(u)]
    return bool(naming) and all(_DEFERRED.search(u) for u in naming)


def _left_out(key: str, docs: list[Analysis]) -> bool:
    """Every unit naming `key`'s head noun negates it or puts it off ("No payments in v1",
    "we don't need invoices", "reports can come later"): `scope.left_out`."""
    head = singular(key.split("_")[-1])
    naming = [d for d in docs if any(t.lemma == head or t.lower == head for t in d.tokens)]
    return bool(naming) and all(head in left_out(d) for d in naming)


def _names_a_kind(words: list[str], docs: list[Analysis]) -> bool:
    """Does the verb-like first word of a compound say which kind of thing the noun is, as
    spaCy parses it: "tasting notes", "cleaning log", "a leave request" (a gerund or a bare verb
    modifying the noun), unlike "list pets" or "donated items" (a participle: a state)?"""
    first, second = words[0], words[1]
    if first.endswith("ed"):
        return False
    acts_on = False  # "for managing orders": the gerund has the noun as its object
    label = re.compile(rf"^\W*{re.escape(first)}\s+{re.escape(second)}(?:e?s)?\s*[:(]", re.I)
    for doc in docs:
        if label.match(doc.text):
            return True  # "Cleaning log: fridge, date": a label names a thing
        for t in doc.tokens:
            if t.lower != first or t.i + 1 >= len(doc.tokens):
                continue
            after = doc.tokens[t.i + 1]
            if second not in (after.lower, after.lemma, singular(after.lower)):
                continue
            if after.head == t.i and after.dep in ("dobj", "obj"):
                acts_on = True
            elif t.dep in ("compound", "amod", "nmod") and t.head == after.i:
                # a bare verb only after an article ("each leave request", not "save links")
                before = doc.tokens[t.i - 1] if t.i else None
                if first.endswith("ing") or (before is not None and before.pos == "DET"):
                    return True
    return first.endswith("ing") and not acts_on  # "cleaning log: ...", however tagged


def _is_business(key: str, docs: list[Analysis], low: str) -> bool:
    """ "We are a housing cooperative", "I run a farm (fish and veggies in one loop)": the
    business, never in the plural, is not a thing it stores, whatever an aside says of it."""
    said = set().union(*(business_nouns(d) for d in docs)) if docs else set()
    plural = plural_word(key.replace("_", " "))
    return key in said and not compiled(rf"\b{re.escape(plural)}\b").search(low)


# Words before a noun that make it one of many ("a booth", "each gallery", "their band").
_ONE_OF_MANY = (
    r"(?:a|an|each|every|per|one|any|which|another|this|that|its|their|his|her|same|new|no)"
)


def _writers_business(key: str, draft: Draft, low: str, usage: dict[str, set[str]]) -> bool:
    """ "our band (4 piece, indie)", "our company needs an expense tool", "**Project**: a
    library API", "Shop: products (name, price), orders (date)": one of a kind (never in the
    plural, never "a"/"each" one), and either the writer's own ("our"/"my", as the head of its
    phrase: not "our booking tablet") or described as the app, by its own name, or by the
    things the API stores. Such a word is the business or the app, not a row it stores."""
    word = key.replace("_", " ")
    plural = rf"\b{re.escape(plural_word(word))}\b|\b{re.escape(word)}'s\b"
    if compiled(plural).search(low) or compiled(plural).search(low.replace("-", "")):  # "sign-ups"
        return False
    if compiled(rf"\b{_ONE_OF_MANY}\s+(?:[a-z-]+\s+){{0,2}}?{re.escape(word)}\b").search(low):
        return False
    ours = rf"\b(?:our|my)\s+(?:[a-z-]+\s+){{0,2}}?{re.escape(word)}\b(?:\s+(?P<after>[a-z]+))?"
    for m in compiled(ours).finditer(low):
        after = m.group("after")
        if not after or not usage.get(after, set()) & {"NOUN", "PROPN"}:
            return True
    items = [str(i).split("(")[0].strip().lower() for i in draft.entities[key].items]
    first = tokens(items[0]) if items else []
    if len(first) >= 2 and first[-1] == key.split("_")[-1]:
        return True  # "Gallery: a small art gallery, we sell ..."
    if len(first) >= 3 and first[-1] in APP_WORDS | APP_HEADS:
        return True  # "Project: community library API" (not "Guest: name, website")
    others = [noun_key(i) for i in items]
    return len(others) >= 2 and all(o and o != key and o in draft.entities for o in others)


# Words that name an attribute of a thing, never a thing on their own ("the status", "a price").
ATTRIBUTE_WORDS = frozenset("""
    status state price year week month day hour minute second duration size score rate sum cost
    total amount count number value date time email phone name title description urgency
    priority level code type subtotal balance capacity weight height length width quantity
    address age mood person max min maximum minimum result stage
    """.split())
# People who use the app: with sign-in they are users with a role, unless the text gives them
# fields of their own.
ACTOR_WORDS = frozenset("""
    member customer student driver author teacher volunteer recruiter realtor freelancer
    coordinator boss employee agent cashier judge seeker reader citizen seller client buyer
    staff manager admin moderator editor owner organizer organiser attendee guest visitor
    player coach trainer instructor parent tenant landlord host
    """.split())


def _background(key: str, draft: Draft, low: str) -> bool:
    """Always singular and linked to nothing: the business itself ("our salon", "a community
    theatre"), not a thing it stores."""
    word = key.replace("_", " ")
    if compiled(rf"\b{re.escape(plural_word(word))}\b").search(low):
        return False
    pairs = (*draft.has_many, *draft.weak_links, *draft.shared, *draft.made, *draft.authored)
    linked = {k for pair in pairs for k in pair}
    linked |= {k for r in draft.relations for k in (r.source, r.target)}
    return key not in linked


def _business(key: str, draft: Draft, low: str) -> bool:
    """ "Our salon has 5 stylists", "the garage has levels and spots", "Bakery: breads, cakes,
    orders": a thing never in the plural, never "a"/"each" one of many, whose every item is a
    plural (other things it has), is the business the API serves, not a row it stores."""
    word = key.replace("_", " ")
    if compiled(rf"\b{re.escape(plural_word(word))}\b").search(low):
        return False
    if compiled(rf"\b(?:a|an|each|every|one|per|any|which|another)\s+{re.escape(word)}\b").search(
        low
    ):
        return False
    items = draft.entities[key].items
    contains = any(noun_key(str(i).split("(")[0]) in draft.entities for i in items)
    if not contains and not compiled(rf"\b(?:our|my|the)\s+{re.escape(word)}\b").search(low):
        return False  # "Gym: members, trainers, sessions" lists the things it stores
    for item in items:
        words = [w for w in re.findall(r"[a-z]+", str(item).split("(")[0].lower())]
        if not words or singular(words[-1]) == words[-1]:
            return False
    return bool(items)


# Words for free text written on something ("write notes on an appointment", "... and notes"):
# an entity only where fields or a link describe it ("Notes (body) are attached to deals").
_FREE_TEXT = frozenset({"note", "remark", "memo"})


def _noted_on(key: str, draft: Draft, docs: list[Analysis]) -> str:
    """ "Doctors write notes on an appointment", "add remarks to each car": the one entity that
    bare notes are written on (the object of a preposition after them, and no other link of
    theirs but who writes them), whose free-text field they are; "" if none."""
    label = re.compile(rf"(?:^|[.!?]\s)\W*{re.escape(key)}s?\W*:", re.I | re.M)
    if label.search(draft.description):
        return ""  # "Notes: citizens can add a note on a report": a heading names a thing
    pairs = (*draft.has_many, *draft.shared)
    if any(key in pair for pair in pairs) or any(
        key in (r.source, r.target) for r in draft.relations
    ):
        return ""
    owners = set()
    for doc in docs:
        for t in (t for t in doc.tokens if t.lemma == key and t.is_noun):
            heads = [t.i, t.head] if t.dep in ("dobj", "obj") else [t.i]  # "write notes on X"
            for prep in (c for h in heads for c in doc.children(h)):
                if prep.dep == "prep" and prep.lower in _NOTED_PREPS:
                    owners |= {
                        singular(p.lower)
                        for p in doc.children(prep.i)
                        if p.dep == "pobj" and singular(p.lower) in draft.entities
                    }
    owner = next(iter(owners)) if len(owners) == 1 else ""
    if not owner or owner == key:
        return ""
    names = {str(i).split("(")[0].strip().lower() for i in draft.entities[owner].items}
    return "" if names & {key, plural_word(key)} else owner


# Prepositions by which notes are written on a thing ("notes on a visit", "remarks to a car").
_NOTED_PREPS = frozenset({"on", "to", "for", "about", "of"})


def _linked(key: str, draft: Draft) -> bool:
    pairs = (*draft.has_many, *draft.weak_links, *draft.shared, *draft.made, *draft.authored)
    return any(key in pair for pair in pairs) or any(
        key in (r.source, r.target) for r in draft.relations
    )


# An item that gives a value, not a field: "up to 6 people", "20 euro per night", "36-46",
# "how many tents", "at least one night".
_VALUE_ITEM = re.compile(
    r"\d|^(?:up to|at least|at most|no more than|max(?:imum)?|min(?:imum)?|how (?:many|much|long)"
    r"|between|from|about|around|only|just|one|two|three|four|five|six|seven|eight|nine|ten)\b"
    r"|\bper\b"
)
# Words for a stretch or point of time, a side or an end: what a value is measured in or
# happens at ("for 3 nights", "each evening", "the north side"), a thing only when described.
_MEASURE_WORDS = frozenset(
    "night evening morning afternoon day week month year weekend hour minute time side end "
    "start beginning part half".split()
)


# Words that say what kind of value a field holds ("notes, free text", "active (yes/no)"), never
# a thing of their own.
_VALUE_KINDS = frozenset(
    "string str varchar integer int float double boolean bool datetime timestamp uuid guid "
    "markdown free_text plain_text rich_text long_text short_text longtext yes_no true_false".split()
)


def _values_only(key: str, draft: Draft) -> bool:
    """ "Capacity: up to 6 people", "Price: 20 euro per night", "Sizes: 36-46", "Kilns: name,
    max temperature ... Temperature: 900 to 1300": a label whose every item is a value (a
    number, a range, an amount), for an attribute, a measure or a field of another entity: a
    value written down, not a thing with fields."""
    head = key.split("_")[-1]
    items = [str(i).strip().lower() for i in draft.entities[key].items]
    if not items or not all(_VALUE_ITEM.search(i) for i in items):
        return False
    if head in ATTRIBUTE_WORDS or head in _MEASURE_WORDS or singular(head) in _UNIT_NOUNS:
        return True
    if _linked(key, draft) or not all(re.search(r"\d", i) for i in items):
        return False  # "teacher: one teacher" is a link; a field's values are numbers
    fields = {
        singular(words[-1])
        for other, entity in draft.entities.items()
        if other != key
        for item in entity.items
        if (words := tokens(str(item).split("(")[0]))
    }
    return head in fields


# Prepositions that put a time word to when something happens ("in the evening", "at night").
_WHEN_PREPS = frozenset({"in", "at", "during", "on", "by", "until", "till", "before", "after"})


# Nouns a following "of" phrase measures out ("a number of nights", "a couple of weeks").
_AMOUNT_HEADS = frozenset(
    "number amount couple pair lot lots total count maximum minimum max min quantity".split()
)


_NUMBER = re.compile(
    r"[\d.,]+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty"
    r"|forty|fifty|hundred|few|several"
)


def _thin_mention(t: Token, doc: Analysis) -> bool:
    """Is this mention of a noun only a measure or a time, never a thing acted on or listed:
    after a number ("3 nights", "two sides"), after "per" ("per night"), a time adverbial ("each
    night volunteers ..."), or measured out by "a number of"?"""
    kids = doc.children(t.i)
    if any(k.dep == "prep" and k.lower == "per" for k in kids):
        return False  # "one vote per user": the thing counted, not the measure
    counted = any(k.dep == "nummod" and _NUMBER.fullmatch(k.lower) for k in kids)
    if counted and t.tag in ("NNS", "NNPS") and t.dep in ("pobj", "npadvmod", "nmod", "appos"):
        return True  # "for 3 nights", "in 2 sizes", not "one review per course"
    if t.i and doc.tokens[t.i - 1].lower in ("per", "a") and t.dep == "pobj":
        return doc.tokens[t.i - 1].lower == "per"
    if t.dep in ("npadvmod", "tmod") and t.lemma in _MEASURE_WORDS:
        return True  # "each night volunteers check guests in"
    head = doc.tokens[t.head]
    if t.dep == "pobj" and head.lower == "per":
        return True
    if t.dep == "conj" and head.is_noun and head.lemma in _MEASURE_WORDS:
        t, head = head, doc.tokens[head.head]  # "in the morning or afternoon"
    if t.dep == "pobj" and t.lemma in _MEASURE_WORDS and head.lower in _WHEN_PREPS:
        return True  # "a trip is in the morning", "open at night": when, not a thing
    if t.dep == "pobj" and head.lower == "of" and head.head != head.i:
        return doc.tokens[head.head].lower in _AMOUNT_HEADS
    return False


def _only_measured(key: str, docs: list[Analysis]) -> bool:
    """ "Guests book pitches for a number of nights", "one guest per bed per night", "each night
    volunteers check guests in": every mention of a one-word noun measures time or an amount, so
    nothing in the text makes it a thing to store."""
    if "_" in key:
        return False
    mentions = [
        (t, d)
        for d in docs
        for t in d.tokens
        if t.is_noun and (t.lemma == key or singular(t.lower) == key)
    ]
    return bool(mentions) and all(_thin_mention(t, d) for t, d in mentions)


# Words people write to fill a sentence; a word one slip away from one of them ("Everythign",
# "Somthing") is the same filler, misspelt.
_FILLER_WORDS = frozenset(
    "everything everyone everybody anything anyone anybody something someone somebody "
    "nothing nobody whatever whenever wherever however already instead".split()
)


def _misspelt_filler(word: str) -> bool:
    """Is `word` a long filler word with one letter dropped, added, changed or two swapped?"""
    if len(word) < 7 or word in _FILLER_WORDS:
        return False
    return any(one_slip(word, filler) for filler in _FILLER_WORDS)


def vet_entities(draft: Draft) -> dict[str, str]:
    """Drop the proposed entities that are not nouns in the text, noting each; returns the
    keys to rename ("list_pet" from "shelters list pets (name, ...)" is pet)."""
    renames: dict[str, str] = {}
    if not draft.description or not draft.entities:
        return renames
    usage = word_usage(draft.description)
    low = draft.description.lower()
    split = split_units(draft.description)
    units = [u.text.lower() for u in split]
    docs = analyse_units(draft.description)
    for key in list(draft.entities):
        bare = not draft.entities[key].items
        if key in _SIGN_IN_NOUNS and (
            bare or not compiled(rf"(?<!user )(?<!user's )\b{key}s?\b").search(low)
        ):
            del draft.entities[key]  # "user accounts": sign-in, not a thing to store
            draft.note(f"Read “user {key}s” as signing in, not as a {pascal(key)} entity.")
            draft.auth = True if draft.auth is None else draft.auth
            continue
        entity = draft.entities[key]
        if entity.path or any(not isinstance(item, str) for item in entity.items):
            continue  # typed fields or a path: a document named it, not prose
        words = key.split("_")
        # "drop-offs", "sign-ups", "leave_requests": one noun
        hyphened = len(words) > 1 and ("-".join(words) in low or key in low)
        if (
            len(words) > 1
            and not hyphened
            and usage.get(words[0], set()) <= {"VERB", "AUX"}
            and usage.get(words[0])
            and not _names_a_kind(words, docs)
        ):
            # a verb before the noun is no part of its name, nor is an article after it
            renames[key] = "_".join(strip_determiners(words[1:])) or "_".join(words[1:])
            if why := entity_rejection(key if words[-1] in _APP_HEADS else renames[key], usage):
                del renames[key], draft.entities[key]  # "run entirely": no noun after the verb
                draft.note(f"{pascal(key)} is not an entity: {why}.")
                continue
            draft.note(f"Read “{key.replace('_', ' ')}” as {pascal(renames[key])}.")
            continue
        # a described thing ("A quote is for a customer: from address, ...") is a noun even
        # where the tagger reads it as an interjection
        seen = usage
        if entity.items:
            seen = {w: tags | {"NOUN"} if "INTJ" in tags else tags for w, tags in usage.items()}
        why = "" if hyphened and entity.items else entity_rejection(key, seen)
        if not why and not entity.items and _deferred(key, units):
            why = "the request puts it off for later"
        if not why and _left_out(key, docs):
            why = "the request leaves it out (negated or put off in every sentence naming it)"
        if not why and _is_business(key, docs, low):
            why = "it names the business, not something it stores"
        if not why and titled_business(key, draft.description, [str(i) for i in entity.items]):
            why = "the title names the business, not something it stores"
        if not why and not entity.items and words[-1] in ATTRIBUTE_WORDS:
            why = f"“{key.replace('_', ' ')}” is an attribute, and nothing describes it"
        if not why and not entity.items and key in _VALUE_KINDS:
            why = f"“{key.replace('_', ' ')}” says what kind of value a field holds"
        if not why and any(_misspelt_filler(w) for w in words):
            why = "it is a filler word (“everything”, “something”) misspelt, not a thing to store"
        if not why and _values_only(key, draft):
            items = ", ".join(str(i) for i in entity.items)
            why = f"“{key.replace('_', ' ')}: {items}” gives a value, not the fields of a thing"
        if not why and not entity.items and len(draft.entities) > 1:
            if _only_measured(key, docs):
                why = (
                    "the text only counts or times by it (“3 nights”, “per night”), never stores it"
                )
        if not why and not entity.items and len(draft.entities) > 1:
            if _background(key, draft, low):
                why = "it names the business, not something it stores"
        free = key in _FREE_TEXT and len(draft.entities) > 1  # in a notes app, notes are the thing
        if not why and not entity.items and free and not _linked(key, draft):
            why = "notes are free text on something, not a thing of their own"
        if not why and not entity.items and free and (owner := _noted_on(key, draft, docs)):
            draft.entities[owner].items.append(f"{plural_word(key)} (text)")
            why = f"notes on {pascal(owner)} are its free-text field “{plural_word(key)}”"
        if not why and len(draft.entities) > 1 and _business(key, draft, low):
            why = "it names the business, and what it has are the things it stores"
        if not why and len(draft.entities) > 1 and _writers_business(key, draft, low, usage):
            why = "it names the writer's business or the app, one of a kind, not a thing it stores"
        if why:
            del draft.entities[key]
            draft.note(f"{pascal(key)} is not an entity: {why}.")
    for role, source in list(draft.roles):
        if source != "explicit" and "_" not in role and _left_out(role, docs):
            draft.roles.remove((role, source))  # "reports can come later": no one who signs in
    draft.role_candidates = [r for r in draft.role_candidates if not _left_out(r, docs)]
    roles = {r for r, _ in draft.roles}
    signed_in = bool(draft.auth or roles)
    for key in list(draft.entities):
        entity = draft.entities[key]
        actor = signed_in and key.split("_")[-1] in ACTOR_WORDS
        person = (key in roles or actor) and key != "user" and not entity.path
        if person and only_acts(key, draft, usage):
            entity.items = []  # "they sell the tickets", "rides": what the role does, not fields
            draft.weak_links = [(a, b) for a, b in draft.weak_links if a != key]  # nor links
            renames[key] = "user"  # "agents answer tickets": agents are users with a role
            draft.note(f"Read “{key.replace('_', ' ')}” as a signed-in user, not an entity.")
    return renames


# A noun for someone who does things: "setters", "dispatchers", "technicians", "employees".
AGENTIVE = re.compile(r"(?:er|or|ist|ian|ant|ent|ee|ic)s?$")
# Words that say the act is reserved to the subject ("only dispatchers create jobs").
_ONLY_WORDS = frozenset({"only", "just", "solely"})
# Everyone else denied the act just said: "nobody else can", "no one else may", "others can't".
_NOBODY_ELSE = re.compile(
    r"\b(?:nobody|no one|noone|none) else\s+(?:can|may|should|is allowed|gets? to)\b"
    r"|\b(?:nobody|no one) else\s*[.!]?\s*$"
    r"|\b(?:everyone|everybody|anyone) else\s+(?:can ?not|can't|may not|must not|shouldn't)\b"
)
# Operations that change data: saying who does them names a permission.
_WRITES = frozenset({Operation.CREATE, Operation.UPDATE, Operation.DELETE})


def _role_of(subject: Token, doc: Analysis) -> str:
    """The role a subject noun names ("route setters" -> route_setter, "league admins" ->
    admin); "" when it names no one who signs in."""
    word = singular(subject.lower)
    if subject.lower in CLOSED_WORDS or word in GENERIC_ACTORS or subject.lower in GENERIC_ACTORS:
        return ""
    if not (word in ACTOR_WORDS or word in ROLE_RANKS or AGENTIVE.search(word)):
        return ""
    if ROLE_RANKS.get(word) == 0:
        return role_name(word)  # "league admins", "team owners": the admin, the owner
    compound = [t.lower for t in doc.tokens if t.head == subject.i and t.dep == "compound"]
    return role_name(" ".join([*compound[-1:], subject.lower]))


# "the owner of a tool", "a tool's owner", "tools they own": owning a thing the API stores.
_OWNING = re.compile(
    r"\b(?:owners?|creators?|authors?)\s+of\b|'s\s+(?:owner|creator|author)\b|\bthey\s+own\b"
)


def _any_row(verbs: list[Token], doc: Analysis) -> bool:
    """ "remove any tool", "edit all posts", "delete anyone's comments": the act reaches past
    whoever owns a row (what ownership grants a privileged role), it is not kept to the role."""
    objects = {t.i for v in verbs for t in doc.children(v.i) if t.dep in ("dobj", "obj")}
    return any(
        t.head in objects and t.lower in ("any", "all", "every", "anyone", "anybody", "everyone")
        for t in doc.tokens
    )


def _owner_of_a_thing(subject: Token, doc: Analysis, draft: Draft) -> bool:
    """ "the owner approves the request" where the text says "the owner of a tool": the person
    who owns a row (ownership, read by rules.py), not a role of its own. "Owners sign up" and
    "as an owner" stay a role."""
    if singular(subject.lower) not in ("owner", "creator", "author") or subject.tag != "NN":
        return False
    the = any(t.head == subject.i and t.lower in ("the", "its", "their") for t in doc.tokens)
    return the and bool(_OWNING.search(draft.description.lower()))


def _reserved_to(subject: Token, doc: Analysis, draft: Draft) -> str:
    """ "Only the board creates competitions", "only the experts can add species": whoever an
    act is reserved to is someone who signs in, whatever the word, unless it names a thing the
    API stores or no one in particular."""
    from pipeline.parse.relations import lookup

    word = singular(subject.lower)
    if subject.lower in CLOSED_WORDS or word in GENERIC_ACTORS or lookup(word, draft.entities):
        return ""
    compound = [t.lower for t in doc.tokens if t.head == subject.i and t.dep == "compound"]
    return role_name(" ".join([*compound[-1:], subject.lower]))


_THEM = frozenset({"them", "it", "those", "these"})
_NAMING = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "pobj", "conj"})


_POSSESSIVE = frozenset("their theirs own his her my themselves himself herself".split())


_THEY = frozenset("i we they he she".split())


def _made_by_them(obj: Token, doc: Analysis) -> bool:
    """The object is picked out by a clause of making whose subject is the actor again ("the
    grades he created", "the posts they write")."""
    for clause in doc.children(obj.i):
        if clause.dep != "relcl" or not verb_operations(clause.lemma):
            continue
        if any(t.dep == "nsubj" and t.lower in _THEY for t in doc.children(clause.i)):
            return True
    return False


def _owner_like(verb: Token, doc: Analysis) -> bool:
    """The verb's subject is someone's own ("their creator"), or picked out by what they made
    ("the seller who created a lot", "the author of a post"): an owner, not a role."""
    while verb.dep == "conj" and subject_of(verb, doc) is None:
        verb = doc.tokens[verb.head]  # "... can edit or delete it": edit's subject
    subject = subject_of(verb, doc)
    if subject is None:
        return False
    return any(
        t.dep in ("poss", "relcl") or t.dep == "prep" and t.lower == "of"
        for t in doc.children(subject.i)
    )


def _antecedent(
    pronoun: Token, doc: Analysis, draft: Draft, before: Analysis | None = None
) -> Token | None:
    """The entity a pronoun object stands for: the nearest noun before it that names one, other
    than its own verb's subject ("inquiries are not public, only agents can see them" ->
    inquiries; "members write posts and only moderators can delete them" -> posts); else, in
    `before`, the clause before a semicolon of the same sentence ("anyone may see the routes;
    only setters can edit them" -> routes)."""
    from pipeline.parse.relations import lookup

    for t in reversed(doc.tokens[: pronoun.i]):
        if t.head == pronoun.head and t.dep in ("nsubj", "nsubjpass"):
            continue
        if t.is_noun and t.dep in _NAMING and lookup(t.lower, draft.entities):
            return replace(t, head=pronoun.head, dep=pronoun.dep)
    for t in reversed(before.tokens if before else []):
        if t.is_noun and t.dep in _NAMING and lookup(t.lower, draft.entities):
            return replace(t, i=pronoun.i, head=pronoun.head, dep=pronoun.dep)
    return None


def _object_keys(
    verbs: list[Token], doc: Analysis, draft: Draft, before: Analysis | None = None
) -> list[str]:
    """Entities the verbs act on: "remove routes", "change the prices of rooms" (`before`: the
    clause before a semicolon, where "them" may point)."""
    from pipeline.parse.relations import lookup

    keys: list[str] = []
    for obj in objects_of(verbs, doc):  # "delete venues and machines" too
        if obj.lower in _THEM:
            if _owner_like(doc.tokens[obj.head], doc):
                return []  # "only their creator can edit them": ownership, read by rules.py
            obj = _antecedent(obj, doc, draft, before) or obj  # "only agents can see them"
        if not obj.is_noun:
            continue
        if any(
            t.head == obj.i and t.lower in ("own", "their", "his", "her", "my") for t in doc.tokens
        ):
            return []  # "their own expenses": ownership, read by rules.py
        if _made_by_them(obj, doc):
            return []  # "the grades he created": ownership too
        targets = [obj]
        if singular(obj.lower) in ATTRIBUTE_WORDS:  # "the prices of rooms"
            targets = [
                p
                for prep in doc.tokens
                if prep.head == obj.i and prep.lower == "of"
                for p in doc.tokens
                if p.head == prep.i and p.dep == "pobj" and p.is_noun
            ]
        for t in targets:
            key = lookup(t.lower, draft.entities)
            if key and key not in keys:
                keys.append(key)
    return keys


def read_actors(draft: Draft) -> None:
    """Roles and permissions from who does what in each clause (a person subject, a verb that
    changes data, an entity as its object): "dispatchers create jobs" names a role; a permission
    needs the act reserved ("only admins can delete products") or granted to a privileged role
    ("route setters can add and remove routes"). A person is a noun for someone who acts
    ("-er", "-ist", "-ee", ...), or a known role; pronouns and "users" are no role."""
    if not draft.description:
        return
    previous: Analysis | None = None
    docs = list(analyse_units(draft.description))
    for n, doc in enumerate(docs):
        # the clause before a semicolon is of the same sentence: "them" may point into it
        before, previous = (previous if _ends_clause(previous) else None), doc
        # "lifeguards can edit lanes; nobody else can": the act reserved, said after it
        after = docs[n + 1].text if _ends_clause(doc) and n + 1 < len(docs) else ""
        denied = bool(_NOBODY_ELSE.search(f"{doc.text} {after}".lower()))
        for verb in doc.tokens:
            own_subject = any(t.dep == "nsubj" for t in doc.children(verb.i))
            if verb.pos != "VERB" or verb.dep == "conj" and not own_subject:
                continue  # "... and only moderators can delete them": a clause of its own
            subject = subject_of(verb, doc)
            if subject is None or not subject.is_noun or subject.tag not in ("NNS", "NN", "NNPS"):
                continue
            # "guides (and only guides) can create tours": the subject said again, restricted
            again = [t.i for t in doc.conjuncts(subject) if t.lemma == subject.lemma]
            only = denied or any(
                t.lower in _ONLY_WORDS and t.head in (*again, verb.i) for t in doc.tokens
            )
            role = _role_of(subject, doc) or (_reserved_to(subject, doc, draft) if only else "")
            if not role or _owner_of_a_thing(subject, doc, draft):
                continue
            if SIGNED_IN_PEOPLE.search(doc.text.lower()):
                continue  # "only people who are logged in can read comments": sign-in, no role
            verbs = verb_group(verb, doc)
            if any(t.dep == "neg" and t.head in {v.i for v in verbs} for t in doc.tokens):
                continue
            ops = [op for v in verbs for op in verb_operations(v.lemma)]
            targets = _object_keys(verbs, doc, draft, before)
            if not ops or not targets:
                continue
            described = role in draft.entities and bool(draft.entities[role].items)
            ordinary = ROLE_RANKS.get(role, 1) >= 3  # "members book classes"
            if (described or ordinary) and not (only or draft.auth or draft.roles):
                continue  # people the API stores, who need not sign in
            draft.add_role(role, "only")
            writes = [op for op in dict.fromkeys(ops) if op in _WRITES]
            can = any(t.lower in ("can", "may") and t.head == verb.i for t in doc.tokens)
            if writes and not only and _any_row(verbs, doc):
                continue  # "admins can remove any tool": past the owner's say, not reserved
            if writes and (only or can and ROLE_RANKS.get(role, 1) <= 1 and subject.tag != "NN"):
                draft.permissions.append(
                    DraftPermission(roles=[role], actions=writes, targets=targets)
                )
            elif only and not writes and not {t.lower for t in doc.tokens} & _POSSESSIVE:
                # "only agents can see them": reading, reserved ("only see their own": owning)
                reads = [op for op in dict.fromkeys(ops) if op not in _WRITES]
                draft.permissions.append(
                    DraftPermission(roles=[role], actions=reads, targets=targets)
                )
        _read_passive(doc, draft)


def _ends_clause(doc: Analysis | None) -> bool:
    """The unit ends with a semicolon: the next one goes on with the same sentence."""
    return doc is not None and bool(doc.tokens) and doc.tokens[-1].text == ";"


def _read_passive(doc: Analysis, draft: Draft) -> None:
    """ "Songs can be added only by the band leader", "tools may only be removed by the warden":
    an act on an entity reserved to the person after "by"."""
    from pipeline.parse.relations import lookup

    for verb in doc.tokens:
        if verb.pos != "VERB" or verb.dep == "conj":
            continue
        kids = doc.children(verb.i)
        thing = next((t for t in kids if t.dep == "nsubjpass" and t.is_noun), None)
        by = next((t for t in kids if t.dep == "agent"), None)
        person = next((t for t in doc.children(by.i) if t.dep == "pobj"), None) if by else None
        if thing is None or by is None or person is None or not person.is_noun:
            continue
        if not any(
            t.lower in _ONLY_WORDS and t.head in (verb.i, by.i, person.i) for t in doc.tokens
        ):
            continue
        if any(t.dep == "neg" for t in kids):
            continue
        role = _role_of(person, doc) or _reserved_to(person, doc, draft)
        ops = [op for v in verb_group(verb, doc) for op in verb_operations(v.lemma)]
        targets = [k for t in doc.conjuncts(thing) if (k := lookup(t.lower, draft.entities))]
        if role and ops and targets:
            draft.add_role(role, "only")
            actions = list(dict.fromkeys(ops))
            draft.permissions.append(
                DraftPermission(roles=[role], actions=actions, targets=targets)
            )
