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
# Figures on the first 525 texts of tests/corpus/issues/dev (dev-001..dev-610: dev-336..dev-375
# were added in the ninth session, dev-376..dev-415 in the tenth, dev-501..dev-530 in the eleventh,
# dev-531..dev-570 in the thirteenth and dev-571..dev-610 in the fourteenth, each batch by a writer
# who had not seen the parser and scored before it joined dev), rounded down (the exact figure in
# the comments: after the fourteenth session; after the seventeenth). Each batch is harder than the
# texts tuned on before it. Two floors rose in the seventeenth session; none went down.
OLDER_DEV_FLOORS: dict[str, float] = {
    "entity P": 0.83,  # 0.837; 0.838
    "entity R": 0.88,  # 0.879; 0.881
    "field P": 0.86,  # 0.864; 0.870
    "field R": 0.80,  # 0.808; 0.808
    "field type acc": 0.92,  # 0.922; 0.924
    "relation P": 0.85,  # 0.857; 0.857
    "relation R": 0.64,  # 0.642; 0.643
    "rule P": 0.87,  # 0.874; 0.876
    "rule R": 0.60,  # 0.591; 0.601
    "role R": 0.78,  # 0.787; 0.788
    "auth acc": 0.95,  # 0.959; 0.959
}
# The same for all of dev (550 texts): dev-611..dev-635 were written in the seventeenth session by
# a writer who had not seen the parser, scored at 07023b2 before any change (entity P 0.69, relation
# R 0.49, rule R 0.43), then read and tuned on. The floors are set at the seventeenth session's
# figures for the 550.
DEV_FLOORS: dict[str, float] = {
    "entity P": 0.82,  # 0.830
    "entity R": 0.87,  # 0.880
    "field P": 0.86,  # 0.867
    "field R": 0.80,  # 0.804
    "field type acc": 0.92,  # 0.924
    "relation P": 0.85,  # 0.858
    "relation R": 0.63,  # 0.635
    "rule P": 0.87,  # 0.880
    "rule R": 0.59,  # 0.596
    "role R": 0.78,  # 0.789
    "auth acc": 0.95,  # 0.959
}
# The same for the first 110 texts of tests/corpus/issues/heldout (heldout-001..heldout-155, by two
# writers who never read the parser), measured after the merge, rounded down.
OLDER_HELDOUT_FLOORS: dict[str, float] = {
    # figures at 8b933d0; at c8247ef; at 55a6d98 (session fifteen: a URL path in the prose no
    # longer makes an invalid link name, so a held-out text that was refused whole is read now);
    # after the seventeenth session (rule R rose)
    "entity P": 0.80,  # 0.807; 0.805; 0.807; 0.804
    "entity R": 0.87,  # 0.864; 0.864; 0.873; 0.873
    "field P": 0.89,  # 0.883; 0.891; 0.892; 0.897
    "field R": 0.83,  # 0.833; 0.833; 0.835; 0.836
    "field type acc": 0.89,  # 0.891; 0.899; 0.898; 0.901
    "relation P": 0.89,  # 0.892; 0.892; 0.893; 0.897
    "relation R": 0.61,  # 0.611; 0.611; 0.618; 0.615
    # lowered once, from 0.89: the text read now instead of refused brings rules, most of them
    # right (rule R 0.549 -> 0.560) and some not (rule P 0.892 -> 0.886)
    "rule P": 0.88,  # 0.895; 0.892; 0.886; 0.888
    "rule R": 0.56,  # 0.544; 0.549; 0.560; 0.568
    "role R": 0.78,  # 0.772; 0.772; 0.789; 0.789
    "auth acc": 0.90,  # 0.90; 0.90; 0.91; 0.91 (0.90 so float rounding cannot fail it)
}
# All of held-out (160 texts): heldout-156..heldout-205 were written in the seventeenth session
# by two writers who had not seen the parser, and nobody has read them; their totals were scored
# once at 07023b2 and once after the session's changes. Set at the seventeenth session's figures.
HELDOUT_FLOORS: dict[str, float] | None = {
    "entity P": 0.78,  # 0.783
    "entity R": 0.87,  # 0.871
    "field P": 0.88,  # 0.884
    "field R": 0.80,  # 0.806
    "field type acc": 0.90,  # 0.908
    "relation P": 0.87,  # 0.871
    "relation R": 0.58,  # 0.583
    "rule P": 0.89,  # 0.892
    "rule R": 0.53,  # 0.540
    "role R": 0.75,  # 0.759
    "auth acc": 0.92,  # 0.925
}
# Entities the scorer counts as invented from a non-noun (466bec6: 22). Left: dev-010's "a score
# 1-5 and comments", where the judging tagger never reads "comments" as a noun, dev-245's
# "Subscribe", and dev-547's "Best" ("drop the best and worst attempt", from the batch that joined
# in the thirteenth session, where the parser also made "Total" of a formula until it was fixed);
# held-out has three ("Optional", and two the bench printed for the seventeenth session's unread
# batch: "CatalogueNumbersUnique" and "Mine"; nobody read their texts).
MAX_INVENTED = 3


def _score(part: str, last: int | None = None) -> Score:
    """The part's figures; `last`: only the texts numbered up to it (the older ones)."""
    cases = load_cases(ISSUES / part)
    if last is not None:
        cases = [c for c in cases if int(c.id.rsplit("-", 1)[1]) <= last]
    return score_cases(cases, nlp=load_nlp())


@pytest.fixture(scope="module")
def dev_score() -> Score:
    if not (ISSUES / "dev").is_dir():
        pytest.fail("tests/corpus/issues/dev is missing")
    return _score("dev")


@pytest.mark.parametrize("figure", sorted(DEV_FLOORS))
def test_dev_figure_stays_above_its_floor(dev_score: Score, figure: str) -> None:
    assert dev_score.figures()[figure] >= DEV_FLOORS[figure]


@pytest.fixture(scope="module")
def older_dev_score() -> Score:
    return _score("dev", last=610)


@pytest.mark.parametrize("figure", sorted(OLDER_DEV_FLOORS))
def test_older_dev_figure_stays_above_its_floor(older_dev_score: Score, figure: str) -> None:
    assert older_dev_score.figures()[figure] >= OLDER_DEV_FLOORS[figure]


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

    @pytest.fixture(scope="module")
    def older_heldout_score() -> Score:
        return _score("heldout", last=155)

    @pytest.mark.parametrize("figure", sorted(OLDER_HELDOUT_FLOORS))
    def test_older_heldout_figure_stays_above_its_floor(
        older_heldout_score: Score, figure: str
    ) -> None:
        assert older_heldout_score.figures()[figure] >= OLDER_HELDOUT_FLOORS[figure]
