import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  type BucketNotificationDestinationConfig,
  BucketNotificationDestinationType,
  type IBucket,
  type IBucketNotificationDestination,
} from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * Like CDK's `SqsDestination`, but the queue policy also pins `aws:SourceAccount`, as AWS recommends against the
 * confused-deputy problem: S3 may send to the queue only for this bucket, and only in this account (a bucket name
 * alone could be re-created elsewhere once deleted).
 */
export class AccountScopedQueueDestination implements IBucketNotificationDestination {
  constructor(private readonly queue: IQueue) {}

  bind(_scope: Construct, bucket: IBucket): BucketNotificationDestinationConfig {
    const { policyDependable } = this.queue.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('s3.amazonaws.com')],
        actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
        resources: [this.queue.queueArn],
        conditions: {
          ArnLike: { 'aws:SourceArn': bucket.bucketArn },
          StringEquals: { 'aws:SourceAccount': Stack.of(bucket).account },
        },
      }),
    );
    return {
      arn: this.queue.queueArn,
      type: BucketNotificationDestinationType.QUEUE,
      dependencies: policyDependable ? [policyDependable] : [],
    };
  }
}
