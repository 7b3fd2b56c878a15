import {
  AUTO_SOURCE_LANGUAGE,
  isAmazonTranslateLanguageCode,
} from '../../shared/amazon-translate-languages.js';
import type { DetectionAccountingJson } from '../contract.js';
import { allSentences, headlineOf, type SourceDocument } from '../document.js';
import { ArticleError, TranslationError } from '../errors.js';
import type { LanguageDetector } from '../ports.js';
import type { ArticleRun } from '../run.js';
import { DEFAULT_DETECTION_PRICE } from '../settings.js';

/**
 * Below this confidence the detected language is not trusted: Amazon Translate's own `auto` refuses such a text
 * (DetectedLanguageLowConfidenceException) and leaves the choice to the caller; a newsroom would rather be told
 * than publish translations from the wrong language.
 */
export const MIN_DETECTION_SCORE = 0.5;

/** The article's language: as configured, or as detected once for the whole article. */
export interface SourceLanguage {
  readonly language: string;
  /** With `auto`: what the detection found and cost. */
  readonly detection?: DetectionAccountingJson;
}

/** A language code as codes are written (`es`, `zh-TW`, `ceb`): anything else is not shown, let alone used. */
const WELL_FORMED = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/u;

/**
 * The article's source language. With `auto`, it is detected once, before any translation, from a sample drawn
 * from the whole text, and checked against the languages Amazon Translate knows before it becomes a key, a file
 * name or a link: whatever the detector answers, only a known code gets through. An article whose language cannot
 * be told, or is not one Translate translates from, gets a failed record; a detector that may answer another time
 * (throttled, unavailable) has its error thrown, so the article is retried.
 */
export async function resolveSourceLanguage(
  run: ArticleRun,
  document: SourceDocument,
): Promise<SourceLanguage> {
  const configured = run.settings.sourceLanguage;
  if (configured !== AUTO_SOURCE_LANGUAGE) return { language: configured };
  const { detector } = run.deps;
  if (!detector) throw new Error('sourceLanguage is auto, but the pipeline was given no language detector.');
  const sample = detectionSample(document, detector.maxTextBytes);
  if ([...sample].length < detector.minTextCharacters) {
    throw undetected(`the article has fewer than ${detector.minTextCharacters} characters to tell it by`);
  }
  const detection = await detector.detect(sample).catch((error: unknown) => {
    if (error instanceof TranslationError && !error.retryable) throw undetected(error.message);
    throw error;
  });
  const best = detection.languages[0];
  if (!best) throw undetected(`${detector.engine} found no language`);
  const code = best.language;
  if (!WELL_FORMED.test(code))
    throw undetected(
      `${detector.engine} answered ${JSON.stringify(code.slice(0, 40))}, which is not a language code`,
    );
  if (!isAmazonTranslateLanguageCode(code)) {
    throw new ArticleError(
      'unsupported-source-language',
      `The article appears to be in "${code}", a language Amazon Translate does not translate from.`,
      (nameOf) =>
        `Translate it into a supported language first, or set the source language (${nameOf('sourceLanguage')}) if the detection is wrong.`,
    );
  }
  if (best.score < MIN_DETECTION_SCORE) {
    throw new ArticleError(
      'source-language-uncertain',
      `The article's language could not be told with confidence: most likely ${code} (confidence ${best.score.toFixed(2)}, under ${MIN_DETECTION_SCORE}).`,
      (nameOf) =>
        `Set the source language (${nameOf('sourceLanguage')}) for it, or upload it to a pipeline for ${code} if that is right.`,
    );
  }
  const price = run.settings.detectionPricePerMillionCharacters ?? DEFAULT_DETECTION_PRICE;
  return {
    language: code,
    detection: {
      engine: detector.engine,
      language: code,
      score: Math.round(best.score * 1e4) / 1e4,
      charactersSent: detection.usage.characters,
      requests: detection.usage.requests,
      retries: detection.usage.retries,
      pricePerMillionCharactersUsd: price,
      estimatedCostUsd: costOf(detection.usage.characters, price),
    },
  };
}

function undetected(reason: string): ArticleError {
  return new ArticleError(
    'language-not-detected',
    `The article's language could not be detected (${reason}).`,
    (nameOf) =>
      `Set the source language (${nameOf('sourceLanguage')}) instead of auto, or upload a longer text.`,
  );
}

function costOf(characters: number, pricePerMillion: number): number {
  return Math.round((characters / 1_000_000) * pricePerMillion * 1e6) / 1e6;
}

const utf8 = new TextEncoder();

/**
 * What the detector reads: the headline, caption and sentences of the whole article, one per line, within
 * `maxBytes`; when they do not fit, every n-th sentence, so the sample still spans the article from start to end
 * rather than its first page. One over-long sentence is cut to the budget.
 */
export function detectionSample(document: SourceDocument, maxBytes: number): string {
  const texts = [
    headlineOf(document).text,
    ...(document.caption ? [document.caption.text] : []),
    ...allSentences(document).map((sentence) => sentence.text),
  ];
  const unique = [...new Set(texts)];
  const sizes = unique.map((text) => utf8.encode(text).length + 1);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const step = Math.max(1, Math.ceil(total / maxBytes));
  const picked: string[] = [];
  let bytes = 0;
  unique.forEach((text, index) => {
    const size = sizes[index] ?? 0;
    if (index % step !== 0 || bytes + size > maxBytes) return;
    picked.push(text);
    bytes += size;
  });
  if (picked.length > 0) return picked.join('\n');
  return cutToBytes(unique[0] ?? '', maxBytes);
}

function cutToBytes(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const character of text) {
    const size = utf8.encode(character).length;
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += character.length;
  }
  return text.slice(0, end);
}

/** The detector a pipeline needs for these settings: present when the source language is `auto`. */
export function needsDetector(sourceLanguage: string): boolean {
  return sourceLanguage === AUTO_SOURCE_LANGUAGE;
}

export type { LanguageDetector };
