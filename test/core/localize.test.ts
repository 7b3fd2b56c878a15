import { describe, expect, it } from 'vitest';
import { allSentences } from '../../functions/core/document.js';
import { localize } from '../../functions/core/publish/localize.js';
import { parseArticle } from '../../functions/core/read/parse-article.js';
import { planTranslation } from '../../functions/core/translate/segments-to-translate.js';
import { translatePlan } from '../../functions/core/translate/translate-languages.js';
import { translatedVersion } from '../../functions/core/translate/version-text.js';
import { TaggingTranslator } from '../doubles/tagging-translator.js';

const text =
  'Budget approved\n\nThe council met on Monday. "We are glad. It was a long night," the mayor said. Rain fell.\n\nTaxes stay the same.';
const document = parseArticle(text, 'text');
const sentences = allSentences(document);
const quoteStart = text.indexOf('"We');
const quoteEnd = text.indexOf(' the mayor');
const article = {
  articleId: 'budget',
  key: 'incoming/budget.txt',
  document,
  facts: {
    people: [],
    organisations: [],
    places: [],
    dates: [],
    quotes: [
      {
        kind: 'reported' as const,
        text: text.slice(quoteStart, quoteEnd),
        speaker: 'the mayor',
        start: quoteStart,
        end: quoteEnd,
      },
    ],
    figures: [],
  },
  summary: [],
  sourceLanguage: 'en',
  factsLanguage: 'en' as const,
  referenceDate: '2024-01-01',
};

describe('localize', () => {
  it('translates a quote with the translations of exactly the sentences it spans', () => {
    const result = localize(article, {
      language: 'es',
      sourceLanguage: 'en',
      translation: { engine: 'test', scope: 'full' },
      version: {
        plain: (source) => `<${source}>`,
        sentence: (sentence) => ({ text: `<${sentence.text}>`, names: new Map() }),
      },
      languages: [],
      sourceSha256: '0'.repeat(64),
    });

    const spanned = sentences.filter((sentence) => sentence.start < quoteEnd && sentence.end > quoteStart);
    expect(spanned.map((sentence) => sentence.id)).toEqual(['p1s2', 'p1s3']);
    expect(result.facts.quotes[0]?.text).toBe(spanned.map((sentence) => `<${sentence.text}>`).join(' '));
  });

  it('sends, in brief scope, only the headline, the sentences quotes and summary use, and the names', () => {
    const plan = planTranslation(article, 'brief');
    expect(plan.plain).toEqual(['Budget approved']);
    // The quote's words are located in each sentence they run through.
    expect(plan.tagged.map((sentence) => sentence.key)).toEqual([
      '<span id=0>"We are glad.</span>',
      '<span id=0>It was a long night,"</span> the mayor said.',
    ]);
  });

  it('gives a translated quote as the translation of its words, not of the sentences around them', async () => {
    const plan = planTranslation(article, 'full');
    const translator = new TaggingTranslator();
    const result = await translatePlan(translator, plan, 'en', 'es');
    const version = translatedVersion(plan, result.plain, result.tagged);

    const localized = localize(article, {
      language: 'es',
      sourceLanguage: 'en',
      translation: { engine: 'test', scope: 'full' },
      version,
      languages: [],
      sourceSha256: '0'.repeat(64),
    });

    expect(result.faults).toEqual([]);
    // The stand-in engine puts "[es] " before each segment, outside the quote's words.
    expect(localized.facts.quotes[0]?.text).toBe('"We are glad. It was a long night,"');
    expect(localized.body[0]?.sentences[2]?.text).toBe('[es] It was a long night," the mayor said.');
  });
});
