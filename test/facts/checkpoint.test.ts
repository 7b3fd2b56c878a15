import { describe, expect, it } from 'vitest';
import { allSentences } from '../../functions/core/document.js';
import { sentencesPerCheckpoint } from '../../functions/core/facts/checkpoint.js';
import { extractFacts } from '../../functions/core/facts/index.js';
import { article } from './helpers.js';

class Stop extends Error {}

const longArticle = article(
  Array.from({ length: 600 }, (_, i) => `Councillor Ann Lee spoke for ${i + 2} minutes on 4 May.`).join(' '),
);

describe('extractFacts checkpoint', () => {
  it('is called every few dozen sentences while the facts are worked out, not only at the end', () => {
    let calls = 0;
    extractFacts(longArticle, {
      checkpoint: () => {
        calls++;
      },
    });
    const sentences = allSentences(longArticle).length;
    expect(sentences).toBeGreaterThanOrEqual(600);
    // Each of the five sentence loops (tokens, two tagging passes, dates, figures, quotes) calls it every
    // `sentencesPerCheckpoint` sentences, plus between the stages.
    expect(calls).toBeGreaterThanOrEqual(Math.floor((5 * sentences) / sentencesPerCheckpoint));
    expect(calls).toBeLessThanOrEqual(Math.ceil((6 * sentences) / sentencesPerCheckpoint) + 2);
  });

  it('stops the extraction where the checkpoint throws', () => {
    let calls = 0;
    const stopAt = 3;
    expect(() =>
      extractFacts(longArticle, {
        checkpoint: () => {
          calls++;
          if (calls === stopAt) throw new Stop('over budget');
        },
      }),
    ).toThrow(Stop);
    expect(calls).toBe(stopAt);
  });
});
