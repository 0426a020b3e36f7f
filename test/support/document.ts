/** A plain text document for stage tests: the fields no stage test cares about filled in. */
import type { Document } from '../../src/core/document.js';

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
