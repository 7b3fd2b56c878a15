/**
 * The throttling storm comparison on its own (`npm run bench` runs it too, with its figures): every retry strategy
 * and per-language concurrency of bench/translation/throttle-storm.ts, calm and under the storm, side by side.
 *
 *   npx tsx bench/throttle-storm.ts [--articles 8] [--bytes 25000] [--languages es,fr,de] [--share 0.4]
 *     [--latency-ms 300] [--repeats 3]
 */
import { parseArgs } from 'node:util';
import { compareStorms, DEFAULT_STORM_OPTIONS } from './translation/throttle-storm.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: String(DEFAULT_STORM_OPTIONS.articles) },
    bytes: { type: 'string', default: String(DEFAULT_STORM_OPTIONS.articleBytes) },
    languages: { type: 'string', default: DEFAULT_STORM_OPTIONS.languages.join(',') },
    share: { type: 'string', default: String(DEFAULT_STORM_OPTIONS.share) },
    'latency-ms': { type: 'string', default: String(DEFAULT_STORM_OPTIONS.latencyMs) },
    repeats: { type: 'string', default: String(DEFAULT_STORM_OPTIONS.repeats) },
  },
});
const options = {
  ...DEFAULT_STORM_OPTIONS,
  articles: Number(values.articles),
  articleBytes: Number(values.bytes),
  languages: String(values.languages).split(','),
  share: Number(values.share),
  latencyMs: Number(values['latency-ms']),
  repeats: Number(values.repeats),
};
const rows = await compareStorms(options, (line) => process.stderr.write(`${line}\n`));
process.stdout.write(
  `${options.articles} articles of ${options.articleBytes} bytes × ${options.languages.length} languages, one client; ${Math.round(options.share * 100)} % of requests answered 429 (in ${options.throttleLatencyMs} ms), the others in ${options.latencyMs} ms; median of ${options.repeats}\n\n`,
);
process.stdout.write(
  '| configuration | calm | storm | ratio | requests | throttled | languages given up |\n',
);
process.stdout.write('|---|---|---|---|---|---|---|\n');
for (const row of rows)
  process.stdout.write(
    `| ${row.config.label} | ${row.calm.toFixed(2)} s | ${row.storm.toFixed(2)} s | ${row.ratio.toFixed(2)} | ${row.requests} | ${row.throttled} | ${row.givenUp} |\n`,
  );
