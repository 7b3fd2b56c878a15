import '../support/quiet-aws-sdk.js';
import { describe, expect, it } from 'vitest';
import { runSoak } from '../../scripts/soak.js';

describe('the local bucket under a burst of uploads (a short npm run soak)', () => {
  it('publishes every article exactly once, none lost, every manifest matching its objects', async () => {
    // Short articles keep this CI run brief; `npm run soak` uploads 1,000 full-size ones.
    const figures = await runSoak({ count: 50, articleBytes: 600, uploadConcurrency: 16 });

    expect(figures).toMatchObject({
      uploads: 50,
      published: 50,
      failed: 0,
      duplicates: 0,
      lost: 0,
      inconsistent: 0,
      deadLetters: 0,
      errors: 0,
    });
    expect(figures.articlesPerSecond).toBeGreaterThan(0);
    expect(figures.peakRssMb).toBeGreaterThanOrEqual(figures.startRssMb);
    expect(figures.rssAtQuartersMb).toHaveLength(4);
  }, 90_000);
});
