import { Annotations } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';

/**
 * Only the pipeline writes its outputs. A bucket policy statement denies `s3:PutObject` (which also covers copies,
 * form uploads and multipart uploads) under the output prefixes to every principal but the function's role, so
 * someone allowed to upload articles cannot publish a page, a manifest, a failed record or a translation memory
 * entry of their own. Uploads (the incoming prefix, and any other prefix) are left as the bucket's owner grants
 * them, and deleting stays allowed (to forget translations, or to empty the bucket before removing it).
 *
 * CDK's own deployment helpers write no objects (the notifications handler only sets the bucket's notification
 * configuration), so they need no exception. A bucket imported by name or ARN has no policy the stack can add
 * to: a synth warning then says what to add by hand.
 */
export function guardOutputPrefixes(
  scope: IConstruct,
  bucket: IBucket,
  writer: IRole,
  prefixes: readonly string[],
): PolicyStatement {
  const statement = new PolicyStatement({
    sid: 'OnlyThePipelineWritesItsOutputs',
    effect: Effect.DENY,
    principals: [new AnyPrincipal()],
    actions: ['s3:PutObject'],
    resources: prefixes.map((prefix) => bucket.arnForObjects(`${prefix}*`)),
    conditions: { ArnNotEquals: { 'aws:PrincipalArn': writer.roleArn } },
  });
  if (!bucket.addToResourcePolicy(statement).statementAdded) {
    Annotations.of(scope).addWarningV2(
      'polybrief:outputs-not-guarded',
      `The bucket ${bucket.bucketName} is not managed by this stack, so anyone allowed to write to it can also write ` +
        `under ${prefixes.join(', ')}, where the pipeline publishes. Add a statement to its bucket policy that denies ` +
        `s3:PutObject on ${prefixes.map((prefix) => `${prefix}*`).join(', ')} to every principal whose ` +
        `aws:PrincipalArn is not the function's role (ArnNotEquals), as the pipeline does for a bucket it creates.`,
    );
  }
  return statement;
}
