"""Secret rules: hard-coded secrets and placeholders accepted in production; passwords stored,
returned or logged in clear. No I/O."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from pipeline.review.finding import Finding, Severity
from pipeline.review.index import Module, ProjectIndex, keyword, name_of, string
from pipeline.review.rules.base import Context, Rule, replace_segment

SECRET_NAME = re.compile(
    r"(^|_)(secret|password|passwd|pwd|token|api_?key|private_?key|credentials?)(_|$)", re.I
)
# Names that mention a secret but hold something public: TOKEN_URL, JWT_ALGORITHM...
NOT_SECRET = re.compile(
    r"(url|uri|path|algorithm|alg|type|header|name|prefix|field|endpoint|scheme|cookie|env"
    r"|file|dir|length|cost|minutes|seconds|hours|days|ttl|expire|expires)$",
    re.I,
)
VALIDATORS = frozenset({"field_validator", "model_validator", "validator", "root_validator"})
PLAIN_PASSWORD = re.compile(
    r"^(password|passwd|pwd|pass_word|plain_?password|password_?plain|raw_?password"
    r"|clear_?password|user_?password)$",
    re.I,
)
RESPONSE_SCHEMA = re.compile(r"(Read|Out|Public|Response|Detail|View|Me)$")
LOG_METHODS = frozenset(
    {"debug", "info", "warning", "warn", "error", "exception", "critical", "log"}
)


def is_secret_name(name: str) -> bool:
    return bool(SECRET_NAME.search(name)) and not NOT_SECRET.search(name)


class HardcodedSecret(Rule):
    code = "CBG105"
    severity = Severity.ERROR
    title = "hard-coded secret, or a default SECRET_KEY that production would accept"

    def check(self, ctx: Context) -> Iterator[Finding]:
        refused: set[str] = set()  # module constants that settings use only as refused defaults
        for m in ctx.index.modules:
            for cls in _settings_classes(ctx.index, m):
                yield from self._settings_defaults(m, cls, refused)
        for m in ctx.index.modules:
            yield from self._constants(ctx.index, m, refused)
            yield from self._calls(m)

    def _settings_defaults(
        self, m: Module, cls: ast.ClassDef, refused: set[str]
    ) -> Iterator[Finding]:
        guarded = _refused_fields(cls)
        for stmt in cls.body:
            target, value = _assignment(stmt)
            if target is None or value is None or not is_secret_name(target):
                continue
            if string(value) is None and not isinstance(value, ast.Name):
                continue
            if target in guarded:
                if isinstance(value, ast.Name):
                    refused.add(value.id)
                continue
            replacement = None
            if isinstance(stmt, ast.AnnAssign):
                replacement = replace_segment(
                    m, stmt, f"{target}: {ast.unparse(stmt.annotation)}  # required: no default"
                )
            yield from self.at(
                m,
                stmt,
                f"`{target}` defaults to a value written in the code, and nothing refuses it "
                "outside development: a deployment that forgets to set it signs tokens with a "
                "key anyone can read here. Make it required, or refuse the default unless "
                "ENVIRONMENT is local.",
                replacement=replacement,
            )

    def _constants(self, index: ProjectIndex, m: Module, refused: set[str]) -> Iterator[Finding]:
        for stmt in m.tree.body:
            target, value = _assignment(stmt)
            if target is None or not is_secret_name(target) or not string(value):
                continue
            if target in refused and _only_compared_or_defaulted(index, target):
                continue
            yield from self.at(
                m,
                stmt,
                f"`{target}` is a secret written in the code: it is in every clone and in git "
                "history. Read it from the environment (settings) instead.",
            )

    def _calls(self, m: Module) -> Iterator[Finding]:
        for node in ast.walk(m.tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = name_of(func)
            if name in ("getenv", "get") and name_of(getattr(func, "value", None)) in (
                "os",
                "environ",
            ):
                key = string(node.args[0]) if node.args else None
                default = node.args[1] if len(node.args) > 1 else keyword(node, "default")
                if key and is_secret_name(key) and string(default):
                    yield from self.at(
                        m,
                        node,
                        f"`{key}` falls back to a secret written in the code when the variable is "
                        "unset; fail instead.",
                        replacement=replace_segment(m, node, f"os.environ[{_quoted(key)}]"),
                    )
            elif name in ("encode", "decode") and name_of(getattr(func, "value", None)) == "jwt":
                key_arg = node.args[1] if len(node.args) > 1 else keyword(node, "key")
                if string(key_arg) is not None:
                    yield from self.at(
                        m, node, "JWTs are signed with a key written in the code; use settings."
                    )


class ClearPassword(Rule):
    code = "CBG108"
    severity = Severity.ERROR
    title = "password stored in a column, returned in a response schema, or logged in clear"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for m in ctx.index.modules:
            for node in ast.walk(m.tree):
                if isinstance(node, ast.ClassDef):
                    yield from self._class(m, node)
                elif isinstance(node, ast.Call) and _is_log_call(node):
                    leaked = _password_reference(node)
                    if leaked:
                        yield from self.at(
                            m,
                            node,
                            f"`{leaked}` is written to the log: logs are kept, shipped and read "
                            "by people who must not see passwords. Leave it out.",
                        )

    def _class(self, m: Module, cls: ast.ClassDef) -> Iterator[Finding]:
        orm = _is_orm_model(cls)
        response = not orm and bool(RESPONSE_SCHEMA.search(cls.name))
        if not (orm or response):
            return
        for stmt in cls.body:
            target, _ = _assignment(stmt)
            if target is None and isinstance(stmt, ast.AnnAssign):
                target = getattr(stmt.target, "id", None)
            if target is None:
                continue
            if orm and PLAIN_PASSWORD.match(target):
                message = (
                    f"`{cls.name}.{target}` stores the password as given: a leaked database "
                    "leaks every password. Store a salted hash (`hashed_password`) instead."
                )
            elif response and "password" in target.lower():
                message = (
                    f"response schema `{cls.name}` has `{target}`: every response that uses it "
                    "sends the password (or its hash) to the client. Remove the field."
                )
            else:
                continue
            yield from self.at(m, stmt, message)


# --- helpers ------------------------------------------------------------------------------


def _quoted(text: str) -> str:
    """A string literal in black's style (double quotes)."""
    return f'"{text}"' if '"' not in text and "\\" not in text else repr(text)


def _assignment(stmt: ast.stmt) -> tuple[str | None, ast.expr | None]:
    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
        return stmt.target.id, stmt.value
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        if isinstance(stmt.targets[0], ast.Name):
            return stmt.targets[0].id, stmt.value
    return None, None


def _settings_classes(index: ProjectIndex, m: Module) -> Iterator[ast.ClassDef]:
    settings_names = {"BaseSettings"}
    for _ in range(3):  # subclasses of subclasses
        for defs in index.classes.values():
            for _, cls in defs:
                if any(name_of(b) in settings_names for b in cls.bases):
                    settings_names.add(cls.name)
    for node in m.tree.body:
        if isinstance(node, ast.ClassDef) and any(name_of(b) in settings_names for b in node.bases):
            yield node


def _refused_fields(cls: ast.ClassDef) -> set[str]:
    """Fields that a validator of the class mentions and may raise about."""
    fields: set[str] = set()
    for stmt in cls.body:
        if not isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        decorated = {name_of(d) for d in stmt.decorator_list} & VALIDATORS
        if not (decorated or stmt.name in ("__init__", "model_post_init")):
            continue
        if not any(isinstance(n, ast.Raise) for n in ast.walk(stmt)):
            continue
        for n in ast.walk(stmt):
            if isinstance(n, ast.Attribute):
                fields.add(n.attr)
            elif string(n):
                fields.add(string(n) or "")
    return fields


def _only_compared_or_defaulted(index: ProjectIndex, name: str) -> bool:
    """True when every use of a constant is a comparison or a default value in a class."""
    for m in index.modules:
        allowed: set[int] = set()
        for node in ast.walk(m.tree):
            if isinstance(node, ast.Compare):
                allowed |= {id(n) for n in ast.walk(node)}
            elif isinstance(node, ast.ClassDef):
                for stmt in node.body:
                    _, value = _assignment(stmt)
                    if value is not None:
                        allowed.add(id(value))
            elif isinstance(node, ast.FormattedValue):
                allowed |= {id(n) for n in ast.walk(node)}  # named in an error message
        for node in ast.walk(m.tree):
            used = (isinstance(node, ast.Name) and node.id == name) or (
                isinstance(node, ast.Attribute) and node.attr == name
            )
            if (
                used
                and isinstance(getattr(node, "ctx", None), ast.Load)
                and id(node) not in allowed
            ):
                return False
    return True


def _is_orm_model(cls: ast.ClassDef) -> bool:
    for stmt in cls.body:
        target, value = _assignment(stmt)
        if target == "__tablename__":
            return True
        if isinstance(stmt, ast.AnnAssign) and name_of(stmt.annotation) == "Mapped":
            return True
        if isinstance(value, ast.Call) and name_of(value.func) in ("Column", "mapped_column"):
            return True
    return any(  # SQLModel: class Hero(SQLModel, table=True)
        k.arg == "table" and isinstance(k.value, ast.Constant) and k.value.value is True
        for k in cls.keywords
    )


def _is_log_call(call: ast.Call) -> bool:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id == "print"
    if isinstance(func, ast.Attribute) and func.attr in LOG_METHODS:
        return "log" in name_of(func.value).lower()
    return False


def _password_reference(call: ast.Call) -> str:
    for arg in [*call.args, *(k.value for k in call.keywords)]:
        for n in ast.walk(arg):
            ident = (
                n.attr if isinstance(n, ast.Attribute) else n.id if isinstance(n, ast.Name) else ""
            )
            if re.search(r"password|passwd|pwd", ident, re.I) and "hash" not in ident.lower():
                return ast.unparse(n)
    return ""
