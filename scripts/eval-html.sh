#!/usr/bin/env bash
# Cleans the WCXB development pages (../shared/eval/wcxb-dev, or $EVAL_DIR/wcxb-dev) and scores the
# main-content extraction against their ground truth, overall and per page type.
# Usage: scripts/eval-html.sh [--alone] [extra clean flags...]
#   --alone  cleans each page in its own `clean` invocation (no cross-document evidence)
# Leaves pages and output in $WORK (default: a fresh temp folder); WORST=N lists the N worst pages.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
eval_dir=${EVAL_DIR:-$here/../shared/eval}
alone=0
if [ "${1:-}" = "--alone" ]; then alone=1; shift; fi
work=${WORK:-$(mktemp -d)}
mkdir -p "$work/pages"
rm -rf "$work/out"
for f in "$eval_dir"/wcxb-dev/html/*.html.gz; do
  page="$work/pages/$(basename "$f" .gz)"
  [ -s "$page" ] || gunzip -c "$f" > "$page"
done
start=$(date +%s.%N)
if [ "$alone" = 1 ]; then
  # One batch per page: no per-source templates or near-duplicates learned from other pages.
  "$here/bin/cleanwire.js" clean "$work/pages" --out "$work/out" --no-progress --quiet --isolated "$@"
else
  "$here/bin/cleanwire.js" clean "$work/pages" --out "$work/out" --no-progress --quiet "$@"
fi
end=$(date +%s.%N)
echo "clean wall time: $(echo "$end - $start" | bc) s for $(ls "$work/pages" | wc -l) pages"
node "$eval_dir/html-score.mjs" --gold "$eval_dir/wcxb-dev/ground-truth" --out "$work/out" --worst "${WORST:-0}"
echo "pages and output in $work"
