/**
 * The README's option tables are written from the options tables (functions/shared/options/table.ts for the
 * pipeline's options, functions/cli/command-options.ts for the command line's own), between marker comments
 * `<!-- options:NAME -->` and `<!-- /options:NAME -->`. `test/options/readme-options.test.ts` fails when the README
 * differs from what this writes, so an option cannot change without its documentation.
 *
 * Run: `npm run docs:options` (writes README.md), or with `--check` (exit 1 when out of step).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  type CommandFlag,
  type CommandName,
  commandFlag,
  commandFlags,
} from '../functions/cli/command-options.js';
import { OPTION_NAMES, optionSpec } from '../functions/shared/options/table.js';

export const readmePath = fileURLToPath(new URL('../README.md', import.meta.url));

/** Options in the table of settings shared by the deployed function and `polybrief run`. */
const ACROSS_SURFACES = [
  'pricePerMillionCharacters',
  'maxCharactersPerArticle',
  'cachePrefix',
  'cache',
  'translationScope',
] as const;

const code = (text: string) => `\`${text}\``;

/** A Markdown table with its columns padded, as Prettier writes one. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const width = (text: string) => [...text].length;
  const widths = header.map((title, column) =>
    Math.max(3, width(title), ...rows.map((row) => width(row[column] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell + ' '.repeat((widths[column] ?? 0) - width(cell))).join(' | ')} |`;
  return [line(header), line(widths.map((size) => '-'.repeat(size))), ...rows.map(line)].join('\n');
}

/** `--out DIR`, `--scope full\|brief`, `--install-missing`. */
function flagLabel({ kind, cli }: CommandFlag): string {
  const long = /--[\w-]+/.exec(cli.flags)?.[0] ?? cli.flags;
  const argument = /<([^>]+)>/.exec(cli.flags)?.[1];
  if (argument === undefined) return code(long);
  return code(`${long} ${kind.choices ? kind.choices.join('\\|') : argument.toUpperCase()}`);
}

function shownDefault(value: unknown, format: (value: unknown) => string): string {
  if (value === undefined) return 'none';
  if (value === false) return 'off';
  const text = format(value);
  return text === '' || text === '{}' ? 'none' : code(text);
}

function flagDefaultText(flag: CommandFlag): string {
  return flag.cli.readmeDefault ?? shownDefault(flag.default, (value) => flag.kind.format(value));
}

function commandTable(command: CommandName): string {
  return markdownTable(
    ['option', 'default', ''],
    commandFlags(command).map((flag) => [flagLabel(flag), flagDefaultText(flag), flag.doc]),
  );
}

function contextTable(): string {
  const rows = OPTION_NAMES.flatMap((name) => {
    const spec = optionSpec(name);
    if (!spec.context) return [];
    const { key, parts, doc } = spec.context;
    const keys = parts ? Object.keys(parts) : [key];
    return [[keys.map(code).join(', '), shownDefault(spec.default, (value) => spec.kind.format(value)), doc]];
  });
  return markdownTable(['context key', 'default', ''], rows);
}

function acrossSurfacesTable(): string {
  return markdownTable(
    ['setting', 'Lambda environment', '`polybrief run`', 'default'],
    ACROSS_SURFACES.map((name) => {
      const flag = commandFlag(name, 'run');
      return [
        flag.summary ?? name,
        flag.variable ? code(flag.variable) : '—',
        flagLabel(flag),
        flagDefaultText(flag),
      ];
    }),
  );
}

/** Every generated table, by the name its markers carry. */
export function optionTables(): Record<string, string> {
  return {
    run: commandTable('run'),
    dev: commandTable('dev'),
    context: contextTable(),
    'across-surfaces': acrossSurfacesTable(),
  };
}

/** The README with each marked table replaced by the generated one. */
export function withOptionTables(readme: string): string {
  let text = readme;
  for (const [name, table] of Object.entries(optionTables())) {
    const pattern = new RegExp(`(<!-- options:${name} -->\\n)[\\s\\S]*?(\\n<!-- /options:${name} -->)`);
    if (!pattern.test(text)) throw new Error(`README.md has no <!-- options:${name} --> section`);
    text = text.replace(pattern, (_, open: string, close: string) => `${open}${table}${close}`);
  }
  return text;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const readme = readFileSync(readmePath, 'utf8');
  const updated = withOptionTables(readme);
  if (process.argv.includes('--check')) {
    if (updated !== readme) {
      console.error(
        'README.md option tables are out of step with the options table: run npm run docs:options',
      );
      process.exit(1);
    }
  } else if (updated !== readme) {
    writeFileSync(readmePath, updated);
    console.log('README.md option tables updated');
  }
}
