import { describe, expect, it } from 'vitest';
import { REMOVED_CAP } from '../../src/extract/content.js';
import { extractPage } from '../../src/extract/extract.js';
import { ARTICLE_LINES } from './pages.js';

const [P1, P2, P3] = ARTICLE_LINES as [string, string, string];
const TITLE = 'Night buses for the north';
const page = (body: string): string =>
  `<!doctype html><html lang="en"><head><title>${TITLE}</title></head><body>${body}</body></html>`;
const STORY = `<article><h1>${TITLE}</h1><p>${P1}</p><p>${P2}</p><p>${P3}</p></article>`;
/** The story again as Markdown for a script: link targets the shown text has not. */
const MARKDOWN = `# ${TITLE}\n\n${P1.replace('night bus network', '[night bus network](https://example.org/night-network-plan-2025)')}\n\n${P2}\n\n${P3}`;
const folded = (s: string): string => s.replace(/\s+/g, ' ').trim();

describe('extract: hidden copies of the shown text', () => {
  it('drops a hidden block (kept as prose a script reveals) whose text the page already shows', () => {
    const r = extractPage(page(`${STORY}<pre hidden>${MARKDOWN}</pre>`));
    expect(r.lines).toEqual([TITLE, P1, P2, P3]);
    const text = folded(MARKDOWN);
    expect(r.removals).toEqual([
      {
        rule: 'hidden',
        tag: 'pre',
        text: text.slice(0, REMOVED_CAP),
        length: text.length,
        evidence: { by: 'hidden', copy: 'of shown text' },
      },
    ]);
  });

  it('keeps a hidden panel of prose (400+ characters) the page does not show elsewhere (a collapsed FAQ answer)', () => {
    const answer =
      'Season tickets bought before the change stay valid on the new night routes until they expire, and holders do not need to exchange them at a ticket office; the council will write to every holder in March to explain the new timetable, the stops added in the northern districts and the fares that apply after midnight. Holders who moved house since buying their ticket should tell the council before February, so that the letter reaches them in time for the first night services in the spring.';
    const r = extractPage(
      page(
        `<article><h1>${TITLE}</h1><p>${P1}</p><p>${P2}</p><p>${P3}</p><div hidden><p>${answer}</p></div></article>`,
      ),
    );
    expect(r.lines).toEqual([TITLE, P1, P2, P3, answer]);
    expect(r.removals).toEqual([]);
  });

  it('keeps hidden tabs that share sentences with the shown tab but not their code (one per language)', () => {
    const tab = (lang: string, code: string): string =>
      `<p>${P1}</p><pre>${code}</pre><p>${P2}</p>`.replace('<p>', `<p data-lang="${lang}">`);
    const js = Array.from(
      { length: 12 },
      (_, i) => `const route${i} = await client.routes.create({ line: "N${i}" });`,
    ).join('\n');
    const py = Array.from({ length: 12 }, (_, i) => `route_${i} = client.routes.create(line="N${i}")  # python`).join(
      '\n',
    );
    const r = extractPage(
      page(`<article><h1>${TITLE}</h1><div>${tab('js', js)}</div><div hidden>${tab('py', py)}</div></article>`),
    );
    expect(r.removals).toEqual([]);
    expect(r.lines.filter((l) => l.includes('# python'))).toHaveLength(12);
  });
});
