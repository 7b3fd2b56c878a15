import { type Command, Option } from 'commander';
import { flagLine, linesFor, type Surface } from '../shared/options/phrasing.js';
import type { OptionProblem, Parsed } from '../shared/options/problems.js';
import { resolveOptions } from '../shared/options/resolve.js';
import { parseAndCheck } from '../shared/options/values.js';
import {
  type CommandFlag,
  type CommandName,
  type CommandOptionName,
  commandFlags,
} from './command-options.js';

interface Given {
  /** As typed. */
  readonly raw: string;
  readonly parsed: Parsed<unknown>;
}

/** Reads a flag's text; for pipeline options the table's rules come later, all together. */
function readFlag({ kind, cli, checkedByTable }: CommandFlag, raw: string): Given {
  const text = cli.normalize ? cli.normalize(raw) : raw;
  const parsed = checkedByTable || cli.engineChecked ? kind.parse(text) : parseAndCheck(kind, text);
  return { raw, parsed };
}

export interface FlagCheck {
  /** The values given, checked and canonical (`memory` → `memory/`). */
  readonly values: Readonly<Partial<Record<CommandOptionName, unknown>>>;
  /** Every problem, as commander words an invalid argument, in the order of `--help`. */
  readonly lines: readonly string[];
}

function checkGiven(command: CommandName, given: ReadonlyMap<CommandOptionName, Given>): FlagCheck {
  const flags = new Map(commandFlags(command).map((flag) => [flag.name as string, flag]));
  const rawOf = (flag: CommandFlag) => given.get(flag.name)?.raw ?? String(flag.default);
  const surface: Surface = {
    nameOf: (option) => flags.get(option)?.cli.flags,
    line: (name, problem) => {
      const flag = [...flags.values()].find(({ cli }) => cli.flags === name);
      return flagLine(name, flag ? rawOf(flag) : '', problem);
    },
  };
  const resolution = resolveOptions((option) =>
    flags.get(option)?.checkedByTable ? given.get(option)?.parsed : undefined,
  );
  const byOption = new Map<string, OptionProblem[]>();
  for (const problem of resolution.problems) {
    const named = [problem.option, ...(problem.alsoOptions ?? [])].find((option) => flags.has(option)) ?? '';
    byOption.set(named, [...(byOption.get(named) ?? []), problem]);
  }
  const lines = [...flags.values()].flatMap((flag) => {
    const own = given.get(flag.name);
    if (flag.checkedByTable) return linesFor(byOption.get(flag.name) ?? [], surface);
    return own && !own.parsed.ok
      ? own.parsed.problems.map((problem) => flagLine(flag.cli.flags, own.raw, problem))
      : [];
  });
  const values = Object.fromEntries(
    [...given].map(([name, { parsed }]) => [
      name,
      flags.get(name)?.checkedByTable
        ? resolution.values[name as keyof typeof resolution.values]
        : parsed.ok
          ? parsed.value
          : undefined,
    ]),
  );
  return { values, lines };
}

/** Checks flag values given as text, as the command line does: for callers of the commands' functions. */
export function checkFlags(
  command: CommandName,
  raw: Readonly<Partial<Record<CommandOptionName, string>>>,
): FlagCheck {
  const flags = new Map(commandFlags(command).map((flag) => [flag.name, flag]));
  const given = new Map<CommandOptionName, Given>();
  for (const [name, text] of Object.entries(raw)) {
    const flag = flags.get(name as CommandOptionName);
    if (flag && text !== undefined) given.set(flag.name, readFlag(flag, text));
  }
  return checkGiven(command, given);
}

function commanderOption(flag: CommandFlag, given: Map<CommandOptionName, Given>): Option {
  const option = new Option(flag.cli.flags, flag.help);
  if (flag.kind.choices) option.choices(flag.kind.choices);
  if (flag.default !== undefined) option.default(flag.default);
  if (option.required || option.optional) {
    // Nothing is refused here: every value is kept and all problems are said at once, before the action.
    option.argParser((raw: string) => {
      const read = readFlag(flag, raw);
      given.set(flag.name, read);
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
  const options = commandFlags(name).map((flag) => [flag.name, commanderOption(flag, given)] as const);
  for (const [, option] of options) command.addOption(option);
  return command.hook('preAction', (self) => {
    const { values, lines } = checkGiven(name, given);
    given.clear();
    if (lines.length > 0) self.error(lines.join('\n'), { exitCode: 2, code: 'commander.invalidArgument' });
    for (const [option, commander] of options) {
      const value = values[option];
      if (value !== undefined) self.setOptionValue(commander.attributeName(), value);
    }
  });
}
