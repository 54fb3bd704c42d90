"""Business rules (`spec.rules`) as the templates see them, and the ones that cannot be built. No I/O.

Field rules (range, length, pattern, not_blank) become pydantic constraints on the field, with
samples that obey them and an invalid value for the rule's generated test. Uniqueness over several
fields and status transitions become service checks (409, and 403 for a move the role may not
make). `unbuilt_rules(spec)` names every rule the renderer does not build, in words, so the PR
body and the CLI can show them as "not built" instead of dropping them.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, replace
from decimal import Decimal
from re import _parser as sre_parse  # the stdlib's sre_parse

from pipeline.normalize import normalize
from pipeline.plan.fields import EnumView, FieldView
from pipeline.spec import (
    AuthKind,
    Entity,
    FieldType,
    Operation,
    ProjectSpec,
    RelationKind,
    Rule,
    RuleKind,
)

_NUMBERS = {FieldType.INTEGER.value, FieldType.FLOAT.value, FieldType.DECIMAL.value}
_TEXTS = {FieldType.STRING.value, FieldType.TEXT.value, FieldType.PHONE.value}
_BUILT_HERE = {
    RuleKind.RANGE,
    RuleKind.LENGTH,
    RuleKind.PATTERN,
    RuleKind.NOT_BLANK,
    RuleKind.UNIQUE,
    RuleKind.TRANSITION,
    RuleKind.SOFT_DELETE,
    RuleKind.COMPUTED,
}
_SUM = re.compile(r"^\s*sum\(\s*(\w+)\.(\w+)(?:\s*\*\s*(\w+)\.(\w+))?\s*\)\s*$")
_ZERO = {"integer": "0", "float": "0.0", "decimal": 'Decimal("0.00")'}
_CONVERT = {
    "integer": "int(total)",
    "float": "float(total)",
    "decimal": 'Decimal(str(total)).quantize(Decimal("0.01"))',
}


@dataclass(frozen=True)
class FieldRuleView:
    """A field rule and the value its generated test sends to see a 422."""

    kind: str
    field: str
    words: str  # "rating is from 1 to 5"
    invalid: str  # Python source of a JSON value breaking the rule


@dataclass(frozen=True)
class UniqueTogetherView:
    columns: list[str]  # model attributes: "author_id", "product_id", "title"
    words: str


@dataclass(frozen=True)
class MoveView:
    source: str  # enum member expression, "" for any value
    target: str
    roles: list[str]  # Role members allowed (the top role first); empty: whoever may update


@dataclass(frozen=True)
class TransitionView:
    field: str
    enum: EnumView
    initial: str  # the value new rows start with
    moves: list[MoveView]
    tests: list[tuple[list[str], str, list[str]]]  # (path of values to reach, to, roles)
    refused: str | None  # a value that no move from `initial` reaches (409), for its test


# --- field rules ----------------------------------------------------------------------------------


def apply_field_rules(
    spec: ProjectSpec, entity: Entity, fields: list[FieldView]
) -> tuple[list[FieldView], list[FieldRuleView]]:
    """The fields with their rules' constraints and samples, and one test view per built rule."""
    out = list(fields)
    views: list[FieldRuleView] = []
    for rule in spec.rules:
        if rule.entity != entity.name:
            continue
        i = next((k for k, f in enumerate(out) if f.name == rule.field), None)
        if i is None or _field_rule_problem(rule, out[i]) is not None:
            continue
        out[i], view = _apply(rule, out[i])
        views.append(view)
    for i, f in enumerate(out):
        if (
            any(
                r.kind is RuleKind.TRANSITION and r.entity == entity.name and r.field == f.name
                for r in spec.rules
            )
            and f.enum
        ):
            initial = _initial(entity, f)
            out[i] = replace(f, sample=repr(initial), other_sample=repr(initial))
    return out, views


def _field_rule_problem(rule: Rule, f: FieldView) -> str | None:
    if rule.kind is RuleKind.RANGE:
        if f.type not in _NUMBERS:
            return f"a range needs a number, and {f.name} is {f.type}"
        if rule.min is None and rule.max is None:
            return "a range needs a minimum or a maximum"
    elif rule.kind is RuleKind.LENGTH:
        if f.type not in _TEXTS:
            return f"a length needs text, and {f.name} is {f.type}"
        if rule.max is None and (rule.min or 0) < 2:
            return "a length needs a maximum or a minimum above 1"
    elif rule.kind is RuleKind.PATTERN:
        if f.type not in _TEXTS or f.unique:
            return f"a pattern is built for non-unique text fields, and {f.name} is not one"
        if pattern_example(rule.pattern) is None or _non_match(rule.pattern) is None:
            return f"no example of the pattern {rule.pattern!r} could be made for the tests"
    elif rule.kind is RuleKind.NOT_BLANK:
        if f.type not in _TEXTS:
            return f"not blank needs text, and {f.name} is {f.type}"
    else:
        return "not a field rule"
    return None


def _apply(rule: Rule, f: FieldView) -> tuple[FieldView, FieldRuleView]:
    name = f.name.replace("_", " ")
    if rule.kind is RuleKind.RANGE:
        lo, hi = rule.min, rule.max
        parts = ([f"ge={_num(lo)}"] if lo is not None else []) + (
            [f"le={_num(hi)}"] if hi is not None else []
        )
        if f.type == FieldType.INTEGER.value:  # Int32's own bounds would win over the rule's
            parts = [f"ge={_num(lo)}" if lo is not None else "ge=-(2**31)"]
            parts.append(f"le={_num(hi)}" if hi is not None else "le=2**31 - 1")
            f = replace(f, schema_type="int")
        bad = (hi + 1) if hi is not None else (lo - 1)  # type: ignore[operator]
        good = lo if lo is not None else hi
        other = hi if hi is not None else (lo + 1)  # type: ignore[operator]
        as_json = _decimal_json if f.type == FieldType.DECIMAL.value else _num
        words = f"{name} is " + (
            f"from {_num(lo)} to {_num(hi)}"
            if lo is not None and hi is not None
            else (f"at least {_num(lo)}" if lo is not None else f"at most {_num(hi)}")
        )
        f = replace(
            f,
            constraints=_join(f.constraints, parts),
            sample=as_json(good) if not f.unique else f.sample,
            other_sample=as_json(other) if not f.unique else f.other_sample,
        )
        return f, FieldRuleView("range", f.name, words, as_json(bad))
    if rule.kind is RuleKind.LENGTH:
        lo, hi = int(rule.min or 0), (int(rule.max) if rule.max is not None else None)
        if f.max_length and (hi is None or hi > f.max_length):
            hi = hi if hi is None else f.max_length
        parts = [f"min_length={lo}"] if lo else []
        parts += [f"max_length={hi}"] if hi is not None else []
        constraints = re.sub(r"(min_length|max_length)=\d+(, )?", "", f.constraints).strip(", ")
        size = max(lo, min(hi or 12, 12))
        span = f"{lo} to {hi}" if lo and hi else (f"at least {lo}" if lo else f"at most {hi}")
        words = f"{name} has {span} characters"
        f = replace(
            f,
            constraints=_join(constraints, parts),
            sample=repr("s" * size) if not f.unique else f.sample,
            other_sample=repr("o" * size) if not f.unique else f.other_sample,
            invalid_sample=f'"x" * {hi + 1}' if hi is not None else f'"x" * {lo - 1}',
        )
        invalid = f'"x" * {hi + 1}' if hi is not None else f'"x" * {lo - 1}'
        return f, FieldRuleView("length", f.name, words, invalid)
    if rule.kind is RuleKind.PATTERN:
        anchored = _anchored(rule.pattern)
        example = pattern_example(rule.pattern) or ""
        constraints = re.sub(r",? ?pattern=r?\"[^\"]*\"", "", f.constraints).strip(", ")
        f = replace(
            f,
            constraints=_join(constraints, [f"pattern={anchored!r}"]),
            sample=repr(example),
            other_sample=repr(example),
        )
        wrong = _non_match(rule.pattern) or ""
        return f, FieldRuleView("pattern", f.name, f"{name} matches {rule.pattern}", repr(wrong))
    parts = [] if "pattern=" in f.constraints else ['pattern=r"\\S"']
    f = replace(f, constraints=_join(f.constraints, parts))
    return f, FieldRuleView("not_blank", f.name, f"{name} is not blank", '"   "')


def _initial(entity: Entity, f: FieldView) -> str:
    field = entity.field(f.name)
    assert field is not None and field.choices
    return str(field.default) if field.default is not None else field.choices[0]


def _join(constraints: str, parts: list[str]) -> str:
    return ", ".join([c for c in [constraints, *parts] if c])


def _num(value: float | None) -> str:
    assert value is not None
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _decimal_json(value: float | None) -> str:
    assert value is not None
    return f'"{Decimal(str(value)).quantize(Decimal("0.01"))}"'


def _anchored(pattern: str) -> str:
    body = pattern.removeprefix("^").removesuffix("$")
    return f"^(?:{body})$"


def _non_match(pattern: str) -> str | None:
    """A short string the pattern refuses, for the rule's test."""
    anchored = _anchored(pattern)
    return next((c for c in ("!", "0", "a", "-", "zz!", "") if not re.fullmatch(anchored, c)), None)


def pattern_example(pattern: str) -> str | None:
    """The shortest string the pattern matches, for simple patterns; None when none is found."""
    if re.search(r"\(\?[=!<]|\\[1-9]", pattern):
        return None  # lookarounds and back-references: pydantic's regex engine refuses them
    try:
        text = _walk(sre_parse.parse(_anchored(pattern)))
    except (re.error, ValueError, KeyError, IndexError):
        return None
    return text if re.fullmatch(_anchored(pattern), text) else None


def _walk(parsed: sre_parse.SubPattern) -> str:  # noqa: C901 - one case per regex node
    out = []
    for op, arg in parsed:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(arg))
        elif name == "IN":
            out.append(_one_of(arg))
        elif name in ("MAX_REPEAT", "MIN_REPEAT"):
            low, _, sub = arg
            out.append(_walk(sub) * max(int(low), 0))
        elif name == "SUBPATTERN":
            out.append(_walk(arg[-1]))
        elif name == "BRANCH":
            out.append(_walk(arg[1][0]))
        elif name == "ANY":
            out.append("a")
        elif name == "AT":
            continue
        else:
            raise ValueError(name)
    return "".join(out)


def _one_of(items: list[tuple[object, object]]) -> str:
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            return chr(arg)  # type: ignore[arg-type]
        if name == "RANGE":
            return chr(arg[0])  # type: ignore[index]
        if name == "CATEGORY":
            return {"CATEGORY_DIGIT": "0", "CATEGORY_SPACE": " "}.get(str(arg), "a")
    raise ValueError("class")


# --- service rules: uniqueness over several fields, status transitions ----------------------------


def unique_together(spec: ProjectSpec, entity: Entity) -> list[UniqueTogetherView]:
    views = []
    for rule in spec.rules:
        if rule.kind is RuleKind.UNIQUE and rule.entity == entity.name:
            columns = _columns(spec, entity, rule.fields)
            if columns is not None:
                words = " and ".join(n.replace("_", " ") for n in rule.fields)
                views.append(UniqueTogetherView(columns, f"one {entity.name} per {words}"))
    return views


def _columns(spec: ProjectSpec, entity: Entity, names: list[str]) -> list[str] | None:
    columns = []
    for name in names:
        if entity.field(name) is not None and entity.field(name).type is not FieldType.FILE:  # type: ignore[union-attr]
            columns.append(name)
            continue
        relation = next(
            (
                r
                for r in spec.relations_from(entity.name)
                if r.kind is RelationKind.MANY_TO_ONE and name in (r.name, r.fk_column)
            ),
            None,
        )
        if relation is None:
            return None
        columns.append(relation.fk_column)
    return columns if len(columns) >= 1 else None


def transitions(
    spec: ProjectSpec, entity: Entity, fields: list[FieldView], *, role_members: dict[str, str]
) -> list[TransitionView]:
    views = []
    top = next(iter(role_members.values()), "")
    for f in fields:
        rules = [
            r
            for r in spec.rules
            if r.kind is RuleKind.TRANSITION and r.entity == entity.name and r.field == f.name
        ]
        if not rules or f.enum is None or any(_transition_problem(spec, r, f) for r in rules):
            continue
        enum = f.enum
        moves = []
        for r in rules:
            roles = [role_members[x] for x in r.roles]
            roles = ([top] + [x for x in roles if x != top]) if roles else []
            for src in r.from_values or [""]:
                moves.append(MoveView(enum.member(src) if src else "", enum.member(r.to), roles))
        initial = _initial(entity, f)
        tests = []
        for r in rules:
            path = _path(rules, initial, set(r.from_values))
            if path is not None:
                tests.append((path, r.to, list(r.roles)))
        reached = {r.to for r in rules if not r.from_values or initial in r.from_values}
        refused = next((c for c in enum_values(enum) if c != initial and c not in reached), None)
        views.append(TransitionView(f.name, enum, initial, moves, tests, refused))
    return views


def enum_values(enum: EnumView) -> list[str]:
    return [v for _, v in enum.members]


def _path(rules: list[Rule], start: str, goal: set[str]) -> list[str] | None:
    """Values to pass through from `start` to one of `goal` (empty goal: anywhere), by BFS."""
    if not goal or start in goal:
        return []
    queue: deque[tuple[str, list[str]]] = deque([(start, [])])
    seen = {start}
    while queue:
        value, path = queue.popleft()
        for r in rules:
            if (not r.from_values or value in r.from_values) and r.to not in seen:
                if r.to in goal:
                    return [*path, r.to]
                seen.add(r.to)
                queue.append((r.to, [*path, r.to]))
    return None


def _transition_problem(spec: ProjectSpec, rule: Rule, f: FieldView) -> str | None:
    field = spec.entity(rule.entity).field(rule.field)
    if field is None or field.type is not FieldType.ENUM:
        return f"a transition needs an enum field, and {rule.field!r} is not one"
    unknown = [v for v in [*rule.from_values, rule.to] if v not in field.choices]
    if unknown:
        return f"{', '.join(unknown)} {'is' if len(unknown) == 1 else 'are'} not a choice"
    if rule.roles and (spec.auth is not AuthKind.JWT or set(rule.roles) - set(spec.roles)):
        return "the roles it names are not the spec's roles"
    return None


# --- computed values: a parent's sum over its children ---------------------------------------------


@dataclass(frozen=True)
class ComputedView:
    """`parent.field` = sum over the children of the product of `factors` (kept up to date by the
    child's service on every write; clients never send it)."""

    field: str
    parent: str  # entity names
    child: str
    fk: str  # the child's foreign key to the parent
    factors: list[str]  # child columns
    zero: str  # Python literal of the starting value
    convert: str  # Python expression turning the SQL sum `total` into the field's type
    factor_types: list[str]  # FieldType values of the factors (for the generated test)
    words: str


def computed(spec: ProjectSpec, rule: Rule) -> ComputedView | str:
    """The view of a computed rule, or why it cannot be built."""
    entity = spec.entity(rule.entity)
    field = entity.field(rule.field)
    if field is None or field.type.value not in _ZERO:
        return f"{rule.entity}.{rule.field} must be a number field"
    match = _SUM.match(rule.expression)
    if match is None or (match.group(3) and match.group(3) != match.group(1)):
        return "only sum(children.a) or sum(children.a * children.b) is built"
    collection = match.group(1)
    relation = next(
        (
            r
            for r in spec.relations_to(entity.name)
            if r.kind is RelationKind.MANY_TO_ONE
            and r.source != entity.name
            and (
                spec.entity(r.source).plural.endswith(collection) or r.source.lower() == collection
            )
        ),
        None,
    )
    if relation is None:
        return f"{collection!r} names no children of {entity.name}"
    child = spec.entity(relation.source)
    factors = [g for g in (match.group(2), match.group(4)) if g]
    types: list[str] = []
    for name in factors:
        f = child.field(name)
        if f is None or f.type.value not in _ZERO:
            return f"{child.name}.{name} must be a number field"
        types.append(f.type.value)
    return ComputedView(
        field=field.name,
        parent=entity.name,
        child=child.name,
        fk=relation.fk_column,
        factors=factors,
        zero=_ZERO[field.type.value],
        convert=_CONVERT[field.type.value],
        factor_types=types,
        words=f"{field.name.replace('_', ' ')} is {rule.expression.strip()}",
    )


# --- what is not built ----------------------------------------------------------------------------


def unbuilt_rules(spec: ProjectSpec) -> list[str]:
    """Each rule of the spec the renderer does not build, with why, in words for the PR body."""
    spec = normalize(spec)[0]  # the spec the renderer builds (owners added)
    out = []
    for rule in spec.rules:
        reason = _unbuilt_reason(spec, rule)
        if reason:
            what = f"{rule.kind.value} rule on {rule.entity}" + (
                f".{rule.field}" if rule.field else ""
            )
            source = f' ("{rule.source}")' if rule.source else ""
            out.append(f"{what}{source}: {reason}")
    return out


def _unbuilt_reason(spec: ProjectSpec, rule: Rule) -> str | None:
    from pipeline.plan.fields import field_view  # the same view the renderer builds

    if rule.kind not in _BUILT_HERE:
        return "codebegen does not build this kind of rule yet"
    entity = spec.entity(rule.entity)
    if rule.kind is RuleKind.COMPUTED:
        found = computed(spec, rule)
        return found if isinstance(found, str) else None
    if rule.kind is RuleKind.SOFT_DELETE:
        return None if Operation.DELETE in entity.operations else "the entity cannot be deleted"
    if rule.kind is RuleKind.UNIQUE:
        return None if _columns(spec, entity, rule.fields) else "names no field or relation"
    field = entity.field(rule.field)
    if field is None:
        return f"{rule.entity} has no field {rule.field!r}"
    view = field_view(entity, field)
    if rule.kind is RuleKind.TRANSITION:
        return _transition_problem(spec, rule, view)
    return _field_rule_problem(rule, view)
