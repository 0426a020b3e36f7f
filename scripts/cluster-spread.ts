/**
 * How cleanwire's keys spread over a Redis Cluster: starts a 3-master cluster on free ports (as
 * the tests do), runs one worker per topology over the input (default: the seeds) with
 * `enqueue --wait`, and prints the keys of that run on each master. Stops the cluster at the end.
 * Usage: node --import tsx scripts/cluster-spread.ts [input-dir]
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TOPOLOGY_NAMES } from '../src/pipeline/topology.js';
import { keysPerMaster, startRedisCluster } from '../test/support/redis-cluster.js';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'bin/cleanwire.js');
const input = resolve(process.argv[2] ?? join(root, 'seeds/input'));
const cluster = await startRedisCluster();
try {
  for (const topology of TOPOLOGY_NAMES) {
    const prefix = `spread-${topology}-${process.pid}`;
    const env = {
      ...process.env,
      REDIS_CLUSTER_NODES: cluster.nodes,
      CLEANWIRE_PREFIX: prefix,
      CLEANWIRE_TOPOLOGY: topology,
      CLEANWIRE_OUT: mkdtempSync(join(tmpdir(), 'cleanwire-spread-')),
      LOG_LEVEL: 'error',
    };
    const worker = spawn(process.execPath, [cli, 'worker'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    await new Promise<void>((ready) => {
      worker.stderr.on('data', (d: Buffer) => {
        if (d.toString().includes('cleanwire worker ready')) ready();
      });
    });
    // enqueue prints its summary on stderr.
    const summary = spawnSync(process.execPath, [cli, 'enqueue', input, '--wait', '--no-progress'], {
      env,
      encoding: 'utf8',
    }).stderr;
    worker.kill('SIGTERM');
    await new Promise((exited) => worker.once('exit', exited));
    const keys = await keysPerMaster(cluster.ports, prefix);
    process.stdout.write(`${topology}: keys per master ${keys.join(' / ')}; ${summary.trim().split('\n').at(-1)}\n`);
  }
} finally {
  await cluster.stop();
}
