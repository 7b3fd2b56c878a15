import type { RemovalPolicy } from 'aws-cdk-lib';
import { Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { PipelineGrant } from './pipeline-permissions.js';

/**
 * The key the translation memory's entries are sealed with (an HMAC): a random secret CloudFormation generates,
 * which the function reads once per container. Anyone who can write to the bucket can write an object under the
 * memory's prefix, but not one the function will take for a translation. Not rotated: a new key makes every
 * entry unreadable, so every sentence would be paid for again.
 */
export function createMemoryKeySecret(
  scope: Construct,
  id: string,
  removalPolicy: RemovalPolicy,
): { readonly secret: Secret; readonly grant: PipelineGrant } {
  const secret = new Secret(scope, id, {
    description:
      'polybrief: the key that seals the translation memory entries (rotating it forgets the memory)',
    generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
    removalPolicy,
  });
  Validations.of(secret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'The translation memory key is not rotated on purpose: entries sealed with the old key would no longer be ' +
      'read, and every sentence would be translated (and paid for) again.',
  });
  const grant: PipelineGrant = {
    reason: 'Reads the key that seals the translation memory entries, once per container.',
    statement: new PolicyStatement({
      sid: 'ReadMemoryKey',
      actions: ['secretsmanager:GetSecretValue'],
      resources: [secret.secretArn],
    }),
  };
  return { secret, grant };
}
