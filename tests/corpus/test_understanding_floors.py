"""Floors on the parser's figures over the labelled issue corpus (tests/corpus/README.md).

The floors only go up: raise them when the parser gets better, never lower them to make a change
pass. `HELDOUT_FLOORS` is filled in by whoever measures the held-out part; people who change the
parser do not read that part (nor run this file's held-out test with figures printed).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus.scoring import Score, load_cases, load_nlp, score_cases

ISSUES = Path(__file__).parent / "issues"
# Figures on tests/corpus/issues/dev (335 texts: dev-296..dev-335 were added in the eighth session
# by a writer who had not seen the parser, and scored before they joined dev), measured with
# bench/bench_understanding.py after the eighth session's merges, rounded down (ce9c6d2, the last
# landed state, in the comments, same run on the same 335 texts). The new texts are harder than
# the old ones (relation P and role R on them: 0.76 and 0.64), so two floors sit below the
# seventh session's on 295 texts.
DEV_FLOORS: dict[str, float] = {
    "entity P": 0.83,  # 0.83 at ce9c6d2 (0.840 now: rounded down twice against float rounding)
    "entity R": 0.87,  # 0.87 at ce9c6d2
    "field P": 0.85,  # 0.85 at ce9c6d2
    "field R": 0.80,  # 0.80 at ce9c6d2
    "field type acc": 0.92,  # 0.92 at ce9c6d2
    "relation P": 0.86,  # 0.86 at ce9c6d2
    "relation R": 0.64,  # 0.62 at ce9c6d2
    "rule P": 0.85,  # 0.85 at ce9c6d2
    "rule R": 0.56,  # 0.54 at ce9c6d2
    "role R": 0.74,  # 0.74 at ce9c6d2
    "auth acc": 0.93,  # 0.93 at ce9c6d2
}
# The same for tests/corpus/issues/heldout (110 texts by two writers who never read the parser),
# measured by the lead after the merge, rounded down (ce9c6d2, the last landed state, in the comments).
HELDOUT_FLOORS: dict[str, float] | None = {
    "entity P": 0.79,  # 0.79 at ce9c6d2
    "entity R": 0.86,  # 0.85 at ce9c6d2
    "field P": 0.87,  # 0.87 at ce9c6d2
    "field R": 0.82,  # 0.82 at ce9c6d2
    "field type acc": 0.88,  # 0.88 at ce9c6d2
    "relation P": 0.89,  # 0.89 at ce9c6d2
    "relation R": 0.60,  # 0.59 at ce9c6d2
    "rule P": 0.89,  # 0.89 at ce9c6d2
    "rule R": 0.53,  # 0.50 at ce9c6d2
    "role R": 0.73,  # 0.74 at ce9c6d2 (0.740 now)
    "auth acc": 0.89,  # 0.90 at ce9c6d2 (99 of 110 both; 0.89 so float rounding cannot fail it)
}
# Entities the scorer counts as invented from a non-noun (466bec6: 22). Left: dev-010's "a score
# 1-5 and comments", where the judging tagger never reads "comments" as a noun; dev-245's
# "Subscribe" and dev-333's "Sorry" ("sorry for my english"), new texts scored before anyone
# tuned on them.
MAX_INVENTED = 3


def _score(part: str) -> Score:
    return score_cases(load_cases(ISSUES / part), nlp=load_nlp())


@pytest.fixture(scope="module")
def dev_score() -> Score:
    if not (ISSUES / "dev").is_dir():
        pytest.fail("tests/corpus/issues/dev is missing")
    return _score("dev")


@pytest.mark.parametrize("figure", sorted(DEV_FLOORS))
def test_dev_figure_stays_above_its_floor(dev_score: Score, figure: str) -> None:
    assert dev_score.figures()[figure] >= DEV_FLOORS[figure]


def test_dev_vague_texts_are_refused_or_questioned(dev_score: Score) -> None:
    assert dev_score.vague_refused == dev_score.vague


def test_dev_has_no_entity_invented_from_a_non_noun(dev_score: Score) -> None:
    assert len(dev_score.invented) <= MAX_INVENTED, dev_score.invented


if HELDOUT_FLOORS is not None:
    _HELDOUT = HELDOUT_FLOORS

    @pytest.fixture(scope="module")
    def heldout_score() -> Score:
        return _score("heldout")

    @pytest.mark.parametrize("figure", sorted(_HELDOUT))
    def test_heldout_figure_stays_above_its_floor(heldout_score: Score, figure: str) -> None:
        assert heldout_score.figures()[figure] >= _HELDOUT[figure]
