"""Documentation files added after validation. No I/O (a docs model, when given, is called
through the client it is handed).

`openapi.yaml` is the OpenAPI document the booted app actually served (the validator fetched it
from /openapi.json), so it can never disagree with the code. The README comes from the templates;
when a docs model is configured, `pipeline.llm.docs` may improve its sections.
"""

from __future__ import annotations

from typing import Any

import yaml

from pipeline.spec import ProjectSpec

OPENAPI_FILE = "openapi.yaml"


def openapi_yaml(openapi: dict[str, Any]) -> str:
    """The document as block-style YAML, keys in the order the app served them."""
    text: str = yaml.safe_dump(openapi, sort_keys=False, allow_unicode=True, width=100)
    return text


def add_docs(
    files: dict[str, str],
    *,
    spec: ProjectSpec,
    openapi: dict[str, Any] | None,
    llm: Any = None,
    notes: list[str] | None = None,
) -> dict[str, str]:
    """`files` plus `openapi.yaml` (and the docs model's README, when one is configured).

    Without a served document (the app did not boot, or validation was off) `openapi.yaml` is
    left out and a note says so; a stale or invented document would be worse than none."""
    out = dict(files)
    if openapi is not None:
        out[OPENAPI_FILE] = openapi_yaml(openapi)
    elif notes is not None:
        notes.append(f"{OPENAPI_FILE} was not written: it is exported from the booted app.")
    if llm is not None:
        from pipeline.llm.docs import write_docs_with_model

        outcome = write_docs_with_model(spec, out, client=llm)
        if outcome.readme:
            out["README.md"] = outcome.readme
        if notes is not None:
            notes.extend(outcome.notes)
    return dict(sorted(out.items()))
