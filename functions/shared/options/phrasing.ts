import { InvalidOptionsError, type OptionProblem, type Problem } from './problems.js';
import { type OptionName, propPath } from './table.js';

/** Where options are set, and how a problem is said there. */
export interface Surface {
  /** The option as the user names it here (`maxArticleBytes`, `MAX_ARTICLE_BYTES`), or `undefined`: not set here. */
  readonly nameOf: (option: OptionName, part?: string) => string | undefined;
  readonly line: (name: string, problem: Problem) => string;
  readonly heading?: string;
}

function shown(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function expectation(problem: Problem, withNote: boolean): string {
  const note = withNote && problem.note ? ` (${problem.note})` : '';
  return `expected ${problem.expected}${note}, got ${shown(problem.got)}.`;
}

/** `Invalid CDK context "formality": de must be FORMAL or INFORMAL, got "POLITE".` */
export function contextLine(key: string, problem: Problem): string {
  const subject = problem.path?.filter((step) => step !== problem.part).join('.');
  const detail = problem.text
    ? problem.text(`context "${key}"`)
    : subject
      ? `${subject} must be ${problem.expected}, got ${shown(problem.got)}.`
      : expectation(problem, true);
  return `Invalid CDK context "${key}": ${detail}`;
}

/** `Invalid translationSettings.de.formality: expected FORMAL or INFORMAL, got "POLITE".` */
export function propLine(name: string, problem: Problem): string {
  const label = problem.path && !problem.text ? [name, ...problem.path].join('.') : name;
  return `Invalid ${label}: ${problem.text ? problem.text(name) : expectation(problem, false)}`;
}

/** `TRANSLATE_CONCURRENCY must be a whole number of at least 1 (got "0")`. */
export function environmentLine(variable: string, problem: Problem): string {
  if (problem.missing) return `${variable} is not set`;
  if (problem.text) return `${variable}: ${problem.text(variable)}`;
  const label = [variable, ...(problem.path ?? [])].join('.');
  return `${label} must be ${problem.expected} (got ${shown(problem.got)})`;
}

/** `metadata "scope": expected full or brief, got "short".`: an upload's choice (x-amz-meta-scope). */
export function metadataLine(key: string, problem: Problem): string {
  const detail = problem.text ? problem.text(`metadata "${key}"`) : expectation(problem, true);
  return `metadata "${key}": ${detail}`;
}

/** `error: option '--scope <scope>' argument 'x' is invalid. Allowed choices are full, brief.`, as commander says it. */
export function flagLine(flags: string, raw: string, problem: Problem): string {
  const long = /--[\w-]+/.exec(flags)?.[0] ?? flags;
  const detail = problem.text
    ? problem.text(long)
    : problem.choices
      ? `Allowed choices are ${problem.choices.join(', ')}.`
      : `expected ${problem.expected}`;
  return `error: option '${flags}' argument '${raw}' is invalid. ${detail}`;
}

/** Construct props (`ArticlePipelineProps`), named by their property paths. */
export const propsSurface: Surface = {
  nameOf: (option) => propPath(option),
  line: propLine,
};

/** The lines a surface prints for the problems, each once. */
export function linesFor(problems: readonly OptionProblem[], surface: Surface): string[] {
  const lines = problems.map((problem) => {
    const name = [problem.option, ...(problem.alsoOptions ?? [])]
      .map((option) => surface.nameOf(option as OptionName, problem.part))
      .find((found) => found !== undefined);
    return surface.line(name ?? problem.option, problem);
  });
  return [...new Set(lines)];
}

export function invalidOptions(problems: readonly OptionProblem[], surface: Surface): InvalidOptionsError {
  return new InvalidOptionsError(problems, linesFor(problems, surface), surface.heading);
}

/** Throws an {@link InvalidOptionsError} naming every problem as the surface names the options. */
export function assertNoProblems(problems: readonly OptionProblem[], surface: Surface): void {
  if (problems.length > 0) throw invalidOptions(problems, surface);
}
