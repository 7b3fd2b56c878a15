import type { TranslationScope } from '../contract.js';
import { TranslationError } from '../errors.js';
import type { LanguageUsage } from '../outcomes.js';
import type { PreparedTranslation, TranslationResult, TranslationUsage, Translator } from '../ports.js';
import { type AnalysedArticle, EXTRACTOR_LANGUAGE } from '../read/analyse-article.js';
import { type ArticleRun, msSince } from '../run.js';
import { safeText } from '../safe-text.js';
import { checkBudget, prepareRequest } from './budget.js';
import { factsFromEnglish } from './facts-from-english.js';
import { type DecodedInline, decodeInline, plainAnswer } from './inline-markup.js';
import { spannedSentences } from './protected-names.js';
import { segmentKey } from './segments.js';
import { factNames, planTranslation, type TranslationPlan } from './segments-to-translate.js';
import { translatedVersion, type VersionText } from './version-text.js';

const NOTHING_SENT: TranslationUsage = { characters: 0, requests: 0, retries: 0 };

/** A target language whose translation failed; the others are published without it. */
export interface LanguageFailure {
  readonly language: string;
  readonly message: string;
  readonly retryable: boolean;
}

export interface Translations {
  /** The article as published: with facts found in its English version when it is in another language. */
  readonly article: AnalysedArticle;
  /**
   * The article as its translations were planned: without the names of facts found in its English version, whose
   * mentions are whole source sentences (the source version's text is made from it too).
   */
  readonly planned: AnalysedArticle;
  /** The configured source language, or with `auto` the one detected before any translation. */
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
  /**
   * For facts found in the English version of an article in another language: the English roles, places and
   * speakers → their translation, for each language besides English (the source language included).
   */
  readonly names: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Tagged sentences whose answer's markup was not usable (published without marks), by language. */
  readonly markupFaults: Readonly<Record<string, number>>;
  /** In the order they failed. */
  readonly failures: readonly LanguageFailure[];
  readonly usage: Readonly<Record<string, LanguageUsage>>;
  readonly languagesMs: Readonly<Record<string, number>>;
}

/** What the languages' translation has gathered so far. */
interface Progress {
  readonly translated: Map<string, VersionText>;
  readonly reviewed: Map<string, ReadonlySet<string>>;
  readonly failures: LanguageFailure[];
  readonly usage: Record<string, LanguageUsage>;
  readonly languagesMs: Record<string, number>;
  readonly markupFaults: Record<string, number>;
}

/**
 * Translates the article's segments into every target language at once, once all of them together are known to
 * fit the per-article budget (an `OverBudgetError` otherwise). A language that fails with a `TranslationError` is
 * left out and reported, with what it was billed; any other error is thrown.
 *
 * The facts are found by English rules: an article in another language is translated into English first, when
 * English is a target, and its facts and summary are found in that version (facts-from-english.ts) before the
 * other languages are translated; their names then travel from English. Without English among the targets, such
 * an article is published without facts (`factsLanguage` null), rather than read with rules of another language.
 */
export async function translateLanguages(run: ArticleRun, analysed: AnalysedArticle): Promise<Translations> {
  const { settings } = run;
  const started = run.deps.clock.now();
  const sourceLanguage = analysed.sourceLanguage;
  // The source language (configured, or detected before any translation) is never a target.
  const targets = [...new Set(settings.targetLanguages)].filter((language) => language !== sourceLanguage);
  const progress: Progress = {
    translated: new Map(),
    reviewed: new Map(),
    failures: [],
    usage: {},
    languagesMs: {},
    markupFaults: {},
  };
  const viaEnglish = analysed.factsLanguage === null && targets.includes(EXTRACTOR_LANGUAGE);
  const others = targets.filter((language) => !(viaEnglish && language === EXTRACTOR_LANGUAGE));
  // Before any request, every language's requests are worked out (the memory answers what it has) and checked
  // against the budget; over it, the article fails here. Via English, the other languages' plans wait for the
  // facts found in English: they are counted as their full text without names, as much as they can send.
  const englishPlan = viaEnglish ? await preparedFor(run, EXTRACTOR_LANGUAGE, analysed, 'full') : undefined;
  const firstPlans = await Promise.all(
    others.map((language) =>
      viaEnglish
        ? preparedFor(run, language, withoutNames(analysed), 'full')
        : preparedFor(run, language, analysed, settings.translationScope),
    ),
  );
  checkBudget(run, englishPlan ? [englishPlan, ...firstPlans] : firstPlans);
  let article = analysed;
  if (englishPlan) {
    // Every sentence, whatever the scope: the summary and the quotes are not known before the facts.
    await translateInto(run, progress, EXTRACTOR_LANGUAGE, englishPlan);
    const english = progress.translated.get(EXTRACTOR_LANGUAGE);
    if (english) article = factsFromEnglish(article, englishTexts(article, english));
  }
  const namesFromEnglish =
    article.factsLanguage === EXTRACTOR_LANGUAGE && sourceLanguage !== EXTRACTOR_LANGUAGE;
  // Facts found in English name whole source sentences as their mentions: no name travels as an element then,
  // and the names are translated from English on their own.
  const planned = namesFromEnglish ? withoutNames(article) : article;
  await Promise.all(
    others.map(async (language, index) => {
      const prepared = viaEnglish
        ? await preparedFor(run, language, planned, settings.translationScope)
        : (firstPlans[index] as PreparedPlan);
      await translateInto(run, progress, language, prepared);
    }),
  );
  const names = namesFromEnglish
    ? await translateNames(
        run,
        progress,
        [sourceLanguage, ...others.filter((language) => progress.translated.has(language))],
        factNames(article.facts),
      )
    : new Map<string, ReadonlyMap<string, string>>();
  run.stagesMs.translate = msSince(run, started);
  const languages = [sourceLanguage, ...targets.filter((language) => progress.translated.has(language))];
  return { article, planned, sourceLanguage, languages, names, ...progress };
}

/** Source sentence (segment key) → its text in the English version. */
function englishTexts(article: AnalysedArticle, english: VersionText): Map<string, string> {
  return new Map(
    spannedSentences(article).map((sentence) => [segmentKey(sentence.text), english.sentence(sentence).text]),
  );
}

function withoutNames(article: AnalysedArticle): AnalysedArticle {
  return { ...article, facts: { ...article.facts, people: [], organisations: [], places: [] } };
}

/** A language's plan for the article in a scope, prepared: nothing sent yet. */
function preparedFor(
  run: ArticleRun,
  language: string,
  article: AnalysedArticle,
  scope: TranslationScope,
): Promise<PreparedPlan> {
  const { translator } = run.deps;
  const rule = { translatedTerms: translator.translatedTerms?.(language), locate: !translator.billsMarkup };
  const plan = planTranslation(article, scope, rule);
  return preparePlan(translator, plan, article.sourceLanguage, language);
}

/** One language: its translation, or its failure; what it used and how long it took, either way. */
async function translateInto(
  run: ArticleRun,
  progress: Progress,
  language: string,
  prepared: PreparedPlan,
): Promise<void> {
  const { translator } = run.deps;
  const languageStarted = run.deps.clock.now();
  try {
    const { plan } = prepared;
    const result = await sendPlan(prepared);
    progress.translated.set(language, translatedVersion(plan, result.plain, result.tagged));
    progress.reviewed.set(language, result.reviewed);
    progress.usage[language] = accounting(
      translator.engine,
      result.usage,
      run.settings.pricePerMillionCharacters,
    );
    progress.markupFaults[language] = result.faults.length;
    if (result.faults.length > 0) {
      run.deps.logger.warn('inline markup lost in translation; those sentences are published without it', {
        ...run.log,
        language,
        sentences: result.faults.length,
        reason: result.faults[0],
      });
    }
  } catch (error) {
    if (!(error instanceof TranslationError)) throw error;
    progress.failures.push({ language, message: error.message, retryable: error.retryable });
    // What the engine billed before the language failed is counted, in the manifest and the metrics.
    progress.usage[language] = accounting(
      translator.engine,
      error.usage ?? NOTHING_SENT,
      run.settings.pricePerMillionCharacters,
    );
    run.deps.logger.warn('language failed', {
      ...run.log,
      language,
      reason: error.message,
      retryable: error.retryable,
    });
  }
  progress.languagesMs[language] = msSince(run, languageStarted);
}

/**
 * The English names of the facts translated from English into each language that publishes (the source language
 * included), billed to that language. Names that cannot be translated stay in English: they are not worth
 * failing a language for.
 */
async function translateNames(
  run: ArticleRun,
  progress: Progress,
  languages: readonly string[],
  englishNames: readonly string[],
): Promise<Map<string, ReadonlyMap<string, string>>> {
  const { translator } = run.deps;
  const segments = [...new Set(englishNames.map(segmentKey))].filter((name) => name !== '');
  const names = new Map<string, ReadonlyMap<string, string>>();
  if (segments.length === 0) return names;
  await Promise.all(
    languages.map(async (language) => {
      try {
        const result = await translator.translate({
          sourceLanguage: EXTRACTOR_LANGUAGE,
          targetLanguage: language,
          segments,
        });
        names.set(
          language,
          new Map(segments.map((name, index) => [name, result.translations[index] ?? name])),
        );
        const usage = accounting(translator.engine, result.usage, run.settings.pricePerMillionCharacters);
        progress.usage[language] = addAccounting(progress.usage[language], usage);
      } catch (error) {
        if (!(error instanceof TranslationError)) throw error;
        run.deps.logger.warn('names of the facts not translated', {
          ...run.log,
          language,
          reason: error.message,
        });
      }
    }),
  );
  return names;
}

function addAccounting(earlier: LanguageUsage | undefined, more: LanguageUsage): LanguageUsage {
  if (!earlier) return more;
  return {
    engine: earlier.engine,
    charactersSent: earlier.charactersSent + more.charactersSent,
    charactersFromMemory: earlier.charactersFromMemory + more.charactersFromMemory,
    requests: earlier.requests + more.requests,
    retries: earlier.retries + more.retries,
    estimatedCostUsd: Math.round((earlier.estimatedCostUsd + more.estimatedCostUsd) * 1e6) / 1e6,
  };
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

/** A language's plan with its two requests (plain and tagged) worked out up to the engine: nothing sent yet. */
export interface PreparedPlan {
  readonly plan: TranslationPlan;
  readonly plain: PreparedTranslation;
  readonly tagged: PreparedTranslation;
}

/**
 * Plain and tagged segments go as two requests (an engine reads a request as one format), each prepared: what
 * the memory has is looked up and what the engine would be sent counted.
 */
export async function preparePlan(
  translator: Translator,
  plan: TranslationPlan,
  sourceLanguage: string,
  targetLanguage: string,
): Promise<PreparedPlan> {
  const tagged = plan.tagged.map((sentence) => sentence.key);
  const [plainRequest, taggedRequest] = await Promise.all([
    prepareRequest(translator, { sourceLanguage, targetLanguage, segments: plan.plain }),
    prepareRequest(translator, { sourceLanguage, targetLanguage, segments: tagged, format: 'html' }),
  ]);
  return { plan, plain: plainRequest, tagged: taggedRequest };
}

/** Translates a plan: both requests prepared, then sent, answers decoded. */
export async function translatePlan(
  translator: Translator,
  plan: TranslationPlan,
  sourceLanguage: string,
  targetLanguage: string,
): Promise<PlanResult> {
  return sendPlan(await preparePlan(translator, plan, sourceLanguage, targetLanguage));
}

/**
 * Sends a prepared plan's two requests and decodes the answers. When one fails, the other is awaited (what it
 * was billed, and remembered, counts) and the failure carries what both were billed.
 */
export async function sendPlan(prepared: PreparedPlan): Promise<PlanResult> {
  const { plan } = prepared;
  const [plainSent, taggedSent] = await Promise.allSettled([
    prepared.plain.translate(),
    prepared.tagged.translate(),
  ]);
  if (plainSent.status === 'rejected' || taggedSent.status === 'rejected') {
    throw failedWithUsage(plainSent, taggedSent);
  }
  const plainResult = plainSent.value;
  const taggedResult = taggedSent.value;
  const faults: string[] = [];
  const decoded = new Map<string, DecodedInline>();
  plan.tagged.forEach((sentence, index) => {
    const translation = safeText(taggedResult.translations[index] ?? '');
    // An editor's correction is the sentence's text, not an engine's tagged answer.
    const answer = taggedResult.reviewed?.[index]
      ? plainAnswer(translation, sentence.text, sentence.spans)
      : decodeInline(translation, sentence.text, sentence.spans);
    if (answer.fault !== undefined) faults.push(answer.fault);
    // A character reference in the answer may decode to anything: the decoded text is made safe too.
    decoded.set(sentence.key, { ...answer, text: safeText(answer.text) });
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
      // An engine (or what the memory kept of one) may answer with anything: nothing unsafe is published.
      plan.plain.map((segment, index) => [
        segmentKey(segment),
        safeText(plainResult.translations[index] ?? segment),
      ]),
    ),
    tagged: decoded,
    reviewed,
    faults,
    usage: sumUsage(plainResult.usage, taggedResult.usage),
    ...(detectedSourceLanguage === undefined ? {} : { detectedSourceLanguage }),
  };
}

/**
 * The first request's failure, carrying what both requests were billed. An error that is not a
 * `TranslationError` is thrown as it is.
 */
function failedWithUsage(...sent: readonly PromiseSettledResult<TranslationResult>[]): unknown {
  const failed = sent.find((result) => result.status === 'rejected') as PromiseRejectedResult;
  const error: unknown = failed.reason;
  if (!(error instanceof TranslationError)) return error;
  const billed = sent
    .map((result) =>
      result.status === 'fulfilled'
        ? result.value.usage
        : result.reason instanceof TranslationError
          ? result.reason.usage
          : undefined,
    )
    .reduce<TranslationUsage>((sum, usage) => (usage ? sumUsage(sum, usage) : sum), NOTHING_SENT);
  return error.withUsage(billed);
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
