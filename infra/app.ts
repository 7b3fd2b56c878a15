import { Annotations, App } from 'aws-cdk-lib';
import { InvalidOptionsError } from '../functions/shared/options/problems.js';
import { addAwsSolutionsChecks } from './cdk-nag.js';
import { CONTEXT_KEYS, parsePipelineContext } from './pipeline-context.js';
import { PolybriefStack } from './polybrief-stack.js';

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
  // Configuration mistakes: show them all (each names its context key), not a stack trace.
  if (error instanceof InvalidOptionsError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
// Any unacknowledged AwsSolutions finding fails the synth.
addAwsSolutionsChecks(app);
