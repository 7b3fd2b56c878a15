import { TranslationError } from '../errors.js';
import type { LanguageUsage } from '../outcomes.js';
import type { TranslationResult, TranslationUsage, Translator } from '../ports.js';
import type { AnalysedArticle } from '../read/analyse-article.js';
import { type ArticleRun, msSince } from '../run.js';
import { type DecodedInline, decodeInline, plainAnswer } from './inline-markup.js';
import { segmentKey } from './segments.js';
import { planTranslation, type TranslationPlan } from './segments-to-translate.js';
import { translatedVersion, type VersionText } from './version-text.js';

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
  /** The text of each translated target language. */
  readonly translated: ReadonlyMap<string, VersionText>;
  /**
   * The source texts (segment keys) whose translation is an editor's correction, for each translated target
   * language.
   */
  readonly reviewed: ReadonlyMap<string, ReadonlySet<string>>;
  /** Tagged sentences whose answer's markup was not usable (published without marks), by language. */
  readonly markupFaults: Readonly<Record<string, number>>;
  /** In the order they failed. */
  readonly failures: readonly LanguageFailure[];
  readonly usage: Readonly<Record<string, LanguageUsage>>;
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
  const targets = settings.targetLanguages.filter((language) => language !== settings.sourceLanguage);
  const languagesMs: Record<string, number> = {};
  const failures: LanguageFailure[] = [];
  const usage: Record<string, LanguageUsage> = {};
  const markupFaults: Record<string, number> = {};
  // With `auto`, the first language to come back with a detected source language names it.
  const detected: string[] = [];
  const translated = new Map<string, VersionText>();
  const reviewed = new Map<string, ReadonlySet<string>>();
  await Promise.all(
    targets.map(async (language) => {
      const languageStarted = clock.now();
      try {
        const rule = {
          translatedTerms: translator.translatedTerms?.(language),
          locate: !translator.billsMarkup,
        };
        const plan = planTranslation(article, settings.translationScope, rule);
        const result = await translatePlan(translator, plan, settings.sourceLanguage, language);
        if (result.detectedSourceLanguage !== undefined) detected.push(result.detectedSourceLanguage);
        translated.set(language, translatedVersion(plan, result.plain, result.tagged));
        reviewed.set(language, result.reviewed);
        usage[language] = accounting(translator.engine, result.usage, settings.pricePerMillionCharacters);
        markupFaults[language] = result.faults.length;
        if (result.faults.length > 0) {
          run.deps.logger.warn(
            'inline markup lost in translation; those sentences are published without it',
            {
              ...run.log,
              language,
              sentences: result.faults.length,
              reason: result.faults[0],
            },
          );
        }
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
  return { sourceLanguage, languages, translated, reviewed, failures, usage, languagesMs, markupFaults };
}

interface PlanResult {
  readonly plain: ReadonlyMap<string, string>;
  readonly tagged: ReadonlyMap<string, DecodedInline>;
  /** Source texts (segment keys) an editor's correction answered. */
  readonly reviewed: ReadonlySet<string>;
  /** Why each faulty tagged answer was not used. */
  readonly faults: readonly string[];
  readonly usage: TranslationUsage;
  readonly detectedSourceLanguage?: string;
}

const nothing: TranslationResult = { translations: [], usage: { characters: 0, requests: 0, retries: 0 } };

/** Plain and tagged segments go as two requests (an engine reads a request as one format); answers decoded. */
export async function translatePlan(
  translator: Translator,
  plan: TranslationPlan,
  sourceLanguage: string,
  targetLanguage: string,
): Promise<PlanResult> {
  const tagged = plan.tagged.map((sentence) => sentence.key);
  const [plainResult, taggedResult] = await Promise.all([
    plan.plain.length === 0
      ? nothing
      : translator.translate({ sourceLanguage, targetLanguage, segments: plan.plain }),
    tagged.length === 0
      ? nothing
      : translator.translate({ sourceLanguage, targetLanguage, segments: tagged, format: 'html' }),
  ]);
  const faults: string[] = [];
  const decoded = new Map<string, DecodedInline>();
  plan.tagged.forEach((sentence, index) => {
    const translation = taggedResult.translations[index] ?? '';
    // An editor's correction is the sentence's text, not an engine's tagged answer.
    const answer = taggedResult.reviewed?.[index]
      ? plainAnswer(translation, sentence.text, sentence.spans)
      : decodeInline(translation, sentence.text, sentence.spans);
    if (answer.fault !== undefined) faults.push(answer.fault);
    decoded.set(sentence.key, answer);
  });
  const detectedSourceLanguage = plainResult.detectedSourceLanguage ?? taggedResult.detectedSourceLanguage;
  const reviewed = new Set([
    ...plan.plain.filter((_, index) => plainResult.reviewed?.[index]).map(segmentKey),
    ...plan.tagged
      .filter((_, index) => taggedResult.reviewed?.[index])
      .map((sentence) => segmentKey(sentence.text)),
  ]);
  return {
    plain: new Map(
      plan.plain.map((segment, index) => [segmentKey(segment), plainResult.translations[index] ?? segment]),
    ),
    tagged: decoded,
    reviewed,
    faults,
    usage: sumUsage(plainResult.usage, taggedResult.usage),
    ...(detectedSourceLanguage === undefined ? {} : { detectedSourceLanguage }),
  };
}

function sumUsage(a: TranslationUsage, b: TranslationUsage): TranslationUsage {
  return {
    characters: a.characters + b.characters,
    charactersFromMemory: (a.charactersFromMemory ?? 0) + (b.charactersFromMemory ?? 0),
    requests: a.requests + b.requests,
    retries: a.retries + b.retries,
  };
}

/** What a language's translation used and cost, as the manifest records it. */
export function accounting(engine: string, usage: TranslationUsage, pricePerMillion: number): LanguageUsage {
  return {
    engine,
    charactersSent: usage.characters,
    charactersFromMemory: usage.charactersFromMemory ?? 0,
    requests: usage.requests,
    retries: usage.retries,
    estimatedCostUsd: Math.round((usage.characters / 1_000_000) * pricePerMillion * 1e6) / 1e6,
  };
}
