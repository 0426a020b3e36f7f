/**
 * Hostile pages for the thread rules (post signatures, poster cards) and the product statement read
 * with the metadata: thousands of labelled blocks, labelled blocks nested deep around an <h1>,
 * broken JSON-LD; linear time checked as hostile-precision does (CPU time at two sizes 8x apart in
 * the same run, the ratio far below a quadratic path's 64).
 */
import { describe, expect, it } from 'vitest';
import { parsePage } from '../../src/extract/dom.js';
import { extractPage } from '../../src/extract/extract.js';
import { readPageMetadata } from '../../src/extract/metadata.js';
import { best } from '../support/growth.js';

const FACTOR = 8;
const MAX_RATIO = 24;
const FLOOR_MS = 10;
const TEXT = 'The battery sag shows after fifteen miles, so I plan my rides around a charger at work every day.';

const post = (i: number): string =>
  `<div class="message"><div class="message-userDetails">user${i} Member</div><div class="message-body"><p>${TEXT} (${i})</p></div><div class="signature">Sig ${i}</div></div>`;
const thread = (posts: number): string =>
  `<html><body><main><h1>Range</h1>${Array.from({ length: posts }, (_, i) => post(i)).join('')}</main></body></html>`;

describe('extract: hostile threads', () => {
  it('drops thousands of signatures and poster cards without a crash, keeping every post', () => {
    const r = extractPage(thread(2000));
    expect(r.lines.length).toBe(2001);
    expect(r.lines[2000]).toBe(`${TEXT} (1999)`);
    expect(r.removals.filter((x) => x.rule === 'post-signature').length).toBe(2000);
    expect(r.removals.filter((x) => x.rule === 'poster-card').length).toBe(2000);
  });

  it('nests labelled blocks 900 deep around the <h1> (under the nesting cap) without a crash', () => {
    const open = '<div class="signature user-details">'.repeat(900);
    const deep = `<html><body>${open}<h1>Range</h1><p>${TEXT}</p>${'</div>'.repeat(900)}${post(1)}${post(2)}</body></html>`;
    const r = extractPage(deep);
    expect(r.lines).toContain('Range');
    expect(r.lines).toContain(TEXT);
  });

  it('reads no product from broken, huge or hostile JSON-LD', () => {
    const ld = (s: string): string =>
      `<html><head><script type="application/ld+json">${s}</script></head><body></body></html>`;
    expect(readPageMetadata(parsePage(ld('{"@type": "Product"'))).product).toBeUndefined();
    expect(readPageMetadata(parsePage(ld('null'))).product).toBeUndefined();
    const nested = `${'['.repeat(5000)}{"@type":"Product"}${']'.repeat(5000)}`;
    expect(readPageMetadata(parsePage(ld(nested))).product).toBeUndefined();
    const many = JSON.stringify({ '@graph': Array.from({ length: 50_000 }, () => ({ '@type': 'Thing' })) });
    expect(readPageMetadata(parsePage(ld(many))).product).toBeUndefined();
  });

  it('runs in linear time in the number of posts', () => {
    const small = thread(100);
    const large = thread(100 * FACTOR);
    extractPage(small);
    const a = best(() => extractPage(small), 2);
    const b = best(() => extractPage(large), 2);
    expect(b / Math.max(a, FLOOR_MS)).toBeLessThan(MAX_RATIO);
  });
});
