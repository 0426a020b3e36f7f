/**
 * A real 3-master Redis Cluster for the tests: three `redis-server --cluster-enabled yes` on free
 * ports, each in its own temp folder, joined by `redis-cli --cluster create` with no replicas, and
 * ready once every node reports `cluster_state:ok`. Stopped (and its folders removed) by stop().
 */
import { type ChildProcess, execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, NO_REDIS_MESSAGE, redisServerAvailable, spawnRedisServer, stopRedisServer } from './redis-server.js';

const run = promisify(execFile);

export interface RunningCluster {
  readonly ports: readonly number[];
  /** REDIS_CLUSTER_NODES for cleanwire: `127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3`. */
  readonly nodes: string;
  /** `redis-cli -p P <args>` on one node. */
  cli(port: number, ...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

/** One cluster node: a redis-server with cluster mode on (and the password, for node-to-node links too). */
function startNode(port: number, dir: string, password?: string): Promise<ChildProcess> {
  return spawnRedisServer(port, dir, [
    ...(password ? ['--requirepass', password, '--masterauth', password] : []),
    '--cluster-enabled',
    'yes',
    '--cluster-config-file',
    join(dir, 'nodes.conf'),
    '--cluster-node-timeout',
    '5000',
  ]);
}

/** Keys whose name holds `fragment`, on each master (in the order of `ports`). */
export async function keysPerMaster(ports: readonly number[], fragment: string): Promise<number[]> {
  return Promise.all(
    ports.map(async (port) => {
      const { stdout } = await run(
        'redis-cli',
        ['-h', '127.0.0.1', '-p', String(port), '--scan', '--pattern', `*${fragment}*`],
        { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
      );
      return stdout.split('\n').filter(Boolean).length;
    }),
  );
}

interface MasterInfo {
  readonly id: string;
  readonly port: number;
  readonly slots: readonly (readonly [number, number])[];
}

/** The masters and the slot ranges each serves, from `CLUSTER NODES`. */
async function masters(port: number): Promise<MasterInfo[]> {
  const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'cluster', 'nodes']);
  return stdout
    .split('\n')
    .map((line) => line.trim().split(' '))
    .filter((fields) => fields[2]?.includes('master'))
    .map((fields) => ({
      id: fields[0] as string,
      port: Number(/:(\d+)@/.exec(fields[1] ?? '')?.[1]),
      slots: fields
        .slice(8)
        .filter((range) => /^\d+(-\d+)?$/.test(range))
        .map((range) => {
          const [from, to = from] = range.split('-').map(Number) as [number, number?];
          return [from, to] as const;
        }),
    }));
}

/**
 * Moves the slot of `key` to another master the way `redis-cli --cluster reshard` moves a slot:
 * IMPORTING on the target, MIGRATING on the source, MIGRATE of its keys in batches, then NODE on
 * both. Clients in the meantime get ASK and TRYAGAIN replies, then MOVED. Returns the new port.
 */
export async function migrateSlotOf(anyPort: number, key: string): Promise<number> {
  const redis = (port: number, ...args: string[]) =>
    run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args]).then(({ stdout }) => stdout.trim());
  const slot = Number(await redis(anyPort, 'cluster', 'keyslot', key));
  const all = await masters(anyPort);
  const from = all.find((m) => m.slots.some(([a, b]) => slot >= a && slot <= b));
  const to = all.find((m) => m !== from);
  if (!from || !to) throw new Error(`no owner or no other master for slot ${slot}`);
  await redis(to.port, 'cluster', 'setslot', String(slot), 'importing', from.id);
  await redis(from.port, 'cluster', 'setslot', String(slot), 'migrating', to.id);
  for (;;) {
    const keys = (await redis(from.port, 'cluster', 'getkeysinslot', String(slot), '50')).split('\n').filter(Boolean);
    if (keys.length === 0) break;
    await redis(from.port, 'migrate', '127.0.0.1', String(to.port), '', '0', '10000', 'keys', ...keys);
  }
  // The target first, then the source, then the rest: the order Redis's own resharding uses.
  for (const m of [to, from, ...all.filter((m) => m !== to && m !== from)])
    await redis(m.port, 'cluster', 'setslot', String(slot), 'node', to.id);
  return to.port;
}

export async function startRedisCluster(masters = 3, password?: string): Promise<RunningCluster> {
  if (!redisServerAvailable()) throw new Error(NO_REDIS_MESSAGE);
  const ports: number[] = [];
  while (ports.length < masters) {
    const port = await freePort();
    // A node also listens on port + 10000 (the cluster bus): both must be free and distinct.
    if (port + 10_000 <= 65_535 && !ports.includes(port) && !ports.some((p) => Math.abs(p - port) === 10_000))
      ports.push(port);
  }
  const dirs = ports.map(() => mkdtempSync(join(tmpdir(), 'cleanwire-cluster-')));
  const children: ChildProcess[] = [];
  // REDISCLI_AUTH, not -a: the password stays off the command line (and out of redis-cli's warning).
  const auth = { env: { ...process.env, ...(password ? { REDISCLI_AUTH: password } : {}) }, timeout: 60_000 };
  const cli = async (port: number, ...args: string[]) =>
    (await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], auth)).stdout;
  const stop = async () => {
    await Promise.all(children.map((child) => stopRedisServer(child, 'SIGTERM')));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const [i, port] of ports.entries()) children.push(await startNode(port, dirs[i] as string, password));
    await run(
      'redis-cli',
      ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'],
      auth,
    );
    const deadline = Date.now() + 30_000;
    for (const port of ports) {
      while (!(await cli(port, 'cluster', 'info')).includes('cluster_state:ok')) {
        if (Date.now() > deadline) throw new Error(`cluster_state is not ok on port ${port}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    ports,
    nodes: ports.map((p) => `127.0.0.1:${p}`).join(','),
    cli,
    stop,
  };
}
