"""How reviewers write, made plain before a clause is read: politeness, questions, typos. No I/O.

    plain("can we make the phone number of customers optinal?", vocabulary)
        -> "make the phone number of customers optional"

Typos are corrected only toward the words of this refinement's vocabulary (the instruction
verbs, property words, and the spec's own entity and field names), and only for words that are
not themselves in it, so a correct word is never changed into another.
"""

from __future__ import annotations

import difflib
import re

from pipeline.naming import one_slip, plural, snake
from pipeline.spec import ProjectSpec

# Words instructions are made of, toward which a misspelt word is corrected.
VERBS = (
    "add remove rename delete drop make mark change should must have has belong belongs "
    "optional required unique default defaults nullable mandatory entity field fields relation "
    "many only admins users can cannot create update edit read list between characters "
    "integer decimal boolean string datetime date text float enum email phone soft deleted "
    "role roles auth please empty blank least most option options status value values choice "
    "choices unique default flag field column rename remove should would could must never "
    "characters chars between instead another every each their optional required "
    "negative positive longer shorter zero length limit maximum minimum pagination filtering "
    "filter filters sorting public private owner author upload uploads attachment image "
    "description title name number timestamp visible readable everyone anyone everybody logged "
    "browse browsable switch turn enable disable allow track record store link upload photo "
    "picture satisfaction separate several multiple instead optional because should anymore "
    "category categories customer customers entity entities relation relationship"
).split()

_LEADS = (
    r"^(?:hey|hi|hello|ok|okay|so|also|and also|then|next|finally|oh and|one more thing:?|hmm+|"
    r"well|btw|actually|and|but|however|though|lol|haha|oops|ugh|ah|oh|uh|um+|honestly)[,:]?\s+",
    r"^(?:can|could|would|will)\s+(?:you|we|u)\s+(?:please\s+|pls\s+|maybe\s+|also\s+)*",
    r"^(?:is it possible|would it be possible|is there (?:a|any) way|it would be (?:nice|great|good)|i(?:'d| would) "
    r"(?:like|love)|we(?:'d| would) (?:like|love)|i want|we want|we (?:also |still |now )?need|i (?:also )?need|let's|lets)"
    r"\s+(?:to\s+)?(?:please\s+)?",
    r"^(?:please|pls|plz|kindly)\s+",
    # what a wrapper left ("is there a way | to make ..."): the request is the verb after "to"
    r"^to\s+(?=(?:make|add|remove|rename|change|drop|set|turn|link|give|use|let)\b)",
    r"^(?:nit|nitpick|nits|minor|small thing|suggestion|ps|p\.s\.|fyi|request|optional|bonus)\s*:\s*",
    r"^(?:i'd|i would|we'd|we would)\s+(?:probably\s+|also\s+|just\s+)?(?=make|add|remove|rename|change|"
    r"drop|set|mark|use|give|link|turn)\b",
    r"^(?:make sure|ensure|check)\s+(?:that\s+)?(?=\w+.*\b(?:is|are|be|has|have|can|may|should|must|only)\b)",
    r"^(?:i think|i guess|maybe|perhaps|imo|i feel like)\s+",
    r"^(?:for that|for this|to do that|to do this|for this to work|to make that work|to make this work)[,:]?\s+",
    r"^(?:we|you|i)\s+(?:should|must|need to|have to|could|might want to)\s+(?:also\s+)?(?=add|remove|"
    r"rename|make|change|drop|delete|turn|use|give|set)",
)
_TAILS = (
    r"(?<!,)\s+(?:so that|so|because|since|as)\s+(?:we|i|you|they|it|users?|people|customers?|"
    r"admins?)\b.*$",  # ", so you should ..." is what a reason leads to: read in `instructions`
    r",?\s+(?:so that|because|since|as)\s+(?:we|i|you|they|it|users?|people|customers?|"
    r"admins?)\b.*$",
    r"[,\s]+(?:please|pls|plz|thanks|thank you|thx|ty|tbh|imo|imho|i think|i guess|if possible|"
    r"ofc|of course|obv|obviously|lol|btw|iirc|afaik|fwiw|"
    r"if you can|when you get a chance|for me|maybe|afterwards?|after that|from now on|going forward|"
    r"completely|entirely|altogether|for good)$",
    r",\s*(?:we|i)\s+(?:don't|do not|no longer|won't)\s+(?:need|want|use)\s+(?:it|that|them|this)"
    r"(?:\s+any ?more)?$",
    r",?\s+not\s+just\s+(?:the\s+)?[a-z]+$",
    r",?\s+so\s+(?:just\s+)?(?:leave|keep)\s+(?:it|that|this|them)(?:\s+(?:alone|as is|like that))?$",
    r"\s+(?:too|as well|also|instead(?! of)|now|from now on|anymore|any more|entirely|completely|after all|"
    r"altogether|for now|for good|actually|though|lol|haha|already)$",
    r"\s*[?!]+$",
)


def strip_manners(clause: str) -> str:
    """Drop greetings, "can we", "please", trailing "thanks"/"too"/"?", purpose clauses."""
    before = None
    while before != clause:
        before = clause
        for pattern in _LEADS:
            clause = re.sub(pattern, "", clause)
        for pattern in _TAILS:
            clause = re.sub(pattern, "", clause)
        clause = re.sub(r"^(?:can|could)\s+(?=\w+\s+(?:have|has|be|get)\b)", "", clause)
        clause = re.sub(r"^(?:can|could)\s+(?=\w+\s+only\s+(?:see|view|read|access|edit|change)\b)", "",
                        clause)  # "could customers only see their own tickets?"  # fmt: skip
        clause = re.sub(r"^(?:have|get)\s+(?=an?\s+[a-z]+\s+(?:entity|model|resource))", "add ",
                        clause)  # fmt: skip
        clause = re.sub(r"\b(is|are)\s+already\s+(?=not\b|optional|required|unique|mandatory)",
                        r"\1 ", clause)  # "x is already unique": a note that it is  # fmt: skip
        # "optional, but unique when set": both properties, as a list of them
        clause = re.sub(r"\bunique\s+(?:when|if|once|where)\s+(?:it(?:'s| is)\s+)?(?:set|present|"
                        r"given|filled(?: in)?|provided|there|not (?:empty|blank|null))\b",
                        "unique", clause)  # fmt: skip
        clause = re.sub(r"\b(optional|required|nullable),?\s+but\s+(?=unique\b)", r"\1, ", clause)
        clause = re.sub(r"^let\s+(anyone|everyone|everybody|all users)\s+", r"\1 can ", clause)
        clause = re.sub(r"^let\s+", "", clause)
        clause = re.sub(r"^(?:get rid of|do away with|take out|ditch|scrap|scratch|kill off|"
                        r"throw out)\s+(?!that\b|this\b)", "remove ", clause)  # fmt: skip
        clause = re.sub(
            r"^no\s+(?!one\b|longer\b|more\b|need\b)([a-z_\" ]+?)\s+(?:on|for|in)\s+"
            r"([a-z_ ]+)$",
            r"remove \1 from \2",
            clause,
        )  # "no priority on tickets
        # (please)": a removal  # fmt: skip
        clause = re.sub(r"^(turn|switch)\s+(?!on\b|off\b)(.+?)\s+(on|off)$", r"\1 \3 \2", clause)
        clause = re.sub(r"^switch\s+(?:the\s+)?(?:database|db)\s+to\s+", "switch to ", clause)
        clause = re.sub(r"\b(should|must|can)\s+be able to\s+(?=have\b)", r"\1 ", clause)
        # "notes can be optional", "the phone may be left empty": permission to be empty is
        # the property optional (a list after "can be" is values: "can be a, b or c")
        clause = re.sub(
            r"\b(?:can|could|may|might)\s+(?:also\s+)?be\s+(?:left\s+)?(?:optional|empty|blank|null)$",
            "should be optional",
            clause,
        )
        if not re.match(r"^keep\s.+\s(?:to|at|under|below)\s+\d", clause):  # "keep the bio to
            clause = re.sub(r"^(?:store|keep track of|track|record|save|keep)\s+(?=(?:an?|the)\s)",
                            "add ", clause)  # 300 characters" is a limit  # fmt: skip
        clause = re.sub(r"^(change|convert|switch|turn)\s+(.+?)\s+to be\s+", r"\1 \2 to ", clause)
        clause = clause.strip(" ,")
    return clause


def vocabulary(spec: ProjectSpec) -> set[str]:
    words = set(VERBS)
    for e in spec.entities:
        key = snake(e.name)
        words |= {key, plural(key), e.plural, *key.split("_"), *e.plural.split("_")}
        for f in e.fields:
            words |= {f.name, *f.name.split("_")}
            words |= set(f.choices)
    for r in spec.relations:
        words.add(r.name)
    words |= set(spec.roles) | {plural(r) for r in spec.roles}
    return {w for w in words if w}


_KEEP = re.compile(r"^(?:\d.*|.{1,3})$")


def fix_typos(clause: str, words: set[str]) -> str:
    """Replace each word not in `words` by its close match there (ratio >= 0.8), if any."""
    out = []
    quoted = False  # a name written in quotes is the name they chose: "speciality"
    for token in re.split(r"(\W+)", clause):
        if token and not token[0].isalnum():
            quoted ^= token.count('"') % 2 == 1
        if quoted or not token or not token[0].isalpha() or token in words or _KEEP.match(token):
            out.append(token)
            continue
        if token.endswith("ie") and f"{token}s" in words and f"{token[:-2]}y" in words:
            out.append(f"{token[:-2]}y")  # "categorie": the -y word its plural "categories" is of
            continue
        # _plausible is strict (one letter dropped, added or swapped), so the ratio may be low:
        # "taks" is 0.75 from "task"
        matches = difflib.get_close_matches(token, words, n=3, cutoff=0.7)
        match = next((m for m in matches if _plausible(token, m)), None)
        out.append(match or token)
    return "".join(out)


def _plausible(typo: str, word: str) -> bool:
    """A typo keeps the first letter and is one letter dropped, added or swapped with its
    neighbour, and is not another form of the word ("close" is not a typo of "closed").
    A changed letter is not taken as a typo: "publisher" is no "published"."""
    if typo[0] != word[0] or typo.startswith(word):
        return False
    if word.startswith(typo):  # "updat": a word's final e left off, not another form of it
        return word == f"{typo}e" and len(typo) >= 4
    if len(typo) == len(word) >= 6 and _vowel_for_vowel(typo, word):
        return True  # "docters", "titel": one vowel written for another in a long word
    return one_slip(typo, word, changed=False)


_VOWELS = frozenset("aeiou")


def _vowel_for_vowel(typo: str, word: str) -> bool:
    diff = [(a, b) for a, b in zip(typo, word, strict=True) if a != b]
    return len(diff) == 1 and diff[0][0] in _VOWELS and diff[0][1] in _VOWELS


_CHATTER = re.compile(
    r"^(?:nothing else(?: for now)?|that's (?:all|it)(?: for now)?|that is all|no other changes|"
    r"the rest (?:looks|is) (?:good|fine)|otherwise (?:lgtm|looks good|fine)|"
    r"(?:this |it |that )?(?:looks|works|seems) (?:solid|good|great|fine|nice|ok|okay)(?: overall| "
    r"locally| so far| to me)?|(?:really )?(?:nice|great|good|solid) (?:pr|start|job|work|stuff)"
    r"(?: overall| so far)?|thanks for (?:the|your|this) (?:\w+ )?\w+)[.!]?$|"
    r"^(?:nice|great|good|awesome|cool|thanks|thank you|thx|lgtm|looks good|looks great|ok|okay|"
    r"hmm+|hi|hey|hello|a few (?:things|changes|notes|comments)|some (?:changes|notes|things)|"
    r"(?:a )?couple of (?:things|changes)|few (?:things|comments)|here are (?:some|a few) \w+|"
    r"nice work|good job|great work)\b[^a-z]*(?:\w+[^a-z]*){0,3}$"
)


# A reason given as a sentence of its own: "Please remove x; nobody reads it."
_REASON = re.compile(
    r"^(?:we|they|people|users|customers|staff)\s+(?:don't|do not|never|no longer|won't|rarely)\s+"
    r"(?!need\b|want\b|use\b|have\b|care\b)[a-z]+\b[^,;]*$|"
    r"^(?:(?:nobody|no one|we never|we don't|we do not|they never|people never|users never|"
    r"customers never)\b.*\b(?:it|them|that|this|those|one)|(?:it's|it is|they're|they are|that's)\s+"
    r"(?:not|never|no longer)\s+(?:used|needed|read|filled(?: in)?|useful)|(?:that|it|this|they)\s+"
    r"(?:would|will)?\s*(?:need|needs)\s+(?:adding|to be added|creating|to be created|making)(?:\s+too|"
    r"\s+as well)?)$"
)


def is_chatter(sentence: str) -> bool:
    """Greetings, lead-ins ("Nice work! A few things:") and reasons ("nobody reads it"):
    context, not instructions."""
    return bool(_CHATTER.match(sentence.strip()) or _REASON.match(sentence.strip()))


_RENAME_TO = re.compile(r"^(?P<head>.*\b(?:to|as|into)\s+)(?P<new>[a-z][a-z0-9_ ]*)$")


# Contractions written without their apostrophe ("shouldnt", "dont"): the readers know them
# with it. Only forms that are no other English word ("cant" and "wont" are, rarely; "its" is).
_NO_APOSTROPHE = re.compile(
    r"\b(should|would|could|must|need|do|does|did|is|are|was|were|has|have|ca|wo)nt\b"
)


_SHORTHAND = {"cud": "could", "shud": "should", "wud": "would", "coz": "because", "cuz": "because"}

# "(would it be possible) for every post to remember its author": what it asks, as "should"
_FOR_TO = re.compile(
    r"^(?:(?:is it possible|would it be possible|could it be possible|is there (?:a|any) way|would it be ok|"
    r"is it ok)\s+)?for\s+(?:an?\s+|one\s+)?(?P<x>(?:each\s+|every\s+|all\s+|the\s+)?[a-z][a-z_]*(?:\s+[a-z_]+)?)"
    r"\s+to\s+(?P<v>[a-z]+)\b"
)


def spell_contractions(text: str) -> str:
    """ "the isbn shouldnt be unique" -> "the isbn shouldn't be unique"; "cud we" -> "could we";
    "for every post to remember its author" -> "every post should remember its author"."""
    text = re.sub(r"\b(?:cud|shud|wud|coz|cuz)\b", lambda m: _SHORTHAND[m.group()], text)
    text = _FOR_TO.sub(r"\g<x> should \g<v>", text)
    text = re.sub(  # "leave it optional": make it so
        r"^leave\s+(?P<x>it|them|that|this)\s+(?:as\s+)?(?P<p>optional|required|unique|nullable)(?=\s*(?:$|[,;.]))",
        lambda m: f"make {m['x']} {'optional' if m['p'] == 'nullable' else m['p']}",
        text,
    )
    return _NO_APOSTROPHE.sub(r"\1n't", text)


def plain(clause: str, words: set[str]) -> str:
    clause = spell_contractions(clause)
    fixed = fix_typos(clause, words)
    new = _RENAME_TO.match(clause)
    if new and re.match(r"^(?:\w+\s+)*?rename\b", fixed):  # the new name is the one they chose
        head = _RENAME_TO.match(fixed)
        fixed = (head.group("head") if head else fixed) + new.group("new")
    return strip_manners(fixed)
