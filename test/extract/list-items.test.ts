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
