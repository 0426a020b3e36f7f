import { describe, expect, it } from 'vitest';
import { parsePage } from '../../src/extract/dom.js';
import { extractPage } from '../../src/extract/extract.js';
import { FORM_TEXT_MAX, fillInFields } from '../../src/extract/forms.js';
import { ARTICLE_LINES, FORM_PAGE } from './pages.js';

const [P1, P2, P3] = ARTICLE_LINES as [string, string, string];
const TITLE = 'Night buses for the north';
const page = (body: string): string =>
  `<!doctype html><html lang="en"><head><title>${TITLE}</title></head><body>${body}</body></html>`;
const SIGNUP =
  '<form action="/subscribe"><p>Get the city desk in your inbox every morning.</p>' +
  '<label>Email address</label><input type="email" name="email"><label>Area</label>' +
  '<select name="area"><option>North</option><option>South</option></select>' +
  '<input type="submit" value="Sign up"></form>';
/** Labels go with the never-text elements, and so do the fields' values. */
const SIGNUP_TEXT = 'Get the city desk in your inbox every morning.';

const firstForm = (html: string) => {
  const doc = parsePage(html);
  const find = (n: { children?: unknown[] }): unknown => {
    for (const c of (n.children ?? []) as { type: string; name?: string; children?: unknown[] }[]) {
      if (c.type === 'tag' && c.name === 'form') return c;
      const f = find(c);
      if (f) return f;
    }
    return undefined;
  };
  return find(doc) as Parameters<typeof fillInFields>[0];
};

describe('extract: forms to fill in', () => {
  it('drops a sign-up form set into an article, with its text and field count as evidence', () => {
    const r = extractPage(page(`<article><h1>${TITLE}</h1><p>${P1}</p><p>${P2}</p>${SIGNUP}<p>${P3}</p></article>`));
    expect(r.lines).toEqual([TITLE, P1, P2, P3]);
    expect(r.removals).toEqual([
      { rule: 'fill-in-form', tag: 'form', text: SIGNUP_TEXT, length: SIGNUP_TEXT.length, evidence: { fields: 1 } },
    ]);
  });

  it('keeps the form an ASP.NET page wraps its body in (it holds the body)', () => {
    const r = extractPage(FORM_PAGE);
    expect(r.lines).toEqual([TITLE, P1, P2, P3]);
    expect(r.removals.some((x) => x.rule === 'fill-in-form')).toBe(false);
  });

  it('keeps a shop form of choices only (a size to pick, a quantity, a button): it is the product', () => {
    const shop =
      '<form action="/cart"><p>Night bus season ticket, valid from the first of the month.</p>' +
      '<select name="zone"><option>Zone 1</option></select><input type="number" name="qty" value="1">' +
      '<button type="submit">Add to basket</button></form>';
    const r = extractPage(page(`<article><h1>${TITLE}</h1><p>${P1}</p><p>${P2}</p>${shop}</article>`));
    expect(r.lines).toEqual([TITLE, P1, P2, 'Night bus season ticket, valid from the first of the month.']);
    expect(r.removals).toEqual([]);
  });

  it('counts text fields, and gives up on a form with more text than a form has', () => {
    expect(fillInFields(firstForm(page(SIGNUP)))).toBe(1);
    expect(
      fillInFields(firstForm(page('<form><textarea>x</textarea><input name="n"><input type="hidden"></form>'))),
    ).toBe(2);
    expect(fillInFields(firstForm(page('<form><input type="submit"><input type="hidden"></form>')))).toBe(0);
    const long = `<form><input type="text"><p>${'word '.repeat(FORM_TEXT_MAX / 4 + 1)}</p></form>`;
    expect(fillInFields(firstForm(page(long)))).toBe(0);
  });

  it('keeps a form that is all a page shows (no body of its own without it)', () => {
    const html = page(`<h1>${TITLE}</h1>${SIGNUP}`);
    const r = extractPage(html);
    expect(r.lines).toEqual([TITLE, SIGNUP_TEXT]);
    expect(r.removals).toEqual([]);
  });
});
