/**
 * The translation-quality table of `npm run bench`: on the FLORES sentences in ../shared/eval/flores/ (when
 * present), chrF of raw Apertium (the `apertium` command on the whole file) and of polybrief (the pipeline's
 * own path: facts found on the sentences, names kept, repairs, one request per segment) for es, ca, gl and eo,
 * on the held-out half (lines 257–512; the repairs were chosen on lines 1–256) and on all; the share of kept
 * names that come back verbatim and in place; tag faults on marked sentences of our own
 * (samples/markup/marked-sentences.txt) and on FLORES; and sentences whose translation changes with the order
 * the engine gets them in (forward, then backward, in fresh engines).
 */
import { existsSync, readFileSync } from 'node:fs';
import { runCommand } from '../../functions/adapters/apertium-process.js';
import { ApertiumTranslator, listApertiumModes } from '../../functions/adapters/apertium-translator.js';
import type { Paragraph, SourceDocument } from '../../functions/core/document.js';
import { extractFacts } from '../../functions/core/facts/index.js';
import type { AnalysedArticle } from '../../functions/core/read/analyse-article.js';
import { decodeInline, encodeInline, nestedSpans } from '../../functions/core/translate/inline-markup.js';
import { planTranslation } from '../../functions/core/translate/segments-to-translate.js';
import { translatePlan } from '../../functions/core/translate/translate-languages.js';
import { translatedVersion } from '../../functions/core/translate/version-text.js';
import { corpusChrf } from '../lib/chrf.js';
import { markedSentences } from '../lib/marked-fixtures.js';
import type { Figure } from './figures.js';

export const FLORES = new URL('../../../shared/eval/flores/', import.meta.url);
export const FILES: Readonly<Record<string, string>> = {
  es: 'spa_Latn',
  ca: 'cat_Latn',
  gl: 'glg_Latn',
  eo: 'epo_Latn',
};
export const HELD_OUT = 256;

export function lines(file: string): string[] {
  return readFileSync(new URL(file, FLORES), 'utf8')
    .split('\n')
    .filter((line) => line !== '');
}

/** The FLORES sentences as one article, a paragraph each, so the facts and the names rule see them. */
export function floresArticle(sentences: readonly string[]): AnalysedArticle {
  let text = '';
  const paragraphs: Paragraph[] = sentences.map((sentence, index) => {
    const start = text.length;
    text += `${sentence}\n\n`;
    const end = start + sentence.length;
    return {
      id: `p${index + 1}`,
      kind: 'paragraph',
      start,
      end,
      sentences: [{ id: `p${index + 1}s1`, start, end, text: sentence }],
    };
  });
  const document: SourceDocument = { format: 'text', text, paragraphs };
  return {
    articleId: 'flores',
    key: 'incoming/flores.txt',
    sourceLanguage: 'en',
    document,
    facts: extractFacts(document),
    summary: [],
    factsLanguage: 'en',
    referenceDate: '2024-06-01',
  };
}

export async function rawApertium(mode: string, sentences: readonly string[]): Promise<string[]> {
  const output = await runCommand(
    'sh',
    ['-c', 'cat | exec apertium -u "$0"', mode],
    sentences.join('\n\n'),
    600_000,
  );
  return output
    .trim()
    .split(/\n[ \t]*\n/u)
    .map((line) => line.replace(/\s+/gu, ' ').trim());
}

interface LanguageQuality {
  readonly language: string;
  readonly raw: { readonly heldOut: number; readonly all: number };
  readonly polybrief: { readonly heldOut: number; readonly all: number };
  readonly kept: number;
  readonly verbatim: number;
  readonly faults: number;
  readonly fixtureFaults: number;
  readonly nondeterministic: number;
}

async function language(
  translatorFor: () => ApertiumTranslator,
  mode: string,
  target: string,
  article: AnalysedArticle,
  sources: readonly string[],
): Promise<LanguageQuality> {
  const references = lines(`${FILES[target]}.txt`);
  const raw = await rawApertium(mode, sources);
  const plan = planTranslation(article, 'full');
  const translator = translatorFor();
  const result = await translatePlan(translator, plan, 'en', target);
  const version = translatedVersion(plan, result.plain, result.tagged);
  const sentences = article.document.paragraphs.map((paragraph) => paragraph.sentences[0]);
  const ours = sentences.map((sentence) => (sentence ? version.sentence(sentence).text : ''));
  let kept = 0;
  let verbatim = 0;
  for (const entry of plan.tagged) {
    const decoded = result.tagged.get(entry.key);
    entry.spans.forEach((span, index) => {
      if (span.kind !== 'keep') return;
      kept += 1;
      const at = decoded?.spans[index];
      if (decoded && at && decoded.text.slice(at.start, at.end) === entry.text.slice(span.start, span.end))
        verbatim += 1;
    });
  }
  // Marked sentences of our own, as tagged segments.
  const fixtures = markedSentences();
  const spans = fixtures.map((fixture) =>
    nestedSpans(
      fixture.text,
      fixture.marks.map((mark) => ({ ...mark })),
    ),
  );
  const tagged = await translator.translate({
    sourceLanguage: 'en',
    targetLanguage: target,
    segments: fixtures.map((fixture, index) => encodeInline(fixture.text, spans[index] ?? [])),
    format: 'html',
  });
  const fixtureFaults = tagged.translations.filter(
    (answer, index) =>
      decodeInline(answer, fixtures[index]?.text ?? '', spans[index] ?? []).fault !== undefined,
  ).length;
  await translator.close();
  // The same plain sentences backwards, in a fresh engine.
  const backwards = translatorFor();
  const reversed = [...plan.plain].reverse();
  const back = (
    await backwards.translate({ sourceLanguage: 'en', targetLanguage: target, segments: reversed })
  ).translations;
  await backwards.close();
  const forward = new Map(plan.plain.map((segment) => [segment, result.plain.get(segment)]));
  const nondeterministic = reversed.filter((segment, index) => forward.get(segment) !== back[index]).length;
  const score = (hypotheses: readonly string[]) => ({
    heldOut: corpusChrf(hypotheses.slice(HELD_OUT), references.slice(HELD_OUT)),
    all: corpusChrf(hypotheses, references),
  });
  return {
    language: target,
    raw: score(raw),
    polybrief: score(ours),
    kept,
    verbatim,
    faults: result.faults.length,
    fixtureFaults,
    nondeterministic,
  };
}

export interface QualityReport {
  /** Lines of the table, or the reason it was skipped. */
  readonly lines: readonly string[];
  readonly figures: readonly Figure[];
}

/** Runs the table, or says why it cannot (no FLORES data, no Apertium). */
export async function translationQuality(
  progress: (line: string) => void = () => undefined,
): Promise<QualityReport> {
  if (!existsSync(new URL('eng_Latn.txt', FLORES))) {
    return {
      lines: [`translation quality: skipped, no FLORES data at ${FLORES.pathname} (see README)`],
      figures: [],
    };
  }
  const modes = await listApertiumModes();
  if (!modes) return { lines: ['translation quality: skipped, Apertium is not installed'], figures: [] };
  const sources = lines('eng_Latn.txt');
  const article = floresArticle(sources);
  const results: LanguageQuality[] = [];
  for (const target of Object.keys(FILES)) {
    const probe = new ApertiumTranslator({ modes });
    const mode = probe.modeFor('en', target);
    if (!mode) {
      progress(`translation quality: ${target} skipped, no en→${target} Apertium pair installed`);
      continue;
    }
    progress(
      `translation quality: ${target} (${sources.length} FLORES sentences, raw, polybrief, backwards)`,
    );
    results.push(await language(() => new ApertiumTranslator({ modes }), mode, target, article, sources));
  }
  const f = (value: number) => value.toFixed(1);
  const table = [
    `translation quality (FLORES devtest lines 501–1012, ${sources.length} sentences; chrF, β = 2, character 6-grams; repairs chosen on the first half)`,
    '| language | raw Apertium chrF held-out (all) | polybrief chrF held-out (all) | names kept verbatim | tag faults: FLORES, own marked sentences | sentences that change with order |',
    '| -------- | -------------------------------- | ----------------------------- | ------------------- | ---------------------------------------- | -------------------------------- |',
    ...results.map(
      (r) =>
        `| ${r.language} | ${f(r.raw.heldOut)} (${f(r.raw.all)}) | ${f(r.polybrief.heldOut)} (${f(r.polybrief.all)}) | ${r.verbatim}/${r.kept} | ${r.faults}, ${r.fixtureFaults}/${markedSentences().length} | ${r.nondeterministic} |`,
    ),
  ];
  const figures: Figure[] = results.flatMap((r) => [
    {
      name: `chrf_${r.language}_gain`,
      value: r.polybrief.heldOut - r.raw.heldOut,
      kind: 'min',
      target: 0,
      digits: 2,
      detail: `polybrief ${f(r.polybrief.heldOut)} − raw Apertium ${f(r.raw.heldOut)} chrF, FLORES held-out half`,
    },
    {
      name: `names_verbatim_${r.language}`,
      value: r.kept === 0 ? 1 : r.verbatim / r.kept,
      kind: 'equal',
      target: 1,
      digits: 3,
      detail: `${r.verbatim} of ${r.kept} people's and organisations' names the facts found in FLORES came back verbatim and in place`,
    },
    {
      name: `nondeterministic_${r.language}`,
      value: r.nondeterministic,
      kind: 'equal',
      target: 0,
      digits: 0,
      detail: 'FLORES sentences translated differently backwards than forwards, each order in a fresh engine',
    },
  ]);
  return { lines: table, figures };
}
