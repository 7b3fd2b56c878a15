import type { GoldEntity } from './conll.js';

export const scoredTypes = ['PER', 'ORG', 'LOC'] as const;

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export type Tally = Record<string, Counts>;

export function emptyTally(): Tally {
  return Object.fromEntries(scoredTypes.map((type) => [type, { tp: 0, fp: 0, fn: 0 }]));
}

/** Adds one document's exact-span, exact-type matches over PER/ORG/LOC to `tally`. */
export function tallyDocument(
  tally: Tally,
  gold: readonly GoldEntity[],
  predicted: readonly GoldEntity[],
): void {
  const key = (entity: GoldEntity): string => `${entity.type}:${entity.start}:${entity.end}`;
  const scored = (entity: GoldEntity): boolean => (scoredTypes as readonly string[]).includes(entity.type);
  const goldKeys = new Set(gold.filter(scored).map(key));
  const predictedKeys = new Set(predicted.filter(scored).map(key));
  for (const entity of gold.filter(scored)) {
    const counts = tally[entity.type] as Counts;
    if (predictedKeys.has(key(entity))) counts.tp++;
    else counts.fn++;
  }
  for (const entity of predicted.filter(scored)) {
    if (!goldKeys.has(key(entity))) (tally[entity.type] as Counts).fp++;
  }
}

export interface Score {
  precision: number;
  recall: number;
  f1: number;
}

export function score(counts: Counts): Score {
  const precision = counts.tp + counts.fp === 0 ? 0 : counts.tp / (counts.tp + counts.fp);
  const recall = counts.tp + counts.fn === 0 ? 0 : counts.tp / (counts.tp + counts.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: precision * 100, recall: recall * 100, f1: f1 * 100 };
}

export function micro(tally: Tally): Counts {
  const total = { tp: 0, fp: 0, fn: 0 };
  for (const counts of Object.values(tally)) {
    total.tp += counts.tp;
    total.fp += counts.fp;
    total.fn += counts.fn;
  }
  return total;
}

export function formatTally(tally: Tally): string[] {
  const line = (name: string, counts: Counts): string => {
    const s = score(counts);
    return `  ${name.padEnd(6)} P ${s.precision.toFixed(1).padStart(5)}  R ${s.recall.toFixed(1).padStart(5)}  F1 ${s.f1.toFixed(1).padStart(5)}  (tp ${counts.tp}, fp ${counts.fp}, fn ${counts.fn})`;
  };
  return [...scoredTypes.map((type) => line(type, tally[type] as Counts)), line('micro', micro(tally))];
}
