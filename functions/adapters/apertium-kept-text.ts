/**
 * The text of the inline HTML a segment is sent in (functions/core/inline-html.ts), as written, around the content
 * of `translate=no` elements, which no repair may touch. Text that is not inline HTML is all outside.
 */

export const TAG = /(<\/?[A-Za-z][^<>]*>)/u;
const VOID = /^<(?:br|wbr|img|hr)\b/iu;
const KEEP = /\btranslate\s*=\s*["']?no\b/iu;

/** The `id` of an opening tag (`<span id=4 translate=no>`) of a kept element, or undefined. */
export function keptElementId(tag: string): string | undefined {
  if (tag.startsWith('</') || !KEEP.test(tag)) return undefined;
  return /\bid=["']?(\d+)/u.exec(tag)?.[1];
}

interface TextParts {
  /** `html.split(TAG)`: text at even indexes, tags at odd ones. */
  readonly parts: string[];
  /** Whether the text part at each even index is inside a kept element. */
  readonly kept: ReadonlyMap<number, boolean>;
}

function textParts(html: string): TextParts {
  const parts = html.split(TAG);
  const kept = new Map<number, boolean>();
  const open: boolean[] = [];
  parts.forEach((part, index) => {
    if (index % 2 === 0) {
      kept.set(index, open.at(-1) === true);
    } else if (part.startsWith('</')) {
      open.pop();
    } else if (!VOID.test(part) && !part.endsWith('/>')) {
      open.push(KEEP.test(part) || open.at(-1) === true);
    }
  });
  return { parts, kept };
}

/** `html` with `rewrite` applied to its text outside the content of kept elements. */
export function outsideKept(html: string, rewrite: (text: string) => string): string {
  const { parts, kept } = textParts(html);
  for (const [index, inside] of kept) {
    const text = parts[index] as string;
    if (!inside && text !== '') parts[index] = rewrite(text);
  }
  return parts.join('');
}

/** Where the text inside kept elements stands in `html`: `[start, end)` offsets, in order. */
export function keptRanges(html: string): [number, number][] {
  const { parts, kept } = textParts(html);
  const ranges: [number, number][] = [];
  let offset = 0;
  parts.forEach((part, index) => {
    if (kept.get(index) === true && part !== '') ranges.push([offset, offset + part.length]);
    offset += part.length;
  });
  return ranges;
}

/**
 * `html.replace(pattern, replace)` (`pattern` global) for the matches that start outside the content of kept
 * elements; a match may look at, and reach up to, a kept element's closing tag.
 */
export function replaceOutsideKept(
  html: string,
  pattern: RegExp,
  replace: (match: string, ...groups: string[]) => string,
): string {
  const kept = keptRanges(html);
  let next = 0;
  return html.replace(pattern, (match: string, ...rest: unknown[]) => {
    const offset = rest.find((value) => typeof value === 'number') as number;
    while (next < kept.length && (kept[next] as [number, number])[1] <= offset) next += 1;
    const range = kept[next];
    if (range && range[0] <= offset) return match;
    return replace(match, ...(rest.slice(0, rest.indexOf(offset)) as string[]));
  });
}

/** The text of `html` outside kept elements, a space for each of those. */
export function textOutsideKept(html: string): string {
  const { parts, kept } = textParts(html);
  return [...kept].flatMap(([index, inside]) => (inside ? [] : [parts[index] as string])).join(' ');
}

/**
 * The first text part of `html` with a letter in it, its index in `html.split(TAG)` and whether it is kept; undefined
 * when there is none, or when a kept element comes first unless `throughKept`.
 */
export function openingText(
  html: string,
  throughKept = false,
): { text: string; index: number; kept: boolean } | undefined {
  const { parts, kept } = textParts(html);
  for (const [index, inside] of kept) {
    if (inside && !throughKept) return undefined;
    const text = parts[index] as string;
    if (/\p{L}/u.test(text)) return { text, index, kept: inside };
  }
  return undefined;
}
