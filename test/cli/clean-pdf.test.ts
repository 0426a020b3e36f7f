import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../support/cli.js';

const FIXTURES = join(ROOT, 'test/fixtures/pdf');
const readJsonl = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('cleanwire clean on PDF files', () => {
  it('reads PDFs made by pdflatex and groff back to their source text, and rejects bad PDFs with a reason', async () => {
    const input = tempDir();
    const out = tempDir();
    const names = ['latex.pdf', 'groff.pdf', 'encrypted.pdf', 'image-only.pdf', 'truncated.pdf', 'garbage.pdf'];
    for (const name of names) copyFileSync(join(FIXTURES, name), join(input, name));
    // pdftotext's text of the same two PDFs (form feeds between pages): the same furniture goes.
    for (const name of ['latex.pdftotext.txt', 'groff.pdftotext.txt'])
      copyFileSync(join(FIXTURES, name), join(input, name));
    const result = await runCli(['clean', input, '--out', out, '--no-progress']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('4 article(s), 4 rejected');

    // The typeset source (test/fixtures/pdf/body.txt; make.sh builds both PDFs from it): title,
    // paragraphs, no running head ("The Harbour Gazette"), no page numbers, ligatures (fi, ffi,
    // ff) and the paragraphs that run across page breaks whole. Typesetting curls apostrophes.
    const source = readFileSync(join(FIXTURES, 'body.txt'), 'utf8');
    for (const name of ['latex', 'groff']) {
      const text = readFileSync(join(out, `${name}.txt`), 'utf8');
      expect(text.replaceAll('\u2019', "'")).toBe(source);
    }
    // From pdftotext the words come back in order, none of the page furniture with them (how
    // the lines of a paragraph are joined is unwrap's business).
    const words = (text: string) => text.replaceAll('\u2019', "'").split(/\s+/).join(' ');
    for (const name of ['latex', 'groff'])
      expect(words(readFileSync(join(out, `${name}.pdftotext.txt`), 'utf8'))).toBe(words(source));
    const articles = readJsonl(join(out, 'articles.jsonl')).filter((a) => String(a.source).endsWith('.pdf'));
    expect(articles.map((a) => [a.source, a.title])).toEqual([
      ['groff.pdf', 'Harbour Council Approves Ferry Terminal Plan'],
      ['latex.pdf', 'Harbour Council Approves Ferry Terminal Plan'],
    ]);
    // Every page furniture removal is on record.
    const latex = articles.find((a) => a.source === 'latex.pdf') as {
      changes: { stage: string; rule: string; removed?: string }[];
    };
    const pages = latex.changes.filter((c) => c.stage === 'pages');
    expect(pages.filter((c) => c.rule === 'running-head').map((c) => c.removed)).toEqual([
      'The Harbour Gazette Vol. 12',
      'The Harbour Gazette Vol. 12',
    ]);
    expect(pages.filter((c) => c.rule === 'page-number').map((c) => c.removed)).toEqual(['1', '2']);

    const rejected = readJsonl(join(out, 'rejected.jsonl')).map((r) => [r.source, r.reason]);
    expect(rejected.sort()).toEqual([
      ['encrypted.pdf', 'pdf-encrypted'],
      ['garbage.pdf', 'pdf-unreadable'],
      ['image-only.pdf', 'pdf-no-text'],
      ['truncated.pdf', 'pdf-unreadable'],
    ]);
  });
});
