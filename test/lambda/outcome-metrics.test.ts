import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ArticleOutcome, PublishedOutcome } from '../../functions/core/pipeline.js';
import { OUTCOME_METRICS, recordOutcome } from '../../functions/lambda/outcome-metrics.js';

interface EmfDocument {
  readonly _aws: {
    readonly CloudWatchMetrics: { readonly Namespace: string; readonly Dimensions: string[][] }[];
  };
  readonly [name: string]: unknown;
}

/** What Powertools would print for the metrics recorded: the stored document, and those published at once. */
function record(outcome: ArticleOutcome): { stored: EmfDocument; published: EmfDocument[] } {
  const metrics = new Metrics({ namespace: 'Polybrief', serviceName: 'polybrief' });
  const printed: string[] = [];
  // Single metrics (latency per language) are printed as EMF on stdout the moment they are added.
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    printed.push(String(chunk));
    return true;
  });
  recordOutcome(metrics, outcome);
  vi.restoreAllMocks();
  return {
    stored: metrics.serializeMetrics() as unknown as EmfDocument,
    published: printed.map((line) => JSON.parse(line) as EmfDocument),
  };
}

const accounting = (charactersSent: number, charactersFromMemory: number) => ({
  engine: 'amazon-translate',
  charactersSent,
  charactersFromMemory,
  requests: 2,
  retries: 1,
  estimatedCostUsd: (charactersSent / 1e6) * 15,
});

const published: PublishedOutcome = {
  status: 'published',
  articleId: 'harbour-ferry-returns',
  key: 'incoming/harbour-ferry-returns.txt',
  manifestKey: 'published/harbour-ferry-returns/manifest.json',
  languages: ['en', 'es', 'fr'],
  htmlKeys: {},
  errors: [],
  retryable: false,
  usage: { es: accounting(1_200, 300), fr: accounting(1_000, 0) },
  languagesMs: { es: 850, fr: 910 },
};

describe('recordOutcome', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('counts a published article and what each language cost', () => {
    const { stored } = record(published);

    expect(stored._aws.CloudWatchMetrics[0]?.Namespace).toBe('Polybrief');
    expect(stored).toMatchObject({
      ArticlesPublished: 1,
      CharactersSent: [1_200, 1_000],
      CharactersFromMemory: [300, 0],
      EstimatedTranslationCostUsd: [0.018, 0.015],
      TranslateRequests: [2, 2],
      TranslateRetries: [1, 1],
    });
  });

  it('publishes each language latency as its own metric with a Language dimension', () => {
    const { published: documents } = record(published);

    expect(documents.map((document) => [document.Language, document.TranslationLatency])).toEqual([
      ['es', 850],
      ['fr', 910],
    ]);
    expect(documents[0]?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([['service', 'Language']]);
  });

  it('counts a partly published article as such, with the languages it did publish', () => {
    const { stored } = record({ ...published, status: 'partial', usage: { es: accounting(500, 0) } });

    expect(stored).toMatchObject({ ArticlesPartiallyPublished: 1, CharactersSent: 500 });
    expect(stored).not.toHaveProperty('ArticlesPublished');
  });

  it.each([
    [
      { status: 'failed', articleId: 'a', key: 'incoming/a.txt', failedKey: 'failed/a.json', error: {} },
      'ArticlesFailed',
    ],
    [
      {
        status: 'unchanged',
        articleId: 'a',
        key: 'incoming/a.txt',
        manifestKey: 'm',
        languages: [],
        htmlKeys: {},
      },
      'ArticlesUnchanged',
    ],
    [{ status: 'ignored', key: 'incoming/desk/', reason: 'a folder' }, 'ObjectsIgnored'],
  ] as [ArticleOutcome, string][])(
    "adds 1 to the outcome's own count and records nothing else (case %#)",
    (outcome, name) => {
      const { stored, published: documents } = record(outcome);
      const names = Object.keys(stored).filter((key) => key !== '_aws' && key !== 'service');

      expect(names).toEqual([name]);
      expect(stored[name]).toBe(1);
      expect(documents).toEqual([]);
    },
  );

  it('has a metric name for every outcome', () => {
    expect(Object.values(OUTCOME_METRICS).sort()).toEqual([
      'ArticlesFailed',
      'ArticlesPartiallyPublished',
      'ArticlesPublished',
      'ArticlesUnchanged',
      'ObjectsIgnored',
    ]);
  });
});
