import { inflateRawSync } from 'node:zlib';
import mammoth from 'mammoth';
import type { ArticleMetadata, Author } from '../../document.js';
import { ArticleError } from '../../errors.js';
import { distinctLabels, isoDate, labelText } from '../metadata-values.js';

/**
 * Word files are zip archives of XML: bounded before anything is inflated for real. A .docx of the size polybrief
 * accepts holds a few MiB of XML; a zip bomb declares (or, lying, inflates to) far more.
 */
export const MAX_DOCX_ENTRIES = 2_000;
/** Total inflated size of the parts read (everything but the pictures, which are never read). */
export const MAX_DOCX_INFLATED_BYTES = 32 * 1024 * 1024;
/** Inflated ÷ compressed, per part over 1 MiB inflated: XML packs about 5 to 20 times; a bomb thousands. */
export const MAX_DOCX_RATIO = 200;

interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

const damagedHint =
  'Open the file in Word (or LibreOffice), save it again as .docx, and upload it again; or save the article as .html, .md or .txt.';

function damaged(detail: string): ArticleError {
  return new ArticleError('damaged-file', `The Word file cannot be read: ${detail}.`, damagedHint);
}

function tooLarge(detail: string): ArticleError {
  return new ArticleError(
    'too-large',
    `The Word file ${detail}, more than an article needs (a zip bomb?).`,
    'Upload the article itself: save it as a new .docx without embedded objects, or as .html, .md or .txt.',
  );
}

/** The zip's central directory: names, sizes and where each part is, read without inflating anything. */
function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 64 KiB + 22 bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw damaged('it is not a complete zip archive (it may have been cut short)');
  const count = view.getUint16(end + 10, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (count > MAX_DOCX_ENTRIES) throw tooLarge(`holds ${count} parts`);
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  const decoder = new TextDecoder();
  for (let index = 0; index < count; index++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) {
      throw damaged('its table of contents is broken');
    }
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    entries.push({
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** A part's bytes, inflated with a hard cap at its declared size: a part that lies about its size is refused. */
function inflated(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const local = entry.localOffset;
  if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) {
    throw damaged(`its part ${entry.name} is missing`);
  }
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length < entry.compressedSize) throw damaged(`its part ${entry.name} is cut short`);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw damaged(`its part ${entry.name} is packed in a way Word does not use`);
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw tooLarge(`has a part (${entry.name}) that inflates past the size it declares`);
    }
    throw damaged(`its part ${entry.name} is corrupt`);
  }
}

const isPicture = (name: string): boolean => /^word\/(?:media|embeddings)\//u.test(name);

/**
 * Checks a Word file before it is converted: a zip (an encrypted file is an OLE container, refused as
 * password-protected), with a document part, within the bounds above, every part it declares read and
 * inflated within its declared size (so the converter's own reading is bounded too). Returns the parts read.
 */
export function checkDocx(bytes: Uint8Array): Map<string, Uint8Array> {
  if (bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new ArticleError(
      'password-protected',
      'The Word file is password-protected (encrypted), or an old .doc file renamed .docx: it cannot be read.',
      'Remove the password (Word: File › Info › Protect Document › Encrypt with Password, clear it) and save it as .docx, then upload it again.',
    );
  }
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw damaged('it is not a Word document (.docx files are zip archives)');
  }
  const entries = zipEntries(bytes);
  let declared = 0;
  for (const entry of entries) {
    if (entry.flags & 0x1) {
      throw new ArticleError(
        'password-protected',
        `The Word file has encrypted parts (${entry.name}): it cannot be read.`,
        'Remove the password and save it as .docx, then upload it again.',
      );
    }
    if (isPicture(entry.name)) continue;
    declared += entry.size;
    if (declared > MAX_DOCX_INFLATED_BYTES)
      throw tooLarge(`declares over ${MAX_DOCX_INFLATED_BYTES >> 20} MiB of text`);
    if (entry.size > 1024 * 1024 && entry.size / Math.max(1, entry.compressedSize) > MAX_DOCX_RATIO) {
      throw tooLarge(
        `has a part (${entry.name}) packed ${Math.round(entry.size / Math.max(1, entry.compressedSize))} times`,
      );
    }
  }
  if (!entries.some((entry) => entry.name === 'word/document.xml')) {
    throw damaged('it has no document part (word/document.xml): is it a Word document?');
  }
  const parts = new Map<string, Uint8Array>();
  for (const entry of entries)
    if (!isPicture(entry.name) && !entry.name.endsWith('/')) parts.set(entry.name, inflated(bytes, entry));
  return parts;
}

function xmlText(xml: string, tag: string): string[] {
  const values: string[] = [];
  const pattern = new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`, 'gu');
  for (const match of xml.matchAll(pattern)) {
    values.push(
      (match[1] ?? '')
        .replace(/&lt;/gu, '<')
        .replace(/&gt;/gu, '>')
        .replace(/&quot;/gu, '"')
        .replace(/&apos;/gu, "'")
        .replace(/&amp;/gu, '&'),
    );
  }
  return values;
}

/** The document's properties (docProps/core.xml): title, authors, created and modified dates, keywords, category. */
export function docxProperties(parts: ReadonlyMap<string, Uint8Array>): {
  title?: string;
  metadata: ArticleMetadata;
} {
  const core = parts.get('docProps/core.xml');
  if (!core || core.length > 1024 * 1024) return { metadata: {} };
  const xml = new TextDecoder().decode(core);
  const title = labelText(xmlText(xml, 'dc:title')[0]);
  const authors: Author[] = distinctLabels(
    xmlText(xml, 'dc:creator').flatMap((value) => value.split(/\s*;\s*/u)),
  ).map((name) => ({ name }));
  const datePublished = isoDate(xmlText(xml, 'dcterms:created')[0]);
  const dateModified = isoDate(xmlText(xml, 'dcterms:modified')[0]);
  const keywords = distinctLabels(xmlText(xml, 'cp:keywords').flatMap((value) => value.split(/\s*[,;]\s*/u)));
  const section = labelText(xmlText(xml, 'cp:category')[0]);
  return {
    ...(title ? { title } : {}),
    metadata: {
      ...(authors.length > 0 ? { authors } : {}),
      ...(datePublished ? { datePublished } : {}),
      ...(dateModified && dateModified !== datePublished ? { dateModified } : {}),
      ...(section ? { section } : {}),
      ...(keywords.length > 0 ? { keywords } : {}),
    },
  };
}

/** Word styles newsrooms use, beyond mammoth's own (headings, lists, footnotes). */
const styleMap = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => p:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
  "p[style-name='Caption'] => figcaption:fresh",
  "r[style-name='Emphasis'] => em",
  "r[style-name='Strong'] => strong",
];

/** A Word document, as HTML and its properties, ready for the HTML reader. */
export interface DocxHtml {
  readonly html: string;
  readonly title?: string;
  readonly metadata: ArticleMetadata;
}

/**
 * Converts a .docx to HTML with mammoth (headings, lists, tables, emphasis, strong, links and footnotes kept;
 * pictures are not read, nor any file outside the archive), after `checkDocx` has bounded it.
 */
export async function docxToHtml(bytes: Uint8Array): Promise<DocxHtml> {
  const parts = checkDocx(bytes);
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap,
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    );
    html = result.value;
  } catch (error) {
    throw damaged(
      error instanceof Error ? (error.message.split('\n')[0] ?? 'it is corrupt') : 'it is corrupt',
    );
  }
  return { html, ...docxProperties(parts) };
}
