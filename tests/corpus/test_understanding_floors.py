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
# Figures on tests/corpus/issues/dev (255 texts: dev-206..dev-255 were added by a writer who had
# not seen the parser, which lowered the figures of the same code: c4de2b6 scored 205 texts at the
# values in the comments), measured with bench/bench_understanding.py --part dev, rounded down.
DEV_FLOORS: dict[str, float] = {
    "entity P": 0.79,  # 0.82 on 205 texts
    "entity R": 0.86,  # 0.87 on 205 texts
    "field P": 0.84,  # 0.86 on 205 texts
    "field R": 0.78,  # 0.82 on 205 texts
    "field type acc": 0.92,  # 0.93 on 205 texts
    "relation P": 0.82,  # 0.83 on 205 texts
    "relation R": 0.57,  # 0.58 on 205 texts
    "rule P": 0.85,  # 0.86 on 205 texts
    "rule R": 0.48,  # 0.50 on 205 texts
    "role R": 0.60,  # 0.61 on 205 texts
    "auth acc": 0.93,  # 0.94 on 205 texts
}
# The same for tests/corpus/issues/heldout (110 texts by two writers who never read the parser),
# measured by the lead after the merge, rounded down (160d756, the last landed state, in the comments).
HELDOUT_FLOORS: dict[str, float] | None = {
    "entity P": 0.77,  # 0.74 at 160d756
    "entity R": 0.84,  # 0.84 at 160d756
    "field P": 0.87,  # 0.85 at 160d756
    "field R": 0.81,  # 0.79 at 160d756
    "field type acc": 0.87,  # 0.84 at 160d756
    "relation P": 0.85,  # 0.81 at 160d756
    "relation R": 0.53,  # 0.51 at 160d756
    "rule P": 0.89,  # 0.83 at 160d756
    "rule R": 0.44,  # 0.40 at 160d756
    "role R": 0.60,  # 0.59 at 160d756
    "auth acc": 0.89,  # 0.90 at 160d756 (99 of 110 both)
}
# Entities the scorer counts as invented from a non-noun (466bec6: 22). Left: dev-010's "a score
# 1-5 and comments", where the judging tagger never reads "comments" as a noun, and dev-245's
# "Subscribe" (a new text, scored before anyone tuned on it).
MAX_INVENTED = 2


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
