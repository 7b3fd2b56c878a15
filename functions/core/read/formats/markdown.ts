import markdownIt, { type Token } from 'markdown-it';
import { type BlockKind, type ExtractedText, TextBuilder } from './blocks.js';

/**
 * Containers (quotes, lists) and inline markup nested deeper than this are not followed: markdown-it drops block
 * content below it and reads inline markup below it as plain text. Articles nest a few levels at most; without
 * a bound, nesting is where Markdown parsers go superlinear.
 */
export const MAX_MARKDOWN_NESTING = 20;

/**
 * CommonMark with GitHub's tables and strikethrough, raw HTML recognised (so that it can be dropped), no
 * typographic replacements: the text is the author's. markdown-it parses in linear time, pathological input
 * included, into a flat token stream, so no recursion here can run out of stack whatever the nesting.
 */
const parser = markdownIt('default', {
  html: true,
  linkify: false,
  typographer: false,
  maxNesting: MAX_MARKDOWN_NESTING,
});

/** The readable text of a paragraph's or heading's inline tokens: no images, raw HTML or markup. */
function inlineText(children: readonly Token[]): string {
  let text = '';
  for (const token of children) {
    switch (token.type) {
      case 'text':
      case 'code_inline':
        text += token.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        text += ' ';
        break;
      default:
        // Images (their alt text included), raw HTML tags and the markup itself are not article text.
        break;
    }
  }
  return text;
}

/** What one inline token is, at the top level of a paragraph, for caption detection. */
function partOf(token: Token): string | undefined {
  if (token.type === 'text' && token.content.trim() === '') return undefined;
  if (token.type === 'softbreak') return undefined;
  if (token.type === 'image') return 'image';
  if (token.type === 'em_open') return 'emphasis';
  return token.type;
}

/** A paragraph that is only an image and/or emphasised text reads as a picture caption. */
function isCaption(children: readonly Token[]): boolean {
  const parts: string[] = [];
  let depth = 0;
  for (const token of children) {
    if (depth === 0) {
      const part = partOf(token);
      if (part) parts.push(part);
    }
    if (token.nesting === 1) depth++;
    else if (token.nesting === -1) depth--;
  }
  const emphasised = parts.filter((part) => part === 'emphasis').length;
  const onlyPictures = parts.every((part) => part === 'image' || part === 'emphasis');
  return parts.length > 0 && emphasised > 0 && onlyPictures
    ? parts.includes('image') || emphasised === parts.length
    : false;
}

/** Reads Markdown with a CommonMark parser; offsets index the extracted text, free of Markdown syntax. */
export function readMarkdown(source: string): ExtractedText {
  const builder = new TextBuilder();
  const tokens = parser.parse(source, {});
  // Open containers, innermost last: they decide what a paragraph inside them is.
  const containers: string[] = [];
  let skipped = 0;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] as Token;
    if (token.type === 'table_open') skipped++;
    else if (token.type === 'table_close') skipped--;
    if (skipped > 0 || token.type === 'table_close') continue;
    switch (token.type) {
      case 'blockquote_open':
      case 'bullet_list_open':
      case 'ordered_list_open':
        containers.push(token.type);
        break;
      case 'blockquote_close':
      case 'bullet_list_close':
      case 'ordered_list_close':
        containers.pop();
        break;
      case 'heading_open': {
        const inline = tokens[index + 1];
        builder.add('heading', inlineText(inline?.children ?? []), Number(token.tag.slice(1)));
        break;
      }
      case 'paragraph_open': {
        const children = tokens[index + 1]?.children ?? [];
        const innermost = containers.at(-1);
        const kind: BlockKind =
          innermost === 'blockquote_open'
            ? 'quote'
            : innermost !== undefined
              ? 'list-item'
              : isCaption(children)
                ? 'caption'
                : 'paragraph';
        builder.add(kind, inlineText(children));
        break;
      }
      default:
        // Code, raw HTML blocks and rules are not prose to summarise or translate; inline tokens are read above.
        break;
    }
  }
  return builder.result();
}
