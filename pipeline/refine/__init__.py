"""Refinement: instructions change the spec; the project is regenerated and merged.

- `apply_instructions(spec, text)`: rules only, no model (`instructions.py`, `rules.py`).
- `refine_project(project_dir, instruction)` / `regenerate_project(project_dir)`: the local
  engine on a git repository (`engine.py`).
"""

from pipeline.refine.editor import RefineError
from pipeline.refine.engine import (
    OutcomeStatus,
    RefineOutcome,
    refine_project,
    regenerate_project,
)
from pipeline.refine.instructions import (
    Refinement,
    RefineResult,
    SentenceNote,
    apply_instructions,
    refine_spec,
)
from pipeline.refine.repo import GENERATED_TRAILER, init_generated
from pipeline.refine.rules import EXAMPLES, what_i_can_do

__all__ = [
    "EXAMPLES",
    "GENERATED_TRAILER",
    "OutcomeStatus",
    "RefineError",
    "RefineOutcome",
    "RefineResult",
    "Refinement",
    "SentenceNote",
    "apply_instructions",
    "init_generated",
    "refine_spec",
    "refine_project",
    "regenerate_project",
    "what_i_can_do",
]
