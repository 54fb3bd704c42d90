"""Keep secrets out of logs, exceptions and job data. No I/O.

Whoever mints a secret (an installation token, bot/github.py) registers it here. Every log record
is masked as it is made (`install_log_redaction`), and a job's failure is re-raised as `JobFailed`
with the message masked and the original exception dropped from the chain, because RQ stores the
formatted traceback of a failed job in Redis.
"""

from __future__ import annotations

import logging
import re
import threading

MASK = "***"
_MIN_LENGTH = 8  # shorter strings are not secrets worth masking and would mangle normal text

_lock = threading.Lock()
_secrets: set[str] = set()
# Shapes of GitHub tokens, masked even when nobody registered them (ghs_ installation, ghp_ PAT,
# gho_ OAuth, ghu_ user-to-server, github_pat_ fine-grained) and Authorization header values.
_PATTERNS = [
    re.compile(r"\b(?:gh[opsu]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b"),
    re.compile(r"(?i)(authorization:\s*(?:bearer|token|basic)\s+)[^\s'\"]+"),
    re.compile(r"(?i)(x-access-token:)[^@\s'\"]+"),
]


def register(secret: str) -> None:
    """Mask `secret` wherever `redact` runs from now on in this process."""
    if len(secret) >= _MIN_LENGTH:
        with _lock:
            _secrets.add(secret)


def redact(text: str) -> str:
    with _lock:
        known = sorted(_secrets, key=len, reverse=True)
    for secret in known:
        if secret in text:
            text = text.replace(secret, MASK)
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: (m.group(1) if m.groups() else "") + MASK, text)
    return text


_installed = False


def install_log_redaction() -> None:
    """Mask secrets in every log record of this process, whichever logger or handler it takes.

    A record factory sees each record as it is made (only for enabled levels), before any
    handler formats it, including handlers that libraries such as RQ add later.
    """
    global _installed
    if _installed:
        return
    make = logging.getLogRecordFactory()

    def factory(*args: object, **kwargs: object) -> logging.LogRecord:
        record = make(*args, **kwargs)
        message = record.getMessage()
        record.msg, record.args = redact(message), None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return record

    logging.setLogRecordFactory(factory)
    _installed = True


class JobFailed(Exception):
    """A job's failure with secrets removed; what RQ records in the failed-job registry."""
