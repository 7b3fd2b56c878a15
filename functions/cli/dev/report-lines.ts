import { setKeys } from '../../core/key-layout.js';
import type { PublishedOutcome } from '../../core/pipeline.js';
import { defaultPrefixes } from '../../core/settings.js';
import type { DevReport } from '../../local/dev-runner.js';
import { seconds, translationCost } from '../outcome-figures.js';

export interface ReportContext {
  /** `http://127.0.0.1:PORT` */
  readonly endpoint: string;
  readonly bucket: string;
  /** The language whose page is linked; the first target language, else the source language. */
  readonly pageLanguage: string;
}

/** `2,345 characters sent, 120 from memory`, plus `~$0.04` for a paid engine: all languages together. */
function cost(usage: PublishedOutcome['usage']): string {
  return translationCost(usage, { price: 'when-paid' });
}

/** Where a published page can be opened in a browser (the endpoint serves objects anonymously). */
export function pageUrl(context: ReportContext, articleId: string, language: string): string {
  return `${context.endpoint}/${context.bucket}/${setKeys(defaultPrefixes, articleId).html(language)}`;
}

/**
 * The line `polybrief dev` prints for a report: the word saying what happened, padded to one column, then the
 * article id, its languages and the time it took, then where to look.
 */
export function reportLine(report: DevReport, context: ReportContext): string {
  const word = (text: string) => text.padEnd(10);
  switch (report.type) {
    case 'retry':
      return `${word('retry')} ${report.key}  attempt ${report.attempt} of ${report.maxReceiveCount} did not finish; trying again in ${seconds(report.delayMs)}`;
    case 'dead-letter':
      return `${word('dead')} ${report.key}  gave up after ${report.attempts} attempts (see the log); re-upload it or restart polybrief dev to try again`;
    case 'outcome':
      break;
  }
  const { outcome, ms } = report;
  switch (outcome.status) {
    case 'published':
    case 'partial': {
      const language = outcome.languages.includes(context.pageLanguage)
        ? context.pageLanguage
        : (outcome.languages[0] ?? context.pageLanguage);
      const failed =
        outcome.errors.length === 0
          ? ''
          : `  not published: ${outcome.errors.map((error) => `${error.language} (${error.message})`).join(', ')}`;
      return `${word(outcome.status)} ${outcome.articleId}  ${outcome.languages.join(',')}  ${seconds(ms)}  ${pageUrl(context, outcome.articleId, language)}  (${cost(outcome.usage)})${failed}`;
    }
    case 'unchanged':
      return `${word('unchanged')} ${outcome.articleId}  already published from this version  ${seconds(ms)}`;
    case 'failed':
      return `${word('failed')} ${outcome.articleId}  ${seconds(ms)}  ${outcome.error.code}: ${outcome.error.message}  s3://${context.bucket}/${outcome.failedKey}`;
    case 'ignored':
      return `${word('ignored')} ${outcome.key}  ${outcome.reason}`;
  }
}
