/** A plain text document for stage tests: the fields no stage test cares about filled in. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Document } from '../../src/core/document.js';
import { ROOT } from './cli.js';

export function makeDocument(text: string, fields: Partial<Document> = {}): Document {
  return {
    id: 'doc',
    source: 'site/doc.txt',
    sourceKey: 'site',
    output: 'site/doc.txt',
    format: 'text',
    text,
    meta: {},
    changes: [],
    ...fields,
  };
}

/** The seeds' input files as raw documents (bytes base64, before decode), in name order. */
export function seedDocuments(fields: Partial<Document> = {}): Document[] {
  const dir = join(ROOT, 'seeds/input');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((name) =>
      makeDocument('', {
        id: name,
        source: name,
        output: name,
        raw: readFileSync(join(dir, name)).toString('base64'),
        ...fields,
      }),
    );
}
