/**
 * Lines a page prints once per item with one word changed: "Shop Men's at Hoka.com Shop Women's
 * at Hoka.com" under each shoe of a buying guide, "Buy it at Amazon" / "Buy it at Target". Such a
 * line may also recur word for word (two sections about one brand), and that copy is the page's
 * layout, not a scraping accident: the repeats stage leaves it alone, as it does a line printed
 * `layoutCopies` times or more (src/stages/repeats.ts).
 *
 * A line's slot templates are its words with every occurrence of one of them replaced by a slot.
 * A line is slotted when one of its templates is shared by lines with `minFillers` or more
 * different words in the slot, several of which recur: the same words around a changing name,
 * several times over, and more than one name printed twice.
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

/** Different fillers of one template that recur for it to be the page's: a scraper copies one line. */
const RECURRING_FILLERS = 2;

/**
 * The positions (in `lines`) of lines that share a slot template with lines of at least
 * `minFillers` different fillers, `RECURRING_FILLERS` of which the page prints more than once:
 * a page that repeats its per-item line does so for several items ("Hoka" twice, "Adidas"
 * twice), where a scraper's accident copies one line of a list of like lines ("@prefix prov:"
 * among the other prefixes). Lines of fewer than `minWords` or more than `SLOT_MAX_WORDS` words
 * take no part: a template of one or two fixed words says nothing, and long lines cost quadratic
 * work for no gain. Linear in the text for a bounded line length. `wordCounts`, when given, is
 * each line's number of comparable words (`comparableWords(line).length`, which the caller knows
 * from `comparableFingerprint`): the prose lines it puts out of range are skipped unread.
 */
export function slottedLines(
  lines: readonly string[],
  minWords: number,
  minFillers: number,
  wordCounts?: readonly number[],
): Set<number> {
  /** Per template, how often each filler fills it. */
  const fillers = new Map<string, Map<string, number>>();
  const keysOf: string[][] = [];
  lines.forEach((line, position) => {
    // A line whose word count is known to be out of range is not split into words at all.
    const known = wordCounts?.[position];
    if (known !== undefined && (known < minWords || known > SLOT_MAX_WORDS)) {
      keysOf[position] = [];
      return;
    }
    const words = comparableWords(line);
    const own = words.length >= minWords && words.length <= SLOT_MAX_WORDS ? templates(words) : [];
    keysOf[position] = own.map(({ key }) => key);
    for (const { key, filler } of own) {
      let counts = fillers.get(key);
      if (!counts) {
        counts = new Map();
        fillers.set(key, counts);
      }
      counts.set(filler, (counts.get(filler) ?? 0) + 1);
    }
  });
  const layout = new Map<string, boolean>();
  const isLayout = (key: string): boolean => {
    let known = layout.get(key);
    if (known === undefined) {
      const counts = fillers.get(key) ?? new Map<string, number>();
      const recurring = [...counts.values()].filter((count) => count > 1).length;
      known = counts.size >= minFillers && recurring >= RECURRING_FILLERS;
      layout.set(key, known);
    }
    return known;
  };
  const slotted = new Set<number>();
  keysOf.forEach((own, position) => {
    if (own.some(isLayout)) slotted.add(position);
  });
  return slotted;
}
