/**
 * Line-level editing shared by the stages that keep or drop whole paragraphs: they decide per
 * line, and this turns the decision into new text plus change records with exact offsets.
 */
import type { Change } from './document.js';

export interface Line {
  readonly text: string;
  /** Offset of the line's first character in the full text. */
  readonly offset: number;
  readonly index: number;
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let offset = 0;
  let index = 0;
  for (const line of text.split('\n')) {
    lines.push({ text: line, offset, index: index++ });
    offset += line.length + 1;
  }
  return lines;
}

export interface LineRemoval {
  readonly index: number;
  readonly rule: string;
  readonly evidence?: Readonly<Record<string, string | number>>;
}

/** Removes the given lines; returns the new text and one change record per removed line. */
export function removeLines(
  stage: string,
  text: string,
  removals: readonly LineRemoval[],
): { text: string; changes: Change[] } {
  if (removals.length === 0) return { text, changes: [] };
  const byIndex = new Map(removals.map((r) => [r.index, r]));
  const kept: string[] = [];
  const changes: Change[] = [];
  for (const line of splitLines(text)) {
    const removal = byIndex.get(line.index);
    if (!removal) {
      kept.push(line.text);
      continue;
    }
    changes.push({
      stage,
      rule: removal.rule,
      offset: line.offset,
      removed: line.text,
      ...(removal.evidence ? { evidence: removal.evidence } : {}),
    });
  }
  return { text: kept.join('\n'), changes };
}
