import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { PipelineGrant } from './pipeline-permissions.js';

/**
 * cdk-nag acknowledgements go through CDK's own `Validations.of(...).acknowledge`, so the construct does not
 * depend on cdk-nag. Each is narrow: one rule (or one finding of it) on one construct, with its reason.
 */

type CfnValue = string | { [key: string]: unknown } | unknown[];

/** Flattens a resolved ARN the way cdk-nag names findings: `Fn::GetAtt` → `<Id.Attr>`, `Ref` → `<Id>`. */
function flatten(value: CfnValue): string {
  if (typeof value === 'string') {
    return value.replace(/\$\{/g, '<').replace(/\}/g, '>');
  }
  if (Array.isArray(value)) {
    return JSON.stringify(value);
  }
  const join = value['Fn::Join'] as [string, CfnValue[]] | undefined;
  if (join) {
    return join[1].map(flatten).join(join[0]);
  }
  const getAtt = value['Fn::GetAtt'] as [CfnValue, CfnValue] | undefined;
  if (getAtt) {
    return `<${flatten(getAtt[0])}.${flatten(getAtt[1])}>`;
  }
  if ('Ref' in value) {
    return `<${flatten(value.Ref as CfnValue)}>`;
  }
  if ('Fn::Sub' in value) {
    return flatten(value['Fn::Sub'] as CfnValue);
  }
  return JSON.stringify(value);
}

/**
 * Acknowledges AwsSolutions-IAM5 once for each wildcard resource of `grants` (the `prefix/*` object ARNs, and
 * `*` for actions without resource types), quoting the reasons of every grant that uses it. Actions are never
 * wildcards, so there is nothing else to acknowledge.
 */
export function acknowledgeWildcardResources(scope: IConstruct, grants: readonly PipelineGrant[]): void {
  const stack = Stack.of(scope);
  const reasonsByFinding = new Map<string, string[]>();
  for (const { statement, reason } of grants) {
    for (const resource of statement.resources) {
      const finding = flatten(stack.resolve(resource) as CfnValue);
      if (finding.includes('*')) {
        reasonsByFinding.set(finding, [...(reasonsByFinding.get(finding) ?? []), reason]);
      }
    }
  }
  for (const [finding, reasons] of reasonsByFinding) {
    Validations.of(scope).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${finding}]`,
      reason: `The wildcard is as narrow as the grant allows. ${reasons.join(' ')}`,
    });
  }
}

/**
 * The singleton function CDK adds to a stack to write bucket notification configurations at deploy time comes
 * with the AWS managed basic execution role. (CDK scopes its s3:PutBucketNotification to the bucket ARN.)
 */
export function acknowledgeBucketNotificationsHandler(scope: IConstruct): void {
  const stack = Stack.of(scope);
  for (const child of stack.node.children) {
    if (child.node.id.startsWith('BucketNotificationsHandler')) {
      Validations.of(child).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          "CDK's own BucketNotificationsHandler, which writes the bucket's notification configuration during " +
          'deployment, comes with the AWS managed basic execution role (CloudWatch Logs only); CDK offers no way ' +
          'to replace its role.',
      });
    }
  }
}
