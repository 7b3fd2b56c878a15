/**
 * How the Translate client rides out a throttling storm: the loopback Translate-protocol server answers a share
 * of the requests with 429 for a while, and the same articles are translated into the same languages with the
 * SDK's `adaptive` retry mode (what `createTranslateClient` configures) and with `standard` mode, for comparison.
 * Reports, per mode, the time until every language of every article was translated or given up, the requests
 * sent and throttled, the SDK's retries, and the languages that failed (which the queue would deliver again).
 *
 *   npx tsx bench/throttle-storm.ts [--articles 12] [--languages es,fr,de] [--throttle 0.5] [--storm-seconds 20]
 */
import { parseArgs } from 'node:util';
import { TranslateClient } from '@aws-sdk/client-translate';
import { AmazonTranslateTranslator } from '../functions/adapters/amazon-translate-translator.js';
import {
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_TRANSLATE_REQUEST_TIMEOUT_MS,
} from '../functions/adapters/aws-clients.js';
import { TranslationError } from '../functions/core/errors.js';
import { startTranslateProtocolServer } from '../test/support/translate-protocol-server.js';
import { syntheticArticle } from './translation/synthetic-article.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '12' },
    languages: { type: 'string', default: 'es,fr,de' },
    throttle: { type: 'string', default: '0.5' },
    'storm-seconds': { type: 'string', default: '20' },
    'latency-ms': { type: 'string', default: '20' },
  },
});
const articles = Number(values.articles);
const languages = String(values.languages).split(',');
const share = Number(values.throttle);
const stormMs = Number(values['storm-seconds']) * 1000;

interface Row {
  readonly mode: string;
  readonly seconds: number;
  readonly requests: number;
  readonly throttled: number;
  readonly retries: number;
  readonly failedLanguages: number;
}

async function storm(mode: 'adaptive' | 'standard'): Promise<Row> {
  let stormEnds: number | undefined;
  let draws = 0;
  const server = await startTranslateProtocolServer({
    latencyMs: Number(values['latency-ms']),
    faults: {
      // Every other request, deterministically, while the storm lasts.
      custom: () => {
        stormEnds ??= Date.now() + stormMs;
        draws += share;
        const throttle = Date.now() < stormEnds && draws >= 1;
        if (throttle) draws -= 1;
        return throttle ? { status: 429, type: 'ThrottlingException', message: 'Rate exceeded' } : undefined;
      },
    },
  });
  // As `createTranslateClient` builds it, but for the retry mode.
  const client = new TranslateClient({
    endpoint: server.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'BENCH', secretAccessKey: 'bench' },
    retryMode: mode,
    maxAttempts: DEFAULT_MAX_ATTEMPTS,
    requestHandler: { requestTimeout: DEFAULT_TRANSLATE_REQUEST_TIMEOUT_MS, throwOnRequestTimeout: true },
  });
  const translator = new AmazonTranslateTranslator({ client });
  const started = Date.now();
  let retries = 0;
  let failedLanguages = 0;
  await Promise.all(
    Array.from({ length: articles }, (_, index) => {
      const article = syntheticArticle({ seed: index + 1, bytes: 2500 });
      const segments = [article.headline, ...article.paragraphs.flat()];
      return Promise.all(
        languages.map(async (targetLanguage) => {
          try {
            const result = await translator.translate({ sourceLanguage: 'en', targetLanguage, segments });
            retries += result.usage.retries;
          } catch (error) {
            if (!(error instanceof TranslationError)) throw error;
            failedLanguages++;
          }
        }),
      );
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  const stats = server.stats();
  client.destroy();
  await server.close();
  return {
    mode,
    seconds,
    requests: stats.requests,
    throttled: stats.outcomes.throttled,
    retries,
    failedLanguages,
  };
}

const rows = [await storm('adaptive'), await storm('standard')];
process.stdout.write(
  `${articles} articles × ${languages.length} languages; ${Math.round(share * 100)} % of requests answered 429 for the first ${stormMs / 1000} s\n\n`,
);
process.stdout.write('| retry mode | time | requests | throttled | SDK retries | languages given up |\n');
process.stdout.write('|---|---|---|---|---|---|\n');
for (const row of rows)
  process.stdout.write(
    `| ${row.mode} | ${row.seconds.toFixed(1)} s | ${row.requests} | ${row.throttled} | ${row.retries} | ${row.failedLanguages} |\n`,
  );
