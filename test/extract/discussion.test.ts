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

describe("extract: posters' profile fields on a discussion page", () => {
  const fields = (joined: string, posts: string): string =>
    `<dl class="pairs"><dt>Joined</dt><dd>${joined}</dd><dt>Posts</dt><dd>${posts}</dd></dl>`;
  const posts = [P1, P2, P3]
    .map(
      (p, i) =>
        `<div class="post"><div class="who">user${i}${fields(`May ${i + 1}, 2024`, String(10 * i))}</div><p>${p}</p></div>`,
    )
    .join('');
  const ld = '<script type="application/ld+json">{"@type":"DiscussionForumPosting","headline":"Night buses"}</script>';

  it('go when three lists or more repeat the same terms, one record each', () => {
    const r = extractPage(`<html><head>${ld}</head><body><div class="thread">${posts}</div></body></html>`);
    expect(r.lines).toEqual(['user0', P1, 'user1', P2, 'user2', P3]);
    expect(r.removals).toEqual(
      [0, 1, 2].map((i) => ({
        rule: 'repeated-fields',
        tag: 'dl',
        text: `Joined May ${i + 1}, 2024 Posts ${10 * i}`,
        length: `Joined May ${i + 1}, 2024 Posts ${10 * i}`.length,
        evidence: { terms: 'Joined|Posts' },
      })),
    );
  });

  it('stay on a page not declared a discussion (the specifications of cards are content)', () => {
    const r = extractPage(`<html><body><div class="thread">${posts}</div></body></html>`);
    expect(r.lines).toContain('Joined');
    expect(r.removals.filter((x) => x.rule === 'repeated-fields')).toEqual([]);
  });
});
