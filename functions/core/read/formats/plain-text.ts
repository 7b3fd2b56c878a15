import type { Block, ExtractedText } from './blocks.js';

const listMarker = /^[ \t]*(?:[-*•–]|\d{1,3}[.)])[ \t]+/u;

/**
 * Reads plain text as it is: offsets index the decoded file itself (CRLF and lone CR line endings included).
 * Paragraphs are runs of non-blank lines; list lines are items of their own.
 */
export function readPlainText(text: string): ExtractedText {
  const blocks: Block[] = [];
  const linePattern = /[^\r\n]*(?:\r\n|\r|\n|$)/gu;
  let paragraph: { start: number; end: number; lines: number } | undefined;
  const flush = (): void => {
    if (paragraph)
      blocks.push({
        kind: 'paragraph',
        start: paragraph.start,
        end: paragraph.end,
        singleLine: paragraph.lines === 1,
      });
    paragraph = undefined;
  };
  for (const match of text.matchAll(linePattern)) {
    if (match[0] === '') break;
    const lineStart = match.index;
    const content = match[0].replace(/[\r\n]+$/u, '');
    const trimmedStart = lineStart + (content.length - content.trimStart().length);
    const lineEnd = lineStart + content.trimEnd().length;
    if (lineEnd <= trimmedStart) {
      flush();
      continue;
    }
    const marker = listMarker.exec(content);
    if (marker && blocks.length > 0) {
      flush();
      blocks.push({ kind: 'list-item', start: lineStart + marker[0].length, end: lineEnd, singleLine: true });
      continue;
    }
    // The first line of the file is the headline, whatever follows it.
    if (blocks.length === 0 && !paragraph) {
      blocks.push({ kind: 'heading', level: 1, start: trimmedStart, end: lineEnd, singleLine: true });
      continue;
    }
    if (paragraph) {
      paragraph.end = lineEnd;
      paragraph.lines++;
    } else {
      paragraph = { start: trimmedStart, end: lineEnd, lines: 1 };
    }
  }
  flush();
  return { text, blocks };
}
