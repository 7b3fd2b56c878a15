/**
 * A loopback stand-in for an S3 bucket whose policy lets the caller read and write only some keys, answering the
 * others as S3 does when a permission is missing: 403 with an `AccessDenied` error document (HEAD: a bare 403).
 * Objects it may serve live in memory; PUTs it allows are kept. Path-style requests only (`/bucket/key`).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DenyingS3Options {
  /** Objects present, by key. */
  readonly objects?: Readonly<Record<string, string>>;
  /** Whether the caller may do this method on this key; a denied request gets 403 AccessDenied. */
  readonly allows: (method: string, key: string) => boolean;
}

export interface DenyingS3Server {
  readonly endpoint: string;
  /** Keys written, in order. */
  readonly puts: readonly string[];
  /** `METHOD key status` of every request, in order. */
  readonly log: readonly string[];
  close(): Promise<void>;
}

const denied = (key: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><Key>${key}</Key><RequestId>${randomUUID()}</RequestId></Error>`;

export async function startDenyingS3(options: DenyingS3Options): Promise<DenyingS3Server> {
  const objects = new Map(Object.entries(options.objects ?? {}));
  const puts: string[] = [];
  const log: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      const key = decodeURIComponent(path.split('/').slice(2).join('/'));
      const method = request.method ?? 'GET';
      const reply = (status: number, headers: Record<string, string>, body = '') => {
        log.push(`${method} ${key} ${status}`);
        response.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), ...headers });
        response.end(method === 'HEAD' ? undefined : body);
      };
      if (!options.allows(method, key)) return reply(403, { 'content-type': 'application/xml' }, denied(key));
      if (method === 'PUT') {
        const body = Buffer.concat(chunks);
        objects.set(key, body.toString('utf8'));
        puts.push(key);
        return reply(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` });
      }
      const object = objects.get(key);
      if (object === undefined) {
        const missing = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>${key}</Key></Error>`;
        return reply(404, { 'content-type': 'application/xml' }, missing);
      }
      return reply(
        200,
        {
          'content-type': 'text/plain; charset=utf-8',
          etag: `"${createHash('md5').update(object).digest('hex')}"`,
          'last-modified': new Date('2024-05-01T09:00:00Z').toUTCString(),
        },
        object,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    puts,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
