"""Fixtures for the renderer's tests: rendered projects on disk, and booted generated apps.

Generated code is untrusted: its tests and its app run only inside `pipeline.sandbox` (no
network, its own user, limits). Rendering and writing files happen here, in the test process.
"""

from __future__ import annotations

import contextlib
import secrets
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from pipeline import sandbox
from pipeline.render import render_project
from pipeline.spec import ProjectSpec

ADMIN_EMAIL = "admin@example.com"


def write_tree(files: dict[str, str], root: Path) -> Path:
    for path, content in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    return root


def sandbox_copy(spec: ProjectSpec, workspace: Path) -> Path:
    """Render `spec` and copy the project into `workspace`, owned by the sandbox user."""
    with tempfile.TemporaryDirectory() as tmp:
        rendered = write_tree(render_project(spec), Path(tmp) / spec.name)
        return sandbox.copy_project(rendered, workspace / spec.name)


class BootedApp:
    """A generated app served by uvicorn in the sandbox, with helpers to sign in."""

    def __init__(self, client: httpx.Client, admin_password: str) -> None:
        self.client = client
        self.admin_password = admin_password

    def login(self, email: str, password: str) -> dict[str, str]:
        response = self.client.post("/auth/login", data={"username": email, "password": password})
        assert response.status_code == 200, response.text
        return {"Authorization": f"Bearer {response.json()['access_token']}"}

    def register(self, email: str, password: str = "a-long-password") -> dict[str, str]:
        """Register `email` and return its authorization headers."""
        response = self.client.post("/auth/register", json={"email": email, "password": password})
        assert response.status_code == 201, response.text
        return self.login(email, password)

    def admin(self) -> dict[str, str]:
        return self.login(ADMIN_EMAIL, self.admin_password)


@pytest.fixture(scope="module")
def boot() -> Iterator[Callable[[ProjectSpec], BootedApp]]:
    """Render a spec and serve it in the sandbox; the apps stop when the module's tests end."""
    with sandbox.workspace("cbg-render-") as ws, contextlib.ExitStack() as apps:

        def start(spec: ProjectSpec) -> BootedApp:
            password = secrets.token_urlsafe(12)
            env = {
                "SECRET_KEY": secrets.token_hex(32),
                "FIRST_ADMIN_EMAIL": ADMIN_EMAIL,
                "FIRST_ADMIN_PASSWORD": password,
                "PASSWORD_HASH_TIME_COST": "1",
                "PASSWORD_HASH_MEMORY_KIB": "1024",
                "MAX_UPLOAD_MB": "1",
            }
            project = sandbox_copy(spec, ws)
            client = apps.enter_context(sandbox.serve_app(project, env=env, timeout_s=900))
            return BootedApp(client, password)

        yield start
