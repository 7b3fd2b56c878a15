import { splitLongSegment, utf8Bytes } from './split-long-segment.js';

/**
 * One line sent to the engine: a segment, or a part of one that is too long or holds a line break. The
 * whitespace around it is kept aside (the engine would not keep it) and put back around its translation.
 */
export interface TextUnit {
  /** Index of the segment it belongs to. */
  readonly segment: number;
  readonly before: string;
  /** Never empty for units that are sent; empty units (blank segments) are only put back. */
  readonly text: string;
  readonly after: string;
}

const LINE_BREAK = /(\r\n|\n|\r)/;

/** Cuts segments into units of at most `maxBytes` UTF-8 bytes each, in order. */
export function segmentUnits(segments: readonly string[], maxBytes: number): TextUnit[] {
  const units: TextUnit[] = [];
  segments.forEach((segment, index) => {
    // Segments should hold no line break; one that does still must not shift the lines of the request.
    const pieces = segment.split(LINE_BREAK);
    for (let i = 0; i < pieces.length; i += 2) {
      const line = pieces[i] ?? '';
      const lineBreak = pieces[i + 1] ?? '';
      const parts = line === '' ? [''] : splitLongSegment(line, maxBytes);
      parts.forEach((part, p) => {
        const trimmed = part.trim();
        const start = trimmed === '' ? part.length : part.indexOf(trimmed);
        units.push({
          segment: index,
          before: part.slice(0, start),
          text: trimmed,
          after: part.slice(start + trimmed.length) + (p === parts.length - 1 ? lineBreak : ''),
        });
      });
    }
  });
  return units;
}

/**
 * Groups the indexes of the non-empty units into requests whose text (units joined by `\n`) stays within
 * `maxBytes` UTF-8 bytes. Units are kept in order so each request carries contiguous context.
 */
export function packUnits(units: readonly TextUnit[], maxBytes: number): number[][] {
  const requests: number[][] = [];
  let current: number[] = [];
  let currentBytes = 0;
  units.forEach((unit, index) => {
    if (unit.text === '') return;
    const bytes = utf8Bytes(unit.text);
    const added = current.length === 0 ? bytes : bytes + 1;
    if (current.length > 0 && currentBytes + added > maxBytes) {
      requests.push(current);
      current = [];
      currentBytes = 0;
    }
    currentBytes += current.length === 0 ? bytes : bytes + 1;
    current.push(index);
  });
  if (current.length > 0) requests.push(current);
  return requests;
}

/** Puts translated units back together, segment by segment; `translated[i]` belongs to `units[i]`. */
export function joinUnits(
  segmentCount: number,
  units: readonly TextUnit[],
  translated: readonly (string | undefined)[],
): string[] {
  const segments = new Array<string>(segmentCount).fill('');
  units.forEach((unit, index) => {
    const text = unit.text === '' ? '' : translated[index];
    if (text === undefined) throw new Error(`unit ${index} of segment ${unit.segment} has no translation`);
    segments[unit.segment] += unit.before + text + unit.after;
  });
  return segments;
}
