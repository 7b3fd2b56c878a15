/**
 * `npm run bench`: what translation costs, in characters, requests and time, and the Lambda bundle's size and
 * start-up time. One line per figure on stdout (value, target, PASS/FAIL, how it was measured); progress on
 * stderr. Exits 0 even when a target is missed: the report says FAIL. See bench/translation/run.ts.
 */
import { formatFigure, passes } from './translation/figures.js';
import { DEFAULT_BENCH_OPTIONS, runTranslationBench } from './translation/run.js';

const started = Date.now();
const figures = await runTranslationBench({
  ...DEFAULT_BENCH_OPTIONS,
  progress: (line) => process.stderr.write(`${line}\n`),
});
for (const figure of figures) process.stdout.write(`${formatFigure(figure)}\n`);
const failed = figures.filter((figure) => !passes(figure));
process.stdout.write(
  failed.length === 0
    ? `All ${figures.length} figures meet their targets (${((Date.now() - started) / 1000).toFixed(0)} s).\n`
    : `FAIL: ${failed.map((figure) => figure.name).join(', ')} miss their targets.\n`,
);
