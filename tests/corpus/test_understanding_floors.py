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
# Figures on tests/corpus/issues/dev (295 texts: dev-256..dev-295 were added in the seventh
# session by a writer who had not seen the parser, and scored before they joined dev), measured
# with bench/bench_understanding.py --part dev after the seventh session's merges, rounded down
# (761d595, the last landed state, in the comments, same run on the same 295 texts). The larger
# dev part makes some floors lower than the sixth session's on 255 texts: its new texts are harder.
DEV_FLOORS: dict[str, float] = {
    "entity P": 0.83,  # 0.80 at 761d595
    "entity R": 0.87,  # 0.86 at 761d595
    "field P": 0.85,  # 0.86 at 761d595
    "field R": 0.80,  # 0.79 at 761d595
    "field type acc": 0.91,  # 0.92 at 761d595
    "relation P": 0.87,  # 0.85 at 761d595
    "relation R": 0.65,  # 0.60 at 761d595; 0.65 after h/rel (who makes a row, answers, "in many")
    "rule P": 0.85,  # 0.85 at 761d595
    "rule R": 0.57,  # 0.53 at 761d595
    "role R": 0.76,  # 0.72 at 761d595
    "auth acc": 0.92,  # 0.93 at 761d595
}
# The same for tests/corpus/issues/heldout (110 texts by two writers who never read the parser),
# measured by the lead after the merge, rounded down (761d595, the last landed state, in the comments).
HELDOUT_FLOORS: dict[str, float] | None = {
    "entity P": 0.79,  # 0.78 at 761d595
    "entity R": 0.85,  # 0.85 at 761d595
    "field P": 0.87,  # 0.87 at 761d595
    "field R": 0.81,  # 0.82 at 761d595
    "field type acc": 0.88,  # 0.88 at 761d595
    "relation P": 0.89,  # 0.88 at 761d595
    "relation R": 0.58,  # 0.56 at 761d595
    "rule P": 0.89,  # 0.89 at 761d595
    "rule R": 0.49,  # 0.48 at 761d595
    "role R": 0.73,  # 0.72 at 761d595
    "auth acc": 0.89,  # 0.90 at 761d595 (99 of 110 both; 0.89 so float rounding cannot fail it)
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
