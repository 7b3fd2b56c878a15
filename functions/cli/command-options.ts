import type { CliFlag, CommandName, OptionSpec } from '../shared/options/spec.js';
import { OPTIONS, type OptionName, optionSpec } from '../shared/options/table.js';
import { choice, flag, orNone, plainText, type ValueKind, wholeNumber } from '../shared/options/values.js';

export type { CommandName };

/** An option only the command line has: its value kind, default and flag. */
interface LocalOption<T> {
  readonly summary?: string;
  readonly kind: ValueKind<T>;
  readonly default: NoInfer<T>;
  readonly cli: CliFlag;
}

function local<T>(spec: LocalOption<T>): LocalOption<T> {
  return spec;
}

export const TRANSLATOR_NAMES = ['apertium', 'aws'] as const;
export type TranslatorName = (typeof TRANSLATOR_NAMES)[number];

/**
 * The options of `polybrief run` and `polybrief dev` that are not pipeline options (those are in the options
 * table, functions/shared/options/table.ts): where the command keeps things, the engine, logging.
 */
export const LOCAL_OPTIONS = {
  out: local({
    kind: plainText,
    default: 'out',
    cli: { flags: '-o, --out <dir>', help: 'output folder standing in for the bucket' },
  }),
  port: local({
    kind: wholeNumber({ min: 0, max: 65_535, expected: 'a port number from 0 (any free port) to 65535' }),
    default: 4569,
    cli: {
      flags: '-p, --port <n>',
      help: 'port on 127.0.0.1 (0 picks a free one)',
      doc: 'port on 127.0.0.1; `0` picks a free one',
    },
  }),
  data: local({
    kind: plainText,
    default: '.polybrief',
    cli: { flags: '-d, --data <dir>', help: 'folder the bucket is kept in' },
  }),
  bucket: local({
    kind: plainText,
    default: 'polybrief-local',
    cli: { flags: '-b, --bucket <name>', help: 'bucket name' },
  }),
  translator: local<TranslatorName>({
    kind: choice(TRANSLATOR_NAMES),
    default: 'apertium',
    cli: {
      flags: '-t, --translator <name>',
      help: {
        run: 'translation engine',
        dev: 'translation engine; aws uses Amazon Translate with your AWS credentials and region, or the endpoint in AWS_ENDPOINT_URL_TRANSLATE',
      },
      doc: '`aws` uses Amazon Translate with your usual AWS credentials, or any endpoint in `AWS_ENDPOINT_URL_TRANSLATE`',
    },
  }),
  concurrency: local({
    kind: wholeNumber({ min: 1 }),
    default: 4,
    cli: {
      flags: '-c, --concurrency <n>',
      help: 'articles processed at once',
      doc: 'articles processed at once (languages within an article always run concurrently)',
    },
  }),
  events: local<string | undefined>({
    kind: orNone(plainText),
    default: undefined,
    cli: {
      flags: '--events <file>',
      help: 'append ArticlePublished/ArticleFailed events to this file as JSON Lines',
      doc: 'append `ArticlePublished` / `ArticleFailed` events to `FILE` as JSON Lines',
    },
  }),
  cache: local({
    summary: 'translate everything afresh (deployed: delete the memory)',
    kind: flag,
    default: true,
    cli: {
      flags: '--no-cache',
      help: {
        run: 'translate everything afresh instead of reusing the translation memory',
        dev: 'translate everything afresh instead of reusing the translation memory in the bucket',
      },
      doc: 'translates afresh, and still remembers the new translations',
      // commander gives a `--no-` flag its default (true) itself, and does not show it.
      default: undefined,
      readmeDefault: 'off',
    },
  }),
  stopTimeout: local({
    kind: wholeNumber({ min: 1 }),
    default: 30,
    cli: {
      flags: '--stop-timeout <seconds>',
      help: 'after Ctrl-C, how long articles in flight may take to finish',
    },
  }),
  installMissing: local({
    kind: flag,
    default: false,
    cli: {
      flags: '--install-missing',
      help: 'install missing Apertium packages with apt-get when allowed (root or passwordless sudo)',
      doc: 'install missing Apertium packages with apt-get (used by `npm start`)',
    },
  }),
  logFormat: local<'text' | 'json'>({
    kind: choice(['text', 'json']),
    default: 'text',
    cli: {
      flags: '--log-format <format>',
      help: { run: 'log lines for people or machines', dev: 'log lines (stderr) for people or machines' },
      doc: 'logs go to stderr',
    },
  }),
  verbose: local({
    kind: flag,
    default: false,
    cli: {
      flags: '-v, --verbose',
      help: { run: 'log every step, not only errors', dev: 'log every step, not only warnings and errors' },
    },
  }),
} as const;

export type LocalOptionName = keyof typeof LOCAL_OPTIONS;
export type CommandOptionName = OptionName | LocalOptionName;

/** What `run` and `dev` both take about the engine and what it publishes, in this order. */
const ENGINE_OPTIONS: readonly CommandOptionName[] = [
  'languages',
  'translator',
  'sourceLanguage',
  'translationScope',
  'maxArticleBytes',
  'analysisBudgetMs',
  'maxCharactersPerArticle',
  'concurrency',
];
/** The options that end both lists: the pages' address, the estimate's price, Apertium set-up, logging. */
const CLOSING_OPTIONS: readonly CommandOptionName[] = [
  'publicBaseUrl',
  'pricePerMillionCharacters',
  'installMissing',
  'logFormat',
  'verbose',
];

/** The options of each command, in the order `--help` lists them. */
export const COMMAND_OPTIONS: Readonly<Record<CommandName, readonly CommandOptionName[]>> = {
  run: ['out', ...ENGINE_OPTIONS, 'events', 'cache', 'cachePrefix', ...CLOSING_OPTIONS],
  dev: [
    'port',
    'data',
    'bucket',
    ...ENGINE_OPTIONS,
    'maxReceiveCount',
    'cache',
    'cachePrefix',
    'stopTimeout',
    ...CLOSING_OPTIONS,
  ],
};

export function isPipelineOption(name: CommandOptionName): name is OptionName {
  return name in OPTIONS;
}

/** One flag of one command, everything said of it resolved for that command. */
export interface CommandFlag {
  readonly name: CommandOptionName;
  readonly kind: ValueKind<unknown>;
  readonly cli: CliFlag;
  /** The `--help` line and the README's description, for this command. */
  readonly help: string;
  readonly doc: string;
  /** What commander applies when the flag is not given (the flag's own default where it has one). */
  readonly default: unknown;
  readonly summary: string | undefined;
  /** The Lambda environment variable of the same option, if the function has it. */
  readonly variable: string | undefined;
  /** A pipeline option the table's rules check (not left to the engine, as languages are). */
  readonly checkedByTable: boolean;
}

/** The text for this command of something said per command. */
function forCommand<T>(value: T | Readonly<Record<CommandName, T>>, command: CommandName): T {
  return typeof value === 'object' && value !== null && 'run' in value && 'dev' in value
    ? (value as Record<CommandName, T>)[command]
    : (value as T);
}

export function commandFlag(name: CommandOptionName, command: CommandName): CommandFlag {
  const pipeline = isPipelineOption(name) ? optionSpec(name) : undefined;
  const spec: OptionSpec<unknown> | LocalOption<unknown> =
    pipeline ?? (LOCAL_OPTIONS[name as LocalOptionName] as LocalOption<unknown>);
  const { cli } = spec;
  if (!cli) throw new Error(`${name} is not a command-line option`);
  return {
    name,
    kind: spec.kind,
    cli,
    help: forCommand(cli.help, command),
    doc: forCommand(cli.doc ?? cli.help, command),
    default: 'default' in cli ? cli.default : spec.default,
    summary: spec.summary,
    variable: pipeline?.env?.name,
    checkedByTable: pipeline !== undefined && !cli.engineChecked,
  };
}

/** The command's flags, in the order `--help` lists them. */
export function commandFlags(command: CommandName): CommandFlag[] {
  return COMMAND_OPTIONS[command].map((name) => commandFlag(name, command));
}
