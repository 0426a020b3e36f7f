/**
 * The one place that reads process.env. Everything else receives configuration as arguments.
 * Command-line flags override the environment and go through the same validation, so a bad value
 * is reported the same way whichever way it came in, naming where it came from and quoting it.
 */
import { availableParallelism } from 'node:os';
import { OptionError } from '../core/options.js';
import { DEFAULT_MAX_BYTES } from '../ingest/read.js';
import { addSecrets, scrub } from '../log.js';
import { createTopology, TOPOLOGY_NAMES, type TopologyName } from '../pipeline/topology.js';

interface Setting<T> {
  /** Environment variable. */
  readonly env: string;
  /** The command-line flag that overrides it, if any. */
  readonly flag?: string;
  /** The default, as the string a user would write. */
  readonly fallback: string;
  /** What a valid value looks like, for the error message. */
  readonly expected: string;
  /** The value may hold a password: error messages do not quote it whole. */
  readonly secret?: boolean;
  /** The parsed value, or undefined when `raw` is not valid. */
  readonly parse: (raw: string) => T | undefined;
}

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const oneOf =
  <T extends string>(allowed: readonly T[]) =>
  (raw: string): T | undefined =>
    (allowed as readonly string[]).includes(raw) ? (raw as T) : undefined;

const integer =
  (min: number, max = Number.MAX_SAFE_INTEGER) =>
  (raw: string): number | undefined => {
    const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    return Number.isSafeInteger(n) && n >= min && n <= max ? n : undefined;
  };

const text = (raw: string): string => raw;

/** A port, or `false` for off (empty or `off`); 0 takes any free port. */
function portOrOff(raw: string): number | false | undefined {
  if (raw === '' || raw === 'off') return false;
  return integer(0, 65535)(raw);
}

function redisUrl(raw: string): string | undefined {
  if (!/^rediss?:\/\//.test(raw)) return undefined;
  try {
    return new URL(raw).hostname ? raw : undefined;
  } catch {
    return undefined;
  }
}

const names = (raw: string): readonly string[] => raw.split(',').map((s) => s.trim());

export interface ClusterNode {
  readonly host: string;
  readonly port: number;
}

/** `host:port,host:port,...` (an IPv6 host in brackets); empty: no cluster. */
function clusterNodes(raw: string): readonly ClusterNode[] | undefined {
  if (raw.trim() === '') return [];
  const nodes: ClusterNode[] = [];
  for (const item of names(raw)) {
    const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+):(\d{1,5})$/.exec(item);
    const port = Number(match?.[2]);
    if (!match || port < 1 || port > 65535) return undefined;
    nodes.push({ host: (match[1] as string).replace(/^\[(.*)\]$/, '$1'), port });
  }
  return nodes;
}

const SETTINGS = {
  /** LOG_LEVEL: pino level (`fatal`..`trace`, or `silent`). Default `info`. */
  logLevel: {
    env: 'LOG_LEVEL',
    fallback: 'info',
    expected: `one of ${LEVELS.join(', ')}`,
    parse: oneOf(LEVELS),
  },
  /** REDIS_URL: `redis://` or `rediss://` (TLS) URL, with optional `user:password@` and `/db`. Default `redis://127.0.0.1:6379`. */
  redisUrl: {
    env: 'REDIS_URL',
    fallback: 'redis://127.0.0.1:6379',
    expected: 'a redis:// or rediss:// URL with a host',
    secret: true,
    parse: redisUrl,
  },
  /**
   * REDIS_CLUSTER_NODES: comma-separated `host:port` seed nodes of a Redis Cluster. When set, every
   * Redis command goes to the cluster and REDIS_URL only lends its user, password and TLS (`rediss://`).
   * Default: none (one Redis server at REDIS_URL).
   */
  clusterNodes: {
    env: 'REDIS_CLUSTER_NODES',
    fallback: '',
    expected: 'comma-separated host:port pairs',
    parse: clusterNodes,
  },
  /** CLEANWIRE_PREFIX: prefix of every Redis key (queues, ledger, store). Default `cleanwire`. */
  prefix: {
    env: 'CLEANWIRE_PREFIX',
    fallback: 'cleanwire',
    expected: 'letters, digits, _ or -',
    parse: (raw: string) => (/^[A-Za-z0-9_-]+$/.test(raw) ? raw : undefined),
  },
  /** CLEANWIRE_OUT / --out: the workers' output folder (REL.txt, articles.jsonl, rejected.jsonl). Default `out`. */
  out: {
    env: 'CLEANWIRE_OUT',
    flag: '--out',
    fallback: 'out',
    expected: 'a folder',
    parse: (raw: string) => raw || undefined,
  },
  /** CLEANWIRE_TOPOLOGY / --topology: how the stages are cut into queues. Default `default`. */
  topology: {
    env: 'CLEANWIRE_TOPOLOGY',
    flag: '--topology',
    fallback: 'default',
    expected: `one of ${TOPOLOGY_NAMES.join(', ')}`,
    parse: oneOf<TopologyName>(TOPOLOGY_NAMES),
  },
  /** CLEANWIRE_SEGMENTS / --segments: comma-separated segments a worker runs. Default: all of the topology's. */
  segments: {
    env: 'CLEANWIRE_SEGMENTS',
    flag: '--segments',
    fallback: '',
    expected: 'comma-separated segment names',
    parse: (raw: string) => (raw === '' ? [] : names(raw)),
  },
  /** CLEANWIRE_CONCURRENCY / --concurrency (worker): jobs one worker process runs at once per segment. Default 4. */
  concurrency: {
    env: 'CLEANWIRE_CONCURRENCY',
    flag: '--concurrency',
    fallback: '4',
    expected: 'an integer from 1 to 1000',
    parse: integer(1, 1000),
  },
  /**
   * CLEANWIRE_THREADS / --threads (worker): worker threads that run the text stages, off the
   * event loop that renews job locks and answers SIGTERM. `auto`: one fewer than the cores, at
   * least 1: a worker's event loop is a busy thread too (BullMQ, the store, the output), and with
   * one pool thread a core, two workers on two cores ran the queue bench with 15 % more CPU and a
   * third more wall time (more threads than cores, each isolate compiling the stages again).
   * Default `auto`.
   */
  threads: {
    env: 'CLEANWIRE_THREADS',
    flag: '--threads',
    fallback: 'auto',
    expected: 'auto or an integer from 1 to 256',
    parse: (raw: string) => (raw === 'auto' ? Math.max(1, availableParallelism() - 1) : integer(1, 256)(raw)),
  },
  /** CLEANWIRE_ENQUEUE_CONCURRENCY / --concurrency (enqueue, watch): files read at once. Default 16. */
  enqueueConcurrency: {
    env: 'CLEANWIRE_ENQUEUE_CONCURRENCY',
    flag: '--concurrency',
    fallback: '16',
    expected: 'an integer from 1 to 1000',
    parse: integer(1, 1000),
  },
  /** CLEANWIRE_ATTEMPTS: tries per job for transient failures (I/O, Redis). Default 5. */
  attempts: { env: 'CLEANWIRE_ATTEMPTS', fallback: '5', expected: 'an integer from 1 to 100', parse: integer(1, 100) },
  /** CLEANWIRE_BACKOFF_MS: first retry delay; doubles on each retry (1, 2, 4, 8 s by default). Default 1000. */
  backoffMs: { env: 'CLEANWIRE_BACKOFF_MS', fallback: '1000', expected: 'an integer >= 0', parse: integer(0) },
  /**
   * CLEANWIRE_LOCK_MS: how long a job's lock lives without renewal, and how often workers look for
   * stalled jobs (those of a crashed worker) to hand to another. Default 30000.
   */
  lockMs: { env: 'CLEANWIRE_LOCK_MS', fallback: '30000', expected: 'an integer >= 1000', parse: integer(1000) },
  /** CLEANWIRE_GRACE_MS: on SIGTERM/SIGINT, how long running jobs may take to finish. Default 25000. */
  graceMs: { env: 'CLEANWIRE_GRACE_MS', fallback: '25000', expected: 'an integer >= 0', parse: integer(0) },
  /** CLEANWIRE_KEEP_COMPLETED_AGE: seconds a completed job is kept (the ledger outlives it). Default 3600. */
  keepCompletedAge: {
    env: 'CLEANWIRE_KEEP_COMPLETED_AGE',
    fallback: '3600',
    expected: 'an integer >= 0',
    parse: integer(0),
  },
  /** CLEANWIRE_KEEP_COMPLETED_COUNT: most completed jobs kept per queue. Default 1000. */
  keepCompletedCount: {
    env: 'CLEANWIRE_KEEP_COMPLETED_COUNT',
    fallback: '1000',
    expected: 'an integer >= 0',
    parse: integer(0),
  },
  /** CLEANWIRE_KEEP_FAILED_AGE: seconds a failed job is kept for inspection. Default 604800 (7 days). */
  keepFailedAge: {
    env: 'CLEANWIRE_KEEP_FAILED_AGE',
    fallback: '604800',
    expected: 'an integer >= 0',
    parse: integer(0),
  },
  /** CLEANWIRE_KEEP_FAILED_COUNT: most failed jobs kept per queue. Default 10000. */
  keepFailedCount: {
    env: 'CLEANWIRE_KEEP_FAILED_COUNT',
    fallback: '10000',
    expected: 'an integer >= 0',
    parse: integer(0),
  },
  /** CLEANWIRE_MAX_BYTES / --max-bytes: inputs larger than this are rejected `too-large`. Default 67108864 (64 MiB). */
  maxBytes: {
    env: 'CLEANWIRE_MAX_BYTES',
    flag: '--max-bytes',
    fallback: String(DEFAULT_MAX_BYTES),
    expected: 'a positive integer',
    parse: integer(1),
  },
  /**
   * CLEANWIRE_ARTICLES_QUEUE: what workers add to the `articles` output queue for each article:
   * `summary` (the articles.jsonl record without its `changes` list, which is often half of it),
   * `full` (the whole record; `on` means the same) or `off` (nothing). Default `summary`.
   */
  articlesQueue: {
    env: 'CLEANWIRE_ARTICLES_QUEUE',
    fallback: 'summary',
    expected: 'off, summary or full',
    parse: (raw: string) => (raw === 'on' ? 'full' : oneOf(['off', 'summary', 'full'] as const)(raw)),
  },
  /** CLEANWIRE_CONFIG / --config: JSON file of stage options, as for `cleanwire clean`. Default: none. */
  pipelineConfig: { env: 'CLEANWIRE_CONFIG', flag: '--config', fallback: '', expected: 'a file', parse: text },
  /** CLEANWIRE_WATCH_AFTER / --after: what the watcher does with a file once enqueued (`leave` or `move`). Default `leave`. */
  watchAfter: {
    env: 'CLEANWIRE_WATCH_AFTER',
    flag: '--after',
    fallback: 'leave',
    expected: 'leave or move',
    parse: oneOf(['leave', 'move'] as const),
  },
  /** CLEANWIRE_WATCH_STABLE_MS / --stable-ms: a file is read once its size stayed the same this long. Default 1000. */
  watchStableMs: {
    env: 'CLEANWIRE_WATCH_STABLE_MS',
    flag: '--stable-ms',
    fallback: '1000',
    expected: 'an integer >= 50',
    parse: integer(50),
  },
  /** CLEANWIRE_DASHBOARD_HOST: address the dashboard listens on. Default `127.0.0.1` (this machine only). */
  dashboardHost: { env: 'CLEANWIRE_DASHBOARD_HOST', fallback: '127.0.0.1', expected: 'a host', parse: text },
  /** CLEANWIRE_DASHBOARD_PORT: the dashboard's port. Default 3000. */
  dashboardPort: {
    env: 'CLEANWIRE_DASHBOARD_PORT',
    fallback: '3000',
    expected: 'an integer from 1 to 65535',
    parse: integer(1, 65535),
  },
  /**
   * CLEANWIRE_METRICS_PORT / --metrics-port (worker): serve /metrics, /healthz and /readyz on this
   * port (0: any free port, named in the ready line). Default `off`; docker-compose.yml uses 9464.
   */
  metricsPort: {
    env: 'CLEANWIRE_METRICS_PORT',
    flag: '--metrics-port',
    fallback: 'off',
    expected: 'a port from 0 to 65535, or off',
    parse: portOrOff,
  },
  /** CLEANWIRE_METRICS_HOST: address the worker's metrics endpoint listens on. Default `127.0.0.1`. */
  metricsHost: { env: 'CLEANWIRE_METRICS_HOST', fallback: '127.0.0.1', expected: 'a host', parse: text },
  /** CLEANWIRE_DASHBOARD_USER: the dashboard's basic-auth user name. Default `admin`. */
  dashboardUser: { env: 'CLEANWIRE_DASHBOARD_USER', fallback: 'admin', expected: 'a user name', parse: text },
  /**
   * CLEANWIRE_DASHBOARD_PASSWORD: the dashboard's basic-auth password. Unset: the dashboard is
   * read-only and needs no login; set: every request needs it, and jobs can be retried or removed.
   */
  dashboardPassword: {
    env: 'CLEANWIRE_DASHBOARD_PASSWORD',
    fallback: '',
    expected: 'a password',
    secret: true,
    parse: text,
  },
  /**
   * CLEANWIRE_DASHBOARD_ALLOWED_HOSTS: comma-separated `host:port` values the dashboard accepts in
   * the Host header besides its own address (a published port, a name in front of it). Default none.
   */
  dashboardAllowedHosts: {
    env: 'CLEANWIRE_DASHBOARD_ALLOWED_HOSTS',
    fallback: '',
    expected: 'comma-separated host:port values',
    parse: (raw: string) => (raw === '' ? [] : names(raw)),
  },
  /**
   * CLEANWIRE_ARTICLES_QUEUE_MAX: most articles waiting in the `articles` queue. A worker that
   * finds it this full leaves the article out of the queue (it is in articles.jsonl all the same)
   * and logs a warning, so that a queue nobody reads cannot fill Redis. Default 10000.
   */
  articlesQueueMax: {
    env: 'CLEANWIRE_ARTICLES_QUEUE_MAX',
    fallback: '10000',
    expected: 'an integer >= 1',
    parse: integer(1),
  },
  /**
   * CLEANWIRE_LEDGER_DAYS: days the ledger remembers what was written. Older entries are trimmed
   * (hourly by the workers): the same input enqueued again after that is processed again.
   * Default 30.
   */
  ledgerDays: {
    env: 'CLEANWIRE_LEDGER_DAYS',
    fallback: '30',
    expected: 'an integer from 1 to 3650',
    parse: integer(1, 3650),
  },
} satisfies Record<string, Setting<unknown>>;

type Settings = typeof SETTINGS;
export type SettingName = keyof Settings;

/** The validated configuration; see each setting above for its variable, flag and default. */
export type EnvConfig = { readonly [K in SettingName]: NonNullable<ReturnType<Settings[K]['parse']>> };

/** Flag values as given on the command line (strings), keyed by setting; absent flags fall back to the environment. */
export type FlagValues = Partial<Record<SettingName, string | undefined>>;

function read<K extends SettingName>(key: K, env: NodeJS.ProcessEnv, flags: FlagValues): EnvConfig[K] {
  const setting: Setting<EnvConfig[K]> = SETTINGS[key] as Setting<EnvConfig[K]>;
  const flag = flags[key];
  const fromEnv = env[setting.env];
  // An empty variable counts as unset: compose files and shells often pass `VAR=` for "nothing".
  const [raw, origin] =
    flag !== undefined
      ? [flag, setting.flag ?? setting.env]
      : fromEnv !== undefined && fromEnv !== ''
        ? [fromEnv, setting.env]
        : [setting.fallback, `${setting.env} (default)`];
  const value = setting.parse(raw);
  if (value === undefined) {
    // Whatever comes before an `@` may be a password, even in a value too broken to parse.
    const shown = setting.secret ? (raw.includes('@') ? `***${raw.slice(raw.lastIndexOf('@'))}` : scrub(raw)) : raw;
    throw new OptionError(`${origin} must be ${setting.expected}, got ${JSON.stringify(shown)}`);
  }
  return value;
}

export function loadEnv(env: NodeJS.ProcessEnv = process.env, flags: FlagValues = {}): EnvConfig {
  const config = Object.fromEntries(
    (Object.keys(SETTINGS) as SettingName[]).map((key) => [key, read(key, env, flags)]),
  ) as unknown as EnvConfig;
  const known = createTopology(config.topology).map((segment) => segment.name);
  const unknown = config.segments.find((name) => !known.includes(name));
  if (unknown !== undefined) {
    const origin = flags.segments !== undefined ? '--segments' : 'CLEANWIRE_SEGMENTS';
    throw new OptionError(
      `${origin}: ${JSON.stringify(unknown)} is not a segment of the ${JSON.stringify(config.topology)} topology (segments: ${known.join(', ')})`,
    );
  }
  return config;
}

/** The password in a Redis URL, as given and decoded. */
function urlPassword(url: string): string[] {
  try {
    const { password } = new URL(url);
    return password ? [password, decodeURIComponent(password)] : [];
  } catch {
    return [];
  }
}

/**
 * The configuration of this process: its environment, overridden by the flags given. Its
 * passwords are registered with the logger, which masks them wherever they would appear.
 */
export function loadConfig(flags: FlagValues = {}): EnvConfig {
  // biome-ignore lint/complexity/useLiteralKeys: an index signature.
  addSecrets(...urlPassword(process.env['REDIS_URL'] ?? ''), process.env['CLEANWIRE_DASHBOARD_PASSWORD']);
  const config = loadEnv(process.env, flags);
  addSecrets(...urlPassword(config.redisUrl), config.dashboardPassword);
  return config;
}
