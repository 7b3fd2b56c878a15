import { join, resolve } from 'node:path';
import { MEMORY_KEY_FILE, memoryKeyFile } from '../adapters/memory-key.js';
import { StreamLogger } from '../adapters/stream-logger.js';
import { type DevRunner, startDevRunner } from '../local/dev-runner.js';
import { checkCachePrefix } from './cache-prefix.js';
import { ConsoleEventSink } from './dev/console-event-sink.js';
import { pageUrl, reportLine } from './dev/report-lines.js';
import { checkFolderOption } from './output-folder.js';
import { type PipelineCommandOptions, setUpPipeline } from './pipeline-setup.js';
import type { CommandIo } from './run-command.js';
import { UsageError } from './usage-error.js';

export interface DevOptions extends PipelineCommandOptions {
  readonly port: number;
  readonly data: string;
  readonly bucket: string;
  readonly maxReceiveCount: number;
  /** Seconds the articles in flight get to finish after Ctrl-C. */
  readonly stopTimeout: number;
}

/**
 * `polybrief dev`: the deployed system on this machine. Starts the local bucket and processes every upload under
 * `incoming/` until `stop` fires (Ctrl-C or SIGTERM when not given); exit status 0 after a clean stop.
 */
export async function devCommand(
  options: DevOptions,
  io: CommandIo,
  stop: AbortSignal = processStopSignal(io),
): Promise<number> {
  const out = (line: string): void => {
    io.stdout.write(`${line}\n`);
  };
  const say = (line: string): void => {
    io.stderr.write(`${line}\n`);
  };
  const cachePrefix = checkCachePrefix('dev', options.cachePrefix);
  await checkFolderOption('--data', options.data);
  const { choice, settings } = await setUpPipeline(options, say);
  const logger = new StreamLogger({
    stream: io.stderr,
    format: options.logFormat,
    level: options.verbose ? 'debug' : 'warn',
    base: { service: 'polybrief-dev' },
  });
  const pageLanguage = settings.targetLanguages[0] ?? options.sourceLanguage;
  let context = { endpoint: '', bucket: options.bucket, pageLanguage };

  let runner: DevRunner;
  try {
    runner = await startDevRunner({
      port: options.port,
      dataDir: resolve(options.data),
      bucket: options.bucket,
      settings,
      translator: choice.translator,
      logger,
      events: new ConsoleEventSink(io.stdout),
      ...(choice.detector ? { detector: choice.detector } : {}),
      concurrency: options.concurrency,
      maxReceiveCount: options.maxReceiveCount,
      // As deployed: every translation is remembered in the bucket, so a re-upload pays only for what changed;
      // its entries are sealed with a key kept in the data folder, beside the bucket, never in it.
      translationMemory: {
        prefix: cachePrefix,
        read: options.cache,
        memoryKey: await memoryKeyFile(join(resolve(options.data), MEMORY_KEY_FILE)),
      },
      onReport: (report) => out(reportLine(report, context)),
    });
  } catch (error) {
    await choice.close();
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE')
      throw new UsageError(
        `Port ${options.port} on 127.0.0.1 is in use (another polybrief dev?). Stop it or pick another with --port.`,
      );
    throw error;
  }
  context = { ...context, endpoint: runner.endpoint };

  const languages = [options.sourceLanguage, ...settings.targetLanguages].join(', ');
  out(`polybrief dev ${options.pipelineVersion}: the local bucket is ready`);
  out(`  endpoint    ${runner.endpoint}   (127.0.0.1 only; any access key and secret are accepted)`);
  out(`  bucket      ${runner.bucket}`);
  out(`  data        ${runner.dataDir}   (objects are kept between runs)`);
  out(`  translator  ${choice.translator.engine} (${languages})`);
  out('Upload an article:');
  out(`  aws --endpoint-url ${runner.endpoint} s3 cp article.txt s3://${runner.bucket}/incoming/`);
  out(`Its outputs land under s3://${runner.bucket}/published/<id>/; open them in a browser, e.g.`);
  out(`  ${pageUrl(context, '<id>', pageLanguage)}`);
  if (runner.recovered.length > 0)
    out(
      `Found ${runner.recovered.length} upload${runner.recovered.length === 1 ? '' : 's'} not processed yet (stopped before they were); processing them now.`,
    );
  out('Ctrl-C stops (articles in flight finish first; anything unfinished is picked up at the next start).');
  logger.info('local bucket ready', {
    endpoint: runner.endpoint,
    bucket: runner.bucket,
    dataDir: runner.dataDir,
    engine: choice.translator.engine,
    languages: settings.targetLanguages,
    recovered: runner.recovered.length,
  });

  if (!stop.aborted) await new Promise((wake) => stop.addEventListener('abort', wake, { once: true }));

  const inFlight = runner.inFlight();
  out(
    inFlight === 0
      ? 'Stopping.'
      : `Stopping: waiting up to ${options.stopTimeout}s for ${inFlight} article${inFlight === 1 ? '' : 's'} in flight (Ctrl-C again quits at once).`,
  );
  const result = await runner.stop({ timeoutMs: options.stopTimeout * 1000 });
  await choice.close();
  // Articles abandoned mid-flight may still hold timers or sockets (SDK retries); they are picked up at the next
  // start, so they must not keep the process from ending.
  if (result.abandoned > 0) setTimeout(() => process.exit(process.exitCode ?? 0), 2_000).unref();
  const left = result.abandoned + result.dropped;
  out(
    left === 0
      ? 'Stopped.'
      : `Stopped; ${left} upload${left === 1 ? '' : 's'} not finished will be processed at the next start.`,
  );
  return 0;
}

/**
 * Aborts on the first SIGINT or SIGTERM. A second one quits at once (exit status 130): whatever was in flight is
 * picked up at the next start.
 */
function processStopSignal(io: CommandIo): AbortSignal {
  const controller = new AbortController();
  const onSignal = (): void => {
    if (!controller.signal.aborted) {
      controller.abort();
      return;
    }
    io.stderr.write('polybrief dev: quitting without waiting\n');
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return controller.signal;
}
