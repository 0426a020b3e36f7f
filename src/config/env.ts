/**
 * The one place that reads process.env. Everything else receives configuration as arguments.
 */
export interface EnvConfig {
  /** LOG_LEVEL: pino level (`fatal`..`trace`, or `silent`). Default `info`. */
  readonly logLevel: string;
  /** REDIS_URL: redis:// or rediss:// URL. Default `redis://127.0.0.1:6379`. */
  readonly redisUrl: string;
  /** CLEANWIRE_PREFIX: prefix of every Redis key (queues and store). Default `cleanwire`. */
  readonly prefix: string;
}

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadEnv(env: NodeJS.ProcessEnv = process.env): EnvConfig {
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LEVELS.includes(logLevel)) throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, got ${JSON.stringify(logLevel)}`);
  const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!/^rediss?:\/\//.test(redisUrl)) throw new Error(`REDIS_URL must start with redis:// or rediss://, got ${JSON.stringify(redisUrl)}`);
  const prefix = env.CLEANWIRE_PREFIX ?? 'cleanwire';
  if (!/^[A-Za-z0-9_-]+$/.test(prefix)) throw new Error(`CLEANWIRE_PREFIX must be letters, digits, _ or -, got ${JSON.stringify(prefix)}`);
  return { logLevel, redisUrl, prefix };
}
