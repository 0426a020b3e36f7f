/**
 * What `cleanwire explain` shows, gathered: either the inputs cleaned in-process as `clean` does
 * (one batch, nothing written), keeping each document's original text, or the article records
 * of an earlier run, whose original is rebuilt from the clean text and the changes' spans.
 */
import { createReadStream } from 'node:fs';
import type { Change, Document } from '../core/document.js';
import { collectInputs } from '../ingest/inputs.js';
import type { ReadOptions } from '../ingest/read.js';
import { compressionOf, decompressed } from '../ingest/readers/bytes.js';
import { linesOf } from '../ingest/readers/lines.js';
import { type ExplainDoc, REWRITING_STAGES } from '../output/explain/segments.js';
import { runBatch } from '../pipeline/batch.js';
import { createPipeline, type PipelineOptions } from '../pipeline/pipeline.js';
import { runStages } from '../pipeline/run.js';
import { createMemoryStore } from '../store/memory-store.js';
import { ingestFiles } from './ingest-files.js';

export async function explainInputs(
  paths: readonly string[],
  options: ReadOptions & { pipeline?: PipelineOptions } = {},
): Promise<ExplainDoc[]> {
  const stages = createPipeline(options.pipeline);
  const reading = stages.filter((s) => REWRITING_STAGES.has(s.name));
  const cleaning = stages.filter((s) => !REWRITING_STAGES.has(s.name));
  const { pipeline, ...read } = options;
  const { docs } = await ingestFiles(await collectInputs(paths), { ...read, concurrency: 4 });
  const store = createMemoryStore();
  const base = new Map<string, Document>();
  const read_: Document[] = [];
  const out: ExplainDoc[] = [];
  for (const doc of docs) {
    const outcome = await runStages(doc, reading, { store, learn: false });
    if (outcome.action === 'drop') {
      out.push(view(outcome.doc, outcome.doc.text, { reason: outcome.reason, message: outcome.message }));
      continue;
    }
    base.set(doc.id, outcome.doc);
    read_.push(outcome.doc);
  }
  const { kept, dropped } = await runBatch(read_, cleaning, { store });
  await store.close();
  for (const doc of kept) out.push(view(doc, base.get(doc.id)?.text ?? ''));
  for (const rejection of dropped) {
    const doc = rejection.id ? base.get(rejection.id) : undefined;
    if (doc) out.push(view(doc, doc.text, { reason: rejection.reason, message: rejection.message }));
  }
  return out;
}

function view(doc: Document, original: string, rejected?: ExplainDoc['rejected']): ExplainDoc {
  return {
    source: doc.source,
    id: doc.recordId ?? doc.id,
    title: doc.text.split('\n', 1)[0] ?? '',
    base: original,
    changes: doc.changes,
    ...(rejected ? { rejected } : {}),
  };
}

interface RecordLike {
  readonly id?: unknown;
  readonly source?: unknown;
  readonly title?: unknown;
  readonly text?: unknown;
  readonly changes?: unknown;
}

/**
 * The original as far as the record tells: the clean text with each removal put back at its span
 * and each insertion taken out. Exact when the stages recorded every edit; a stage that records a
 * summary (a count of collapsed spaces) leaves the rest of the text as cleaned.
 */
export function rebuildOriginal(clean: string, changes: readonly Change[]): { base: string; changes: Change[] } {
  const edits = changes
    .filter((c) => c.span && !REWRITING_STAGES.has(c.stage))
    .sort((a, b) => (a.span?.[0] ?? 0) - (b.span?.[0] ?? 0));
  let base = '';
  let from = 0; // position in the clean text
  let at = 0; // position in the original
  const shifted = new Map<Change, readonly [number, number]>();
  for (const change of edits) {
    const [start = 0, end = 0] = change.span ?? [];
    if (start < at) continue; // inside an earlier removal: its text is already there
    const keep = start - at;
    base += clean.slice(from, from + keep);
    from += keep;
    const removed = change.removed ?? '';
    shifted.set(change, [base.length, base.length + removed.length]);
    base += removed;
    from += change.inserted?.length ?? 0;
    at = end;
  }
  base += clean.slice(from);
  return {
    base,
    // A change not placed (nested in another removal) keeps no span: its offsets in the rebuilt
    // text are unknown.
    changes: changes.map((c) => {
      const span = shifted.get(c);
      if (span) return { ...c, span };
      if (REWRITING_STAGES.has(c.stage)) return c;
      const { span: _unplaced, ...rest } = c;
      return rest;
    }),
  };
}

export async function explainRecords(path: string, maxBytes = 64 * 1024 * 1024): Promise<ExplainDoc[]> {
  const out: ExplainDoc[] = [];
  const chunks = decompressed(createReadStream(path), compressionOf(path));
  for await (const line of linesOf(chunks, maxBytes)) {
    if (!('text' in line) || !line.text.trim()) continue;
    let record: RecordLike;
    try {
      record = JSON.parse(line.text) as RecordLike;
    } catch {
      continue;
    }
    if (!record || typeof record !== 'object' || !Array.isArray(record.changes)) continue;
    const clean = `${typeof record.title === 'string' ? record.title : ''}\n${typeof record.text === 'string' ? record.text : ''}`;
    const { base, changes } = rebuildOriginal(clean, record.changes as Change[]);
    out.push({
      source: typeof record.source === 'string' ? record.source : `${path}#${line.number}`,
      id:
        typeof record.id === 'string' || typeof record.id === 'number' || typeof record.id === 'boolean'
          ? record.id
          : '',
      title: typeof record.title === 'string' ? record.title : '',
      base,
      changes,
      reconstructed: true,
    });
  }
  return out;
}
