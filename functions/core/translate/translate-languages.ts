import type { TranslationAccountingJson } from '../contract.js';
import { TranslationError } from '../errors.js';
import type { TranslationUsage } from '../ports.js';
import type { AnalysedArticle } from '../read/analyse-article.js';
import { type ArticleRun, msSince } from '../run.js';
import { segmentKey } from './segments.js';
import { segmentsToTranslate } from './segments-to-translate.js';

/** A target language whose translation failed; the others are published without it. */
export interface LanguageFailure {
  readonly language: string;
  readonly message: string;
  readonly retryable: boolean;
}

export interface Translations {
  /** The configured source language, or with `auto` the one the translator detected (`und` if none). */
  readonly sourceLanguage: string;
  /** The languages to publish: the source language, then every target that was translated, in settings order. */
  readonly languages: readonly string[];
  /** Segment key → translation, for each translated target language. */
  readonly translated: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** In the order they failed. */
  readonly failures: readonly LanguageFailure[];
  readonly usage: Readonly<Record<string, TranslationAccountingJson>>;
  readonly languagesMs: Readonly<Record<string, number>>;
}

/**
 * Translates the article's segments into every target language at once. A language that fails with a
 * `TranslationError` is left out and reported; any other error is thrown.
 */
export async function translateLanguages(run: ArticleRun, article: AnalysedArticle): Promise<Translations> {
  const { settings } = run;
  const { translator, clock } = run.deps;
  const started = clock.now();
  const segments = segmentsToTranslate(article, settings.translationScope);
  const targets = settings.targetLanguages.filter((language) => language !== settings.sourceLanguage);
  const languagesMs: Record<string, number> = {};
  const failures: LanguageFailure[] = [];
  const usage: Record<string, TranslationAccountingJson> = {};
  // With `auto`, the first language to come back with a detected source language names it.
  const detected: string[] = [];
  const translated = new Map<string, ReadonlyMap<string, string>>();
  await Promise.all(
    targets.map(async (language) => {
      const languageStarted = clock.now();
      try {
        const result = await translator.translate({
          sourceLanguage: settings.sourceLanguage,
          targetLanguage: language,
          segments,
        });
        if (result.detectedSourceLanguage !== undefined) detected.push(result.detectedSourceLanguage);
        translated.set(
          language,
          new Map(
            segments.map((segment, index) => [segmentKey(segment), result.translations[index] ?? segment]),
          ),
        );
        usage[language] = accounting(translator.engine, result.usage, settings.pricePerMillionCharacters);
      } catch (error) {
        if (!(error instanceof TranslationError)) throw error;
        failures.push({ language, message: error.message, retryable: error.retryable });
        run.deps.logger.warn('language failed', {
          ...run.log,
          language,
          reason: error.message,
          retryable: error.retryable,
        });
      }
      languagesMs[language] = msSince(run, languageStarted);
    }),
  );
  run.stagesMs.translate = msSince(run, started);
  const sourceLanguage =
    settings.sourceLanguage === 'auto' ? (detected[0] ?? 'und') : settings.sourceLanguage;
  const languages = [sourceLanguage, ...targets.filter((language) => translated.has(language))];
  return { sourceLanguage, languages, translated, failures, usage, languagesMs };
}

/** What a language's translation used and cost, as the manifest records it. */
export function accounting(
  engine: string,
  usage: TranslationUsage,
  pricePerMillion: number,
): TranslationAccountingJson {
  return {
    engine,
    charactersSent: usage.characters,
    charactersFromMemory: usage.charactersFromMemory ?? 0,
    requests: usage.requests,
    retries: usage.retries,
    estimatedCostUsd: Math.round((usage.characters / 1_000_000) * pricePerMillion * 1e6) / 1e6,
  };
}
