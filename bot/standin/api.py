"""The stand-in's HTTP surface: REST under /api/v3/ and git smart-HTTP at /<owner>/<repo>.git/.

One Starlette app with a hand-written router, so that every response (404s included) has
GitHub's shape and every request goes through the same fault injection and request log.
"""

from __future__ import annotations

import base64
import fnmatch
import json
import re
import secrets
import string
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http import HTTPStatus
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, quote, unquote

import jwt
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from . import gitrepo
from .render import REACTION_CONTENTS
from .state import (
    CheckRun,
    Comment,
    Edit,
    Issue,
    Label,
    PullRequest,
    Reaction,
    Repo,
    RequestRecord,
    Review,
    ReviewComment,
    Token,
    now_iso,
)

if TYPE_CHECKING:
    from .render import Renderer
    from .server import StandIn
    from .state import Installation, State

DOCS = "https://docs.github.com/rest"
MAX_BODY = 65536
API_PREFIX = "/api/v3"
ISO_Z = "%Y-%m-%dT%H:%M:%SZ"


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        message: str,
        *,
        errors: list[Any] | None = None,
        doc: str = DOCS,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors
        self.doc = doc
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        data: dict[str, Any] = {"message": self.message}
        if self.errors is not None:
            data["errors"] = self.errors
        data["documentation_url"] = self.doc
        data["status"] = str(self.status)
        return data


def not_found() -> ApiError:
    return ApiError(404, "Not Found")


def validation_failed(*errors: Any, message: str = "Validation Failed") -> ApiError:
    return ApiError(422, message, errors=list(errors))


@dataclass
class FaultRule:
    method: str
    path: str  # exact path or fnmatch pattern, REST paths without /api/v3
    status: int
    headers: dict[str, str]
    body: Any
    times: int
    delay: float = 0.0
    execute: bool = False  # run the real handler first: the write happens, the answer is lost
    hits: int = 0


@dataclass
class Ctx:
    method: str
    path: str
    query: dict[str, list[str]]
    body: Any
    auth_kind: str | None = None
    token: Token | None = None
    params: dict[str, str] = field(default_factory=dict)
    repo: Repo | None = None

    def q(self, name: str, default: str | None = None) -> str | None:
        vals = self.query.get(name)
        return vals[0] if vals else default

    def json(self) -> dict[str, Any]:
        if self.body is None:
            return {}
        if not isinstance(self.body, dict):
            raise ApiError(400, "Problems parsing JSON")
        return self.body


Reply = tuple[int, Any] | tuple[int, Any, dict[str, str]]  # status, body[, headers]
Handler = Callable[[Ctx], Reply]


@dataclass
class RouteDef:
    method: str
    regex: re.Pattern[str]
    handler: Handler
    auth: str  # "jwt" | "token" | "none"
    perms: list[tuple[str, str]]  # any of (permission, level)


PERM_RANK = {"none": 0, "read": 1, "write": 2, "admin": 3}


def _p(pattern: str) -> re.Pattern[str]:
    rx = re.sub(r"\{(\w+):path\}", r"(?P<\1>.+)", pattern)
    rx = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", rx)
    return re.compile("^" + rx + "$")


def _ts(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime(ISO_Z)


class GitHubApi:
    """ASGI app. ``standin`` owns the state; this class only speaks HTTP."""

    def __init__(self, standin: StandIn) -> None:
        self.s = standin
        self.routes: list[RouteDef] = []
        self._register()

    # ------------------------------------------------------------------ plumbing
    @property
    def state(self) -> State:
        return self.s.state

    @property
    def r(self) -> Renderer:
        return self.s.renderer

    def route(
        self,
        method: str,
        pattern: str,
        auth: str = "token",
        perms: list[tuple[str, str]] | None = None,
    ) -> Callable[[Handler], Handler]:
        def deco(fn: Handler) -> Handler:
            self.routes.append(RouteDef(method, _p(pattern), fn, auth, perms or []))
            return fn

        return deco

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if scope["type"] != "http":
            return
        request = Request(scope, receive)
        response = await self.handle(request)
        await response(scope, receive, send)

    def _fault(self, method: str, path: str) -> FaultRule | None:
        with self.state.lock:
            for rule in self.s._faults:
                if rule.method not in ("*", method):
                    continue
                if rule.path == path or fnmatch.fnmatchcase(path, rule.path):
                    rule.hits += 1
                    if rule.hits >= rule.times:
                        self.s._faults.remove(rule)
                    return rule
        return None

    async def handle(self, request: Request) -> Response:
        raw_path = request.url.path
        method = request.method.upper()
        body_bytes = await request.body()
        is_git = ".git/" in raw_path and not raw_path.startswith(API_PREFIX + "/")
        path = raw_path[len(API_PREFIX) :] if raw_path.startswith(API_PREFIX + "/") else raw_path
        path = path.rstrip("/") if len(path) > 1 and not is_git else path
        record = RequestRecord(
            method=method,
            path=path,
            query=request.url.query,
            status=0,
            auth=None,
            body=None,
            at=time.time(),
        )
        if not is_git and body_bytes:
            try:
                record.body = json.loads(body_bytes)
            except ValueError:
                record.body = body_bytes[:2000].decode(errors="replace")
        with self.state.lock:
            self.state.requests.append(record)

        rule = self._fault(method, path)
        if rule is not None:
            record.injected = True
            if rule.delay:
                await run_in_threadpool(time.sleep, rule.delay)
            if rule.execute:
                if is_git:
                    await run_in_threadpool(
                        self._git, request, method, raw_path, body_bytes, record
                    )
                else:
                    await run_in_threadpool(self._rest, request, method, path, body_bytes, record)
            body = rule.body
            if body is None:
                try:
                    phrase = HTTPStatus(rule.status).phrase
                except ValueError:
                    phrase = "Error"
                body = {"message": phrase, "documentation_url": DOCS, "status": str(rule.status)}
            headers = {**self._std_headers(), **rule.headers}
            record.status = rule.status
            content = body if isinstance(body, bytes) else json.dumps(body).encode()
            return Response(
                content, rule.status, headers=headers, media_type="application/json; charset=utf-8"
            )

        if is_git:
            resp = await run_in_threadpool(self._git, request, method, raw_path, body_bytes, record)
            record.status = resp.status_code
            return resp

        if not raw_path.startswith(API_PREFIX + "/") and raw_path != API_PREFIX:
            record.status = 404
            return Response(b"Not Found", 404, media_type="text/plain")
        resp = await run_in_threadpool(self._rest, request, method, path, body_bytes, record)
        record.status = resp.status_code
        return resp

    def _std_headers(self) -> dict[str, str]:
        reset = int(time.time()) + 3600
        return {
            "X-GitHub-Media-Type": "github.v3; format=json",
            "X-GitHub-Api-Version-Selected": "2022-11-28",
            "X-RateLimit-Limit": "5000",
            "X-RateLimit-Remaining": "4999",
            "X-RateLimit-Reset": str(reset),
            "X-RateLimit-Used": "1",
            "X-RateLimit-Resource": "core",
            "X-GitHub-Request-Id": uuid.uuid4().hex[:16].upper(),
        }

    def _json(self, status: int, data: Any, headers: dict[str, str] | None = None) -> Response:
        all_headers = self._std_headers()
        if headers:
            all_headers.update(headers)
        if status == 204:
            return Response(b"", 204, headers=all_headers)
        return Response(
            json.dumps(data).encode(),
            status,
            headers=all_headers,
            media_type="application/json; charset=utf-8",
        )

    # ------------------------------------------------------------------ auth
    def _authenticate(self, header: str | None) -> tuple[str | None, Token | None]:
        """-> (kind, token). kind: None (anonymous), "jwt", "installation"; raises on bad creds."""
        if not header:
            return None, None
        scheme, _, cred = header.partition(" ")
        scheme = scheme.lower()
        cred = cred.strip()
        if scheme == "basic":
            try:
                _user, _, cred = base64.b64decode(cred).decode().partition(":")
            except (ValueError, UnicodeDecodeError) as exc:
                raise ApiError(401, "Bad credentials") from exc
        elif scheme not in ("bearer", "token"):
            raise ApiError(401, "Bad credentials")
        if cred.count(".") == 2 and not cred.startswith("ghs_"):
            self._verify_jwt(cred)
            return "jwt", None
        with self.state.lock:
            token = self.state.tokens.get(cred)
        if token is None or not token.valid():
            raise ApiError(401, "Bad credentials")
        return "installation", token

    def _verify_jwt(self, raw: str) -> None:
        app = self.state.app
        if app is None:
            raise ApiError(401, "A JSON web token could not be decoded")
        try:
            claims = jwt.decode(
                raw,
                app.public_key_pem,
                algorithms=["RS256"],
                options={"require": ["iat", "exp", "iss"], "verify_iat": False},
                leeway=30,
            )
        except jwt.ExpiredSignatureError as exc:
            raise ApiError(
                401,
                "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
            ) from exc
        except jwt.PyJWTError as exc:
            raise ApiError(401, "A JSON web token could not be decoded") from exc
        now = time.time()
        if claims["exp"] - now > 600 + 30:
            raise ApiError(401, "'Expiration time' claim ('exp') is too far in the future")
        if claims["iat"] - now > 60:
            raise ApiError(
                401, "'Issued at' claim ('iat') must be an Integer representing a time in the past"
            )
        if str(claims["iss"]) not in (str(app.id), app.client_id):
            raise ApiError(401, "Integration not found")

    def _token_can(self, token: Token, perms: list[tuple[str, str]]) -> bool:
        if not perms:
            return True
        for name, level in perms:
            have = token.permissions.get(name, "none")
            if name == "metadata" and have == "none" and token.permissions:
                have = "read"  # every installation can read metadata
            if PERM_RANK.get(have, 0) >= PERM_RANK[level]:
                return True
        return False

    def _repo_for(self, ctx: Ctx, owner: str, name: str, *, write: bool) -> Repo:
        with self.state.lock:
            repo = self.state.repos.get(f"{owner}/{name}".lower())
        if repo is None:
            raise not_found()
        if ctx.auth_kind == "installation" and ctx.token is not None:
            inst = self.state.installations.get(ctx.token.installation_id)
            if inst is None or not inst.covers(repo):
                raise not_found()
            if ctx.token.repositories is not None and repo.name.lower() not in {
                r.lower() for r in ctx.token.repositories
            }:
                raise not_found()
        elif ctx.auth_kind is None:
            if repo.private:
                raise not_found()
            if write:
                raise ApiError(401, "Requires authentication")
        return repo

    # ------------------------------------------------------------------ REST dispatch
    def _rest(
        self, request: Request, method: str, path: str, body_bytes: bytes, record: RequestRecord
    ) -> Response:
        try:
            body: Any = None
            if body_bytes:
                try:
                    body = json.loads(body_bytes)
                except ValueError as exc:
                    raise ApiError(400, "Problems parsing JSON") from exc
            ctx = Ctx(method=method, path=path, query=parse_qs(request.url.query), body=body)
            match: tuple[RouteDef, dict[str, str]] | None = None
            path_matched = False
            for rd in self.routes:
                m = rd.regex.match(path)
                if not m:
                    continue
                path_matched = True
                if rd.method == method:
                    match = (rd, {k: unquote(v) for k, v in m.groupdict().items()})
                    break
            if match is None:
                if path_matched:
                    raise ApiError(404, "Not Found")
                raise not_found()
            rd, params = match
            ctx.params = params
            kind, token = self._authenticate(request.headers.get("authorization"))
            ctx.auth_kind, ctx.token = kind, token
            record.auth = kind
            if rd.auth == "jwt":
                if kind != "jwt":
                    raise ApiError(401, "A JSON web token could not be decoded")
            elif rd.auth == "token":
                if kind == "jwt":
                    raise ApiError(403, "Resource not accessible by integration")
                if "owner" in params and "repo" in params:
                    ctx.repo = self._repo_for(
                        ctx, params["owner"], params["repo"], write=method != "GET"
                    )
                elif kind is None:
                    raise ApiError(401, "Requires authentication")
                if (
                    kind == "installation"
                    and token is not None
                    and not self._token_can(token, rd.perms)
                ):
                    raise ApiError(403, "Resource not accessible by integration")
            result = rd.handler(ctx)
            status, data = result[0], result[1]
            headers = result[2] if len(result) > 2 else None
            return self._json(status, data, headers)
        except ApiError as err:
            record.auth = record.auth or None
            return self._json(err.status, err.body(), err.headers)

    def _paginate(self, ctx: Ctx, items: list[Any]) -> tuple[list[Any], dict[str, str]]:
        try:
            per_page = max(1, min(100, int(ctx.q("per_page", "30") or 30)))
            page = max(1, int(ctx.q("page", "1") or 1))
        except ValueError:
            per_page, page = 30, 1
        last = max(1, (len(items) + per_page - 1) // per_page)
        chunk = items[(page - 1) * per_page : page * per_page]
        links = []
        base = f"{self.r.api}{ctx.path}"
        other = [(k, v) for k, vs in ctx.query.items() for v in vs if k not in ("page", "per_page")]

        def url(p: int) -> str:
            qs = "&".join(
                f"{k}={quote(v)}"
                for k, v in other + [("per_page", str(per_page)), ("page", str(p))]
            )
            return f"{base}?{qs}"

        if page < last:
            links.append(f'<{url(page + 1)}>; rel="next"')
            links.append(f'<{url(last)}>; rel="last"')
        if page > 1:
            links.append(f'<{url(1)}>; rel="first"')
            links.append(f'<{url(page - 1)}>; rel="prev"')
        return chunk, ({"Link": ", ".join(links)} if links else {})

    def _actor(self, ctx: Ctx) -> str:
        app = self.state.app
        if ctx.auth_kind == "installation" and app is not None:
            return app.bot_login
        raise ApiError(401, "Requires authentication")

    def _issue(self, repo: Repo, number: str | int) -> Issue:
        try:
            n = int(number)
        except ValueError as exc:
            raise not_found() from exc
        issue = repo.issues.get(n)
        if issue is None:
            raise not_found()
        return issue

    def _pull(self, repo: Repo, number: str | int) -> PullRequest:
        try:
            n = int(number)
        except ValueError as exc:
            raise not_found() from exc
        pr = repo.pulls.get(n)
        if pr is None:
            raise not_found()
        return pr

    @staticmethod
    def _check_body(value: Any, resource: str = "Issue", field_name: str = "body") -> None:
        if value is not None and not isinstance(value, str):
            raise validation_failed(
                {"resource": resource, "code": "invalid", "field": field_name},
            )
        if isinstance(value, str) and len(value) > MAX_BODY:
            raise validation_failed(
                {
                    "resource": resource,
                    "code": "custom",
                    "field": field_name,
                    "message": f"{field_name} is too long (maximum is {MAX_BODY} characters)",
                }
            )

    def _ensure_label(self, repo: Repo, name: str) -> Label:
        key = name.lower()
        if key not in repo.labels:
            repo.labels[key] = Label(id=self.state.next_id(), name=name)
        return repo.labels[key]

    # ------------------------------------------------------------------ git smart HTTP
    def _git(
        self, request: Request, method: str, raw_path: str, body: bytes, record: RequestRecord
    ) -> Response:
        m = re.match(r"^/([^/]+)/([^/]+?)\.git(/.*)$", raw_path)
        if not m:
            return Response(b"Not Found", 404, media_type="text/plain")
        owner, name, rest = m.group(1), m.group(2), m.group(3)
        with self.state.lock:
            repo = self.state.repos.get(f"{owner}/{name}".lower())
        if repo is None:
            return Response(b"Repository not found.\n", 404, media_type="text/plain")
        query = request.url.query
        service = parse_qs(query).get("service", [""])[0]
        is_push = rest.endswith("/git-receive-pack") or service == "git-receive-pack"
        challenge = {"WWW-Authenticate": 'Basic realm="GitHub"'}

        header = request.headers.get("authorization")
        try:
            kind, token = self._authenticate(header)
        except ApiError:
            record.auth = "invalid"
            return Response(
                b"remote: Invalid username or token. Password authentication is not supported for Git operations.\n",
                401,
                headers=challenge,
                media_type="text/plain",
            )
        record.auth = kind
        if kind is None:
            if is_push or repo.private:
                return Response(
                    b"Authentication required\n", 401, headers=challenge, media_type="text/plain"
                )
        elif kind != "installation" or token is None:
            return Response(
                b"Authentication failed\n", 401, headers=challenge, media_type="text/plain"
            )
        else:
            inst = self.state.installations.get(token.installation_id)
            if (
                inst is None
                or not inst.covers(repo)
                or (
                    token.repositories is not None
                    and repo.name.lower() not in {x.lower() for x in token.repositories}
                )
            ):
                return Response(b"Repository not found.\n", 404, media_type="text/plain")
            need = "write" if is_push else "read"
            if PERM_RANK.get(token.permissions.get("contents", "none"), 0) < PERM_RANK[need]:
                msg = f"remote: Permission to {repo.full_name}.git denied to {self.state.app.bot_login if self.state.app else 'app'}.\n"
                return Response(msg.encode(), 403, media_type="text/plain")

        before = gitrepo.refs(repo.path) if is_push and method == "POST" else None
        env_user = "x-access-token" if kind else None
        wf = token.permissions.get("workflows", "none") if token else "none"
        cgi = gitrepo.http_backend(
            self.s.git_root,
            method=method,
            path_info=f"/{repo.owner}/{repo.name}.git{rest}",
            query_string=query,
            content_type=request.headers.get("content-type"),
            body=body,
            content_encoding=request.headers.get("content-encoding"),
            remote_user=env_user,
            git_protocol=request.headers.get("git-protocol"),
            extra_env={"STANDIN_WORKFLOWS": wf},
        )
        if before is not None:
            after = gitrepo.refs(repo.path)
            changed = {
                ref: (before.get(ref), after.get(ref))
                for ref in set(before) | set(after)
                if before.get(ref) != after.get(ref)
            }
            if changed:
                with self.state.lock:
                    at = now_iso()
                    repo.pushed_at = at
                    for ref, (old, new) in sorted(changed.items()):
                        repo.pushes.append(
                            {
                                "ref": ref,
                                "before": old,
                                "after": new,
                                "at": at,
                                "installation_id": token.installation_id if token else None,
                            }
                        )
                    repo.sync_pull_refs()
        return Response(cgi.body, cgi.status, headers=dict(cgi.headers))

    # ------------------------------------------------------------------ routes
    def _register(self) -> None:  # noqa: C901 - a route table
        route = self.route
        st = self.state

        # ---------------- app (JWT)
        @route("GET", "/app", auth="jwt")
        def get_app(ctx: Ctx) -> Reply:
            assert st.app is not None
            return 200, self.r.app(st.app)

        @route("GET", "/app/installations", auth="jwt")
        def list_installations(ctx: Ctx) -> Reply:
            items = [self.r.installation(i) for i in st.installations.values()]
            page, headers = self._paginate(ctx, items)
            return 200, page, headers

        @route("GET", "/app/installations/{id}", auth="jwt")
        def get_installation(ctx: Ctx) -> Reply:
            inst = (
                st.installations.get(int(ctx.params["id"])) if ctx.params["id"].isdigit() else None
            )
            if inst is None:
                raise not_found()
            return 200, self.r.installation(inst)

        def _inst_for_account(login: str) -> Installation | None:
            for inst in st.installations.values():
                if inst.account.lower() == login.lower():
                    return inst
            return None

        @route("GET", "/repos/{owner}/{repo}/installation", auth="jwt")
        def repo_installation(ctx: Ctx) -> Reply:
            repo = st.repos.get(f"{ctx.params['owner']}/{ctx.params['repo']}".lower())
            if repo is None:
                raise not_found()
            for inst in st.installations.values():
                if inst.covers(repo) and not inst.suspended:
                    return 200, self.r.installation(inst)
            raise not_found()

        @route("GET", "/orgs/{org}/installation", auth="jwt")
        def org_installation(ctx: Ctx) -> Reply:
            inst = _inst_for_account(ctx.params["org"])
            if inst is None:
                raise not_found()
            return 200, self.r.installation(inst)

        @route("GET", "/users/{user}/installation", auth="jwt")
        def user_installation(ctx: Ctx) -> Reply:
            return org_installation(
                Ctx(ctx.method, ctx.path, ctx.query, ctx.body, params={"org": ctx.params["user"]})
            )

        @route("POST", "/app/installations/{id}/access_tokens", auth="jwt")
        def create_token(ctx: Ctx) -> Reply:
            inst = (
                st.installations.get(int(ctx.params["id"])) if ctx.params["id"].isdigit() else None
            )
            if inst is None:
                raise not_found()
            if inst.suspended:
                raise ApiError(403, "This installation has been suspended")
            body = ctx.json()
            perms = dict(inst.permissions)
            if body.get("permissions"):
                asked = body["permissions"]
                for key, level in asked.items():
                    if PERM_RANK.get(inst.permissions.get(key, "none"), 0) < PERM_RANK.get(
                        level, 9
                    ):
                        raise ApiError(
                            422, "The permissions requested are not granted to this installation."
                        )
                perms = dict(asked)
                perms.setdefault("metadata", "read")
            repos_named: list[str] | None = None
            if body.get("repositories") or body.get("repository_ids"):
                repos_named = []
                for rname in body.get("repositories") or []:
                    repo = st.repos.get(f"{inst.account}/{rname}".lower())
                    if repo is None or not inst.covers(repo):
                        raise ApiError(
                            422,
                            "There is at least one repository that does not exist or is not accessible to the parent installation.",
                        )
                    repos_named.append(repo.name)
                for rid in body.get("repository_ids") or []:
                    found = [x for x in st.repos.values() if x.id == rid and inst.covers(x)]
                    if not found:
                        raise ApiError(
                            422,
                            "There is at least one repository that does not exist or is not accessible to the parent installation.",
                        )
                    repos_named.append(found[0].name)
            value = "ghs_" + "".join(
                secrets.choice(string.ascii_letters + string.digits) for _ in range(36)
            )
            expires = (datetime.now(UTC) + timedelta(seconds=self.s.token_ttl)).replace(
                microsecond=0
            )
            token = Token(value, inst.id, expires, perms, repos_named)
            with st.lock:
                st.tokens[value] = token
            data: dict[str, Any] = {
                "token": value,
                "expires_at": _ts(expires),
                "permissions": perms,
                "repository_selection": (
                    "selected" if repos_named is not None else inst.repository_selection
                ),
            }
            if repos_named is not None:
                data["repositories"] = [
                    self.r.repo(st.repo(f"{inst.account}/{n}"), full=False) for n in repos_named
                ]
            return 201, data

        # ---------------- installation
        @route("GET", "/installation/repositories")
        def installation_repos(ctx: Ctx) -> Reply:
            if ctx.token is None:
                raise ApiError(401, "Requires authentication")
            inst = st.installations[ctx.token.installation_id]
            repos = [x for x in st.repos.values() if inst.covers(x)]
            if ctx.token.repositories is not None:
                allowed = {n.lower() for n in ctx.token.repositories}
                repos = [x for x in repos if x.name.lower() in allowed]
            items = [self.r.repo(x, full=False) for x in repos]
            page, headers = self._paginate(ctx, items)
            return (
                200,
                {
                    "total_count": len(items),
                    "repository_selection": inst.repository_selection,
                    "repositories": page,
                },
                headers,
            )

        # ---------------- repos
        @route("GET", "/repos/{owner}/{repo}", perms=[("metadata", "read")])
        def get_repo(ctx: Ctx) -> Reply:
            assert ctx.repo is not None
            perm = None
            if ctx.auth_kind == "installation":
                perm = (
                    "write"
                    if ctx.token and ctx.token.permissions.get("contents") == "write"
                    else "read"
                )
                perm = {"write": "write", "read": "read"}[perm]
            data = self.r.repo(ctx.repo, full=True, permission=perm)
            return 200, data

        @route(
            "GET",
            "/repos/{owner}/{repo}/collaborators/{user}/permission",
            perms=[("metadata", "read")],
        )
        def collaborator_permission(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            u = st.users.get(ctx.params["user"].lower())
            if u is None:
                raise ApiError(
                    404,
                    "Not Found",
                    doc=f"{DOCS}/collaborators/collaborators#get-repository-permissions-for-a-user",
                )
            perm = u.permission_on(repo)
            if perm == "none" and not repo.private:
                perm = "read"
            legacy = {
                "admin": "admin",
                "maintain": "write",
                "write": "write",
                "triage": "read",
                "read": "read",
            }.get(perm, "none")
            user_obj = self.r.user_obj(u)
            user_obj["permissions"] = {
                "admin": perm == "admin",
                "maintain": perm in ("admin", "maintain"),
                "push": perm in ("admin", "maintain", "write"),
                "triage": perm in ("admin", "maintain", "write", "triage"),
                "pull": perm != "none",
            }
            user_obj["role_name"] = perm
            return 200, {"permission": legacy, "role_name": perm, "user": user_obj}

        @route("GET", "/repos/{owner}/{repo}/branches/{branch:path}", perms=[("contents", "read")])
        def get_branch(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            sha = gitrepo.rev_parse(repo.path, f"refs/heads/{ctx.params['branch']}")
            if sha is None:
                raise ApiError(404, "Branch not found")
            info = gitrepo.commit_info(repo.path, sha)
            a = f"{self.r.api}/repos/{repo.full_name}"
            return 200, {
                "name": ctx.params["branch"],
                "commit": {
                    "sha": sha,
                    "node_id": self.r.git_commit(repo, info)["node_id"],
                    "commit": self.r.git_commit(repo, info),
                    "url": f"{a}/commits/{sha}",
                    "html_url": f"{self.r.web}/{repo.full_name}/commit/{sha}",
                    "comments_url": f"{a}/commits/{sha}/comments",
                    "author": None,
                    "committer": None,
                    "parents": [{"sha": p, "url": f"{a}/commits/{p}"} for p in info.parents],
                },
                "_links": {
                    "self": f"{a}/branches/{ctx.params['branch']}",
                    "html": f"{self.r.web}/{repo.full_name}/tree/{ctx.params['branch']}",
                },
                "protected": False,
                "protection": {
                    "enabled": False,
                    "required_status_checks": {
                        "enforcement_level": "off",
                        "contexts": [],
                        "checks": [],
                    },
                },
                "protection_url": f"{a}/branches/{ctx.params['branch']}/protection",
            }

        # ---------------- issues
        @route("GET", "/repos/{owner}/{repo}/issues", perms=[("issues", "read")])
        def list_issues(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            state = ctx.q("state", "open")
            labels = [x.strip().lower() for x in (ctx.q("labels") or "").split(",") if x.strip()]
            items = []
            for issue in sorted(repo.issues.values(), key=lambda i: -i.number):
                if state != "all" and issue.state != state:
                    continue
                if labels and not set(labels) <= {x.lower() for x in issue.labels}:
                    continue
                creator = ctx.q("creator")
                if creator and issue.user.lower() != creator.lower():
                    continue
                items.append(self.r.issue(repo, issue))
            page, headers = self._paginate(ctx, items)
            return 200, page, headers

        @route("POST", "/repos/{owner}/{repo}/issues", perms=[("issues", "write")])
        def create_issue(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            body = ctx.json()
            if not body.get("title"):
                raise validation_failed(
                    {"resource": "Issue", "code": "missing_field", "field": "title"}
                )
            self._check_body(body.get("body"))
            issue = self.s._new_issue(
                repo,
                title=str(body["title"]),
                body=body.get("body"),
                user=self._actor(ctx),
                labels=[
                    x if isinstance(x, str) else x.get("name") for x in body.get("labels") or []
                ],
                assignees=list(body.get("assignees") or []),
                via_app=True,
            )
            return 201, self.r.issue(repo, issue)

        @route("GET", "/repos/{owner}/{repo}/issues/{number}", perms=[("issues", "read")])
        def get_issue(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            return 200, self.r.issue(repo, self._issue(repo, ctx.params["number"]))

        @route("PATCH", "/repos/{owner}/{repo}/issues/{number}", perms=[("issues", "write")])
        def update_issue(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            body = ctx.json()
            with st.lock:
                issue = self._issue(repo, ctx.params["number"])
                if "body" in body:
                    self._check_body(body["body"])
                if "title" in body:
                    issue.title = str(body["title"])
                if "body" in body:
                    issue.body = body["body"]
                    issue.history.append(Edit(issue.body, now_iso(), self._actor(ctx)))
                if "labels" in body:
                    issue.labels = []
                    for lab in body["labels"] or []:
                        name = lab if isinstance(lab, str) else lab.get("name")
                        issue.labels.append(self._ensure_label(repo, name).name)
                if "assignees" in body:
                    issue.assignees = list(body["assignees"] or [])
                if "state" in body:
                    if body["state"] not in ("open", "closed"):
                        raise validation_failed(
                            {"resource": "Issue", "code": "invalid", "field": "state"}
                        )
                    if body["state"] == "closed" and issue.state != "closed":
                        issue.state, issue.closed_at, issue.closed_by = (
                            "closed",
                            now_iso(),
                            self._actor(ctx),
                        )
                        issue.state_reason = body.get("state_reason") or "completed"
                        if issue.is_pull:
                            pr = repo.pulls[issue.number]
                            pr.head_sha, pr.base_sha = self.r.pull_shas(repo, pr)
                            pr.state, pr.closed_at = "closed", issue.closed_at
                    elif body["state"] == "open" and issue.state != "open":
                        issue.state, issue.closed_at, issue.closed_by = "open", None, None
                        issue.state_reason = "reopened"
                        if issue.is_pull:
                            pr = repo.pulls[issue.number]
                            pr.state, pr.closed_at = "open", None
                issue.updated_at = now_iso()
            return 200, self.r.issue(repo, issue)

        # ---------------- comments
        @route(
            "GET",
            "/repos/{owner}/{repo}/issues/{number}/comments",
            perms=[("issues", "read"), ("pull_requests", "read")],
        )
        def list_comments(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            issue = self._issue(repo, ctx.params["number"])
            comments = sorted(st.comments_on(repo.full_name, issue.number), key=lambda c: c.id)
            since = ctx.q("since")
            if since:
                comments = [c for c in comments if c.updated_at >= since]
            items = [self.r.comment(repo, c) for c in comments]
            page, headers = self._paginate(ctx, items)
            return 200, page, headers

        @route(
            "POST",
            "/repos/{owner}/{repo}/issues/{number}/comments",
            perms=[("issues", "write"), ("pull_requests", "write")],
        )
        def create_comment(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            issue = self._issue(repo, ctx.params["number"])
            body = ctx.json()
            if not body.get("body"):
                raise validation_failed(
                    {"resource": "IssueComment", "code": "missing_field", "field": "body"}
                )
            self._check_body(body["body"], "IssueComment")
            if (
                ctx.token is not None
                and not issue.is_pull
                and PERM_RANK.get(ctx.token.permissions.get("issues", "none"), 0) < 2
            ):
                raise ApiError(403, "Resource not accessible by integration")
            c = self.s._new_comment(
                repo, issue.number, body["body"], self._actor(ctx), via_app=True
            )
            return (
                201,
                self.r.comment(repo, c),
                {"Location": f"{self.r.api}/repos/{repo.full_name}/issues/comments/{c.id}"},
            )

        def _comment(repo: Repo, cid: str) -> Comment:
            c = st.comments.get(int(cid)) if cid.isdigit() else None
            if c is None or c.deleted or c.repo.lower() != repo.full_name.lower():
                raise not_found()
            return c

        @route(
            "GET",
            "/repos/{owner}/{repo}/issues/comments/{id}",
            perms=[("issues", "read"), ("pull_requests", "read")],
        )
        def get_comment(ctx: Ctx) -> Reply:
            assert ctx.repo is not None
            return 200, self.r.comment(ctx.repo, _comment(ctx.repo, ctx.params["id"]))

        @route(
            "PATCH",
            "/repos/{owner}/{repo}/issues/comments/{id}",
            perms=[("issues", "write"), ("pull_requests", "write")],
        )
        def update_comment(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            body = ctx.json()
            if not body.get("body"):
                raise validation_failed(
                    {"resource": "IssueComment", "code": "missing_field", "field": "body"}
                )
            self._check_body(body["body"], "IssueComment")
            with st.lock:
                c = _comment(repo, ctx.params["id"])
                actor = self._actor(ctx)
                if c.user.lower() != actor.lower():
                    raise ApiError(403, "Resource not accessible by integration")
                c.body = body["body"]
                c.updated_at = now_iso()
                c.history.append(Edit(c.body, c.updated_at, actor))
            return 200, self.r.comment(repo, c)

        @route(
            "DELETE",
            "/repos/{owner}/{repo}/issues/comments/{id}",
            perms=[("issues", "write"), ("pull_requests", "write")],
        )
        def delete_comment(ctx: Ctx) -> Reply:
            assert ctx.repo is not None
            with st.lock:
                c = _comment(ctx.repo, ctx.params["id"])
                c.deleted = True
            return 204, None

        # ---------------- reactions
        def _react(ctx: Ctx, subject: str, subject_id: int) -> Reply:
            body = ctx.json()
            content = body.get("content")
            if content not in REACTION_CONTENTS:
                raise validation_failed(
                    {"resource": "Reaction", "code": "invalid", "field": "content"}
                )
            actor = self._actor(ctx)
            with st.lock:
                for r in st.reactions:
                    if (
                        r.subject == subject
                        and r.subject_id == subject_id
                        and r.user == actor
                        and r.content == content
                    ):
                        return 200, self.r.reaction(r)
                r = Reaction(st.next_id(), actor, content, now_iso(), subject, subject_id)
                st.reactions.append(r)
            return 201, self.r.reaction(r)

        def _list_reactions(ctx: Ctx, subject: str, subject_id: int) -> Reply:
            content = ctx.q("content")
            items = [
                self.r.reaction(r)
                for r in st.reactions
                if r.subject == subject
                and r.subject_id == subject_id
                and (not content or r.content == content)
            ]
            page, headers = self._paginate(ctx, items)
            return 200, page, headers

        @route(
            "POST",
            "/repos/{owner}/{repo}/issues/{number}/reactions",
            perms=[("issues", "write"), ("pull_requests", "write")],
        )
        def react_issue(ctx: Ctx) -> Reply:
            assert ctx.repo is not None
            issue = self._issue(ctx.repo, ctx.params["number"])
            return _react(ctx, "issue", issue.id)

        @route(
            "GET",
            "/repos/{owner}/{repo}/issues/{number}/reactions",
            perms=[("issues", "read"), ("pull_requests", "read")],
        )
        def list_issue_reactions(ctx: Ctx) -> Reply:
            assert ctx.repo is not None
            issue = self._issue(ctx.repo, ctx.params["number"])
            return _list_reactions(ctx, "issue", issue.id)

        @route(
            "POST",
            "/repos/{owner}/{repo}/issues/comments/{id}/reactions",
            perms=[("issues", "write"), ("pull_requests", "write")],
        )
        def react_comment(ctx: Ctx) -> Reply:
            assert ctx.repo is not None
            c = _comment(ctx.repo, ctx.params["id"])
            return _react(ctx, "issue_comment", c.id)

        @route(
            "GET",
            "/repos/{owner}/{repo}/issues/comments/{id}/reactions",
            perms=[("issues", "read"), ("pull_requests", "read")],
        )
        def list_comment_reactions(ctx: Ctx) -> Reply:
            assert ctx.repo is not None
            c = _comment(ctx.repo, ctx.params["id"])
            return _list_reactions(ctx, "issue_comment", c.id)

        @route(
            "POST",
            "/repos/{owner}/{repo}/pulls/comments/{id}/reactions",
            perms=[("pull_requests", "write")],
        )
        def react_review_comment(ctx: Ctx) -> Reply:
            assert ctx.repo is not None
            cid = ctx.params["id"]
            rc = st.review_comments.get(int(cid)) if cid.isdigit() else None
            if rc is None or rc.repo.lower() != ctx.repo.full_name.lower():
                raise not_found()
            return _react(ctx, "review_comment", rc.id)

        # ---------------- labels
        @route(
            "GET",
            "/repos/{owner}/{repo}/labels",
            perms=[("issues", "read"), ("pull_requests", "read")],
        )
        def list_labels(ctx: Ctx) -> Reply:
            assert ctx.repo is not None
            items = [self.r.label(ctx.repo, lab) for lab in ctx.repo.labels.values()]
            page, headers = self._paginate(ctx, items)
            return 200, page, headers

        @route(
            "GET",
            "/repos/{owner}/{repo}/labels/{name}",
            perms=[("issues", "read"), ("pull_requests", "read")],
        )
        def get_label(ctx: Ctx) -> Reply:
            assert ctx.repo is not None
            lab = ctx.repo.labels.get(ctx.params["name"].lower())
            if lab is None:
                raise not_found()
            return 200, self.r.label(ctx.repo, lab)

        @route(
            "POST",
            "/repos/{owner}/{repo}/labels",
            perms=[("issues", "write"), ("pull_requests", "write")],
        )
        def create_label(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            body = ctx.json()
            name = body.get("name")
            if not name:
                raise validation_failed(
                    {"resource": "Label", "code": "missing_field", "field": "name"}
                )
            with st.lock:
                if name.lower() in repo.labels:
                    raise validation_failed(
                        {"resource": "Label", "code": "already_exists", "field": "name"}
                    )
                lab = self._ensure_label(repo, name)
                lab.color = str(body.get("color") or "ededed").lstrip("#")
                lab.description = body.get("description")
            return 201, self.r.label(repo, lab)

        @route(
            "GET",
            "/repos/{owner}/{repo}/issues/{number}/labels",
            perms=[("issues", "read"), ("pull_requests", "read")],
        )
        def issue_labels(ctx: Ctx) -> Reply:
            assert ctx.repo is not None
            issue = self._issue(ctx.repo, ctx.params["number"])
            return 200, self.r.labels(ctx.repo, issue.labels)

        def _label_names(body: Any) -> list[str]:
            raw = body.get("labels") if isinstance(body, dict) else body
            if raw is None:
                raise validation_failed(
                    {"resource": "Label", "code": "missing_field", "field": "labels"}
                )
            if isinstance(raw, str):
                raw = [raw]
            return [x if isinstance(x, str) else x.get("name") for x in raw]

        @route(
            "POST",
            "/repos/{owner}/{repo}/issues/{number}/labels",
            perms=[("issues", "write"), ("pull_requests", "write")],
        )
        def add_labels(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            names = _label_names(ctx.body)
            with st.lock:
                issue = self._issue(repo, ctx.params["number"])
                for name in names:
                    lab = self._ensure_label(repo, name)
                    if lab.name.lower() not in {x.lower() for x in issue.labels}:
                        issue.labels.append(lab.name)
                issue.updated_at = now_iso()
            return 200, self.r.labels(repo, issue.labels)

        @route(
            "PUT",
            "/repos/{owner}/{repo}/issues/{number}/labels",
            perms=[("issues", "write"), ("pull_requests", "write")],
        )
        def set_labels(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            names = _label_names(ctx.body)
            with st.lock:
                issue = self._issue(repo, ctx.params["number"])
                issue.labels = [self._ensure_label(repo, n).name for n in names]
            return 200, self.r.labels(repo, issue.labels)

        @route(
            "DELETE",
            "/repos/{owner}/{repo}/issues/{number}/labels/{name}",
            perms=[("issues", "write"), ("pull_requests", "write")],
        )
        def remove_label(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            with st.lock:
                issue = self._issue(repo, ctx.params["number"])
                name = ctx.params["name"].lower()
                if name not in {x.lower() for x in issue.labels}:
                    raise ApiError(404, "Label does not exist")
                issue.labels = [x for x in issue.labels if x.lower() != name]
            return 200, self.r.labels(repo, issue.labels)

        # ---------------- pulls
        @route("GET", "/repos/{owner}/{repo}/pulls", perms=[("pull_requests", "read")])
        def list_pulls(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            state = ctx.q("state", "open")
            head = ctx.q("head")
            base = ctx.q("base")
            prs = list(repo.pulls.values())
            if state != "all":
                prs = [p for p in prs if p.state == state]
            if head and ":" in head:
                # GitHub wants user:ref-name; a bare branch name is silently ignored (all PRs)
                howner, _, href = head.partition(":")
                prs = [
                    p
                    for p in prs
                    if howner.lower() == (p.head_repo or repo.full_name).split("/")[0].lower()
                    and p.head_ref == href
                ]
            if base:
                prs = [p for p in prs if p.base_ref == base]
            reverse = (
                ctx.q("direction")
                or ("desc" if (ctx.q("sort") or "created") == "created" else "desc")
            ) == "desc"
            key = (
                (lambda p: p.updated_at)
                if ctx.q("sort") == "updated"
                else (lambda p: (p.created_at, p.number))
            )
            prs.sort(key=key, reverse=reverse)
            items = [self.r.pull(repo, p, simple=True) for p in prs]
            page, headers = self._paginate(ctx, items)
            return 200, page, headers

        @route("POST", "/repos/{owner}/{repo}/pulls", perms=[("pull_requests", "write")])
        def create_pull(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            body = ctx.json()
            for fname in ("head", "base"):
                if not body.get(fname):
                    raise validation_failed(
                        {"resource": "PullRequest", "code": "missing_field", "field": fname}
                    )
            if not body.get("title") and not body.get("issue"):
                raise validation_failed(
                    {"resource": "PullRequest", "code": "missing_field", "field": "title"}
                )
            self._check_body(body.get("body"), "PullRequest")
            head = str(body["head"])
            if ":" in head:
                howner, _, head = head.partition(":")
                if howner.lower() != repo.owner.lower():
                    raise validation_failed(
                        {"resource": "PullRequest", "field": "head", "code": "invalid"}
                    )
            base = str(body["base"])
            with st.lock:
                if gitrepo.is_empty(repo.path):
                    raise validation_failed(
                        {"resource": "PullRequest", "field": "base", "code": "invalid"},
                    )
                base_sha = gitrepo.rev_parse(repo.path, f"refs/heads/{base}")
                if base_sha is None:
                    raise validation_failed(
                        {"resource": "PullRequest", "field": "base", "code": "invalid"}
                    )
                head_sha = gitrepo.rev_parse(repo.path, f"refs/heads/{head}")
                if head_sha is None:
                    raise validation_failed(
                        {"resource": "PullRequest", "field": "head", "code": "invalid"}
                    )
                for p in repo.pulls.values():
                    if p.state == "open" and p.head_ref == head and p.base_ref == base:
                        raise validation_failed(
                            {
                                "resource": "PullRequest",
                                "code": "custom",
                                "message": f"A pull request already exists for {repo.owner}:{head}.",
                            }
                        )
                if gitrepo.merge_base(repo.path, base_sha, head_sha) is None:
                    raise validation_failed(
                        {
                            "resource": "PullRequest",
                            "code": "custom",
                            "message": f"The {base} branch has no history in common with {head}",
                        }
                    )
                if gitrepo.count_commits(repo.path, base_sha, head_sha) == 0:
                    raise validation_failed(
                        {
                            "resource": "PullRequest",
                            "code": "custom",
                            "message": f"No commits between {base} and {head}",
                        }
                    )
                pr = self.s._new_pull(
                    repo,
                    title=str(body.get("title") or ""),
                    body=body.get("body"),
                    user=self._actor(ctx),
                    head=head,
                    base=base,
                    head_sha=head_sha,
                    base_sha=base_sha,
                    draft=bool(body.get("draft", False)),
                    maintainer_can_modify=bool(body.get("maintainer_can_modify", False)),
                )
            return (
                201,
                self.r.pull(repo, pr),
                {"Location": f"{self.r.api}/repos/{repo.full_name}/pulls/{pr.number}"},
            )

        @route(
            "GET",
            "/repos/{owner}/{repo}/pulls/{number}",
            perms=[("pull_requests", "read"), ("contents", "read")],
        )
        def get_pull(ctx: Ctx) -> Reply:
            assert ctx.repo is not None
            return 200, self.r.pull(ctx.repo, self._pull(ctx.repo, ctx.params["number"]))

        @route("PATCH", "/repos/{owner}/{repo}/pulls/{number}", perms=[("pull_requests", "write")])
        def update_pull(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            body = ctx.json()
            with st.lock:
                pr = self._pull(repo, ctx.params["number"])
                issue = repo.issues[pr.number]
                if "body" in body:
                    self._check_body(body["body"], "PullRequest")
                    pr.body = issue.body = body["body"]
                    pr.history.append(Edit(pr.body, now_iso(), self._actor(ctx)))
                if "title" in body:
                    pr.title = issue.title = str(body["title"])
                if "base" in body:
                    if gitrepo.rev_parse(repo.path, f"refs/heads/{body['base']}") is None:
                        raise validation_failed(
                            {"resource": "PullRequest", "field": "base", "code": "invalid"}
                        )
                    pr.base_ref = str(body["base"])
                if body.get("state") == "closed" and pr.state == "open":
                    pr.head_sha, pr.base_sha = self.r.pull_shas(repo, pr)
                    pr.state = issue.state = "closed"
                    pr.closed_at = issue.closed_at = now_iso()
                elif body.get("state") == "open" and pr.state == "closed" and not pr.merged:
                    pr.state = issue.state = "open"
                    pr.closed_at = issue.closed_at = None
                pr.updated_at = issue.updated_at = now_iso()
            return 200, self.r.pull(repo, pr)

        @route(
            "GET", "/repos/{owner}/{repo}/pulls/{number}/files", perms=[("pull_requests", "read")]
        )
        def pull_files(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            pr = self._pull(repo, ctx.params["number"])
            head_sha, _ = self.r.pull_shas(repo, pr)
            items = [self.r.diff_entry(repo, head_sha, f) for f in self.r.pull_files(repo, pr)]
            page, headers = self._paginate(ctx, items)
            return 200, page, headers

        @route(
            "GET", "/repos/{owner}/{repo}/pulls/{number}/commits", perms=[("pull_requests", "read")]
        )
        def pull_commits(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            pr = self._pull(repo, ctx.params["number"])
            head_sha, base_sha = self.r.pull_shas(repo, pr)
            if pr.merged:
                base_sha = pr.base_sha
            infos = list(reversed(gitrepo.log(repo.path, f"{base_sha}..{head_sha}", 250)))
            a = f"{self.r.api}/repos/{repo.full_name}"
            items = []
            for info in infos:
                gc = self.r.git_commit(repo, info)
                items.append(
                    {
                        "url": f"{a}/commits/{info.sha}",
                        "sha": info.sha,
                        "node_id": gc["node_id"],
                        "html_url": gc["html_url"],
                        "comments_url": f"{a}/commits/{info.sha}/comments",
                        "commit": {
                            "url": gc["url"],
                            "author": gc["author"],
                            "committer": gc["committer"],
                            "message": gc["message"],
                            "comment_count": 0,
                            "tree": gc["tree"],
                        },
                        "author": None,
                        "committer": None,
                        "parents": [
                            {"sha": p["sha"], "url": p["url"], "html_url": p["html_url"]}
                            for p in gc["parents"]
                        ],
                    }
                )
            page, headers = self._paginate(ctx, items)
            return 200, page, headers

        @route("PUT", "/repos/{owner}/{repo}/pulls/{number}/merge", perms=[("contents", "write")])
        def merge_pull(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            body = ctx.json()
            pr = self._pull(repo, ctx.params["number"])
            if pr.state != "open":
                raise ApiError(405, "Pull Request is not mergeable")
            head_sha, _ = self.r.pull_shas(repo, pr)
            if body.get("sha") and body["sha"] != head_sha:
                raise ApiError(409, "Head branch was modified. Review and try the merge again.")
            method = body.get("merge_method", "merge")
            if method not in ("merge", "squash"):
                raise ApiError(
                    405, f"{method.capitalize()} merges are not allowed on this repository."
                )
            try:
                sha = self.s._merge(
                    repo,
                    pr,
                    by=self._actor(ctx),
                    method=method,
                    title=body.get("commit_title"),
                    message=body.get("commit_message"),
                )
            except gitrepo.GitError as exc:
                raise ApiError(405, "Pull Request is not mergeable") from exc
            return 200, {"sha": sha, "merged": True, "message": "Pull Request successfully merged"}

        # ---------------- reviews
        def _resolve_comment(
            repo: Repo, pr: PullRequest, files: dict[str, gitrepo.FileDiff], c: dict[str, Any]
        ) -> dict[str, Any]:
            path = c.get("path")
            if not path or not c.get("body"):
                raise validation_failed(
                    {
                        "resource": "PullRequestReviewComment",
                        "code": "missing_field",
                        "field": "path" if not path else "body",
                    },
                    message="Unprocessable Entity",
                )
            self._check_body(c.get("body"), "PullRequestReviewComment")
            f = files.get(path)
            if f is None:
                raise ApiError(422, "Unprocessable Entity", errors=["Path could not be resolved"])
            side = (c.get("side") or "RIGHT").upper()
            if side not in ("LEFT", "RIGHT"):
                raise validation_failed(
                    {"resource": "PullRequestReviewComment", "code": "invalid", "field": "side"}
                )
            subject = c.get("subject_type") or "line"
            line = c.get("line")
            position = c.get("position")
            start_line = c.get("start_line")
            start_side = (c.get("start_side") or side).upper() if start_line is not None else None
            if subject == "file":
                return {
                    "path": path,
                    "body": c["body"],
                    "line": None,
                    "side": None,
                    "start_line": None,
                    "start_side": None,
                    "position": None,
                    "diff_hunk": f.patch.split("\n", 1)[0] if f.patch else "",
                    "subject_type": "file",
                }
            if line is None and position is None:
                raise ApiError(422, "Unprocessable Entity", errors=["Line could not be resolved"])
            if line is not None:
                valid = f.right_lines() if side == "RIGHT" else f.left_lines()
                if int(line) not in valid:
                    raise ApiError(
                        422,
                        "Unprocessable Entity",
                        errors=["Pull request review thread line must be part of the diff"],
                    )
                if start_line is not None:
                    svalid = f.right_lines() if start_side == "RIGHT" else f.left_lines()
                    if int(start_line) not in svalid:
                        raise ApiError(
                            422,
                            "Unprocessable Entity",
                            errors=[
                                "Pull request review thread start line must be part of the diff"
                            ],
                        )
                    if start_side == side and int(start_line) >= int(line):
                        raise ApiError(
                            422,
                            "Unprocessable Entity",
                            errors=["start_line must precede the end line."],
                        )
                position = gitrepo.position_in_patch(f.patch, int(line), side)
            else:
                # legacy position: the n-th line of the patch below the first hunk header
                n_lines = len(f.patch.splitlines()) - 1
                if not isinstance(position, int) or position < 1 or position > n_lines:
                    raise ApiError(
                        422,
                        "Unprocessable Entity",
                        errors=["Pull request review thread position is invalid"],
                    )
                line = _line_at_position(f.patch, position)
            hunk = gitrepo.diff_hunk_for_line(f.patch, int(line), side) if line is not None else ""
            return {
                "path": path,
                "body": c["body"],
                "line": int(line) if line is not None else None,
                "side": side,
                "start_line": int(start_line) if start_line is not None else None,
                "start_side": start_side,
                "position": position,
                "diff_hunk": hunk,
                "subject_type": "line",
            }

        def _line_at_position(patch: str, position: int) -> int | None:
            from .gitrepo import _HUNK

            pos = 0
            new = 0
            first = True
            for pline in patch.splitlines():
                mm = _HUNK.match(pline)
                if mm:
                    if not first:
                        pos += 1
                    first = False
                    new = int(mm.group(3))
                    continue
                pos += 1
                if pos == position:
                    return new if not pline.startswith("-") else None
                if not pline.startswith("-"):
                    new += 1
            return None

        @route(
            "POST",
            "/repos/{owner}/{repo}/pulls/{number}/reviews",
            perms=[("pull_requests", "write")],
        )
        def create_review(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            body = ctx.json()
            actor = self._actor(ctx)
            with st.lock:
                pr = self._pull(repo, ctx.params["number"])
                head_sha, _ = self.r.pull_shas(repo, pr)
                event = body.get("event")
                if event is not None and event not in ("APPROVE", "REQUEST_CHANGES", "COMMENT"):
                    raise validation_failed(
                        {"resource": "PullRequestReview", "code": "invalid", "field": "event"}
                    )
                text = body.get("body") or ""
                self._check_body(text, "PullRequestReview")
                comments_in = body.get("comments") or []
                if pr.user.lower() == actor.lower() and event == "APPROVE":
                    raise ApiError(
                        422,
                        "Unprocessable Entity",
                        errors=["Can not approve your own pull request"],
                    )
                if pr.user.lower() == actor.lower() and event == "REQUEST_CHANGES":
                    raise ApiError(
                        422,
                        "Unprocessable Entity",
                        errors=["Can not request changes on your own pull request"],
                    )
                if event == "REQUEST_CHANGES" and not text:
                    raise ApiError(
                        422,
                        "Unprocessable Entity",
                        errors=["Review body is required when requesting changes"],
                    )
                if event == "COMMENT" and not text and not comments_in:
                    raise ApiError(422, "Unprocessable Entity", errors=["Review body is required"])
                if event is None and any(
                    r.user == actor and r.state == "PENDING"
                    for r in st.reviews_on(repo.full_name, pr.number)
                ):
                    raise ApiError(
                        422,
                        "Unprocessable Entity",
                        errors=["User can only have one pending review per pull request"],
                    )
                commit_id = body.get("commit_id") or head_sha
                if not gitrepo.object_exists(repo.path, commit_id):
                    raise ApiError(
                        422, "Unprocessable Entity", errors=["Commit ID could not be resolved"]
                    )
                files = {f.filename: f for f in self.r.pull_files(repo, pr)}
                resolved = [_resolve_comment(repo, pr, files, c) for c in comments_in]
                state = {
                    "APPROVE": "APPROVED",
                    "REQUEST_CHANGES": "CHANGES_REQUESTED",
                    "COMMENT": "COMMENTED",
                    None: "PENDING",
                }[event]
                at = now_iso()
                review = Review(
                    st.next_id(),
                    repo.full_name,
                    pr.number,
                    actor,
                    text,
                    state,
                    commit_id,
                    None if state == "PENDING" else at,
                )
                for rc in resolved:
                    c = ReviewComment(
                        id=st.next_id(),
                        review_id=review.id,
                        repo=repo.full_name,
                        pull_number=pr.number,
                        user=actor,
                        commit_id=commit_id,
                        created_at=at,
                        updated_at=at,
                        **rc,
                    )
                    st.review_comments[c.id] = c
                    review.comment_ids.append(c.id)
                st.reviews[review.id] = review
            return 200, self.r.review(repo, review)

        @route(
            "POST",
            "/repos/{owner}/{repo}/pulls/{number}/reviews/{id}/events",
            perms=[("pull_requests", "write")],
        )
        def submit_review(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            body = ctx.json()
            with st.lock:
                pr = self._pull(repo, ctx.params["number"])
                rid = ctx.params["id"]
                review = st.reviews.get(int(rid)) if rid.isdigit() else None
                if (
                    review is None
                    or review.pull_number != pr.number
                    or review.repo.lower() != repo.full_name.lower()
                ):
                    raise not_found()
                if review.state != "PENDING":
                    raise ApiError(
                        422,
                        "Unprocessable Entity",
                        errors=["Can not submit a review that is not pending"],
                    )
                event = body.get("event")
                mapping = {
                    "APPROVE": "APPROVED",
                    "REQUEST_CHANGES": "CHANGES_REQUESTED",
                    "COMMENT": "COMMENTED",
                }
                if event not in mapping:
                    raise validation_failed(
                        {"resource": "PullRequestReview", "code": "invalid", "field": "event"}
                    )
                if pr.user.lower() == review.user.lower() and event in (
                    "APPROVE",
                    "REQUEST_CHANGES",
                ):
                    raise ApiError(
                        422,
                        "Unprocessable Entity",
                        errors=["Can not approve your own pull request"],
                    )
                review.state = mapping[event]
                if body.get("body"):
                    review.body = body["body"]
                review.submitted_at = now_iso()
            return 200, self.r.review(repo, review)

        @route(
            "GET", "/repos/{owner}/{repo}/pulls/{number}/reviews", perms=[("pull_requests", "read")]
        )
        def list_reviews(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            pr = self._pull(repo, ctx.params["number"])
            items = [
                self.r.review(repo, r)
                for r in sorted(st.reviews_on(repo.full_name, pr.number), key=lambda r: r.id)
            ]
            page, headers = self._paginate(ctx, items)
            return 200, page, headers

        @route(
            "GET",
            "/repos/{owner}/{repo}/pulls/{number}/reviews/{id}",
            perms=[("pull_requests", "read")],
        )
        def get_review(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            pr = self._pull(repo, ctx.params["number"])
            rid = ctx.params["id"]
            review = st.reviews.get(int(rid)) if rid.isdigit() else None
            if (
                review is None
                or review.pull_number != pr.number
                or review.repo.lower() != repo.full_name.lower()
            ):
                raise not_found()
            return 200, self.r.review(repo, review)

        @route(
            "GET",
            "/repos/{owner}/{repo}/pulls/{number}/reviews/{id}/comments",
            perms=[("pull_requests", "read")],
        )
        def review_comments_of_review(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            get_review(ctx)
            review = st.reviews[int(ctx.params["id"])]
            items = [self.r.review_comment(repo, st.review_comments[c]) for c in review.comment_ids]
            page, headers = self._paginate(ctx, items)
            return 200, page, headers

        @route(
            "GET",
            "/repos/{owner}/{repo}/pulls/{number}/comments",
            perms=[("pull_requests", "read")],
        )
        def list_review_comments(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            pr = self._pull(repo, ctx.params["number"])
            published = {
                r.id for r in st.reviews_on(repo.full_name, pr.number) if r.state != "PENDING"
            }
            items = [
                self.r.review_comment(repo, c)
                for c in sorted(
                    st.review_comments_on(repo.full_name, pr.number), key=lambda c: c.id
                )
                if c.review_id in published
            ]
            page, headers = self._paginate(ctx, items)
            return 200, page, headers

        @route(
            "POST",
            "/repos/{owner}/{repo}/pulls/{number}/comments",
            perms=[("pull_requests", "write")],
        )
        def create_review_comment(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            body = ctx.json()
            actor = self._actor(ctx)
            with st.lock:
                pr = self._pull(repo, ctx.params["number"])
                head_sha, _ = self.r.pull_shas(repo, pr)
                at = now_iso()
                reply_to = body.get("in_reply_to")
                if reply_to is not None:
                    parent = st.review_comments.get(int(reply_to))
                    if parent is None or parent.pull_number != pr.number:
                        raise not_found()
                    if not body.get("body"):
                        raise validation_failed(
                            {
                                "resource": "PullRequestReviewComment",
                                "code": "missing_field",
                                "field": "body",
                            }
                        )
                    rc = {
                        k: getattr(parent, k)
                        for k in (
                            "path",
                            "line",
                            "side",
                            "start_line",
                            "start_side",
                            "position",
                            "diff_hunk",
                            "subject_type",
                        )
                    }
                    rc["body"] = body["body"]
                    commit_id = parent.commit_id
                else:
                    if not body.get("commit_id"):
                        raise validation_failed(
                            {
                                "resource": "PullRequestReviewComment",
                                "code": "missing_field",
                                "field": "commit_id",
                            }
                        )
                    commit_id = body["commit_id"]
                    files = {f.filename: f for f in self.r.pull_files(repo, pr)}
                    rc = _resolve_comment(repo, pr, files, body)
                review = Review(
                    st.next_id(), repo.full_name, pr.number, actor, "", "COMMENTED", commit_id, at
                )
                c = ReviewComment(
                    id=st.next_id(),
                    review_id=review.id,
                    repo=repo.full_name,
                    pull_number=pr.number,
                    user=actor,
                    commit_id=commit_id,
                    created_at=at,
                    updated_at=at,
                    in_reply_to_id=int(reply_to) if reply_to else None,
                    **rc,
                )
                review.comment_ids.append(c.id)
                st.reviews[review.id] = review
                st.review_comments[c.id] = c
            return 201, self.r.review_comment(repo, c)

        # ---------------- checks
        STATUSES = ("queued", "in_progress", "completed", "waiting", "requested", "pending")
        CONCLUSIONS = (
            "action_required",
            "cancelled",
            "failure",
            "neutral",
            "success",
            "skipped",
            "stale",
            "timed_out",
        )

        def _apply_check(repo: Repo, run: CheckRun, body: dict[str, Any], creating: bool) -> None:
            if "status" in body and body["status"] is not None and body["status"] not in STATUSES:
                raise validation_failed(
                    {"resource": "CheckRun", "code": "invalid", "field": "status"}
                )
            if body.get("conclusion") is not None and body["conclusion"] not in CONCLUSIONS:
                raise validation_failed(
                    {"resource": "CheckRun", "code": "invalid", "field": "conclusion"}
                )
            if (
                body.get("status") == "completed"
                and not body.get("conclusion")
                and run.conclusion is None
            ):
                raise ApiError(
                    422,
                    "Invalid request.\n\nNo conclusion given for completed status.",
                    errors=None,
                )
            out = body.get("output")
            if out is not None:
                if not isinstance(out, dict) or not out.get("title") or not out.get("summary"):
                    raise ApiError(422, 'Invalid request.\n\n"title", "summary" wasn\'t supplied.')
                for key in ("summary", "text"):
                    if out.get(key) is not None and len(out[key]) > MAX_BODY - 1:
                        raise ApiError(
                            422,
                            "Invalid request.",
                            errors=[
                                {
                                    "resource": "CheckRun",
                                    "code": "custom",
                                    "field": f"output.{key}",
                                    "message": f"output.{key} is too long (maximum is 65535 characters)",
                                }
                            ],
                        )
                anns = out.get("annotations") or []
                if len(anns) > 50:
                    raise ApiError(
                        422, "Invalid request.\n\nOnly 50 annotations are allowed per request."
                    )
                for ann in anns:
                    for req in ("path", "start_line", "end_line", "annotation_level", "message"):
                        if ann.get(req) is None:
                            raise ApiError(422, f'Invalid request.\n\n"{req}" wasn\'t supplied.')
                    if ann["annotation_level"] not in ("notice", "warning", "failure"):
                        raise validation_failed(
                            {"resource": "CheckRun", "code": "invalid", "field": "annotation_level"}
                        )
                run.output = {
                    "title": out.get("title"),
                    "summary": out.get("summary"),
                    "text": out.get("text"),
                }
                run.annotations.extend(anns)
            for key in ("name", "details_url", "external_id"):
                if key in body:
                    setattr(run, key, body[key])
            if "actions" in body:
                run.actions = list(body["actions"] or [])
            if body.get("started_at"):
                run.started_at = body["started_at"]
            if body.get("status"):
                run.status = body["status"]
                if run.status != "completed":
                    run.conclusion = None
                    run.completed_at = None
            if body.get("conclusion"):
                run.conclusion = body["conclusion"]
                run.status = "completed"
                run.completed_at = body.get("completed_at") or run.completed_at or now_iso()
            elif body.get("completed_at"):
                run.completed_at = body["completed_at"]
            if run.status == "in_progress" and not run.started_at:
                run.started_at = now_iso()

        @route("POST", "/repos/{owner}/{repo}/check-runs", perms=[("checks", "write")])
        def create_check_run(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            body = ctx.json()
            for req in ("name", "head_sha"):
                if not body.get(req):
                    raise ApiError(422, f'Invalid request.\n\n"{req}" wasn\'t supplied.')
            sha = str(body["head_sha"])
            if not re.fullmatch(r"[0-9a-f]{40}", sha) or not gitrepo.object_exists(repo.path, sha):
                raise validation_failed(
                    {
                        "resource": "CheckRun",
                        "code": "custom",
                        "field": "head_sha",
                        "message": f"No commit found for SHA: {sha}",
                    }
                )
            with st.lock:
                suite = self.s._suite_id(repo, sha)
                run = CheckRun(
                    id=st.next_id(),
                    repo=repo.full_name,
                    name=str(body["name"]),
                    head_sha=sha,
                    status="queued",
                    conclusion=None,
                    started_at=now_iso(),
                    completed_at=None,
                    output={},
                    details_url=None,
                    external_id=None,
                    check_suite_id=suite,
                )
                _apply_check(repo, run, body, True)
                run.history.append(body)
                st.check_runs[run.id] = run
            return 201, self.r.check_run(repo, run)

        def _run(repo: Repo, rid: str) -> CheckRun:
            run = st.check_runs.get(int(rid)) if rid.isdigit() else None
            if run is None or run.repo.lower() != repo.full_name.lower():
                raise not_found()
            return run

        @route("PATCH", "/repos/{owner}/{repo}/check-runs/{id}", perms=[("checks", "write")])
        def update_check_run(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            body = ctx.json()
            with st.lock:
                run = _run(repo, ctx.params["id"])
                _apply_check(repo, run, body, False)
                run.history.append(body)
            return 200, self.r.check_run(repo, run)

        @route("GET", "/repos/{owner}/{repo}/check-runs/{id}", perms=[("checks", "read")])
        def get_check_run(ctx: Ctx) -> Reply:
            assert ctx.repo is not None
            return 200, self.r.check_run(ctx.repo, _run(ctx.repo, ctx.params["id"]))

        @route(
            "GET", "/repos/{owner}/{repo}/check-runs/{id}/annotations", perms=[("checks", "read")]
        )
        def check_run_annotations(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            run = _run(repo, ctx.params["id"])
            items = [self.r.annotation(repo, run, a) for a in run.annotations]
            page, headers = self._paginate(ctx, items)
            return 200, page, headers

        @route(
            "GET", "/repos/{owner}/{repo}/commits/{ref:path}/check-runs", perms=[("checks", "read")]
        )
        def list_check_runs_for_ref(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            ref = ctx.params["ref"]
            sha = (
                gitrepo.rev_parse(repo.path, ref) if not re.fullmatch(r"[0-9a-f]{40}", ref) else ref
            )
            if sha is None:
                raise ApiError(422, f"No commit found for SHA: {ref}")
            runs = sorted(st.check_runs_for(repo.full_name, sha), key=lambda c: -c.id)
            name = ctx.q("check_name")
            if name:
                runs = [c for c in runs if c.name == name]
            status = ctx.q("status")
            if status:
                runs = [c for c in runs if c.status == status]
            if (ctx.q("filter") or "latest") == "latest":
                seen: set[str] = set()
                latest = []
                for c in runs:
                    if c.name not in seen:
                        seen.add(c.name)
                        latest.append(c)
                runs = latest
            items = [self.r.check_run(repo, c) for c in runs]
            page, headers = self._paginate(ctx, items)
            return 200, {"total_count": len(items), "check_runs": page}, headers

        # ---------------- git data
        def _nonempty(repo: Repo) -> None:
            if gitrepo.is_empty(repo.path):
                raise ApiError(409, "Git Repository is empty.")

        @route("GET", "/repos/{owner}/{repo}/git/ref/{ref:path}", perms=[("contents", "read")])
        def get_ref(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            _nonempty(repo)
            full = "refs/" + ctx.params["ref"]
            sha = gitrepo.refs(repo.path).get(full)
            if sha is None:
                raise ApiError(404, "Not Found", doc=f"{DOCS}/git/refs#get-a-reference")
            return 200, self.r.git_ref(repo, full, sha)

        @route(
            "GET",
            "/repos/{owner}/{repo}/git/matching-refs/{ref:path}",
            perms=[("contents", "read")],
        )
        def matching_refs(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            _nonempty(repo)
            prefix = "refs/" + ctx.params["ref"]
            items = [
                self.r.git_ref(repo, name, sha)
                for name, sha in sorted(gitrepo.refs(repo.path).items())
                if name.startswith(prefix)
            ]
            return 200, items

        @route("GET", "/repos/{owner}/{repo}/git/commits/{sha}", perms=[("contents", "read")])
        def get_git_commit(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            _nonempty(repo)
            sha = ctx.params["sha"]
            if not re.fullmatch(r"[0-9a-f]{4,40}", sha) or not gitrepo.object_exists(
                repo.path, sha
            ):
                raise not_found()
            return 200, self.r.git_commit(repo, gitrepo.commit_info(repo.path, sha))

        # ---------------- contents (read one file or directory)
        def _content_item(repo: Repo, ref: str, e: gitrepo.TreeEntry) -> dict[str, Any]:
            a = f"{self.r.api}/repos/{repo.full_name}"
            type_ = {"blob": "file", "tree": "dir", "commit": "submodule"}[e.type]
            html = f"{self.r.web}/{repo.full_name}/{'tree' if type_ == 'dir' else 'blob'}"
            url = f"{a}/contents/{quote(e.path)}?ref={quote(ref)}"
            git_url = f"{a}/git/{'trees' if type_ == 'dir' else 'blobs'}/{e.sha}"
            return {
                "type": type_,
                "size": e.size,
                "name": e.path.rsplit("/", 1)[-1],
                "path": e.path,
                "sha": e.sha,
                "url": url,
                "git_url": git_url,
                "html_url": f"{html}/{ref}/{quote(e.path)}",
                "download_url": (
                    f"{self.r.web}/{repo.full_name}/raw/{ref}/{quote(e.path)}"
                    if type_ == "file"
                    else None
                ),
                "_links": {"self": url, "git": git_url, "html": f"{html}/{ref}/{quote(e.path)}"},
            }

        @route("GET", "/repos/{owner}/{repo}/contents/{path:path}", perms=[("contents", "read")])
        def get_contents(ctx: Ctx) -> Reply:
            """A file (base64, wrapped at 60 columns like GitHub's) or a directory's listing."""
            repo = ctx.repo
            assert repo is not None
            if gitrepo.is_empty(repo.path):
                raise ApiError(404, "This repository is empty.")
            ref = ctx.q("ref") or repo.default_branch
            commit = None
            for candidate in (f"refs/heads/{ref}", f"refs/tags/{ref}", ref):
                commit = gitrepo.rev_parse(repo.path, candidate)
                if commit:
                    break
            if commit is None:
                raise ApiError(404, f"No commit found for the ref {ref}")
            path = ctx.params["path"].strip("/")
            found = gitrepo.tree_entries(repo.path, commit, path)
            if found is None:
                raise ApiError(
                    404, "Not Found", doc=f"{DOCS}/repos/contents#get-repository-content"
                )
            is_dir, entries = found
            if is_dir:
                return 200, [_content_item(repo, ref, e) for e in entries]
            item = _content_item(repo, ref, entries[0])
            if item["type"] == "file":
                data = gitrepo.read_blob(repo.path, commit, path) or b""
                if len(data) > 1024 * 1024:  # GitHub: 1-100 MB files come without content
                    item.update(encoding="none", content="")
                else:
                    b64 = base64.b64encode(data).decode()
                    wrapped = "".join(b64[i : i + 60] + "\n" for i in range(0, len(b64), 60))
                    item.update(encoding="base64", content=wrapped)
            return 200, item

        # ---------------- contents (create / update one file)
        @route("PUT", "/repos/{owner}/{repo}/contents/{path:path}", perms=[("contents", "write")])
        def put_contents(ctx: Ctx) -> Reply:
            repo = ctx.repo
            assert repo is not None
            body = ctx.json()
            path = ctx.params["path"]
            for req in ("message", "content"):
                if req not in body:
                    raise ApiError(422, f'Invalid request.\n\n"{req}" wasn\'t supplied.')
            if (
                path.startswith(".github/workflows/")
                and ctx.token
                and ctx.token.permissions.get("workflows") != "write"
            ):
                raise ApiError(403, "Resource not accessible by integration")
            try:
                content = base64.b64decode(body["content"], validate=True)
            except ValueError as exc:
                raise ApiError(422, "content is not valid Base64") from exc
            branch = body.get("branch") or repo.default_branch
            with st.lock:
                tip = gitrepo.rev_parse(repo.path, f"refs/heads/{branch}")
                if (
                    tip is None
                    and not gitrepo.is_empty(repo.path)
                    and branch != repo.default_branch
                ):
                    raise ApiError(404, f"Branch {branch} not found")
                existing = gitrepo.blob_sha(repo.path, tip, path) if tip else None
                if existing and not body.get("sha"):
                    raise ApiError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.')
                if existing and body.get("sha") != existing:
                    raise ApiError(409, f"{path} does not match {body.get('sha')}")
                author = body.get("committer") or body.get("author") or {}
                app = st.app
                who = (
                    author.get("name") or (app.bot_login if app else "bot"),
                    author.get("email")
                    or (
                        f"{st.users[app.bot_login.lower()].id}+{app.bot_login}@users.noreply.github.com"
                        if app
                        else "bot@example.invalid"
                    ),
                )
                sha = gitrepo.commit_files(
                    repo.path, branch, {path: content}, str(body["message"]), author=who
                )
                repo.pushed_at = now_iso()
                repo.pushes.append(
                    {
                        "ref": f"refs/heads/{branch}",
                        "before": tip,
                        "after": sha,
                        "at": repo.pushed_at,
                        "installation_id": ctx.token.installation_id if ctx.token else None,
                        "via": "contents",
                    }
                )
                repo.sync_pull_refs()
            info = gitrepo.commit_info(repo.path, sha)
            blob = gitrepo.blob_sha(repo.path, sha, path)
            a = f"{self.r.api}/repos/{repo.full_name}"
            name = path.rsplit("/", 1)[-1]
            return (201 if not existing else 200), {
                "content": {
                    "name": name,
                    "path": path,
                    "sha": blob,
                    "size": len(content),
                    "url": f"{a}/contents/{quote(path)}?ref={quote(branch)}",
                    "html_url": f"{self.r.web}/{repo.full_name}/blob/{branch}/{quote(path)}",
                    "git_url": f"{a}/git/blobs/{blob}",
                    "download_url": f"{self.r.web}/{repo.full_name}/raw/{branch}/{quote(path)}",
                    "type": "file",
                    "_links": {
                        "self": f"{a}/contents/{quote(path)}?ref={quote(branch)}",
                        "git": f"{a}/git/blobs/{blob}",
                        "html": f"{self.r.web}/{repo.full_name}/blob/{branch}/{quote(path)}",
                    },
                },
                "commit": self.r.git_commit(repo, info),
            }

        # ---------------- meta
        @route("GET", "/rate_limit", auth="none")
        def rate_limit(ctx: Ctx) -> Reply:
            reset = int(time.time()) + 3600
            core = {"limit": 5000, "used": 1, "remaining": 4999, "reset": reset}
            return 200, {"resources": {"core": core}, "rate": core}

        @route("GET", "/meta", auth="none")
        def meta(ctx: Ctx) -> Reply:
            return 200, {"verifiable_password_authentication": False, "installed_version": "3.15.0"}

        # `/` of the API (GHES answers it; handy as a readiness probe)
        @route("GET", "", auth="none")
        def root(ctx: Ctx) -> Reply:
            return 200, {
                "current_user_url": f"{self.r.api}/user",
                "repository_url": f"{self.r.api}/repos/{{owner}}/{{repo}}",
            }
