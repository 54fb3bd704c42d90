"""Entity names written in CamelCase ("**RepairJob**:", "## PrintJob") read as the words they
join. No I/O.

People often name an entity the way code would. Read as one lower-case word, "RepairJob" became
an entity `Repairjob`, and "repair jobs" in the prose below it a second one, `RepairJob`. Where a
CamelCase name labels a list, a heading or a table row, it is spelled as words ("Repair job")
everywhere in the text, so that both spellings name one thing. Product names ("PayPal",
"GitHub") are left as they are: the readers know them as one word.

    spaced_names("- **RepairJob**: bike, price") -> "- **Repair job**: bike, price"
"""

from __future__ import annotations

import re

_NAME = r"[A-Z][a-z]+(?:[A-Z][a-z]+)+"
# A name where entities are named: a heading, a bullet or numbered item, a table's first cell,
# a line of its own; bold or not; followed by its fields (":", "(", a dash) or nothing.
_LABEL = re.compile(
    rf"(?m)^[ \t]*(?:#{{1,6}}[ \t]+|(?:[-*+•]|\d+[.)])[ \t]+|\|[ \t]*)?(?:\*\*|__|`)?"
    rf"(?P<name>{_NAME})(?:\*\*|__|`)?[ \t]*(?=[:(|–—-]|\*\*|$)"
)
_PRODUCTS = frozenset(
    """PayPal GitHub GitLab WhatsApp JavaScript TypeScript YouTube LinkedIn WordPress SendGrid
    MailChimp QuickBooks DropBox FaceBook SoundCloud PowerPoint SharePoint HubSpot MailGun TikTok
    OneDrive BitBucket CloudFlare WeChat DigitalOcean""".split()
)


def _words(name: str) -> str:
    parts = re.findall(r"[A-Z][a-z]+", name)
    return " ".join([parts[0], *(p.lower() for p in parts[1:])])


def spaced_names(text: str) -> str:
    """`text` with each CamelCase entity name (see the module doc) written as words, in every
    place it appears (its plural too: "RepairJobs" -> "Repair jobs")."""
    names = {m.group("name") for m in _LABEL.finditer(text)} - _PRODUCTS
    if not names:
        return text
    pattern = re.compile(
        r"\b(" + "|".join(sorted(map(re.escape, names), key=len)[::-1]) + r")(s?)\b"
    )
    return pattern.sub(lambda m: _words(m.group(1)) + m.group(2), text)


# A verb and its particle joined by a hyphen name one thing in prose: "sign-outs have a date",
# "each weigh-in is for one bird". Read as two words, "sign" was taken for a verb and the thing was
# lost, or "check" made a thing of its own. Written as one word ("SignOuts") it is one noun.
# Only a plural, or one after "each", "every", "per" or "one", is surely a thing ("a check-in date"
# is a field, "an app with sign-up" a feature), and not a label ("Check-outs: ..."), which the list
# readers read already.
_PARTICLE_NOUN = re.compile(
    r"(?:(?<=\beach )|(?<=\bevery )|(?<=\bper )|(?<=\bone )|(?=\w+-\w+s\b))"
    r"\b(?P<verb>sign|check|pick|drop|weigh|call|line|take|move|trade|walk|follow|top|hand|"
    r"clean|set|break|warm|cool|write|roll|look)-(?P<particle>in|out|up|off|on|over|back|down)"
    r"(?P<s>s?)\b(?![:(]|\*\*|\s*\|)",
    re.I,
)


def joined_particles(text: str) -> str:
    """ "Sign-outs have a date" -> "SignOuts have a date": a verb-and-particle noun as one word."""
    return _PARTICLE_NOUN.sub(
        lambda m: m["verb"].capitalize() + m["particle"].capitalize() + m["s"], text
    )
