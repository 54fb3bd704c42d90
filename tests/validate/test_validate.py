"""validate_project on a known-good sample and on copies broken one way each."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline import sandbox_postgres
from pipeline.validate import CheckStatus, ValidationReport, validate_files, validate_project
from tests.validate.sample_project import good_project

PASSED, FAILED, SKIPPED = CheckStatus.PASSED, CheckStatus.FAILED, CheckStatus.SKIPPED


def _broken(change: Callable[[dict[str, str]], None]) -> dict[str, str]:
    files = good_project()
    change(files)
    return files


@pytest.fixture(scope="module")
def good_report() -> ValidationReport:
    return validate_files(good_project())


def _status(report: ValidationReport) -> dict[str, CheckStatus]:
    return {c.name: c.status for c in report.checks}


def test_good_project_passes_every_check(good_report: ValidationReport) -> None:
    assert good_report.passed, good_report.to_text()
    assert good_report.failures == []
    assert set(_status(good_report)) >= {
        "files",
        "compile",
        "black",
        "ruff",
        "pytest (sqlite)",
        "pytest (postgresql)",
        "boot",
        "GET /docs",
        "GET /openapi.json",
    }


def test_good_project_report_keeps_the_served_openapi(good_report: ValidationReport) -> None:
    assert good_report.openapi is not None
    assert "/items/{item_id}" in good_report.openapi["paths"]


def test_good_project_runs_its_tests_on_postgresql_when_a_server_answers(
    good_report: ValidationReport,
) -> None:
    server, why = sandbox_postgres.find_postgres()
    if server is None:
        pytest.skip(why)
    assert good_report.check("pytest (postgresql)").status is PASSED
    assert good_report.check("alembic upgrade (postgresql)").status is PASSED


def test_syntax_error_fails_compile_and_says_where() -> None:
    files = _broken(
        lambda f: f.__setitem__("app/db/session.py", f["app/db/session.py"] + "def (:\n")
    )
    report = validate_files(files, postgres_url=None)
    assert report.check("compile").status is FAILED
    assert report.check("compile").summary.startswith("app/db/session.py:")
    assert report.check("boot").status is FAILED
    assert report.check("GET /docs").summary == "the app did not boot"
    assert not report.passed


def test_lint_problems_fail_black_and_ruff_only() -> None:
    def unformatted(f: dict[str, str]) -> None:
        f["app/main.py"] = "import os\n" + f["app/main.py"].replace('"ok"}', "'ok'   }")

    report = validate_files(_broken(unformatted), postgres_url=None)
    status = _status(report)
    assert status["black"] is FAILED and "app/main.py" in report.check("black").summary
    assert status["ruff"] is FAILED and "F401" in report.check("ruff").details
    assert status["pytest (sqlite)"] is PASSED
    assert status["boot"] is PASSED
    assert 0 < report.score < 1


def test_failing_test_fails_pytest() -> None:
    def failing(f: dict[str, str]) -> None:
        f["tests/test_items.py"] += "\n\ndef test_wrong() -> None:\n    assert 1 + 1 == 3\n"

    report = validate_files(_broken(failing), postgres_url=None)
    check = report.check("pytest (sqlite)")
    assert check.status is FAILED
    assert "1 failed, 3 passed" in check.summary
    assert "assert 1 + 1 == 3" in check.details


def test_generated_test_that_opens_a_network_connection_fails() -> None:
    def networked(f: dict[str, str]) -> None:
        f["tests/test_network.py"] = (
            "import socket\n\n\ndef test_redis() -> None:\n"
            "    socket.create_connection(('127.0.0.1', 6379), timeout=2).close()\n"
        )

    report = validate_files(_broken(networked), postgres_url=None)
    check = report.check("pytest (sqlite)")
    assert check.status is FAILED
    # Its own loopback only (bubblewrap brings `lo` up in the new namespace): nothing listens.
    assert "Connection refused" in check.details or "Network is unreachable" in check.details


def test_app_that_does_not_boot_fails_boot_docs_and_openapi() -> None:
    def crashing(f: dict[str, str]) -> None:
        f["app/main.py"] = f["app/main.py"].replace(
            "    Base.metadata.create_all(engine)\n",
            '    Base.metadata.create_all(engine)\n    raise RuntimeError("no boot")\n',
        )

    report = validate_files(_broken(crashing), postgres_url=None)
    status = _status(report)
    assert status["boot"] is FAILED
    assert "no boot" in report.check("boot").details
    assert status["GET /docs"] is FAILED and status["GET /openapi.json"] is FAILED
    assert report.openapi is None


def test_missing_files_fail_the_layout_check() -> None:
    files = _broken(lambda f: [f.pop("Dockerfile"), f.pop("app/routers/items.py")])
    report = validate_files(files, postgres_url=None)
    check = report.check("files")
    assert check.status is FAILED
    assert "Dockerfile" in check.summary and "app/routers/items.py" in check.summary


def test_postgresql_checks_are_skipped_not_failed_without_a_server() -> None:
    report = validate_files(good_project(), postgres_url="postgresql://postgres@/x?host=/nowhere")
    check = report.check("pytest (postgresql)")
    assert check.status is SKIPPED
    assert "no PostgreSQL" in check.summary
    assert report.passed


def test_tests_that_ignore_database_url_do_not_pass_on_postgresql() -> None:
    server, why = sandbox_postgres.find_postgres()
    if server is None:
        pytest.skip(why)

    def ignore_url(f: dict[str, str]) -> None:
        f["app/core/config.py"] = f["app/core/config.py"].replace(
            'os.environ.get("DATABASE_URL", "sqlite:///./app.db")', '"sqlite:///./app.db"'
        )

    report = validate_files(_broken(ignore_url))
    check = report.check("pytest (postgresql)")
    assert check.status is FAILED
    assert "never used DATABASE_URL" in check.summary


def test_validate_project_leaves_the_project_untouched(tmp_path: Path) -> None:
    for rel, text in good_project().items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    report = validate_project(tmp_path, postgres_url=None)
    assert report.check("pytest (sqlite)").status is PASSED
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_symlinks_in_a_project_are_never_followed(tmp_path: Path) -> None:
    host_file = tmp_path / "host-secrets.env"
    host_file.write_text("LEAK_ME=secret\n")
    project = tmp_path / "project"
    for rel, text in good_project().items():
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text(text)
    (project / ".env.example").unlink()
    (project / ".env.example").symlink_to(host_file)
    (project / "tests/test_env.py").write_text(
        "import os\n\n\ndef test_no_leak() -> None:\n    assert 'LEAK_ME' not in os.environ\n"
    )
    report = validate_project(project, postgres_url=None)
    assert report.check("pytest (sqlite)").status is PASSED, report.to_text()
    assert ".env.example" in report.check("files").summary


def test_files_outside_the_project_are_refused() -> None:
    from pipeline.errors import CodebegenError

    with pytest.raises(CodebegenError, match="outside the project"):
        validate_files({**good_project(), "../escape.py": "x = 1\n"}, postgres_url=None)
