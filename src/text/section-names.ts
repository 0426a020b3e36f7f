/**
 * News section names (the labels above a headline) as a whole-line test, beside the boilerplate
 * phrases (src/text/boilerplate-phrases.ts) and folded as they are (src/text/phrase-text.ts).
 */
import { MAX_PHRASE_LENGTH, phraseText } from './phrase-text.js';

/**
 * News section names, the labels sites print above a headline ("World", "Politics", "Top
 * Stories"). A line made only of them (joined by "&", "and", commas or spaces, optionally with
 * "News") is a section label, never a title worth keeping: such a line says where, not what.
 */
const SECTION_WORDS = [
  // en
  'world|politics|business|economy|markets?|finance|money|technology|tech|science|health|sports?|entertainment|culture|arts',
  'lifestyle|life|style|travel|opinions?|analysis|editorial|local|national|international|nation|us|u.s.|uk|europe|asia',
  'africa|americas|middle east|latin america|australia|environment|climate|education|food|fashion|autos?|real estate',
  'weather|videos?|photos|podcasts?|live|breaking|latest|top stories|headlines|news|home|more|trending|features?|exclusive',
  // es
  'mundo|internacional|política|economía|negocios|tecnología|ciencia|salud|deportes|cultura|opinión|sociedad|nacional',
  'espectáculos|entretenimiento|noticias|última hora|portada|actualidad',
  // fr
  'monde|politique|économie|technologie|sciences|santé|société|actualités|à la une|direct|international|culture',
  // de
  'welt|politik|wirtschaft|finanzen|technik|wissenschaft|gesundheit|kultur|meinung|gesellschaft|panorama|inland|ausland',
  'nachrichten|aktuell',
  // pt
  'economia|negócios|ciência|saúde|esportes|desporto|opinião|sociedade|notícias|últimas',
  // it
  'esteri|politica|scienza|salute|opinioni|cronaca|notizie|ultime notizie|attualità',
].join('|');
const SECTION = new RegExp(
  `^(?:${SECTION_WORDS})(?:(?:\\s*[&+,/]\\s*|\\s+(?:and|y|et|und|e)\\s+|\\s+)(?:${SECTION_WORDS}))*$`,
  'iu',
);

/** Whether the line is only news section names ("World News", "Science & Tech", "Politik"). */
export function isSectionName(text: string): boolean {
  return text.length <= MAX_PHRASE_LENGTH && SECTION.test(phraseText(text));
}
