import type { InlineMarkJson } from '../../contract.js';
import { escapeHtml as e } from './escape.js';

const webLink = /^(?:https?:\/\/|mailto:)/iu;

const tags: Readonly<Record<Exclude<InlineMarkJson['kind'], 'break' | 'link'>, string>> = {
  emphasis: 'em',
  strong: 'strong',
  code: 'code',
};

function opening(mark: InlineMarkJson): string {
  if (mark.kind === 'link') {
    return `<a href="${e(mark.href ?? '')}" rel="nofollow noopener noreferrer">`;
  }
  return `<${tags[mark.kind as keyof typeof tags]}>`;
}

function closing(mark: InlineMarkJson): string {
  return mark.kind === 'link' ? '</a>' : `</${tags[mark.kind as keyof typeof tags]}>`;
}

/**
 * The marks a page can trust: inside the text, nested (a mark that crosses one already taken is left out), links
 * only to http, https and mailto addresses. What a JSON document says is checked here again, because a page
 * must stay inert whatever the document holds. Sorted for writing: by start, line breaks first, outer first.
 */
export function trustedMarks(text: string, marks: readonly InlineMarkJson[] | undefined): InlineMarkJson[] {
  if (!marks || marks.length === 0) return [];
  const candidates = marks
    .filter(
      (mark) =>
        Number.isInteger(mark.start) &&
        Number.isInteger(mark.end) &&
        mark.start >= 0 &&
        mark.end <= text.length &&
        (mark.kind === 'break' ? mark.start === mark.end : mark.start < mark.end) &&
        (mark.kind !== 'link' || (mark.href !== undefined && webLink.test(mark.href))),
    )
    .sort(
      (a, b) => a.start - b.start || Number(b.kind === 'break') - Number(a.kind === 'break') || b.end - a.end,
    );
  const taken: InlineMarkJson[] = [];
  const open: InlineMarkJson[] = [];
  for (const mark of candidates) {
    while (open.length > 0 && (open.at(-1) as InlineMarkJson).end <= mark.start) open.pop();
    if (mark.kind === 'break') {
      taken.push(mark);
      continue;
    }
    if (open.length > 0 && mark.end > (open.at(-1) as InlineMarkJson).end) continue;
    taken.push(mark);
    open.push(mark);
  }
  return taken;
}

/**
 * A sentence's text as HTML with its inline marks: `<a href rel="nofollow noopener noreferrer">`, `<em>`,
 * `<strong>`, `<code>`, `<br>`; every piece of text between them escaped.
 */
export function markedHtml(text: string, marks: readonly InlineMarkJson[] | undefined): string {
  const accepted = trustedMarks(text, marks);
  if (accepted.length === 0) return e(text);
  let html = '';
  let position = 0;
  const open: InlineMarkJson[] = [];
  const closeUntil = (limit: number): void => {
    while (open.length > 0 && (open.at(-1) as InlineMarkJson).end <= limit) {
      const mark = open.pop() as InlineMarkJson;
      html += e(text.slice(position, mark.end)) + closing(mark);
      position = mark.end;
    }
  };
  for (const mark of accepted) {
    closeUntil(mark.start);
    html += e(text.slice(position, mark.start));
    position = mark.start;
    if (mark.kind === 'break') {
      html += '<br>';
      continue;
    }
    html += opening(mark);
    open.push(mark);
  }
  closeUntil(text.length);
  return html + e(text.slice(position));
}

/**
 * A published sentence as HTML: its text with its marks; an editor's correction is marked (`class="reviewed"`),
 * so readers (and stylesheets) can tell.
 */
export function sentenceHtml(sentence: {
  readonly text: string;
  readonly marks?: readonly InlineMarkJson[];
  readonly review?: string;
}): string {
  const html = markedHtml(sentence.text, sentence.marks);
  return sentence.review === 'reviewed' ? `<span class="reviewed">${html}</span>` : html;
}
