"""A review comment cut into sentences, each in the plain forms the readers know. No I/O.

`comment_sentences(text, words, names)` gives, for each sentence, line or bullet, (as written,
plain, whether it takes back the instruction before): a correction ("no wait, ...") is a sentence
of its own, and so is each side of a colon between two clauses; a list of values that ends a
sentence is kept whole as "(one of a|b|c)" so clause splitting does not read its items.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.naming import snake
from pipeline.parse.phrases import clean, protect_choices, sentences
from pipeline.refine.corrections import correction, split_corrections
from pipeline.refine.leadins import announces, split_lead_in
from pipeline.refine.likeness import COMPARISON
from pipeline.refine.questions import as_request
from pipeline.refine.remarks import split_remark
from pipeline.refine.sayings import say_plainly
from pipeline.refine.wording import plain

_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
# "turn off pagination? the lists are short anyway": a question mark followed by more words
# ends a sentence, whatever case the next word is written in (the parser's splitter waits for
# a capital)
_AFTER_QUESTION = re.compile(r"(?<=\?)\s+(?=[\w`\"'*(])")

# A reason before what it asks: "member records hold personal data, so you should ...", "we
# don't do speakers anymore so please drop ...".
REASON_FIRST = re.compile(
    r"^(?P<why>(?:(?!\b(?:add|remove|rename|make|change|drop|delete|set|mark|turn|switch|give|link|use|"
    r"please|should|must|can|could)\b)[^,])+)(?:,\s*(?:and\s+)?so\s+|\s+so\s+(?=(?:please|pls|plz|"
    r"let's|lets|just|can you|could you|we should|you should|add|remove|rename|make|change|drop|delete|"
    r"set|mark|turn|default|give|link|use)\b))(?P<rest>.+)$",
    re.IGNORECASE,
)


# "(one of draft|published|default draft)": the last item is the default, not a value
_DEFAULT_IN_VALUES = re.compile(
    r"\(one of (?P<v>[^()|]+(?:\|[^()|]+)+?)\|(?:(?:by\s+)?default(?:s)?(?:\s+to|\s+is)?\s+(?P<d>[\w-]+)|"
    r"(?P<d2>[\w-]+)\s+by\s+default)\)"
)


# "enum (a, b, c)": the values of an enum, even where they are words that name types
_ENUM_VALUES = re.compile(r"\benum\s*\((?P<v>[^()]+?(?:,|/|\||\s+or\s+)[^()]+)\)", re.IGNORECASE)


def _values(listed: str, *, joined_by_and: bool = False) -> list[str]:
    """The values of a list written "a, b / c | d or e" (and "f and g" where `joined_by_and`)."""
    split = r",|/|\||\s+or\s+|\s+and\s+" if joined_by_and else r",|/|\||\s+or\s+"
    return [v.strip(" `") for v in re.split(split, listed) if v.strip(" `")]


def _enum_values(m: re.Match[str]) -> str:
    """The values of an enum, even where they are words that name types ("email, phone")."""
    return f"(one of {'|'.join(_values(m['v']))})"


# A type with a question mark after a colon, as code writes an optional value: "`due_at:
# datetime?`" (not "shouldn't loans have a returned_at datetime?").
_OPTIONAL_MARK = re.compile(
    r"(?<=:)(?P<s>\s*)(?P<t>string|str|text|int|integer|float|decimal|bool|boolean|date|datetime|"
    r"timestamp|email|url|uuid|phone)\?(?P<q>`?)(?=[\s,;)]|$)",
    re.IGNORECASE,
)


# A smiley or an emoji ends a sentence: "thanks for the quick turnaround :) we call them ..."
_SMILEY = re.compile(
    r"\s*(?:(?<![\w:])[:;]-?[)(DPp](?![\w)])|[\U0001F300-\U0001FAFF\u2600-\u27BF]\ufe0f?)[ \t]*"
)


# Who a person is, said of the user: "the user who opened it", "the signed-in user who wrote them",
# "the person who paid for it".
_WHO_DID = (
    r"(?:the|a|an)\s+(?:signed[- ]in\s+|logged[- ]in\s+)?(?:user|person|account)\s+(?:who|that)\s+[a-z]+"
    r"(?:\s+(?:for|to|with|on|in))?(?:\s+(?:it|them))?"
)
# "a reporter — the user who opened it — separate from the assignee": who it is, said between dashes
_WHO_BETWEEN_DASHES = re.compile(
    rf"\s+[—–-]{{1,2}}\s+{_WHO_DID}\s+[—–-]{{1,2}}(?=\s)", re.IGNORECASE
)


def comment_sentences(
    text: str, words: set[str], names: frozenset[str] = frozenset()
) -> list[tuple[str, str, bool]]:
    """(as written, plain, whether it takes back the instruction before) for each sentence,
    line or bullet; a correction ("no wait, ...") is a sentence of its own."""
    found = []
    text = _OPTIONAL_MARK.sub(  # "`+published_at: datetime?`", "`due_at: datetime?` and a ..."
        lambda m: f"{m['s']}{m['t']}{m['q']}{' (optional)' if m['q'] else ', optional'}", text
    )
    text = _ENUM_VALUES.sub(_enum_values, text)  # "a `channel` enum (email, phone, chat)"
    text = _ASIDE.sub("", text)  # "→ required (shipping quotes break without it)"
    text = _NEW_CAPITALISED.sub(_new_capitalised(names), text)  # "Add `Address` (street, ...)"
    text = _MANY_DESCRIBED.sub(_many_described, text)  # "a task has many subtasks (`Subtask`: ...)"
    text = _SMILEY.sub("\n", text)
    text = _WHO_BETWEEN_DASHES.sub(" (a user)", text)
    text = _CALLED.sub(lambda m: f"the {m['n']}{m['rest'] or ''}", text)  # "the user who bought
    # it (call the relation `buyer`)" -> "the buyer who bought it"
    text = _WHO_IN_BRACKETS.sub("(a user)", text)  # "a sender (the user who wrote them)"
    text = _NAME_THEN_WHO.sub(r"\g<n> (a user)", text)  # "a `requester`, the user who opened it"
    text = _VALUES_BETWEEN_DASHES.sub(_values_between_dashes, text)
    text = _DEFAULT_LAST.sub(_default_last, text)
    text = "\n".join(_and_also(line) for line in text.split("\n"))
    text = _LIST_AFTER.sub(r"\g<head>: \g<list>", _ENUM_WITH.sub(r"\g<head>: ", text))
    split = _with_comparisons(
        [
            r
            for line in sentences(text)
            for s in split_lead_in(line, names)
            for q in _AFTER_QUESTION.split(s)
            for c in split_corrections(q)
            for p in _two_sentences(c)
            for r in (split_remark(p) if correction(p) is None else [p])
        ]
    )
    about, listed = "", False  # the entity a heading names ("On the Task model:"), its bullets
    for sentence in split:
        raw = _BULLET.sub("", sentence).strip()
        if re.fullmatch(r"[-*+•]|\(?\d+[.):]?|[a-z][.)]", raw):
            continue  # "1." that the splitter cut from "1. add a ..."
        if raw.endswith(":") and announces(raw[:-1], names):
            found.append((raw, "", False))  # "Review notes:": what follows is asked
            continue
        titled = re.search(
            r"\b(?:model|entity|table|changes)\W*$", raw.lower()
        )  # "Post model, ..."
        if (raw.endswith(":") or titled) and (heading := _heading(raw.rstrip(":"), names)):
            about, listed = heading, False  # "a few things on the `Order` model:"
            found.append((raw, "", False))
            continue
        bullet = _BULLET.match(sentence) is not None
        if about and not bullet and listed:
            about = ""  # a line of its own after the list: the heading's list has ended
        listed = listed or bullet
        fix = correction(raw)
        asked = fix.rest if fix else raw
        if about and bullet and not _names_other(asked, about, names):
            asked = f"{about}: {asked}"  # "- `notes` should be optional" under "Task model:"
        if why := REASON_FIRST.match(asked):  # the reason is context; what it leads to is asked
            asked = why.group("rest")
        said = [_DEFAULT_IN_VALUES.sub(lambda m: f"(one of {m['v']}) (default {m['d'] or m['d2']})", x)
                for x in _plain_sentence(asked, words, names)]  # fmt: skip
        if fix is not None:  # the first sentence made of it takes the instruction back
            said = said or [""]
        found += [
            (raw, plain_text, fix is not None and i == 0) for i, plain_text in enumerate(said)
        ]
    return found


# A heading that names one entity: "On the Task model", "Ticket", "a few things on the `Order`
# model", "Post model, before we merge", "Appointment changes"
_HEADING = re.compile(
    r"^(?:(?:(?:a\s+)?(?:few|couple\s+of|some|two|three|more|small|minor)\s+)?(?:things?|changes?|notes?|"
    r"tweaks?|requests?|comments?)\s+)?(?:on|for|about|to|in|re)?\s*(?:the\s+)?[`\"']?(?P<e>[a-z][a-z_ ]*?)"
    r"[`\"']?(?:\s+(?:model|entity|table|resource|class|schema))?(?:\s+(?:changes?|notes?|tweaks?|stuff|things))?"
    r"(?:\s*,\s*[^:]*)?$"
)


# "Post model needs a bit more before this ships", "`Ticket` needs some work"
_HEADING_NEEDS = re.compile(
    r"^(?:the\s+)?[`\"']?(?P<e>[a-z][a-z_ ]*?)[`\"']?(?:\s+(?:model|entity|table|resource))?\s+"
    r"(?:needs?|could use|wants?|requires?)\s+(?:some|a bit|a few|a little|a couple|more|two|three|"
    r"work|changes|tweaks|fixes|love)\b[^:]*$"
)


def _heading(text: str, names: frozenset[str]) -> str:
    """The entity word a heading line names, or ""."""
    for pattern in (_HEADING, _HEADING_NEEDS):
        if (m := pattern.match(text.strip().lower())) and m["e"] in names:
            return m["e"]
    return ""


def _names_other(text: str, about: str, names: frozenset[str]) -> bool:
    """Whether a line under a heading names an entity besides the heading's own."""
    said = re.sub(r"[^a-z_ ]", " ", text.lower())
    own = {about, about.rstrip("s"), f"{about}s"}
    return any(re.search(rf"\b{re.escape(n)}\b", said) for n in names if n not in own)


# "we need refunds too - order, amount and a reason", "can we track refunds? order, amount,
# reason", "add a status to posts - draft / published, default draft. …": a request for a thing,
# then a bare list of what it has or the values it takes, said as "<request>: <list>".
_ITEM = r"`?[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}`?"
_ITEMS = rf"{_ITEM}(?:\s*[,/|]\s*{_ITEM})+(?:,?\s+(?:and|or)\s+{_ITEM})?"  # "a, b / c or d"
_LIST_AFTER = re.compile(
    r"(?im)^(?P<head>[^\n?]*\b(?:need|needs|track|keep|store|record|add|have|want)\b[^\n?:]*?)"
    r"(?:\s+(?:too|as well))?\s*(?:\?|\s[-–—]\s|:)\s*"
    r"(?!(?:something\s+)?like\b|such as\b|e\.g\.|for example\b)"  # examples, read elsewhere
    rf"(?P<list>{_ITEMS}(?:,\s*default\s+[a-z][\w-]*)?)\s*(?=[.!]\s|[.!]?$)"
)


# "add a category enum on events with meetup, workshop, conference": the values of an enum
# after "with", said as after a colon.
_ENUM_WITH = re.compile(
    r"(?im)(?P<head>\benum\b[^\n,:;.?]*?)\s+with\s+(?:(?:the\s+)?(?:values|options|choices)\s+)?"
    rf"(?={_ITEMS}\s*(?:[.!;]|\s[-–—]\s|$))"
)


# "The price can't be negative. Same for the stock.": the same change for another thing, said
# as a sentence of its own (`relative.same_for` reads it after the request it repeats)
_SAME_AGAIN = re.compile(
    r"^(?:and\s+|but\s+)?(?:the\s+)?(?:same|likewise|ditto)\b(?:\s+(?:goes|applies))?\s+"
    r"(?:for|with|to)\s+[\w'`\" ]+[.!]?$",  # nothing after the name: no "- actually no, ..."
    re.IGNORECASE,
)


def _with_comparisons(parts: list[str]) -> list[str]:
    """ "Categories should have a description - same as products.": a comparison cut from the
    request it qualifies is joined to it again; so is "same for X" said after it."""
    joined: list[str] = []
    for i, part in enumerate(parts):
        taken_back = i + 1 < len(parts) and correction(parts[i + 1].strip()) is not None
        if joined and not taken_back and _SAME_AGAIN.match(_BULLET.sub("", part).strip()):
            same = _BULLET.sub("", part).strip().rstrip(".!")
            joined[-1] = f"{joined[-1].rstrip(' .!,;—–-')}, and {same[0].lower()}{same[1:]}"
        elif joined and COMPARISON.match(part.strip()):
            joined[-1] = f"{joined[-1].rstrip(' ,;—–-')}, {part.strip()}"
        else:
            joined.append(part)
    return joined


# A clause with a verb of its own: "each ticket has a buyer", "only admins can see it".
_CLAUSE = re.compile(
    r"\b(?:should|must|can|may|will|has|have|is|are|belongs?|needs?|gets?)\b", re.IGNORECASE
)


def _two_sentences(sentence: str) -> list[str]:
    """ "Only the buyer should see a ticket: each ticket has a buyer (a user)": a colon between
    two clauses, each with its own verb and subject, joins two sentences. A colon after a
    name ("posts: title unique") or before values ("can be: a, b or c") does not."""
    before, colon, after = sentence.partition(": ")
    if not colon or len(before.split()) < 3 or len(after.split()) < 3:
        return [sentence]
    if not (_CLAUSE.search(before) and _CLAUSE.search(after)) or "," in after.split()[0]:
        return [sentence]
    return [before, after]


# "X, and also Y": what follows asks for something of its own, whatever X was about.
_AND_ALSO = re.compile(r"(?:,|;)\s*(?:and\s+)?also,?\s+(?=\S)", re.IGNORECASE)


def _and_also(line: str) -> str:
    """ "make the title unique, and also add a slug to posts": two requests, each on a line of
    its own, so that the first one's subject, "it", list and clause splitting stay in it. What
    follows must be a clause of its own, or more than a short bare thing ("..., and also a
    subtitle" is said of the request before); a break inside brackets does not count."""
    masked = re.sub(r"\([^()]*\)", lambda m: "\0" * len(m.group()), line)
    parts, start = [], 0
    for m in _AND_ALSO.finditer(masked):
        after = masked[m.end() :].split(",")[0]
        verb = _CLAUSE.search(re.sub(r"n'?t\b", "", after))
        if _REQUEST_START.match(after) or verb or len(after.split()) > 3:
            parts.append(line[start : m.start()])
            start = m.end()
    parts.append(line[start:])
    return "\n".join(p for p in parts if p.strip())


_REQUEST_START = re.compile(
    r"(?:please\s+|plz\s+|pls\s+)?(?:add|remove|rename|make|change|drop|delete|set|mark|turn|"
    r"switch|give|link|use|let|put|get|allow|include|track|store|keep|can|could|would|only)\b",
    re.IGNORECASE,
)


# A quoted name and the kind of thing it is: "a `views` counter", "an `invoice` file".
_NOUN_TYPES = {
    "counter": "integer", "count": "integer", "number": "integer", "integer": "integer",
    "int": "integer", "flag": "boolean", "boolean": "boolean", "bool": "boolean", "file": "file",
    "upload": "file", "attachment": "file", "image": "file", "photo": "file", "picture": "file",
    "text": "text", "string": "string", "date": "date", "datetime": "datetime",
    "timestamp": "datetime", "float": "float", "decimal": "decimal", "amount": "decimal",
    "price": "decimal", "url": "url", "link": "url", "email": "email", "field": "",
    "deadline": "", "value": "", "name": "", "label": "", "code": "",
    "column": "", "attribute": "", "property": "",
}  # fmt: skip
_QUOTED_TYPED = re.compile(r"\"(?P<n>[A-Za-z_][\w]*)\"\s+(?P<t>" + "|".join(_NOUN_TYPES) + r")\b")


def _quoted_typed(m: re.Match[str]) -> str:
    kind = _NOUN_TYPES[m.group("t").lower()]
    return f'"{m.group("n")}" ({kind})' if kind else f'"{m.group("n")}"'


# Comparison signs before a number, in words the readers know.
_COMPARISONS = (
    (r"(?:>=|=>|≥)", "at least"), (r"(?:<=|=<|≤)", "at most"), (r"(?<![-=])>", "more than"),
    (r"<(?![-=])", "less than"),
)  # fmt: skip


def _plain_sentence(raw: str, words: set[str], names: frozenset[str]) -> list[str]:
    """One sentence as written, in the plain forms the readers know (one or more)."""
    found = []
    spaced = re.sub(r"\b([A-Z][a-z]+)(?=[A-Z][a-z])", r"\1 ", raw)  # ShippingAddress
    spaced = re.sub(r"(?<=[a-z]) (?=[A-Z][a-z]+\b)", " ", spaced)
    spaced = re.sub(r"`([\w -]{1,30})`", r'"\1"', spaced)  # `name`: kept as written, like "name"
    spaced = re.sub(r"\s*\([^()]*\b(?:we|you|i|they|our|us|them)\b[^()]*\)", "", spaced)  # an aside
    spaced = re.sub(  # "(once it's shipped it's too late)": a reason, said in brackets
        r"\s*\((?:once|since|because|as|otherwise|after|when|so|i\.e\.|ie|meaning)\b[^()]*\)",
        "",
        spaced,
        flags=re.IGNORECASE,
    )
    spaced = re.sub(  # "(it already is)", "(already the case)": what is so, not a change
        r"\s*\((?:(?:it|that|this)(?:'s|\s+is)?\s+)?already(?:\s+(?:is|the case|so|done|there))?\)",
        "",
        spaced,
        flags=re.IGNORECASE,
    )
    spaced = re.sub(  # "+published_at (optional datetime)": the type, then optional
        r"\((?P<o>optional|required)\s+(?P<t>[a-z]+)\)",
        r"(\g<t>, \g<o>)",
        spaced,
        flags=re.IGNORECASE,
    )
    spaced = re.sub(  # "a Venue entity (name, address, city)": its fields, not values
        r"\b(entity|model)\s*\((?=[^()]*,)(?![^()]*\b(?:unique|optional|required|default)\b)([^()]+)\)",
        r"\1 with \2",
        spaced,
        flags=re.IGNORECASE,
    )
    spaced = re.sub(  # "(anthologies, co-written books...)", "(e.g. a, b)": examples, not values
        r"\s*\((?:(?:e\.g\.|eg|for example|like|such as)\b[^()]*|[^()]*(?:\.\.\.|…|\betc\.?))\)",
        "",
        spaced,
        flags=re.IGNORECASE,
    )
    spaced = re.sub(  # "(standard or premium, standard by default)": the default after the values
        r"\(([^()]+?),\s*([\w-]+)\s+(?:by default|as (?:the )?default|is the default)\)",
        r"(\1), default \2",
        spaced,
        flags=re.IGNORECASE,
    )
    renames = re.search(r"\brenam", spaced, re.IGNORECASE)  # "`done` flag ... renamed to"
    spaced = _QUOTED_TYPED.sub(lambda m: f'"{m["n"]}"' if renames else _quoted_typed(m), spaced)
    for sign, said_as in _COMPARISONS:  # "price >= 0": "price at least 0"
        spaced = re.sub(rf"\s*{sign}\s*(?=-?\d)", f" {said_as} ", spaced)
    asked = as_request(clean(spaced).rstrip(".!;,: "))  # "shouldn't the sku be unique?"
    said = say_plainly(plain(asked, words), names=names)
    for plain_text in said.split("\n"):  # a saying may make two sentences of one
        protected = _protect_list(plain_text.strip())
        if protected == plain_text.strip() and "(one of" not in protected:
            protected = protect_choices(protected)
        if protected:
            found.append(protected)
    return found


_TAIL_LIST = re.compile(
    r"(?P<lead>(?:that|which)\s+(?:can be|is one of|is either|are)|:|\bof\b|\bcan be|"
    r"with (?:values|choices|options))"
    r"\s*(?P<list>[a-z0-9_ ]+(?:\s*,\s*[a-z0-9_ ]+)*(?:,?\s+(?:or|and)\s+[a-z0-9_ ]+|"
    r"(?:\s*,\s*[a-z0-9_ ]+)+))$"
)


# A new thing named before a colon: what follows are its fields, never values.
_NEW_THING = re.compile(
    r"\b(?:entity|entities|model|models|table|tables|resource|resources)\s*:\s*$"
)


def _protect_list(sentence: str) -> str:
    """A list of values that ends a sentence ("a status that can be a, b or c") is kept whole
    as "(one of a|b|c)", so clause splitting does not read its items as instructions."""
    m = _TAIL_LIST.search(sentence)
    if m is None or "(one of" in sentence:
        return sentence
    if m.group("lead") == "of" and " or " not in m.group("list"):
        return sentence  # "a number of pages and chapters" is no list of values
    if _NEW_THING.search(sentence[: m.start("list")]):
        return sentence  # "add a refund entity: order, amount, reason": its fields
    items = [i.strip() for i in re.split(r",|\s+or\s+|\s+and\s+", m.group("list")) if i.strip()]
    if len(items) < 2 or any(len(i.split()) > 3 for i in items):
        return sentence
    return f"{sentence[: m.start('list')].rstrip()} (one of {'|'.join(items)})"


# "posts need a status — draft, published or archived — and ...": values between dashes
_VALUES_BETWEEN_DASHES = re.compile(
    rf"\s+[—–]\s+(?P<list>{_ITEMS})\s+[—–]\s+(?=and\b|[a-z])", re.IGNORECASE
)


def _values_between_dashes(m: re.Match[str]) -> str:
    return f" (one of {'|'.join(_values(m['list'], joined_by_and=True))}), "


# "(basic / premium, basic by default)", "(bronze, silver or gold — everybody starts at bronze)",
# the values, then which one is the default ("(a, b, default a)" is read where values are)
_DEFAULT_LAST = re.compile(
    r"\((?P<list>[^()]*?)(?:,|\s+[—–-]+)\s*(?:(?P<d>[a-z0-9_]+)\s+by\s+def(?:au|ua)lt|every(?:body|one|thing)\s+"
    r"starts?\s+(?:out\s+)?(?:at|as|with|on|in)\s+(?P<d2>[a-z0-9_]+))\s*\)",
    re.IGNORECASE,
)


def _default_last(m: re.Match[str]) -> str:
    values = _values(m["list"])
    default = (m["d"] or m["d2"]).lower()
    if (
        len(values) < 2
        or default not in [v.lower() for v in values]
        or any(len(v.split()) > 2 for v in values)
    ):
        return m.group()
    return f"(one of {'|'.join(values)}) (default {default})"


# A reason in parentheses after a request: "`weight_kg` → required (shipping quotes break without
# it)". Never a person ("(the user who opened it)"), a list, a type or a bound.
_ASIDE = re.compile(
    r"\s*\((?!\s*(?:the|a|an)\s+(?:user|person|account|one)\b|\s*(?:who|call|named|aka)\b)"
    r"(?=[^()]*\b(?:we|we're|they|nobody|people|because|since|otherwise|without|break|breaks|need|needs)\b)"
    r"(?P<said>[^()]{16,})\)(?=\s*(?:$|[.;!\n]))",
    re.IGNORECASE | re.MULTILINE,
)

# A new thing named with a capital after "add"/"introduce"/"new", before its fields: "Add
# `Address` (street, city)", "Introduce a `Supplier` (name, ...)", "new `Review`: `rating: int`".
_NEW_CAPITALISED = re.compile(
    r"\b(?P<v>[Aa]dd|[Ii]ntroduce|[Cc]reate|[Nn]ew)\s+(?:an?\s+|the\s+)?(?:new\s+)?`?(?P<n>[A-Z][a-z]+(?:[A-Z][a-z]+)*)`?"
    r"(?=\s*[(:])"
)


def _new_capitalised(names: frozenset[str]) -> Callable[[re.Match[str]], str]:
    def replace(m: re.Match[str]) -> str:
        if snake(m["n"]).replace("_", " ") in names:
            return m.group()  # "Add to `Ticket`:" names one that is there
        verb = "add" if m["v"].lower() == "new" else m["v"].lower()
        return f"{verb} a {m['n']} entity"

    return replace


# "a task has many subtasks (`Subtask`: `title`, `done: bool`)": the new thing, then the link
_MANY_DESCRIBED = re.compile(
    r"(?P<head>\b(?:an?\s+|each\s+|every\s+)?[a-z_]+\s+(?:has|have|gets?|can have|should have)\s+(?:many|several|"
    r"multiple)\s+[a-z_]+)\s*\(\s*`?(?P<n>[A-Z][A-Za-z]*)`?\s*:\s*(?P<fields>[^()]+)\)",
)


def _many_described(m: re.Match[str]) -> str:
    return f"add a {m['n']} entity with {m['fields'].strip()}; {m['head']}"


# The name a comment gives the link to the person it describes: "the user who bought it (call the
# relation `buyer`)", "the user who holds them (call it `holder`)", "the user who bought it
# (`buyer`)".
_CALLED = re.compile(
    r"\bthe\s+(?:user|person|account|one)(?P<rest>\s+(?:who|that)\s+[a-z]+(?:\s+(?:for|to|with|on|in))?"
    r"(?:\s+(?:it|them))?)\s*\((?:and\s+)?"
    r"(?:(?:call|name)\s+(?:it|them|the\s+(?:relation|link|field)|that\s+(?:relation|link))\s+)?[`\"']?(?P<n>[a-z_]+)[`\"']?\)",
    re.IGNORECASE,
)
# Who a person is, in brackets: "(the user who wrote them)", "(the signed-in user who wrote it)".
_WHO_IN_BRACKETS = re.compile(rf"\({_WHO_DID}\)", re.IGNORECASE)
# "a `requester`, the user who opened it": the name, then who it is.
_NAME_THEN_WHO = re.compile(
    rf"(?P<n>`[a-z_]+`|\b[a-z_]+)\s*,\s+(?:i\.e\.\s+|ie\s+|that is\s+)?{_WHO_DID}\b", re.IGNORECASE
)
