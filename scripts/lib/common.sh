# Shared helpers for scripts/*.sh. Source it; it sets REPO_ROOT and PATH.
#
# PATH order matters: the repo's node_modules/.bin must come before /usr/bin
# so Trunk finds binaryen@132's wasm-opt (Debian's binaryen 108 cannot read
# the output of current Rust), and ~/.cargo/bin holds trunk and wasm-bindgen.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export REPO_ROOT
CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export PATH="$REPO_ROOT/node_modules/.bin:$CARGO_HOME/bin:$PATH"
# Playwright must never fetch a browser of its own: we drive /usr/bin/chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CHROMIUM_BIN="${CHROMIUM_BIN:-/usr/bin/chromium}"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"

TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132.0.0"

say()  { printf '%s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die()  { printf 'error: %s\n' "$*" >&2; exit 1; }

# now_s: seconds since the epoch, for stage timings.
now_s() { date +%s; }

# wasm_bindgen_locked_version: the wasm-bindgen version Cargo.lock resolved.
# wasm-bindgen-cli must equal it exactly, or the generated JS glue mismatches.
wasm_bindgen_locked_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' \
    "$REPO_ROOT/Cargo.lock"
}

# run_as_root CMD...: apt needs root; use sudo when we are not root.
run_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root (or sudo) to run: $*"
  fi
}
