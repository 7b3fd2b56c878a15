import type { Nodes, Paragraph, PhrasingContent, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { type ExtractedText, TextBuilder } from './blocks.js';

function inlineText(nodes: readonly PhrasingContent[]): string {
  return nodes
    .map((node) => {
      switch (node.type) {
        case 'text':
        case 'inlineCode':
          return node.value;
        case 'break':
          return ' ';
        case 'emphasis':
        case 'strong':
        case 'delete':
        case 'link':
        case 'linkReference':
          return inlineText(node.children);
        default:
          // Images, raw HTML and footnote marks are not article text.
          return '';
      }
    })
    .join('');
}

/** A paragraph that is only an image and/or emphasised text reads as a picture caption. */
function isCaption(paragraph: Paragraph): boolean {
  const parts = paragraph.children.filter((node) => !(node.type === 'text' && node.value.trim() === ''));
  const hasImage = parts.some((node) => node.type === 'image');
  const emphasised = parts.filter((node) => node.type === 'emphasis');
  return parts.length > 0 &&
    emphasised.length > 0 &&
    parts.every((node) => node.type === 'image' || node.type === 'emphasis')
    ? hasImage || emphasised.length === parts.length
    : false;
}

function walk(
  nodes: readonly (RootContent | Nodes)[],
  builder: TextBuilder,
  context: 'body' | 'quote' | 'list',
): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'heading':
        builder.add('heading', inlineText(node.children), node.depth);
        break;
      case 'paragraph':
        if (context === 'body' && isCaption(node)) builder.add('caption', inlineText(node.children));
        else
          builder.add(
            context === 'quote' ? 'quote' : context === 'list' ? 'list-item' : 'paragraph',
            inlineText(node.children),
          );
        break;
      case 'blockquote':
        walk(node.children, builder, 'quote');
        break;
      case 'list':
        walk(node.children, builder, 'list');
        break;
      case 'listItem':
        walk(node.children, builder, 'list');
        break;
      default:
        // Code, raw HTML, tables and rules are not prose to summarise or translate.
        break;
    }
  }
}

/** Reads Markdown with a CommonMark parser; offsets index the extracted text, free of Markdown syntax. */
export function readMarkdown(source: string): ExtractedText {
  const builder = new TextBuilder();
  walk(fromMarkdown(source).children, builder, 'body');
  return builder.result();
}
