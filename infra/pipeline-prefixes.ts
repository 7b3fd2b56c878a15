import { assertNoProblems, propsSurface } from '../functions/shared/options/phrasing.js';
import type { PipelinePrefixes } from '../functions/shared/options/prefixes.js';
import { valid } from '../functions/shared/options/problems.js';
import { prefixesOf, prefixOptions, resolveOptions } from '../functions/shared/options/resolve.js';
import { defaultValues } from '../functions/shared/options/table.js';

export { type PipelinePrefixes, prefixesOverlap } from '../functions/shared/options/prefixes.js';

export const DEFAULT_PIPELINE_PREFIXES: PipelinePrefixes = prefixesOf(defaultValues());

/** The prefixes the function writes under. None may overlap `incoming`, or a write would notify the pipeline. */
export function outputPrefixes(prefixes: PipelinePrefixes): readonly string[] {
  return [prefixes.published, prefixes.failed, prefixes.cache];
}

/**
 * Throws an InvalidOptionsError unless every prefix is a non-empty relative folder (`name/`) and no two overlap:
 * an output prefix inside `incoming/` would make the function trigger itself.
 */
export function validatePipelinePrefixes(prefixes: PipelinePrefixes): void {
  const given = prefixOptions(prefixes);
  const { problems } = resolveOptions((name) => {
    const prefix = given[name];
    return prefix === undefined ? undefined : valid(prefix);
  });
  assertNoProblems(problems, propsSurface);
}
