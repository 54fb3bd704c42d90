"""worker/progress.py: what people read on the issue and the PR. No I/O."""

from __future__ import annotations

from pipeline.spec import ProjectSpec
from pipeline.validate import CheckResult, CheckStatus, ValidationReport
from worker.progress import (
    Progress,
    State,
    Step,
    check_summary,
    er_diagram,
    file_tree,
    progress_comment,
    pull_body,
    read_marker,
    schema_table,
)

SPEC = ProjectSpec.model_validate(
    {
        "name": "blog-api",
        "auth": "jwt",
        "roles": ["admin", "member"],
        "entities": [
            {
                "name": "Post",
                "fields": [
                    {"name": "title", "unique": True},
                    {"name": "status", "type": "enum", "choices": ["draft", "live"]},
                ],
            },
            {"name": "Comment", "fields": [{"name": "body", "type": "text"}]},
            {"name": "Tag", "fields": [{"name": "label", "required": False}]},
        ],
        "relations": [
            {"kind": "many_to_one", "source": "Comment", "target": "Post"},
            {"kind": "many_to_many", "source": "Post", "target": "Tag"},
        ],
    }
)
STEPS = (Step.DONE, Step.RUNNING, Step.PENDING, Step.PENDING)


def test_progress_comment_carries_its_state_in_a_hidden_marker():
    body = progress_comment(Progress(12, State.GENERATING, STEPS))

    assert read_marker(body, "progress") == {"issue": "12", "state": "generating"}
    assert read_marker(body, "denied") is None


def test_progress_comment_is_a_checklist_in_order():
    body = progress_comment(Progress(1, State.GENERATING, STEPS, ("3 entities", "", "", "")))
    lines = [line for line in body.splitlines() if line.startswith("- [")]

    assert lines == [
        "- [x] Spec understood — 3 entities",
        "- [ ] Project generated ⏳",
        "- [ ] Validated",
        "- [ ] Pull request opened",
    ]


def test_spec_error_says_what_went_wrong_and_that_an_edit_reruns():
    steps = (Step.FAILED, Step.PENDING, Step.PENDING, Step.PENDING)
    body = progress_comment(
        Progress(1, State.SPEC_ERROR, steps, error="No entities found.", hint="Name a resource.")
    )
    assert "No entities found." in body and "Name a resource." in body
    assert "Edit this issue" in body
    assert "Traceback" not in body


def test_schema_table_lists_every_field_with_its_constraints():
    table = schema_table(SPEC)

    assert "| **Post** (`/posts`) | `title` | string | required, unique |" in table
    assert "one of `draft`, `live`" in table
    assert "| **Tag** (`/tags`) | `label` | string | optional |" in table
    assert "|  | `status` | enum |" in table
    assert "- **Comment** belongs to **Post** (`post`)" in table
    assert "- **Roles:** `admin`, `member`" in table


def test_er_diagram_is_mermaid_with_relations_and_keys():
    diagram = er_diagram(SPEC)

    assert diagram.startswith("```mermaid\nerDiagram\n") and diagram.endswith("```")
    assert '    Comment }o--|| Post : "post"' in diagram
    assert '    Post }o--o{ Tag : "tags"' in diagram
    assert "        string title UK" in diagram
    assert "        int post_id FK" in diagram
    assert "    User {" in diagram  # added by auth: jwt


def test_file_tree_puts_folders_first():
    tree = file_tree(["README.md", "app/main.py", "app/models/post.py", "Dockerfile"])
    assert tree.splitlines() == [
        "./",
        "├── app/",
        "│   ├── models/",
        "│   │   └── post.py",
        "│   └── main.py",
        "├── Dockerfile",
        "└── README.md",
    ]


def test_a_failing_project_is_marked_in_the_pull_request_body():
    report = ValidationReport(
        checks=[
            CheckResult(name="ruff", status=CheckStatus.PASSED),
            CheckResult(name="pytest (sqlite)", status=CheckStatus.FAILED, summary="1 failed"),
        ]
    )
    body = pull_body(
        spec=SPEC, issue_number=7, files=["app/main.py"], report=report, branch="b", notes=[]
    )
    assert "Closes #7" in body
    assert "did not pass validation" in body
    assert "pytest (sqlite)" in body
    assert read_marker(body, "pr") == {"issue": "7"}


def test_the_model_roles_section_appears_only_when_a_model_was_used():
    report = ValidationReport(checks=[CheckResult(name="ruff", status=CheckStatus.PASSED)])
    args = dict(spec=SPEC, issue_number=7, files=["app/main.py"], report=report, branch="b")
    with_model = pull_body(**args, notes=[], models="| generator | model | kept |")
    assert "## Model roles" in with_model and "| generator | model | kept |" in with_model
    assert "## Model roles" not in pull_body(**args, notes=[])
    assert "## Model roles" in check_summary(report, models="| docs | fallback | — |")
    assert "## Model roles" not in check_summary(report)


def test_the_pr_body_lists_the_operations_answering_501_under_not_implemented():
    report = ValidationReport(checks=[CheckResult(name="ruff", status=CheckStatus.PASSED)])
    args = dict(spec=SPEC, issue_number=7, files=["app/main.py"], report=report, branch="b")
    body = pull_body(**args, notes=[], not_implemented=["GET /notes/search"])
    section = body.split("## Not implemented", 1)[1]
    assert "- GET /notes/search" in section.split("##", 1)[0]
    assert "## Not implemented" not in pull_body(**args, notes=[])


def test_the_check_run_lists_the_operations_answering_501():
    report = ValidationReport(checks=[CheckResult(name="ruff", status=CheckStatus.PASSED)])
    summary = check_summary(report, not_implemented=["POST /notes/{noteId}/archive"])
    assert "## Not implemented" in summary and "- POST /notes/{noteId}/archive" in summary
    assert "## Not implemented" not in check_summary(report)


def test_how_to_run_names_the_contract_tests_of_a_document_project():
    report = ValidationReport(checks=[CheckResult(name="ruff", status=CheckStatus.PASSED)])
    args = dict(spec=SPEC, issue_number=7, report=report, branch="b", notes=[])
    document = pull_body(**args, files=["app/main.py", "contract/test_contract.py"])
    assert "pytest contract" in document.split("## How to run", 1)[1]
    assert "pytest contract" not in pull_body(**args, files=["app/main.py"])


def test_the_pr_body_shows_a_rule_not_built_in_the_table_and_under_not_built():
    from pipeline.parse.account import SentenceAccount, SentenceStatus
    from pipeline.trace import not_built, trace

    said = [
        SentenceAccount(
            "Readers can edit posts until midnight.",
            SentenceStatus.NOT_BUILT,
            ["operations update Post"],
            "not built: a time limit (“until midnight”)",
        ),
        SentenceAccount(
            "Readers adore posts.",
            SentenceStatus.NOT_UNDERSTOOD,
            [],
            "not understood: it names Post, but nothing was built from it",
            ["Post"],
        ),
    ]
    files = {"tests/test_posts.py": "def test_update_post_changes_only_the_given_fields(c):\n"}
    report = ValidationReport(checks=[CheckResult(name="ruff", status=CheckStatus.PASSED)])
    body = pull_body(
        spec=SPEC,
        issue_number=7,
        files=["app/main.py"],
        report=report,
        branch="b",
        notes=[],
        trace=trace(said, files),
        not_built=not_built(said),
    )
    table = body.split("## What you asked for, and what proves it", 1)[1].split("##", 1)[0]
    assert "`operations update Post`<br>🚧 not built: a time limit" in table
    assert "tests/test_posts.py::test_update_post_changes_only_the_given_fields" in table
    listed = body.split("## Not built", 1)[1].split("##", 1)[0]
    assert "- Readers can edit posts until midnight. — not built: a time limit" in listed
    assert "- Readers adore posts. — not understood: it names Post" in listed
