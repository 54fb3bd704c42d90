"""Markdown structure: headings per entity, bullet lists, nested bullets and tables. No I/O.

    ## Doctors                      - Doctors: full name, specialty
    - full name                     - Patients (name, birth date, phone)
    - specialty (optional)          - Appointments
                                      - starts at
    | Field | Type    |               - status
    | price | decimal |                 - booked
                                        - cancelled

Headings name an entity or a section ("Entities", "Relationships", "Roles", "Features"...), or
introduce the entity list ("An API with:"); whatever is not structure (paragraphs, sentence bullets) goes to the natural-language reader.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.naming import snake
from pipeline.parse.access import role_name
from pipeline.parse.adding import add_fields
from pipeline.parse.draft import Draft
from pipeline.parse.features import slug
from pipeline.parse.natural import (
    is_flow,
    is_formula,
    is_label_sentence,
    read_entity_item,
    read_prose,
)
from pipeline.parse.nlp import analyse
from pipeline.parse.phrases import (
    MODAL,
    clean,
    is_plural,
    list_after_clause,
    lists_fields,
    modal_outside_brackets,
    noun_key,
    split_list,
    tokens,
)
from pipeline.parse.scope import introduced_noun, phrase
from pipeline.parse.template import read_config_line
from pipeline.parse.vocab import APP_HEADS, APP_WORDS, FEATURE_WORDS, FILLER_ADJECTIVES

_HEADING = re.compile(r"^\s{0,3}(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
_PSEUDO_HEADING = re.compile(
    r"^\s*(?:\*\*(?P<bold>[^*]+?):?\*\*:?|(?P<colon>[A-Za-z][\w ]{0,40}):"
    r"|(?P<dashed>[A-Za-z][\w ]{0,30}?)\s+[-\u2013\u2014]\s+(?:[^:\s]+\s+){2,}[^:\s]+:)\s*$"
)  # "Applications - an artist applies to one open call with:": the label heads the list below
# A capitalised label and what follows it on one line ("Members: name, email"): a line of its
# own, never the wrapped middle of a paragraph.
_OWN_LINE_LABEL = re.compile(r"^\s*[A-Z][\w /-]{0,30}:\s+\S")
_BULLET = re.compile(r"^(?P<indent>\s*)(?:[-*+•]|\d+[.)])\s+(?P<text>.+)$")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_ENDPOINT = re.compile(r"\b(?:get|post|put|patch|delete)\s+(/[\w/{}:-]*)", re.I)

# Headings that name a section rather than an entity, by what their content is.
_SECTIONS = {
    "entities": "entities, entity, models, model, resources, resource, data model, data models, "
    "schema, schemas, tables, objects, domain model, data, collections",
    "relations": "relations, relationships, relationship, associations, links",
    "roles": "roles, user roles, roles and permissions, permissions, access, access control, rbac",
    "ignore": "output format, output, example, examples, sample output",
    "prose": "overview, description, summary, requirements, features, feature, functionality, "
    "functional requirements, non-functional requirements, notes, details, background, context, "
    "goals, api description, technical context, tech stack, stack, technology, technologies, "
    "security, auth, authentication, authorization, constraints, deployment, database, storage, "
    "uploads, files, endpoints, api, routes, business rules, rules, validation, misc, other, "
    "extras, nice to have, scope, introduction, about, users and auth, setup, extra, additional, "
    "more, also, out of scope, not now, later, future, scale, volume",
}
SECTION_OF = {name.strip(): kind for kind, names in _SECTIONS.items() for name in names.split(",")}
# "An API with:", "The app should have:" above a list: the list names entities, as a sentence
# "an API with posts and comments" does (not a section of prose).
_LIST_INTRO = re.compile(
    r"^(?:(?:a|an|the|my|our|this)\s+)?(?:[a-z-]+\s+){0,3}?(?:"
    + "|".join(sorted(APP_WORDS, key=len, reverse=True))
    + r")\s+(?:(?:should|must|will|can|needs? to|also)\s+)*(?:with|has|have|having|includes?"
    r"|including|contains?|containing|manages?|managing|tracks?|tracking|stores?|storing)$"
)


# A bullet that names an entity and its fields: "tanks (name, volume)", "pets: name, species".
_ENTITY_BULLET = re.compile(
    r"^(?P<noun>[a-z][a-z ]{0,30}?)\s*(?:\((?P<fields>[^()]+,[^()]+)\)|:\s*(?P<list>[^:]+,[^:]+))$"
)


# What a label's answer says when the thing is turned down ("Slack integration - no").
_REFUSED = re.compile(r"no|nope|none|not now|not yet|later|not needed|skip(?: it)?|n/?a")
# "assignments per cohort", "readings for each sensor": the noun and what it is per.
_PER_LABEL = re.compile(
    r"^(?P<noun>[a-z][a-z ]*?)\s+(?:per|for each|for every|of each|of every|in each)\s+"
    r"(?P<target>[a-z]+(?: [a-z]+)?)$"
)


@dataclass
class _Node:
    text: str
    children: list[_Node] = field(default_factory=list)


@dataclass
class _Reader:
    draft: Draft
    section: str = "top"  # top | entities | relations | roles | ignore | prose | entity
    entity: str = ""  # the entity a heading named
    title: str = ""  # the last heading's words
    pending: bool = False  # the heading's noun is an entity only once fields follow it
    prose: list[str] = field(default_factory=list)
    paragraph: list[str] = field(default_factory=list)

    def heading(self, text: str, level: int) -> None:
        title = clean(text).rstrip(":").strip()
        fields = ""
        if m := re.match(r"^(?P<t>[^()]+?)\s*\((?P<f>.+)\)$", title):
            title, fields = m.group("t"), m.group("f")
        title = re.sub(r"^(?:entity|model|resource|table)\s*:\s*", "", title)
        title = re.sub(r"\s+(?:entity|model|resource|table|endpoints)$", "", title)
        kind = SECTION_OF.get(title)
        self.entity, self.pending, self.title = "", False, title
        if kind:
            self.section = kind
        elif _LIST_INTRO.match(title):
            self.section = "top"  # "An API with:" and a list: the list names entities
        elif (intro := _introduced(title)) is not None:
            # "A maintenance request has:" above its fields; "The app has:" above entities
            key = noun_key(intro, described=True)
            self.section, self.entity, self.pending = (
                ("entity", key, True) if key else ("top", "", False)
            )
        elif level == 1 or len(tokens(title)) > 1 and tokens(title)[-1] in APP_HEADS:
            self.section = "top"  # "# Clinic API", "## Leave management (HR)": the app
            self._title(text)
        elif (key := noun_key(title, described=True)) and len(tokens(title)) <= 3:
            self.section, self.entity = "entity", key
            # "## Documents" is an entity once fields follow it, "## Images" above "- stored in
            # S3" is none
            self.pending = not noun_key(title)
            if fields and (not self.pending or lists_fields(fields)):
                add_fields(key, fields, self.draft)
                self.pending = False
            elif not self.pending:
                self.draft.entity(key)
        else:
            self.section = "prose"

    def _title(self, text: str) -> None:
        """ "# Clinic booking API" names the project."""
        words = [w for w in tokens(text) if w not in FILLER_ADJECTIVES]
        if self.draft.name or not words or len(words) > 6:
            return
        self.draft.name = slug(words)
        self.draft.title = re.sub(r"[*`#]", "", text).strip()

    def text_line(self, line: str) -> None:
        stripped = clean(line)
        if self.section == "ignore" or not stripped:
            return
        if self.section == "entity":
            m = re.match(r"^(?:fields|attributes|columns|properties|has)\s*:\s*(.+)$", stripped)
            if m or ("," in stripped and not MODAL.search(stripped)):
                if self._takes_fields(m.group(1) if m else stripped):
                    add_fields(self.entity, m.group(1) if m else stripped, self.draft)
                    return
        if read_config_line(line, self.draft):
            return
        self._endpoint(stripped)
        if _OWN_LINE_LABEL.match(line) or _TITLE_LINE.match(stripped):
            self.end_paragraph()  # "Lessons: name, trainer" is a line of its own, not a wrap,
            # and so is a title ("septic pumping co. api") above what it is about
            self.paragraph.append(line.strip())
            self.end_paragraph()
            return
        self.paragraph.append(line.strip())

    def back_to(self, state: tuple[str, str, bool, str] | None) -> None:
        """After the list a label headed: read on as before the label."""
        if state is not None:
            self.section, self.entity, self.pending, self.title = state

    def end_paragraph(self) -> None:
        """Wrapped lines of one paragraph are one text: sentences run across line breaks."""
        if self.paragraph:
            self.prose.append(" ".join(self.paragraph))
            self.paragraph = []

    def bullets(self, nodes: list[_Node]) -> None:
        for node in nodes:
            self.bullet(node)

    def bullet(self, node: _Node) -> None:
        text = clean(node.text)
        if self.section == "ignore":
            return
        if read_config_line(node.text, self.draft):
            return
        if self.section in ("relations", "prose"):
            self._to_prose(node)
            return
        if self.section == "roles":
            label = re.split(r"\s*(?::|\s-\s)\s*", text, maxsplit=1)[0]
            if len(tokens(label)) <= 2 and not MODAL.search(label):
                self.draft.add_role(role_name(label) or label, "explicit")
            if MODAL.search(text):
                self._to_prose(node)  # "editor: can only edit posts"
            return
        if self.section == "entity" and self._lists_entities(text):
            self.section = "top"  # "Aquarium tracker:" above "- tanks (name, volume)"
        if self.section == "entity":
            if (
                _HAS_SENTENCE.match(text)
                or modal_outside_brackets(text)
                and len(tokens(text)) > 5
                or not self._takes_fields(text)
            ):
                self._to_prose(node)
            elif node.children or re.search(r"[:(]", text) or not _names_fields(node.text):
                self.draft.entity(self.entity).items.append(_field_item(node))
            else:  # "- a title and a description": two fields
                self.draft.entity(self.entity).items.extend(split_list(node.text))
            return
        described = bool(node.children) and all(lists_fields(clean(c.text)) for c in node.children)
        key = self._entity_line(text, described=described)
        if key is None:
            self._endpoint(text)
            self._to_prose(node)
            return
        for child in node.children:
            if modal_outside_brackets(clean(child.text)) and len(tokens(child.text)) > 5:
                self._to_prose(child)
            else:
                self.draft.entity(key).items.append(_field_item(child))

    def _lists_entities(self, text: str) -> bool:
        """Is the first bullet under a heading an entity with its fields ("tanks (name,
        volume)", "pets: name, species"), so that the heading only introduces a list?"""
        entity = self.draft.entities.get(self.entity)
        if entity is None or entity.items:
            return False
        m = _ENTITY_BULLET.match(text)
        if not m or not is_plural(tokens(m.group("noun"))[-1]):
            return False
        if not lists_fields(m.group("fields") or m.group("list")):
            return False
        del self.draft.entities[self.entity]
        self.entity = ""
        return True

    def _takes_fields(self, text: str) -> bool:
        """Is this a field of the heading's entity? Any line is, under "## Posts"; under
        "## Images" only fields are ("- stored in S3" is prose), and the first makes Image."""
        if not self.pending:
            return True
        self.pending = not lists_fields(text)
        return not self.pending

    def _entity_line(self, text: str, described: bool = False) -> str | None:
        """ "doctors: full name, specialty", "patients (name, phone)", "books" -> entity key;
        `described`: field bullets follow ("- Documents" above "- title")."""
        m = re.match(r"^(?P<label>[^:()]+?)\s*(?::|\s-\s)\s*(?P<rest>.*)$", text)
        if m:
            label, rest = m.group("label"), list_after_clause(m.group("rest"))
            if is_formula(label, m.group("rest")) or is_flow(label, m.group("rest")):
                return None  # "balance of an account = ...": a computed field, read as prose
            if label in ("entity", "model", "resource", "table"):
                label, rest = rest, ""
            listed = len(split_list(rest)) >= 3 and lists_fields(rest)  # "needs prescription"
            if is_label_sentence(rest) or _REFUSED.fullmatch(rest.strip(" .!")):
                return None  # "Membership: a participant is in one team", "Slack: no": prose
            if set(tokens(label)) & FEATURE_WORDS or (
                modal_outside_brackets(rest) and self.section == "top" and not listed
            ):
                return None
            label = re.sub(r"\s+(?:entity|model|resource|table)$", "", label)
            target = ""
            if per := _PER_LABEL.match(label):  # "assignments per cohort: title, ..."
                label, target = per.group("noun"), per.group("target")
            key = noun_key(label, described=lists_fields(rest) if rest else described)
            if key:
                self.draft.entity(key)
                if rest:
                    add_fields(key, re.sub(r"^(?:has|have|with)\s+", "", rest), self.draft)
                if target and (target_key := noun_key(target)) and target_key != key:
                    self.draft.weak_links.append((key, target_key))
            return key
        if MODAL.search(text) and len(tokens(text)) > 3:
            return None
        if _OWN_SENTENCE.search(text):
            return None  # "- Customers buy tickets. A ticket has a seat number": prose
        return read_entity_item(text, self.draft, described=described)

    def table(self, rows: list[list[str]]) -> None:
        header = [clean(c) for c in rows[0]]
        body = [r for r in rows[1:] if not all(re.fullmatch(r":?-{2,}:?", c.strip()) for c in r)]
        col = _columns(header)
        if (
            not ("entity" in col and "fields" in col)
            and ("field" not in col or "fields" in col)  # "| field | notes |": rows are fields
            and (guessed := _entity_columns(body))
        ):
            col = {**col, "entity": guessed[0], "fields": guessed[1]}  # "| Thing | What it has |"
        if "entity" in col and "fields" in col:
            if "notes" in col and col["notes"] not in (col["entity"], col["fields"]):
                self.prose += [
                    _row_note(_words(_cell(r, col["entity"])), _cell(r, col["notes"]))
                    for r in body
                    if _cell(r, col["notes"])
                ]
            for row in body:
                described = lists_fields(_cell(row, col["fields"]))
                key = noun_key(_words(_cell(row, col["entity"])), described=described)
                if key:
                    self.draft.entity(key)
                    add_fields(key, _cell(row, col["fields"]), self.draft)
        elif "entity" in col and "field" in col:  # one row per field, its entity beside it
            key = None
            for row in body:
                key = noun_key(_words(_cell(row, col["entity"])), described=True) or key
                if key and _cell(row, col["field"]):
                    self.draft.entity(key).items.append(_table_field(row, col, header))
        elif "field" in col and self.section == "entity":
            for row in body:
                self.draft.entity(self.entity).items.append(_table_field(row, col, header))
        elif "field" in col and (key := self._table_owner()):
            for row in body:
                self.draft.entity(key).items.append(_table_field(row, col, header))
        elif "field" in col:
            self.draft.note("A table of fields with no entity heading above it was ignored.")

    def _table_owner(self) -> str | None:
        """ "### Application" above a table of fields: the heading names the entity, even when
        the word could name the app itself."""
        if self.section in ("entities", "relations", "roles", "ignore") or not self.title:
            return None
        if len(tokens(self.title)) > 2:
            return None
        return noun_key(self.title, allow_app=True, described=True)

    def _endpoint(self, text: str) -> None:
        for m in _ENDPOINT.finditer(text):
            segments = [s for s in m.group(1).split("/") if s and not s.startswith(("{", ":"))]
            segments = [s for s in segments if not re.fullmatch(r"api|v\d+", s)]
            if segments and (key := noun_key(segments[0].replace("-", " "))):
                self.draft.entity(key)

    def _to_prose(self, node: _Node) -> None:
        self.prose.append(node.text)
        for child in node.children:
            self._to_prose(child)


# An item that is a sentence with a subject of its own ("an order has a delivery address and a
# date"): read as prose, as it would be alone, not as one field of the label's entity.
_HAS_SENTENCE = re.compile(
    r"^(?:an?|the|each|every|one)\s+[\w' -]{1,40}?\s+(?:has|have|holds|contains|includes|gets)\s+\S"
)
# A sentence of its own after the first: ". A ticket has", ". Each hall seats".
_OWN_SENTENCE = re.compile(r"[.!?]\s+(?:[A-Z]|(?:a|an|the|each|every|it|they)\s)")


def _introduced(title: str) -> str | None:
    """The noun a heading-like line introduces the fields of ("Each vehicle should have",
    "For each tree we store": `scope.introduced_noun`), with its compounds."""
    title = re.split(r"(?<=[.!?])\s+", title)[-1]  # "Library API. Every book has:"
    if len(tokens(title)) < 2:
        return None
    doc = analyse(title)
    noun = introduced_noun(doc)
    return phrase(noun, doc) if noun is not None else None


def _names_fields(text: str) -> bool:
    """ "a title and a description", "title, date, meeting point": short noun phrases, not a
    clause ("a patient books an appointment with a doctor at a date & time", "cancelled
    bookings are kept, not deleted")."""
    items = split_list(text)
    if len(items) < 2 or any(len(tokens(i)) > 4 for i in items):
        return False
    return not any(t.pos in ("VERB", "AUX") for t in analyse(text).tokens)


def _field_item(node: _Node) -> str:
    """A field bullet; its own bullets are choices ("- status" with "- pending", "- done")."""
    choices = [clean(c.text) for c in node.children if len(tokens(c.text)) <= 3]
    if len(choices) >= 2:
        return f"{node.text.rstrip(': ')} (one of {'|'.join(choices)})"
    return node.text


_COLUMN_NAMES = {
    "entity": (
        "entity",
        "resource",
        "model",
        "table",
        "entities",
        "resources",
        "object",
        "objects",
        "thing",
        "things",
        "record",
        "records",
        "what",
        "item",
        "items",
        "concept",
    ),
    "fields": ("fields", "attributes", "columns", "properties", "details", "info", "contains"),
    "field": ("field", "name", "column", "attribute", "property", "field name"),
    "type": ("type", "data type", "kind"),
    "required": ("required", "optional", "nullable", "mandatory"),
    "notes": (
        "notes",
        "description",
        "constraints",
        "details",
        "comment",
        "comments",
        "rules",
        "how it connects",
        "connections",
        "links",
        "relations",
        "relationships",
        "linked to",
        "belongs to",
    ),
}


def _entity_columns(body: list[list[str]]) -> tuple[int, int] | None:
    """(names, lists) for a table whose header says neither: a column of one- or two-word
    names ("Route", "StockLevel") beside a column of comma lists ("name, grade, color")."""
    if not body or len({len(r) for r in body}) != 1 or len(body[0]) < 2:
        return None
    width = len(body[0])

    def share(i: int, test: Callable[[str], bool]) -> float:
        return sum(1 for r in body if test(r[i].strip())) / len(body)

    names = [i for i in range(width) if share(i, lambda c: 0 < len(c.split()) <= 2) >= 0.8]
    lists = [i for i in range(width) if share(i, lambda c: "," in c) >= 0.8]
    if not names or not lists or names[0] == lists[0]:
        return None
    return names[0], lists[0]


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, name in enumerate(header):
        for role, names in _COLUMN_NAMES.items():
            if name in names and role not in found:
                found[role] = i
                break
    return found


def _words(cell: str) -> str:
    """ "StockMovement" or "stock_movement" in a table cell -> "stock movement"."""
    return snake(cell.strip("`* ")).replace("_", " ") if re.fullmatch(r"[\w` *]+", cell) else cell


# A note that says how its row's thing is linked, with no subject of its own: "belongs to a
# show", "is part of one order", "has many lines".
_LINK_NOTE = re.compile(
    r"^(?:belongs?\s+to|belonging\s+to|references?|refers?\s+to|points?\s+to|links?\s+to"
    r"|linked\s+to|(?:is|are)\s+(?:in|inside|part\s+of|linked\s+to|attached\s+to|assigned\s+to"
    r"|owned\s+by|written\s+by|created\s+by|made\s+by|for|of)|(?:has|have|can\s+have)\s+many)\s",
    re.I,
)
# "many-to-many with episodes", "m2m with tags".
_MANY_NOTE = re.compile(
    r"^(?:many[- ]to[- ]many|m2m|n:m)\s+(?:with|to|between)\s+(?P<other>[a-z][a-z ]*?)\s*$", re.I
)


# A note that starts with what is done to its row's thing, or where it is: "placed by a label",
# "coached by one coach", "for one team", "on one team".
_BY_NOTE = re.compile(
    r"^(?:\w+ed|made|written|run|led|given|taken|held|sent|done|kept|seen)\s+(?:by|to|for|in|on|at)\s"
    r"|^(?:for|on|in|at|under|inside|within)\s+(?:one|a|an|each|every|exactly one|its|their)\s",
    re.I,
)


def _row_note(entity: str, note: str) -> str:
    """A table row's note as a sentence about the row's thing: "belongs to a show" beside
    Episode -> "each episode belongs to a show", "coached by one coach" beside Team -> "each team
    is coached by one coach", "one per athlete per practice" beside Attendance -> "one attendance
    per athlete per practice"; a note with a subject of its own as written."""
    if m := _MANY_NOTE.match(note):
        return f"{entity} and {m.group('other')} are many to many"
    if _LINK_NOTE.match(note):
        return f"each {entity} {note}"
    if _BY_NOTE.match(note):
        return f"each {entity} is {note}"
    if re.match(r"^(?:one|1|max(?:imum)? one)\s+per\s", note, re.I):
        return f"one {entity} {note.split(None, 1)[1]}"
    return note


def _cell(row: list[str], i: int) -> str:
    return row[i].strip() if i < len(row) else ""


def _table_field(row: list[str], col: dict[str, int], header: list[str]) -> str:
    """A row of a field table -> a field phrase: "price (decimal) (optional) (unique)"."""
    phrase = _cell(row, col["field"])
    kind = clean(_cell(row, col["type"])) if "type" in col else ""
    if ref := re.match(r"^(?:fk|foreign key|ref(?:erence)?s?|->|→)\s*(?:to\s+)?(\w+)", kind):
        kind = ref.group(1)
    if kind:
        phrase += f" ({kind})"
    if "required" in col:
        said = clean(_cell(row, col["required"]))
        if header[col["required"]] in ("optional", "nullable"):
            optional = said in ("yes", "y", "true", "x", "optional", "nullable")
        else:
            optional = said in ("no", "n", "false", "optional")
        if optional:
            phrase += " (optional)"
    if "notes" in col and (notes := _cell(row, col["notes"])):
        phrase += f" ({notes})"
    return phrase


# "**Vehicle**: plate number, model" on a line of its own: a list item, bullet, number or not.
_BOLD_ITEM = re.compile(
    r"^(?P<indent>\s*)(?:(?:[-*+]|\d+[.)])\s+)?\*\*(?P<name>[^*]{1,40}?):?\*\*"
    r"(?::|\s+[-\u2013\u2014])?\s+"
    r"(?P<rest>\S.*)$"
)


def bold_items_as_bullets(text: str) -> str:
    """ "**Vehicle**: plate, model" lines -> "- Vehicle: plate, model" bullets."""
    out = []
    for line in text.splitlines():
        m = _BOLD_ITEM.match(line)
        if m and m.group("name").strip().lower() in _META_LABELS:
            line = f"{m.group('indent')}{m.group('rest')}"  # "**Who**: authors sign up": prose
        elif m:
            line = f"{m.group('indent')}- {m.group('name')}: {m.group('rest')}"
        out.append(line)
    return "\n".join(out)


# A plain line that is a label and its list ("pets: name, breed, owner name").
_LABEL_LINE = re.compile(
    r"^(?P<name>[A-Za-z][\w &'/-]{0,38}?)\s*(?::|\s[-\u2013\u2014])\s+(?P<rest>[^:]*,[^:]*)$"
)


def label_lines_as_bullets(lines: list[str]) -> list[str]:
    """Two or more label lines in a row ("pets: name, breed\ngroomers: name, start date"), each
    a thing and its fields, as bullets: read as one paragraph, the second label was lost in the
    first one's list."""
    found = [_LABEL_LINE.match(line) for line in lines]
    labelled = [
        m is not None
        and len(m.group("name").split()) <= 4
        and m.group("name").strip().lower() not in _META_LABELS
        and not line.rstrip().endswith((".", "!", "?"))
        for line, m in zip(lines, found, strict=True)
    ]  # (a line that ends a sentence is split from the next one as it is)
    out = []
    for i, (line, m) in enumerate(zip(lines, found, strict=True)):
        beside = (i > 0 and labelled[i - 1]) or (i + 1 < len(lines) and labelled[i + 1])
        if m is not None and labelled[i] and beside:
            line = f"- {m.group('name').strip()}: {m.group('rest')}"
        out.append(line)
    return out


# Bold labels that head a remark, not an entity ("**Who**: authors sign up").
_META_LABELS = frozenset(
    "title who what why how when where no not yes public private notes note goal goals context "
    "stack tech auth summary description overview extra extras scope out of scope nice to have "
    "not needed later roles permissions rules constraints deadline budget out not now future "
    "background access security".split()
)


# A short line that names the app ("septic pumping co. api"): a title, never wrapped prose.
_TITLE_LINE = re.compile(
    r"^(?:[\w.&'-]+\s+){0,8}(?:api|backend|back-end|app|application|system|service|platform)"
    r"\s*[:.!]?$"
)


def read_markdown(text: str, draft: Draft) -> None:
    """Read markdown text into the draft: structure here, prose by `read_prose`."""
    reader = _Reader(draft)
    lines = label_lines_as_bullets(bold_items_as_bullets(text).splitlines())
    i, in_fence = 0, False
    # A label on a line of its own ("Piercing catalogue:") heads only the list below it; after
    # the list, the text is read as it was before the label, not as more of that entity's fields.
    before_label: tuple[str, str, bool, str] | None = None
    while i < len(lines):
        line = lines[i]
        if not line.strip() or not _is_text(line):
            reader.end_paragraph()
        if line.strip().startswith(("```", "~~~")):
            in_fence = not in_fence
            i += 1
            continue
        if in_fence:
            i += 1
            continue
        if m := _HEADING.match(line):
            reader.heading(m.group("text"), len(m.group("hashes")))
        elif (m := _PSEUDO_HEADING.match(line)) and _starts_list(lines, i + 1):
            before_label = (reader.section, reader.entity, reader.pending, reader.title)
            reader.heading(m.group("bold") or m.group("colon") or m.group("dashed"), 4)
        elif _TABLE_ROW.match(line):
            rows = []
            while i < len(lines) and _TABLE_ROW.match(lines[i]):
                rows.append([c for c in lines[i].strip().strip("|").split("|")])
                i += 1
            reader.table(rows)
            reader.back_to(before_label)
            before_label = None
            continue
        elif _BULLET.match(line):
            nodes, i = _bullet_tree(lines, i)
            reader.bullets(nodes)
            reader.back_to(before_label)
            before_label = None
            continue
        else:
            reader.text_line(line)
        i += 1
    reader.end_paragraph()
    read_prose("\n".join(reader.prose), draft)
    if draft.after_lists:  # "Every instrument belongs to one customer." after a label's list
        later, draft.after_lists = draft.after_lists, []
        access = _access_of(draft)  # who may do what is read from the whole unit, by the rule
        read_prose("\n".join(s if s.rstrip().endswith(".") else s + "." for s in later), draft)
        _restore_access(draft, access)  # readers: here only things, fields and links are taken


_ACCESS = ("permissions", "made", "authored", "shared", "roles", "role_candidates", "auth")


def _access_of(draft: Draft) -> dict[str, object]:
    return {name: copy.copy(getattr(draft, name)) for name in _ACCESS}


def _restore_access(draft: Draft, access: dict[str, object]) -> None:
    for name, value in access.items():
        setattr(draft, name, value)


def _is_text(line: str) -> bool:
    return not (
        _HEADING.match(line)
        or _BULLET.match(line)
        or _TABLE_ROW.match(line)
        or line.strip().startswith(("```", "~~~"))
    )


def _starts_list(lines: list[str], i: int) -> bool:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i < len(lines) and bool(_BULLET.match(lines[i]) or _TABLE_ROW.match(lines[i]))


def _bullet_tree(lines: list[str], i: int) -> tuple[list[_Node], int]:
    """Consecutive bullet lines (blank lines allowed) as a tree by indentation."""
    roots: list[_Node] = []
    stack: list[tuple[int, _Node]] = []
    first = _BULLET.match(lines[i])
    while i < len(lines):
        m = _BULLET.match(lines[i])
        if not m:
            if not lines[i].strip() and _starts_list(lines, i) and not _HEADING.match(lines[i]):
                i += 1
                continue
            break
        if first and m is not first and _new_list(first, m, lines[i - 1]):
            break
        indent = len(m.group("indent").expandtabs(4))
        node = _Node(m.group("text").strip())
        while stack and stack[-1][0] >= indent:
            stack.pop()
        (stack[-1][1].children if stack else roots).append(node)
        stack.append((indent, node))
        i += 1
    return roots, i


def _new_list(first: re.Match[str], m: re.Match[str], before: str) -> bool:
    """After a blank line, a top-level item with another kind of marker ("1." then "-", "-" then
    "*") starts a list of its own, as in markdown: "Visits:\n1. a date\n\n- Clients: name"."""
    top = len(m.group("indent").expandtabs(4)) <= len(first.group("indent").expandtabs(4))
    return not before.strip() and top and _marker(m.group(0)) != _marker(first.group(0))


def _marker(line: str) -> str:
    mark = line.split()[0]
    return "1." if mark[0].isdigit() else mark
