/**
 * The process logger: pino, JSON lines on stderr (stdout stays free for command output), one
 * line per event. LOG_LEVEL is read by the config loader and passed in; `silent` turns logging off.
 *
 * Every string that goes into a line is scrubbed of secrets first: the passwords this process
 * knows (registered with `addSecrets` by the config loader), passwords in URLs
 * (`redis://user:pass@`) and the arguments of AUTH commands (ioredis puts `AUTH default <pass>`
 * in some errors). Errors are logged by their scrubbed message, never as a raw stack.
 */
import { type Logger, pino } from 'pino';

export type { Logger };

const secrets = new Set<string>();

/** Secrets of this process (passwords), to be masked wherever they appear in log lines and messages. */
export function addSecrets(...values: readonly (string | undefined)[]): void {
  // Very short values would mask ordinary words; a one-character password is not worth that.
  for (const value of values) if (value && value.length >= 3) secrets.add(value);
}

const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]*@/gi;
const AUTH_ARGS = /\b(AUTH)\b((?:[\s,"'[\]]+[^\s,"'[\]]+){1,2})/gi;

/** The text with every known secret, URL password and AUTH argument replaced by `***`. */
export function scrub(text: string): string {
  let out = text.replace(URL_PASSWORD, '$1***@').replace(AUTH_ARGS, '$1 ***');
  for (const secret of secrets) {
    out = out.split(secret).join('***');
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join('***');
  }
  return out;
}

/** The scrubbed message of anything thrown, on one line. */
export function errorMessage(error: unknown): string {
  const message =
    error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  return scrub(message).replace(/\s*\n\s*/g, ' ');
}

function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (value instanceof Error) return errorMessage(value);
  if (depth > 4 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v, depth + 1)]));
}

export function createLogger(level = 'info', name = 'cleanwire'): Logger {
  return pino(
    {
      name,
      level,
      base: { pid: process.pid },
      formatters: { log: (object) => scrubValue(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => scrubValue(arg)) as Parameters<typeof method>);
        },
      },
    },
    pino.destination({ dest: 2, sync: true }),
  );
}

/** The same warning (by message) is logged once per this long, with how many were left out. */
const QUIET_MS = 10_000;

/**
 * A warning logger that says the same thing once per QUIET_MS: an outage makes ioredis report
 * every reconnect attempt, which would otherwise be dozens of identical lines.
 */
export function quietly(logger: Logger): (message: string, err: string, fields?: Record<string, unknown>) => void {
  const last = new Map<string, { at: number; skipped: number }>();
  return (message, err, fields = {}) => {
    const key = `${message}\t${err}`;
    const seen = last.get(key);
    const now = Date.now();
    if (seen && now - seen.at < QUIET_MS) {
      seen.skipped++;
      return;
    }
    last.set(key, { at: now, skipped: 0 });
    logger.warn({ ...fields, err, ...(seen?.skipped ? { repeated: seen.skipped } : {}) }, message);
  };
}
