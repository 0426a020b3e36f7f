import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  breadcrumb,
  endsOpen,
  endsSentence,
  isHeadlineShaped,
  isLabelShaped,
  isTitleCase,
  sentenceBreaks,
  sharesTopic,
  topicStems,
  wordCount,
  wordsOf,
} from '../../src/text/line-shape.js';

describe('wordsOf / wordCount', () => {
  it('counts words joined by apostrophes, hyphens and dots as one', () => {
    expect(wordsOf("Putin's three-year-old U.S. war")).toEqual(["Putin's", 'three-year-old', 'U.S', 'war']);
    expect(wordCount('• Source 1 • Source 2')).toBe(4);
    expect(wordCount('  ')).toBe(0);
  });
});

describe('endsSentence / endsOpen', () => {
  it('sees terminal punctuation through closing quotes and brackets', () => {
    expect(endsSentence('He said "no."')).toBe(true);
    expect(endsSentence('Why? (Reuters)')).toBe(false);
    expect(endsSentence('(It was late.)')).toBe(true);
    expect(endsSentence('World News')).toBe(false);
  });

  it('sees a line that introduces what follows', () => {
    expect(endsOpen('Key takeaways:')).toBe(true);
    expect(endsOpen('First, ')).toBe(true);
    expect(endsOpen('Done.')).toBe(false);
  });
});

describe('sentenceBreaks', () => {
  it('counts boundaries inside the line, not at its end', () => {
    expect(sentenceBreaks('We had a call. It was long. I am not happy.')).toBe(2);
    expect(sentenceBreaks('One sentence only.')).toBe(0);
  });

  it('ignores initials and abbreviations', () => {
    expect(sentenceBreaks('U.S. officials met Dr. Smith and Mr. Jones in St. Louis.')).toBe(0);
  });

  it('with periodsOnly, lets a headline ask a question and go on', () => {
    const headline = 'Have an App Idea? Affordable Software Is Finally Here';
    expect(sentenceBreaks(headline)).toBe(1);
    expect(sentenceBreaks(headline, { periodsOnly: true })).toBe(0);
  });
});

describe('isTitleCase', () => {
  it('accepts capitalised words, small function words, digits and all caps', () => {
    expect(isTitleCase('Home and Garden')).toBe(true);
    expect(isTitleCase('Top 10 Stories of the Year')).toBe(true);
    expect(isTitleCase('BREAKING NEWS')).toBe(true);
    expect(isTitleCase('Política y Sociedad')).toBe(true);
  });

  it('rejects sentence case and lines without a capital', () => {
    expect(isTitleCase('Coffea arabica')).toBe(false);
    expect(isTitleCase('at a glance')).toBe(false);
    expect(isTitleCase('2024')).toBe(false);
  });
});

describe('isLabelShaped', () => {
  it('accepts a few Title Case words without punctuation', () => {
    expect(isLabelShaped('World News', 4)).toBe(true);
    expect(isLabelShaped('Politics', 4)).toBe(true);
  });

  it('rejects sentences, quotes, long lines and lines ending in punctuation', () => {
    expect(isLabelShaped('Ukraine, Iran, Syria, etc.', 4)).toBe(false);
    expect(isLabelShaped('"We Will Win"', 4)).toBe(false);
    expect(isLabelShaped('Putin Tells Trump He Will Not Back Down', 4)).toBe(false);
    expect(isLabelShaped('Key Takeaways:', 4)).toBe(false);
  });
});

describe('isHeadlineShaped', () => {
  it('accepts one headline, questions included', () => {
    expect(isHeadlineShaped("Putin Tells Trump He Won't Back Down From Ukraine Goals", 30)).toBe(true);
    expect(isHeadlineShaped('Which catering statistics should businesses track in 2025?', 30)).toBe(true);
  });

  it('rejects runs of sentences, open endings and overlong lines', () => {
    expect(isHeadlineShaped('We had a call. It was long.', 30)).toBe(false);
    expect(isHeadlineShaped('The conditions are:', 30)).toBe(false);
    expect(isHeadlineShaped('one two three four five six', 5)).toBe(false);
  });
});

describe('breadcrumb', () => {
  it('recognises navigation trails', () => {
    expect(breadcrumb('Home » News » World')).toEqual({ navigational: true });
    expect(breadcrumb('Home > Sport > Football')).toEqual({ navigational: true });
  });

  it('recognises a site and section joined by a pipe, but not as navigation alone', () => {
    expect(breadcrumb('Harbor Ledger | Independent journalism since 1998')).toEqual({ navigational: false });
  });

  it('rejects lines that are not trails of short items', () => {
    expect(breadcrumb('World News')).toBeUndefined();
    expect(breadcrumb('Prices rose 5% / year, the report said.')).toBeUndefined();
    expect(breadcrumb('The long first item of a list of things | x')).toBeUndefined();
  });
});

describe('topicStems / sharesTopic', () => {
  it('keeps topic words only, singular', () => {
    expect(topicStems('The Best Wine Regions of 2024')).toEqual(['best', 'wine', 'region']);
    expect(topicStems('World News', new Set(['news']))).toEqual(['world']);
  });

  it('finds a shared word by stem or by a five-letter prefix', () => {
    expect(sharesTopic('Book Reviews', 'This handout will help you write a book review.')).toBe(true);
    expect(sharesTopic('Coffee', 'Coffea arabica is a species of flowering plant.')).toBe(true);
  });

  it('finds none between a section label and an unrelated headline', () => {
    expect(sharesTopic('World News', 'In call with Trump, Putin says Russia will not give up', new Set(['news']))).toBe(
      false,
    );
  });

  it('takes a label with only ignored words as no evidence', () => {
    expect(sharesTopic('Latest News', 'The latest news from Kyiv', new Set(['latest', 'news']))).toBe(false);
  });
});

describe('wordCount against the word expression', () => {
  const WORD = /[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*/gu;

  it('counts what the expression matches, up to the cap, on any text', () => {
    const chars = fc.constantFrom(..."ab Z9 .,-'’\n漢é\u0301𝐁\ud800\udc00".split(''));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 60 }), fc.integer({ min: 0, max: 8 }), (list, cap) => {
        const text = list.join('');
        const all = text.match(WORD)?.length ?? 0;
        expect(wordCount(text)).toBe(all);
        expect(wordCount(text, cap)).toBe(Math.min(all, cap + 1));
      }),
      { numRuns: 1000 },
    );
  });
});
