import { describe, expect, it } from 'vitest';
import { extractFacts, summarize } from '../../functions/core/facts/index.js';
import { article, sampleDocument } from './helpers.js';

describe('summarize', () => {
  it('prefers running prose to sub-headings and list items', () => {
    const document = sampleDocument('city-budget-vote.md');
    const kinds = new Map(
      document.paragraphs.flatMap((paragraph) =>
        paragraph.sentences.map((s) => [s.id, paragraph.kind] as const),
      ),
    );
    const summary = summarize(document, extractFacts(document, { referenceDate: '2024-01-01' }));
    expect(summary.length).toBeGreaterThanOrEqual(3);
    for (const sentence of summary) expect(['paragraph', 'quote']).toContain(kinds.get(sentence.sentenceId));
  });

  it('chooses sentences for what they say, not only for coming first', () => {
    const document = article(
      [
        'It was a cold morning.',
        'Nobody expected much from the day.',
        'The city council approved the new tram line after a long council debate.',
        'The tram line will link the council offices with the university.',
        'Work on the tram line starts next spring, the council said.',
        'Some people watched from the gallery.',
      ].join(' '),
      'Council approves tram line',
    );
    const summary = summarize(document);
    expect(summary.map((s) => s.text)).toEqual([
      'The city council approved the new tram line after a long council debate.',
      'The tram line will link the council offices with the university.',
      'Work on the tram line starts next spring, the council said.',
    ]);
  });

  it('returns every sentence of an article with fewer than three', () => {
    const document = article('Only one sentence here. And a second one.');
    expect(summarize(document).map((s) => s.sentenceId)).toEqual(['p1s1', 'p1s2']);
  });
});
