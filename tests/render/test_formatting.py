"""The fast formatter gives black's output, byte for byte, on what the templates produce.

`render_project` formats with one `ruff format` run instead of black in-process (black was ~90%
of render time). These tests hold that choice to black itself: every Python file of every example
and of many random specs, formatted both ways, must be identical."""

from __future__ import annotations

from pathlib import Path

import black
import pytest

from pipeline.parse import parse_spec
from pipeline.plan import plan_project
from pipeline.render import formatting
from pipeline.render.project import _render_template, _tidy
from pipeline.spec import ProjectSpec, spec_from_dict
from tests.render.randomspecs import random_spec

EXAMPLES = sorted(Path(__file__).resolve().parents[2].joinpath("examples").glob("*.md"))
RANDOM_SEEDS = range(40)  # cheap: nothing runs, each spec is only rendered and formatted twice


def _tidied_sources(spec: ProjectSpec) -> dict[str, str]:
    """The Python files of a project as the formatter receives them (rendered, imports tidied)."""
    plan = [p for p in plan_project(spec) if p.path.endswith(".py")]
    return {p.path: _tidy(p.path, _render_template(p)) for p in plan}


def _assert_same_as_black(sources: dict[str, str]) -> None:
    formatting.clear_cache()
    fast = formatting.format_sources(sources)
    for path, source in sources.items():
        assert fast[path] == black.format_str(source, mode=formatting.BLACK_MODE), path


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_examples_are_formatted_exactly_as_black_formats_them(example: Path) -> None:
    _assert_same_as_black(_tidied_sources(parse_spec(example.read_text())))


def test_random_specs_are_formatted_exactly_as_black_formats_them() -> None:
    sources: dict[str, str] = {}
    for seed in RANDOM_SEEDS:
        for path, source in _tidied_sources(spec_from_dict(random_spec(seed))).items():
            sources[f"{seed}/{path}"] = source
    _assert_same_as_black(sources)


def test_black_formats_when_ruff_is_not_there(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formatting, "_ruff_binary", lambda: None)
    formatting.clear_cache()
    assert formatting.format_sources({"a.py": "x = [1,\n  2]\n"}) == {"a.py": "x = [1, 2]\n"}


def test_invalid_python_is_black_s_error_naming_the_problem() -> None:
    formatting.clear_cache()
    with pytest.raises(black.InvalidInput):
        formatting.format_sources({"a.py": "def (:\n"})


def test_the_batch_gives_the_same_output_wherever_its_scratch_files_live(tmp_path: Path) -> None:
    ruff = formatting._ruff_binary()
    assert ruff is not None  # ruff is a dependency; without it the black fallback is tested above
    sources = ["x = {  'a':1 }\n", "def f( a ):\n  return a\n"]
    in_tmp = formatting._ruff_format(ruff, sources, scratch=str(tmp_path))
    default = formatting._ruff_format(ruff, sources)
    assert in_tmp == default == [black.format_str(s, mode=formatting.BLACK_MODE) for s in sources]
    assert list(tmp_path.iterdir()) == []  # the batch's folder is removed afterwards
