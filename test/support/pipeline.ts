/** Runs the real pipeline in-process on texts, as one batch with the in-memory store. */
import type { Rejection } from '../../src/core/rejection.js';
import { documentFromBytes } from '../../src/ingest/read.js';
import { runBatch } from '../../src/pipeline/batch.js';
import { createPipeline, type PipelineOptions } from '../../src/pipeline/pipeline.js';
import { createMemoryStore } from '../../src/store/memory-store.js';

export interface CleanedText {
  readonly source: string;
  /** The clean article text (headline, then paragraphs), or undefined when rejected. */
  readonly text?: string;
  readonly rejection?: Rejection;
}

export async function cleanTexts(
  texts: readonly string[],
  options: PipelineOptions = {},
  sourceKey = 'test',
): Promise<CleanedText[]> {
  const docs = texts.map((text, i) =>
    documentFromBytes(Buffer.from(text, 'utf8'), {
      source: `${sourceKey}/${i}.txt`,
      sourceKey,
      output: `${sourceKey}/${i}.txt`,
      format: 'text',
    }),
  );
  const store = createMemoryStore();
  const { kept, dropped } = await runBatch(docs, createPipeline(options), { store });
  await store.close();
  return docs.map((doc) => {
    const k = kept.find((d) => d.source === doc.source);
    if (k) return { source: doc.source, text: k.text };
    const r = dropped.find((d) => d.source === doc.source);
    return r ? { source: doc.source, rejection: r } : { source: doc.source };
  });
}

export async function cleanText(text: string, options: PipelineOptions = {}): Promise<CleanedText> {
  const [result] = await cleanTexts([text], options);
  if (!result) throw new Error('no result');
  return result;
}
