import '../support/quiet-aws-sdk.js';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type EmbeddedS3, startEmbeddedS3 } from '../../functions/local/embedded-s3.js';
import { objectText, s3Client } from '../support/embedded-s3-fixture.js';
import { abandonedRequest, formBody, rawRequest } from '../support/raw-http.js';

const BUCKET = 'polybrief-local';
const md5 = (data: string | Buffer) => createHash('md5').update(data).digest('hex');

/**
 * The endpoint keeps its bucket in `<sandbox>/data`; `<sandbox>/outside` stands for the rest of the machine.
 * s3rver's layout puts multipart uploads in `data/<bucket>/._S3rver_uploads/<uploadId>/`, so from an upload
 * id `../../../outside` is three levels up, and from a key `../../outside` two.
 */
describe('the local endpoint, under hostile requests', () => {
  let sandbox: string;
  let outside: string;
  let s3: EmbeddedS3;
  let client: S3Client;
  const endpoint = () => s3.endpoint;
  const outsideFiles = async () => (await readdir(outside, { recursive: true })).sort();

  beforeAll(async () => {
    sandbox = await mkdtemp(join(tmpdir(), 'polybrief-hostile-'));
    outside = join(sandbox, 'outside');
    s3 = await startEmbeddedS3({ dataDir: join(sandbox, 'data'), bucket: BUCKET, port: 0 });
    client = s3Client(s3.endpoint);
  });
  afterAll(async () => {
    client.destroy();
    await s3.close();
    await rm(sandbox, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await rm(outside, { recursive: true, force: true });
    await mkdir(join(outside, 'victim'), { recursive: true });
    // What s3rver's paths would find outside: an object-shaped file, a folder shaped like an upload.
    await writeFile(join(outside, 'secret._S3rver_object'), 'the secret');
    await writeFile(join(outside, 'victim-object._S3rver_object'), 'keep me');
    await writeFile(join(outside, 'victim', 'key'), 'incoming/stolen.txt');
    await writeFile(join(outside, 'victim', 'metadata'), '{}');
    await writeFile(join(outside, 'victim', '1'), 'read from outside');
    await writeFile(join(outside, 'victim', 'keep.txt'), 'keep me');
  });

  describe('never reaches outside its data folder', () => {
    it.each([
      '/polybrief-local/incoming/../../../outside/url.txt',
      '/polybrief-local/incoming/%2e%2e/%2e%2e/%2e%2e/outside/url.txt',
      '/polybrief-local/incoming/..%2F..%2F..%2Foutside%2Furl.txt',
      '/polybrief-local/incoming/..%5C..%5C..%5Coutside%5Curl.txt',
      '/%2e%2e/outside/url.txt',
      '/polybrief-local/incoming/a%00b.txt',
    ])('refuses the URL path %s', async (path) => {
      const before = await outsideFiles();

      const response = await rawRequest(endpoint(), { method: 'PUT', path, body: 'owned' });

      expect(response.status).toBe(400);
      expect(await outsideFiles()).toEqual(before);
    });

    it('refuses an upload id it did not issue (UploadPart writing ../../../outside/parts/1)', async () => {
      const before = await outsideFiles();

      const response = await rawRequest(endpoint(), {
        method: 'PUT',
        path: `/${BUCKET}/incoming/x.txt?partNumber=1&uploadId=${encodeURIComponent('../../../outside/parts')}`,
        body: 'owned',
      });

      expect(response.status).toBe(404);
      expect(response.code).toBe('NoSuchUpload');
      expect(await outsideFiles()).toEqual(before);
    });

    it('refuses a part number that is not 1 to 10,000 (UploadPart writing ../../../../outside/part.txt)', async () => {
      const { UploadId } = await client.send(
        new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'incoming/x.txt' }),
      );
      const before = await outsideFiles();

      const answers = [];
      for (const partNumber of ['../../../../outside/part.txt', '0', '10001', '1.5', '-1', '01', 'x'])
        answers.push(
          await rawRequest(endpoint(), {
            method: 'PUT',
            path: `/${BUCKET}/incoming/x.txt?partNumber=${encodeURIComponent(partNumber)}&uploadId=${UploadId}`,
            body: 'owned',
          }),
        );

      expect(answers.map((answer) => [answer.status, answer.code])).toEqual(
        answers.map(() => [400, 'InvalidArgument']),
      );
      expect(await outsideFiles()).toEqual(before);
    });

    it('neither reads nor deletes a folder outside through CompleteMultipartUpload with a traversal upload id', async () => {
      const response = await rawRequest(endpoint(), {
        method: 'POST',
        path: `/${BUCKET}/incoming/x.txt?uploadId=${encodeURIComponent('../../../outside/victim')}`,
        body: '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>',
      });

      expect(response.code).toBe('NoSuchUpload');
      expect(await readFile(join(outside, 'victim', 'keep.txt'), 'utf8')).toBe('keep me');
      expect(await objectText(client, BUCKET, 'incoming/stolen.txt')).toBeUndefined();
    });

    it.each([
      `${BUCKET}/../../outside/secret`,
      `/${BUCKET}/%2E%2E/%2E%2E/outside/secret`,
      '../outside/secret',
      '%2E%2E/outside/secret',
    ])('refuses the copy source %s', async (source) => {
      const response = await rawRequest(endpoint(), {
        method: 'PUT',
        path: `/${BUCKET}/incoming/copied.txt`,
        headers: { 'x-amz-copy-source': source },
      });

      expect(response.status).toBe(400);
      expect(response.code).toBe('InvalidArgument');
      expect(await objectText(client, BUCKET, 'incoming/copied.txt')).toBeUndefined();
    });

    it('refuses a copy source with a traversal into an upload part (UploadPartCopy)', async () => {
      const { UploadId } = await client.send(
        new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'incoming/x.txt' }),
      );

      const response = await rawRequest(endpoint(), {
        method: 'PUT',
        path: `/${BUCKET}/incoming/x.txt?partNumber=1&uploadId=${UploadId}`,
        headers: { 'x-amz-copy-source': '../outside/secret' },
      });

      expect(response.code).toBe('InvalidArgument');
    });

    it('writes nothing for a form upload whose key climbs out (POST Object)', async () => {
      const before = await outsideFiles();
      const form = formBody({ key: '../../outside/form' }, 'owned');

      const response = await rawRequest(endpoint(), {
        method: 'POST',
        path: `/${BUCKET}`,
        headers: { 'content-type': form.contentType },
        body: form.body,
      });

      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(await outsideFiles()).toEqual(before);
    });

    it('deletes nothing outside through DeleteObjects with a traversal key, and says which key it refused', async () => {
      const response = await rawRequest(endpoint(), {
        method: 'POST',
        path: `/${BUCKET}?delete`,
        body: '<Delete><Object><Key>../../outside/victim-object</Key></Object></Delete>',
      });

      expect(response.status).toBe(200);
      expect(response.text).toMatch(
        /<Error><Key>\.\.\/\.\.\/outside\/victim-object<\/Key><Code>InvalidArgument<\/Code>/,
      );
      expect(await readFile(join(outside, 'victim-object._S3rver_object'), 'utf8')).toBe('keep me');
    });

    it('creates no bucket whose name is not an S3 bucket name', async () => {
      const answers = [];
      for (const name of ['UPPER', 'a', 'a..b', '-dash', 'x'.repeat(64), 'has_underscore'])
        answers.push(await rawRequest(endpoint(), { method: 'PUT', path: `/${name}` }));

      expect(answers.map((answer) => answer.code)).toEqual(answers.map(() => 'InvalidBucketName'));
      expect((await readdir(join(sandbox, 'data'))).sort()).toEqual([BUCKET]);
    });

    it('refuses keys the data folder could not keep apart or would mistake for its own files', async () => {
      const answers = [];
      for (const key of [
        'incoming//double-slash.txt',
        '/leading-slash.txt',
        'incoming/x._S3rver_object',
        'incoming/x.polybrief-tmp-0123456789abcdef/y.txt',
        `incoming/${'long'.repeat(60)}.txt`,
      ])
        answers.push(
          await rawRequest(endpoint(), {
            method: 'PUT',
            path: `/${BUCKET}/${key.split('/').map(encodeURIComponent).join('/')}`,
            body: 'x',
          }),
        );

      expect(answers.map((answer) => [answer.status, answer.code])).toEqual([
        [400, 'InvalidArgument'],
        [400, 'InvalidArgument'],
        [400, 'InvalidArgument'],
        [400, 'InvalidArgument'],
        [400, 'KeyTooLongError'],
      ]);
    });
  });

  describe('is not reachable from a web page', () => {
    it('refuses a cross-origin form upload and a later look finds nothing to open', async () => {
      const form = formBody({ key: 'incoming/csrf.html' }, '<script>fetch("/polybrief-local")</script>');

      const response = await rawRequest(endpoint(), {
        method: 'POST',
        path: `/${BUCKET}`,
        signed: false,
        headers: { 'content-type': form.contentType, origin: 'http://attacker.example' },
        body: form.body,
      });

      expect(response.status).toBe(403);
      expect(await objectText(client, BUCKET, 'incoming/csrf.html')).toBeUndefined();
    });

    it('refuses POST Object uploads even without an Origin header or with a signature', async () => {
      const form = formBody({ key: 'incoming/form.html' }, '<p>hi</p>');
      const post = (signed: boolean) =>
        rawRequest(endpoint(), {
          method: 'POST',
          path: `/${BUCKET}`,
          signed,
          headers: { 'content-type': form.contentType },
          body: form.body,
        });

      const unsigned = await post(false);
      const signed = await post(true);

      expect([unsigned.status, signed.status]).toEqual([403, 405]);
      expect(await objectText(client, BUCKET, 'incoming/form.html')).toBeUndefined();
    });

    it('serves an object outside published/ as a download that is never sniffed, whatever the query asks', async () => {
      await client.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: 'incoming/upload.html',
          Body: '<script>alert(1)</script>',
          ContentType: 'text/html',
        }),
      );

      const plain = await rawRequest(endpoint(), { path: `/${BUCKET}/incoming/upload.html`, signed: false });
      const overridden = await rawRequest(endpoint(), {
        path: `/${BUCKET}/incoming/upload.html?response-content-disposition=inline&response-content-type=text%2Fhtml&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=${'0'.repeat(64)}`,
        signed: false,
      });

      for (const response of [plain, overridden]) {
        expect(response.status).toBe(200);
        expect(response.headers['content-disposition']).toMatch(/^attachment\b/);
        expect(response.headers['x-content-type-options']).toBe('nosniff');
      }
    });

    it('serves pages under published/ inline, so they open in a browser, still never sniffed', async () => {
      await client.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: 'published/article/es.html',
          Body: '<!DOCTYPE html><p>Hola</p>',
          ContentType: 'text/html; charset=utf-8',
        }),
      );

      const page = await rawRequest(endpoint(), {
        path: `/${BUCKET}/published/article/es.html`,
        signed: false,
        headers: {
          'sec-fetch-site': 'cross-site',
          'sec-fetch-mode': 'navigate',
          'sec-fetch-dest': 'document',
        },
      });

      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['content-disposition']).toBeUndefined();
      expect(page.headers['x-content-type-options']).toBe('nosniff');
    });

    it('refuses a cross-origin DeleteObjects sent as text/plain (a CORS-simple request)', async () => {
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'incoming/keep.txt', Body: 'keep' }));

      const response = await rawRequest(endpoint(), {
        method: 'POST',
        path: `/${BUCKET}?delete`,
        signed: false,
        headers: { 'content-type': 'text/plain', origin: 'http://attacker.example' },
        body: '<Delete><Object><Key>incoming/keep.txt</Key></Object></Delete>',
      });

      expect(response.status).toBe(403);
      expect(await objectText(client, BUCKET, 'incoming/keep.txt')).toBe('keep');
    });

    it('refuses unsigned writes, which a web page could send without a preflight', async () => {
      const response = await rawRequest(endpoint(), {
        method: 'PUT',
        path: `/${BUCKET}/incoming/unsigned.txt`,
        signed: false,
        headers: { 'content-type': 'text/plain' },
        body: 'x',
      });

      expect(response.status).toBe(403);
      expect(await objectText(client, BUCKET, 'incoming/unsigned.txt')).toBeUndefined();
    });

    it('answers a CORS preflight without allowing anything, and a cross-site fetch with 403', async () => {
      const preflight = await rawRequest(endpoint(), {
        method: 'OPTIONS',
        path: `/${BUCKET}/incoming/x.txt`,
        signed: false,
        headers: { origin: 'http://attacker.example', 'access-control-request-method': 'PUT' },
      });
      const fetched = await rawRequest(endpoint(), {
        path: `/${BUCKET}/published/article/es.html`,
        signed: false,
        headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' },
      });

      expect(preflight.status).toBe(403);
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      expect(fetched.status).toBe(403);
    });
  });

  describe('answers only its own host name (DNS rebinding)', () => {
    it.each([
      ['another name', 'rebind.attacker.example'],
      ['another port', '127.0.0.1:1'],
      ['no port', 'localhost'],
      ['an S3 virtual host', `${BUCKET}.s3.amazonaws.com`],
    ])('refuses %s in Host, and creates nothing', async (_, host) => {
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'published/rebind/es.html', Body: 'x' }));

      const read = await rawRequest(endpoint(), { path: '/published/rebind/es.html', headers: { host } });
      const create = await rawRequest(endpoint(), { method: 'PUT', path: '/', headers: { host } });
      const readPathStyle = await rawRequest(endpoint(), {
        path: `/${BUCKET}/published/rebind/es.html`,
        headers: { host },
      });

      expect([read.status, create.status, readPathStyle.status]).toEqual([403, 403, 403]);
      expect((await readdir(join(sandbox, 'data'))).sort()).toEqual([BUCKET]);
    });

    it('answers 127.0.0.1 and localhost with its port', async () => {
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'published/host/es.html', Body: 'ok' }));

      const hosts = [`127.0.0.1:${s3.port}`, `localhost:${s3.port}`, `LocalHost:${s3.port}`];
      const answers = await Promise.all(
        hosts.map((host) =>
          rawRequest(endpoint(), { path: `/${BUCKET}/published/host/es.html`, headers: { host } }),
        ),
      );

      expect(answers.map((answer) => [answer.status, answer.text])).toEqual(hosts.map(() => [200, 'ok']));
    });
  });

  describe('answers malformed requests as S3 would', () => {
    const completeBody = (parts: readonly (readonly [string, string])[]) =>
      `<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${parts
        .map(([number, etag]) => `<Part><PartNumber>${number}</PartNumber><ETag>${etag}</ETag></Part>`)
        .join('')}</CompleteMultipartUpload>`;
    const upload = async (key: string, parts: readonly Buffer[]) => {
      const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }));
      const etags: string[] = [];
      for (const [index, body] of parts.entries()) {
        const { ETag } = await client.send(
          new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: index + 1, Body: body }),
        );
        etags.push(ETag ?? '');
      }
      return { uploadId: UploadId ?? '', etags };
    };
    const complete = (key: string, uploadId: string, body: string) =>
      rawRequest(endpoint(), { method: 'POST', path: `/${BUCKET}/${key}?uploadId=${uploadId}`, body });
    const fiveMiB = () => Buffer.alloc(5 * 1024 * 1024, 'p');

    it('InvalidPart for a part whose ETag does not match, InvalidPartOrder for parts out of order', async () => {
      const { uploadId, etags } = await upload('incoming/parts.bin', [fiveMiB(), Buffer.from('last')]);

      const wrongTag = await complete(
        'incoming/parts.bin',
        uploadId,
        completeBody([
          ['1', etags[0] ?? ''],
          ['2', `"${md5('other')}"`],
        ]),
      );
      const outOfOrder = await complete(
        'incoming/parts.bin',
        uploadId,
        completeBody([
          ['2', etags[1] ?? ''],
          ['1', etags[0] ?? ''],
        ]),
      );
      const repeated = await complete(
        'incoming/parts.bin',
        uploadId,
        completeBody([
          ['1', etags[0] ?? ''],
          ['1', etags[0] ?? ''],
        ]),
      );

      expect([wrongTag.code, outOfOrder.code, repeated.code]).toEqual([
        'InvalidPart',
        'InvalidPartOrder',
        'InvalidPartOrder',
      ]);
      expect(await objectText(client, BUCKET, 'incoming/parts.bin')).toBeUndefined();
    });

    it('EntityTooSmall when a part other than the last is under 5 MiB', async () => {
      const { uploadId, etags } = await upload('incoming/small.bin', [Buffer.from('a'), Buffer.from('b')]);

      const response = await complete(
        'incoming/small.bin',
        uploadId,
        completeBody([
          ['1', etags[0] ?? ''],
          ['2', etags[1] ?? ''],
        ]),
      );

      expect([response.status, response.code]).toEqual([400, 'EntityTooSmall']);
    });

    it('MalformedXML for a completion that is not the schema, MaxMessageLengthExceeded for a huge one', async () => {
      const { uploadId, etags } = await upload('incoming/xml.bin', [Buffer.from('only')]);

      const answers = [];
      for (const body of [
        'not xml at all',
        '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>',
        '<CompleteMultipartUpload></CompleteMultipartUpload>',
        '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>x</ETag></Part>',
        `<!DOCTYPE x [<!ENTITY a "${'a'.repeat(100)}">]>${completeBody([['1', etags[0] ?? '']])}`,
      ])
        answers.push((await complete('incoming/xml.bin', uploadId, body)).code);
      const huge = await complete(
        'incoming/xml.bin',
        uploadId,
        completeBody(Array.from({ length: 200_000 }, () => ['1', etags[0] ?? ''] as const)),
      );

      expect(answers).toEqual(answers.map(() => 'MalformedXML'));
      expect([huge.status, huge.code]).toEqual([400, 'MaxMessageLengthExceeded']);
    });

    it('NoSuchUpload for an upload id it never issued', async () => {
      const response = await complete('incoming/none.bin', 'f'.repeat(32), completeBody([['1', '"x"']]));

      expect([response.status, response.code]).toEqual([404, 'NoSuchUpload']);
    });

    it('ignores a Range it cannot read, as S3 does, and 416 InvalidRange for one past the end', async () => {
      await client.send(
        new PutObjectCommand({ Bucket: BUCKET, Key: 'incoming/ten.txt', Body: '0123456789' }),
      );
      const get = (range: string) =>
        rawRequest(endpoint(), { path: `/${BUCKET}/incoming/ten.txt`, headers: { range } });

      const answers = await Promise.all(
        ['bytes=abc', 'bytes=5-2', 'bytes=0-1,4-5', 'lines=1-2', 'bytes=', 'bytes=1e3-'].map(get),
      );
      const past = await get('bytes=10-');

      expect(answers.map((answer) => [answer.status, answer.text])).toEqual(
        answers.map(() => [200, '0123456789']),
      );
      expect([past.status, past.code]).toEqual([416, 'InvalidRange']);
    });

    it('IncompleteBody when the decoded body is not the declared length', async () => {
      const response = await rawRequest(endpoint(), {
        method: 'PUT',
        path: `/${BUCKET}/incoming/short.txt`,
        headers: {
          'content-encoding': 'aws-chunked',
          'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
          'x-amz-decoded-content-length': 10,
          'x-amz-trailer': 'x-amz-checksum-crc32',
        },
        body: '3\r\nabc\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n',
      });

      expect([response.status, response.code]).toEqual([400, 'IncompleteBody']);
      expect(await objectText(client, BUCKET, 'incoming/short.txt')).toBeUndefined();
    });

    it('keeps nothing of an upload whose client went away in the middle of the body', async () => {
      const head = [
        `PUT /${BUCKET}/incoming/abandoned.txt HTTP/1.1`,
        `Host: 127.0.0.1:${s3.port}`,
        'Authorization: AWS4-HMAC-SHA256 Credential=AKIA/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0',
        'Content-Length: 1000000',
        '',
        '',
      ].join('\r\n');

      await abandonedRequest(endpoint(), head, Buffer.alloc(1000, 'z'));

      expect(await objectText(client, BUCKET, 'incoming/abandoned.txt')).toBeUndefined();
      expect(
        (await readdir(join(sandbox, 'data'), { recursive: true })).filter((name) => name.includes('tmp')),
      ).toEqual([]);
    });

    it('405 MethodNotAllowed for methods S3 does not have, 501 NotImplemented for operations it leaves out', async () => {
      const patch = await rawRequest(endpoint(), { method: 'PATCH', path: `/${BUCKET}/incoming/x.txt` });
      const website = await rawRequest(endpoint(), {
        method: 'PUT',
        path: `/${BUCKET}?website`,
        body: '<x/>',
      });

      expect([patch.status, patch.code]).toEqual([405, 'MethodNotAllowed']);
      expect([website.status, website.code]).toEqual([501, 'NotImplemented']);
    });

    it('431 for headers past the limit, and goes on answering', async () => {
      const huge = await rawRequest(endpoint(), {
        path: `/${BUCKET}/incoming/ten.txt`,
        headers: { 'x-amz-meta-big': 'x'.repeat(64 * 1024) },
      }).catch((error: Error) => error);
      const after = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'incoming/ten.txt' }));

      expect(String(huge instanceof Error ? 'connection closed' : huge.status)).toMatch(
        /431|connection closed/,
      );
      expect(after.ContentLength).toBe(10);
    });
  });
});
