import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/core/document.js';
import { createPages, type PagesOptions } from '../../src/stages/pages.js';
import { makeDocument } from '../support/document.js';

const run = (text: string, options: PagesOptions = {}) => {
  const outcome = createPages(options).run(makeDocument(text));
  if (outcome.action !== 'keep') throw new Error('pages never drops');
  return { text: outcome.doc.text, changes: outcome.doc.changes };
};

const rec = (rule: string, offset: number, removed: string, evidence: Change['evidence']): Change => ({
  stage: 'pages',
  rule,
  offset,
  removed,
  ...(evidence ? { evidence } : {}),
});

/** pdftotext's shape: blocks with blank lines between, every page ending in a form feed. */
const pdftotext = (pages: string[][]): string => pages.map((lines) => `${lines.join('\n')}\n\f`).join('');

describe('pages', () => {
  it('leaves text without form feeds untouched', () => {
    const text = 'Journal of Things\nA line.\n\n12\nJournal of Things\n';
    expect(run(text)).toEqual({ text, changes: [] });
  });

  it('removes running heads (digits may differ) and page numbers, and joins a hyphenated page end', () => {
    const text = pdftotext([
      ['The Title of the Paper', '', 'The talks went on all night before the negotia-', '', '1'],
      ['Journal of Things, Vol. 3, p. 2', '', 'tion was over. It ended well.', '', '2'],
      ['Journal of Things, Vol. 3, p. 3', '', 'Then the delegates went home.', '', '3'],
    ]);
    const { text: out, changes } = run(text);
    expect(out).toBe(
      'The Title of the Paper\n\nThe talks went on all night before the negotia-\ntion was over. It ended well.\n\nThen the delegates went home.\n',
    );
    const at = (s: string, from = 0) => text.indexOf(s, from);
    expect(changes).toEqual([
      rec('page-number', at('1\n\f'), '1', { page: 1, form: 'counter', pages: 3 }),
      rec('page-join', at('\f'), '\f', { page: 2, hyphen: 1 }),
      rec('running-head', at('Journal of Things, Vol. 3, p. 2'), 'Journal of Things, Vol. 3, p. 2', {
        pages: 2,
        of: 3,
      }),
      rec('page-number', at('2\n\f'), '2', { page: 2, form: 'counter', pages: 3 }),
      rec('page-break', at('\f', at('\f') + 1), '\f', { page: 3 }),
      rec('running-head', at('Journal of Things, Vol. 3, p. 3'), 'Journal of Things, Vol. 3, p. 3', {
        pages: 2,
        of: 3,
      }),
      rec('page-number', at('3\n\f'), '3', { page: 3, form: 'counter', pages: 3 }),
    ]);
  });

  it('takes "Page 3 of 9" and "- 4 -" labels off page edges', () => {
    const text = 'First page text ends here.\nPage 1 of 2\f- 2 -\nSecond page text ends here.\n\f';
    const { text: out, changes } = run(text);
    expect(out).toBe('First page text ends here.\nSecond page text ends here.\n');
    expect(changes.map((c) => [c.rule, c.removed])).toEqual([
      ['page-number', 'Page 1 of 2'],
      ['page-break', '\f'],
      ['page-number', '- 2 -'],
    ]);
  });

  it('keeps a paragraph break between pages when the page ends a sentence and the extractor left a blank line', () => {
    const text = 'One paragraph ends here.\n\n\fAnother one starts here.\n\f';
    expect(run(text).text).toBe('One paragraph ends here.\n\nAnother one starts here.\n');
  });

  it('joins paragraph lines that run on to the next page on one line', () => {
    const long = 'word '.repeat(25).trim();
    const { text, changes } = run(`${long} and\n\f${long}.\n\f`);
    expect(text).toBe(`${long} and ${long}.\n`);
    expect(changes).toEqual([{ ...rec('page-join', long.length + 5, '\f', { page: 2, hyphen: 0 }), inserted: ' ' }]);
  });

  it('joins a sentence that runs on to the next page without a hyphen', () => {
    const { text, changes } = run('The minister said that\n\n\fthe talks would go on.\n\f');
    expect(text).toBe('The minister said that\nthe talks would go on.\n');
    expect(changes).toEqual([rec('page-join', 24, '\f', { page: 2, hyphen: 0 })]);
  });

  it('leaves a line repeated in the body alone, and a head seen on too few pages', () => {
    const body = (n: number) => [
      `Chorus line`,
      `Verse ${n} of the song goes here and on.`,
      'Chorus line',
      `Closing ${n}.`,
    ];
    const pages = Array.from({ length: 6 }, (_, i) => ['Song Book', ...body(i + 1)]);
    pages[0] = ['Song Book', 'Only the first page has this heading', ...body(1)];
    const text = pdftotext(pages);
    const { text: out, changes } = run(text, { band: 1 });
    // "Song Book" heads every page; "Chorus line" is inside the body (not at an edge with band 1)
    // and stays on every page, as does the heading only the first page has.
    expect(changes.filter((c) => c.rule === 'running-head')).toHaveLength(6);
    expect(out.match(/Chorus line/g)).toHaveLength(12);
    expect(out.startsWith('Only the first page has this heading\nChorus line')).toBe(true);
  });

  it('takes a masthead off every page, the first too, but leaves bare numbers that do not count pages', () => {
    const text = pdftotext([
      ['Annual Report', 'The year went well.', '42'],
      ['Annual Report', 'Sales grew.', '7'],
    ]);
    const { text: out, changes } = run(text);
    expect(out).toBe('The year went well.\n42\nSales grew.\n7\n');
    expect(changes.map((c) => c.rule)).toEqual(['running-head', 'page-break', 'running-head']);
  });

  it('stops at the first line from the edge that is not furniture', () => {
    // Page 1's "4" is body text (not at an edge), so page 2's "5" counts nothing (nor is it page 2).
    const text = 'Intro.\nSome text.\n4\nMore text.\nThe body line.\n\fMore text.\n5\n\f';
    const { changes } = run(text);
    expect(changes.filter((c) => c.rule === 'page-number').map((c) => c.removed)).toEqual([]);
  });

  it("takes a page's own number off its edge, and a short line standing between it and the edge", () => {
    const words = ['', 'apples', 'pears'];
    const body = (n: number) =>
      [`Line one of ${words[n]}.`, `Line two of ${words[n]}.`, `Line three of ${words[n]}.`].join('\n');
    const text = `Title of the piece\n${body(1)}\n\fsite.example\n\n–2\n\n${body(2)}\n\f`;
    const { text: out, changes } = run(text);
    expect(out).toBe(`Title of the piece\n${body(1)}\n\n${body(2)}\n`);
    expect(changes.filter((c) => c.rule !== 'page-break')).toEqual([
      rec('running-head', text.indexOf('site.example'), 'site.example', { beside: 'page-number' }),
      rec('page-number', text.indexOf('–2'), '–2', { page: 2, form: 'own-number' }),
    ]);
  });

  it('takes a masthead that carries its own page number off a one-page document, not a line ending in another number', () => {
    expect(run('The Gazette Page 1\nA headline\nThe body.\n\f')).toEqual({
      text: 'A headline\nThe body.\n',
      changes: [rec('running-head', 0, 'The Gazette Page 1', { page: 1, form: 'own-number' })],
    });
    expect(run('Chapter 2\nA headline\nThe body.\n\f').text).toBe('Chapter 2\nA headline\nThe body.\n');
    expect(run('The Gazette Page 7\nA headline\nThe body.\n\f').text).toBe(
      'The Gazette Page 7\nA headline\nThe body.\n',
    );
  });

  it('drops the form feeds of empty pages', () => {
    const { text, changes } = run('Text one.\n\f\n\fText two.\n\f');
    expect(text).toBe('Text one.\nText two.\n');
    expect(changes.map((c) => [c.rule, c.offset])).toEqual([
      ['page-break', 10],
      ['page-break', 12],
    ]);
  });

  it('validates its options, quoting the bad value', () => {
    expect(() => createPages({ band: 0 })).toThrow(/0/);
    expect(() => createPages({ minShare: 2 })).toThrow(/2/);
    expect(() => createPages({ bogus: 1 } as PagesOptions)).toThrow(/bogus/);
  });
});

describe('pages on any text', () => {
  const pieces = fc.constantFrom(
    '\f',
    '\n',
    '\n\n',
    '12',
    'Page 3 of 9',
    '- 4 -',
    'Journal 7',
    'word-',
    'tion.',
    'The end.',
    'and',
    ' ',
    'x',
  );
  it('never throws, leaves no form feed, and every record quotes the input at its offset', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const { text: out, changes } = run(text);
        if (!text.includes('\f')) return out === text && changes.length === 0;
        expect(out).not.toContain('\f');
        for (const c of changes) expect(text.slice(c.offset, c.offset + (c.removed ?? '').length)).toBe(c.removed);
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
