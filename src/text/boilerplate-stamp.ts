/**
 * The syndication stamp at the start of an article's first line (src/stages/boilerplate.ts): a
 * feed tag, a publisher in parentheses, or a self-stamp naming the document's own publisher.
 * Apart from the stage because the leading-label rules need it too: a stamped line opens the body.
 */
import { wordCount } from './line-shape.js';
import { letterKey } from './publisher-name.js';

/** Parenthesised feed tags that syndication services prepend: "(MENAFN- Gulf Times) ". */
const FEED_STAMP = /^\(\s*\p{Lu}[\p{Lu}\p{N}]{1,15}\s?-\s*[^()\n]{1,60}\)\s*(?=\S)/u;
/** A publisher in parentheses and an ASCII double hyphen: "(Gulf Times) -- ". A wire dateline uses a dash. */
const PUBLISHER_STAMP = /^\(\s*[^()\n]{1,60}\)\s*--\s*(?=\S)/u;

/**
 * A leading group in parentheses or brackets, with an optional ASCII double hyphen after it:
 * "(Lakeshore Tribune Staff) ", "[Site] ". It is a stamp only when it names the document's own
 * publisher (selfStamp) and no dash follows: "(Reuters) — " opens a wire dateline, which is text.
 */
const LEADING_GROUP = /^[([]\s*([^()[\]\n]{1,60}?)\s*[)\]]\s*(?:--\s*)?(?=\S)/u;
/**
 * A short run of words and a separator no sentence starts with, an ASCII double hyphen or a bar:
 * "Granite State Ledger Wire Service -- ", "Site | ". A stamp only when the words name the
 * publisher. No sentence punctuation in the words: "Site editor Jane Doe: ..." is a quote.
 */
const LEADING_NAME = /^(\p{L}[^.,;:!?"“”()[\]|\n]{0,79}?)\s+(?:--|\|)\s+(?=\S)/u;
/** Most words of a self-stamp: a name and a word or two ("Staff", "Wire Service", "By"). */
const SELF_STAMP_MAX_WORDS = 8;
/**
 * Most letters a self-stamp has besides the name ("bystaff", "wireservice", "newsservice"): more
 * and the words are a phrase about the publisher, not its stamp.
 */
const SELF_STAMP_MAX_EXTRA_LETTERS = 16;
/** After a stamp, a dash that is not "--" makes it a dateline. */
const DATELINE_DASH = /^[-‐‑‒–—―]/u;

/**
 * A stamp that names the document's publisher (src/text/publisher-name.ts): a leading group or
 * a leading "Name Words -- " whose letters contain the name taken from the source key.
 */
function selfStampOf(text: string, publisher: string | undefined): string | undefined {
  if (publisher === undefined) return undefined;
  for (const pattern of [LEADING_GROUP, LEADING_NAME]) {
    const match = pattern.exec(text);
    const words = match?.[1];
    if (!match || words === undefined || wordCount(words, SELF_STAMP_MAX_WORDS) > SELF_STAMP_MAX_WORDS) continue;
    if (DATELINE_DASH.test(text.slice(match[0].length))) continue;
    const named = letterKey(words);
    if (named.includes(publisher) && named.length - publisher.length <= SELF_STAMP_MAX_EXTRA_LETTERS) return match[0];
  }
  return undefined;
}

/** The syndication stamp at the start of a line, if any. */
export const stampOf = (text: string, publisher: string | undefined): string | undefined =>
  (FEED_STAMP.exec(text) ?? PUBLISHER_STAMP.exec(text))?.[0] ?? selfStampOf(text, publisher);
