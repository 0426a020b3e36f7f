/**
 * Text edits that remember where they came from. A stage that edits its text in several passes
 * still owes every record an offset in the text the stage received: each pass yields an
 * OffsetMap from its output back to its input, and the maps compose.
 */

export interface Edit {
  /** Start of the replaced span in the pass's input. */
  readonly start: number;
  /** End (exclusive) of the replaced span. */
  readonly end: number;
  /** Replacement text ('' removes the span). */
  readonly text: string;
  readonly rule: string;
}

/** Maps offsets in an edited text back to offsets in the text before the edits. */
export class OffsetMap {
  readonly #outStart: number[] = [];
  readonly #outEnd: number[] = [];
  readonly #inStart: number[] = [];
  readonly #inEnd: number[] = [];

  constructor(edits: readonly Edit[]) {
    let shift = 0;
    for (const edit of edits) {
      const outStart = edit.start + shift;
      this.#outStart.push(outStart);
      this.#outEnd.push(outStart + edit.text.length);
      this.#inStart.push(edit.start);
      this.#inEnd.push(edit.end);
      shift += edit.text.length - (edit.end - edit.start);
    }
  }

  /** Offset in the input of the character at `offset` in the output (an inserted one maps to its edit's start). */
  toInput(offset: number): number {
    // Last edit whose output starts at or before `offset`.
    let lo = 0;
    let hi = this.#outStart.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.#outStart[mid] ?? 0) <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found === -1) return offset;
    const outEnd = this.#outEnd[found] ?? 0;
    if (offset < outEnd) return this.#inStart[found] ?? 0;
    return (this.#inEnd[found] ?? 0) + (offset - outEnd);
  }
}

/** Applies sorted, non-overlapping edits in one pass. */
export function applyEdits(text: string, edits: readonly Edit[]): { text: string; map: OffsetMap } {
  if (edits.length === 0) return { text, map: new OffsetMap([]) };
  const parts: string[] = [];
  let at = 0;
  for (const edit of edits) {
    parts.push(text.slice(at, edit.start), edit.text);
    at = edit.end;
  }
  parts.push(text.slice(at));
  return { text: parts.join(''), map: new OffsetMap(edits) };
}

/** What one rule did in one stage run: how often, and its first effect. */
export interface RuleTally {
  readonly rule: string;
  offset: number;
  removed: string;
  inserted: string;
  count: number;
}

/**
 * Runs edit passes in order, each on the previous pass's output, and tallies every edit per rule
 * against offsets in the original text.
 */
export class EditChain {
  #text: string;
  readonly #maps: OffsetMap[] = [];
  readonly #tallies = new Map<string, RuleTally>();

  constructor(text: string) {
    this.#text = text;
  }

  get text(): string {
    return this.#text;
  }

  /** Offset in the original text of `offset` in the current text. */
  original(offset: number): number {
    let at = offset;
    for (let i = this.#maps.length - 1; i >= 0; i--) at = this.#maps[i]?.toInput(at) ?? at;
    return at;
  }

  apply(edits: readonly Edit[]): void {
    if (edits.length === 0) return;
    for (const edit of edits) {
      const offset = this.original(edit.start);
      const tally = this.#tallies.get(edit.rule);
      const removed = this.#text.slice(edit.start, edit.end);
      if (!tally) {
        this.#tallies.set(edit.rule, { rule: edit.rule, offset, removed, inserted: edit.text, count: 1 });
        continue;
      }
      tally.count++;
      if (offset < tally.offset) Object.assign(tally, { offset, removed, inserted: edit.text });
    }
    const next = applyEdits(this.#text, edits);
    this.#text = next.text;
    this.#maps.push(next.map);
  }

  tallies(): RuleTally[] {
    return [...this.#tallies.values()];
  }
}
