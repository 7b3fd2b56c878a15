import { describe, expect, it } from 'vitest';
import { emptyTally, micro, score, tallyDocument } from '../../bench/lib/ner-score.js';
import { emptyQuoteTally, overlapF1, tallyQuotes } from '../../bench/lib/quote-score.js';
import { rouge, rougeTokens } from '../../bench/lib/rouge.js';

describe('bench scoring: ROUGE', () => {
  it('scores a summary identical to the reference 1 and a disjoint one 0', () => {
    const reference = ['The cat sat on the mat.', 'It was happy.'];
    expect(rouge(reference, reference)).toEqual({ rouge1: 1, rouge2: 1, rougeLsum: 1 });
    expect(rouge(['Dogs bark loudly.'], reference)).toEqual({ rouge1: 0, rouge2: 0, rougeLsum: 0 });
  });

  it('matches the reference implementation on a worked example', () => {
    // rouge-score: candidate "the cat was found under the bed", reference "the cat was under the bed":
    // ROUGE-1 F1 = 2*(6/7*6/6)/(6/7+1) = 0.923, ROUGE-2: 4 shared bigrams of 6 and 5 = 0.727.
    const scores = rouge(['the cat was found under the bed'], ['the cat was under the bed']);
    expect(scores.rouge1).toBeCloseTo(0.923, 3);
    expect(scores.rouge2).toBeCloseTo(0.727, 3);
    expect(scores.rougeLsum).toBeCloseTo(0.923, 3);
    expect(rougeTokens("It's 10.5% — OK")).toEqual(['it', 's', '10', '5', 'ok']);
  });
});

describe('bench scoring: NER tally', () => {
  it('counts exact span and type matches over PER, ORG and LOC only', () => {
    const tally = emptyTally();
    tallyDocument(
      tally,
      [
        { type: 'PER', start: 0, end: 5 },
        { type: 'LOC', start: 10, end: 15 },
        { type: 'MISC', start: 20, end: 25 },
      ],
      [
        { type: 'PER', start: 0, end: 5 },
        { type: 'ORG', start: 10, end: 15 },
        { type: 'MISC', start: 30, end: 35 },
      ],
    );
    expect(tally.PER).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(tally.LOC).toEqual({ tp: 0, fp: 0, fn: 1 });
    expect(tally.ORG).toEqual({ tp: 0, fp: 1, fn: 0 });
    expect(score(micro(tally)).f1).toBeCloseTo(50, 5);
  });
});

describe('bench scoring: quotes', () => {
  it('matches a quote of the same kind and speaker whose words overlap enough, each annotation once', () => {
    const tally = emptyQuoteTally();
    tallyQuotes(
      tally,
      [
        { kind: 'direct', speaker: 'A B', text: 'we will reopen the bridge by spring' },
        { kind: 'reported', speaker: 'A B', text: 'the budget would protect libraries' },
      ],
      [
        { kind: 'direct', speaker: 'A B', text: 'we will reopen the bridge by spring' },
        { kind: 'direct', speaker: 'A B', text: 'we will reopen the bridge by spring' },
        { kind: 'reported', speaker: 'C D', text: 'the budget would protect libraries' },
      ],
    );
    expect(tally.direct).toEqual({ tp: 1, fp: 1, fn: 0 });
    expect(tally.reported).toEqual({ tp: 0, fp: 1, fn: 1 });
    expect(
      overlapF1('the budget would protect libraries', 'the budget would protect all libraries'),
    ).toBeCloseTo(10 / 11, 5);
  });
});
