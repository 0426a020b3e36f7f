/**
 * There is no Docker engine in CI: the compose file and the Dockerfile are checked as text, and
 * each service's command runs here as a plain process against the test Redis, with the container
 * paths mapped to temp folders: it must start (its ready line) and stop on SIGTERM within the
 * service's stop_grace_period.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, ROOT, tempDir } from './support/cli.js';
import {
  articleText,
  eventually,
  PATIENCE_MS,
  type Running,
  readLines,
  startProcess,
  stopAll,
  uniquePrefix,
} from './support/queue-processes.js';
import { freePort } from './support/redis-server.js';

interface Service {
  image?: string;
  build?: string;
  command: string[];
  init?: boolean;
  stop_grace_period?: string;
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  healthcheck?: { test: string[]; interval?: string; timeout?: string };
  container_name?: string;
}

const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};
const services = compose.services;
const service = (name: string): Service => {
  const s = services[name];
  if (!s) throw new Error(`no service ${name}`);
  return s;
};
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

function durationMs(value: string | undefined): number {
  const match = /^(\d+)(ms|s|m)$/.exec(value ?? '');
  if (!match) throw new Error(`unsupported duration ${value}`);
  return Number(match[1]) * { ms: 1, s: 1000, m: 60_000 }[match[2] as 'ms' | 's' | 'm'];
}

/** `a:b` -> [a, b] for a volume or port mapping. */
const mapping = (spec: string) => {
  const parts = spec.split(':');
  return [parts.slice(0, -1).join(':'), parts.at(-1)];
};

afterAll(stopAll);

describe('docker-compose.yml', () => {
  it('has redis, a scalable worker, the watcher and the dashboard', () => {
    expect(Object.keys(services).sort()).toEqual(['dashboard', 'redis', 'watcher', 'worker']);
  });

  it('runs Redis with AOF every second, noeviction, a volume and a ping healthcheck', () => {
    const redis = service('redis');
    expect(redis.image).toMatch(/^redis:(7|8)(\.\d+)*$/);
    const args = redis.command.join(' ');
    expect(redis.command[0]).toBe('redis-server');
    expect(args).toContain('--appendonly yes');
    expect(args).toContain('--appendfsync everysec');
    expect(args).toContain('--maxmemory-policy noeviction');
    const [volume, target] = mapping(redis.volumes?.[0] ?? '');
    expect(target).toBe('/data');
    expect(Object.keys(compose.volumes ?? {})).toContain(volume);
    expect(redis.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
  });

  it('builds the app services from the Dockerfile, after Redis is healthy, with init and a grace period longer than theirs', () => {
    for (const name of ['worker', 'watcher', 'dashboard']) {
      const s = service(name);
      expect(s.build, name).toBe('.');
      expect(s.init, name).toBe(true);
      expect(s.depends_on, name).toEqual({ redis: { condition: 'service_healthy' } });
      expect(s.environment?.REDIS_URL, name).toBe('redis://redis:6379');
      expect(durationMs(s.stop_grace_period), name).toBeGreaterThan(0);
    }
    // Docker's SIGKILL must not come before the jobs' own grace period is over.
    for (const name of ['worker', 'watcher']) {
      const s = service(name);
      expect(durationMs(s.stop_grace_period), name).toBeGreaterThan(Number(s.environment?.CLEANWIRE_GRACE_MS));
    }
    const worker = service('worker');
    expect(worker.command).toEqual(['cleanwire', 'worker']);
    // --scale worker=N: nothing that only one container can have.
    expect(worker.container_name).toBeUndefined();
    expect(worker.ports).toBeUndefined();
    expect(worker.volumes).toEqual([`./out:${worker.environment?.CLEANWIRE_OUT}`]);
  });

  it('mounts the inbox and the output folder into the watcher, and binds the dashboard to localhost', () => {
    const watcher = service('watcher');
    expect(watcher.command.slice(0, 2)).toEqual(['cleanwire', 'watch']);
    expect(watcher.volumes).toEqual([`./inbox:${watcher.command[2]}`, `./out:${watcher.environment?.CLEANWIRE_OUT}`]);
    const dashboard = service('dashboard');
    expect(dashboard.command).toEqual(['node', 'dist/workers/dashboard.js']);
    expect(dashboard.ports).toEqual([`127.0.0.1:3000:${dashboard.environment?.CLEANWIRE_DASHBOARD_PORT}`]);
  });

  it('checks the worker and the dashboard with node calling /healthz (the image has no curl)', () => {
    for (const name of ['worker', 'dashboard']) {
      const test = service(name).healthcheck?.test ?? [];
      expect(test.slice(0, 3), name).toEqual(['CMD', 'node', '-e']);
      expect(test[3], name).toContain('/healthz');
      expect(durationMs(service(name).healthcheck?.timeout), name).toBeLessThan(
        durationMs(service(name).healthcheck?.interval),
      );
    }
    expect(service('worker').environment?.CLEANWIRE_METRICS_PORT).toMatch(/^\d+$/);
  });
});

describe('Dockerfile', () => {
  it('builds in one stage and runs production dependencies and dist/ as the node user on the current LTS', () => {
    const froms = [...dockerfile.matchAll(/^FROM (\S+)(?: AS (\S+))?$/gm)].map((m) => [m[1], m[2]]);
    expect(froms).toEqual([
      ['node:26-slim', 'build'],
      ['node:26-slim', 'runtime'],
    ]);
    expect(dockerfile).toContain('RUN npm run build');
    expect(dockerfile).toContain('RUN npm ci --omit=dev');
    expect(dockerfile).toContain('COPY --from=build /app/dist ./dist');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toContain('exec node /app/dist/src/cli/main.js "$@"');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.build).toBe('tsc -p tsconfig.build.json');
    const build = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as {
      compilerOptions: { outDir: string; rootDir: string };
      include: string[];
    };
    expect(build.compilerOptions).toMatchObject({ outDir: 'dist', rootDir: '.' });
    expect(build.include).toEqual(['src', 'workers']);
    // dist/workers/dashboard.js and dist/src/cli/main.js come from these sources.
    expect(existsSync(join(ROOT, 'workers/dashboard.ts')) && existsSync(join(ROOT, 'src/cli/main.ts'))).toBe(true);
  });
});

describe('the services, run as plain processes', () => {
  it('Redis starts with the compose command and answers its healthcheck', async () => {
    const dir = tempDir();
    const port = await freePort();
    const [server, ...args] = service('redis').command;
    const redis = startProcess(server as string, [
      ...args,
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
    ]);
    await redis.waitFor('Ready to accept connections', PATIENCE_MS);
    const cli = (...a: string[]) => execFileSync('redis-cli', ['-p', String(port), ...a], { encoding: 'utf8' }).trim();
    const [, program, ...check] = service('redis').healthcheck?.test ?? [];
    expect(execFileSync(program as string, ['-p', String(port), ...check], { encoding: 'utf8' }).trim()).toBe('PONG');
    expect(cli('config', 'get', 'appendonly')).toBe('appendonly\nyes');
    expect(cli('config', 'get', 'appendfsync')).toBe('appendfsync\neverysec');
    expect(cli('config', 'get', 'maxmemory-policy')).toBe('maxmemory-policy\nnoeviction');
    expect((await redis.stop('SIGTERM')).code).toBe(0);
  });

  it('worker, watcher and dashboard start, clean a file dropped into the inbox, and stop within their grace period', async () => {
    const inbox = tempDir();
    const out = tempDir();
    const port = await freePort();
    const metricsPort = await freePort();
    const paths: Record<string, string> = { '/data/inbox': inbox, '/data/out': out };
    const envs: Record<string, NodeJS.ProcessEnv> = {};
    const local = (value: string) => paths[value] ?? value;
    const run = (name: string): Running => {
      const s = service(name);
      const env = Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, local(v)]));
      Object.assign(env, {
        REDIS_URL: inject('redisUrl'),
        CLEANWIRE_PREFIX: prefix,
        CLEANWIRE_DASHBOARD_HOST: '127.0.0.1',
        CLEANWIRE_DASHBOARD_PORT: String(port),
        CLEANWIRE_METRICS_HOST: '127.0.0.1',
        CLEANWIRE_METRICS_PORT: String(metricsPort),
        LOG_LEVEL: 'error',
      });
      envs[name] = env;
      const [program, ...args] = s.command.map(local);
      // The image's `cleanwire` runs dist/src/cli/main.js, and dist/workers/X.js is workers/X.ts compiled.
      if (program === 'cleanwire') return startProcess(process.execPath, [BIN, ...args], env);
      const compiled = /^dist\/(workers\/[\w-]+)\.js$/.exec(args[0] ?? '');
      if (program !== 'node' || !compiled) throw new Error(`unexpected command ${s.command.join(' ')}`);
      return startProcess(process.execPath, ['--import', 'tsx', `${compiled[1]}.ts`, ...args.slice(1)], env);
    };
    const prefix = uniquePrefix('compose');
    const names = ['worker', 'watcher', 'dashboard'];
    const processes = names.map(run);
    await Promise.all(
      processes.map((p, i) => p.waitFor(`cleanwire ${names[i] === 'watcher' ? 'watch' : names[i]} ready`)),
    );

    writeFileSync(join(inbox, 'story.txt'), articleText(5));
    await eventually(() => readLines(join(out, 'articles.jsonl')).length === 1, PATIENCE_MS, 'the article');
    expect(readFileSync(join(out, 'story.txt'), 'utf8')).toBe(articleText(5));
    expect(existsSync(join(inbox, 'processed/story.txt'))).toBe(true);
    const response = await fetch(`http://127.0.0.1:${port}/api/queues`);
    const body = (await response.json()) as { queues: { name: string; counts: Record<string, number> }[] };
    expect(body.queues.map((q) => q.name)).toEqual([
      'segment-ingest',
      'segment-clean',
      'segment-cross-document',
      'segment-emit',
      'articles',
    ]);
    expect(body.queues.find((q) => q.name === 'articles')?.counts.waiting).toBe(1);

    // Docker's healthchecks, run as Docker runs them: the command in the service's environment.
    for (const name of ['worker', 'dashboard']) {
      const [, program, ...args] = service(name).healthcheck?.test ?? [];
      expect(program).toBe('node');
      execFileSync(process.execPath, args, { env: { ...process.env, ...envs[name] }, timeout: 10_000 });
    }

    for (const [i, p] of processes.entries()) {
      // As compose does: SIGTERM, then SIGKILL once stop_grace_period is over. Ending by itself
      // with status 0 (no SIGKILL) is ending within it.
      const stopped = await p.stop('SIGTERM', durationMs(service(names[i] as string).stop_grace_period));
      expect(stopped, names[i]).toMatchObject({ code: 0, signal: null });
    }
  });
});
