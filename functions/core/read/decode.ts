import { ArticleError } from '../errors.js';
import { safeText } from '../safe-text.js';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  /**
   * The text with any byte-order mark removed and what no published text may hold (`safeText`: NUL and other
   * controls, noncharacters, unpaired bidi controls) replaced by U+FFFD; nothing else changed (line endings kept).
   */
  readonly text: string;
  readonly encoding: TextEncodingName;
  readonly byteOrderMark: boolean;
}

const signatures: readonly { readonly name: string; readonly bytes: readonly number[] }[] = [
  { name: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'a PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { name: 'a ZIP archive (or a Word/OpenDocument file)', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'a gzip archive', bytes: [0x1f, 0x8b] },
  { name: 'a WebP or other RIFF media file', bytes: [0x52, 0x49, 0x46, 0x46] },
];

/** Windows-1252 leaves these five bytes undefined, so text containing them is not Windows-1252. */
const undefinedIn1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * Windows-1252's characters for bytes 0x80–0x9F (the rest is Latin-1). Spelled out because Node's TextDecoder
 * decodes the `windows-1252` label as Latin-1, turning curly quotes and dashes into control characters.
 */
const windows1252High = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    text += byte >= 0x80 && byte <= 0x9f ? windows1252High.charAt(byte - 0x80) : String.fromCharCode(byte);
  }
  return text;
}

const plainTextHint =
  'Save the article as plain text (UTF-8), Markdown or HTML and upload it again under incoming/.';

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((byte, index) => bytes[index] === byte);
}

function binaryError(what: string): ArticleError {
  return new ArticleError('binary', `The file is ${what}, not text.`, plainTextHint);
}

/** True when the bytes hold at least one well-formed multi-byte UTF-8 sequence. */
function hasUtf8Sequence(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length - 1; i++) {
    const lead = bytes[i] ?? 0;
    const length = lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 && lead <= 0xdf ? 2 : 0;
    if (lead >= 0xf5 || length === 0) continue;
    let ok = i + length <= bytes.length;
    for (let j = 1; ok && j < length; j++) ok = ((bytes[i + j] ?? 0) & 0xc0) === 0x80;
    if (ok) return true;
  }
  return false;
}

function controlCharacterShare(text: string): number {
  let controls = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) || code === 0x7f) {
      controls++;
    }
  }
  return text.length === 0 ? 0 : controls / text.length;
}

/**
 * Turns an uploaded object into text. UTF-8 (with or without BOM) and UTF-16 with a BOM are decoded exactly;
 * bytes that are not UTF-8 but are well-formed Windows-1252 (what older Windows editors save) are decoded as such.
 * Anything else is refused with an `ArticleError` saying what the file looks like and what to do.
 */
export function decodeArticle(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) {
    throw new ArticleError('empty', 'The file is empty (0 bytes).', 'Upload the article text itself.');
  }
  if (startsWith(bytes, [0xef, 0xbb, 0xbf]))
    return checked(decodeStrict('utf-8', bytes.subarray(3)), 'utf-8', true);
  if (startsWith(bytes, [0xff, 0xfe]))
    return checked(decodeStrict('utf-16le', bytes.subarray(2)), 'utf-16le', true);
  if (startsWith(bytes, [0xfe, 0xff]))
    return checked(decodeStrict('utf-16be', bytes.subarray(2)), 'utf-16be', true);

  const signature = signatures.find((candidate) => startsWith(bytes, candidate.bytes));
  if (signature) throw binaryError(signature.name);
  if (bytes.subarray(0, 8192).includes(0)) throw binaryError('binary data (it contains NUL bytes)');

  const utf8 = decodeStrict('utf-8', bytes);
  if (utf8 !== undefined) return checked(utf8, 'utf-8', false);

  // Mixed valid and broken UTF-8 means a damaged file; only text with no UTF-8 at all can be Windows-1252.
  const legacy = !hasUtf8Sequence(bytes) && !bytes.some((byte) => undefinedIn1252.has(byte));
  if (legacy) return checked(decodeWindows1252(bytes), 'windows-1252', false);
  throw new ArticleError(
    'invalid-encoding',
    'The file is not valid UTF-8 text (some bytes do not form UTF-8 characters).',
    'Re-save the article as UTF-8 in your editor ("Save as… / Encoding: UTF-8") and upload it again.',
  );
}

function decodeStrict(encoding: TextEncodingName, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function checked(text: string | undefined, encoding: TextEncodingName, byteOrderMark: boolean): DecodedText {
  if (text === undefined) {
    throw new ArticleError(
      'invalid-encoding',
      `The file starts with a ${encoding.toUpperCase()} byte-order mark but its bytes are not valid ${encoding.toUpperCase()}.`,
      'Re-save the article as UTF-8 in your editor and upload it again.',
    );
  }
  if (controlCharacterShare(text) > 0.01) throw binaryError('binary data (it is full of control characters)');
  // Digits alone are no words either: a file of numbers and symbols is not an article.
  if (!/\p{L}/u.test(text)) {
    throw new ArticleError(
      'no-text',
      text.trim() === ''
        ? 'The file holds only whitespace.'
        : 'The file holds no words (only digits, punctuation or symbols, no letters).',
      'Upload the article text itself: a headline line, then its paragraphs.',
    );
  }
  return { text: safeText(text), encoding, byteOrderMark };
}
