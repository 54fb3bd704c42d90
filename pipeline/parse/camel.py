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
