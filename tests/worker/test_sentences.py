"""worker/sentences.py and the progress comment: what each sentence became, questions, and the
PR body's traceability table."""

from __future__ import annotations

from pipeline.parse import parse_spec
from pipeline.parse.account import SentenceAccount, SentenceStatus
from pipeline.trace import TraceRow
from worker.progress import Progress, State, Step, progress_comment, read_marker
from worker.sentences import MAX_ROWS, questions_block, sentence_table, trace_table

SPEC = parse_spec("A blog API with posts (title, body) and comments (body) on posts.")
ACCOUNT = [
    SentenceAccount("Posts have a title | and a body.", SentenceStatus.USED, ["entity Post"]),
    SentenceAccount("Send a <b>newsletter</b>.", SentenceStatus.NOT_SUPPORTED, [], "email"),
]


def test_the_sentence_table_has_a_row_per_sentence_with_markdown_escaped():
    table = sentence_table(ACCOUNT)
    assert "| 1 | Posts have a title \\| and a body. | `entity Post` |" in table
    assert "Send a &lt;b>newsletter&lt;/b>." in table
    assert "not supported: email" in table


def test_a_long_account_says_how_many_rows_were_left_out():
    many = [SentenceAccount(f"Sentence {i}.", SentenceStatus.CONTEXT) for i in range(MAX_ROWS + 3)]
    assert "… and 3 more sentences, not shown here." in sentence_table(many)


def test_questions_are_numbered_above_an_editable_spec_block():
    block = questions_block(["Is a tag an entity?", "Who may delete posts?"], SPEC)
    assert block.startswith("1. Is a tag an entity?\n2. Who may delete posts?")
    assert "```yaml\nversion: 1\nname: blog-api" in block
    assert "/codebegen go" in block


def test_a_questions_comment_asks_and_keeps_the_state_for_the_next_run():
    steps = (Step.RUNNING, Step.PENDING, Step.PENDING, Step.PENDING)
    body = progress_comment(
        Progress(3, State.QUESTIONS, steps, spec=SPEC, sentences=tuple(ACCOUNT), questions=("Q?",))
    )
    assert read_marker(body, "progress") == {"issue": "3", "state": "questions"}
    assert "### codebegen has questions before it builds anything" in body
    assert "1. Q?" in body and "What each sentence became" in body


def test_the_trace_table_names_the_test_or_says_there_is_none():
    rows = [
        TraceRow("Posts have a title.", SentenceStatus.USED, ["entity Post"], "", ["t::a"]),
        TraceRow("Posts are archived.", SentenceStatus.USED, ["rule soft_delete Post"], "", []),
        TraceRow("Hello team!", SentenceStatus.CONTEXT, [], "greeting", []),
    ]
    table = trace_table(rows)
    assert "| 1 | Posts have a title. | `entity Post` | `t::a` |" in table
    assert "| `rule soft_delete Post` | no generated test |" in table
    assert "| 3 | Hello team! | ℹ️ context: greeting | — |" in table


def test_a_row_names_three_tests_and_counts_the_rest():
    row = TraceRow(
        "Orders.", SentenceStatus.USED, ["entity Order"], "", [f"t::{i}" for i in range(5)]
    )
    assert "`t::0`<br>`t::1`<br>`t::2`<br>and 2 more" in trace_table([row])


def test_a_reason_that_repeats_its_status_is_said_once():
    said = SentenceAccount("Send SMS.", SentenceStatus.NOT_SUPPORTED, [], "not supported: SMS")
    assert "🚫 not supported: SMS |" in sentence_table([said])


def test_a_sentence_built_in_part_shows_what_was_built_and_what_was_not():
    said = SentenceAccount(
        "Members can cancel until noon.",
        SentenceStatus.NOT_BUILT,
        ["permission only member: delete Booking"],
        "not built: a time limit (“until noon”)",
    )
    table = sentence_table([said])
    assert "`permission only member: delete Booking`<br>🚧 not built: a time limit" in table
    row = TraceRow(said.text, said.status, said.became, said.reason, [])
    assert "🚧 not built: a time limit (“until noon”) | no generated test |" in trace_table([row])


def test_a_sentence_that_gave_nothing_says_what_it_named():
    said = SentenceAccount(
        "Members adore bookings.",
        SentenceStatus.NOT_UNDERSTOOD,
        [],
        "not understood: it names Member and Booking, but nothing was built from it",
    )
    assert "❓ not understood: it names Member and Booking" in sentence_table([said])
