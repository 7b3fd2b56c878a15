import type { SourceDocument } from '../document.js';
import { ArticleError } from '../errors.js';
import { extractFacts, summarize } from '../facts/index.js';
import type { Facts, SummarySentence } from '../facts/types.js';
import { type ArticleRun, msSince } from '../run.js';
import {
  type AnalysisCheckpoint,
  analysisCheckpoint,
  DEFAULT_ANALYSIS_BUDGET_MS,
} from './analysis-budget.js';
import { decodeArticle } from './decode.js';
import { checkSourceLanguage } from './language-check.js';
import { parseArticle } from './parse-article.js';
import type { Upload } from './read-upload.js';

/** Everything known about an article in its source language, ready to be turned into each language version. */
export interface AnalysedArticle {
  readonly articleId: string;
  readonly key: string;
  readonly document: SourceDocument;
  readonly facts: Facts;
  readonly summary: readonly SummarySentence[];
}

export interface Analysis {
  readonly article: AnalysedArticle;
  /** The encoding the upload was decoded from. */
  readonly encoding: string;
}

/**
 * Decodes and parses the upload, checks it is an article in the source language, and extracts its facts and
 * summary. An article that cannot be published throws an `ArticleError`; anything else thrown on the way is a
 * fault of polybrief, logged and turned into one (`analysis-failed`), since another attempt would fail alike.
 */
export async function analyseUpload(run: ArticleRun, upload: Upload): Promise<Analysis> {
  const started = run.deps.clock.now();
  const budgetMs = run.settings.analysisBudgetMs ?? DEFAULT_ANALYSIS_BUDGET_MS;
  const analysis = analyseOrExplain(run, upload, analysisCheckpoint(run.deps.clock, started, budgetMs));
  run.stagesMs.analyse = msSince(run, started);
  return analysis;
}

function analyseOrExplain(run: ArticleRun, upload: Upload, checkpoint: AnalysisCheckpoint): Analysis {
  try {
    return analyse(run, upload, checkpoint);
  } catch (error) {
    if (error instanceof ArticleError) throw error;
    run.deps.logger.error('article analysis failed', { ...run.log, error: String(error) });
    throw unexpectedAnalysisError(error);
  }
}

/** `checkpoint` is called between stages (and between blocks while parsing): past the budget, it throws. */
function analyse(run: ArticleRun, upload: Upload, checkpoint: AnalysisCheckpoint): Analysis {
  const decoded = decodeArticle(upload.body);
  checkpoint('decode');
  const document = parseArticle(decoded.text, upload.format, { checkpoint: () => checkpoint('parse') });
  if (document.paragraphs.length === 0) {
    throw new ArticleError(
      'no-sentences',
      'The file has a headline but no article text to publish.',
      'Upload the article text itself: a headline line, then its paragraphs.',
    );
  }
  checkSourceLanguage(document.text, run.settings.sourceLanguage);
  checkpoint('language');
  const referenceDate = (upload.info.lastModified ?? run.deps.clock.now()).toISOString().slice(0, 10);
  const facts = extractFacts(document, { referenceDate });
  checkpoint('facts');
  const summary = summarize(document, facts);
  checkpoint('summary');
  const article = { articleId: run.articleId, key: run.key, document, facts, summary };
  return { article, encoding: decoded.encoding };
}

function unexpectedAnalysisError(error: unknown): ArticleError {
  const detail = error instanceof Error ? error.message : String(error);
  return new ArticleError(
    'analysis-failed',
    `polybrief could not analyse this article (${detail}).`,
    'This is a fault in polybrief, not in the article: report it with this record. The upload is kept as it was.',
  );
}
