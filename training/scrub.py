"""Secret scrubbing for dataset rows. No I/O.

Everything that reaches the dataset store passes through `scrub_text` / `scrub_files` first: a
merged project can carry a token someone pasted into a test, a `.env` that was committed by
mistake, or a private key. Each finding is replaced by a placeholder that keeps the file's shape
(a string stays a string, a `.env` line stays `KEY=value`), so the row still trains on valid code.

Rules are a table of `(name, compiled regex, replacement)`; `tests/training/test_scrub.py` holds a
table of real-looking secrets and the text each must become.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePosixPath

PLACEHOLDER = "changethis"  # the placeholder the generated projects use for a secret value

# Values already safe to keep in a `.env` or SECRET_KEY assignment: placeholders, empties and
# variable references.
_SAFE_VALUE = re.compile(
    r"""^(|changethis|change-?me|secret|example|dummy|xxx+|\*+|<[^>]*>|\$\{[^}]*\}|\$[A-Z_]+)$""",
    re.IGNORECASE,
)

# `.env`-style keys whose values are credentials.
_SENSITIVE_KEY = re.compile(
    r"(PASSWORD|PASSWD|PASS|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?|DSN|"
    r"DATABASE_URL|_URL$|AUTH)",
    re.IGNORECASE,
)

_Rule = tuple[str, re.Pattern[str], str | Callable[[re.Match[str]], str]]

_RULES: list[_Rule] = [
    (
        "private_key",
        re.compile(
            r"-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----.*?-----END \1PRIVATE KEY-----",
            re.DOTALL,
        ),
        lambda m: f"-----BEGIN {m.group(1)}PRIVATE KEY-----\n<redacted>\n"
        f"-----END {m.group(1)}PRIVATE KEY-----",
    ),
    ("github_pat", re.compile(r"\bgithub_pat_[A-Za-z0-9_]{22,255}\b"), "<github-token>"),
    ("github_token", re.compile(r"\bgh[pousr]_[A-Za-z0-9]{30,255}\b"), "<github-token>"),
    (
        "aws_access_key_id",
        re.compile(r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b"),
        "<aws-key-id>",
    ),
    (
        "aws_secret_access_key",
        re.compile(
            r"""(?i)(aws_?secret_?access_?key["']?\s*[:=]\s*["']?)[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])"""
        ),
        r"\1<aws-secret>",
    ),
    ("slack_token", re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}\b"), "<slack-token>"),
    ("openai_key", re.compile(r"\bsk-(?:proj-)?[A-Za-z0-9_-]{32,}\b"), "<api-key>"),
    (
        "jwt",
        re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}\b"),
        "<jwt>",
    ),
    (
        # SECRET_KEY = "..." / SECRET_KEY: str = "..." / SECRET_KEY: "..." (yaml) with a real value
        "secret_key",
        re.compile(r"""(\bSECRET_KEY\b\s*(?::\s*str\s*)?[:=]\s*)(["'])([^"'\n]+)\2"""),
        lambda m: (
            m.group(0)
            if _SAFE_VALUE.match(m.group(3))
            else f"{m.group(1)}{m.group(2)}{PLACEHOLDER}{m.group(2)}"
        ),
    ),
    (
        # credentials inside a URL: scheme://user:password@host (not in code: only .env is scrubbed)
        "url_password",
        re.compile(r"\b([a-z][a-z0-9+.-]*://[^:/@\s]+:)([^@\s/]{6,})(@)"),
        lambda m: m.group(0) if _SAFE_VALUE.match(m.group(2)) else m.group(1) + PLACEHOLDER + "@",
    ),
]

_ENV_LINE = re.compile(r"^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_]*)(\s*=\s*)(.*)$")


def is_env_file(path: str) -> bool:
    """`.env`, `.env.prod`, `config/.env.local` — but not `.env.example`/`.env.sample` templates."""
    name = PurePosixPath(path).name
    if not (name == ".env" or name.startswith(".env.") or name.endswith(".env")):
        return False
    return not name.endswith((".example", ".sample", ".template", ".dist"))


def _scrub_env(text: str) -> str:
    out = []
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        m = _ENV_LINE.match(body)
        if m and _SENSITIVE_KEY.search(m.group(2)):
            value = m.group(4).strip().strip("\"'")
            if not _SAFE_VALUE.match(value):
                line = f"{m.group(1)}{m.group(2)}{m.group(3)}{PLACEHOLDER}" + line[len(body) :]
        out.append(line)
    return "".join(out)


def scrub_text(text: str, *, path: str = "") -> str:
    """Replace every secret the rules know in `text`; `.env` files also lose credential values."""
    for name, pattern, repl in _RULES:
        if name == "url_password" and not is_env_file(path):
            continue  # dev URLs in compose files (postgres:postgres@db) are part of the project
        text = pattern.sub(repl, text)
    if path and is_env_file(path):
        text = _scrub_env(text)
    return text


def scrub_files(files: dict[str, str]) -> dict[str, str]:
    """Scrub every file of a tree; paths are kept (a path is not a secret)."""
    return {path: scrub_text(content, path=path) for path, content in files.items()}


def findings(text: str, *, path: str = "") -> list[str]:
    """Names of the rules that would change `text` (for reports and tests)."""
    found = []
    for name, pattern, repl in _RULES:
        if name == "url_password" and not is_env_file(path):
            continue
        if pattern.sub(repl, text) != text:
            found.append(name)
    if path and is_env_file(path) and _scrub_env(text) != text:
        found.append("env_value")
    return found
