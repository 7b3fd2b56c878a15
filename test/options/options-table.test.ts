import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkFlags } from '../../functions/cli/flags.js';
import { pipelineSettings } from '../../functions/core/settings.js';
import { parseLambdaConfig } from '../../functions/lambda/config.js';
import { decodeEnvironment, encodeEnvironment } from '../../functions/shared/options/environment.js';
import { InvalidOptionsError } from '../../functions/shared/options/problems.js';
import { CONTEXT_KEYS, defaultValues, OPTION_NAMES, OPTIONS } from '../../functions/shared/options/table.js';
import { parsePipelineContext } from '../../infra/pipeline-context.js';
import { pipelineEnvironment } from '../../infra/pipeline-environment.js';
import {
  optionValuesOf,
  type PipelineOptions,
  resolveDeploymentSettings,
} from '../../infra/pipeline-settings.js';

/** Every option the environment carries set away from its default. */
const everythingSet: PipelineOptions = {
  languages: ['de', 'es', 'zh-TW'],
  sourceLanguage: 'auto',
  translationSettings: { de: { formality: 'FORMAL', profanity: 'MASK' }, es: { profanity: 'MASK' } },
  terminologies: { de: 'newsroom-names', es: 'sports_2' },
  maxArticleBytes: 524_288,
  translateConcurrency: 20,
  translationScope: 'brief',
  pricePerMillionCharacters: 12.5,
  publicBaseUrl: 'https://news.example.org/site',
  logLevel: 'DEBUG',
  prefixes: { incoming: 'in/', published: 'out/pages/', failed: 'out/failed/', cache: 'memory/' },
};

/** The secret the construct creates for the memory key, and puts in the function's environment. */
const memoryKeySecret = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:MemoryKey-AbCdEf';
/** The variables the function needs set. */
const requiredEnvironment = {
  SOURCE_LANGUAGE: 'en',
  TARGET_LANGUAGES: 'es',
  MEMORY_KEY_SECRET: memoryKeySecret,
};

function thrown(attempt: () => unknown): InvalidOptionsError {
  try {
    attempt();
  } catch (error) {
    if (error instanceof InvalidOptionsError) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

describe('the function environment', () => {
  it('decodes what it encodes, for the defaults and for every option set', () => {
    for (const options of [{}, everythingSet]) {
      const values = { ...optionValuesOf(resolveDeploymentSettings(options)), memoryKeySecret };

      expect(decodeEnvironment(encodeEnvironment(values))).toEqual(values);
    }
  });

  it('is what the construct sets and what the handler reads back', () => {
    const settings = resolveDeploymentSettings(everythingSet);
    const config = parseLambdaConfig(pipelineEnvironment(settings, memoryKeySecret));
    const { pipelineVersion, ...pipeline } = pipelineSettings(optionValuesOf(settings), '');

    expect(config.pipeline).toEqual(pipeline);
    expect([config.pipeline.sourceLanguage, config.pipeline.incomingPrefix]).toEqual(['auto', 'in/']);
    expect(config).toMatchObject({
      translateSettings: everythingSet.translationSettings,
      terminologies: { de: 'newsroom-names', es: 'sports_2' },
      translateConcurrency: 20,
      cachePrefix: 'memory/',
      memoryKeySecret,
      eventBusName: 'default',
      serviceName: 'polybrief',
      metricsNamespace: 'Polybrief',
    });
  });

  it('holds a variable for every option the function reads, and only those', () => {
    expect(Object.keys(encodeEnvironment(defaultValues()))).toEqual(
      OPTION_NAMES.flatMap((name) => {
        const env = (OPTIONS[name] as { env?: { name: string } }).env;
        return env ? [env.name] : [];
      }),
    );
  });
});

describe('every surface collects every problem, naming each option as it was set there', () => {
  it('CDK context: the context keys', () => {
    const error = thrown(() =>
      parsePipelineContext({
        languages: 'es,fr,xx',
        translationScope: 'summary',
        maxArticleBytes: '2MB',
        formality: 'fr=polite',
        terminology: 'newsroom names',
        reservedConcurrency: '3',
        alarmEmail: 'desk',
      }),
    );

    expect(error.lines).toEqual([
      expect.stringMatching(
        /^Invalid CDK context "languages": Unknown language code "xx" in context "languages"\./,
      ),
      'Invalid CDK context "maxArticleBytes": expected a whole number of at least 1, got "2MB".',
      'Invalid CDK context "formality": fr must be FORMAL or INFORMAL, got "POLITE".',
      'Invalid CDK context "terminology": "newsroom names" is not an Amazon Translate terminology name (letters, digits, "-" and single "_", up to 256).',
      'Invalid CDK context "translationScope": expected full or brief (full translates the whole article; brief only the headline, summary, quotes and the names in the facts), got "summary".',
      'Invalid CDK context "alarmEmail": expected an email address, got "desk".',
      // Rules across options come after each option's own.
      'Invalid CDK context "reservedConcurrency": 3 is below maxConcurrency (5): the queue poller would be throttled and throttled messages still count toward maxReceiveCount. Reserve at least maxConcurrency, or lower maxConcurrency.',
    ]);
    expect(error.message).toBe(error.lines.join('\n'));
    expect(error.problems.map((problem) => problem.option)).toEqual([
      'languages',
      'maxArticleBytes',
      'translationSettings',
      'terminologies',
      'translationScope',
      'alarmEmail',
      'reservedConcurrency',
    ]);
  });

  it('CDK context: a setting the function cannot be sized for, under the key that was set', () => {
    expect(thrown(() => parsePipelineContext({ maxArticleBytes: '99999999' })).lines).toEqual([
      'Invalid CDK context "maxArticleBytes": maxArticleBytes=99999999 into 6 language(s) needs about 15616 MiB, over Lambda\'s 10240 MiB limit. Lower maxArticleBytes or translate into fewer languages.',
    ]);
  });

  it('construct props: the property paths', () => {
    const error = thrown(() =>
      resolveDeploymentSettings({
        languages: ['es', 'klingon'],
        translationSettings: { ru: { formality: 'FORMAL' } },
        maxConcurrency: 1,
        batchSize: 0,
        prefixes: { failed: 'failed', cache: 'incoming/cache/' },
      }),
    );

    expect(error.lines).toEqual([
      expect.stringMatching(/^Invalid languages: Unknown language code "klingon" in languages\./),
      'Invalid translationSettings: Amazon Translate ignores formality for ru; it applies to nl, fr, fr-CA, de, hi, it, ja, ko, pt-PT, es, es-MX.',
      'Invalid prefixes.failed: The failed prefix "failed" must be a relative folder ending with "/" (e.g. "failed/").',
      'Invalid batchSize: expected a whole number from 1 to 10000, got 0.',
      'Invalid maxConcurrency: expected a whole number from 2 to 1000, got 1.',
    ]);
  });

  it('construct props: prefixes that overlap, under the later one', () => {
    expect(thrown(() => resolveDeploymentSettings({ prefixes: { cache: 'incoming/cache/' } })).lines).toEqual(
      [
        'Invalid prefixes.cache: The incoming prefix "incoming/" and the cache prefix "incoming/cache/" overlap; each must be its own folder so the pipeline never reads its own output as input.',
      ],
    );
  });

  it('Lambda environment: the variables', () => {
    const environment = {
      SOURCE_LANGUAGE: 'en',
      TARGET_LANGUAGES: 'es',
      TRANSLATE_CONCURRENCY: '500',
      MEMORY_KEY_SECRET: memoryKeySecret,
    };
    const error = thrown(() =>
      decodeEnvironment({
        ...environment,
        TRANSLATE_SETTINGS: '{"fr":{"profanity":"MASK"}}',
        POWERTOOLS_LOG_LEVEL: 'chatty',
      }),
    );

    expect(error.message).toBe(
      [
        'polybrief is misconfigured:',
        '- TRANSLATE_CONCURRENCY must be a whole number from 1 to 100 (got 500)',
        '- POWERTOOLS_LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, CRITICAL, SILENT (got "chatty")',
        '- TRANSLATE_SETTINGS: fr is not one of the target languages (es).',
      ].join('\n'),
    );
  });

  it('command line: the flags, as commander words an invalid argument', () => {
    const { lines } = checkFlags('dev', {
      port: '70000',
      translationScope: 'summary',
      maxArticleBytes: '0',
      maxReceiveCount: 'many',
      cachePrefix: 'published',
      pricePerMillionCharacters: '-3',
    });

    expect(lines).toEqual([
      "error: option '-p, --port <n>' argument '70000' is invalid. expected a port number from 0 (any free port) to 65535",
      "error: option '--scope <scope>' argument 'summary' is invalid. Allowed choices are full, brief.",
      "error: option '--max-article-bytes <n>' argument '0' is invalid. expected a whole number of at least 1",
      "error: option '--max-receive-count <n>' argument 'many' is invalid. expected a whole number of at least 1",
      'error: option \'--cache-prefix <prefix>\' argument \'published\' is invalid. The published prefix "published/" and the cache prefix "published/" overlap; each must be its own folder so the pipeline never reads its own output as input.',
      "error: option '--price <usd>' argument '-3' is invalid. expected a price in USD of 0 or more, such as 15",
    ]);
  });

  it('command line: values read as the flags are, checked and canonical', () => {
    expect(
      checkFlags('run', { cachePrefix: 'memory/tm', translationScope: 'Brief', concurrency: '2' }),
    ).toEqual({
      values: { cachePrefix: 'memory/tm/', translationScope: 'brief', concurrency: 2 },
      lines: [],
    });
  });

  it('command line: the analysis budget, on both commands', () => {
    for (const command of ['run', 'dev'] as const) {
      expect(checkFlags(command, { analysisBudgetMs: '30000' })).toEqual({
        values: { analysisBudgetMs: 30_000 },
        lines: [],
      });
      expect(checkFlags(command, { analysisBudgetMs: '10' }).lines).toEqual([
        "error: option '--analysis-budget-ms <ms>' argument '10' is invalid. expected a whole number of milliseconds from 1000 to 600000 (10 minutes)",
      ]);
    }
  });
});

describe('the public base URL', () => {
  it('is an absolute http(s) URL, made to end in a slash, on every surface', () => {
    expect(resolveDeploymentSettings({ publicBaseUrl: 'https://news.example.org/site' }).publicBaseUrl).toBe(
      'https://news.example.org/site/',
    );
    expect(parsePipelineContext({ publicBaseUrl: 'http://127.0.0.1:8080' }).props.publicBaseUrl).toBe(
      'http://127.0.0.1:8080/',
    );
    expect(decodeEnvironment({ ...requiredEnvironment, PUBLIC_BASE_URL: '' }).publicBaseUrl).toBeUndefined();
    expect(checkFlags('run', { publicBaseUrl: ' https://News.Example.org ' }).values).toEqual({
      publicBaseUrl: 'https://news.example.org/',
    });
  });

  it('refuses a relative address, another scheme, credentials, a query or a fragment', () => {
    const refused = [
      '/site/',
      'news.example.org',
      'ftp://news.example.org/',
      'javascript:alert(1)//',
      'https://desk:secret@news.example.org/',
      'https://news.example.org/?page=1',
      'https://news.example.org/#top',
      'https://news.example.org/?',
    ];
    for (const value of refused)
      expect(checkFlags('dev', { publicBaseUrl: value }).lines, value).toEqual([
        `error: option '--public-base-url <url>' argument '${value}' is invalid. expected an absolute https: or http: URL without query or fragment, such as https://news.example.org/`,
      ]);
    expect(
      thrown(() => parsePipelineContext({ publicBaseUrl: 'https://news.example.org/#top' })).lines,
    ).toEqual([
      'Invalid CDK context "publicBaseUrl": expected an absolute https: or http: URL without query or fragment, such as https://news.example.org/, got "https://news.example.org/#top".',
    ]);
  });
});

describe('the options table', () => {
  const { context } = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  };

  it('names every context key once, and cdk.json sets only those', () => {
    expect(new Set(CONTEXT_KEYS).size).toBe(CONTEXT_KEYS.length);
    for (const key of Object.keys(context).filter((key) => !key.includes(':')))
      expect(CONTEXT_KEYS).toContain(key);
  });

  it('gives cdk.json the table defaults, so a synth without overrides deploys them', () => {
    const defaults = defaultValues();

    expect(context.languages).toEqual(defaults.languages);
    expect(context.sourceLanguage).toBe(defaults.sourceLanguage);
    expect(context.maxArticleBytes).toBe(defaults.maxArticleBytes);
    expect(context.translationScope).toBe(defaults.translationScope);
    expect(context.cacheExpirationDays).toBe(defaults.cacheExpirationDays);
  });
});
