/**
 * `npm run bench` (last table): queue mode against a no-op BullMQ pipeline of the same topology
 * and payloads, measured in the same run, so that the ratio holds on a busy machine.
 *
 * Both runs: a redis-server of their own (this script starts one on a free port), WORKERS worker
 * processes (default 2) on the default topology, started and ready before the clock starts, then
 * `cleanwire enqueue INPUT --wait` timed until every document has its article or rejection.
 * - no-op: scripts/bench-queue-noop-worker.ts, a cleanwire worker whose only stage decodes the
 *   input bytes (same queues, job options, ledger, output files; nothing cleaned);
 * - cleanwire: `cleanwire worker`, text stages on its worker threads.
 * Input: the development corpus (../shared/eval/noise.mjs, seed 7), else the committed parity
 * corpus. Rounds alternate no-op and cleanwire; the ratio is no-op seconds / cleanwire seconds
 * (1.0: cleaning is free; the issue asks >= 0.5).
 *
 *   npx tsx scripts/bench-queue.ts [--workers 2] [--rounds 1] [--topology default] [--eval ../shared/eval] [--cpu-prof DIR]
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildDevCorpus } from './dev-corpus.js';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/cleanwire.js');
const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '1' },
    topology: { type: 'string', default: 'default' },
    eval: { type: 'string', default: resolve(ROOT, '../shared/eval') },
    keep: { type: 'boolean', default: false },
    // Worker processes write V8 CPU profiles here (one per thread; node /work/briefs/top.mjs reads them).
    'cpu-prof': { type: 'string' },
  },
});
const workerCount = Number(values.workers);
const rounds = Number(values.rounds);
const work = mkdtempSync(join(tmpdir(), 'cleanwire-bench-queue-'));
const children = new Set<ChildProcess>();

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

function start(args: readonly string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'pipe' });
  children.add(child);
  child.on('exit', () => children.delete(child));
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return { child, output: () => out };
}

async function until(check: () => boolean, what: string, output: () => string): Promise<void> {
  for (let i = 0; i < 6000 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!check()) throw new Error(`no ${what}:\n${output()}`);
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((r) => child.once('exit', r));
}

/**
 * CPU seconds a live process used so far, all its threads (utime + stime of /proc/PID/stat), or
 * only its main thread (`main`: /proc/PID/task/PID/stat), the one that runs BullMQ, the ledger,
 * the output and the cross-document stages: on a loaded machine it sets the pace.
 */
function cpuSeconds(pid: number | undefined, main = false): number {
  if (pid === undefined) return 0;
  const stat = readFileSync(main ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

function corpus(): { input: string; name: string } {
  if (existsSync(join(values.eval, 'noise.mjs'))) {
    return { input: buildDevCorpus(values.eval, join(work, 'dev')), name: 'dev corpus (seed 7)' };
  }
  return { input: join(ROOT, 'test/fixtures/parity-corpus'), name: 'parity corpus (no ../shared/eval)' };
}

function redisCli(...args: string[]): string {
  return execFileSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' });
}

/** Calls per command since the last `config resetstat` (INFO commandstats). */
function commandStats(): Map<string, number> {
  const calls = new Map<string, number>();
  for (const m of redisCli('info', 'commandstats').matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
    calls.set(m[1] as string, Number(m[2]));
  }
  return calls;
}

/** Bytes Redis received and sent since the last `config resetstat` (INFO stats): payloads and replies. */
function netBytes(): { in: number; out: number } {
  const stats = redisCli('info', 'stats');
  const of = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(stats)?.[1] ?? 0);
  return { in: of('total_net_input_bytes'), out: of('total_net_output_bytes') };
}

const lines = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean).length : 0);

async function run(kind: 'no-op' | 'cleanwire', redisUrl: string, input: string, round: number) {
  const prefix = `bench-${kind}-${round}-${process.pid}`;
  const out = join(work, `out-${kind}-${round}`);
  const env = {
    REDIS_URL: redisUrl,
    CLEANWIRE_PREFIX: prefix,
    CLEANWIRE_TOPOLOGY: values.topology,
    CLEANWIRE_OUT: out,
    LOG_LEVEL: 'warn',
  };
  const profile = values['cpu-prof']
    ? ['--cpu-prof', `--cpu-prof-dir=${resolve(values['cpu-prof'], `${kind}-${round}`)}`]
    : [];
  const args =
    kind === 'no-op'
      ? [...profile, '--import', 'tsx', join(ROOT, 'scripts/bench-queue-noop-worker.ts')]
      : [...profile, BIN, 'worker'];
  const workers = Array.from({ length: workerCount }, () => start(args, env));
  for (const w of workers) await until(() => w.output().includes('cleanwire worker ready'), 'ready worker', w.output);
  // Each run on an empty Redis (the no-op and cleanwire alternate on one server), counts from zero.
  redisCli('flushall');
  redisCli('config', 'resetstat');
  const cpuBefore = workers.reduce((n, w) => n + cpuSeconds(w.child.pid), 0) + cpuSeconds(server.pid);
  const redisBefore = cpuSeconds(server.pid);
  const mainBefore = workers.map((w) => cpuSeconds(w.child.pid, true));
  const started = performance.now();
  const enqueue = start([BIN, 'enqueue', input, '--wait', '--no-progress', '--timeout', '3600'], env);
  const code = await exited(enqueue.child);
  const seconds = (performance.now() - started) / 1000;
  // Commands Redis ran for the whole run (workers and the enqueue command): a count the load cannot blur.
  const commands = commandStats();
  const net = netBytes();
  if (code !== 0) throw new Error(`enqueue (${kind}) exited ${code}:\n${enqueue.output()}`);
  // Workers and Redis: the enqueue command is the same in both runs.
  const cpu = workers.reduce((n, w) => n + cpuSeconds(w.child.pid), 0) + cpuSeconds(server.pid) - cpuBefore;
  // redis-server alone: the store's scripts run there.
  const redis = cpuSeconds(server.pid) - redisBefore;
  // The busiest worker's main thread.
  const main = Math.max(...workers.map((w, i) => cpuSeconds(w.child.pid, true) - (mainBefore[i] ?? 0)));
  for (const w of workers) w.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => exited(w.child)));
  const outputs = lines(join(out, 'articles.jsonl')) + lines(join(out, 'rejected.jsonl'));
  rmSync(out, { recursive: true, force: true });
  return { seconds, cpu, main, redis, outputs, commands, net };
}

const port = await freePort();
const server = spawn(
  'redis-server',
  ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
  {
    cwd: work,
    stdio: 'ignore',
  },
);
children.add(server);
const redisUrl = `redis://127.0.0.1:${port}`;
try {
  for (let i = 0; i < 100; i++) {
    try {
      execFileSync('redis-cli', ['-p', String(port), 'ping'], { stdio: 'ignore' });
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const { input, name } = corpus();
  const docs = filesUnder(input).length;
  const mb = filesUnder(input).reduce((n, f) => n + readFileSync(f).length, 0) / 1e6;
  const results: {
    kind: string;
    seconds: number;
    cpu: number;
    main: number;
    redis: number;
    outputs: number;
    commands: Map<string, number>;
    net: { in: number; out: number };
  }[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const kind of ['no-op', 'cleanwire'] as const) {
      const result = await run(kind, redisUrl, input, round);
      results.push({ kind, ...result });
      process.stderr.write(
        `done: ${kind} round ${round + 1}: ${result.seconds.toFixed(2)} s, ${result.outputs} outputs\n`,
      );
    }
  }
  const mean = (kind: string, of: 'seconds' | 'cpu' | 'main' | 'redis') =>
    results.filter((r) => r.kind === kind).reduce((n, r) => n + r[of], 0) / rounds;
  /** Redis commands per document, by command, averaged over the rounds. */
  const perDoc = (kind: string) => {
    const sum = new Map<string, number>();
    for (const r of results.filter((r) => r.kind === kind)) {
      for (const [name, n] of r.commands) sum.set(name, (sum.get(name) ?? 0) + n / rounds / docs);
    }
    return sum;
  };
  /** Kilobytes per document into and out of Redis, averaged over the rounds. */
  const netPerDoc = (kind: string) => {
    const of = results.filter((r) => r.kind === kind);
    const kb = (n: number) => (n / of.length / docs / 1000).toFixed(1);
    return `${kb(of.reduce((n, r) => n + r.net.in, 0))} / ${kb(of.reduce((n, r) => n + r.net.out, 0))}`;
  };
  const totalOf = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const noop = mean('no-op', 'seconds');
  const clean = mean('cleanwire', 'seconds');
  const noopCpu = mean('no-op', 'cpu');
  const cleanCpu = mean('cleanwire', 'cpu');
  const noopMain = mean('no-op', 'main');
  const cleanMain = mean('cleanwire', 'main');
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const rows = [
    [
      `queue mode, ${values.topology} topology, ${workerCount} workers: ${name}`,
      'docs',
      'MB',
      'seconds',
      'docs/s',
      'ratio to no-op',
      'CPU s',
      'CPU ratio',
      'main thread CPU s',
      'redis-server CPU s',
      'redis commands/doc',
      'redis KB in/out per doc',
    ],
    [
      'no-op BullMQ pipeline',
      docs,
      mb.toFixed(1),
      noop.toFixed(2),
      (docs / noop).toFixed(1),
      '1.00',
      noopCpu.toFixed(1),
      '1.00',
      noopMain.toFixed(1),
      mean('no-op', 'redis').toFixed(2),
      totalOf(perDoc('no-op')).toFixed(1),
      netPerDoc('no-op'),
    ],
    [
      'cleanwire workers',
      docs,
      mb.toFixed(1),
      clean.toFixed(2),
      (docs / clean).toFixed(1),
      (noop / clean).toFixed(2),
      cleanCpu.toFixed(1),
      (noopCpu / cleanCpu).toFixed(2),
      cleanMain.toFixed(1),
      mean('cleanwire', 'redis').toFixed(2),
      totalOf(perDoc('cleanwire')).toFixed(1),
      netPerDoc('cleanwire'),
    ],
  ].map((r) => r.map(String));
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  for (const r of rows)
    process.stdout.write(
      `${r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd()}\n`,
    );
  process.stdout.write(
    `(ratio: no-op seconds / cleanwire seconds, wall; CPU: workers and redis-server, all threads; main thread: the busiest worker's; rounds: ${rounds}; outputs per run: ${results.map((r) => r.outputs).join(', ')}; load after: ${load})\n`,
  );
  for (const kind of ['no-op', 'cleanwire']) {
    const top = [...perDoc(kind)].sort((a, b) => b[1] - a[1]).map(([name, n]) => `${name} ${n.toFixed(2)}`);
    process.stdout.write(`redis commands per document, ${kind}: ${top.join(', ')}\n`);
  }
  for (const r of results) if (r.outputs === 0) throw new Error(`${r.kind} wrote nothing`);
} finally {
  for (const child of children) child.kill('SIGTERM');
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}
