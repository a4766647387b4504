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
say "serving Bulletin Analyzer at http://$address:$port/ (Ctrl-C to stop)"
# --offline: every crate was fetched by setup.sh and every tool is on PATH,
# so Trunk must not try to download anything.
exec trunk serve --release --offline --address "$address" --port "$port" "$@"
