/**
 * Splits a byte stream into lines without ever holding more than one line, and no more than
 * `maxBytes` of it: a longer line is skipped to its end and reported by its length, so one huge
 * record costs a rejection, not the memory of the process.
 */

export type Line =
  | { readonly number: number; readonly text: string }
  | { readonly number: number; readonly tooLarge: number };

const NEWLINE = 0x0a;

export async function* linesOf(chunks: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<Line> {
  let parts: Uint8Array[] = [];
  let size = 0;
  let skipping = false;
  let number = 0;
  const finish = (): Line => {
    number++;
    const line: Line = skipping
      ? { number, tooLarge: size }
      : { number, text: Buffer.concat(parts, size).toString('utf8').replace(/\r$/, '') };
    parts = [];
    size = 0;
    skipping = false;
    return line;
  };
  const take = (piece: Uint8Array) => {
    size += piece.byteLength;
    if (skipping) return;
    if (size > maxBytes) {
      // Over the limit: drop what is held and only count the rest of the line.
      skipping = true;
      parts = [];
      return;
    }
    parts.push(piece);
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE, start); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
      take(chunk.subarray(start, nl));
      yield finish();
      start = nl + 1;
    }
    // Copy the tail: a stream may reuse its chunk buffer.
    if (start < chunk.byteLength) take(Uint8Array.prototype.slice.call(chunk, start));
  }
  if (size > 0 || skipping) yield finish();
}
