/**
 * `npm run bench:extraction`: how well polybrief finds the article in real web pages, on the development pages of
 * ../shared/eval/article-extraction/ (91 news and blog pages with their true article bodies; never copied into the
 * repository), scored with that benchmark's metric (bench/lib/shingle-score.ts, a port of its score.py), side by
 * side in one run with Readability alone (Firefox's reader view over linkedom, its `textContent`): the anchor every
 * change is a ratio against.
 *
 * What is scored for polybrief is the article's body as published in `<lang>.json`: the text of its blocks
 * (headings, paragraphs, quotes, list items, table cells), without the headline and without picture captions,
 * which are published as figures. A page refused (`no-article`) scores an empty body.
 *
 * Options: `--show N` lists the N worst pages of each system; `--write DIR` writes each system's predictions as
 * JSON Lines (`file`, `text`), the input `python3 score.py` reads, so the port can be checked against it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { SourceDocument } from '../functions/core/document.js';
import { ArticleError } from '../functions/core/errors.js';
import { decodeArticle } from '../functions/core/read/decode.js';
import { parseArticle } from '../functions/core/read/parse-article.js';
import { evalDirectory } from './lib/conll.js';
import { type PageScore, scorePage, scoreSet } from './lib/shingle-score.js';

const folder = fileURLToPath(new URL('article-extraction/', evalDirectory));

interface Page {
  readonly key: string;
  readonly file: string;
  readonly html: string;
  readonly truth: string;
  readonly url: string;
}

function readPages(): Page[] {
  const truth = JSON.parse(readFileSync(join(folder, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { articleBody?: string; url?: string }
  >;
  return readdirSync(join(folder, 'html'))
    .filter((name) => /\.html(?:\.gz)?$/u.test(name))
    .sort()
    .map((file) => {
      const key = file.replace(/\.html(?:\.gz)?$/u, '');
      const bytes = readFileSync(join(folder, 'html', file));
      const raw = file.endsWith('.gz') ? gunzipSync(bytes) : bytes;
      let html: string;
      try {
        html = decodeArticle(new Uint8Array(raw)).text;
      } catch {
        html = new TextDecoder().decode(raw);
      }
      return { key, file, html, truth: truth[key]?.articleBody ?? '', url: truth[key]?.url ?? '' };
    });
}

/** The body as published: every block but the captions of figures, in order. */
export function publishedBody(document: SourceDocument): string {
  return document.paragraphs
    .filter((paragraph) => paragraph.kind !== 'caption')
    .map((paragraph) => document.text.slice(paragraph.start, paragraph.end))
    .join('\n\n');
}

interface System {
  readonly name: string;
  readonly extract: (page: Page) => string;
}

const systems: readonly System[] = [
  {
    name: 'Readability alone',
    extract: (page) => {
      const { document } = parseHTML(page.html);
      return new Readability(document).parse()?.textContent ?? '';
    },
  },
  {
    name: 'polybrief',
    extract: (page) => {
      try {
        return publishedBody(parseArticle(page.html, 'html'));
      } catch (error) {
        if (error instanceof ArticleError) return '';
        throw error;
      }
    },
  },
];

interface Result {
  readonly system: System;
  readonly scores: readonly PageScore[];
  readonly predictions: readonly string[];
  readonly msPerPage: number;
}

/**
 * Runs every system on every page, side by side: page by page, the systems take turns (in alternating order),
 * so a machine shared with others slows them alike. A few pages first, untimed: module loading and the first
 * compilation are not an extractor's speed.
 */
function runAll(list: readonly System[], pages: readonly Page[]): Result[] {
  for (const page of pages.slice(0, 5)) for (const system of list) system.extract(page);
  const predictions = list.map(() => [] as string[]);
  const spent = list.map(() => 0);
  pages.forEach((page, index) => {
    const order = list.map((_, at) => at);
    if (index % 2 === 1) order.reverse();
    for (const at of order) {
      const started = performance.now();
      (predictions[at] as string[])[index] = (list[at] as System).extract(page);
      spent[at] = (spent[at] as number) + performance.now() - started;
    }
  });
  return list.map((system, at) => ({
    system,
    predictions: predictions[at] as string[],
    scores: pages.map((page, index) => scorePage(page.truth, (predictions[at] as string[])[index] as string)),
    msPerPage: (spent[at] as number) / pages.length,
  }));
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function main(): void {
  if (!existsSync(join(folder, 'ground-truth.json'))) {
    console.log(
      `bench:extraction: the development pages are not here (${folder}): nothing measured. They are shared ` +
        'with the team outside the repository (see ../shared/eval/README.md).',
    );
    return;
  }
  const pages = readPages();
  const show = Number(argument('--show') ?? 0);
  const write = argument('--write');
  console.log(
    `Article extraction, ${pages.length} development pages (../shared/eval/article-extraction), ` +
      "the benchmark's 4-token shingle metric; ratios against Readability alone, measured in this run " +
      '(page by page, taking turns).',
  );
  const results = runAll(systems, pages);
  const anchor = results[0] as Result;
  const anchorSet = scoreSet(anchor.scores);
  const rows = results.map((result) => {
    const set = scoreSet(result.scores);
    const refused = result.predictions.filter((text) => text === '').length;
    return [
      result.system.name,
      set.f1.toFixed(3),
      set.precision.toFixed(3),
      set.recall.toFixed(3),
      result.msPerPage.toFixed(1),
      (set.f1 / anchorSet.f1).toFixed(3),
      (result.msPerPage / anchor.msPerPage).toFixed(2),
      String(refused),
    ];
  });
  const header = ['system', 'F1', 'precision', 'recall', 'ms/page', 'F1 ÷ anchor', 'time ÷ anchor', 'empty'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] as string).length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] as number)).join(' | ')} |`;
  console.log(line(header));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(row));
  const ours = scoreSet((results[1] as Result).scores);
  console.log(
    `target F1 ≥ 0.96 and precision ≥ 0.94: ${ours.f1 >= 0.96 && ours.precision >= 0.94 ? 'PASS' : 'FAIL'}`,
  );
  for (const result of results.slice(0, show > 0 ? results.length : 0)) {
    console.log(`\n${result.system.name}, worst ${show} pages:`);
    const order = result.scores
      .map((score, index) => ({ score, index }))
      .sort((a, b) => a.score.precision + a.score.recall - (b.score.precision + b.score.recall))
      .slice(0, show);
    for (const { score, index } of order) {
      const page = pages[index] as Page;
      console.log(
        `${page.key.slice(0, 16)}  precision ${score.precision.toFixed(3)}  recall ${score.recall.toFixed(3)}  ${page.url}`,
      );
    }
  }
  if (write) {
    mkdirSync(write, { recursive: true });
    for (const result of results) {
      const name = result.system.name.toLowerCase().replace(/\W+/gu, '-');
      const lines = pages.map((page, index) =>
        JSON.stringify({ file: page.file, text: result.predictions[index] }),
      );
      writeFileSync(join(write, `${name}.jsonl`), `${lines.join('\n')}\n`);
    }
    console.log(`\npredictions written to ${write}/ (check with: python3 score.py ${write}/polybrief.jsonl)`);
  }
}

main();
