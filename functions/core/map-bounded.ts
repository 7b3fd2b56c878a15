/**
 * `fn` over `items` with at most `width` calls in flight, results in the order of `items`. Unlike
 * `Promise.all(items.map(fn))`, which starts a call (and holds its promise, closure and arguments) for every item
 * at once, this keeps only `width` calls alive: what one article's ten thousands of store requests cost in memory
 * stays bounded. After a call throws no new one starts; the first error is thrown once the running calls have
 * settled, so none is left running.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  width: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  if (!Number.isInteger(width) || width < 1)
    throw new RangeError(`width must be a positive integer, got ${width}`);
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  if (failure) throw failure.error;
  return results;
}
