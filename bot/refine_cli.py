"""`codebegen refine` and `codebegen regenerate`: the local refinement engine from a terminal.

    codebegen refine --project blog-api "add a Tag entity with a unique name, and posts have many tags"
    codebegen regenerate --project blog-api       # after editing blog-api/codebegen.yaml

The project must be a git repository without uncommitted changes (`codebegen generate` makes
one). The result is committed; on conflicts nothing changes and the overlapping lines are listed.
Exit codes: 0 applied (or nothing to do); 1 conflicts, an instruction not applied, or the result
failed validation; 2 nothing understood or bad input.

I/O: git in the project, the validator's sandbox, stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def refine_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("instruction", help='what to change, e.g. "add a published flag to posts"')
    _common(p)


def regenerate_arguments(p: argparse.ArgumentParser) -> None:
    _common(p)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--project", metavar="DIR", type=Path, default=Path("."), help="the project (a git repo)"
    )
    p.add_argument("--no-validate", action="store_true", help="skip the sandboxed validation")
    p.add_argument("--json", action="store_true", help="print one JSON document instead")


def run_refine(args: argparse.Namespace) -> int:
    from pipeline.refine import refine_project

    return _report(
        refine_project(args.project, args.instruction, validate=not args.no_validate), args
    )


def run_regenerate(args: argparse.Namespace) -> int:
    from pipeline.refine import regenerate_project

    return _report(regenerate_project(args.project, validate=not args.no_validate), args)


def _report(outcome: object, args: argparse.Namespace) -> int:
    from pipeline.refine import OutcomeStatus, RefineOutcome

    assert isinstance(outcome, RefineOutcome)
    if args.json:
        data = outcome.model_dump(mode="json", exclude={"validation": {"openapi"}})
        print(json.dumps(data, indent=2))
    else:
        print(outcome.to_markdown())
        if outcome.commit:
            print(f"\nCommitted {outcome.commit[:12]} in {Path(args.project).resolve()}")
    if outcome.status is OutcomeStatus.UNCHANGED and outcome.errors and not outcome.changes:
        return EXIT_USAGE
    failed = outcome.validation is not None and not outcome.validation.passed
    if outcome.status is OutcomeStatus.CONFLICTS or outcome.errors or failed:
        return EXIT_FAILED
    sys.stdout.flush()
    return EXIT_OK
