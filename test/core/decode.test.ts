import { describe, expect, it } from 'vitest';
import { ArticleError } from '../../functions/core/errors.js';
import { decodeArticle } from '../../functions/core/read/decode.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 0xfeff, littleEndian);
  for (let i = 0; i < text.length; i++) view.setUint16(2 + i * 2, text.charCodeAt(i), littleEndian);
  return bytes;
}

function errorCode(bytes: Uint8Array): string | undefined {
  try {
    decodeArticle(bytes);
    return undefined;
  } catch (error) {
    return error instanceof ArticleError ? error.code : 'unexpected';
  }
}

describe('decodeArticle', () => {
  it('decodes UTF-8 unchanged, keeping CRLF line endings', () => {
    const decoded = decodeArticle(utf8('Título\r\n\r\nCafé con leche.'));
    expect(decoded).toEqual({
      text: 'Título\r\n\r\nCafé con leche.',
      encoding: 'utf-8',
      byteOrderMark: false,
    });
  });

  it('removes a UTF-8 byte-order mark and nothing else', () => {
    const decoded = decodeArticle(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Hello world.')]));
    expect(decoded.text).toBe('Hello world.');
    expect(decoded.byteOrderMark).toBe(true);
  });

  it.each([true, false])('decodes UTF-16 with a byte-order mark (little endian: %s)', (littleEndian) => {
    const decoded = decodeArticle(utf16('Zürich — 北京 news.', littleEndian));
    expect(decoded.text).toBe('Zürich — 北京 news.');
    expect(decoded.encoding).toBe(littleEndian ? 'utf-16le' : 'utf-16be');
  });

  it('decodes Windows-1252 text that is not UTF-8', () => {
    const bytes = new Uint8Array([
      ...utf8('It'),
      0x92,
      ...utf8('s caf'),
      0xe9,
      ...utf8(' time '),
      0x96,
      ...utf8(' 5 '),
      0x80,
    ]);
    const decoded = decodeArticle(bytes);
    expect(decoded.text).toBe('It’s café time – 5 €');
    expect(decoded.encoding).toBe('windows-1252');
  });

  it('refuses text mixing valid UTF-8 with broken sequences', () => {
    expect(errorCode(new Uint8Array([...utf8('Café '), 0xc3, 0x28, ...utf8(' ok')]))).toBe(
      'invalid-encoding',
    );
  });

  it.each([
    ['empty', new Uint8Array(), 'empty'],
    ['whitespace only', utf8(' \n\t \r\n'), 'no-text'],
    ['punctuation only', utf8('--- *** ---'), 'no-text'],
    ['digits and symbols only', utf8('2024 — 12/31 · 555-0100 %% 42'), 'no-text'],
    ['PNG', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'binary'],
    ['PDF', utf8('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'binary'],
    ['ZIP', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]), 'binary'],
    ['NUL bytes', new Uint8Array([0x41, 0x00, 0x42, 0x00, 0x43]), 'binary'],
  ])('refuses %s input with a reason', (_name, bytes, code) => {
    expect(errorCode(bytes)).toBe(code);
  });

  it('says what to do in every refusal', () => {
    try {
      decodeArticle(new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
      expect.unreachable();
    } catch (error) {
      expect((error as ArticleError).message).toContain('PNG');
      expect((error as ArticleError).hint).toMatch(/plain text|UTF-8/u);
    }
  });
});
