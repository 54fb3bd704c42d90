"""The pinned stack of a generated project. No I/O.

Generated projects pin exactly these versions, and codebegen itself depends on the same pins
(pyproject.toml), because the validator runs a generated project with codebegen's own
interpreter inside the sandbox: the sandbox has no network, so it cannot install anything.
`tests/pipeline/test_stack.py` checks that the installed versions are these.
"""

from __future__ import annotations

PYTHON_VERSION = "3.11"  # the generated Dockerfile's base image and requires-python

# What the generated app needs at run time.
RUNTIME = {
    "fastapi": "0.165.0",
    "uvicorn": "0.54.0",
    "sqlalchemy": "2.1.9",
    "alembic": "1.20.1",
    "pydantic": "2.14.4",
    "pydantic-settings": "2.16.3",
    "email-validator": "2.4.0",
    "pyjwt": "2.15.1",
    "pwdlib[argon2]": "0.3.0",  # Argon2id password hashing (what the FastAPI template uses)
    "python-multipart": "0.0.34",
    "psycopg[binary]": "3.3.9",
}

# What the generated project's tests and linters need.
DEV = {
    "pytest": "9.2.0",
    "httpx": "0.28.1",
    "black": "26.10.1",
    "ruff": "0.17.6",
}


def requirement(name: str, version: str) -> str:
    """ "psycopg[binary]", "3.3.9" -> "psycopg[binary]==3.3.9"."""
    return f"{name}=={version}"
