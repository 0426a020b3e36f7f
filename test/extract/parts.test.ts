import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/extract/extract.js';
import { ARTICLE_LINES } from './pages.js';

const [P1, P2, P3] = ARTICLE_LINES as [string, string, string];
const TITLE = 'Night buses for the north';
const ARTICLE_HEAD = '<meta property="og:type" content="article">';
const page = (body: string, head = ARTICLE_HEAD): string =>
  `<!doctype html><html lang="en"><head><title>${TITLE}</title>${head}</head><body>${body}</body></html>`;
/** Short beside the story: a part of the page, not its own column (PART_SHARE). */
const BIO = 'Jane Doe covers transport for the City Times.';
const story = (after: string): string =>
  `<div class="post-content"><h1>${TITLE}</h1><p>${P1}</p><p>${P2}</p><p>${P3}</p>${after}</div>`;

describe('extract: class words naming a part of a story page', () => {
  it("drops an article's author box whose class also holds a content word (post-author)", () => {
    const r = extractPage(page(story(`<div class="post-author"><p>${BIO}</p></div>`)));
    expect(r.lines).toEqual([TITLE, P1, P2, P3]);
    expect(r.removals).toEqual([
      { rule: 'class-hint', tag: 'div', text: BIO, length: BIO.length, evidence: { word: 'author' } },
    ]);
  });

  it('keeps the same box on a page that does not declare itself an article (a forum post, a profile)', () => {
    const r = extractPage(page(story(`<div class="post-author"><p>${BIO}</p></div>`), ''));
    expect(r.lines).toEqual([TITLE, P1, P2, P3, BIO]);
    expect(r.removals).toEqual([]);
  });

  it('keeps a block whose part word is only in its id (a heading made into a slug)', () => {
    const r = extractPage(page(story(`<div class="post-section" id="related-reading"><p>${BIO}</p></div>`)));
    expect(r.lines).toEqual([TITLE, P1, P2, P3, BIO]);
    expect(r.removals).toEqual([]);
  });

  it("keeps a layout word beside a content word (the story's column in a theme with a sidebar)", () => {
    const r = extractPage(page(story(`<div class="content-sidebar"><p>${BIO}</p></div>`)));
    expect(r.lines).toEqual([TITLE, P1, P2, P3, BIO]);
    expect(r.removals).toEqual([]);
  });

  it('keeps a block that holds a good share of the text, whatever its class names (the story under a part word)', () => {
    const html = page(
      `<div class="post-content"><h1>${TITLE}</h1><p>${P1}</p><div class="post-meta"><p>${P2}</p><p>${P3}</p></div></div>`,
    );
    const r = extractPage(html);
    expect(r.lines).toEqual([TITLE, P1, P2, P3]);
    expect(r.removals).toEqual([]);
  });
});
