/** A page that declares itself a discussion keeps its replies, whatever their class says. */
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/extract/extract.js';
import { ARTICLE_LINES } from './pages.js';

const [P1, P2, P3] = ARTICLE_LINES as [string, string, string];
const first = `<div class="first"><p>${P1}</p><p>${P2}</p><p>${P3}</p></div>`;
const replies = `<div class="comments"><div class="comment"><p>${P2}</p></div><div class="comment"><p>${P3}</p></div></div>`;

describe('extract: replies on a discussion page', () => {
  it('keeps replies labelled comments when the page declares a discussion (JSON-LD)', () => {
    const page = `<html><head><script type="application/ld+json">{"@type":"DiscussionForumPosting","headline":"Night buses"}</script></head>
<body><div class="thread">${first}${replies}</div></body></html>`;
    const r = extractPage(page);
    expect(r.metadata.kind).toBe('discussion');
    expect(r.lines).toEqual([P1, P2, P3, P2, P3]);
    expect(r.removals).toEqual([]);
  });

  it('leaves an undeclared page and an article alone: the thread labelled comments goes', () => {
    for (const head of ['', '<meta property="og:type" content="article">']) {
      const page = `<html><head>${head}</head><body><div class="thread">${first}${replies}</div></body></html>`;
      const r = extractPage(page);
      expect(r.lines).toEqual([P1, P2, P3]);
      expect(r.removals).toHaveLength(1);
      expect(r.removals[0]?.text).toBe(`${P2} ${P3}`.slice(0, 200));
      expect(r.removals[0]?.length).toBe(P2.length + 1 + P3.length);
    }
  });
});
