import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ArticleOutcome } from '../core/pipeline.js';

/** The count metric each outcome adds 1 to. */
export const OUTCOME_METRICS: Readonly<Record<ArticleOutcome['status'], string>> = {
  published: 'ArticlesPublished',
  partial: 'ArticlesPartiallyPublished',
  failed: 'ArticlesFailed',
  unchanged: 'ArticlesUnchanged',
  ignored: 'ObjectsIgnored',
};

/**
 * Records what the function did with one object: the outcome's count, and for an article it published (wholly or
 * in part), per language the characters sent and found in memory, the estimated cost, the requests and retries,
 * and the language's latency as its own metric with a `Language` dimension.
 */
export function recordOutcome(
  metrics: Pick<Metrics, 'addMetric' | 'singleMetric'>,
  outcome: ArticleOutcome,
): void {
  metrics.addMetric(OUTCOME_METRICS[outcome.status], MetricUnit.Count, 1);
  if (outcome.status !== 'published' && outcome.status !== 'partial') return;
  for (const [language, usage] of Object.entries(outcome.usage)) {
    metrics.addMetric('CharactersSent', MetricUnit.Count, usage.charactersSent);
    metrics.addMetric('CharactersFromMemory', MetricUnit.Count, usage.charactersFromMemory);
    // USD at PRICE_PER_MILLION_CHARACTERS: its Sum over a day is the day's estimated translation bill.
    metrics.addMetric('EstimatedTranslationCostUsd', MetricUnit.NoUnit, usage.estimatedCostUsd);
    metrics.addMetric('TranslateRequests', MetricUnit.Count, usage.requests);
    metrics.addMetric('TranslateRetries', MetricUnit.Count, usage.retries);
    const latency = outcome.languagesMs[language];
    if (latency !== undefined) {
      metrics
        .singleMetric()
        .addDimension('Language', language)
        .addMetric('TranslationLatency', MetricUnit.Milliseconds, latency);
    }
  }
}
