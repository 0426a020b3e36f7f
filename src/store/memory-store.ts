/**
 * In-memory store for the CLI: one process, one batch. It follows the Redis store step for step
 * (same bucket order, same pruning order, same ageing), because the two must decide alike;
 * test/store/contract.ts holds them to it.
 */

import { MAX_INDEX_DOCS, SimilarityIndex } from './similarity-index.js';
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
  for (const [name, value] of Object.entries({ maxDocs, maxSourceDocs })) {
    if (value > MAX_INDEX_DOCS) {
      throw new RangeError(`store limit \`${name}\` must be at most ${MAX_INDEX_DOCS} in memory, got ${value}`);
    }
  }
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
      const before =
        options.before ?? (options.beforeOf === undefined ? undefined : index.sequenceOf(options.beforeOf));
      return index.find(signature, options.minAgreement, before);
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
