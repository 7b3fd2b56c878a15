/**
 * The translation benchmark: the real pipeline (`processArticle`) with the real Amazon Translate adapter and SDK
 * client, pointed through `AWS_ENDPOINT_URL_TRANSLATE` at a loopback server that speaks the TranslateText JSON
 * protocol and answers every request after a fixed latency. Articles are synthetic (see synthetic-article.ts).
 * Every figure is a ratio (or a count) measured in the same run.
 */
import { performance } from 'node:perf_hooks';
import { AmazonTranslateTranslator } from '../../functions/adapters/amazon-translate-translator.js';
import { createTranslateClient } from '../../functions/adapters/aws-clients.js';
import { systemClock } from '../../functions/adapters/system-clock.js';
import type { TranslationScope } from '../../functions/core/contract.js';
import { allSentences, headlineOf } from '../../functions/core/document.js';
import { extractFacts, summarize } from '../../functions/core/facts/index.js';
import { type ArticleOutcome, processArticle } from '../../functions/core/pipeline.js';
import { parseArticle } from '../../functions/core/read/parse-article.js';
import {
  defaultPrefixes,
  defaultSpendSettings,
  type PipelineSettings,
} from '../../functions/core/settings.js';
import { SegmentSet } from '../../functions/core/translate/segments.js';
import { nameSegments, planTranslation } from '../../functions/core/translate/segments-to-translate.js';
import {
  TranslationMemory,
  type TranslationMemoryOptions,
} from '../../functions/core/translate/translation-memory.js';
import {
  DEFAULT_TRANSLATE_CONCURRENCY,
  DEFAULT_TRANSLATE_CONCURRENCY_PER_LANGUAGE,
} from '../../functions/shared/translate-concurrency.js';
import {
  DEFAULT_MEMORY_CONCURRENCY,
  DEFAULT_PACK_SIZE,
} from '../../functions/shared/translation-memory-defaults.js';
import { SIZING_ASSUMPTIONS } from '../../infra/function-sizing.js';
import { MemoryArticleStore } from '../../test/doubles/memory-store.js';
import { silentLogger, TEST_MEMORY_KEY } from '../../test/doubles/pipeline-fixture.js';
import {
  type FaultPlan,
  startTranslateProtocolServer,
  TRANSLATE_MAX_TEXT_BYTES,
  type TranslateProtocolServer,
  type TranslateServerStats,
} from '../../test/support/translate-protocol-server.js';
import { measureBundle } from './bundle.js';
import { type Figure, logLogSlope, median } from './figures.js';
import {
  articleText,
  type SyntheticArticle,
  syntheticArticle,
  withParagraphRewritten,
} from './synthetic-article.js';
import { DEFAULT_STORM_OPTIONS, type StormOptions, stormFigures } from './throttle-storm.js';

export interface TranslationBenchOptions {
  /** Fixed time the loopback server takes to answer each TranslateText request. */
  readonly latencyMs: number;
  /** Time the store takes per request in the memory layout comparison (S3's round trip); 0 elsewhere. */
  readonly storeLatencyMs: number;
  /** Size of the main article (billed, calls, re-upload, duplicate, fan-out, layout). */
  readonly articleBytes: number;
  /** Article sizes for the scaling exponent. */
  readonly scalingBytes: readonly number[];
  /**
   * Timed runs per measurement; the fastest is kept, since other work on the machine only ever adds time.
   * Articles of 256 KB or more are run once.
   */
  readonly repeats: number;
  /** Fresh processes per import-time measurement of the Lambda bundle; 0 skips the bundle. */
  readonly bundleRuns: number;
  /** The throttling storm comparison (throttle-storm.ts); absent: skipped. */
  readonly storm?: StormOptions;
  readonly progress?: (line: string) => void;
}

export const DEFAULT_BENCH_OPTIONS: TranslationBenchOptions = {
  // What the function's sizing assumes a request takes (infra/function-sizing.ts).
  latencyMs: SIZING_ASSUMPTIONS.secondsPerTranslateRequest * 1000,
  storeLatencyMs: 10,
  articleBytes: 40_000,
  scalingBytes: [4_096, 16_384, 65_536, 262_144, 1_048_576],
  repeats: 4,
  bundleRuns: 5,
  storm: DEFAULT_STORM_OPTIONS,
};

const LANGUAGES = ['es', 'fr', 'de', 'ru', 'zh', 'ar'];
const KEY = 'incoming/bench-article.txt';

/**
 * A fresh in-memory bucket for one measurement. ETags are the version ids (no hashing: the store's own time must
 * not weigh on what is measured); `latencyMs` per request stands in for S3's round trip.
 */
function benchStore(latencyMs = 0): MemoryArticleStore {
  return new MemoryArticleStore({ location: 'bench-bucket', etags: 'version-id', latencyMs });
}

interface Context {
  readonly server: TranslateProtocolServer;
  readonly translator: AmazonTranslateTranslator;
}

interface Run {
  readonly outcome: ArticleOutcome;
  readonly ms: number;
  readonly stats: TranslateServerStats;
}

interface PublishOptions {
  readonly languages?: readonly string[];
  readonly scope?: TranslationScope;
  /** Layout of the memory, or `false` for none. */
  readonly memory?: Partial<TranslationMemoryOptions> | false;
  readonly versionId?: string | undefined;
  /** Faults the server injects during this run only. */
  readonly faults?: FaultPlan;
}

function settingsFor(languages: readonly string[], scope: TranslationScope): PipelineSettings {
  return {
    ...defaultPrefixes,
    ...defaultSpendSettings,
    sourceLanguage: 'en',
    targetLanguages: languages,
    maxArticleBytes: 4 * 1_048_576,
    pipelineVersion: 'bench',
    translationScope: scope,
    pricePerMillionCharacters: 15,
  };
}

async function publish(
  context: Context,
  store: MemoryArticleStore,
  options: PublishOptions = {},
): Promise<Run> {
  context.server.reset();
  if (options.faults) context.server.inject(options.faults);
  const memory = options.memory ?? {};
  const translator =
    memory === false
      ? context.translator
      : new TranslationMemory(context.translator, {
          store,
          prefix: 'cache/',
          memoryKey: TEST_MEMORY_KEY,
          logger: silentLogger,
          ...memory,
        });
  const started = performance.now();
  const outcome = await processArticle(
    { key: KEY, ...(options.versionId ? { versionId: options.versionId } : {}) },
    settingsFor(options.languages ?? LANGUAGES, options.scope ?? 'full'),
    { store, translator, clock: systemClock, logger: silentLogger },
  );
  const ms = performance.now() - started;
  if (outcome.status === 'failed' || outcome.status === 'ignored') {
    throw new Error(`the benchmark article was not published: ${JSON.stringify(outcome)}`);
  }
  return { outcome, ms, stats: context.server.stats() };
}

function codePoints(text: string): number {
  return [...text].length;
}

interface Analysis {
  /** Distinct sentences (headline and caption included), as the pipeline keys them. */
  readonly sentences: readonly string[];
  /** The names in the facts sent besides the sentences. */
  readonly names: readonly string[];
  /** Characters of inline markup the tagged sentences carry (kept names' `translate=no` elements). */
  readonly markup: number;
  /** Everything sent in `full` scope, tagged sentences as sent. */
  readonly segments: readonly string[];
}

function analyse(text: string): Analysis {
  const document = parseArticle(text, 'text');
  const facts = extractFacts(document, { referenceDate: '2024-06-01' });
  const sentences = new SegmentSet();
  sentences.add(headlineOf(document).text);
  if (document.caption) sentences.add(document.caption.text);
  sentences.addAll(allSentences(document).map((sentence) => sentence.text));
  const analysed = {
    articleId: 'bench',
    key: KEY,
    sourceLanguage: 'en',
    document,
    facts,
    summary: summarize(document, facts),
    factsLanguage: 'en' as const,
    referenceDate: '2024-06-01',
  };
  // As for Amazon Translate, which bills markup: only the elements that must stay are sent.
  const plan = planTranslation(analysed, 'full', { locate: false });
  const markup = sum(plan.tagged.map((sentence) => codePoints(sentence.key) - codePoints(sentence.text)));
  const segments = [...plan.tagged.map((sentence) => sentence.key), ...plan.plain];
  return { sentences: sentences.list(), names: nameSegments(analysed), markup, segments };
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const count = (value: number) => Math.round(value).toLocaleString('en');
const perLanguage = (stats: TranslateServerStats, field: 'characters' | 'requests') =>
  LANGUAGES.map((language) => stats.byLanguage[language]?.[field] ?? 0);

/** Billed characters, requests per language, duplicate delivery and re-upload on the main article. */
async function mainArticle(context: Context, options: TranslationBenchOptions): Promise<Figure[]> {
  const article = syntheticArticle({ seed: 2024, bytes: options.articleBytes, paragraphs: 10 });
  const text = articleText(article);
  const bytes = Buffer.byteLength(text);
  const analysis = analyse(text);
  const distinctCharacters = sum(analysis.sentences.map(codePoints));
  const { names } = analysis;
  const store = benchStore();
  const v1 = store.upload(KEY, text).versionId;

  const first = await publish(context, store, { versionId: v1 });
  const characters = perLanguage(first.stats, 'characters');
  const requests = perLanguage(first.stats, 'requests');
  const minimum = Math.ceil(bytes / TRANSLATE_MAX_TEXT_BYTES);

  const before = store.versions();
  store.resetCounts();
  const duplicate = await publish(context, store, { versionId: v1 });
  const after = store.versions();
  const changed = [...after].filter(([key, state]) => before.get(key) !== state).length;
  const writes = sum([...store.counts.values()].map((counts) => counts.puts));

  const edited = withParagraphRewritten(article, 4, 77);
  const v2 = store.upload(KEY, articleText(edited)).versionId;
  const reupload = await publish(context, store, { versionId: v2 });
  const editedCharacters = sum((edited.paragraphs[4] ?? []).map(codePoints));

  return [
    {
      name: 'billed_ratio',
      value: Math.max(...characters) / (distinctCharacters + analysis.markup),
      kind: 'max',
      target: 1.1,
      digits: 3,
      detail: `characters sent per language (most: ${count(Math.max(...characters))}) ÷ ${count(distinctCharacters)} characters of the ${analysis.sentences.length} distinct sentences of a ${count(bytes)}-byte article and the ${count(analysis.markup)} of their kept names' markup (markup_ratio); overhead = ${analysis.sentences.length + names.length - 1} line breaks + ${names.length} names (${count(sum(names.map(codePoints)))} characters)`,
    },
    {
      name: 'markup_ratio',
      value: analysis.markup / distinctCharacters,
      kind: 'max',
      target: 0.3,
      digits: 3,
      detail: `characters of translate=no elements keeping people's and organisations' names (${count(analysis.markup)}) ÷ ${count(distinctCharacters)} characters of the distinct sentences: what keeping names costs with Amazon Translate, which bills tags (places and quotes are not marked for it)`,
    },
    {
      name: 'calls_ratio',
      value: Math.max(...requests) / minimum,
      kind: 'max',
      target: 1.25,
      digits: 3,
      detail: `requests per language (${[...new Set(requests)].join('/')}) ÷ ⌈${count(bytes)} bytes ÷ 10,000⌉ = ${minimum}; names travel in the sentences' requests`,
    },
    {
      name: 'reupload_ratio',
      value: reupload.stats.characters / first.stats.characters,
      kind: 'max',
      target: 0.15,
      digits: 3,
      detail: `${count(reupload.stats.characters)} characters sent after rewriting paragraph 5 of 10 (${count(editedCharacters)} characters per language) ÷ ${count(first.stats.characters)} the first time (6 languages)`,
    },
    {
      name: 'duplicate_calls',
      value: duplicate.stats.requests,
      kind: 'equal',
      target: 0,
      digits: 0,
      detail: `Translate requests for a second delivery of the same object version: outcome ${duplicate.outcome.status}, ${writes} store writes, ${changed} objects changed (outputs and manifest byte-identical)`,
    },
  ];
}

/** A redelivery completing a partial set: only the language that failed is translated. */
async function resume(context: Context, options: TranslationBenchOptions): Promise<Figure> {
  const text = articleText(syntheticArticle({ seed: 31, bytes: options.articleBytes / 2 }));
  const store = benchStore();
  const version = store.upload(KEY, text).versionId;
  const partial = await publish(context, store, {
    versionId: version,
    faults: { unsupportedTargets: ['ar'] },
  });
  const oneLanguage =
    sum(LANGUAGES.map((language) => partial.stats.byLanguage[language]?.characters ?? 0)) / 5;
  const redelivery = await publish(context, store, { versionId: version });
  return {
    name: 'resume_ratio',
    value: redelivery.stats.characters / oneLanguage,
    kind: 'max',
    target: 1.05,
    digits: 3,
    detail: `characters sent by the redelivery of a set published without ar (${partial.outcome.status} → ${redelivery.outcome.status}) ÷ ${count(oneLanguage)} characters of one language: the five published languages come from memory`,
  };
}

/** `brief` scope against `full` on the same article. */
async function brief(context: Context, options: TranslationBenchOptions): Promise<Figure> {
  const text = articleText(syntheticArticle({ seed: 2024, bytes: options.articleBytes, paragraphs: 10 }));
  const fullStore = benchStore();
  const briefStore = benchStore();
  fullStore.upload(KEY, text);
  briefStore.upload(KEY, text);
  const full = await publish(context, fullStore);
  const short = await publish(context, briefStore, { scope: 'brief' });
  return {
    name: 'brief_ratio',
    value: short.stats.characters / full.stats.characters,
    kind: 'max',
    target: 0.5,
    digits: 3,
    detail: `characters sent in brief scope (headline, summary, quotes, names) ÷ full scope: ${count(short.stats.characters)} ÷ ${count(full.stats.characters)}`,
  };
}

/** An article sharing half its paragraphs with one published before: once, ever, across articles. */
async function crossArticle(context: Context, options: TranslationBenchOptions): Promise<Figure> {
  const earlier = syntheticArticle({ seed: 41, bytes: options.articleBytes / 2, paragraphs: 10 });
  const other = syntheticArticle({ seed: 42, bytes: options.articleBytes / 2, paragraphs: 10 });
  const later: SyntheticArticle = {
    ...other,
    paragraphs: [...other.paragraphs.slice(0, 5), ...earlier.paragraphs.slice(5)],
  };
  const known = new Set(analyse(articleText(earlier)).segments);
  const fresh = analyse(articleText(later)).segments.filter((segment) => !known.has(segment));
  const minimum = LANGUAGES.length * sum(fresh.map(codePoints));
  const sent: Record<string, number> = {};
  for (const [layout, memory] of [
    ['segments and packs', {}],
    ['packs only', { segmentEntries: false }],
  ] as const) {
    const store = benchStore();
    store.upload('incoming/earlier.txt', articleText(earlier));
    context.server.reset();
    await processArticle({ key: 'incoming/earlier.txt' }, settingsFor(LANGUAGES, 'full'), {
      store,
      translator: new TranslationMemory(context.translator, {
        store,
        prefix: 'cache/',
        memoryKey: TEST_MEMORY_KEY,
        ...memory,
      }),
      clock: systemClock,
      logger: silentLogger,
    });
    store.upload(KEY, articleText(later));
    sent[layout] = (await publish(context, store, { memory })).stats.characters;
  }
  return {
    name: 'cross_article_ratio',
    value: (sent['segments and packs'] ?? 0) / minimum,
    kind: 'max',
    target: 1.1,
    digits: 3,
    detail: `characters sent for an article whose paragraphs 6-10 were published in another article ÷ ${count(minimum)} characters of its texts never seen before (packs only: ${((sent['packs only'] ?? 0) / minimum).toFixed(3)})`,
  };
}

/** Store requests and time of the memory layouts, with a store that takes `storeLatencyMs` per request. */
async function layouts(context: Context, options: TranslationBenchOptions): Promise<Figure[]> {
  const article = syntheticArticle({ seed: 2024, bytes: options.articleBytes, paragraphs: 10 });
  const edited = articleText(withParagraphRewritten(article, 4, 77));
  const results: Record<string, { first: number; firstMs: number; reads: number; rereadMs: number }> = {};
  for (const [layout, memory] of [
    ['none', false],
    ['segments', { packSize: 0 }],
    ['packs', { segmentEntries: false }],
    ['both', {}],
  ] as const) {
    const store = benchStore(options.storeLatencyMs);
    store.upload(KEY, articleText(article));
    const first = await publish(context, store, { memory });
    const firstCounts = store.countsFor('cache/');
    store.resetCounts();
    store.upload(KEY, edited);
    const reupload = await publish(context, store, { memory });
    results[layout] = {
      first: firstCounts.gets + firstCounts.puts,
      firstMs: first.ms,
      reads: store.countsFor('cache/').gets,
      rereadMs: reupload.ms,
    };
  }
  const { none, segments, packs, both } = results as Record<
    'none' | 'segments' | 'packs' | 'both',
    (typeof results)[string]
  >;
  const describe = (name: string, r: typeof both) =>
    `${name}: ${count(r.first)} requests/${count(r.firstMs)} ms first, ${count(r.reads)} reads/${count(r.rereadMs)} ms re-upload`;
  const summary = `store at ${options.storeLatencyMs} ms per request, ${DEFAULT_MEMORY_CONCURRENCY} in flight, packs of ~${DEFAULT_PACK_SIZE}; no memory: ${count(none.firstMs)} ms first, ${count(none.rereadMs)} ms re-upload; ${describe('per segment', segments)}; ${describe('packs only', packs)}; ${describe('both', both)}`;
  return [
    {
      name: 'memory_reupload_reads_ratio',
      value: both.reads / segments.reads,
      kind: 'max',
      target: 0.25,
      digits: 3,
      detail: `memory reads of a re-upload with one paragraph edited, packs and segments ÷ segments only (${summary})`,
    },
    {
      name: 'memory_first_requests_ratio',
      value: both.first / segments.first,
      kind: 'max',
      target: 1.15,
      digits: 3,
      detail: 'memory requests (reads and writes) of a new article, packs and segments ÷ segments only',
    },
  ];
}

/** Six languages against one, same article, memory on and empty each time (a new article). */
async function fanout(context: Context, options: TranslationBenchOptions): Promise<Figure> {
  const text = articleText(syntheticArticle({ seed: 2024, bytes: options.articleBytes, paragraphs: 10 }));
  const times: Record<'one' | 'six', number[]> = { one: [], six: [] };
  let peak = 0;
  // The first pair warms both paths up and is not counted.
  for (let i = -1; i < options.repeats; i++) {
    for (const [name, languages] of [
      ['one', LANGUAGES.slice(0, 1)],
      ['six', LANGUAGES],
    ] as const) {
      const store = benchStore();
      store.upload(KEY, text);
      const run = await publish(context, store, { languages });
      if (i < 0) continue;
      times[name].push(run.ms);
      if (name === 'six') peak = Math.max(peak, run.stats.peakConcurrency);
    }
  }
  return {
    name: 'fanout_ratio',
    value: Math.min(...times.six) / Math.min(...times.one),
    kind: 'max',
    target: 1.5,
    digits: 3,
    detail: `end-to-end ms for 6 languages (best of ${times.six.length}: ${count(Math.min(...times.six))}; median ${count(median(times.six))}) ÷ 1 language (${count(Math.min(...times.one))}; median ${count(median(times.one))}), ${options.latencyMs} ms per request; default limits ${DEFAULT_TRANSLATE_CONCURRENCY} in flight, ${DEFAULT_TRANSLATE_CONCURRENCY_PER_LANGUAGE} per language (peak ${peak})`,
  };
}

/** End-to-end time against article size, six languages, memory on and empty. */
async function scaling(context: Context, options: TranslationBenchOptions): Promise<Figure> {
  const progress = options.progress ?? (() => undefined);
  const texts = options.scalingBytes.map((bytes, i) =>
    articleText(syntheticArticle({ seed: 500 + i, bytes })),
  );
  // Warm-up: the first article pays for loading the lexicon and for compiling the hot paths.
  const warm = benchStore();
  warm.upload(KEY, texts[0] as string);
  await publish(context, warm);
  const points: [number, number][] = [];
  const analysis: [number, number][] = [];
  for (const text of texts) {
    const bytes = Buffer.byteLength(text);
    const times: number[] = [];
    const analyseMs: number[] = [];
    const repeats = bytes >= 262_144 ? 1 : options.repeats;
    for (let i = 0; i < repeats; i++) {
      const store = benchStore();
      store.upload(KEY, text);
      const run = await publish(context, store);
      times.push(run.ms);
      const body = store.objects.get('published/bench-article/manifest.json')?.body;
      const manifest = JSON.parse(body ? new TextDecoder().decode(body) : '{}');
      const stages =
        (manifest as { timings?: { stagesMs?: Record<string, number> } }).timings?.stagesMs ?? {};
      analyseMs.push(Math.max(1, stages.analyse ?? 0));
    }
    points.push([bytes, Math.min(...times)]);
    analysis.push([bytes, Math.min(...analyseMs)]);
    progress(
      `  scaling: ${count(bytes)} bytes in ${count(Math.min(...times))} ms (analysis ${count(Math.min(...analyseMs))} ms)`,
    );
  }
  const table = points.map(([bytes, ms]) => `${count(bytes / 1024)} KB ${count(ms)} ms`).join(', ');
  const analysisTable = analysis.map(([bytes, ms]) => `${count(bytes / 1024)} KB ${count(ms)} ms`).join(', ');
  return {
    name: 'scaling_exponent',
    value: logLogSlope(points),
    kind: 'max',
    target: 1.1,
    digits: 3,
    detail: `slope of log(end-to-end time, best of ${options.repeats} below 256 KB) on log(size), 6 languages: ${table}; the analysis stage alone (decode, parse, facts, summary) grows with exponent ${logLogSlope(analysis).toFixed(3)}: ${analysisTable}`,
  };
}

async function bundleFigures(options: TranslationBenchOptions): Promise<Figure[]> {
  const report = await measureBundle(options.bundleRuns);
  const mb = (bytes: number) => (bytes / 1_048_576).toFixed(2);
  return [
    {
      name: 'bundle_mb',
      value: report.bytes / 1_048_576,
      kind: 'max',
      target: 5,
      digits: 2,
      detail: `Lambda bundle (esbuild ESM, node22, minified, @aws-sdk/* external): ${mb(report.bytes)} MB, ${mb(report.gzipBytes)} MB gzipped; the facts lexicon and model are ${mb(report.factsBytes)} MB of it (${((100 * report.factsBytes) / report.bytes).toFixed(0)} %)`,
    },
    {
      name: 'init_ms',
      value: report.initMs,
      kind: 'max',
      target: 1000,
      digits: 0,
      detail: `import() of the bundle in a fresh Node process with SOURCE_LANGUAGE, TARGET_LANGUAGES, AWS_REGION (median of ${options.bundleRuns}); a one-line module takes ${report.trivialInitMs.toFixed(0)} ms (ratio ${(report.initMs / report.trivialInitMs).toFixed(0)}), the facts module alone ${report.factsInitMs.toFixed(0)} ms (${((100 * report.factsInitMs) / report.initMs).toFixed(0)} % of it); the rest is mostly loading the AWS SDK clients`,
    },
  ];
}

const ENVIRONMENT = [
  'AWS_ENDPOINT_URL_TRANSLATE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_PROFILE',
  'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED',
] as const;

/** Runs every measurement and returns the figures in the order the report prints them. */
export async function runTranslationBench(options: TranslationBenchOptions): Promise<Figure[]> {
  const progress = options.progress ?? (() => undefined);
  const server = await startTranslateProtocolServer({ latencyMs: options.latencyMs });
  const saved = Object.fromEntries(ENVIRONMENT.map((name) => [name, process.env[name]]));
  // The real SDK client, configured the way a user would point it elsewhere: by environment only.
  process.env.AWS_ENDPOINT_URL_TRANSLATE = server.endpoint;
  process.env.AWS_ACCESS_KEY_ID = 'AKIDPOLYBRIEFBENCH';
  process.env.AWS_SECRET_ACCESS_KEY = 'polybrief-bench';
  process.env.AWS_REGION = 'us-east-1';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  const client = createTranslateClient();
  const context: Context = { server, translator: new AmazonTranslateTranslator({ client }) };
  try {
    const figures: Figure[] = [];
    const step = async (name: string, measure: () => Promise<Figure | Figure[]>) => {
      progress(`${name}...`);
      const result = await measure();
      figures.push(...(Array.isArray(result) ? result : [result]));
    };
    await step('billed characters, requests, duplicate delivery, re-upload', () =>
      mainArticle(context, options),
    );
    await step('fan-out', () => fanout(context, options));
    await step('scaling', () => scaling(context, options));
    if (options.bundleRuns > 0) await step('Lambda bundle', () => bundleFigures(options));
    await step('partial set completed on redelivery', () => resume(context, options));
    await step('brief scope', () => brief(context, options));
    await step('reuse across articles', () => crossArticle(context, options));
    await step('memory layouts', () => layouts(context, options));
    const { storm } = options;
    if (storm) await step('throttling storm', () => stormFigures(storm, progress));
    return figures;
  } finally {
    client.destroy();
    await server.close();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
