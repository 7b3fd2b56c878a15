/**
 * What the local endpoint refuses before a request reaches any operation, so that no web page the user has open
 * can use it. A page can make the browser send requests to 127.0.0.1 (forms, images, fetch without CORS), or
 * resolve its own host name to 127.0.0.1 (DNS rebinding) and read the answers; it cannot set an `Authorization`
 * header without a CORS preflight, which is refused, nor hide the `Origin` and `Sec-Fetch-Site` browsers add.
 */
import type { IncomingMessage } from 'node:http';
import { S3Error } from './s3-errors.js';

const METHODS = new Set(['GET', 'HEAD', 'PUT', 'POST', 'DELETE']);
const UNSAFE = new Set(['PUT', 'POST', 'DELETE']);

/** Throws the S3 error a request gets when it may not be answered at all. */
export function guardRequest(request: IncomingMessage, port: number): void {
  const { headers } = request;
  const method = request.method ?? '';
  const ownHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const host = (headers.host ?? '').toLowerCase();
  if (!ownHosts.includes(host))
    throw new S3Error(
      'AccessDenied',
      `The local endpoint answers requests addressed to ${ownHosts.join(' or ')} only (the Host header was "${
        headers.host ?? ''
      }"): any other name may be a web page that pointed its own name at this machine.`,
    );
  const origin = headers.origin?.toLowerCase();
  if (origin !== undefined && !ownHosts.some((own) => origin === `http://${own}`))
    throw new S3Error(
      'AccessDenied',
      `The local endpoint does not answer requests made by web pages (Origin: ${headers.origin}).`,
    );
  const site = headers['sec-fetch-site'];
  const navigation = headers['sec-fetch-mode'] === 'navigate' && (method === 'GET' || method === 'HEAD');
  if ((site === 'cross-site' || site === 'same-site') && !navigation)
    throw new S3Error(
      'AccessDenied',
      'The local endpoint does not answer requests made by web pages of other sites; open its pages directly.',
    );
  if (method === 'OPTIONS') throw new S3Error('AccessForbidden');
  if (!METHODS.has(method)) throw new S3Error('MethodNotAllowed', undefined, { Method: method });
  if (UNSAFE.has(method) && !/^(AWS4-HMAC-SHA256|AWS) \S/.test(headers.authorization ?? ''))
    throw new S3Error(
      'AccessDenied',
      'The local endpoint accepts writes only in signed requests (an Authorization header, as the AWS CLI and SDKs send with any credentials): a web page cannot send one.',
    );
}
