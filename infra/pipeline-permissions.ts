import { ArnFormat, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import { terminologyNames } from '../functions/shared/options/translate-values.js';
import { DEFAULT_EVENT_BUS } from './pipeline-environment.js';
import { outputPrefixes } from './pipeline-prefixes.js';
import { type DeploymentSettings, detectsSourceLanguage } from './pipeline-settings.js';

/** One statement of the function's policy, with a sentence saying why it is needed (cdk-nag acknowledgements quote it). */
export interface PipelineGrant {
  readonly statement: PolicyStatement;
  readonly reason: string;
}

/**
 * Everything the pipeline function may do, and nothing with a `*` action. Object grants are scoped to the
 * prefixes; Translate and Comprehend actions take `*` as resource because those actions have no resource types
 * (Service Authorization Reference), while terminologies are named by ARN; completion events go to the account's
 * default event bus, named by ARN. Add a grant here to give the function a new permission.
 */
export function pipelineGrants(
  scope: IConstruct,
  bucket: IBucket,
  settings: DeploymentSettings,
): PipelineGrant[] {
  const { incoming, edits } = settings.prefixes;
  const outputs = outputPrefixes(settings.prefixes);
  const objectsUnder = (prefixes: readonly string[]) =>
    prefixes.map((prefix) => bucket.arnForObjects(`${prefix}*`));

  const grants: PipelineGrant[] = [
    {
      reason: `Reads the exact version of each article uploaded under ${incoming}, and of each editor's correction under ${edits}, that the S3 event names.`,
      statement: new PolicyStatement({
        sid: 'ReadIncomingArticles',
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: objectsUnder([incoming, edits]),
      }),
    },
    {
      reason: `Reads back its own outputs under ${outputs.join(', ')}: the previous manifest (idempotency), failure records and the translation memory.`,
      statement: new PolicyStatement({
        sid: 'ReadOwnOutputs',
        actions: ['s3:GetObject'],
        resources: objectsUnder(outputs),
      }),
    },
    {
      reason: `Writes translations, manifests, failure records and translation memory under ${outputs.join(', ')} only, never under ${incoming} or ${edits}.`,
      statement: new PolicyStatement({
        sid: 'WriteOutputs',
        actions: ['s3:PutObject'],
        resources: objectsUnder(outputs),
      }),
    },
    {
      // Without s3:ListBucket S3 answers 403 (AccessDenied) instead of 404 for a missing key. A GET carries no
      // s3:prefix, so the grant cannot be narrowed by a prefix condition: it would never match. On the bucket
      // only, it reveals key names of the pipeline's own bucket and nothing else.
      reason:
        "Lets S3 answer 404 rather than 403 for a missing key (the first manifest of an article, every translation memory miss); it lists key names of the pipeline's own bucket only.",
      statement: new PolicyStatement({
        sid: 'NotFoundForMissingKeys',
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
      }),
    },
    {
      reason:
        'Calls translate:TranslateText, an action with no resource types: IAM only accepts "*" as its resource.',
      statement: new PolicyStatement({
        sid: 'TranslateText',
        actions: ['translate:TranslateText'],
        resources: ['*'],
      }),
    },
    {
      reason: `Sends its completion events (ArticlePublished, ArticleFailed) to the default event bus (${DEFAULT_EVENT_BUS}), and no other.`,
      statement: new PolicyStatement({
        sid: 'PutCompletionEvents',
        actions: ['events:PutEvents'],
        resources: [
          Stack.of(scope).formatArn({
            service: 'events',
            resource: 'event-bus',
            resourceName: DEFAULT_EVENT_BUS,
            arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
          }),
        ],
      }),
    },
  ];

  const terminologies = terminologyNames(settings.terminologies);
  if (terminologies.length > 0) {
    const stack = Stack.of(scope);
    grants.push({
      reason: 'Reads the custom terminologies named in the configuration, by ARN.',
      statement: new PolicyStatement({
        sid: 'ReadTerminologies',
        actions: ['translate:GetTerminology'],
        resources: terminologies.map((name) =>
          stack.formatArn({
            service: 'translate',
            resource: 'terminology',
            resourceName: name,
            arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
          }),
        ),
      }),
    });
  }

  if (detectsSourceLanguage(settings)) {
    grants.push({
      reason:
        'sourceLanguage is auto, so the function detects each article\'s language with comprehend:DetectDominantLanguage; the action has no resource types, so IAM only accepts "*".',
      statement: new PolicyStatement({
        sid: 'DetectSourceLanguage',
        actions: ['comprehend:DetectDominantLanguage'],
        resources: ['*'],
      }),
    });
  }

  return grants;
}
