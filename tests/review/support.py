"""Fixtures for the reviewer tests: a spec, and the pieces of small hand-made projects."""

from __future__ import annotations

import textwrap

from pipeline.spec import ProjectSpec, spec_from_dict


def make_spec(**overrides: object) -> ProjectSpec:
    """A blog with JWT auth, roles admin/user, and "only admins can delete posts"."""
    data: dict[str, object] = {
        "name": "blog-api",
        "auth": "jwt",
        "roles": ["admin", "user"],
        "entities": [{"name": "Post", "fields": [{"name": "title"}]}],
        "permissions": [{"entity": "Post", "actions": ["delete"], "roles": ["admin"]}],
    }
    data.update(overrides)
    return spec_from_dict(data)


def tree(files: dict[str, str]) -> dict[str, str]:
    """The same files with their text dedented, so tests can indent code snippets."""
    return {path: textwrap.dedent(text).lstrip("\n") for path, text in files.items()}


# An auth module in the style of the generated projects: a bearer scheme, the current user,
# a role-checking dependency factory.
AUTH_DEPS = """
from enum import StrEnum
from typing import Annotated

from fastapi import Depends, HTTPException
from fastapi.security import OAuth2PasswordBearer

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/login")


class Role(StrEnum):
    ADMIN = "admin"
    USER = "user"


def get_current_user(token: Annotated[str, Depends(oauth2_scheme)]) -> dict:
    return {"token": token}


CurrentUser = Annotated[dict, Depends(get_current_user)]


def require_roles(*roles: Role):
    def dependency(user: CurrentUser) -> dict:
        if user["role"] not in roles:
            raise HTTPException(status_code=403)
        return user

    return dependency
"""
