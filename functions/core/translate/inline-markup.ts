/**
 * A sentence with inline spans (its marks, the names to keep, the places to find again) as the tagged segment an
 * engine translates, and the engine's answer back as text and spans of the translated sentence. The answer is
 * checked, not trusted: a mark or kept name dropped, duplicated, unbalanced, crossing another or emptied, a
 * foreign element, or a kept name changed, is a fault, and the sentence then falls back to the answer's plain
 * text (no marks) rather than publish broken markup. A place or quote the engine lost is only left unlocated.
 */
import type { InlineMarkKind, Span } from '../document.js';
import { escapeInlineText, type InlineToken, tokenizeInlineHtml } from '../inline-html.js';

/**
 * What a span is: a reader's mark, a name that must come back exactly as written (`keep`), or a name the
 * engine translates but whose place in the translation is wanted (`locate`).
 */
export type InlineSpanKind = InlineMarkKind | 'keep' | 'locate';

export interface InlineSpan extends Span {
  readonly kind: InlineSpanKind;
  /** `link` only. Never sent to the engine: the link comes back by its id. */
  readonly href?: string;
}

const ELEMENT: Readonly<Record<InlineSpanKind, string>> = {
  link: 'a',
  emphasis: 'em',
  strong: 'strong',
  code: 'code',
  break: 'br',
  keep: 'span',
  locate: 'span',
};

/** Code is never translated; neither are kept names. */
function keeps(kind: InlineSpanKind): boolean {
  return kind === 'code' || kind === 'keep';
}

function isName(kind: InlineSpanKind): boolean {
  return kind === 'keep' || kind === 'locate';
}

function within(inner: Span, outer: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

function crosses(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end && !within(a, b) && !within(b, a);
}

/**
 * The spans a sentence can carry as elements, in document order (outer before inner), ids being indexes into the
 * result: spans inside the text, empty ones only for breaks; a reader's marks always, a name only where it
 * neither crosses a mark or an earlier name nor lies inside a span kept as it is.
 */
export function nestedSpans<T extends InlineSpan>(text: string, spans: readonly T[]): T[] {
  // Loops rather than filters and spreads: every sentence with a name or a mark comes through here.
  const marks: T[] = [];
  const names: T[] = [];
  for (const span of spans) {
    const valid =
      span.start >= 0 &&
      span.end <= text.length &&
      span.start <= span.end &&
      (span.kind === 'break') === (span.start === span.end);
    if (valid) (isName(span.kind) ? names : marks).push(span);
  }
  const chosen: T[] = [];
  const choose = (span: T): void => {
    for (const other of chosen) {
      if (
        crosses(span, other) ||
        (other.start === span.start && other.end === span.end && other.kind === span.kind) ||
        (isName(span.kind) && keeps(other.kind) && within(span, other))
      )
        return;
    }
    chosen.push(span);
  };
  // Marks first, then names in the order given (callers give the spans they most want kept first).
  for (const span of marks) choose(span);
  for (const span of names) choose(span);
  return chosen.sort(byPosition);
}

/** Document order, outer before inner, a mark before a name over the same words. */
function byPosition(a: InlineSpan, b: InlineSpan): number {
  return a.start - b.start || b.end - a.end || rank(a) - rank(b);
}

function rank(span: InlineSpan): number {
  return isName(span.kind) ? 1 : 0;
}

/** The tagged segment of a sentence's text and spans (from `nestedSpans`): element `i` is `spans[i]`. */
export function encodeInline(text: string, spans: readonly InlineSpan[]): string {
  // At one offset: closing tags first (inner before outer), then breaks, then opening tags (outer before inner).
  const events: { at: number; group: number; tie: number; html: string }[] = [];
  spans.forEach((span, id) => {
    const name = ELEMENT[span.kind];
    const attributes = keeps(span.kind) ? ` id=${id} translate=no` : ` id=${id}`;
    if (span.kind === 'break') {
      events.push({ at: span.start, group: 1, tie: id, html: `<br${attributes}>` });
      return;
    }
    events.push({ at: span.start, group: 2, tie: id, html: `<${name}${attributes}>` });
    events.push({ at: span.end, group: 0, tie: -id, html: `</${name}>` });
  });
  events.sort((a, b) => a.at - b.at || a.group - b.group || a.tie - b.tie);
  let html = '';
  let last = 0;
  for (const event of events) {
    html += escapeInlineText(text.slice(last, event.at)) + event.html;
    last = event.at;
  }
  return html + escapeInlineText(text.slice(last));
}

export interface DecodedInline {
  /** The translated sentence, whitespace collapsed and trimmed. */
  readonly text: string;
  /** Where each span of the source sentence is in `text` (by index), or `undefined` where it was lost. */
  readonly spans: readonly (Span | undefined)[];
  /** Why the answer's markup was not used; `undefined` when it was. */
  readonly fault?: string;
}

interface Collected {
  text: string;
  spans: ({ start: number; end: number } | undefined)[];
  /** `locate` elements that came back more than once: their place is not known, but nothing is broken. */
  lost: Set<number>;
  fault?: string;
}

/** Walks the answer's tokens against the spans sent, collecting text and element ranges (offsets before trim). */
function collect(tokens: readonly InlineToken[], spans: readonly InlineSpan[]): Collected {
  const out: Collected = { text: '', spans: spans.map(() => undefined), lost: new Set() };
  const stack: number[] = [];
  const fail = (reason: string) => {
    out.fault ??= reason;
  };
  for (const token of tokens) {
    if (token.type === 'text') {
      out.text += token.text;
      continue;
    }
    if (token.type === 'close') {
      const id = stack.pop();
      if (id === undefined || ELEMENT[spans[id]?.kind ?? 'keep'] !== token.name)
        fail('unbalanced or crossing tags');
      const range = id === undefined ? undefined : out.spans[id];
      if (range) range.end = out.text.length;
      continue;
    }
    const span = token.id === undefined ? undefined : spans[token.id];
    if (token.id === undefined || !span || ELEMENT[span.kind] !== token.name) {
      fail(`an element that was not sent (${token.raw})`);
      continue;
    }
    if (out.spans[token.id]) {
      if (span.kind === 'locate') out.lost.add(token.id);
      else fail(`element ${token.id} twice`);
    }
    out.spans[token.id] = { start: out.text.length, end: out.text.length };
    if (token.type === 'open') stack.push(token.id);
    else if (span.kind !== 'break') fail(`element ${token.id} came back empty`);
  }
  if (stack.length > 0) fail('unclosed tags');
  return out;
}

/** Collapses whitespace and trims, mapping offsets of the original text to the result. */
function normalised(text: string): { text: string; map: (offset: number) => number } {
  const positions = new Array<number>(text.length + 1);
  let result = '';
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    positions[i] = result.length + (pendingSpace && result !== '' ? 1 : 0);
    if (/\s/u.test(text[i] as string)) {
      pendingSpace = true;
      continue;
    }
    if (pendingSpace && result !== '') result += ' ';
    pendingSpace = false;
    result += text[i];
  }
  positions[text.length] = result.length;
  return { text: result, map: (offset) => Math.min(positions[offset] ?? result.length, result.length) };
}

/** The first occurrence of each kept text in `text`, in order, for an answer whose markup was not used. */
function findKept(text: string, source: string, spans: readonly InlineSpan[]): (Span | undefined)[] {
  let from = 0;
  return spans.map((span) => {
    if (!keeps(span.kind)) return undefined;
    const wanted = source.slice(span.start, span.end);
    const at = text.indexOf(wanted, from);
    if (at < 0 || wanted === '') return undefined;
    from = at + wanted.length;
    return { start: at, end: at + wanted.length };
  });
}

/**
 * A plain-text answer to a tagged segment: an editor's correction, which is text only. Its names are found by their
 * words; links and emphasis of the machine version do not carry over to the editor's wording.
 */
export function plainAnswer(answer: string, source: string, spans: readonly InlineSpan[]): DecodedInline {
  const { text } = normalised(answer);
  return { text, spans: findKept(text, source, spans) };
}

/** Reads an engine's answer to `encodeInline(source, spans)`. */
export function decodeInline(answer: string, source: string, spans: readonly InlineSpan[]): DecodedInline {
  const collected = collect(tokenizeInlineHtml(answer), spans);
  const { text, map } = normalised(collected.text);
  let fault = collected.fault;
  const located = collected.spans.map((range, id) => {
    const span = spans[id] as InlineSpan;
    // A place or quote the engine lost is only not located: it was never markup to publish.
    const locating = span.kind === 'locate';
    if (!range || (locating && collected.lost.has(id))) {
      if (!locating) fault ??= `element ${id} was dropped`;
      return undefined;
    }
    let start = map(range.start);
    let end = map(range.end);
    while (start < end && text[start] === ' ') start++;
    while (end > start && text[end - 1] === ' ') end--;
    if (span.kind !== 'break' && start === end) {
      if (locating) return undefined;
      fault ??= `element ${id} came back empty`;
    }
    if (
      keeps(span.kind) &&
      text.slice(start, end) !== source.slice(span.start, span.end).replace(/\s+/gu, ' ')
    ) {
      fault ??= `kept text of element ${id} changed`;
    }
    return { start, end };
  });
  if (fault !== undefined) return { text, spans: findKept(text, source, spans), fault };
  return { text, spans: located };
}
