/**
 * The last stage: rejects documents with no article left in them (`no-text`), holds the text to
 * the contract (one paragraph a line, no blank lines, no white space at either end of a line) and
 * sets meta.title to the first line, the headline.
 *
 * An article needs enough words, and at least one paragraph that reads as a sentence: a few
 * words that end in terminal punctuation. What is left of a page that had no article (a comment
 * form, a list of headlines, a cookie notice) fails one or the other. The defaults keep every
 * article of the development corpus (the shortest has 78 words; one has a single sentence line,
 * of 8 words or more like every article there) and are low, because a lost article is worse
 * than a leaked footer.
 */
import type { Change } from '../core/document.js';
import { expectKnownKeys, expectNumber } from '../core/options.js';
import type { TextStage } from '../core/stage.js';
import { drop, keep } from '../core/stage.js';
import { codePointAt, codePointTest, unitsOf } from '../text/char-class.js';

export interface GateOptions {
  /**
   * Fewest words an article may have, headline included. Default 12: a headline and one sentence,
   * so a short news brief stays while a comment form's leftovers ("Leave a Reply", "Your email
   * address will not be published.") do not.
   */
  minWords?: number;
  /**
   * Fewest words of the longest paragraph that ends like a sentence (. ! ? … and their CJK and
   * Devanagari forms, closing quotes or brackets allowed after). Default 8; 0 turns the check off.
   */
  minSentenceWords?: number;
}

const STAGE = 'gate';

const SENTENCE_END = /[.!?…。！？।؟][\p{Pf}\p{Pe}"'”’»」』)\]]*$/u;

/**
 * Words as a reader counts them: a run of letters, digits and marks. Scripts written without
 * spaces (Chinese, Japanese, Thai, ...) count one word a character, which overcounts them: such
 * an article is never rejected for being short because its script has no spaces. (What
 * /[\p{Script=Han}...]|[\p{L}\p{N}\p{M}]+/gu would match, counted by a scan.)
 */
const SPACELESS_CHAR = codePointTest(
  '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}]',
);
const WORD_CHAR = codePointTest('[\\p{L}\\p{N}\\p{M}]');

/**
 * Counted by a scan over remembered character classes: half the time of matching the regular
 * expression, and no array of every word of a megabyte line. With `cap`, counting stops once the
 * count passes it (the result is then `cap + 1`): the gate only asks whether there are enough.
 */
export function countWords(text: string, cap = Number.POSITIVE_INFINITY): number {
  let words = 0;
  for (let at = 0; at < text.length && words <= cap; ) {
    const codePoint = codePointAt(text, at);
    at += unitsOf(codePoint);
    if (SPACELESS_CHAR(codePoint)) {
      words++;
    } else if (WORD_CHAR(codePoint)) {
      words++;
      while (at < text.length) {
        const next = codePointAt(text, at);
        if (!WORD_CHAR(next)) break;
        at += unitsOf(next);
      }
    }
  }
  return words;
}

/** Drops blank lines and trims lines, recording each fix against the text the stage received. */
function holdToContract(text: string): { lines: string[]; changes: Change[] } {
  const lines: string[] = [];
  const changes: Change[] = [];
  const all = text.split('\n');
  let offset = 0;
  for (const [index, line] of all.entries()) {
    const trimmed = line.trim();
    if (trimmed === '') {
      // A blank line goes with the line break after it; the last line has none, so with the one before.
      const last = index === all.length - 1 && index > 0;
      changes.push({
        stage: STAGE,
        rule: 'blank-line',
        offset: last ? offset - 1 : offset,
        removed: last ? `\n${line}` : `${line}\n`,
      });
    } else if (trimmed.length === line.length) {
      lines.push(line);
    } else {
      const lead = line.length - line.trimStart().length;
      const trail = line.length - line.trimEnd().length;
      if (lead) changes.push({ stage: STAGE, rule: 'untrimmed-line', offset, removed: line.slice(0, lead) });
      if (trail) {
        changes.push({
          stage: STAGE,
          rule: 'untrimmed-line',
          offset: offset + line.length - trail,
          removed: line.slice(-trail),
        });
      }
      lines.push(trimmed);
    }
    offset += line.length + 1;
  }
  return { lines, changes };
}

/**
 * The words of the lines, counted only as far as the verdict needs: `words` is exact when it is
 * below `minWords` (the drop message quotes it), else at least `minWords`; `sentence` tells
 * whether a line that ends like a sentence has `sentenceWords` words (true when that is 0). An
 * article is judged on its first lines, not counted word by word to its end.
 */
export function enoughWords(
  lines: readonly string[],
  minWords: number,
  sentenceWords: number,
): { words: number; sentence: boolean } {
  let words = 0;
  let sentence = sentenceWords === 0;
  for (const line of lines) {
    if (words >= minWords && sentence) break;
    const asSentence = !sentence && SENTENCE_END.test(line);
    if (words >= minWords && !asSentence) continue;
    const count = countWords(line, Math.max(minWords - words, asSentence ? sentenceWords : 0));
    words += count;
    if (asSentence && count >= sentenceWords) sentence = true;
  }
  return { words, sentence };
}

export function createGate(options: GateOptions = {}): TextStage {
  expectKnownKeys(STAGE, options, ['minWords', 'minSentenceWords']);
  const minWords =
    options.minWords === undefined ? 12 : expectNumber(STAGE, 'minWords', options.minWords, { min: 1, integer: true });
  const minSentenceWords =
    options.minSentenceWords === undefined
      ? 8
      : expectNumber(STAGE, 'minSentenceWords', options.minSentenceWords, { min: 0, integer: true });
  return {
    name: STAGE,
    kind: 'text',
    run(doc) {
      const { lines, changes } = holdToContract(doc.text);
      // Content found on a page's markup is content without sentences too (products, listings).
      const needsSentence = minSentenceWords > 0 && !doc.meta.fromMarkup;
      const { words, sentence } = enoughWords(lines, minWords, needsSentence ? minSentenceWords : 0);
      if (words < minWords) {
        const left = words === 0 ? 'no words are left' : `only ${words} word${words === 1 ? ' is' : 's are'} left`;
        return drop(doc, 'no-text', `${left} after cleaning (an article has at least ${minWords})`);
      }
      if (!sentence) {
        return drop(
          doc,
          'no-text',
          `no paragraph reads as a sentence: none of ${minSentenceWords} words or more ends in . ! ? or …`,
        );
      }
      const [title = ''] = lines;
      // Without a fix the lines joined are the text received.
      return keep(doc, { text: changes.length > 0 ? lines.join('\n') : doc.text, changes, meta: { title } });
    },
  };
}
