/**
 * Fits the entity tagger's weights (averaged structured perceptron) on CoNLL-2003 development documents 1–108
 * only; `bench:facts` reports on documents 109–216. The features are non-lexical (shape, gazetteer hits, closed
 * cue classes, document evidence: see functions/core/facts/ner/features.ts), so the weights hold no word→label
 * list learned from the data. Needs ../shared/eval/ (not shipped).
 *
 *   npx tsx scripts/build-lexicon-ner-model.ts         fit on 1–108 and write functions/core/facts/ner/model.ts
 *   npx tsx scripts/build-lexicon-ner-model.ts --cv    two-fold check inside 1–108 (1–54 ↔ 55–108), writes nothing
 *   npx tsx scripts/build-lexicon-ner-model.ts --first-half   development: fit on 1–54 only
 */
import { writeFileSync } from 'node:fs';
import { type ConllDocument, fitDocuments, hasConll, readConll } from '../bench/lib/conll.js';
import { emptyTally, formatTally, tallyDocument } from '../bench/lib/ner-score.js';
import { labelCount, labels } from '../functions/core/facts/ner/labels.js';
import {
  documentHints,
  type EntityMention,
  labelsToMentions,
  type PreparedDocument,
  prepareDocument,
  type TwoPassModel,
  tagInputs,
} from '../functions/core/facts/ner/recognise.js';
import { type TaggerModel, viterbi } from '../functions/core/facts/ner/tagger.js';
import type { Token } from '../functions/core/facts/tokens.js';

interface Example {
  readonly features: readonly (readonly string[])[];
  readonly gold: readonly number[];
}

const epochs = 12;

function goldLabels(document: ConllDocument, tokens: readonly Token[]): number[] {
  return tokens.map((token) => {
    const entity = document.entities.find((e) => e.start <= token.start && token.end <= e.end);
    if (!entity) return 0;
    const label = `${entity.start === token.start ? 'B' : 'I'}-${entity.type}`;
    return Math.max(0, labels.indexOf(label));
  });
}

interface Prepared {
  readonly document: ConllDocument;
  readonly prepared: PreparedDocument;
  readonly gold: readonly (readonly number[])[];
}

function prepare(documents: readonly ConllDocument[]): Prepared[] {
  return documents.map((document) => {
    const prepared = prepareDocument(document.text, document.sentences);
    return { document, prepared, gold: prepared.tokenised.map((tokens) => goldLabels(document, tokens)) };
  });
}

function examples(
  documents: readonly Prepared[],
  hints?: (item: Prepared) => Map<string, string[]>,
): Example[] {
  return documents.flatMap((item) =>
    tagInputs(item.prepared, hints?.(item)).map(({ features }, index) => ({
      features,
      gold: item.gold[index] ?? [],
    })),
  );
}

function firstPassMentions(model: TaggerModel, item: Prepared): EntityMention[] {
  return tagInputs(item.prepared).flatMap(({ tokens, features }) =>
    labelsToMentions(item.document.text, tokens, viterbi(model, features)),
  );
}

/**
 * Both passes. The second pass learns from first-pass guesses made by a model that did not see the document
 * (two folds), so its weights trust those guesses only as far as they deserve.
 */
function trainTwoPass(documents: readonly Prepared[]): TwoPassModel {
  const first = train(examples(documents));
  const half = Math.floor(documents.length / 2);
  const foldA = documents.slice(0, half);
  const foldB = documents.slice(half);
  const modelA = train(examples(foldA));
  const modelB = train(examples(foldB));
  const hints = (item: Prepared): Map<string, string[]> =>
    documentHints(firstPassMentions(foldA.includes(item) ? modelB : modelA, item));
  const second = train(examples(documents, hints));
  return { first, second };
}

/** Deterministic shuffle (xorshift), so the same data always gives the same weights. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const j = Math.abs(state) % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function train(data: readonly Example[]): TaggerModel {
  const weights = new Map<string, Float64Array>();
  const totals = new Map<string, Float64Array>();
  const transitions = new Float64Array((labelCount + 1) * labelCount);
  const transitionTotals = new Float64Array(transitions.length);
  const model: TaggerModel = { weights, transitions };
  let step = 1;
  const update = (feature: string, label: number, delta: number): void => {
    let w = weights.get(feature);
    let u = totals.get(feature);
    if (!w || !u) {
      w = new Float64Array(labelCount);
      u = new Float64Array(labelCount);
      weights.set(feature, w);
      totals.set(feature, u);
    }
    w[label] = (w[label] ?? 0) + delta;
    u[label] = (u[label] ?? 0) + step * delta;
  };
  const updateTransition = (index: number, delta: number): void => {
    transitions[index] = (transitions[index] ?? 0) + delta;
    transitionTotals[index] = (transitionTotals[index] ?? 0) + step * delta;
  };
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const example of shuffled(data, 2463534242 + epoch)) {
      const predicted = viterbi(model, example.features);
      example.gold.forEach((gold, t) => {
        const guess = predicted[t] ?? 0;
        const previousGold = t === 0 ? -1 : (example.gold[t - 1] ?? 0);
        const previousGuess = t === 0 ? -1 : (predicted[t - 1] ?? 0);
        if (gold !== guess) {
          for (const feature of example.features[t] ?? []) {
            update(feature, gold, 1);
            update(feature, guess, -1);
          }
        }
        if (gold !== guess || previousGold !== previousGuess) {
          updateTransition((previousGold + 1) * labelCount + gold, 1);
          updateTransition((previousGuess + 1) * labelCount + guess, -1);
        }
      });
      step++;
    }
  }
  // Averaged weights: w - u / step.
  const averaged = new Map<string, Float64Array>();
  for (const [feature, w] of weights) {
    const u = totals.get(feature) as Float64Array;
    const value = w.map((x, i) => x - (u[i] ?? 0) / step);
    if (value.some((x) => Math.abs(x) >= 0.005)) averaged.set(feature, value);
  }
  return { weights: averaged, transitions: transitions.map((x, i) => x - (transitionTotals[i] ?? 0) / step) };
}

function evaluate(model: TwoPassModel, documents: readonly Prepared[]): string[] {
  const tally = emptyTally();
  for (const item of documents) {
    const hints = documentHints(firstPassMentions(model.first, item));
    const predicted = tagInputs(item.prepared, hints).flatMap(({ tokens, features }) =>
      labelsToMentions(item.document.text, tokens, viterbi(model.second, features)),
    );
    tallyDocument(tally, item.document.entities, predicted);
  }
  return formatTally(tally);
}

const pack = (model: TaggerModel): string => {
  const features = [...model.weights.keys()].sort();
  const values = features.flatMap((feature) =>
    [...(model.weights.get(feature) as Float64Array)].map((x) => Math.round(x * 1000)),
  );
  // Laid out as Biome formats it, so the generated file passes `biome check` unchanged.
  return [
    '{',
    '    features:',
    `      ${JSON.stringify(features.join('\n'))},`,
    '    weights:',
    `      '${values.join(',')}',`,
    '    transitions:',
    `      '${[...model.transitions].map((x) => Math.round(x * 1000)).join(',')}',`,
    '  }',
  ].join('\n');
};

function write(model: TwoPassModel): void {
  const text = [
    '// Generated by scripts/build-lexicon-ner-model.ts: weights fitted on CoNLL-2003 dev documents 1–108. Do not edit.',
    'export const packedModel = {',
    `  first: ${pack(model.first)},`,
    `  second: ${pack(model.second)},`,
    '};',
    '',
  ].join('\n');
  const path = new URL('../functions/core/facts/ner/model.ts', import.meta.url);
  writeFileSync(path, text);
  console.log(
    `wrote ${model.first.weights.size} + ${model.second.weights.size} features, ${(text.length / 1024).toFixed(0)} KB`,
  );
}

if (!hasConll()) {
  console.log('../shared/eval/conll2003/valid.txt not found: nothing to fit.');
  process.exit(0);
}
const fit = prepare(readConll().filter((document) => fitDocuments(document.number)));
if (process.argv.includes('--cv')) {
  const first = fit.filter((item) => item.document.number <= 54);
  const second = fit.filter((item) => item.document.number > 54);
  console.log('fit 1–54, check 55–108:');
  for (const line of evaluate(trainTwoPass(first), second)) console.log(line);
  console.log('fit 55–108, check 1–54:');
  for (const line of evaluate(trainTwoPass(second), first)) console.log(line);
} else if (process.argv.includes('--first-half')) {
  // Development only: weights from 1–54, to study errors on 55–108 (bench/lib/dev-errors.ts).
  write(trainTwoPass(fit.filter((item) => item.document.number <= 54)));
} else {
  write(trainTwoPass(fit));
}
