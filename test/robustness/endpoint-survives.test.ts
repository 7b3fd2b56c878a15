import '../support/quiet-aws-sdk.js';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DevProcess, devEnvironment, killHard, startDev } from '../support/dev-process.js';
import { type RawRequest, rawRequest } from '../support/raw-http.js';
import { seededRandom } from '../support/seeded-random.js';

const BUCKET = 'polybrief-local';

/**
 * Requests that once raised an unhandled error and ended `polybrief dev` (so they run against a child process):
 * each gets the S3 error S3 would give, and the process answers the next request.
 */
describe('polybrief dev, sent requests meant to kill it', () => {
  let work: string;
  let dev: DevProcess;
  let endpoint: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'polybrief-survive-'));
    // --translator aws needs no engine on this machine; nothing is uploaded under incoming/.
    dev = startDev(
      ['--port', '0', '--data', join(work, 'data'), '--translator', 'aws', '--languages', 'es'],
      devEnvironment(work),
      work,
    );
    endpoint = await dev.endpoint();
    await rawRequest(endpoint, { method: 'PUT', path: `/${BUCKET}/notes/alive.txt`, body: 'alive' });
  });
  afterAll(async () => {
    await killHard(dev);
    await rm(work, { recursive: true, force: true });
  });

  /** Everything in the work folder but the data folder (the CLI's own files included). */
  const filesOutsideData = async () =>
    (await readdir(work, { recursive: true }))
      .filter((name) => name !== 'data' && !name.startsWith('data/'))
      .sort();
  const stillAnswering = async () => {
    const read = await rawRequest(endpoint, { path: `/${BUCKET}/notes/alive.txt` });
    return { running: dev.child.exitCode === null && dev.child.signalCode === null, text: read.text };
  };
  const chunked = (body: string): RawRequest => ({
    method: 'PUT',
    path: `/${BUCKET}/notes/chunked.txt`,
    headers: {
      'content-encoding': 'aws-chunked',
      'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      'x-amz-decoded-content-length': 5,
      'x-amz-trailer': 'x-amz-checksum-crc32',
    },
    body,
  });
  const createUpload = async () => {
    const created = await rawRequest(endpoint, {
      method: 'POST',
      path: `/${BUCKET}/notes/multi.bin?uploads`,
    });
    return /<UploadId>([^<]+)<\/UploadId>/.exec(created.text)?.[1] ?? '';
  };
  const complete = (uploadId: string, partNumber: string): RawRequest => ({
    method: 'POST',
    path: `/${BUCKET}/notes/multi.bin?uploadId=${uploadId}`,
    body: `<CompleteMultipartUpload><Part><PartNumber>${partNumber}</PartNumber><ETag>"0"</ETag></Part></CompleteMultipartUpload>`,
  });

  it.each([
    [
      'an aws-chunked body with a chunk size that is not hex',
      chunked('zz\r\nhello\r\n0\r\n\r\n'),
      'IncompleteBody',
    ],
    ['an aws-chunked body that ends inside a chunk', chunked('5\r\nhel'), 'IncompleteBody'],
    [
      'an aws-chunked body with a chunk longer than declared',
      chunked('2\r\nhello\r\n0\r\n\r\n'),
      'IncompleteBody',
    ],
    [
      'a copy source that is not valid percent-encoding',
      {
        method: 'PUT',
        path: `/${BUCKET}/notes/copy.txt`,
        headers: { 'x-amz-copy-source': `${BUCKET}/notes/%E0%A4%A` },
      },
      'InvalidArgument',
    ],
  ] as const)('%s', async (_, request, code) => {
    const response = await rawRequest(endpoint, request);

    expect([response.status, response.code]).toEqual([400, code]);
    expect(await stillAnswering()).toEqual({ running: true, text: 'alive' });
  });

  it('CompleteMultipartUpload naming a part never uploaded: InvalidPart', async () => {
    const uploadId = await createUpload();

    const response = await rawRequest(endpoint, complete(uploadId, '7'));

    expect([response.status, response.code]).toEqual([400, 'InvalidPart']);
    expect(await stillAnswering()).toEqual({ running: true, text: 'alive' });
  });

  it('answers 400 requests drawn at random from hostile pieces, writes nothing outside its data folder, and lives', async () => {
    const random = seededRandom(11);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const some = <T>(items: readonly T[]): T[] => items.filter(() => random() < 0.3);
    const uploadId = await createUpload();
    const segments = [
      'polybrief-local',
      'notes',
      'alive.txt',
      '..',
      '%2e%2e',
      '%00',
      '%FF',
      '%',
      'a%20b',
      '',
      'x'.repeat(300),
    ];
    const queries = [
      'uploads',
      `uploadId=${uploadId}`,
      'uploadId=..%2F..%2F..%2Fx',
      'partNumber=1',
      'partNumber=-1',
      'partNumber=..%2Fx',
      'delete',
      'list-type=2',
      'max-keys=-1',
      'continuation-token=%%%',
      'encoding-type=xml',
      'delimiter=%2F',
      'tagging',
      'acl',
      'versionId=x',
      'x-id=PutObject',
    ];
    const headers: Record<string, string>[] = [
      { range: pick(['bytes=-', 'bytes=99999999999999999999-', 'bytes=--1', 'bytes=0-0,1-1']) },
      { 'if-match': '"x", *' },
      { 'if-none-match': 'W/"x"' },
      { 'if-modified-since': 'not a date' },
      {
        'x-amz-copy-source': pick([
          '..',
          '/polybrief-local/..%2F..%2Fx',
          '%',
          'polybrief-local/notes/alive.txt',
        ]),
      },
      { 'x-amz-copy-source-range': 'bytes=9-1' },
      { 'content-md5': pick(['x', 'AAAAAAAAAAAAAAAAAAAAAA==']) },
      { 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'content-encoding': 'aws-chunked' },
      { 'x-amz-decoded-content-length': pick(['-1', 'abc', '99999999999999999999']) },
      { 'x-amz-metadata-directive': 'MOVE' },
      { 'x-amz-meta-big': 'm'.repeat(3000) },
      { 'content-type': 'multipart/form-data; boundary=x' },
    ];
    const bodies = [
      undefined,
      '',
      '<Delete><Object><Key>../../x</Key></Object></Delete>',
      '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>',
      '<a>&#0;</a>',
      'zz\r\nxx\r\n',
      '--x\r\nContent-Disposition: form-data; name="key"\r\n\r\n../../x\r\n--x--',
      Buffer.from(Array.from({ length: 64 }, () => Math.floor(random() * 256))),
    ];
    const before = await filesOutsideData();

    const statuses = new Set<number>();
    for (let round = 0; round < 400; round++) {
      const path = `/${Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(segments)).join('/')}`;
      const query = some(queries).join('&');
      const response = await rawRequest(endpoint, {
        method: pick(['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS']),
        path: query === '' ? path : `${path}?${query}`,
        headers: Object.assign({}, ...some(headers)),
        signed: random() < 0.8,
        ...(() => {
          const body = pick(bodies);
          return body === undefined ? {} : { body };
        })(),
      }).catch((error: Error) => ({ status: 0, error: error.message }));
      statuses.add(response.status);
    }

    // Every answer is one S3 gives: no connection dropped (0), no InternalError (500).
    expect([...statuses].filter((status) => status < 200 || (status >= 500 && status !== 501))).toEqual([]);
    expect(await stillAnswering()).toEqual({ running: true, text: 'alive' });
    expect(await filesOutsideData()).toEqual(before);
  }, 120_000);

  it('CompleteMultipartUpload naming a part number that is not a number: InvalidArgument', async () => {
    const uploadId = await createUpload();

    const response = await rawRequest(endpoint, complete(uploadId, 'abc'));

    expect([response.status, response.code]).toEqual([400, 'InvalidArgument']);
    expect(await stillAnswering()).toEqual({ running: true, text: 'alive' });
  });
});
