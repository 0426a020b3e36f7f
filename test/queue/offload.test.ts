/**
 * The queue side of the worker-thread pool: text stages give what runStages gives in this thread,
 * their times and change records reach the metrics, and a run cut short by the worker stopping
 * rejects (the job is handed on) instead of turning into a stage-error rejection; cross stages'
 * `prepare` runs there too, with the value the stage computes in this thread.
 */
import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/core/document.js';
import { createMetrics } from '../../src/metrics/metrics.js';
import { createPipeline, type StageName } from '../../src/pipeline/pipeline.js';
import { runStages } from '../../src/pipeline/run.js';
import { createOffload } from '../../src/queue/offload.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { articleText, bigArticle } from '../support/queue-processes.js';

const STAGES: StageName[] = ['decode', 'html', 'pages', 'normalize', 'unwrap', 'ligatures', 'boilerplate', 'repeats'];

function doc(text: string, n: number): Document {
  return {
    id: `d${n}`,
    source: `site/${n}.txt`,
    sourceKey: 'site',
    output: `site/${n}.txt`,
    format: 'text',
    raw: Buffer.from(text).toString('base64'),
    text: '',
    meta: {},
    changes: [],
  };
}

describe('offload', () => {
  it('gives what the stages give in this thread, and counts them in the metrics', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const offload = createOffload({ threads: 1, pipeline: {}, metrics });
    try {
      await offload.warm(STAGES);
      const input = doc(`${articleText(3)}\nShare this article\n${articleText(4)}`, 1);
      const here = await runStages(
        input,
        createPipeline({}).filter((s) => (STAGES as string[]).includes(s.name)),
        { store: createMemoryStore(), learn: false },
      );
      expect((await offload.run(STAGES, input)).outcome).toEqual(here);
      // Once: the warm-up is not a document.
      const body = (await metrics.render()).body;
      for (const stage of STAGES) expect(body).toContain(`cleanwire_stage_duration_seconds_count{stage="${stage}"} 1`);
    } finally {
      await offload.close();
    }
  });

  it("computes the cross stages' prepare on a thread, the value the stage computes here", async () => {
    const offload = createOffload({ threads: 1, pipeline: {}, metrics: createMetrics({ processMetrics: false }) });
    try {
      const { outcome: cleaned } = await offload.run(STAGES, doc(`${articleText(3)}\n${articleText(4)}`, 4));
      expect(cleaned.action).toBe('keep');
      const prepared = createPipeline({}).filter((s) => s.kind === 'cross' && s.prepare !== undefined);
      expect(prepared.map((s) => s.name)).toEqual(expect.arrayContaining(['templates', 'near-duplicates']));
      for (const stage of prepared) {
        if (stage.kind !== 'cross' || !stage.prepare) continue;
        const fromChanges = stage.preparesFromChanges === true;
        const { prepared: value } = await offload.prepare({ stage: stage.name as StageName, fromChanges }, cleaned.doc);
        expect(value, stage.name).toBeDefined();
        expect(value, stage.name).toEqual(JSON.parse(JSON.stringify(stage.prepare(cleaned.doc))));
      }
    } finally {
      await offload.close();
    }
  });

  it("computes the next cross stage's prepare in the same trip, on the document the stages give", async () => {
    const metrics = createMetrics({ processMetrics: false });
    const offload = createOffload({ threads: 1, pipeline: {}, metrics });
    try {
      const input = doc(`${articleText(5)}\nShare this article\n${articleText(6)}`, 5);
      const alone = await offload.run(STAGES, input);
      const pipeline = createPipeline({});
      for (const stage of pipeline) {
        if (stage.kind !== 'cross' || !stage.prepare || STAGES.includes(stage.name as StageName)) continue;
        const fromChanges = stage.preparesFromChanges === true;
        const both = await offload.run(STAGES, input, undefined, { stage: stage.name as StageName, fromChanges });
        // The same outcome as without the request, and the value the stage computes here from it.
        expect(both.outcome, stage.name).toEqual(alone.outcome);
        expect(both.prepared, stage.name).toEqual(JSON.parse(JSON.stringify(stage.prepare(alone.outcome.doc))));
      }
      // Only the stages that ran are timed: a cross stage's prepare is not a run of it.
      const body = (await metrics.render()).body;
      expect(body).not.toContain('cleanwire_stage_duration_seconds_count{stage="templates"}');
    } finally {
      await offload.close();
    }
  });

  it("computes the stages ahead's prepare in the same trip, on the same document, for empty, huge and odd-Unicode texts too", async () => {
    const offload = createOffload({ threads: 1, pipeline: {}, metrics: createMetrics({ processMetrics: false }) });
    try {
      const input = doc(`${articleText(7)}\nShare this article\n${articleText(8)}`, 7);
      const byName = new Map(createPipeline({}).map((stage) => [stage.name, stage]));
      const preparedBy = (name: string, d: Document) => {
        const stage = byName.get(name);
        return stage?.kind === 'cross' ? JSON.parse(JSON.stringify(stage.prepare?.(d) ?? null)) : undefined;
      };
      const ahead: StageName[] = ['headlines', 'near-duplicates'];
      const both = await offload.run(STAGES, input, undefined, { stage: 'templates', fromChanges: true, ahead });
      expect(both.outcome.action).toBe('keep');
      expect(both.prepared).toEqual(preparedBy('templates', both.outcome.doc));
      expect(both.ahead).toEqual(Object.fromEntries(ahead.map((name) => [name, preparedBy(name, both.outcome.doc)])));
      // A trip of its own, and the document back as it went.
      const own = await offload.prepare({ stage: 'templates', fromChanges: true, ahead }, both.outcome.doc);
      expect(own).toEqual({ prepared: both.prepared, ahead: both.ahead });
      // Empty, huge-lined and odd-Unicode texts: a value for every stage ahead, as computed here.
      for (const text of ['', 'x'.repeat(200_000), '\u{1F600}\u0301\uD800 Ｆｕｌｌ\u200B\n\n\u202Ename']) {
        const odd = { ...input, text };
        const got = await offload.prepare({ stage: 'templates', fromChanges: true, ahead }, odd);
        expect(got.ahead, JSON.stringify(text.slice(0, 20))).toEqual(
          Object.fromEntries(ahead.map((name) => [name, preparedBy(name, odd)])),
        );
      }
    } finally {
      await offload.close();
    }
  });

  it('rejects a run cut short by close, and every run after it', async () => {
    const offload = createOffload({ threads: 1, pipeline: {}, metrics: createMetrics({ processMetrics: false }) });
    const running = offload.run(STAGES, doc(bigArticle(5, 4_000_000), 2));
    await new Promise((r) => setTimeout(r, 200));
    await offload.close();
    await expect(running).rejects.toThrow(/worker stopped while the text stages ran/);
    await expect(offload.run(STAGES, doc(articleText(1), 3))).rejects.toThrow(/worker stopping/);
  });
});
