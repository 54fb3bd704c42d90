"""The local refinement engine: instruction → spec → regenerate → three-way merge → commit.

    refine_project(project_dir, "add a Tag entity with a unique name, and posts have many tags")
    regenerate_project(project_dir)        # after editing codebegen.yaml by hand

The project is a git repository with no uncommitted changes. base = the tree codebegen last
generated (see `repo.py` for how it is found), theirs = the project rendered from the new spec,
ours = HEAD. On conflicts nothing changes and the outcome lists them (file and lines). Otherwise
the new generated tree is committed (marked `Codebegen-Generated: true`, child of the previous
one), joined to the branch with a commit that carries the instruction, and the working tree is
fast-forwarded to it. The same engine runs in the worker on a clone of the PR branch.

A project generated from an OpenAPI document (it carries `contract/openapi.input.yaml`) serves that
document: `regenerate` renders it as edited on the branch, and `refine` in words is refused (it
would change codebegen's spec, which does not decide that API).

`openapi.yaml` is exported from the running app, not rendered, so it is not merged: it is
refreshed from the validated result, or left as it was when validation is skipped.

I/O: git in `project_dir`; the validator's sandbox.
"""

from __future__ import annotations

import functools
from enum import Enum
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict

from pipeline.contract.router import INPUT_PATH
from pipeline.docs import OPENAPI_FILE, openapi_yaml
from pipeline.errors import SpecError, UserError
from pipeline.merge import Conflict, changed_paths, merge_trees
from pipeline.migrations import VERSIONS, with_revisions
from pipeline.parse.account import SentenceStatus
from pipeline.refine.instructions import SentenceNote, refine_spec
from pipeline.refine.repo import GENERATED_TRAILER, Author, Repo, Tree
from pipeline.refine.rules import what_i_can_do
from pipeline.render.formatting import format_sources
from pipeline.spec import ProjectSpec
from pipeline.validate import ValidationReport

SPEC_FILE = "codebegen.yaml"
NOT_MERGED = (OPENAPI_FILE,)  # derived from the running app; refreshed, never merged


class OutcomeStatus(str, Enum):
    APPLIED = "applied"  # committed
    CONFLICTS = "conflicts"  # nothing changed; see conflicts
    UNCHANGED = "unchanged"  # nothing to do (or nothing understood); see errors


class RefineOutcome(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: OutcomeStatus
    instruction: str  # what the person wrote ("" for regenerate)
    changes: list[str] = []  # what changed in the spec
    understood: list[str] = []  # each sentence of the instruction -> what it became, or why not
    notes: list[str] = []  # what was asked and is so already, beside the changes
    errors: list[str] = []  # instructions that were not applied, and why
    files: dict[str, list[str]] = {}  # added / modified / removed, against HEAD
    conflicts: list[Conflict] = []
    commit: str | None = None  # the new HEAD when applied
    validation: ValidationReport | None = None

    def to_markdown(self) -> str:
        """The reply for a person: spec changes, files, validation; or conflicts; or errors."""
        lines: list[str] = []
        if self.status is OutcomeStatus.CONFLICTS:
            lines.append(
                "**Nothing was changed**: the new generation overlaps edits made on the branch."
                " Resolve these by hand (or undo the edits) and ask again:"
            )
            lines += [f"- {c.location()}" for c in self.conflicts]
        elif self.status is OutcomeStatus.UNCHANGED and not self.errors:
            lines.append("The project is already up to date with the spec: nothing to change.")
        if self.changes:
            heading = (
                "Spec changes"
                if self.status is OutcomeStatus.APPLIED
                else "Spec changes (not applied)"
            )
            lines += ["", f"**{heading}:**", *[f"- {c}" for c in self.changes]]
        if self.notes and self.changes:  # beside changes; alone, they are the errors
            lines += ["", "**Already so (nothing to change):**", *[f"- {n}" for n in self.notes]]
        if self.status is OutcomeStatus.APPLIED:
            lines += ["", "**Files:**"]
            for kind in ("added", "modified", "removed"):
                paths = self.files.get(kind, [])
                if paths:
                    lines.append(f"- {kind}: " + ", ".join(f"`{p}`" for p in paths))
            if self.validation is not None:
                lines += ["", self.validation.to_markdown()]
            else:
                lines += ["", "Validation was skipped."]
        if self.understood:
            lines += [
                "",
                "**What I understood, sentence by sentence:**",
                *[f"- {u}" for u in self.understood],
            ]
        if self.errors:
            lines += [
                "",
                (
                    "**Nothing was changed; please answer:**"
                    if self.understood
                    else "**Not applied:**"
                ),
                *[f"{i}. {e}" for i, e in enumerate(self.errors[:-1], start=1)],
                "",
                self.errors[-1],
            ]
        return "\n".join(lines).strip()


def refine_project(
    project_dir: Path,
    instruction: str,
    *,
    validate: bool = True,
    author: Author | None = None,
    **validate_options: Any,
) -> RefineOutcome:
    """Apply an instruction to the project's spec and merge the regenerated project.

    `author` (name, email) signs the commits; default codebegen's identity."""
    repo = Repo(project_dir, author=author)
    head = repo.check_ready()
    ours = repo.read_tree(head)
    if INPUT_PATH in ours.text:
        raise UserError(
            f"This project serves the OpenAPI document in `{INPUT_PATH}`, and a change in words "
            "would change codebegen's own spec, not that document: nothing was changed.",
            hint=f"Edit `{INPUT_PATH}` on the branch and say `/codebegen regenerate` "
            "(locally: `codebegen regenerate`); your other edits are kept.",
        )
    spec = _spec_of(ours)
    result = refine_spec(spec, instruction)
    account = [_account_line(n) for n in result.sentences]
    if not result.applied:
        understood_some = any(n.became for n in result.sentences)
        errors = [*result.questions, _QUESTION if understood_some else what_i_can_do()]
        return RefineOutcome(
            status=OutcomeStatus.UNCHANGED, instruction=instruction, errors=errors,
            understood=account,
        )  # fmt: skip
    outcome = _merge_and_commit(
        repo, head, ours, result.spec,
        message=f"codebegen refine: {instruction.strip()}\n\n" + "\n".join(f"- {c}" for c in result.changes),
        instruction=instruction, validate=validate, validate_options=validate_options,
    )  # fmt: skip
    return outcome.model_copy(
        update={"changes": result.changes, "understood": account, "notes": result.notes}
    )


def regenerate_project(
    project_dir: Path,
    *,
    validate: bool = True,
    author: Author | None = None,
    **validate_options: Any,
) -> RefineOutcome:
    """Regenerate from the branch's codebegen.yaml (edited by hand) and merge the same way."""
    repo = Repo(project_dir, author=author)
    head = repo.check_ready()
    ours = repo.read_tree(head)
    spec = _spec_of(ours)
    return _merge_and_commit(
        repo, head, ours, spec,
        message=f"codebegen regenerate from {SPEC_FILE}",
        instruction="", validate=validate, validate_options=validate_options, keep_spec_text=True,
    )  # fmt: skip


_QUESTION = (
    "Nothing was committed: a comment is applied whole or not at all. Could you rephrase the "
    "sentences above (or leave them out) and ask again?"
)


def _account_line(note: SentenceNote) -> str:
    if note.became:
        return f"{note.text} → " + "; ".join(note.became)
    if note.reason and note.status is SentenceStatus.USED:  # understood, and so already
        return f"{note.text} → already so: {note.reason}"
    if note.reason:
        return f"{note.text} → nothing: {note.reason}"
    return f"{note.text} → nothing to change"


def _spec_of(tree: Tree) -> ProjectSpec:
    text = tree.text.get(SPEC_FILE)
    if text is None:
        raise UserError(
            f"The project has no {SPEC_FILE}: it is how codebegen knows what it generated.",
            hint="Restore it from the first commit (git checkout <commit> -- codebegen.yaml).",
        )
    try:
        return ProjectSpec.from_yaml(text)
    except SpecError as exc:
        raise SpecError(f"{SPEC_FILE} on the branch is not a valid spec: {exc.message}") from None


def _merge_and_commit(
    repo: Repo,
    head: str,
    ours: Tree,
    spec: ProjectSpec,
    *,
    message: str,
    instruction: str,
    validate: bool,
    validate_options: dict[str, Any],
    keep_spec_text: bool = False,
) -> RefineOutcome:
    base_commit = repo.last_generated(head)
    if base_commit is None:
        raise UserError(
            "No commit in this branch's history is marked as generated by codebegen "
            f"(`{GENERATED_TRAILER}`), so there is nothing to merge with.",
            hint="Refinement works on projects made by `codebegen generate` or the GitHub App.",
        )
    base = generated_part(repo.read_tree(base_commit).text)
    document = ours.text.get(INPUT_PATH, "")  # the person's document, as edited on the branch
    theirs = _with_revisions(
        base, spec, document, message=instruction or f"regenerate from {SPEC_FILE}"
    )
    if keep_spec_text:
        theirs[SPEC_FILE] = ours.text[SPEC_FILE]  # the person's file, comments and all
    merged = merge_trees(_mergeable(base), _mergeable(theirs), _mergeable(ours.text))
    if merged.conflicts:
        return RefineOutcome(
            status=OutcomeStatus.CONFLICTS, instruction=instruction, conflicts=merged.conflicts
        )
    files = dict(merged.files)
    for path in NOT_MERGED:
        if path in ours.text:
            files[path] = ours.text[path]
    report = None
    if validate:
        from pipeline.validate import validate_files

        report = validate_files(files, **validate_options)
        if report.openapi is not None:
            files[OPENAPI_FILE] = openapi_yaml(report.openapi)
            theirs[OPENAPI_FILE] = files[OPENAPI_FILE]
    if files == ours.text:
        return RefineOutcome(
            status=OutcomeStatus.UNCHANGED, instruction=instruction, validation=report
        )
    generated = repo.commit(
        repo.write_tree(Tree(text=theirs)), [base_commit], f"{message}\n\n{GENERATED_TRAILER}\n"
    )
    result_tree = Tree(text=files, modes=ours.modes, opaque=ours.opaque)
    if base_commit == head and files == theirs:
        commit = generated  # nobody else committed: the generated commit is the result
    else:
        commit = repo.commit(repo.write_tree(result_tree), [head, generated], message + "\n")
    repo.fast_forward(commit)
    return RefineOutcome(
        status=OutcomeStatus.APPLIED,
        instruction=instruction,
        files=changed_paths(ours.text, files),
        commit=commit,
        validation=report,
    )


def _with_revisions(
    base: dict[str, str], spec: ProjectSpec, document: str, *, message: str
) -> dict[str, str]:
    """The new spec's project (serving `document` when there is one), keeping the revisions
    already written and adding one for the change of schema (never editing `0001_initial.py` or
    any revision that exists)."""
    theirs = dict(rendered(spec.to_yaml(), document))
    try:
        old = ProjectSpec.from_yaml(base[SPEC_FILE])
    except (KeyError, SpecError):
        return theirs
    files = with_revisions(theirs, base, old_spec=old, new_spec=spec, message=message)
    new = {p: t for p, t in files.items() if p.startswith(VERSIONS) and p not in base}
    files.update(format_sources(new))
    return files


@functools.lru_cache(maxsize=4)
def rendered(spec_yaml: str, document: str = "") -> dict[str, str]:
    """The project a spec renders to, or, for a project generated from an OpenAPI document
    (`document`, the text of its `contract/openapi.input.yaml`), the project serving that
    document (deterministic, so remembered: the next refinement's base is this refinement's
    result). Do not modify the returned dict."""
    spec = ProjectSpec.from_yaml(spec_yaml)
    if document:
        from pipeline.contract import render_contract_project

        try:
            doc = yaml.safe_load(document)
        except yaml.YAMLError as exc:
            raise UserError(f"`{INPUT_PATH}` is not valid YAML: {exc}") from None
        if not isinstance(doc, dict) or not isinstance(doc.get("paths"), dict):
            raise UserError(f"`{INPUT_PATH}` is not an OpenAPI document (it has no `paths`).")
        return render_contract_project(spec, doc).files
    from pipeline.render import render_project

    return render_project(spec)


def generated_part(tree: dict[str, str]) -> dict[str, str]:
    """The files of a generated commit that codebegen generated: what its own codebegen.yaml
    renders to. A generated commit may also hold files the repository had before (the App
    commits the first generation on top of the default branch: a LICENSE is not codebegen's,
    and must be neither merged nor removed)."""
    try:
        spec_yaml = ProjectSpec.from_yaml(tree[SPEC_FILE]).to_yaml()
        paths = set(rendered(spec_yaml, tree.get(INPUT_PATH, ""))) | {SPEC_FILE}
    except (KeyError, SpecError, UserError):
        return tree  # no readable spec (or document): take the whole tree as generated
    return {p: t for p, t in tree.items() if p in paths or _is_revision(p)}


def _is_revision(path: str) -> bool:
    return path.startswith(VERSIONS) and path.endswith(".py")


def _mergeable(files: dict[str, str]) -> dict[str, str]:
    return {p: t for p, t in files.items() if p not in NOT_MERGED}
