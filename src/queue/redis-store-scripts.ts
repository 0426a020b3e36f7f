/**
 * The Lua scripts of the Redis store (src/queue/redis-store.ts, whose header gives the key layout
 * and bounds they keep) and how they are run. Apart from the store's TypeScript so that each
 * script's steps read in one place: every learning step is one script, so that two workers
 * learning at once cannot count a document twice.
 */
import { createHash } from 'node:crypto';
import { TICKS } from '../store/store.js';
import { BAND_ROWS, MAX_BANDS } from '../text/minhash.js';
import type { RedisClient } from './connection.js';

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
  -- The candidates' documents in one HMGET, in candidate order (the order of the result).
  local seen = {}
  local wanted = {}
  for _, seq in ipairs(candidates) do
    if not seen[seq] and (before < 0 or seq < before) then
      seen[seq] = true
      wanted[#wanted + 1] = seq
    end
  end
  local found = {}
  if #wanted == 0 then return found end
  local packs = redis.call('HMGET', K.docs, unpack(wanted))
  for n, seq in ipairs(wanted) do
    local packed = packs[n]
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
  return found
end

local function evict(K, seq, sig_len)
  local packed = redis.call('HGET', K.docs, seq)
  if not packed then return end
  local exact, sig, id = unpack_doc(packed, sig_len)
  redis.call('HDEL', K.docs, seq)
  redis.call('HDEL', K.ids, id)
  if redis.call('HGET', K.exact, exact) == tostring(seq) then redis.call('HDEL', K.exact, exact) end
  local fields = bucket_fields(sig)
  if #fields == 0 then return end
  -- Fields are distinct (one a band): one HMGET, one HDEL, one HSET instead of one call each.
  local lists = redis.call('HMGET', K.buckets, unpack(fields))
  local gone, rewritten = {}, {}
  for i = 1, #fields do
    local list = lists[i]
    if list then
      local kept = {}
      for s in string.gmatch(list, '%d+') do
        if tonumber(s) ~= seq then kept[#kept + 1] = s end
      end
      if #kept == 0 then gone[#gone + 1] = fields[i]
      else
        rewritten[#rewritten + 1] = fields[i]
        rewritten[#rewritten + 1] = table.concat(kept, ',')
      end
    end
  end
  if #gone > 0 then redis.call('HDEL', K.buckets, unpack(gone)) end
  if #rewritten > 0 then redis.call('HSET', K.buckets, unpack(rewritten)) end
end

-- Indexes a document whose id is not indexed (the caller checked). The meta hash is read once
-- (next and floor together) and written once at the end.
local function insert_doc(K, id, sig, exact, max_docs, bucket_size)
  local meta = redis.call('HMGET', K.meta, 'next', 'floor')
  local seq = tonumber(meta[1] or '0') + 1
  redis.call('HSET', K.ids, id, seq)
  redis.call('HSET', K.docs, seq, exact .. sig .. id)
  redis.call('HSETNX', K.exact, exact, seq)
  local fields = bucket_fields(sig)
  if #fields > 0 then
    -- One HMGET and one HSET for all bands (their fields are distinct).
    local lists = redis.call('HMGET', K.buckets, unpack(fields))
    local updates = {}
    for i = 1, #fields do
      local list = lists[i]
      if not list then
        updates[#updates + 1] = fields[i]
        updates[#updates + 1] = seq
      else
        local _, commas = string.gsub(list, ',', '')
        if commas + 1 < bucket_size then
          updates[#updates + 1] = fields[i]
          updates[#updates + 1] = list .. ',' .. seq
        end
      end
    end
    if #updates > 0 then redis.call('HSET', K.buckets, unpack(updates)) end
  end
  local floor = tonumber(meta[2] or '0')
  while seq - floor > max_docs do
    floor = floor + 1
    evict(K, floor, #sig)
  end
  redis.call('HSET', K.meta, 'next', seq, 'floor', floor)
  return seq
end

-- Returns the sequence number and 1 when the id is new, its old number and 0 when it is known.
local function add_doc(K, id, sig, exact, max_docs, bucket_size)
  local known = redis.call('HGET', K.ids, id)
  if known then return tonumber(known), 0 end
  return insert_doc(K, id, sig, exact, max_docs, bucket_size), 1
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
export const INDEX_SCRIPT = `${LUA_INDEX}
local K = index_keys(1)
local seq, added = add_doc(K, ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5]))
if added == 1 then touch(1, 5, tonumber(ARGV[6])) end
return seq
`;

/**
 * KEYS 1-5 index; ARGV signature, exact, minAgreement, before (-1: no bound), then optionally a
 * document id whose sequence number is the bound when it is indexed (sequenceOf and find in one
 * round trip). Returns seq, id, agreement, exact per match.
 */
export const FIND_SCRIPT = `${LUA_INDEX}
local K = index_keys(1)
local before = tonumber(ARGV[4])
if ARGV[5] then
  local seq = redis.call('HGET', K.ids, ARGV[5])
  if seq then before = tonumber(seq) end
end
return find_similar(K, ARGV[1], ARGV[2], tonumber(ARGV[3]), before)
`;

/**
 * KEYS 1-5 the source's index, 6 docs, 7 lines, 8 tops, 9 text, 10 sources (absent on Redis
 * Cluster, where it lives in another slot: the caller adds the source after the script).
 * ARGV id, signature, exact, minAgreement, maxSourceDocs, bucketSize, maxLines, ageAfter, ttl,
 * source key, maxNewLines, then key, text, top ('1' or '0') per line. Returns learned, counted (1 or 0).
 */
export const LEARN_SOURCE_SCRIPT = `${LUA_INDEX}
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
-- Runs CMD on KEY with the flat argument list ARGS cut in parts of at most STEP arguments (Lua's
-- unpack and a script's stack hold some 8000 values; a document may have 200,000 lines), and
-- returns the replies one after another: one command for a usual document, not one a line.
local function chunked(cmd, key, args, step)
  local replies = {}
  for s = 1, #args, step do
    local part = {}
    for j = s, math.min(#args, s + step - 1) do part[#part + 1] = args[j] end
    local reply = redis.call(cmd, key, unpack(part))
    if type(reply) == 'table' then
      for _, r in ipairs(reply) do replies[#replies + 1] = r end
    end
  end
  return replies
end
local CHUNK = 1000

-- Counts the lines (indexes into ARGV of their keys, in document order) into a ZSET of at most
-- max_lines members: known lines first; of the new ones at most max_new, nearest the edges
-- first; room made for them (ZPOPMIN: lowest count, least recently seen); then in with count 1.
-- Keys within a call are distinct, so reading every score first (ZMSCORE) and writing every
-- change at once (ZADD, HSET, HDEL with many members) leaves the state one call a line left.
local function count_lines(zkey, at, tick, with_text)
  local keys = {}
  for n, i in ipairs(at) do keys[n] = ARGV[i] end
  local scores = chunked('ZMSCORE', zkey, keys, CHUNK)
  local fresh, bumped, known = {}, {}, {}
  for n, i in ipairs(at) do
    local old = scores[n]
    if old then
      local count = math.floor(tonumber(old) / TICKS) + 1
      bumped[#bumped + 1] = score(count, tick)
      bumped[#bumped + 1] = ARGV[i]
      known[#known + 1] = i
    else
      fresh[#fresh + 1] = n
    end
  end
  chunked('ZADD', zkey, bumped, CHUNK)
  if with_text and #known > 0 then
    -- HSETNX a line: the text of a known line goes in once, the first time it repeats.
    local asked = {}
    for j, i in ipairs(known) do asked[j] = ARGV[i] end
    local texts = chunked('HMGET', text_key, asked, CHUNK)
    local missing = {}
    for j, i in ipairs(known) do
      if not texts[j] then
        missing[#missing + 1] = ARGV[i]
        missing[#missing + 1] = ARGV[i + 1]
      end
    end
    chunked('HSET', text_key, missing, CHUNK)
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
      local gone = {}
      for j = 1, #popped, 2 do gone[#gone + 1] = popped[j] end
      chunked('HDEL', text_key, gone, CHUNK)
    end
    size = size - excess
  end
  local added = {}
  for j = 1, math.min(#fresh, max_lines - size) do
    added[#added + 1] = score(1, tick)
    added[#added + 1] = ARGV[fresh[j]]
  end
  chunked('ZADD', zkey, added, CHUNK)
end

local function halve(zkey, with_text)
  local all = redis.call('ZRANGE', zkey, 0, -1, 'WITHSCORES')
  local kept, gone = {}, {}
  for j = 1, #all, 2 do
    local old = tonumber(all[j + 1])
    local count = math.floor(old / TICKS)
    local half = math.floor(count / 2)
    if half > 0 then
      kept[#kept + 1] = score(half, old - count * TICKS)
      kept[#kept + 1] = all[j]
    else
      gone[#gone + 1] = all[j]
    end
  end
  chunked('ZADD', zkey, kept, CHUNK)
  chunked('ZREM', zkey, gone, CHUNK)
  if with_text then chunked('HDEL', text_key, gone, CHUNK) end
end

if redis.call('HEXISTS', K.ids, id) == 1 then return { 0, 0 } end
local repeats = #find_similar(K, sig, exact, min_agreement, -1) > 0
local seq = insert_doc(K, id, sig, exact, max_docs, bucket_size)
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
 * The bounded-table tail both learn scripts share: with KEYS 1 the table (hash), 2 its order
 * (sorted set), 3 the order counter, forget the oldest entries past the limit in ARGV[limit] and
 * refresh the keys' TTL from ARGV[ttl] (0: none). Returns 1.
 */
function forgetOldest(limit: number, ttl: number): string {
  return `local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[${limit}])
if excess > 0 then
  local popped = redis.call('ZPOPMIN', KEYS[2], excess)
  for j = 1, #popped, 2 do redis.call('HDEL', KEYS[1], popped[j]) end
end
local ttl = tonumber(ARGV[${ttl}])
if ttl > 0 then
  for i = 1, 3 do redis.call('EXPIRE', KEYS[i], ttl) end
end
return 1
`;
}

/**
 * KEYS 1 heads, 2 order, 3 next. ARGV key, document id, maxHeadlines, ttl. Returns 1 when the key
 * was new, 0 when it was known (its first document keeps it).
 */
export const LEARN_HEADLINE_SCRIPT = `
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[3]), ARGV[1])
${forgetOldest(3, 4)}`;

/**
 * KEYS 1 words, 2 order, 3 next. ARGV document id, maxWords, ttl, then the words. The headline
 * script's steps for each word, the oldest forgotten once all are in (as the memory store does).
 */
export const LEARN_WORDS_SCRIPT = `
local words = {}
for i = 4, #ARGV do words[#words + 1] = ARGV[i] end
-- Read all owners at once, then write the new words with consecutive learning numbers, as one
-- HSETNX, INCR and ZADD a word would (a word given twice is new once), in a few calls in all.
local fresh, seen = {}, {}
for s = 1, #words, 1000 do
  local part = {}
  for j = s, math.min(#words, s + 999) do part[#part + 1] = words[j] end
  local owners = redis.call('HMGET', KEYS[1], unpack(part))
  for j, word in ipairs(part) do
    if not owners[j] and not seen[word] then
      seen[word] = true
      fresh[#fresh + 1] = word
    end
  end
end
if #fresh > 0 then
  local first = redis.call('INCRBY', KEYS[3], #fresh) - #fresh
  for s = 1, #fresh, 500 do
    local owned, order = {}, {}
    for j = s, math.min(#fresh, s + 499) do
      owned[#owned + 1] = fresh[j]
      owned[#owned + 1] = ARGV[1]
      order[#order + 1] = first + j
      order[#order + 1] = fresh[j]
    end
    redis.call('HSET', KEYS[1], unpack(owned))
    redis.call('ZADD', KEYS[2], unpack(order))
  end
end
${forgetOldest(2, 3)}`;

/**
 * KEYS 1 docs, 2 lines, 3 tops of a source; ARGV the line keys. Returns the counted documents and
 * the packed lines and tops scores (false when unknown) per key: one command where a MULTI of
 * GET and two ZMSCOREs was five. Keys are read in parts of 1000 (Lua's unpack).
 */
export const LINE_EVIDENCE_SCRIPT = `
local function scores(key)
  local all = {}
  for s = 1, #ARGV, 1000 do
    local part = {}
    for j = s, math.min(#ARGV, s + 999) do part[#part + 1] = ARGV[j] end
    local got = redis.call('ZMSCORE', key, unpack(part))
    for j = 1, #part do all[#all + 1] = got[j] end
  end
  return all
end
return { redis.call('GET', KEYS[1]) or false, scores(KEYS[2]), scores(KEYS[3]) }
`;

export type Arg = string | number | Buffer;

/** EVALSHA, falling back to EVAL once when Redis does not hold the script yet (after a restart, say). */
export function scriptRunner(
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
