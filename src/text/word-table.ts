/**
 * A set of words read from a list of one word a line, kept as the list's text and an
 * open-addressing table of where each word starts. `has` answers what
 * `new Set(text.split('\n').filter(Boolean)).has(word)` answers, without making a string per
 * word: the English list has 274,000 of them, which every pool thread built into a Set on first
 * use (most of a thread's start-up) and every full garbage collection then walked again.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const NEWLINE = 10;

export class WordTable {
  private readonly text: string;
  /** Start offset + 1 of a word per slot, 0 for an empty slot. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(text: string) {
    this.text = text;
    let words = 0;
    for (let at = 0; at < text.length; ) {
      const end = lineEnd(text, at);
      if (end > at) words++;
      at = end + 1;
    }
    let size = 1024;
    while (size < words * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let at = 0; at < text.length; ) {
      let h = FNV_OFFSET;
      let end = at;
      for (; end < text.length; end++) {
        const code = text.charCodeAt(end);
        if (code === NEWLINE) break;
        h = Math.imul(h ^ code, FNV_PRIME);
      }
      if (end > at) {
        let slot = h & this.mask;
        while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
        this.slots[slot] = at + 1;
      }
      at = end + 1;
    }
  }

  has(word: string): boolean {
    // A word of the list is a whole non-empty line: never empty, never holding a line break.
    if (word.length === 0) return false;
    let h = FNV_OFFSET;
    for (let i = 0; i < word.length; i++) {
      const code = word.charCodeAt(i);
      if (code === NEWLINE) return false;
      h = Math.imul(h ^ code, FNV_PRIME);
    }
    const { text, slots, mask } = this;
    for (let slot = h & mask; slots[slot] !== 0; slot = (slot + 1) & mask) {
      const start = (slots[slot] as number) - 1;
      const end = start + word.length;
      if (end > text.length || (end < text.length && text.charCodeAt(end) !== NEWLINE)) continue;
      let same = true;
      for (let i = 0; i < word.length && same; i++) same = text.charCodeAt(start + i) === word.charCodeAt(i);
      if (same) return true;
    }
    return false;
  }
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
}
