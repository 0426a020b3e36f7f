import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/extract/extract.js';
import { stopwordDensity, stopwordLanguage, wordsOf } from '../../src/extract/stopwords.js';
import { ARTICLE_LINES } from './pages.js';

const paragraphs = ARTICLE_LINES.map((p) => `<p>${p}</p>`).join('');

describe('stop-word density (stopwords-iso lists)', () => {
  it('takes the language from <html lang>, else from the list that holds most of the words', () => {
    const german = wordsOf('Die Stadt hat am Dienstag beschlossen, dass die Nachtbusse auch in den Norden fahren.');
    expect(stopwordLanguage(german, 'de-DE')).toBe('de');
    expect(stopwordLanguage(german)).toBe('de');
    expect(stopwordLanguage(wordsOf(ARTICLE_LINES.join(' ')))).toBe('en');
    expect(stopwordLanguage(wordsOf('北部に深夜バス'), 'ja')).toBeUndefined();
    expect(stopwordLanguage(wordsOf('Xq zzv'), undefined)).toBeUndefined();
  });

  it('is high in prose and low in a row of topic words', () => {
    expect(stopwordDensity(wordsOf(ARTICLE_LINES[0] ?? ''), 'en')).toBeGreaterThan(0.3);
    expect(stopwordDensity(wordsOf('Topics: Buses, Trams, Council, Budget, Transport'), 'en')).toBe(0);
    expect(stopwordDensity([], 'en')).toBeUndefined();
    expect(stopwordDensity(['und'], 'xx')).toBeUndefined();
  });
});

describe('extract: linking blocks that do not read as prose', () => {
  const topics = `<div class="x">Topics: <a href="/t/buses">Buses</a>, <a href="/t/trams">Trams</a>, <a href="/t/council">Council</a>, <a href="/t/budget">Budget</a>, Transport, Northern districts, Nightlife, Drivers, Elections</div>`;
  const linkingProse = `<p>Read <a href="/plan">the council's plan</a> and <a href="/vote">the full vote</a> on <a href="/site">its website</a>, where the city has published them for anyone who wants to see them.</p>`;

  it('drops a row of topic links, with its stop-word density as evidence, and keeps prose that links as much', () => {
    const r = extractPage(
      `<html lang="en"><body><article>${paragraphs}${topics}${linkingProse}</article></body></html>`,
    );
    expect(r.lines).toEqual([
      ...ARTICLE_LINES,
      "Read the council's plan and the full vote on its website, where the city has published them for anyone who wants to see them.",
    ]);
    expect(r.removals).toEqual([
      {
        rule: 'link-density',
        tag: 'div',
        text: 'Topics: Buses, Trams, Council, Budget, Transport, Northern districts, Nightlife, Drivers, Elections',
        length: 99,
        evidence: { linkDensity: 0.26, links: 4, stopwordDensity: 0 },
      },
    ]);
  });

  it('reads a German page with the German list', () => {
    const de =
      '<p>Die Stadt hat am Dienstag beschlossen, dass die Nachtbusse ab dem Frühjahr auch in die nördlichen Stadtteile fahren werden, wie die Verwaltung mitteilte.</p>';
    const themen = `<div>Themen: <a href="/t/bus">Nachtbusse</a>, <a href="/t/tram">Straßenbahn</a>, <a href="/t/rat">Stadtrat</a>, Haushalt, Verkehr, Fahrpläne, Wahlen</div>`;
    const r = extractPage(`<html lang="de"><body><article>${de.repeat(3)}${themen}</article></body></html>`);
    expect(r.removals.map((x) => [x.rule, x.evidence.stopwordDensity])).toEqual([['link-density', 0]]);
    expect(r.lines).toHaveLength(3);
  });

  it('leaves a Japanese page to structure: no list applies, nothing is dropped by words', () => {
    const ja = '<p>市議会は火曜日、北部地区への深夜バス路線の延長を決めた。運行は春に始まる予定だ。</p>';
    const row = `<div>話題: <a href="/a">バス</a>、<a href="/b">市議会</a>、予算、交通、選挙、北部、夜間</div>`;
    const r = extractPage(`<html lang="ja"><body><article>${ja.repeat(3)}${row}</article></body></html>`);
    expect(r.removals).toEqual([]);
    expect(r.lines).toHaveLength(4);
  });
});
