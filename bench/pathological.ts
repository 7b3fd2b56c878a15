/**
 * `npm run bench` (second part): the pathological-input table. Every hostile shape at 2.5 K, 5 K, 10 K and
 * 20 K characters, through the whole analysis, with its time and its ratio to ordinary prose of the same size
 * measured in the same run; the target is at most 2× prose everywhere. Options: `--only <name,...>`,
 * `--formats text,markdown,html`, `--sizes 2500,5000`, `--max-seconds N`, `--repeats N`, `--verbose`. Exits 0 even when a target is
 * missed: the table says FAIL.
 */
import { parseArgs } from 'node:util';
import type { SourceFormat } from '../functions/core/document.js';
import {
  DEFAULT_PATHOLOGICAL_OPTIONS,
  formatTable,
  rowPasses,
  runPathologicalBench,
} from './pathological/run.js';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    formats: { type: 'string' },
    sizes: { type: 'string' },
    'max-seconds': { type: 'string' },
    repeats: { type: 'string' },
    verbose: { type: 'boolean' },
  },
});
const list = (value: string | undefined): string[] | undefined => value?.split(',').filter(Boolean);
const options = {
  ...DEFAULT_PATHOLOGICAL_OPTIONS,
  ...(values.only ? { only: list(values.only) ?? [] } : {}),
  ...(values.formats ? { formats: (list(values.formats) ?? []) as SourceFormat[] } : {}),
  ...(values.sizes ? { sizes: (list(values.sizes) ?? []).map(Number) } : {}),
  ...(values['max-seconds'] ? { maxSeconds: Number(values['max-seconds']) } : {}),
  ...(values.repeats ? { repeats: Number(values.repeats) } : {}),
  ...(values.verbose ? { progress: (line: string) => process.stderr.write(`${line}\n`) } : {}),
};
const started = Date.now();
const rows = runPathologicalBench(options);
for (const line of formatTable(rows, options.sizes)) process.stdout.write(`${line}\n`);
const failed = rows.filter((row) => row.shape !== 'prose' && !rowPasses(row));
process.stdout.write(
  failed.length === 0
    ? `All ${rows.length} pathological rows within ${2}× prose (${((Date.now() - started) / 1000).toFixed(0)} s).\n`
    : `FAIL: ${failed.length} pathological row(s) over 2× prose: ${failed.map((row) => `${row.shape} (${row.format})`).join(', ')}.\n`,
);
