/**
 * TextRank (Mihalcea & Tarau 2004) for extractive summaries, as a baseline: sentences are nodes, edges weigh the
 * words two sentences share over the logs of their lengths, PageRank (damping 0.85) ranks them, and the top k are
 * returned in source order. Words are the summariser's content words (stop words out, light stemming), as common
 * implementations (sumy, gensim) do.
 */
import { contentWords } from '../../functions/core/facts/summary.js';

export function textRank(sentences: readonly string[], k: number): number[] {
  const bags = sentences.map((sentence) => new Set(contentWords(sentence)));
  const n = sentences.length;
  const weights = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = bags[i] as Set<string>;
      const b = bags[j] as Set<string>;
      if (a.size < 2 || b.size < 2) continue;
      let shared = 0;
      for (const word of a) if (b.has(word)) shared++;
      const weight = shared / (Math.log(a.size) + Math.log(b.size));
      (weights[i] as Float64Array)[j] = weight;
      (weights[j] as Float64Array)[i] = weight;
    }
  }
  const outWeight = weights.map((row) => row.reduce((sum, w) => sum + w, 0));
  let score = new Float64Array(n).fill(1);
  for (let iteration = 0; iteration < 100; iteration++) {
    const next = new Float64Array(n);
    let change = 0;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < n; j++) {
        const w = (weights[j] as Float64Array)[i] as number;
        if (w > 0) sum += (w / (outWeight[j] as number)) * (score[j] as number);
      }
      next[i] = 0.15 + 0.85 * sum;
      change += Math.abs((next[i] as number) - (score[i] as number));
    }
    score = next;
    if (change < 1e-6) break;
  }
  return [...score.keys()]
    .sort((a, b) => (score[b] as number) - (score[a] as number) || a - b)
    .slice(0, k)
    .sort((a, b) => a - b);
}
