import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import wordListPath from 'word-list';
import type { Document, DocumentMeta } from '../../src/core/document.js';
import {
  createLigatures,
  type LigaturesOptions,
  repairLigatures,
  VOCABULARY_MAX_CHARS,
} from '../../src/stages/ligatures.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { dictionaryFor } from '../../src/text/dictionary.js';
import { splitAtLigatures } from '../../src/text/split-ligatures.js';
import { ROOT } from '../support/cli.js';
import { makeDocument } from '../support/document.js';

const doc = (text: string, meta: DocumentMeta = { lang: 'eng' }): Document => makeDocument(text, { meta });

const run = (text: string, meta?: DocumentMeta, options: LigaturesOptions = {}) => {
  const outcome = repairLigatures(doc(text, meta), options);
  if (outcome.action !== 'keep') throw new Error('ligatures never drops');
  return outcome.doc;
};
const textOf = (text: string, meta?: DocumentMeta, options?: LigaturesOptions) => run(text, meta, options).text;

describe('ligatures: seed 004', () => {
  const input = readFileSync(join(ROOT, 'seeds/input/004_533c8462d5d224a2.txt'), 'utf8');
  const expected = readFileSync(join(ROOT, 'seeds/expected/004_533c8462d5d224a2.txt'), 'utf8').split('\n');

  it('repairs every ligature, quote space and hyphen the seed lost (detecting English itself)', () => {
    const out = run(input, {});
    const [title, body, last, repeated] = out.text.split('\n');
    expect(title).toBe(expected[0]);
    // The stamp and the repeated paragraph are other stages' work.
    expect(body).toBe(`(MENAFN- Gulf Times) ${expected[1]}`);
    expect(last).toBe(expected[2]);
    expect(repeated).toBe(expected[2]);
    for (const word of ['conflict', 'official', 'fighting', 'affairs', 'ceasefire', 'offensive', 'three-year-old']) {
      expect(out.text).toMatch(new RegExp(` ${word}[ ,.]`));
    }
    expect(out.text).toContain('not “give up”');
    expect(out.text).toContain('breakthrough. “Our');
  });

  it('records each repair at its offset in the text it received', () => {
    const changes = run(input, {}).changes;
    expect(changes.map((c) => [c.rule, c.offset, c.removed ?? '', c.inserted ?? ''])).toEqual([
      ['missing-quote-space', 181, '', ' '],
      ['lost-hyphen', 294, 'threeyear', 'three-year'],
      ['split-ligature', 308, 'confl ict', 'conflict'],
      ['split-ligature', 524, 'fi ghting', 'fighting'],
      ['missing-quote-space', 563, '', ' '],
      ['split-ligature', 708, 'aff airs', 'affairs'],
      ['missing-quote-space', 760, '', ' '],
      ['missing-quote-space', 879, '', ' '],
      ['split-ligature', 900, 'confl ict', 'conflict'],
      ['split-ligature', 968, 'off ensive', 'offensive'],
      ['missing-quote-space', 1186, '', ' '],
      ['missing-quote-space', 1290, '', ' '],
      ['split-ligature', 1386, 'confl ict', 'conflict'],
      ['split-ligature', 1468, 'ceasefi re', 'ceasefire'],
      ['missing-quote-space', 1653, '', ' '],
      ['split-ligature', 1682, 'confl icts', 'conflicts'],
      ['missing-quote-space', 1728, '', ' '],
      ['split-ligature', 2005, 'offi cial', 'official'],
      ['split-ligature', 2239, 'off ensive', 'offensive'],
      ['split-ligature', 2278, 'offi cial', 'official'],
      ['split-ligature', 2512, 'off ensive', 'offensive'],
    ]);
    for (const change of changes) {
      expect(change.stage).toBe('ligatures');
      if (change.removed)
        expect(input.slice(change.offset, change.offset + change.removed.length)).toBe(change.removed);
      else expect(input[change.offset]).toBe('“');
    }
  });
});

describe('ligatures: split-ligature', () => {
  it('joins a split word the dictionary knows', () => {
    expect(run('The confl ict ended.')).toMatchObject({
      text: 'The conflict ended.',
      changes: [
        {
          stage: 'ligatures',
          rule: 'split-ligature',
          offset: 4,
          removed: 'confl ict',
          inserted: 'conflict',
          evidence: { by: 'dictionary' },
        },
      ],
    });
  });

  it('joins the splits of the brief, capitalised and at the start of a sentence too', () => {
    const text =
      'Confl ict. The offi cial said fi ghting in foreign aff airs and the ceasefi re, the off ensive, fl ows, a diffi cult eff ect, benefi ts.';
    expect(textOf(text)).toBe(
      'Conflict. The official said fighting in foreign affairs and the ceasefire, the offensive, flows, a difficult effect, benefits.',
    );
  });

  it('joins a word split twice', () => {
    expect(textOf('A fl uff y cat, the fi refl ies and an affi liated eff ective group.')).toBe(
      'A fluffy cat, the fireflies and an affiliated effective group.',
    );
  });

  it('joins on the document alone in a language without a dictionary', () => {
    const changes = run('Der Konfl ikt dauert an.\nDer Konflikt ist alt.', { lang: 'deu' }).changes;
    expect(changes).toEqual([
      {
        stage: 'ligatures',
        rule: 'split-ligature',
        offset: 4,
        removed: 'Konfl ikt',
        inserted: 'Konflikt',
        evidence: { by: 'document' },
      },
    ]);
  });

  it('leaves a split alone in a language without a dictionary when the document has no evidence', () => {
    expect(run('Ten konfl ikt trvá.', { lang: 'ces' }).changes).toEqual([]);
    expect(run('The confl ict ended.', { lang: 'und' }).changes).toEqual([]);
  });

  it('joins names by their pieces', () => {
    expect(run('Netfl ix and Jeff erson.').changes).toEqual([
      {
        stage: 'ligatures',
        rule: 'split-ligature',
        offset: 0,
        removed: 'Netfl ix',
        inserted: 'Netflix',
        evidence: { by: 'fragments' },
      },
      {
        stage: 'ligatures',
        rule: 'split-ligature',
        offset: 13,
        removed: 'Jeff erson',
        inserted: 'Jefferson',
        evidence: { by: 'fragments' },
      },
    ]);
  });

  it.each([
    'Prices fell off the cliff.',
    'Just stuff it in the bag.',
    'If only we knew.',
    'The chief executive resigned.',
    'It took half an hour.',
    'He called the Sheriff office.',
    'Staff at the hospital walked out.',
    'A house on the cliff edge.',
    'He hit a golf ball.',
    'The players came off ice late.',
    'They lost wifi and power.',
    'A sci-fi movie about Sufi al-Din.',
    'The off set is small. Set it again.',
    'Schiff man of the year.',
  ])('leaves the word pair alone: %s', (text) => {
    expect(run(text)).toMatchObject({ text, changes: [] });
  });

  it('uses the dictionary only when `dictionary` is on', () => {
    expect(run('The confl ict ended.', { lang: 'eng' }, { dictionary: false }).changes).toEqual([]);
    expect(textOf('The confl ict ended; the conflict goes on.', { lang: 'eng' }, { dictionary: false })).toBe(
      'The conflict ended; the conflict goes on.',
    );
  });
});

describe('ligatures: missing-quote-space', () => {
  it('puts the space back before an opening quote', () => {
    expect(run('Moscow will not“give up” on it.')).toMatchObject({
      text: 'Moscow will not “give up” on it.',
      changes: [{ stage: 'ligatures', rule: 'missing-quote-space', offset: 15, inserted: ' ' }],
    });
    expect(textOf('no breakthrough.“Our aims,” he said,“are set.”')).toBe(
      'no breakthrough. “Our aims,” he said, “are set.”',
    );
    expect(textOf('He said.‘We stay’ and left.')).toBe('He said. ‘We stay’ and left.');
  });

  it.each([
    'Moscow will not “give up” on it.',
    'Summer, and then some.“',
    'To “fly off the shelf,“ three factors must align.',
    'He said „Ja“und ging.',
    'It costs 5“ or more.',
    'We don‘t know.',
  ])('leaves the quote alone: %s', (text) => {
    expect(run(text, { lang: 'eng' }, { rules: ['missing-quote-space'] })).toMatchObject({ text, changes: [] });
  });
});

describe('ligatures: lost-hyphen', () => {
  it('puts the hyphen back between a number word and its unit', () => {
    expect(run('the more than threeyear-old conflict')).toMatchObject({
      text: 'the more than three-year-old conflict',
      changes: [
        {
          stage: 'ligatures',
          rule: 'lost-hyphen',
          offset: 14,
          removed: 'threeyear',
          inserted: 'three-year',
          evidence: { number: 'three', unit: 'year' },
        },
      ],
    });
    expect(textOf('A Twentyminute-long talk and a fivestorey-high wall.')).toBe(
      'A Twenty-minute-long talk and a five-storey-high wall.',
    );
  });

  it.each([
    'the threeyear old conflict',
    'a three-year-old conflict',
    'someone-else and anyday-now',
    'a tenfold-increase',
  ])('leaves it alone: %s', (text) => {
    expect(run(text)).toMatchObject({ text, changes: [] });
  });

  it('leaves it alone outside English', () => {
    expect(run('the threeyear-old conflict', { lang: 'deu' }).changes).toEqual([]);
  });
});

describe('ligatures: options', () => {
  it('runs only the rules asked for', () => {
    const text = 'The confl ict, not“this”, a threeyear-old.';
    expect(textOf(text, { lang: 'eng' }, { rules: ['split-ligature'] })).toBe(
      'The conflict, not“this”, a threeyear-old.',
    );
    expect(textOf(text, { lang: 'eng' }, { rules: ['lost-hyphen'] })).toBe(
      'The confl ict, not“this”, a three-year-old.',
    );
    expect(textOf(text, { lang: 'eng' }, { rules: [] })).toBe(text);
  });

  it('rejects bad options, quoting the value', () => {
    expect(() => createLigatures({ rules: ['split-ligatures'] })).toThrow(
      'ligatures: option `rules` has an unknown rule "split-ligatures" (known: split-ligature, missing-quote-space, lost-hyphen)',
    );
    expect(() => createLigatures({ rules: 'split-ligature' as unknown as string[] })).toThrow(
      'ligatures: option `rules` must be an array of strings, got "split-ligature"',
    );
    expect(() => createLigatures({ dictionary: 'yes' as unknown as boolean })).toThrow(
      'ligatures: option `dictionary` must be a boolean, got "yes"',
    );
    expect(() => createLigatures({ dictionnary: true } as LigaturesOptions)).toThrow(
      'ligatures: unknown option "dictionnary" (known: rules, dictionary, vocabulary)',
    );
  });
});

describe('ligatures: properties', () => {
  const english = dictionaryFor('eng');
  const words = readFileSync(wordListPath, 'utf8')
    .split('\n')
    .filter((w) => w && english?.standsAlone(w));
  // Pairs of real words that spell a third when split at a ligature ("off" + "set", "staff" + "room"):
  // the hard case, so the generator draws them often.
  const risky = words.filter((w) => {
    const pieces = splitAtLigatures(w).split(' ');
    return pieces.length > 1 && pieces.every((p) => english?.standsAlone(p));
  });
  const riskyPieces = [...new Set(risky.flatMap((w) => splitAtLigatures(w).split(' ')))];
  const anyOf = (list: readonly string[]) => fc.nat({ max: list.length - 1 }).map((i) => list[i] ?? '');
  const word = fc.oneof(anyOf(words), anyOf(riskyPieces));
  const sentence = fc.array(word, { minLength: 3, maxLength: 40 });

  it('has hard cases to draw from', () => {
    expect(risky).toContain('offset');
    expect(riskyPieces).toContain('set');
  });

  it('joins nothing in a paragraph of real words that the paragraph also uses on their own', () => {
    // Two real words that spell a third ("off shore") cannot be told from a split word unless
    // the right one is a common word ("off set") or the paragraph uses it by itself; running
    // prose mostly does, and this paragraph's list of its words does.
    fc.assert(
      fc.property(sentence, (ws) => {
        const text = `${ws.join(' ')}. Words: ${ws.join(', ')}.`;
        expect(run(text).changes).toEqual([]);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('is idempotent on text with split ligatures', () => {
    fc.assert(
      fc.property(sentence, fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), (ws, split) => {
        const text = ws.map((w, i) => (split[i] ? splitAtLigatures(w) : w)).join(' ');
        const once = run(text);
        expect(run(once.text).changes).toEqual([]);
      }),
      { numRuns: 300, seed: 8 },
    );
  });

  it('repairs every split of a dictionary word whose tail is no word', () => {
    const splittable = words.filter((w) => {
      const pieces = splitAtLigatures(w).split(' ');
      return pieces.length > 1 && !pieces.slice(1).some((p) => english?.standsAlone(p));
    });
    fc.assert(
      fc.property(fc.array(anyOf(splittable), { minLength: 1, maxLength: 20 }), (ws) => {
        const text = `${ws.map(splitAtLigatures).join(' ')}.`;
        expect(textOf(text)).toBe(`${ws.join(' ')}.`);
      }),
      { numRuns: 300, seed: 9 },
    );
  });
});

describe('ligatures: the document language', () => {
  it('detects the language itself and takes its dictionary', () => {
    const french =
      'Le gouvernement a publié lundi les chi ff res o fficiels de la croissance, qui montrent une di fférence nette avec les prévisions.';
    const out = run(french, {});
    expect(out.text).toContain('les chiffres officiels de la croissance');
    expect(out.text).toContain('une différence nette');
    const german =
      'Die Regierung hat am Montag die o ffiziellen Zahlen veröffentlicht, die neue Aufl age erscheint im Mai.';
    expect(run(german, {}).text).toContain('die offiziellen Zahlen veröffentlicht, die neue Auflage erscheint');
  });
});

describe('ligatures: the batch and store vocabulary', () => {
  const broken = 'The di fferent e ffects of o ffset. Tamp it in the porta filter.';
  const other = 'Every portafilter holds the coffee.';
  const learnThenRun = async (docs: Document[], options: LigaturesOptions = {}, store = createMemoryStore()) => {
    const stage = createLigatures(options);
    for (const d of docs) await stage.learn(d, store);
    const outcome = await stage.run(docs[0] as Document, store);
    if (outcome.action !== 'keep') throw new Error('ligatures never drops');
    return outcome.doc;
  };
  const a = makeDocument(broken, { id: 'a', meta: { lang: 'eng' } });
  const b = makeDocument(other, { id: 'b', meta: { lang: 'eng' } });

  it('joins two words another document spells as one, and records that evidence', async () => {
    const out = await learnThenRun([a, b]);
    expect(out.text).toBe('The different effects of offset. Tamp it in the portafilter.');
    expect(out.changes.at(-1)).toEqual({
      stage: 'ligatures',
      rule: 'split-ligature',
      offset: 51,
      removed: 'porta filter',
      inserted: 'portafilter',
      evidence: { by: 'batch' },
    });
  });

  it('leaves them alone alone, with the vocabulary off, and when only the document itself taught the word', async () => {
    expect((await learnThenRun([a])).text).toContain('porta filter');
    expect((await learnThenRun([a, b], { vocabulary: false })).text).toContain('porta filter');
    // The same id learned with the word: the store's answer is the document itself, not another.
    const self = makeDocument(`${broken}\n${other}`, { id: 'a', meta: { lang: 'eng' } });
    const store = createMemoryStore();
    await createLigatures().learn(self, store);
    expect((await learnThenRun([a], {}, store)).changes.at(-1)?.evidence).not.toEqual({ by: 'batch' });
  });

  it('learns at most 256 words a document, and only words with ff, fi or fl that no split holds', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => `zz${i.toString(36).replace(/\d/g, 'x')}ffzzz`).join(' ');
    const store = createMemoryStore();
    await createLigatures().learn(makeDocument(`${many} confl ict offset house`, { id: 'm' }), store);
    const owners = await store.wordOwners(['offset', 'house', 'confl', 'conflict']);
    expect(owners).toEqual([undefined, undefined, undefined, undefined]);
    const words = [...new Set(many.split(' '))];
    const known = (await store.wordOwners(words)).filter((owner) => owner === 'm').length;
    expect(known).toBe(256);
    await createLigatures().learn(makeDocument('An offset and a confl ict.', { id: 'n' }), store);
    expect(await store.wordOwners(['offset', 'confl', 'ict'])).toEqual(['n', undefined, undefined]);
  });
});

describe('ligatures: hostile input to the vocabulary', () => {
  it('keeps a document longer than VOCABULARY_MAX_CHARS out of the vocabulary: it neither teaches nor asks', async () => {
    const filler = 'The council met again on Monday. '.repeat(Math.ceil(VOCABULARY_MAX_CHARS / 33));
    const long = makeDocument(`${filler}Every portafilter holds the coffee.`, { id: 'long', meta: { lang: 'eng' } });
    const store = createMemoryStore();
    await createLigatures().learn(long, store);
    expect(await store.wordOwners(['portafilter'])).toEqual([undefined]);
    const asked: number[] = [];
    const counting = { ...store, wordOwners: async (words: readonly string[]) => (asked.push(words.length), []) };
    const longBroken = makeDocument(`${filler}Tamp it in the porta filter.`, { id: 'lb', meta: { lang: 'eng' } });
    await createLigatures().learn(makeDocument('Every portafilter holds the coffee.', { id: 'b' }), store);
    const outcome = await createLigatures().run(longBroken, counting);
    expect(asked).toEqual([]);
    if (outcome.action !== 'keep') throw new Error('ligatures never drops');
    expect(outcome.doc.text.endsWith('porta filter.')).toBe(true);
  });

  it('asks the store about at most 4096 words however many candidates a text holds, and still repairs it', async () => {
    const asked: number[] = [];
    const memory = createMemoryStore();
    const store = {
      ...memory,
      wordOwners: async (words: readonly string[]) => {
        asked.push(words.length);
        return memory.wordOwners(words);
      },
    };
    const pieces = Array.from({ length: 20_000 }, (_, i) => `zq${i.toString(36).replace(/\d/g, 'k')}fi nq`);
    const text = `${pieces.join(' ')} The confl ict ended.`;
    const outcome = await createLigatures().run(makeDocument(text, { meta: { lang: 'eng' } }), store);
    expect(asked.length).toBe(1);
    expect(asked[0]).toBe(4096);
    if (outcome.action !== 'keep') throw new Error('ligatures never drops');
    expect(outcome.doc.text.endsWith('The conflict ended.')).toBe(true);
  });

  it('learns and asks nothing of a text with no split, and nothing for over-long or glyph-free words', async () => {
    const store = createMemoryStore();
    const long = `o${'f'.repeat(60)}ice`;
    await createLigatures().learn(makeDocument(`${long} plain words here`, { id: 'x' }), store);
    expect(await store.wordOwners([long, 'plain', 'words'])).toEqual([undefined, undefined, undefined]);
  });
});
