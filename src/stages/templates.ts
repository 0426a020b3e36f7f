/**
 * Per-source templates: lines a publisher prints on many of its articles (its copyright line,
 * "Follow X on Google News", its own section labels, an ad marker) are that publisher's
 * boilerplate, whatever their wording. No phrase list knows them; repetition does.
 *
 * `learn` counts every distinct line of the document (src/text/line-key.ts folds case, digits,
 * punctuation and spacing) once for its source, and separately the lines at its top (among the
 * first `topLines` and in its first half). It counts the lines as the document had them after
 * unwrap: lines an earlier stage (boilerplate, repeats) already took out are put back from their
 * change records, because a footer that stage removed from most of a site's pages is still the
 * site's footer on the pages where it did not. A document is not counted when its MinHash
 * signature (16 values over the whole text) nearly repeats one already learned for its source:
 * the same article scraped twice would otherwise make its own paragraphs look like template.
 * Learning the same document again changes nothing.
 *
 * `run` removes, with rule `source-template` and evidence {count, share}, every line carried by
 * at least `minDocs` counted documents of the source that are at least `minShare` of them.
 * Above the headline it is stricter: the leading lines go only while they stand at the top of
 * that many documents (a site label; the evidence then counts those documents); the first line
 * that does not is the headline and stays, so that a headline also listed under "Most read" on
 * the site's other pages survives. Keys fold digits, so headlines that differ only in their
 * numbers ("Lotto Results for Draw 2301", "... Draw 2302") share a key and stand at the top of
 * every document of their source, like a label: a leading line that reads as a numbered
 * headline (see `numberedHeadline`) is also counted with its digits as they are, and it goes
 * only when that exact form is a label too. Otherwise its digits are the document's own and it is
 * the headline.
 *
 * The thresholds were measured on the development corpus (scripts/eval.sh, seeds 3, 7, 11, 21,
 * with the boilerplate stage on and off, and with boilerplate phrasings it has never seen): the
 * sites' template lines are in nearly all of a site's documents, while a real paragraph or
 * subheading that recurs ("Conclusion", "Pros:") is in at most a fifth of them. Every setting
 * from minDocs 2 to 4 and minShare 0.3 to 0.7 removes the same lines and no answer line;
 * minDocs 2 with minShare 0.2 starts removing subheadings. The defaults sit in the middle.
 */
import type { Change, Document } from '../core/document.js';
import { type LineRemoval, removeLines, splitLines } from '../core/lines.js';
import { expectKnownKeys, expectNumber } from '../core/options.js';
import type { CrossStage, Gathered } from '../core/stage.js';
import { gatheredFields, isKeyOrNull, keep } from '../core/stage.js';
import type { LineObservation } from '../store/store.js';
import { digitKey, lineKey } from '../text/line-key.js';
import { isHeadlineShaped, wordsOf } from '../text/line-shape.js';
import { minAgreement, preparedSignature, type Signature, signatureOf } from '../text/minhash.js';

export interface TemplatesOptions {
  /** A template line is carried by at least this many counted documents of its source. Default 3. */
  minDocs?: number;
  /** ...which are at least this share of the source's counted documents. Default 0.5. */
  minShare?: number;
  /** Lines (not counting blank ones) that count as the top of a document, where labels sit. Default 5. */
  topLines?: number;
  /**
   * Estimated Jaccard similarity (word 5-shingles, whole text) from which a document counts as a
   * copy of one already learned for its source and is not counted. Copies of one article scraped
   * twice are at 0.9 and more, where the 16-value signature finds them with p > 0.98; at least
   * 0.7. Default 0.8.
   */
  duplicateThreshold?: number;
}

export type ResolvedTemplatesOptions = Required<TemplatesOptions>;

/** Signature size for the per-source copy check: copies agree almost everywhere, 16 values tell. */
export const SOURCE_SIGNATURE_HASHES = 16;

const NAME = 'templates';
const RULE = 'source-template';

export function resolveTemplatesOptions(options: TemplatesOptions = {}): ResolvedTemplatesOptions {
  expectKnownKeys(NAME, options, ['minDocs', 'minShare', 'topLines', 'duplicateThreshold']);
  return {
    minDocs: expectNumber(NAME, 'minDocs', options.minDocs ?? 3, { min: 2, integer: true }),
    minShare: expectNumber(NAME, 'minShare', options.minShare ?? 0.5, { min: 0, max: 1 }),
    topLines: expectNumber(NAME, 'topLines', options.topLines ?? 5, { min: 1, integer: true }),
    duplicateThreshold: expectNumber(NAME, 'duplicateThreshold', options.duplicateThreshold ?? 0.8, {
      min: 0.7,
      max: 1,
    }),
  };
}

/** Whether `count` of `docs` documents makes a line a template line; the evidence if so. */
export function templateEvidence(
  count: number,
  docs: number,
  options: Pick<ResolvedTemplatesOptions, 'minDocs' | 'minShare'>,
): { count: number; share: number } | undefined {
  if (docs === 0 || count < options.minDocs || count / docs < options.minShare) return undefined;
  return { count, share: Math.round((count / docs) * 100) / 100 };
}

interface KeyedLine {
  readonly index: number;
  readonly text: string;
  readonly key: string;
}

type KeyOf = (line: string) => string | undefined;

/**
 * `lineKey` remembered per line text: `learn` keys every line of a document and `run` (on the same
 * document object, in one batch pass or one worker job) needs the same keys again. Folding and
 * hashing each line once halves the stage's work.
 */
function memoKeys(memo: Map<string, string | undefined>): KeyOf {
  return (line) => {
    if (memo.has(line)) return memo.get(line);
    const key = lineKey(line);
    memo.set(line, key);
    return key;
  };
}

/** keyedLines with the keys `prepare` computed, one a line. */
function preparedLines(text: string, keys: readonly (string | null)[]): KeyedLine[] {
  const lines: KeyedLine[] = [];
  text.split('\n').forEach((line, index) => {
    const key = keys[index];
    if (typeof key === 'string') lines.push({ index, text: line, key });
  });
  return lines;
}

/** The lines that can be counted (they have a key), in order. */
function keyedLines(text: string, keyOf: KeyOf): KeyedLine[] {
  const lines: KeyedLine[] = [];
  for (const line of splitLines(text)) {
    const key = keyOf(line.text);
    if (key !== undefined) lines.push({ index: line.index, text: line.text, key });
  }
  return lines;
}

/** A change that took a whole line out (core/lines.ts removeLines): its text, no line break, no edit. */
function removedLine(change: Change, keyOf: KeyOf): string | undefined {
  const { removed, inserted } = change;
  if (removed === undefined || inserted !== undefined || removed.includes('\n') || removed.trim() !== removed) {
    return undefined;
  }
  return keyOf(removed) === undefined ? undefined : removed;
}

/**
 * The document's lines as the stages before this one received them: the current lines with the
 * lines earlier stages took out put back where they stood. A template line that an earlier stage
 * already removed from most of a site's documents is still the site's template line, and must
 * count as such for the documents where that stage left it. Each stage's offsets refer to the
 * text it received, so its removals are put back in offset order, walking the stages backwards;
 * an in-line edit by the same stage can shift a line by a place, which only matters for `top`.
 */
export function linesSeen(doc: Pick<Document, 'text' | 'changes'>, keyOf: KeyOf = lineKey): string[] {
  let lines = doc.text.split('\n');
  let end = doc.changes.length;
  while (end > 0) {
    const stage = doc.changes[end - 1]?.stage;
    let start = end - 1;
    while (start > 0 && doc.changes[start - 1]?.stage === stage) start--;
    const removals = doc.changes
      .slice(start, end)
      .flatMap((change) => {
        const line = removedLine(change, keyOf);
        return line === undefined ? [] : [{ offset: change.offset, line }];
      })
      .sort((a, b) => a.offset - b.offset);
    if (removals.length > 0) {
      const merged: string[] = [];
      let offset = 0;
      let next = 0;
      for (const removal of removals) {
        while (next < lines.length && offset < removal.offset) {
          const line = lines[next++] ?? '';
          merged.push(line);
          offset += line.length + 1;
        }
        merged.push(removal.line);
        offset += removal.line.length + 1;
      }
      lines = [...merged, ...lines.slice(next)];
    }
    end = start;
  }
  return lines;
}

/**
 * Each distinct line once; `top` when any of its copies is among the first `topLines` lines and
 * in the first half of the document: in a short page the "Most read" list below the article is
 * within the first lines too, but it is not the top.
 */
export function observeLines(lines: readonly string[], topLines: number, keyOf: KeyOf = lineKey): LineObservation[] {
  const keyed = lines.flatMap((text) => {
    const key = keyOf(text);
    return key === undefined ? [] : [{ key, text }];
  });
  const byKey = new Map<string, { key: string; text: string; top: boolean }>();
  const observe = (key: string, text: string, top: boolean) => {
    const seen = byKey.get(key);
    if (seen) seen.top ||= top;
    else byKey.set(key, { key, text, top });
  };
  keyed.forEach(({ key, text }, position) => {
    const top = position < topLines && position < keyed.length / 2;
    observe(key, text, top);
    // A numbered headline at the top is also counted with its digits (see numberedHeadline).
    const exact = top ? numberedHeadlineKey(text) : undefined;
    if (exact !== undefined) observe(exact, text, true);
  });
  return [...byKey.values()];
}

/** Fewest words with a letter in a numbered headline: a date or a time line has fewer. */
const NUMBERED_HEADLINE_MIN_WORDS = 4;
/** Most words of a headline (as in the headlines and boilerplate stages). */
const HEADLINE_MAX_WORDS = 30;

/**
 * A line with digits that reads as a headline, not as a date, time or issue stamp: headline
 * shaped, with at least four words that have a letter and at least twice as many of them as
 * bare numbers ("Lotto Results for Draw 2301" is; "Monday, May 5, 2024", "Updated 10:30 AM" and
 * "Edition 12 | Site" are not). Its key with the digits kept, or undefined.
 */
export function numberedHeadlineKey(line: string): string | undefined {
  const exact = digitKey(line);
  if (exact === undefined || !isHeadlineShaped(line, HEADLINE_MAX_WORDS)) return undefined;
  let lettered = 0;
  let numbers = 0;
  for (const word of wordsOf(line)) {
    if (/\p{L}/u.test(word)) lettered++;
    else numbers++;
  }
  return lettered >= NUMBERED_HEADLINE_MIN_WORDS && lettered >= 2 * numbers ? exact : undefined;
}

/** What `prepare` hands `learn` and `run`: the lines to count, the copy-check signature, each current line's key. */
interface Prepared {
  readonly lines: readonly LineObservation[];
  readonly signature: Signature | undefined;
  /** One a line of `doc.text` (split on LF), null for a line without a key. */
  readonly keys: readonly (string | null)[];
}

const isObservation = (value: unknown): value is LineObservation => {
  if (typeof value !== 'object' || value === null) return false;
  const { key, text, top } = value as Record<string, unknown>;
  return typeof key === 'string' && typeof text === 'string' && typeof top === 'boolean';
};

/** A `prepare` result handed over as a plain value, or undefined when it is not one (then computed again). */
function preparedOf(value: Gathered | undefined, doc: Document): Prepared | undefined {
  const fields = gatheredFields(value);
  if (!fields) return undefined;
  const { lines, signature, keys } = fields;
  const sig = preparedSignature(signature, SOURCE_SIGNATURE_HASHES);
  if (sig === false || !Array.isArray(lines) || !lines.every(isObservation)) return undefined;
  if (!Array.isArray(keys) || !keys.every(isKeyOrNull)) return undefined;
  if (keys.length !== countLines(doc.text)) return undefined;
  return { lines, signature: sig, keys: keys as (string | null)[] };
}

function countLines(text: string): number {
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}

export function createTemplates(options: TemplatesOptions = {}): CrossStage {
  const settings = resolveTemplatesOptions(options);
  const copyAgreement = minAgreement(settings.duplicateThreshold, SOURCE_SIGNATURE_HASHES);
  const learnedKeys = new WeakMap<Document, Map<string, string | undefined>>();

  /** The document's own part of learn and run, with the line keys it computed along the way. */
  const observe = (doc: Document, memo: Map<string, string | undefined>) => {
    const keyOf = memoKeys(memo);
    const lines = observeLines(linesSeen(doc, keyOf), settings.topLines, keyOf);
    return { lines, signature: signatureOf(doc.text, SOURCE_SIGNATURE_HASHES), keyOf };
  };

  return {
    name: NAME,
    kind: 'cross',
    preparesFromChanges: true,

    prepare(doc: Document): Gathered {
      const { lines, signature, keyOf } = observe(doc, new Map());
      return {
        lines: lines.map(({ key, text, top }) => ({ key, text, top })),
        signature: signature ? { minhashes: signature.minhashes, exact: signature.exact } : null,
        keys: doc.text.split('\n').map((line) => keyOf(line) ?? null),
      };
    },

    async learn(doc: Document, store, prepared) {
      const given = preparedOf(prepared, doc);
      let lines: readonly LineObservation[];
      let signature: Signature | undefined;
      if (given) ({ lines, signature } = given);
      else {
        const memo = new Map<string, string | undefined>();
        learnedKeys.set(doc, memo);
        ({ lines, signature } = observe(doc, memo));
      }
      if (lines.length === 0 || !signature) return;
      await store.learnSourceDocument(doc.sourceKey, doc.id, signature, lines, copyAgreement);
    },

    async run(doc: Document, store, prepared) {
      const given = preparedOf(prepared, doc);
      const memo = learnedKeys.get(doc) ?? new Map<string, string | undefined>();
      learnedKeys.delete(doc);
      const lines = given ? preparedLines(doc.text, given.keys) : keyedLines(doc.text, memoKeys(memo));
      if (lines.length === 0) return keep(doc);
      const keys = [...new Set(lines.map((line) => line.key))];
      const evidence = await store.lineEvidence(doc.sourceKey, keys);
      if (evidence.docs === 0) return keep(doc);
      const position = new Map(keys.map((key, i) => [key, i]));
      const at = (list: readonly number[], key: string) => list[position.get(key) ?? -1] ?? 0;
      /** A numbered headline whose digits, as they are, do not stand at the top of the source's documents. */
      const ownNumbers = async (text: string): Promise<boolean> => {
        const exact = numberedHeadlineKey(text);
        if (exact === undefined) return false;
        const { tops } = await store.lineEvidence(doc.sourceKey, [exact]);
        return templateEvidence(tops[0] ?? 0, evidence.docs, settings) === undefined;
      };

      const removals: LineRemoval[] = [];
      let aboveHeadline = true;
      for (const line of lines) {
        if (aboveHeadline) {
          const label = templateEvidence(at(evidence.tops, line.key), evidence.docs, settings);
          if (label && !(await ownNumbers(line.text)))
            removals.push({ index: line.index, rule: RULE, evidence: label });
          else aboveHeadline = false;
          continue;
        }
        const template = templateEvidence(at(evidence.counts, line.key), evidence.docs, settings);
        if (template) removals.push({ index: line.index, rule: RULE, evidence: template });
      }
      const { text, changes } = removeLines(NAME, doc.text, removals);
      return keep(doc, { text, changes });
    },
  };
}
