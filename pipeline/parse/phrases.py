"""Phrases in what people write: cleaning, splitting lists, and turning noun phrases into keys.

An entity's key is its snake_case singular name ("blog posts" -> "blog_post"); the parser works
on keys and names entities (PascalCase) only at the end. No I/O.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.naming import singular_word as singular
from pipeline.parse.domains import DEFAULT_FIELDS
from pipeline.parse.vocab import (
    APP_WORDS,
    CLAUSE_WORDS,
    DETERMINERS,
    FEATURE_WORDS,
    NEVER_ENTITY_NOUNS,
    NON_ENTITY_NOUNS,
    SOFTWARE_WORDS,
    STACK_WORDS,
)

# Spellings folded into one before any rule runs.
_NORMALISE = (
    (re.compile(r"\be-mail", re.I), "email"),
    (re.compile(r"\bto-do\b", re.I), "todo"),
    (re.compile(r"\bto-dos\b", re.I), "todos"),
    (re.compile(r"\bdate-time\b", re.I), "datetime"),
    (re.compile(r"\bsign-ups\b", re.I), "signups"),  # a noun, never the verb
    (re.compile(r"\bsign-up\b", re.I), "sign up"),
    (re.compile(r"\bsign-in\b", re.I), "sign in"),
    (re.compile(r"\blog-in\b", re.I), "log in"),
    (re.compile(r"\b(many|one)[- ]to[- ](many|one)\b", re.I), r"\1 to \2"),
    (re.compile(r"\be\.g\.|\bi\.e\.", re.I), "eg"),
    (
        re.compile(r"(?<!,)(?<!, )\byes or no\b", re.I),
        "yes/no",
    ),  # a flag (not "pending, yes or no")
    (re.compile(r"(?<![\w/])w/(?=\s|\w)", re.I), "with "),  # "tasks w/ title"
    (re.compile(r"(?<![\w/])w/o\b", re.I), "without"),
    (re.compile(r"^(\s*[a-z][\w ]{0,30}?)\s+=\s+", re.I | re.M), r"\1: "),  # "link = long url, ..."
    (re.compile(r"(?<=[.;]\s)([a-z][\w ]{0,30}?)\s+=\s+", re.I), r"\1: "),
    (re.compile(r"(?<=[\w)]) \+ (?=\w)"), ", "),  # "title + due date"
    (re.compile(r"(?<=\w) & (?=\w)"), " and "),
    (re.compile(r"[“”]"), '"'),
    (re.compile(r"[‘’]"), "'"),
    (re.compile(r"[–—]"), " - "),
    (re.compile(r"(?<=\d),(?=\d{3}\b)"), ""),  # "2,500" is one number
)
_MARKUP = re.compile(r"[*`]+")
# Words that make a line a sentence rather than a name or a field list.
MODAL = re.compile(r"\b(?:can|could|should|must|will|only|would|may|need|needs|want)\b")
_ASIDE = re.compile(r"\([^()]*\)")


def modal_outside_brackets(text: str) -> bool:
    """Does `text` say "can", "must", "only"... outside its brackets? A bracket after a field
    is the field's constraint ("number of copies (can't be negative)"), not a sentence."""
    return bool(MODAL.search(_ASIDE.sub(" ", text)))


_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[a-z][a-z0-9]*")


def normalise(text: str) -> str:
    """Fold spellings ("e-mail", "to-do", "log-in") and typographic quotes and dashes."""
    for pattern, repl in _NORMALISE:
        text = pattern.sub(repl, text)
    return text


@lru_cache(maxsize=4096)
def clean(text: str) -> str:
    """Lower-case text without markdown emphasis, backticks or doubled spaces."""
    text = normalise(text).replace("**", "").replace("__", "")
    text = _MARKUP.sub("", text.strip())
    return _SPACES.sub(" ", text).strip().lower()


def tokens(text: str) -> list[str]:
    """Lower-case words: "Doctor's full-name" -> ["doctor", "full", "name"]."""
    text = re.sub(r"'s\b", "", text.lower())
    return _WORD.findall(text.replace("-", " ").replace("_", " "))


def strip_determiners(words: list[str]) -> list[str]:
    i = 0
    while i < len(words) and words[i] in DETERMINERS:
        i += 1
    if i == len(words) and words and words[-1] in _NOUN_DETERMINERS:
        return words[-1:]  # "Lots: title, ...": the noun, not "lots of"
    return words[i:]


# Adverbs that trail a noun phrase and are no part of its name ("their transcript too").
_TRAILING_ADVERBS = frozenset({"too", "also", "either", "anymore", "again", "instead"})
# Determiner words that are nouns when nothing follows them ("lots" at an auction).
_NOUN_DETERMINERS = frozenset({"lots", "lot"})


def is_plural(word: str) -> bool:
    return singular(word) != word


def noun_key(phrase: str, *, allow_app: bool = False, described: bool = False) -> str | None:
    """The entity key a noun phrase names, or None when it is not a plausible entity.

    "the blog posts" -> "blog_post"; "their own tasks" -> "task"; "user authentication" -> None.
    `described`: fields follow the phrase ("documents (title, body)"), so "documents" is a
    resource, not a passing mention; only words that never name anything ("stuff") are not.
    """
    words = strip_determiners(tokens(phrase))
    while len(words) > 1 and words[-1] in _TRAILING_ADVERBS:
        words = words[:-1]  # "a PDF of their transcript too": the transcript
    if not words or len(words) > 3:
        return None
    # "water tests (ph, nitrate)": a thing named with its fields, though "tests" alone is not
    concrete = described and len(words) > 1 and words[0] not in FEATURE_WORDS | {"user", "users"}
    if any(w in FEATURE_WORDS and not concrete for w in words):
        return None
    if any(w in CLAUSE_WORDS or w in STACK_WORDS for w in words):
        return None
    # "Service | date and time, tower": a word that can name the app names a thing where its
    # fields follow; only the words that name nothing but software never do
    app_ok = allow_app or (described and len(words) == 1 and words[0] not in SOFTWARE_WORDS)
    if not app_ok and any(w in APP_WORDS for w in words):
        return None
    if len(words) == 1 and words[0] in (NEVER_ENTITY_NOUNS if described else NON_ENTITY_NOUNS):
        return None
    if any(len(w) < 2 or w.isdigit() for w in words):
        return None
    words[-1] = singular(words[-1])
    if words == ["todo", "item"] or words == ["todo"]:
        return "todo"
    if words == ["user", "account"]:
        return "user"
    return "_".join(words)


# What a list after a file noun says when it is about files, not fields: "images (jpg, png)",
# "- Images: stored in S3", "max 5MB".
_FILE_FACT = re.compile(
    r"^(?:(?:an?|the)\s+)?(?:max|maximum|up to|at most|limited|only|no|stored|hosted|saved|kept"
    r"|uploaded|served|jpe?g|png|gif|webp|svg|pdf|docx?|mp[34]|heic|tiff?|\d)\b"
)


# Technology names that are no field ("stored in S3", "uses redis"); "tested at", "black"
# and "compose" are words of fields as well.
_TECH_NAMES = STACK_WORDS - {"tested", "linted", "black", "compose"}


def lists_fields(text: str) -> bool:
    """Do the words after a noun read as its fields ("title, body"), so "documents (title,
    body)" is a resource, rather than facts about files ("jpg, png", "stored in S3")?"""
    items = split_list(text)
    return bool(items) and not any(
        _FILE_FACT.match(clean(item)) or set(tokens(item)) & _TECH_NAMES for item in items
    )


def split_top(text: str, separators: str = ",;") -> list[str]:
    """Split on separator characters outside parentheses and brackets."""
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        if ch in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


_CONJUNCTION = re.compile(r"\s+(?:and|or|&|\+|as well as|plus|along with)\s+")
_LEADING_CONJUNCTION = re.compile(r"^(?:and|or|&|as well as|plus|also|then|along with)\s+")


def _split_conjunctions(part: str) -> list[str]:
    """Split "a and b" outside parentheses."""
    masked = re.sub(r"\([^()]*\)", lambda m: "\0" * len(m.group()), part)
    pieces, start = [], 0
    for m in _CONJUNCTION.finditer(masked):
        pieces.append(part[start : m.start()])
        start = m.end()
    pieces.append(part[start:])
    return pieces


def split_list(text: str, *, entities: bool = False) -> list[str]:
    """Items of a written list: "a title, due date and done flag" -> three items.

    For entity lists ("posts with a title and body, comments"), an item with its own field list
    ("with ...", "(...)") is not split on "and".
    """
    text = protect_choices(text)
    items: list[str] = []
    in_fields = False  # inside the field list of an item ("tasks with a title, due date, ...")
    for part in split_top(text):
        part = _LEADING_CONJUNCTION.sub("", part.strip())
        if entities and in_fields and not _starts_entity(part):
            items[-1] += ", " + part
            continue
        in_fields = False
        if entities and re.search(r"\b(?:with|having|that have|that has)\b|:", part):
            items.append(part)
            in_fields = True
            continue
        items.extend(_split_conjunctions(part))
    return [i.strip(" .") for i in items if i.strip(" .")]


def _starts_entity(part: str) -> bool:
    """After "posts with a title", does "comments" start a new entity (a plural common noun)
    or continue the field list ("due date and done flag")?"""
    words = tokens(_split_conjunctions(part)[0])
    if not words or words[0] in ("a", "an", "the", "its", "their"):
        return False
    return is_plural(words[-1]) and singular(words[-1]) in DEFAULT_FIELDS


# "status that is one of pending, shipped or received": the list after the marker is choices.
_CHOICE_MARKER = re.compile(
    r"(?:(?:that|which|who)\s+(?:is|are|can be|must be|should be|may be)\s+(?:one of|either)"
    r"|(?:is|are|can be|must be|should be|may be)\s+(?:one of|either)"
    r"|\bone of|\beither|\bwith (?:values|options|choices)|\b(?:values|options|choices)\s*:)"
    r"\s*:?\s*"
)
# "goes through stages lead, qualified, won": a stage that is one of them.
_THROUGH = re.compile(
    r"\b(?:goes|go|moves?|passes?|runs?)\s+through\s+(?:the\s+)?(?:following\s+)?"
    r"(?P<what>stage|status|state|phase|step)(?:e?s)?\s*(?::|like|such as|of)?\s*"
)
# "a stage: applied, screening, hired", "a status, open or closed": the words are the choices.
_LABELLED_CHOICES = re.compile(
    r"\b(?P<what>status|state|stage|priority|level|category)\s*"
    r"(?::\s*(?P<list>[a-z][\w-]*(?: [a-z][\w-]*)?(?:\s*(?:,|->|→)\s*[a-z][\w-]*(?: [a-z][\w-]*)?)+"
    r"(?:\s*,?\s+or\s+[a-z][\w-]*)?)"
    r"|,\s*(?P<list2>[a-z][\w-]*(?:\s*,\s*[a-z][\w-]*)*\s+or\s+[a-z][\w-]*))(?=\s*(?:[.;)]|$))"
)
# "status draft/sent/paid": the slashed words are the choices.
_SLASHED = re.compile(
    r"\b(?P<what>status|state|stage|type|kind|category|priority|level|size|gender|sex|result|mode)"
    r"\s*:?\s+"
    r"(?P<list>[a-z][\w-]*(?:\s*/\s*[a-z][\w-]*)+)\b"
)
# "status published or draft", "type sail or motor": two bare words after the attribute.
_WORD_OR_WORD = re.compile(
    r"\b(?P<what>status|state|stage|type|kind|category|priority|level|gender|sex|result|mode)\s+"
    r"(?P<a>[a-z][\w-]*)\s+or\s+(?P<b>[a-z][\w-]*)(?=\s*(?:[,.;)]|$))"
)
# "status open, boarding, airborne, landed.", "licence level a, b, c or d, weight in kg": bare
# words after the attribute, that end the sentence or end with "or".
_INLINE_CHOICES = re.compile(
    r"\b(?P<what>status|state|stage|level|type|kind|category|priority|grade|sex|gender)\s+"
    r"(?P<list>[a-z][\w-]*(?:\s*,\s*[a-z][\w-]*)+)"
    r"(?:(?P<last>\s*,?\s+or\s+[a-z][\w-]*)(?=\s*(?:[,.;)]|$))|(?=\s*(?:[.;)]|$)))"
)


def _inline_choices(m: re.Match[str]) -> str:
    words = re.split(r"\s*,\s*", m.group("list"))
    if m.group("last"):
        words.append(re.sub(r"^\s*,?\s+or\s+", "", m.group("last")))
    if any(w in _NOT_A_CHOICE for w in words):
        return m.group(0)  # "status, name, email": fields after it
    return f"{m.group('what')} (one of {'|'.join(words)})"


_CHOICE = re.compile(
    r"\s*(?P<choice>\"[^\"]+\"|'[^']+'|[a-z0-9][\w-]*(?:\s(?!(?:or|and)\b)[a-z0-9][\w-]*)?)"
    r"(?P<sep>\s*,\s*(?:and\s+|or\s+)?|\s+(?:or|and)\s+|\s*/\s*|\s*\|\s*)?"
)
# Words that start a new field rather than continue a list of choices.
_NOT_A_CHOICE = DETERMINERS | {
    "total",
    "price",
    "amount",
    "date",
    "email",
    "phone",
    "description",
    "notes",
    "name",
    "title",
    "quantity",
    "default",  # "draft | published, default draft": what follows the values
}

# Words that are a choice when they end a list after "or": "female, male or other".
_LAST_CHOICES = frozenset({"other", "none", "both"})


def protect_choices(text: str) -> str:
    """Wrap each marked list of choices in parentheses so list splitting keeps it whole.

    "a status that is one of pending, shipped or received, and a total" ->
    "a status (one of pending|shipped|received), and a total".
    """
    text = _THROUGH.sub(lambda m: f"has a {m.group('what')} one of ", text)
    text = _LABELLED_CHOICES.sub(
        lambda m: (
            f"{m.group('what')} (one of "
            + "|".join(
                x for x in re.split(r"\s*,\s*|\s+or\s+", m.group("list") or m.group("list2")) if x
            )
            + ")"
        ),
        text,
    )
    text = _INLINE_CHOICES.sub(_inline_choices, text)
    text = _WORD_OR_WORD.sub(
        lambda m: f"{m.group('what')} (one of {m.group('a')}|{m.group('b')})", text
    )
    text = _SLASHED.sub(
        lambda m: f"{m.group('what')} (one of {m.group('list').replace('/', '|')})", text
    )
    out, pos = [], 0
    for marker in _CHOICE_MARKER.finditer(text):
        if marker.start() < pos:
            continue
        choices: list[str] = []
        end = cursor = marker.end()
        final = False
        while True:
            m = _CHOICE.match(text, cursor)
            if not m:
                break
            first = m.group("choice").split()[0].strip("\"'")
            last = final or re.match(r"\s*(?:\)|$)", text[m.end("choice") :]) is not None
            if choices and first in _NOT_A_CHOICE and not (last and first in _LAST_CHOICES):
                break  # "... or other" ends a list of choices; "... and other things" does not
            choices.append(m.group("choice").strip("\"'"))
            end = m.end("choice")
            if not m.group("sep") or final:
                break  # "pending, shipped or received, and a total": "or" ended the list
            final = bool(re.search(r"\b(?:or|and)\b", m.group("sep")))
            cursor = m.end()
        if len(choices) < 2:
            continue
        out.append(text[pos : marker.start()].rstrip())
        out.append(f" (one of {'|'.join(choices)})")
        pos = end
    out.append(text[pos:])
    return "".join(out)


def sentences(text: str) -> list[str]:
    """Sentences and lines: split at line breaks and at . ! ? ; followed by a space."""
    text = normalise(text)
    parts: list[str] = []
    for line in text.splitlines():
        parts.extend(re.split(r"(?<=[.!;])\s+|(?<=\?)\s+(?=[A-Z])", line))
    return [p.strip() for p in parts if p.strip()]


def list_after_clause(rest: str) -> str:
    """What follows a label, less a clause that says what the label is: "when a full container
    is emptied: date, tonnes" -> "date, tonnes" (each part before the last colon no list)."""
    parts = rest.split(": ")
    if len(parts) > 1 and all(len(split_list(p)) < 2 for p in parts[:-1]):
        return parts[-1]
    return rest
