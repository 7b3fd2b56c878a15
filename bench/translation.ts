/**
 * `npm run bench`: what translation costs, in characters, requests and time, the Lambda bundle's size and
 * start-up time, and the translation-quality table (bench/translation/quality.ts; `--no-quality` skips it,
 * `--quality-only` runs it alone). One line per figure on stdout (value, target, PASS/FAIL, how it was measured); progress on
 * stderr. Exits 0 even when a target is missed: the report says FAIL. See bench/translation/run.ts.
 */
import { formatFigure, passes } from './translation/figures.js';
import { translationQuality } from './translation/quality.js';
import { DEFAULT_BENCH_OPTIONS, runTranslationBench } from './translation/run.js';

const started = Date.now();
const progress = (line: string) => process.stderr.write(`${line}\n`);
const quality = process.argv.includes('--no-quality')
  ? { lines: ['translation quality: skipped (--no-quality)'], figures: [] }
  : await translationQuality(progress);
const costs = process.argv.includes('--quality-only')
  ? []
  : await runTranslationBench({ ...DEFAULT_BENCH_OPTIONS, progress });
const figures = [...costs, ...quality.figures];
for (const figure of figures) process.stdout.write(`${formatFigure(figure)}\n`);
for (const line of quality.lines) process.stdout.write(`${line}\n`);
const failed = figures.filter((figure) => !passes(figure));
process.stdout.write(
  failed.length === 0
    ? `All ${figures.length} figures meet their targets (${((Date.now() - started) / 1000).toFixed(0)} s).\n`
    : `FAIL: ${failed.map((figure) => figure.name).join(', ')} miss their targets.\n`,
);
