#!/usr/bin/env bash
# Runs the README's newcomer commands exactly as a person would, in a fresh clone of this
# repository: the quickstart, the `Next:` line it prints (the app must serve /docs), a second
# quickstart (the first project must be kept), `.venv/bin/codebegen demo`, and `codebegen demo`
# from a `pip install .` outside any checkout. .ci/run calls it.
# Needs the local Redis (the demo) and network access to the package registry (the install).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/codebegen-readme.XXXXXX)"
trap '[ -n "${server:-}" ] && kill -- "-$server" 2>/dev/null; rm -rf "$work"' EXIT
say() { printf '==> readme: %s\n' "$*"; }

git clone -q "$here" "$work/codebegen"
cd "$work/codebegen"

say "bash scripts/quickstart.sh"
bash scripts/quickstart.sh > "$work/quickstart.log" 2>&1 || { cat "$work/quickstart.log"; exit 1; }
next=$(grep '^Next: ' "$work/quickstart.log" | head -n 1 | sed -e 's/^Next: //' -e 's/ *#.*$//')
[ -n "$next" ] || { cat "$work/quickstart.log"; echo "no Next: line" >&2; exit 1; }
[ -f blog-api/codebegen.yaml ] || { echo "quickstart wrote no blog-api" >&2; exit 1; }

say "the printed Next line: $next"
port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# its own process group, so that stopping it stops uvicorn too (the line is `cd DIR && uvicorn ...`)
setsid bash -c "${next/--reload/--port $port}" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$port/docs" > /dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/docs" > /dev/null || { cat "$work/serve.log"; exit 1; }
kill -- "-$server"; wait "$server" 2>/dev/null || true; server=""

say "bash scripts/quickstart.sh, again: blog-api is kept"
marker="$(date +%s%N)"
echo "$marker" > blog-api/MY_NOTES.txt
bash scripts/quickstart.sh > "$work/again.log" 2>&1 || { cat "$work/again.log"; exit 1; }
grep -q "$marker" blog-api/MY_NOTES.txt || { echo "the first project was replaced" >&2; exit 1; }
[ -f blog-api-2/codebegen.yaml ] || { cat "$work/again.log"; echo "no blog-api-2" >&2; exit 1; }

say ".venv/bin/codebegen demo"
.venv/bin/codebegen demo > "$work/demo.log" 2>&1 || { cat "$work/demo.log"; exit 1; }
grep -q "pull request #" "$work/demo.log" || { cat "$work/demo.log"; exit 1; }
if grep -q "<!-- codebegen:" "$work/demo.log"; then echo "the demo printed raw markers" >&2; exit 1; fi
say "pip install . into a fresh virtualenv, then codebegen demo outside the checkout"
python3 -m venv "$work/outside"
"$work/outside/bin/pip" install -q --disable-pip-version-check "$work/codebegen" 2> >(grep -v "^WARNING: Location" >&2)
(cd "$work" && "$work/outside/bin/codebegen" demo > "$work/outside.log" 2>&1) \
  || { cat "$work/outside.log"; exit 1; }
grep -q "pull request #" "$work/outside.log" || { cat "$work/outside.log"; exit 1; }
say "all README commands ran as written"
