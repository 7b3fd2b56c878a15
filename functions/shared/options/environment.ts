import { assertNoProblems, environmentLine, invalidOptions, type Surface } from './phrasing.js';
import { type InvalidOptionsError, invalid, type OptionProblem, type Parsed } from './problems.js';
import { resolveOptions } from './resolve.js';
import { OPTION_NAMES, type OptionName, type OptionValues, optionSpec } from './table.js';

export type Environment = Readonly<Record<string, string | undefined>>;

function variableOf(option: OptionName): string | undefined {
  return optionSpec(option).env?.name;
}

const environmentSurface: Surface = {
  nameOf: variableOf,
  line: environmentLine,
  heading: 'polybrief is misconfigured:',
};

/**
 * The function's environment for these option values: every option the function reads, in the table's order. The
 * construct writes it (infra/pipeline-environment.ts); {@link decodeEnvironment} reads it back.
 */
export function encodeEnvironment(values: OptionValues): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const name of OPTION_NAMES) {
    const spec = optionSpec(name);
    if (spec.env) environment[spec.env.name] = spec.kind.format(values[name]);
  }
  return environment;
}

function fromEnvironment(env: Environment, name: OptionName): Parsed<unknown> | undefined {
  const spec = optionSpec(name);
  if (!spec.env) return undefined;
  const raw = env[spec.env.name];
  if (spec.env.required && (raw === undefined || raw.trim() === '')) return invalid({ missing: true });
  return raw === undefined ? undefined : spec.kind.parse(raw);
}

/**
 * The option values the function's environment gives (the defaults for the variables it does not set), each
 * checked by the rule the construct applied. Every problem is collected and thrown at once in an
 * InvalidOptionsError naming the variables, so a misconfigured function fails at start-up, not on the first article.
 */
export function decodeEnvironment(env: Environment): OptionValues {
  const { values, problems } = resolveOptions((name) => fromEnvironment(env, name));
  assertNoProblems(problems, environmentSurface);
  return values;
}

/** The error for problems found later with options the environment set, e.g. a terminology that cannot be read. */
export function invalidEnvironment(problems: readonly OptionProblem[]): InvalidOptionsError {
  return invalidOptions(problems, environmentSurface);
}
