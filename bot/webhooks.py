"""Webhook deliveries -> jobs to enqueue. Pure: no I/O (like gidgethub's sansio).

`verify_signature` checks `X-Hub-Signature-256` over the raw body; `route` turns an event name and
its payload into the jobs to enqueue (possibly none), reading the payload tolerantly: GitHub adds
fields over time and githubkit's strict models reject about a third of real payloads, so routing
looks only at the few keys it needs and treats anything unexpected as "nothing to do".

https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
https://docs.github.com/en/webhooks/webhook-events-and-payloads#issues
https://docs.github.com/en/webhooks/webhook-events-and-payloads#issue_comment
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from bot.commands import Command, CommandName, parse_command
from worker.approval import is_bot_login, text_sha256
from worker.payloads import (
    BRANCH_PREFIX,
    COMMAND,
    TRIGGER_LABEL,
    CommentJob,
    IssueJob,
    PullJob,
    Trigger,
)
from worker.queues import JobRequest

# GitHub caps webhook payloads at 25 MB and does not deliver bigger ones.
MAX_BODY_BYTES = 25 * 1024 * 1024

_ISSUE_TRIGGERS = {"opened": Trigger.OPENED, "labeled": Trigger.LABELED, "edited": Trigger.EDITED}


def verify_signature(body: bytes, signature: str | None, secret: bytes) -> bool:
    """True when `signature` (the X-Hub-Signature-256 header) is the HMAC-SHA256 of `body`.

    Only the SHA-256 header is accepted: the legacy SHA-1 one is weaker.
    """
    if not signature or not signature.startswith("sha256="):
        return False
    expected = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), signature.strip().encode())


@dataclass(frozen=True)
class Decision:
    jobs: tuple[JobRequest, ...]
    reason: str  # why, for logs: "issue opened with the label", "not a codebegen issue", ...


def _ignore(reason: str) -> Decision:
    return Decision((), reason)


def route(event: str, delivery_id: str, payload: dict[str, Any]) -> Decision:
    """The jobs for one delivery. Unknown events and odd payloads give no jobs, never an error."""
    try:
        if event == "issues":
            return _route_issue(delivery_id, payload)
        if event == "issue_comment":
            return _route_comment(delivery_id, payload)
        if event == "pull_request":
            return _route_pull(delivery_id, payload)
    except (KeyError, TypeError, AttributeError, ValueError, ValidationError):
        return _ignore(f"{event} payload without the fields codebegen needs")
    return _ignore(f"codebegen does not act on {event} events")


def triggered(issue: dict[str, Any]) -> bool:
    """An issue asks for codebegen: it has the label, or its title or body starts with the command."""
    labels = {str(label.get("name", "")).lower() for label in issue.get("labels") or []}
    if TRIGGER_LABEL in labels:
        return True
    return any(
        (text or "").lstrip().lower().startswith(COMMAND)
        for text in (issue.get("title"), issue.get("body"))
    )


def _route_issue(delivery_id: str, payload: dict[str, Any]) -> Decision:
    action = payload.get("action")
    trigger = _ISSUE_TRIGGERS.get(action or "")
    if trigger is None:
        return _ignore(f"codebegen does not act on issues.{action}")
    issue, sender = payload["issue"], payload.get("sender") or {}
    if sender.get("type") == "Bot" or is_bot_login(str(sender.get("login") or "")):
        return _ignore("the sender is a bot")
    if issue.get("pull_request"):
        return _ignore("the issue is a pull request")
    if trigger is Trigger.LABELED:
        if str((payload.get("label") or {}).get("name", "")).lower() != TRIGGER_LABEL:
            return _ignore("another label was added")
    elif not triggered(issue):
        return _ignore("the issue does not ask for codebegen")
    job = IssueJob(
        repo=payload["repository"]["full_name"],
        installation_id=(payload.get("installation") or {}).get("id"),
        issue_number=issue["number"],
        delivery_id=delivery_id,
        trigger=trigger,
        actor=sender.get("login") or issue["user"]["login"],
        text_sha256=text_sha256(issue.get("title"), issue.get("body")),
    )
    return Decision(
        (JobRequest(kind="ack", payload=job), JobRequest(kind="generate", payload=job)),
        f"issues.{action} asks for codebegen",
    )


def _route_comment(delivery_id: str, payload: dict[str, Any]) -> Decision:
    """A new `/codebegen ...` comment on a pull request -> the conversation job; on a codebegen
    issue, `/codebegen go` or any other comment (an answer to its questions) -> the generate job,
    which acts only while the issue has open questions."""
    if payload.get("action") != "created":
        return _ignore("only new comments carry commands")
    issue, comment = payload["issue"], payload["comment"]
    sender = payload.get("sender") or {}
    user = comment.get("user") or {}
    if sender.get("type") == "Bot" or user.get("type") == "Bot":
        return _ignore("the comment is by a bot")
    if is_bot_login(str(sender.get("login") or user.get("login") or "")):
        return _ignore("the comment is by a bot")
    command = parse_command(comment.get("body") or "")
    if not issue.get("pull_request"):
        return _route_issue_comment(delivery_id, payload, command)
    if command is None:
        return _ignore("the comment holds no /codebegen command")
    job = CommentJob(
        repo=payload["repository"]["full_name"],
        installation_id=(payload.get("installation") or {}).get("id"),
        issue_number=issue["number"],
        comment_id=comment["id"],
        delivery_id=delivery_id,
        actor=sender.get("login") or comment["user"]["login"],
    )
    return Decision((JobRequest(kind="conversation", payload=job),), "a /codebegen command")


def _route_issue_comment(
    delivery_id: str, payload: dict[str, Any], command: Command | None
) -> Decision:
    issue, comment = payload["issue"], payload["comment"]
    go = command is not None and command.name is CommandName.GO
    if not go and not triggered(issue):
        return _ignore("the issue does not ask for codebegen")
    if command is not None and not go:
        return _ignore("commands other than go are taken on pull requests")
    job = IssueJob(
        repo=payload["repository"]["full_name"],
        installation_id=(payload.get("installation") or {}).get("id"),
        issue_number=issue["number"],
        delivery_id=delivery_id,
        trigger=Trigger.GO if go else Trigger.ANSWERED,
        actor=(payload.get("sender") or {}).get("login") or comment["user"]["login"],
        text_sha256=text_sha256(issue.get("title"), issue.get("body")),
    )
    if go:
        jobs = (JobRequest(kind="ack", payload=job), JobRequest(kind="generate", payload=job))
        return Decision(jobs, "/codebegen go on an issue")
    return Decision((JobRequest(kind="generate", payload=job),), "a comment on a codebegen issue")


def _route_pull(delivery_id: str, payload: dict[str, Any]) -> Decision:
    """A merged codebegen pull request -> the harvest job (training data)."""
    pull = payload["pull_request"]
    if payload.get("action") != "closed" or not pull.get("merged"):
        return _ignore("only merged pull requests are harvested")
    head = pull.get("head") or {}
    same_repo = (head.get("repo") or {}).get("full_name") == payload["repository"]["full_name"]
    if not same_repo or not str(head.get("ref", "")).startswith(BRANCH_PREFIX):
        return _ignore("not a codebegen pull request")
    job = PullJob(
        repo=payload["repository"]["full_name"],
        installation_id=(payload.get("installation") or {}).get("id"),
        issue_number=pull["number"],
        delivery_id=delivery_id,
    )
    return Decision((JobRequest(kind="harvest", payload=job),), "a codebegen PR was merged")
