/**
 * One ordinary article of at most `--bytes` through the pipeline as the Lambda function runs it (processArticle behind
 * the translation memory), in a process of its own so that its peak RSS is its own. The store keeps only what
 * the pipeline reads back (manifests), as S3 would hold the rest elsewhere; the translator is a stand-in that
 * answers at once with a new string as long as each segment. Prints one JSON line: outcome, time, peak RSS.
 * Used by the memory benchmark (bench/memory.ts) and by test/robustness/limit-article-memory.test.ts.
 */
import { parseArgs } from 'node:util';
import { processArticle } from '../../functions/core/pipeline.js';
import type {
  ArticleStore,
  GetOptions,
  PutOptions,
  PutResult,
  StoredObject,
  TranslationRequest,
  TranslationResult,
  Translator,
} from '../../functions/core/ports.js';
import { TranslationMemory } from '../../functions/core/translate/translation-memory.js';
import {
  fixedClock,
  silentLogger,
  TEST_MEMORY_KEY,
  testSettings,
} from '../../test/doubles/pipeline-fixture.js';
import { articleText, syntheticArticle } from '../translation/synthetic-article.js';

export interface LimitArticleResult {
  readonly bytes: number;
  readonly status: string;
  readonly ms: number;
  readonly peakRssMiB: number;
}

/** Holds the upload and the manifests; every other write is counted and let go, as a real bucket takes it away. */
class ForgetfulStore implements ArticleStore {
  readonly location = 'memory-bench';
  readonly #kept = new Map<string, Uint8Array>();
  written = 0;

  constructor(key: string, body: Uint8Array) {
    this.#kept.set(key, body);
  }

  async head(key: string) {
    const body = this.#kept.get(key);
    return body ? { key, size: body.length } : undefined;
  }

  async get(key: string, _options?: GetOptions): Promise<StoredObject | undefined> {
    const body = this.#kept.get(key);
    return body ? { info: { key, size: body.length, versionId: 'v1' }, body } : undefined;
  }

  async put(key: string, body: Uint8Array | string, _options: PutOptions): Promise<PutResult> {
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    this.written += bytes.length;
    if (key.endsWith('/manifest.json')) this.#kept.set(key, bytes);
    return {};
  }
}

/** Answers every segment at once with a new string of the same length, as an engine's answer would be. */
const standIn: Translator = {
  engine: 'stand-in',
  settingsFor: () => '',
  async translate(request: TranslationRequest): Promise<TranslationResult> {
    const translations = request.segments.map((segment) => segment.toUpperCase());
    const characters = request.segments.reduce((sum, segment) => sum + segment.length, 0);
    return { translations, usage: { characters, requests: 1, retries: 0 } };
  },
};

const { values } = parseArgs({ options: { bytes: { type: 'string' }, languages: { type: 'string' } } });
const languages = (values.languages ?? 'es,fr,de,ru,zh,ar').split(',');
/** An ordinary article of at most `bytes` (whole paragraphs, as close to it as they come). */
function articleOfAtMost(bytes: number): Uint8Array {
  const encoded = new TextEncoder().encode(articleText(syntheticArticle({ seed: 3, bytes })));
  if (encoded.length <= bytes) return encoded;
  const text = new TextDecoder().decode(encoded.subarray(0, bytes));
  return new TextEncoder().encode(`${text.slice(0, text.lastIndexOf('\n\n'))}\n`);
}

const body = articleOfAtMost(Number(values.bytes));
const key = 'incoming/limit-article.txt';
const store = new ForgetfulStore(key, body);
const started = performance.now();
const outcome = await processArticle(
  { key },
  testSettings({ targetLanguages: languages, maxArticleBytes: Number(values.bytes) }),
  {
    store,
    translator: new TranslationMemory(standIn, {
      store,
      prefix: 'cache/',
      memoryKey: TEST_MEMORY_KEY,
      logger: silentLogger,
    }),
    clock: fixedClock(),
    logger: silentLogger,
  },
);
const result: LimitArticleResult = {
  bytes: body.length,
  status: outcome.status === 'failed' ? `failed: ${outcome.error.code}` : outcome.status,
  ms: Math.round(performance.now() - started),
  peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
