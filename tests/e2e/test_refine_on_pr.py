"""`/codebegen refine` on the pull request, end to end (issue 4's done-when): the GitHub stand-in,
the webhook app on a real port, real Redis, the real RQ worker, real git.

The module's fixture runs one story once (a generation and two validated refinements take a
minute or more); each test checks one thing it left behind:

1. alice opens the blog issue; the PR appears.
2. alice pushes a hand edit to a generated file the refinement does not touch, then comments
   `/codebegen refine add a Tag entity ...`: the refinement is merged, validated and pushed.
3. alice edits the line the next refinement rewrites, then asks for it: a conflict report, no push.
4. mallory (no access) comments a command: one polite reply, nothing else.
5. alice comments `/codebegen help`: the help text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from redis import Redis

from bot.standin import gitrepo
from pipeline.spec import ProjectSpec, RelationKind
from tests.e2e.harness import BLOG, REPO, Loop, running_loop
from tests.standin.fixtures import make_standin
from tests.worker.fixtures import REDIS_URL
from worker.commands import HELP_TEXT
from worker.progress import has_marker, read_marker
from worker.publish import CHECK_NAME

BRANCH = "codebegen/issue-1-blog-api"
ALICE = ("alice", "alice@users.noreply.example")
TAGS = "add a Tag entity with a unique name, and posts have many tags"
# A hand edit in a generated file that the Tag refinement leaves alone: it must survive.
KEPT_FILE = "app/routers/comments.py"
KEPT_LINE = '"""HTTP endpoints for comments, held for moderation (edited by alice)."""'
# A hand edit on the line that "make published optional on posts" rewrites: a conflict.
POST_MODEL = "app/models/post.py"
PUBLISHED_LINE = "published: Mapped["
EDITED_NOTE = "  # shown on the front page (alice)"
OVERLAPPING = "make published optional on posts"


@dataclass
class Step:
    """One comment on the PR and what the branch looked like around it."""

    comment_id: int
    head_before: str
    head_after: str
    pushes_before: int
    pushes_after: int


@dataclass
class Story:
    loop: Loop
    pr_number: int
    refined: Step
    conflicted: Step
    denied: Step
    helped: Step

    def replies_to(self, step: Step) -> list:
        return [
            c
            for c in self.loop.gh.bot_comments(REPO, self.pr_number)
            if has_marker(c.body, "reply", comment=step.comment_id)
        ]

    def read(self, ref: str, path: str) -> str:
        blob = gitrepo.read_blob(self.loop.gh.repo(REPO).path, ref, path)
        assert blob is not None, f"{path} is missing at {ref}"
        return blob.decode()


def _head(loop: Loop) -> str:
    sha = gitrepo.rev_parse(loop.gh.repo(REPO).path, f"refs/heads/{BRANCH}")
    assert sha is not None
    return sha


def _comment(loop: Loop, pr: int, body: str, *, user: str) -> Step:
    head, pushes = _head(loop), len(loop.gh.repo(REPO).pushes)
    comment = loop.gh.comment(REPO, pr, body, user=user)
    assert loop.gh.last_delivery.status == 202, loop.gh.last_delivery
    loop.run_jobs()
    return Step(comment.id, head, _head(loop), pushes, len(loop.gh.repo(REPO).pushes))


def _hand_edit(loop: Loop, path: str, *, line_with: str, new_line: str) -> str:
    """alice commits an edit of one line of a generated file on the PR branch (as her push
    would): the first line that holds `line_with` becomes `new_line`."""
    repo = loop.gh.repo(REPO)
    lines = gitrepo.read_blob(repo.path, BRANCH, path).decode().split("\n")
    index = next((i for i, line in enumerate(lines) if line_with in line), None)
    assert index is not None, f"no line of {path} holds {line_with!r}: pick another line"
    lines[index] = new_line.format(line=lines[index])
    edited = "\n".join(lines)
    return gitrepo.commit_files(repo.path, BRANCH, {path: edited}, f"Edit {path}", author=ALICE)


@pytest.fixture(scope="module")
def story(github_app_key, tmp_path_factory) -> Iterator[Story]:
    tmp = tmp_path_factory.mktemp("refine")
    gh = make_standin(github_app_key, tmp / "github")
    redis = Redis.from_url(REDIS_URL)
    redis.flushdb()
    try:
        with gh, running_loop(gh, github_app_key, redis, tmp) as loop:
            gh.open_issue(REPO, "Blog API", BLOG, user="alice", labels=["codebegen"])
            loop.run_jobs()
            [pr] = gh.pulls(REPO)

            _hand_edit(loop, KEPT_FILE, line_with='"""', new_line=KEPT_LINE)
            refined = _comment(loop, pr.number, f"/codebegen refine {TAGS}", user="alice")

            _hand_edit(loop, POST_MODEL, line_with=PUBLISHED_LINE, new_line="{line}" + EDITED_NOTE)
            conflicted = _comment(loop, pr.number, f"/codebegen refine {OVERLAPPING}", user="alice")

            denied = _comment(
                loop, pr.number, "/codebegen refine add a Like entity", user="mallory"
            )
            helped = _comment(loop, pr.number, "/codebegen help", user="alice")
            yield Story(loop, pr.number, refined, conflicted, denied, helped)
    finally:
        redis.flushdb()
        redis.close()


# --- 2. a refinement on top of a hand edit -------------------------------------------------


def test_the_refine_comment_gets_eyes(story: Story):
    reactions = story.loop.gh.state.reactions_on_comment(story.refined.comment_id)
    assert [r.content for r in reactions] == ["eyes"]


def test_the_refinement_is_pushed_as_a_new_commit_on_the_branch(story: Story):
    step = story.refined
    assert step.head_after != step.head_before
    assert step.pushes_after == step.pushes_before + 1
    path = story.loop.gh.repo(REPO).path
    message = gitrepo.git_out(path, "log", "-1", "--format=%B", step.head_after)
    assert message.startswith(f"codebegen refine: {TAGS}")


def test_the_pushed_project_has_the_tag_entity_and_the_posts_tags_relation(story: Story):
    head = story.refined.head_after
    assert "class Tag(" in story.read(head, "app/models/tag.py")
    spec = ProjectSpec.from_yaml(story.read(head, "codebegen.yaml"))
    [tag] = [e for e in spec.entities if e.name == "Tag"]
    assert [f.unique for f in tag.fields if f.name == "name"] == [True]
    assert any(
        (r.kind, r.source, r.target) == (RelationKind.MANY_TO_MANY, "Post", "Tag")
        for r in spec.relations
    )


def test_the_hand_edit_survives_the_refinement(story: Story):
    assert KEPT_LINE in story.read(story.refined.head_after, KEPT_FILE)


def test_the_reply_describes_spec_changes_files_and_validation(story: Story):
    [reply] = story.replies_to(story.refined)
    body = reply.body
    assert "@alice" in body
    assert "**Spec changes:**" in body and "added entity Tag" in body
    assert "Post ↔ Tag" in body
    assert "**Files:**" in body and "`app/models/tag.py`" in body
    assert "Validation passed" in body
    assert f"Pushed {story.refined.head_after[:7]}" in body


def test_a_check_run_reports_validation_on_the_new_head(story: Story):
    [check] = story.loop.gh.check_runs(REPO, story.refined.head_after)
    assert (check.name, check.status, check.conclusion) == (CHECK_NAME, "completed", "success")


# --- 3. an overlapping hand edit -----------------------------------------------------------


def test_an_overlapping_edit_is_reported_as_a_conflict_with_file_and_lines(story: Story):
    [reply] = story.replies_to(story.conflicted)
    assert "Nothing was changed" in reply.body
    assert f"`{POST_MODEL}` line " in reply.body
    assert "Spec changes (not applied)" in reply.body


def test_an_overlapping_edit_pushes_nothing(story: Story):
    step = story.conflicted
    assert step.head_after == step.head_before  # the hand edit is still the head
    assert step.pushes_after == step.pushes_before
    assert EDITED_NOTE in story.read(step.head_after, POST_MODEL)
    assert story.loop.gh.check_runs(REPO, step.head_after) == []


# --- 4. and 5. people without access, and help ---------------------------------------------


def test_a_commenter_without_write_access_gets_one_polite_reply_and_nothing_else(story: Story):
    step = story.denied
    denials = [
        c
        for c in story.loop.gh.bot_comments(REPO, story.pr_number)
        if read_marker(c.body, "denied") is not None
    ]
    assert len(denials) == 1 and "@mallory" in denials[0].body
    assert "won't act on this comment" in denials[0].body  # worded for a PR, not an issue
    assert story.loop.gh.state.reactions_on_comment(step.comment_id) == []
    assert (step.head_after, step.pushes_after) == (step.head_before, step.pushes_before)
    assert story.replies_to(step) == []


def test_help_is_answered_with_the_list_of_commands(story: Story):
    [reply] = story.replies_to(story.helped)
    assert HELP_TEXT in reply.body
    reactions = story.loop.gh.state.reactions_on_comment(story.helped.comment_id)
    assert [r.content for r in reactions] == ["eyes"]
    assert story.helped.head_after == story.helped.head_before
