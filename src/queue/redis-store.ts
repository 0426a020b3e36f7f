/**
 * The cross-document store in Redis, shared by every worker. Each learning step is one Lua
 * script, so two workers learning at once can neither count a document twice nor both take it
 * for the first copy of an article; reads are single commands or one MULTI.
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
import { BAND_ROWS, MAX_BANDS } from '../text/minhash.js';
import { isCluster, type RedisClient } from './connection.js';

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

/** Functions shared by the scripts. `K` holds the index keys: meta, ids, docs, buckets, exact. */
const LUA_INDEX = `
local ROWS = ${BAND_ROWS}
local MAX_BANDS = ${MAX_BANDS}
local EXACT = 16

local function bucket_fields(sig)
  local fields = {}
  local width = ROWS * 4
  for b = 0, math.min(MAX_BANDS, math.floor(#sig / width)) - 1 do
    fields[#fields + 1] = tostring(b) .. ':' .. string.sub(sig, b * width + 1, b * width + width)
  end
  return fields
end

local function agreement(a, b)
  local same = 0
  for i = 0, math.floor(math.min(#a, #b) / 4) - 1 do
    local o = i * 4 + 1
    if string.sub(a, o, o + 3) == string.sub(b, o, o + 3) then same = same + 1 end
  end
  return same
end

local function unpack_doc(packed, sig_len)
  return string.sub(packed, 1, EXACT), string.sub(packed, EXACT + 1, EXACT + sig_len), string.sub(packed, EXACT + sig_len + 1)
end

local function find_similar(K, sig, exact, min_agreement, before)
  local candidates = {}
  local exact_seq = redis.call('HGET', K.exact, exact)
  if exact_seq then candidates[#candidates + 1] = tonumber(exact_seq) end
  local fields = bucket_fields(sig)
  local lists = redis.call('HMGET', K.buckets, unpack(fields))
  for i = 1, #fields do
    local list = lists[i]
    if list then
      for s in string.gmatch(list, '%d+') do candidates[#candidates + 1] = tonumber(s) end
    end
  end
  local seen = {}
  local found = {}
  for _, seq in ipairs(candidates) do
    if not seen[seq] and (before < 0 or seq < before) then
      seen[seq] = true
      local packed = redis.call('HGET', K.docs, seq)
      if packed then
        local other_exact, other_sig, id = unpack_doc(packed, #sig)
        local is_exact = other_exact == exact
        local same = agreement(sig, other_sig)
        if is_exact or same >= min_agreement then
          found[#found + 1] = seq
          found[#found + 1] = id
          found[#found + 1] = same
          found[#found + 1] = is_exact and 1 or 0
        end
      end
    end
  end
  return found
end

local function evict(K, seq, sig_len)
  local packed = redis.call('HGET', K.docs, seq)
  if not packed then return end
  local exact, sig, id = unpack_doc(packed, sig_len)
  redis.call('HDEL', K.docs, seq)
  redis.call('HDEL', K.ids, id)
  if redis.call('HGET', K.exact, exact) == tostring(seq) then redis.call('HDEL', K.exact, exact) end
  for _, field in ipairs(bucket_fields(sig)) do
    local list = redis.call('HGET', K.buckets, field)
    if list then
      local kept = {}
      for s in string.gmatch(list, '%d+') do
        if tonumber(s) ~= seq then kept[#kept + 1] = s end
      end
      if #kept == 0 then redis.call('HDEL', K.buckets, field)
      else redis.call('HSET', K.buckets, field, table.concat(kept, ',')) end
    end
  end
end

-- Returns the sequence number and 1 when the id is new, its old number and 0 when it is known.
local function add_doc(K, id, sig, exact, max_docs, bucket_size)
  local known = redis.call('HGET', K.ids, id)
  if known then return tonumber(known), 0 end
  local seq = redis.call('HINCRBY', K.meta, 'next', 1)
  redis.call('HSET', K.ids, id, seq)
  redis.call('HSET', K.docs, seq, exact .. sig .. id)
  redis.call('HSETNX', K.exact, exact, seq)
  for _, field in ipairs(bucket_fields(sig)) do
    local list = redis.call('HGET', K.buckets, field)
    if not list then
      redis.call('HSET', K.buckets, field, seq)
    else
      local _, commas = string.gsub(list, ',', '')
      if commas + 1 < bucket_size then redis.call('HSET', K.buckets, field, list .. ',' .. seq) end
    end
  end
  local floor = tonumber(redis.call('HGET', K.meta, 'floor') or '0')
  while seq - floor > max_docs do
    floor = floor + 1
    evict(K, floor, #sig)
  end
  redis.call('HSET', K.meta, 'floor', floor)
  return seq, 1
end

local function index_keys(first)
  return { meta = KEYS[first], ids = KEYS[first + 1], docs = KEYS[first + 2], buckets = KEYS[first + 3], exact = KEYS[first + 4] }
end

local function touch(first, last, ttl)
  if ttl > 0 then
    for i = first, last do redis.call('EXPIRE', KEYS[i], ttl) end
  end
end
`;

/** KEYS 1-5 index; ARGV id, signature, exact, maxDocs, bucketSize, ttl. Returns the sequence number. */
const INDEX_SCRIPT = `${LUA_INDEX}
local K = index_keys(1)
local seq, added = add_doc(K, ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5]))
if added == 1 then touch(1, 5, tonumber(ARGV[6])) end
return seq
`;

/** KEYS 1-5 index; ARGV signature, exact, minAgreement, before (-1: no bound). Returns seq, id, agreement, exact per match. */
const FIND_SCRIPT = `${LUA_INDEX}
return find_similar(index_keys(1), ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]))
`;

/**
 * KEYS 1-5 the source's index, 6 docs, 7 lines, 8 tops, 9 text, 10 sources (absent on Redis
 * Cluster, where it lives in another slot: the caller adds the source after the script).
 * ARGV id, signature, exact, minAgreement, maxSourceDocs, bucketSize, maxLines, ageAfter, ttl,
 * source key, maxNewLines, then key, text, top ('1' or '0') per line. Returns learned, counted (1 or 0).
 */
const LEARN_SOURCE_SCRIPT = `${LUA_INDEX}
local TICKS = ${TICKS}
local K = index_keys(1)
local docs_key, lines_key, tops_key, text_key, sources_key = KEYS[6], KEYS[7], KEYS[8], KEYS[9], KEYS[10]
local id, sig, exact = ARGV[1], ARGV[2], ARGV[3]
local min_agreement, max_docs, bucket_size = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local max_lines, age_after, ttl = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9])
local max_new = tonumber(ARGV[11])

-- Scores are integers up to 2^52: written with %.0f, as Lua's own tostring keeps only 14 digits.
local function score(count, tick) return string.format('%.0f', count * TICKS + tick) end

-- Counts the lines (indexes into ARGV of their keys, in document order) into a ZSET of at most
-- max_lines members: known lines first; of the new ones at most max_new, nearest the edges
-- first; room made for them (ZPOPMIN: lowest count, least recently seen); then in with count 1.
local function count_lines(zkey, at, tick, with_text)
  local fresh = {}
  for n, i in ipairs(at) do
    local old = redis.call('ZSCORE', zkey, ARGV[i])
    if old then
      local count = math.floor(tonumber(old) / TICKS) + 1
      redis.call('ZADD', zkey, score(count, tick), ARGV[i])
      if with_text then redis.call('HSETNX', text_key, ARGV[i], ARGV[i + 1]) end
    else
      fresh[#fresh + 1] = n
    end
  end
  local last = #at
  local function edge(n) return math.min(n - 1, last - n) end
  table.sort(fresh, function(a, b)
    if edge(a) ~= edge(b) then return edge(a) < edge(b) end
    return a < b
  end)
  local taken = {}
  for j = 1, math.min(#fresh, max_new) do taken[j] = at[fresh[j]] end
  fresh = taken
  local size = redis.call('ZCARD', zkey)
  local excess = math.min(size, size + #fresh - max_lines)
  if excess > 0 then
    local popped = redis.call('ZPOPMIN', zkey, excess)
    if with_text then
      for j = 1, #popped, 2 do redis.call('HDEL', text_key, popped[j]) end
    end
    size = size - excess
  end
  for j = 1, math.min(#fresh, max_lines - size) do
    redis.call('ZADD', zkey, score(1, tick), ARGV[fresh[j]])
  end
end

local function halve(zkey, with_text)
  local all = redis.call('ZRANGE', zkey, 0, -1, 'WITHSCORES')
  for j = 1, #all, 2 do
    local old = tonumber(all[j + 1])
    local count = math.floor(old / TICKS)
    local half = math.floor(count / 2)
    if half > 0 then
      redis.call('ZADD', zkey, score(half, old - count * TICKS), all[j])
    else
      redis.call('ZREM', zkey, all[j])
      if with_text then redis.call('HDEL', text_key, all[j]) end
    end
  end
end

if redis.call('HEXISTS', K.ids, id) == 1 then return { 0, 0 } end
local repeats = #find_similar(K, sig, exact, min_agreement, -1) > 0
local seq = add_doc(K, id, sig, exact, max_docs, bucket_size)
if repeats then
  touch(1, 5, ttl)
  return { 1, 0 }
end
local tick = seq % TICKS
local docs = redis.call('INCR', docs_key)
local all, top = {}, {}
for i = 12, #ARGV, 3 do
  all[#all + 1] = i
  if ARGV[i + 2] == '1' then top[#top + 1] = i end
end
count_lines(lines_key, all, tick, true)
count_lines(tops_key, top, tick, false)
if docs >= age_after then
  redis.call('SET', docs_key, math.floor(docs / 2))
  halve(lines_key, true)
  halve(tops_key, false)
end
if sources_key then redis.call('SADD', sources_key, ARGV[10]) end
touch(1, #KEYS, ttl)
return { 1, 1 }
`;

/**
 * KEYS 1 heads, 2 order, 3 next. ARGV key, document id, maxHeadlines, ttl. Returns 1 when the key
 * was new, 0 when it was known (its first document keeps it).
 */
const LEARN_HEADLINE_SCRIPT = `
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[3]), ARGV[1])
local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[3])
if excess > 0 then
  local popped = redis.call('ZPOPMIN', KEYS[2], excess)
  for j = 1, #popped, 2 do redis.call('HDEL', KEYS[1], popped[j]) end
end
local ttl = tonumber(ARGV[4])
if ttl > 0 then
  for i = 1, 3 do redis.call('EXPIRE', KEYS[i], ttl) end
end
return 1
`;

/**
 * KEYS 1 words, 2 order, 3 next. ARGV document id, maxWords, ttl, then the words. The headline
 * script's steps for each word, the oldest forgotten once all are in (as the memory store does).
 */
const LEARN_WORDS_SCRIPT = `
for i = 4, #ARGV do
  if redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[1]) == 1 then
    redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[3]), ARGV[i])
  end
end
local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[2])
if excess > 0 then
  local popped = redis.call('ZPOPMIN', KEYS[2], excess)
  for j = 1, #popped, 2 do redis.call('HDEL', KEYS[1], popped[j]) end
end
local ttl = tonumber(ARGV[3])
if ttl > 0 then
  for i = 1, 3 do redis.call('EXPIRE', KEYS[i], ttl) end
end
return 1
`;

type Arg = string | number | Buffer;

/** EVALSHA, falling back to EVAL once when Redis does not hold the script yet (after a restart, say). */
function scriptRunner(
  connection: RedisClient,
  source: string,
): (keys: readonly string[], args: readonly Arg[]) => Promise<unknown> {
  const sha = createHash('sha1').update(source).digest('hex');
  return async (keys, args) => {
    try {
      return await connection.evalsha(sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return connection.eval(source, keys.length, ...keys, ...args);
    }
  };
}

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
      const replies = await connection
        .multi()
        .get(`${at}:docs`)
        .zmscore(`${at}:lines`, ...keys)
        .zmscore(`${at}:tops`, ...keys)
        .exec();
      const value = (i: number): unknown => {
        const [error, result] = replies?.[i] ?? [new Error('MULTI was aborted'), null];
        if (error) throw error;
        return result;
      };
      return {
        docs: asNumber(value(0)),
        counts: (value(1) as (string | null)[]).map(countOf),
        tops: (value(2) as (string | null)[]).map(countOf),
      };
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
