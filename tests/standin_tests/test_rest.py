"""githubkit against the stand-in: every response parses with githubkit's own models."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from githubkit.exception import RequestFailed
from githubkit_schemas.latest import models as m

from .helpers import push_files, validate


@pytest.fixture
def app_client(gh):  # noqa: ANN001, ANN201
    return gh.github()


@pytest.fixture
def client(gh):  # noqa: ANN001, ANN201
    return gh.github("octo/blog")


def _pr_ready(gh, tmp_path):  # noqa: ANN001, ANN202
    """main with one commit, branch feat with two new files (as the bot would push them)."""
    token = gh.create_token("octo/blog")
    wd = tmp_path / "w"
    push_files(gh.clone_url("octo/blog"), wd, token, "main", {"README.md": "# blog\n"})
    sha = push_files(
        gh.clone_url("octo/blog"),
        wd,
        token,
        "codebegen/issue-1-blog",
        {
            "app/main.py": "import fastapi\n\napp = fastapi.FastAPI()\n",
            "README.md": "# blog\n\nrun it\n",
        },
        base="main",
    )
    return sha


def test_app_endpoints_parse(gh, app_client):  # noqa: ANN001
    app = app_client.rest.apps.get_authenticated()
    validate(m.Integration, app.json())
    assert app.parsed_data.slug == "codebegen"

    insts = app_client.rest.apps.list_installations()
    validate(list[m.Installation], insts.json())
    inst = app_client.rest.apps.get_repo_installation("octo", "blog")
    validate(m.Installation, inst.json())
    assert inst.parsed_data.account.login == "octo"  # type: ignore[union-attr]

    tok = app_client.rest.apps.create_installation_access_token(inst.parsed_data.id)
    assert tok.status_code == 201
    validate(m.InstallationToken, tok.json())
    # exactly %Y-%m-%dT%H:%M:%SZ: githubkit's installation auth parses it with strptime
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", tok.parsed_data.expires_at)
    datetime.strptime(tok.parsed_data.expires_at, "%Y-%m-%dT%H:%M:%SZ")
    assert tok.parsed_data.token.startswith("ghs_")


def test_token_narrowing(gh, app_client):  # noqa: ANN001
    inst = gh.installation_for("octo/blog")
    tok = app_client.rest.apps.create_installation_access_token(
        inst.id, repositories=["blog"], permissions={"issues": "read"}
    ).parsed_data
    assert tok.repository_selection == "selected"
    assert tok.repositories and tok.repositories[0].full_name == "octo/blog"
    with pytest.raises(RequestFailed) as err:
        app_client.rest.apps.create_installation_access_token(
            inst.id, permissions={"administration": "write"}
        )
    assert err.value.response.status_code == 422


def test_repo_and_permissions(gh, client):  # noqa: ANN001
    repo = client.rest.repos.get("octo", "blog")
    validate(m.FullRepository, repo.json())
    assert repo.parsed_data.default_branch == "main"
    assert repo.parsed_data.size == 0  # empty: no commits

    for login, perm in (
        ("octo", "admin"),
        ("alice", "write"),
        ("rita", "read"),
        ("mallory", "none"),
    ):
        resp = client.rest.repos.get_collaborator_permission_level("octo", "blog", login)
        validate(m.RepositoryCollaboratorPermission, resp.json())
        assert resp.parsed_data.permission == perm, login
    with pytest.raises(RequestFailed) as err:
        client.rest.repos.get_collaborator_permission_level("octo", "blog", "nobody-here")
    assert err.value.response.status_code == 404
    assert set(err.value.response.json()) >= {"message", "documentation_url"}


def test_issues_comments_reactions_labels(gh, client):  # noqa: ANN001
    issue = gh.open_issue("octo/blog", "/codebegen a blog", "spec", user="alice", deliver=False)
    got = client.rest.issues.get("octo", "blog", issue.number)
    validate(m.Issue, got.json())
    assert got.parsed_data.author_association == "COLLABORATOR"
    assert gh.renderer.association(gh.repo("octo/blog"), "octo") == "OWNER"

    created = client.rest.issues.create("octo", "blog", title="by the app", body="x")
    validate(m.Issue, created.json())
    assert created.parsed_data.number == issue.number + 1
    assert created.parsed_data.user.login == "codebegen[bot]"  # type: ignore[union-attr]

    c = client.rest.issues.create_comment("octo", "blog", issue.number, body="working on it")
    assert c.status_code == 201
    validate(m.IssueComment, c.json())
    assert c.parsed_data.user.type == "Bot"  # type: ignore[union-attr]
    edited = client.rest.issues.update_comment(
        "octo", "blog", c.parsed_data.id, body="- [x] spec understood"
    )
    validate(m.IssueComment, edited.json())
    listed = client.rest.issues.list_comments("octo", "blog", issue.number)
    validate(list[m.IssueComment], listed.json())
    assert [x.body for x in listed.parsed_data] == ["- [x] spec understood"]
    stored = gh.state.comments[c.parsed_data.id]
    assert [e.body for e in stored.history] == ["working on it", "- [x] spec understood"]

    r1 = client.rest.reactions.create_for_issue("octo", "blog", issue.number, content="eyes")
    assert r1.status_code == 201
    validate(m.Reaction, r1.json())
    r2 = client.rest.reactions.create_for_issue("octo", "blog", issue.number, content="eyes")
    assert r2.status_code == 200  # same user + content: the existing reaction
    rc = client.rest.reactions.create_for_issue_comment(
        "octo", "blog", c.parsed_data.id, content="rocket"
    )
    validate(m.Reaction, rc.json())
    assert gh.reactions("octo/blog", issue.number) == ["eyes"]
    assert [x.content for x in gh.state.reactions_on_comment(c.parsed_data.id)] == ["rocket"]
    assert client.rest.issues.get("octo", "blog", issue.number).parsed_data.reactions.eyes == 1  # type: ignore[union-attr]

    labels = client.rest.issues.add_labels(
        "octo", "blog", issue.number, labels=["codebegen", "bug"]
    )
    validate(list[m.Label], labels.json())
    assert {x.name for x in labels.parsed_data} == {"codebegen", "bug"}
    assert gh.state.issue("octo/blog", issue.number).labels == ["codebegen", "bug"]


def test_comment_body_limit(gh, client):  # noqa: ANN001
    issue = gh.open_issue("octo/blog", "t", "b", deliver=False)
    with pytest.raises(RequestFailed) as err:
        client.rest.issues.create_comment("octo", "blog", issue.number, body="x" * 65537)
    assert err.value.response.status_code == 422


def test_pulls_reviews_checks(gh, client, tmp_path):  # noqa: ANN001
    issue = gh.open_issue("octo/blog", "blog", "spec", user="alice", deliver=False)
    head_sha = _pr_ready(gh, tmp_path)

    pr = client.rest.pulls.create(
        "octo",
        "blog",
        title="Blog API",
        head="codebegen/issue-1-blog",
        base="main",
        body=f"Closes #{issue.number}",
    )
    assert pr.status_code == 201
    validate(m.PullRequest, pr.json())
    number = pr.parsed_data.number
    assert number == issue.number + 1  # issues and PRs share one counter
    assert pr.parsed_data.head.sha == head_sha
    assert pr.parsed_data.changed_files == 2

    # a second PR for the same head: 422 like GitHub
    with pytest.raises(RequestFailed) as err:
        client.rest.pulls.create(
            "octo", "blog", title="again", head="codebegen/issue-1-blog", base="main"
        )
    assert err.value.response.status_code == 422
    assert "already exists" in err.value.response.json()["errors"][0]["message"]

    listed = client.rest.pulls.list(
        "octo", "blog", head="octo:codebegen/issue-1-blog", state="open"
    )
    validate(list[m.PullRequestSimple], listed.json())
    assert [p.number for p in listed.parsed_data] == [number]
    assert client.rest.pulls.list("octo", "blog", head="octo:other", state="all").parsed_data == []
    validate(m.PullRequest, client.rest.pulls.get("octo", "blog", number).json())
    as_issue = client.rest.issues.get("octo", "blog", number)
    validate(m.Issue, as_issue.json())
    assert as_issue.parsed_data.pull_request is not None

    files = client.rest.pulls.list_files("octo", "blog", number)
    validate(list[m.DiffEntry], files.json())
    assert {f.filename: f.status for f in files.parsed_data} == {
        "app/main.py": "added",
        "README.md": "modified",
    }

    review = client.rest.pulls.create_review(
        "octo",
        "blog",
        number,
        event="COMMENT",
        body="codebegen review",
        comments=[
            {"path": "app/main.py", "line": 3, "side": "RIGHT", "body": "consider a lifespan"}
        ],
    )
    validate(m.PullRequestReview, review.json())
    assert review.parsed_data.state == "COMMENTED"
    comments = client.rest.pulls.list_review_comments("octo", "blog", number)
    validate(list[m.PullRequestReviewComment], comments.json())
    assert [(c.path, c.line, c.side) for c in comments.parsed_data] == [("app/main.py", 3, "RIGHT")]
    assert gh.state.review_comments_on("octo/blog", number)[0].position == 3
    assert comments.parsed_data[0].diff_hunk.startswith("@@ -0,0 +1,3 @@")
    validate(
        list[m.PullRequestReview], client.rest.pulls.list_reviews("octo", "blog", number).json()
    )

    # context lines inside a hunk can be commented on, as on GitHub
    ok = client.rest.pulls.create_review(
        "octo",
        "blog",
        number,
        event="COMMENT",
        body="x",
        comments=[{"path": "README.md", "line": 1, "side": "RIGHT", "body": "context line"}],
    )
    assert ok.status_code == 200
    # GitHub refuses: a line outside the diff; approving your own PR
    with pytest.raises(RequestFailed) as err2:
        client.rest.pulls.create_review(
            "octo",
            "blog",
            number,
            event="COMMENT",
            body="x",
            comments=[{"path": "app/main.py", "line": 40, "side": "RIGHT", "body": "no such line"}],
        )
    assert err2.value.response.status_code == 422
    with pytest.raises(RequestFailed) as err3:
        client.rest.pulls.create_review("octo", "blog", number, event="APPROVE")
    assert err3.value.response.status_code == 422

    run = client.rest.checks.create(
        "octo", "blog", name="codebegen / validation", head_sha=head_sha, status="in_progress"
    )
    assert run.status_code == 201
    validate(m.CheckRun, run.json())
    done = client.rest.checks.update(
        "octo",
        "blog",
        run.parsed_data.id,
        conclusion="success",
        output={
            "title": "6/6 checks passed",
            "summary": "| check | result |\n|---|---|\n| ruff | ok |",
        },
    )
    validate(m.CheckRun, done.json())
    assert done.parsed_data.status == "completed"
    assert [p.number for p in done.parsed_data.pull_requests] == [number]
    for ref in (head_sha, "codebegen/issue-1-blog"):
        runs = client.rest.checks.list_for_ref("octo", "blog", ref)
        validate(m.ReposOwnerRepoCommitsRefCheckRunsGetResponse200, runs.json())
        assert runs.parsed_data.total_count == 1
    with pytest.raises(RequestFailed) as err4:
        client.rest.checks.create("octo", "blog", name="x", head_sha="0" * 40)
    assert err4.value.response.status_code == 422

    ref = client.rest.git.get_ref("octo", "blog", "heads/codebegen/issue-1-blog")
    validate(m.GitRef, ref.json())
    assert ref.parsed_data.object_.sha == head_sha
    matching = client.rest.git.list_matching_refs("octo", "blog", "heads/codebegen/")
    validate(list[m.GitRef], matching.json())
    assert len(matching.parsed_data) == 1
    with pytest.raises(RequestFailed) as err5:
        client.rest.git.get_ref("octo", "blog", "heads/nope")
    assert err5.value.response.status_code == 404

    # recorded state
    (stored,) = gh.pulls("octo/blog")
    assert stored.body == "Closes #1" and stored.user == "codebegen[bot]"
    assert [c.body for c in gh.review_comments("octo/blog", number)] == [
        "consider a lifespan",
        "context line",
    ]
    assert gh.check_runs("octo/blog", head_sha)[0].conclusion == "success"


def test_empty_repo_behaviour(gh, client):  # noqa: ANN001
    with pytest.raises(RequestFailed) as err:
        client.rest.git.get_ref("octo", "blog", "heads/main")
    assert err.value.response.status_code == 409
    assert err.value.response.json()["message"] == "Git Repository is empty."
    with pytest.raises(RequestFailed) as err2:
        client.rest.pulls.create("octo", "blog", title="t", head="x", base="main")
    assert err2.value.response.status_code == 422


def test_pull_create_validation(gh, client, tmp_path):  # noqa: ANN001
    token = gh.create_token("octo/blog")
    wd = tmp_path / "w"
    push_files(gh.clone_url("octo/blog"), wd, token, "main", {"a.txt": "a\n"})
    with pytest.raises(RequestFailed) as err:
        client.rest.pulls.create("octo", "blog", title="t", head="missing", base="main")
    assert err.value.response.json()["errors"][0]["field"] == "head"
    gh.commit("octo/blog", "same", {"a.txt": "a\n"}, "noop")  # a root commit with the same tree
    with pytest.raises(RequestFailed) as err2:
        client.rest.pulls.create("octo", "blog", title="t", head="same", base="main")
    assert "no history in common" in err2.value.response.json()["errors"][0]["message"]


def test_contents_put_on_empty_repo(gh, client):  # noqa: ANN001
    import base64

    resp = client.rest.repos.create_or_update_file_contents(
        "octo",
        "blog",
        "README.md",
        message="Initial commit",
        content=base64.b64encode(b"# blog\n").decode(),
    )
    assert resp.status_code == 201
    validate(m.FileCommit, resp.json())
    repo = gh.repo("octo/blog")
    assert repo.read("main", "README.md") == "# blog\n"
    with pytest.raises(RequestFailed) as err:
        client.rest.repos.create_or_update_file_contents(
            "octo", "blog", "README.md", message="again", content=base64.b64encode(b"x").decode()
        )
    assert err.value.response.status_code == 422  # "sha" wasn't supplied


def test_contents_get_file_directory_and_misses(gh, client, tmp_path):  # noqa: ANN001
    import base64

    with pytest.raises(RequestFailed) as empty:
        client.rest.repos.get_content("octo", "blog", ".github/codebegen.yml")
    assert empty.value.response.status_code == 404
    assert empty.value.response.json()["message"] == "This repository is empty."
    token = gh.create_token("octo/blog")
    config = "permission: maintain\n" + "# padding\n" * 20  # base64 longer than one 60-col line
    push_files(
        gh.clone_url("octo/blog"),
        tmp_path / "w",
        token,
        "main",
        {".github/codebegen.yml": config, "app/main.py": "x = 1\n"},
    )
    resp = client.rest.repos.get_content("octo", "blog", ".github/codebegen.yml")
    file = validate(m.ContentFile, resp.json())
    assert (file.type, file.encoding, file.path, file.size) == (
        "file",
        "base64",
        ".github/codebegen.yml",
        len(config),
    )
    assert all(len(line) <= 60 for line in file.content.splitlines())
    assert base64.b64decode(file.content).decode() == config
    listing = client.rest.repos.get_content("octo", "blog", ".github").json()
    items = [validate(m.ContentDirectoryItems, item) for item in listing]
    assert [(i.type, i.path) for i in items] == [("file", ".github/codebegen.yml")]
    with pytest.raises(RequestFailed) as missing:
        client.rest.repos.get_content("octo", "blog", ".github/nope.yml")
    assert missing.value.response.status_code == 404
    with pytest.raises(RequestFailed) as no_ref:
        client.rest.repos.get_content("octo", "blog", "app/main.py", ref="no-such-branch")
    assert no_ref.value.response.json()["message"] == "No commit found for the ref no-such-branch"
    sha = gh.repo("octo/blog").branches["main"]
    by_sha = client.rest.repos.get_content("octo", "blog", "app/main.py", ref=sha).json()
    assert base64.b64decode(by_sha["content"]) == b"x = 1\n"


def test_merge_pull_closes_linked_issue(gh, client, tmp_path):  # noqa: ANN001
    issue = gh.open_issue("octo/blog", "blog", "spec", deliver=False)
    _pr_ready(gh, tmp_path)
    pr = client.rest.pulls.create(
        "octo", "blog", title="t", head="codebegen/issue-1-blog", base="main", body="Closes #1"
    ).parsed_data
    sha = gh.merge_pull("octo/blog", pr.number, by="octo", deliver=False)
    repo = gh.repo("octo/blog")
    assert repo.branches["main"] == sha
    assert len(repo.log("main", 1)[0].parents) == 2
    assert repo.read("main", "app/main.py") is not None
    got = client.rest.pulls.get("octo", "blog", pr.number).parsed_data
    validate(m.PullRequest, client.rest.pulls.get("octo", "blog", pr.number).json())
    assert got.merged and got.state == "closed" and got.merged_by.login == "octo"  # type: ignore[union-attr]
    assert gh.state.issue("octo/blog", issue.number).state == "closed"


def test_pagination_links(gh, client):  # noqa: ANN001
    issue = gh.open_issue("octo/blog", "t", "b", deliver=False)
    for i in range(5):
        gh.comment("octo/blog", issue.number, f"c{i}", deliver=False)
    page = client.rest.issues.list_comments("octo", "blog", issue.number, per_page=2)
    assert 'rel="next"' in page.headers["link"]
    bodies = [
        c.body
        for c in client.paginate(
            client.rest.issues.list_comments,
            owner="octo",
            repo="blog",
            issue_number=issue.number,
            per_page=2,
        )
    ]
    assert bodies == [f"c{i}" for i in range(5)]
