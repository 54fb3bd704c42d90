"""Which entities and fields of a spec a unit of text names. No I/O.

    names = Names.of(spec)
    names.entities("Customers only see their own orders")  -> ["Customer", "Order"]
    names.fields("Order", "the order total is computed")   -> ["total"]

Words are compared singular and lower case ("orders" names Order, "order items" OrderItem); a
longer name wins over a shorter one inside it ("order items" is OrderItem, not Order).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.naming import singular_word, snake
from pipeline.spec import ProjectSpec

_WORD = re.compile(r"[a-z0-9]+")


def words_of(text: str) -> list[str]:
    """Lower-case words, each made singular: "The Order Items" -> ["the", "order", "item"]."""
    return list(_words_of(text))


@lru_cache(maxsize=4096)
def _words_of(text: str) -> tuple[str, ...]:
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", text)  # "StockMovement" -> "Stock Movement"
    return tuple(singular_word(w) for w in _WORD.findall(text.lower().replace("'s", "")))


def roles_in(text: str, roles: list[str]) -> list[str]:
    """The roles of `roles` that `text` names, a role of several words too: "only the transport
    office can add routes" names transport_office."""
    words = words_of(text)
    return [r for r in roles if _find(words, [singular_word(w) for w in r.split("_")]) >= 0]


def _find(seq: list[str], part: list[str], start: int = 0) -> int:
    n = len(part)
    for i in range(start, len(seq) - n + 1):
        if seq[i : i + n] == part:
            return i
    return -1


@dataclass
class Names:
    entity_words: dict[str, list[str]] = field(default_factory=dict)  # Order -> ["order"]
    field_words: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    aliases: dict[str, list[list[str]]] = field(default_factory=dict)  # extra ways to name one

    @classmethod
    def of(cls, spec: ProjectSpec) -> Names:
        names = cls()
        for e in spec.entities:
            names.entity_words[e.name] = words_of(snake(e.name).replace("_", " "))
            names.field_words[e.name] = {
                f.name: words_of(f.name.replace("_", " ")) for f in e.fields
            }
            for r in spec.relations_from(e.name):
                names.field_words[e.name].setdefault(r.name, words_of(r.name.replace("_", " ")))
        signups = [n for n, ws in names.entity_words.items() if {"sign", "signup"} & set(ws)]
        if "User" in names.entity_words and not signups:
            # "members sign up with a phone": the User's fields (not where a sign-up is a thing)
            names.aliases["User"] = [["sign", "up"], ["signup"]]
        lasts = [ws[-1] for ws in names.entity_words.values()]
        for name, ws in names.entity_words.items():
            # "class" names AppClass, "item" OrderItem: the last word alone, when no other
            # entity ends in it
            if (
                len(ws) > 1
                and lasts.count(ws[-1]) == 1
                and [ws[-1]] not in names.entity_words.values()
            ):
                names.aliases[name] = [ws[-1:]]
        return names

    def entities(self, text: str) -> list[str]:
        """Entities named in `text`, in the order they appear, each once."""
        seq = words_of(text)
        found: list[tuple[int, int, str]] = []  # (position, -length, name)
        for name, ws in self.entity_words.items():
            for form in [ws, *self.aliases.get(name, [])]:
                i = _find(seq, form)
                while i >= 0:
                    found.append((i, -len(form), name))
                    i = _find(seq, form, i + 1)
        taken: set[int] = set()
        out: list[str] = []
        for i, neg, name in sorted(found):
            span = set(range(i, i - neg))
            if span & taken:
                continue
            taken |= span
            if name not in out:
                out.append(name)
        return out

    def fields(self, entity: str, text: str) -> list[str]:
        """Fields (and relation names) of `entity` named in `text`."""
        seq = words_of(text)
        hits = []
        for f, ws in self.field_words.get(entity, {}).items():
            i = _find(seq, ws) if ws else -1
            if i < 0 and len(ws) > 1 and all(w in seq for w in ws):
                i = seq.index(ws[0])  # "duration in minutes" names duration_minutes
            if i >= 0:
                hits.append((i, f))
        return [f for _, f in sorted(hits)]
