/**
 * Single-document boilerplate: what a page wraps around an article, found by where a line stands
 * and what it looks like first, and by a short list of generic phrases second
 * (src/text/boilerplate-phrases.ts: en, es, fr, de, pt, it).
 *
 * - Above the headline (`section-label`, or the phrase's rule for copyright / follow / app
 *   lines): navigation, breadcrumbs, news section names, and short Title Case labels. A label
 *   goes only when the headline below it is found and the label shares no topic word with the
 *   headline and the first paragraphs (a title does; "World News" does not). The headline itself
 *   is never removed; when no line below the labels looks like one, the last label is the title.
 * - The start of the first paragraph: a syndication stamp, "(MENAFN- Site) " or "(Site) -- ", or
 *   a self-stamp that names the document's own publisher (its source key): a leading group
 *   "(Site Staff) " / "[Site] " or "Site Wire Service -- " / "Site | " (`syndication-stamp`). A
 *   wire dateline such as "(Reuters) —" or "WASHINGTON (AP) —" is text and stays, even on the
 *   wire's own site: a dash after the group marks a dateline.
 * - Between body paragraphs: ad slots (`inline-ad`), a "Related Articles" heading over
 *   `minListItems` headlines or more (`headline-list`), and the few trailer phrases specific
 *   enough to go anywhere ("Subscribe to our newsletter"). An "Also Read: <headline>" line is
 *   not removed here: the phrase alone cannot tell a site's injected link from a page's own
 *   in-text link, which readers and annotators count as text. The headlines stage removes it
 *   when the title is another document's headline.
 * - The trailer: the final run of phrase lines, short non-sentences and headlines. From the first
 *   end-of-article marker in it ("Leave a Reply", "Share this:", "You may also like", "Tags:",
 *   "Source link", a copyright line) to the end, phrase lines go under their rule, headlines
 *   below a list heading as `headline-list`, other short non-sentences as `end-trailer`.
 *   Lines above the first marker are the article's own (a closing list) and stay.
 *
 * Precision before recall: a sentence goes only when a phrase matches the whole line, never for
 * where it stands. Lines a publisher repeats across its documents (site names, slogans) without
 * a generic marker near them are left to the templates stage, which learns them per source.
 *
 * The rule families live below the stage in src/text/: boilerplate-leading.ts (above the
 * headline), boilerplate-trailer.ts (between paragraphs and the trailer), boilerplate-stamp.ts
 * (the stamp) and boilerplate-lines.ts (what they share). This file validates the options and
 * runs the families in order.
 */
import type { Change } from '../core/document.js';
import { type LineRemoval, removeLines, splitLines } from '../core/lines.js';
import { expectKnownKeys, expectNumber, expectOneOf, expectStrings } from '../core/options.js';
import type { TextStage } from '../core/stage.js';
import { keep } from '../core/stage.js';
import { findLeadingLabels } from '../text/boilerplate-leading.js';
import type { BoilerplateRule, ContentLine, Settings } from '../text/boilerplate-lines.js';
import { withOwnListsAsText } from '../text/boilerplate-own-list.js';
import { matchPhrase } from '../text/boilerplate-phrases.js';
import { stampOf } from '../text/boilerplate-stamp.js';
import { findBodyInserts, findTrailer } from '../text/boilerplate-trailer.js';
import { publisherName } from '../text/publisher-name.js';

export type { BoilerplateRule } from '../text/boilerplate-lines.js';

export const BOILERPLATE_RULES: readonly BoilerplateRule[] = [
  'section-label',
  'syndication-stamp',
  'comment-form',
  'share-block',
  'newsletter',
  'source-credit',
  'tags',
  'copyright',
  'headline-list',
  'inline-ad',
  'end-trailer',
];

export interface BoilerplateOptions {
  /** Rule ids to switch off; a phrase of a switched-off rule is treated as plain text. Default `[]`. */
  disable?: readonly string[];
  /** Most lines above the headline that may go as labels, breadcrumbs or navigation. Default 4. */
  maxLeadingLines?: number;
  /** A line above the headline is label-shaped up to this many words. Default 4. */
  labelMaxWords?: number;
  /** Most words of a headline, and of a headline in a list of links. Default 30. */
  headlineMaxWords?: number;
  /** Most words of a plain (not phrase-matched, not headline) line of the trailer. Default 25. */
  trailerMaxWords?: number;
  /** Fewest headlines under a "Related Articles" heading between body paragraphs. Default 2. */
  minListItems?: number;
}

const OPTION_KEYS = [
  'disable',
  'maxLeadingLines',
  'labelMaxWords',
  'headlineMaxWords',
  'trailerMaxWords',
  'minListItems',
] as const;

type Removal = LineRemoval & { readonly rule: BoilerplateRule };

export function createBoilerplate(options: BoilerplateOptions = {}): TextStage {
  expectKnownKeys('boilerplate', options, OPTION_KEYS);
  const count = (key: (typeof OPTION_KEYS)[number], value: unknown, fallback: number, min: number) =>
    value === undefined ? fallback : expectNumber('boilerplate', key, value, { min, max: 1000, integer: true });
  const disable = options.disable === undefined ? [] : expectStrings('boilerplate', 'disable', options.disable);
  const settings: Settings = {
    disabled: new Set(disable.map((rule) => expectOneOf('boilerplate', 'disable', rule, BOILERPLATE_RULES))),
    maxLeadingLines: count('maxLeadingLines', options.maxLeadingLines, 4, 0),
    labelMaxWords: count('labelMaxWords', options.labelMaxWords, 4, 1),
    headlineMaxWords: count('headlineMaxWords', options.headlineMaxWords, 30, 1),
    trailerMaxWords: count('trailerMaxWords', options.trailerMaxWords, 25, 1),
    minListItems: count('minListItems', options.minListItems, 2, 1),
  };

  return {
    name: 'boilerplate',
    kind: 'text',
    run(doc) {
      const { text, changes } = cleanText(doc.text, settings, publisherName(doc.sourceKey));
      return changes.length ? keep(doc, { text, changes }) : keep(doc);
    },
  };
}

function cleanText(
  text: string,
  settings: Settings,
  publisher: string | undefined,
): { text: string; changes: Change[] } {
  const lines: ContentLine[] = [];
  for (const line of splitLines(text)) {
    const trimmed = line.text.trim();
    if (trimmed === '') continue;
    const phrase = matchPhrase(trimmed);
    lines.push({
      index: line.index,
      text: trimmed,
      offset: line.offset + line.text.length - line.text.trimStart().length,
      phrase: phrase && !settings.disabled.has(phrase.rule) ? phrase : undefined,
    });
  }
  if (lines.length === 0) return { text, changes: [] };

  const removals = new Map<number, Removal>();
  const remove = (at: number, rule: BoilerplateRule, evidence?: Record<string, string | number>) => {
    const line = lines[at];
    if (!line || removals.has(at) || settings.disabled.has(rule)) return;
    removals.set(at, { index: line.index, rule, ...(evidence ? { evidence } : {}) });
  };

  const headline = findLeadingLabels(lines, settings, remove, publisher);
  // A list on the article's own subject is text here; the headlines stage judges it on the batch.
  const judged = withOwnListsAsText(lines, headline, settings);
  const trailerStart = findTrailer(judged, headline, settings, remove);
  findBodyInserts(judged, headline, trailerStart, settings, remove);
  const stamp = settings.disabled.has('syndication-stamp')
    ? undefined
    : findStamp(lines, headline, removals, publisher);

  const removed = removeLines('boilerplate', text, [...removals.values()]);
  if (!stamp) return removed;
  const before = [...removals.values()].filter((r) => r.index < stamp.line.index).length;
  const outLines = removed.text.split('\n');
  const at = stamp.line.index - before;
  const original = outLines[at] ?? '';
  const lead = original.length - original.trimStart().length;
  outLines[at] = original.slice(0, lead) + original.slice(lead + stamp.removed.length);
  const change: Change = {
    stage: 'boilerplate',
    rule: 'syndication-stamp',
    offset: stamp.line.offset,
    removed: stamp.removed,
  };
  return {
    text: outLines.join('\n'),
    changes: [...removed.changes, change].sort((a, b) => a.offset - b.offset),
  };
}

/**
 * Lines from the headline on where a stamp is looked for: the headline, the first paragraph, and
 * one more, for a page whose site line above the title ("Tips? Write to the Site newsroom") is no
 * label this stage knows, so that the headline it finds is one line too high. Templates removes
 * such a line later; the stamp must go now.
 */
const STAMP_WINDOW = 3;

/** The syndication stamp at the start of the headline's or the first paragraph's line. */
function findStamp(
  lines: readonly ContentLine[],
  headline: number,
  removals: ReadonlyMap<number, Removal>,
  publisher: string | undefined,
): { line: ContentLine; removed: string } | undefined {
  for (let at = headline; at < headline + STAMP_WINDOW && at < lines.length; at++) {
    if (removals.has(at)) continue;
    const line = lines[at] as ContentLine;
    const removed = stampOf(line.text, publisher);
    if (removed !== undefined) return { line, removed };
  }
  return undefined;
}
