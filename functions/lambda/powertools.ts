import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { LogAttributes, Logger } from '../core/ports.js';

/** The names the function's logs and metrics go under (the options table's `serviceName` and `metricsNamespace`). */
export interface TelemetryNames {
  readonly serviceName: string;
  readonly metricsNamespace: string;
}

export interface Telemetry {
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/** The core's {@link Logger} over a Powertools logger: a structured JSON line per call, attributes as its keys. */
export function powertoolsLogger(logger: PowertoolsLogger): Logger {
  return {
    debug: (message: string, attributes: LogAttributes = {}) => logger.debug(message, { ...attributes }),
    info: (message: string, attributes: LogAttributes = {}) => logger.info(message, { ...attributes }),
    warn: (message: string, attributes: LogAttributes = {}) => logger.warn(message, { ...attributes }),
    error: (message: string, attributes: LogAttributes = {}) => logger.error(message, { ...attributes }),
  };
}

/** Powertools' logger and metrics, under the function's service name and namespace. */
export function createTelemetry({ serviceName, metricsNamespace }: TelemetryNames): Telemetry {
  return {
    logger: powertoolsLogger(new PowertoolsLogger({ serviceName })),
    metrics: new Metrics({ namespace: metricsNamespace, serviceName }),
  };
}
