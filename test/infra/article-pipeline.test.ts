import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseLambdaConfig } from '../../functions/lambda/config.js';
import { DEFAULT_TRANSLATE_CONCURRENCY } from '../../functions/shared/translate-concurrency.js';
import { PIPELINE_BUNDLING } from '../../infra/pipeline-function.js';
import { prefixesOverlap } from '../../infra/pipeline-prefixes.js';
import type { PolybriefStack } from '../../infra/polybrief-stack.js';
import {
  acknowledgements,
  asArray,
  flattenCfn,
  logicalId,
  type Synthesized,
  synthesizePolybrief,
} from './support.js';

// One synthesis, as `cdk synth` does it (cdk.json's context, the AwsSolutions checks, the handler bundled by the
// local esbuild), shared by every test: it throws if cdk-nag finds anything unacknowledged.
let synthesized: Synthesized<PolybriefStack>;
let template: Template;
let ids: {
  bucket: string;
  queue: string;
  deadLetterQueue: string;
  fn: string;
  role: string;
  topic: string;
  memoryKey: string;
};

beforeAll(() => {
  synthesized = synthesizePolybrief(undefined, { bundle: true });
  template = synthesized.template;
  ids = {
    bucket: logicalId(template, 'AWS::S3::Bucket', 'PipelineBucket'),
    queue: logicalId(template, 'AWS::SQS::Queue', 'PipelineQueue'),
    deadLetterQueue: logicalId(template, 'AWS::SQS::Queue', 'PipelineDeadLetterQueue'),
    fn: logicalId(template, 'AWS::Lambda::Function', 'PipelineFunction'),
    role: logicalId(template, 'AWS::IAM::Role', 'PipelineFunctionRole'),
    topic: logicalId(template, 'AWS::SNS::Topic', 'PipelineAlarmTopic'),
    memoryKey: logicalId(template, 'AWS::SecretsManager::Secret', 'PipelineMemoryKey'),
  };
});

function functionProperties(): Record<string, unknown> & {
  Environment: { Variables: Record<string, string> };
} {
  return template.findResources('AWS::Lambda::Function')[ids.fn]?.Properties;
}

/** The function's environment as the handler sees it at run time: the secret's reference resolved to an ARN. */
function deployedEnvironment(): Record<string, string> {
  return {
    ...functionProperties().Environment.Variables,
    MEMORY_KEY_SECRET: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:PipelineMemoryKey-AbCdEf',
  };
}

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

function functionStatements(): Statement[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
    policy.Properties.Roles.some((role: { Ref?: string }) => role.Ref === ids.role),
  );
  return policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

describe('ArticlePipeline bucket', () => {
  it('blocks public access, requires SSL, encrypts, versions and expires old versions', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 30 } }),
        ]),
      },
      LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: ids.bucket },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('expires the translation memory a year after each entry was written, and its replaced entries after a day', () => {
    const rules =
      template.findResources('AWS::S3::Bucket')[ids.bucket]?.Properties.LifecycleConfiguration.Rules;

    expect(rules).toEqual([
      {
        Id: 'expire-old-versions',
        Status: 'Enabled',
        NoncurrentVersionExpiration: { NoncurrentDays: 30 },
        ExpiredObjectDeleteMarker: true,
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
      },
      {
        Id: 'expire-translation-memory',
        Status: 'Enabled',
        Prefix: functionProperties().Environment.Variables.CACHE_PREFIX,
        ExpirationInDays: 365,
        NoncurrentVersionExpiration: { NoncurrentDays: 1 },
      },
    ]);
    expect(rules[1].Prefix).toBe('cache/');
  });

  it('keeps the data when the stack is deleted', () => {
    template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(template.findResources('AWS::S3::Bucket')[ids.bucket]?.DeletionPolicy).toBe('Retain');
  });
});

describe('ArticlePipeline notification', () => {
  it("sends every s3:ObjectCreated event (multipart included) under incoming/ and editors' edits/ only to the queue", () => {
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: ids.bucket },
      NotificationConfiguration: {
        QueueConfigurations: ['incoming/', 'edits/'].map((prefix) => ({
          Events: ['s3:ObjectCreated:*'],
          Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: prefix }] } },
          QueueArn: { 'Fn::GetAtt': [ids.queue, 'Arn'] },
        })),
      },
    });
    expect(template.findResources('Custom::S3BucketNotifications')).toSatisfy(
      (resources: object) => Object.keys(resources).length === 1,
    );
  });

  it('lets only this bucket send to the queue, over TLS', () => {
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: ids.queue }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Action: Match.arrayWith(['sqs:SendMessage']),
            Principal: { Service: 's3.amazonaws.com' },
            Condition: {
              ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [ids.bucket, 'Arn'] } },
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
            },
          }),
        ]),
      },
    });
  });

  it('never lets the function write where it is notified from', () => {
    const env = functionProperties().Environment.Variables;
    const notifying = [env.INCOMING_PREFIX, env.EDITS_PREFIX] as string[];
    const outputs = [env.PUBLISHED_PREFIX, env.FAILED_PREFIX, env.CACHE_PREFIX] as string[];
    const writes = functionStatements()
      .filter((statement) => asArray(statement.Action).includes('s3:PutObject'))
      .flatMap((statement) => asArray(statement.Resource).map((resource) => flattenCfn(resource as string)));

    expect(notifying).toEqual(['incoming/', 'edits/']);
    for (const output of outputs) {
      for (const prefix of notifying)
        expect(prefixesOverlap(output, prefix), `${output} overlaps ${prefix}`).toBe(false);
    }
    expect(writes.sort()).toEqual(outputs.map((prefix) => `<${ids.bucket}.Arn>/${prefix}*`).sort());
  });
});

describe('ArticlePipeline queues', () => {
  it('moves a message to a dead-letter queue after 3 receives and keeps it 14 days there', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [ids.deadLetterQueue, 'Arn'] },
        maxReceiveCount: 3,
      },
      SqsManagedSseEnabled: true,
    });
    const deadLetterQueue = template.findResources('AWS::SQS::Queue')[ids.deadLetterQueue]?.Properties;
    expect(deadLetterQueue).toEqual({ MessageRetentionPeriod: 14 * 24 * 3600, SqsManagedSseEnabled: true });
  });

  it('hides a received message for six times the function timeout', () => {
    const queue = template.findResources('AWS::SQS::Queue')[ids.queue]?.Properties;
    expect(queue.VisibilityTimeout).toBe(6 * (functionProperties().Timeout as number));
  });

  it('feeds the function with partial batch responses and at most 5 concurrent invocations', () => {
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [ids.queue, 'Arn'] },
      FunctionName: { Ref: ids.fn },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 5 },
      BatchSize: 1,
    });
  });

  it('alarms through the topic as soon as a message reaches the dead-letter queue', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids.deadLetterQueue, 'QueueName'] } }],
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
      AlarmActions: [{ Ref: ids.topic }],
    });
    // No alarmEmail in cdk.json: nobody is subscribed yet.
    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('tells whoever is alarmed how to redrive the dead-letter queue', () => {
    const alarm = Object.values(template.findResources('AWS::CloudWatch::Alarm'))[0];

    expect(flattenCfn(alarm?.Properties.AlarmDescription)).toContain(
      `aws sqs start-message-move-task --source-arn <${ids.deadLetterQueue}.Arn>`,
    );
  });
});

describe('ArticlePipeline function', () => {
  it('runs the bundled ESM handler on Node.js 22 or newer on ARM64 with source maps and the heap it is sized for', () => {
    const properties = functionProperties();
    const runtime = /^nodejs(\d+)\.x$/.exec(properties.Runtime as string);

    expect(Number(runtime?.[1])).toBeGreaterThanOrEqual(22);
    expect(properties.Architectures).toEqual(['arm64']);
    expect(properties.Handler).toBe('index.handler');
    expect(properties.Environment.Variables.NODE_OPTIONS).toBe(
      '--enable-source-maps --max-old-space-size=768',
    );
  });

  it('bundles the handler as minified ESM that can require CommonJS, with a source map and no AWS SDK', () => {
    const assetHash = /^([0-9a-f]{64})\.zip$/.exec(
      (functionProperties().Code as { S3Key: string }).S3Key,
    )?.[1];
    const assetDirectory = join(synthesized.app.outdir, `asset.${assetHash}`);
    const bundle = readFileSync(join(assetDirectory, 'index.mjs'), 'utf8');

    expect(readdirSync(assetDirectory).sort()).toEqual(['index.mjs', 'index.mjs.map']);
    expect(bundle.startsWith(PIPELINE_BUNDLING.banner as string)).toBe(true);
    expect(bundle).toMatch(/export\s*\{[^}]*\bhandler\s*\}/);
    expect(bundle).toContain('//# sourceMappingURL=index.mjs.map');
    expect(bundle).not.toMatch(/@aws-sdk\/client-[a-z0-9-]+\/dist-/);
  });

  it('sets what the handler parses into its defaults', () => {
    const config = parseLambdaConfig(deployedEnvironment());

    expect(config.translateConcurrency).toBe(DEFAULT_TRANSLATE_CONCURRENCY);
    expect(config.pipeline.translationScope).toBe('full');
    expect(config.cachePrefix).toBe('cache/');
  });

  it('is sized for a 2 MiB article in six languages', () => {
    const properties = functionProperties();

    expect(properties.MemorySize).toBe(1024);
    expect(properties.Timeout).toBe(420);
  });

  it('logs to its own log group with a retention', () => {
    const logGroup = logicalId(synthesized.template, 'AWS::Logs::LogGroup', 'PipelineFunctionLogGroup');

    expect(functionProperties().LoggingConfig).toEqual({ LogGroup: { Ref: logGroup } });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('gets exactly the environment the handler reads', () => {
    expect(functionProperties().Environment.Variables).toEqual({
      NODE_OPTIONS: '--enable-source-maps --max-old-space-size=768',
      SOURCE_LANGUAGE: 'en',
      TARGET_LANGUAGES: 'es,fr,de,ru,zh,ar',
      MAX_ARTICLE_BYTES: '2097152',
      ANALYSIS_BUDGET_MS: '120000',
      TRANSLATE_SETTINGS: '{}',
      TERMINOLOGIES: '{}',
      INCOMING_PREFIX: 'incoming/',
      PUBLISHED_PREFIX: 'published/',
      FAILED_PREFIX: 'failed/',
      CACHE_PREFIX: 'cache/',
      EDITS_PREFIX: 'edits/',
      TRANSLATE_CONCURRENCY: '50',
      TRANSLATION_SCOPE: 'full',
      PRICE_PER_MILLION_CHARACTERS: '15',
      DETECTION_PRICE_PER_MILLION_CHARACTERS: '1',
      PUBLIC_BASE_URL: '',
      MAX_CHARACTERS_PER_ARTICLE: '14000000',
      EVENT_BUS_NAME: 'default',
      MEMORY_KEY_SECRET: { Ref: ids.memoryKey },
      POWERTOOLS_SERVICE_NAME: 'polybrief',
      POWERTOOLS_METRICS_NAMESPACE: 'Polybrief',
      POWERTOOLS_LOG_LEVEL: 'INFO',
    });
  });
});

describe('ArticlePipeline permissions', () => {
  it('grants the function exactly these actions on these resources', () => {
    const bucket = `<${ids.bucket}.Arn>`;
    const granted = functionStatements().map((statement) => ({
      effect: statement.Effect,
      actions: asArray(statement.Action).sort(),
      resources: asArray(statement.Resource)
        .map((resource) => flattenCfn(resource as string))
        .sort(),
      condition: statement.Condition,
    }));

    expect(granted).toEqual([
      {
        effect: 'Allow',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`<${logicalId(template, 'AWS::Logs::LogGroup', 'PipelineFunctionLogGroup')}.Arn>`],
        condition: undefined,
      },
      {
        effect: 'Allow',
        actions: [
          'sqs:ChangeMessageVisibility',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
          'sqs:ReceiveMessage',
        ],
        resources: [`<${ids.queue}.Arn>`],
        condition: undefined,
      },
      {
        effect: 'Allow',
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [`${bucket}/edits/*`, `${bucket}/incoming/*`],
        condition: undefined,
      },
      {
        effect: 'Allow',
        actions: ['s3:GetObject'],
        resources: [`${bucket}/cache/*`, `${bucket}/failed/*`, `${bucket}/published/*`],
        condition: undefined,
      },
      {
        effect: 'Allow',
        actions: ['s3:PutObject'],
        resources: [`${bucket}/cache/*`, `${bucket}/failed/*`, `${bucket}/published/*`],
        condition: undefined,
      },
      {
        effect: 'Allow',
        actions: ['s3:ListBucket'],
        resources: [bucket],
        // Without a condition: a GET of a missing key carries no s3:prefix, so a condition could never match.
        condition: undefined,
      },
      { effect: 'Allow', actions: ['translate:TranslateText'], resources: ['*'], condition: undefined },
      {
        effect: 'Allow',
        actions: ['events:PutEvents'],
        resources: ['arn:<AWS::Partition>:events:<AWS::Region>:<AWS::AccountId>:event-bus/default'],
        condition: undefined,
      },
      {
        effect: 'Allow',
        actions: ['secretsmanager:GetSecretValue'],
        resources: [`<${ids.memoryKey}>`],
        condition: undefined,
      },
    ]);
  });

  it('lets the function put its completion events on the default event bus, the one it is configured with, and no other', () => {
    const eventStatements = functionStatements().filter((statement) =>
      asArray(statement.Action).some((action) => action.startsWith('events:')),
    );
    const busName = functionProperties().Environment.Variables.EVENT_BUS_NAME;

    expect(eventStatements).toHaveLength(1);
    expect(eventStatements[0]?.Sid).toBe('PutCompletionEvents');
    expect(asArray(eventStatements[0]?.Action)).toEqual(['events:PutEvents']);
    expect(asArray(eventStatements[0]?.Resource).map((resource) => flattenCfn(resource as string))).toEqual([
      `arn:<AWS::Partition>:events:<AWS::Region>:<AWS::AccountId>:event-bus/${busName}`,
    ]);
    expect(parseLambdaConfig(deployedEnvironment()).eventBusName).toBe('default');
  });

  it('uses no AWS managed policy for the function role', () => {
    expect(template.findResources('AWS::IAM::Role')[ids.role]?.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('grants no action with a wildcard anywhere in the stack', () => {
    const actions = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((policy) =>
      (policy.Properties.PolicyDocument.Statement as Statement[]).flatMap((statement) =>
        asArray(statement.Action),
      ),
    );

    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((action) => action.includes('*'))).toEqual([]);
  });
});

describe('ArticlePipeline outputs, written by the function only', () => {
  const bucketPolicy = () => {
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy')).filter(
      (policy) => policy.Properties.Bucket.Ref === ids.bucket,
    );
    expect(policies).toHaveLength(1);
    return policies[0]?.Properties.PolicyDocument.Statement as (Statement & { Principal: unknown })[];
  };

  it('denies every principal but the function role writes under published/, failed/ and cache/', () => {
    const guard = bucketPolicy().filter((statement) => statement.Sid === 'OnlyThePipelineWritesItsOutputs');

    expect(guard).toHaveLength(1);
    expect(guard[0]).toMatchObject({
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 's3:PutObject',
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': { 'Fn::GetAtt': [ids.role, 'Arn'] } } },
    });
    const bucket = `<${ids.bucket}.Arn>`;
    expect(
      asArray(guard[0]?.Resource)
        .map((resource) => flattenCfn(resource as string))
        .sort(),
    ).toEqual([`${bucket}/cache/*`, `${bucket}/failed/*`, `${bucket}/published/*`]);
  });

  it('leaves uploads (incoming/, and edits/ or any other prefix) and deletes as the bucket owner grants them', () => {
    // The TLS statements deny insecure requests everywhere; every other denial is about who may write.
    const denials = bucketPolicy().filter(
      (statement) =>
        statement.Effect === 'Deny' &&
        !/SecureTransport|TlsVersion/u.test(JSON.stringify(statement.Condition)),
    );
    const covered = denials.flatMap((statement) =>
      asArray(statement.Resource).map((resource) => flattenCfn(resource as string)),
    );
    const writes = denials.filter((statement) => asArray(statement.Action).includes('s3:PutObject'));

    expect(covered.some((resource) => /\/(?:incoming|edits)\//u.test(resource))).toBe(false);
    expect(writes.flatMap((statement) => asArray(statement.Action))).toEqual(['s3:PutObject']);
  });

  it('seals the translation memory with a generated secret only the function reads', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true, IncludeSpace: false },
    });
    expect(template.findResources('AWS::SecretsManager::Secret')[ids.memoryKey]).toMatchObject({
      DeletionPolicy: 'Retain',
    });
    const readers = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
      (policy.Properties.PolicyDocument.Statement as Statement[]).some((statement) =>
        asArray(statement.Action).some((action) => action.startsWith('secretsmanager:')),
      ),
    );
    expect(readers.map((policy) => policy.Properties.Roles)).toEqual([[{ Ref: ids.role }]]);
  });
});

describe('ArticlePipeline daily budget', () => {
  it('alarms to the alarm topic when the characters sent to Translate in 24 hours reach the budget', () => {
    const alarms = Object.values(
      template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'CharactersSent' } }),
    );
    const environment = functionProperties().Environment.Variables;

    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.Properties).toMatchObject({
      // What the function's metrics are published under (Powertools: the namespace, and `service` as dimension).
      Namespace: environment.POWERTOOLS_METRICS_NAMESPACE,
      MetricName: 'CharactersSent',
      Dimensions: [{ Name: 'service', Value: environment.POWERTOOLS_SERVICE_NAME }],
      Statistic: 'Sum',
      Period: 86_400,
      EvaluationPeriods: 1,
      Threshold: 20_000_000,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: ids.topic }],
    });
    expect(flattenCfn(alarms[0]?.Properties.AlarmDescription)).toMatch(
      new RegExp(
        `about USD 300\\.00\\) were sent to Amazon Translate in the last 24 hours[\\s\\S]*--function-name <${ids.fn}> `,
        'u',
      ),
    );
  });
});

describe('ArticlePipeline cdk-nag', () => {
  it('has no unacknowledged AwsSolutions finding', () => {
    const report = new AwsSolutionsChecks(synthesized.app).validateScope(synthesized.app);
    const findings = report.violations.map(
      (violation) => `${violation.ruleName} at ${violation.violatingResources.map((r) => r.constructPath)}`,
    );

    expect(findings).toEqual([]);
  });

  it('acknowledges only these findings, each with its own reason', () => {
    const all = acknowledgements(synthesized.app);
    const bucket = `<${ids.bucket}.Arn>`;
    const handler = synthesized.stack.node.children.find((child) =>
      child.node.id.startsWith('BucketNotificationsHandler'),
    );

    expect(all.map(({ path, id }) => `${path} ${id}`).sort()).toEqual(
      [
        'Polybrief/Pipeline/AccessLogsBucket Annotation::AwsSolutions-S1',
        ...['incoming', 'edits', 'published', 'failed', 'cache'].map(
          (prefix) =>
            `Polybrief/Pipeline/FunctionRole Annotation::AwsSolutions-IAM5[Resource::${bucket}/${prefix}/*]`,
        ),
        'Polybrief/Pipeline/FunctionRole Annotation::AwsSolutions-IAM5[Resource::*]',
        'Polybrief/Pipeline/MemoryKey Annotation::AwsSolutions-SMG4',
        `${handler?.node.path} Annotation::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]`,
      ].sort(),
    );
    for (const { id, reason } of all) {
      expect(reason.length, `reason for ${id}`).toBeGreaterThan(60);
    }
  });

  it('fails the synthesis on a finding nobody acknowledged', () => {
    const withUncheckedBucket = () =>
      synthesizePolybrief(undefined, { bundle: false }, (stack) => new Bucket(stack, 'UncheckedBucket'));

    expect(withUncheckedBucket).toThrow(/AwsSolutions-S10/);
  });
});
