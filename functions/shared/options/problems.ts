/**
 * What is wrong with one option value, said without naming where it was set: each surface (CDK context, construct
 * props, Lambda environment, command line) names the option its own way when it prints the problem.
 */
export interface Problem {
  /** `expected <expected>, got <got>`; with a `path`, `<path> must be <expected>`. */
  readonly expected?: string;
  /** The value as it was given, printed as JSON (as given, on the command line and in the environment). */
  readonly got?: unknown;
  /** More on what the values mean, for people who typed them (CDK context, command line). */
  readonly note?: string;
  /** The values allowed, for a choice (the command line lists them as commander does). */
  readonly choices?: readonly string[];
  /** Where inside a structured value, e.g. `['de', 'formality']`. */
  readonly path?: readonly string[];
  /** A sentence of its own instead of `expected ..., got ...`; given how the surface names the option. */
  readonly text?: (where: string) => string;
  /** Required and not given. */
  readonly missing?: true;
  /** For an option read from several context keys (`formality`, `profanity`): the one concerned. */
  readonly part?: string;
}

/** A {@link Problem} of one option: `option` is its name in the options table. */
export interface OptionProblem extends Problem {
  readonly option: string;
  /** Other options the problem concerns; a surface names the first one the user could set there. */
  readonly alsoOptions?: readonly string[];
}

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly Problem[] };

export function valid<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

export function invalid<T>(...problems: Problem[]): Parsed<T> {
  return { ok: false, problems };
}

/** A sentence naming the option as the surface does. */
export function text(sentence: string | ((where: string) => string)): Problem {
  return { text: typeof sentence === 'string' ? () => sentence : sentence };
}

/**
 * Options that cannot work, all of them at once. `message` names each option the way it was set (context key at
 * synth, property of the construct, environment variable in the function, flag on the command line) and says what
 * it accepts; `problems` holds them one by one.
 */
export class InvalidOptionsError extends Error {
  override readonly name = 'InvalidOptionsError';
  constructor(
    readonly problems: readonly OptionProblem[],
    /** One line per problem, as the surface phrases it. */
    readonly lines: readonly string[],
    /** Put before the lines, e.g. `polybrief is misconfigured:`. */
    heading?: string,
  ) {
    super(heading === undefined ? lines.join('\n') : `${heading}\n- ${lines.join('\n- ')}`);
  }
}
