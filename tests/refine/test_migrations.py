"""Refinements add Alembic revisions that a deployed database follows, keeping its rows.

The generated project's alembic runs only in the validation sandbox (generated code is untrusted),
on a SQLite file in the sandbox's workspace."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from pipeline import sandbox
from pipeline.generate import write_project
from pipeline.migrations import revision_file
from pipeline.refine import OutcomeStatus, init_generated, refine_project
from pipeline.render import render_project
from pipeline.spec import spec_from_dict

TODO = {
    "name": "todo-api",
    "database": "sqlite",
    "entities": [
        {"name": "Task", "fields": [{"name": "title"}, {"name": "done", "type": "boolean"}]},
    ],
}
INSERT = (
    'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("INSERT INTO tasks '
    "(title, done, created_at, updated_at) VALUES ('buy milk', 0, '2024-01-01', '2024-01-01')\");"
    " c.commit()"
)
READ = (
    "import json, sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.row_factory = sqlite3.Row;"
    " print(json.dumps([dict(r) for r in c.execute('SELECT * FROM tasks')]))"
)


def _run(cwd: Path, cmd: list[str], db: Path) -> str:
    env = {"DATABASE_URL": f"sqlite:///{db}", "ENVIRONMENT": "production", "SECRET_KEY": "x" * 40}
    result = sandbox.run_sandboxed(cmd, cwd=cwd, env=env, timeout_s=120)
    assert result.ok, result.output
    return result.output


def test_a_database_migrated_before_three_refinements_keeps_its_rows(tmp_path: Path) -> None:
    project = write_project(render_project(spec_from_dict(TODO)), tmp_path / "todo-api")
    init_generated(project, "codebegen: generate todo-api")
    first = (project / "alembic/versions/0001_initial.py").read_text()
    with sandbox.workspace() as ws:
        # The sandbox sees only the project it runs: the database file lives in the deployed
        # copy, and moves with the deployment from v1 to v3 as a server's volume would.
        v1 = sandbox.copy_project(project, ws / "v1", ignore=(".git", "__pycache__"))
        db = v1 / "app.db"
        _run(v1, [sys.executable, "-m", "alembic", "upgrade", "head"], db)
        _run(v1, [sys.executable, "-c", INSERT, str(db)], db)

        for instruction in (
            "add a priority (integer, default 3) to tasks",
            "add a Tag entity with a unique name, and tasks have many tags",
            "rename title to name on tasks",
        ):
            outcome = refine_project(project, instruction, validate=False)
            assert outcome.status is OutcomeStatus.APPLIED, outcome.to_markdown()

        stage = tmp_path / "v3"  # the refined project with the deployed database beside it
        shutil.copytree(project, stage, ignore=shutil.ignore_patterns(".git", "__pycache__"))
        shutil.copy2(db, stage / "app.db")
        v3 = sandbox.copy_project(stage, ws / "v3")
        db = v3 / "app.db"
        _run(v3, [sys.executable, "-m", "alembic", "upgrade", "head"], db)
        rows = json.loads(_run(v3, [sys.executable, "-c", READ, str(db)], db).splitlines()[-1])
    assert [(r["name"], r["priority"]) for r in rows] == [("buy milk", 3)]
    assert (project / "alembic/versions/0001_initial.py").read_text() == first
    names = sorted(p.name for p in (project / "alembic/versions").glob("*.py"))
    assert names[0] == "0001_initial.py" and [n[:4] for n in names] == [
        "0001",
        "0002",
        "0003",
        "0004",
    ]


def test_an_unchanged_schema_needs_no_revision() -> None:
    spec = spec_from_dict(TODO)
    assert revision_file(spec, spec, revision="0002", down_revision="0001", message="x") is None


def test_a_required_column_on_an_existing_table_gets_a_server_default() -> None:
    old = spec_from_dict(TODO)
    task = {"name": "Task", "fields": [*TODO["entities"][0]["fields"], {"name": "notes"}]}
    new = spec_from_dict({**TODO, "entities": [task]})
    text = revision_file(old, new, revision="0002", down_revision="0001", message="notes")
    assert text is not None
    assert "add_column" in text and "server_default=''" in text
    assert 'down_revision: str | None = "0001"' in text
