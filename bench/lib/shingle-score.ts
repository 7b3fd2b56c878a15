/**
 * The article-extraction benchmark's metric (scrapinghub/article-extraction-benchmark, `score.py` beside the data):
 * per page, 4-token shingles (tokens: runs of Python's `\w`, case kept) of the true and the predicted body,
 * counted as multisets; precision and recall per page, averaged over the pages that have any; F1 of the two
 * means. Ported line by line, including its quirks: a text of one to three tokens is one shorter shingle, a page
 * where both texts are empty (or equal) scores 1, a prediction with no shingles is left out of the precision mean.
 */

/** Python 3's `\w` on str: letters, digits and numerals of every script, and `_`. */
const word = /[\p{L}\p{N}_]+/gu;

export function shingleCounts(text: string): Map<string, number> {
  const tokens = text.match(word) ?? [];
  const counts = new Map<string, number>();
  const count = Math.max(1, tokens.length - 3);
  for (let i = 0; i < count; i++) {
    const shingle = tokens.slice(i, i + 4);
    if (shingle.length === 0) continue;
    const key = shingle.join('\u0000');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export interface PageScore {
  readonly precision: number;
  readonly recall: number;
  /** The prediction has shingles: the page counts in the precision mean. */
  readonly predicted: boolean;
  /** The truth has shingles: the page counts in the recall mean. */
  readonly expected: boolean;
}

export function scorePage(truth: string, prediction: string): PageScore {
  const a = shingleCounts(truth);
  const b = shingleCounts(prediction);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, count] of b) {
    const other = a.get(key) ?? 0;
    tp += Math.min(count, other);
    fp += Math.max(0, count - other);
  }
  for (const [key, count] of a) fn += Math.max(0, count - (b.get(key) ?? 0));
  const both = fp === 0 && fn === 0;
  return {
    precision: both ? 1 : tp === 0 ? 0 : tp / (tp + fp),
    recall: both ? 1 : tp === 0 ? 0 : tp / (tp + fn),
    predicted: tp + fp > 0,
    expected: tp + fn > 0,
  };
}

export interface SetScore {
  readonly pages: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export function scoreSet(pages: readonly PageScore[]): SetScore {
  const predicted = pages.filter((page) => page.predicted);
  const expected = pages.filter((page) => page.expected);
  const precision = predicted.reduce((sum, page) => sum + page.precision, 0) / Math.max(1, predicted.length);
  const recall = expected.reduce((sum, page) => sum + page.recall, 0) / Math.max(1, expected.length);
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { pages: pages.length, precision, recall, f1 };
}
