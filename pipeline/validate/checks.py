"""The checks a generated project must pass, and the runner that runs them concurrently.

I/O: copies the project into a sandbox workspace, runs its tests, its linters, its migrations and
its app there (see `pipeline.sandbox`), and creates throwaway PostgreSQL databases. The project
given is never modified: every check that executes code gets its own copy.
"""

from __future__ import annotations

import os
import re
import secrets
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Literal

import httpx

from pipeline import sandbox, sandbox_postgres
from pipeline.errors import CodebegenError, SpecError
from pipeline.spec import ProjectSpec
from pipeline.validate import bridge, conformance, contract
from pipeline.validate.authorization import check_project
from pipeline.validate.report import CheckResult, CheckStatus, ContractCounts, ValidationReport

AUTO: Literal["auto"] = "auto"
POSTGRES_URL_ENV = "CODEBEGEN_VALIDATE_POSTGRES_URL"  # host-side admin URL of the test server
# Weights of the score: running the project's own tests matters most.
WEIGHTS = {
    "files": 1.0,
    "compile": 1.0,
    "black": 0.5,
    "ruff": 0.5,
    "pytest (sqlite)": 3.0,
    "pytest (postgresql)": 3.0,
    "alembic upgrade (postgresql)": 1.0,
    "boot": 2.0,
    "GET /docs": 1.0,
    "GET /openapi.json": 1.0,
    contract.NAME: contract.WEIGHT,
    conformance.NAME: conformance.WEIGHT,
    "authorization": 2.0,  # two ordinary users probe the booted app (validate/authorization.py)
}
# Files every generated project has, whatever its spec.
EXPECTED_FILES = (
    "app/__init__.py",
    "app/main.py",
    "app/core/config.py",
    "app/db/session.py",
    "alembic.ini",
    "alembic/env.py",
    "tests/conftest.py",
    "pyproject.toml",
    "README.md",
    "Dockerfile",
    "docker-compose.yml",
    ".env.example",
    "codebegen.yaml",
)
_SKIP_DIRS = {
    ".git",
    ".venv",
    "venv",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    "node_modules",
}


@dataclass
class _Run:
    """What every check gets: the pristine copy, the workspace, limits and the app's env."""

    source: Path
    workspace: Path
    env: dict[str, str]
    timeout_s: float
    postgres: sandbox_postgres.PostgresServer | None
    postgres_reason: str

    def copy(self, name: str) -> Path:
        return sandbox.copy_project(self.source, self.workspace / name)

    def sandboxed(
        self, name: str, cmd: list[str], env: dict[str, str], timeout_s: float
    ) -> sandbox.SandboxResult:
        # Only PostgreSQL's socket directory is bound in, and only for the checks that use it.
        pg = [Path(self.postgres.socket_dir)] if self.postgres and "DATABASE_URL" in env else []
        return sandbox.run_sandboxed(
            cmd, cwd=self.copy(name), env=env, timeout_s=timeout_s, expose=pg
        )


def validate_project(
    project_dir: Path,
    *,
    postgres_url: str | None = AUTO,
    timeout_s: float = 120.0,
) -> ValidationReport:
    """Validate the project at `project_dir` (left untouched) and return the report.

    `postgres_url`: the admin URL of a PostgreSQL server for the PostgreSQL checks; "auto" uses
    $CODEBEGEN_VALIDATE_POSTGRES_URL, else codebegen's own cluster (`pipeline.pgserver`, skipped
    with a reason where PostgreSQL is not installed); None skips those checks. Sandboxed code
    reaches a server named by URL too, so its auth is then the caller's to get right: one that
    trusts local logins gives the generated code its superuser (`sandbox_postgres.find_postgres`).
    `timeout_s`: the limit of the slowest check (a test run); the others get less."""
    started = time.monotonic()
    with sandbox.workspace("cbg-validate-") as ws:
        source = ws / "project"
        _copy_tree(Path(project_dir), source)
        return _validate(source, ws, postgres_url=postgres_url, timeout_s=timeout_s, t0=started)


def validate_files(
    files: dict[str, str],
    *,
    postgres_url: str | None = AUTO,
    timeout_s: float = 120.0,
) -> ValidationReport:
    """Validate a project given as {relative path: content}, without writing it anywhere else."""
    started = time.monotonic()
    with sandbox.workspace("cbg-validate-") as ws:
        source = ws / "project"
        write_files(files, source)
        return _validate(source, ws, postgres_url=postgres_url, timeout_s=timeout_s, t0=started)


def write_files(files: dict[str, str], dest: Path) -> None:
    """Write {relative path: content} under `dest`, refusing any path that leaves it."""
    for rel, text in files.items():
        parts = PurePosixPath(rel).parts
        if not parts or PurePosixPath(rel).is_absolute() or ".." in parts:
            raise CodebegenError(f"refusing to validate a file outside the project: {rel!r}")
        path = dest.joinpath(*parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _validate(
    source: Path, ws: Path, *, postgres_url: str | None, timeout_s: float, t0: float
) -> ValidationReport:
    if not sandbox.isolation().available:
        return refused_report(source, sandbox.isolation().refusal, t0=t0)
    server, reason = _postgres(postgres_url)
    run = _Run(source, ws, _app_env(source), timeout_s, server, reason)
    with ThreadPoolExecutor(max_workers=6, thread_name_prefix="validate") as pool:
        # The slowest first, so they start before the quick ones queue up behind them.
        jobs = [
            pool.submit(_timed, "pytest (sqlite)", lambda: _pytest_sqlite(run)),
            pool.submit(_timed, "pytest (postgresql)", lambda: _pytest_postgres(run)),
            pool.submit(_timed, "alembic upgrade (postgresql)", lambda: _alembic(run)),
            pool.submit(_timed, "black", lambda: _black(run)),
            pool.submit(_timed, "ruff", lambda: _ruff(run)),
        ]
        booting = pool.submit(_boot_checks, run)
        checks = [
            _timed("files", lambda: _files(source)),
            _timed("compile", lambda: _compile(source)),
        ]
        checks += [job.result() for job in jobs]
        booted, openapi, counts = booting.result()
    checks += booted
    if contract.has_contract(source):
        checks.append(_timed(contract.NAME, lambda: contract.contract_check(source, openapi)))
    order = list(WEIGHTS)
    checks.sort(key=lambda c: order.index(c.name) if c.name in order else len(order))
    for c in checks:
        c.weight = WEIGHTS.get(c.name, 1.0)
    return ValidationReport(
        checks=checks,
        duration_s=round(time.monotonic() - t0, 3),
        isolation_notes=list(sandbox.isolation().notes),
        openapi=openapi,
        contract=counts,
    )


def refused_report(source: Path, why: str, *, t0: float) -> ValidationReport:
    """No sandbox: the static checks run (they execute nothing), every other check is failed
    with the reason, so the check run and the CLI say why the code was not run."""
    checks = [_timed("files", lambda: _files(source)), _timed("compile", lambda: _compile(source))]
    for name in list(WEIGHTS)[2:]:
        checks.append(CheckResult(name=name, status=CheckStatus.FAILED, summary=f"refused: {why}"))
    for c in checks:
        c.weight = WEIGHTS.get(c.name, 1.0)
    return ValidationReport(
        checks=checks,
        duration_s=round(time.monotonic() - t0, 3),
        isolation_notes=[why],
        refused=why,
    )


def _timed(name: str, fn: Callable[[], tuple[CheckStatus, str, str]]) -> CheckResult:
    start = time.monotonic()
    try:
        status, summary, details = fn()
    except Exception as exc:  # a check that crashes is a failed check, never a crashed run
        status, summary, details = CheckStatus.FAILED, f"check crashed: {exc!r}", ""
    duration = round(time.monotonic() - start, 3)
    return CheckResult(
        name=name, status=status, duration_s=duration, summary=summary, details=details
    )


# --- static checks (our own code reading files: no sandbox needed) ------------------------------


def _files(source: Path) -> tuple[CheckStatus, str, str]:
    expected = list(EXPECTED_FILES)
    spec_file = source / "codebegen.yaml"
    # A project serving an input OpenAPI document has the document's API (app/contract/), not
    # the template's per-entity files.
    if spec_file.is_file() and not (source / "app" / "contract" / "document.json").is_file():
        try:
            spec = ProjectSpec.from_yaml(spec_file.read_text(encoding="utf-8"))
        except SpecError as exc:
            return CheckStatus.FAILED, "codebegen.yaml is not a valid spec", str(exc)
        for e in spec.entities:
            expected += [f"app/models/{e.snake}.py", f"app/schemas/{e.snake}.py"]
            expected += [f"app/routers/{e.plural}.py", f"tests/test_{e.plural}.py"]
        if spec.auth.value == "jwt":
            expected += ["app/auth/__init__.py"]
    missing = [rel for rel in expected if not (source / rel).is_file()]
    if not any((source / "alembic" / "versions").glob("*.py")):
        missing.append("alembic/versions/*.py")
    if missing:
        return CheckStatus.FAILED, f"missing: {', '.join(missing[:8])}", "\n".join(missing)
    written = sum(1 for p in source.rglob("*") if p.is_file())
    return (
        CheckStatus.PASSED,
        f"all {len(expected) + 1} required files present ({written} in all)",
        "",
    )


def _python_files(source: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(source):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS)
        for name in sorted(filenames):
            if name.endswith(".py"):
                yield Path(dirpath) / name


def _compile(source: Path) -> tuple[CheckStatus, str, str]:
    """Byte-compile every module, like py_compile, without executing or writing anything."""
    errors, count = [], 0
    for path in _python_files(source):
        count += 1
        rel = path.relative_to(source).as_posix()
        try:
            compile(path.read_bytes(), rel, "exec", dont_inherit=True)
        except (SyntaxError, ValueError) as exc:
            line = getattr(exc, "lineno", None)
            errors.append(f"{rel}:{line}: {getattr(exc, 'msg', exc)}")
    if errors:
        return CheckStatus.FAILED, errors[0], "\n".join(errors)
    return CheckStatus.PASSED, f"{count} modules", ""


# --- linters (run in the sandbox too: they read the project's own config) ----------------------


def _black(run: _Run) -> tuple[CheckStatus, str, str]:
    cmd = [sys.executable, "-m", "black", "--check", "--diff", "--no-color", "."]
    result = run.sandboxed("black", cmd, {}, min(run.timeout_s, 60))
    if result.ok:
        return CheckStatus.PASSED, "formatted", ""
    files = re.findall(r"^would reformat (.+)$", result.stderr, flags=re.M)
    summary = f"would reformat {len(files)} files: {', '.join(files[:3])}" if files else "failed"
    return CheckStatus.FAILED, _trim(summary), result.output


def _ruff(run: _Run) -> tuple[CheckStatus, str, str]:
    ruff = os.path.join(os.path.dirname(sys.executable), "ruff")
    cmd = [ruff, "check", "--no-cache", "--output-format", "concise", "."]
    result = run.sandboxed("ruff", cmd, {}, min(run.timeout_s, 60))
    if result.ok:
        return CheckStatus.PASSED, "no findings", ""
    found = re.search(r"Found \d+ errors?", result.output)
    first = next((ln for ln in result.stdout.splitlines() if ln.strip()), "")
    summary = f"{found.group(0) if found else 'failed'}: {first}"
    return CheckStatus.FAILED, _trim(summary), result.output


# --- the project's own tests, on SQLite and on PostgreSQL --------------------------------------

_PYTEST = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--color=no"]


def _pytest_verdict(result: sandbox.SandboxResult) -> tuple[CheckStatus, str, str]:
    lines = [
        ln for ln in result.stdout.splitlines() if re.search(r"\d+ (passed|failed)|no tests", ln)
    ]
    summary = lines[-1].strip("= ").strip() if lines else ""
    if result.timed_out:
        return CheckStatus.FAILED, f"timed out ({summary or 'no summary'})", result.output
    if result.returncode == 5:
        return CheckStatus.FAILED, "no tests were collected", result.output
    if result.ok:
        return CheckStatus.PASSED, summary or "passed", ""
    return CheckStatus.FAILED, summary or f"exit status {result.returncode}", result.output


def _pytest_sqlite(run: _Run) -> tuple[CheckStatus, str, str]:
    env = {**run.env, "DATABASE_URL": "sqlite:///./test.db"}
    return _pytest_verdict(run.sandboxed("pytest-sqlite", _PYTEST, env, run.timeout_s))


def _pytest_postgres(run: _Run) -> tuple[CheckStatus, str, str]:
    if run.postgres is None:
        return CheckStatus.SKIPPED, f"no PostgreSQL server: {run.postgres_reason}", ""
    with sandbox_postgres.throwaway_database(run.postgres) as url:
        env = {**run.env, "DATABASE_URL": url}
        result = run.sandboxed("pytest-postgres", _PYTEST, env, run.timeout_s)
        status, summary, details = _pytest_verdict(result)
        if status is CheckStatus.PASSED and not sandbox_postgres.database_activity(
            run.postgres, url
        ):
            status = CheckStatus.FAILED
            summary = f"{summary}, but the tests never used DATABASE_URL"
    return status, summary, details


def _alembic(run: _Run) -> tuple[CheckStatus, str, str]:
    if run.postgres is None:
        return CheckStatus.SKIPPED, f"no PostgreSQL server: {run.postgres_reason}", ""
    with sandbox_postgres.throwaway_database(run.postgres) as url:
        env = {**run.env, "DATABASE_URL": url}
        cmd = [sys.executable, "-m", "alembic", "upgrade", "head"]
        result = run.sandboxed("alembic", cmd, env, min(run.timeout_s, 60))
        tables = sandbox_postgres.table_names(run.postgres, url) if result.ok else []
    if not result.ok:
        last = (result.output.strip().splitlines() or ["failed"])[-1]
        return CheckStatus.FAILED, _trim(last), result.output
    return CheckStatus.PASSED, f"tables created: {', '.join(sorted(tables))}", ""


# --- booting the app ---------------------------------------------------------------------------


def _boot_checks(
    run: _Run,
) -> tuple[list[CheckResult], dict[str, Any] | None, ContractCounts | None]:
    """boot, GET /docs, GET /openapi.json, authorization and, for a project with an input
    document, its contract tests; returns the results, the openapi dict and the counts."""
    env = {**run.env, "DATABASE_URL": "sqlite:///./app.db"}
    openapi: dict[str, Any] | None = None
    document = contract.input_document(run.source)
    results: list[CheckResult] = []
    holder: dict[str, Any] = {}
    start = time.monotonic()
    limit = min(run.timeout_s, 60) + (conformance.DEADLINE_S + 15 if document else 0)
    try:
        with sandbox.serve_app_socket(run.copy("boot"), env=env, timeout_s=limit) as (app, sock):
            boot = CheckResult(
                name="boot",
                status=CheckStatus.PASSED,
                duration_s=round(time.monotonic() - start, 3),
                summary="uvicorn app.main:app answered",
            )
            docs = _timed("GET /docs", lambda: _get_docs(app))
            spec = _timed("GET /openapi.json", lambda: _get_openapi(app, holder))
            openapi = holder.get("openapi")
            admin = (env["FIRST_ADMIN_EMAIL"], env["FIRST_ADMIN_PASSWORD"])
            authz = _timed(
                "authorization", lambda: check_project(run.source, app, openapi, admin=admin)
            )
            if document is not None:
                with bridge.tcp_bridge(sock) as url:
                    results.append(
                        _timed(
                            conformance.NAME,
                            lambda: conformance.contract_tests_check(
                                document, url, openapi, holder
                            ),
                        )
                    )
    except sandbox.SandboxError as exc:  # AppBootError carries the app's output
        boot = CheckResult(
            name="boot",
            status=CheckStatus.FAILED,
            duration_s=round(time.monotonic() - start, 3),
            summary=str(exc),
            details=getattr(exc, "output", ""),
        )
        names = ["GET /docs", "GET /openapi.json", "authorization"]
        names += [conformance.NAME] if document is not None else []
        docs, spec, authz, *results = (
            CheckResult(name=n, status=CheckStatus.FAILED, summary="the app did not boot")
            for n in names
        )
    return [boot, docs, spec, authz, *results], openapi, holder.get("counts")


def _get_docs(app: httpx.Client) -> tuple[CheckStatus, str, str]:
    response = app.get("/docs")
    kind = response.headers.get("content-type", "")
    if response.status_code != 200 or "text/html" not in kind:
        return CheckStatus.FAILED, f"{response.status_code} {kind}", response.text[:2000]
    return CheckStatus.PASSED, "200 text/html", ""


def _get_openapi(app: httpx.Client, holder: dict[str, Any]) -> tuple[CheckStatus, str, str]:
    response = app.get("/openapi.json")
    if response.status_code != 200:
        return CheckStatus.FAILED, f"status {response.status_code}", response.text[:2000]
    try:
        data = response.json()
    except ValueError:
        return CheckStatus.FAILED, "not JSON", response.text[:2000]
    paths = data.get("paths") if isinstance(data, dict) else None
    if not paths or not str(data.get("openapi", "")).startswith("3."):
        return CheckStatus.FAILED, "not an OpenAPI 3 document with paths", response.text[:2000]
    holder["openapi"] = data
    ops = sum(len(v) for v in paths.values() if isinstance(v, dict))
    return (
        CheckStatus.PASSED,
        f"OpenAPI {data['openapi']}: {len(paths)} paths, {ops} operations",
        "",
    )


# --- helpers -----------------------------------------------------------------------------------


def _postgres(url: str | None) -> tuple[sandbox_postgres.PostgresServer | None, str]:
    if url is None:
        return None, "disabled"
    if url == AUTO:
        url = os.environ.get(POSTGRES_URL_ENV) or None
    return sandbox_postgres.find_postgres(url)


def _app_env(source: Path) -> dict[str, str]:
    """The app's environment: its own .env.example, with fresh secrets and a local database."""
    env: dict[str, str] = {}
    example = source / ".env.example"
    if example.is_file():
        for line in example.read_text(encoding="utf-8").splitlines():
            key, sep, value = line.strip().partition("=")
            if sep and key and not key.startswith("#") and re.fullmatch(r"[A-Z_][A-Z0-9_]*", key):
                env[key] = value.strip().strip("'\"")
    env["SECRET_KEY"] = secrets.token_hex(32)
    env["FIRST_ADMIN_EMAIL"] = env.get("FIRST_ADMIN_EMAIL") or "admin@example.com"
    env["FIRST_ADMIN_PASSWORD"] = secrets.token_urlsafe(16)
    return env


def _copy_tree(src: Path, dst: Path) -> None:
    if not src.is_dir():
        raise CodebegenError(f"{src} is not a project directory")
    sandbox.copy_project(src, dst, ignore=_SKIP_DIRS)


def _trim(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
