#!/usr/bin/env bash
# Install everything the build and the tests need, idempotently: one line per
# tool, quiet when it is already there. Safe to run before every build.
#
#   Rust target wasm32-unknown-unknown   (rustup)
#   Rust target wasm32-wasip1            (rustup; the parser's tests as wasm)
#   chromium, chromium-driver, fonts     (apt; only when missing)
#   binaryen 132, playwright-core        (npm ci → node_modules/.bin)
#   trunk 0.21.14                        (cargo install --locked, ~10 min)
#   wasm-bindgen-cli = Cargo.lock's      (cargo install, ~4 min)
#   crate sources                        (cargo fetch, so builds run --offline)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$REPO_ROOT"

command -v cargo >/dev/null || die "cargo not found: install Rust with rustup first"
command -v rustup >/dev/null || die "rustup not found: install Rust with rustup first"
command -v node >/dev/null || die "node not found: install Node.js 20 or newer first"
command -v npm >/dev/null || die "npm not found: install npm first"

log_dir="$(mktemp -d)"
trap 'rm -rf "$log_dir"' EXIT

# quietly NAME CMD...: run CMD with its output in a log; show the log's tail
# only when it fails.
quietly() {
  local name="$1"
  shift
  if ! "$@" >"$log_dir/$name.log" 2>&1; then
    tail -n 40 "$log_dir/$name.log" >&2
    die "$name failed: $*"
  fi
}

# timed NAME CMD...: like quietly, and says how long it took.
timed() {
  local name="$1" t0
  t0=$(now_s)
  quietly "$@"
  say "  $name installed in $(( $(now_s) - t0 ))s"
}

# --- Rust target ----------------------------------------------------------
if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "rust target wasm32-unknown-unknown: ok"
else
  say "installing rust target wasm32-unknown-unknown"
  timed wasm32-target rustup target add wasm32-unknown-unknown
fi
# The parser's tests run as wasm32 too (scripts/test.sh, stage wasm-parser),
# under Node's WASI: the same wasm32 code paths the page ships.
if rustup target list --installed 2>/dev/null | grep -qx wasm32-wasip1; then
  say "rust target wasm32-wasip1: ok"
else
  say "installing rust target wasm32-wasip1"
  timed wasip1-target rustup target add wasm32-wasip1
fi

# --- System packages (browser for the tests, a CJK font for screenshots) --------
apt_missing=()
[ -x /usr/bin/chromium ] || apt_missing+=(chromium)
[ -x /usr/bin/chromedriver ] || apt_missing+=(chromium-driver)
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || apt_missing+=(fonts-wqy-microhei)
if [ ${#apt_missing[@]} -eq 0 ]; then
  say "chromium, chromium-driver, fonts-wqy-microhei: ok"
else
  command -v apt-get >/dev/null || die "missing ${apt_missing[*]} and no apt-get: install them by hand"
  say "installing ${apt_missing[*]} (apt)"
  export DEBIAN_FRONTEND=noninteractive
  t0=$(now_s)
  quietly apt-update run_as_root apt-get update -q
  quietly apt-install run_as_root apt-get install -y -q --no-install-recommends "${apt_missing[@]}"
  say "  apt packages installed in $(( $(now_s) - t0 ))s"
fi
if dpkg -s binaryen >/dev/null 2>&1; then
  warn "Debian's binaryen is installed; its wasm-opt is too old for current Rust output." \
       "These scripts put node_modules/.bin first on PATH, but a plain shell may run /usr/bin/wasm-opt."
fi

# --- npm dev dependencies (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 from common.sh) -------
npm_ok() {
  [ -f node_modules/.package-lock.json ] || return 1
  [ node_modules/.package-lock.json -nt package-lock.json ] || return 1
  [ -x node_modules/.bin/wasm-opt ] || return 1
  [ -f node_modules/playwright-core/package.json ] || return 1
}
if npm_ok; then
  say "npm binaryen@$BINARYEN_VERSION, playwright-core: ok"
else
  say "installing npm dev dependencies (npm ci)"
  timed npm-ci npm ci --no-audit --no-fund --loglevel=error
fi
wasm_opt_version="$(wasm-opt --version 2>/dev/null || true)"
case "$wasm_opt_version" in
  *"(version_${BINARYEN_VERSION%%.*})"*) ;;
  *) die "wasm-opt on PATH is '$wasm_opt_version' ($(command -v wasm-opt || echo none)); expected binaryen ${BINARYEN_VERSION%%.*} from node_modules/.bin" ;;
esac

# --- trunk --------------------------------------------------------------------------
# 0.21.14: Trunk 0.22 needs a newer rustc than the stable we build with.
if [ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ]; then
  say "trunk $TRUNK_VERSION: ok"
else
  say "installing trunk $TRUNK_VERSION (cargo install, ~10 min)"
  timed trunk cargo install trunk --version "$TRUNK_VERSION" --locked --force
fi

# --- wasm-bindgen-cli -----------------------------------------------------------------
# Must equal the wasm-bindgen in Cargo.lock, or Trunk (offline) refuses to build.
wb_version="$(wasm_bindgen_locked_version)"
[ -n "$wb_version" ] || die "no wasm-bindgen in Cargo.lock"
if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $wb_version" ] \
   && command -v wasm-bindgen-test-runner >/dev/null; then
  say "wasm-bindgen-cli $wb_version: ok"
else
  # Not --locked: the lock file published with wasm-bindgen-cli does not build.
  say "installing wasm-bindgen-cli $wb_version (cargo install, ~4 min)"
  timed wasm-bindgen-cli cargo install wasm-bindgen-cli --version "$wb_version" --force
fi

# --- crate sources ------------------------------------------------------------------
# Fetched once here (for every target) so builds can run with --offline.
quietly cargo-fetch cargo fetch
say "crate sources: ok"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1 \
   && git ls-files --error-unmatch Cargo.lock >/dev/null 2>&1 \
   && ! git diff --quiet -- Cargo.lock; then
  warn "Cargo.lock differs from the committed one (Cargo.toml changed?): commit Cargo.lock so CI builds what you tested."
fi
