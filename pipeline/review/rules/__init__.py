"""The FastAPI rules a good reviewer applies, one class per concern. No I/O.

| rule   | finds |
|--------|-------|
| CBG101 | a write endpoint without an auth dependency while the spec asks for JWT auth |
| CBG102 | a role the spec gives rights to that nothing checks; a permission's route without a role check |
| CBG103 | a list endpoint whose page size is not capped |
| CBG104 | a route without `response_model` or return annotation (204 and file responses exempt) |
| CBG105 | a hard-coded secret; a default SECRET_KEY that production would accept |
| CBG106 | wildcard CORS together with `allow_credentials=True` |
| CBG107 | SQL built from strings passed to `text()` / `execute()` |
| CBG108 | a password stored in a column, returned in a response schema, or logged |
| CBG109 | a file upload with no size or no type limit |
| CBG110 | a `.github/workflows` file in generated output |
| CBG111 | an update/delete route of an owned entity that never compares the row's owner |
| CBG112 | sign-up (or the User model's default role) giving the most privileged role |
| CBG113 | an HTML response built from values without escaping |
| CBG114 | a list/read route of private (signed_in or owner) data without authentication |

A `# noqa: CBG1xx` comment on the reported line silences a rule there.
"""

from __future__ import annotations

from pipeline.review.rules.auth import RoleNotEnforced, UnauthenticatedWrite
from pipeline.review.rules.base import Context, Rule
from pipeline.review.rules.ownership import (
    OwnerNotChecked,
    PrivateServedAnonymously,
    PrivilegedSignUp,
    UnescapedHtml,
)
from pipeline.review.rules.routes import MissingResponseModel, UncappedList, UnlimitedUpload
from pipeline.review.rules.secrets import ClearPassword, HardcodedSecret
from pipeline.review.rules.web import (
    SqlFromStrings,
    WildcardCorsWithCredentials,
    WorkflowInOutput,
)

ALL_RULES: tuple[Rule, ...] = (
    UnauthenticatedWrite(),
    RoleNotEnforced(),
    UncappedList(),
    MissingResponseModel(),
    HardcodedSecret(),
    WildcardCorsWithCredentials(),
    SqlFromStrings(),
    ClearPassword(),
    UnlimitedUpload(),
    WorkflowInOutput(),
    OwnerNotChecked(),
    PrivilegedSignUp(),
    UnescapedHtml(),
    PrivateServedAnonymously(),
)

__all__ = ["ALL_RULES", "Context", "Rule"]
