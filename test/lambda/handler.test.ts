import { readFileSync } from 'node:fs';
import type { S3Event, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DUMMY_CREDENTIALS, DUMMY_REGION } from '../support/dummy-aws.js';
import { type SecretsManagerServer, startSecretsManagerServer } from '../support/secrets-manager-server.js';

const MEMORY_KEY_SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:PipelineMemoryKey-AbCdEf';

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../samples/events/${name}`, import.meta.url), 'utf8')) as T;

/** The seed's notification through SQS, for `key`. */
function delivery(key: string): SQSEvent {
  const seed = fixture<S3Event>('s3-put-seed.json');
  const record = seed.Records[0] as S3Event['Records'][number];
  const body: S3Event = {
    Records: [{ ...record, s3: { ...record.s3, object: { ...record.s3.object, key } } }],
  };
  const message = fixture<SQSEvent>('sqs-s3-test-event.json').Records[0] as SQSEvent['Records'][number];
  return { Records: [{ ...message, messageId: 'm-1', body: JSON.stringify(body) }] };
}

/** The JSON lines the handler prints on stdout (Powertools logs and EMF metrics) while `run` runs. */
async function printed(run: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  });
  // Powertools warns on stderr when an invocation has no metric to publish (the S3 test event).
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await run();
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('the Lambda handler, as deployed', () => {
  let handler: (event: SQSEvent) => Promise<unknown>;
  let secrets: SecretsManagerServer;

  beforeAll(async () => {
    secrets = await startSecretsManagerServer({ [MEMORY_KEY_SECRET]: 'a'.repeat(64) });
    // What the construct sets (names other than the defaults, to see them reach the logs and metrics).
    for (const [name, value] of Object.entries({
      SOURCE_LANGUAGE: 'en',
      TARGET_LANGUAGES: 'es,fr',
      EVENT_BUS_NAME: '',
      MEMORY_KEY_SECRET,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
      POWERTOOLS_SERVICE_NAME: 'polybrief-handler-test',
      POWERTOOLS_METRICS_NAMESPACE: 'PolybriefHandlerTest',
      AWS_REGION: DUMMY_REGION,
      AWS_ACCESS_KEY_ID: DUMMY_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: DUMMY_CREDENTIALS.secretAccessKey,
    }))
      vi.stubEnv(name, value);
    ({ handler } = await import('../../functions/lambda/handler.js'));
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await secrets.close();
  });

  it('reads the translation memory key from its secret once, at start-up', () => {
    expect(secrets.requests).toEqual([MEMORY_KEY_SECRET]);
  });

  it('logs under the service name and publishes the outcome metric in the namespace its environment names', async () => {
    let response: unknown;
    const lines = await printed(async () => {
      response = await handler(delivery('incoming/desk/'));
    });

    expect(response).toEqual({ batchItemFailures: [] });
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'INFO',
        message: 'object ignored',
        service: 'polybrief-handler-test',
      }),
    );
    const metrics = lines.find((line) => '_aws' in line);
    expect(metrics).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Namespace: 'PolybriefHandlerTest' }] },
      service: 'polybrief-handler-test',
      ObjectsIgnored: 1,
    });
  });

  it('lets the S3 test event go without a metric', async () => {
    const lines = await printed(() => handler(fixture<SQSEvent>('sqs-s3-test-event.json')));

    expect(lines).toContainEqual(expect.objectContaining({ message: 'S3 test event ignored' }));
    expect(lines.some((line) => '_aws' in line)).toBe(false);
  });
});
