#!/usr/bin/env bash
# Builds the development corpus from ../shared/eval (or $EVAL_DIR), cleans it with `cleanwire clean`
# and scores the output. Usage: scripts/eval.sh [seed] [extra clean flags...]
# Leaves the corpus and output in $WORK (default: a fresh temp folder) for inspection.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
eval_dir=${EVAL_DIR:-$here/../shared/eval}
seed=${1:-7}
shift || true
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
rm -rf "$work/corpus" "$work/out"
node "$eval_dir/noise.mjs" --articles "$eval_dir/articles-dev.jsonl" --pools "$eval_dir/pools-dev.json" --out "$work/corpus" --seed "$seed"
start=$(date +%s.%N)
"$here/bin/cleanwire.js" clean "$work/corpus/input" --out "$work/out" --no-progress "$@"
end=$(date +%s.%N)
echo "clean wall time: $(echo "$end - $start" | bc) s"
node "$eval_dir/score.mjs" --gold "$work/corpus/gold" --out "$work/out" --input "$work/corpus/input" --manifest "$work/corpus/manifest.jsonl" --worst "${WORST:-15}"
echo "corpus and output in $work"
