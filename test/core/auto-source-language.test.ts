import '../support/quiet-aws-sdk.js';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AmazonTranslateTranslator } from '../../functions/adapters/amazon-translate-translator.js';
import { createComprehendClient, createTranslateClient } from '../../functions/adapters/aws-clients.js';
import { ComprehendLanguageDetector } from '../../functions/adapters/comprehend-language-detector.js';
import type { ArticleJson, FailedRecordJson, ManifestJson } from '../../functions/core/contract.js';
import { processArticle } from '../../functions/core/pipeline.js';
import { NO_FACTS } from '../../functions/core/read/analyse-article.js';
import type { PipelineSettings } from '../../functions/core/settings.js';
import { expectValidOutputs } from '../contract/validate.js';
import { MemoryArticleStore } from '../doubles/memory-store.js';
import { fixedClock, silentLogger, testSettings } from '../doubles/pipeline-fixture.js';
import { DUMMY_CREDENTIALS, DUMMY_REGION } from '../support/dummy-aws.js';
import {
  fakeTranslateLine,
  startTranslateProtocolServer,
  type TranslateProtocolServer,
} from '../support/translate-protocol-server.js';

const key = 'incoming/ferry-vigo-es.txt';
const folder = 'published/ferry-vigo-es/';
const article = readFileSync(new URL('../../samples/languages/ferry-vigo-es.txt', import.meta.url));

/** What a translator makes of the Spanish article in English, line for line. */
const english: Readonly<Record<string, string>> = {
  'El ferry de Vigo vuelve tras tres meses de reparación': 'Vigo ferry returns after three months of repairs',
  'El transbordador entre Vigo y Cangas volvió a navegar el lunes tras una reparación de su motor principal.':
    'The ferry between Vigo and Cangas sailed again on Monday after a repair to its main engine.',
  'La directora del puerto, Ana Ruiz, dijo que la obra costó 1,2 millones de euros y terminó dos semanas antes de lo previsto.':
    'Port director Ana Ruiz said the work cost 1.2 million euros and finished two weeks ahead of schedule.',
  'El barco saldrá cada media hora desde las seis de la mañana hasta la medianoche, según la Autoridad Portuaria de Vigo.':
    'The boat will leave every half hour from six in the morning until midnight, according to the Vigo Port Authority.',
};

let server: TranslateProtocolServer;
/** Where the next detection request is answered from: the code, and its confidence. */
let answer: { language: string; score: number } = { language: 'es', score: 0.99 };
/** TranslateText requests already received when each detection came in. */
let translationsBeforeDetection: number[] = [];

beforeAll(async () => {
  server = await startTranslateProtocolServer({
    detectedLanguage: () => {
      translationsBeforeDetection.push(server.requests.length);
      return answer.language;
    },
    get detectionScore() {
      return answer.score;
    },
    translateLine: (line, request) =>
      request.TargetLanguageCode === 'en' ? (english[line] ?? line) : fakeTranslateLine(line, request),
  });
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  server.reset();
  translationsBeforeDetection = [];
  answer = { language: 'es', score: 0.99 };
});

async function run(settings: Partial<PipelineSettings>, metadata?: Record<string, string>) {
  const clients = { endpoint: server.endpoint, region: DUMMY_REGION, credentials: DUMMY_CREDENTIALS };
  const store = new MemoryArticleStore();
  store.upload(key, article, undefined, metadata);
  const outcome = await processArticle({ key }, testSettings({ sourceLanguage: 'auto', ...settings }), {
    store,
    translator: new AmazonTranslateTranslator({ client: createTranslateClient(clients) }),
    detector: new ComprehendLanguageDetector({ client: await createComprehendClient(clients) }),
    clock: fixedClock(),
    logger: silentLogger,
  });
  expectValidOutputs(store.current());
  return { outcome, store };
}

describe('sourceLanguage auto', () => {
  it('detects once, before any translation, publishes the detected language as the source and never translates into it', async () => {
    const { outcome, store } = await run({ targetLanguages: ['es', 'fr'] });

    expect(outcome.status).toBe('published');
    expect(server.detections).toHaveLength(1);
    expect(translationsBeforeDetection).toEqual([0]);
    const manifest = store.json<ManifestJson>(`${folder}manifest.json`);
    expect(manifest.sourceLanguage).toBe('es');
    expect(manifest.languages).toEqual(['es', 'fr']);
    expect(store.keys(folder)).toEqual(
      ['es.html', 'es.json', 'fr.html', 'fr.json', 'index.html', 'manifest.json'].map(
        (name) => folder + name,
      ),
    );
    expect(
      new Set(server.requests.map((request) => `${request.sourceLanguage}>${request.targetLanguage}`)),
    ).toEqual(new Set(['es>fr']));
    const source = store.json<ArticleJson>(`${folder}es.json`);
    expect([source.language, source.sourceLanguage, source.translation]).toEqual(['es', 'es', null]);
    // The detection is in the estimate: one request, billed by the 100 characters, at the detection price.
    expect(manifest.translation.detection).toMatchObject({
      engine: 'amazon-comprehend',
      language: 'es',
      score: 0.99,
      requests: 1,
      pricePerMillionCharactersUsd: 1,
    });
    expect(manifest.translation.detection?.charactersSent).toBe(
      Math.max(300, Math.ceil([...(server.detections[0] ?? '')].length / 100) * 100),
    );
    expect(manifest.translation.detection?.estimatedCostUsd).toBeGreaterThan(0);
  });

  it("drops the detected source from the languages an upload chose (S3 metadata), as from the deployment's", async () => {
    const { outcome, store } = await run({ targetLanguages: ['de'] }, { languages: 'es,fr' });

    expect(outcome).toMatchObject({ status: 'published', languages: ['es', 'fr'] });
    const manifest = store.json<ManifestJson>(`${folder}manifest.json`);
    expect([manifest.sourceLanguage, manifest.languages]).toEqual(['es', ['es', 'fr']]);
    expect(
      new Set(server.requests.map((request) => `${request.sourceLanguage}>${request.targetLanguage}`)),
    ).toEqual(new Set(['es>fr']));
    expect(store.keys(folder).filter((written) => written.endsWith('.json'))).toEqual(
      ['es.json', 'fr.json', 'manifest.json'].map((name) => folder + name),
    );
  });

  it('detects from the whole text, not from its first request', async () => {
    await run({ targetLanguages: ['fr'] });

    const sample = server.detections[0] ?? '';
    expect(sample).toContain('El ferry de Vigo vuelve');
    expect(sample).toContain('según la Autoridad Portuaria de Vigo.');
  });

  it('never runs the English rules on the Spanish text: without English among the targets, no facts, and says so', async () => {
    const { store } = await run({ targetLanguages: ['fr'] });

    for (const language of ['es', 'fr']) {
      const version = store.json<ArticleJson>(`${folder}${language}.json`);
      expect(version.factsLanguage, language).toBeNull();
      expect(version.facts, language).toEqual(NO_FACTS);
      expect(version.summary, language).toEqual([]);
    }
  });

  it('finds the facts in the English version when English is a target, each placed by its sentence', async () => {
    const { store } = await run({ targetLanguages: ['en', 'fr'] });

    const source = store.json<ArticleJson>(`${folder}es.json`);
    const sourceText = article.toString('utf8');
    expect(source.factsLanguage).toBe('en');
    const ruiz = source.facts.people.find((person) => person.sourceName === 'Ana Ruiz');
    expect(ruiz?.roles.length).toBeGreaterThan(0);
    // The mention is its sentence (p2s1: the second paragraph of the body), at that sentence's place in the source,
    // and stands in that sentence of this version where the name does.
    const mention = ruiz?.mentions[0];
    expect(mention?.sentence?.id).toBe('p2s1');
    expect(sourceText.slice(mention?.start, mention?.end)).toContain('Ana Ruiz');
    const p2s1 = source.body[1]?.sentences[0];
    expect(p2s1?.text.slice(mention?.sentence?.start, mention?.sentence?.end)).toBe('Ana Ruiz');
    expect(source.summary.length).toBeGreaterThan(0);
    for (const item of source.summary) expect(sourceText.slice(item.start, item.end)).toBe(item.text);
    // The English version is translated first, in full, and the other languages after it; their names from English.
    const pairs = server.requests.map((request) => `${request.sourceLanguage}>${request.targetLanguage}`);
    expect(pairs.indexOf('es>fr')).toBeGreaterThan(pairs.lastIndexOf('es>en'));
    expect(pairs).toContain('en>fr');
    expect(pairs).toContain('en>es');
    const french = store.json<ArticleJson>(`${folder}fr.json`);
    expect(french.factsLanguage).toBe('en');
    // People's names are never translated; their roles are, from English.
    const frenchRuiz = french.facts.people.find((person) => person.sourceName === 'Ana Ruiz');
    expect(frenchRuiz?.name).toBe('Ana Ruiz');
    expect(frenchRuiz?.roles.every((role) => role.startsWith('[fr] '))).toBe(true);
    const manifest = store.json<ManifestJson>(`${folder}manifest.json`);
    expect(manifest.languages).toEqual(['es', 'en', 'fr']);
  });

  it.each([
    ['../../incoming/evil', 'language-not-detected'],
    ['javascript:alert(1)', 'language-not-detected'],
    ['es/../../x', 'language-not-detected'],
    ['xx', 'unsupported-source-language'],
  ])('refuses the detected code %j before it becomes a key, a file name or a link', async (code, reason) => {
    answer = { language: code, score: 0.99 };

    const { outcome, store } = await run({ targetLanguages: ['es', 'fr'] });

    expect(outcome.status).toBe('failed');
    const record = store.json<FailedRecordJson>('failed/ferry-vigo-es.json');
    expect(record.error.code).toBe(reason);
    expect(store.keys('').filter((written) => written !== key)).toEqual(['failed/ferry-vigo-es.json']);
    expect(server.requests).toEqual([]);
  });

  it('fails with a hint when the detection is not confident, rather than guess', async () => {
    answer = { language: 'pt', score: 0.31 };

    const { store } = await run({ targetLanguages: ['es', 'fr'] });

    const record = store.json<FailedRecordJson>('failed/ferry-vigo-es.json');
    expect(record.error.code).toBe('source-language-uncertain');
    expect(record.error.message).toContain('most likely pt (confidence 0.31');
    expect(record.error.hint).toContain('sourceLanguage');
    expect(server.requests).toEqual([]);
  });
});
