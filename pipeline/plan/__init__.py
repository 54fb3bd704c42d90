"""The file plan: which files a generated project has, and what each template is given. No I/O.

`plan_project(spec)` turns a `ProjectSpec` into a list of `PlannedFile`s. The templates stay simple
because every decision is made beforehand (`views.build_view`, `fields.field_view`): names,
Python and SQL types, owners, access, and the sample values the generated tests send. Every
template sees the whole `ProjectView` as `project`; per-entity files also see their `entity`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pipeline.normalize import normalize
from pipeline.plan.fields import FieldView
from pipeline.plan.views import EntityView, ProjectView, build_view, with_article
from pipeline.spec import ProjectSpec


@dataclass(frozen=True)
class PlannedFile:
    path: str  # relative, POSIX
    template: str  # under pipeline/templates
    context: dict[str, Any]


def plan_project(spec: ProjectSpec) -> list[PlannedFile]:
    """Every file of the generated project, in a stable order (of the normalised spec)."""
    project = build_view(normalize(spec)[0])
    files: list[PlannedFile] = []

    def add(path: str, template: str, **extra: Any) -> None:
        files.append(PlannedFile(path, template, {"project": project, **extra}))

    add("app/__init__.py", "app/__init__.py.j2")
    add("app/main.py", "app/main.py.j2")
    add("app/errors.py", "app/errors.py.j2")
    add("app/core/__init__.py", "package.py.j2", doc="Settings and cross-cutting helpers.")
    add("app/core/config.py", "app/core/config.py.j2")
    add("app/db/__init__.py", "package.py.j2", doc="Database engine, sessions and the model base.")
    add("app/db/base.py", "app/db/base.py.j2")
    add("app/db/session.py", "app/db/session.py.j2")
    add("app/db/init_db.py", "app/db/init_db.py.j2")
    add("app/models/__init__.py", "app/models/__init__.py.j2")
    add("app/schemas/__init__.py", "package.py.j2", doc="Request and response bodies.")
    add("app/schemas/common.py", "app/schemas/common.py.j2")
    add("app/repositories/__init__.py", "package.py.j2", doc="Database access, one per table.")
    add("app/repositories/base.py", "app/repositories/base.py.j2")
    add("app/services/__init__.py", "package.py.j2", doc="Business rules, one per entity.")
    add("app/routers/__init__.py", "package.py.j2", doc="HTTP endpoints, one module per entity.")
    if project.uploads:
        add("app/storage.py", "app/storage.py.j2")
    for entity in project.entities:
        add(f"app/models/{entity.snake}.py", "app/models/entity.py.j2", entity=entity)
        add(f"app/schemas/{entity.snake}.py", "app/schemas/entity.py.j2", entity=entity)
        add(f"app/repositories/{entity.snake}.py", "app/repositories/entity.py.j2", entity=entity)
        add(f"app/services/{entity.snake}.py", "app/services/entity.py.j2", entity=entity)
        add(f"app/routers/{entity.plural}.py", "app/routers/entity.py.j2", entity=entity)
    if project.auth:
        add("app/auth/__init__.py", "package.py.j2", doc="Password hashing, JWT and login.")
        add("app/auth/security.py", "app/auth/security.py.j2")
        add("app/auth/dependencies.py", "app/auth/dependencies.py.j2")
        add("app/auth/router.py", "app/auth/router.py.j2")
        add("app/auth/schemas.py", "app/auth/schemas.py.j2")
    add("alembic.ini", "alembic.ini.j2")
    add("alembic/env.py", "alembic/env.py.j2")
    add("alembic/script.py.mako", "alembic/script.py.mako.j2")
    add("alembic/versions/0001_initial.py", "alembic/versions/0001_initial.py.j2")
    add("tests/__init__.py", "package.py.j2", doc="The project's test suite.")
    add("tests/conftest.py", "tests/conftest.py.j2")
    add("tests/factories.py", "tests/factories.py.j2")
    add("tests/test_health.py", "tests/test_health.py.j2")
    add("tests/test_migrations.py", "tests/test_migrations.py.j2")
    if project.auth:
        add("tests/test_auth.py", "tests/test_auth.py.j2")
    for entity in project.entities:
        template = "tests/test_users.py.j2" if entity.is_user else "tests/test_entity.py.j2"
        add(f"tests/test_{entity.plural}.py", template, entity=entity)
    add("pyproject.toml", "pyproject.toml.j2")
    add("README.md", "README.md.j2")
    add("Dockerfile", "Dockerfile.j2")
    add("requirements.lock", "requirements.lock.j2")
    add(".dockerignore", "dockerignore.j2")
    add("docker-compose.yml", "docker-compose.yml.j2")
    add(".env.example", "env.example.j2")
    add(".gitignore", "gitignore.j2")
    return files


__all__ = [
    "EntityView",
    "FieldView",
    "PlannedFile",
    "ProjectView",
    "build_view",
    "plan_project",
    "with_article",
]
