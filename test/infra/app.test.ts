import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cdkJsonContext } from './support.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outdirs: string[] = [];

afterAll(() => {
  for (const outdir of outdirs) rmSync(outdir, { recursive: true, force: true });
});

/** Runs infra/app.ts as the CDK CLI does: context (cdk.json's, plus `-c` overrides) in CDK_CONTEXT_JSON. */
function runApp(overrides: Record<string, unknown>) {
  const outdir = mkdtempSync(join(tmpdir(), 'polybrief-cdk-'));
  outdirs.push(outdir);
  const context = { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...overrides };
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'infra/app.ts'], {
    cwd: root,
    env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify(context), CDK_OUTDIR: outdir },
    encoding: 'utf8',
  });
  return { ...result, outdir };
}

describe('infra/app.ts', () => {
  it('synthesizes the Polybrief stack from CDK context, checked by cdk-nag', () => {
    const { status, stderr, outdir } = runApp({
      languages: 'de,fr',
      alarmEmail: 'desk@example.org',
      translationScope: 'brief',
      cacheExpirationDays: '30',
    });
    const template = JSON.parse(readFileSync(join(outdir, 'Polybrief.template.json'), 'utf8'));
    const resources = Object.values(
      template.Resources as Record<string, { Type: string; Properties: never }>,
    );
    const fn = resources.find(
      (resource) =>
        resource.Type === 'AWS::Lambda::Function' && JSON.stringify(resource).includes('TARGET_LANGUAGES'),
    ) as { Properties: { Environment: { Variables: Record<string, string> } } } | undefined;
    const memoryRules = resources
      .filter((resource) => resource.Type === 'AWS::S3::Bucket')
      .flatMap(
        (bucket: { Properties: { LifecycleConfiguration?: { Rules: { Id: string }[] } } }) =>
          bucket.Properties.LifecycleConfiguration?.Rules ?? [],
      )
      .filter((rule) => rule.Id === 'expire-translation-memory');

    expect(status, stderr).toBe(0);
    expect(fn?.Properties.Environment.Variables.TARGET_LANGUAGES).toBe('de,fr');
    expect(fn?.Properties.Environment.Variables.TRANSLATION_SCOPE).toBe('brief');
    expect(memoryRules).toMatchObject([{ Prefix: 'cache/', ExpirationInDays: 30 }]);
    expect(Object.keys(template.Outputs).sort()).toEqual([
      'AccessLogsBucketName',
      'AlarmTopicArn',
      'BucketName',
      'DeadLetterQueueArn',
      'DeadLetterQueueUrl',
      'FunctionName',
      'LogGroupName',
      'MemoryKeySecretArn',
      'QueueUrl',
    ]);
  }, 120_000); // a child process loading aws-cdk-lib and synthesizing: seconds, more on a busy machine

  it('fails with a message naming the context key and the valid codes, without a stack trace', () => {
    const { status, stderr } = runApp({ languages: 'es,xx' });

    expect(status).toBe(1);
    expect(stderr).toMatch(/^Invalid CDK context "languages": Unknown language code "xx"/);
    expect(stderr).toContain('es (Spanish)');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('names every bad context key at once, each on its own line', () => {
    const { status, stderr } = runApp({
      translationScope: 'summary',
      maxArticleBytes: '2MB',
      terminology: 'a b',
    });

    expect(status).toBe(1);
    expect(stderr.split('\n').filter((line) => line.startsWith('Invalid CDK context'))).toEqual([
      'Invalid CDK context "maxArticleBytes": expected a whole number of at least 1, got "2MB".',
      'Invalid CDK context "terminology": "a b" is not an Amazon Translate terminology name (letters, digits, "-" and single "_", up to 256).',
      expect.stringMatching(/^Invalid CDK context "translationScope": expected full or brief \(/),
    ]);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('fails with a message naming the key and the allowed values for an unknown translation scope', () => {
    const { status, stderr } = runApp({ translationScope: 'summary' });

    expect(status).toBe(1);
    expect(stderr).toMatch(/^Invalid CDK context "translationScope": expected full or brief \(/);
    expect(stderr).toContain('got "summary".');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
