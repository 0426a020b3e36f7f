import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/extract/extract.js';
import {
  ARTICLE_DECLARED_FORUM_PAGE,
  ARTICLE_LINES,
  BLOG_THREAD_PAGE,
  DECLARED_FORUM_THREAD_PAGE,
  THREAD_REPLIES,
} from './pages.js';

const TITLE = 'Night buses for the north';

describe('extract: a comment thread beside an article', () => {
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
});
