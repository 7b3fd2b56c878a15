import type { ArticleMetadata, SourceFormat } from '../document.js';
import { decodeArticle } from './decode.js';
import { docxToHtml } from './formats/docx.js';

/** An upload's bytes as text for its format's reader. */
export interface DecodedUpload {
  /** The text (for a Word file: its HTML). */
  readonly text: string;
  /** The encoding the text was decoded from (a Word file's XML is UTF-8). */
  readonly encoding: string;
  /** What the file declares beside its text (a Word file's properties). */
  readonly declared?: { readonly title?: string; readonly metadata: ArticleMetadata };
}

/**
 * Turns an upload into text: plain text, Markdown and HTML are decoded (decode.ts: encodings, binary files and
 * empty text refused); a Word file is checked as a zip and converted to HTML (formats/docx.ts).
 */
export async function decodeUpload(bytes: Uint8Array, format: SourceFormat): Promise<DecodedUpload> {
  if (format !== 'docx') {
    const decoded = decodeArticle(bytes);
    return { text: decoded.text, encoding: decoded.encoding };
  }
  const docx = await docxToHtml(bytes);
  return {
    text: docx.html,
    encoding: 'utf-8',
    declared: { ...(docx.title ? { title: docx.title } : {}), metadata: docx.metadata },
  };
}
