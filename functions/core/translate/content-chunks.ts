/**
 * Content-defined chunking of a sequence of hashed items: a chunk ends after any item whose hash is a multiple
 * of `averageSize` (so about one item in `averageSize`), or once it holds `4 × averageSize` items. Boundaries
 * depend only on the items themselves, so an edit in one place changes only the chunk(s) around it: the
 * chunks before and after an edited paragraph stay the same chunks, with the same keys.
 */
export function contentChunks<T>(
  items: readonly T[],
  hashOf: (item: T) => string,
  averageSize: number,
): T[][] {
  if (!Number.isInteger(averageSize) || averageSize < 2) {
    throw new RangeError(`averageSize must be an integer of at least 2, got ${averageSize}`);
  }
  const maxSize = 4 * averageSize;
  const chunks: T[][] = [];
  let current: T[] = [];
  for (const item of items) {
    current.push(item);
    const cut = Number.parseInt(hashOf(item).slice(0, 8), 16) % averageSize === 0;
    if (cut || current.length >= maxSize) {
      chunks.push(current);
      current = [];
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
