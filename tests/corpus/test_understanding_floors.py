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
# Figures on tests/corpus/issues/dev (485 texts: dev-336..dev-375 were added in the ninth session,
# dev-376..dev-415 in the tenth, dev-501..dev-530 in the eleventh and dev-531..dev-570 in the
# thirteenth, each batch by a writer who had not seen the parser and scored before it joined dev),
# measured after the thirteenth session's merges, rounded down (the exact figure in the comments).
# Each batch is harder than the texts tuned on before it: dev-531..570 scored field R 0.64,
# relation R 0.41 and rule R 0.44 at 74830f9; on the 445 before it nothing moved at two decimals
# this session. The floors below are set for the 485.
DEV_FLOORS: dict[str, float] = {
    "entity P": 0.84,  # 0.846
    "entity R": 0.87,  # 0.877
    "field P": 0.85,  # 0.853
    "field R": 0.79,  # 0.794
    "field type acc": 0.91,  # 0.918
    "relation P": 0.85,  # 0.859
    "relation R": 0.63,  # 0.637
    "rule P": 0.86,  # 0.867
    "rule R": 0.58,  # 0.588
    "role R": 0.79,  # 0.793
    "auth acc": 0.95,  # 0.958
}
# The same for tests/corpus/issues/heldout (110 texts by two writers who never read the parser),
# measured by the lead after the merge, rounded down (05c1cd1, the last landed state, and now).
HELDOUT_FLOORS: dict[str, float] | None = {
    "entity P": 0.80,  # 0.807 at 05c1cd1; 0.807 now
    "entity R": 0.86,  # 0.864; 0.864
    "field P": 0.88,  # 0.875; 0.883
    "field R": 0.83,  # 0.831; 0.833
    "field type acc": 0.89,  # 0.891; 0.891
    "relation P": 0.89,  # 0.892; 0.892
    "relation R": 0.61,  # 0.611; 0.611
    "rule P": 0.89,  # 0.895; 0.895
    "rule R": 0.54,  # 0.544; 0.544
    "role R": 0.77,  # 0.772; 0.772
    "auth acc": 0.89,  # 0.90; 0.90 (99 of 110 both; 0.89 so float rounding cannot fail it)
}
# Entities the scorer counts as invented from a non-noun (466bec6: 22). Left: dev-010's "a score
# 1-5 and comments", where the judging tagger never reads "comments" as a noun, dev-245's
# "Subscribe", and dev-547's "Best" ("drop the best and worst attempt", from the batch that joined
# in the thirteenth session, where the parser also made "Total" of a formula until it was fixed);
# held-out has one ("Optional").
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
