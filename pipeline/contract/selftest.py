"""The generated project's own contract tests, beside its input OpenAPI document. No I/O.

`with_contract_tests(files)` adds `contract/test_contract.py`: schemathesis, on the project's
ASGI app, generates the requests `contract/openapi.input.yaml` allows for each operation and
checks the answers (no 5xx; declared status codes, content types and bodies). It is outside
`tests/` (the project's `testpaths`), so `pytest` and validation's test run leave it alone: 501
stubs would fail it until they are written. A person runs it with `pytest contract`; schemathesis
joins the project's dev requirements, and mypy is told PyYAML has no types. Validation runs its own contract tests on the booted app
(`pipeline.validate.conformance`).
"""

from __future__ import annotations

from pipeline.render.formatting import format_sources
from pipeline.stack import CONTRACT_DEV, requirement

SELFTEST_PATH = "contract/test_contract.py"
_PYPROJECT = "pyproject.toml"
_DEV_LIST = "dev = [\n"  # the dev extra in the generated pyproject.toml
# PyYAML (schemathesis brings it) ships no types: `mypy --strict .` would stop at the import.
_MYPY_YAML = """
[[tool.mypy.overrides]]
module = ["yaml"]
ignore_missing_imports = true
"""

_SOURCE = '''"""Contract tests: the app against its input OpenAPI document, contract/openapi.input.yaml.

    pip install -e ".[dev]"
    alembic upgrade head      # the database in DATABASE_URL, with its tables
    pytest contract

For each operation of the document, schemathesis generates requests the document allows (valid
data only) and checks the answers: no 5xx, and status codes, content types and bodies as
declared. Requests carry no credentials and ids are random, so secured operations may answer 401
and lookups 404 where the document does not declare them. Operations codebegen did not implement
answer 501 and fail here until they are written. Not part of `pytest` (that runs tests/ only).
"""

from pathlib import Path
from typing import Any

import schemathesis
import yaml
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from app.main import app

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

document = yaml.safe_load(Path(__file__).with_name("openapi.input.yaml").read_text())
document.pop("servers", None)  # the app serves the document's paths at its root
schema = schemathesis.openapi.from_dict(document)
schema.app = app
schema.config.generation.update(modes=[schemathesis.GenerationMode.POSITIVE])


@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_app_answers_as_the_document_declares(case: schemathesis.Case[Any]) -> None:
    case.call_and_validate(checks=CHECKS)
'''


def with_contract_tests(files: dict[str, str]) -> dict[str, str]:
    """`files` with contract/test_contract.py, schemathesis among the dev requirements and
    mypy told that PyYAML has no types."""
    out = {**files, **format_sources({SELFTEST_PATH: _SOURCE})}
    pyproject = files.get(_PYPROJECT, "")
    if _DEV_LIST in pyproject:
        pins = "".join(f'    "{requirement(n, v)}",\n' for n, v in CONTRACT_DEV.items())
        out[_PYPROJECT] = pyproject.replace(_DEV_LIST, _DEV_LIST + pins, 1)
        if _MYPY_YAML not in pyproject:
            out[_PYPROJECT] += _MYPY_YAML
    return out
