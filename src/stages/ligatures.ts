/**
 * Repairs the damage PDF-to-text extraction does inside lines:
 *  - `split-ligature`: a space left after, before or around a ligature glyph ("confl ict",
 *    "di fferent", "di ff erent"), joined only on evidence (see src/text/split-ligatures.ts);
 *  - `missing-quote-space`: the space lost before an opening quote (`not“give up”`);
 *  - `lost-hyphen`: a number word run into its unit before a hyphenated compound
 *    ("threeyear-old" -> "three-year-old").
 * Every rule looks at the text the stage received, so every change offset refers to it.
 *
 * A cross-document stage for one piece of evidence: the batch's and store's vocabulary. `learn`
 * records the words with ff, fi or fl a document spells unbroken (at most 256 a document, see
 * `ligatureVocabulary`); `run` asks the store only about the joined forms of its own candidates
 * and takes those another document spells as evidence. Everything else the stage decides on the
 * document alone (`repairLigatures`, a pure function).
 * The dictionary is chosen by the document's language: meta.lang when an earlier step knows it,
 * else a cheap guess (English function words, then franc; see `documentDictionary`). Without a
 * dictionary (a language cleanwire has none for) only the document itself is evidence.
 */
import type { Change, Document } from '../core/document.js';
import { expectBoolean, expectKnownKeys, expectStrings, OptionError } from '../core/options.js';
import type { CrossStage, Gathered, Outcome } from '../core/stage.js';
import { gatheredFields, keep } from '../core/stage.js';
import type { CrossDocumentStore } from '../store/store.js';
import { codePointTest } from '../text/char-class.js';
import { type Dictionary, documentDictionary } from '../text/dictionary.js';
import { findLigatureJoins, ligatureQueries, ligatureVocabulary } from '../text/split-ligatures.js';

export const LIGATURE_RULES = ['split-ligature', 'missing-quote-space', 'lost-hyphen'] as const;
export type LigatureRule = (typeof LIGATURE_RULES)[number];

export interface LigaturesOptions {
  /** Rules to apply. Default: all of `split-ligature`, `missing-quote-space`, `lost-hyphen`. */
  rules?: readonly string[];
  /**
   * Take the dictionary of the document's language as evidence (en, de, fr, es, pt, it, nl, sv,
   * da, pl). Default
   * true; false joins a split ligature only when the document spells the word unbroken elsewhere,
   * and turns `lost-hyphen` off (it needs the dictionary to know the run-together form is no word).
   */
  dictionary?: boolean;
  /**
   * Take words other documents of the batch (or the store) spell unbroken as evidence. Default
   * true; false decides each document on itself and the dictionary alone (`--isolated` does too,
   * having no batch).
   */
  vocabulary?: boolean;
}

type Edit = Omit<Change, 'stage'>;

const STAGE = 'ligatures';

/**
 * An opening double quote glued to the word or punctuation before it and directly followed by
 * the quoted text (a word, a number, an editor's bracket, a code comment). Not before a space:
 * `word“ next` is a closing quote typed the wrong way round, not an opening one.
 */
// The quote comes first and the look-behind after it (same matches): a pattern that starts with a
// literal is searched for it, one that starts with a look-behind is tried at every position.
const GLUED_DOUBLE_QUOTE = /\u201c(?<=[\p{L}.,;:!?]\u201c)(?=[\p{L}\p{N}\u2018'[(/#@$£€…])/gu;
/** A single opening quote is also an apostrophe, so only after sentence punctuation and before a capital. */
const GLUED_SINGLE_QUOTE = /\u2018(?<=[.,;:!?]\u2018)(?=\p{Lu})/gu;
/** German-style quoting („…“) closes with “: a glued “ there ends a quote. */
const LOW_OPENING_QUOTE = '\u201e';

function quoteSpaces(text: string): Edit[] {
  if (text.includes(LOW_OPENING_QUOTE)) return [];
  return [...text.matchAll(GLUED_DOUBLE_QUOTE), ...text.matchAll(GLUED_SINGLE_QUOTE)].map((m) => ({
    rule: 'missing-quote-space',
    offset: m.index,
    inserted: ' ',
  }));
}

const NUMBER_WORDS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred';
const UNITS =
  'year|month|week|day|hour|minute|second|mile|metre|meter|kilometre|kilometer|foot|inch|storey|story|game|match|point|seat|member|night|term|stage';
/** "threeyear-old": the number word, its unit, then the hyphen of the compound they lost theirs from. */
const RUN_TOGETHER_NUMBER = new RegExp(`(?<![\\p{L}\\p{N}\\-])(${NUMBER_WORDS})(${UNITS})(?=-\\p{L})`, 'giu');

/** The same, tried at one position. */
const RUN_TOGETHER_AT = new RegExp(RUN_TOGETHER_NUMBER.source, 'iuy');
const LETTER = codePointTest('\\p{L}');
/** The fewest letters a match has: "oneday". */
const RUN_TOGETHER_MIN = 6;

/**
 * What `text.matchAll(RUN_TOGETHER_NUMBER)` finds (only the first with `first`), tried only at the
 * start of each letter run that ends at a hyphen: a match is letters followed by one and, by its
 * look-behind, starts a letter run. Scanning the pattern's alternatives at every position of the
 * text cost more than the rest of the stage's rules together.
 */
function runTogetherNumbers(text: string, first = false): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  for (let hyphen = text.indexOf('-', 1); hyphen !== -1; hyphen = text.indexOf('-', hyphen + 1)) {
    let start = hyphen;
    while (start > 0 && LETTER(text.charCodeAt(start - 1))) start--;
    if (hyphen - start < RUN_TOGETHER_MIN) continue;
    RUN_TOGETHER_AT.lastIndex = start;
    const match = RUN_TOGETHER_AT.exec(text);
    if (match && match.index + match[0].length === hyphen) {
      found.push(match);
      if (first) break;
    }
  }
  return found;
}
/** A space after a ligature, or before one that follows a letter: where a split may be. */
const MAY_BE_SPLIT = /(?:ff|fi|fl|ft|st|F[fil]) \p{Ll}|\p{L} (?:ff|fi|fl|ft|st)/u;

function lostHyphens(text: string, dictionary: Dictionary): Edit[] {
  const edits: Edit[] = [];
  for (const m of runTogetherNumbers(text)) {
    const [word, number = '', unit = ''] = m;
    if (dictionary.has(word)) continue;
    edits.push({
      rule: 'lost-hyphen',
      offset: m.index,
      removed: word,
      inserted: `${number}-${unit}`,
      evidence: { number: number.toLowerCase(), unit: unit.toLowerCase() },
    });
  }
  return edits;
}

function splitLigatures(text: string, dictionary: Dictionary | undefined, batch: ReadonlySet<string>): Edit[] {
  return findLigatureJoins(text, dictionary, batch).map((join) => ({
    rule: 'split-ligature',
    offset: join.offset,
    removed: join.removed,
    inserted: join.inserted,
    evidence: { by: join.by },
  }));
}

/** Applies edits found on the same text; an edit overlapping an earlier one is dropped. */
function applyEdits(text: string, edits: readonly Edit[]): { text: string; changes: Change[] } {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  const changes: Change[] = [];
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    if (edit.offset < at) continue;
    out += text.slice(at, edit.offset) + (edit.inserted ?? '');
    at = edit.offset + (edit.removed?.length ?? 0);
    changes.push({ stage: STAGE, ...edit });
  }
  return { text: out + text.slice(at), changes };
}

function expectRules(value: unknown): LigatureRule[] {
  const rules = expectStrings(STAGE, 'rules', value);
  for (const rule of rules) {
    if (!(LIGATURE_RULES as readonly string[]).includes(rule)) {
      throw new OptionError(
        `${STAGE}: option \`rules\` has an unknown rule ${JSON.stringify(rule)} (known: ${LIGATURE_RULES.join(', ')})`,
      );
    }
  }
  return rules as LigatureRule[];
}

interface Settings {
  readonly rules: ReadonlySet<LigatureRule>;
  readonly useDictionary: boolean;
  readonly useVocabulary: boolean;
}

function settingsOf(options: LigaturesOptions): Settings {
  expectKnownKeys(STAGE, options, ['rules', 'dictionary', 'vocabulary']);
  return {
    rules: new Set(options.rules === undefined ? LIGATURE_RULES : expectRules(options.rules)),
    useDictionary: options.dictionary === undefined ? true : expectBoolean(STAGE, 'dictionary', options.dictionary),
    useVocabulary: options.vocabulary === undefined ? true : expectBoolean(STAGE, 'vocabulary', options.vocabulary),
  };
}

/**
 * The stage's repairs on one document, given the words (lower case) other documents spell
 * unbroken: a pure function, the same whichever way the batch evidence was gathered.
 */
function repair(doc: Document, settings: Settings, batch: ReadonlySet<string>): Outcome {
  const { rules, useDictionary } = settings;
  // Most text has no space beside a glyph's letters at all: no need to read it word by word.
  const maySplit = rules.has('split-ligature') && MAY_BE_SPLIT.test(doc.text);
  const needsDictionary =
    useDictionary && (maySplit || (rules.has('lost-hyphen') && runTogetherNumbers(doc.text, true).length > 0));
  const dictionary = needsDictionary ? documentDictionary(doc.text, doc.meta.lang) : undefined;
  const edits = [
    ...(maySplit ? splitLigatures(doc.text, dictionary, batch) : []),
    ...(rules.has('missing-quote-space') ? quoteSpaces(doc.text) : []),
    ...(rules.has('lost-hyphen') && dictionary?.lang === 'eng' ? lostHyphens(doc.text, dictionary) : []),
  ];
  if (edits.length === 0) return keep(doc);
  const { text, changes } = applyEdits(doc.text, edits);
  return keep(doc, { text, changes });
}

/** The stage's repairs with the document alone as the batch: what `run` does when no other document vouches. */
export function repairLigatures(doc: Document, options: LigaturesOptions = {}, batch: ReadonlySet<string> = new Set()) {
  return repair(doc, settingsOf(options), batch);
}

/**
 * Largest text (UTF-16 units) that takes part in the batch vocabulary. `learn` and `gather` scan
 * the text where the store is, on a worker's event loop (about 0.25 s a MB): an 8 MB document held
 * it past a 3 s job lock. A document this long has evidence of its own; it is judged on itself
 * and the dictionary, like a document cleaned alone.
 */
export const VOCABULARY_MAX_CHARS = 1_000_000;

/** What `prepare` hands `learn` and `gather`: lists of lower-case words. */
type Prepared = {
  readonly vocabulary: readonly string[];
  readonly queries: readonly string[];
};

const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((word) => typeof word === 'string');

function isPrepared(value: Gathered | undefined): value is Prepared {
  const fields = gatheredFields(value);
  return fields !== undefined && isStrings(fields.vocabulary) && isStrings(fields.queries);
}

export function createLigatures(options: LigaturesOptions = {}): CrossStage {
  const settings = settingsOf(options);
  const useVocabulary = settings.useVocabulary && settings.rules.has('split-ligature');
  const learns = (doc: Document) => useVocabulary && doc.text.length <= VOCABULARY_MAX_CHARS;
  /**
   * The document's own part of `learn` and `gather`: the words it vouches with and the joined
   * forms it asks about (one reading of its words for both).
   */
  const prepare = (doc: Document): Prepared => {
    if (!learns(doc)) return { vocabulary: [], queries: [] };
    return {
      vocabulary: ligatureVocabulary(doc.text),
      queries: MAY_BE_SPLIT.test(doc.text) ? ligatureQueries(doc.text) : [],
    };
  };
  const preparedOf = (doc: Document, prepared: Gathered | undefined): Prepared =>
    isPrepared(prepared) ? prepared : prepare(doc);
  /** The words of the document's candidates that another document spells unbroken. */
  const gather = async (doc: Document, store: CrossDocumentStore, prepared?: Gathered): Promise<string[]> => {
    if (!learns(doc) || !MAY_BE_SPLIT.test(doc.text)) return [];
    const asked = preparedOf(doc, prepared).queries;
    const owners = asked.length > 0 ? await store.wordOwners(asked) : [];
    // A word this document taught the store is the document's own evidence, weighed as such.
    return asked.filter((_word, i) => owners[i] !== undefined && owners[i] !== doc.id);
  };
  const apply = (doc: Document, gathered: Gathered): Outcome => {
    // Gathered values may have crossed a thread boundary: take only the strings of a list.
    const words = Array.isArray(gathered) ? gathered.filter((w): w is string => typeof w === 'string') : [];
    return repair(doc, settings, new Set(words));
  };
  return {
    name: STAGE,
    kind: 'cross',
    async learn(doc, store, prepared) {
      if (!learns(doc)) return;
      await store.learnWords(doc.id, preparedOf(doc, prepared).vocabulary);
    },
    prepare,
    gather,
    apply,
    run: async (doc, store, prepared) => apply(doc, await gather(doc, store, prepared)),
  };
}
