/**
 * franc's `francAll`, with the same models and the same answers, laid out for speed.
 *
 * franc scores a text against every language of its script by walking the text's trigrams once
 * per language (126 languages for Latin) and looking each one up in that language's model: that
 * loop was 40 % of the pipeline's time. Here the models are held the other way round, as one
 * sparse index per script from trigram to the (language, rank) postings that list it, so each trigram
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
  /**
   * Trigram (as `trigramKey`) -> where its postings lie in `postings`: start << COUNT_BITS |
   * count. One flat array rather than a typed array per trigram: building 8,000 small typed arrays
   * was most of a thread's first language guess (a fifth of a second), and their garbage more.
   */
  readonly index: ReadonlyMap<number, number>;
  /** Per posting, language index << RANK_BITS | rank, grouped by trigram. */
  readonly postings: Int32Array;
}

/**
 * Bits for a trigram's posting count and for a rank: above any script's language count (Latin has
 * 126) and any model's length (300). `modelOf` checks both, should franc's data ever grow.
 */
const COUNT_BITS = 10;
const RANK_BITS = 10;
const LOW = (1 << 10) - 1;

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
  if (languages.length > LOW) throw new Error(`franc's ${script} models: more languages than a posting holds`);
  // Each distinct trigram gets a dense id on first sight (one map look-up a listed trigram; the rest
  // is arrays). franc keeps the first rank of a trigram a model lists twice (it writes ranks from
  // last to first): `lastLanguage` skips a repeat within one model.
  const ids = new Map<number, number>();
  const lastLanguage: number[] = [];
  const sizes: number[] = [];
  const listed: number[] = [];
  const values: number[] = [];
  languages.forEach((language, languageIndex) => {
    // The model is `abc|def|...`: its trigrams are read in place, no string made for each.
    const model = data[script]?.[language] ?? '';
    for (let rank = 0, at = 0; at <= model.length; rank++) {
      if (rank > LOW) throw new Error(`franc's ${language} model: more trigrams than a posting holds`);
      let end = model.indexOf('|', at);
      if (end === -1) end = model.length;
      const start = at;
      at = end + 1;
      if (end - start !== 3) continue;
      const key = trigramKey(model, start);
      let id = ids.get(key);
      if (id === undefined) {
        id = sizes.length;
        ids.set(key, id);
        lastLanguage.push(-1);
        sizes.push(0);
      } else if (lastLanguage[id] === languageIndex) continue;
      lastLanguage[id] = languageIndex;
      sizes[id] = (sizes[id] as number) + 1;
      listed.push(id);
      values.push((languageIndex << RANK_BITS) | rank);
    }
  });
  // Postings grouped by trigram, each group in language order (the order they were listed in).
  const starts = new Int32Array(sizes.length);
  let total = 0;
  for (let id = 0; id < sizes.length; id++) {
    starts[id] = total;
    total += sizes[id] as number;
  }
  const index = new Map<number, number>();
  for (const [key, id] of ids) index.set(key, ((starts[id] as number) << COUNT_BITS) | (sizes[id] as number));
  const postings = new Int32Array(total);
  for (let i = 0; i < listed.length; i++) {
    const id = listed[i] as number;
    postings[starts[id] as number] = values[i] as number;
    starts[id] = (starts[id] as number) + 1;
  }
  const model = { languages, index, postings };
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
  // Integers throughout (at most 2048 trigrams of 300 each), so an Int32Array holds them exactly.
  const offsets = new Int32Array(model.languages.length);
  const { index, postings } = model;
  counts.forEach((count, trigram) => {
    const slot = index.get(trigram);
    if (slot === undefined) return;
    const start = slot >> COUNT_BITS;
    const end = start + (slot & LOW);
    for (let i = start; i < end; i++) {
      const posting = postings[i] as number;
      const language = posting >> RANK_BITS;
      const rank = posting & LOW;
      offsets[language] = (offsets[language] as number) + Math.abs(count - rank - 1) - MAX_DIFFERENCE;
    }
  });
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
