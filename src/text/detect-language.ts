/**
 * Language detection with franc (trigram profiles of 187 languages), shared by the language stage
 * (which records the result) and the ligatures stage (which needs to know whose dictionary may
 * vouch for a joined word). franc's models are read through src/text/trigram-models.ts, which
 * gives franc's answers several times faster.
 */
import { codePointAt, codePointTest, unitsOf } from './char-class.js';
import { francAll } from './trigram-models.js';

export interface DetectOptions {
  /** Texts shorter than this many characters are `und`: franc guesses wildly on a few words. */
  readonly minLength: number;
  /** Languages to choose from (ISO 639-3); empty means every language franc knows. */
  readonly only: readonly string[];
  /** Languages never to answer (ISO 639-3). */
  readonly ignore: readonly string[];
}

export interface Detection {
  /** ISO 639-3 code, `und` when the text is too short or franc cannot tell. */
  readonly lang: string;
  /** 0..1: how far the text backs the guess (see `detectLanguage`). */
  readonly confidence: number;
}

/**
 * Characters of the text franc reads for the guess. franc's cost grows with the sample (it
 * compares every trigram of it with 187 language profiles) and it reads at most 2048 anyway;
 * 1024 characters of prose (a long paragraph) decide the language of news text as well.
 */
const FRANC_SAMPLE = 1024;
/** Length of the later samples that check the first one. */
const CHECK_SAMPLE = 512;
/** From this many characters on, the length of the text no longer lowers the confidence. */
const RELIABLE_LENGTH = 250;

/**
 * Scots is ignored by default: franc takes English for Scots again and again (one English text
 * in ten among technical prose, release notes, mixed text), and Scots news is vanishingly rare.
 */
export const DEFAULT_DETECT_OPTIONS: DetectOptions = { minLength: 50, only: [], ignore: ['sco'] };

function ranked(text: string, options: DetectOptions): string[] {
  const scores = francAll(text, options);
  return scores.map(([lang]) => lang);
}

/** franc's best guess alone (ISO 639-3, `und` when too short or undetermined). */
export function guessLanguage(text: string, options: DetectOptions = DEFAULT_DETECT_OPTIONS): string {
  return ranked(text.trim().slice(0, FRANC_SAMPLE), options)[0] ?? 'und';
}

/**
 * franc only reads the start of a text and always scores its best guess 1, so its own score says
 * nothing about how sure the guess is. The confidence here is (a) the share of samples of the text
 * (the start, and for long texts also the middle and the end) whose own guess is the same language
 * or ranks it second (close languages, English and Scots say, swap places from sample to sample),
 * times (b) a length factor that grows to 1 at 250 characters.
 */
export function detectLanguage(text: string, options: DetectOptions = DEFAULT_DETECT_OPTIONS): Detection {
  const sample = text.trim();
  const lang = guessLanguage(sample, options);
  if (lang === 'und') return { lang, confidence: 0 };
  const checks: string[] = [];
  if (sample.length >= FRANC_SAMPLE + CHECK_SAMPLE) {
    const middle = Math.floor((sample.length - CHECK_SAMPLE) / 2);
    checks.push(sample.slice(middle, middle + CHECK_SAMPLE), sample.slice(-CHECK_SAMPLE));
  }
  const agreeing = 1 + checks.filter((check) => ranked(check, options).slice(0, 2).includes(lang)).length;
  const share = agreeing / (1 + checks.length);
  const lengthFactor = Math.min(1, sample.length / RELIABLE_LENGTH);
  return { lang, confidence: Math.round(share * lengthFactor * 1000) / 1000 };
}

/**
 * The commonest English function words (a quarter or more of the words of English prose), less
 * those other languages spell the same: "a", "in", "on", "die", "de".
 */
const ENGLISH_FUNCTION_WORDS = new Set(
  'the of and to is that for with as was it by at from he she said his her be are has have this not but an which they were will been who their its or had would there'.split(
    ' ',
  ),
);
/** Share of function words from which a text counts as English; other languages stay far below. */
const ENGLISH_SHARE = 0.08;

/**
 * Whether a text is English, by the share of English function words among its first 400 words:
 * a hundred times cheaper than franc, which compares every trigram with 187 language profiles,
 * and as sure for prose. The ligatures stage asks this of every document before it may use the
 * English dictionary.
 */
export function looksEnglish(text: string): boolean {
  // The first 400 letter runs (what /\p{L}+/gu matches) of the lower-cased start, counted by a
  // scan: no array of every word, and a string only for a run short enough to be a function word.
  const sample = text.slice(0, 4000).toLowerCase();
  let words = 0;
  let hits = 0;
  let start = -1;
  const ended = (end: number) => {
    words++;
    if (end - start <= FUNCTION_WORD_MAX && ENGLISH_FUNCTION_WORDS.has(sample.slice(start, end))) hits++;
    start = -1;
  };
  for (let at = 0; at < sample.length && words < MAX_WORDS; ) {
    const codePoint = codePointAt(sample, at);
    if (LETTER(codePoint)) {
      if (start < 0) start = at;
    } else if (start >= 0) ended(at);
    at += unitsOf(codePoint);
  }
  if (start >= 0 && words < MAX_WORDS) ended(sample.length);
  if (words < 5) return false;
  return hits / words >= ENGLISH_SHARE;
}

const MAX_WORDS = 400;
const LETTER = codePointTest('\\p{L}');
/** The longest of ENGLISH_FUNCTION_WORDS ("which", "would", "there", "their", "were"...). */
const FUNCTION_WORD_MAX = Math.max(...[...ENGLISH_FUNCTION_WORDS].map((word) => word.length));
