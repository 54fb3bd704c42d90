"""The input OpenAPI document as a contract: its operations, served and checked. No I/O.

read_operations(doc) -> [ApiOperation]      # pipeline.contract.document
openapi_document(text) -> dict | None       # the OpenAPI document a description holds
add_contract(files, doc) -> ContractOutcome # pipeline.contract.router: a 501 route for every
                                            # operation the rendered project does not serve
missing_operations(doc, served) -> [str]    # pipeline.contract.compare
"""

from pipeline.contract.compare import missing_operations
from pipeline.contract.document import (
    ApiOperation,
    Parameter,
    openapi_document,
    read_operations,
    route_key,
)
from pipeline.contract.implement import implement_contract
from pipeline.contract.router import INPUT_PATH, ContractOutcome, add_contract, reword_left_out

__all__ = [
    "INPUT_PATH",
    "ApiOperation",
    "ContractOutcome",
    "Parameter",
    "add_contract",
    "implement_contract",
    "missing_operations",
    "openapi_document",
    "read_operations",
    "reword_left_out",
    "route_key",
]
