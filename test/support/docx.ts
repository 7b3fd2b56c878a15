/**
 * Word files built in the test, so every .docx the tests read is made here from text written for them: a minimal
 * zip writer (stored or deflated parts, sizes that may lie, for zip-bomb tests) and a document builder with the
 * parts Word writes (styles, numbering for lists, hyperlinks, tables, document properties).
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipPart {
  readonly name: string;
  readonly data: Uint8Array | string;
  /** Deflate the part (default) or store it. */
  readonly deflate?: boolean;
  /** The uncompressed size to declare, when it is not the true one (a lying header). */
  readonly declaredSize?: number;
}

export function zip(parts: readonly ZipPart[]): Uint8Array {
  const chunks: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const data = typeof part.data === 'string' ? Buffer.from(part.data, 'utf8') : Buffer.from(part.data);
    const deflate = part.deflate !== false;
    const body = deflate ? deflateRawSync(data) : data;
    const name = Buffer.from(part.name, 'utf8');
    const crc = crc32(data);
    const size = part.declaredSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    chunks.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    directory.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directorySize = directory.reduce((sum, chunk) => sum + chunk.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, ...directory, end]));
}

const xml = (text: string): string =>
  text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');

/** A run of text: plain, or bold, italic, a link (by its relationship's target). */
export type Run =
  | string
  | { readonly text: string; readonly bold?: boolean; readonly italic?: boolean; readonly link?: string };

export type DocxBlock =
  | { readonly kind: 'title' | 'paragraph' | 'quote'; readonly runs: readonly Run[] }
  | { readonly kind: 'heading'; readonly level: number; readonly runs: readonly Run[] }
  | { readonly kind: 'bullet' | 'number'; readonly level?: number; readonly runs: readonly Run[] }
  | { readonly kind: 'table'; readonly rows: readonly (readonly string[])[] };

export interface DocxContent {
  readonly blocks: readonly DocxBlock[];
  readonly title?: string;
  readonly creator?: string;
  readonly created?: string;
  readonly modified?: string;
  readonly keywords?: string;
  readonly category?: string;
}

const W =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

export function buildDocx(content: DocxContent): Uint8Array {
  const links: string[] = [];
  const runXml = (run: Run): string => {
    const item = typeof run === 'string' ? { text: run } : run;
    const props = `${item.bold ? '<w:b/>' : ''}${item.italic ? '<w:i/>' : ''}`;
    const r = `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${xml(item.text)}</w:t></w:r>`;
    if (!item.link) return r;
    links.push(item.link);
    return `<w:hyperlink r:id="rIdLink${links.length}">${r}</w:hyperlink>`;
  };
  const paragraph = (
    style: string | undefined,
    runs: readonly Run[],
    numbering?: { id: number; level: number },
  ) =>
    `<w:p><w:pPr>${style ? `<w:pStyle w:val="${style}"/>` : ''}${
      numbering
        ? `<w:numPr><w:ilvl w:val="${numbering.level}"/><w:numId w:val="${numbering.id}"/></w:numPr>`
        : ''
    }</w:pPr>${runs.map(runXml).join('')}</w:p>`;
  const body = content.blocks
    .map((block) => {
      switch (block.kind) {
        case 'title':
          return paragraph('Title', block.runs);
        case 'heading':
          return paragraph(`Heading${block.level}`, block.runs);
        case 'quote':
          return paragraph('Quote', block.runs);
        case 'bullet':
          return paragraph('ListParagraph', block.runs, { id: 1, level: block.level ?? 0 });
        case 'number':
          return paragraph('ListParagraph', block.runs, { id: 2, level: block.level ?? 0 });
        case 'table':
          return `<w:tbl>${block.rows
            .map(
              (row) =>
                `<w:tr>${row.map((cell) => `<w:tc>${paragraph(undefined, [cell])}</w:tc>`).join('')}</w:tr>`,
            )
            .join('')}</w:tbl>`;
        default:
          return paragraph(undefined, block.runs);
      }
    })
    .join('');
  const style = (id: string, name: string) =>
    `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/></w:style>`;
  const level = (format: string, ilvl: number) =>
    `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${format === 'bullet' ? '•' : `%${ilvl + 1}.`}"/></w:lvl>`;
  const abstract = (id: number, format: string) =>
    `<w:abstractNum w:abstractNumId="${id}">${[0, 1, 2].map((i) => level(format, i)).join('')}</w:abstractNum>`;
  const rels = [
    '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>',
    '<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>',
    ...links.map(
      (target, index) =>
        `<Relationship Id="rIdLink${index + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="${xml(target)}" TargetMode="External"/>`,
    ),
  ];
  const core = [
    content.title ? `<dc:title>${xml(content.title)}</dc:title>` : '',
    content.creator ? `<dc:creator>${xml(content.creator)}</dc:creator>` : '',
    content.keywords ? `<cp:keywords>${xml(content.keywords)}</cp:keywords>` : '',
    content.category ? `<cp:category>${xml(content.category)}</cp:category>` : '',
    content.created ? `<dcterms:created xsi:type="dcterms:W3CDTF">${content.created}</dcterms:created>` : '',
    content.modified
      ? `<dcterms:modified xsi:type="dcterms:W3CDTF">${content.modified}</dcterms:modified>`
      : '',
  ].join('');
  return zip([
    {
      name: '[Content_Types].xml',
      data: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>',
    },
    {
      name: '_rels/.rels',
      data: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>',
    },
    {
      name: 'word/document.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`,
    },
    {
      name: 'word/_rels/document.xml.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
    },
    {
      name: 'word/styles.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}>${style('Title', 'Title')}${[1, 2, 3].map((n) => style(`Heading${n}`, `heading ${n}`)).join('')}${style('Quote', 'Quote')}${style('ListParagraph', 'List Paragraph')}</w:styles>`,
    },
    {
      name: 'word/numbering.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W}>${abstract(0, 'bullet')}${abstract(1, 'decimal')}<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>`,
    },
    {
      name: 'docProps/core.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${core}</cp:coreProperties>`,
    },
  ]);
}
