import packageJson from '../package.json' with { type: 'json' };

/** The pipeline version recorded in manifests and failed records. */
export const pipelineVersion: string = packageJson.version;
