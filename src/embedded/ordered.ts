/**
 * Concurrency that keeps input order: `orderedMap` starts up to `window` calls of `fn` ahead of
 * the consumer and yields their results in the order of the input, however they finish. Memory is
 * the window, not the input: nothing is pulled from the source until there is room.
 */
export async function* orderedMap<T, R>(
  source: AsyncIterable<T> | Iterable<T>,
  fn: (item: T) => Promise<R>,
  window: number,
): AsyncGenerator<R> {
  const pending: Promise<R>[] = [];
  for await (const item of source) {
    // A rejection is handled when its turn comes; mark it handled now so Node does not warn.
    const started = fn(item);
    started.catch(() => {});
    pending.push(started);
    if (pending.length >= window) yield await (pending.shift() as Promise<R>);
  }
  while (pending.length > 0) yield await (pending.shift() as Promise<R>);
}

/** Flattens an async iterable of arrays or async iterables. */
export async function* flatten<T>(source: AsyncIterable<Iterable<T> | AsyncIterable<T>>): AsyncGenerator<T> {
  for await (const items of source) yield* items;
}
