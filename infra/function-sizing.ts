/**
 * Memory, timeout and queue visibility timeout for the pipeline function, derived from the largest article it
 * accepts (`maxArticleBytes`, which the function enforces) so a maximum-size article finishes in one invocation.
 *
 * Time. Translate takes at most 10,000 bytes per request; we assume requests average
 * {@link SIZING_ASSUMPTIONS.bytesPerTranslateRequest} bytes (segments are packed whole, so requests are rarely
 * full) and take {@link SIZING_ASSUMPTIONS.secondsPerTranslateRequest} s each, `translateConcurrency` at a time:
 *
 *     requests       = targetLanguages × ceil(maxArticleBytes / bytesPerTranslateRequest)
 *     perArticle (s) = fixedSecondsPerArticle + ceil(requests / translateConcurrency) × secondsPerTranslateRequest
 *     timeout (s)    = batchSize × perArticle, rounded up to a whole minute (Lambda allows at most 900 s)
 *
 * Memory. An article of M MiB is held as text (UTF-16, 2×), parsed (about 10×), and per target language as
 * translated text, JSON and HTML (about 8×); the heap needs about twice its live set:
 *
 *     memory (MiB) = 256 + 2 × batchSize × (12 + 8 × targetLanguages) × M, rounded up to 64, at least 1024
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
  fixedSecondsPerArticle: 30,
  baseMemoryMiB: 256,
  minMemoryMiB: 1_024,
  maxMemoryMiB: 10_240,
  maxTimeoutSeconds: 900,
  visibilityTimeoutFactor: 6,
} as const;

export interface FunctionSizingInput {
  readonly maxArticleBytes: number;
  readonly targetLanguageCount: number;
  readonly translateConcurrency: number;
  readonly batchSize: number;
}

export interface FunctionSizing {
  readonly memorySizeMiB: number;
  readonly timeoutSeconds: number;
  readonly visibilityTimeoutSeconds: number;
  /** Translate requests a maximum-size article needs, across all target languages. */
  readonly translateRequestsPerArticle: number;
}

export class FunctionSizingError extends Error {
  override readonly name = 'FunctionSizingError';
}

const MIB = 1_048_576;

function roundUpTo(value: number, step: number): number {
  return Math.ceil(value / step) * step;
}

export function sizeFunction(input: FunctionSizingInput): FunctionSizing {
  const { maxArticleBytes, targetLanguageCount, translateConcurrency, batchSize } = input;
  const a = SIZING_ASSUMPTIONS;

  const translateRequestsPerArticle =
    targetLanguageCount * Math.ceil(maxArticleBytes / a.bytesPerTranslateRequest);
  const secondsPerArticle =
    a.fixedSecondsPerArticle +
    Math.ceil(translateRequestsPerArticle / translateConcurrency) * a.secondsPerTranslateRequest;
  const timeoutSeconds = roundUpTo(batchSize * secondsPerArticle, 60);
  if (timeoutSeconds > a.maxTimeoutSeconds) {
    throw new FunctionSizingError(
      `A batch of ${batchSize} article(s) of maxArticleBytes=${maxArticleBytes} into ${targetLanguageCount} ` +
        `language(s) needs about ${timeoutSeconds} s (${translateRequestsPerArticle} Translate requests per article, ` +
        `${translateConcurrency} at a time), over Lambda's ${a.maxTimeoutSeconds} s limit. Lower maxArticleBytes, ` +
        'translate into fewer languages, lower batchSize or raise translateConcurrency.',
    );
  }

  const articleMiB = maxArticleBytes / MIB;
  const workingSetMiB = batchSize * (12 + 8 * targetLanguageCount) * articleMiB;
  const memorySizeMiB = Math.max(a.minMemoryMiB, roundUpTo(a.baseMemoryMiB + 2 * workingSetMiB, 64));
  if (memorySizeMiB > a.maxMemoryMiB) {
    throw new FunctionSizingError(
      `maxArticleBytes=${maxArticleBytes} into ${targetLanguageCount} language(s) needs about ${memorySizeMiB} MiB, ` +
        `over Lambda's ${a.maxMemoryMiB} MiB limit. Lower maxArticleBytes or translate into fewer languages.`,
    );
  }

  return {
    memorySizeMiB,
    timeoutSeconds,
    visibilityTimeoutSeconds: a.visibilityTimeoutFactor * timeoutSeconds,
    translateRequestsPerArticle,
  };
}
