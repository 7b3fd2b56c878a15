import { describe, expect, it } from 'vitest';
import { allSentences } from '../../functions/core/document.js';
import { localize } from '../../functions/core/publish/localize.js';
import { parseArticle } from '../../functions/core/read/parse-article.js';
import { planTranslation } from '../../functions/core/translate/segments-to-translate.js';
import { translatePlan } from '../../functions/core/translate/translate-languages.js';
import { sourceVersion, translatedVersion } from '../../functions/core/translate/version-text.js';
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

  it('places every mention in its sentence, whether or not the source has whitespace to collapse there', () => {
    const source =
      'Talks resume\n\nMaria Chen met Tom Hale in Paris.\n\nLater  Maria\tChen told\nTom Hale: Tom Hale.';
    const parsed = parseArticle(source, 'text');
    const at = (name: string, from = 0) => {
      const start = source.indexOf(name, from);
      return { start, end: start + name.length };
    };
    const second = source.indexOf('Later');
    const last = source.lastIndexOf('Tom Hale');
    const people = [
      { name: 'Maria Chen', roles: [], mentions: [at('Maria Chen'), at('Maria\tChen')] },
      {
        name: 'Tom Hale',
        roles: [],
        mentions: [at('Tom Hale'), at('Tom Hale', second), at('Tom Hale', last)],
      },
    ];
    const named = { ...article, document: parsed, facts: { ...article.facts, quotes: [], people } };
    const localized = localize(named, {
      language: 'en',
      sourceLanguage: 'en',
      version: sourceVersion(named),
      languages: [],
      sourceSha256: '0'.repeat(64),
    });

    const texts = new Map(allSentences(parsed).map((sentence) => [sentence.id, sentence.text]));
    expect(texts.get('p2s1')).toBe('Later Maria Chen told Tom Hale: Tom Hale.');
    const placed = localized.facts.people.flatMap((person) =>
      person.mentions.map((mention) => mention.sentence),
    );
    expect(placed).toEqual([
      { id: 'p1s1', start: 0, end: 10 },
      { id: 'p2s1', start: 6, end: 16 },
      { id: 'p1s1', start: 15, end: 23 },
      { id: 'p2s1', start: 22, end: 30 },
      { id: 'p2s1', start: 32, end: 40 },
    ]);
  });
});
