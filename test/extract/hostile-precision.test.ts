/**
 * Hostile pages for this round's precision rules (forms to fill in, teaser rows, hidden copies):
 * many of each, nested deep, and linear time checked as the hostile-linear suite does (CPU time
 * at two sizes 8x apart in the same run, the ratio far below a quadratic path's 64).
 */
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/extract/extract.js';
import { best } from '../support/growth.js';
import { ARTICLE_LINES } from './pages.js';

const FACTOR = 8;
const MAX_RATIO = 24;
const FLOOR_MS = 10;
const STORY = `<article><h1>Night buses</h1>${[...ARTICLE_LINES, ...ARTICLE_LINES].map((p) => `<p>${p}</p>`).join('')}</article>`;

/** One unit of each hostile pattern: a form, a row of cards, a hidden copy of the story, nested. */
const unit = (i: number): string =>
  `<div><form><input type="text" name="q${i}"><p>Sign up ${i}</p></form>` +
  `<section>${[0, 1, 2].map((k) => `<article><a href="/s/${i}/${k}">Other story ${i}.${k}</a> teaser</article>`).join('')}</section>` +
  `<div hidden>${ARTICLE_LINES.join(' ')} ${ARTICLE_LINES.join(' ')}</div></div>`;
const page = (units: number): string =>
  `<html><body>${STORY}${Array.from({ length: units }, (_, i) => unit(i)).join('')}</body></html>`;

describe('extract: hostile pages for forms, teaser rows and hidden copies', () => {
  it('handles hundreds of forms, card rows and hidden copies without a crash, keeping the story', () => {
    const r = extractPage(page(300));
    expect(r.lines.slice(0, 7)).toEqual(['Night buses', ...ARTICLE_LINES, ...ARTICLE_LINES]);
    const rules = new Set(r.removals.map((x) => x.rule));
    expect(rules.has('hidden')).toBe(true);
  });

  it('nests forms and cards 900 deep (under the nesting cap) without a crash', () => {
    const deep = `<html><body>${STORY}${'<div><form><input type="email">'.repeat(450)}x${'</form></div>'.repeat(450)}${'<article><a href="/a">t</a>'.repeat(300)}${'</article>'.repeat(300)}</body></html>`;
    const r = extractPage(deep);
    expect(r.lines[0]).toBe('Night buses');
  });

  it('runs in linear time in the number of forms, card rows and hidden copies', () => {
    const small = page(60);
    const large = page(60 * FACTOR);
    extractPage(small);
    const a = best(() => extractPage(small), 2);
    const b = best(() => extractPage(large), 2);
    expect(b / Math.max(a, FLOOR_MS)).toBeLessThan(MAX_RATIO);
  });
});
