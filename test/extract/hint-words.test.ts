import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/extract/extract.js';
import { ARTICLE_LINES } from './pages.js';

const [P1, P2, P3] = ARTICLE_LINES as [string, string, string];
const TITLE = 'Night buses for the north';
const page = (body: string): string =>
  `<!doctype html><html lang="en"><head><title>${TITLE}</title></head><body>${body}</body></html>`;
const NOTE = 'This article is for general information only and is not legal or financial advice.';
const SYNDICATED = 'This story first appeared in the Northern Courier and is republished under licence.';

describe('extract: disclaimer and syndication class words', () => {
  it('drops a disclaimer and a syndication note below the story, each as a class hint', () => {
    const r = extractPage(
      page(
        `<div class="story"><h1>${TITLE}</h1><p>${P1}</p><p>${P2}</p><p>${P3}</p>` +
          `<p class="disclaimer">${NOTE}</p><div class="syndication-note"><p>${SYNDICATED}</p></div></div>`,
      ),
    );
    expect(r.lines).toEqual([TITLE, P1, P2, P3]);
    expect(r.removals).toEqual([
      { rule: 'class-hint', tag: 'p', text: NOTE, length: NOTE.length, evidence: { word: 'disclaimer' } },
      {
        rule: 'class-hint',
        tag: 'div',
        text: SYNDICATED,
        length: SYNDICATED.length,
        evidence: { word: 'syndication' },
      },
    ]);
  });

  it('keeps a block so labelled when it holds the page (no body of its own without it)', () => {
    const r = extractPage(page(`<h1>${TITLE}</h1><div class="disclaimer"><p>${P1}</p><p>${P2}</p><p>${P3}</p></div>`));
    expect(r.lines).toEqual([P1, P2, P3]);
    // The headline beside it goes by the root's rule; the labelled block stays.
    expect(r.removals.map((x) => [x.rule, x.text])).toEqual([['outside-content', TITLE]]);
  });
});
