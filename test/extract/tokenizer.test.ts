import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { parsePage } from '../../src/extract/dom.js';
import { pageTokenizer, STOCK_TOKENIZER, tokenTrace } from '../../src/extract/tokenizer.js';

const skipping = pageTokenizer();
const same = (html: string) => expect(tokenTrace(html, skipping)).toBe(tokenTrace(html, undefined));

describe('the skipping tokenizer', () => {
  it('is the one pages are parsed with (this htmlparser2 has what it needs)', () => {
    expect(skipping).not.toBe(STOCK_TOKENIZER);
  });

  it('gives the stock tokenizer’s callbacks on markup that goes through every skip', () => {
    const pages = [
      '',
      'plain text only',
      'text & more &amp; &notanentity; &#65;&#x42; &am',
      '<p title="a &amp; b" data-x=\'1 &lt; 2\' id=plain checked>x</p>',
      '<p title="never closed>text after',
      "<p title='never closed>text & after",
      '<div class="a"\n\tdata-b = "c" / >y</div >',
      '<script>if (a < b && c > d) document.write("</div><p>");</script>tail',
      '<script>unterminated < script',
      '<style>a > b { x: "&amp;" }</style><title>A &amp; B &lt; C</title><textarea>&copy; <b></textarea>',
      '<!-- a -- b --><!---><!-- never closed',
      '<![CDATA[ x ]]><!doctype html><?php echo 1 ?></br ><//x>< p>',
      '<A HREF="/X?a=1&b=2&amp;c">Link</A><IMG SRC=x.png ALT=Pic>',
      '<p>trailing &',
      '<p a="&',
      '<p a',
      '<p',
      '</p',
      '<',
      '&',
      'x<y z>w</y\t>',
      '<svg><path d="M0 0L10 10Z"/></svg><math><mi>x</mi></math>',
      '<div\r\nclass=one\fid=two>ok</div\n>',
    ];
    for (const html of pages) same(html);
  });

  it('gives the stock tokenizer’s callbacks on random markup made of the units its states act on', () => {
    const units = ['<', '>', '/', '=', '"', "'", '&', '&amp;', '&#x41;', ' ', '\n', 'a', 'div', 'p', 'script', 'title'];
    const more = ['<!--', '-->', '<![CDATA[', ']]>', '</', 'x="', 'é', '😀', '&copy', ';', '\t'];
    let seed = 11;
    const next = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const all = [...units, ...more];
    for (let i = 0; i < 3000; i++) {
      let html = '';
      const length = next() % 40;
      for (let j = 0; j < length; j++) html += all[next() % all.length];
      same(html);
    }
  });

  it('gives the same tree as htmlparser2’s own parse', () => {
    const html =
      '<html><head><title>T &amp; U</title></head><body><article class="post"><h1>Head</h1>' +
      '<p>One &copy; two <a href="/a?b=1&c=2">link</a>.</p><script>var s = "<p>";</script></article></body></html>';
    const shape = (node: unknown): unknown => JSON.stringify(node, ['type', 'name', 'attribs', 'data', 'children']);
    const options = { lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true };
    expect(shape(parsePage(html).children)).toBe(shape(parseDocument(html, options).children));
  });
});
