/**
 * Fits the entity tagger's weights (averaged structured perceptron, two passes) on the CoNLL-2003 training split
 * (`../shared/eval/conll2003/train.txt`) only, and scores the tagger on the development split (`valid.txt`), where
 * features and settings are chosen; `bench:facts` reports the whole extractor on `valid.txt`. The features are
 * non-lexical (shape, gazetteer hits, closed cue classes, document evidence: functions/core/facts/ner/features.ts),
 * so the weights hold no word→label list learned from the data. Needs ../shared/eval/ (never shipped).
 *
 *   npx tsx scripts/build-lexicon-ner-model.ts            fit on train, score on valid, write functions/core/facts/ner/model.ts
 *   npx tsx scripts/build-lexicon-ner-model.ts --dry-run  fit and score, write nothing
 *   npx tsx scripts/build-lexicon-ner-model.ts --epochs N (default 12)
 *
 * Features are made once per document and kept as integer ids, so a fit takes minutes, not hours: run it with
 * `nice -n 10` on a shared machine.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { type ConllDocument, conllPath, hasConll, readConll } from '../bench/lib/conll.js';
import { emptyTally, formatTally, tallyDocument } from '../bench/lib/ner-score.js';
import { allowedTransition, labelCount, labels } from '../functions/core/facts/ner/labels.js';
import {
  documentHints,
  type EntityMention,
  labelsToMentions,
  type PreparedDocument,
  prepareDocument,
  type TwoPassModel,
  tagInputs,
} from '../functions/core/facts/ner/recognise.js';
import type { TaggerModel } from '../functions/core/facts/ner/tagger.js';
import type { Token } from '../functions/core/facts/tokens.js';

const option = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(name);
  return index < 0 ? fallback : Number(process.argv[index + 1]);
};
const epochs = option('--epochs', 12);
const L = labelCount;
const allowed: readonly boolean[] = Array.from({ length: L * L }, (_, index) =>
  allowedTransition(Math.floor(index / L), index % L),
);

/** Feature names ↔ dense ids; new names get ids only while `growing`. */
class Vocabulary {
  readonly ids = new Map<string, number>();
  readonly names: string[] = [];
  growing = true;

  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      if (!this.growing) return -1;
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
    }
    return id;
  }
}

/** One sentence's features as ids: token t has `ids[offsets[t] .. offsets[t + 1])`. */
interface Sequence {
  readonly ids: Int32Array;
  readonly offsets: Int32Array;
  readonly gold: Uint8Array;
  readonly tokens: readonly Token[];
}

function encode(
  features: readonly (readonly string[])[],
  vocabulary: Vocabulary,
): Omit<Sequence, 'gold' | 'tokens'> {
  const offsets = new Int32Array(features.length + 1);
  const ids: number[] = [];
  features.forEach((list, t) => {
    for (const name of list) {
      const id = vocabulary.id(name);
      if (id >= 0) ids.push(id);
    }
    offsets[t + 1] = ids.length;
  });
  return { ids: Int32Array.from(ids), offsets };
}

interface Item {
  readonly document: ConllDocument;
  readonly prepared: PreparedDocument;
  readonly gold: readonly Uint8Array[];
  /** First-pass sequences (no document hints). */
  first: Sequence[];
}

function goldLabels(document: ConllDocument, tokens: readonly Token[]): Uint8Array {
  return Uint8Array.from(tokens, (token) => {
    const entity = document.entities.find((e) => e.start <= token.start && token.end <= e.end);
    if (!entity) return 0;
    return Math.max(0, labels.indexOf(`${entity.start === token.start ? 'B' : 'I'}-${entity.type}`));
  });
}

function sequences(
  item: Omit<Item, 'first'>,
  vocabulary: Vocabulary,
  hints?: Map<string, string[]>,
): Sequence[] {
  return tagInputs(item.prepared, hints).map(({ tokens, features }, index) => ({
    ...encode(features, vocabulary),
    gold: item.gold[index] ?? new Uint8Array(tokens.length),
    tokens,
  }));
}

function prepare(documents: readonly ConllDocument[], vocabulary: Vocabulary): Item[] {
  return documents.map((document) => {
    const prepared = prepareDocument(document.text, document.sentences);
    const base = {
      document,
      prepared,
      gold: prepared.tokenised.map((tokens) => goldLabels(document, tokens)),
    };
    return { ...base, first: sequences(base, vocabulary) };
  });
}

/** Weights of a model being fitted: `weights[id * L + label]`, transitions `[(previous + 1) * L + label]`. */
interface DenseModel {
  readonly weights: Float64Array;
  readonly transitions: Float64Array;
}

function decode(model: DenseModel, sequence: Sequence): Uint8Array {
  const length = sequence.offsets.length - 1;
  const path = new Uint8Array(length);
  if (length === 0) return path;
  const { weights, transitions } = model;
  const score = new Float64Array(length * L);
  const back = new Uint8Array(length * L);
  const emission = new Float64Array(L);
  for (let t = 0; t < length; t++) {
    emission.fill(0);
    for (let k = sequence.offsets[t] as number; k < (sequence.offsets[t + 1] as number); k++) {
      const base = (sequence.ids[k] as number) * L;
      for (let label = 0; label < L; label++)
        emission[label] = (emission[label] as number) + (weights[base + label] as number);
    }
    for (let label = 0; label < L; label++) {
      if (t === 0) {
        score[label] = allowed[label]
          ? (emission[label] as number) + (transitions[label] as number)
          : -Infinity;
        continue;
      }
      let best = -Infinity;
      let pointer = 0;
      for (let previous = 0; previous < L; previous++) {
        if (!allowed[previous * L + label]) continue;
        const value =
          (score[(t - 1) * L + previous] as number) + (transitions[(previous + 1) * L + label] as number);
        if (value > best) {
          best = value;
          pointer = previous;
        }
      }
      score[t * L + label] = best + (emission[label] as number);
      back[t * L + label] = pointer;
    }
  }
  let best = 0;
  for (let label = 1; label < L; label++) {
    if ((score[(length - 1) * L + label] as number) > (score[(length - 1) * L + best] as number))
      best = label;
  }
  for (let t = length - 1; t >= 0; t--) {
    path[t] = best;
    best = back[t * L + best] as number;
  }
  return path;
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

const add = (array: Float64Array, index: number, delta: number): void => {
  array[index] = (array[index] as number) + delta;
};

function train(data: readonly Sequence[], size: number): DenseModel {
  const weights = new Float64Array(size * L);
  const totals = new Float64Array(size * L);
  const transitions = new Float64Array((L + 1) * L);
  const transitionTotals = new Float64Array(transitions.length);
  const model = { weights, transitions };
  let step = 1;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const sequence of shuffled(data, 2463534242 + epoch)) {
      const predicted = decode(model, sequence);
      const { gold, ids, offsets } = sequence;
      for (let t = 0; t < gold.length; t++) {
        const right = gold[t] as number;
        const guess = predicted[t] as number;
        if (right !== guess) {
          for (let k = offsets[t] as number; k < (offsets[t + 1] as number); k++) {
            const base = (ids[k] as number) * L;
            add(weights, base + right, 1);
            add(totals, base + right, step);
            add(weights, base + guess, -1);
            add(totals, base + guess, -step);
          }
        }
        const previousRight = t === 0 ? -1 : (gold[t - 1] as number);
        const previousGuess = t === 0 ? -1 : (predicted[t - 1] as number);
        if (right !== guess || previousRight !== previousGuess) {
          const a = (previousRight + 1) * L + right;
          const b = (previousGuess + 1) * L + guess;
          add(transitions, a, 1);
          add(transitionTotals, a, step);
          add(transitions, b, -1);
          add(transitionTotals, b, -step);
        }
      }
      step++;
    }
  }
  // Averaged weights: w - u / step.
  return {
    weights: weights.map((w, i) => w - (totals[i] as number) / step),
    transitions: transitions.map((w, i) => w - (transitionTotals[i] as number) / step),
  };
}

function mentionsOf(item: Pick<Item, 'document'>, sequence: Sequence, path: Uint8Array): EntityMention[] {
  return labelsToMentions(item.document.text, sequence.tokens, [...path]);
}

function hintsFrom(model: DenseModel, item: Item): Map<string, string[]> {
  return documentHints(item.first.flatMap((sequence) => mentionsOf(item, sequence, decode(model, sequence))));
}

interface Fitted {
  readonly first: DenseModel;
  readonly second: DenseModel;
}

/**
 * Both passes. The second pass learns from first-pass guesses made by a model that did not see the document (two
 * folds), so its weights trust those guesses only as far as they deserve.
 */
function fitTwoPass(items: readonly Item[], vocabulary: Vocabulary): Fitted {
  const all = items.flatMap((item) => item.first);
  const half = Math.floor(items.length / 2);
  const foldA = items.slice(0, half);
  const foldB = items.slice(half);
  const log = (what: string, started: number): void =>
    console.log(`  ${what}: ${((performance.now() - started) / 1000).toFixed(0)} s`);
  let started = performance.now();
  const modelA = train(
    foldA.flatMap((item) => item.first),
    vocabulary.names.length,
  );
  const modelB = train(
    foldB.flatMap((item) => item.first),
    vocabulary.names.length,
  );
  log('fold models', started);
  started = performance.now();
  const second = items.flatMap((item) =>
    sequences(item, vocabulary, hintsFrom(foldA.includes(item) ? modelB : modelA, item)),
  );
  log('second-pass features', started);
  started = performance.now();
  const size = vocabulary.names.length;
  const first = train(all, size);
  const secondModel = train(second, size);
  log('both passes', started);
  return { first: padded(first, size), second: secondModel };
}

/** A model fitted before the vocabulary grew, with zero weights for the names added since. */
function padded(model: DenseModel, size: number): DenseModel {
  if (model.weights.length === size * L) return model;
  const weights = new Float64Array(size * L);
  weights.set(model.weights);
  return { weights, transitions: model.transitions };
}

function evaluate(model: Fitted, items: readonly Item[], vocabulary: Vocabulary): string[] {
  const tally = emptyTally();
  const first = padded(model.first, vocabulary.names.length);
  for (const item of items) {
    const second = sequences(item, vocabulary, hintsFrom(first, item));
    const predicted = second.flatMap((sequence) =>
      mentionsOf(item, sequence, decode(model.second, sequence)),
    );
    tallyDocument(tally, item.document.entities, predicted);
  }
  return formatTally(tally);
}

/** The production form: feature name → weights per label, with near-zero averaged weights dropped. */
function sparse(model: DenseModel, vocabulary: Vocabulary): TaggerModel {
  const weights = new Map<string, Float64Array>();
  vocabulary.names.forEach((name, id) => {
    const value = model.weights.slice(id * L, (id + 1) * L);
    if (value.some((x) => Math.abs(x) >= 0.005)) weights.set(name, value);
  });
  return { weights, transitions: model.transitions };
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
    '// Generated by scripts/build-lexicon-ner-model.ts: weights fitted on the CoNLL-2003 training split only. Do not edit.',
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

if (!hasConll('train') || !hasConll('valid')) {
  console.log('../shared/eval/conll2003/train.txt and valid.txt not found: nothing to fit.');
  process.exit(0);
}
const vocabulary = new Vocabulary();
let started = performance.now();
const trainItems = prepare(readConll(conllPath('train')), vocabulary);
console.log(
  `train: ${trainItems.length} documents, ${vocabulary.names.length} feature names (${((performance.now() - started) / 1000).toFixed(0)} s)`,
);
started = performance.now();
const fitted = fitTwoPass(trainItems, vocabulary);
console.log(`fitted in ${((performance.now() - started) / 1000).toFixed(0)} s, ${epochs} epochs`);
vocabulary.growing = false;
const validItems = prepare(readConll(conllPath('valid')), vocabulary);
console.log('tagger alone on valid.txt (216 documents, exact spans):');
for (const line of evaluate(fitted, validItems, vocabulary)) console.log(line);
if (!process.argv.includes('--dry-run')) {
  write({ first: sparse(fitted.first, vocabulary), second: sparse(fitted.second, vocabulary) });
}
