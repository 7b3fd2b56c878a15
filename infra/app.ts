import { Annotations, App } from 'aws-cdk-lib';
import { UnsupportedLanguageError } from '../functions/shared/amazon-translate-languages.js';
import { addAwsSolutionsChecks } from './cdk-nag.js';
import { FunctionSizingError } from './function-sizing.js';
import { CONTEXT_KEYS, ContextError, parsePipelineContext } from './pipeline-context.js';
import { InvalidPrefixError } from './pipeline-prefixes.js';
import { PipelineConfigError } from './pipeline-settings.js';
import { PolybriefStack } from './polybrief-stack.js';

const CONFIG_ERRORS = [
  ContextError,
  PipelineConfigError,
  UnsupportedLanguageError,
  FunctionSizingError,
  InvalidPrefixError,
];

const app = new App();
try {
  const { props, unknownKeys } = parsePipelineContext(app.node.getAllContext());
  for (const key of unknownKeys) {
    Annotations.of(app).addWarningV2(
      'polybrief:unknown-context-key',
      `CDK context "${key}" is not a polybrief setting and is ignored. Settings: ${CONTEXT_KEYS.join(', ')}.`,
    );
  }
  // Environment-agnostic: deploys to whichever account and region the CLI credentials point at.
  new PolybriefStack(app, 'Polybrief', { pipeline: props });
} catch (error) {
  // A configuration mistake: show the message (it names the setting), not a stack trace.
  if (CONFIG_ERRORS.some((type) => error instanceof type)) {
    console.error((error as Error).message);
    process.exit(1);
  }
  throw error;
}
// Any unacknowledged AwsSolutions finding fails the synth.
addAwsSolutionsChecks(app);
