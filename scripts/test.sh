#!/usr/bin/env bash
# Every test of the project, in order, stopping at the first failure:
#
#    1 setup          scripts/setup.sh (idempotent: installs what is missing)
#    2 native         no module cycles in any crate
#                     (scripts/module-cycles.py); cargo test --workspace
#                     (parser, CLI, the page's pure logic)
#  2b wasm-parser    the parser's unit and integration tests compiled for
#                     wasm32 (wasm32-wasip1, run by Node's WASI through
#                     scripts/lib/wasi-run.mjs): the scalar paths the page ships
#    3 seeds          bulletin parse on ../shared/seeds, scored against gold
#                     (only when ../shared exists)
#    4 big-input      parser on a large input, release build (when the test exists)
#    5 wasm           wasm-bindgen-test in headless Chromium (when there are any)
#    6 build          trunk build --release --offline
#    7 size           first load: node scripts/bundle-size.mjs --max-kb 250
#    8 e2e            node --test tests/e2e/ (headless Chromium)
#    9 clippy         cargo fmt --check over the workspace; cargo clippy -D
#                     warnings: parser, decode, export, CLI and doc-readers
#                     natively, the page and its tools module (tools/, with
#                     tests) for wasm32
#   10 same-output    optional, only with --same-output: scripts/same-output.sh
#                     (the CLI's output byte for byte as at main's merge-base;
#                     CI runs on main itself, where there is nothing to compare)
#
# The last line is `N passed, N failed, N skipped` over the stages.
#   --keep-going   run every stage even after one failed
#   --from NAME    start at stage NAME (setup always runs), e.g. --from e2e
#   --same-output  also run the same-output stage (against main's merge-base)
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$REPO_ROOT"

keep_going=false
from=""
same_output=false
while [ $# -gt 0 ]; do
  case "$1" in
    --keep-going) keep_going=true ;;
    --same-output) same_output=true ;;
    --from) from="${2:?--from needs a stage name}"; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
  shift
done

STAGES="setup native wasm-parser seeds big-input wasm build size e2e clippy same-output"
if [ -n "$from" ] && [[ " $STAGES " != *" $from "* ]]; then
  die "--from: no stage '$from' (stages: $STAGES)"
fi

SHARED_DIR="$(cd "$REPO_ROOT/.." && pwd)/shared"
BUNDLE_BUDGET_KB="${BUNDLE_BUDGET_KB:-250}"

passed=0
failed=0
skipped=0
failed_names=()
stopped=false
reached_from=false
[ -z "$from" ] && reached_from=true
started_all=$(now_s)

# stage NAME DESCRIPTION CMD...: runs CMD, reports its time and outcome.
stage() {
  local name="$1" desc="$2"
  shift 2
  if [ "$reached_from" = false ] && [ "$name" = "$from" ]; then reached_from=true; fi
  if [ "$name" != setup ] && [ "$reached_from" = false ]; then
    say "== $name: skipped (--from $from)"
    skipped=$((skipped + 1))
    return 0
  fi
  if [ "$stopped" = true ]; then
    say "== $name: not run (an earlier stage failed)"
    skipped=$((skipped + 1))
    return 0
  fi
  say ""
  say "== $name: $desc"
  local t0 rc
  t0=$(now_s)
  "$@"
  rc=$?
  local took=$(( $(now_s) - t0 ))
  if [ $rc -eq 0 ]; then
    say "== $name: ok (${took}s)"
    passed=$((passed + 1))
  else
    say "== $name: FAILED (exit $rc, ${took}s)"
    failed=$((failed + 1))
    failed_names+=("$name")
    [ "$keep_going" = true ] || stopped=true
  fi
}

# skip NAME REASON: a stage that does not apply here.
skip() {
  say ""
  say "== $1: skipped ($2)"
  skipped=$((skipped + 1))
}

# --- the stages -----------------------------------------------------------------

seed_scores() {
  cargo build --release --bin bulletin -p bulletin-cli || return
  bash "$SHARED_DIR/eval/score-all.sh" --min-items 0.97 --min-figures 0.97
}

wasm_tests() {
  # webdriver.json (repo root, the runner's working directory) adds
  # --headless --no-sandbox etc.: Chromium refuses to run as root otherwise.
  CHROMEDRIVER="$CHROMEDRIVER" WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}" \
    cargo test --target wasm32-unknown-unknown -p bulletin-analyzer
}

has_wasm_tests() {
  grep -rqs --include='*.rs' 'wasm_bindgen_test' "$REPO_ROOT/src" "$REPO_ROOT/tests"
}

e2e_tests() {
  local files=(tests/e2e/*.test.mjs)
  [ -e "${files[0]}" ] || { say "no tests/e2e/*.test.mjs"; return 1; }
  # The library test compares a stored record with the CLI's own parse, and
  # reads exports back with openpyxl (the venv made above).
  cargo build --release --bin bulletin || return 1
  if [ -n "${BULLETIN_PYTHON:-}" ]; then export OPENPYXL_PYTHON="$BULLETIN_PYTHON"; fi
  # A per-file cap, so one hung browser cannot eat CI's 90 minutes.
  node --test --test-timeout="${E2E_FILE_TIMEOUT_MS:-600000}" "${files[@]}"
}

stage setup "install missing tools" bash scripts/setup.sh
# Without the tools nothing after this can run meaningfully.
if [ "$failed" -gt 0 ]; then stopped=true; fi

# A real XLSX reader for the export tests (export/tests, cli/tests): openpyxl
# in a venv, installed with pip when missing. The tests read BULLETIN_PYTHON;
# BULLETIN_REQUIRE_XLSX_READER makes them fail rather than skip without it,
# so a machine where it cannot be installed fails the native stage.
openpyxl_venv="${OPENPYXL_VENV:-/tmp/bulletin-openpyxl-venv}"
if ! "$openpyxl_venv/bin/python" -c 'import openpyxl' >/dev/null 2>&1; then
  python3 -m venv "$openpyxl_venv" >/dev/null 2>&1 &&
    "$openpyxl_venv/bin/pip" install -q openpyxl >/dev/null 2>&1 || true
fi
if "$openpyxl_venv/bin/python" -c 'import openpyxl' >/dev/null 2>&1; then
  export BULLETIN_PYTHON="$openpyxl_venv/bin/python"
else
  say "openpyxl could not be installed: the XLSX read-back tests will fail"
fi
export BULLETIN_REQUIRE_XLSX_READER=1

native_tests() {
  # The module graph of every crate has no cycle (scripts/module-cycles.py;
  # its self-test first, so it cannot pass blind).
  python3 scripts/module-cycles.py --self-test &&
    python3 scripts/module-cycles.py parser/src decode/src export/src \
      doc-readers/src src tools/src stats/src cli/src &&
    cargo test --workspace
}
stage native "module cycles; cargo test --workspace" native_tests

wasm_parser_tests() {
  # Every test target of the parser (hostile.rs at a sixteenth of its
  # native sizes there: Node's WASI fails on its largest inputs).
  CARGO_TARGET_WASM32_WASIP1_RUNNER="node $REPO_ROOT/scripts/lib/wasi-run.mjs" \
    cargo test -p bulletin-parser --target wasm32-wasip1 --lib --tests
}
stage wasm-parser "the parser's tests for wasm32 (wasm32-wasip1 under Node's WASI)" wasm_parser_tests

if [ -f "$SHARED_DIR/eval/score-all.sh" ]; then
  stage seeds "score the parser on ../shared seeds (min 0.97 items and figures)" seed_scores
else
  skip seeds "no $SHARED_DIR/eval/score-all.sh"
fi

if [ -f parser/tests/big_input.rs ]; then
  stage big-input "cargo test --release -p bulletin-parser --test big_input -- --ignored" \
    cargo test --release -p bulletin-parser --test big_input -- --ignored
else
  skip big-input "parser/tests/big_input.rs does not exist yet"
fi

if has_wasm_tests; then
  stage wasm "wasm-bindgen-test in headless Chromium" wasm_tests
else
  skip wasm "no #[wasm_bindgen_test] in src/ or tests/"
fi

stage build "trunk build --release --offline" trunk build --release --offline

stage size "first-load size, budget ${BUNDLE_BUDGET_KB} kB gzipped" \
  node scripts/bundle-size.mjs --max-kb "$BUNDLE_BUDGET_KB"

stage e2e "end-to-end tests (node --test tests/e2e/)" e2e_tests

# Lint last: a warning should not hide what the functional stages would say.
stage clippy "cargo fmt --check; cargo clippy (parser, decode, export, CLI, doc-readers; the page and tools for wasm32) -D warnings" \
  bash -c 'cargo fmt --all --check &&
    cargo clippy -p bulletin-parser -p bulletin-decode -p bulletin-export -p bulletin-stats -p bulletin-cli -p doc-readers -- -D warnings &&
    cargo clippy --target wasm32-unknown-unknown -p bulletin-analyzer -p bulletin-tools --all-targets -- -D warnings'

if [ "$same_output" = true ]; then
  stage same-output "scripts/same-output.sh: CLI output byte for byte as at main's merge-base" \
    bash scripts/same-output.sh
fi
# Without --same-output the stage is not part of the run (on main it would
# compare main with itself), so it is neither passed nor skipped.

# --- summary ----------------------------------------------------------------------
say ""
total_took=$(( $(now_s) - started_all ))
if [ "$failed" -gt 0 ]; then
  say "test.sh: FAILED stage(s): ${failed_names[*]} (${total_took}s)"
else
  say "test.sh: all stages ok (${total_took}s)"
fi
say "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
