/**
 * The process logger: pino, JSON lines on stderr (stdout stays free for command output).
 * LOG_LEVEL is read by the config loader and passed in; `silent` turns logging off.
 */
import { type Logger, pino } from 'pino';

export type { Logger };

export function createLogger(level = 'info', name = 'cleanwire'): Logger {
  return pino({ name, level, base: { pid: process.pid } }, pino.destination({ dest: 2, sync: true }));
}
