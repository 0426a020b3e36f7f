/**
 * Long-running cleanwire processes for the queue tests (workers, watchers, the dashboard), started
 * the way users start them, with their output kept for assertions and cleanup on the way out.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { BIN, ROOT } from './cli.js';

export interface Running {
  readonly child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** Resolves once the output contains `text`. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  /** Resolves with how the process ended, once it has. */
  exited(): Promise<{ code: number | null; signal: string | null }>;
  /** Sends the signal and resolves with how the process ended and how long that took. */
  stop(
    signal?: NodeJS.Signals,
    timeoutMs?: number,
  ): Promise<{ code: number | null; signal: string | null; ms: number }>;
}

/**
 * How long to wait for a process to get ready, do a small piece of work or shut down gracefully
 * before calling it hung. Generous: on a shared 2-core machine a process's wall time is many times
 * its CPU time (a `cleanwire --version` took 19 s of wall for 0.9 s of CPU at load 20).
 */
export const PATIENCE_MS = 120_000;

const running = new Set<Running>();

export function startProcess(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Running {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const handle: Running = {
    child,
    output: () => out,
    exited: () => exited,
    async waitFor(text, timeoutMs = PATIENCE_MS) {
      const deadline = Date.now() + timeoutMs;
      const found = () => (typeof text === 'string' ? out.includes(text) : text.test(out));
      while (!found()) {
        if (child.exitCode !== null) throw new Error(`process exited (${child.exitCode}) before ${text}:\n${out}`);
        if (Date.now() > deadline) throw new Error(`no ${text} within ${timeoutMs} ms:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop(signal = 'SIGTERM', timeoutMs = PATIENCE_MS) {
      const started = Date.now();
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const result = await exited;
      clearTimeout(timer);
      running.delete(handle);
      return { ...result, ms: Date.now() - started };
    },
  };
  running.add(handle);
  return handle;
}

/** `cleanwire <args>` through bin/cleanwire.js, as a long-running process. */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Running {
  return startProcess(process.execPath, [BIN, ...args], env);
}

/** Kills whatever a test left running (afterEach). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((r) => r.stop('SIGKILL', 5_000)));
}

/** A Redis key prefix no other test uses. */
export function uniquePrefix(name: string): string {
  return `t-${name}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

export function readLines(path: string): string[] {
  try {
    // Complete lines only: a record of many megabytes is one write(2), but a reader polling the
    // file meanwhile may see part of it before its newline.
    return readFileSync(path, 'utf8').split('\n').slice(0, -1).filter(Boolean);
  } catch {
    return [];
  }
}

/** Polls until `check` returns true. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = PATIENCE_MS,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const WORDS = (
  'council harbour budget rail minister river school storm court market energy farmers bridge election ' +
  'hospital village museum festival airport water police report council teachers project contract ' +
  'union coast forest housing trade plan vote summer winter night morning city region country week'
).split(' ');

/** A made-up article, different for every n and stable across runs: a headline and three paragraphs. */
export function articleText(n: number): string {
  let state = (n + 1) * 2654435761;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return WORDS[state % WORDS.length] as string;
  };
  const sentence = (words: number) => {
    const parts = Array.from({ length: words }, next);
    return `${parts.join(' ').replace(/^./, (c) => c.toUpperCase())} (${n}).`;
  };
  const headline = `Story ${n}: ${next()} ${next()} ${next()}`;
  const paragraphs = [`${sentence(14)} ${sentence(10)}`, sentence(18), `${sentence(12)} ${sentence(9)}`];
  return `${[headline, ...paragraphs].join('\n')}\n`;
}

/** About `bytes` of made-up article text, different for every n (one site each: sites learn shared lines). */
export function bigArticle(n: number, bytes: number): string {
  let text = '';
  for (let i = 0; text.length < bytes; i++) text += `${articleText(n * 100_000 + i)}\n`;
  return text;
}

/** The fields of the first lifecycle line (`cleanwire NAME EVENT`, JSON) in a process's output. */
export function lifecycle(output: string, name: string, event: string): Record<string, unknown> | undefined {
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const record = JSON.parse(line) as Record<string, unknown>;
      if (record.msg === `cleanwire ${name} ${event}`) return record;
    } catch {
      // Not a JSON line: not a lifecycle line either.
    }
  }
  return undefined;
}
