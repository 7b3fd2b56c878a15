import type { Parsed } from './problems.js';
import type { ValueKind } from './values.js';

export type CommandName = 'run' | 'dev';
/** The same for every command, or each its own. */
export type PerCommand<T> = T | Readonly<Record<CommandName, T>>;

/** An option of `polybrief run` / `polybrief dev`. */
export interface CliFlag {
  /** As commander takes them: `-l, --languages <codes>`. */
  readonly flags: string;
  /** The `--help` line. */
  readonly help: PerCommand<string>;
  /** The README's description, where it says more than the help. */
  readonly doc?: PerCommand<string>;
  /** What commander applies and shows when it is not the option's default; `undefined`: none. */
  readonly default?: unknown;
  /** The README's default column, where the default alone does not say it. */
  readonly readmeDefault?: string;
  /** Left to the translation engine to validate (Apertium knows other languages than Amazon Translate). */
  readonly engineChecked?: true;
  /** A lenient first reading of the flag's text, before the rule (`memory` → `memory/`). */
  readonly normalize?: (raw: string) => string;
}

export interface ContextSpec<T> {
  /** The context key, e.g. `maxArticleBytes`. */
  readonly key: string;
  /** What the README's context table says of it. */
  readonly doc: string;
  /** Further keys read into the same option, each with its reader; `merge` joins what they read. */
  readonly parts?: Readonly<Record<string, (raw: unknown) => Parsed<T>>>;
  readonly merge?: (parts: readonly T[]) => T;
}

/** One option: its value, default and rule, and how each surface spells it. */
export interface OptionSpec<T> {
  /** What the option is, in a few words (the README's table of settings across surfaces). */
  readonly summary?: string;
  readonly kind: ValueKind<T>;
  /** `undefined`: none. */
  readonly default: NoInfer<T>;
  /** The `ArticlePipeline` property, as a path, when it is not the option's name. */
  readonly prop?: string;
  /** Not a property: the pipeline sets it itself (the environment still carries it). */
  readonly internal?: true;
  readonly context?: ContextSpec<T>;
  /** The Lambda environment variable; `required` ones have no default there (the construct always sets them). */
  readonly env?: { readonly name: string; readonly required?: true };
  readonly cli?: CliFlag;
  /**
   * The value of the option cleared with `null` (or `-c key=`); by default clearing it leaves it unset, so the
   * default applies.
   */
  readonly cleared?: NoInfer<T>;
}

/** Types the spec from its value kind (the default and the rest follow it). */
export function option<T>(spec: OptionSpec<T>): OptionSpec<T> {
  return spec;
}
