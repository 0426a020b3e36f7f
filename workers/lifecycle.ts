/**
 * Process lifecycle shared by the long-running entry points: a first SIGTERM or SIGINT starts a
 * graceful shutdown, a second one exits at once. `docker compose stop` sends SIGTERM and waits
 * `stop_grace_period` before SIGKILL, so the grace period (CLEANWIRE_GRACE_MS) is shorter than it.
 */
import { Worker } from 'node:worker_threads';
import { errorMessage, type Logger } from '../src/log.js';

export function untilSignal(logger: Logger): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received: NodeJS.Signals | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      if (received) {
        logger.warn({ signal }, 'second signal: exiting now');
        process.exit(130);
      }
      received = signal;
      resolve(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

/**
 * Starting needs Redis, and a client waits for Redis for as long as it takes: a signal that
 * comes first ends the process instead of waiting with it.
 */
export async function startOrStop<T>(name: string, start: Promise<T>, signal: Promise<NodeJS.Signals>): Promise<T> {
  const first = await Promise.race([start, signal.then((received) => ({ received }))]);
  if (typeof first === 'object' && first !== null && 'received' in first) {
    announce(name, 'stopped', { signal: String(first.received), before: 'ready' });
    process.exit(0);
  }
  return first as T;
}

/**
 * Anything thrown that nothing caught becomes one JSON line (scrubbed message, no stack, no
 * error object dump with its command arguments) and exit status 1, instead of Node's raw report.
 */
export function logCrashes(logger: Logger): void {
  const crash = (error: unknown, what: string) => {
    logger.fatal({ err: errorMessage(error) }, what);
    process.exit(1);
  };
  process.on('uncaughtException', (error) => crash(error, 'uncaught exception'));
  process.on('unhandledRejection', (error) => crash(error, 'unhandled rejection'));
}

/**
 * A backstop for the grace period that does not need this thread: CPU-bound work on the event
 * loop (a huge document in a text stage) keeps every timer of this thread from firing, so a
 * second thread kills the process `ms` after it starts, unless `cancel` is called first. Jobs
 * the process held stall and another worker takes them over, as after a crash.
 */
export function graceWatchdog(ms: number, name: string): { cancel(): void } {
  const source = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
setTimeout(() => {
  writeSync(2, JSON.stringify({ level: 50, time: Date.now(), pid: workerData.pid, name: workerData.name,
    msg: 'grace period over while a job kept the event loop busy: killing the process', grace_ms: workerData.ms }) + '\\n');
  process.kill(workerData.pid, 'SIGKILL');
}, workerData.ms);`;
  const thread = new Worker(source, { eval: true, workerData: { pid: process.pid, ms, name } });
  thread.unref();
  return {
    cancel() {
      void thread.terminate();
    },
  };
}

/** Whether `work` finished within the grace period. */
export async function withinGrace(work: Promise<unknown>, graceMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), graceMs);
  });
  try {
    return await Promise.race([work.then(() => true), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Exits with the code once shutdown is done, even if a library left a handle open. */
export function exitAfterShutdown(code: number): void {
  process.exitCode = code;
  setTimeout(() => process.exit(code), 1000).unref();
}

/**
 * The events an operator looks for (ready, stopping, stopped) as one JSON line on stderr, in the
 * shape of the pino job logs (`level`, `time`, `name`, `msg`) with the event's fields beside them,
 * whatever the log level: `{"msg":"cleanwire worker ready","event":"ready","prefix":…}`.
 */
export function announce(name: string, event: string, fields: Readonly<Record<string, string | number>> = {}): void {
  const line = {
    level: 30,
    time: Date.now(),
    pid: process.pid,
    name: `cleanwire-${name}`,
    msg: `cleanwire ${name} ${event}`,
    event,
    ...fields,
  };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}
