import type { InlineMark, Span } from '../document.js';

/**
 * Hands a block's inline marks (offsets into the extracted text, sorted by start, nested) to its sentences, as
 * offsets into each sentence's own text: a mark over several sentences is cut at each boundary, a line break
 * between two sentences goes at the end of the first. The sentences' text must be the extracted text's slice
 * (structured formats collapse whitespace as they write, so it is). Linear: marks that span a boundary all
 * contain it, so few are carried from one sentence to the next.
 */
export function marksBySentence(marks: readonly InlineMark[], sentences: readonly Span[]): InlineMark[][] {
  const result: InlineMark[][] = sentences.map(() => []);
  let next = 0;
  let carried: InlineMark[] = [];
  for (let index = 0; index < sentences.length; index++) {
    const sentence = sentences[index] as Span;
    const following = sentences[index + 1];
    const candidates = carried;
    while (
      next < marks.length &&
      (marks[next] as InlineMark).start < (following?.start ?? Number.POSITIVE_INFINITY)
    ) {
      candidates.push(marks[next] as InlineMark);
      next++;
    }
    carried = [];
    const own = result[index] as InlineMark[];
    for (const mark of candidates) {
      if (mark.kind === 'break') {
        if (mark.start > sentence.start && mark.start <= (following?.start ?? sentence.end)) {
          const at = Math.min(mark.start, sentence.end) - sentence.start;
          own.push({ kind: 'break', start: at, end: at });
        }
        continue;
      }
      const start = Math.max(mark.start, sentence.start);
      const end = Math.min(mark.end, sentence.end);
      if (end > start) {
        own.push({
          kind: mark.kind,
          start: start - sentence.start,
          end: end - sentence.start,
          ...(mark.href === undefined ? {} : { href: mark.href }),
        });
      }
      if (following && mark.end > following.start) carried.push(mark);
    }
  }
  return result;
}
