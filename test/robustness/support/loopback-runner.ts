import '../../support/quiet-aws-sdk.js';
import { createHash } from 'node:crypto';
import { AmazonTranslateTranslator } from '../../../functions/adapters/amazon-translate-translator.js';
import { createTranslateClient } from '../../../functions/adapters/aws-clients.js';
import type { ArtefactJson, ManifestJson } from '../../../functions/core/contract.js';
import type { PipelineSettings } from '../../../functions/core/settings.js';
import type { DevReport } from '../../../functions/local/dev-runner.js';
import { TEST_MEMORY_KEY } from '../../doubles/pipeline-fixture.js';
import {
  getText,
  RecordingEventSink,
  RecordingLogger,
  settingsFor,
  startTestRunner,
  type TestRunner,
} from '../../local/helpers.js';
import { DUMMY_CREDENTIALS, DUMMY_REGION } from '../../support/dummy-aws.js';
import {
  startTranslateProtocolServer,
  type TranslateProtocolServer,
  type TranslateProtocolServerOptions,
} from '../../support/translate-protocol-server.js';
import { S3Tap } from './s3-tap.js';

/**
 * The deployed system on loopback: the dev runner (embedded S3, SQS-shaped deliveries, the real handler and S3
 * store, the translation memory in the bucket) translating with the real Amazon Translate adapter and SDK client
 * against the loopback Translate-protocol server. The engine is not under test here, the path is.
 */
export interface LoopbackSystem {
  readonly test: TestRunner;
  readonly translate: TranslateProtocolServer;
  readonly logger: RecordingLogger;
  readonly events: RecordingEventSink;
  readonly tap: S3Tap;
  readonly settings: PipelineSettings;
  close(): Promise<void>;
}

export interface LoopbackSystemOptions {
  readonly languages?: readonly string[];
  readonly settings?: Partial<PipelineSettings>;
  readonly server?: TranslateProtocolServerOptions;
  /** Per attempt of a Translate request; the SDK's attempts as deployed (5) unless given. */
  readonly translateTimeoutMs?: number;
  readonly translateAttempts?: number;
  readonly concurrency?: number;
  readonly maxReceiveCount?: number;
  readonly redeliveryDelayMs?: number;
}

export async function startLoopbackSystem(options: LoopbackSystemOptions = {}): Promise<LoopbackSystem> {
  const translate = await startTranslateProtocolServer(options.server);
  const client = createTranslateClient({
    endpoint: translate.endpoint,
    region: DUMMY_REGION,
    credentials: DUMMY_CREDENTIALS,
    ...(options.translateTimeoutMs === undefined ? {} : { requestTimeoutMs: options.translateTimeoutMs }),
    ...(options.translateAttempts === undefined ? {} : { maxAttempts: options.translateAttempts }),
  });
  const logger = new RecordingLogger();
  const events = new RecordingEventSink();
  const tap = new S3Tap();
  const settings = { ...settingsFor(options.languages ?? ['es']), ...options.settings };
  const test = await startTestRunner({
    settings,
    translator: new AmazonTranslateTranslator({ client }),
    logger,
    events,
    translationMemory: { prefix: 'cache/', memoryKey: TEST_MEMORY_KEY },
    redeliveryDelayMs: options.redeliveryDelayMs ?? 50,
    wrapS3Client: tap.wrap,
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.maxReceiveCount === undefined ? {} : { maxReceiveCount: options.maxReceiveCount }),
  });
  return {
    test,
    translate,
    logger,
    events,
    tap,
    settings,
    async close() {
      await test.close();
      client.destroy();
      await translate.close();
    },
  };
}

export const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

export const outcomesFor = (reports: readonly DevReport[], key: string) =>
  reports.filter((report) => report.type === 'outcome' && report.outcome.key === key);

/** The artefacts a manifest lists that are missing or whose bytes are not the ones it names. */
export async function mismatchedArtefacts(
  test: TestRunner,
  manifest: Pick<ManifestJson, 'artefacts'>,
): Promise<string[]> {
  const problems: string[] = [];
  for (const artefact of manifest.artefacts as readonly ArtefactJson[]) {
    const text = await getText(test.client, artefact.key);
    if (text === undefined) problems.push(`${artefact.key} is missing`);
    else if (sha256(text) !== artefact.sha256) problems.push(`${artefact.key} is not the listed version`);
  }
  return problems;
}
