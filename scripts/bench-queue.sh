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
load=$(cut -d" " -f1-3 /proc/loadavg)
# shellcheck source=scripts/queue-bench-env.sh
source "$here/scripts/queue-bench-env.sh"
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
