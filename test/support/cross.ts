/** What `cleanwire clean` does with a cross-document stage: learn from every document, then run on each. */
import { expect } from 'vitest';
import type { Document } from '../../src/core/document.js';
import type { CrossStage } from '../../src/core/stage.js';
import type { CrossDocumentStore } from '../../src/store/store.js';

export async function learnAll(stage: CrossStage, docs: readonly Document[], store: CrossDocumentStore): Promise<void> {
  for (const doc of docs) await stage.learn(doc, store);
}

/** Runs the stage on each document, which it must keep. */
export async function runAll(
  stage: CrossStage,
  docs: readonly Document[],
  store: CrossDocumentStore,
): Promise<Document[]> {
  const out: Document[] = [];
  for (const doc of docs) {
    const outcome = await stage.run(doc, store);
    expect(outcome.action).toBe('keep');
    out.push(outcome.doc);
  }
  return out;
}
