"""Rows → the five stages' chat samples: seed prompts, files JSON, black, context-window accounting."""

from __future__ import annotations

import json

import pytest

from pipeline.llm.prompts import SYSTEM_PROMPT
from tests.training.conftest import make_row
from training.dataset import Refinement
from training.samples import (
    Stage,
    build_samples,
    estimate_tokens,
    normalise,
    tokenizer_counter,
)


def _files(sample: object) -> dict[str, str]:
    return dict(json.loads(sample.messages[2].content)["files"])  # type: ignore[attr-defined]


@pytest.fixture
def blog_row(blog_files: dict[str, str]):  # type: ignore[no-untyped-def]
    ref = Refinement(
        instruction="Add a `rating` field to Post.",
        before={"app/models/post.py": blog_files["app/models/post.py"]},
        after={"app/models/post.py": blog_files["app/models/post.py"] + "\n# rating\n"},
    )
    return make_row(blog_files, prompt="A blog with posts and comments.").model_copy(
        update={"refinements": [ref]}
    )


def test_a_rendered_row_gives_all_five_stages_in_the_seed_format(blog_row) -> None:  # type: ignore[no-untyped-def]
    samples, report = build_samples([blog_row], max_tokens=1_000_000)
    assert {s.stage for s in samples} == set(Stage)
    assert len(samples) == 5 and report.samples == 5
    for s in samples:
        assert [m.role for m in s.messages] == ["system", "user", "assistant"]
        assert s.messages[0].content == SYSTEM_PROMPT
        user = s.messages[1].content
        assert user.startswith("### API Description:\nA blog with posts and comments.")
        assert user.rstrip().endswith('"files": { "path/to/file.py": "<full code>", ... }\n}')
        assert isinstance(_files(s), dict)
    by = {s.stage: s for s in samples}
    assert list(_files(by[Stage.INTENT_SCHEMA])) == ["codebegen.yaml"]
    assert set(_files(by[Stage.SCHEMA_STRUCTURE])) == set(blog_row.output.files)
    assert set(_files(by[Stage.SCHEMA_STRUCTURE]).values()) == {""}
    assert _files(by[Stage.STRUCTURE_CODE]) == normalise(blog_row.output.files)
    assert _files(by[Stage.CODE_ITERATION]) == normalise(blog_row.refinements[0].after)
    assert "Add a `rating` field to Post." in by[Stage.CODE_ITERATION].messages[1].content
    assert "README.md" in _files(by[Stage.CODE_DOCS])


def test_python_is_black_normalised_and_unparseable_python_kept_and_counted() -> None:
    row = make_row({"app/a.py": "x=[1,\n2]\n", "app/b.py": "def (:\n", "README.md": "x=[1,2]\n"})
    samples, report = build_samples([row], stages=[Stage.STRUCTURE_CODE])
    files = _files(samples[0])
    assert files["app/a.py"] == "x = [1, 2]\n"
    assert files["app/b.py"] == "def (:\n" and files["README.md"] == "x=[1,2]\n"
    assert report.unformatted == 1


def test_rows_without_material_are_skipped_and_counted() -> None:
    row = make_row({"app/main.py": "x = 1\n"})  # no spec, no README, no refinements
    samples, report = build_samples([row])
    assert {s.stage for s in samples} == {Stage.SCHEMA_STRUCTURE, Stage.STRUCTURE_CODE}
    counts = report.stages
    assert counts[Stage.INTENT_SCHEMA].skipped == counts[Stage.CODE_DOCS].skipped == 1
    assert counts[Stage.CODE_ITERATION].skipped == 1


def test_code_too_big_for_the_window_is_split_by_file_groups_never_cut() -> None:
    files = {f"app/models/m{i}.py": f"X{i} = {'1' * 900}\n" for i in range(6)}
    files |= {f"tests/test_{i}.py": f"Y{i} = {'2' * 900}\n" for i in range(4)}
    row = make_row(files)
    samples, report = build_samples([row], max_tokens=1400, stages=[Stage.STRUCTURE_CODE])
    counts = report.stages[Stage.STRUCTURE_CODE]
    assert counts.split == 1 and counts.parts == len(samples) > 1 and counts.kept == 0
    seen: dict[str, str] = {}
    for i, s in enumerate(samples, 1):
        assert s.part == f"{i}/{len(samples)}"
        assert estimate_tokens("".join(m.content for m in s.messages)) <= 1400
        part = _files(s)
        assert len({p.rsplit("/", 1)[0] for p in part}) == 1  # one folder per part here
        assert not set(part) & set(seen)
        seen |= part
    assert seen == files  # every file whole, exactly once


def test_a_file_larger_than_any_part_is_dropped_and_counted() -> None:
    files = {"app/small.py": "A = 1\n", "app/huge.py": "B = '" + "x" * 20_000 + "'\n"}
    samples, report = build_samples(
        [make_row(files)], max_tokens=2000, stages=[Stage.STRUCTURE_CODE]
    )
    counts = report.stages[Stage.STRUCTURE_CODE]
    assert counts.dropped_files == 1 and counts.parts == 1
    assert _files(samples[0]) == {"app/small.py": "A = 1\n"}


def test_a_sample_that_cannot_fit_is_dropped_and_counted() -> None:
    row = make_row({"app/main.py": "x = 1\n"}, prompt="word " * 5000)
    samples, report = build_samples([row], max_tokens=2000, stages=[Stage.SCHEMA_STRUCTURE])
    assert samples == [] and report.stages[Stage.SCHEMA_STRUCTURE].dropped == 1


def test_rows_under_min_quality_are_left_out() -> None:
    good = make_row({"a.py": "x = 1\n"}, rid="good").model_copy(update={"quality_score": 0.9})
    bad = make_row({"a.py": "x = 2\n"}, rid="bad").model_copy(update={"quality_score": 0.2})
    samples, report = build_samples([good, bad], min_quality=0.5, stages=[Stage.STRUCTURE_CODE])
    assert [s.row_id for s in samples] == ["good"] and report.low_quality == 1


def test_token_counting_uses_the_tokenizer_when_given(tiny_model_dir) -> None:  # type: ignore[no-untyped-def]
    from transformers import AutoTokenizer

    count = tokenizer_counter(AutoTokenizer.from_pretrained(tiny_model_dir))
    assert count("hello world") == len(
        AutoTokenizer.from_pretrained(tiny_model_dir)("hello world")["input_ids"]
    )
    row = make_row({"app/main.py": "x = 1\n" * 200})
    _, by_chars = build_samples([row], max_tokens=900, stages=[Stage.STRUCTURE_CODE])
    _, by_tokens = build_samples([row], max_tokens=900, count=count, stages=[Stage.STRUCTURE_CODE])
    assert by_chars.stages[Stage.STRUCTURE_CODE].kept == 1  # 1,200 chars is ~300 estimated tokens
    assert by_tokens.stages[Stage.STRUCTURE_CODE].dropped_files == 1  # the tiny BPE needs more
