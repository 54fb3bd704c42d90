"""Our responses carry every key of GitHub's own response examples (data/rest_examples)."""

from __future__ import annotations

import json
from pathlib import Path

from .helpers import push_files

EXAMPLES = Path(__file__).resolve().parents[2] / "bot" / "standin" / "data" / "rest_examples"
# keys of the examples that describe features the stand-in does not model
NOT_MODELLED = {
    "pull-request": {"rebaseable"},
    "full-repository-default-response": {
        "template_repository",
        "source",
        "parent",
        "security_and_analysis",
        "master_branch",
        "code_of_conduct",
        "anonymous_access_enabled",
    },
    "issue": {"pinned_comment", "type", "pull_request"},  # pull_request: only on PRs
    "pull-request-review-comment": {"in_reply_to_id"},  # only on replies
}
NOT_MODELLED["full-repository-default-response"] |= {"organization"}  # only for org-owned repos


def _example(name: str) -> dict:
    return json.loads((EXAMPLES / f"{name}.json").read_text())


def _missing(ours: dict, name: str) -> set[str]:
    return set(_example(name)) - set(ours) - NOT_MODELLED.get(name, set())


def test_response_keys_cover_the_examples(gh, tmp_path):  # noqa: ANN001
    client = gh.github("octo/blog")
    app = gh.github()
    token = gh.create_token("octo/blog")
    push_files(gh.clone_url("octo/blog"), tmp_path / "w", token, "main", {"a.py": "a = 1\n"})
    sha = push_files(
        gh.clone_url("octo/blog"), tmp_path / "w", token, "feat", {"b.py": "b = 2\n"}, base="main"
    )
    issue = gh.open_issue("octo/blog", "t", "b", deliver=False)
    got = {
        "installation": app.rest.apps.get_repo_installation("octo", "blog").json(),
        "installation-token": app.rest.apps.create_installation_access_token(
            gh.installation_for("octo/blog").id, repositories=["blog"]
        ).json(),
        "full-repository-default-response": client.rest.repos.get("octo", "blog").json(),
        "issue": client.rest.issues.get("octo", "blog", issue.number).json(),
        "issue-comment": client.rest.issues.create_comment(
            "octo", "blog", issue.number, body="x"
        ).json(),
        "reaction": client.rest.reactions.create_for_issue(
            "octo", "blog", issue.number, content="eyes"
        ).json(),
    }
    pr = client.rest.pulls.create("octo", "blog", title="t", head="feat", base="main").json()
    got["pull-request"] = pr
    got["pull-request-review"] = client.rest.pulls.create_review(
        "octo",
        "blog",
        pr["number"],
        event="COMMENT",
        body="r",
        comments=[{"path": "b.py", "line": 1, "side": "RIGHT", "body": "c"}],
    ).json()
    got["pull-request-review-comment"] = client.rest.pulls.list_review_comments(
        "octo", "blog", pr["number"]
    ).json()[0]
    got["check-run-example-of-completed-conclusion"] = client.rest.checks.create(
        "octo",
        "blog",
        name="n",
        head_sha=sha,
        conclusion="success",
        output={"title": "t", "summary": "s"},
    ).json()
    got["git-ref"] = client.rest.git.get_ref("octo", "blog", "heads/feat").json()
    got["git-commit"] = client.rest.git.get_commit("octo", "blog", sha).json()
    problems = {
        name: sorted(_missing(data, name)) for name, data in got.items() if _missing(data, name)
    }
    assert problems == {}
