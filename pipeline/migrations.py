"""Alembic revisions for refinements: the difference between two specs' schemas, as a new file.

    revision_file(old_spec, new_spec, revision="0002", down_revision="0001", message="...")
    with_revisions(theirs, base, old_spec=..., new_spec=..., message=...)

A generated project's first revision (`0001_initial.py`) is rendered from the spec. Every later
change of the spec gets its own revision, and revisions already written are never edited, so a
database that was migrated before follows with `alembic upgrade head`. The revision is made by
Alembic's own autogenerate (`produce_migrations`, `render_python_code`): the old spec's schema
is created in an in-memory SQLite database and compared with the new spec's `MetaData`. Both
schemas are built here from the specs (`schema`), the same tables and columns the 0001 template
and the models declare, so no generated code is imported or run.

A field the change renamed becomes a column rename (autogenerate alone would drop the column
and add another, losing its data). A renamed entity is still a dropped table and a new one: the
revision says so at the top, for a person to turn into `op.rename_table` before upgrading a
database that has rows.

A NOT NULL column added to an existing table gets a server default (the field's default, or an
empty value of its type), so tables that already have rows can take it. A required foreign key
added to an existing table cannot be filled that way: the revision says so at the top.

I/O: none outside memory (an in-memory SQLite database for the comparison).
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

import sqlalchemy as sa
from alembic.autogenerate import produce_migrations, render_python_code
from alembic.migration import MigrationContext
from alembic.operations import ops

from pipeline.naming import snake
from pipeline.normalize import normalize
from pipeline.plan.views import build_view
from pipeline.spec import Field, FieldType, ProjectSpec

VERSIONS = "alembic/versions/"
_REVISION = re.compile(r"^revision(?::\s*str)?\s*=\s*[\"'](?P<id>[^\"']+)[\"']", re.M)
_DOWN = re.compile(r"^down_revision(?::[^=]+)?=\s*(?:None|[\"'](?P<id>[^\"']+)[\"'])", re.M)

# Constraint names as PostgreSQL gives them to the unnamed constraints of `0001_initial.py`, so a
# revision can name what it creates (batch mode on SQLite needs names) and what it drops.
NAMING = {
    "ix": "ix_%(column_0_label)s",  # SQLAlchemy's default, which the models' indexes follow
    "uq": "%(table_name)s_%(column_0_name)s_key",
    "fk": "%(table_name)s_%(column_0_name)s_fkey",
}

# What existing rows get in a new NOT NULL column when the field has no default.
_EMPTY: dict[FieldType, str] = {
    FieldType.INTEGER: "0",
    FieldType.FLOAT: "0",
    FieldType.DECIMAL: "0",
    FieldType.BOOLEAN: "0",
    FieldType.DATE: "1970-01-01",
    FieldType.DATETIME: "1970-01-01 00:00:00",
    FieldType.UUID: "00000000-0000-0000-0000-000000000000",
}


def _column_type(f: Field, enum_name: str) -> sa.types.TypeEngine[Any]:
    if f.type is FieldType.ENUM:
        return sa.Enum(*f.choices, name=snake(enum_name), native_enum=False,
                       length=max(len(c) for c in f.choices))  # fmt: skip
    if f.type is FieldType.TEXT and not f.max_length:
        return sa.Text()
    simple: dict[FieldType, sa.types.TypeEngine[Any]] = {
        FieldType.INTEGER: sa.Integer(),
        FieldType.FLOAT: sa.Float(),
        FieldType.DECIMAL: sa.Numeric(precision=12, scale=2),
        FieldType.BOOLEAN: sa.Boolean(),
        FieldType.DATE: sa.Date(),
        FieldType.DATETIME: sa.DateTime(timezone=True),
        FieldType.UUID: sa.Uuid(),
    }
    if f.type in simple:
        return simple[f.type]
    default_length = {FieldType.URL: 2048, FieldType.PHONE: 32}.get(f.type, 255)
    return sa.String(length=f.max_length or default_length)


def schema(spec: ProjectSpec) -> sa.MetaData:
    """The tables a spec's project has (as in the models and `0001_initial.py`), after the same
    normalisation the renderer applies (owners, roles), so a revision matches the models."""
    spec = normalize(spec)[0]
    view = build_view(spec)
    metadata = sa.MetaData(naming_convention=NAMING)
    for e in view.creation_order():
        entity = spec.entity(e.name)
        columns: list[sa.Column[Any]] = [sa.Column("id", sa.Integer(), primary_key=True)]
        for fv in e.fields:
            f = entity.field(fv.name)
            assert f is not None
            kind = _column_type(f, fv.enum.name if fv.enum else f.name)
            columns.append(sa.Column(f.name, kind, nullable=not fv.required,
                                     unique=f.unique or None))  # fmt: skip
        if e.is_user:
            columns.append(sa.Column("hashed_password", sa.String(length=255), nullable=False))
            columns.append(sa.Column("is_active", sa.Boolean(), nullable=False))
            if view.roles:
                values = [v for _, v in view.roles]
                role = sa.Enum(*values, name="role", native_enum=False,
                               length=max(len(v) for v in values))  # fmt: skip
                columns.append(sa.Column("role", role, nullable=False))
        if e.soft_delete:
            columns.append(sa.Column("deleted_at", sa.DateTime(timezone=True), index=True))
        for r in e.many_to_one:
            key = [sa.ForeignKey(f"{r.target.plural}.id")] if r.constrained else []
            columns.append(sa.Column(r.fk, sa.Integer(), *key, nullable=not r.required, index=True))
        columns.append(sa.Column("created_at", sa.DateTime(timezone=True), nullable=False))
        columns.append(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False))
        sa.Table(e.plural, metadata, *columns)
    for e, m in view.many_to_many:
        sa.Table(
            m.table, metadata,
            sa.Column(m.source_column, sa.Integer(),
                      sa.ForeignKey(f"{e.plural}.id", ondelete="CASCADE"), primary_key=True),
            sa.Column(m.target_column, sa.Integer(),
                      sa.ForeignKey(f"{m.target.plural}.id", ondelete="CASCADE"), primary_key=True),
        )  # fmt: skip
    return metadata


def _server_defaults(spec: ProjectSpec, upgrade: ops.UpgradeOps) -> list[str]:
    """Give new NOT NULL columns on existing tables a server default; name those that cannot
    have one (required foreign keys)."""
    tables = {e.plural: e for e in spec.entities}
    warnings: list[str] = []
    for table_ops in upgrade.ops:
        if not isinstance(table_ops, ops.ModifyTableOps):
            continue
        for op in table_ops.ops:
            if not isinstance(op, ops.AddColumnOp) or op.column.nullable:
                continue
            entity = tables.get(op.table_name)
            field = entity.field(op.column.name) if entity else None
            if field is None:
                warnings.append(f"{op.table_name}.{op.column.name}")
                continue
            value = field.default if field.default is not None else _empty(field)
            if isinstance(value, bool):
                value = "1" if value else "0"
            op.column.server_default = sa.DefaultClause(str(value))
    return warnings


def _field_renames(old: ProjectSpec, new: ProjectSpec) -> dict[tuple[str, str], str]:
    """(table, old column) -> new column, for the fields the change renamed (so their data is
    kept: autogenerate alone would drop the column and add another)."""
    from pipeline.refine.diff import spec_operations  # the refine package imports this module

    renames = {}
    for op in spec_operations(old, new):
        if op["op"] == "rename_field":
            renames[(new.entity(op["entity"]).plural, op["field"])] = op["to"]
    return renames


def _table_renames(old: ProjectSpec, new: ProjectSpec) -> list[str]:
    from pipeline.refine.diff import spec_operations

    return [
        f"{old.entity(op['entity']).plural} -> {new.entity(op['to']).plural}"
        for op in spec_operations(old, new)
        if op["op"] == "rename_entity"
    ]


def _rename_columns(
    upgrade: ops.UpgradeOps | ops.DowngradeOps, renames: dict[tuple[str, str], str]
) -> None:
    """Replace a drop of `old` and an add of `new` on the same table by one rename."""
    for table_ops in upgrade.ops:
        if not isinstance(table_ops, ops.ModifyTableOps):
            continue
        for (table, before), after in renames.items():
            if table_ops.table_name != table:
                continue
            drop = next((o for o in table_ops.ops if isinstance(o, ops.DropColumnOp)
                         and o.column_name == before), None)  # fmt: skip
            add = next((o for o in table_ops.ops if isinstance(o, ops.AddColumnOp)
                        and o.column.name == after), None)  # fmt: skip
            if drop is None or add is None:
                continue
            table_ops.ops.remove(add)
            table_ops.ops[table_ops.ops.index(drop)] = ops.AlterColumnOp(
                table, before, modify_name=after, existing_type=add.column.type,
                existing_nullable=add.column.nullable,
            )  # fmt: skip


def _empty(f: Field) -> str:
    if f.type is FieldType.ENUM:
        return f.choices[0]
    return _EMPTY.get(f.type, "")


def revision_file(
    old: ProjectSpec, new: ProjectSpec, *, revision: str, down_revision: str | None, message: str
) -> str | None:
    """The text of a revision taking `old`'s schema to `new`'s; None when they are the same."""
    target = schema(new)
    engine = sa.create_engine("sqlite://")
    with engine.connect() as connection:
        schema(old).create_all(connection)
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "render_as_batch": True, "target_metadata": target},
        )
        script = produce_migrations(context, target)
    engine.dispose()
    assert script.upgrade_ops is not None and script.downgrade_ops is not None
    if script.upgrade_ops.is_empty():
        return None
    renames = _field_renames(old, new)
    tables = _table_renames(old, new)
    _rename_columns(script.upgrade_ops, renames)
    _rename_columns(script.downgrade_ops, {(t, b): a for (t, a), b in renames.items()})
    warnings = _server_defaults(new, script.upgrade_ops)
    upgrade = render_python_code(script.upgrade_ops, render_as_batch=True)
    downgrade = render_python_code(script.downgrade_ops, render_as_batch=True)
    return _file(message, revision, down_revision, warnings, upgrade, downgrade, tables=tables)


def _file(
    message: str,
    revision: str,
    down: str | None,
    warnings: list[str],
    upgrade: str,
    downgrade: str,
    *,
    tables: list[str],
) -> str:
    title = " ".join(message.split()) or "Schema change"
    note = ""
    if tables:
        note += (
            "\n"
            + textwrap.fill(
                f"Renamed tables ({', '.join(tables)}) are dropped and created here: to keep their "
                "rows, replace that with op.rename_table (and the foreign keys that point at them) "
                "before upgrading a database that has rows.",
                width=96,
            )
            + "\n"
        )
    if warnings:
        note = (
            "\n"
            + textwrap.fill(
                "Existing rows need a value for the new required column(s) "
                f"{', '.join(warnings)}: fill them in upgrade() before upgrading a database that "
                "has rows.",
                width=96,
            )
            + "\n"
        )
    lines = [
        f'"""{_docstring(title)}\n{note}\nRevision ID: {revision}\nRevises: {down or ""}\n"""',
        "",
        "from collections.abc import Sequence",
        "",
        *(["import sqlalchemy as sa"] if "sa." in upgrade + downgrade else []),
        "from alembic import op",
        "",
        f'revision: str = "{revision}"',
        f"down_revision: str | None = {repr(down) if down else 'None'}".replace("'", '"'),
        "branch_labels: str | Sequence[str] | None = None",
        "depends_on: str | Sequence[str] | None = None",
        "",
        "",
        "def upgrade() -> None:",
        _body(upgrade),
        "",
        "",
        "def downgrade() -> None:",
        _body(downgrade),
        "",
    ]
    return "\n".join(lines)


def _docstring(text: str) -> str:
    text = text.replace("\\", "/").replace('"""', "'''").rstrip('"')
    return text if len(text) <= 90 else text[:87] + "..."


def _body(code: str) -> str:
    lines = [line for line in code.splitlines() if line.strip() and "###" not in line]
    return "\n".join(lines) if lines else "    pass"


def _revisions(tree: dict[str, str]) -> dict[str, tuple[str, str | None]]:
    """path -> (revision, down_revision) of each revision file in a tree."""
    found = {}
    for path, text in tree.items():
        if path.startswith(VERSIONS) and path.endswith(".py"):
            rev, down = _REVISION.search(text), _DOWN.search(text)
            if rev:
                found[path] = (rev.group("id"), down.group("id") if down else None)
    return found


def with_revisions(
    theirs: dict[str, str],
    base: dict[str, str],
    *,
    old_spec: ProjectSpec,
    new_spec: ProjectSpec,
    message: str,
) -> dict[str, str]:
    """`theirs` (a fresh rendering of `new_spec`) with the revisions of `base` kept as they are,
    plus one new revision from `old_spec`'s schema to `new_spec`'s when they differ."""
    kept = _revisions(base)
    if not kept:
        return theirs
    files = {p: t for p, t in theirs.items() if not p.startswith(VERSIONS)}
    files.update({p: base[p] for p in kept})
    downs = {down for _, down in kept.values()}
    heads = [rev for rev, _ in kept.values() if rev not in downs]
    numbers = [int(r) for r, _ in kept.values() if r.isdigit()]
    revision = f"{max(numbers, default=0) + 1:04d}"
    text = revision_file(
        old_spec, new_spec, revision=revision,
        down_revision=sorted(heads)[-1] if heads else None, message=message,
    )  # fmt: skip
    if text is not None:
        slug = "_".join(re.findall(r"[a-z0-9]+", message.lower())[:6]) or "change"
        files[f"{VERSIONS}{revision}_{slug}.py"] = text
    return files
