/**
 * Lines a page prints once per item with one word changed: "Shop Men's at Hoka.com Shop Women's
 * at Hoka.com" under each shoe of a buying guide, "Buy it at Amazon" / "Buy it at Target". Such a
 * line may also recur word for word (two sections about one brand), and that copy is the page's
 * layout, not a scraping accident: the repeats stage leaves it alone, as it does a line printed
 * `layoutCopies` times or more (src/stages/repeats.ts).
 *
 * A line's slot templates are its words with every occurrence of one of them replaced by a slot.
 * A line is slotted when one of its templates is shared by lines with `minFillers` or more
 * different words in the slot: the same words around a changing name, several times over.
 */
import { comparableWords } from './similarity.js';

/** Most words of a line that is looked at: a call to action or a caption is short; prose is not. */
export const SLOT_MAX_WORDS = 24;

const SLOT = '\u0000';

/** The templates of a line's words: each distinct word in turn made the slot, with that word. */
function templates(words: readonly string[]): { key: string; filler: string }[] {
  const found: { key: string; filler: string }[] = [];
  for (const filler of new Set(words)) {
    found.push({ key: words.map((word) => (word === filler ? SLOT : word)).join(' '), filler });
  }
  return found;
}

/**
 * The positions (in `lines`) of lines that share a slot template with lines of at least
 * `minFillers` different fillers. Lines of fewer than `minWords` or more than `SLOT_MAX_WORDS`
 * words take no part: a template of one or two fixed words says nothing, and long lines cost
 * quadratic work for no gain. Linear in the text for a bounded line length.
 */
export function slottedLines(lines: readonly string[], minWords: number, minFillers: number): Set<number> {
  const fillers = new Map<string, Set<string>>();
  const keysOf: { key: string; filler: string }[][] = [];
  lines.forEach((line, position) => {
    const words = comparableWords(line);
    const own = words.length >= minWords && words.length <= SLOT_MAX_WORDS ? templates(words) : [];
    keysOf[position] = own;
    for (const { key, filler } of own) {
      let set = fillers.get(key);
      if (!set) {
        set = new Set();
        fillers.set(key, set);
      }
      // Only the count up to the threshold matters: a slot filled a thousand ways costs no more.
      if (set.size < minFillers) set.add(filler);
    }
  });
  const slotted = new Set<number>();
  keysOf.forEach((own, position) => {
    if (own.some(({ key }) => (fillers.get(key)?.size ?? 0) >= minFillers)) slotted.add(position);
  });
  return slotted;
}
