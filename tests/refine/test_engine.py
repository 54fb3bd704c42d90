"""The local refinement engine on real git repositories: edits survive, overlaps conflict."""

from __future__ import annotations

import functools
import subprocess
from pathlib import Path

import pytest

from bot.cli import main
from pipeline.errors import UserError
from pipeline.generate import write_project
from pipeline.refine import (
    GENERATED_TRAILER,
    OutcomeStatus,
    init_generated,
    refine_project,
    regenerate_project,
)
from pipeline.refine.repo import Repo
from pipeline.render import render_project
from pipeline.spec import ProjectSpec, spec_from_dict

BLOG = {
    "name": "blog-api",
    "auth": "jwt",
    "entities": [
        {"name": "Post", "fields": [{"name": "title"}, {"name": "body", "type": "text"}]},
        {"name": "Comment", "fields": [{"name": "body", "type": "text"}]},
    ],
    "relations": [{"kind": "many_to_one", "source": "Comment", "target": "Post"}],
}


def git(project: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(project), *args], check=True, capture_output=True, text=True
    ).stdout


def commit_all(project: Path, message: str) -> None:
    git(project, "add", "--all")
    git(
        project,
        "-c",
        "user.name=Person",
        "-c",
        "user.email=p@example.com",
        "commit",
        "-qm",
        message,
    )


def edit(project: Path, path: str, old: str, new: str) -> None:
    target = project / path
    text = target.read_text()
    assert old in text, f"{old!r} is not in {path}"
    target.write_text(text.replace(old, new, 1))


@functools.cache
def blog_files() -> dict[str, str]:
    return render_project(spec_from_dict(BLOG))  # the same every time; rendering takes seconds


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A freshly generated blog project, committed as codebegen's generation."""
    out = write_project(blog_files(), tmp_path / "blog-api")
    init_generated(out, "codebegen: generate blog-api")
    return out


def spec_of(project: Path) -> ProjectSpec:
    return ProjectSpec.from_yaml((project / "codebegen.yaml").read_text())


def test_refine_keeps_a_hand_edit_and_commits_the_instruction(project: Path) -> None:
    edit(
        project, "app/main.py", '"""The FastAPI application', '"""Our blog. The FastAPI application'
    )
    commit_all(project, "describe the app")
    instruction = "add a Tag entity with a unique name, and posts have many tags"
    outcome = refine_project(project, instruction, validate=False)
    assert outcome.status is OutcomeStatus.APPLIED
    assert (project / "app/main.py").read_text().startswith('"""Our blog. The FastAPI')
    assert "tags_router" in (project / "app/main.py").read_text()
    assert (project / "app/models/tag.py").exists()
    assert "app/models/tag.py" in outcome.files["added"]
    assert outcome.changes == [
        "added entity Tag with name (string, unique)",
        "added relation Post ↔ Tag (many to many)",
    ]
    assert spec_of(project).entity("Tag").field("name").unique
    assert git(project, "rev-parse", "HEAD").strip() == outcome.commit
    assert instruction in git(project, "log", "-1", "--format=%B")
    assert git(project, "status", "--porcelain") == ""


def test_refine_records_the_new_generated_tree_as_the_next_base(project: Path) -> None:
    edit(project, "app/main.py", '"""The FastAPI application', '"""Ours. The FastAPI application')
    commit_all(project, "hand edit")
    refine_project(project, "add a Tag entity with a unique name", validate=False)
    repo = Repo(project)
    base = repo.last_generated()
    assert base is not None and GENERATED_TRAILER in git(project, "log", "-1", "--format=%B", base)
    generated = repo.read_tree(base).text
    assert generated["app/main.py"].startswith('"""The FastAPI application')  # pure generation
    assert "app/models/tag.py" in generated
    # a second refinement merges against it: the hand edit and the first change both survive
    outcome = refine_project(project, "add a published flag to posts", validate=False)
    assert outcome.status is OutcomeStatus.APPLIED
    assert (project / "app/main.py").read_text().startswith('"""Ours.')
    assert (project / "app/models/tag.py").exists()
    assert "published" in (project / "app/models/post.py").read_text()


def test_refine_without_other_commits_adds_just_the_generated_commit(project: Path) -> None:
    first = git(project, "rev-parse", "HEAD").strip()
    outcome = refine_project(project, "add a published flag to posts", validate=False)
    assert git(project, "rev-list", "--parents", "-n", "1", "HEAD").split() == [
        outcome.commit,
        first,
    ]
    assert Repo(project).last_generated() == outcome.commit


def test_an_overlapping_edit_is_a_conflict_and_nothing_changes(project: Path) -> None:
    body = "    body: Mapped[str] = mapped_column(Text)\n"
    edit(project, "app/models/post.py", body, body.replace("Text)", "Text, default='')"))
    commit_all(project, "hand edit on the body column")
    head = git(project, "rev-parse", "HEAD").strip()
    before = (project / "app/models/post.py").read_text()
    outcome = refine_project(project, "add a published flag to posts", validate=False)
    assert outcome.status is OutcomeStatus.CONFLICTS and outcome.commit is None
    paths = {c.path for c in outcome.conflicts}
    assert "app/models/post.py" in paths
    conflict = next(c for c in outcome.conflicts if c.path == "app/models/post.py")
    line = before.splitlines().index(body.rstrip("\n").replace("Text)", "Text, default='')")) + 1
    assert conflict.ours_start <= line <= conflict.ours_end
    assert "default=''" in conflict.ours_text and "published" in conflict.theirs_text
    assert git(project, "rev-parse", "HEAD").strip() == head
    assert (project / "app/models/post.py").read_text() == before
    assert git(project, "status", "--porcelain") == ""
    assert "Nothing was changed" in outcome.to_markdown()
    assert "`app/models/post.py` line" in outcome.to_markdown()


def test_an_instruction_it_cannot_apply_changes_nothing(project: Path) -> None:
    head = git(project, "rev-parse", "HEAD").strip()
    outcome = refine_project(project, "make the stars shine", validate=False)
    assert outcome.status is OutcomeStatus.UNCHANGED and outcome.errors
    assert git(project, "rev-parse", "HEAD").strip() == head
    assert "did not understand" in outcome.to_markdown()


def test_regenerate_uses_the_hand_edited_spec_and_keeps_its_text(project: Path) -> None:
    edit(
        project,
        "codebegen.yaml",
        "  - name: title\n",
        "  # headline of the post\n  - name: title\n  - name: subtitle\n",
    )
    commit_all(project, "add a subtitle in the spec")
    spec_text = (project / "codebegen.yaml").read_text()
    outcome = regenerate_project(project, validate=False)
    assert outcome.status is OutcomeStatus.APPLIED
    assert "subtitle" in (project / "app/models/post.py").read_text()
    assert (project / "codebegen.yaml").read_text() == spec_text  # comments kept


def test_regenerate_with_an_unchanged_spec_does_nothing(project: Path) -> None:
    outcome = regenerate_project(project, validate=False)
    assert outcome.status is OutcomeStatus.UNCHANGED and not outcome.errors
    assert "up to date" in outcome.to_markdown()


def test_binary_files_people_added_are_kept(project: Path) -> None:
    (project / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff")
    commit_all(project, "logo")
    refine_project(project, "add a published flag to posts", validate=False)
    assert (project / "logo.png").read_bytes() == b"\x89PNG\r\n\x1a\n\x00\xff"


def test_uncommitted_changes_are_refused(project: Path) -> None:
    edit(project, "app/main.py", '"""The FastAPI', '"""Draft. The FastAPI')
    with pytest.raises(UserError, match="not committed"):
        refine_project(project, "use sqlite", validate=False)


def test_a_directory_without_git_is_refused(tmp_path: Path) -> None:
    out = write_project(blog_files(), tmp_path / "p")
    with pytest.raises(UserError, match="not a git repository"):
        refine_project(out, "use sqlite", validate=False)


def test_a_history_without_a_generated_commit_is_refused(tmp_path: Path) -> None:
    out = write_project(blog_files(), tmp_path / "p")
    git(out, "init", "-q")
    commit_all(out, "imported by hand")
    with pytest.raises(UserError, match=GENERATED_TRAILER):
        refine_project(out, "use sqlite", validate=False)


def test_cli_refine_commits_and_exits_0(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["refine", "--project", str(project), "--no-validate", "use sqlite"])
    assert code == 0
    out = capsys.readouterr().out
    assert "database: sqlite" in out
    assert spec_of(project).database.value == "sqlite"
    head = git(project, "rev-parse", "HEAD")
    assert f"Committed {head[:12]} in {project.resolve()}\n" in out  # where, in full


def test_cli_refine_reports_what_it_cannot_do(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["refine", "--project", str(project), "--no-validate", "make the stars shine"])
    assert code == 2
    assert "I can apply instructions like these" in capsys.readouterr().out


def test_cli_refine_with_one_unclear_sentence_commits_nothing_and_asks(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = git(project, "rev-parse", "HEAD")
    text = "add a published flag to posts. Also make it sparkle."
    code = main(["refine", "--project", str(project), "--no-validate", text])
    out = capsys.readouterr().out
    assert code == 2
    assert git(project, "rev-parse", "HEAD") == head and git(project, "status", "--porcelain") == ""
    assert "add a published flag to posts. → added field Post.published" in out  # understood
    assert "`make it sparkle`: I did not understand" in out  # and asked about


def test_a_refinement_adds_a_revision_and_keeps_the_first(project: Path) -> None:
    first = (project / "alembic/versions/0001_initial.py").read_text()
    outcome = refine_project(project, "add a published flag to posts", validate=False)
    assert outcome.status is OutcomeStatus.APPLIED
    assert (project / "alembic/versions/0001_initial.py").read_text() == first
    added = [p for p in outcome.files["added"] if p.startswith("alembic/versions/")]
    assert added == ["alembic/versions/0002_add_a_published_flag_to_posts.py"]
    assert "add_column" in (project / added[0]).read_text()


def test_cli_regenerate_outside_a_repository_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["regenerate", "--project", str(tmp_path), "--no-validate"]) == 2
    assert "not a git repository" in capsys.readouterr().err


def test_files_the_repository_had_before_generation_are_not_touched(tmp_path: Path) -> None:
    """The App commits the first generation on top of the default branch: its LICENSE is not
    codebegen's, so a refinement neither removes nor merges it."""
    repo_dir = tmp_path / "repo"
    repo_dir.mkdir()
    git(repo_dir, "init", "-q")
    (repo_dir / "LICENSE").write_text("MIT\n")
    commit_all(repo_dir, "initial")
    for path, text in blog_files().items():
        (repo_dir / path).parent.mkdir(parents=True, exist_ok=True)
        (repo_dir / path).write_text(text)
    commit_all(repo_dir, f"Generate Blog API\n\n{GENERATED_TRAILER}")
    outcome = refine_project(repo_dir, "add a published flag to posts", validate=False)
    assert outcome.status is OutcomeStatus.APPLIED
    assert (repo_dir / "LICENSE").read_text() == "MIT\n"
    assert "LICENSE" not in outcome.files["removed"]


def test_a_regenerated_commit_with_the_repository_files_keeps_them_too(tmp_path: Path) -> None:
    """The App's generate job run again commits the whole working copy (LICENSE included) on
    top of its first generated commit: still only what the spec renders counts as generated."""
    repo_dir = tmp_path / "repo"
    repo_dir.mkdir()
    git(repo_dir, "init", "-q")
    (repo_dir / "LICENSE").write_text("MIT\n")
    commit_all(repo_dir, "initial")
    for round_ in (1, 2):
        for path, text in blog_files().items():
            (repo_dir / path).parent.mkdir(parents=True, exist_ok=True)
            (repo_dir / path).write_text(
                text + ("# again\n" if round_ == 2 and path.endswith(".py") else "")
            )
        commit_all(repo_dir, f"Generate Blog API ({round_})\n\n{GENERATED_TRAILER}")
    outcome = refine_project(repo_dir, "add a published flag to posts", validate=False)
    assert outcome.status is OutcomeStatus.APPLIED
    assert (repo_dir / "LICENSE").read_text() == "MIT\n"
