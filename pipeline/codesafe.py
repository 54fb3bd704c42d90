"""What a spec value may be before it reaches generated code, and how strings are written into it.
No I/O.

Every value of a spec that a template puts into a generated file goes through this one layer:

- names that become Python identifiers (entity, plural, id parameter, role) are checked here by
  the spec's validators: the right shape, not a keyword, not a name the generated code already
  uses for a variable or a module (an entity named `Self` is the variable `self` beside the
  parameter `self`; `Base` is app/repositories/base.py), so every generated file compiles and
  means what the template meant (imports in the templates are aliased where a name could clash);
- route paths and the title are validated (one line, no control characters, a plain path);
- every other string (title, descriptions, paths, enum choices, defaults) is written into Python
  with `py_literal` (repr-safe quoting), into a docstring with `docstring_text`, into TOML with
  `toml_string`: the renderer installs them as the Jinja filters `py`, `docstring` and `toml`.
"""

from __future__ import annotations

import json
import keyword
import re
import unicodedata

# Python's constants: `class None(Base)` does not compile.
PYTHON_CONSTANTS = frozenset({"None", "True", "False"})
# An entity's snake_case name is a variable and a parameter in the generated services next to
# these (`def update(self, data: ...)`), and a module beside these modules.
RESERVED_VARIABLES = frozenset({"self", "cls", "data"})
RESERVED_MODULES = frozenset({"base", "common", "__init__"})  # app/repositories, app/schemas
RESERVED_PLURALS = frozenset({"health", "migrations", "auth", "factories", "conftest"})  # tests/
# Parameters of the generated endpoint functions, which an entity's id parameter must not shadow.
ENDPOINT_PARAMETERS = frozenset(
    {"service", "data", "actor", "params", "file", "session", "self", "cls", "request", "response"}
)

ENTITY_NAME = re.compile(r"[A-Z][A-Za-z0-9]{0,63}")
SNAKE_NAME = re.compile(r"[a-z][a-z0-9_]{0,63}")
PARAM_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,63}")  # OpenAPI keeps "petId"
ROUTE_PATH = re.compile(r"(?:/[A-Za-z0-9][A-Za-z0-9._~-]*){1,8}")
PROJECT_NAME = re.compile(r"[a-z0-9](?:[a-z0-9._-]{0,98}[a-z0-9])?")
MAX_TITLE = 200


def entity_name_problem(name: str, snake_name: str) -> str | None:
    """Why `name` (`snake_name` its module and variable) cannot be an entity, or None."""
    if not ENTITY_NAME.fullmatch(name):
        return f"entity name {name!r} must be PascalCase letters and digits, at most 64"
    # (a keyword's snake name, `class` for Class, is fine: the templates add `_` to those)
    if name in PYTHON_CONSTANTS or snake_name in RESERVED_VARIABLES | RESERVED_MODULES:
        return f"entity name {name!r} is a name the generated code already uses; pick another"
    return None


def snake_name_problem(what: str, name: str) -> str | None:
    """Why `name` cannot be a snake_case Python identifier (table, module, function part)."""
    if not SNAKE_NAME.fullmatch(name) or keyword.iskeyword(name):
        return f"{what} {name!r} must be a snake_case name (a-z, 0-9, _), not a Python keyword"
    return None


def plural_problem(plural: str) -> str | None:
    """Why `plural` cannot name the table, the router module and the test module."""
    problem = snake_name_problem("plural", plural)
    if problem is None and plural in RESERVED_PLURALS:
        return f"plural {plural!r} is the name of a module the generated project already has"
    return problem


def id_param_problem(name: str, python_name: str) -> str | None:
    """Why `name` (a path parameter; `python_name` its snake_case variable) is unusable."""
    if not PARAM_NAME.fullmatch(name) or snake_name_problem("", python_name):
        return f"id_param {name!r} must be a name of letters, digits and _ (e.g. post_id)"
    if python_name in ENDPOINT_PARAMETERS:
        return f"id_param {name!r} clashes with a parameter of the generated endpoints"
    return None


def path_problem(path: str) -> str | None:
    """Why `path` cannot be a route prefix: plain segments of letters, digits, `.-_~`."""
    if not ROUTE_PATH.fullmatch(path):
        return (
            f"path {path!r} must look like /posts or /blog/posts: segments of letters, digits, "
            "'-', '_', '.' or '~', starting with '/' and not ending with one"
        )
    return None


def title_problem(title: str) -> str | None:
    """Why `title` cannot title the project: one line of text without control characters."""
    if len(title) > MAX_TITLE:
        return f"the title is over {MAX_TITLE} characters"
    if any(unicodedata.category(c).startswith("C") for c in title):
        return "the title must be one line of text, without control characters"
    return None


def project_name_problem(name: str) -> str | None:
    if not PROJECT_NAME.fullmatch(name):
        return f"name {name!r} must be a slug like blog-api (a-z, 0-9, '-', '_', '.')"
    return None


def py_literal(value: object) -> str:
    """`value` (str, number, bool, None, or a list/tuple of them) as a Python literal."""
    if value is None or isinstance(value, bool | int | float | str):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(py_literal(v) for v in value) + "]"
    raise TypeError(f"no Python literal for {type(value).__name__}")


def docstring_text(text: str) -> str:
    """`text` made safe inside a `\"\"\"` docstring: no backslash escapes, no closing quotes,
    no control characters (a newline becomes a space; the docstring filter wraps lines)."""
    text = "".join(" " if unicodedata.category(c).startswith("C") else c for c in str(text))
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    return text[:-1] + '\\"' if text.endswith('"') else text


def toml_string(text: str) -> str:
    """`text` as a TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(str(text), ensure_ascii=False)
