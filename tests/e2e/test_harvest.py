"""A merged codebegen pull request becomes one dataset row, once."""

from __future__ import annotations

import pytest

from bot.github import GitHubApp
from bot.standin import gitrepo
from pipeline.generate import parse_source
from pipeline.refine import GENERATED_TRAILER
from pipeline.render import render_project
from tests.e2e.harness import BLOG, REPO, Loop
from tests.standin.fixtures import GITHUB_APP_ID
from training.dataset import Store


@pytest.mark.parametrize("method", ["merge", "squash"])
def test_a_merged_pull_request_is_recorded_once_with_the_merged_tree(
    loop: Loop, github_app_key, tmp_path, monkeypatch, method
):
    monkeypatch.setenv("CODEBEGEN_DATA_DIR", str(tmp_path / "data"))
    gh = loop.gh
    path = gh.repo(REPO).path
    main = gitrepo.commit_files(path, "main", {"README.md": "# blog\n"}, "init", parent=None)
    branch = "codebegen/issue-1-blog-api"
    files = render_project(parse_source(BLOG))
    generated = f"Generate Blog API from #1\n\n{GENERATED_TRAILER}\n"
    gitrepo.commit_files(path, branch, files, generated, parent=main)
    refined = f"codebegen refine: add a CHANGELOG\n\n- add CHANGELOG.md\n\n{GENERATED_TRAILER}\n"
    gitrepo.commit_files(path, branch, {"CHANGELOG.md": "# 0.1\n"}, refined)
    edited = {"app/main.py": files["app/main.py"] + "# edited by a person before merging\n"}
    gitrepo.commit_files(path, branch, edited, "A person's edit")
    issue = gh.open_issue(REPO, "Blog API", BLOG, user="alice", deliver=False)
    app = GitHubApp(
        app_id=GITHUB_APP_ID, private_key=github_app_key.private_pem, base_url=gh.api_url
    )
    pull = app.for_installation(None, repo=REPO).create_pull(
        REPO,
        title="codebegen: Blog API",
        head="codebegen/issue-1-blog-api",
        base="main",
        body=f"Closes #{issue.number}",
        draft=False,
    )

    if method == "squash":  # one commit on main; the PR's commits only at refs/pull/N/head
        gh.merge_pull(REPO, pull.number, by="alice", method=method, deliver=False)
        gitrepo.git(path, "update-ref", "-d", f"refs/heads/{branch}")  # "Delete branch"
        assert gitrepo.log(path, "main", 5)[0].parents == [main]
        gh.deliver("pull_request", gh.pull_payload(REPO, pull.number, "closed", sender="alice"))
        merged_sha = gh.repo(REPO).branches["main"]
    else:
        merged_sha = gh.merge_pull(REPO, pull.number, by="alice")
    assert gh.last_delivery.status == 202
    loop.run_jobs()
    assert gh.redeliver().status_code == 200
    loop.run_jobs()

    [row] = list(Store(tmp_path / "data"))
    assert (row.provenance.repo, row.provenance.pr, row.provenance.merged_sha) == (
        REPO,
        pull.number,
        merged_sha,
    )
    assert row.output.files["app/main.py"].endswith("# edited by a person before merging\n")
    assert "blog API" in row.prompt
    assert row.quality_score is not None
    [refinement] = row.refinements
    assert refinement.instruction == "add a CHANGELOG"
    assert (refinement.before, refinement.after) == ({}, {"CHANGELOG.md": "# 0.1\n"})
