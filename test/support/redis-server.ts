/**
 * A real redis-server for the tests: started on a free port in a temp folder, or taken from
 * REDIS_URL when that is set. There is no fallback that skips: without a server the suite fails
 * and says how to get one.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NO_REDIS_MESSAGE =
  'cleanwire tests need a real Redis server. Install one (Debian/Ubuntu: `sudo apt-get install redis-server`; ' +
  'macOS: `brew install redis`) so that `redis-server` is on PATH and the tests start their own on a free port, ' +
  'or point REDIS_URL at a running server (e.g. REDIS_URL=redis://127.0.0.1:6379).';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface RunningRedis {
  readonly url: string;
  readonly port: number;
  /** The server's working folder (its AOF lives there). */
  readonly dir: string;
  stop(): Promise<void>;
  /** SIGKILL: no shutdown, no final write; the folder is kept for a restart. */
  kill(): Promise<void>;
}

export interface RedisServerOptions {
  /** Extra redis-server arguments (`--requirepass`, `--appendonly yes`, ...). */
  readonly args?: readonly string[];
  /** Reuse a port and folder, to restart a server that was killed. */
  readonly port?: number;
  readonly dir?: string;
  /** Put in the URL (for a server started with --requirepass). */
  readonly password?: string;
}

export function redisServerAvailable(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Starts `redis-server` on `port` with its files in `dir` (no snapshots, no AOF, noeviction, plus
 * `args`) and resolves once it accepts connections; rejects with its log if it exits or is not
 * ready within 10 s. One server of the suite's, or one node of its cluster.
 */
export async function spawnRedisServer(port: number, dir: string, args: readonly string[]): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      'noeviction',
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout?.on('data', (d: Buffer) => {
    log += d.toString();
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start on port ${port}:\n${log}`)), 10_000);
    const check = setInterval(() => {
      if (log.includes('Ready to accept connections')) {
        clearTimeout(timer);
        clearInterval(check);
        resolve();
      }
    }, 25);
    child.on('exit', (code) => {
      clearTimeout(timer);
      clearInterval(check);
      reject(new Error(`redis-server on port ${port} exited with code ${code}:\n${log}`));
    });
  });
  child.removeAllListeners('exit');
  return child;
}

/** Ends a server started by spawnRedisServer with `signal` and waits for it to exit. */
export async function stopRedisServer(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RunningRedis> {
  if (!redisServerAvailable()) throw new Error(NO_REDIS_MESSAGE);
  const port = options.port ?? (await freePort());
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'cleanwire-redis-'));
  const child = await spawnRedisServer(port, dir, options.args ?? []);
  return {
    url: `redis://${options.password ? `:${encodeURIComponent(options.password)}@` : ''}127.0.0.1:${port}`,
    port,
    dir,
    async stop() {
      await stopRedisServer(child, 'SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
    kill: () => stopRedisServer(child, 'SIGKILL'),
  };
}
