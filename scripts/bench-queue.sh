#!/usr/bin/env bash
# Throughput of the queue path next to `cleanwire clean`, measured in one run on the development
# corpus: `cleanwire clean`, then for the default and the fused topology WORKERS worker processes
# (default 2) and `cleanwire enqueue --wait`. Workers are started and ready before the clock starts.
# Uses REDIS_URL, or starts a redis-server on a free port. Usage: scripts/bench-queue.sh [seed]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
eval_dir=${EVAL_DIR:-$here/../shared/eval}
seed=${1:-7}
workers=${WORKERS:-2}
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
  redis-cli -p "$port" ping >/dev/null || { cat "$work/redis.log"; exit 1; }
  export REDIS_URL="redis://127.0.0.1:$port"
fi
export LOG_LEVEL=${LOG_LEVEL:-warn}
load=$(cut -d" " -f1-3 /proc/loadavg)

rm -rf "$work/corpus"
node "$eval_dir/noise.mjs" --articles "$eval_dir/articles-dev.jsonl" --pools "$eval_dir/pools-dev.json" --out "$work/corpus" --seed "$seed" >/dev/null
input="$work/corpus/input"
docs=$(find "$input" -type f | wc -l)
now() { date +%s.%N; }
rate() { echo "scale=1; $docs / ($2 - $1)" | bc; }
secs() { echo "scale=2; ($2 - $1) / 1" | bc; }

start=$(now)
node "$cli" clean "$input" --out "$work/out-clean" --no-progress --quiet
end=$(now)
results=("clean (in-process, 1 process)|$(secs "$start" "$end")|$(rate "$start" "$end")")

for topology in default fused; do
  prefix="bench-$topology-$$"
  worker_pids=()
  for i in $(seq 1 "$workers"); do
    CLEANWIRE_PREFIX=$prefix CLEANWIRE_TOPOLOGY=$topology CLEANWIRE_OUT="$work/out-$topology" \
      node "$cli" worker >"$work/worker-$topology-$i.log" 2>&1 &
    worker_pids+=($!)
    pids+=($!)
  done
  for i in $(seq 1 "$workers"); do
    until grep -q 'cleanwire worker ready' "$work/worker-$topology-$i.log"; do sleep 0.1; done
  done
  start=$(now)
  CLEANWIRE_PREFIX=$prefix CLEANWIRE_TOPOLOGY=$topology node "$cli" enqueue "$input" --wait --no-progress
  end=$(now)
  results+=("enqueue --wait, $topology topology, $workers workers|$(secs "$start" "$end")|$(rate "$start" "$end")")
  kill -TERM "${worker_pids[@]}"
  wait "${worker_pids[@]}" 2>/dev/null || true
done

echo
echo "$docs documents (seed $seed), $(nproc) CPU(s), load before the run: $load"
printf '%-45s %10s %10s\n' run seconds docs/s
for row in "${results[@]}"; do
  IFS='|' read -r name s r <<<"$row"
  printf '%-45s %10s %10s\n' "$name" "$s" "$r"
done
echo "work folder: $work"
