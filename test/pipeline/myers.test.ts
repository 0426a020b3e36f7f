/**
 * The span alignment's own line and character diffs (src/pipeline/myers.ts) must give the `diff`
 * package's answer part for part: the spans of every change record depend on it. Compared here
 * on generated texts (line breaks of both kinds, lone and paired surrogates, empty lines) and on
 * the edits the stages make (lines joined, dropped, inserted, characters changed), with and
 * without an edit limit.
 */
import { diffChars as packageChars, diffLines as packageLines } from 'diff';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffChars, diffLines } from '../../src/pipeline/myers.js';
import { seededRandom } from '../../src/text/seeded.js';

type Part = { value: string; added?: boolean; removed?: boolean };
const plain = (parts: readonly Part[] | undefined) =>
  parts?.map((p) => ({ value: p.value, added: p.added === true, removed: p.removed === true }));

const ATOMS = ['a', 'b', 'word ', '\n', '\r\n', '\r', '\n\n', 'é', '\ud835\udc00', '\ud835', '\udc00', ' ', 'fi'];
const text = fc.array(fc.constantFrom(...ATOMS), { maxLength: 40 }).map((atoms) => atoms.join(''));

/** A stage-like edit of a text of lines: some joined, dropped, inserted or changed. */
function edited(source: string, random: () => number): string {
  const out: string[] = [];
  for (const line of source.split('\n')) {
    const r = random();
    if (r < 0.08) continue;
    if (r < 0.14) out.push(line, `inserted ${Math.floor(random() * 4)}`);
    else if (r < 0.3 && out.length > 0) out[out.length - 1] += ` ${line}`;
    else if (r < 0.36) out.push(line.replace(/e/g, 'é'));
    else out.push(line);
  }
  return out.join('\n');
}

const PARAGRAPH =
  'The council met on Tuesday.\nIt voted to keep the library open\nuntil nine.\n\nResidents welcomed it.';

describe('myers diff', () => {
  it('gives the diff package’s line parts, with and without an edit limit', () => {
    fc.assert(
      fc.property(text, text, fc.integer({ min: 1, max: 8 }), (a, b, limit) => {
        expect(plain(diffLines(a, b))).toEqual(plain(packageLines(a, b)));
        expect(plain(diffLines(a, b, limit))).toEqual(plain(packageLines(a, b, { maxEditLength: limit })));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the diff package’s character parts', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(plain(diffChars(a, b))).toEqual(plain(packageChars(a, b)));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees on stage-like edits of longer texts', () => {
    const random = seededRandom(7);
    const source = Array.from({ length: 60 }, (_, i) => `${PARAGRAPH.split('\n')[i % 5]} ${i}`).join('\n');
    let compared = 0;
    for (let round = 0; round < 40; round++) {
      const after = edited(source, random);
      for (const limit of [3, 2048]) {
        expect(plain(diffLines(source, after, limit))).toEqual(
          plain(packageLines(source, after, { maxEditLength: limit })),
        );
        compared++;
      }
      const piece = source.slice(round * 7, round * 7 + 300);
      const changed = edited(piece, random);
      expect(plain(diffChars(piece, changed))).toEqual(plain(packageChars(piece, changed)));
      compared++;
    }
    expect(compared).toBe(120);
  });

  it('agrees when a small diff follows a large one, and past the kept scratch size', () => {
    // The walk keeps its arrays between calls: a smaller diff must not read a larger one's leftovers.
    const big = 'abc\u00e9\ud835\udc00 '.repeat(400);
    const changed = big.replace(/c/g, 'C');
    expect(plain(diffChars(big, changed))).toEqual(plain(packageChars(big, changed)));
    expect(plain(diffChars('ab', 'ba'))).toEqual(plain(packageChars('ab', 'ba')));
    expect(plain(diffChars('', 'x'))).toEqual(plain(packageChars('', 'x')));
    expect(plain(diffChars('x', ''))).toEqual(plain(packageChars('x', '')));
    // Over a million characters: arrays made for the call, not kept.
    const huge = 'word '.repeat(220_000);
    const edited = `${huge.slice(0, 500_000)}WORD${huge.slice(500_004)}`;
    const parts = diffChars(huge, edited);
    expect(parts.map((p) => p.value).join('')).toHaveLength(huge.length + 4);
    expect(parts.filter((p) => p.added || p.removed)).toHaveLength(2);
    expect(plain(diffChars('ab', 'ba'))).toEqual(plain(packageChars('ab', 'ba')));
  });

  it('gives up past the edit limit as the package does', () => {
    const a = Array.from({ length: 50 }, (_, i) => `line ${i}\n`).join('');
    const b = Array.from({ length: 50 }, (_, i) => `other ${i}\n`).join('');
    expect(diffLines(a, b, 10)).toBeUndefined();
    expect(packageLines(a, b, { maxEditLength: 10 })).toBeUndefined();
  });
});
