#!/usr/bin/env bash
# Scores the queue path on the development corpus: two `cleanwire worker` processes (default
# topology) clean it from `enqueue --wait`, once cold and once after `cleanwire learn` warmed the
# store, and both outputs are scored like scripts/eval.sh scores the CLI's.
# Uses REDIS_URL, or starts a redis-server on a free port. Usage: scripts/eval-workers.sh [seed]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
eval_dir=${EVAL_DIR:-$here/../shared/eval}
seed=${1:-7}
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
# shellcheck source=scripts/queue-bench-env.sh
source "$here/scripts/queue-bench-env.sh"
input="$work/corpus/input"

for mode in cold learned; do
  prefix="eval-$mode-$$"
  out="$work/out-$mode"
  rm -rf "$out"
  export CLEANWIRE_PREFIX=$prefix CLEANWIRE_OUT=$out
  [ "$mode" = learned ] && node "$cli" learn "$input" --no-progress --quiet
  worker_pids=()
  for i in 1 2; do
    node "$cli" worker >"$work/worker-$mode-$i.log" 2>&1 &
    worker_pids+=($!)
    pids+=($!)
  done
  node "$cli" enqueue "$input" --wait --no-progress
  kill "${worker_pids[@]}" 2>/dev/null || true
  echo "== workers, default topology, $mode store"
  node "$eval_dir/score.mjs" --gold "$work/corpus/gold" --out "$out" --input "$input" --manifest "$work/corpus/manifest.jsonl"
done
