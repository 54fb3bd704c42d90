#!/usr/bin/env bash
# The newcomer's command: installs codebegen (without the training extras) into .venv and
# generates, validates and writes the blog example to ./blog-api. No GitHub, no GPU, no model.
# A folder that already exists is never replaced: the project goes beside it (blog-api-2, ...).
set -euo pipefail
cd "$(dirname "$0")/.."
spec="${1:-examples/blog.md}"
out="${2:-blog-api}"
say() { printf '==> %s\n' "$*"; }

if [ ! -x .venv/bin/python ]; then
  say "creating .venv (a Python virtual environment in this folder)"
  python3 -m venv .venv
fi
if ! .venv/bin/python -c "import pipeline, bot" 2>/dev/null || [ pyproject.toml -nt .venv/.codebegen-installed ]; then
  say "installing codebegen and its dependencies into .venv: about 1-2 minutes the first time"
  # pip names each package as it fetches it, so a slow network shows as progress, not a hang.
  .venv/bin/pip install --disable-pip-version-check -e . 2> >(grep -v "^WARNING: Location" >&2) \
    | grep --line-buffered -E "^(Collecting|Successfully installed)" | cut -c1-100 || true
  .venv/bin/python -c "import pipeline, bot" || { echo "install failed (see above)" >&2; exit 1; }
  touch .venv/.codebegen-installed
fi

target="$out"
n=2
while [ -e "$target" ] && [ -n "$(ls -A "$target" 2>/dev/null)" ]; do
  target="$out-$n"
  n=$((n + 1))
done
if [ "$target" != "$out" ]; then
  say "$out already exists and is kept as it is; writing the new project to $target"
fi
say "generating $spec into $target (parse, render, validate in a sandbox: about 10-30 s)"
exec .venv/bin/codebegen generate --spec "$spec" --out "$target"
