/**
 * Membership in a sorted, `|`-joined list without splitting it: a binary search over character offsets. Large
 * gazetteers stay one string in memory and cost nothing to load; each look-up is O(log n) short comparisons.
 * The list must be sorted by UTF-16 code units (JavaScript's default `sort()`), the order `<` compares in.
 */
export function packedIncludes(packed: string, value: string): boolean {
  let low = 0;
  let high = packed.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const start = middle === 0 ? 0 : packed.lastIndexOf('|', middle - 1) + 1;
    let end = packed.indexOf('|', middle);
    if (end < 0) end = packed.length;
    const entry = packed.slice(start, end);
    if (entry === value) return true;
    if (entry < value) low = end + 1;
    else high = start;
  }
  return false;
}

/** A bucketed list (`3:a|b;4:c|d`) as its buckets, each a sorted packed list. */
export function packedBuckets(packed: string): { readonly bucket: number; readonly values: string }[] {
  return packed.split(';').map((group) => {
    const colon = group.indexOf(':');
    return { bucket: Number(group.slice(0, colon)), values: group.slice(colon + 1) };
  });
}
