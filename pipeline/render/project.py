"""Renders the file plan with Jinja2 and formats the Python it produces. No I/O.

Templates come from the `pipeline/templates` package folder and run in a sandboxed environment
with `StrictUndefined`, so a missing variable is an error rather than an empty string. Python
files then get their imports tidied (unused names dropped, isort order) and are formatted with
black, in-process, so templates can be written for readability rather than exact layout.
"""

from __future__ import annotations

import functools
import textwrap

import black
import jinja2
from black.mode import TargetVersion
from black.parsing import InvalidInput
from jinja2.sandbox import SandboxedEnvironment

from pipeline.errors import RenderError
from pipeline.plan import PlannedFile, plan_project, with_article
from pipeline.render.pysource import tidy_imports
from pipeline.spec import ProjectSpec

LINE_LENGTH = 100  # the generated project's black and ruff line length
_BLACK_MODE = black.Mode(line_length=LINE_LENGTH, target_versions={TargetVersion.PY311})

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
        _environment.filters["docstring"] = docstring
        _environment.filters["a"] = with_article
    return _environment


def docstring(text: str, indent: int = 0) -> str:
    """`text` as a docstring at `indent`, wrapped when one line would pass the line length."""
    one_line = f'"""{text}"""'
    if indent + len(one_line) <= LINE_LENGTH:
        return one_line
    pad = " " * indent
    lines = textwrap.wrap(text, LINE_LENGTH - indent - 3, break_on_hyphens=False)
    return '"""' + f"\n{pad}".join(lines) + f'\n{pad}"""'


def render_project(spec: ProjectSpec) -> dict[str, str]:
    """The generated project as {relative path: content}, plus `codebegen.yaml` (the spec)."""
    try:
        plan = plan_project(spec)
    except Exception as exc:  # a spec the plan cannot handle is a codebegen bug, like a template's
        raise RenderError(f"the file plan failed: {exc}") from exc
    files = {planned.path: render_file(planned) for planned in plan}
    try:
        files["codebegen.yaml"] = spec.to_yaml()
    except Exception as exc:  # the spec round trip is codebegen's to get right, not the user's
        raise RenderError(f"codebegen.yaml could not be written: {exc}") from exc
    return dict(sorted(files.items()))


@functools.lru_cache(maxsize=2048)
def format_python(source: str) -> str:
    """Tidy imports, then black. Cached: black dominates render time, and a re-render (refine
    renders the base and the new tree) repeats most files unchanged."""
    return black.format_str(tidy_imports(source), mode=_BLACK_MODE)


def render_file(planned: PlannedFile) -> str:
    """One planned file, rendered and (for Python) tidied and black-formatted."""
    try:
        text = environment().get_template(planned.template).render(planned.context)
    except Exception as exc:  # any template failure is a codebegen bug: report which
        raise RenderError(f"template {planned.template} failed for {planned.path}: {exc}") from exc
    if not planned.path.endswith(".py"):
        return text.strip() + "\n"
    try:
        return format_python(text)
    except (SyntaxError, InvalidInput) as exc:
        numbered = "\n".join(f"{i:4} {line}" for i, line in enumerate(text.splitlines(), 1))
        raise RenderError(f"{planned.path} is not valid Python: {exc}\n{numbered}") from exc
