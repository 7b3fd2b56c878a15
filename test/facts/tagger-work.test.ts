import { describe, expect, it } from 'vitest';
import { allSentences } from '../../functions/core/document.js';
import { boundedSpans } from '../../functions/core/facts/bounds.js';
import {
  gatherEvidence,
  hintFeatures,
  sentenceFeatures,
  sentenceMode,
  sentenceParts,
  tokenFeatures,
  tokenSignature,
} from '../../functions/core/facts/ner/features.js';
import { labelCount } from '../../functions/core/facts/ner/labels.js';
import { packedModel } from '../../functions/core/facts/ner/model.js';
import {
  documentHints,
  type EntityMention,
  labelsToMentions,
  recogniseEntities,
  type TaggingWork,
  tokenWindows,
} from '../../functions/core/facts/ner/recognise.js';
import {
  bestPath,
  emissionScores,
  sentenceEmissions,
  unpackModel,
} from '../../functions/core/facts/ner/tagger.js';
import { article, sampleDocument } from './helpers.js';

const tagger = { first: unpackModel(packedModel.first), second: unpackModel(packedModel.second) };

/** Both passes the plain way: every token's features made and scored, one sentence at a time. */
function plainTwoPasses(text: string, spans: readonly { start: number; end: number }[]): EntityMention[] {
  const windows = boundedSpans(text, spans).flatMap((span) => tokenWindows(text, span));
  const evidence = gatherEvidence(windows);
  const features = windows.map((tokens) => sentenceFeatures(tokens, evidence));
  const firstPass = windows.flatMap((tokens, s) =>
    labelsToMentions(
      text,
      tokens,
      bestPath(tagger.first, sentenceEmissions(tagger.first, features[s] ?? [])),
    ),
  );
  const hints = documentHints(firstPass);
  return windows.flatMap((tokens, s) => {
    const scores = sentenceEmissions(tagger.second, features[s] ?? []);
    const mode = sentenceMode(tokens);
    tokens.forEach((token, t) => {
      const found = hintFeatures(token.text, hints, mode);
      if (found.length === 0) return;
      const extra = emissionScores(tagger.second, found);
      for (let label = 0; label < labelCount; label++) {
        scores[t * labelCount + label] =
          (scores[t * labelCount + label] as number) + (extra[label] as number);
      }
    });
    return labelsToMentions(text, tokens, bestPath(tagger.second, scores));
  });
}

const documents = [
  sampleDocument('wang-yi-moscow-visit.txt'),
  sampleDocument('city-budget-vote.md'),
  sampleDocument('wind-farm-approval.html'),
  article(
    `${'A. '.repeat(300)}\n\n${'[a]('.repeat(300)} Then Mr. John Smith of Acme Corp. met IBM in New York.` +
      ` ${'*a _b '.repeat(100)} UNITED NATIONS 1996-08-30 Paris, London and Rome 3 2 1.`,
  ),
];

describe('entity tagger work (each token context scored once)', () => {
  it('gives tokens of equal signature equal features', () => {
    let repeats = 0;
    for (const document of documents) {
      const spans = boundedSpans(document.text, allSentences(document));
      const windows = spans.flatMap((span) => tokenWindows(document.text, span));
      const evidence = gatherEvidence(windows);
      const seen = new Map<string, string>();
      for (const tokens of windows) {
        const parts = sentenceParts(tokens, evidence);
        tokens.forEach((_, i) => {
          const signature = tokenSignature(parts, i);
          const features = tokenFeatures(parts, i).join('\n');
          const before = seen.get(signature);
          if (before === undefined) seen.set(signature, features);
          else {
            repeats++;
            expect(features).toBe(before);
          }
        });
      }
    }
    expect(repeats).toBeGreaterThan(1000);
  });

  it('finds exactly the names the plain two passes find', () => {
    for (const document of documents) {
      const spans = allSentences(document);
      expect(recogniseEntities(document.text, spans).mentions).toEqual(plainTwoPasses(document.text, spans));
    }
  });

  it('scores a long run of repeated tokens a bounded number of times, whatever its length', () => {
    for (const unit of ['A. ', '[a](', '"No," he said. ', '- item\n', '`` a ']) {
      const work = (repeats: number): TaggingWork => {
        const document = article(unit.repeat(repeats));
        const counted: TaggingWork = { scoredTokens: 0, taggedSentences: 0 };
        recogniseEntities(document.text, allSentences(document), { work: counted });
        return counted;
      };
      const short = work(500);
      expect(short.scoredTokens).toBeGreaterThan(0);
      expect(short.scoredTokens).toBeLessThan(60);
      expect(work(4000).scoredTokens).toBe(short.scoredTokens);
    }
  });

  it('tags a short sentence repeated word for word once', () => {
    const document = article(`${'A. '.repeat(2000)}\n\n${'Ms. Ann Lee said. '.repeat(500)}`);
    const counted: TaggingWork = { scoredTokens: 0, taggedSentences: 0 };
    const { mentions } = recogniseEntities(document.text, allSentences(document), { work: counted });
    expect(counted.taggedSentences).toBeLessThan(10);
    expect(mentions).toEqual(plainTwoPasses(document.text, allSentences(document)));
  });
});
