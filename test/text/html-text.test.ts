import { describe, expect, it } from 'vitest';
import { htmlToBlocks } from '../../src/text/html-text.js';

// htmlToBlocks loads sanitize-html on its first call (src/text/html-text.ts says why): the first
// call and later ones must reduce markup alike, hostile markup included.
describe('htmlToBlocks', () => {
  it('reduces markup to blocks, one a line, dropping furniture', () => {
    const html = '<p>First <b>bold</b> line.</p><nav><a href="/">Home</a></nav><script>x()</script><p>Second.</p>';
    const first = htmlToBlocks(html);
    expect(first.lines).toEqual(['First bold line.', 'Second.']);
    expect(first.dropped.get('nav')).toBe(1);
    expect(htmlToBlocks(html)).toEqual(first);
  });

  it('keeps the text of unclosed and misnested tags and never throws on broken markup', () => {
    expect(htmlToBlocks('<p>one<div>two</p>three</div><p><<>>').lines.join('\n')).toContain('one');
    expect(() => htmlToBlocks('<'.repeat(10_000))).not.toThrow();
    expect(htmlToBlocks('').lines).toEqual([]);
  });
});
