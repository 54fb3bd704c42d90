"""Renders the file plan with Jinja2 and formats the Python it produces. I/O: the formatter's
subprocess (`pipeline/render/formatting.py`), nothing else.

Templates come from the `pipeline/templates` package folder and run in a sandboxed environment
with `StrictUndefined`, so a missing variable is an error rather than an empty string. Python
files then get their imports tidied (unused names dropped, isort order) and are formatted in
black's style, all files in one batch, so templates can be written for readability rather than
exact layout.
"""

from __future__ import annotations

import functools
import textwrap

import jinja2
from black.parsing import InvalidInput
from jinja2.sandbox import SandboxedEnvironment

from pipeline import codesafe
from pipeline.errors import RenderError
from pipeline.normalize import normalize
from pipeline.plan import PlannedFile, plan_project, with_article
from pipeline.render.formatting import LINE_LENGTH, format_sources
from pipeline.render.pysource import tidy_imports
from pipeline.spec import ProjectSpec

_environment: SandboxedEnvironment | None = None


def environment() -> SandboxedEnvironment:
    """The shared Jinja2 environment (templates are compiled once per process)."""
    global _environment
    if _environment is None:
        _environment = SandboxedEnvironment(
            loader=jinja2.PackageLoader("pipeline", "templates"),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            autoescape=False,  # noqa: S701 - renders Python and config files, never HTML
        )
        # The escaping layer (pipeline/codesafe.py): every spec string reaches code through these.
        _environment.filters["docstring"] = docstring
        _environment.filters["py"] = codesafe.py_literal
        _environment.filters["toml"] = codesafe.toml_string
        _environment.filters["a"] = with_article
    return _environment


def docstring(text: str, indent: int = 0) -> str:
    """`text` as a docstring at `indent`, wrapped when one line would pass the line length; quotes,
    backslashes and control characters in it are escaped (`codesafe.docstring_text`)."""
    text = codesafe.docstring_text(text)
    one_line = f'"""{text}"""'
    if indent + len(one_line) <= LINE_LENGTH:
        return one_line
    pad = " " * indent
    lines = textwrap.wrap(
        text, LINE_LENGTH - indent - 3, break_on_hyphens=False, break_long_words=False
    )
    if len(lines) == 1:  # black would join a lone line to its closing quotes, past the length
        lines = textwrap.wrap(
            text, len(text) // 2 + 1, break_on_hyphens=False, break_long_words=False
        )
    return '"""' + f"\n{pad}".join(lines) + f'\n{pad}"""'


def render_project(spec: ProjectSpec) -> dict[str, str]:
    """The generated project as {relative path: content}, plus `codebegen.yaml` (the spec)."""
    try:
        spec = normalize(spec)[0]  # every input path gets the same safe authorization defaults
        plan = plan_project(spec)
    except Exception as exc:  # a spec the plan cannot handle is a codebegen bug, like a template's
        raise RenderError(f"the file plan failed: {exc}") from exc
    texts = {planned.path: _render_template(planned) for planned in plan}
    python = {path: _tidy(path, text) for path, text in texts.items() if path.endswith(".py")}
    files = {path: text.strip() + "\n" for path, text in texts.items() if path not in python}
    files.update(_format(python))
    try:
        files["codebegen.yaml"] = spec.to_yaml()
    except Exception as exc:  # the spec round trip is codebegen's to get right, not the user's
        raise RenderError(f"codebegen.yaml could not be written: {exc}") from exc
    return dict(sorted(files.items()))


def render_file(planned: PlannedFile) -> str:
    """One planned file, rendered and (for Python) tidied and formatted."""
    text = _render_template(planned)
    if not planned.path.endswith(".py"):
        return text.strip() + "\n"
    return _format({planned.path: _tidy(planned.path, text)})[planned.path]


def _render_template(planned: PlannedFile) -> str:
    try:
        return environment().get_template(planned.template).render(planned.context)
    except Exception as exc:  # any template failure is a codebegen bug: report which
        raise RenderError(f"template {planned.template} failed for {planned.path}: {exc}") from exc


# A re-render (refine renders the base and the new tree) repeats most files unchanged.
_tidy_imports = functools.lru_cache(maxsize=4096)(tidy_imports)


def _tidy(path: str, text: str) -> str:
    try:
        return _tidy_imports(text)
    except SyntaxError as exc:
        raise _not_python(path, text, exc) from exc


def _format(sources: dict[str, str]) -> dict[str, str]:
    try:
        return format_sources(sources)
    except (SyntaxError, InvalidInput) as exc:
        raise RenderError(f"generated Python is not valid: {exc}") from exc


def _not_python(path: str, text: str, exc: Exception) -> RenderError:
    numbered = "\n".join(f"{i:4} {line}" for i, line in enumerate(text.splitlines(), 1))
    return RenderError(f"{path} is not valid Python: {exc}\n{numbered}")
