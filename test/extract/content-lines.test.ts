/**
 * The extractor reads the kept subtree's lines off the tree it parsed (contentLines); the block
 * writer reads markup with sanitize-html (htmlToBlocks). On pages the extractor keeps whole, both
 * must give the same lines: the tree reader is the block writer's rules, not new ones.
 * capNesting's depth scan must find what its tag regex finds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/extract/extract.js';
import { capNesting, htmlToBlocks } from '../../src/text/html-text.js';

const page = (body: string) => `<html><head><title>t</title></head><body>${body}</body></html>`;

/** Bodies the extractor keeps whole: no furniture, no links, one container. */
const BODIES = [
  '<div><p>One  two\tthree</p><p>four<br>five</p></div>',
  '<div><pre>line one\n  indented two\n\nthree</pre><p>after   the pre</p></div>',
  '<div><pre>outer\n<pre>inner\nline</pre>tail\nend</pre></div>',
  '<div><p>a <b>bold</b><i>italic</i> word</p><h2>Heading</h2><ul><li>x</li><li>y</li></ul></div>',
  '<div><table><tr><td>c1</td><td>c2</td></tr><tr><th>h</th></tr></table></div>',
  '<div><p>&amp;lt; is not a tag &lt;b&gt; &quot;quoted&quot; &amp;amp;</p></div>',
  '<div><p>no\u00a0break\u00a0 space \u2003 em</p><p> \u00a0 </p></div>',
  '<div><my-widget><p>custom element text</p></my-widget><xmp>raw <b>xmp</b> text</xmp><p>end</p></div>',
  '<div><figure><img src="a.png"><figcaption>A caption</figcaption></figure><hr><p>below</p></div>',
  '<div><p>unclosed paragraph<p>second<div>block in p</div>rest</div>',
  '<section><dl><dt>term</dt><dd>definition</dd></dl><details><summary>sum</summary>body</details></section>',
  '<div><blockquote>quote<p>para in quote</p></blockquote><center>centered</center><address>addr</address></div>',
];

describe('html: lines off the parsed tree', () => {
  it.each(BODIES.map((b) => [b]))('gives the block writer’s lines for %s', (body) => {
    const html = page(body);
    const fromTree = extractPage(html).lines;
    expect(fromTree).toEqual(htmlToBlocks(`<html><body>${body}</body></html>`).lines);
  });

  it('reads a <form> around the page as a block, where the block writer drops it', () => {
    const body = '<form><div><p>All of the article sits in one form on this page.</p><p>Second.</p></div></form>';
    expect(extractPage(page(body)).lines).toEqual(['All of the article sits in one form on this page.', 'Second.']);
    expect(htmlToBlocks(page(body)).lines).toEqual([]);
  });
});

/** capNesting's tag pattern as a regex: the reference the depth scan must agree with. */
function regexDepth(html: string): number {
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;
  const flat = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param']);
  for (const t of ['source', 'track', 'wbr', 'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option']) flat.add(t);
  for (const t of ['tbody', 'thead', 'tfoot']) flat.add(t);
  let depth = 0;
  let maxDepth = 0;
  for (const m of html.matchAll(tag)) {
    if (flat.has((m[2] ?? '').toLowerCase()) || m[3]) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else maxDepth = Math.max(maxDepth, ++depth);
  }
  return maxDepth;
}

describe('html: nesting depth scan', () => {
  const pieces = ['<', '>', '/', '"', "'", 'a', 'B', 'p', 'div', 'DIV', 'br', ' ', '=', ':', '-', '1', '\n'];
  const tags = ['<div>', '</div>', '<p>', '<a href="x>y">', "<i title='a\"b'>", '<br/>', '<Img>', '<x:y>', '</ div>'];
  const markup = fc.array(fc.constantFrom(...pieces, ...tags), { maxLength: 40 }).map((parts) => parts.join(''));

  it('finds the depth the tag regex finds, on any markup (quotes that never close, stray brackets)', () => {
    fc.assert(
      fc.property(markup, (html) => {
        expect(capNesting(html, 1_000_000).maxDepth).toBe(regexDepth(html));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads an unclosed quote as no tag and goes on after its bracket', () => {
    const html = '<div title="never closed><div><div></div>';
    expect(capNesting(html, 1_000_000).maxDepth).toBe(regexDepth(html));
    // The first <div> is no tag (its quote never closes); the two after it are.
    expect(capNesting(html, 1_000_000).maxDepth).toBe(2);
  });
});
