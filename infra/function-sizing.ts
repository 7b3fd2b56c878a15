import { DEFAULT_ANALYSIS_BUDGET_MS } from '../functions/shared/analysis-budget.js';
import {
  DEFAULT_TRANSLATE_CONCURRENCY,
  DEFAULT_TRANSLATE_CONCURRENCY_PER_LANGUAGE,
} from '../functions/shared/translate-concurrency.js';
import {
  DEFAULT_MEMORY_CONCURRENCY,
  DEFAULT_PACK_SIZE,
} from '../functions/shared/translation-memory-defaults.js';

/**
 * Memory, timeout and queue visibility timeout for the pipeline function, derived from the largest article it
 * accepts (`maxArticleBytes`, which the function enforces) so a maximum-size article finishes in one invocation.
 * It sizes for `full` translation scope (`brief` sends far fewer characters, so it fits with room to spare).
 *
 * Time, Translate. Translate takes at most 10,000 bytes per request; we assume requests average
 * {@link SIZING_ASSUMPTIONS.bytesPerTranslateRequest} bytes (segments are packed whole, so requests are rarely
 * full) and take {@link SIZING_ASSUMPTIONS.secondsPerTranslateRequest} s each. The Amazon Translate adapter keeps
 * `translateConcurrency` requests in flight in all but at most `translateConcurrencyPerLanguage` (10) for any one
 * language, so few languages cannot use the whole `translateConcurrency`; what runs at once is the smaller of the two:
 *
 *     requests      = targetLanguages × ceil(maxArticleBytes / bytesPerTranslateRequest)
 *     parallelism   = min(translateConcurrency, targetLanguages × translateConcurrencyPerLanguage)
 *     translate (s) = ceil(requests / parallelism) × secondsPerTranslateRequest
 *
 * Time, translation memory. A new article costs one store read (a miss) and one write per segment and language,
 * plus a read and a write per pack of `DEFAULT_PACK_SIZE` segments, `DEFAULT_MEMORY_CONCURRENCY` at a time
 * (functions/shared/translation-memory-defaults.ts); segments average {@link SIZING_ASSUMPTIONS.bytesPerSegment} bytes and
 * store requests take {@link SIZING_ASSUMPTIONS.secondsPerStoreRequest} s:
 *
 *     storeRequests = ceil(targetLanguages × ceil(maxArticleBytes / bytesPerSegment) × 2 × (1 + 1 / packSize))
 *     memory (s)    = ceil(storeRequests / memoryConcurrency) × secondsPerStoreRequest
 *
 * Time, analysis. The analysis of an article may take up to its budget (`analysisBudgetMs`, by default
 * `DEFAULT_ANALYSIS_BUDGET_MS`; then the article is refused as `analysis-too-slow`), so the timeout leaves room for
 * all of it:
 *
 *     perArticle (s) = fixedSecondsPerArticle + analysisBudget + translate + memory
 *     timeout (s)    = batchSize × perArticle, rounded up to a whole minute (Lambda allows at most 900 s)
 *
 * Memory, measured (`npm run bench`, memory table: the limit article through processArticle and the
 * translation memory in a child process, at decreasing `--max-old-space-size`): the pipeline needs a heap of
 * about {@link SIZING_ASSUMPTIONS.heapBaseMiB} MiB plus, per MiB of article,
 * {@link SIZING_ASSUMPTIONS.heapPerArticleMiB} MiB for the analysis and
 * {@link SIZING_ASSUMPTIONS.heapPerLanguageMiB} MiB per target language (its translations): a 2 MiB article in
 * six languages completes in a 200 MiB heap, not in 150. The function gets twice that plus
 * {@link SIZING_ASSUMPTIONS.offHeapMiB} MiB for what lives outside the heap (code, buffers, sockets), and V8 is
 * told to use the rest (`--max-old-space-size`, set by the construct) instead of guessing from the machine:
 *
 *     memory (MiB) = 2 × (heapBase + batchSize × M × (heapPerArticle + heapPerLanguage × targetLanguages))
 *                    + offHeap, rounded up to 64, at least 1024
 *     heap (MiB)   = memory − offHeap
 *
 * (at least 1024 MiB because Lambda allots CPU in proportion to memory and extraction is CPU-bound).
 *
 * Queue. AWS advises a source-queue visibility timeout of at least six times the function timeout, so a
 * message is not redelivered while a throttled or retried invocation still owns it:
 *
 *     visibilityTimeout = 6 × timeout
 *
 * Both timeout and memory assume the worst case for a batch (its records processed one after another for time,
 * all at once for memory), so the sizing holds however the handler schedules them.
 */
export const SIZING_ASSUMPTIONS = {
  bytesPerTranslateRequest: 5_000,
  secondsPerTranslateRequest: 1,
  /** The benchmark's 40 KB article has 450 segments (433 sentences and the names in its facts), 89 bytes each. */
  bytesPerSegment: 80,
  /** Twice the 10 ms the memory's benchmark assumes: writes and misses on new keys are the slower requests. */
  secondsPerStoreRequest: 0.02,
  memoryConcurrency: DEFAULT_MEMORY_CONCURRENCY,
  packSize: DEFAULT_PACK_SIZE,
  fixedSecondsPerArticle: 30,
  heapBaseMiB: 40,
  heapPerArticleMiB: 56,
  heapPerLanguageMiB: 4,
  heapHeadroomFactor: 2,
  offHeapMiB: 256,
  minMemoryMiB: 1_024,
  maxMemoryMiB: 10_240,
  maxTimeoutSeconds: 900,
  visibilityTimeoutFactor: 6,
} as const;

export interface FunctionSizingInput {
  readonly maxArticleBytes: number;
  /** The analysis time budget of one article, in ms. Default: `DEFAULT_ANALYSIS_BUDGET_MS` (2 minutes). */
  readonly analysisBudgetMs?: number;
  readonly targetLanguageCount: number;
  /** Translate requests in flight per function instance. Default: the adapter's (50). */
  readonly translateConcurrency?: number;
  /** Translate requests in flight for any one language. Default: the adapter's (10). */
  readonly translateConcurrencyPerLanguage?: number;
  readonly batchSize: number;
}

export interface FunctionSizing {
  readonly memorySizeMiB: number;
  /** The V8 heap the function is given (`--max-old-space-size`): its memory less the off-heap reserve. */
  readonly heapMiB: number;
  readonly timeoutSeconds: number;
  readonly visibilityTimeoutSeconds: number;
  /** Translate requests a maximum-size article needs, across all target languages. */
  readonly translateRequestsPerArticle: number;
  /** Translate requests in flight at once: min(translateConcurrency, languages × per-language limit). */
  readonly translateParallelism: number;
  /** Translation memory reads and writes a new maximum-size article needs, across all target languages. */
  readonly memoryRequestsPerArticle: number;
}

export class FunctionSizingError extends Error {
  override readonly name = 'FunctionSizingError';
}

const MIB = 1_048_576;

function roundUpTo(value: number, step: number): number {
  return Math.ceil(value / step) * step;
}

/** The V8 heap (`--max-old-space-size`) of a function of `memorySizeMiB`: all of it but the off-heap reserve. */
export function heapForMemory(memorySizeMiB: number): number {
  return memorySizeMiB - SIZING_ASSUMPTIONS.offHeapMiB;
}

export function sizeFunction(input: FunctionSizingInput): FunctionSizing {
  const {
    maxArticleBytes,
    analysisBudgetMs = DEFAULT_ANALYSIS_BUDGET_MS,
    targetLanguageCount,
    translateConcurrency = DEFAULT_TRANSLATE_CONCURRENCY,
    translateConcurrencyPerLanguage = DEFAULT_TRANSLATE_CONCURRENCY_PER_LANGUAGE,
    batchSize,
  } = input;
  const a = SIZING_ASSUMPTIONS;

  const articleMiB = maxArticleBytes / MIB;
  const heapNeededMiB =
    a.heapBaseMiB +
    batchSize * articleMiB * (a.heapPerArticleMiB + a.heapPerLanguageMiB * targetLanguageCount);
  const memorySizeMiB = Math.max(
    a.minMemoryMiB,
    roundUpTo(a.heapHeadroomFactor * heapNeededMiB + a.offHeapMiB, 64),
  );
  const heapMiB = heapForMemory(memorySizeMiB);
  if (memorySizeMiB > a.maxMemoryMiB) {
    throw new FunctionSizingError(
      `maxArticleBytes=${maxArticleBytes} into ${targetLanguageCount} language(s) needs about ${memorySizeMiB} MiB, ` +
        `over Lambda's ${a.maxMemoryMiB} MiB limit. Lower maxArticleBytes or translate into fewer languages.`,
    );
  }

  const translateRequestsPerArticle =
    targetLanguageCount * Math.ceil(maxArticleBytes / a.bytesPerTranslateRequest);
  const translateParallelism = Math.min(
    translateConcurrency,
    targetLanguageCount * translateConcurrencyPerLanguage,
  );
  const translateSeconds =
    Math.ceil(translateRequestsPerArticle / translateParallelism) * a.secondsPerTranslateRequest;
  const memoryRequestsPerArticle = Math.ceil(
    targetLanguageCount * Math.ceil(maxArticleBytes / a.bytesPerSegment) * 2 * (1 + 1 / a.packSize),
  );
  const memorySeconds = Math.ceil(memoryRequestsPerArticle / a.memoryConcurrency) * a.secondsPerStoreRequest;
  const analysisSeconds = analysisBudgetMs / 1000;
  const secondsPerArticle = a.fixedSecondsPerArticle + analysisSeconds + translateSeconds + memorySeconds;
  const timeoutSeconds = roundUpTo(batchSize * secondsPerArticle, 60);
  if (timeoutSeconds > a.maxTimeoutSeconds) {
    throw new FunctionSizingError(
      `A batch of ${batchSize} article(s) of maxArticleBytes=${maxArticleBytes} into ${targetLanguageCount} ` +
        `language(s) needs about ${timeoutSeconds} s per invocation (per article: ${translateRequestsPerArticle} ` +
        `Translate requests, ${translateParallelism} at a time, about ${Math.ceil(translateSeconds)} s; ` +
        `${memoryRequestsPerArticle} translation memory requests, ${a.memoryConcurrency} at a time, about ` +
        `${Math.ceil(memorySeconds)} s; analysis up to ${analysisSeconds} s), over Lambda's ${a.maxTimeoutSeconds} s limit. Lower maxArticleBytes, ` +
        'translate into fewer languages or lower batchSize.',
    );
  }

  return {
    memorySizeMiB,
    heapMiB,
    timeoutSeconds,
    visibilityTimeoutSeconds: a.visibilityTimeoutFactor * timeoutSeconds,
    translateRequestsPerArticle,
    translateParallelism,
    memoryRequestsPerArticle,
  };
}
