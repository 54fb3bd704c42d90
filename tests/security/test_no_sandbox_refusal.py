"""Where the sandbox cannot be set up (bubblewrap missing, or refused its namespaces as under
Docker's default seccomp profile for a non-root user), generated code is not run at all, and the
CLI and the check run say so: never "sandboxed: no network" over code that ran bare."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli import EXIT_FAILED, main
from pipeline import sandbox, sandbox_bwrap
from pipeline.validate import validate_files
from tests.validate.sample_project import good_project
from worker.progress import check_summary

BARE_MARKER = "/tmp/cbg-ran-bare"  # noqa: S108 - what generated code would write if it ran


@pytest.fixture(params=["missing", "refused"])
def no_sandbox(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    fake = "/nonexistent/bwrap" if request.param == "missing" else shutil.which("false")
    monkeypatch.setattr(sandbox_bwrap, "BWRAP", fake)
    sandbox.isolation.cache_clear()
    yield
    sandbox.isolation.cache_clear()


def test_validation_does_not_run_a_project_that_would_write_on_the_host(no_sandbox: None) -> None:
    files = dict(good_project())
    files["tests/conftest.py"] += f"\nopen({BARE_MARKER!r}, 'w').write('ran bare')\n"
    Path(BARE_MARKER).unlink(missing_ok=True)
    report = validate_files(files, postgres_url=None)
    assert not Path(BARE_MARKER).exists()
    assert report.refused
    assert not report.passed


def test_the_check_run_says_why_code_was_not_run(no_sandbox: None) -> None:
    report = validate_files(good_project(), postgres_url=None)
    assert report.headline().startswith("Validation REFUSED")  # the check run's title
    summary = check_summary(report)
    assert "bubblewrap" in summary and "refused:" in summary


def test_the_cli_says_not_sandboxed_and_fails(
    no_sandbox: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["generate", "--text", "A notes API. Notes have a title.", "--out", str(tmp_path / "x")]
    )
    out = capsys.readouterr().out
    assert code == EXIT_FAILED
    assert "NOT sandboxed: generated code was not run" in out
    assert "sandboxed: no network" not in out
    assert "bubblewrap" in out
