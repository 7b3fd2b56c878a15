import '../support/quiet-aws-sdk.js';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { FailedRecordJson, ManifestJson } from '../../functions/core/contract.js';
import type {
  EventSink,
  LogAttributes,
  Logger,
  PipelineEvent,
  TranslationRequest,
  TranslationResult,
  Translator,
} from '../../functions/core/ports.js';
import {
  defaultPrefixes,
  defaultSpendSettings,
  type PipelineSettings,
} from '../../functions/core/settings.js';
import {
  type DevReport,
  type DevRunner,
  type DevRunnerOptions,
  startDevRunner,
} from '../../functions/local/dev-runner.js';
import { objectText, s3Client } from '../support/embedded-s3-fixture.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const sampleArticle = (name: string): Promise<Buffer> =>
  readFile(join(root, 'samples/articles', name));
export const devSample = (name: string): Promise<Buffer> => readFile(join(root, 'samples/dev', name));

export function settingsFor(targetLanguages: readonly string[]): PipelineSettings {
  return {
    ...defaultPrefixes,
    ...defaultSpendSettings,
    sourceLanguage: 'en',
    targetLanguages,
    maxArticleBytes: 2_097_152,
    pipelineVersion: 'test',
    translationScope: 'full',
    pricePerMillionCharacters: 0,
  };
}

/** Keeps log lines for assertions instead of printing them. */
export class RecordingLogger implements Logger {
  readonly lines: { level: string; message: string; attributes: LogAttributes }[] = [];
  debug(message: string, attributes: LogAttributes = {}) {
    this.lines.push({ level: 'debug', message, attributes });
  }
  info(message: string, attributes: LogAttributes = {}) {
    this.lines.push({ level: 'info', message, attributes });
  }
  warn(message: string, attributes: LogAttributes = {}) {
    this.lines.push({ level: 'warn', message, attributes });
  }
  error(message: string, attributes: LogAttributes = {}) {
    this.lines.push({ level: 'error', message, attributes });
  }
}

export class RecordingEventSink implements EventSink {
  readonly events: PipelineEvent[] = [];
  async publish(event: PipelineEvent): Promise<void> {
    this.events.push(event);
  }
}

/** Waits `ms` before handing the request to `inner`: keeps articles in flight long enough to stop mid-batch. */
export class SlowTranslator implements Translator {
  readonly engine: string;
  constructor(
    private readonly inner: Translator,
    private readonly ms: number,
  ) {
    this.engine = inner.engine;
  }
  settingsFor(targetLanguage: string): string {
    return this.inner.settingsFor(targetLanguage);
  }
  async translate(request: TranslationRequest): Promise<TranslationResult> {
    await new Promise((resolve) => setTimeout(resolve, this.ms));
    return this.inner.translate(request);
  }
}

/** Answers `inner`'s translation only once `release()` is called. */
export class GatedTranslator implements Translator {
  readonly engine: string;
  readonly #waiting: (() => void)[] = [];
  calls = 0;
  constructor(private readonly inner: Translator) {
    this.engine = inner.engine;
  }
  settingsFor(targetLanguage: string): string {
    return this.inner.settingsFor(targetLanguage);
  }
  async translate(request: TranslationRequest): Promise<TranslationResult> {
    this.calls++;
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
    return this.inner.translate(request);
  }
  release(): void {
    for (const wake of this.#waiting.splice(0)) wake();
  }
}

/** A runner in a fresh temporary folder (or `dataDir`) on a free port, with its reports collected. */
export interface TestRunner {
  readonly runner: DevRunner;
  readonly client: S3Client;
  readonly reports: DevReport[];
  readonly dataDir: string;
  /** Resolves once `predicate` holds for `count` reports. */
  until(predicate: (report: DevReport) => boolean, count?: number): Promise<DevReport[]>;
  /** Stops the runner and its client; the data folder is removed unless `keepData`. */
  close(options?: { keepData?: boolean; timeoutMs?: number }): Promise<void>;
}

export async function startTestRunner(
  options: Omit<DevRunnerOptions, 'dataDir' | 'bucket' | 'port' | 'onReport'> & {
    readonly dataDir?: string;
    readonly bucket?: string;
  },
): Promise<TestRunner> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'polybrief-dev-')));
  const reports: DevReport[] = [];
  let waiters: (() => void)[] = [];
  const runner = await startDevRunner({
    ...options,
    dataDir,
    bucket: options.bucket ?? 'polybrief-local',
    port: 0,
    onReport: (report) => {
      reports.push(report);
      const woken = waiters;
      waiters = [];
      for (const wake of woken) wake();
    },
  });
  const client = s3Client(runner.endpoint);
  let closed = false;
  return {
    runner,
    client,
    reports,
    dataDir,
    async until(predicate, count = 1) {
      for (;;) {
        const matching = reports.filter(predicate);
        if (matching.length >= count) return matching;
        await new Promise<void>((wake) => waiters.push(wake));
      }
    },
    async close(closeOptions = {}) {
      if (closed) return;
      closed = true;
      client.destroy();
      await runner.stop({ timeoutMs: closeOptions.timeoutMs ?? 10_000 });
      if (!closeOptions.keepData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function upload(
  client: S3Client,
  key: string,
  body: string | Uint8Array,
  bucket = 'polybrief-local',
): Promise<void> {
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
}

export async function getText(
  client: S3Client,
  key: string,
  bucket = 'polybrief-local',
): Promise<string | undefined> {
  return objectText(client, bucket, key);
}

/** Polls the bucket until the JSON object at `key` exists (or `timeoutMs` passes). */
export async function pollJson<T extends ManifestJson | FailedRecordJson | object>(
  client: S3Client,
  key: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await getText(client, key);
    if (text !== undefined) return JSON.parse(text) as T;
    if (Date.now() > deadline) throw new Error(`${key} did not appear within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
