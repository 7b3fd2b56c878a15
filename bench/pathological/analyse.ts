/**
 * The pipeline's analysis of one upload, stage by stage, as `processArticle` runs it (decode, parse, language
 * check, facts, summary, the segments to translate) plus the source language's JSON and HTML, each stage timed.
 * An error ends the run where it is thrown, as it ends the pipeline's analysis in a failed record.
 */
import { performance } from 'node:perf_hooks';
import type { SourceFormat } from '../../functions/core/document.js';
import { ArticleError } from '../../functions/core/errors.js';
import { extractFacts, summarize } from '../../functions/core/facts/index.js';
import { localize } from '../../functions/core/publish/localize.js';
import { renderArticleHtml } from '../../functions/core/publish/render/article-html.js';
import { decodeArticle } from '../../functions/core/read/decode.js';
import { checkSourceLanguage } from '../../functions/core/read/language-check.js';
import { parseArticle } from '../../functions/core/read/parse-article.js';
import { segmentsToTranslate } from '../../functions/core/translate/segments-to-translate.js';
import { sourceVersion } from '../../functions/core/translate/version-text.js';

export const STAGES = ['decode', 'parse', 'language', 'facts', 'summary', 'segments', 'render'] as const;
export type Stage = (typeof STAGES)[number];

export interface Analysis {
  readonly ms: number;
  readonly stagesMs: Readonly<Record<Stage, number>>;
  /** The failed record's code when the pipeline refuses the article. */
  readonly refused?: string;
  readonly segments: number;
}

export function analyse(bytes: Uint8Array, format: SourceFormat): Analysis {
  const stagesMs = Object.fromEntries(STAGES.map((stage) => [stage, 0])) as Record<Stage, number>;
  let last = performance.now();
  const started = last;
  const lap = (stage: Stage): void => {
    const now = performance.now();
    stagesMs[stage] = now - last;
    last = now;
  };
  let segments = 0;
  try {
    const decoded = decodeArticle(bytes);
    lap('decode');
    const document = parseArticle(decoded.text, format);
    lap('parse');
    if (document.paragraphs.length === 0) throw new ArticleError('no-sentences', 'no body', '');
    try {
      checkSourceLanguage(document.text, 'en');
    } catch (error) {
      // Measured, then carried on: with sourceLanguage=auto the check does not run and the rest must still hold.
      if (!(error instanceof ArticleError)) throw error;
    }
    lap('language');
    const facts = extractFacts(document, { referenceDate: '2024-05-01' });
    lap('facts');
    const summary = summarize(document, facts);
    lap('summary');
    const article = {
      articleId: 'bench',
      key: 'incoming/bench',
      sourceLanguage: 'en',
      document,
      facts,
      summary,
      factsLanguage: 'en' as const,
      referenceDate: '2024-05-01',
    };
    segments = segmentsToTranslate(article, 'full').length;
    lap('segments');
    const json = localize(article, {
      language: 'en',
      sourceLanguage: 'en',
      version: sourceVersion(article),
      languages: [{ language: 'en', json: 'en.json', html: 'en.html' }],
      sourceSha256: '0'.repeat(64),
    });
    JSON.stringify(json, null, 2);
    renderArticleHtml(json);
    lap('render');
  } catch (error) {
    // What the pipeline records: an ArticleError's code, anything else as a fault (`analysis-failed`).
    const refused =
      error instanceof ArticleError
        ? error.code
        : `analysis-failed (${error instanceof Error ? error.name : String(error)})`;
    return { ms: performance.now() - started, stagesMs, refused, segments };
  }
  return { ms: performance.now() - started, stagesMs, segments };
}
