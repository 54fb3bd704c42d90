"""Ten refinements, one after another, on the blog example: the project still validates, the
hand edit made before them is still there, and the reviewer finds nothing. Slow (one full
validation in the sandbox at the end, about a minute)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pipeline.generate import write_project
from pipeline.parse import parse_spec
from pipeline.refine import OutcomeStatus, init_generated, refine_project
from pipeline.render import render_project
from pipeline.review import findings_to_markdown, review_project
from pipeline.spec import ProjectSpec
from pipeline.validate import validate_project

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "blog.md"

REFINEMENTS = [
    "add a Tag entity with a unique name, and posts have many tags",
    "add a published flag to posts",
    "a comment has an optional rating (integer)",  # comments have authors already (issue 12)
    "add a Category entity with a unique name and a description",
    "posts belong to an optional category",
    "status of posts is one of draft, published, archived",
    "make title unique on posts",
    "only admins and editors can create, update and delete tags",
    "rename Comment to Reply",
    "add a views count (integer, default 0) to posts and turn on filtering",
]
HAND_EDIT = "# Kept by hand: our own helper.\n"


def test_ten_refinements_leave_a_valid_project(tmp_path: Path) -> None:
    spec = parse_spec(EXAMPLE.read_text())
    project = write_project(render_project(spec), tmp_path / "blog-api")
    init_generated(project, "codebegen: generate blog-api")
    (project / "app" / "extras.py").write_text(HAND_EDIT)
    subprocess.run(["git", "-C", str(project), "add", "app/extras.py"], check=True)
    subprocess.run(
        ["git", "-C", str(project), "-c", "user.name=P", "-c", "user.email=p@example.com",
         "commit", "-qm", "our helper"],
        check=True,
    )  # fmt: skip

    for instruction in REFINEMENTS:
        outcome = refine_project(project, instruction, validate=False)
        assert outcome.status is OutcomeStatus.APPLIED, (instruction, outcome.to_markdown())
        assert outcome.errors == [], (instruction, outcome.errors)

    final = ProjectSpec.from_yaml((project / "codebegen.yaml").read_text())
    assert {"Tag", "Category", "Reply"} <= {e.name for e in final.entities}
    assert (project / "app" / "extras.py").read_text() == HAND_EDIT
    report = validate_project(project)
    assert report.passed, report.to_text()
    files = {
        str(p.relative_to(project)): p.read_text()
        for p in project.rglob("*")
        if p.is_file() and ".git" not in p.parts
    }
    findings = review_project(files, spec=final)
    assert findings == [], findings_to_markdown(findings)
