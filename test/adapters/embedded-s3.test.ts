import '../support/quiet-aws-sdk.js';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  paginateListObjectsV2,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  encodeS3EventKey,
  type ObjectCreatedEvent,
  toS3EventRecord,
} from '../../functions/local/embedded-s3.js';
import { awsCli, hasAwsCli } from '../support/aws-cli.js';
import { DUMMY_CREDENTIALS, DUMMY_REGION } from '../support/dummy-aws.js';
import { s3Client, startTestS3, type TestS3 } from '../support/embedded-s3-fixture.js';

const md5 = (data: string | Uint8Array) => createHash('md5').update(data).digest('hex');

/** Collects object-created events until `count` have arrived. */
function collect(test: TestS3) {
  const events: ObjectCreatedEvent[] = [];
  const waiters: (() => void)[] = [];
  const stop = test.s3.onObjectCreated((event) => {
    events.push(event);
    for (const wake of waiters.splice(0)) wake();
  });
  const until = async (count: number) => {
    while (events.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    return events;
  };
  return { events, until, stop };
}

describe('embedded S3 endpoint', () => {
  let test: TestS3;
  beforeAll(async () => {
    test = await startTestS3('newsroom');
  });
  afterAll(async () => {
    await test.close();
  });

  it('listens on 127.0.0.1 on the port the system picked', () => {
    expect(test.s3.endpoint).toBe(`http://127.0.0.1:${test.s3.port}`);
    expect(test.s3.port).toBeGreaterThan(0);
  });

  it('creates the bucket and accepts any credentials', async () => {
    const other = s3Client(test.s3.endpoint, {
      accessKeyId: `AKID${randomBytes(6).toString('hex')}`,
      secretAccessKey: randomBytes(20).toString('base64'),
    });

    await other.send(new PutObjectCommand({ Bucket: 'newsroom', Key: 'incoming/any.txt', Body: 'any' }));
    const read = await test.client.send(
      new GetObjectCommand({ Bucket: 'newsroom', Key: 'incoming/any.txt' }),
    );

    expect(await read.Body?.transformToString()).toBe('any');
    other.destroy();
  });

  it('lists with ListObjectsV2 and answers HEAD, keys with XML-special characters included', async () => {
    const keys = ['list/a&b<c>.txt', 'list/it\'s "quoted".txt', 'list/plain.txt'];
    for (const key of keys)
      await test.client.send(new PutObjectCommand({ Bucket: 'newsroom', Key: key, Body: key }));

    const listed = await test.client.send(new ListObjectsV2Command({ Bucket: 'newsroom', Prefix: 'list/' }));
    const head = await test.client.send(new HeadObjectCommand({ Bucket: 'newsroom', Key: keys[0] }));

    expect(listed.Contents?.map((o) => o.Key).sort()).toEqual([...keys].sort());
    expect(head.ContentLength).toBe(keys[0]?.length);
  });

  it('pages ListObjectsV2 results and groups by delimiter', async () => {
    for (const key of ['pages/1', 'pages/2', 'pages/3', 'pages/sub/4', 'pages/sub/5'])
      await test.client.send(new PutObjectCommand({ Bucket: 'newsroom', Key: key, Body: key }));

    const seen: string[] = [];
    for await (const page of paginateListObjectsV2(
      { client: test.client, pageSize: 2 },
      { Bucket: 'newsroom', Prefix: 'pages/' },
    )) {
      expect(page.Contents?.length ?? 0).toBeLessThanOrEqual(2);
      seen.push(...(page.Contents ?? []).map((o) => o.Key ?? ''));
    }
    const grouped = await test.client.send(
      new ListObjectsV2Command({ Bucket: 'newsroom', Prefix: 'pages/', Delimiter: '/' }),
    );

    expect(seen).toEqual(['pages/1', 'pages/2', 'pages/3', 'pages/sub/4', 'pages/sub/5']);
    expect(grouped.Contents?.map((o) => o.Key)).toEqual(['pages/1', 'pages/2', 'pages/3']);
    expect(grouped.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['pages/sub/']);
  });

  it('tells listeners about a created object with key, size, ETag and a growing sequencer', async () => {
    const { until, stop } = collect(test);

    await test.client.send(
      new PutObjectCommand({ Bucket: 'newsroom', Key: 'incoming/my article.txt', Body: 'one' }),
    );
    await test.client.send(
      new PutObjectCommand({ Bucket: 'newsroom', Key: 'incoming/second+.txt', Body: 'two!' }),
    );
    const [first, second] = await until(2);
    stop();

    expect(first).toMatchObject({
      eventName: 'ObjectCreated:Put',
      bucket: 'newsroom',
      key: 'incoming/my article.txt',
      size: 3,
      eTag: md5('one'),
      sourceIp: '127.0.0.1',
    });
    expect(first?.versionId).toBeUndefined();
    expect(second).toMatchObject({ key: 'incoming/second+.txt', size: 4, eTag: md5('two!') });
    expect((second?.sequencer ?? '') > (first?.sequencer ?? '')).toBe(true);
  });

  it('stops calling a listener once unsubscribed', async () => {
    const unsubscribed = collect(test);
    const subscribed = collect(test);
    unsubscribed.stop();

    await test.client.send(
      new PutObjectCommand({ Bucket: 'newsroom', Key: 'incoming/quiet.txt', Body: 'q' }),
    );
    await subscribed.until(1);
    subscribed.stop();

    expect(unsubscribed.events).toHaveLength(0);
  });

  it('names copies and multipart uploads as S3 does, with their ETags', async () => {
    const { until, stop } = collect(test);

    await test.client.send(new PutObjectCommand({ Bucket: 'newsroom', Key: 'src.txt', Body: 'copy me' }));
    await test.client.send(
      new CopyObjectCommand({
        Bucket: 'newsroom',
        Key: 'incoming/copied.txt',
        CopySource: 'newsroom/src.txt',
      }),
    );
    const upload = await test.client.send(
      new CreateMultipartUploadCommand({ Bucket: 'newsroom', Key: 'incoming/multi.txt' }),
    );
    const part = await test.client.send(
      new UploadPartCommand({
        Bucket: 'newsroom',
        Key: 'incoming/multi.txt',
        UploadId: upload.UploadId,
        PartNumber: 1,
        Body: 'single part',
      }),
    );
    await test.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: 'newsroom',
        Key: 'incoming/multi.txt',
        UploadId: upload.UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
      }),
    );
    const events = await until(3);
    stop();

    expect(events.map((e) => [e.eventName, e.key])).toEqual([
      ['ObjectCreated:Put', 'src.txt'],
      ['ObjectCreated:Copy', 'incoming/copied.txt'],
      ['ObjectCreated:CompleteMultipartUpload', 'incoming/multi.txt'],
    ]);
    expect(events[1]?.eTag).toBe(md5('copy me'));
    expect(events[2]?.size).toBe('single part'.length);
  });

  it('accepts streamed uploads from an SDK client left on its default checksum settings', async () => {
    const { until, stop } = collect(test);
    const plain = new S3Client({
      endpoint: test.s3.endpoint,
      region: DUMMY_REGION,
      credentials: DUMMY_CREDENTIALS,
      forcePathStyle: true,
    });

    await plain.send(
      new PutObjectCommand({
        Bucket: 'newsroom',
        Key: 'incoming/streamed.txt',
        Body: Readable.from([Buffer.from('streamed '), Buffer.from('naïve body')]),
        ContentLength: Buffer.byteLength('streamed naïve body'),
      }),
    );
    const [event] = await until(1);
    stop();
    const read = await plain.send(new GetObjectCommand({ Bucket: 'newsroom', Key: 'incoming/streamed.txt' }));

    expect(await read.Body?.transformToString()).toBe('streamed naïve body');
    expect(read.ContentEncoding).toBeUndefined();
    expect(event).toMatchObject({
      size: Buffer.byteLength('streamed naïve body'),
      eTag: md5('streamed naïve body'),
    });
    plain.destroy();
  });

  it('refuses keys with dot segments, which would reach outside the data folder', async () => {
    const escaping = test.client.send(
      new PutObjectCommand({ Bucket: 'newsroom', Key: 'incoming/../../../escaped.txt', Body: 'x' }),
    );

    await expect(escaping).rejects.toMatchObject({ name: 'InvalidArgument' });
  });
});

describe('embedded S3 persistence', () => {
  it('keeps objects in its data folder across restarts', async () => {
    const first = await startTestS3('kept');
    await first.client.send(
      new PutObjectCommand({ Bucket: 'kept', Key: 'published/a/es.json', Body: '{"a":1}' }),
    );
    await first.close({ keepData: true });

    const second = await startTestS3('kept', first.dataDir);
    try {
      const read = await second.client.send(
        new GetObjectCommand({ Bucket: 'kept', Key: 'published/a/es.json' }),
      );

      expect(await read.Body?.transformToString()).toBe('{"a":1}');
    } finally {
      await second.close();
    }
  });

  it('removes temporary files a killed process left, and starts over a folder named like one', async () => {
    const first = await startTestS3('kept');
    await first.close({ keepData: true });
    const incoming = join(first.dataDir, 'kept', 'incoming');
    // A key once could make such a folder (incoming/x.polybrief-tmp-.../y.txt), and a start then failed on it.
    await mkdir(join(incoming, 'x.polybrief-tmp-0123456789abcdef'), { recursive: true });
    await writeFile(join(incoming, 'a.txt._S3rver_object.polybrief-tmp-fedcba9876543210'), 'torn');

    const second = await startTestS3('kept', first.dataDir);
    await second.close({ keepData: true });
    const left = (await readdir(incoming)).sort();
    await rm(first.dataDir, { recursive: true, force: true });

    expect(left).toEqual(['x.polybrief-tmp-0123456789abcdef']);
  });
});

describe('encodeS3EventKey', () => {
  it.each([
    ['red flower.jpg', 'red+flower.jpg'],
    ['incoming/a+b.txt', 'incoming/a%2Bb.txt'],
    ['incoming/100% true.txt', 'incoming/100%25+true.txt'],
    ['dt=2024-05-04/_SUCCESS', 'dt%3D2024-05-04/_SUCCESS'],
    ['incoming/été/北京.txt', 'incoming/%C3%A9t%C3%A9/%E5%8C%97%E4%BA%AC.txt'],
    ['incoming/🙂 (1).md', 'incoming/%F0%9F%99%82+%281%29.md'],
    ['a-b_c.d*e~f', 'a-b_c.d*e%7Ef'],
  ])('encodes %s as %s', (key, encoded) => {
    expect(encodeS3EventKey(key)).toBe(encoded);
  });

  it('decodes back with the usual handler recipe', () => {
    const key = "incoming/Ünïcödé + spaces & 'quotes' %2B/北京 🙂.txt";

    expect(decodeURIComponent(encodeS3EventKey(key).replaceAll('+', ' '))).toBe(key);
  });
});

describe('toS3EventRecord', () => {
  it('builds the record real S3 delivers, key encoded', () => {
    const event: ObjectCreatedEvent = {
      eventName: 'ObjectCreated:Put',
      eventTime: new Date('2026-01-02T03:04:05.678Z'),
      bucket: 'newsroom',
      key: 'incoming/my article+1.txt',
      size: 1234,
      eTag: 'd41d8cd98f00b204e9800998ecf8427e',
      versionId: '3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY',
      sequencer: '0055AED6DCD90281E5',
      sourceIp: '127.0.0.1',
    };

    const record = toS3EventRecord(event, { region: 'eu-west-1' });

    expect(record).toEqual({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'eu-west-1',
      eventTime: '2026-01-02T03:04:05.678Z',
      eventName: 'ObjectCreated:Put',
      userIdentity: { principalId: expect.any(String) },
      requestParameters: { sourceIPAddress: '127.0.0.1' },
      responseElements: { 'x-amz-request-id': expect.any(String), 'x-amz-id-2': expect.any(String) },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: expect.any(String),
        bucket: {
          name: 'newsroom',
          ownerIdentity: { principalId: expect.any(String) },
          arn: 'arn:aws:s3:::newsroom',
        },
        object: {
          key: 'incoming/my+article%2B1.txt',
          size: 1234,
          eTag: 'd41d8cd98f00b204e9800998ecf8427e',
          versionId: '3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY',
          sequencer: '0055AED6DCD90281E5',
        },
      },
    });
  });

  it('leaves versionId out when the object has none', () => {
    const record = toS3EventRecord({
      eventName: 'ObjectCreated:Post',
      eventTime: new Date(),
      bucket: 'b',
      key: 'k',
      size: 0,
      eTag: '',
      sequencer: '01',
      sourceIp: '127.0.0.1',
    });

    expect(Object.keys(record.s3.object)).toEqual(['key', 'size', 'eTag', 'sequencer']);
  });
});

if (!hasAwsCli) console.warn('Skipping the AWS CLI tests: the `aws` command is not installed.');

describe.skipIf(!hasAwsCli)('embedded S3 with the AWS CLI', () => {
  let test: TestS3;
  let cli: (...args: string[]) => Promise<string>;
  beforeAll(async () => {
    test = await startTestS3('cli-bucket');
    cli = awsCli(test.s3.endpoint, test.dataDir);
  });
  afterAll(async () => {
    await test.close();
  });
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());

  it('uploads with `aws s3 cp` and the event carries the S3-encoded key', async () => {
    const collector = collect(test);
    stop = collector.stop;
    const file = join(test.dataDir, 'article.txt');
    await writeFile(file, 'Moscow, 1 March — Wang Yi arrived.');

    await cli('s3', 'cp', file, 's3://cli-bucket/incoming/wang yi+moscow.txt', '--only-show-errors');
    const [event] = await collector.until(1);

    expect(event).toMatchObject({ key: 'incoming/wang yi+moscow.txt', eventName: 'ObjectCreated:Put' });
    expect(event && toS3EventRecord(event).s3.object.key).toBe('incoming/wang+yi%2Bmoscow.txt');
    const read = await test.client.send(
      new GetObjectCommand({ Bucket: 'cli-bucket', Key: 'incoming/wang yi+moscow.txt' }),
    );
    expect(await read.Body?.transformToString()).toBe('Moscow, 1 March — Wang Yi arrived.');
  });

  it('uploads a file over 8 MB in parts', async () => {
    const collector = collect(test);
    stop = collector.stop;
    const data = randomBytes(9 * 1024 * 1024);
    const file = join(test.dataDir, 'big.bin');
    await writeFile(file, data);

    await cli('s3', 'cp', file, 's3://cli-bucket/incoming/big.bin', '--only-show-errors');
    const [event] = await collector.until(1);

    expect(event).toMatchObject({ eventName: 'ObjectCreated:CompleteMultipartUpload', size: data.length });
    const head = await test.client.send(
      new HeadObjectCommand({ Bucket: 'cli-bucket', Key: 'incoming/big.bin' }),
    );
    expect(head.ContentLength).toBe(data.length);
  });

  it('lists and heads objects', async () => {
    const listing = await cli('s3', 'ls', 's3://cli-bucket/incoming/');
    const head = JSON.parse(
      await cli('s3api', 'head-object', '--bucket', 'cli-bucket', '--key', 'incoming/wang yi+moscow.txt'),
    ) as { ContentLength: number };

    expect(listing).toContain('wang yi+moscow.txt');
    expect(listing).toContain('big.bin');
    expect(head.ContentLength).toBe(Buffer.byteLength('Moscow, 1 March — Wang Yi arrived.'));
  });
});
