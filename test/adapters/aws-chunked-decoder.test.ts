import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AwsChunkedDecoder } from '../../functions/local/aws-chunked-decoder.js';

async function decode(parts: readonly Buffer[]): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of Readable.from(parts).pipe(new AwsChunkedDecoder())) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Cuts `body` into pieces of `size` bytes, as a socket may deliver it. */
function pieces(body: string, size: number): Buffer[] {
  const bytes = Buffer.from(body, 'utf8');
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

const unsigned = '6\r\nhello \r\n7\r\nstream!\r\n0\r\nx-amz-checksum-crc32:gtnkmQ==\r\n\r\n';
const signed =
  'b;chunk-signature=abc\r\nnaïve 🙂\r\n0;chunk-signature=def\r\nx-amz-checksum-crc32:AAAA\r\nx-amz-trailer-signature:123\r\n\r\n';

describe('AwsChunkedDecoder', () => {
  it('returns the payload of unsigned chunks and drops the trailer', async () => {
    expect(await decode([Buffer.from(unsigned)])).toBe('hello stream!');
  });

  it('drops chunk signatures and the trailer signature', async () => {
    expect(await decode([Buffer.from(signed)])).toBe('naïve 🙂');
  });

  it('decodes the same whatever the pieces the body arrives in', async () => {
    for (const size of [1, 2, 3, 5, 8, 13]) {
      expect(await decode(pieces(unsigned, size))).toBe('hello stream!');
      expect(await decode(pieces(signed, size))).toBe('naïve 🙂');
    }
  });

  it('fails on a body cut inside a chunk', async () => {
    await expect(decode([Buffer.from('6\r\nhel')])).rejects.toThrow(/ended inside a chunk/);
  });

  it('fails on a chunk longer than declared', async () => {
    await expect(decode([Buffer.from('2\r\nhello\r\n0\r\n\r\n')])).rejects.toThrow(
      /longer than its declared size/,
    );
  });
});
