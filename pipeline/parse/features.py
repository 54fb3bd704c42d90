"""Project-wide facts: database, list features, file uploads, and the project's name and domain.

Uploads are read before anything else so that "file upload for post images" adds an `image`
field to Post instead of an `Image` entity: `find_uploads` returns the spans it used so the
sentence reader can skip them. No I/O.
"""

from __future__ import annotations

import re
from collections import Counter

from pipeline.naming import kebab
from pipeline.naming import singular_word as singular
from pipeline.parse.domains import DOMAINS
from pipeline.parse.draft import Draft, DraftUpload
from pipeline.parse.phrases import noun_key, tokens
from pipeline.parse.vocab import APP_WORDS, FILLER_ADJECTIVES, STACK_WORDS
from pipeline.spec import Database

_DATABASES = (
    (re.compile(r"\bsqlite3?\b"), Database.SQLITE),
    (re.compile(r"\bpostgres(?:ql)?\b|\bpsql\b"), Database.POSTGRESQL),
)
_UNSUPPORTED_DB = re.compile(r"\b(mysql|mariadb|mongodb|mongo|dynamodb|oracle|sql server|mssql)\b")
_NEGATED = re.compile(r"(?:\bno|\bnot|\bwithout|\binstead of|\brather than)\s+$")


def detect_database(text: str, draft: Draft) -> None:
    """The first database the text asks for (not one it rules out: "SQLite, not Postgres")."""
    found: list[tuple[int, Database]] = []
    for pattern, database in _DATABASES:
        for m in pattern.finditer(text):
            if not _NEGATED.search(text[max(0, m.start() - 14) : m.start()]):
                found.append((m.start(), database))
    if found:
        draft.database = min(found)[1]
    elif unsupported := _UNSUPPORTED_DB.search(text):
        draft.note(
            f"{unsupported.group(1)} is not supported; the project uses PostgreSQL (or SQLite "
            "locally)."
        )


def detect_list_features(text: str, draft: Draft) -> None:
    if re.search(r"\b(?:filter(?:s|ing|able|ed)?|search(?:able|ing)?|query by)\b", text):
        draft.filtering = True
    if re.search(r"\b(?:no|without)\s+pagination\b", text):
        draft.pagination = False


_FILE_NOUNS = (
    "images?|photos?|pictures?|avatars?|attachments?|documents?|files?|covers?|cover images?|"
    "logos?|thumbnails?|receipts?|pdfs?|scans?|resumes?|cvs?|videos?|headshots?|banners?"
)
# After "upload": things in the plural that are no files ("upload observations", "upload their
# readings") are records sent to the API.
_UPLOADS_RECORDS = re.compile(
    r"\s+(?:their\s+|the\s+|its\s+|new\s+)?(?!(?:" + _FILE_NOUNS + r")\b)[a-z]+s\b"
)
_OBJ = r"(?:an?\s+|the\s+|their\s+|its\s+|some\s+|each\s+|every\s+)?"
_STOP = (
    r"(?!(?:and|or|up|with|which|that|so|where|max|maximum|limited|at|in|using|via|stored|to|for"
    r"|of|on)\b)"
)
_TWO_WORDS = r"[a-z]+(?:\s" + _STOP + r"[a-z]+)?"
_UPLOAD_PATTERNS = (
    # "upload images for posts", "attach files to tickets", "upload a cover image for each book"
    re.compile(
        r"\b(?:upload|uploading|attach|attaching)\s+" + _OBJ + r"(?P<field>" + _TWO_WORDS + r")\s+"
        r"(?:for|to|on|of|with)\s+" + _OBJ + r"(?P<entity>" + _TWO_WORDS + r")"
    ),
    # "file upload for post images", "image uploads for products", "uploads: receipts of expenses"
    re.compile(
        r"\b(?P<kind>file|(?:(?:cover|profile|main|header|banner)\s+)?(?:image|photo|picture)"
        r"|document|attachment|media|avatar)?\s*uploads?"
        r"(?:\s*:|\s+(?:for|of|on|to|with))\s+"
        + _OBJ
        + r"(?P<what>[a-z]+(?:\s(?!(?:and|or|up|with|which|that|so|where|max|maximum|limited|at|in"
        r"|using|via|stored|to)\b)[a-z]+){0,3})"
    ),
    # "users can upload an avatar"
    re.compile(
        r"\b(?P<entity>[a-z]+)\s+(?:can|may|should be able to|are able to)\s+upload\s+"
        + _OBJ
        + r"(?P<field>"
        + _TWO_WORDS
        + r")"
    ),
    # "post image uploads", "product photo upload" (not "file upload": that is the feature)
    re.compile(
        r"\b(?P<entity>[a-z]+)\s+(?P<field>"
        + _FILE_NOUNS.replace("files?|", "")
        + r")\s+uploads?\b"
    ),
    # "support file uploads" (no target)
    re.compile(r"\b(?P<kind>file|image|photo|document|attachment)s?\s+uploads?\b|\buploads?\b"),
)
_SIZE = re.compile(
    r"(?:up to|max(?:imum)?|limit(?:ed)?(?: of| to)?|at most|<=?)\s*(\d+)\s*(?:mb|megabytes?)"
)
_IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"]
_IMAGE_WORDS = {
    "image",
    "photo",
    "picture",
    "avatar",
    "cover",
    "logo",
    "thumbnail",
    "headshot",
    "banner",
}


def find_uploads(text: str, draft: Draft) -> list[tuple[int, int]]:
    """Record the file uploads the text asks for; returns the (start, end) spans it read."""
    spans: list[tuple[int, int]] = []
    for pattern in _UPLOAD_PATTERNS:
        for m in pattern.finditer(text):
            if any(s <= m.start() < e or s < m.end() <= e for s, e in spans):
                continue
            if pattern is _UPLOAD_PATTERNS[-1] and _in_field_list(text, m.start()):
                continue  # "cover (file upload)": a typed field, not a feature request
            if pattern is _UPLOAD_PATTERNS[-1] and _UPLOADS_RECORDS.match(text, m.end()):
                continue  # "stations upload observations": rows sent in, not files
            upload = _upload(m.groupdict())
            if upload is None:
                continue
            size = _SIZE.search(text[m.start() : m.end() + 40])
            upload.max_size_mb = int(size.group(1)) if size else None
            draft.uploads.append(upload)
            spans.append((m.start(), m.end()))
    return spans


def _in_field_list(text: str, at: int) -> bool:
    line = text[text.rfind("\n", 0, at) + 1 : at]
    return line.count("(") > line.count(")") or ":" in line


def _upload(groups: dict[str, str | None]) -> DraftUpload | None:
    entity, field = groups.get("entity") or "", groups.get("field") or ""
    if what := groups.get("what"):
        parts = re.split(r"\s+(?:of|for|on|to)\s+", what, maxsplit=1)
        words = tokens(parts[0])
        if len(parts) == 2:
            field, entity = parts
        elif len(words) > 1 and re.fullmatch(_FILE_NOUNS, " ".join(words[1:])):
            entity, field = words[0], " ".join(words[1:])
        elif re.fullmatch(_FILE_NOUNS, " ".join(words)):
            field = " ".join(words)
        else:
            entity = " ".join(words)
    if not field:
        kind = groups.get("kind") or "file"
        field = "attachment" if kind in ("file", "media") else kind
    field_words = tokens(field)
    if not field_words or len(field_words) > 2:
        return None
    field_words[-1] = singular(field_words[-1])
    entity_key = (noun_key(entity) or "") if entity else ""
    if entity and not entity_key:
        return None
    types = _IMAGE_TYPES if field_words[-1] in _IMAGE_WORDS else None
    if field_words[-1] in ("pdf", "resume", "cv", "receipt", "document"):
        types = ["application/pdf", "image/png", "image/jpeg"]
    return DraftUpload(entity=entity_key, field="_".join(field_words), content_types=types)


_APP_ALTERNATIVES = "|".join(sorted(APP_WORDS, key=len, reverse=True))
_APP_NAME = re.compile(
    r"\b(?:a|an|the|my|our)\s+(?P<words>(?:[a-z][a-z0-9-]*\s+){0,3}?)(?:"
    + _APP_ALTERNATIVES
    + r")\b"
)
_APP_FOR = re.compile(
    r"\b(?:" + _APP_ALTERNATIVES + r")\s+(?:for|to run)\s+(?:[a-z]+ing\s+)?(?:a|an|the|my|our)\s+"
    r"(?P<words>[a-z]+(?:\s(?!(?:with|and|or|that|which|where|to|for|of|in)\b)[a-z]+){0,2})"
)
# "Weather stations API: ..." at the very start, with no article.
_APP_FIRST = re.compile(r"^(?P<words>(?:[a-z][a-z0-9-]*\s+){1,3}?)(?:" + _APP_ALTERNATIVES + r")\b")
_NOT_A_NAME = (
    FILLER_ADJECTIVES
    | STACK_WORDS
    | APP_WORDS
    | {
        "build",
        "create",
        "make",
        "design",
        "need",
        "want",
        "write",
        "develop",
        "implement",
        "generate",
        "please",
        "i",
        "we",
        "me",
        "us",
        "an",
        "to",
    }
)


def app_words(text: str) -> list[str]:
    """The words naming what is built: "Build a blog API" -> ["blog"]; "an API for a library"
    -> ["library"]."""
    for pattern in (_APP_NAME, _APP_FOR, _APP_FIRST):
        for m in pattern.finditer(text):
            words = [w for w in tokens(m.group("words")) if w not in _NOT_A_NAME]
            if words and (pattern is not _APP_FIRST or len(words) == len(tokens(m.group("words")))):
                return words[-3:]
    return []


def slug(words: list[str]) -> str:
    """ "blog" -> "blog-api"; "todo", "app" -> "todo-api"."""
    base = kebab(" ".join(w for w in words if w not in APP_WORDS))
    base = re.sub(r"[^a-z0-9-]", "", base)[:40].strip("-")
    return f"{base}-api" if base else ""


def title_of(name: str) -> str:
    return " ".join("API" if w == "api" else w.capitalize() for w in name.split("-"))


def detect_domain(text: str, keys: list[str]) -> str:
    """The domain the words suggest most ("posts", "comments" -> content_management)."""
    words = Counter(singular(w) for w in tokens(text))
    for key in keys:
        for part in key.split("_"):
            words[part] += 2
    best, best_score = "general", 0
    for domain, vocabulary in DOMAINS:
        score = sum(words[w] for w in vocabulary)
        if score > best_score:
            best, best_score = domain, score
    return best
