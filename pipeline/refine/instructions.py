"""`apply_instructions(spec, text)`: what a person asked for, applied to the spec. No I/O.

The text is split into clauses: sentences, lines and bullets first, then at commas, semicolons
and "and" wherever what follows is an instruction of its own and what precedes applies cleanly
("add a Tag entity with a name and a color" stays one clause; "add a Tag entity, and posts have
many tags" is two). Each clause goes to the first rule in `rules.RULES` that recognises it; a
clause no rule recognises, or one that cannot be applied, becomes an error that says so, and the
other clauses still apply. Nothing is ever silently ignored.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from pipeline.errors import SpecError
from pipeline.naming import snake
from pipeline.parse.access import verb_operations
from pipeline.parse.account import SentenceStatus
from pipeline.refine.backrefs import removed_again
from pipeline.refine.choices import more_choices
from pipeline.refine.clauses import CLAUSES
from pipeline.refine.corrections import borrow
from pipeline.refine.defaults import default_value, said_default
from pipeline.refine.editor import ALSO, AlreadyDone, RefineError, SpecEditor
from pipeline.refine.likeness import COMPARISON, like_other
from pipeline.refine.order import reading_order, went_wrong
from pipeline.refine.phrasing import _field_ref
from pipeline.refine.properties import bare_property
from pipeline.refine.relative import same_for
from pipeline.refine.remarks import (
    PURPOSE_LEAD,
    after_all,
    is_remark,
    is_statement,
    is_sure_remark,
    last_clause,
    leads_to_request,
    says_nothing_of,
    trailing_statement,
    wants_what_was_said,
)
from pipeline.refine.rewrites import (
    entity_prefix,
    field_then_rule,
    field_with_range,
    instead_of,
    optional_relation,
    property_after,
    typed_first,
)
from pipeline.refine.rules import RULES, what_i_can_do
from pipeline.refine.sayings import THAT_ENTITY, is_lead_in, resolve_pronoun, say_plainly
from pipeline.refine.sentences import REASON_FIRST, comment_sentences
from pipeline.refine.takeback import named_field, renamed_to, respelled
from pipeline.refine.together import unique_together
from pipeline.refine.trailing import with_modifiers
from pipeline.refine.transitions import transition_chain
from pipeline.refine.understood import understood_changes
from pipeline.refine.valuesfirst import values_first
from pipeline.refine.wording import is_chatter, plain, vocabulary
from pipeline.spec import FieldType, ProjectSpec, RelationKind

REWRITES = (
    said_default,
    like_other,
    values_first,
    more_choices,
    unique_together,
    instead_of,
    entity_prefix,
    field_then_rule,
    field_with_range,
    property_after,
    typed_first,
    optional_relation,
)  # clauses read by rewriting them

_SEPARATOR = re.compile(
    r",?\s+and then\s+|,?\s+and also\s+|,?\s+and\s+|,?\s+but\s+|,\s+|;\s+|\s+then\s+"
)


class RefineResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    spec: ProjectSpec
    changes: list[str]  # what changed, one line each, in order
    errors: list[str]  # instructions that were not applied, and why

    @property
    def changed(self) -> bool:
        return bool(self.changes)


class SentenceNote(BaseModel):
    """One sentence of the comment and what became of it (shown in the reply)."""

    model_config = ConfigDict(extra="forbid")

    text: str
    status: SentenceStatus
    became: list[str] = []
    reason: str = ""


class Refinement(BaseModel):
    """What a comment did to the spec: all of it, or (with questions) nothing."""

    model_config = ConfigDict(extra="forbid")

    spec: ProjectSpec  # the new spec; the old one, unchanged, when there are questions
    changes: list[str]  # what changed, in order (empty when there are questions)
    notes: list[str]  # understood, but already so
    sentences: list[SentenceNote]  # every sentence: what it became, or why nothing
    questions: list[str]  # what could not be understood or applied; nothing was applied

    @property
    def applied(self) -> bool:
        return bool(self.changes) and not self.questions


def apply_instructions(spec: ProjectSpec, text: str) -> RefineResult:
    """The older interface: `refine_spec`, with its questions as errors."""
    done = refine_spec(spec, text)
    errors = list(done.questions)
    if errors:
        errors.append(what_i_can_do())
    return RefineResult(spec=done.spec, changes=done.changes, errors=errors)


def refine_spec(spec: ProjectSpec, text: str) -> Refinement:
    """Apply every change a comment asks for, or none: a sentence that cannot be understood or
    applied leaves the spec as it was and becomes a question, with what was understood.

    A comment may use a link or an entity before the sentence that makes it ("Only the buyer
    should see a ticket. Each ticket has a buyer (a user)."): when the reading in order shows
    it (`order.py`), the comment is read again with those sentences first, and that reading
    is kept when it is whole and shows no such sign."""
    words = vocabulary(spec)
    names = frozenset(
        w
        for e in spec.entities
        for k in (snake(e.name), e.plural)
        for w in (k, k.replace("_", " "))
    )
    said = comment_sentences(text, words, names)
    leads = leads_to_request(text)
    done = _refine(spec, said, words, names, leads)
    if done.questions and (cut := _cut_statements(spec, said, done, words, names)) is not None:
        again = _refine(spec, cut, words, names, leads)  # "..., the lists are short anyway"
        if not again.questions:
            done, said = again, cut
    order = reading_order(spec, done) or _makers_first(spec, said, done, words, names, leads)
    if order is None:
        return done
    again = _refine(spec, [said[i] for i in order], words, names, leads)
    if again.questions or went_wrong(spec, again.spec):
        return done
    again.sentences[:] = [again.sentences[order.index(i)] for i in range(len(said))]
    return again


def _makers_first(
    spec: ProjectSpec, said: list[tuple[str, str, bool]], done: Refinement, words: set[str],
    names: frozenset[str], leads: frozenset[str],
) -> list[int] | None:  # fmt: skip
    """The order to read again in when a sentence not understood makes an entity read alone:
    "could tasks have tags? a tag has a name and a color, a task can have many tags" read in
    order gives Task a text field `tags`, and then the Tag of the next sentence clashes with it."""
    if not done.questions:
        return None
    makers = [
        i
        for i, note in enumerate(done.sentences)
        if note.status is SentenceStatus.NOT_UNDERSTOOD
        and i > 0
        and not (alone := _refine(spec, [said[i]], words, names, leads)).questions
        and any(c.startswith("added entity") for c in alone.changes)
    ]
    if not makers:
        return None
    return makers + [i for i in range(len(said)) if i not in makers]


def _refine(
    spec: ProjectSpec, in_order: list[tuple[str, str, bool]], words: set[str],
    names: frozenset[str], leads: frozenset[str] = frozenset(),
) -> Refinement:  # fmt: skip
    """`refine_spec` over the comment's sentences, in the order given. `leads`: sentences
    that lead to a request after a dash (`remarks.leads_to_request`)."""
    editor = SpecEditor(spec)
    changes: list[str] = []
    notes: list[str] = []
    account: list[SentenceNote] = []
    questions: list[str] = []
    last: tuple[str | None, str | None] = (None, None)  # what "it" means: (entity, field)
    said_before = ""  # the last instruction, for a correction or a follow-up to complete
    history: list[_Said] = []  # each instruction sentence, to take back on a correction
    unread: list[_Unread] = []
    for raw, sentence, retracts in in_order:
        if sentence == _REASON_MARK:  # cut from the request before it (`_reason_after`)
            account.append(SentenceNote(text=raw, status=SentenceStatus.CONTEXT,
                                        reason="why the request before it is asked: nothing to change"))  # fmt: skip
            continue
        if retracts and history:
            taken = history.pop()
            made = _made_by(editor, taken) if len(questions) == taken.questions else None
            if made is not None and (renamed := _rename_made(editor, made, sentence)):
                history.append(_Said(editor.snapshot(), len(changes), len(notes),
                                     len(questions), len(account)))  # fmt: skip
                changes += renamed
                account.append(SentenceNote(text=raw, status=SentenceStatus.USED,
                                            became=renamed))  # fmt: skip
                last = _touched(spec, editor.spec()) or last
                continue  # "call it `free`": the change stays, under the new name
            editor.restore(taken.snapshot)
            del changes[taken.changes :], notes[taken.notes :], questions[taken.questions :]
            last = (  # what the sentence taken back was about: "no, just make it optional"
                made or named_field(editor, account[taken.note].text, last[0]) or (last[0], None)
            )
            account[taken.note] = SentenceNote(
                text=account[taken.note].text, status=SentenceStatus.CONTEXT,
                reason="taken back by a later sentence",
            )  # fmt: skip
            if sentence and (whole_sentence := borrow(sentence, said_before)):
                sentence = whole_sentence  # "make it a returned_at datetime, optional": on loans
        if asked := _DO_WE_NEED.match(sentence):  # "Do we still need speakers?": what "them" is
            last = _mentioned_ref(editor, asked.group("x")) or last
            account.append(SentenceNote(text=raw, status=SentenceStatus.CONTEXT,
                                        reason="a question about what follows"))  # fmt: skip
            continue
        if _WHY.match(raw.strip().lower()):  # "why is `Warehouse.capacity` an int?": what the
            last = _mentioned_ref(editor, sentence) or last  # next sentence asks is about
            account.append(SentenceNote(text=raw, status=SentenceStatus.CONTEXT,
                                        reason="a question about how things are"))  # fmt: skip
            continue
        if _EXAMPLE.match(raw.strip().lower()):  # "e.g. ABC-1234": an example of what was said
            account.append(SentenceNote(text=raw, status=SentenceStatus.CONTEXT,
                                        reason="an example of the sentence before"))  # fmt: skip
            continue
        if not sentence and retracts:  # "no wait, keep normal": things stay as they were
            account.append(SentenceNote(text=raw, status=SentenceStatus.CONTEXT,
                                        reason="takes back the sentence before"))  # fmt: skip
            continue
        if not sentence or is_chatter(sentence) or is_lead_in(sentence):
            account.append(SentenceNote(text=raw, status=SentenceStatus.CONTEXT,
                                        reason="a greeting or lead-in: nothing to change"))  # fmt: skip
            continue
        if removed_again(sentence, changes):  # "Remove `fax`. We don't need it."
            account.append(SentenceNote(text=raw, status=SentenceStatus.CONTEXT,
                                        reason="says again what was removed"))  # fmt: skip
            continue
        asked_as_question = raw.rstrip().endswith("?")
        if (head := _request_first(editor, sentence)) is not None:
            sentence = head  # "no pagination please, my lists are tiny": the request, then why
        if not asked_as_question and (
            is_sure_remark(sentence)
            or after_all(raw)
            or PURPOSE_LEAD.match(raw.strip().lower()) is not None
            and is_sure_remark(raw)
        ):  # "we had two posts called the same", "some events are ...", "so a user can ..."
            account.append(SentenceNote(text=raw, status=SentenceStatus.CONTEXT,
                                        reason="a reason or remark: nothing to change"))  # fmt: skip
            continue
        history.append(_Said(editor.snapshot(), len(changes), len(notes), len(questions),
                             len(account)))  # fmt: skip
        became: list[str] = []
        reasons: list[str] = []
        if why := REASON_FIRST.match(
            raw.lower()
        ):  # "member records hold personal data, so ... them"
            last = _mentioned(editor, why.group("why")) or last
        as_said = sentence  # before "it" is resolved: "it's tiny" is a remark, not a request
        if about := _about(editor, sentence):  # "For speakers, the website is optional ..."
            sentence, last = about[1], (about[0], None)
        if re.match(r"^(?:it|it's|its|they|they're|this|that)\b", sentence) or THAT_ENTITY.match(
            sentence
        ):
            sentence = resolve_pronoun(sentence, entity=last[0], field=last[1])  # before splitting
        for clause in _clauses(editor, sentence):
            clause = plain(clause, words)
            if clause != sentence:  # a part of a sentence may be a saying of its own
                clause = _said_alone(clause, names)
            if not clause:
                continue
            before = editor.spec()
            clause = default_value(editor, _more_values(editor, clause, last), last)
            replaces = retracts or _instead(raw, sentence)
            whole = borrow(clause, said_before) if replaces else None
            said = resolve_pronoun(
                _that_person(editor, whole or clause, last[0]), entity=last[0], field=last[1]
            )
            try:
                editor.focus = last[0]
                editor.too = bool(ALSO.search(raw.lower()))
                became += _apply_or_borrow(editor, said, said_before)
                now = _touched(before, editor.spec()) or _mentioned(editor, said) or last
                last = last if now == (last[0], None) else now  # a rule on it keeps the field
            except AlreadyDone as exc:
                last = _mentioned(editor, clause) or last
                notes.append(exc.message)
                reasons.append(exc.message)
            except RefineError as exc:
                questions.append(f"`{clause}`: {exc.message}")
                reasons.append(exc.message)
                unread.append(_Unread(len(account), said, editor.focus, editor.too))
            said_before = whole or clause
        failed = len(reasons) > len([n for n in reasons if n in notes])
        unread_here = failed and any(_NOT_READ.search(r) for r in reasons)  # not a refusal
        if (
            unread_here
            and not became
            and not asked_as_question
            and (is_remark(as_said) or raw in leads)
        ):  # "some events are open-ended": why, not what
            editor.restore(history[-1].snapshot)
            del questions[history[-1].questions :], notes[history[-1].notes :]
            unread[:] = [u for u in unread if u.place != len(account)]
            history.pop()
            account.append(SentenceNote(text=raw, status=SentenceStatus.CONTEXT,
                                        reason="a reason or remark: nothing to change"))  # fmt: skip
            continue
        if unread_here and (by_parser := _whole_sentence(editor, history[-1], raw)) is not None:
            became, reasons = by_parser, []  # read whole by the issue parser instead
            del questions[history[-1].questions :]
            unread[:] = [u for u in unread if u.place != len(account)]
            failed = False
        if (
            unread_here
            and not became
            and not asked_as_question
            and (is_statement(as_said) or wants_what_was_said(raw))
        ):
            editor.restore(copy.deepcopy(history[-1].snapshot))  # "the lists are short
            # anyway": how things are, beside a request read elsewhere; kept in the history
            # so that "no wait, ..." after it takes it back, not the request before it
            del questions[history[-1].questions :], notes[history[-1].notes :]
            unread[:] = [u for u in unread if u.place != len(account)]
            account.append(SentenceNote(text=raw, status=SentenceStatus.CONTEXT,
                                        reason="a reason or remark: nothing to change"))  # fmt: skip
            continue
        changes += became
        status = SentenceStatus.NOT_UNDERSTOOD if failed else (
            SentenceStatus.USED if became or reasons else SentenceStatus.CONTEXT
        )  # fmt: skip
        account.append(SentenceNote(text=raw, status=status, became=became,
                                    reason=" ".join(reasons)))  # fmt: skip
    if questions and changes and len(unread) == len(questions):
        _asides(spec, unread, account, questions)
    if questions and changes and len(unread) == len(questions):
        changes += _later(editor, unread, account, questions)
    if not changes and not questions:
        questions = notes or ["There was no instruction in the comment."]
    if questions:
        return Refinement(spec=spec, changes=[], notes=notes, sentences=account,
                          questions=questions)  # fmt: skip
    for gone in _one_way_wins(spec, editor):  # the many-to-many it made is no change now
        changes = [c for c in changes if c != gone.replace("removed", "added", 1)]
    return Refinement(spec=editor.spec(), changes=changes, notes=notes, sentences=account,
                      questions=[])  # fmt: skip


# "only that person should be able to edit it": the person a sentence before linked to
_THAT_PERSON = re.compile(
    r"\b(?:(?:that|this|the same)\s+(?:person|user|one|guy)|the\s+person)\b(?!\s+who\b)"
)


def _that_person(editor: SpecEditor, clause: str, entity: str | None) -> str:
    """ "can we store who wrote each post? and only that person should be able to edit it":
    "that person" is the user the entity in view links to, named by its link ("the author"),
    when it has exactly one such link."""
    if entity is None or not _THAT_PERSON.search(clause):
        return clause
    links = [
        r.name
        for r in editor.spec().relations
        if r.source == entity and r.target == "User" and r.kind is RelationKind.MANY_TO_ONE
    ]
    return _THAT_PERSON.sub(f"the {links[0]}", clause, count=1) if len(links) == 1 else clause


def _one_way_wins(spec: ProjectSpec, editor: SpecEditor) -> list[str]:
    """ "a warehouse has many bins, each bin is in exactly one warehouse": where a comment made
    both a many-to-many and a many-to-one between the same two entities, it said which side
    has one; the many-to-many ("has many" read alone) goes. The changes that took it away."""
    before = [(r.kind, {r.source, r.target}) for r in spec.relations]
    now = editor.spec().relations
    one_way = [
        pair
        for r in now
        if r.kind is RelationKind.MANY_TO_ONE
        and (r.kind, pair := {r.source, r.target}) not in before  # made by this comment
    ]
    gone: list[str] = []
    for i in reversed(range(len(now))):
        pair = {now[i].source, now[i].target}
        kind = now[i].kind
        if kind is RelationKind.MANY_TO_MANY and pair in one_way and (kind, pair) not in before:
            gone += editor.remove_relation(i)
    return gone


def _instead(raw: str, sentence: str) -> bool:
    """ "make the flag default to true instead": the request ends in "instead" and replaces the
    one before; not when "instead" ends a remark beside it that the reading left out ("remove
    the customer role, customers will email us instead")."""
    m = re.search(r"(?:^|[,;:(\u2013\u2014]|\s-)\s*(?P<last>[^,;:(\u2013\u2014]*?)\s*\binstead\W*$",
                  raw.lower())  # fmt: skip
    if m is None:
        return False
    words = re.findall(r"[a-z]+", m.group("last"))
    kept = set(re.findall(r"[a-z]+", sentence.lower()))
    return 2 * sum(w in kept for w in words) >= len(words)


def _cut_statements(
    spec: ProjectSpec, said: list[tuple[str, str, bool]], done: Refinement, words: set[str],
    names: frozenset[str],
) -> list[tuple[str, str, bool]] | None:  # fmt: skip
    """The sentences again, each one not understood that ends in a statement of how things
    are ("turn off pagination, the lists are short anyway") cut in two; None when none is."""
    out: list[tuple[str, str, bool]] = []
    for (raw, plain_text, retracts), note in zip(said, done.sentences, strict=True):
        unread = note.status is SentenceStatus.NOT_UNDERSTOOD
        cut = trailing_statement(raw, spec) if unread else None
        reason = None if cut or not unread else _reason_after(spec, raw, words, names)
        if reason is not None:
            head = [(r, p, retracts and i == 0) for i, (r, p, _) in
                    enumerate(comment_sentences(reason[0], words, names))]  # fmt: skip
            out += [*head, (reason[1], _REASON_MARK, False)]
            continue
        if cut is None:
            out.append((raw, plain_text, retracts))
            continue
        parts = [p for piece in cut for p in comment_sentences(piece, words, names)]
        out += [(r, p, retracts and i == 0) for i, (r, p, _) in enumerate(parts)]
    return out if len(out) > len(said) else None


_REASON_MARK = "\0reason"  # the plain text of a reason cut from its request

# Where a reason may start after a request: the last comma or spaced dash, or a new subject with
# no comma ("make isbn not unique anymore we have duplicates from different editions").
_REASON_START = re.compile(
    r"(?:,|;|\s[-–—])\s+(?=[^,;]+$)|\s+(?=(?:we|they|people|nobody|everyone|users|customers|ppl|the\s+\w+\s+app)\s+"
    r"(?:have|has|need|needs|use|keep|want|don't|do|are|can't|never|always|lets|let|send|sends|end up)\b)"
)
_ASKING_START = re.compile(
    r"^(?:and\s+|also\s+)?(?:please\s+)?(?:add|remove|rename|make|change|drop|delete|set|turn|use|give|link|let|"
    r"allow|only|can|could|should|must)\b"
)


def _reason_after(
    spec: ProjectSpec, raw: str, words: set[str], names: frozenset[str]
) -> tuple[str, str] | None:
    """(request, reason) for a sentence not understood whole whose first part reads alone as a
    change and whose last part asks for nothing of its own ("weight should be required,
    shipping needs it for every product"); else None."""
    cuts = list(_REASON_START.finditer(raw))
    if not cuts:
        return None
    head, tail = raw[: cuts[-1].start()].strip(), raw[cuts[-1].end() :].strip()
    if len(head.split()) < 2 or len(tail.split()) < 3 or _ASKING_START.match(tail.lower()):
        return None
    said = re.match(
        r"^(?:the\s+)?(?P<s>[a-z_]+(?:\s+[a-z_]+)?)\s+(?:should|must|has to|have to|needs to|need to|shall|"
        r"can't|cannot|mustn't|shouldn't|must not|should not)\b",
        tail.lower(),
    )
    if said and not says_nothing_of(said["s"], spec):
        return None  # "..., titles should glow": a request about the spec, not why
    plain_head = [p for _, p, _ in comment_sentences(head, words, names)]
    if len(plain_head) != 1 or not plain_head[0]:
        return None
    if _outcome(SpecEditor(spec), plain_head[0]) != "applied":
        return None
    if _outcome(SpecEditor(spec), plain(tail.lower(), words)) != "unread":
        return None
    return head, tail


# A question about how things are, which asks for no change itself: "why is X an int?", "how do
# we handle co-authored books?", "is there a reason patients are readable without logging in?"
_WHY = re.compile(
    r"^(?!why (?:don.t|not|can.t|wouldn.t)\b)(?:why|how come|how do we|how does|how would|how should we|is there (?:a|any) (?:reason|point)|any reason|"
    r"what(?:'s| is| was) the (?:reason|point)|was there a reason|what happens)\b[^?]*\?$"
)
# An example of what the sentence before says: "e.g. ABC-1234", "for example 'draft'".
_EXAMPLE = re.compile(
    r"^(?:e\.g\.|eg|e\.g|for example|for instance|like|say)[,:]?\s+\S+(?:\s+\S+){0,3}[.!]?$"
)


def _mentioned_ref(editor: SpecEditor, text: str) -> tuple[str | None, str | None] | None:
    """The field a clause names as `Entity.field` ("do we still need `Product.discontinued`"),
    else the last entity it names."""
    for ref in re.findall(r"[a-z][a-z_]*\.[a-z][a-z0-9_]*", text.lower()):
        if found := _field_ref(editor, ref):
            return found
    return _mentioned(editor, text)


_DO_WE_NEED = re.compile(
    r"^(?:do|did|does)\s+(?:we|you|anyone|it)\s+(?:still\s+|really\s+|even\s+|actually\s+)*(?:need|use|"
    r"want)\s+(?P<x>.+)$"
)


# What a reader says when it could not read a clause (not when it read one it must refuse,
# such as a change that would make the spec invalid): the parser may read the sentence then.
_NOT_READ = re.compile(r"did not understand|could not (?:find|tell|read)|not a field I can read")


def _made_by(editor: SpecEditor, taken: _Said) -> tuple[str | None, str | None] | None:
    """What the sentence taken back changed (entity, field), the editor left as it was."""
    now = editor.snapshot()
    after = editor.spec()
    editor.restore(taken.snapshot)
    made = _touched(editor.spec(), after)
    editor.restore(now)
    return made


def _rename_made(
    editor: SpecEditor, made: tuple[str | None, str | None], sentence: str
) -> list[str]:
    """ "call it `free`" after the change that made a field or an entity: that thing renamed
    (nothing when the sentence gives no new name or the rename cannot be made)."""
    entity, field = made
    new = renamed_to(sentence) or respelled(sentence, field or entity or "")
    if new is None or entity is None:
        return []
    before = editor.snapshot()
    try:
        if field is not None:
            done = editor.rename_field(entity, field, new)
        else:
            done = editor.rename_entity(entity, new)
        editor.spec()
        return done
    except (RefineError, SpecError, ValidationError):
        editor.restore(before)
        return []


# A second request in a sentence, after a comma or "and": an imperative of its own.
_SECOND_REQUEST = re.compile(
    r"(?:[,;]\s+(?:and\s+)?|\s+and\s+(?:then|also)\s+|\s+then\s+)(?:please\s+|pls\s+|also\s+)?(?:make|add|remove|rename|"
    r"drop|delete|change|set|turn|use|give|let|allow|link|create|introduce|switch|enable|disable)\b",
    re.IGNORECASE,
)


def _whole_sentence(editor: SpecEditor, before: _Said, raw: str) -> list[str] | None:
    """A sentence the clause readers could not follow, read whole by the issue parser from
    where it started (`understood.py`): what it adds, or None (the spec as the readers left
    it)."""
    if _SECOND_REQUEST.search(raw):
        return None  # "bodies can't be empty, make posts sparkle": the parser would read the
        # first and leave the second unsaid; the comment asks instead
    after = editor.snapshot()
    editor.restore(copy.deepcopy(before.snapshot))  # kept unchanged: a later sentence may
    try:  # take this one back to it
        changes = understood_changes(editor, raw, new_entities=True)
        if changes:
            editor.spec()  # the result must still be a valid spec
            return changes
    except (RefineError, SpecError, ValidationError):
        pass
    editor.restore(after)
    return None


def _asides(
    spec: ProjectSpec, unread: list[_Unread], account: list[SentenceNote],
    questions: list[str],
) -> None:  # fmt: skip
    """ "rename `done` to `completed`, its confusing": beside a change that was applied, a clause
    not understood that names nothing in the spec and asks for nothing is a remark; its question
    goes, and the account says how it was read. `unread` and `questions` run in step."""
    for n in reversed(range(len(unread))):
        place, clause = unread[n].place, unread[n].clause
        if place >= len(account) or not says_nothing_of(clause, spec):
            continue
        note = account[place]
        status = SentenceStatus.USED if note.became else SentenceStatus.CONTEXT
        account[place] = SentenceNote(text=note.text, status=status, became=note.became,
                                      reason=f"read “{clause}” as a remark: it names nothing "
                                      "in the spec")  # fmt: skip
        del unread[n], questions[n]


def _later(
    editor: SpecEditor, failed: list[_Unread], account: list[SentenceNote],
    questions: list[str],
) -> list[str]:  # fmt: skip
    """ "Only the buyer should see a ticket. Each ticket has a buyer (a user).": a clause that
    needed what a later sentence made is read again after it; all of them, or none."""
    before, made = editor.snapshot(), []
    try:
        for clause in failed:  # as its own sentence set the editor: its entity, its "too"
            editor.focus, editor.too = clause.focus, clause.too
            made.append(_apply_or_borrow(editor, clause.clause, ""))
    except (RefineError, SpecError):
        editor.restore(before)
        return []
    for clause, changed in zip(failed, made, strict=True):
        if clause.place < len(account):
            note = account[clause.place]
            account[clause.place] = SentenceNote(text=note.text, status=SentenceStatus.USED,
                                                 became=[*note.became, *changed], reason="")  # fmt: skip
    questions.clear()
    return [change for changed in made for change in changed]


def _request_first(editor: SpecEditor, sentence: str) -> str | None:
    """The request before a last comma when the whole sentence reads as a remark and what
    follows the comma is one ("no pagination please, my lists are tiny"); else None."""
    if not is_sure_remark(sentence) or (cut := last_clause(sentence, dashes=False)) is None:
        return None
    head, tail = cut
    if is_sure_remark(head):
        return None
    if not (is_sure_remark(tail) or is_statement(tail)):
        return None
    return head if _outcome(editor, head) == "applied" else None


def _more_values(editor: SpecEditor, clause: str, last: tuple[str | None, str | None]) -> str:
    """ "add gbp as well" right after a currency enum: a value of that field, not an entity."""
    m = re.fullmatch(r"add\s+(?P<v>[a-z0-9_]+(?:\s*(?:,|and|or)\s*[a-z0-9_]+)*)", clause)
    entity, field = last
    if m is None or entity is None or field is None or editor.entity_or_none(m.group("v")):
        return clause
    try:
        if editor.field(entity, field).type is not FieldType.ENUM:
            return clause
    except (RefineError, KeyError, StopIteration):
        return clause
    rows = editor.spec().entity(entity).plural.replace("_", " ")
    return f"add {m.group('v')} to the {field} of {rows} values"


def _about(editor: SpecEditor, sentence: str) -> tuple[str, str] | None:
    """ "for speakers, the website is optional": (Speaker, the rest), the entity in view."""
    m = re.match(
        r"^(?:for|on|in|regarding|about|re:?)\s+(?:the\s+|all\s+|each\s+)?(?P<e>[a-z][a-z_ ]*?)\s*[,:]\s+"
        r"(?P<rest>.+)$",
        sentence,
    )
    entity = editor.entity_or_none(m.group("e")) if m else None
    return (entity, m.group("rest")) if m and entity else None


def _said_alone(clause: str, names: frozenset[str]) -> str:
    """A clause split from a sentence ("tasks can be assigned to a user" after "and"), in the
    plain forms the readers know, when a saying reads it as one clause."""
    said = say_plainly(clause, names=names)
    return clause if "\n" in said or not said else said


@dataclass(frozen=True)
class _Unread:
    """A clause not understood, to read again after the sentences that follow it (`_later`)."""

    place: int  # its sentence's place in the account
    clause: str
    focus: str | None  # the entity in view when its sentence was read
    too: bool  # its sentence said "as well"/"too"


@dataclass(frozen=True)
class _Said:
    """Where things stood before an instruction sentence, to take it back."""

    snapshot: dict[str, Any]
    changes: int
    notes: int
    questions: int
    note: int  # its place in the account


def _apply_or_borrow(editor: SpecEditor, clause: str, said_before: str) -> list[str]:
    """Apply a clause; one that names no target of its own ("add a subtitle too" after "add a
    slug to posts") and cannot be read alone borrows the target of the instruction before."""
    try:
        return _apply(editor, clause, parser=True)
    except AlreadyDone:
        raise
    except RefineError:
        whole = borrow(clause, said_before) or _to_focus(editor, clause)
        if whole is None:
            raise
        return _apply(editor, whole, parser=True)


def _to_focus(editor: SpecEditor, clause: str) -> str | None:
    """ "remove the done flag, add a status: a, b, c": an addition that names no entity is made
    on the one the comment is speaking of (its target put after the new field's name)."""
    m = re.match(
        r"^(?P<head>(?:add|include|put)\s+(?:an?\s+|the\s+)?[a-z][a-z0-9_ ]*?)(?P<tail>\s*(?:[:(].*)?)$",
        clause,
    )
    if m is None or editor.focus is None or re.search(r"\s(?:to|on|for|in|into)\s", m["head"]):
        return None
    rows = editor.spec().entity(editor.focus).plural.replace("_", " ")
    tail = m["tail"].strip().lstrip(": ")
    return f"{m['head']} {tail} to {rows}" if tail else f"{m['head']} to {rows}"


def _mentioned(editor: SpecEditor, clause: str) -> tuple[str | None, str | None] | None:
    """The last entity a clause names ("attendees can buy tickets" -> Ticket), for "them"."""
    found = None
    for word in re.findall(r"[a-z][a-z_]*", clause):
        name = editor.entity_or_none(word)
        if name is not None and name != "User":
            found = (name, None)
    return found


def _touched(before: ProjectSpec, after: ProjectSpec) -> tuple[str | None, str | None] | None:
    """The entity (and field) a change was about, for the next clause's "it"."""
    old = {e.name: e for e in before.entities}
    for e in reversed(after.entities):
        was = old.get(e.name)
        if was == e:
            continue
        changed = [f.name for f in e.fields if was is None or was.field(f.name) != f]
        return e.name, (changed[-1] if changed and was is not None else None)
    new_rules = [r for r in after.rules if r not in before.rules]  # "the sku must be ..."
    if new_rules:
        return new_rules[-1].entity, (new_rules[-1].field or None)
    linked = [r for r in after.relations if r not in before.relations]  # "an order should
    return (linked[-1].source, None) if linked else None  # contain many products, and its ..."


def _clauses(editor: SpecEditor, sentence: str) -> list[str]:
    """Split a sentence where each side is an instruction on its own (see the module doc)."""
    pieces = _split_outside_parentheses(sentence)
    clauses: list[str] = []
    current, scratch = pieces[0], SpecEditor(editor.spec())
    about_it = False  # `current` is a property of the field before ("it should be unique")
    for separator, piece in zip(pieces[1::2], pieces[2::2], strict=True):
        if COMPARISON.match(piece):  # "..., just like authors do": part of the request
            current = f"{current}{separator}{piece}"
            continue
        carried = _carry_subject(current, _carry_permission(current, piece))
        trial = SpecEditor(scratch.spec())  # the piece read after the clause before it applied:
        prop = bare_property(piece)  # "add a code to warehouses, unique, exactly 4 characters"
        # read once, the issue parser last ("an order can only go to received from shipped": a
        # clause it reads whole is one of its own, so what follows it is read apart)
        outcome = "applied" if about_it else _outcome(trial, current, keep=True, parser=True)
        applies = outcome == "applied"
        if applies and not about_it and (touched := _touched(scratch.spec(), trial.spec())):
            carried = resolve_pronoun(carried, entity=touched[0], field=touched[1])  # "and its
            # total should be computed": what the clause before was about
            again = same_for(trial, current, piece, touched)  # "and the same for comments"
            if again is not None and _applies(trial, again):
                clauses.append(current)
                scratch, current, about_it = trial, again, False
                continue
        trial = scratch if about_it else trial  # "it should be unique" did not apply: its field
        refused = outcome == "refused"  # "rename sent_at to created_at, and ...": understood and
        # refused; what follows is a request of its own
        if (  # is made by the clause before
            (applies or refused)
            and not about_it
            and (
                _recognised(trial, carried, focus=_focus_of(scratch, trial))
                if prop is None
                else _applies(trial, carried)
            )
        ):  # "rename List to Folder and give folders an icon"; "the title is mandatory and
            clauses.append(current)  # must be unique" (the subject carried)
            scratch, current, about_it = trial, carried, False
        elif applies and prop is not None:
            clauses.append(current)
            scratch, current, about_it = trial, prop, True
        else:
            current, about_it = f"{current}{separator}{piece}", False
    return [*clauses, current]


_PERMISSION_LEAD = re.compile(
    r"^only\s+.+?\s+(?:can|may|are allowed to|is allowed to|should be able to)\s+"
)


def _carry_permission(current: str, piece: str) -> str:
    """ "only admins can create posts and delete comments": the second part is a permission
    too ("only admins can delete comments"), not a request to delete the Comment entity."""
    lead = _PERMISSION_LEAD.match(current)
    words = piece.split()
    if lead and words and verb_operations(words[0]):
        return lead.group() + piece
    return piece


_MODAL = r"(?:should|must|can|may|needs? to|has to|is|are|shouldn't|can't|cannot|must not)\b"


_BARE_PROPERTY = (
    r"^(?:be\s+)?(?:not\s+)?(?:blank|empty|unique|optional|required|mandatory|nullable|null)$|"
    r"^(?:be\s+)?(?:at most|at least|between|no more than|no longer than|up to)\s+\d"
)


def _carry_subject(current: str, piece: str) -> str:
    """ "the title must not be blank and should be unique": the second part has the first's
    subject ("the title should be unique")."""
    subject = re.match(rf"^(?P<s>.+?)\s+{_MODAL}", current)
    if subject and re.match(rf"^{_MODAL}", piece):
        return f"{subject.group('s')} {piece}"
    if subject and re.match(
        r"^never\s+(?:be\s+|go\s+)?(?:negative|blank|empty|below zero|less than zero)$", piece
    ):
        return f"{subject.group('s')} should {piece}"  # "... should default to 0 and never be
        # negative": the second part has the first's subject, and a modal of its own
    said = re.match(
        r"^(?P<s>.+?)\s+(?P<m>should|must|has to|needs to|is|are)(?:\s+not)?(?:\s+be)?\s+", current
    ) or re.match(r"^(?P<s>.+?)\s+(?P<m>should|must)\s+default\s+", current)
    if said and re.match(_BARE_PROPERTY, piece):  # "must be unique and not blank"
        who, modal = said.group("s"), said.group("m")
        piece = piece.removeprefix("be ")
        be = "" if modal in ("is", "are") else " be"
        if piece.startswith("not "):
            return f"{who} {modal} not{be} {piece[4:]}"
        return f"{who} {modal}{be} {piece}"
    being = re.match(r"^(?P<s>.+?)\s+(?P<m>is|are)\s+", current)
    if being and re.match(  # "a reservation is for one book and made by one member"
        r"^(?:[a-z]+(?:ed|en)|made|held|kept|run|sold|bought|paid|sent|done|led|taught)\s+"
        r"(?:by|for|to|in|at|from)\s",
        piece,
    ):
        return f"{being.group('s')} {being.group('m')} {piece}"
    verb = re.match(r"^(?:make|mark|set)\s+", current)
    if (
        verb
        and re.search(r"\s(?:optional|required|unique|mandatory)$", piece)
        and not re.match(r"^(?:make|mark|set|add|remove|rename|delete|drop|change)\b", piece)
    ):
        return verb.group() + piece  # "make a optional and b optional"
    return piece


def _split_outside_parentheses(text: str) -> list[str]:
    """[piece, separator, piece, ...] split at _SEPARATOR outside (...)."""
    masked = re.sub(r"\([^()]*\)", lambda m: "\0" * len(m.group()), text)
    parts, start = [], 0
    for m in _SEPARATOR.finditer(masked):
        parts += [text[start : m.start()], text[m.start() : m.end()]]
        start = m.end()
    parts.append(text[start:])
    return parts


def read_clause(editor: SpecEditor, clause: str, *, parser: bool = False) -> list[str] | None:
    """The one reader of a refinement clause: what it changed, or None when no reading knows
    it. Additions ("add an X with ...", "X have many Y", choices, ownership, rules) are read
    here first (`clauses.py`), then the older instruction rules (`rules.py`). This is the place
    where the issue parser (`pipeline.parse.understand(..., known=...)`) can take over."""
    if (chain := transition_chain(editor, clause)) is not None:  # "pending -> shipped -> received"
        return chain
    for rewrite in REWRITES:
        changes = rewrite(editor, clause, lambda c: _apply(editor, c))
        if changes is not None:
            return changes
    for rule in (*CLAUSES, *RULES):
        changes = rule(editor, clause)
        if changes is not None:
            return changes
    if parser and not _SECOND_REQUEST.search(clause):  # the issue parser's reading, additions
        # only (while splitting, only for the clause before a separator: `_clauses`); never of
        # two requests, of which it would read one and leave the other unsaid
        return understood_changes(editor, clause)
    return None


def _apply(editor: SpecEditor, clause: str, *, parser: bool = False) -> list[str]:
    """Apply one clause; all or nothing: a clause that fails leaves the spec as it was."""
    before = editor.snapshot()
    try:
        unread: RefineError | None = None
        try:
            changes = read_clause(editor, clause, parser=parser)
        except RefineError as exc:
            if not _NOT_READ.search(exc.message):
                raise
            editor.restore(before)
            changes, unread = None, exc
        if changes is None:  # "add pages to books, its an integer": the field, then what
            changes = with_modifiers(editor, clause, lambda c: _apply(editor, c, parser=parser))
        if changes is None and unread is not None:  # follows it, one by one
            raise unread
        if changes is not None:
            editor.spec()  # the result must still be a valid spec
            return changes
    except SpecError as exc:
        editor.restore(before)
        raise RefineError(f"that would make the spec invalid: {exc.message}") from None
    except ValidationError as exc:
        editor.restore(before)
        reason = "; ".join(
            str(e.get("msg", "")).removeprefix("Value error, ") for e in exc.errors()
        )
        raise RefineError(f"that would make the spec invalid: {reason}") from None
    except RefineError:
        editor.restore(before)
        raise
    raise RefineError("I did not understand this instruction.")


_RELATION_SENTENCE = re.compile(
    r"^(?:each\s+|every\s+|an?\s+|the\s+)?[a-z_]+(?:\s+[a-z_]+)?\s+(?:should\s+|must\s+|can\s+)?"
    r"(?:belongs?\s+to|ha(?:ve|s)\s+(?:many|multiple|several))\b"
)


def _focus_of(before: SpecEditor, after: SpecEditor) -> str | None:
    touched = _touched(before.spec(), after.spec())
    return touched[0] if touched else None


def _recognised(editor: SpecEditor, clause: str, *, focus: str | None = None) -> bool:
    if _RELATION_SENTENCE.match(clause):
        return True  # about an entity that an earlier clause may be making
    scratch = SpecEditor(editor.spec())
    scratch.focus = focus
    try:
        alone = _said_alone(plain(clause, set()), frozenset())
        if read_clause(scratch, alone) is not None:
            return True
        on_focus = _to_focus(scratch, alone)  # "..., add a status: a, b": on the same entity
        if on_focus is not None and read_clause(scratch, on_focus) is not None:
            return True
    except (RefineError, SpecError):
        return True
    except Exception:  # noqa: BLE001  (a half-read fragment may trip a rule: not an instruction)
        return False
    if not _SUBJECT_AND_MODAL.match(clause):
        return False
    try:  # "its total should be computed": a sentence the issue parser reads, whole
        return understood_changes(SpecEditor(editor.spec()), clause) is not None
    except (RefineError, SpecError, ValidationError):
        return False


_SUBJECT_AND_MODAL = re.compile(rf"^(?:the\s+)?[a-z_\"]+(?:\s+[a-z_\"]+){{0,3}}\s+{_MODAL}")


def _outcome(editor: SpecEditor, clause: str, *, keep: bool = False, parser: bool = False) -> str:
    """What reading `clause` alone does: "applied" (or so already), "refused" (understood, and
    not allowed: "rename sent_at to created_at", a reserved name) or "unread"."""
    target = editor if keep else SpecEditor(editor.spec())
    try:
        _apply(target, _said_alone(plain(clause, set()), frozenset()), parser=parser)
    except AlreadyDone:
        return "applied"
    except RefineError as exc:
        return "unread" if _NOT_READ.search(exc.message) else "refused"
    except Exception:  # noqa: BLE001  (a half-read fragment may trip a rule: not an instruction)
        return "unread"
    return "applied"


def _applies(editor: SpecEditor, clause: str, *, keep: bool = False) -> bool:
    return _outcome(editor, clause, keep=keep) == "applied"
