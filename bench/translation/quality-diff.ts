// Development aid: `npx tsx bench/translation/quality-diff.ts [es ca gl eo]` lists, on the FLORES development half
// (lines 1–256, where the names rule and the repairs are chosen), every sentence that polybrief translates worse
// than raw Apertium (sentence chrF), with what it kept, and what the same path gives with nothing kept. Never
// use it on the held-out half.
import { ApertiumTranslator, listApertiumModes } from '../../functions/adapters/apertium-translator.js';
import type { AnalysedArticle } from '../../functions/core/read/analyse-article.js';
import { planTranslation } from '../../functions/core/translate/segments-to-translate.js';
import { translatePlan } from '../../functions/core/translate/translate-languages.js';
import { translatedVersion } from '../../functions/core/translate/version-text.js';
import { corpusChrf, sentenceChrf } from '../lib/chrf.js';
import { FILES, floresArticle, HELD_OUT, lines, rawApertium } from './quality.js';

async function ours(translator: ApertiumTranslator, article: AnalysedArticle, target: string) {
  const plan = planTranslation(article, 'full');
  const result = await translatePlan(translator, plan, 'en', target);
  const version = translatedVersion(plan, result.plain, result.tagged);
  const kept = new Map<string, string[]>();
  for (const entry of plan.tagged) {
    kept.set(
      entry.key,
      entry.spans
        .filter((span) => span.kind === 'keep')
        .map((span) => entry.text.slice(span.start, span.end)),
    );
  }
  return {
    sentences: article.document.paragraphs.map((paragraph) => {
      const sentence = paragraph.sentences[0];
      return sentence ? version.sentence(sentence).text : '';
    }),
    kept: plan.tagged.map((entry) =>
      entry.spans.filter((s) => s.kind === 'keep').map((s) => entry.text.slice(s.start, s.end)),
    ),
    plan,
  };
}

const modes = await listApertiumModes();
if (!modes) throw new Error('Apertium is not installed');
const all = lines('eng_Latn.txt');
// The facts are found on all the sentences, as in the table; only the development half is compared.
const article = floresArticle(all);
const sources = all.slice(0, HELD_OUT);
const bare: AnalysedArticle = { ...article, facts: { ...article.facts, people: [], organisations: [] } };
const keptBy = new Map<number, string[]>();
const names = (
  kind: 'person' | 'organisation',
  list: readonly { name: string; mentions: readonly { start: number; end: number }[] }[],
) => {
  for (const entity of list) {
    for (const mention of entity.mentions) {
      const index = article.document.paragraphs.findIndex(
        (p) => p.start <= mention.start && mention.end <= p.end,
      );
      const at = keptBy.get(index) ?? [];
      at.push(
        `${kind === 'person' ? 'PER' : 'ORG'}:${article.document.text.slice(mention.start, mention.end)}`,
      );
      keptBy.set(index, at);
    }
  }
};
names('person', article.facts.people);
names('organisation', article.facts.organisations);
const targets = process.argv.slice(2).filter((arg) => arg in FILES);
for (const target of targets.length > 0 ? targets : Object.keys(FILES)) {
  const translator = new ApertiumTranslator({ modes });
  const mode = translator.modeFor('en', target) as string;
  const references = lines(`${FILES[target]}.txt`).slice(0, HELD_OUT);
  const raw = await rawApertium(mode, sources);
  const kept = await ours(translator, article, target);
  const none = await ours(translator, bare, target);
  kept.sentences.length = HELD_OUT;
  none.sentences.length = HELD_OUT;
  await translator.close();
  console.log(
    `## ${target}: dev chrF raw ${corpusChrf(raw, references).toFixed(2)}, polybrief ${corpusChrf(kept.sentences, references).toFixed(2)}, nothing kept ${corpusChrf(none.sentences, references).toFixed(2)}`,
  );
  sources.forEach((source, index) => {
    const reference = references[index] ?? '';
    const r = sentenceChrf(raw[index] ?? '', reference);
    const k = sentenceChrf(kept.sentences[index] ?? '', reference);
    const n = sentenceChrf(none.sentences[index] ?? '', reference);
    if (k >= r - 1e-9 && n >= r - 1e-9) return;
    console.log(
      `\n### ${target} line ${index + 1}: raw ${r.toFixed(1)} kept ${k.toFixed(1)} none ${n.toFixed(1)}  names ${JSON.stringify(keptBy.get(index) ?? [])}`,
    );
    console.log(`src  ${source}`);
    console.log(`ref  ${reference}`);
    console.log(`raw  ${raw[index]}`);
    console.log(`pb   ${kept.sentences[index]}`);
    if (none.sentences[index] !== kept.sentences[index]) console.log(`none ${none.sentences[index]}`);
  });
}
