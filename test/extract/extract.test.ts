import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/core/document.js';
import { extractPage } from '../../src/extract/extract.js';
import { createHtml } from '../../src/stages/html.js';
import { best } from '../support/growth.js';
import {
  ARTICLE_LINES,
  FORM_PAGE,
  FORUM_LINES,
  FORUM_PAGE,
  GERMAN_LINES,
  GERMAN_PAGE,
  JAPANESE_LINES,
  JAPANESE_PAGE,
  JSON_LD_PAGE,
  LINK_LIST_PAGE,
  LISTING_PAGE,
} from './pages.js';

const removal = (rule: string, tag: string, text: string, evidence: Record<string, string | number>) => ({
  rule,
  tag,
  text,
  length: text.length,
  evidence,
});

describe('extract: main content on the tree', () => {
  it('keeps the article of a page wrapped in one <form> (ASP.NET), without its menu and search box', () => {
    const r = extractPage(FORM_PAGE);
    expect(r.lines).toEqual(['Night buses for the north', ...ARTICLE_LINES]);
    expect(r.removals).toEqual([
      removal('class-hint', 'ul', 'News Sport Weather', { word: 'menu' }),
      removal('link-density', 'div', 'City Times', { linkDensity: 1, links: 1 }),
    ]);
    expect([...r.dropped]).toEqual([
      ['head', 1],
      ['input', 3],
    ]);
  });

  it('drops related posts and comments of a German page by their class words, and reads its metadata', () => {
    const r = extractPage(GERMAN_PAGE);
    expect(r.lines).toEqual(GERMAN_LINES);
    expect(r.removals.map((x) => [x.rule, x.evidence])).toEqual([
      ['class-hint', { word: 'related' }],
      ['class-hint', { word: 'comments' }],
      ['link-density', { linkDensity: 1, links: 1 }],
    ]);
    expect(r.removals[0]?.text).toBe(
      'Ähnliche Beiträge Neue Radwege in der Innenstadt sollen bis zum Herbst fertig sein, teilte die Verwaltung mit.',
    );
    expect(r.metadata).toEqual({
      h1: 'Nachtbusse für den Norden',
      title: 'Nachtbusse für den Norden – Stadtanzeiger',
      author: 'Anna Schmidt',
      published: '2025-03-04T08:00:00+01:00',
      siteName: 'Stadtanzeiger',
      language: 'de-DE',
    });
  });

  it('drops navigation, a ranking list of links and the footer of a Japanese page', () => {
    const r = extractPage(JAPANESE_PAGE);
    expect(r.lines).toEqual(JAPANESE_LINES);
    expect(r.removals).toEqual([
      removal('furniture', 'nav', 'トップ ニュース スポーツ', { kind: '<nav>' }),
      removal('page-chrome', 'footer', 'Copyright 市民新聞 All rights reserved.', { kind: '<footer>' }),
      removal(
        'link-density',
        'div',
        'アクセスランキング 駅前再開発の計画が明らかに 市長が来年度予算案を発表 新しい図書館が開館',
        {
          linkDensity: 0.79,
          links: 3,
        },
      ),
    ]);
    expect(r.metadata.language).toBe('ja');
  });

  it('keeps the posts of a forum thread although they are marked `comment`: they are the body', () => {
    const r = extractPage(FORUM_PAGE);
    expect(r.lines).toEqual(FORUM_LINES.slice(1));
    expect(r.removals.map((x) => x.rule)).toEqual(['page-chrome', 'page-chrome', 'outside-content']);
    expect(r.removals[2]).toEqual(
      removal('outside-content', 'h1', 'Backups stopped after the 2.3 update', { rootTag: 'div', share: 0.09 }),
    );
  });

  it('takes the JSON-LD articleBody of a page that shows no text', () => {
    const r = extractPage(JSON_LD_PAGE);
    expect(r.from).toBe('json-ld');
    expect(r.lines).toEqual(ARTICLE_LINES);
    expect(r.metadata).toMatchObject({ author: 'Jane Doe', published: '2025-03-04', siteName: 'City Times' });
  });

  it('puts a JSON-LD body first when the visible text does not hold it', () => {
    const page = JSON_LD_PAGE.replace(
      '<div id="root"></div>',
      `<div id="root"><p>${'Reply text that the page shows below the first post, long enough to count. '.repeat(4)}</p></div>`,
    );
    const r = extractPage(page);
    expect(r.from).toBe('json-ld+dom');
    expect(r.lines.slice(0, 3)).toEqual(ARTICLE_LINES);
    expect(r.lines).toHaveLength(4);
  });

  it('drops a list of links inside an article, with its link density as evidence', () => {
    const r = extractPage(LINK_LIST_PAGE);
    expect(r.lines).toEqual(['Night buses for the north', ...ARTICLE_LINES]);
    expect(r.removals).toEqual([
      removal('link-density', 'ul', 'Bus fares to rise in May Tram line closed for repairs New cycle lanes open', {
        linkDensity: 1,
        links: 3,
      }),
    ]);
  });

  it('keeps the links of a listing page: when links are most of the page, they are its content', () => {
    const r = extractPage(LISTING_PAGE);
    expect(r.lines).toHaveLength(7);
    expect(r.lines[1]).toBe('Night buses for the north');
    expect(r.removals).toEqual([]);
  });
});

describe('extract: through the html stage', () => {
  const doc = (text: string): Document => ({
    id: 'doc',
    source: 'site/a.html',
    sourceKey: 'site',
    output: 'site/a.txt',
    format: 'html',
    text,
    meta: {},
    changes: [],
  });

  it('writes the metadata into meta and every removal as a change record with its text', () => {
    const outcome = createHtml().run(doc(GERMAN_PAGE));
    expect(outcome.action).toBe('keep');
    expect(outcome.doc.text).toBe(GERMAN_LINES.join('\n'));
    expect(outcome.doc.meta).toEqual({
      fromMarkup: true,
      author: 'Anna Schmidt',
      published: '2025-03-04T08:00:00+01:00',
      siteName: 'Stadtanzeiger',
      htmlLang: 'de-DE',
    });
    const comments = outcome.doc.changes.find((c) => c.evidence?.word === 'comments');
    expect(comments).toMatchObject({
      stage: 'html',
      rule: 'class-hint',
      offset: 0,
      evidence: { tag: 'div', length: 198 },
    });
    expect(comments?.removed?.startsWith('2 Kommentare Endlich!')).toBe(true);
  });

  it('caps the removed text of a long block and says so', () => {
    const menu = Array.from({ length: 80 }, (_, i) => `<li><a href="/${i}">Section number ${i}</a></li>`).join('');
    const page = `<nav><ul>${menu}</ul></nav><article><h1>Title</h1><p>${ARTICLE_LINES.join('</p><p>')}</p></article>`;
    const outcome = createHtml().run(doc(page));
    const nav = outcome.doc.changes.find((c) => c.rule === 'furniture');
    expect(nav?.removed).toHaveLength(200);
    expect(nav?.evidence).toMatchObject({ tag: 'nav', cappedAt: 200 });
    expect(Number(nav?.evidence?.length)).toBeGreaterThan(1000);
  });
});

describe('extract: hostile pages', () => {
  it('reads malformed markup: stray end tags, unclosed elements, broken JSON-LD, junk attributes', () => {
    const page = `</div></p><html><head><script type="application/ld+json">{"@type": "NewsArticle", "author": </script>
<body><div class="a" class="b" =x><p>${ARTICLE_LINES[0]}<p>${ARTICLE_LINES[1]}<div><span>${ARTICLE_LINES[2]}</div></span></td></table>`;
    const r = extractPage(page);
    expect(r.lines).toEqual(ARTICLE_LINES);
  });

  it('grows linearly: a page ten times larger takes at most about ten times the parse work (same run)', () => {
    const block = `<div class="post"><p>${ARTICLE_LINES[0]}</p><ul><li><a href="/x">link</a></li></ul></div>`;
    const small = `<body>${block.repeat(1_000)}</body>`;
    const large = `<body>${block.repeat(10_000)}</body>`;
    // CPU time (not wall time, which other processes stretch unevenly), the least of two runs,
    // with a 10 ms floor under the small page's so that timer and GC noise cannot make the ratio.
    const time = (page: string) => {
      let lines = 0;
      const ms = best(() => {
        lines = extractPage(page).lines.length;
      }, 2);
      return { ms, lines };
    };
    time(small); // warm up
    const a = time(small);
    const b = time(large);
    expect(a.lines).toBe(1_000);
    expect(b.lines).toBe(10_000);
    expect(b.ms / Math.max(a.ms, 10), `${a.ms.toFixed(1)} -> ${b.ms.toFixed(1)} ms`).toBeLessThan(40);
  });

  it('survives a JSON-LD graph that is huge and cyclic in shape', () => {
    const graph = {
      '@graph': Array.from({ length: 50_000 }, (_, i) => ({ '@type': 'Thing', name: `n${i}`, mainEntity: [[[]]] })),
    };
    const page = `<script type="application/ld+json">${JSON.stringify(graph)}</script><p>${ARTICLE_LINES.join('</p><p>')}</p>`;
    expect(extractPage(page).lines).toEqual(ARTICLE_LINES);
  });
});
