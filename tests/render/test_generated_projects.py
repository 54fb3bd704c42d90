"""Every spec renders a project that is black-formatted, ruff-clean, compiles and passes its own
tests. The project's tests are untrusted code, so they run inside the sandbox, like the validator
runs them; black and ruff only read the files, so they run here."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pipeline import sandbox, sandbox_postgres
from pipeline.spec import ProjectSpec
from tests.render import specs
from tests.render.conftest import sandbox_copy

SPECS: dict[str, Callable[[], ProjectSpec]] = {
    "blog": specs.blog,
    "shop": specs.shop,
    "todo": specs.todo,
    "petstore": specs.petstore,
    "awkward": specs.awkward,
    "edges": specs.edges,
    "one_role": specs.one_role,
    "notes_private": specs.notes_private,
    "iot_one_role": specs.iot_one_role,
    "shop_rules": specs.shop_rules,
    "soft_tasks": specs.soft_tasks,
    "computed_orders": specs.computed_orders,
    "private_orders": specs.private_orders_with_items,
}
# PostgreSQL runs are slower; these specs between them cover every column type and relation.
ON_POSTGRESQL = {"blog", "shop", "awkward", "edges", "shop_rules"}
TOOLS = Path(sys.executable).parent


@pytest.fixture(scope="module", params=sorted(SPECS))
def project(request: pytest.FixtureRequest) -> Iterator[Path]:
    with sandbox.workspace("cbg-render-") as ws:
        yield sandbox_copy(SPECS[request.param](), ws)


def test_python_files_compile(project: Path) -> None:
    for path in project.rglob("*.py"):
        compile(path.read_text(encoding="utf-8"), str(path), "exec")


def test_black_leaves_it_unchanged(project: Path) -> None:
    result = subprocess.run(
        [str(TOOLS / "black"), "--check", "--quiet", "."],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_ruff_finds_nothing(project: Path) -> None:
    result = subprocess.run(
        [str(TOOLS / "ruff"), "check", "--no-cache", "--output-format", "concise", "."],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_its_own_tests_pass_on_sqlite(project: Path) -> None:
    result = sandbox.run_sandboxed(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--color=no"],
        cwd=project,
        timeout_s=300,
    )
    assert result.ok, result.output[-6000:]
    assert " passed" in result.stdout and "failed" not in result.stdout


@pytest.mark.parametrize("project", sorted(ON_POSTGRESQL), indirect=True)
def test_its_own_tests_pass_on_postgresql(project: Path) -> None:
    server, why = sandbox_postgres.find_postgres()
    if server is None:
        pytest.skip(why)
    with sandbox_postgres.throwaway_database(server) as url:
        result = sandbox.run_sandboxed(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--color=no", "-x"],
            cwd=project,
            env={"DATABASE_URL": url},
            timeout_s=300,
            expose=[Path(server.socket_dir)],  # the only host path the tests may reach
        )
        used = sandbox_postgres.database_activity(server, url)
    assert result.ok, result.output[-6000:]
    assert used, "the tests did not use DATABASE_URL"
