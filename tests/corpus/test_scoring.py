"""The corpus scorer itself, on hand-made specs and gold answers (no parser involved)."""

from __future__ import annotations

from pipeline.spec import ProjectSpec
from tests.corpus.scoring import Case, Score, format_table, reduce_spec, score_one

GOLD = {
    "vague": False,
    "entities": {
        "Product": {"aliases": ["Item"], "fields": {"name": "string", "price": "decimal"}},
        "Order": {"fields": {"total": "decimal", "status": {"type": "enum", "choices": ["a"]}}},
    },
    "relations": [{"kind": "many_to_one", "source": "Order", "target": "Product"}],
    "auth": "jwt",
    "roles": ["admin"],
    "rules": [
        {"kind": "private", "entity": "Order"},
        {"kind": "public_read", "entity": "Product"},
        {"kind": "range", "entity": "Product", "field": "price", "min": 0},
    ],
}


def _spec() -> ProjectSpec:
    return ProjectSpec.model_validate(
        {
            "name": "shop",
            "auth": "jwt",
            "roles": ["admin", "user"],
            "entities": [
                {"name": "Item", "fields": [{"name": "name"}, {"name": "price", "type": "float"}]},
                {
                    "name": "Order",
                    "fields": [{"name": "total", "type": "decimal"}],
                    "owner": "owner",
                    "read": "owner",
                },
                {"name": "Up", "fields": [{"name": "name"}]},
            ],
            "relations": [
                {"kind": "many_to_one", "source": "Order", "target": "Item"},
                {"kind": "many_to_one", "source": "Order", "target": "User", "name": "owner"},
            ],
        }
    )


def _scored(gold: dict[str, object] | None = None) -> Score:
    score = Score()
    case = Case("dev-1", "dev", "terse", "shop", "Shop. Sign Up.", gold or GOLD)
    score_one(case, reduce_spec(_spec()), score)
    return score


def test_entities_match_by_alias_and_user_is_not_counted() -> None:
    score = _scored()
    assert (score.entities.hit, score.entities.predicted, score.entities.gold) == (2, 3, 2)


def test_fields_match_inside_matched_entities_and_types_are_scored_apart() -> None:
    score = _scored()
    assert (score.fields.hit, score.fields.predicted, score.fields.gold) == (3, 3, 4)
    assert (score.types_right, score.types_matched) == (2, 3)


def test_relations_match_on_kind_and_ends_through_aliases() -> None:
    score = _scored()
    assert (score.relations.hit, score.relations.gold) == (1, 1)


def test_rules_count_private_public_read_and_miss_the_range() -> None:
    score = _scored()
    assert (score.rules.hit, score.rules.gold) == (2, 3)
    assert "rule missed: range Product price" in score.misses["dev-1"]


def test_a_closed_word_entity_counts_as_invented() -> None:
    assert _scored().invented == ["dev-1: Up"]


def test_a_vague_text_built_without_questions_is_not_refused() -> None:
    score = _scored({"vague": True})
    assert (score.vague, score.vague_refused) == (1, 0)


def test_table_prints_one_column_per_run() -> None:
    table = format_table({"before": _scored(), "after": _scored()})
    assert "entity R" in table and "before" in table.splitlines()[0]


def test_a_rule_on_a_field_matched_by_its_alias_is_a_hit() -> None:
    gold = {
        **GOLD,
        "entities": {
            "Product": {
                "aliases": ["Item"],
                "fields": {"name": "string", "cost": "decimal"},
                "field_aliases": {"cost": ["price"]},
            },
            "Order": {"fields": {"total": "decimal"}},
        },
        "rules": [{"kind": "range", "entity": "Product", "field": "cost", "min": 0}],
    }
    spec = _spec().model_dump()
    spec["rules"] = [{"kind": "range", "entity": "Item", "field": "price", "min": 0}]
    score = Score()
    case = Case("dev-1", "dev", "terse", "shop", "Shop.", gold)
    score_one(case, reduce_spec(ProjectSpec.model_validate(spec)), score)
    assert (score.rules.hit, score.rules.gold) == (1, 1)
