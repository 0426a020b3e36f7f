/**
 * The ledger: what has been written to the output folder, kept in Redis for as long as the
 * deployment lives, so that exactly-once output does not depend on BullMQ still holding the job.
 * Every output (an article, a rejection) has a key: the document id, or `r-<hash>` for a
 * rejection made before the pipeline. See emitter.ts for how writes and marks are ordered.
 * On Redis Cluster the entries are spread over shards by key (names.ts): a script only ever
 * touches the keys of one entry, so every script runs on the shard of its entry.
 */
import { isCluster, type RedisClient } from './connection.js';
import { type RedisKeys, redisKeys, type ShardKeys } from './names.js';

export type Outcome = 'article' | `rejected:${string}`;

/**
 * Where the tries of a key began writing to one output file: its size read before the first try
 * that meant to append there claimed the key. `output`: the article path (REL.txt), on a mark
 * made by an article's try, so that a later try whose outcome flipped to a rejection can still
 * finish publishing the article it finds.
 */
export interface PendingMark {
  readonly file: string;
  readonly offset: number;
  readonly output?: string;
}

export type WriteClaim =
  | { readonly state: 'done'; readonly outcome: string }
  | { readonly state: 'busy'; readonly holder: string }
  /**
   * `pending`: earlier tries of this key began writing at these offsets, one mark per file they
   * meant to append to (a document's outcome can flip between article and rejection across tries:
   * cross-document stages re-run), and may or may not have finished.
   */
  | { readonly state: 'go'; readonly pending?: readonly PendingMark[] };

export interface SourceClaim {
  /** The first source this content was seen from (the caller's own when it is the first). */
  readonly first: string;
  readonly outcome?: string;
  /** `<queue>\t<message>` when the document's job failed for good. */
  readonly failed?: string;
}

export interface Ledger {
  readonly keys: RedisKeys;
  outcome(key: string): Promise<string | undefined>;
  /** Outcomes and failures of many keys at once, in order (undefined: neither yet). */
  lookup(keys: readonly string[]): Promise<{ outcome?: string; failed?: string }[]>;
  claimSource(id: string, source: string): Promise<SourceClaim>;
  /**
   * `mark`: when the claim is granted, also marks the key pending at that file offset (as
   * markPending, in the same script: one round trip); the answer's `pending` is the marks
   * earlier tries left, if any, never this one.
   */
  claimWrite(key: string, token: string, leaseMs: number, mark?: PendingMark): Promise<WriteClaim>;
  /** Marks `key` pending in `file` at `offset`, unless an earlier try marked that file already (its offset is earlier). */
  markPending(key: string, file: string, offset: number, output?: string): Promise<void>;
  commit(key: string, outcome: Outcome, token: string): Promise<void>;
  release(key: string, token: string): Promise<void>;
  /** Extends the lease if `token` still holds it; false if another writer took it over. */
  renew(key: string, token: string, leaseMs: number): Promise<boolean>;
  markFailed(key: string, queue: string, message: string): Promise<void>;
  /**
   * Forgets what was committed more than `maxAgeMs` ago (outcome and first source), so that the
   * ledger does not grow for ever; returns how many entries went. An input enqueued again after
   * that is processed again.
   */
  trim(maxAgeMs: number): Promise<number>;
  clearFailed(key: string): Promise<void>;
  /**
   * Records `id` as the document published at article path `output` and returns the one it
   * replaces there (a rewritten input), if any. Asked again for the same pair (a retried write),
   * it answers the same, so that the replaced one is always reported.
   */
  supersede(output: string, id: string): Promise<string | undefined>;
}

const CLAIM_SOURCE = `
redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2])
return {redis.call('HGET', KEYS[1], ARGV[1]), redis.call('HGET', KEYS[2], ARGV[1]), redis.call('HGET', KEYS[3], ARGV[1])}`;

/**
 * Lua: adds `mark` (a serialised PendingMark) to the pending marks of ARGV[1] in hash `hash`
 * (their value already read into `pending`), unless one names its file `file` already: that
 * earlier try's offset is the earlier one, so a later look still covers every try's line.
 */
const markLua = (hash: string, mark: string, file: string) => `
if not string.find('\\n' .. (pending or ''), '\\n' .. ${file} .. '\\t', 1, true) then
  redis.call('HSET', ${hash}, ARGV[1], pending and (pending .. '\\n' .. ${mark}) or ${mark})
end`;

const CLAIM_WRITE = `
local done = redis.call('HGET', KEYS[1], ARGV[1])
if done then return {'done', done} end
local holder = redis.call('GET', KEYS[2])
if holder and holder ~= ARGV[2] then return {'busy', holder} end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
local pending = redis.call('HGET', KEYS[3], ARGV[1])
if ARGV[4] then ${markLua('KEYS[3]', 'ARGV[4]', 'ARGV[5]')} end
return {'go', pending or ''}`;

const MARK = `
local pending = redis.call('HGET', KEYS[1], ARGV[1])
${markLua('KEYS[1]', 'ARGV[2]', 'ARGV[3]')}
return 1`;

/** One mark a line: `file<TAB>offset[<TAB>output]` (file names and safe output paths hold no tab or newline). */
const serialise = (mark: PendingMark): string =>
  [mark.file, mark.offset, ...(mark.output === undefined ? [] : [mark.output])].join('\t');

/**
 * The marks read back (Redis content is untrusted: the emitter checks file names and output
 * paths before use). An offset that is not a size reads as 0: looking through the whole file
 * costs time, trusting a wrong offset could miss a line and write it twice.
 */
function parseMarks(value: string): PendingMark[] {
  return value
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [file = '', offset = '', output] = line.split('\t');
      const n = Number(offset);
      return { file, offset: Number.isSafeInteger(n) && n >= 0 ? n : 0, ...(output ? { output } : {}) };
    });
}

const COMMIT = `
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('HDEL', KEYS[3], ARGV[1])
redis.call('HDEL', KEYS[4], ARGV[1])
redis.call('ZADD', KEYS[5], ARGV[4], ARGV[1])
if redis.call('GET', KEYS[2]) == ARGV[3] then redis.call('DEL', KEYS[2]) end
return 1`;

/** Forgets up to ARGV[2] entries committed before ARGV[1] (ms); returns how many. */
const TRIM = `
local old = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, key in ipairs(old) do
  redis.call('HDEL', KEYS[2], key)
  redis.call('HDEL', KEYS[3], key)
  redis.call('ZREM', KEYS[1], key)
end
return #old`;

const SUPERSEDE = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current == ARGV[2] then return redis.call('HGET', KEYS[2], ARGV[1]) end
if current then redis.call('HSET', KEYS[2], ARGV[1], current) else redis.call('HDEL', KEYS[2], ARGV[1]) end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return current`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;

const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

const orUndefined = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export function createLedger(connection: RedisClient, prefix: string): Ledger {
  const keys = redisKeys(prefix, isCluster(connection));
  /** `list`'s positions grouped by the shard holding them. */
  const byShard = (list: readonly string[]) => {
    const groups = new Map<ShardKeys, number[]>();
    list.forEach((key, i) => {
      const shard = keys.of(key);
      groups.set(shard, [...(groups.get(shard) ?? []), i]);
    });
    return groups;
  };
  return {
    keys,
    async outcome(key) {
      return (await connection.hget(keys.of(key).ledger, key)) ?? undefined;
    },
    async lookup(list) {
      const found: { outcome?: string; failed?: string }[] = list.map(() => ({}));
      await Promise.all(
        [...byShard(list)].map(async ([shard, positions]) => {
          const names = positions.map((i) => list[i] as string);
          const [outcomes, failures] = await Promise.all([
            connection.hmget(shard.ledger, ...names),
            connection.hmget(shard.failed, ...names),
          ]);
          positions.forEach((i, j) => {
            const outcome = outcomes[j];
            const failed = failures[j];
            found[i] = { ...(outcome ? { outcome } : {}), ...(failed ? { failed } : {}) };
          });
        }),
      );
      return found;
    },
    async claimSource(id, source) {
      const shard = keys.of(id);
      const [first, outcome, failed] = (await connection.eval(
        CLAIM_SOURCE,
        3,
        shard.sources,
        shard.ledger,
        shard.failed,
        id,
        source,
      )) as unknown[];
      const o = orUndefined(outcome);
      const f = orUndefined(failed);
      return { first: orUndefined(first) ?? source, ...(o ? { outcome: o } : {}), ...(f ? { failed: f } : {}) };
    },
    async claimWrite(key, token, leaseMs, mark) {
      const shard = keys.of(key);
      const [state, detail] = (await connection.eval(
        CLAIM_WRITE,
        3,
        shard.ledger,
        shard.claim(key),
        shard.pending,
        key,
        token,
        leaseMs,
        ...(mark ? [serialise(mark), mark.file] : []),
      )) as [string, string];
      if (state === 'done') return { state, outcome: detail };
      if (state === 'busy') return { state, holder: detail };
      const pending = parseMarks(detail);
      return pending.length === 0 ? { state: 'go' } : { state: 'go', pending };
    },
    async markPending(key, file, offset, output) {
      const mark = serialise({ file, offset, ...(output === undefined ? {} : { output }) });
      await connection.eval(MARK, 1, keys.of(key).pending, key, mark, file);
    },
    async commit(key, outcome, token) {
      const shard = keys.of(key);
      await connection.eval(
        COMMIT,
        5,
        shard.ledger,
        shard.claim(key),
        shard.pending,
        shard.failed,
        shard.ledgerTimes,
        key,
        outcome,
        token,
        Date.now(),
      );
    },
    async release(key, token) {
      await connection.eval(RELEASE, 1, keys.of(key).claim(key), token);
    },
    async renew(key, token, leaseMs) {
      return Number(await connection.eval(RENEW, 1, keys.of(key).claim(key), token, leaseMs)) === 1;
    },
    async markFailed(key, queue, message) {
      await connection.hset(keys.of(key).failed, key, `${queue}\t${message}`);
    },
    async trim(maxAgeMs) {
      let total = 0;
      const before = Date.now() - maxAgeMs;
      for (const shard of keys.shards) {
        for (;;) {
          const batch = 500;
          const n = Number(
            await connection.eval(TRIM, 3, shard.ledgerTimes, shard.ledger, shard.sources, before, batch),
          );
          total += n;
          if (n < batch) break;
        }
      }
      return total;
    },
    async clearFailed(key) {
      await connection.hdel(keys.of(key).failed, key);
    },
    async supersede(output, id) {
      const shard = keys.of(output);
      return orUndefined(await connection.eval(SUPERSEDE, 2, shard.published, shard.superseded, output, id));
    },
  };
}
