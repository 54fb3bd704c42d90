"""PR conversation jobs: a fake GitHub (in memory), real git (a bare repository as the remote,
the real GitOps), real Redis (db 2) for the per-PR lock, and the real refinement engine."""

from __future__ import annotations

import functools
import itertools
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from redis import Redis

from bot.commands import HELP_TEXT
from bot.gitops import GitOps
from pipeline.refine import GENERATED_TRAILER
from pipeline.render import render_project
from pipeline.spec import spec_from_dict
from pipeline.validate import CheckResult, CheckStatus, ValidationReport
from tests.worker.fixtures import own_database
from worker import context, conversation
from worker.ports import (
    CheckOutput,
    CheckRun,
    Comment,
    GitAuthor,
    Issue,
    Pull,
    Repo,
    Review,
    ReviewComment,
)

REDIS_URL = os.environ.get(
    "CODEBEGEN_TEST_REDIS_URL_CONVERSATION", f"redis://127.0.0.1:6379/{own_database(2)}"
)
REPO = "octo/blog"
BRANCH = "codebegen/issue-1-blog-api"
BOT = "codebegen[bot]"
BLOG = {
    "name": "blog-api",
    "auth": "jwt",
    "entities": [
        {"name": "Post", "fields": [{"name": "title"}, {"name": "body", "type": "text"}]},
        {"name": "Comment", "fields": [{"name": "body", "type": "text"}]},
    ],
    "relations": [{"kind": "many_to_one", "source": "Comment", "target": "Post"}],
}


@dataclass
class FakeGitHub:
    """The GitHubPort (plus ConversationPort's additions) over in-memory state."""

    remote: Path
    permissions: dict[str, str] = field(default_factory=lambda: {"alice": "write"})
    comments_: list[Comment] = field(default_factory=list)
    reactions: list[tuple[int, str]] = field(default_factory=list)
    reviews_: list[tuple[Review, list[ReviewComment]]] = field(default_factory=list)
    checks: list[tuple[CheckRun, CheckOutput]] = field(default_factory=list)
    ids: Iterator[int] = field(default_factory=lambda: itertools.count(100))

    def for_installation(self, installation_id: int | None, *, repo: str) -> FakeGitHub:
        return self

    def token(self) -> str:
        return "ghs_test"

    def repo(self, repo: str) -> Repo:
        return Repo(repo, "main", str(self.remote), "https://github.test/octo/blog")

    def issue(self, repo: str, number: int) -> Issue:
        return Issue(number, "Blog", "", "alice", "OWNER", "open", True, "https://x/pull/5")

    def permission(self, repo: str, login: str) -> str:
        return self.permissions.get(login, "none")

    def file_text(self, repo: str, path: str, *, ref: str | None = None) -> str | None:
        shown = subprocess.run(["git", "-C", str(self.remote), "show", f"{ref or 'main'}:{path}"],
                               capture_output=True, text=True)  # fmt: skip
        return shown.stdout if shown.returncode == 0 else None

    def comments(self, repo: str, number: int) -> list[Comment]:
        return list(self.comments_)

    def add_comment(self, author: str, body: str) -> Comment:
        c = Comment(next(self.ids), body, author, author == BOT, "https://x/c")
        self.comments_.append(c)
        return c

    def create_comment(self, repo: str, number: int, body: str) -> Comment:
        return self.add_comment(BOT, body)

    def update_comment(self, repo: str, comment_id: int, body: str) -> Comment:
        i = next(i for i, c in enumerate(self.comments_) if c.id == comment_id)
        self.comments_[i] = replace(self.comments_[i], body=body)
        return self.comments_[i]

    def react(self, repo: str, number: int, content: str) -> None:
        raise AssertionError("commands are reacted to on the comment")

    def react_to_comment(self, repo: str, comment_id: int, content: str) -> None:
        self.reactions.append((comment_id, content))

    def pull(self, repo: str, number: int) -> Pull:
        sha = git(self.remote, "rev-parse", BRANCH).strip()
        return Pull(
            number,
            "https://x/pull/5",
            BRANCH,
            sha,
            "main",
            "open",
            False,
            head_repo=repo,
            base_repo=repo,
        )

    def reviews(self, repo: str, number: int) -> list[Review]:
        return [r for r, _ in self.reviews_]

    def review_comments(self, repo: str, number: int) -> list[ReviewComment]:
        return [c for _, cs in self.reviews_ for c in cs]

    def create_review(
        self, repo: str, number: int, *, commit_id: str, body: str, comments: list[ReviewComment]
    ) -> Review:
        review = Review(next(self.ids), body, commit_id, BOT)
        self.reviews_.append((review, comments))
        return review

    def find_check_run(self, repo: str, head_sha: str, name: str) -> CheckRun | None:
        return next((c for c, _ in self.checks if c.head_sha == head_sha), None)

    def create_check_run(self, repo: str, *, name: str, head_sha: str, conclusion: str | None,
                         output: CheckOutput, details_url: str | None = None) -> CheckRun:  # fmt: skip
        run = CheckRun(next(self.ids), name, head_sha, "completed", conclusion)
        self.checks.append((run, output))
        return run

    def update_check_run(self, repo: str, check_run_id: int, *, conclusion: str,
                         output: CheckOutput) -> CheckRun:  # fmt: skip
        raise AssertionError("not expected in these tests")


def git(path: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "P", "GIT_AUTHOR_EMAIL": "p@example.com",
           "GIT_COMMITTER_NAME": "P", "GIT_COMMITTER_EMAIL": "p@example.com"}  # fmt: skip
    return subprocess.run(
        ["git", "-C", str(path), *args], check=True, capture_output=True, text=True, env=env
    ).stdout


@functools.cache
def blog_files() -> dict[str, str]:
    return render_project(spec_from_dict(BLOG))


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    """A bare repository with `main` and the PR branch holding the generated project."""
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    work = tmp_path / "seed"
    git(tmp_path, "init", "-q", "-b", "main", str(work))
    (work / "LICENSE").write_text("MIT\n")
    git(work, "add", "-A")
    git(work, "commit", "-qm", "initial")
    git(work, "checkout", "-qb", BRANCH)
    for path, text in blog_files().items():
        (work / path).parent.mkdir(parents=True, exist_ok=True)
        (work / path).write_text(text)
    git(work, "add", "-A")
    git(work, "commit", "-qm", f"Generate Blog API from #1\n\n{GENERATED_TRAILER}")
    git(work, "push", "-q", str(bare), "main", BRANCH)
    return bare


@pytest.fixture
def gh(remote: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGitHub]:
    redis = Redis.from_url(REDIS_URL)
    redis.flushdb()
    fake = FakeGitHub(remote)
    author = GitAuthor(BOT, "1+codebegen[bot]@users.noreply.github.com")
    context.install(context.Context(fake, GitOps(), redis, tmp_path / "work", author, BOT))
    # validation runs the project's tests in the sandbox (about half a minute): these tests
    # check the conversation, and the refinement tests check validation
    monkeypatch.setattr(conversation, "refine_project",
                        functools.partial(conversation.refine_project, validate=False))  # fmt: skip
    monkeypatch.setattr(conversation, "regenerate_project",
                        functools.partial(conversation.regenerate_project, validate=False))  # fmt: skip
    try:
        yield fake
    finally:
        context.uninstall()
        redis.flushdb()
        redis.close()


def say(gh: FakeGitHub, body: str, author: str = "alice") -> str:
    comment = gh.add_comment(author, body)
    return conversation.conversation(
        repo=REPO, installation_id=1, issue_number=5, comment_id=comment.id,
        delivery_id=f"d-{comment.id}", actor=author,
    )  # fmt: skip


def replies(gh: FakeGitHub) -> list[str]:
    return [c.body for c in gh.comments_ if c.author == BOT and "codebegen:reply" in c.body]


def branch_file(remote: Path, path: str) -> str:
    return git(remote, "show", f"{BRANCH}:{path}")


def push_hand_edit(remote: Path, tmp_path: Path, path: str, old: str, new: str) -> None:
    work = tmp_path / "person"
    git(tmp_path, "clone", "-q", "-b", BRANCH, str(remote), str(work))
    text = (work / path).read_text()
    (work / path).write_text(text.replace(old, new, 1))
    git(work, "commit", "-qam", "hand edit")
    git(work, "push", "-q", "origin", BRANCH)


def test_refine_pushes_keeps_the_hand_edit_and_replies(
    gh: FakeGitHub, remote: Path, tmp_path: Path
) -> None:
    push_hand_edit(remote, tmp_path, "app/main.py", '"""The FastAPI', '"""Our blog. The FastAPI')
    outcome = say(
        gh, "/codebegen refine add a Tag entity with a unique name, and posts have many tags"
    )
    assert outcome == "applied"
    assert (gh.comments_[0].id, "eyes") in gh.reactions
    assert branch_file(remote, "app/main.py").startswith('"""Our blog.')
    assert "- name: Tag" in branch_file(remote, "codebegen.yaml")
    assert branch_file(remote, "LICENSE") == "MIT\n"
    (reply,) = replies(gh)
    assert "added entity Tag" in reply and "`app/models/tag.py`" in reply and "@alice" in reply
    ((review, _),) = gh.reviews_
    assert git(remote, "rev-parse", BRANCH).strip() in review.body  # reviewed the new head
    summaries = [c for c in gh.comments_ if "codebegen:review-summary" in c.body]
    assert len(summaries) == 1


def test_overlapping_edit_is_reported_and_nothing_is_pushed(
    gh: FakeGitHub, remote: Path, tmp_path: Path
) -> None:
    body = "    body: Mapped[str] = mapped_column(Text)\n"
    push_hand_edit(
        remote, tmp_path, "app/models/post.py", body, body.replace("Text)", "Text, default='')")
    )
    head = git(remote, "rev-parse", BRANCH)
    assert say(gh, "/codebegen refine add a published flag to posts") == "conflicts"
    assert git(remote, "rev-parse", BRANCH) == head
    (reply,) = replies(gh)
    assert "Nothing was changed" in reply and "`app/models/post.py`" in reply
    assert gh.reviews_ == []


def test_two_refinements_apply_one_on_top_of_the_other(gh: FakeGitHub, remote: Path) -> None:
    assert say(gh, "/codebegen refine add a published flag to posts") == "applied"
    assert say(gh, "/codebegen refine add a Tag entity with a unique name") == "applied"
    spec = branch_file(remote, "codebegen.yaml")
    assert "published" in spec and "Tag" in spec


def test_help_and_unknown_commands_get_a_reply_and_no_work(gh: FakeGitHub) -> None:
    assert say(gh, "/codebegen help") == "answered help"
    assert say(gh, "/codebegen deploy") == "answered unknown"
    first, second = replies(gh)
    assert HELP_TEXT in first and "`/codebegen deploy`" in second
    assert gh.reviews_ == []


def test_a_comment_is_answered_once(gh: FakeGitHub) -> None:
    comment = gh.add_comment("alice", "/codebegen help")
    kwargs = dict(repo=REPO, installation_id=1, issue_number=5, comment_id=comment.id,
                  delivery_id="d", actor="alice")  # fmt: skip
    conversation.conversation(**kwargs)
    assert conversation.conversation(**kwargs) == "skipped: already answered"
    assert len(replies(gh)) == 1


def test_people_without_write_access_get_one_polite_reply(gh: FakeGitHub, remote: Path) -> None:
    head = git(remote, "rev-parse", BRANCH)
    assert say(gh, "/codebegen refine use sqlite", author="mallory") == "denied"
    assert say(gh, "/codebegen refine use sqlite", author="mallory") == "denied"
    assert len([c for c in gh.comments_ if c.author == BOT]) == 1
    assert gh.reactions == [] and git(remote, "rev-parse", BRANCH) == head


def test_review_twice_adds_no_duplicate_comments_and_edits_the_summary(
    gh: FakeGitHub, remote: Path, tmp_path: Path
) -> None:
    insecure = 'SECRET_KEY = "s3cr3t-value"\n'
    work = tmp_path / "person"
    git(tmp_path, "clone", "-q", "-b", BRANCH, str(remote), str(work))
    (work / "app" / "extra.py").write_text(insecure)
    git(work, "add", "-A")
    git(work, "commit", "-qm", "a secret")
    git(work, "push", "-q", "origin", BRANCH)
    assert say(gh, "/codebegen review") == "reviewed"
    ((review, comments),) = gh.reviews_
    assert [(c.path, c.line) for c in comments] == [("app/extra.py", 1)]
    assert "**CBG105**" in comments[0].body
    summary = next(c for c in gh.comments_ if "codebegen:review-summary" in c.body)
    # the same head again: no second review; a new head: no second comment on that line
    assert say(gh, "/codebegen review") == "reviewed"
    assert len(gh.reviews_) == 1
    assert say(gh, "/codebegen refine add a published flag to posts") == "applied"
    assert len(gh.reviews_) == 2 and gh.reviews_[1][1] == []
    summaries = [c for c in gh.comments_ if "codebegen:review-summary" in c.body]
    assert [c.id for c in summaries] == [summary.id]  # edited in place, not re-posted


def test_check_run_carries_the_findings_as_annotations(gh: FakeGitHub) -> None:
    from pipeline.review import Finding

    report = ValidationReport(checks=[CheckResult(name="ruff", status=CheckStatus.PASSED)])
    finding = Finding(path="app/x.py", line=2, severity="error", rule="CBG105", message="m")
    conversation.publish_check_run(gh, REPO, "abc", report, [finding], "https://x/pull/5")
    ((run, output),) = gh.checks
    assert run.conclusion == "success" and run.head_sha == "abc"
    assert [(a.path, a.start_line, a.level, a.title) for a in output.annotations] == [
        ("app/x.py", 2, "failure", "CBG105")
    ]


def push_config(remote: Path, tmp_path: Path, text: str) -> None:
    """A maintainer commits .github/codebegen.yml on main (where the bot reads it)."""
    work = tmp_path / "maintainer"
    git(tmp_path, "clone", "-q", "-b", "main", str(remote), str(work))
    (work / ".github").mkdir()
    (work / ".github" / "codebegen.yml").write_text(text)
    git(work, "add", "-A")
    git(work, "commit", "-qm", "codebegen settings")
    git(work, "push", "-q", "origin", "main")


def test_the_repository_can_ask_for_more_than_write_access(
    gh: FakeGitHub, remote: Path, tmp_path: Path
) -> None:
    push_config(remote, tmp_path, "permission: maintain\n")
    gh.permissions["maya"] = "maintain"
    head = git(remote, "rev-parse", BRANCH)
    assert say(gh, "/codebegen refine add a published flag to posts") == "denied"
    (denied,) = [c.body for c in gh.comments_ if "codebegen:denied" in c.body]
    assert "people with maintain access" in denied
    assert git(remote, "rev-parse", BRANCH) == head
    assert say(gh, "/codebegen refine add a published flag to posts", author="maya") == "applied"


def test_an_invalid_repository_config_is_answered_and_nothing_is_changed(
    gh: FakeGitHub, remote: Path, tmp_path: Path
) -> None:
    push_config(remote, tmp_path, "permision: admin\n")  # a typo must not mean "default"
    head = git(remote, "rev-parse", BRANCH)
    assert say(gh, "/codebegen refine add a published flag to posts") == "config_error"
    (reply,) = replies(gh)
    assert ".github/codebegen.yml is not valid" in reply and "`permision`" in reply
    assert git(remote, "rev-parse", BRANCH) == head and gh.reviews_ == []
    assert say(gh, "/codebegen refine add a published flag", author="mallory") == "denied"
    assert len(replies(gh)) == 1  # people without access never see the settings' problems
