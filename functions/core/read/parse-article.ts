import type {
  ArticleMetadata,
  Dateline,
  InlineMark,
  Paragraph,
  Sentence,
  SourceDocument,
  SourceFormat,
  Span,
} from '../document.js';
import { ArticleError } from '../errors.js';
import type { Block, ExtractedText } from './formats/blocks.js';
import { matchDateline } from './formats/dateline.js';
import { readHtml, readHtmlDocument } from './formats/html.js';
import { readMarkdown } from './formats/markdown.js';
import { readPlainText } from './formats/plain-text.js';
import { marksBySentence } from './sentence-marks.js';
import { boundSentence, splitSentences } from './sentences.js';

const extensions: Readonly<Record<string, SourceFormat>> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
  docx: 'docx',
};

export const supportedExtensions = Object.keys(extensions);

/** The format a file name implies; a name without an extension is read as plain text. */
export function formatFromFileName(name: string): SourceFormat | undefined {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return 'text';
  return extensions[base.slice(dot + 1).toLowerCase()];
}

/** Like `formatFromFileName`, but refuses unsupported extensions with an error a user can act on. */
export function requireFormat(name: string): SourceFormat {
  const format = formatFromFileName(name);
  if (format) return format;
  const extension = name.slice(name.lastIndexOf('.'));
  const formats = supportedExtensions.map((ext) => `.${ext}`).join(', ');
  throw new ArticleError(
    'unsupported-type',
    `Files ending in "${extension}" are not articles polybrief can read (it reads ${formats}).`,
    `${savingHints[extension.toLowerCase()] ?? 'Save the article'} and upload it again as ${formats}.`,
  );
}

/** How to get a readable file out of the formats people most often try. */
const savingHints: Readonly<Record<string, string>> = {
  '.doc': 'Open it in Word and save it as a Word Document (.docx) (File › Save As)',
  '.odt': 'Save it from LibreOffice or OpenOffice as Word 2007-365 (.docx) (File › Save As)',
  '.rtf': 'Save it from your editor as a Word Document (.docx)',
  '.pdf':
    'Export the article from the application that made the PDF as .docx or .html, or copy its text into a .txt file,',
  '.pages': 'Export it from Pages as Word (.docx) (File › Export To › Word)',
};

const captionCue =
  /\((?:left|right|centre|center|top|bottom|pictured|file|inset)\)|\b(?:photo|image|picture|pictured|credit|courtesy|getty|reuters|afp|xinhua)\b/iu;
const finalPunctuation = /[.!?…:;"”’)]$/u;

function sentence(text: string, span: Span, id: string, marks?: readonly InlineMark[]): Sentence {
  return {
    id,
    start: span.start,
    end: span.end,
    text: text.slice(span.start, span.end).replace(/\s+/gu, ' '),
    ...(marks && marks.length > 0 ? { marks } : {}),
  };
}

/** A block read as one sentence (headline, caption), with its marks. */
function blockSentence(text: string, block: Block, id: string): Sentence {
  const marks = block.marks ? marksBySentence(block.marks, [block])[0] : undefined;
  return sentence(text, block, id, marks);
}

/** Kinds of blocks that are the article's running text, before which a caption is the lead picture's. */
const runningKinds = new Set<Block['kind']>(['paragraph', 'quote', 'list-item', 'table-cell']);

/**
 * A heading or caption too long for one sentence (see `boundSentence`) is not one: it is read as a paragraph, in
 * sentences of bounded length, like any other body text.
 */
function demoteOverlong(text: string, block: Block): Block {
  if (block.kind !== 'heading' && block.kind !== 'caption') return block;
  if (boundSentence(text, block.start, block.end).length === 1) return block;
  const { level: _level, ...rest } = block;
  return { ...rest, kind: 'paragraph', singleLine: false };
}

function looksLikeCaption(text: string, block: Block): boolean {
  const content = text.slice(block.start, block.end);
  if (block.singleLine === false || content.length > 200) return false;
  return captionCue.test(content) || (!finalPunctuation.test(content) && content.split(/\s+/u).length <= 20);
}

function looksLikeSubheading(text: string, block: Block): boolean {
  const content = text.slice(block.start, block.end);
  return (
    block.kind === 'paragraph' &&
    block.singleLine === true &&
    content.length <= 100 &&
    !finalPunctuation.test(content) &&
    !/^[\d\W]/u.test(content)
  );
}

export interface ParseOptions {
  /** Called between blocks; may throw to stop a parse that has run too long (see analysis-budget.ts). */
  readonly checkpoint?: () => void;
  /** What the file declares beside its text (a Word file's title and properties). */
  readonly declared?: { readonly title?: string; readonly metadata?: ArticleMetadata };
}

/** Works out headline, caption, dateline, paragraphs and sentences from a format reader's blocks. */
function assemble(format: SourceFormat, extracted: ExtractedText, options: ParseOptions): SourceDocument {
  const { text } = extracted;
  const blocks = extracted.blocks.map((block) => demoteOverlong(text, block));
  let headline: Sentence | undefined;
  const first = blocks[0];
  if (first && (first.kind === 'heading' || extracted.headlineFirst)) {
    headline = blockSentence(text, first, 'headline');
    blocks.shift();
  } else if (
    first &&
    format !== 'text' &&
    text.slice(first.start, first.end).length <= 160 &&
    !finalPunctuation.test(text.slice(first.start, first.end))
  ) {
    headline = blockSentence(text, first, 'headline');
    blocks.shift();
  }

  let caption: Sentence | undefined;
  const captionIndex = blocks.findIndex((block) => block.kind === 'caption' || runningKinds.has(block.kind));
  if (captionIndex >= 0 && blocks[captionIndex]?.kind === 'caption') {
    caption = blockSentence(text, blocks[captionIndex] as Block, 'caption');
    blocks.splice(captionIndex, 1);
  } else if (format === 'text' && blocks[0] && blocks.length > 1 && looksLikeCaption(text, blocks[0])) {
    caption = sentence(text, blocks[0], 'caption');
    blocks.shift();
  }

  let dateline: Dateline | undefined;
  const paragraphs: Paragraph[] = [];
  for (const block of blocks) {
    options.checkpoint?.();
    const id = `p${paragraphs.length + 1}`;
    let start = block.start;
    if (!dateline && paragraphs.length === 0 && block.kind === 'paragraph') {
      const match = matchDateline(text.slice(block.start, block.end));
      if (match && match.length < block.end - block.start) {
        dateline = {
          start: block.start,
          end: block.start + match.textLength,
          ...(match.date ? { date: match.date } : {}),
          ...(match.place ? { place: match.place } : {}),
        };
        start = block.start + match.length;
      }
    }
    const isHeading = block.kind === 'heading' || (format === 'text' && looksLikeSubheading(text, block));
    const spans = isHeading ? boundSentence(text, start, block.end) : splitSentences(text, start, block.end);
    const worded = spans.filter((span) => /[\p{L}\p{N}]/u.test(text.slice(span.start, span.end)));
    const marks = block.marks ? marksBySentence(block.marks, worded) : [];
    const sentences = worded.map((span, index) => sentence(text, span, `${id}s${index + 1}`, marks[index]));
    if (sentences.length === 0) continue;
    const level = isHeading ? (block.kind === 'heading' ? block.level : 2) : undefined;
    paragraphs.push({
      id,
      kind: isHeading ? 'heading' : block.kind,
      start: block.start,
      end: block.end,
      sentences,
      ...(level === undefined ? {} : { level }),
      ...(block.containers ? { containers: block.containers } : {}),
    });
  }

  if (paragraphs.length === 0 && !headline) {
    throw new ArticleError(
      'no-sentences',
      'The file has no sentences to publish.',
      'Upload the article text itself: a headline line, then its paragraphs.',
    );
  }
  return {
    format,
    text,
    paragraphs,
    ...(headline ? { headline } : {}),
    ...(caption ? { caption } : {}),
    ...(dateline ? { dateline } : {}),
    ...(extracted.metadata ? { metadata: extracted.metadata } : {}),
  };
}

/** Parses decoded article text of the given format into a `SourceDocument`. */
export function parseArticle(text: string, format: SourceFormat, options: ParseOptions = {}): SourceDocument {
  const extracted =
    format === 'html'
      ? readHtml(text)
      : format === 'docx'
        ? readHtmlDocument(text, options.declared)
        : format === 'markdown'
          ? readMarkdown(text)
          : readPlainText(text);
  options.checkpoint?.();
  return assemble(format, extracted, options);
}
