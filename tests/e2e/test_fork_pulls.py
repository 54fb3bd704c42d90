"""Pull-request commands act only on codebegen's own branches in the base repository: a fork's
pull request, whatever its head branch is called (`main`, or a name like codebegen's), is never
cloned, reviewed or pushed to. The GitHub stand-in with forks, real Redis and RQ, real git."""

from __future__ import annotations

import pytest
from githubkit.cache import MemCacheStrategy

from tests.e2e.harness import REPO, Loop
from worker.progress import read_marker


@pytest.mark.parametrize(
    ("branch", "command"),
    [
        ("main", "refine add a Like entity"),
        ("codebegen/issue-1-blog-api", "regenerate"),
        ("main", "review"),
    ],
)
def test_a_command_on_a_fork_pull_request_is_refused_and_nothing_is_pushed(
    loop: Loop, branch: str, command: str
):
    loop.gh.commit(REPO, "main", {"README.md": "# blog\n"}, "README")
    main_before = loop.gh.repo(REPO).sha("refs/heads/main")
    pr = loop.gh.open_fork_pull(REPO, "mallory", branch, {"codebegen.yaml": "name: evil\n"})
    pushes = len(loop.gh.repo(REPO).pushes)

    loop.gh.comment(REPO, pr.number, f"/codebegen {command}", user="alice")  # alice may command
    loop.run_jobs()

    [reply] = [c for c in loop.gh.bot_comments(REPO, pr.number) if read_marker(c.body, "reply")]
    assert "only changes its own pull requests" in reply.body
    assert f"mallory/blog:{branch}" in reply.body
    assert loop.gh.repo(REPO).sha("refs/heads/main") == main_before
    assert len(loop.gh.repo(REPO).pushes) == pushes
    assert loop.gh.repo(REPO).sha(f"refs/heads/{branch}") in (None, main_before)
    assert loop.gh.reviews(REPO, pr.number) == []


def test_the_stand_in_serves_a_fork_pull_request_like_github(loop: Loop):
    loop.gh.commit(REPO, "main", {"README.md": "# blog\n"}, "README")
    pr = loop.gh.open_fork_pull(REPO, "mallory", "main", {"x.txt": "x\n"})
    # its own token cache: githubkit's process-wide one would hand this App JWT to later tests
    client = loop.gh.github(REPO, cache_strategy=MemCacheStrategy())  # kept alive for .rest
    data = client.rest.pulls.get("octo", "blog", pr.number).json()
    assert data["head"]["repo"]["full_name"] == "mallory/blog"
    assert data["head"]["label"] == "mallory:main"
    assert data["base"]["repo"]["full_name"] == REPO
    assert data["head"]["sha"] == loop.gh.repo(REPO).sha(f"refs/pull/{pr.number}/head")
    assert data["head"]["sha"] != loop.gh.repo(REPO).sha("refs/heads/main")
    found = client.rest.pulls.list("octo", "blog", head="mallory:main").json()
    assert [p["number"] for p in found] == [pr.number]
    assert client.rest.pulls.list("octo", "blog", head="octo:main").json() == []
