/**
 * htmlparser2 (what the extractor uses) against parse5 (the WHATWG tree builder browsers follow),
 * on real pages: parse time, and how much of the body text each tree puts inside <body>, where the
 * extractor reads. parse5 is the reference for correctness: a page's body words under htmlparser2
 * (raw, and after the extractor's HTML5 fix-up in src/extract/dom.ts) are compared with parse5's
 * as a word-multiset F1, and pages under 0.99 are counted.
 *
 *   npx tsx scripts/bench-html-parsers.ts [--pages DIR] [--rounds 1]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import type { ChildNode as HNode } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { parse } from 'parse5';
import { parsePage } from '../src/extract/dom.js';

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: join(resolve(import.meta.dirname, '..'), '../shared/eval/wcxb-dev/html') },
    rounds: { type: 'string', default: '1' },
  },
});
const dir = values.pages;
const pages = readdirSync(dir)
  .filter((f) => /\.html?(\.gz)?$/.test(f))
  .sort()
  .map((f) => {
    const bytes = readFileSync(join(dir, f));
    return (f.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  });

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head']);
const options = { lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true };

/** Text under <body> of a domhandler tree. */
function hBody(nodes: readonly HNode[], inBody: boolean, out: string[]): void {
  for (const n of nodes) {
    if (n.type === 'text') {
      if (inBody) out.push(n.data);
    } else if ('children' in n) {
      const name = 'name' in n ? n.name : '';
      if (SKIP.has(name)) continue;
      hBody(n.children, inBody || name === 'body', out);
    }
  }
}

interface P5Node {
  nodeName: string;
  value?: string;
  childNodes?: P5Node[];
}
function p5Body(nodes: readonly P5Node[], inBody: boolean, out: string[]): void {
  for (const n of nodes) {
    if (n.nodeName === '#text') {
      if (inBody) out.push(n.value ?? '');
    } else if (n.childNodes && !SKIP.has(n.nodeName)) p5Body(n.childNodes, inBody || n.nodeName === 'body', out);
  }
}

const words = (parts: string[]): string[] =>
  parts
    .join(' ')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];
function f1(a: string[], b: string[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  const counts = new Map<string, number>();
  for (const w of b) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of a) {
    const c = counts.get(w) ?? 0;
    if (c > 0) {
      common++;
      counts.set(w, c - 1);
    }
  }
  return common === 0 ? 0 : (2 * common) / (a.length + b.length);
}

const rounds = Number(values.rounds);
const time = (fn: (html: string) => unknown): number => {
  const started = performance.now();
  for (let r = 0; r < rounds; r++) for (const html of pages) fn(html);
  return (performance.now() - started) / 1000;
};
// Warm both up on a slice so that neither pays the JIT alone.
for (const html of pages.slice(0, 50)) {
  parseDocument(html, options);
  parse(html);
}
const tH = time((html) => parseDocument(html, options));
const tHFix = time((html) => parsePage(html));
const tP5 = time((html) => parse(html));

let rawBelow = 0;
let fixBelow = 0;
let rawSum = 0;
let fixSum = 0;
for (const html of pages) {
  const ref: string[] = [];
  p5Body(parse(html).childNodes as unknown as P5Node[], false, ref);
  const raw: string[] = [];
  hBody(parseDocument(html, options).children, false, raw);
  const fixed: string[] = [];
  hBody(parsePage(html).children, false, fixed);
  const r = words(ref);
  const a = f1(words(raw), r);
  const b = f1(words(fixed), r);
  rawSum += a;
  fixSum += b;
  if (a < 0.99) rawBelow++;
  if (b < 0.99) fixBelow++;
}
const n = pages.length;
const rate = (s: number): string => `${((n * rounds) / s).toFixed(0)} pages/s`;
console.log(`${n} pages, ${rounds} round(s), one thread`);
console.log(`htmlparser2             ${tH.toFixed(2)} s  ${rate(tH)}`);
console.log(`htmlparser2 + fix-up    ${tHFix.toFixed(2)} s  ${rate(tHFix)}`);
console.log(`parse5                  ${tP5.toFixed(2)} s  ${rate(tP5)}`);
console.log(
  `body words vs parse5 (F1): htmlparser2 ${(rawSum / n).toFixed(4)} (${rawBelow} pages < 0.99), ` +
    `with fix-up ${(fixSum / n).toFixed(4)} (${fixBelow} pages < 0.99)`,
);
