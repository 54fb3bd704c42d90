"""How each field of a spec is typed, validated, stored and sampled in a generated project. No I/O.

`field_view(entity, field)` gives the Python type, the SQLAlchemy column type, the migration's
column type, the pydantic annotation and constraints, the Create default, and the sample values
the generated tests send (valid, another valid, invalid).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from pipeline.naming import snake
from pipeline.spec import Entity, Field, FieldType

_STRING_LENGTHS = {FieldType.STRING: 255, FieldType.EMAIL: 255, FieldType.PHONE: 32}
_SQL_TYPES = {
    FieldType.TEXT: ("Text", "sa.Text()"),
    FieldType.INTEGER: ("Integer", "sa.Integer()"),
    FieldType.FLOAT: ("Float", "sa.Float()"),
    FieldType.DECIMAL: ("Numeric(12, 2)", "sa.Numeric(precision=12, scale=2)"),
    FieldType.BOOLEAN: ("Boolean", "sa.Boolean()"),
    FieldType.DATE: ("Date", "sa.Date()"),
    FieldType.DATETIME: ("UTCDateTime", "sa.DateTime(timezone=True)"),
    FieldType.UUID: ("Uuid", "sa.Uuid()"),
    FieldType.URL: ("String(2048)", "sa.String(length=2048)"),
    FieldType.FILE: ("String(255)", "sa.String(length=255)"),
}
_PYTHON_TYPES = {
    FieldType.INTEGER: "int",
    FieldType.FLOAT: "float",
    FieldType.DECIMAL: "Decimal",
    FieldType.BOOLEAN: "bool",
    FieldType.DATE: "date",
    FieldType.DATETIME: "datetime",
    FieldType.UUID: "UUID",
}
# Equality filters on these would be of little use (long text, files, instants, floats).
_NOT_FILTERABLE = frozenset({FieldType.TEXT, FieldType.FILE, FieldType.DATETIME, FieldType.FLOAT})
# Fields whose JSON value comes back exactly as it was sent (tests compare them).
_ECHOED = frozenset(set(FieldType) - {FieldType.DATETIME, FieldType.FLOAT, FieldType.FILE})


@dataclass(frozen=True)
class EnumView:
    name: str  # Python class: "OrderStatus"
    members: list[tuple[str, str]]  # (MEMBER_NAME, "value")
    module: str  # model module defining it: "order"

    def member(self, value: str) -> str:
        return next(f"{self.name}.{m}" for m, v in self.members if v == value)


@dataclass(frozen=True)
class FieldView:
    name: str
    type: str  # FieldType value
    required: bool  # NOT NULL, and required in Create
    unique: bool
    python_type: str  # "str", "Decimal", "OrderStatus"
    column_type: str  # SQLAlchemy type expression in the model
    migration_type: str  # the same in the migration ("sa.String(length=255)")
    schema_type: str  # pydantic annotation ("EmailStr", "str")
    constraints: str  # keyword arguments of pydantic's Field(...), "" when none
    default: str | None  # Python literal of the Create default, None when required/no default
    enum: EnumView | None
    max_length: int | None
    filterable: bool
    echoed: bool
    sample: str  # Python expression for a valid value; may use `n`, a unique sequence number
    other_sample: str  # a different valid value (updates)
    invalid_sample: str | None  # a value of the right JSON shape that must give 422
    literal: str  # a valid Python value for the model (the first admin's required fields)

    @property
    def distinguishable(self) -> bool:
        """Whether two rows can be told apart by this field (a one-choice enum cannot)."""
        return self.unique or self.sample != self.other_sample

    @property
    def sample_uses_n(self) -> bool:
        return bool(re.search(r"\bn\b", self.sample))

    @property
    def other_uses_n(self) -> bool:
        return bool(re.search(r"\bn\b", self.other_sample))


def field_view(entity: Entity, f: Field) -> FieldView:
    """How one field is typed, validated, stored and sampled."""
    enum = None
    if f.type is FieldType.ENUM:
        enum = EnumView(
            name=f"{entity.name}{''.join(w.capitalize() for w in f.name.split('_'))}",
            members=[(member(c), c) for c in f.choices],
            module=entity.snake,
        )
    max_length = f.max_length or _STRING_LENGTHS.get(f.type)
    column_type, migration_type = _SQL_TYPES.get(f.type, ("", ""))
    if f.type in _STRING_LENGTHS:
        column_type, migration_type = f"String({max_length})", f"sa.String(length={max_length})"
    if f.type is FieldType.TEXT and f.max_length:
        column_type, migration_type = f"String({max_length})", f"sa.String(length={max_length})"
    if enum:
        column_type = f"Enum({enum.name}, native_enum=False, values_callable=enum_values)"
        length = max(len(c) for c in f.choices)
        values = ", ".join(repr(c) for c in f.choices)
        migration_type = (
            f"sa.Enum({values}, name={snake(enum.name)!r}, native_enum=False, length={length})"
        )
    python_type = enum.name if enum else _PYTHON_TYPES.get(f.type, "str")
    if python_type in ("date", "datetime") and _shadows_dates(entity):
        python_type = f"dt.{python_type}"
    schema_type = {
        FieldType.EMAIL: "EmailStr",
        FieldType.URL: "HttpUrlString",
        FieldType.INTEGER: "Int32",
        FieldType.DATETIME: "UtcDatetime",
    }.get(f.type, python_type)
    constraints = _constraints(f, max_length)
    required = f.required and f.type is not FieldType.FILE and f.default is None
    sample, other, invalid = _samples(f, enum, max_length)
    return FieldView(
        name=f.name,
        type=f.type.value,
        required=f.required and f.type is not FieldType.FILE,
        unique=f.unique,
        python_type=python_type,
        column_type=column_type,
        migration_type=migration_type,
        schema_type=schema_type,
        constraints=constraints,
        default=None if required else _default_literal(f, enum),
        enum=enum,
        max_length=max_length if f.type in _STRING_LENGTHS or f.max_length else None,
        filterable=f.type not in _NOT_FILTERABLE,
        echoed=f.type in _ECHOED,
        sample=sample,
        other_sample=other,
        invalid_sample=invalid,
        literal=_literal(f, enum, max_length),
    )


def _shadows_dates(entity: Entity) -> bool:
    """A field named `date` would hide the `date` type in a class body that annotates another
    field with it; such entities' modules write `dt.date` and `dt.datetime` instead."""
    return any(f.name in ("date", "datetime") for f in entity.fields)


def _constraints(f: Field, max_length: int | None) -> str:
    if f.type in (FieldType.STRING, FieldType.PHONE) or (f.type is FieldType.TEXT and f.max_length):
        parts = [f"max_length={max_length}"]
        if f.required and f.type is not FieldType.PHONE:
            parts.insert(0, "min_length=1")
        if f.type is FieldType.PHONE:
            parts.append('pattern=r"^\\+?[0-9][0-9 ().-]{5,30}$"')
        return ", ".join(parts)
    if f.type is FieldType.DECIMAL:
        return "max_digits=12, decimal_places=2"
    if f.type is FieldType.FLOAT:
        return "allow_inf_nan=False"
    return ""


def _default_literal(f: Field, enum: EnumView | None) -> str:
    value = f.default
    if value is None:
        return "None"
    if enum:
        return enum.member(str(value))
    if f.type is FieldType.BOOLEAN:
        return repr(
            value if isinstance(value, bool) else str(value).lower() in {"true", "1", "yes"}
        )
    if f.type is FieldType.INTEGER:
        return repr(int(value))
    if f.type is FieldType.FLOAT:
        return repr(float(value))
    if f.type is FieldType.DECIMAL:
        try:
            return f'Decimal("{Decimal(str(value))}")'
        except InvalidOperation:
            return "None"
    if f.type is FieldType.DATE:
        return f"date.fromisoformat({str(value)!r})"
    if f.type is FieldType.DATETIME:
        return f"datetime.fromisoformat({str(value)!r})"
    return repr(str(value))


def _samples(
    f: Field, enum: EnumView | None, max_length: int | None
) -> tuple[str, str, str | None]:
    """(valid, another valid, invalid) JSON values for the generated tests, as Python source."""
    word = f.name.replace("_", " ")
    limit = max_length or 255
    match f.type:
        case FieldType.STRING | FieldType.TEXT:
            base = word.capitalize()[: max(1, limit - 8)]
            sample = f'f"{base} {{n}}"' if f.unique else repr(f"Sample {word}"[:limit])
            other = f'f"New {base} {{n}}"' if f.unique else repr(f"Changed {word}"[:limit])
            invalid = f'"x" * {limit + 1}' if f.type is FieldType.STRING or f.max_length else "123"
            if f.unique and limit < 12:
                sample, other = 'f"{n}"', 'f"9{n}"'
            return sample, other, invalid
        case FieldType.EMAIL:
            return (
                f'f"{snake(word)}{{n}}@example.com"',
                f'f"new-{snake(word)}{{n}}@example.com"',
                '"not-an-email"',
            )
        case FieldType.PHONE:
            return (
                '"+1 555 0100"' if not f.unique else 'f"+1 555 {n:04d}"',
                '"+44 20 7946 0958"' if not f.unique else 'f"+44 20 {n:04d}"',
                '"call me"',
            )
        case FieldType.URL:
            return (
                'f"https://example.com/{n}"' if f.unique else '"https://example.com/a"',
                'f"https://example.org/{n}"' if f.unique else '"https://example.org/b"',
                '"not a url"',
            )
        case FieldType.INTEGER:
            return ("n" if f.unique else "7"), ("n + 100000" if f.unique else "8"), '"many"'
        case FieldType.FLOAT:
            return (
                ("n + 0.5" if f.unique else "1.5"),
                ("n + 1000.5" if f.unique else "2.5"),
                '"heavy"',
            )
        case FieldType.DECIMAL:
            return (
                ('f"{n}.99"' if f.unique else '"19.99"'),
                ('f"{n}.50"' if f.unique else '"5.50"'),
                '"cheap"',
            )
        case FieldType.BOOLEAN:
            return "True", "False", '"maybe"'
        case FieldType.DATE:
            if f.unique:
                return (
                    "(date(2024, 1, 1) + timedelta(days=n)).isoformat()",
                    "(date(2030, 1, 1) + timedelta(days=n)).isoformat()",
                    '"someday"',
                )
            return '"2024-05-01"', '"2024-06-02"', '"someday"'
        case FieldType.DATETIME:
            if f.unique:
                return (
                    "(datetime(2024, 1, 1, tzinfo=UTC) + timedelta(minutes=n)).isoformat()",
                    "(datetime(2030, 1, 1, tzinfo=UTC) + timedelta(minutes=n)).isoformat()",
                    '"soon"',
                )
            return '"2024-05-01T10:30:00+00:00"', '"2024-06-02T08:00:00+00:00"', '"soon"'
        case FieldType.UUID:
            return "str(uuid4())", "str(uuid4())", '"not-a-uuid"'
        case FieldType.ENUM:
            assert enum is not None
            first, last = enum.members[0][1], enum.members[-1][1]
            return repr(first), repr(last), repr("not-" + "-".join(first.split()))
    return '""', '""', None


def _literal(f: Field, enum: EnumView | None, max_length: int | None) -> str:
    if enum:
        return f"{enum.name}.{enum.members[0][0]}"
    return {
        FieldType.INTEGER: "0",
        FieldType.FLOAT: "0.0",
        FieldType.DECIMAL: 'Decimal("0")',
        FieldType.BOOLEAN: "False",
        FieldType.DATE: "date(2000, 1, 1)",
        FieldType.DATETIME: "datetime(2000, 1, 1, tzinfo=UTC)",
        FieldType.UUID: "uuid4()",
        FieldType.URL: '"https://example.com"',
        FieldType.PHONE: '"+10000000000"',
        FieldType.EMAIL: '"admin@example.com"',
    }.get(f.type, repr("admin"[: max_length or 5]))


def member(value: str) -> str:
    """An enum member name for a value: "in progress" -> "IN_PROGRESS", "1st" -> "V_1ST"."""
    name = snake(value).upper() or "VALUE"
    return name if name[0].isalpha() else f"V_{name}"
