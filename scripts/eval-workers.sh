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
cli="$here/bin/cleanwire.js"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

if [ -z "${REDIS_URL:-}" ]; then
  port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  export REDIS_URL="redis://127.0.0.1:$port"
fi
export LOG_LEVEL=${LOG_LEVEL:-warn}

rm -rf "$work/corpus"
node "$eval_dir/noise.mjs" --articles "$eval_dir/articles-dev.jsonl" --pools "$eval_dir/pools-dev.json" --out "$work/corpus" --seed "$seed" >/dev/null
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
