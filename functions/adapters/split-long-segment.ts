/**
 * Splits a text into parts of at most `maxBytes` UTF-8 bytes, cutting at the best boundary available: after a
 * clause (punctuation followed by a space, or CJK punctuation), else between words, else between grapheme
 * clusters, else between code points. Never drops or changes a character: `parts.join('') === text`, and no
 * cut falls inside a surrogate pair or a multi-byte character.
 */
export function splitLongSegment(text: string, maxBytes: number): string[] {
  if (!Number.isInteger(maxBytes) || maxBytes < 4) {
    // 4 bytes is the longest UTF-8 code point: below it some texts cannot be split at all.
    throw new RangeError(`maxBytes must be an integer of at least 4, got ${maxBytes}`);
  }
  return splitAtLevel(text, maxBytes, 0);
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

const wordSegmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

// Ends of clauses: Latin punctuation followed by spaces (kept with the clause), or CJK full-width punctuation,
// which is not followed by a space.
const CLAUSE_END = /(?<=[.!?;:,…)\]"'»”’]\s+|[。！？；：，、])/u;

const SPLITTERS: readonly ((text: string) => string[])[] = [
  (text) => text.split(CLAUSE_END),
  (text) => Array.from(wordSegmenter.segment(text), (s) => s.segment),
  (text) => Array.from(graphemeSegmenter.segment(text), (s) => s.segment),
  (text) => Array.from(text),
];

function splitAtLevel(text: string, maxBytes: number, level: number): string[] {
  if (utf8Bytes(text) <= maxBytes) return [text];
  const splitter = SPLITTERS[level];
  if (!splitter) throw new Error('unreachable: a code point is at most 4 bytes');
  const parts: string[] = [];
  let current = '';
  let currentBytes = 0;
  const flush = () => {
    if (current !== '') parts.push(current);
    current = '';
    currentBytes = 0;
  };
  for (const piece of splitter(text)) {
    const pieceBytes = utf8Bytes(piece);
    if (pieceBytes > maxBytes) {
      flush();
      parts.push(...splitAtLevel(piece, maxBytes, level + 1));
      continue;
    }
    if (currentBytes + pieceBytes > maxBytes) flush();
    current += piece;
    currentBytes += pieceBytes;
  }
  flush();
  return parts;
}
