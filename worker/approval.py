"""The text codebegen builds, the fingerprint that binds a run to it, and who never approves
text (bots). Pure: no I/O; the webhook route imports it without the worker's dependencies.

A generation builds the issue's text as it was when someone who may start codebegen triggered it
(opened, labelled or edited the issue): the webhook route records `text_sha256` of that text in
the job, and the job builds the issue only while its text still has that hash. An edit made after
the trigger is judged on its own (its own delivery, its own actor), so text written by someone
who may not start codebegen is never built on somebody else's approval.

HTML comments (`<!-- ... -->`) are invisible on GitHub, so they are not part of what a person
approved: `spec_text` drops them (everywhere, code blocks included: hiding too much is harmless,
reading hidden text is not) before the parser sees the text.
"""

from __future__ import annotations

import hashlib
import json
import re

from worker.payloads import COMMAND

# An HTML comment as CommonMark reads one: `<!-->` and `<!--->` are complete (empty) comments,
# and an unclosed `<!--` hides the rest of the text.
_HTML_COMMENT = re.compile(r"<!--(?:-?>|.*?-->|.*\Z)", re.DOTALL)
_COMMAND_WORD = re.compile(rf"^\s*{re.escape(COMMAND)}\b[ \t:]*", re.IGNORECASE)


def is_bot_login(login: str, *, bot_login: str = "") -> bool:
    """GitHub App and other bot accounts are `<slug>[bot]`; `bot_login` is this App's own. A bot
    never approves text: the webhook route drops its deliveries, the jobs refuse it."""
    name = login.strip().lower()
    return name.endswith("[bot]") or (bool(bot_login) and name == bot_login.lower())


def strip_hidden(text: str) -> str:
    """`text` without its HTML comments (what GitHub does not show)."""
    previous = None
    while previous != text:  # "<!<!---->--" leaves a new opener once the inner one goes
        previous, text = text, _HTML_COMMENT.sub("", text)
    return text


def spec_text(title: str, body: str) -> str:
    """The text to parse: the issue's visible title and body without the `/codebegen` word."""
    parts = [_COMMAND_WORD.sub("", strip_hidden(t or ""), count=1) for t in (title, body)]
    return "\n\n".join(p for p in parts if p.strip())


def text_sha256(title: str | None, body: str | None) -> str:
    """The fingerprint of an issue's title and body exactly as GitHub holds them (any edit,
    hidden text included, changes it)."""
    data = json.dumps([title or "", body or ""], ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()
