/**
 * The one place that reads process.env. Everything else receives configuration as arguments.
 */
export interface EnvConfig {
  /** LOG_LEVEL: pino level (`fatal`..`trace`, or `silent`). Default `info`. */
  readonly logLevel: string;
}

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadEnv(env: NodeJS.ProcessEnv = process.env): EnvConfig {
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LEVELS.includes(logLevel))
    throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, got ${JSON.stringify(logLevel)}`);
  return { logLevel };
}
