import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataFolder, PathOutsideDataFolderError } from '../../functions/local/data-folder.js';
import {
  checkBucketName,
  checkKey,
  isUploadId,
  parseCopySource,
  parsePartNumber,
} from '../../functions/local/key-rules.js';
import { compareKeys } from '../../functions/local/object-store.js';
import { parseRange } from '../../functions/local/request-conditions.js';
import { childrenNamed, childText, parseXml } from '../../functions/local/xml-request.js';
import { escapeXml } from '../../functions/local/xml-writer.js';

const code = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return (error as { code?: string; name: string }).code ?? (error as Error).name;
  }
  return 'accepted';
};

describe('checkKey', () => {
  it.each([
    'incoming/article.txt',
    'incoming/desk/',
    'incoming/été/北京 🙂 (1).md',
    'incoming/a+b %41 &.txt',
    'incoming/.hidden/..dots../x.txt',
    'k'.repeat(200),
  ])('accepts %s', (key) => {
    expect(code(() => checkKey(key))).toBe('accepted');
  });

  it.each([
    ['', 'InvalidArgument'],
    ['../x', 'InvalidArgument'],
    ['a/./b', 'InvalidArgument'],
    ['a/..', 'InvalidArgument'],
    ['a\\..\\b', 'InvalidArgument'],
    ['a//b', 'InvalidArgument'],
    ['/a', 'InvalidArgument'],
    ['a\0b', 'InvalidArgument'],
    ['a\ud800b', 'InvalidArgument'],
    ['a/b._S3rver_object', 'InvalidArgument'],
    ['a.polybrief-tmp-0123456789abcdef', 'InvalidArgument'],
    ['k'.repeat(201), 'KeyTooLongError'],
    [`${'k/'.repeat(512)}k`, 'KeyTooLongError'],
  ])('refuses %j with %s', (key, expected) => {
    expect(code(() => checkKey(key))).toBe(expected);
  });
});

describe('checkBucketName', () => {
  it.each(['polybrief-local', 'abc', 'a.b-c', '123'])('accepts %s', (name) => {
    expect(code(() => checkBucketName(name))).toBe('accepted');
  });

  it.each(['ab', 'A-b', 'a_b', '.ab', 'ab-', 'a..b', '192.168.0.1', 'xn--ab', '..', 'a/b', 'x'.repeat(64)])(
    'refuses %s',
    (name) => {
      expect(code(() => checkBucketName(name))).toBe('InvalidBucketName');
    },
  );
});

describe('upload ids and part numbers', () => {
  it('takes only upload ids of the form the endpoint issues', () => {
    expect(isUploadId('0123456789abcdef0123456789abcdef')).toBe(true);
    for (const id of ['../x', '0123456789ABCDEF0123456789ABCDEF', `${'a'.repeat(32)}/`, 'a'.repeat(33), null])
      expect(isUploadId(id)).toBe(false);
  });

  it('takes part numbers 1 to 10,000 written plainly', () => {
    expect([1, 10_000].map((n) => parsePartNumber(String(n)))).toEqual([1, 10_000]);
    for (const text of ['0', '10001', '01', '+1', '1e3', '1.0', ' 1', '../1', '', null])
      expect(code(() => parsePartNumber(text))).toBe('InvalidArgument');
  });
});

describe('parseCopySource', () => {
  it('decodes bucket, key and version', () => {
    expect(parseCopySource('/b-1/incoming/a%2Bb%20c.txt?versionId=null')).toEqual({
      bucket: 'b-1',
      key: 'incoming/a+b c.txt',
      versionId: 'null',
    });
    expect(parseCopySource('b-1/x')).toEqual({ bucket: 'b-1', key: 'x' });
  });

  it.each(['b-1/../../x', '../x/y', '%2E%2E/x', 'b-1/%E0%A4%A', 'b-1', 'b-1/', 'B/x'])(
    'refuses %s',
    (source) => {
      expect(code(() => parseCopySource(source))).toBe('InvalidArgument');
    },
  );
});

describe('DataFolder, the last check before the file system', () => {
  const folder = new DataFolder('/data/root');

  it('places objects, uploads and parts inside their bucket', () => {
    expect(folder.objectFiles('b-1', 'a/b.txt').object).toBe(
      resolve('/data/root/b-1/a/b.txt._S3rver_object'),
    );
    expect(folder.objectFiles('b-1', 'a/').object).toBe(resolve('/data/root/b-1/a/._S3rver_object'));
    expect(folder.part('b-1', 'f'.repeat(32), 3).bytes).toBe(
      join(resolve('/data/root/b-1/._S3rver_uploads'), 'f'.repeat(32), 'part-3'),
    );
  });

  it('throws for anything that would resolve outside, whatever let it through', () => {
    const attempts = [
      () => folder.bucket('..'),
      () => folder.bucket(''),
      () => folder.objectFiles('b-1', '../../etc/passwd'),
      () => folder.objectFiles('b-1', 'a/../../../x'),
      () => folder.objectFiles('..', 'root/x'),
      () => folder.upload('b-1', '../../../outside'),
      () => folder.upload('b-1', '..'),
    ];

    expect(attempts.map(code)).toEqual(attempts.map(() => PathOutsideDataFolderError.name));
  });
});

describe('compareKeys', () => {
  it('orders keys by their UTF-8 bytes, as S3 lists them', () => {
    const keys = ['a', 'a/b', 'a-b', 'ab', 'é', '\uffff', '😀', 'z', 'A', ''];

    expect([...keys].sort(compareKeys)).toEqual(
      [...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))),
    );
  });
});

describe('parseRange', () => {
  it.each([
    ['bytes=0-0', 10, { kind: 'part', start: 0, end: 0 }],
    ['bytes=-1', 10, { kind: 'part', start: 9, end: 9 }],
    ['bytes=-11', 10, { kind: 'part', start: 0, end: 9 }],
    ['bytes=9-', 10, { kind: 'part', start: 9, end: 9 }],
    ['bytes=3-99', 10, { kind: 'part', start: 3, end: 9 }],
    ['bytes=10-', 10, { kind: 'unsatisfiable' }],
    ['bytes=10-20', 10, { kind: 'unsatisfiable' }],
    ['bytes=-0', 10, { kind: 'unsatisfiable' }],
    ['bytes=0-', 0, { kind: 'unsatisfiable' }],
    ['bytes=5-4', 10, { kind: 'whole' }],
    ['bytes=0-1,2-3', 10, { kind: 'whole' }],
    ['bytes=x-', 10, { kind: 'whole' }],
    ['items=0-1', 10, { kind: 'whole' }],
    [undefined, 10, { kind: 'whole' }],
  ])('%s of %i bytes: %j', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});

describe('parseXml (request bodies)', () => {
  it('reads elements, text, entities, character references, CDATA, comments and namespaces', () => {
    const root = parseXml(
      '<?xml version="1.0" encoding="UTF-8"?>\n<s3:Delete xmlns:s3="x"><!-- c --><Object><Key>a&amp;b &#x1F600;&#65;<![CDATA[<raw>]]></Key></Object><Quiet>true</Quiet></s3:Delete>',
    );

    expect(root.name).toBe('Delete');
    expect(childrenNamed(root, 'Object').map((object) => childText(object, 'Key'))).toEqual(['a&b 😀A<raw>']);
    expect(childText(root, 'Quiet')).toBe('true');
  });

  it.each([
    ['empty', ''],
    ['text only', 'hello'],
    ['unclosed', '<a><b></b>'],
    ['mismatched', '<a></b>'],
    ['two roots', '<a/><b/>'],
    ['a DOCTYPE', '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>'],
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['a stray ampersand', '<a>a & b</a>'],
    ['a NUL reference', '<a>&#0;</a>'],
    ['a surrogate reference', '<a>&#xD800;</a>'],
    ['a processing instruction', '<a><?php x ?></a>'],
    ['too deep', `${'<a>'.repeat(17)}${'</a>'.repeat(17)}`],
    ['text outside the root', '<a/>tail'],
  ])('refuses %s with MalformedXML', (_, text) => {
    expect(code(() => parseXml(text))).toBe('MalformedXML');
  });

  it('reads a document of 10,000 parts in one pass', () => {
    const parts = Array.from(
      { length: 10_000 },
      (_, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>"${'0'.repeat(32)}"</ETag></Part>`,
    );

    const root = parseXml(`<CompleteMultipartUpload>${parts.join('')}</CompleteMultipartUpload>`);

    expect(childrenNamed(root, 'Part')).toHaveLength(10_000);
  });
});

describe('escapeXml', () => {
  it('escapes markup and writes control characters as references', () => {
    expect(escapeXml(`a&b<c>"d'\r\n\t\u0001`)).toBe('a&amp;b&lt;c&gt;&quot;d&apos;&#xD;\n\t&#x1;');
  });
});
