/**
 * Reads samples/markup/marked-sentences.txt: one sentence a line with `_emphasis_`, `*strong*`,
 * `[text](url)` links, `` `code` `` and `|` for a line break, into sentence texts with inline marks.
 */
import { readFileSync } from 'node:fs';
import type { InlineMark } from '../../functions/core/document.js';

export interface MarkedSentence {
  readonly text: string;
  readonly marks: readonly InlineMark[];
}

const TOKEN = /_([^_]+)_|\*([^*]+)\*|\[([^\]]+)\]\(([^)]+)\)|`([^`]+)`|\|/gu;

export function parseMarked(line: string): MarkedSentence {
  let text = '';
  let last = 0;
  const marks: InlineMark[] = [];
  for (const match of line.matchAll(TOKEN)) {
    text += line.slice(last, match.index);
    last = (match.index ?? 0) + match[0].length;
    const start = text.length;
    if (match[0] === '|') {
      marks.push({ kind: 'break', start, end: start });
      text += ' ';
      continue;
    }
    const inner = match[1] ?? match[2] ?? match[3] ?? match[5] ?? '';
    text += inner;
    const kind = match[1] ? 'emphasis' : match[2] ? 'strong' : match[3] ? 'link' : 'code';
    marks.push({ kind, start, end: text.length, ...(match[4] ? { href: match[4] } : {}) });
  }
  return { text: text + line.slice(last), marks };
}

export function markedSentences(
  file = new URL('../../samples/markup/marked-sentences.txt', import.meta.url),
): MarkedSentence[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map(parseMarked);
}
