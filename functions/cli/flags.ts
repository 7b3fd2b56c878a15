import { type Command, Option } from 'commander';
import { flagLine, linesFor, type Surface } from '../shared/options/phrasing.js';
import type { OptionProblem, Parsed } from '../shared/options/problems.js';
import { resolveOptions } from '../shared/options/resolve.js';
import { type OptionName, optionSpec } from '../shared/options/table.js';
import { parseAndCheck } from '../shared/options/values.js';
import {
  COMMAND_OPTIONS,
  type CommandName,
  type CommandOptionName,
  commandOption,
  flagDefault,
  forCommand,
  isPipelineOption,
} from './command-options.js';

interface Given {
  /** As typed. */
  readonly raw: string;
  readonly parsed: Parsed<unknown>;
}

/** Pipeline options the command line checks with the table's rules (the engine checks languages itself). */
function checkedByTable(name: CommandOptionName): name is OptionName {
  return isPipelineOption(name) && optionSpec(name).cli?.engineChecked === undefined;
}

/** Reads a flag's text: the table's rules come later, all together, for pipeline options. */
function readFlag(name: CommandOptionName, raw: string): Given {
  const { kind, cli } = commandOption(name);
  const text = cli.normalize ? cli.normalize(raw) : raw;
  const parsed = checkedByTable(name) || cli.engineChecked ? kind.parse(text) : parseAndCheck(kind, text);
  return { raw, parsed };
}

export interface FlagCheck {
  /** The values given, checked and canonical (`memory` → `memory/`). */
  readonly values: Readonly<Partial<Record<CommandOptionName, unknown>>>;
  /** Every problem, as commander words an invalid argument, in the order of `--help`. */
  readonly lines: readonly string[];
}

function checkGiven(command: CommandName, given: ReadonlyMap<CommandOptionName, Given>): FlagCheck {
  const names = COMMAND_OPTIONS[command];
  const flags = (name: CommandOptionName) => commandOption(name).cli.flags;
  const rawOf = new Map(
    names.map((name) => [flags(name), given.get(name)?.raw ?? String(flagDefault(name))]),
  );
  const surface: Surface = {
    nameOf: (option) => (names.includes(option) ? flags(option) : undefined),
    line: (name, problem) => flagLine(name, rawOf.get(name) ?? '', problem),
  };
  const resolution = resolveOptions((option) =>
    checkedByTable(option) ? given.get(option)?.parsed : undefined,
  );
  const byOption = new Map<CommandOptionName, OptionProblem[]>();
  for (const problem of resolution.problems) {
    const named = [problem.option, ...(problem.alsoOptions ?? [])].find((option) =>
      names.includes(option as CommandOptionName),
    ) as CommandOptionName;
    byOption.set(named, [...(byOption.get(named) ?? []), problem]);
  }
  const lines = names.flatMap((name) => {
    const own = given.get(name);
    if (checkedByTable(name)) return linesFor(byOption.get(name) ?? [], surface);
    return own && !own.parsed.ok
      ? own.parsed.problems.map((problem) => flagLine(flags(name), own.raw, problem))
      : [];
  });
  const values = Object.fromEntries(
    [...given].map(([name, { parsed }]) => [
      name,
      checkedByTable(name) ? resolution.values[name] : parsed.ok ? parsed.value : undefined,
    ]),
  );
  return { values, lines };
}

/** Checks flag values given as text, as the command line does: for callers of the commands' functions. */
export function checkFlags(
  command: CommandName,
  raw: Readonly<Partial<Record<CommandOptionName, string>>>,
): FlagCheck {
  const given = new Map(
    Object.entries(raw).map(([name, text]) => [
      name as CommandOptionName,
      readFlag(name as CommandOptionName, text),
    ]),
  );
  return checkGiven(command, given);
}

function commanderOption(
  name: CommandOptionName,
  command: CommandName,
  given: Map<CommandOptionName, Given>,
) {
  const { kind, cli } = commandOption(name);
  const option = new Option(cli.flags, forCommand(cli.help, command));
  if (kind.choices) option.choices(kind.choices);
  const fallback = flagDefault(name);
  if (fallback !== undefined) option.default(fallback);
  if (option.required || option.optional) {
    // Nothing is refused here: every value is kept and all problems are said at once, before the action.
    option.argParser((raw: string) => {
      const read = readFlag(name, raw);
      given.set(name, read);
      return read.parsed.ok ? read.parsed.value : raw;
    });
  }
  return option;
}

/**
 * Adds the command's options, built from the options tables (flags, help, defaults, choices), and checks the values
 * given before the action runs: every problem is printed at once, naming each flag, and the exit status is 2.
 */
export function addCommandOptions(command: Command, name: CommandName): Command {
  const given = new Map<CommandOptionName, Given>();
  for (const option of COMMAND_OPTIONS[name]) command.addOption(commanderOption(option, name, given));
  return command.hook('preAction', (self) => {
    const { values, lines } = checkGiven(name, given);
    given.clear();
    if (lines.length > 0) self.error(lines.join('\n'), { exitCode: 2, code: 'commander.invalidArgument' });
    for (const [option, value] of Object.entries(values)) self.setOptionValue(attributeOf(option), value);
  });
}

/** The property commander stores a flag's value under: `--max-article-bytes` → `maxArticleBytes`. */
function attributeOf(name: string): string {
  const long = /--(?:no-)?([\w-]+)/.exec(commandOption(name as CommandOptionName).cli.flags)?.[1] ?? name;
  return long.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
