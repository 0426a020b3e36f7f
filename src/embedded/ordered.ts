/**
 * Concurrency that keeps input order: `orderedMap` starts up to `window` calls of `fn` ahead of
 * the consumer and yields their results in the order of the input, however they finish. Memory is
 * the window, not the input: nothing is pulled from the source until there is room. With
 * `refill`, a full window is drained to that many before the next calls start, together.
 */
export async function* orderedMap<T, R>(
  source: AsyncIterable<T> | Iterable<T>,
  fn: (item: T) => Promise<R>,
  window: number,
  refill = window - 1,
): AsyncGenerator<R> {
  const pending: Promise<R>[] = [];
  for await (const item of source) {
    // A rejection is handled when its turn comes; mark it handled now so Node does not warn.
    const started = fn(item);
    started.catch(() => {});
    pending.push(started);
    // With a full window, yield down to `refill` before starting more: the calls then start
    // window - refill at a time, not one per result taken (see src/pool/pool.ts on batches).
    if (pending.length >= window) {
      while (pending.length > refill) yield await (pending.shift() as Promise<R>);
    }
  }
  while (pending.length > 0) yield await (pending.shift() as Promise<R>);
}

/** Flattens an async iterable of arrays or async iterables. */
export async function* flatten<T>(source: AsyncIterable<Iterable<T> | AsyncIterable<T>>): AsyncGenerator<T> {
  for await (const items of source) yield* items;
}
