#!/usr/bin/env bash
# Real-extractor evaluation: typesets N dev-corpus articles into PDFs with pdflatex (Latin Modern,
# real ligature glyphs; one and two columns) and groff -ms, extracts each PDF with pdftotext,
# pypdf, pdfminer, mutool, tesseract OCR (pdftoppm -r 150 page images) and cleanwire's own pdf.js
# reader, cleans every extraction with `cleanwire clean` and scores it against the typeset text
# (scripts/pdf-corpus/score.mjs prints one row per extractor).
# Usage: scripts/pdf-eval.sh [N=40]   env: WORK=dir (default a temp folder), OCR=0 skips tesseract,
# OCR_MAX=16 (PDFs read by OCR),
# EVAL_DIR (default ../shared/eval). Needs pdflatex, groff, poppler-utils, mupdf-tools, tesseract,
# and /usr/bin/python3 with pypdf and pdfminer (Debian: python3-pypdf, python3-pdfminer).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
eval_dir=${EVAL_DIR:-$here/../shared/eval}
n=${1:-40}
work=${WORK:-$(mktemp -d)}
py=/usr/bin/python3
corpus=$here/scripts/pdf-corpus
rm -rf "$work/src" "$work/tex" "$work/ms" "$work/pdf" "$work/x" "$work/out"
mkdir -p "$work/pdf"

echo "typesetting $("$py" "$corpus/typeset.py" "$eval_dir/articles-dev.jsonl" "$work" "$n") articles" >&2
for tex in "$work"/tex/*.tex; do
  id=$(basename "$tex" .tex)
  (cd "$work/tex" && pdflatex -interaction=batchmode "$id.tex" >/dev/null 2>&1) || true
  if [ -s "$work/tex/$id.pdf" ]; then cp "$work/tex/$id.pdf" "$work/pdf/$id-latex.pdf"; else echo "pdflatex failed: $id" >&2; fi
done
for ms in "$work"/ms/*.ms; do
  id=$(basename "$ms" .ms)
  groff -k -Tpdf -ms "$ms" >"$work/pdf/$id-groff.pdf" 2>/dev/null || rm -f "$work/pdf/$id-groff.pdf"
done
echo "$(ls "$work/pdf" | wc -l) PDFs" >&2

tools=(pdftotext pypdf pdfminer mutool)
mkdir -p "$work/x/pdftotext" "$work/x/mutool"
for pdf in "$work"/pdf/*.pdf; do
  name=$(basename "$pdf" .pdf)
  pdftotext "$pdf" "$work/x/pdftotext/$name.txt" 2>/dev/null || true
  mutool draw -q -F txt -o "$work/x/mutool/$name.txt" "$pdf" 2>/dev/null || true
done
"$py" "$corpus/extract.py" pypdf "$work/pdf" "$work/x/pypdf"
"$py" "$corpus/extract.py" pdfminer "$work/pdf" "$work/x/pdfminer"
if [ "${OCR:-1}" != 0 ]; then
  tools+=(tesseract)
  mkdir -p "$work/x/tesseract" "$work/pages"
  # OCR is slow (seconds a page): the first OCR_MAX PDFs (default 16) are read this way.
  for pdf in $(ls "$work"/pdf/*.pdf | head -n "${OCR_MAX:-16}"); do
    name=$(basename "$pdf" .pdf)
    rm -f "$work"/pages/*
    pdftoppm -r 150 -png "$pdf" "$work/pages/p"
    # A form feed after each page, as tesseract writes between the pages of a multi-page input.
    for page in "$work"/pages/p-*.png; do
      tesseract "$page" - quiet 2>/dev/null
      printf '\f'
    done >"$work/x/tesseract/$name.txt"
  done
fi
tools+=(pdfjs)
(cd "$here" && npx tsx scripts/pdf-corpus/pdfjs-text.ts "$work/pdf" "$work/x/pdfjs")

for tool in "${tools[@]}"; do
  # cleanwire's own reader cleans the PDFs themselves; the others clean their text files.
  input="$work/x/$tool"
  [ "$tool" = pdfjs ] && input="$work/pdf"
  "$here/bin/cleanwire.js" clean "$input" --out "$work/out/$tool" --no-progress 2>/dev/null
done
node "$corpus/score.mjs" "$work" "${tools[@]}"
echo "corpus and output in $work" >&2
