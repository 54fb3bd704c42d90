"""Deliveries: signed like GitHub, shaped like the recorded payloads, accepted by githubkit."""

from __future__ import annotations

import json
import re
import uuid

import pytest
from githubkit import webhooks as gk_webhooks

from bot.standin import webhooks as wh

from .conftest import GITHUB_WEBHOOK_SECRET
from .helpers import push_files

MANIFEST = {f["file"]: f for f in wh.manifest()["files"]}


def _parse_ok_in_manifest(file: str) -> bool:
    return MANIFEST[file]["githubkit_parse"].startswith("OK")


def _check_delivery(received, event: str):  # noqa: ANN001, ANN202
    h = {k.lower(): v for k, v in received.headers.items()}
    assert h["x-github-event"] == event
    uuid.UUID(h["x-github-delivery"])
    assert h["content-type"] == "application/json"
    assert h["user-agent"].startswith("GitHub-Hookshot/")
    assert h["x-hub-signature-256"].startswith("sha256=")
    assert h["x-hub-signature"].startswith("sha1=")
    assert gk_webhooks.verify(GITHUB_WEBHOOK_SECRET, received.body, h["x-hub-signature-256"])
    assert gk_webhooks.verify(GITHUB_WEBHOOK_SECRET, received.body, h["x-hub-signature"])
    assert not gk_webhooks.verify("wrong", received.body, h["x-hub-signature-256"])
    assert b": " not in received.body[:200]  # compact JSON, as GitHub sends it
    return received.json()


def _open_pr(gh, tmp_path):  # noqa: ANN001, ANN202
    """main + branch feat pushed over git, PR opened through the REST API (as the bot does)."""
    token = gh.create_token("octo/blog")
    push_files(gh.clone_url("octo/blog"), tmp_path / "w", token, "main", {"a": "1\n"})
    push_files(gh.clone_url("octo/blog"), tmp_path / "w", token, "feat", {"b": "2\n"}, base="main")
    client = gh.github("octo/blog")  # keep a reference: githubkit namespaces need a live client
    pr = client.rest.pulls.create("octo", "blog", title="t", head="feat", base="main").parsed_data
    return client, pr


def _same_shape(payload: dict, file: str) -> None:
    tmpl = wh.template(file)
    extra_ok = {"installation", "organization", "changes"}
    assert set(tmpl) - {"organization"} <= set(payload) <= set(tmpl) | extra_ok
    for key in ("issue", "comment", "pull_request", "repository", "sender", "label"):
        if key in tmpl and isinstance(tmpl[key], dict):
            assert list(payload[key]) == list(tmpl[key]), key


def test_issues_opened(gh, webhook_receiver):  # noqa: ANN001
    issue = gh.open_issue(
        "octo/blog", "/codebegen blog API", "entities: Post", user="alice", labels=["codebegen"]
    )
    assert gh.last_delivery.status == 202
    (rec,) = webhook_receiver.received
    payload = _check_delivery(rec, "issues")
    _same_shape(payload, "issues.opened.json")
    assert payload["action"] == "opened"
    assert payload["issue"]["number"] == issue.number
    assert payload["issue"]["title"] == "/codebegen blog API"
    assert payload["issue"]["user"]["login"] == "alice"
    assert payload["issue"]["author_association"] == "COLLABORATOR"
    assert [x["name"] for x in payload["issue"]["labels"]] == ["codebegen"]
    assert payload["repository"]["full_name"] == "octo/blog"
    assert payload["repository"]["clone_url"] == gh.clone_url("octo/blog")
    assert payload["installation"]["id"] == gh.installation_for("octo/blog").id
    assert payload["sender"]["login"] == "alice"
    assert "Codertocat" not in rec.body.decode() and "api.github.com" not in rec.body.decode()
    event = gk_webhooks.parse("issues", rec.body)
    assert type(event).__name__ == "WebhookIssuesOpened"
    assert event.issue.number == issue.number  # type: ignore[union-attr]


def test_owner_and_outsider_association(gh, webhook_receiver):  # noqa: ANN001
    gh.open_issue("octo/blog", "a", "b", user="octo")
    gh.open_issue("octo/blog", "a", "b", user="mallory")
    assoc = [r.json()["issue"]["author_association"] for r in webhook_receiver.received]
    assert assoc == ["OWNER", "NONE"]


def test_issue_comment_on_issue_and_pr(gh, webhook_receiver, tmp_path):  # noqa: ANN001
    issue = gh.open_issue("octo/blog", "t", "b", deliver=False)
    gh.comment("octo/blog", issue.number, "/codebegen retry", user="alice")
    payload = _check_delivery(webhook_receiver.received[-1], "issue_comment")
    _same_shape(payload, "issue_comment.created.on_issue.json")
    assert payload["comment"]["body"] == "/codebegen retry"
    assert "pull_request" not in payload["issue"]
    gk_webhooks.parse("issue_comment", webhook_receiver.received[-1].body)

    client, pr = _open_pr(gh, tmp_path)
    gh.comment("octo/blog", pr.number, "looks good", user="alice")
    payload = _check_delivery(webhook_receiver.received[-1], "issue_comment")
    assert payload["issue"]["pull_request"]["url"].endswith(f"/pulls/{pr.number}")
    event = gk_webhooks.parse("issue_comment", webhook_receiver.received[-1].body)
    assert event.issue.pull_request is not None  # type: ignore[union-attr]


def test_issues_labeled_and_edited(gh, webhook_receiver):  # noqa: ANN001
    issue = gh.open_issue("octo/blog", "t", "old body", user="alice", deliver=False)
    gh.label_issue("octo/blog", issue.number, "codebegen", user="alice")
    payload = _check_delivery(webhook_receiver.received[-1], "issues")
    assert payload["action"] == "labeled" and payload["label"]["name"] == "codebegen"
    assert gh.state.issue("octo/blog", issue.number).labels == ["codebegen"]
    gk_webhooks.parse("issues", webhook_receiver.received[-1].body)

    gh.edit_issue("octo/blog", issue.number, body="new body", user="alice")
    payload = _check_delivery(webhook_receiver.received[-1], "issues")
    assert payload["action"] == "edited"
    assert payload["changes"] == {"body": {"from": "old body"}}
    assert payload["issue"]["body"] == "new body"
    assert (
        type(gk_webhooks.parse("issues", webhook_receiver.received[-1].body)).__name__
        == "WebhookIssuesEdited"
    )


def test_pull_request_closed_merged(gh, webhook_receiver, tmp_path):  # noqa: ANN001
    client, pr = _open_pr(gh, tmp_path)
    sha = gh.merge_pull("octo/blog", pr.number, by="alice")
    payload = _check_delivery(webhook_receiver.received[-1], "pull_request")
    _same_shape(payload, "pull_request.closed.merged.DERIVED.json")
    assert payload["action"] == "closed"
    assert payload["pull_request"]["merged"] is True
    assert payload["pull_request"]["merge_commit_sha"] == sha
    assert payload["pull_request"]["merged_by"]["login"] == "alice"
    event = gk_webhooks.parse("pull_request", webhook_receiver.received[-1].body)
    assert event.pull_request.merged is True  # type: ignore[union-attr]


BUILT = (
    "issues",
    "issue_comment",
    "pull_request",
    "pull_request_review",
    "push",
    "ping",
    "installation",
)


@pytest.mark.parametrize(
    "file", sorted(f for f, s in MANIFEST.items() if s["x_github_event"] in BUILT)
)
def test_builders_accepted_where_the_recording_was(
    gh, webhook_receiver, tmp_path, file
):  # noqa: ANN001
    """Every recorded payload githubkit accepted: our filled-in version is accepted too."""
    spec = MANIFEST[file]
    event, action = spec["x_github_event"], spec["action"]
    issue = gh.open_issue("octo/blog", "t", "b", user="alice", deliver=False)
    if event == "issues":
        payload = gh.issue_payload("octo/blog", issue.number, action)
        if action == "labeled":
            payload = gh.issue_payload(
                "octo/blog",
                issue.number,
                action,
                extra={
                    "label": gh.renderer.label(
                        gh.repo("octo/blog"), gh.repo("octo/blog").labels["bug"]
                    )
                },
            )
    elif event == "issue_comment":
        if "on_pr" in file:
            client, pr = _open_pr(gh, tmp_path)
            c = gh.comment("octo/blog", pr.number, "hi", deliver=False)
        else:
            c = gh.comment("octo/blog", issue.number, "hi", deliver=False)
        payload = gh.comment_payload("octo/blog", c.id)
    elif event == "pull_request":
        client, pr = _open_pr(gh, tmp_path)
        if "merged" in file:
            gh.merge_pull("octo/blog", pr.number, deliver=False)
        elif action == "closed":
            client.rest.pulls.update("octo", "blog", pr.number, state="closed")
        payload = gh.pull_payload("octo/blog", pr.number, action)
    elif event == "ping":
        payload = gh.ping_payload("octo/blog")
    elif event == "push":
        _open_pr(gh, tmp_path)
        payload = gh.push_payload("octo/blog")
        assert payload["ref"] == "refs/heads/feat" and payload["commits"][0]["added"] == ["b"]
    elif event == "pull_request_review":
        client, pr = _open_pr(gh, tmp_path)
        client.rest.pulls.create_review("octo", "blog", pr.number, event="COMMENT", body="r")
        (review,) = gh.reviews("octo/blog", pr.number)
        payload = gh.review_payload("octo/blog", review.id)
        assert payload["review"]["state"] == "commented"
    elif event == "installation":
        payload = gh.installation_payload("octo")
        assert payload["repositories"][0]["full_name"] == "octo/blog"
    else:  # pragma: no cover
        raise AssertionError(event)
    resp = gh.deliver(event, payload)
    assert resp.status_code == 202
    body = webhook_receiver.received[-1].body
    normalized = (wh.DATA / "normalized" / file).exists()
    if _parse_ok_in_manifest(file) or normalized:
        gk_webhooks.parse(event, body)
    if event != "installation":
        assert json.loads(body)["repository"]["full_name"] == "octo/blog"


def test_redelivery_keeps_the_guid_and_forgery(gh, webhook_receiver):  # noqa: ANN001
    gh.open_issue("octo/blog", "t", "b", delivery_id="11111111-2222-3333-4444-555555555555")
    gh.redeliver()
    first, second = webhook_receiver.received
    assert (
        first.headers["X-GitHub-Delivery"]
        == second.headers["X-GitHub-Delivery"]
        == "11111111-2222-3333-4444-555555555555"
    )
    assert first.body == second.body
    # a forged delivery: signed with another secret
    gh.deliver("issues", gh.issue_payload("octo/blog", 1, "opened"), secret="not-the-secret")
    forged = webhook_receiver.received[-1]
    assert not gk_webhooks.verify(
        GITHUB_WEBHOOK_SECRET, forged.body, forged.headers["X-Hub-Signature-256"]
    )
    # malformed JSON goes out as given, still signed
    gh.deliver("issues", b"{not json")
    assert webhook_receiver.received[-1].body == b"{not json"
    assert re.fullmatch(
        r"sha256=[0-9a-f]{64}", webhook_receiver.received[-1].headers["X-Hub-Signature-256"]
    )


def test_every_recorded_payload_can_be_sent_as_is(gh, webhook_receiver):  # noqa: ANN001
    for file, spec in MANIFEST.items():
        gh.deliver(spec["x_github_event"], wh.template(file))
    assert len(webhook_receiver.received) == len(MANIFEST)


def test_org_owned_repo_payloads(gh, webhook_receiver):  # noqa: ANN001
    gh.create_repo("acme/api", owner_type="Organization")
    client = gh.github("acme/api")
    assert client.rest.repos.get("acme", "api").parsed_data.organization is not None
    issue = gh.open_issue("acme/api", "t", "b", user="alice")
    payload = _check_delivery(webhook_receiver.received[-1], "issues")
    assert payload["organization"]["login"] == "acme"
    assert payload["installation"]["id"] == gh.installation_for("acme/api").id
    assert payload["installation"]["id"] != gh.installation_for("octo/blog").id
    gh.comment("acme/api", issue.number, "x", user="alice")
    for rec in webhook_receiver.received[-2:]:
        gk_webhooks.parse(rec.headers["X-GitHub-Event"], rec.body)
    gh.add_user("bob", member_of=["acme"], permission="write")
    gh.open_issue("acme/api", "t", "b", user="bob")
    assert webhook_receiver.received[-1].json()["issue"]["author_association"] == "MEMBER"
