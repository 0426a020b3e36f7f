/**
 * Headlines of other articles: the "You may also like" / "Keep reading" lists and the inline
 * "Related: <headline>" links a site prints around an article link the site's own articles,
 * which a crawl fetches too. So a line that is another document's headline is a link, whatever
 * the list's heading says; no phrase list is needed to know it.
 *
 * `learn` records the document's headline (its first line, src/text/line-key.ts key) in the
 * store, globally: a site's lists link articles filed under the same source key, but one scrape
 * can hold a publisher under several hosts. Only headline-shaped lines of `minWords` words or
 * more count on their own: a short title ("Conclusion", "Pros and cons") may well be another
 * article's subheading. The store keeps a bounded number of them, forgetting the first learned first
 * (StoreLimits.maxHeadlines).
 *
 * `run` never touches the first line (the document's own headline) nor a line equal to it, and
 * removes:
 * - `other-headline`: a run of at least `minListItems` lines in a row that are other documents'
 *   headlines, evidence {of: the id} each. A lone one stays: an article's subheading ("What Is
 *   Digital Marketing?") can be the very title of another article, but two subheadings in a row
 *   that are both other articles' titles are a list of links;
 * - `read-also`: "Label: <another document's headline>" with a label of 1 to `labelMaxWords`
 *   words ("Related:", "See also:", "Read next:"), evidence {of, label}. A headline shorter than
 *   `minWords` ("Wedding Planning Tools") counts here from `linkedMinWords` words when the label
 *   is a generic link phrase ("Also Read:", "Lesen Sie auch:"): label and title are then two
 *   pieces of evidence, where a bare short title is one. This is the only place such a link goes:
 *   an "Also Read:" line whose title no document of the batch or store carries is left alone,
 *   since a page's own in-text links ("Read more: The 7 Best DIY Home Solar Kits") are text to
 *   readers and to the benchmarks' annotators.
 * - `headline-list`: the line right above such a run, when it is short (`markerMaxWords`), not a
 *   sentence, and carried by at least `headingMinDocs` documents of the source (the per-source
 *   line counts the templates stage learns): the site's heading over its lists, evidence {items,
 *   count}. Position alone is no evidence: where templates already took the heading out, the line
 *   above the list is the article's last ("Tips for successful sourdough bread", "5. Connecteam").
 *   Also (`headline-list`, titles that are another document's as `other-headline`) a list heading
 *   phrase ("Related Articles", "More to read:") and the headline-shaped lines below it when one
 *   of them (from `linkedMinWords` words) is another document's headline: heading and headline
 *   are two pieces of evidence. The boilerplate stage leaves a list on the article's own subject
 *   to this (src/text/boilerplate-own-list.ts): an author's list of their posts is text unless
 *   the batch shows its titles to be links.
 *
 * It runs after templates and before near-duplicates (src/pipeline/pipeline.ts says why).
 */
import type { Document } from '../core/document.js';
import { type LineRemoval, removeLines, splitLines } from '../core/lines.js';
import { expectKnownKeys, expectNumber } from '../core/options.js';
import type { CrossStage, Gathered } from '../core/stage.js';
import { gatheredFields, isKeyOrNull, keep } from '../core/stage.js';
import { listTitles } from '../text/boilerplate-own-list.js';
import { matchPhrase, readAlsoHeadline } from '../text/boilerplate-phrases.js';
import { lineKey } from '../text/line-key.js';
import { endsSentence, isHeadlineShaped, wordCount } from '../text/line-shape.js';

export interface HeadlinesOptions {
  /**
   * Fewest words of a headline that is recognised on its own line (shorter ones are learned too,
   * from `linkedMinWords`, for `read-also`). Default 4.
   */
  minWords?: number;
  /** Most words of a headline; a longer first line is a paragraph of an untitled page. Default 30. */
  maxWords?: number;
  /** Most words of the label before the colon in "Label: <headline>". Default 3. */
  labelMaxWords?: number;
  /**
   * Fewest words of a headline named after a generic link label ("Also Read: <headline>"), below
   * `minWords`: the label is evidence of its own. Default 2.
   */
  linkedMinWords?: number;
  /** Most words of a list heading above removed headlines. Default 6. */
  markerMaxWords?: number;
  /** Fewest other documents' headlines in a row that make a list (they go, with its heading). Default 2. */
  minListItems?: number;
  /** Fewest documents of the source that carry a list heading for it to go. Default 2. */
  headingMinDocs?: number;
}

export type HeadlinesRule = 'other-headline' | 'read-also' | 'headline-list';

const NAME = 'headlines';

/** A short label, a colon, then the rest: "See also: Storm Closes Coastal Highway for Days". */
const LABELLED = /^(\p{L}[\p{L}\p{N}'’ ]{0,40}?)\s*:\s+(\S.*)$/u;

interface Settings {
  readonly minWords: number;
  readonly maxWords: number;
  readonly labelMaxWords: number;
  readonly linkedMinWords: number;
  readonly markerMaxWords: number;
  readonly minListItems: number;
  readonly headingMinDocs: number;
}

function resolveOptions(options: HeadlinesOptions): Settings {
  expectKnownKeys(NAME, options, [
    'minWords',
    'maxWords',
    'labelMaxWords',
    'linkedMinWords',
    'markerMaxWords',
    'minListItems',
    'headingMinDocs',
  ]);
  const count = (key: keyof HeadlinesOptions, fallback: number) =>
    expectNumber(NAME, key, options[key] ?? fallback, { min: 1, max: 1000, integer: true });
  return {
    minWords: count('minWords', 4),
    maxWords: count('maxWords', 30),
    labelMaxWords: count('labelMaxWords', 3),
    linkedMinWords: count('linkedMinWords', 2),
    markerMaxWords: count('markerMaxWords', 6),
    minListItems: count('minListItems', 2),
    headingMinDocs: count('headingMinDocs', 2),
  };
}

/** The key of a line that can be a headline of `minWords` words or more, or undefined. */
function headlineKey(line: string, settings: Settings, minWords = settings.minWords): string | undefined {
  const words = wordCount(line, settings.maxWords);
  if (words < minWords || !isHeadlineShaped(line, settings.maxWords)) return undefined;
  return lineKey(line);
}

/** Fewest words of a headline that is learned: short ones are looked up only after a link label. */
const learnedMinWords = (settings: Settings): number => Math.min(settings.minWords, settings.linkedMinWords);

interface Candidate {
  readonly index: number;
  readonly text: string;
  /** The whole line as a headline. */
  readonly key: string | undefined;
  /** The part after "Label:" as a headline, and the label. */
  readonly linked: { readonly key: string; readonly label: string } | undefined;
}

/** What `prepare` hands learn and run; `keys` and `linked` are one a non-blank line after the first. */
type Prepared = {
  /** The key learn records (the first line's, at `linkedMinWords`), or null. */
  readonly learned: string | null;
  /** The first line's key, when other lines follow it. */
  readonly own: string | null;
  readonly keys: readonly (string | null)[];
  readonly linked: readonly ({ readonly key: string; readonly label: string } | null)[];
};

function isPrepared(value: Gathered | undefined): value is Prepared {
  const fields = gatheredFields(value);
  if (!fields) return false;
  const { learned, own, keys, linked } = fields;
  if (!isKeyOrNull(learned) || !isKeyOrNull(own) || !Array.isArray(keys) || !Array.isArray(linked)) return false;
  if (keys.length !== linked.length || !keys.every(isKeyOrNull)) return false;
  return linked.every((link: Gathered) => {
    if (link === null) return true;
    const pair = gatheredFields(link);
    return typeof pair?.key === 'string' && typeof pair.label === 'string';
  });
}

interface HeadedList {
  /** Positions among the candidates of the heading and of its titles. */
  readonly heading: number;
  readonly items: readonly number[];
  /** Each title's key as a headline of `linkedMinWords` words or more. */
  readonly keys: readonly (string | undefined)[];
}

/**
 * The lists below a list heading phrase ("More to read:", "Related Articles"): the
 * headline-shaped lines that follow it, passing over ad slots and "Also Read:" links among them.
 */
function headedLists(candidates: readonly Candidate[], settings: Settings): HeadedList[] {
  const lists: HeadedList[] = [];
  candidates.forEach((candidate, heading) => {
    // A heading is short: most lines are not asked about phrases at all.
    if (wordCount(candidate.text, settings.markerMaxWords + 1) > settings.markerMaxWords) return;
    const phrase = matchPhrase(candidate.text);
    if (phrase?.rule !== 'headline-list' || phrase.role !== 'marker') return;
    const items = listTitles(
      candidates.length,
      heading,
      (next) => {
        const { text } = candidates[next] as Candidate;
        return { text, phrase: matchPhrase(text) };
      },
      settings.maxWords,
    );
    // One title under a heading may be a subheading that is another article's title too.
    if (items.length < settings.minListItems) return;
    const keys = items.map((item) =>
      headlineKey((candidates[item] as Candidate).text, settings, learnedMinWords(settings)),
    );
    lists.push({ heading, items, keys });
  });
  return lists;
}

export function createHeadlines(options: HeadlinesOptions = {}): CrossStage {
  const settings = resolveOptions(options);

  const labelled = (text: string): Candidate['linked'] => {
    // Most lines have no colon, and LABELLED needs one: the cheap look first.
    const match = text.includes(':') ? LABELLED.exec(text) : null;
    const label = match?.[1];
    const rest = match?.[2];
    if (
      label === undefined ||
      rest === undefined ||
      wordCount(label, settings.labelMaxWords) > settings.labelMaxWords
    ) {
      return undefined;
    }
    // A short title is another article's only behind a generic link label ("Also Read:").
    const linkLabel = readAlsoHeadline(text) !== undefined;
    const key = headlineKey(rest, settings, linkLabel ? learnedMinWords(settings) : settings.minWords);
    return key === undefined ? undefined : { key, label };
  };

  /** The keys of the document's own lines: what learn and run read of the document alone. */
  const prepare = (doc: Document): Prepared => {
    const [first, ...rest] = splitLines(doc.text).filter((line) => line.text.trim() !== '');
    const text = first?.text.trim();
    return {
      learned: text === undefined ? null : (headlineKey(text, settings, learnedMinWords(settings)) ?? null),
      own: text === undefined || rest.length === 0 ? null : (lineKey(text) ?? null),
      keys: rest.map((line) => headlineKey(line.text.trim(), settings) ?? null),
      linked: rest.map((line) => labelled(line.text.trim()) ?? null),
    };
  };

  return {
    name: NAME,
    kind: 'cross',
    prepare,

    async learn(doc: Document, store, prepared) {
      const key = (isPrepared(prepared) ? prepared : prepare(doc)).learned;
      if (key !== null) await store.learnHeadline(doc.id, key);
    },

    async run(doc: Document, store, prepared) {
      const lines = splitLines(doc.text).filter((line) => line.text.trim() !== '');
      const [first, ...rest] = lines;
      if (!first || rest.length === 0) return keep(doc);
      const given = isPrepared(prepared) && prepared.keys.length === rest.length ? prepared : prepare(doc);
      const own = given.own ?? undefined;
      const candidates: Candidate[] = rest.map((line, i) => ({
        index: line.index,
        text: line.text.trim(),
        key: given.keys[i] ?? undefined,
        linked: given.linked[i] ?? undefined,
      }));
      const lists = headedLists(candidates, settings);
      const keys = [
        ...new Set(
          [...candidates.flatMap((c) => [c.key, c.linked?.key]), ...lists.flatMap((list) => list.keys)].filter(
            (k): k is string => k !== undefined,
          ),
        ),
      ].filter((key) => key !== own);
      if (keys.length === 0) return keep(doc);
      const known = await store.headlineOwners(keys);
      const ownerOf = new Map(keys.map((key, i) => [key, known[i]]));
      // Another document's headline only: this document's own (a copy learned under its id) is text.
      const other = (key: string | undefined): string | undefined => {
        const owner = key === undefined || key === own ? undefined : ownerOf.get(key);
        return owner === doc.id ? undefined : owner;
      };

      const removals = new Map<number, LineRemoval>();
      const owners = candidates.map((candidate) => other(candidate.key));
      const headings: { index: number; key: string; items: number }[] = [];
      for (let at = 0; at < candidates.length; at++) {
        let end = at;
        while (end < candidates.length && owners[end] !== undefined) end++;
        const items = end - at;
        if (items >= settings.minListItems) {
          for (let item = at; item < end; item++) {
            const { index } = candidates[item] as Candidate;
            removals.set(index, { index, rule: 'other-headline', evidence: { of: owners[item] as string } });
          }
          const heading = candidates[at - 1];
          const key = heading && lineKey(heading.text);
          if (
            heading !== undefined &&
            key !== undefined &&
            wordCount(heading.text, settings.markerMaxWords) <= settings.markerMaxWords &&
            !endsSentence(heading.text)
          ) {
            headings.push({ index: heading.index, key, items });
          }
        }
        at = end;
      }
      // A list's heading goes only when the site prints it on other pages too.
      if (headings.length > 0) {
        const { counts } = await store.lineEvidence(
          doc.sourceKey,
          headings.map((h) => h.key),
        );
        headings.forEach(({ index, items }, i) => {
          const count = counts[i] ?? 0;
          if (count >= settings.headingMinDocs) {
            removals.set(index, { index, rule: 'headline-list', evidence: { items, count } });
          }
        });
      }
      // A list under a list heading that the boilerplate stage left as the article's own (its titles
      // are on the article's subject): links after all when one of its titles is another
      // document's headline.
      for (const list of lists) {
        const known = list.keys.filter((key) => other(key) !== undefined).length;
        if (known === 0 || list.items.some((item) => removals.has(item))) continue;
        const heading = candidates[list.heading] as Candidate;
        const items = list.items.length;
        removals.set(heading.index, { index: heading.index, rule: 'headline-list', evidence: { items, known } });
        list.items.forEach((item, i) => {
          const { index } = candidates[item] as Candidate;
          const of = other(list.keys[i]);
          removals.set(
            index,
            of
              ? { index, rule: 'other-headline', evidence: { of } }
              : { index, rule: 'headline-list', evidence: { marker: heading.index } },
          );
        });
      }
      for (const candidate of candidates) {
        const owner = other(candidate.linked?.key);
        if (owner === undefined || !candidate.linked || removals.has(candidate.index)) continue;
        removals.set(candidate.index, {
          index: candidate.index,
          rule: 'read-also',
          evidence: { of: owner, label: candidate.linked.label },
        });
      }

      if (removals.size === 0) return keep(doc);
      const { text, changes } = removeLines(
        NAME,
        doc.text,
        [...removals.values()].sort((a, b) => a.index - b.index),
      );
      return keep(doc, { text, changes });
    },
  };
}
