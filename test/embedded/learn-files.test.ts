/**
 * `cleanwire learn`'s engine streams: it learns what the whole-batch run learns (same store
 * contents), and the documents it has read but not yet passed through the first phase stay
 * within a window that does not grow with the corpus (counted, not timed).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFiles } from '../../src/embedded/ingest-files.js';
import { learnFiles } from '../../src/embedded/learn-files.js';
import { phasesOf } from '../../src/embedded/phases.js';
import { collectInputs } from '../../src/ingest/inputs.js';
import { runBatch } from '../../src/pipeline/batch.js';
import { createPipeline, learningStages } from '../../src/pipeline/pipeline.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { CrossDocumentStore } from '../../src/store/store.js';
import { tempDir } from '../support/cli.js';

const WORDS = 'harbour council ferry vote market strike crossing quay island pier dredging channel'.split(' ');

/** `count` articles over four sites, each site with two lines of its own on every article. */
function corpus(count: number): string {
  const dir = tempDir('cleanwire-learn-');
  for (let i = 0; i < count; i++) {
    const site = `site-${i % 4}`;
    mkdirSync(join(dir, site), { recursive: true });
    const words = (n: number) =>
      Array.from({ length: 18 }, (_, k) => WORDS[(n * 7 + k * ((n % 5) + 1)) % WORDS.length]);
    const body = [
      `Report ${i}: the ${words(i).slice(0, 5).join(' ')}`,
      `${words(i).join(' ')} said officials on day ${i}.`,
      `${words(i + 3).join(' ')} and the figures for week ${i} were published.`,
      `${site} newsroom | independent since 1998`,
      `Get the ${site} app for alerts`,
    ];
    writeFileSync(join(dir, site, `${i}.txt`), `${body.join('\n')}\n`);
  }
  return dir;
}

async function storeContents(store: CrossDocumentStore) {
  const sources = await store.sources();
  return Promise.all(sources.map(async (s) => ({ ...s, lines: await store.learnedLines(s.sourceKey) })));
}

/** Learns `dir` streamed; the most documents read ahead of the first phase's output at any time. */
async function learnStreamed(dir: string, store: CrossDocumentStore) {
  const files = await collectInputs([dir]);
  const phases = phasesOf(learningStages(createPipeline())).length;
  let ahead = 0;
  let firstPhase = true;
  const summary = await learnFiles(files, {
    store,
    threads: 1,
    concurrency: 4,
    spillMemory: 0,
    onProgress: (steps, total) => {
      const read = total / phases;
      if (steps >= read) firstPhase = false;
      if (firstPhase) ahead = Math.max(ahead, read - steps);
    },
  });
  return { ...summary, ahead };
}

describe('learnFiles', () => {
  it('learns what the whole batch learns', async () => {
    const dir = corpus(60);
    const streamed = createMemoryStore();
    const summary = await learnStreamed(dir, streamed);
    const batch = createMemoryStore();
    const { docs } = await ingestFiles(await collectInputs([dir]), { concurrency: 4 });
    const { kept } = await runBatch(docs, learningStages(createPipeline()), { store: batch });
    expect(summary).toMatchObject({ docs: 60, learned: kept.length });
    const contents = await storeContents(streamed);
    expect(contents.length).toBe(4);
    // Each site's two own lines were counted on all of its 15 documents.
    expect(contents.every((s) => s.lines.filter((line) => line.count === 15).length >= 2)).toBe(true);
    expect(contents).toEqual(await storeContents(batch));
  });

  it('holds a window of documents, not the corpus, whatever its size', async () => {
    const small = await learnStreamed(corpus(100), createMemoryStore());
    const large = await learnStreamed(corpus(800), createMemoryStore());
    expect(small.docs).toBe(100);
    expect(large.docs).toBe(800);
    // The window (16 documents with one thread) and the files being read (4): a bound that
    // does not grow with the corpus. Holding the batch would put all 800 ahead.
    expect(small.ahead).toBeGreaterThan(0);
    expect(large.ahead).toBeLessThanOrEqual(40);
    expect(large.ahead).toBeLessThanOrEqual(small.ahead * 2);
  });
});
