import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfToText } from '../../src/ingest/pdf.js';
import { pageText } from '../../src/ingest/pdf-layout.js';
import { ROOT } from '../support/cli.js';

const fixture = (name: string) => new Uint8Array(readFileSync(join(ROOT, 'test/fixtures/pdf', name)));

describe('pdfToText', () => {
  it('ends every page with a form feed, as pdftotext does', async () => {
    const result = await pdfToText(fixture('groff.pdf'));
    if (!('text' in result)) throw new Error(result.message);
    expect(result.pages).toBe(3);
    expect(result.text.match(/\f/g)).toHaveLength(3);
    expect(result.text.endsWith('\n\f')).toBe(true);
  });

  it('reads at most maxPages pages', async () => {
    const result = await pdfToText(fixture('groff.pdf'), { maxPages: 1 });
    if (!('text' in result)) throw new Error(result.message);
    expect(result.pages).toBe(1);
    expect(result.text.match(/\f/g)).toHaveLength(1);
  });

  it('gives up past the time bound with pdf-unreadable, and never throws on hostile bytes', async () => {
    expect(await pdfToText(fixture('latex.pdf'), { timeoutMs: 0 })).toMatchObject({ reason: 'pdf-unreadable' });
    for (const bytes of [
      new Uint8Array(),
      new Uint8Array(4096).fill(0xff),
      new TextEncoder().encode('%PDF-1.7\n1 0 obj <<'),
    ]) {
      expect(await pdfToText(bytes)).toMatchObject({ reason: 'pdf-unreadable' });
    }
  });

  it('names the reason: encrypted, image-only, truncated', async () => {
    expect(await pdfToText(fixture('encrypted.pdf'))).toMatchObject({ reason: 'pdf-encrypted' });
    expect(await pdfToText(fixture('image-only.pdf'))).toMatchObject({ reason: 'pdf-no-text' });
    expect(await pdfToText(fixture('truncated.pdf'))).toMatchObject({ reason: 'pdf-unreadable' });
  });
});

describe('pageText', () => {
  const line = (str: string, x: number, y: number, width = str.length * 5) => ({ str, x, y, width, size: 10 });

  it('reads two columns left first, a full-width title above them, and joins a paragraph per line', () => {
    const left = ['The left column starts', 'here and it goes on', 'to its end.'];
    const right = ['The right column', 'comes after it and', 'ends too.'];
    const fragments = [
      line('A Title Across Both Columns Of The Page Here', 100, 800, 400),
      ...left.map((s, i) => line(s, 72, 760 - 12 * i, 220)),
      ...right.map((s, i) => line(s, 320, 760 - 12 * i, 220)),
      line('short.', 72, 724, 25),
      line('again.', 320, 724, 25),
    ];
    expect(pageText(fragments, 612)).toBe(
      'A Title Across Both Columns Of The Page Here\n\nThe left column starts here and it goes on to its end. short.\n\nThe right column comes after it and ends too. again.',
    );
  });

  it('keeps a hyphen at a line end on its own line for unwrap, and spaces runs that do not touch', () => {
    const fragments = [line('negotia-', 72, 700, 300), line('tion', 72, 688, 20), line('went', 100, 688, 20)];
    expect(pageText(fragments, 612)).toBe('negotia-\ntion went');
  });
});

describe('pageText across the gutter', () => {
  it('runs a paragraph on from the foot of the left column to the top of the right', () => {
    const at = (str: string, x: number, y: number) => ({ str, x, y, width: 220, size: 10 });
    const fragments = [
      at('The left column starts', 72, 760),
      at('here and it goes on', 72, 748),
      at('without an end', 72, 736),
      at('and ends in the right.', 320, 760),
      at('The right column', 320, 748),
      at('goes on to its end.', 320, 736),
    ];
    expect(pageText(fragments, 612)).toBe(
      'The left column starts here and it goes on without an end and ends in the right. The right column goes on to its end.',
    );
  });
});
