/**
 * Redis connections for BullMQ and the Redis store. BullMQ's blocking workers need
 * `maxRetriesPerRequest: null` (a command must wait for Redis to come back instead of failing
 * after N retries), and every connection gets an 'error' listener so that a lost connection is
 * logged instead of crashing the process with an unhandled 'error' event.
 */
import { Redis, type RedisOptions } from 'ioredis';

export interface ConnectionOptions {
  /** redis:// or rediss:// (TLS) URL, with optional user:password and /db. */
  readonly url: string;
  /** Called on connection errors; default: ignore (ioredis reconnects on its own). */
  readonly onError?: (error: Error) => void;
}

export function createRedisConnection(options: ConnectionOptions, extra: RedisOptions = {}): Redis {
  // The cast: ioredis 6's option types do not hold under exactOptionalPropertyTypes.
  const settings = { maxRetriesPerRequest: null, enableReadyCheck: true, ...extra } as RedisOptions & {
    replyMapping?: never;
  };
  const connection = new Redis(options.url, settings);
  connection.on('error', options.onError ?? (() => {}));
  return connection;
}

/** The URL without its password, for startup lines and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<invalid REDIS_URL>';
  }
}

/** Closes a connection, politely if Redis answers, at once if it does not. */
export async function closeRedisConnection(connection: Redis): Promise<void> {
  await connection.quit().catch(() => connection.disconnect());
}
