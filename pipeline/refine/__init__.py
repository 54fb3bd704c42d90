"""Refinement: instructions change the spec; the project is regenerated and merged.

- `refine_spec(spec, text)`: a reviewer's comment applied whole or not at all, with what each
  sentence became (`instructions.py`; reading: `wording.py`, `sayings.py`, `tracking.py`,
  `typewords.py`, `corrections.py`, `clauses.py`, `rules.py`, `fieldrules.py`; reasons and
  remarks beside a request: `remarks.py`; questions that ask for a change: `questions.py`;
  "like tickets have": `likeness.py`; values before their field: `valuesfirst.py`);
  `apply_instructions` is the older interface over it.
- `diff.spec_operations(before, after)`: a spec change as the corpus's operations.
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
