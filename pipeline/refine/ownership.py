"""Refinement clauses about ownership and read access. No I/O.

"each post has an author (a user)"            -> Post.author (User); Post.owner
"only the author may edit a post"             -> Post.owner = author
"users can only edit their own posts"         -> Post.owner
"customers should only see their own tickets" -> Ticket.customer (User), owner, read: owner
"only signed in users can see comments"       -> Comment.read = signed_in
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.naming import singular, snake
from pipeline.parse.access import verb_operations
from pipeline.refine.editor import AlreadyDone, RefineError, SpecEditor
from pipeline.refine.phrasing import _ENTITY, _HAVE, _READ_VERBS, _entity, _need_auth
from pipeline.spec import Relation, RelationKind, default_relation_name

OWNER_WORDS = {
    "author", "owner", "creator", "poster", "submitter", "reporter", "requester", "seller",
    "organizer", "host", "uploader", "writer",
}  # fmt: skip


def _user_relation(ed: SpecEditor, entity: str, name: str) -> tuple[list[str], bool]:
    """Make sure `entity` has a many-to-one relation to User called `name`. A link of that name
    to another entity ("doctors see their own appointments", Appointment.doctor is a Doctor,
    not a user who signs in) is a question, not a second link of the same name."""
    for r in ed.relations:
        if r["source"] == entity and r["target"] == "User" and r.get("name", "user") == name:
            return _need_auth(ed), False
    for r in ed.relations:
        if r["source"] == entity and r["target"] != "User" and _name(r) == name:
            raise RefineError(
                f"{entity}.{name} is a {r['target']}, not a user who signs in, so it cannot own "
                f"{entity} rows. Should each {r['target']} be linked to a user account (say "
                f"`each {snake(r['target']).replace('_', ' ')} belongs to a user`), or is the "
                f"owner someone else?"
            )
    changes = _need_auth(ed)
    changes += ed.add_relation(
        Relation(kind=RelationKind.MANY_TO_ONE, source=entity, target="User", name=name)
    )
    return changes, True


def _name(relation: dict[str, Any]) -> str:
    return str(relation.get("name") or default_relation_name(RelationKind(relation.get("kind", "many_to_one")),
                                                              relation["target"]))  # fmt: skip


def _set_owner(ed: SpecEditor, entity: str, name: str) -> list[str]:
    data = ed.entity(entity)
    if data.get("owner") == name:
        raise AlreadyDone(f"{entity} is owned by its {name} already.")
    data["owner"] = name
    return [f"{entity}.owner: {name} (set from the token; only they and admins may change it)"]


def owner_relation(ed: SpecEditor, clause: str) -> list[str] | None:
    m = re.match(
        rf"^{_ENTITY}{_HAVE}\s+(?:an?|the|their|its)\s+(?P<w>[a-z]+)"
        r"(?P<user>\s*\((?:an?\s+)?user\)|\s*(?:who|that|which) is an?\s+user|,? an? user)?$",
        clause,
    )
    if m is None or not (m.group("w") in OWNER_WORDS or m.group("user")):
        return None
    entity = _entity(ed, m.group("e"))
    if entity is None:
        return None
    name = snake(m.group("w"))
    plain_links = [
        r.get("name", "user") for r in ed.relations
        if r["source"] == entity and r["target"] == "User" and r.get("name", "user") == "user"
    ]  # fmt: skip
    if name == "owner" and len(plain_links) == 1 and not ed.entity(entity).get("owner"):
        return _set_owner(ed, entity, plain_links[0])  # "each list has an owner": its user
    changes, added = _user_relation(ed, entity, name)
    if not ed.entity(entity).get("owner") and name in OWNER_WORDS:
        changes += _set_owner(ed, entity, name)
    if not changes and not added:
        raise AlreadyDone(f"{entity} has its {name} already.")
    return changes


def who_did(ed: SpecEditor, clause: str) -> list[str] | None:
    """ "appointments should record who booked them (a user)" -> Appointment.booked_by (User);
    "tasks should store who they are assigned to" -> Task.assigned_to (User)."""
    m = re.match(
        rf"^{_ENTITY}(?:\s+(?:should|must|need to|needs to|has to|have to|could|will|also))*\s+"
        r"(?:record|store|track|know|keep|remember|log|save|show|say)\s+(?:track\s+of\s+)?who\s+"
        r"(?:(?P<did>[a-z]+(?:ed|en|t))\s+(?:it|them)|(?:it|they)\s+(?:is|are|was|were)\s+"
        r"(?P<done>[a-z]+(?:ed|en|t))\s+(?P<prep>to|by|for|with))"
        r"(?:\s*\((?:an?\s+)?(?:user|person|account)\)|,?\s+(?:as\s+)?an?\s+user)?$",
        clause,
    )
    if m is None:
        return None
    entity = _entity(ed, m.group("e"))
    if entity is None:
        return None
    name = f"{m.group('did')}_by" if m.group("did") else f"{m.group('done')}_{m.group('prep')}"
    changes, added = _user_relation(ed, entity, name)
    if not added:
        raise AlreadyDone(f"{entity} records its {name} already.")
    return changes


_PERSON_LINK = re.compile(
    r"^(?:(?:tie|link|attach|connect|hang)\s+(?:each|every|all|the|a)?\s*(?P<e1>[a-z][a-z_]*(?:\s+[a-z_]+)?)\s+to|"
    r"(?P<e2>(?:each|every|all|the|an?)?\s*[a-z][a-z_]*(?:\s+(?!should|must|needs?|has|will|also|be)[a-z_]+)?)\s+"
    r"(?:should|must|needs? to|has to|will)?\s*"
    r"(?:also\s+)?(?:be\s+)?(?:points?\s+to|pointing\s+to|linked\s+to|tied\s+to|attached\s+to|connected\s+to))\s+"
    r"(?:its|their|the|an?)\s+(?P<p>[a-z_]+)(?:\s*\((?:an?\s+)?(?:user|person|account)\)|\s+(?:who|that)\s+"
    r"(?P<v>[a-z]+)(?:\s+(?:for|to|with|on|in))?\s+(?:it|them|one))?$"
)


def person_link(ed: SpecEditor, clause: str) -> list[str] | None:
    """ "tie every ticket to the attendee who bought it", "each ticket should point to its buyer
    (a user)": a link to the user, named by the word the comment uses for that person. A link
    says who; it makes nobody the owner (a sentence about owning or seeing "their own" does)."""
    m = _PERSON_LINK.match(clause)
    if m is None:
        return None
    entity = _entity(ed, m["e1"] or m["e2"])
    word = m["p"]
    if entity is None or (ed.entity_or_none(word) not in (None, "User")):
        return None
    if ed.field_name(entity, word) is not None:
        return None
    said_user = bool(m["v"]) or "(" in clause or word in OWNER_WORDS or word in ed.spec().roles
    if not said_user and word not in ("user", "person", "account"):
        return None
    name = "user" if word in ("user", "person", "account", "one") else snake(word)
    changes, added = _user_relation(ed, entity, name)
    if not added:
        raise AlreadyDone(f"{entity} is linked to its {name} already.")
    return changes


def who_it_is(ed: SpecEditor, clause: str) -> list[str] | None:
    """ "(an author;) it should be the user who wrote it": what the link to User that a row
    has is, said again. Nothing to change when the entity has such a link; else not this."""
    m = re.match(
        rf"^{_ENTITY}\s+(?:is|are|should be|must be|will be|means|=)\s+(?:the|a|an)\s+"
        r"(?:user|person|account|member)\s+(?:who|that)\s+\w+(?:\s+\w+)?$",
        clause,
    )
    entity = _entity(ed, m.group("e")) if m else None
    if entity is None:
        return None
    to_user = [r.name for r in ed.spec().relations if r.source == entity and r.target == "User"]
    if not to_user:
        return None
    raise AlreadyDone(f"{entity}.{to_user[-1]} is a user already.")


def _user_word(ed: SpecEditor, entity: str, word: str) -> str:
    """ "only that user may edit it": the entity's one relation to User, by its name;
    "only their owner can see them": the link that owns it already, or that one relation."""
    if word not in ("user", "person", "member", "account", "owner", "they", "them", "whoever"):
        return word  # "only they can edit it": the row's user, as "only that user" is
    to_user = [r.name for r in ed.spec().relations if r.source == entity and r.target == "User"]
    if word == "owner" and word not in to_user and ed.entity(entity).get("owner") in to_user:
        return str(ed.entity(entity)["owner"])
    return to_user[0] if len(to_user) == 1 else word


def owner_rule(ed: SpecEditor, clause: str) -> list[str] | None:
    m = re.match(
        r"^only\s+(?:the\s+|its\s+|their\s+)?(?P<w>[a-z]+)(?P<who>\s+(?:who|that)\s+.+?)?\s+"
        r"(?:can|may|should be able to|is allowed to|should|must)\s+(?P<verbs>.+?)\s+"
        r"(?:an?\s+|the\s+|their\s+|its\s+|his\s+|her\s+)?(?P<e>[a-z][a-z_]*)(?:\s+it)?$",
        clause,
    )
    if m is None:
        return None
    entity = _entity(ed, m.group("e"))
    word = _user_word(ed, entity, m.group("w")) if entity else m.group("w")
    names = {r.name for r in ed.spec().relations if r.source == entity}
    if entity is not None and word in ("user", "person") and m.group("who") and word not in names:
        word = "user"  # "only the user who booked them can see appointments": who made it
        names.add(word)
    if entity is None or not (word in OWNER_WORDS or word in names):
        return None
    target = next(
        (r.target for r in ed.spec().relations if r.source == entity and r.name == word), None
    )
    if word in ed.data.get("roles", []) and target not in (None, "User"):
        return None  # "only doctor can update appointments" with a doctor role: the role
    verbs = [w for w in re.split(r"\W+", m.group("verbs")) if w and w not in ("or", "and")]
    if not all(verb_operations(v) for v in verbs):
        return None
    changes, _ = _user_relation(ed, entity, snake(word))
    if any(re.fullmatch(r"see|read|view|list|access|get|browse", v) for v in verbs):
        if ed.entity(entity).get("read") != "owner":  # "only the buyer may see an order"
            ed.entity(entity)["read"] = "owner"
            changes.append(f"{entity} rows are seen only by their {word} (and admins)")
    current = ed.entity(entity).get("owner")
    if current == snake(word):
        if changes:
            return changes
        raise AlreadyDone(f"only {entity}'s {word} (and admins) may change it already.")
    return changes + _set_owner(ed, entity, snake(word))


def editable_by(ed: SpecEditor, clause: str) -> list[str] | None:
    """ "make comments editable only by their author"."""
    m = re.match(
        r"^(?:make\s+)?(?P<e>[a-z_ ]+?)\s+(?:should be\s+|are\s+|is\s+)?(?:editable|changeable|"
        r"deletable|modifiable)\s+(?:only\s+)?by\s+(?:only\s+)?(?:their|its|the)\s+(?P<w>[a-z]+)$",
        clause,
    )
    if m is None:
        return None
    return owner_rule(ed, f"only the {m.group('w')} can edit {m.group('e')}")


def own_writes(ed: SpecEditor, clause: str) -> list[str] | None:
    """ "users can only edit their own posts": posts record their owner."""
    m = re.match(
        r"^(?P<who>[a-z]+)\s+(?:should\s+|can\s+|may\s+|must\s+)?(?:only\s+)?(?:be able to\s+)?"
        r"(?P<verbs>(?:edit|update|change|modify|delete|remove)(?:(?:,\s*|\s+(?:and|or)\s+)"
        r"(?:edit|update|change|modify|delete|remove))*)\s+(?:only\s+)?(?:their|his|her|the)\s+"
        r"own\s+(?P<e>.+)$",
        clause,
    )
    if m is None:
        return None
    entity = _entity(ed, m.group("e"))
    if entity is None:
        return None
    changes = _own_rows(ed, entity, singular(m.group("who")))
    if not changes:
        raise AlreadyDone(f"{entity} rows can be changed by their owner only already.")
    return changes


def read_access(ed: SpecEditor, clause: str) -> list[str] | None:
    signed = re.match(
        r"^only\s+(?:signed[- ]in|logged[- ]in|registered|authenticated)\s+(?:users?|people)\s+"
        rf"(?:can|may|should be able to|should)\s+{_READ_VERBS}\s+(?:the\s+)?(?P<e>.+)$",
        clause,
    ) or re.match(  # "replies should only be readable by signed-in users", "make loans visible to
        r"^(?:could\s+|can\s+|should\s+|make\s+)?(?P<e>.+?)\s+(?:(?:should|must|could|can)\s+)?(?:only\s+)?"
        r"(?:be\s+)?(?:visible|readable|viewable|seen|browsable)\s+(?:only\s+)?(?:to|by|for)\s+(?:any\s+|all\s+|"
        r"every\s+)?(?:signed[- ]in|logged[- ]in|registered|authenticated)\s+(?:users?|people|members)"
        r"(?:\s+only)?$",  # signed-in users only"
        clause,
    )
    signed = signed or re.match(
        r"^(?:make\s+|could\s+|can\s+|should\s+)?(?P<e>.+?)\s+(?:should\s+|must\s+|could\s+)?"
        r"(?:require|need)s?\s+(?:a\s+)?(?:signed[- ]in|logged[- ]in|login|log-in|an? account|"
        r"authentication)(?:\s+user)?(?:\s+to\s+(?:read|see|view|access|list)(?:\s+them)?)?$",
        clause,
    )
    own = re.match(
        r"^(?:could\s+|can\s+|should\s+)?(?:an?\s+|the\s+|each\s+|every\s+)?(?P<who>[a-z]+)\s+(?:should\s+|can\s+|may\s+|must\s+)?(?:only\s+)?"
        rf"(?:ever\s+)?(?:be able to\s+)?(?:only\s+)?{_READ_VERBS}\s+(?:only\s+)?(?:their|his|her|his or her|the)\s+own\s+"
        r"(?P<e>.+?)(?:,?\s+not\s+(?:other\s+(?:people|users|customers)'?s?|anyone\s+else's|everybody's|"
        r"everyone's))?$",
        clause,
    ) or re.match(  # "customers should only be able to read the tickets they raised"
        r"^(?:could\s+|can\s+|should\s+)?(?P<who>[a-z]+)\s+(?:should\s+|can\s+|may\s+|must\s+)?(?:only\s+)?"
        rf"(?:ever\s+)?(?:be able to\s+)?(?:only\s+)?{_READ_VERBS}\s+(?:only\s+)?the\s+(?P<e>[a-z_]+)\s+"
        r"(?:they|he|she|he or she)\s+(?:have\s+|has\s+)?[a-z]+(?:ed|ght|t|en)$",
        clause,
    )
    public = (
        re.match(
            rf"^(?:anyone|everyone|everybody|the public|visitors)\s+(?:can|may|should be able to)\s+"
            rf"{_READ_VERBS}\s+(?:the\s+)?(?P<e>.+?)(?:\s+without\s+(?:logging|signing)\s+in)?$",
            clause,
        )
        or re.match(
            r"^(?P<e>.+?)\s+(?:should be|are|is|(?:should |can )?(?:stay|stays|remain|remains))\s+"
            r"public(?:ly readable)?$",
            clause,
        )
        or re.match(  # "posts should be readable by anyone, even when not logged in"
            r"^(?:could\s+|can\s+|should\s+)?(?P<e>.+?)\s+(?:(?:should|must|could|can)\s+)?be\s+(?:visible|"
            r"readable|viewable|browsable|public)(?:\s+(?:to|by|for)\s+(?:anyone|everyone|everybody|the public|"
            r"all|visitors|guests))?(?:,?\s+(?:even\s+)?(?:when|if|while)\s+(?:not\s+)?(?:logged|signed)\s+(?:in|out)|"
            r"\s+without\s+(?:an?\s+account|logging\s+in|signing\s+in|a\s+login))?$",
            clause,
        )
    )  # "products stay public": as they are, or public now
    found = signed or own or public
    if found is None:
        return None
    entity = _entity(ed, found.group("e"))
    if entity is None:
        return None
    changes: list[str] = []
    if own:
        changes += _own_rows(ed, entity, singular(own.group("who")))
        access = "owner"
    else:
        access = "signed_in" if signed else "public"
        if access == "signed_in":
            changes += _need_auth(ed)
    data = ed.entity(entity)
    if data.get("read", "public") == access:
        if changes:
            return changes
        raise AlreadyDone(f"{entity} is readable by {access.replace('_', ' ')} already.")
    data["read"] = access
    return [*changes, f"{entity}.read: {access.replace('_', ' ')}"]


def belongs_to_maker(ed: SpecEditor, clause: str) -> list[str] | None:
    """ "a ticket belongs to whoever opened it", "comments belong to the user who wrote them":
    the row is owned by the user who made it (a link of its own, or one named for that)."""
    m = re.match(
        rf"^{_ENTITY}\s+(?:should\s+|must\s+|will\s+|is\s+|are\s+)?(?:belongs?|belonging)\s+to\s+"
        r"(?:(?:the\s+)?(?P<w>user|person|account|one|[a-z]+)\s+(?:who|that)\s+[a-z]+(?:\s+(?:it|them|one))?|whoever\s+"
        r"[a-z]+(?:\s+(?:it|them|one))?|(?:its|their)\s+(?:creator|maker))$",
        clause,
    )
    entity = _entity(ed, m.group("e")) if m else None
    if entity is None or m is None:
        return None
    word = m["w"] if m["w"] not in (None, "user", "person", "account", "one") else None
    if word is not None and (ed.entity_or_none(word) is not None or ed.field_name(entity, word)):
        return None  # "belongs to the doctor who ...": a link to that entity, read elsewhere
    owner = ed.entity(entity).get("owner")
    if owner:
        raise AlreadyDone(f"{entity} rows belong to their {owner} already.")
    name = (
        snake(word)
        if word
        else next((n for n in _user_links(ed, entity) if n == "user" or n in OWNER_WORDS), "user")
    )
    changes, _ = _user_relation(ed, entity, name)
    return changes + _set_owner(ed, entity, name)


def others_cannot_see(ed: SpecEditor, clause: str) -> list[str] | None:
    """ "other people must not see his tickets", "nobody else can see them": owner-only rows."""
    m = re.match(
        r"^(?:the\s+)?(?:other\s+(?:users?|peoples?|members|customers)|nobody\s+else|no\s+one\s+else|"
        r"others)\s+(?:must|should|can|could|may)?\s*(?:not|n't|never)?\s*(?:be\s+able\s+to\s+|can\s+)?"
        rf"{_READ_VERBS}\s+(?:his|her|their|the|its)?\s*(?P<e>[a-z][a-z_ ]*?)(?:,?\s+only\s+(?:him|her|them|"
        r"the\s+owner))?$",
        clause,
    )
    if m is None or not re.search(r"\b(?:not|n't|never|nobody|no one)\b", clause):
        return None
    entity = _entity(ed, m.group("e"))
    if entity is None:
        return None
    return read_access(ed, f"users should only see their own {m.group('e')}")


# Links to a user that say who works on a row, never whose it is.
_NOT_OWNERS = frozenset(
    {
        "assignee",
        "assigned_to",
        "reviewer",
        "approver",
        "manager",
        "handler",
        "agent",
        "doctor",
        "librarian",
        "editor",
        "moderator",
        "coach",
        "instructor",
        "teacher",
    }
)


def _user_links(ed: SpecEditor, entity: str) -> list[str]:
    """The names of the entity's many-to-one links to User."""
    return [
        r.get("name", "user")
        for r in ed.relations
        if r["source"] == entity and r["target"] == "User" and r["kind"] == "many_to_one"
    ]


def _own_rows(ed: SpecEditor, entity: str, who: str) -> list[str]:
    """The owner that "users see only their own X" needs: the existing one, a relation to User
    named for the subject, or the only relation to User."""
    owner = ed.entity(entity).get("owner")
    if owner:
        return []
    to_user = _user_links(ed, entity)
    changes: list[str] = []
    makers = [n for n in to_user if n not in _NOT_OWNERS]
    if who in to_user:
        name = who
    elif who in ("user", "person", "people", "member") and len(to_user) == 1:
        name = to_user[0]
    elif len(makers) == 1 and makers[0] != "user":  # "each ticket has a buyer (a user), and
        name = makers[0]  # attendees see only their own tickets": the buyer's
    else:
        name = "user" if who in ("person", "people", "member") else snake(who)  # named for
        # whose rows they are, as "customers see their own tickets" makes Ticket.customer
        changes, _ = _user_relation(ed, entity, name)
    return changes + _set_owner(ed, entity, name)
