"""The traceability table: each sentence of a request -> what the spec holds -> the generated test
that checks it, and the list of what was not built. Pure: no I/O.

The parser's account (`pipeline.parse.account`) says what each sentence became, as short items
such as "entity Order", "field Order.total (decimal)", "relation Order -> Customer",
"rule range Review.rating 1..5" or "permission only admin: delete Post". This module finds, in
the generated files, the test functions that exercise each item, so the PR body can show the
person which test proves which sentence, and which sentences nothing proves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.naming import plural, snake
from pipeline.parse.account import SentenceAccount, SentenceStatus

_TEST_DEF = re.compile(r"^def (test_\w+)\(", re.M)
# "entity Order", "field Order.total (decimal)", "relation Order -> Customer",
# "rule range Review.rating 1..5", "permission only admin: delete Post", "owner Post.author",
# "operations update, delete Post"
_ITEM = re.compile(
    r"^(?P<kind>entity|field|relation|rule|permission|owner|read|upload|operations)\b[^A-Z]*"
    r"(?P<entity>[A-Z][A-Za-z0-9]*)?(?:\.(?P<field>[a-z_][a-z0-9_]*))?"
    r"(?:\s*(?:->|<->)\s*(?P<target>[A-Z][A-Za-z0-9]*))?"
)
_PERMISSION_ENTITY = re.compile(r"([A-Z][A-Za-z0-9]*)\s*$")
_RULE_WORDS = {  # words a generated test name uses for a rule kind
    "range": ("range", "out_of_range", "below", "above", "between"),
    "length": ("length", "long", "short"),
    "pattern": ("pattern", "format"),
    "not_blank": ("blank", "empty"),
    "unique": ("unique", "taken", "twice", "duplicate", "conflicts"),
    "transition": ("transition", "move", "status", "cannot"),
    "soft_delete": ("soft", "archiv", "hidden", "deleted"),
    "computed": ("computed", "total", "sum"),
    "api_key": ("api_key", "key"),
}
MAX_TESTS_SHOWN = 2  # per item: the table stays readable


@dataclass(frozen=True)
class TraceRow:
    sentence: str
    status: SentenceStatus
    holds: list[str]  # what the spec holds for it; empty when nothing
    reason: str = (
        ""  # why not (all of) it, for not_supported / not_built / not_understood / context
    )
    tests: list[str] = field(default_factory=list)  # "tests/test_orders.py::test_create_order"


def trace(sentences: list[SentenceAccount], files: dict[str, str]) -> list[TraceRow]:
    """One row per sentence, with the generated tests that check what it became."""
    index = _test_index(files)
    rows = []
    for s in sentences:
        tests: list[str] = []
        for item in s.became:
            for t in checks_for(item, index):
                if t not in tests:
                    tests.append(t)
        rows.append(TraceRow(s.text, s.status, list(s.became), s.reason, tests))
    return rows


def not_built(sentences: list[SentenceAccount], unbuilt: list[str] | None = None) -> list[str]:
    """What the request asked for that the project does not do, in words (never dropped)."""
    out = [
        f"{s.text} — {s.reason or 'not supported'}"
        for s in sentences
        if s.status in (SentenceStatus.NOT_SUPPORTED, SentenceStatus.NOT_BUILT)
    ]
    out += [
        f"{s.text} — {s.reason or 'not understood'}"
        for s in sentences
        if s.status is SentenceStatus.NOT_UNDERSTOOD
    ]
    return out + [u for u in unbuilt or [] if u not in out]


def _test_index(files: dict[str, str]) -> dict[str, list[str]]:
    """Test file path -> its test function names (generated projects: tests/test_<plural>.py)."""
    return {
        path: _TEST_DEF.findall(text)
        for path, text in files.items()
        if path.startswith("tests/") and path.rsplit("/", 1)[-1].startswith("test_")
    }


def checks_for(item: str, index: dict[str, list[str]]) -> list[str]:
    """The generated tests that exercise one account item; [] when none does."""
    m = _ITEM.match(item.strip())
    if m is None:
        return []
    kind = m["kind"]
    entity = m["entity"]
    if kind == "permission":
        found = _PERMISSION_ENTITY.search(item)
        entity = found.group(1) if found else entity
    if not entity:
        return []
    path = f"tests/test_{plural(entity)}.py"
    names = index.get(path, [])
    if entity == "User" and not names:
        path, names = "tests/test_auth.py", index.get("tests/test_auth.py", [])
    if not names:
        return []
    if kind == "entity":
        create = f"test_create_{snake(entity)}"
        return [f"{path}::{create}"] if create in names else []
    if kind == "operations":  # "operations update, delete Post": the plainest test of each
        ops = re.findall(r"\b(create|list|read|update|delete)\b", item)
        return [f"{path}::{n}" for n in _operation_tests(ops, entity, names)][:MAX_TESTS_SHOWN]
    words = _words(kind, item, entity, m["field"], m["target"])
    scored = [(sum(w in n for w in words), n) for n in names]
    best = [n for score, n in scored if score and score == max(s for s, _ in scored)]
    if not best and kind == "field":
        best = [n for n in names if n == f"test_create_{snake(entity)}"]
    return [f"{path}::{n}" for n in best[:MAX_TESTS_SHOWN]]


def _operation_tests(ops: list[str], entity: str, names: list[str]) -> list[str]:
    """For each operation, the first test named for it: the generated tests put the plain case
    ("test_update_post_changes_only_the_given_fields") before the refusals."""
    out = []
    for op in ops:
        subject = plural(entity) if op == "list" else snake(entity)
        named = [n for n in names if n.startswith(f"test_{op}_{subject}")]
        if named:
            out.append(named[0])
    return out


def _words(kind: str, item: str, entity: str, fld: str | None, target: str | None) -> list[str]:
    if kind == "field" and fld:
        return [fld]
    if kind in ("relation", "owner") and target:
        return [snake(target), plural(target)]
    if kind == "owner" and fld:
        return [fld, "owner", "another_user"]
    if kind == "read":
        return ["public", "own", "another_user", "anonymous"]
    if kind == "permission":
        return ["requires_role", "role"]
    if kind == "upload" and fld:
        return ["upload", fld]
    if kind == "rule":
        rule = item.split()[1] if len(item.split()) > 1 else ""
        return [w for w in (fld or "",) if w] + list(_RULE_WORDS.get(rule, ()))
    return []
