/**
 * A list under a "More to read:" or "Related" heading that is the article's own: titles on the
 * article's subject (an author's list of their posts on it, a series index), not a site's widget
 * of whatever else it publishes. The boilerplate stage leaves such a list alone; another
 * document's headline among its titles is what then shows it to be links, and the headlines
 * stage, which knows the batch's headlines, removes it (src/stages/headlines.ts).
 *
 * On the subject: the article's key words are the headline's topic words that are among the
 * body's `KEY_RANKS` commonest topic words (used `KEY_USES` times at least): "startup" in a post
 * about startups, not "best" in a review that says it now and then. A title is on the subject
 * when it has one of them. The list is the
 * article's own when `OWN_SHARE` of its titles, and at least `OWN_MIN` of them, are.
 */
import type { ContentLine, Settings } from './boilerplate-lines.js';
import { type PhraseMatch, readAlsoHeadline } from './boilerplate-phrases.js';
import { isHeadlineShaped, sameWord, topicStems } from './line-shape.js';

const KEY_USES = 2;
/** How many of the body's commonest topic words the subject is read from. */
const KEY_RANKS = 5;
const OWN_SHARE = 0.5;
const OWN_MIN = 2;
/** Body words read for the key words' uses: a long article has told its subject by then. */
const BODY_WORDS = 5000;

/**
 * The positions of a headed list's titles: the headline-shaped lines (of at most `maxWords` words)
 * after the heading at `heading`, of `count` lines. An ad slot or an "Also Read:" link among them
 * is an insert, passed over; any other phrase ends the list. The boilerplate stage (which leaves
 * an own list as text) and the headlines stage (which removes it on the batch's evidence) both
 * read a list's titles here, so that they judge the same list.
 */
export function listTitles(
  count: number,
  heading: number,
  line: (at: number) => { readonly text: string; readonly phrase: PhraseMatch | undefined },
  maxWords: number,
): number[] {
  const titles: number[] = [];
  for (let next = heading + 1; next < count; next++) {
    const { text, phrase } = line(next);
    if (phrase?.role === 'inline' || (phrase === undefined && readAlsoHeadline(text) !== undefined)) continue;
    if (phrase !== undefined || !isHeadlineShaped(text, maxWords)) break;
    titles.push(next);
  }
  return titles;
}

/** The article's key words: the headline's topic words that are among its body's commonest. */
export function articleKeyWords(lines: readonly ContentLine[], headline: number, end: number): string[] {
  const own = [...new Set(topicStems(lines[headline]?.text ?? ''))];
  if (own.length === 0) return [];
  const uses = new Map<string, number>();
  let read = 0;
  for (let at = headline + 1; at < end && read < BODY_WORDS; at++) {
    for (const word of topicStems((lines[at] as ContentLine).text)) {
      if (++read > BODY_WORDS) break;
      uses.set(word, (uses.get(word) ?? 0) + 1);
    }
  }
  // The body's commonest topic words (ties at the last place included), in any form.
  const counts = [...uses.values()].sort((a, b) => b - a);
  const least = Math.max(KEY_USES, counts[KEY_RANKS - 1] ?? KEY_USES);
  const common = [...uses].filter(([, count]) => count >= least).map(([word]) => word);
  return own.filter((key) => common.some((word) => sameWord(key, word)));
}

/** Whether the titles of a list are on the article's subject (see the file's comment). */
export function isOwnList(titles: readonly string[], keys: readonly string[]): boolean {
  if (keys.length === 0 || titles.length < OWN_MIN) return false;
  const onSubject = titles.filter((title) => topicStems(title).some((word) => keys.some((key) => sameWord(key, word))));
  return onSubject.length >= OWN_MIN && onSubject.length >= OWN_SHARE * titles.length;
}

/**
 * The lines with each list heading over an own list made plain text: neither a marker that
 * starts the trailer nor one that licenses removing the titles below it. The titles are the
 * headline-shaped lines below the heading; an ad slot or an "Also Read:" link among them is an
 * insert, not one of the list's titles.
 */
export function withOwnListsAsText(
  lines: readonly ContentLine[],
  headline: number,
  settings: Settings,
): readonly ContentLine[] {
  let judged: ContentLine[] | undefined;
  let keys: string[] | undefined;
  let headlineWords: string[] | undefined;
  lines.forEach((line, at) => {
    if (at <= headline || line.phrase?.rule !== 'headline-list' || line.phrase.role !== 'marker') return;
    const titles = listTitles(lines.length, at, (next) => lines[next] as ContentLine, settings.headlineMaxWords).map(
      (next) => (lines[next] as ContentLine).text,
    );
    // The key words are some of the headline's: a list not on the headline's words is not on
    // the key words either, and the body's words need not be counted for it.
    headlineWords ??= [...new Set(topicStems(lines[headline]?.text ?? ''))];
    if (!isOwnList(titles, headlineWords)) return;
    keys ??= articleKeyWords(lines, headline, at);
    if (!isOwnList(titles, keys)) return;
    judged ??= [...lines];
    judged[at] = { ...line, phrase: undefined };
  });
  return judged ?? lines;
}
