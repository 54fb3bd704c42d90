"""``StandIn``: a small local GitHub (Enterprise layout) for tests and ``codebegen demo``."""

from __future__ import annotations

import asyncio
import re
import shutil
import socket
import tempfile
import threading
import time
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import uvicorn

from . import gitrepo, webhooks
from .api import FaultRule, GitHubApi
from .render import Renderer

if TYPE_CHECKING:
    from githubkit import GitHub

from .state import (
    App,
    CheckRun,
    Comment,
    Delivery,
    Edit,
    Installation,
    Issue,
    Label,
    PullRequest,
    Repo,
    RequestRecord,
    Review,
    ReviewComment,
    State,
    User,
    node_id,
    now_iso,
)

DEFAULT_PERMISSIONS = {
    "checks": "write",
    "contents": "write",
    "issues": "write",
    "metadata": "read",
    "pull_requests": "write",
}
DEFAULT_EVENTS = ["issues", "issue_comment", "pull_request", "pull_request_review"]
CLOSING = re.compile(r"\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s+#(\d+)\b", re.I)


class StandIn:
    """A local GitHub: REST under ``/api/v3/``, git smart-HTTP at ``/<owner>/<repo>.git``.

    >>> gh = StandIn(app_id=1, public_key_pem=PUB, webhook_url="http://127.0.0.1:8000/webhooks",
    ...              webhook_secret="s3cret").start()
    >>> repo = gh.create_repo("octo/blog")             # empty, app installed on "octo"
    >>> gh.add_user("alice", permission="write")
    >>> issue = gh.open_issue("octo/blog", "/codebegen blog", "...", user="alice")
    """

    def __init__(
        self,
        *,
        app_id: int,
        public_key_pem: str | bytes,
        private_key_pem: str | bytes | None = None,
        app_slug: str = "codebegen",
        app_name: str | None = None,
        client_id: str | None = None,
        webhook_url: str | None = None,
        webhook_secret: str | None = None,
        permissions: dict[str, str] | None = None,
        events: list[str] | None = None,
        token_ttl: int = 3600,
        root: str | Path | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        if isinstance(public_key_pem, bytes):
            public_key_pem = public_key_pem.decode()
        if isinstance(private_key_pem, bytes):
            private_key_pem = private_key_pem.decode()
        self._own_root = root is None
        self.root = Path(root) if root is not None else Path(tempfile.mkdtemp(prefix="standin-"))
        self.git_root = self.root / "git"
        self.git_root.mkdir(parents=True, exist_ok=True)
        self.state = State(self.root)
        self.private_key_pem = private_key_pem
        self.webhook_url = webhook_url
        self.webhook_secret = webhook_secret
        self.token_ttl = token_ttl
        self.host = host
        self._want_port = port
        self._faults: list[FaultRule] = []
        self._suites: dict[tuple[str, str], int] = {}
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._sock: socket.socket | None = None
        self.port = 0

        owner = self.add_user("codebegen-dev", type="User")
        self.state.app = App(
            id=int(app_id),
            slug=app_slug,
            name=app_name or app_slug,
            client_id=client_id or f"Iv1.{int(app_id):016x}",
            owner=owner.login,
            public_key_pem=public_key_pem,
            permissions=dict(permissions or DEFAULT_PERMISSIONS),
            events=list(events or DEFAULT_EVENTS),
        )
        self.add_user(self.state.app.bot_login, type="Bot")
        self.api_app = GitHubApi(self)
        self.renderer = Renderer(self.state, "http://127.0.0.1", "http://127.0.0.1/api/v3")

    # ------------------------------------------------------------------ lifecycle
    @property
    def url(self) -> str:
        """Web root, e.g. ``http://127.0.0.1:PORT`` (clone URLs hang off it)."""
        return f"http://{self.host}:{self.port}"

    @property
    def api_url(self) -> str:
        """githubkit's ``base_url``: ``http://127.0.0.1:PORT/api/v3/``."""
        return f"{self.url}/api/v3/"

    @property
    def app(self) -> App:
        assert self.state.app is not None
        return self.state.app

    @property
    def bot_login(self) -> str:
        return self.app.bot_login

    def clone_url(self, repo: str) -> str:
        return f"{self.url}/{self.state.repo(repo).full_name}.git"

    def start(self) -> StandIn:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self._want_port))
        sock.listen(128)
        self._sock = sock
        self.port = sock.getsockname()[1]
        self.renderer = Renderer(self.state, self.url, self.url + "/api/v3")
        config = uvicorn.Config(
            self.api_app,
            log_level="warning",
            lifespan="off",
            access_log=False,
            timeout_keep_alive=30,
        )
        self._server = uvicorn.Server(config)
        self._server.install_signal_handlers = lambda: None  # type: ignore[attr-defined]

        def run() -> None:
            assert self._server is not None
            asyncio.run(self._server.serve(sockets=[sock]))

        self._thread = threading.Thread(target=run, name=f"standin:{self.port}", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("stand-in failed to start")
            time.sleep(0.005)
        return self

    def serve_forever(self) -> None:
        """Run in the foreground (``python -m bot.standin``)."""
        self.start()
        import signal

        done = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: done.set())
        signal.signal(signal.SIGINT, lambda *_: done.set())
        while not done.wait(0.5):
            if self._thread is None or not self._thread.is_alive():
                break
        self.stop()

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        if self._sock is not None:
            self._sock.close()
        self._server = self._thread = self._sock = None
        if self._own_root:
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> StandIn:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------------ users and installs
    def add_user(
        self,
        login: str,
        *,
        permission: str = "none",
        repos: dict[str, str] | None = None,
        type: str = "User",  # noqa: A002
        name: str | None = None,
        email: str | None = None,
        member_of: list[str] | None = None,
    ) -> User:
        """Register a user. ``permission`` applies to every repo; ``repos`` overrides per repo
        (``{"octo/blog": "admin"}``). Repo owners are always admin (author_association OWNER);
        ``member_of=["acme"]`` makes the user an org member (MEMBER on acme's repos)."""
        with self.state.lock:
            key = login.lower()
            u = self.state.users.get(key)
            if u is None:
                u = User(login=login, id=self.state.next_id(), type=type, name=name, email=email)
                self.state.users[key] = u
            u.permission = permission
            if member_of:
                u.member_of = list(member_of)
            if repos:
                u.repo_permissions.update({k.lower(): v for k, v in repos.items()})
            return u

    def set_permission(self, repo: str, login: str, permission: str) -> None:
        u = self.state.users.get(login.lower()) or self.add_user(login)
        u.repo_permissions[repo.lower()] = permission

    def install(
        self,
        account: str,
        *,
        repositories: list[str] | None = None,
        permissions: dict[str, str] | None = None,
        events: list[str] | None = None,
    ) -> Installation:
        """Install the app on ``account`` (all repos, or the named full names)."""
        with self.state.lock:
            for inst in self.state.installations.values():
                if inst.account.lower() == account.lower():
                    if repositories is not None:
                        inst.repository_selection = "selected"
                        inst.repositories = list(repositories)
                    if permissions is not None:
                        inst.permissions = dict(permissions)
                    return inst
            if account.lower() not in self.state.users:
                self.add_user(account)
            inst = Installation(
                id=self.state.next_id(),
                account=self.state.user(account).login,
                repository_selection="selected" if repositories is not None else "all",
                repositories=list(repositories or []),
                permissions=dict(permissions or self.app.permissions),
                events=list(events or self.app.events),
            )
            self.state.installations[inst.id] = inst
            return inst

    def installation_for(self, repo: str) -> Installation:
        r = self.state.repo(repo)
        for inst in self.state.installations.values():
            if inst.covers(r):
                return inst
        raise KeyError(f"app not installed on {repo}")

    def create_token(
        self, repo_or_installation: str | int, *, permissions: dict[str, str] | None = None
    ) -> str:
        """An installation token minted directly (for tests that clone/push by hand)."""
        import secrets
        import string
        from datetime import datetime, timedelta

        from .state import Token

        inst = (
            self.state.installations[repo_or_installation]
            if isinstance(repo_or_installation, int)
            else self.installation_for(repo_or_installation)
        )
        value = "ghs_" + "".join(
            secrets.choice(string.ascii_letters + string.digits) for _ in range(36)
        )
        expires = (datetime.now(UTC) + timedelta(seconds=self.token_ttl)).replace(microsecond=0)
        with self.state.lock:
            self.state.tokens[value] = Token(
                value, inst.id, expires, dict(permissions or inst.permissions), None
            )
        return value

    def expire_tokens(self) -> None:
        """Every token issued so far stops working (tests of token refresh)."""
        with self.state.lock:
            for t in self.state.tokens.values():
                t.revoked = True

    # ------------------------------------------------------------------ repos
    def create_repo(
        self,
        full_name: str,
        *,
        empty: bool = True,
        files: dict[str, str | bytes] | None = None,
        private: bool = True,
        default_branch: str = "main",
        description: str | None = None,
        install: bool = True,
        owner_type: str = "User",
    ) -> Repo:
        """A real bare repository. ``empty=True`` (default): no commits at all, like a repo just
        created on GitHub. Otherwise one initial commit with ``files`` (default a README)."""
        owner, name = full_name.split("/", 1)
        with self.state.lock:
            if full_name.lower() in self.state.repos:
                raise ValueError(f"{full_name} exists")
            if owner.lower() not in self.state.users:
                self.add_user(owner, type=owner_type)
            owner = self.state.user(owner).login
            path = self.git_root / owner / f"{name}.git"
            gitrepo.init_bare(path, default_branch)
            repo = Repo(
                id=self.state.next_id(),
                owner=owner,
                name=name,
                path=path,
                default_branch=default_branch,
                private=private,
                created_at=now_iso(),
                description=description,
            )
            for lname, color, desc in (
                ("bug", "d73a4a", "Something isn't working"),
                ("enhancement", "a2eeef", "New feature or request"),
                ("documentation", "0075ca", "Improvements or additions to documentation"),
            ):
                repo.labels[lname] = Label(self.state.next_id(), lname, color, desc, default=True)
            self.state.repos[full_name.lower()] = repo
        if not empty or files:
            gitrepo.commit_files(
                path,
                default_branch,
                dict(files or {"README.md": f"# {name}\n"}),
                "Initial commit",
                author=(owner, f"{owner}@users.noreply.example"),
            )
            repo.pushed_at = now_iso()
        if install:
            inst = self.install(owner)
            if inst.repository_selection == "selected" and repo.full_name not in inst.repositories:
                inst.repositories.append(repo.full_name)
        return repo

    def commit(
        self, repo: str, branch: str, files: dict[str, str | bytes | None], message: str = "Update"
    ) -> str:
        """Commit directly (as a human pushing would) and return the sha."""
        r = self.state.repo(repo)
        sha = gitrepo.commit_files(
            r.path,
            branch,
            dict(files),
            message,
            author=(r.owner, f"{r.owner}@users.noreply.example"),
        )
        r.pushed_at = now_iso()
        r.sync_pull_refs()
        return sha

    def fork(self, repo: str, owner: str) -> Repo:
        """`owner`'s fork of `repo`: a repository of its own holding the same branches."""
        base = self.state.repo(repo)
        fork = self.create_repo(f"{owner}/{base.name}", empty=True, install=False)
        gitrepo.git(fork.path, "fetch", "--quiet", str(base.path), "+refs/heads/*:refs/heads/*")
        return fork

    def open_fork_pull(
        self,
        repo: str,
        owner: str,
        branch: str,
        files: dict[str, str | bytes | None],
        *,
        title: str = "A change from a fork",
        body: str = "",
        deliver: bool = True,
    ) -> PullRequest:
        """`owner` forks `repo` (once), commits `files` on `branch` of the fork (a new branch
        starts at the default branch) and opens a pull request into `repo`'s default branch,
        as GitHub does: the head is `owner:branch`, its commits reach the base repository only
        as `refs/pull/N/head`, and `branch` may well be named like a branch of the base."""
        base = self.state.repo(repo)
        key = f"{owner}/{base.name}".lower()
        fork = self.state.repos.get(key) or self.fork(repo, owner)
        if gitrepo.rev_parse(fork.path, f"refs/heads/{branch}") is None:
            start = gitrepo.rev_parse(fork.path, f"refs/heads/{fork.default_branch}")
            gitrepo.git(fork.path, "update-ref", f"refs/heads/{branch}", str(start))
        head_sha = gitrepo.commit_files(
            fork.path, branch, dict(files), title, author=(owner, f"{owner}@users.noreply.example")
        )
        base_sha = gitrepo.rev_parse(base.path, f"refs/heads/{base.default_branch}")
        pr = self._new_pull(
            base,
            title=title,
            body=body,
            user=self.state.user(owner).login,
            head=branch,
            base=base.default_branch,
            head_sha=head_sha,
            base_sha=str(base_sha),
        )
        pr.head_repo = fork.full_name
        gitrepo.git(
            base.path, "fetch", "--quiet", str(fork.path), f"+{head_sha}:refs/pull/{pr.number}/head"
        )
        if deliver:
            self.deliver("pull_request", self.pull_payload(repo, pr.number, "opened"))
        return pr

    def repo(self, full_name: str) -> Repo:
        return self.state.repo(full_name)

    # ------------------------------------------------------------------ internal creators
    def _new_issue(
        self,
        repo: Repo,
        *,
        title: str,
        body: str | None,
        user: str,
        labels: list[str] | None = None,
        assignees: list[str] | None = None,
        via_app: bool = False,
        is_pull: bool = False,
    ) -> Issue:
        with self.state.lock:
            at = now_iso()
            number = repo.next_number
            repo.next_number += 1
            names = []
            for lab in labels or []:
                key = lab.lower()
                if key not in repo.labels:
                    repo.labels[key] = Label(self.state.next_id(), lab)
                names.append(repo.labels[key].name)
            issue = Issue(
                number=number,
                id=self.state.next_id(),
                repo=repo.full_name,
                title=title,
                body=body,
                user=user,
                created_at=at,
                updated_at=at,
                labels=names,
                assignees=list(assignees or []),
                is_pull=is_pull,
                via_app=via_app,
                history=[Edit(body, at, user)],
            )
            repo.issues[number] = issue
            return issue

    def _new_comment(
        self, repo: Repo, number: int, body: str, user: str, via_app: bool = False
    ) -> Comment:
        with self.state.lock:
            at = now_iso()
            c = Comment(
                id=self.state.next_id(),
                repo=repo.full_name,
                issue_number=number,
                user=user,
                body=body,
                created_at=at,
                updated_at=at,
                via_app=via_app,
                history=[Edit(body, at, user)],
            )
            self.state.comments[c.id] = c
            issue = repo.issues[number]
            issue.updated_at = at
            return c

    def _new_pull(
        self,
        repo: Repo,
        *,
        title: str,
        body: str | None,
        user: str,
        head: str,
        base: str,
        head_sha: str,
        base_sha: str,
        draft: bool = False,
        maintainer_can_modify: bool = False,
    ) -> PullRequest:
        with self.state.lock:
            issue = self._new_issue(
                repo,
                title=title,
                body=body,
                user=user,
                is_pull=True,
                via_app=user == self.bot_login,
            )
            pr = PullRequest(
                number=issue.number,
                id=self.state.next_id(),
                repo=repo.full_name,
                title=title,
                body=body,
                user=user,
                head_ref=head,
                base_ref=base,
                head_sha=head_sha,
                base_sha=base_sha,
                created_at=issue.created_at,
                updated_at=issue.created_at,
                draft=draft,
                maintainer_can_modify=maintainer_can_modify,
                history=[Edit(body, issue.created_at, user)],
            )
            repo.pulls[pr.number] = pr
            repo.sync_pull_refs()
            return pr

    def _suite_id(self, repo: Repo, sha: str) -> int:
        key = (repo.full_name.lower(), sha)
        if key not in self._suites:
            self._suites[key] = self.state.next_id()
        return self._suites[key]

    def _merge(
        self,
        repo: Repo,
        pr: PullRequest,
        *,
        by: str,
        method: str = "merge",
        title: str | None = None,
        message: str | None = None,
    ) -> str:
        with self.state.lock:
            repo.sync_pull_refs()
            head_sha, base_sha = self.renderer.pull_shas(repo, pr)
            user = self.state.users.get(by.lower())
            author = (by, f"{user.id if user else 0}+{by}@users.noreply.github.com")
            if method == "squash":
                tree_out = gitrepo.git(
                    repo.path, "merge-tree", "--write-tree", base_sha, head_sha, check=False
                )
                if tree_out.returncode != 0:
                    raise gitrepo.GitError("merge conflict")
                tree = tree_out.stdout.decode().split()[0]
                msg = (title or f"{pr.title} (#{pr.number})") + (
                    "\n\n" + message if message else ""
                )
                env = {
                    "GIT_AUTHOR_NAME": author[0],
                    "GIT_AUTHOR_EMAIL": author[1],
                    "GIT_COMMITTER_NAME": "GitHub",
                    "GIT_COMMITTER_EMAIL": "noreply@github.com",
                }
                sha = gitrepo.git_out(
                    repo.path, "commit-tree", tree, "-p", base_sha, "-m", msg, env=env
                )
                gitrepo.git(repo.path, "update-ref", f"refs/heads/{pr.base_ref}", sha, base_sha)
            else:
                msg = (
                    title or f"Merge pull request #{pr.number} from {repo.owner}/{pr.head_ref}"
                ) + ("\n\n" + (message if message is not None else pr.title))
                sha = gitrepo.merge(repo.path, pr.base_ref, head_sha, msg, author)
            at = now_iso()
            pr.head_sha, pr.base_sha = head_sha, base_sha
            pr.state, pr.merged, pr.merged_at, pr.merged_by = "closed", True, at, by
            pr.closed_at = pr.updated_at = at
            pr.merge_commit_sha = sha
            issue = repo.issues[pr.number]
            issue.state, issue.closed_at, issue.updated_at = "closed", at, at
            issue.closed_by = by
            repo.pushed_at = at
            repo.pushes.append(
                {
                    "ref": f"refs/heads/{pr.base_ref}",
                    "before": base_sha,
                    "after": sha,
                    "at": at,
                    "installation_id": None,
                    "via": "merge",
                }
            )
            # closing keywords close the linked issues when merging into the default branch
            if pr.base_ref == repo.default_branch:
                for m in CLOSING.finditer(pr.body or ""):
                    linked = repo.issues.get(int(m.group(1)))
                    if linked is not None and linked.state == "open" and not linked.is_pull:
                        linked.state, linked.state_reason = "closed", "completed"
                        linked.closed_at, linked.closed_by, linked.updated_at = at, by, at
            return sha

    # ------------------------------------------------------------------ faults and log
    def fail_next(
        self,
        method: str,
        path: str,
        *,
        status: int = 502,
        headers: dict[str, str] | None = None,
        body: Any = None,
        times: int = 1,
        delay: float = 0.0,
        execute: bool = False,
    ) -> FaultRule:
        """The next ``times`` requests matching ``method`` (or ``"*"``) and ``path`` get this
        answer instead. REST paths are written without ``/api/v3`` (``/repos/o/r/pulls``); git
        paths as they are (``/o/r.git/git-receive-pack``); ``*`` globs are allowed. Rules queue
        in order. ``delay`` sleeps first (client timeouts). ``execute=True`` runs the real handler
        before answering with the fault: the PR/comment IS created but the client sees e.g. a 502
        (what a proxy timeout on github.com looks like) - the case idempotent jobs must survive."""
        rule = FaultRule(
            method.upper(), path, status, dict(headers or {}), body, times, delay, execute
        )
        with self.state.lock:
            self._faults.append(rule)
        return rule

    def fail_secondary_rate_limit(
        self, method: str, path: str, *, retry_after: int = 1, times: int = 1
    ) -> FaultRule:
        return self.fail_next(
            method,
            path,
            status=403,
            headers={"Retry-After": str(retry_after)},
            body={
                "message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.",
                "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
                "status": "403",
            },
            times=times,
        )

    def clear_faults(self) -> None:
        with self.state.lock:
            self._faults.clear()

    @property
    def pending_faults(self) -> list[FaultRule]:
        return list(self._faults)

    def requests(self, method: str | None = None, path: str | None = None) -> list[RequestRecord]:
        """The request log, optionally filtered (``path`` may be a glob)."""
        import fnmatch

        with self.state.lock:
            recs = list(self.state.requests)
        return [
            r
            for r in recs
            if (method is None or r.method == method.upper())
            and (path is None or r.path == path or fnmatch.fnmatchcase(r.path, path))
        ]

    # ------------------------------------------------------------------ webhooks
    def deliver(
        self,
        event: str,
        payload: dict[str, Any] | bytes,
        *,
        delivery_id: str | None = None,
        secret: str | None = None,
        url: str | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 10.0,
    ) -> httpx.Response:
        """POST a delivery to the bot, signed as GitHub signs (``secret`` overrides the
        configured one, e.g. to forge). ``payload`` may be raw bytes (malformed-JSON tests)."""
        target = url or self.webhook_url
        if not target:
            raise RuntimeError("no webhook_url configured")
        body = payload if isinstance(payload, bytes) else webhooks.encode(payload)
        hdrs = webhooks.headers_for(
            event,
            body,
            secret=secret if secret is not None else self.webhook_secret,
            delivery_id=delivery_id,
            app_id=self.app.id,
        )
        if headers:
            hdrs.update(headers)
        action = payload.get("action") if isinstance(payload, dict) else None
        record = Delivery(
            event=event,
            action=action,
            delivery_id=hdrs["X-GitHub-Delivery"],
            payload=payload if isinstance(payload, dict) else {},
            headers=hdrs,
            status=None,
            response_body=None,
        )
        with self.state.lock:
            self.state.deliveries.append(record)
        resp = httpx.post(target, content=body, headers=hdrs, timeout=timeout)
        record.status = resp.status_code
        record.response_body = resp.text[:2000]
        return resp

    def redeliver(self, delivery: Delivery | None = None) -> httpx.Response:
        """Send a recorded delivery again, same GUID (what "Redeliver" in GitHub's UI does)."""
        d = delivery or self.state.deliveries[-1]
        return self.deliver(d.event, d.payload, delivery_id=d.delivery_id)

    @property
    def last_delivery(self) -> Delivery | None:
        return self.state.deliveries[-1] if self.state.deliveries else None

    # ---- payload builders (all return the payload; the event helpers below also deliver)
    def _rewriter(self, tmpl: dict[str, Any], repo: Repo) -> webhooks.Rewriter:
        trepo = tmpl.get("repository") or {}
        pairs = [
            ("https://api.github.com", self.renderer.api),
            ("https://github.com", self.renderer.web),
        ]
        if trepo.get("full_name"):
            pairs.append((trepo["full_name"], repo.full_name))
        return webhooks.Rewriter(pairs)

    def _payload(
        self,
        file: str,
        repo: Repo,
        action: str | None,
        sender: str,
        ours: dict[str, Any],
    ) -> dict[str, Any]:
        tmpl = webhooks.template(file)
        rw = self._rewriter(tmpl, repo)
        inst = self.installation_for(repo.full_name)
        owner = self.state.users.get(repo.owner.lower())
        values: dict[str, Any] = {
            **ours,
            "repository": self.renderer.repo(repo, full=False),
            "sender": self.renderer.user(sender),
            "installation": {"id": inst.id, "node_id": node_id("IntegrationInstallation", inst.id)},
        }
        if action is not None:
            values["action"] = action
        out: dict[str, Any] = webhooks.shape(tmpl, values, rw)
        for key, val in values.items():  # keys the recording lacks (installation, ...)
            if key not in out:
                out[key] = val
        if owner is not None and owner.type == "Organization":
            org = self.renderer.user_obj(owner)
            a = f"{self.renderer.api}/orgs/{owner.login}"
            org_obj = {
                "login": owner.login,
                "id": owner.id,
                "node_id": org["node_id"],
                "url": a,
                "repos_url": f"{a}/repos",
                "events_url": f"{a}/events",
                "hooks_url": f"{a}/hooks",
                "issues_url": f"{a}/issues",
                "members_url": f"{a}/members{{/member}}",
                "public_members_url": f"{a}/public_members{{/member}}",
                "avatar_url": org["avatar_url"],
                "description": None,
            }
            out["organization"] = org_obj
        else:
            out.pop("organization", None)
        if action is None:
            out.pop("action", None)
        return out

    def issue_payload(
        self,
        repo: str,
        number: int,
        action: str = "opened",
        *,
        sender: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        r = self.state.repo(repo)
        issue = r.issues[number]
        file = webhooks.TEMPLATE_FILES[("issues", action)]
        return self._payload(
            file,
            r,
            action,
            sender or issue.user,
            {"issue": self.renderer.issue(r, issue), **(extra or {})},
        )

    def comment_payload(
        self,
        repo: str,
        comment_id: int,
        action: str = "created",
        *,
        extra: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        c = self.state.comments[comment_id]
        r = self.state.repo(c.repo)
        issue = r.issues[c.issue_number]
        key = ("issue_comment", action, "pr") if issue.is_pull else ("issue_comment", action)
        return self._payload(
            webhooks.TEMPLATE_FILES[key],
            r,
            action,
            c.user,
            {
                "issue": self.renderer.issue(r, issue),
                "comment": self.renderer.comment(r, c),
                **(extra or {}),
            },
        )

    def pull_payload(
        self, repo: str, number: int, action: str, *, sender: str | None = None
    ) -> dict[str, Any]:
        r = self.state.repo(repo)
        pr = r.pulls[number]
        key = (
            ("pull_request", "closed", "merged")
            if (action == "closed" and pr.merged)
            else ("pull_request", action)
        )
        return self._payload(
            webhooks.TEMPLATE_FILES[key],
            r,
            action,
            sender or pr.user,
            {"number": pr.number, "pull_request": self.renderer.pull(r, pr)},
        )

    def review_payload(
        self, repo: str, review_id: int, action: str = "submitted"
    ) -> dict[str, Any]:
        r = self.state.repo(repo)
        review = self.state.reviews[review_id]
        pr = r.pulls[review.pull_number]
        rv = self.renderer.review(r, review)
        rv["state"] = review.state.lower()  # webhooks use lower case, REST upper case
        rv.setdefault("submitted_at", None)
        return self._payload(
            webhooks.TEMPLATE_FILES[("pull_request_review", action)],
            r,
            action,
            review.user,
            {"review": rv, "pull_request": self.renderer.pull(r, pr, simple=True)},
        )

    def push_payload(
        self, repo: str, push: dict[str, Any] | None = None, *, pusher: str | None = None
    ) -> dict[str, Any]:
        """``push`` event for one recorded ref update (default: the latest in ``repo.pushes``)."""
        r = self.state.repo(repo)
        p = push or r.pushes[-1]
        zero = "0" * 40
        before, after = p["before"] or zero, p["after"] or zero
        commits: list[dict[str, Any]] = []
        if after != zero:
            if before != zero:
                shas = gitrepo.git_out(
                    r.path, "rev-list", "--max-count=20", f"{before}..{after}"
                ).split()
            else:  # a new ref: the commits no other ref has
                shas = gitrepo.git_out(
                    r.path,
                    "rev-list",
                    "--max-count=20",
                    after,
                    "--not",
                    f"--exclude={p['ref']}",
                    "--glob=refs/heads/*",  # branches only, as GitHub counts (not refs/pull/*)
                ).split()
            for info in reversed([gitrepo.commit_info(r.path, x) for x in shas]):
                files = gitrepo.git_out(
                    r.path, "diff-tree", "--no-commit-id", "--name-status", "-r", "--root", info.sha
                )
                added: list[str] = []
                removed: list[str] = []
                modified: list[str] = []
                for line in files.splitlines():
                    status, _, path = line.partition("\t")
                    {"A": added, "D": removed}.get(status[:1], modified).append(path)
                commits.append(
                    {
                        "id": info.sha,
                        "tree_id": info.tree,
                        "distinct": True,
                        "message": info.message,
                        "timestamp": info.committer_date,
                        "url": f"{self.renderer.web}/{r.full_name}/commit/{info.sha}",
                        "author": {"name": info.author_name, "email": info.author_email},
                        "committer": {"name": info.committer_name, "email": info.committer_email},
                        "added": added,
                        "removed": removed,
                        "modified": modified,
                    }
                )
        who = pusher or (self.bot_login if p.get("installation_id") else r.owner)
        user = self.state.users.get(who.lower())
        ours = {
            "ref": p["ref"],
            "before": before,
            "after": after,
            "created": before == zero,
            "deleted": after == zero,
            "forced": False,
            "base_ref": None,
            "compare": f"{self.renderer.web}/{r.full_name}/compare/{before[:12]}...{after[:12]}",
            "commits": commits,
            "head_commit": commits[-1] if commits else None,
            "pusher": {
                "name": who,
                "email": f"{user.id if user else 0}+{who}@users.noreply.github.com",
            },
        }
        out = self._payload("push.json", r, None, who, ours)
        out["head_commit"] = commits[-1] if commits else None
        out["commits"] = commits
        return out

    def installation_payload(self, account: str, action: str = "created") -> dict[str, Any]:
        inst = next(
            i for i in self.state.installations.values() if i.account.lower() == account.lower()
        )
        repos = [x for x in self.state.repos.values() if inst.covers(x)]
        tmpl = webhooks.template("installation.created.json")
        rw = webhooks.Rewriter(
            [
                ("https://api.github.com", self.renderer.api),
                ("https://github.com", self.renderer.web),
            ]
        )
        ours = {
            "action": action,
            "installation": self.renderer.installation(inst),
            "repositories": [
                {
                    "id": x.id,
                    "node_id": node_id("Repository", x.id),
                    "name": x.name,
                    "full_name": x.full_name,
                    "private": x.private,
                }
                for x in repos
            ],
            "sender": self.renderer.user(inst.account),
        }
        shaped: dict[str, Any] = webhooks.shape(tmpl, ours, rw)
        return shaped | {"installation": self.renderer.installation(inst)}

    def ping_payload(self, repo: str) -> dict[str, Any]:
        r = self.state.repo(repo)
        return self._payload(
            "ping.json", r, None, r.owner, {"zen": "Design for failure.", "hook_id": 424242}
        )

    # ---- what a user does on GitHub: change state, then deliver the event
    def open_issue(
        self,
        repo: str,
        title: str,
        body: str | None = None,
        *,
        user: str | None = None,
        labels: list[str] | None = None,
        deliver: bool = True,
        delivery_id: str | None = None,
    ) -> Issue:
        """Create the issue (as ``user``, default the repo owner) and deliver ``issues.opened``."""
        r = self.state.repo(repo)
        login = user or r.owner
        if login.lower() not in self.state.users:
            self.add_user(login)
        issue = self._new_issue(
            r, title=title, body=body, user=self.state.user(login).login, labels=labels
        )
        if deliver:
            self.deliver(
                "issues", self.issue_payload(repo, issue.number, "opened"), delivery_id=delivery_id
            )
        return issue

    def edit_issue(
        self,
        repo: str,
        number: int,
        *,
        title: str | None = None,
        body: str | None = None,
        user: str | None = None,
        deliver: bool = True,
    ) -> Issue:
        """Edit title/body and deliver ``issues.edited`` with ``changes`` as GitHub sends it."""
        r = self.state.repo(repo)
        issue = r.issues[number]
        changes: dict[str, Any] = {}
        with self.state.lock:
            if title is not None and title != issue.title:
                changes["title"] = {"from": issue.title}
                issue.title = title
                if issue.is_pull:
                    r.pulls[number].title = title
            if body is not None and body != issue.body:
                changes["body"] = {"from": issue.body or ""}
                issue.body = body
                if issue.is_pull:
                    r.pulls[number].body = body
            issue.updated_at = now_iso()
            issue.history.append(Edit(issue.body, issue.updated_at, user or issue.user))
        if deliver:
            self.deliver(
                "issues",
                self.issue_payload(
                    repo, number, "edited", sender=user or issue.user, extra={"changes": changes}
                ),
            )
        return issue

    def close_issue(
        self, repo: str, number: int, *, user: str | None = None, deliver: bool = True
    ) -> Issue:
        r = self.state.repo(repo)
        issue = r.issues[number]
        with self.state.lock:
            at = now_iso()
            issue.state, issue.state_reason, issue.closed_at = "closed", "completed", at
            issue.closed_by = user or issue.user
            issue.updated_at = at
        if deliver:
            self.deliver(
                "issues", self.issue_payload(repo, number, "closed", sender=user or issue.user)
            )
        return issue

    def comment(
        self,
        repo: str,
        number: int,
        body: str,
        *,
        user: str | None = None,
        deliver: bool = True,
        delivery_id: str | None = None,
    ) -> Comment:
        """Comment as ``user`` on issue or PR ``number`` and deliver ``issue_comment.created``
        (on a PR the payload's ``issue`` has ``pull_request``, as GitHub's does)."""
        r = self.state.repo(repo)
        login = user or r.owner
        if login.lower() not in self.state.users:
            self.add_user(login)
        c = self._new_comment(r, number, body, self.state.user(login).login)
        if deliver:
            self.deliver(
                "issue_comment",
                self.comment_payload(repo, c.id, "created"),
                delivery_id=delivery_id,
            )
        return c

    def label_issue(
        self,
        repo: str,
        number: int,
        label: str,
        *,
        user: str | None = None,
        deliver: bool = True,
    ) -> Issue:
        """Add ``label`` (created in the repo if new) and deliver ``issues.labeled``."""
        r = self.state.repo(repo)
        issue = r.issues[number]
        login = user or r.owner
        if login.lower() not in self.state.users:
            self.add_user(login)
        with self.state.lock:
            key = label.lower()
            if key not in r.labels:
                r.labels[key] = Label(self.state.next_id(), label)
            lab = r.labels[key]
            if lab.name.lower() not in {x.lower() for x in issue.labels}:
                issue.labels.append(lab.name)
            issue.updated_at = now_iso()
        if deliver:
            self.deliver(
                "issues",
                self.issue_payload(
                    repo,
                    number,
                    "labeled",
                    sender=login,
                    extra={"label": self.renderer.label(r, lab)},
                ),
            )
        return issue

    def merge_pull(
        self,
        repo: str,
        number: int,
        *,
        by: str | None = None,
        method: str = "merge",
        deliver: bool = True,
    ) -> str:
        """A real git merge of the PR into its base (merge commit), then ``pull_request.closed``
        with ``merged: true``. Closing keywords in the body close the linked issues. -> sha."""
        r = self.state.repo(repo)
        pr = r.pulls[number]
        login = by or r.owner
        if login.lower() not in self.state.users:
            self.add_user(login)
        sha = self._merge(r, pr, by=self.state.user(login).login, method=method)
        if deliver:
            self.deliver("pull_request", self.pull_payload(repo, number, "closed", sender=login))
        return sha

    def ping(self, repo: str) -> httpx.Response:
        return self.deliver("ping", self.ping_payload(repo))

    # ------------------------------------------------------------------ convenience for asserts
    def pulls(self, repo: str) -> list[PullRequest]:
        return sorted(self.state.repo(repo).pulls.values(), key=lambda p: p.number)

    def comments(self, repo: str, number: int) -> list[Comment]:
        return sorted(self.state.comments_on(repo, number), key=lambda c: c.id)

    def bot_comments(self, repo: str, number: int) -> list[Comment]:
        return [c for c in self.comments(repo, number) if c.user == self.bot_login]

    def reactions(self, repo: str, number: int) -> list[str]:
        return [r.content for r in self.state.reactions_on_issue(repo, number)]

    def reviews(self, repo: str, number: int) -> list[Review]:
        return sorted(self.state.reviews_on(repo, number), key=lambda r: r.id)

    def review_comments(self, repo: str, number: int) -> list[ReviewComment]:
        return sorted(self.state.review_comments_on(repo, number), key=lambda c: c.id)

    def check_runs(self, repo: str, sha: str | None = None) -> list[CheckRun]:
        return sorted(self.state.check_runs_for(repo, sha), key=lambda c: c.id)

    def github(self, installation: int | str | None = None, **kwargs: Any) -> GitHub[Any]:
        """A githubkit client against this stand-in: the App itself (JWT), or, with an
        installation id or repo name, that installation. Needs ``private_key_pem``."""
        from githubkit import AppAuthStrategy, AppInstallationAuthStrategy, GitHub

        if self.private_key_pem is None:
            raise RuntimeError("StandIn(private_key_pem=...) is needed for a client")
        if installation is None:
            auth: Any = AppAuthStrategy(self.app.id, self.private_key_pem)
        else:
            inst_id = (
                installation
                if isinstance(installation, int)
                else self.installation_for(installation).id
            )
            auth = AppInstallationAuthStrategy(self.app.id, self.private_key_pem, inst_id)
        return GitHub(auth, base_url=self.api_url, **kwargs)
