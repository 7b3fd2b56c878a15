/**
 * chrF (Popović 2015) as sacreBLEU 2.x computes it by default: character n-grams of orders 1–6 (no word n-grams),
 * β = 2, whitespace removed before extracting n-grams, n-grams over Unicode code points, statistics summed over
 * the corpus before the score, and "effective order" averaging (orders with no n-gram on either side are left out)
 * unless `epsSmoothing` asks for chrF++.py's epsilon smoothing. Scores are 0–100.
 */

export interface ChrfOptions {
  /** Character n-gram order. Default 6. */
  readonly order?: number;
  /** Weight of recall over precision. Default 2. */
  readonly beta?: number;
  /** Keep whitespace inside n-grams (sacreBLEU `whitespace=True`). Default false. */
  readonly whitespace?: boolean;
  /** chrF++.py-style smoothing instead of sacreBLEU's effective order. Default false. */
  readonly epsSmoothing?: boolean;
}

/** Per order: n-grams in the hypothesis, in the reference, and matched (clipped); flattened, 3 per order. */
export type ChrfStatistics = number[];

function ngramCounts(points: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= points.length; i++) {
    const gram = points.slice(i, i + n).join('');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

function codePoints(text: string, whitespace: boolean): string[] {
  // Python's str.split() with no argument splits on every Unicode whitespace character.
  return Array.from(whitespace ? text : text.replace(/\s+/gu, ''));
}

/** The statistics of one hypothesis against one reference. */
export function chrfStatistics(
  hypothesis: string,
  reference: string,
  options: ChrfOptions = {},
): ChrfStatistics {
  const order = options.order ?? 6;
  const whitespace = options.whitespace ?? false;
  const hyp = codePoints(hypothesis, whitespace);
  const ref = codePoints(reference, whitespace);
  const statistics: number[] = [];
  for (let n = 1; n <= order; n++) {
    const hypGrams = ngramCounts(hyp, n);
    const refGrams = ngramCounts(ref, n);
    let hypCount = 0;
    let matches = 0;
    for (const [gram, count] of hypGrams) {
      hypCount += count;
      matches += Math.min(count, refGrams.get(gram) ?? 0);
    }
    let refCount = 0;
    for (const count of refGrams.values()) refCount += count;
    // As sacreBLEU: hypothesis n-grams do not count where the reference has none of that order.
    statistics.push(refGrams.size > 0 ? hypCount : 0, refCount, matches);
  }
  return statistics;
}

/** The chrF score of (summed) statistics. */
export function chrfScore(statistics: ChrfStatistics, options: ChrfOptions = {}): number {
  const order = options.order ?? 6;
  const factor = (options.beta ?? 2) ** 2;
  const eps = 1e-16;
  let smoothed = 0;
  let precisions = 0;
  let recalls = 0;
  let effectiveOrder = 0;
  for (let i = 0; i < order; i++) {
    const hyp = statistics[3 * i] ?? 0;
    const ref = statistics[3 * i + 1] ?? 0;
    const matches = statistics[3 * i + 2] ?? 0;
    const precision = hyp > 0 ? matches / hyp : eps;
    const recall = ref > 0 ? matches / ref : eps;
    const denominator = factor * precision + recall;
    smoothed += denominator > 0 ? ((1 + factor) * precision * recall) / denominator : eps;
    if (hyp > 0 && ref > 0) {
      precisions += precision;
      recalls += recall;
      effectiveOrder += 1;
    }
  }
  if (options.epsSmoothing) return (100 * smoothed) / order;
  if (effectiveOrder === 0) return 0;
  const precision = precisions / effectiveOrder;
  const recall = recalls / effectiveOrder;
  if (precision + recall === 0) return 0;
  return (100 * ((1 + factor) * precision * recall)) / (factor * precision + recall);
}

/** Corpus-level chrF: statistics summed over aligned hypothesis/reference pairs, then scored once. */
export function corpusChrf(
  hypotheses: readonly string[],
  references: readonly string[],
  options: ChrfOptions = {},
): number {
  if (hypotheses.length !== references.length) {
    throw new RangeError(`${hypotheses.length} hypotheses for ${references.length} references`);
  }
  const total: number[] = new Array(3 * (options.order ?? 6)).fill(0);
  hypotheses.forEach((hypothesis, index) => {
    chrfStatistics(hypothesis, references[index] ?? '', options).forEach((value, i) => {
      total[i] = (total[i] ?? 0) + value;
    });
  });
  return chrfScore(total, options);
}

/** Sentence-level chrF of one pair. */
export function sentenceChrf(hypothesis: string, reference: string, options: ChrfOptions = {}): number {
  return chrfScore(chrfStatistics(hypothesis, reference, options), options);
}
