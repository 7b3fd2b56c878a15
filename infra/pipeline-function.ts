import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RemovalPolicy } from 'aws-cdk-lib';
import { type IRole, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import {
  type BundlingOptions,
  LogLevel,
  NodejsFunction,
  type NodejsFunctionProps,
  OutputFormat,
} from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const lockFile = fileURLToPath(new URL('../package-lock.json', import.meta.url));

/** The Lambda handler this package ships (`export const handler`). */
export const PIPELINE_HANDLER_ENTRY = fileURLToPath(
  new URL('../functions/lambda/handler.ts', import.meta.url),
);

/** The runtime the function runs on: the newest Node.js Lambda offers (cdk-nag AwsSolutions-L1). */
export const PIPELINE_RUNTIME = Runtime.NODEJS_24_X;

/**
 * esbuild settings: an ESM bundle for Node 22+ with the AWS SDK left to the runtime, minified, with source maps
 * so stack traces point at the TypeScript. The banner gives CommonJS dependencies the `require` ESM lacks.
 */
export const PIPELINE_BUNDLING: BundlingOptions = {
  format: OutputFormat.ESM,
  target: 'node22',
  mainFields: ['module', 'main'],
  externalModules: ['@aws-sdk/*'],
  minify: true,
  keepNames: true,
  sourceMap: true,
  sourcesContent: false,
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  forceDockerBundling: false,
  // esbuild's per-file size summary adds nothing to `cdk synth` output; warnings and errors still show.
  logLevel: LogLevel.WARNING,
};

export interface PipelineFunctionProps
  extends Omit<
    NodejsFunctionProps,
    'runtime' | 'architecture' | 'logGroup' | 'logRetention' | 'logRemovalPolicy'
  > {
  /**
   * How long the function's log group keeps events.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logGroupRetention?: RetentionDays;
  /**
   * What happens to the log group when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly logGroupRemovalPolicy?: RemovalPolicy;
}

/**
 * A `NodejsFunction` with the pipeline's defaults: the polybrief handler, newest Node.js runtime on ARM64,
 * {@link PIPELINE_BUNDLING} with the local esbuild (never Docker), `--enable-source-maps`, an explicit log group
 * with retention (no log-retention custom resource), and an execution role that may only write to that log
 * group (no `AWSLambdaBasicExecutionRole`, which allows writing to every log group). Grant anything else to
 * {@link PipelineFunction.executionRole}.
 */
export class PipelineFunction extends NodejsFunction {
  readonly executionRole: IRole;

  constructor(scope: Construct, id: string, props: PipelineFunctionProps = {}) {
    const { logGroupRetention, logGroupRemovalPolicy, bundling, environment, role, ...rest } = props;
    const logGroup = new LogGroup(scope, `${id}LogGroup`, {
      retention: logGroupRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: logGroupRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    const executionRole =
      role ?? new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    // The package's own lock file when run from a checkout; installed as a dependency, esbuild finds the
    // consumer's by walking up from the working directory.
    const lockFileOptions = existsSync(lockFile)
      ? { depsLockFilePath: lockFile, projectRoot: packageRoot }
      : {};

    super(scope, id, {
      entry: PIPELINE_HANDLER_ENTRY,
      handler: 'handler',
      ...lockFileOptions,
      ...rest,
      runtime: PIPELINE_RUNTIME,
      architecture: Architecture.ARM_64,
      role: executionRole,
      logGroup,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...environment },
      bundling: { ...PIPELINE_BUNDLING, ...bundling },
    });
    this.executionRole = executionRole;
    logGroup.grantWrite(executionRole);
  }
}
