import { UsageError } from './usage-error.js';

/**
 * The SDK's own resolvers of a client (`client.config`): the region (`AWS_REGION`, the profile's `region`...) and
 * the default credential chain (environment, `AWS_PROFILE` with SSO or keys, process credentials, web identity,
 * ECS and EC2 instance metadata).
 */
export interface AwsClientConfig {
  readonly region: () => Promise<string>;
  readonly credentials: () => Promise<unknown>;
}

/**
 * How long the check may take. The chain's last link, EC2 instance metadata, gives up after its own 1 s timeout and
 * no retries (the SDK's defaults; `AWS_EC2_METADATA_DISABLED=true` skips it): this bound only guards against
 * anything slower.
 */
export const AWS_ACCESS_CHECK_MS = 5_000;

const HOW_TO = [
  'Set them as for the AWS CLI, for example:',
  '  export AWS_PROFILE=newsroom AWS_REGION=eu-west-1   # a profile of ~/.aws/config (aws configure, aws sso login)',
  'or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY with AWS_REGION. An endpoint in AWS_ENDPOINT_URL_TRANSLATE needs them',
  'too (any values do for a local one).',
].join('\n');

/**
 * Finds out, with the SDK's own provider chain and before any work, whether Amazon Translate can be called: a
 * region and credentials. What is missing is said once, naming the variables and how to set them, instead of a
 * `Region is missing` per language of every article.
 */
export async function checkAwsAccess(
  config: AwsClientConfig,
  timeoutMs = AWS_ACCESS_CHECK_MS,
): Promise<void> {
  const [region, credentials] = await Promise.all([
    settle(config.region(), timeoutMs),
    settle(config.credentials(), timeoutMs),
  ]);
  const missing: string[] = [];
  if (!region.ok || typeof region.value !== 'string' || region.value === '')
    missing.push(
      `no AWS region (${region.ok ? 'none set' : region.reason}; AWS_REGION or the profile's region)`,
    );
  if (!credentials.ok)
    missing.push(
      `no AWS credentials (${credentials.reason}; AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)`,
    );
  if (missing.length === 0) return;
  throw new UsageError(
    `--translator aws calls Amazon Translate, but found ${missing.join(' and ')}.\n${HOW_TO}`,
  );
}

type Settled =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reason: string };

async function settle(promise: Promise<unknown>, timeoutMs: number): Promise<Settled> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Settled>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, reason: `no answer within ${timeoutMs / 1000} s` }),
      timeoutMs,
    );
    timer.unref();
  });
  try {
    return await Promise.race([
      promise.then(
        (value): Settled => ({ ok: true, value }),
        (error: unknown): Settled => ({ ok: false, reason: firstLine(error) }),
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? message).replace(/\.$/u, '');
}
