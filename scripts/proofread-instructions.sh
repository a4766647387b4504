#!/usr/bin/env bash
# The proofreading pass against the parse, in instructions (callgrind: exact
# and repeatable on this shared machine, where wall time is not), on the same
# generated bulletin as scripts/parser-instructions.sh (1 MB by default):
# instructions of one parse, of one check pass (its one-time set-up — word
# list, starter rules — left out: two passes minus one), and their ratio.
# Issue 16's bar: a check pass takes less than the parse.
#   scripts/proofread-instructions.sh [BYTES]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$REPO_ROOT"
command -v valgrind >/dev/null || die "valgrind not found (apt-get install valgrind)"
bytes=${1:-1000000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cargo build --release -q -p bulletin-parser --example proofread_file
chars=$(cargo run -q --release -p bulletin-cli --example gen_bulletins "$dir" "$bytes" 1)
bin=target/release/examples/proofread_file
count() { # FUNCTION TIMES
  valgrind --tool=callgrind --callgrind-out-file="$dir/cg.out" --toggle-collect="$1" \
    "$bin" "$dir/000000.txt" "$2" >/dev/null 2>&1
  callgrind_annotate "$dir/cg.out" | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }'
}
parse=$(count 'bulletin_parser::parse' 1)
one=$(count 'bulletin_parser::proofread::proofread_with*' 1)
two=$(count 'bulletin_parser::proofread::proofread_with*' 2)
check=$((two - one))
awk -v p="$parse" -v k="$check" -v c="$chars" -v b="$bytes" 'BEGIN {
  printf "%d bytes (%d characters): parse %.1f M instructions (%.1f per character), check pass %.1f M (%.1f per character): %.2f x the parse\n",
    b, c, p / 1e6, p / c, k / 1e6, k / c, k / p }'
