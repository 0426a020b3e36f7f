/**
 * Near-duplicate articles: the same story scraped twice (from two URLs, with another template,
 * a changed sentence). It learns after `templates`, so two articles of one site do not look
 * alike for sharing that site's footer.
 *
 * `learn` indexes the article's MinHash signature (64 values over word 5-shingles, LSH buckets on
 * 8 bands of 4) and the hash of its normalised text; the store gives it a sequence number the
 * first time, and learning it again keeps that number. `run` looks for indexed articles with a
 * lower number (learned earlier) whose estimated Jaccard similarity reaches `threshold`, or with
 * the same normalised text (always found, whatever the threshold). The best one (exact copies
 * first, then the highest similarity, then the earliest) becomes `meta.duplicateOf` {id,
 * similarity}; with `drop` the article is rejected with reason `near-duplicate` instead.
 *
 * "Earlier" is the learning order: input order in a `cleanwire clean` batch, the order of
 * `cleanwire learn` for a warmed worker fleet, so both name the same original.
 *
 * The text is left as it is, so no change record is written: the decision lives in
 * `duplicateOf` (article record) or in the rejection's message, which names the original.
 */
import type { Document } from '../core/document.js';
import { expectBoolean, expectKnownKeys, expectNumber } from '../core/options.js';
import type { CrossStage, Gathered } from '../core/stage.js';
import { drop, keep } from '../core/stage.js';
import { rankSimilar } from '../store/store.js';
import { minAgreement, preparedSignature, type Signature, signatureOf } from '../text/minhash.js';

export interface NearDuplicatesOptions {
  /**
   * Estimated Jaccard similarity of word 5-shingle sets from which an article nearly repeats an
   * earlier one. The LSH buckets put a pair forward with p = 0.89 at 0.7, 0.985 at 0.8 and > 0.999
   * from 0.9, so 0.7 is the floor. Default 0.8.
   */
  threshold?: number;
  /** Reject near-duplicates with reason `near-duplicate` instead of marking them. Default false. */
  drop?: boolean;
}

/** Signature size of the near-duplicate index: estimates within about ±0.05 at J = 0.8. */
export const SIGNATURE_HASHES = 64;

const NAME = 'near-duplicates';

export function createNearDuplicates(options: NearDuplicatesOptions = {}): CrossStage {
  expectKnownKeys(NAME, options, ['threshold', 'drop']);
  const threshold = expectNumber(NAME, 'threshold', options.threshold ?? 0.8, { min: 0.7, max: 1 });
  const dropDuplicates = expectBoolean(NAME, 'drop', options.drop ?? false);
  const needed = minAgreement(threshold, SIGNATURE_HASHES);
  // learn and run see the same document object (one batch pass, or one worker job), and the
  // signature is most of the stage's work: compute it once.
  const signatures = new WeakMap<Document, Signature | undefined>();
  const signature = (doc: Document, prepared?: Gathered): Signature | undefined => {
    if (!signatures.has(doc)) {
      const given = preparedSignature(prepared, SIGNATURE_HASHES);
      signatures.set(doc, given === false ? signatureOf(doc.text, SIGNATURE_HASHES) : given);
    }
    return signatures.get(doc);
  };

  return {
    name: NAME,
    kind: 'cross',

    prepare: (doc: Document): Gathered => {
      const mine = signatureOf(doc.text, SIGNATURE_HASHES);
      return mine ? { minhashes: mine.minhashes, exact: mine.exact } : null;
    },

    async learn(doc: Document, store, prepared) {
      const mine = signature(doc, prepared);
      if (mine) await store.indexDocument(doc.id, mine);
    },

    async run(doc: Document, store, prepared) {
      const mine = signature(doc, prepared);
      if (!mine) return keep(doc);
      // Only documents learned before this one (all, when it is not indexed): one store read.
      const found = await store.findSimilar(mine, { minAgreement: needed, beforeOf: doc.id });
      const [best] = rankSimilar(found.filter((other) => other.id !== doc.id));
      if (!best) return keep(doc);
      const similarity = best.exact ? 1 : Math.round((best.agreement / SIGNATURE_HASHES) * 1000) / 1000;
      if (dropDuplicates) {
        const what = best.exact ? 'the same text as' : `a near-duplicate (similarity ${similarity}) of`;
        return drop(doc, 'near-duplicate', `${what} the earlier article ${best.id}`);
      }
      return keep(doc, { meta: { duplicateOf: { id: best.id, similarity } } });
    },
  };
}
