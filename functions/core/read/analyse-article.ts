import type { DetectionAccountingJson } from '../contract.js';
import type { SourceDocument } from '../document.js';
import { ArticleError } from '../errors.js';
import type { Facts, SummarySentence } from '../facts/types.js';
import { type ArticleRun, msSince } from '../run.js';
import {
  type AnalysisCheckpoint,
  analysisCheckpoint,
  DEFAULT_ANALYSIS_BUDGET_MS,
} from './analysis-budget.js';
import { decodeUpload } from './decode-upload.js';
import { resolveSourceLanguage, type SourceLanguage } from './detect-language.js';
import { checkSourceLanguage } from './language-check.js';
import { parseArticle } from './parse-article.js';
import { articleFacts, articleSummary, referenceDate as declaredReferenceDate } from './prose-view.js';
import type { Upload } from './read-upload.js';

/** Everything known about an article in its source language, ready to be turned into each language version. */
export interface AnalysedArticle {
  readonly articleId: string;
  readonly key: string;
  /** As configured, or as detected (a code Amazon Translate knows). */
  readonly sourceLanguage: string;
  readonly document: SourceDocument;
  readonly facts: Facts;
  readonly summary: readonly SummarySentence[];
  /**
   * The language the facts and the summary were found in: the extractor reads English only, so `en` for an English
   * article, `null` until an article in another language is translated into English (translate/), if ever.
   */
  readonly factsLanguage: 'en' | null;
  /** What relative dates in the text are resolved against: the dateline's date, else the upload's. */
  readonly referenceDate: string;
}

export interface Analysis {
  readonly article: AnalysedArticle;
  /** The encoding the upload was decoded from. */
  readonly encoding: string;
  /** With `sourceLanguage` `auto`: the detection and its cost. */
  readonly detection?: DetectionAccountingJson;
}

/** The language the fact extractor and the summarizer are written for. */
export const EXTRACTOR_LANGUAGE = 'en';

/** No facts: for an article the extractor cannot read. */
export const NO_FACTS: Facts = {
  people: [],
  organisations: [],
  places: [],
  dates: [],
  quotes: [],
  figures: [],
};

/**
 * Decodes and parses the upload, checks it is an article in the source language, and extracts its facts and
 * summary. An article that cannot be published throws an `ArticleError`; anything else thrown on the way is a
 * fault of polybrief, logged and turned into one (`analysis-failed`), since another attempt would fail alike.
 */
export async function analyseUpload(run: ArticleRun, upload: Upload): Promise<Analysis> {
  const started = run.deps.clock.now();
  const budgetMs = run.settings.analysisBudgetMs ?? DEFAULT_ANALYSIS_BUDGET_MS;
  const checkpoint = analysisCheckpoint(run.deps.clock, started, budgetMs);
  const document = await analyseOrExplain(run, () => readDocument(run, upload, checkpoint));
  // Once, before any translation: a detection fault another attempt may cure is thrown on, not recorded.
  const source = await resolveSourceLanguage(run, document.document);
  const analysis = await analyseOrExplain(run, () => analyse(run, upload, document, source, checkpoint));
  run.stagesMs.analyse = msSince(run, started);
  return analysis;
}

async function analyseOrExplain<T>(run: ArticleRun, step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof ArticleError) throw error;
    run.deps.logger.error('article analysis failed', { ...run.log, error: String(error) });
    throw unexpectedAnalysisError(error);
  }
}

interface ReadDocument {
  readonly document: SourceDocument;
  readonly encoding: string;
}

/** `checkpoint` is called between stages (and between blocks while parsing): past the budget, it throws. */
async function readDocument(
  run: ArticleRun,
  upload: Upload,
  checkpoint: AnalysisCheckpoint,
): Promise<ReadDocument> {
  const decoded = await decodeUpload(upload.body, upload.format);
  checkpoint('decode');
  const document = parseArticle(decoded.text, upload.format, {
    checkpoint: () => checkpoint('parse'),
    ...(decoded.declared ? { declared: decoded.declared } : {}),
  });
  if (document.paragraphs.length === 0) {
    throw new ArticleError(
      'no-sentences',
      'The file has a headline but no article text to publish.',
      'Upload the article text itself: a headline line, then its paragraphs.',
    );
  }
  checkSourceLanguage(document.text, run.settings.sourceLanguage);
  checkpoint('language');
  return { document, encoding: decoded.encoding };
}

/**
 * The facts and summary, found by rules written for English: run on an English article only. An article in
 * another language gets them from its English version, when English is a target (translate/facts-from-english.ts).
 * `checkpoint` is also called every few dozen sentences while the facts are extracted.
 */
function analyse(
  run: ArticleRun,
  upload: Upload,
  read: ReadDocument,
  source: SourceLanguage,
  checkpoint: AnalysisCheckpoint,
): Analysis {
  const { document } = read;
  const english = source.language === EXTRACTOR_LANGUAGE;
  // Relative dates count from the dateline's date, else the publication date the source declares, else the upload.
  const referenceDate =
    document.dateline?.date ?? declaredReferenceDate(document, undefined) ?? referenceDateOf(run, upload);
  const facts = english ? articleFacts(document, referenceDate, () => checkpoint('facts')) : NO_FACTS;
  checkpoint('facts');
  const summary = english ? articleSummary(document, facts) : [];
  checkpoint('summary');
  const article: AnalysedArticle = {
    articleId: run.articleId,
    key: run.key,
    sourceLanguage: source.language,
    document,
    facts,
    summary,
    factsLanguage: english ? EXTRACTOR_LANGUAGE : null,
    referenceDate,
  };
  return { article, encoding: read.encoding, ...(source.detection ? { detection: source.detection } : {}) };
}

/** What relative dates are resolved against when the article has no dateline: when it was uploaded. */
export function referenceDateOf(run: ArticleRun, upload: Upload): string {
  return (upload.info.lastModified ?? run.deps.clock.now()).toISOString().slice(0, 10);
}

function unexpectedAnalysisError(error: unknown): ArticleError {
  const detail = error instanceof Error ? error.message : String(error);
  return new ArticleError(
    'analysis-failed',
    `polybrief could not analyse this article (${detail}).`,
    'This is a fault in polybrief, not in the article: report it with this record. The upload is kept as it was.',
  );
}
