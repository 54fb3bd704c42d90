"""Synthetic rows: varied, valid, reproducible specs, described in several styles, rendered."""

from __future__ import annotations

import random

import pytest
import yaml

from pipeline.spec import AuthKind, FieldType, ProjectSpec, RelationKind
from training.dataset import Row, Source
from training.synth import STYLES, describe, random_spec, refine_spec, synth_rows


def test_specs_are_reproducible_from_their_seed() -> None:
    assert random_spec(random.Random(5)) == random_spec(random.Random(5))
    assert random_spec(random.Random(5)) != random_spec(random.Random(6))


def test_specs_cover_every_field_type_relation_kind_and_toggle() -> None:
    specs = [random_spec(random.Random(i)) for i in range(300)]
    types = {f.type for s in specs for e in s.entities for f in e.fields}
    assert types == set(FieldType)
    assert {r.kind for s in specs for r in s.relations} == set(RelationKind)
    assert {s.auth for s in specs} == set(AuthKind)
    assert any(s.roles and s.permissions for s in specs)
    assert any(s.features.uploads for s in specs) and any(s.features.filtering for s in specs)
    assert len({s.domain for s in specs}) >= 6


def test_descriptions_come_in_distinct_styles_and_name_the_entities() -> None:
    spec = random_spec(random.Random(3))
    texts = {style: describe(spec, style) for style in STYLES}
    assert len(set(texts.values())) == len(STYLES)
    assert texts["seed_template"].startswith("### API Description:")
    assert texts["markdown"].startswith(f"# {spec.title}")
    fenced = texts["yaml"].split("```yaml\n", 1)[1].rsplit("```", 1)[0]
    assert ProjectSpec.model_validate(yaml.safe_load(fenced)) == spec
    own = [e.name for e in spec.entities if e.name != "User"]
    assert all(e in texts["terse"] for e in own)


def test_refinements_change_the_spec() -> None:
    for i in range(30):
        rng = random.Random(i)
        spec = random_spec(rng)
        step = refine_spec(spec, rng)
        if step:
            assert step[0] and step[1] != spec


@pytest.fixture(scope="module")
def rows() -> list[Row]:
    return list(synth_rows(3, seed=11, refine_ratio=1.0))


def test_synth_rows_are_rendered_projects_with_their_description(rows: list[Row]) -> None:
    assert [r.provenance.seed for r in rows] == [11, 12, 13]
    for row in rows:
        assert row.provenance.source is Source.SYNTH and row.quality_score is None
        spec = ProjectSpec.from_yaml(row.output.files["codebegen.yaml"])
        assert spec.description == row.prompt
        assert "app/main.py" in row.output.files and "README.md" in row.output.files
        assert row.context.domain == spec.domain


def test_synth_refinement_records_changed_files_before_and_after(rows: list[Row]) -> None:
    refined = [r for r in rows if r.refinements]
    assert refined
    for row in refined:
        ref = row.refinements[0]
        assert ref.after and all(ref.before.get(p) != c for p, c in ref.after.items())
        assert all(row.output.files[p] == c for p, c in ref.before.items())


def test_synth_is_reproducible(rows: list[Row]) -> None:
    again = next(synth_rows(1, seed=11, refine_ratio=1.0))
    assert again.dedupe_key() == rows[0].dedupe_key()
