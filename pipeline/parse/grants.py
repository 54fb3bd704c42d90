"""Permissions from who does what: a person who runs the place, as the subject of a verb that
changes data, is granted that act on its objects. No I/O.

    "Dispatchers create jobs."                        -> Job: create, dispatcher
    "The florists manage the bouquets."               -> Bouquet: create, update, delete, florist
    "Only admins create surveys and questions."       -> Survey, Question: create, admin
    "The records officer manages the list of rounds." -> Round: create, update, delete

An act that only updates ("supervisors approve timesheets", "agents close tickets") is a step of
a workflow (a transition), not who may edit rows, and grants nothing here. People who make rows of
their own ("customers write reviews", "members book classes": ordinary
roles and whoever signs up) are granted nothing here: what they make is theirs
(`relations.made_owners`), and so is what a user story's "I" makes ("As an instructor, I can
create a course": the instructor's course). A negated act ("technicians can't delete anything") grants nothing.
`decide.read_actors` reads the same clauses (`acts.acts`) for "only ..." and "can ..." with known roles;
permissions of both are merged when the spec is built.
"""

from __future__ import annotations

from pipeline.parse.access import role_name, verb_operations
from pipeline.parse.acts import acts, objects_of
from pipeline.parse.draft import Draft, DraftPermission
from pipeline.parse.nlp import Analysis, Token
from pipeline.parse.relations import lookup
from pipeline.parse.vocab import GENERIC_ACTORS, ROLE_RANKS
from pipeline.spec import Operation

# Verbs of record keeping that make a row ("the treasurer records donations").
_MAKING = {"record": [Operation.CREATE], "log": [Operation.CREATE]}
# Operations that change data.
_WRITES = (Operation.CREATE, Operation.UPDATE, Operation.DELETE)
# Nouns that stand for the things after "of" ("the list of rounds").
_CONTAINERS = frozenset({"list", "lists", "catalogue", "catalog", "set", "collection", "all"})


# Verbs whose object is used, not made: "coaches book a court" makes a booking, not a court.
_USING = frozenset("book reserve rent borrow buy purchase order hire use".split())


def _ops(verb: Token, doc: Analysis) -> list[Operation]:
    if verb.lemma in _USING or any(
        t.head == verb.i and t.dep == "prt" for t in doc.tokens
    ):  # "logs in", "signs up": no act on data
        return []
    return verb_operations(verb.lemma) or _MAKING.get(verb.lemma, [])


def _objects(verbs: list[Token], doc: Analysis, draft: Draft) -> list[str]:
    keys: list[str] = []
    for obj in objects_of(verbs, doc):
        if any(t.head == obj.i and t.lower in ("any", "all", "every") for t in doc.tokens):
            return []  # "delete any post": a privilege over others' rows, no restriction
        if any(
            t.head == obj.i and t.lower in ("own", "their", "his", "her", "my") for t in doc.tokens
        ):
            return []  # "their own expenses": ownership, read by rules.py
        targets = [obj]
        if obj.lower in _CONTAINERS:
            targets = [
                p
                for prep in doc.tokens
                if prep.head == obj.i and prep.lower == "of"
                for p in doc.tokens
                if p.head == prep.i and p.dep == "pobj"
            ]
        for t in targets:
            key = lookup(t.lower, draft.entities)
            if key and key != "user" and key not in keys:
                keys.append(key)
    return keys


def _direct(verb: Token, doc: Analysis) -> list[Token]:
    return [t for t in doc.tokens if t.head == verb.i and t.dep in ("dobj", "obj")]


def _role(subject: Token, doc: Analysis, draft: Draft) -> str:
    if not subject.is_noun:
        return ""
    compound = [t.lower for t in doc.tokens if t.head == subject.i and t.dep == "compound"]
    for words in ([*compound[-1:], subject.lower], [subject.lower]):
        role = role_name(" ".join(words))
        if role in {r for r, _ in draft.roles}:
            return role
    return ""


def _privileged(role: str, draft: Draft) -> bool:
    """A role that runs the place: not an ordinary one (customer, member, student) nor the
    role a sign-up gets."""
    source = next((s for r, s in draft.roles if r == role), "")
    return source != "signup" and ROLE_RANKS.get(role, 2) < 3 and role not in GENERIC_ACTORS


def read_grants(draft: Draft) -> None:
    """Add the permissions the clauses grant to the roles of `draft` (known by now)."""
    if not draft.description or not draft.roles:
        return
    for act in acts(draft.description):
        doc, verbs = act.doc, act.verbs
        if act.verb.tag in ("VBN", "VBG") or act.subject.head != act.verb.i or act.negated:
            continue  # a participle, or the subject of another verb ("want to create")
        role = _role(act.subject, doc, draft)
        if not role or not _privileged(role, draft):
            continue
        # "can add, edit and remove rooms": verbs without an object of their own share
        # the next one's; "create an account and reserve a pitch": each has its own
        shared = [v for v in verbs if not _direct(v, doc)]
        groups = [[v] for v in verbs if _direct(v, doc)] or [verbs]  # objects misread (acts.py)
        for group in groups:
            if group[0] is verbs[-1] or not _direct(verbs[-1], doc):
                group = [*shared, *group]
            writes = [op for v in group for op in _ops(v, doc) if op in _WRITES]
            targets = _objects(group, doc, draft)
            if set(writes) == {Operation.UPDATE}:
                continue  # "managers approve requests": a step of a workflow, not who edits
            if writes and targets:
                actions = list(dict.fromkeys(writes))
                draft.permissions.append(
                    DraftPermission(roles=[role], actions=actions, targets=targets)
                )
