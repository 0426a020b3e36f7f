import { describe, expect, it } from 'vitest';
import { type Dictionary, dictionaryFor } from '../../src/text/dictionary.js';
import { findLigatureJoins, splitAtLigatures } from '../../src/text/split-ligatures.js';

const english = dictionaryFor('eng');
/** The joins as "removed -> inserted (by)", for compact exact assertions. */
const joinsWith = (text: string, dictionary: Dictionary | undefined) =>
  findLigatureJoins(text, dictionary).map((j) => `${j.removed} -> ${j.inserted} (${j.by})`);
const joins = (text: string) => joinsWith(text, english);

describe('splitAtLigatures', () => {
  it('leaves a space after every ligature followed by a lower-case letter, longest ligature first', () => {
    expect(splitAtLigatures('conflict')).toBe('confl ict');
    expect(splitAtLigatures('official')).toBe('offi cial');
    expect(splitAtLigatures('effective')).toBe('eff ective');
    expect(splitAtLigatures('fluffy')).toBe('fl uff y');
    expect(splitAtLigatures('fireflies')).toBe('fi refl ies');
    expect(splitAtLigatures('Conflict')).toBe('Confl ict');
  });

  it('leaves words without a breakable ligature alone', () => {
    expect(splitAtLigatures('fi')).toBe('fi');
    expect(splitAtLigatures('off')).toBe('off');
    expect(splitAtLigatures('Fight')).toBe('Fight');
    expect(splitAtLigatures('staff')).toBe('staff');
  });
});

describe('findLigatureJoins', () => {
  it('in a document that breaks words before their glyphs, joins a term no dictionary lists when neither piece is a word', () => {
    const before = 'The di fferent e ffects of o ffset. ';
    expect(joins(`${before}Calathea ru fibarba and Asplenium di fforme grow here.`)).toEqual([
      'di fferent -> different (dictionary)',
      'e ffects -> effects (dictionary)',
      'o ffset -> offset (dictionary)',
      'ru fibarba -> rufibarba (fragments)',
      'di fforme -> difforme (fragments)',
    ]);
    // A word before a piece no dictionary knows stays a word ("in fiqh"); no vowel after an ff
    // glyph is no word's tail ("the ffmpeg"); a piece the document uses on its own is a word.
    expect(joins(`${before}Then in fiqh law, the ffmpeg tool; ru is ru fibarba.`)).toEqual([
      'di fferent -> different (dictionary)',
      'e ffects -> effects (dictionary)',
      'o ffset -> offset (dictionary)',
    ]);
    // Outside such a document, two pieces that are no words stay as they are.
    expect(joins('Calathea ru fibarba and Asplenium di fforme grow here.')).toEqual([]);
  });

  it('in a document that breaks words before their glyphs, joins two words that stand together three times and never apart', () => {
    const before = 'The di fferent e ffects of o ffset. ';
    const named = 'TIBCO Spot fire is a platform. Spot fire also provides tools. We tested Spot fire.';
    expect(joins(`${before}${named}`).slice(3)).toEqual([
      'Spot fire -> Spotfire (fragments)',
      'Spot fire -> Spotfire (fragments)',
      'Spot fire -> Spotfire (fragments)',
    ]);
    // Twice only; or one of the words also used on its own ("the House voted"): words that meet.
    expect(joins(`${before}The House fire spread. A House fire again.`).slice(3)).toEqual([]);
    const apart = 'The House fire spread. A House fire again. The House fire. The House voted.';
    expect(joins(`${before}${apart}`).slice(3)).toEqual([]);
    // Outside such a document, three times is no evidence either.
    expect(joins(named)).toEqual([]);
  });

  it('joins a split word the dictionary knows, with its offset', () => {
    expect(findLigatureJoins('The confl ict ended.', english)).toEqual([
      { offset: 4, removed: 'confl ict', inserted: 'conflict', by: 'dictionary' },
    ]);
  });

  it('joins an ff glyph cut in two, as pypdf cuts it on Times (real extractor output)', () => {
    expect(joins('The staf f, the caf feine in cof fee is dif ferent; an ef fort to of fer the of fering.')).toEqual([
      'staf f -> staff (dictionary)',
      'caf feine -> caffeine (dictionary)',
      'cof fee -> coffee (dictionary)',
      'dif ferent -> different (dictionary)',
      'ef fort -> effort (dictionary)',
      'of fer -> offer (dictionary)',
      'of fering -> offering (dictionary)',
    ]);
  });

  it('leaves words beside each other that an ff cut could join: real pairs and an f-number', () => {
    expect(
      joins(
        'A piece of fence fell. If fine weather. Aperture of f/2.5, of f-stops, a shot of fog, mentions of f ava bean.',
      ),
    ).toEqual([]);
  });

  it('joins a word split twice in one go', () => {
    expect(joins('A fl uff y cat and the fi refl ies.')).toEqual([
      'fl uff y -> fluffy (dictionary)',
      'fi refl ies -> fireflies (dictionary)',
    ]);
  });

  it('joins a capitalised word and a word that starts with a ligature', () => {
    expect(joins('Confl ict. Fighting goes on; fi ghting stops.')).toEqual([
      'Confl ict -> Conflict (dictionary)',
      'fi ghting -> fighting (document)',
    ]);
  });

  it('joins on the document alone when there is no dictionary', () => {
    expect(joinsWith('Der Konfl ikt dauert an. Der Konflikt ist alt.', undefined)).toEqual([
      'Konfl ikt -> Konflikt (document)',
    ]);
    expect(joinsWith('Der Konfl ikt dauert an.', undefined)).toEqual([]);
    expect(joinsWith('The confl ict ended.', undefined)).toEqual([]);
  });

  it('prefers the document to the dictionary', () => {
    expect(joins('The offi cial said an official thing.')).toEqual(['offi cial -> official (document)']);
  });

  it('joins names no dictionary lists when the pieces are no words', () => {
    expect(joins('Netfl ix and Jeff erson went to Sheffi eld.')).toEqual([
      'Netfl ix -> Netflix (fragments)',
      'Jeff erson -> Jefferson (fragments)',
      'Sheffi eld -> Sheffield (fragments)',
    ]);
  });

  it('joins a no-word ending in "fl" even before a word', () => {
    expect(joins('Cloudfl are blocked the bots.')).toEqual(['Cloudfl are -> Cloudflare (fragments)']);
  });

  it('joins the dictionary word inside a run when the whole run is no word', () => {
    expect(joins('Turn off notifi cations now.')).toEqual(['notifi cations -> notifications (dictionary)']);
  });

  it('leaves real word pairs alone', () => {
    const text = [
      'They set off the alarm; stuff it in the bag; if only we knew.',
      'The chief executive waited half an hour at the Sheriff office.',
      'Staff at the cliff edge hit a golf ball off ice onto the wifi and the sci-fi movie.',
    ].join('\n');
    expect(joins(text)).toEqual([]);
  });

  it('leaves two words that spell a third alone when the text uses the right one by itself', () => {
    expect(joins('The off set is small. Set it again.')).toEqual([]);
    expect(joins('The diff tool runs; every tool is slow. Use difftool.')).toEqual([]);
  });

  it('joins two words that spell a third only when the right one is rare and its paragraph never uses it alone', () => {
    expect(joins('Many stiff ness tests.')).toEqual(['stiff ness -> stiffness (dictionary)']);
    expect(joins('Many stiff ness tests.\nThe ness is near.')).toEqual(['stiff ness -> stiffness (dictionary)']);
    expect(joins('Many stiff ness tests near the ness.')).toEqual([]);
    expect(joins('Many off shore firms, off peak hours and a diff using git.')).toEqual([]);
    // The document spells "offshore", and breaks words after their glyphs elsewhere: one word.
    expect(joins('The confl ict, the offi cial line. Many off shore firms; offshore is the word.')).toEqual([
      'confl ict -> conflict (dictionary)',
      'offi cial -> official (dictionary)',
      'off shore -> offshore (document)',
    ]);
    // No broken glyph anywhere: "in flux" and "influx" are two readings ("a field in flux").
    expect(joins('Many off shore firms; offshore is the word.')).toEqual([]);
    expect(joins('A field in flux. This influx of capital.')).toEqual([]);
  });

  it('never ends a join on a bare glyph piece after a word ("to ff t" is "to fft")', () => {
    expect(joins('from svr to ff t and back')).toEqual([]);
  });

  it('leaves names alone when a piece is a word, a compound, initials or used elsewhere', () => {
    expect(joins('Schiff man said so.')).toEqual([]);
    expect(joins('The vimdiff backend and the diff backend.')).toEqual([]);
    expect(joins('Commit fbfeff jc and dff rs.')).toEqual([]);
    expect(joins('Layouts fi fr and de.')).toEqual([]);
    expect(joins('Thinkifi c and Fujifi lm.')).toEqual([
      'Thinkifi c -> Thinkific (fragments)',
      'Fujifi lm -> Fujifilm (fragments)',
    ]);
    expect(joins('Sufi al-Din and Sofi a.')).toEqual([]);
    expect(joins('The Huff aker report; aker is a word here.')).toEqual([]);
  });

  it('never takes a piece that starts with a double f as a word start', () => {
    expect(joins('Bytes ff ba and ffba.')).toEqual([]);
  });

  it('leaves a split across anything but one space alone', () => {
    expect(joins('confl  ict, confl\nict, confl-ict')).toEqual([]);
  });

  it('joins a camel-case identifier only when the hump the space breaks is a word', () => {
    expect(joins('The staff iPhone and Affi nitySpace.')).toEqual(['Affi nitySpace -> AffinitySpace (dictionary)']);
    expect(joins('type SlackNotifi er interface')).toEqual(['SlackNotifi er -> SlackNotifier (dictionary)']);
    expect(joins('The MiiCo ffee Apex.')).toEqual(['MiiCo ffee -> MiiCoffee (dictionary)']);
    // "offi" is no word, and "off" + "Pad" would be two words: an identifier's humps stay as they are.
    expect(joins('Turn it off iPad first, then off fMRI scans.')).toEqual([]);
  });

  it('joins splits before the glyph, as pypdf leaves them', () => {
    expect(joins('The o ffset of di fferent e ffects and coe fficients.')).toEqual([
      'o ffset -> offset (dictionary)',
      'di fferent -> different (dictionary)',
      'e ffects -> effects (dictionary)',
      'coe fficients -> coefficients (dictionary)',
    ]);
  });

  it('joins a word split on both sides of the glyph, in three pieces', () => {
    expect(joins('A di ff erent o ff set and e ffi cient ones.')).toEqual([
      'di ff erent -> different (dictionary)',
      'o ff set -> offset (dictionary)',
      'e ffi cient -> efficient (dictionary)',
    ]);
  });

  it('keeps a word in front of a ligature that starts the next word ("a fi re" is "a fire")', () => {
    expect(joins('It lit a fi re under them and a fi eld of fl owers.')).toEqual([
      'fi re -> fire (dictionary)',
      'fi eld -> field (dictionary)',
      'fl owers -> flowers (dictionary)',
    ]);
  });

  it('joins capital ligatures and the ft ligature', () => {
    expect(joins('Fi nally the Fl ight left. It came a fter we o ften waited.')).toEqual([
      'Fi nally -> Finally (dictionary)',
      'Fl ight -> Flight (dictionary)',
      'a fter -> after (dictionary)',
      'o ften -> often (dictionary)',
    ]);
  });

  it('joins a name split before a double f when neither piece is a word', () => {
    expect(joins('The telescope at E ffelsberg and Thomas Je fferson.')).toEqual([
      'E ffelsberg -> Effelsberg (fragments)',
      'Je fferson -> Jefferson (fragments)',
    ]);
  });

  it('joins "of fice": the right piece is no word, so the space is no word boundary', () => {
    expect(joins('The press of fice said so.')).toEqual(['of fice -> office (dictionary)']);
  });

  it('leaves real word pairs before a glyph alone, whatever the dictionary spells with them', () => {
    const text = [
      'They set off in a field of fire, a float of boats and a fire in the hall.',
      'It would be fit for purpose; the prices stay in flux; we fought in flight.',
      'The fennel flowers are white and the first time was the best.',
      'The cost less than the guest book and the most stunning view of the first hand.',
    ].join('\n');
    expect(joins(text)).toEqual([]);
  });

  it('takes st and ft splits only in a document that shows ff, fi or fl splits too', () => {
    expect(joins('Ju st so, and the mo st of all.')).toEqual([]);
    expect(joins('Ju st so, and the mo st of all, a di fferent one.')).toEqual([
      'Ju st -> Just (dictionary)',
      'mo st -> most (dictionary)',
      'di fferent -> different (dictionary)',
    ]);
  });

  it('never starts a split inside a word or ends one before a letter prefix', () => {
    expect(joins("We're flying, they're fine; the cost e-commerce and file.fi now.")).toEqual([]);
  });

  it('joins splits in other languages with their dictionaries', () => {
    expect(joinsWith('Les chi ff res o fficiels et la di fférence du confl it.', dictionaryFor('fra'))).toEqual([
      'chi ff res -> chiffres (dictionary)',
      'o fficiels -> officiels (dictionary)',
      'di fférence -> différence (dictionary)',
      'confl it -> conflit (dictionary)',
    ]);
    expect(joinsWith('Die Aufl age und die o ffizielle Zahl.', dictionaryFor('deu'))).toEqual([
      'Aufl age -> Auflage (dictionary)',
      'o ffizielle -> offizielle (dictionary)',
    ]);
    expect(joinsWith('Los datos o ficiales de la o ficina.', dictionaryFor('spa'))).toEqual([
      'o ficiales -> oficiales (dictionary)',
      'o ficina -> oficina (dictionary)',
    ]);
  });

  it('leaves two real words alone in languages without word frequencies', () => {
    expect(joinsWith('Il a fait une fin heureuse.', dictionaryFor('fra'))).toEqual([]);
  });

  it('in a document that breaks words before their glyphs, also joins compounds and names split there', () => {
    const text =
      'The di fferent e ffects of o ffset work flows and the pro file of Net flix in So fia. ' +
      'Then a field, in flight, be fit; Li fled.';
    expect(joins(text)).toEqual([
      'di fferent -> different (dictionary)',
      'e ffects -> effects (dictionary)',
      'o ffset -> offset (dictionary)',
      'work flows -> workflows (dictionary)',
      'pro file -> profile (dictionary)',
      'Net flix -> Netflix (fragments)',
      'So fia -> Sofia (fragments)',
    ]);
    expect(joins('The work flows and the pro file of Net flix in So fia.')).toEqual([]);
  });

  it('joins a word split after a leading word whose glyph piece starts the chain ("its fi nancials")', () => {
    expect(joins('Strong fi nancials and the fi ntech of my fi ctious company.')).toEqual([
      'fi nancials -> financials (fragments)',
      'fi ntech -> fintech (fragments)',
      'fi ctious -> fictious (fragments)',
    ]);
    // A contraction is a word of its own: "stuff isn't" is no "stuffisn".
    expect(joins("Spicy stuff isn't the way.")).toEqual([]);
  });

  it('joins a piece ending in fi that is no word to a tail that is no frequent word ("starfi eld")', () => {
    expect(joins('A shader starfi eld, and many starfi elds.')).toEqual([
      'starfi eld -> starfield (fragments)',
      'starfi elds -> starfields (fragments)',
    ]);
    // A name ending in fi before the next frequent word stays: "Rafi said".
    expect(joins('Then Rafi said so.')).toEqual([]);
  });

  it('joins a lower-case piece ending in a vowel to an ff piece that is no word ("ca ffeinate")', () => {
    expect(joins('Rest and ca ffeinate; set shared_bu ffers and e ffective_cache_size.')).toEqual([
      'ca ffeinate -> caffeinate (fragments)',
      'bu ffers -> buffers (dictionary)',
      'e ffective -> effective (dictionary)',
    ]);
    // The, a frequent word, never runs into the tool's name.
    expect(joins('Run the ffmpeg tool.')).toEqual([]);
  });

  it('joins a name broken before its glyph the same way twice, never used alone ("Amaz fit")', () => {
    const text = 'The di fferent e ffects o ffset. The Amaz fit watch; the Amaz fit band.';
    expect(joins(text)).toContain('Amaz fit -> Amazfit (fragments)');
    // Once only, or the name also used alone: a name followed by a word ("Tanaka first").
    expect(joins('The di fferent e ffects o ffset. Tanaka first said so.')).not.toContain(
      'Tanaka first -> Tanakafirst (fragments)',
    );
    expect(joins('The di fferent e ffects o ffset. Amaz fit; Amaz fit; Amaz said.')).not.toContain(
      'Amaz fit -> Amazfit (fragments)',
    );
  });

  it('joins a bare f before a space only when the word it ends is attested and f plus the next word is not', () => {
    expect(joins('It fell of f the page; the staf f members left my stuf f.')).toEqual([
      'of f -> off (dictionary)',
      'staf f -> staff (dictionary)',
      'stuf f -> stuff (dictionary)',
    ]);
    expect(joins('Save 8% of f GetYourGuide.')).toEqual(['of f -> off (dictionary)']);
    // "of fava bean" and "of fall" broken before their first letter; "of f." and "p. 12 f." stay.
    expect(joins('Mentions of f ava bean, a staple of f all routines.')).toEqual([]);
    expect(joins('It took of f. See p. 12 f. and 3 ff. there.')).toEqual([]);
  });

  it('takes words other documents spell unbroken as evidence, where the document breaks words on that side', () => {
    const broken = 'The di fferent e ffects of o ffset. A porta filter and a scaff old.';
    const batch = new Set(['portafilter', 'scaffold', 'infinite']);
    expect(findLigatureJoins(broken, english, batch).map((j) => `${j.removed} -> ${j.inserted} (${j.by})`)).toEqual([
      'di fferent -> different (dictionary)',
      'e ffects -> effects (dictionary)',
      'o ffset -> offset (dictionary)',
      'porta filter -> portafilter (batch)',
    ]);
    // Without the batch, two words; in a text that breaks no glyph, two words whatever the batch says.
    expect(joins(broken)).not.toContain('porta filter -> portafilter (batch)');
    expect(findLigatureJoins('A porta filter here.', english, batch)).toEqual([]);
    // A short word in front is a reading of its own: "in finite" stays.
    expect(
      findLigatureJoins('The di fferent e ffects of o ffset in finite time.', english, batch).map((j) => j.inserted),
    ).not.toContain('infinite');
  });
});
