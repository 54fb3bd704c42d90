"""bot/webhooks.py: signatures and routing, as tables of inputs. No I/O."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

import pytest

from bot.webhooks import route, triggered, verify_signature
from worker.approval import text_sha256
from worker.payloads import Trigger

SECRET = b"s3cret"


def issue_event(
    action: str,
    *,
    title: str = "Blog API",
    body: str | None = "posts and comments",
    labels: tuple[str, ...] = (),
    sender_type: str = "User",
    label: str | None = None,
    installation: int | None = 9,
) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "action": action,
        "issue": {
            "number": 12,
            "title": title,
            "body": body,
            "labels": [{"name": n} for n in labels],
            "user": {"login": "alice"},
        },
        "repository": {"full_name": "octo/blog"},
        "sender": {"login": "alice", "type": sender_type},
    }
    if installation is not None:
        payload["installation"] = {"id": installation}
    if label is not None:
        payload["label"] = {"name": label}
    return payload


def test_valid_signature_is_accepted():
    body = b'{"zen": "Keep it logically awesome."}'
    sig = "sha256=" + hmac.new(SECRET, body, hashlib.sha256).hexdigest()
    assert verify_signature(body, sig, SECRET)


@pytest.mark.parametrize(
    "signature",
    [None, "", "sha256=", "sha256=00", "sha1=abc", "md5=abc", "sha256=" + "0" * 64],
)
def test_bad_signatures_are_refused(signature):
    assert not verify_signature(b"{}", signature, SECRET)


def test_signature_of_another_body_is_refused():
    sig = "sha256=" + hmac.new(SECRET, b"{}", hashlib.sha256).hexdigest()
    assert not verify_signature(b"{ }", sig, SECRET)


@pytest.mark.parametrize(
    ("payload", "trigger"),
    [
        (issue_event("opened", labels=("codebegen",)), Trigger.OPENED),
        (issue_event("opened", labels=("CodeBeGen", "bug")), Trigger.OPENED),
        (issue_event("opened", title="/codebegen blog API"), Trigger.OPENED),
        (issue_event("opened", title="Blog", body="  /codebegen\nposts"), Trigger.OPENED),
        (issue_event("labeled", label="codebegen", labels=("codebegen",)), Trigger.LABELED),
        (issue_event("edited", labels=("codebegen",)), Trigger.EDITED),
        (issue_event("edited", title="/codebegen posts"), Trigger.EDITED),
    ],
)
def test_issues_that_ask_for_codebegen_get_ack_and_generate(payload, trigger):
    decision = route("issues", "guid-1", payload)

    assert [(j.kind, j.job_id) for j in decision.jobs] == [
        ("ack", "ack-guid-1"),
        ("generate", "generate-guid-1"),
    ]
    job = decision.jobs[1].payload
    assert (job.repo, job.issue_number, job.installation_id, job.trigger, job.actor) == (
        "octo/blog",
        12,
        9,
        trigger,
        "alice",
    )


@pytest.mark.parametrize(
    ("event", "payload"),
    [
        ("issues", issue_event("opened")),  # no label, no command
        ("issues", issue_event("opened", title="About /codebegen")),  # not at the start
        ("issues", issue_event("labeled", label="bug", labels=("codebegen", "bug"))),
        ("issues", issue_event("closed", labels=("codebegen",))),
        ("issues", issue_event("opened", labels=("codebegen",), sender_type="Bot")),
        ("issues", {"action": "opened"}),  # no issue at all
        ("issues", {"action": "opened", "issue": "not a dict"}),
        ("issues", {**issue_event("opened", labels=("codebegen",)), "repository": {}}),
        ("pull_request", {"action": "opened"}),
        ("push", {"ref": "refs/heads/main"}),
    ],
)
def test_deliveries_that_do_not_ask_for_codebegen_get_no_jobs(event, payload):
    assert route(event, "guid", payload).jobs == ()


def test_a_delivery_without_installation_is_routed_for_lookup():
    decision = route("issues", "g", issue_event("opened", labels=("codebegen",), installation=None))
    assert decision.jobs[0].payload.installation_id is None


def test_body_none_is_fine():
    assert triggered({"title": "/codebegen x", "body": None, "labels": None})


def comment_event(
    body: str,
    *,
    on_pull: bool = True,
    action: str = "created",
    user_type: str = "User",
    labels: tuple[str, ...] = (),
) -> dict[str, Any]:
    issue: dict[str, Any] = {
        "number": 7,
        "title": "codebegen: Blog API (#1)",
        "labels": [{"name": n} for n in labels],
    }
    if on_pull:
        issue["pull_request"] = {"url": "https://api.github.com/repos/octo/blog/pulls/7"}
    return {
        "action": action,
        "issue": issue,
        "comment": {"id": 99, "body": body, "user": {"login": "alice", "type": user_type}},
        "repository": {"full_name": "octo/blog"},
        "sender": {"login": "alice", "type": user_type},
        "installation": {"id": 9},
    }


@pytest.mark.parametrize(
    "body",
    ["/codebegen refine add a Tag entity", "/codebegen help", "thanks!\n/codebegen review"],
)
def test_a_command_on_a_pull_request_gets_a_conversation_job(body):
    [request] = route("issue_comment", "guid-7", comment_event(body)).jobs

    assert (request.kind, request.job_id) == ("conversation", "conversation-guid-7")
    job = request.payload
    assert (job.repo, job.issue_number, job.comment_id, job.actor) == ("octo/blog", 7, 99, "alice")


@pytest.mark.parametrize(
    "payload",
    [
        comment_event("looks good to me"),
        comment_event("> /codebegen refine quoted, not a command"),
        comment_event("/codebegen help", on_pull=False),
        comment_event("/codebegen help", action="edited"),
        comment_event("/codebegen help", user_type="Bot"),
    ],
)
def test_other_comments_get_no_jobs(payload):
    assert route("issue_comment", "g", payload).jobs == ()


def test_go_on_an_issue_gets_ack_and_generate():
    requests = route("issue_comment", "g-go", comment_event("/codebegen go", on_pull=False)).jobs

    assert [r.kind for r in requests] == ["ack", "generate"]
    assert {r.payload.trigger for r in requests} == {Trigger.GO}
    assert requests[1].payload.actor == "alice"


def test_a_comment_on_a_codebegen_issue_is_routed_as_a_possible_answer():
    event = comment_event("Comments are their own thing", on_pull=False, labels=("codebegen",))
    [request] = route("issue_comment", "g-a", event).jobs

    assert request.kind == "generate"
    assert request.payload.trigger is Trigger.ANSWERED


def test_a_comment_on_an_issue_that_does_not_ask_for_codebegen_gets_no_job():
    assert route("issue_comment", "g", comment_event("nice idea", on_pull=False)).jobs == ()


def pull_event(
    *, merged: bool = True, head: str = "codebegen/issue-1-blog-api", head_repo: str = "octo/blog"
) -> dict:
    return {
        "action": "closed",
        "number": 2,
        "pull_request": {
            "number": 2,
            "merged": merged,
            "head": {"ref": head, "repo": {"full_name": head_repo}},
        },
        "repository": {"full_name": "octo/blog"},
        "sender": {"login": "alice", "type": "User"},
        "installation": {"id": 9},
    }


def test_a_merged_codebegen_pull_request_is_harvested():
    [request] = route("pull_request", "guid-m", pull_event()).jobs
    assert (request.kind, request.job_id) == ("harvest", "harvest-guid-m")
    assert (request.payload.repo, request.payload.issue_number) == ("octo/blog", 2)


@pytest.mark.parametrize(
    "payload",
    [
        pull_event(merged=False),
        pull_event(head="feature/login"),
        pull_event(head_repo="mallory/blog"),  # a fork's branch named like codebegen's
        {**pull_event(), "action": "opened"},
    ],
)
def test_other_pull_request_events_are_not_harvested(payload):
    assert route("pull_request", "g", payload).jobs == ()


def test_a_labelled_issue_records_the_hash_of_the_text_at_that_moment():
    [_, generate] = route("issues", "g", issue_event("labeled", label="codebegen")).jobs
    assert generate.payload.text_sha256 == text_sha256("Blog API", "posts and comments")


@pytest.mark.parametrize("login", ["dependabot[bot]", "codebegen[bot]"])
def test_a_delivery_whose_sender_is_a_bot_login_is_ignored(login):
    payload = issue_event("opened", labels=("codebegen",))
    payload["sender"] = {"login": login, "type": "User"}  # type aside, the login says bot
    assert route("issues", "g", payload).jobs == ()
