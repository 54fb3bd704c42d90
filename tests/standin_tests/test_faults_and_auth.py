"""Fault injection, the request log, and GitHub's auth rules."""

from __future__ import annotations

import time

import httpx
import jwt
import pytest
from githubkit.exception import RequestFailed, SecondaryRateLimitExceeded

from bot.standin import generate_app_key


def test_fail_next_then_success(gh):  # noqa: ANN001
    client = gh.github("octo/blog", auto_retry=False)
    gh.fail_next("GET", "/repos/octo/blog", status=502)
    with pytest.raises(RequestFailed) as err:
        client.rest.repos.get("octo", "blog")
    assert err.value.response.status_code == 502
    assert client.rest.repos.get("octo", "blog").status_code == 200
    log = gh.requests("GET", "/repos/octo/blog")
    assert [(r.status, r.injected) for r in log] == [(502, True), (200, False)]


def test_secondary_rate_limit(gh):  # noqa: ANN001
    client = gh.github("octo/blog", auto_retry=False)
    issue = gh.open_issue("octo/blog", "t", "b", deliver=False)
    path = f"/repos/octo/blog/issues/{issue.number}/comments"
    gh.fail_secondary_rate_limit("POST", path, retry_after=1)
    with pytest.raises(SecondaryRateLimitExceeded) as err:
        client.rest.issues.create_comment("octo", "blog", issue.number, body="hi")
    assert err.value.retry_after.total_seconds() == 1
    assert gh.comments("octo/blog", issue.number) == []
    # githubkit's default auto-retry honours Retry-After once
    gh.fail_next(
        "POST",
        path,
        status=403,
        headers={"Retry-After": "1"},
        body={"message": "You have exceeded a secondary rate limit."},
    )
    t0 = time.monotonic()
    retrying = gh.github("octo/blog")
    assert (
        retrying.rest.issues.create_comment("octo", "blog", issue.number, body="hi").status_code
        == 201
    )
    assert time.monotonic() - t0 >= 1
    assert len(gh.comments("octo/blog", issue.number)) == 1


def test_glob_times_and_delay(gh):  # noqa: ANN001
    gh.fail_next("*", "/repos/octo/*", status=500, times=2)
    client = gh.github("octo/blog", auto_retry=False)
    for _ in range(2):
        with pytest.raises(RequestFailed):
            client.rest.repos.get("octo", "blog")
    assert client.rest.repos.get("octo", "blog").status_code == 200
    assert gh.pending_faults == []


def test_git_path_fault(gh, tmp_path):  # noqa: ANN001
    from .helpers import git, git_env

    gh.fail_next("GET", "/octo/blog.git/info/refs", status=503)
    res = git(
        tmp_path,
        "clone",
        gh.clone_url("octo/blog"),
        "w",
        env=git_env(gh.create_token("octo/blog")),
        check=False,
    )
    assert res.returncode != 0


def test_error_shape_and_404s(gh):  # noqa: ANN001
    token = gh.create_token("octo/blog")
    h = {"Authorization": f"token {token}"}
    for url in (
        "/repos/octo/nope",
        "/repos/octo/blog/issues/99",
        "/repos/octo/blog/pulls/99",
        "/no/such/route",
    ):
        r = httpx.get(gh.api_url.rstrip("/") + url, headers=h)
        assert r.status_code == 404
        assert set(r.json()) >= {"message", "documentation_url"}
        assert r.json()["message"] == "Not Found"


def test_auth_rules(gh, github_app_key):  # noqa: ANN001
    base = gh.api_url.rstrip("/")
    # no credentials
    assert httpx.get(f"{base}/app").status_code == 401
    assert httpx.get(f"{base}/repos/octo/blog").status_code == 404  # private repo hidden
    assert httpx.post(f"{base}/repos/octo/blog/issues", json={"title": "x"}).status_code in (
        401,
        404,
    )
    # bad token
    r = httpx.get(f"{base}/repos/octo/blog", headers={"Authorization": "token ghs_nope"})
    assert r.status_code == 401 and r.json()["message"] == "Bad credentials"
    # JWT signed by another key, or from the future, or with the wrong issuer
    other = generate_app_key()
    now = int(time.time())
    forged = jwt.encode(
        {"iss": str(gh.app.id), "iat": now - 60, "exp": now + 500}, other.private_pem, "RS256"
    )
    assert (
        httpx.get(f"{base}/app", headers={"Authorization": f"Bearer {forged}"}).status_code == 401
    )
    too_long = jwt.encode(
        {"iss": str(gh.app.id), "iat": now, "exp": now + 3600}, github_app_key.private_pem, "RS256"
    )
    assert (
        httpx.get(f"{base}/app", headers={"Authorization": f"Bearer {too_long}"}).status_code == 401
    )
    wrong_iss = jwt.encode(
        {"iss": "999", "iat": now - 60, "exp": now + 500}, github_app_key.private_pem, "RS256"
    )
    assert (
        httpx.get(f"{base}/app", headers={"Authorization": f"Bearer {wrong_iss}"}).status_code
        == 401
    )
    good = jwt.encode(
        {"iss": str(gh.app.id), "iat": now - 60, "exp": now + 540},
        github_app_key.private_pem,
        "RS256",
    )
    assert httpx.get(f"{base}/app", headers={"Authorization": f"Bearer {good}"}).status_code == 200
    # a JWT is not an installation token, and vice versa
    assert (
        httpx.get(
            f"{base}/repos/octo/blog", headers={"Authorization": f"Bearer {good}"}
        ).status_code
        == 403
    )
    token = gh.create_token("octo/blog")
    assert httpx.get(f"{base}/app", headers={"Authorization": f"token {token}"}).status_code == 401


def test_permissions_enforced(gh):  # noqa: ANN001
    issue = gh.open_issue("octo/blog", "t", "b", deliver=False)
    token = gh.create_token("octo/blog", permissions={"issues": "read", "metadata": "read"})
    base = gh.api_url.rstrip("/")
    h = {"Authorization": f"token {token}"}
    assert httpx.get(f"{base}/repos/octo/blog/issues/{issue.number}", headers=h).status_code == 200
    r = httpx.post(
        f"{base}/repos/octo/blog/issues/{issue.number}/comments", headers=h, json={"body": "x"}
    )
    assert r.status_code == 403 and r.json()["message"] == "Resource not accessible by integration"


def test_repo_outside_installation(gh):  # noqa: ANN001
    gh.create_repo("someone-else/x", install=False)
    client = gh.github()
    with pytest.raises(RequestFailed) as err:
        client.rest.apps.get_repo_installation("someone-else", "x")
    assert err.value.response.status_code == 404
    token = gh.create_token("octo/blog")
    r = httpx.get(gh.api_url + "repos/someone-else/x", headers={"Authorization": f"token {token}"})
    assert r.status_code == 404


def test_installation_token_cached_then_refreshed(gh):  # noqa: ANN001
    client = gh.github("octo/blog")
    client.rest.repos.get("octo", "blog")
    client.rest.repos.get("octo", "blog")
    assert len(gh.requests("POST", "/app/installations/*/access_tokens")) == 1
    # githubkit keeps a token until a minute before expires_at: a 60 s token is never reused
    from githubkit.cache import MemCacheStrategy

    gh.token_ttl = 60
    client2 = gh.github("octo/blog", auto_retry=False, cache_strategy=MemCacheStrategy())
    client2.rest.repos.get("octo", "blog")
    client2.rest.repos.get("octo", "blog")
    assert len(gh.requests("POST", "/app/installations/*/access_tokens")) == 3
    # revoked tokens answer 401 Bad credentials
    gh.expire_tokens()
    with pytest.raises(RequestFailed) as err:
        client.rest.repos.get("octo", "blog")
    assert err.value.response.status_code == 401


def test_faults_queue_in_order_on_one_path(gh):  # noqa: ANN001
    """The issue's scenario: PR creation fails with a 502, then a secondary rate limit."""
    issue = gh.open_issue("octo/blog", "t", "b", deliver=False)
    path = f"/repos/octo/blog/issues/{issue.number}/comments"
    gh.fail_next("POST", path, status=502)
    gh.fail_secondary_rate_limit("POST", path, retry_after=1)
    client = gh.github("octo/blog", auto_retry=False)
    statuses = []
    for _ in range(3):
        try:
            statuses.append(
                client.rest.issues.create_comment(
                    "octo", "blog", issue.number, body="x"
                ).status_code
            )
        except RequestFailed as exc:
            statuses.append(exc.response.status_code)
    assert statuses == [502, 403, 201]
    assert len(gh.comments("octo/blog", issue.number)) == 1


def test_execute_then_fail_loses_only_the_answer(gh):  # noqa: ANN001
    issue = gh.open_issue("octo/blog", "t", "b", deliver=False)
    path = f"/repos/octo/blog/issues/{issue.number}/comments"
    gh.fail_next("POST", path, status=502, execute=True)
    client = gh.github("octo/blog", auto_retry=False)
    with pytest.raises(RequestFailed) as err:
        client.rest.issues.create_comment("octo", "blog", issue.number, body="x")
    assert err.value.response.status_code == 502
    assert [c.body for c in gh.comments("octo/blog", issue.number)] == ["x"]  # it was created
