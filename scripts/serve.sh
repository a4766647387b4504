#!/usr/bin/env bash
# Build the page and serve it at http://127.0.0.1:8080/ (PORT overrides),
# rebuilding on every change. Installs whatever is missing first.
#
#   scripts/serve.sh            # PORT=9000 scripts/serve.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$REPO_ROOT"

bash scripts/setup.sh

port="${PORT:-8080}"
address="${ADDRESS:-127.0.0.1}"
say "building, then serving Bulletin Analyzer at http://$address:$port/ (Ctrl-C to stop)"
# --offline: every crate was fetched by setup.sh and every tool is on PATH,
# so Trunk must not try to download anything.
# --no-autoreload: Trunk's reload snippet is an inline script, which the
# page's Content-Security-Policy refuses; serve exactly what was built.
# Trunk still rebuilds on every change: reload the tab to see it.
exec trunk serve --release --offline --no-autoreload --disable-address-lookup \
  --address "$address" --port "$port" "$@"
