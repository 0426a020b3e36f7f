/**
 * Scores PDF extractions before and after `cleanwire clean` against the typeset text.
 * Usage: node score.mjs WORK EXTRACTOR...   (WORK/src/ID.txt gold, WORK/x/TOOL/ID-KIND.txt raw,
 * WORK/out/TOOL/ID-KIND.txt clean, WORK/out/TOOL/rejected.jsonl)
 *
 * - word F1: bag-of-words overlap with the gold (letters and digits; case folded; curly
 *   apostrophes straight); a rejected document scores 0 after cleaning.
 * - split ligatures: a gold word holding ff/fi/fl/ffi/ffl/ft/st that the text has as two or
 *   three tokens, cut next to the ligature (before, after or inside it), where the gold never
 *   has those tokens side by side. Counted in the raw extraction and in the cleaned text.
 * - wrong joins: words of the cleaned text in neither the gold nor the raw extraction (nor a
 *   raw word broken by a line-end hyphen, put together).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [work, ...tools] = process.argv.slice(2);
const read = (p) => (existsSync(p) ? readFileSync(p, 'utf8') : '');
const tokens = (text) =>
  text
    .replace(/[’‘]/g, "'")
    .toLowerCase()
    .match(/[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu) ?? [];
const LIGATURE = /ffi|ffl|ff|fi|fl|ft|st/g;

function bagF1(gold, out) {
  const count = new Map();
  for (const t of gold) count.set(t, (count.get(t) ?? 0) + 1);
  let overlap = 0;
  for (const t of out) {
    const n = count.get(t) ?? 0;
    if (n > 0) {
      overlap++;
      count.set(t, n - 1);
    }
  }
  if (overlap === 0) return 0;
  const p = overlap / out.length;
  const r = overlap / gold.length;
  return (2 * p * r) / (p + r);
}

/** Cut positions next to a ligature in `word`: at its start, its end, or inside it. */
function ligatureCuts(word) {
  const cuts = new Set();
  for (const m of word.matchAll(LIGATURE)) for (let k = m.index; k <= m.index + m[0].length; k++) cuts.add(k);
  return cuts;
}

function splits(goldTokens, text) {
  const words = new Map();
  for (const w of goldTokens) if (w.length > 2 && /ff|fi|fl|ft|st/.test(w)) words.set(w, ligatureCuts(w));
  const goldPairs = new Set(goldTokens.slice(1).map((t, i) => `${goldTokens[i]} ${t}`));
  // Tokens with what stands between them: a cut by a line-end hyphen ("ef-" + "fort") is
  // hyphenation, not a split ligature, and is not counted here.
  const found_ = [
    ...text
      .replace(/[’‘]/g, "'")
      .toLowerCase()
      .matchAll(/[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu),
  ];
  const t = found_.map((m) => m[0]);
  const spaceOnly = found_.map((m, i) => {
    const next = found_[i + 1];
    return next !== undefined && /^[ \t\n\f]+$/.test(text.slice(m.index + m[0].length, next.index));
  });
  let found = 0;
  const examples = [];
  for (let i = 0; i + 1 < t.length; i++) {
    for (const span of [3, 2]) {
      const parts = t.slice(i, i + span);
      if (parts.length < span) continue;
      const word = parts.join('');
      const cuts = words.get(word);
      if (!cuts) continue;
      if (span === 2 && goldPairs.has(`${parts[0]} ${parts[1]}`)) continue;
      if (!spaceOnly.slice(i, i + span - 1).every(Boolean)) continue;
      const ends = parts.slice(0, -1).map((_, k) => parts.slice(0, k + 1).join('').length);
      const cutAll = ends.every((end) => cuts.has(end));
      if (!cutAll) continue;
      found++;
      if (examples.length < 3) examples.push(parts.join(' '));
      i += span - 1;
      break;
    }
  }
  return { found, examples };
}

const rows = [];
for (const tool of tools) {
  const xdir = join(work, 'x', tool);
  const odir = join(work, 'out', tool);
  const names = existsSync(xdir) ? readdirSync(xdir).filter((n) => n.endsWith('.txt')) : [];
  const rejected = read(join(odir, 'rejected.jsonl'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const reasons = {};
  for (const r of rejected) reasons[r.reason] = (reasons[r.reason] ?? 0) + 1;
  let f1Before = 0;
  let f1After = 0;
  let splitRaw = 0;
  let splitAfter = 0;
  let wrong = 0;
  const wrongExamples = [];
  const leftExamples = [];
  for (const name of names) {
    const id = name.replace(/-(latex|groff)\.txt$/, '');
    const gold = tokens(read(join(work, 'src', `${id}.txt`)));
    const raw = read(join(xdir, name));
    const clean = read(join(odir, name));
    const rawTokens = tokens(raw);
    const cleanTokens = tokens(clean);
    f1Before += bagF1(gold, rawTokens);
    f1After += bagF1(gold, cleanTokens);
    splitRaw += splits(gold, raw).found;
    const left = splits(gold, clean);
    splitAfter += left.found;
    if (leftExamples.length < 4) leftExamples.push(...left.examples.slice(0, 4 - leftExamples.length));
    // A line-end hyphen the cleaner takes out makes no new word ("potas-" + "sium"), also when
    // page furniture stood between the halves: the head joins any of the next few raw tokens.
    const lower = raw.replace(/[’‘]/g, "'").toLowerCase();
    const known = new Set([...gold, ...rawTokens, ...tokens(lower.replace(/-[ \t]*\n/g, ''))]);
    for (const m of lower.matchAll(/([\p{L}\p{N}]+(?:'[\p{L}]+)*)-[ \t]*\n/gu)) {
      const next = tokens(lower.slice(m.index + m[0].length, m.index + m[0].length + 200)).slice(0, 8);
      for (const tail of next) known.add(m[1] + tail);
    }
    for (const t of cleanTokens) {
      if (known.has(t)) continue;
      wrong++;
      if (wrongExamples.length < 5) wrongExamples.push(t);
    }
  }
  const n = names.length || 1;
  rows.push({
    tool,
    docs: names.length,
    f1Before: (f1Before / n).toFixed(4),
    f1After: (f1After / n).toFixed(4),
    splitRaw,
    splitAfter,
    repaired: splitRaw ? `${(100 * (1 - splitAfter / splitRaw)).toFixed(1)}%` : '-',
    wrongJoins: wrong,
    rejected: rejected.length,
    reasons:
      Object.entries(reasons)
        .map(([k, v]) => `${k}:${v}`)
        .join(',') || '-',
    examples: [...wrongExamples.map((w) => `+${w}`), ...leftExamples.map((w) => `"${w}"`)].join(' '),
  });
}
const cols = [
  'tool',
  'docs',
  'f1Before',
  'f1After',
  'splitRaw',
  'splitAfter',
  'repaired',
  'wrongJoins',
  'rejected',
  'reasons',
];
console.log(`| ${cols.join(' | ')} |`);
console.log(`|${cols.map(() => '---').join('|')}|`);
for (const r of rows) console.log(`| ${cols.map((c) => r[c]).join(' | ')} |`);
for (const r of rows) if (r.examples) console.log(`${r.tool}: ${r.examples}`);
