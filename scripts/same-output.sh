#!/usr/bin/env bash
# Checks that a change left the CLI's output byte for byte as it was.
#
#    scripts/same-output.sh [BASE_REV]      (default: the merge-base with main)
#
# Builds `bulletin` twice in release: at BASE_REV (exported with `git archive`
# into target/same-output/base-src, built into its own target dir
# target/same-output/target, reused while BASE_REV stays the same) and at the
# working tree (target/release). Then runs both on the same inputs and
# compares standard output, standard error and exit status of:
#    bulletin parse -f jsonl | csv | items-csv | text,  bulletin check,
#    bulletin check -f json,  bulletin figures -f jsonl
# and, on the small sets, `parse -f json` and the `parse -f xlsx` file.
# The inputs:
#    fixtures  ../shared seeds and dev (when ../shared exists), the text
#              fixtures under parser/tests and cli/tests
#    files     the binary test files (fuzz/seeds, doc-readers/tests/files):
#              .docx .html .pdf .doc .wps, UTF-16, GBK
#    mutants   SAME_OUTPUT_COUNT (default 20000) texts made from the fixtures by
#              scripts/lib/mutate_corpus.py with seed SAME_OUTPUT_SEED (default
#              9): line deletions, swaps, doublings, joins, inserted 【】：（）一、
#              digits 万 % …, truncations. Reproducible.
# Each CLI call takes a whole set (a directory or many files), so the run
# takes a few minutes, most of it the two builds. Prints what it compared and
# the first differences; exit 1 on any difference, 2 when it could not run.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$REPO_ROOT"

base_rev="${1:-$(git merge-base HEAD main 2>/dev/null)}"
[ -n "$base_rev" ] || { echo "same-output: no BASE_REV and no merge-base with main" >&2; exit 2; }
base_rev="$(git rev-parse --verify "$base_rev^{commit}")" || exit 2
count="${SAME_OUTPUT_COUNT:-20000}"
seed="${SAME_OUTPUT_SEED:-9}"
shared="$(cd "$REPO_ROOT/.." && pwd)/shared"

work="$REPO_ROOT/target/same-output"
mkdir -p "$work"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# --- the two binaries ---------------------------------------------------------
if [ "$(cat "$work/base-rev" 2>/dev/null)" != "$base_rev" ] || [ ! -x "$work/target/release/bulletin" ]; then
  echo "same-output: building bulletin at ${base_rev:0:12} (target/same-output)"
  rm -rf "$work/base-src" "$work/base-rev"
  mkdir -p "$work/base-src"
  git archive "$base_rev" | tar -x -C "$work/base-src" || exit 2
  (cd "$work/base-src" && CARGO_TARGET_DIR="$work/target" cargo build -q --release --bin bulletin) || exit 2
  echo "$base_rev" > "$work/base-rev"
fi
echo "same-output: building bulletin at the working tree"
cargo build -q --release --bin bulletin || exit 2
base_bin="$work/target/release/bulletin"
new_bin="$REPO_ROOT/target/release/bulletin"

# --- the inputs ---------------------------------------------------------------
fixtures=()
if [ -d "$shared/seeds" ]; then
  while IFS= read -r f; do fixtures+=("$f"); done < <(find "$shared/seeds" "$shared/dev" -type f -name '*.txt' 2>/dev/null | sort)
fi
while IFS= read -r f; do fixtures+=("$f"); done < <(find parser/tests cli/tests -type f \( -name '*.txt' -o -name '*.md' \) | sort)
files=()
while IFS= read -r f; do files+=("$f"); done < <(find fuzz/seeds doc-readers/tests/files -type f | sort)
[ ${#fixtures[@]} -gt 0 ] || { echo "same-output: no fixtures found" >&2; exit 2; }

echo "same-output: writing $count mutants (seed $seed) from ${#fixtures[@]} fixtures"
python3 scripts/lib/mutate_corpus.py "$tmp/mutants" "$count" "$seed" "${fixtures[@]}" || exit 2

# --- compare ------------------------------------------------------------------
compared=0
differing=0
report() { # report NAME A B: the first differing lines of two outputs
  echo "DIFFERENT: $1"
  diff "$2" "$3" | head -n 12 | cut -c 1-400 | sed 's/^/    /'
}
# run NAME ARGS...: both binaries on ARGS; compare stdout, stderr and status.
run() {
  local name="$1"; shift
  local a="$tmp/out/base" b="$tmp/out/new"
  mkdir -p "$a" "$b"
  "$base_bin" "$@" > "$a/stdout" 2> "$a/stderr"; echo $? > "$a/status"
  "$new_bin" "$@" > "$b/stdout" 2> "$b/stderr"; echo $? > "$b/status"
  compared=$((compared + 1))
  local part bad=false
  for part in status stdout stderr; do
    if ! cmp -s "$a/$part" "$b/$part"; then
      report "$name ($part)" "$a/$part" "$b/$part"
      bad=true
    fi
  done
  for part in "$a"/*.xlsx; do
    [ -e "$part" ] || continue
    if ! cmp -s "$part" "$b/${part##*/}"; then echo "DIFFERENT: $name (${part##*/})"; bad=true; fi
  done
  if [ "$bad" = true ]; then differing=$((differing + 1)); fi
  rm -rf "$tmp/out"
}
# each SET ARGS...: every command on one input set.
each() {
  local set="$1"; shift
  local f
  for f in jsonl csv items-csv text; do run "$set: parse -f $f" parse -f "$f" "$@"; done
  run "$set: check" check "$@"
  run "$set: check -f json" check -f json "$@"
  run "$set: figures -f jsonl" figures -f jsonl "$@"
}
each fixtures "${fixtures[@]}"
run "fixtures: parse -f json" parse -f json "${fixtures[@]}"
# xlsx: both write into their own directory, under the same file name.
run_xlsx() {
  local set="$1"; shift
  mkdir -p "$tmp/out/base" "$tmp/out/new"
  "$base_bin" parse -f xlsx -o "$tmp/out/base/out.xlsx" "$@" > /dev/null 2>&1
  "$new_bin" parse -f xlsx -o "$tmp/out/new/out.xlsx" "$@" > /dev/null 2>&1
  run "$set: parse -f xlsx" parse -f text "$@"
}
run_xlsx fixtures "${fixtures[@]}"
if [ ${#files[@]} -gt 0 ]; then
  each files "${files[@]}"
  run "files: parse -f json" parse -f json "${files[@]}"
fi
each mutants "$tmp/mutants"
run_xlsx mutants "$tmp/mutants"

echo "same-output: ${base_rev:0:12} vs working tree: $compared outputs compared over" \
  "${#fixtures[@]} fixtures, ${#files[@]} files and $count mutants; $differing differ"
[ "$differing" -eq 0 ]
