"""Any text, however loosely written, is read or answered with a `SpecError` (a message for the
person, exit 2 in the CLI), never another exception: random prose, random and mutated
`codebegen.yaml` documents. (OpenAPI documents have their own fuzz tests in tests/contract.)"""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, main
from pipeline.errors import SpecError
from pipeline.parse import parse_spec

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.md"))
FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)


def _read(text: str) -> None:
    try:
        parse_spec(text)
    except SpecError as exc:
        assert exc.message.strip(), "a SpecError must say what is wrong"


@FUZZ
@given(st.text(max_size=400))
def test_random_prose_is_read_or_refused(text: str) -> None:
    _read(text)


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "name",
                "entities",
                "relations",
                "auth",
                "roles",
                "rules",
                "features",
                "permissions",
                "title",
            ]
        ),
        values,
        min_size=1,
    )
)
def test_random_spec_documents_are_read_or_refused(data: dict[str, Any]) -> None:
    data.setdefault("entities", [])
    _read("```yaml\n" + yaml.safe_dump(data, allow_unicode=True) + "```\n")


def _specs() -> list[dict[str, Any]]:
    return [yaml.safe_load(parse_spec(p.read_text()).to_yaml()) for p in EXAMPLES]


def _mutate(node: Any, rng: random.Random, junk: list[Any]) -> Any:
    """Replace, drop or retype one value somewhere in a spec document."""
    if isinstance(node, dict) and node:
        key = rng.choice(sorted(node, key=str))
        roll = rng.random()
        if roll < 0.25:
            node.pop(key)
        elif roll < 0.5:
            node[key] = rng.choice(junk)
        else:
            node[key] = _mutate(node[key], rng, junk)
        return node
    if isinstance(node, list) and node:
        i = rng.randrange(len(node))
        node[i] = _mutate(node[i], rng, junk) if rng.random() < 0.7 else rng.choice(junk)
        return node
    return rng.choice(junk)


JUNK: list[Any] = [
    None,
    "",
    " ",
    "Base",
    "Self",
    "class",
    "../x",
    "a" * 300,
    -1,
    0,
    10**20,
    1.5,
    True,
    [],
    {},
    [None],
    {"name": None},
    "💥",
    "x:y",
    "null",
    "\x00",
]


@pytest.mark.parametrize("seed", range(300))
def test_mutated_spec_documents_are_read_or_refused(seed: int) -> None:
    rng = random.Random(seed)
    specs = _specs_cached()
    doc = copy.deepcopy(specs[seed % len(specs)])
    for _ in range(1 + seed % 3):
        doc = _mutate(doc, rng, JUNK)
    if not isinstance(doc, dict):
        doc = {"entities": doc}
    _read("```yaml\n" + yaml.safe_dump(doc, allow_unicode=True) + "```\n")


_CACHE: list[dict[str, Any]] = []


def _specs_cached() -> list[dict[str, Any]]:
    if not _CACHE:
        _CACHE.extend(_specs())
    return _CACHE


@pytest.mark.parametrize(
    "text",
    [
        "```yaml\nentities: [\n```",  # not YAML
        "```yaml\nentities:\n  - name: 5\n```",
        "```yaml\nentities: {a: b}\nname: [1]\n```",
        "entities: !!python/object:os.system {}\n",  # a YAML tag that would run code elsewhere
        "```yaml\n" + "- " * 5000 + "x\n```",  # deep nesting
    ],
)
def test_the_cli_answers_a_broken_document_with_a_message_and_exit_2(
    text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["generate", "--text", text, "--out", str(tmp_path / "o"), "--no-validate"])
    captured = capsys.readouterr()
    assert code in (EXIT_OK, EXIT_FAILED, EXIT_USAGE)
    assert "Traceback" not in captured.err + captured.out
    if code == EXIT_USAGE:
        assert captured.err.startswith("error: ")
