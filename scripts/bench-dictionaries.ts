/**
 * Load time, memory and lookup time of each dictionary the text repairs use (src/text/dictionary.ts),
 * each language in a fresh process so that one's heap does not count for another's.
 *
 *   npx tsx scripts/bench-dictionaries.ts [eng deu fra ...]
 *
 * Memory is the growth of the V8 heap (after a forced GC when node runs with --expose-gc, which
 * the script arranges for its child processes) from before the first lookup to after it.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DICTIONARY_LANGUAGES, dictionaryFor } from '../src/text/dictionary.js';

const SAMPLE: Readonly<Record<string, string>> = {
  eng: 'different offset official conflict coefficients efficient xyzzyq',
  deu: 'Auflage offiziell Konflikt Einflüsse effektiv xyzzyq',
  fra: 'officiel différentes efficace conflit chiffres xyzzyq',
  spa: 'diferentes oficial conflicto dificultad afirmó xyzzyq',
  por: 'diferente oficiais conflito afirmou dificuldades xyzzyq',
  ita: 'ufficiale differenti conflitto effetti difficile xyzzyq',
  nld: 'officieel afbeelding effectief conflict verschillende xyzzyq',
  swe: 'officiell effektiv konflikt offentliga flygplatsen xyzzyq',
  dan: 'officiel effektiv konflikt offentlige flyvning xyzzyq',
  pol: 'oficjalny oficjalnie efektywny konfliktu afirmacja xyzzyq',
};

const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  return process.memoryUsage().heapUsed;
};

function measure(lang: string): string {
  const dictionary = dictionaryFor(lang);
  if (!dictionary) throw new Error(`no dictionary for ${lang}`);
  const words = (SAMPLE[lang] ?? '').split(' ');
  const before = heap();
  let started = performance.now();
  dictionary.has(words[0] ?? '');
  // English also reads its frequency lists on first use.
  dictionary.isKnown(words[0] ?? '');
  const load = performance.now() - started;
  const memory = heap() - before;
  const rounds = 2000;
  started = performance.now();
  for (let i = 0; i < rounds; i++) for (const word of words) dictionary.has(word);
  const lookup = ((performance.now() - started) * 1000) / (rounds * words.length);
  return `${lang}\t${load.toFixed(0)} ms\t${(memory / 1e6).toFixed(0)} MB\t${lookup.toFixed(1)} µs/word`;
}

const [child] = process.argv.slice(2).filter((a) => a.startsWith('--child='));
if (child) {
  console.log(measure(child.slice('--child='.length)));
} else {
  const langs = process.argv.slice(2).length ? process.argv.slice(2) : DICTIONARY_LANGUAGES;
  console.log('lang\tload\theap\tlookup');
  for (const lang of langs) {
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), `--child=${lang}`],
      { encoding: 'utf8' },
    );
    process.stdout.write(out);
  }
}
