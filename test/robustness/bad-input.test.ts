import '../support/quiet-aws-sdk.js';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import pLimit from 'p-limit';
import { type DefaultTreeAdapterMap, parse } from 'parse5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleJson, FailedRecordJson, ManifestJson } from '../../functions/core/contract.js';
import { articleIdFor } from '../../functions/core/publish/article-id.js';
import { MAX_SENTENCE_CHARS, MAX_SENTENCE_TOKENS } from '../../functions/core/read/sentences.js';
import { executableContent } from '../lib/html-safety.js';
import { getText, root, upload } from '../local/helpers.js';
import { fakeTranslateLine } from '../support/translate-protocol-server.js';
import {
  type LoopbackSystem,
  mismatchedArtefacts,
  outcomesFor,
  sha256,
  startLoopbackSystem,
} from './support/loopback-runner.js';

const bad = (name: string) => readFile(join(root, 'samples/bad', name));
const hostileSample = (name: string) => readFile(join(root, 'samples/hostile', name));
const idOf = (key: string) => articleIdFor(key, 'incoming/');

/** Uploads are refused over this size (the runner's `maxArticleBytes`), before they are read. */
const MAX_ARTICLE_BYTES = 256 * 1024;

/** Text far over the limit, generated here rather than kept as a file. */
function oversizedArticle(): Buffer {
  const paragraph = 'The council met on Monday and approved the harbour budget after a long debate. ';
  return Buffer.from(
    `Oversized report\n\n${paragraph.repeat(Math.ceil((MAX_ARTICLE_BYTES * 1.2) / paragraph.length))}\n`,
  );
}

/** One 30 KB "sentence": numbered words, no punctuation at all, so nothing marks where it could be cut. */
const runOnSentence = Array.from({ length: 4200 }, (_, index) => `word${index}`).join(' ');

/**
 * Characters no published text may hold, in an upload (NUL past the first 8 KB, where it is not taken for binary
 * data; a bell; a noncharacter; a right-to-left override never closed) beside a bidi isolate that is closed, and a
 * sentence the engine answers with a NUL, a lone surrogate and an unclosed override.
 */
const ENGINE_MANGLED = 'The engine answers this sentence with characters of its own.';
const controlCharacters = Buffer.from(
  `Harbour board report\n\n${'The harbour board met on Monday and approved the budget. '.repeat(180)}\n\n` +
    'The clerk read a NUL \u0000 and a bell \u0007 aloud. The ledger said \ufffe twice. ' +
    'The name \u202eodraciR stayed reversed. The Hebrew name \u2067שלום\u2069 was kept. ' +
    'An override \u202eopened in one sentence. Closed in the next\u202c one.\n\n' +
    `${ENGINE_MANGLED}\n`,
);
/** Unsafe in any published text (what `safeText` replaces), the overrides of the upload and the engine included. */
const UNSAFE = /(?![\t\n\f\r])[\p{Cc}\p{Noncharacter_Code_Point}]|\p{Cs}|[\u202c\u202e]/u;

/** Every string in a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  return value !== null && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];
}

/** Keys as newsrooms make them: spaces, `+`, `%` (literal, and as escapes), other scripts, emoji, deep folders. */
const awkwardKeys = [
  'incoming/desk/2024/05/01/late edition/100% sure + fast.txt',
  'incoming/a+b%2Bc %25 d.txt',
  'incoming/Café Zürich/北京 报道 — ünïcödé.md',
  'incoming/emoji 📰 news.txt',
  `incoming/${'deep/'.repeat(24)}story.txt`,
];

const hostileKeys = {
  'incoming/hostile/page.html': () => bad('hostile.html'),
  'incoming/hostile/script-tags.txt': () => hostileSample('script-tags.txt'),
  'incoming/hostile/event-handlers.md': () => hostileSample('event-handlers.md'),
  'incoming/hostile/javascript-urls.html': () => hostileSample('javascript-urls.html'),
  'incoming/hostile/broken-entities.txt': () => hostileSample('broken-entities.txt'),
} as const;

/** Every upload of the burst, by key: bad input, the same article in other encodings, and good articles. */
const uploads: Record<string, () => Promise<Uint8Array>> = {
  'incoming/bad/empty.txt': () => bad('empty.txt'),
  'incoming/bad/whitespace only.txt': () => bad('whitespace-only.txt'),
  'incoming/bad/front page photo.txt': () => bad('image.png'),
  'incoming/bad/council-minutes': () => bad('document.pdf'),
  'incoming/bad/report.md': () => bad('archive.zip'),
  'incoming/bad/report.docx': () => bad('archive.zip'),
  'incoming/bad/report.odt': () => bad('archive.zip'),
  'incoming/bad/damaged.txt': () => bad('invalid-utf8.txt'),
  'incoming/bad/no sentence.txt': () => bad('no-sentence.txt'),
  'incoming/bad/no sentence.html': () => bad('no-sentence.html'),
  'incoming/bad/oversized.txt': async () => oversizedArticle(),
  'incoming/bad/en français.txt': () => bad('non-english.txt'),
  'incoming/bad/deleted before read.txt': () => bad('encoding-reference.txt'),
  'incoming/bad/new folder/': async () => new Uint8Array(),
  'incoming/encodings/reference.txt': () => bad('encoding-reference.txt'),
  'incoming/encodings/utf-8 bom.txt': () => bad('utf8-bom.txt'),
  'incoming/encodings/utf-16le bom.txt': () => bad('utf16le-bom.txt'),
  'incoming/encodings/utf-16be bom.txt': () => bad('utf16be-bom.txt'),
  'incoming/encodings/windows-1252.txt': () => bad('windows-1252.txt'),
  'incoming/encodings/crlf.txt': () => bad('crlf.txt'),
  'incoming/encodings/cr only.txt': () => bad('cr-only.txt'),
  'incoming/long/run-on sentence.txt': async () => Buffer.from(`Run-on report\n\n${runOnSentence}\n`),
  'incoming/bad/control characters.txt': async () => controlCharacters,
  ...Object.fromEntries(awkwardKeys.map((key) => [key, () => bad('encoding-reference.txt')])),
  ...hostileKeys,
};

describe('bad input through the path a real upload takes (local bucket, SQS-shaped deliveries, real handler)', () => {
  let system: LoopbackSystem;
  const uploaded = new Map<string, Uint8Array>();

  beforeAll(async () => {
    system = await startLoopbackSystem({
      settings: { maxArticleBytes: MAX_ARTICLE_BYTES },
      server: {
        translateLine: (line, request) =>
          `${fakeTranslateLine(line, request)}${line.includes(ENGINE_MANGLED) ? ' \u0000\ud800\u202e' : ''}`,
      },
    });
    system.tap.deleteBeforeRead.add('incoming/bad/deleted before read.txt');
    for (const [key, body] of Object.entries(uploads)) uploaded.set(key, await body());
    // One burst: every bad upload is processed among the good ones.
    const limit = pLimit(8);
    await Promise.all([...uploaded].map(([key, body]) => limit(() => upload(system.test.client, key, body))));
    await system.test.until((report) => report.type === 'outcome', uploaded.size);
    await system.test.runner.idle();
  }, 90_000);
  afterAll(async () => {
    await system?.close();
  });

  const json = async <T>(key: string): Promise<T | undefined> => {
    const text = await getText(system.test.client, key);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  };
  const logged = (level: string, message: string, key: string) =>
    system.logger.lines.filter(
      (line) => line.level === level && line.message === message && line.attributes.key === key,
    );
  const original = async (key: string) => {
    const output = await system.test.client.send(
      new GetObjectCommand({ Bucket: 'polybrief-local', Key: key }),
    );
    return Buffer.from((await output.Body?.transformToByteArray()) ?? []);
  };

  /** A `failed/` record naming the problem and what to do, nothing published, the upload as it was, a warning. */
  async function expectFailed(key: string, code: string): Promise<FailedRecordJson> {
    const record = await json<FailedRecordJson>(`failed/${idOf(key)}.json`);
    expect(record, `failed record of ${key}`).toMatchObject({
      articleId: idOf(key),
      status: 'failed',
      source: { bucket: 'polybrief-local', key },
      error: { code },
    });
    expect(record?.error.message.length).toBeGreaterThan(10);
    expect(record?.error.hint.length).toBeGreaterThan(10);
    expect(await getText(system.test.client, `published/${idOf(key)}/manifest.json`)).toBeUndefined();
    if (key !== 'incoming/bad/deleted before read.txt')
      expect((await original(key)).equals(Buffer.from(uploaded.get(key) ?? []))).toBe(true);
    expect(logged('warn', 'article failed', key)).toEqual([
      expect.objectContaining({ attributes: expect.objectContaining({ code }) }),
    ]);
    expect(outcomesFor(system.test.reports, key)).toEqual([
      expect.objectContaining({ outcome: expect.objectContaining({ status: 'failed' }) }),
    ]);
    return record as FailedRecordJson;
  }

  /** A complete set whose objects are the ones its manifest lists, the upload as it was, an info line. */
  async function expectPublished(key: string): Promise<ManifestJson> {
    const manifest = await json<ManifestJson>(`published/${idOf(key)}/manifest.json`);
    const bytes = uploaded.get(key) ?? new Uint8Array();
    expect(manifest, `manifest of ${key}`).toMatchObject({
      articleId: idOf(key),
      status: 'complete',
      languages: ['en', 'es'],
      source: { bucket: 'polybrief-local', key, sha256: sha256(bytes), bytes: bytes.length },
    });
    expect(await mismatchedArtefacts(system.test, manifest as ManifestJson)).toEqual([]);
    expect(await getText(system.test.client, `failed/${idOf(key)}.json`)).toBeUndefined();
    expect((await original(key)).equals(Buffer.from(bytes))).toBe(true);
    expect(logged('info', 'article published', key)).toHaveLength(1);
    expect(outcomesFor(system.test.reports, key)).toEqual([
      expect.objectContaining({ outcome: expect.objectContaining({ status: 'published' }) }),
    ]);
    return manifest as ManifestJson;
  }

  const article = async (key: string, language: string) =>
    (await json<ArticleJson>(`published/${idOf(key)}/${language}.json`)) as ArticleJson;
  const sentences = (document: ArticleJson) => [
    document.headline.text,
    ...document.body.flatMap((paragraph) => paragraph.sentences.map((s) => s.text)),
  ];

  it('refuses an empty file', async () => {
    const record = await expectFailed('incoming/bad/empty.txt', 'empty');
    expect(record.source).toMatchObject({ bytes: 0 });
  });

  it('refuses a file of whitespace only', async () => {
    const record = await expectFailed('incoming/bad/whitespace only.txt', 'no-text');
    expect(record.error.message).toContain('only whitespace');
  });

  it('refuses PNG, PDF and ZIP bytes, saying what the file is', async () => {
    const png = await expectFailed('incoming/bad/front page photo.txt', 'binary');
    const pdf = await expectFailed('incoming/bad/council-minutes', 'binary');
    const zip = await expectFailed('incoming/bad/report.md', 'binary');

    expect(png.error.message).toContain('PNG image');
    expect(pdf.error.message).toContain('PDF document');
    expect(zip.error.message).toContain('ZIP archive');
    expect(png.error.hint).toContain('UTF-8');
  });

  it('refuses damaged UTF-8 rather than guessing', async () => {
    const record = await expectFailed('incoming/bad/damaged.txt', 'invalid-encoding');
    expect(record.error.hint).toContain('UTF-8');
  });

  it('refuses a file with no word in it', async () => {
    await expectFailed('incoming/bad/no sentence.txt', 'no-text');
  });

  it('refuses a page with navigation and a script but no article text as no-article, saying what it found', async () => {
    const record = await expectFailed('incoming/bad/no sentence.html', 'no-article');
    expect(record.error.message).toContain('The page "Front page" holds no article: 0 words');
  });

  it('refuses an article over maxArticleBytes without reading its body', async () => {
    const key = 'incoming/bad/oversized.txt';
    const record = await expectFailed(key, 'too-large');

    expect(record.error.message).toContain(`limit of ${MAX_ARTICLE_BYTES} bytes`);
    expect(record.source).toMatchObject({ sha256: null, bytes: null });
    const reads = system.tap.bodies.filter((read) => read.key === key);
    expect(reads).toEqual([{ key, bytes: 0, destroyed: true }]);
  });

  it('refuses an unsupported extension without reading the object at all', async () => {
    const key = 'incoming/bad/report.odt';
    const record = await expectFailed(key, 'unsupported-type');

    expect(record.error.message).toContain('.odt');
    expect(record.error.hint).toContain('.docx');
    expect(system.tap.gets).not.toContain(key);
  });

  it('refuses a zip archive named .docx as a damaged Word file', async () => {
    const record = await expectFailed('incoming/bad/report.docx', 'damaged-file');
    expect(record.error.message).toContain('The Word file cannot be read');
  });

  it('records an object deleted before it could be read, telling to upload it again', async () => {
    const key = 'incoming/bad/deleted before read.txt';
    const record = await expectFailed(key, 'not-found');

    expect(record.error.hint).toContain('Upload the article again');
    expect(await getText(system.test.client, key)).toBeUndefined();
  });

  it('refuses an article in another language than the configured source', async () => {
    const record = await expectFailed('incoming/bad/en français.txt', 'wrong-language');
    expect(record.error.message).toContain('French');
  });

  it.each([
    ['UTF-8 with a byte-order mark', 'incoming/encodings/utf-8 bom.txt', 'utf-8'],
    ['UTF-16 LE with a byte-order mark', 'incoming/encodings/utf-16le bom.txt', 'utf-16le'],
    ['UTF-16 BE with a byte-order mark', 'incoming/encodings/utf-16be bom.txt', 'utf-16be'],
    ['Windows-1252', 'incoming/encodings/windows-1252.txt', 'windows-1252'],
    ['CRLF line endings', 'incoming/encodings/crlf.txt', 'utf-8'],
    ['lone-CR line endings', 'incoming/encodings/cr only.txt', 'utf-8'],
  ])('publishes %s exactly as the UTF-8 original', async (_name, key, encoding) => {
    const reference = await expectPublished('incoming/encodings/reference.txt');
    const manifest = await expectPublished(key);
    const english = await article(key, 'en');
    const expected = await article('incoming/encodings/reference.txt', 'en');

    expect(manifest.source.encoding).toBe(encoding);
    expect(reference.source.encoding).toBe('utf-8');
    expect(sentences(english)).toEqual(sentences(expected));
    expect(english.headline.text).toBe('Harbour ferry returns after repairs');
    expect(sentences(english).join(' ')).toContain('“We are back on time,” said captain Ana Ruiz — who');
    expect(english.body.map((paragraph) => paragraph.sentences.length)).toEqual(
      expected.body.map((paragraph) => paragraph.sentences.length),
    );
  });

  it('reads a 30 KB sentence without punctuation as sentences of bounded length, translated whole and in order', async () => {
    const key = 'incoming/long/run-on sentence.txt';
    await expectPublished(key);
    const english = await article(key, 'en');
    const spanish = await article(key, 'es');
    const requests = system.translate.requests.filter((request) => /\bword\d+\b/.test(request.text));

    const [headline, ...pieces] = sentences(english);
    expect(headline).toBe('Run-on report');
    // Cut between words into sentences within the bounds (tokens, code points): nothing lost, nothing moved.
    expect(pieces.join(' ')).toBe(runOnSentence);
    expect(pieces.length).toBeGreaterThan(runOnSentence.length / MAX_SENTENCE_CHARS);
    for (const piece of pieces) {
      expect(piece.split(' ').length).toBeLessThanOrEqual(MAX_SENTENCE_TOKENS);
      expect([...piece].length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
    }
    // The loopback engine marks what it translated with `[es] `: unmarked, the Spanish sentences are the English.
    const translated = spanish.body.flatMap((paragraph) =>
      paragraph.sentences.map((sentence) => sentence.text),
    );
    expect(translated.map((text) => text.replaceAll('[es] ', ''))).toEqual(pieces);
    expect(requests.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...requests.map((request) => request.bytes))).toBeLessThanOrEqual(10_000);
  });

  it('publishes NUL, controls, noncharacters, lone surrogates and unpaired bidi controls, from the upload or the engine, as U+FFFD', async () => {
    const key = 'incoming/bad/control characters.txt';
    await expectPublished(key);
    for (const language of ['en', 'es']) {
      const version = await article(key, language);
      for (const text of strings(version))
        expect(text, `${language}: ${JSON.stringify(text)}`).not.toMatch(UNSAFE);
      const body = sentences(version).join(' ');
      expect(body).toContain('a NUL \ufffd and a bell \ufffd aloud.');
      expect(body).toContain('The name \ufffdodraciR stayed reversed.');
      expect(body).toContain('The Hebrew name \u2067שלום\u2069 was kept.');
      // Paired in the upload, but each sentence holds one of the pair.
      expect(body).toContain('An override \ufffdopened in one sentence.');
      expect(body).toContain('Closed in the next\ufffd one.');
    }
    expect(sentences(await article(key, 'es'))).toContain(`[es] ${ENGINE_MANGLED} \ufffd\ufffd\ufffd`);
    const raw = (await getText(system.test.client, `published/${idOf(key)}/es.json`)) ?? '';
    expect(raw).not.toMatch(/\\u0000|\\ud800/u);
  });

  it('publishes keys with spaces, +, %, other scripts, emoji and deep folders under their exact key', async () => {
    const ids = new Set<string>();
    for (const key of awkwardKeys) {
      const manifest = await expectPublished(key);
      ids.add(manifest.articleId);
      expect((await article(key, 'es')).source.key).toBe(key);
    }
    expect(ids.size).toBe(awkwardKeys.length);
  });

  it('publishes hostile HTML, Markdown and text as inert pages under a strict Content-Security-Policy', async () => {
    for (const key of Object.keys(hostileKeys)) {
      const manifest = await expectPublished(key);
      const pages = manifest.artefacts.filter((artefact) => artefact.contentType.startsWith('text/html'));
      expect(pages.map((page) => page.key.split('/').at(-1)).sort()).toEqual([
        'en.html',
        'es.html',
        'index.html',
      ]);
      for (const page of pages) {
        const response = await fetch(`${system.test.runner.endpoint}/polybrief-local/${encodeURI(page.key)}`);
        const html = await response.text();

        expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(executableContent(html), page.key).toEqual([]);
        expect(policyProblems(html), page.key).toEqual([]);
      }
    }
    // Markup in the text is kept as text: the reader sees it, the browser does not run it.
    const english = await fetch(
      `${system.test.runner.endpoint}/polybrief-local/published/${idOf('incoming/hostile/page.html')}/en.html`,
    ).then((response) => response.text());
    expect(textContent(english)).toContain(
      `"We are back <script>alert('escaped')</script> on time," said Ana Ruiz.`,
    );
  });

  it("ignores a folder marker (what the S3 console's Create folder makes), at info level", async () => {
    const key = 'incoming/bad/new folder/';

    expect(outcomesFor(system.test.reports, key)).toEqual([
      expect.objectContaining({ outcome: expect.objectContaining({ status: 'ignored' }) }),
    ]);
    expect(logged('info', 'object ignored', key)).toHaveLength(1);
    expect(system.tap.gets).not.toContain(key);
  });

  it('ignores the S3 test event, at info level, without an outcome', () => {
    expect(system.logger.lines.filter((line) => line.message === 'S3 test event ignored')).toEqual([
      expect.objectContaining({ level: 'info' }),
    ]);
    expect(system.test.reports.filter((report) => report.type === 'outcome')).toHaveLength(uploaded.size);
  });

  it('goes on with the other articles: each upload dealt with once, no retry, no fault logged, nothing written under incoming/', () => {
    const outcomes = system.test.reports.flatMap((report) =>
      report.type === 'outcome' ? [report.outcome.key] : [],
    );

    expect(outcomes.sort()).toEqual([...uploaded.keys()].sort());
    expect(system.test.reports.filter((report) => report.type !== 'outcome')).toEqual([]);
    expect(system.logger.lines.filter((line) => line.level === 'error')).toEqual([]);
    expect(system.tap.puts.filter((key) => key.startsWith('incoming/'))).toEqual([]);
    // Every upload but the folder marker ends in exactly one completion event.
    expect(system.events.events.map((event) => event.detail.sourceKey).sort()).toEqual(
      [...uploaded.keys()].filter((key) => !key.endsWith('/')).sort(),
    );
  });
});

type Node = DefaultTreeAdapterMap['node'];

function walk(node: Node, visit: (node: Node) => void): void {
  visit(node);
  for (const child of 'childNodes' in node ? node.childNodes : []) walk(child, visit);
}

/** The text a reader sees (text nodes outside head, scripts and styles). */
function textContent(html: string): string {
  let text = '';
  walk(parse(html), (node) => {
    if (node.nodeName === '#text' && 'value' in node) {
      const parent = (node as { parentNode?: { nodeName?: string } }).parentNode?.nodeName;
      if (parent !== 'style' && parent !== 'script' && parent !== 'title') text += node.value;
    }
  });
  return text.replace(/\s+/gu, ' ');
}

/**
 * What is wrong with a page's Content-Security-Policy: it must forbid everything by default, scripts, plug-ins,
 * base URLs and form targets included, and allow only the one inline stylesheet the page has, by its hash.
 */
function policyProblems(html: string): string[] {
  let policy: string | undefined;
  const styles: string[] = [];
  walk(parse(html), (node) => {
    if (!('tagName' in node)) return;
    const attrs = new Map(node.attrs.map((attr) => [attr.name, attr.value]));
    if (node.tagName === 'meta' && attrs.get('http-equiv')?.toLowerCase() === 'content-security-policy')
      policy = attrs.get('content');
    if (node.tagName === 'style')
      styles.push(node.childNodes.map((child) => ('value' in child ? child.value : '')).join(''));
  });
  if (policy === undefined) return ['no Content-Security-Policy'];
  const directives = new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/u);
      return [name, values.join(' ')] as const;
    }),
  );
  const problems: string[] = [];
  for (const name of ['default-src', 'script-src', 'img-src', 'base-uri', 'form-action']) {
    if (directives.get(name) !== "'none'") problems.push(`${name} is ${directives.get(name) ?? 'missing'}`);
  }
  const hashes = styles.map(
    (style) => `'sha256-${createHash('sha256').update(style, 'utf8').digest('base64')}'`,
  );
  if (directives.get('style-src') !== hashes.join(' '))
    problems.push(`style-src ${directives.get('style-src')} does not allow exactly the page's stylesheet`);
  const allowed = new Set(['default-src', 'script-src', 'img-src', 'base-uri', 'form-action', 'style-src']);
  for (const name of directives.keys()) if (name && !allowed.has(name)) problems.push(`unexpected ${name}`);
  return problems;
}
