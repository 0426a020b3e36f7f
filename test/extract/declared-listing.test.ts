/**
 * A page that declares itself an article (og:type, JSON-LD) but shows a grid of linked cards under
 * a line or two of prose: a publisher's section or collection page, declared with the site's one
 * template. Its cards are its content (root.ts: a listing's root by text with links) when the prose
 * left beside them is under a body's worth; a declared article with a body keeps its root by prose.
 */
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/extract/extract.js';
import { ARTICLE_LINES } from './pages.js';

const TITLES = [
  'Slow-cooked beef ragu',
  'Spaghetti with meatballs',
  'Sweet and spicy tomato chutney',
  'Pasta with burst cherry tomatoes',
  'The best fresh tomato sauce',
  'Pressure cooker tomato sauce',
];
const INTRO = 'Our collection of tomato sauce recipes has something for every kind of dish.';
const card = (t: string): string =>
  `<a class="card" href="/r"><div class="card-top"></div><span class="title">${t}</span></a>`;
const page = (prose: string[], titles = TITLES): string =>
  `<html><head><title>Tomato sauce recipes</title><meta property="og:type" content="article"></head><body>
<section class="taxonomy"><div class="head"><h1>Tomato sauce recipes</h1>${prose.map((p) => `<p>${p}</p>`).join('')}</div>
<div class="cards">${titles.map(card).join('')}</div></section></body></html>`;

describe('extract: a declared article that is a grid of cards', () => {
  it('keeps the cards when the prose beside them is under a body', () => {
    const r = extractPage(page([INTRO]));
    expect(r.metadata.kind).toBe('article');
    expect(r.lines).toEqual(['Tomato sauce recipes', INTRO, ...TITLES]);
    expect(r.removals).toEqual([]);
  });

  it('leaves a declared article with a body of prose alone: its root is its prose, the cards go', () => {
    const many = Array.from({ length: 8 }, () => TITLES).flat();
    const body = ARTICLE_LINES.slice(0, 2);
    const r = extractPage(page(body, many));
    expect(r.lines).toEqual(['Tomato sauce recipes', ...body]);
    expect(r.removals.map((x) => [x.rule, x.tag, x.evidence])).toEqual([
      ['outside-content', 'div', { rootTag: 'div', share: 0 }],
    ]);
  });
});
