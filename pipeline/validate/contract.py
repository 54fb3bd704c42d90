"""The "contract" check: the booted app serves every operation of the input OpenAPI document.

When the project carries its input document (`contract/openapi.input.yaml`, written by
`pipeline.contract.implement_contract`), each of its operations must be in the app's /openapi.json at
the same method and path, with the declared success status among its responses; the check fails
naming the ones that are not. I/O: reads that one file of the project (YAML, safely loaded).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from pipeline.contract import INPUT_PATH, missing_operations, read_operations
from pipeline.errors import SpecError
from pipeline.validate.report import CheckStatus

NAME = "contract"
WEIGHT = 2.0  # as much as booting: serving the document is what an API-first team asked for


def has_contract(source: Path) -> bool:
    return (source / INPUT_PATH).is_file()


def input_document(source: Path) -> dict[str, Any] | None:
    """The project's input OpenAPI document, or None (none there, or not a readable mapping)."""
    try:
        doc = yaml.safe_load((source / INPUT_PATH).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None
    return doc if isinstance(doc, dict) else None


def contract_check(source: Path, served: dict[str, Any] | None) -> tuple[CheckStatus, str, str]:
    try:
        doc = yaml.safe_load((source / INPUT_PATH).read_text(encoding="utf-8"))
        total = len(read_operations(doc))
        if served is None:
            return CheckStatus.FAILED, "the app served no /openapi.json to compare", ""
        missing = missing_operations(doc, served)
    except (OSError, yaml.YAMLError, SpecError) as exc:
        return CheckStatus.FAILED, f"{INPUT_PATH} cannot be read: {exc}", ""
    if missing:
        shown = ", ".join(missing[:6]) + (", …" if len(missing) > 6 else "")
        summary = f"{len(missing)} of {total} operations of the input document not served: {shown}"
        return CheckStatus.FAILED, summary, "\n".join(missing)
    return CheckStatus.PASSED, f"all {total} operations of the input document served", ""
