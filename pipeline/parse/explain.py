"""The sentence account: what each unit of a request became in the spec, or why nothing. No I/O.

    account(units, spec, found=rule_facts)  -> [SentenceAccount("Orders have a total", used,
                                                 ["entity Order", "field Order.total (decimal)"])]
    questions(accounts, spec, notes)        -> ["“we also want a loyalty thing” was not
                                                 understood: what should it add?"]

A unit is "used" for what the spec holds FROM it: the entities and roles it is the first to
name, the fields it names of an entity it or its heading names, a relation whose two ends it
names, the endpoints a plain verb asks of an entity ("admins edit products"), a permission, a
rule, the auth, a feature or the database. A later unit that only names an entity again gave
nothing: it is "not_understood" and says what it named. "not_built" when it states a rule
codebegen recognises but cannot build (`unbuilt.py`: "until the day before", "at most 3 per
member"); "not_supported" when it asks for something codebegen does not build (GraphQL, e-mails,
payments, ...) or the text leaves it out; "context" when it is a greeting, background or the
stack; otherwise "not_understood". Units that name nothing the spec holds and were not understood
become questions, as do entities the parser only guessed; a unit that names things the spec
holds and gave nothing stays a listed row (in the issue's table and the PR's "Not built").
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.naming import pascal, plural_word, singular_word, snake
from pipeline.parse.access import verb_operations
from pipeline.parse.account import SentenceAccount, SentenceStatus
from pipeline.parse.decide import ACTOR_WORDS as _ACTOR_WORDS
from pipeline.parse.decide import ATTRIBUTE_WORDS
from pipeline.parse.domains import DEFAULT_FIELDS
from pipeline.parse.mentions import Names, roles_in
from pipeline.parse.nlp import Analysis, Token, analyse, analyse_many
from pipeline.parse.scope import left_out, phrase
from pipeline.parse.titled import is_title_line
from pipeline.parse.transitions import arrow_steps
from pipeline.parse.unbuilt import stated_rule, unbuilt_rules
from pipeline.parse.units import Unit
from pipeline.parse.vocab import GENERIC_ACTORS as _GENERIC_ACTORS
from pipeline.spec import FieldType, Operation, ProjectSpec, RelationKind, RuleKind

_NOT_SUPPORTED = [
    (re.compile(p), what)
    for p, what in (
        (r"\bgraphql\b", "GraphQL"),
        (r"\bwebsockets?\b|\breal[- ]?time\b|\blive updates?\b", "real-time updates"),
        (
            r"\b(?:send|sends|sent|email|e-mail)\w*\b.*\b(?:emails?|e-mails?|notifications?|reminders?)\b"
            r"|\bnotif(?:y|ies|ied|ications?)\b|\bsms\b|\bpush notifications?\b"
            r"|\b(?:receive|get|gets|mailed|texted)\b.*\bby (?:e-?mail|sms|text)\b"
            # "please email the librarian", "remind each member", "and text the owner": the verb
            # at a clause's start (not "the email the author gave")
            r"|(?:^|[.;,!]\s*|\b(?:please|to|should|must|will|then|and|also|we|i)\s+)"
            r"(?:e-?mail|remind|alert|ping|text|sms|message)\s+(?:the|a|an|our|their|his|her|him"
            r"|them|me|us|each|every|all)\b",
            "notifications",
        ),
        (
            r"\bstripe\b|\bpaypal\b|\bpayment (?:gateway|provider|processing)\b|\bcharge (?:the )?card",
            "payment processing",
        ),
        (
            r"\bfront[- ]?end\b|\breact\b|\bvue\b|\bmobile app\b|\bui\b|\bdashboard\b",
            "a user interface",
        ),
        (r"\bcsv\b|\bexcel\b|\bexport\b|\bpdf report", "exports and reports"),
        (
            r"\bcron\b|\bevery (?:night|day|hour|morning|week)\b|\bscheduled jobs?\b",
            "scheduled jobs",
        ),
        (r"\bsearch engine\b|\belasticsearch\b|\bfull[- ]text search\b", "full-text search"),
        (
            r"\boauth\b|\bgoogle login\b|\bsso\b"
            r"|\bsign in with (?!e-?mail|their|your|an? |username|password|phone)",
            "third-party sign-in",
        ),
        (r"\brate[- ]limit\w*\b|\bthrottl\w*", "rate limiting"),
        (r"\bcach(?:e|ing)\b|\bredis\b", "caching"),
        (
            r"\bi18n\b|\bmulti[- ]?(?:language|lingual)\b|\btranslated (?:into|to)\b"
            r"|\bin (?:several|many|multiple|two|three|\d+) languages\b",
            "translations",
        ),
        (r"\bmap\b|\bgeolocation\b|\bgps\b|\bdistance\b", "maps and distances"),
        (r"\banalytics\b|\bcharts?\b|\bgraphs?\b|\bstatistics\b", "analytics"),
    )
]
_STACK = re.compile(
    r"\b(?:fastapi|python|django|flask|postgres(?:ql)?|sqlite|mysql|docker\w*|kubernetes|k8s|heroku"
    r"|aws|deploy\w*|pytest|tests?|tested|lint\w*|ruff|black|ci|github actions|swagger|openapi"
    r"|rest(?:ful)?|json|api docs?)\b"
)
_AUTH = re.compile(
    r"\b(?:jwt|log ?in|login|logs? in|sign(?:s|ed)? (?:up|in)|register\w*|auth\w*|passwords?"
    r"|accounts?|tokens?)\b"
)
_DB = re.compile(r"\b(?:postgres(?:ql)?|sqlite)\b")
_HEADER_ROW = re.compile(
    r"(?:\s*\|?\s*(?:entity|entities|resource|model|table|name|field|fields|attributes?|type|rules?"
    r"|object|objects|properties|what|details|who manages it|who|access|permissions"
    r"|required|optional|notes?|description|constraints?|relations?|relationships?|unique"
    r"|default|example|comment|columns?|details?)\s*)+"
)
_APP_NAMED = re.compile(r"\b(?:api|app|application|backend|back-end|service|platform|system)\b")
_ABOUT_US = re.compile(
    r"^(?:we are|we're|we run|we have|i am|i'm|i run|i own|our company|this is|my name)\b.{0,60}$"
)
_EXCLUDED = re.compile(
    r"\b(?:not in scope|out of scope|not needed|no need|(?:do|does|will) not need|don't need"
    r"|dont need|not doing|won't|wont|not now|for now|later|skip|without|don't want|do not want"
    r"|not by us|handled by|would be (?:great|nice|cool)|nice to have|don't build|do not build"
    r"|leave (?:that|it|this) to)\b"
    r"|^no\b|\bno \w+(?:,| and| or)"
)
_CONFIG_LABEL = re.compile(
    r"^\s*(?:domain|tech stack|stack|technologies|technology|constraints|database|db|auth"
    r"|authentication|project name|api name|api title|deadline|budget|language|framework)\s*:"
)
_GREETING = re.compile(
    r"^(?:hi|hello|hey|thanks|thank you|cheers|regards|best|please|ok|okay|dear|greetings)\b"
)
# Nouns that say what kind of app this is, or pad a sentence: never a question on their own.
_PADDING = frozenset("""
    app application api backend service system platform website site project thing stuff way lot
    time bit idea business company team startup client we need something kind sort people everything
    anything feature features part end day week month year help question thanks example version
    code endpoint endpoints crud data database server tool solution product mvp prototype core
    detail details note notes
    """.split())


def _relation_label(kind: RelationKind, source: str, target: str) -> str:
    arrow = "<->" if kind is RelationKind.MANY_TO_MANY else "->"
    return f"relation {source} {arrow} {target}"


def _became(unit: Unit, spec: ProjectSpec, names: Names, found: list[str]) -> list[str]:
    """What the spec holds from `unit`, but the entities and roles it names (`account` credits
    each of those to one unit): the fields of the entities it or its heading names that it
    names, the links between two of them, the endpoints it asks of an entity, the permissions,
    the auth, the features and the rules read from it (`found`)."""
    named = names.entities(unit.text)
    context = [
        e for e in names.entities(unit.heading) + names.entities(unit.parent) if e not in named
    ]
    out: list[str] = []
    for e in named + context:
        entity = spec.entity(e)
        said = names.fields(e, unit.text)
        own = set(names.entity_words.get(e, []))
        for fname in said:
            if set(names.field_words[e].get(fname, [])) <= own:
                continue  # "request a packet" names the packet, not its field "packets"
            f = entity.field(fname)
            if f is not None:
                out.append(f"field {e}.{f.name} ({f.type.value})")
            for r in spec.relations_from(e):  # "- patient" under "Appointments:"
                if r.name == fname and r.target != e and fname != snake(e):
                    out.append(f"{_relation_label(r.kind, r.source, r.target)} ({r.name})")
    both = set(named + context)
    for r in spec.relations:
        if r.source in both and r.target in both and r.source != r.target:
            label = _relation_label(r.kind, r.source, r.target)
            if (r.source in named or r.target in named) and not any(
                o.startswith(f"{label} (") for o in out
            ):
                out.append(label)
    roles = roles_in(unit.text, spec.roles)
    for p in spec.permissions:
        if p.entity in named and set(p.roles) & set(roles):
            actions = ", ".join(a.value for a in p.actions if isinstance(a, Operation))
            out.append(f"permission only {' or '.join(p.roles)}: {actions} {p.entity}")
    out += _operations(unit, spec, names)
    low = unit.text.lower()
    if _AUTH.search(low):
        out.append(f"auth {spec.auth.value}")
    if spec.features.filtering and re.search(r"\bfilter", low):
        out.append("feature filtering")
    if re.search(r"\bpaginat|\bpages?\b.*\blist", low):
        out.append(f"feature pagination {'on' if spec.features.pagination else 'off'}")
    for u in spec.features.uploads:
        if u.entity in named + context and re.search(
            r"\bupload|\bfiles?\b|\bphotos?\b|\bimages?\b", low
        ):
            out.append(f"upload {u.entity}.{u.field}")
    if (m := _DB.search(low)) and spec.database.value in m.group(0):
        out.append(f"database {spec.database.value}")
    out += found
    return list(dict.fromkeys(out))


# Words that say how two things are linked ("an order has lines", "each line belongs to an
# order", "many tags per post"): a sentence with one states the link again, one without
# ("members can cancel a slot") only names its two ends.
_LINK_CUE = re.compile(
    r"\b(?:has|have|having|belongs?|belonging|of|per|each|every|many|several|multiple|one or more"
    r"|linked|links?|assigned|contains?|includes?|consists?|part|between|own|owns|owned|under"
    r"|in|by|for|with)\b|<->|->"
)


def _credit(
    items: list[list[str]],
    named: list[list[str]],
    texts: list[str],
    spec: ProjectSpec,
    told: set[str],
) -> None:
    """Add "entity X" to the unit that brings X in, the first that names it (a title such as
    "Online courses" too), and "role R" to the first unit naming R, unless a permission there
    says it. A later unit that names them again made nothing of them. A link is credited where
    it is first said and where a later unit says it again in words of a link (`_LINK_CUE`).
    Entities and roles in `told` existed before the text (a refinement's spec)."""
    seen: set[str] = set()
    for n, unit_items in enumerate(items):  # a link: where it is first said, or said again
        links = [i for i in unit_items if i.startswith("relation ")]
        again = [i for i in links if i in seen and not _LINK_CUE.search(texts[n].lower())]
        items[n] = [i for i in unit_items if i not in again]
        seen.update(links)
    for e in (e.name for e in spec.entities if e.name not in told):
        first = next((n for n, words in enumerate(named) if e in words), None)
        if first is not None:
            items[first].insert(0, f"entity {e}")
    for role in (r for r in spec.roles if r not in told):
        first = next((n for n, words in enumerate(named) if role in words), None)
        if first is not None and not any(x.startswith("permission") for x in items[first]):
            items[first].append(f"role {role}")


# Verbs that ask for an endpoint as it is, and no more: "users can edit posts" is served by
# PATCH /posts/{id}. Verbs with more meaning ("book", "cancel", "approve") are left to the
# readers of links and rules.
_PLAIN_VERBS: dict[str, list[Operation]] = {
    **{v: [Operation.CREATE] for v in "create add post submit write upload".split()},
    **{v: [Operation.UPDATE] for v in "edit update modify change rename".split()},
    **{v: [Operation.DELETE] for v in "delete remove".split()},
    **{v: [Operation.READ, Operation.LIST] for v in "view see read browse get look".split()},
    **{v: [Operation.LIST] for v in ("list", "search")},
    **{v: list(Operation) for v in "manage crud".split()},
}


def _operations(unit: Unit, spec: ProjectSpec, names: Names) -> list[str]:
    """The endpoints a unit asks of an entity with a plain verb ("customers can view and edit
    their profile", "admins manage products"): "operations update Product", when the entity
    serves them."""
    doc = analyse(unit.text)
    out: list[str] = []
    for verb in doc.tokens:
        ops = _PLAIN_VERBS.get(verb.lemma)
        if verb.pos != "VERB" or not ops or _denied(doc, verb):
            continue
        for obj in _objects(doc, verb):
            for e in names.entities(obj.text) or names.entities(obj.lemma):
                served = [o.value for o in ops if o in spec.entity(e).operations]
                if served:
                    out.append(f"operations {', '.join(served)} {e}")
    return out


_OBJECT = ("dobj", "obj", "nsubjpass")
_NOBODY = frozenset({"nobody", "noone", "none", "never"})


def _denied(doc: Analysis, verb: Token) -> bool:
    """ "cannot edit", "nobody else may see", "no one views": a verb that asks for nothing."""
    for c in doc.children(verb.i):
        if c.dep == "neg" or c.lower in _NOBODY:
            return True
        if c.dep == "nsubj" and any(d.lower == "no" for d in doc.children(c.i)):
            return True
    return False


def _objects(doc: Analysis, verb: Token) -> list[Token]:
    """The objects of a verb, and of the verbs it is joined to when it has none of its own
    ("view and edit products")."""
    own = [t for t in doc.children(verb.i) if t.dep in _OBJECT]
    if not own:
        joined = [t for t in doc.children(verb.i) if t.dep == "conj" and t.pos == "VERB"]
        if verb.dep == "conj":
            joined.append(doc.tokens[verb.head])
        own = [t for v in joined for t in doc.children(v.i) if t.dep in _OBJECT]
    return [c for t in own for c in doc.conjuncts(t)]


def _content_nouns(text: str) -> list[str]:
    """Nouns in `text` that could name data (plural or compound), padding left out."""
    doc = analyse(text)
    return [
        t.lemma for t in doc.tokens if t.is_noun and t.lemma not in _PADDING and len(t.lemma) > 2
    ]


# Account items that say a sentence was read for more than the things it names.
_READ_FOR = (
    "field",
    "relation",
    "permission",
    "owner",
    "rule",
    "auth",
    "upload",
    "feature",
    "database",
    "range",
    "length",
    "unique",
    "computed",
    "transition",
    "private",
    "public",
    "soft_delete",
    "not_blank",
    "pattern",
    "signed_in",
    "api_key",
    "read",
)
# People a sentence may be about without the spec holding them as an entity.
_PEOPLE = frozenset("user people person everyone everybody anyone staff team we i you they".split())


def _left_out_nouns(doc: Analysis, spec: ProjectSpec) -> list[str]:
    """Nouns the unit negates or puts off that the spec does not hold ("No payments in v1")."""
    held = {snake(e.name).split("_")[-1] for e in spec.entities}
    return [plural_word(w) for w in sorted(left_out(doc)) if w not in held and w not in _PADDING]


def _unheld_subject(doc: Analysis, spec: ProjectSpec, names: Names) -> str:
    """The noun a sentence is about, when the spec holds it neither as an entity, a field, a
    role nor a person: "The greenhouse zone decides which plants go on sale" in a spec without
    GreenhouseZone, "Drop-offs: licence plate, postcode, weight" in one without DropOff. A
    fragment counts only with a list after a colon (a bare title names the app); a subject that
    acts on data ("route setters add routes") or is the writer's own ("our accountant") is a
    person, and words for an attribute, a unit or the issue itself are no thing to ask about.
    "" when there is nothing to ask."""
    root = next((t for t in doc.tokens if t.dep == "ROOT"), None)
    if root is None:
        return ""
    if root.is_noun:
        after = doc.text.split(":", 1)[1] if ":" in doc.text else ""
        if after.count(",") < 1 or ":" not in doc.text[root.idx :]:
            return ""
        subject: Token | None = root
    else:
        subject = next(
            (t for t in doc.children(root.i) if t.dep in ("nsubj", "nsubjpass") and t.is_noun),
            None,
        )
        if subject is None or any(
            verb_operations(v.lemma) for v in [root, *doc.children(root.i)] if v.pos == "VERB"
        ):
            return ""
    if subject is None or any(c.dep == "poss" for c in doc.children(subject.i)):
        return ""  # "our accountant", "my sister": the writer's world
    word = subject.lemma
    if (
        word in _PADDING
        or word in _PEOPLE
        or len(word) < 3
        or word in spec.roles
        or word in _ACTOR_WORDS
        or word in _GENERIC_ACTORS
        or word in ATTRIBUTE_WORDS
        or word in _ISSUE_NOUNS
        or _PERSON.search(word)
    ):
        return ""
    if names.entities(subject.text) or names.entities(word):
        return ""
    fields = {w for e in spec.entities for f in e.fields for w in f.name.split("_")}
    return "" if word in fields or subject.lower in fields else phrase(subject, doc)


# Words about the issue or the app, never a thing to ask about.
_ISSUE_NOUNS = frozenset("story requirement role tracker management".split())
# A noun for someone who acts: "setter", "technician", "officer", "accountant", "trainee".
_PERSON = re.compile(r"(?:er|or|ist|ian|ant|ee)$")


def account(
    units: list[Unit],
    spec: ProjectSpec,
    *,
    found: dict[int, list[str]] | None = None,
    known: set[str] | None = None,
) -> list[SentenceAccount]:
    """One account per unit, in order. `known`: entities and roles that existed before the text
    (refinement): naming them makes nothing."""
    names = Names.of(spec)
    found = found or {}
    docs = analyse_many([u.text for u in units])
    intro = ""  # a line such as "Appointments:" that the list items after it describe
    read: list[Unit] = []
    for unit in units:
        if unit.kind == "item" and intro and not unit.parent:
            unit = replace(unit, parent=intro)
        elif unit.kind != "item":
            intro = unit.text if unit.kind == "sentence" and unit.text.endswith(":") else ""
        read.append(unit)
    named = [[*names.entities(u.text), *roles_in(u.text, spec.roles)] for u in read]
    items = [_became(u, spec, names, found.get(n, [])) for n, u in enumerate(read)]
    _credit(items, named, [u.text for u in read], spec, set(known or ()))
    return [
        _status(u, docs[n], spec, names, list(dict.fromkeys(items[n])), named[n], found.get(n, []))
        for n, u in enumerate(read)
    ]


# What the spec holds from a sentence that stands for a restriction it states: the rule reader's
# rules (`found`), a permission, sign-in.
_RESTRICTION_HELD = ("permission", "auth", "rule", "owner", "read")


def _unsupported(low: str, became: list[str]) -> str:
    """What `low` asks for that codebegen does not build ("an admin dashboard": a user
    interface), or "". A word the spec holds from the sentence ("a distance field", "Dashboard
    entity") is built, not asked for."""
    what = next((what for p, what in _NOT_SUPPORTED if p.search(low)), "")
    if what and not any(b.startswith(("field", "rule", "permission")) for b in became):
        return what
    m = _SCREEN.search(low)  # a screen is never built, whatever else the sentence gave
    if m and not any(_word_key(m.group(0)).rstrip("s") in _word_key(b) for b in became):
        return "a user interface"
    return ""


_SCREEN = re.compile(r"\b(?:dashboard|admin panel|front[- ]?end|mobile app|web app)s?\b")


def _word_key(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower().split(" (")[0])


def _status(
    unit: Unit,
    doc: Analysis,
    spec: ProjectSpec,
    names: Names,
    became: list[str],
    named: list[str],
    found: list[str],
) -> SentenceAccount:
    """The account of one unit, from what the spec holds from it (`became`) and the entities and
    roles it names (`named`)."""
    low = unit.text.lower()

    def said(
        status: SentenceStatus, reason: str = "", holds: list[str] | None = None
    ) -> SentenceAccount:
        return SentenceAccount(unit.text, status, became if holds is None else holds, reason)

    unsupported = _unsupported(low, became)
    read_for = any(b.startswith(_READ_FOR) for b in became)
    dropped = _left_out_nouns(doc, spec) if unit.kind != "heading" else []
    about = names.entities(unit.text) + names.entities(unit.parent)
    held = found + _held(spec, about or [e.name for e in spec.entities])
    unbuilt = unbuilt_rules(unit.text, held + became) if unit.kind != "heading" else []
    if unit.kind != "heading" and _unbuilt_steps(low, found + became):
        unbuilt.append(
            f"a status workflow (“{_unbuilt_steps(low, found + became)}”) on no status field"
        )
    title = is_title_line(unit.text, spec.description)  # "Volunteer fire brigade - callouts"
    unheld = (
        ""
        if read_for or title or unit.kind in ("heading", "row")
        else _unheld_subject(doc, spec, names)
    )
    if unsupported:
        return said(SentenceStatus.NOT_SUPPORTED, f"not supported: {unsupported}")
    if dropped and not read_for:
        reason = f"not built: {', '.join(dropped)} (out of scope in the text)"
        return said(SentenceStatus.NOT_SUPPORTED, reason)
    if unbuilt and not _EXCLUDED.search(low):
        reason = f"not built: {'; '.join(unbuilt)}"
        if not became and named:
            reason += f"; it names {_and(named)}, and nothing else was built from it"
        return said(SentenceStatus.NOT_BUILT, reason)
    restriction = "" if unit.kind == "heading" or _EXCLUDED.search(low) else stated_rule(low)
    if restriction and not found and not any(b.startswith(_RESTRICTION_HELD) for b in became):
        reason = f"not built: a rule it states ({restriction})"
        if not became and named:
            reason += f"; it names {_and(named)}, and nothing else was built from it"
        return said(SentenceStatus.NOT_BUILT, reason)
    if (became or named) and unheld and not _EXCLUDED.search(low) and not _APP_NAMED.search(low):
        return said(SentenceStatus.NOT_UNDERSTOOD, f"not understood: the spec holds no “{unheld}”")
    if became:
        return said(SentenceStatus.USED)
    if unit.kind == "heading":
        return said(SentenceStatus.CONTEXT, "a heading")
    if unit.kind == "row" and _HEADER_ROW.fullmatch(low):
        return said(SentenceStatus.CONTEXT, "a table header")
    if _EXCLUDED.search(low):
        return said(SentenceStatus.CONTEXT, "left out, as the request asks")
    if _CONFIG_LABEL.match(low):
        return said(SentenceStatus.CONTEXT, "configuration")
    if low.rstrip().endswith(":"):
        return said(SentenceStatus.CONTEXT, "introduces a list")
    if _GREETING.match(low):
        return said(SentenceStatus.CONTEXT, "a greeting")
    if _ABOUT_US.match(low):
        return said(SentenceStatus.CONTEXT, "background")
    if _STACK.search(low):
        return said(SentenceStatus.CONTEXT, "the stack")
    if _names_the_app(low, names, named) and len(low.split()) <= 12:
        return said(SentenceStatus.CONTEXT, "names the app")
    if not named and title:
        return said(SentenceStatus.CONTEXT, "the title")
    if named:
        # It speaks of things the spec holds, and nothing in the spec comes from it.
        reason = f"not understood: it names {_and(named)}, but nothing was built from it"
        return SentenceAccount(unit.text, SentenceStatus.NOT_UNDERSTOOD, [], reason, named)
    if len(low.split()) <= 5 and unit.kind == "sentence":
        return said(SentenceStatus.CONTEXT, "background")
    if not _content_nouns(unit.text):
        return said(SentenceStatus.CONTEXT, "background")
    return said(SentenceStatus.NOT_UNDERSTOOD, "not understood")


def _unbuilt_steps(low: str, became: list[str]) -> str:
    """The first step of a chain of arrows in `low` when no transition came from the unit
    ("a request goes pending -> accepted" where nothing holds a request's status), else ""."""
    steps = arrow_steps(low)
    if not steps or any(b.startswith("rule transition") for b in became):
        return ""
    froms, tos = steps[0]
    return f"{froms[-1]} → {tos[0]}"


def _held(spec: ProjectSpec, entities: list[str]) -> list[str]:
    """The unique and computed rules and the owners the spec holds for these entities, from
    whichever sentence, as the rule reader labels them (it labels a rule said twice only where
    it first read it): "one vote per poll" said again is no rule left unbuilt. A change of
    status is not among them: another condition on the same entity may be the one unbuilt."""
    kept = (RuleKind.UNIQUE, RuleKind.COMPUTED)
    out = [
        f"rule {r.kind.value} {r.entity}"
        for r in spec.rules
        if r.entity in entities and r.kind in kept
    ]
    for e in spec.entities:
        if e.name in entities and e.owner:
            out.append(f"owner {e.name}.{e.owner}")
    return out


def _names_the_app(low: str, names: Names, named: list[str]) -> bool:
    """Does the unit name the app ("a quiz night API"), with a word that is no entity it names
    ("applications" in a spec with Application is the thing, not the app)?"""
    taken = {w for e in named for w in names.entity_words.get(e, [])}
    return any(singular_word(m.group(0)) not in taken for m in _APP_NAMED.finditer(low))


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


_NO_FIELDS = "No fields were named for "


def _all_guessed(note: str, spec: ProjectSpec) -> bool:
    """True when the note names every entity but User: no field anywhere came from the text."""
    guessed = set(note[len(_NO_FIELDS) :].split(";")[0].split(", "))
    return {e.name for e in spec.entities if e.name != "User"} <= guessed


def _spoken_of(word: str, text: str) -> bool:
    """Does the text speak of `word` beyond naming it once as a field ("rooms have a floor",
    "the author's bio")? Named once in a list of fields, it is a field: nothing to ask."""
    words = word.replace("_", " ")
    return len(re.findall(rf"\b{re.escape(words)}(?:s|es|'s)?\b", text.lower())) >= 2


# The note `build` writes for an entity whose fields were guessed.
_GUESSED = re.compile(r"^(?P<e>[A-Z]\w*) got the usual fields \(")
# A list said after "with" or a colon ("a report with what they lost, their phone number and ...").
_LISTED = re.compile(r"(?:\bwith\b|:)\s+[^.;]*?(?:,|\band\b)[^.;]*\S")


# Words between a noun and the list said of it ("vaccinations are separate:", "a report with").
_LINKING = frozenset("a an the is are be separate too also own new each every all".split())


def _listed_for(entity: str, accounts: list[SentenceAccount]) -> str:
    """The sentence that made `entity` and lists something after "with" or a colon, or ""."""
    word = snake(entity).split("_")[-1]
    for a in accounts:
        if f"entity {entity}" not in a.became:
            continue
        for m in _LISTED.finditer(a.text):
            before = [
                w for w in re.findall(r"[a-z]+", a.text[: m.start()].lower()) if w not in _LINKING
            ]
            if before and singular_word(before[-1]) == word:  # the list is said of it
                return a.text
    return ""


def questions(
    accounts: list[SentenceAccount], notes: list[str], spec: ProjectSpec | None = None
) -> list[str]:
    """What to ask instead of guessing: no entity named, sentences not understood, and words
    read one way that could be read another (a text field named like a thing to store)."""
    asked: list[str] = []
    description = spec.description if spec is not None else ""
    for e in spec.entities if spec is not None else []:
        for f in e.fields:
            if (
                f.type is FieldType.STRING
                and f.name in DEFAULT_FIELDS
                and f.name != "user"
                and _spoken_of(f.name, description)
            ):
                asked.append(
                    f"{e.name}.{f.name} is a text field; should it be a link to "
                    f"{'an' if f.name[0] in 'aeiou' else 'a'} {pascal(f.name)} entity instead?"
                )
    for note in notes:
        # "No fields were named for Post; the usual ones were guessed" is a note (shown on the
        # issue and the PR) when other entities have fields the text named; when no field at all
        # came from the text, it is a question. Two readings of a word, or a sentence not
        # understood, are questions too.
        if note.startswith(_NO_FIELDS) and spec is not None and _all_guessed(note, spec):
            # Nothing at all says what to store: the whole project would be a guess.
            asked.append(f"{note} What should each of them store?")
        elif note.startswith("No entities were named"):
            asked.append(
                f"{note} Which things should the API store, and what does each of them have?"
            )
        elif (guessed := _GUESSED.match(note)) and (said := _listed_for(guessed["e"], accounts)):
            # "fill in a report with what they lost, their phone number and ...": a list was
            # said for it, and none of it became a field: guessing would drop it in silence
            asked.append(
                f"“{said}” makes {guessed['e']}, but nothing it lists became a field. What should "
                f"{'an' if guessed['e'][0] in 'AEIOU' else 'a'} {guessed['e']} store?"
            )
    for a in accounts:
        # A sentence that names only what the spec holds otherwise stays a row of the account
        # ("not understood: it names Singer and Rehearsal ..."), listed as not built: asking
        # about each would hold back many a clear request.
        if a.status is SentenceStatus.NOT_UNDERSTOOD and not a.named:
            asked.append(
                f"I did not understand “{a.text}”. What should it add to the API (a thing to "
                "store, a field, a link, a rule)? Or say it needs nothing."
            )
    return asked
