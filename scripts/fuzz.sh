#!/usr/bin/env bash
# Fuzzes the parser and the input decoders with cargo-fuzz (libFuzzer):
# parse, decode (all decoders at once), zip, xml (.docx), html, encodings.
#   scripts/fuzz.sh [SECONDS]        each target for SECONDS (default 60)
#   scripts/fuzz.sh 600 parse        one target
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`) and a nightly
# toolchain; without nightly it tries the stable one with RUSTC_BOOTSTRAP=1
# and no sanitizer. Crashes land in fuzz/artifacts/TARGET/; reproduce one
# with `cargo +nightly fuzz run TARGET fuzz/artifacts/TARGET/crash-…`.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parse decode zip xml html encodings pdf ole)

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "cargo-fuzz is not installed: cargo install cargo-fuzz --locked" >&2
  exit 1
fi
if rustup run nightly rustc --version >/dev/null 2>&1; then
  fuzz=(cargo +nightly fuzz run)
else
  echo "no nightly toolchain: using stable with RUSTC_BOOTSTRAP=1, no sanitizer" >&2
  export RUSTC_BOOTSTRAP=1
  fuzz=(cargo fuzz run --sanitizer none)
fi

for target in "${targets[@]}"; do
  corpus="fuzz/corpus/$target"
  mkdir -p "$corpus"
  # Start from the invented samples in fuzz/seeds.
  cp -n fuzz/seeds/* "$corpus"/ 2>/dev/null || true
  echo "== fuzzing $target for ${seconds}s"
  (cd fuzz && "${fuzz[@]}" "$target" "corpus/$target" -- -max_total_time="$seconds" -max_len=65536 -print_final_stats=1)
done
