#!/bin/sh
# Runs `node "$@"` under Node 24 or newer. Astro, Vitest and Node's type stripping need it;
# where the machine's node is older, node@24 is installed once from the npm registry into
# .tierpress/node (git-ignored) and used from there.
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 24 ? 0 : 1)' 2>/dev/null; then
  bin="$root/.tierpress/node/node_modules/node/bin"
  if [ ! -x "$bin/node" ]; then
    echo "tierpress: node $(node --version 2>/dev/null || echo '(none)') is older than 24; installing node@24 into .tierpress/node" >&2
    npm install --prefix "$root/.tierpress/node" --no-save --no-package-lock --no-audit --no-fund --loglevel=error node@24.21.0 >&2
  fi
  PATH="$bin:$PATH"
  export PATH
fi
exec node "$@"
