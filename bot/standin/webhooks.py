"""Webhook payloads shaped like GitHub's real deliveries, and signing exactly as GitHub signs.

Builders start from a real recorded payload (``data/webhooks``, the ``normalized/`` copy where
one exists) and fill in this stand-in's repository, issue, installation and sender: the key set
and order stay those of the recording, the values are ours.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import uuid
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data" / "webhooks"
_ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")

TEMPLATE_FILES = {
    ("issues", "opened"): "issues.opened.json",
    ("issues", "edited"): "issues.opened.json",
    ("issues", "closed"): "issues.opened.json",
    ("issues", "reopened"): "issues.opened.json",
    ("issues", "labeled"): "issues.labeled.json",
    ("issues", "unlabeled"): "issues.labeled.json",
    ("issue_comment", "created"): "issue_comment.created.on_issue.json",
    ("issue_comment", "edited"): "issue_comment.created.on_issue.json",
    ("issue_comment", "created", "pr"): "issue_comment.created.on_pr.DERIVED.json",
    ("issue_comment", "edited", "pr"): "issue_comment.created.on_pr.DERIVED.json",
    ("pull_request", "opened"): "pull_request.opened.json",
    ("pull_request", "closed"): "pull_request.closed.json",
    ("pull_request", "closed", "merged"): "pull_request.closed.merged.DERIVED.json",
    ("pull_request_review", "submitted"): "pull_request_review.submitted.json",
    ("installation", "created"): "installation.created.json",
    ("ping", None): "ping.json",
    ("push", None): "push.json",
    ("check_run", "created"): "check_run.created.json",
    ("check_suite", "requested"): "check_suite.requested.json",
}


@cache
def _load(name: str) -> str:
    normalized = DATA / "normalized" / name
    path = normalized if normalized.exists() else DATA / name
    return path.read_text()


def template(name: str) -> dict[str, Any]:
    """A fresh copy of a recorded payload (the normalized copy when there is one)."""
    data: dict[str, Any] = json.loads(_load(name))
    return data


def manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / "MANIFEST.json").read_text())
    return data


class Rewriter:
    """String rewriting for template values we have no value of our own for."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.pairs = [(a, b) for a, b in pairs if a]

    def __call__(self, value: Any) -> Any:
        if isinstance(value, str):
            for old, new in self.pairs:
                value = value.replace(old, new)
            return value
        if isinstance(value, list):
            return [self(v) for v in value]
        if isinstance(value, dict):
            return {k: self(v) for k, v in value.items()}
        return value


def shape(tmpl: Any, ours: Any, rewrite: Rewriter) -> Any:
    """Our value, in the template's shape: template keys (and order), our values."""
    if isinstance(tmpl, dict) and isinstance(ours, dict):
        out: dict[str, Any] = {}
        for key, tval in tmpl.items():
            if key in ours:
                out[key] = shape(tval, ours[key], rewrite)
            else:
                out[key] = rewrite(tval)
        return out
    if isinstance(tmpl, list) and isinstance(ours, list):
        if tmpl and isinstance(tmpl[0], dict):
            return [shape(tmpl[0], o, rewrite) if isinstance(o, dict) else o for o in ours]
        return ours
    if (
        isinstance(tmpl, int)
        and not isinstance(tmpl, bool)
        and isinstance(ours, str)
        and _ISO.match(ours)
    ):
        return int(datetime.strptime(ours, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp())
    return ours


def sign(body: bytes, secret: str) -> tuple[str, str]:
    """-> (X-Hub-Signature-256 value, X-Hub-Signature value)."""
    key = secret.encode()
    sha256 = hmac.new(key, body, hashlib.sha256).hexdigest()
    sha1 = hmac.new(key, body, hashlib.sha1).hexdigest()
    return f"sha256={sha256}", f"sha1={sha1}"


def encode(payload: dict[str, Any]) -> bytes:
    # GitHub sends compact JSON
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()


def headers_for(
    event: str,
    body: bytes,
    *,
    secret: str | None,
    delivery_id: str | None = None,
    hook_id: int = 424242,
    app_id: int | None = None,
) -> dict[str, str]:
    headers = {
        "Accept": "*/*",
        "Content-Type": "application/json",
        "User-Agent": "GitHub-Hookshot/5ae3b2a",
        "X-GitHub-Delivery": delivery_id or str(uuid.uuid4()),
        "X-GitHub-Event": event,
        "X-GitHub-Hook-ID": str(hook_id),
    }
    if app_id is not None:
        headers["X-GitHub-Hook-Installation-Target-ID"] = str(app_id)
        headers["X-GitHub-Hook-Installation-Target-Type"] = "integration"
    if secret is not None:
        sig256, sig1 = sign(body, secret)
        headers["X-Hub-Signature"] = sig1
        headers["X-Hub-Signature-256"] = sig256
    return headers
