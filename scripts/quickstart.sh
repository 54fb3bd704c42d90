#!/usr/bin/env bash
# The newcomer's command: installs codebegen (without the training extras) into .venv and
# generates, validates and writes the blog example to ./blog-api. No GitHub, no GPU, no model.
set -euo pipefail
cd "$(dirname "$0")/.."
spec="${1:-examples/blog.md}"
out="${2:-blog-api}"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/pip install -q --disable-pip-version-check -e . 2> >(grep -v "^WARNING: Location" >&2)
# The validator runs the generated tests on PostgreSQL when a local server answers, else skips that check.
exec .venv/bin/codebegen generate --spec "$spec" --out "$out" --force
