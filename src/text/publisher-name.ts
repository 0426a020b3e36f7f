/**
 * The publisher's name as a stamp would spell it, read from a document's source key: letters
 * only, lower case. A source key is a URL host ("www.lakeshoretribune.com") or the input's folder,
 * often the slug of the site's name ("lakeshore-tribune-30"). Spaces, hyphens, digits and case
 * differ between a name and its host or slug, so both sides are compared as bare letters:
 * "(Lakeshore Tribune Staff)" has the letters "lakeshoretribunestaff", which contain
 * "lakeshoretribune".
 */

/** Host labels that name no publisher: a mobile or web prefix, or a second-level domain. */
const HOST_NOISE: ReadonlySet<string> = new Set([
  'www',
  'm',
  'amp',
  'mobile',
  'co',
  'com',
  'org',
  'net',
  'gov',
  'ac',
  'edu',
]);

/** Fewer letters could turn up inside any stamp by chance ("ap", "bbc" inside other words). */
export const MIN_PUBLISHER_LETTERS = 4;

const letters = (text: string): string =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}]+/gu, '');

/** The letters of a text, lower case: what a publisher name is looked for in. */
export const letterKey = letters;

/**
 * The publisher's name from a source key, or undefined when the key does not yield one of at
 * least MIN_PUBLISHER_LETTERS letters. A host gives its registrable label ("news.bbc.co.uk" ->
 * "bbc", too short); a folder slug gives its words without a trailing site number. A leading
 * "the" goes, since stamps often drop it ("(Evening Beacon Staff)" from "the-evening-beacon").
 */
export function publisherName(sourceKey: string): string | undefined {
  const last = sourceKey.trim().toLowerCase().split(/[\\/]/).filter(Boolean).at(-1) ?? '';
  const bare = last.replace(/:\d+$/, '');
  let words: string[];
  if (bare.includes('.')) {
    const labels = bare.split('.').filter(Boolean);
    labels.pop();
    while (labels.length > 1 && HOST_NOISE.has(labels.at(-1) ?? '')) labels.pop();
    const label = labels.at(-1) ?? '';
    words = [HOST_NOISE.has(label) ? '' : label];
  } else {
    words = bare.replace(/[-_\s]+\d+$/, '').split(/[^\p{L}\p{N}]+/u);
  }
  let name = letters(words.join(' '));
  if (words.length > 1 && words[0] === 'the') name = letters(words.slice(1).join(' '));
  else if (name.startsWith('the') && name.length - 3 >= MIN_PUBLISHER_LETTERS + 1 && words.length === 1) {
    // A host has no word breaks: "theeveningbeacon" keeps "eveningbeacon", which it contains anyway.
    name = name.slice(3);
  }
  return name.length >= MIN_PUBLISHER_LETTERS ? name : undefined;
}
