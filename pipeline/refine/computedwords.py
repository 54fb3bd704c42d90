"""A field the app computes, named as 'the F of E' or 'F on E' ("the overdue of tasks should
be computed from the due date, not set by clients", as "it should be computed" reads once "it"
is known). No I/O.
"""

from __future__ import annotations

import re

from pipeline.refine.editor import SpecEditor
from pipeline.refine.phrasing import _field_ref
from pipeline.refine.rulewords import _rule

_COMPUTED = re.compile(
    r"^(?P<ref>[a-z][\w. ]*?)\s+(?:should|must|will|can|has to|needs to)?\s*(?:be|is|are|gets|get)"
    r"\s+(?:always\s+|automatically\s+)?(?:computed|calculated|derived|worked out)\b"
)


def computed_field(ed: SpecEditor, clause: str) -> list[str] | None:
    """A computed rule on the field the clause names, or None when it names none."""
    m = _COMPUTED.match(clause)
    if m is None:
        return None
    found = _field_ref(ed, m.group("ref"))
    if found is None:
        return None
    entity, field = found
    return _rule(ed, {"kind": "computed", "entity": entity, "field": field})
