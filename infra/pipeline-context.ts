import { assertNoProblems, contextLine, type Surface } from '../functions/shared/options/phrasing.js';
import { invalid, type Parsed, valid } from '../functions/shared/options/problems.js';
import {
  CONTEXT_KEYS,
  OPTION_NAMES,
  type OptionName,
  optionSpec,
  propPath,
} from '../functions/shared/options/table.js';
import { readValue } from '../functions/shared/options/values.js';
import type { ArticlePipelineProps } from './article-pipeline.js';
import { checkDeployment } from './pipeline-settings.js';

/**
 * The CDK context keys the app reads (defaults in cdk.json, overrides with `-c key=value`), from the options
 * table. Values given on the command line arrive as strings, so lists are comma-separated and maps are
 * `lang=VALUE` pairs (JSON also works).
 */
export { CONTEXT_KEYS };

/** Context keys CDK tooling itself writes to cdk.json without a `:` in their name. */
const CDK_TOOLING_KEYS = new Set(['cli-telemetry']);

/** The context props the app passes to the pipeline. */
export type PipelineContextProps = Pick<
  ArticlePipelineProps,
  | 'languages'
  | 'sourceLanguage'
  | 'translationSettings'
  | 'terminologies'
  | 'maxArticleBytes'
  | 'analysisBudgetMs'
  | 'reservedConcurrency'
  | 'alarmEmail'
  | 'maxConcurrency'
  | 'translateConcurrency'
  | 'translationScope'
  | 'batchSize'
  | 'logLevel'
  | 'pricePerMillionCharacters'
  | 'publicBaseUrl'
  | 'cacheExpirationDays'
>;

export interface ParsedPipelineContext {
  readonly props: PipelineContextProps;
  /** Context keys that look like settings but are not read (probably typos). */
  readonly unknownKeys: readonly string[];
}

const contextSurface: Surface = {
  nameOf: (option, part) => {
    const context = optionSpec(option).context;
    return part !== undefined && context?.parts?.[part] ? part : context?.key;
  },
  line: contextLine,
};

/** Unset: absent, null or an empty string (so `-c alarmEmail=` clears a cdk.json default). */
function isUnset(value: unknown): value is undefined | null | '' {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function readOption(
  context: Readonly<Record<string, unknown>>,
  name: OptionName,
): Parsed<unknown> | undefined {
  const spec = optionSpec(name);
  if (!spec.context) return undefined;
  const { key, parts, merge } = spec.context;
  if (!parts || !merge) {
    const raw = context[key];
    if (raw === undefined) return undefined;
    if (isUnset(raw)) return spec.cleared === undefined ? undefined : valid(spec.cleared);
    return readValue(spec.kind, raw);
  }
  const read = Object.entries(parts)
    .filter(([part]) => !isUnset(context[part]))
    .map(([part, reader]) => ({ part, parsed: reader(context[part]) }));
  const problems = read.flatMap(({ part, parsed }) =>
    parsed.ok ? [] : parsed.problems.map((problem) => ({ ...problem, part })),
  );
  if (problems.length > 0) return invalid(...problems);
  const merged = merge(read.map(({ parsed }) => (parsed.ok ? parsed.value : undefined)));
  // Keys that name no language (cdk.json's `{}` and `[]`) leave the option unset.
  return Object.keys(merged as object).length === 0 ? undefined : valid(merged);
}

/**
 * Reads the pipeline settings from CDK context (`app.node.getAllContext()`), checked by the options table's rules
 * and the function's sizing. Every problem is reported at once, in an InvalidOptionsError naming the context keys.
 * Unset keys are left out, so the pipeline's defaults apply.
 */
export function parsePipelineContext(context: Readonly<Record<string, unknown>>): ParsedPipelineContext {
  const given = new Map(OPTION_NAMES.map((name) => [name, readOption(context, name)] as const));
  const { problems, resolution } = checkDeployment((name) => given.get(name));
  assertNoProblems(problems, contextSurface);

  const props: Record<string, unknown> = {};
  for (const [name, parsed] of given) {
    const prop = propPath(name);
    if (parsed && prop) props[prop] = resolution.values[name];
  }
  const known = new Set<string>(CONTEXT_KEYS);
  const unknownKeys = Object.keys(context).filter(
    (key) => !key.includes(':') && !known.has(key) && !CDK_TOOLING_KEYS.has(key),
  );
  return { props: props as PipelineContextProps, unknownKeys };
}
