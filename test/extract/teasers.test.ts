import { describe, expect, it } from 'vitest';
import { REMOVED_CAP } from '../../src/extract/content.js';
import { extractPage } from '../../src/extract/extract.js';
import { ARTICLE_LINES } from './pages.js';

const [P1, P2, P3] = ARTICLE_LINES as [string, string, string];
const TITLE = 'Night buses for the north';
const page = (body: string): string =>
  `<!doctype html><html lang="en"><head><title>${TITLE}</title></head><body>${body}</body></html>`;
const P4 =
  'Drivers will be recruited through the spring, and the operator said it expected to train forty new staff before the first routes open to passengers.';
const P5 =
  'Night fares will match day fares, and season tickets will be valid on every night route, the council said in a statement on Wednesday evening after the vote.';
/** Over CARD_MAX characters: the page's own story. */
const STORY = `<article><h1>${TITLE}</h1><p>${P1}</p><p>${P2}</p><p>${P3}</p><p>${P4}</p><p>${P5}</p></article>`;
const TEASERS: [string, string][] = [
  ['Bus fares to rise in May', 'Single tickets will cost more from the first of May.'],
  ['Tram line closed for repairs', 'The eastern tram line is closed until the end of the month.'],
  ['New cycle lanes open', 'Two new cycle lanes opened in the centre on Monday.'],
];
const card = ([title, line]: [string, string], i: number, extra = ''): string =>
  `<article class="card${extra}"><h3><a href="/story/${i}">${title}</a></h3><p>${line}</p></article>`;
const ROW_TEXT = TEASERS.map(([t, l]) => `${t} ${l}`).join(' ');

describe('extract: rows of teaser cards', () => {
  it("drops a row of short linked <article> cards beside the page's own long <article>", () => {
    const r = extractPage(
      page(`<main>${STORY}<section class="more">${TEASERS.map((t, i) => card(t, i)).join('')}</section></main>`),
    );
    expect(r.lines).toEqual([TITLE, P1, P2, P3, P4, P5]);
    expect(r.removals).toEqual([
      {
        rule: 'teaser-row',
        tag: 'section',
        text: ROW_TEXT.slice(0, REMOVED_CAP),
        length: ROW_TEXT.length,
        evidence: { cards: 3 },
      },
    ]);
  });

  it('keeps the cards of a page without a long <article> of its own (a listing)', () => {
    const r = extractPage(
      page(`<main><h1>Latest</h1><section>${TEASERS.map((t, i) => card(t, i)).join('')}</section></main>`),
    );
    expect(r.lines).toEqual(TEASERS.flat());
    expect(r.removals.map((x) => x.rule)).toEqual(['outside-content']);
  });

  it('keeps short <article>s labelled comments, and short ones that do not link (replies in a thread)', () => {
    const labelled = TEASERS.map((t, i) => card(t, i, ' comment')).join('');
    const unlinked = TEASERS.map(([t, l]) => `<article><p>${t}. ${l}</p></article>`).join('');
    for (const items of [labelled, unlinked]) {
      const r = extractPage(page(`<main>${STORY}<section>${items}</section></main>`));
      // Not taken for cards: what happens to them is the root's rule (they are not the story).
      expect(r.lines).toEqual([TITLE, P1, P2, P3, P4, P5]);
      expect(r.removals.map((x) => x.rule)).toEqual(['outside-content']);
    }
  });

  it('keeps two cards (fewer than a row)', () => {
    const r = extractPage(
      page(
        `<main>${STORY}<section>${TEASERS.slice(0, 2)
          .map((t, i) => card(t, i))
          .join('')}</section></main>`,
      ),
    );
    expect(r.removals.filter((x) => x.rule === 'teaser-row')).toEqual([]);
  });
});
