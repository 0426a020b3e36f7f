import { describe, expect, it } from 'vitest';
import type { Change, Document } from '../../src/core/document.js';
import type { Outcome } from '../../src/core/stage.js';
import { createHtml } from '../../src/stages/html.js';

const htmlDoc = (text: string, extra: Partial<Document> = {}): Document => ({
  id: 'doc',
  source: 'site/a.html',
  sourceKey: 'site',
  output: 'site/a.txt',
  format: 'html',
  text,
  meta: {},
  changes: [],
  ...extra,
});

const kept = (outcome: Outcome): Document => {
  if (outcome.action !== 'keep') throw new Error(`expected keep, got drop: ${outcome.reason} ${outcome.message}`);
  return outcome.doc;
};

const record = (rule: string, extra: Omit<Change, 'stage' | 'rule' | 'offset'> = {}): Change => ({
  stage: 'html',
  rule,
  offset: 0,
  ...extra,
});
const dropped = (tag: string, count = 1): Change => record('dropped-element', { evidence: { tag, count } });

const html = createHtml();

const PAGE = `<!doctype html>
<html lang="en"><head>
<meta charset="utf-8"><title>Putin says Russia will not give up its goals | World News Daily</title>
<link rel="canonical" href="https://www.example-news.com/world/putin-call">
<meta property="og:url" content="https://other.example.com/x">
<style>body { color: red }</style>
<script>var x = "<p>not text</p>";</script>
</head><body>
<header class="site"><a href="/">World News Daily</a><nav><ul><li><a href="/world">World</a></li><li>Politics</li></ul></nav></header>
<main>
<article>
<header><h1>Putin says Russia will <em>not</em> give up its goals</h1><p class="byline">By Jane Doe</p></header>
<p>Russian President Vladimir Putin told Donald Trump on Thursday that Moscow would
   pursue its goals &amp; not back down, the Kremlin&#8217;s aide said.</p>
<p>“We had a call,” Trump said.&nbsp;“It was long.”</p>
<script>track("view");</script>
<aside><h3>Related</h3><ul><li>Other story</li></ul></aside>
<h2>What comes next</h2>
<ul><li>Talks in Istanbul</li><li>A pause in <b>weapons</b> shipments</li></ul>
<blockquote>Russia will not abandon these objectives.</blockquote>
<p>Line one<br>Line two<br/><br>Line three</p>
<pre>code line 1
  code line 2</pre>
<table><tr><td>Cell A</td><td>Cell B</td></tr></table>
<form><input name="email"><button>Subscribe</button></form>
<div hidden>Hidden text</div><div aria-hidden="true">Also hidden</div>
<div role="navigation">Menu</div>
<footer><p>Reporting by John Smith.</p></footer>
</article>
</main>
<footer><p>© 2025 World News Daily</p><iframe src="x"></iframe></footer>
<noscript>Enable JS</noscript><svg><text>svg text</text></svg>
</body></html>`;

describe('html: page to text blocks', () => {
  it('writes one block a line, drops page furniture, takes the canonical URL', () => {
    const doc = kept(html.run(htmlDoc(PAGE)));
    expect(doc.text).toBe(
      [
        'Putin says Russia will not give up its goals',
        'Russian President Vladimir Putin told Donald Trump on Thursday that Moscow would pursue its goals & not back down, the Kremlin’s aide said.',
        '“We had a call,” Trump said.\u00a0“It was long.”',
        'What comes next',
        'Talks in Istanbul',
        'A pause in weapons shipments',
        'Russia will not abandon these objectives.',
        'Line one',
        'Line two',
        'Line three',
        'code line 1',
        'code line 2',
        'Cell A',
        'Cell B',
        'Reporting by John Smith.',
      ].join('\n'),
    );
    const removed = (rule: string, text: string, evidence: Record<string, string | number>): Change =>
      record(rule, { removed: text, evidence: { length: text.length, ...evidence } });
    expect(doc.changes).toEqual([
      record('html-to-text', { evidence: { blocks: 15, from: 'dom' } }),
      dropped('head'),
      dropped('script'),
      dropped('input'),
      dropped('button'),
      dropped('iframe'),
      dropped('noscript'),
      dropped('svg'),
      removed('hidden', 'Hidden text', { tag: 'div', by: 'hidden' }),
      removed('hidden', 'Also hidden', { tag: 'div', by: 'aria-hidden' }),
      removed('furniture', 'Menu', { tag: 'div', kind: 'role=navigation' }),
      removed('page-chrome', 'World News Daily World Politics', { tag: 'header', kind: '<header>' }),
      removed('class-hint', 'By Jane Doe', { tag: 'p', word: 'byline' }),
      removed('furniture', 'Related Other story', { tag: 'aside', kind: '<aside>' }),
      removed('page-chrome', '© 2025 World News Daily', { tag: 'footer', kind: '<footer>' }),
      record('source-url', {
        evidence: { url: 'https://www.example-news.com/world/putin-call', sourceKey: 'example-news.com' },
      }),
    ]);
    expect(doc.meta).toEqual({
      fromMarkup: true,
      url: 'https://www.example-news.com/world/putin-call',
      htmlLang: 'en',
    });
    expect(doc.sourceKey).toBe('example-news.com');
    expect(doc.format).toBe('text');
  });

  it('keeps <header> and <footer> inside <article>, drops them at page level', () => {
    const page =
      '<header><p>Site banner</p></header><article><header><p>Kicker line</p><h1>The headline</h1></header>' +
      '<p>Body.</p><footer><p>Last line of content.</p></footer></article><footer><p>Copyright</p></footer>';
    const doc = kept(html.run(htmlDoc(page)));
    expect(doc.text).toBe('The headline\nKicker line\nBody.\nLast line of content.');
    expect(doc.changes).toEqual([
      record('html-to-text', { evidence: { blocks: 4, from: 'dom' } }),
      record('page-chrome', { removed: 'Copyright', evidence: { tag: 'footer', length: 9, kind: '<footer>' } }),
      record('page-chrome', { removed: 'Site banner', evidence: { tag: 'header', length: 11, kind: '<header>' } }),
      record('moved-title', { evidence: { fromLine: 1 } }),
    ]);
  });

  it('keeps the headline of a dropped page header by inserting it as the first line', () => {
    const body = 'The body paragraph is long enough to be the page, unlike the header and its menu above it.';
    const page = `<header><h1>Headline in the page header</h1><nav>Menu</nav></header><p>${body}</p>`;
    const doc = kept(html.run(htmlDoc(page)));
    expect(doc.text).toBe(`Headline in the page header\n${body}`);
    expect(doc.changes).toEqual([
      record('html-to-text', { evidence: { blocks: 1, from: 'dom' } }),
      record('page-chrome', {
        removed: 'Headline in the page header Menu',
        evidence: { tag: 'header', length: 32, kind: '<header>' },
      }),
      record('inserted-title', { inserted: 'Headline in the page header', evidence: { from: 'h1' } }),
    ]);
  });

  it("keeps a page-level header that holds the page's prose, without its menu", () => {
    const prose = 'A site that puts its article in the page header. '.repeat(5).trim();
    const page = `<header><h1>Headline in the page header</h1><nav>Menu</nav><p>${prose}</p></header><p>Body.</p>`;
    const doc = kept(html.run(htmlDoc(page)));
    expect(doc.text).toBe(`Headline in the page header\n${prose}`);
    expect(doc.changes).toEqual([
      record('html-to-text', { evidence: { blocks: 2, from: 'dom' } }),
      record('furniture', { removed: 'Menu', evidence: { tag: 'nav', length: 4, kind: '<nav>' } }),
      record('outside-content', {
        removed: 'Body.',
        evidence: { tag: 'p', length: 5, rootTag: 'header', share: 0.02 },
      }),
    ]);
  });

  it('prefers the <h1> inside <article> over a logo <h1>', () => {
    const page =
      '<div class="logo"><h1>Daily Site</h1></div><article><p>Section</p><h1>Real headline here</h1><p>Body.</p></article>';
    expect(kept(html.run(htmlDoc(page))).text).toBe('Real headline here\nDaily Site\nSection\nBody.');
  });

  it('takes the <title>, without its site suffix, when there is no <h1>', () => {
    const page = '<title>Markets rally as rates fall - The Daily Paper</title><p>Stocks rose on Monday.</p>';
    const doc = kept(html.run(htmlDoc(page)));
    expect(doc.text).toBe('Markets rally as rates fall\nStocks rose on Monday.');
    expect(doc.changes).toEqual([
      record('html-to-text', { evidence: { blocks: 1, from: 'dom' } }),
      dropped('title'),
      record('inserted-title', { inserted: 'Markets rally as rates fall', evidence: { from: 'title' } }),
    ]);
  });

  it('leaves a <title> suffix that is not a short site name alone', () => {
    const page = '<title>Live - Russia and Ukraine hold talks in Istanbul today</title><p>Body.</p>';
    expect(kept(html.run(htmlDoc(page))).text).toBe('Live - Russia and Ukraine hold talks in Istanbul today\nBody.');
  });

  it('does not add a title that is already the first line', () => {
    const doc = kept(html.run(htmlDoc('<h1>Headline</h1><p>Body.</p>')));
    expect(doc.text).toBe('Headline\nBody.');
    expect(doc.changes).toEqual([record('html-to-text', { evidence: { blocks: 2, from: 'dom' } })]);
  });

  it('uses og:url when there is no absolute canonical link', () => {
    const page =
      '<link rel="canonical" href="/relative/path"><meta property="og:url" content="https://news.example.org/a"><h1>H</h1><p>B.</p>';
    const doc = kept(html.run(htmlDoc(page)));
    expect(doc.meta.url).toBe('https://news.example.org/a');
    expect(doc.sourceKey).toBe('news.example.org');
  });

  it('leaves the URL and sourceKey of a document that came with one (JSONL url) alone', () => {
    const page = '<link rel="canonical" href="https://other.example.com/a"><h1>H</h1><p>B.</p>';
    const doc = kept(
      html.run(htmlDoc(page, { sourceKey: 'given.example.com', meta: { url: 'https://given.example.com/a' } })),
    );
    expect(doc.meta.url).toBe('https://given.example.com/a');
    expect(doc.sourceKey).toBe('given.example.com');
    expect(doc.changes.map((c) => c.rule)).toEqual(['html-to-text', 'dropped-element']);
  });

  it('drops a page with no text outside furniture as no-text', () => {
    const outcome = html.run(htmlDoc('<script>x()</script><nav>Home</nav>'));
    expect(outcome).toMatchObject({
      action: 'drop',
      reason: 'no-text',
      message: 'the page has no text outside scripts, navigation and forms',
    });
  });
});

describe('html: leaves other things alone', () => {
  it('passes text documents through untouched', () => {
    const text = htmlDoc('<p>not parsed</p> & more', { format: 'text' });
    expect(html.run(text)).toEqual({ action: 'keep', doc: text });
  });

  it('keeps inline elements joined and text in unknown elements', () => {
    const doc = kept(
      html.run(htmlDoc('<p>One <a href="#">two</a><span>three</span> <custom-tag>four</custom-tag></p>')),
    );
    expect(doc.text).toBe('One twothree four');
  });

  it('is idempotent: the converted document is text and passes through a second run', () => {
    const once = kept(html.run(htmlDoc(PAGE)));
    expect(html.run(once)).toEqual({ action: 'keep', doc: once });
  });
});

describe('html: deep nesting', () => {
  // Time is not asserted here (house rule): linear growth is checked in test/extract as a ratio
  // measured in one run; these check that deep pages come out whole and recorded.
  it('handles 10,000 nested <div>, capping the nesting it parses', () => {
    const page = `<h1>Deep</h1>${'<div>'.repeat(10_000)}Deep text${'</div>'.repeat(10_000)}`;
    const doc = kept(html.run(htmlDoc(page)));
    expect(doc.text).toBe('Deep\nDeep text');
    expect(doc.changes.slice(0, 2)).toEqual([
      record('nesting-capped', { evidence: { depth: 10_000, removedTags: 18_000 } }),
      record('html-to-text', { evidence: { blocks: 2, from: 'dom' } }),
    ]);
  });

  it('handles 100,000 unclosed nested elements with text at every level, losing none silently', () => {
    const page = '<section><span>x</span>'.repeat(100_000);
    const doc = kept(html.run(htmlDoc(page)));
    // The deepest section holds nearly all the text and becomes the content; the x of each outer
    // level goes as outside-content, each with its record.
    const removed = doc.changes.filter((c) => c.rule === 'outside-content').map((c) => c.removed ?? '');
    const xs = (s: string) => s.replace(/[^x]/g, '').length;
    expect(xs(doc.text) + removed.reduce((n, r) => n + xs(r), 0)).toBe(100_000);
    expect(xs(doc.text)).toBeGreaterThan(90_000);
  });

  it('does not cap a page whose depth is within the limit, counting unclosed <p> and <li> as siblings', () => {
    const page = `<h1>H</h1>${'<p>para'.repeat(3000)}${'<ul><li>a<li>b</ul>'.repeat(10)}`;
    const doc = kept(html.run(htmlDoc(page)));
    expect(doc.changes.map((c) => c.rule)).toEqual(['html-to-text']);
    expect(doc.text.split('\n')).toHaveLength(1 + 3000 + 20);
  });
});

describe('html: options', () => {
  it('rejects bad options, quoting the bad value', () => {
    expect(() => createHtml({ maxDepth: 0 })).toThrow('html: option `maxDepth` must be an integer >= 1, got 0');
    expect(() => createHtml({ maxDepth: 2.5 })).toThrow('got 2.5');
    expect(() => createHtml({ depth: 3 } as never)).toThrow('html: unknown option "depth" (known: maxDepth)');
  });

  it('caps nesting at the configured depth', () => {
    const doc = kept(createHtml({ maxDepth: 2 }).run(htmlDoc('<div><div><div><p>a</p><p>b</p></div></div></div>')));
    expect(doc.changes[0]).toEqual(record('nesting-capped', { evidence: { depth: 3, removedTags: 2 } }));
    expect(doc.text).toBe('a\nb');
  });
});
