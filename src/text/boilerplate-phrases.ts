/**
 * Generic boilerplate phrases: the wording that content-management systems and news sites use
 * across publishers (comment forms, share bars, newsletter boxes, "You may also like"), in
 * English, Spanish, French, German, Portuguese and Italian. Publisher-specific lines ("<Site> |
 * Independent journalism since 1998", "<Site> is part of <Group> Ltd.") are the templates stage's
 * job: it learns them from repetition across a source's documents, so this list stays generic.
 *
 * Every pattern matches a WHOLE line (after {@link phraseText}); a phrase inside a sentence never
 * matches, so an article that talks about comments, shares or advertising keeps its sentences.
 */

import { MAX_PHRASE_LENGTH, phraseText } from './phrase-text.js';

export type PhraseRule =
  | 'section-label'
  | 'comment-form'
  | 'share-block'
  | 'newsletter'
  | 'source-credit'
  | 'tags'
  | 'copyright'
  | 'headline-list'
  | 'inline-ad';

/**
 * Where a phrase may be removed:
 * - `nav`: site navigation, only above the headline;
 * - `marker`: ends the article; removed above the headline and in the trailer, where it also
 *   licenses removing the short lines below it;
 * - `field`: a form field or a bare network name, too plain to stand alone: only in a trailer,
 *   below a marker;
 * - `inline`: an insert between body paragraphs (an ad slot).
 */
export type PhraseRole = 'nav' | 'marker' | 'field' | 'inline';

export interface PhraseMatch {
  readonly rule: PhraseRule;
  readonly role: PhraseRole;
  /**
   * A marker so specific that it goes wherever it stands, also between body paragraphs
   * ("Subscribe to our newsletter"), not only in the trailer.
   */
  readonly anywhere: boolean;
}

interface Phrase extends PhraseMatch {
  readonly pattern: RegExp;
  /**
   * A cheap test that every line `pattern` matches passes, tried first: given to a pattern that
   * starts with `.{0,N}`, which V8 cannot reject on the first character and so backtracks over
   * every line the stage reads. Patterns without one are first tried all at once (`ANY_PLAIN`).
   */
  readonly needs?: RegExp;
  /**
   * A line that also matches this is not the phrase. Tested only after `pattern` matched: as a
   * lookahead in `pattern` its leading `.*` ran over every line the stage reads.
   */
  readonly unless?: RegExp;
}

/**
 * A credit that says the material above is reproduced with its owner's leave: a table's or a
 * photo's source, not the site's notice (which reserves rights, it grants none).
 */
const PERMISSION_CREDIT = [
  '\\b(?:used|reprinted|reproduced|republished) (?:by|with) (?:kind |the )?permission\\b',
  '\\b(?:usad[oa]|reproducid[oa]) con (?:el )?permiso\\b', // es
  "\\b(?:reproduit|utilisé)e? avec (?:l'autorisation|la permission)\\b", // fr
  '\\bmit (?:freundlicher )?genehmigung\\b', // de
  '\\b(?:usad[oa]|reproduzid[oa]) com permissão', // pt
  '\\b(?:riprodott[oa]|usat[oa]) (?:su|con) (?:gentile )?(?:concessione|autorizzazione)\\b', // it
].join('|');
const PERMISSION = new RegExp(PERMISSION_CREDIT, 'iu');

/** A whole-line pattern; `colon` also accepts a trailing colon ("Related Articles:"). */
const line = (body: string, { colon = false } = {}): RegExp =>
  new RegExp(`^(?:${body})${colon ? '\\s?:?' : ''}$`, 'iu');
const NETWORKS =
  'facebook|twitter|x|whatsapp|linkedin|pinterest|reddit|telegram|threads|bluesky|instagram|youtube|tiktok|flipboard|messenger|tumblr|mastodon|e-?mail';

const COPYRIGHT = { rule: 'copyright', role: 'marker', anywhere: false, unless: PERMISSION } as const;
const RIGHTS_RESERVED =
  'all rights reserved|todos los derechos reservados|tous droits réservés|alle rechte vorbehalten|todos os direitos reservados|tutti i diritti riservati';
const TO_YOUR_INBOX = 'to your inbox';

const PHRASES: readonly Phrase[] = [
  // Navigation above the headline.
  {
    rule: 'section-label',
    role: 'nav',
    anywhere: false,
    pattern: line(
      [
        'skip to (?:main )?(?:content|navigation|main)',
        'jump to (?:main )?content',
        '(?:main |open |toggle )?(?:menu|navigation)',
        'home|search|close|sign in|log in|login|register',
        'saltar al contenido|ir al contenido', // es
        'aller au contenu(?: principal)?|passer au contenu', // fr
        'zum inhalt springen|direkt zum inhalt', // de
        'pular para o conteúdo|ir para o conteúdo', // pt
        'vai al contenuto|salta al contenuto', // it
      ].join('|'),
    ),
  },
  // Comment forms.
  {
    rule: 'comment-form',
    role: 'marker',
    anywhere: false,
    pattern: line(
      [
        'leave a (?:reply|comment)(?: cancel reply)?|post a comment|add a comment|write a comment',
        'join the (?:discussion|conversation)|be the first to comment|no comments(?: yet)?',
        '\\d+ comments?|comments(?: \\(\\d+\\))?|(?:show|view|load) comments',
        'you must be logged in to post a comment\\.?',
        'comments are closed\\.?|commenting (?:is|has been) (?:closed|disabled)(?: for this article)?\\.?',
        'report (?:a|an) (?:correction|error|typo|problem)|suggest a correction|send us (?:feedback|a tip)',
        'deja (?:una respuesta|un comentario)|dejar un comentario|comentarios', // es
        'laisser un commentaire|laissez un commentaire|commentaires', // fr
        'schreibe einen kommentar|kommentar (?:schreiben|verfassen)|kommentare', // de
        'deixe (?:um comentário|uma resposta)|comentários', // pt
        'lascia un commento|commenti', // it
      ].join('|'),
    ),
  },
  {
    // The wording of WordPress-style comment forms, whole sentences included.
    rule: 'comment-form',
    role: 'marker',
    anywhere: false,
    pattern: line(
      [
        'your email address will not be published\\.?(?: required fields are marked \\*?\\.?)?',
        'required fields are marked \\*?\\.?',
        'save my name, email,? and website in this browser for the next time i comment\\.?',
        'tu dirección de correo electrónico no será publicada\\.?.{0,80}', // es
        'votre adresse (?:e-?mail|de messagerie) ne sera pas publiée\\.?.{0,80}', // fr
        'deine e-mail-adresse wird nicht veröffentlicht\\.?.{0,80}', // de
        'o seu endereço de e-?mail não será publicado\\.?.{0,80}', // pt
        'il tuo indirizzo (?:e-?mail|email) non sarà pubblicato\\.?.{0,80}', // it
      ].join('|'),
    ),
  },
  {
    rule: 'comment-form',
    role: 'field',
    anywhere: false,
    pattern: line(
      `(?:${[
        'comment|name|email|e-mail|website|url|message|your name|your email',
        'post comment|submit comment|submit|cancel reply|reply',
        'nombre|correo electrónico|sitio web|comentario|enviar', // es
        'nom|courriel|site web|commentaire|envoyer', // fr
        'kommentar|absenden', // de
        'nome|site|comentário', // pt
        'sito web|commento|invia', // it
      ].join('|')})\\s?\\*?`,
    ),
  },
  // Share bars and "follow us".
  {
    rule: 'share-block',
    role: 'marker',
    anywhere: true,
    pattern: line(`share this (?:article|story|post)(?: on (?:${NETWORKS}))?:?|click to share on .{1,60}`),
  },
  {
    rule: 'share-block',
    role: 'marker',
    anywhere: false,
    pattern: line(
      [
        'share(?: this)?(?: (?:article|story|post|page))?:?|shares?',
        `share (?:on|via|to|with) (?:${NETWORKS})`,
        'click to (?:share|email|print) .{1,60}',
        `join (?:us|our .{1,30}) on (?:${NETWORKS})|join our (?:whatsapp|telegram) (?:channel|group|community)`,
        'like this:?|tweet(?: this)?|pin it|(?:email|print) this (?:article|story|page)',
        `follow (?:us|.{1,40}) on (?:google news|${NETWORKS})(?:,? (?:and |or )?(?:google news|${NETWORKS}))*`,
        'compartir(?: en .{1,20})?|comparte(?: esta noticia| este artículo)?|síguenos(?: en .{1,30})?', // es
        'partager(?: sur .{1,20})?|partagez(?: cet article)?|suivez-nous(?: sur .{1,30})?', // fr
        'teilen|artikel teilen|diesen artikel teilen|folgen sie uns(?: auf .{1,30})?', // de
        'compartilhe|compartilhar|siga-nos(?: no .{1,30})?', // pt
        'condividi(?: su .{1,20})?|seguici(?: su .{1,30})?', // it
      ].join('|'),
    ),
  },
  {
    rule: 'share-block',
    role: 'field',
    anywhere: false,
    pattern: line(`${NETWORKS}|google news|print|copy link|copy|more|like|like loading\\.*|loading\\.*`),
  },
  // Newsletter boxes and app promotions.
  {
    rule: 'newsletter',
    role: 'marker',
    anywhere: false,
    pattern: line(
      [
        'subscribe(?: now| today| here)?|newsletters?|sign up(?: now| today)?',
        'get (?:our|the) .{0,30}newsletter',
        'enter your e-?mail(?: address)?:?',
        'by (?:subscribing|signing up),? you agree .{0,120}',
        '(?:download|get) (?:the|our) .{1,40} app\\b.{0,60}',
        'suscríbete.{0,60}|suscríbase.{0,60}|boletín', // es
        'abonnez-vous.{0,60}|inscrivez-vous.{0,60}', // fr
        'newsletter abonnieren|jetzt abonnieren|abonnieren', // de
        'assine.{0,60}|inscreva-se.{0,60}', // pt
        'iscriviti.{0,60}', // it
      ].join('|'),
    ),
  },
  {
    rule: 'newsletter',
    role: 'marker',
    anywhere: false,
    needs: new RegExp(TO_YOUR_INBOX, 'iu'),
    pattern: line(`.{0,60}delivered (?:straight |directly |right )?${TO_YOUR_INBOX}.{0,60}`),
  },
  {
    rule: 'newsletter',
    role: 'marker',
    anywhere: true,
    pattern: line(
      [
        '(?:subscribe|sign up) (?:to|for) (?:our|the|my) .{0,30}(?:newsletters?|briefings?|digests?).{0,40}',
        'join our (?:mailing list|newsletter).{0,40}',
      ].join('|'),
    ),
  },
  // Source credits.
  {
    rule: 'source-credit',
    role: 'marker',
    anywhere: false,
    pattern: line(
      [
        'source link|original source|related sources?:?',
        '(?:source|sources|via|fuentes?|quellen?|fontes?|fonti?)\\s?:\\s?[^.!?]{1,60}',
        'read the original (?:article|story)(?: here)?\\.?',
      ].join('|'),
    ),
  },
  // Tags and categories.
  {
    rule: 'tags',
    role: 'marker',
    anywhere: false,
    pattern: line(
      [
        '(?:tags?|tagged(?: with)?|(?:related )?topics?|keywords|categories|category|filed under|posted in)(?:\\s?:\\s?[^.!?]{0,200})?',
        '(?:filed under|posted in|tagged) [^.!?]{1,120}',
        '(?:etiquetas|temas|mots[- ]clés|sujets|schlagwörter|schlagworte|themen|assuntos|argomenti)(?:\\s?:\\s?[^.!?]{0,200})?',
      ].join('|'),
    ),
  },
  // Copyright notices and the legal links beside them; not the credit of material the article
  // reproduces ("© A. Agency — used by permission" under a table or a photo): that is the
  // article's own, as its caption is. Three entries of one rule: the two that may start anywhere
  // in the line each have their cheap test.
  {
    ...COPYRIGHT,
    pattern: line(
      [
        '(?:copyright\\s*)?(?:©|\\(c\\)).{0,120}',
        'copyright\\s+\\d{4}\\b.{0,120}',
        '(?:privacy policy|terms of (?:use|service)|cookie (?:policy|settings)|contact us|about us)(?:\\s?[|·•]\\s?(?:privacy policy|terms of (?:use|service)|cookie (?:policy|settings)|contact us|about us|advertise(?: with us)?))*',
      ].join('|'),
    ),
  },
  { ...COPYRIGHT, needs: /©/u, pattern: line('.{0,40}©\\s?\\d{4}\\b.{0,80}') },
  {
    ...COPYRIGHT,
    needs: new RegExp(`(?:${RIGHTS_RESERVED})\\.?$`, 'iu'),
    pattern: line(`.{0,80}\\b(?:${RIGHTS_RESERVED})\\.?`),
  },
  // Headings of lists of other articles.
  {
    rule: 'headline-list',
    role: 'marker',
    anywhere: false,
    pattern: line(
      [
        "you (?:may|might|could) (?:also )?(?:like|enjoy|be interested in)|recommended for you|don't miss",
        'related(?: (?:articles?|posts?|stories|news|content|coverage|links|reading))?',
        'more (?:stories|news|articles|headlines|on this story|on this topic|to read)',
        'more (?:from|in|on) [^.!?:]{1,40}|also on [^.!?:]{1,40}',
        'read more|read next|up next|what to read next|keep reading|continue reading',
        'post navigation|(?:previous|next) (?:article|post|story)',
        'recommended(?: (?:stories|articles|reading))?|most (?:popular|read|viewed|shared)',
        "popular (?:now|stories|articles|posts)|editor's picks|top picks|more like this|we recommend",
        '(?:sponsored|promoted) (?:stories|links)|around the web|from the web|recommended by .{1,30}',
        'trending(?: now| stories)?|latest (?:news|stories|articles|headlines)|top stories|in other news',
        'también te puede interesar|te puede interesar|noticias relacionadas|artículos relacionados|lo más (?:leído|visto)|más noticias', // es
        'à lire aussi|a lire aussi|lire aussi|sur le même sujet|articles similaires|vous aimerez aussi|les plus lus', // fr
        'das könnte sie auch interessieren|mehr zum thema|weitere artikel|auch interessant|meistgelesen', // de
        'veja também|leia também|leia mais|notícias relacionadas|você pode gostar|mais lidas', // pt
        'potrebbe interessarti(?: anche)?|ti potrebbe interessare|articoli correlati|leggi anche|più letti', // it
      ].join('|'),
      { colon: true },
    ),
  },
  // Ad slots between paragraphs.
  {
    rule: 'inline-ad',
    role: 'inline',
    anywhere: true,
    pattern: line(
      [
        'advertisement|advertisment|advertising|sponsored(?: content)?|paid content',
        '(?:story|article) continues (?:below|after) (?:this )?(?:advertisement|ad)',
        '(?:story|article) continues(?: below)?|continue reading the main story',
        'continue reading (?:below|after (?:the|this) ad(?:vertisement)?)|scroll to continue(?: with content)?',
        'advertisement\\s?[-–—:]\\s?(?:scroll|continue) [^.]{0,40}',
        'publicidad|publicité|anzeige|werbung|publicidade|pubblicità', // es fr de pt it
      ].join('|'),
    ),
  },
];

/**
 * An in-body link to another article: "Also Read: <headline>". The marker group; the headline
 * after it is checked for shape by the caller.
 */
const READ_ALSO = new RegExp(
  `^(?:${[
    "also read|read also|read more|read next|see also|also see|related|recommended|must read|don't miss",
    'lee también|leer también|lea también|te puede interesar', // es
    'lire aussi|à lire aussi|a lire aussi|voir aussi', // fr
    'lesen sie auch|auch interessant|mehr dazu|mehr zum thema', // de
    'leia também|leia mais|veja também', // pt
    'leggi anche|vedi anche', // it
  ].join('|')})\\s?[:：]\\s*(\\S.*)$`,
  'iu',
);

/**
 * Every pattern without a `needs` test in one: most lines match no phrase, and one test tells so
 * for all of them (the same flags, so it matches exactly when one of them does).
 */
const ANY_PLAIN = new RegExp(
  `^(?:${PHRASES.filter((phrase) => phrase.needs === undefined)
    .map(({ pattern }) => `(?:${pattern.source.slice(1, -1)})`)
    .join('|')})$`,
  'iu',
);

/**
 * The first generic phrase that matches the whole line, if any; with `prefer`, a match of that
 * rule comes first (a bare "Email" below "Share this:" is a share button, not a form field).
 */
export function matchPhrase(text: string, prefer?: PhraseRule): PhraseMatch | undefined {
  if (text.length > MAX_PHRASE_LENGTH) return undefined;
  const folded = phraseText(text);
  if (folded === '') return undefined;
  const plain = ANY_PLAIN.test(folded);
  let first: PhraseMatch | undefined;
  for (const { pattern, needs, unless, rule, role, anywhere } of PHRASES) {
    if (needs === undefined ? !plain : !needs.test(folded)) continue;
    if (!pattern.test(folded) || unless?.test(folded)) continue;
    if (prefer === undefined || rule === prefer) return { rule, role, anywhere };
    first ??= { rule, role, anywhere };
  }
  return first;
}

/** The headline of an "Also Read: <headline>" line, or undefined when the line is not one. */
export function readAlsoHeadline(text: string): string | undefined {
  if (text.length > MAX_PHRASE_LENGTH) return undefined;
  return READ_ALSO.exec(phraseText(text))?.[1];
}
