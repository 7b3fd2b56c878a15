import { join, relative } from 'node:path';
import pLimit from 'p-limit';
import { FsArticleStore } from '../adapters/fs-article-store.js';
import { JsonLinesEventSink } from '../adapters/json-lines-event-sink.js';
import { MEMORY_KEY_FILE, memoryKeyFile } from '../adapters/memory-key.js';
import { StreamLogger } from '../adapters/stream-logger.js';
import { systemClock } from '../adapters/system-clock.js';
import { isEditKey } from '../core/key-layout.js';
import { type ArticleOutcome, type PublishedOutcome, processObject } from '../core/pipeline.js';
import { defaultPrefixes } from '../core/settings.js';
import { TranslationMemory } from '../core/translate/translation-memory.js';
import { checkCachePrefix } from './cache-prefix.js';
import { collectInputs } from './inputs.js';
import { seconds, translationCost } from './outcome-figures.js';
import { checkFolderOption } from './output-folder.js';
import { type PipelineCommandOptions, setUpPipeline } from './pipeline-setup.js';

export interface RunOptions extends PipelineCommandOptions {
  readonly out: string;
  /** JSON Lines file that completion events are appended to. */
  readonly events?: string;
}

export interface CommandIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/**
 * `polybrief run`: each file is processed as if uploaded under `incoming/<file name>`; outputs land in the
 * output folder under exactly the keys the deployed pipeline writes. Exit status 0 when every article published,
 * 1 when any failed.
 */
export async function runCommand(
  paths: readonly string[],
  options: RunOptions,
  io: CommandIo,
): Promise<number> {
  const say = (line: string): void => {
    io.stderr.write(`${line}\n`);
  };
  const cachePrefix = checkCachePrefix('run', options.cachePrefix);
  await checkFolderOption('--out', options.out);
  const { files: inputs, skipped } = await collectInputs(paths, defaultPrefixes);
  for (const entry of skipped) say(`skip  ${entry.path}: ${entry.reason}`);
  const { choice, settings } = await setUpPipeline(options, say);
  const store = new FsArticleStore({
    root: options.out,
    sources: new Map(inputs.map((input) => [input.key, input.path])),
  });
  const logger = new StreamLogger({
    stream: io.stderr,
    format: options.logFormat,
    level: options.verbose ? 'debug' : 'error',
  });
  // The memory lives in the output folder next to the articles, sealed with the folder's own key; --no-cache
  // reads none of it but still remembers the fresh translations, replacing what was there.
  const translator = new TranslationMemory(choice.translator, {
    store,
    prefix: cachePrefix,
    memoryKey: await memoryKeyFile(join(options.out, MEMORY_KEY_FILE)),
    read: options.cache,
    logger,
  });
  const deps = {
    store,
    translator,
    clock: systemClock,
    logger,
    ...(options.events ? { events: new JsonLinesEventSink(options.events) } : {}),
    ...(choice.detector ? { detector: choice.detector } : {}),
  };

  say(
    `Processing ${inputs.length} article${inputs.length === 1 ? '' : 's'} into ${options.out}/ (${[options.sourceLanguage, ...settings.targetLanguages].join(', ')}; ${choice.translator.engine})`,
  );
  const limit = pLimit(options.concurrency);
  let done = 0;
  let failures = 0;
  const processInput = (input: (typeof inputs)[number]) =>
    limit(async (): Promise<ArticleOutcome | undefined> => {
      const started = Date.now();
      let outcome: ArticleOutcome | undefined;
      let line: string;
      try {
        outcome = await processObject({ key: input.key }, settings, deps);
        line = describe(outcome);
      } catch (error) {
        line = `${input.path} could not be processed: ${error instanceof Error ? error.message : String(error)}`;
      }
      if (!outcome || outcome.status === 'failed' || outcome.status === 'partial') failures++;
      done++;
      say(`[${done}/${inputs.length}] ${line} (${seconds(Date.now() - started)})`);
      return outcome;
    });
  // Editors' corrections apply to what the articles published, so they go once the articles are done.
  const edits = inputs.filter((input) => isEditKey(input.key, settings.editsPrefix));
  const outcomes = await Promise.all(inputs.filter((input) => !edits.includes(input)).map(processInput))
    .then(async (articles) => [...articles, ...(await Promise.all(edits.map(processInput)))])
    .finally(() => choice.close());

  for (const outcome of outcomes) {
    if (!outcome) continue;
    if (outcome.status === 'published' || outcome.status === 'partial' || outcome.status === 'unchanged') {
      const html = outcome.htmlKeys[outcome.languages[0] ?? ''] ?? '';
      io.stdout.write(
        `${outcome.articleId}\t${outcome.languages.join(',')}\t${relative(process.cwd(), `${store.root}/${html}`)}\n`,
      );
    } else if (outcome.status === 'failed') {
      io.stdout.write(
        `${outcome.articleId}\tfailed\t${relative(process.cwd(), `${store.root}/${outcome.failedKey}`)}\n`,
      );
    }
  }
  say(
    failures === 0
      ? `Done: all ${inputs.length} published.`
      : `Done: ${failures} of ${inputs.length} not fully published.`,
  );
  return failures === 0 ? 0 : 1;
}

/** The run's lines always give the estimate, `~$0.00` included. */
function cost(usage: PublishedOutcome['usage']): string {
  return translationCost(usage, { price: 'always' });
}

function describe(outcome: ArticleOutcome): string {
  switch (outcome.status) {
    case 'published':
      return `${outcome.articleId} published (${outcome.languages.join(', ')}; ${cost(outcome.usage)})`;
    case 'partial':
      return `${outcome.articleId} partially published (${outcome.languages.join(', ')}; ${cost(outcome.usage)}); failed: ${outcome.errors.map((error) => `${error.language}: ${error.message}`).join('; ')}`;
    case 'unchanged':
      return `${outcome.articleId} unchanged since it was last published`;
    case 'failed':
      return `${outcome.articleId} failed: ${outcome.error.message} ${outcome.error.hint}`;
    case 'ignored':
      return `${outcome.key} ignored: ${outcome.reason}`;
  }
}
