import fc from 'fast-check';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRedisConnection } from '../../src/queue/connection.js';
import { createRedisStore } from '../../src/queue/redis-store.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { CrossDocumentStore, LineObservation, StoreLimits } from '../../src/store/store.js';
import { lines, sig, storeContract } from '../store/contract.js';

const url = inject('redisUrl');
const FILE_PREFIX = `cwtest-redis-store-${process.pid}`;
let connection: Redis;
let counter = 0;
const freshPrefix = () => `${FILE_PREFIX}-${++counter}`;

beforeAll(() => {
  connection = createRedisConnection({ url });
});

afterAll(async () => {
  const keys = await connection.keys(`${FILE_PREFIX}-*`);
  if (keys.length > 0) await connection.del(...keys);
  await connection.quit();
});

storeContract('redis', async (limits) =>
  createRedisStore({ connection, prefix: freshPrefix(), ...(limits ? { limits } : {}) }),
);

describe('redis store: keys', () => {
  it('lays keys out under <prefix>:store, with the source key URI-encoded, and gives each a TTL', async () => {
    const prefix = freshPrefix();
    const store = createRedisStore({ connection, prefix, idleSeconds: 3600 });
    await store.learnSourceDocument(
      'news.example/world:x',
      'd1',
      sig([1, 2, 3, 4, 5, 6, 7, 8], 'a'),
      lines('^t', 'x'),
      7,
    );
    await store.learnSourceDocument(
      'news.example/world:x',
      'd2',
      sig([9, 10, 11, 12, 13, 14, 15, 16], 'b'),
      lines('^t', 'y'),
      7,
    );
    await store.indexDocument('d1', sig([1, 2, 3, 4, 5, 6, 7, 8], 'a'));
    const source = `${prefix}:store:src:news.example%2Fworld%3Ax`;
    expect((await connection.keys(`${prefix}:*`)).sort()).toEqual(
      [
        `${prefix}:store:dup:buckets`,
        `${prefix}:store:dup:docs`,
        `${prefix}:store:dup:exact`,
        `${prefix}:store:dup:ids`,
        `${prefix}:store:dup:meta`,
        `${prefix}:store:sources`,
        `${source}:docs`,
        `${source}:dup:buckets`,
        `${source}:dup:docs`,
        `${source}:dup:exact`,
        `${source}:dup:ids`,
        `${source}:dup:meta`,
        `${source}:lines`,
        `${source}:text`,
        `${source}:tops`,
      ].sort(),
    );
    for (const key of await connection.keys(`${prefix}:*`)) {
      const ttl = await connection.ttl(key);
      expect(ttl, key).toBeGreaterThan(3500);
      expect(ttl, key).toBeLessThanOrEqual(3600);
    }
    expect(await connection.smembers(`${prefix}:store:sources`)).toEqual(['news.example/world:x']);
    expect(await connection.hgetall(`${source}:text`)).toEqual({ kt: 'Line t' });
    expect(await connection.hgetall(`${prefix}:store:dup:meta`)).toEqual({ next: '1', floor: '0' });
  });

  it('keeps headlines under <prefix>:store:heads, with their learning order, and gives each key a TTL', async () => {
    const prefix = freshPrefix();
    const store = createRedisStore({ connection, prefix, idleSeconds: 3600, limits: { maxHeadlines: 2 } });
    for (const [id, key] of [
      ['d1', 'h1'],
      ['d2', 'h2'],
      ['d3', 'h3'],
    ]) {
      await store.learnHeadline(id as string, key as string);
    }
    expect((await connection.keys(`${prefix}:*`)).sort()).toEqual([
      `${prefix}:store:heads`,
      `${prefix}:store:heads:next`,
      `${prefix}:store:heads:order`,
    ]);
    expect(await connection.hgetall(`${prefix}:store:heads`)).toEqual({ h2: 'd2', h3: 'd3' });
    expect(await connection.zrange(`${prefix}:store:heads:order`, '0', '-1', 'WITHSCORES')).toEqual([
      'h2',
      '2',
      'h3',
      '3',
    ]);
    expect(await connection.get(`${prefix}:store:heads:next`)).toBe('3');
    for (const key of await connection.keys(`${prefix}:*`)) {
      const ttl = await connection.ttl(key);
      expect(ttl, key).toBeGreaterThan(3500);
      expect(ttl, key).toBeLessThanOrEqual(3600);
    }
  });

  it('sets no TTL with idleSeconds 0', async () => {
    const prefix = freshPrefix();
    const store = createRedisStore({ connection, prefix, idleSeconds: 0 });
    await store.indexDocument('d1', sig([1, 2, 3, 4, 5, 6, 7, 8], 'a'));
    expect(await connection.ttl(`${prefix}:store:dup:ids`)).toBe(-1);
  });

  it('rejects bad limits and TTLs, quoting the value', () => {
    expect(() => createRedisStore({ connection, prefix: freshPrefix(), idleSeconds: -1 })).toThrow(
      'idleSeconds must be a non-negative integer, got -1',
    );
    expect(() => createRedisStore({ connection, prefix: freshPrefix(), limits: { maxLines: 0 } })).toThrow(
      'store limit `maxLines` must be a positive integer, got 0',
    );
  });

  it('loads its scripts again when Redis has forgotten them', async () => {
    const store = createRedisStore({ connection, prefix: freshPrefix() });
    expect(await store.indexDocument('d1', sig([1, 2, 3, 4, 5, 6, 7, 8], 'a'))).toBe(1);
    await connection.script('FLUSH');
    expect(await store.indexDocument('d2', sig([1, 2, 3, 4, 5, 6, 7, 8], 'b'))).toBe(2);
  });
});

describe('redis store: workers learning at once', () => {
  it('counts a document once when several workers learn it at the same time', async () => {
    const prefix = freshPrefix();
    const others = [0, 1, 2].map(() => createRedisConnection({ url }));
    try {
      const stores = others.map((c) => createRedisStore({ connection: c, prefix }));
      const results = await Promise.all(
        stores.map((s) => s.learnSourceDocument('site', 'd1', sig([1, 2, 3, 4, 5, 6, 7, 8], 'a'), lines('x'), 7)),
      );
      expect(results.filter((r) => r.learned)).toHaveLength(1);
      const copies = await Promise.all(
        stores.map((s, i) =>
          s.learnSourceDocument('site', `copy${i}`, sig([11, 12, 13, 14, 15, 16, 17, 18], 'b'), lines('x'), 7),
        ),
      );
      expect(copies.filter((r) => r.counted)).toHaveLength(1);
      const seqs = await Promise.all(stores.map((s) => s.indexDocument('n1', sig([1, 2, 3, 4, 5, 6, 7, 8], 'a'))));
      expect(seqs).toEqual([1, 1, 1]);
      expect(await stores[0]?.lineEvidence('site', ['kx'])).toEqual({ docs: 2, counts: [2], tops: [0] });
    } finally {
      await Promise.all(others.map((c) => c.quit()));
    }
  });
});

/** One step of a random history, applied to both stores. */
type Step =
  | { op: 'learn'; source: string; id: string; sig: number; lines: string[] }
  | { op: 'index'; id: string; sig: number }
  | { op: 'find'; sig: number; minAgreement: number; before?: number; beforeOf?: string }
  | { op: 'evidence'; source: string; lines: string[] }
  | { op: 'headline'; id: string; key: string }
  | { op: 'owners'; keys: string[] };

/** A few signatures that overlap in one band, two bands, or only by text, so that every path is taken. */
const SIGNATURES = [
  sig([1, 2, 3, 4, 5, 6, 7, 8], 'a'),
  sig([1, 2, 3, 4, 5, 6, 7, 9], 'b'),
  sig([1, 2, 3, 4, 50, 60, 70, 80], 'c'),
  sig([1, 2, 3, 4, 51, 61, 71, 81], 'f'),
  sig([10, 20, 30, 40, 5, 6, 7, 8], 'd'),
  sig([11, 12, 13, 14, 15, 16, 17, 18], 'a'),
  sig([21, 22, 23, 24, 25, 26, 27, 28], 'e'),
];

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    op: fc.constant('learn' as const),
    source: fc.constantFrom('s1', 's2'),
    id: fc.constantFrom('d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8'),
    sig: fc.nat({ max: SIGNATURES.length - 1 }),
    lines: fc.uniqueArray(fc.constantFrom('^a', 'b', 'c', 'd', 'e', 'f', 'g'), {
      maxLength: 5,
      selector: (l) => l.replace('^', ''),
    }),
  }),
  fc.record({
    op: fc.constant('index' as const),
    id: fc.constantFrom('d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8'),
    sig: fc.nat({ max: SIGNATURES.length - 1 }),
  }),
  fc.record(
    {
      op: fc.constant('find' as const),
      sig: fc.nat({ max: SIGNATURES.length - 1 }),
      minAgreement: fc.integer({ min: 1, max: 8 }),
      before: fc.integer({ min: 1, max: 12 }),
      beforeOf: fc.constantFrom('d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8'),
    },
    { requiredKeys: ['op', 'sig', 'minAgreement'] },
  ),
  fc.record({
    op: fc.constant('evidence' as const),
    source: fc.constantFrom('s1', 's2'),
    lines: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g')),
  }),
  fc.record({
    op: fc.constant('headline' as const),
    id: fc.constantFrom('d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8'),
    key: fc.constantFrom('h1', 'h2', 'h3', 'h4', 'h5'),
  }),
  fc.record({
    op: fc.constant('owners' as const),
    keys: fc.array(fc.constantFrom('h1', 'h2', 'h3', 'h4', 'h5'), { maxLength: 5 }),
  }),
);

async function apply(store: CrossDocumentStore, steps: readonly Step[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const step of steps) {
    const signature = 'sig' in step ? SIGNATURES[step.sig] : undefined;
    if (step.op === 'learn' && signature) {
      out.push(await store.learnSourceDocument(step.source, step.id, signature, lines(...step.lines), 7));
    } else if (step.op === 'index' && signature) {
      out.push(await store.indexDocument(step.id, signature));
    } else if (step.op === 'find' && signature) {
      const found = await store.findSimilar(signature, {
        minAgreement: step.minAgreement,
        ...(step.before === undefined ? {} : { before: step.before }),
        ...(step.beforeOf === undefined ? {} : { beforeOf: step.beforeOf }),
      });
      out.push([...found].sort((x, y) => x.seq - y.seq));
    } else if (step.op === 'headline') {
      out.push(await store.learnHeadline(step.id, step.key));
    } else if (step.op === 'owners') {
      out.push(await store.headlineOwners(step.keys));
    } else if (step.op === 'evidence') {
      out.push(
        await store.lineEvidence(
          step.source,
          step.lines.map((l) => `k${l}`),
        ),
      );
    }
  }
  out.push(await store.sources());
  for (const source of ['s1', 's2']) out.push(await store.learnedLines(source));
  return out;
}

describe('redis store: same decisions as the memory store', () => {
  it('answers every call of a random history as the memory store does, with tight limits', async () => {
    const limits: Partial<StoreLimits> = {
      maxLines: 4,
      maxNewLines: 3,
      ageAfter: 5,
      maxSourceDocs: 3,
      maxDocs: 4,
      bucketSize: 2,
      maxHeadlines: 3,
    };
    await fc.assert(
      fc.asyncProperty(fc.array(stepArbitrary, { minLength: 20, maxLength: 60, size: 'max' }), async (steps) => {
        const memory = await apply(createMemoryStore(limits), steps);
        const redis = await apply(createRedisStore({ connection, prefix: freshPrefix(), limits }), steps);
        expect(redis).toEqual(memory);
      }),
      { numRuns: 200 },
    );
  });
});

describe('redis store: documents larger than one script call can pass at once', () => {
  // The scripts read and write lines and words in parts of 1000 (Lua's unpack holds some 8000
  // values): a document of thousands of lines must count as the memory store counts it.
  it('counts thousands of lines and words as the memory store does', async () => {
    const limits: Partial<StoreLimits> = { maxLines: 2600, maxNewLines: 2400, ageAfter: 4, maxWords: 2500 };
    const many = (from: number, to: number, top: number): LineObservation[] =>
      Array.from({ length: to - from }, (_, i) => ({
        key: `k${from + i}`,
        text: `Line ${from + i}`,
        top: i < top,
      }));
    const words = (from: number, to: number): string[] => Array.from({ length: to - from }, (_, i) => `fi${from + i}`);
    let learnedBefore: unknown[] = [];
    const run = async (store: CrossDocumentStore): Promise<unknown[]> => {
      const out: unknown[] = [];
      const docs = [many(0, 3000, 1500), many(1000, 4500, 1200), many(0, 2000, 10), many(500, 5000, 2000)];
      for (const [i, doc] of docs.entries()) {
        out.push(await store.learnSourceDocument('big', `d${i}`, sig([i, 2, 3, 4, 5, 6, 7, i], `d${i}`), doc, 8));
        out.push(await store.lineEvidence('big', ['k0', 'k999', 'k1000', 'k2999', 'k4999', 'k6000']));
        // Before the fourth document halves the counts (ageAfter 4): thousands of lines seen twice.
        if (i === 2) {
          learnedBefore = await store.learnedLines('big');
          out.push(learnedBefore);
        }
      }
      // Evidence for more keys than one part: 2500 keys, some asked twice.
      const asked = [...many(0, 2500, 0).map((line) => line.key), 'k7', 'k2400'];
      out.push(await store.lineEvidence('big', asked));
      await store.learnWords('w1', [...words(0, 2000), 'fi5', 'fi5']);
      await store.learnWords('w2', words(1500, 3500));
      out.push(await store.wordOwners(['fi0', 'fi5', 'fi999', 'fi1000', 'fi1500', 'fi2000', 'fi3499', 'fi9']));
      out.push(await store.learnedLines('big'));
      return out;
    };
    const memory = await run(createMemoryStore(limits));
    const redis = await run(createRedisStore({ connection, prefix: freshPrefix(), limits }));
    expect(redis).toEqual(memory);
    // Not a vacuous comparison: lines were counted twice and more, and words forgotten.
    expect(learnedBefore.length).toBeGreaterThan(1000);
    expect(memory.at(-2)).toContain(undefined);
  });
});
