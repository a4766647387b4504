#!/usr/bin/env bash
# Scores the CLI on the invented catalogue (parser/tests/catalogue: the
# tuning set; parser/tests/catalogue/heldout: ten bulletins written by
# someone else after the rules, never tuned on) with ../shared/eval/score.py.
# A gold file holding a JSON array (several issues in one text) is scored
# issue by issue against the CLI's JSON Lines.
#   scripts/score-catalogue.sh [tuning|heldout]    (default: both)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$REPO_ROOT"
score_py="$(cd "$REPO_ROOT/.." && pwd)/shared/eval/score.py"
[ -f "$score_py" ] || die "no $score_py (the scorer lives beside the repo in ../shared)"
cargo build --release --bin bulletin -q
sets=("${@:-tuning heldout}")
for set in ${sets[*]}; do
  case "$set" in
    tuning) dir=parser/tests/catalogue ;;
    heldout) dir=parser/tests/catalogue/heldout ;;
    *) die "unknown set '$set' (tuning or heldout)" ;;
  esac
  out=$(mktemp -d)
  pairs=()
  for t in "$dir"/*.txt; do
    name=$(basename "$t" .txt)
    target/release/bulletin parse -f jsonl "$t" >"$out/$name.jsonl"
    pairs+=($(python3 - "$dir/$name.json" "$out/$name.jsonl" "$out/$name" <<'PY'
import json, sys
gold, got, stem = sys.argv[1:]
g = json.load(open(gold, encoding='utf-8'))
o = [json.loads(l) for l in open(got, encoding='utf-8') if l.strip()]
gs = g if isinstance(g, list) else [g]
for k, gk in enumerate(gs):
    gp, op = f'{stem}.gold{k}.json', f'{stem}.out{k}.json'
    json.dump(gk, open(gp, 'w', encoding='utf-8'), ensure_ascii=False)
    json.dump(o[k] if k < len(o) else {}, open(op, 'w', encoding='utf-8'), ensure_ascii=False)
    print(gp, op)
PY
))
  done
  echo "== $set ($dir)"
  python3 "$score_py" "${pairs[@]}"
  rm -rf "$out"
done
