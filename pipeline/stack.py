"""The pinned stack of a generated project. No I/O.

Generated projects pin exactly these versions, and codebegen itself depends on the same pins
(pyproject.toml), because the validator runs a generated project with codebegen's own
interpreter inside the sandbox: the sandbox has no network, so it cannot install anything.
`tests/pipeline/test_stack.py` checks that the installed versions are these. `locked_runtime`
reads the installed packages' metadata (the only I/O here) for the project's lock file.
"""

from __future__ import annotations

import functools
from importlib import metadata

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

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


# What a project with an input OpenAPI document adds for its own contract tests (`pytest contract`).
CONTRACT_DEV = {"schemathesis": "4.32.5"}


def requirement(name: str, version: str) -> str:
    """ "psycopg[binary]", "3.3.9" -> "psycopg[binary]==3.3.9"."""
    return f"{name}=={version}"


# The marker environment of the generated image (python:3.11-slim on linux/amd64).
_IMAGE_MARKERS = {
    "python_version": PYTHON_VERSION,
    "python_full_version": f"{PYTHON_VERSION}.0",
    "sys_platform": "linux",
    "platform_system": "Linux",
    "os_name": "posix",
    "platform_machine": "x86_64",
    "implementation_name": "cpython",
    "platform_python_implementation": "CPython",
}


@functools.cache
def locked_runtime() -> tuple[str, ...]:
    """`requirements.lock` of a generated project: the runtime pins and everything they pull in,
    at the versions installed in this interpreter — the versions validation ran the project with.
    I/O: reads installed packages' metadata (cached). The image installs exactly these."""
    pins: dict[str, str] = {}
    todo = [Requirement(requirement(n, v)) for n, v in RUNTIME.items()]
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # not needed on this platform, or not installed here: the pin still holds
        extras = set(req.extras)
        if name not in pins:
            pins[name] = dist.version
        elif not extras:
            continue
        for raw in dist.requires or []:
            sub = Requirement(raw)
            wanted = sub.marker is None or any(
                sub.marker.evaluate({**_IMAGE_MARKERS, "extra": e}) for e in ("", *extras)
            )
            if wanted:
                todo.append(sub)
    return tuple(f"{name}=={version}" for name, version in sorted(pins.items()))
