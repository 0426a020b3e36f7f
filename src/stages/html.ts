/**
 * html: an HTML page to article text, one block (paragraph, heading, list item, cell, line of a
 * <pre>) a line. Only documents with format `html`; text documents pass through untouched.
 *
 * The page is parsed once and its main content found on the tree (src/extract/): non-text
 * elements, hidden elements and page furniture go, then blocks the page labels as furniture
 * (class/id words) or that are mostly links, then what lies outside the element that holds most of
 * the remaining text. Each removal of visible text is one change record with the removed text
 * (capped) and the evidence that decided. A page with no visible text but a JSON-LD articleBody
 * gets that body.
 *
 * The headline (<h1>, else <title> without its site suffix) is made the first line. The canonical
 * URL (`<link rel=canonical>`, else `og:url`) becomes meta.url and its host the sourceKey, unless
 * the document already came with a URL (JSONL `url`). Author, published date, site name and
 * <html lang> go into meta.
 *
 * The converted document has format `text`.
 *
 * The stage rewrites the whole document, so its records describe what it did rather than where:
 * they all carry offset 0.
 */
import type { Change, Document } from '../core/document.js';
import { expectKnownKeys, expectNumber } from '../core/options.js';
import type { Outcome, TextStage } from '../core/stage.js';
import { drop, keep } from '../core/stage.js';
import { REMOVED_CAP } from '../extract/content.js';
import { extractPage } from '../extract/extract.js';
import { hostOf } from '../ingest/source-key.js';
import { capNesting, headlineFromTitle } from '../text/html-text.js';

export interface HtmlOptions {
  /**
   * Elements nested deeper than this lose their tags (their text stays) before parsing, which
   * keeps pathological nesting linear. Default 1000.
   */
  maxDepth?: number;
}

const OWNER = 'html';

export function createHtml(options: HtmlOptions = {}): TextStage {
  expectKnownKeys(OWNER, options, ['maxDepth']);
  const maxDepth = expectNumber(OWNER, 'maxDepth', options.maxDepth ?? 1000, { min: 1, integer: true });
  const record = (rule: string, extra: Omit<Change, 'stage' | 'rule' | 'offset'>): Change => ({
    stage: OWNER,
    rule,
    offset: 0,
    ...extra,
  });

  return {
    name: OWNER,
    kind: 'text',
    run(doc: Document): Outcome {
      if (doc.format !== 'html') return keep(doc);
      const changes: Change[] = [];
      const capped = capNesting(doc.text, maxDepth);
      if (capped.removed > 0) {
        changes.push(record('nesting-capped', { evidence: { depth: capped.maxDepth, removedTags: capped.removed } }));
      }
      const { lines, metadata, removals, dropped, from, revealed } = extractPage(capped.html);
      const shown = revealed ? { revealed } : {};
      changes.push(record('html-to-text', { evidence: { blocks: lines.length, from, ...shown } }));
      for (const [tag, count] of dropped) changes.push(record('dropped-element', { evidence: { tag, count } }));
      for (const r of removals) {
        const capped = r.length > REMOVED_CAP ? { cappedAt: REMOVED_CAP } : {};
        changes.push(
          record(r.rule, { removed: r.text, evidence: { tag: r.tag, length: r.length, ...capped, ...r.evidence } }),
        );
      }

      const headline = metadata.h1 ?? (metadata.title ? headlineFromTitle(metadata.title) : undefined);
      if (headline) {
        const at = lines.findIndex((line) => line.toLowerCase() === headline.toLowerCase());
        if (at > 0) {
          const [line = headline] = lines.splice(at, 1);
          lines.unshift(line);
          changes.push(record('moved-title', { evidence: { fromLine: at } }));
        } else if (at === -1) {
          lines.unshift(headline);
          changes.push(
            record('inserted-title', { inserted: headline, evidence: { from: metadata.h1 ? 'h1' : 'title' } }),
          );
        }
      }
      if (lines.length === 0) return drop(doc, 'no-text', 'the page has no text outside scripts, navigation and forms');

      const url = doc.meta.url ? undefined : metadata.url;
      const sourceKey = url ? (hostOf(url) ?? doc.sourceKey) : doc.sourceKey;
      if (url) changes.push(record('source-url', { evidence: { url, sourceKey } }));
      const meta = {
        fromMarkup: true,
        ...(url ? { url } : {}),
        ...(metadata.author ? { author: metadata.author } : {}),
        ...(metadata.published ? { published: metadata.published } : {}),
        ...(metadata.siteName ? { siteName: metadata.siteName } : {}),
        ...(metadata.language ? { htmlLang: metadata.language } : {}),
      };
      const kept = keep(doc, { text: lines.join('\n'), changes, meta });
      // The text is no longer HTML: a second pass (or a re-run on the output) must not parse it again.
      return { action: 'keep', doc: { ...kept.doc, sourceKey, format: 'text' } };
    },
  };
}
