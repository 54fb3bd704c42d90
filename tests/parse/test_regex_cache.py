"""Parsing compiles the regular expressions it builds from a text's words once, not for every
text: `re`'s own cache (512 patterns) overflows after a few texts, and recompiling cost about a
tenth of the parse time."""

from __future__ import annotations

import re
import re._compiler

import pytest

from pipeline.parse import parse_spec

# Things different businesses keep, three to a text: each text names other words.
THINGS = """
    kayak paddle rental harbour skipper voyage ferry cabin ticket orchard crate harvest trellis
    beekeeper jar bakery loaf oven studio easel canvas garage mechanic invoice vineyard barrel
    tasting kennel puppy vaccine library shelf loan choir singer rehearsal quarry truck gravel
    """.split()
TEXTS = [
    f"An API for a {a} business. It keeps {b}s and {c}s. Each {b} has a name, a price and a "
    f"start date; a {c} belongs to a {b} and has a status that is one of open or closed. "
    f"Only admins can delete {c}s."
    for a, b, c in zip(THINGS[0::3], THINGS[1::3], THINGS[2::3], strict=True)
]


def test_patterns_built_from_a_texts_words_are_not_compiled_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for text in TEXTS:
        parse_spec(text)
    compiled: list[str] = []
    compile_pattern = re._compiler.compile

    def counting(pattern: str, flags: int = 0) -> object:
        compiled.append(str(pattern))
        return compile_pattern(pattern, flags)

    re.purge()  # as when other texts have filled `re`'s cache since
    monkeypatch.setattr(re._compiler, "compile", counting)
    for text in TEXTS:
        parse_spec(text)
    again = [p for p in compiled if any(word in p for word in THINGS)]
    assert again == []
