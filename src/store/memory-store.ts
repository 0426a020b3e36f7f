/**
 * In-memory store for the CLI: one process, one batch. It follows the Redis store step for step
 * (same bucket order, same pruning order, same ageing), because the two must decide alike;
 * test/store/contract.ts holds them to it.
 */
import { agreement, BAND_ROWS, MAX_BANDS } from '../text/minhash.js';
import type {
  CrossDocumentStore,
  FindSimilarOptions,
  LearnedLine,
  LineEvidence,
  LineObservation,
  Signature,
  SimilarDocument,
  SourceLearnResult,
  SourceSummary,
  StoreLimits,
} from './store.js';
import { storeLimits, TICKS } from './store.js';

/**
 * An indexed document as kept: its MinHash values packed in 32-bit slots (a quarter of a plain
 * array of numbers above 2^31, which V8 stores as doubles), since a CLI batch may index the
 * store's whole `maxDocs` of them.
 */
interface IndexedDocument {
  readonly id: string;
  readonly minhashes: Uint32Array;
  readonly exact: string;
}

/**
 * A bucket: the sequence numbers of its documents, earliest first. Most buckets hold one
 * document, kept as a bare number rather than a one-element array.
 */
type Bucket = number | number[];

const members = (bucket: Bucket | undefined): readonly number[] =>
  bucket === undefined ? [] : typeof bucket === 'number' ? [bucket] : bucket;

/** A similarity index: what the Redis store keeps under one `…:idx` key family. */
class SimilarityIndex {
  private next = 0;
  private floor = 0;
  private readonly ids = new Map<string, number>();
  private readonly docs = new Map<number, IndexedDocument>();
  private readonly buckets = new Map<string, Bucket>();
  private readonly exact = new Map<string, number>();

  constructor(
    private readonly maxDocs: number,
    private readonly bucketSize: number,
  ) {}

  has(id: string): boolean {
    return this.ids.has(id);
  }

  sequenceOf(id: string): number | undefined {
    return this.ids.get(id);
  }

  add(id: string, signature: Signature): number {
    const known = this.ids.get(id);
    if (known !== undefined) return known;
    const seq = ++this.next;
    this.ids.set(id, seq);
    this.docs.set(seq, { id, minhashes: Uint32Array.from(signature.minhashes), exact: signature.exact });
    if (!this.exact.has(signature.exact)) this.exact.set(signature.exact, seq);
    for (const field of bucketFields(signature.minhashes)) {
      const bucket = this.buckets.get(field);
      if (bucket === undefined) this.buckets.set(field, seq);
      else if (typeof bucket === 'number') {
        if (this.bucketSize > 1) this.buckets.set(field, [bucket, seq]);
      } else if (bucket.length < this.bucketSize) bucket.push(seq);
    }
    while (seq - this.floor > this.maxDocs) this.evict(++this.floor);
    return seq;
  }

  find(signature: Signature, minAgreement: number, before?: number): SimilarDocument[] {
    const candidates: number[] = [];
    const exactSeq = this.exact.get(signature.exact);
    if (exactSeq !== undefined) candidates.push(exactSeq);
    for (const field of bucketFields(signature.minhashes)) candidates.push(...members(this.buckets.get(field)));
    const seen = new Set<number>();
    const found: SimilarDocument[] = [];
    for (const seq of candidates) {
      if (seen.has(seq) || (before !== undefined && seq >= before)) continue;
      seen.add(seq);
      const doc = this.docs.get(seq);
      if (!doc) continue;
      const exact = doc.exact === signature.exact;
      // agreement() only indexes its arguments: a typed array reads the same.
      const agree = agreement(signature.minhashes, doc.minhashes as unknown as readonly number[]);
      if (exact || agree >= minAgreement) found.push({ id: doc.id, seq, agreement: agree, exact });
    }
    return found;
  }

  private evict(seq: number): void {
    const doc = this.docs.get(seq);
    if (!doc) return;
    this.docs.delete(seq);
    this.ids.delete(doc.id);
    if (this.exact.get(doc.exact) === seq) this.exact.delete(doc.exact);
    for (const field of bucketFields(doc.minhashes)) {
      const list = members(this.buckets.get(field)).filter((s) => s !== seq);
      if (list.length === 0) this.buckets.delete(field);
      else this.buckets.set(field, list.length === 1 ? (list[0] as number) : list);
    }
  }
}

/**
 * One key per LSH band, as the Redis store's bucket fields (`index:band`, src/text/minhash.ts
 * bandsOf) but packed: the band number, then each 32-bit value as two UTF-16 code units. The
 * packing is one-to-one, so documents share a bucket exactly when they do in Redis; the key
 * takes 9 two-byte characters instead of 35.
 */
function bucketFields(minhashes: ArrayLike<number>): string[] {
  const fields: string[] = [];
  const end = Math.min(minhashes.length, MAX_BANDS * BAND_ROWS);
  const codes: number[] = [];
  for (let start = 0; start + BAND_ROWS <= end; start += BAND_ROWS) {
    codes.length = 0;
    codes.push(start / BAND_ROWS);
    for (let i = start; i < start + BAND_ROWS; i++) {
      const value = (minhashes[i] ?? 0) >>> 0;
      codes.push(value >>> 16, value & 0xffff);
    }
    fields.push(String.fromCharCode(...codes));
  }
  return fields;
}

/** A counted line: in how many documents, and the source's document number when last seen. */
interface LineCount {
  count: number;
  tick: number;
}

interface SourceState {
  readonly index: SimilarityIndex;
  docs: number;
  readonly lines: Map<string, LineCount>;
  readonly tops: Map<string, LineCount>;
  readonly text: Map<string, string>;
}

const byCountThenAge = ([ka, a]: [string, LineCount], [kb, b]: [string, LineCount]): number =>
  a.count - b.count || a.tick - b.tick || (ka < kb ? -1 : ka > kb ? 1 : 0);

/**
 * Counts a document's lines into `counts`, keeping at most `max` lines: lines already there are
 * counted first; of the new ones, at most `maxNew` are taken, nearest the document's edges first;
 * room is made for them by forgetting the lowest counts, the least recently seen first (the order
 * of the Redis ZSET's scores), and they go in with 1.
 */
function countLines(
  counts: Map<string, LineCount>,
  lines: readonly LineObservation[],
  tick: number,
  limits: { max: number; maxNew: number },
  text?: Map<string, string>,
): void {
  const fresh: number[] = [];
  lines.forEach((line, at) => {
    const known = counts.get(line.key);
    if (!known) {
      fresh.push(at);
      return;
    }
    known.count++;
    known.tick = tick;
    if (text && !text.has(line.key)) text.set(line.key, line.text);
  });
  const edge = (at: number) => Math.min(at, lines.length - 1 - at);
  const taken = fresh.sort((a, b) => edge(a) - edge(b) || a - b).slice(0, limits.maxNew);
  const excess = Math.min(counts.size, counts.size + taken.length - limits.max);
  if (excess > 0) {
    for (const [key] of [...counts].sort(byCountThenAge).slice(0, excess)) {
      counts.delete(key);
      text?.delete(key);
    }
  }
  for (const at of taken.slice(0, limits.max - counts.size)) {
    const line = lines[at];
    if (line) counts.set(line.key, { count: 1, tick });
  }
}

function halve(counts: Map<string, LineCount>, text?: Map<string, string>): void {
  for (const [key, entry] of counts) {
    entry.count = Math.floor(entry.count / 2);
    if (entry.count === 0) {
      counts.delete(key);
      text?.delete(key);
    }
  }
}

export function createMemoryStore(limits: Partial<StoreLimits> = {}): CrossDocumentStore {
  const { maxLines, maxNewLines, ageAfter, maxSourceDocs, maxDocs, bucketSize, maxHeadlines, maxWords } =
    storeLimits(limits);
  const lineLimits = { max: maxLines, maxNew: maxNewLines };
  const sourcesByKey = new Map<string, SourceState>();
  const index = new SimilarityIndex(maxDocs, bucketSize);
  // Insertion order is learning order: the first key is the one to forget, as in Redis's list.
  const headlines = new Map<string, string>();
  const words = new Map<string, string>();

  const sourceState = (sourceKey: string): SourceState => {
    let state = sourcesByKey.get(sourceKey);
    if (!state) {
      state = {
        index: new SimilarityIndex(maxSourceDocs, bucketSize),
        docs: 0,
        lines: new Map(),
        tops: new Map(),
        text: new Map(),
      };
      sourcesByKey.set(sourceKey, state);
    }
    return state;
  };

  return {
    kind: 'memory',

    async learnSourceDocument(
      sourceKey: string,
      docId: string,
      signature: Signature,
      lines: readonly LineObservation[],
      minAgreement: number,
    ): Promise<SourceLearnResult> {
      const state = sourceState(sourceKey);
      if (state.index.has(docId)) return { learned: false, counted: false };
      const repeats = state.index.find(signature, minAgreement).length > 0;
      const tick = state.index.add(docId, signature) % TICKS;
      if (repeats) return { learned: true, counted: false };
      state.docs++;
      countLines(state.lines, lines, tick, lineLimits, state.text);
      countLines(
        state.tops,
        lines.filter((line) => line.top),
        tick,
        lineLimits,
      );
      if (state.docs >= ageAfter) {
        state.docs = Math.floor(state.docs / 2);
        halve(state.lines, state.text);
        halve(state.tops);
      }
      return { learned: true, counted: true };
    },

    async lineEvidence(sourceKey: string, keys: readonly string[]): Promise<LineEvidence> {
      const state = sourcesByKey.get(sourceKey);
      return {
        docs: state?.docs ?? 0,
        counts: keys.map((key) => state?.lines.get(key)?.count ?? 0),
        tops: keys.map((key) => state?.tops.get(key)?.count ?? 0),
      };
    },

    async sources(): Promise<SourceSummary[]> {
      return [...sourcesByKey]
        .filter(([, state]) => state.docs > 0)
        .map(([sourceKey, state]) => ({ sourceKey, docs: state.docs }))
        .sort((a, b) => (a.sourceKey < b.sourceKey ? -1 : a.sourceKey > b.sourceKey ? 1 : 0));
    },

    async learnedLines(sourceKey: string): Promise<LearnedLine[]> {
      const state = sourcesByKey.get(sourceKey);
      if (!state) return [];
      return [...state.lines]
        .filter(([, line]) => line.count >= 2)
        .map(([key, { count }]) => ({
          key,
          text: state.text.get(key) ?? '',
          count,
          top: state.tops.get(key)?.count ?? 0,
        }))
        .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },

    async indexDocument(docId: string, signature: Signature): Promise<number> {
      return index.add(docId, signature);
    },

    async sequenceOf(docId: string): Promise<number | undefined> {
      return index.sequenceOf(docId);
    },

    async findSimilar(signature: Signature, options: FindSimilarOptions): Promise<SimilarDocument[]> {
      return index.find(signature, options.minAgreement, options.before);
    },

    async learnHeadline(docId: string, key: string): Promise<boolean> {
      if (headlines.has(key)) return false;
      headlines.set(key, docId);
      for (const oldest of headlines.keys()) {
        if (headlines.size <= maxHeadlines) break;
        headlines.delete(oldest);
      }
      return true;
    },

    async headlineOwners(keys: readonly string[]): Promise<(string | undefined)[]> {
      return keys.map((key) => headlines.get(key));
    },

    async learnWords(docId: string, learned: readonly string[]): Promise<void> {
      for (const word of learned) if (!words.has(word)) words.set(word, docId);
      for (const oldest of words.keys()) {
        if (words.size <= maxWords) break;
        words.delete(oldest);
      }
    },

    async wordOwners(asked: readonly string[]): Promise<(string | undefined)[]> {
      return asked.map((word) => words.get(word));
    },

    async close() {},
  };
}
