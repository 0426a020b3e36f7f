/**
 * Spans: every change also says where it sits in the original input, whatever the stages before
 * it did to the offsets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/core/document.js';
import { documentFromBytes } from '../../src/ingest/read.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import { runStages } from '../../src/pipeline/run.js';
import { alignRuns, composeRuns, mapPosition, runsFromChanges, withSpan } from '../../src/pipeline/spans.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { makeDocument } from '../support/document.js';
import { best } from '../support/growth.js';

const runsOf = (runs: number[]) => Array.from({ length: runs.length / 3 }, (_, i) => runs.slice(i * 3, i * 3 + 3));

describe('alignRuns', () => {
  it('finds only true copies, in order, and covers everything an edit left alone', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.array(fc.tuple(fc.nat(300), fc.nat(20), fc.string({ maxLength: 8 })), { maxLength: 6 }),
        (before, edits) => {
          let after = before;
          for (const [at, cut, put] of edits) {
            const i = Math.min(at, after.length);
            after = after.slice(0, i) + put + after.slice(i + cut);
          }
          const runs = alignRuns(before, after);
          let lastOut = 0;
          let lastBase = 0;
          let covered = 0;
          for (const [out = 0, base = 0, length = 0] of runsOf(runs)) {
            expect(after.slice(out, out + length)).toBe(before.slice(base, base + length));
            expect(out).toBeGreaterThanOrEqual(lastOut);
            expect(base).toBeGreaterThanOrEqual(lastBase);
            lastOut = out + length;
            lastBase = base + length;
            covered += length;
          }
          if (edits.length === 0) expect(covered).toBe(before.length);
        },
      ),
    );
  });

  it('keeps whole common ends however they fall against the chunks they are compared in', () => {
    const body = 'ab\ud835\udc00cd\n'.repeat(40);
    for (const at of [0, 1, 63, 64, 65, 127, 128, 129, body.length - 1]) {
      const after = `${body.slice(0, at)}X${body.slice(at + 1)}`;
      const runs = alignRuns(body, after);
      let prefix = 0;
      while (body[prefix] === after[prefix] && prefix < body.length) prefix++;
      let suffix = 0;
      while (suffix < body.length - prefix && body.at(-1 - suffix) === after.at(-1 - suffix)) suffix++;
      const first = runs.slice(0, 3);
      const last = runs.slice(-3);
      if (prefix) expect(first).toEqual([0, 0, prefix]);
      if (suffix) expect(last).toEqual([after.length - suffix, body.length - suffix, suffix]);
    }
  });

  it('composes stage maps: positions go back through both stages', () => {
    const base = 'The  quick brown fox\njumps over\nthe lazy dog.';
    const mid = base.replace('  ', ' '); // a stage collapses a double space
    const out = mid.replace('jumps over\n', ''); // a later stage drops a line
    const map = composeRuns(alignRuns(mid, out), alignRuns(base, mid));
    const at = out.indexOf('lazy');
    expect(base.slice(mapPosition(map, at), mapPosition(map, at) + 4)).toBe('lazy');
  });
});

describe('runsFromChanges', () => {
  it('reads the map off records that account for every edit, and declines records that do not', () => {
    const before = 'aa  bb confl ict cc\nLeave a Reply\ndd';
    const changes = [
      { stage: 's', rule: 'space', offset: 2, removed: '  ', inserted: ' ' },
      { stage: 's', rule: 'lig', offset: 7, removed: 'confl ict', inserted: 'conflict' },
      { stage: 's', rule: 'footer', offset: 20, removed: 'Leave a Reply\n' },
    ];
    const after = 'aa bb conflict cc\ndd';
    const runs = runsFromChanges(before, after, changes) ?? [];
    for (const [out = 0, base = 0, length = 0] of runsOf(runs))
      expect(after.slice(out, out + length)).toBe(before.slice(base, base + length));
    expect(mapPosition(runs, after.indexOf('dd'))).toBe(before.indexOf('dd'));
    // A record that summarises (the second double space not listed) does not account for the text.
    expect(
      runsFromChanges('a  b  c', 'a b c', [{ stage: 's', rule: 'space', offset: 1, removed: '  ', inserted: ' ' }]),
    ).toBeUndefined();
  });
});

describe('change spans through the pipeline', () => {
  it('places a later stage’s removal in the original text after earlier stages shifted it', async () => {
    const text = [
      'Harbour   reopens after the storm',
      'The harbour reopened on Tuesday after a storm closed it for three days, the port authority said.',
      'Fishing boats returned to the quay in the morning, and the ferry resumed its timetable.',
      'Leave a Reply',
      'Your email address will not be published. Required fields are marked *',
    ].join('\n');
    const doc = documentFromBytes(Buffer.from(text), {
      source: 'a.txt',
      sourceKey: 's',
      output: 'a.txt',
      format: 'text',
    });
    const outcome = await runStages(doc, createPipeline(), { store: createMemoryStore(), learn: true });
    const later = outcome.doc.changes.filter((c) => c.stage === 'boilerplate' && c.removed);
    expect(later.length).toBeGreaterThan(0);
    for (const change of later) {
      const [start, end] = change.span ?? [-1, -1];
      // The repeated spaces collapsed by normalize moved every offset after them; the span did not.
      expect(text.slice(start, end)).toBe(change.removed);
      expect(start).not.toBe(change.offset);
    }
  });
});

describe('alignRuns past the line diff cap', () => {
  it('aligns with copies of the input only, and keeps most of it', () => {
    // 6,000 blank lines dropped and a few lines rewritten: past the exact diff's 2,048 edits.
    const lines = Array.from({ length: 6000 }, (_, i) => `Line ${i} of the text.`);
    const before = lines.map((line) => `${line}\n\n`).join('');
    const after = lines.map((line, i) => (i % 500 === 7 ? `${line} (edited)\n` : `${line}\n`)).join('');
    const runs = alignRuns(before, after);
    let kept = 0;
    for (let k = 0; k < runs.length; k += 3) {
      const [out = 0, base = 0, length = 0] = runs.slice(k, k + 3);
      expect(after.slice(out, out + length)).toBe(before.slice(base, base + length));
      kept += length;
    }
    expect(kept / after.length).toBeGreaterThan(0.95);
  });
});

describe('withSpan', () => {
  const record = fc.record(
    {
      stage: fc.constantFrom('unwrap', 'gate', 'normalize'),
      rule: fc.string({ maxLength: 12, unit: 'binary' }),
      offset: fc.nat(),
      removed: fc.string({ maxLength: 8, unit: 'binary' }),
      inserted: fc.string({ maxLength: 8, unit: 'binary' }),
      evidence: fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string({ maxLength: 6 }), fc.integer())),
      span: fc.tuple(fc.nat(), fc.nat()),
    },
    { requiredKeys: ['stage', 'rule', 'offset'] },
  );

  it('writes the record as a spread would: same keys, same order, a span there before replaced in place', () => {
    fc.assert(
      fc.property(record, fc.tuple(fc.nat(), fc.nat()), (change, span) => {
        expect(JSON.stringify(withSpan(change, span))).toBe(JSON.stringify({ ...change, span }));
        expect(withSpan(change, span)).not.toBe(change);
      }),
    );
  });

  it('costs linear time in the records of a huge run of hyphen breaks (unwrap, then the spans)', async () => {
    // A 'negotia-' line after line: unwrap writes one `dehyphenated` record a line, and each gets its span.
    const unwrap = createPipeline().find((stage) => stage.name === 'unwrap');
    if (!unwrap) throw new Error('no unwrap stage');
    const doc = (lines: number) => makeDocument(`Headline\n${'negotia-\n'.repeat(lines)}tions end here.`);
    const [small, large] = [doc(20_000), doc(160_000)];
    const outcome = await runStages(small, [unwrap], { store: createMemoryStore(), learn: false });
    // Most breaks join (a split word read back past 64 letters is left alone).
    expect(outcome.doc.changes.length).toBeGreaterThan(15_000);
    expect(outcome.doc.changes.every((c) => c.span !== undefined)).toBe(true);
    // A text stage runs synchronously inside runStages: its CPU time is taken before the promise settles.
    const time = (d: Document) => () => void runStages(d, [unwrap], { store: createMemoryStore(), learn: false });
    const a = best(time(small), 2);
    const b = best(time(large), 2);
    expect(b / Math.max(a, 10), `${a.toFixed(1)} -> ${b.toFixed(1)} ms`).toBeLessThan(24);
  });
});
