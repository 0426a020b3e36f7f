/**
 * A listing page (cards that are links: a title and a summary each) keeps its cards: its root is
 * chosen by text with links, not by the one block of prose beside the cards. An article with a
 * related-links list under it is left alone: the list still goes.
 */
import { describe, expect, it } from 'vitest';
import { type Element, parsePage, rawText } from '../../src/extract/dom.js';
import { extractPage } from '../../src/extract/extract.js';
import { hasLikeSibling, likeRuns, listingRootChild, overPage } from '../../src/extract/listing.js';
import { ARTICLE_LINES } from './pages.js';

const CARDS = [
  [
    'Night buses for the north approved',
    'The council extends the network to three districts after a three-year debate.',
  ],
  ['New cycle lanes on the ring road', 'Work starts in March on twelve kilometres of protected lanes along the ring.'],
  ['Library opening hours extended', 'The central library will open on Sundays from next month, the city said today.'],
  ['Harbour bridge closed for repairs', 'Drivers are asked to use the tunnel while the bridge deck is resurfaced.'],
];
const card = ([title, summary]: string[]): string =>
  `<div class="card"><a href="/story"><h3>${title}</h3><p>${summary}</p></a></div>`;

const INTRO =
  'The city desk covers the council, transport, culture and the harbour: what was decided this week, what it costs and who it touches, with the people who live with the decisions and the officials who make them.';
const LISTING = `<html><head><title>City news</title></head><body>
<div class="page"><div class="intro"><p>${INTRO}</p></div>
<section class="grid">${CARDS.map(card).join('')}</section></div></body></html>`;

describe('extract: a listing page whose cards are links', () => {
  it('keeps the cards and the paragraph of prose above them', () => {
    const r = extractPage(LISTING);
    expect(r.lines).toEqual([INTRO, ...CARDS.flat()]);
    expect(r.removals).toEqual([]);
  });

  it('narrows to the grid past a menu of links, and records what it leaves with its share of the text', () => {
    const menu = `<div class="side"><ul>${['Politics', 'Transport', 'Culture', 'Sport']
      .map((w) => `<li><a href="/${w}">${w}</a></li>`)
      .join('')}</ul></div>`;
    const page = `<html><body><div class="wrap">${menu}<div class="main"><section>${CARDS.map(card).join('')}</section></div></div></body></html>`;
    const r = extractPage(page);
    expect(r.lines).toEqual(CARDS.flat());
    expect(r.removals).toEqual([
      {
        rule: 'outside-content',
        tag: 'div',
        text: 'Politics Transport Culture Sport',
        length: 32,
        evidence: { rootTag: 'div', share: 0.07, of: 'text' },
      },
    ]);
  });

  it('leaves an article alone: its related-links list still goes', () => {
    const related = `<ul>${CARDS.map(([t]) => `<li><a href="/story">${t}</a></li>`).join('')}</ul>`;
    const page = `<html><body><div class="story"><h1>Night buses for the north</h1>${ARTICLE_LINES.map((p) => `<p>${p}</p>`).join('')}</div>
<div class="more"><h4>More</h4>${related}</div></body></html>`;
    const r = extractPage(page);
    expect(r.lines).toEqual(['Night buses for the north', ...ARTICLE_LINES]);
    expect(r.removals.map((x) => [x.rule, x.tag, x.text])).toEqual([
      ['link-density', 'div', `More ${CARDS.map(([t]) => t).join(' ')}`],
    ]);
  });

  it('decides from shares: most of the text without leaving prose, or most of the prose and half the text', () => {
    expect(listingRootChild({ text: 0.9, prose: 0, proseLeft: 0 }, 0.8, 1)).toBe(true);
    expect(listingRootChild({ text: 0.9, prose: 0.1, proseLeft: 400 }, 0.8, 1)).toBe(false);
    expect(listingRootChild({ text: 0.6, prose: 0.95, proseLeft: 20 }, 0.8, 1)).toBe(true);
    expect(listingRootChild({ text: 0.05, prose: 1, proseLeft: 0 }, 0.8, 1)).toBe(false);
  });
});

describe('extract: a consent dialog over a listing', () => {
  const CONSENT =
    'We and our partners store and access information on your device, such as cookies, and process personal data such as unique identifiers and standard information sent by a device for personalised advertising and content, measurement of advertising and content, and audience research.';
  const dialog = `<div role="dialog" aria-modal="true" aria-label="Privacy"><h2>We care about your privacy</h2><p>${CONSENT}</p></div>`;

  it('goes, although its prose outweighs the cards (whose text is all links)', () => {
    const thin = CARDS.map(([t]) => `<div class="card"><a href="/story"><h3>${t}</h3></a></div>`).join('');
    const page = `<html><body><section class="grid">${thin}</section>${dialog}</body></html>`;
    const r = extractPage(page);
    expect(r.lines).toEqual(CARDS.map(([t]) => t));
    expect(r.removals).toEqual([
      {
        rule: 'furniture',
        tag: 'div',
        text: `We care about your privacy ${CONSENT}`.slice(0, 200),
        length: 27 + CONSENT.length,
        evidence: { kind: 'role=dialog' },
      },
    ]);
  });

  it("is read from the page's own words only: a modal or a dialog role", () => {
    expect(overPage('aria-modal')).toBe(true);
    expect(overPage('role=dialog')).toBe(true);
    expect(overPage('role=navigation')).toBe(false);
    expect(overPage(undefined)).toBe(false);
  });
});

describe('extract: a run of like link blocks (cards) beside prose', () => {
  const intro = ARTICLE_LINES.map((p) => `<p>${p}</p>`).join('');
  const shopCard = ([title]: string[], i: number): string =>
    `<div class="tile"><a href="/p/${i}">${title}</a> <span>${12 + i} EUR</span></div>`;

  it('keeps the run when together the cards hold a fifth of the text (each alone is a small link block)', () => {
    const page = `<html><body><div class="shop"><h1>City goods</h1>${intro}${CARDS.map(shopCard).join('')}</div></body></html>`;
    const r = extractPage(page);
    expect(r.lines).toEqual(['City goods', ...ARTICLE_LINES, ...CARDS.map(([t], i) => `${t} ${12 + i} EUR`)]);
    expect(r.removals).toEqual([]);
  });

  it('leaves an article alone: a few teasers under it that hold less still go, one record each', () => {
    const teasers = CARDS.slice(0, 3).map(shopCard).join('');
    const long = ARTICLE_LINES.map((p) => `<p>${p} ${p}</p>`).join('');
    const page = `<html><body><div class="story"><h1>Night buses</h1>${long}${teasers}</div></body></html>`;
    const r = extractPage(page);
    expect(r.lines).toEqual(['Night buses', ...ARTICLE_LINES.map((p) => `${p} ${p}`)]);
    expect(r.removals.map((x) => [x.rule, x.text])).toEqual(
      CARDS.slice(0, 3).map(([t], i) => ['link-density', `${t} ${12 + i} EUR`]),
    );
  });

  it('groups by parent, tag and class, and needs three that together hold more than the share', () => {
    const doc = parsePage(
      '<div><p class="x">aaaa</p><p class="x">bbbb</p><p class="y">cccc</p><p class="x">dddd</p></div><div><p class="x">eeee</p></div>',
    );
    const ps = doc.children.flatMap((d) => (d as Element).children as Element[]);
    const text = (el: Element): number => rawText(el).length;
    expect([...likeRuns(ps, text, 10)].map((el) => rawText(el))).toEqual(['aaaa', 'bbbb', 'dddd']);
    expect(likeRuns(ps, text, 12).size).toBe(0);
    expect(likeRuns(ps.slice(0, 2), text, 1).size).toBe(0);
  });
});

describe('extract: a thread of like marked posts', () => {
  const [P1, P2, P3] = ARTICLE_LINES as [string, string, string];
  const post = (who: string, text: string): string =>
    `<article class="post"><div class="who">${who}</div><div class="body"><p>${text}</p></div></article>`;
  const thread = `<div class="thread">${post('anna', `${P1} ${P2}`)}${post('ben', P2)}${post('cleo', P3)}</div>`;

  it('keeps every post: the first one holds 40% of the text, but its like siblings show it is one of a run', () => {
    const r = extractPage(`<html><body><div class="page">${thread}</div></body></html>`);
    expect(r.lines).toEqual(['anna', `${P1} ${P2}`, 'ben', P2, 'cleo', P3]);
    expect(r.removals).toEqual([]);
  });

  it('leaves a declared article alone: its marked story is its root by the mark', () => {
    const page = `<html><head><meta property="og:type" content="article"></head><body><div class="page">
<article class="story"><p>${P1}</p><p>${P2}</p></article><div class="box"><p>${P3}</p></div></div></body></html>`;
    const r = extractPage(page);
    expect(r.lines).toEqual([P1, P2]);
    expect(r.removals.map((x) => [x.rule, x.text])).toEqual([['outside-content', P3]]);
  });

  it('finds like siblings by tag and class, with text', () => {
    const doc = parsePage('<div><p class="x">a</p><p class="x"></p><p class="y">b</p><span class="x">c</span></div>');
    const [a, empty, ,] = (doc.children[0] as Element).children as Element[];
    const text = (el: Element): number => rawText(el).length;
    expect(hasLikeSibling(a as Element, text)).toBe(false);
    expect(hasLikeSibling(empty as Element, text)).toBe(true);
  });
});

describe('extract: class words on links', () => {
  it('keeps card links whatever their class says (an overlay that makes the card clickable)', () => {
    const grid = CARDS.map(
      ([t, d], i) => `<div class="card"><a class="card-overlay" href="/p/${i}">${t}</a><p>${d}</p></div>`,
    ).join('');
    const r = extractPage(`<html><body><div class="grid">${grid}</div></body></html>`);
    expect(r.lines).toEqual(CARDS.flat());
    expect(r.removals).toEqual([]);
  });

  it('leaves a share bar alone: the block labelled share still goes with its links', () => {
    const story = ARTICLE_LINES.map((p) => `<p>${p}</p>`).join('');
    const page = `<html><body><div class="story">${story}<div class="share"><a class="share-link" href="/t">Tweet</a> <a href="/f">Post</a></div></div></body></html>`;
    const r = extractPage(page);
    expect(r.lines).toEqual(ARTICLE_LINES);
    expect(r.removals).toEqual([
      { rule: 'class-hint', tag: 'div', text: 'Tweet Post', length: 10, evidence: { word: 'share' } },
    ]);
  });
});

describe('extract: a footer that holds more prose than the content', () => {
  it('is not taken for the root: the root stays above it', () => {
    const [P1, P2, P3] = ARTICLE_LINES as [string, string, string];
    const page = `<html><body><div class="page"><div class="main"><p>${P3}</p></div><footer><p>${P1}</p><p>${P2}</p><p>${P1}</p></footer></div></body></html>`;
    const r = extractPage(page);
    expect(r.lines).toEqual([P3, P1, P2, P1]);
    expect(r.removals).toEqual([]);
  });
});
