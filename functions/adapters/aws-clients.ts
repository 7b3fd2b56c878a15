import type { ComprehendClient } from '@aws-sdk/client-comprehend';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { TranslateClient } from '@aws-sdk/client-translate';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, ThrottleTolerantRetryStrategy } from './retry-strategy.js';

/**
 * Builds the AWS clients once, to be injected into the adapters.
 *
 * Endpoints: without `endpoint`, the SDK itself reads `AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL_TRANSLATE` /
 * `AWS_ENDPOINT_URL_COMPREHEND` (then `AWS_ENDPOINT_URL`, then `endpoint_url` in the shared config file), so
 * nothing here reads them again.
 */
export interface StaticCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface AwsClientOptions {
  /** Defaults to the SDK's own resolution (`AWS_REGION`, shared config...). */
  readonly region?: string;
  /** An explicit endpoint wins over the `AWS_ENDPOINT_URL_*` variables. */
  readonly endpoint?: string;
  /** Defaults to the SDK's default provider chain. */
  readonly credentials?: StaticCredentials;
  /** Attempts per call, the first included (the SDK default is 3). */
  readonly maxAttempts?: number;
  /** Time allowed for one attempt to get response headers; a hung attempt then fails and is retried. */
  readonly requestTimeoutMs?: number;
  /** Time allowed to open a connection. */
  readonly connectionTimeoutMs?: number;
}

export interface TranslateClientOptions extends AwsClientOptions {
  /**
   * How requests are tried again: the throttle-tolerant strategy by default (retry-strategy.ts); the SDK's own
   * modes for comparison in the benchmark. `maxAttempts`, when given, bounds every kind of retry.
   */
  readonly retry?: RetryPolicy | 'adaptive' | 'standard';
}

export interface S3ClientOptions extends AwsClientOptions {
  /** Path-style URLs (`http://host/bucket/key`), needed by most S3-compatible local endpoints. */
  readonly forcePathStyle?: boolean;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_TRANSLATE_REQUEST_TIMEOUT_MS = 15_000;
export const DEFAULT_S3_REQUEST_TIMEOUT_MS = 30_000;
const DEFAULT_CONNECTION_TIMEOUT_MS = 5_000;

function commonConfig(options: AwsClientOptions, defaultRequestTimeoutMs: number) {
  return {
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    // Adaptive mode adds client-side rate limiting on throttling to the standard retries (429, 5xx, timeouts).
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    requestHandler: {
      requestTimeout: options.requestTimeoutMs ?? defaultRequestTimeoutMs,
      // Without it a breached requestTimeout is only logged and the request keeps hanging.
      throwOnRequestTimeout: true,
      connectionTimeout: options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
    },
  };
}

export function createTranslateClient(options: TranslateClientOptions = {}): TranslateClient {
  const config = commonConfig(options, DEFAULT_TRANSLATE_REQUEST_TIMEOUT_MS);
  const { retry = DEFAULT_RETRY_POLICY, maxAttempts } = options;
  if (retry === 'adaptive' || retry === 'standard')
    return new TranslateClient({ ...config, retryMode: retry });
  const policy =
    maxAttempts === undefined
      ? retry
      : { ...retry, throttledAttempts: maxAttempts, faultAttempts: maxAttempts };
  return new TranslateClient({
    ...config,
    maxAttempts: policy.throttledAttempts,
    retryStrategy: new ThrottleTolerantRetryStrategy(policy),
  });
}

/**
 * For the language detection of `sourceLanguage=auto` (DetectDominantLanguage). Loaded only then: the client adds
 * about 0.2 s to a cold start that every other configuration would pay for nothing.
 */
export async function createComprehendClient(options: AwsClientOptions = {}): Promise<ComprehendClient> {
  const { ComprehendClient } = await import('@aws-sdk/client-comprehend');
  return new ComprehendClient(commonConfig(options, DEFAULT_TRANSLATE_REQUEST_TIMEOUT_MS));
}

export function createS3Client(options: S3ClientOptions = {}): S3Client {
  return new S3Client({
    ...commonConfig(options, DEFAULT_S3_REQUEST_TIMEOUT_MS),
    ...(options.forcePathStyle === undefined ? {} : { forcePathStyle: options.forcePathStyle }),
    // The SDK's default (CRC32 trailers with aws-chunked framing) is not understood by many S3-compatible
    // endpoints (s3rver among them); real S3 still gets checksums whenever an operation requires them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export function createEventBridgeClient(options: AwsClientOptions = {}): EventBridgeClient {
  return new EventBridgeClient(commonConfig(options, DEFAULT_S3_REQUEST_TIMEOUT_MS));
}

export function createSecretsManagerClient(options: AwsClientOptions = {}): SecretsManagerClient {
  return new SecretsManagerClient(commonConfig(options, DEFAULT_S3_REQUEST_TIMEOUT_MS));
}
