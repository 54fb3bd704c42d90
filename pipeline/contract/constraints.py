"""What a document's words and codes say about writes and reads across its operations: values no
two records share (409), records a body names that must exist (404), spans whose end follows
their start and that must not overlap, and collections every signed-in caller may read. Each
`mark_*` adds what it finds to the plans (`pipeline.contract.patterns`). No I/O."""

from __future__ import annotations

import re
from typing import Any

from pipeline.contract.document import PROSE, ApiOperation, blocks, sentences
from pipeline.contract.schemas import (
    Schemas,
    names_word,
    norm,
    referred_collection,
    spoken,
    words_of,
)

# Property names that usually identify a record to people, so that a second one is a conflict
# (409) where the operation declares 409 and its words name no property.
_IDENTIFYING = (
    "email",
    "username",
    "login",
    "handle",
    "slug",
    "code",
    "sku",
    "isbn",
    "key",
    "name",
    "url",
    "domain",
)


_EVERYONE = re.compile(
    r"\b(every(one|body)|any(one|body)|all (signed[- ]in |logged[- ]in )?(users|members|people"
    r"|callers|clients)|any (signed[- ]in |logged[- ]in )?(user|member|caller)|other (users|members"
    r"|people)|each other'?s?|shared (with|by|among|between)|(is|are) (a )?shared|a shared"
    r"|all \w+s (can|may) (see|read|view|list|browse)"
    r"|(every|each|any|all) (signed[- ]in|logged[- ]in|registered|authenticated) \w+)\b",
    re.I,
)


_READS = re.compile(r"\b(see|sees|read|reads|list|lists|view|views|browse|browses|visible)\b", re.I)


_EDITS = re.compile(r"\b(edit|edits|change|changes|update|updates|modify|modifies)\b", re.I)


_PRIVATE = re.compile(r"\b(own|only|private|nobody|no one|never|cannot|can't|not)\b", re.I)


# A word for keeping records to oneself, negated ("it's a board, not private", "aren't
# secret"): it says the records are shared, so it makes no sentence private.
_NOT_PRIVATE = re.compile(
    r"\b(not|never|no longer|is ?n'?t|are ?n'?t|nothing)\s+(\w+\s+)?(private|secret|hidden|personal)\b",
    re.I,
)


def mark_shared(
    plans: dict[str, dict[str, Any]],
    prose: str,
    open_reads: frozenset[str] = frozenset(),
    refused: frozenset[str] = frozenset(),
) -> None:
    """Collections whose reads the words give to every signed-in caller ("Any signed-in user
    can see all posts"; not "users only ever see their own notes"): their lists and reads show
    everyone's records, while changing one stays its owner's. Those whose list needs no sign-in
    (`open_reads`) are "seen_by_all": a value no two records share is unique among all. Those
    whose changes declare 403 (`refused`: seen, not changed) are shared too, unless the words
    hide one caller's records from another behind a 404."""
    sentences = re.split(r"(?<=[.!?;])\s+|\n\s*\n|,?\s+\b(?:but|while|whereas)\b", prose)
    shared = [t for t in sentences if t and _EVERYONE.search(t) and _READS.search(t)]
    shared = [t for t in shared if not _PRIVATE.search(_NOT_PRIVATE.sub(" ", t))]
    # "everybody sees the same board", "every signed-in person can read every submission",
    # naming no collection: the app's records, all of them
    whole = any(_ALL_OF_THEM.search(t) for t in shared if not _names_any(t, plans))
    for plan in plans.values():
        collection = str(plan.get("collection", ""))
        word = collection.rstrip("/").rsplit("/", 1)[-1].lower()
        if not word or "{" in word:
            continue
        if (whole and "{" not in collection) or any(names_word(t, word) for t in shared):
            plan["shared"] = True
    edited = [t for t in sentences if t and _EVERYONE.search(t) and _EDITS.search(t)]
    edited = [t for t in edited if not _PRIVATE.search(_NOT_PRIVATE.sub(" ", t))]
    for plan in plans.values():  # "any logged in user can edit (it's a wiki)"
        collection = str(plan.get("collection", ""))
        word = collection.rstrip("/").rsplit("/", 1)[-1].lower()
        if plan.get("pattern") not in ("update", "replace") or not word or "{" in word:
            continue
        if any(names_word(t, word) for t in edited):
            plan["shared_writes"] = True
    for plan in plans.values():  # "anyone can browse the library": everyone sees every game
        if plan.get("collection") in open_reads and not plan.get("shared"):
            plan["seen_by_all"] = True
    hidden = any(_HIDDEN.search(t) for t in sentences)
    for plan in plans.values():  # "only the starter may close it; anybody else gets 403"
        if plan.get("collection") in refused and not hidden and not plan.get("seen_by_all"):
            plan["shared"] = True
    opened = {p["collection"] for p in plans.values() if p.get("shared") or p.get("seen_by_all")}
    for plan in plans.values():  # offers on a shared request: its owner is not all who add them
        parent = plan.get("parent")
        if isinstance(parent, dict) and parent.get("collection") in opened:
            plan["parent"] = {**parent, "shared": True}


# "someone else's yarn is 404", "other users get a 404", "look like it doesn't exist (404)"
_HIDDEN = re.compile(
    r"(?=.*\b404\b)(?=.*\b(other|others|another|someone else|somebody else|anyone else|not (yours"
    r"|theirs|their own|your own)|does ?n[o']t exist|do ?n[o']t exist|not exist|own)\b)",
    re.I,
)


_ALL_OF_THEM = re.compile(
    r"\b(the same|shared)\b|\b(see|sees|read|reads|view|views|browse|browses)\s+"
    r"(every|all|each other'?s?|everything|any)\b",
    re.I,
)


def _names_any(text: str, plans: dict[str, dict[str, Any]]) -> bool:
    """Whether `text` names a top-level collection of the plans ("posts", "post")."""
    for plan in plans.values():
        collection = str(plan.get("collection", ""))
        word = collection.rstrip("/").rsplit("/", 1)[-1].lower()
        if word and "{" not in collection and names_word(text, word):
            return True
    return False


_STARTS = ("start", "starts", "begin", "begins", "from", "checkin", "opens", "valid_from")


_ENDS = ("end", "ends", "finish", "finishes", "to", "until", "checkout", "closes", "valid_until")


def _span(names: list[str]) -> list[str]:
    """[start, end]: two properties that bound a time or a range ("starts_at" / "ends_at",
    "start_date" / "end_date", "check_in" / "check_out"), else []."""
    split = {n: re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", n).lower().split("_") for n in names}
    for start, words in split.items():
        for i, word in enumerate(words):
            if word not in _STARTS:
                continue
            for end, others in split.items():
                if end == start or len(others) != len(words):
                    continue
                rest = [w for j, w in enumerate(words) if j != i]
                if others[i] in _ENDS and [w for j, w in enumerate(others) if j != i] == rest:
                    return [start, end]
    joined = {norm(n): n for n in names}
    for a, b in (("checkin", "checkout"), ("arrival", "departure")):
        if a in joined and b in joined:
            return [joined[a], joined[b]]
    return []


def _orders(prop: dict[str, Any]) -> bool:
    """Whether a property's values come in an order a span runs along: a date, a time, a
    number (not a place: "from_city" and "to_city" bound no span)."""
    kind = prop.get("type")
    kinds = {k for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)}
    if kinds & {"integer", "number"}:
        return True
    return "string" in kinds and prop.get("format") in ("date", "date-time", "time")


def mark_spans(ops: list[ApiOperation], plans: dict[str, dict[str, Any]], schemas: Schemas) -> None:
    """Writes whose body bounds a span and that declare an answer to invalid input (400 or
    422): its end must come after its start; where the create declares 409, a span
    overlapping another record's in the same scope conflicts (touching ends do not). A write
    that declares neither is not refused for its span: no answer its document does not declare."""
    for op in ops:
        plan = plans.get(op.key) or {}
        if plan.get("pattern") not in ("create", "replace", "update", "upsert"):
            continue
        ordered = bool({"400", "422"} & set(op.responses))
        overlap = "409" in op.responses and plan["pattern"] == "create"
        props = schemas.body_properties(op)
        span = _span([n for n, raw in props.items() if _orders(schemas.resolve(raw))])
        if span and (ordered or overlap):
            plan["span"] = span
            plan["ordered"] = ordered
            plan["overlap"] = overlap
        numbers = [n for n, raw in props.items() if _orders(schemas.resolve(raw))]
        bounds = [pair for pair in _min_max(numbers) if pair != span]
        if bounds and ordered:  # "min_players" above "max_players": invalid
            plan["bounds"] = bounds
            told = words_of(
                schemas.resolve(schemas.resolve(schemas.operation(op).get("responses")).get("400"))
            )
            if any(re.search(rf"\b{spoken(n)}\b", told, re.I) for pair in bounds for n in pair):
                plan["bounds_status"] = 400  # the 400 answer is for just this


def _min_max(names: list[str]) -> list[list[str]]:
    """[low, high] pairs of properties bounding one amount ("min_players" / "max_players",
    "priceMin" / "priceMax")."""
    split = {n: re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", n).lower().split("_") for n in names}
    pairs = []
    for low, words in split.items():
        for i, word in enumerate(words):
            if word not in ("min", "minimum", "lowest", "least"):
                continue
            for high, others in split.items():
                rest = [w for j, w in enumerate(words) if j != i]
                same = (
                    len(others) == len(words)
                    and [w for j, w in enumerate(others) if j != i] == rest
                )
                if high != low and same and others[i] in ("max", "maximum", "highest", "most"):
                    pairs.append([low, high])
    return pairs


def mark_references(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    creates: dict[str, str],
    schemas: Schemas,
) -> None:
    """Body properties that name a record of another collection ("book_id" of "/books",
    "authorId" of "/authors"): where the write declares 404, one naming a record that does not
    exist answers 404."""
    for op in ops:
        plan = plans.get(op.key) or {}
        if plan.get("pattern") not in ("create", "replace", "update", "upsert"):
            continue
        if "404" not in op.responses:
            continue
        found: dict[str, dict[str, Any]] = {}
        for name, raw in schemas.body_properties(op).items():
            target = referred_collection(name, creates)
            # a nested collection's records are found by their parent too: not by an id alone
            if not target or "/" in target.strip("/") or target == plan.get("collection"):
                continue
            kind = schemas.resolve(raw).get("type")
            ref: dict[str, Any] = {"collection": target, "id_type": kind or "string"}
            method, path = creates[target].split(" ", 1)
            if method == "PUT":  # named by its path value
                ref["id_field"] = path.rsplit("/", 1)[-1].strip("{}")
            found[name] = ref
        if found:
            plan["refs"] = found


def mark_uniques(
    ops: list[ApiOperation], plans: dict[str, dict[str, Any]], schemas: Schemas
) -> None:
    """The body properties whose value no two records of a collection share, where a write
    declares 409: those the words of its 409 answer or of the operation name ("a book with this
    ISBN exists"), those a property's own description calls unique, else the first required one
    that identifies a record to people (an email, a slug, a name); several the words give 409
    for together ("the same room, date and slot") as one group. Every write to the collection
    checks them (409)."""
    found: dict[str, list[Any]] = {}
    prose = str(schemas.doc.get(PROSE, ""))
    tops = {p["collection"] for p in plans.values() if "{" not in str(p.get("collection", "{"))}
    for op in ops:
        plan = plans.get(op.key) or {}
        if plan.get("pattern") not in ("create", "replace", "update") or "409" not in op.responses:
            continue
        if plan.get("overlap"):  # the conflict is an overlapping span, not a taken value
            continue
        raw = schemas.operation(op)
        conflict = schemas.resolve(schemas.resolve(raw.get("responses")).get("409"))
        body = schemas.body_properties(op)
        said = _taken_in_prose(prose, plan["collection"], body, alone=len(tops) == 1)
        if len(said) > 1:  # "the same room, date and slot twice": the three together
            found.setdefault(plan["collection"], [])
            if said not in found[plan["collection"]]:
                found[plan["collection"]].append(said)
            continue
        names = _named_in(words_of(conflict), body)
        names = names or [
            n for n in body if re.search(r"\bunique\b", words_of(schemas.resolve(body[n])), re.I)
        ]
        names = names or _named_in(words_of(raw), body)
        names = names or said
        if not names and not (plan.get("not_when") or plan.get("only_when")):
            needed = _required_body(op, schemas) or list(body)
            names = [n for w in _IDENTIFYING for n in needed if norm(n) == w][:1]
            names = names or [n for n in needed if norm(n).endswith(_IDENTIFYING)][:1]
        if names:
            found.setdefault(plan["collection"], [])
            found[plan["collection"]] += [n for n in names if n not in found[plan["collection"]]]
    for plan in plans.values():
        if plan.get("pattern") in ("create", "replace", "update"):
            if plan.get("collection") in found:
                plan["unique"] = found[plan["collection"]]


_TAKEN = re.compile(
    r"\b(same|twice|taken|duplicates?|already (exists|used|there)|unique|again)\b", re.I
)


def _taken_in_prose(
    prose: str, collection: str, body: dict[str, Any], *, alone: bool = False
) -> list[str]:
    """The body properties a sentence of the words gives 409 for a repeat of, in a paragraph or
    list item about the collection ("- adding a game: ... The same title twice (ignoring case)
    → 409."), or in any where it is the only collection (`alone`)."""
    word = collection.rstrip("/").rsplit("/", 1)[-1].lower()
    for line in blocks(prose):
        if not alone and not names_word(line, word):
            continue
        for sentence in re.split(r"(?<=[.!?;])\s+", line):
            if "409" not in sentence:
                continue
            names: list[str] = []  # of the clauses that say "same": not "(... taken username
            for clause in re.split(r"[:;()]", sentence):  # = 409), then ... a form body"
                found = _named_in(clause, body) if _TAKEN.search(clause) else []
                names += [n for n in found if n not in names]
            if names:
                return names
    return []


def _named_in(text: str, body: dict[str, Any]) -> list[str]:
    """The body properties `text` names, but for those it compares ("maxSize below the member
    count" is a bound, not a value taken)."""
    compared = r"\s+(?:is\s+)?(?:below|above|under|over|exceeds?|less|more|greater|lower|higher)\b"
    return [
        n
        for n in body
        if re.search(rf"\b{spoken(n)}\b", text, re.I)
        and not re.search(rf"\b{spoken(n)}\b{compared}", text, re.I)
    ]


def _required_body(op: ApiOperation, schemas: Schemas) -> list[str]:
    raw = schemas.resolve(schemas.operation(op).get("requestBody"))
    content = raw.get("content")
    for spec in (content if isinstance(content, dict) else {}).values():
        body = schemas.resolve(schemas.resolve(spec).get("schema"))
        parts = body.get("allOf")
        names: list[str] = []
        for part in [body, *(parts if isinstance(parts, list) else [])]:
            needed = schemas.resolve(part).get("required")
            names += [str(n) for n in needed] if isinstance(needed, list) else []
        return names
    return []


_IDS = re.compile(r"(.+?)_?(ids|Ids|IDs|IDS)")  # "dish_ids", "tagIds"


def mark_links(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    creates: dict[str, str],
    schemas: Schemas,
) -> None:
    """A write naming records of another collection by their ids ("dish_ids": [3, 1] of
    "/dishes"), whose answer writes them out in full ("dishes"): each id must name a record
    (400, else 404, else 422 where declared), and every answer of the collection shows the
    records named, in the given order, leaving out those deleted since."""
    found: dict[str, dict[str, dict[str, Any]]] = {}
    for op in ops:
        plan = plans.get(op.key) or {}
        if plan.get("pattern") not in ("create", "replace", "update", "upsert"):
            continue
        answered = schemas.response_properties(op)
        for name, raw in schemas.body_properties(op).items():
            prop = schemas.resolve(raw)
            match = _IDS.fullmatch(name)
            if match is None or prop.get("type") != "array":
                continue
            target = referred_collection(match.group(1) + "_id", creates)
            if not target or "/" in target.strip("/") or target == plan.get("collection"):
                continue
            word = norm(target.rsplit("/", 1)[-1])
            shown = next(
                (
                    n
                    for n, p in answered.items()
                    if norm(n) in (word, norm(match.group(1)) + "s")
                    and schemas.resolve(p).get("type") == "array"
                ),
                "",
            )
            kind = schemas.resolve(prop.get("items")).get("type")
            link = {"collection": target, "id_type": "integer" if kind == "integer" else "string"}
            if shown:
                link["as"] = shown
            found.setdefault(plan["collection"], {})[name] = link
    for plan in plans.values():
        if plan.get("collection") in found and plan.get("pattern") != "facet":
            plan["links"] = found[plan["collection"]]


# "not open", "no longer active", "isn't yet published": the word (or the next) names a state.
_NOT_STATE = re.compile(r"\b(?:not|no longer|isn'?t)\s+([a-z_]+)(?:\s+([a-z_]+))?", re.I)


def mark_shared_children(
    ops: list[ApiOperation],
    plans: dict[str, dict[str, Any]],
    creates: dict[str, str],
    schemas: Schemas,
) -> None:
    """What others add below a record every signed-in caller reads ("POST /requests/{id}/offers"
    on a shared board), by the codes its create declares: 403, adding below one's own record;
    409, a second one by the same caller (where no value is said to be unique) and, where the
    409's words say "not <state>" of a state the parent's enum holds ("request not open"),
    adding below a record in another state."""
    for op in ops:  # what is below a record everyone reads, everyone reads (unless 403)
        plan = plans.get(op.key) or {}
        parent = plan.get("parent") or {}
        if op.method == "GET" and parent.get("shared") and "403" not in op.responses:
            plan["shared"] = True
    for op in ops:
        plan = plans.get(op.key) or {}
        parent = plan.get("parent") or {}
        if plan.get("pattern") != "create" or not parent.get("shared") or not op.security:
            continue
        if "403" in op.responses:
            plan["not_own_parent"] = True
        if "409" not in op.responses:
            continue
        if not any(plan.get(k) for k in ("unique", "overlap", "capacity")):
            plan["once"] = True  # the 409 is not for a taken value, an overlap or a full one
        conflict = schemas.resolve(schemas.resolve(schemas.operation(op).get("responses"))["409"])
        create = creates.get(parent["collection"], "")
        if not create:
            continue
        method, path = create.split(" ", 1)
        made = ApiOperation(method=method, path=path, responses={"201": []})
        answered = schemas.response_properties(made) or schemas.response_properties(
            ApiOperation(method=method, path=path, responses={"200": []})
        )
        # the 409's words, and the sentences around the document that give 409 for the parent
        word = parent["collection"].rsplit("/", 1)[-1].lower()
        noun = word[:-1] if word.endswith("s") else word
        prose = str(schemas.doc.get(PROSE, ""))
        texts = [words_of(conflict)] + [
            t
            for t in [*re.split(r"(?<=[.!?;])\s+|\n", prose), *sentences(prose)]
            if "409" in t and re.search(rf"\b{re.escape(noun)}", t, re.I)
        ]
        for said in (w for t in texts for pair in _NOT_STATE.findall(t) for w in pair if w):
            for name, raw in answered.items():
                values = schemas.resolve(raw).get("enum")
                if isinstance(values, list) and said.lower() in map(str, values):
                    plan["parent_state"] = {name: said.lower()}
        if "parent_state" in plan:
            continue
        adjective = rf"\b(?:a|an|the|any)\s+`?(\w+)`?\s+{re.escape(noun)}"  # "a closed petition"
        for said in (m.lower() for t in texts for m in re.findall(adjective, t, re.I)):
            for name, raw in answered.items():
                enum = schemas.resolve(raw).get("enum")
                values = [str(v) for v in enum] if isinstance(enum, list) else []
                if len(values) == 2 and said in values:  # the other of two states
                    plan["parent_state"] = {name: next(v for v in values if v != said)}


# "two different residents may use the same title", "another keeper may reuse it", "unique per
# member": a repeat counts among one caller's records only.
_PER_OWNER = re.compile(
    r"\b(?:two\s+)?(?:different|another|other|two)\s+\w+s?\s+(?:may|can|could|are allowed to)"
    r"(?:\s+of\s+course)?\s+(?:\w+\s+)?(?:use|reuse|re-use|have|own|pick|take|share|choose)\b"
    r"|\b(?:unique|once|taken)\s+(?:per|for each|within each|among each)\s+(?:user|member|owner|person"
    r"|account|caller|customer|player|author|key)\b",
    re.I,
)


def mark_unique_per_owner(plans: dict[str, dict[str, Any]], prose: str) -> None:
    """Values no two of one caller's records share, where the words let another caller repeat
    them, on a collection every caller reads: "unique_per_owner"."""
    said = [t for t in re.split(r"(?<=[.!?;])\s+|\n\s*\n", prose) if _PER_OWNER.search(t)]
    for plan in plans.values():
        unique = [g if isinstance(g, list) else [g] for g in plan.get("unique", [])]
        if not unique or not (plan.get("shared") or plan.get("seen_by_all")):
            continue
        names = {n for group in unique for n in group}
        if any(re.search(rf"\b{spoken(n)}s?\b", t, re.I) for n in names for t in said):
            plan["unique_per_owner"] = True
