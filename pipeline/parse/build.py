"""Draft -> ProjectSpec: resolve field items, add defaults, settle relations, roles and uploads.

The order matters and is the function `build`: items become fields or relations once every
entity is known; an entity nobody described gets its domain's usual fields; obvious nesting is
added; uploads get their file fields; the User entity is made fit for login; relations that
would clash or form a loop of required keys are mended; roles are ordered and enforced. Every
silent decision a person might want to know about goes into `draft.notes`. No I/O.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Collection
from dataclasses import replace
from typing import Any

from pipeline.errors import SpecError
from pipeline.naming import RESERVED_FIELD_NAMES, pascal, plural, plural_word
from pipeline.parse.access import fit_user, settle_permissions, settle_roles
from pipeline.parse.clauses import read_clauses
from pipeline.parse.decide import read_actors, vet_entities
from pipeline.parse.domains import APP_FALLBACK, DEFAULT_FIELDS, DEFAULT_FIELDS_BESIDE
from pipeline.parse.draft import Draft, DraftRelation, DraftUpload
from pipeline.parse.features import detect_domain, slug, title_of
from pipeline.parse.fields import FieldDraft, parse_field, times_of_day
from pipeline.parse.fieldwords import vet_field_words
from pipeline.parse.grants import read_grants
from pipeline.parse.phrases import is_plural, noun_key
from pipeline.parse.regexes import compiled
from pipeline.parse.relations import (
    M2M,
    M2O,
    default_relations,
    has_many_relation,
    join_who_items,
    lookup,
    made_owners,
    made_relations,
    ordinary_people,
    relation_name,
    resolve_item,
    shared_relations,
    split_link,
)
from pipeline.parse.vocab import IMPLICIT_FIELDS, RESERVED_ENTITY_KEYS
from pipeline.spec import (
    AuthKind,
    Field,
    FieldType,
    ProjectSpec,
    Upload,
    spec_from_dict,
)

EXAMPLE_SPEC = """\
For example:

    Build a blog API with posts and comments. Each post has a title, a body and a published
    flag. Comments belong to posts. Users log in with JWT; only admins can delete posts.

or as a list:

    - Books: title, isbn, published year
    - Authors: name, bio
    A book belongs to an author."""

NO_ENTITY = (
    "I could not find anything for the API to store. A spec needs at least one entity (a "
    "resource such as posts, books or orders), ideally with its fields and how entities relate."
)


def no_entity_error() -> SpecError:
    return SpecError(NO_ENTITY, hint=EXAMPLE_SPEC)


# What an entity's key or a link's name can be: words (a URL path such as "/hives/{hiveId}" is
# none, whatever a reader made of it)
_WORDS_KEY = re.compile(r"[a-z][a-z0-9_]*")


def _only_words(draft: Draft) -> None:
    """Things and links named by something that is no word ("every path under `/hives/{id}`")
    are left out: they name nothing to store."""
    bad = {k for k in draft.entities if not _WORDS_KEY.fullmatch(k)}
    for key in bad:
        del draft.entities[key]
    draft.relations = [
        r
        for r in draft.relations
        if not {r.source, r.target} & bad and (not r.name or _WORDS_KEY.fullmatch(r.name))
    ]
    for pairs in (draft.has_many, draft.weak_links, draft.shared, draft.made, draft.authored):
        pairs[:] = [(a, b) for a, b in pairs if a not in bad and b not in bad]


def build(draft: Draft) -> ProjectSpec:
    if draft.description and not draft.document:
        read_actors(draft)  # first: a role is no entity the clauses give fields to
        read_clauses(draft.description, draft)
    _only_words(draft)
    renames = vet_entities(draft)
    if renames:
        _apply_renames(draft, renames)
    vet_field_words(draft)
    _fallback_entities(draft)
    if draft.entities and not any(e.items for e in draft.entities.values()):
        if not (draft.relations or draft.has_many or draft.weak_links or draft.shared):
            names = ", ".join(pascal(k) for k in draft.entities)
            draft.note(f"No fields were named for {names}; the usual ones were guessed.")
    _merge_aliases(draft)
    _rename_reserved(draft)
    read_grants(draft)
    if not draft.entities:
        raise no_entity_error()
    if draft.roles or draft.permissions:
        if draft.auth is False:
            draft.note("Roles need sign-in, so JWT authentication is on.")
        draft.auth = True
    if draft.auth:
        draft.entity("user")
    fields, relations = _resolve(draft)
    _apply_uploads(draft, fields)
    fit_user(draft, fields)
    relations = _settle_relations(draft, fields, relations)
    for key in (k for k, fs in fields.items() if not fs):
        draft.note(
            f"{pascal(key)} has no fields of its own, only an id and its links; name its fields in "
            "the issue if it needs any."
        )
    roles = settle_roles(draft)
    makers = ordinary_people(draft.roles, draft.entities) if draft.auth else set()
    owners = made_owners(draft.made, relations, people=makers)
    keys = _ordered_keys(draft)
    data: dict[str, Any] = {
        "name": draft.name or _name(draft, keys),
        "description": draft.description.strip(),
        "domain": draft.domain or detect_domain(draft.description, keys),
        "entities": [_entity(draft, key, fields[key], owners.get(key, "")) for key in keys],
        "relations": [_relation(r) for r in relations],
        "auth": AuthKind.JWT if draft.auth else AuthKind.NONE,
        "roles": roles,
        "permissions": settle_permissions(draft, roles, keys),
        "features": {
            "pagination": draft.pagination is not False,
            "filtering": bool(draft.filtering),
            "uploads": _uploads(draft, fields),
        },
    }
    data["title"] = draft.title or title_of(data["name"])
    if draft.database:
        data["database"] = draft.database
    if draft.constraints is not None:
        data["constraints"] = draft.constraints
    return spec_from_dict(data)


def _fallback_entities(draft: Draft) -> None:
    """ "Build a blog API": no entity named, so the app's usual ones (or the app word itself)."""
    if draft.entities or not draft.app_words:
        return
    word = draft.app_words[-1]
    guess = noun_key(word)
    keys = APP_FALLBACK.get(word) or ((guess,) if guess else ())
    for key in keys:
        draft.entity(key)
    if keys and not APP_FALLBACK.get(word) and is_plural(word):
        draft.note(f"Read “{word}” as the {pascal(keys[0])} entity.")  # "a notes API"
    elif keys:
        names = ", ".join(pascal(k) for k in keys)
        draft.note(f"No entities were named; guessed {names} from “{' '.join(draft.app_words)}”.")


def _merge_aliases(draft: Draft) -> None:
    """ "support tickets" and "tickets" in one text are one entity: the one described wins.
    Two described entities ("items" and "order items", each with fields) stay two."""
    for long in list(draft.entities):
        short = long.rsplit("_", 1)[-1]
        if short == long or short not in draft.entities or long not in draft.entities:
            continue
        long_entity, short_entity = draft.entities[long], draft.entities[short]
        if (long_entity.items and short_entity.items) or long_entity.path or short_entity.path:
            continue
        keep, drop = (long, short) if long_entity.items else (short, long)
        del draft.entities[drop]
        draft.note(f"Read “{drop.replace('_', ' ')}” as {pascal(keep)}.")
        _rename(draft, {drop: keep})


def _rename_reserved(draft: Draft) -> None:
    """ "classes" in a gym API become GymClass: `class` cannot name a module, and a few other
    names are taken in every generated project."""
    renames: dict[str, str] = {}
    for key in draft.entities:
        if key in RESERVED_ENTITY_KEYS or keyword.iskeyword(key):
            # a prefix keeps "class" findable: lookup("class") matches a key ending in "_class"
            words = [w for w in draft.app_words if w != key and noun_key(w)]
            prefix = next((w for w in words if w in draft.entities), words[-1] if words else "app")
            renames[key] = (
                f"{prefix}_{key}" if f"{prefix}_{key}" not in draft.entities else f"app_{key}"
            )
            draft.note(f"“{key}” cannot name an entity here; it is {pascal(renames[key])}.")
    if not renames:
        return
    draft.entities = {
        renames.get(k, k): replace(e, key=renames.get(k, k)) for k, e in draft.entities.items()
    }
    _rename(draft, renames)


def _apply_renames(draft: Draft, renames: dict[str, str]) -> None:
    """Rename entity keys, merging into an entity of the new name when there is one."""
    for old, new in renames.items():
        entity = draft.entities.pop(old)
        if new == "user":
            draft.auth = True
        if new in draft.entities:
            draft.entities[new].items.extend(entity.items)
        else:
            draft.entities[new] = replace(entity, key=new)
    _rename(draft, renames)


def _rename(draft: Draft, renames: dict[str, str]) -> None:
    """Point every reference to an entity key at another key."""
    for r in draft.relations:
        r.source, r.target = renames.get(r.source, r.source), renames.get(r.target, r.target)
    draft.has_many = [(renames.get(a, a), renames.get(b, b)) for a, b in draft.has_many]
    draft.weak_links = [(renames.get(a, a), renames.get(b, b)) for a, b in draft.weak_links]
    draft.shared = [(renames.get(a, a), renames.get(b, b)) for a, b in draft.shared]
    draft.made = [(renames.get(a, a), renames.get(b, b)) for a, b in draft.made]
    draft.authored = [(renames.get(a, a), renames.get(b, b)) for a, b in draft.authored]
    for p in draft.permissions:
        p.targets = [renames.get(t, t) for t in p.targets]
    for u in draft.uploads:
        u.entity = renames.get(u.entity, u.entity)


def _resolve(draft: Draft) -> tuple[dict[str, list[FieldDraft]], list[DraftRelation]]:
    keys = set(draft.entities)
    people = {r for r, _ in draft.roles if r not in keys} if draft.auth else set()
    makers = ordinary_people(draft.roles, keys) if draft.auth else set()
    fields: dict[str, list[FieldDraft]] = {key: [] for key in draft.entities}
    relations = list(draft.relations)
    has_many = list(draft.has_many)
    for key, entity in draft.entities.items():
        for item in join_who_items(entity.items, keys):
            if isinstance(item, Field):
                fields[key].append(_typed(item))
                continue
            item, link = split_link(item, key, keys)
            if link:
                relations.append(link)
            if not item:
                continue  # the item was the link alone ("in a building")
            resolved = resolve_item(item, key, keys, people=people)
            if isinstance(resolved, FieldDraft):
                fields[key].append(resolved)
            elif isinstance(resolved, tuple):
                has_many.append(resolved)
            elif resolved:
                relations.extend(resolved)
        times_of_day(fields[key])
        if not fields[key] and not (key == "user" and draft.auth):
            linked = bool(entity.items) or any(child == key for child, _ in draft.weak_links)
            fields[key] = _defaults(key, keys, linked_only=linked)
            if fields[key] and any(e.items for e in draft.entities.values()):  # a guess, said
                guessed = ", ".join(f.name for f in fields[key])
                draft.note(f"{pascal(key)} got the usual fields ({guessed}): the text names none.")
    pairs = set(has_many)
    for owner, owned in has_many:
        if (owned, owner) in pairs and owner < owned:
            continue  # both sides "have many" the other: one many-to-many, added once
        if (owned, owner) in pairs:
            relations.append(DraftRelation(kind=M2M, source=owner, target=owned))
        else:
            relations.append(has_many_relation(owner, owned))
    for child, parent in draft.weak_links:
        child_key, parent_key = lookup(child, keys), lookup(parent, keys)
        if child_key and parent_key:
            relations.append(DraftRelation(kind=M2O, source=child_key, target=parent_key))
    relations = _many_both_ways(draft, keys, relations)
    relations += default_relations(list(draft.entities), relations)
    relations += made_relations([*draft.made, *draft.authored], keys, relations, people=makers)
    relations += shared_relations(draft.shared, keys, relations)
    return fields, relations


def _many_both_ways(
    draft: Draft, keys: Collection[str], relations: list[DraftRelation]
) -> list[DraftRelation]:
    """ "a photo can be in many albums": a link between the two is many-to-many, whatever
    the other sentences made of it."""
    for one, other in draft.many_both:
        a, b = lookup(one, keys), lookup(other, keys)
        if not a or not b or a == b:
            continue
        pair = {a, b}
        relations = [r for r in relations if {r.source, r.target} != pair]
        relations.append(DraftRelation(kind=M2M, source=b, target=a))
    return relations


def _typed(item: Field) -> FieldDraft:
    return FieldDraft(
        name=item.name,
        words=item.name.split("_"),
        type=item.type,
        explicit_type=True,
        required=item.required,
        unique=item.unique,
        default=item.default,
        choices=list(item.choices),
        max_length=item.max_length,
        description=item.description,
    )


def _defaults(key: str, keys: Collection[str], *, linked_only: bool = False) -> list[FieldDraft]:
    """The usual fields of a common noun ("post": title, body), else just a name. An entity
    described only by its links ("patients book appointments with doctors") gets the usual
    fields too, but no guessed name: an Appointment has a time, a Visit need not have a name."""
    beside = [
        fs for (noun, other), fs in DEFAULT_FIELDS_BESIDE.items() if noun == key and other in keys
    ]
    phrases = (
        (beside[0] if beside else None)
        or DEFAULT_FIELDS.get(key)
        or DEFAULT_FIELDS.get(key.split("_")[-1])
        or (() if linked_only else ("name",))
    )
    return [d for d in map(parse_field, phrases) if d is not None]


def _apply_uploads(draft: Draft, fields: dict[str, list[FieldDraft]]) -> None:
    """Give every upload its file field, and every file field an upload."""
    for upload in draft.uploads:
        if not upload.entity:
            if any(f.type is FieldType.FILE for fs in fields.values() for f in fs):
                continue  # a typed file field already says where files go
            upload.entity = next((k for k in draft.entities if k != "user"), "user")
            draft.note(
                f"File uploads were asked for without a target; {pascal(upload.entity)} "
                f"gets a `{upload.field}` file."
            )
        key = lookup(upload.entity, fields) or upload.entity
        if key not in fields:
            draft.entity(key)
            fields[key] = [] if key == "user" and draft.auth else _defaults(key, fields)
        upload.entity = key
        existing = next((f for f in fields[key] if f.name == upload.field), None)
        if existing:
            existing.type, existing.required, existing.choices = FieldType.FILE, False, []
            existing.default = None
        else:
            fields[key].append(
                FieldDraft(
                    name=upload.field, words=[upload.field], type=FieldType.FILE, required=False
                )
            )
    declared = {(u.entity, u.field) for u in draft.uploads if u.entity}
    for key, entity_fields in fields.items():
        for f in entity_fields:
            if f.type is FieldType.FILE and (key, f.name) not in declared:
                draft.uploads.append(DraftUpload(entity=key, field=f.name))
                declared.add((key, f.name))


# Words that ask for a thing linked to its own kind: subcategories, replies, friends, managers.
_NESTING = re.compile(
    r"\b(?:parent|sub-?[a-z]+|nested|children|child|reports? to|repl(?:y|ies) to|follows?|followers?"
    r"|friends?|manager of|managed by|related|duplicates? of|linked to other|references? other)\b"
)


def _settle_relations(
    draft: Draft, fields: dict[str, list[FieldDraft]], relations: list[DraftRelation]
) -> list[DraftRelation]:
    """Drop duplicates, let a relation win over a field of its name, and break loops of
    required foreign keys (a row could never be inserted)."""
    kept: list[DraftRelation] = []
    seen: set[tuple[str, str]] = set()
    pairs: set[frozenset[str]] = set()
    links: set[tuple[str, str]] = set()  # (source, target) of the many-to-one links kept
    parents: dict[str, set[str]] = {}
    for r in relations:
        if r.kind is M2O:
            parents.setdefault(r.source, set()).add(r.target)
    linked = {frozenset((a, b)) for ps in parents.values() for a in ps for b in ps if a != b}
    nesting = bool(_NESTING.search(draft.description.lower()))
    for r in relations:
        if r.kind is M2M and frozenset((r.source, r.target)) in linked:
            continue  # a link entity (Membership) joins the two already: no second link
        if r.source == r.target and not nesting and r.name in ("", "parent"):
            continue  # a thing linked to itself only where the text nests or pairs them
        if r.source not in fields or r.target not in fields:
            continue
        name = relation_name(r)
        if keyword.iskeyword(name) or name in RESERVED_FIELD_NAMES:
            name = r.name = f"{name}_ref"  # "from", "class": not an attribute name
        pair = frozenset((r.source, r.target))
        if (r.source, name) in seen or (not r.name and r.source != r.target and pair in pairs):
            continue
        if r.kind is M2O and r.name == r.target and (r.source, r.target) in links:
            continue  # "is in one class" read twice: the link named by its target is no second
        seen.add((r.source, name))
        pairs.add(pair)
        if r.kind is M2O:
            links.add((r.source, r.target))
        fk = f"{name}_id"
        clashing = [f.name for f in fields[r.source] if f.name in (name, fk)]
        fields[r.source][:] = [f for f in fields[r.source] if f.name not in (name, fk)]
        if clashing and r.kind is M2M:
            draft.note(f"{pascal(r.source)}.{clashing[0]} became a link to {pascal(r.target)}.")
        kept.append(r)
    graph: dict[str, set[str]] = {}
    for r in kept:
        if r.kind is not M2O or not r.required:
            continue
        if r.source == r.target or _reaches(graph, r.target, r.source):
            r.required = False
            continue
        graph.setdefault(r.source, set()).add(r.target)
    return kept


def _reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    stack, seen = [start], set()
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        if node not in seen:
            seen.add(node)
            stack.extend(graph.get(node, ()))
    return False


def _uploads(draft: Draft, fields: dict[str, list[FieldDraft]]) -> list[Upload]:
    uploads: list[Upload] = []
    for u in draft.uploads:
        if not u.entity or u.entity not in fields:
            continue
        if any(x.entity == pascal(u.entity) and x.field == u.field for x in uploads):
            continue
        extra: dict[str, Any] = {}
        if u.max_size_mb:
            extra["max_size_mb"] = u.max_size_mb
        if u.content_types:
            extra["content_types"] = u.content_types
        uploads.append(Upload(entity=pascal(u.entity), field=u.field, **extra))
    return uploads


def _ordered_keys(draft: Draft) -> list[str]:
    """User first (it owns things), then the order in which the text first mentions each."""
    text = draft.description.lower()

    def first_mention(key: str) -> int:
        words = key.split("_")
        forms = [" ".join(words), " ".join([*words[:-1], plural_word(words[-1])]), key]
        hits = [m.start() for f in forms for m in compiled(rf"\b{re.escape(f)}\b").finditer(text)]
        return min(hits, default=len(text))

    keys = list(draft.entities)
    return sorted(keys, key=lambda k: (k != "user", first_mention(k), keys.index(k)))


def _name(draft: Draft, keys: list[str]) -> str:
    name = slug(draft.app_words)
    if not name:
        main = next((k for k in keys if k != "user"), keys[0])
        name = slug([plural(main).replace("_", " ")])
    return name or "api"


def _entity(draft: Draft, key: str, fields: list[FieldDraft], owner: str = "") -> dict[str, Any]:
    entity = draft.entities[key]
    chosen: dict[str, FieldDraft] = {}
    for f in fields:
        if f.name in IMPLICIT_FIELDS:
            continue
        first = chosen.get(f.name)
        if first is None or (
            f.choices and first.type is FieldType.STRING and not first.explicit_type
        ):
            chosen[f.name] = f  # "the status of a reservation (a, b)" said after "a status"
    out = [f.to_field() for f in chosen.values()]
    data: dict[str, Any] = {"name": pascal(key), "fields": out}
    for attr in ("path", "id_param", "description"):
        if getattr(entity, attr):
            data[attr] = getattr(entity, attr)
    if entity.operations is not None:
        data["operations"] = entity.operations
    if owner and draft.auth:
        data["owner"] = owner  # "customers write reviews": who made a row owns it
    return data


def _relation(r: DraftRelation) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": r.kind, "source": pascal(r.source), "target": pascal(r.target)}
    if r.name:
        data["name"] = r.name
    if r.kind is M2O:
        data["required"] = r.required
    return data
