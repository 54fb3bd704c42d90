"""bot/github.py against the stand-in: App JWT -> installation token, errors mapped for retries."""

from __future__ import annotations

import pytest

from bot.github import GitHubApp
from bot.standin import gitrepo
from tests.standin.fixtures import GITHUB_APP_ID
from worker import redact
from worker.ports import CheckOutput, GitHubError, ReviewComment, TransientError

REPO = "octo/blog"


@pytest.fixture
def gh(github_standin):
    github_standin.create_repo(REPO, empty=False)
    github_standin.add_user("alice", permission="write")
    github_standin.add_user("rita", permission="read")
    return github_standin


@pytest.fixture
def app(gh, github_app_key) -> GitHubApp:
    return GitHubApp(
        app_id=GITHUB_APP_ID, private_key=github_app_key.private_pem, base_url=gh.api_url
    )


def token_requests(gh) -> int:
    return len(gh.requests("POST", "/app/installations/*/access_tokens"))


def test_one_installation_token_serves_many_calls_until_near_expiry(gh, app):
    installation = app.for_installation(None, repo=REPO)  # looked up from the repository
    for _ in range(3):
        installation.repo(REPO)
    assert installation.token() == installation.token()
    assert token_requests(gh) == 1
    assert installation.token() in gh.state.tokens
    assert redact.redact(installation.token()) == "***"  # registered for masking


def test_a_revoked_token_is_forgotten_and_the_call_retried_by_the_job(gh, app):
    installation = app.for_installation(gh.installation_for(REPO).id, repo=REPO)
    installation.repo(REPO)
    gh.expire_tokens()

    with pytest.raises(TransientError):
        installation.repo(REPO)
    assert installation.repo(REPO).full_name == REPO
    assert token_requests(gh) == 2


def test_server_errors_and_secondary_rate_limits_are_transient(gh, app):
    installation = app.for_installation(None, repo=REPO)
    gh.fail_next("GET", f"/repos/{REPO}", status=502)
    with pytest.raises(TransientError) as info:
        installation.repo(REPO)
    assert info.value.retry_after is None

    gh.fail_secondary_rate_limit("GET", f"/repos/{REPO}", retry_after=7)
    with pytest.raises(TransientError) as info:
        installation.repo(REPO)
    assert info.value.retry_after == 7


def test_client_errors_are_final(gh, app):
    installation = app.for_installation(None, repo=REPO)
    with pytest.raises(GitHubError) as info:
        installation.issue(REPO, 999)
    assert info.value.status == 404


def test_permission_levels_come_from_the_collaborator_api(gh, app):
    installation = app.for_installation(None, repo=REPO)
    assert installation.permission(REPO, "alice") == "write"
    assert installation.permission(REPO, "rita") == "read"
    assert installation.permission(REPO, "octo") == "admin"  # the owner
    assert installation.permission(REPO, "nobody-at-all") == "none"


def test_a_text_file_is_read_at_the_default_branch_or_a_ref(gh, app):
    installation = app.for_installation(None, repo=REPO)
    settings = "permission: maintain\n# café\n" * 40  # longer than one base64 line, not ASCII
    gh.commit(REPO, "main", {".github/codebegen.yml": settings}, "settings")
    gh.commit(REPO, "other", {".github/codebegen.yml": "permission: admin\n"}, "elsewhere")
    assert installation.file_text(REPO, ".github/codebegen.yml") == settings
    assert (
        installation.file_text(REPO, ".github/codebegen.yml", ref="other") == "permission: admin\n"
    )
    assert installation.file_text(REPO, ".github/nothing.yml") is None
    assert installation.file_text(REPO, ".github") is None  # a directory is not a file
    assert installation.file_text(REPO, "README.md", ref="no-such-branch") is None
    gh.create_repo("octo/empty")
    assert installation.file_text("octo/empty", ".github/codebegen.yml") is None


def test_comments_are_created_edited_and_found_again(gh, app):
    installation = app.for_installation(None, repo=REPO)
    issue = gh.open_issue(REPO, "t", "b", user="alice", deliver=False)
    made = installation.create_comment(REPO, issue.number, "first")
    installation.update_comment(REPO, made.id, "second")

    [found] = installation.comments(REPO, issue.number)
    assert (found.id, found.body, found.author, found.author_is_bot) == (
        made.id,
        "second",
        gh.bot_login,
        True,
    )
    installation.react_to_comment(REPO, made.id, "eyes")
    assert [r.content for r in gh.state.reactions if r.subject_id == made.id] == ["eyes"]


def test_pull_request_review_and_check_run_round_trip(gh, app):
    installation = app.for_installation(None, repo=REPO)
    path = gh.repo(REPO).path
    main = gitrepo.rev_parse(path, "refs/heads/main")
    sha = gitrepo.commit_files(path, "feature", {"app.py": "a = 1\nb = 2\n"}, "f", parent=main)
    pull = installation.create_pull(
        REPO, title="t", head="feature", base="main", body="b", draft=True
    )

    assert installation.find_pull(REPO, "feature") == pull
    assert (pull.head_sha, pull.draft) == (sha, True)
    installation.create_review(
        REPO,
        pull.number,
        commit_id=sha,
        body="r",
        comments=[ReviewComment(path="app.py", line=2, start_line=1, body="look")],
    )
    [review] = installation.reviews(REPO, pull.number)
    assert review.commit_id == sha
    [inline] = installation.review_comments(REPO, pull.number)
    assert (inline.path, inline.line, inline.start_line, inline.body) == ("app.py", 2, 1, "look")
    assert installation.pull(REPO, pull.number) == pull
    run = installation.create_check_run(
        REPO,
        name="codebegen / validation",
        head_sha=sha,
        conclusion=None,
        output=CheckOutput(title="running", summary="..."),
    )
    assert run.status == "in_progress"
    installation.update_check_run(
        REPO, run.id, conclusion="success", output=CheckOutput(title="ok", summary="ok")
    )
    found = installation.find_check_run(REPO, sha, "codebegen / validation")
    assert (found.id, found.status, found.conclusion) == (run.id, "completed", "success")
