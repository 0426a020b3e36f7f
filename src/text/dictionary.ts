/**
 * Word lists that ligature repair takes as evidence that a joined form is a real word.
 *
 * The English list is the `word-list` package (274,000 lower-case words, the Scrabble-style list
 * from atebits/Words). It is read once, on first use, so a pipeline that never meets an English
 * document never pays for it.
 */
import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';

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
}

let englishWords: ReadonlySet<string> | undefined;

function loadEnglish(): ReadonlySet<string> {
  englishWords ??= new Set(readFileSync(wordListPath, 'utf8').split('\n').filter(Boolean));
  return englishWords;
}

/**
 * Lower-cases a word that is all lower case or capitalised; anything else (`iPhone`, `NATO`,
 * `McCaffrey`) is not a plain dictionary word and stays as it is, so it is never found.
 */
function plainForm(word: string): string {
  return /^\p{Lu}?\p{Ll}+$/u.test(word) ? word.toLowerCase() : word;
}

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
};

/** The dictionary for an ISO 639-3 language code, or undefined when cleanwire ships none. */
export function dictionaryFor(lang: string): Dictionary | undefined {
  return lang === 'eng' ? english : undefined;
}
