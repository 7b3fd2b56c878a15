import { Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Bucket, BucketEncryption, type IBucket } from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { InvalidOptionsError } from '../../functions/shared/options/problems.js';
import { ArticlePipeline, type ArticlePipelineProps } from '../../infra/article-pipeline.js';
import { asArray, flattenCfn, logicalId, synthesize, synthesizePolybrief } from './support.js';

// These syntheses skip esbuild (article-pipeline.test.ts bundles the handler); they still run cdk-nag.

interface Statement {
  Sid?: string;
  Action: string | string[];
  Resource: unknown;
}

function statementsOf(template: Template, roleId: string): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => policy.Properties.Roles.some((role: { Ref?: string }) => role.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

function grantsBySid(template: Template): Record<string, { actions: string[]; resources: string[] }> {
  const role = logicalId(template, 'AWS::IAM::Role', 'PipelineFunctionRole');
  return Object.fromEntries(
    statementsOf(template, role)
      .filter((statement) => statement.Sid !== undefined)
      .map((statement) => [
        statement.Sid,
        {
          actions: asArray(statement.Action).sort(),
          resources: asArray(statement.Resource)
            .map((resource) => flattenCfn(resource as string))
            .sort(),
        },
      ]),
  );
}

function environmentOf(template: Template): Record<string, string> {
  const fn = logicalId(template, 'AWS::Lambda::Function', 'PipelineFunction');
  return template.findResources('AWS::Lambda::Function')[fn]?.Properties.Environment.Variables;
}

function lifecycleRulesOf(template: Template): { Id: string; [property: string]: unknown }[] {
  const bucket = logicalId(template, 'AWS::S3::Bucket', 'PipelineBucket');
  return template.findResources('AWS::S3::Bucket')[bucket]?.Properties.LifecycleConfiguration.Rules;
}

describe('ArticlePipeline with every option of the app set', () => {
  let template: Template;

  beforeAll(() => {
    template = synthesizePolybrief(
      {
        languages: ['de', 'es', 'zh-TW'],
        sourceLanguage: 'auto',
        translationSettings: { de: { formality: 'FORMAL' }, es: { profanity: 'MASK' } },
        terminologies: { de: 'newsroom-de', es: 'newsroom-es', 'zh-TW': 'newsroom-es' },
        maxArticleBytes: 524_288,
        reservedConcurrency: 10,
        alarmEmail: 'desk@example.org',
        translationScope: 'brief',
        translateConcurrency: 20,
        pricePerMillionCharacters: 12.5,
        cacheExpirationDays: 90,
        prefixes: { cache: 'memory/' },
      },
      { bundle: false },
    ).template;
  });

  it('lets the function detect the source language, and only then', () => {
    expect(grantsBySid(template).DetectSourceLanguage).toEqual({
      actions: ['comprehend:DetectDominantLanguage'],
      resources: ['*'],
    });
  });

  it('lets the function read each named terminology once, and no other', () => {
    expect(grantsBySid(template).ReadTerminologies).toEqual({
      actions: ['translate:GetTerminology'],
      resources: ['newsroom-de', 'newsroom-es'].map(
        (name) => `arn:<AWS::Partition>:translate:<AWS::Region>:<AWS::AccountId>:terminology/${name}`,
      ),
    });
  });

  it('passes the translation settings to the function', () => {
    expect(environmentOf(template)).toMatchObject({
      SOURCE_LANGUAGE: 'auto',
      TARGET_LANGUAGES: 'de,es,zh-TW',
      MAX_ARTICLE_BYTES: '524288',
      TRANSLATION_SCOPE: 'brief',
      TRANSLATE_CONCURRENCY: '20',
      PRICE_PER_MILLION_CHARACTERS: '12.5',
      CACHE_PREFIX: 'memory/',
    });
    // One terminology per target language: the function sends each request its own language's.
    expect(JSON.parse(environmentOf(template).TERMINOLOGIES as string)).toEqual({
      de: 'newsroom-de',
      es: 'newsroom-es',
      'zh-TW': 'newsroom-es',
    });
    expect(JSON.parse(environmentOf(template).TRANSLATE_SETTINGS as string)).toEqual({
      de: { formality: 'FORMAL' },
      es: { profanity: 'MASK' },
    });
  });

  it('reserves the concurrency and subscribes the email to the alarm topic', () => {
    template.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 10 });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'desk@example.org',
      TopicArn: { Ref: logicalId(template, 'AWS::SNS::Topic', 'PipelineAlarmTopic') },
    });
  });

  it('expires the translation memory under its own prefix after the days given', () => {
    expect(lifecycleRulesOf(template).find((rule) => rule.Id === 'expire-translation-memory')).toEqual({
      Id: 'expire-translation-memory',
      Status: 'Enabled',
      Prefix: 'memory/',
      ExpirationInDays: 90,
      NoncurrentVersionExpiration: { NoncurrentDays: 1 },
    });
  });

  it('sizes the function for the smaller article, in full scope', () => {
    // 3 languages × ceil(524288 / 5000) = 315 requests, min(20, 3 × 10) = 20 at a time: 16 s; memory:
    // 41782 requests, 32 at a time: 27 s; 30 + 120 (analysis budget) + 16 + 27 s, rounded up to a minute.
    template.hasResourceProperties('AWS::Lambda::Function', { MemorySize: 1024, Timeout: 240 });
    template.hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: 1440 });
  });
});

describe('ArticlePipeline defaults', () => {
  it('does not let the function call Comprehend or read terminologies unless asked', () => {
    const { template } = synthesizePolybrief({ sourceLanguage: 'fr' }, { bundle: false });

    expect(Object.keys(grantsBySid(template)).sort()).toEqual([
      'NotFoundForMissingKeys',
      'PutCompletionEvents',
      'ReadIncomingArticles',
      'ReadMemoryKey',
      'ReadOwnOutputs',
      'TranslateText',
      'WriteOutputs',
    ]);
    template.resourcePropertiesCountIs(
      'AWS::Lambda::Function',
      { ReservedConcurrentExecutions: Match.anyValue() },
      0,
    );
  });

  it('keeps the translation memory forever when cacheExpirationDays is 0 or null', () => {
    for (const cacheExpirationDays of [0, null]) {
      const { template } = synthesizePolybrief({ cacheExpirationDays }, { bundle: false });

      expect(lifecycleRulesOf(template).map((rule) => rule.Id)).toEqual(['expire-old-versions']);
    }
  });

  it('refuses a cache expiry that is not a whole number of days', () => {
    for (const cacheExpirationDays of [-1, 0.5]) {
      const attempt = () => synthesizePolybrief({ cacheExpirationDays }, { bundle: false });

      expect(attempt).toThrow(InvalidOptionsError);
      expect(attempt).toThrow(`Invalid cacheExpirationDays: expected a whole number of days`);
    }
  });

  it('acknowledges S1 on the bucket itself when server access logs are turned off', () => {
    const { template, app } = synthesizePolybrief({ serverAccessLogs: false }, { bundle: false });
    const bucket = app.node
      .findAll()
      .find((construct) => construct.node.path === 'Polybrief/Pipeline/Bucket');

    template.resourceCountIs('AWS::S3::Bucket', 1);
    expect(
      bucket?.node.metadata.some(
        (entry) =>
          entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY &&
          Object.keys(entry.data as object).includes('Annotation::AwsSolutions-S1'),
      ),
    ).toBe(true);
  });
});

/** The pipeline in a stack of its own around an existing bucket, `newsroom-articles`, into Spanish. */
function withNewsroomBucket(props: ArticlePipelineProps = {}) {
  return synthesize(
    (app) => {
      const stack = new Stack(app, 'Newsroom');
      new ArticlePipeline(stack, 'Pipeline', {
        bucket: Bucket.fromBucketName(stack, 'Articles', 'newsroom-articles'),
        languages: ['es'],
        ...props,
      });
      return stack;
    },
    { bundle: false },
  );
}

describe('ArticlePipeline spend settings', () => {
  const budgetAlarms = (template: Template) =>
    Object.values(
      template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'CharactersSent' } }),
    );

  it('sets the daily budget alarm at dailyCharacterBudget, and leaves it out at 0 or null', () => {
    const { template } = synthesizePolybrief(
      { dailyCharacterBudget: 1_000_000, pricePerMillionCharacters: 20 },
      { bundle: false },
    );
    expect(budgetAlarms(template).map((alarm) => alarm.Properties.Threshold)).toEqual([1_000_000]);
    expect(flattenCfn(budgetAlarms(template)[0]?.Properties.AlarmDescription)).toContain('(about USD 20.00)');

    for (const dailyCharacterBudget of [0, null]) {
      expect(budgetAlarms(synthesizePolybrief({ dailyCharacterBudget }, { bundle: false }).template)).toEqual(
        [],
      );
    }
  });

  it('gives the function its per-article budget', () => {
    const { template } = synthesizePolybrief({ maxCharactersPerArticle: 250_000 }, { bundle: false });

    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ MAX_CHARACTERS_PER_ARTICLE: '250000' }) },
    });
  });
});

describe('ArticlePipeline in a stack of your own', () => {
  it('uses an existing bucket by name, creating no bucket and granting only its prefixes', () => {
    const { template, stack } = withNewsroomBucket();

    template.resourceCountIs('AWS::S3::Bucket', 0);
    // Its policy is not the stack's: the one warning says what to add to it.
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([
      expect.objectContaining({
        id: '/Newsroom/Pipeline',
        entry: expect.objectContaining({
          data: expect.stringMatching(
            /^The bucket newsroom-articles is not managed by this stack[\s\S]*denies s3:PutObject on published\/\*, failed\/\*, cache\/\*/u,
          ),
        }),
      }),
    ]);
    template.resourceCountIs('AWS::S3::BucketPolicy', 0);
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: 'newsroom-articles',
      Managed: false,
      NotificationConfiguration: {
        QueueConfigurations: [
          Match.objectLike({ Events: ['s3:ObjectCreated:*'] }),
          Match.objectLike({ Events: ['s3:ObjectCreated:*'] }),
        ],
      },
    });
    expect(grantsBySid(template).WriteOutputs?.resources).toEqual([
      'arn:<AWS::Partition>:s3:::newsroom-articles/cache/*',
      'arn:<AWS::Partition>:s3:::newsroom-articles/failed/*',
      'arn:<AWS::Partition>:s3:::newsroom-articles/published/*',
    ]);
  });

  it('leaves the lifecycle of your bucket alone, warning that cacheExpirationDays does not apply to it', () => {
    // CDK prints the validation report, warnings included, with console.error; the assertions below read it.
    const report = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    onTestFinished(() => report.mockRestore());
    const { template, stack } = withNewsroomBucket({ cacheExpirationDays: 30 });

    template.resourceCountIs('AWS::S3::Bucket', 0);
    Annotations.fromStack(stack).hasWarning(
      '/Newsroom/Pipeline',
      Match.stringLikeRegexp('cacheExpirationDays applies only to a bucket the pipeline creates.*"cache/"'),
    );
  });

  it('decrypts and encrypts with the key of a KMS-encrypted bucket, with named actions only', () => {
    const { template } = synthesize(
      (app) => {
        const stack = new Stack(app, 'Newsroom');
        const key = new Key(stack, 'ArticlesKey', { enableKeyRotation: true });
        const bucket = new Bucket(stack, 'Articles', {
          encryption: BucketEncryption.KMS,
          encryptionKey: key,
          enforceSSL: true,
        });
        Validations.of(bucket).acknowledge({
          id: 'AwsSolutions-S1',
          reason:
            'A test fixture standing in for a newsroom bucket; its access logging is the owner’s choice.',
        });
        new ArticlePipeline(stack, 'Pipeline', {
          // aws-cdk-lib's classes fail their own interfaces under exactOptionalPropertyTypes.
          bucket: bucket as IBucket,
          languages: ['es'],
          prefixes: { incoming: 'inbox/' },
        });
        return stack;
      },
      { bundle: false },
    );
    const role = logicalId(template, 'AWS::IAM::Role', 'PipelineFunctionRole');
    const key = logicalId(template, 'AWS::KMS::Key', 'ArticlesKey');
    const kms = statementsOf(template, role).filter((statement) =>
      asArray(statement.Action).some((action) => action.startsWith('kms:')),
    );

    expect(
      kms.map((statement) => [asArray(statement.Action).sort(), flattenCfn(statement.Resource as string)]),
    ).toEqual([[['kms:Decrypt', 'kms:GenerateDataKey'], `<${key}.Arn>`]]);
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        QueueConfigurations: [
          Match.objectLike({ Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'inbox/' }] } } }),
          Match.objectLike({ Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'edits/' }] } } }),
        ],
      },
    });
  });
});
