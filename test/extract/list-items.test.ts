/**
 * An entry of a list (or a cell of a table) that is mostly one link, in a list of prose entries:
 * kept with its list (list-items.ts). Menus as a whole, and an item that holds a whole menu, still go.
 */
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/extract/extract.js';
import { ARTICLE_LINES } from './pages.js';

const story = ARTICLE_LINES.map((p) => `<p>${p}</p>`).join('');
const page = (list: string, more = '') =>
  `<html><body><div class="story"><h1>Night buses for the north</h1>${story}<h2>Where to buy tickets</h2>${list}${more}</div></body></html>`;

describe('extract: an entry of a list of prose entries that is mostly a link', () => {
  const list = `<ul><li>At the kiosks of the central station, open all night on weekends</li>
<li>From drivers, in cash, for single trips only</li><li><a href="/app">The city transport app</a></li></ul>`;

  it('keeps the linked entry with its list', () => {
    const r = extractPage(page(list));
    expect(r.lines).toEqual([
      'Night buses for the north',
      ...ARTICLE_LINES,
      'Where to buy tickets',
      'At the kiosks of the central station, open all night on weekends',
      'From drivers, in cash, for single trips only',
      'The city transport app',
    ]);
    expect(r.removals).toEqual([]);
  });

  it('still drops a list that is a menu as a whole, and an item that holds a whole menu', () => {
    const menu = `<ul>${['News', 'Sport', 'Weather', 'Culture'].map((w) => `<li><a href="/${w}">${w}</a></li>`).join('')}</ul>`;
    const sections = ['Buses', 'Trams', 'Trains', 'Ferries', 'Bikes', 'Parking'];
    const mega = `<ul class="x"><li>Travel: ${sections.map((w) => `<a href="/${w}">${w} and timetables</a>`).join(' ')}</li>
<li>Our offices are open on weekdays from nine in the morning until five in the evening, and on Saturdays until noon.</li>
<li>Lost property is kept for three months at the central station, after which it is given to charity.</li></ul>`;
    const r = extractPage(page(list, `${menu}${mega}`));
    expect(r.lines.slice(-5)).toEqual([
      'At the kiosks of the central station, open all night on weekends',
      'From drivers, in cash, for single trips only',
      'The city transport app',
      'Our offices are open on weekdays from nine in the morning until five in the evening, and on Saturdays until noon.',
      'Lost property is kept for three months at the central station, after which it is given to charity.',
    ]);
    expect(r.removals.map((x) => [x.rule, x.tag, x.text.slice(0, 30), x.evidence.links])).toEqual([
      ['link-density', 'ul', 'News Sport Weather Culture', 4],
      ['link-density', 'li', 'Travel: Buses and timetables T', 6],
    ]);
  });
});

describe('extract: a list whose entries say something besides their links', () => {
  const entry = (label: string, link: string) => `<li>${label}: <a href="/${link.length}">${link}</a></li>`;
  const list = `<ul>${entry('Timetables', 'Night bus timetables for all northern routes')}${entry('Fares', 'Night fares and season tickets from January')}${entry('Questions', 'Contact the city transport authority')}</ul>`;

  it('keeps the list, though most of its text is link text', () => {
    const r = extractPage(page(list));
    expect(r.lines.slice(-3)).toEqual([
      'Timetables: Night bus timetables for all northern routes',
      'Fares: Night fares and season tickets from January',
      'Questions: Contact the city transport authority',
    ]);
    expect(r.removals).toEqual([]);
  });

  it('still drops an archive list whose entries are links with a count beside them', () => {
    const months = ['January', 'February', 'March', 'April'];
    const archive = `<ul>${months.map((m, i) => `<li><a href="/${m}">${m} 2024</a> (${20 + i})</li>`).join('')}</ul>`;
    const r = extractPage(page(list, archive));
    expect(r.lines.at(-1)).toBe('Questions: Contact the city transport authority');
    expect(r.removals).toEqual([
      {
        rule: 'link-density',
        tag: 'ul',
        text: 'January 2024 (20) February 2024 (21) March 2024 (22) April 2024 (23)',
        length: 68,
        evidence: { linkDensity: 0.72, links: 4 },
      },
    ]);
  });
});
