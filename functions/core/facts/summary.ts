import type { Sentence, SourceDocument } from '../document.js';
import { allSentences } from '../document.js';
import type { Facts, SummarySentence } from './types.js';

/**
 * Extractive summary: the body sentences that carry most of what the article is about. Each word's weight is how
 * often the article uses it (the headline counts double); a sentence scores the weight of its words over the
 * square root of its length, plus a small share for the names, figures and dates it gives. Near-repeats of a
 * sentence already chosen are skipped. Picks are returned in source order.
 */

const stopwords = new Set(
  `a about above after again against all almost also although am among an and another any are around as at be
  because been before being below between both but by can could did do does doing down during each either else
  even ever every few for from further had has have having he her here hers herself him himself his how however i
  if in into is it its itself just least less many may me might more most much must my myself neither no nor not
  now of off often on once only or other others our ours out over own per perhaps rather said same say says she
  should since so some still such than that the their theirs them themselves then there these they this those
  though through thus to too under until up upon us very was we were what when where whether which while who whom
  whose why will with within without would yet you your yours mr mrs ms also year years new one two three told
  last first next make made way well back like get got just want wants going according`.split(/\s+/u),
);

function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const match of text.toLowerCase().matchAll(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)) {
    const word = match[0].replace(/['’]s$/u, '');
    if (word.length < 3 || stopwords.has(word) || /^\d+$/u.test(word)) continue;
    out.push(stem(word));
  }
  return out;
}

/** How many sentences a summary of `count` body sentences has: 3 to 5, fewer only for shorter articles. */
export function summaryLength(count: number): number {
  if (count <= 3) return count;
  return Math.max(3, Math.min(5, Math.round(count / 4)));
}

export function summarizeSentences(document: SourceDocument, facts?: Facts): SummarySentence[] {
  // Running prose first: sub-headings and list fragments only when there is too little prose.
  const prose = document.paragraphs
    .filter((paragraph) => paragraph.kind === 'paragraph' || paragraph.kind === 'quote')
    .flatMap((paragraph) => paragraph.sentences)
    .filter((sentence) => /\p{L}/u.test(sentence.text));
  const everything = allSentences(document).filter((sentence) => /\p{L}/u.test(sentence.text));
  const length = summaryLength(everything.length);
  const sentences = prose.length >= length ? prose : everything;
  if (length === 0) return [];

  // Each sentence's content words as ids into one vocabulary: 4 bytes a word rather than a string each.
  const ids = new Map<string, number>();
  const idOf = (word: string): number => {
    let id = ids.get(word);
    if (id === undefined) {
      id = ids.size;
      ids.set(word, id);
    }
    return id;
  };
  const bags = sentences.map((sentence) => Int32Array.from(contentWords(sentence.text), idOf));
  const headline = contentWords(document.headline?.text ?? '').map(idOf);
  const weight = new Float64Array(ids.size);
  for (const bag of bags) for (const id of bag) weight[id] = (weight[id] as number) + 1;
  for (const id of headline) weight[id] = (weight[id] as number) + 2;
  const total = bags.reduce((sum, bag) => sum + bag.length, 0) + 2 * headline.length;
  if (total === 0) return sentences.slice(0, length).map(toSummary);
  for (let id = 0; id < weight.length; id++) weight[id] = (weight[id] as number) / total;

  // Names, figures and dates a sentence gives make it more worth reading.
  const factStarts = (
    facts
      ? [
          ...facts.people.flatMap((p) => p.mentions),
          ...facts.organisations.flatMap((o) => o.mentions),
          ...facts.places.flatMap((p) => p.mentions),
          ...facts.figures,
          ...facts.dates,
        ]
      : []
  )
    .map((span) => span.start)
    .sort((a, b) => a - b);
  const factCount = sentences.map(
    (sentence) => firstAtOrAfter(factStarts, sentence.end) - firstAtOrAfter(factStarts, sentence.start),
  );

  // Luhn-style centrality: the sum of the article-wide weight of every content word the sentence uses, divided
  // by the square root of its length so that long sentences win only by saying more of what matters.
  const scores = bags.map((bag, index) => {
    if (bag.length === 0) return Number.NEGATIVE_INFINITY;
    const sum = bag.reduce((acc, id) => acc + (weight[id] as number), 0);
    return (sum / Math.sqrt(bag.length)) * (1 + 0.02 * Math.min(factCount[index] ?? 0, 5));
  });
  const order = scores.map((_, index) => index).sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b);
  const chosen: number[] = [];
  for (const index of order) {
    if (chosen.length >= length || !Number.isFinite(scores[index] ?? Number.NEGATIVE_INFINITY)) break;
    // A sentence that mostly repeats one already chosen adds nothing for the reader.
    const words = new Set(bags[index]);
    const repeats = chosen.some((other) => overlap(words, new Set(bags[other])) > 0.6);
    if (!repeats) chosen.push(index);
  }
  return chosen.sort((a, b) => a - b).map((index) => toSummary(sentences[index] as Sentence));
}

/** Index of the first value ≥ `target` in sorted `values` (binary search). */
function firstAtOrAfter(values: readonly number[], target: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((values[middle] ?? 0) < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

function overlap(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / Math.max(1, Math.min(a.size, b.size));
}

function toSummary(sentence: Sentence): SummarySentence {
  return { sentenceId: sentence.id, text: sentence.text, start: sentence.start, end: sentence.end };
}
