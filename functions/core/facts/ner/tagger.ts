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

// Module constants copied once: imported bindings are live getters under some loaders, too slow for inner loops.
const count = labelCount;
const allowed: readonly boolean[] = Array.from({ length: count * count }, (_, index) =>
  allowedTransition(Math.floor(index / count), index % count),
);
// The labels each label may follow, in increasing order (`I-X` only `B-X` and `I-X`): `previousLabels` from
// `previousStart[label]` to `previousStart[label + 1]`.
const previousStart = new Int32Array(count + 1);
const previousLabels = new Int32Array(count * count);
{
  let at = 0;
  for (let label = 0; label < count; label++) {
    previousStart[label] = at;
    for (let previous = 0; previous < count; previous++) {
      if (allowed[previous * count + label]) previousLabels[at++] = previous;
    }
  }
  previousStart[count] = at;
}

export function emissionScores(
  model: TaggerModel,
  features: readonly string[],
  into?: Float64Array,
): Float64Array {
  const scores = into ?? new Float64Array(count);
  scores.fill(0);
  const weights = model.weights;
  for (const feature of features) {
    const w = weights.get(feature);
    if (!w) continue;
    for (let label = 0; label < count; label++)
      scores[label] = (scores[label] as number) + (w[label] as number);
  }
  return scores;
}

/** Label scores of every token of a sentence, `scores[t * labelCount + label]`. */
export function sentenceEmissions(
  model: TaggerModel,
  sentence: readonly (readonly string[])[],
): Float64Array {
  const out = new Float64Array(sentence.length * count);
  const emission = new Float64Array(count);
  sentence.forEach((features, t) => {
    out.set(emissionScores(model, features, emission), t * count);
  });
  return out;
}

/** Best label index per token. Linear in the sentence length. */
export function viterbi(model: TaggerModel, sentence: readonly (readonly string[])[]): number[] {
  return bestPath(model, sentenceEmissions(model, sentence));
}

// Viterbi's work arrays, kept between calls and grown as needed: a short sentence allocates only its path.
let scoreWork = new Float64Array(0);
let backWork = new Int8Array(0);

/**
 * Best label index per token from the tokens' label scores (`sentenceEmissions`, or `length` tokens of a larger
 * table of them from token `from` on) and the model's transitions.
 */
export function bestPath(
  model: TaggerModel,
  emissions: Float64Array,
  from = 0,
  length = emissions.length / count - from,
): number[] {
  if (length <= 0) return [];
  const transitions = model.transitions;
  if (scoreWork.length < length * count) {
    scoreWork = new Float64Array(Math.max(length * count, scoreWork.length * 2));
    backWork = new Int8Array(scoreWork.length);
  }
  const score = scoreWork;
  const back = backWork;
  const base = from * count;
  for (let label = 0; label < count; label++) {
    score[label] = allowed[label]
      ? (emissions[base + label] as number) + (transitions[label] as number)
      : Number.NEGATIVE_INFINITY;
    back[label] = 0;
  }
  for (let t = 1; t < length; t++) {
    const row = base + t * count;
    const previousRow = (t - 1) * count;
    for (let label = 0; label < count; label++) {
      let best = Number.NEGATIVE_INFINITY;
      let pointer = 0;
      const last = previousStart[label + 1] as number;
      for (let k = previousStart[label] as number; k < last; k++) {
        const previous = previousLabels[k] as number;
        const value =
          (score[previousRow + previous] as number) + (transitions[(previous + 1) * count + label] as number);
        if (value > best) {
          best = value;
          pointer = previous;
        }
      }
      score[t * count + label] = best + (emissions[row + label] as number);
      back[t * count + label] = pointer;
    }
  }
  const lastRow = (length - 1) * count;
  let best = 0;
  for (let label = 1; label < count; label++) {
    if ((score[lastRow + label] as number) > (score[lastRow + best] as number)) best = label;
  }
  const path = new Array<number>(length);
  for (let t = length - 1; t >= 0; t--) {
    path[t] = best;
    best = back[t * count + best] as number;
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
