import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { pipelineVersion } from '../version.js';
import { InputError } from './inputs.js';
import { UsageError } from './usage-error.js';

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0)
    throw new InvalidArgumentError('expected a positive whole number');
  return number;
}

function portNumber(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number > 65_535)
    throw new InvalidArgumentError('expected a port number from 0 (any free port) to 65535');
  return number;
}

function languageList(value: string): string[] {
  const languages = value
    .split(',')
    .map((language) => language.trim())
    .filter((language) => language !== '');
  if (languages.length === 0) throw new InvalidArgumentError('expected language codes such as es,ca');
  return languages;
}

/**
 * The options `run` and `dev` share for the engine and what it publishes, in the order both help texts list them.
 * `translatorHelp` describes --translator as the command uses it.
 */
function addEngineOptions(command: Command, translatorHelp: string): Command {
  return command
    .option(
      '-l, --languages <codes>',
      'target languages, comma-separated (apertium default: es,ca, plus gl,eo when installed; aws default: es,fr,de,ru,zh,ar)',
      languageList,
    )
    .addOption(
      new Option('-t, --translator <name>', translatorHelp).choices(['apertium', 'aws']).default('apertium'),
    )
    .option('-s, --source-language <code>', 'language the articles are written in', 'en')
    .addOption(
      new Option('--scope <scope>', 'translate everything, or only headline, summary and facts')
        .choices(['full', 'brief'])
        .default('full'),
    )
    .option(
      '--max-article-bytes <n>',
      'refuse larger articles before reading them',
      positiveInteger,
      2_097_152,
    )
    .option('-c, --concurrency <n>', 'articles processed at once', positiveInteger, 4);
}

/** The options that end the lists of both `run` and `dev`: the cost estimate's price, Apertium set-up, logging. */
function addClosingOptions(command: Command, help: { logFormat: string; verbose: string }): Command {
  return command
    .option(
      '--price <usd>',
      'price per million characters for the cost estimate (aws: 15; apertium: 0)',
      Number,
    )
    .option(
      '--install-missing',
      'install missing Apertium packages with apt-get when allowed (root or passwordless sudo)',
      false,
    )
    .addOption(new Option('--log-format <format>', help.logFormat).choices(['text', 'json']).default('text'))
    .option('-v, --verbose', help.verbose, false);
}

const io = { stdout: process.stdout, stderr: process.stderr };

const program = new Command('polybrief')
  .description('Key facts and translations of news articles, as JSON and HTML in every language.')
  .version(pipelineVersion)
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

const run = program
  .command('run')
  .summary('process article files into an output folder, as the deployed pipeline would')
  .description(
    'Process each article as if it had been uploaded to the bucket under incoming/<file name>, writing ' +
      'published/<articleId>/<lang>.json, <lang>.html and manifest.json (last), or failed/<articleId>.json, ' +
      'under the output folder. A folder argument means every .txt, .md and .html file directly inside it.\n\n' +
      'Exit status: 0 all published, 1 at least one article failed (the others are still published), 2 usage error.',
  )
  .argument('<paths...>', 'article files (.txt, .md, .html) or folders of them')
  .option('-o, --out <dir>', 'output folder standing in for the bucket', 'out');
addEngineOptions(run, 'translation engine')
  .option('--events <file>', 'append ArticlePublished/ArticleFailed events to this file as JSON Lines')
  .option('--no-cache', 'translate everything afresh instead of reusing the translation memory')
  .option('--cache-prefix <prefix>', 'where the translation memory lives, under the output folder', 'cache/');
addClosingOptions(run, {
  logFormat: 'log lines for people or machines',
  verbose: 'log every step, not only errors',
}).action(async (paths: string[], options) => {
  // Commands load their modules when run, so `--help` stays quick.
  const { runCommand } = await import('./run-command.js');
  process.exitCode = await runCommand(paths, { ...options, pipelineVersion }, io);
});

program
  .command('facts')
  .summary('print the key facts of article files as JSON Lines')
  .description(
    'Print one JSON object per file, one per line, in the order given: headline, dateline, summary and facts ' +
      '(people, organisations, places, dates, quotes, figures) with offsets into the text. A file that cannot be ' +
      'read gets {"file": ..., "error": ...} on its line, and the exit status is 1 after the others are printed.',
  )
  .argument('<files...>', 'article files (.txt, .md, .html)')
  .action(async (files: string[]) => {
    const { factsCommand } = await import('./facts-command.js');
    process.exitCode = await factsCommand(files, io);
  });

const dev = program
  .command('dev')
  .summary('run the deployed system on this machine: a local S3 bucket whose uploads are processed')
  .description(
    'Start an S3-compatible endpoint on 127.0.0.1 (any access key and secret are accepted) with one bucket, and ' +
      'process every object created under incoming/ with the real Lambda handler, fed S3 notifications in SQS ' +
      'messages of exactly the AWS shape. Outputs land in the bucket under published/<id>/ (open ' +
      'http://127.0.0.1:4569/polybrief-local/published/<id>/es.html in a browser) or failed/<id>.json.\n\n' +
      'Prints the endpoint, the bucket and the upload command, then a line per article (id, languages, time) and ' +
      'per completion event on stdout; logs go to stderr. Uploads are queued and processed --concurrency at a time; ' +
      'one whose processing fails is retried up to --max-receive-count times, then logged as dead-lettered. ' +
      'Objects persist in the data folder: at start, uploads whose current version has no manifest and no failed ' +
      'record are processed, so nothing is lost by a stop or a crash.\n\n' +
      'Ctrl-C (or SIGTERM) stops taking uploads, lets the articles in flight finish (up to --stop-timeout), and ' +
      'exits 0; a second Ctrl-C quits at once (exit status 130).',
  )
  // Verbatim (help text after the options is not wrapped), so the commands can be copied as they are.
  .addHelpText(
    'after',
    '\nExample:\n' +
      '  npx polybrief dev\n' +
      '  aws --endpoint-url http://127.0.0.1:4569 s3 cp article.txt s3://polybrief-local/incoming/\n' +
      '  # then open http://127.0.0.1:4569/polybrief-local/published/article/es.html in a browser',
  )
  .option('-p, --port <n>', 'port on 127.0.0.1 (0 picks a free one)', portNumber, 4569)
  .option('-d, --data <dir>', 'folder the bucket is kept in', '.polybrief')
  .option('-b, --bucket <name>', 'bucket name', 'polybrief-local');
addEngineOptions(
  dev,
  'translation engine; aws uses Amazon Translate with your AWS credentials and region, or the endpoint in AWS_ENDPOINT_URL_TRANSLATE',
)
  .option(
    '--max-receive-count <n>',
    'deliveries of a failing upload before it is given up (dead-lettered), as the deployed queue does',
    positiveInteger,
    3,
  )
  .option('--no-cache', 'translate everything afresh instead of reusing the translation memory in the bucket')
  .option('--cache-prefix <prefix>', 'where the translation memory lives in the bucket', 'cache/')
  .option(
    '--stop-timeout <seconds>',
    'after Ctrl-C, how long articles in flight may take to finish',
    positiveInteger,
    30,
  );
addClosingOptions(dev, {
  logFormat: 'log lines (stderr) for people or machines',
  verbose: 'log every step, not only warnings and errors',
}).action(async (options) => {
  const { devCommand } = await import('./dev-command.js');
  process.exitCode = await devCommand({ ...options, pipelineVersion }, io);
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode =
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.code === 'commander.help'
        ? 0
        : 2;
  } else if (error instanceof UsageError || error instanceof InputError) {
    process.stderr.write(`polybrief: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
