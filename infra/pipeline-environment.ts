import { encodeEnvironment } from '../functions/shared/options/environment.js';
import { defaultValues } from '../functions/shared/options/table.js';
import { type DeploymentSettings, optionValuesOf } from './pipeline-settings.js';

const defaults = defaultValues();
export const POWERTOOLS_SERVICE_NAME = defaults.serviceName;
export const POWERTOOLS_METRICS_NAMESPACE = defaults.metricsNamespace;
/** The bus completion events are sent to: the account's default bus, the only one the function may put events on. */
export const DEFAULT_EVENT_BUS = defaults.eventBusName as string;

/**
 * The environment variables the Lambda handler reads, written from the settings with the options table (the
 * handler's config reads them back with it), and the ARN of the secret holding the translation memory's key. The
 * function learns the bucket from each S3 event, so no bucket name is passed.
 */
export function pipelineEnvironment(
  settings: DeploymentSettings,
  memoryKeySecretArn: string,
): Record<string, string> {
  return encodeEnvironment({ ...optionValuesOf(settings), memoryKeySecret: memoryKeySecretArn });
}
