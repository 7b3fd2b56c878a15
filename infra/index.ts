export { InvalidOptionsError, type OptionProblem } from '../functions/shared/options/problems.js';
export { OPTIONS, type OptionName, type OptionValues } from '../functions/shared/options/table.js';
export { ArticlePipeline, type ArticlePipelineProps } from './article-pipeline.js';
export {
  type FunctionSizing,
  FunctionSizingError,
  SIZING_ASSUMPTIONS,
  sizeFunction,
} from './function-sizing.js';
export { CONTEXT_KEYS, type ParsedPipelineContext, parsePipelineContext } from './pipeline-context.js';
export {
  POWERTOOLS_METRICS_NAMESPACE,
  POWERTOOLS_SERVICE_NAME,
  pipelineEnvironment,
} from './pipeline-environment.js';
export {
  PIPELINE_BUNDLING,
  PIPELINE_HANDLER_ENTRY,
  PIPELINE_RUNTIME,
  PipelineFunction,
  type PipelineFunctionProps,
} from './pipeline-function.js';
export { type PipelineGrant, pipelineGrants } from './pipeline-permissions.js';
export {
  DEFAULT_PIPELINE_PREFIXES,
  type PipelinePrefixes,
  validatePipelinePrefixes,
} from './pipeline-prefixes.js';
export {
  type DeploymentSettings,
  type Formality,
  type PipelineLogLevel,
  type PipelineOptions,
  type Profanity,
  resolveDeploymentSettings,
  TRANSLATION_SCOPES,
  type TranslationScope,
  type TranslationSetting,
} from './pipeline-settings.js';
export { PolybriefStack, type PolybriefStackProps } from './polybrief-stack.js';
