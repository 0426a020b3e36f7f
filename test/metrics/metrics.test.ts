/**
 * The metrics registry and the health endpoints on a real HTTP server: stages are timed without
 * changing what they return, and a check or a Redis that never answers cannot hang a probe.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Document } from '../../src/core/document.js';
import { drop, keep, type Stage } from '../../src/core/stage.js';
import { type HealthServer, startHealthServer } from '../../src/metrics/http.js';
import { createMetrics, instrumentStage } from '../../src/metrics/metrics.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { makeDocument as document } from '../support/document.js';

let server: HealthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const never = new Promise<never>(() => {});

const change = (rule: string) => ({ stage: 'demo', rule, offset: 0, removed: 'x' });

describe('instrumentStage', () => {
  it('times a text stage and counts its change records by rule, returning what the stage returns', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const stage: Stage = {
      name: 'demo',
      kind: 'text',
      run: (doc) => keep(doc, { text: doc.text.toUpperCase(), changes: [change('a'), change('a'), change('b')] }),
    };
    const timed = instrumentStage(stage, metrics);
    const doc = document('hello');
    expect(timed.kind).toBe('text');
    expect(timed.kind === 'text' ? timed.run(doc) : undefined).toEqual(stage.run(doc));
    const text = (await metrics.render()).body;
    expect(text).toContain('cleanwire_changes_total{stage="demo",rule="a"} 2');
    expect(text).toContain('cleanwire_changes_total{stage="demo",rule="b"} 1');
    expect(text).toContain('cleanwire_stage_duration_seconds_count{stage="demo"} 1');
  });

  it('times a stage that throws and passes the error on', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const timed = instrumentStage(
      {
        name: 'broken',
        kind: 'text',
        run: () => {
          throw new Error('boom');
        },
      },
      metrics,
    );
    expect(() => (timed.kind === 'text' ? timed.run(document('x')) : undefined)).toThrow('boom');
    expect((await metrics.render()).body).toContain('cleanwire_stage_duration_seconds_count{stage="broken"} 1');
  });

  it('times learn and run of a cross-document stage together, once per document, and counts a drop', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const store = createMemoryStore();
    const timed = instrumentStage(
      {
        name: 'cross',
        kind: 'cross',
        learn: async () => {},
        run: async (doc: Document) => drop(doc, 'near-duplicate', 'seen', [change('dup')]),
      },
      metrics,
    );
    if (timed.kind !== 'cross') throw new Error('kind changed');
    for (const text of ['one', 'two']) {
      const doc = document(text);
      await timed.learn(doc, store);
      expect((await timed.run(doc, store)).action).toBe('drop');
    }
    const text = (await metrics.render()).body;
    expect(text).toContain('cleanwire_stage_duration_seconds_count{stage="cross"} 2');
    expect(text).toContain('cleanwire_changes_total{stage="demo",rule="dup"} 2');
  });

  it("hands a cross stage's prepared value on to its learn and run", async () => {
    const seen: unknown[] = [];
    const timed = instrumentStage(
      {
        name: 'prepared',
        kind: 'cross',
        prepare: () => ({ keys: ['k'] }),
        learn: async (_doc, _store, prepared) => {
          seen.push(prepared);
        },
        run: async (doc: Document, _store, prepared) => {
          seen.push(prepared);
          return keep(doc);
        },
      },
      createMetrics({ processMetrics: false }),
    );
    if (timed.kind !== 'cross') throw new Error('kind changed');
    const doc = document('one');
    const store = createMemoryStore();
    await timed.learn(doc, store, { keys: ['k'] });
    await timed.run(doc, store, { keys: ['k'] });
    // Dropped, each stage computed its prepare again on the worker's event loop.
    expect(seen).toEqual([{ keys: ['k'] }, { keys: ['k'] }]);
  });

  it('keeps the gather and apply of a split cross stage, so that workers still run apply on the pool', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const gather = async () => ['word'];
    const apply = (doc: Document) => keep(doc, { text: doc.text.toUpperCase() });
    const split: Stage = {
      name: 'split',
      kind: 'cross',
      learn: async () => {},
      run: async (doc) => (await gather()) && apply(doc),
      gather,
      apply,
    };
    const timed = instrumentStage(split, metrics);
    if (timed.kind !== 'cross') throw new Error('kind changed');
    expect(timed.gather).toBe(gather);
    expect(timed.apply).toBe(apply);
    const plain = instrumentStage(
      { name: 'plain', kind: 'cross', learn: async () => {}, run: async (doc) => keep(doc) },
      metrics,
    );
    expect(plain.kind === 'cross' && (plain.gather ?? plain.apply)).toBeFalsy();
  });
});

describe('the health server', () => {
  it('answers /healthz, /readyz and /metrics, GET and HEAD only', async () => {
    const metrics = createMetrics();
    metrics.documentWritten('article');
    metrics.documentWritten('rejected', 'too-large');
    metrics.jobFailed('segment-emit');
    server = await startHealthServer({ port: 0, host: '127.0.0.1', metrics, notReady: async () => undefined });
    const health = await fetch(`${server.url}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
    expect((await fetch(`${server.url}/readyz?verbose=1`)).status).toBe(200);
    const body = await (await fetch(`${server.url}/metrics`)).text();
    expect(body).toContain('cleanwire_documents_total{outcome="article",reason=""} 1');
    expect(body).toContain('cleanwire_documents_total{outcome="rejected",reason="too-large"} 1');
    expect(body).toContain('cleanwire_documents_total{outcome="failed",reason="segment-emit"} 1');
    expect(body).toContain('cleanwire_process_cpu_seconds_total');
    expect((await fetch(`${server.url}/metrics`, { method: 'HEAD' })).status).toBe(200);
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const response = await fetch(`${server.url}/readyz`, { method });
      expect(response.status, method).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD');
    }
    expect((await fetch(`${server.url}/`)).status).toBe(404);
    expect((await fetch(`${server.url}/healthz/../metrics%00`)).status).toBe(404);
  });

  it('fails /readyz with the reason, also when the check throws or never answers', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const reasons = [
      async () => 'redis connection is reconnecting',
      async () => {
        throw new Error('ECONNREFUSED');
      },
      () => never,
    ];
    const expected = ['redis connection is reconnecting', 'ECONNREFUSED', 'no answer within 200 ms'];
    for (const [i, notReady] of reasons.entries()) {
      const one = await startHealthServer({ port: 0, host: '127.0.0.1', metrics, notReady, checkTimeoutMs: 200 });
      try {
        const response = await fetch(`${one.url}/readyz`);
        expect(response.status).toBe(503);
        expect(await response.json()).toEqual({ status: 'not ready', why: expected[i] });
        // Liveness does not depend on readiness.
        expect((await fetch(`${one.url}/healthz`)).status).toBe(200);
      } finally {
        await one.close();
      }
    }
  });

  it('answers /metrics without queue depths when Redis fails or never answers', async () => {
    for (const queueDepths of [() => never, () => Promise.reject(new Error('down'))]) {
      const metrics = createMetrics({ processMetrics: false, queueDepths, depthsTimeoutMs: 100 });
      const body = (await metrics.render()).body;
      expect(body).toContain('cleanwire_redis_up 0');
      expect(body).not.toMatch(/^cleanwire_queue_jobs\{/m);
    }
    let depth = 3;
    const metrics = createMetrics({
      processMetrics: false,
      queueDepths: async () => ({ 'segment-all': { waiting: depth, active: 1 } }),
    });
    expect((await metrics.render()).body).toContain('cleanwire_queue_jobs{queue="segment-all",state="waiting"} 3');
    depth = 0;
    const body = (await metrics.render()).body;
    // Read at scrape time, not cached.
    expect(body).toContain('cleanwire_queue_jobs{queue="segment-all",state="waiting"} 0');
    expect(body).toContain('cleanwire_redis_up 1');
  });
});
