import { Annotations, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Stats, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  EventType,
  type IBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import type { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { OPTIONS } from '../functions/shared/options/table.js';
import { AccountScopedQueueDestination } from './account-scoped-queue-destination.js';
import { heapForMemory } from './function-sizing.js';
import { createMemoryKeySecret } from './memory-key-secret.js';
import {
  acknowledgeBucketNotificationsHandler,
  acknowledgeWildcardResources,
} from './nag-acknowledgements.js';
import { guardOutputPrefixes } from './output-write-guard.js';
import { pipelineEnvironment } from './pipeline-environment.js';
import { PipelineFunction } from './pipeline-function.js';
import { type PipelineGrant, pipelineGrants } from './pipeline-permissions.js';
import { outputPrefixes } from './pipeline-prefixes.js';
import {
  type DeploymentSettings,
  type PipelineOptions,
  resolveDeploymentSettings,
} from './pipeline-settings.js';
import { createSpendAlarm } from './spend-alarm.js';

/** Days a translation memory entry is kept in a bucket the pipeline creates, counted from when it was written. */
export const DEFAULT_CACHE_EXPIRATION_DAYS = OPTIONS.cacheExpirationDays.default;
/** Replaced memory entries are never read again (only the current version is), so they go after a day. */
export const CACHE_NONCURRENT_VERSION_EXPIRATION = Duration.days(1);

/**
 * aws-cdk-lib's classes declare optional members as `T | undefined`, which exactOptionalPropertyTypes rejects
 * against the library's own interfaces; a `Bucket` is an `IBucket`.
 */
function asIBucket(bucket: Bucket): IBucket {
  return bucket as IBucket;
}

export interface ArticlePipelineProps extends PipelineOptions {
  /**
   * The bucket articles are uploaded to and published in. The pipeline adds an `s3:ObjectCreated:*`
   * notification for the incoming prefix and grants the function access to its prefixes; the bucket's own
   * settings (encryption, versioning, lifecycle, logging) stay yours: the pipeline adds no lifecycle rule to it,
   * so expire the translation memory (the cache prefix) yourself if you want it bounded.
   * @default - a new bucket: private, SSL only, S3-managed encryption, versioned, old versions and the
   * translation memory expiring
   */
  readonly bucket?: IBucket;
  /**
   * Override the memory the sizing formula gives (see `function-sizing.ts`), in MiB.
   * @default - sized from maxArticleBytes and the number of languages
   */
  readonly memorySize?: number;
  /**
   * Override the timeout the sizing formula gives. The queue visibility timeout is six times it.
   * @default - sized from maxArticleBytes, the number of languages and batchSize
   */
  readonly timeout?: Duration;
  /**
   * Retention of the function's log group.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
  /**
   * Topic the dead-letter alarm and the daily budget alarm notify.
   * @default - a new topic that only accepts publishing over TLS
   */
  readonly alarmTopic?: ITopic;
  /**
   * How long replaced and deleted object versions are kept in a bucket the pipeline creates.
   * @default Duration.days(30)
   */
  readonly noncurrentVersionExpiration?: Duration;
  /**
   * Whether a bucket the pipeline creates logs server access to a dedicated log bucket.
   * @default true
   */
  readonly serverAccessLogs?: boolean;
  /**
   * What happens to buckets the pipeline creates, and to the translation memory's key, when they leave the
   * stack. CloudFormation cannot delete a bucket that still holds objects (or object versions), so `DESTROY` needs
   * the bucket emptied first.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Newsroom articles dropped under `incoming/` in an S3 bucket come back as facts and translations under
 * `published/` (or a record under `failed/`): S3 notifies an SQS queue for `incoming/` only, a Lambda function
 * consumes it with partial batch responses and bounded concurrency, messages that keep failing go to a
 * dead-letter queue, and a CloudWatch alarm reports them.
 */
export class ArticlePipeline extends Construct {
  readonly bucket: IBucket;
  /** The server access log bucket, when the pipeline created the bucket and logging is on. */
  readonly accessLogsBucket: Bucket | undefined;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly lambdaFunction: PipelineFunction;
  readonly deadLetterAlarm: Alarm;
  /** The daily budget's alarm on the characters sent to Translate, unless `dailyCharacterBudget` is 0. */
  readonly spendAlarm: Alarm | undefined;
  readonly alarmTopic: ITopic;
  /** The key the translation memory's entries are sealed with. */
  readonly memoryKeySecret: Secret;
  readonly settings: DeploymentSettings;
  /** The statements granted to the function, with their reasons. */
  readonly grants: readonly PipelineGrant[];

  constructor(scope: Construct, id: string, props: ArticlePipelineProps = {}) {
    super(scope, id);
    const settings = resolveDeploymentSettings(props);
    this.settings = settings;
    const { prefixes, sizing } = settings;
    const timeout = props.timeout ?? Duration.seconds(sizing.timeoutSeconds);

    const { bucket, accessLogsBucket } = this.articleBucket(props, settings);
    this.bucket = bucket;
    this.accessLogsBucket = accessLogsBucket;

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    // A message keeps its original enqueue time in the dead-letter queue, so the source queue keeps messages
    // for less time than the dead-letter queue does.
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(4),
      visibilityTimeout: Duration.seconds(6 * timeout.toSeconds()),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: settings.maxReceiveCount },
    });
    // s3:ObjectCreated:* covers PUT, POST, COPY and CompleteMultipartUpload; only keys under incoming/ (articles)
    // and edits/ (editors' corrections) notify, and the function never writes there, so it cannot trigger itself.
    const destination = new AccountScopedQueueDestination(this.queue);
    for (const prefix of [prefixes.incoming, prefixes.edits]) {
      this.bucket.addEventNotification(EventType.OBJECT_CREATED, destination, { prefix });
    }
    acknowledgeBucketNotificationsHandler(this);

    const memoryKey = createMemoryKeySecret(this, 'MemoryKey', props.removalPolicy ?? RemovalPolicy.RETAIN);
    this.memoryKeySecret = memoryKey.secret;

    this.lambdaFunction = new PipelineFunction(this, 'Function', {
      description: `polybrief: key facts and translations of the articles under ${prefixes.incoming}`,
      memorySize: props.memorySize ?? sizing.memorySizeMiB,
      timeout,
      logGroupRetention: props.logRetention ?? RetentionDays.ONE_MONTH,
      environment: {
        // The heap the sizing counts on (memory less the off-heap reserve), not Node's guess from the machine.
        NODE_OPTIONS: `--enable-source-maps --max-old-space-size=${heapForMemory(props.memorySize ?? sizing.memorySizeMiB)}`,
        ...pipelineEnvironment(settings, memoryKey.secret.secretArn),
      },
      ...(settings.reservedConcurrency === undefined
        ? {}
        : { reservedConcurrentExecutions: settings.reservedConcurrency }),
    });
    this.lambdaFunction.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: settings.batchSize,
        maxConcurrency: settings.maxConcurrency,
        reportBatchItemFailures: true,
      }),
    );

    this.grants = [...pipelineGrants(this, this.bucket, settings), memoryKey.grant];
    for (const { statement } of this.grants) {
      this.lambdaFunction.addToRolePolicy(statement);
    }
    // A bucket encrypted with a KMS key of its own: reading needs kms:Decrypt, writing kms:GenerateDataKey
    // (grantEncryptDecrypt would add kms:ReEncrypt* and kms:GenerateDataKey*, wildcard actions).
    this.bucket.encryptionKey?.grant(this.lambdaFunction, 'kms:Decrypt', 'kms:GenerateDataKey');
    acknowledgeWildcardResources(this.lambdaFunction.executionRole, this.grants);
    guardOutputPrefixes(this, this.bucket, this.lambdaFunction.executionRole, outputPrefixes(prefixes));

    this.alarmTopic = props.alarmTopic ?? new Topic(this, 'AlarmTopic', { enforceSSL: true });
    if (settings.alarmEmail !== undefined) {
      this.alarmTopic.addSubscription(new EmailSubscription(settings.alarmEmail));
    }
    this.deadLetterAlarm = this.createDeadLetterAlarm(settings.maxReceiveCount);
    this.deadLetterAlarm.addAlarmAction(new SnsAction(this.alarmTopic));
    this.spendAlarm =
      settings.dailyCharacterBudget > 0
        ? createSpendAlarm(this, 'DailyCharactersAlarm', {
            dailyCharacters: settings.dailyCharacterBudget,
            pricePerMillionCharacters: settings.pricePerMillionCharacters,
            topic: this.alarmTopic,
            functionName: this.lambdaFunction.functionName,
          })
        : undefined;
  }

  /** The bucket given, or a new one (with its access log bucket unless turned off). */
  private articleBucket(
    props: ArticlePipelineProps,
    settings: DeploymentSettings,
  ): { readonly bucket: IBucket; readonly accessLogsBucket: Bucket | undefined } {
    const { prefixes, cacheExpirationDays } = settings;
    if (props.bucket) {
      if (props.cacheExpirationDays) {
        Annotations.of(this).addWarningV2(
          'polybrief:cache-expiration-ignored',
          `cacheExpirationDays applies only to a bucket the pipeline creates; add a lifecycle rule expiring ` +
            `"${prefixes.cache}" to your own bucket instead.`,
        );
      }
      return { bucket: props.bucket, accessLogsBucket: undefined };
    }
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const accessLogsBucket =
      props.serverAccessLogs === false ? undefined : this.createAccessLogsBucket(removalPolicy);
    const bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: BucketEncryption.S3_MANAGED,
      versioned: true,
      lifecycleRules: [
        {
          id: 'expire-old-versions',
          noncurrentVersionExpiration: props.noncurrentVersionExpiration ?? Duration.days(30),
          expiredObjectDeleteMarker: true,
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
        ...(cacheExpirationDays > 0
          ? [
              {
                id: 'expire-translation-memory',
                prefix: prefixes.cache,
                expiration: Duration.days(cacheExpirationDays),
                noncurrentVersionExpiration: CACHE_NONCURRENT_VERSION_EXPIRATION,
              },
            ]
          : []),
      ],
      removalPolicy,
      ...(accessLogsBucket
        ? { serverAccessLogsBucket: asIBucket(accessLogsBucket), serverAccessLogsPrefix: 'articles/' }
        : {}),
    });
    if (!accessLogsBucket) {
      Validations.of(bucket).acknowledge({
        id: 'AwsSolutions-S1',
        reason: 'Server access logging was turned off with serverAccessLogs: false.',
      });
    }
    return { bucket: asIBucket(bucket), accessLogsBucket };
  }

  /** Fires when a message sits in the dead-letter queue, saying how to move it back. */
  private createDeadLetterAlarm(maxReceiveCount: number): Alarm {
    return new Alarm(this, 'DeadLetterAlarm', {
      alarmDescription:
        `Articles failed ${maxReceiveCount} times and are in the dead-letter queue. Read the function's ` +
        'logs, fix the cause, then move them back with: aws sqs start-message-move-task --source-arn ' +
        this.deadLetterQueue.queueArn,
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: Stats.MAXIMUM,
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  private createAccessLogsBucket(removalPolicy: RemovalPolicy): Bucket {
    // Object ownership is left to CDK: with @aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy (cdk.json) log
    // delivery is granted by bucket policy; without it CDK needs ACLs and sets ObjectWriter itself.
    const logs = new Bucket(this, 'AccessLogsBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // S3 server access logging only delivers to buckets with SSE-S3.
      encryption: BucketEncryption.S3_MANAGED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(90) }],
      removalPolicy,
    });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the server access log destination; logging its own access would log the logging.',
    });
    return logs;
  }
}
