import { allowedTransition, labelCount } from './labels.js';

/**
 * A linear sequence tagger (structured perceptron): each token's label scores are the sum of its features'
 * weights, plus a weight for each pair of adjacent labels; Viterbi picks the best label sequence.
 */
export interface TaggerModel {
  readonly weights: ReadonlyMap<string, Float64Array>;
  /** `(previous + 1) * labelCount + label`; row 0 is the sentence start. */
  readonly transitions: Float64Array;
}

export function emissionScores(model: TaggerModel, features: readonly string[]): Float64Array {
  const scores = new Float64Array(labelCount);
  for (const feature of features) {
    const weights = model.weights.get(feature);
    if (!weights) continue;
    for (let label = 0; label < labelCount; label++)
      scores[label] = (scores[label] ?? 0) + (weights[label] ?? 0);
  }
  return scores;
}

/** Best label index per token. Linear in the sentence length. */
export function viterbi(model: TaggerModel, sentence: readonly (readonly string[])[]): number[] {
  const length = sentence.length;
  if (length === 0) return [];
  const score: Float64Array[] = [];
  const back: Int8Array[] = [];
  for (let t = 0; t < length; t++) {
    const emission = emissionScores(model, sentence[t] ?? []);
    const current = new Float64Array(labelCount).fill(Number.NEGATIVE_INFINITY);
    const pointer = new Int8Array(labelCount);
    for (let label = 0; label < labelCount; label++) {
      if (t === 0) {
        if (allowedTransition(0, label))
          current[label] = (emission[label] ?? 0) + (model.transitions[label] ?? 0);
        continue;
      }
      const previousScores = score[t - 1] as Float64Array;
      for (let previous = 0; previous < labelCount; previous++) {
        if (!allowedTransition(previous, label)) continue;
        const value =
          (previousScores[previous] ?? 0) +
          (model.transitions[(previous + 1) * labelCount + label] ?? 0) +
          (emission[label] ?? 0);
        if (value > (current[label] ?? Number.NEGATIVE_INFINITY)) {
          current[label] = value;
          pointer[label] = previous;
        }
      }
    }
    score.push(current);
    back.push(pointer);
  }
  const last = score[length - 1] as Float64Array;
  let best = 0;
  for (let label = 1; label < labelCount; label++) if ((last[label] ?? 0) > (last[best] ?? 0)) best = label;
  const path = new Array<number>(length);
  for (let t = length - 1; t >= 0; t--) {
    path[t] = best;
    best = back[t]?.[best] ?? 0;
  }
  return path;
}

/** Reads the packed model written by `scripts/build-lexicon-ner-model.ts`. */
export function unpackModel(packed: { features: string; weights: string; transitions: string }): TaggerModel {
  const names = packed.features.split('\n');
  const values = packed.weights.split(',').map(Number);
  const weights = new Map<string, Float64Array>();
  names.forEach((name, index) => {
    weights.set(
      name,
      Float64Array.from(values.slice(index * labelCount, (index + 1) * labelCount), (v) => v / 1000),
    );
  });
  const transitions = Float64Array.from(packed.transitions.split(',').map(Number), (v) => v / 1000);
  return { weights, transitions };
}
