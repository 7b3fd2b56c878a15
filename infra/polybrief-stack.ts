import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ArticlePipeline, type ArticlePipelineProps } from './article-pipeline.js';

export interface PolybriefStackProps extends StackProps {
  readonly pipeline?: ArticlePipelineProps;
}

/** The deployable app: one {@link ArticlePipeline} and the outputs needed to use and operate it. */
export class PolybriefStack extends Stack {
  readonly pipeline: ArticlePipeline;

  constructor(scope: Construct, id: string, props: PolybriefStackProps = {}) {
    super(scope, id, {
      description: 'polybrief: articles dropped in S3 come back as key facts and translations',
      ...props,
    });
    const pipeline = new ArticlePipeline(this, 'Pipeline', props.pipeline);
    this.pipeline = pipeline;

    new CfnOutput(this, 'BucketName', {
      description: `Upload articles under s3://<bucket>/${pipeline.settings.prefixes.incoming}`,
      value: pipeline.bucket.bucketName,
    });
    if (pipeline.accessLogsBucket) {
      new CfnOutput(this, 'AccessLogsBucketName', { value: pipeline.accessLogsBucket.bucketName });
    }
    new CfnOutput(this, 'FunctionName', { value: pipeline.lambdaFunction.functionName });
    new CfnOutput(this, 'LogGroupName', { value: pipeline.lambdaFunction.logGroup.logGroupName });
    new CfnOutput(this, 'QueueUrl', { value: pipeline.queue.queueUrl });
    new CfnOutput(this, 'DeadLetterQueueArn', {
      description: 'Redrive with: aws sqs start-message-move-task --source-arn <this ARN>',
      value: pipeline.deadLetterQueue.queueArn,
    });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: pipeline.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'AlarmTopicArn', { value: pipeline.alarmTopic.topicArn });
    new CfnOutput(this, 'MemoryKeySecretArn', {
      description: 'The key sealing the translation memory; deleting it forgets the memory',
      value: pipeline.memoryKeySecret.secretArn,
    });
  }
}
