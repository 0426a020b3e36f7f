import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchPhrase, readAlsoHeadline } from '../../src/text/boilerplate-phrases.js';
import { isFoldedAscii, phraseText } from '../../src/text/phrase-text.js';
import { isSectionName } from '../../src/text/section-names.js';

const rule = (line: string) => {
  const match = matchPhrase(line);
  return match ? `${match.rule}/${match.role}${match.anywhere ? '/anywhere' : ''}` : undefined;
};

describe('phraseText', () => {
  it('folds compatibility characters, apostrophes and spaces', () => {
    expect(phraseText('  Don’t\u00a0 miss ')).toBe("Don't miss");
  });

  /** The fold spelled out, without the already-folded shortcut. */
  const fullFold = (text: string) =>
    text
      .normalize('NFKC')
      .replace(/[’‘`´]/gu, "'")
      .replace(/\s+/gu, ' ')
      .trim();

  it.each(['Leave a Reply', 'Share this:', '(c) 2024 Site, Inc.', 'x', "Don't miss", '~!@#$%^&*()_+{}|:"<>?'])(
    'takes %j as folded already',
    (line) => {
      expect(isFoldedAscii(line)).toBe(true);
      expect(phraseText(line)).toBe(fullFold(line));
    },
  );

  it.each([
    '',
    ' ',
    ' Leave a Reply',
    'Leave a Reply ',
    'Leave  a Reply',
    'Leave\ta Reply',
    'Leave a\u000bReply',
    'Don`t miss',
    'Café',
    'ﬁled under',
    '\u00a9 2024',
    'Leave a Reply\u0000',
    '\u007f',
  ])('folds %j the long way', (line) => {
    expect(isFoldedAscii(line)).toBe(false);
    expect(phraseText(line)).toBe(fullFold(line));
  });

  it('gives the full fold for any line', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'B', ' ', '`', '’', '\t', '\u00a0', 'ﬁ', '.', '\n') }),
        (line) => {
          expect(phraseText(line)).toBe(fullFold(line));
        },
      ),
    );
  });
});

describe('matchPhrase', () => {
  it.each([
    ['Leave a Reply', 'comment-form/marker'],
    ['Leave A Reply', 'comment-form/marker'],
    ['Your email address will not be published. Required fields are marked *', 'comment-form/marker'],
    ['Save my name, email, and website in this browser for the next time I comment.', 'comment-form/marker'],
    ['Name *', 'comment-form/field'],
    ['Post Comment', 'comment-form/field'],
    ['Share this:', 'share-block/marker'],
    ['Share on Facebook', 'share-block/marker'],
    ['Follow Harbor Ledger on Google News', 'share-block/marker'],
    ['Share this article', 'share-block/marker/anywhere'],
    ['WhatsApp', 'share-block/field'],
    ['Like Loading...', 'share-block/field'],
    ['Subscribe to our newsletter', 'newsletter/marker/anywhere'],
    ['Get the latest news delivered to your inbox every morning.', 'newsletter/marker'],
    ['Download the Harbor Ledger app for breaking news alerts', 'newsletter/marker'],
    ['Source link', 'source-credit/marker'],
    ['Related Sources:', 'source-credit/marker'],
    ['Source: Gulf Times', 'source-credit/marker'],
    ['Tags: news, world, politics', 'tags/marker'],
    ['Filed under: World', 'tags/marker'],
    ['© 2024 Harbor Ledger. All rights reserved.', 'copyright/marker'],
    ['Copyright 2023 Midland Courier Media Group', 'copyright/marker'],
    ['You may also like', 'headline-list/marker'],
    ['Related Articles:', 'headline-list/marker'],
    ['More from Capital Wire', 'headline-list/marker'],
    ['Read More', 'headline-list/marker'],
    ['Advertisement', 'inline-ad/inline/anywhere'],
    ['ADVERTISEMENT', 'inline-ad/inline/anywhere'],
    ['Story continues below advertisement', 'inline-ad/inline/anywhere'],
    ['Skip to content', 'section-label/nav'],
    ['Join our WhatsApp channel', 'share-block/marker'],
    ['Post navigation', 'headline-list/marker'],
    ['Next Post', 'headline-list/marker'],
    ['Privacy Policy | Terms of Use | Contact Us', 'copyright/marker'],
    ['Comments are closed.', 'comment-form/marker'],
    ['Report a correction', 'comment-form/marker'],
    ['Print this article', 'share-block/marker'],
    ['Sign up for our daily briefing', 'newsletter/marker/anywhere'],
    ['All content © 2024 Metro Times', 'copyright/marker'],
    ['Around the Web', 'headline-list/marker'],
    ['Sponsored content', 'inline-ad/inline/anywhere'],
    ['Continue reading the main story', 'inline-ad/inline/anywhere'],
    ['Menu', 'section-label/nav'],
  ])('%j is %s', (line, expected) => {
    expect(rule(line)).toBe(expected);
  });

  it.each([
    ['Deja una respuesta', 'comment-form/marker'],
    [
      'Tu dirección de correo electrónico no será publicada. Los campos obligatorios están marcados con *',
      'comment-form/marker',
    ],
    ['Laisser un commentaire', 'comment-form/marker'],
    ['Schreibe einen Kommentar', 'comment-form/marker'],
    ['Deixe um comentário', 'comment-form/marker'],
    ['Lascia un commento', 'comment-form/marker'],
    ['También te puede interesar', 'headline-list/marker'],
    ['À lire aussi', 'headline-list/marker'],
    ['Das könnte Sie auch interessieren', 'headline-list/marker'],
    ['Veja também', 'headline-list/marker'],
    ['Articoli correlati', 'headline-list/marker'],
    ['Publicidad', 'inline-ad/inline/anywhere'],
    ['Anzeige', 'inline-ad/inline/anywhere'],
    ['Todos los derechos reservados', 'copyright/marker'],
    ['Zum Inhalt springen', 'section-label/nav'],
  ])('%j (another language) is %s', (line, expected) => {
    expect(rule(line)).toBe(expected);
  });

  it.each([
    'Readers can leave a reply below the article, the editor said.',
    'Shares of the company rose 3% on Monday.',
    'The advertisement ran in twelve newspapers last spring.',
    'The newsletter, which has 10,000 subscribers, was launched in 2019.',
    'According to a source close to the talks, no deal was reached.',
    'Tags were attached to the birds before release.',
    'Copyright law in the EU changed in 2019, the court said.',
    'Comments from the minister drew criticism.',
    'Related research suggests otherwise.',
    'You may also like the sequel, critics say.',
    "Trump's call with Putin lasted nearly an hour.",
    'Contact us for a quote today.',
    'The next article in this series looks at taxes.',
  ])('matches no body sentence: %j', (line) => {
    expect(matchPhrase(line)).toBeUndefined();
  });

  it.each([
    '© A. Agency, Inc. — used by permission',
    '© Harbor Press 2021. Reprinted with kind permission.',
    'Copyright Institut Météo, reproduit avec l’autorisation de l’auteur',
    '© Bundesamt, mit freundlicher Genehmigung',
    '(c) Agência X, reproduzido com permissão',
  ])('a credit for reproduced material is no copyright notice: %j', (line) => {
    expect(matchPhrase(line)).toBeUndefined();
  });

  it('keeps the notices that grant nothing as copyright lines', () => {
    expect(rule('© Future Publishing Limited Quay House, The Ambury, Bath BA1 1UA.')).toBe('copyright/marker');
    expect(rule('© Supabase Inc')).toBe('copyright/marker');
    expect(rule('Copyright © Meta Platforms, Inc')).toBe('copyright/marker');
  });

  it.each([
    // Tried only after a cheap test for "©", the reservation at the line's end or "to your inbox".
    ['Site News ©2024 Site Media Group', 'copyright/marker'],
    ['All content © 2024 Metro Times', 'copyright/marker'],
    ['Harbor Ledger Media. ALL RIGHTS RESERVED', 'copyright/marker'],
    ['Harbor Ledger Media, tous droits réservés.', 'copyright/marker'],
    ['Eine Marke der Harbor Gruppe. Alle Rechte vorbehalten.', 'copyright/marker'],
    ['Tutti i diritti riservati', 'copyright/marker'],
    ['Get the best stories delivered straight TO YOUR INBOX', 'newsletter/marker'],
    ['Our picks, delivered to your inbox daily', 'newsletter/marker'],
  ])('%j (a pattern behind a cheap test) is %s', (line, expected) => {
    expect(rule(line)).toBe(expected);
  });

  it.each([
    'The © sign was printed in 2024 on the cover of a long-forgotten, never reprinted pamphlet.',
    'He said all rights reserved for the city were sold.',
    'Reproduced with permission. All rights reserved.',
    'Letters were sent to your inbox and mine alike, she said.',
    `${'©'.repeat(399)}1`,
  ])('matches no phrase behind a cheap test: %j', (line) => {
    expect(matchPhrase(line)).toBeUndefined();
  });

  it('prefers a match of the given rule: a bare "Email" below a share bar is a share button', () => {
    expect(rule('Email')).toBe('comment-form/field');
    expect(matchPhrase('Email', 'share-block')).toEqual({ rule: 'share-block', role: 'field', anywhere: false });
    expect(matchPhrase('Email', 'tags')).toEqual({ rule: 'comment-form', role: 'field', anywhere: false });
  });

  it('skips lines longer than any phrase', () => {
    expect(matchPhrase(`Advertisement ${'x'.repeat(500)}`)).toBeUndefined();
    expect(readAlsoHeadline(`Also Read: ${'word '.repeat(100)}`)).toBeUndefined();
  });

  it('matches nothing in an empty line', () => {
    expect(matchPhrase('   ')).toBeUndefined();
  });
});

describe('readAlsoHeadline', () => {
  it('returns the linked headline', () => {
    expect(readAlsoHeadline('Also Read: Trump and Putin speak again')).toBe('Trump and Putin speak again');
    expect(readAlsoHeadline('READ MORE: Markets fall after the call')).toBe('Markets fall after the call');
    expect(readAlsoHeadline('Lesen Sie auch: Die Lage in Kiew')).toBe('Die Lage in Kiew');
  });

  it('needs the marker and a colon at the start of the line', () => {
    expect(readAlsoHeadline('Read more about recent LG innovations.')).toBeUndefined();
    expect(readAlsoHeadline('You can read more: the report is online')).toBeUndefined();
  });
});

describe('isSectionName', () => {
  it.each(['World News', 'Politics', 'Science & Tech', 'Top Stories', 'Latest', 'Europe', 'Deportes', 'Politik'])(
    '%j is a section name',
    (line) => {
      expect(isSectionName(line)).toBe(true);
    },
  );

  it.each(['Climate Change Policy', 'Coffee', 'Wine Regions', 'Graphic Design Courses'])(
    '%j is not a section name',
    (line) => {
      expect(isSectionName(line)).toBe(false);
    },
  );
});
