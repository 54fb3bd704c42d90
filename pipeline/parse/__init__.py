"""An API description -> `ProjectSpec`, by rules alone (no model). No I/O.

    parse_spec(text) -> ProjectSpec
    parse_spec_with_notes(text, defaults=None) -> (ProjectSpec, notes)  # notes: what was guessed

What people write, tried in this order:
1. a fenced ```yaml block (or the whole text) in codebegen's own format -> `ProjectSpec.from_yaml`;
2. an OpenAPI 3 document, fenced yaml/json or the whole text -> `openapi.py`;
3. the seed's "### API Description / ### Technical Context" template -> `template.py`, whose
   description is then read as in 4;
4. markdown (headings, bullets, tables -> `lists.py`) and free sentences (-> `natural.py`).
Text with nothing to store raises `SpecError`: what a spec needs, and an example as the hint.

The stages of 3 and 4: the readers propose entities, fields and links into a `Draft`; `decide.py`
keeps only entities named by nouns (spaCy, `nlp.py`); `build.py` settles the draft into a spec;
`units.py` splits the text into sentences, list items and table rows, `rules.py` reads business
rules, ownership and read access from them, and `explain.py` accounts for every unit and asks the
questions (`understand`).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import yaml

from pipeline.errors import SpecError
from pipeline.parse.access import detect_auth, detect_roles
from pipeline.parse.account import SentenceAccount, SentenceStatus, Understanding
from pipeline.parse.build import EXAMPLE_SPEC, build, no_entity_error
from pipeline.parse.camel import joined_particles, spaced_names
from pipeline.parse.draft import Draft, DraftRelation
from pipeline.parse.explain import account, questions
from pipeline.parse.features import app_words, detect_database, detect_list_features, slug
from pipeline.parse.lists import read_markdown
from pipeline.parse.loose import status_codes_as_text, tidy_openapi
from pipeline.parse.moments import one_moment
from pipeline.parse.natural import clean_keep_lines
from pipeline.parse.openapi import is_openapi, read_openapi
from pipeline.parse.rules import read_rules
from pipeline.parse.signin import read_signing_roles
from pipeline.parse.template import is_template, read_config_lines, split_template
from pipeline.parse.units import Unit, split_units
from pipeline.parse.wraps import join_wrapped
from pipeline.parse.yaml12 import load_yaml12
from pipeline.spec import (
    MAX_DESCRIPTION_CHARS,
    AuthKind,
    ProjectSpec,
    StackDefaults,
    spec_from_dict,
)

__all__ = [
    "EXAMPLE_SPEC",
    "SentenceAccount",
    "SentenceStatus",
    "Understanding",
    "embedded_document",
    "parse_spec",
    "parse_spec_with_notes",
    "understand",
]

_FENCE = re.compile(
    r"^[ \t]*(?P<tick>```+|~~~+)[ \t]*(?P<lang>[\w+-]*)[^\n]*\n(?P<body>.*?)^[ \t]*(?P=tick)[ \t]*$",
    re.M | re.S,
)
_DOCUMENT_START = re.compile(
    r"^\s*(?:\{|(?:openapi|swagger|entities|version|name|info|paths|components)\s*:)"
)


def parse_spec(text: str) -> ProjectSpec:
    """The spec a description asks for; `SpecError` when it asks for nothing buildable."""
    return parse_spec_with_notes(text)[0]


def parse_spec_with_notes(
    text: str, defaults: StackDefaults | None = None
) -> tuple[ProjectSpec, list[str]]:
    """The spec, and notes on what was guessed or left out (for the person to check).

    `defaults` (a repository's stack) fills in what prose does not say; documents are as written.
    """
    read = _read(text, defaults, None)
    return _as_written(read), read.notes


class _Read:
    """What reading a text gave: the spec, notes, the units read and what rules each gave."""

    def __init__(
        self,
        spec: ProjectSpec,
        notes: list[str],
        units: list[Unit] | None = None,
        found: dict[int, list[str]] | None = None,
    ) -> None:
        self.spec, self.notes, self.units, self.found = spec, notes, units, found or {}
        self.written: str | None = None  # the prose as the person wrote it (see _as_written)


def _read(text: str, defaults: StackDefaults | None, known: ProjectSpec | None) -> _Read:
    if not text or not text.strip():
        raise no_entity_error()
    if len(text) > MAX_DESCRIPTION_CHARS:
        raise SpecError(
            f"The description is {len(text):,} characters long; codebegen reads at most "
            f"{MAX_DESCRIPTION_CHARS:,}.",
            hint="Describe the API in fewer words, or split it into several issues.",
        )
    found = embedded_document(text)
    if found is not None:
        data, body, prose = found
        if "entities" in data:
            return _Read(_codebegen_yaml(data, body, prose), [])
        if str(data.get("swagger", "")).startswith("2"):
            raise SpecError(
                "Swagger 2.0 documents are not supported; codebegen reads OpenAPI 3.",
                hint="Convert it first (for example with swagger2openapi), or describe the API "
                "in words.\n\n" + EXAMPLE_SPEC,
            )
        return _Read(*_openapi(data, prose))
    draft = Draft()
    if known is not None:
        _seed(draft, known)
    written = text
    # a wrapped list item read whole; "**RepairJob**:" and "repair jobs" one thing
    text = one_moment(spaced_names(join_wrapped(_without_ids(_plain_letters(text)))))
    text = _without_idioms(joined_particles(text))  # "sign-outs" one noun; no "of course"
    units_text = text
    draft.description = _described(text, draft)
    _read_text(draft.description, draft)
    if defaults is not None:
        _apply_defaults(draft, defaults)
    spec = build(draft)
    units = split_units(units_text)
    spec, facts = read_rules(spec, units)
    by_unit: dict[int, list[str]] = {}
    for n, what in facts:
        by_unit.setdefault(n, []).append(what)
    read = _Read(spec, draft.notes, units, by_unit)
    read.written = written
    return read


# Set phrases whose nouns name nothing, where a clause starts: "and of course it's made by one
# member" (no Course); not "the teacher of course" (the course's teacher).
_IDIOMS = re.compile(
    r"(?:(?<=, )|(?<=; )|(?<=\. )|(?<=and )|(?<=but )|(?<=\()|^)(?:of course|by the way)\b,?",
    re.I | re.M,
)


# "members list seed packets they can spare: variety, species": a clause of what people do with
# the things, between the things and their fields.
_WHAT_THEY_DO = re.compile(
    r"\b(?P<noun>[a-z]+s)\s+(?:that\s+|which\s+)?(?:they|we|you|people|members|users)\s+"
    r"(?:can|could|will|want to|would like to|need to)\s+[a-z]+\s*:",
    re.I,
)


def _without_idioms(text: str) -> str:
    """`text` with each set phrase blanked (the same length, so places in it hold), and a clause
    of what people do with things left out before the things' fields."""
    return _WHAT_THEY_DO.sub(r"\g<noun>:", _IDIOMS.sub(lambda m: " " * len(m.group()), text))


def _described(text: str, draft: Draft) -> str:
    """The description the text gives: under the seed's template, its API description and the
    sentences of its technical context that state rules (the context's settings go to `draft`)."""
    if not is_template(text):
        return text.strip()
    description, context = split_template(text)
    rest = read_config_lines(context, draft)
    rules = [
        sentence
        for line in rest.splitlines()
        for sentence in re.split(r"(?<=[.!?])\s+", re.sub(r"^\s*[\w ]{1,30}:\s*", "", line))
        if _CONTEXT_RULE.search(sentence.lower())
    ]
    return (description + "\n\n" + "\n".join(rules)).strip()


def _as_written(read: _Read, sentences: list[SentenceAccount] | None = None) -> ProjectSpec:
    """The spec with the description as the person wrote it, and each sentence's account quoting
    the sentence as written: the readers read the text tidied ("date and time" as "date-time",
    "RepairJob" as "Repair job", "REQ-2 " left out), but what the issue comment, the PR body and
    the generated README show is the person's own words. A unit is matched by its place; where
    the tidying changed how the text splits (never seen in the corpus), the tidied text stays."""
    if read.written is None:
        return read.spec
    if sentences is not None and read.units is not None:
        units = split_units(join_wrapped(read.written))
        if [u.kind for u in units] == [u.kind for u in read.units]:
            for said, unit in zip(sentences, units, strict=True):
                said.text = unit.text
    return read.spec.model_copy(update={"description": _described(read.written, Draft())})


# A requirement's id at the start of a line ("REQ-2", "FR-01:", "US 3."): its number, no words.
_REQUIREMENT_ID = re.compile(r"(?im)^(\s*(?:[-*+]\s+)?)(?:req|fr|nfr|us|uc)[-_ ]?\d+[.:)]?\s+")


def _without_ids(text: str) -> str:
    """ "REQ-2 A locker belongs to one station" -> "A locker belongs to one station": the id
    names the requirement, not a thing to store (read as words, it became `Req2Locker`)."""
    return _REQUIREMENT_ID.sub(r"\1", text)


def _plain_letters(text: str) -> str:
    """Letters with accents as plain ones ("café" -> "cafe", "Zürich" -> "Zurich"): the readers
    and every name they make (entities, fields, the app's slug) are in ASCII."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _seed(draft: Draft, known: ProjectSpec) -> None:
    """Entities of a known spec exist already: words naming them resolve to them."""
    from pipeline.naming import snake

    for e in known.entities:
        entity = draft.entity(snake(e.name))
        entity.items = list(e.fields)
    for r in known.relations:
        draft.relations.append(
            DraftRelation(
                kind=r.kind,
                source=snake(r.source),
                target=snake(r.target),
                name=r.name,
                required=r.required,
            )
        )
    if known.auth is AuthKind.JWT:
        draft.auth = True


def _apply_defaults(draft: Draft, defaults: StackDefaults) -> None:
    where = "the repository's default (.github/codebegen.yml)"
    if draft.database is None and defaults.database is not None:
        draft.database = defaults.database
        draft.note(f"The database is {defaults.database.value}, {where}.")
    if draft.auth is None and defaults.auth is not None:
        draft.auth = defaults.auth is AuthKind.JWT
        draft.note(f"Authentication is {defaults.auth.value}, {where}.")


def embedded_document(text: str) -> tuple[dict[str, Any], str, str] | None:
    """(document, its text, the prose around it) for a codebegen or OpenAPI document."""
    blocks = [(m.group("body"), text[: m.start()] + text[m.end() :]) for m in _FENCE.finditer(text)]
    if not blocks and _DOCUMENT_START.match(text):
        blocks = [(text, "")]
    for body, prose in blocks:
        try:
            data = load_yaml12(body)  # OpenAPI is YAML 1.2: `on:` names a property, not True
        except RecursionError:
            raise SpecError(
                "A YAML block in the description is nested too deeply to read.",
                hint="Write the spec as a flat codebegen.yaml (see `codebegen generate --help`).",
            ) from None
        except yaml.YAMLError as exc:
            if re.search(r"^\s*(?:entities|openapi)\s*:", body, re.M):
                raise SpecError(f"The spec's YAML block is not valid YAML: {exc}") from None
            continue
        if isinstance(data, dict) and (is_openapi(data) or "swagger" in data):
            return status_codes_as_text(data), body, prose.strip()
        if isinstance(data, dict) and "entities" in data:  # codebegen's own format: YAML 1.1
            return yaml.safe_load(body), body, prose.strip()
    return None


def _codebegen_yaml(data: dict[str, Any], body: str, prose: str) -> ProjectSpec:
    """codebegen's own format, as `ProjectSpec.to_yaml` writes it; a missing name or
    description is taken from the words around the block."""
    if "name" in data and ("description" in data or not prose):
        return ProjectSpec.from_yaml(body)
    data = dict(data)
    if "name" not in data:
        entities = data.get("entities")
        head = entities[0] if isinstance(entities, list) and entities else None
        first = str(head.get("name") or "") if isinstance(head, dict) else ""
        data["name"] = slug(app_words(prose.lower())) or slug([first.lower()]) or "api"
    if "description" not in data and prose:
        data["description"] = prose
    return spec_from_dict(data)


def _openapi(doc: dict[str, Any], prose: str) -> tuple[ProjectSpec, list[str]]:
    raw = doc.get("info")
    info: dict[str, Any] = raw if isinstance(raw, dict) else {}
    description = prose or str(info.get("description") or info.get("title") or "")
    draft = Draft(description=description, document=True)
    if prose:
        low = clean_keep_lines(prose)
        detect_database(low, draft)
        if detect_auth(low):
            draft.auth = True
    try:
        read_openapi(tidy_openapi(doc), draft)
    except (AttributeError, TypeError, KeyError, ValueError, RecursionError) as exc:
        # A shape tidy_openapi does not foresee: the person hears which, never a traceback.
        raise SpecError(
            f"The OpenAPI document could not be read ({type(exc).__name__}: {exc}).",
            hint="Check that schemas, parameters and responses are mappings as OpenAPI 3 "
            "writes them (`schema: {type: string}`, not `schema: string`).",
        ) from None
    if not draft.entities:
        left_out = "\n".join(f"- {n}" for n in draft.notes)
        raise SpecError(
            "The OpenAPI document has no schema served by create/read/update/delete paths, so "
            "there is no entity to generate." + (f"\n{left_out}" if left_out else ""),
            hint="Add components/schemas for your resources and paths such as /pets and "
            "/pets/{petId} that use them.",
        )
    return build(draft), draft.notes


# A technical-context line that states who may do what (read with the description), unlike the
# stack and constraint lines around it.
_CONTEXT_RULE = re.compile(
    r"\bonly\b|\bown\b|\b(?:can|may|cannot|can't|must not)\s+(?:\w+\s+)?(?:create|add|edit|update"
    r"|delete|remove|see|view|read|manage)\b|\brestricted\b|\badmins?\b|\broles?\b"
    r"|\b(?:log|logs|sign|signs)\s+(?:in|up)\b"
)
_NO_ROLES = re.compile(r"\b(?:no|without)\s+(?:roles|rbac|admins?)\b")


def _read_text(text: str, draft: Draft) -> None:
    """Markdown and natural language, after the facts that hold for the whole text."""
    low = clean_keep_lines(text)
    if draft.auth is None:
        draft.auth = detect_auth(low)
    if not _NO_ROLES.search(low):
        detect_roles(low, draft)
        read_signing_roles(text, draft)
    if draft.database is None:
        detect_database(low, draft)
    detect_list_features(low, draft)
    draft.app_words = app_words(low)
    read_markdown(text, draft)


def understand(
    text: str, defaults: StackDefaults | None = None, known: ProjectSpec | None = None
) -> Understanding:
    """The spec with its account: what each sentence became, and questions instead of guesses.

    `known`: a spec whose entities exist already (refinement); words naming them resolve to them.
    """
    read = _read(text, defaults, known)
    if read.units is None:  # a document: taken as written
        names = ", ".join(e.name for e in read.spec.entities)
        sentences = [
            SentenceAccount("(the spec document)", SentenceStatus.USED, [f"entities {names}"])
        ]
        return Understanding(spec=read.spec, notes=read.notes, sentences=sentences)
    known_names = (
        {e.name for e in known.entities} | set(known.roles) if known is not None else set()
    )
    sentences = account(read.units, read.spec, found=read.found, known=known_names)
    asked = questions(sentences, read.notes, read.spec)
    spec = _as_written(read, sentences)
    return Understanding(spec=spec, notes=read.notes, sentences=sentences, questions=asked)
