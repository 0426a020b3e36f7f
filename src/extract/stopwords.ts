/**
 * Stop-word density, the signal jusText classifies paragraphs with: running prose is full of
 * function words ("the", "und", "которые"), while menus, tag lists, product specs and link rows
 * are not. The per-language lists are stopwords-iso's (MIT, 58 languages), not hand-written: the
 * language is the page's `<html lang>` when that has a list, else the language whose list covers
 * most of the page's words. Scripts written without spaces (Chinese, Japanese, Thai) are not
 * split into words here, so they get no density (undefined): structure decides for them.
 */
import { createRequire } from 'node:module';

type Lists = Readonly<Record<string, readonly string[]>>;

let sets: ReadonlyMap<string, ReadonlySet<string>> | undefined;
/** word -> the languages whose list holds it, to guess a page's language in one pass. */
let owners: ReadonlyMap<string, readonly string[]> | undefined;

/** Loaded on first use: the lists are 200 kB of JSON that text-only runs never need. */
function lists(): { sets: ReadonlyMap<string, ReadonlySet<string>>; owners: ReadonlyMap<string, readonly string[]> } {
  if (!sets || !owners) {
    const raw = createRequire(import.meta.url)('stopwords-iso') as Lists;
    const bySet = new Map<string, ReadonlySet<string>>();
    const byWord = new Map<string, string[]>();
    for (const [lang, words] of Object.entries(raw)) {
      if (UNSPACED.has(lang)) continue;
      bySet.set(lang, new Set(words));
      for (const w of words) {
        const langs = byWord.get(w) ?? [];
        langs.push(lang);
        byWord.set(w, langs);
      }
    }
    sets = bySet;
    owners = byWord;
  }
  return { sets, owners };
}

/** Languages written without spaces between words: a word list does not apply to them. */
const UNSPACED = new Set(['zh', 'ja', 'th', 'ko']);

/** Lower-case words: runs of letters and marks (apostrophes inside, as in "don't"). */
export const wordsOf = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{M}]+(?:['’][\p{L}]+)*/gu) ?? [];

/**
 * The stop-word language of a page: `<html lang>`'s primary tag when it has a list, else the
 * list that holds most of the given words (at least a tenth of them), else undefined.
 */
export function stopwordLanguage(words: readonly string[], htmlLang?: string): string | undefined {
  const primary = htmlLang?.toLowerCase().split(/[-_]/)[0];
  const { sets: all, owners: byWord } = lists();
  if (primary && all.has(primary)) return primary;
  if (primary && UNSPACED.has(primary)) return undefined;
  const hits = new Map<string, number>();
  for (const w of words.slice(0, 3000))
    for (const lang of byWord.get(w) ?? []) hits.set(lang, (hits.get(lang) ?? 0) + 1);
  let best: string | undefined;
  let most = 0;
  for (const [lang, n] of hits) {
    if (n > most) {
      most = n;
      best = lang;
    }
  }
  return best && most >= 0.1 * Math.min(words.length, 3000) ? best : undefined;
}

/** Share of `words` in the language's stop-word list; undefined without a list or words. */
export function stopwordDensity(words: readonly string[], lang: string | undefined): number | undefined {
  if (!lang || words.length === 0) return undefined;
  const set = lists().sets.get(lang);
  if (!set) return undefined;
  let n = 0;
  for (const w of words) if (set.has(w)) n++;
  return n / words.length;
}
