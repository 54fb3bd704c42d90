"""A project generated from an OpenAPI document, booted in the sandbox for a test to call.

The generated code runs only inside the sandbox (`pipeline.sandbox.serve_app`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import httpx
import jwt
import yaml

from pipeline import sandbox
from pipeline.contract import openapi_document, render_contract_project
from pipeline.parse import parse_spec
from pipeline.validate.checks import _app_env

SECRET_KEY = "test-secret-key-of-the-booted-contract-apps"  # noqa: S105 - tests only


def bearer(login: str) -> dict[str, str]:
    """An Authorization header with a token for `login`, as an identity provider sharing the
    app's SECRET_KEY would issue it (for documents that declare no way to sign in)."""
    claims = {"sub": login, "exp": datetime.now(UTC) + timedelta(hours=1)}
    return {"Authorization": f"Bearer {jwt.encode(claims, SECRET_KEY, algorithm='HS256')}"}


def project(document: str) -> dict[str, str]:
    """The files codebegen generates for an issue holding `document` (a bare document, or
    words around a fenced one)."""
    found = openapi_document(document)  # read as YAML 1.2, as the bot reads it
    return render_contract_project(parse_spec(document), found or yaml.safe_load(document)).files


@contextmanager
def served(document: str) -> Iterator[httpx.Client]:
    """A client of the app generated from `document`, booted on SQLite."""
    with sandbox.workspace("cbg-test-contract-") as ws:
        root = ws / "project"
        for rel, content in project(document).items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(content, encoding="utf-8")
        copy = sandbox.copy_project(root, ws / "served")
        env = {**_app_env(copy), "DATABASE_URL": "sqlite:///./app.db", "ENVIRONMENT": "local"}
        env["SECRET_KEY"] = SECRET_KEY
        with sandbox.serve_app(copy, env=env, timeout_s=120) as app:
            yield app
