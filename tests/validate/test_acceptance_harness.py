"""The acceptance harness boots a project in the sandbox, runs an acceptance file on the host
against its URL, and counts what passed. The apps are tiny FastAPI projects written here; they
run only in the sandbox."""

from __future__ import annotations

from pathlib import Path

import httpx

from pipeline.validate.acceptance import BASE_URL_ENV, accept, served_project

APP = {
    "app/__init__.py": "",
    "app/main.py": (
        "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
        '@app.get("/pets")\ndef pets() -> list[str]:\n    return ["rex"]\n'
    ),
}
TESTS = f"""\
import os

import httpx

URL = os.environ["{BASE_URL_ENV}"]


def test_pets_are_listed():
    assert httpx.get(URL + "/pets").json() == ["rex"]


def test_cats_are_listed():
    assert httpx.get(URL + "/cats").status_code == 200
"""


def test_the_app_is_reached_over_http_through_the_bridge() -> None:
    with served_project(APP) as url:
        assert url.startswith("http://127.0.0.1:")
        assert httpx.get(f"{url}/pets").json() == ["rex"]
        assert httpx.post(f"{url}/pets").status_code == 405


def test_passed_and_failed_tests_are_counted_and_failures_named(tmp_path: Path) -> None:
    tests = tmp_path / "pets.py"  # not named test_*: collected because it is named explicitly
    tests.write_text(TESTS, encoding="utf-8")
    result = accept(APP, tests)
    assert (result.passed, result.failed, result.total) == (1, 1, 2)
    assert [f.split(" ")[0] for f in result.failures] == ["test_cats_are_listed"]
    assert result.boot_error == ""


def test_an_app_that_does_not_boot_fails_every_test_and_says_why(tmp_path: Path) -> None:
    tests = tmp_path / "pets.py"
    tests.write_text(TESTS, encoding="utf-8")
    broken = {**APP, "app/main.py": "raise SystemExit('no app today')\n"}
    result = accept(broken, tests, timeout_s=60)
    assert (result.passed, result.failed) == (0, 2)
    assert result.boot_error
