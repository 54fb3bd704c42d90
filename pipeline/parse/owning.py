"""Owned rows from the grammar: the things "own" modifies, and whether the sentence keeps them
private (a seeing verb governs them). No I/O.

    "Each freelancer only sees their own clients and invoices." -> clients, invoices (private)
    "As a buyer I want to see my own tickets and nobody else's." -> tickets (private)
    "Users edit their own posts."                               -> posts (owned, not private)

`rules._access` reads the phrasings it knows first; this reader catches the rest: any verb form
("sees", "want to see"), conjuncts, and words between "own" and the verb.
"""

from __future__ import annotations

from pipeline.parse.nlp import Analysis, Token, analyse

# Verbs by which someone gets to look at rows: owned rows under them are private.
SEEING = frozenset("see view read access list get browse look find check".split())


def _governing_verbs(tok: Token, doc: Analysis) -> list[Token]:
    """The verb a noun is the object of, and the verbs above it ("want to see")."""
    out: list[Token] = []
    cur = tok
    for _ in range(6):
        if cur.head == cur.i:
            break
        cur = doc.tokens[cur.head]
        if cur.is_noun:
            break  # "results of their own patients": the results are what is seen
        if cur.pos in ("VERB", "AUX"):
            out.append(cur)
            if cur.dep not in ("xcomp", "conj"):
                break
    return out


def owned_nouns(text: str) -> list[tuple[str, bool]]:
    """(noun as written, private) for each thing that "own" marks in `text`."""
    doc = analyse(text)
    found: list[tuple[str, bool]] = []
    for own in doc.tokens:
        if own.lower != "own" or own.dep != "amod":
            continue
        head = doc.tokens[own.head]
        if not head.is_noun:
            continue
        verbs = _governing_verbs(head, doc)
        private = any(v.lemma in SEEING for v in verbs)
        for noun in doc.conjuncts(head):
            words = [t.text for t in doc.tokens if t.head == noun.i and t.dep == "compound"]
            found.append((" ".join([*words, noun.text]), private))
    return found
