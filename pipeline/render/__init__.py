"""The template renderer: a `ProjectSpec` in, the generated project's files out. No I/O.

`render_project(spec)` is the embedded default generator: it needs no model and always produces a
working project. The same spec always gives the same files, byte for byte.
"""

from pipeline.render.project import render_project

__all__ = ["render_project"]
