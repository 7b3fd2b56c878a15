import markdownIt, { type Token } from 'markdown-it';
import type { ArticleImage, ArticleMetadata, Container, ContainerKind } from '../../document.js';
import { labelText, linkUrl, MAX_LIST_ITEMS, webUrl } from '../metadata-values.js';
import { BlockWriter, ContainerIds } from './block-writer.js';
import type { BlockKind, ExtractedText } from './blocks.js';
import { readFrontMatter } from './front-matter.js';

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

/** Inline markdown-it tokens that open a mark, and the mark. */
const markOpeners: Readonly<Record<string, 'emphasis' | 'strong'>> = {
  em_open: 'emphasis',
  strong_open: 'strong',
};
const markClosers = new Set(['em_close', 'strong_close', 'link_close']);

/**
 * Writes a paragraph's, heading's or cell's inline tokens: text, marks and line breaks (images and raw HTML out).
 * A caption's own emphasis (the way Markdown sets a caption apart) is its style, not a mark: `captionStyle`
 * leaves out emphasis at the paragraph's top level.
 */
function writeInline(
  writer: BlockWriter,
  children: readonly Token[],
  baseUrl: string | undefined,
  captionStyle = false,
): void {
  let depth = 0;
  let styled = false;
  for (const token of children) {
    if (captionStyle && depth === 0 && token.type === 'em_open') {
      styled = true;
      depth++;
      continue;
    }
    if (token.nesting === 1) depth++;
    else if (token.nesting === -1) depth--;
    if (styled && depth === 0 && token.type === 'em_close') {
      styled = false;
      continue;
    }
    const mark = markOpeners[token.type];
    if (mark) writer.open(mark);
    else if (markClosers.has(token.type)) writer.close();
    else if (token.type === 'link_open') writer.open('link', linkUrl(token.attrGet('href'), baseUrl));
    else if (token.type === 'text') writer.text(token.content);
    else if (token.type === 'code_inline') {
      writer.open('code');
      writer.text(token.content);
      writer.close();
    } else if (token.type === 'softbreak') writer.text(' ');
    else if (token.type === 'hardbreak') writer.lineBreak();
    // Images, raw HTML and strikethrough markers are not article text (struck text itself is read as text).
  }
}

/** The top-level parts of a paragraph, for telling a caption or a picture from prose. */
function partsOf(children: readonly Token[]): string[] {
  const parts: string[] = [];
  let depth = 0;
  for (const token of children) {
    if (depth === 0) {
      if (token.type === 'image') parts.push('image');
      else if (token.type === 'em_open') parts.push('emphasis');
      else if (!(token.type === 'text' && token.content.trim() === '') && token.type !== 'softbreak')
        parts.push(token.type);
    }
    if (token.nesting === 1) depth++;
    else if (token.nesting === -1) depth--;
  }
  return parts;
}

interface Picture {
  readonly url: string;
  readonly alt?: string;
  readonly title?: string;
}

function pictureOf(children: readonly Token[], baseUrl: string | undefined): Picture | undefined {
  const image = children.find((token) => token.type === 'image');
  const url = image ? webUrl(image.attrGet('src'), baseUrl) : undefined;
  if (!image || !url) return undefined;
  const alt = labelText(image.content);
  const title = labelText(image.attrGet('title'));
  return { url, ...(alt ? { alt } : {}), ...(title ? { title } : {}) };
}

/** Columns of the table opening at `index`: the cells of its first row. */
function columnsAt(tokens: readonly Token[], index: number): number {
  let columns = 0;
  for (let i = index + 1; i < tokens.length; i++) {
    const type = (tokens[i] as Token).type;
    if (type === 'tr_close') break;
    if (type === 'th_open' || type === 'td_open') columns++;
  }
  return columns;
}

const containerOpeners: Readonly<Record<string, ContainerKind>> = {
  blockquote_open: 'quote',
  bullet_list_open: 'list',
  ordered_list_open: 'list',
  list_item_open: 'item',
  table_open: 'table',
  tr_open: 'row',
  th_open: 'cell',
  td_open: 'cell',
};
const containerClosers = new Set([
  'blockquote_close',
  'bullet_list_close',
  'ordered_list_close',
  'list_item_close',
  'table_close',
  'tr_close',
  'th_close',
  'td_close',
]);

/** The block kind of a paragraph in the innermost container. */
function kindIn(containers: readonly Container[]): BlockKind {
  switch (containers.at(-1)?.kind) {
    case 'quote':
      return 'quote';
    case 'item':
    case 'list':
      return 'list-item';
    case 'cell':
      return 'table-cell';
    case 'figure':
      return 'caption';
    default:
      return 'paragraph';
  }
}

/**
 * Reads Markdown with a CommonMark parser (GitHub's tables included) and the YAML front matter (see
 * front-matter.ts). Offsets index the extracted text, free of Markdown syntax. Structure is kept: sub-headings
 * with their level, lists (nested), block quotes, tables cell by cell, pictures with their captions (a paragraph
 * that is a picture and emphasised text), and inline marks (links to http, https and mailto addresses, emphasis,
 * strong, code, hard line breaks). An emphasised paragraph before the running text is the lead picture's
 * caption, as newsroom Markdown writes it.
 */
export function readMarkdown(source: string): ExtractedText {
  const front = readFrontMatter(source);
  const { metadata } = front;
  const baseUrl = metadata.canonicalUrl;
  const writer = new BlockWriter();
  const ids = new ContainerIds();
  const containers: Container[] = [];
  const images: ArticleImage[] = [];
  const tokens = parser.parse(front.body, {});
  let column = 0;
  let running = false;
  let skipFirstHeading = false;
  // The lead picture's caption the front matter declares, written before the text unless the text has one.
  let declaredCaption = metadata.images?.[0]?.caption;
  const writeDeclaredCaption = (): void => {
    if (!declaredCaption || running) return;
    writer.text(declaredCaption);
    writer.end('caption', []);
    declaredCaption = undefined;
  };
  if (front.title) {
    writer.text(front.title);
    writer.end('heading', [], 1);
    const firstHeading = tokens.find((token) => token.type !== 'hr');
    const firstInline = tokens[tokens.indexOf(firstHeading as Token) + 1];
    skipFirstHeading =
      firstHeading?.type === 'heading_open' &&
      firstHeading.tag === 'h1' &&
      labelText(firstInline?.content) === front.title;
  }
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] as Token;
    const opened = containerOpeners[token.type];
    if (opened) {
      if (opened === 'row') column = 0;
      if (opened === 'cell') column++;
      containers.push({
        kind: opened,
        id: ids.next(opened),
        ...(token.type === 'ordered_list_open' ? { ordered: true } : {}),
        ...(opened === 'table' ? { columns: columnsAt(tokens, index) } : {}),
        ...(opened === 'row' &&
        containers.at(-1)?.kind === 'table' &&
        tokens[index - 1]?.type === 'thead_open'
          ? { header: true }
          : {}),
        ...(opened === 'cell' ? { column, ...(token.type === 'th_open' ? { header: true } : {}) } : {}),
      });
      continue;
    }
    if (containerClosers.has(token.type)) {
      containers.pop();
      continue;
    }
    if (token.type !== 'heading_open' && token.type !== 'paragraph_open' && token.type !== 'inline') continue;
    if (token.type === 'inline') {
      // A table cell's content is an inline token straight inside the cell.
      if (containers.at(-1)?.kind !== 'cell') continue;
      writeDeclaredCaption();
      writeInline(writer, token.children ?? [], baseUrl);
      writer.end('table-cell', containers);
      running = true;
      continue;
    }
    const children = tokens[index + 1]?.children ?? [];
    index++;
    if (token.type === 'heading_open') {
      if (skipFirstHeading) {
        skipFirstHeading = false;
        continue;
      }
      writeInline(writer, children, baseUrl);
      writer.end('heading', containers, Number(token.tag.slice(1)));
      continue;
    }
    skipFirstHeading = false;
    const parts = partsOf(children);
    const picture = parts.includes('image') ? pictureOf(children, baseUrl) : undefined;
    const onlyPicture =
      parts.includes('image') && parts.every((part) => part === 'image' || part === 'emphasis');
    const leadCaption =
      !running &&
      kindIn(containers) === 'paragraph' &&
      parts.length > 0 &&
      parts.every((part) => part === 'emphasis');
    if (leadCaption) declaredCaption = undefined;
    else writeDeclaredCaption();
    if (onlyPicture) {
      // A picture with its caption: a figure (a picture without a web address keeps its caption). Without a
      // caption, the picture is known to the metadata only.
      const figure: Container = {
        kind: 'figure',
        id: ids.next('figure'),
        ...(picture ? { image: { url: picture.url, ...(picture.alt ? { alt: picture.alt } : {}) } } : {}),
      };
      writeInline(writer, children, baseUrl, true);
      if (writer.empty && picture?.title) writer.text(picture.title);
      const caption = labelText(writer.currentText(), 1_000);
      writer.end('caption', [...containers, figure]);
      if (picture) {
        images.push({
          url: picture.url,
          ...(picture.alt ? { alt: picture.alt } : {}),
          ...(caption ? { caption } : {}),
        });
      }
      continue;
    }
    const kind = kindIn(containers);
    writeInline(writer, children, baseUrl, leadCaption);
    writer.end(leadCaption ? 'caption' : kind, containers);
    if (!leadCaption) running = true;
  }
  const { text, blocks } = writer.result();
  const allImages = [...(metadata.images ?? [])];
  for (const image of images) if (!allImages.some((item) => item.url === image.url)) allImages.push(image);
  const withImages: ArticleMetadata = {
    ...metadata,
    ...(allImages.length > 0 ? { images: allImages.slice(0, MAX_LIST_ITEMS) } : {}),
  };
  return {
    text,
    blocks,
    ...(front.title ? { headlineFirst: true } : {}),
    ...(Object.keys(withImages).length > 0 ? { metadata: withImages } : {}),
  };
}
