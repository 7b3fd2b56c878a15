import { describe, expect, it } from 'vitest';
import { seconds, translationCost } from '../../functions/cli/outcome-figures.js';

const language = (charactersSent: number, charactersFromMemory: number, estimatedCostUsd: number) => ({
  engine: 'amazon-translate',
  charactersSent,
  charactersFromMemory,
  requests: 1,
  retries: 0,
  estimatedCostUsd,
});

describe('the figures polybrief run and dev print per article', () => {
  it('give durations in seconds to a tenth', () => {
    expect(seconds(1_250)).toBe('1.3s');
    expect(seconds(40)).toBe('0.0s');
  });

  it('add up the characters and the estimate of every language', () => {
    const usage = { es: language(8_000, 1_200, 0.12), fr: language(4_345, 0, 0.07) };

    expect(translationCost(usage, { price: 'always' })).toBe(
      '12,345 characters sent, 1,200 from memory, ~$0.19',
    );
    expect(translationCost(usage, { price: 'when-paid' })).toBe(
      '12,345 characters sent, 1,200 from memory, ~$0.19',
    );
  });

  it('leave the estimate out for an engine that costs nothing, where asked to', () => {
    const usage = { es: language(2_345, 120, 0) };

    expect(translationCost(usage, { price: 'when-paid' })).toBe('2,345 characters sent, 120 from memory');
    expect(translationCost(usage, { price: 'always' })).toBe(
      '2,345 characters sent, 120 from memory, ~$0.00',
    );
  });
});
