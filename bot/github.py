"""Every GitHub call the jobs make: githubkit as the App and as its installations.

I/O: HTTPS to the GitHub REST API (github.com, GitHub Enterprise Server at `https://HOST/api/v3/`,
or the local stand-in).

- The App authenticates with a JWT signed by its private key, and exchanges it for an installation
  token (`POST /app/installations/{id}/access_tokens`). Tokens live an hour; one is cached per
  installation until `REFRESH_MARGIN` before it expires, and the same token serves REST calls and
  git over HTTPS. Each minted token is registered with `worker.redact`.
- githubkit's own retries are off: retrying a POST that GitHub may have carried out (a 502 after
  the PR was created) would duplicate it. Failures become `TransientError` (5xx, rate limits with
  their `Retry-After`, timeouts, dropped connections) or `GitHubError` (other 4xx), and the job
  re-runs its idempotent body (worker/runner.py).
- Responses are read as plain JSON, not githubkit's strict models: GitHub adds fields, and
  real responses do not always match the published schema.

https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any, TypeVar, cast

import httpx
from githubkit import AppAuthStrategy, GitHub, TokenAuthStrategy
from githubkit.cache import MemCacheStrategy
from githubkit.exception import RateLimitExceeded, RequestError, RequestFailed
from githubkit.utils import UNSET

from worker import redact
from worker.ports import (
    CheckOutput,
    CheckRun,
    Comment,
    GitHubError,
    Issue,
    Pull,
    Repo,
    Review,
    ReviewComment,
    TransientError,
)

REFRESH_MARGIN = timedelta(minutes=5)  # mint a new token this long before the old one expires
PER_PAGE = 100  # GitHub's maximum page size
MAX_PAGES = 20  # 2,000 comments on one issue is enough to find our own

T = TypeVar("T")
Json = dict[str, Any]


def _describe(exc: RequestFailed) -> str:
    request = exc.request
    return f"{request.method} {request.url.path} -> {exc.response.status_code}"


def call(fn: Callable[[], T]) -> T:
    """Run one githubkit call, turning its failures into the port's two kinds of error."""
    try:
        return fn()
    except RateLimitExceeded as exc:
        wait = exc.retry_after.total_seconds()
        raise TransientError(f"rate limited: {_describe(exc)}", retry_after=wait) from None
    except RequestFailed as exc:
        status = exc.response.status_code
        if status >= 500 or status == 429:
            header = exc.response.headers.get("retry-after")
            after = float(header) if header and header.isdigit() else None
            raise TransientError(f"GitHub error: {_describe(exc)}", retry_after=after) from None
        message = _error_message(exc)
        raise GitHubError(f"{_describe(exc)}: {message}", status=status) from None
    except RequestError as exc:
        # timeouts and connection errors (httpx wraps them); the message names no secret
        raise TransientError(f"GitHub unreachable: {type(exc.exc).__name__}") from None


def _error_message(exc: RequestFailed) -> str:
    try:
        data = exc.response.json()
    except ValueError:
        return ""
    return str(data.get("message", "")) if isinstance(data, dict) else ""


class GitHubApp:
    """The App: mints installation tokens and hands out per-installation clients."""

    def __init__(
        self,
        *,
        app_id: int,
        private_key: str,
        base_url: str = "https://api.github.com",
        transport: httpx.BaseTransport | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.base_url = base_url.rstrip("/") + "/"
        self._options: dict[str, Any] = {
            "base_url": self.base_url,
            "auto_retry": False,
            "http_cache": False,
            "timeout": timeout,
            "transport": transport,
            "user_agent": "codebegen",
            # githubkit caches the App's JWT in a process-wide store keyed by the App id; our own
            # store keeps a JWT signed with another key (another App object) from being reused.
            "cache_strategy": MemCacheStrategy(),
        }
        self._app = GitHub(AppAuthStrategy(app_id, private_key), **self._options)
        self._tokens: dict[int, tuple[str, datetime]] = {}
        self._clients: dict[str, GitHub[TokenAuthStrategy]] = {}  # token -> client
        self._installations: dict[str, int] = {}
        self._lock = threading.Lock()

    def installation_token(self, installation_id: int) -> str:
        with self._lock:
            cached = self._tokens.get(installation_id)
            if cached and cached[1] - REFRESH_MARGIN > datetime.now(UTC):
                return cached[0]
        data = call(
            lambda: self._app.rest.apps.create_installation_access_token(installation_id).json()
        )
        token = str(data["token"])
        expires = datetime.strptime(data["expires_at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        redact.register(token)
        with self._lock:
            self._tokens[installation_id] = (token, expires)
        return token

    def forget_token(self, installation_id: int) -> None:
        with self._lock:
            token, _ = self._tokens.pop(installation_id, ("", None))
            self._clients.pop(token, None)

    def installation_for(self, repo: str) -> int:
        """The installation id that covers `repo` (GET /repos/{owner}/{repo}/installation)."""
        with self._lock:
            if repo in self._installations:
                return self._installations[repo]
        owner, name = repo.split("/", 1)
        data = call(lambda: self._app.rest.apps.get_repo_installation(owner, name).json())
        with self._lock:
            self._installations[repo] = int(data["id"])
        return int(data["id"])

    def for_installation(self, installation_id: int | None, *, repo: str) -> Installation:
        return Installation(self, installation_id or self.installation_for(repo))

    def client(self, installation_id: int) -> GitHub[TokenAuthStrategy]:
        token = self.installation_token(installation_id)
        with self._lock:
            client = self._clients.get(token)
            if client is None:
                live = {t for t, _ in self._tokens.values()}
                self._clients = {t: c for t, c in self._clients.items() if t in live}
                client = self._clients[token] = GitHub(TokenAuthStrategy(token), **self._options)
        return client


class Installation:
    """GitHub as one installation sees it: implements `worker.ports.GitHubPort`."""

    def __init__(self, app: GitHubApp, installation_id: int) -> None:
        self.app = app
        self.installation_id = installation_id

    def _rest(self, fn: Callable[[GitHub[TokenAuthStrategy]], Any]) -> Any:
        """Call with a fresh-enough token; a 401 (token revoked early) forgets it and retries."""
        try:
            return call(lambda: fn(self.app.client(self.installation_id)).json())
        except GitHubError as exc:
            if exc.status != 401:
                raise
            self.app.forget_token(self.installation_id)
            raise TransientError("installation token rejected; minting a new one") from None

    def token(self) -> str:
        return self.app.installation_token(self.installation_id)

    def repo(self, repo: str) -> Repo:
        owner, name = repo.split("/", 1)
        data = self._rest(lambda gh: gh.rest.repos.get(owner, name))
        return Repo(
            full_name=data["full_name"],
            default_branch=data.get("default_branch") or "main",
            clone_url=data["clone_url"],
            html_url=data.get("html_url", ""),
        )

    def issue(self, repo: str, number: int) -> Issue:
        owner, name = repo.split("/", 1)
        data = self._rest(lambda gh: gh.rest.issues.get(owner, name, number))
        return Issue(
            number=data["number"],
            title=data.get("title") or "",
            body=data.get("body") or "",
            author=(data.get("user") or {}).get("login", ""),
            author_association=data.get("author_association") or "NONE",
            state=data.get("state") or "open",
            is_pull_request=bool(data.get("pull_request")),
            html_url=data.get("html_url", ""),
            labels=tuple(str(label.get("name", "")) for label in data.get("labels") or []),
        )

    def file_text(self, repo: str, path: str, *, ref: str | None = None) -> str | None:
        owner, name = repo.split("/", 1)
        at = ref if ref is not None else UNSET
        try:
            data = self._rest(lambda gh: gh.rest.repos.get_content(owner, name, path, ref=at))
        except GitHubError as exc:
            if exc.status == 404:
                return None  # no such file, ref or branch, or an empty repository
            raise
        if not isinstance(data, dict) or data.get("type") != "file":
            return None  # a directory, a symlink to nowhere, a submodule
        if data.get("encoding") != "base64":  # GitHub sends no content for files over 1 MB
            raise GitHubError(f"{repo}:{path} is too large to read (over 1 MB)", status=413)
        return base64.b64decode(data.get("content") or "").decode("utf-8", errors="replace")

    def permission(self, repo: str, login: str) -> str:
        owner, name = repo.split("/", 1)
        try:
            data = self._rest(
                lambda gh: gh.rest.repos.get_collaborator_permission_level(owner, name, login)
            )
        except GitHubError as exc:
            if exc.status == 404:
                return "none"  # no such user
            raise
        role = data.get("role_name")  # finer than `permission` (maintain, triage)
        return str(
            role
            if role in ("admin", "maintain", "write", "triage", "read")
            else data.get("permission", "none")
        )

    def comments(self, repo: str, number: int) -> list[Comment]:
        owner, name = repo.split("/", 1)
        out: list[Comment] = []
        for page in range(1, MAX_PAGES + 1):
            data = self._rest(partial(_list_comments, owner, name, number, page))
            out += [_comment(c) for c in data]
            if len(data) < PER_PAGE:
                break
        return out

    def create_comment(self, repo: str, number: int, body: str) -> Comment:
        owner, name = repo.split("/", 1)
        return _comment(
            self._rest(lambda gh: gh.rest.issues.create_comment(owner, name, number, body=body))
        )

    def update_comment(self, repo: str, comment_id: int, body: str) -> Comment:
        owner, name = repo.split("/", 1)
        return _comment(
            self._rest(lambda gh: gh.rest.issues.update_comment(owner, name, comment_id, body=body))
        )

    def react(self, repo: str, number: int, content: str) -> None:
        owner, name = repo.split("/", 1)
        self._rest(
            lambda gh: gh.rest.reactions.create_for_issue(
                owner, name, number, content=cast(Any, content)
            )
        )

    def react_to_comment(self, repo: str, comment_id: int, content: str) -> None:
        owner, name = repo.split("/", 1)
        self._rest(
            lambda gh: gh.rest.reactions.create_for_issue_comment(
                owner, name, comment_id, content=cast(Any, content)
            )
        )

    def pull(self, repo: str, number: int) -> Pull:
        owner, name = repo.split("/", 1)
        return _pull(self._rest(lambda gh: gh.rest.pulls.get(owner, name, number)))

    def find_pull(self, repo: str, head_branch: str) -> Pull | None:
        owner, name = repo.split("/", 1)
        data = self._rest(
            lambda gh: gh.rest.pulls.list(owner, name, head=f"{owner}:{head_branch}", state="all")
        )
        pulls = [  # the branch of this repository, never a fork's of the same name
            p
            for p in data
            if (p.get("head") or {}).get("ref") == head_branch
            and ((p.get("head") or {}).get("repo") or {}).get("full_name", repo).lower()
            == repo.lower()
        ]
        return _pull(pulls[0]) if pulls else None

    def create_pull(
        self, repo: str, *, title: str, head: str, base: str, body: str, draft: bool
    ) -> Pull:
        owner, name = repo.split("/", 1)
        return _pull(
            self._rest(
                lambda gh: gh.rest.pulls.create(
                    owner, name, title=title, head=head, base=base, body=body, draft=draft
                )
            )
        )

    def update_pull(self, repo: str, number: int, *, title: str, body: str) -> Pull:
        owner, name = repo.split("/", 1)
        return _pull(
            self._rest(lambda gh: gh.rest.pulls.update(owner, name, number, title=title, body=body))
        )

    def reviews(self, repo: str, number: int) -> list[Review]:
        owner, name = repo.split("/", 1)
        data = self._rest(
            lambda gh: gh.rest.pulls.list_reviews(owner, name, number, per_page=PER_PAGE)
        )
        return [
            Review(
                id=r["id"],
                body=r.get("body") or "",
                commit_id=r.get("commit_id") or "",
                author=(r.get("user") or {}).get("login", ""),
            )
            for r in data
        ]

    def review_comments(self, repo: str, number: int) -> list[ReviewComment]:
        owner, name = repo.split("/", 1)
        out: list[ReviewComment] = []
        for page in range(1, MAX_PAGES + 1):
            data = self._rest(partial(_list_review_comments, owner, name, number, page))
            out += [
                ReviewComment(
                    path=c.get("path", ""),
                    line=c.get("line") or c.get("original_line") or 0,
                    body=c.get("body") or "",
                    start_line=c.get("start_line"),
                )
                for c in data
            ]
            if len(data) < PER_PAGE:
                break
        return out

    def create_review(
        self,
        repo: str,
        number: int,
        *,
        commit_id: str,
        body: str,
        comments: list[ReviewComment],
    ) -> Review:
        owner, name = repo.split("/", 1)
        inline: list[Json] = []
        for c in comments:
            item: Json = {"path": c.path, "line": c.line, "side": "RIGHT", "body": c.body}
            if c.start_line is not None and c.start_line < c.line:
                item.update(start_line=c.start_line, start_side="RIGHT")
            inline.append(item)
        data = self._rest(
            lambda gh: gh.rest.pulls.create_review(
                owner,
                name,
                number,
                data=cast(
                    Any,
                    {"commit_id": commit_id, "body": body, "event": "COMMENT", "comments": inline},
                ),
            )
        )
        return Review(
            id=data["id"],
            body=data.get("body") or "",
            commit_id=data.get("commit_id") or commit_id,
            author=(data.get("user") or {}).get("login", ""),
        )

    def find_check_run(self, repo: str, head_sha: str, name: str) -> CheckRun | None:
        owner, repo_name = repo.split("/", 1)
        data = self._rest(
            lambda gh: gh.rest.checks.list_for_ref(owner, repo_name, head_sha, check_name=name)
        )
        runs = [r for r in data.get("check_runs") or [] if r.get("name") == name]
        return _check_run(runs[0]) if runs else None

    def create_check_run(
        self,
        repo: str,
        *,
        name: str,
        head_sha: str,
        conclusion: str | None,
        output: CheckOutput,
        details_url: str | None = None,
    ) -> CheckRun:
        owner, repo_name = repo.split("/", 1)
        body: Json = {"name": name, "head_sha": head_sha, "output": _output(output)}
        body.update(_status(conclusion))
        if details_url:
            body["details_url"] = details_url
        return _check_run(
            self._rest(lambda gh: gh.rest.checks.create(owner, repo_name, data=cast(Any, body)))
        )

    def update_check_run(
        self, repo: str, check_run_id: int, *, conclusion: str, output: CheckOutput
    ) -> CheckRun:
        owner, repo_name = repo.split("/", 1)
        body: Json = {"output": _output(output), **_status(conclusion)}
        return _check_run(
            self._rest(
                lambda gh: gh.rest.checks.update(
                    owner, repo_name, check_run_id, data=cast(Any, body)
                )
            )
        )


def _list_comments(
    owner: str, name: str, number: int, page: int, gh: GitHub[TokenAuthStrategy]
) -> Any:
    return gh.rest.issues.list_comments(owner, name, number, per_page=PER_PAGE, page=page)


def _list_review_comments(
    owner: str, name: str, number: int, page: int, gh: GitHub[TokenAuthStrategy]
) -> Any:
    return gh.rest.pulls.list_review_comments(owner, name, number, per_page=PER_PAGE, page=page)


def _status(conclusion: str | None) -> Json:
    if conclusion is None:
        return {"status": "in_progress"}
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {"status": "completed", "conclusion": conclusion, "completed_at": now}


def _output(output: CheckOutput) -> Json:
    data: Json = {"title": output.title, "summary": output.summary}
    if output.text:
        data["text"] = output.text
    if output.annotations:
        # GitHub takes at most 50 annotations per request
        data["annotations"] = [
            {
                "path": a.path,
                "start_line": a.start_line,
                "end_line": a.end_line,
                "annotation_level": a.level,
                "message": a.message,
                **({"title": a.title} if a.title else {}),
            }
            for a in output.annotations[:50]
        ]
    return data


def _comment(data: Json) -> Comment:
    user = data.get("user") or {}
    return Comment(
        id=data["id"],
        body=data.get("body") or "",
        author=user.get("login", ""),
        author_is_bot=user.get("type") == "Bot",
        html_url=data.get("html_url", ""),
    )


def _pull(data: Json) -> Pull:
    head, base = data.get("head") or {}, data.get("base") or {}
    return Pull(
        number=data["number"],
        html_url=data.get("html_url", ""),
        head_ref=head.get("ref", ""),
        head_sha=head.get("sha", ""),
        base_ref=base.get("ref", ""),
        state=data.get("state") or "open",
        draft=bool(data.get("draft")),
        body=data.get("body") or "",
        merged=bool(data.get("merged") or data.get("merged_at")),
        merge_sha=data.get("merge_commit_sha") or "",
        head_repo=str((head.get("repo") or {}).get("full_name") or ""),
        base_repo=str((base.get("repo") or {}).get("full_name") or ""),
    )


def _check_run(data: Json) -> CheckRun:
    return CheckRun(
        id=data["id"],
        name=data.get("name", ""),
        head_sha=data.get("head_sha", ""),
        status=data.get("status", ""),
        conclusion=data.get("conclusion"),
    )
