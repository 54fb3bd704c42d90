"""Names: snake_case, PascalCase, plurals and singulars for entity and field names. No I/O.

Used by the parser (to normalise what people write) and by the renderer (to name tables, modules,
classes and routes), so both agree on every name.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Callable

# Plurals English gets wrong by rule; both directions are derived from this one table.
_IRREGULAR = {
    "person": "people",
    "child": "children",
    "man": "men",
    "woman": "women",
    "mouse": "mice",
    "goose": "geese",
    "foot": "feet",
    "tooth": "teeth",
    "ox": "oxen",
    "datum": "data",
    "criterion": "criteria",
    "analysis": "analyses",
    "index": "indices",
    "quiz": "quizzes",
    "menu": "menus",
    "taxi": "taxis",
    "emoji": "emojis",
    "wiki": "wikis",
    "ski": "skis",
    "potato": "potatoes",
    "tomato": "tomatoes",
    "hero": "heroes",
    "echo": "echoes",
    "veto": "vetoes",
}
_IRREGULAR_SINGULAR = {v: k for k, v in _IRREGULAR.items()}
# Words whose plural is the word itself (and words in "-os" that are already singular).
_UNCOUNTABLE = {"equipment", "information", "series", "species", "news", "feedback", "metadata"} | {
    "chaos",
    "cosmos",
    "ethos",
    "kudos",
    "pathos",
    "bios",
    "macos",
}
# Singular nouns in "-s" that no ending rule tells from a plural ("gas", "lens", "canvas").
_S_WORDS = frozenset("gas lens canvas atlas alias bias iris yes".split())
# Plurals in "-ses" of nouns in "-sis" ("diagnoses" is not "diagnose" + "s").
_SIS_PLURALS = frozenset("diagnoses prognoses theses crises hypotheses syntheses".split())
# Nouns ending in "ie", whose plural "-ies" is not "-y" + "s" ("movies" is not "movy").
IE_WORDS = frozenset(
    "movie cookie selfie zombie pie tie calorie rookie hoodie smoothie genie lie prairie goalie "
    "brownie auntie freebie newbie sortie eyrie".split()
)
# Words ending in "s" that are already singular ("status", "address", "bus").
_SINGULAR_S = ("ss", "us", "is")

_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")


def words(text: str) -> list[str]:
    """Split any identifier or phrase into lower-case words: "PublishedAt" -> ["published", "at"]."""
    return [w.lower() for w in _WORD.findall(text)]


def snake(text: str) -> str:
    """ "Published At", "publishedAt", "published-at" -> "published_at"."""
    return "_".join(words(text))


def pascal(text: str) -> str:
    """ "blog post", "blog_post" -> "BlogPost"."""
    return "".join(w.capitalize() for w in words(text))


def kebab(text: str) -> str:
    """ "BlogPost" -> "blog-post"."""
    return "-".join(words(text))


def _apply_last(text: str, change: Callable[[str], str]) -> str:
    parts = words(text)
    if not parts:
        return text
    parts[-1] = change(parts[-1])
    return "_".join(parts)


def plural_word(word: str) -> str:
    w = word.lower()
    if w in _UNCOUNTABLE or w in _IRREGULAR_SINGULAR:
        return w
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if re.search(r"[^aeiou]y$", w):
        return w[:-1] + "ies"
    if w.endswith("sis"):
        return w[:-2] + "es"  # diagnosis -> diagnoses, thesis -> theses
    if re.search(r"(s|x|z|ch|sh)$", w):
        return w + "es"
    if w.endswith("fe"):
        return w[:-2] + "ves"
    if re.search(r"[^f]f$", w) and w not in {"chef", "roof", "belief", "chief", "proof"}:
        return w[:-1] + "ves"
    return w + "s"


# Plurals in "-ves" whose singular ends in "-fe" or "-f"; any other "-ves" drops its "s".
_VES_FE = frozenset({"knives", "wives", "lives", "midwives", "housewives", "penknives"})
_VES_F = frozenset({"leaves", "loaves", "thieves", "scarves", "hooves", "dwarves", "sheaves"})


def singular_word(word: str) -> str:
    w = word.lower()
    if w in _UNCOUNTABLE or w in _IRREGULAR:
        return w
    if w in _IRREGULAR_SINGULAR:
        return _IRREGULAR_SINGULAR[w]
    if w in _S_WORDS:
        return w
    if w.endswith("es") and w[:-2] in _S_WORDS:
        return w[:-2]  # lenses, gases, aliases
    if w in _SIS_PLURALS:
        return w[:-2] + "is"
    if w.endswith("ies") and w[:-1] in IE_WORDS:
        return w[:-1]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w in _VES_FE:
        return w[:-3] + "fe"  # knives, wives, lives
    if w.endswith("lves") and w != "valves" or w in _VES_F:
        return w[:-3] + "f"  # shelves, wolves, leaves
    if w.endswith("ves"):
        return w[:-1]  # hives, drives, archives, gloves, curves
    if re.search(r"[aeiou]uses$|[aeio]ses$", w):
        return w[:-1]  # houses, causes, databases, cases: the "e" belongs to the word
    if re.search(r"[^tz]zes$", w):
        return w[:-1]  # sizes, prizes, mazes, bronzes: the "e" belongs to the word
    if re.search(r"(ss|x|z|ch|sh|us)es$", w):
        return w[:-2]  # addresses, boxes, branches, statuses, buses
    if w.endswith(_SINGULAR_S):
        return w
    if w.endswith("s") and len(w) > 2:
        return w[:-1]
    return w


def plural(name: str) -> str:
    """snake_case plural of a name: "BlogPost" -> "blog_posts", "category" -> "categories"."""
    return _apply_last(name, plural_word)


def singular(name: str) -> str:
    """snake_case singular of a name: "blog_posts" -> "blog_post", "Categories" -> "category"."""
    return _apply_last(name, singular_word)


# Names a generated model cannot use for a field: Python keywords, SQLAlchemy's declarative
# attributes, and the columns every generated table already has.
RESERVED_FIELD_NAMES = frozenset(
    set(keyword.kwlist)
    | {"metadata", "registry", "query", "id", "created_at", "updated_at", "self", "cls"}
)


# Modules the templates generate beside the entities' own: an entity whose module name is one of
# these would overwrite it. Snake names share app/models, app/schemas, app/repositories and
# app/services with `base.py` (the generic repository) and `common.py` (shared schemas); plural
# names share tests/ as test_<plural>.py with the health, migration and auth tests.
RESERVED_MODULE_NAMES = frozenset({"base", "common"})
RESERVED_PLURAL_NAMES = frozenset({"health", "migrations", "auth"})


def one_slip(a: str, b: str, *, changed: bool = True) -> bool:
    """Is `a` `b` with one letter dropped, added or swapped with its neighbour, or (`changed`)
    one letter changed? Equal words are no slip."""
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diff) == 1:
            return changed
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = sorted((a, b), key=len)
    if len(long_) - len(short) != 1:
        return False
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def is_identifier(name: str) -> bool:
    """True for a lower snake_case identifier that is not a Python keyword."""
    return bool(re.fullmatch(r"[a-z][a-z0-9_]*", name)) and not keyword.iskeyword(name)
