"""A rendered create route answers the success status the document declares. No I/O.

The entity template's create route answers 201; many documents declare 200 for it. When an
operation of the document is such a create route (POST on an entity's collection path) and
declares 200 or 201, `follow_create_status` rewrites the route's `status_code` and the generated
tests' assertions on it, so route, tests and document agree. Other mismatches are left as they
are and reported (the "contract" check names them).
"""

from __future__ import annotations

import re

from pipeline.render.formatting import format_sources
from pipeline.render.pysource import tidy_imports

_CREATE = re.compile(r'(@router\.post\(\s*"",\s*status_code=)status\.HTTP_201_CREATED')
_PREFIX = re.compile(r"APIRouter\(\s*prefix=(?P<q>['\"])(?P<path>[^'\"]*)(?P=q)")


def follow_create_status(files: dict[str, str], path: str, code: int) -> dict[str, str] | None:
    """`files` with POST `path` (an entity's collection) answering `code`; None if not cheap."""
    if code not in (200, 201):
        return None
    changed: dict[str, str] = {}
    for name, text in files.items():
        prefix = _PREFIX.search(text) if name.startswith("app/routers/") else None
        if prefix and prefix.group("path").rstrip("/") == path.rstrip("/"):
            new = _CREATE.sub(rf"\g<1>{code}", text, count=1)
            if new != text:
                changed[name] = tidy_imports(new)
    if len(changed) != 1:
        return None
    asserted = re.compile(
        rf'(client\.post\(\s*"{re.escape(path)}",[^\n]*\)\n\s*assert response\.status_code == )201'
    )
    for name, text in files.items():
        if name.startswith("tests/") and name.endswith(".py"):
            new = asserted.sub(rf"\g<1>{code}", text)
            if new != text:
                changed[name] = new
    return {**files, **format_sources(changed)}
