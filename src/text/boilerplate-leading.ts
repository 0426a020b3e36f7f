/**
 * The boilerplate stage's rules above the headline (src/stages/boilerplate.ts): navigation,
 * breadcrumbs, section names and short labels, removed only when the headline below is found and
 * the label is no title. One rule family a module, so that the stage file stays the stage.
 */
import type { BoilerplateRule, ContentLine, Remove, Settings } from './boilerplate-lines.js';
import { stampOf } from './boilerplate-stamp.js';
import { breadcrumb, isHeadlineShaped, isLabelShaped, sharesTopic, wordCount } from './line-shape.js';
import { isSectionName } from './section-names.js';

/**
 * Words that say "this is a news section" without naming a topic: a label made of them is no
 * evidence of a title even when the body happens to use them.
 */
const GENERIC_LABEL_WORDS: ReadonlySet<string> = new Set(
  'new news latest breaking top story stories home live update updates more noticia noticias actualité actualités nachricht nachrichten notícia notícias notizia notizie'.split(
    ' ',
  ),
);

/** Lines classed below the last one `maxLeadingLines` lets go. */
const LOOKAHEAD_LINES = 4;

/**
 * Removes labels above the headline and returns the headline's position among the content lines.
 *
 * Lines at the top are classed as navigation or a generic phrase (never a title), a section name
 * ("World News": a title only when nothing else can be), or a label-shaped line (maybe a short
 * title). The headline is the first line below them when it looks like one; otherwise the last
 * label-shaped line is taken for a short title. Walking up from the headline, a label-shaped line
 * that shares a topic word with the headline and the first paragraphs, or that is not shorter
 * than a short title below it, is the title itself: it and everything below it stay. Above
 * navigation or a phrase no title is looked for: a title sits right above its article.
 */
export function findLeadingLabels(
  lines: readonly ContentLine[],
  settings: Settings,
  remove: Remove,
  publisher: string | undefined,
): number {
  type Kind = 'strong' | 'section' | 'label';
  interface Leading {
    readonly rule: BoilerplateRule;
    readonly kind: Kind;
    readonly shape: string;
  }
  const leading: Leading[] = [];
  // Lines are classed a little further down than they may be removed, so that a short subtitle
  // below the title is seen as one more label, not taken for the headline.
  const limit = Math.min(settings.maxLeadingLines + LOOKAHEAD_LINES, lines.length - 1);
  for (let at = 0; at < limit; at++) {
    const line = lines[at] as ContentLine;
    const phrase = line.phrase;
    const trail = breadcrumb(line.text);
    if (phrase?.role === 'nav') {
      leading.push({ rule: phrase.rule, kind: 'strong', shape: 'navigation' });
    } else if (
      wordCount(line.text, settings.labelMaxWords + 2) <= settings.labelMaxWords + 2 &&
      isSectionName(line.text)
    ) {
      leading.push({ rule: 'section-label', kind: 'section', shape: 'section' });
    } else if (phrase?.role === 'marker' || phrase?.role === 'inline') {
      leading.push({ rule: phrase.rule, kind: 'strong', shape: 'phrase' });
    } else if (trail) {
      leading.push({ rule: 'section-label', kind: trail.navigational ? 'section' : 'label', shape: 'breadcrumb' });
    } else if (isLabelShaped(line.text, settings.labelMaxWords)) {
      leading.push({ rule: 'section-label', kind: 'label', shape: 'label' });
    } else {
      break;
    }
  }
  if (leading.length === 0) return 0;

  const first = lines[leading.length];
  const looksLikeHeadline =
    first !== undefined &&
    first.phrase === undefined &&
    // A stamped line opens the body: the headline is above it.
    stampOf(first.text, publisher) === undefined &&
    isHeadlineShaped(first.text, settings.headlineMaxWords);
  let headline = leading.length;
  // Without a headline-like line below the labels, the title is one of them: the last label-shaped
  // one, and only shorter labels above it can be told apart from a title with a subtitle.
  let shorterThan = Number.POSITIVE_INFINITY;
  if (!looksLikeHeadline) {
    // Only below the last navigation or phrase line: a title sits right above its article.
    const below = leading.findLastIndex((l) => l.kind === 'strong');
    let fallback = leading.findLastIndex((l, at) => at > below && l.kind === 'label');
    if (fallback < 0) fallback = leading.findLastIndex((l, at) => at > below && l.kind === 'section');
    if (fallback >= 0) {
      headline = fallback;
      shorterThan = wordCount((lines[fallback] as ContentLine).text);
    }
  }
  for (let at = headline - 1; at >= 0; at--) {
    const label = leading[at] as Leading;
    if (label.kind === 'strong') break;
    if (label.kind !== 'label') continue;
    const line = lines[at] as ContentLine;
    // A stamp names the publisher, and so would make a site-name label look like the title.
    const window = lines
      .slice(headline, headline + 3)
      .map((l) => l.text.slice(stampOf(l.text, publisher)?.length ?? 0))
      .join(' ');
    // A trail ("Site | Section") is no title with a subtitle below it, however long it is.
    const asLong = label.shape !== 'breadcrumb' && wordCount(line.text) >= shorterThan;
    if (asLong || sharesTopic(line.text, window, GENERIC_LABEL_WORDS)) {
      headline = at;
      shorterThan = wordCount(line.text);
    }
  }
  for (let at = 0; at < Math.min(headline, settings.maxLeadingLines); at++) {
    const label = leading[at] as Leading;
    remove(at, label.rule, { position: 'above-headline', shape: label.shape });
  }
  return headline;
}
