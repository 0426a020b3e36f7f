/**
 * franc's `francAll`, with the same models and the same answers, laid out for speed.
 *
 * franc scores a text against every language of its script by walking the text's trigrams once
 * per language (126 languages for Latin) and looking each one up in that language's model: that
 * loop was 40 % of the pipeline's time. Here the models are held the other way round, as one
 * sparse map per script from trigram to the (language, rank) pairs that list it, so each trigram
 * of the text is looked up once and only the languages that know it are touched. The distance
 * franc computes is a sum of integers (300 for a trigram the model lacks, else
 * |count - rank - 1|), so summing in another order gives exactly the same numbers, and ties keep
 * franc's language order because both sorts are stable. test/text/trigram-models.test.ts checks
 * the equality against franc itself.
 */
import { data } from 'franc/data.js';
import { expressions } from 'franc/expressions.js';

/** franc's constants: it reads at most 2048 characters and charges 300 for a missing trigram. */
const MAX_LENGTH = 2048;
const MAX_DIFFERENCE = 300;
const MIN_LENGTH = 10;

export interface FrancOptions {
  readonly minLength?: number;
  readonly only?: readonly string[];
  readonly ignore?: readonly string[];
}

/** Language and score, best first, as franc's `francAll` gives them. */
export type Ranking = [string, number][];

interface ScriptModel {
  /** The script's languages in franc's order (the order of its data file). */
  readonly languages: readonly string[];
  /** Trigram (as `trigramKey`) -> flat (language index, rank) pairs. */
  readonly postings: ReadonlyMap<number, Int32Array>;
}

const models = new Map<string, ScriptModel>();

/**
 * A trigram as one number, so that the maps are keyed by numbers rather than by fresh
 * three-character strings (a quarter faster). Code units below 0x400 (Latin, Greek, Cyrillic)
 * pack into a small integer, which V8 keeps unboxed; other trigrams take the negative range, all
 * 48 bits of them (exact in a double), so no two trigrams share a key. franc slices trigrams by
 * code unit too, so a surrogate pair split across two trigrams is counted the same way.
 */
function trigramKey(text: string, at: number): number {
  const a = text.charCodeAt(at);
  const b = text.charCodeAt(at + 1);
  const c = text.charCodeAt(at + 2);
  if ((a | b | c) < 0x400) return (a << 20) | (b << 10) | c;
  return -(a * 0x100000000 + b * 0x10000 + c) - 1;
}

/** Built on first use, per script: most batches only ever need Latin. */
function modelOf(script: string): ScriptModel {
  const cached = models.get(script);
  if (cached) return cached;
  const languages = Object.keys(data[script] ?? {});
  const lists = new Map<number, number[]>();
  languages.forEach((language, index) => {
    const trigrams = (data[script]?.[language] ?? '').split('|');
    const seen = new Set<string>();
    // franc keeps the first rank of a trigram listed twice (it writes ranks from last to first).
    trigrams.forEach((trigram, rank) => {
      if (seen.has(trigram) || trigram.length !== 3) return;
      seen.add(trigram);
      const key = trigramKey(trigram, 0);
      const list = lists.get(key);
      if (list) list.push(index, rank);
      else lists.set(key, [index, rank]);
    });
  });
  const postings = new Map<number, Int32Array>();
  for (const [trigram, list] of lists) postings.set(trigram, Int32Array.from(list));
  const model = { languages, postings };
  models.set(script, model);
  return model;
}

function allow(language: string, only: readonly string[], ignore: readonly string[]): boolean {
  return (only.length === 0 || only.includes(language)) && !ignore.includes(language);
}

function und(): Ranking {
  return [['und', 1]];
}

const SCRIPTS = Object.entries(expressions);
/** Whole-string versions of franc's script expressions, to test one character at a time. */
const WHOLE = SCRIPTS.map(([, expression]) => new RegExp(`^(?:${expression.source})$`));
/** Set once a code unit's scripts are known (the low bits: one per script of SCRIPTS). */
const KNOWN = 1 << 30;
/** The scripts of each code unit, as bits, filled on first sight. */
const SCRIPT_BITS = new Uint32Array(0x10000);
const SURROGATE = /[\uD800-\uDFFF]/;

function scriptBits(code: number): number {
  let bits = SCRIPT_BITS[code] as number;
  if (bits === 0) {
    bits = KNOWN;
    const char = String.fromCharCode(code);
    WHOLE.forEach((whole, i) => {
      if (whole.test(char)) bits |= 1 << i;
    });
    SCRIPT_BITS[code] = bits;
  }
  return bits & ~KNOWN;
}

/**
 * How many matches each script's expression has in `value`. Without surrogates in the text only
 * an expression's single-unit character classes can match (its other branches are surrogate
 * pairs, and it has no `u` flag), one unit a match: the counts are the units in each class,
 * read in one pass over remembered classes instead of one match array per script.
 */
function scriptCounts(value: string): number[] {
  if (SURROGATE.test(value)) return SCRIPTS.map(([, expression]) => value.match(expression)?.length ?? 0);
  const counts = new Array<number>(SCRIPTS.length).fill(0);
  for (let i = 0; i < value.length; i++) {
    let bits = scriptBits(value.charCodeAt(i));
    while (bits !== 0) {
      const script = 31 - Math.clz32(bits);
      counts[script] = (counts[script] as number) + 1;
      bits &= ~(1 << script);
    }
  }
  return counts;
}

/** franc's script choice: the first expression with the most matches wins. */
function topScript(value: string): [string | undefined, number] {
  let topCount = -1;
  let top: string | undefined;
  const counts = scriptCounts(value);
  SCRIPTS.forEach(([script], i) => {
    const count = (counts[i] as number) / value.length || 0;
    if (count > topCount) {
      topCount = count;
      top = script;
    }
  });
  return [top, topCount];
}

/** trigram-utils' counts: ASCII punctuation and digits to spaces, white space collapsed, lower case, padded. */
function trigramCounts(value: string): Map<number, number> {
  const cleaned = ` ${value
    .replace(/[\u0021-\u0040]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()} `;
  const counts = new Map<number, number>();
  for (let i = 0; i + 3 <= cleaned.length; i++) {
    const key = trigramKey(cleaned, i);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Same result as `francAll(value, options)` from franc 6. */
export function francAll(input: string, options: FrancOptions = {}): Ranking {
  const only = options.only ?? [];
  const ignore = options.ignore ?? [];
  const minLength = options.minLength ?? MIN_LENGTH;
  if (!input || input.length < minLength) return und();
  const value = input.slice(0, MAX_LENGTH);
  const [script, share] = topScript(value);
  if (script === undefined || !(script in data)) {
    if (script === undefined || share === 0 || !allow(script, only, ignore)) return und();
    return [[script, 1]];
  }
  const model = modelOf(script);
  const counts = trigramCounts(value);
  // Every trigram starts at the missing-trigram charge; a model that lists it gets the difference back.
  const offsets = new Float64Array(model.languages.length);
  for (const [trigram, count] of counts) {
    const pairs = model.postings.get(trigram);
    if (!pairs) continue;
    for (let i = 0; i < pairs.length; i += 2) {
      const language = pairs[i] as number;
      offsets[language] =
        (offsets[language] as number) + Math.abs(count - (pairs[i + 1] as number) - 1) - MAX_DIFFERENCE;
    }
  }
  const base = counts.size * MAX_DIFFERENCE;
  const distances: Ranking = [];
  model.languages.forEach((language, index) => {
    if (allow(language, only, ignore)) distances.push([language, base + (offsets[index] as number)]);
  });
  if (distances.length === 0) return und();
  distances.sort((a, b) => a[1] - b[1]);
  const min = (distances[0] as [string, number])[1];
  const max = value.length * MAX_DIFFERENCE - min;
  for (const entry of distances) entry[1] = 1 - (entry[1] - min) / max || 0;
  return distances;
}
