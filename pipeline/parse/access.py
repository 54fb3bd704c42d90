"""Who may do what: authentication, roles and permission rules. No I/O.

"JWT", "users log in" -> auth; "RBAC", "admin dashboard", "roles: admin, editor, viewer" -> roles;
"only admins can create events", "posts can only be deleted by moderators",
"deleting comments is restricted to admins" -> permissions. When the spec is built, roles are
ordered (most privileged first), rules resolved to entities, and the User entity made fit for
login (`settle_roles`, `settle_permissions`, `fit_user`).
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.naming import pascal
from pipeline.naming import singular_word as singular
from pipeline.parse.draft import Draft, DraftPermission
from pipeline.parse.fields import FieldDraft, parse_field
from pipeline.parse.phrases import noun_key, split_list, tokens
from pipeline.parse.relations import lookup
from pipeline.parse.vocab import (
    ACTION_VERBS,
    AUTH_FIELDS,
    CLAUSE_WORDS,
    GENERIC_ACTORS,
    ROLE_ALIASES,
    ROLE_RANKS,
)
from pipeline.spec import FieldType, Operation

_AUTH_ON = re.compile(
    r"\b(?:jwts?|log ?ins?|logins?|logs in|logged in|sign (?:up|in)|signs (?:up|in)|authenticat\w*"
    r"|auth|oauth2?|bearer tokens?|access tokens?|user accounts?|passwords?|registered users"
    # what belongs to someone needs to know who asks: "their own orders", "private per user"
    r"|(?:their|his|her|my|your) own|per user|for each user|(?:a|each|every) user's"
    # people with accounts: "sellers need accounts", "other users' playlists", "plants of a user"
    r"|(?:need|needs|have|has|create|get|gets)\s+(?:an?\s+|their\s+own\s+)?accounts?"
    r"|(?<!no )other users|of a user)\b"
)
_AUTH_OFF = re.compile(
    r"\b(?:no|without|skip|not need|don't need|no need for)\s+(?:any\s+)?"
    r"(?:auth\w*|log ?in|login|user accounts)\b|\bpublic api\b|\bauth(?:entication)?\s*:\s*(?:none|no)\b"
)
_ADMIN = re.compile(r"\b(?:admins?|administrators?|superusers?|admin (?:dashboard|panel))\b")
_ROLES_WANTED = re.compile(r"\b(?:rbac|role[- ]based|roles?|moderators?)\b")
_ROLE_LISTS = (
    re.compile(
        r"\broles?\s*(?:are|:|=|include|including|such as|like|called|named|of)\s*"
        r"(?P<list>[a-z][a-z ,/&|-]*)"
    ),
    re.compile(r"\broles?\s*\((?P<list>[^)]*)\)"),
    re.compile(r"\b(?P<list>[a-z]+(?:\s*,\s*[a-z]+)*,?\s+(?:and|or|&)\s+[a-z]+)\s+roles\b"),
)


def detect_auth(text: str) -> bool | None:
    """True when the text asks for login, False when it says there is none, else None."""
    if _AUTH_OFF.search(text):
        # "students don't need login, only teachers": someone else does
        rest = _NO_LOGIN.sub(" ", _AUTH_OFF.sub(" ", text))
        return bool(_ONLY_AFTER_NO.search(text) or _LOG_IN.search(rest))
    return True if _AUTH_ON.search(text) else None


# After "no login for X": "only teachers", "but staff", "just the director" (who do log in).
_ONLY_AFTER_NO = re.compile(
    r"\b(?:not need|don't need|no need for|without|no)\s+(?:any\s+)?log ?ins?\b[^.;]{0,20}?"
    r"\b(?:only|but|just|except)\s+(?:the\s+)?(?!me\b|us\b|i\b|myself\b|for\b)[a-z]+"
)
# Someone logging in, said outright ("arbiters log in", "staff sign in").
_LOG_IN = re.compile(
    r"\b[a-z]+s?\s+(?:can\s+|must\s+|will\s+)?(?:log ?in|logs in|sign in|signs in)\b"
)


# People who act in the app as a kind of user: "As a receptionist, I want ...", "drivers log in",
# "staff and managers sign in".
_ACTING_ROLES = (
    re.compile(r"\bas (?:an?|the) (?P<role>[a-z]+(?: [a-z]+)?)\s*,?\s+(?:i|we)\b"),
    re.compile(
        r"(?:^|[.;,(]\s*|\bonly\s+)(?:the\s+)?(?P<role>[a-z]+?)s?\s+(?:can\s+|will\s+|should\s+|must\s+)?"
        r"(?:register and |need(?:s)? to )?"
        r"(?:log ?in|logs in|sign in|signs in|sign up|signs up|have accounts|get accounts"
        r"|needs? (?:a |an |the )?(?:log ?in|account))\b",
        re.M,
    ),
    # "members can only edit their own books", "patients see only their own": people who have
    # things of their own act under an account of their own.
    re.compile(
        r"(?:^|[.;,(]\s*)(?:the\s+)?(?P<role>[a-z]+s)\s+(?:can\s+|may\s+|should\s+)?"
        r"(?:only\s+)?(?:[a-z]+\s+){1,3}?(?:only\s+)?(?:their|his|her) own\b",
        re.M,
    ),
)
_NO_LOGIN = re.compile(r"\b(?:don't|do not|doesn't|does not|never|not|no)\b.{0,30}\blog ?in")
# Words those patterns catch that are not roles.
_NOT_ROLES = frozenset(
    "user users people everyone everybody anyone nobody person i we you they someone one who "
    "guest guests visitor visitors public no not without never don dont also then and or so "
    "can cannot".split()
)


def detect_roles(text: str, draft: Draft) -> None:
    """Roles the text names or implies; the order is settled when the spec is built."""
    for pattern in _ROLE_LISTS:
        for m in pattern.finditer(text):
            for item in split_list(m.group("list")):
                role = role_name(item)
                if role and len(tokens(item)) <= 2:
                    draft.add_role(role, "explicit")
    for pattern in _ACTING_ROLES:
        for m in pattern.finditer(text):
            role = role_name(m.group("role"))
            rest = text[m.end() : m.end() + 80].split(".")[0]
            if _NO_LOGIN.search(rest):
                continue  # "as a patient I don't want to log in": not someone who signs in
            if role and role not in _NOT_ROLES and len(tokens(m.group("role"))) <= 2:
                draft.add_role(role, "only")
    if _ADMIN.search(text):
        draft.add_role("admin", "mention")
    if re.search(r"\bmoderators?\b", text):
        draft.add_role("moderator", "mention")
    if _ROLES_WANTED.search(text) and not draft.roles:
        draft.add_role("admin", "implied")


_SIGNED_IN = frozenset("logged signed in registered authenticated verified".split())
# Words that name no one, or everyone but the one meant ("nobody else", "anyone else").
_NO_ONE = frozenset("nobody noone none else i me we us you myself this that it they he she".split())


# Words before a role that are no part of its name.
_NOT_IN_A_ROLE = frozenset("the a an only all any other another each every".split())
_POSSESSIVE = frozenset("their his her its".split())


def role_name(phrase: str) -> str:
    """ "admin users" -> "admin"; "Administrators" -> "admin"; "the organizers" -> "organizer";
    "other ringers" -> "ringer" (the same people, not a role of their own)."""
    words = [w for w in tokens(phrase) if w not in _NOT_IN_A_ROLE]
    if words and words[0] in _POSSESSIVE:  # "only their creator can edit them": the owner;
        return words[1] if words[1:] in (["creator"], ["owner"]) else ""  # "their posts": none
    if len(words) > 1 and words[-1] in ("user", "users") and set(words[:-1]) <= _SIGNED_IN:
        return "user"  # "logged-in users": anyone with a token
    if len(words) > 1 and words[-1] in ("user", "users", "account", "accounts", "members"):
        words.pop()
    if not words or len(words) > 2:
        return ""
    words[-1] = singular(words[-1])
    if set(words) & CLAUSE_WORDS:
        return ""  # "a lot can only be opened from draft, and ...": no one is named
    if set(words) & _NO_ONE:
        return ""  # "... and nobody else should see who said no": a rule, not a role
    if len(words) == 2 and words[1] == "staff" and len(words[0]) > 2:
        words = words[1:]  # "gallery staff", "counter staff": the staff ("IT staff" stays)
    name = "_".join(words)
    return ROLE_ALIASES.get(name, name)


_MODAL = (
    r"(?:can|may|are allowed to|is allowed to|should be able to|should|must|will be able to"
    r"|have permission to|has permission to|are able to|is able to|get to)"
)
_ONLY = re.compile(r"\bonly\s+(?P<roles>[a-z][a-z ,/&-]*?)\s+" + _MODAL + r"\s+(?P<rest>.+)$")
_ONLY_BY = re.compile(
    r"^(?P<obj>.+?)\s+(?:can|may|should|must|will)\s+only\s+be\s+(?P<verbs>[a-z ,/]+?)\s+by\s+"
    r"(?P<roles>.+)$"
)
_RESTRICTED = re.compile(
    r"^(?P<verbs>[a-z]+ing(?:\s*(?:,|/|and|or)\s*[a-z]+ing)*)\s+(?P<obj>.+?)\s+(?:is|are)\s+"
    r"(?:(?:restricted|limited|reserved|only allowed)\s+(?:to|for)\s+(?P<roles>.+)"
    r"|(?P<role>[a-z]+)[- ]only)$"
)
_ACTOR = re.compile(
    r"^(?:the\s+)?(?P<subj>[a-z]+s)\s+(?:can|may|should be able to|are able to|will be able to|get to)\s+"
)
_OWNERS = {"owner", "creator", "their_own"}
_IRREGULAR_VERBS = {
    "written": "write",
    "made": "make",
    "bought": "buy",
    "seen": "see",
    "sold": "sell",
}


def verb_operations(word: str) -> list[Operation]:
    """Operations an action verb means, in any form: "create", "creating", "created"."""
    word = _IRREGULAR_VERBS.get(word, word)
    candidates = [word]
    if word.endswith("ing"):
        candidates += [word[:-3], word[:-3] + "e", word[:-4]]
    elif word.endswith("ed"):
        candidates += [word[:-2], word[:-1], word[:-3]]
    for candidate in candidates:
        if candidate in ACTION_VERBS:
            return ACTION_VERBS[candidate]
    return []


# "only she (the admin) can", "only me (the boatman role) can": the role in brackets.
_PRONOUN_ROLE = re.compile(
    r"\b(?:she|he|me|i|us|we|myself)\s*\((?:the\s+|a\s+|an\s+)?(?P<role>[a-z][a-z ]*?)"
    r"(?:\s+role)?\)"
)
_ASIDE = re.compile(r"\s*\([^()]*\)")
# "the harbour master is the only one allowed to delete contracts", "managers see everything and
# are the only ones who can add chargers"
_ONLY_ONES = re.compile(
    r"(?:^|,\s*)(?:the\s+|our\s+)?(?P<roles>[a-z]+(?:\s+[a-z]+)?)\s+(?P<also>[a-z ]+?\s+and\s+)?"
    r"(?:is|are|am)\s+the\s+only\s+ones?\s+(?:(?:who|that)\s+)?"
    r"(?:can\s+|may\s+|(?:is\s+|are\s+)?(?:allowed|able|permitted)\s+to\s+)?(?P<rest>[a-z].+)$"
)
# "As a coordinator I want to be the only one who creates visits": the speaker.
_ONLY_ME = re.compile(
    r"\b(?P<me>i|we)\s+(?:want|would like|need|wish)\s+to\s+be\s+the\s+only\s+ones?\s+"
    r"(?:who|that)\s+(?:can\s+|may\s+)?(?P<rest>[a-z].+)$"
)
# "As a chef, I want to add, edit and remove meals, and nobody else should be able to" (or "—
# and I want to be the only kind of user who can"): the acts the speaker asks, reserved after.
_STORY_RESERVED = re.compile(
    r"\bas\s+(?:an?|the)\s+(?P<role>[a-z]+(?:\s+[a-z]+)?)\s*,?\s+(?:i|we)\s+(?:want|would like|"
    r"need|wish)\s+to\s+(?P<rest>[a-z].*?)\s*(?:[,;—–]\s*|\s-\s)(?:and\s+|but\s+)?"
    r"(?:(?:nobody|no one|noone)\s+else\b(?!'s)|(?:i|we)\s+(?:want|would like|need)\s+to\s+be\s+the\s+"
    r"only\s+(?:ones?|kind of users?|people|persons?|role)\s+(?:who|that)\s+(?:can|may)\s*[.!]?$)"
)
_ONLY_WORD = re.compile(r"\bonly\s+(?:the\s+)?")
# "people who are logged in": anyone signed in, no role
SIGNED_IN_PEOPLE = re.compile(
    r"\b(?:people|users|persons|those|ones)\s+(?:who|that)\s+(?:are|have)\s+(?:logged|signed)[- ]in\b"
)
_ONLY_SIGNED_IN = re.compile(r"\bonly\s+" + SIGNED_IN_PEOPLE.pattern.removeprefix(r"\b"))


def _only_does(clause: str) -> tuple[str, str] | None:
    """ "only the board creates competitions": (roles, what they do), the verb said of one or
    two words of a role, without a modal."""
    m = _ONLY_WORD.search(clause)
    if not m:
        return None
    words = clause[m.end() :].split()
    for n in (1, 2):
        if len(words) > n + 1 and words[n].endswith("s") and verb_operations(_base_verbs(words[n])):
            return " ".join(words[:n]), " ".join(words[n:])
    return None


# Groups of people who act as one ("the board", "the office staff").
_GROUPS = frozenset("staff board committee office jury crew management team".split())
_AGENT = re.compile(r"(?:er|or|ist|ian|ant|ee|en|man)s?$")


def _person(phrase: str) -> bool:
    """A phrase whose last word names someone who acts ("harbour master", "coordinators")."""
    word = singular(phrase.split()[-1]) if phrase.split() else ""
    if word in _GROUPS or word in ROLE_RANKS:
        return True
    return bool(_AGENT.search(word)) and word not in GENERIC_ACTORS


def _base_verbs(rest: str) -> str:
    """ "creates and deletes visits" -> "create and delete visits": the leading verbs said of
    one person, in their plain form."""
    words = rest.split()
    for i, word in enumerate(words):
        if word in ("and", "or", ",", "/"):
            continue
        bare = word.rstrip(",")
        plain = next(
            (b for b in (bare[:-1], bare[:-2]) if bare.endswith("s") and verb_operations(b)), ""
        )
        if not plain:
            break
        words[i] = plain + word[len(bare) :]
    return " ".join(words)


def parse_permission(clause: str, draft: Draft) -> bool:
    """Record a permission rule a clause states; True when the clause was one."""
    if _ONLY_SIGNED_IN.search(clause):
        return False  # "only people who are logged in can read ...": sign-in, no role (rules.py)
    clause = re.sub(r"\bi'm\b", "i am", re.sub(r"\bwe're\b", "we are", clause))
    clause = _ASIDE.sub("", _PRONOUN_ROLE.sub(r"\g<role>", clause))
    if (m := _STORY_RESERVED.search(clause)) and not re.search(r"\b(?:my|our|own)\b", m["rest"]):
        actions, objects = _actions_and_objects(_base_verbs(m.group("rest")))
        if actions and _record(draft, m.group("role"), actions, objects, m.group("rest")):
            return True
    if (m := _ONLY_ME.search(clause)) and (speaker := _speaker(clause[: m.end("me")])):
        actions, objects = _actions_and_objects(_base_verbs(m.group("rest")))
        return _record(draft, speaker, actions, objects, m.group("rest"))
    if m := _ONLY_ONES.search(clause):
        roles = m.group("roles")
        words = roles.split()
        if m.group("also") and len(words) == 2 and words[0].endswith("s"):
            roles = words[0]  # "wardens see everything and are the only ones": wardens
        if re.fullmatch(r"(?:i|we)\s+\w+", roles) or roles in ("i", "we"):
            roles = _speaker(clause[: m.start()] + " " + roles) or roles
        if not (_person(roles) or draft.auth and roles.split()[-1] not in _NO_ONE):
            return False  # "this is the only one that ...": no one, and no sign-in asked
        actions, objects = _actions_and_objects(_base_verbs(m.group("rest")))
        return _record(draft, roles, actions, objects, m.group("rest"))
    if m := _ONLY.search(clause):
        actions, objects = _actions_and_objects(m.group("rest"))
        roles = m.group("roles")
        if re.fullmatch(r"(?:one|ones|person|people)\s+(?:who|that)", roles):
            # "as a partner, I want to be the only one who can delete cases": the speaker
            roles = _speaker(clause[: m.start()]) or roles
        return _record(draft, roles, actions, objects, m.group("rest"))
    if m := _ONLY_BY.match(clause):
        actions = _verbs(m.group("verbs"))
        return _record(draft, m.group("roles"), actions, m.group("obj"), "")
    if m := _RESTRICTED.match(clause):
        actions = _verbs(m.group("verbs"))
        return _record(draft, m.group("roles") or m.group("role"), actions, m.group("obj"), "")
    if does := _only_does(clause):
        roles, rest = does
        actions, objects = _actions_and_objects(_base_verbs(rest))
        if actions and _targets(objects, draft, make=False):  # entities, or no rule at all
            return _record(draft, roles, actions, objects, rest, make=False)
    if m := _ACTOR.match(clause):
        draft.role_candidates.append(singular(m.group("subj")))
    return False


def _speaker(before: str) -> str:
    """Who "the only one(s) who" is: the role a user story speaks as ("as a supervisor, I want
    to be the only one who ..."), or the subject ("the group leader is the only one who ...")."""
    if story := re.search(r"\bas (?:an?|the) ([a-z]+(?: [a-z]+)?)\s*,?\s+(?:i|we)\b", before):
        return story.group(1)
    subject = re.sub(r"\([^()]*\)|[\"']", " ", before)
    subject = re.sub(r"\s+(?:is|are)\s+the\s*$|\s+(?:to be|be)\s+the\s*$", "", subject.strip())
    words = re.findall(r"[a-z]+", subject.split(";")[-1].split(",")[-1])
    words = [w for w in words if w not in ("the", "a", "an", "our", "my")]
    return " ".join(words[-2:]) if words else ""


def _verbs(text: str) -> list[Operation]:
    ops: list[Operation] = []
    for word in re.findall(r"[a-z]+", text):
        ops += [op for op in verb_operations(word) if op not in ops]
    return ops


_MORE_VERB = re.compile(r"\s+(?:and|or)\s+(?P<verb>[a-z]+)\s+(?:one|it|them|those|these)$")


def _actions_and_objects(rest: str) -> tuple[list[Operation], str]:
    """ "create, edit and delete events and venues" -> ([create, update, delete], "events and venues")."""
    words = re.findall(r"[a-z]+|,|/", rest)
    ops: list[Operation] = []
    for i, word in enumerate(words):
        if word in (",", "/", "and", "or"):
            continue
        found = verb_operations(word)
        if not found:
            objects = " ".join(w for w in words[i:] if w not in (",",))
            if more := _MORE_VERB.search(objects):  # "change a book or delete one"
                ops += [op for op in verb_operations(more.group("verb")) if op not in ops]
                objects = objects[: more.start()]
            return ops, objects
        ops += [op for op in found if op not in ops]
    return ops, ""


def _record(
    draft: Draft,
    roles_text: str,
    actions: list[Operation],
    objects: str,
    rest: str,
    *,
    make: bool = True,
) -> bool:
    """Record "only <roles> can <actions> <objects>"; the objects are entities either way
    (`make`), or only where the text names such entities elsewhere."""
    roles = [r for r in (role_name(x) for x in split_list(roles_text)) if r]
    if not roles:
        return False
    targets = _targets(objects, draft, make=make)
    if draft.auth is None:
        draft.auth = True
    if any(r in _OWNERS for r in roles) or "their own" in rest:
        return True  # ownership: rules.py reads it once the entities are known
    named = [r for r in roles if r not in GENERIC_ACTORS and singular(r) not in GENERIC_ACTORS]
    for role in named:
        draft.add_role(role, "only")
    if named and actions and targets:  # "only logged-in users can post": a token is enough
        draft.permissions.append(DraftPermission(roles=named, actions=actions, targets=targets))
    return True


def _targets(objects: str, draft: Draft, *, make: bool = True) -> list[str]:
    targets: list[str] = []
    for item in split_list(objects):
        item = re.split(
            r"\s+(?:for|in|on|of|from|to|with|at|by|when|if|unless|that|which)\b", item
        )[0]
        words = tokens(item)
        if {"everything", "anything", "all"} & set(words) and len(words) <= 2:
            targets.append("*")
            continue
        key = noun_key(item)
        if key:
            if make:
                draft.entity(key)
            targets.append(key)
    return targets


def settle_roles(draft: Draft) -> list[str]:
    """Roles, most privileged first; a default "user" role last when none was named for
    ordinary users. Actors ("attendees can buy tickets") count once roles exist at all."""
    entries = list(draft.roles)
    if any(source == "explicit" for _, source in entries):
        entries = [(r, s) for r, s in entries if s != "implied"]
    if not entries:
        return []
    for actor in draft.role_candidates:
        if actor not in draft.entities and actor not in GENERIC_ACTORS:
            if actor not in [r for r, _ in entries]:
                entries.append((actor, "actor"))

    # Roles a restriction names ("only the tower captain can create services") come before
    # those who merely act or sign in ("ringers log in"): the first role is the privileged one.
    holders = {r for p in draft.permissions for r in p.roles}

    def rank(entry: tuple[str, str]) -> int:
        role, source = entry
        if source == "signup":
            return 9  # the role a new account gets: last, never the privileged first
        return ROLE_RANKS.get(role, 1 if role in holders else 2)

    ordered = sorted(entries, key=rank)
    roles = [r for r, _ in ordered]
    explicit = any(s == "explicit" for _, s in entries)
    if not explicit and not any(rank(e) >= 3 or e[1] == "actor" for e in entries):
        roles.append("user")
    return roles


def _target_key(target: str, keys: list[str]) -> str | None:
    """The entity a permission's object names: itself, else the entity its first words name
    ("match results": the match). An object that is only a field ("prices") names none: who
    may change one field is no rule of the rows."""
    if key := lookup(target, keys):
        return key
    parts = target.split("_")
    for n in range(len(parts) - 1, 0, -1):  # "match_result" -> "match"
        if (key := lookup("_".join(parts[:n]), keys)) and key != "user":
            return key
    return None


def settle_permissions(draft: Draft, roles: list[str], keys: list[str]) -> list[dict[str, Any]]:
    """The permissions the draft states, by entity and the roles allowed (the admin too)."""
    if not roles:
        return []
    rules: dict[tuple[str, tuple[str, ...]], list[Operation]] = {}
    # An admin may do anything; any other role only what a sentence grants it: "only the tower
    # captain can create services" names exactly the tower captain.
    superuser = [roles[0]] if ROLE_RANKS.get(roles[0]) == 0 else []
    for p in draft.permissions:
        allowed = tuple(dict.fromkeys([*superuser, *p.roles]))
        targets = [k for k in keys if k != "user"] if "*" in p.targets else p.targets
        for target in targets:
            key = _target_key(target, keys)
            if key:
                actions = rules.setdefault((key, allowed), [])
                actions += [a for a in p.actions if a not in actions]
    if not rules and not any(src in ("explicit", "mention", "implied") for _, src in draft.roles):
        return []  # roles of people who act ("as a receptionist, I ..."): no rule was stated
    if not rules:
        draft.note(
            f"Roles were asked for without rules: each row's creator and the {roles[0]} may change"
            f" or delete it, and only the {roles[0]} manages users."
        )
    order = list(Operation)
    return [
        {"entity": pascal(key), "actions": sorted(actions, key=order.index), "roles": list(allowed)}
        for (key, allowed), actions in rules.items()
    ]


def fit_user(draft: Draft, fields: dict[str, list[FieldDraft]]) -> None:
    """With auth, User stores no password or role columns and has a unique email."""
    user = fields.get("user")
    if user is None:
        return
    if not draft.auth and any(f.name in ("password", "password_hash") for f in user):
        draft.auth = True
        draft.note("Users have passwords, so JWT authentication is on.")
    if not draft.auth:
        return
    for f in user:
        if f.name == "role" and f.choices and not any(s == "explicit" for _, s in draft.roles):
            for role in f.choices:
                draft.add_role(role, "explicit")
    dropped = [f.name for f in user if f.name in AUTH_FIELDS]
    if dropped:
        draft.note(f"User fields {', '.join(dropped)} are handled by authentication, not stored.")
    user[:] = [f for f in user if f.name not in AUTH_FIELDS]
    if not user:
        user += [d for d in map(parse_field, ("email (unique)", "full name (optional)")) if d]
    email = next((f for f in user if f.name == "email"), None)
    if email is None:
        user.insert(0, FieldDraft(name="email", words=["email"], type=FieldType.EMAIL, unique=True))
    else:
        email.type, email.unique, email.required = FieldType.EMAIL, True, True
