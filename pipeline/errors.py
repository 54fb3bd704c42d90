"""The error hierarchy of codebegen. No I/O.

One base error, a few named ones under it, and `UserError`, which carries a message meant for a
person: the CLI prints it, the worker posts it on the issue or PR. A person never sees a traceback.
"""

from __future__ import annotations


class CodebegenError(Exception):
    """Base of every error codebegen raises on purpose."""


class UserError(CodebegenError):
    """An error whose text is written for the person who asked (CLI user, issue author).

    `message` says what went wrong; `hint` says how to fix it (may be empty).
    """

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n\n{self.hint}" if self.hint else self.message


class SpecError(UserError):
    """The API description could not be understood, or the spec is inconsistent."""


class RenderError(CodebegenError):
    """A template failed to render: a bug in codebegen, never the user's fault."""


class ValidationFailed(CodebegenError):
    """A generated project did not pass validation where passing was required."""
