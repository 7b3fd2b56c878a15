/**
 * `npm run bench:facts`: quality and speed of key-fact extraction on public benchmarks in ../shared/eval/
 * (never copied into the repository). Prints, when the data is present:
 * - CoNLL-2003 development split (valid.txt): P/R/F1 per type and micro over PER/ORG/LOC (exact span), through
 *   extractFacts (people→PER, organisations→ORG, places→LOC). The tagger's weights are fitted on train.txt only
 *   (scripts/build-lexicon-ner-model.ts); valid.txt is where features and settings are chosen.
 * - Quotes: precision and recall per kind (direct, reported) on two small annotated sets written for the project.
 * - BBC News: ROUGE-1/2/Lsum F1 of our summaries, of Lead-k and of TextRank (k = our summary's length).
 * - Speed: articles per second, ms per 10 KB, a 4 KB article warm, a 1 MB article.
 */
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { allSentences, type SourceDocument } from '../functions/core/document.js';
import { extractFacts, summarize } from '../functions/core/facts/index.js';
import { lexicon } from '../functions/core/facts/lexicon.js';
import { parseArticle } from '../functions/core/read/parse-article.js';
import { conllSourceDocument, evalDirectory, hasConll, readConll } from './lib/conll.js';
import { type Counts, emptyTally, formatTally, score, tallyDocument } from './lib/ner-score.js';
import { emptyQuoteTally, quoteKinds, readAnnotatedQuotes, tallyQuotes } from './lib/quote-score.js';
import { type RougeScores, rouge } from './lib/rouge.js';
import { textRank } from './lib/textrank.js';

const bbcPath = new URL('bbc-news/dev.jsonl', evalDirectory);

function conllBench(): void {
  const tally = emptyTally();
  for (const document of readConll()) {
    const facts = extractFacts(conllSourceDocument(document), { referenceDate: '1996-08-30' });
    const predicted = [
      ...facts.people.flatMap((p) => p.mentions.map((m) => ({ ...m, type: 'PER' }))),
      ...facts.organisations.flatMap((o) => o.mentions.map((m) => ({ ...m, type: 'ORG' }))),
      ...facts.places.flatMap((p) => p.mentions.map((m) => ({ ...m, type: 'LOC' }))),
    ];
    tallyDocument(tally, document.entities, predicted);
  }
  console.log(
    'CoNLL-2003 English NER, development split (valid.txt, 216 documents), exact span match, PER/ORG/LOC,',
  );
  console.log(' tagger fitted on the training split (train.txt) only:');
  for (const line of formatTally(tally)) console.log(line);
}

interface BbcArticle {
  id: string;
  title: string;
  article: string;
  reference_extractive_summary: string;
}

const average = (values: readonly number[]): number =>
  values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);

function bbcBench(articles: readonly BbcArticle[]): void {
  const methods = ['ours', 'Lead-k', 'TextRank'] as const;
  const scores = Object.fromEntries(
    ['odd', 'even'].map((half) => [
      half,
      Object.fromEntries(methods.map((method) => [method, [] as RougeScores[]])),
    ]),
  ) as Record<'odd' | 'even', Record<(typeof methods)[number], RougeScores[]>>;
  const lengths: number[] = [];
  articles.forEach((row, index) => {
    const document = parseArticle(`${row.title}\n\n${row.article}`, 'text');
    const summary = summarize(document, extractFacts(document));
    const k = summary.length;
    lengths.push(k);
    const sentences = allSentences(document).map((sentence) => sentence.text);
    // The references join sentences without a space ("...bn.For the"): split them again (see the data README).
    const reference = row.reference_extractive_summary.split(/(?<=[.!?])(?=[A-Z"])/u);
    // Rows 1, 3, 5... were looked at while designing the summariser; rows 2, 4, 6... were not.
    const half = index % 2 === 0 ? 'odd' : 'even';
    scores[half].ours.push(
      rouge(
        summary.map((s) => s.text),
        reference,
      ),
    );
    scores[half]['Lead-k'].push(rouge(sentences.slice(0, k), reference));
    scores[half].TextRank.push(
      rouge(
        textRank(sentences, k).map((i) => sentences[i] as string),
        reference,
      ),
    );
  });
  const line = (name: string, list: readonly RougeScores[]): string =>
    `  ${name.padEnd(8)} ROUGE-1 ${(100 * average(list.map((s) => s.rouge1))).toFixed(1)}  ROUGE-2 ${(100 * average(list.map((s) => s.rouge2))).toFixed(1)}  ROUGE-Lsum ${(100 * average(list.map((s) => s.rougeLsum))).toFixed(1)}`;
  console.log(
    `BBC News extractive summaries (${articles.length} articles; F1; every method picks k sentences, k = our summary's length, mean ${average(lengths).toFixed(2)}):`,
  );
  console.log(' even rows (2, 4, ... 200; never used while designing the summariser) — the reported figure:');
  for (const method of methods) console.log(line(method, scores.even[method]));
  console.log(' odd rows (1, 3, ... 199; looked at during design; for reference):');
  for (const method of methods) console.log(line(method, scores.odd[method]));
}

function quoteBench(): void {
  const sets = [
    [
      'test/fixtures/quotes-annotated.jsonl',
      'written for the project, used while developing the quote rules',
    ],
    ['test/fixtures/quotes-held-out.jsonl', 'written for the project before the rules changed; not tuned on'],
  ] as const;
  console.log(
    'Quotes by kind (same kind, same speaker, words overlapping with token F1 >= 0.8; see bench/lib/quote-score.ts):',
  );
  for (const [file, about] of sets) {
    const items = readAnnotatedQuotes(new URL(`../${file}`, import.meta.url));
    const tally = emptyQuoteTally();
    for (const item of items) {
      const facts = extractFacts(parseArticle(`Quotes\n\n${item.text}\n`, 'text'));
      tallyQuotes(
        tally,
        item.quotes,
        facts.quotes.map((q) => ({
          kind: q.kind,
          text: q.text,
          ...(q.speaker ? { speaker: q.speaker } : {}),
        })),
      );
    }
    console.log(` ${file} (${items.length} items; ${about}):`);
    for (const kind of quoteKinds) {
      const counts = tally[kind] as Counts;
      const s = score(counts);
      console.log(
        `  ${kind.padEnd(8)} P ${s.precision.toFixed(1).padStart(5)}  R ${s.recall.toFixed(1).padStart(5)}  (tp ${counts.tp}, fp ${counts.fp}, fn ${counts.fn})`,
      );
    }
  }
}

function speedBench(articles: readonly BbcArticle[]): void {
  const documents = articles.map((row) => parseArticle(`${row.title}\n\n${row.article}`, 'text'));
  const run = (document: SourceDocument): void => {
    summarize(document, extractFacts(document, { referenceDate: '2024-01-01' }));
  };
  for (const document of documents.slice(0, 10)) run(document);
  const bytes = documents.reduce((sum, d) => sum + Buffer.byteLength(d.text), 0);
  const started = performance.now();
  for (const document of documents) run(document);
  const elapsed = performance.now() - started;
  console.log('Speed (warm, one core, extractFacts + summarize):');
  console.log(
    `  ${documents.length} articles, ${(bytes / 1024).toFixed(0)} KB: ${((1000 * documents.length) / elapsed).toFixed(1)} articles/s, ${((elapsed / bytes) * 10240).toFixed(1)} ms per 10 KB`,
  );
}

function sizeBench(): void {
  const seed = readFileSync(new URL('../samples/articles/wang-yi-moscow-visit.txt', import.meta.url), 'utf8');
  const time = (text: string, repeat: number): number => {
    const document = parseArticle(text, 'text');
    const times: number[] = [];
    for (let i = 0; i < repeat; i++) {
      const started = performance.now();
      summarize(document, extractFacts(document));
      times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
  };
  console.log(
    'Speed by article size (warm, one core, extractFacts + summarize; the sample article repeated):',
  );
  const body = seed.slice(seed.indexOf('\n\n') + 2);
  const fourKb = `${seed}\n\n${body}`.slice(0, 4096);
  time(fourKb, 5);
  console.log(
    `  4 KB article (the sample, extended): ${time(fourKb, 21).toFixed(1)} ms median of 21 warm runs`,
  );
  for (const size of [64 * 1024, 256 * 1024, 1024 * 1024]) {
    let text = seed;
    while (text.length < size) text += `\n\n${body}`;
    text = text.slice(0, size);
    const ms = time(text, 1);
    console.log(
      `  ${(size / 1024).toFixed(0)} KB article: ${ms.toFixed(0)} ms (${((ms / size) * 10240).toFixed(1)} ms per 10 KB)`,
    );
  }
}

// Cold start: the first extraction in a process builds the gazetteers and unpacks the tagger's weights.
const loadStarted = performance.now();
lexicon();
const lexiconMs = performance.now() - loadStarted;
extractFacts(parseArticle('Cold start\n\nAngela Merkel visited Paris on Monday.\n', 'text'));
const loadMs = performance.now() - loadStarted;

if (!existsSync(evalDirectory)) {
  console.log(
    `No evaluation data at ${evalDirectory.pathname} (shared/eval beside the repository): quality not measured.`,
  );
} else {
  if (hasConll()) conllBench();
  else console.log('CoNLL-2003 not found under shared/eval: NER not measured.');
  if (existsSync(bbcPath)) {
    const articles = readFileSync(bbcPath, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as BbcArticle);
    bbcBench(articles);
    speedBench(articles);
  } else {
    console.log('BBC News set not found under shared/eval: summaries not measured.');
  }
}
quoteBench();
console.log('Cold start:');
console.log(
  `  first extraction in a process (gazetteers ${lexiconMs.toFixed(0)} ms + tagger weights + one sentence): ${loadMs.toFixed(0)} ms`,
);
sizeBench();
