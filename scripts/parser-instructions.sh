#!/usr/bin/env bash
# Counts the parser's instructions on 1 MB of generated bulletins (the
# benchmark's everyday corpus) with callgrind: exact and repeatable on this
# shared machine, where wall time is not. Prints instructions in all and per
# character.   scripts/parser-instructions.sh [BYTES]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$REPO_ROOT"
command -v valgrind >/dev/null || die "valgrind not found (apt-get install valgrind)"
bytes=${1:-1000000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cargo build --release -q -p bulletin-parser --example parse_file
chars=$(cargo run -q --release -p bulletin-cli --example gen_bulletins "$dir" "$bytes" 1)
refs=$(valgrind --tool=callgrind --callgrind-out-file="$dir/cg.out" \
  target/release/examples/parse_file "$dir/000000.txt" 2>&1 | awk '/I *refs:/ { gsub(",", "", $NF); print $NF }')
echo "parse of $bytes bytes ($chars characters): $refs instructions, $(awk -v r="$refs" -v c="$chars" 'BEGIN { printf "%.1f", r / c }') per character"
