import type { AwsClientOptions } from '../../functions/adapters/aws-clients.js';

/** Credentials and region for SDK clients aimed at loopback servers: any values are accepted there. */
export const DUMMY_CREDENTIALS = {
  accessKeyId: 'AKIDPOLYBRIEFTEST',
  secretAccessKey: 'polybrief-test-secret',
};
export const DUMMY_REGION = 'us-east-1';

/** Options for an SDK client (`createTranslateClient`...) aimed at a loopback server at `endpoint`. */
export function loopbackClientOptions(endpoint: string, more: AwsClientOptions = {}): AwsClientOptions {
  return { endpoint, region: DUMMY_REGION, credentials: DUMMY_CREDENTIALS, ...more };
}

/**
 * The environment for a `polybrief` child process whose Amazon Translate (and Comprehend) is the loopback server at
 * `endpoint` (this process's environment, plus the endpoint and dummy credentials and region).
 */
export function loopbackTranslateEnv(endpoint: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AWS_ENDPOINT_URL_TRANSLATE: endpoint,
    // The same server answers the language detection of --source-language auto.
    AWS_ENDPOINT_URL_COMPREHEND: endpoint,
    AWS_ACCESS_KEY_ID: DUMMY_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: DUMMY_CREDENTIALS.secretAccessKey,
    AWS_REGION: DUMMY_REGION,
  };
}
