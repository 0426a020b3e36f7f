# Sourced by the scripts that run workers on the development corpus (bench-queue.sh,
# eval-workers.sh): needs $work; sets $cli, tracks background processes in $pids (ended on exit),
# starts a redis-server on a free port unless REDIS_URL is set, and builds the corpus for $seed
# into $work/corpus.
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

rm -rf "$work/corpus"
node "$eval_dir/noise.mjs" --articles "$eval_dir/articles-dev.jsonl" --pools "$eval_dir/pools-dev.json" --out "$work/corpus" --seed "$seed" >/dev/null
