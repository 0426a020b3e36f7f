/**
 * The cross-document store in Redis, shared by every worker. Each learning step is one Lua
 * script, so two workers learning at once can neither count a document twice nor both take it
 * for the first copy of an article; reads are single commands or one read-only script (a
 * source's line evidence: its document count and two ZMSCOREs in one command, one round trip).
 * Scripts read and write many members a command (ZMSCORE, HMGET, many-member ZADD/HSET/HDEL),
 * never one command a line: a learned document costs some 40 commands inside Redis, not 200.
 *
 * Key layout (P = `<prefix>:store`, S = the source key, URI-encoded so that no source key can
 * reach into another's keys; I = an index base, `P:dup` for near-duplicates, `P:src:S:dup` for
 * a source's own index):
 *
 *   P:sources           SET     source keys with counted documents (for `cleanwire templates`)
 *   P:src:S:docs        STRING  counted documents of S (halved with the counts)
 *   P:src:S:lines       ZSET    line key -> count * 2^32 + tick: documents of S that carried the line,
 *                               and when it was last seen (the document's number in S's index mod 2^32),
 *                               so that ZPOPMIN forgets the lowest counts, least recently seen first
 *   P:src:S:tops        ZSET    the same for lines among a document's first lines
 *   P:src:S:text        HASH    line key -> the line as first seen, once it repeats (for display)
 *   I:meta              HASH    next (last sequence number given), floor (last one forgotten)
 *   I:ids               HASH    document id -> sequence number
 *   I:docs              HASH    sequence number -> exact hash (16 chars) . signature (4 bytes a value) . id
 *   I:buckets           HASH    band number ":" band bytes -> sequence numbers, comma-separated, earliest first
 *   I:exact             HASH    exact hash -> sequence number of the first document with that text
 *   P:heads             HASH    headline key -> id of the first document learned with that headline
 *   P:heads:order       ZSET    headline key -> its learning number (ZPOPMIN forgets the first learned)
 *   P:heads:next        STRING  the last learning number given
 *   P:words             HASH    vocabulary word -> id of the first document learned with it (ligatures)
 *   P:words:order       ZSET    word -> its learning number (ZPOPMIN forgets the first learned)
 *   P:words:next        STRING  the last learning number given
 *
 * Bounds (src/store/store.ts StoreLimits, identical in the memory store): lines and tops ZSETs
 * keep `maxLines` members, room being made before new lines go in, so that with the default 128
 * they stay in Redis's compact listpack encoding; all counts of a source are halved
 * when its document count reaches `ageAfter`; an index keeps its last `maxDocs` (near-duplicates)
 * or `maxSourceDocs` (per source) documents, the oldest are deleted with their buckets; a bucket
 * holds `bucketSize` documents; the headlines keep their last `maxHeadlines` keys. Every key written gets `idleSeconds` of TTL, refreshed on each
 * write, so a source nobody publishes any more leaves Redis on its own.
 *
 * On Redis Cluster every key a script or MULTI uses together shares one hash tag, while sources
 * spread over the masters: a source's keys are `P:src:{<prefix>:<hash of S>}:S:...`, the
 * near-duplicate index `{P:dup}:...`, the headlines `{P:heads}`, `{P:heads}:order`,
 * `{P:heads}:next`. P:sources stays outside every tag, so the learning script leaves it to a
 * SADD after it: a process that dies in between leaves the source out of `cleanwire templates`
 * until its next counted document, and changes nothing else.
 *
 * The Lua scripts themselves are in src/queue/redis-store-scripts.ts; this file names the keys
 * and turns the store's calls into script runs and reads.
 */
import { createHash } from 'node:crypto';
import type {
  CrossDocumentStore,
  LearnedLine,
  LineEvidence,
  LineObservation,
  Signature,
  SimilarDocument,
  SourceSummary,
  StoreLimits,
} from '../store/store.js';
import { storeLimits, TICKS } from '../store/store.js';
import { isCluster, type RedisClient } from './connection.js';
import {
  type Arg,
  FIND_SCRIPT,
  INDEX_SCRIPT,
  LEARN_HEADLINE_SCRIPT,
  LEARN_SOURCE_SCRIPT,
  LEARN_WORDS_SCRIPT,
  LINE_EVIDENCE_SCRIPT,
  scriptRunner,
} from './redis-store-scripts.js';

export interface RedisStoreOptions {
  readonly connection: RedisClient;
  /** Key prefix, shared with the queues (default `cleanwire`). */
  readonly prefix: string;
  /** Bounds on what is kept; see StoreLimits for the defaults. */
  readonly limits?: Partial<StoreLimits>;
  /** Seconds a key lives after its last write (0: no expiry). Default 30 days. */
  readonly idleSeconds?: number;
}

export const DEFAULT_IDLE_SECONDS = 30 * 24 * 3600;

function signatureBytes(signature: Signature): Buffer {
  const bytes = Buffer.alloc(signature.minhashes.length * 4);
  signature.minhashes.forEach((value, i) => {
    bytes.writeUInt32BE(value, i * 4);
  });
  return bytes;
}

function checkExact(signature: Signature): string {
  if (!/^[0-9a-f]{16}$/.test(signature.exact)) {
    throw new RangeError(`signature.exact must be 16 hex characters, got ${JSON.stringify(signature.exact)}`);
  }
  return signature.exact;
}

/** A source's hash tag on Redis Cluster: a hash, as a source key may be empty or hold braces. */
const slotTag = (sourceKey: string): string => createHash('sha1').update(sourceKey).digest('hex').slice(0, 16);

const asNumber = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** The count packed in a lines/tops ZSET score (count * TICKS + tick). */
const countOf = (score: unknown): number => Math.floor(asNumber(score) / TICKS);

export function createRedisStore(options: RedisStoreOptions): CrossDocumentStore {
  const { connection } = options;
  const limits = storeLimits(options.limits);
  const ttl = options.idleSeconds ?? DEFAULT_IDLE_SECONDS;
  if (!Number.isInteger(ttl) || ttl < 0) {
    throw new RangeError(`idleSeconds must be a non-negative integer, got ${JSON.stringify(options.idleSeconds)}`);
  }
  const base = `${options.prefix}:store`;
  const cluster = isCluster(connection);
  const indexKeys = (at: string) => ['meta', 'ids', 'docs', 'buckets', 'exact'].map((name) => `${at}:${name}`);
  const sourceBase = cluster
    ? (sourceKey: string) => `${base}:src:{${options.prefix}:${slotTag(sourceKey)}}:${encodeURIComponent(sourceKey)}`
    : (sourceKey: string) => `${base}:src:${encodeURIComponent(sourceKey)}`;
  const dupKeys = indexKeys(cluster ? `{${base}:dup}` : `${base}:dup`);
  const sourcesKey = `${base}:sources`;
  const runIndex = scriptRunner(connection, INDEX_SCRIPT);
  const runFind = scriptRunner(connection, FIND_SCRIPT);
  const runLearnSource = scriptRunner(connection, LEARN_SOURCE_SCRIPT);
  const runLineEvidence = scriptRunner(connection, LINE_EVIDENCE_SCRIPT);
  const runLearnHeadline = scriptRunner(connection, LEARN_HEADLINE_SCRIPT);
  const heads = cluster ? `{${base}:heads}` : `${base}:heads`;
  const headlineKeys = [heads, `${heads}:order`, `${heads}:next`];
  const runLearnWords = scriptRunner(connection, LEARN_WORDS_SCRIPT);
  const vocabulary = cluster ? `{${base}:words}` : `${base}:words`;
  const wordKeys = [vocabulary, `${vocabulary}:order`, `${vocabulary}:next`];

  /** What the learning script does with P:sources on one Redis, for a cluster, where P:sources is in another slot. */
  const addSource = async (sourceKey: string): Promise<void> => {
    await connection.sadd(sourcesKey, sourceKey);
    if (ttl > 0) await connection.expire(sourcesKey, ttl);
  };

  const counts = async (key: string, members: readonly string[]): Promise<number[]> =>
    members.length === 0 ? [] : ((await connection.zmscore(key, ...members)) as (string | null)[]).map(countOf);

  return {
    kind: 'redis',

    async learnSourceDocument(sourceKey, docId, signature, lines: readonly LineObservation[], minAgreement) {
      const at = sourceBase(sourceKey);
      const keys = [...indexKeys(`${at}:dup`), `${at}:docs`, `${at}:lines`, `${at}:tops`, `${at}:text`];
      if (!cluster) keys.push(sourcesKey);
      const args: Arg[] = [
        docId,
        signatureBytes(signature),
        checkExact(signature),
        minAgreement,
        limits.maxSourceDocs,
        limits.bucketSize,
        limits.maxLines,
        limits.ageAfter,
        ttl,
        sourceKey,
        limits.maxNewLines,
      ];
      for (const line of lines) args.push(line.key, line.text, line.top ? '1' : '0');
      const [learned, counted] = (await runLearnSource(keys, args)) as [number, number];
      if (cluster && counted === 1) await addSource(sourceKey);
      return { learned: learned === 1, counted: counted === 1 };
    },

    async lineEvidence(sourceKey, keys): Promise<LineEvidence> {
      const at = sourceBase(sourceKey);
      if (keys.length === 0) return { docs: asNumber(await connection.get(`${at}:docs`)), counts: [], tops: [] };
      const reply = await runLineEvidence([`${at}:docs`, `${at}:lines`, `${at}:tops`], keys);
      // Read from Redis, so checked: a reply of another shape is an error, never a guess.
      if (!Array.isArray(reply) || reply.length !== 3 || !Array.isArray(reply[1]) || !Array.isArray(reply[2])) {
        throw new Error('line evidence: unexpected reply from Redis');
      }
      const [docs, counts, tops] = reply as [unknown, unknown[], unknown[]];
      if (counts.length !== keys.length || tops.length !== keys.length) {
        throw new Error('line evidence: unexpected reply from Redis');
      }
      return { docs: asNumber(docs), counts: counts.map(countOf), tops: tops.map(countOf) };
    },

    async sources(): Promise<SourceSummary[]> {
      const keys = (await connection.smembers(sourcesKey)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const summaries: SourceSummary[] = [];
      for (const sourceKey of keys) {
        const docs = asNumber(await connection.get(`${sourceBase(sourceKey)}:docs`));
        // A source whose keys expired: forget it here too.
        if (docs > 0) summaries.push({ sourceKey, docs });
        else await connection.srem(sourcesKey, sourceKey);
      }
      return summaries;
    },

    async learnedLines(sourceKey): Promise<LearnedLine[]> {
      const at = sourceBase(sourceKey);
      const flat = await connection.zrangebyscore(`${at}:lines`, 2 * TICKS, '+inf', 'WITHSCORES');
      const lines: { key: string; count: number }[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) lines.push({ key: flat[i] ?? '', count: countOf(flat[i + 1]) });
      if (lines.length === 0) return [];
      const keys = lines.map((line) => line.key);
      const texts = await connection.hmget(`${at}:text`, ...keys);
      const tops = await counts(`${at}:tops`, keys);
      return lines
        .map((line, i) => ({ ...line, text: texts[i] ?? '', top: tops[i] ?? 0 }))
        .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },

    async indexDocument(docId, signature) {
      const seq = await runIndex(dupKeys, [
        docId,
        signatureBytes(signature),
        checkExact(signature),
        limits.maxDocs,
        limits.bucketSize,
        ttl,
      ]);
      return Number(seq);
    },

    async sequenceOf(docId) {
      const seq = await connection.hget(dupKeys[1] as string, docId);
      return seq === null ? undefined : Number(seq);
    },

    async findSimilar(signature, findOptions): Promise<SimilarDocument[]> {
      const flat = (await runFind(dupKeys, [
        signatureBytes(signature),
        checkExact(signature),
        findOptions.minAgreement,
        findOptions.before ?? -1,
        // The document whose sequence number bounds the search, looked up by the script.
        ...(findOptions.before === undefined && findOptions.beforeOf !== undefined ? [findOptions.beforeOf] : []),
      ])) as (string | number)[];
      const found: SimilarDocument[] = [];
      for (let i = 0; i + 3 < flat.length; i += 4) {
        found.push({
          seq: Number(flat[i]),
          id: String(flat[i + 1]),
          agreement: Number(flat[i + 2]),
          exact: Number(flat[i + 3]) === 1,
        });
      }
      return found;
    },

    async learnHeadline(docId, key) {
      return (await runLearnHeadline(headlineKeys, [key, docId, limits.maxHeadlines, ttl])) === 1;
    },

    async headlineOwners(keys) {
      if (keys.length === 0) return [];
      return (await connection.hmget(headlineKeys[0] as string, ...keys)).map((owner) => owner ?? undefined);
    },

    async learnWords(docId, words) {
      if (words.length === 0) return;
      await runLearnWords(wordKeys, [docId, limits.maxWords, ttl, ...words]);
    },

    async wordOwners(words) {
      if (words.length === 0) return [];
      return (await connection.hmget(wordKeys[0] as string, ...words)).map((owner) => owner ?? undefined);
    },

    async close() {
      // The connection belongs to whoever made it (a worker shares it with its queues).
    },
  };
}
