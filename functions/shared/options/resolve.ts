import { overlappingPrefixes, type PipelinePrefixes } from './prefixes.js';
import { type OptionProblem, type Parsed, type Problem, text, valid } from './problems.js';
import { OPTION_NAMES, type OptionName, type OptionValues, optionSpec } from './table.js';
import { settingsOutsideTargets, terminologiesOutsideTargets } from './translate-values.js';
import { check } from './values.js';

/** How a surface gives an option: read (or refused), or `undefined` when it was not given (the default then). */
export type OptionInput = (name: OptionName) => Parsed<unknown> | undefined;

export interface Resolution {
  readonly values: OptionValues;
  /** In the table's order, each option's own problems first, then the problems across options. */
  readonly problems: readonly OptionProblem[];
  /** Options given a value that could not be used (their default stands in `values`). */
  readonly failed: ReadonlySet<OptionName>;
}

/** A rule across options; it is not applied when one of its options could not be read. */
interface CrossRule {
  readonly options: readonly OptionName[];
  readonly check: (values: OptionValues) => OptionProblem[];
}

const PREFIX_OPTIONS: Readonly<Record<keyof PipelinePrefixes, OptionName>> = {
  incoming: 'incomingPrefix',
  published: 'publishedPrefix',
  failed: 'failedPrefix',
  cache: 'cachePrefix',
  edits: 'editsPrefix',
};

/** The prefix options these prefixes set. */
export function prefixOptions(prefixes: Partial<PipelinePrefixes>): Partial<Record<OptionName, string>> {
  return Object.fromEntries(
    Object.entries(prefixes).map(([name, prefix]) => [
      PREFIX_OPTIONS[name as keyof PipelinePrefixes],
      prefix,
    ]),
  );
}

export function prefixesOf(values: OptionValues): PipelinePrefixes {
  return {
    incoming: values.incomingPrefix,
    published: values.publishedPrefix,
    failed: values.failedPrefix,
    cache: values.cachePrefix,
    edits: values.editsPrefix,
  };
}

/** A per-language option whose languages must all be target languages. */
function perTargetLanguage(
  option: 'translationSettings' | 'terminologies',
  outside: (values: OptionValues) => Problem[],
): CrossRule {
  return {
    options: [option, 'languages'],
    check: (values) => outside(values).map((problem) => ({ ...problem, option, alsoOptions: ['languages'] })),
  };
}

const CROSS_RULES: readonly CrossRule[] = [
  perTargetLanguage('translationSettings', (values) =>
    settingsOutsideTargets(values.translationSettings, values.languages),
  ),
  perTargetLanguage('terminologies', (values) =>
    terminologiesOutsideTargets(values.terminologies, values.languages),
  ),
  {
    options: ['reservedConcurrency', 'maxConcurrency'],
    check: ({ reservedConcurrency: reserved, maxConcurrency: max }) =>
      reserved !== undefined && reserved < max
        ? [
            {
              option: 'reservedConcurrency',
              alsoOptions: ['maxConcurrency'],
              ...text(
                `${reserved} is below maxConcurrency (${max}): the queue poller would be throttled and throttled ` +
                  'messages still count toward maxReceiveCount. Reserve at least maxConcurrency, or lower maxConcurrency.',
              ),
            },
          ]
        : [],
  },
  {
    options: Object.values(PREFIX_OPTIONS),
    check: (values) =>
      overlappingPrefixes(prefixesOf(values)).map(({ name, other, problem }) => ({
        ...problem,
        option: PREFIX_OPTIONS[name],
        alsoOptions: [PREFIX_OPTIONS[other]],
      })),
  },
];

/**
 * Every option's value, as a surface gives it or by default, each checked by its rule and made canonical, then
 * the rules across options applied. Every problem is collected; none is thrown, so the surface can name them all.
 */
export function resolveOptions(input: OptionInput): Resolution {
  const values: Record<string, unknown> = {};
  const problems: OptionProblem[] = [];
  const failed = new Set<OptionName>();
  for (const name of OPTION_NAMES) {
    const spec = optionSpec(name);
    const given = input(name) ?? valid(spec.default);
    const checked = given.ok ? check(spec.kind, given.value) : given;
    values[name] = checked.ok ? checked.value : spec.default;
    if (!checked.ok) {
      failed.add(name);
      problems.push(...checked.problems.map((problem) => ({ ...problem, option: name })));
    }
  }
  const resolved = values as OptionValues;
  for (const rule of CROSS_RULES)
    if (!rule.options.some((name) => failed.has(name))) problems.push(...rule.check(resolved));
  return { values: resolved, problems, failed };
}
