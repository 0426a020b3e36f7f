/**
 * Whether Redis can be used at all, asked once before a one-shot command (`enqueue`, `learn`,
 * `templates`) starts: such a command must say within seconds that Redis is down or refuses the
 * password, not wait for it for ever as a long-running worker does. Also the test that tells a
 * wrong password (fatal: retrying will not help) from an outage (wait it out).
 */
import { Redis, type RedisOptions } from 'ioredis';
import { OptionError } from '../core/options.js';
import { errorMessage } from '../log.js';
import { credentialsOf, describeTarget, type RedisTarget } from './connection.js';

/** Redis cannot be used with the configured REDIS_URL: a configuration problem, exit status 2. */
export class RedisUnavailableError extends OptionError {
  override name = 'RedisUnavailableError';
}

const AUTH_FAILURE = /WRONGPASS|NOAUTH|invalid password|invalid username-password|AUTH failed/i;

/** Redis refused the credentials: no retry will help. */
export function isAuthError(error: unknown): boolean {
  return error instanceof Error && AUTH_FAILURE.test(error.message);
}

const CONNECTION_FAILURE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|Connection is closed|Stream isn't writeable|MaxRetriesPerRequest|max retries per request|connect ETIMEDOUT/i;

const OUT_OF_MEMORY = /^OOM /;

/** Redis is out of reach (refused, reset, timed out, gone), refused the credentials or is out of memory. */
export function isRedisUnavailable(error: unknown): boolean {
  return (
    error instanceof Error &&
    (isAuthError(error) || CONNECTION_FAILURE.test(error.message) || OUT_OF_MEMORY.test(error.message))
  );
}

/** The error a one-shot command exits with: what went wrong, and the hint. */
export function unavailable(target: RedisTarget | string, error: unknown): RedisUnavailableError {
  const where = describeTarget(typeof target === 'string' ? { url: target } : target);
  if (error instanceof Error && OUT_OF_MEMORY.test(error.message)) {
    return new RedisUnavailableError(
      `Redis at ${where} is out of memory (${errorMessage(error)}): free memory or raise its maxmemory, then enqueue again (finished documents are not redone)`,
    );
  }
  return isAuthError(error)
    ? new RedisUnavailableError(
        `Redis at ${where} refused the credentials (${errorMessage(error)}): check the password in REDIS_URL`,
      )
    : new RedisUnavailableError(
        `cannot reach Redis (${errorMessage(error)}): is redis-server running at ${where}? set REDIS_URL`,
      );
}

/**
 * Connects once (no retries, no offline queue, a connect timeout) and pings; throws a
 * RedisUnavailableError with the hint if that fails within `timeoutMs`. On a cluster the first
 * seed node is asked, with the credentials REDIS_URL lends to every node.
 */
export async function ensureRedis(target: RedisTarget | string, timeoutMs = 4000): Promise<void> {
  const given = typeof target === 'string' ? { url: target } : target;
  const seed = given.clusterNodes?.[0];
  const options = {
    lazyConnect: true,
    enableOfflineQueue: false,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    // The cast: ioredis 6's option types do not hold under exactOptionalPropertyTypes.
  } as RedisOptions & { replyMapping?: never };
  const probe = seed
    ? new Redis({ ...options, ...credentialsOf(given.url), host: seed.host, port: seed.port } as typeof options)
    : new Redis(given.url, options);
  let last: Error | undefined;
  probe.on('error', (error: Error) => {
    last = error;
  });
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([probe.connect().then(() => probe.ping()), expired]);
  } catch (error) {
    throw unavailable(given, last ?? error);
  } finally {
    clearTimeout(timer);
    probe.disconnect();
  }
}

/**
 * ioredis options for the connections of a one-shot command, after `ensureRedis` passed: a
 * command fails after a few seconds of outage instead of waiting for ever.
 */
export const ONE_SHOT_OPTIONS = {
  maxRetriesPerRequest: 2,
  connectTimeout: 4000,
  retryStrategy: (times: number) => (times > 5 ? null : Math.min(200 * times, 1000)),
} as const;
