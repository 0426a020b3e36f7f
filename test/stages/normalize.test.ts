import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change, Document } from '../../src/core/document.js';
import { createNormalize } from '../../src/stages/normalize.js';
import { makeDocument } from '../support/document.js';
import { readSeed } from '../support/seeds.js';

const textDoc = (text: string): Document => makeDocument(text, { source: 'site/a.txt', output: 'site/a.txt' });

const normalize = createNormalize();
const run = (text: string) => {
  const outcome = normalize.run(textDoc(text));
  if (outcome.action !== 'keep') throw new Error('normalize never drops');
  return { text: outcome.doc.text, changes: outcome.doc.changes };
};

const rec = (rule: string, offset: number, removed: string, inserted: string, count: number): Change => ({
  stage: 'normalize',
  rule,
  offset,
  ...(removed ? { removed } : {}),
  ...(inserted ? { inserted } : {}),
  evidence: { count },
});

describe('normalize: mojibake', () => {
  it('repairs UTF-8 read as windows-1252, one record with the count and the first repair', () => {
    expect(run('He said â€œhelloâ€\u009d and itâ€™s done â€” really â€“ cafÃ© and Ã©tÃ©.')).toEqual({
      text: 'He said “hello” and it’s done — really – café and été.',
      changes: [rec('mojibake', 8, 'â€œ', '“', 8)],
    });
  });

  it('repairs text misread twice', () => {
    expect(run('Addressing ConsumersÃ¢â‚¬â„¢ Concerns')).toEqual({
      text: 'Addressing Consumers’ Concerns',
      changes: [rec('mojibake', 20, 'Ã¢', 'â', 4)],
    });
  });

  it('repairs by re-encoding, not from a table: Cyrillic, emoji, a misread pound sign', () => {
    expect(run('Ð¿Ñ€Ð¸Ð²ÐµÑ‚ ðŸ˜€ Â£5').text).toBe('привет 😀 £5');
  });

  it('repairs an uppercase letter mid-word, and a Latin letter on document evidence', () => {
    expect(run('Ã‰cole').text).toBe('École');
    expect(run('Ä‡ alone').text).toBe('Ä‡ alone');
    expect(run('Ä‡ with itâ€™s').text).toBe('ć with it’s');
  });

  it('leaves legitimate text that holds such byte patterns alone', () => {
    const legit = 'Größe, „Gruß“, l’été…” São Paulo, ÂGE, OLÉ”, naïve café, 3×–4, ¿Qué?';
    expect(run(legit)).toEqual({ text: legit, changes: [] });
    // Even when the document has real mojibake elsewhere.
    expect(run(`${legit} itâ€™s`).text).toBe(`${legit} it’s`);
  });

  it('can be turned off', () => {
    const off = createNormalize({ repairMojibake: false }).run(textDoc('itâ€™s'));
    expect(off.doc.text).toBe('itâ€™s');
  });
});

describe('normalize: characters', () => {
  it('replaces ligature glyphs with their letters', () => {
    expect(run('ﬁnal ﬂow ﬀ ﬃ ﬄ ﬅ ﬆ')).toEqual({
      text: 'final flow ff ffi ffl st st',
      changes: [rec('ligature-glyph', 0, 'ﬁ', 'fi', 7)],
    });
    expect(createNormalize({ expandLigatures: false }).run(textDoc('ﬁnal')).doc.text).toBe('ﬁnal');
  });

  it('removes zero-width characters, keeping joiners that spell emoji and Persian words', () => {
    expect(run('a\u200Bb\u2060c\uFEFFd')).toEqual({ text: 'abcd', changes: [rec('zero-width', 1, '\u200B', '', 3)] });
    const meaningful = 'family 👨\u200D👩\u200D👧 and می\u200Cخواهم';
    expect(run(meaningful)).toEqual({ text: meaningful, changes: [] });
  });

  it('removes soft hyphens and control characters', () => {
    expect(run('co\u00ADoperate')).toEqual({ text: 'cooperate', changes: [rec('soft-hyphen', 2, '\u00AD', '', 1)] });
    expect(run('a\u0001b\u007Fc\u0090d')).toEqual({ text: 'abcd', changes: [rec('control-char', 1, '\u0001', '', 3)] });
  });

  it('turns paragraph separators into line breaks and U+2028 into a space', () => {
    expect(run('a\u2029b\u0085c\u2028d')).toEqual({
      text: 'a\nb\nc d',
      changes: [rec('paragraph-separator', 1, '\u2029', '\n', 2), rec('line-separator', 5, '\u2028', ' ', 1)],
    });
  });

  it('turns Unicode spaces and tabs into plain spaces', () => {
    expect(run('a\u00a0b\u2009c\td\u3000e')).toEqual({
      text: 'a b c d e',
      changes: [rec('unicode-space', 1, '\u00a0', ' ', 4)],
    });
  });

  it('normalises to NFC, recording each changed character', () => {
    expect(run('Cafe\u0301 and nai\u0308ve')).toEqual({
      text: 'Café and naïve',
      changes: [rec('nfc', 3, 'e\u0301', 'é', 2)],
    });
    expect(run('Café already composed')).toEqual({ text: 'Café already composed', changes: [] });
  });
});

describe('normalize: white space', () => {
  it('trims lines, collapses repeated spaces and empties space-only lines', () => {
    expect(run('  lead\ttrail  \nx  y   z\n   \nend')).toEqual({
      text: 'lead trail\nx y z\n\nend',
      changes: [
        rec('leading-space', 0, '  ', '', 1),
        rec('unicode-space', 6, '\t', ' ', 1),
        rec('trailing-space', 12, '  ', '', 1),
        rec('repeated-space', 16, '  ', ' ', 2),
        rec('space-only-line', 24, '   ', '', 1),
      ],
    });
  });

  it('keeps single blank lines, collapses runs and removes leading and trailing ones', () => {
    expect(run('\n\nA\n\n\n\nB\n\nC\n\n')).toEqual({
      text: 'A\n\nB\n\nC',
      changes: [
        rec('leading-newlines', 0, '\n\n', '', 1),
        rec('blank-lines', 5, '\n\n', '', 1),
        rec('trailing-newlines', 11, '\n\n', '', 1),
      ],
    });
  });

  it('gives offsets in the text it received, across passes', () => {
    expect(run('itâ€™s  good\u00a0 now')).toEqual({
      text: 'it’s good now',
      changes: [
        rec('mojibake', 2, 'â€™', '’', 1),
        rec('repeated-space', 6, '  ', ' ', 2),
        rec('unicode-space', 12, '\u00a0', ' ', 1),
      ],
    });
  });

  it('writes one record per rule however often it fires', () => {
    const text = 'word  '.repeat(500).trimEnd();
    const out = run(text);
    expect(out.text).toBe('word '.repeat(500).trimEnd());
    expect(out.changes).toEqual([rec('repeated-space', 4, '  ', ' ', 499)]);
  });
});

describe('normalize: leaves clean text alone', () => {
  it('changes nothing in clean text, including a seed', () => {
    const seed = readSeed('000_91262211253a423d.txt');
    expect(run(seed)).toEqual({ text: seed, changes: [] });
    expect(run('Head\n\nOne paragraph.\nAnother.')).toEqual({ text: 'Head\n\nOne paragraph.\nAnother.', changes: [] });
  });

  it('collapses the run of blank lines in seed 002 and nothing else', () => {
    const seed = readSeed('002_ce49ac1db8a694aa.txt');
    const out = run(seed);
    expect(out.text).toBe(seed.replace('\n\n\n\n', '\n\n'));
    expect(out.changes).toEqual([rec('blank-lines', 2354, '\n\n', '', 1)]);
  });

  // Its time grows linearly: test/stages/growth.test.ts.
  it('cleans a 20 MB single line', () => {
    const line = 'word '.repeat(4 * 1024 * 1024);
    const out = run(line);
    expect(out.changes).toEqual([rec('trailing-space', line.length - 1, ' ', '', 1)]);
  });
});

describe('normalize: options and idempotence', () => {
  it('rejects bad options, quoting the bad value', () => {
    expect(() => createNormalize({ repairMojibake: 'yes' } as never)).toThrow(
      'normalize: option `repairMojibake` must be a boolean, got "yes"',
    );
    expect(() => createNormalize({ nfc: false } as never)).toThrow(
      'normalize: unknown option "nfc" (known: repairMojibake, expandLigatures)',
    );
  });

  it('is idempotent, and its output keeps the white-space contract', () => {
    const alphabet = fc.constantFrom(
      ...'ab Z.\n\t\u00a0\u200b\u00ad\u2028\u2029ﬁÃ©â€™\u009d“”Â£ß\u0301e\u0001ÐÑ¿',
      'â€œ',
      'Ã¢â‚¬â„¢',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }), (parts) => {
        const once = run(parts.join('')).text;
        expect(run(once)).toEqual({ text: once, changes: [] });
        expect(once).not.toMatch(/ {2}|^ | $/m);
        expect(once).not.toMatch(/\n{3}|^\n|\n$/);
      }),
      { numRuns: 500 },
    );
  });
});
