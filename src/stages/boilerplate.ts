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
 */
import type { Change } from '../core/document.js';
import { type LineRemoval, removeLines, splitLines } from '../core/lines.js';
import { expectKnownKeys, expectNumber, expectOneOf, expectStrings } from '../core/options.js';
import type { TextStage } from '../core/stage.js';
import { keep } from '../core/stage.js';
import { isSectionName, matchPhrase, type PhraseMatch, type PhraseRule } from '../text/boilerplate-phrases.js';
import {
  breadcrumb,
  endsSentence,
  isHeadlineShaped,
  isLabelShaped,
  sentenceBreaks,
  sharesTopic,
  wordCount,
} from '../text/line-shape.js';
import { letterKey, publisherName } from '../text/publisher-name.js';

export type BoilerplateRule = PhraseRule | 'syndication-stamp' | 'end-trailer';

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

interface Settings {
  readonly disabled: ReadonlySet<BoilerplateRule>;
  readonly maxLeadingLines: number;
  readonly labelMaxWords: number;
  readonly headlineMaxWords: number;
  readonly trailerMaxWords: number;
  readonly minListItems: number;
}

/**
 * Words that say "this is a news section" without naming a topic: a label made of them is no
 * evidence of a title even when the body happens to use them.
 */
const GENERIC_LABEL_WORDS: ReadonlySet<string> = new Set(
  'new news latest breaking top story stories home live update updates more noticia noticias actualité actualités nachricht nachrichten notícia notícias notizia notizie'.split(
    ' ',
  ),
);

/** Parenthesised feed tags that syndication services prepend: "(MENAFN- Gulf Times) ". */
const FEED_STAMP = /^\(\s*\p{Lu}[\p{Lu}\p{N}]{1,15}\s?-\s*[^()\n]{1,60}\)\s*(?=\S)/u;
/** A publisher in parentheses and an ASCII double hyphen: "(Gulf Times) -- ". A wire dateline uses a dash. */
const PUBLISHER_STAMP = /^\(\s*[^()\n]{1,60}\)\s*--\s*(?=\S)/u;

/**
 * A leading group in parentheses or brackets, with an optional ASCII double hyphen after it:
 * "(Lakeshore Tribune Staff) ", "[Site] ". It is a stamp only when it names the document's own
 * publisher (selfStamp) and no dash follows: "(Reuters) — " opens a wire dateline, which is text.
 */
const LEADING_GROUP = /^[([]\s*([^()[\]\n]{1,60}?)\s*[)\]]\s*(?:--\s*)?(?=\S)/u;
/**
 * A short run of words and a separator no sentence starts with, an ASCII double hyphen or a bar:
 * "Granite State Ledger Wire Service -- ", "Site | ". A stamp only when the words name the
 * publisher. No sentence punctuation in the words: "Site editor Jane Doe: ..." is a quote.
 */
const LEADING_NAME = /^(\p{L}[^.,;:!?"“”()[\]|\n]{0,79}?)\s+(?:--|\|)\s+(?=\S)/u;
/** Most words of a self-stamp: a name and a word or two ("Staff", "Wire Service", "By"). */
const SELF_STAMP_MAX_WORDS = 8;
/**
 * Most letters a self-stamp has besides the name ("bystaff", "wireservice", "newsservice"): more
 * and the words are a phrase about the publisher, not its stamp.
 */
const SELF_STAMP_MAX_EXTRA_LETTERS = 16;
/** After a stamp, a dash that is not "--" makes it a dateline. */
const DATELINE_DASH = /^[-‐‑‒–—―]/u;

/**
 * A stamp that names the document's publisher (src/text/publisher-name.ts): a leading group or
 * a leading "Name Words -- " whose letters contain the name taken from the source key.
 */
function selfStampOf(text: string, publisher: string | undefined): string | undefined {
  if (publisher === undefined) return undefined;
  for (const pattern of [LEADING_GROUP, LEADING_NAME]) {
    const match = pattern.exec(text);
    const words = match?.[1];
    if (!match || words === undefined || wordCount(words, SELF_STAMP_MAX_WORDS) > SELF_STAMP_MAX_WORDS) continue;
    if (DATELINE_DASH.test(text.slice(match[0].length))) continue;
    const named = letterKey(words);
    if (named.includes(publisher) && named.length - publisher.length <= SELF_STAMP_MAX_EXTRA_LETTERS) return match[0];
  }
  return undefined;
}

/** The syndication stamp at the start of a line, if any. */
const stampOf = (text: string, publisher: string | undefined): string | undefined =>
  (FEED_STAMP.exec(text) ?? PUBLISHER_STAMP.exec(text))?.[0] ?? selfStampOf(text, publisher);

interface ContentLine {
  /** Index of the line in the text the stage received. */
  readonly index: number;
  readonly text: string;
  /** Offset of the first non-space character. */
  readonly offset: number;
  readonly phrase: PhraseMatch | undefined;
}

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
  const trailerStart = findTrailer(lines, headline, settings, remove);
  findBodyInserts(lines, headline, trailerStart, settings, remove);
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

/** Lines classed below the last one `maxLeadingLines` lets go. */
const LOOKAHEAD_LINES = 4;

type Remove = (at: number, rule: BoilerplateRule, evidence?: Record<string, string | number>) => void;

/**
 * Removes labels above the headline and returns the headline's position among the content lines.
 *
 * Lines at the top are classed as navigation or a generic phrase (never a title), a section name
 * ("World News": a title only when nothing else can be), or a label-shaped line (maybe a short
 * title). The headline is the first line below them when it looks like one; otherwise the last
 * label-shaped line is taken for a short title. Walking up from the headline, a label-shaped line
 * that shares a topic word with the headline and the first paragraphs, or that is not shorter
 * than a short title below it, is the title itself: it and everything below it stay. Above
 * navigation or a phrase no title is looked for: a title sits right above its article.
 */
function findLeadingLabels(
  lines: readonly ContentLine[],
  settings: Settings,
  remove: Remove,
  publisher: string | undefined,
): number {
  type Kind = 'strong' | 'section' | 'label';
  interface Leading {
    readonly rule: BoilerplateRule;
    readonly kind: Kind;
    readonly shape: string;
  }
  const leading: Leading[] = [];
  // Lines are classed a little further down than they may be removed, so that a short subtitle
  // below the title is seen as one more label, not taken for the headline.
  const limit = Math.min(settings.maxLeadingLines + LOOKAHEAD_LINES, lines.length - 1);
  for (let at = 0; at < limit; at++) {
    const line = lines[at] as ContentLine;
    const phrase = line.phrase;
    const trail = breadcrumb(line.text);
    if (phrase?.role === 'nav') {
      leading.push({ rule: phrase.rule, kind: 'strong', shape: 'navigation' });
    } else if (
      wordCount(line.text, settings.labelMaxWords + 2) <= settings.labelMaxWords + 2 &&
      isSectionName(line.text)
    ) {
      leading.push({ rule: 'section-label', kind: 'section', shape: 'section' });
    } else if (phrase?.role === 'marker' || phrase?.role === 'inline') {
      leading.push({ rule: phrase.rule, kind: 'strong', shape: 'phrase' });
    } else if (trail) {
      leading.push({ rule: 'section-label', kind: trail.navigational ? 'section' : 'label', shape: 'breadcrumb' });
    } else if (isLabelShaped(line.text, settings.labelMaxWords)) {
      leading.push({ rule: 'section-label', kind: 'label', shape: 'label' });
    } else {
      break;
    }
  }
  if (leading.length === 0) return 0;

  const first = lines[leading.length];
  const looksLikeHeadline =
    first !== undefined &&
    first.phrase === undefined &&
    // A stamped line opens the body: the headline is above it.
    stampOf(first.text, publisher) === undefined &&
    isHeadlineShaped(first.text, settings.headlineMaxWords);
  let headline = leading.length;
  // Without a headline-like line below the labels, the title is one of them: the last label-shaped
  // one, and only shorter labels above it can be told apart from a title with a subtitle.
  let shorterThan = Number.POSITIVE_INFINITY;
  if (!looksLikeHeadline) {
    // Only below the last navigation or phrase line: a title sits right above its article.
    const below = leading.findLastIndex((l) => l.kind === 'strong');
    let fallback = leading.findLastIndex((l, at) => at > below && l.kind === 'label');
    if (fallback < 0) fallback = leading.findLastIndex((l, at) => at > below && l.kind === 'section');
    if (fallback >= 0) {
      headline = fallback;
      shorterThan = wordCount((lines[fallback] as ContentLine).text);
    }
  }
  for (let at = headline - 1; at >= 0; at--) {
    const label = leading[at] as Leading;
    if (label.kind === 'strong') break;
    if (label.kind !== 'label') continue;
    const line = lines[at] as ContentLine;
    // A stamp names the publisher, and so would make a site-name label look like the title.
    const window = lines
      .slice(headline, headline + 3)
      .map((l) => l.text.slice(stampOf(l.text, publisher)?.length ?? 0))
      .join(' ');
    // A trail ("Site | Section") is no title with a subtitle below it, however long it is.
    const asLong = label.shape !== 'breadcrumb' && wordCount(line.text) >= shorterThan;
    if (asLong || sharesTopic(line.text, window, GENERIC_LABEL_WORDS)) {
      headline = at;
      shorterThan = wordCount(line.text);
    }
  }
  for (let at = 0; at < Math.min(headline, settings.maxLeadingLines); at++) {
    const label = leading[at] as Leading;
    remove(at, label.rule, { position: 'above-headline', shape: label.shape });
  }
  return headline;
}

/** A short line that is not a sentence: a site line, a slogan, a list of short items. */
function isPlainTrailerLine(line: ContentLine, settings: Settings): boolean {
  return wordCount(line.text, settings.trailerMaxWords) <= settings.trailerMaxWords && !endsSentence(line.text);
}

/** Lone sentences a trailer may hold: a footer has one or two, a body has many. */
const MAX_TRAILER_SENTENCES = 2;

/** One short sentence, such as a footer's notice. */
function isShortSentence(line: ContentLine, settings: Settings): boolean {
  return (
    wordCount(line.text, settings.trailerMaxWords) <= settings.trailerMaxWords &&
    sentenceBreaks(line.text, { periodsOnly: true }) === 0
  );
}

/**
 * A line that can belong to the trailer below the article: a phrase, a plain short line, or a
 * linked headline. A sentence that ends in a full stop is body text and ends the trailer.
 */
function isTrailerLine(line: ContentLine, settings: Settings): boolean {
  return line.phrase !== undefined || isPlainTrailerLine(line, settings) || isListedHeadline(line, settings);
}

/**
 * Removes the trailer: from the first end-of-article marker in the final run of trailer lines to
 * the end, each line under its phrase's rule, headlines below a list heading as `headline-list`,
 * plain short lines as `end-trailer`. A sentence that no phrase matches stays even there.
 * Returns the content index where the body ends (the first marker, or the line count).
 */
function findTrailer(lines: readonly ContentLine[], headline: number, settings: Settings, remove: Remove): number {
  // The run may pass over a lone short sentence, twice at most (a footer's "X is part of Y Media
  // Ltd."): it stays, but the trailer lines above it still belong to the run. Two sentences in a
  // row are body text.
  let runStart = lines.length;
  let sentences = 0;
  while (runStart - 1 > headline) {
    const line = lines[runStart - 1] as ContentLine;
    if (isTrailerLine(line, settings)) {
      runStart--;
      continue;
    }
    const above = lines[runStart - 2];
    const lone =
      sentences < MAX_TRAILER_SENTENCES &&
      isShortSentence(line, settings) &&
      above !== undefined &&
      runStart - 2 > headline &&
      isTrailerLine(above, settings);
    if (!lone) break;
    sentences++;
    runStart--;
  }
  while (runStart < lines.length && !isTrailerLine(lines[runStart] as ContentLine, settings)) runStart++;
  let first = -1;
  for (let at = runStart; at < lines.length; at++) {
    if (lines[at]?.phrase?.role === 'marker') {
      first = at;
      break;
    }
  }
  if (first < 0) return lines.length;

  let marker = first;
  for (let at = first; at < lines.length; at++) {
    const line = lines[at] as ContentLine;
    const phrase = line.phrase;
    if (phrase?.role === 'marker') marker = at;
    const evidence = { marker: (lines[marker] as ContentLine).index };
    if (phrase?.role === 'field') {
      const family = matchPhrase(line.text, lines[marker]?.phrase?.rule);
      const rule = family?.role === 'field' && !settings.disabled.has(family.rule) ? family.rule : phrase.rule;
      remove(at, rule, evidence);
    } else if (phrase && phrase.role !== 'nav') {
      remove(at, phrase.rule, at === marker ? undefined : evidence);
    } else if (lines[marker]?.phrase?.rule === 'headline-list' && isListedHeadline(line, settings)) {
      remove(at, 'headline-list', evidence);
    } else if (isPlainTrailerLine(line, settings)) {
      remove(at, 'end-trailer', evidence);
    }
  }
  return first;
}

/** A link to another article in a list: a headline, not a sentence of the body. */
function isListedHeadline(line: ContentLine, settings: Settings): boolean {
  return line.phrase === undefined && isHeadlineShaped(line.text, settings.headlineMaxWords);
}

/** Ad slots and lists of links between the headline and the trailer. */
function findBodyInserts(
  lines: readonly ContentLine[],
  headline: number,
  end: number,
  settings: Settings,
  remove: Remove,
): void {
  for (let at = headline + 1; at < end; at++) {
    const line = lines[at] as ContentLine;
    const phrase = line.phrase;
    if (phrase?.role === 'inline' || (phrase?.role === 'marker' && phrase.anywhere)) {
      remove(at, phrase.rule);
      continue;
    }
    if (phrase?.role === 'marker' && phrase.rule === 'headline-list') {
      let next = at + 1;
      while (next < end && isListedHeadline(lines[next] as ContentLine, settings)) next++;
      if (next - at - 1 >= settings.minListItems) {
        remove(at, 'headline-list');
        for (let item = at + 1; item < next; item++) remove(item, 'headline-list', { marker: line.index });
        at = next - 1;
      }
    }
  }
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
