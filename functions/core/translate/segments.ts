/** The form a text is translated and remembered under: Unicode NFC, whitespace collapsed, trimmed. */
export function segmentKey(text: string): string {
  const normal = text.normalize('NFC');
  // Most texts are already collapsed and trimmed: a test instead of a replace and a trim.
  return UNCOLLAPSED_OR_PADDED.test(normal) ? normal.replace(/\s+/gu, ' ').trim() : normal;
}

/** What collapsing whitespace runs to one space and trimming would change. */
const UNCOLLAPSED_OR_PADDED = /^\s|\s$|[^\S ]| {2}/u;

/** An ordered set of distinct segments: each text is translated once however often it occurs. */
export class SegmentSet {
  readonly #keys = new Map<string, number>();

  add(text: string): void {
    const key = segmentKey(text);
    if (key !== '' && !this.#keys.has(key)) this.#keys.set(key, this.#keys.size);
  }

  addAll(texts: Iterable<string>): void {
    for (const text of texts) this.add(text);
  }

  get size(): number {
    return this.#keys.size;
  }

  list(): string[] {
    return [...this.#keys.keys()];
  }
}

/** Looks up the translation of a text by its segment key; the source text itself when there is none. */
export type Lookup = (text: string) => string;

export function lookupFrom(translations: ReadonlyMap<string, string>): Lookup {
  return (text) => translations.get(segmentKey(text)) ?? text;
}
