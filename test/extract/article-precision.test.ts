import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/extract/extract.js';
import {
  ARTICLE_DECLARED_FORUM_PAGE,
  ARTICLE_LINES,
  BLOG_THREAD_PAGE,
  DECLARED_FORUM_THREAD_PAGE,
  SAMPLE_JSON,
  SCRIPT_DATA_PAGE,
  SCRIPT_DATA_STATE,
  THREAD_REPLIES,
} from './pages.js';

const TITLE = 'Night buses for the north';

describe('extract: article precision (comment threads, script data)', () => {
  it('drops the comment thread of a declared article, though the thread holds more text and its comments are <article>s', () => {
    const r = extractPage(BLOG_THREAD_PAGE);
    expect(r.metadata.kind).toBe('article');
    expect(r.lines).toEqual([TITLE, ...ARTICLE_LINES]);
    const thread = THREAD_REPLIES.join(' ');
    expect(r.removals).toEqual([
      {
        rule: 'comment-thread',
        tag: 'div',
        text: thread.slice(0, 200),
        length: thread.length,
        evidence: { word: 'comment-thread' },
      },
    ]);
  });

  it('keeps the replies of the same markup when the page declares a forum thread', () => {
    const r = extractPage(DECLARED_FORUM_THREAD_PAGE);
    expect(r.metadata.kind).toBe('discussion');
    expect(r.lines).toEqual([TITLE, ...ARTICLE_LINES, ...THREAD_REPLIES]);
    expect(r.removals).toEqual([]);
  });

  it('keeps the replies of a thread declared an article when its comments block holds no comment-labelled items', () => {
    const r = extractPage(ARTICLE_DECLARED_FORUM_PAGE);
    expect(r.metadata.kind).toBe('article');
    expect(r.lines).toEqual([TITLE, ...ARTICLE_LINES, ...THREAD_REPLIES]);
    expect(r.removals).toEqual([]);
  });

  it('reads the declared kind: og:type or JSON-LD article types, a forum or Q&A type winning; an FAQ is no discussion', () => {
    const page = (head: string) => `<html><head>${head}</head><body><p>x</p></body></html>`;
    const ld = (v: unknown) => `<script type="application/ld+json">${JSON.stringify(v)}</script>`;
    expect(extractPage(page(ld({ '@graph': [{ '@type': ['NewsArticle'] }] }))).metadata.kind).toBe('article');
    expect(
      extractPage(page(ld({ '@type': 'QAPage' }) + '<meta property="og:type" content="article">')).metadata.kind,
    ).toBe('discussion');
    expect(
      extractPage(
        page(
          ld({ '@type': 'FAQPage', mainEntity: { '@type': 'Question' } }) +
            '<meta property="og:type" content="article">',
        ),
      ).metadata.kind,
    ).toBe('article');
    expect(extractPage(page('<meta property="og:type" content="website">')).metadata.kind).toBeUndefined();
  });

  it("drops a block whose whole text is a script's JSON state, and keeps JSON shown in <pre><code>", () => {
    const r = extractPage(SCRIPT_DATA_PAGE);
    expect(r.lines).toEqual([TITLE, ...ARTICLE_LINES, SAMPLE_JSON]);
    expect(r.removals).toEqual([
      {
        rule: 'script-data',
        tag: 'div',
        text: SCRIPT_DATA_STATE.slice(0, 200),
        length: SCRIPT_DATA_STATE.length,
        evidence: { format: 'json' },
      },
    ]);
  });

  it('keeps a short JSON-looking or broken-JSON text as text (hostile: unbalanced, huge nesting)', () => {
    const broken = `{"a": [${'['.repeat(300)}}`;
    const page = `<html><body><article><p>${ARTICLE_LINES[0]}</p><div>${broken}</div><div>{"short": 1}</div></article></body></html>`;
    const r = extractPage(page);
    expect(r.lines).toEqual([ARTICLE_LINES[0], broken, '{"short": 1}']);
    expect(r.removals).toEqual([]);
  });
});
