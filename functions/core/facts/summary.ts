import type { Sentence, SourceDocument } from '../document.js';
import { allSentences } from '../document.js';
import { matchesOf } from './matches.js';
import type { Facts, SummarySentence } from './types.js';

/**
 * Extractive summary: the body sentences that carry most of what the article is about. A sentence scores how many
 * content words it shares with the other sentences, over the log of its length (TextRank's sentence degree,
 * worked out in one linear pass), plus a small share for the names, figures and dates it gives. Near-repeats of a
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

const hasLetter = /\p{L}/u;
const wordPattern = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const match of matchesOf(wordPattern, text.toLowerCase())) {
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
  const prose: Sentence[] = [];
  for (const paragraph of document.paragraphs) {
    if (paragraph.kind !== 'paragraph' && paragraph.kind !== 'quote') continue;
    for (const sentence of paragraph.sentences) if (hasLetter.test(sentence.text)) prose.push(sentence);
  }
  const everything = allSentences(document).filter((sentence) => hasLetter.test(sentence.text));
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
  // Each sentence's distinct content words, and in how many sentences each word appears.
  const bags = sentences.map((sentence) => Int32Array.from(new Set(contentWords(sentence.text)), idOf));
  const spread = new Float64Array(ids.size);
  for (const bag of bags) for (const id of bag) spread[id] = (spread[id] as number) + 1;
  if (bags.every((bag) => bag.length === 0)) return sentences.slice(0, length).map(toSummary);
  const meanLog = bags.reduce((sum, bag) => sum + Math.log(Math.max(2, bag.length)), 0) / bags.length;

  // Names, figures and dates a sentence gives make it more worth reading.
  const factStarts: number[] = [];
  if (facts) {
    for (const named of [facts.people, facts.organisations, facts.places])
      for (const entity of named) for (const mention of entity.mentions) factStarts.push(mention.start);
    for (const span of [...facts.figures, ...facts.dates]) factStarts.push(span.start);
  }
  factStarts.sort((a, b) => a - b);
  const factCount = sentences.map(
    (sentence) => firstAtOrAfter(factStarts, sentence.end) - firstAtOrAfter(factStarts, sentence.start),
  );

  // Centrality as TextRank measures it (Mihalcea & Tarau 2004), in one linear pass: how many words a sentence
  // shares with every other sentence, over the log of its length (plus the mean log length, standing in for the
  // other sentence's). It is the degree of the sentence in TextRank's graph without building the graph, which
  // would cost the square of the article's sentences.
  const scores = bags.map((bag, index) => {
    if (bag.length === 0) return Number.NEGATIVE_INFINITY;
    const shared = bag.reduce((acc, id) => acc + (spread[id] as number) - 1, 0);
    const degree = shared / (Math.log(Math.max(2, bag.length)) + meanLog);
    return degree * (1 + 0.02 * Math.min(factCount[index] ?? 0, 5));
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
