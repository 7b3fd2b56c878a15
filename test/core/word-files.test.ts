import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { allSentences } from '../../functions/core/document.js';
import { ArticleError } from '../../functions/core/errors.js';
import { decodeUpload } from '../../functions/core/read/decode-upload.js';
import { MAX_DOCX_ENTRIES, MAX_DOCX_INFLATED_BYTES } from '../../functions/core/read/formats/docx.js';
import { parseArticle } from '../../functions/core/read/parse-article.js';
import { buildDocx, type ZipPart, zip } from '../support/docx.js';

async function readDocx(bytes: Uint8Array) {
  const decoded = await decodeUpload(bytes, 'docx');
  return parseArticle(decoded.text, 'docx', decoded.declared ? { declared: decoded.declared } : {});
}

async function refusal(bytes: Uint8Array): Promise<ArticleError> {
  try {
    await decodeUpload(bytes, 'docx');
  } catch (error) {
    if (error instanceof ArticleError) return error;
    throw error;
  }
  throw new Error('the Word file was not refused');
}

/** A valid document's parts, with `extra` beside them. */
function documentParts(extra: readonly ZipPart[] = []): ZipPart[] {
  const docx = buildDocx({ blocks: [{ kind: 'paragraph', runs: ['The council met on Monday.'] }] });
  return [...unzipParts(docx), ...extra];
}

/** The parts of a zip the builder wrote (local headers in order, sizes true), so a test can add to them. */
function unzipParts(bytes: Uint8Array): ZipPart[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: ZipPart[] = [];
  let at = 0;
  while (view.getUint32(at, true) === 0x04034b50) {
    const method = view.getUint16(at + 8, true);
    const compressed = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const extra = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 30, at + 30 + nameLength));
    const start = at + 30 + nameLength + extra;
    const body = bytes.subarray(start, start + compressed);
    parts.push({ name, data: method === 8 ? new Uint8Array(inflateRawSync(body)) : body });
    at = start + compressed;
  }
  return parts;
}

describe('Word files (.docx)', () => {
  it('reads the title, headings, lists, a table, marks and the document properties', async () => {
    const document = await readDocx(
      buildDocx({
        title: 'Lifeboat station reopens',
        creator: 'Morag Lindsay; Tom Achebe',
        created: '2024-05-02T08:00:00Z',
        keywords: 'lifeboats, harbour',
        category: 'Local news',
        blocks: [
          { kind: 'title', runs: ['Lifeboat station reopens'] },
          {
            kind: 'paragraph',
            runs: ['The station reopened after ', { text: 'eight months', bold: true }, ' of work.'],
          },
          { kind: 'heading', level: 2, runs: ['What changed'] },
          { kind: 'number', runs: ['a ', { text: 'new', italic: true }, ' boat hall;'] },
          { kind: 'number', level: 1, runs: ['with a slipway.'] },
          {
            kind: 'paragraph',
            runs: ['See the ', { text: 'station page', link: 'https://rnli.example/a' }, '.'],
          },
          {
            kind: 'table',
            rows: [
              ['Boat', 'Crew'],
              ['Inshore', '12'],
            ],
          },
        ],
      }),
    );

    expect(document.format).toBe('docx');
    expect(document.headline?.text).toBe('Lifeboat station reopens');
    expect(document.metadata).toMatchObject({
      authors: [{ name: 'Morag Lindsay' }, { name: 'Tom Achebe' }],
      datePublished: '2024-05-02T08:00:00Z',
      keywords: ['lifeboats', 'harbour'],
      section: 'Local news',
    });
    expect(document.paragraphs.map((paragraph) => paragraph.kind)).toEqual([
      'paragraph',
      'heading',
      'list-item',
      'list-item',
      'paragraph',
      'table-cell',
      'table-cell',
      'table-cell',
      'table-cell',
    ]);
    const [, , first, nested] = document.paragraphs;
    expect(first?.containers?.map((container) => container.kind)).toEqual(['list', 'item']);
    expect(first?.containers?.[0]).toMatchObject({ ordered: true });
    expect(nested?.containers?.map((container) => container.kind)).toEqual(['list', 'item', 'list', 'item']);
    const marks = allSentences(document).flatMap((sentence) =>
      (sentence.marks ?? []).map((mark) => [mark.kind, sentence.text.slice(mark.start, mark.end), mark.href]),
    );
    expect(marks).toEqual([
      ['strong', 'eight months', undefined],
      ['emphasis', 'new', undefined],
      ['link', 'station page', 'https://rnli.example/a'],
    ]);
  });

  it('refuses an encrypted file (an OLE container) as password-protected', async () => {
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const error = await refusal(ole);
    expect(error.code).toBe('password-protected');
    expect(error.hint).toContain('Remove the password');
  });

  it('refuses what is not a Word document, or is cut short, as damaged-file', async () => {
    const notZip = await refusal(new TextEncoder().encode('This is plain text saved as .docx by mistake.'));
    expect(notZip.code).toBe('damaged-file');
    expect(notZip.message).toContain('not a Word document');

    const whole = buildDocx({ blocks: [{ kind: 'paragraph', runs: ['The council met.'] }] });
    const cut = await refusal(whole.subarray(0, whole.length - 40));
    expect(cut.code).toBe('damaged-file');

    const noDocument = await refusal(zip([{ name: 'readme.txt', data: 'hello' }]));
    expect(noDocument.message).toContain('no document part');
  });

  it('refuses a zip bomb before inflating it: too many parts, too much declared, a lying size, a huge ratio', async () => {
    const many = Array.from({ length: MAX_DOCX_ENTRIES + 1 }, (_, i) => ({ name: `p${i}.xml`, data: 'x' }));
    expect((await refusal(zip(many))).code).toBe('too-large');

    const declared = documentParts([
      { name: 'word/big.xml', data: 'x', declaredSize: MAX_DOCX_INFLATED_BYTES + 1 },
    ]);
    expect((await refusal(zip(declared))).message).toContain('declares over 32 MiB');

    // Declares 1 KiB, inflates to 4 MiB: refused when the inflation passes what it declared.
    const lying = documentParts([
      { name: 'word/footer9.xml', data: new Uint8Array(4 * 1024 * 1024), declaredSize: 1024 },
    ]);
    const lie = await refusal(zip(lying));
    expect(lie.code).toBe('too-large');
    expect(lie.message).toContain('inflates past the size it declares');

    // 8 MiB of zeros packs about a thousand times: no XML does.
    const packed = documentParts([{ name: 'word/header9.xml', data: new Uint8Array(8 * 1024 * 1024) }]);
    expect((await refusal(zip(packed))).message).toMatch(/packed \d+ times/u);
  });
});
