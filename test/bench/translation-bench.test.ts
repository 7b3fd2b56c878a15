import '../support/quiet-aws-sdk.js';
import { describe, expect, it } from 'vitest';
import { type Figure, formatFigure, logLogSlope, passes } from '../../bench/translation/figures.js';
import { runTranslationBench } from '../../bench/translation/run.js';
import {
  articleText,
  syntheticArticle,
  withParagraphRewritten,
} from '../../bench/translation/synthetic-article.js';
import { DEFAULT_STORM_CONFIG, DEFAULT_STORM_OPTIONS } from '../../bench/translation/throttle-storm.js';

describe('synthetic benchmark articles', () => {
  it('are the same for the same seed, and about the size asked for', () => {
    const a = articleText(syntheticArticle({ seed: 5, bytes: 20_000, paragraphs: 10 }));
    const b = articleText(syntheticArticle({ seed: 5, bytes: 20_000, paragraphs: 10 }));

    expect(a).toBe(b);
    expect(Buffer.byteLength(a)).toBeGreaterThanOrEqual(20_000);
    expect(Buffer.byteLength(a)).toBeLessThan(20_400);
    expect(a.split('\n\n')).toHaveLength(11);
  });

  it('rewrite exactly one paragraph for a re-upload', () => {
    const article = syntheticArticle({ seed: 5, bytes: 20_000, paragraphs: 10 });

    const edited = withParagraphRewritten(article, 4, 9);

    const changed = edited.paragraphs.filter(
      (paragraph, i) => paragraph.join() !== article.paragraphs[i]?.join(),
    );
    expect(changed).toEqual([edited.paragraphs[4]]);
  });
});

describe('logLogSlope', () => {
  it('finds the exponent of a power law', () => {
    expect(logLogSlope([1, 2, 4, 8].map((x) => [x, 3 * x ** 1.5] as [number, number]))).toBeCloseTo(1.5, 9);
  });
});

describe('npm run bench, in miniature', () => {
  it('prints every figure, and the counted ones meet their targets', async () => {
    const figures = await runTranslationBench({
      latencyMs: 5,
      storeLatencyMs: 0,
      articleBytes: 20_000,
      scalingBytes: [4_096, 16_384],
      repeats: 1,
      bundleRuns: 1,
      // The comparison with the SDK's modes takes a minute; the default strategy alone shows the figures.
      storm: {
        ...DEFAULT_STORM_OPTIONS,
        articles: 2,
        articleBytes: 12_000,
        latencyMs: 5,
        repeats: 1,
        configs: [DEFAULT_STORM_CONFIG],
      },
    });

    const byName = new Map<string, Figure>(figures.map((figure) => [figure.name, figure]));
    expect([...byName.keys()]).toEqual([
      'billed_ratio',
      'markup_ratio',
      'calls_ratio',
      'reupload_ratio',
      'duplicate_calls',
      'fanout_ratio',
      'scaling_exponent',
      'bundle_mb',
      'init_ms',
      'resume_ratio',
      'brief_ratio',
      'cross_article_ratio',
      'memory_reupload_reads_ratio',
      'memory_first_requests_ratio',
      'storm_ratio',
      'storm_languages_given_up',
    ]);
    // Counts of characters, requests and store reads do not depend on the machine's speed.
    for (const name of [
      'billed_ratio',
      'markup_ratio',
      'calls_ratio',
      'reupload_ratio',
      'duplicate_calls',
      'resume_ratio',
      'brief_ratio',
      'cross_article_ratio',
      'memory_first_requests_ratio',
      'storm_languages_given_up',
    ]) {
      const figure = byName.get(name) as Figure;
      expect(passes(figure), formatFigure(figure)).toBe(true);
    }
    // Its target is set for the full-size article: on this smaller one, packs still save most reads.
    expect(byName.get('memory_reupload_reads_ratio')?.value).toBeLessThan(0.5);
    for (const figure of figures) {
      expect(Number.isFinite(figure.value), figure.name).toBe(true);
      expect(formatFigure(figure)).toMatch(
        new RegExp(`^${figure.name} +\\S+ +target [≤≥=] \\S+ +(PASS|FAIL) `, 'u'),
      );
    }
  }, 180_000);
});
