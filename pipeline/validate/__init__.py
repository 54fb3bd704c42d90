"""The eval harness: validates a generated project in the sandbox and scores it.

`validate_project(dir)` / `validate_files(files)` run the checks (layout, compile, black, ruff,
the project's pytest on SQLite and PostgreSQL, alembic, boot, /docs, /openapi.json) and return a
`ValidationReport`. I/O: see `pipeline.validate.checks`.
"""

from pipeline.validate.checks import AUTO, validate_files, validate_project
from pipeline.validate.report import CheckResult, CheckStatus, ValidationReport

__all__ = [
    "AUTO",
    "CheckResult",
    "CheckStatus",
    "ValidationReport",
    "validate_files",
    "validate_project",
]
