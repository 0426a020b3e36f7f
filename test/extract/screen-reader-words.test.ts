/**
 * Screen-reader-only text by its class words: frameworks other than the listed ones spell the class
 * `visible-sr`, `sr-visible` or `u-sr-only` (a Q&A site's badge counts read out as "2 gold badges"
 * beside the bare number on screen). Shown-on-focus classes (`sr-only-focusable`) and classes where
 * `sr` is not a word (`srcset-img`, `usr-name`) are left alone.
 */
import { describe, expect, it } from 'vitest';
import { type Element, parsePage } from '../../src/extract/dom.js';
import { extractPage } from '../../src/extract/extract.js';
import { hiddenKind } from '../../src/extract/hints.js';
import { ARTICLE_LINES } from './pages.js';

const span = (cls: string): Element => {
  const doc = parsePage(`<span class="${cls}">x</span>`);
  const find = (n: { children: unknown[] }): Element | undefined => {
    for (const c of n.children as Element[]) {
      if (c.type === 'tag' && c.name === 'span') return c;
      if ('children' in c) {
        const f = find(c);
        if (f) return f;
      }
    }
    return undefined;
  };
  return find(doc) as Element;
};

describe('extract: screen-reader-only classes by their words', () => {
  it('drops the screen-reader text of a post footer and records it', () => {
    const user =
      '<div class="user-details">answered on 7 July 2012 by <a href="/u/1">iglvzx</a>, 14<span class="v-visible-sr">gold badges</span></div>';
    const html = `<html><body><div class="post">${ARTICLE_LINES.map((p) => `<p>${p}</p>`).join('')}${user}</div></body></html>`;
    const r = extractPage(html);
    expect(r.lines).toEqual([...ARTICLE_LINES, 'answered on 7 July 2012 by iglvzx, 14']);
    expect(r.removals).toEqual([
      { rule: 'hidden', tag: 'span', text: 'gold badges', length: 11, evidence: { by: 'screen-reader-only' } },
    ]);
  });

  it('reads the words of each class value, and leaves focusable and non-word uses alone', () => {
    for (const cls of ['v-visible-sr', 'sr-visible', 'u-sr-only', 'card sr_only'])
      expect(hiddenKind(span(cls))).toBe('screen-reader-only');
    for (const cls of ['sr-only-focusable', 'srcset-img', 'usr-name', 'sr-list', 'visible-xs'])
      expect(hiddenKind(span(cls))).toBeUndefined();
  });
});
