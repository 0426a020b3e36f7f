/**
 * A small, read-only Hunspell word checker: is this word a word of the dictionary?
 *
 * Why not nspell: nspell expands every stem with every affix when it loads, which takes seconds
 * and hundreds of MB for some languages (French: 7 s and 340 MB; Portuguese and Italian did not
 * finish in minutes on the development machine). Here loading only reads the stems into a map;
 * a word is checked by stripping affixes from it (the way Hunspell itself looks words up): the
 * word itself, one suffix, two suffixes (the outer one allowed by the inner one's continuation
 * flags), one prefix, and a prefix with a suffix when both allow cross products. Compounding is
 * not modelled: a compound the dictionary does not list is simply not vouched for, which only
 * withholds evidence, never invents it.
 */

interface Affix {
  /** The rule's flag, mapped to one character (see `FlagCodec`). */
  readonly flag: string;
  readonly cross: boolean;
  readonly strip: string;
  readonly add: string;
  /** Continuation flags of the affixed form (mapped). */
  readonly continuation: string;
  readonly condition: RegExp;
}

/** Hunspell flags come as single characters, pairs (`FLAG long`) or numbers (`FLAG num`); each is mapped to one character. */
class FlagCodec {
  private readonly codes = new Map<string, string>();
  constructor(private readonly format: 'char' | 'long' | 'num') {}

  code(flag: string): string {
    let code = this.codes.get(flag);
    if (code === undefined) {
      // Private-use and beyond: never confused with a letter of a word.
      code = String.fromCharCode(0xe000 + this.codes.size);
      this.codes.set(flag, code);
    }
    return code;
  }

  private readonly parsed = new Map<string, string>();

  /** The mapped characters of a flag field; stems share a few thousand distinct fields. */
  parse(field: string): string {
    if (field === '') return '';
    let codes = this.parsed.get(field);
    if (codes === undefined) {
      codes = this.parseField(field);
      this.parsed.set(field, codes);
    }
    return codes;
  }

  private parseField(field: string): string {
    let parts: string[];
    if (this.format === 'num') parts = field.split(',').filter(Boolean);
    else if (this.format === 'long') parts = field.match(/[\s\S]{1,2}/gu) ?? [];
    else parts = [...field];
    return parts.map((part) => this.code(part)).join('');
  }
}

/** Compiled conditions: dictionaries repeat the same few hundred across thousands of rules. */
const conditions = new Map<string, RegExp>();

/** A Hunspell condition (`[^aeiou]y`, `.`) as a regular expression anchored at the affix's side. */
function conditionPattern(condition: string, suffix: boolean): RegExp {
  const key = `${suffix ? 'S' : 'P'}${condition}`;
  let pattern = conditions.get(key);
  if (!pattern) {
    pattern = compileCondition(condition, suffix);
    conditions.set(key, pattern);
  }
  return pattern;
}

function compileCondition(condition: string, suffix: boolean): RegExp {
  if (condition === '.' || condition === '') return /(?:)/u;
  let source = '';
  let inClass = false;
  for (const char of condition) {
    if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    if (char === '[' || char === ']' || char === '.' || (char === '^' && inClass)) source += char;
    else source += char.replace(/[\\^$*+?(){}|/-]/u, (c) => `\\${c}`);
  }
  try {
    return new RegExp(suffix ? `(?:${source})$` : `^(?:${source})`, 'u');
  } catch {
    // A condition this reader cannot express never matches: less evidence, never a wrong word.
    return /(?!)/u;
  }
}

export class HunspellWords {
  private readonly stems = new Map<string, string>();
  /** Suffixes by the last character of what they add ('' for those that add nothing). */
  private readonly suffixes = new Map<string, Affix[]>();
  /** Prefixes by the first character of what they add. */
  private readonly prefixes = new Map<string, Affix[]>();
  /** Suffixes that may come inside another, by the outer suffix's flag they allow. */
  private readonly innerSuffixes = new Map<string, Affix[]>();
  /** Flags that stop a stem from being a word by itself. */
  private readonly notAlone: string;
  private readonly forbidden: string;

  constructor(aff: string, dic: string) {
    const format = /^FLAG\s+(long|num|UTF-8)/m.exec(aff)?.[1];
    const codec = new FlagCodec(format === 'long' ? 'long' : format === 'num' ? 'num' : 'char');
    const single = (name: string): string => {
      const value = new RegExp(`^${name}\\s+(\\S+)`, 'm').exec(aff)?.[1];
      return value === undefined ? '' : codec.parse(value);
    };
    this.forbidden = single('FORBIDDENWORD');
    this.notAlone = single('NEEDAFFIX') + single('ONLYINCOMPOUND') + this.forbidden;
    this.readAffixes(aff, codec);
    this.readStems(dic, codec);
  }

  get size(): number {
    return this.stems.size;
  }

  private readAffixes(aff: string, codec: FlagCodec): void {
    const cross = new Map<string, boolean>();
    for (const line of aff.split('\n')) {
      const fields = line.trim().split(/\s+/u);
      const [kind, flagField, third, fourth, fifth] = fields;
      if ((kind !== 'SFX' && kind !== 'PFX') || flagField === undefined || third === undefined) continue;
      const flag = codec.parse(flagField);
      // The header line: `SFX A Y 3`.
      if (fifth === undefined && (third === 'Y' || third === 'N') && fourth !== undefined && /^\d+$/.test(fourth)) {
        cross.set(`${kind}${flag}`, third === 'Y');
        continue;
      }
      if (fourth === undefined) continue;
      const [addField = '', contField = ''] = fourth.split('/');
      const affix: Affix = {
        flag,
        cross: cross.get(`${kind}${flag}`) ?? false,
        strip: third === '0' ? '' : third,
        add: addField === '0' ? '' : addField,
        continuation: codec.parse(contField),
        condition: conditionPattern(fifth ?? '.', kind === 'SFX'),
      };
      const suffix = kind === 'SFX';
      const key = suffix ? affix.add.slice(-1) : affix.add.slice(0, 1);
      const table = suffix ? this.suffixes : this.prefixes;
      const list = table.get(key) ?? [];
      list.push(affix);
      table.set(key, list);
      if (suffix) {
        for (const allowed of affix.continuation) {
          const inner = this.innerSuffixes.get(allowed) ?? [];
          inner.push(affix);
          this.innerSuffixes.set(allowed, inner);
        }
      }
    }
  }

  private readStems(dic: string, codec: FlagCodec): void {
    const lines = dic.split('\n');
    // The first line is the stem count.
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i] ?? '';
      const tab = line.indexOf('\t');
      const space = line.indexOf(' ');
      const cut = tab === -1 ? space : space === -1 ? tab : Math.min(tab, space);
      const entry = cut === -1 ? line : line.slice(0, cut);
      if (entry === '' || entry.startsWith('#')) continue;
      const plainSlash = entry.indexOf('/');
      const slash = plainSlash > 0 && entry[plainSlash - 1] !== '\\' ? plainSlash : entry.search(/(?<!\\)\//u);
      const word = (slash === -1 ? entry : entry.slice(0, slash)).replace(/\\\//gu, '/');
      const flags = slash === -1 ? '' : codec.parse(entry.slice(slash + 1));
      // Homonyms (the same stem twice with other flags) pool their flags.
      const known = this.stems.get(word);
      this.stems.set(word, known === undefined ? flags : known + flags);
    }
  }

  /** Whether `word` is a word of the dictionary, as written, in lower case, or capitalised (German nouns). */
  has(word: string): boolean {
    if (word === '') return false;
    if (this.exact(word)) return true;
    const lower = word.toLowerCase();
    if (lower !== word && this.exact(lower)) return true;
    const capital = lower.charAt(0).toUpperCase() + lower.slice(1);
    return capital !== word && capital !== lower && this.exact(capital);
  }

  private stemHas(stem: string, flag: string): boolean {
    const flags = this.stems.get(stem);
    return flags?.includes(flag) === true && !this.isForbidden(flags ?? '');
  }

  private isForbidden(flags: string): boolean {
    for (const flag of this.forbidden) if (flags.includes(flag)) return true;
    return false;
  }

  private exact(word: string): boolean {
    const flags = this.stems.get(word);
    if (flags !== undefined && ![...this.notAlone].some((flag) => flags.includes(flag))) return true;
    if (this.withSuffix(word)) return true;
    return this.withPrefix(word);
  }

  private *suffixesOf(word: string): Generator<{ affix: Affix; stem: string }> {
    for (const key of [word.slice(-1), '']) {
      for (const affix of this.suffixes.get(key) ?? []) {
        if (!word.endsWith(affix.add) || word.length <= affix.add.length - affix.strip.length) continue;
        const stem = word.slice(0, word.length - affix.add.length) + affix.strip;
        if (stem !== '' && affix.condition.test(stem)) yield { affix, stem };
      }
    }
  }

  /** One suffix, or two where the inner one's continuation allows the outer one. `prefix` must also be allowed on the stem. */
  private withSuffix(word: string, prefix?: Affix): boolean {
    for (const { affix, stem } of this.suffixesOf(word)) {
      if (prefix && !affix.cross) continue;
      if (this.stemHas(stem, affix.flag) && (!prefix || this.stemHas(stem, prefix.flag))) return true;
      if (prefix) continue;
      for (const inner of this.innerSuffixes.get(affix.flag) ?? []) {
        if (!stem.endsWith(inner.add)) continue;
        const root = stem.slice(0, stem.length - inner.add.length) + inner.strip;
        if (root !== '' && inner.condition.test(root) && this.stemHas(root, inner.flag)) return true;
      }
    }
    return false;
  }

  private withPrefix(word: string): boolean {
    for (const key of [word.slice(0, 1), '']) {
      for (const affix of this.prefixes.get(key) ?? []) {
        if (!word.startsWith(affix.add)) continue;
        const stem = affix.strip + word.slice(affix.add.length);
        if (stem === '' || !affix.condition.test(stem)) continue;
        if (this.stemHas(stem, affix.flag)) return true;
        if (affix.cross && this.withSuffix(stem, affix)) return true;
      }
    }
    return false;
  }
}
