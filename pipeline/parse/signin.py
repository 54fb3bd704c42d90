"""Who signs in: the roles that the people logging in, signing up or holding accounts name,
read from each unit's parse. No I/O.

    "Receptionists and vets log in, pet owners don't."  -> receptionist, vet
    "Sellers and bidders need accounts."                  -> seller, bidder
    "Only the treasurer and the pastor log in."           -> treasurer, pastor
    "Parents don't need a login, only the teachers."      -> teacher
    "Login for staff only." / "Staff only."               -> staff
    "Owners sign up themselves."                          -> owner, the role a sign-up gets

A person who signs up (or registers, or creates an account) gets the role a new account gets:
`settle_roles` puts it last, where `ProjectSpec.default_role` takes it from, never first (the
first role is the privileged one).
"""

from __future__ import annotations

import re

from pipeline.parse.draft import Draft
from pipeline.parse.nlp import Analysis, Token, analyse, analyse_units

# Verbs that take a particle to mean signing in or up ("log in", "signs up").
_SIGN_VERBS = frozenset({"log", "logs", "logged", "logging", "sign", "signs", "signed", "signing"})
_SIGN_PARTICLES = frozenset({"in", "on", "up"})
# One word for the same ("teachers also login").
_LOGIN_WORDS = frozenset({"login", "logins", "log-in", "signin", "sign-in", "signup", "sign-up"})
# Nouns that, as what people need, have or make, mean signing in ("sellers need accounts").
_ACCOUNT_NOUNS = frozenset({"account", "accounts", "login", "logins"})
# Verbs before such a noun: to need, have or get one; `_OPENING` ones make a new one (sign-up).
_HAVING = frozenset({"need", "have", "get", "require", "use", "hold"})
_OPENING = frozenset({"create", "register", "open", "make", "sign"})
# Words that end the span of a clause's subject, read leftwards from the sign-in words.
_BOUNDARIES = frozenset(
    "; : . ( ) ! ? but while whereas so then because when if where which who that".split()
)
_NEGATIONS = frozenset({"not", "n't", "no", "never", "dont", "don't", "without", "nobody"})
# Words in the subject span that are no part of a person's name.
_SKIP = frozenset(
    "only also both all each every any the a an our my their his her just too then even".split()
)
# "As a camper, I ...": the role a user story speaks as.
_STORY = re.compile(r"\bas (?:an?|the) (?P<role>[a-z]+(?: [a-z]+)?)\s*,?\s+(?:i|we)\b")
# Pronouns that stand for the label before a colon ("Judges: they log in").
_PRONOUNS = frozenset({"they", "he", "she"})


def _marker(doc: Analysis) -> list[tuple[int, int, bool]]:
    """(start, end, signs up) of each run of sign-in words in the unit."""
    out: list[tuple[int, int, bool]] = []
    toks = doc.tokens
    for t in toks:
        nxt = toks[t.i + 1] if t.i + 1 < len(toks) else None
        if t.lower in _SIGN_VERBS and nxt is not None and nxt.lower in _SIGN_PARTICLES:
            out.append((t.i, t.i + 2, nxt.lower == "up"))
        elif t.lower in _LOGIN_WORDS and t.lower.replace("-", "") not in ("signup",):
            out.append((t.i, t.i + 1, False))
        elif t.lower in ("signup", "sign-up"):
            out.append((t.i, t.i + 1, True))
        elif t.lower in _ACCOUNT_NOUNS:
            verb = _verb_before(t, doc)
            if verb is not None:
                out.append((verb.i, t.i + 1, verb.lemma in _OPENING))
    return out


def _verb_before(noun: Token, doc: Analysis) -> Token | None:
    """The verb that has, needs or makes the account, up to three words before it."""
    for t in reversed(doc.tokens[max(0, noun.i - 4) : noun.i]):
        if t.lemma in _HAVING or t.lemma in _OPENING:
            return t
    return None


def _span_before(start: int, doc: Analysis) -> list[Token]:
    """The words of the clause before `start`: back to a boundary; a comma ends it unless the
    words before it are nouns of the same list ("receptionists, vets and nurses log in")."""
    span: list[Token] = []
    i = start - 1
    while i >= 0:
        t = doc.tokens[i]
        if t.lower in _BOUNDARIES:
            break
        if t.text == ",":
            before = _list_piece(i, doc)
            if not before:
                break
            span = [*before, t, *span]
            i = before[0].i - 1
            continue
        span.insert(0, t)
        i -= 1
    return span


def _list_piece(comma: int, doc: Analysis) -> list[Token]:
    """The nominal words between the comma at `comma` and the comma or boundary before it."""
    piece: list[Token] = []
    for t in reversed(doc.tokens[:comma]):
        if t.text == "," or t.lower in _BOUNDARIES:
            break
        if t.pos not in ("NOUN", "PROPN", "DET", "ADJ", "CCONJ"):
            return []
        piece.insert(0, t)
    return piece if any(t.is_noun for t in piece) else []


def _people(span: list[Token]) -> list[str]:
    """The persons a span names: each piece between "and", "or", "+", "&", "," and "/"; a piece
    ends at its first word that is no noun or adjective ("staff at the gate", "vets can")."""
    from pipeline.parse.access import role_name

    out: list[str] = []
    piece: list[Token] = []
    pieces: list[list[Token]] = []
    for t in [*span, None]:
        if t is None or t.lower in ("and", "or", "+", "&", ",", "/"):
            pieces.append(piece)
            piece = []
        else:
            piece.append(t)
    for words in pieces:
        name: list[str] = []
        for n, t in enumerate(words):
            if t.lower in _SKIP:
                continue
            # "harbour master": a tagger's verb before the noun it names is part of the name
            if t.pos not in ("NOUN", "PROPN", "ADJ") and not _modifier(words, n):
                break
            if t.lower in _NEGATIONS:
                break
            name.append(t.text.lower())
        if name and any(_personal(w) for w in words):
            role = role_name(" ".join(name[-2:]))
            if role and role not in out:
                out.append(role)
    return out


# Words between a subject and its verb ("vets can also log in", "tutors both have").
_BETWEEN = frozenset({"AUX", "ADV", "PART"})
# Last words of a thing, never of a person ("a notes API with login").
_THINGS = frozenset("api app apps system platform backend service website site tool".split())


# A noun for someone who acts ("dispatcher", "technician"), whatever a tagger makes of it.
_AGENTIVE = re.compile(r"(?:er|or|ist|ian|ant|ee)s?$")


def _personal(t: Token) -> bool:
    """A noun, or an agent noun a tagger read as an adjective ("the dispatcher log in")."""
    return t.is_noun or (t.pos == "ADJ" and bool(_AGENTIVE.search(t.lower)))


def _modifier(words: list[Token], n: int) -> bool:
    """ "harbour master": a tagger's plain verb right before a noun is a word of its name."""
    t = words[n]
    return t.tag in ("VB", "VBP") and n + 1 < len(words) and words[n + 1].is_noun


def _subject(span: list[Token]) -> list[Token]:
    """The span when it is the verb's subject: nouns (and their list words) right before the
    sign-in words, modals and adverbs aside; [] for "a notes API with login"."""
    words = list(span)
    while words and (words[-1].pos in _BETWEEN or words[-1].lower in _SKIP):
        words.pop()
    if not words or not _personal(words[-1]) or words[-1].lower in _THINGS:
        return []
    if any(t.pos in ("VERB", "AUX") and not _modifier(words, n) for n, t in enumerate(words)):
        return []
    return words


def _negated(span: list[Token]) -> bool:
    return any(t.lower in _NEGATIONS for t in span)


def _only_after(end: int, doc: Analysis) -> list[Token]:
    """ "... don't need a login, only the teachers and the director": the words after "only"."""
    toks = doc.tokens
    for t in toks[end:]:
        if t.lower in ("only", "just", "except", "but"):
            words = []
            for u in toks[t.i + 1 :]:
                if (
                    u.lower in _BOUNDARIES
                    or u.pos in ("VERB", "AUX", "ADP", "PUNCT")
                    and u.text != ","
                ):
                    break
                words.append(u)
            return words
    return []


def _for_after(end: int, doc: Analysis) -> list[Token]:
    """ "login for staff only": the persons after "for"."""
    toks = doc.tokens
    if end < len(toks) and toks[end].lower == "for":
        words = []
        for u in toks[end + 1 :]:
            if u.lower in _BOUNDARIES or u.pos in ("VERB", "AUX", "ADP", "PUNCT", "ADV"):
                break
            words.append(u)
        after = toks[end + 1 + len(words)] if end + 1 + len(words) < len(toks) else None
        if (after is not None and after.lower == "only") or any(w.tag == "NNS" for w in words):
            return words
    return []


def _alone_only(doc: Analysis) -> list[Token]:
    """ "Staff only." as a whole unit: the persons before "only"."""
    words = [t for t in doc.tokens if t.pos != "PUNCT"]
    if 2 <= len(words) <= 4 and words[-1].lower == "only" and all(w.is_noun for w in words[:-1]):
        return words[:-1]
    return []


def _earlier_subject(before: int, doc: Analysis) -> list[Token]:
    """The person subject nearest before `before` in the unit, with the words of its name."""
    for t in reversed(doc.tokens[:before]):
        if t.dep == "nsubj" and t.is_noun and _AGENTIVE.search(t.lower):
            return [t]
    return []


def signing_roles(doc: Analysis) -> list[tuple[str, bool]]:
    """(role, signs up) for each person a unit says signs in, up, or has an account."""
    found: list[tuple[str, bool]] = []

    def add(words: list[Token], up: bool) -> None:
        for role in _people(words):
            if role not in [r for r, _ in found]:
                found.append((role, up))

    for start, end, up in _marker(doc):
        span = _span_before(start, doc)
        if _negated(span):
            add(_only_after(end, doc), False)
            continue
        story = _STORY.search(doc.text.lower())
        said = [t.lower for t in span if t.lower not in _SKIP and t.pos not in _BETWEEN]
        if story and said and said[-1] in ("i", "we"):
            add(
                list(analyse(story.group("role")).tokens), up
            )  # "As a camper I can create an account"
            continue
        if any(t.lower in _PRONOUNS for t in span) and all(
            t.lower in _PRONOUNS or t.lower in _SKIP or t.lemma in _HAVING or t.pos in _BETWEEN
            for t in span
        ):
            # "Judges: they log in": the label before the colon
            colon = span[0].i - 1 if span else start - 1
            if 0 <= colon < len(doc.tokens) and doc.tokens[colon].text == ":":
                span = _span_before(colon, doc)
            else:  # "the centre operator makes the entries, he needs a login": that subject
                span = _earlier_subject(span[0].i if span else start, doc) or span
        add(_subject(span), up)
        add(_for_after(end, doc), False)
    add(_alone_only(doc), False)
    return found


def read_signing_roles(text: str, draft: Draft) -> None:
    """Add the roles of the people the text says sign in (source "only"), or sign up
    (source "signup": the role a new account gets)."""
    from pipeline.parse.vocab import GENERIC_ACTORS

    for doc in analyse_units(text):
        for role, up in signing_roles(doc):
            if role in GENERIC_ACTORS or role == "user":
                continue
            if up:
                draft.roles = [(r, s) for r, s in draft.roles if r != role]
                draft.add_role(role, "signup")
            else:
                draft.add_role(role, "only")
