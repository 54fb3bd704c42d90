"""worker/access.py: one decision for every trigger, from the actor's permission and the
repository's `permission` setting. A recording port stands in for GitHub (the end-to-end tests
in tests/e2e/test_access.py run the same decision through the stand-in)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from worker import access
from worker.access import Verdict, decide
from worker.ports import Comment, Issue, Pull

BOT = "codebegen-test[bot]"


@dataclass
class Port:
    """Only what `access` calls: file_text, permission, create_comment, update_comment."""

    levels: dict[str, str]
    settings: str | None = None
    asked: list[str] = field(default_factory=list)
    posted: list[str] = field(default_factory=list)

    def file_text(self, repo: str, path: str, *, ref: str | None = None) -> str | None:
        return self.settings

    def permission(self, repo: str, login: str) -> str:
        self.asked.append(login)
        return self.levels.get(login, "none")

    def create_comment(self, repo: str, number: int, body: str) -> Comment:
        self.posted.append(body)
        return Comment(len(self.posted), body, BOT, True, "")

    def update_comment(self, repo: str, comment_id: int, body: str) -> Comment:
        self.posted.append(body)
        return Comment(comment_id, body, BOT, True, "")


def _issue(author: str, association: str) -> Issue:
    return Issue(7, "Blog", "posts", author, association, "open", False, "")


@pytest.mark.parametrize(
    ("permission", "least", "verdict"),
    [
        ("none", "write", Verdict.TOO_LOW),
        ("read", "write", Verdict.TOO_LOW),
        ("triage", "write", Verdict.TOO_LOW),
        ("write", "write", Verdict.ALLOWED),
        ("maintain", "write", Verdict.ALLOWED),
        ("admin", "write", Verdict.ALLOWED),
        ("write", "maintain", Verdict.TOO_LOW),
        ("maintain", "maintain", Verdict.ALLOWED),
        ("maintain", "admin", Verdict.TOO_LOW),
        ("admin", "admin", Verdict.ALLOWED),
        ("superuser", "write", Verdict.TOO_LOW),  # a level GitHub never sends is no level
    ],
)
def test_decision_follows_permission_and_setting(permission, least, verdict):
    assert decide("alice", permission, least=least) is verdict


@pytest.mark.parametrize("login", ["dependabot[bot]", "Some-App[BOT]", BOT, ""])
def test_bots_and_the_app_itself_never_trigger_even_as_admin(login):
    assert decide(login, "admin", bot_login=BOT) is Verdict.BOT


@pytest.mark.parametrize("level", ["read", "triage"])
def test_a_collaborator_association_does_not_stand_for_write_access(level):
    # GitHub marks read and triage collaborators COLLABORATOR and org members MEMBER
    port = Port({"carol": level})
    for association in ("COLLABORATOR", "MEMBER", "OWNER"):
        issue = _issue("carol", association)
        assert access.admit(port, "octo/blog", issue, actor="carol", ours=[]) == "denied"
    assert port.asked == ["carol"] * 3


def test_a_bot_is_refused_without_asking_github_or_replying():
    port = Port({BOT: "admin"})
    outcome = access.admit(
        port, "octo/blog", _issue("alice", "OWNER"), actor=BOT, ours=[], bot_login=BOT
    )
    assert outcome == "denied: a bot"
    assert port.asked == [] and port.posted == []


def test_the_repository_setting_raises_the_bar():
    port = Port({"wes": "write", "maya": "maintain"}, settings="permission: maintain\n")
    issue = _issue("wes", "COLLABORATOR")
    assert access.admit(port, "octo/blog", issue, actor="wes", ours=[]) == "denied"
    assert "maintain access" in port.posted[0]
    config, error = access.admit(port, "octo/blog", issue, actor="maya", ours=[])  # type: ignore[misc]
    assert config.permission == "maintain" and error is None


def test_an_edit_refused_on_an_issue_in_progress_is_answered_in_one_comment():
    port = Port({})
    progress = Comment(1, "<!-- codebegen:progress state=started -->", BOT, True, "")
    issue = _issue("mallory", "NONE")
    first = access.admit(
        port, "octo/blog", issue, actor="mallory", ours=[progress], edit_sha256="a" * 64
    )
    assert first == "denied: edit not built"
    [reply] = port.posted
    assert "@mallory edited this issue" in reply and "will not build" in reply
    again = Comment(2, reply, BOT, True, "")
    access.admit(
        port, "octo/blog", issue, actor="mallory", ours=[progress, again], edit_sha256="b" * 64
    )
    assert len(port.posted) == 2 and "text=bbbbbbbbbbbb" in port.posted[1]  # edited in place


@pytest.mark.parametrize(
    ("head_repo", "head_ref", "ours"),
    [
        ("octo/blog", "codebegen/issue-1-blog-api", True),
        ("Octo/Blog", "codebegen/issue-1-blog-api", True),
        ("mallory/blog", "codebegen/issue-1-blog-api", False),  # a fork, named like ours
        ("mallory/blog", "main", False),  # a fork's main: never the base's main
        ("octo/blog", "main", False),
        ("octo/blog", "feature/login", False),
        ("", "codebegen/issue-1-blog-api", False),  # the fork was deleted
    ],
)
def test_commands_act_only_on_codebegen_branches_of_the_repository(head_repo, head_ref, ours):
    pull = Pull(5, "", head_ref, "abc", "main", "open", False, head_repo=head_repo)
    assert access.is_codebegen_pull(pull, "octo/blog") is ours
