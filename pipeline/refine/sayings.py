"""The ways reviewers say things, turned into the forms the clause readers know. No I/O.

    say_plainly("products should have a condition, either new or used")
        -> "products should have a condition (one of new|used)"
    say_plainly("add a Review entity with a rating (1-5) and a title")
        -> "add a review entity with a rating from 1 to 5 and a title"

Each saying is one small rewrite of a whole (plain, lower-case) sentence: lists of values
("one of", "either … or", "a, b or c" after a colon or a comma, "(a, b, c)"), defaults written
after them, ranges in parentheses, lengths written after a new field ("a reason, max 200
characters"), "let X do Y", "X are private", short typos ("ad"). `resolve_pronoun` reads "it" and
"them" as the field or entity the comment spoke of last.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.naming import plural, snake
from pipeline.parse.access import verb_operations
from pipeline.refine.bothsides import say_other_side
from pipeline.refine.giving import say_given
from pipeline.refine.tracking import say_tracked
from pipeline.refine.typewords import type_hints

_WORD = r"[a-z0-9][a-z0-9_-]*"
_NOT_VALUES = {
    "string", "text", "integer", "int", "float", "decimal", "boolean", "bool", "date",
    "datetime", "email", "phone", "url", "uuid", "file", "optional", "required", "unique",
    "default", "nullable", "mandatory", "a", "an", "the",
}  # fmt: skip
# Type names that are also values people list ("email, phone or chat"): values beside others.
_TYPE_VALUES = {"email", "phone", "url", "file", "text", "date"}
# "…, one of a, b or c", "…: a, b or c", "…, either a or b" (the list ends the clause or is
# followed by a default, a parenthesis, a comma or a semicolon)
_LIST = re.compile(
    rf"(?P<lead>\s*(?:,|:|-)\s*(?:(?:which|that)\s+)?(?:(?:can|could|may|must|should)\s+be\s+|"
    rf"is\s+)?(?:one of|either)?\s*:?\s*|\s+(?:one of|either)\s*:?\s*|"
    rf"\s+(?:that|which)\s+(?:is|are|can be|must be|should be)\s+(?:one of|either)\s*:?\s*)"
    rf"(?P<list>{_WORD}(?:(?:\s*,\s*(?:or\s+)?|\s+or\s+|\s*/\s*|\s*\|\s*){_WORD})+)"
    rf"(?P<default>\s*[,(]?\s*(?:default(?:s)?(?:\s+is|\s+to)?|defaulting to)\s*:?\s*"
    rf"(?P<d>{_WORD})\s*\)?)?(?=\s*(?:$|[,;.)]|\s+and\s))"
)
# "(valid, used, refunded)": three or more bare words in parentheses after a field
_PAREN_LIST = re.compile(
    rf"\((?P<list>{_WORD}(?:\s*,\s*{_WORD})+(?:\s*,?\s*(?:or|and)\s+{_WORD})?)\)"
    rf"(?P<default>\s*,?\s*(?:default(?:s)?(?:\s+is|\s+to)?|defaulting to)\s*:?\s*(?P<d>{_WORD}))?"
)
_RANGE = re.compile(  # "(1-5)", "(integer, 1-5)": a whole number in a range
    r"\(\s*(?:(?:integer|int|number|whole number)\s*,\s*)?(?P<a>-?\d+)\s*(?:-|–|to|\.\.)\s*(?P<b>-?\d+)\s*\)"
)
_LENGTH_AFTER = re.compile(
    r"(?P<head>^(?:add|.+\b(?:have|has|need|needs|get|gets)\b).*?)\s*(?:,|\bwith\b|\()\s*"
    r"(?:max(?:imum)?|at most|up to|no more than|not more than)\s+(?P<n>\d+)\s*"
    r"(?:characters|chars|letters)\s*\)?(?P<tail>.*)$"
)
# "add an ends_at datetime to appointments, computed from starts_at plus duration"
_COMPUTED_AFTER = re.compile(
    r"(?P<head>^add\s.*?)\s*,\s*(?:which is\s+|that is\s+)?(?:computed|calculated|derived|worked out)"
    r"\s+(?:from|as|by|out of)\s+.+$"
)
_LET = re.compile(
    r"(?:,\s*|\s+)?(?:\band\s+)?\blet\s+(?P<who>(?!us\b|me\b|anyone\b|everyone\b|everybody\b|all\b|people\b|users\b)[a-z]+(?:\s*(?:,|and|or)\s*[a-z]+)*)\s+"
    r"(?P<verb>create|add|update|edit|change|delete|remove|see|read|view|list|manage|have|own)\b"
)
_PRIVATE = re.compile(
    r"^(?:the\s+)?(?P<e>[a-z_ ]+?)\s+(?:are|is|should be|must be|need to be|have to be)\s+"
    r"private\b.*$"
)
_SHORT_TYPOS = {"ad": "add", "rm": "remove", "mak": "make", "renmae": "rename", "chnage": "change"}


_TYPE_HINTS = {"str": "string", "int": "integer", "bool": "boolean", "dt": "datetime"}
_NOUN_VERBS = {"creation": "create", "creating": "create", "deletion": "delete", "deleting": "delete",
               "editing": "update", "updates": "update", "updating": "update"}  # fmt: skip
_PARTICIPLES = {
    "editable": "update", "edited": "update", "updated": "update", "changed": "update",
    "modified": "update", "deleted": "delete", "deletable": "delete", "removed": "delete",
    "created": "create", "added": "create", "viewed": "see", "seen": "see", "visible": "see",
    "readable": "see",
}  # fmt: skip
_DOERS = {
    "written": "author",
    "authored": "author",
    "posted": "author",
    "created": "creator",
    "submitted": "submitter",
    "uploaded": "uploader",
    "reported": "reporter",
    "requested": "requester",
    "sold": "seller",
    "organised": "organizer",
    "organized": "organizer",
    "hosted": "host",
    "owned": "owner",
}  # who did it, by the participle: "written by a user" -> its author
_PROPERTY = r"(?:optional|required|unique|mandatory|not unique)"
# Short forms written as code or notes; each (pattern, replacement) reads a whole sentence.
_SHORT_FORMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        # "two small things: ..." -> "..."
        (
            r"^(?:(?:two|three|four|a few|few|some|a couple of|couple of|one|\d+)\s+)?(?:small\s+|"
            r"quick\s+|minor\s+|more\s+|last\s+)?(?:things?|changes?|nits?|notes?|requests?|"
            r"comments?|points?|tweaks?)\s*:\s*",
            "",
        ),
        # "doctor.phone -> optional", "notes -> description", "rename speaker -> presenter"
        (
            rf"^(?:make\s+)?(?P<a>[a-z][\w. ]*?)\s*(?:->|→|=>)\s*(?P<p>{_PROPERTY})$",
            r"make \g<a> \g<p>",
        ),
        (  # "books: isbn -> code"
            r"^(?P<e>[a-z][\w ]*?)\s*:\s*(?:rename\s+)?(?P<a>[a-z]\w*)\s*(?:->|→|=>)\s*(?P<b>[a-z]\w*)$",
            r"rename \g<a> to \g<b> on \g<e>",
        ),
        (  # "Appointment.notes -> Appointment.summary": the new name, on the same entity
            r"^(?:rename\s+)?(?P<a>[a-z][\w. ]*?)\s*(?:->|→|=>)\s*(?:[a-z]\w*\.)?(?P<b>[a-z][\w ]*)$",
            r"rename \g<a> to \g<b>",
        ),
        # "i'd rather call posts articles", "posts should be called articles"
        (
            r"^(?:i'd rather|i would rather|rather|maybe|let's|lets)?\s*call\s+(?:the\s+)?"
            r"(?P<a>[a-z_]+(?:(?:'s|s')?\s+[a-z_]+){0,2}?)\s+(?P<b>[a-z_]+)(?:\s+instead)?$",
            r"rename \g<a> to \g<b>",
        ),
        (
            r"^(?:the\s+)?(?P<a>[a-z][\w. ]*?)\s+(?:should|must|could)\s+be\s+(?:called|named|"
            r"renamed to|renamed)\s+(?P<b>[a-z_]+)$",
            r"rename \g<a> to \g<b>",
        ),
        # "we don't need speakers at all, drop them" -> "remove speakers": what "them" is, said
        # before it in the sentence
        (
            r"^(?:we|i|you)\s+(?:don't|do not|no longer)\s+(?:really\s+)?need\s+(?P<x>[a-z][\w ]*?)"
            r"(?:\s+at all|\s+any ?more|\s+after all)?,?\s+(?:so\s+)?(?:please\s+)?(?:just\s+)?"
            r"(?:drop|remove|delete|get rid of)\s+(?:it|them)(?:\s+please)?$",
            r"remove \g<x>",
        ),
        # "i don't think we need the x on y" -> "we don't need the x on y"
        (
            r"^i\s+(?:don't|do not|dont)\s+think\s+(?:that\s+)?(?P<w>we|you|they)\s+(?:really\s+)?need\s+",
            r"\g<w> don't need ",
        ),
        # "we don't need the image on posts anymore", "customers don't need a phone number"
        (
            r"^(?:we|i|you)?\s*(?:don't|do not|no longer|dont)\s+(?:really\s+)?need\s+(?:the\s+|an?\s+)?"
            r"(?P<f>[a-z][\w ]*?)\s+(?:on|in|of|from|for)\s+(?P<e>[a-z][\w ]*?)$",
            r"remove the \g<f> from \g<e>",
        ),
        (
            r"^(?:we|i|you)?\s*(?:don't|do not|no longer|dont)\s+(?:really\s+)?need\s+(?:the\s+|an?\s+)?"
            r"(?P<f>[a-z][\w ]*?)$",
            r"remove the \g<f>",
        ),
        (
            r"^(?:the\s+)?(?P<e>[a-z][a-z_]*)\s+(?:don't|do not|doesn't|does not|no longer|dont)\s+"
            r"(?:really\s+)?need\s+(?:the\s+|an?\s+|their\s+|its\s+)?(?P<f>[a-z][\w ]*?)(?:\s+any ?more)?$",
            r"remove the \g<f> from \g<e>",
        ),
        (
            r"^(?:the\s+)?(?P<f>[a-z][\w. ]*?)\s+(?:isn't|is not|aren't|are not)\s+needed$",
            r"remove the \g<f>",
        ),
        # "set the default priority to medium", "the default for priority should be medium"
        (
            r"^(?:set|change|make)\s+the\s+default\s+(?:of\s+|for\s+)?(?:the\s+)?(?P<f>[a-z][\w. ]*?)"
            r"\s+(?:to|be)\s+(?P<v>[\w.-]+)$",
            r"\g<f> should default to \g<v>",
        ),
        (
            r"^(?:the\s+)?default\s+(?:of\s+|for\s+)?(?:the\s+)?(?P<f>[a-z][\w. ]*?)\s+(?:should be|"
            r"must be|is|to)\s+(?P<v>[\w.-]+)$",
            r"\g<f> should default to \g<v>",
        ),
        # "comment.body max 1000 chars"
        (
            r"^(?!.*\b(?:should|must|be|is|are|can|has|have|with)\b)(?P<f>[a-z][\w. ]*?)\s*:?\s+(?:max(?:imum)?|at most|up to)\s+(?P<n>\d+)\s*"
            r"(?:characters|chars|letters)$",
            r"\g<f> must be at most \g<n> characters",
        ),
        # "tickets: seat number required", "comment body can be null", "sku nullable"
        (
            rf"^(?P<e>[a-z][a-z_ ]*?)\s*:\s*(?!(?:make|mark|set|add|remove|rename|change|drop)\b)(?P<f>[a-z][\w ]*?)\s+(?:should be\s+|is\s+)?(?P<p>{_PROPERTY})$",
            r"make the \g<f> of \g<e> \g<p>",
        ),
        (
            r"^(?P<f>[a-z][\w. ]*?)\s+(?:can|may|could|should)\s+be\s+(?:null|none|nil|empty|missing|left out)$",
            r"make \g<f> optional",
        ),
    )
)


_LEAD_IN = re.compile(
    r"^(?:also|and|plus|ok|okay|so|then|finally|one more thing|p\.?s\.?|nits?|please|it should|yes|"
    r"yes please|please do|that would be (?:great|nice)|thanks?(?: you)?|cheers|"
    r"(?:can|could|would)\s+you(?:\s+please)?(?:\s+also)?|i(?:'d| would) like(?: you)? to|"
    r"(?:(?:a|two|three|four|few|some|couple|of|more|small|quick|minor|last|final|my|several|"
    r"\d+)\s+){0,3}(?:things?|changes?|nits?|notes?|requests?|comments?|points?|tweaks?|"
    r"suggestions?|feedback|thoughts|remarks|questions?|fixes|todos?))\s*:?$"
)


_LEAD_NOUN = re.compile(
    r"\b(?:things?|changes?|nits?|notes?|requests?|points?|tweaks?|suggestions?|feedback|thoughts|"
    r"remarks|fixes|comments|asks|follow[- ]?ups?|bits|wish ?list|wishes|items)\b"
)
_LEAD_WORD = re.compile(
    r"\b(?:few|couple|some|two|three|four|several|minor|small|quick|more|last|final|my|fine|good|"
    r"left|following|these|mostly|overall|below)\b"
)
_NOT_LEAD = re.compile(
    r"\b(?:add|remove|rename|make|drop|delete|change|should|must|need|needs|have|has|can|could|"
    r"be|is|are|only|default|unique|optional|required)\b"
)


def is_lead_in(sentence: str) -> bool:
    """ "Also:", "Two things:", "Mostly fine, a few changes:": a line that announces what
    follows, with nothing to change."""
    said = sentence.strip().lower().rstrip(".!:")
    if _LEAD_IN.match(said):
        return True
    return (
        len(said.split()) <= 6
        and bool(_LEAD_NOUN.search(said) and _LEAD_WORD.search(said))
        and not _NOT_LEAD.search(said)
    )


# Questions and suggestions around an instruction: "would it make sense to add ...".
_ASKING = re.compile(
    r"^(?:(?:should|shall)\s+(?:we|i)|do\s+we\s+want\s+to|would\s+it\s+make\s+sense\s+to|"
    r"does\s+it\s+make\s+sense\s+to|any\s+chance\s+(?:we|you)\s+(?:could|can)|"
    r"why\s+(?:don't|not)\s+(?:we|you)|why\s+not|how\s+about\s+we|what\s+if\s+we|"
    r"maybe\s+(?:we|you)\s+(?:could|can|should)|do\s+you\s+think\s+(?:we|you)\s+(?:could|can)|"
    r"(?:we|you)\s+(?:could|might)\s+(?:also\s+)?(?:want\s+to\s+)?)\s+"
)
# "what about a genre field on books" -> "add a genre field to books"
_WHAT_ABOUT = re.compile(
    r"^(?:what|how)\s+about\s+(?P<f>(?:an?\s+|some\s+)?[a-z][\w ]*?)\s+(?:on|for|in|to)\s+"
    r"(?P<e>[a-z][\w ]*)$"
)
_ACCESS_FORMS: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        # "you must be logged in to read comments", "require login to view customers"
        (
            r"^(?:you|users|people|one)?\s*(?:must|should|need to|have to)\s+be\s+(?:logged|signed)"
            r"[- ]in\s+to\s+(?:see|read|view|list|access|browse)\s+(?:the\s+)?(?P<e>.+)$",
            r"only signed in users can see \g<e>",
        ),
        (
            r"^(?:require|requires|required)\s+(?:a\s+)?(?:login|sign[- ]in|auth|authentication)\s+"
            r"(?:to|for)\s+(?:see|read|view|list|access|browse|seeing|reading|viewing)?\s*(?:the\s+)?(?P<e>.+)$",
            r"only signed in users can see \g<e>",
        ),
        (
            r"^(?P<e>[a-z][\w ]*?)\s+(?:should|must)\s+(?:require|need)\s+(?:a\s+)?(?:login|sign[- ]in|"
            r"auth|authentication)$",
            r"only signed in users can see \g<e>",
        ),
        # "loans shouldn't be deleted, just hidden", "stock movements should never be deleted"
        (
            r"^(?P<e>[a-z][\w ]*?)\s+(?:shouldn't|should not|must not|mustn't|should never|must never|"
            r"can't|cannot)\s+(?:really\s+|actually\s+|ever\s+)?be\s+(?:deleted|removed)(?:\s*,?\s*"
            r"(?:just|only|but)\s+(?:be\s+)?(?:hidden|archived|marked(?: as)? deleted|flagged))?$",
            r"\g<e> should be soft deleted",
        ),
        (
            r"^(?:hide|archive)\s+(?P<e>[a-z][\w ]*?)\s+instead\s+of\s+deleting(?:\s+them)?$",
            r"\g<e> should be soft deleted",
        ),
        # "each reply is written by a user, and only that user may edit it": the user who wrote
        # it owns it, as its author ("each reply has an author (a user)"); without the rule it
        # is a plain link to User, read elsewhere
        (
            r"^(?P<e>(?:each\s+|every\s+|an?\s+|the\s+|all\s+)?[a-z][\w ]*?)\s+(?:is|are|gets|get|"
            r"should be|must be|will be)\s+(?:always\s+)?(?P<v>written|authored|posted|created|"
            r"submitted|uploaded|reported|requested|sold|organi[sz]ed|hosted|owned)\s+by\s+(?:an?|one|"
            r"the|some)\s+(?:user|person|signed[- ]in user|account)(?=\s*(?:,|;|\band\b)\s*(?:and\s+)?"
            r"only\s+(?:the|that|this)\s+(?:user|person)\b)",
            lambda m: f"{m.group('e')} has an {_DOERS[m.group('v')]} (a user)",
        ),
        # "users need to log in", "people should have to sign in"
        (
            r"^(?:(?:the\s+)?(?:users|people|everyone|everybody|customers|visitors)\s+)?(?:should|must|"
            r"need to|needs to|have to|has to|to)\s+(?:have to\s+)?(?:log|sign)[- ]?in(?:\s+first)?$",
            "turn on auth",
        ),
        # "put the whole service behind JWT login" -> "turn on auth"
        (
            r"^put\s+(?:the\s+)?(?:whole\s+|entire\s+)?(?:api|service|app|backend|everything|it|"
            r"all endpoints|all of it)\s+behind\s+(?:a\s+)?(?:jwt\s+)?(?:login|log in|sign[- ]?in|auth\w*)$",
            "turn on auth",
        ),
        # "make books readable by anyone, even people without an account" -> "anyone can see books"
        (
            r"^make\s+(?:the\s+)?(?P<e>[a-z][\w ]*?)\s+(?:readable|visible|viewable|public)\s+"
            r"(?:by|to|for)\s+(?:anyone|everyone|everybody|the public|all|people)\b.*$",
            lambda m: f"anyone can see {m.group('e')}",
        ),
        # "make the seat number unique per event" -> "the seat number should be unique per event"
        (
            r"^make\s+(?:the\s+)?(?P<f>[a-z][\w ]*?)\s+unique\s+(?P<s>(?:per|within|for each|for "
            r"every|in each|inside each|inside)\s+.+)$",
            r"the \g<f> should be unique \g<s>",
        ),
        # "comments can be deleted by anyone" -> "anyone can delete comments"
        (
            r"^(?P<e>[a-z][\w ]*?)\s+(?:can|may|should)\s+(?:also\s+)?be\s+(?P<v>edited|updated|changed|"
            r"deleted|removed|created|added|viewed|seen|read)\s+by\s+(?P<r>anyone|everyone|everybody|"
            r"any user|all users|any signed[- ]in user|any logged[- ]in user)$",
            lambda m: f"{m.group('r')} can {_PARTICIPLES[m.group('v')] if m.group('v') != 'read' else 'see'} "
            f"{m.group('e')}",
        ),
        # "tasks can be assigned to a user" -> "tasks have an assignee (a user)"
        (
            r"^(?P<e>(?:each\s+|every\s+|an?\s+|the\s+)?[a-z][\w ]*?)\s+(?:can|should|must|will)\s+be\s+"
            r"(?:assigned|assignable)\s+to\s+(?:an?|one)\s+(?:user|person|member of staff|staff member)$",
            r"\g<e> has an assignee (a user)",
        ),
        # "speakers and events shouldn't be linked anymore", "unlink speakers from events"
        (
            r"^(?P<a>[a-z][\w ]*?)\s+and\s+(?P<b>[a-z][\w ]*?)\s+(?:shouldn't|should not|don't|do not|"
            r"no longer|won't|needn't)\s+(?:need to\s+|have to\s+)?(?:be\s+)?(?:linked|related|connected|"
            r"associated)(?:\s+any ?more)?$",
            r"remove the relation between \g<a> and \g<b>",
        ),
        (
            r"^(?:unlink|disconnect|detach)\s+(?:the\s+)?(?P<a>[a-z][\w ]*?)\s+(?:from|and)\s+(?:the\s+)?"
            r"(?P<b>[a-z][\w ]*?)$",
            r"remove the relation between \g<a> and \g<b>",
        ),
        # "each user should only see their own lists" -> "users should only see their own lists"
        (
            r"^(?:each|every)\s+(?P<w>[a-z]+?)(?<!s)\s+(?=(?:should|can|may|must)\s+only\s+\w+\s+their\s+own\b)",
            r"\g<w>s ",
        ),
        # "we need login", "login please"
        (
            r"^(?:add\s+|enable\s+|turn on\s+)?(?:a\s+)?(?:login|log in|sign[- ]?in|authentication|"
            r"user accounts|accounts|jwt(?: auth)?)$",
            "turn on auth",
        ),
        # "link each post to a category" -> "each post belongs to a category"
        (
            r"^(?:link|connect|attach|assign)\s+(?P<x>(?:each\s+|every\s+|all\s+|the\s+)?[a-z][\w ]*?)\s+"
            r"(?:to|with)\s+(?P<y>(?:an?\s+|one\s+|the\s+)[a-z][\w ]*)$",
            r"\g<x> belong to \g<y>",
        ),
        (
            r"^(?P<x>(?:each\s+|every\s+|an?\s+|the\s+)?[a-z][\w ]*?)\s+(?:is|are|should be|must be)\s+"
            r"(?:assigned|linked|attached|tied|connected)\s+to\s+(?P<y>(?:an?|one|the)\s+.+)$",
            r"\g<x> belong to \g<y>",
        ),
        # "change the name of body to content in comments"
        (
            r"^(?:change|update)\s+the\s+name\s+of\s+(?:the\s+)?(?P<a>[\w. ]+?)\s+(?:field\s+)?to\s+"
            r"(?P<b>[a-z_]+)(?P<rest>\s+(?:in|on|of|for)\s+.+)?$",
            r"rename \g<a> to \g<b>\g<rest>",
        ),
        # "restrict post creation to admins"
        (
            r"^(?:restrict|limit)\s+(?:the\s+)?(?P<e>[a-z][\w ]*?)\s+(?P<v>creation|deletion|editing|updates|"
            r"updating|deleting|creating)\s+to\s+(?P<r>.+)$",
            lambda m: f"only {m.group('r')} can {_NOUN_VERBS[m.group('v')]} {plural(m.group('e'))}",
        ),
        # "orders need to know whether they were paid" -> "orders need a paid flag"
        (
            r"\b(?:need|needs|should|must)\s+(?:to\s+)?(?:know|track|record|show|say)\s+(?:whether|if)\s+"
            r"(?:it|they|the\s+\w+)\s+(?:was|were|is|are|has been|have been|got)\s+(?P<f>[a-z]+)$",
            r"need a \g<f> flag",
        ),
        # "doctors can work at many clinics" -> "doctors have many clinics"
        (
            r"^(?P<x>[a-z][\w ]*?)\s+(?:can|may|could|should)\s+(?!be\b|have\b)[a-z]+\s+(?:at|in|for|with|on)\s+"
            r"(?=(?:many|several|multiple)\b)",
            r"\g<x> can belong to ",
        ),
        # "limited to 2000 characters" -> "at most 2000 characters"
        (
            r"\b(?:be\s+)?(?:limited|capped|restricted)\s+(?:to|at)\s+(?=\d+\s*(?:characters|chars|letters))",
            "be at most ",
        ),
        # "tickets should track when they were closed (closed_at, optional)"
        (
            r"^(?P<e>[a-z][\w ]*?)\s+(?:should|must|need to|needs to)?\s*(?:track|record|store|keep|remember|know)"
            r"\s+.*\((?P<f>[a-z]+_[a-z_]+)(?P<p>(?:\s*,\s*[a-z ]+)*)\)$",
            r"\g<e> should have a \g<f> (\g<p>)",
        ),
        # "status of an order can also be cancelled" -> "add cancelled to the status of an order values"
        (
            r"^(?:the\s+)?(?P<f>[a-z][\w ]*?)\s+(?:can|may|could|should)\s+(?:also|now)\s+be\s+"
            r"(?P<v>[a-z0-9_]+)$",
            r"add \g<v> to the \g<f> values",
        ),
        # "cannot be zero or negative" -> "must be at least 1"
        (
            r"\b(?:cannot|can't|must not|mustn't|should not|shouldn't|may not)\s+be\s+(?:zero or negative|"
            r"negative or zero|0 or (?:less|negative)|less than 1)$",
            "must be at least 1",
        ),
        # "orders should be editable only by admins" -> "only admins can update orders"
        (
            r"^(?P<e>[a-z][\w ]*?)\s+(?:should|can|may|must|are|is)\s+(?:only\s+)?(?:be\s+)?(?P<v>editable|edited|"
            r"updated|changed|modified|deleted|deletable|removed|created|added|viewed|seen|visible|readable)"
            r"\s+(?:only\s+)?(?:by|to)\s+(?P<r>(?:the\s+)?[a-z][\w ]*)$",
            lambda m: f"only {m.group('r')} can {_PARTICIPLES[m.group('v')]} {m.group('e')}",
        ),
        # "librarians are the only ones who can delete members" -> "only librarians can ..."
        (
            r"^(?P<r>[a-z][\w ]*?)\s+(?:are|is|should be|must be)\s+the\s+only\s+(?:ones?|people|"
            r"users?|role)\s+(?:who|that)\s+(?:can|may|should|are allowed to|is allowed to)\s+",
            r"only \g<r> can ",
        ),
        # "a points integer that defaults to 0" -> "a points integer, default 0": the default
        # of the field just named, said as a relative clause
        (
            r"(?<=[\w)\"])\s+(?:that|which)\s+(?:defaults|should default|will default|default)\s+to\s+"
            r"(?=[\w\"'-]+$)",
            ", default ",
        ),
        # "default to 30 minutes" -> "default to 30" (the unit is the field's)
        (
            r"\b(?P<d>defaults?\s+(?:to|is|of|=|:)?\s*-?\d+(?:\.\d+)?)\s+(?:minutes|mins|hours|"
            r"days|weeks|months|years|seconds|items|units|pieces|euros?|dollars?|percent|%)(?=\s+and\b|$)",
            r"\g<d>",
        ),
        # "order status needs a cancelled option", "priorities should get an urgent value"
        (
            r"^(?:the\s+)?(?P<f>[a-z][\w ]*?)\s+(?:needs|need|should have|should get|gets|could use|"
            r"must have|should support|should allow)\s+(?:an?\s+|the\s+)?(?:new\s+|extra\s+|"
            r"additional\s+)?(?P<v>[a-z0-9_]+)\s+(?P<k>option|value|choice|state|status|level)"
            r"(?:\s+(?:too|as well))?$",
            lambda m: (
                f"add {m['v']} to the {m['k']} values of {m['f']}"
                if m["k"] in ("status", "state") and not m["f"].endswith(m["k"])  # "orders need a
                else f"add {m['v']} to the {m['f']} values"
            ),  # cancelled status": their status
        ),
        # "allow refunded as a status", "support urgent as a priority too"
        (
            r"^(?:allow|support|accept|include)\s+(?P<v>[a-z0-9_]+)\s+as\s+(?P<ref>an?\s+.+)$",
            r"add \g<v> as \g<ref>",
        ),
        # "refunded should be a valid order status", "urgent should also be a priority"
        (
            r"^(?P<v>[a-z0-9_]+)\s+(?:should|must|could|can)\s+(?:also\s+)?be\s+(?:an?|another)\s+"
            r"(?:valid\s+|allowed\s+|possible\s+|new\s+)?(?!(?:string|text|integer|int|float|decimal|"
            r"boolean|bool|date|datetime|email|phone|url|uuid|file|number|enum|flag)\b)"
            r"(?P<ref>[a-z][\w ]*?)(?:\s+(?:option|value|choice))?$",
            r"add \g<v> as a \g<ref>",
        ),
        # "(i'd like) the customers' phone numbers to be optional" -> "... should be optional"
        (
            r"^(?!(?:add|remove|rename|make|change|set|drop|delete|turn|switch|convert|use|allow|"
            r"let|give|link)\b)(?!.*\b(?:should|shouldn't|must|mustn't|need|needs|needn't|have|has|"
            r"doesn't|don't|does|do|can|can't|will|won't|would|is|are|want|wants|like)\b.*\bto\s+(?:be|"
            r"become)\b)(?P<x>(?:the\s+)?[a-z][\w' .]*?)\s+to\s+(?:be|become)\s+(?P<p>.+)$",
            r"\g<x> should be \g<p>",
        ),
        # "x should be able to" -> "x can"
        (r"\b(?:should|must)\s+be\s+(?:able|allowed)\s+to\b", "can"),
        # "products can be stored in many warehouses" -> "products can be in many warehouses"
        (
            r"\b(can|could|may|should)\s+be\s+[a-z]+ed\s+(?:in|at|on|by)\s+(?=(?:many|several|multiple)\b)",
            r"\1 be in ",
        ),
        # "isbn doesn't need to be unique"
        (
            r"^(?:the\s+)?(?P<f>[a-z][\w. ']*?)\s+(?:doesn't|does not|doesnt|don't|do not|dont|needn't|"
            r"need not|shouldn't|should not|won't|no longer)\s+(?:(?:need|needs|have|has)\s+to\s+)?be"
            r"\s+unique(?:\s+any ?more)?$",
            r"make \g<f> not unique",
        ),
        (
            r"^(?:the\s+)?(?P<f>[a-z][\w. ']*?)\s+(?:doesn't|does not|doesnt|don't|do not|dont|needn't|"
            r"need not|shouldn't|should not|won't|no longer)\s+(?:(?:need|needs|have|has)\s+to\s+)?be"
            r"\s+(?:required|mandatory|set|filled(?: in)?|given)(?:\s+any ?more)?$",
            r"make \g<f> optional",
        ),
        # "priority default: medium"
        (
            r"^(?P<f>[a-z][\w. ]*?)\s+default\s*(?::|=|is)\s*(?P<v>[\w.-]+)$",
            r"\g<f> should default to \g<v>",
        ),
        # "status: add waiting" (values of a field, no article)
        (
            r"^(?P<f>[a-z][a-z_]*)\s*:\s*add\s+(?!an?\s|the\s|some\s)(?P<v>[a-z0-9_]+(?:\s*(?:,|and|or)\s*[a-z0-9_]+)*)$",
            r"add \g<v> to the \g<f> values",
        ),
    )
)


_TYPES = (
    "string", "text", "integer", "int", "float", "decimal", "boolean", "bool", "date",
    "datetime", "email", "phone", "url", "uuid",
)  # fmt: skip
_REF = r"(?:[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*)"
_NOTE_PROPS = re.compile(
    r"^(?:(?:unique|not unique|optional|required|mandatory)|(?:an?\s+)?(?:"
    + "|".join(_TYPES)
    + r")|default\s*:?\s*[\w.-]+|(?:max|min|at most|at least)\s+-?\d+(?:\s*(?:chars|characters))?|"
    r"between\s+-?\d+\s+and\s+-?\d+)$"
)


def _note_props(ref: str, props: str) -> str | None:
    """ "posts.title unique", "authors.bio -> text, optional", "comments.body max 300": one
    sentence per property, or None when any part is not a property."""
    parts = [p.strip() for p in re.split(r"\s*,\s*|\s+and\s+", props) if p.strip()]
    if not parts or not all(_NOTE_PROPS.match(p) for p in parts):
        return None
    said = []
    for p in parts:
        p = re.sub(r"^an?\s+", "", p)
        if p in ("unique", "not unique", "optional", "required", "mandatory"):
            said.append(f"make {ref} {p}")
        elif p in _TYPES:
            said.append(f"{ref} should be a {_TYPE_HINTS.get(p, p)}")
        elif m := re.match(r"^default\s*:?\s*(?P<v>[\w.-]+)$", p):
            said.append(f"{ref} should default to {m.group('v')}")
        elif m := re.match(
            r"^(?P<how>max|min|at most|at least)\s+(?P<n>-?\d+)(?P<c>\s*(?:chars|characters))?$", p
        ):
            how = "at most" if m.group("how") in ("max", "at most") else "at least"
            said.append(
                f"{ref} must be {how} {m.group('n')}" + (" characters" if m.group("c") else "")
            )
        else:
            said.append(f"{ref} must be {p}")
    return "\n".join(said)


# "post: status: enum draft | published | archived, default draft", "post.status: enum(a, b)"
_ENUM_NOTE = re.compile(
    r"^(?P<e>[a-z][\w ]*?)\s*[:.]\s*\+?(?P<f>[a-z]\w*)\s*:\s*(?:an?\s+)?enum\s*[:(]?\s*"
    r"(?P<v>[a-z0-9_]+(?:\s*[|/,]\s*[a-z0-9_]+)+)\s*\)?(?:\s*[,;(]?\s*default(?:s)?(?:\s+to)?\s*:?\s*"
    r"(?P<d>[a-z0-9_]+)\)?)?$"
)


def _telegraphic(text: str) -> str:
    """Notes written like code review shorthand (see the tests for the forms)."""
    parts = [p for p in re.split(r"\s*[,;]\s*", text) if p]
    if (text.count("->") > 1 or text.count("→") > 1) and len(
        parts
    ) > 1:  # "sku -> optional, price -> float"
        return "\n".join(_telegraphic(p) for p in parts)
    if m := _ENUM_NOTE.match(text):  # "post: status: enum draft | published, default draft"
        values = ", ".join(v.strip() for v in re.split(r"\s*[|/,]\s*", m["v"]) if v.strip())
        default = f", default {m['d']}" if m["d"] else ""
        return f"add a {m['f']} to {m['e']}: {values}{default}"
    text = re.sub(r"^(?P<pre>.*\brename\s+[\w. ]+?)\s*(?:->|→|=>)\s*", r"\g<pre> to ", text)
    text = re.sub(r"(?:->|→|=>)\s*(?:a\s+)?(?:long|free|rich)\s+text$", "-> text", text)
    if m := re.match(
        rf"^(?P<a>[a-z][\w. ]*?)\s*(?:->|→|=>)\s*(?:an?\s+)?(?P<t>{'|'.join(_TYPES)})$", text
    ):
        return f"{m.group('a')} should be a {_TYPE_HINTS.get(m.group('t'), m.group('t'))}"
    if m := re.match(
        r"^new\s+(?:field|column)\s+(?:on|for|in|to)\s+(?P<e>[a-z][\w ]*?)\s*:\s*(?P<f>.+)$", text
    ):
        return f"add {m.group('f')} to {m.group('e')}"
    if m := re.match(r"^(?P<e>[a-z][\w ]*?)\s*:\s*(?:new|add(?:\s+an?)?)\s+(?P<f>[a-z]\w*)(?:\s+(?:field|column))?"
                     r"(?P<rest>(?:\s*[(,].*)?)$", text):  # fmt: skip
        rest = m.group("rest").strip()
        if rest.startswith(","):
            return f"add {m.group('f')} to {m.group('e')}{rest}"
        return f"add {m.group('f')} {rest} to {m.group('e')}".replace("  ", " ")
    if m := re.match(
        r"^(?P<e>[a-z][\w ]*?)\s*:\s*(?P<v>rename|remove|drop|delete)\s+(?P<rest>.+)$", text
    ):
        joint = "on" if m.group("v") == "rename" else "from"
        return f"{m.group('v')} {m.group('rest')} {joint} {m.group('e')}"
    if m := re.match(
        rf"^(?P<ref>{_REF})\s*:\s*add\s+(?P<v>[a-z0-9_]+(?:\s*(?:,|and|or)\s*[a-z0-9_]+)*)$", text
    ):
        e, f = m.group("ref").split(".")
        return f"add {m.group('v')} to the {f} of {e} values"  # "order.status: add refunded"
    if m := re.match(rf"^(?P<ref>{_REF})\s*(?::|->|=>|→)?\s*(?P<p>.+)$", text):
        return _note_props(m.group("ref"), m.group("p")) or text
    if m := re.match(
        r"^(?P<e>[a-z][a-z_]*)\s*:\s*(?P<f>[a-z][a-z0-9_]*)\s*(?::|->|=>|→)?\s+(?P<p>.+)$", text
    ):
        return _note_props(f"{m.group('e')}.{m.group('f')}", m.group("p")) or text
    if m := re.match(
        r"^(?P<f>[a-z][a-z0-9]*_[a-z0-9_]+)\s+(?:on|to|for)\s+(?P<e>[a-z][a-z_]*)$", text
    ):
        return f"add {m.group('f')} to {m.group('e')}"  # "+ published_at on posts"
    return text


_DEFAULT_SAID = re.compile(
    r"\s*[,;]?\s*(?:\(\s*)?(?:defaulting to|defaults? (?:to|is)|(?:the\s+)?default(?: value)?"
    r"(?: is| of| should be|:)?|with (?:a\s+)?default(?: value)?(?: of)?)\s+(?P<d>[a-z0-9][\w-]*)\s*\)?"
)
_VALUES_IN_PARENS = re.compile(rf"\((?P<list>{_WORD}(?:\s*(?:,|\bor\b|/|\|)\s*{_WORD})+)\)")
_VALUES_AFTER_COLON = re.compile(
    rf":\s*{_WORD}(?:\s*(?:,\s*(?:or\s+)?|\s+or\s+|\s*/\s*|\s*\|\s*){_WORD})+"
)


# "users only see their own lists", "users see only their own lists", "users can see only their
# own lists" -> "users should only see their own lists"
_THEIR_OWN = re.compile(
    r"^(?P<w>[a-z]+)\s+(?:(?:can|may)\s+)?(?:only\s+(?P<v>[a-z]+)|(?!only\b)(?P<v2>[a-z]+)\s+only)\s+"
    r"(?=their\s+own\b)"
)


# "comments should be visible to logged in users only" -> "only logged in users can see comments"
_VISIBLE_TO = re.compile(
    r"^(?:the\s+)?(?P<e>[a-z][a-z_ ]*?)\s+(?:should|must|shall|will|are|is)\s+(?:(?P<only>only)\s+)?"
    r"(?:be\s+)?(?:(?P<only2>only)\s+)?(?:visible|readable|viewable|shown)\s+(?:(?P<only3>only)\s+)?"
    r"(?:to|by|for)\s+(?P<who>[a-z][a-z_ -]*?)(?:\s+(?P<only4>only))?$"
)


def default_with_values(sentence: str) -> str:
    """A default said apart from its list of values goes with it, where the readers look for it:
    "add a size enum (s, m, l) defaulting to m to tasks" -> "add a size enum (s, m, l, default m)
    to tasks"; "add a size to tasks: s, m, l, defaulting to m" -> "...: s, m, l, default m";
    "...: s, m or l, m by default" the same (taken only when m is one of the values)."""
    postfix = _BY_DEFAULT.sub(r", default \g<d>", sentence)
    if postfix != sentence:
        placed = _default_with_values(postfix)
        return placed if placed != postfix else sentence
    return _default_with_values(sentence)


# "(the user who opened it)", "(whoever filed it)": the person a link names is a user
_WHO_DID_IT = re.compile(
    r"\((?:(?:the|a)\s+(?:user|person|account)\s+(?:who|that)|whoever)\s+(?:[a-z]+\s+)?[a-z]+(?:ed|ote|ew|"
    r"ent|ought|ook|ade)(?:\s+(?:it|them|this|one|the\s+[a-z]+))?\)"
)
_DOING_RESTRICTED = re.compile(
    r"^(?P<v>[a-z]+ing)\s+(?P<x>(?:an?\s+|the\s+|any\s+)?[a-z][a-z_ ]*?)\s+(?:should|must|will|"
    r"needs? to|has to)?\s*(?:only\s+)?be\s+(?:only\s+)?(?:restricted|limited|reserved)\s+(?:to|for)\s+"
    r"(?P<who>[a-z][a-z_ -]*?)(?:\s+only)?$"
)


def _verbs_of(gerunds: str) -> str:
    """ "creating, updating and deleting" -> "create, update and delete", or "" when one is no
    verb the permission readers know."""
    parts = re.split(r"(,\s*and\s+|,\s*|\s+and\s+|\s+or\s+)", gerunds)
    verbs = [_verb_of(p) if i % 2 == 0 else p for i, p in enumerate(parts)]
    return "" if any(v is None for v in verbs) else "".join(v for v in verbs if v)


def _verb_of(gerund: str) -> str | None:
    """ "deleting" -> "delete", "editing" -> "edit": a verb the permission readers know."""
    stem = gerund.removesuffix("ing")
    for verb in (stem, f"{stem}e", stem[:-1] if stem[-1:] == stem[-2:-1] else ""):
        if verb and verb_operations(verb):
            return verb
    return None


# "there should be a rating on tickets" -> "tickets should have a rating" (the place a spec word)
_THERE_BE = re.compile(
    r"^there\s+(?:should|must|needs? to|has to|will|could)\s+(?:also\s+)?be\s+(?:also\s+)?"
    r"(?P<x>(?:an?|the|some)\s+[a-z][\w ]*?)\s+(?:on|for|in|of)\s+(?:the\s+|each\s+|every\s+|all\s+)?"
    r"(?P<e>[a-z][a-z_ ]*?)(?P<rest>\s*[,(;].*)?$"
)
_BY_DEFAULT = re.compile(
    r"\s*[,;]\s*(?P<d>[a-z0-9][\w-]*)\s+(?:by default|as (?:the )?default|is the default)$"
)


def _default_with_values(sentence: str) -> str:
    said = list(_DEFAULT_SAID.finditer(sentence))
    if len(said) != 1 or said[0].group("d") in _NOT_VALUES:
        return sentence
    found, value = said[0], said[0].group("d")
    rest = f"{sentence[: found.start()].rstrip()} {sentence[found.end() :].lstrip()}".strip()
    parens = [
        m for m in _VALUES_IN_PARENS.finditer(rest)
        if value in re.split(r"\s*(?:,|\bor\b|/|\|)\s*", m.group("list"))
    ]  # fmt: skip
    if len(parens) == 1:
        at = parens[0].end() - 1
        return f"{rest[:at]}, default {value}{rest[at:]}".strip()
    colon = _VALUES_AFTER_COLON.search(rest)
    values = _choices(colon.group()[1:]) if colon and colon.end() == len(rest) else None
    if colon and values and snake(value) in values:  # a default names one of the values
        return rest[: colon.start()] + _with_default(values, value)
    return sentence


# "link warehouses and products many to many", "tags <-> tickets, m2m": a many-to-many
_BOTH_MANY = re.compile(
    r"^(?:(?:make|link|connect|relate)\s+(?:the\s+)?(?P<a>[a-z][a-z_ ]*?)\s+(?:and|with|to)|(?P<a2>[a-z][a-z_]*)\s+"
    r"(?:<->|<=>|↔))\s+"
    r"(?:the\s+)?(?P<b>[a-z][a-z_ ]*?)(?:\s+(?:should\s+be|are|as|become))?,?\s+(?:a\s+)?(?:many[- ]to[- ]many|"
    r"m2m|n:m|n-m)(?:\s+(?:relation|relationship|link))?$"
)


_BOTH_ARE = re.compile(
    r"^(?P<head>(?:[a-z_ ]+:\s*)?(?:.*\b(?:add|have|need|needs|get|gets)\s+))(?P<a>[^,]+?)\s+and\s+(?P<b>[^,]+?),?\s+"
    r"both\s+(?P<rest>[a-z ]+)$"
)


def _described(said: str) -> str:
    """ "optional a text" -> "(text, optional)", "uuid" -> "(uuid)": a field said by its type and
    properties alone, in the brackets the readers know; anything else as it was."""
    words = [
        w for w in re.findall(r"[a-z]+", said) if w not in ("a", "an", "long", "short", "free")
    ]
    kind = [w for w in words if w in _TYPE_WORDS or w in ("uuid", "phone", "file", "time")]
    props = [w for w in words if w in ("optional", "required", "unique")]
    if not words or len(kind) > 1 or len(kind) + len(props) != len(words) or said.startswith("("):
        return said
    return f"({', '.join([*kind, *props])})"


def _single(word: str) -> str:
    """ "datetimes" -> "datetime": a type word said in the plural."""
    return word[:-1] if word.endswith("s") and word[:-1] in _TYPE_WORDS else word


_BECOMES = re.compile(
    r"^(?:an?|the)\s+(?P<a>[a-z_]+)\s+(?P<e>[a-z_]+)\s+(?:should|can|may)\s+(?:be\s+able\s+to\s+|only\s+)?"
    r"(?:become|go\s+to|move\s+to|turn)\s+(?P<to>[a-z_]+(?:(?:\s*,\s*|\s+or\s+|,\s+or\s+)[a-z_]+)*)"
    r"(?:,?\s+and\s+that's\s+it)?$"
)
_ROLE_THAT_CAN = re.compile(
    r"^(?:add|create)\s+an?\s+(?:new\s+)?(?P<r>[a-z]+)\s+role\s*,?\s+(?:that|who|which)\s+(?:can|may)\s+"
    r"(?P<rest>.+?)(?:,?\s+(?:along\s+with|together\s+with|as\s+well\s+as|besides|like)\s+(?:the\s+)?"
    r"(?P<others>[a-z]+s))?$"
)
_ACTION = r"(?:create|update|edit|delete|remove|read|list|view)"
_ACTIONS_LIMITED = re.compile(
    r"^(?:the\s+)?\"?(?P<e>[a-z][a-z_ ]*?)\"?(?:\s+model|\s+entity|\s+table)?\s*:\s*"
    rf"(?P<v>{_ACTION}(?:(?:,\s*|\s+and\s+|\s+or\s+|,\s+and\s+){_ACTION})*)\s+(?:should|must|will|need to|has to)?"
    r"\s*be\s+(?:restricted|limited|reserved)\s+(?:to|for)\s+(?:an?\s+|the\s+)?(?P<new>new\s+)?\"?"
    r"(?P<r>[a-z][a-z_]*)\"?\s+role$"
)
_CAN_GO = re.compile(
    r"^(?:then\s+|and\s+)?(?:the\s+)?(?:old\s+)?\"?(?P<f>[a-z][a-z_]*)\"?(?:\s+(?:text|field|column|string|flag|"
    r"attribute))?\s+(?:on|of|from|in)\s+(?:the\s+)?(?P<e>[a-z][a-z_ ]*?)\s+(?:can|could|should|may|must)\s+"
    r"(?:go|be removed|be dropped|be deleted|go away|disappear)(?:\s+now)?$"
)
_NEW_ENTITY = re.compile(  # "new Reservation: reserved_at, ...", "labels: new Label entity with ..."
    r"^(?:[a-z][a-z_ ]*:\s*)?(?:an?\s+)?new\s+(?:entity\s+|model\s+)?(?P<x>[a-z][a-z_]*(?:\s[a-z][a-z_]*)?)"
    r"(?:(?:\s+entity|\s+model)?\s*:\s*|\s+(?:entity|model)\s+with\s+)(?P<list>[a-z\"].*)$"
)
_OWN_ENTITY = re.compile(
    r"^(?:the\s+)?(?P<x>[a-z][a-z_]*(?:\s(?!(?:should|must|could|can|needs?|has)\b)[a-z][a-z_]*)?)\s+"
    r"(?:(?:should|must|could|can|needs?\s+to|has\s+to)\s+)?"
    r"(?:be|become)\s+(?:its|their)\s+own\s+(?:entity|model|table|resource|thing)(?:\s*(?::|,|with)\s*"
    r"(?P<list>.+))?$"
)
_IN_SEVERAL = re.compile(
    r"^(?:the\s+same|one|a|an|each|every)\s+(?P<a>[a-z][a-z_]*)\s+(?:is|can be|may be|gets?|could be)\s+"
    r"(?:[a-z]+\s+)?(?:in|at|on)\s+(?:several|many|multiple|different)\s+(?P<b>[a-z][a-z_]*)$"
)


# "product: +barcode (unique), +reorder_level int default 10", "warehouse: -city": a field added
# with a plus and removed with a minus
_PLUS_MINUS = re.compile(r"^(?P<e>[a-z][a-z_ ]*?)\s*:\s*(?P<items>[+-]\s*[a-z\"].*)$")


# "track when an order ships", "record when a ticket was closed": the time it happened
_TRACK_WHEN = re.compile(
    r"^(?:also\s+|maybe\s+)*(?:track|record|store|log|remember|save|keep\s+track\s+of)\s+when\s+(?:an?|the|each|"
    r"every)\s+(?P<e>[a-z_]+)\s+(?:is\s+|was\s+|gets\s+|got\s+|has\s+been\s+)?(?P<v>[a-z]+)$"
)
_DOUBLED = frozenset("ship stop plan drop ban scan tag log submit admit".split())
_IRREGULAR = {"pay": "paid", "send": "sent", "sell": "sold", "buy": "bought", "cancel": "cancelled"}


def _participle(verb: str) -> str:
    """ "ships" -> "shipped", "closes" -> "closed", "paid" -> "paid"."""
    if verb.endswith("ed") or verb in _IRREGULAR.values():
        return verb
    base = verb[:-1] if verb.endswith("s") and not verb.endswith("ss") else verb
    base = (
        base[:-1]
        if base.endswith("e") and verb.endswith("es") and base[:-1].endswith(("ss", "sh", "ch"))
        else base
    )
    if base in _IRREGULAR:
        return _IRREGULAR[base]
    if base in _DOUBLED:
        return f"{base}{base[-1]}ed"
    return f"{base}d" if base.endswith("e") else f"{base}ed"


_ACTION_WORDS = {"creating": "create", "adding": "create", "updating": "update", "editing": "update",
                 "changing": "update", "deleting": "delete", "removing": "delete",
                 "create": "create", "update": "update", "edit": "update", "delete": "delete"}  # fmt: skip
_ACTS = r"(?:creating|adding|updating|editing|changing|deleting|removing|create|update|edit|delete)"
_ACTION_FOR = re.compile(
    rf"^(?P<acts>{_ACTS}(?:\s*(?:,|\+|/|&|\band\b|\bor\b)\s*{_ACTS})*)\s+(?P<e>[a-z_]+(?:\s+[a-z_]+)?)\s+"
    r"(?:is|are|should be|must be|has to be)\s+(?:(?:only\s+)?for|limited to|restricted to|reserved for)\s+"
    r"(?P<who>[a-z][a-z, ]*?)(?:\s+only)?$"
    rf"|^(?P<who2>[a-z]+)\s+(?:get|gets|should get|can do|have)\s+(?P<acts2>{_ACTS}(?:\s*(?:,|\+|/|&|\band\b)\s*"
    rf"{_ACTS})*)\s+(?:on|for)\s+(?:the\s+)?(?P<e2>[a-z_]+(?:\s+[a-z_]+)?)$"
)


def _action_for(m: re.Match[str]) -> str:
    acts = re.findall(_ACTS, m["acts"] or m["acts2"])
    verbs = list(dict.fromkeys(_ACTION_WORDS[a] for a in acts))
    return f"only {m['who'] or m['who2']} can {' and '.join(verbs)} {m['e'] or m['e2']}"


_ONCE_PER = re.compile(
    r"^(?:an?\s+|the\s+same\s+|each\s+|every\s+|the\s+)?(?P<f>[a-z_]+(?:\s+[a-z_]+)?)\s+(?:can|should|may|must)\s+"
    r"(?:only\s+be\s+[a-z]+\s+once|be\s+[a-z]+\s+only\s+once|never\s+be\s+[a-z]+\s+twice|not\s+be\s+[a-z]+\s+twice)\s+"
    r"(?:per|for\s+(?:one|each|every|the\s+same|an?)|in\s+(?:one|the\s+same|an?)|within\s+(?:one|an?|the\s+same))\s+"
    r"(?P<e>[a-z_]+)$"
)
_ADD_INTO = re.compile(r"^add\s+(?:to|on)\s+(?:the\s+)?(?P<e>[a-z][a-z_ ]*?)\s*:\s*(?P<f>.+)$")

# "hang each appointment off a room", "each event points at one venue", "link every appointment to
# the room it takes place in": each of them belongs to one of the other (never a person: "point
# to its buyer (a user)" is a link to a user, read elsewhere)
_ONE_OF_THEM = re.compile(
    r"(?:^|(?<=\band\s)|(?<=,\s))(?:(?:hang|attach|link|tie|connect|assign)\s+(?P<a1>each|every|all|the)\s+(?P<x1>[a-z_]+)\s+"
    r"(?:off|to|with)|(?P<a2>each|every)\s+(?P<x2>[a-z_]+)\s+(?:then\s+)?(?:points?\s+(?:at|to)|sits\s+in|takes\s+place\s+"
    r"(?:at|in)|happens\s+(?:at|in)|is\s+held\s+(?:at|in)|goes\s+(?:in|into)|lives\s+in|is\s+filed\s+under|"
    r"gets\s+filed\s+under))\s+(?:exactly\s+)?(?:one|an?|the|a\s+single)\s+(?P<y>[a-z_]+)"
    r"(?P<tail>\s+(?:it|they)\s+[a-z]+(?:\s+[a-z]+){0,3})?(?=$|[,;.])"
)


_DOER_WORDS = frozenset(_DOERS.values())  # "author", "buyer": a person, never a thing to link


def _one_of_them(m: re.Match[str]) -> str:
    if m["y"] in ("user", "person", "account") or m["y"] in _DOER_WORDS:
        return m.group()
    return f"each {m['x1'] or m['x2']} belongs to a {m['y']}"


_DOTTED_PLUS = re.compile(r"^\+\s*(?P<e>[a-z][a-z_]*)\.(?P<f>[a-z]\w*)\s*:?\s*(?P<rest>[^:]*)$")


def _plus_minus(entity: str, items: str) -> str:
    pieces = re.split(r",\s*(?=[+-]\s*[a-z\"])", items)
    said = []
    for piece in pieces:
        sign, what = piece[0], piece[1:].strip().rstrip(",")
        if typed := re.match(r"^(?P<n>[a-z\"][\w\"]*)\s*:\s*(?P<t>[^()]+)$", what):
            what = f"{typed['n']} ({typed['t']})"  # "+slug: string, unique"
        said.append(f"add {what} to {entity}" if sign == "+" else f"remove {what} from {entity}")
    return "\n".join(said)


# A thing wished for, said with no verb: "a `completed_at` datetime on tasks, optional too"
_BARE_WISH = re.compile(
    r"^(?:an?|some)\s+(?P<x>[a-z\"][\w\" ()]*?)\s+(?:on|for|to|in)\s+(?:the\s+|all\s+|every\s+)?"
    r"(?P<e>[a-z][a-z_ ]*?)(?:\s*,\s*(?:optional|required|unique)(?:\s+(?:too|as well))?|\s+too)?$"
)
_NOT_BARE = re.compile(
    r"\b(?:is|are|be|should|must|can|could|may|has|have|belongs?|gets?|needs?|will|would)\b"
)


# "let people filter the event list", "let users page through events": a list feature
_LET_LIST = re.compile(
    r"(?:^|(?<=,\s)|(?<=\band\s))(?:(?:let\s+)?(?:people|users|clients|everyone|anyone|us|them)\s+(?:can\s+|"
    r"should\s+be\s+able\s+to\s+)?|make\s+it\s+possible\s+to\s+)(?P<v>filter|search|page|paginate)\s+(?:through\s+)?(?:the\s+|all\s+(?:the\s+)?)?"
    r"(?:[a-z_]+\s+)?(?:lists?|[a-z_]+s)(?:\s+(?:too|as well))?(?=$|[,.;])"
)


def say_plainly(sentence: str, *, names: frozenset[str] = frozenset()) -> str:
    """One sentence (lower case, manners already dropped) in the forms the readers know;
    `names` are the spec's entity words, so "comments: add a score" is no "comments:" lead-in."""
    sentence = re.sub(r"\b(?:can't|cannot|must not|shouldn't|should not)\s+be\s+longer\s+th[ae]n\b",
                      "must be at most", sentence)  # fmt: skip
    sentence = re.sub(r"\b(?:can't|cannot|must not|shouldn't|should not)\s+be\s+shorter\s+th[ae]n\b",
                      "must be at least", sentence)  # fmt: skip
    sentence = re.sub(r"\b(?:starts|starting|initially|begins|beginning)\s+(?:at|with|from)\s+(?=-?\d)",
                      "default ", sentence)  # fmt: skip
    sentence = re.sub(r"\bnullable\b", "optional", sentence)
    sentence = re.sub(  # "default priority low" -> "priority should default to low"
        r"^(?:the\s+)?default\s+(?!to\b|is\b|should\b)(?P<f>[a-z_]+(?:\s+[a-z_]+)?)\s+(?:(?:should be|is|to|=|:)\s+)?(?P<v>[\w.-]+)$",
        r"\g<f> should default to \g<v>",
        sentence,
    )
    sentence = re.sub(  # "stock_quantity -> stock, shorter": why, after the new name
        r"(?P<pre>(?:->|=>|→)\s*\"?[\w]+\"?),?\s+(?:it's\s+|that's\s+|much\s+)?(?:shorter|cleaner|simpler|clearer|"
        r"nicer|better)(?:\s+\w+)?$",
        r"\g<pre>",
        sentence,
    )
    sentence = re.sub(  # "only people who are logged in should be able to read comments at all"
        r"\b(?:people|users|those|anyone|members)\s+who\s+(?:are|is)\s+(?P<how>logged|signed)\s+in\b",
        r"\g<how> in users",
        sentence,
    )
    sentence = re.sub(r"\s+at\s+all$", "", sentence)
    sentence = re.sub(  # "`duration_minutes` defaults to 30 and ..."
        r"(?:^|(?<=:\s))(?P<f>(?:the\s+)?[\w\".]+(?:\s+[a-z_]+)?)\s+defaults\s+to\s+",
        r"\g<f> should default to ",
        sentence,
    )
    sentence = re.sub(  # "it'd be nice to filter the task list": a request
        r"^(?:(?:it'd|it would|that'd|that would)\s+be\s+(?:really\s+)?(?:nice|great|good|cool|helpful|handy)\s+"
        r"(?:to|if\s+(?:we|you)\s+could)|if\s+(?:we|you)\s+could)\s+(?=[a-z])",
        "",
        sentence,
    )
    sentence = re.sub(  # "while you're at it, rename ...": a request all the same
        r"^(?:and\s+|also\s+)?while\s+(?:you're|you are|we're|we are|i'm|i am)\s+at\s+it,?\s+",
        "",
        sentence,
    )
    sentence = re.sub(  # "books can have several authors, not just one": what it was
        r",?\s*(?:and\s+)?(?:not|instead of)\s+(?:just|only|merely)\s+(?:one|a single one|1)\b(?=$|[,.;])",
        "",
        sentence,
    )
    dotted = re.match(
        r"^(?P<e>[a-z][a-z_ ]*?)\.(?P<f>[a-z][a-z0-9_]*)\s*(?::\s*|(?=\())(?P<rest>.+)$", sentence
    )
    if (
        dotted
        and dotted["e"] in names
        and not re.match(
            r"(?:->|=>|→|(?:add|remove|drop|delete|rename|make|set|change)\b)", dotted["rest"]
        )
    ):
        sentence = f"{dotted['e']}: {dotted['f']} {_described(dotted['rest'])}"  # "stock movement.batch_id: uuid"
    sentence = re.sub(  # "each review belongs to a product and to a customer"
        r"\b(?P<a>belongs?\s+to\s+(?:an?|the|one)\s+[a-z_]+)\s+and\s+(?:also\s+)?to\s+(?=(?:an?|the|one)\s)",
        r"\g<a> and ",
        sentence,
    )
    sentence = re.sub(  # "allergies should be a text not a short string": what it was, said after
        r"(?P<h>\b(?:should|must)\s+be\s+(?:an?\s+)?(?:long\s+|free\s+)?[a-z]+),?\s+(?:and\s+)?not\s+(?:an?\s+)?"
        r"(?:short\s+|plain\s+|free\s+|simple\s+)?(?:string|text|integer|int|number|float|decimal|date|datetime|"
        r"boolean|bool)(?:\s+field)?$",
        r"\g<h>",
        sentence,
    )
    sentence = re.sub(  # "only whoever owns a list may change or delete it"
        r"^only\s+(?:whoever|the\s+(?:user|person)\s+who)\s+owns\s+(?:an?|the)\s+(?P<e>[a-z_]+)\s+(?P<m>can|may|should)\s+"
        r"(?P<rest>.+?)\s+(?:it|them)$",
        r"only the owner can \g<rest> a \g<e>",
        sentence,
    )
    if (
        (when := _TRACK_WHEN.match(sentence))
        and when["e"] in names
        and when["v"] not in ("is", "was")
    ):
        sentence = f"add a {_participle(when['v'])}_at datetime to {when['e']}"  # "track when an
        # order ships": when it happened
    sentence = _ACTION_FOR.sub(_action_for, sentence)  # "updating posts is for editors and
    # admins only", "editors get create + update on posts"
    sentence = re.sub(  # "let any signed-in user delete appointments"
        r"^(?:let\s+)?(?P<who>anyone|everyone|everybody|all\s+users|any\s+(?:signed[- ]in|logged[- ]in)\s+user)\s+"
        r"(?=(?:create|add|update|edit|change|delete|remove)\b)",
        r"\g<who> can ",
        sentence,
    )
    sentence = re.sub(  # "only booked appointments can be marked completed"
        r"^only\s+(?P<from>[a-z_]+(?:\s+(?:or|and)\s+[a-z_]+)?)\s+(?P<e>[a-z_]+)\s+(?:can|may|should)\s+be\s+"
        r"(?:marked|set|moved|changed|turned|put)\s+(?:as\s+|to\s+|into\s+)?(?P<to>[a-z_]+)$",
        r"\g<e> can only become \g<to> from \g<from>",
        sentence,
    )
    sentence = _ONCE_PER.sub(r"\g<f> should be unique per \g<e>", sentence)  # "a seat number
    # can only be sold once per event", "the same seat number should never be sold twice for ..."
    sentence = re.sub(  # "a member can review a given book only once"
        r"^(?P<a>(?:an?|each|every)\s+[a-z_]+)\s+(?:can|may|should)\s+(?P<v>[a-z]+)\s+(?:a given|an?|the same|"
        r"each|any|one)\s+(?P<b>[a-z_]+)\s+only\s+once$",
        r"\g<a> can only \g<v> the same \g<b> once",
        sentence,
    )
    if (into := _ADD_INTO.match(sentence)) and into["e"] in names:  # "add to ticket: a, b"
        sentence = f"add {into['f']} to {into['e']}"
    sentence = _ONE_OF_THEM.sub(_one_of_them, sentence)  # "hang each appointment off a room"
    if (plus := _DOTTED_PLUS.match(sentence)) and plus["e"] in names:  # "+product.barcode:
        typed = re.sub(r"[()]", "", plus["rest"]).strip(" ,")  # string, optional, unique"
        sentence = (
            f"add {plus['f']} ({typed}) to {plus['e']}"
            if typed
            else f"add {plus['f']} to {plus['e']}"
        )
    sentence = re.sub(  # "remove speaker altogether, along with the event ↔ speaker link"
        r"^(?P<head>(?:remove|drop|delete|get rid of)\s+.+?)(?:\s+(?:altogether|entirely|completely))?,?\s+"
        r"(?:along with|together with|and also|including)\s+(?:the|its|their)\s+[^,]*\b(?:link|links|relation|"
        r"relations|relationship)$",
        r"\g<head>",
        sentence,
    )
    if (marks := _PLUS_MINUS.match(sentence)) and marks["e"] in names:
        sentence = _plus_minus(marks["e"], marks["items"])  # "product: +barcode (unique), -city"
    if can := _ROLE_THAT_CAN.match(sentence):  # "add a moderator role that can delete comments
        who = " and ".join(filter(None, (f"{can['r']}s", can["others"])))  # along with admins"
        sentence = f"add a {can['r']} role\nonly {who} can {can['rest']}"
    sentence = re.sub(  # "... and let only receptionists and admins create patients"
        r"(?:^|(?<=\band\s)|(?<=,\s))let\s+only\s+(?P<who>[a-z][a-z, ]*?)\s+(?P<v>create|add|update|edit|"
        r"change|delete|remove|read|see|view|list|manage)\b",
        r"only \g<who> can \g<v>",
        sentence,
    )
    sentence = re.sub(  # "restrict creating, updating and deleting loans to librarians"
        r"(?:^|(?<=,\s)|(?<=\band\s))(?:restrict|limit)\s+(?P<v>[a-z]+ing(?:(?:,\s*|\s+and\s+|\s+or\s+|,\s+and\s+)[a-z]+ing)*)\s+"
        r"(?P<e>[a-z][a-z_ ]*?)\s+to\s+(?P<who>[a-z][a-z, ]*?)(?:\s+only)?$",
        lambda m: (
            f"only {m['who']} can {_verbs_of(m['v'])} {m['e']}" if _verbs_of(m["v"]) else m.group()
        ),
        sentence,
    )
    if (limited := _ACTIONS_LIMITED.match(sentence)) and limited["e"] in names:
        role = limited["r"]  # "the order model: update and delete should be restricted to a new
        sentence = (f"add a {role} role\n" if limited["new"] else "") + (  # manager role"
            f"only {role}s can {limited['v']} {limited['e']}"
        )
    sentence = re.sub(  # "a proper Venue entity": the entity is Venue
        r"\b(?P<a>an?)\s+(?:proper|real|separate|dedicated|standalone|actual|full(?:[- ]blown)?)\s+"
        r"(?=[a-z][a-z_]*\s+(?:entity|model|table|resource)\b)",
        "a ",
        sentence,
    )
    sentence = re.sub(  # "remove Event.venue" -> "remove venue from event"
        r"^(?P<v>remove|drop|delete)\s+(?P<e>[a-z][a-z_]*)\.(?P<f>[a-z][a-z_]*)\b",
        lambda m: f"{m['v']} {m['f']} from {m['e']}" if m["e"] in names else m.group(),
        sentence,
    )
    if (gone := _CAN_GO.match(sentence)) and gone["e"] in names:
        sentence = f"remove the {gone['f']} from {gone['e']}"  # "the venue text on events can go"
    sentence = re.sub(  # "a `weight_kg`, decimal is fine": its type
        rf",\s*(?:an?\s+)?(?P<t>{'|'.join(_TYPE_WORDS)})\s+(?:is|would be)\s+(?:fine|ok|okay|good|enough)\b",
        r" (\g<t>)",
        sentence,
    )
    sentence = re.sub(
        r"\bwith\s+(?:just|only)\s+(?=an?\s|\w+\s+and\s)", "with ", sentence
    )  # "with just a name"
    sentence = re.sub(  # "need a rating from 1 to 5, it is optional" -> "need an optional rating ..."
        r"^(?P<head>.*?\b(?:need|needs|have|has|get|gets|add)\s+)an?\s+(?P<rest>[^,()]+?\s(?:from|between)\s"
        r"[^,]+?),\s*(?:(?:and\s+|but\s+)?(?:it\s+is|it's|it\s+should\s+be|should\s+be|is)\s+)?optional"
        r"(?:\s+(?:too|as well))?$",
        r"\g<head>an optional \g<rest>",
        sentence,
    )
    sentence = re.sub(
        r",?\s+(?:separate|different|apart)\s+from\s+(?:the\s+)?[a-z_]+$", "", sentence
    )
    sentence = re.sub(  # "a optional photo": "an optional photo"
        r"\ba\s+(?=(?:optional|unique|integer|email|image|upload|enum|extra|other)\b)",
        "an ",
        sentence,
    )
    sentence = re.sub(  # "add a entity Macro for the canned answers, with ..." -> "add a macro entity with"
        r"^(?P<v>add|create)\s+an?\s+(?:new\s+)?entity\s+(?:called\s+|named\s+)?(?P<x>[a-z][a-z_]*)"
        r"(?:\s+for\s+(?:the\s+)?[a-z ]+?(?=,?\s+with\b))?,?",
        r"\g<v> a \g<x> entity",
        sentence,
    )
    made = _NEW_ENTITY.match(sentence) or _OWN_ENTITY.match(sentence)
    if made and made["x"] not in names:  # "new Reservation: reserved_at (datetime), ...",
        listed = (made["list"] or "").strip()  # "venue should be its own entity: name, address"
        sentence = f"add a {made['x']} entity" + (f" with {listed}" if listed else "")
    if becomes := _BECOMES.match(sentence):  # "a booked appointment should be able to become
        sentence = "\n".join(  # completed or cancelled"
            f"a {becomes['e']} can only become {to} from {becomes['a']}"
            for to in re.split(r"\s*,\s*(?:or\s+)?|\s+or\s+", becomes["to"])
        )
    if (both := _BOTH_MANY.match(sentence)) and {
        one := both["a"] or both["a2"],
        both["b"],
    } <= names:
        sentence = f"{one} and {both['b']} are many to many"  # "link warehouses and products m2m"
    if (both := _IN_SEVERAL.match(sentence)) and {both["a"], both["b"]} <= names:
        sentence = f"{both['a']} can be in many {both['b']}"  # "the same product is in several ..."
    if both_of := _BOTH_ARE.match(sentence):  # "add `a` and `b`, both optional datetimes"
        said = " ".join(_single(w) for w in both_of["rest"].split())
        kind = next((w for w in said.split() if w in _TYPE_WORDS), "")
        props = [w for w in said.split() if w in ("optional", "required", "unique")]
        inside = ", ".join(filter(None, [kind, *props]))
        if inside and len(said.split()) == len(props) + bool(kind):
            sentence = f"{both_of['head']}{both_of['a']} ({inside})\n{both_of['head']}{both_of['b']} ({inside})"
    sentence = re.sub(r"\bmore than (?:one|1)\b", "many", sentence)  # "more than one author"
    sentence = re.sub(  # "(is it possible) that one book have more authors"
        r"^(?:that\s+)?(?:one|a|an|each|every)\s+(?P<a>[a-z_]+)\s+(?:can\s+|could\s+|should\s+)?(?:have|has)\s+"
        r"(?:more|several|multiple)\s+(?P<b>[a-z_]+)$",
        r"a \g<a> can have many \g<b>",
        sentence,
    )
    sentence = re.sub(r",\s*not\s+required\b", ", optional", sentence)  # "..., not required"
    sentence = re.sub(
        r",\s*(?:as\s+)?(?:free|long|plain)[- ]text\b", " (text)", sentence
    )  # ", free text"
    sentence = re.sub(  # "should be unique to, same as doctors": "too"
        r"\b(?P<p>unique|optional|required)\s+to\b(?=\s*(?:,|$))", r"\g<p> too", sentence
    )
    sentence = _LET_LIST.sub(  # "let people filter the event list" -> "turn on filtering"
        lambda m: "turn on filtering" if m["v"] in ("filter", "search") else "turn on pagination",
        sentence,
    )
    sentence = re.sub(  # "should be a datetime, not just a date, and ...": what it is not
        rf",\s*not\s+(?:just|only|merely|simply)?\s*(?:an?\s+)?(?:{'|'.join(_TYPE_WORDS)})\s*,",
        ",",
        sentence,
    )
    sentence = _WHO_DID_IT.sub("(a user)", sentence)  # "a requester (the user who opened it)"
    sentence = say_given(say_other_side(sentence))  # "a tag can be on many tasks", "give
    # comments an author"
    if (doing := _DOING_RESTRICTED.match(sentence)) and (verb := _verb_of(doing["v"])):
        sentence = f"only {doing['who']} can {verb} {doing['x']}"  # "deleting a book should be
        # restricted to librarians" -> "only librarians can delete a book"
    bare = _BARE_WISH.match(sentence)
    if bare and bare["e"] in names and not _NOT_BARE.search(bare["x"]):
        sentence = f"add {sentence}"  # a wish-list item: "a `completed_at` datetime on tasks"
    there = _THERE_BE.match(sentence)
    if there and there["e"] in names:  # "there should be a score on tickets, 1 to 10"
        sentence = f"{there['e']} should have {there['x']}{there['rest'] or ''}"
    sentence = re.sub(r"\b(?P<m>can|may)\s+(?:buy|purchase|book|order|place|submit|write|post|file)\s+(?=\w)",
                      r"\g<m> create ", sentence)  # fmt: skip
    sentence = re.sub(
        r"\s*[,;]\s*(?:(?:it|they|that|this)\s+(?:isn't|is not|aren't|are not|wasn't|was never|"
        r"doesn't|does not|never|won't)\b|not\s+(?:every|all|everyone|everybody|many|most)\b|"
        r"(?:[a-z]+\s+)?(?:will|won't)\s+(?!be\b)[a-z]+\b(?!.*\b(?:should|must)\b))[^,;]*$|"
        r"\s*[,;]\s*(?:so\s+(?=nobody|no one|people|users|they)|)(?:we'll|we will|we can|we'd|since|because|"
        r"as we|so that|so we|(?:(?:we|they|people|"
        r"users)\s+(?:never|don't|do not|won't|no longer|rarely|hardly)|nobody|no one)\b(?!.*\b(?:need|want)"
        r"\s+(?:an?|the|to)\b))\b.*$",
        "",
        sentence,
    )
    sentence = re.sub(  # "add tags to posts (many to many)" -> "posts have many tags"
        r"^(?:add|link)\s+(?P<y>[a-z][a-z_ ]*?)\s+(?:to|on)\s+(?:the\s+)?(?P<x>[a-z][a-z_ ]*?)\s*"
        r"(?:\(\s*(?:as\s+)?(?:an?\s+)?many[- ]to[- ]many(?:\s+(?:relation|link))?\s*\)|,?\s+(?:as\s+)?"
        r"(?:an?\s+)?many[- ]to[- ]many(?:\s+(?:relation|link))?)$",
        r"\g<x> have many \g<y>",
        sentence,
    )
    sentence = re.sub(r"\s+instead(?=\s*[:(])", "", sentence)  # "add a status instead: a, b"
    sentence = re.sub(  # "make specialty an enum: a, b, c" -> "specialty should be an enum: ..."
        r"^(?:make|change|turn|convert|switch)\s+(?:the\s+)?(?P<f>[a-z][\w ]*?)\s+(?:(?:in)?to\s+)?"
        r"(?:an?\s+)?enum\b(?:\s+field)?\s*(?:with\s+(?:the\s+)?(?:values|choices|options)\s*)?:?\s*"
        r"(?=[(a-z0-9])",
        r"\g<f> should be an enum: ",
        sentence,
    )
    sentence = default_with_values(sentence)
    sentence = _THEIR_OWN.sub(lambda m: f"{m['w']} should only {m['v'] or m['v2']} ", sentence)
    if (seen := _VISIBLE_TO.match(sentence)) and (
        seen["only"] or seen["only2"] or seen["only3"] or seen["only4"]
    ):
        sentence = f"only {seen['who']} can see {seen['e']}"
    sentence = re.sub(r",\s*(?:defaulting to|defaults? to|default(?: is)?:?)\s+(?P<d>[\w-]+)$", r" (default \g<d>)",
                      sentence)  # fmt: skip
    sentence = re.sub(r"\bonly\s+(?:that|this|the same)\s+(?P<w>user|person|author|owner)\b",
                      r"only the \g<w>", sentence)  # fmt: skip
    sentence = re.sub(
        r"\b(?P<m>can|could|may|should)\s+be\s+[a-z]+(?:ed|en)\s+by\s+(?=(?:many|several|multiple)\b)",
        r"\g<m> have ",
        sentence,
    )
    sentence = re.sub(r"(?<![\w])['\"](?P<w>[a-z0-9_ -]{1,30})['\"](?![\w])", r"\g<w>", sentence)
    sentence = "\n".join(_telegraphic(p) for p in _telegraphic(sentence).split("\n"))
    if "\n" in sentence:
        return "\n".join(say_plainly(p, names=names) for p in sentence.split("\n"))
    sentence = re.sub(r"(?<![\w])['\"](?P<w>[a-z0-9_ -]{1,30})['\"](?![\w])", r"\g<w>", sentence)
    sentence = re.sub(  # "(create the Category model with just a name)": an aside, not a value
        r"\s*\((?:create|make|add|with just|just|e\.g\.?|i\.e\.?|like|such as|new)\b[^()]*\)$",
        "",
        sentence,
    )
    sentence = type_hints(say_tracked(_ASKING.sub("", sentence)))
    sentence = _WHAT_ABOUT.sub(r"add \g<f> to \g<e>", sentence)
    sentence = re.sub(
        r"^(?:add|store|keep|record|save|track)\s+(?:the|a|an)\s+(?P<e>[a-z][a-z_]*)(?:'s|s')\s+"
        r"(?P<f>[a-z][\w ]*)$",
        r"add a \g<f> to \g<e>",
        sentence,
    )
    for pattern, replacement in _ACCESS_FORMS:
        sentence = pattern.sub(replacement, sentence).strip()
    sentence = re.sub(r"\bcan (?P<v>creation|creating|deletion|deleting|editing|updates|updating)\b",
                      lambda m: f"can {_NOUN_VERBS[m.group('v')]}", sentence)  # fmt: skip
    sentence = re.sub(r"\(\s*,\s*", "(", sentence)
    sentence = re.sub(r"\s*\([^()]*\?\s*\)", "", sentence)  # "(already the case?)": an aside
    sentence = re.sub(
        r"^(?P<s>anyone|everyone|everybody|all users|people)(?P<rest>\s+can\s+.+?)\s*,?\s*(?:even\s+(?:if|when)\s+"
        r"(?:they(?:'re| are)\s+)?(?:not\s+logged[- ]in|logged[- ]out|anonymous)|even\s+anonymously|"
        r"without\s+(?:logging|signing)[- ]in|without\s+an\s+account)$",
        r"\g<s>\g<rest>",
        sentence,
    )
    text = re.sub(r"\bnullable\b", "optional", sentence)
    text = re.sub(r"\s*>=\s*(?=-?\d)", " at least ", text)
    text = re.sub(r"\s*<=\s*(?=-?\d)", " at most ", text)
    text = re.sub(r"\s+(?:must|should)\s+be\s+at", lambda m: m.group(), text)
    text = re.sub(r"(?<=\w)\s*,\s*not\s+(?:an?\s+)?[a-z_]+$", "", text)  # "a float, not a decimal"
    if re.search(r"\bdefaults?\b", text):  # "default to low instead of normal"
        text = re.sub(r"(?<=\w)\s+instead of\s+(?:an?\s+)?[a-z0-9_]+$", "", text)
    head = re.match(r"^([a-z_ ]+?)\s*:\s*", text)  # "customer: email ...": an entity, no type hint
    if head and head.group(1) in names:
        text = head.group() + _TYPE_HINT.sub(_type_hint, text[head.end() :])
    else:
        text = _TYPE_HINT.sub(_type_hint, text)
    head = re.match(r"^([a-z_]+)\s*:", text)
    for pattern, replacement in (
        _SHORT_FORMS[1:] if head and head.group(1) in names else _SHORT_FORMS
    ):
        text = pattern.sub(replacement, text).strip()
    first = text.split(" ", 1)
    if first and first[0] in _SHORT_TYPOS:
        text = " ".join([_SHORT_TYPOS[first[0]], *first[1:]])
    text = _RANGE.sub(lambda m: f" from {m.group('a')} to {m.group('b')}", text)
    if re.match(r"^(?:add|.+\b(?:have|has|need|needs|get|gets)\b)", text):  # "a rating 1-5"
        text = re.sub(r"(?<=[a-z])\s+(?P<a>-?\d+)\s*(?:-|–|\.\.)\s*(?P<b>-?\d+)(?=\s|$)",
                      r" from \g<a> to \g<b>", text)  # fmt: skip
        text = re.sub(r"(?<=[a-z])(?=\s+from\s+-?\d+\s+to\s+-?\d+$)", ",", text)  # after its
        # target ("add a score to posts, from 0 to 10"), the range is said apart
    text = re.sub(r"\s+(?=from \d)", " ", text)
    if "(one of" not in text:
        text = _PAREN_LIST.sub(_paren_values, text)
    if "(one of" not in text:
        text = _LIST.sub(_values, text)
    text = _LET.sub(_let, text)
    if m := _PRIVATE.match(text):
        text = f"users should only see their own {m.group('e')}"
    if (m := _LENGTH_AFTER.match(text)) and (subject := _new_field(m.group("head"))):
        tail = m.group("tail").strip(" ,")
        text = f"{m.group('head')}\n{subject} must be at most {m.group('n')} characters"
        text += f"\n{tail}" if tail else ""
    if (m := _COMPUTED_AFTER.match(text)) and (subject := _new_field(m.group("head"))):
        text = f"{m.group('head')}\n{subject} should be computed"  # "..., computed from a plus b"
    if (m := _IT_AFTER.match(text)) and (subject := _new_field(m.group("head"))):
        text = f"{m.group('head')}\n{subject} {m.group('rest')}"
    text = _TRAILING_WORDS.sub(
        lambda m: f"{m.group('head')} ({', '.join(m.group('w').split())})", text
    )
    text = _PAREN_AFTER.sub(_paren_after, text)
    text = _PROPERTY_AFTER.sub(r"\g<pre>\g<verb> an \g<p> \g<f>", text)
    text = re.sub(
        r"\b(between -?\d+ and -?\d+|at (?:most|least) -?\d+)\s+"
        r"(?:minutes|hours|days|years|items|units|pieces|kg|euros?|dollars?)$",
        r"\1",
        text,
    )
    text = _ALSO_ALLOW.sub(r"add \g<v> to the \g<f> values", text)
    text = _ranges_in_entity(text)
    text = _HAVE_CHOICES.sub(r"add \g<f> to \g<e>", text)
    text = _GIVE_CHOICES.sub(r"add \g<f> to \g<e>", text)
    text = _ENTITY_PAREN.sub(_entity_paren, text)
    if m := _NEW_WITH.match(text):
        text = f"add a {m.group('e') or m.group('many')} entity with {m.group('rest')}"
    if (doing := _DOING_RESTRICTED.match(text)) and (verb := _verb_of(doing["v"])):
        text = f"only {doing['who']} can {verb} {doing['x']}"  # said as a question first
    for pattern, replacement in _REVIEWER_FORMS:
        text = pattern.sub(replacement, text)
    return re.sub(r"[ \t]{2,}", " ", text).strip()


_TYPE_WORDS = (
    "string",
    "text",
    "integer",
    "int",
    "number",
    "float",
    "decimal",
    "boolean",
    "bool",
    "date",
    "datetime",
    "timestamp",
    "email",
    "url",
    "enum",
    "free text",
)
# How reviewers say what the readers know in another form (whole plain sentences).
_REVIEWER_FORMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        # "replies must not be readable by anyone who isn't logged in"
        (
            r"^(?P<e>[a-z][\w ]*?)\s+(?:must not|mustn't|should not|shouldn't|can't|cannot)\s+be\s+"
            r"(?:readable|visible|viewable|seen|accessible)\s+(?:by|to)\s+(?:anyone|anybody|people|users|"
            r"visitors)\s+(?:who\s+(?:isn't|is not|aren't|are not)\s+(?:logged|signed)[- ]in|(?:who are\s+)?"
            r"(?:logged|signed)[- ]out|without\s+(?:an\s+)?(?:account|login))$",
            r"only signed in users can see \g<e>",
        ),
        # "books should stay browsable without logging in" -> "books should stay public"
        (
            r"^(?P<e>[a-z][\w ]*?)\s+(?:(?:should|must|can|could|will)\s+)?(?:stay|remain|be|keep being)\s+(?:browsable|"
            r"readable|visible|viewable|public|open)\s+(?:without\s+(?:logging|signing)[- ]in|without\s+(?:an\s+)?"
            r"account|to\s+(?:everyone|anyone|the public)|publicly|for\s+(?:everyone|anyone))(?:,?\s+even\s+(?:when|if)\s+"
            r"(?:logged|signed)[- ]out|,?\s+even\s+without\s+(?:an\s+account|(?:logging|signing)[- ]in))?"
            r"(?P<rest>\s*,\s*but\s+.+)?$",
            r"\g<e> should stay public\g<rest>",
        ),
        # "let people browse events and speakers without logging in" -> "... should stay public"
        (
            r"^(?:(?:let|allow)\s+)?(?:people|anyone|everyone|everybody|visitors|guests)\s+(?:to\s+|can\s+)?(?:browse|see|"
            r"view|read|look at)\s+(?:the\s+)?(?P<e>[a-z][\w ]*?)\s+without\s+(?:(?:logging|signing)[- ]in|"
            r"an\s+account)$",
            r"\g<e> should stay public",
        ),
        (
            r"^(?P<a>[a-z]+)\s+and\s+(?P<b>[a-z]+)\s+should stay public",
            r"\g<a> should stay public\n\g<b> should stay public",
        ),
        # "..., but loans must only be visible to ...": two requests
        (r",\s*but\s+(?=(?:the\s+)?[a-z][\w ]*?\s+(?:should|must|can|may)\s)", "\n"),
        # "clients shouldn't be able to set it": what a computed value is, said of who sends it
        (
            r"^(?:the\s+)?(?:clients?|users?|people|callers?|api users|the frontend|nobody)\s+(?:shouldn't|should not|"
            r"must not|mustn't|can't|cannot|should never|must never)\s+(?:be able to\s+)?(?:set|send|write|"
            r"change|edit|provide|submit|pass)\s+(?P<x>it|them|[a-z][\w ]*?)(?:\s+(?:directly|themselves|by hand))?$",
            r"\g<x> should be computed",
        ),
        # "leave it empty unless the post is scheduled", "it can be left blank"
        (
            r"^leave\s+(?P<x>it|them|[a-z][\w ]*?)\s+(?:empty|blank|null|unset)\b.*$",
            r"make \g<x> optional",
        ),
        (
            r"^(?P<x>[a-z][\w ]*?)\s+(?:can|may|could|should be allowed to)\s+be\s+left\s+(?:empty|blank|"
            r"unset)\b.*$",
            r"\g<x> should be optional",
        ),
        # "it stays empty until then", "it's empty until the order ships": a value that may be missing
        (
            r"^(?P<x>it|they|that|this)(?:'s|\s+is|\s+are|'re|\s+stays?|\s+remains?|\s+will\s+(?:be|stay))\s+"
            r"(?:empty|blank|null|unset)\s+(?:until|unless|before|till)\b.*$",
            r"make \g<x> optional",
        ),
        # "customer phone number optional": a bullet that names a field and its property
        (
            r"^(?!(?:make|add|set|change|rename|remove|drop|delete|mark|turn|only)\b)"
            r"(?P<x>(?:(?!(?:be|is|are|should|must|can|could|will|would|may|not)\b)[a-z][\w]*\s+)+?)"
            r"(?P<p>optional|required|mandatory|unique)$",
            r"\g<x>should be \g<p>",
        ),
        # "remove speakers from the API altogether": the API is where they go from, no entity
        (
            r"^(?P<v>remove|drop|delete|get rid of)\s+(?P<x>.+?)\s+from\s+(?:the\s+)?(?:api|app|spec|schema|"
            r"project|backend|service|codebase|model|data model)(?:\s+(?:altogether|entirely|completely))?$",
            r"\g<v> \g<x>",
        ),
        (
            r"^(?P<h>(?:remove|drop|delete)\s.+?)\s+(?:altogether|entirely|completely|for good)$",
            r"\g<h>",
        ),
        # "drop image uploads on posts": the upload is the file field it fills
        (
            r"^(?P<v>remove|drop|delete)\s+(?:the\s+)?(?!(?:the|an?|any|all)\b)(?P<f>[a-z_]+)\s+"
            r"(?:uploads?|files?|attachments?)\s+"
            r"(?P<on>on|from|of)\s+",
            r"\g<v> the \g<f> \g<on> ",
        ),
        # "have every book point to its publisher"
        (
            r"(?:^|(?<=\band\s))(?:have\s+)?(?:every|each|all|the)\s+(?P<x>[a-z][\w ]*?)\s+(?:should\s+|must\s+)?"
            r"(?:point|points|link|links|refer|refers)\s+to\s+(?:its|their|a|an|one|the)\s+(?P<y>[a-z][\w]*)$",
            r"each \g<x> belongs to a \g<y>",
        ),
    )
)


# "add a likes count to posts (integer, default 0)" -> "add a likes count (integer, default 0) to posts"
_PAREN_AFTER = re.compile(
    r"^(?P<verb>add|include|put)\s+(?P<f>[a-z][a-z_ ]*?(?:\s*\([^()]*\))?)\s+(?P<to>to|on|for)\s+"
    r"(?P<e>[a-z][a-z_ ]*?)\s*\((?P<p>[^()]*)\)(?P<more>(?:\s*\([^()]*\))*)$"
)


def _paren_after(m: re.Match[str]) -> str:
    field, said = m.group("f"), m.group("p")
    if own := re.match(r"^(?P<n>.+?)\s*\((?P<q>[^()]*)\)$", field):
        field, said = own.group("n"), f"{own.group('q')}, {said}"
    more = f" {m.group('more').strip()}" if m.group("more") else ""
    return f"{m.group('verb')} {field} ({said}){more} {m.group('to')} {m.group('e')}"


# "add a cancelled_reason to appointments, optional text" -> "... (optional, text) to ..."
_TRAILING_WORDS = re.compile(
    r"^(?P<head>(?:add|include|put)\s+.+?\s+(?:to|on|for)\s+[a-z][a-z_ ]*?)\s*,\s*"
    r"(?P<w>(?:(?:optional|required|unique|string|text|integer|int|float|decimal|boolean|date|"
    r"datetime|email|url|phone)\s*)+)$"
)


# "add a resolved_at datetime, optional" -> "add an optional resolved_at datetime"
_PROPERTY_AFTER = re.compile(
    r"^(?P<pre>[a-z_ ]+:\s*)?(?P<verb>add|include)\s+(?:an?\s+|the\s+)?(?P<f>[a-z][a-z_ ]*?)\s*,\s*"
    r"(?P<p>optional|required|unique)$"
)
# "reason should also allow transfer" -> "add transfer to the reason values"
_ALSO_ALLOW = re.compile(
    r"^(?:the\s+)?(?P<f>[a-z][a-z_ ]*?)\s+(?:should|must|can)\s+(?:also\s+)?(?:allow|accept|"
    r"include|support)\s+(?P<v>[a-z0-9_]+(?:\s*(?:,|or|and)\s*[a-z0-9_]+)*)(?:\s+too|\s+as well)?$"
)
# "a supplier with a name, email and phone" (what is left of "we need a Supplier with ...")
# ("we also need suppliers with a name and an email": a plural with fields, no article)
_NEW_WITH = re.compile(
    r"^(?:(?:an?|one|new)\s+(?P<e>[a-z][a-z_]*)(?:\s+(?:entity|model|resource|table))?|"
    r"(?P<many>[a-z][a-z_]*s))\s+with\s+(?P<rest>(?:an?|the)\s+"
    r"(?!.*\b(?:should|must|can|are|is|cannot|can't|may)\b).+)$"
)
_ENTITY_WITH = re.compile(
    r"^(?P<head>add\s+(?:an?\s+|new\s+)*(?P<e>[a-z][a-z_]*)\s+(?:entity|model|resource|table)?"
    r"\s*with\s+)(?P<rest>.+)$"
)
_ITEM_RANGE = re.compile(
    r"(?:an?\s+|the\s+)?(?P<f>[a-z][a-z_]*(?:\s[a-z][a-z_]*)?)\s+from\s+(?P<a>-?\d+)\s+to\s+"
    r"(?P<b>-?\d+)"
)


# "tickets should have a channel (one of email|phone|chat)" -> "add a channel (...) to tickets"
_HAVE_CHOICES = re.compile(
    r"^(?:each\s+|every\s+|all\s+|the\s+)?(?P<e>[a-z][a-z_]*(?:\s(?!should|must|need|have|has|can|"
    r"may|also|will)[a-z_]+)?)"
    r"\s+(?:should\s+|must\s+|also\s+|can\s+|may\s+|will\s+)*(?:have|has|get|gets|need|needs)\s+"
    r"(?P<f>(?:an?\s+|the\s+)?[a-z][\w ]*?\s*\(one of [^()]*\)(?:\s*\(default [^()]*\))?)$"
)
# "give products a status enum (one of a|b)" -> "add a status enum (one of a|b) to products"
_GIVE_CHOICES = re.compile(
    r"^give\s+(?:the\s+|all\s+|each\s+|every\s+)?(?P<e>[a-z][a-z_]*(?:\s[a-z][a-z_]*)?)\s+"
    r"(?P<f>(?:an?|the|some)\s+[^()]+?\s*\(one of [^()]+\)(?:\s*\(default [^()]*\))?)$"
)
_ENTITY_PAREN = re.compile(
    r"^(?P<head>add\s+(?:an?\s+|new\s+)*[a-z][a-z_]*\s+(?:entity|model|resource|table))\s*"
    r"\((?P<list>[^()]+)\)"
)
_PROPERTY_WORDS = {"unique", "optional", "required"}


def _entity_paren(m: re.Match[str]) -> str:
    """ "add a category entity (name, unique)" -> "add a category entity with a unique name"."""
    items = [i.strip() for i in re.split(r",|\s+and\s+", m.group("list")) if i.strip()]
    fields = [i for i in items if i not in _PROPERTY_WORDS]
    props = [i for i in items if i in _PROPERTY_WORDS]
    if len(fields) == 1:
        return f"{m.group('head')} with a {' '.join([*props, fields[0]])}"
    return f"{m.group('head')} with {', '.join(fields)}"


def _ranges_in_entity(text: str) -> str:
    """ "add a review entity with a rating from 1 to 5 and a title": the entity, then the rule
    as a sentence of its own."""
    m = _ENTITY_WITH.match(text)
    if m is None:
        return text
    rest, rules = m.group("rest"), []
    for item in list(_ITEM_RANGE.finditer(rest)):
        field = re.sub(r"^(?:an?|the)\s+", "", item.group("f"))
        rules.append(f"the {field} of {m.group('e')} must be between {item.group('a')} and "
                     f"{item.group('b')}")  # fmt: skip
        rest = rest.replace(item.group(), f"a {field} (integer)", 1)
    return "\n".join([m.group("head") + rest, *rules])


_IT_AFTER = re.compile(
    r"^(?P<head>.+?)\s*,\s*(?:and\s+)?(?:it|this|that)\s+"
    r"(?P<rest>(?:should|must|has to|needs to|needs|can|can't|cannot|shouldn't)\b.*)$"
)
_ADD_TO = re.compile(
    r"^(?:add|include|put)\s+(?:an?\s+|the\s+|some\s+)?(?P<f>[a-z][a-z_ ]*?)\s+"
    r"(?:\([^)]*\)\s+)?(?:to|on|for|in)\s+(?:the\s+|all\s+|each\s+|every\s+)?(?P<e>[a-z][a-z_ ]*?)$"
)
_HAVE_F = re.compile(
    r"^(?:each\s+|every\s+|all\s+|the\s+)?(?P<e>[a-z][a-z_]*(?:\s(?!should|must|also|will|can)[a-z][a-z_]*)?)\s+"
    r"(?:should\s+|must\s+|also\s+|will\s+|can\s+)*(?:have|has|need|needs|get|gets)\s+"
    r"(?:an?\s+|the\s+|some\s+)?(?P<f>[a-z][a-z_ ]*?)$"
)


def _new_field(head: str) -> str | None:
    """ "add a slug to posts" / "appointments should have a reason": "the slug of posts"."""
    m = _ADD_TO.match(head.strip()) or _HAVE_F.match(head.strip())
    if m is None:
        return None
    return f"the {m.group('f')} of {m.group('e')}"


def _let(m: re.Match[str]) -> str:
    """ "let editors and admins delete posts": those roles may (a sentence of its own)."""
    who = [w for w in re.split(r"\s*,\s*|\s+and\s+|\s+or\s+", m.group("who")) if w]
    said = f"{' and '.join(who)} can {m.group('verb')}"
    if len(who) > 1 and m.group("verb") not in ("have", "own"):
        said = f"only {said}"
    before = m.string[: m.start()].rstrip()
    if before and not re.search(r"\b(?:please|pls|can|could|would|we|you|to)$", before):
        return "\n" + said  # "add an editor role and let ...": two instructions
    return f" {said}" if m.start() else said


# "min_stock: int = 0" (a type hint, as in Python)
_TYPE_HINT = re.compile(
    r"\b(?P<f>[a-z][a-z0-9_]*)\s*:\s*(?P<t>str|string|int|integer|float|bool|boolean|decimal|date|"
    r"datetime|text|email|url|uuid)\b(?!\s*(?:,\s*[a-z_]+\s*)*(?:,\s*|\s+)or\s+[a-z]|\s*/)"  # not
    r"(?:\s*=\s*(?P<d>[\w.-]+))?"  # a value among others: "channel: email, phone or chat"
)


def _type_hint(m: re.Match[str]) -> str:
    kind = _TYPE_HINTS.get(m.group("t"), m.group("t"))
    default = m.group("d")
    if default is None:
        return f"{m.group('f')} ({kind})"
    return f"{m.group('f')} ({kind}, default {default.lower()})"


def _choices(listed: str, *, marked: bool = False) -> list[str] | None:
    """The values of a list, or None when it is no list of values. After "one of" (`marked`)
    a letter is a value ("one of a, b, ab, o"), not an article."""
    values = [v.strip() for v in re.split(r",|/|\||\s+or\s+|\s+and\s+", listed) if v.strip()]
    stop = _NOT_VALUES - {"a", "an"} if marked else _NOT_VALUES
    if len(values) < 2 or any(v in stop - _TYPE_VALUES for v in values):
        return None
    if all(v in _TYPE_VALUES for v in values):
        return None  # "name: string, unique"; but "email, phone or chat" are the ways in
    if any(v in _TYPE_VALUES for v in values) and not re.search(r"\s(?:or)\s|/|\|", listed):
        return None  # "title, text": a field and its type
    return [snake(v) for v in values]


def _with_default(values: list[str], default: str | None) -> str:
    out = f" (one of {'|'.join(values)})"
    if default and snake(default) in values:
        out += f" (default {snake(default)})"
    return out


def _values(m: re.Match[str]) -> str:
    lead = m.group("lead")
    values = _choices(m.group("list"), marked="one of" in lead)
    before = m.string[: m.start()]
    if values is None:
        return m.group()
    if (
        ("one of" not in lead and not re.search(r"\bor\b|/|\|", m.group("list")))
        or (lead.strip() in (",", "-") and " or" not in m.group("list"))
        or (
            re.search(r"\b(?:be|is|are|either|of)(?:\s+\w+)?$", before)
            and not re.match(r"\s+(?:that|which)\b", lead)
        )
    ) and not (lead.strip() == ":" and re.search(r"\b(?:enum|choices|values|options)$", before)):
        return m.group()
    return _with_default(values, m.group("d"))


def _paren_values(m: re.Match[str]) -> str:
    values = _choices(m.group("list"))
    listed = [v.strip() for v in re.split(r",|\s+or\s+|\s+and\s+", m.group("list")) if v.strip()]
    if len(listed) < 3 and " or " not in m.group("list"):
        return m.group()  # "(name, email)": two fields, perhaps
    if values is None and " or " in m.group("list") and len(listed) >= 3:
        values = [snake(v) for v in listed]  # "(email, phone or chat)": values, not types
    if values is None or any(v.isdigit() for v in values):
        return m.group()
    return _with_default(values, m.group("d"))


_SUBJECT_IT = re.compile(
    r"^(?:and\s+)?(?:it|this|that|they|these|those|this field|that field)\s+"
    r"(?=(?:should|must|can|may|needs?|has to|have to|is|are|shouldn't|can't|cannot)\b)"
)
_POSSESSIVE = re.compile(
    r"^(?:and\s+)?(?:its|their)\s+(?P<f>\"?[a-z_]+(?:\s+[a-z_]+)?\"?)\s+"
    r"(?=(?:should|must|can|may|needs?|has to|have to|is|are|shouldn't|can't|cannot)\b)"
)
_MAKE_IT = re.compile(r"^(?P<verb>make|mark|set)\s+(?:it|them|this|that)\b")
# "drop that entity", "rename this model": the entity in view
THAT_ENTITY = re.compile(
    r"^(?P<verb>remove|delete|drop|rename)\s+(?:that|this|the)\s+(?:entity|model|table|resource)\b"
)
_OBJECT_IT = re.compile(
    r"\b(?P<verb>create|add|update|edit|change|modify|delete|remove|see|read|view|list|access)"
    r"\s+(?:it|them)$"
)


def resolve_pronoun(clause: str, *, entity: str | None, field: str | None) -> str:
    """ "it must be unique" after "add a slug to posts" -> "the slug of posts must be unique";
    "only the author can edit it" after a sentence on comments -> "... can edit comments"."""
    if entity is None:
        return clause
    rows = plural(snake(entity)).replace("_", " ")
    thing = f"the {field} of {rows}" if field else rows  # snake_case: "returned_on" is one word
    clause = re.sub(r"^(it|that|this)'s\s+", r"\1 is ", clause)
    clause = re.sub(r"^they're\s+", "they are ", clause)
    if _SUBJECT_IT.match(clause):
        return _SUBJECT_IT.sub(f"{thing} ", clause)
    if m := _POSSESSIVE.match(clause):  # "its total should be computed"
        return f"the {m.group('f').strip(chr(34))} of {rows} {clause[m.end():]}"
    if m := _MAKE_IT.match(clause):
        return f"{m.group('verb')} {thing}{clause[m.end():]}"
    if field and (
        gone := re.match(
            r"^(?P<v>remove|drop|delete|get rid of)\s+(?:it|that|this)(?:\s+field)?$", clause
        )
    ):
        return f"{gone['v']} the {field} from {rows}"  # "do we still need `Product.discontinued`?
        # I'd drop it": the field, not the products
    if _OBJECT_IT.search(clause):
        return _OBJECT_IT.sub(lambda m: f"{m.group('verb')} {rows}", clause)
    if m := THAT_ENTITY.match(clause):  # "drop that entity", said of the entity in view
        return f"{m.group('verb')} the {snake(entity).replace('_', ' ')} entity{clause[m.end():]}"
    return clause
