"""Values and properties as reviewers give them, said plainly. No I/O.

"a priority, something like low, normal, high" -> "a priority (one of low|normal|high)";
"a score which is a number" -> "a score (number)"; "isbn: not unique anymore, but not blank
either" -> a sentence per property. `say_values` is the first step of `tracking.say_tracked`.
"""

from __future__ import annotations

import re

_VALUE = r"[a-z0-9][a-z0-9_-]*"
_VALUES = rf"{_VALUE}(?:\s*(?:,|/)\s*(?:or\s+|and\s+)?{_VALUE}|\s+(?:or|and)\s+{_VALUE})+"
_EXAMPLES = (
    r"(?:something like|things like|stuff like|e\.?\s?g\.?|for example|for instance|such as|like|"
    r"options?|values?|choices?|(?:the\s+)?possible values|allowed values|statuses|states|types|"
    r"kinds|categories)"
)
_VALUE_FORMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        # "Something like fiction, non-fiction, poetry." / "Options: a, b, c" after a new field
        (
            rf"^{_EXAMPLES}(?:\s+(?:are|would be|could be|include|should be))?\s*:?\s*(?P<l>{_VALUES})$",
            "it should be (one of {l})",
        ),
        # "add a genre to books, e.g. fiction, poetry or drama"
        (
            rf"^(?P<head>.+?)\s*[,(]\s*(?:e\.?\s?g\.?|eg|for example|such as|like)\s*:?\s*(?P<l>{_VALUES})"
            r"\s*\)?$",
            r"\g<head>, one of \g<l>",
        ),
        # "should orders have a tracking number?" -> "orders should have a tracking number"
        (
            r"^(?:should|shall|can|could|would|will|must)\s+(?!we\b|you\b|i\b|u\b|it\b)"
            r"(?P<s>(?:the\s+|each\s+|every\s+|all\s+)?[a-z][\w' ]*?)\s+(?P<v>be|have|get|need|include|"
            r"store|contain|belong|default|carry|hold|keep|record|track|support)\b",
            r"\g<s> should \g<v>",
        ),
        # "the sku could be optional", "tags might have a color"
        (
            r"^(?!we\b|you\b|i\b|that\b|it\b|this\b|they\b)(?P<s>(?:the\s+|each\s+|every\s+|all\s+)?[a-z][\w' ]*?)"
            r"\s+(?:could|might|"
            r"would|may)\s+(?:also\s+)?(?P<v>be|have|get|need|include)\b",
            r"\g<s> should \g<v>",
        ),
        # "how about making the description optional" -> "make the description optional"
        (
            r"^(?:how|what)\s+about\s+(?P<v>mak|add|remov|renam|chang|dropp|sett|mark|turn|us|giv|link|"
            r"allow|introduc|convert|switch|mov|enabl|disabl)ing\b",
            "{verb}",
        ),
        # "add a field called gift_message on orders" -> "add a gift_message on orders"
        (
            r"^(?P<v>add|include|create)\s+(?:an?\s+|the\s+)?(?:new\s+)?(?:field|column|attribute|property)"
            r"\s+(?:called\s+|named\s+)?(?!(?:to|on|for|in|into|of|with|that|which)\b)(?=[a-z\"])",
            r"\g<v> a ",
        ),
        # "add brand to products as a relation" -> "products belong to a brand"
        (
            r"^add\s+(?:an?\s+|the\s+)?(?P<b>[a-z][a-z_]*)\s+(?:to|on)\s+(?P<e>[a-z][\w ]*?)\s+as\s+an?\s+"
            r"(?:relation|relationship|link|foreign key|reference)$",
            r"\g<e> belong to a \g<b>",
        ),
        # "an author writes many books" -> "an author has many books"
        (
            r"^(?P<x>(?:each\s+|every\s+|an?\s+|the\s+)?[a-z][a-z_]*)\s+(?:can\s+)?(?!has\b|have\b|is\b)"
            r"[a-z]+?(?:s|es)?\s+(?=(?:many|several|multiple)\s+[a-z]+$)",
            r"\g<x> has ",
        ),
        # "(i'd like to) have the venue optional" -> "make the venue optional"
        (
            r"^(?:to\s+)?have\s+(?P<x>(?:the|its|their)\s+[^,]+?)\s+(?P<p>optional|required|unique|mandatory|"
            r"nullable)$",
            r"make \g<x> \g<p>",
        ),
        # "completed instead of done on tasks" -> "rename done to completed on tasks"
        (
            r"^(?:use\s+|call it\s+)?(?!(?:sqlite|postgres|postgresql|mysql|mariadb)\b)"
            r"(?P<new>[a-z][a-z0-9_]*)\s+instead\s+of\s+(?P<old>[a-z][a-z0-9_]*)"
            r"(?P<rest>\s+(?:on|in|for|of)\s+[a-z][\w ]*)?$",
            r"rename \g<old> to \g<new>\g<rest>",
        ),
        # "change priority values to low, medium, high" -> "priority should be one of ..."
        (
            r"^(?:change|set|make|update)\s+(?:the\s+)?(?P<f>[a-z][\w ]*?)\s+(?:values|options|choices)\s+"
            r"(?:to|be)\s+(?P<l>[a-z0-9].+)$",
            r"\g<f> should be one of \g<l>",
        ),
        # "add a position (int) to tasks for ordering": the purpose is no part of the field
        (
            r"^(?P<head>add\s+.+?\s+to\s+[a-z][\w ]*?)\s+(?:for|to allow|to enable)\s+[a-z]+ing(?:\s+\w+)?$",
            r"\g<head>",
        ),
        # "ticket priority default should be medium" -> "ticket priority should default to medium"
        (
            r"^(?P<f>[a-z][\w' ]*?)\s+default\s+(?:value\s+)?(?:should be|must be|is|will be)\s+(?P<d>[\w.-]+)$",
            r"\g<f> should default to \g<d>",
        ),
        # "a returned_at date time that can be empty" -> "a returned_at date time (optional)"
        (
            r"(?<=[a-z])\s*,?\s+(?:that|which)\s+(?:can|may|could)\s+be\s+(?:empty|null|blank|missing|"
            r"omitted|left (?:empty|blank|out)|unset)$",
            " (optional)",
        ),
        # "a license number which must be unique" -> "a license number (unique)"
        (
            r"(?<=[a-z])\s*,?\s+(?:that|which)\s+(?:must|should|has to|needs to)\s+be\s+(?P<p>unique|"
            r"optional|required)$",
            r" (\g<p>)",
        ),
        # "categories should have a slug, unique" -> "... a slug (unique)"
        (
            r"^(?P<head>.+\b(?:have|has|need|needs|get|gets)\s+(?:an?\s+|the\s+)?[a-z][\w ]*?)\s*,\s*"
            r"(?P<p>optional|required|unique)$",
            r"\g<head> (\g<p>)",
        ),
        # "the subject should be 200 characters max" -> "... must be at most 200 characters"
        (
            r"\b(?:should|must|can)\s+be\s+(?P<n>\d+)\s*(?:characters|chars|letters)\s+(?:max(?:imum)?|at most|"
            r"or less|or fewer|tops)$",
            r"must be at most \g<n> characters",
        ),
        # "price needs to be a decimal not a float", "needs to be unique"
        (
            r"(?<!n't )(?<!not )(?<!snt )(?<!ont )(?<!should )(?<!must )(?<!would )\b(?:needs|need|has|have)"
            r"\s+to\s+be\b(?!\s+(?:logged|signed)[- ]in)",
            "should be",
        ),
        (
            r"(?<=[a-z])\s*,?\s+(?:and\s+|but\s+)?not\s+(?:an?\s+)?(?:string|text|integer|int|float|decimal|"
            r"boolean|date|datetime|email|url|number)$",
            "",
        ),
        # "(it) would be great if events had a x" -> "events should have a x"
        (
            r"^(?:it\s+)?(?:would|'d)\s+be\s+(?:great|nice|good|cool|better|helpful|useful)\s+(?:if|when)\s+"
            r"(?P<e>[a-z][\w ]*?)\s+(?:had|have|could have|would have|got)\s+",
            r"\g<e> should have ",
        ),
        # "lgtm, but could you also add x" -> "could you also add x"
        (
            r"^(?:lgtm|looks good(?: to me)?(?: overall)?|nice(?: work)?|great(?: work| job)?|thanks|"
            r"thank you|cool|ok(?:ay)?)\s*[,!.]?\s+(?:but|and|though|just)\s*,?\s*",
            "",
        ),
        # "switch the blog over to sqlite" -> "switch to sqlite"
        (
            r"^(?:switch|move|migrate|change|port)\s+(?:the\s+|this\s+)?(?:[a-z]+\s+)?(?:over\s+)?to\s+"
            r"(?P<db>sqlite|postgres|postgresql|mysql|mariadb)\b.*$",
            r"switch to \g<db>",
        ),
        # "switch from sqlite to postgres", "use postgres instead of sqlite" -> "switch to postgres"
        (
            r"^(?:switch|move|migrate|change|port|go)\s+(?:the\s+)?(?:database\s+|db\s+)?(?:over\s+)?from\s+"
            r"[a-z]+\s+to\s+(?P<db>sqlite|postgres|postgresql|mysql|mariadb)\b.*$",
            r"switch to \g<db>",
        ),
        (
            r"^(?:use|go with|pick|choose)\s+(?P<db>sqlite|postgres|postgresql|mysql|mariadb)\s+"
            r"(?:rather than|instead of)\s+[a-z]+$",
            r"switch to \g<db>",
        ),
        # "switch off pagination on the list endpoints" -> "switch off pagination"
        (
            r"^(?P<head>(?:turn|switch)\s+(?:on|off)\s+(?:the\s+)?(?:pagination|paging|filtering|filters))\s+"
            r"(?:on|for|in)\s+.+$",
            r"\g<head>",
        ),
        # "put the api behind a jwt login" -> "turn on auth"
        (
            r"^(?:put|hide|place|keep)\s+(?:the\s+|this\s+|our\s+)?(?:api|app|backend|service|everything|it)\s+"
            r"behind\s+(?:an?\s+)?(?:jwt\s+)?(?:login|log-in|sign[- ]in|auth|authentication)$",
            "turn on auth",
        ),
        # "only people who are logged in should be able to read posts"
        (
            r"^only\s+(?:people|users|those|ones|persons)\s+(?:who|that)\s+(?:are|have)\s+(?:logged|signed)[- ]in\b",
            "only signed in users",
        ),
        # "you should only be able to see appointments when you're logged in"
        (
            r"^(?:you|users|people|one)\s+(?:should|must|can)\s+only\s+(?:be\s+able\s+to\s+)?"
            r"(?:see|read|view|list|access|browse)\s+(?:the\s+)?(?P<e>.+?)\s+(?:when|if|once|while)\s+"
            r"(?:you're|you are|they're|they are|logged|signed)\s*(?:logged|signed)?[- ]?in$",
            r"only signed in users can see \g<e>",
        ),
        # "you should have to be logged in to see them"
        (
            r"^(?:you|users|people|one)\s+(?:should|must|would)\s+(?:have|need)\s+to\s+be\s+(?:logged|signed)"
            r"[- ]in\s+to\s+(?:see|read|view|list|access|browse)\s+",
            "you must be logged in to read ",
        ),
        # "Optional of course." after a new field -> "make it optional"
        (
            r"^(?:and\s+)?(?:it's\s+|it is\s+|make it\s+)?(?P<p>optional|required|mandatory|unique)(?:\s+(?:of course|"
            r"too|as well|please|though|i think|probably|ideally|obviously))?$",
            r"make it \g<p>",
        ),
        # "store a photo of each patient" -> "add a photo to patient"
        (
            r"^(?:add|store|keep|record|save|track)\s+(?P<f>(?:an?|the|some)\s+[a-z][\w ]*?)\s+(?:of|for)\s+"
            r"(?:each|every|all|the|an?)\s+(?P<e>[a-z][a-z_]*)(?P<rest>\s*(?:\(.*\))?)$",
            r"add \g<f>\g<rest> to \g<e>",
        ),
        # "(could we) have a rating on tickets" -> "add a rating on tickets"
        (r"^(?:have|get)\s+(?=(?:an?|the|some)\s+.+\s(?:on|to|for|in)\s)", "add "),
        # "x should be a long text instead of a short string" -> "x should be a text"
        (r"\b(?:an?\s+)?(?:long|free|rich)\s+text\b", "a text"),
        (
            r"(?<=[a-z])\s+instead\s+of\s+(?:an?\s+)?(?:short\s+|long\s+|plain\s+)?(?:string|text|integer|int|"
            r"float|decimal|boolean|date|datetime|number)$",
            "",
        ),
        # "add a rating to comments as an integer" -> "add a rating to comments (integer)"
        (
            r"^(?P<head>add\s+.+?)\s+as\s+an?\s+(?P<t>string|text|integer|int|float|decimal|boolean|date|"
            r"datetime|timestamp|email|url|number|file)$",
            r"\g<head> (\g<t>)",
        ),
        # "isbn: not unique anymore, but not blank either" -> one sentence per property
        (
            r"^(?P<f>[a-z][a-z0-9_]*(?:\s[a-z][a-z0-9_]*)?)\s*:\s*(?P<p>(?:(?:(?:not\s+)?(?:unique|optional|"
            r"required|mandatory|blank|empty)|(?:at least|at most|max|min)\s+-?\d+(?:\s*(?:chars|characters))?|"
            r"\d+\s*(?:to|-)\s*\d+\s*(?:chars|characters))(?:\s+(?:any ?more|either|too|as well))?"
            r"(?:\s*,\s*|\s+(?:and|but)\s+|\s*,\s*(?:and|but)\s+)?)+)$",
            "{props}",
        ),
        # "reason also gets transfer and damaged" -> "add transfer and damaged to the reason values"
        (
            r"^(?:(?P<pre>[a-z][a-z_ ]*?)\s*:\s*)?(?P<f>[a-z][a-z_]*)\s+(?:also\s+)?(?:gets|get|takes|"
            r"accepts|allows)\s+(?!an?\s|the\s|some\s|many\s)(?P<v>[a-z0-9_]+(?:\s*(?:,|and|or)\s*"
            r"[a-z0-9_]+)*)(?:\s+too|\s+as well)?$",
            "{more}",
        ),
        # "belongs to a manufacturer, which has a name and a country" -> two sentences
        (
            r"^(?P<head>.+\b(?:to|has|have|with)\s+(?:an?|one|the)\s+(?P<m>[a-z][a-z_]*))\s*,\s*(?:which|that|"
            r"who)\s+(?:has|have|holds?|consists of|needs)\s+(?P<f>(?:an?|the|its|their)\s+.+)$",
            "\\g<head>\n\\g<m> has \\g<f>",
        ),
        # "only the owner can see a task or change it" -> "... can see or change a task"
        (
            r"\b(?P<v1>[a-z]+)\s+(?P<o>(?:an?|the|their|its)\s+[a-z][a-z_]*)\s+(?:or|and)\s+(?P<v2>[a-z]+)\s+"
            r"(?:it|them)$",
            r"\g<v1> or \g<v2> \g<o>",
        ),
        # "Default eur." after a new field -> "it should default to eur"
        (
            r"^(?:and\s+)?(?:the\s+)?defaults?(?:\s+(?:is|should be|to|value|value is))?\s*:?\s*(?P<v>[a-z0-9_.-]+)$",
            r"it should default to \g<v>",
        ),
        # "let's keep the bio to 300 characters max" -> "the bio must be at most 300 characters"
        (
            r"^(?:let's\s+|lets\s+|please\s+)?(?:keep|limit|cap)\s+(?P<f>.+?)\s+(?:to|under|below|at)\s+"
            r"(?P<n>\d+)\s*(?:characters|chars|letters)(?:\s+(?:max(?:imum)?|at most|or less|tops))?$",
            r"\g<f> must be at most \g<n> characters",
        ),
        # "allow any signed-in user to delete appointments" -> "any signed-in user can delete ..."
        (r"^allow\s+(?P<who>(?!me\b|us\b)[a-z][\w -]*?)\s+to\s+(?=[a-z]+\s)", r"\g<who> can "),
        # "any signed-in user can delete appointments" -> "anyone can delete appointments"
        (
            r"^(?:any|every|all)\s+(?:signed[- ]in\s+|logged[- ]in\s+|authenticated\s+|registered\s+)?users?\s+"
            r"(?=(?:can|may|should)\b)",
            "anyone ",
        ),
        # "tickets: no attachments please" -> "remove the attachments from tickets"
        (
            r"^(?P<e>[a-z][a-z_ ]*?)\s*:\s*no\s+(?:more\s+)?(?P<f>[a-z][\w ]*?)(?:\s+please|\s+any ?more|\s+needed)?$",
            r"remove the \g<f> from \g<e>",
        ),
        # "an award is just a name and a year" -> "award has a name and a year"
        (
            r"^(?:an?\s+|the\s+|each\s+|every\s+)?(?P<e>[a-z][a-z_]*)\s+(?:is|consists of|is made of|is made up of)"
            r"\s+(?:just\s+|only\s+|simply\s+|basically\s+)?(?P<f>(?:an?|the|its|their)\s+.+)$",
            r"\g<e> has \g<f>",
        ),
        (r"\b(?:just|only|simply)\s+(?=(?:needs|need|has|have)\s)", ""),
        (r"(?<=[a-z])\s+plus\s+(?=(?:an?|the|its|their)\s)", " and "),
        # "on patients rename phone_number to phone" -> "patients: rename phone_number to phone"
        (
            r"^(?:on|for|in)\s+(?:the\s+)?(?P<e>[a-z][a-z_]*)\s*,?\s+(?P<v>rename|remove|drop|delete|add|make)\s+",
            r"\g<e>: \g<v> ",
        ),
        # "a new supervisor role should be able to delete tickets" -> "supervisors can delete tickets"
        (
            r"^(?:and\s+)?(?:a\s+|the\s+)?new\s+(?P<r>[a-z]+)\s+role\s+(?:should|can|may|must|could)\s+"
            r"(?:also\s+)?(?:be\s+able\s+to\s+|be\s+allowed\s+to\s+)?",
            r"\g<r> can ",
        ),
        # "... delete comments as well as admins": the others keep it
        (
            r"(?<=[a-z])\s+(?:as well as|along with|together with|in addition to|besides|just like|like)\s+"
            r"(?:the\s+)?(?:admins|administrators|agents|editors|managers|staff|librarians|moderators)$",
            "",
        ),
        # "(i'd like) events to have an online flag" -> "events should have an online flag"
        (
            r"^(?!(?:add|remove|rename|make|change|set|drop|delete|turn|switch|convert|use|allow|let|give|"
            r"link)\b)(?!.*\b(?:need|needs|ought|want|wants|has|have|got|going|used|able)\s+to\b)"
            r"(?P<e>(?:the\s+|all\s+|each\s+|every\s+)?[a-z][a-z_ ]*?)\s+to\s+(?:also\s+)?"
            r"(?P<v>have|get|include|store|record|track)\s+(?=(?:an?|the|some|their|its)\s)",
            r"\g<e> should \g<v> ",
        ),
        # "no roles at all" -> "remove all roles"
        (
            r"^(?:no|without)\s+(?:any\s+)?roles(?:\s+at all|\s+whatsoever|\s+anymore)?$",
            "remove all roles",
        ),
        # "comments need to have a score", "posts ought to have a slug"
        (r"\b(?:need|needs|ought|have|has)\s+to\s+(?=have\s)", "should "),
        # "a score which is a number" -> "a score (number)"
        (
            r"\s*,?\s+(?:which|that)\s+(?:is|should be|must be|will be)\s+(?:an?\s+)?(?P<t>string|text|"
            r"integer|number|whole number|float|decimal|boolean|date|datetime|timestamp|email|url|"
            r"link|phone number|uuid|percentage|amount)$",
            r" (\g<t>)",
        ),
    )
)


def say_values(sentence: str) -> str:
    """Values given as examples ("something like a, b, c") and type words after "which is"."""
    for pattern, replacement in _VALUE_FORMS:
        if "{l}" in replacement:  # the values themselves, kept whole: "(one of a|b|c)"
            m = pattern.search(sentence)
            if m is not None:
                said = replacement.format(l="|".join(_listed(m["l"])))
                sentence = sentence[: m.start()] + said + sentence[m.end() :]
        elif replacement == "{props}":
            if m := pattern.search(sentence):
                sentence = _props(m["f"], m["p"])
        elif replacement == "{more}":
            if m := pattern.search(sentence):
                of = f" of {m['pre']}" if m["pre"] else ""
                sentence = f"add {m['v']} to the {m['f']}{of} values"
        elif replacement == "{verb}":  # "making" -> "make", "dropping" -> "drop"
            sentence = pattern.sub(lambda m: _VERBS.get(m["v"], m["v"]), sentence)
        else:
            sentence = pattern.sub(replacement, sentence)
    return sentence


_VERBS = {"mak": "make", "remov": "remove", "renam": "rename", "chang": "change", "dropp": "drop",
          "sett": "set", "us": "use", "giv": "give", "introduc": "introduce", "mov": "move",
          "enabl": "enable", "disabl": "disable"}  # fmt: skip


def _props(field: str, said: str) -> str:
    """ "isbn", "not unique anymore, but not blank either" -> a sentence per property."""
    out = []
    for part in re.split(r"\s*,\s*(?:and\s+|but\s+)?|\s+(?:and|but)\s+", said):
        part = re.sub(r"\s+(?:any ?more|either|too|as well)$", "", part.strip())
        if part in ("blank", "empty"):
            out.append(f"{field} may be blank")
        elif part in ("not blank", "not empty"):
            out.append(f"{field} must not be blank")
        elif m := re.fullmatch(r"(?P<a>\d+)\s*(?:to|-)\s*(?P<b>\d+)\s*(?:chars|characters)", part):
            out.append(f"{field} must be between {m['a']} and {m['b']} characters")
        elif m := re.fullmatch(
            r"(?P<how>at least|at most|max|min)\s+(?P<n>-?\d+)(?P<c>\s*(?:chars|characters))?", part
        ):
            how = "at most" if m["how"] in ("max", "at most") else "at least"
            out.append(f"{field} must be {how} {m['n']}" + (" characters" if m["c"] else ""))
        elif part:
            out.append(f"make {field} {part}")
    return "\n".join(out)


def _listed(values: str) -> list[str]:
    return [
        v.replace("-", "_")
        for v in re.split(r"\s*(?:,|/)\s*(?:or\s+|and\s+)?|\s+(?:or|and)\s+", values)
        if v
    ]
