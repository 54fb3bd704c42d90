"""Free natural language: sentences -> entities, fields, relations and rules. No I/O.

Each clause is tried against, in order: permission rules ("only admins can create events"),
relation statements ("each order belongs to a customer and has a total"), field statements
("products have a name, a price and a stock count"), and entity lists ("a blog API with posts
and comments", "manage products, orders and customers"). Words no rule used are scanned last for
common domain nouns ("patients", "an invoice").
"""

from __future__ import annotations

import re

from pipeline.naming import plural_word
from pipeline.naming import singular_word as singular
from pipeline.parse.access import parse_permission
from pipeline.parse.adding import add_fields
from pipeline.parse.bracketed import bracket_values, choice_field
from pipeline.parse.decide import ATTRIBUTE_WORDS
from pipeline.parse.domains import APP_FALLBACK, DEFAULT_FIELDS
from pipeline.parse.draft import Draft, DraftRelation
from pipeline.parse.features import find_uploads
from pipeline.parse.fields import parse_field, quantity_said
from pipeline.parse.nlp import analyse, word_usage
from pipeline.parse.phrases import (
    MODAL,
    clean,
    is_plural,
    list_after_clause,
    lists_fields,
    modal_outside_brackets,
    noun_key,
    sentences,
    split_list,
    strip_determiners,
    tokens,
)
from pipeline.parse.regexes import compiled
from pipeline.parse.relations import parse_relation_clause
from pipeline.parse.scope import defined_noun, phrase
from pipeline.parse.transitions import ARROW
from pipeline.parse.vocab import (
    ACTION_VERBS,
    APP_WORDS,
    BOOKING_VERBS,
    CLAUSE_WORDS,
    COLLECTION_NOUNS,
    CREATING_VERBS,
    DECLARING_VERBS,
    DETERMINERS,
    FEATURE_WORDS,
    FILLER_ADJECTIVES,
    JOINING_VERBS,
    ROLE_RANKS,
    SHARING_VERBS,
    STACK_WORDS,
)
from pipeline.spec import RelationKind

_STACK_SENTENCE = re.compile(
    r"^(?:please\s+)?(?:use|using|built with|build it with|written in|tech stack|stack|deploy\w*"
    r"|it should use|it uses|runs? on|make sure|ensure|constraints?)\b"
)
_CLAUSE_BREAK = re.compile(
    r",?\s+(?:where|whereas|while|such that|so that|in which)\s+|;\s*|:\s+"
    r"|,\s+(?:and\s+)?(?=(?:each|every|only|all)\s)"
    r"|,\s+and\s+(?=[a-z]+\s+(?:can|have|has|belong|belongs|are|is|should|must|may)\b)"
    # a comma splice: "users register waterings, a watering have a date and a note"
    r"|,\s+(?=(?:a|an|the)\s+[a-z]+\s+(?:have|has|belongs?|contains?|includes?)\b)"
)
_HAS_VERB = re.compile(
    r"\s+(?:also\s+)?(?P<verb>has|have|should have|must have|will have|needs?|contains?"
    r"|includes?|stores?|consists? of|comes? with|holds?|keeps?|with|carries|carry"
    r"|(?:is|are) described by|(?:is|are) made of)(?=\s+\S)"
)
_SUBJECT = re.compile(r"[a-z][a-z' -]*")
# Verbs of _HAS_VERB that are nouns too: after "a"/"an", or "each" and a singular, the bare one
# is the noun ("a store with", "each store has").
_NOUN_VERBS = frozenset({"store", "hold", "keep", "need"})
_ONE_OF = frozenset({"the", "each", "every", "this", "that", "our", "my", "your", "one"})
_APP = "|".join(sorted(APP_WORDS, key=len, reverse=True))
_APP_LIST = re.compile(
    rf"\b(?:{_APP})\s+(?P<how>(?:that\s+(?:has|handles|manages|stores|tracks)|with|for|including"
    r"|covering|containing|around|about|of))\s+"
)
_VERB_LIST = re.compile(r"\b(?:" + "|".join(re.escape(v) for v in DECLARING_VERBS) + r")\s+")
_START_LIST = re.compile(
    r"^(?:there (?:are|will be|should be)|we (?:have|need)|i (?:need|want|have)"
    r"|(?:entities|resources|models|tables|objects)(?: are)?:?)\s+"
)
_LIST_END = re.compile(
    r"\s+(?:where|so that|using|via|because|in order to|which|who|so|when|if|but)\b|\s+-\s+"
)
_APP_SUBJECTS = APP_WORDS | {"it", "we", "i", "you", "this", "they", "the", "a", "an", "our", "my"}


def read_prose(text: str, draft: Draft) -> None:
    """Read free text (paragraphs, sentence bullets) into the draft."""
    text, composed = _composed(text)
    text = clean_keep_lines(text)
    chars = list(text)
    for start, end in find_uploads(text, draft):
        chars[start:end] = " " * (end - start)
    residual = []
    for sentence in sentences("".join(chars)):
        sentence = clean(sentence).rstrip(".!?")
        sentence = _STATUSES_ARE.sub(_statuses, sentence)  # before "a loan status is one of:"
        if _read_definition(sentence, draft) or _read_labelled(sentence, draft):
            continue
        if m := _FOR_EACH_WE.search(sentence):
            noun = _EVERY_SO_OFTEN.sub("", m.group("noun"))  # "every monthly meeting"
            if (key := noun_key(noun, described=True)) and lists_fields(m.group("list")):
                add_fields(key, m.group("list"), draft)
                sentence = sentence[: m.start()].strip(" ,")
                if not sentence:
                    continue
        if (m := _SIGN_UP_WITH.search(sentence)) and lists_fields(
            said := _ACCOUNT_END.split(m["list"])[0]
        ):
            add_fields("user", said, draft)  # "members sign up with a name and a phone"
            sentence = sentence[: m.start("list")].strip()
        _read_many_of(sentence, draft)
        sentence = _DASH_LABEL.sub(r"\g<noun>: ", sentence)
        sentence = _DASH_LIST.sub(r"\g<noun> (\g<list>)", sentence)
        sentence = _COLON_CHOICES.sub(r"\g<pre>\g<name> (one of \g<list>)", sentence)
        sentence = _COLON_KIND_CHOICES.sub(r"\g<pre>\g<name> (one of \g<list>)", sentence)
        sentence = _read_parenthesised(_app_colon(sentence), draft)
        for clause in _CLAUSE_BREAK.split(sentence):
            residual.append(_read_clause(clause.strip(" ,"), draft))
    _read_composed(composed, draft)
    scan_nouns(" . ".join(residual), draft)
    if not draft.entities and len(tokens(text)) <= 12:
        scan_nouns(clean(text), draft, bare=True)  # "Todo list."


# "for each tree we want the species, the latitude and the height": the tree's fields.
_FOR_EACH_WE = re.compile(
    r"(?:^|\b(?:and|then|so)\s+|,\s*)(?:for|of|on|about)\s+(?:each|every)\s+"
    r"(?P<noun>[a-z]+(?:\s+[a-z]+)?)\s*,?\s+(?:we|i)\s+(?:(?:also|just|only)\s+)?"
    r"(?:want|need|would like|'d like|store|keep|record|track|log|write down|note|save)"
    r"(?:\s+to\s+(?:store|know|keep|record|have|track|see|save|note))?\s*:?\s+(?P<list>.+)$"
)


# "singers sign up with a name, a voice part and a phone number", "labels sign up with an account
# holding their label name and country": what a person's account stores (not "sign up with
# Google", a way to sign in).
_SIGN_UP_WITH = re.compile(
    r"\b(?:sign|signs|signed|signing)[ -]?up\s+(?:with|giving)\s+(?:an?\s+account\s+(?:holding|"
    r"with|that has)\s+)?(?!(?:google|github|facebook|apple|microsoft|an? invite|their google)\b)"
    r"(?P<list>.+)$",
    re.I,
)
# Where what an account holds ends: another list ("...: plate, make"), another act ("and
# register their cars").
_ACCOUNT_END = re.compile(r":|\s+and\s+\w+\s+(?:their|his|her|a|an|the|my|our)\b")
_EVERY_SO_OFTEN = re.compile(r"^(?:daily|weekly|monthly|yearly|annual|nightly)\s+")
# Attributes whose values a label lists: "Quote status: draft, sent, accepted".
_CHOICE_FIELDS = frozenset({"status", "state", "stage", "type", "category", "priority", "level"})


# The arrows of a written flow of states: "draft -> sent -> paid", "open → closed".
_ARROWS = re.compile(r"\s*(?:-+>|=>|→|⟶|>)\s*")


def _read_choice_label(label: str, rest: str, draft: Draft) -> bool:
    """ "Quote status: draft, sent, accepted" -> Quote.status, one of the three."""
    words = tokens(label)
    if len(words) < 2 or words[-1] not in _CHOICE_FIELDS:
        return False
    owner = noun_key(" ".join(words[:-1]))
    choices = split_list(_ARROWS.sub(", ", rest))  # "requested -> accepted -> done": a flow
    if not owner or len(choices) < 2 or any(len(tokens(c)) > 2 for c in choices):
        return False
    draft.entity(owner).items.append(f"{words[-1]} (one of {'|'.join(choices)})")
    return True


_PART = r"(?:(?:a|an|the|one)\s+)?[a-z][a-z-]*(?:\s+[a-z0-9][a-z0-9./-]*){0,2}"
# "a vote is just member + entry", "(a subscription = customer + series + since date)": a
# thing made of other things (and values), each part after a "+".
_COMPOSED = re.compile(
    r"(?:^|(?<=\()|(?<=[,;:.]\s)|(?<=\n))(?:(?:a|an|each|every|one)\s+)?"
    r"(?P<noun>[a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)\s+"
    r"(?:=\s*|is\s+(?:just\s+|simply\s+|only\s+|basically\s+)?|means\s+)"
    rf"(?P<parts>{_PART}(?:\s*\+\s*{_PART})+)(?=\s*(?:[).;,]|$))",
    re.I | re.M,
)


def _composed(text: str) -> tuple[str, list[tuple[str, list[str]]]]:
    """Each "X = a + b + c" of the raw text (before "+" becomes a comma): (X, its parts), and
    the text without them."""
    found: list[tuple[str, list[str]]] = []
    for m in reversed(list(_COMPOSED.finditer(text))):
        noun = m.group("noun").lower()
        if singular(tokens(noun)[-1]) in ATTRIBUTE_WORDS:
            continue  # "the total is price + tax": a formula
        found.append((noun, re.split(r"\s*\+\s*", m.group("parts").lower())))
        text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
    return text, found


def _read_composed(found: list[tuple[str, list[str]]], draft: Draft) -> None:
    """X with its parts as fields, a part naming an entity being a link; a noun that elsewhere
    names a feature ("a subscription = customer + series") is a thing when a part is one."""
    for noun, parts in found:
        key = noun_key(noun, described=True)
        if not key and any(noun_key(p) in draft.entities for p in parts):
            key = "_".join(strip_determiners(tokens(noun)))
            key = key.removesuffix(key.split("_")[-1]) + singular(key.split("_")[-1])
        if key:
            add_fields(key, ", ".join(parts), draft)


# "appointment statuses are scheduled, completed and cancelled": an enum of the entity.
_STATUSES_ARE = re.compile(
    r"^(?:(?:the|a|an|each|every)\s+)?(?P<noun>[a-z]+)\s+"
    r"(?P<what>status|state|stage|type|categor|priorit|level)(?:es|s|ies|y)?\s+"
    r"(?:are|is|can be|include|goes)(?:\s+(?:one of|either|from))?\s*:?\s+"
    r"(?P<list>{w}(?:(?:\s*(?:,|->|→)\s*|\s+to\s+){w})*(?:\s*,?\s+(?:and|or|to)\s+{w})?)$".format(
        w=r"(?!(?:and|or|to)\b)[a-z_]+(?:\s(?!(?:and|or|to)\b)[a-z_]+)?"  # "checked in" is one
    )
)


# "... and a gender: female, male or other": the values of a field named in a list, after a colon.
_COLON_CHOICES = re.compile(
    r"(?P<pre>\b(?:a|an|the|its|their|has|have|with)\s+)(?P<name>[a-z_]+(?:\s+[a-z_]+)?):\s+"
    r"(?P<list>[a-z_-]+(?:\s*,\s*[a-z_-]+)*\s*,?\s+(?:or|and)\s+[a-z_-]+)(?=\s*(?:[.;]|$))"
)


# "each booking has a status: booked, cancelled, attended": a word that names a set of values,
# its values after a colon with no "or" before the last.
_COLON_KIND_CHOICES = re.compile(
    r"(?P<pre>\b(?:a|an|the|its|their|has|have|with)\s+)(?P<name>(?:[a-z_]+\s+)?"
    r"(?:status|state|stage|type|category|priority|level|kind|condition|size))\s*:\s+"
    r"(?P<list>[a-z_-]+(?:\s*[,/]\s*[a-z_-]+)+)(?=\s*(?:[.;]|$))"
)


def _statuses(m: re.Match[str]) -> str:
    what = m.group("what")
    what = {"categor": "category", "priorit": "priority"}.get(what, what)
    choices = [c for c in re.split(r"\s*(?:,|->|→)\s*|\s+(?:and|or|to)\s+", m.group("list")) if c]
    return f"{m.group('noun')}s have a {what} (one of {'|'.join(choices)})"


# "customers - name, address, whether they're on the auto-fill plan (...)": a label and its list,
# said with a dash at the start of the sentence.
_DASH_LABEL = re.compile(r"^(?P<noun>[a-z]+(?:\s+[a-z]+)?)\s+[-–—]\s+(?=[^,:]+,)")
# "owners have many dogs - name, breed, age": the list after the dash describes the noun before.
_DASH_LIST = re.compile(r"\b(?P<noun>[a-z]+)\s+[-–—]\s+(?P<list>[^()\-–—]+,[^()\-–—]+)$")
_APP_COLON = re.compile(
    rf"^(?P<head>[^:]*\b(?:{_APP}|entities|resources|models)\b[^:]*?)\s*(?::|\s-)\s+"
)
_PARENTHESISED = re.compile(
    r"\b(?P<noun>[a-z]+(?:\s+[a-z]+)?)\s*:?\s*\((?P<fields>[^()]*[,|/][^()]*)\)"
)
_LABELLED = re.compile(r"^(?P<label>[a-z][a-z -]{0,48}?)\s*:\s+(?P<rest>[^:]+)$")


# Words before the noun of a label that are no part of its name.
_LEAD_IN = re.compile(
    r"^(?:(?:and|also|then|so|plus)\s+)?(?:there (?:is|are|will be)|we (?:have|need|store|keep)"
    r"|for (?:every|each|the|a|an|all)|(?:every|each|all|the|our))\s+"
    r"|^(?:and|also|then|plus|next|finally|lastly)\s+(?=[a-z]+(?:\s+[a-z]+)?$)"  # "then reservations"
)
# "a catalogue of courses", "a log of repairs": the rows are the things listed
_COLLECTION_OF = re.compile(
    rf"^(?:an?\s+|the\s+)?(?:{'|'.join(sorted(COLLECTION_NOUNS))})\s+of\s+(?=[a-z])"
)


# "bouquets are our products", "a tool is the thing": the noun before "are our ..." is named.
_IS_OUR = re.compile(r"^(?P<noun>[a-z]+(?: [a-z]+)?)\s+(?:are|is)\s+(?:our|the|my|an?)\s+[a-z]+$")


# "vaccinations are separate:", "rooms are simple:": the noun before what is said of it is named.
_ARE_APART = re.compile(
    r"^(?P<noun>[a-z]+(?: [a-z]+)?)\s+(?:are|is)\s+(?:separate|different|simple|easy|their own thing"
    r"|tracked too|important|needed too|next|similar)$"
)


# What a sentence, not a field list, starts with after a label: "a participant is in one team",
# "they log in and score the teams", "the final score of a team is the average".
_SENTENCE_AFTER_LABEL = re.compile(
    r"^(?:(?:a|an|the|each|every|one|this|these)\s+[a-z]+(?:\s+[a-z]+)?\s+(?:is|are|has|have|can"
    r"|gets?|gives?|belongs?|must|should|will)\b|(?:they|it|we|he|she|you)\s+[a-z]+)"
)


def is_label_sentence(rest: str) -> bool:
    """Is what follows "Label:" a sentence about something ("Judges: they log in and score the
    teams"), not the label's fields ("each entry has the gardener, a date, hours (0.5 to 8)")?"""
    return bool(_SENTENCE_AFTER_LABEL.match(rest)) and "(" not in rest and len(split_list(rest)) < 3


_FLOW_LABEL = re.compile(
    r"\b(?:status|state|stage|flow|workflow|lifecycle|life cycle|steps)\W*$", re.I
)


# A sentence after a label that ends with the label's fields in brackets.
_LAST_ASIDE = re.compile(r"\s\((?P<list>[^()]+)\)\s*[.!]?\s*$")


def is_flow(label: str, rest: str) -> bool:
    """ "Status flow: quoted → accepted or rejected": the steps of a status, not a thing."""
    return bool(_FLOW_LABEL.search(label) and ARROW.search(re.sub(r"\([^()]*\)", "", rest)))


def _read_labelled(sentence: str, draft: Draft) -> bool:
    """ "Employee: first name, last name, email (unique)" -> Employee and its fields; a clause
    between the label and the list says what the label is ("Pickups: when a full container is
    emptied: date, tonnes") and is left to the other rules."""
    label, colon, rest = sentence.partition(": ")
    if colon and read_formula(label, rest, draft):
        return True
    if colon:
        sentence = label + colon + list_after_clause(rest)
    m = _LABELLED.match(sentence)
    if not m:
        return False
    label = _LEAD_IN.sub("", m.group("label"))  # "there is cars:", "for every wine:"
    if _read_choice_label(label, m.group("rest"), draft):
        return True
    if is_flow(label, m.group("rest")):
        return False  # "Status flow: quoted → accepted": steps of a status (rules.py), no thing
    aside = _LAST_ASIDE.search(m.group("rest"))
    if (
        aside
        and len(split_list(m.group("rest")[: aside.start()])) < 2
        and len(split_list(aside["list"])) >= 2
        and lists_fields(aside["list"])
        and (key := noun_key(label, described=True))
    ):  # "Petitions: only organisers write them (title, the text, a deadline)"
        add_fields(key, aside["list"], draft)
        return False  # the sentence is read too
    label = _IS_OUR.sub(r"\g<noun>", label)  # "bouquets are our products:"
    label = _ARE_APART.sub(r"\g<noun>", label)  # "vaccinations are separate:"
    label = _COLLECTION_OF.sub("", label)  # "keep a catalogue of courses:"
    label = _without_participle(label)  # "a sold pass:" is a pass
    if modal_outside_brackets(m.group("rest")):
        return False
    target = ""
    if len(tokens(label)) > 2:
        label, target = _label_head(label)
        if not label:
            return False
    said = split_list(m.group("rest"))
    if len(said) < 2 or is_label_sentence(m.group("rest")):
        return False  # "Job board: companies post jobs" is a sentence, not a field list
    if 2 * sum(quantity_said(i) for i in said) >= len(said):
        return True  # "Scale: 18 boats, season April-October, ~900 bookings a year": how big
    label_words = set(tokens(label))
    if label_words & (APP_WORDS | FEATURE_WORDS | STACK_WORDS) or not (
        key := noun_key(label, described=lists_fields(m.group("rest")))
    ):
        return False
    add_fields(key, m.group("rest"), draft)
    if target and (target_key := noun_key(target)) and target_key != key:
        draft.weak_links.append((key, target_key))
    return True


# What a formula's right-hand side has: an operator or a word for one ("sum of payments").
_FORMULA = re.compile(
    r"[×−÷]|\s[x*+]\s|/\s*\d|\b(?:sum|average) of\b|\bsum\s*\("
    r"|\b(?:times|minus|plus|divided by)\s+\w"
)
# "balance per loan", "the current balance of an account": the field, and what it is of.
_FIELD_OF = re.compile(r"^(?P<field>.+?)\s+(?:per|of|for|on)\s+(?P<target>.+)$")


# "a = x + y, b = z": the formulas after the first.
_CHAINED = re.compile(r",\s*(?=(?:[a-z]+\s+){0,3}?[a-z]+\s*=\s)")


def is_formula(label: str, rest: str) -> bool:
    """Is "label: rest" a formula for one value ("total: nights x price")?"""
    words = tokens(_LEAD_IN.sub("", clean(label)))
    if not words or len(words) > 6 or MODAL.search(label + " " + rest) or is_plural(words[-1]):
        return False  # "Sales: the artwork, the price, payout = price x 0.8": a field list
    items = split_list(re.sub(r"\([^()]*\)", "", _CHAINED.split(rest)[0]))
    return any(_FORMULA.search(item) for item in items[:2])  # not "Booking: a, b, c = d x e"


def read_formula(label: str, rest: str, draft: Draft) -> bool:
    """ "Outstanding balance per loan = principal - sum of repayments" (written "label: formula"
    once normalised) names a computed field of something, never a thing of its own: the field
    goes to the entity it is "per"/"of" ("per loan"), or to the entity its first words name
    ("invoice subtotal" -> Invoice.subtotal); where neither is known ("pay = hours x wage") the
    line adds nothing (the rules still read "computed" from it)."""
    if not is_formula(label, rest):
        return False
    label = _LEAD_IN.sub("", clean(label))
    chained = _CHAINED.split(rest)
    field, key = label, None
    if (m := _FIELD_OF.match(label)) and (key := noun_key(m.group("target"))):
        field = m.group("field")
    else:
        words = strip_determiners(tokens(label))
        for n in range(len(words) - 1, 0, -1):
            known = noun_key(" ".join(words[:n]))
            ends = [k for k in draft.entities if known and k.endswith("_" + known)]
            if known and known in draft.entities:
                key, field = known, " ".join(words[n:])
                break
            if len(ends) == 1:  # "line total" of InvoiceLine
                key = ends[0]
                break
    for name in [field] + [c.split("=")[0] for c in chained[1:]]:  # "..., tax = a + b"
        if key and strip_determiners(tokens(name)):
            draft.entity(key).items.append(" ".join(strip_determiners(tokens(name))))
    return True


def _without_participle(label: str) -> str:
    """ "a sold pass", "booked lessons": a label's participle says which state its rows are in,
    not what they are; the noun after it names the thing."""
    doc = analyse(label)
    words = [t for t in doc.tokens if t.pos != "DET"]
    first = words[0] if words else None
    said = first is not None and (
        first.tag in ("VBN", "VBD") or first.tag == "JJ" and first.lower.endswith("ed")
    )
    if len(words) == 2 and said and words[1].is_noun:
        return words[1].text
    return label


def _label_head(label: str) -> tuple[str, str]:
    """A long label read by its grammar: "the harvest of every parcel" -> ("harvest",
    "parcel"), the head noun (with its compounds) and the noun it is of or for; ("", "") where
    the label is no noun of something ("the teacher checks", "parking lot management")."""
    doc = analyse(label)
    root = next((t for t in doc.tokens if t.dep == "ROOT"), None)
    if root is None or not root.is_noun:
        return "", ""
    of = [
        p
        for prep in doc.children(root.i)
        if prep.lower in ("of", "for", "per", "on")
        for p in doc.children(prep.i)
        if p.dep == "pobj" and p.is_noun
    ]
    if not of:
        return "", ""  # "parking lot management: spots, ...": the app's name, its entities
    return phrase(root, doc), of[0].text


# Where a definition may start: "a visit is", "each time slot means" (the tagger decides).
_DEFINITION = re.compile(
    r"(?:^|[,;]\s*|\band\s+)(?:a|an|each|every|one)\s+[a-z()-]+(?:\s+[a-z()-]+){0,2}\s+"
    r"(?:is|means|represents)\b"
)


def _read_definition(sentence: str, draft: Draft) -> bool:
    """ "A visit is one day a dog spends with us: date, drop-off time, notes": the defined noun
    (`scope.defined_noun`) is an entity, and a list after the colon its fields (then the
    sentence is read). Without such a list the noun is still proposed ("each photo is the image
    file plus a caption") and the sentence goes on to the other rules."""
    head, colon, rest = sentence.partition(": ")
    if not _DEFINITION.search(head):
        return False  # the tagger is asked only where a definition may be
    doc = analyse(head)
    noun = defined_noun(doc)
    if noun is None:
        return False
    listed = bool(colon) and len(split_list(rest)) >= 2 and lists_fields(rest)
    key = noun_key(phrase(noun, doc), described=listed) or noun_key(noun.text, described=listed)
    if not key:
        return False
    if listed:
        add_fields(key, rest, draft)
        parse_relation_clause(head, draft)  # "a quote is for a customer: ..." links them too
        return True
    draft.entity(key)
    return False


def _app_colon(sentence: str) -> str:
    """ "A library API: books and authors" reads as "a library API with books and authors";
    "Entities: teams, players" as "entities are teams, players"."""

    def joined(m: re.Match[str]) -> str:
        head = m.group("head")
        if re.search(r"\b(?:has|have|belongs?|contains?)\b", sentence[m.end() :]):
            return m.group(0)  # "a survey tool: surveys have a title": a sentence follows
        if re.search(r"\bto\s+[a-z]+$", head):
            return m.group(0)  # "an app to register: the horses with ...": the verb's objects
        return head + (" are " if re.search(r"(?:entities|resources|models)$", head) else " with ")

    return _APP_COLON.sub(joined, sentence, count=1)


# Verbs that often stand right before a described noun ("shelters list pets (name, age)").
_LISTING_VERBS = frozenset(
    "list sell track manage store keep log record offer rent book add create show publish post "
    "upload register host run organize organise".split()
)


def _named(draft: Draft) -> set[str]:
    """The things a text names: its entities and the words it uses as nouns, singular."""
    usage = word_usage(draft.description) if draft.description else {}
    return set(draft.entities) | {singular(w) for w, tags in usage.items() if "NOUN" in tags}


# A relative clause with a pronoun for its subject between a noun and its list: "tools they own
# (name, description)", "the cakes that we sell (name, price)". The list belongs to the noun.
_CLAUSE_BEFORE_LIST = re.compile(
    r"\b(?P<noun>[a-z]+s)\s+(?P<clause>(?:that\s+|which\s+)?(?:they|we|you|i|he|she|people)"
    r"\s+(?:[a-z]+\s+)?[a-z]+)\s*(?P<list>\([^()]*[,|/][^()]*\))"
)


_COPULAS = frozenset({"is", "are", "was", "were"})


def _read_parenthesised(sentence: str, draft: Draft) -> str:
    """ "members (name, unique email) borrow books": declare Member with its fields, and leave
    "members borrow books" for the other rules."""
    sentence = _CLAUSE_BEFORE_LIST.sub(r"\g<noun> \g<list> \g<clause>", sentence)

    def declare(m: re.Match[str]) -> str:
        words = m.group("noun").split()
        before = sentence[: m.start()]
        if (
            len(words) == 2
            and words[0] in _COPULAS
            and (subject := re.search(r"(?P<s>[a-z]+)\s*$", before))
            and is_plural(subject["s"])
        ):  # "which harps are available (maker, model)": the harps', not "available"'s
            key = noun_key(subject["s"], described=lists_fields(m.group("fields")))
            if key:
                add_fields(key, m.group("fields"), draft)
                return m.group("noun")
        values = None if is_plural(words[-1]) else bracket_values(m.group("fields"))
        has = re.search(r"\b(?:has|have|having)\b|[,:]\s*$", before)
        with_ = re.search(r"\bwith\b(?!.*\bwith\b)(?P<rest>.*)$", before)
        listed = with_ is not None and re.search(r",|\band\b", with_.group("rest"))
        aside = bool(re.search(r",\s*with\b", before))  # "links a user to a team, with a role"
        if (
            values
            and not has
            and not listed  # "with a code, a date and a status (...)": the list reads it
            and (
                found := choice_field(
                    sentence,
                    m.span("noun"),
                    values,
                    named=_named(draft),
                    entities=draft.entities,
                    joined_only=aside,
                )
            )
        ):
            draft.entity(found[0]).items.append(found[1])  # "a lesson uses a board (a, b)"
            return ""
        if not is_plural(words[-1]) and (has or re.search(r"\bwith\b", before)):
            # "members have a membership type (monthly, yearly)", "a type: (a | b)": choices
            return f"{m.group('noun')} ({m.group('fields')})"
        if words[-1].endswith(("ed", "en")) and not is_plural(words[-1]):
            return m.group(0)  # "meals eaten (none, some, all)": a field and its values
        if "," not in m.group("fields"):
            return m.group(0)  # "a scale (poor / good)" with no one to own it
        if re.search(r"[×*=]|\btimes\b|\bminus\b|\bdivided\b", m.group("fields")):
            return m.group(0)  # "calculated by the system (sheets × price + a fee)": a formula
        if all(parse_field(i) is None for i in split_list(m.group("fields"))):
            return m.group(0)  # "a music festival (3 days, ~40k people)": how big, no fields
        if len(words) == 2 and (
            words[0] in CLAUSE_WORDS
            or words[0] in DETERMINERS
            or words[0] in DECLARING_VERBS
            or words[0] in _LISTING_VERBS
            or words[0].endswith("s")
        ):
            words = words[1:]
        key = noun_key(" ".join(words), described=lists_fields(m.group("fields")))
        if not key:
            return m.group(0)
        add_fields(key, m.group("fields"), draft)
        return m.group("noun")

    return _PARENTHESISED.sub(declare, sentence)


def clean_keep_lines(text: str) -> str:
    return "\n".join(clean(line) for line in text.splitlines())


def _read_clause(clause: str, draft: Draft) -> str:
    """Read one clause; returns the words no rule used (for the noun scan)."""
    clause = re.sub(r"^(?:[-*+]|\d+[.)])\s+", "", clause)
    if not clause or _STACK_SENTENCE.match(clause):
        return ""
    if parse_permission(clause, draft):
        return ""
    if _read_linking(clause, draft):
        return ""
    if (m := _IS_AND_HAS.match(clause)) and (key := noun_key(m.group("subj"))):
        add_fields(key, m.group("rest"), draft)  # "a parcel is sent to a locker and has a code"
        clause = f"{m.group('subj')} {m.group('mid')}"
    related = parse_relation_clause(clause, draft)
    if related:
        subject, rest = related
        rest = re.sub(r"^\s*,?\s*(?:and\s+)?(?:also\s+)?", "", rest)
        has = re.match(
            r"^(?:has|have|with|contains?|includes?|records?|notes?|stores?|keeps?)\s+(?P<rest>.+)$",
            rest,
        )
        if has:
            add_fields(subject, has.group("rest"), draft)
        elif rest.strip():
            return _read_clause(rest.strip(), draft)  # "cards belong to columns, columns ..."
        return ""
    if (m := _LISTED_SUBJECTS.match(clause)) and (both := _both_subjects(m["subj"], True)):
        for key in both:  # "threads, replies and reports have a body"
            add_fields(key, m["rest"], draft)
        return ""
    if (found := _has_statement(clause)) and _is_subject(found[0], clause):
        subject, rest = found
        if _is_app_subject(subject, rest):
            _name_app(subject, draft)
            if _verbs(rest) or _APP_LIST.search(rest):
                return _read_lists(rest, draft)  # "I need an API to manage products"
            read_entity_list(rest, draft)
            return ""
        # "each photo has a caption and a url" makes Photo; one thing ("each image has a max
        # size") may be a fact about uploads
        described = len(split_list(rest)) >= 2 and lists_fields(rest)
        if both := _both_subjects(subject, described):  # "shows and episodes have a title"
            for key in both:
                add_fields(key, rest, draft)
            return ""
        key = noun_key(subject, allow_app=True, described=described)
        if key and len(tokens(subject)) <= 4:
            add_fields(key, rest, draft)
            return ""
    if _read_recorded(clause, draft):
        return ""
    _read_joining(clause, draft)
    return _read_lists(clause, draft)


# "a parcel is delivered to a locker and has a tracking code and a pickup code": what it has
# are its fields, whatever comes between.
_IS_AND_HAS = re.compile(
    r"^(?P<subj>(?:a|an|the|each|every)\s+[a-z]+(?:\s+[a-z]+)?)\s+"
    r"(?P<mid>(?:is|are|gets?|goes|go)\s+[^,;()]+?)\s*,?\s+and\s+(?:also\s+)?(?:has|have)\s+"
    r"(?P<rest>.+)$"
)


# "fuel logs record liters, cost and the date", "each reading notes the time and a value": a
# verb of writing down whose objects are, mostly, single things, so fields of the subject (where
# "users track expenses, budgets and goals" lists things in the plural: entities).
_RECORDING = re.compile(
    r"^(?P<subject>[a-z][a-z' -]*)\s+(?:records?|tracks?|logs?|notes?|saves?|lists?|registers?"
    r"|captures?|shows?|gives?|says?|writes? down)\s+(?P<rest>.+)$"
)


def _read_recorded(clause: str, draft: Draft) -> bool:
    m = _RECORDING.match(clause)
    if not m:
        return False
    words = strip_determiners(tokens(m.group("subject")))
    if (
        not words
        or len(words) > 3
        or set(words) & (CLAUSE_WORDS | DETERMINERS | _APP_SUBJECTS)
        or re.match(r"(?:in|on|up|out|off|to|with|for|as|that|when)\b|[-–—&]", m.group("rest"))
        or tokens(m.group("rest"))[-1:] in (["api"], ["backend"], ["app"])
    ):
        return False  # "every day the teacher records ...", "salespeople log in and ...", a
        # title ("go-kart track - booking & lap times API")
    roles = {r for r, _ in draft.roles} | set(draft.role_candidates) | set(ROLE_RANKS)
    if singular(words[-1]) in roles:
        return False  # "drivers register their vehicles": people, not a record
    items = split_list(m.group("rest"))
    heads = [strip_determiners(tokens(re.split(r"\s+(?:of|in|per|with)\s+", i)[0])) for i in items]
    single = [h for h in heads if h and not is_plural(h[-1])]
    if len(items) < 2 or 2 * len(single) <= len(items) or not lists_fields(m.group("rest")):
        return False
    key = noun_key(" ".join(words), described=True)
    if not key:
        return False
    add_fields(key, m.group("rest"), draft)
    return True


# "a membership links a user to a team, with a role and a joined date", "a project links a
# client and a freelancer and has a status": the subject belongs to both, the rest are its fields.
_LINKING = re.compile(
    r"^(?P<subj>(?:a|an|each|every|the)\s+[a-z]+(?:\s+[a-z]+)?)\s+(?:links?|connects?|pairs?|ties?)"
    r"\s+(?:a|an|one|the)\s+(?P<a>[a-z]+(?:\s+[a-z]+)?)\s+(?:to|with|and)\s+(?:a|an|one|the)\s+"
    r"(?P<b>[a-z]+)(?P<rest>.*)$"
)


# "a photo can be in many albums", "a piece goes through several firings", "a piece can be
# played at many concerts": one of the first is in many of the second (many-to-many).
_MANY_OF = re.compile(
    r"(?:^|,\s*|\(\s*|\band\s+|\bbut\s+|\bso\s+)(?:a|an|each|every|one|the same)\s+"
    r"(?P<a>[a-z]+(?:\s+(?!can\b|may\b|could\b|be\b|is\b|are\b|goes\b|go\b|gets?\b|appears?\b)"
    r"[a-z]+)?)\s+(?:can\s+|may\s+|could\s+)?(?:be|is|are|appears?|goes|go"
    r"|gets?)\s+(?:[a-z]+ed\s+)?(?:in|at|on|to|through|into|of|part of|used in|added to)\s+"
    r"(?:many|several|multiple|more than one|various|different)\s+(?P<b>[a-z]+s)\b"
)


def _read_many_of(clause: str, draft: Draft) -> None:
    for m in _MANY_OF.finditer(clause):
        a, b = noun_key(m.group("a")), noun_key(m.group("b"))
        if a and b and a != b:
            draft.many_both.append((a, b))


def _read_linking(clause: str, draft: Draft) -> bool:
    m = _LINKING.match(clause)
    if not m:
        return False
    keys = [noun_key(m.group(g)) for g in ("subj", "a", "b")]
    subject, a, b = keys
    if not (subject and a and b) or len({subject, a, b}) < 3:
        return False
    for target in (a, b):
        draft.entity(target)
        draft.relations.append(
            DraftRelation(kind=RelationKind.MANY_TO_ONE, source=subject, target=target)
        )
    draft.entity(subject)
    rest = re.sub(r"^\s*,?\s*(?:and\s+)?(?:also\s+)?", "", m.group("rest"))
    if has := re.match(r"^(?:has|have|with|holds?|records?|stores?)\s+(?P<rest>.+)$", rest):
        add_fields(subject, has.group("rest"), draft)
    return True


def _has_statement(clause: str) -> tuple[str, str] | None:
    """(subject, rest) of "<subject> has / with / stores <rest>", at the first word that can be
    its verb: a singular subject takes "stores", so in "an online store with products" the
    verb is "with" and the subject "an online store" (not "an online" that stores things), and
    in "each store has a name" the subject is "each store"."""
    for m in _HAS_VERB.finditer(clause):
        subject = clause[: m.start()]
        if not _SUBJECT.fullmatch(subject):
            return None
        words = tokens(subject)
        if (
            m.group("verb") in _NOUN_VERBS
            and (words[0] in ("a", "an") or words[0] in _ONE_OF and not is_plural(words[-1]))
            and not set(words) & CLAUSE_WORDS
        ):
            continue  # "an online store with", "each store has": the noun, not the verb
        return subject, clause[m.end() :].strip()
    return None


# "threads, replies and reports have a body": three or more things, one verb of having.
_LISTED_SUBJECTS = re.compile(
    r"^(?P<subj>[a-z]+(?:\s*,\s*[a-z]+)+\s*,?\s+(?:and|&)\s+[a-z]+)\s+(?:all\s+|both\s+)?"
    r"(?:has|have)\s+(?P<rest>.+)$"
)


def _both_subjects(subject: str, described: bool) -> list[str]:
    """ "Shows and episodes have a title", "posts, comments and pages have a body": each thing
    of a plural subject list has what the clause lists; [] unless every part is a thing."""
    parts = split_list(subject)
    if len(parts) < 2 or any(len(tokens(p)) > 2 for p in parts):
        return []
    keys = [noun_key(p, described=described) for p in parts]
    if not all(keys) or not all(is_plural(tokens(p)[-1]) for p in parts):
        return []
    return [k for k in keys if k]


def _is_subject(subject: str, clause: str) -> bool:
    """ "patients book appointments with doctors" has a verb inside, not a subject."""
    words = strip_determiners(tokens(subject))
    if any(w in DECLARING_VERBS for w in words[:-1]):
        return False  # "patients book appointments with ...", "track expenses with ..."
    return not re.match(r"^[a-z' -]+?\s+with\s", clause) or len(words) <= 2


def _is_app_subject(subject: str, rest: str) -> bool:
    """Is the subject the thing being built ("the API", "a CRM backend", "the library"), whose
    "has"/"with" list names entities, rather than an entity whose list names fields?"""
    words = tokens(subject)
    nouns = [w for w in words if w not in ("the", "a", "an", "our", "my", "this", "each", "every")]
    if not nouns or all(w in _APP_SUBJECTS for w in nouns):
        # "an application has a cover letter": an entity named like an app word
        return not (nouns == ["application"] and words[0] in ("a", "an", "each", "every"))
    if nouns[-1] in APP_WORDS:
        return True  # "a CRM backend with contacts"
    if nouns[-1] in APP_FALLBACK:
        if _names_fields(words, rest):
            return False  # "each store has a name and an address"
        # "the library has books and members", "an online store with products", "a pet shop
        # with pets"
        if len(nouns) == 1 or words[0] in ("a", "an"):
            return True
    return (
        len(words) == 2
        and words[0] == "the"
        and not is_plural(words[1])
        and words[1] not in DEFAULT_FIELDS
        and not _singular_fields(rest)  # "the repair have date, description of work"
    )


def _singular_fields(rest: str) -> bool:
    """Does a "has" list name fields in the singular ("date, price of parts and notes"), not
    things in the plural ("levels (a number) and spots")?"""
    rest = re.sub(r"\([^()]*\)", "", rest)
    items = split_list(rest)
    heads = [tokens(re.split(r"\s+of\s+", item)[0]) for item in items]
    return (
        len(items) >= 2
        and lists_fields(rest)
        and all(words and not is_plural(words[-1]) for words in heads)
    )


_ITEM_NOUN_END = re.compile(r"\s*[(:]|\s+(?:with|having|that have|that has|which have)\s")


def _names_fields(subject: list[str], rest: str) -> bool:
    """ "Each store has a name and an address": one of many stores, and what it has are its
    fields; so are two or more things in the singular after "the store has". An app's list
    names entities, in the plural ("the store has products (name, price) and orders"), and "a
    store with ..." or "the shop has a catalogue" is the app."""
    if subject[0] in ("each", "every"):
        return True
    if subject[0] in ("a", "an"):
        return False
    nouns = [tokens(_ITEM_NOUN_END.split(item)[0]) for item in split_list(rest, entities=True)]
    return len(nouns) >= 2 and all(words and not is_plural(words[-1]) for words in nouns)


def _name_app(subject: str, draft: Draft) -> None:
    """ "An online store with products" names no API word; the subject ("online store") names
    the project, as "an online store API" would."""
    words = [w for w in tokens(subject) if w not in DETERMINERS and w not in FILLER_ADJECTIVES]
    if not draft.app_words and words and words[-1] in APP_FALLBACK:
        draft.app_words = words[-3:]


def _read_lists(clause: str, draft: Draft) -> str:
    """Entity lists after "an API with", "manage", "there are"; returns the unread words."""
    triggers = sorted(
        [(m.start(), m.end(), m.groupdict().get("how") or "") for m in _APP_LIST.finditer(clause)]
        + [(m.start(), m.end(), "") for m in _verbs(clause)]
        + [(m.start(), m.end(), "") for m in _START_LIST.finditer(clause)]
    )
    if not triggers:
        return clause
    first, verb_end, _ = triggers[0]
    verb = clause[first:verb_end].strip()
    actor = _actor(clause[:first]) if verb in SHARING_VERBS | CREATING_VERBS else None
    pairs = draft.shared if verb in SHARING_VERBS else draft.made
    for i, (_, end, how) in enumerate(triggers):
        # a list runs to the next trigger: "an API to manage products" lists after "manage"
        text = clause[end : triggers[i + 1][0]] if i + 1 < len(triggers) else clause[end:]
        if i + 1 < len(triggers) and triggers[i + 1][0] < end:
            continue
        if stop := _LIST_END.search(text):
            text = text[: stop.start()]
        text = _TRAILING_AND.sub("", text)  # "write posts and leave comments": "posts"
        keys = read_entity_list(
            text, draft, app_for=how in ("for", "of", "about"), booked=verb in BOOKING_VERBS
        )
        if actor and i == 0:
            pairs += [(actor, key) for key in keys if key != actor]
    return clause[:first]


_TRAILING_AND = re.compile(r"(?:,|\s+and|\s+or|\s+&)\s*$")
_LISTED_BEFORE = re.compile(r"(?:^|,|\b(?:and|or|with|including)|&)\s*$")
_LISTED_AFTER = re.compile(r"\s*(?:$|[,(:]|(?:and|or|with)\b)")
_AFTER_VERB = re.compile(r"\b(?:" + "|".join(re.escape(v) for v in DECLARING_VERBS) + r")\s+$")


def _verbs(clause: str) -> list[re.Match[str]]:
    """The declaring verbs of a clause, less words that are nouns there ("with stores and")."""
    return [m for m in _VERB_LIST.finditer(clause) if not _is_listed_noun(clause, m)]


def _is_listed_noun(clause: str, verb: re.Match[str]) -> bool:
    """Is a declaring verb's word a plural noun in a list: "a store API with stores and
    products", "manage stores, products and orders"? Only a word in the plural that a list puts
    there (after "with", a comma, "and", another verb or nothing) and that no object follows
    ("and stores orders" is the verb)."""
    word = verb.group(0).strip()
    if not word.endswith("s") or not is_plural(word):
        return False
    before = clause[: verb.start()]
    if not _LISTED_BEFORE.search(before) and not _AFTER_VERB.search(before):
        return False
    return bool(_LISTED_AFTER.match(clause, verb.end()))


_MODAL_END = re.compile(
    r"(?:\s+(?:can|may|could|will|would|should|must|also|(?:are|is|be) able to|get to|want to))+$"
)


def _actor(before: str) -> str | None:
    """Who shares or makes what a verb lists: "members" in "members (can) book classes",
    "authors" in "authors write posts"."""
    return noun_key(_MODAL_END.sub("", before.strip()))


_JOINING = re.compile(r"\b(?:" + "|".join(re.escape(v) for v in JOINING_VERBS) + r")\s+")


def _read_joining(clause: str, draft: Draft) -> None:
    """ "students enroll in courses", "members attend events and workshops": each subject links
    to many of the things and each thing to many subjects. Only plural things ("users subscribe
    to a plan" is one plan each); the words stay for the other rules, which decide what is an
    entity, so a pair only links two entities."""
    m = _JOINING.search(clause)
    if not m or not (actor := _actor(clause[: m.start()])):
        return
    text = clause[m.end() :]
    if stop := _LIST_END.search(text):
        text = text[: stop.start()]
    if verb := _VERB_LIST.search(text):
        text = re.sub(r"(?:,|\s+and|\s+or)\s*$", "", text[: verb.start()])  # "... and book rooms"
    for item in split_list(text):
        words = tokens(item)
        if words and is_plural(words[-1]) and (key := noun_key(item)) and key != actor:
            draft.shared.append((actor, key))


_ACTION_WORDS = "|".join(sorted(ACTION_VERBS, key=len, reverse=True))
_ITEM_PAREN = re.compile(r"^(?P<noun>[^()]+?)\s*\((?P<fields>.*)\)\s*$")
_ITEM_WITH = re.compile(
    r"^(?P<noun>.+?)\s+(?:with|having|that have|that has|which have|containing|including)\s+"
    r"(?P<fields>.+)$"
)
_ITEM_COLON = re.compile(r"^(?P<noun>[^:]+):\s*(?P<fields>.+)$")
_ITEM_LINK = re.compile(
    r"^(?P<noun>.+?)\s+(?:on|of|for|in|under|within|belonging to|attached to|linked to|about|per"
    r"|from|by)"
    r"\s+(?P<target>.+)$"
)


def read_entity_list(
    text: str, draft: Draft, *, app_for: bool = False, booked: bool = False
) -> list[str]:
    """ "posts (title, body), comments on posts and tags" -> entities, fields, links; returns
    the keys of the entities listed. `booked`: the list follows a booking verb."""
    keys: list[str] = []
    for item in split_list(text, entities=True):
        words = set(tokens(item))
        if words & FEATURE_WORDS or words <= STACK_WORDS | APP_WORDS:
            continue
        if key := read_entity_item(item, draft, app_for=app_for, booked=booked):
            their = re.match(r"(?:and\s+)?their\s+(?P<noun>[a-z]+)\b", item)
            if keys and their and is_plural(their.group("noun")) and key != keys[-1]:
                draft.weak_links.append((key, keys[-1]))  # "customers, their dogs": the dogs'
            keys.append(key)
    return keys


def read_entity_item(
    item: str,
    draft: Draft,
    *,
    app_for: bool = False,
    described: bool = False,
    booked: bool = False,
) -> str | None:
    """One entity item; returns its key, or None when the item names no entity. `described`:
    fields follow the item elsewhere (bullets below it); `booked`: a booking verb lists it."""
    item = re.sub(r"^(?:(?:" + _ACTION_WORDS + r")\s+)+", "", item)
    noun, fields, target = item, "", ""
    with_whom: list[str] = []
    for pattern in (_ITEM_PAREN, _ITEM_WITH, _ITEM_COLON):
        if m := pattern.match(item):
            noun, fields = m.group("noun"), m.group("fields")
            if booked and pattern is _ITEM_WITH and (with_whom := _booked_with(fields, draft)):
                fields = ""  # "sessions with trainers": whom a session is with, no field
            break
    if m := _ITEM_LINK.match(noun):
        noun, target = m.group("noun"), m.group("target")
    words = tokens(noun)
    if not words or words[0] == "per":
        return None  # "per member per session": what a thing is counted by, no thing listed
    if app_for and words[0] in ("a", "an", "the", "my", "our", "your"):
        if fields:
            read_entity_list(fields, draft)  # "an API for a library with books and authors"
        return None
    if words[0] in ("a", "an", "the") and not is_plural(words[-1]) or words[-1] in APP_FALLBACK:
        if fields and (app_for or words[-1] in APP_FALLBACK):
            read_entity_list(fields, draft)  # "an API for a library with books and authors"
        if words[-1] not in DEFAULT_FIELDS:
            return None  # "manage the catalogue", "an API for a library": not an entity
    if words[-1].endswith("ed") and words[-1] not in DEFAULT_FIELDS:
        return None  # "stored in SQLite"
    key = noun_key(noun, described=described or (bool(fields) and lists_fields(fields)))
    if not key:
        return None
    draft.entity(key)
    if fields:
        add_fields(key, fields, draft)
    if target and (target_key := noun_key(target)):
        draft.weak_links.append((key, target_key))
    for whom in with_whom:  # a link item, resolved with the fields once all entities are known
        if whom != key:
            draft.entity(whom)
            draft.entity(key).items.append(f"belongs to {whom.replace('_', ' ')}")
    return key


_AGENT = re.compile(r"(?:er|or|ist|ian|ant|ent)$")


def _booked_with(text: str, draft: Draft) -> list[str]:
    """ "trainers" in "members book sessions with trainers": the keys of the people (or known
    entities) a booked thing is with, one to a booking (Session.trainer); [] where the words
    after "with" are anything else ("rooms with a sea view", "books with due dates")."""
    keys = []
    for item in split_list(text):
        words = tokens(item)
        if not words or words[0] in DETERMINERS or not is_plural(words[-1]):
            return []
        key = noun_key(item)
        if not key or not (
            key in draft.entities
            or key in DEFAULT_FIELDS
            or key in ROLE_RANKS
            or _AGENT.search(key)
        ):
            return []
        keys.append(key)
    return keys


_AFTER_NOUN = frozenset(
    "and or with which that has have is are belongs belong can should must will to of for in on "
    "at by from".split()
)


def scan_nouns(text: str, draft: Draft, *, bare: bool = False) -> None:
    """Common domain nouns left in unread words: "patients", "an invoice" (not "a project name",
    not the verb in "a patient books a room"). `bare` also takes a singular with no article, for
    texts as short as "Todo list."."""
    roles = {r for r, _ in draft.roles} | set(draft.role_candidates)
    article = r"\b(?:a|an|each|every|per|one|the)\s+"
    for key in DEFAULT_FIELDS:
        if key == "user" or key in roles or key in draft.entities:
            continue
        words = key.split("_")
        one = r"\s+".join(words)
        many = r"\s+".join([*words[:-1], plural_word(words[-1])])
        for m in compiled(rf"\b{many}\b").finditer(text):
            if not re.search(r"\b(?:a|an|the|each|every)\s+[a-z]+\s+$", text[: m.start()]):
                draft.entity(key)
                break
        else:
            single = rf"(?:{article})?\b{one}\b" if bare else rf"{article}{one}\b"
            for m in compiled(single).finditer(text):
                following = re.match(r"\s+([a-z]+)", text[m.end() :])
                if not bare and following and following.group(1) not in _AFTER_NOUN:
                    continue
                if not text[: m.start()].endswith("in "):
                    draft.entity(key)
                    break
