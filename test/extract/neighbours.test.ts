import { describe, expect, it } from 'vitest';
import { REMOVED_CAP } from '../../src/extract/content.js';
import { extractPage } from '../../src/extract/extract.js';

const P1 =
  'The city council voted on Tuesday to extend the night bus network to the northern districts, a plan that has been debated for more than three years.';
const P2 =
  'Supporters said the new routes would help shift workers, while critics pointed to the cost, estimated at four million a year, and asked where the money would come from.';
const P3 =
  'The first buses are expected to run in the spring, once drivers have been hired and trained by the operator.';

const page = (body: string, head = ''): string =>
  `<!doctype html><html lang="en"><head><title>Night buses</title>${head}</head><body>${body}</body></html>`;

const MENU = '<div class="top"><a href="/">Home</a> <a href="/a">About</a> <a href="/s">Services</a></div>';

describe('extract: link blocks amid running text', () => {
  it('keeps a link-heavy line and a mixed list set between two paragraphs', () => {
    const html = page(
      `${MENU}<div class="story"><h1>Night buses for the north</h1><p>${P1}</p>` +
        '<p>Read the plan: <a href="/plan">Night network plan 2025 (PDF)</a></p>' +
        `<p>${P2}</p><ul><li><a href="/n1">Line N1</a> every 20 minutes</li><li><a href="/n2">Line N2</a> hourly</li></ul><p>${P3}</p></div>`,
    );
    const r = extractPage(html);
    expect(r.lines).toEqual([
      'Night buses for the north',
      P1,
      'Read the plan: Night network plan 2025 (PDF)',
      P2,
      'Line N1 every 20 minutes',
      'Line N2 hourly',
      P3,
    ]);
    expect(r.removals).toEqual([
      {
        rule: 'link-density',
        tag: 'div',
        text: 'Home About Services',
        length: 19,
        evidence: { linkDensity: 1, links: 3 },
      },
    ]);
  });

  it('drops a row of whole links (other stories) even between paragraphs, and a link line outside prose', () => {
    const html = page(
      `<div class="story"><h1>Night buses for the north</h1><p>${P1}</p>` +
        '<ul><li><a href="/1">Bus fares to rise in May</a></li><li><a href="/2">Tram line closed</a></li></ul>' +
        `<p>${P2}</p><p>${P3}</p><p><a href="/more">More from the city desk</a></p></div>`,
    );
    const r = extractPage(html);
    expect(r.lines).toEqual(['Night buses for the north', P1, P2, P3]);
    expect(r.removals.map((x) => [x.rule, x.tag, x.text, x.evidence])).toEqual([
      ['link-density', 'ul', 'Bus fares to rise in May Tram line closed', { linkDensity: 1, links: 2 }],
      ['link-density', 'p', 'More from the city desk', { linkDensity: 1, links: 1 }],
    ]);
  });
});

const SERVICE =
  'We repair and service heating systems of every make in the northern districts, with engineers on call every day of the year and parts for older boilers kept in stock.';
const SERVICE2 =
  'Our fitters install new boilers in a day, take the old one away, and register the warranty for you, so that there is nothing left for you to do but to switch it on.';
const FAQ =
  'How soon can an engineer come? In most of the northern districts an engineer is with you on the same day, and at the latest on the morning after you call us.';

const MAIN = [
  'Boiler repair',
  SERVICE,
  SERVICE2,
  `${SERVICE} ${SERVICE2}`,
  `${SERVICE2} ${SERVICE}`,
  `${SERVICE} ${SERVICE2}`,
];

describe('extract: prose beside the content root', () => {
  const body = (after: string): string =>
    page(
      `${MENU}<div class="page"><div class="service"><h1>Boiler repair</h1><p>${SERVICE}</p><p>${SERVICE2}</p>` +
        `<p>${SERVICE} ${SERVICE2}</p><p>${SERVICE2} ${SERVICE}</p><p>${SERVICE} ${SERVICE2}</p></div>${after}</div>`,
    );

  it('keeps an FAQ after the main block, with its heading, on a page not declared an article', () => {
    const r = extractPage(body(`<h2>Questions</h2><div class="faq"><p>${FAQ}</p><p>${FAQ}</p></div>`));
    expect(r.lines).toEqual([
      'Boiler repair',
      SERVICE,
      SERVICE2,
      `${SERVICE} ${SERVICE2}`,
      `${SERVICE2} ${SERVICE}`,
      `${SERVICE} ${SERVICE2}`,
      'Questions',
      FAQ,
      FAQ,
    ]);
    expect(r.removals.map((x) => [x.rule, x.text])).toEqual([['link-density', 'Home About Services']]);
  });

  it('does not keep a row of teasers (each titled by a link) or the same text beside it, and says why they went', () => {
    const teasers =
      `<div class="more"><div><h3><a href="/a">Gas safety checks</a></h3><p>${FAQ}</p></div>` +
      `<div><h3><a href="/b">Underfloor heating</a></h3><p>${FAQ}</p></div></div>`;
    const r = extractPage(body(teasers));
    expect(r.lines).toEqual(MAIN);
    const outside = r.removals.filter((x) => x.rule === 'outside-content');
    expect(outside.map((x) => [x.tag, x.evidence])).toEqual([['div', { rootTag: 'div', share: 0.19 }]]);
    expect(outside[0]?.text.startsWith('Gas safety checks')).toBe(true);
  });

  it('keeps the main block alone on a page declared an article (an author box beside it goes)', () => {
    const html = body(`<div class="bio"><p>${FAQ}</p><p>${FAQ}</p></div>`).replace(
      '</head>',
      '<meta property="og:type" content="article"></head>',
    );
    const r = extractPage(html);
    expect(r.lines).toEqual(MAIN);
    expect(r.removals.filter((x) => x.rule === 'outside-content').map((x) => [x.text, x.length])).toEqual([
      [`${FAQ} ${FAQ}`.slice(0, REMOVED_CAP), 2 * FAQ.length + 1],
    ]);
  });
});

describe('extract: dialogs and bodies under furniture words', () => {
  it('drops an aria-modal dialog (a privacy policy over the page) as furniture', () => {
    const policy = `<div aria-modal="true" class="z-top"><h2>Privacy policy</h2>${`<p>${SERVICE2}</p>`.repeat(2)}</div>`;
    const story = `<div class="story"><h1>Night buses for the north</h1><p>${P1}</p><p>${P2}</p><p>${P3}</p></div>`;
    const r = extractPage(page(story + policy));
    expect(r.lines).toEqual(['Night buses for the north', P1, P2, P3]);
    const text = `Privacy policy ${SERVICE2} ${SERVICE2}`;
    expect(r.removals.map((x) => [x.rule, x.tag, x.text, x.length, x.evidence])).toEqual([
      ['furniture', 'div', text.slice(0, REMOVED_CAP), text.length, { kind: 'aria-modal' }],
    ]);
  });

  it('searches a body its theme labels with a furniture word, and drops what is labelled inside it', () => {
    // Every block of the theme is a "widget": the word is given up for the page, at every level.
    const html = page(
      `<div class="widget-area"><div class="widget"><h1>Night buses for the north</h1><p>${P1}</p><p>${P2}</p><p>${P3}</p></div>` +
        '<div class="widget"><div class="newsletter"><p>Sign up for our weekly letter and never miss a story from the city desk again.</p></div></div></div>',
    );
    const r = extractPage(html);
    expect(r.lines).toEqual(['Night buses for the north', P1, P2, P3]);
    expect(r.removals.map((x) => [x.rule, x.evidence])).toEqual([['class-hint', { word: 'newsletter' }]]);
  });
});
