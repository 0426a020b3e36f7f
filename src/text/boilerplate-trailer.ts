/**
 * The boilerplate stage's rules below the headline (src/stages/boilerplate.ts): ad slots and link
 * lists between body paragraphs, and the trailer from its first end-of-article marker on. Both
 * share the line-shape tests for a listed headline and a plain short line, so they live together.
 */
import type { ContentLine, Remove, Settings } from './boilerplate-lines.js';
import { matchPhrase } from './boilerplate-phrases.js';
import { endsSentence, isHeadlineShaped, sentenceBreaks, wordCount } from './line-shape.js';

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
export function findTrailer(
  lines: readonly ContentLine[],
  headline: number,
  settings: Settings,
  remove: Remove,
): number {
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
export function findBodyInserts(
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
