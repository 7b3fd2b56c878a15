/**
 * ROUGE-1, ROUGE-2 and ROUGE-Lsum F1, following the reference implementation (Google's rouge-score): lower-case,
 * non-alphanumerics as spaces, no stemming; Lsum is the summary-level LCS over sentences (union LCS per reference
 * sentence, hits clipped by token counts).
 */

export function rougeTokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

function ngrams(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function f1(hits: number, candidateTotal: number, referenceTotal: number): number {
  if (hits === 0 || candidateTotal === 0 || referenceTotal === 0) return 0;
  const precision = hits / candidateTotal;
  const recall = hits / referenceTotal;
  return (2 * precision * recall) / (precision + recall);
}

export function rougeN(candidate: readonly string[], reference: readonly string[], n: number): number {
  const c = ngrams(candidate, n);
  const r = ngrams(reference, n);
  let hits = 0;
  for (const [gram, count] of c) hits += Math.min(count, r.get(gram) ?? 0);
  const total = (counts: Map<string, number>): number => [...counts.values()].reduce((a, b) => a + b, 0);
  return f1(hits, total(c), total(r));
}

/** Indices of `reference` in one longest common subsequence with `candidate`. */
function lcsIndices(reference: readonly string[], candidate: readonly string[]): number[] {
  const rows = reference.length;
  const cols = candidate.length;
  const table: Uint16Array[] = Array.from({ length: rows + 1 }, () => new Uint16Array(cols + 1));
  for (let i = 1; i <= rows; i++) {
    const row = table[i] as Uint16Array;
    const above = table[i - 1] as Uint16Array;
    for (let j = 1; j <= cols; j++) {
      row[j] =
        reference[i - 1] === candidate[j - 1]
          ? (above[j - 1] ?? 0) + 1
          : Math.max(above[j] ?? 0, row[j - 1] ?? 0);
    }
  }
  const indices: number[] = [];
  let i = rows;
  let j = cols;
  while (i > 0 && j > 0) {
    if (reference[i - 1] === candidate[j - 1]) {
      indices.push(i - 1);
      i--;
      j--;
    } else if ((table[i - 1]?.[j] ?? 0) >= (table[i]?.[j - 1] ?? 0)) i--;
    else j--;
  }
  return indices.reverse();
}

export function rougeLsum(
  candidate: readonly (readonly string[])[],
  reference: readonly (readonly string[])[],
): number {
  const count = (sentences: readonly (readonly string[])[]): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const sentence of sentences)
      for (const token of sentence) counts.set(token, (counts.get(token) ?? 0) + 1);
    return counts;
  };
  const candidateCounts = count(candidate);
  const referenceCounts = count(reference);
  let hits = 0;
  for (const sentence of reference) {
    const union = new Set<number>();
    for (const other of candidate) for (const index of lcsIndices(sentence, other)) union.add(index);
    for (const index of [...union].sort((a, b) => a - b)) {
      const token = sentence[index] as string;
      if ((candidateCounts.get(token) ?? 0) > 0 && (referenceCounts.get(token) ?? 0) > 0) {
        hits++;
        candidateCounts.set(token, (candidateCounts.get(token) ?? 0) - 1);
        referenceCounts.set(token, (referenceCounts.get(token) ?? 0) - 1);
      }
    }
  }
  const total = (sentences: readonly (readonly string[])[]): number =>
    sentences.reduce((a, s) => a + s.length, 0);
  return f1(hits, total(candidate), total(reference));
}

export interface RougeScores {
  rouge1: number;
  rouge2: number;
  rougeLsum: number;
}

/** Scores of a candidate summary against a reference, both given as sentences. */
export function rouge(candidate: readonly string[], reference: readonly string[]): RougeScores {
  const c = candidate.map(rougeTokens);
  const r = reference.map(rougeTokens);
  return {
    rouge1: rougeN(c.flat(), r.flat(), 1),
    rouge2: rougeN(c.flat(), r.flat(), 2),
    rougeLsum: rougeLsum(c, r),
  };
}
