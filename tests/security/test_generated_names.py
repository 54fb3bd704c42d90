"""Names and sizes a hostile or careless issue can give: clashes with generated modules, natural
import order, and caps on entities and description length, each with a clear message."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.errors import SpecError
from pipeline.parse import parse_spec_with_notes
from pipeline.render import render_project
from pipeline.spec import MAX_DESCRIPTION_CHARS, MAX_ENTITIES, ProjectSpec


def _spec(*names: str, **extra: object) -> ProjectSpec:
    entities = [{"name": n, "fields": [{"name": "label"}]} for n in names]
    return ProjectSpec.model_validate({"name": "x", "entities": entities, **extra})


@pytest.mark.parametrize(
    ("name", "module"),
    [("Base", "app/repositories/base.py"), ("Common", "app/repositories/common.py")],
)
def test_an_entity_named_like_a_generated_module_is_refused_with_the_module(
    name: str, module: str
) -> None:
    with pytest.raises(ValueError, match=f"clashes with the generated module {module}"):
        _spec(name)


def test_an_entity_whose_tests_would_overwrite_a_generated_test_is_refused() -> None:
    with pytest.raises(ValueError, match="tests/test_migrations.py"):
        ProjectSpec.model_validate(
            {"name": "x", "entities": [{"name": "Migration", "plural": "migrations"}]}
        )


def test_a_clashing_name_in_an_issue_is_a_spec_error_with_the_reason() -> None:
    text = "```yaml\nname: x\nentities:\n  - name: Base\n    fields: [{name: label}]\n```\n"
    with pytest.raises(SpecError, match="clashes with the generated module"):
        parse_spec_with_notes(text)


def test_numbered_entities_are_imported_in_ruffs_natural_order(tmp_path: Path) -> None:
    files = render_project(_spec("Stage1", "Stage2", "Stage10"))
    main = files["app/main.py"]
    assert main.index("stage_2s") < main.index("stage_10s")
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    ruff = Path(sys.executable).parent / "ruff"  # a linter reads the code, never runs it
    done = subprocess.run(  # noqa: S603
        [str(ruff), "check", "--no-cache", "--select", "I", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout


def test_a_64_kb_issue_body_is_refused_with_the_cap() -> None:
    text = "An API with:\n" + "\n".join(f"- Thing{i}: name, size" for i in range(4000))
    assert len(text) > 64_000
    with pytest.raises(SpecError, match=f"at most {MAX_DESCRIPTION_CHARS:,}"):
        parse_spec_with_notes(text)


def test_more_entities_than_the_cap_is_refused_with_the_cap() -> None:
    names = [f"Thing{i}" for i in range(MAX_ENTITIES + 1)]
    with pytest.raises(ValueError, match=f"at most {MAX_ENTITIES} in one project"):
        _spec(*names)


def test_a_description_over_the_cap_is_refused() -> None:
    with pytest.raises(ValueError, match=f"at most {MAX_DESCRIPTION_CHARS}"):
        _spec("Note", description="x" * (MAX_DESCRIPTION_CHARS + 1))
