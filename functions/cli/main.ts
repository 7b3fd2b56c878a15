import { Command, CommanderError } from 'commander';
import { pipelineVersion } from '../version.js';
import { addCommandOptions } from './flags.js';
import { InputError } from './inputs.js';
import { UsageError } from './usage-error.js';

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
  .argument('<paths...>', 'article files (.txt, .md, .html) or folders of them');
addCommandOptions(run, 'run').action(async (paths: string[], options) => {
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
  );
addCommandOptions(dev, 'dev').action(async (options) => {
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
