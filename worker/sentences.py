"""Markdown of what each sentence of a request became. No I/O.

Three views of the parser's account (`pipeline.parse.account`): the table on the issue's progress
comment, the numbered questions posted instead of a pull request when the parser would be
guessing (with an editable `codebegen.yaml` of what it understood), and the PR body's
traceability table (sentence -> what the spec holds -> the generated test that checks it) with
its "Not built" list. Nothing a person wrote is left out of them.
"""

from __future__ import annotations

from pipeline.parse.account import SentenceAccount, SentenceStatus
from pipeline.spec import ProjectSpec
from pipeline.trace import TraceRow

MAX_ROWS = 200  # sentences shown; a longer request gets a line saying how many were left out
MAX_SENTENCE_CHARS = 160  # a cell shows the start of a very long sentence
MAX_TESTS_PER_ROW = 3  # tests named per sentence in the PR table; the rest are counted

_STATUS = {
    SentenceStatus.USED: "✅",
    SentenceStatus.NOT_SUPPORTED: "🚫 not supported",
    SentenceStatus.NOT_BUILT: "🚧 not built",
    SentenceStatus.NOT_UNDERSTOOD: "❓ not understood",
    SentenceStatus.CONTEXT: "ℹ️ context",
}


def _cell(text: str, limit: int = MAX_SENTENCE_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("|", "\\|").replace("<", "&lt;")


def _became(holds: list[str], status: SentenceStatus, reason: str) -> str:
    """What the spec holds from a sentence, then, unless all of it was used, why not."""
    shown = [f"`{_cell(h, 120)}`" for h in holds]
    if status is not SentenceStatus.USED or not holds:
        words = status.value.replace("_", " ")
        reason = reason.removeprefix(f"{words}: ")  # the parser may say "not supported: SMS"
        shown.append(
            _STATUS[status] + (f": {_cell(reason, 160)}" if reason and reason != words else "")
        )
    return "<br>".join(shown)


def sentence_table(sentences: list[SentenceAccount]) -> str:
    """The issue comment's table: what you wrote -> what codebegen made of it."""
    if not sentences:
        return ""
    rows = ["| # | What you wrote | What codebegen made of it |", "|---|---|---|"]
    for i, s in enumerate(sentences[:MAX_ROWS], 1):
        rows.append(f"| {i} | {_cell(s.text)} | {_became(s.became, s.status, s.reason)} |")
    return "\n".join(rows + _left_out(len(sentences)))


def trace_table(rows: list[TraceRow]) -> str:
    """The PR body's table: sentence -> what the spec holds -> the generated test that checks it."""
    if not rows:
        return ""
    out = ["| # | Sentence | The spec holds | Checked by |", "|---|---|---|---|"]
    for i, r in enumerate(rows[:MAX_ROWS], 1):
        shown = [f"`{t}`" for t in r.tests[:MAX_TESTS_PER_ROW]]
        if len(r.tests) > MAX_TESTS_PER_ROW:
            shown.append(f"and {len(r.tests) - MAX_TESTS_PER_ROW} more")
        tests = "<br>".join(shown) or ("no generated test" if r.holds else "—")
        out.append(
            f"| {i} | {_cell(r.sentence)} | {_became(r.holds, r.status, r.reason)} | {tests} |"
        )
    return "\n".join(out + _left_out(len(rows)))


def not_built_list(items: list[str]) -> str:
    return "\n".join(f"- {_cell(item, 300)}" for item in items)


def questions_block(questions: list[str], spec: ProjectSpec) -> str:
    """Numbered questions, then what was understood as an editable codebegen.yaml block."""
    lines = [f"{i}. {q}" for i, q in enumerate(questions, 1)]
    lines += [
        "",
        "Answer in a comment, or edit the issue (paste the block below with your changes, "
        "it is read exactly), or comment `/codebegen go` to build on codebegen's guesses.",
        "",
        "<details><summary>What codebegen understood, as <code>codebegen.yaml</code></summary>",
        "",
        "```yaml",
        spec.to_yaml().rstrip(),
        "```",
        "</details>",
    ]
    return "\n".join(lines)


def _left_out(total: int) -> list[str]:
    return (
        ["", f"… and {total - MAX_ROWS} more sentences, not shown here."]
        if total > MAX_ROWS
        else []
    )
