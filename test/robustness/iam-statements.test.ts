import { CfnResource } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { asArray, flattenCfn, synthesizePolybrief } from '../infra/support.js';

/** One statement of any policy document in the template, in a form that reads like the policy. */
interface Grant {
  /** `<resource type> <logical id>` of the resource carrying the policy, and where in it. */
  readonly on: string;
  readonly effect: string;
  readonly principal?: string;
  readonly actions: readonly string[];
  readonly resources?: readonly string[];
  readonly condition?: string;
}

type Cfn = Parameters<typeof flattenCfn>[0];

/** Logical ids without CDK's hash suffix, so a grant reads `<PipelineBucket.Arn>`. */
const unhashed = (text: string) => text.replace(/\b([A-Za-z][A-Za-z0-9]*?)[0-9A-F]{8}\b/gu, '$1');
const flat = (value: unknown) => unhashed(flattenCfn(value as Cfn));

function principalOf(principal: unknown): string | undefined {
  if (principal === undefined) return undefined;
  if (typeof principal === 'string') return principal;
  return Object.entries(principal as Record<string, unknown>)
    .map(
      ([kind, value]) =>
        `${kind}:${asArray(value as Cfn)
          .map(flat)
          .sort()
          .join(',')}`,
    )
    .join(' ');
}

function conditionOf(condition: unknown): string | undefined {
  if (condition === undefined) return undefined;
  return unhashed(
    JSON.stringify(condition, (_key, value) =>
      value?.['Fn::GetAtt'] || value?.Ref || value?.['Fn::Join'] ? flat(value) : value,
    ),
  );
}

/**
 * Every statement of every policy document anywhere in the template (role policies, trust policies, bucket,
 * queue and topic policies, key policies...), found by walking each resource's properties, plus each
 * `AWS::Lambda::Permission` (a resource policy statement of its own) and each managed policy attached.
 */
function everyGrant(resources: Record<string, { Type: string; Properties?: unknown }>): Grant[] {
  const grants: Grant[] = [];
  const walk = (on: string, value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) walk(on, item, `${path}[${index}]`);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [name, child] of Object.entries(value as Record<string, unknown>)) {
      if (name === 'Statement' && Array.isArray(child)) {
        for (const statement of child as Record<string, unknown>[]) {
          const principal = principalOf(statement.Principal);
          const resource = statement.Resource ?? statement.NotResource;
          const condition = conditionOf(statement.Condition);
          grants.push({
            on: `${on}${path}`,
            effect: String(statement.Effect),
            ...(principal === undefined ? {} : { principal }),
            actions: asArray((statement.Action ?? statement.NotAction) as string | string[]).sort(),
            ...(resource === undefined
              ? {}
              : {
                  resources: asArray(resource as Cfn)
                    .map(flat)
                    .sort(),
                }),
            ...(condition === undefined ? {} : { condition }),
          });
        }
      } else walk(on, child, `${path}.${name}`);
    }
  };
  for (const [id, resource] of Object.entries(resources)) {
    const on = `${resource.Type} ${unhashed(id)}`;
    walk(on, resource.Properties, '');
    const properties = (resource.Properties ?? {}) as Record<string, unknown>;
    if (resource.Type === 'AWS::Lambda::Permission') {
      grants.push({
        on,
        effect: 'Allow',
        principal: flat(properties.Principal),
        actions: [String(properties.Action)],
        resources: [flat(properties.FunctionName)],
        ...(properties.SourceArn === undefined
          ? {}
          : { condition: `SourceArn ${flat(properties.SourceArn)}` }),
      });
    }
    for (const arn of asArray((properties.ManagedPolicyArns ?? []) as Cfn[]))
      grants.push({ on: `${on}.ManagedPolicyArns`, effect: 'Allow', actions: [flat(arn)] });
  }
  return grants;
}

const bucket = '<PipelineBucket.Arn>';
const logsBucket = '<PipelineAccessLogsBucket.Arn>';
const notificationsRole = 'BucketNotificationsHandler050a0587b7544547bf325f094a3db834Role';
const denyInsecure = (on: string, actions: string[], resources: string[], principal = 'AWS:*'): Grant => ({
  on,
  effect: 'Deny',
  principal,
  actions,
  resources,
  condition: '{"Bool":{"aws:SecureTransport":"false"}}',
});
const denyOldTls = (on: string, resources: string[]): Grant => ({
  on,
  effect: 'Deny',
  principal: 'AWS:*',
  actions: ['s3:*'],
  resources,
  condition: '{"NumericLessThan":{"s3:TlsVersion":1.2}}',
});
const functionPolicy = 'AWS::IAM::Policy PipelineFunctionRoleDefaultPolicy.PolicyDocument';

/** What `cdk deploy` with cdk.json's defaults grants, reviewed statement by statement. */
const expectedGrants: Grant[] = [
  // The access-log bucket: TLS 1.2 only, and S3 server access logging may write this bucket's logs, from it only.
  denyInsecure(
    'AWS::S3::BucketPolicy PipelineAccessLogsBucketPolicy.PolicyDocument',
    ['s3:*'],
    [logsBucket, `${logsBucket}/*`],
  ),
  denyOldTls('AWS::S3::BucketPolicy PipelineAccessLogsBucketPolicy.PolicyDocument', [
    logsBucket,
    `${logsBucket}/*`,
  ]),
  {
    on: 'AWS::S3::BucketPolicy PipelineAccessLogsBucketPolicy.PolicyDocument',
    effect: 'Allow',
    principal: 'Service:logging.s3.amazonaws.com',
    actions: ['s3:PutObject'],
    resources: [`${logsBucket}/articles/*`],
    condition: `{"ArnLike":{"aws:SourceArn":"${bucket}"},"StringEquals":{"aws:SourceAccount":"<AWS::AccountId>"}}`,
  },
  // The article bucket: TLS 1.2 only; nobody is granted anything by the bucket itself.
  denyInsecure(
    'AWS::S3::BucketPolicy PipelineBucketPolicy.PolicyDocument',
    ['s3:*'],
    [bucket, `${bucket}/*`],
  ),
  denyOldTls('AWS::S3::BucketPolicy PipelineBucketPolicy.PolicyDocument', [bucket, `${bucket}/*`]),
  // Only the function writes under its output prefixes; uploads elsewhere are the bucket owner's to grant.
  {
    on: 'AWS::S3::BucketPolicy PipelineBucketPolicy.PolicyDocument',
    effect: 'Deny',
    principal: 'AWS:*',
    actions: ['s3:PutObject'],
    resources: [`${bucket}/cache/*`, `${bucket}/failed/*`, `${bucket}/published/*`],
    condition: '{"ArnNotEquals":{"aws:PrincipalArn":"<PipelineFunctionRole.Arn>"}}',
  },
  // CDK's handler that sets the bucket notification up at deploy time.
  {
    on: 'AWS::IAM::Policy PipelineBucketNotificationsHandlerPolicy.PolicyDocument',
    effect: 'Allow',
    actions: ['s3:PutBucketNotification'],
    resources: [bucket],
  },
  // The queues: TLS only; S3 may send this bucket's notifications to the queue.
  denyInsecure(
    'AWS::SQS::QueuePolicy PipelineDeadLetterQueuePolicy.PolicyDocument',
    ['sqs:*'],
    ['<PipelineDeadLetterQueue.Arn>'],
  ),
  denyInsecure(
    'AWS::SQS::QueuePolicy PipelineQueuePolicy.PolicyDocument',
    ['sqs:*'],
    ['<PipelineQueue.Arn>'],
  ),
  {
    on: 'AWS::SQS::QueuePolicy PipelineQueuePolicy.PolicyDocument',
    effect: 'Allow',
    principal: 'Service:s3.amazonaws.com',
    actions: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
    resources: ['<PipelineQueue.Arn>'],
    condition: `{"ArnLike":{"aws:SourceArn":"${bucket}"},"StringEquals":{"aws:SourceAccount":"<AWS::AccountId>"}}`,
  },
  // The function: its logs, its queue, its prefixes of the bucket, TranslateText, its completion events.
  {
    on: 'AWS::IAM::Role PipelineFunctionRole.AssumeRolePolicyDocument',
    effect: 'Allow',
    principal: 'Service:lambda.amazonaws.com',
    actions: ['sts:AssumeRole'],
  },
  {
    on: functionPolicy,
    effect: 'Allow',
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    resources: ['<PipelineFunctionLogGroup.Arn>'],
  },
  {
    on: functionPolicy,
    effect: 'Allow',
    actions: [
      'sqs:ChangeMessageVisibility',
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:ReceiveMessage',
    ],
    resources: ['<PipelineQueue.Arn>'],
  },
  {
    on: functionPolicy,
    effect: 'Allow',
    actions: ['s3:GetObject', 's3:GetObjectVersion'],
    resources: [`${bucket}/edits/*`, `${bucket}/incoming/*`],
  },
  {
    on: functionPolicy,
    effect: 'Allow',
    actions: ['s3:GetObject'],
    resources: [`${bucket}/cache/*`, `${bucket}/failed/*`, `${bucket}/published/*`],
  },
  {
    on: functionPolicy,
    effect: 'Allow',
    actions: ['s3:PutObject'],
    resources: [`${bucket}/cache/*`, `${bucket}/failed/*`, `${bucket}/published/*`],
  },
  {
    on: functionPolicy,
    effect: 'Allow',
    // A GET carries no s3:prefix, so a prefix condition would leave every missing key a 403 (AccessDenied).
    actions: ['s3:ListBucket'],
    resources: [bucket],
  },
  // TranslateText takes no resource-level permission (a terminology is named per request).
  { on: functionPolicy, effect: 'Allow', actions: ['translate:TranslateText'], resources: ['*'] },
  {
    on: functionPolicy,
    effect: 'Allow',
    actions: ['events:PutEvents'],
    resources: ['arn:<AWS::Partition>:events:<AWS::Region>:<AWS::AccountId>:event-bus/default'],
  },
  // The key that seals the translation memory, read once per container.
  {
    on: functionPolicy,
    effect: 'Allow',
    actions: ['secretsmanager:GetSecretValue'],
    resources: ['<PipelineMemoryKey>'],
  },
  // The alarm topic: TLS only.
  denyInsecure(
    'AWS::SNS::TopicPolicy PipelineAlarmTopicPolicy.PolicyDocument',
    ['sns:Publish'],
    ['<PipelineAlarmTopic>'],
    '*',
  ),
  // CDK's notification handler runs as a Lambda function with the basic execution role (its own logs).
  {
    on: `AWS::IAM::Role ${notificationsRole}.AssumeRolePolicyDocument`,
    effect: 'Allow',
    principal: 'Service:lambda.amazonaws.com',
    actions: ['sts:AssumeRole'],
  },
  {
    on: `AWS::IAM::Role ${notificationsRole}.ManagedPolicyArns`,
    effect: 'Allow',
    actions: ['arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
  },
];

const key = (grant: Grant) => JSON.stringify(grant);

describe('IAM in the synthesized template', () => {
  let grants: Grant[];
  beforeAll(() => {
    const { template } = synthesizePolybrief(undefined, { bundle: false });
    grants = everyGrant(template.toJSON().Resources);
  });

  it('has exactly the expected statements, each on its expected actions and resources, and no other', () => {
    expect(grants.map(key).sort()).toEqual(expectedGrants.map(key).sort());
  });

  it('adds only the language detection and terminology reads the options ask for', () => {
    const { template } = synthesizePolybrief(
      { languages: ['de', 'es'], sourceLanguage: 'auto', terminologies: { '*': 'newsroom-names' } },
      { bundle: false },
    );
    const added = everyGrant(template.toJSON().Resources).filter(
      (grant) => !expectedGrants.map(key).includes(key(grant)),
    );

    // In the order the grants are made: the terminology, then language detection.
    expect(added).toEqual([
      {
        on: functionPolicy,
        effect: 'Allow',
        actions: ['translate:GetTerminology'],
        resources: [
          'arn:<AWS::Partition>:translate:<AWS::Region>:<AWS::AccountId>:terminology/newsroom-names',
        ],
      },
      {
        on: functionPolicy,
        effect: 'Allow',
        actions: ['comprehend:DetectDominantLanguage'],
        resources: ['*'],
      },
    ]);
  });

  it('finds a statement wherever it is in the template, so none can slip past the list', () => {
    // A resource type this test knows nothing about, with a policy document in a property of its own.
    const { template } = synthesizePolybrief(undefined, { bundle: false }, (stack) => {
      new CfnResource(stack, 'Extra', {
        type: 'AWS::ECR::Repository',
        properties: {
          RepositoryPolicyText: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage'] }],
          },
        },
      });
    });
    const extra = everyGrant(template.toJSON().Resources).filter(
      (grant) => !expectedGrants.map(key).includes(key(grant)),
    );

    expect(extra).toEqual([
      {
        on: 'AWS::ECR::Repository Extra.RepositoryPolicyText',
        effect: 'Allow',
        principal: '*',
        actions: ['ecr:BatchGetImage'],
      },
    ]);
  });
});
