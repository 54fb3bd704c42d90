"""The input OpenAPI document as a contract: its operations, served and checked. No I/O.

read_operations(doc) -> [ApiOperation]            # pipeline.contract.document
openapi_document(text) -> dict | None             # the OpenAPI document a description holds
plan_operations(doc) -> {key: plan}               # pipeline.contract.patterns: what each does
implement_contract(files, doc) -> ContractOutcome # pipeline.contract.implement: the document's
                                                  # API (implemented, or 501 stubs) in the project
missing_operations(doc, served) -> [str]          # pipeline.contract.compare
"""

from pipeline.contract.compare import missing_operations
from pipeline.contract.document import (
    ApiOperation,
    Parameter,
    openapi_document,
    read_operations,
    route_key,
)
from pipeline.contract.implement import ROUTER_PATH, implement_contract, render_contract_project
from pipeline.contract.patterns import plan_operations
from pipeline.contract.router import INPUT_PATH, ContractOutcome, reword_left_out

__all__ = [
    "INPUT_PATH",
    "ROUTER_PATH",
    "ApiOperation",
    "ContractOutcome",
    "Parameter",
    "implement_contract",
    "missing_operations",
    "openapi_document",
    "plan_operations",
    "read_operations",
    "render_contract_project",
    "reword_left_out",
    "route_key",
]
