"""The seed's prompt template and "Label: value" configuration lines. No I/O.

    ### API Description:
    Build a recipe API ...

    ### Technical Context:
    Domain: food
    Tech Stack: fastapi, sqlite, jwt
    Constraints: dockerized, tested

`split_template` returns the description (read like any other text, with any section of the
person's own such as "### Rules" under it) and the technical context;
`apply_config` reads one "Domain: ...", "Tech Stack: ...", "Database: ..." line anywhere.
"""

from __future__ import annotations

import re

from pipeline.naming import snake
from pipeline.parse.access import detect_auth
from pipeline.parse.draft import Draft
from pipeline.parse.features import detect_database, slug
from pipeline.parse.phrases import MODAL, clean, tokens
from pipeline.spec import Constraint

_TEMPLATE = re.compile(r"^\s*#{1,6}\s*api description\b", re.I | re.M)
_SECTION = re.compile(r"^\s*#{1,6}\s*(?P<title>[^\n]+?)\s*:?\s*$", re.M)
CONFIG_LINE = re.compile(
    r"^\s*(?:[-*+]\s+)?\**(?P<label>domain|tech stack|stack|technologies|technology|constraints"
    r"|database|db|auth|authentication|project name|api name|api title)\**\s*:\**\s*"
    r"(?P<value>.+?)\s*$",
    re.I,
)
_CONSTRAINTS = {
    Constraint.DOCKERIZED: re.compile(r"\bdocker\w*|\bcontaineri[sz]ed\b"),
    Constraint.TESTED: re.compile(r"\btest\w*"),
    Constraint.LINTED: re.compile(r"\blint\w*|\bruff\b|\bblack\b|\bformatted\b"),
}


def is_template(text: str) -> bool:
    return bool(_TEMPLATE.search(text))


def split_template(text: str) -> tuple[str, str]:
    """(API description, technical context) of a filled-in seed template."""
    sections: dict[str, str] = {}
    matches = list(_SECTION.finditer(text))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        sections[clean(m.group("title")).rstrip(":")] = text[m.end() : end].strip()
    # Sections of the person's own ("### Rules", "### Roles") describe the API too: read with
    # the description, under their heading, never dropped.
    own = [
        f"{title.capitalize()}:\n{body}"
        for title, body in sections.items()
        if title not in _META_SECTIONS and body
    ]
    description = "\n\n".join([sections.get("api description", ""), *own]).strip()
    return description, sections.get("technical context", "")


# The seed template's sections that are not the API's description.
_META_SECTIONS = frozenset({"api description", "technical context", "output format"})


def apply_config(label: str, value: str, draft: Draft) -> None:
    """Apply one configuration line ("Tech Stack: fastapi, sqlite, jwt")."""
    raw, label, value = value.strip(), clean(label), clean(value)
    if label == "domain":
        domain = snake(re.split(r"[,;(]", value)[0])
        draft.domain = domain or draft.domain
    elif label in ("tech stack", "stack", "technologies", "technology", "database", "db"):
        detect_database(value, draft)
        if re.search(r"\b(?:jwt|oauth2?)\b", value):
            draft.auth = True
    elif label == "constraints":
        found = [c for c, pattern in _CONSTRAINTS.items() if pattern.search(value)]
        if found:
            draft.constraints = found
    elif label in ("auth", "authentication"):
        auth = detect_auth(value)
        if re.fullmatch(r"(?:none|no|off|false|disabled)\.?", value):
            auth = False
        draft.auth = auth if auth is not None else bool(re.search(r"\b(?:yes|on|token)\b", value))
    elif label in ("project name", "api name"):
        draft.name = slug(tokens(value)) or draft.name
    elif label == "api title":
        draft.title = raw


def read_config_line(line: str, draft: Draft) -> bool:
    """Apply `line` when it is a configuration line; True when it was one."""
    m = CONFIG_LINE.match(line)
    if not m or MODAL.search(m.group("value").lower()):
        return False
    apply_config(m.group("label"), m.group("value"), draft)
    return True


def read_config_lines(text: str, draft: Draft) -> str:
    """Apply every configuration line in `text`; returns the text without them."""
    return "\n".join(line for line in text.splitlines() if not read_config_line(line, draft))
