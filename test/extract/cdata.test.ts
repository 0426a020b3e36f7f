/** A stray `<![CDATA[` in a page's body: an HTML5 parser ends it at the next `>`, so must we. */
import { describe, expect, it } from 'vitest';
import { openCdata } from '../../src/extract/cdata.js';
import { extractPage } from '../../src/extract/extract.js';
import { ARTICLE_LINES } from './pages.js';

const paragraphs = ARTICLE_LINES.map((p) => `<p>${p}</p>`).join('');

describe('extract: a stray <![CDATA[ in the body', () => {
  it('reads the page after it (htmlparser2 alone would read the rest of the page as one comment)', () => {
    const page = `<html><head><title>Night buses</title></head><body>
<![CDATA[
<div id="top"></div>
<div class="thread"><h2>Night buses for the north</h2>${paragraphs}</div></body></html>`;
    const r = extractPage(page);
    expect(r.lines).toEqual(['Night buses for the north', ...ARTICLE_LINES]);
    expect(r.from).toBe('dom');
    expect(r.revealed).toBe('cdata');
    expect(r.removals).toEqual([]);
  });

  it('leaves a page without one as it is, and a script one drops with the script', () => {
    const plain = `<html><body>${paragraphs}</body></html>`;
    expect(openCdata(plain)).toBe(plain);
    const scripted = `<html><body><script>//<![CDATA[\nvar a = "<b>x</b>";\n//]]></script>${paragraphs}</body></html>`;
    const r = extractPage(scripted);
    expect(r.lines).toEqual(ARTICLE_LINES);
    expect(r.dropped.get('script')).toBe(1);
  });

  it('keeps a closing ]]> as the text it is in HTML, and hostile runs of openings end', () => {
    expect(openCdata('a<![CDATA[b]]>c')).toBe('a<!--[CDATA[-->b]]>c');
    const many = '<![CDATA['.repeat(10000) + paragraphs;
    expect(extractPage(`<html><body>${many}</body></html>`).lines).toEqual(ARTICLE_LINES);
  });
});
