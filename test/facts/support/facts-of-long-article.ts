/**
 * Child process for test/facts/facts-memory.test.ts: the key facts and summary of an article of `argv[2]`
 * characters made by repeating the seed article's body; prints what it found as one JSON line.
 */
import { readFileSync } from 'node:fs';
import { extractFacts, summarize } from '../../../functions/core/facts/index.js';
import { parseArticle } from '../../../functions/core/read/parse-article.js';

const size = Number(process.argv[2]);
const seed = readFileSync(
  new URL('../../../samples/articles/wang-yi-moscow-visit.txt', import.meta.url),
  'utf8',
);
const body = seed.slice(seed.indexOf('\n\n') + 2);
let text = seed;
while (text.length < size) text += `\n\n${body}`;
const document = parseArticle(text.slice(0, size), 'text');
const facts = extractFacts(document, { referenceDate: '2024-01-01' });
const summary = summarize(document, facts);
console.log(
  JSON.stringify({ people: facts.people.length, quotes: facts.quotes.length, summary: summary.length }),
);
