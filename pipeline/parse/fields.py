"""A field phrase -> a field draft, with its type inferred from the words. No I/O.

"a unique email", "birth date", "duration in minutes", "done flag", "published?",
"status that is one of pending, shipped or received", "price: decimal", "notes (optional)".
Whether a phrase names another entity ("an author", "customer_id") is decided later, when every
entity is known (see `relations.py`); a draft keeps the words that decision needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from pipeline.naming import is_identifier, snake
from pipeline.naming import singular_word as singular
from pipeline.parse.asked import unask
from pipeline.parse.bounds import bounds
from pipeline.parse.phrases import clean, normalise, protect_choices, strip_determiners, tokens
from pipeline.parse.vocab import (
    ACTION_VERBS,
    BOOL_FIRST_WORDS,
    DURATION_TIME_PREFIXES,
    FIELD_NOISE,
    FIELD_RENAMES,
    IMPLICIT_FIELDS,
    MEASURE_UNITS,
    POSITION_NOUNS,
    TEXT_FORMATS,
    TRAILING_TYPE_WORDS,
    TYPE_RULES,
    TYPE_WORDS,
    UNIQUE_NAMES,
    UNITS,
    VALUE_SET_WORDS,
)
from pipeline.spec import Field, FieldType

Default = str | int | float | bool | None


@dataclass
class FieldDraft:
    """What one field phrase says; `to_field` makes the spec's Field."""

    name: str
    words: list[str]  # the name's words, for matching entity names ("blog", "posts")
    type: FieldType = FieldType.STRING
    explicit_type: bool = False
    required: bool = True
    optional_said: bool = False  # "optional" was written (relations use it too)
    unique: bool = False
    default: Default = None
    choices: list[str] = field(default_factory=list)
    max_length: int | None = None
    description: str = ""
    ref_hint: str = ""  # "assignee (user)": a word that may name an entity
    many: bool = False  # "many tags", "a list of authors"

    def to_field(self) -> Field:
        return Field(
            name=self.name,
            type=self.type,
            required=self.required,
            unique=self.unique,
            default=self.default,
            choices=self.choices,
            max_length=self.max_length,
            description=self.description,
        )


_LEAD = re.compile(
    r"^(?:-\s*)?(?:(?:each|every one|it|they|which|that)\s+(?:also\s+)?(?:has|have)|and|or|plus"
    r"|also|has|have|with|a field|field|fields?:"
    # "which plot", "what crop": the thing asked for names the field (not "what i did")
    r"|(?:which|what)(?=\s+(?!(?:i|we|you|they|he|she|it|was|were|is|are)\b)[a-z]+(?:\s+[a-z]+)?(?:\s+(?:it|they|he|she)\s[^()]*)?\s*(?:\(.*)?$))\s+"
)
_TAIL = re.compile(
    r"\s*:\s*|\s+-\s+|\s*(?:->|→)\s*|\s+(?:that|which|who|with|as|of type|should be|must be)\s+"
    r"|\s*=\s*(?=[^=]*(?:×|\s[*+/−-]\s))"  # "payout = sale price × rate": a formula
)
_MANY = re.compile(
    r"^(?:an?\s+)?(?:many|multiple|several|one or more|zero or more|(?:a\s+)?list of|lots of"
    r"|any number of|(?:a\s+)?set of|some|(?:a\s+)?bunch of|(?:a\s+)?lot of|a few)\s+"
)
# "adopted yes/no", "paid (y/n)": a yes/no field.
# "a shady yes/no flag", "an archived true/false field": the kind word after it goes too.
_YES_NO = re.compile(
    r"\s+(?:yes\s*/\s*no|y\s*/\s*n|true\s*/\s*false)(?:\s+(?:flag|field|value|checkbox|toggle))?\s*$"
)
_Y_N = re.compile(r"\(\s*(?:y\s*/\s*n|true\s*/\s*false)\s*\)", re.I)
# "whether it's gluten free", "if they are vegan": a yes/no field named by the rest.
_WHETHER = re.compile(
    r"^(?:whether|if)\s+(?:(?:it|its|it's|they|they're|theyre|the \w+)\s+)?(?:(?:is|are|was|has|have|"
    r"been)\s+)*(?:an?\s+)?"
)
_DEFAULT = re.compile(
    r"\b(?:defaults?\s*(?:to|is|of|=|:)?|default value\s*(?:is|of|=|:)?|=)\s*"
    r"(\"[^\"]*\"|'[^']*'|[\w.-]+)"
)
_UNIT = re.compile(r"\b(?:in|as)\s+(" + "|".join(re.escape(u) for u in UNITS) + r")(?=\W|$)")
# "size in m2", "area in square feet", "content in markdown": a measure or format at the end.
_MEASURE = re.compile(
    r"\s+(?:in|as)\s+(?P<square>(?:square|sq|cubic)\s+)?(?P<unit>[\w%]+(?:/\w+)?)\s*$"
)
# "(1-6)", "(between 1 and 5)", "(0.5 to 2)": the bounds of a number (rules.py keeps the rule).
_NUMBER_RANGE = re.compile(
    r"(?:between\s+|from\s+)?(?P<lo>-?\d+(?:\.\d+)?)\s*(?:-|to|and|\.\.)\s*"
    r"(?P<hi>-?\d+(?:\.\d+)?)(?:\s*(?!char|letter|word)[a-z%]{0,8})?"
)
# "a maximum (number) of students", "the max number of mentees": a limit on a count.
_LIMIT_OF = re.compile(
    r"\b(?P<limit>max|min)(?:imum)?\s+(?:number\s+of|amount\s+of|of|no\.?\s+of)\s+"
)
# "how many bottles": a count, named by what it counts.
_HOW_MANY = re.compile(r"^how\s+many\s+")
# An example written after a name that holds letters ("like INV-0001", "e.g. A12").
_LETTERED = re.compile(
    r"\b(?:like|eg|e\.g\.|such as|format)\s*:?\s*[\w-]*[a-z][\w-]*\d|\d[\w-]*[a-z]"
)
_NUMERIC = (FieldType.INTEGER, FieldType.FLOAT, FieldType.DECIMAL)
_MAX_LENGTH = re.compile(
    r"(?:max(?:imum)?(?:\s+length)?|up to|at most|<=?)\s*(\d+)\s*(?:chars?|characters?)?"
    r"|^(\d+)\s*(?:chars?|characters?)$"
)
_OPTIONAL = re.compile(
    r"\b(?:optional(?:ly)?|nullable|not required|not mandatory|if any|if available"
    r"|(?:can|may) be (?:empty|blank|null|missing))\b"
)
_REQUIRED = re.compile(r"\b(?:required|mandatory|not null|must be set)\b")
_UNIQUE = re.compile(r"\bunique\b")
# A modifier that says unique: "unique!", "is unique", "must be unique", "no duplicates".
_UNIQUE_SAID = re.compile(
    r"(?:(?:is|are|must be|should be|has to be|always)\s+)?unique(?:\s+value)?\s*!*"
    r"|no duplicates?\s*!*|never (?:duplicated|repeated)\s*!*"
)


def parse_field(phrase: str) -> FieldDraft | None:
    """One field phrase -> a draft, or None when the phrase is not a field ("etc", a sentence)."""
    if quantity_said(phrase):
        return None  # "18 boats", "~900 bookings a year": how many there are, no field
    if _ABSTRACT.match(phrase.strip().lower()):
        return None  # "(the ops team has lots of) ideas but nothing written down": talk, no data
    draft = _parse_field(phrase)
    if draft is None:
        return None
    return replace(draft, words=list(draft.words), choices=list(draft.choices))


# Plural words for what people think, never a field: "ideas", "thoughts", "opinions".
_ABSTRACT = re.compile(
    r"^(?:(?:lots|a lot|plenty|loads) of\s+|many\s+|some\s+|(?:our|their|the)\s+)?(?:ideas|thoughts"
    r"|opinions|wishes|concerns|dreams)\b"
)


def quantity_said(phrase: str) -> bool:
    """Is the phrase a quantity stated as a fact ("18 boats", "~40k people"), not a field?"""
    return bool(_QUANTITY_SAID.match(phrase.strip()))


# A quantity stated as a fact about the business ("18 boats", "~40k people", "about 200
# members"), not a field: a number first, with no word before it that bounds a field ("up to").
_QUANTITY_SAID = re.compile(
    r"^(?:~|about|approx\.?|approximately|around|roughly|nearly|almost|some|over|c\.)?\s*"
    r"\d[\d,.]*\s*k?\+?\s+(?:[a-z]+s|people|staff|children|men|women)\b",
    re.I,
)


# "valid from", "available until": a day
_VALIDITY = re.compile(r"(?:valid|available|active|effective)_(?:from|until|till|to|through)")


@lru_cache(maxsize=4096)
def _parse_field(phrase: str) -> FieldDraft | None:
    text = protect_choices(_LEAD.sub("", clean(phrase)).strip(" .;"))
    text = _Y_N.sub("(yes/no)", text)  # "paid (y/n)": yes or no, not the values "y" and "n"
    question = "?" in text
    text = text.replace("?", " ")
    mods = [m.group(1) for m in re.finditer(r"\(([^()]*)\)", text)]
    text = re.sub(r"\([^()]*\)", " ", text).strip()
    text = _AT_THAT_TIME.sub("", text)  # "the monthly rent at that time": when, not its name
    if re.match(r"^(?:when|where)\s+\w", text):  # "when it was found": asked whole, before its
        text = unask(text)[0]  # clause words ("it", "was") could end the name
    tail = _TAIL.search(text)
    head = text[: tail.start()] if tail else text
    if tail:
        mods.append(text[tail.end() :])
    draft = _head(head, question)
    if draft is None:
        return None
    for mod in mods:
        _apply_modifiers(mod, draft)
    _settle_type(draft)
    if not draft.explicit_type and _VALIDITY.fullmatch(draft.name):
        draft.type = FieldType.DATE  # "valid from", "available until": a day
    if (
        draft.type is FieldType.INTEGER
        and not draft.explicit_type
        and _LETTERED.search(clean(phrase))
    ):
        draft.type = FieldType.STRING  # "number like INV-2024-0001": an identifier, not a count
    if isinstance(draft.default, str) and draft.type in (FieldType.STRING, FieldType.TEXT):
        written = re.search(re.escape(draft.default), normalise(phrase), re.I)
        draft.default = written.group() if written else draft.default  # "Norway", not "norway"
    return draft


# A rule written after a field's name ("rating from 1 to 5", "title up to 80 characters"): the
# rule reader (rules.py) keeps it; the field is named without it, and a whole-number range makes
# the field an integer.
_RULE_TAIL = re.compile(
    r"\s+(?:(?:between|from)\s+-?\d+(?:\.\d+)?\s*(?:and|to|-|–)\s*-?\d+(?:\.\d+)?"
    r"|-?\d+\s*(?:-|–|\.\.)\s*-?\d+|(?:up to|at most|at least|max(?:imum)?|min(?:imum)?|no more than"
    r"|no less than)\s+\d+)(?P<rest>.*)$"
)


# A bound cut in two by a list's "and" ("a temperature between -60" | "60").
_DANGLING_BOUND = re.compile(r"\s+(?:between|from)\s+-?\d+(?:\.\d+)?\s*$")
# Words left before a bound that belong to it: "age of | 18 or more", "score out of | 10".
_BOUND_LEAD = re.compile(r"(?:\s+(?:of|out of|from|between|is|are|must be|should be|can be))+\s*$")


def _rule_cut(head: str) -> int:
    """Where a rule written after a field's name starts (`bounds.bounds`'s phrasings, or a range
    cut in two by a list), else 0."""
    low = head.lower()
    starts = [b.start for b in bounds(low) if b.start > 0]
    if (rule := _RULE_TAIL.search(head)) and rule.start() > 0:
        starts.append(rule.start())
    if dangling := _DANGLING_BOUND.search(low):
        starts.append(dangling.start())
    return min(starts, default=0)


# Words after which a field phrase stops naming the field ("tempo in bpm", "price eg 120",
# "languages they speak", "photo too haha", "code like B-12").
_TAIL_WORDS = frozenset(
    "like eg ie such for to they it its itself too haha lol ofc etc which that who whom when together "
    "if so because has have is are was were will should can could must would may might "
    "we you our your their".split()
)


# Words that name nothing in particular, and words a name cannot end on.
_FILLER = frozenset("stuff things thing whatever everything something anything".split())
_DANGLING = frozenset("of with and or".split())


def _cut_tail(words: list[str]) -> list[str]:
    for i, w in enumerate(words[1:], start=1):
        the = i + 1 < len(words) and words[i + 1] in ("the", "a", "an")
        if w in ("for", "to") and words[i - 1].endswith("ed"):
            continue  # "reserved for", "assigned to": the name goes on
        if w in _TAIL_WORDS or (w in ("of", "in", "on", "at") and the):
            return words[:i]
    return words


# A count said as a limit ("more than 3 open requests", "at most 2 pets"): a rule about how many
# there may be, not a field's name.
_COUNT_LIMIT = re.compile(
    r"^(?:(?:no|not)\s+)?(?:more\s+than|fewer\s+than|less\s+than|over|under|at most|at least)"
    r"\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)"
    r"\s+[a-z]"
)


def _head(head: str, question: bool) -> FieldDraft | None:
    if _COUNT_LIMIT.match(head.strip().lower()):
        return None
    if whether := _WHETHER.match(head):
        head, question = head[whether.end() :], True
    head, asked_count = unask(head)  # "which side they're on" -> side
    if yes_no := _YES_NO.search(head):
        head, question = head[: yes_no.start()], True
    whole_range = False
    rule_text = ""  # "1 to 9999, and it has to be unique": the flags said after it count too
    if (cut := _rule_cut(head)) > 0:
        rule_text = head[cut:]
        whole_range = not re.search(r"\.\d|char|letter|word|positive|negative", rule_text)
        head = _BOUND_LEAD.sub("", head[:cut])
    many = bool(_MANY.match(head))
    if many:
        head = _MANY.sub("", head)
    flags = FieldDraft(name="", words=[], many=many)
    if _UNIQUE.search(head) or _UNIQUE.search(rule_text):
        flags.unique = True
    _note_optional(f"{head} {rule_text}", flags)
    default = _DEFAULT.search(head)
    if default:
        flags.default = default.group(1).strip("\"'")
        head = head[: default.start()]
    head = _LIMIT_OF.sub(r"\g<limit> ", head)  # "a maximum of students" -> max students
    counted = bool(_HOW_MANY.match(head)) or asked_count
    head = _HOW_MANY.sub("", head)
    head = head.replace("²", "2").replace("³", "3")
    measure = _MEASURE.search(head)
    measured: FieldType | None = None
    unit_word = measure.group("unit").replace("/", "") if measure else ""  # "km/h" -> kmh
    if measure and (measure.group("square") or unit_word in MEASURE_UNITS):
        measured, head = FieldType.FLOAT, head[: measure.start()]
    elif measure and measure.group("unit") in TEXT_FORMATS:
        measured, head = FieldType.TEXT, head[: measure.start()]
    share = measured is None and (percent := _PERCENT.search(head)) is not None
    if share and percent and percent.start() > 0:
        measured, head = FieldType.FLOAT, head[: percent.start()]  # "moisture %": a share
    unit = _UNIT.search(head)
    suffix = ""
    if unit:
        flags.type, suffix = UNITS[unit.group(1)]
        flags.explicit_type = True
        head = head[: unit.start()] + head[unit.end() :]
    head = _OPTIONAL.sub(" ", _REQUIRED.sub(" ", _UNIQUE.sub(" ", head)))
    words = _cut_tail(strip_determiners(tokens(head)))
    while len(words) > 1 and words[-1] in FIELD_NOISE:
        words.pop()  # "status field" -> status; "value" alone is a field's name
    if len(words) > 1 and words[-1] == "flag" or question:
        words = words[:-1] if words and words[-1] == "flag" else words
        flags.type, flags.explicit_type = FieldType.BOOLEAN, True
    elif len(words) > 1 and words[-1] in TRAILING_TYPE_WORDS:
        flags.type, flags.explicit_type = TYPE_WORDS[words.pop()], True
    elif len(words) > 2 and words[-1] == "uuid" and words[-2] == "id":
        flags.type, flags.explicit_type = FieldType.UUID, True  # "`external_id` uuid"
        words.pop()
    if not words or len(words) > 4 or words in (["etc"], ["more"], ["and", "more"]):
        return None
    if set(words) <= _FILLER or words[0] in ("then", "so", "but") or words[-1] in _DANGLING:
        return None  # "collect stuff and then get rewards, kind of like ...": no field named
    if words in (["account"], ["accounts"], ["login"], ["logins"]):
        return None  # "customers need accounts": signing in, not a field
    if len(words) > 1 and words[0] in ACTION_VERBS and words[1] in _VERB_OBJECT_STARTS:
        return None  # "see only their own orders": a verb phrase, not a field
    if len(words) > 2 and words[-2] in ("on", "at") and words[-1] in ("date", "time", "datetime"):
        words.pop()  # "performed on date" -> performed_on
    if suffix and words[-1] != suffix:
        words.append(suffix)
    flags.words = words
    flags.name = _field_name(words)
    if counted:
        flags.type, flags.explicit_type = FieldType.INTEGER, True
    elif measured is not None:
        inferred = infer_type(words)
        numeric = measured is FieldType.FLOAT and inferred in _NUMERIC
        flags.type, flags.explicit_type = (inferred if numeric and not share else measured), True
    if whole_range and not flags.explicit_type and infer_type(words) is FieldType.FLOAT:
        flags.type, flags.explicit_type = FieldType.INTEGER, True
    return flags if flags.name else None


# Words after a verb that start its object ("see only their orders", "edit all of them").
_VERB_OBJECT_STARTS = frozenset("only their all the them it its his her our my your any".split())


def _field_name(words: list[str]) -> str:
    name = snake(" ".join(words))
    name = FIELD_RENAMES.get(name, name)
    if name in IMPLICIT_FIELDS:
        return name  # the caller drops it: every entity already has it
    return name if is_identifier(name) else ""


def _note_optional(text: str, draft: FieldDraft) -> None:
    if _OPTIONAL.search(text):
        draft.required, draft.optional_said = False, True
    elif _REQUIRED.search(text):
        draft.required = True


def _apply_modifiers(mod: str, draft: FieldDraft) -> None:
    """Read "(unique, optional)", "(one of a|b)", ": decimal", "(in minutes)", "(user)"."""
    mod = mod.strip()
    if re.search(r"×|\s[*+−]\s", mod):
        draft.description = draft.description or mod  # a formula: how it is computed
        return
    if (m := _NUMBER_RANGE.fullmatch(mod)) and float(m.group("lo")) <= float(m.group("hi")):
        if not draft.explicit_type and infer_type(draft.words) not in _NUMERIC:
            fraction = "." in mod
            draft.type = FieldType.FLOAT if fraction else FieldType.INTEGER  # "rooms (1-6)"
            draft.explicit_type = True
        return
    one_of = re.match(r"^(?:one of|either)\s+(.+)$", mod)
    if one_of:
        draft.choices = _choices(re.split(r"\s*[|,/]\s*|\s+(?:or|and)\s+", one_of.group(1)))
        return
    leftovers: list[str] = []
    subs = [x.strip() for x in re.split(r"\s*[,;]\s*", mod)]
    modifiers = [x for x in subs if _read_modifier(x, _scratch())]
    kinds = {x for x in subs if x in TYPE_WORDS or x in _MEDIA_WORDS}
    values = (
        # "type (single, double, suite)": among values, a type word ("double") is a value too
        len(subs) >= 3
        and len(subs) - len(modifiers) >= 2
        and not set(subs) & _PARTS  # "a contact person (name, phone, ...)"
    ) or (
        # "kind (text, image, video)": a word for a set of values names values, not types
        len(subs) >= 2
        and bool(draft.words)
        and draft.words[-1] in _VALUE_SETS
        and all(x in kinds for x in modifiers)  # "priority (integer, default 3)": a default
    )
    for sub in subs:
        if values and sub in kinds:
            leftovers.append(sub)
            continue
        if _read_modifier(sub, draft):
            continue
        sub = re.sub(_LEADING_NOISE, "", sub)
        if sub and not _read_modifier(sub, draft):
            leftovers += [o for o in re.split(r"\s*[|/]\s*|\s+or\s+|^or\s+", sub) if o]
    if len(leftovers) >= 2 and all(0 < len(x.split()) <= 3 for x in leftovers):
        draft.choices = draft.choices or _choices(leftovers)
    elif len(leftovers) == 1 and len(leftovers[0].split()) <= 2:
        draft.ref_hint = leftovers[0]
        draft.description = draft.description or leftovers[0]
    elif leftovers:
        draft.description = ", ".join(leftovers)


_VALUE_SETS = VALUE_SET_WORDS | {"format", "mode", "medium", "media"}
_MEDIA_WORDS = frozenset("image images photo photos video videos audio file files pdf".split())


# Words that are the parts of a thing, not its values.
_PARTS = frozenset("name phone email address date time".split())


def _scratch() -> FieldDraft:
    """A draft to try a modifier on without keeping what it says."""
    return FieldDraft(name="", words=[])


_LEADING_NOISE = re.compile(
    r"^(?:an?|the|type|of type|(?:can|could|may|must|should|will)\s+be|is|are)\s+"
)


def _read_modifier(sub: str, draft: FieldDraft) -> bool:
    """Apply one known modifier; False when `sub` is not one."""
    if _UNIQUE_SAID.fullmatch(sub):
        draft.unique = True
    elif _OPTIONAL.fullmatch(sub) or _REQUIRED.fullmatch(sub):
        _note_optional(sub, draft)
    elif m := re.match(
        r"^(?:defaults?\s*(?:to|is|of|=|:)?|default value\s*(?:is|=|:)?)\s*(.+)$", sub
    ):
        draft.default = m.group(1).strip("\"'")
    elif sub in TYPE_WORDS:
        draft.type, draft.explicit_type = TYPE_WORDS[sub], True
    elif (m := re.fullmatch(r"(?:in|as)\s+(\S+)", sub)) and m.group(1) in UNITS:
        draft.type, suffix = UNITS[m.group(1)]
        draft.explicit_type = True
        if suffix and not draft.name.endswith(suffix):
            draft.name = f"{draft.name}_{suffix}"
    elif m := _MAX_LENGTH.search(sub):
        draft.max_length = int(m.group(1) or m.group(2))
    elif sub.startswith("eg"):
        draft.description = sub.removeprefix("eg").strip(" :")
    elif (unique := re.fullmatch(r"(.+?)\s+unique|unique\s+(.+)", sub)) and (
        (unique.group(1) or unique.group(2)) in TYPE_WORDS
    ):
        draft.unique = True
        draft.type, draft.explicit_type = TYPE_WORDS[unique.group(1) or unique.group(2)], True
    else:
        return False
    return True


_BOUND_OPTION = re.compile(
    r"\W*(?:\d+(?:\.\d+)?\s*(?:to|–|\.\.)\s*\d+(?:\.\d+)?|\d{2,}\s*-\s*\d+|\d+\s*-\s*\d{2,})\W*"
)


def _choices(options: list[str]) -> list[str]:
    out: list[str] = []
    if all(re.match(r"^\W*\d", o.strip()) for o in options if o.strip()):
        return []  # "€450 - €2,500", "10, 20 or 50": amounts, not named values
    if any(_BOUND_OPTION.fullmatch(o.strip()) for o in options):
        return []  # "(whole mm, 10 to 100)": a note and a bound, not values ("1-0" is a score)
    if re.match(r"^\W*\d", options[0].strip()) and re.fullmatch(
        r"more|less|fewer|above|below|higher|lower|over|under", options[-1].strip(" .")
    ):
        return []  # "(0 or more)": a bound, not two values
    for option in options:
        value = snake(option.strip(" \"'."))
        if value and value not in out:
            out.append(value)
    return out if len(out) >= 2 else []


# Participles that say when, not whether ("founded": a year, "joined": a date).
_WHEN_PARTICIPLES = frozenset(
    "founded established created updated started joined opened registered planted installed "
    "released published issued built born hired".split()
)
# First words that make a name a limit ("max participants", "minimum age").
LIMIT_WORDS = frozenset("max min maximum minimum".split())
# Past participles that end a name after the noun they qualify ("price paid", "time spent").
_PARTICIPLES = frozenset("paid spent sold taken given won lost made built done run".split())
# The types a noun before a participle keeps: a "price paid" is money, not a yes/no.
_MEASURED = tuple(
    (t, v) for t, v in TYPE_RULES if t in (*_NUMERIC, FieldType.DATE, FieldType.DATETIME)
)


# Units a name ends in that make it a number ("weight_kg", "duration_minutes"); not "day",
# "hours" or "m", which end names of other kinds ("delivery day", "opening hours").
_NAMED_UNITS = {
    u: UNITS[u][0]
    for u in "kg grams lbs km cm miles meters metres percent minutes mins seconds secs cents".split()
}


_UNIT_LOOKALIKES = frozenset("bar pa cal foot w v l ha ct db".split())  # "snack bar", "head pa"


def infer_type(words: list[str]) -> FieldType:
    """The type a field's name suggests: "birth date" -> date, "is active" -> boolean."""
    if not words:
        return FieldType.STRING
    last = words[-1]
    if len(words) > 1 and last == "at":
        return FieldType.DATETIME
    if len(words) > 1 and last == "on":
        return FieldType.DATE
    if last == "time":
        lasting = len(words) > 1 and words[-2] in DURATION_TIME_PREFIXES
        return FieldType.INTEGER if lasting else FieldType.DATETIME
    if words == ["due"] or len(words) > 1 and last == "day" and words[-2] in _DAY_OF:
        return FieldType.DATE  # "start day", "end day": a date (a "service day" is a weekday)
    if words in (["start"], ["end"], ["starts"], ["ends"], ["begins"], ["finish"]):
        return FieldType.DATETIME  # "start", "end" of a booking: moments
    if len(words) > 1 and words[0] in LIMIT_WORDS:
        rest = infer_type(words[1:])
        return rest if rest in _NUMERIC else FieldType.INTEGER  # "max participants", "min age"
    if (
        len(words) == 1
        and len(last) > 5
        and last.endswith("ed")
        and not last.endswith("eed")
        and last not in _WHEN_PARTICIPLES
    ):
        return FieldType.BOOLEAN  # "covered", "verified", "archived": a state, yes or no
    if len(words) > 1 and (last.endswith("ed") or last in _PARTICIPLES):
        for type_, vocabulary in _MEASURED:  # "price paid", "hours worked", "date joined"
            if any(w in vocabulary or singular(w) in vocabulary for w in words[:-1]):
                return type_
    if len(words) > 1 and last in ("id", "code", "ref", "reference"):
        return FieldType.STRING  # "tax id", "fee code": a name for something, not an amount
    if last == "number" and (len(words) == 1 or words[-2] in POSITION_NOUNS):
        return FieldType.INTEGER  # "number", "seat number"; a "passport number" is a string
    if last in ("order", "size") and len(words) > 1:
        return FieldType.INTEGER  # "sort order", "party size"
    if last in ("rate", "price", "fee") and words[0] in ("daily", "hourly", "nightly", "weekly"):
        return FieldType.DECIMAL  # "daily rate": money, where a bare "rate" is a ratio
    if last == "value" and len(words) > 1 and words[-2] in _WORTH:
        return FieldType.DECIMAL  # "face value", "replacement value": what it is worth
    if words[0] in ("year", "years") and len(words) > 1:
        return FieldType.INTEGER  # "year published", "years experience"
    if len(words) > 1 and words[0] in BOOL_FIRST_WORDS:
        return FieldType.BOOLEAN
    if words[0] == "number" and "of" in words or words[0] == "num" and len(words) > 1:
        return FieldType.INTEGER
    if (
        len(words) > 1
        and words[-2] != "square"  # "square feet": the area a listing states, counted whole
        and (last in MEASURE_UNITS - _UNIT_LOOKALIKES or last in _NAMED_UNITS)
    ):
        return _NAMED_UNITS.get(last, FieldType.FLOAT)  # "thickness_mm", "length_cm": a measure
    for type_, vocabulary in TYPE_RULES:
        if last in vocabulary or singular(last) in vocabulary:
            return type_
    for type_, vocabulary in TYPE_RULES:
        if any(w in vocabulary for w in words[:-1]):
            return type_
    return FieldType.STRING


_PERCENT = re.compile(r"\s*(?:\bin\s*)?%\s*$")
_AT_THAT_TIME = re.compile(r"\s+(?:at|by)\s+(?:that|this|the)\s+(?:time|moment|point)\b.*$")
# Words before "day" that make it the date something happens on.
_DAY_OF = frozenset("start end first last arrival departure return due birth".split())
# Words before "value" that make it what a thing is worth, in money.
_WORTH = frozenset(
    "estimated face market replacement insurance insured appraised resale retail declared book "
    "purchase sale total order stock asset trade".split()
)


def _settle_type(draft: FieldDraft) -> None:
    """Decide the final type and make default and choices agree with it."""
    if draft.choices and (not draft.explicit_type or draft.type is FieldType.ENUM):
        draft.type = FieldType.ENUM
    elif not draft.explicit_type:
        draft.type = infer_type(draft.words)
    if draft.type is not FieldType.ENUM:
        if draft.choices:
            draft.description = draft.description or "one of " + ", ".join(draft.choices)
        draft.choices = []
    if draft.name in UNIQUE_NAMES:
        draft.unique = True
    draft.default = _typed_default(draft)
    if draft.type is FieldType.BOOLEAN and draft.default is None:
        draft.default = False
    if draft.type is FieldType.ENUM and draft.default is None and draft.name in ("status", "state"):
        draft.default = draft.choices[0]
    if draft.type is FieldType.FILE:
        draft.required = False  # set by the upload endpoint, after the row exists


_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


def _typed_default(draft: FieldDraft) -> Default:
    value = draft.default
    if value is None or not isinstance(value, str):
        return value
    word = value.lower()
    try:
        if draft.type is FieldType.BOOLEAN:
            return True if word in _TRUE else False if word in _FALSE else None
        if draft.type is FieldType.INTEGER:
            return int(word)
        if draft.type in (FieldType.FLOAT, FieldType.DECIMAL):
            number = float(word)
            return int(number) if number.is_integer() else number
    except ValueError:
        return None
    if draft.type is FieldType.ENUM:
        choice = snake(word)
        return choice if choice in draft.choices else None
    if draft.type in (FieldType.DATE, FieldType.DATETIME, FieldType.FILE, FieldType.UUID):
        return None  # "today", "now": the renderer cannot express them as literals
    return value


def times_of_day(fields: list[FieldDraft]) -> None:
    """ "date, drop-off time, pick-up time": a time named beside a date is the time of that day
    (text such as "08:30"), not a second moment; alone ("departure time") it is a moment."""
    if not any(f.type is FieldType.DATE for f in fields):
        return
    for f in fields:
        if (
            f.words
            and f.words[-1] == "time"
            and f.type is FieldType.DATETIME
            and not f.explicit_type
        ):
            f.type = FieldType.STRING
