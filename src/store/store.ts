/**
 * The narrow interface through which cross-document stages keep state. Two implementations:
 * in memory (src/store/memory-store.ts, for the CLI) and Redis (src/queue/redis-store.ts, for
 * workers), both run against the same contract tests (test/store/contract.ts): for the same
 * calls in the same order they return the same answers, which is what lets a worker fleet whose
 * store was warmed by `cleanwire learn` write byte for byte what `cleanwire clean` writes.
 *
 * Two kinds of state:
 * - per source (templates): how many distinct documents of the source carried each line, and how
 *   many carried it among their first lines. A document is counted once (by id), and not at all
 *   when it nearly repeats a document already indexed for that source, so the same article
 *   scraped twice cannot make its own paragraphs look like template.
 * - a similarity index (near-duplicates): MinHash signatures bucketed by LSH band, plus the hash
 *   of each normalised text, with a sequence number per document given at first indexing.
 * - known headlines (headlines), global: the key of each document's headline and the id of the
 *   first document learned with it. Headline lists link a site's own articles, and one scrape
 *   holds articles of many sites under many source keys, so this state is not kept per source.
 * - a word vocabulary (ligatures), global: words with an f ligature's letters (ff, fi, fl) that
 *   documents spell unbroken, each with the id of the first document learned with it: the batch's
 *   and store's evidence that "porta filter" is one word broken at its glyph.
 *
 * Memory is bounded the same way in both implementations, so decisions stay identical:
 * - at most `maxLines` lines (and as many top lines) per source. A document's known lines are
 *   counted; of its new lines at most `maxNewLines` go in, those nearest its top and bottom first
 *   (where templates stand), after room is made by forgetting the lowest counts, least recently
 *   seen first. An article's own paragraphs (seen once) come and go, while a template line, seen
 *   again in the next documents, climbs out of reach; one long article cannot sweep the table.
 *   Counts of lines forgotten and seen again restart at 1.
 * - all counts of a source halved when its document count reaches `ageAfter`: a redesigned site's
 *   old footer fades, and a line seen once long ago disappears.
 * - at most `maxDocs` / `maxSourceDocs` documents per similarity index, the oldest forgotten
 *   first; a forgotten document learned again counts as new.
 * - at most `maxHeadlines` headline keys, the first learned forgotten first (a key learned again
 *   by another document keeps its place and its first document); a forgotten key learned again
 *   is new.
 * - at most `maxWords` vocabulary words, kept the same way as headline keys.
 */
import type { Signature } from '../text/minhash.js';

export type { Signature };

/** One distinct line of a document, as templates learn it. */
export interface LineObservation {
  /** The line's key (src/text/line-key.ts). Keys within one call are distinct. */
  readonly key: string;
  /** The line as it appeared: the example `cleanwire templates` shows once the line repeats. */
  readonly text: string;
  /** The line is among the document's first lines, where site labels sit. */
  readonly top: boolean;
}

export interface SourceLearnResult {
  /** False when this document id was already learned for the source (nothing changed). */
  readonly learned: boolean;
  /** True when its lines were counted: learned and not a near-duplicate of an indexed document. */
  readonly counted: boolean;
}

export interface LineEvidence {
  /** Counted documents of the source (after ageing). */
  readonly docs: number;
  /** Per requested key: counted documents that carried the line (0 when unknown). */
  readonly counts: readonly number[];
  /** Per requested key: counted documents that carried it among their first lines. */
  readonly tops: readonly number[];
}

export interface SourceSummary {
  readonly sourceKey: string;
  readonly docs: number;
}

export interface LearnedLine {
  readonly key: string;
  readonly text: string;
  readonly count: number;
  readonly top: number;
}

export interface SimilarDocument {
  readonly id: string;
  readonly seq: number;
  /** Signature positions that agree with the query; similarity = agreement / signature length. */
  readonly agreement: number;
  /** Same normalised text as the query. */
  readonly exact: boolean;
}

export interface FindSimilarOptions {
  /** Report documents whose signature agrees with the query in at least this many positions. */
  readonly minAgreement: number;
  /** Only documents with a lower sequence number (the ones learned earlier). Default: all. */
  readonly before?: number;
  /**
   * Only documents indexed before this one (`before` its sequence number), when it is indexed;
   * all when it is not. What `sequenceOf` then `before` give, in one read: the Redis store
   * looks the number up in the same round trip. Ignored when `before` is given.
   */
  readonly beforeOf?: string;
}

export interface CrossDocumentStore {
  readonly kind: 'memory' | 'redis';

  /**
   * Learns one document of a source, atomically: indexes its signature in the source's own
   * similarity index and, unless it nearly repeats (agreement >= `minAgreement`, or the same
   * normalised text) a document indexed there before, counts each of its lines once.
   * Learning the same id again changes nothing.
   */
  learnSourceDocument(
    sourceKey: string,
    docId: string,
    signature: Signature,
    lines: readonly LineObservation[],
    minAgreement: number,
  ): Promise<SourceLearnResult>;

  /** What the source's counted documents say about these line keys. */
  lineEvidence(sourceKey: string, keys: readonly string[]): Promise<LineEvidence>;

  /** Sources with at least one counted document, by source key. */
  sources(): Promise<SourceSummary[]>;

  /** The source's lines seen in two documents or more: most frequent first, then by key. */
  learnedLines(sourceKey: string): Promise<LearnedLine[]>;

  /**
   * Adds a document to the near-duplicate index and returns its sequence number: a new one on
   * first indexing, the same one when the id is indexed again.
   */
  indexDocument(docId: string, signature: Signature): Promise<number>;

  /** The document's sequence number in the near-duplicate index, if it is there. */
  sequenceOf(docId: string): Promise<number | undefined>;

  /**
   * Indexed documents that the LSH buckets or the exact-text hash put forward and that pass
   * `minAgreement` (exact duplicates always pass), in no particular order.
   */
  findSimilar(signature: Signature, options: FindSimilarOptions): Promise<SimilarDocument[]>;

  /**
   * Records `key` as the headline of document `docId`, unless the key is known already (then its
   * first document keeps it). Learning the same document again changes nothing. True when the
   * key was new.
   */
  learnHeadline(docId: string, key: string): Promise<boolean>;

  /** Per key, the id of the first document learned with that headline, or undefined. */
  headlineOwners(keys: readonly string[]): Promise<(string | undefined)[]>;

  /**
   * Records the words of document `docId` (distinct, at most a few hundred) in the vocabulary; a
   * word known already keeps its first document. Learning the same document again changes nothing.
   */
  learnWords(docId: string, words: readonly string[]): Promise<void>;

  /** Per word, the id of the first document learned with it, or undefined. */
  wordOwners(words: readonly string[]): Promise<(string | undefined)[]>;

  /** Releases what the store holds. The Redis store leaves the connection to its owner. */
  close(): Promise<void>;
}

/** Bounds on what a store keeps; both implementations apply them the same way. */
export interface StoreLimits {
  /**
   * Lines tracked per source (and as many top lines). 128 keeps a source's counts in Redis's
   * compact ZSET encoding (zset-max-listpack-entries). Default 128.
   */
  readonly maxLines: number;
  /** New lines one document may add to a source's table (edges first). Default 32. */
  readonly maxNewLines: number;
  /** When a source reaches this many counted documents, all its counts are halved (2 to 2^20). Default 1000. */
  readonly ageAfter: number;
  /** Documents kept in each source's similarity index (the oldest go first). Default 1000. */
  readonly maxSourceDocs: number;
  /** Documents kept in the near-duplicate index (the oldest go first). Default 100000. */
  readonly maxDocs: number;
  /** Documents kept per LSH bucket (the earliest stay). Default 16. */
  readonly bucketSize: number;
  /**
   * Headline keys kept (the first learned go first). About 100 bytes each in Redis: 100000
   * headlines, some 10 MB, cover the articles a site's lists link for months. Default 100000.
   */
  readonly maxHeadlines: number;
  /**
   * Vocabulary words kept (the first learned go first): only words with ff, fi or fl, some 60
   * bytes each in Redis, so 200000 words (a large language's worth) take some 12 MB. Default 200000.
   */
  readonly maxWords: number;
}

export const DEFAULT_STORE_LIMITS: StoreLimits = {
  maxLines: 128,
  maxNewLines: 32,
  ageAfter: 1000,
  maxSourceDocs: 1000,
  maxDocs: 100_000,
  bucketSize: 16,
  maxHeadlines: 100_000,
  maxWords: 200_000,
};

export function storeLimits(given: Partial<StoreLimits> = {}): StoreLimits {
  const limits = { ...DEFAULT_STORE_LIMITS, ...given };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`store limit \`${name}\` must be a positive integer, got ${JSON.stringify(value)}`);
    }
  }
  if (limits.ageAfter < 2 || limits.ageAfter > 2 ** 20) {
    throw new RangeError(`store limit \`ageAfter\` must be from 2 to 1048576, got ${limits.ageAfter}`);
  }
  return limits;
}

/**
 * "When last seen" is the source's document number modulo TICKS: the Redis store packs it with
 * the count into one ZSET score (count * TICKS + tick), exact as long as counts stay below 2^20.
 */
export const TICKS = 2 ** 32;

/** Best match first: exact duplicates, then the highest agreement, then the earliest document. */
export function rankSimilar(found: readonly SimilarDocument[]): SimilarDocument[] {
  return [...found].sort((a, b) => Number(b.exact) - Number(a.exact) || b.agreement - a.agreement || a.seq - b.seq);
}
