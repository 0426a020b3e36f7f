/**
 * Pages that show (almost) nothing where the extractor first looks: content after a stray
 * `</html>`, a page hidden until a script reveals it, a script-drawn page with only a summary.
 */
import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/core/document.js';
import { extractPage } from '../../src/extract/extract.js';
import { createHtml } from '../../src/stages/html.js';
import { ARTICLE_LINES } from './pages.js';

const paragraphs = ARTICLE_LINES.map((p) => `<p>${p}</p>`).join('');

describe('extract: the tree as an HTML5 parser builds it', () => {
  it('reads an article that follows a stray </body></html> (a template that closes the page early)', () => {
    const page = `<html><head><title>Night buses</title></head><body><nav><a href="/">Home</a></nav></body></html>
<div class="story"><h2>Night buses for the north</h2>${paragraphs}</div>`;
    const r = extractPage(page);
    expect(r.lines).toEqual(['Night buses for the north', ...ARTICLE_LINES]);
    expect(r.from).toBe('dom');
    expect(r.removals).toEqual([
      { rule: 'furniture', tag: 'nav', text: 'Home', length: 4, evidence: { kind: '<nav>' } },
    ]);
  });

  it('reads body content that opens inside <head> (an HTML5 parser starts the body there)', () => {
    const page = `<html><head><title>Night buses</title><div class="intro">${paragraphs}</div></head><body></body></html>`;
    expect(extractPage(page).lines).toEqual(ARTICLE_LINES);
  });

  it('leaves the metadata of <head> where it is', () => {
    const page = `<html><head><meta property="og:site_name" content="City Times"></head><body>${paragraphs}</body></html>`;
    const r = extractPage(page);
    expect(r.metadata.siteName).toBe('City Times');
    expect(r.lines).toEqual(ARTICLE_LINES);
  });
});

describe('extract: a page that hides everything until a script runs', () => {
  const page = `<html><body><nav><a href="/a">Chairs</a> <a href="/b">Tables</a></nav>
<div hidden><h2>Description</h2>${paragraphs}</div><div style="display:none">Added to cart</div>
<span class="sr-only">Skip to content</span></body></html>`;

  it('reads its hidden blocks, but not its screen-reader-only labels, and says so', () => {
    const r = extractPage(page);
    expect(r.revealed).toBe('hidden');
    expect(r.lines).toEqual(['Description', ...ARTICLE_LINES]);
    expect(r.removals).toEqual([
      { rule: 'hidden', tag: 'span', text: 'Skip to content', length: 15, evidence: { by: 'screen-reader-only' } },
      { rule: 'furniture', tag: 'nav', text: 'Chairs Tables', length: 13, evidence: { kind: '<nav>' } },
      {
        rule: 'outside-content',
        tag: 'div',
        text: 'Added to cart',
        length: 13,
        evidence: { rootTag: 'div', share: 0.03 },
      },
    ]);
  });

  it('still drops hidden blocks when the page shows a body of its own', () => {
    const shown = page.replace('<nav>', `<main>${paragraphs}</main><nav>`);
    const r = extractPage(shown);
    expect(r.revealed).toBeUndefined();
    expect(r.lines).toEqual(ARTICLE_LINES);
    expect(r.removals.filter((x) => x.rule === 'hidden').map((x) => x.evidence.by)).toEqual([
      'hidden',
      'style-hidden',
      'screen-reader-only',
    ]);
  });
});

describe('extract: a script-drawn page with only its summary', () => {
  const summary =
    'Hello everyone, I am new to astronomy and would like advice on a first telescope: something easy to set up, but good enough for planets and the brighter nebulae, for about four hundred euros. Which one would you buy, and what else do I need?…';
  const shell = (description: string) =>
    `<html><head><title>First telescope? - Forum</title><meta property="og:description" content="${description}">
<meta name="description" content="Another summary"></head><body><div id="app"></div><noscript>Please enable JavaScript.</noscript></body></html>`;

  it('takes a paragraph-long og:description as the body', () => {
    const r = extractPage(shell(summary));
    expect(r.from).toBe('description');
    expect(r.lines).toEqual([summary]);
  });

  it('does not take a one-line tagline: the page is left without a body', () => {
    const r = extractPage(shell('Shop chairs and tables. Free shipping!'));
    expect(r.from).toBe('dom');
    expect(r.lines).toEqual(['Please enable JavaScript.']);
  });

  it('records where the text came from in the html-to-text change', () => {
    const doc: Document = {
      id: 'doc',
      source: 'site/a.html',
      sourceKey: 'site',
      output: 'site/a.txt',
      format: 'html',
      text: shell(summary),
      meta: {},
      changes: [],
    };
    const outcome = createHtml().run(doc);
    expect(outcome.doc.text).toBe(['First telescope?', summary].join('\n'));
    expect(outcome.doc.changes.find((c) => c.rule === 'html-to-text')?.evidence).toEqual({
      blocks: 1,
      from: 'description',
      revealed: 'noscript',
    });
  });
});

describe('extract: aria-hidden', () => {
  it('keeps the text of a link hidden from screen readers (a card duplicate, on screen) but not a hidden panel', () => {
    const cards = ARTICLE_LINES.map((p, i) => `<div class="card"><a href="/s${i}" aria-hidden="true">${p}</a></div>`);
    const page = `<body><main>${cards.join('')}<div aria-hidden="true">Transcript of the video, hidden until opened.</div></main></body>`;
    const r = extractPage(page);
    expect(r.lines).toEqual(ARTICLE_LINES);
    expect(r.removals).toEqual([
      {
        rule: 'hidden',
        tag: 'div',
        text: 'Transcript of the video, hidden until opened.',
        length: 45,
        evidence: { by: 'aria-hidden' },
      },
    ]);
  });
});

describe('extract: collapsed panels', () => {
  /** The panel's own prose: a hidden copy of the shown text is another rule (hidden-copies). */
  const long =
    'Season tickets bought before the change stay valid on the new night routes until they expire, and holders do not need to exchange them at a ticket office. The council will write to every holder in March to explain the new timetable, the stops added in the northern districts and the fares that apply after midnight. Holders who moved house since buying their ticket should tell the council before February, so that the letter reaches them in time for the first night services in the spring and summer.';
  it('keeps a hidden panel of prose (an accordion or tab a click opens), drops a hidden menu', () => {
    const menu = `<ul style="display:none">${['Profile', 'Quotes', 'Messages', 'Settings', 'Sign out'].map((w) => `<li><a href="/${w}">${w}</a></li>`).join('')}</ul>`;
    const page = `<body><main><h2>How it works</h2>${ARTICLE_LINES.map((p) => `<p>${p}</p>`).join('')}${menu}<div hidden><p>${long}</p></div></main></body>`;
    const r = extractPage(page);
    expect(r.lines).toEqual(['How it works', ...ARTICLE_LINES, long]);
    expect(r.removals).toEqual([
      {
        rule: 'hidden',
        tag: 'ul',
        text: 'Profile Quotes Messages Settings Sign out',
        length: 41,
        evidence: { by: 'style-hidden' },
      },
    ]);
  });

  it('drops a short hidden label or a hidden block of links however long', () => {
    const links = Array.from({ length: 60 }, (_, i) => `<a href="/${i}">Section number ${i}</a>`).join(' ');
    const page = `<body><main>${ARTICLE_LINES.map((p) => `<p>${p}</p>`).join('')}<div hidden>${links}</div><div hidden>Added to cart</div></main></body>`;
    const r = extractPage(page);
    expect(r.lines).toEqual(ARTICLE_LINES);
    expect(r.removals.map((x) => [x.rule, x.evidence.by, x.length > 500])).toEqual([
      ['hidden', 'hidden', true],
      ['hidden', 'hidden', false],
    ]);
  });
});
