"""Which sentences of a comment to read first, when reading them in order went wrong. No I/O.

A reviewer may use a thing before the sentence that makes it:

    "Only the buyer should see a ticket. Each ticket has a buyer (a user)."
        read in order, "the buyer" is a new role; the link named buyer comes after
    "each book has one publisher - add a Publisher with a name and a website"
        read in order, Book gets a text field `publisher`; the Publisher entity comes after

`reading_order(before, done)` sees the signs of that in a first reading (a role named as a link
to User the comment made; a field named as an entity the comment made; two links to User made
from one entity; a sentence not understood before one that makes a link or an entity) and gives
the order to read again in: the sentences that make entities, then those that make links, then
the rest as written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.naming import snake
from pipeline.parse.account import SentenceStatus
from pipeline.spec import ProjectSpec

if TYPE_CHECKING:
    from pipeline.refine.instructions import Refinement


def reading_order(before: ProjectSpec, done: Refinement) -> list[int] | None:
    """The order to read the sentences of `done` again in; None when in order is right."""
    notes = done.sentences
    makers = [i for i, n in enumerate(notes) if any(b.startswith("added entity") for b in n.became)]
    links = [i for i, n in enumerate(notes) if any("relation" in b for b in n.became)]
    links = [i for i in links if i not in makers]
    plain = [i for i in links if not any(".read:" in b for b in notes[i].became)]
    links = plain + [i for i in links if i not in plain]  # who may see them: after the link
    unread = [i for i, n in enumerate(notes) if n.status is SentenceStatus.NOT_UNDERSTOOD]
    first = makers + links
    if not first or first == list(range(len(first))):
        return None  # they come first already
    if not (went_wrong(before, done.spec) or (unread and min(unread) < max(first))):
        return None
    return first + [i for i in range(len(notes)) if i not in first]


def went_wrong(before: ProjectSpec, after: ProjectSpec) -> bool:
    """A reading shows the same signs: not one to keep."""
    return (
        _role_for_a_link(before, after)
        or _field_for_an_entity(before, after)
        or _two_links_to_user(before, after)
    )


def _two_links_to_user(before: ProjectSpec, after: ProjectSpec) -> bool:
    """Two links to User the comment made from one entity: "could customers only see their own
    tickets? each ticket would need a requester (a user)" read in order links the owner first,
    then the requester beside it."""
    old = {(r.source, r.name) for r in before.relations}
    made = [
        r.source for r in after.relations if r.target == "User" and (r.source, r.name) not in old
    ]
    return len(made) != len(set(made))


def _role_for_a_link(before: ProjectSpec, after: ProjectSpec) -> bool:
    """A role the comment made that is also the name of a link to User it made."""
    made_roles = set(after.roles) - set(before.roles)
    old = {(r.source, r.name) for r in before.relations}
    links = {
        r.name for r in after.relations if r.target == "User" and (r.source, r.name) not in old
    }
    return bool(made_roles & links)


def _field_for_an_entity(before: ProjectSpec, after: ProjectSpec) -> bool:
    """A field the comment added that is named as an entity it made, one or many ("has one
    publisher", "could tasks have subtasks?")."""
    old = {e.name: {f.name for f in e.fields} for e in before.entities}
    made = {n for e in after.entities if e.name not in old for n in (snake(e.name), e.plural)}
    return any(
        f.name in made
        for e in after.entities
        if e.name in old
        for f in e.fields
        if f.name not in old[e.name]
    )
