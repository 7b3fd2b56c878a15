/**
 * A loopback stand-in for Secrets Manager's `GetSecretValue` (AWS JSON 1.1), for the handler as deployed: the real
 * SDK client is pointed at `endpoint` (or `AWS_ENDPOINT_URL_SECRETS_MANAGER`) with dummy credentials.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SecretsManagerServer {
  readonly endpoint: string;
  /** The `SecretId` of every request, in order. */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

/** Answers `GetSecretValue` for the secrets given (by id or ARN); any other id is `ResourceNotFoundException`. */
export async function startSecretsManagerServer(
  secrets: Readonly<Record<string, string>>,
): Promise<SecretsManagerServer> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const reply = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify(body));
      };
      if (request.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue') {
        return reply(400, { __type: 'UnknownOperationException', Message: 'Unsupported operation' });
      }
      const { SecretId = '' } = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
        SecretId?: string;
      };
      requests.push(SecretId);
      const secret = secrets[SecretId];
      if (secret === undefined) {
        return reply(400, {
          __type: 'ResourceNotFoundException',
          Message: "Secrets Manager can't find the specified secret.",
        });
      }
      reply(200, { ARN: SecretId, Name: SecretId, SecretString: secret, VersionId: 'v1' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
